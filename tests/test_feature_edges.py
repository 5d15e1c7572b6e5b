"""Edges of the downloads, the sidebar's download scope, the column mapping, the CLI and the UK
last-year bill: each expected value is worked out by hand beside it (these came out of a
mutation audit of those features: each test fails on a plausible slip in the code)."""

from __future__ import annotations

import datetime as dt
import io
import textwrap

import openpyxl
import pandas as pd
import pytest
from conftest import REPO, situation
from streamlit.testing.v1 import AppTest
from test_metrics import table

from analytics.export import to_csv_bytes, to_xlsx_bytes
from analytics.loader import load_export
from analytics.parsing import NO_AMOUNT
from analytics.schema import conform
from analytics.summary import monthly_summary, summary_for_download
from analytics.tax import TaxProfile, estimate_tax
from giglens_ui.filters import Filters, download_scope
from giglens_ui.mapping import guess_mapping


def csv(text):
    return textwrap.dedent(text).encode()


def uk_rows():
    frame = pd.DataFrame(
        [
            ("2025-04-03", "earning", 100.0),
            ("2025-04-20", "earning", 20_000.0),
            ("2025-09-10", "earning", 10_000.0),
            ("2026-01-15", "refund", -500.0),
            ("2026-04-02", "earning", 1_000.0),
            ("2026-04-10", "earning", 300.0),
        ],
        columns=["date", "kind", "net"],
    )
    frame["platform"] = "upwork"
    frame["gross"] = frame["net"]
    frame["fee"] = 0.0
    frame["currency"] = "GBP"
    return conform(frame)


RELEASE = "(2026-01: £83.84)"
APRIL_2026 = "2026-04: 300.00 GBP of this month's net income is dated from 6 Apr 2026"


def test_downloaded_running_total_is_written_to_the_cent():
    # 0.1 + 0.2 is 0.30000000000000004 in floats: the file says 0.30
    months = pd.period_range("2025-01", periods=2, freq="M", name="month")
    s = pd.DataFrame(
        {"gross": [0.1, 0.2], "fees": [0.0, 0.0], "net": [0.1, 0.2], "cumulative_net": [0.1, 0.3]},
        index=months,
    )
    assert summary_for_download(s)["cumulative_net"].tolist() == [0.1, 0.3]


def notes(start, end):
    s = monthly_summary(uk_rows(), tax_profile=TaxProfile("UK", 2025), start=start, end=end)
    return " ".join(s.attrs["tax_notes"])


def test_a_release_note_of_a_tax_month_before_the_range_is_left_out():
    # tax month 2026-01 = 6 Jan - 5 Feb 2026
    assert RELEASE not in notes(dt.date(2026, 2, 6), dt.date(2026, 4, 5))


def test_a_uk_tax_month_runs_to_the_5th_for_the_range():
    assert RELEASE in notes(dt.date(2026, 2, 5), dt.date(2026, 4, 5))


def test_the_ranges_last_day_is_included_for_the_notes():
    assert APRIL_2026 in notes(dt.date(2026, 4, 1), dt.date(2026, 4, 10))


def test_the_breakdown_shows_the_profit_before_the_expenses():
    # 50,000 after fees, then 10,000 of expenses: the first line is the 50,000
    est = estimate_tax(
        50_000, jurisdiction="US", year=2025, filing_status="single", expenses=10_000
    )
    [line] = [x for x in est.lines if x.label == "Profit after platform fees"]
    assert line.amount == 50_000


def test_row_numbers_with_gaps_are_not_written():
    frame = pd.DataFrame({"client": list("ABCD"), "net": [1.0, 2.0, 3.0, 4.0]}).iloc[[0, 1, 3]]
    assert to_csv_bytes(frame).decode("utf-8-sig").splitlines() == [
        "client,net",
        "A,1.00",
        "B,2.00",
        "D,4.00",
    ]


def test_a_header_with_a_control_character_becomes_a_space_in_excel():
    frame = pd.DataFrame({"net\x0bUSD": [1.0]})
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"T": frame})))["T"]
    assert ws.cell(1, 1).value == "net USD"


def test_a_named_integer_index_is_written():
    by_year = pd.Series([5.0], index=pd.Index([2025], name="year"), name="net")
    assert to_csv_bytes(by_year).decode("utf-8-sig").splitlines() == ["year,net", "2025,5.00"]


def scope_table():
    return table(
        ("2025-01-03", "paypal", "earning", 100.0, 3.0),
        ("2025-03-01", "mturk", "earning", 5.0, 0.0),
        ("2025-06-30", "upwork", "earning", 200.0, 20.0),
    )


def test_a_range_equal_to_the_files_span_is_no_filter():
    f = Filters(start=dt.date(2025, 1, 3), end=dt.date(2025, 6, 30))
    assert download_scope(scope_table(), f) == ("", "")


def test_four_platforms_are_named_in_the_file_name():
    # four of five chosen: up to four are named (sorted), more would be "5_platforms"
    t = table(
        ("2025-01-03", "paypal", "earning", 1.0, 0.0),
        ("2025-01-03", "mturk", "earning", 1.0, 0.0),
        ("2025-01-03", "upwork", "earning", 1.0, 0.0),
        ("2025-01-03", "fiverr", "earning", 1.0, 0.0),
        ("2025-01-03", "etsy", "earning", 1.0, 0.0),
    )
    suffix, _ = download_scope(t, Filters(platforms=("etsy", "fiverr", "mturk", "paypal")))
    assert suffix == "_etsy+fiverr+mturk+paypal"


def test_a_remembered_platform_not_in_the_files_is_not_named():
    suffix, words = download_scope(scope_table(), Filters(platforms=("paypal", "fiverr")))
    assert suffix == "_paypal" and words.endswith("platforms: PayPal.")


def load(data, mapping):
    return load_export(data, "x.csv", mapping=mapping)


def test_a_zero_in_the_money_out_column_is_no_conflict():
    r = load(
        csv("""\
        Date,Description,Credit,Debit,Currency
        2025-10-01,Payment from Acme Ltd,100.00,,USD
        2025-10-05,Nothing,,0.00,USD
        """),
        {
            "date": "Date",
            "gross": "Credit",
            "gross_out": "Debit",
            "description": "Description",
            "currency": "Currency",
        },
    )
    assert r.rejected.empty and len(r.transactions) == 2


def test_a_tax_refund_deposit_stays_a_tax_refund():
    r = load(
        csv("""\
        Date,Description,Amount
        2025-05-01,PAYPAL TAX REFUND DEPOSIT,50.00
        """),
        {"date": "Date", "description": "Description", "gross": "Amount", "currency": "USD"},
    )
    assert r.transactions["kind"].tolist() == ["tax"]


def test_a_type_giglens_knows_is_not_read_from_the_description():
    r = load(
        csv("""\
        Date,Type,Description,Amount
        2025-05-01,Fee,Fee credit,5.00
        """),
        {
            "date": "Date",
            "kind": "Type",
            "description": "Description",
            "gross": "Amount",
            "currency": "USD",
        },
    )
    assert r.transactions["kind"].tolist() == ["fee"]


def test_a_balance_column_is_not_offered_as_the_missing_amount():
    r = load(
        csv("""\
        Date,Description,Credit,Total balance
        2025-01-02,Invoice,100.00,100.00
        2025-01-03,Odd,,100.00
        """),
        {"date": "Date", "gross": "Credit", "description": "Description", "currency": "USD"},
    )
    assert r.rejected["reason"].tolist() == [NO_AMOUNT]


def test_the_money_out_column_votes_on_the_decimal_comma():
    r = load(
        csv("""\
        Datum;Text;Haben;Soll
        2025-01-02;Rechnung 1;1.500;
        2025-01-03;Gebühr;;12,50
        """),
        {
            "date": "Datum",
            "gross": "Haben",
            "gross_out": "Soll",
            "description": "Text",
            "currency": "EUR",
        },
    )
    assert r.transactions["gross"].tolist() == [1500.0, -12.5]


def test_without_a_description_an_unknown_type_is_read_by_its_own_words():
    r = load(
        csv("""\
        Date,Type,Amount
        2025-05-01,ACH payout from Stripe,200.00
        2025-05-02,Sale,50.00
        """),
        {"date": "Date", "kind": "Type", "gross": "Amount", "currency": "USD"},
    )
    assert r.transactions["kind"].tolist() == ["transfer", "earning"]


def test_money_out_pairs_with_a_net_column():
    # 250.00 in, 4.00 out: 250.00 - 4.00 = 246.00, nothing rejected
    r = load(
        csv("""\
        Date,Details,Money in,Money out
        2025-05-01,Invoice 12,250.00,
        2025-05-02,Card fee,,4.00
        """),
        {
            "date": "Date",
            "net": "Money in",
            "gross_out": "Money out",
            "description": "Details",
            "currency": "EUR",
        },
    )
    assert r.rejected.empty and round(float(r.transactions["net"].sum()), 2) == 246.0


def test_a_cancelled_row_is_not_counted_in_the_unknown_type_warning():
    # three rows of types GigLens does not know; the cancelled one is skipped: 2 counted
    r = load(
        csv("""\
        Date,Type,Description,Amount,Currency,Status
        2025-10-01,Faster payment,STRIPE PAYOUT,812.40,GBP,Completed
        2025-10-02,Card payment,TESCO STORES,-42.18,GBP,Cancelled
        2025-10-06,Faster payment,INVOICE 7 ACME,400.00,GBP,Completed
        """),
        {
            "date": "Date",
            "kind": "Type",
            "description": "Description",
            "gross": "Amount",
            "currency": "Currency",
            "status": "Status",
        },
    )
    [w] = [w for w in r.warnings if "not a kind of transaction" in w]
    assert w.startswith("2 row(s)")


def test_a_bank_transfer_type_is_read_from_the_description():
    r = load(
        csv("""\
        Date,Type,Description,Amount
        2025-05-01,Bank transfer,INVOICE 7 ACME,1200.00
        """),
        {
            "date": "Date",
            "kind": "Type",
            "description": "Description",
            "gross": "Amount",
            "currency": "GBP",
        },
    )
    assert r.transactions["kind"].tolist() == ["earning"]


def test_paid_out_alone_is_guessed_as_the_amount():
    assert guess_mapping(["Date", "Client", "Paid out"]).get("gross") == "Paid out"


def test_the_cli_lists_forty_columns_and_counts_the_rest(tmp_path, capsys):
    from analytics.__main__ import main

    path = tmp_path / "wide.csv"
    cols = [f"c{i}" for i in range(1, 46)]
    path.write_text(",".join(cols) + "\n" + ",".join("x" for _ in cols) + "\n", encoding="utf-8")
    assert main(["summary", str(path)]) == 1
    err = capsys.readouterr().err
    assert "c39, c40 and 5 more)" in err


# --- app -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GIGLENS_HOME", str(tmp_path / "gh"))
    monkeypatch.setenv("GIGLENS_TODAY", "2025-12-01")


def app():
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()


def upload(at, *files):
    at.file_uploader[0].set_value(list(files))
    return at.run()


def report(at):
    t = next(d.value for d in at.dataframe if "File" in d.value.columns)
    return list(t["File"])


JAN = csv("""\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-01-05,paypal,earning,100.00,3.20,96.80,USD,,Ann,Logo,P1
    2025-01-28,paypal,earning,50.00,1.75,48.25,USD,,Bo,Icon,P2
    """)
JAN2 = csv("""\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-01-05,paypal,earning,70.00,2.00,68.00,USD,,Cy,Logo,P8
    2025-01-28,paypal,earning,20.00,1.00,19.00,USD,,Di,Icon,P9
    """)
FEB = csv("""\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-02-03,paypal,earning,200.00,6.10,193.90,USD,,Cy,Site,P3
    """)


def test_files_of_one_name_are_listed_by_their_first_day():
    at = upload(app(), ("Download.CSV", FEB, "text/csv"), ("Download.CSV", JAN, "text/csv"))
    assert report(at) == ["Download.CSV (5 Jan 2025 – 28 Jan 2025)", "Download.CSV (3 Feb 2025)"]


def test_files_of_one_name_and_dates_are_numbered():
    at = upload(app(), ("Download.CSV", JAN, "text/csv"), ("Download.CSV", JAN2, "text/csv"))
    assert sorted(report(at)) == [
        "Download.CSV (5 Jan 2025 – 28 Jan 2025)",
        "Download.CSV (5 Jan 2025 – 28 Jan 2025, file 2)",
    ]


GBP = (
    b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
    b"2025-06-10,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Project,G1\n"
    b"2026-05-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n"
)


def uk_2026(monkeypatch, today="2026-11-29", data=GBP):
    monkeypatch.setenv("GIGLENS_TODAY", today)
    at = upload(app(), ("earnings.csv", data, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert not at.exception
    return at


def on_account(at):
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    rows = table[table["Payment"].str.contains("payment on account for 2026/27")]
    return rows["Amount"].round(2).tolist()


def captions(at):
    return " ".join(c.value for c in at.caption)


def test_wages_taxed_at_source_are_not_in_last_years_bill(monkeypatch):
    # 2025/26: wages 30,000 + profit 20,000. Income tax (50,000 - 12,570) x 20% = 7,486.00,
    # Class 4 (20,000 - 12,570) x 6% = 445.80: 7,931.80; PAYE on the wages alone
    # (30,000 - 12,570) x 20% = 3,486.00 -> bill 4,445.80, payments on account 2,222.90 each
    at = uk_2026(monkeypatch)
    situation(at, "w2_wages.UK").set_value(30000.0).run()
    assert "the 2025/26 bill your files show, £4,445.80" in captions(at)
    assert on_account(at) == [2222.90, 2222.90]


def test_a_first_year_uses_no_last_years_bill(monkeypatch):
    at = uk_2026(monkeypatch)
    at.checkbox(key="giglens.w.first_year").check().run()
    assert "bill your files show" not in captions(at)


def test_a_tax_year_not_over_gives_no_bill(monkeypatch):
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Project,G1\n"
        b"2026-04-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n"
    )
    at = uk_2026(monkeypatch, today="2026-03-20", data=data)
    assert "bill your files show" not in captions(at)


def test_the_us_page_never_uses_a_uk_bill(monkeypatch):
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    usd = GBP.replace(b"GBP", b"USD")
    at = upload(app(), ("earnings.csv", usd, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert not at.exception
    assert "bill your files show" not in captions(at)


def test_a_decimal_comma_is_settled_by_the_money_out_column():
    # "1.500" alone is ambiguous; "12,50" in Debit settles a decimal comma: 1,500.00 and -12.50
    d = b'Date,Description,Credit,Debit\n2025-01-02,Invoice 1,1.500,\n2025-01-03,Kontofuehrung,,"12,50"\n'
    r = load_export(
        d,
        "x.csv",
        mapping={
            "date": "Date",
            "gross": "Credit",
            "gross_out": "Debit",
            "description": "Description",
            "currency": "EUR",
        },
    )
    assert r.transactions["gross"].tolist() == [1500.0, -12.5]


def test_the_cli_refuses_out_naming_a_missing_input(tmp_path, capsys):
    from analytics.__main__ import main

    missing = str(tmp_path / "nope.csv")
    assert main(["summary", missing, "--out", missing]) == 1
    assert "is one of the export files you gave" in capsys.readouterr().err


W1 = textwrap.dedent("""\
    Date,Description,Credit,Debit,Currency
    2025-10-01,Payment from Acme Ltd,"2,000.00",,USD
    2025-10-02,Transaction fee,,-12.50,USD
    """).encode()
W2 = textwrap.dedent("""\
    Date,Description,Credit,Debit,Currency
    2025-11-03,Payment from Beta Ltd,300.00,,USD
    2025-11-04,Transaction fee,,-2.50,USD
    """).encode()


def test_the_mapped_note_names_the_file_by_its_dates():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    at.file_uploader[0].set_value([("wallet.csv", W1, "text/csv"), ("wallet.csv", W2, "text/csv")])
    at.run()
    for _ in range(2):
        keys = [b.key for b in at.button if b.label == "Import with this mapping"]
        if not keys:
            break
        at.button(key=keys[0]).click()
        at.run()
    assert not at.exception
    notes = [i.value for i in at.info if "was read with the columns you chose" in i.value]
    assert any(n.startswith("**wallet.csv (1 Oct 2025 – 2 Oct 2025)**") for n in notes), notes


def _t():
    return table(
        ("2025-01-03", "paypal", "earning", 100.0, 3.0),
        ("2025-06-20", "upwork", "earning", 200.0, 20.0),
    )


def test_the_files_own_last_day_is_not_cut_by_the_sidebar():
    assert download_scope(_t(), Filters(start=dt.date(2025, 2, 1))) == (
        "_2025-02-01_to_2025-06-20",
        "Filtered in the sidebar: only 1 Feb 2025 to 20 Jun 2025.",
    )


def test_one_month_cut_at_the_end_only():
    assert download_scope(_t(), Filters(end=dt.date(2025, 1, 20))) == (
        "_2025-01-03_to_2025-01-20",
        "Filtered in the sidebar: only 3 Jan 2025 to 20 Jan 2025; Jan 2025 holds 1–20 Jan only.",
    )


def test_files_starting_in_last_years_first_month_say_nothing(monkeypatch):
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-04-20,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Project,G1\n"
        b"2026-05-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n"
    )
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    at.file_uploader[0].set_value([("earnings.csv", data, "text/csv")])
    at.run()
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    caps = " ".join(c.value for c in at.caption)
    assert "the 2025/26 bill your files show, £1,931.80" in caps
    assert "Your files start on" not in caps
