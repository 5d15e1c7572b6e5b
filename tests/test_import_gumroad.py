"""Gumroad importer: sales export and payout CSV.

Every expected total is worked out by hand from the literal rows, with the arithmetic shown.
"""

from __future__ import annotations

from conftest import expected_totals as expect
from conftest import month_kind_totals as totals

from analytics import load_export

# The sales export header as Gumroad writes it (app/services/exports/purchase_export_service.rb).
SALES_HEADER = [
    "Purchase ID", "Item Name", "Buyer Name", "Purchase Email", "Buyer Email", "Do not contact?",
    "Purchase Date", "Purchase Time (UTC timezone)", "Subtotal ($)", "Taxes ($)", "Tax Type",
    "Shipping ($)", "Sale Price ($)", "Fees ($)", "Net Total ($)", "Tip ($)",
    "Tax Included in Price?", "Street Address", "City", "Zip Code", "State", "Country",
    "Referrer", "Refunded?", "Partial Refund ($)", "Fully Refunded?", "Disputed?",
    "Dispute Won?", "Access Revoked?", "Variants", "Discount Code", "Recurring Charge?",
    "Free trial purchase?", "Pre-order authorization?", "Product ID", "Order Number",
    "Pre-order authorization time (UTC timezone)", "Custom Fields", "Item Price ($)",
    "Variants Price ($)", "Giftee Email", "SKU ID", "Quantity", "Recurrence", "Affiliate",
    "Affiliate commission ($)", "Discover?", "Cancellation Date", "Subscription End Date",
    "Rating", "Review", "License Key", "License Key Activation Count", "License Key Enabled?",
    "Payment Type", "PayPal Transaction ID", "PayPal Fee Amount", "PayPal Fee Currency",
    "Stripe Transaction ID", "Stripe Fee Amount", "Stripe Fee Currency",
    "Purchasing Power Parity Discounted?", "Upsold?", "Sent Abandoned Cart Email?",
    "UTM Source", "UTM Medium", "UTM Campaign", "UTM Term", "UTM Content", "Buyer Currency",
    "Buyer Total", "Buyer Refunded Total",
]  # fmt: skip

# Boolean flags Gumroad writes as 0/1 on every purchase row.
FLAGS = {
    "Do not contact?": "0",
    "Refunded?": "0",
    "Partial Refund ($)": "0.0",
    "Fully Refunded?": "0",
    "Disputed?": "0",
    "Dispute Won?": "0",
    "Free trial purchase?": "0",
    "Pre-order authorization?": "0",
}


def sale(pid, item, day, price, fees, net, **cells) -> str:
    """One sales-export line; every amount is given literally by the caller."""
    values = {
        **FLAGS,
        "Purchase ID": pid,
        "Item Name": item,
        "Buyer Name": cells.pop("buyer", "Ann Buyer"),
        "Purchase Email": "ann@example.com",
        "Purchase Date": day,
        "Purchase Time (UTC timezone)": f"{day} 10:00:00 UTC",
        "Subtotal ($)": price,
        "Taxes ($)": "0.0",
        "Shipping ($)": "0.0",
        "Sale Price ($)": price,
        "Fees ($)": fees,
        "Net Total ($)": net,
        "Tip ($)": "0.0",
        **cells,
    }
    return ",".join(values.get(h, "") for h in SALES_HEADER)


def totals_line(**cells) -> str:
    values = {"Purchase ID": "Totals", **cells}
    return ",".join(values.get(h, "") for h in SALES_HEADER)


SALES_LINES = [
    ",".join(SALES_HEADER),
    sale("abc1", "Ebook", "2026-01-05", "10.0", "1.2", "8.8"),
    # tax inside the price: 108.00 - 8.00 tax = 100.00 of income; 100.00 - 11.00 = 89.00 net
    sale("abc2", "Course", "2026-01-10", "108.0", "11.0", "89.0", **{"Taxes ($)": "8.0"}),
    sale("abc3", "Ebook", "2026-01-20", "10.0", "1.2", "8.8", **{"Refunded?": "1", "Fully Refunded?": "1"}),
    sale("abc4", "Guide", "2026-02-03", "20.0", "2.2", "17.8", **{"Refunded?": "1", "Partial Refund ($)": "5.0"}),
    sale("abc5", "Free sampler", "2026-02-04", "0.0", "0.0", "0.0"),
    # affiliate commission 5.00 paid out of the sale: 50.00 - 5.30 - 5.00 = 39.70
    sale("abc6", "Course", "2026-02-05", "50.0", "5.3", "39.7", **{"Affiliate commission ($)": "5.0"}),
    sale("abc7", "Ebook", "2026-02-30", "10.0", "1.2", "8.8"),
    sale("abc8", "Ebook", "2026-02-10", "ten", "1.2", "8.8"),
    sale("abc9", "Album", "2026-02-11", "15.0", "1.65", "13.35", **{"Pre-order authorization?": "1"}),
    totals_line(**{"Sale Price ($)": "223.0", "Fees ($)": "23.65", "Net Total ($)": "195.55"}),
]  # fmt: skip


def test_sales_export_totals_per_kind_and_month(csv_bytes):
    result = load_export(csv_bytes("\n".join(SALES_LINES) + "\n"), filename="Sales.csv")
    assert result.platform == "gumroad"
    assert result.layout == "Gumroad sales export"
    assert totals(result) == expect(
        {
            # abc1 10.00 + abc2 100.00 (tax out) + abc3 10.00; fees 1.20 + 11.00 + 1.20
            ("2026-01", "earning"): (10.00 + 100.00 + 10.00, 1.20 + 11.00 + 1.20, 106.60),
            ("2026-01", "refund"): (-10.00, 0.00, -10.00),  # abc3 fully refunded
            # abc4 20.00 + abc6 50.00; fees 2.20 + (5.30 + 5.00 affiliate)
            ("2026-02", "earning"): (20.00 + 50.00, 2.20 + 10.30, 17.80 + 39.70),
            ("2026-02", "refund"): (-5.00, 0.00, -5.00),  # abc4 partial refund
        }
    )
    t = result.transactions
    assert set(t["currency"]) == {"USD"}
    assert t.loc[t["reference"] == "abc1", "client"].iloc[0] == "Ann Buyer"
    assert any("no refund date" in w for w in result.warnings)


def test_sales_export_rows_accounted_and_totals_row_skipped(csv_bytes):
    result = load_export(csv_bytes("\n".join(SALES_LINES) + "\n"), filename="Sales.csv")
    skipped = dict(zip(result.skipped["row"], result.skipped["reason"], strict=True))
    rejected = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    # header is row 1: abc5 is row 6, abc7 row 8, abc8 row 9, abc9 row 10, Totals row 11
    assert sorted(skipped) == [6, 10, 11]
    assert "Totals" in skipped[11] or "totals" in skipped[11]
    assert "free" in skipped[6] and "pre-order" in skipped[10]
    assert sorted(rejected) == [8, 9]
    assert "2026-02-30" in rejected[8]
    assert "ten" in rejected[9]
    assert result.rows_read == 10
    assert result.rows_imported == 10 - 3 - 2
    assert len(result.transactions) == 5 + 2  # five earnings, two refunds


PAYOUT = """\
Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),Shipping ($),Sale Price ($),Gumroad Fees ($),Net Total ($)
Sale,2026-03-01,p1,Ebook,Ann,ann@example.com,0.0,0.0,10.0,1.2,8.8
Sale,2026-03-02,p2,Course,Bob,bob@example.com,0.0,0.0,100.0,10.5,89.5
Full Refund,2026-03-03,p1,Ebook,Ann,ann@example.com,-0.0,-0.0,-10.0,-1.2,-8.8
Partial Refund,2026-03-04,p2,Course,Bob,bob@example.com,-0.0,-0.0,-20.0,-1.5,-18.5
PayPal Refund,2026-03-05,p3,Guide,Cy,cy@example.com,-0.0,-0.0,-15.0,1.0,-14.0
Chargeback,2026-03-06,p4,Guide,Dee,dee@example.com,-0.0,-0.0,-15.0,-1.8,-13.2
Credit,2026-03-07,p4,,,,,,2.0,,2.0
Affiliate Credit,2026-03-08,,,,,,,3.5,,3.5
Stripe Connect Affiliate Fees,2026-03-09,,,,,,,-1.25,,-1.25
PayPal Payouts,2026-03-10,,"PayPal sales (and their Gumroad fees) are settled by PayPal directly; this line removes their net amount so they don't count toward this payout.",,,,,-40.0,,-40.0
Payout Fee,2026-03-11,,,,,,,,2.0,-2.0
Technical Adjustment,2026-03-11,,,,,,,,,0.03
Bonus,2026-03-12,,,,,,,1.0,,1.0
Sale,2026-03-13,p5,Ebook,Eve,eve@example.com,0.0,0.0,10.0,1.2,9.9
Sale,13/13/2026,p6,Ebook,Fay,fay@example.com,0.0,0.0,10.0,1.2,8.8
Subtotal — activity paid out by Gumroad,,,,,,0.0,0.0,60.0,8.0,52.0
Totals,,,,,,0.0,0.0,60.0,8.0,52.0
"""


def test_payout_csv_totals_and_rows(csv_bytes):
    result = load_export(csv_bytes(PAYOUT), filename="payout.csv")
    assert result.layout == "Gumroad payout CSV"
    assert totals(result) == expect(
        {
            # Sale 10.00 + Sale 100.00 + Affiliate Credit 3.50; fees 1.20 + 10.50
            ("2026-03", "earning"): (113.50, 11.70, 8.80 + 89.50 + 3.50),
            # refunds -10 -20 -15 and chargeback -15; fees given back 1.20, 1.50, 1.00, 1.80
            ("2026-03", "refund"): (-60.00, -1.20 - 1.50 - 1.00 - 1.80, -8.8 - 18.5 - 14 - 13.2),
            ("2026-03", "fee"): (0.00, 1.25 + 2.00, -3.25),  # affiliate fees + payout fee
            ("2026-03", "adjustment"): (2.00 + 0.03, 0.00, 2.03),
            ("2026-03", "transfer"): (-40.00, 0.00, -40.00),  # PayPal paid those sales out
        }
    )
    skipped = dict(zip(result.skipped["row"], result.skipped["reason"], strict=True))
    rejected = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert sorted(skipped) == [17, 18]  # Subtotal — …, Totals
    assert sorted(rejected) == [14, 15, 16]
    assert "Bonus" in rejected[14]
    assert "9.90" in rejected[15]  # 10.00 - 1.20 is 8.80
    assert "13/13/2026" in rejected[16]
    assert result.rows_read == 17
    assert result.rows_imported == 17 - 2 - 3
    assert len(result.transactions) == 12
    assert set(result.transactions["currency"]) == {"USD"}


def test_a_payout_layout_that_takes_both_orders_asks_to_check_the_dates(csv_bytes):
    """Gumroad's payout CSV is read in either day/month order: dates that all read two ways
    are not "as this export writes them", so the user is asked to check one."""
    text = """\
Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),Shipping ($),Sale Price ($),Gumroad Fees ($),Net Total ($)
Sale,03/01/2026,p1,Ebook,Ann,ann@example.com,0.0,0.0,10.0,1.2,8.8
Sale,04/02/2026,p2,Ebook,Bob,bob@example.com,0.0,0.0,10.0,1.2,8.8
"""
    result = load_export(csv_bytes(text), filename="payout.csv")
    [warning] = [w for w in result.warnings if "can be read two ways" in w]
    assert "as this export writes them" not in warning and "Check a date you know" in warning


def test_a_free_sale_in_a_payout_csv_is_skipped_as_in_the_sales_export():
    text = (
        b"Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),Shipping ($),"
        b"Sale Price ($),Gumroad Fees ($),Net Total ($)\n"
        b"Sale,2026-03-01,p1,Ebook,Ann,ann@example.com,0.0,0.0,10.0,1.2,8.8\n"
        b"Sale,2026-03-02,p2,Free guide,Bob,bob@example.com,0.0,0.0,0.0,0.0,0.0\n"
    )
    result = load_export(text, "payout.csv")
    assert result.transactions["gross"].tolist() == [10.0]
    assert result.skipped.set_index("row")["reason"][3] == "free product (price 0): no money moved"


def test_a_payout_sale_with_blank_amounts_is_no_free_product():
    text = (
        b"Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),Shipping ($),"
        b"Sale Price ($),Gumroad Fees ($),Net Total ($)\n"
        b"Sale,2026-01-06,s2,Course,Ann,ann@example.com,,,,,\n"
    )
    result = load_export(text, "payout.csv")
    assert result.skipped.empty and list(result.rejected["row"]) == [2]
