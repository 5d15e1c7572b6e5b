"""The dashboard driven through Streamlit's AppTest: upload, every page, mapping, bad files.

Expected numbers are worked out by hand from the literal CSV below (see the comments).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import textwrap

import pandas as pd
import pytest
from conftest import REPO, SAMPLE_DATA, situation
from streamlit.testing.v1 import AppTest

from giglens_ui.mapping import column_kind, currency_in_names, guess_mapping, sample_rows
from giglens_ui.page import percent

PAGES = [
    "pages/1_Overview.py",
    "pages/2_Volatility.py",
    "pages/3_Fees.py",
    "pages/4_Hourly_rates.py",
    "pages/5_Micro_vs_freelance.py",
    "pages/6_Tax_reserve.py",
    "pages/7_Monthly_summary.py",
]

# GigLens template. Income: Jan 900 + 50 = 950, Feb 450, Mar 30 -> 1,430 net; the Feb withdrawal
# is a transfer (never income). Fees 100 + 50 = 150 on gross 1000 + 50 + 500 + 30 = 1,580.
# Hours 20 + 5 + 10 = 35 on net 900 + 50 + 450 = 1,400 -> 40.00 an hour (the Mar row has none).
TEMPLATE = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-01-10,upwork,earning,1000.00,100.00,900.00,USD,20,Acme,Website,U1
    2025-01-20,mturk,earning,50.00,0.00,50.00,USD,5,Requester A,HITs,M1
    2025-02-05,upwork,earning,500.00,50.00,450.00,USD,10,Beta,Fixes,U2
    2025-02-15,upwork,transfer,-800.00,0.00,-800.00,USD,,,Withdrawal,W1
    2025-03-03,mturk,earning,30.00,0.00,30.00,USD,,Requester B,HITs,M2
    """
).encode()
# Overlaps TEMPLATE on the Feb 5 row (a duplicate) and adds one unreadable row (rejected).
OVERLAP = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-02-05,upwork,earning,500.00,50.00,450.00,USD,10,Beta,Fixes,U2
    2025-03-20,upwork,earning,abc,0.00,0.00,USD,1,Beta,Broken,U3
    """
).encode()
# Three months of the UK tax year 2025/26 (from 6 April) in GBP: 3,000 so far.
UK_INCOME = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-04-10,upwork,earning,1000.00,0.00,1000.00,GBP,,Acme,Website,K1
    2025-05-10,upwork,earning,1000.00,0.00,1000.00,GBP,,Acme,Website,K2
    2025-06-10,upwork,earning,1000.00,0.00,1000.00,GBP,,Acme,Website,K3
    """
).encode()
# A Toggl Track detailed report: 2 tracked hours, no money.
TOGGL = textwrap.dedent(
    """\
    User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()
    Ann,ann@example.com,Acme,Website,,Work,Yes,2025-01-12,09:00:00,2025-01-12,11:00:00,02:00:00,,
    """
).encode()
UNKNOWN = b"When,What,Money\n2025-01-02,thing,10.50\n2025-02-03,other,20.00\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def giglens_home(tmp_path, monkeypatch):
    """Remembered mappings go to a temporary folder, never the user's ~/.giglens; "today" is
    1 July 2025, so tax year 2025 (and the UK's 2025/26) is under way, after the test files'
    last rows (a test of a finished year sets its own)."""
    monkeypatch.setenv("GIGLENS_HOME", str(tmp_path / "giglens-home"))
    monkeypatch.setenv("GIGLENS_TODAY", "2025-07-01")
    return tmp_path / "giglens-home"


@pytest.fixture
def on_this_computer():
    """The server as `make run` starts it, bound to localhost: only this computer reaches it,
    so imported files and choices are kept between visits."""
    from streamlit import config

    before = config.get_option("server.address")
    config.set_option("server.address", "localhost")
    yield
    config.set_option("server.address", before)


def new_app() -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    return at.run()


def upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    at.file_uploader[0].set_value(list(files))
    return at.run()


def tax_page(data: bytes, jurisdiction: str, year: int) -> AppTest:
    """A fresh app with `data` (a CSV) imported, on the Tax reserve page for that country and
    tax year, with no exception."""
    at = upload(new_app(), ("earnings.csv", data, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value(jurisdiction).run()
    at.selectbox(key="giglens.w.tax_year").set_value(year).run()
    no_exception(at)
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


def report(at: AppTest) -> dict[str, dict]:
    """The home page's import report table: file name -> its row."""
    table = next(d.value for d in at.dataframe if "File" in d.value.columns)
    return {row["File"]: row for row in table.to_dict("records")}


def file_expanders(at: AppTest) -> list[str]:
    """The import report's per-file expanders (not the stream editor's, nor the template's
    help)."""
    return [
        e.label
        for e in at.main.expander
        if not e.label.startswith(("Which kind of work", "How to fill in the GigLens template"))
    ]


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def test_home_without_data():
    at = new_app()
    no_exception(at)
    assert at.title[0].value.endswith("GigLens")
    assert at.file_uploader[0].accept_multiple_files
    # Any file is taken (CSV, XLSX, XLS, ODS, JSON and the rest): a PDF or a photo gets
    # GigLens's explanation of what to upload instead of the uploader's silent refusal.
    assert not at.file_uploader[0].allowed_type
    assert any(b.label == "Try it with sample data" for b in at.button)
    assert any("Fiverr publishes no CSV" in c.value for c in at.caption)
    assert any("Nothing imported yet" in i.value for i in at.info)


def test_the_home_page_says_how_to_fill_in_the_template():
    at = new_app()
    no_exception(at)
    [help] = [e for e in at.main.expander if e.label == "How to fill in the GigLens template"]
    text = " ".join(m.value for m in help.markdown)
    assert "a refund or a withdrawal as a **negative** amount" in text
    assert "delete the example rows first" in text


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_an_empty_state(page):
    at = new_app()
    at.switch_page(page).run()
    no_exception(at)
    assert any("No data yet" in i.value for i in at.info)
    assert any(b.label == "Try it with sample data" for b in at.button)
    assert charts(at) == 0


def test_upload_report_and_every_page():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    no_exception(at)
    got = metrics(at)
    row = report(at)["earnings.csv"]
    # 5 data rows, all imported (the transfer is imported too, as kind transfer).
    assert (row["Imported"], row["Duplicates"], row["Skipped"], row["Rejected"]) == (5, 0, 0, 0)
    assert got["Transactions"] == "5"
    assert got["Platforms"] == "2"
    assert got["Period"] == "Jan '25 – Mar '25"
    # nothing skipped or rejected: no details to open (the sidebar's tax expander aside)
    assert file_expanders(at) == []

    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Net income"] == "$1,430.00"  # 950 + 450 + 30
    assert got["Fees paid"] == "$150.00"  # 100 + 50
    assert got["Effective hourly rate"] == "$40.00"  # 1,400 / 35 h
    cv = statistics.stdev([950, 450, 30]) / statistics.mean([950, 450, 30])  # 460.58 / 476.67
    assert got["Income swings (CV)"] == f"{cv:.0%}" == "97%"
    assert charts(at) == 2

    at.switch_page("pages/2_Volatility.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Average month"] == "$476.67"  # 1,430 / 3
    # spikes >= 1.25 * 476.67 = 595.83 (Jan); dips <= 0.75 * 476.67 = 357.50 (Mar)
    assert got["Spike / dip months"] == "1 / 1"
    # sorted 30, 450, 950: P10 at position 0.1 * 2 = 0.2 -> 30 + 0.2 * (450 - 30) = 114
    assert got["Income floor (P10)"] == "$114.00"
    # Mar vs the best month Jan: 30 / 950 - 1 = -96.8%
    assert got["Worst drawdown"] == "-97%"
    # cumulative (y - mean): 473.33, 446.67, 0 -> never below zero -> no buffer needed
    assert got["Smoothing buffer"] == "$0.00"
    assert got["Big swings"] == "100%"  # 950 -> 450 and 450 -> 30 both move >= 30%
    assert charts(at) == 3  # monthly bars, rolling CV, drawdown

    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Fees paid"] == "$150.00"
    assert got["Effective fee rate"] == f"{150 / 1580:.1%}" == "9.5%"
    assert got["Fees per hour worked"] == "$4.29"  # 150 / 35 h
    assert charts(at) == 2  # fee rate by platform, fee rate per month

    at.switch_page("pages/4_Hourly_rates.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Effective hourly rate"] == "$40.00"
    assert got["Hours"] == "35.0"
    assert charts(at) == 1
    at.slider[0].set_value(25).run()  # 25% unpaid time: 1,400 / (35 * 1.25) = 32.00
    assert metrics(at)["Including unpaid time"] == "$32.00"

    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    nets = [m.value for m in at.metric if m.label == "Net income"]
    hourly = [m.value for m in at.metric if m.label == "Per hour"]
    # freelance (Upwork) 900 + 450 = 1,350 over 30 h = 45; micro (MTurk) 50 + 30 = 80, and
    # only the 50 has hours (5 h) -> 10 an hour
    assert nets == ["$1,350.00", "$80.00"]
    assert hourly == ["$45.00", "$10.00"]
    assert charts(at) >= 2

    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    assert metrics(at)["Net income so far"] == "$1,430.00"
    # annualised over Jan..Mar (3 months): 1,430 * 12 / 3 = 5,720
    assert metrics(at)["Projected for the year"] == "$5,720.00"
    texts = [w.value for w in at.warning] + [c.value for c in at.caption]
    assert any("Estimate, not tax advice" in t and "2025" in t for t in texts)

    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    table = at.dataframe[0].value
    assert list(table["Month"]) == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert [round(v, 2) for v in table["Net"]] == [950.0, 450.0, 30.0]
    total = next(m.value for m in at.markdown if m.value.startswith("**Total of the 3 months:**"))
    assert "net $1,430.00" in total  # 950 + 450 + 30
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("CSV" in label for label in labels) and any("Excel" in label for label in labels)


def test_monthly_summary_says_its_downloads_are_filtered():
    # TEMPLATE runs 10 Jan - 3 Mar 2025; February alone is a whole month, not cut short
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/7_Monthly_summary.py").run()
    captions = " ".join(c.value for c in at.caption)
    assert "Filtered in the sidebar" not in captions
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 2, 1), dt.date(2025, 2, 28)))
    at.run()
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert "Filtered in the sidebar: only 1 Feb 2025 to 28 Feb 2025. The file names say" in captions


def test_flat_tax_profile_kept_across_pages():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(25.0).run()
    no_exception(at)
    got = metrics(at)
    # flat 25% of the projected 5,720 = 1,430 tax; set aside 25%; reserve now 25% of 1,430
    assert got["Projected tax"] == "$1,430.00"
    assert got["Set aside"] == "25.0%"
    assert any("$357.50" in s.value for s in at.success)
    at.switch_page("pages/1_Overview.py").run()
    assert at.selectbox(key="giglens.w.jurisdiction").value == "flat"
    assert metrics(at)["Tax to set aside, 2025"] == "$357.50"  # 25% of 1,430


def test_a_flat_rates_tax_year_from_april(monkeypatch):
    """A tax year from 1 April (India's): on 30 Nov 2025, tax year 2024/25 (Apr 2024 - Mar
    2025) holds all of TEMPLATE's income, Jan-Mar 2025: 900 + 50 + 450 + 30 = 1,430 net, the
    year over, so not annualised: 25% = 357.50 tax, and the reserve is all of it."""
    monkeypatch.setenv("GIGLENS_TODAY", "2025-11-30")
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(25.0).run()
    at.selectbox(key="giglens.w.flat_year_start").set_value(4).run()
    no_exception(at)
    year = at.selectbox(key="giglens.w.tax_year")
    assert year.value == 2024 and year.format_func(2024) == "2024/25"
    got = metrics(at)
    assert got["Net income in your files"] == "$1,430.00"
    assert got["Tax for the year"] == "$357.50"
    assert any("tax year 2024/25" in w.value for w in at.warning)
    # kept across pages, and the Overview names the year so
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Tax to set aside, 2024/25"] == "$357.50"


def test_a_flat_rate_applies_to_the_profit_after_the_expenses_entered():
    """Flat 25%, TEMPLATE's projected 5,720 with 1,720 of expenses for the year: 25% x 4,000 =
    1,000 tax, 1,000 / 5,720 = 17.5% of each payment."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(25.0).run()
    expenses = at.number_input(key="giglens.w.expenses.flat.USD.2025")
    assert expenses.label == "Business expenses not in your files (USD)"
    expenses.set_value(1720.0).run()
    no_exception(at)
    got = metrics(at)
    assert got["Projected tax"] == "$1,000.00"
    assert got["Set aside"] == "17.5%"
    breakdown = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    lines = dict(zip(breakdown["Line"], breakdown["Amount"]))
    assert lines["Business expenses you entered"] == -1720.0


def test_a_filter_that_leaves_nothing_on_every_page():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/2_Volatility.py").run()
    at.multiselect(key="giglens.w.platforms").set_value([]).run()
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at)
        assert any("No income matches the filters" in i.value for i in at.info), page
        assert charts(at) == 0
        assert not at.metric


def test_a_single_month_on_every_page():
    """January 2025 only: Upwork 1,000 gross - 100 fee = 900 net over 20 h; MTurk 50 over 5 h."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 1, 10), dt.date(2025, 1, 31)))
    at.run()
    no_exception(at)
    got = metrics(at)
    assert got["Net income"] == "$950.00"  # 900 + 50
    assert got["Fees paid"] == "$100.00"
    assert got["Effective hourly rate"] == "$38.00"  # 950 / (20 + 5) h
    assert got["Income swings (CV)"] == "—"  # needs two months
    assert charts(at) == 2

    at.switch_page("pages/2_Volatility.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Months"] == "1"
    assert got["Average month"] == "$950.00"
    assert any("only one month" in i.value for i in at.info)
    assert charts(at) == 1  # the monthly bars; no rolling CV or drawdown of one month

    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Fees paid"] == "$100.00"
    assert got["Effective fee rate"] == f"{100 / 1050:.1%}" == "9.5%"  # 100 / (1,000 + 50)
    assert got["Fees per hour worked"] == "$4.00"  # 100 / 25 h
    assert charts(at) == 1  # no fee-rate trend from one month
    assert any("needs at least two months" in c.value for c in at.caption)

    at.switch_page("pages/4_Hourly_rates.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Effective hourly rate"] == "$38.00"
    assert got["Hours"] == "25.0"
    assert charts(at) == 1

    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    assert [m.value for m in at.metric if m.label == "Net income"] == ["$900.00", "$50.00"]
    assert [m.value for m in at.metric if m.label == "Per hour"] == ["$45.00", "$10.00"]
    assert charts(at) >= 2

    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    got = metrics(at)
    # the tax counts the whole tax year, not the month on screen: 1,430 over Jan-Mar 2025
    assert got["Net income so far"] == "$1,430.00"
    assert got["Projected for the year"] == "$5,720.00"  # 1,430 * 12 / 3 months
    assert any("Tax figures count all your income of tax year 2025" in i.value for i in at.info)

    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    table = at.dataframe[0].value
    assert list(table["Month"]) == ["Jan 2025"]
    assert [round(v, 2) for v in table["Net"]] == [950.0]
    assert [round(v, 2) for v in table["Fees"]] == [100.0]
    assert charts(at) == 1


def test_a_finished_tax_year_is_not_projected(monkeypatch):
    """Today in 2026: tax year 2025 is over, so its 1,430 of income is the year's income (not
    1,430 x 12 / 3), and the page says the files stop on 3 Mar 2025."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-02-01")
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(25.0).run()
    no_exception(at)
    got = metrics(at)
    assert "Projected for the year" not in got
    assert got["Income for the year"] == "$1,430.00"
    assert got["Tax for the year"] == "$357.50"  # 25% of 1,430
    info = " ".join(i.value for i in at.info)
    assert "Tax year 2025 ended on 31 Dec 2025" in info
    assert "Your files end on 3 Mar 2025" in info


def test_the_tax_year_starts_on_the_latest_year_with_income():
    """Income in 2025 and 2026: the first look is at 2026 (rules exist for both)."""
    both = TEMPLATE + b"2026-01-15,upwork,earning,100.00,0.00,100.00,USD,,Acme,Logo,U7\n"
    at = upload(new_app(), ("earnings.csv", both, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    assert at.selectbox(key="giglens.w.tax_year").value == 2026
    assert metrics(at)["Net income so far"] == "$100.00"


def test_a_new_tax_year_without_figures_is_offered_on_the_latest_figures(monkeypatch):
    """February 2027: GigLens has US figures up to 2026. The 2027 income still gets an estimate,
    on 2026's figures, and the page says so; the UK's 2027/28 has not begun, so it is not
    offered there. A flat rate needs no figures."""
    monkeypatch.setenv("GIGLENS_TODAY", "2027-02-10")
    new_year = TEMPLATE + b"2027-01-15,upwork,earning,100.00,0.00,100.00,USD,,Acme,Logo,U7\n"
    at = upload(new_app(), ("earnings.csv", new_year, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    year = at.selectbox(key="giglens.w.tax_year")
    assert year.options == ["2025", "2026", "2027"] and year.value == 2027
    assert metrics(at)["Net income so far"] == "$100.00"
    warnings = " ".join(w.value for w in at.warning)
    assert "no US tax parameters for tax year 2027 yet: those of 2026 are used" in warnings
    captions = " ".join(c.value for c in at.caption)
    assert "GigLens has no US tax figures for 2027 yet" in captions
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    assert at.selectbox(key="giglens.w.tax_year").options == ["2024/25", "2025/26", "2026/27"]
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    assert at.selectbox(key="giglens.w.tax_year").options == ["2024", "2025", "2026", "2027"]


def test_quiet_months_after_the_last_payment_count_in_the_projection():
    """A withdrawal on 20 June shows the files run to June: 1,430 over 6 months -> 2,860."""
    later = TEMPLATE + b"2025-06-20,upwork,transfer,-100.00,0.00,-100.00,USD,,,Withdrawal,W2\n"
    at = upload(new_app(), ("earnings.csv", later, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    assert metrics(at)["Projected for the year"] == "$2,860.00"  # 1,430 * 12 / 6


def seller_years(first_day: str = "2024-01-15") -> bytes:
    """A seller's 2024 (500 a month January-October, 2,000 in November, 3,000 in December:
    10,000) and 2025 to June (600 a month: 3,600), in the GigLens template; the first 2024
    row on `first_day`."""
    rows = ["date,platform,kind,gross,fee,net,currency,hours,client,description,reference"]
    last_year = [500] * 10 + [2000, 3000]
    for month, amount in enumerate(last_year, start=1):
        day = first_day if month == 1 else f"2024-{month:02d}-15"
        rows.append(f"{day},etsy,earning,{amount},0,{amount},USD,,,Sales,E24{month}")
    for month in range(1, 7):
        rows.append(f"2025-{month:02d}-15,etsy,earning,600,0,600,USD,,,Sales,E25{month}")
    return ("\n".join(rows) + "\n").encode()


def test_a_year_like_last_years_busy_end_is_projected_beside_the_even_months():
    """By June 2024 the seller had 3,000 of 10,000 (30%); 2025's 3,600 by June projects 3,600
    / 0.30 = 12,000 on last year's pattern, 3,600 x 12 / 6 = 7,200 on even months. Flat 20%:
    2,400 of tax, the same 20% of each payment (no rate to add)."""
    at = upload(new_app(), ("earnings.csv", seller_years(), "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(20.0).run()
    no_exception(at)
    assert metrics(at)["Projected for the year"] == "$7,200.00"
    notes = [i.value for i in at.info if "follows that pattern" in i.value]
    assert len(notes) == 1
    assert "In 2024 you had earned 30% of the year's income by 30 Jun 2024, 6 months" in notes[0]
    assert "its income comes to $12,000.00 (not $7,200.00) and its tax to $2,400.00." in notes[0]
    assert "of every payment" not in notes[0]
    assert "put aside for the higher tax" in notes[0]


def test_a_trade_that_is_not_a_specified_service_keeps_more_of_the_qbi_deduction(monkeypatch):
    """250,000 in 2025, the year over: income tax 42,955.01 as a specified service, 39,461.47
    as another trade (test_tax_estimate's hand figures), the SE tax the same: 3,493.54 less."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-02-01")
    big = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-01-10,upwork,earning,250000.00,0.00,250000.00,USD,,Acme,Contract,B1\n"
    )
    at = tax_page(big, "US", 2025)
    before = metrics(at)
    box = next(c for c in at.checkbox if c.label.startswith("Your work is not a specified"))
    box.check().run()
    no_exception(at)
    after = metrics(at)
    label = next(k for k in before if "tax" in k.lower() and "$" in before[k])

    def dollars(text: str) -> float:
        return float(text.replace("$", "").replace(",", ""))

    assert round(dollars(before[label]) - dollars(after[label]), 2) == 3_493.54


def test_a_dispute_fee_beyond_payments_within_the_schedule_is_said_not_warned():
    """Stripe payments at exactly 2.9% + 0.30 (29.30, 14.80) and a chargeback's 15.00 dispute
    fee: 15.00 above the schedule, all of it a charge of its own (test_fees' hand figures)."""
    text = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-01-05,stripe,earning,1000.00,29.30,970.70,USD,,Acme,Invoice 1,S1\n"
        b"2025-01-06,stripe,earning,500.00,14.80,485.20,USD,,Beta,Invoice 2,S2\n"
        b"2025-02-10,stripe,refund,-500.00,15.00,-515.00,USD,,Beta,Chargeback withdrawal,S3\n"
    )
    at = upload(new_app(), ("stripe.csv", text, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    assert not [w.value for w in at.warning if "more than the published" in w.value]
    said = [i.value for i in at.info if "more than the published" in i.value]
    assert len(said) == 1 and "$15.00" in said[0]
    assert "disputes and chargebacks $15.00" in said[0]
    assert "the fees on your payments themselves are within the schedule" in said[0]
    table = next(d.value for d in at.dataframe if "Above the schedule" in d.value.columns)
    assert table["Above the schedule"].tolist() == ["other charges only"]


def test_expenses_as_large_as_the_income_are_questioned():
    """TEMPLATE's 1,430 so far projects 5,720 for 2025 (x 12 / 3); flat 20%. Expenses typed
    "2857,40" are taken as 285,740.00 by the number box: the tax drops to 0 and a warning
    says why and how to write cents; 2,857.40 leaves (5,720 - 2,857.40) x 20% = 572.52."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(20.0).run()
    box = next(n for n in at.number_input if n.label.startswith("Business expenses"))
    box.set_value(285_740.0).run()
    no_exception(at)
    warned = [w.value for w in at.warning if "as large as the year's income" in w.value]
    assert len(warned) == 1 and "$285,740.00" in warned[0] and "$5,720.00" in warned[0]
    assert "write cents with a point" in warned[0]
    box = next(n for n in at.number_input if n.label.startswith("Business expenses"))
    box.set_value(2_857.40).run()
    assert not [w for w in at.warning if "as large as the year's income" in w.value]
    assert metrics(at)["Projected tax"] == "$572.52"


def test_a_flat_rate_above_a_tax_free_amount_entered_in_the_sidebar():
    """TEMPLATE projects 5,720 for 2025; flat 8% above a tax-free 1,000: 8% x 4,720 = 377.60."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(8.0).run()
    box = next(n for n in at.number_input if n.label.startswith("Tax-free amount each year"))
    box.set_value(1_000.0).run()
    no_exception(at)
    assert metrics(at)["Projected tax"] == "$377.60"


def test_a_flat_rate_on_gross_receipts_ticked_in_the_sidebar():
    """TEMPLATE's 2025 clients paid 1,580 in three months (1,430 after Upwork's fees): 6,320
    gross projected; 8% on gross receipts above a tax-free 1,000: 8% x 5,320 = 425.60 (on the
    profit it was 377.60). The expenses box goes: gross receipts take none off."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(8.0).run()
    box = next(n for n in at.number_input if n.label.startswith("Tax-free amount each year"))
    box.set_value(1_000.0).run()
    at.checkbox(key="giglens.w.flat_on_gross").check().run()
    no_exception(at)
    assert metrics(at)["Projected tax"] == "$425.60"
    # the page speaks of the gross receipts the tax is on: 1,580.00 so far, 6,320.00 for the
    # year, and 425.60 / 6,320 = 6.7% of what clients pay (of the net: 425.60 / 5,720 = 7.4%)
    assert metrics(at)["Gross receipts so far"] == "$1,580.00"
    assert metrics(at)["Projected for the year"] == "$6,320.00"
    assert metrics(at)["Set aside"] == "6.7%"
    said = " ".join(s.value for s in at.success)
    assert "Put **6.7%** of what clients pay (before the platforms' fees) aside" in said
    assert not [n for n in at.number_input if n.label.startswith("Business expenses")]
    # instalments on the income so far share the tax by gross receipts: on 15 Mar, those of
    # Jan-Feb, 1,550 of the 6,320 projected: 425.60 x 1,550 / 6,320 = 104.38 (by the net it
    # would be 425.60 x 1,400 / 5,720 = 104.17); the rest on 15 Jun: 321.22
    at.text_input(key="giglens.w.flat_instalments").set_value("15 Mar, 15 Jun").run()
    at.checkbox(key="giglens.w.flat_to_date").check().run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [104.38, 321.22]
    # counting to the quarter before each day, 15 Mar counts no quarter yet: 0.00, and
    # 15 Jun the first quarter's, all of the tax so far: 425.60
    at.radio(key="giglens.w.flat_to_date_through").set_value("quarter").run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [0.0, 425.60]
    # a last quarter's payment weeks into the next year is in order (Ukraine's 19 Feb)
    at.text_input(key="giglens.w.flat_instalments").set_value(
        "19 May, 19 Aug, 19 Nov, 19 Feb"
    ).run()
    assert not [c.value for c in at.sidebar.caption if "run over" in c.value]
    at.text_input(key="giglens.w.flat_instalments").set_value("15 Dec, 15 Mar, 15 Jun").run()
    assert [c.value for c in at.sidebar.caption if "run over" in c.value]
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)


def test_a_finished_years_months_say_they_are_at_the_years_own_rate(monkeypatch):
    """TEMPLATE's 2025 with a withdrawal on 28 Dec (the files run to the year's end), today
    1 Feb 2026: the months are at the year's own rate, and both pages say so; the same files
    to 3 Mar only keep the rates of their months and the words of the rising rate."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-02-01")
    to_the_end = TEMPLATE + b"2025-12-28,upwork,transfer,-50.00,0.00,-50.00,USD,,,Withdrawal,W9\n"
    at = tax_page(to_the_end, "US", 2025)
    said = " ".join(c.value for c in at.caption)
    assert "each month's payments times the year's own rate" in said
    assert "because the rate rises" not in said
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    assert "that month's share of the year's tax" in " ".join(c.value for c in at.caption)
    early = tax_page(TEMPLATE, "US", 2025)
    assert "Each month's payments times that month's set-aside rate" in " ".join(
        c.value for c in early.caption
    )


@pytest.mark.parametrize("first_day", ["2024-02-20", "2024-02-01"])
def test_no_seasonal_projection_from_a_part_of_last_year(first_day):
    """Income from February 2024 (even its 1st, or with a time tracker's row of January
    before it): last year's pattern lacks its January, so no note."""
    tracked = (
        b"User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
        b"End time,Duration,Tags,Amount ()\n"
        b"Ann,ann@example.com,Acme,Website,,Work,Yes,2024-01-12,09:00:00,2024-01-12,11:00:00,"
        b"02:00:00,,\n"
    )
    at = upload(
        new_app(),
        ("earnings.csv", seller_years(first_day), "text/csv"),
        ("toggl.csv", tracked, "text/csv"),
    )
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    no_exception(at)
    assert not [i.value for i in at.info if "follows that pattern" in i.value]


def test_wages_other_income_and_deductions_feed_the_tax_reserve():
    """UK 2025/26: profit so far 3,000 over Apr-Jun (3 tax months) -> projected 12,000.

    Alone it is under the 12,570 personal allowance and the Class 4 threshold: no tax.
    With a 45,000 salary: total 57,000, taxable 44,430 = 37,700 at 20% (7,540) + 6,730 at 40%
    (2,692) = 10,232; the salary alone: (45,000 - 12,570) * 20% = 6,486; the profit adds
    10,232 - 6,486 = 3,746 (31.2% of 12,000); reserve now 3,746 * 3 / 12 = 936.50.
    With 10,000 of reliefs too: taxable 34,430 * 20% = 6,886; without the profit
    (35,000 - 12,570) * 20% = 4,486; the profit adds 2,400 (20%); reserve now 600.00.
    """
    at = upload(new_app(), ("uk.csv", UK_INCOME, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    no_exception(at)
    got = metrics(at)
    assert got["Net income so far"] == "£3,000.00"
    assert got["Projected for the year"] == "£12,000.00"  # 3,000 * 12 / 3
    assert got["Projected tax"] == "£0.00"

    situation(at, "w2_wages.UK").set_value(45000.0).run()
    no_exception(at)
    got = metrics(at)
    assert got["Tax your gig income adds"] == "£3,746.00"
    assert got["Set aside"] == f"{3746 / 12000:.1%}" == "31.2%"
    assert any("£936.50" in s.value for s in at.success)
    assert any("adds is £3,746.00, what to set aside" in c.value for c in at.caption)

    situation(at, "deductions.UK").set_value(10000.0).run()
    got = metrics(at)
    assert got["Tax your gig income adds"] == "£2,400.00"
    assert got["Set aside"] == "20.0%"
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert metrics(at)["Tax to set aside, 2025/26"] == "£600.00"  # 20% of 3,000
    assert situation(at, "w2_wages.UK").value == 45000.0
    # The amounts belong to the UK profile: back in the US they are not applied.
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    assert situation(at, "w2_wages.US").value == 0.0


def test_wages_and_withholding_are_kept_per_tax_year(monkeypatch):
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    at = tax_page(TEMPLATE, "US", 2026)
    situation(at, "w2_wages.US").set_value(62000.0).run()
    situation(at, "withholding.US").set_value(5400.0).run()
    # 2025's wages are not 2026's: asked afresh, not reused
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    no_exception(at)
    assert situation(at, "w2_wages.US").value == 0.0
    assert not any(str(k).startswith("giglens.w.withholding.US.") for k in number_keys(at))
    situation(at, "w2_wages.US").set_value(60500.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert situation(at, "w2_wages.US").value == 62000.0
    assert situation(at, "withholding.US").value == 5400.0


def test_wages_kept_by_an_earlier_version_for_every_year_move_to_the_year_shown(monkeypatch):
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    at = new_app()
    at.session_state["giglens.f.w2_wages.US"] = 50000.0  # as kept before they were per year
    at = upload(at, ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    # the files are of 2025, the year the page opens at
    assert situation(at, "w2_wages.US").key == "giglens.w.w2_wages.US.2025"
    assert situation(at, "w2_wages.US").value == 50000.0
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert situation(at, "w2_wages.US").value == 0.0


def test_last_uk_years_bill_takes_that_years_wages_with_their_own_withholding(monkeypatch):
    """2025/26: wages 60,000 entered for it (withholding left to the tariff) and a profit of
    20,000: income tax 37,700 x 20% + (80,000 - 12,570 - 37,700) x 40% = 7,540 + 11,892 =
    19,432, Class 4 (20,000 - 12,570) x 6% = 445.80; PAYE on the wages alone 7,540 +
    (60,000 - 12,570 - 37,700) x 40% = 11,432: a bill of 8,445.80, so 2026/27's payments on
    account are 4,222.90 each, not 8,195.90 with this year's 3,486 of PAYE credited."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,etsy,earning,20000.00,0.00,20000.00,GBP,,,Sales,E1\n"
        b"2026-06-10,etsy,earning,5000.00,0.00,5000.00,GBP,,,Sales,E2\n"
    )
    at = tax_page(gbp, "UK", 2025)
    situation(at, "w2_wages.UK").set_value(60000.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    situation(at, "w2_wages.UK").set_value(30000.0).run()
    situation(at, "withholding.UK").set_value(3486.0).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    rows = table[table["Payment"].str.contains("payment on account for 2026/27")]
    assert rows["Amount"].round(2).tolist() == [4222.90, 4222.90]


def number_keys(at: AppTest) -> set[str]:
    return {n.key for n in at.number_input}


def test_spouse_wages_are_asked_only_on_a_joint_return_and_keep_the_social_security_base():
    """US 2025, TEMPLATE: 1,430 over Jan-Mar -> projected profit 5,720.

    Single: N = 5,720 x 0.9235 = 5,282.42; SE 15.3% x N = 808.21026 -> 808.21; AGI 5,720 -
    404.10513 = 5,315.89 is under the 15,750 standard deduction: the tax is 808.21.
    Married filing jointly with the spouse's wages of 60,000: SE tax the same 808.21 (the
    spouse's wages leave the wage base alone); AGI 65,720 - 404.10513 = 65,315.89487; TI
    before QBI 65,315.89487 - 31,500 = 33,815.89487; QBI 20% x 5,315.89487 = 1,063.178974;
    TI 32,752.715896: 2,385 + 12% x 8,902.715896 (1,068.325908) = 3,453.33; total 4,261.54.
    The wages alone: TI 28,500 -> 2,385 + 12% x 4,650 = 2,943.00, withheld by the employer;
    the profit adds 4,261.54 - 2,943.00 = 1,318.54.
    Installments: 90% x 4,261.54 = 3,835.386 -> 3,835.39; minus 2,943.00 = 892.39 = 89,239
    cents / 4 = 22,309 rest 3: 223.10 three times, then 223.09. Left for the return:
    4,261.54 - 2,943.00 - 892.39 = 426.15.
    """
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    assert not any(k.startswith("giglens.w.spouse_wages.US.") for k in number_keys(at))
    own = situation(at, "w2_wages.US")
    assert own.label.startswith("Your W-2 wages") and "Your own salary" in own.help
    assert metrics(at)["Projected tax"] == "$808.21"
    assert any(
        "federal tax (state and local income tax are not included)" in s.value for s in at.success
    )

    at.selectbox(key="giglens.w.filing_status").set_value("married_joint").run()
    situation(at, "spouse_wages.US").set_value(60000.0).run()
    no_exception(at)
    assert metrics(at)["Tax your gig income adds"] == "$1,318.54"
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [223.10, 223.10, 223.10, 223.09]
    captions = " ".join(c.value for c in at.caption)
    assert "Minus tax withheld from wages (assumed): $2,943." in captions
    assert (
        "The tax on your spouse's wages, $2,943.00, is taken as withheld by the employer"
        in captions
    )
    assert "Left to pay with your 2025 return by Apr 15, 2026: $426.15" in captions
    # the employer withholds 3,500.00, 557.00 more than the wages' own 2,943.00: that pays
    # part of the gig income's tax, 1,318.54 - 557.00 = 761.54 to set aside
    situation(at, "withholding.US").set_value(3500.0).run()
    no_exception(at)
    assert metrics(at)["Gig tax after withholding"] == "$761.54"
    captions = " ".join(c.value for c in at.caption)
    assert "The part your gig income adds is $1,318.54." in captions
    assert "$557.00 more than the tariff's tax on them alone ($2,943.00)" in captions
    assert "so $761.54 is what to set aside from your payments" in captions
    # 2,000.00 withheld, 943.00 less: that rest is to pay with the installments, not a bigger
    # share of each gig payment
    situation(at, "withholding.US").set_value(2000.0).run()
    assert metrics(at)["Tax your gig income adds"] == "$1,318.54"
    captions = " ".join(c.value for c in at.caption)
    assert "$943.00 less than the tariff's tax on them alone ($2,943.00): that rest is" in captions
    situation(at, "withholding.US").set_value(None).run()

    # back to single: the spouse's wages are neither asked nor applied
    at.selectbox(key="giglens.w.filing_status").set_value("single").run()
    no_exception(at)
    assert not any(k.startswith("giglens.w.spouse_wages.US.") for k in number_keys(at))
    assert metrics(at)["Projected tax"] == "$808.21"
    # Germany's joint assessment asks for them too (kept apart from the US amount); the UK
    # taxes each person separately and has no filing status to choose
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    at.selectbox(key="giglens.w.filing_status").set_value("married_joint").run()
    assert situation(at, "spouse_wages.DE").value == 0.0
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    no_exception(at)
    assert not {k for k in number_keys(at) if k.startswith("giglens.w.spouse_wages")}


def test_tax_on_other_income_is_in_the_installments_not_taken_as_withheld():
    """US 2025 single, projected profit 5,720 (SE 808.21, half 404.10513) and 20,000 of rent.

    AGI 25,315.89487; TI before QBI 9,565.89487; QBI 20% x 5,315.89487 = 1,063.178974 (under
    20% of TI); TI 8,502.715896 -> 10% = 850.27; total 850.27 + 808.21 = 1,658.48.
    The rent alone: TI 20,000 - 15,750 = 4,250 -> 425.00; the profit adds 1,233.48.
    Nothing is withheld: installments 90% x 1,658.48 = 1,492.632 -> 1,492.63 = 149,263 cents
    / 4 = 37,315 rest 3: 373.16 three times, then 373.15 (not (1,492.63 - 425.00) / 4 =
    266.91).
    """
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    situation(at, "other_income.US").set_value(20000.0).run()
    no_exception(at)
    assert metrics(at)["Tax your gig income adds"] == "$1,233.48"
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [373.16, 373.16, 373.16, 373.15]
    captions = " ".join(c.value for c in at.caption)
    assert "withheld from wages" not in captions
    assert "The tax your other income adds, $425.00, is not withheld" in captions
    assert "it counts in the amounts under When to pay" in captions
    assert "Tax on other income is not withheld: it is yours to pay" in captions  # sidebar


def test_the_shortfall_caption_blames_rising_bands_only_for_progressive_tax():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    assert any("its tax band" in c.value for c in at.caption)
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    no_exception(at)
    shortfall = [c.value for c in at.caption if c.value.startswith("Each month's payments")]
    assert len(shortfall) == 1 and "tax band" not in shortfall[0]
    assert not any("federal tax" in s.value for s in at.success)  # the US words only


def test_time_trackers_are_labelled_and_not_counted_as_income_platforms():
    at = upload(
        new_app(),
        ("earnings.csv", TEMPLATE, "text/csv"),
        ("toggl.csv", TOGGL, "text/csv"),
    )
    no_exception(at)
    assert report(at)["toggl.csv"]["Imported"] == 1
    assert metrics(at)["Platforms"] == "2"  # Upwork and MTurk; Toggl brings hours only
    assert metrics(at)["Transactions"] == "5"  # the template's 5; the time entry is no money
    assert any(c.value.startswith("Hours from Toggl Track") for c in at.caption)
    # Toggl is no platform to filter: its hours always count, for the platforms chosen
    options = at.multiselect(key="giglens.w.platforms").options
    assert "Upwork" in options and not any("Toggl" in o for o in options)
    assert not any("time" in o.casefold() for o in at.multiselect(key="giglens.w.streams").options)


def test_platforms_imported_later_are_selected_and_clearing_resets_the_filters():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    no_exception(at)
    # turn MTurk off: Upwork's net 900 + 450 = 1,350 remains
    at.multiselect(key="giglens.w.platforms").unselect("mturk").run()
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "$1,350.00"
    # a Fiverr file arrives later: it is selected (only MTurk was turned off): 1,350 + 80
    fiverr = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,fiverr,earning,100.00,20.00,80.00,USD,,Cyan,Logo,F1\n"
    )
    at.switch_page("app.py").run()
    upload(at, ("earnings.csv", TEMPLATE, "text/csv"), ("fiverr.csv", fiverr, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "$1,430.00"
    # clearing the data forgets the filters: the next upload shows everything (1,430 + 80)
    at.switch_page("app.py").run()
    at.button(key="giglens.clear.confirm").click().run()
    upload(at, ("earnings.csv", TEMPLATE, "text/csv"), ("fiverr.csv", fiverr, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert metrics(at)["Net income"] == "$1,510.00"


def test_monthly_tax_is_shown_in_the_tax_currency_when_amounts_are_shown_in_another():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/7_Monthly_summary.py").run()
    in_usd = at.dataframe[0].value["Set aside from the month"].tolist()
    assert all(v > 0 for v in in_usd)  # US tax on Jan-Mar 2025 income
    # a US taxpayer, chosen (not assumed from the dollars), looking at euros
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    at.selectbox(key="giglens.w.base_currency").set_value("EUR").run()
    no_exception(at)
    # the income is in USD, so the US tax per month is the same, written in dollars
    shown = at.dataframe[0].value["Set aside from the month (USD)"].tolist()
    assert shown == [f"${v:,.2f}" for v in in_usd]
    assert any("tax to set aside in USD" in c.value for c in at.caption)


def test_the_tax_country_follows_the_income_currency_until_it_is_chosen_and_says_so():
    # files mostly in pounds: the UK's rules, said as assumed, and still when the pages are
    # switched to euros (showing other money changes no tax rules); files mostly in euros (paid
    # in many countries): a flat rate; chosen, the country stays and nothing more is said
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,etsy,earning,120.00,12.00,108.00,GBP,,,Sale,E1\n"
        b"2025-06-11,etsy,earning,20.00,2.00,18.00,EUR,,,Sale,E2\n"
    )
    at = upload(new_app(), ("earnings.csv", gbp, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)

    def assumed() -> str:
        return " ".join(i.value for i in at.info if "not chosen yet" in i.value)

    assert at.selectbox(key="giglens.w.base_currency").value == "GBP"
    # nothing chosen: the box is empty, its placeholder names the country assumed
    country = at.selectbox(key="giglens.w.jurisdiction")
    assert country.value is None and country.placeholder == "United Kingdom (assumed: choose)"
    assert (
        "the tax figures use the United Kingdom's rules, as most of your income is in pounds"
        in assumed()
    )
    assert metrics(at)["Projected tax"].startswith("£")  # the UK's figures, in pounds
    at.selectbox(key="giglens.w.base_currency").set_value("EUR").run()
    assert "the United Kingdom's rules" in assumed()
    assert at.selectbox(key="giglens.w.jurisdiction").placeholder.startswith("United Kingdom")
    # choosing the country assumed is a choice too: the note goes and the country stays
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    assert assumed() == ""
    at.selectbox(key="giglens.w.base_currency").set_value("USD").run()
    assert at.selectbox(key="giglens.w.jurisdiction").value == "UK"
    assert assumed() == ""
    at.switch_page("pages/1_Overview.py").run()
    assert not any("not chosen yet" in i.value for i in at.info)

    eur = gbp.replace(b"120.00,12.00,108.00,GBP", b"120.00,12.00,108.00,EUR")
    at = upload(new_app(), ("earnings.csv", eur, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    assert "a flat rate of 25% of your profit, as most of your income is in neither" in assumed()
    assert any("the flat rate assumed" in w.value for w in at.warning)
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    assert any("the flat rate you chose" in w.value for w in at.warning)


def test_income_without_a_client_name_is_said_and_not_taken_for_one_client():
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,stripe,earning,600.00,0.00,600.00,USD,,,Charge,S1\n"
        b"2025-03-11,paypal,earning,300.00,0.00,300.00,USD,,buyer@example.com,Logo,P1\n"
        b"2025-03-12,paypal,earning,100.00,0.00,100.00,USD,,Beta,Icon,P2\n"
    )
    at = upload(new_app(), ("earnings.csv", data, "text/csv"))
    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    # over the named clients: 0.75² + 0.25² = 0.625 -> 0.62 (not 0.46 with Stripe as one)
    text = " ".join(m.value for m in at.markdown)
    assert "Herfindahl index 0.62 over the clients your files name" in text
    captions = " ".join(c.value for c in at.caption)
    assert "Income without a client name, left out of the clients: Stripe $600.00 (60% of" in (
        captions
    )
    assert "Stripe's exports give no customer" in captions
    # no client named at all: the platforms' index is still given
    at = upload(
        new_app(), ("earnings.csv", data.split(b"\n")[0] + b"\n" + data.split(b"\n")[1], "text/csv")
    )
    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert "Herfindahl index 1.00 over platforms" in text and "not enough" not in text


def test_the_overview_says_no_income_only_when_there_is_none_and_other_currencies_assume_a_flat_rate():
    canadian = TEMPLATE.replace(b",USD,", b",CAD,")
    at = upload(new_app(), ("earnings.csv", canadian, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    # Canadian dollars: no US rules assumed for CAD, a flat rate, in US dollars shown too
    assert any("the tax figures use a flat rate of 25% of your" in i.value for i in at.info)
    at.selectbox(key="giglens.w.base_currency").set_value("USD").run()
    assert any("the tax figures use a flat rate of 25% of your" in i.value for i in at.info)
    # chosen, the note goes, and the year's tax figure is not followed by "No income in..."
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert "Tax to set aside: 25.0% of the" in captions
    assert "No income in tax year" not in captions
    assert not any("not chosen yet" in i.value for i in at.info)


def test_fees_per_hour_leave_out_platforms_without_hours():
    # TEMPLATE: fees 150 on Upwork and MTurk over 35 h. A Fiverr sale with a 20.00 fee and no
    # hours adds to the fees paid (170) but not to the fees per hour: still 150 / 35 = 4.29.
    fiverr = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,fiverr,earning,100.00,20.00,80.00,USD,,Cyan,Logo,F1\n"
    )
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("f.csv", fiverr, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Fees paid"] == "$170.00"
    assert got["Fees per hour worked"] == "$4.29"


def test_a_date_range_inside_the_tax_year_leaves_the_tax_of_the_whole_year():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    assert not any("Tax figures count all your income" in i.value for i in at.info)
    whole = metrics(at)
    # March only on screen: the tax still counts January's and February's income of 2025
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 3, 1), dt.date(2025, 3, 31)))
    at.run()
    no_exception(at)
    assert any("Tax figures count all your income of tax year 2025" in i.value for i in at.info)
    assert metrics(at) == whole
    assert whole["Net income so far"] == "$1,430.00"  # 950 + 450 + 30


def test_a_platform_moved_to_another_stream_counts_there_on_every_page(giglens_home):
    # TEMPLATE: Upwork (freelance) 900 + 450 = 1,350 net, MTurk (micro) 50 + 30 = 80.
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.selectbox(key="giglens.stream.mturk").set_value("freelance").run()
    no_exception(at)
    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    # MTurk's 80 now counts as freelance: 1,350 + 80 = 1,430, and no micro-jobs stream is left
    assert any(m.label == "Net income" and m.value == "$1,430.00" for m in at.metric)
    assert not any("Micro jobs" in md.value for md in at.markdown)
    # remembered for a later session (the SQLite file in GIGLENS_HOME)
    again = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    assert again.selectbox(key="giglens.stream.mturk").value == "freelance"


def test_a_client_moved_to_another_stream_counts_there_and_is_remembered(giglens_home):
    # TEMPLATE: Upwork's Acme 900 and Beta 450 (freelance), MTurk 80 (micro). Beta is in truth
    # a shop buying products: moved to sales, freelance is 900 and sales 450
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    beta = "Beta (Upwork, $450.00 net)"
    assert beta in at.selectbox(key="giglens.client_stream.client").options
    at.selectbox(key="giglens.client_stream.client").set_value("Beta").run()
    at.selectbox(key="giglens.client_stream.stream").set_value("sales").run()
    at.button(key="giglens.client_stream.move").click().run()
    no_exception(at)
    assert "Beta: Sales on every platform" in [c.value for c in at.caption]
    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    table = at.dataframe[0].value
    net = dict(zip(table["Stream"], table["Net income"].round(2), strict=True))
    assert net == {"Freelance": 900.0, "Sales": 450.0, "Micro jobs": 80.0}
    # remembered for a later session (the SQLite file in GIGLENS_HOME), and put back
    again = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    assert "Beta: Sales on every platform" in [c.value for c in again.caption]
    assert beta not in again.selectbox(key="giglens.client_stream.client").options
    again.button(key="giglens.client_stream.back.0").click().run()
    no_exception(again)
    assert beta in again.selectbox(key="giglens.client_stream.client").options


def test_a_client_written_in_other_capitals_on_another_platform_is_one_client(giglens_home):
    # "Acme" on Upwork (900.00 net) and "ACME " through PayPal (190.00): one client, offered
    # once with both platforms and 1,090.00, and moved whole (what the option says moves)
    data = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2025-01-10,upwork,earning,1000.00,100.00,900.00,USD,,Acme,Website,U1\n"
        "2025-01-12,paypal,earning,200.00,10.00,190.00,USD,,ACME ,Prints,P1\n"
        "2025-01-14,paypal,earning,300.00,12.00,288.00,USD,,Beta,Logo,P2\n"
    )
    at = upload(new_app(), ("clients.csv", data.encode(), "text/csv"))
    options = at.selectbox(key="giglens.client_stream.client").options
    assert options == [
        "Acme (PayPal, Upwork, $1,090.00 net)",
        "Beta (PayPal, $288.00 net)",
    ]
    at.selectbox(key="giglens.client_stream.client").set_value("Acme").run()
    at.selectbox(key="giglens.client_stream.stream").set_value("sales").run()
    at.button(key="giglens.client_stream.move").click().run()
    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    table = at.dataframe[0].value
    net = dict(zip(table["Stream"], table["Net income"].round(2), strict=True))
    assert net == {"Sales": 1090.0, "Freelance": 288.0}


def test_duplicates_and_rejected_rows_are_reported():
    at = upload(
        new_app(),
        ("earnings.csv", TEMPLATE, "text/csv"),
        ("more.csv", OVERLAP, "text/csv"),
    )
    no_exception(at)
    rows = report(at)
    # the Feb 5 row of more.csv was already in earnings.csv; 'abc' is not an amount
    assert [rows[f]["Duplicates"] for f in ("earnings.csv", "more.csv")] == [0, 1]
    assert [rows[f]["Rejected"] for f in ("earnings.csv", "more.csv")] == [0, 1]
    # more.csv's 2 rows: 1 duplicate + 1 rejected, so nothing new; every row counted once
    assert rows["more.csv"]["Imported"] == 0
    assert metrics(at)["Transactions"] == "5"  # 5 + 2 - 1 duplicate - 1 rejected
    # only the file with a rejected row gets an expander
    assert file_expanders(at) == ["more.csv: 1 rejected, 1 already imported"]
    assert any(m.value.startswith("**Already imported (1)**") for m in at.markdown)
    reasons = [r for d in at.dataframe if "reason" in d.value.columns for r in d.value["reason"]]
    assert "duplicate: the same transaction is counted from earnings.csv" in reasons
    assert any("Rejected rows (1)" in m.value for m in at.markdown)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the rejected rows (CSV)" in labels

    # Remove a file from the list under the table: only earnings.csv is left.
    at.selectbox(key="giglens.remove.choice").set_value(
        "more.csv (Upwork)"  # its one platform, not "template"
    )
    at.run()
    remove = [b for b in at.button if b.label == "Remove" and "chosen" in b.key]
    remove[0].click().run()
    no_exception(at)
    assert list(report(at)) == ["earnings.csv"]
    assert metrics(at)["Transactions"] == "5"


def test_a_file_of_rows_already_imported_says_its_warnings_change_nothing():
    # The PayPal download of Oct 2024 to Mar 2025 again, cut from the whole download: every
    # row is a duplicate, yet it warns of its one conversion's cost (the whole file: two).
    whole = (REPO / "sample_data" / "paypal_activity.csv").read_bytes()
    lines = whole.splitlines(keepends=True)
    part = b"".join(lines[:20])  # the header and 19 rows, one conversion among them
    at = upload(
        new_app(),
        ("paypal_activity.csv", whole, "text/csv"),
        ("Download (1).csv", part, "text/csv"),
    )
    no_exception(at)
    # 19 rows: 4 holds, releases and memos skipped, the other 15 already imported
    assert report(at)["Download (1).csv"]["Skipped"] == 4
    assert report(at)["Download (1).csv"]["Duplicates"] == 15
    assert report(at)["Download (1).csv"]["Imported"] == 0
    said = [c.value for c in at.caption if c.value.startswith("Every row this file gave")]
    assert len(said) == 1  # of the part, not of the whole download
    assert "nothing in it changes your figures" in said[0]


def test_a_corrected_copy_points_out_the_earlier_file_with_its_rejected_rows():
    # Tom fixes the unreadable 'abc' of OVERLAP and adds the file again beside the first one:
    # the corrected copy gives both rows, the first one only the row that was readable.
    fixed = OVERLAP.replace(b"abc,0.00,0.00", b"120.00,0.00,120.00")
    at = upload(
        new_app(),
        ("more.csv", OVERLAP, "text/csv"),
        ("more (fixed).csv", fixed, "text/csv"),
    )
    no_exception(at)
    said = [i.value for i in at.info if "looks like an earlier copy" in i.value]
    assert said == [
        "more (fixed).csv holds every transaction this file gave and 1 more: this file looks "
        "like an earlier copy of it (before a correction, or a download cut off). Remove this "
        "file: nothing is lost, and its rejected rows leave the report."
    ]
    # more.csv's panel comes first (the fixed copy's lists the row it holds again)
    remove = [b for b in at.button if b.label == "Remove this file"][0]
    remove.click().run()
    no_exception(at)
    assert list(report(at)) == ["more (fixed).csv"]
    assert report(at)["more (fixed).csv"]["Rejected"] == 0
    assert metrics(at)["Transactions"] == "2"  # 500.00 and the corrected 120.00


def test_home_gives_the_net_income_of_each_currency_when_the_files_hold_several():
    euros = textwrap.dedent(
        """\
        date,platform,kind,gross,fee,net,currency,hours,client,description,reference
        2025-02-10,fiverr,earning,200.00,40.00,160.00,EUR,,Kai,Logo,F1
        2025-02-12,fiverr,refund,-20.00,-4.00,-16.00,EUR,,Kai,Logo,F2
        """
    ).encode()
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("eur.csv", euros, "text/csv"))
    no_exception(at)
    # TEMPLATE: 900 + 50 + 450 + 30 = 1,430.00 USD (the withdrawal is no income);
    # euros: 160.00 - 16.00 = 144.00
    [said] = [c.value for c in at.caption if c.value.startswith("Net income in the files")]
    assert said.startswith("Net income in the files, in their own currencies: ")
    assert "144.00" in said and "1,430.00" in said


def test_a_gumroad_sales_exports_refund_warning_goes_once_the_payout_csvs_hold_its_refunds():
    from test_import_gumroad import SALES_HEADER, sale

    refunded = sale("s1", "Ebook", "2026-01-05", "10.0", "1.2", "8.8", **{"Fully Refunded?": "1"})
    payout = (
        "Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),Shipping ($),"
        "Sale Price ($),Gumroad Fees ($),Net Total ($)\n"
        "Sale,2026-01-05,s1,Ebook,Ann,ann@example.com,0.0,0.0,10.0,1.2,8.8\n"
        "Full Refund,2026-02-02,s1,Ebook,Ann,ann@example.com,0.0,0.0,-10.0,-1.2,-8.8\n"
    )
    partly = sale(
        "s3", "Guide", "2026-02-01", "100.0", "11.0", "89.0", **{"Partial Refund ($)": "8.0"}
    )

    def said(*sales: str) -> bool:
        text = "\n".join([",".join(SALES_HEADER), *sales])
        at = upload(
            new_app(),
            ("sales.csv", text.encode(), "text/csv"),
            ("payout.csv", payout.encode(), "text/csv"),
        )
        no_exception(at)
        return any("Refunds in a Gumroad sales export" in w.value for w in at.warning)

    assert not said(refunded)  # its one refund counts from the payout CSV
    assert said(refunded, partly)  # s3's partial refund counts from the sales export


def test_an_upwork_withdrawal_arriving_in_paypal_is_counted_once():
    from test_combine import PAYPAL, UPWORK

    at = upload(
        new_app(),
        ("upwork.csv", UPWORK.encode(), "text/csv"),
        ("paypal.csv", PAYPAL.encode(), "text/csv"),
    )
    no_exception(at)
    notes = [i.value for i in at.info if "match withdrawals in your Upwork export" in i.value]
    assert len(notes) == 1 and "(1,200.00 USD)" in notes[0]
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    # Upwork 1,320.00 - 120.00 fee = 1,200.00; PayPal 385.55 from a client + 300.00 from Upwork
    # after the Upwork export ends; the 1,200.00 arriving in PayPal is not income again.
    assert metrics(at)["Net income"] == "$1,885.55"


def test_bad_file_shows_a_friendly_error():
    at = upload(new_app(), ("statement.csv", PNG, "text/csv"))
    no_exception(at)
    assert len(at.error) == 1
    message = at.error[0].value
    assert "PNG" in message and "Traceback" not in message


def test_clearing_all_data_forgets_the_columns_chosen(giglens_home):
    # columns chosen for an unknown layout, then everything cleared: the next file of that
    # layout asks for its columns again (a slip in them is not applied for ever)
    at = upload(new_app(), ("bank.csv", UNKNOWN, "text/csv"))
    prefix = [s.key for s in at.selectbox if s.label == "Date *"][0].rsplit(".", 1)[0]
    at.selectbox(key=f"{prefix}.date").set_value("When")
    at.selectbox(key=f"{prefix}.gross").set_value("Money")
    at.text_input(key=f"{prefix}.currency_code").set_value("EUR")
    at.button(key=[b.key for b in at.button if b.label == "Import with this mapping"][0]).click()
    at.run()
    assert report(at)["bank.csv"]["Imported"] == 2
    at.button(key="giglens.clear.confirm").click().run()
    no_exception(at)
    other = b"When,What,Money\n2025-03-01,more,5.00\n"
    at = upload(new_app(), ("bank-march.csv", other, "text/csv"))
    assert any("does not know this layout" in m.value for m in at.markdown)


def test_unknown_layout_leads_to_the_mapping_form_and_is_remembered(giglens_home):
    at = upload(new_app(), ("bank.csv", UNKNOWN, "text/csv"))
    no_exception(at)
    assert any("does not know this layout" in m.value for m in at.markdown)
    key = [s.key for s in at.selectbox if s.label == "Date *"][0]
    prefix = key.rsplit(".", 1)[0]
    at.selectbox(key=f"{prefix}.date").set_value("When")
    at.selectbox(key=f"{prefix}.net").set_value("Money")
    at.text_input(key=f"{prefix}.currency_code").set_value("EUR")
    at.button(key=[b.key for b in at.button if b.label == "Import with this mapping"][0]).click()
    at.run()
    no_exception(at)
    assert report(at)["bank.csv"]["Imported"] == 2
    assert (giglens_home / "mappings.sqlite3").exists()
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "€30.50"  # 10.50 + 20.00, in EUR (the only currency)

    # A new session (new AppTest), a different file with the same header: no form this time.
    other = b"When,What,Money\n2025-03-01,more,5.00\n"
    at = upload(new_app(), ("bank-march.csv", other, "text/csv"))
    no_exception(at)
    assert not any("does not know this layout" in m.value for m in at.markdown)
    assert report(at)["bank-march.csv"]["Imported"] == 1
    # ...but it says so, with what was chosen, and the columns can be chosen again
    # (bank.csv, kept from the first visit, too)
    notes = [i.value for i in at.info if "was read with the columns you chose" in i.value]
    [note] = [n for n in notes if n.startswith("**bank-march.csv**")]
    assert "date: When" in note and "currency: EUR" in note
    [b for b in at.button if b.label == "Choose its columns again"][-1].click().run()
    no_exception(at)
    assert any("does not know this layout" in m.value for m in at.markdown)
    # the form starts from what was chosen, the typed currency too, to change one thing
    prefix = [s.key for s in at.selectbox if s.label == "Date *"][0].rsplit(".", 1)[0]
    assert at.selectbox(key=f"{prefix}.date").value == "When"
    assert at.selectbox(key=f"{prefix}.net").value == "Money"
    assert at.text_input(key=f"{prefix}.currency_code").value == "EUR"
    # a refresh before new columns are chosen reads it with the kept mapping, not lost
    again = upload(new_app(), ("bank-april.csv", other, "text/csv"))
    assert not any("does not know this layout" in m.value for m in again.markdown)
    assert report(again)["bank-april.csv"]["Imported"] == 1
    # new columns chosen replace it for good
    at.selectbox(key=f"{prefix}.gross").set_value("Money").run()
    at.button(key=[b.key for b in at.button if b.label == "Import with this mapping"][0]).click()
    at.run()
    later = upload(new_app(), ("bank-may.csv", other, "text/csv"))
    [note] = [i.value for i in later.info if i.value.startswith("**bank-may.csv** was read")]
    assert "amount received: Money" in note


# Column names that say little; the values say what each column is.
UNLABELLED = textwrap.dedent(
    """\
    A,B,C,D,E,F
    2025-03-02,Acme Ltd,120.00,12.00,108.00,USD
    2025-03-09,Beta GmbH,80.00,8.00,72.00,USD
    2025-04-11,Acme Ltd,"1,200.00",120.00,"1,080.00",USD
    """
).encode()


def test_mapping_guesses_come_from_the_values_when_the_names_say_nothing():
    columns = ["A", "B", "C", "D", "E", "F"]
    samples = sample_rows(UNLABELLED, "export.csv", columns)
    assert len(samples) == 3
    kinds = [column_kind(samples[c]) for c in columns]
    assert kinds == ["date", "text", "number", "number", "number", "currency"]
    # D is a tenth of C on every row (12/120, 8/80, 120/1,200): the fee. E = C - D on every row
    # (120 - 12 = 108, 80 - 8 = 72, 1,200 - 120 = 1,080): the net. B is text: no guess for it.
    assert guess_mapping(columns, samples) == {
        "date": "A",
        "currency": "F",
        "gross": "C",
        "fee": "D",
        "net": "E",
    }


def test_a_name_hint_is_not_taken_when_the_values_contradict_it():
    data = b"Payout,Amount,Currency\n03/02/2025,10.00,EUR\n04/02/2025,12.50,EUR\n"
    columns = ["Payout", "Amount", "Currency"]
    samples = sample_rows(data, "bank.csv", columns)
    # "Payout" suggests the net amount, but it holds dates
    assert guess_mapping(columns, samples) == {
        "date": "Payout",
        "currency": "Currency",
        "gross": "Amount",
    }
    # without the values, only the names are used
    assert guess_mapping(columns) == {"currency": "Currency", "net": "Payout", "gross": "Amount"}


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["When", "Money in (EUR)", "Note"], "EUR"),
        (["Date", "Amount €"], "EUR"),
        (["Paid (GBP)", "Fee (GBP)"], "GBP"),
        (["USD total", "EUR fee"], None),  # two currencies: no guess
        (["Date", "Amount", "NOTE"], None),  # NOTE is no currency code
    ],
)
def test_the_currency_a_column_name_states_is_the_default_for_every_row(columns, expected):
    assert currency_in_names(columns) == expected


def test_sample_rows_skip_a_title_above_the_header_and_survive_garbage():
    data = b"My earnings 2025\n\nWhen;What;Money\n2025-01-02;thing;10,50\n"
    rows = sample_rows(data, "x.csv", ["When", "What", "Money"])
    assert rows.to_dict("records") == [{"When": "2025-01-02", "What": "thing", "Money": "10,50"}]
    assert column_kind(rows["Money"]) == "number"
    for garbage in (b"", PNG, b"%PDF-1.4\n"):
        assert sample_rows(garbage, "x.csv", ["When", "Money"]).empty


def test_mapping_form_starts_with_the_guesses_and_imports():
    data = b"When,Customer,Paid,Cut,Money\n" + (
        b"2025-03-02,Acme Ltd,120.00,12.00,USD\n"
        b"2025-03-09,Beta GmbH,80.00,8.00,USD\n"
        b"2025-04-11,Acme Ltd,200.00,20.00,USD\n"
        b"2025-05-20,Gamma Inc,50.50,5.05,USD\n"
    )
    at = upload(new_app(), ("shop.csv", data, "text/csv"))
    no_exception(at)
    chosen = {s.label: s.value for s in at.selectbox if s.key and s.key.startswith("giglens.map")}
    assert chosen["Date *"] == "When"
    assert chosen["Amount received (gross)"] == "Paid"
    assert chosen["Fee the platform kept"] == "Cut"
    assert chosen["Currency"] == "Money"
    assert chosen["Client / customer"] == "Customer"
    at.button(key=[b.key for b in at.button if b.label == "Import with this mapping"][0]).click()
    at.run()
    no_exception(at)
    assert report(at)["shop.csv"]["Imported"] == 4
    at.switch_page("pages/1_Overview.py").run()
    got = metrics(at)
    # fees 12 + 8 + 20 + 5.05 = 45.05; net (120 + 80 + 200 + 50.50) - 45.05 = 405.45
    assert got["Fees paid"] == "$45.05"
    assert got["Net income"] == "$405.45"


def test_the_same_file_twice_is_read_once_and_said_so():
    at = upload(
        new_app(),
        ("earnings.csv", TEMPLATE, "text/csv"),
        ("earnings (1).csv", TEMPLATE, "text/csv"),
    )
    no_exception(at)
    assert list(report(at)) == ["earnings.csv"]
    assert any("earnings (1).csv" in i.value and "same content" in i.value for i in at.info), [
        i.value for i in at.info
    ]
    assert metrics(at)["Transactions"] == "5"
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "$1,430.00"  # 950 + 450 + 30, not twice that
    # back on the Home page, the note said once, the report still accounts for the upload
    at.switch_page("app.py").run()
    assert not any("same content" in i.value for i in at.info)
    captions = " ".join(c.value for c in at.caption)
    assert (
        "Uploaded again and read once (the same content as a file above, so not in the table): "
        "earnings (1).csv (as earnings.csv)." in captions
    )
    # the same file under its own name again: "already imported", not "the same as itself"
    at.switch_page("app.py").run()
    upload(at, ("earnings.csv", TEMPLATE, "text/csv"))
    assert any("**earnings.csv** was already imported" in i.value for i in at.info)


def test_a_folder_of_files_dropped_again_gets_one_note():
    """Twelve monthly files, dropped again: one note for the twelve (three named, "and 9
    more"), not twelve; the report's caption names ten of them and "and 2 more"."""
    header = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
    files = [
        (
            f"m{m:02d}.csv",
            (
                header + f"2025-{m:02d}-10,upwork,earning,100.00,0.00,100.00,USD,,A,W,R{m}\n"
            ).encode(),
            "text/csv",
        )
        for m in range(1, 13)
    ]
    at = upload(new_app(), *files)
    upload(at, *files)
    no_exception(at)
    notes = [i.value for i in at.info if "already imported" in i.value]
    assert notes == [
        "12 files you added were already imported (**m01.csv**, **m02.csv**, **m03.csv** and "
        "9 more): each was read once, so nothing is counted twice."
    ]
    captions = " ".join(c.value for c in at.caption)
    assert "m10.csv (again); and 2 more." in captions
    assert metrics(at)["Transactions"] == "12"


def test_a_repeated_upload_of_a_file_not_yet_imported_is_not_called_imported():
    unknown = b"When,Paid,Cut\n2025-03-01,120.00,12.00\n"
    at = upload(new_app(), ("shop.csv", unknown, "text/csv"), ("a.pdf", b"%PDF-1.4\n", "x/y"))
    upload(at, ("shop.csv", unknown, "text/csv"), ("b.pdf", b"%PDF-1.4\n", "x/y"))
    no_exception(at)
    notes = [i.value for i in at.info]
    assert not any("already imported" in n or "read once" in n for n in notes), notes
    assert any(
        "**shop.csv** is already here, which still needs its columns chosen" in n for n in notes
    )
    assert any(
        "**b.pdf** has exactly the same content as **a.pdf**, which could not be read" in n
        for n in notes
    ), notes
    assert sum(b.label == "Import with this mapping" for b in at.button) == 1  # the form, once


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("statement.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "PDF"),
        ("empty.csv", b"", "empty"),
        ("photo.csv", PNG, "PNG"),
        ("notes.txt", b"just a line of text\nand another\n", "not a table"),
    ],
)
def test_files_that_are_not_exports_get_a_plain_message(name, data, words):
    at = upload(new_app(), (name, data, "application/octet-stream"))
    no_exception(at)
    assert len(at.error) == 1
    assert words in at.error[0].value and "Traceback" not in at.error[0].value
    assert not any(b.label == "Import with this mapping" for b in at.button)


# USD income plus one payment in naira, which the ECB publishes no rate for.
WITH_NAIRA = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-03-10,upwork,earning,100.00,10.00,90.00,USD,,Acme,Site,N1
    2025-03-12,upwork,earning,50.00,0.00,50.00,USD,,Beta,Fix,N2
    2025-03-14,upwork,earning,5000.00,0.00,5000.00,NGN,,Lagos Co,Logo,N3
    """
).encode()


def test_rows_without_an_ecb_rate_are_left_out_with_a_warning():
    at = upload(new_app(), ("mixed.csv", WITH_NAIRA, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert at.selectbox(key="giglens.w.base_currency").value == "USD"  # 2 of 3 rows
    assert metrics(at)["Net income"] == "$140.00"  # 90 + 50; the naira row left out
    warning = " ".join(w.value for w in at.warning)
    assert "NGN" in warning and "Left out" in warning
    # in naira the two dollar rows are the ones left out
    at.selectbox(key="giglens.w.base_currency").set_value("NGN").run()
    no_exception(at)
    assert metrics(at)["Net income"] == "5,000.00 NGN"
    assert "USD" in " ".join(w.value for w in at.warning)


def test_time_estimates_count_and_stay_editable():
    at = upload(new_app(), ("uk.csv", UK_INCOME, "text/csv"))
    at.switch_page("pages/4_Hourly_rates.py").run()
    no_exception(at)
    assert any("No hours for Upwork" in i.value for i in at.info)
    at.number_input(key="giglens.est.upwork.mpt").set_value(30.0)
    at.button(key=[b.key for b in at.button if b.label == "Use these estimates"][0]).click()
    at.run()
    no_exception(at)
    # 3 payments × 30 minutes = 1.5 hours for the £3,000: £2,000.00 an hour
    assert metrics(at)["Effective hourly rate"] == "£2,000.00"
    assert metrics(at)["Hours"] == "1.5"
    # the estimate can still be changed or removed
    assert at.number_input(key="giglens.est.upwork.mpt").value == 30.0
    assert not any("No hours for" in i.value for i in at.info)


def test_percent_never_shows_minus_zero():
    assert percent(-0.00001) == "0.0%"
    assert percent(0.1234) == "12.3%"
    assert percent(-0.25, 0) == "-25%"


def test_tax_page_says_which_rows_its_currency_leaves_out():
    at = upload(new_app(), ("mixed.csv", WITH_NAIRA, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.base_currency").set_value("NGN").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()  # not assumed from NGN
    no_exception(at)
    # US tax is worked out in USD: the naira payment has no ECB rate, so it is left out of it
    warning = " ".join(w.value for w in at.warning)
    assert "Tax figures are in USD" in warning and "NGN" in warning
    assert metrics(at)["Net income so far"] == "$140.00"  # 90 + 50, the USD rows only


def test_last_years_tax_of_zero_is_an_answer_not_a_blank():
    at = upload(new_app(), ("uk.csv", UK_INCOME, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    no_exception(at)
    prior = at.number_input(key="giglens.w.prior_year_tax")
    assert prior.value is None  # empty until answered

    def captions():
        return " ".join(c.value for c in at.caption)

    # income in 2025/26 and none before it: taken as a first year (no payments on account),
    # and said so, not last year's bill assumed equal to this year's
    assert at.checkbox(key="giglens.w.first_year").value is True
    assert "Ticked because your files hold income in 2025/26 and none before it." in captions()
    assert "Last year's bill not given" not in captions()
    # unticked, 3,000 so far, 12,000 projected: under the personal allowance, this year's bill
    # is 0.00 - and standing in for last year's, it is said to be an assumption, not a fact
    at.checkbox(key="giglens.w.first_year").uncheck().run()
    assert "Last year's bill not given" in captions()
    assert "none: last year's bill, taken as this year's estimate, is under £1,000" in captions()
    prior.set_value(0.0).run()
    no_exception(at)
    # no bill last year: no payments on account on 31 Jan / 31 Jul 2026
    assert "Last year's bill not given" not in captions()
    assert "none: last year's bill was under £1,000" in captions()


def test_tax_counts_every_platform_whatever_the_platform_filter():
    # flat 25% on TEMPLATE's 2025 income: 1,430 so far over Jan-Mar, projected 5,720, tax
    # 1,430; reserve now 25% of 1,430 = 357.50. Showing MTurk alone (80.00 of it) must not
    # make that 20.00.
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(25.0).run()
    at.multiselect(key="giglens.w.platforms").unselect("upwork").run()
    no_exception(at)
    assert metrics(at)["Net income so far"] == "$1,430.00"
    assert any("$357.50" in s.value for s in at.success)
    assert any("Tax figures count all your income of tax year" in i.value for i in at.info)
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "$80.00"  # the page itself shows MTurk only
    # the tax of all the year's income, and the card says so beside MTurk's $80
    assert metrics(at)["Tax to set aside, 2025"] == "$357.50"
    (card,) = [m for m in at.metric if m.label == "Tax to set aside, 2025"]
    assert card.delta == "on all your income"
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    table = at.dataframe[0].value
    # MTurk's months; a month's tax is on all its income, so for MTurk alone there is none
    assert list(table["Month"]) == ["Jan 2025", "Feb 2025", "Mar 2025"]
    assert [round(v, 2) for v in table["Net"]] == [50.0, 0.0, 30.0]
    assert "Set aside from the month" not in table.columns
    assert any("not shown month by month for a choice of platforms" in c.value for c in at.caption)
    # every platform again: the month's set-aside, 25% of 950, 450 and 30
    at.multiselect(key="giglens.w.platforms").select("upwork").run()
    table = at.dataframe[0].value
    assert [round(v, 2) for v in table["Set aside from the month"]] == [237.5, 112.5, 7.5]


def test_months_no_file_covers_are_pointed_out_and_can_be_left_out():
    old = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2016-01-10,paypal,earning,200.00,6.10,193.90,USD,,Old client,Logo,P1\n"
    )
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("old.csv", old, "text/csv"))
    at.switch_page("pages/2_Volatility.py").run()
    no_exception(at)
    assert metrics(at)["Months"] == "111"  # Jan 2016 to Mar 2025
    (warning,) = [w.value for w in at.warning if "No imported file" in w.value]
    assert "Feb 2016–Dec 2024 (107 months)" in warning
    (button,) = [b for b in at.button if b.label == "Look at Jan 2025 – Mar 2025 only"]
    button.click().run()
    no_exception(at)
    assert metrics(at)["Months"] == "3"
    assert not any("No imported file" in w.value for w in at.warning)


def test_own_files_replace_the_sample_data_and_the_drop_zone_empties():
    at = new_app()
    [b for b in at.button if b.label == "Try it with sample data"][0].click().run()
    no_exception(at)
    # loaded: the button that would do nothing more is gone
    assert not [b for b in at.button if b.label == "Try it with sample data"]
    assert "mturk_hits.csv" in report(at)
    upload(at, ("earnings.csv", TEMPLATE, "text/csv"))
    no_exception(at)
    assert list(report(at)) == ["earnings.csv"]  # the sample files made way
    assert any("replaced the sample data" in i.value for i in at.info)
    assert not at.file_uploader[0].value  # listed once, in the report, not in the drop zone
    assert not [b for b in at.button if b.label == "Try it with sample data"]
    assert metrics(at)["Transactions"] == "5"


def imported_files(at: AppTest) -> list[str]:
    return list(report(at)) if any("File" in d.value.columns for d in at.dataframe) else []


def test_imported_files_are_kept_between_visits_unless_turned_off(on_this_computer, giglens_home):
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    assert list(report(at)) == ["earnings.csv"]
    # a refresh, a new tab or a restart is a new session: the file is still there
    again = new_app()
    no_exception(again)
    assert list(report(again)) == ["earnings.csv"]
    assert metrics(again)["Transactions"] == "5"
    assert (giglens_home / "imported_files.sqlite3").exists()
    # whole copies of the exports (clients' names, emails) and the tax paid: for its owner only
    assert (giglens_home / "imported_files.sqlite3").stat().st_mode & 0o777 == 0o600
    # turned off: forgotten, the next visit starts empty
    again.toggle[0].set_value(False).run()
    assert not imported_files(new_app())
    # turned back on, with a file: kept; "Clear all imported data" forgets it
    on = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    on.toggle[0].set_value(True).run()
    assert list(report(new_app())) == ["earnings.csv"]
    on.button(key="giglens.clear.confirm").click().run()
    assert not imported_files(new_app())


def test_clearing_everything_shrinks_the_kept_file_and_forgets_the_streams_chosen(
    on_this_computer, giglens_home
):
    # a 2 MB export kept, then cleared: its bytes do not stay in the SQLite file; MTurk moved
    # to freelance goes back to micro jobs
    rows = "".join(
        f"2025-01-{1 + n % 28:02d},mturk,earning,1.00,0.00,1.00,USD,,Requester {n},HIT {n},M{n}\n"
        for n in range(25_000)
    )
    big = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n" + rows
    at = upload(new_app(), ("hits.csv", big.encode(), "text/csv"))
    at.selectbox(key="giglens.stream.mturk").set_value("freelance").run()
    no_exception(at)
    kept = giglens_home / "imported_files.sqlite3"
    assert kept.stat().st_size > 1_000_000
    at.button(key="giglens.clear.confirm").click().run()
    no_exception(at)
    assert kept.stat().st_size < 100_000
    again = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    assert again.selectbox(key="giglens.stream.mturk").value == "micro"


def test_a_shared_server_keeps_no_ones_files(giglens_home, monkeypatch):
    monkeypatch.setenv("GIGLENS_KEEP_FILES", "0")
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    assert list(report(at)) == ["earnings.csv"]
    assert not at.toggle  # nothing to turn on
    assert not imported_files(new_app())  # the next visitor sees nothing of it
    assert not (giglens_home / "imported_files.sqlite3").exists()


def test_an_unreadable_upload_does_not_replace_the_sample_data():
    at = new_app()
    [b for b in at.button if b.label == "Try it with sample data"][0].click().run()
    samples = len(report(at))
    upload(at, ("scan.png", PNG, "image/png"))
    no_exception(at)
    assert len(report(at)) == samples  # the samples stay: the image gave nothing
    assert not any("replaced the sample data" in i.value for i in at.info)
    # an unknown layout is not data yet either; once mapped, it replaces the samples
    upload(at, ("odd.csv", UNKNOWN, "text/csv"))
    assert len(report(at)) == samples
    key = [s.key for s in at.selectbox if s.label == "Date *"][0]
    prefix = key.rsplit(".", 1)[0]
    at.selectbox(key=f"{prefix}.date").set_value("When")
    at.selectbox(key=f"{prefix}.net").set_value("Money")
    at.text_input(key=f"{prefix}.currency_code").set_value("EUR")
    at.button(key=[b.key for b in at.button if b.label == "Import with this mapping"][0]).click()
    at.run()
    no_exception(at)
    assert list(report(at)) == ["odd.csv"]  # mapped: now it replaces the samples


def test_every_payment_due_on_the_next_due_day_is_marked_next(monkeypatch):
    monkeypatch.setenv("GIGLENS_TODAY", "2026-12-01")
    at = upload(new_app(), ("uk.csv", UK_INCOME, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.number_input(key="giglens.w.prior_year_tax").set_value(3000.0).run()
    # 2025/26 is over: its 3,000 + 20,000 of rent make a bill of 20% x (23,000 - 12,570) =
    # 2,086.00, so a balancing payment of 2,086 - 3,000 = -914.00 (a refund) and 2026/27
    # payments on account of 1,043.00
    situation(at, "other_income.UK").set_value(20000.0).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].tolist() == [1500.0, 1500.0, -914.0, 1043.0, 1043.0]
    due = pd.to_datetime(table["Due"], format="%a %d %b %Y")
    today = pd.Timestamp(2026, 12, 1)
    soonest = due[due >= today].min()
    assert soonest == pd.Timestamp(2027, 1, 31)
    expected = [
        "passed, no payment entered" if d < today else ("next" if d == soonest else "") for d in due
    ]
    # the balancing payment of -914.00 is money coming back: "owed to you", never "next"
    expected[2] = "owed to you"
    assert table["Status"].tolist() == expected
    # 31 Jan 2027 holds 2025/26's refund and 2026/27's first payment on account: the payment
    # is "next"
    assert table["Status"].tolist().count("next") == 1
    # without the rent, 3,000 is under the allowance: no bill, so the 2026/27 payments on
    # account are 0.00 - nothing is due, and they are not "next"
    situation(at, "other_income.UK").set_value(0.0).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].tolist()[3:] == [0.0, 0.0]
    assert table["Status"].tolist()[3:] == ["none due", "none due"]


def test_a_platform_chosen_alone_gets_no_warning_about_other_platforms_gaps():
    old = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2016-01-10,upwork,earning,200.00,20.00,180.00,USD,,Old client,Logo,U9\n"
    )
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("old.csv", old, "text/csv"))
    at.switch_page("pages/2_Volatility.py").run()
    assert any("No imported file" in w.value for w in at.warning)  # both platforms: the gap
    at.multiselect(key="giglens.w.platforms").unselect("upwork").run()
    no_exception(at)
    # MTurk alone earns Jan-Mar 2025: no month of its range is uncovered
    assert not any("No imported file" in w.value for w in at.warning)


def test_the_mapping_form_takes_the_currency_from_the_amounts_symbols():
    fiverr = b"Order date,Buyer,Amount,Status\n2025-03-01,Ann,$100.00,Completed\n2025-03-02,Bo,$50.00,Completed\n"
    at = upload(new_app(), ("fiverr.csv", fiverr, "text/csv"))
    no_exception(at)
    code = [t for t in at.text_input if t.key.endswith(".currency_code")][0]
    assert code.value == "USD"


def test_the_mapping_form_starts_at_the_currency_of_the_other_files():
    # TaskRabbit's amounts name no currency; every other file is in dollars: USD, said so.
    # A file beside files in two currencies starts empty (no guess between them).
    tasks = b"Date,Task,Total\n2025-03-01,Help Moving,85.00\n2025-03-02,Assembly,120.00\n"
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("tasks.csv", tasks, "text/csv"))
    no_exception(at)
    code = [t for t in at.text_input if t.key.endswith(".currency_code")][0]
    assert code.value == "USD" and "USD is that of your other files" in code.help
    assert any("names no currency: USD, that of your other files" in c.value for c in at.caption)
    euros = TEMPLATE.replace(b"USD", b"EUR").replace(b",U1", b",E1").replace(b",M1", b",E2")
    euros = euros.replace(b",U2", b",E3").replace(b",W1", b",E4").replace(b",M2", b",E5")
    at = upload(
        new_app(),
        ("earnings.csv", TEMPLATE, "text/csv"),
        ("euros.csv", euros, "text/csv"),
        ("tasks.csv", tasks, "text/csv"),
    )
    code = [t for t in at.text_input if t.key.endswith(".currency_code")][0]
    assert code.value == ""


def test_a_missing_etsy_statement_is_pointed_out():
    header = "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\n"

    def statement(day: str) -> bytes:
        return (
            header + f'"{day}",Sale,Payment for Order #1,,USD,$20.00,-$1.00,$19.00,--\n'
        ).encode()

    at = upload(
        new_app(),
        ("etsy_statement_2025_1.csv", statement("5 January, 2025"), "text/csv"),
        ("etsy_statement_2025_4.csv", statement("5 April, 2025"), "text/csv"),
    )
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    (warning,) = [w.value for w in at.warning if "no statement imported" in w.value]
    assert warning.startswith("Etsy: no statement imported for Feb 2025–Mar 2025")
    # February's statement of a month without a sale or a fee holds its header alone: that
    # month is covered, March alone is missing
    at = upload(
        new_app(),
        ("etsy_statement_2025_1.csv", statement("5 January, 2025"), "text/csv"),
        ("etsy_statement_2025_2.csv", header.encode(), "text/csv"),
        ("etsy_statement_2025_4.csv", statement("5 April, 2025"), "text/csv"),
    )
    assert any("nothing was sold and nothing charged in its month" in i.value for i in at.info)
    at.switch_page("pages/1_Overview.py").run()
    (warning,) = [w.value for w in at.warning if "no statement imported" in w.value]
    assert warning.startswith("Etsy: no statement imported for Mar 2025, so")
    # two quiet months in a row: their statements have the same bytes, each its own month
    at = upload(
        new_app(),
        ("etsy_statement_2025_1.csv", statement("5 January, 2025"), "text/csv"),
        ("etsy_statement_2025_2.csv", header.encode(), "text/csv"),
        ("etsy_statement_2025_3.csv", header.encode(), "text/csv"),
        ("etsy_statement_2025_4.csv", statement("5 April, 2025"), "text/csv"),
    )
    assert not any("exactly the same content" in i.value for i in at.info)
    at.switch_page("pages/1_Overview.py").run()
    assert not any("no statement imported" in w.value for w in at.warning)
    # a date range from March: January's statement (header alone) is outside it, and
    # February's is no gap inside it
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 3, 1), dt.date(2025, 4, 30)))
    at.run()
    no_exception(at)
    assert not any("no statement imported" in w.value for w in at.warning)


def test_a_uk_first_year_has_no_payments_on_account_due():
    at = upload(new_app(), ("uk.csv", UK_INCOME, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.checkbox(key="giglens.w.first_year").check().run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    # no payment on account for 2025/26 (31 Jan / 31 Jul 2026): the first year pays its whole
    # bill, plus half of it towards the next year, on 31 Jan 2027
    assert not any(due.endswith("Jan 2026") or due.endswith("Jul 2026") for due in table["Due"])
    assert any("First year of trading" in c.value for c in at.caption)


def test_the_tax_page_names_the_years_of_the_files_when_there_are_no_rules_for_them():
    old = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2016-01-10,paypal,earning,200.00,6.10,193.90,GBP,,Old client,Logo,P1\n"
        b"2016-05-10,paypal,earning,100.00,3.20,96.80,GBP,,Old client,Logo,P2\n"
    )
    at = upload(new_app(), ("old.csv", old, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    no_exception(at)
    # 10 Jan 2016 is in tax year 2015/16, 10 May 2016 in 2016/17
    assert any(
        "Your files have income in 2015/16 and 2016/17; GigLens has tax rules for 2024/25, "
        "2025/26 and 2026/27 only, so there is no tax estimate for the years of your files (a flat rate, "
        "under Tax profile, works for any year)." in i.value
        for i in at.info
    )


def test_the_mapping_form_can_leave_a_bank_accounts_spending_out():
    bank = b"When,What,Money\n2025-01-02,Invoice 7,1200.00\n2025-01-03,Rent,-850.00\n"
    at = upload(new_app(), ("bank.csv", bank, "text/csv"))
    key = [s.key for s in at.selectbox if s.label == "Date *"][0]
    prefix = key.rsplit(".", 1)[0]
    at.selectbox(key=f"{prefix}.date").set_value("When")
    at.selectbox(key=f"{prefix}.gross").set_value("Money")
    at.text_input(key=f"{prefix}.currency_code").set_value("EUR")
    at.radio(key=f"{prefix}.negatives").set_value("my own spending: leave it out")
    at.button(key=[b.key for b in at.button if b.label == "Import with this mapping"][0]).click()
    at.run()
    no_exception(at)
    row = report(at)["bank.csv"]
    assert (row["Imported"], row["Skipped"]) == (1, 1)
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "€1,200.00"  # not 1,200 - 850


def test_hourly_page_offers_the_trackers_own_unpaid_time():
    # The demo's Toggl export has 9.25 h of non-billable "Upwork proposals" that no income
    # pays, beside 711.25 h tracked for paid work: 9.25 / 711.25 = 1.3% -> 1% (711.25 h shown half up, 711.3).
    at = new_app()
    [b for b in at.button if b.label == "Try it with sample data"][0].click().run()
    at.switch_page("pages/4_Hourly_rates.py").run()
    no_exception(at)
    assert any("9.25 h of non-billable time" in i.value and "711.3" in i.value for i in at.info)
    (use,) = [b for b in at.button if b.label == "Use 1%"]
    use.click().run()
    no_exception(at)
    assert at.slider(key="giglens.w.unpaid_overhead").value == 1
    assert not any("non-billable" in i.value for i in at.info)  # said once, then used


TRANSFERS_ONLY = b"""date,platform,kind,gross,fee,net,currency,hours,client,description,reference
2025-01-20,toptal,transfer,-400.00,0,-400.00,USD,,,Card payout,W1
"""


def test_files_without_income_are_said_so_not_blamed_on_the_filters():
    at = upload(new_app(), ("payouts.csv", TRANSFERS_ONLY, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert any("Your imported files hold no income" in i.value for i in at.info)
    assert not any("No income matches the filters" in i.value for i in at.info)


def test_a_users_copy_of_a_sample_file_is_their_own_data():
    at = new_app()
    [b for b in at.button if b.label == "Try it with sample data"][0].click().run()
    upwork = (SAMPLE_DATA / "upwork_transactions.csv").read_bytes()
    upload(at, ("my_upwork.csv", upwork, "text/csv"))
    no_exception(at)
    assert list(report(at)) == ["my_upwork.csv"]  # the samples made way; the copy stayed


def test_the_uk_monthly_summary_says_its_tax_months_run_from_the_6th():
    at = upload(new_app(), ("uk.csv", UK_INCOME, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    assert any("UK tax months run from the 6th to the 5th" in c.value for c in at.caption)


def test_the_tax_page_lists_the_exchange_rates_it_used():
    # the UK user's dollar income is converted to pounds: the rates are there to check
    usd = UK_INCOME.replace(b",GBP,", b",USD,")
    at = upload(new_app(), ("uk_usd.csv", usd, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    no_exception(at)
    assert any(e.label.startswith("Exchange rates used (GBP per unit") for e in at.expander)
    rates = next(d.value for d in at.dataframe if "Lowest rate" in d.value.columns)
    assert list(rates["Currency"]) == ["USD"] * 3 and list(rates["Rows"]) == [1, 1, 1]
    assert rates["Lowest rate"].between(0.7, 0.8).all()  # about 0.75 pound per dollar in 2025


def test_the_monthly_summary_lists_the_exchange_rates_of_every_month_it_shows():
    """TEMPLATE's dollars (Jan-Mar 2025) beside a euro payment (a second currency to choose):
    shown in euros, each month's dollar rows were converted; the rates are there to check, one
    row per month: January 2 rows (10th, 20th), February 2 (5th, 15th), March 1 (3rd)."""
    euros = b"date,platform,kind,gross,fee,net,currency\n2025-03-20,etsy,earning,40,0,40,EUR\n"
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("eur.csv", euros, "text/csv"))
    at.selectbox(key="giglens.w.base_currency").set_value("EUR").run()
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    assert any(e.label.startswith("Exchange rates used (EUR per unit") for e in at.expander)
    rates = next(d.value for d in at.dataframe if "Lowest rate" in d.value.columns)
    assert list(rates["Month"]) == ["2025-01", "2025-02", "2025-03"]
    assert list(rates["Currency"]) == ["USD"] * 3 and list(rates["Rows"]) == [2, 2, 1]
    assert rates["Lowest rate"].between(0.9, 1.0).all()  # about 0.96 euro per dollar then


WEEKLY = (
    b'"Date","Contract","Hours","Amount","Payment type"\n'
    b'"2025-03-03","Site build (34848691)","10","250.00",""\n'
    b'"2025-03-10","Site build (34848691)","4","100.00",""\n'
)


def test_a_weekly_summary_alone_shows_the_upwork_fee_as_unknown_not_zero():
    """The Weekly Summary's 350.00 is before Upwork's fee and holds none: no 0% fee rate."""
    at = upload(new_app(), ("weekly.csv", WEEKLY, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    assert any(
        "Upwork: the fee is not in your files" in w.value and "weekly.csv" in w.value
        for w in at.warning
    )
    table = next(d.value for d in at.dataframe if "Your fee rate" in d.value.columns)
    row = table[table["Platform"] == "Upwork"].iloc[0]
    assert pd.isna(row["Your fee rate"]) and pd.isna(row["Fees"])
    assert row["Above the schedule"] == "—"
    assert row["Clients paid"] == 350.0  # 250 + 100
    got = metrics(at)  # Upwork is all there is, and its fee is unknown: no fee figures
    assert got["Fees paid"] == "—" and got["Effective fee rate"] == "—"
    assert got["Fees per hour worked"] == "—"
    # the Overview and the Monthly summary say it too, rather than fees of 0.00
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Fees paid"] == "—"
    for page in (
        "pages/1_Overview.py",
        "pages/4_Hourly_rates.py",
        "pages/6_Tax_reserve.py",
        "pages/7_Monthly_summary.py",
    ):
        at.switch_page(page).run()
        no_exception(at)
        assert any(
            "Upwork: the fee is not in your files (weekly.csv" in w.value for w in at.warning
        )
    # said once (a warning), not again among the notes under the table
    assert not any("the fee is not in your files" in c.value for c in at.caption)
    # the Monthly summary's fees are unknown, not 0.00: blank in the table and its total
    table = at.dataframe[0].value
    assert table["Fees"].isna().all()
    total = next(m.value for m in at.markdown if m.value.startswith("**Total of the"))
    assert "fees —" in total
    # beside another platform's known fees, those are shown, marked as not all of them
    other = b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
    other += b"2025-03-05,fiverr,earning,100.00,20.00,80.00,USD,,Cyan,Logo,F1\n"
    at.switch_page("app.py").run()
    upload(at, ("weekly.csv", WEEKLY, "text/csv"), ("fiverr.csv", other, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    fees = next(m for m in at.metric if m.label == "Fees paid")
    assert (fees.value, fees.delta) == ("$20.00", "some not in your files")


def test_a_year_without_income_points_to_a_year_that_can_be_chosen():
    """Income in 2024 and 2025, rules for 2025 and 2026: with 2026 chosen, the page says to
    choose 2025 (2024 is not in the list)."""
    older = TEMPLATE + b"2024-06-10,upwork,earning,100.00,0.00,100.00,USD,,Acme,Logo,U8\n"
    at = upload(new_app(), ("earnings.csv", older, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    info = " ".join(i.value for i in at.info)
    assert "Your files have income in 2024 and 2025: choose 2025 under Tax profile" in info


def test_a_file_that_cannot_be_read_is_not_kept_for_the_next_visit(on_this_computer, giglens_home):
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("scan.png", PNG, "image/png"))
    no_exception(at)
    said = " ".join(e.value for e in at.error)
    assert "looks like a PNG image" in said  # said in this visit
    later = new_app()
    assert imported_files(later) == ["earnings.csv"]
    assert not any("PNG image" in e.value for e in later.error)  # not again at the next visit


def test_the_import_report_says_how_many_transactions_the_rows_gave():
    """A Stripe charge and an instant payout whose 0.75 fee is its own row: 2 rows give 3
    transactions; with the Toggl report's 1 row, a time entry as well."""
    stripe = (
        b"id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        b"t1,charge,ch_1,100.00,3.20,96.80,usd,2025-01-05 10:00,2025-01-07 00:00,Logo\n"
        b"t2,payout,po_1,-50.00,0.75,-50.75,usd,2025-01-09 09:00,2025-01-09 09:00,Payout\n"
    )
    at = upload(new_app(), ("stripe.csv", stripe, "text/csv"), ("toggl.csv", TOGGL, "text/csv"))
    no_exception(at)
    said = " ".join(c.value for c in at.caption)
    assert "3 rows imported (giving 3 transactions and 1 time-tracker entries" in said
    assert "0 skipped on purpose, 0 rejected." in said  # no "reasons below" for nothing


def test_a_file_waiting_for_its_column_mapping_is_kept_for_the_next_visit(on_this_computer):
    at = upload(new_app(), ("odd.csv", UNKNOWN, "text/csv"))
    no_exception(at)
    assert any(s.label == "Date *" for s in new_app().selectbox)  # its mapping form is back


def test_last_years_tax_is_kept_per_country_and_a_short_file_is_pointed_out():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    # "today" is 1 Jul 2025 and the files end on 3 Mar: the projection stands on Jan-Mar
    info = " ".join(i.value for i in at.info)
    assert "Your files run to 3 Mar 2025: the projection stands on the 3 month(s)" in info
    at.number_input(key="giglens.w.prior_year_tax").set_value(4000.0).run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    no_exception(at)
    assert at.number_input(key="giglens.w.prior_year_tax").value is None  # not 4,000 euros
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    assert at.number_input(key="giglens.w.prior_year_tax").value == 4000.0


def test_last_years_tax_is_kept_per_tax_year():
    both = TEMPLATE + b"2026-01-15,upwork,earning,100.00,0.00,100.00,USD,,Acme,Logo,U7\n"
    at = upload(new_app(), ("earnings.csv", both, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.number_input(key="giglens.w.prior_year_tax").set_value(4000.0).run()  # 2024's, for 2025
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    assert at.number_input(key="giglens.w.prior_year_tax").value is None


def test_fees_unknown_for_every_platform_shown_draw_no_chart():
    weekly = WEEKLY + b'"2025-04-07","Site build (34848691)","2","50.00",""\n'  # March and April
    fees = upload(new_app(), ("weekly.csv", weekly, "text/csv"))
    fees.switch_page("pages/3_Fees.py").run()
    no_exception(fees)
    assert charts(fees) == 0  # no bars and no empty trend: Upwork's fee is not in the file
    assert any("No fee-rate trend" in c.value for c in fees.caption)


def test_tax_withheld_from_wages_can_be_entered_instead_of_assumed():
    """US 2025 single, wages 50,000, TEMPLATE's 1,430 over Jan-Mar -> profit 5,720 a year.
    SE: 5,720 x 0.9235 = 5,282.42; 12.4% + 2.9% of it = 655.02 + 153.19 = 808.21, half 404.11.
    AGI 55,720 - 404.11 = 55,315.89; less 15,750 = 39,565.89; QBI 20% x (5,720 - 404.11) =
    1,063.18; taxable 38,502.72: 1,192.50 + 12% x 26,577.72 = 4,381.83; total 5,190.04.
    Required: 90% = 4,671.04. With 2,000 entered as withheld: (4,671.04 - 2,000) / 4 = 667.76
    a quarter."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    situation(at, "w2_wages.US").set_value(50000.0).run()
    situation(at, "withholding.US").set_value(2000.0).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [667.76] * 4
    captions = " ".join(c.value for c in at.caption)
    assert "as you entered it, is $2,000.00" in captions
    assert "Minus tax withheld this year (as entered): $2,000" in captions


def test_business_expenses_entered_lower_the_projected_tax():
    """US 2025 single, TEMPLATE's 1,430 over Jan-Mar -> 5,720 a year; 1,720 of expenses leave
    4,000. SE: 4,000 x 0.9235 = 3,694; x 15.3% = 565.182 -> 565.18; AGI 4,000 - 282.59 is under
    the 15,750 standard deduction: no income tax. Projected tax 565.18 (808.21 without)."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    expenses = at.number_input(key="giglens.w.expenses.US.2025")
    assert expenses.label.startswith("Business expenses not in your files")
    expenses.set_value(1720.0).run()
    no_exception(at)
    assert metrics(at)["Projected tax"] == "$565.18"
    breakdown = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    lines = dict(zip(breakdown["Line"], breakdown["Amount"]))
    assert lines["Business expenses you entered"] == -1720.0
    assert lines["Profit after expenses"] == 4000.0
    # kept across pages: the Overview's tax figure is on the same profile
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert at.number_input(key="giglens.w.expenses.US.2025").value == 1720.0
    # a year's expenses are that year's: 2026 starts empty, and 2025's are kept
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert at.number_input(key="giglens.w.expenses.US.2026").value == 0.0
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert at.number_input(key="giglens.w.expenses.US.2025").value == 1720.0


def test_uk_payments_on_account_use_last_years_bill_from_the_files(monkeypatch):
    """UK 2025/26 in the files: £20,000 of profit. Income tax 20% x (20,000 - 12,570) =
    1,486.00, Class 4 6% x 7,430 = 445.80: the 2025/26 bill is 1,931.80, so each 2026/27
    payment on account (31 Jan and 31 Jul 2027) is half of it, 965.90 - not half of the
    2026/27 projection, which is all the schedule could assume before."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Project,G1\n"
        b"2026-05-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n"
    )
    at = tax_page(gbp, "UK", 2026)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    on_account = table[table["Payment"].str.contains("payment on account for 2026/27")]
    assert on_account["Amount"].round(2).tolist() == [965.90, 965.90]
    captions = " ".join(c.value for c in at.caption)
    assert "the 2025/26 bill your files show, £1,931.80" in captions
    # a bill entered by the user wins: 2,000 -> 1,000 each
    at.number_input(key="giglens.w.prior_year_tax").set_value(2000.0).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    on_account = table[table["Payment"].str.contains("payment on account for 2026/27")]
    assert on_account["Amount"].round(2).tolist() == [1000.0, 1000.0]
    assert "bill your files show" not in " ".join(c.value for c in at.caption)


def test_uk_2025_26_payments_on_account_use_the_2024_25_bill_from_the_files(monkeypatch):
    """Oliver's files hold 2024/25 (£30,000 of profit: income tax 20% x 17,430 = 3,486.00,
    Class 4 6% x 17,430 = 1,045.80, bill 4,531.80) and 2025/26: each 2025/26 payment on
    account (31 Jan and 31 Jul 2026) is half of the 2024/25 bill, 2,265.90."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2024-06-10,upwork,earning,30000.00,0.00,30000.00,GBP,,Acme,Project,G1\n"
        b"2025-06-10,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Project,G2\n"
    )
    at = tax_page(gbp, "UK", 2025)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    on_account = table[table["Payment"].str.contains("payment on account for 2025/26")]
    assert on_account["Amount"].round(2).tolist() == [2265.90, 2265.90]
    assert "the 2024/25 bill your files show, £4,531.80" in " ".join(c.value for c in at.caption)


def test_us_last_years_tax_from_the_files_is_offered_as_a_hint_for_the_safe_harbour(monkeypatch):
    """The files hold 2025's $60,000 of profit (single): the reference's example A, total tax
    $12,080.30. On 2026's page, with last year's tax not entered, the page says so (Mike and
    Jen had to type it); GigLens does not use it by itself (the return's tax is what counts)."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    usd = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,60000.00,0.00,60000.00,USD,,Acme,Project,U1\n"
        b"2026-05-10,upwork,earning,3000.00,0.00,3000.00,USD,,Acme,Project,U2\n"
    )
    at = tax_page(usd, "US", 2026)
    said = " ".join(c.value for c in at.caption)
    assert "Your files hold 2025: GigLens estimates its total tax at $12,080.30" in said
    at.number_input(key="giglens.w.prior_year_tax").set_value(12000.0).run()
    assert "GigLens estimates its total tax" not in " ".join(c.value for c in at.caption)
    # 2025 has no year before it with rules: nothing said
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert "GigLens estimates its total tax" not in " ".join(c.value for c in at.caption)


def test_us_last_years_balance_due_with_the_return_is_shown_beside_this_year(monkeypatch):
    """2026: $60,000 of profit, tax 12,037.20 (reference example B); last year's tax 9,500
    asks 2,375 a quarter, all paid (9,500): 12,037.20 - 9,500 = 2,537.20 is due with the
    return on Thu 15 Apr 2027, the day of 2027's first installment. Looking at 2027 on
    20 Jan 2027, the page and the Overview say so; after 15 April it is no longer to come."""
    monkeypatch.setenv("GIGLENS_TODAY", "2027-01-20")
    usd = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2026-03-10,upwork,earning,60000.00,0.00,60000.00,USD,,Acme,Project,A1\n"
        b"2027-01-10,upwork,earning,5000.00,0.00,5000.00,USD,,Acme,Project,A2\n"
    )
    at = tax_page(usd, "US", 2026)
    at.number_input(key="giglens.w.prior_year_tax").set_value(9500.0).run()
    at.number_input(key="giglens.w.paid").set_value(9500.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2027).run()
    no_exception(at)
    [also] = [i.value for i in at.info if "Also still to pay" in i.value]
    assert (
        "Also still to pay for 2026: the balance due with the return, $2,537.20 by Thu 15 Apr "
        "2027" in also
    )
    # 2027 on 2026's figures: 5,000 in January projects 60,000, tax 12,037.20; last year's
    # (2026's) tax from the files, 12,037.20, does not lower 90% of it: 10,833.48 / 4 =
    # 2,708.37; with 2026's balance, 2,537.20 + 2,708.37 = 5,245.57
    assert (
        "On Thu 15 Apr 2027 that comes to $5,245.57 with this year's Q1 estimated tax (Jan 1 – "
        "Mar 31 income) ($2,708.37)." in also
    )
    at.switch_page("pages/1_Overview.py").run()
    assert "the balance due with the return, $2,537.20 by Thu 15 Apr 2027" in " ".join(
        c.value for c in at.caption
    )
    # on 16 April, unpaid with 9,500 entered, it is overdue; paid in full, nothing is left
    monkeypatch.setenv("GIGLENS_TODAY", "2027-04-16")
    at.switch_page("pages/6_Tax_reserve.py").run()
    assert any(
        "the balance due with the return, $2,537.20 overdue since Thu 15 Apr 2027" in i.value
        for i in at.info
    )
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    at.number_input(key="giglens.w.paid").set_value(12037.20).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2027).run()
    assert not any("Also still to pay" in i.value for i in at.info)
    # only Q1 paid (2,375), seen on 10 Jan 2027: Q2 and Q3 are overdue and still owed, Q4 and
    # the balance to come: 2,375 x 3 + 2,537.20 = 9,662.20 = 12,037.20 - 2,375
    monkeypatch.setenv("GIGLENS_TODAY", "2027-01-10")
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    at.number_input(key="giglens.w.paid").set_value(2375.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2027).run()
    [also] = [i.value for i in at.info if "Also still to pay" in i.value]
    assert "$2,375.00 overdue since Mon 15 Jun 2026" in also
    assert "$2,375.00 overdue since Tue 15 Sep 2026" in also
    assert "$2,375.00 by Fri 15 Jan 2027" in also
    assert "the balance due with the return, $2,537.20 by Thu 15 Apr 2027" in also


def test_uk_last_years_balancing_payment_still_to_come_is_shown_beside_this_year(monkeypatch):
    """2025/26, a first year, £20,000 of profit: its bill 1,931.80 (20% x 7,430 + 6% x 7,430)
    is paid whole on 31 Jan 2027, the day 2026/27's first payment on account (965.90) falls
    due. Looking at 2026/27 on 29 Nov 2026, the page and the Overview say so; with 500.00 paid
    towards 2025/26, 1,431.80 is left; in February 2027 it is no longer to come."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Project,G1\n"
        b"2026-05-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n"
    )
    at = upload(new_app(), ("earnings.csv", gbp, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    # 2025/26 is taken as a first year (income from 10 Jun 2025, none before): its bill is
    # paid whole on 31 Jan 2027
    assert any("Also still to pay" in i.value for i in at.info)
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    # 2025/26 begins 6 Apr 2025, the files on 10 Jun 2025: its months before count nothing
    starts = "Your files start on 10 Jun 2025, inside 2025/26: the months before count no income"
    assert starts in " ".join(c.value for c in at.caption)
    # not a first year: 2025/26's payments on account (965.90 each, on the bill itself) left
    # no balance for 31 Jan 2027
    at.checkbox(key="giglens.w.first_year").uncheck().run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert not any("Also still to pay" in i.value for i in at.info)
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.checkbox(key="giglens.w.first_year").check().run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    assert starts not in " ".join(c.value for c in at.caption)  # 2026/27: files from before
    # the first-year box shows each year's own answer: 2026/27 not ticked, 2025/26 ticked
    assert at.checkbox(key="giglens.w.first_year").value is False
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert at.checkbox(key="giglens.w.first_year").value is True
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    [also] = [i.value for i in at.info if "Also still to pay" in i.value]
    assert "Also still to pay for 2025/26: the balancing payment, £1,931.80 by Sun 31 Jan 2027" in (
        also
    )
    # due the same day as this year's first payment on account: 1,931.80 + 965.90 = 2,897.70
    assert (
        "On Sun 31 Jan 2027 that comes to £2,897.70 with this year's 1st payment on account for "
        "2026/27 (£965.90)." in also
    )
    # £1,000 paid for 2026/27 covers its first payment on account: nothing of this year's to
    # add on 31 Jan 2027 (not "£0.00" nor the amount before the payment)
    at.number_input(key="giglens.w.paid").set_value(1000.0).run()
    [also] = [i.value for i in at.info if "Also still to pay" in i.value]
    assert "the balancing payment, £1,931.80 by Sun 31 Jan 2027" in also
    assert "that comes to" not in also
    at.number_input(key="giglens.w.paid").set_value(None).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    first = table[table["Payment"] == "1st payment on account for 2026/27"]
    assert first["Amount"].round(2).tolist() == [965.90]
    at.switch_page("pages/1_Overview.py").run()
    assert "the balancing payment, £1,931.80 by Sun 31 Jan 2027" in " ".join(
        c.value for c in at.caption
    )
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.number_input(key="giglens.w.paid").set_value(500.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert any("the balancing payment, £1,431.80 by" in i.value for i in at.info)
    assert any("that comes to £2,397.70 with" in i.value for i in at.info)  # 1,431.80 + 965.90
    # on 1 Feb 2027 the rest is overdue (500.00 entered as paid); paid in full, nothing is left
    monkeypatch.setenv("GIGLENS_TODAY", "2027-02-01")
    at.run()
    assert any(
        "the balancing payment, £1,431.80 overdue since Sun 31 Jan 2027" in i.value for i in at.info
    )
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.number_input(key="giglens.w.paid").set_value(1931.80).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert not any("Also still to pay" in i.value for i in at.info)


def test_uk_files_starting_last_tax_year_give_the_registration_date(monkeypatch):
    """Registration is due by 5 October after the first tax year whose gross trading income
    is over the £1,000 allowance. Looked at in 2026/27 on 29 Nov 2026: files from 10 Jun 2025
    with £3,000 in 2025/26: by 5 October 2026 (passed); files from 10 Mar 2026 with only £500
    in 2025/26, within the allowance, and £3,000 in 2026/27: by 5 October 2027; files from
    2024/25: nothing said."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    head = b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
    cases = (
        (
            b"2025-06-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G1\n"
            b"2026-06-10,upwork,earning,1000.00,0.00,1000.00,GBP,,Acme,Project,G2\n",
            "Your files start on 10 Jun 2025, and your gross trading income first goes over "
            "£1,000 in 2025/26: unless you already file a Self Assessment return, you had to "
            "register for Self Assessment by 5 October 2026 (passed",
        ),
        (
            b"2026-03-10,upwork,earning,500.00,0.00,500.00,GBP,,Acme,Project,G1\n"
            b"2026-06-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n",
            "Your files start on 10 Mar 2026, and your gross trading income first goes over "
            "£1,000 in 2026/27: unless you already file a Self Assessment return, you have to "
            "register for Self Assessment by 5 October 2027.",
        ),
        (
            # Sam: 61p of HITs in 2024/25, £889.84 in 2025/26 (both within the allowance),
            # £1,078.17 in 2026/27: registration by 5 October 2027
            b"2025-04-03,mturk,earning,0.61,0.00,0.61,GBP,,Requester,HIT,M1\n"
            b"2025-09-10,mturk,earning,889.84,0.00,889.84,GBP,,Requester,HITs,M2\n"
            b"2026-06-10,mturk,earning,1078.17,0.00,1078.17,GBP,,Requester,HITs,M3\n",
            "Your files start on 3 Apr 2025, and your gross trading income first goes over "
            "£1,000 in 2026/27: unless you already file a Self Assessment return, you have to "
            "register for Self Assessment by 5 October 2027.",
        ),
        (
            b"2024-06-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G1\n"
            b"2026-06-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n",
            None,
        ),
    )
    for rows, expected in cases:
        at = tax_page(head + rows, "UK", 2026)
        shown = " ".join(m.value for m in at.info)
        if expected is None:
            assert "register for Self Assessment by 5 October" not in shown
        else:
            assert expected in shown


def test_uk_last_years_bill_from_files_that_start_late_in_that_year_says_so(monkeypatch):
    """Files starting 10 Mar 2026 hold £500 of 2025/26 (6 Apr 2025 - 5 Apr 2026): under the
    £12,570 allowance, a £0 bill, so no payments on account for 2026/27 (right for someone who
    started then); the page says the files start inside that year, in case they lack months."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2026-03-10,upwork,earning,500.00,0.00,500.00,GBP,,Acme,Project,G1\n"
        b"2026-05-10,upwork,earning,2000.00,0.00,2000.00,GBP,,Acme,Project,G2\n"
    )
    at = tax_page(gbp, "UK", 2026)
    captions = " ".join(c.value for c in at.caption)
    assert "the 2025/26 bill your files show, £0.00" in captions
    assert "Your files start on 10 Mar 2026, inside 2025/26: if you earned before" in captions


def test_uk_last_years_bill_uses_the_expenses_entered_for_that_year(monkeypatch):
    """As in the test above it: 2025/26 profit 20,000, now with 3,000 of expenses entered for
    2025/26: 17,000 - 12,570 = 4,430 x 26% = 1,151.80 (at least the £1,000 below which there
    are none), each payment on account 575.90. The 2026/27 expenses (none entered) do not
    change it."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Project,G1\n"
        b"2026-05-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n"
    )
    at = upload(new_app(), ("earnings.csv", gbp, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.number_input(key="giglens.w.expenses.UK.2025").set_value(3000.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    on_account = table[table["Payment"].str.contains("payment on account for 2026/27")]
    assert on_account["Amount"].round(2).tolist() == [575.90, 575.90]
    assert "the 2025/26 bill your files show, £1,151.80" in " ".join(c.value for c in at.caption)
    assert "(with the wages and other income entered for 2025/26, else this year's)" in " ".join(
        c.value for c in at.caption
    )


def test_uk_last_years_bill_uses_the_miles_entered_for_that_year(monkeypatch):
    """2025/26 profit 20,000 with 12,000 business miles entered for 2025/26: 10,000 x 45p +
    2,000 x 25p = 5,000 deducted, 15,000 - 12,570 = 2,430 x (20% income tax + 6% Class 4) =
    631.80, under the £1,000 below which no payments on account are due: 2026/27's are 0.00.
    (Without the miles, 7,430 x 26% = 1,931.80 would ask 965.90 twice.)"""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Project,G1\n"
        b"2026-05-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n"
    )
    at = upload(new_app(), ("earnings.csv", gbp, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()

    def on_account() -> list[float]:
        table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
        rows = table[table["Payment"].str.contains("payment on account for 2026/27")]
        return rows["Amount"].round(2).tolist()

    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert on_account() == [965.90, 965.90]
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.number_input(key="giglens.w.business_miles.UK.2025").set_value(12000.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    assert on_account() == [0.0, 0.0]
    assert "the 2025/26 bill your files show, £631.80" in " ".join(c.value for c in at.caption)


def test_german_thresholds_say_last_years_turnover_ended_the_kleinunternehmer_status(monkeypatch):
    # 2025: 18,000 + 12,500 = 30,500 of gross turnover (fees do not lower it), above 25,000:
    # no Kleinunternehmer status in 2026 (§19(1) UStG), though 2026 has 4,000 so far
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    eur = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,paypal,earning,18000.00,500.00,17500.00,EUR,,Kunde A,Design,D1\n"
        b"2025-09-10,etsy,earning,12500.00,900.00,11600.00,EUR,,Shop,Prints,D2\n"
        b"2026-05-10,paypal,earning,4000.00,100.00,3900.00,EUR,,Kunde A,Design,D3\n"
    )
    at = tax_page(eur, "DE", 2026)
    notes = " ".join(m.value for m in at.markdown)
    assert "Last year's turnover in your files (€30,500.00) is above €25,000" in notes
    assert "you are not a Kleinunternehmer in 2026" in notes
    # German words for the assessment, not the US filing statuses
    status = at.selectbox(key="giglens.w.filing_status")
    assert status.label == "Assessment (Veranlagung)"
    assert status.format_func("single") == "Individual (Einzelveranlagung)"


def test_german_money_to_put_aside_starts_on_the_dates_after_the_income_began(monkeypatch):
    # a first year begun in August 2025: profit 13,036, tax 134.00 (test_tax_schedule), put
    # aside 67.00 by 10 Sep and 10 Dec, nothing by 10 Mar and 10 Jun, before any income
    monkeypatch.setenv("GIGLENS_TODAY", "2026-02-01")
    eur = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-08-05,paypal,earning,6000.00,0.00,6000.00,EUR,,Kunde A,Design,D1\n"
        b"2025-10-20,etsy,earning,7036.00,0.00,7036.00,EUR,,Shop,Prints,D2\n"
    )
    at = tax_page(eur, "DE", 2025)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [0.0, 0.0, 67.00, 67.00]


# A PayPal payment of 100.00 (fee 3.00) whose 97.00 is converted to 80.00 EUR
PAYPAL_CONVERTED_PAYMENT = textwrap.dedent(
    """\
    "Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID","Reference Txn ID"
    "3/5/2025","10:00:00","PST","Client","Express Checkout Payment","Completed","USD","100.00","-3.00","97.00","P1",""
    "3/5/2025","10:00:01","PST","","General Currency Conversion","Completed","USD","-97.00","0.00","-97.00","C1","P1"
    "3/5/2025","10:00:01","PST","","General Currency Conversion","Completed","EUR","80.00","0.00","80.00","C2","P1"
    """
).encode()


def test_a_schedule_exceeded_only_by_conversions_never_calls_them_part_of_less():
    """A PayPal payment of 100.00 with a 3.00 fee, below the schedule's 3.49% + 0.49 = 3.98,
    and its 97.00 converted to 80.00 EUR at a rate below the ECB's: above the schedule by the
    conversion's cost less 0.98, so the cost is more than the excess, never "of it"."""
    from analytics.currency import fx_rate

    data = PAYPAL_CONVERTED_PAYMENT
    usd_per_eur, _day = fx_rate("EUR", "USD", dt.date(2025, 3, 5))
    cost = round(97.00 - round(80.00 * usd_per_eur, 2), 2)
    above = round(3.00 + cost - 3.98, 2)
    at = upload(new_app(), ("Download.CSV", data, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    # the money landed in euros, so the pages start in euros; the schedule is in dollars
    assert at.selectbox(key="giglens.w.base_currency").value == "EUR"
    at.selectbox(key="giglens.w.base_currency").set_value("USD").run()
    no_exception(at)
    [warning] = [w.value for w in at.warning if "more than the published schedule" in w.value]
    assert f"you paid ${above:,.2f} more than the published schedule" in warning
    assert (
        f"All of it comes from currency conversions: those dated within the schedule cost ${cost:,.2f}"
        in warning
    )
    assert "of it was" not in warning
    assert "the fees on your payments themselves are within the schedule" in warning
    # the schedules are US accounts': a UK taxpayer is told so (the money landing in euros,
    # a flat rate is assumed until a country is chosen: told so too)
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    assert not any("schedules GigLens holds are those for US" in c.value for c in at.caption)
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    assert any("schedules GigLens holds are those for US accounts" in c.value for c in at.caption)


def test_fees_page_names_the_taxes_the_platforms_took():
    # VAT of 16% on Upwork's 100.00 fee = 16.00 and 5.00 of tax withheld: 21.00, never income
    vat = TEMPLATE + (
        b"2025-01-10,upwork,tax,-16.00,0.00,-16.00,USD,,,VAT (KE) - Service Fee,T1\n"
        b"2025-02-05,upwork,tax,-5.00,0.00,-5.00,USD,,,Withholding Tax,T2\n"
    )
    at = upload(new_app(), ("earnings.csv", vat, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    assert metrics(at)["Fees paid"] == "$150.00"  # the taxes are not fees
    took = [i.value for i in at.info if "Taxes the platforms took" in i.value]
    assert took and "Upwork $21.00" in took[0]
    assert "*Business expenses not in your files*" in took[0]  # where to deduct the VAT
    # the UK's input has its own name
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    took = [i.value for i in at.info if "Taxes the platforms took" in i.value]
    assert "*Allowable expenses not in your files*" in took[0]
    # a flat rate takes business expenses too: the GST an Indian freelancer cannot reclaim
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    took = [i.value for i in at.info if "Taxes the platforms took" in i.value]
    assert "*Business expenses not in your files*" in took[0]
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert "The platforms took $21.00 as tax in 2025" in captions


def test_tax_reserve_page_gives_the_taxes_taken_in_its_own_tax_year(monkeypatch):
    # UK tax years: 2025/26 ends 5 Apr 2026. VAT on Etsy's fees: 4.00 + 8.00 = 12.00 in
    # 2025/26 (the 3.00 of 6 Apr 2026 is 2026/27's), 3.00 + 5.00 = 8.00 in 2026/27 so far
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    rows = TEMPLATE + (
        b"2025-10-01,etsy,earning,900.00,0.00,900.00,GBP,,,Sale,S1\n"
        b"2025-10-02,etsy,tax,-4.00,0.00,-4.00,GBP,,,VAT: Listing fee,V1\n"
        b"2026-04-05,etsy,tax,-8.00,0.00,-8.00,GBP,,,VAT: Transaction fee,V2\n"
        b"2026-04-06,etsy,tax,-3.00,0.00,-3.00,GBP,,,VAT: Listing fee,V3\n"
        b"2026-06-01,etsy,earning,700.00,0.00,700.00,GBP,,,Sale,S2\n"
        b"2026-06-02,etsy,tax,-5.00,0.00,-5.00,GBP,,,VAT: Transaction fee,V4\n"
    )
    at = tax_page(rows, "UK", 2025)
    captions = " ".join(c.value for c in at.caption)
    assert "The platforms took £12.00 as tax in 2025/26 (the tax rows" in captions
    assert "*Allowable expenses not in your files*" in captions
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    captions = " ".join(c.value for c in at.caption)
    assert "The platforms took £8.00 as tax in 2026/27 so far" in captions


def test_conversion_is_always_stated_and_a_tax_without_rate_is_warned_on_every_tax_figure():
    # One EUR payment among USD ones (10 Mar 2025, a weekday with an ECB rate): the caption
    # says amounts were converted even though no weekend fallback was needed. 5,000 XOF has no
    # ECB rate: left out of the USD figures, and of the UK tax in GBP, which the Overview and
    # the Monthly summary say next to their tax figures.
    extra = TEMPLATE + (
        b"2025-03-10,paypal,earning,100.00,0.00,100.00,EUR,,Client E,Logo,E1\n"
        b"2025-03-11,other,earning,5000.00,0.00,5000.00,XOF,,Client X,Logo,X1\n"
    )
    at = upload(new_app(), ("earnings.csv", extra, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert any("converted to USD with the ECB reference rate" in c.value for c in at.caption)
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    assert any(w.value.startswith("The tax figure is in GBP.") for w in at.warning)
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    assert any(w.value.startswith("Tax to set aside is in GBP.") for w in at.warning)


def test_fees_page_lists_a_platform_that_only_charged_fees_in_the_period():
    # Etsy charged a 0.60 listing fee and sold nothing: its row is there (rate "—"), so the
    # table adds up to the headline: 100 + 50 (Upwork) + 0.60 = 150.60
    extra = TEMPLATE + b"2025-01-25,etsy,fee,0.00,0.60,-0.60,USD,,,Listing fee,F1\n"
    at = upload(new_app(), ("earnings.csv", extra, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    assert metrics(at)["Fees paid"] == "$150.60"
    [table] = [d.value for d in at.dataframe if "Your fee rate" in d.value.columns]
    fees = dict(zip(table["Platform"], table["Fees"], strict=True))
    assert fees["Etsy"] == pytest.approx(0.60) and sum(fees.values()) == pytest.approx(150.60)
    assert pd.isna(table.loc[table["Platform"] == "Etsy", "Your fee rate"].iloc[0])


def test_a_store_that_cannot_be_written_or_read_is_said_never_silent(
    on_this_computer, giglens_home
):
    import sqlite3

    # a kept-files store another version left with a file without its bytes, and a mapping
    # that is not JSON: read without crashing, and the user is told
    giglens_home.mkdir(parents=True)
    con = sqlite3.connect(giglens_home / "imported_files.sqlite3")
    con.execute("CREATE TABLE files (key TEXT PRIMARY KEY, name TEXT, data BLOB, sample INTEGER)")
    con.execute("INSERT INTO files VALUES ('k', 'old.csv', NULL, 0)")
    con.commit()
    con.close()
    con = sqlite3.connect(giglens_home / "mappings.sqlite3")
    con.execute("CREATE TABLE mappings (header_key TEXT PRIMARY KEY, columns TEXT, mapping TEXT)")
    con.execute("INSERT INTO mappings VALUES ('money|what|when', '[]', 'not json {')")
    con.commit()
    con.close()
    at = new_app().run()
    no_exception(at)
    assert any("1 kept file(s) hold no data" in w.value for w in at.warning)
    at = upload(at, ("bank.csv", UNKNOWN, "text/csv"))
    no_exception(at)
    assert any("does not know this layout" in m.value for m in at.markdown)  # asked again

    # a store that cannot be written (a file where its folder should be): uploads are read
    # for this visit and the user is told they are not kept
    (giglens_home / "imported_files.sqlite3").unlink()
    (giglens_home / "mappings.sqlite3").unlink()
    giglens_home.rmdir()
    giglens_home.write_text("not a folder")
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    no_exception(at)
    assert list(report(at)) == ["earnings.csv"]
    assert any("earnings.csv is imported for this visit only" in w.value for w in at.warning)
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.run()
    assert any(
        "Your choices (tax profile, currency) could not be kept" in w.value for w in at.warning
    )


def test_a_shared_server_says_a_refresh_forgets_the_files(monkeypatch):
    monkeypatch.setenv("GIGLENS_KEEP_FILES", "0")
    at = new_app().run()
    assert any("This server keeps no one's files" in c.value for c in at.caption)


def test_an_empty_export_offers_no_sample_data_button_that_would_do_nothing():
    header_only = TEMPLATE.splitlines(keepends=True)[0]
    at = upload(new_app(), ("empty.csv", header_only, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert any("hold no transactions yet" in i.value for i in at.info)
    assert not [b for b in at.button if b.label == "Try it with sample data"]


def test_the_tax_profile_is_kept_with_the_files_across_a_refresh(on_this_computer, giglens_home):
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.switch_page("pages/1_Overview.py").run()  # any run after the change saves it
    again = new_app().run()  # a refresh, a new tab or a restart: a new session
    no_exception(again)
    assert again.selectbox(key="giglens.w.jurisdiction").value == "UK"
    # with files not kept, nor are the choices; kept again, the session's choices are saved
    again.toggle[0].set_value(False).run()
    assert (
        new_app().run().selectbox(key="giglens.w.jurisdiction").value is None
    )  # not chosen: assumed
    again.toggle[0].set_value(True).run()
    assert new_app().run().selectbox(key="giglens.w.jurisdiction").value == "UK"
    # "Clear all imported data" forgets them with the files (wages are personal figures)
    again.button(key="giglens.clear.confirm").click().run()
    assert new_app().run().selectbox(key="giglens.w.jurisdiction").value is None


def test_monthly_summary_hours_paid_are_the_hourly_rates_pages_hours():
    # TEMPLATE: January's payments state 20 + 5 h, February's 10 h, March's none
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    [table] = [d.value for d in at.dataframe if "Hours paid" in d.value.columns]
    paid = dict(zip(table["Month"], table["Hours paid"], strict=True))
    assert paid["Jan 2025"] == 25.0 and paid["Feb 2025"] == 10.0 and pd.isna(paid["Mar 2025"])
    per_hour = dict(zip(table["Month"], table["Per hour"], strict=True))
    assert per_hour["Jan 2025"] == pytest.approx(950 / 25)  # (900 + 50) / 25 h = 38.00
    # the net those hours paid for, beside them (not among the streams' and platforms' nets)
    columns = list(table.columns)
    assert columns[columns.index("Hours paid") + 1] == "Net of those hours"
    assert dict(zip(table["Month"], table["Net of those hours"], strict=True))["Jan 2025"] == 950
    at.switch_page("pages/4_Hourly_rates.py").run()
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 1, 1), dt.date(2025, 1, 31)))
    at.run()
    assert metrics(at)["Hours"] == "25.0"  # the same hours for January


def test_without_income_the_tax_year_is_the_one_under_way(monkeypatch):
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    at = new_app().run()
    assert at.selectbox(key="giglens.w.tax_year").value == 2026
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    assert at.selectbox(key="giglens.w.tax_year").value == 2026  # 2026/27 began on 6 April
    monkeypatch.setenv("GIGLENS_TODAY", "2026-03-01")  # UK 2025/26 still under way
    at = new_app().run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    assert at.selectbox(key="giglens.w.tax_year").value == 2025


def _store_that_cannot_change(monkeypatch):
    from giglens_ui.imports import FileStore

    def fail(self, *args, **kwargs):
        self.problem = f"{self.path} (read-only file system)"
        return False

    monkeypatch.setattr(FileStore, "delete", fail)
    monkeypatch.setattr(FileStore, "set_remembering", fail)


def test_remove_and_clear_that_cannot_reach_the_kept_copies_say_so(on_this_computer, monkeypatch):
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    _store_that_cannot_change(monkeypatch)
    at.selectbox(key="giglens.remove.choice").set_value(
        next(o for o in at.selectbox(key="giglens.remove.choice").options if "earnings" in o)
    ).run()
    [b for b in at.button if b.label == "Remove" and "chosen" in b.key][0].click().run()
    at.run()
    assert any("earnings.csv" in w.value and "could not be deleted" in w.value for w in at.warning)
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.button(key="giglens.clear.confirm").click().run()
    assert any("kept copies of your files could not be deleted" in w.value for w in at.warning)
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.toggle[0].set_value(False).run()
    at.run()
    assert any("could not be saved" in w.value for w in at.warning)


@pytest.mark.parametrize("day, year", [("2026-04-05", 2025), ("2026-04-06", 2026)])
def test_without_income_the_uk_tax_year_begins_on_6_april(monkeypatch, day, year):
    monkeypatch.setenv("GIGLENS_TODAY", day)
    at = new_app().run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    assert at.selectbox(key="giglens.w.tax_year").value == year


def test_the_row_filters_are_not_kept_across_a_refresh(on_this_computer, giglens_home):
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.multiselect(key="giglens.w.platforms").set_value(["upwork"]).run()
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 1, 1), dt.date(2025, 1, 31)))
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.run()
    again = new_app().run()
    assert again.selectbox(key="giglens.w.jurisdiction").value == "UK"  # kept
    # the filters follow the data: every platform, every month of the files
    assert set(again.multiselect(key="giglens.w.platforms").value) == {"upwork", "mturk"}
    assert tuple(again.date_input(key="giglens.w.dates").value) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 3, 31),
    )


def checkbox_keys(at: AppTest) -> set[str]:
    return {c.key for c in at.checkbox}


def test_a_us_taxpayer_aged_65_gets_the_senior_deductions_on_the_tax_page():
    """US 2025, TEMPLATE's projected profit 5,720 with wages 50,000 (as in the withholding test
    above: AGI 55,315.89). Aged 65: standard 15,750 + 2,000, senior 6,000 (AGI under 75,000).
    The spouse's box is there only on a joint return, where both count: 2 x 1,600."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    situation(at, "w2_wages.US").set_value(50000.0).run()
    assert "giglens.w.spouse_age65.US" not in checkbox_keys(at)
    at.checkbox(key="giglens.w.age65.US").check().run()
    no_exception(at)
    breakdown = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    lines = dict(zip(breakdown["Line"], breakdown["Amount"]))
    assert lines["Additional standard deduction, aged 65 or older: 1 × $2,000"] == -2000.0
    assert lines["Senior deduction (2025–2028): 1 × $6,000"] == -6000.0
    # AGI 55,720 - 404.10513 = 55,315.89487; - 17,750 - 6,000 = 31,565.89487; less QBI
    # 20% x 5,315.89487 = 1,063.178974: 30,502.715896 -> 30,502.72
    assert lines["Taxable income"] == 30502.72
    # kept across pages, and the spouse's box appears on a joint return
    at.switch_page("pages/1_Overview.py").run()
    assert at.checkbox(key="giglens.w.age65.US").value is True
    at.selectbox(key="giglens.w.filing_status").set_value("married_joint").run()
    at.checkbox(key="giglens.w.spouse_age65.US").check().run()
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    breakdown = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    lines = dict(zip(breakdown["Line"], breakdown["Amount"]))
    assert lines["Additional standard deduction, aged 65 or older: 2 × $1,600"] == -3200.0
    assert lines["Senior deduction (2025–2028): 2 × $6,000"] == -12000.0
    # blind too (you): one more 1,600, and no more senior deduction (2 x 6,000 still)
    at.checkbox(key="giglens.w.blind.US").check().run()
    no_exception(at)
    breakdown = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    lines = dict(zip(breakdown["Line"], breakdown["Amount"]))
    label = "Additional standard deduction, 2 aged 65 or older, 1 blind: 3 × $1,600"
    assert lines[label] == -4800.0
    assert lines["Senior deduction (2025–2028): 2 × $6,000"] == -12000.0


EUR_2025 = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-03-10,upwork,earning,{a}.00,0.00,{a}.00,EUR,,Acme,Project,E1
    2025-09-10,upwork,earning,{b}.00,0.00,{b}.00,EUR,,Acme,Project,E2
    """
)


def test_german_church_tax_is_chosen_in_the_sidebar_and_added_to_the_tax(monkeypatch):
    """DE 2025 (over: today is 29 Nov 2026), profit 40,036, less the 36 Sonderausgaben-
    Pauschbetrag: zvE 40,000, income tax 7,320; 9% church tax 658.80; tax for the year
    7,978.80, 19.9% of the income (7,978.80 / 40,036 = 19.929%)."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    data = EUR_2025.format(a=15018, b=25018).encode()
    at = upload(new_app(), ("earnings.csv", data, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert metrics(at)["Tax for the year"] == "€7,320.00"
    church = at.selectbox(key="giglens.w.church_tax_rate.DE")
    assert church.value == 0.0 and church.label == "Church tax (Kirchensteuer)"
    church.set_value(0.09).run()
    no_exception(at)
    assert metrics(at)["Tax for the year"] == "€7,978.80"
    assert metrics(at)["Set aside"] == "19.9%"
    breakdown = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    assert (
        dict(zip(breakdown["Line"], breakdown["Amount"]))[
            "Church tax (Kirchensteuer) 9% of income tax"
        ]
        == 658.80
    )
    # a US profile asks nothing about church tax
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    assert not any(s.key == "giglens.w.church_tax_rate.DE" for s in at.selectbox)


def test_a_german_employees_small_side_income_needs_no_reserve(monkeypatch):
    """DE 2025, wages 40,000 and 100 + 200 = 300 of gig profit: under €410 beside wages, the
    Härteausgleich leaves it untaxed: nothing to set aside."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    data = EUR_2025.format(a=100, b=200).encode()
    at = upload(new_app(), ("earnings.csv", data, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    situation(at, "w2_wages.DE").set_value(40000.0).run()
    no_exception(at)
    assert metrics(at)["Tax your gig income adds"] == "€0.00"
    assert metrics(at)["Set aside"] == "0.0%"
    captions = " ".join(c.value for c in at.caption)
    assert "income besides them of up to €410 a year is not taxed" in captions


def test_tax_already_paid_lowers_what_the_reserve_holds_and_marks_payments_paid():
    """US 2025, TEMPLATE with wages 50,000 (as in the withholding test): installments
    4,671.04 - 3,871.50 = 799.54 = 79,954 cents / 4 = 19,988 rest 2: 199.89, 199.89, 199.88,
    199.88. 500 paid covers Q1 and Q2 (399.78) and 100.22 of Q3, which has 99.66 left and is
    next. The reserve by now, 1,318.54 x 1,430 /
    5,720 = 329.635 -> 329.64 (half up), is covered; 100 paid leaves 229.64 for the reserve
    to hold. Kept per year."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    situation(at, "w2_wages.US").set_value(50000.0).run()
    paid = at.number_input(key="giglens.w.paid")
    assert paid.label.startswith("Estimated tax already paid for 2025 (USD")
    paid.set_value(500.0).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Left to pay"].round(2).tolist() == [0.0, 0.0, 99.66, 199.88]
    assert table["Status"].tolist() == ["paid", "paid", "part paid, next", ""]
    message = at.success[0].value
    assert "By now your reserve should be **$329.64**" in message
    # the year leaves 5,190.04 - 3,871.50 withheld = 1,318.54 to pay: 818.54 still to pay
    assert (
        "The $500.00 you have paid for 2025 covers that for now: keep putting the rate aside "
        "from new payments, for the $818.54 still to pay." in message
    )
    # paid beyond the year's tax (1,318.54 the profit adds): nothing more to put aside, and
    # every installment paid
    at.number_input(key="giglens.w.paid").set_value(1400.0).run()
    assert at.success[0].value.startswith(
        "You have paid **$1,400.00** for 2025, at least the $1,318.54 of federal tax the year "
        "leaves to pay"
    )
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Status"].tolist() == ["paid"] * 4
    at.number_input(key="giglens.w.paid").set_value(100.0).run()
    message = at.success[0].value
    assert "You have paid $100.00 for 2025 already, so the reserve itself needs **$229.64**" in (
        message
    )
    # ...but on 1 Jul 100 paid leaves Q1's 99.89 and Q2's 199.89 overdue: 299.78 owed now,
    # more than the 229.64, is what the reserve holds (a mutation audit's case)
    assert (
        "Keep at least **$299.78** for the overdue Q1 estimated tax (Jan 1 – Mar 31 income) and "
        "Q2 estimated tax (Apr 1 – May 31 income) ($299.78): a payment overdue is owed now."
    ) in message
    # said in words too, not only in the table's Status column (Q1's day, 15 Apr 2025, was a
    # Tuesday; Q2's 15 June a Sunday, so Monday the 16th)
    overdue = (
        "Overdue for 2025: the Q1 estimated tax (Jan 1 – Mar 31 income), $99.89 left of it since "
        "Tue 15 Apr 2025; the Q2 estimated tax (Apr 1 – May 31 income), $199.89 left of it since "
        "Mon 16 Jun 2025."
    )
    assert [w.value for w in at.warning if w.value.startswith(overdue)]
    assert [w.value for w in at.warning if w.value.endswith("enter the payment under When to pay.")]
    at.switch_page("pages/1_Overview.py").run()
    assert [w.value for w in at.warning if w.value.startswith(overdue)]
    assert [w.value for w in at.warning if w.value.endswith("When to pay on the Tax reserve page.")]
    assert metrics(at)["Tax to set aside, 2025"] == "$299.78"
    captions = " ".join(c.value for c in at.caption)
    assert "You have paid $100.00 for 2025 already, so the reserve itself needs $229.64." in (
        captions
    )
    at.switch_page("pages/6_Tax_reserve.py").run()
    # 100 paid covers part of Q1 (Apr 15): on 1 July, Q1 and Q2 have passed with money left
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Left to pay"].round(2).tolist() == [99.89, 199.89, 199.88, 199.88]
    assert table["Status"].tolist() == ["part paid, rest overdue", "overdue", "next", ""]
    # kept per tax year: 2026 (no income, so the page stops early) has nothing paid, and
    # 2025's amount is still there on coming back
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert "giglens.f.paid.US.2026" not in at.session_state
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert at.number_input(key="giglens.w.paid").value == 100.0


def test_a_scottish_taxpayer_is_taxed_on_scotlands_bands():
    """UK_INCOME: £3,000 over Apr-Jun 2025 (3 months) -> 12,000 projected, under the allowance:
    only with more income does the band matter. Wages 20,000: total income 32,000, taxable
    19,430. England: 20% -> 3,886.00. Scotland 2025/26: 2,827 x 19% = 537.13 + 12,094 x 20% =
    2,418.80 + 4,509 x 21% = 946.89 -> 3,902.82. On wages alone (20,000, taxable 7,430):
    England 1,486.00; Scotland 537.13 + 4,603 x 20% = 920.60 -> 1,457.73. The gig profit adds
    (3,886.00 - 1,486.00) = 2,400.00 + Class 4 6% x (12,000 - 12,570 -> 0) = 2,400.00 in
    England, (3,902.82 - 1,457.73) = 2,445.09 in Scotland."""
    at = upload(new_app(), ("earnings.csv", UK_INCOME, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    situation(at, "w2_wages.UK").set_value(20000.0).run()
    assert metrics(at)["Tax your gig income adds"] == "£2,400.00"
    at.checkbox(key="giglens.w.scottish.UK").check().run()
    no_exception(at)
    assert metrics(at)["Tax your gig income adds"] == "£2,445.09"
    breakdown = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    assert (
        dict(zip(breakdown["Line"], breakdown["Amount"]))[
            "Scottish income tax 21% on taxable income £14,921–£31,092"
        ]
        == 946.89
    )


def test_csv_downloads_start_in_the_style_of_the_tax_country_and_keep_the_choice():
    """A German tax profile's CSV files start with semicolons and decimal commas (German
    Excel); a US one's with commas; a choice made is kept across pages."""
    us = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    us.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(us)
    assert us.radio(key="giglens.w.csv_style").value == "comma"

    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    # the first app's choice is kept on this computer: forget it, as on a first visit
    if "giglens.f.csv_style" in at.session_state:
        del at.session_state["giglens.f.csv_style"]
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    assert at.radio(key="giglens.w.csv_style").value == "semicolon"
    at.radio(key="giglens.w.csv_style").set_value("comma").run()
    at.switch_page("pages/1_Overview.py").run()
    at.switch_page("pages/7_Monthly_summary.py").run()
    assert at.radio(key="giglens.w.csv_style").value == "comma"


def test_business_miles_are_entered_per_tax_year_and_deducted():
    """US 2025, TEMPLATE's projected profit 5,720; 2,000 miles x 70 cents = 1,400 leaves 4,320.
    SE: 4,320 x 0.9235 = 3,989.52 x 15.3% = 610.40 (12.4% 494.70 + 2.9% 115.70); AGI under the
    standard deduction: no income tax. Projected tax 610.40."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    miles = at.number_input(key="giglens.w.business_miles.US.2025")
    assert miles.label == "Business miles driven"
    miles.set_value(2000.0).run()
    no_exception(at)
    assert metrics(at)["Projected tax"] == "$610.40"
    breakdown = next(d.value for d in at.dataframe if "Line" in d.value.columns)
    lines = dict(zip(breakdown["Line"], breakdown["Amount"]))
    assert lines["Mileage: 2,000 miles × 70¢"] == -1400.0
    # 2026 starts with none; Germany asks for kilometres
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert at.number_input(key="giglens.w.business_miles.US.2026").value == 0.0
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    assert at.number_input(key="giglens.w.business_miles.DE.2026").label.startswith(
        "Business kilometres driven"
    )


def test_paying_the_gig_part_is_not_paying_the_tax_on_other_income():
    """US 2025, TEMPLATE's projected 5,720 and 20,000 of rent, no wages. SE 808.21 (half
    404.10513); AGI 25,315.89487; TI before QBI 9,565.89487; QBI 20% x 5,315.89487 =
    1,063.18 (under 20% x 9,565.89); taxable 8,502.72 x 10% = 850.27; total 1,658.48, all of
    it to pay (nothing withheld). 1,400 paid covers the reserve needed by now but leaves
    1,658.48 - 1,400 = 258.48: no "nothing more to put aside"."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    situation(at, "other_income.US").set_value(20000.0).run()
    at.number_input(key="giglens.w.paid").set_value(1400.0).run()
    no_exception(at)
    message = at.success[0].value
    assert "nothing more to put aside" not in message
    assert "covers that for now: keep putting the rate aside from new payments, for the " in (
        message
    )
    assert "$258.48 still to pay" in message
    at.number_input(key="giglens.w.paid").set_value(1700.0).run()
    assert at.success[0].value.startswith(
        "You have paid **$1,700.00** for 2025, at least the $1,658.48 of federal tax"
    )
    # the Monthly summary quotes the reserve with what is paid of it
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    total = next(m.value for m in at.markdown if m.value.startswith("**Total of the"))
    # the reserve by now: (1,658.48 - 425.00 of the rent's tax) x 1,430 / 5,720 = 308.37, all
    # of it paid; the "paid more than these payments" caption is the UK's only
    assert "$308.37; with the $1,700.00 you have paid, $0.00 left to hold, as on the" in total
    at.switch_page("pages/6_Tax_reserve.py").run()
    assert not any("more than these payments ask" in c.value for c in at.caption)


def test_tax_paid_for_a_year_that_is_over_is_said_on_every_page(monkeypatch):
    """US 2025 seen in November 2026 (the year is over, so its income is not projected):
    TEMPLATE's 2025 net income is 1,430. The Tax reserve page and the Monthly summary both say
    what the 50.00 already paid leaves the reserve to hold."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.number_input(key="giglens.w.paid").set_value(50.0).run()
    no_exception(at)
    message = at.success[0].value
    assert message.startswith("The year's tax comes to")
    # 1,430 net: SE 1,430 x 0.9235 = 1,320.605 x 15.3% = 202.05 (no income tax under the
    # standard deduction), so the reserve is 202.05 and 50 paid leaves 152.05
    assert "your reserve for it should be **$202.05**" in message
    assert "You have paid $50.00 for 2025 already, so the reserve itself needs **$152.05**" in (
        message
    )
    # beside wages, the rate is of the tax the gig income adds, and says so
    situation(at, "w2_wages.US").set_value(50000.0).run()
    assert at.success[0].value.startswith("The tax your gig income adds comes to")
    situation(at, "w2_wages.US").set_value(0.0).run()
    at.switch_page("pages/7_Monthly_summary.py").run()
    total = next(m.value for m in at.markdown if m.value.startswith("**Total of the"))
    assert "$202.05; with the $50.00 you have paid, $152.05 left to hold" in total


def test_the_csv_style_follows_a_german_profile_chosen_after_a_first_visit():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/7_Monthly_summary.py").run()
    assert at.radio(key="giglens.w.csv_style").value == "comma"
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    assert at.radio(key="giglens.w.csv_style").value == "semicolon"


def test_the_csv_style_is_semicolons_for_a_flat_rate_in_euros():
    """A Spanish freelancer: a flat rate on income in euros, whose spreadsheet writes 1234,50."""
    euros = TEMPLATE.replace(b",USD,", b",EUR,")
    at = upload(new_app(), ("earnings.csv", euros, "text/csv"))
    at.switch_page("pages/7_Monthly_summary.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    assert at.radio(key="giglens.w.csv_style").value == "semicolon"
    dollars = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    dollars.switch_page("pages/7_Monthly_summary.py").run()
    dollars.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    assert dollars.radio(key="giglens.w.csv_style").value == "comma"


def test_hours_are_rounded_half_up_as_a_person_would():
    from giglens_ui.page import _half_up

    assert [_half_up(v, 1) for v in (47.25, 8.75, 0.05, -0.05, 2.04)] == [
        47.3,
        8.8,
        0.1,
        -0.1,
        2.0,
    ]


def test_the_workbook_gets_the_tax_pages_figures_and_breakdown():
    """US 2025 single: 1,430 so far over 3 months -> 5,720 a year; its tax 808.21 (SE 15.3%
    of 5,720 x 0.9235; no income tax under the standard deduction): 14.13% of each payment,
    808.21 x 1,430 / 5,720 = 202.0525 -> 202.05 by now; 150 paid leaves 52.05 to hold."""
    import io

    import openpyxl

    from analytics.export import to_xlsx_bytes
    from analytics.tax import TaxProfile, estimate_tax
    from giglens_ui.tax import Projection, tax_sheet

    est = estimate_tax(5720, jurisdiction="US", year=2025)
    proj = Projection(1430.0, 3, 5720.0, 808.21, est, "USD")
    sheet = tax_sheet(proj, TaxProfile(jurisdiction="US", year=2025), paid=150.0)
    figures = dict(zip(sheet["line"], sheet["amount"]))
    assert figures["Projected income for the year"] == 5720.0
    assert figures["Projected tax"] == 808.21  # no wages: the whole tax
    assert figures["Reserve needed by now"] == 202.05
    assert figures["Reserve still to hold"] == 52.05
    assert figures["Total estimated tax"] == 808.21
    assert "set aside 14.1% of every payment" in sheet.attrs["notes"][0]
    # converted income (1,430.0104 from a EUR payment's rate) is written to the cent
    dusty = Projection(1430.0104, 3, 5720.0416, 808.21, est, "USD")
    figures = dict(zip(*tax_sheet(dusty, TaxProfile("US", 2025))[["line", "amount"]].T.values))
    assert figures["Net income so far"] == 1430.01
    assert figures["Projected income for the year"] == 5720.04
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Tax estimate": sheet})))
    ws = book["Tax estimate"]
    assert [c.value for c in ws[1]] == ["part", "line", "amount", "currency"]
    assert ws["C5"].value == 202.05 and "USD" in ws["C5"].number_format
    notes = " ".join(str(c.value) for c in book["Notes"]["B"] if c.value)
    assert "Estimate, not tax advice" in notes


def test_the_workbooks_tax_sheet_gives_the_withholding_lines_the_page_gives():
    """US 2025 married filing jointly, a spouse's wages of 60,000 and 5,720 of profit.
    Wages alone: TI 60,000 - 31,500 = 28,500 -> 10% x 23,850 + 12% x 4,650 = 2,943.00.
    With the profit: SE 808.21 (5,720 x 0.9235 x 15.3%); AGI 60,000 + 5,720 - 404.105 =
    65,315.895; QBI 20% x 5,315.895 = 1,063.179; TI 32,752.716 -> 2,385 + 12% x 8,902.716 =
    3,453.33; the profit adds 3,453.33 + 808.21 - 2,943.00 = 1,318.54. The employer withheld
    3,500.00, 557.00 beyond the wages' tax: 1,318.54 - 557.00 = 761.54 to set aside."""
    from analytics.tax import TaxProfile, estimate_tax
    from giglens_ui.tax import Projection, tax_sheet

    profile = TaxProfile(
        "US", 2025, filing_status="married_joint", spouse_wages=60000.0, withholding=3500.0
    )
    est = estimate_tax(
        5720, jurisdiction="US", year=2025, filing_status="married_joint", spouse_wages=60000.0
    )
    proj = Projection(1430.0, 3, 5720.0, 761.54, est, "USD")
    sheet = tax_sheet(proj, profile)
    assert sheet.loc[sheet["part"] == "Tax reserve", "line"].tolist() == [
        "Net income so far",
        "Projected income for the year",
        "Gig tax after withholding",
        "Tax your gig income adds",
        "Tax withheld from your spouse's wages, as entered",
        "Tax on your spouse's wages alone",
        "Reserve needed by now",
    ]
    figures = dict(zip(sheet["line"], sheet["amount"]))
    assert figures["Gig tax after withholding"] == 761.54
    assert figures["Tax your gig income adds"] == 1318.54
    assert figures["Tax withheld from your spouse's wages, as entered"] == 3500.00
    assert figures["Tax on your spouse's wages alone"] == 2943.00
    # 761.54 x 1,430 / 5,720 = 190.385 -> 190.39
    assert figures["Reserve needed by now"] == 190.39
    assert any(
        "$557.00 more than the tariff's tax on them alone" in n for n in sheet.attrs["notes"]
    )
    # no withholding entered: none of those lines
    plain = tax_sheet(proj, TaxProfile("US", 2025, filing_status="married_joint"))
    assert not plain["line"].str.contains("withheld|alone").any()


def test_tax_already_paid_is_kept_per_tax_year(monkeypatch):
    """2025 and 2026 both have income: 100 paid for 2025 is not 2026's, and is there again on
    coming back to 2025."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-07-01")
    data = TEMPLATE + b"2026-02-10,upwork,earning,2000.00,0.00,2000.00,USD,,Acme,Project,U9\n"
    at = upload(new_app(), ("earnings.csv", data, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.number_input(key="giglens.w.paid").set_value(100.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    assert at.number_input(key="giglens.w.paid").value is None
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert at.number_input(key="giglens.w.paid").value == 100.0


def test_hour_totals_round_half_up_like_a_person():
    """1.25 h + 2.00 h = 3.25 h: "3.3" (Python's format rounds the float 3.25 to even, 3.2),
    in the Monthly summary's total and the Hourly rates metric."""
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-03,fiverr,earning,50.00,10.00,40.00,USD,1.25,Acme,Logo,H1\n"
        b"2025-03-10,fiverr,earning,80.00,16.00,64.00,USD,2,Acme,Icon,H2\n"
    )
    at = upload(new_app(), ("hours.csv", data, "text/csv"))
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    total = next(m.value for m in at.markdown if m.value.startswith("**Total of the"))
    assert "3.3 hours paid" in total
    at.switch_page("pages/4_Hourly_rates.py").run()
    assert metrics(at)["Hours"] == "3.3"


def test_tracked_hours_of_a_platform_filtered_out_say_so_on_both_pages():
    """Toggl's 2 h for Acme match Upwork's income; with Upwork filtered out they match none,
    and the Hourly rates and Monthly summary notes both say the income may only be hidden."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("toggl.csv", TOGGL, "text/csv"))
    at.multiselect(key="giglens.w.platforms").unselect("upwork").run()
    for page in ("pages/4_Hourly_rates.py", "pages/7_Monthly_summary.py"):
        at.switch_page(page).run()
        no_exception(at)
        notes = [c.value for c in at.caption if "match no income" in c.value]
        assert notes, page
        assert all(n.endswith("(their income may be filtered out in the sidebar)") for n in notes)


def test_a_finished_years_tax_on_the_overview_says_where_the_files_stop(monkeypatch):
    """Seen in November 2026, tax year 2025 is over and TEMPLATE stops on 3 Mar 2025: its tax
    is on three months only, and the Overview's card says the files end there."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    (card,) = [m for m in at.metric if m.label == "Tax to set aside, 2025"]
    assert card.delta == "your files end 3 Mar 2025"


def test_a_german_account_above_the_us_schedule_is_told_to_look_not_warned():
    """The same PayPal payment and conversion for a taxpayer in Germany: the only schedule
    GigLens holds is the US one, so the excess is a note to look at (with "your country's may
    differ"), not a warning of an overcharge."""
    data = PAYPAL_CONVERTED_PAYMENT
    at = upload(new_app(), ("Download.CSV", data, "text/csv"))
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    assert not [w for w in at.warning if "more than the published schedule" in w.value]
    [note] = [i.value for i in at.info if "more than the published schedule" in i.value]
    assert "; your country’s may differ)." in note
    assert any("those for US accounts" in c.value for c in at.caption)


def test_a_platform_above_its_schedule_only_by_conversions_says_so_in_the_table():
    """The demo's PayPal fees on its 2025 payments are the published 3.49% + fixed fee (a
    reviewer's hand check: 3.70% of those payments, as the schedule gives); all that is above
    is what currency conversions cost. The table says "conversions only", as the note below
    it does."""
    at = new_app()
    [b for b in at.button if b.label == "Try it with sample data"][0].click().run()
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Above the schedule" in d.value.columns)
    column = dict(zip(table["Platform"], table["Above the schedule"], strict=True))
    assert column["PayPal"] == "conversions only"
    # the generator charges MTurk's and Upwork's published fees exactly: within, "no"
    assert column["Amazon MTurk"] == "no" and column["Upwork"] == "no"
    assert any(
        w.value.startswith("PayPal: you paid")
        and "the fees on your payments themselves are within the schedule" in w.value
        for w in at.warning
    )


def test_the_fees_page_says_what_the_fees_were_for():
    """The demo's Upwork fees by type: Connects bought five times, 40 + 40 + 80 + 40 + 80 =
    280 at 0.15 = 42.00; Freelancer Plus at 19.99 a month from March to November 2025, nine
    months = 179.91 (sample_data/generate.py). Each platform's types add up to its fees in
    the table above, and the Total row to all of them."""
    at = new_app()
    [b for b in at.button if b.label == "Try it with sample data"][0].click().run()
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    assert any(h.value == "What the fees were for" for h in at.subheader)
    fees = next(d.value for d in at.dataframe if "Above the schedule" in d.value.columns)
    kinds = next(d.value for d in at.dataframe if "Connects" in d.value.columns)
    by_platform = kinds.set_index("Platform")
    assert round(by_platform.at["Upwork", "Connects"], 2) == 42.00
    assert round(by_platform.at["Upwork", "Memberships and subscriptions"], 2) == 179.91
    paid = fees.set_index("Platform")["Fees"]
    for platform in by_platform.index.drop("Total"):
        assert by_platform.at[platform, "All fees"] == pytest.approx(paid[platform], abs=1e-6)
    assert by_platform.at["Total", "All fees"] == pytest.approx(paid.sum(), abs=1e-6)


def test_the_workbook_gets_the_tax_payments_with_what_is_paid_and_left():
    """US 2025, profit 5,720 and 20,000 of rent (as worked out in
    test_tax_on_other_income_is_in_the_installments_not_taken_as_withheld: tax 1,658.48,
    installments 90% x 1,658.48 = 1,492.63: 373.16 three times and 373.15). 500.00 paid covers
    the first
    (373.16) and 126.84 of the second, which leaves 246.32; due 15 Apr, 16 Jun (15 Jun is a
    Sunday), 15 Sep 2025 and 15 Jan 2026."""
    import io

    import openpyxl

    from analytics.export import to_xlsx_bytes
    from analytics.tax import TaxProfile, payment_schedule, set_against_payments
    from giglens_ui.tax import payment_statuses, payments_sheet

    profile = TaxProfile("US", 2025, other_income=20000.0)
    schedule = payment_schedule(profile, 2025, profit=5720.0)
    schedule = set_against_payments(schedule, 500.0)
    schedule["status"] = payment_statuses(schedule, pd.Timestamp(2025, 5, 1), 500.0)
    sheet = payments_sheet(schedule, "USD")
    # the four installments, then the 1,658.48 - 1,492.63 = 165.85 left for the return
    assert sheet["amount"].tolist() == [373.16, 373.16, 373.16, 373.15, 165.85]
    assert sheet["amount_paid"].tolist() == [373.16, 126.84, 0.0, 0.0, 0.0]
    assert sheet["amount_left"].tolist() == [0.0, 246.32, 373.16, 373.15, 165.85]
    assert sheet["status"].tolist() == ["paid", "part paid, next", "", "", "with the return"]
    # after 15 April 2026, the balance with the return is overdue while something is left
    late = payments_sheet(schedule, "USD", today=pd.Timestamp(2026, 4, 16))
    assert late["status"].tolist()[-1] == "overdue"
    # with nothing entered as paid, whether it was paid is not known
    unpaid = set_against_payments(payment_schedule(profile, 2025, profit=5720.0), 0.0)
    unpaid["status"] = payment_statuses(unpaid, pd.Timestamp(2026, 4, 16), 0.0)
    said = payments_sheet(unpaid, "USD", today=pd.Timestamp(2026, 4, 16))["status"].tolist()
    assert said[-1] == "passed, no payment entered"
    on_the_day = payments_sheet(schedule, "USD", today=pd.Timestamp(2026, 4, 15))
    assert on_the_day["status"].tolist()[-1] == "with the return"
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Tax payments": sheet})))
    ws = book["Tax payments"]
    assert [c.value for c in ws[1]][:6] == [
        "due_date",
        "payment",
        "amount",
        "amount_paid",
        "amount_left",
        "status",
    ]
    assert [ws.cell(r, 1).value.date() for r in range(2, 6)] == [
        dt.date(2025, 4, 15),
        dt.date(2025, 6, 16),
        dt.date(2025, 9, 15),
        dt.date(2026, 1, 15),
    ]
    assert ws["C2"].value == 373.16 and "USD" in ws["C2"].number_format


def test_a_blindness_box_ticked_keeps_the_situation_section_open():
    """The section opens by itself when something in it is filled in, a blindness box too,
    so the box that lowers the tax is never hidden."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()

    def situation_open() -> bool:
        (section,) = [e for e in at.expander if e.label == "More about your situation"]
        return section.proto.expanded

    assert not situation_open()
    at.checkbox(key="giglens.w.blind.US").check().run()
    at.switch_page("pages/1_Overview.py").run()
    assert situation_open()


def test_an_optional_amount_emptied_is_not_given_again_not_zero():
    """Last year's tax typed and then deleted is "not given" (the safe harbour from this
    year's estimate alone), not 0 (which would mean no tax last year: no payments needed)."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    situation(at, "other_income.US").set_value(20000.0).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    given = table["Amount"].round(2).tolist()
    assert given == [373.16, 373.16, 373.16, 373.15]  # 90% of 1,658.48 in four (above)
    prior = at.number_input(key="giglens.w.prior_year_tax")
    prior.set_value(4000.0).run()
    at.number_input(key="giglens.w.prior_year_tax").set_value(None).run()
    no_exception(at)
    assert at.number_input(key="giglens.w.prior_year_tax").value is None
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == given


def test_clearing_everything_forgets_the_tax_settings_it_promises_to(on_this_computer):
    """With the files kept on this computer, "Clear all imported data" says it also forgets
    the settings kept: the flat rate and its expenses do not come back with the next files."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.expenses.flat.USD.2025").set_value(500.0).run()
    at.switch_page("app.py").run()
    assert any("settings (tax profile) kept" in m.value for m in at.markdown)
    at.button(key="giglens.clear.confirm").click().run()
    upload(at, ("earnings.csv", TEMPLATE, "text/csv"))
    no_exception(at)
    assert at.selectbox(key="giglens.w.jurisdiction").value is None  # not chosen again


def test_a_flat_rates_tax_paid_is_kept_in_its_own_currency():
    """A flat rate works in the currency the pages show: 2,000 dollars paid are no 2,000
    euros when the pages switch to euros (nothing is entered in euros yet), and are back in
    dollars."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.paid").set_value(2000.0).run()
    assert any("You have paid **$2,000.00**" in s.value for s in at.success)
    at.selectbox(key="giglens.w.base_currency").set_value("EUR").run()
    no_exception(at)
    assert at.number_input(key="giglens.w.paid").value is None
    assert not any("paid" in s.value for s in at.success)
    at.selectbox(key="giglens.w.base_currency").set_value("USD").run()
    assert at.number_input(key="giglens.w.paid").value == 2000.0


def test_a_flat_rate_paid_in_full_says_nothing_of_wages():
    """Flat 25% of the projected 5,720 is 1,430 for the year; 1,500 paid covers it. A flat
    rate has no wages, so nothing is said to be withheld from them."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.flat_rate").set_value(25.0).run()
    at.number_input(key="giglens.w.paid").set_value(1500.0).run()
    no_exception(at)
    assert at.success[0].value == (
        "You have paid **$1,500.00** for 2025, at least the $1,430.00 of tax the year leaves "
        "to pay: nothing more to put aside for it (your return settles any difference)."
    )


def test_a_flat_rates_expenses_are_asked_in_the_currency_shown():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.base_currency").set_value("EUR").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    expenses = at.number_input(key="giglens.w.expenses.flat.EUR.2025")
    assert expenses.label == "Business expenses not in your files (EUR)"


def test_long_column_names_get_a_short_header_in_either_currency():
    """The Monthly summary's "Set aside from the month" shows as "Tax set aside", also when the
    tax is in another currency than the page (a UK profile on dollar income)."""
    import json

    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/7_Monthly_summary.py").run()

    def headers() -> dict:
        table = next(d for d in at.dataframe if "Month" in d.value.columns)
        columns = json.loads(table.proto.columns)
        return {k: v.get("label") for k, v in columns.items() if k.startswith("Set aside")}

    assert headers() == {"Set aside from the month": "Tax set aside"}
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.switch_page("pages/7_Monthly_summary.py").run()
    assert headers() == {"Set aside from the month (GBP)": "Tax set aside (GBP)"}


def test_tracked_hours_of_a_stream_filtered_out_say_so_too():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("toggl.csv", TOGGL, "text/csv"))
    at.multiselect(key="giglens.w.streams").unselect("freelance").run()
    for page in ("pages/4_Hourly_rates.py", "pages/7_Monthly_summary.py"):
        at.switch_page(page).run()
        notes = [c.value for c in at.caption if "match no income" in c.value]
        assert notes, page
        assert all(n.endswith("(their income may be filtered out in the sidebar)") for n in notes)


def test_files_ending_a_week_before_the_years_end_are_not_said_to_stop_early(monkeypatch):
    """24 Dec is within two weeks of 31 Dec: a download made before the holidays, not months
    missing."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    late = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-12-24,fiverr,earning,100.00,20.00,80.00,USD,,Cyan,Logo,F1\n"
    )
    at = upload(new_app(), ("late.csv", late, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.switch_page("pages/1_Overview.py").run()
    (card,) = [m for m in at.metric if m.label == "Tax to set aside, 2025"]
    assert "your files end" not in (card.delta or "")


def test_a_server_others_can_reach_keeps_no_visitors_files_for_the_next():
    """Started without `make run`'s localhost binding (all interfaces, as a shared server is),
    one visitor's upload is not kept: the next visitor (a new session) sees no data. Only
    GIGLENS_KEEP_FILES=1 keeps files there."""
    first = upload(new_app(), ("alice.csv", TEMPLATE, "text/csv"))
    assert metrics(first)["Transactions"] != "0"
    second = new_app()
    assert (
        "giglens.sources" not in second.session_state or not second.session_state["giglens.sources"]
    )
    assert not any("alice.csv" in m.value for m in second.markdown)


def test_top_clients_show_only_clients_who_paid():
    """Acme paid 100.00; Bad Co only had 40.00 refunded (net -40.00): no negative bar in a
    chart of the clients the income depends on."""
    data = textwrap.dedent(
        """\
        date,platform,kind,gross,fee,net,currency,hours,client,description,reference
        2025-03-10,fiverr,earning,100.00,0.00,100.00,USD,,Acme,Logo,E1
        2025-03-12,fiverr,refund,-40.00,0.00,-40.00,USD,,Bad Co,Refund,E2
        """
    ).encode()
    at = upload(new_app(), ("clients.csv", data, "text/csv"))
    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    [top] = [s for s in specs if "Top clients" in json.dumps(s.get("layout", {}).get("title"))]
    shown = [y for trace in top["data"] for y in trace.get("y", [])]
    assert "Acme" in json.dumps(shown) and "Bad Co" not in json.dumps(top["data"])


def test_the_fees_page_says_what_conversions_cost_whatever_their_dates():
    """test_import_paypal's 2019 activity: one EUR conversion cost 1.49 USD (100.00 USD for
    89.50 EUR worth 98.51 USD at the ECB rate), dated before any published PayPal schedule;
    the Fees page still says that part of PayPal's fees was conversions."""
    from test_import_paypal import ACTIVITY_EN

    data = textwrap.dedent(ACTIVITY_EN).strip().encode()
    at = upload(new_app(), ("Download.CSV", data, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    notes = [c.value for c in at.caption if "currency conversions cost" in c.value]
    assert notes and notes[0].startswith("PayPal: $1.49 of these fees is what currency")
    # paid 1,653.75 + 200 + 40 + 300 = 2,193.75 (the 50 refund gives money back, no payment);
    # fees 48.26 + 6.10 - 1.45 + 1.46 + 9.00 + 1.49 (conversion) + 1.00 (withdrawal) + 20.00
    # (chargeback) = 85.86; without the conversion 84.37 / 2,193.75 = 3.85% -> 3.8%
    assert notes[0].endswith("Without them, its fee rate on its own payments is 3.8%.")


def test_an_upwork_withdrawals_conversion_cost_is_not_said_to_include_other_platforms():
    """test_import_upwork's withdrawal of 2,400.00 USD to a Canadian bank cost 48.00 USD to
    convert. The money Upwork converts is its own (unlike PayPal's, which holds other
    platforms' payouts), so the note does not say it can include them. Paid 3,000.00, fees
    300.00 + 0.99 + 48.00; without the conversion 300.99 / 3,000.00 = 10.03% -> 10.0%."""
    from test_import_upwork import CURRENT_19

    header = CURRENT_19.replace("Description 3,", "Description 3,Entered Description,")
    data = textwrap.dedent(
        f"""\
        {header}
        "Feb 20, 2026",870002442,Withdrawal Fee,Withdrawal Fee,,Withdrawal Fee,,,,,Maya Chen,,Maya Chen,,,-0.99,-0.99,USD,382.66,
        "Feb 20, 2026",870002435,Payment,Payment,,Payment - Direct to Local Bank (CAD) xxxx-4821,,,,,Maya Chen,,Maya Chen,,,-2400.00,-3220.48,CAD,383.65,Direct to Local Bank
        "Feb 12, 2026",870002410,Service Fee,Service Fee,,Service Fee for Hourly - Ref ID 870002409,,,,,Maya Chen,,Acme,,870002409,-300.00,-300.00,USD,2784.64,
        "Feb 12, 2026",870002409,Hourly,Hourly,,Invoice for API work,,,,,Maya Chen,,Acme,,870002409,3000.00,3000.00,USD,3084.64,
        """
    ).encode()
    at = upload(new_app(), ("statements.csv", data, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    [note] = [c.value for c in at.caption if "currency conversions cost" in c.value]
    assert note.startswith("Upwork: $48.00 of these fees is what currency conversions cost")
    assert "other platforms' payouts" not in note
    assert note.endswith("Without them, its fee rate on its own payments is 10.0%.")


def test_the_fees_page_says_what_of_etsys_fees_is_postage():
    from test_fees import ETSY_WITH_LABELS

    at = upload(new_app(), ("etsy_statement_2026_3.csv", ETSY_WITH_LABELS.encode(), "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    # labels 5.15 + 4.85 = 10.00 of the 20.00 fees on 100.00 of sales: 10.0% without them
    assert (
        "Etsy: $10.00 of these fees is postage: shipping labels you bought through it, which "
        "your buyers' shipping charges usually pay for. Without them, its fee rate on your "
        "payments is 10.0%."
    ) in [c.value for c in at.caption]


def test_a_us_balance_whose_return_date_has_passed_is_called_due(monkeypatch):
    """Seen on 30 Nov 2026, tax year 2025 is over: TEMPLATE's 1,430 of profit is the year's.
    SE tax 1,430 x 0.9235 x 15.3% = 202.05 (no income tax under the standard deduction), under
    $1,000: no installments, all of it left for the return due Apr 15, 2026, a date now past."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    no_exception(at)
    [due] = [w.value for w in at.warning if "no employer withheld" in w.value]
    assert due.startswith("Your 2025 tax that no employer withheld, $202.05, was all due by Apr")
    assert "installments" not in due  # there were none to pay
    # in July 2025 the date is still to come, and on 15 Apr 2026 it is today: no such warning
    for today in ("2025-07-01", "2026-04-15"):
        monkeypatch.setenv("GIGLENS_TODAY", today)
        at.run()
        assert not any("was all due by" in w.value for w in at.warning), today


def test_a_finished_us_year_says_what_is_still_owed_not_only_the_balance(monkeypatch):
    """2025 profit $60,000 (single, nothing else): SE 8,477.73, income tax: AGI 55,761.135,
    TI before QBI 40,011.135, QBI 8,002.227, taxable 32,008.908: 1,192.50 + 12% x 20,083.908 =
    3,602.57; total 12,080.30. Four installments of 90% = 10,872.27 (2,718.07 each, the odd
    cent first: 2,718.07 x 3 + 2,718.06), 1,208.03 left for the return. On 30 Nov 2026 with
    nothing entered as paid, the page no longer says only "1,208.03 left to pay": all 12,080.30
    was due; with 5,000 entered as paid, 7,080.30 is still owed."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    usd = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,upwork,earning,60000.00,0.00,60000.00,USD,,Acme,Project,A1\n"
    )
    at = tax_page(usd, "US", 2025)
    [due] = [w.value for w in at.warning if "no employer withheld" in w.value]
    assert "$12,080.30, was all due by Apr 15, 2026" in due
    assert "the $1,208.03 left with the return" in due
    at.number_input(key="giglens.w.paid").set_value(5000.0).run()
    [due] = [w.value for w in at.warning if "no employer withheld" in w.value]
    assert "$7,080.30 is still owed" in due


def test_keep_files_setting_overrides_the_servers_address(monkeypatch):
    """GIGLENS_KEEP_FILES=0 keeps nothing even on localhost (no toggle either); =1 keeps files
    on a server others can reach."""
    from streamlit import config

    before = config.get_option("server.address")
    try:
        config.set_option("server.address", "localhost")
        monkeypatch.setenv("GIGLENS_KEEP_FILES", "0")
        upload(new_app(), ("alice.csv", TEMPLATE, "text/csv"))
        second = new_app()
        assert not second.session_state["giglens.sources"]
        assert not any(t.label.startswith("Keep my imported files") for t in second.toggle)
        config.set_option("server.address", None)
        monkeypatch.setenv("GIGLENS_KEEP_FILES", "1")
        upload(new_app(), ("bob.csv", TEMPLATE, "text/csv"))
        third = new_app()
        kept = [s.name for s in third.session_state["giglens.sources"].values()]
        assert kept == ["bob.csv"]
    finally:
        config.set_option("server.address", before)


def test_a_refund_lowers_the_german_turnover(monkeypatch):
    """2025: 25,300 invoiced and 500 given back: turnover 24,800, within the €25,000 of
    §19(1) UStG (a refund lowers it, §17 UStG): 2026 may be a Kleinunternehmer year."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    eur = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,paypal,earning,25300.00,0.00,25300.00,EUR,,Kunde A,Design,D1\n"
        b"2025-04-10,paypal,refund,-500.00,0.00,-500.00,EUR,,Kunde A,Gutschrift,D2\n"
        b"2026-05-10,paypal,earning,4000.00,0.00,4000.00,EUR,,Kunde A,Design,D3\n"
    )
    at = tax_page(eur, "DE", 2026)
    notes = " ".join(m.value for m in at.markdown)
    assert "Last year's turnover" not in notes and "not a Kleinunternehmer" not in notes
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    notes = " ".join(m.value for m in at.markdown)
    assert "Your turnover (€24,800.00)" not in notes  # within 25,000: nothing to flag
    assert "€25,300" not in notes


def test_german_wage_tax_with_church_tax_says_what_it_holds(monkeypatch):
    """With church tax, the tax on the wages taken as withheld holds the church tax too, while
    the prepayment notes credit the income tax alone: the caption says how much of each.
    Wages 40,000: zvE 40,000 - 1,230 - 36 = 38,734, z = 2.1291: (176.64 x 2.1291 + 2,397) x
    2.1291 + 1,015.13 = 6,919.31 -> 6,919 of income tax; 9% church tax 622.71; no Soli (under
    19,950); 7,541.71 in all. Without church tax there is nothing on top: no such words."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    data = EUR_2025.format(a=15018, b=25018).encode()
    at = upload(new_app(), ("earnings.csv", data, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    situation(at, "w2_wages.DE").set_value(40000.0).run()
    at.selectbox(key="giglens.w.church_tax_rate.DE").set_value(0.09).run()
    no_exception(at)
    assert any(
        "The tax on your wages, €7,541.71 (income tax, Lohnsteuer, €6,919.00, and €622.71 of "
        "solidarity surcharge and church tax on it), is taken as withheld" in c.value
        for c in at.caption
    )
    at.selectbox(key="giglens.w.church_tax_rate.DE").set_value(0.0).run()
    assert any(
        "The tax on your wages, €6,919.00, is taken as withheld" in c.value for c in at.caption
    )


def test_german_prepayments_credit_the_wage_tax_entered_for_last_year(monkeypatch):
    """2026's prepayments from the 2025 assessment of 9,000: less 2025's Lohnsteuer as
    entered under 2025 (6,000), 3,000 a year, 750.00 a quarter (below the Soli exemption, no
    church tax), not less the 7,500 entered for 2026 (375.00)."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    data = EUR_2025.format(a=6000, b=6000).replace("2025-", "2026-").encode()
    at = tax_page(data, "DE", 2026)
    situation(at, "w2_wages.DE").set_value(40000.0).run()
    situation(at, "withholding.DE").set_value(7500.0).run()
    at.number_input(key="giglens.w.prior_year_tax").set_value(9000.0).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [375.00] * 4  # 2025's not known: 2026's
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    situation(at, "w2_wages.DE").set_value(40000.0).run()
    situation(at, "withholding.DE").set_value(6000.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [750.00] * 4


def test_german_amounts_to_put_aside_are_never_overdue(monkeypatch):
    """Germany before an assessment: the dates say what to put aside, not payments the tax
    office set, so a passed one that the 100.00 paid does not cover is "passed", not
    "overdue" (seen on 29 Nov 2025: 10 Mar part paid, 10 Jun and 10 Sep passed, 10 Dec next)."""
    monkeypatch.setenv("GIGLENS_TODAY", "2025-11-29")
    data = EUR_2025.format(a=15018, b=25018).encode()
    at = upload(new_app(), ("earnings.csv", data, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("DE").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    paid = [n for n in at.number_input if n.key and "paid" in n.key][0]
    paid.set_value(100.0).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Status"].tolist() == ["part paid", "passed", "passed", "next"]
    # with nothing entered as paid, they passed: no payment was missed
    paid.set_value(None).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Status"].tolist() == ["passed", "passed", "passed", "next"]


def test_us_last_years_agi_decides_100_or_110_percent_of_last_years_tax(monkeypatch):
    """2025 profit $200,000 and last year's tax $20,000: this year's AGI (over $150,000) stands
    in for last year's, so the safe harbour is 110% = $22,000, four installments of $5,500.
    Last year's AGI of $120,000 entered (not over $150,000): 100% = $20,000, four of $5,000
    (Pub. 505, "Higher income taxpayers"); the 90%-of-this-year amount is far larger either
    way."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-02-01")
    usd = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,upwork,earning,200000.00,0.00,200000.00,USD,,Acme,Project,A1\n"
    )
    at = upload(new_app(), ("earnings.csv", usd, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert not [n for n in at.number_input if n.key == "giglens.w.prior_year_agi"]
    at.number_input(key="giglens.w.prior_year_tax").set_value(20000.0).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].tolist()[:4] == [5500.0] * 4
    at.number_input(key="giglens.w.prior_year_agi").set_value(120000.0).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].tolist()[:4] == [5000.0] * 4
    assert "stands in for last year's" not in " ".join(c.value for c in at.caption)


def test_uk_pension_contributions_widen_the_basic_rate_band_of_that_year(monkeypatch):
    """2025/26 profit £60,000 and £4,000 paid into a SIPP (£5,000 with the provider's 20%):
    income tax 20% x (37,700 + 5,000) + 40% x (47,430 - 42,700) = 8,540 + 1,892 = 10,432
    (not 11,432), Class 4 6% x 37,700 + 2% x 9,730 = 2,456.60: a bill of 12,888.60, so
    2026/27's payments on account are 6,444.30 each (HMRC: relief at source extends the
    basic-rate band by the gross contribution). 2026/27's own contributions are a separate
    entry."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,60000.00,0.00,60000.00,GBP,,Acme,Project,G1\n"
        b"2026-05-10,upwork,earning,3000.00,0.00,3000.00,GBP,,Acme,Project,G2\n"
    )
    at = upload(new_app(), ("earnings.csv", gbp, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()

    def breakdown() -> dict[str, float]:
        table = next(d.value for d in at.dataframe if "Line" in d.value.columns)
        return dict(zip(table["Line"], table["Amount"]))

    assert breakdown()["Total estimated tax"] == 13888.60
    at.number_input(key="giglens.w.relief_at_source.UK.2025").set_value(4000.0).run()
    no_exception(at)
    assert breakdown()["Total estimated tax"] == 12888.60
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    assert at.number_input(key="giglens.w.relief_at_source.UK.2026").value == 0.0
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    on_account = table[table["Payment"].str.contains("payment on account for 2026/27")]
    assert on_account["Amount"].round(2).tolist() == [6444.30, 6444.30]


def test_us_medicare_wages_beside_box_1_lower_the_self_employment_tax(monkeypatch):
    """2025 profit $60,000, W-2 box 1 $150,000: Social Security 12.4% x min(55,410, 176,100 -
    150,000 = 26,100) = 3,236.40. Box 5 $173,500 entered (a 401(k) deferral): 12.4% x (176,100
    - 173,500) = 322.40. The box appears only beside wages, and empty means box 1."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-02-01")
    usd = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,upwork,earning,60000.00,0.00,60000.00,USD,,Acme,Project,A1\n"
    )
    at = upload(new_app(), ("earnings.csv", usd, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert not any(str(n.key).startswith("giglens.w.medicare_wages.US.") for n in at.number_input)

    def social_security() -> float:
        table = next(d.value for d in at.dataframe if "Line" in d.value.columns)
        return float(
            table[table["Line"].str.startswith("SE tax, Social Security")]["Amount"].iloc[0]
        )

    situation(at, "w2_wages.US").set_value(150000.0).run()
    assert situation(at, "medicare_wages.US").value is None
    assert social_security() == 3236.40
    situation(at, "medicare_wages.US").set_value(173500.0).run()
    no_exception(at)
    assert social_security() == 322.40


def test_us_qualified_dividends_in_other_income_are_taxed_at_their_own_rates(monkeypatch):
    """2025 single, profit $60,000 and $10,000 of other income: as ordinary income the total
    is 13,040.30; said to be qualified dividends, they fall in the 0% band above the ordinary
    taxable income of 32,008.91 (up to 48,350): 12,080.30, and QBI is 20% of the taxable
    income less them (see test_tax_situations for the hand calculation). More than the other
    income is taken as all of it, with a word."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-02-01")
    usd = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,upwork,earning,60000.00,0.00,60000.00,USD,,Acme,Project,A1\n"
    )
    at = upload(new_app(), ("earnings.csv", usd, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    assert not any(
        str(n.key).startswith("giglens.w.qualified_dividends.US.") for n in at.number_input
    )

    def total() -> float:
        table = next(d.value for d in at.dataframe if "Line" in d.value.columns)
        return dict(zip(table["Line"], table["Amount"]))["Total estimated tax"]

    situation(at, "other_income.US").set_value(10000.0).run()
    assert total() == 13040.30
    situation(at, "qualified_dividends.US").set_value(10000.0).run()
    no_exception(at)
    assert total() == 12080.30
    situation(at, "qualified_dividends.US").set_value(15000.0).run()
    assert total() == 12080.30
    assert any("part of the other income" in w.value for w in at.sidebar.warning)


def test_time_estimates_are_kept_with_the_files_across_a_refresh(on_this_computer, giglens_home):
    """The Hourly rates page's estimates ("MTurk: 3 minutes per task") are a choice like the
    tax profile: a refresh kept the profile but dropped them, and the hourly rate changed."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.session_state["giglens.f.estimates"] = {"mturk": {"minutes_per_task": 3.0}}
    at.switch_page("pages/1_Overview.py").run()  # any run after the change saves it
    again = new_app().run()
    no_exception(again)
    assert again.session_state["giglens.f.estimates"] == {"mturk": {"minutes_per_task": 3.0}}


def test_monthly_summary_shows_the_cents_its_downloads_write():
    """Amounts converted to another currency have parts of a cent. The page showed each
    month's net rounded on its own (728.45) beside gross 823.14 and fees 94.68 (728.46 in the
    workbook), and a total that was not the sum of its rows. Now every row's net is its gross
    less its fees, to the cent, and the total is the sum of the rows shown."""
    eur = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-01-10,upwork,earning,333.33,33.33,300.00,EUR,,Acme,Project,E1\n"
        b"2025-01-20,upwork,earning,111.11,11.11,100.00,EUR,,Acme,Project,E2\n"
        b"2025-02-10,upwork,earning,777.77,77.77,700.00,EUR,,Acme,Project,E3\n"
        b"2025-03-10,upwork,earning,555.55,55.55,500.00,EUR,,Acme,Project,E4\n"
    )
    at = upload(new_app(), ("eur.csv", eur, "text/csv"))
    at.selectbox(key="giglens.w.base_currency").set_value("USD").run()
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Month" in d.value.columns)
    cents = table[["Gross", "Fees", "Net"]].mul(100).round(6)
    assert (cents == cents.round()).all().all()  # whole cents, as written in the files
    assert (cents["Gross"] - cents["Fees"] == cents["Net"]).all()
    total = cents["Net"].sum() / 100
    text = " ".join(m.value for m in at.markdown)
    assert f"net ${total:,.2f}" in text


def test_set_aside_beyond_the_tax_is_not_free_to_release_when_the_files_stop_early(monkeypatch):
    """UK 2025/26 is over (today 30 Nov 2026); the only file ends on 10 May 2025 with £30,000.
    Planned in tax month 2 (6 May - 5 Jun) the year projected 30,000 x 12 / 2 = 180,000: tax
    20% x 37,700 + 40% x 87,440 + 45% x 54,860 = 67,203 and Class 4 2,262 + 2% x 129,730 =
    2,594.60, 72,059.60 / 180,000 = 40.03% of 30,000 = 12,009.93 set aside. The year's tax on
    30,000 is 20% x 17,430 + 6% x 17,430 = 4,531.80: 7,478.13 more. Both pages say so, by
    March 2026, and neither calls it free to release: the file may only lack the later
    months."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-05-10,upwork,earning,30000.00,0.00,30000.00,GBP,,Acme,Project,G1\n"
    )
    at = upload(new_app(), ("earnings.csv", gbp, "text/csv"))
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    said = "What you set aside by March 2026 is £7,478.13 more than the tax on the income"
    for page in ("pages/6_Tax_reserve.py", "pages/7_Monthly_summary.py"):
        at.switch_page(page).run()
        no_exception(at)
        text = " ".join(c.value for c in at.caption)
        assert said in text, page
        assert "before you release any of it" in text
        assert "you may release it" not in text


def test_uk_unpaid_payment_on_account_is_covered_by_the_years_refund(monkeypatch):
    """2025/26 profit £13,580.68: bill 26% x (13,580.68 - 12,570) = 262.78 (20% income tax +
    6% Class 4 on 1,010.68). Last year's bill £3,000 asked 1,500 + 1,500 on account, so the
    balancing payment is 262.78 - 3,000 = -2,737.22. With 1,500 paid: the 2nd payment on account
    is not "overdue" but covered by that refund, and 2,737.22 - 1,500 = 1,237.22 is owed to you
    (the page said "overdue" beside "nothing more to put aside")."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,13580.68,0.00,13580.68,GBP,,Acme,Project,G1\n"
    )
    at = upload(new_app(), ("earnings.csv", gbp, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    at.number_input(key="giglens.w.prior_year_tax").set_value(3000.0).run()
    at.number_input(key="giglens.w.paid").set_value(1500.0).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].tolist()[:3] == [1500.0, 1500.0, -2737.22]
    assert table["Status"].tolist()[:2] == ["paid", "covered by the refund"]
    assert table["Left to pay"].tolist()[:3] == [0.0, 0.0, -1237.22]
    assert "you are owed £1,237.22" in " ".join(c.value for c in at.caption)


def test_stream_cards_say_what_share_of_income_the_hourly_rate_stands_on():
    """Upwork 400 with 10 hours beside PayPal 1,600 without: the freelance card's 40.00 an hour
    stands on 20% of its income, and says so; MTurk's 1.00 of 2,051 is "<1%" of the total, as
    the chart beside it writes it, not "0%"."""
    rows = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-01-06,upwork,earning,400.00,0.00,400.00,USD,10,Acme,Project,U1\n"
        b"2025-01-10,paypal,earning,1600.00,0.00,1600.00,USD,,Beta,Project,P1\n"
        b"2025-01-13,mturk,earning,1.00,0.00,1.00,USD,0.1,Lab,HIT,M1\n"
        b"2025-01-14,etsy,earning,50.00,0.00,50.00,USD,,Shop,Sale,E1\n"
    )
    at = upload(new_app(), ("mix.csv", rows, "text/csv"))
    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    per_hour = [m for m in at.metric if m.label == "Per hour"]
    assert [m.value for m in per_hour][:1] == ["$40.00"]
    assert per_hour[0].delta == "on 20% of its income"
    shares = [m.delta for m in at.metric if m.label == "Net income"]
    assert "<1% of the total" in shares


def test_fees_per_hour_says_whose_hours_it_is_on():
    """MTurk 30.00 with 2 hours and no fee, Etsy 50.00 with a 5.00 fee and no hours: the fees
    per hour worked are 0.00 on MTurk's hours only, and the metric says so."""
    rows = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-01-13,mturk,earning,30.00,0.00,30.00,USD,2,Lab,HIT,M1\n"
        b"2025-01-14,etsy,earning,50.00,5.00,45.00,USD,,Shop,Sale,E1\n"
    )
    at = upload(new_app(), ("mix.csv", rows, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    metric = next(m for m in at.metric if m.label == "Fees per hour worked")
    assert metric.value == "$0.00"
    assert metric.delta == "Amazon MTurk hours only"


def test_us_tax_payments_sheet_ends_with_the_balance_due_with_the_return():
    """US 2025, other income 20,000 and profit 5,720: tax 1,658.48 (see the test above),
    installments 90% = 1,492.63; the 165.85 left is due with the return on 15 Apr 2026 and is
    the sheet's last row, so the payments add up to the year's tax."""
    from analytics.tax import TaxProfile, payment_schedule, set_against_payments
    from giglens_ui.tax import payments_sheet

    profile = TaxProfile("US", 2025, other_income=20000.0)
    schedule = set_against_payments(payment_schedule(profile, 2025, profit=5720.0), 0.0)
    schedule["status"] = ""
    sheet = payments_sheet(schedule, "USD")
    assert sheet["payment"].iloc[-1] == "Balance due with the return"
    assert sheet["due_date"].iloc[-1] == pd.Timestamp(2026, 4, 15)
    assert sheet["amount"].iloc[-1] == 165.85
    assert round(sheet["amount"].sum(), 2) == 1658.48


def test_skipped_rows_can_be_downloaded_like_the_rejected_ones():
    """A totals row is skipped with its reason; the file's expander offers its skipped rows as
    a CSV, as it does its rejected ones (a bookkeeper reconciles the file's rows with them)."""
    with_total = TEMPLATE + b",,,,,,,,,Total,\n"
    at = upload(new_app(), ("earnings.csv", with_total, "text/csv"))
    no_exception(at)
    assert report(at)["earnings.csv"]["Skipped"] == 1
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the skipped rows (CSV)" in labels


def test_overview_hourly_rate_says_what_share_of_income_it_stands_on():
    """Upwork 400 with 10 hours beside PayPal 1,600 without: 40.00 an hour on 400 / 2,000 =
    20% of the income (the Overview's rate read as all of it)."""
    rows = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-01-06,upwork,earning,400.00,0.00,400.00,USD,10,Acme,Project,U1\n"
        b"2025-01-10,paypal,earning,1600.00,0.00,1600.00,USD,,Beta,Project,P1\n"
    )
    at = upload(new_app(), ("mix.csv", rows, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    rate = next(m for m in at.metric if m.label == "Effective hourly rate")
    assert (rate.value, rate.delta) == ("$40.00", "on 20% of your income")


def test_the_estimates_lines_are_given_room_for_their_whole_text():
    """Left to the grid, the breakdown's amounts took the spare width and long lines were cut
    at a laptop's width: the Line column is as wide as its longest line (7 px a character
    and the cell's padding)."""
    import json

    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    no_exception(at)
    table = next(d for d in at.dataframe if "Line" in d.value.columns)
    longest = max(len(line) for line in table.value["Line"])
    width = json.loads(table.proto.columns)["Line"]["width"]
    assert width >= 7 * longest


def test_a_half_cent_is_rounded_alike_on_the_pages_and_in_the_downloads():
    """250.00 EUR on 10 Mar 2025 at the ECB's 1.0845 is 271.125 USD: the Overview and the
    Monthly summary (its table, total and CSV) all write 271.13, half away from zero."""
    from analytics import load_export
    from analytics.currency import to_base_currency
    from analytics.summary import monthly_summary, summary_for_download

    eur = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-10,upwork,earning,250.00,0.00,250.00,EUR,,Acme,Project,E1\n"
    )
    table = to_base_currency(load_export(eur, "eur.csv").transactions, "USD")
    assert table["fx_rate"].iloc[0] == 1.0845
    flat = summary_for_download(monthly_summary(table))
    assert flat["net"].tolist() == [271.13]
    assert flat["cumulative_net"].tolist() == [271.13]
    at = upload(new_app(), ("eur.csv", eur, "text/csv"))
    at.selectbox(key="giglens.w.base_currency").set_value("USD").run()
    at.switch_page("pages/1_Overview.py").run()
    assert next(m for m in at.metric if m.label == "Net income").value == "$271.13"
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    assert "net $271.13" in " ".join(m.value for m in at.markdown)


def test_us_payments_sheet_sets_what_was_paid_beyond_the_installments_against_the_balance():
    """The year above (tax 1,658.48, installments 1,492.63, balance 165.85): with 1,600 paid,
    the installments are paid and the 107.37 beyond them goes to the balance, 58.48 left;
    with 2,000 paid, the balance is paid too. The amounts add up to the tax either way."""
    from analytics.tax import TaxProfile, payment_schedule, set_against_payments
    from giglens_ui.tax import payments_sheet

    for paid, balance_paid, balance_left, status in (
        (1600.0, 107.37, 58.48, "with the return"),
        (2000.0, 165.85, 0.0, "paid"),
    ):
        profile = TaxProfile("US", 2025, other_income=20000.0, paid=paid)
        schedule = set_against_payments(payment_schedule(profile, 2025, profit=5720.0), paid)
        schedule["status"] = ""
        sheet = payments_sheet(schedule, "USD")
        last = sheet.iloc[-1]
        assert last["payment"] == "Balance due with the return"
        assert (last["amount"], last["amount_paid"], last["amount_left"]) == (
            165.85,
            balance_paid,
            balance_left,
        )
        assert last["status"] == status
        assert round(sheet["amount"].sum(), 2) == 1658.48


def test_payments_made_when_no_installment_was_due_are_on_the_balance_row():
    """The year above (tax 1,658.48) after a year with no tax (the safe harbour asks no
    installment): 400 paid on 15 Apr and 1,400 on 16 Jun 2025 both go to the balance due
    with the return, which they pay (1,658.48), with 1,800 - 1,658.48 = 141.52 beyond it."""
    from analytics.tax import TaxProfile, payment_schedule, set_against_payments
    from analytics.tax.schedule import parse_dated_payments
    from giglens_ui.tax import payments_sheet

    profile = TaxProfile("US", 2025, other_income=20000.0, prior_year_tax=0.0, paid=1800.0)
    dated, _ = parse_dated_payments("15 Apr 400; 16 Jun 1400", dt.date(2025, 4, 15))
    schedule = set_against_payments(payment_schedule(profile, 2025, profit=5720.0), 1800.0, dated)
    schedule["status"] = ""
    sheet = payments_sheet(schedule, "USD")
    assert sheet["amount"].tolist()[:4] == [0.0] * 4
    last = sheet.iloc[-1]
    assert (last["amount"], last["amount_paid"], last["amount_left"]) == (1658.48, 1658.48, 0.0)
    assert last["paid_on"] == "15 Apr 2025: 400.00; 16 Jun 2025: 1,400.00"
    assert last["notes"].startswith("141.52 paid beyond the year's tax")
    assert last["paid_late"] == 0.0
    # the 1,400 paid on 1 May 2026, after the balance's 15 Apr 2026: 1,658.48 - 400 =
    # 1,258.48 of it paid late
    dated, _ = parse_dated_payments("15 Apr 2025 400; 1 May 2026 1400", dt.date(2025, 4, 15))
    schedule = set_against_payments(payment_schedule(profile, 2025, profit=5720.0), 1800.0, dated)
    schedule["status"] = ""
    last = payments_sheet(schedule, "USD").iloc[-1]
    assert (last["paid_late"], last["status"]) == (1258.48, "paid, part late")


def test_micro_vs_freelance_has_no_fee_rate_for_a_file_without_fees():
    """An Upwork Weekly Summary holds amounts before the fee and no fee: the freelance stream's
    fee rate is not known (—), not 0.0%."""
    weekly = (
        b'"Date","Contract","Hours","Amount","Payment type"\n'
        b'"2025-01-06","Logo design (30000001)","2.00","50.00",""\n'
        b'"2025-02-03","Logo design (30000001)","1.00","25.00",""\n'
    )
    at = upload(new_app(), ("weekly.csv", weekly, "text/csv"))
    at.switch_page("pages/5_Micro_vs_freelance.py").run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Stream" in d.value.columns)
    assert table["Fee rate"].isna().all()


def test_a_warning_said_of_several_files_is_said_once():
    """Two Uber reports, neither naming a currency: the warning is said once for both files,
    with their names, and neither file's own panel repeats it."""
    header = (
        "transaction UUID,Driver UUID,Driver first name,Driver surname,Trip UUID,Description,"
        "Org name,vs reporting,Paid to you,Paid to you : Your earnings\n"
    )

    def report_of(day: str, n: str) -> bytes:
        row = f"u{n},d1,Ana,Pop,t{n},trip completed order,Fleet,{day} 10:15:00.123 -0600 CST,"
        return (header + row + "15.00,15.00\n").encode()

    at = upload(
        new_app(),
        ("20260301-20260331-payments_order-x.csv", report_of("2026-03-02", "1"), "text/csv"),
        ("20260401-20260430-payments_order-x.csv", report_of("2026-04-02", "2"), "text/csv"),
    )
    no_exception(at)
    said = [e for e in at.main.expander if e.label.startswith("2 files: This Uber report")]
    assert len(said) == 1
    assert "Said of 20260301-20260331-payments_order-x.csv, 20260401" in said[0].caption[0].value
    currency = [w for w in at.warning if "does not say which currency" in w.value]
    assert len(currency) == 1


def test_hourly_rates_say_they_are_before_the_cars_costs():
    """Uber trips with hours: the rates are before the car's costs, said so; with 1,000
    business miles entered for 2025, what they come to at the IRS rate of 70 cents: $700.00."""
    trips = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-03-01,uber,earning,120.00,30.00,90.00,USD,5,Uber,Trips,T1\n"
        b"2025-03-02,uber,earning,80.00,20.00,60.00,USD,3,Uber,Trips,T2\n"
    )
    at = upload(new_app(), ("uber.csv", trips, "text/csv"))
    at.switch_page("pages/4_Hourly_rates.py").run()
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert "The rates of your driving work (Uber) are before your car's costs" in captions
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    situation(at, "business_miles.US").set_value(1000.0).run()
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert (
        "the 1,000 business miles you entered for 2025 come to $700.00 at the standard rates "
        "(1,000 miles × 70¢)" in captions
    )


def test_a_friend_paying_back_on_cash_app_can_be_left_out_of_income(on_this_computer, giglens_home):
    """Jessica paid 25.00 and 40.00 back on Cash App; a client paid 300.00. The import says
    the P2P payments count as income and where to choose otherwise; chosen, net income is
    300.00, not 365.00, also in a new session (kept on this computer)."""
    cash = (
        b'"Date","Transaction ID","Transaction Type","Currency","Amount","Fee","Net Amount",'
        b'"Status","Notes","Name of sender/receiver","Account"\n'
        b'"2025-05-01 10:00:00 CDT","p1","Received P2P","USD","$25.00","$0.00","$25.00",'
        b'"COMPLETE","concert ticket","Jessica Moreno","Your Cash"\n'
        b'"2025-05-09 10:00:00 CDT","p2","Received P2P","USD","$40.00","$0.00","$40.00",'
        b'"COMPLETE","gas money","Jessica Moreno","Your Cash"\n'
        b'"2025-05-10 10:00:00 CDT","p3","Received P2P","USD","$300.00","$0.00","$300.00",'
        b'"COMPLETE","logo design","Acme Studio","Your Cash"\n'
    )
    at = upload(new_app(), ("cash_app_report.csv", cash, "text/csv"))
    no_exception(at)
    assert any(
        "unless you choose them under 'Money from people that is not income'" in w.value
        for w in at.warning
    )
    assert (
        "2 people paid you into a payment account (Jessica Moreno, Acme Studio): each counts as "
        "a client, their payments as income."
    ) in " ".join(c.value for c in at.caption)
    box = at.multiselect(key="giglens.w.personal_payers")
    assert box.format_func("jessica moreno") == "Jessica Moreno (Cash App: 2 payments, 65.00 USD)"
    box.set_value(["jessica moreno"]).run()
    no_exception(at)
    assert "people paid you into a payment account" not in " ".join(c.value for c in at.caption)
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "$300.00"
    again = new_app()  # a new visit: the files and the choice are kept
    again.switch_page("pages/1_Overview.py").run()
    assert metrics(again)["Net income"] == "$300.00"


def test_uber_reports_without_a_currency_can_be_given_theirs(on_this_computer, giglens_home):
    """A UK fleet's payments_order reports name no currency: taken as USD until the driver
    says GBP; then the two trips' 15.00 + 15.00 are £30.00, also at the next visit."""
    header = (
        "transaction UUID,Driver UUID,Driver first name,Driver surname,Trip UUID,Description,"
        "Org name,vs reporting,Paid to you,Paid to you : Your earnings\n"
    )

    def report_of(day: str, n: str) -> bytes:
        row = f"u{n},d1,Ana,Pop,t{n},trip completed order,Fleet,{day} 10:15:00.123 +0000 GMT,"
        return (header + row + "15.00,15.00\n").encode()

    at = upload(
        new_app(),
        ("20260301-20260331-payments_order-x.csv", report_of("2026-03-02", "1"), "text/csv"),
        ("20260401-20260430-payments_order-x.csv", report_of("2026-04-02", "2"), "text/csv"),
    )
    [box] = [s for s in at.selectbox if s.key.startswith("giglens.w.layout_currency.")]
    assert box.value is None and box.placeholder == "USD (assumed: choose)"
    assert "(2 files) do not say which currency" in box.label
    box.set_value("GBP").run()
    no_exception(at)
    # answered: the warning that USD was taken goes
    assert not any("unless you choose their currency" in w.value for w in at.warning)
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "£30.00"
    again = new_app()
    again.switch_page("pages/1_Overview.py").run()
    assert metrics(again)["Net income"] == "£30.00"
    # clearing everything forgets the choice: the next reports start at USD, assumed
    again.switch_page("app.py").run()
    again.button(key="giglens.clear.confirm").click().run()
    upload(
        again, ("20260301-20260331-payments_order-x.csv", report_of("2026-03-02", "1"), "text/csv")
    )
    [box] = [s for s in again.selectbox if s.key.startswith("giglens.w.layout_currency.")]
    assert box.value is None
    # dollars chosen on purpose: an answer too, and the warning goes
    box.set_value("USD").run()
    assert not any("unless you choose their currency" in w.value for w in again.warning)


def test_a_shared_servers_visitor_does_not_read_uber_reports_in_anothers_currency():
    """Without files kept (a server others can reach), one visitor's AED is not the next's."""
    header = (
        b"transaction UUID,Driver UUID,Driver first name,Driver surname,Trip UUID,Description,"
        b"Org name,vs reporting,Paid to you,Paid to you : Your earnings\n"
        b"u1,d1,Ana,Pop,t1,trip completed order,Fleet,2026-03-02 10:15:00.123 +0400 +04,"
        b"15.00,15.00\n"
    )
    first = upload(new_app(), ("20260301-20260331-payments_order-x.csv", header, "text/csv"))
    [box] = [s for s in first.selectbox if s.key.startswith("giglens.w.layout_currency.")]
    box.set_value("AED").run()
    second = upload(new_app(), ("20260301-20260331-payments_order-y.csv", header, "text/csv"))
    [box] = [s for s in second.selectbox if s.key.startswith("giglens.w.layout_currency.")]
    assert box.value is None


def test_the_reserve_keeps_the_prepayment_due_next_whatever_this_years_tax(monkeypatch):
    """Germany 2026, last year's assessed tax €5,315: four prepayments of 5,315 / 4 =
    €1,328.75 (10 Mar, 10 Jun, 10 Sep, 10 Dec). With three paid (€3,986.25) on 30 Nov, this
    year's smaller income needs a reserve below what was paid, but the 10 Dec prepayment is
    due all the same: the page says to keep €1,328.75 for it, the Overview holds €1,328.75."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    rows = "".join(
        f"2026-{m:02d}-15,upwork,earning,1500.00,0.00,1500.00,EUR,,Acme,Design,E{m}\n"
        for m in range(1, 12)
    )
    at = tax_page(
        (
            "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n" + rows
        ).encode(),
        "DE",
        2026,
    )
    at.number_input(key="giglens.w.prior_year_tax").set_value(5315.0).run()
    at.number_input(key="giglens.w.paid").set_value(3986.25).run()
    no_exception(at)
    said = " ".join(s.value for s in at.success)
    # the €3,986.25 paid is more than this year's tax: still, the prepayment is due
    assert "Still, the Q4 income-tax prepayment (Vorauszahlung) due Thu 10 Dec 2026" in said
    assert "(€1,328.75) is due: it was set from last year's tax" in said
    assert "nothing more to put aside" not in said
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert "Keep at least €1,328.75 for the Q4 income-tax prepayment" in " ".join(
        c.value for c in at.caption
    )
    # paid beyond this year's tax: nothing of the year's own to hold, the prepayment's €1,328.75
    assert metrics(at)["Tax to set aside, 2026"] == "€1,328.75"
    # with nothing entered as paid, the Monthly summary's line says it too (the Overview's
    # figure is the 1,328.75): this year's reserve alone is less
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.number_input(key="giglens.w.paid").set_value(None).run()
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    total = next(m.value for m in at.markdown if m.value.startswith("**Total of the"))
    assert "keep €1,328.75 for the Q4 income-tax prepayment (Vorauszahlung) due Thu 10 Dec" in (
        total
    )


def test_what_may_be_released_keeps_the_prepayment_due_next():
    """A German reviewer's year: reserve by now €4,774.92, €801.32 set aside beyond it,
    €3,986.25 paid, the 10 Dec prepayment €1,328.75 due. Free: 4,774.92 + 801.32 - 3,986.25
    - 1,328.75 = €261.24, not €801.32 (which would leave €540.08 short on 10 Dec); with
    €4,500.00 paid nothing is free; without a payment due the note is as it was."""
    import pandas as pd

    from giglens_ui.tax import DueNext, release_note

    note = (
        "What you set aside by November 2026 is €801.32 more than the year's tax now needs: "
        "you may release it."
    )
    due = DueNext(1328.75, pd.Timestamp("2026-12-10"), "Q4 income-tax prepayment (Vorauszahlung)")
    args = (note, 801.32)
    said = release_note(note, args, 4774.92, 3986.25, 5209.0, False, due, "EUR")
    assert said == (
        "What you set aside by November 2026, less the €3,986.25 you have paid, is €261.24 more "
        "than the reserve has to hold now (€1,328.75, for the Q4 income-tax prepayment "
        "(Vorauszahlung) due Thu 10 Dec 2026 (€1,328.75), owed whatever this year's tax comes "
        "to): you may release that."
    )
    kept = release_note(note, args, 4774.92, 4500.0, 5209.0, False, due, "EUR")
    assert kept.startswith("What you set aside by November 2026 is more than the year's tax now")
    # 4,774.92 + 801.32 - 4,500.00 - 1,328.75 = -252.51: short of it
    assert "but keep it, and put aside €252.51 more for it: the Q4 income-tax prepayment" in kept
    assert release_note(note, args, 4774.92, 3986.25, 5209.0, False, None, "EUR") == note
    # a prepayment the reserve covers anyway changes nothing: 4,774.92 - 2,000.00 > 1,328.75
    assert release_note(note, args, 4774.92, 2000.0, 5209.0, False, due, "EUR") == note


def test_the_volatility_bars_colours_are_said_in_words():
    """Months of 100, 200, 50 and 100: mean 112.50; a spike is at least 140.625 (Feb's 200),
    a dip at most 84.375 (Mar's 50). The chart colours them; a caption names them."""
    rows = "".join(
        f"2025-{m:02d}-10,fiverr,earning,{v:.2f},0.00,{v:.2f},USD,,Acme,Logo,F{m}\n"
        for m, v in ((1, 100), (2, 200), (3, 50), (4, 100))
    )
    data = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n" + rows
    at = upload(new_app(), ("fiverr.csv", data.encode(), "text/csv"))
    at.switch_page("pages/2_Volatility.py").run()
    no_exception(at)
    assert "Spikes (green bars): Feb 2025 ($200.00); dips (orange bars): Mar 2025 ($50.00)." in [
        c.value for c in at.caption
    ]


def test_the_first_page_says_where_each_platforms_file_is():
    at = new_app()
    no_exception(at)
    [where] = [e for e in at.expander if e.label == "Where do I download these files?"]
    text = " ".join(m.value for m in where.markdown)
    assert "**Etsy**: Shop Manager → Finances → Monthly statements" in text
    assert "**Upwork**: Reports → Transaction history → Download CSV" in text


def test_an_overdue_prepayment_is_held_with_the_next_one(monkeypatch):
    """Germany 2026, last year's tax €8,000: four prepayments of €2,000. Income €5,000 on the
    15th of January to June, then €300 to November (the last on 30 Nov); €4,500 paid by 30
    Nov covers Q1, Q2 and €500 of Q3: €1,500 of Q3 is overdue and Q4's €2,000 is due on 10
    Dec, €3,500 owed. The plan set aside the reserve (€5,013.25) and €2,374.94 more; less the
    €4,500.00 paid that leaves €2,888.19: €611.81 short of the €3,500.00 (a mutation audit's
    case; before, "€888.19 ... you may release that")."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    rows = "".join(
        f"2026-{m:02d}-{15 if m < 11 else 30},upwork,earning,{v:.2f},0.00,{v:.2f},EUR,,Acme,"
        f"Design,E{m}\n"
        for m, v in [(m, 5000.0) for m in range(1, 7)] + [(m, 300.0) for m in range(7, 12)]
    )
    at = tax_page(
        (
            "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n" + rows
        ).encode(),
        "DE",
        2026,
    )
    at.number_input(key="giglens.w.prior_year_tax").set_value(8000.0).run()
    at.number_input(key="giglens.w.paid").set_value(4500.0).run()
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert "is more than the year's tax now needs, but keep it, and put aside €611.81 more" in (
        captions
    )
    assert "the overdue Q3 income-tax prepayment (Vorauszahlung) and the Q4 income-tax" in captions
    assert "you may release" not in captions
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Tax to set aside, 2026"] == "€3,500.00"


def test_hold_and_release_edges_of_the_payment_due_next():
    """left_to_hold: the reserve less what was paid, never below the payment due next
    (4,774.92 - 3,986.25 = 788.67 < 1,328.75); release_note: nothing free when the set-aside
    less paid is exactly the payment (4,774.92 + 801.32 - 4,247.49 - 1,328.75 = 0.00);
    paid_words: no "Keep at least" when the reserve left covers the payment (2,000 - 500 =
    1,500 >= 1,000)."""
    import pandas as pd

    from giglens_ui.tax import DueNext, left_to_hold, paid_words, release_note

    assert left_to_hold(4774.92, 3986.25, 5209.0, False, 1328.75) == 1328.75
    assert left_to_hold(4774.92, 3986.25, 5209.0, False) == 788.67
    due = DueNext(1328.75, pd.Timestamp("2026-12-10"), "Q4 income-tax prepayment")
    note = "What you set aside by November 2026 is €801.32 more than the year's tax now needs: if you put aside the monthly amounts planned, you may release that much."
    said = release_note(note, (note, 801.32), 4774.92, 4247.49, 5209.0, False, due, "EUR")
    assert "but keep it: the Q4" in said and "put aside" not in said
    small = DueNext(1000.0, pd.Timestamp("2026-12-10"), "Q4 income-tax prepayment")
    assert "Keep at least" not in paid_words(2000.0, 500.0, 5000.0, "EUR", "2026", due_next=small)


def test_amounts_can_be_shown_in_a_currency_no_file_holds_once_its_rate_is_stated():
    # Oleksandr is paid in dollars and euros and reckons in hryvnia, which no file of his holds
    # and the ECB does not publish: the rates box waits folded in the sidebar; once he states
    # 1 USD = 41.20 UAH and 1 EUR = 48.10 UAH, "Show amounts in" offers UAH and converts each
    # currency with its own rate: 100.00 - 10.00 USD = 90 x 41.2 = 3,708.00 UAH, and
    # 200.00 - 2.00 EUR = 198 x 48.1 = 9,523.80 UAH: 13,231.80 UAH
    data = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2026-03-02,upwork,earning,100.00,10.00,90.00,USD,,Acme,App,U1\n"
        "2026-03-05,payoneer,earning,200.00,2.00,198.00,EUR,,Nordwerk,API,P1\n"
    )
    at = upload(new_app(), ("paid.csv", data.encode(), "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert "UAH" not in at.selectbox(key="giglens.w.base_currency").options
    assert "Show amounts in a currency the ECB does not publish" in [
        e.label for e in at.sidebar.expander
    ]
    at.text_area(key="giglens.w.stated_rates").set_value(
        "1 USD = 41.20 UAH\n1 EUR = 48.10 UAH"
    ).run()
    no_exception(at)
    assert not [c.value for c in at.sidebar.caption if ":red[" in c.value]
    at.selectbox(key="giglens.w.base_currency").set_value("UAH").run()
    no_exception(at)
    assert metrics(at)["Net income"] == "13,231.80 UAH"
    said = " ".join(c.value for c in at.caption)
    assert "converted to UAH with the rates you stated under “Exchange rates you state”" in said
    assert "ECB reference rate" not in said


def test_the_rates_named_under_a_page_title_are_the_ones_used():
    # 100.00 USD, 50.00 EUR on the ECB's 2025-03-03 rate (1 EUR = 1.0465 USD) and 14,500 NGN at
    # the stated 1 USD = 1,450 NGN: both kinds of rate are named
    data = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2025-03-03,fiverr,earning,100.00,0.00,100.00,USD,,Buyer,Logo,F1\n"
        "2025-03-03,stripe,earning,50.00,0.00,50.00,EUR,,Kunde,API,S1\n"
        "2025-03-05,upwork,earning,14500.00,0.00,14500.00,NGN,,Local,App,N1\n"
    )
    at = upload(new_app(), ("mixed.csv", data.encode(), "text/csv"))
    at.text_area(key="giglens.w.stated_rates").set_value("1 USD = 1,450 NGN").run()
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    said = " ".join(c.value for c in at.caption)
    assert (
        "converted to USD with the ECB reference rate of each payment's day and the rates you "
        "stated under “Exchange rates you state”"
    ) in said
    # 100.00 + 50.00 x 1.0465 = 152.33 (52.325 half up) + 10.00 = 162.33
    assert metrics(at)["Net income"] == "$162.33"


def test_a_month_whose_returned_fees_pass_its_fees_is_explained_under_the_fee_rate_line():
    # March: a payment of 850.00 with a 13.00 fee, and a refund on which Stripe gave back its
    # 49.00 fee: (13 - 49) / 850 = -4.2%, a line below 0 the page says the reason for
    data = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2026-02-02,stripe,earning,850.00,13.00,837.00,EUR,,Nordwerk,API,S1\n"
        "2026-03-02,stripe,earning,850.00,13.00,837.00,EUR,,Nordwerk,API,S2\n"
        "2026-03-10,stripe,refund,-1600.00,-49.00,-1551.00,EUR,,Altkunde,Refund,S3\n"
    )
    at = upload(new_app(), ("stripe.csv", data.encode(), "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    no_exception(at)
    said = " ".join(c.value for c in at.caption)
    assert "Below 0: fees given back (with a refund) were more than the fees of that month's " in (
        said
    )
    assert "payments (Stripe in Mar 2026)" in said


def test_a_flat_rates_last_instalment_of_last_year_is_said_in_the_new_year(monkeypatch):
    """Oleksandr's 5% in quarterly instalments on 19 May, 19 Aug, 19 Nov and 19 Feb: on
    10 Feb 2027, looking at 2027, 2026's last instalment is still to come on Fri 19 Feb 2027:
    2026's 4,000.00 of income at 5% = 200.00 in four equal parts, 50.00 each."""
    monkeypatch.setenv("GIGLENS_TODAY", "2027-02-10")
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2026-02-10,upwork,earning,1000.00,0.00,1000.00,USD,,Acme,API,A1\n"
        b"2026-05-10,upwork,earning,1000.00,0.00,1000.00,USD,,Acme,API,A2\n"
        b"2026-08-10,upwork,earning,1000.00,0.00,1000.00,USD,,Acme,API,A3\n"
        b"2026-11-10,upwork,earning,1000.00,0.00,1000.00,USD,,Acme,API,A4\n"
        b"2026-12-28,upwork,transfer,-4000.00,0.00,-4000.00,USD,,,Withdrawal,W1\n"
        b"2027-01-15,upwork,earning,500.00,0.00,500.00,USD,,Acme,API,A5\n"
    )
    at = tax_page(data, "flat", 2027)
    at.number_input(key="giglens.w.flat_rate").set_value(5.0).run()
    at.text_input(key="giglens.w.flat_instalments").set_value(
        "19 May, 19 Aug, 19 Nov, 19 Feb"
    ).run()
    no_exception(at)
    [also] = [i.value for i in at.info if "Also still to pay" in i.value]
    assert "Also still to pay for 2026: the instalment 4 of 4, $50.00 by Fri 19 Feb 2027" in also


def test_rows_in_a_currency_without_an_ecb_rate_are_said_with_what_to_do():
    # 100.00 USD and 580,000.00 NGN (a Nigerian reviewer's local client): the ECB publishes no
    # naira rate, so the USD pages leave the naira row out and say so, and what choosing NGN
    # would do instead
    data = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2025-03-02,fiverr,earning,100.00,20.00,80.00,USD,,Buyer,Logo,F1\n"
        "2025-03-05,upwork,earning,580000.00,0.00,580000.00,NGN,,Local,App,N1\n"
    )
    at = upload(new_app(), ("mixed.csv", data.encode(), "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    said = " ".join(w.value for w in at.warning)
    assert "Left out of the figures below: 1 row(s) in NGN not converted to USD (the ECB " in said
    assert "publishes no reference rate for NGN)" in said
    assert "state the rate you were paid at under “Exchange rates you state” in the sidebar: " in (
        said
    )
    assert "“1 USD = … NGN” with how many NGN one USD was worth" in said
    assert metrics(at)["Net income"] == "$80.00"
    # stated: 1 USD = 1,450 NGN, and 1,600 NGN from 1 April 2025 (the row is of 5 March):
    # 580,000 / 1,450 = 400.00 USD, so 80.00 + 400.00 = 480.00
    rates = at.text_area(key="giglens.w.stated_rates")
    rates.set_value("1 USD = 1,450 NGN\n1 USD = 1,600 NGN from 2025-04-01").run()
    no_exception(at)
    assert not [w.value for w in at.warning if "Left out" in w.value]
    assert metrics(at)["Net income"] == "$480.00"
    said = " ".join(c.value for c in at.caption)
    # the naira row took the stated rate, the dollar row none: no ECB rate was used
    assert "converted to USD with the rates you stated under “Exchange rates you state” (" in said
    assert "ECB reference rate" not in said
    # read back both ways with their days: 1 / 1,450 = 0.000689655; 1 / 1,600 = 0.000625
    assert (
        "Read as: 1 USD = 1,450 NGN (1 NGN = 0.000689655 USD) until 2025-03-31; 1 USD = 1,600 "
        "NGN (1 NGN = 0.000625 USD) from 2025-04-01."
    ) in " ".join(c.value for c in at.sidebar.caption)
    at.switch_page("pages/7_Monthly_summary.py").run()
    no_exception(at)
    assert [round(v, 2) for v in at.dataframe[0].value["Net"]] == [480.0]
    at.switch_page("pages/1_Overview.py").run()
    rates = at.text_area(key="giglens.w.stated_rates")
    assert rates.value == "1 USD = 1,450 NGN\n1 USD = 1,600 NGN from 2025-04-01"  # kept
    # a rate starting after the row leaves it out, and says why
    rates.set_value("1 USD = 1,600 NGN from 2025-04-01").run()
    said = " ".join(w.value for w in at.warning)
    assert "(the first rate you stated for NGN is from 2025-04-01; state one for earlier days)" in (
        said
    )
    assert metrics(at)["Net income"] == "$80.00"
    # what cannot be read is said under the box
    rates.set_value("1 USD = 0.92 EUR").run()
    said = " ".join(c.value for c in at.caption)
    assert "the ECB publishes a rate between USD and EUR, and GigLens uses it" in said
    # shown in naira, the dollar row is worth 80.00 x 1,450 = 116,000.00 NGN
    rates.set_value("1 USD = 1,450 NGN").run()
    at.selectbox(key="giglens.w.base_currency").set_value("NGN").run()
    no_exception(at)
    assert metrics(at)["Net income"] == "696,000.00 NGN"  # 580,000 + 116,000


def test_germany_before_an_assessment_holds_no_prepayment_and_says_passed(monkeypatch):
    """Germany 2026 without last year's tax: the dates are amounts to put aside (a quarter of
    this year's €1,074 each, €268.50), no prepayment the office set. With €1,000 paid, more
    than the €984.50 reserve: nothing to hold, no "Keep at least". With €500 paid: Q1 paid,
    Q2 part paid (€231.50 of €268.50), Q3 passed - not "no payment entered" (a mutation
    audit's cases)."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    rows = "".join(
        f"2026-{m:02d}-15,upwork,earning,1500.00,0.00,1500.00,EUR,,Acme,Design,E{m}\n"
        for m in range(1, 12)
    )
    at = tax_page(
        (
            "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n" + rows
        ).encode(),
        "DE",
        2026,
    )
    at.number_input(key="giglens.w.paid").set_value(500.0).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Status"].tolist()[:3] == ["paid", "part paid", "passed"]
    at.number_input(key="giglens.w.paid").set_value(1000.0).run()
    no_exception(at)
    assert not any("Keep at least" in s.value for s in at.success)
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Tax to set aside, 2026"] == "€0.00"


def test_a_flat_rate_plans_the_instalment_dates_given(monkeypatch):
    """A Canadian at a flat 30%, calendar year: 1,000.00 of net income a month, January to
    November 2026, seen on 30 Nov: projected 12,000.00, tax 3,600.00, four instalments of
    900.00 on 15 Mar, 15 Jun, 15 Sep and 15 Dec (a Canadian reviewer: 'no payment calendar').
    With 2,700.00 paid the first three are paid and 15 Dec is next; a date that is none is
    said."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    rows = "".join(
        f"2026-{m:02d}-10,stripe,earning,1000.00,0.00,1000.00,CAD,,Acme,Work,C{m}\n"
        for m in range(1, 12)
    )
    at = tax_page(
        (
            "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n" + rows
        ).encode(),
        "flat",
        2026,
    )
    at.number_input(key="giglens.w.flat_rate").set_value(30.0).run()
    at.text_input(key="giglens.w.flat_instalments").set_value(
        "15 Mar, 15 Jun, 15 Sep, 15 Dec, 31 Feb"
    ).run()
    no_exception(at)
    assert any("Not a day of the year: 31 Feb" in c.value for c in at.sidebar.caption)
    at.number_input(key="giglens.w.paid").set_value(2700.0).run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [900.0] * 4
    assert table["Due"].tolist() == [
        "Sun 15 Mar 2026",
        "Mon 15 Jun 2026",
        "Tue 15 Sep 2026",
        "Tue 15 Dec 2026",
    ]
    assert table["Status"].tolist() == ["paid", "paid", "paid", "next"]


def test_a_flat_rate_plans_instalments_on_the_income_so_far(monkeypatch):
    """Spain at 20%, seen on 30 Nov 2026: 1,000.00 a month January to June, 2,000.00 a month
    July to October (files to 10 Oct, 10 months: 14,000.00, projected 16,800.00, tax
    3,360.00). On the income so far: 20 Apr 20% x 3,000.00 = 600.00; 20 Jul 20% x 6,000.00
    = 1,200.00 - 600.00 = 600.00; 20 Oct 20% x 12,000.00 = 2,400.00 - 1,200.00 = 1,200.00;
    30 Jan 3,360.00 - 2,400.00 = 960.00 (equal parts would be 840.00 each)."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    rows = "".join(
        f"2026-{m:02d}-10,stripe,earning,{1000 if m <= 6 else 2000}.00,0.00,"
        f"{1000 if m <= 6 else 2000}.00,EUR,,Acme,Work,C{m}\n"
        for m in range(1, 11)
    )
    at = tax_page(
        (
            "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n" + rows
        ).encode(),
        "flat",
        2026,
    )
    at.number_input(key="giglens.w.flat_rate").set_value(20.0).run()
    at.text_input(key="giglens.w.flat_instalments").set_value(
        "20 Apr, 20 Jul, 20 Oct, 30 Jan"
    ).run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [840.0] * 4
    at.checkbox(key="giglens.w.flat_to_date").check().run()
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Amount"].round(2).tolist() == [600.0, 600.0, 1200.0, 960.0]


def test_tax_paid_beyond_what_was_set_aside_leaves_the_pot_empty_not_negative():
    """Reserve 800.00, set aside 300.00 beyond it (1,100.00), 2,500.00 paid (from other money
    too), a 1,500.00 prepayment due next: the pot is empty, so 1,500.00 more is to put aside,
    as the Overview holds - not 2,900.00 (a review's case). Joined labels read in lower case."""
    import pandas as pd

    from giglens_ui.tax import DueNext, release_note

    note = "What you set aside by November 2026 is €300.00 more than the year's tax now needs: if you put aside the monthly amounts planned, you may release that much."
    due = DueNext(1500.0, pd.Timestamp("2026-12-10"), "Instalment 3 of 4 and Instalment 4 of 4")
    said = release_note(note, (note, 300.0), 800.0, 2500.0, 1200.0, False, due, "EUR")
    assert "but keep it, and put aside €1,500.00 more for it" in said
    assert "the instalment 3 of 4 and instalment 4 of 4 due Thu 10 Dec 2026" in said


def test_instalment_days_out_of_order_or_twice_are_said(monkeypatch):
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.text_input(key="giglens.w.flat_instalments").set_value("15 Jun, 15 Mar, 15 Sep").run()
    said = " ".join(c.value for c in at.sidebar.caption)
    assert "write them in the order they fall in the year" in said
    at.text_input(key="giglens.w.flat_instalments").set_value("15 Mar, 15 Mar").run()
    assert "A day is written twice" in " ".join(c.value for c in at.sidebar.caption)


def test_a_tax_country_in_another_currency_offers_to_show_amounts_in_it():
    # 100.00 EUR on 2 Jan 2024 (ECB: 1 EUR = 1.0956 USD): shown in euros until the user,
    # having chosen the United States, clicks "Show amounts in USD": $109.56
    data = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2024-01-02,paypal,earning,100.00,0.00,100.00,EUR,,Kunde,Logo,E1\n"
    )
    at = upload(new_app(), ("euros.csv", data.encode(), "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    assert not [b for b in at.button if b.label.startswith("Show amounts in")]  # flat: none
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    no_exception(at)
    assert metrics(at)["Net income"] == "€100.00"
    at.button(key="giglens.tax_currency").click().run()
    no_exception(at)
    assert at.selectbox(key="giglens.w.base_currency").value == "USD"
    assert metrics(at)["Net income"] == "$109.56"
    assert not [b for b in at.button if b.label.startswith("Show amounts in")]


def test_tax_paid_with_its_days_marks_late_payments():
    """US 2025 as in the test above (installments 199.89, 199.89, 199.88, 199.88 due 15 Apr,
    16 Jun, 15 Sep 2025 and 15 Jan 2026; today 1 Jul 2025). Paid 150.00 on 15 Apr and 349.78
    on 20 Jun: Q1 gets 150.00 on time and its other 49.89 late; Q2's 199.89 is late (due
    16 Jun); Q3 gets the last 100.00 before its day, 99.88 left. The amount paid becomes their
    total, 499.78."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    situation(at, "w2_wages.US").set_value(50000.0).run()
    at.text_input(key="giglens.w.paid_dated").set_value("15 Apr 150; 20 Jun 349.78").run()
    no_exception(at)
    assert at.number_input(key="giglens.w.paid").value == 499.78
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Left to pay"].round(2).tolist() == [0.0, 0.0, 99.88, 199.88]
    assert table["Status"].tolist() == ["paid, part late", "paid late", "part paid, next", ""]
    assert table["Paid on"].tolist() == [
        "15 Apr 2025: 150.00; 20 Jun 2025: 49.89",
        "20 Jun 2025: 199.89",
        "20 Jun 2025: 100.00",
        "",
    ]
    captions = " ".join(c.value for c in at.caption)
    assert (
        "Paid after the due date: Q1 estimated tax (Jan 1 – Mar 31 income) due 15 Apr 2025 "
        "($49.89 of it late); Q2 estimated tax (Apr 1 – May 31 income) due 16 Jun 2025 ($199.89 "
        "of it late). The IRS charges an underpayment penalty on each installment"
    ) in captions
    # an amount that disagrees with the days: said, and the days left out
    at.number_input(key="giglens.w.paid").set_value(600.0).run()
    no_exception(at)
    captions = " ".join(c.value for c in at.caption)
    assert "The payments with days add up to $499.78, the amount above is $600.00" in captions
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert "Paid on" not in table.columns
    at.text_input(key="giglens.w.paid_dated").set_value("15 Apr 150; someday").run()
    assert "Not a day and an amount: someday." in " ".join(c.value for c in at.caption)
    # the days written replace the amount above (600.00 -> 150.00 with "someday" unread, then
    # 500.00), and say so once
    assert "was $600.00: it is now $150.00" in " ".join(c.value for c in at.caption)
    at.text_input(key="giglens.w.paid_dated").set_value("15 Apr 150; 20 Jun 350").run()
    assert at.number_input(key="giglens.w.paid").value == 500.00
    said = "The amount paid above was $150.00: it is now $500.00, the total of the payments"
    assert said in " ".join(c.value for c in at.caption)
    at.run()
    assert said not in " ".join(c.value for c in at.caption)


def test_the_workbooks_tax_payments_carry_the_days_paid_and_what_was_late():
    """As in the test above (installments 373.16 x 3 and 373.15 due 15 Apr, 16 Jun, 15 Sep
    2025, 15 Jan 2026), 500.00 paid as 300.00 on 10 Apr and 200.00 on 1 May: Q1 gets 300.00
    on time and 73.16 late; Q2 the other 126.84, early."""
    import io

    import openpyxl

    from analytics.export import to_xlsx_bytes
    from analytics.tax import TaxProfile, payment_schedule, set_against_payments
    from analytics.tax.schedule import parse_dated_payments
    from giglens_ui.tax import payment_statuses, payments_sheet

    profile = TaxProfile("US", 2025, other_income=20000.0)
    dated, _ = parse_dated_payments("10 Apr 300; 1 May 200", dt.date(2025, 4, 15))
    schedule = set_against_payments(payment_schedule(profile, 2025, profit=5720.0), 500.0, dated)
    schedule["status"] = payment_statuses(schedule, pd.Timestamp(2025, 5, 1), 500.0)
    sheet = payments_sheet(schedule, "USD")
    assert sheet["paid_on"].fillna("").tolist() == [
        "10 Apr 2025: 300.00; 1 May 2025: 73.16",
        "1 May 2025: 126.84",
        "",
        "",
        "",
    ]
    assert sheet["paid_late"].fillna(0).tolist() == [73.16, 0.0, 0.0, 0.0, 0.0]
    assert sheet["status"].tolist()[:2] == ["paid, part late", "part paid, next"]
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Tax payments": sheet})))["Tax payments"]
    header = [c.value for c in ws[1]]
    assert header[:7] == [
        "due_date",
        "payment",
        "amount",
        "amount_paid",
        "paid_on",
        "paid_late",
        "amount_left",
    ]
    assert ws.cell(2, 6).value == 73.16


def test_a_uk_first_year_is_taken_from_the_files_no_payment_on_account_looks_overdue(monkeypatch):
    """A student's files start on 9 Apr 2025 with 20,000.00 of 2025/26 profit and nothing
    before: its bill, 20% x 7,430 + 6% x 7,430 = 1,931.80, is due whole on 31 Jan 2027 with
    2026/27's first payment on account (965.90), not as payments on account on 31 Jan and
    31 Jul 2026 that looked overdue ("passed, no payment entered")."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-04-09,etsy,earning,20000.00,0.00,20000.00,GBP,,Shop,Prints,G1\n"
    )
    at = tax_page(gbp, "UK", 2025)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert "Sat 31 Jan 2026" not in table["Due"].tolist()
    assert "Fri 31 Jul 2026" not in table["Due"].tolist()
    assert [round(a, 2) for a in table["Amount"]] == [1931.80, 965.90, 965.90]
    assert "passed, no payment entered" not in table["Status"].tolist()
    # the user says it was not a first year: last year's bill is then taken as this year's
    at.checkbox(key="giglens.w.first_year").uncheck().run()
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table["Due"].tolist()[:2] == ["Sat 31 Jan 2026", "Fri 31 Jul 2026"]


def test_wages_entered_for_another_tax_year_are_pointed_out(monkeypatch):
    # A student's salary entered for 2025/26 is not carried to 2026/27 (another year's pay),
    # but the empty box says what was entered before
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,etsy,earning,2000.00,0.00,2000.00,GBP,,Shop,Prints,G1\n"
        b"2026-05-10,etsy,earning,3000.00,0.00,3000.00,GBP,,Shop,Prints,G2\n"
    )
    at = tax_page(gbp, "UK", 2025)
    situation(at, "w2_wages.UK").set_value(9000.0).run()
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    said = " ".join(c.value for c in at.sidebar.caption)
    assert "Wages entered: £9,000.00 for 2025/26; none for 2026/27. If the job goes on" in said
    situation(at, "w2_wages.UK").set_value(9500.0).run()
    assert "Wages entered:" not in " ".join(c.value for c in at.sidebar.caption)


def test_the_workbooks_tax_payments_hold_last_years_balancing_payment_due_with_this_years():
    """UK 2026/27: payments on account of 965.90 on 31 Jan and 31 Jul 2027; 2025/26's
    balancing payment of 1,931.80 is due on 31 Jan 2027 too: a row of its own, first, so
    that 31 January's rows add up to 2,897.70."""
    from giglens_ui.tax import payments_sheet

    schedule = pd.DataFrame(
        {
            "due_date": pd.to_datetime(["2027-01-31", "2027-07-31"]),
            "label": ["1st payment on account for 2026/27", "2nd payment on account for 2026/27"],
            "amount": [965.90, 965.90],
            "paid": [0.0, 0.0],
            "left": [965.90, 965.90],
            "status": ["next", ""],
            "notes": ["", ""],
        }
    )
    last = pd.DataFrame(
        {"due_date": [pd.Timestamp("2027-01-31")], "label": ["Balancing payment"], "left": [1931.8]}
    )
    sheet = payments_sheet(schedule, "GBP", last, "2025/26")
    assert sheet["payment"].tolist() == [
        "Balancing payment (2025/26)",
        "1st payment on account for 2026/27",
        "2nd payment on account for 2026/27",
    ]
    assert sheet["amount_left"].tolist() == [1931.80, 965.90, 965.90]
    assert sheet["status"].tolist()[0] == "still to pay for 2025/26"
    on_the_31st = sheet[sheet["due_date"] == pd.Timestamp("2027-01-31")]
    assert round(on_the_31st["amount_left"].sum(), 2) == 2897.70
    assert payments_sheet(schedule, "GBP")["payment"].tolist()[0].startswith("1st")


def test_a_rate_stated_on_the_monthly_summary_reaches_its_tax_column(monkeypatch):
    """20,000 USD in January and 29,000,000 NGN in March (US 2025). Stating 1 USD = 1,450 NGN
    on the Monthly summary makes March 20,000.00 USD, and its tax to set aside is worked out
    on it as when the rate was stated before the page was first opened (a cache keyed without
    the rates kept March's tax blank)."""
    monkeypatch.setenv("GIGLENS_TODAY", "2025-07-01")
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-01-10,upwork,earning,20000.00,0.00,20000.00,USD,,Acme,Site,U1\n"
        b"2025-03-05,upwork,earning,29000000.00,0.00,29000000.00,NGN,,Local,App,N1\n"
    )

    def set_aside(at) -> dict:
        table = next(d.value for d in at.dataframe if "Set aside from the month" in d.value)
        return dict(zip(table["Month"], table["Set aside from the month"], strict=True))

    import streamlit as st

    st.cache_data.clear()  # the page's caches are shared by every session of the process
    later = upload(new_app(), ("earnings.csv", data, "text/csv"))
    later.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    later.switch_page("pages/7_Monthly_summary.py").run()
    assert "Mar 2025" not in set_aside(later)  # the naira row left out: no March yet
    later.text_area(key="giglens.w.stated_rates").set_value("1 USD = 1,450 NGN").run()
    no_exception(later)
    assert [round(v, 2) for v in later.dataframe[0].value["Net"]] == [20000.0, 0.0, 20000.0]
    stated_late = set_aside(later)["Mar 2025"]

    st.cache_data.clear()
    first = upload(new_app(), ("earnings.csv", data, "text/csv"))
    first.switch_page("pages/1_Overview.py").run()
    first.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    first.text_area(key="giglens.w.stated_rates").set_value("1 USD = 1,450 NGN").run()
    first.switch_page("pages/7_Monthly_summary.py").run()
    expected = set_aside(first)["Mar 2025"]
    assert expected > 0 and stated_late == expected


def test_the_samples_part_first_week_is_no_dip_of_the_weekly_view():
    """The sample's files start on Saturday 1 Jun 2024: the week of 27 May holds two of their
    days (18.81 of income, far below a typical week) and is left out, said in a caption."""
    at = new_app()
    [b for b in at.button if b.label == "Try it with sample data"][0].click().run()
    at.switch_page("pages/2_Volatility.py").run()
    at.button_group(key="giglens.w.volatility_period").set_value("Week").run()
    no_exception(at)
    said = " ".join(c.value for c in at.caption)
    assert "Left out of these measures: the first week (week of 27 May 2024)" in said
    assert "week of 27 May 2024 ($" not in said  # no longer listed as a dip


def test_a_flat_rates_tax_paid_in_another_currency_is_pointed_out():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("flat").run()
    at.number_input(key="giglens.w.paid").set_value(500.0).run()
    at.selectbox(key="giglens.w.base_currency").set_value("EUR").run()
    no_exception(at)
    assert at.number_input(key="giglens.w.paid").value is None  # kept in USD, not as euros
    assert (
        "You entered $500.00 as paid for 2025 while the pages showed USD: it is kept in USD. "
        "Show amounts in USD to use it, or enter it here in EUR."
    ) in " ".join(c.value for c in at.caption)


def test_volatility_by_week():
    """TEMPLATE's income by week (Monday to Sunday): 900 (week of 6 Jan), 0, 50 (20 Jan), 0,
    450 (3 Feb), 0, 0, 0, 30 (3 Mar): 9 weeks, 1,430 / 9 = 158.89 a week; spikes >= 198.61
    (900 and 450), dips <= 119.17 (the other seven)."""
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/2_Volatility.py").run()
    at.button_group(key="giglens.w.volatility_period").set_value("Week").run()
    no_exception(at)
    got = metrics(at)
    assert got["Average week"] == "$158.89"
    assert got["Weeks"] == "9"
    assert got["Spike / dip weeks"] == "2 / 7"
    said = " ".join(c.value for c in at.caption)
    assert "Spikes (green bars): week of 6 Jan 2025 ($900.00), week of 3 Feb 2025 ($450.00)" in said
    assert "To pay yourself $158.89 a week you need" in at.success[0].value


def test_a_visit_s_new_files_are_reported_first_and_earlier_visits_wait_behind_a_switch(
    on_this_computer,
):
    # Hana adds a month's files each visit: the rejected-row panels of January's and
    # February's files (kept from earlier visits) no longer stand above March's
    def month(m: int) -> bytes:
        return (
            "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
            f"2025-{m:02d}-10,upwork,earning,100.00,10.00,90.00,USD,,Acme,Work,U{m}\n"
            f"2025-{m:02d}-99,upwork,earning,5.00,0.00,5.00,USD,,Acme,Bad day,X{m}\n"
        ).encode()

    upload(new_app(), ("jan.csv", month(1), "text/csv"))
    upload(new_app(), ("feb.csv", month(2), "text/csv"))
    at = upload(new_app(), ("mar.csv", month(3), "text/csv"))
    no_exception(at)
    assert [e.split(":")[0] for e in file_expanders(at)] == ["mar.csv"]
    switch = at.toggle(key="giglens.show_earlier_details")
    assert switch.label == (
        "Show the 2 files from earlier visits with rows left out or warnings (2 rejected)"
    )
    switch.set_value(True).run()
    assert sorted(e.split(":")[0] for e in file_expanders(at)) == ["feb.csv", "jan.csv", "mar.csv"]
    # a visit that adds nothing shows every file's panel, as before
    again = new_app()
    assert sorted(e.split(":")[0] for e in file_expanders(again)) == [
        "feb.csv",
        "jan.csv",
        "mar.csv",
    ]
    assert not [t for t in again.toggle if t.key == "giglens.show_earlier_details"]
    # the three good rows, one from each file
    assert metrics(again)["Transactions"] == "3"


def test_the_uk_trading_allowance_can_be_claimed_instead_of_the_fees(monkeypatch):
    """2025/26, looked at on 1 May 2026: £14,000 of gross trading income, £100 of fees:
    profit 13,900: income tax (13,900 - 12,570) x 20% = 266 and Class 4 x 6% = 79.80: 345.80.
    Claiming the allowance instead of the fees: 13,000 of profit: 430 x 20% = 86 and
    430 x 6% = 25.80: 111.80. The note offers it until ticked."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-05-01")
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        b"2025-06-10,upwork,earning,14000.00,100.00,13900.00,GBP,,Acme,Contract,G1\n"
    )
    at = tax_page(data, "UK", 2025)
    label = "Tax for the year"
    assert metrics(at)[label] == "£345.80"
    said = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "To count it here, tick “Claim the £1,000 trading allowance instead of expenses”" in (
        said
    )
    at.checkbox(key="giglens.w.trading_allowance.UK").check().run()
    no_exception(at)
    assert metrics(at)[label] == "£111.80"
