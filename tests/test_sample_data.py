"""The demo files in sample_data/: reproducible, in each platform's real layout, and imported with
exactly the totals the files themselves state.

Expected numbers are computed here from the file text with the csv module (never from the
generator's own plan), then compared with what `analytics.load_export` yields.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from analytics import INCOME_KINDS, load_export
from analytics.combine import combine
from sample_data.generate import TEMPLATE_NAME, demo_files, generate

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
ETSY_FILES = sorted(SAMPLE.glob("etsy_statement_*.csv"))
CENT = 0.005


def data_files(folder: Path) -> dict[str, bytes]:
    """Every generated data file (csv/json) under folder, by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".csv", ".json") and "__pycache__" not in p.parts
    }


def dict_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def money(cell: str) -> Decimal:
    """'$1,245.60' / '-$0.20' / '1,850.00' / '--' -> Decimal (0 for '--' and empty)."""
    cell = cell.strip()
    if cell in ("", "--"):
        return Decimal(0)
    return Decimal(cell.replace("$", "").replace(",", ""))


def totals(result, kind: str, currency: str = "USD") -> dict[str, float]:
    t = result.transactions
    rows = t[(t["kind"] == kind) & (t["currency"] == currency)]
    return {c: round(float(rows[c].sum()), 2) for c in ("gross", "fee", "net")}


def clean_import(path: Path):
    result = load_export(path)
    assert result.rejected.empty, result.rejected.to_string()
    return result


# --- the generator ------------------------------------------------------------------------------


def test_generator_is_deterministic_and_committed_files_are_up_to_date(tmp_path):
    generate(tmp_path / "a")
    generate(tmp_path / "b")
    first, second = data_files(tmp_path / "a"), data_files(tmp_path / "b")
    assert first == second
    committed = data_files(SAMPLE)
    assert sorted(committed) == sorted(first), "run `python -m sample_data.generate`"
    stale = [name for name in first if first[name] != committed[name]]
    assert stale == [], f"committed sample files differ from the generator's output: {stale}"


def test_sample_files_stay_small():
    assert sum(len(b) for b in data_files(SAMPLE).values()) < 500_000
    for name, data in data_files(SAMPLE).items():
        assert data.count(b"\n") < 1000, name


def test_demo_loads_every_file_except_template_and_extra():
    names = [p.name for p in demo_files(SAMPLE)]
    assert TEMPLATE_NAME not in names
    assert "upwork_weekly_summary.csv" not in names  # repeats the transaction history's money
    assert names == sorted(
        [p.name for p in ETSY_FILES]
        + [
            "mturk_dashboard.json",
            "mturk_hits.csv",
            "paypal_activity.csv",
            "toggl_time_entries.csv",
            "upwork_transactions.csv",
        ]
    )


# --- layouts: header lines exactly as in ../shared/reference/export-formats.md -------------------

UPWORK_20 = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Entered Description,Agency,Freelancer,Team,"
    "Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,"
    "Payment Method"
)
WEEKLY = '"Date","Contract","Hours","Amount","Payment type"'
ETSY = "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details"
TOGGL = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount ()"
)
PAYPAL_41 = (
    '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
    '"From Email Address","To Email Address","Transaction ID","Shipping Address","Address Status",'
    '"Item Title","Item ID","Shipping and Handling Amount","Insurance Amount","Sales Tax",'
    '"Option 1 Name","Option 1 Value","Option 2 Name","Option 2 Value","Reference Txn ID",'
    '"Invoice Number","Custom Number","Quantity","Receipt ID","Balance","Address Line 1",'
    '"Address Line 2/District/Neighborhood","Town/City",'
    '"State/Province/Region/County/Territory/Prefecture/Republic","Zip/Postal Code","Country",'
    '"Contact Phone Number","Subject","Note","Country Code","Balance Impact"'
)


@pytest.mark.parametrize(
    ("name", "header", "bom"),
    [
        ("upwork_transactions.csv", UPWORK_20, True),
        ("extra/upwork_weekly_summary.csv", WEEKLY, False),
        ("toggl_time_entries.csv", TOGGL, False),
        ("mturk_hits.csv", "Date,Requester,Title,Reward,State", False),
        (
            "giglens_template.csv",
            "date,platform,kind,gross,fee,net,currency,hours,client,description,reference",
            False,
        ),  # fmt: skip
        *[(p.name, ETSY, True) for p in ETSY_FILES],
    ],
)
def test_header_line_is_the_documented_one(name, header, bom):
    data = (SAMPLE / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == bom
    assert data.decode("utf-8-sig").split("\n", 1)[0] == header


def test_paypal_is_an_ordered_subset_of_the_41_default_columns_all_quoted():
    text = (SAMPLE / "paypal_activity.csv").read_text("utf-8")
    lines = text.splitlines()
    default = next(csv.reader([PAYPAL_41]))
    header = next(csv.reader([lines[0]]))
    assert "Balance Impact" in header
    assert [c for c in default if c in header] == header  # same order as the default set
    for line in lines:
        cells = next(csv.reader([line]))
        assert line == ",".join(f'"{c}"' for c in cells)  # every cell quoted
    rows = dict_rows(SAMPLE / "paypal_activity.csv")
    assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", r["Date"]) for r in rows)  # M/D/YYYY
    assert any("," in r["Gross"] for r in rows)  # thousands commas inside quotes
    for r in rows:  # PayPal's rule: Net = Gross + Fee, Fee never positive
        assert money(r["Net"]) == money(r["Gross"]) + money(r["Fee"]), r
        assert money(r["Fee"]) <= 0


def test_date_and_amount_styles():
    upwork = dict_rows(SAMPLE / "upwork_transactions.csv")
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", r["Date"]) for r in upwork)
    dates = pd.to_datetime([r["Date"] for r in upwork], format="%b %d, %Y")
    assert dates.is_monotonic_decreasing  # newest first
    etsy = [r for p in ETSY_FILES for r in dict_rows(p)]
    assert all(re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", r["Date"]) for r in etsy)
    assert all(re.fullmatch(r"--|-?\$[\d,]+\.\d\d", r["Fees & Taxes"]) for r in etsy)
    assert '"September 1, 2025"' in (SAMPLE / "etsy_statement_2025_9.csv").read_text("utf-8-sig")
    weekly = (SAMPLE / "extra/upwork_weekly_summary.csv").read_bytes()
    assert not weekly.endswith(b"\n")  # Upwork writes no final newline


# --- imports with totals worked out from the file text ------------------------------------------


def test_upwork_transaction_history_imports_with_its_own_totals():
    rows = dict_rows(SAMPLE / "upwork_transactions.csv")
    by_type: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        by_type[r["Transaction Type"]] += money(r["Amount $"])
    assert set(by_type) == {
        "Hourly", "Fixed-price", "Bonus", "Service Fee", "Connects", "Subscription", "Payment"
    }  # fmt: skip
    earnings = by_type["Hourly"] + by_type["Fixed-price"] + by_type["Bonus"]
    charges = -(by_type["Service Fee"] + by_type["Connects"] + by_type["Subscription"])
    # The file's own running balance: opening balance + every amount = the newest balance.
    newest, oldest = rows[0], rows[-1]
    opening = money(oldest["Current Balance $"]) - money(oldest["Amount $"])
    assert opening + sum(by_type.values()) == money(newest["Current Balance $"])

    result = clean_import(SAMPLE / "upwork_transactions.csv")
    assert result.platform == "upwork"
    assert result.rows_read == len(rows) and result.skipped.empty
    assert totals(result, "earning")["gross"] == pytest.approx(float(earnings), abs=CENT)
    assert totals(result, "fee")["fee"] == pytest.approx(float(charges), abs=CENT)
    assert totals(result, "transfer")["gross"] == pytest.approx(float(by_type["Payment"]), abs=CENT)
    # Service fees are 10% of earnings, each rounded to the cent.
    assert float(-by_type["Service Fee"]) == pytest.approx(float(earnings) * 0.10, abs=0.5)


def test_upwork_has_a_month_without_income():
    rows = dict_rows(SAMPLE / "upwork_transactions.csv")
    january = [r for r in rows if r["Date"].startswith("Jan") and r["Date"].endswith("2025")]
    earning_types = {"Hourly", "Fixed-price", "Bonus"}
    assert january and not any(r["Transaction Type"] in earning_types for r in january)
    t = clean_import(SAMPLE / "upwork_transactions.csv").transactions
    jan = t[(t["date"].dt.strftime("%Y-%m") == "2025-01") & (t["kind"] == "earning")]
    assert jan.empty


def test_weekly_summary_in_extra_matches_the_transaction_history_and_toggl():
    weekly = dict_rows(SAMPLE / "extra/upwork_weekly_summary.csv")
    history = dict_rows(SAMPLE / "upwork_transactions.csv")
    toggl = dict_rows(SAMPLE / "toggl_time_entries.csv")
    weekly_total = sum(money(r["Amount"]) for r in weekly)
    history_total = sum(
        money(r["Amount $"])
        for r in history
        if r["Transaction Type"] in ("Hourly", "Fixed-price", "Bonus")
    )
    assert weekly_total == history_total  # the same money: why the demo leaves extra/ out
    weekly_hours = defaultdict(Decimal)
    for r in weekly:
        title = re.sub(r"\s*\(\d+\)$", "", r["Contract"])
        weekly_hours[title] += Decimal(r["Hours"] or 0)
    toggl_hours = defaultdict(Decimal)
    for r in toggl:
        h, m, s = (int(x) for x in r["Duration"].split(":"))
        toggl_hours[r["Project"]] += Decimal(h * 3600 + m * 60 + s) / 3600
    for contract in ("Weekly sales dashboard upkeep", "Python scraper maintenance"):
        assert weekly_hours[contract] > 0
        assert toggl_hours[contract] == weekly_hours[contract]

    result = clean_import(SAMPLE / "extra/upwork_weekly_summary.csv")
    assert result.platform == "upwork"
    assert totals(result, "earning")["gross"] == pytest.approx(float(weekly_total), abs=CENT)
    hours = float(sum(weekly_hours.values()))
    assert result.transactions["hours"].sum() == pytest.approx(hours, abs=1e-6)


def test_paypal_activity_imports_with_its_own_totals():
    rows = dict_rows(SAMPLE / "paypal_activity.csv")
    types = Counter(r["Type"] for r in rows)
    assert types["Payment Refund"] == 1 and types["General Withdrawal"] >= 5
    assert types["Payment Hold"] == 1 and types["Payment Release"] == 1
    assert types["General Currency Conversion"] == 4  # two EUR payments, two legs each
    memo = [r for r in rows if r["Balance Impact"] == "Memo"]
    assert memo
    expected: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(
        lambda: {"gross": Decimal(0), "fee": Decimal(0)}
    )
    for r in rows:
        kind = {
            "Website Payment": "earning",
            # Upwork withdrawals arriving: income in this file alone (combined with the Upwork
            # export they are transfers, see test_demo_counts_upwork_money_once)
            "General Payment": "earning",
            "Payment Refund": "refund",
            "General Withdrawal": "transfer",
            "General Currency Conversion": "transfer",
        }.get(r["Type"])
        if kind is None or r["Balance Impact"] == "Memo":
            continue
        expected[(kind, r["Currency"])]["gross"] += money(r["Gross"])
        expected[(kind, r["Currency"])]["fee"] += -money(r["Fee"])  # PayPal's fee is negative

    result = clean_import(SAMPLE / "paypal_activity.csv")
    assert result.platform == "paypal"
    # Memo rows and the hold/release pair never moved money: skipped, with reasons.
    assert len(result.skipped) == len(memo) + 2
    assert result.rows_read == len(rows)
    t = result.transactions
    # a conversion's money sold is what moved (its transfer) plus what it cost (a fee row)
    cost = t[t["description"].str.startswith("Currency conversion ")]
    cost_by_currency = cost.groupby(cost["currency"].astype(str))["fee"].sum()
    for (kind, currency), sums in expected.items():
        got = totals(result, kind, currency)
        if kind == "transfer":
            got["gross"] -= float(cost_by_currency.get(currency, 0.0))
        assert got["gross"] == pytest.approx(float(sums["gross"]), abs=CENT), (kind, currency)
        assert got["fee"] == pytest.approx(float(sums["fee"]), abs=CENT), (kind, currency)
    assert set(result.transactions["currency"]) == {"USD", "EUR"}
    kinds_seen = {k for k, _ in expected}
    assert set(result.transactions["kind"]) == kinds_seen | {"fee"}
    # Each EUR -> USD conversion cost, in the euros sold: the EUR out less the USD in at the
    # ECB reference rate of the day (USD per EUR as the ECB published it): 21 Nov 2024 1.0526,
    # 10 Apr 2025 1.1082.
    t = result.transactions
    fees = t[t["kind"] == "fee"]
    assert set(fees["currency"]) == {"EUR"}
    assert dict(zip(fees["date"].dt.strftime("%Y-%m-%d"), fees["fee"], strict=True)) == {
        "2024-11-21": round(854.70 - round(873.33 / 1.0526, 2), 2),  # 854.70 - 829.69 = 25.01
        "2025-04-10": round(1044.72 - round(1132.58 / 1.1082, 2), 2),  # - 1,022.00 = 22.72
    }


def test_etsy_statements_import_with_their_own_totals():
    rows = [r for p in ETSY_FILES for r in dict_rows(p)]
    sales = [r for r in rows if r["Type"] == "Sale"]
    refunds = [r for r in rows if r["Type"] == "Refund"]
    fee_rows = [r for r in rows if r["Type"] in ("Fee", "Marketing")]
    deposits = [r for r in rows if r["Type"] == "Deposit"]
    assert {r["Type"] for r in rows} == {"Sale", "Refund", "Fee", "Marketing", "Deposit"}
    assert len(refunds) == 1
    for r in rows:  # the statement's own arithmetic: Net = Amount + Fees & Taxes
        if r["Type"] != "Deposit":
            assert money(r["Net"]) == money(r["Amount"]) + money(r["Fees & Taxes"]), r
    deposit_total = sum(money(re.match(r"(\S+) sent", r["Title"]).group(1)) for r in deposits)
    income_net = sum(money(r["Net"]) for r in rows if r["Type"] != "Deposit")

    results = [clean_import(p) for p in ETSY_FILES]
    assert {r.platform for r in results} == {"etsy"}
    t = pd.concat([r.transactions for r in results], ignore_index=True)

    def kind_sum(kind, col):
        return round(float(t.loc[t["kind"] == kind, col].sum()), 2)

    assert kind_sum("earning", "gross") == pytest.approx(
        float(sum(money(r["Amount"]) for r in sales)), abs=CENT
    )
    # Processing fee sits in the sale row's Fees & Taxes column (negative there).
    assert kind_sum("earning", "fee") == pytest.approx(
        float(-sum(money(r["Fees & Taxes"]) for r in sales)), abs=CENT
    )
    assert kind_sum("fee", "fee") == pytest.approx(
        float(-sum(money(r["Net"]) for r in fee_rows)), abs=CENT
    )
    assert kind_sum("refund", "gross") == pytest.approx(
        float(money(refunds[0]["Amount"])), abs=CENT
    )
    assert kind_sum("transfer", "gross") == pytest.approx(float(-deposit_total), abs=CENT)
    income = t[t["kind"].isin(INCOME_KINDS)]
    assert round(float(income["net"].sum()), 2) == pytest.approx(float(income_net), abs=CENT)


def test_etsy_seasonality_and_a_month_without_sales():
    def sales(y, m):
        rows = dict_rows(SAMPLE / f"etsy_statement_{y}_{m}.csv")
        return sum(money(r["Amount"]) for r in rows if r["Type"] == "Sale")

    assert sales(2025, 2) == 0
    assert dict_rows(SAMPLE / "etsy_statement_2025_2.csv")  # fees only, still a statement
    assert sales(2024, 12) > 3 * sales(2024, 7)
    assert sales(2025, 11) > 3 * sales(2025, 7)


def test_mturk_hit_log_imports_paid_and_approved_hits():
    rows = dict_rows(SAMPLE / "mturk_hits.csv")
    states = Counter(r["State"] for r in rows)
    assert set(states) == {"Paid", "Approved", "Rejected", "Pending"}
    rewards = [money(r["Reward"]) for r in rows]
    assert min(rewards) >= Decimal("0.05") and max(rewards) <= Decimal("2.50")
    paid = sum(money(r["Reward"]) for r in rows if r["State"] in ("Paid", "Approved"))

    result = clean_import(SAMPLE / "mturk_hits.csv")
    assert result.platform == "mturk"
    assert totals(result, "earning")["gross"] == pytest.approx(float(paid), abs=CENT)
    # Rejected HITs were never paid and Pending ones not yet: both skipped, with reasons.
    assert len(result.skipped) == states["Rejected"] + states["Pending"]
    assert len(result.transactions) == states["Paid"] + states["Approved"]


def test_mturk_dashboard_json_covers_november_only():
    doc = json.loads((SAMPLE / "mturk_dashboard.json").read_text("utf-8"))
    assert set(doc) == {
        "available_earnings", "hits_overview", "daily_hit_statistics_overview",
        "earnings_to_date", "earnings_by_period",
    }  # fmt: skip
    daily = doc["daily_hit_statistics_overview"]
    assert all(d["date"].startswith("2025-11-") for d in daily)
    hit_log_days = {r["Date"] for r in dict_rows(SAMPLE / "mturk_hits.csv")}
    assert max(hit_log_days) < "2025-11-01"  # no day in both files: nothing counted twice
    for d in daily:
        assert round(d["hits_rewards"] + d["bonus_rewards"], 2) == d["earnings"]
    november = round(sum(d["earnings"] for d in daily), 2)
    assert doc["earnings_by_period"]["monthly_earnings"]["2025-11"] == november

    result = clean_import(SAMPLE / "mturk_dashboard.json")
    assert result.platform == "mturk"
    income = result.transactions[result.transactions["kind"].isin(INCOME_KINDS)]
    assert round(float(income["gross"].sum()), 2) == pytest.approx(november, abs=CENT)


def test_toggl_time_entries_import_as_hours_without_money():
    rows = dict_rows(SAMPLE / "toggl_time_entries.csv")
    seconds = 0
    for r in rows:
        h, m, s = (int(x) for x in r["Duration"].split(":"))
        seconds += h * 3600 + m * 60 + s
    result = clean_import(SAMPLE / "toggl_time_entries.csv")
    t = result.transactions
    assert len(t) == len(rows)
    assert set(t["kind"]) == {"time"}
    assert t["hours"].sum() == pytest.approx(seconds / 3600, abs=1e-6)
    assert t["gross"].fillna(0).abs().sum() == 0  # time entries carry no money


def test_template_imports_with_its_own_totals():
    rows = dict_rows(SAMPLE / TEMPLATE_NAME)
    by_kind: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for r in rows:
        sums = by_kind[r["kind"]]
        by_kind[r["kind"]] = [
            sums[0] + money(r["gross"]),
            sums[1] + money(r["fee"]),
            sums[2] + money(r["net"]),
        ]
    result = clean_import(SAMPLE / TEMPLATE_NAME)
    assert result.platform == "generic"
    assert set(result.transactions["platform"]) == {"fiverr"}
    for kind, (gross, fee, net) in by_kind.items():
        got = totals(result, kind)
        assert (got["gross"], got["fee"], got["net"]) == pytest.approx(
            (float(gross), float(fee), float(net)), abs=CENT
        )
    # Worked by hand: 150 + 85 + 10 = 245 gross, 20% Fiverr fee = 49, net 196.
    assert totals(result, "earning") == {"gross": 245.0, "fee": 49.0, "net": 196.0}


def test_demo_counts_upwork_money_once():
    history = dict_rows(SAMPLE / "upwork_transactions.csv")
    earnings = sum(
        money(r["Amount $"])
        for r in history
        if r["Transaction Type"] in ("Hourly", "Fixed-price", "Bonus")
    )
    loaded = []
    for path in demo_files(SAMPLE):
        if path.name.startswith("upwork"):
            loaded.append(clean_import(path).transactions)
    t = pd.concat(loaded)
    assert round(float(t.loc[t["kind"] == "earning", "gross"].sum()), 2) == float(earnings)
    # The Upwork withdrawals sent to PayPal arrive there as payments from Upwork Escrow Inc.:
    # combined with the Upwork export, each is matched to its withdrawal and is a transfer.
    to_paypal = [
        r
        for r in history
        if r["Transaction Type"] == "Payment" and "PayPal" in r["Transaction Summary"]
    ]
    paypal = dict_rows(SAMPLE / "paypal_activity.csv")
    arrivals = [r for r in paypal if r["Name"] == "Upwork Escrow Inc."]
    assert len(to_paypal) == len(arrivals) > 0
    assert sum(-money(r["Amount $"]) for r in to_paypal) == sum(money(r["Gross"]) for r in arrivals)
    combined = combine([clean_import(p) for p in demo_files(SAMPLE)])
    rows = combined.transactions
    from_upwork = rows[(rows["platform"] == "paypal") & (rows["client"] == "Upwork Escrow Inc.")]
    assert len(from_upwork) == len(arrivals) and set(from_upwork["kind"].astype(str)) == {
        "transfer"
    }
    assert len(combined.notes) == 1


def test_readme_headline_totals_match_the_files():
    readme = (SAMPLE / "README.md").read_text("utf-8")
    upwork = dict_rows(SAMPLE / "upwork_transactions.csv")
    earnings = sum(
        money(r["Amount $"])
        for r in upwork
        if r["Transaction Type"] in ("Hourly", "Fixed-price", "Bonus")
    )
    etsy = [r for p in ETSY_FILES for r in dict_rows(p)]
    etsy_net = sum(money(r["Net"]) for r in etsy if r["Type"] != "Deposit")
    paypal = dict_rows(SAMPLE / "paypal_activity.csv")
    paypal_usd = sum(
        money(r["Gross"])
        for r in paypal
        if r["Type"] == "Website Payment" and r["Currency"] == "USD"
    )
    for value in (earnings, etsy_net, paypal_usd):
        assert f"{value:,.2f}" in readme
