"""Stripe importer: Dashboard balance export, Balance change from activity, Payouts report.

Every expected total is worked out by hand from the literal rows, with the arithmetic shown.
"""

from __future__ import annotations

from conftest import expected_totals as expect
from conftest import month_kind_totals as totals
from conftest import shared_file

from analytics import load_export

DASHBOARD = """\
id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group,Customer Email
txn_1,charge,ch_1,100.00,3.20,96.80,usd,2026-01-05 10:00,2026-01-07 00:00,Invoice 1,100.00,usd,,,,ann@example.com
txn_2,payment,py_1,50.00,1.75,48.25,usd,2026-01-20 09:30,2026-01-22 00:00,Invoice 2,50.00,usd,,,,
txn_3,refund,ch_1,-100.00,-3.20,-96.80,usd,2026-02-02 08:00,2026-02-02 08:00,REFUND FOR CHARGE (Invoice 1),-100.00,usd,,,,ann@example.com
txn_4,refund,py_1,-20.00,0.00,-20.00,usd,2026-02-03 08:00,2026-02-03 08:00,REFUND FOR PAYMENT,-20.00,usd,,,,
txn_5,stripe_fee,,-2.00,0.00,-2.00,usd,2026-02-10 00:00,2026-02-10 00:00,Billing - Usage Fee,,,,,,
txn_6,payout,po_1,-104.25,0.00,-104.25,usd,2026-02-15 01:13,2026-02-16 00:00,STRIPE PAYOUT,,,,,,
txn_7,adjustment,,5.00,0.00,5.00,usd,2026-02-20 12:00,2026-02-20 12:00,Adjustment,,,,,,
txn_8,dispute,dp_1,-50.00,15.00,-65.00,usd,2026-02-25 12:00,2026-02-25 12:00,Chargeback withdrawal,,,,,,
txn_9,mystery_type,,1.00,0.00,1.00,usd,2026-02-26 12:00,2026-02-26 12:00,???,,,,,,
txn_10,charge,ch_2,10.00,0.59,9.41,usd,2026-13-45 10:00,2026-02-28 00:00,Invoice 3,,,,,,
txn_11,charge,ch_3,abc,0.59,9.41,usd,2026-02-27 10:00,2026-02-28 00:00,Invoice 4,,,,,,
txn_12,charge,ch_4,30.00,1.17,29.00,usd,2026-02-27 11:00,2026-02-28 00:00,Invoice 5,,,,,,
txn_13,transfer,tr_1,-824.08,0.00,-824.08,usd,2026-03-01 01:13,2026-03-02 00:00,STRIPE TRANSFER,,,,,,
txn_14,payout,po_2,-50.00,0.75,-50.75,usd,2026-03-02 09:00,2026-03-02 09:00,STRIPE PAYOUT (instant),,,,,,
txn_15,application_fee,,-1.00,0.00,-1.00,usd,2026-03-03 09:00,2026-03-03 09:00,Platform fee,,,,,,
"""


def test_dashboard_export_totals_per_kind_and_month(csv_bytes):
    result = load_export(csv_bytes(DASHBOARD, bom=True), filename="balance.csv")
    assert result.platform == "stripe"
    assert result.layout == "Stripe balance transactions (Dashboard export)"
    assert totals(result) == expect(
        {
            # charge + payment: 100.00 + 50.00; fees 3.20 + 1.75; net 96.80 + 48.25
            ("2026-01", "earning"): (150.00, 4.95, 145.05),
            # refunds -100.00 (fee -3.20 returned), -20.00, dispute -50.00 with 15.00 dispute fee
            ("2026-02", "refund"): (-100.00 - 20.00 - 50.00, -3.20 + 0 + 15.00, -96.80 - 20 - 65),
            ("2026-02", "fee"): (0.00, 2.00, -2.00),  # stripe_fee Amount -2.00 -> fee 2.00
            ("2026-02", "transfer"): (-104.25, 0.00, -104.25),
            ("2026-02", "adjustment"): (5.00, 0.00, 5.00),
            # old-style `transfer` -824.08 and an instant payout -50.00 (its 0.75 fee split off)
            ("2026-03", "transfer"): (-824.08 - 50.00, 0.00, -874.08),
            ("2026-03", "fee"): (0.00, 0.75 + 1.00, -1.75),  # payout fee + application_fee
        }
    )
    t = result.transactions
    assert set(t["currency"]) == {"USD"}
    first = t[t["reference"] == "txn_1"].iloc[0]
    assert first["client"] == "ann@example.com"
    assert first["description"] == "Invoice 1"
    assert str(first["date"]) == "2026-01-05 10:00:00"


def test_dashboard_bad_rows_rejected_with_reasons_and_all_rows_accounted(csv_bytes):
    result = load_export(csv_bytes(DASHBOARD), filename="balance.csv")
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    # header is spreadsheet row 1, so txn_9 is row 10 ... txn_12 is row 13
    assert sorted(reasons) == [10, 11, 12, 13]
    assert "mystery_type" in reasons[10] and "unknown" in reasons[10]
    assert "2026-13-45" in reasons[11]
    assert "abc" in reasons[12]
    assert "29.00" in reasons[13] and "1.17" in reasons[13]
    # txn_12: 30.00 - 1.17 = 28.83, not the file's 29.00
    assert reasons[13] == (
        "net 29.00 is not amount 30.00 minus fee 1.17 (28.83): the row looks edited or cut off"
    )
    assert result.skipped.empty
    # 15 data rows: 4 rejected, 11 imported; txn_14 gives two transactions (payout + its fee)
    assert result.rows_read == 15
    assert result.rows_imported == 11
    assert len(result.transactions) == 12


def test_real_hledger_balance_change_default_fields():
    # The file's two rows, read by eye: charge 12.00 (fee 0.00) and refund -0.77 (fee 0.00),
    # both on 2020-01-23, in usd.
    result = load_export(
        shared_file("stripe/hledger_example_balance_change_from_activity_default_fields.csv")
    )
    assert result.platform == "stripe"
    assert result.rejected.empty and result.skipped.empty
    assert result.rows_read == 2
    t = result.transactions
    assert list(t["kind"]) == ["earning", "refund"]
    assert list(t["gross"]) == [12.00, -0.77]
    assert list(t["fee"]) == [0.00, 0.00]
    assert round(t["net"].sum(), 2) == round(12.00 - 0.77, 2)
    assert set(t["currency"]) == {"USD"}
    assert set(t["date"].dt.strftime("%Y-%m-%d")) == {"2020-01-23"}
    assert list(t["reference"]) == ["txn_14G11HjubSIHf9IKrvJdwN", "txn_14G11HjHgubIH9ZvbPgYO7"]
    assert t["description"].iloc[1] == "REFUND FOR PAYMENT"


ITEMISED_HEADER = (
    '"balance_transaction_id","created_utc","created","available_on_utc","available_on",'
    '"currency","gross","fee","net","reporting_category","source_id","description",'
    '"customer_facing_amount","customer_facing_currency","trace_id","trace_id_status",'
    '"automatic_payout_id","automatic_payout_effective_at_utc","automatic_payout_effective_at",'
    '"customer_id","customer_email","customer_name","customer_description",'
    '"customer_shipping_address_line1","customer_shipping_address_line2",'
    '"customer_shipping_address_city","customer_shipping_address_state",'
    '"customer_shipping_address_postal_code","customer_shipping_address_country",'
    '"customer_address_line1","customer_address_line2","customer_address_city",'
    '"customer_address_state","customer_address_postal_code","customer_address_country",'
    '"shipping_address_line1","shipping_address_line2","shipping_address_city",'
    '"shipping_address_state","shipping_address_postal_code","shipping_address_country",'
    '"card_address_line1","card_address_line2","card_address_city","card_address_state",'
    '"card_address_postal_code","card_address_country","charge_id","payment_intent_id",'
    '"charge_created_utc","charge_created","invoice_id","invoice_number","subscription_id",'
    '"payment_method_type","is_link","card_brand","card_funding","card_country",'
    '"statement_descriptor","dispute_reason","payment_metadata[Coupon Code]",'
    '"payment_metadata[Custom Fields]","payment_metadata[Product ID]",'
    '"payment_metadata[Product Name]","payment_metadata[Shipping Address]",'
    '"payment_metadata[Surcharge Label]","payment_metadata[customer_email]",'
    '"payment_metadata[customer_name]","payment_metadata[order_id]","payment_metadata[order_key]",'
    '"payment_metadata[payment_type]","payment_metadata[site_url]",'
    '"payment_metadata[tbk_order_id]","connected_account_id","connected_account_name",'
    '"connected_account_country","connected_account_direct_charge_id","application_fee"'
)
# First 22 fields of each row as in the real layout; the other 57 cells are empty (bare `,`).
ITEMISED_ROWS = [
    '"txn_A","2024-05-01 20:39:06","2024-05-01 21:39:06","2024-05-07 00:00:00","2024-05-07 01:00:00","gbp","15.00","0.43","14.57","charge","ch_A","Class A","15.00","gbp","STRIPE-X","supported","po_A","2024-05-07 00:00:00","2024-05-07 01:00:00","cus_1","customer1@example.com","Customer 1"',
    '"txn_B","2024-05-06 14:06:39","2024-05-06 15:06:39","2024-05-10 00:00:00","2024-05-10 01:00:00","gbp","-15.00","0.00","-15.00","refund","re_B","REFUND FOR CHARGE (Class B)",,,,,,,,"cus_2","customer2@example.com",',
    # 23:30 UTC on 31 May is 00:30 on 1 June in London: the local `created` puts it in June.
    '"txn_C","2024-05-31 23:30:00","2024-06-01 00:30:00","2024-06-05 00:00:00","2024-06-05 01:00:00","gbp","20.00","0.55","19.45","charge","ch_C","Class C",,,,,,,,"cus_3",,"Customer 3"',
    '"txn_D","2024-06-03 10:00:00","2024-06-03 11:00:00","2024-06-03 10:00:00","2024-06-03 11:00:00","gbp","-1.20","0.00","-1.20","fee",,"Radar fee",,,,,,,,,,',
    '"txn_E","2024-06-03 10:00:00","2024-06-03 11:00:00","2024-06-03 10:00:00","2024-06-03 11:00:00","gbp","-0.24","0.00","-0.24","tax",,"VAT on Stripe fees",,,,,,,,,,',
]


def test_itemised_balance_change_79_columns(csv_bytes):
    lines = [ITEMISED_HEADER] + [row + "," * (79 - 22) for row in ITEMISED_ROWS]
    assert all(line.count(",") >= 78 for line in lines)
    result = load_export(csv_bytes("\n".join(lines) + "\n"), filename="itemised.csv")
    assert result.layout == "Stripe Balance change from activity report"
    assert result.rejected.empty
    assert totals(result) == expect(
        {
            ("2024-05", "earning"): (15.00, 0.43, 14.57),
            ("2024-05", "refund"): (-15.00, 0.00, -15.00),
            ("2024-06", "earning"): (20.00, 0.55, 19.45),  # local time 2024-06-01 00:30
            ("2024-06", "fee"): (0.00, 1.20, -1.20),
            ("2024-06", "tax"): (-0.24, 0.00, -0.24),
        }
    )
    t = result.transactions.set_index("reference")
    assert t.loc["txn_A", "client"] == "Customer 1"
    assert t.loc["txn_B", "client"] == "customer2@example.com"  # no name: falls back to e-mail
    assert set(t["currency"]) == {"GBP"}


PAYOUTS = """\
"payout_id","effective_at_utc","effective_at","currency","gross","fee","net","reporting_category","balance_transaction_id","description","payout_expected_arrival_date","payout_status","payout_reversed_at_utc","payout_reversed_at","payout_type","payout_description","payout_destination_id","trace_id","trace_id_status","application_fee"
"po_1","2024-05-01 00:00:00","2024-05-01 01:00:00","gbp","67.99","0.00","67.99","payout","txn_1","STRIPE PAYOUT","2024-05-01 00:00:00","paid",,,"bank_account","STRIPE PAYOUT","ba_1","STRIPE-X","supported",
"po_2","2024-07-03 00:00:00","2024-07-03 01:00:00","gbp","-20.35","0.00","-20.35","payout","txn_2","STRIPE PAYOUT","2024-07-03 00:00:00","paid",,,"bank_account","STRIPE PAYOUT","ba_1","STRIPE-X","supported",
"po_3","2024-07-04 00:00:00","2024-07-04 01:00:00","gbp","100.00","1.00","99.00","payout","txn_3","STRIPE PAYOUT","2024-07-04 00:00:00","paid",,,"bank_account","STRIPE PAYOUT","ba_1","STRIPE-X","supported",
"po_4","2024-07-05 00:00:00","2024-07-05 01:00:00","gbp","30.00","0.00","30.00","payout","txn_4","STRIPE PAYOUT","2024-07-05 00:00:00","failed",,,"bank_account","STRIPE PAYOUT","ba_1","STRIPE-X","supported",
"po_5","2024-07-06","2024-07-06 01:00:00","gbp","12.00","0.00","12.00","payout","txn_5","STRIPE PAYOUT","2024-07-06 00:00:00","paid",,,"bank_account","STRIPE PAYOUT","ba_1","STRIPE-X","supported",
"""


def test_payouts_report_rows_are_transfers(csv_bytes):
    result = load_export(csv_bytes(PAYOUTS), filename="payouts.csv")
    assert result.layout == "Stripe Payouts report"
    assert totals(result) == expect(
        {
            # money leaving Stripe for the bank is a negative transfer
            ("2024-05", "transfer"): (-67.99, 0.00, -67.99),
            # a negative payout (Stripe debited the bank) +20.35; po_3: 99.00 reached the bank;
            # po_5: 12.00
            ("2024-07", "transfer"): (20.35 - 99.00 - 12.00, 0.00, 20.35 - 99.00 - 12.00),
            ("2024-07", "fee"): (0.00, 1.00, -1.00),  # po_3's fee: 100.00 left the balance
        }
    )
    assert list(result.skipped["row"]) == [5]  # po_4 failed
    assert "failed" in result.skipped["reason"].iloc[0]
    assert result.rows_read == 5 and result.rows_imported == 4 and result.rejected.empty
    assert not result.transactions["kind"].isin(["earning", "refund"]).any()


EXCEL_RESAVED = """\
id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description
txn_1,charge,ch_1,"1,250.00",36.55,"1,213.45",usd,8/6/2026 12:00,8/8/2026 0:00,Invoice 7
txn_2,payout,po_1,-500.00,0.00,-500.00,usd,8/20/2026 9:00,8/21/2026 0:00,STRIPE PAYOUT
"""


def test_dashboard_resaved_by_excel_month_first_and_thousands(csv_bytes):
    result = load_export(csv_bytes(EXCEL_RESAVED), filename="balance.csv")
    assert result.rejected.empty
    # 8/20/2026 only reads month-first, so 8/6/2026 is 6 August as well
    assert list(result.transactions["date"].dt.strftime("%Y-%m-%d")) == [
        "2026-08-06",
        "2026-08-20",
    ]
    assert totals(result) == expect(
        {
            ("2026-08", "earning"): (1250.00, 36.55, 1213.45),
            ("2026-08", "transfer"): (-500.00, 0.00, -500.00),
        }
    )


BALANCE_CHANGE_MORE_CATEGORIES = """\
"balance_transaction_id","created_utc","available_on_utc","currency","gross","fee","net","reporting_category","description"
"txn_1","2026-03-02 10:00:00","2026-03-04 00:00:00","usd","200.00","6.10","193.90","charge","Invoice 7"
"txn_2","2026-03-06 09:00:00","2026-03-06 09:00:00","usd","-200.00","0.00","-200.00","charge_failure","ACH debit failed"
"txn_3","2026-03-07 09:00:00","2026-03-07 09:00:00","usd","-50.00","0.00","-50.00","risk_reserved_funds","Reserve hold"
"txn_4","2026-03-21 09:00:00","2026-03-21 09:00:00","usd","50.00","0.00","50.00","risk_reserved_funds","Reserve release"
"txn_5","2026-03-31 09:00:00","2026-03-31 09:00:00","usd","-1.94","0.00","-1.94","contribution","Stripe Climate"
"""


def test_failed_debits_reserves_and_climate_contributions():
    result = load_export(BALANCE_CHANGE_MORE_CATEGORIES.encode(), "balance.csv")
    assert result.rejected.empty and result.skipped.empty
    t = result.transactions
    assert list(t["kind"]) == ["earning", "refund", "transfer", "transfer", "fee"]
    # the failed ACH debit takes the 200.00 charge back; the reserve held 50 and released it;
    # the climate contribution (1% of the charge) is money Stripe kept: a fee of 1.94
    assert t.iloc[4][["gross", "fee", "net"]].tolist() == [0.0, 1.94, -1.94]
    income = t[t["kind"] != "transfer"]
    # 200 - 6.10 (fee) - 200 (charge failed) - 1.94 = -8.04: the processing fee and the
    # contribution stay spent although the money never arrived
    assert round(income["net"].sum(), 2) == -8.04
    assert round(income["fee"].sum(), 2) == 8.04


def test_dashboard_chargeback_booked_as_an_adjustment_is_a_refund():
    header = DASHBOARD.split("\n", 1)[0]
    rows = (
        "txn_1,charge,ch_1,80.00,2.62,77.38,usd,2026-04-01 10:00,2026-04-03 00:00,Invoice 9,,,,,,\n"
        "txn_2,adjustment,,-80.00,15.00,-95.00,usd,2026-04-20 10:00,2026-04-20 10:00,"
        "Chargeback withdrawal for ch_1,,,,,,\n"
        "txn_3,adjustment,,3.00,0.00,3.00,usd,2026-04-21 10:00,2026-04-21 10:00,Adjustment,,,,,,\n"
        "txn_4,adjustment,,-15.00,0.00,-15.00,usd,2026-04-22 10:00,2026-04-22 10:00,"
        "Dispute fee,,,,,,\n"
    )
    t = load_export(f"{header}\n{rows}".encode(), "stripe.csv").transactions
    assert list(t["kind"]) == ["earning", "refund", "adjustment", "fee"]
    assert t.iloc[3][["gross", "fee", "net"]].tolist() == [0.0, 15.0, -15.0]
    t = t.iloc[:3]
    # the disputed 80.00 goes back with Stripe's 15.00 dispute fee: 77.38 - 95.00 + 3.00
    assert t.iloc[1][["gross", "fee", "net"]].tolist() == [-80.0, 15.0, -95.0]
    assert round(t["net"].sum(), 2) == -14.62


def test_connect_application_fees_earned_are_income_and_issuing_holds_are_skipped(csv_bytes):
    """The user's own Connect platform: application fees of 12.00 earned and 2.00 refunded are
    income (12.00 - 2.00 = 10.00 besides the 100.00 charge less its 3.20 fee); a fee of 1.00
    the user paid a platform stays a fee; an Issuing hold of 30.00 and its release moved no
    money, and a 15.00 card purchase is spending: skipped."""
    text = (
        DASHBOARD.splitlines()[0]
        + "\n"
        + (
            "t1,charge,ch_1,100.00,3.20,96.80,usd,2026-04-01 10:00,2026-04-03 00:00,Logo,,,,,,\n"
            "t2,application_fee,fee_1,12.00,0.00,12.00,usd,2026-04-02 10:00,2026-04-04 00:00,"
            "Application fee from acct_1,,,,,,\n"
            "t3,application_fee_refund,fr_1,-2.00,0.00,-2.00,usd,2026-04-03 10:00,2026-04-03 10:00,"
            "Application fee refund,,,,,,\n"
            "t4,application_fee,fee_2,-1.00,0.00,-1.00,usd,2026-04-04 10:00,2026-04-04 10:00,"
            "Platform fee,,,,,,\n"
            "t5,issuing_authorization_hold,iauth_1,-30.00,0.00,-30.00,usd,2026-04-05 10:00,"
            "2026-04-05 10:00,Hold,,,,,,\n"
            "t6,issuing_authorization_release,iauth_1,30.00,0.00,30.00,usd,2026-04-06 10:00,"
            "2026-04-06 10:00,Release,,,,,,\n"
            "t7,issuing_transaction,ipi_1,-15.00,0.00,-15.00,usd,2026-04-06 11:00,2026-04-06 11:00,"
            "Card purchase,,,,,,\n"
        )
    )
    result = load_export(csv_bytes(text), filename="balance.csv")
    assert totals(result) == expect(
        {
            ("2026-04", "earning"): (100.00 + 12.00, 3.20, 96.80 + 12.00),
            ("2026-04", "refund"): (-2.00, 0.00, -2.00),
            ("2026-04", "fee"): (0.00, 1.00, -1.00),
        }
    )
    assert sorted(result.skipped["row"]) == [6, 7, 8]
    assert result.rejected.empty
