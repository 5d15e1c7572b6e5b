"""Stripe importer: Dashboard balance, Payments and Payouts exports; Balance change from
activity, Payout reconciliation and Payouts reports.

Every expected total is worked out by hand from the literal rows, with the arithmetic shown.
"""

from __future__ import annotations

import pytest
from conftest import expected_totals as expect
from conftest import month_kind_totals as totals
from conftest import shared_file

from analytics import ImportFailed, load_export
from analytics.combine import combine

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


# --- Reports with local time columns only (`created`, `effective_at`, no `_utc`) ------------

# Reports → "Balance change from activity" (itemised), default columns, run with a reporting
# time zone: the layout an audit of public repositories found; Stripe's report schema
# (balance_change_from_activity.itemized.3) documents `created` as "in the requested time zone,
# or UTC" beside `created_utc`.
BALANCE_CHANGE_LOCAL = """\
balance_transaction_id,created,available_on,currency,gross,fee,net,reporting_category,description
txn_1,2026-09-01 10:04:26,2026-09-03 00:00:00,aud,10.00,0.30,9.70,charge,Sale
txn_2,2026-09-02 11:00:00,2026-09-04 00:00:00,aud,-10.00,0.00,-10.00,refund,REFUND FOR CHARGE (Sale)
txn_3,2026-09-05 00:00:00,2026-09-05 00:00:00,aud,-50.00,0.00,-50.00,payout,STRIPE PAYOUT
txn_4,2026-09-31 10:00:00,2026-10-02 00:00:00,aud,25.00,0.75,24.25,charge,Sale 2
txn_5,2026-09-20 10:00:00,2026-09-22 00:00:00,aud,25.00,0.75,24.52,charge,Sale 3
txn_6,2026-10-01 00:30:00,2026-10-03 00:00:00,aud,40.00,1.20,38.80,charge,Sale 4
"""


def test_balance_change_report_with_local_time_columns_only(csv_bytes):
    result = load_export(csv_bytes(BALANCE_CHANGE_LOCAL), filename="report.csv")
    assert result.layout == "Stripe Balance change from activity report"
    assert totals(result) == expect(
        {
            ("2026-09", "earning"): (10.00, 0.30, 9.70),
            ("2026-09", "refund"): (-10.00, 0.00, -10.00),
            ("2026-09", "transfer"): (-50.00, 0.00, -50.00),
            # 00:30 local time on 1 October: October, as the user's calendar has it
            ("2026-10", "earning"): (40.00, 1.20, 38.80),
        }
    )
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert sorted(reasons) == [5, 6]  # txn_4 (row 5) and txn_5 (row 6)
    assert "created '2026-09-31 10:00:00' is not a real date" in reasons[5]
    # 25.00 - 0.75 = 24.25, not the file's 24.52
    assert reasons[6].startswith("net 24.52 is not amount 25.00 minus fee 0.75 (24.25)")
    assert result.skipped.empty
    assert list(result.transactions["reference"]) == ["txn_1", "txn_2", "txn_3", "txn_6"]


# Reports → "Payout reconciliation" (itemised), default columns, local time zone: the layout an
# audit of public repositories found (payout_reconciliation.itemized.5 lists `created` and
# `automatic_payout_effective_at` in the requested time zone). Each row is a balance
# transaction that an automatic payout paid out.
PAYOUT_RECONCILIATION = """\
"automatic_payout_id","automatic_payout_effective_at","balance_transaction_id","created","available_on","currency","gross","fee","net","reporting_category","description"
"po_1","2026-09-01 20:09:00","txn_1","2026-08-29 10:04:26","2026-09-01 20:00:00","usd","100.00","3.00","97.00","charge","Charge for order #1"
"po_1","2026-09-01 20:09:00","txn_2","2026-08-29 11:27:48","2026-09-01 20:00:00","usd","50.00","1.50","48.50","charge","Charge for order #2"
"po_2","2026-09-02 20:34:12","txn_3","2026-09-01 11:22:08","2026-09-02 20:00:00","usd","20.00","0.60","19.40","charge","Charge for order #3"
"po_2","2026-09-02 20:34:12","txn_4","2026-09-01 11:30:00","2026-09-02 20:00:00","usd","-5.00","0.00","-5.00","refund","REFUND FOR CHARGE (Charge for order #3)"
"po_2","2026-09-02 20:34:12","txn_5","2026-09-01 12:00:00","2026-09-02 20:00:00","usd","-1.50","0.00","-1.50","fee","Radar fee"
"po_2","2026-09-02 20:34:12","txn_6","2026-09-01 13:00:00","2026-09-02 20:00:00","usd","abc","0.00","-1.50","charge","Charge for order #4"
"""


def test_payout_reconciliation_report_rows_are_income_not_payouts(csv_bytes):
    result = load_export(csv_bytes(PAYOUT_RECONCILIATION), filename="recon.csv")
    assert result.platform == "stripe"
    assert result.layout == "Stripe Payout reconciliation report"
    assert totals(result) == expect(
        {
            # dated when each transaction was created, not when its payout was paid
            ("2026-08", "earning"): (100.00 + 50.00, 3.00 + 1.50, 97.00 + 48.50),
            ("2026-09", "earning"): (20.00, 0.60, 19.40),
            ("2026-09", "refund"): (-5.00, 0.00, -5.00),
            ("2026-09", "fee"): (0.00, 1.50, -1.50),  # Radar fee: gross -1.50 -> fee 1.50
        }
    )
    assert not (result.transactions["kind"] == "transfer").any()
    assert list(result.transactions["reference"]) == ["txn_1", "txn_2", "txn_3", "txn_4", "txn_5"]
    assert list(result.rejected["row"]) == [7]
    assert result.rejected["reason"].iloc[0] == (
        "gross 'abc' is not an amount GigLens can read: write a number such as 1234.56 (a minus "
        "sign for money going out), correct the cell and add the file again"
    )


def test_same_balance_transaction_in_two_reports_counts_once(csv_bytes):
    """txn_1 and txn_4 of the payout reconciliation report also appear in a balance change
    report of the same account and time zone: combined, each is counted once."""
    recon = load_export(csv_bytes(PAYOUT_RECONCILIATION), filename="recon.csv")
    balance = load_export(
        csv_bytes(
            BALANCE_CHANGE_LOCAL.splitlines()[0]
            + "\n"
            + "txn_1,2026-08-29 10:04:26,2026-09-01 20:00:00,usd,100.00,3.00,97.00,charge,"
            "Charge for order #1\n"
            + "txn_4,2026-09-01 11:30:00,2026-09-02 20:00:00,usd,-5.00,0.00,-5.00,refund,"
            "REFUND FOR CHARGE (Charge for order #3)\n"
            + "txn_9,2026-09-03 09:00:00,2026-09-05 00:00:00,usd,30.00,0.90,29.10,charge,"
            "Charge for order #5\n"
        ),
        filename="balance.csv",
    )
    both = combine([recon, balance])
    assert both.duplicates == [0, 2]  # txn_1 and txn_4 again; txn_9 is new
    t = both.transactions
    assert sorted(t["reference"]) == ["txn_1", "txn_2", "txn_3", "txn_4", "txn_5", "txn_9"]
    income = t[t["kind"] != "transfer"]
    # 97.00 + 48.50 + 19.40 - 5.00 - 1.50 (the reconciliation report) + 29.10 (txn_9)
    assert round(income["net"].sum(), 2) == round(97.00 + 48.50 + 19.40 - 5.00 - 1.50 + 29.10, 2)


# Reports → "Payouts" (itemised, payouts.itemized.5), default columns in the requested time
# zone: the layout an audit of public repositories found (`effective_at` without `_utc`).
PAYOUTS_LOCAL = """\
balance_transaction_id,currency,description,effective_at,fee,gross,net,payout_expected_arrival_date,payout_id,payout_status,reporting_category
txn_1PAjqo,gbp,STRIPE PAYOUT,2024-05-01 01:00:00,0.00,67.99,67.99,2024-05-01 00:00:00,po_1PAjqn,paid,payout
txn_1PXaO1,gbp,STRIPE PAYOUT,2024-07-03 01:00:00,0.00,-20.35,-20.35,2024-07-03 00:00:00,po_1PXaO1,paid,payout
txn_3,gbp,STRIPE PAYOUT,2024-07-04 01:00:00,0.00,30.00,30.00,2024-07-04 00:00:00,po_3,failed,payout
txn_4,gbp,STRIPE PAYOUT,2024-07-35 01:00:00,0.00,40.00,40.00,2024-07-05 00:00:00,po_4,paid,payout
"""


def test_payouts_report_with_local_effective_at_only(csv_bytes):
    result = load_export(csv_bytes(PAYOUTS_LOCAL), filename="payouts.csv")
    assert result.layout == "Stripe Payouts report"
    assert totals(result) == expect(
        {
            ("2024-05", "transfer"): (-67.99, 0.00, -67.99),  # 67.99 left Stripe for the bank
            ("2024-07", "transfer"): (20.35, 0.00, 20.35),  # Stripe debited the bank 20.35
        }
    )
    assert list(result.skipped["row"]) == [4]
    assert (
        result.skipped["reason"].iloc[0] == "payout failed: the money stayed in the Stripe balance"
    )
    assert list(result.rejected["row"]) == [5]
    assert (
        "effective_at '2024-07-35 01:00:00' is not a real date" in result.rejected["reason"].iloc[0]
    )


# --- Dashboard "Payments → Export" (unified_payments.csv) ----------------------------------

# The Dashboard's default column set ("Default (23)": id ... Transfer), the header public
# projects read from real exports (e.g. Liam-Dupeyron/AnswersAi_data_science and
# streaming-overlays/stripe-country-revenue-calculator, unified_payments.csv, whose all-columns
# headers start the same way). Values invented; the account's balance is in EUR.
PAYMENTS = """\
id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer
ch_1,2026-03-02 10:00:00,100.00,0.00,eur,true,100.00,0.00,eur,,Logo design,1.75,,ANN STUDIO,Paid,Payment complete.,0.35,pm_1,cus_1,Ann Client,ann@example.com,in_1,po_1
ch_2,2026-03-05 16:20:00,50.00,20.00,usd,true,46.00,18.50,eur,,Website fix,1.94,2026-04-02 09:15:00,ANN STUDIO,Paid,Payment complete.,0.39,pm_2,cus_2,,bob@example.com,in_2,po_1
ch_3,2026-03-06 08:00:00,80.00,0.00,eur,false,80.00,0.00,eur,insufficient_funds,Logo design,0.00,,ANN STUDIO,Failed,The bank returned the decline code `insufficient_funds`.,0.00,pm_3,cus_3,,,in_3,
,2026-03-06 08:05:00,80.00,,eur,,,,,,Logo design,,,,requires_payment_method,"The latest payment attempt of this PaymentIntent has failed or been canceled, and the attached payment method has been removed.",,,cus_3,,,,
ch_4,2026-03-10 12:00:00,30.00,30.00,eur,true,30.00,30.00,eur,,Banner,0.70,2026-03-20 11:00:00,ANN STUDIO,Refunded,Payment complete.,0.14,pm_4,cus_4,Cy Client,,in_4,po_2
ch_5,2026-02-30 12:00:00,10.00,0.00,eur,true,10.00,0.00,eur,,Icon,0.43,,ANN STUDIO,Paid,Payment complete.,0.09,pm_5,cus_5,,,in_5,po_2
ch_6,2026-03-12 12:00:00,abc,0.00,eur,true,abc,0.00,eur,,Icon,0.43,,ANN STUDIO,Paid,Payment complete.,0.09,pm_6,cus_6,,,in_6,po_2
ch_7,2026-03-30 12:00:00,60.00,0.00,eur,true,60.00,0.00,eur,,Flyer,1.15,,ANN STUDIO,Pending,The payment is pending.,0.23,pm_7,cus_7,,,in_7,
ch_8,2026-03-31 12:00:00,40.00,50.00,eur,true,40.00,50.00,eur,,Poster,0.85,2026-03-31 13:00:00,ANN STUDIO,Refunded,Payment complete.,0.17,pm_8,cus_8,,,in_8,po_3
"""


def test_dashboard_payments_export_totals_per_kind_and_month(csv_bytes):
    result = load_export(csv_bytes(PAYMENTS), filename="unified_payments.csv")
    assert result.platform == "stripe"
    assert result.layout == "Stripe Payments (Dashboard export)"
    assert totals(result) == expect(
        {
            # ch_1 100.00 + ch_2 46.00 (its 50.00 usd as it reached the EUR balance) + ch_4 30.00;
            # fees 1.75 + 1.94 + 0.70 = 4.39; net 176.00 - 4.39 = 171.61
            ("2026-03", "earning"): (100.00 + 46.00 + 30.00, 1.75 + 1.94 + 0.70, 171.61),
            # VAT on Stripe's fees (20% of each fee, on top of it): 0.35 + 0.39 + 0.14
            ("2026-03", "tax"): (-(0.35 + 0.39 + 0.14), 0.00, -0.88),
            ("2026-03", "refund"): (-30.00, 0.00, -30.00),  # ch_4 refunded in full on 20 March
            # ch_2's 20.00 usd refund left the balance as 18.50 eur, on 2 April
            ("2026-04", "refund"): (-18.50, 0.00, -18.50),
        }
    )
    t = result.transactions
    assert set(t["currency"]) == {"EUR"}
    first = t[(t["reference"] == "ch_1") & (t["kind"] == "earning")].iloc[0]
    assert (first["client"], first["description"]) == ("Ann Client", "Logo design")
    assert t[t["reference"] == "ch_2"]["client"].tolist() == ["bob@example.com"] * 3
    assert any("another currency" in w for w in result.warnings)  # ch_2, usd -> eur
    assert any("count from there, once" in w for w in result.warnings)


def test_dashboard_payments_skipped_and_rejected_rows_have_reasons(csv_bytes):
    result = load_export(csv_bytes(PAYMENTS), filename="unified_payments.csv")
    skipped = dict(zip(result.skipped["row"], result.skipped["reason"], strict=True))
    rejected = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    # header = row 1: ch_3 is row 4, the attempt without an id row 5, ... ch_8 row 10
    assert skipped == {
        4: "payment Failed: no money was taken",
        5: "payment requires_payment_method: no money was taken",
        9: "payment still Pending when the file was exported: not settled yet. Export again "
        "later to count it once it is paid",
    }
    assert sorted(rejected) == [7, 8, 10]
    assert "Created date (UTC) '2026-02-30 12:00:00' is not a real date" in rejected[7]
    assert "'abc' is not an amount" in rejected[8]
    assert rejected[10] == (
        "refunded 50.00 is more than the payment 40.00: the row looks edited or cut off"
    )
    # 9 data rows: 3 skipped, 3 rejected, 3 imported (ch_1 2 transactions, ch_2 and ch_4 3)
    assert result.rows_read == 9 and result.rows_imported == 3
    assert len(result.transactions) == 2 + 3 + 3


# All columns, as in streaming-overlays/stripe-country-revenue-calculator unified_payments.csv
# (a real export, with `Mode`). There, a payment of 15.00 usd reached a THB balance as 534.80
# with Fee 35.40 and Taxes On Fee 2.48 = 7% (Thai VAT) of 35.40: the fee is in the balance's
# currency and the tax comes on top of it. Values below invented in the same proportions.
PAYMENTS_ALL_HEADER = (
    "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
    "Converted Amount Refunded,Converted Currency,Description,Fee,Is Link,Mode,"
    "PaymentIntent ID,Payment Source Type,Refunded date (UTC),Statement Descriptor,Status,"
    "Seller Message,Taxes On Fee,Card ID,Card Name,Card Address Line1,Card Address Line2,"
    "Card Address City,Card Address State,Card Address Country,Card Address Zip,"
    "Card AVS Line1 Status,Card AVS Zip Status,Card Brand,Card CVC Status,Card Exp Month,"
    "Card Exp Year,Card Fingerprint,Card Funding,Card Issue Country,Card Last4,"
    "Card Tokenization Method,Customer ID,Customer Description,Customer Email,Customer Phone,"
    "Shipping Name,Shipping Address Line1,Shipping Address Line2,Shipping Address City,"
    "Shipping Address State,Shipping Address Country,Shipping Address Postal Code,"
    "Disputed Amount,Dispute Date (UTC),Dispute Evidence Due (UTC),Dispute Reason,"
    "Dispute Status,Invoice ID,Invoice Number,Checkout Session ID,Checkout Custom Field 1 Key,"
    "Checkout Custom Field 1 Value,Checkout Custom Field 2 Key,Checkout Custom Field 2 Value,"
    "Checkout Custom Field 3 Key,Checkout Custom Field 3 Value,Checkout Line Item Summary,"
    "Checkout Promotional Consent,Checkout Terms of Service Consent,Client Reference ID,"
    "Payment Link ID,UTM Campaign,UTM Content,UTM Medium,UTM Source,UTM Term,Application Fee,"
    "Application ID,Destination,Transfer,Transfer Group"
)


def _all_columns_row(cells: dict[str, str]) -> str:
    names = PAYMENTS_ALL_HEADER.split(",")
    assert set(cells) <= set(names)
    return ",".join(cells.get(name, "") for name in names)


def test_dashboard_payments_all_columns_converted_currency_and_test_mode(csv_bytes):
    common = {"Captured": "true", "Status": "Paid", "Converted Currency": "thb"}
    rows = [
        # 20.00 usd reached the balance as 713.00 thb; fee 47.20; VAT 7% of 47.20 = 3.30
        {
            "id": "ch_1",
            "Created date (UTC)": "2024-06-07 02:38:54",
            "Amount": "20.00",
            "Amount Refunded": "0.00",
            "Currency": "usd",
            "Converted Amount": "713.00",
            "Converted Amount Refunded": "0.00",
            "Description": "Subscription update",
            "Fee": "47.20",
            "Mode": "Live",
            "Taxes On Fee": "3.30",
            "Card Name": "Dee Buyer",
        },
        # a test-mode payment glued under the live ones: not real money
        {
            "id": "ch_2",
            "Created date (UTC)": "2024-06-08 10:00:00",
            "Amount": "99.00",
            "Amount Refunded": "0.00",
            "Currency": "thb",
            "Converted Amount": "99.00",
            "Converted Amount Refunded": "0.00",
            "Description": "Test",
            "Fee": "3.60",
            "Mode": "Test",
            "Taxes On Fee": "0.25",
        },
        # a lost chargeback: the export does not show the money taken back (warned)
        {
            "id": "ch_3",
            "Created date (UTC)": "2024-06-09 10:00:00",
            "Amount": "500.00",
            "Amount Refunded": "0.00",
            "Currency": "thb",
            "Converted Amount": "500.00",
            "Converted Amount Refunded": "0.00",
            "Description": "Subscription creation",
            "Fee": "18.25",
            "Mode": "Live",
            "Taxes On Fee": "1.28",
            "Disputed Amount": "500.00",
            "Dispute Status": "lost",
        },
    ]
    lines = [PAYMENTS_ALL_HEADER] + [_all_columns_row({**common, **r}) for r in rows]
    result = load_export(csv_bytes("\n".join(lines) + "\n"), filename="unified_payments.csv")
    assert result.layout == "Stripe Payments (Dashboard export)"
    assert totals(result) == expect(
        {
            # 713.00 + 500.00; fees 47.20 + 18.25 = 65.45; net 1213.00 - 65.45 = 1147.55
            ("2024-06", "earning"): (713.00 + 500.00, 47.20 + 18.25, 1147.55),
            ("2024-06", "tax"): (-(3.30 + 1.28), 0.00, -4.58),
        }
    )
    assert set(result.transactions["currency"]) == {"THB"}
    assert result.transactions["client"].iloc[0] == "Dee Buyer"  # the card holder's name
    assert list(result.skipped["row"]) == [3]
    assert result.skipped["reason"].iloc[0] == "a test-mode payment: not real money"
    assert any("1 payment(s) in this file are disputed" in w for w in result.warnings)


def test_dashboard_payments_export_without_fee_column_is_refused(csv_bytes):
    text = (
        "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Description,Customer ID\n"
        "ch_1,2026-07-01 09:12:33,129.00,0.00,myr,Paid,Pro plan,cus_1\n"
    )
    with pytest.raises(ImportFailed, match="no 'Fee' column"):
        load_export(csv_bytes(text), filename="unified_payments.csv")


# --- Dashboard "Balances → Payouts → Export" -------------------------------------------------

# Header as in a public project's tests built from a real export (a Tekmetric deposits
# reconciler: id,Amount,Created (UTC),Currency,Livemode,Arrival Date (UTC),...,Destination
# Last 4); values invented.
DASHBOARD_PAYOUTS = """\
id,Amount,Created (UTC),Currency,Livemode,Arrival Date (UTC),Source Type,Destination,Status,Type,Method,Description,Balance Transaction,Failure Balance Transaction,Failure Message,Failure Code,Statement Descriptor,Trace ID,Trace ID Status,Destination Name,Destination Country,Destination Last 4
po_a,3930.14,2026-07-10 00:18,usd,true,2026-07-10 00:00,card,ba_x,paid,bank_account,standard,STRIPE PAYOUT,txn_a,,,,Ann Studio,091000010212946,supported,"JPMORGAN CHASE BANK, NA",US,9680
po_b,3267.46,2026-07-09 00:23,usd,true,2026-07-09 00:00,card,ba_x,paid,bank_account,standard,STRIPE PAYOUT,txn_b,,,,Ann Studio,111000022875117,supported,"JPMORGAN CHASE BANK, NA",US,9680
po_c,120.00,2026-07-15 00:20,usd,true,2026-07-16 00:00,card,ba_x,failed,bank_account,standard,STRIPE PAYOUT,txn_c,txn_cf,The bank account details are wrong,invalid_account_number,Ann Studio,,,"JPMORGAN CHASE BANK, NA",US,9680
po_d,500.00,2026-08-01 00:20,usd,true,2026-08-03 00:00,card,ba_x,in_transit,bank_account,standard,STRIPE PAYOUT,,,,,Ann Studio,,,"JPMORGAN CHASE BANK, NA",US,9680
po_e,75.00,2026-08-02 00:20,usd,true,2026-08-04 00:00,card,ba_x,paid,bank_account,standard,STRIPE PAYOUT,txn_e,,,,Ann Studio,,,"JPMORGAN CHASE BANK, NA",US,9680
po_f,10.00,2026-08-03 00:20,usd,false,2026-08-05 00:00,card,ba_x,paid,bank_account,standard,STRIPE PAYOUT,txn_f,,,,Ann Studio,,,"JPMORGAN CHASE BANK, NA",US,9680
po_g,20.00,2026-08-33 00:20,usd,true,2026-08-05 00:00,card,ba_x,paid,bank_account,standard,STRIPE PAYOUT,txn_g,,,,Ann Studio,,,"JPMORGAN CHASE BANK, NA",US,9680
"""


def test_dashboard_payouts_export_rows_are_transfers(csv_bytes):
    result = load_export(csv_bytes(DASHBOARD_PAYOUTS), filename="payouts.csv")
    assert result.layout == "Stripe Payouts (Dashboard export)"
    assert totals(result) == expect(
        {
            # money leaving Stripe for the bank: -(3930.14 + 3267.46) = -7197.60
            ("2026-07", "transfer"): (-7197.60, 0.00, -7197.60),
            ("2026-08", "transfer"): (-(500.00 + 75.00), 0.00, -575.00),
        }
    )
    t = result.transactions
    assert not t["kind"].isin(["earning", "refund", "fee"]).any()
    # the payout's balance transaction (as in the balance export), else the payout id
    assert list(t["reference"]) == ["txn_a", "txn_b", "po_d", "txn_e"]
    skipped = dict(zip(result.skipped["row"], result.skipped["reason"], strict=True))
    assert skipped == {
        4: "payout failed: the money stayed in the Stripe balance",
        7: "a test-mode payout: not real money",
    }
    assert list(result.rejected["row"]) == [8]
    assert (
        "Created (UTC) '2026-08-33 00:20' is not a real date" in result.rejected["reason"].iloc[0]
    )
    # a payouts export never holds income: no "download it for other dates"
    [note] = [w for w in result.warnings if "payout(s) to your bank" in w]
    assert note.startswith("This Stripe Payouts (Dashboard export) lists 4 payout(s) to your bank")
    assert "never holds the payments you received" in note and "same Stripe export" not in note


def test_a_payouts_exports_warning_names_the_file_with_its_payments(csv_bytes):
    # the payouts run 10 Jul - 5 Aug 2026; a balance export with a charge of 20 Jul holds the
    # payments of those dates: "add it" would contradict the file already added
    balance = load_export(
        csv_bytes(
            DASHBOARD.splitlines()[0]
            + "\n"
            + "txn_c,charge,ch_9,500.00,14.80,485.20,usd,2026-07-20 10:00,2026-07-22 00:00,"
            "Invoice 9,500.00,usd,,,,\n"
        ),
        filename="balance.csv",
    )
    payouts = load_export(csv_bytes(DASHBOARD_PAYOUTS), filename="payouts.csv")
    combine([balance, payouts])
    [note] = [w for w in payouts.warnings if "payout(s) to your bank" in w]
    assert note.endswith("Yours are in balance.csv, added beside it.")
    assert "If you have not added one" not in note
    # a balance file of June alone does not hold what payouts until August paid out
    june = load_export(
        csv_bytes(
            DASHBOARD.splitlines()[0]
            + "\n"
            + "txn_j,charge,ch_8,500.00,14.80,485.20,usd,2026-06-20 10:00,2026-06-22 00:00,"
            "Invoice 8,500.00,usd,,,,\n"
        ),
        filename="june.csv",
    )
    payouts = load_export(csv_bytes(DASHBOARD_PAYOUTS), filename="payouts.csv")
    combine([june, payouts])
    [note] = [w for w in payouts.warnings if "payout(s) to your bank" in w]
    assert note.endswith("If you have not added one for the same dates, add it.")
    # a balance export of other dates (January to March) leaves the request as it was
    other = load_export(csv_bytes(DASHBOARD), filename="q1.csv")
    payouts = load_export(csv_bytes(DASHBOARD_PAYOUTS), filename="payouts.csv")
    combine([other, payouts])
    [note] = [w for w in payouts.warnings if "payout(s) to your bank" in w]
    assert note.endswith("If you have not added one for the same dates, add it.")
    # a month's export of one payout (4 Aug) pays out July's charge: the balance export of
    # July beside it holds it, though no payment falls on the payout's own day
    single = "\n".join(DASHBOARD_PAYOUTS.splitlines()[:1] + DASHBOARD_PAYOUTS.splitlines()[5:6])
    payouts = load_export(csv_bytes(single + "\n"), filename="payouts_aug.csv")
    assert len(payouts.transactions) == 1
    combine([balance, payouts])
    [note] = [w for w in payouts.warnings if "payout(s) to your bank" in w]
    assert note.endswith("Yours are in balance.csv, added beside it.")


def test_dashboard_payout_and_balance_export_count_the_payout_once(csv_bytes):
    """The balance export lists the payout po_a as its balance transaction txn_a."""
    balance = load_export(
        csv_bytes(
            DASHBOARD.splitlines()[0]
            + "\n"
            + "txn_a,payout,po_a,-3930.14,0.00,-3930.14,usd,2026-07-10 00:18,2026-07-10 00:18,"
            "STRIPE PAYOUT,,,,,,\n"
        ),
        filename="balance.csv",
    )
    payouts = load_export(csv_bytes(DASHBOARD_PAYOUTS), filename="payouts.csv")
    both = combine([balance, payouts])
    assert both.duplicates == [0, 1]
    assert round(both.transactions["gross"].sum(), 2) == -(3930.14 + 3267.46 + 500.00 + 75.00)


def itemised_charge(txn: str, day: str, gross: float, fee: float, **more: str) -> str:
    """One charge of an itemised Balance change report (ITEMISED_HEADER's columns), paid in
    USD on `day`, with `more` cells (customer_name, payment_method_type, card_country...)."""
    names = [n.strip('"') for n in ITEMISED_HEADER.split(",")]
    cells = dict.fromkeys(names, "")
    cells.update(
        balance_transaction_id=txn,
        created_utc=f"{day} 15:00:00",
        created=f"{day} 10:00:00",
        currency="usd",
        gross=f"{gross:.2f}",
        fee=f"{fee:.2f}",
        net=f"{gross - fee:.2f}",
        reporting_category="charge",
        description=f"Invoice {txn}",
        **more,
    )
    assert set(cells) == set(names), "a cell of no column of the report"
    return ",".join(f'"{cells[n]}"' if cells[n] else "" for n in names)


def test_ach_payments_are_checked_against_their_own_published_fee(csv_bytes):
    """A US consultant's itemised report: a card invoice of 1,000.00 (fee 29.30 = 2.9% + 0.30)
    and ACH Direct Debit invoices of 1,000.00 and 200.00 (0.8%: 8.00 capped at 5.00, and
    1.60). Stripe took exactly that: nothing above the schedule. Checked as card charges the
    ACH fees (6.60) were far below 2.9% + 30c (35.40) and hid any excess of the card's."""
    from analytics.fees import fee_summary

    def row(txn, day, gross, fee, method, name):
        return itemised_charge(txn, day, gross, fee, customer_name=name, payment_method_type=method)

    lines = [
        ITEMISED_HEADER,
        row("t1", "2026-03-02", 1000.00, 29.30, "card", "Northwind"),
        row("t2", "2026-03-03", 1000.00, 5.00, "us_bank_account", "Globex"),
        row("t3", "2026-03-04", 200.00, 1.60, "us_bank_account", "Globex"),
    ]
    result = load_export(csv_bytes("\n".join(lines) + "\n"), filename="itemised.csv")
    assert result.rejected.empty
    described = result.transactions.set_index("reference")["description"]
    assert described["t2"] == "Invoice t2 (paid by ACH Direct Debit)"
    assert described["t1"] == "Invoice t1"
    fees = fee_summary(result.transactions)
    stripe = fees.loc["stripe"]
    assert stripe["schedule_fees"] == pytest.approx(29.30 + 5.00 + 1.60)
    assert bool(stripe["above_schedule"]) is False
    assert "ACH Direct Debit 0.8%, capped at $5.00" in stripe["schedule"]


def test_a_card_from_abroad_is_checked_at_stripes_international_rate(csv_bytes):
    """A US account's itemised report: 2,400.00 on a card from GB, fee 105.90 = 4.4% (2.9% +
    1.5%) + 0.30, and 1,000.00 on a US card, 29.30: both as Stripe's pricing says, nothing
    above the schedule (the GB charge at 2.9% + 30c would be 69.90: 36.00 above)."""
    from analytics.fees import fee_summary

    def row(txn, gross, fee, country):
        return itemised_charge(
            txn, "2026-03-02", gross, fee, payment_method_type="card", card_country=country
        )

    lines = [ITEMISED_HEADER, row("t1", 2400.00, 105.90, "GB"), row("t2", 1000.00, 29.30, "US")]
    result = load_export(csv_bytes("\n".join(lines) + "\n"), filename="itemised.csv")
    described = result.transactions.set_index("reference")["description"]
    assert described["t1"] == "Invoice t1 (international card, GB)"
    assert described["t2"] == "Invoice t2"
    stripe = fee_summary(result.transactions).loc["stripe"]
    assert stripe["schedule_fees"] == pytest.approx(105.90 + 29.30)
    assert bool(stripe["above_schedule"]) is False


def test_a_payment_converted_by_stripe_counts_what_the_conversion_cost():
    """Lucía's EUR account: a customer paid 500.00 USD on 15 Sep 2026 and Stripe credited
    424.65 EUR (fee 6.41). The ECB's rate that day, 1 EUR = 1.1539 USD, makes 500.00 USD
    worth 500 / 1.1539 = 433.31 EUR: converting cost 433.31 - 424.65 = 8.66 EUR. The payment
    counts as 433.31 with Stripe's fee 6.41 and a conversion fee of 8.66, so its net is still
    Stripe's 418.24. A payment in euros and the payout are as Stripe lists them."""
    csv = (
        "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description,"
        "Customer Facing Amount,Customer Facing Currency\n"
        "txn_1,charge,ch_1,424.65,6.41,418.24,eur,2026-09-15 10:00,2026-09-22 00:00,Invoice 7,"
        "500.00,usd\n"
        "txn_2,charge,ch_2,100.00,1.75,98.25,eur,2026-09-16 10:00,2026-09-23 00:00,Invoice 8,"
        "100.00,eur\n"
        "txn_3,payout,po_1,-516.49,0.00,-516.49,eur,2026-09-25 10:00,2026-09-25 00:00,"
        "STRIPE PAYOUT,,\n"
    )
    result = load_export(csv.encode(), "balance.csv")
    t = result.transactions
    assert result.rejected.empty and result.rows_imported == 3
    earnings = t[t["kind"] == "earning"]
    assert earnings["gross"].tolist() == [433.31, 100.00]
    assert earnings["fee"].tolist() == [6.41, 1.75]
    [cost] = t[t["kind"] == "fee"].itertuples()
    assert (cost.gross, cost.fee) == (0.0, 8.66)
    assert cost.description == (
        "Currency conversion 500.00 USD to 424.65 EUR, worth 433.31 EUR at the ECB reference "
        "rate of 2026-09-15"
    )
    income = t[t["kind"] != "transfer"]
    assert round(income["net"].sum(), 2) == round(418.24 + 98.25, 2)  # Stripe's own nets
    assert any("the difference (8.66 EUR) counts as a Stripe fee" in w for w in result.warnings)
