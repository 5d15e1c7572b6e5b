"""Toggl Track and Clockify detailed reports: one `time` row per entry, hours only."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import load_export

TOGGL = """\
User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()
Me,me@x.test,Acme,Website,,"Homepage copy, v2",Yes,2026-01-05,09:00:00,2026-01-05,10:30:00,01:30:00,,75.00
Me,me@x.test,,Internal,Admin,Invoices,No,2026-01-06,16:00:00,2026-01-06,16:20:00,00:20:00,,
Me,me@x.test,Acme,Website,,Migration,Yes,2026-01-30,20:00:00,2026-01-31,21:30:00,25:30:00,,
Me,me@x.test,Beta,App,,Standup,Yes,2026-02-02,09:00:00,2026-02-02,09:00:00,00:00:00,,
Me,me@x.test,Beta,App,,Design,Yes,2026-02-03,09:00:00,2026-02-03,11:45:00,02:45:00,,
Me,me@x.test,Beta,App,,Broken,Yes,not a date,09:00:00,,,01:00:00,,
Me,me@x.test,Beta,App,,Broken too,Yes,2026-02-04,09:00:00,2026-02-04,10:00:00,1h,,
"""


@pytest.fixture
def toggl():
    # with a byte-order mark, as Toggl downloads often have
    return load_export(b"\xef\xbb\xbf" + TOGGL.encode(), filename="Toggl_time_entries.csv")


def test_toggl_every_row_accounted_for(toggl):
    assert toggl.platform == "toggl"
    assert toggl.rows_read == 7
    assert len(toggl.transactions) == 4
    assert list(toggl.skipped["reason"]) == ["zero-length time entry"]
    reasons = dict(zip(toggl.rejected["row"], toggl.rejected["reason"]))
    assert sorted(reasons) == [7, 8]
    assert "not a date" in reasons[7]
    assert "'1h'" in reasons[8]


def test_toggl_hours_by_month_and_client(toggl):
    tx = toggl.transactions
    assert set(tx["kind"]) == {"time"}
    assert (tx[["gross", "fee", "net"]] == 0).all().all()
    assert set(tx["currency"]) == {""}
    assert set(tx["stream"]) == {"other"}
    monthly = tx.groupby(tx["date"].dt.to_period("M"))["hours"].sum()
    # January: 1:30 + 0:20 + 25:30 = 1.5 + 1/3 + 25.5 hours; February: 2:45 = 2.75 hours
    assert monthly[pd.Period("2026-01", "M")] == pytest.approx(1.5 + 20 / 60 + 25.5)
    assert monthly[pd.Period("2026-02", "M")] == pytest.approx(2.75)
    by_client = tx.groupby("client", observed=True)["hours"].sum()
    # the entry with no client is filed under its project, "Internal"
    assert by_client.to_dict() == pytest.approx({"Acme": 27.0, "Internal": 20 / 60, "Beta": 2.75})
    described = set(tx["description"])
    assert "Website: Homepage copy, v2" in described
    assert "Internal / Admin: Invoices [non-billable]" in described


def test_toggl_current_column_set():
    text = """\
Description,Billable,Duration,Member,Email,Tags,Client,Project,Task,Start date,Start time,Stop date,Stop time
Research,Yes,00:45:00,Me,me@x.test,,Gamma,Blog,,2026-03-01,10:00:00,2026-03-01,10:45:00
Writing,Yes,03:15:00,Me,me@x.test,,Gamma,Blog,,2026-03-02,10:00:00,2026-03-02,13:15:00
"""
    result = load_export(text.encode(), filename="toggl.csv")
    assert result.platform == "toggl"
    assert result.rejected.empty
    # 0.75 + 3.25 = 4.00 hours
    assert result.transactions["hours"].sum() == pytest.approx(4.0)


CLOCKIFY = """\
Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)
Mobile App,Acme Corp,Push notifications,,Ada,,ada@x.com,dev,Yes,03/06/2026,10:00:00 AM,03/06/2026,12:00:00 PM,02:00:00,2.00,150.00,300.00
Mobile App,Acme Corp,Review,,Ada,,ada@x.com,,Yes,03/13/2026,01:00:00 PM,03/13/2026,02:15:00 PM,01:15:00,1.25,150.00,187.50
Brand,,Logo,,Ada,,ada@x.com,,No,04/01/2026,09:00:00 AM,04/01/2026,09:40:00 AM,00:40:00,0.67,0,0
Brand,,Logo v2,,Ada,,ada@x.com,,No,04/02/2026,09:00:00 AM,04/02/2026,09:40:00 AM,,,0,0
"""


def test_clockify_hours_months_and_clients():
    result = load_export(CLOCKIFY.encode(), filename="Clockify_Time_Report_Detailed.csv")
    assert result.platform == "clockify"
    tx = result.transactions
    assert len(tx) == 3
    # the entry without a duration is refused, not counted as zero
    assert list(result.rejected["row"]) == [5]
    assert "empty" in result.rejected["reason"].iloc[0]
    # 03/13/2026 shows the file is month-first: 6 and 13 March, 1 April
    assert sorted(tx["date"].dt.strftime("%Y-%m-%d")) == ["2026-03-06", "2026-03-13", "2026-04-01"]
    monthly = tx.groupby(tx["date"].dt.to_period("M"))["hours"].sum()
    # March 2:00 + 1:15 = 3.25 h; April 0:40 = 2/3 h (from HH:MM:SS, not the rounded 0.67)
    assert monthly[pd.Period("2026-03", "M")] == pytest.approx(3.25)
    assert monthly[pd.Period("2026-04", "M")] == pytest.approx(40 / 60)
    assert set(tx["client"]) == {"Acme Corp", "Brand"}
    # billable amounts are not income
    assert (tx["gross"] == 0).all() and (tx["net"] == 0).all()
