"""The dashboard driven through Streamlit's AppTest: upload, every page, mapping, bad files.

Expected numbers are worked out by hand from the literal CSV below (see the comments).
"""

from __future__ import annotations

import statistics
import textwrap

import pytest
from conftest import REPO
from streamlit.testing.v1 import AppTest

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
UNKNOWN = b"When,What,Money\n2025-01-02,thing,10.50\n2025-02-03,other,20.00\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def giglens_home(tmp_path, monkeypatch):
    """Remembered mappings go to a temporary folder, never the user's ~/.giglens."""
    monkeypatch.setenv("GIGLENS_HOME", str(tmp_path / "giglens-home"))
    return tmp_path / "giglens-home"


def new_app() -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    return at.run()


def upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    at.file_uploader[0].set_value(list(files))
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def test_home_without_data():
    at = new_app()
    no_exception(at)
    assert at.title[0].value.endswith("GigLens")
    assert at.file_uploader[0].accept_multiple_files
    assert {"csv", "xlsx", "xls", "ods", "json"} <= {
        t.lstrip(".") for t in at.file_uploader[0].allowed_type
    }
    assert any(b.label == "Try it with sample data" for b in at.button)
    assert any("Fiverr publishes no CSV" in c.value for c in at.caption)
    assert any("Nothing imported yet" in i.value for i in at.info)


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
    # 5 data rows, all imported (the transfer is imported too, as kind transfer).
    assert got["Rows imported"] == "5"
    assert got["Duplicates"] == "0"
    assert got["Rejected"] == "0"
    assert got["Transactions"] == "5"
    assert got["Platforms"] == "2"

    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    got = metrics(at)
    assert got["Net income"] == "$1,430.00"  # 950 + 450 + 30
    assert got["Fees paid"] == "$150.00"  # 100 + 50
    assert got["Effective hourly rate"] == "$40.00"  # 1,400 / 35 h
    cv = statistics.stdev([950, 450, 30]) / statistics.mean([950, 450, 30])  # 460.58 / 476.67
    assert got["Income CV"] == f"{cv:.0%}" == "97%"
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
    assert [round(v, 2) for v in table["net"]] == [950.0, 450.0, 30.0]
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("CSV" in label for label in labels) and any("Excel" in label for label in labels)


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
    assert metrics(at)["Tax to set aside"] == "$357.50"  # 25% of 1,430


def test_filter_that_leaves_nothing_and_a_single_month():
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"))
    at.switch_page("pages/2_Volatility.py").run()
    at.multiselect(key="giglens.w.platforms").set_value([]).run()
    no_exception(at)
    assert any("No income matches the filters" in i.value for i in at.info)
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at)
        assert charts(at) == 0
    at.multiselect(key="giglens.w.platforms").set_value(["mturk", "upwork"]).run()
    import datetime as dt

    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 1, 10), dt.date(2025, 1, 31)))
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at)
    at.switch_page("pages/2_Volatility.py").run()
    assert metrics(at)["Months"] == "1"
    assert any("only one month" in i.value for i in at.info)
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "$950.00"  # January only: 900 + 50


def test_duplicates_and_rejected_rows_are_reported():
    at = upload(
        new_app(),
        ("earnings.csv", TEMPLATE, "text/csv"),
        ("more.csv", OVERLAP, "text/csv"),
    )
    no_exception(at)
    dups = [m.value for m in at.metric if m.label == "Duplicates"]
    rejected = [m.value for m in at.metric if m.label == "Rejected"]
    assert dups == ["0", "1"]  # the Feb 5 row of more.csv was already in earnings.csv
    assert rejected == ["0", "1"]  # 'abc' is not an amount
    assert metrics(at)["Transactions"] == "5"  # 5 + 2 - 1 duplicate - 1 rejected
    assert any("Rejected rows (1)" in e.label for e in at.expander)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the rejected rows (CSV)" in labels


def test_bad_file_shows_a_friendly_error():
    at = upload(new_app(), ("statement.csv", PNG, "text/csv"))
    no_exception(at)
    assert len(at.error) == 1
    message = at.error[0].value
    assert "PNG" in message and "Traceback" not in message


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
    assert metrics(at)["Rows imported"] == "2"
    assert (giglens_home / "mappings.sqlite3").exists()
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "€30.50"  # 10.50 + 20.00, in EUR (the only currency)

    # A new session (new AppTest), a different file with the same header: no form this time.
    other = b"When,What,Money\n2025-03-01,more,5.00\n"
    at = upload(new_app(), ("bank-march.csv", other, "text/csv"))
    no_exception(at)
    assert not any("does not know this layout" in m.value for m in at.markdown)
    assert metrics(at)["Rows imported"] == "1"
