"""Upwork importer: transaction-history layouts and the Weekly Summary export.

Every expected number is worked out by hand in the test (arithmetic shown) or, for the real
Weekly Summary file, summed independently with the csv module and Decimal.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pandas as pd
import pytest
from conftest import shared_file

from analytics import load_export
from analytics.schema import INCOME_KINDS

LEGACY_HEADER = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance"
)

# Newest first, as Upwork writes it. BOM added by the fixture.
LEGACY = f"""
{LEGACY_HEADER}
"Oct 2, 2025",R11,Withdrawal,"Payment - PayPal me@example.com: xxxx-1234",,,,,,"-1,200.00",,USD,0.00
"Oct 2, 2025",R10,Withdrawal Fee,Withdrawal Fee,,,,,,-2.00,,USD,1200.00
"Sep 30, 2025",R9,Refund,Refund for Logo design,,,Acme Inc,,,-50.00,,USD,1202.00
"Sep 30, 2025",R8,Service Fee,Service Fee refund - Ref ID R9,,,,,,5.00,,USD,1252.00
"Sep 29, 2025",R7,Withholding Tax,Withholding Tax (IN) - Ref ID R1,,,,,,-10.00,,USD,1247.00
"Sep 28, 2025",R6,Membership Fee,Fees for Freelancer Plus membership,,,,,,-14.99,,USD,1257.00
"Sep 28, 2025",R5,Connects,Fees for additional connects,,,,,,-1.50,,USD,1271.99
"Sep 26, 2025",R4,Bonus,Bonus,,,Acme Inc,,,25.00,,USD,1273.49
"Sep 25, 2025",R3,Service Fee,Service Fee for Hourly - Ref ID R2,,,,,,-165.38,,USD,1248.49
"Sep 25, 2025",R2,Hourly,Invoice for Website rebuild: week 38,,,,,,"1,653.75",,USD,1413.87
"Aug 15, 2025",R1,Fixed Price,Invoice for Logo design: Milestone 1,,,Acme Inc,,,300.00,,USD,303.00
"Aug 15, 2025",R0,Miscellaneous,Correction,,,,,,3.00,,USD,3.00
"""


def _sums(table: pd.DataFrame, by: str) -> dict:
    grouped = table.groupby(by, observed=True)[["gross", "fee", "net"]].sum().round(2)
    return {k: tuple(v) for k, v in grouped.iterrows()}


def _monthly_income_net(table: pd.DataFrame) -> dict:
    income = table[table["kind"].isin(INCOME_KINDS)]
    months = income["date"].dt.strftime("%Y-%m")
    return income.groupby(months)["net"].sum().round(2).to_dict()


def test_legacy_layout_totals_by_kind_and_month(csv_bytes):
    result = load_export(csv_bytes(LEGACY, bom=True), filename="statements.csv")
    assert result.platform == "upwork"
    assert result.layout == "Upwork transaction history (legacy)"
    assert result.rejected.empty and result.skipped.empty
    table = result.transactions
    assert len(table) == 12
    assert (table["currency"] == "USD").all()

    assert _sums(table, "kind") == {
        # Hourly 1,653.75 + Bonus 25 + Fixed Price 300
        "earning": (1978.75, 0.0, 1978.75),
        # Connects 1.50 + membership 14.99 + service 165.38 + withdrawal fee 2.00 - refunded 5.00
        "fee": (0.0, 178.87, -178.87),
        "refund": (-50.0, 0.0, -50.0),
        "tax": (-10.0, 0.0, -10.0),
        "transfer": (-1200.0, 0.0, -1200.0),
        "adjustment": (3.0, 0.0, 3.0),
    }
    assert _monthly_income_net(table) == {
        "2025-08": 303.0,  # 300 + 3
        "2025-09": 1451.88,  # 1653.75 + 25 - (165.38 + 1.50 + 14.99 - 5.00) - 50
        "2025-10": -2.0,  # withdrawal fee only; the withdrawal itself is a transfer
    }


def test_withholding_tax_under_another_type_is_tax(csv_bytes):
    """`Withholding Tax (IN) - Ref ID ...` rows filed under Miscellaneous or Service Fee are tax
    withheld (-3.00 and -2.00): not an adjustment counted as income, nor a fee. Income is the
    100.00 invoice alone; tax -5.00."""
    text = f"""
{LEGACY_HEADER}
"Sep 29, 2025",R3,Miscellaneous,Withholding Tax (IN) - Ref ID R1,,,,,,-3.00,,USD,95.00
"Sep 29, 2025",R2,Service Fee,Withholding Tax (IN) - Ref ID R1,,,,,,-2.00,,USD,98.00
"Sep 25, 2025",R1,Fixed Price,Invoice for Logo design: Milestone 1,,,Acme Inc,,,100.00,,USD,100.00
"""
    table = load_export(csv_bytes(text)).transactions
    assert _sums(table, "kind") == {"earning": (100.0, 0.0, 100.0), "tax": (-5.0, 0.0, -5.0)}
    assert _monthly_income_net(table) == {"2025-09": 100.0}


def test_charges_filed_under_miscellaneous_are_fees(csv_bytes):
    """Sam's 2021-23 history files Connects under Miscellaneous: -7.50 "Fees for additional
    connects" and -14.99 "Fees for Freelancer Plus membership" are fees Upwork kept (22.49),
    not adjustments, and +7.50 of them given back a fee returned; a +3.00 Miscellaneous
    correction stays one. Net income: 100 + 3 - 22.49 + 7.50 = 88.01 either way; gross 103.00
    (not 88.01 nor 110.50), fees 22.49 - 7.50 = 14.99."""
    text = f"""
{LEGACY_HEADER}
"Sep 30, 2025",R5,Miscellaneous,Fees for additional connects,,,,,,7.50,,USD,88.01
"Sep 29, 2025",R4,Miscellaneous,Fees for additional connects,,,,,,-7.50,,USD,80.51
"Sep 29, 2025",R3,Miscellaneous,Fees for Freelancer Plus membership,,,,,,-14.99,,USD,88.01
"Sep 26, 2025",R2,Miscellaneous,Correction,,,,,,3.00,,USD,103.00
"Sep 25, 2025",R1,Fixed Price,Invoice for Logo design: Milestone 1,,,Acme Inc,,,100.00,,USD,100.00
"""
    table = load_export(csv_bytes(text)).transactions
    assert _sums(table, "kind") == {
        "earning": (100.0, 0.0, 100.0),
        "fee": (0.0, 14.99, -14.99),
        "adjustment": (3.0, 0.0, 3.0),
    }
    assert _monthly_income_net(table) == {"2025-09": 88.01}


def test_legacy_clients_references_and_dates(csv_bytes):
    table = load_export(csv_bytes(LEGACY)).transactions
    by_ref = table.set_index("reference")
    # Team wins; otherwise the contract named in "Invoice for <contract>: ..."
    assert by_ref.loc["R1", "client"] == "Acme Inc"
    assert by_ref.loc["R2", "client"] == "Website rebuild"
    assert by_ref.loc["R2", "date"] == pd.Timestamp("2025-09-25")
    assert by_ref.loc["R2", "gross"] == 1653.75
    assert by_ref.loc["R11", "description"].startswith("Payment - PayPal")


def test_exchange_rate_variant(csv_bytes):
    text = """
    Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,ExchangeRate,Currency,Balance
    "Jan 5, 2022",9,Hourly,Invoice for API work: week 1,,,Beta LLC,,,120.00,1,USD,120.00
    "Jan 5, 2022",10,Service Fee,Service Fee for Hourly - Ref ID 9,,,,,,-24.00,1,USD,96.00
    """
    result = load_export(csv_bytes(text))
    assert result.layout == "Upwork transaction history (legacy, ExchangeRate)"
    # 120.00 earned, 24.00 service fee (20 %): net 96.00
    assert _sums(result.transactions, "kind") == {
        "earning": (120.0, 0.0, 120.0),
        "fee": (0.0, 24.0, -24.0),
    }
    assert result.transactions["date"].eq(pd.Timestamp("2022-01-05")).all()


def test_2023_24_variant_with_extra_columns(csv_bytes):
    text = f"""
    {LEGACY_HEADER},Enhanced PO Number,AWS Study Name - number
    2023-11-03,77,Fixed Price,Invoice for Survey app: Milestone 2,,,Gamma,,,500.00,500.00,USD,500.00,,
    2023-11-03,78,Service Fee,Service Fee for Fixed Price - Ref ID 77,,,,,,-50.00,-50.00,USD,450.00,,
    2023-11-20,79,Withdrawal,Payment - Bank: xxxx-9876,,,,,,-450.00,-450.00,USD,0.00,,
    """
    result = load_export(csv_bytes(text))
    assert result.layout == "Upwork transaction history (2023-24)"
    assert result.rejected.empty
    assert _sums(result.transactions, "kind") == {
        "earning": (500.0, 0.0, 500.0),
        "fee": (0.0, 50.0, -50.0),
        "transfer": (-450.0, 0.0, -450.0),
    }
    # ISO dates in this file
    assert list(result.transactions["date"].dt.day) == [3, 3, 20]


CURRENT_19 = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,Ref ID,"
    "Amount $,Amount in local currency,Currency,Current Balance $,Payment Method"
)


def test_19_column_layout_amount_dollar_is_usd(csv_bytes):
    # `Currency` here belongs to `Amount in local currency` (INR); `Amount $` is USD.
    text = f"""
    {CURRENT_19}
    09/25/2025,T1,Hourly,Invoice for Website rebuild,Week of 09/15,,,,,,Acme Inc,,,R1,400.00,"33,480.00",INR,400.00,
    09/25/2025,T2,Service Fee,Service Fee,Hourly - Ref ID R1,,,,,,,,,R1,-40.00,"-3,348.00",INR,360.00,
    09/26/2025,T3,GST,GST on service fee,,,,,,,,,,R1,-7.20,-602.64,INR,352.80,
    09/27/2025,T4,Connects,Connects purchase,,,,,,,,,,,-15.00,,,337.80,
    10/01/2025,T5,Subscription,Freelancer Plus,,,,,,,,,,,-19.99,,,317.81,
    10/03/2025,T6,Fixed-price,Milestone 2,,,,,,,Beta LLC,,,R2,250.00,,,567.81,
    10/05/2025,T7,Payment,Withdrawal to PayPal,,,,,,,,,,,-500.00,,,67.81,PayPal
    """
    result = load_export(csv_bytes(text, bom=True))
    assert result.layout == "Upwork transaction history (19 columns)"
    assert result.rejected.empty
    table = result.transactions
    assert (table["currency"] == "USD").all()
    assert _sums(table, "kind") == {
        "earning": (650.0, 0.0, 650.0),  # 400 + 250
        "fee": (0.0, 74.99, -74.99),  # 40 + 15 + 19.99
        "tax": (-7.2, 0.0, -7.2),
        "transfer": (-500.0, 0.0, -500.0),
    }
    assert _monthly_income_net(table) == {
        "2025-09": 345.0,  # 400 - 40 - 15
        "2025-10": 230.01,  # 250 - 19.99
    }
    by_ref = table.set_index("reference")
    assert by_ref.loc["T1", "client"] == "Acme Inc"
    assert by_ref.loc["T1", "description"] == "Invoice for Website rebuild | Week of 09/15"
    assert by_ref.loc["T1", "date"] == pd.Timestamp("2025-09-25")


def test_20_column_layout_with_entered_description(csv_bytes):
    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Nov 3, 2025",T9,Bonus,Bonus,,,,,Thanks for the fast fix,,,Delta Co,,,,75.00,,,75.00,
    "Nov 4, 2025",T10,Service Fee,Service Fee,Bonus - Ref ID T9,,,,,,,,,,,-7.50,,,67.50,
    """
    result = load_export(csv_bytes(text))
    assert result.layout == "Upwork transaction history (20 columns)"
    table = result.transactions
    assert _sums(table, "kind") == {"earning": (75.0, 0.0, 75.0), "fee": (0.0, 7.5, -7.5)}
    bonus = table[table["reference"] == "T9"].iloc[0]
    assert bonus["description"] == "Bonus | Thanks for the fast fix"
    assert bonus["client"] == "Delta Co"


def test_unknown_type_and_broken_rows_rejected_good_rows_kept(csv_bytes):
    text = f"""
    {LEGACY_HEADER}
    "Sep 30, 2025",5,Journal,Balance journal,,,,,,4.00,,USD,0
    "Sep 31, 2025",4,Hourly,Invoice for X: week 1,,,,,,10.00,,USD,0
    "Sep 29, 2025",3,Hourly,Invoice for X: week 1,,,,,,ten,,USD,0
    "Sep 28, 2025",2,Hourly,Invoice for X: week 1,,,,,,80.00,,USD,0
    "Sep 28, 2025",1,Service Fee,Service Fee,,,,,,-8.00,,USD,0
    """
    result = load_export(csv_bytes(text))
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert set(reasons) == {2, 3, 4}
    assert "Journal" in reasons[2]
    assert "Sep 31, 2025" in reasons[3]
    assert "ten" in reasons[4]
    assert _sums(result.transactions, "kind") == {
        "earning": (80.0, 0.0, 80.0),
        "fee": (0.0, 8.0, -8.0),
    }


def test_same_file_twice_gives_same_ids(csv_bytes):
    first = load_export(csv_bytes(LEGACY), filename="a.csv").transactions["txn_id"]
    again = load_export(csv_bytes(LEGACY), filename="b.csv").transactions["txn_id"]
    assert list(first) == list(again)
    assert first.is_unique


# --- Weekly Summary (real file) ----------------------------------------------------------------


def test_weekly_summary_real_file_totals():
    path = shared_file("upwork/weekly_summary_export_sample.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected_amount = sum(Decimal(r["Amount"]) for r in rows)
    expected_hours = sum(Decimal(r["Hours"]) for r in rows if r["Hours"])
    by_month: dict[str, Decimal] = {}
    for r in rows:
        by_month[r["Date"][:7]] = by_month.get(r["Date"][:7], Decimal(0)) + Decimal(r["Amount"])

    result = load_export(path)
    assert result.platform == "upwork"
    assert result.layout == "Upwork Weekly Summary"
    assert result.rows_read == 252
    assert result.rejected.empty and result.skipped.empty
    table = result.transactions
    assert len(table) == 252
    assert (table["kind"] == "earning").all()
    assert table["gross"].sum() == pytest.approx(float(expected_amount), abs=0.005)
    assert table["net"].sum() == pytest.approx(float(expected_amount), abs=0.005)
    assert table["hours"].sum() == pytest.approx(float(expected_hours), abs=1e-6)
    months = table.groupby(table["date"].dt.strftime("%Y-%m"))["gross"].sum()
    assert months.round(2).to_dict() == {k: float(v) for k, v in by_month.items()}
    # PROVENANCE: 243 hourly, 7 Bonus, 2 Fixed Price Payment
    kinds = table["description"].str.split(":").str[0].value_counts().to_dict()
    assert kinds == {"Hourly": 243, "Bonus": 7, "Fixed Price Payment": 2}
    assert table["date"].min() == pd.Timestamp("2023-09-16")
    assert table["date"].max() == pd.Timestamp("2025-07-16")


def test_weekly_summary_literal(csv_bytes):
    text = """
    "Date","Contract","Hours","Amount","Payment type"
    "2024-03-01","Bootstrap5 Expert (34848691)","5.5","16.5",""
    "2024-03-02","Bootstrap5 Expert (34848691)","0.33333","1",""
    "2024-04-16","Mini Site Creation (36873991)","","10","Bonus"
    "2024-04-17","Mini Site Creation (36873991)","","0",""
    """
    result = load_export(csv_bytes(text))
    table = result.transactions
    assert list(result.skipped["row"]) == [5]  # no hours, no amount
    assert table["gross"].sum() == pytest.approx(16.5 + 1 + 10, abs=0.005)
    assert table["hours"].sum() == pytest.approx(5.5 + 0.33333, abs=1e-6)
    assert set(table["client"]) == {"Bootstrap5 Expert", "Mini Site Creation"}
    assert set(table["reference"]) == {"34848691", "36873991"}


def test_weekly_summary_resaved_by_a_german_spreadsheet():
    """Semicolons, whole-dollar amounts and hours 5,5 (five and a half) or 1:30 (a duration):
    8.0 hours and 165 + 45 = 210 dollars."""
    text = (
        "Date;Contract;Hours;Amount;Payment type\r\n"
        "2024-03-01;Bootstrap5 Expert (34848691);5,5;165;\r\n"
        "2024-03-02;Bootstrap5 Expert (34848691);1:30;45;\r\n"
        "2024-03-03;Bootstrap5 Expert (34848691);1;0;\r\n"
    )
    result = load_export(text.encode("cp1252"), "weekly.csv")
    assert result.rejected.empty
    assert result.transactions["hours"].tolist() == [5.5, 1.5, 1.0]
    assert result.transactions["gross"].sum() == 210.0


def test_the_freelancer_is_not_their_own_client(csv_bytes):
    # Connects and Freelancer Plus name the freelancer in `Account Name` (as `Freelancer`):
    # those charges are Upwork's; a withdrawal has no client.
    text = f"""
    {CURRENT_19}
    09/25/2025,T1,Hourly,Invoice for Website rebuild,,,,,,Maya Ortiz,Acme Inc,Maya Ortiz,,R1,400.00,,,400.00,
    09/25/2025,T2,Service Fee,Service Fee,Hourly - Ref ID R1,,,,,Maya Ortiz,Acme Inc,Maya Ortiz,,R1,-40.00,,,360.00,
    09/27/2025,T4,Connects,Connects purchase,,,,,,Maya Ortiz,,Maya Ortiz,,,-15.00,,,345.00,
    10/01/2025,T5,Subscription,Freelancer Plus,,,,,,Maya Ortiz,,Maya Ortiz,,,-19.99,,,325.01,
    10/05/2025,T7,Payment,Withdrawal to PayPal,,,,,,Maya Ortiz,,Maya Ortiz,,,-300.00,,,25.01,PayPal
    """
    table = load_export(csv_bytes(text)).transactions
    clients = dict(zip(table["reference"], table["client"], strict=True))
    assert clients == {"T1": "Acme Inc", "T2": "Acme Inc", "T4": "Upwork", "T5": "Upwork", "T7": ""}


# The current transaction history as some accounts download it: lower-case names, `Agency team`
# and `Client team` instead of `Agency` and `Team`. Header from the GigLens import audit
# (`upwork_current_lowercase.csv`); a public Upwork-report parser (repository not recorded) reads
# these very names (`Transaction type`, `Transaction summary details`, `Client team`,
# `Description 2`) and the descriptions `40.00 hours x $6.00 = $240.00` (Hourly) and
# `$240.00 x 10.0% = $24.00` (Service Fee).
CURRENT_LOWER = (
    "Date,Transaction ID,Transaction type,Transaction summary,Transaction summary details,"
    "Description 1,Description 2,Description 3,Agency team,Freelancer,Client team,Account name,"
    "PO,Ref ID,Amount $,Amount in local currency,Currency,Current balance $,Payment method"
)


def test_current_lower_case_layout_reads_the_client_team_and_hours(csv_bytes):
    text = f"""
    {CURRENT_LOWER}
    "Sep 25, 2026",900001,Hourly,Data pipeline work,"Earnings for Sep 14-Sep 20, 2026",,40.00 hours x $6.00 = $240.00,,,Mark Bain,ebiz global,Mark Bain,,1,240.00,,,240.00,
    "Sep 25, 2026",900001,Service Fee,Data pipeline work,"Earnings for Sep 14-Sep 20, 2026",,$240.00 x 10.0% = $24.00,,,Mark Bain,ebiz global,Mark Bain,,1,-24.00,,,216.00,
    "Sep 26, 2026",900002,Fixed-price,Logo refresh,Milestone 1,,,,,Mark Bain,Acme Inc,Mark Bain,,2,150.00,,,366.00,
    "Sep 26, 2026",900002,Service Fee,Logo refresh,Milestone 1,,$150.00 x 10.0% = $15.00,,,Mark Bain,Acme Inc,Mark Bain,,2,-15.00,,,351.00,
    "Sep 27, 2026",900003,Connects,Connects purchase,,,,,,Mark Bain,,Mark Bain,,3,-1.50,,,349.50,
    "Oct 1, 2026",900004,Withdrawal,Withdrawal,,,,,,Mark Bain,,Mark Bain,,4,-349.50,,,0.00,Direct to Local Bank
    "Sep 31, 2026",900005,Hourly,Data pipeline work,,,1.00 hours x $6.00 = $6.00,,,Mark Bain,ebiz global,Mark Bain,,5,6.00,,,6.00,
    """
    result = load_export(csv_bytes(text, bom=True), filename="2026-10-02_transaction_report.csv")
    assert result.layout == "Upwork transaction history (19 columns)"
    (reason,) = result.rejected["reason"]
    assert "Sep 31, 2026" in reason  # no 31st of September: rejected, the rest imports
    table = result.transactions
    assert _sums(table, "kind") == {
        "earning": (240.0 + 150.0, 0.0, 390.0),
        "fee": (0.0, 24.0 + 15.0 + 1.50, -40.50),
        "transfer": (-349.50, 0.0, -349.50),
    }
    # 240 - 24 + 150 - 15 - 1.50 = 349.50, all of it withdrawn on Oct 1
    assert _monthly_income_net(table) == {"2026-09": 349.50}
    clients = {(r.reference, str(r.kind)): r.client for r in table.itertuples()}
    assert clients == {
        ("900001", "earning"): "ebiz global",
        ("900001", "fee"): "ebiz global",  # the fee on a client's payment keeps the client
        ("900002", "earning"): "Acme Inc",
        ("900002", "fee"): "Acme Inc",
        ("900003", "fee"): "Upwork",  # Connects: no client, Upwork's charge
        ("900004", "transfer"): "",  # `Account name` is the freelancer: no client
    }
    keys = table["reference"].astype(str) + " " + table["kind"].astype(str)
    hours = dict(zip(keys, table["hours"], strict=True))
    assert hours["900001 earning"] == 40.0  # 40.00 x 6.00 = 240.00, the row's amount
    assert pd.isna(hours["900002 earning"])  # fixed price: no hours
    assert pd.isna(hours["900001 fee"])


def test_hours_in_descriptions_only_when_hours_times_rate_is_the_amount(csv_bytes):
    # Legacy descriptions as a public clone of Upwork's transaction page shows them
    # (`Invoice for 05/27/2024-06/02/2024 - 14:20 hrs @ $18.00/hr`): h:mm is hours:minutes.
    text = f"""
    {LEGACY_HEADER}
    "Jun 7, 2024",701123340,Hourly,Invoice for 05/27/2024-06/02/2024 - 14:20 hrs @ $18.00/hr,,Jane Doe,Lowcoder Software LTD,Lowcoder Software LTD,,258.00,258.00,USD,258.00
    "Jun 14, 2024",701123341,Hourly,Invoice for 06/03/2024-06/09/2024 - 0:10 hrs @ $25.55/hr,,Jane Doe,Lowcoder Software LTD,Lowcoder Software LTD,,4.26,4.26,USD,262.26
    "Jun 21, 2024",701123342,Hourly,Invoice for 06/10/2024-06/16/2024 - 10:00 hrs @ $18.00/hr,,Jane Doe,Lowcoder Software LTD,Lowcoder Software LTD,,200.00,200.00,USD,462.26
    "Jun 28, 2024",701123343,Hourly,14.33 hours x $18.00 = $258.00,,Jane Doe,Lowcoder Software LTD,Lowcoder Software LTD,,258.00,258.00,USD,720.26
    "Jun 28, 2024",701123344,Bonus,Bonus,,Jane Doe,Lowcoder Software LTD,Lowcoder Software LTD,,36.00,36.00,USD,756.26
    "Jun 29, 2024",701123345,Hourly,Invoice for 06/17/2024-06/23/2024 - 1:00 hrs @ $18.00/hr,,Jane Doe,Lowcoder Software LTD,Lowcoder Software LTD,,1B.00,18.00,USD,774.26
    """
    result = load_export(csv_bytes(text), filename="statements.csv")
    (reason,) = result.rejected["reason"]
    assert "1B.00" in reason
    hours = dict(zip(result.transactions["reference"], result.transactions["hours"], strict=True))
    # 14:20 is 14 h 20 min = 14 + 20/60 hours; 14 1/3 x 18.00 = 258.00
    assert hours["701123340"] == pytest.approx(14 + 20 / 60, abs=1e-9)
    # 10 minutes at 25.55/hr = 4.2583, paid 4.26 (rounded to the cent)
    assert hours["701123341"] == pytest.approx(10 / 60, abs=1e-9)
    # 10:00 x 18.00 = 180.00, not the 200.00 paid: the hours are not certain, left unknown
    assert pd.isna(hours["701123342"])
    # 14.33 is 14 h 20 min written to two decimals: 258.00 / 18.00 = 860 minutes exactly
    assert hours["701123343"] == pytest.approx(860 / 60, abs=1e-9)
    assert pd.isna(hours["701123344"])  # a bonus is paid for no time of its own
    # gross: 258.00 + 4.26 + 200.00 + 258.00 + 36.00
    assert _sums(result.transactions, "kind") == {"earning": (756.26, 0.0, 756.26)}


# Upwork Weekly Summary beside a transaction history that states its hours: the summary's rows
# become time entries (analytics.combine) and the history's own hours count, once.
HISTORY_WITH_HOURS = f"""
{CURRENT_LOWER}
"Sep 21, 2026",900001,Hourly,Data pipeline work,"Earnings for Sep 14-Sep 20, 2026",,10.00 hours x $6.00 = $60.00,,,Mark Bain,ebiz global,Mark Bain,,1,60.00,,,60.00,
"Sep 21, 2026",900001,Service Fee,Data pipeline work,"Earnings for Sep 14-Sep 20, 2026",,$60.00 x 10.0% = $6.00,,,Mark Bain,ebiz global,Mark Bain,,1,-6.00,,,54.00,
"Sep 28, 2026",900002,Hourly,Data pipeline work,"Earnings for Sep 21-Sep 27, 2026",,5.00 hours x $6.00 = $30.00,,,Mark Bain,ebiz global,Mark Bain,,2,30.00,,,84.00,
"""
WEEKLY_SAME_WEEKS = """
"Date","Contract","Hours","Amount","Payment type"
"2026-09-14","Data pipeline work (123)","6","36",""
"2026-09-15","Data pipeline work (123)","4","24",""
"2026-09-22","Data pipeline work (123)","5","30",""
"""


def _hours_counted(history: str, csv_bytes) -> float:
    from analytics.combine import combine
    from analytics.hours import hour_records

    both = combine(
        [
            load_export(csv_bytes(history), filename="2026-09-30_transaction_report.csv"),
            load_export(csv_bytes(WEEKLY_SAME_WEEKS), filename="weekly_summary.csv"),
        ]
    )
    return float(hour_records(both.transactions).records["hours"].sum())


def test_weekly_summary_beside_a_history_with_hours_counts_the_hours_once(csv_bytes):
    # the history says 10 + 5 hours; the summary's 6 + 4 + 5 are the same weeks
    assert _hours_counted(HISTORY_WITH_HOURS, csv_bytes) == 15.0


def test_weekly_summary_hours_are_not_added_again_when_the_client_also_paid_a_bonus(csv_bytes):
    # the bonus has no hours, so the client has an untimed earning the summary's time entries
    # could cover: the weeks whose history invoice states hours give the summary no hours
    bonus = (
        '"Sep 28, 2026",900003,Bonus,Data pipeline work,,,,,,Mark Bain,ebiz global,Mark Bain,,3,'
        "10.00,,,94.00,\n"
    )
    assert _hours_counted(HISTORY_WITH_HOURS + bonus, csv_bytes) == 15.0


def test_weekly_summary_work_paid_after_the_history_ends_is_not_income_yet(csv_bytes):
    from analytics.combine import combine
    from analytics.hours import hour_records

    # the history's last payment is Monday 28 Sep (the week of 21-27 Sep). The summary, downloaded
    # with it, ends with the week of 28 Sep-4 Oct, paid on Monday 5 Oct: its 3 + 2 hours (30.00 +
    # 20.00 before the fee) were not paid yet, not income. A summary reaching 2 Nov was downloaded
    # weeks later: those weeks were paid meanwhile and stay income, as the 2 Nov work does.
    later_weeks = WEEKLY_SAME_WEEKS + (
        '"2026-09-29","Data pipeline work (123)","3","30",""\n'
        '"2026-10-01","Data pipeline work (123)","2","20",""\n'
    )

    def combined(weekly: str):
        return combine(
            [
                load_export(
                    csv_bytes(HISTORY_WITH_HOURS), filename="2026-09-30_transaction_report.csv"
                ),
                load_export(csv_bytes(weekly), filename="weekly_summary.csv"),
            ]
        )

    both = combined(later_weeks)
    data = both.transactions
    # 60.00 + 30.00 - 6.00 from the history; the unpaid weeks add nothing
    assert round(float(data["net"].sum()), 2) == 84.00
    # the history's 10 + 5 hours; not the 3 + 2 unpaid ones
    assert float(hour_records(data).records["hours"].sum()) == 15.0
    note = next(n for n in both.notes if "not paid yet" in n)
    assert "2 row(s) of work from 29 Sep 2026 to 01 Oct 2026 (50.00 USD" in note
    assert "5.00 hours" in note and "(28 Sep 2026)" in note

    reaching_november = combined(
        later_weeks + '"2026-11-02","Data pipeline work (123)","1.5","15",""\n'
    )
    data = reaching_november.transactions
    assert round(float(data["net"].sum()), 2) == 84.00 + 30.00 + 20.00 + 15.00
    assert float(hour_records(data).records["hours"].sum()) == 15.0 + 3 + 2 + 1.5
    assert not any("not paid yet" in n for n in reaching_november.notes)
    assert any(
        "3 row(s) dated outside the history stay income" in n for n in reaching_november.notes
    )


def test_hours_are_left_unknown_when_the_written_hours_or_total_disagree(csv_bytes):
    # 216.00 at 18.00/hr would be 12 h exactly, but the invoice says 10:00: not certain, NaN.
    # 40.00 h x 6.00 = 240.00 is the amount, but the stated total $250.00 is not: NaN too.
    text = f"""
    {LEGACY_HEADER}
    "Jun 7, 2024",701123350,Hourly,Invoice for 05/27/2024-06/02/2024 - 10:00 hrs @ $18.00/hr,,Jane Doe,Lowcoder,Lowcoder,,216.00,216.00,USD,216.00
    "Jun 14, 2024",701123351,Hourly,40.00 hours x $6.00 = $250.00,,Jane Doe,Lowcoder,Lowcoder,,240.00,240.00,USD,456.00
    "Jun 21, 2024",701123352,Hourly,40.00 hours x $6.00 = $240.00,,Jane Doe,Lowcoder,Lowcoder,,240.00,240.00,USD,696.00
    """
    result = load_export(csv_bytes(text), filename="statements.csv")
    hours = dict(zip(result.transactions["reference"], result.transactions["hours"], strict=True))
    assert pd.isna(hours["701123350"]) and pd.isna(hours["701123351"])
    assert hours["701123352"] == 40.0  # all three agree: 40 x 6.00 = 240.00


def test_hours_with_a_total_written_without_thousands_commas(csv_bytes):
    # 44.75 h x 40.00 = 1,790.00, written "$1790.00": 44.75 hours (not a total of $179)
    text = f"""
    {LEGACY_HEADER}
    "Jan 12, 2026",701123360,Hourly,44.75 hours x $40.00 = $1790.00,,Jane Doe,Acme,Acme,,1790.00,1790.00,USD,1790.00
    "Jan 19, 2026",701123361,Hourly,"2.00 hours x $1,200.50 = $2401.00",,Jane Doe,Acme,Acme,,2401.00,2401.00,USD,4191.00
    """
    result = load_export(csv_bytes(text), filename="statements.csv")
    assert result.transactions["hours"].tolist() == [44.75, 2.0]


def test_a_withdrawal_to_a_bank_in_another_currency_gives_its_conversion_cost(csv_bytes):
    """2,400.00 USD withdrawn to a Canadian bank, 3,220.48 CAD arrived: 98% of what the ECB's
    rate of 20 Feb 2026 (1 USD = 1.369253 CAD, so 2,400.00 USD = 3,286.21 CAD) gives, so
    Upwork kept 2% of the 2,400.00: 48.00 USD, a fee; the transfer is the 2,352.00 USD that
    arrived (at the ECB rate). A withdrawal in US dollars (Amount in local currency the same,
    Currency USD) costs nothing; the withdrawal fee stays its own 0.99."""
    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Feb 20, 2026",870002442,Withdrawal Fee,Withdrawal Fee,,Withdrawal Fee,,,,,Maya Chen,,Maya Chen,,,-0.99,-0.99,USD,382.66,
    "Feb 20, 2026",870002435,Payment,Payment,,Payment - Direct to Local Bank (CAD) xxxx-4821,,,,,Maya Chen,,Maya Chen,,,-2400.00,-3220.48,CAD,383.65,Direct to Local Bank
    "Feb 10, 2026",870002400,Payment,Payment,,Payment - PayPal,,,,,Maya Chen,,Maya Chen,,,-500.00,-500.00,USD,2784.64,PayPal
    """
    result = load_export(csv_bytes(text))
    t = result.transactions
    assert _sums(t, "kind") == {
        "fee": (0.0, 0.99 + 48.00, -48.99),
        "transfer": (-2352.00 - 500.00, 0.0, -2852.00),
    }
    [cost] = t.loc[t["description"].str.startswith("Currency conversion"), "description"]
    assert cost == (
        "Currency conversion 2,400.00 USD to 3,220.48 CAD, worth 2,352.00 USD at the ECB "
        "reference rate of 2026-02-20"
    )
    assert "the difference (48.00 USD) counts as an Upwork fee" in " ".join(result.warnings)


def test_without_a_team_the_client_is_a_contract_never_a_week_or_a_milestone(csv_bytes):
    # Team empty: the client comes from the invoice text, where "hourly contract", a week and
    # "Milestone 2" name no contract, and "Fintech Dashboard" does
    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Nov 9, 2026",870002582,Hourly,Invoice for hourly contract,,Invoice for 10/26/2026-11/01/2026 - 18:00 hrs @ $85.00/hr,,,,,Maya Chen,,Maya Chen,,870001349,1530.00,1530.00,USD,3400.80,
    "Oct 9, 2026",870002500,Fixed-price,Invoice for Milestone 2: Dashboard MVP,,Invoice for Fintech Dashboard: Milestone 2: Dashboard MVP,,,,,Maya Chen,,Maya Chen,,870001300,2000.00,2000.00,USD,1870.80,
    """
    result = load_export(csv_bytes(text))
    clients = dict(zip(result.transactions["reference"], result.transactions["client"]))
    assert clients == {"870002582": "", "870002500": "Fintech Dashboard"}


def test_a_local_amount_shown_for_display_or_to_a_dollar_account_is_no_conversion(csv_bytes):
    # an INR account shows every row in rupees (the earning too): the withdrawal to PayPal
    # converted nothing, so no fee and the transfer is the whole 500.00 (a diff review's
    # case: a false 28.61 fee unmatched the PayPal arrival and counted it as income)
    text = f"""
    {CURRENT_19}
    09/25/2025,T1,Hourly,Invoice for Website rebuild,,,,,,,Acme Inc,,,R1,500.00,"41,850.00",INR,500.00,
    10/05/2025,T7,Payment,Withdrawal to PayPal,,,,,,,,,,,-500.00,"-41,850.00",INR,0.00,PayPal
    """
    t = load_export(csv_bytes(text)).transactions
    assert _sums(t, "kind") == {"earning": (500.0, 0.0, 500.0), "transfer": (-500.0, 0.0, -500.0)}
    # a withdrawal to PayPal with a local amount only on it: still a dollar account
    text = f"""
    {CURRENT_19}
    10/05/2025,T7,Payment,Withdrawal to PayPal,,,,,,,,,,,-500.00,"-41,850.00",INR,0.00,PayPal
    """
    t = load_export(csv_bytes(text)).transactions
    assert _sums(t, "kind") == {"transfer": (-500.0, 0.0, -500.0)}


def test_a_local_amount_far_below_the_ecb_worth_is_not_taken_as_a_cost(csv_bytes):
    # 2,400.00 USD "to" 2,400.00 CAD on 20 Feb 2026 (the dollar amount in the CAD column): at
    # the ECB's 1.369253 CAD per USD that would be a 27% cost - not a conversion measured
    # right: no fee, the withdrawal whole, a warning
    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Feb 20, 2026",870002435,Payment,Payment,,Payment - Direct to Local Bank (CAD) xxxx-4821,,,,,Maya Chen,,Maya Chen,,,-2400.00,-2400.00,CAD,383.65,Direct to Local Bank
    """
    result = load_export(csv_bytes(text))
    assert _sums(result.transactions, "kind") == {"transfer": (-2400.0, 0.0, -2400.0)}
    assert any("more than 10% below the ECB rate's worth" in w for w in result.warnings)


def test_the_contract_is_found_in_any_part_of_a_joined_description(csv_bytes):
    # Transaction Summary "Fixed-price", Description 1 "Invoice for Fintech Dashboard:
    # Milestone 2" (a diff review's case): the client is the contract
    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Oct 9, 2026",870002500,Fixed-price,Fixed-price,,Invoice for Fintech Dashboard: Milestone 2,,,,,Maya Chen,,Maya Chen,,870001300,2000.00,2000.00,USD,1870.80,
    """
    [client] = load_export(csv_bytes(text)).transactions["client"]
    assert client == "Fintech Dashboard"


def test_an_unreadable_amount_received_leaves_the_withdrawal_whole_and_says_so(csv_bytes):
    # "n/a" where the CAD received should be: the 2,400.00 withdrawal counts whole, no fee,
    # no rejected row, and a warning (a mutation audit's case)
    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Feb 20, 2026",870002435,Payment,Payment,,Payment - Direct to Local Bank (CAD) xxxx-4821,,,,,Maya Chen,,Maya Chen,,,-2400.00,n/a,CAD,383.65,Direct to Local Bank
    """
    result = load_export(csv_bytes(text))
    assert result.rejected.empty
    assert _sums(result.transactions, "kind") == {"transfer": (-2400.0, 0.0, -2400.0)}
    assert any("could not be read (e.g. 2,400.00 USD to CAD" in w for w in result.warnings)


def test_the_conversion_cost_is_upworks_and_counts_as_a_conversion_cost(csv_bytes):
    # the 48.00 of the CAD withdrawal is Upwork's fee (client Upwork) and is in the monthly
    # conversion_costs and the Fees page's conversion costs
    from analytics.fees import fee_summary
    from analytics.summary import monthly_summary

    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Feb 20, 2026",870002435,Payment,Payment,,Payment - Direct to Local Bank (CAD) xxxx-4821,,,,,Maya Chen,,Maya Chen,,,-2400.00,-3220.48,CAD,383.65,Direct to Local Bank
    "Feb 12, 2026",870002400,Fixed-price,Invoice for Logo,,Invoice for Logo: Milestone 1,,,,,Maya Chen,Acme,Maya Chen,,,3000.00,3000.00,USD,3000.00,
    """
    t = load_export(csv_bytes(text)).transactions
    [client] = t.loc[t["description"].str.startswith("Currency conversion"), "client"]
    assert client == "Upwork"
    assert monthly_summary(t).loc["2026-02", "conversion_costs"] == 48.00
    assert fee_summary(t).loc["upwork", "conversion_costs"] == 48.00


def test_invoice_for_a_bonus_names_no_client(csv_bytes):
    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Nov 9, 2026",870002582,Bonus,Invoice for Bonus,,Invoice for Bonus,,,,,Maya Chen,,Maya Chen,,870001349,150.00,150.00,USD,3400.80,
    """
    assert load_export(csv_bytes(text)).transactions["client"].tolist() == [""]


def test_a_withdrawal_fee_in_local_currency_does_not_hide_the_conversion_cost(csv_bytes):
    # the withdrawal's own fee carries a local amount too (-1.33 CAD): that is no display
    # conversion of the account (earnings are not in CAD), so the 48.00 cost stands
    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    text = f"""
    {header}
    "Feb 20, 2026",870002442,Withdrawal Fee,Withdrawal Fee,,Withdrawal Fee,,,,,Maya Chen,,Maya Chen,,,-0.99,-1.33,CAD,382.66,
    "Feb 20, 2026",870002435,Payment,Payment,,Payment of 2400 USD - Direct to Local Bank (CAD) xxxx-4821,,,,,Maya Chen,,Maya Chen,,,-2400.00,-3220.48,CAD,383.65,Direct to Local Bank
    """
    t = load_export(csv_bytes(text)).transactions
    assert t.loc[t["description"].str.startswith("Currency conversion"), "fee"].tolist() == [48.0]
