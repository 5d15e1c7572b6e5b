"""A platform whose downloads stop early is named, and the Monthly summary's tax notes follow the
sidebar's date range.

Dates and amounts are worked out by hand in the comments next to each expectation.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import pytest
from conftest import REPO
from streamlit.testing.v1 import AppTest

from analytics.metrics import (
    last_month_cut_short,
    platforms_ending_early,
    platforms_missing_from_the_last_month,
    platforms_starting_a_month_late,
)
from analytics.schema import conform
from analytics.summary import monthly_summary
from analytics.tax import TaxProfile

# --- platforms_ending_early on small tables ----------------------------------------------------


def rows(*items: tuple[str, str, str, float]) -> pd.DataFrame:
    """(date, platform, kind, net) rows as a canonical table (gross = net, no fee)."""
    frame = pd.DataFrame(items, columns=["date", "platform", "kind", "net"])
    frame["gross"] = frame["net"]
    frame["fee"] = 0.0
    frame["currency"] = "USD"
    return conform(frame)


def ends(series: pd.Series) -> dict[str, str]:
    return {platform: f"{day:%Y-%m-%d}" for platform, day in series.items()}


def test_the_audits_four_platforms_that_stop_in_november_are_named_earliest_first():
    t = rows(
        ("2025-06-10", "stripe", "earning", 100.0),
        ("2026-10-24", "stripe", "earning", 100.0),  # the files' last day
        ("2025-11-28", "upwork", "earning", 50.0),
        ("2025-11-30", "etsy", "earning", 20.0),
        ("2025-11-15", "mturk", "earning", 5.0),
        ("2025-11-20", "paypal", "transfer", -30.0),  # a withdrawal moved money too
    )
    early = platforms_ending_early(t)
    # all four end about eleven months before 24 Oct 2026, far more than 45 days
    assert ends(early) == {
        "mturk": "2025-11-15",
        "paypal": "2025-11-20",
        "upwork": "2025-11-28",
        "etsy": "2025-11-30",
    }
    assert list(early.index) == ["mturk", "paypal", "upwork", "etsy"]  # earliest first
    assert early.attrs["files_end"] == pd.Timestamp("2026-10-24")


def test_more_than_45_days_before_the_files_end_is_early_45_days_is_not():
    t = rows(
        ("2025-03-31", "stripe", "earning", 100.0),  # the files' last day
        # 14 Feb -> 28 Feb is 14 days, + 31 days of March = 45 days: not early
        ("2025-02-14", "upwork", "earning", 50.0),
        # 13 Feb: 15 + 31 = 46 days: early
        ("2025-02-13", "fiverr", "earning", 50.0),
        # paid on the 1st of each month: 1 Mar -> 31 Mar is 30 days, not early
        ("2025-02-01", "toptal", "earning", 900.0),
        ("2025-03-01", "toptal", "earning", 900.0),
    )
    assert ends(platforms_ending_early(t)) == {"fiverr": "2025-02-13"}


def test_tracked_time_is_not_a_platforms_last_row_but_counts_for_the_files_end():
    t = rows(
        ("2025-05-01", "upwork", "earning", 500.0),
        ("2025-06-20", "upwork", "time", 0.0),  # an Upwork Weekly Summary's hours, no money
        ("2025-06-30", "toggl", "time", 0.0),  # a time tracker: the files run to 30 Jun
    )
    early = platforms_ending_early(t)
    # Upwork's money stops on 1 May: 30 (to 31 May) + 30 (June) = 60 days before 30 Jun.
    # Toggl Track has time entries only: never named.
    assert ends(early) == {"upwork": "2025-05-01"}
    assert early.attrs["files_end"] == pd.Timestamp("2025-06-30")


def test_a_date_range_that_ends_earlier_is_what_the_platform_is_compared_with():
    t = rows(
        ("2026-10-24", "stripe", "earning", 100.0),
        ("2025-11-28", "upwork", "earning", 50.0),
    )
    # 28 Nov -> 31 Dec 2025 is 2 + 31 = 33 days: the range does not reach Upwork's missing months
    assert platforms_ending_early(t, end=dt.date(2025, 12, 31)).empty
    # 28 Nov -> 12 Jan 2026 is 2 + 31 + 12 = 45 days: not more than 45
    assert platforms_ending_early(t, end=dt.date(2026, 1, 12)).empty
    # 13 Jan 2026: 46 days
    assert ends(platforms_ending_early(t, end=dt.date(2026, 1, 13))) == {"upwork": "2025-11-28"}
    # a range past the files' last day compares with the files' last day (24 Oct 2026)
    later = platforms_ending_early(t, end=dt.date(2027, 6, 30))
    assert ends(later) == {"upwork": "2025-11-28"}
    assert later.attrs["files_end"] == pd.Timestamp("2026-10-24")


def test_a_file_reaching_later_than_its_last_counted_row_does_not_end_early():
    t = rows(
        ("2026-11-27", "toptal", "earning", 100.0),  # the files' last day
        ("2026-10-06", "paypal", "earning", 50.0),  # 24 + 27 = 51 days before: early...
    )
    t["source"] = ["toptal.xlsx", "Download.CSV"]
    assert ends(platforms_ending_early(t)) == {"paypal": "2026-10-06"}
    # ...unless the download holds a later row it skipped (a payment still pending on
    # 6 Nov: 24 + 27 - 31 = 21 days before 27 Nov, not more than 45)
    reaches = {"Download.CSV": pd.Timestamp("2026-11-06 15:00"), "toptal.xlsx": pd.NaT}
    assert platforms_ending_early(t, reaches=reaches).empty
    # a file's reach counts for its own platform only
    assert ends(platforms_ending_early(t, reaches={"toptal.xlsx": pd.Timestamp("2026-11-27")})) == {
        "paypal": "2026-10-06"
    }


def test_a_paypal_download_ending_with_a_pending_payment_is_not_named_on_the_pages():
    # Toptal-like income to 27 Nov (template); PayPal's last completed payment 6 Oct, then one
    # received 6 Nov still Pending (skipped: not received yet). The download reaches 6 Nov.
    template = textwrap.dedent(
        """\
        date,platform,kind,gross,fee,net,currency,hours,client,description,reference
        2026-09-27,toptal,earning,2000.00,0.00,2000.00,USD,,Acme,Week,T1
        2026-11-27,toptal,earning,2000.00,0.00,2000.00,USD,,Acme,Week,T2
        """
    ).encode()
    header = '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID"\n'
    paypal = (
        header
        + '"10/06/2026","10:00:00","PDT","Bluebird","General Payment","Completed","USD","500.00","-17.75","482.25","P1"\n'
        + '"11/06/2026","10:00:00","PST","Bluebird","General Payment","Pending","USD","300.00","-10.77","289.23","P2"\n'
    ).encode()
    at = upload(
        new_app(), ("toptal.csv", template, "text/csv"), ("Download.CSV", paypal, "text/csv")
    )
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert "file(s) end on" not in warnings(at)
    # without the pending row, PayPal's download stops on 6 Oct: 51 days before 27 Nov
    at = upload(
        new_app(),
        ("toptal.csv", template, "text/csv"),
        ("Download.CSV", paypal.rsplit(b'"11/06', 1)[0], "text/csv"),
    )
    at.switch_page("pages/1_Overview.py").run()
    assert "Your PayPal file(s) end on 6 Oct 2026, while your files run to 27 Nov 2026" in (
        warnings(at)
    )


def test_no_platform_ends_early_in_one_platforms_files_or_an_empty_table():
    one = rows(("2025-01-05", "upwork", "earning", 10.0), ("2025-12-20", "upwork", "fee", -1.0))
    assert platforms_ending_early(one).empty
    empty = platforms_ending_early(rows(("2025-01-05", "upwork", "earning", 1.0)).iloc[:0])
    assert empty.empty and pd.isna(empty.attrs["files_end"])


# --- the Monthly summary's tax notes and the date range (analytics) ----------------------------


def uk_rows() -> pd.DataFrame:
    """UK tax year 2025/26 runs 6 Apr 2025 - 5 Apr 2026; its tax months run from the 6th."""
    frame = pd.DataFrame(
        [
            ("2025-04-03", "earning", 100.0),  # tax year 2024/25, on the April 2025 row
            ("2025-04-20", "earning", 20_000.0),  # tax month 2025-04 (6 Apr - 5 May)
            ("2025-09-10", "earning", 10_000.0),  # tax month 2025-09
            ("2026-01-15", "refund", -500.0),  # tax month 2026-01 (6 Jan - 5 Feb): a release
            ("2026-04-02", "earning", 1_000.0),  # tax month 2026-03 (6 Mar - 5 Apr), April row
            ("2026-04-10", "earning", 300.0),  # tax year 2026/27, on the April 2026 row
        ],
        columns=["date", "kind", "net"],
    )
    frame["platform"] = "upwork"
    frame["gross"] = frame["net"]
    frame["fee"] = 0.0
    frame["currency"] = "GBP"
    return conform(frame)


APRIL_2025 = "2025-04: 100.00 GBP of this month's net income is dated before 6 Apr 2025"
APRIL_2026 = "2026-04: 300.00 GBP of this month's net income is dated from 6 Apr 2026"
# Tax month 2026-01 is month 10: 20,000 + 10,000 - 500 = 29,500 so far -> 29,500 x 12 / 10 =
# 35,400 a year -> (35,400 - 12,570) x (20% + 6%) = 5,935.80 -> rate 5,935.80 / 35,400;
# its income -500 x that rate = -83.84: 83.84 may be released.
RELEASE = "(2026-01: £83.84)"
EXCESS = "What you set aside by March 2026"  # the plan's last tax month, 6 Mar - 5 Apr 2026


def test_summary_without_a_range_keeps_every_tax_note():
    s = monthly_summary(uk_rows(), tax_profile=TaxProfile("UK", 2025))
    notes = " ".join(s.attrs["tax_notes"])
    for note in (APRIL_2025, APRIL_2026, RELEASE, EXCESS, "UK tax months run from the 6th"):
        assert note in notes, note


def test_the_tax_years_range_leaves_out_the_notes_about_the_rows_outside_it():
    profile = TaxProfile("UK", 2025)
    whole = monthly_summary(uk_rows(), tax_profile=profile)
    ranged = monthly_summary(
        uk_rows(), tax_profile=profile, start=dt.date(2025, 4, 6), end=dt.date(2026, 4, 5)
    )
    notes = " ".join(ranged.attrs["tax_notes"])
    # 3 Apr 2025 and 10 Apr 2026 are outside the range: their rows are not in the table
    assert APRIL_2025 not in notes and APRIL_2026 not in notes
    assert RELEASE in notes and EXCESS in notes  # January and March 2026 are inside
    assert "UK tax months run from the 6th" in notes  # about the year as a whole
    assert ranged.attrs["tax_notes"][-1] == "Estimate, not tax advice — UK 2025/26 parameters"
    assert "2025-04: 100.00" not in " ".join(ranged.attrs["messages"])
    # no number changes: April 2025's row is 20,000 (6-30 Apr) with the year's set-aside
    assert ranged.loc["2025-04", "net"] == 20_000.0
    for month in ranged.index:
        assert ranged.loc[month, "tax_set_aside"] == whole.loc[month, "tax_set_aside"]


def test_a_range_of_one_month_keeps_only_the_notes_about_the_year_as_a_whole():
    ranged = monthly_summary(
        uk_rows(),
        tax_profile=TaxProfile("UK", 2025),
        start=dt.date(2025, 9, 1),
        end=dt.date(2025, 9, 30),
    )
    notes = " ".join(ranged.attrs["tax_notes"])
    for note in (APRIL_2025, APRIL_2026, RELEASE, EXCESS):
        assert note not in notes, note
    assert "UK tax months run from the 6th" in notes
    assert list(ranged.index.astype(str)) == ["2025-09"]


def test_a_range_that_holds_part_of_the_other_years_income_counts_that_part():
    t = uk_rows()
    extra = t.iloc[[0]].assign(date=pd.Timestamp("2025-04-01"), net=40.0, gross=40.0)
    t = conform(pd.concat([t, extra], ignore_index=True))
    profile = TaxProfile("UK", 2025)
    whole = monthly_summary(t, tax_profile=profile)
    # the whole table: 1 Apr 40 + 3 Apr 100 = 140 of April 2025 is of tax year 2024/25
    assert "2025-04: 140.00 GBP" in " ".join(whole.attrs["tax_notes"])
    ranged = monthly_summary(t, tax_profile=profile, start=dt.date(2025, 4, 2))
    # from 2 Apr: the row holds 3 Apr's 100 + 20 Apr's 20,000 = 20,100, of which 100 is 2024/25
    assert ranged.loc["2025-04", "net"] == 20_100.0
    assert APRIL_2025 in " ".join(ranged.attrs["tax_notes"])


# --- the pages, through AppTest -----------------------------------------------------------------


@pytest.fixture(autouse=True)
def giglens_home(tmp_path, monkeypatch):
    """Remembered choices go to a temporary folder; "today" is 1 July 2025 (a test of a
    finished year sets its own)."""
    monkeypatch.setenv("GIGLENS_HOME", str(tmp_path / "giglens-home"))
    monkeypatch.setenv("GIGLENS_TODAY", "2025-07-01")
    return tmp_path / "giglens-home"


@pytest.fixture
def on_this_computer():
    """The server as `make run` starts it, bound to localhost: files and choices are kept."""
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


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


# GigLens template, four platforms. The files run to 20 Jun 2025 (Stripe).
# Upwork ends 28 Mar: 3 (to 31 Mar) + 30 + 31 + 20 = 84 days before -> named.
# MTurk ends 30 Apr: 31 (May) + 20 = 51 days before -> named.
# PayPal ends 10 May: 21 (to 31 May) + 20 = 41 days before -> not named (45 at most).
FOUR_PLATFORMS = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-01-10,stripe,earning,400.00,0.00,400.00,USD,,Acme,Invoice,S1
    2025-01-15,upwork,earning,300.00,0.00,300.00,USD,,Beta,Website,U1
    2025-02-15,upwork,earning,300.00,0.00,300.00,USD,,Beta,Website,U2
    2025-03-28,upwork,earning,300.00,0.00,300.00,USD,,Beta,Website,U3
    2025-04-30,mturk,earning,20.00,0.00,20.00,USD,,Requester A,HITs,M1
    2025-05-10,paypal,earning,80.00,0.00,80.00,USD,,Gamma,Design,P1
    2025-06-20,stripe,earning,400.00,0.00,400.00,USD,,Acme,Invoice,S2
    """
).encode()


def per_platform(template: bytes) -> list[tuple[str, bytes, str]]:
    """A template's rows as one file per platform, as each platform's own downloads are (a
    single file of several platforms that reaches the end names none: nothing to download)."""
    header, *lines = template.decode().splitlines()
    platforms = dict.fromkeys(line.split(",")[1] for line in lines)
    return [
        (
            f"{name}.csv",
            "\n".join([header, *(ln for ln in lines if ln.split(",")[1] == name), ""]).encode(),
            "text/csv",
        )
        for name in platforms
    ]


NOTE = (
    "Your Upwork file(s) end on 28 Mar 2025 and your Amazon MTurk file(s) on 30 Apr 2025, while "
    "your files run to 20 Jun 2025: if you earned there since, add the newer downloads."
)


@pytest.mark.parametrize(
    "page", ["pages/1_Overview.py", "pages/2_Volatility.py", "pages/7_Monthly_summary.py"]
)
def test_the_pages_name_the_platforms_whose_files_end_early(page):
    at = upload(new_app(), *per_platform(FOUR_PLATFORMS))
    at.switch_page(page).run()
    no_exception(at)
    assert NOTE in warnings(at)
    assert "PayPal file(s)" not in warnings(at)


def test_the_note_names_only_the_platforms_the_sidebar_shows():
    at = upload(new_app(), *per_platform(FOUR_PLATFORMS))
    at.switch_page("pages/2_Volatility.py").run()
    at.multiselect(key="giglens.w.platforms").unselect("mturk").run()
    no_exception(at)
    assert (
        "Your Upwork file(s) end on 28 Mar 2025, while your files run to 20 Jun 2025: if you "
        "earned there since, add the newer downloads. Until then, the months after count no "
        "income from it:"
    ) in warnings(at)
    assert "MTurk" not in warnings(at)
    at.multiselect(key="giglens.w.platforms").set_value(["stripe", "paypal"]).run()
    no_exception(at)
    assert "file(s) end on" not in warnings(at)


def test_work_that_ended_is_no_longer_warned_of_until_a_newer_file_or_taken_back(
    on_this_computer,
):
    at = upload(new_app(), *per_platform(FOUR_PLATFORMS))
    at.switch_page("pages/1_Overview.py").run()
    [ended] = [b for b in at.button if b.label == "My work on Upwork ended then"]
    ended.click().run()
    no_exception(at)
    # MTurk is still named, Upwork not, on every page (the tax page's note too)
    assert (
        "Your Amazon MTurk file(s) end on 30 Apr 2025, while your files run to 20 Jun 2025"
    ) in warnings(at)
    assert "Upwork" not in warnings(at)
    at.switch_page("pages/6_Tax_reserve.py").run()
    assert "Your Amazon MTurk file(s) end on 30 Apr 2025" in warnings(at)
    assert "Upwork" not in warnings(at)
    # remembered for a later session (the SQLite file in GIGLENS_HOME), with the files
    later = new_app()
    later.switch_page("pages/2_Volatility.py").run()
    assert "MTurk file(s) end on" in warnings(later) and "Upwork" not in warnings(later)
    # "Clear all imported data" forgets it with the files
    cleared = new_app()
    cleared.button(key="giglens.clear.confirm").click().run()
    cleared = upload(cleared, *per_platform(FOUR_PLATFORMS))
    cleared.switch_page("pages/2_Volatility.py").run()
    assert "your Upwork file(s) on 28 Mar 2025" not in warnings(cleared)
    assert "Your Upwork file(s) end on 28 Mar 2025" in warnings(cleared)
    [ended] = [b for b in cleared.button if b.label == "My work on Upwork ended then"]
    ended.click().run()
    # a newer Upwork file ending 30 Apr (still 51 days early): it is named again, from there
    newer = FOUR_PLATFORMS.replace(b"2025-03-28,upwork", b"2025-04-30,upwork")
    at = upload(new_app(), *per_platform(newer)[1:2])
    at.switch_page("pages/1_Overview.py").run()
    assert "Your Amazon MTurk file(s) end on 30 Apr 2025 and your Upwork file(s) on 30 Apr" in (
        warnings(at)
    )


def test_work_said_to_have_ended_can_be_taken_back_on_the_home_page():
    at = upload(new_app(), *per_platform(FOUR_PLATFORMS))
    at.switch_page("pages/2_Volatility.py").run()
    [ended] = [b for b in at.button if b.label == "My work on Amazon MTurk ended then"]
    ended.click().run()
    assert "MTurk" not in warnings(at)
    # a server others may reach (not bound to this computer) keeps it for this visit only
    other = upload(new_app(), *per_platform(FOUR_PLATFORMS))
    other.switch_page("pages/2_Volatility.py").run()
    assert "your Amazon MTurk file(s) on 30 Apr 2025" in warnings(other)
    at.switch_page("app.py").run()
    box = at.multiselect(key="giglens.w.ended_platforms")
    assert box.value == ["mturk"]
    assert "Amazon MTurk (files end on 30 Apr 2025)" in box.options
    box.set_value([]).run()
    no_exception(at)
    at.switch_page("pages/2_Volatility.py").run()
    assert "your Amazon MTurk file(s) on 30 Apr 2025" in warnings(at)


def test_a_date_range_that_ends_before_the_missing_months_names_no_platform():
    at = upload(new_app(), *per_platform(FOUR_PLATFORMS))
    at.switch_page("pages/1_Overview.py").run()
    # to 30 Apr: Upwork's 28 Mar is 3 + 30 = 33 days before, MTurk's 30 Apr is the last day
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 1, 1), dt.date(2025, 4, 30)))
    at.run()
    no_exception(at)
    assert "file(s) end on" not in warnings(at)
    # to 20 May: Upwork's 28 Mar is 3 + 30 + 20 = 53 days before; MTurk's 30 Apr only 20
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 1, 1), dt.date(2025, 5, 20)))
    at.run()
    assert "Your Upwork file(s) end on 28 Mar 2025, while your files run to 20 Jun 2025" in (
        warnings(at)
    )


# GBP income of UK tax year 2025/26 (6 Apr 2025 - 5 Apr 2026) and around it, as `uk_rows`.
UK_FILE = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-04-03,upwork,earning,100.00,0.00,100.00,GBP,,Acme,Website,K1
    2025-04-20,upwork,earning,20000.00,0.00,20000.00,GBP,,Acme,Website,K2
    2025-09-10,upwork,earning,10000.00,0.00,10000.00,GBP,,Acme,Website,K3
    2026-01-15,upwork,refund,-500.00,0.00,-500.00,GBP,,Acme,Refund,K4
    2026-04-02,upwork,earning,1000.00,0.00,1000.00,GBP,,Acme,Website,K6
    2026-04-10,upwork,earning,300.00,0.00,300.00,GBP,,Acme,Website,K5
    """
).encode()


def monthly_summary_uk(monkeypatch) -> AppTest:
    monkeypatch.setenv("GIGLENS_TODAY", "2026-07-01")  # tax year 2025/26 is over
    at = upload(new_app(), ("uk.csv", UK_FILE, "text/csv"))
    at.switch_page("pages/7_Monthly_summary.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    no_exception(at)
    return at


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def set_aside(at: AppTest) -> dict[str, float]:
    """The table's "Set aside from the month" column, by month ("Sep 2025")."""
    frame = next(d.value for d in at.dataframe if "Month" in d.value.columns)
    return dict(zip(frame["Month"], frame["Set aside from the month"], strict=True))


# The year over (the files run to its end): every month at the year's own rate. Its income
# 20,000 + 10,000 - 500 + 1,000 = 30,500; tax (30,500 - 12,570) x (20% + 6%) = 4,661.80, rate
# 4,661.80 / 30,500: Sep 2025's 10,000 carries 1,528.46, Jan 2026's -500 releases 76.42; the
# months add up to the year's tax, so nothing was set aside beyond it (no EXCESS note).
RELEASE_FINAL = "(2026-01: £76.42)"


def test_monthly_summary_shows_the_tax_notes_of_the_date_range_only(monkeypatch):
    at = monthly_summary_uk(monkeypatch)
    said = captions(at)
    for note in (APRIL_2025, APRIL_2026, RELEASE_FINAL):  # every date: every note
        assert note in said, note
    assert EXCESS not in said
    before = set_aside(at)
    assert before["Sep 2025"] == pytest.approx(1_528.46, abs=0.011)  # within a cent
    assert before["Jan 2026"] == pytest.approx(-76.42, abs=0.011)
    assert sum(before.values()) == pytest.approx(4_661.80, abs=0.001)

    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 4, 6), dt.date(2026, 4, 5)))
    at.run()
    no_exception(at)
    said = captions(at)
    assert APRIL_2025 not in said and APRIL_2026 not in said  # their rows are filtered out
    assert RELEASE_FINAL in said  # January 2026 is in the range
    assert "UK tax months run from the 6th to the 5th" in said
    after = set_aside(at)
    assert after["Sep 2025"] == before["Sep 2025"]  # no number changes
    assert after["Jan 2026"] == before["Jan 2026"]

    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 9, 1), dt.date(2025, 9, 30)))
    at.run()
    no_exception(at)
    said = captions(at)
    for note in (APRIL_2025, APRIL_2026, RELEASE_FINAL):
        assert note not in said, note
    assert set_aside(at)["Sep 2025"] == before["Sep 2025"]


def test_the_plan_says_which_months_each_of_its_notes_is_about():
    # the rows above: one note on the rows of other tax years (the whole year: no month), the
    # excess set aside by the last tax month (2026-03), the release of 2026-01
    from analytics.tax import reserve_plan

    plan = reserve_plan(uk_rows(), TaxProfile("UK", 2025))
    about = dict(zip(plan.attrs["notes"], plan.attrs["note_months"], strict=True))
    assert [months for note, months in about.items() if "another year's tax" in note] == [()]
    assert [m for n, m in about.items() if n.startswith(EXCESS)] == [(pd.Period("2026-03", "M"),)]
    assert [m for n, m in about.items() if RELEASE in n] == [(pd.Period("2026-01", "M"),)]


def test_the_tax_page_compares_with_the_end_of_its_tax_year(monkeypatch):
    """Stripe runs to 20 Nov 2026, Etsy ends 10 May 2026. UK 2025/26 ends 5 Apr 2026: Etsy
    covers all of it, nothing to say. 2026/27 (under way, the files to 20 Nov 2026): Etsy's
    10 May is 21 + 30 + 31 + 31 + 30 + 31 + 20 = 194 days before: named."""
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-29")
    gbp = textwrap.dedent(
        """\
        date,platform,kind,gross,fee,net,currency,hours,client,description,reference
        2025-05-10,etsy,earning,900.00,0.00,900.00,GBP,,Shop,Sale,E1
        2026-05-10,etsy,earning,900.00,0.00,900.00,GBP,,Shop,Sale,E2
        2025-06-20,stripe,earning,5000.00,0.00,5000.00,GBP,,Acme,Invoice,S1
        2026-11-20,stripe,earning,5000.00,0.00,5000.00,GBP,,Acme,Invoice,S2
        """
    ).encode()
    at = upload(new_app(), *per_platform(gbp))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2025).run()
    no_exception(at)
    assert "file(s) end on" not in warnings(at)
    at.selectbox(key="giglens.w.tax_year").set_value(2026).run()
    no_exception(at)
    assert "Your Etsy file(s) end on 10 May 2026, while your files run to 20 Nov 2026" in (
        warnings(at)
    )


def test_a_template_of_several_platforms_that_reaches_the_end_names_none():
    """One hand-filled template: Fiverr's last sale on 20 Jan 2026, its Upwork rows to 6 Apr
    2026. The file itself reaches the end: Fiverr simply had nothing later, and there is no
    newer Fiverr download to add. A separate Etsy file that stops in January is named."""
    t = rows(
        ("2025-05-10", "fiverr", "earning", 100.0),
        ("2026-01-20", "fiverr", "earning", 100.0),
        ("2026-04-06", "upwork", "earning", 500.0),
        ("2026-01-15", "etsy", "earning", 20.0),
    )
    t["source"] = ["mine.csv", "mine.csv", "mine.csv", "etsy_statement_2026_1.csv"]
    assert ends(platforms_ending_early(t)) == {"etsy": "2026-01-15"}


def test_one_template_of_four_platforms_names_none():
    """The same rows in one hand-filled template, which runs to 20 Jun 2025 itself: Upwork and
    MTurk had nothing later, and there is no newer download of theirs to add."""
    at = upload(new_app(), ("earnings.csv", FOUR_PLATFORMS, "text/csv"))
    at.switch_page("pages/1_Overview.py").run()
    no_exception(at)
    assert "file(s) end on" not in warnings(at)


def test_a_template_that_ends_45_days_before_the_end_is_up_to_date_46_is_not():
    """Fiverr's last row 1 Jan 2026 in a template whose last row is 14 Feb 2026: 45 days
    before Etsy's 31 Mar (14 + 31), within the 45 allowed: the template is up to date, nothing
    named. Its last row on 13 Feb (46 days before): the template itself ends early, and Fiverr
    (1 Jan) and Upwork (13 Feb) are named."""

    def ending(template_end: str) -> dict[str, str]:
        t = rows(
            ("2026-01-01", "fiverr", "earning", 100.0),
            (template_end, "upwork", "earning", 500.0),
            ("2026-03-31", "etsy", "earning", 20.0),
        )
        t["source"] = ["mine.csv", "mine.csv", "etsy.csv"]
        return ends(platforms_ending_early(t))

    assert ending("2026-02-14") == {}
    assert ending("2026-02-13") == {"fiverr": "2026-01-01", "upwork": "2026-02-13"}


def test_a_platform_left_more_than_two_years_before_is_not_named():
    """Files to 30 Nov 2026: Toptal last paid in June 2016 and Etsy on 29 Nov 2024 (731 days
    before) are platforms left long ago, not downloads missing, so not named on every page;
    Stripe, last on 30 Nov 2024 (730 days before), still is."""
    t = rows(
        ("2026-11-30", "paypal", "earning", 100.0),  # the files' last day
        ("2016-06-10", "toptal", "earning", 500.0),
        ("2024-11-30", "stripe", "earning", 50.0),  # 730 days before: still named
        ("2024-11-29", "etsy", "earning", 20.0),  # 731 days before: left
    )
    assert ends(platforms_ending_early(t)) == {"stripe": "2024-11-30"}


# Toptal's download starts with a payment on 26 Dec 2025; Stripe's and PayPal's income starts
# in January 2026 (their downloads chosen from 1 Jan): December holds a part of the income.
PART_FIRST_MONTH = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-12-26,toptal,earning,2280.00,0.00,2280.00,USD,,Acme,Week,T1
    2026-01-09,toptal,earning,2280.00,0.00,2280.00,USD,,Acme,Week,T2
    2026-01-05,stripe,earning,3500.00,101.80,3398.20,USD,,Northwind,Invoice,S1
    2026-01-20,paypal,earning,600.00,21.27,578.73,USD,,Bluebird,Design,P1
    2026-02-09,toptal,earning,2280.00,0.00,2280.00,USD,,Acme,Week,T3
    2026-02-05,stripe,earning,3500.00,101.80,3398.20,USD,,Northwind,Invoice,S2
    """
).encode()


@pytest.mark.parametrize(
    "page", ["pages/1_Overview.py", "pages/2_Volatility.py", "pages/5_Micro_vs_freelance.py"]
)
def test_a_first_month_the_files_cover_only_in_part_is_pointed_out(page):
    at = upload(new_app(), *per_platform(PART_FIRST_MONTH))
    at.switch_page(page).run()
    no_exception(at)
    assert (
        "Your files start on 26 Dec 2025, and your Stripe and PayPal income only in Jan 2026: "
        "Dec 2025 probably holds only part of your income"
    ) in warnings(at)
    [look] = [b for b in at.button if b.label == "Look at Jan 2026 – Feb 2026 only"]
    look.click().run()
    no_exception(at)
    assert at.date_input(key="giglens.w.dates").value == (dt.date(2026, 1, 1), dt.date(2026, 2, 9))
    assert "probably holds only part" not in warnings(at)


def test_a_first_month_that_is_no_dip_is_not_called_a_part_month():
    """Lucía's files start on 12 Jan and Stripe's sales on 5 Feb, but January holds its
    month's income: 1,300 against a median of 1,000 for February to April (1,000, 1,200,
    400). Only a first month below that median is called a part month: 900 is."""

    def late(january: float) -> dict[str, str]:
        return ends(
            platforms_starting_a_month_late(
                rows(
                    ("2026-01-12", "upwork", "earning", january),
                    ("2026-02-05", "stripe", "earning", 300.0),
                    ("2026-02-16", "upwork", "earning", 700.0),
                    ("2026-03-09", "upwork", "earning", 1200.0),
                    ("2026-04-20", "upwork", "earning", 400.0),
                )
            )
        )

    assert late(1300.0) == {}
    assert late(1000.0) == {}  # at the median: no dip
    assert late(900.0) == {"stripe": "2026-02-05"}


def test_a_platform_missing_from_a_last_month_that_is_a_dip_is_named():
    """Rosa: Etsy pays every month to October (its November statement is not out yet) and
    Gumroad to 25 November. November's 171.80 is below the median of the months before
    (1,400): Etsy is named with its last day. With November at 1,500 (no dip), or Etsy paying
    in only 2 of the 4 months before, nothing is."""

    def missing(november: float, etsy_months=(7, 8, 9, 10)) -> dict[str, str]:
        items = [(f"2026-{m:02d}-28", "etsy", "earning", 1200.0) for m in etsy_months]
        items += [(f"2026-{m:02d}-15", "gumroad", "earning", 200.0) for m in (7, 8, 9, 10)]
        items.append(("2026-11-25", "gumroad", "earning", november))
        return ends(platforms_missing_from_the_last_month(rows(*items)))

    assert missing(171.80) == {"etsy": "2026-10-28"}
    assert missing(1500.0) == {}
    assert missing(171.80, etsy_months=(9, 10)) == {}


def test_a_last_month_the_files_hold_only_the_first_days_of_is_found_when_it_is_a_dip():
    """Dee: 1,000 paid on the 10th of Sep to Dec 2026, 300 on 5 Jan 2027 and a withdrawal on
    18 Jan 2027, the files' last day: January holds 18 of its 31 days (13 left, a week or
    more) and 300 is below the months' median (1,000). Files to 25 Jan (6 days left), a
    January of 1,200 (no dip), or only two months before it: nothing."""

    def cut(end="2027-01-18", january=300.0, months=(9, 10, 11, 12)):
        items = [(f"2026-{m:02d}-10", "upwork", "earning", 1000.0) for m in months]
        items += [("2027-01-05", "upwork", "earning", january)]
        items += [(end, "upwork", "transfer", -500.0)]
        return last_month_cut_short(rows(*items))

    assert cut() == (pd.Timestamp("2027-01-18"), pd.Period("2027-01", freq="M"))
    assert cut(end="2027-01-25") is None
    assert cut(january=1200.0) is None
    assert cut(months=(11, 12)) is None
    assert last_month_cut_short(rows()) is None
    # a January of no income at all, only the withdrawal on the 18th: a month of 0, flagged
    assert cut(january=0.0) == (pd.Timestamp("2027-01-18"), pd.Period("2027-01", freq="M"))
    # the tax projection's own last day (a time entry's, 20 Jan): 11 days left, flagged
    assert last_month_cut_short(
        rows(*[(f"2026-{m:02d}-10", "upwork", "earning", 1000.0) for m in (9, 10, 11, 12)]),
        files_end="2027-01-20",
    ) == (pd.Timestamp("2027-01-20"), pd.Period("2027-01", freq="M"))


def test_the_main_currency_of_a_cut_short_month_is_that_of_the_last_twelve_months():
    """Sixty small EUR payments in 2024, then USD from Oct 2025 (1,000 a month); January 2026
    ends on the 10th with 3,000 USD, its best month: no dip in USD, not "0 EUR"."""
    items = [
        (f"2024-{m:02d}-{d:02d}", "clickworker", "earning", 5.0)
        for m in range(1, 13)
        for d in (3, 8, 13, 18, 23)
    ]
    items += [(f"2025-{m:02d}-10", "upwork", "earning", 1000.0) for m in (10, 11, 12)]
    items += [("2026-01-10", "upwork", "earning", 3000.0)]
    t = rows(*items)
    t["currency"] = ["EUR"] * 60 + ["USD"] * 4
    assert last_month_cut_short(t) is None


DEE_TO_18_JANUARY = textwrap.dedent(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2026-09-10,upwork,earning,1000.00,0.00,1000.00,USD,,Acme,Work,D1
    2026-10-10,upwork,earning,1000.00,0.00,1000.00,USD,,Acme,Work,D2
    2026-11-10,upwork,earning,1000.00,0.00,1000.00,USD,,Acme,Work,D3
    2026-12-10,upwork,earning,1000.00,0.00,1000.00,USD,,Acme,Work,D4
    2027-01-05,upwork,earning,300.00,0.00,300.00,USD,,Acme,Work,D5
    2027-01-18,upwork,transfer,-500.00,0.00,-500.00,USD,,,Withdrawal,W1
    """
).encode()


def test_a_last_month_held_in_part_is_pointed_out_with_a_button(monkeypatch):
    monkeypatch.setenv("GIGLENS_TODAY", "2027-01-20")
    at = upload(new_app(), ("upwork.csv", DEE_TO_18_JANUARY, "text/csv"))
    at.switch_page("pages/2_Volatility.py").run()
    no_exception(at)
    assert (
        "Your files end on 18 Jan 2027: Jan 2027 holds only its first 18 days and counts as a "
        "low month"
    ) in warnings(at)
    [look] = [b for b in at.button if b.label == "Look at Sep 2026 – Dec 2026 only"]
    look.click().run()
    assert at.date_input(key="giglens.w.dates").value == (
        dt.date(2026, 9, 1),
        dt.date(2026, 12, 31),
    )
    assert "holds only its first" not in warnings(at)
    # the tax projection of 2027 counts January as a whole month
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    at.selectbox(key="giglens.w.tax_year").set_value(2027).run()
    no_exception(at)
    assert (
        "Your files end on 18 Jan 2027: the projection counts Jan 2027 as a whole month of "
        "income with only its first 18 days in it"
    ) in warnings(at)


def test_a_platform_whose_files_reach_the_last_month_or_that_only_refunded_is_not_missing():
    """Lucía's Stripe (EUR): sales in June, July and August, a refund alone in September, a
    payout on 1 October; October's income is Upwork's (USD). Stripe's file reaches October
    (the payout), so nothing is missing; without the payout, June to September hold sales in
    3 months (the refund is no payment) and October has no EUR income: named."""

    def missing(with_payout: bool) -> dict[str, str]:
        items = [(f"2026-{m:02d}-09", "stripe", "earning", 300.0) for m in (6, 7, 8)]
        items.append(("2026-09-09", "stripe", "refund", -50.0))
        items += [(f"2026-{m:02d}-20", "upwork", "earning", 600.0) for m in (6, 7, 8, 9, 10)]
        if with_payout:
            items.append(("2026-10-01", "stripe", "transfer", -250.0))
        t = rows(*items)
        t["currency"] = ["EUR"] * 4 + ["USD"] * 5 + (["EUR"] if with_payout else [])
        return ends(platforms_missing_from_the_last_month(t))

    assert missing(with_payout=True) == {}
    assert missing(with_payout=False) == {"stripe": "2026-09-09"}


def test_a_time_trackers_earlier_hours_do_not_hide_a_part_first_month():
    # Toggl's hours from 3 Dec move no money: the files' income still starts on 26 Dec
    toggl = (
        b"User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
        b"End time,Duration,Tags,Amount ()\n"
        b"Dana,d@example.com,Acme,Site,,Build,Yes,2025-12-03,09:00:00,2025-12-03,12:00:00,"
        b"03:00:00,,\n"
    )
    files = [*per_platform(PART_FIRST_MONTH), ("Toggl_Track.csv", toggl, "text/csv")]
    at = upload(new_app(), *files)
    at.switch_page("pages/2_Volatility.py").run()
    no_exception(at)
    assert "Your files start on 26 Dec 2025, and your Stripe and PayPal income only" in (
        warnings(at)
    )


# Rosa: Etsy 1,200.00 a month July to October (its November statement not out yet); Gumroad
# 200.00 a month and 171.80 on 25 Nov
ROSA_TO_NOVEMBER = (
    "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
    + "".join(
        f"2026-{m:02d}-28,etsy,earning,1200.00,0.00,1200.00,USD,,,Sale,E{m}\n"
        f"2026-{m:02d}-15,gumroad,earning,200.00,0.00,200.00,USD,,,Sale,G{m}\n"
        for m in (7, 8, 9, 10)
    )
    + "2026-11-25,gumroad,earning,171.80,0.00,171.80,USD,,,Sale,G11\n"
).encode()


def test_a_last_month_without_a_regular_platform_is_pointed_out_with_a_button():
    at = upload(new_app(), *per_platform(ROSA_TO_NOVEMBER))
    at.switch_page("pages/2_Volatility.py").run()
    no_exception(at)
    assert (
        "Your Etsy (to 28 Oct 2026) income stops before Nov 2026, the last month of your files"
    ) in warnings(at)
    [look] = [b for b in at.button if b.label == "Look at Jul 2026 – Oct 2026 only"]
    look.click().run()
    no_exception(at)
    assert at.date_input(key="giglens.w.dates").value == (
        dt.date(2026, 7, 1),
        dt.date(2026, 10, 31),
    )
    assert "stops before" not in warnings(at)
    # a range from 15 Jul keeps its start
    at.date_input(key="giglens.w.dates").set_value((dt.date(2026, 7, 15), dt.date(2026, 11, 30)))
    at.run()
    [look] = [b for b in at.button if b.label == "Look at Jul 2026 – Oct 2026 only"]
    look.click().run()
    assert at.date_input(key="giglens.w.dates").value == (
        dt.date(2026, 7, 15),
        dt.date(2026, 10, 31),
    )


def test_the_tax_page_says_its_projection_counts_a_last_month_a_platform_is_missing_from(
    monkeypatch,
):
    # Rosa, seen on 30 Nov 2026: Etsy's November statement is not out; the projection counts
    # November (Gumroad's 171.80 alone) as a month of income
    monkeypatch.setenv("GIGLENS_TODAY", "2026-11-30")
    at = upload(new_app(), *per_platform(ROSA_TO_NOVEMBER))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("US").run()
    no_exception(at)
    assert (
        "Your Etsy (to 28 Oct 2026) income stops before Nov 2026, the last month of your files, "
        "after paying in the months before: the projection counts Nov 2026 as a month of your "
        "income without it"
    ) in warnings(at)


def test_files_that_start_early_in_their_first_month_are_not_pointed_out():
    # the same files from 3 Dec: December is a month of Toptal income, not a part month
    early = PART_FIRST_MONTH.replace(b"2025-12-26", b"2025-12-03")
    at = upload(new_app(), *per_platform(early))
    at.switch_page("pages/2_Volatility.py").run()
    no_exception(at)
    assert "probably holds only part" not in warnings(at)


def test_a_date_range_starting_late_in_a_month_is_no_part_month_of_the_files():
    # the files start on 3 Jan 2025; PayPal's income in April. A range from 10 Mar cuts March,
    # but no download is missing: nothing to point out
    data = textwrap.dedent(
        """\
        date,platform,kind,gross,fee,net,currency,hours,client,description,reference
        2025-01-03,toptal,earning,2280.00,0.00,2280.00,USD,,Acme,Week,T1
        2025-03-13,toptal,earning,2280.00,0.00,2280.00,USD,,Acme,Week,T2
        2025-04-05,paypal,earning,600.00,21.27,578.73,USD,,Bluebird,Design,P1
        2025-05-09,toptal,earning,2280.00,0.00,2280.00,USD,,Acme,Week,T3
        """
    ).encode()
    at = upload(new_app(), *per_platform(data))
    at.switch_page("pages/2_Volatility.py").run()
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 3, 10), dt.date(2025, 6, 30)))
    at.run()
    no_exception(at)
    assert "probably holds only part" not in warnings(at)


def test_the_part_first_months_button_keeps_the_date_ranges_end():
    at = upload(new_app(), *per_platform(PART_FIRST_MONTH))
    at.switch_page("pages/1_Overview.py").run()
    at.date_input(key="giglens.w.dates").set_value((dt.date(2025, 12, 1), dt.date(2026, 1, 31)))
    at.run()
    no_exception(at)
    # the range ends on 31 Jan: the button looks at January, not on to the files' February
    assert [b.label for b in at.button if b.label.startswith("Look at")] == [
        "Look at Jan 2026 – Jan 2026 only"
    ]
