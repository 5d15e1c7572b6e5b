"""Time-tracker exports: Toggl Track and Clockify "Detailed" report CSVs.

Each time entry becomes one row of kind `time` with `gross = fee = net = 0`, `hours` = the entry's
duration in hours and an empty currency: hours only, never money. The billable amounts these
reports print are what the user *could* invoice, not money received, so they are ignored.
`client` is the entry's Client, else its Project, so hours can be matched to income by client.
Non-billable entries are kept (tagged in the description): they are real working time and belong
in an effective hourly rate.

Layouts (headers as exported; a user may hide some columns, so only the core ones are required):
- Toggl Track, classic detailed report:
  `User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,
  Duration,Tags,Amount ()`;
- Toggl Track, current reports: `Description,Billable,Duration,Member,Email,Tags,Client,Project,
  Task,Start date,Start time,Stop date,Stop time,...`;
- Clockify detailed report: `Project,Client,Description,Task,User,Group,Email,Tags,Billable,
  Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),
  Billable Amount (USD)`.
Durations are `HH:MM:SS` (hours may exceed 24) or `H:MM`; a decimal number of hours is accepted
too. The entry's date is its start date (one date format per file).
"""

from __future__ import annotations

import pandas as pd

from analytics import parsing
from analytics.importers._common import folded
from analytics.loader import ImportContext, Layout

NON_BILLABLE_TAG = "[non-billable]"  # ends the description of an entry marked not billable


def duration_hours(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Hours from `HH:MM:SS`, `H:MM` or decimal-hour cells; returns (hours, unreadable mask).

    hours = H + M / 60 + S / 3600. Empty cells give NaN and are not flagged as unreadable.
    Each distinct duration is read once (reports repeat the same few lengths).
    """
    hours = parsing.on_uniques(text, _hours).astype("float64")
    bad = hours.isna() & (text.fillna("") != "")
    return hours, bad


def _hours(text: pd.Series) -> pd.Series:
    text = text.fillna("").astype(str)
    clock = text.str.extract(r"^(\d+):([0-5]?\d)(?::([0-5]?\d))?$")
    hours = (
        pd.to_numeric(clock[0], errors="coerce")
        + pd.to_numeric(clock[1], errors="coerce") / 60
        + pd.to_numeric(clock[2], errors="coerce").fillna(0) / 3600
    )
    decimal = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    return hours.fillna(decimal.where(decimal >= 0)).astype("float64")


def _parse_entries(ctx: ImportContext, duration_columns: tuple[str, ...]) -> None:
    duration_col = ctx.column_name(*duration_columns)
    raw = ctx.text(duration_col) if duration_col else ctx.text("Duration")
    hours, bad = duration_hours(raw)
    ctx.reject(
        bad,
        f"{duration_col} '" + raw + "' is not a duration like 01:30:00 or 1.5",
    )
    ctx.reject(raw == "", f"{duration_col} is empty: a time entry needs a duration")
    ctx.skip(hours == 0, "zero-length time entry")
    date = ctx.date("Start date")

    client = ctx.text("Client")
    project = ctx.text("Project")
    task = ctx.text("Task")
    note = ctx.text("Description")
    label = project.where(task == "", project + " / " + task)
    description = note.where(label == "", label.where(note == "", label + ": " + note))
    non_billable = folded(ctx.text("Billable")).isin(("no", "false", "0"))
    description = description.where(~non_billable, description + " " + NON_BILLABLE_TAG)

    users = ctx.text("User", "Member").loc[ctx.pending]
    if users[users != ""].nunique() > 1:
        ctx.warn(
            f"This report holds time of {users[users != ''].nunique()} people; all of it was "
            "imported. Filter the report to yourself before exporting if that is not wanted."
        )
    ctx.emit(
        ctx.pending,
        date=date,
        kind="time",
        gross=0.0,
        fee=0.0,
        currency="",
        hours=hours,
        client=client.where(client != "", project),
        description=description,
        reference="",
    )


def parse_toggl(ctx: ImportContext) -> None:
    """Toggl Track detailed report (classic or current column set)."""
    _parse_entries(ctx, ("Duration",))


def parse_clockify(ctx: ImportContext) -> None:
    """Clockify detailed report."""
    _parse_entries(ctx, ("Duration (h)", "Duration (decimal)"))


LAYOUTS = [
    Layout(
        platform="toggl",
        name="Toggl Track detailed report",
        required=(
            "User",
            "Email",
            "Project",
            "Description",
            "Start date",
            "Start time",
            "End date",
            "End time",
            "Duration",
        ),
        parse=parse_toggl,
        forbidden=("Duration (h)",),
    ),
    Layout(
        platform="toggl",
        name="Toggl Track detailed report (current)",
        required=(
            "Description",
            "Duration",
            "Member",
            "Project",
            "Start date",
            "Start time",
            "Stop date",
            "Stop time",
        ),
        parse=parse_toggl,
    ),
    Layout(
        platform="clockify",
        name="Clockify detailed report",
        required=(
            "Project",
            "Description",
            "User",
            "Start Date",
            "Start Time",
            "End Date",
            "End Time",
            "Duration (h)",
        ),
        parse=parse_clockify,
    ),
]
