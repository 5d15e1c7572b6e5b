"""Etsy importer: monthly statement (both headers), Sold Orders (US and UK), Etsy Payments.

Every expected total is worked out by hand from the literal rows, with the arithmetic shown.
"""

from __future__ import annotations

from conftest import expected_totals as expect
from conftest import month_kind_totals as totals

from analytics import load_export

STATEMENT_GBP = """\
Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details
"31 July, 2026",Sale,Payment for Order #4137418052,,GBP,£29.99,-£1.44,£28.55,--
"31 July, 2026",Fee,Transaction fee: Mug &quot;Blue&quot; &amp; Saucer,Order #4137418052,GBP,--,-£1.95,-£1.95,--
"31 July, 2026",Marketing,Fee for sale made through Offsite Ads,Order #4137418052,GBP,--,-£4.80,-£4.80,--
"31 July, 2026",VAT,VAT: Offsite Ads fee,Order #4137418052,GBP,--,-£0.96,-£0.96,--
"15 July, 2026",Sale,Payment for Order #4137418000,,GBP,"£1,020.00",-£40.80,£979.20,--
"16 July, 2026",Refund,Refund to buyer for Order #4137418000,,GBP,-£20.00,£0.80,-£19.20,--
"20 July, 2026",Shipping label,Royal Mail shipping label,Order #4137418000,GBP,--,-£3.50,-£3.50,--
"21 July, 2026",Credit,Credit for Transaction fee,,GBP,--,£0.20,£0.20,--
"31 July, 2026",Deposit,£900.00 sent to your bank account,,GBP,--,--,--,--
"1 August, 2026",Reserve,Funds held in reserve,,GBP,--,-£5.00,-£5.00,--
"2 August, 2026",Sale,Payment for Order #1,,GBP,£10.00,-£0.50,£9.00,--
"32 August, 2026",Sale,Payment for Order #2,,GBP,£10.00,-£0.50,£9.50,--
"3 August, 2026",Sale,Payment for Order #3,,GBP,£1O.00,-£0.50,£9.50,--
"4 August, 2026",Deposit,Deposit to your bank account,,GBP,--,--,--,--
"5 August, 2026",Sale,Payment for Order #4,,GBP,£12.00,-£0.60,£11.40,--
"""


def test_statement_totals_per_kind_and_month(csv_bytes):
    result = load_export(csv_bytes(STATEMENT_GBP, bom=True), filename="etsy_statement_2026_7.csv")
    assert result.platform == "etsy"
    assert result.layout == "Etsy monthly statement"
    assert totals(result) == expect(
        {
            # sales 29.99 + 1,020.00; processing fees 1.44 + 40.80; net 28.55 + 979.20
            ("2026-07", "earning"): (29.99 + 1020.00, 1.44 + 40.80, 28.55 + 979.20),
            # refund -20.00 with the 0.80 fee credited back
            ("2026-07", "refund"): (-20.00, -0.80, -19.20),
            # transaction fee 1.95 + Offsite Ads 4.80 + shipping label 3.50
            ("2026-07", "fee"): (0.00, 1.95 + 4.80 + 3.50, -10.25),
            ("2026-07", "tax"): (-0.96, 0.00, -0.96),
            ("2026-07", "adjustment"): (0.20, 0.00, 0.20),
            ("2026-07", "transfer"): (-900.00, 0.00, -900.00),  # amount from the title
            ("2026-08", "earning"): (12.00, 0.60, 11.40),
        }
    )
    t = result.transactions
    assert set(t["currency"]) == {"GBP"}
    assert (t["description"] == 'Transaction fee: Mug "Blue" & Saucer (Order #4137418052)').any()


def test_statement_bad_rows_rejected_and_rows_accounted(csv_bytes):
    result = load_export(csv_bytes(STATEMENT_GBP), filename="etsy_statement_2026_7.csv")
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert sorted(reasons) == [11, 12, 13, 14]
    assert "Reserve" in reasons[11]
    assert "9.00" in reasons[12] and "9.50" in reasons[12]  # 10.00 - 0.50 is 9.50
    assert "32 August, 2026" in reasons[13]
    assert "£1O.00" in reasons[14]  # letter O instead of zero
    assert list(result.skipped["row"]) == [15]  # deposit with no amount anywhere
    assert "no amount" in result.skipped["reason"].iloc[0]
    assert result.rows_read == 15
    assert result.rows_imported == 15 - 4 - 1
    assert len(result.transactions) == 10


STATEMENT_CAD = """\
Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details
"September 3, 2026",Fee,Transaction fee: Wool hat,Listing #1501,CAD,--,-CA$4.42,-CA$4.42,
"September 5, 2026",Sale,Payment for Order #9,,CAD,CA$76.00,-CA$2.53,CA$73.47,
"September 6, 2026",Fee,Listing fee,Listing #1502,,--,-CA$0.27,-CA$0.27,
"September 30, 2026",Deposit,"CA$60.00 sent to your bank account",,CAD,--,--,--,
"September 30, 2026",Tax,Sales tax paid by buyer,Order #9,CAD,--,--,--,
"""


def test_statement_cad_month_first_dates_and_symbol_currency(csv_bytes):
    result = load_export(csv_bytes(STATEMENT_CAD), filename="etsy_statement_2026_9.csv")
    assert result.rejected.empty
    assert list(result.skipped["row"]) == [6]  # information line: every amount is `--`
    assert totals(result) == expect(
        {
            ("2026-09", "fee"): (0.00, 4.42 + 0.27, -4.69),
            ("2026-09", "earning"): (76.00, 2.53, 73.47),
            ("2026-09", "transfer"): (-60.00, 0.00, -60.00),
        }
    )
    # the listing-fee row has no Currency cell: CA$ in its amount says CAD
    assert set(result.transactions["currency"]) == {"CAD"}
    assert result.transactions["date"].dt.day.tolist() == [3, 5, 6, 30]


STATEMENT_OLD = """\
Date,Type,Description,Info,Currency,Amount,Fees & Taxes,Net
31 Jul 2025,Sale,Payment for Order #1,,USD,25.00,-1.05,23.95
31 Jul 2025,Fee,Listing fee,Listing #5,USD,0,-0.20,-0.20
01 Aug 2025,Tax,Sales tax on fees,,USD,0,-0.05,-0.05
02 Aug 2025,Deposit,$23.70 sent to your bank account,,USD,0,0,0
"""


def test_statement_older_header(csv_bytes):
    result = load_export(csv_bytes(STATEMENT_OLD), filename="etsy_statement_2025_7.csv")
    assert result.layout == "Etsy monthly statement (older layout)"
    assert result.rejected.empty and result.skipped.empty
    assert totals(result) == expect(
        {
            ("2025-07", "earning"): (25.00, 1.05, 23.95),
            ("2025-07", "fee"): (0.00, 0.20, -0.20),
            ("2025-08", "tax"): (-0.05, 0.00, -0.05),
            ("2025-08", "transfer"): (-23.70, 0.00, -23.70),  # 0 cells: amount from the title
        }
    )


SOLD_ORDERS = """\
Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU
01/15/26,1001,,Jane Doe,Jane,Doe,2,Other,,1 Main St,,Austin,TX,78701,United States,USD,40.00,SAVE10,10% off,4.00,0,5.00,3.28,44.28,Completed,1.58,39.42,,,,janed,online,online_cc,,,
01/20/26,1002,,John Roe,John,Roe,1,Other,,1 Main St,,Austin,TX,78701,United States,USD,20.00,,,0,0,0,1.60,21.60,Completed,0.90,20.70,,,,johnr,online,online_cc,,,
02/03/26,1003,,Ann Lee,,,1,Other,,1 Main St,,Austin,TX,78701,United States,USD,30.00,,,0,0,0,0,30.00,Canceled,1.20,28.80,0.00,0.25,-0.25,annl,online,online_cc,,,
02/10/26,1004,,Bo Chan,,,3,Other,,1 Main St,,Austin,TX,78701,United States,USD,50.00,,,0,0,10.00,0,60.00,Completed,2.10,57.90,45.00,1.60,43.40,boc,online,online_cc,,,
13/45/26,1005,,Cy Dee,,,1,Other,,1 Main St,,Austin,TX,78701,United States,USD,10.00,,,0,0,0,0,10.00,Completed,0.50,9.50,,,,,online,online_cc,,,
02/11/26,1006,,Di Eve,,,1,Other,,1 Main St,,Austin,TX,78701,United States,USD,10.00,,,0,0,0,0,ten,Completed,0.50,9.50,,,,,online,online_cc,,,
02/12/26,1007,,Ed Fox,,,1,Other,,1 Main St,,Austin,TX,78701,United States,USD,10.00,,,0,0,0,0,10.00,Completed,0.50,9.00,,,,,online,online_cc,,,
"""


def test_sold_orders_income_excludes_sales_tax_and_refunds_from_adjusted(csv_bytes):
    result = load_export(csv_bytes(SOLD_ORDERS), filename="EtsySoldOrders2026.csv")
    assert result.layout == "Etsy Sold Orders"
    assert totals(result) == expect(
        {
            # 1001: 40.00 - 4.00 discount + 5.00 shipping = 41.00 (44.28 total - 3.28 tax)
            # 1002: 21.60 - 1.60 tax = 20.00; fees 1.58 + 0.90
            ("2026-01", "earning"): (41.00 + 20.00, 1.58 + 0.90, 39.42 + 19.10),
            # 1002's Order Net 20.70 = 21.60 - 0.90 still holds the tax: a separate tax row
            ("2026-01", "tax"): (1.60, 0.00, 1.60),
            ("2026-02", "earning"): (30.00 + 60.00, 1.20 + 2.10, 28.80 + 57.90),
            # 1003 fully refunded: -30.00, fees 0.25 - 1.20 = -0.95 given back;
            # 1004: total 60.00 -> 45.00 is a quarter refunded: -60.00 * 15/60 = -15.00,
            # fees 1.60 - 2.10 = -0.50
            ("2026-02", "refund"): (-30.00 - 15.00, -0.95 - 0.50, -29.05 - 14.50),
        }
    )
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert sorted(reasons) == [6, 7, 8]
    assert "13/45/26" in reasons[6]
    assert "ten" in reasons[7]
    # 1007: 10.00 - 0.50 = 9.50 either way (no sales tax), not the file's 9.00
    assert reasons[8] == (
        "Order Net 9.00 is neither Order Total minus Sales Tax minus Card Processing Fees nor "
        "Order Total minus Card Processing Fees: the row looks edited or cut off"
    )
    assert result.rows_read == 7 and result.rows_imported == 4
    assert any("only shows card processing fees" in w for w in result.warnings)
    t = result.transactions
    assert set(t["currency"]) == {"USD"}
    assert t.loc[t["reference"] == "1001", "client"].iloc[0] == "Jane Doe"


SOLD_ORDERS_UK = """\
Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Posted,Street 1,Street 2,Delivery City,Delivery State,Delivery Zipcode,Delivery Country,Currency,Order Value,Coupon Code,Coupon Details,Discount Amount,Delivery Discount,Delivery,Sales tax,Order total,Status,Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU
25/03/26,2001,,Amy Pond,Amy,Pond,1,Other,,1 High St,,Leeds,,LS1 1AA,United Kingdom,GBP,12.00,,,0,0,3.00,0,15.00,Completed,0.65,14.35,,,,amyp,online,online_cc,,,
04/03/26,2002,,Rory Williams,Rory,Williams,2,Other,,2 High St,,York,,YO1 1AA,United Kingdom,GBP,"1,200.00",,,0,0,0,0,"1,200.00",Completed,48.20,"1,151.80",,,,roryw,online,online_cc,,,
"""


def test_sold_orders_uk_names_and_day_first_dates(csv_bytes):
    result = load_export(csv_bytes(SOLD_ORDERS_UK), filename="EtsySoldOrders2026-3.csv")
    assert result.layout == "Etsy Sold Orders (UK)"
    assert result.rejected.empty
    assert totals(result) == expect(
        {
            # 12.00 + 3.00 delivery, and 1,200.00; fees 0.65 + 48.20
            ("2026-03", "earning"): (15.00 + 1200.00, 0.65 + 48.20, 14.35 + 1151.80),
        }
    )
    # 25/03/26 only reads day-first, so 04/03/26 is 4 March, not 3 April
    assert sorted(result.transactions["date"].dt.day) == [4, 25]


PAYMENTS = """\
Payment ID,Buyer Username,Buyer Name,Order ID,Gross Amount,Fees,Net Amount,Posted Gross,Posted Fees,Posted Net,Adjusted Gross,Adjusted Fees,Adjusted Net,Currency,Listing Amount,Listing Currency,Exchange Rate,VAT Amount,Gift Card Applied?,Status,Funds Available,Order Date,Buyer,Order Type,Payment Type,Refund Amount
3001,annl,Ann Lee,5001,25.00,1.00,24.00,25.00,1.00,24.00,,,,USD,25.00,USD,1,0,false,Settled,2026-03-05,2026-03-02,annl,online,online_cc,
3002,bobc,Bo Chan,5002,40.00,1.45,38.55,40.00,1.45,38.55,30.00,1.15,28.85,USD,40.00,USD,1,0,false,Settled,2026-03-08,2026-03-05,bobc,online,online_cc,10.00
3003,cyd,Cy Dee,5003,10.00,-0.50,9.50,10.00,-0.50,9.50,0,0,0,USD,10.00,USD,1,0,false,Settled,2026-03-12,2026-03-10,cyd,online,online_cc,
3004,die,Di Eve,5004,20.00,0.80,19.20,20.00,0.80,19.20,,,,USD,20.00,USD,1,0,false,Refunded,2026-04-03,2026-04-01,die,online,online_cc,20.00
3005,edf,Ed Fox,5005,20.00,0.80,19.20,20.00,0.80,19.20,,,,USD,20.00,USD,1,0,false,Settled,2026-04-05,2026-04-31,edf,online,online_cc,
"""


def test_etsy_payments_sales(csv_bytes):
    result = load_export(csv_bytes(PAYMENTS), filename="EtsyPayments.csv")
    assert result.layout == "Etsy Payments sales"
    assert totals(result) == expect(
        {
            # 25.00 + 40.00 + 10.00; fees 1.00 + 1.45 + 0.50 (3003 writes its fee as -0.50)
            ("2026-03", "earning"): (75.00, 2.95, 72.05),
            # 3002 adjusted 40.00 -> 30.00, fees 1.45 -> 1.15
            ("2026-03", "refund"): (-10.00, -0.30, -9.70),
            ("2026-04", "earning"): (20.00, 0.80, 19.20),
            ("2026-04", "refund"): (-20.00, 0.00, -20.00),  # Refund Amount only: fee 0
        }
    )
    assert list(result.rejected["row"]) == [6]
    assert "2026-04-31" in result.rejected["reason"].iloc[0]
    assert result.rows_read == 5 and result.rows_imported == 4
    assert any("only shows card processing fees" in w for w in result.warnings)


def test_statement_resaved_with_decimal_commas_keeps_the_deposit_from_its_title(csv_bytes):
    # A German spreadsheet re-saved the number columns (semicolons, decimal commas) but not the
    # title, which Etsy wrote: "$466.57" is 466.57, not 46,657.
    text = (
        "Date;Type;Title;Info;Currency;Amount;Fees & Taxes;Net;Tax Details\n"
        '"2 August, 2025";Sale;Payment for Order #1;;USD;"1.020,00";"-40,80";"979,20";--\n'
        '"3 August, 2025";Deposit;$466.57 sent to your bank account;;USD;--;--;--;--\n'
        '"4 August, 2025";Deposit;"1.200,50 $ sent to your bank account";;USD;--;--;--;--\n'
    )
    result = load_export(csv_bytes(text), filename="etsy_statement_2025_8.csv")
    t = result.transactions.set_index("kind")
    assert t.loc["earning", ["gross", "fee", "net"]].tolist() == [1020.00, 40.80, 979.20]
    assert sorted(t.loc["transfer", "gross"].tolist()) == [-1200.50, -466.57]
    assert result.skipped.empty and result.rejected.empty


def test_sold_orders_refund_of_the_shipping_alone_follows_the_files_adjusted_net(csv_bytes):
    # items 30.00 + shipping 5.00 + sales tax 2.40 = 37.40; fee 1.37; Order Net 33.63. Only the
    # shipping is refunded: Adjusted Order Total 32.40, fees 1.22, Adjusted Net 28.78 (32.40 -
    # 2.40 tax - 1.22). A share of the order (5/37.40 of 35.00 = 4.68) would be 0.32 off.
    header, _ = SOLD_ORDERS.split("\n", 1)
    row = (
        "03/02/26,2001,,Kim Lo,,,1,Other,,1 Main St,,Austin,TX,78701,United States,USD,30.00,,,"
        "0,0,5.00,2.40,37.40,Completed,1.37,33.63,32.40,1.22,28.78,kiml,online,online_cc,,,"
    )
    result = load_export(csv_bytes(f"{header}\n{row}\n"), filename="EtsySoldOrders2026.csv")
    t = result.transactions.set_index("kind")
    assert t.loc["earning", ["gross", "fee", "net"]].tolist() == [35.00, 1.37, 33.63]
    assert t.loc["refund", ["gross", "fee", "net"]].tolist() == [-5.00, -0.15, -4.85]
    assert round(result.transactions["net"].sum(), 2) == 28.78  # the file's own figure


def test_sold_orders_adjusted_net_above_the_order_net_is_not_trusted(csv_bytes):
    # Adjusted Net 38.63 is above Order Net 33.63 (a typo): a refund cannot add 5.00, so the
    # refunded share of the order stands: total 37.40 -> 32.40 refunds 5/37.40 of the 35.00
    # gross = 4.68 (fee 1.37 -> 1.22: 0.15 given back)
    header, _ = SOLD_ORDERS.split("\n", 1)
    row = (
        "03/02/26,2001,,Kim Lo,,,1,Other,,1 Main St,,Austin,TX,78701,United States,USD,30.00,,,"
        "0,0,5.00,2.40,37.40,Completed,1.37,33.63,32.40,1.22,38.63,kiml,online,online_cc,,,"
    )
    result = load_export(csv_bytes(f"{header}\n{row}\n"), filename="EtsySoldOrders2026.csv")
    t = result.transactions.set_index("kind")
    assert t.loc["refund", ["gross", "fee", "net"]].tolist() == [-4.68, -0.15, -4.53]
    assert any("no refund of the order (row 2)" in w for w in result.warnings)


def test_sold_orders_zero_adjustments_are_no_refund_and_a_plain_cancellation_is_no_income(
    csv_bytes,
):
    """Order 3002: 0 in all three Adjusted columns, nothing happened: one earning of 25.97 - 1.97
    tax = 24.00, fee 1.03, net 22.97. Order 3005: Canceled, no adjustments: refunded in full,
    skipped. Order 3006: a real partial refund, Adjusted Order Total 12.00 of 25.00 (no tax):
    refund net = Adjusted Net 10.80 - Order Net 24.00 = -13.20, fee 0.50 - 1.00 = -0.50 back,
    gross = net + fee = -13.70."""
    text = SOLD_ORDERS.splitlines()[0] + "\n"
    text += (
        "03/15/25,3002,b2,Bob Ray,Bob,Ray,1,Other,03/16/25,2 Main St,,Denver,CO,80202,"
        "United States,USD,20.00,,,0,0,4.00,1.97,25.97,Completed,1.03,22.97,0,0,0,bob_r,online,"
        "online_cc,,,\n"
        "03/20/25,3005,b5,Eve Fox,Eve,Fox,1,Other,,5 Main St,,Boise,ID,83702,United States,USD,"
        "50.00,,,0,0,5.00,3.30,58.30,Canceled,2.00,53.00,,,,eve_f,online,online_cc,,,\n"
        "03/22/25,3006,b6,Flo Gu,Flo,Gu,1,Other,,6 Main St,,Boise,ID,83702,United States,USD,"
        "25.00,,,0,0,0,0,25.00,Completed,1.00,24.00,12.00,0.50,10.80,flo_g,online,online_cc,,,\n"
    )
    result = load_export(csv_bytes(text), filename="EtsySoldOrders2025.csv")
    t = result.transactions
    assert t[["reference", "kind", "gross", "fee", "net"]].values.tolist() == [
        ["3002", "earning", 24.00, 1.03, 22.97],
        ["3006", "earning", 25.00, 1.00, 24.00],
        ["3006", "refund", -13.70, -0.50, -13.20],
    ]
    (reason,) = result.skipped["reason"]
    assert reason.startswith("cancelled order: the buyer was refunded in full")


def test_sold_orders_zero_adjusted_total_with_blank_fee_and_net_is_still_a_full_refund(
    csv_bytes,
):
    """Adjusted Order Total 0 with the other Adjusted cells blank: a full refund (only all three
    written as 0 mark an untouched order). Order 30.00, fee 1.20: earning 30.00 / 1.20 / 28.80
    and a refund of -30.00 (fee 0 back: no Adjusted fees), net -30.00."""
    text = SOLD_ORDERS.splitlines()[0] + "\n"
    text += (
        "03/15/25,4001,b2,Bob Ray,Bob,Ray,1,Other,,2 Main St,,Denver,CO,80202,United States,USD,"
        "30.00,,,0,0,0,0,30.00,Completed,1.20,28.80,0,,,bob_r,online,online_cc,,,\n"
    )
    t = load_export(csv_bytes(text), filename="EtsySoldOrders2025.csv").transactions
    assert t[["kind", "gross", "fee", "net"]].values.tolist() == [
        ["earning", 30.00, 1.20, 28.80],
        ["refund", -30.00, 0.00, -30.00],
    ]


# A German shop's monthly statement: German column names, English type values and English month
# names after a day with a full stop. Header and the Buyer Fee / fee credit / sales-tax refund
# rows as in a public importer's test built on a real shop's `etsy_statement_2025_7 frida.csv`
# (repository not recorded); the sale and the two broken rows are added here. A Django importer
# of this layout (repository not recorded) also reads `29. June 2026` and says Etsy writes
# English month names "regardless of the account's locale".
STATEMENT_DE = """\
Datum,Art,Titel,Info,Währung,Betrag,Gebühren & Steuern,Netto,Steuerliche Angaben
20. July 2025,Sale,Payment for Order #3743707041,,EUR,€32.23,-€1.72,€30.51,--
15. July 2025,Buyer Fee,Colorado Retail Delivery Fee (paid by buyer),Order #3743707041,EUR,--,-€0.23,-€0.23,--
10. July 2025,Fee,Credit for processing fee,Order #3729984516,EUR,--,€1.72,€1.72,--
10. July 2025,Tax,Refund to buyer for sales tax,Order #3729984516,EUR,--,€3.22,€3.22,--
32. July 2025,Sale,Payment for Order #3743707099,,EUR,€10.00,-€0.50,€9.50,--
21. July 2025,Sale,Payment for Order #3743707100,,EUR,€1O.00,-€0.50,€9.50,--
"""


def test_german_statement_totals_and_broken_rows(csv_bytes):
    result = load_export(csv_bytes(STATEMENT_DE, bom=True), filename="etsy_statement_2025_7.csv")
    assert result.platform == "etsy"
    assert result.layout == "Etsy monthly statement (German column names)"
    assert totals(result) == expect(
        {
            # the sale: 32.23 paid, 1.72 processing fee, 30.51 net
            ("2025-07", "earning"): (32.23, 1.72, 30.51),
            # the processing fee credited back: a negative fee of 1.72
            ("2025-07", "fee"): (0.00, -1.72, 1.72),
            # sales tax refunded to the buyer +3.22: the buyer's tax inside a refund of the
            # order, so less of the refund was the seller's money; the buyer's delivery fee
            # passed on -0.23: taken out of income
            ("2025-07", "refund"): (3.22, 0.00, 3.22),
            ("2025-07", "adjustment"): (-0.23, 0.00, -0.23),
        }
    )
    assert set(result.transactions["currency"]) == {"EUR"}
    assert sorted(result.transactions["date"].dt.day) == [10, 10, 15, 20]
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert sorted(reasons) == [6, 7]
    assert "32. July 2025" in reasons[6] and "Datum" in reasons[6]  # the file's own column
    assert "€1O.00" in reasons[7] and "Betrag" in reasons[7]  # letter O instead of zero
    assert result.skipped.empty
    assert result.rows_read == 6 and result.rows_imported == 4


# A German shop's statement with German month names and German `Art` values. No verbatim
# German-language Etsy statement is public, so every piece is taken from a public importer of
# this layout (repositories not recorded) and only amounts, order numbers and the broken rows
# are made up here:
# - the header and the cell shapes (`€32.23`, `-€1.72`, `--`): the test built on a real shop's
#   `etsy_statement_2025_7 frida.csv` (STATEMENT_DE above);
# - dates like `31. Januar 2026`, the types `Verkauf`, `Gebühr`, `Rückerstattung`, the titles
#   `Zahlung für Bestellung`, `Transaktionsgebühr: Versand`, `Einstellgebühr (0,20 USD)`,
#   `Erstattung`, `Bestellnr.` in Info, and the deposit row `Überweisung,"€826,34 an dein
#   Bankkonto überwiesen"` written exactly so: an SKR03 parser's tests;
# - `Werbung` (marketing): the same parser's code; `Artikel Nr. …` in Info: a Django importer.
# `Umsatzsteuer` and `5. Feb. 2026` have no source: they stay rejected (lines 12 and 13).
STATEMENT_DE_GERMAN_VALUES = """\
Datum,Art,Titel,Info,Währung,Betrag,Gebühren & Steuern,Netto,Steuerliche Angaben
15. Januar 2026,Verkauf,Zahlung für Bestellung #3964911563,,EUR,€43.24,-€1.58,€41.66,--
15. Januar 2026,Gebühr,Transaktionsgebühr: Versand,Bestellnr. 3964911563,EUR,--,-€0.94,-€0.94,--
16. Januar 2026,Gebühr,"Einstellgebühr (0,20 USD)",Artikel Nr. 1501,EUR,--,-€0.18,-€0.18,--
20. Januar 2026,Werbung,Etsy Ads,,EUR,--,-€2.50,-€2.50,--
22. Januar 2026,Rückerstattung,Erstattung,Bestellnr. 3964911563,EUR,-€10.00,€0.37,-€9.63,--
31. Januar 2026,Überweisung,"€826,34 an dein Bankkonto überwiesen",,EUR,--,--,--,--
1. Februar 2026,Verkauf,Zahlung für Bestellung #3964911600,,EUR,€20.00,-€0.90,€19.10,--
2. Februar 2026,Sale,Payment for Order #3964911601,,EUR,€10.00,-€0.55,€9.45,--
31. Juni 2026,Verkauf,Zahlung für Bestellung #3964911602,,EUR,€10.00,-€0.50,€9.50,--
3. Februar 2026,Verkauf,Zahlung für Bestellung #3964911603,,EUR,€1O.00,-€0.50,€9.50,--
4. Februar 2026,Umsatzsteuer,Umsatzsteuer auf Gebühren,,EUR,--,-€0.10,-€0.10,--
5. Feb. 2026,Verkauf,Zahlung für Bestellung #3964911604,,EUR,€10.00,-€0.50,€9.50,--
"""


def test_german_statement_with_german_month_names_and_types(csv_bytes):
    result = load_export(
        csv_bytes(STATEMENT_DE_GERMAN_VALUES, bom=True), filename="etsy_statement_2026_1.csv"
    )
    assert result.layout == "Etsy monthly statement (German column names)"
    assert totals(result) == expect(
        {
            # Verkauf: 43.24 paid, 1.58 processing fee, 41.66 net
            ("2026-01", "earning"): (43.24, 1.58, 41.66),
            # Gebühr 0.94 (shipping transaction fee) + 0.18 (listing fee) + Werbung 2.50
            ("2026-01", "fee"): (0.00, 0.94 + 0.18 + 2.50, -(0.94 + 0.18 + 2.50)),
            # Rückerstattung: -10.00 with the 0.37 fee given back: -10.00 + 0.37 = -9.63
            ("2026-01", "refund"): (-10.00, -0.37, -9.63),
            # Überweisung: €826,34 sent to the bank, read from the title (decimal comma)
            ("2026-01", "transfer"): (-826.34, 0.00, -826.34),
            # Verkauf 20.00 (fee 0.90) and an English `Sale` 10.00 (fee 0.55) in the same file
            ("2026-02", "earning"): (20.00 + 10.00, 0.90 + 0.55, 19.10 + 9.45),
        }
    )
    assert set(result.transactions["currency"]) == {"EUR"}
    days = result.transactions["date"].dt.strftime("%d.%m.%Y").tolist()
    assert days == [
        "15.01.2026",
        "15.01.2026",
        "16.01.2026",
        "20.01.2026",
        "22.01.2026",
        "31.01.2026",
        "01.02.2026",
        "02.02.2026",
    ]
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert sorted(reasons) == [10, 11, 12, 13]  # file lines (the header is line 1)
    # June has 30 days: the reason quotes the file's own German text and column
    assert "'31. Juni 2026'" in reasons[10] and "Datum" in reasons[10]
    assert "€1O.00" in reasons[11] and "Betrag" in reasons[11]  # letter O instead of zero
    assert reasons[12] == (
        "unknown Etsy statement type 'Umsatzsteuer': GigLens does not know if it is income"
    )
    assert "'5. Feb. 2026'" in reasons[13]  # an abbreviated month: no source, not read
    assert result.skipped.empty
    assert result.rows_read == 12 and result.rows_imported == 8


# The ENGLISH-header statement (export-formats.md §5.1) from a German shop: every public file
# of that layout writes English month names and types (e.g. a Lexoffice converter's test rows
# `"September 10, 2024",Deposit,"€123.45 sent to your bank account"`, smoki99/EtsyCSVtoLexoffice
# tests/test_etsy_to_lexoffice.py). No source shows German month names or types under English
# column names, so such rows are refused with a reason, not read on a guess; the good row imports.
STATEMENT_EN_GERMAN_VALUES = """\
Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details
"15 Juli, 2025",Sale,Payment for Order #1,,EUR,€20.00,-€0.90,€19.10,--
"16 July, 2025",Sale,Payment for Order #2,,EUR,€10.00,-€0.55,€9.45,--
"17 July, 2025",Verkauf,Zahlung für Bestellung #3,,EUR,€5.00,-€0.25,€4.75,--
"""


def test_english_statement_refuses_german_month_names_and_types(csv_bytes):
    result = load_export(
        csv_bytes(STATEMENT_EN_GERMAN_VALUES), filename="etsy_statement_2025_7.csv"
    )
    assert result.layout == "Etsy monthly statement"
    # only order #2: 10.00 paid, 0.55 fee, 9.45 net
    assert totals(result) == expect({("2025-07", "earning"): (10.00, 0.55, 9.45)})
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert sorted(reasons) == [2, 4]  # file lines (the header is line 1)
    assert reasons[2].startswith("Date '15 Juli, 2025' has a German month name")
    assert "German column names" in reasons[2]
    assert "'Verkauf'" in reasons[4] and "unknown Etsy statement type" in reasons[4]


# English statement (header as in export-formats.md §5.1) with the `Buyer Fee` type of the
# German test above: once with its amounts, once with `--` everywhere.
STATEMENT_BUYER_FEE = """\
Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details
"20 July, 2025",Sale,Payment for Order #3743707041,,USD,$32.23,-$1.72,$30.51,--
"15 July, 2025",Buyer Fee,Colorado Retail Delivery Fee (paid by buyer),Order #3743707041,USD,--,-$0.28,-$0.28,--
"16 July, 2025",Buyer Fee,Colorado Retail Delivery Fee (paid by buyer),Order #3743707050,USD,--,--,--,--
"17 July, 2025",Buyer Fee,Colorado Retail Delivery Fee (paid by buyer),Order #3743707051,USD,--,$0.00,$0.00,--
"""


def test_buyer_fee_is_never_income_imported_or_skipped_by_its_amounts(csv_bytes):
    result = load_export(csv_bytes(STATEMENT_BUYER_FEE), filename="etsy_statement_2025_7.csv")
    assert result.rejected.empty
    assert totals(result) == expect(
        {
            ("2025-07", "earning"): (32.23, 1.72, 30.51),
            # 0.28 left the balance for the state: the buyer's money, came in with the sale's
            # 32.23 and is taken out of income again (not a fee)
            ("2025-07", "adjustment"): (-0.28, 0.00, -0.28),
        }
    )
    tax = result.transactions[result.transactions["kind"] == "adjustment"].iloc[0]
    assert tax["reference"] == "Order #3743707041"
    assert "not your income" in tax["description"]
    # no amount, or 0.00: it never went through the seller's balance
    assert list(result.skipped["row"]) == [4, 5]
    assert all("never went through your Etsy balance" in r for r in result.skipped["reason"])
    # income is the sale without the buyer's fee: 30.51 - 0.28 = 30.23
    from analytics.metrics import income_only

    assert round(float(income_only(result.transactions)["net"].sum()), 2) == 30.23


def test_sales_tax_paid_by_buyer_taken_back_from_the_balance_is_not_income(csv_bytes):
    """A US shop's statement style where the sale's amount holds the buyer's sales tax and a
    Tax line takes it back (a reviewer's October: 34 such lines, 95.70 counted as income):
    75.02 paid with 5.07 of sales tax, 2.50 processing fee: income 75.02 - 5.07 - 2.50 =
    67.45, gross 69.95; the VAT on an ads fee stays the seller's own tax."""
    text = (
        "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\n"
        '"October 1, 2026",Sale,Payment for Order #3544811289,,USD,$75.02,--,$75.02,--\n'
        '"October 1, 2026",Tax,Sales tax paid by buyer,Order #3544811289,USD,--,-$5.07,-$5.07,--\n'
        '"October 1, 2026",Fee,Processing fee,Order #3544811289,USD,--,-$2.50,-$2.50,--\n'
        '"October 2, 2026",VAT,VAT: Offsite Ads fee,Order #3544811289,USD,--,-$0.96,-$0.96,--\n'
    )
    from analytics.metrics import income_only

    result = load_export(csv_bytes(text), filename="etsy_statement_2026_10.csv")
    assert result.rejected.empty and result.skipped.empty
    income = income_only(result.transactions)
    assert round(float(income["net"].sum()), 2) == 67.45
    assert round(float(income["gross"].sum()), 2) == 69.95
    kinds = result.transactions.set_index("description")["kind"].astype(str)
    assert kinds["VAT: Offsite Ads fee (Order #3544811289)"] == "tax"


def test_a_statement_in_pounds_resaved_by_a_uk_spreadsheet_reads_the_day_first():
    """A February statement re-saved by Excel in the UK: `12/02/2026` and `05/02/2026`, every
    day the 12th or before, so both orders read. The shop's pounds say day first: 12 and 5
    February (net 7.96 - 0.16 + 4.50 = 12.30 in February), not 2 December and 2 May. In
    dollars, month first, as a US spreadsheet writes them: 2 December and 2 May."""
    text = (
        "\ufeffDate,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\n"
        "12/02/2026,Fee,Listing fee,Listing #11001,GBP,--,-£0.16,-£0.16,--\n"
        "12/02/2026,Sale,Payment for Order #41,Order #41,GBP,£8.50,-£0.54,£7.96,--\n"
        "05/02/2026,Sale,Payment for Order #42,Order #42,GBP,£5.00,-£0.50,£4.50,--\n"
    )
    result = load_export(text.encode("utf-8"), "etsy_statement_2026_2.csv")
    t = result.transactions
    assert set(t["date"].dt.strftime("%Y-%m-%d")) == {"2026-02-12", "2026-02-05"}
    assert round(float(t["net"].sum()), 2) == 12.30
    dollars = text.replace("GBP", "USD").replace("£", "$")
    t = load_export(dollars.encode("utf-8"), "etsy_statement.csv").transactions
    assert set(t["date"].dt.strftime("%Y-%m-%d")) == {"2026-12-02", "2026-05-02"}


def test_an_older_statements_zero_information_line_is_skipped_as_the_newers_dashes_are():
    # the older layout writes 0 where the newer writes `--`: nothing moved either way
    text = STATEMENT_OLD + "31 Jul 2025,Tax,Sales tax paid by buyer,Order #1,USD,0,0,0\n"
    result = load_export(text.encode(), filename="etsy_statement_2025_7.csv")
    assert result.rows_imported == 4 and len(result.skipped) == 1
    assert result.skipped["reason"].iloc[0].startswith("no amount in Amount, Fees & Taxes or Net")
    assert not ((result.transactions["kind"] == "tax") & (result.transactions["gross"] == 0)).any()


def test_sales_tax_given_back_with_a_refund_makes_the_refund_smaller(csv_bytes):
    """A reviewer's two statements: December, a sale of 75.02 holding 5.07 of sales tax taken
    back; January, a sale of 40.00 and the December order refunded, -75.02, with 'Refund to
    buyer for sales tax' +5.07. January's refunds are -69.95 (the 5.07 was never income),
    clients paid 40.00, and income is 40.00 - 69.95 = -29.95."""
    text = (
        "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\n"
        '"January 5, 2026",Sale,Payment for Order #2,,USD,$40.00,--,$40.00,--\n'
        '"January 9, 2026",Refund,Refund to buyer for Order #1,,USD,-$75.02,--,-$75.02,--\n'
        '"January 9, 2026",Tax,Refund to buyer for sales tax,Order #1,USD,--,$5.07,$5.07,--\n'
    )
    from analytics.metrics import income_only

    t = load_export(csv_bytes(text), filename="etsy_statement_2026_1.csv").transactions
    income = income_only(t)
    refunds = income[income["kind"] == "refund"]
    assert round(float(refunds["gross"].sum()), 2) == -69.95
    assert round(float(income.loc[income["kind"] == "earning", "gross"].sum()), 2) == 40.00
    assert round(float(income["net"].sum()), 2) == -29.95
