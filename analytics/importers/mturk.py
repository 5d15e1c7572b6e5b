"""Amazon Mechanical Turk (worker side): saved worker-site JSON pages and a simple CSV.

MTurk has no earnings download (../shared/reference/export-formats.md §10). GigLens reads:

(a) `https://worker.mturk.com/dashboard?format=json`, saved by the user. Only
    `daily_hit_statistics_overview` is used: per day one earning row for `hits_rewards`
    (description "HIT rewards (12 HITs)", the day's `submitted` count, which a minutes-per-task
    estimate of the hours worked reads back with `tasks_in`) and one for `bonus_rewards`
    (description "Bonus"). `earnings` is that day's total
    (`hits_rewards + bonus_rewards`); it is used only as a check, never added, so nothing is
    counted twice. `earnings_to_date` and `earnings_by_period` are summaries of the same money
    and are ignored. Dates are the days as the dashboard lists them.
(b) `https://worker.mturk.com/status_details/<YYYY-MM-DD>/?format=json` pages (one per day and
    page). A page's `results` carry no date of their own, so GigLens takes the date from, in
    order: a date field on the result (`date`, `submitted_at`...), a date field on the page
    (`date`, `status_date`...), any `status_details/<date>` URL saved in the page, or the key of
    a `{"<YYYY-MM-DD>": page}` mapping. Several pages may be saved together as a JSON list.
    Rows whose date cannot be found are rejected with a reason saying how to save them.
    `state` Paid/Approved -> earning (client = requester_name, gross = reward.amount_in_dollars);
    Pending/Submitted -> skipped (not paid yet); Rejected/Returned/Abandoned -> skipped (unpaid).
(c) A CSV with date, requester, title, reward, state (`HIT Title`, `Status`, `Requester Name`
    and `Reward ($)` spellings accepted), same state rules; a row in state Transferred or
    Withdrawn (earnings moved to a bank or gift card) is a transfer out, never income.

MTurk charges its commission to requesters, not workers: fee 0. Currency USD.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd

from analytics.importers._common import iso_currency
from analytics.loader import ImportContext, Layout
from analytics.parsing import on_uniques

PAID = ("paid", "approved")
NOT_PAID_YET = ("pending", "submitted", "pending approval", "pending payment")
UNPAID = ("rejected", "returned", "abandoned", "expired")
# A hand-kept HIT list may log the worker's transfers of earnings to a bank or gift card too:
# money moved out of the MTurk balance, never income
TRANSFERRED = ("transferred", "transfer", "withdrawn", "withdrawal")

# The description of a dashboard day's HIT rewards row starts with this; the day's number of
# submitted HITs follows in brackets when the dashboard gives it.
DASHBOARD_REWARDS = "HIT rewards"
BONUS = "Bonus"
_TASK_COUNT = re.compile(r"^HIT rewards \((\d+) HITs?\)$")


def is_dashboard_rewards(descriptions: pd.Series) -> pd.Series:
    """Whether each description is a dashboard day's HIT rewards row (with or without count)."""
    text = descriptions.astype(str)
    return (text == DASHBOARD_REWARDS) | text.str.match(_TASK_COUNT.pattern)


def tasks_in(descriptions: pd.Series) -> pd.Series:
    """How many tasks (HITs) each MTurk earning row stands for: a dashboard day's HIT rewards
    row says its submitted HITs, a bonus pays for tasks already counted (0), any other row
    (one HIT of a status page or HIT list, or a dashboard day without a count) is one."""
    text = descriptions.astype(str)
    counted = pd.to_numeric(text.str.extract(_TASK_COUNT.pattern, expand=False), errors="coerce")
    return counted.fillna(1.0).where(text != BONUS, 0.0).astype("float64")


_DATE_KEYS = ("date", "status_date", "day", "work_date", "submitted_at", "submit_time")
_DATE_IN_TEXT = re.compile(r"status_details/(\d{4}-\d{2}-\d{2})")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

STATUS_COLUMNS = [
    "date",
    "state",
    "title",
    "requester_name",
    "requester_id",
    "reward",
    "currency",
    "assignment_id",
    "hit_id",
]


# --- JSON shapes --------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def dashboard_frame(doc) -> pd.DataFrame | None:
    """The daily statistics of a saved `dashboard?format=json`, or None for other documents."""
    if not isinstance(doc, dict) or not isinstance(doc.get("daily_hit_statistics_overview"), list):
        return None
    days = [d for d in doc["daily_hit_statistics_overview"] if isinstance(d, dict)]
    columns = ["date", "hits_rewards", "bonus_rewards", "earnings", "submitted", "pending"]
    return pd.DataFrame(
        [[_text(day.get(c)) for c in columns] for day in days], columns=columns, dtype=object
    )


def _date_in(obj) -> str:
    """A date found in a page or result: a known date key, else a saved status_details URL."""
    if not isinstance(obj, dict):
        return ""
    for key in _DATE_KEYS:
        value = _text(obj.get(key))
        if _ISO_DAY.match(value):
            return value
    for value in obj.values():
        if isinstance(value, str):
            found = _DATE_IN_TEXT.search(value)
            if found:
                return found.group(1)
    return ""


def _looks_like_result(item) -> bool:
    return isinstance(item, dict) and "state" in item and ("reward" in item or "hit_id" in item)


def _pages(doc) -> list[tuple[dict | list, str]]:
    """(page or bare results list, date found around it) for every page in the document."""
    if isinstance(doc, dict) and isinstance(doc.get("results"), list):
        return [(doc, _date_in(doc))]
    if isinstance(doc, dict) and doc and all(_ISO_DAY.match(str(k)) for k in doc):
        out = []
        for key, value in doc.items():
            for page, found in _pages(value):
                out.append((page, found or str(key)[:10]))
        return out
    if isinstance(doc, list):
        if doc and all(_looks_like_result(item) for item in doc):
            return [(doc, "")]
        return list(itertools.chain.from_iterable(_pages(item) for item in doc))
    return []


def status_details_frame(doc) -> pd.DataFrame | None:
    """All HIT results of saved `status_details` pages, one row each, or None."""
    records, pages_with_results = [], 0
    for page, page_date in _pages(doc):
        results = page.get("results") if isinstance(page, dict) else page
        # an empty page counts only with MTurk's own sign of a day (a date key or address):
        # `{"results": []}` alone could be any API's
        pages_with_results += isinstance(results, list) and bool(page_date)
        for item in results or []:
            if item is None:  # a null in the list carries nothing: no HIT to account for
                continue
            if not _looks_like_result(item):
                return None
            reward = item.get("reward")
            amount = reward.get("amount_in_dollars") if isinstance(reward, dict) else reward
            currency = reward.get("currency_code") if isinstance(reward, dict) else ""
            records.append(
                [
                    _date_in(item) or page_date,
                    _text(item.get("state")),
                    _text(item.get("title")),
                    _text(item.get("requester_name")),
                    _text(item.get("requester_id")),
                    _text(amount),
                    _text(currency),
                    _text(item.get("assignment_id")),
                    _text(item.get("hit_id")),
                ]
            )
    if not records and not pages_with_results:
        return None
    # a day without HITs is a page with no results: an empty import, like a header-only CSV
    return pd.DataFrame(records, columns=STATUS_COLUMNS, dtype=object)


# --- parsers ------------------------------------------------------------------------------------


def _day(ctx: ImportContext, *names: str, fill: str | None = None) -> pd.Series:
    """ISO days (`2026-03-04`, also with a time or `T...Z` after it) from the given column;
    `fill` stands for empty cells."""
    text = ctx.text(*names).str.replace(r"^(\d{4}-\d{2}-\d{2})[T ].*$", r"\1", regex=True)
    if fill is not None:
        text = text.mask(text == "", fill)
    return ctx.dates(text, formats=["%Y-%m-%d"], label="date")


def parse_dashboard(ctx: ImportContext) -> None:
    """One earning per day for HIT rewards and one for bonuses (see module docstring)."""
    hits = ctx.amount("hits_rewards", label="hits_rewards")
    bonus = ctx.amount("bonus_rewards", label="bonus_rewards")
    total = ctx.amount("earnings", label="earnings")
    ctx.reject(hits.isna() & bonus.isna(), "this day has no hits_rewards or bonus_rewards")
    hits, bonus = hits.fillna(0.0), bonus.fillna(0.0)
    ctx.skip((hits == 0) & (bonus == 0), "no HIT rewards or bonuses on this day")
    ctx.check_total(
        total,
        hits + bonus,
        total_label="earnings",
        expected_label="hits_rewards {} plus bonus_rewards {}",
        label_cells=(hits, bonus),
        what="saved page",
    )
    date = _day(ctx, "date")
    pending = pd.to_numeric(ctx.text("pending"), errors="coerce").fillna(0)
    if (pending.loc[ctx.pending] > 0).any():
        ctx.warn(
            "Some days still have HITs pending approval; their earnings can still grow. "
            "Save the dashboard again later to update them."
        )
    submitted = pd.to_numeric(ctx.text("submitted"), errors="coerce")
    counted = (submitted >= 1) & (submitted == submitted.round())
    hits_text = (
        submitted.where(counted, 0)
        .astype("int64")
        .map(lambda n: f"{DASHBOARD_REWARDS} ({n} HIT{'' if n == 1 else 's'})")
        .where(counted, DASHBOARD_REWARDS)
    )
    common = dict(date=date, currency="USD", fee=0.0, client="Amazon MTurk")
    ctx.emit(hits != 0, kind="earning", gross=hits, description=hits_text, **common)
    ctx.emit(bonus != 0, kind="earning", gross=bonus, description=BONUS, **common)


def _among(state: pd.Series, states) -> pd.Series:
    """Whether each state is one of `states` (any case), worked out per distinct state."""
    return on_uniques(
        state, lambda u: u.fillna("").astype(str).str.strip().str.casefold().isin(states)
    )


def _by_state(ctx: ImportContext, state: pd.Series, also_known=None) -> pd.Series:
    """Skip unpaid states, reject unknown ones (other than `also_known`, a mask of rows the
    caller reads itself); returns the mask of paid rows."""
    not_paid_yet, unpaid = _among(state, NOT_PAID_YET), _among(state, UNPAID)
    paid = _among(state, PAID)
    ctx.skip(not_paid_yet, "HIT state '{}': not paid yet", state)
    # "rejected" here is the requester's word, not GigLens rejecting the row
    ctx.skip(unpaid, "HIT state '{}': the requester did not pay for it, so it is no income", state)
    known = paid | not_paid_yet | unpaid
    if also_known is not None:
        known = known | also_known
    expected = "Paid, Approved, Pending, Submitted, Rejected" + (
        ", or Transferred for earnings moved to your bank" if also_known is not None else ""
    )
    ctx.reject(~known, "unknown HIT state '{}' (expected " + expected + ")", state)
    return paid


def parse_status_details(ctx: ImportContext) -> None:
    """One earning per paid or approved HIT of saved status_details pages."""
    paid = _by_state(ctx, ctx.text("state"))
    no_date = ctx.text("date") == ""
    # A page saved from the browser does not say its day; its file name often does
    # (status_details_2025-11-19.json): the page's day, said in a warning.
    named = re.search(r"(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", ctx.source or "")
    if named is None:
        ctx.reject(
            paid & no_date,
            "no date for this HIT: the saved status_details page does not say which day it is. "
            "Put the day in the file name (status_details_2025-11-19.json) or keep the page "
            "address in it",
        )
    date = _day(ctx, "date", fill=named.group(0) if named else None)
    if named is not None and (paid & no_date).any():
        ctx.warn(
            f"The saved status page does not say its day: the date in its file name, "
            f"{named.group(0)}, was used for {int((paid & no_date).sum())} HIT(s)."
        )
    reward = ctx.amount("reward", label="reward")
    ctx.emit(
        paid,
        date=date,
        kind="earning",
        gross=reward,
        fee=0.0,
        currency=iso_currency(ctx.text("currency"), default="USD"),
        client=ctx.text("requester_name"),
        description=ctx.text("title"),
        reference=ctx.text("assignment_id"),
    )


def parse_csv(ctx: ImportContext) -> None:
    """A hand-made or tool-made CSV: date, requester, title, reward, state. A row in state
    Transferred (or Withdrawn) is earnings moved to the worker's bank: a transfer out of the
    MTurk balance, whatever the sign written (never income)."""
    state = ctx.text("State", "Status")
    moved = _among(state, TRANSFERRED)
    paid = _by_state(ctx, state, also_known=moved)
    date = ctx.date("Date")
    reward_col = ctx.column_name("Reward", "Reward ($)", "Reward (USD)")
    reward = ctx.amount(reward_col)
    title = ctx.text("Title", "HIT Title")
    reference = ctx.text("Assignment ID", "Assignment Id", "HIT ID")
    ctx.emit(
        paid,
        date=date,
        kind="earning",
        gross=reward,
        fee=0.0,
        currency="USD",
        client=ctx.text("Requester", "Requester Name"),
        description=title,
        reference=reference,
    )
    ctx.emit(
        moved,
        date=date,
        kind="transfer",
        gross=-reward.abs(),
        fee=0.0,
        currency="USD",
        client="",
        description=title.where(title != "", "Transfer of earnings"),
        reference=reference,
    )


def _csv_layouts() -> list[Layout]:
    layouts = []
    for requester, reward, state in itertools.product(
        ("Requester", "Requester Name"),
        ("Reward", "Reward ($)", "Reward (USD)"),
        ("State", "Status"),
    ):
        layouts.append(
            Layout(
                platform="mturk",
                name="MTurk HIT list (CSV)",
                required=("Date", requester, reward, state),
                parse=parse_csv,
                unique_id=("Assignment ID", "Assignment Id"),
            )
        )
    return layouts


LAYOUTS = [
    Layout(
        platform="mturk",
        name="MTurk dashboard (saved JSON)",
        required=(),
        parse=parse_dashboard,
        from_json=dashboard_frame,
    ),
    Layout(
        platform="mturk",
        name="MTurk status details (saved JSON)",
        required=(),
        parse=parse_status_details,
        from_json=status_details_frame,
        unique_id=("assignment_id",),  # the same page saved twice repeats its assignments
    ),
    *_csv_layouts(),
]
