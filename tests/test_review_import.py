"""Regression tests from a review of how exports become money (one test per bug found).

Every expected number is worked out by hand from the literal rows, with the arithmetic shown.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import ImportFailed, load_export
from analytics.parsing import parse_amount


def accounted(result) -> bool:
    """Every data row is imported (via transaction_rows), skipped or rejected, exactly once."""
    imported = set(result.transaction_rows.tolist())
    skipped, rejected = set(result.skipped["row"]), set(result.rejected["row"])
    return (
        not (imported & skipped or imported & rejected or skipped & rejected)
        and len(imported) + len(skipped) + len(rejected) == result.rows_read
    )


# --- amounts whose separators do not fit the file's number format ----------------------------


@pytest.mark.parametrize(
    ("cell", "comma"),
    [
        ("12,34", False),  # a decimal comma in a decimal-point file: not 1,234
        ("1,5", False),
        ("1,23,4.00", False),
        ("1.5", True),  # a decimal point in a decimal-comma file: not 15
        ("12.34", True),
        ("1.23.45,00", True),
    ],
)
def test_misgrouped_amounts_are_unreadable_not_multiplied(cell, comma):
    parsed = parse_amount(pd.Series([cell], dtype=object), decimal_comma=comma)
    assert bool(parsed.bad.iloc[0]), f"{cell!r} was read as {parsed.values.iloc[0]}"


@pytest.mark.parametrize(
    ("cell", "comma", "expected"),
    [
        ("1,000,000.00", False, 1_000_000.00),
        ("-1,234.5", False, -1234.50),
        ("1,00,000.00", False, 100_000.00),  # Indian grouping (lakh)
        ("$0.01", False, 0.01),
        ("1.234.567,89", True, 1_234_567.89),
        ("1234,5", True, 1234.50),
        ("-€0,01", True, -0.01),
    ],
)
def test_well_grouped_amounts_still_read(cell, comma, expected):
    parsed = parse_amount(pd.Series([cell], dtype=object), decimal_comma=comma)
    assert not parsed.bad.iloc[0]
    assert round(float(parsed.values.iloc[0]), 2) == expected


def test_upwork_amount_with_decimal_comma_is_rejected_not_read_as_hundredfold():
    header = (
        "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
        "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
        "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
    )
    body = (
        '"Oct 1, 2025",1,Hourly,Invoice for Dev,,,,,,,Beta,,,,100.00,,,,\n'
        '"Oct 2, 2025",2,Hourly,Invoice for Dev,,,,,,,Beta,,,,"12,34",,,,\n'
    )
    result = load_export((header + body).encode(), "upwork.csv")
    assert round(result.transactions["gross"].sum(), 2) == 100.00  # only the readable row
    assert list(result.rejected["row"]) == [3]
    assert "12,34" in result.rejected["reason"].iloc[0]


# --- a money row without a currency ---------------------------------------------------------


def test_stripe_row_without_currency_is_rejected_not_imported_currencyless():
    text = (
        "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        "txn_1,charge,ch_1,100.00,3.20,96.80,usd,2024-01-05 10:00,2024-01-07 00:00,A\n"
        "txn_2,charge,ch_2,10.00,0.59,9.41,,2024-01-06 10:00,2024-01-08 00:00,B\n"
    )
    result = load_export(text.encode(), "stripe.csv")
    t = result.transactions
    assert list(t["currency"].astype(str)) == ["USD"]
    assert round(t["net"].sum(), 2) == 96.80  # 100.00 - 3.20
    assert list(result.rejected["row"]) == [3]
    assert "currency" in result.rejected["reason"].iloc[0].lower()


# --- row texts in the reports when a cell holds a line break ----------------------------------


def test_report_shows_each_rows_own_text_after_a_multiline_cell():
    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        '2026-01-05,upwork,earning,10.00,0,10.00,USD,,A,"two\nlines",r1\n'
        "2026-01-06,upwork,earning,oops,0,5.00,USD,,A,z,r2\n"
        "\n"
    )
    result = load_export(text.encode(), "template.csv")
    assert accounted(result)
    rejected = result.rejected.set_index("row")
    assert list(rejected.index) == [3]
    assert "oops" in rejected.loc[3, "raw"]
    assert "oops" in rejected.loc[3, "reason"]


# --- totals rows --------------------------------------------------------------------------------


def test_totals_row_at_the_bottom_is_skipped_as_a_total():
    text = (
        "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        "txn_1,charge,ch_1,100.00,3.20,96.80,usd,2024-01-05 10:00,2024-01-07 00:00,A\n"
        "txn_2,charge,ch_2,50.00,1.75,48.25,usd,2024-01-06 10:00,2024-01-08 00:00,B\n"
        'Total,,,150.00,4.95,"145.05",,,,\n'
    )
    result = load_export(text.encode(), "stripe.csv")
    assert round(result.transactions["net"].sum(), 2) == 145.05  # 96.80 + 48.25
    assert result.rejected.empty
    assert list(result.skipped["row"]) == [4]
    assert "total" in result.skipped["reason"].iloc[0].lower()


# --- Upwork legacy: `Currency` belongs to `Amount in local currency` -------------------------


def test_upwork_legacy_amount_is_usd_whatever_the_local_currency_column_says():
    text = (
        "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        "Amount in local currency,Currency,Balance\n"
        '"Jan 7, 2022",14,Fixed Price,Invoice for Logo,,,T,,,50.00,45.00,EUR,50.00\n'
        '"Jan 7, 2022",15,Service Fee,Service Fee for Fixed Price - Ref ID 14,,,T,,,-5.00,'
        "-4.50,EUR,45.00\n"
    )
    result = load_export(text.encode(), "statements.csv")
    t = result.transactions
    assert set(t["currency"].astype(str)) == {"USD"}
    # the Balance column runs in US dollars: 50.00 earned, then 50.00 - 5.00 = 45.00
    assert round(t["net"].sum(), 2) == 45.00


# --- Etsy deposit of a whole number of pounds -----------------------------------------------


def test_etsy_deposit_with_a_single_digit_amount_in_its_title_is_a_transfer():
    text = (
        "\ufeffDate,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\n"
        '"31 July, 2026",Sale,Payment for Order #1,,GBP,£9.99,-£0.48,£9.51,--\n'
        '"31 July, 2026",Deposit,"£5 sent to your bank account",,GBP,--,--,--,\n'
    )
    result = load_export(text.encode("utf-8"), "etsy.csv")
    t = result.transactions.set_index("kind")
    assert result.skipped.empty and result.rejected.empty
    assert round(t.loc["transfer", "gross"], 2) == -5.00
    assert round(t.loc["earning", "net"], 2) == 9.51  # 9.99 - 0.48


# --- a withdrawal that comes back is a transfer, not income ---------------------------------


def test_payoneer_withdrawal_reversal_is_a_transfer():
    text = (
        "Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,Credit Amount,"
        "Debit Amount,Currency,Transfer Amount,Transfer Amount Currency,Status,"
        "Additional Description,Store Name,Source,Target,Reference ID\n"
        "03/01/2026,10:00:00,UTC,p1,Payment from Acme,1000.00,,USD,,,Completed,,,,,\n"
        "03/02/2026,10:00:00,UTC,p2,Withdrawal to Bank,,-500.00,USD,,,Completed,,,,,\n"
        "03/05/2026,10:00:00,UTC,p3,Withdrawal reversal,500.00,,USD,,,Completed,,,,,\n"
    )
    result = load_export(text.encode(), "payoneer.csv")
    t = result.transactions
    income = t[t["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    assert round(income["net"].sum(), 2) == 1000.00  # only the payment from Acme
    transfers = t[t["kind"] == "transfer"]
    assert round(transfers["gross"].sum(), 2) == 0.00  # -500.00 out, +500.00 back


def test_paypal_reversal_of_a_withdrawal_is_a_transfer():
    text = (
        '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
        '"Transaction ID"\n'
        '"1/5/2024","10:00:00","PST","Client A","Express Checkout Payment","Completed","USD",'
        '"200.00","-6.10","193.90","T1"\n'
        '"1/6/2024","10:00:00","PST","","General Withdrawal","Completed","USD","-150.00","0.00",'
        '"-150.00","T2"\n'
        '"1/8/2024","10:00:00","PST","","Reversal of General Withdrawal","Completed","USD",'
        '"150.00","0.00","150.00","T3"\n'
    )
    result = load_export(text.encode(), "paypal.csv")
    t = result.transactions
    income = t[t["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    assert round(income["net"].sum(), 2) == 193.90  # 200.00 - 6.10
    assert round(t.loc[t["kind"] == "transfer", "gross"].sum(), 2) == 0.00  # -150 + 150


def test_toptal_transfer_reversal_is_a_transfer():
    text = (
        "Id,Description,Amount,Transaction date\n"
        "A1,Payment for invoice 7,500.00,05-12-2016 12:00:11\n"
        "A2,Transfer to Card,-300.00,05-13-2016 12:00:11\n"
        "A3,Transfer to Card reversal,300.00,05-14-2016 12:00:11\n"
    )
    result = load_export(text.encode(), "toptal.csv")
    t = result.transactions
    assert round(t.loc[t["kind"] == "earning", "gross"].sum(), 2) == 500.00
    assert set(t.loc[t["description"].str.contains("Transfer"), "kind"].astype(str)) == {"transfer"}


def test_template_kind_guess_treats_a_withdrawal_reversal_as_a_transfer():
    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2026-01-05,fiverr,Revenue,80.00,0,80.00,USD,,A,,r1\n"
        "2026-01-06,fiverr,Withdrawal reversal,40.00,0,40.00,USD,,,,r2\n"
    )
    result = load_export(text.encode(), "template.csv")
    kinds = dict(zip(result.transactions["reference"], result.transactions["kind"].astype(str)))
    assert kinds == {"r1": "earning", "r2": "transfer"}


# --- property: every platform's header with random rows -------------------------------------

PLATFORM_HEADERS = {
    "upwork": "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary "
    "Details,Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
    "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method",
    "upwork_legacy": "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,"
    "Amount,Amount in local currency,Currency,Balance",
    "upwork_weekly": "Date,Contract,Hours,Amount,Payment type",
    "paypal": "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,Transaction ID,"
    "Reference Txn ID,Balance Impact",
    "paypal_statement": "Date,Time,Time Zone,Description,Currency,Gross,Fee,Net,Balance,"
    "Transaction ID",
    "stripe": "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description",
    "stripe_report": "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,"
    "net,reporting_category,description",
    "stripe_payouts": "payout_id,effective_at_utc,currency,gross,fee,net,reporting_category,"
    "payout_status",
    "etsy": "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details",
    "etsy_orders": "Sale Date,Order ID,Currency,Order Value,Shipping,Sales Tax,Order Total,"
    "Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees",
    "etsy_payments": "Payment ID,Order ID,Gross Amount,Fees,Net Amount,Currency,Adjusted Gross,"
    "Adjusted Fees,Adjusted Net,Order Date,Refund Amount",
    "gumroad_payout": "Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),"
    "Shipping ($),Sale Price ($),Gumroad Fees ($),Net Total ($)",
    "gumroad_sales": "Purchase ID,Item Name,Buyer Name,Purchase Date,Taxes ($),Sale Price ($),"
    "Fees ($),Net Total ($),Partial Refund ($),Fully Refunded?,Disputed?,Dispute Won?",
    "payoneer": "Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,"
    "Credit Amount,Debit Amount,Currency,Status",
    "toptal": "Id,Description,Amount,Fee,Total,Transaction date",
    "cashapp": "Date,Transaction ID,Transaction Type,Currency,Amount,Fee,Net Amount,Asset Type,"
    "Status,Notes,Name of sender/receiver",
    "mturk": "Date,Requester,Title,Reward,State",
    "uber": "transaction UUID,Trip UUID,Description,Paid to you,Paid to you : Your earnings,"
    "Paid to you:Your earnings:Service fee,Paid to you : Your earnings : Taxes,"
    "Paid to you:Trip balance:Payouts:Transferred To Bank Account,vs reporting",
    "generic": "date,platform,kind,gross,fee,net,currency,hours,client,description,reference",
}

# Cells that exercise the parsers: amounts in many shapes, dates in many orders, type words.
CELLS = st.sampled_from(
    [
        "",
        "--",
        "-0.00",
        "0.01",
        "1,000,000.00",
        "12,34",
        "-£1.44",
        "CA$76.00",
        "(12.00)",
        "1.234,56",
        "9.41",
        "-6.99",
        "2024-01-05",
        "1/13/2024",
        "13/1/2024",
        "03.02.2026",
        "Sep 25, 2025",
        "31 July, 2026",
        "2026-06-01 08:00:00 PDT",
        "05-12-2016 12:00:11",
        "2024-05-01 20:39:06",
        "usd",
        "EUR",
        "Sale",
        "Fee",
        "Refund",
        "Deposit",
        "charge",
        "payout",
        "Hourly",
        "Service Fee",
        "Payment",
        "Withdrawal",
        "General Withdrawal",
        "Express Checkout Payment",
        "Memo",
        "Completed",
        "Pending",
        "Paid",
        "Received P2P",
        "Payment from Acme",
        "Totals",
        "so.payout",
        "1",
        "0",
        'a "quoted"\nline',
        "x,y",
    ]
)


def _line(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    platform=st.sampled_from(sorted(PLATFORM_HEADERS)),
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=22), min_size=0, max_size=6),
)
def test_every_platform_header_with_random_rows_accounts_for_every_row(platform, rows):
    header = PLATFORM_HEADERS[platform]
    width = header.count(",") + 1
    body = "\n".join(_line((r + [""] * width)[:width]) for r in rows)
    try:
        result = load_export((header + "\n" + body).encode(), "fuzz.csv")
    except ImportFailed:
        return
    assert accounted(result)
    t = result.transactions
    money = t[t["kind"] != "time"]
    assert (money["currency"].astype(str).str.fullmatch(r"[A-Z]{3}")).all()
    assert ((t["gross"] - t["fee"] - t["net"]).abs() < 0.005).all()


def test_negative_zero_amounts_come_out_as_plain_zero():
    text = (
        '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
        '"Transaction ID"\n'
        '"1/5/2024","10:00:00","PST","Client A","General Payment","Completed","USD",'
        '"25.00","0.00","25.00","T1"\n'
    )
    result = load_export(text.encode(), "paypal.csv")
    t = result.transactions
    # PayPal's Fee 0.00 negated is -0.00; it must read (and print) as 0.00, not -0.00
    assert f"{t['fee'].iloc[0]:.2f}" == "0.00"
    assert f"{t['net'].iloc[0]:.2f}" == "25.00"


def test_a_currency_cell_that_is_no_code_rejects_its_row():
    header = PLATFORM_HEADERS["stripe_payouts"]
    width = header.count(",") + 1
    rows = [["po_1", "2024-01-05", "--", "-0.00"], ["po_2", "2024-01-06", "usd", "10.00"]]
    body = "\n".join(_line((r + [""] * width)[:width]) for r in rows)
    result = load_export((header + "\n" + body).encode(), "payouts.csv")
    assert list(result.rejected["reason"]) == [
        "currency '--' is not a currency code such as USD or EUR"
    ]
    assert list(result.transactions["currency"]) == ["USD"]  # `usd` is a code, upper-cased
    assert accounted(result)
