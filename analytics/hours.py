"""Hours worked and effective hourly rates.

Hours come from three places, in this order of precedence for each income row:
1. the export itself (the row's `hours`, e.g. Upwork hourly contracts), or a platform's own
   time entries (an Upwork Weekly Summary beside the transaction history, see
   `analytics.combine`): a tracker's hours for the same platform and client are not added;
2. time-tracker entries (kind `time`, e.g. Toggl Track or Clockify), matched to income by client
   (see `attribute_time`);
3. a manual per-platform estimate, `estimates={"mturk": {"minutes_per_task": 3},
   "uber": {"hours_per_week": 10}}`, for platforms that export no time.

Hours are matched to the payments they were paid by (`hour_records(...).paid`): a time entry to
its (platform, client)'s first payment dated after the day it was worked (work is paid after it
is done), or, for a client invoiced monthly, in a later calendar month (see `_paid_dates`), else
to that pair's last payment; an export's own hours and an estimate to the payment they came
with. The functions that take `start` and `end` (dates, both days included, as the
dashboard's date range) match over the whole table they are given and report on the income
dated in that range with the hours matched to it, so a period's figures do not change with the
rows outside it: give them every date (the rows of the chosen platforms and streams) and the
range, rather than a table already cut to the range.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.importers._common import PAYMENT_NAMED
from analytics.importers.mturk import tasks_in
from analytics.importers.timetracking import NON_BILLABLE_TAG
from analytics.metrics import (
    GROUPINGS,
    client_labels,
    distinct_text,
    in_one_currency,
    income_only,
    plain,
    problems_as_values,
    text_key,
    within,
)
from analytics.parsing import on_uniques
from analytics.schema import PLATFORM_NAMES, stream_for

TRACKER_PLATFORMS = ("toggl", "clockify")
RECORD_COLUMNS = ["date", "platform", "stream", "client", "hours", "source"]
UNUSED_COLUMNS = ["date", "client", "hours", "reason", "platform"]


@dataclass
class HourRecords:
    """Hours with the platform/stream/client they belong to, and which income rows they cover.

    `records`: one row per block of hours (columns RECORD_COLUMNS; `source` is export, tracker
    or estimate), dated when the hours were worked: a time entry on its own day, an export's
    hours and an estimate on their payment's day. `paid`: the same hours (columns
    RECORD_COLUMNS) dated on the payment they are matched to (see the module doc), a weekly
    estimate split over its week's payments in proportion to their gross; per platform, stream
    and client it holds the hours of `records`. `covered`: for every income row, the share of
    its net matched by hours. `unused`: time entries not counted (columns `date`, `client`,
    `hours`, `reason`: unmatched, no_income or doubled). `messages`: `unused` in plain language
    (`unused_messages`).
    """

    records: pd.DataFrame
    covered: pd.Series  # share of each income row's net matched by hours, 0-1 (`_coverage`)
    messages: list[str] = field(default_factory=list)
    paid: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RECORD_COLUMNS))
    unused: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=UNUSED_COLUMNS))
    # time entries worked after their client's last payment in the files, counted with it
    # (columns `date`: the payment's, `client`, `hours`, `worked`: the entry's day)
    ahead: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["date", "client", "hours", "worked"])
    )


def _best_platform(income: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """For each value of `keys`, the platform with the largest Σ net (ties: alphabetical)."""
    sums = income.groupby(keys + ["platform"], observed=True)["net"].sum().reset_index()
    sums = sums.sort_values(
        keys + ["net", "platform"], ascending=[True] * len(keys) + [False, True]
    )
    return sums.drop_duplicates(keys)[keys + ["platform"]]


def attribute_time(transactions: pd.DataFrame) -> pd.DataFrame:
    """Time entries (kind `time`, hours known) with the income platform they belong to.

    A tracker entry (platform toggl/clockify) is matched by client name (case and outer spaces
    ignored): to the platform that paid that client the most in the entry's calendar month, else
    the platform that paid that client the most over the whole table. Time entries whose platform
    is an income platform keep it. Columns RECORD_COLUMNS plus `client_key` and `matched_by`
    (client+month, client, platform, or unmatched; unmatched entries keep platform "").
    """
    transactions = plain(transactions)
    time = transactions[(transactions["kind"] == "time") & transactions["hours"].notna()].copy()
    income = income_only(transactions).copy()
    income["client_key"] = text_key(income["client"])
    income["month"] = income["date"].dt.to_period("M")
    income["platform"] = income["platform"].astype(str)
    time["client_key"] = text_key(time["client"])
    time["month"] = time["date"].dt.to_period("M")
    tracked = time["platform"].isin(TRACKER_PLATFORMS)
    # clients that paid: a platform's own charges (Upwork's Connects, client "Upwork") are no
    # client a tracker's entries could be for
    named = income[(income["client_key"] != "") & (income["kind"] == "earning")]
    by_month = _best_platform(named, ["client_key", "month"]).rename(columns={"platform": "p1"})
    overall = _best_platform(named, ["client_key"]).rename(columns={"platform": "p2"})
    keyed = time.reset_index(names="_row").merge(by_month, on=["client_key", "month"], how="left")
    keyed = keyed.merge(overall, on="client_key", how="left").set_index("_row")
    keyed.loc[keyed["client_key"] == "", ["p1", "p2"]] = np.nan
    platform = keyed["p1"].fillna(keyed["p2"])
    matched_by = np.where(
        keyed["p1"].notna(), "client+month", np.where(keyed["p2"].notna(), "client", "unmatched")
    )
    out = pd.DataFrame(index=time.index)
    out["date"] = time["date"]
    out["platform"] = np.where(tracked, platform.reindex(time.index).fillna(""), time["platform"])
    out["matched_by"] = np.where(tracked, pd.Series(matched_by, index=keyed.index), "platform")
    streams = income.groupby("platform")["stream"].agg(lambda s: s.astype(str).mode().iat[0])
    out["stream"] = out["platform"].map(streams).astype(object)
    out["stream"] = (
        out["stream"].fillna(out["platform"].map(stream_for)).where(out["platform"] != "", "")
    )
    out["client"] = time["client"].astype(str)
    out["client_key"] = time["client_key"]
    out["hours"] = time["hours"].astype("float64")
    # a platform's own time entries (an Upwork Weekly Summary beside the history) are export
    # hours; Toggl Track's and Clockify's are a tracker's
    out["source"] = np.where(tracked, "tracker", "export")
    return out


def tracked_unpaid_time(transactions: pd.DataFrame, start=None, end=None) -> tuple[float, float]:
    """(unpaid, paid) hours of the time trackers' entries (Toggl Track, Clockify) dated from
    `start` to `end` (both days included; None: every date).

    unpaid = Σ hours of non-billable entries (a tracker's `Billable: No`: proposals, admin)
    that match no income; paid = Σ hours of the tracker's entries matched to a client who paid
    (`attribute_time`), whether the rates count them or another source's hours for the same
    work (an export's own hours, an Upwork Weekly Summary's). unpaid / paid is the
    `unpaid_overhead` the tracker itself shows. Entries are matched to clients over the whole
    table, so an entry inside the range paid after it still counts as paid time.
    """
    transactions = plain(transactions)
    tracker = attribute_time(transactions)
    tracker = within(tracker[tracker["source"] == "tracker"], start, end)
    said = transactions.loc[tracker.index, "description"].astype(str).str.rstrip()
    matched = tracker["platform"] != ""
    unpaid = ~matched & said.str.endswith(NON_BILLABLE_TAG)
    return float(tracker.loc[unpaid, "hours"].sum()), float(tracker.loc[matched, "hours"].sum())


def _estimate_records(
    uncovered: pd.DataFrame, estimates: dict
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Hours from manual estimates for income rows that have no other hours: (records, the
    rows they cover, the same hours dated on the payments they are for)."""
    parts, paid, covered = [], [], pd.Series(False, index=uncovered.index)
    platform = uncovered["platform"].astype(str)
    for name, rule in (estimates or {}).items():
        rows = uncovered[platform == name]
        earnings = rows[(rows["kind"] == "earning") & (rows["gross"] > 0)]
        if earnings.empty:
            continue
        if rule.get("minutes_per_task") is not None:
            part = earnings[["date", "platform", "stream", "client"]].copy()
            # A row is one task, except an MTurk dashboard day (its submitted HITs) and a bonus
            # (MTurk's daily "Bonus" row), which pays for tasks already counted: no time of its
            # own, but its money counts with them.
            tasks = tasks_in(earnings["description"]).to_numpy()
            part["hours"] = tasks * float(rule["minutes_per_task"]) / 60.0
            part_paid = part  # each task's hours are paid by its own row
        elif rule.get("hours_per_week") is not None:
            # One record per week worked, dated on that week's first payment so the hours never
            # land in a month (or before the first income) where nothing was earned.
            week = earnings["date"].dt.to_period("W")
            first_day = earnings.groupby(week)["date"].min()
            stream = earnings["stream"].astype(str).mode().iat[0]
            hours = float(rule["hours_per_week"])
            part = pd.DataFrame(
                {
                    "date": first_day.to_numpy(),
                    "platform": name,
                    "stream": stream,
                    "client": "",
                    "hours": hours,
                }
            )
            # paid by the week's payments, in proportion to their gross
            gross = earnings["gross"].astype("float64")
            share = gross / gross.groupby(week).transform("sum")
            part_paid = pd.DataFrame(
                {
                    "date": earnings["date"].to_numpy(),
                    "platform": name,
                    "stream": stream,
                    "client": "",
                    "hours": (hours * share).to_numpy(),
                }
            )
        else:
            raise ValueError(
                f"estimate for {name}: give minutes_per_task or hours_per_week (got {rule!r})"
            )
        part["source"] = "estimate"
        part_paid = part_paid.assign(source="estimate")
        parts.append(part)
        paid.append(part_paid)
        covered[rows.index] = True
    frame = pd.concat(parts) if parts else pd.DataFrame(columns=RECORD_COLUMNS)
    paid_frame = pd.concat(paid) if paid else pd.DataFrame(columns=RECORD_COLUMNS)
    return frame, covered, paid_frame


def _paid_dates(
    entries: pd.DataFrame,
    entry_pairs: pd.MultiIndex,
    payments: pd.DataFrame,
    pay_pairs: pd.MultiIndex,
) -> pd.Series:
    """Per time entry, the date of the payment that paid for it, among the payments (`date`,
    `gross`) of its (platform, client) pair, by the pair's billing convention:

    - `after the work`: the first payment dated after the entry's day (a payment the day the
      work was done pays for earlier work: Upwork pays a week on the Monday after it);
    - `monthly invoice`: the first payment dated in a later calendar month than the entry (a
      client invoiced at the start of each month for the month before).
    Either way, time worked after the pair's last payment (not invoiced yet, or paid ahead)
    counts with that last payment. A pair follows the monthly invoice when that fits its
    payments better: when Σ_k |h_k − g_k · H / G| is smaller, h_k being the hours matched to
    its payment k, g_k that payment's gross, H and G the pair's total hours and gross (each
    payment's hours as its pay would buy at the pair's average rate); ties: after the work.
    """
    out = pd.Series(pd.NaT, index=entries.index, dtype="datetime64[ns]")
    if entries.empty or payments.empty:
        return out
    codes, _ = pd.factorize(entry_pairs.append(pay_pairs))
    day = pd.to_datetime(entries["date"]).dt.normalize().astype("datetime64[ns]")
    left = pd.DataFrame(
        {
            "day": day.to_numpy(),
            "next_month": (day.dt.to_period("M") + 1)
            .dt.start_time.astype("datetime64[ns]")
            .to_numpy(),
            "pair": codes[: len(entries)],
            "hours": entries["hours"].to_numpy(dtype="float64"),
            "row": np.arange(len(entries)),
        }
    ).dropna(subset=["day"])
    paid_at = pd.to_datetime(payments["date"]).astype("datetime64[ns]").to_numpy()
    right = pd.DataFrame(
        {
            "day": pd.DatetimeIndex(paid_at).normalize().astype("datetime64[ns]"),
            "pair": codes[len(entries) :],
            "paid": paid_at,
            "gross": payments["gross"].clip(lower=0.0).to_numpy(dtype="float64"),
        }
    ).dropna(subset=["day"])
    right = right.sort_values("day", kind="stable")
    last = right.groupby("pair")["paid"].max()

    def matched(on: str, exact: bool) -> pd.Series:
        found = pd.merge_asof(
            left.sort_values(on, kind="stable"),
            right[["day", "pair", "paid"]].rename(columns={"day": on}),
            on=on,
            by="pair",
            direction="forward",
            allow_exact_matches=exact,
        ).set_index("row")["paid"]
        return found.fillna(left.set_index("row")["pair"].map(last)).sort_index()

    after_work = matched("day", exact=False)
    monthly = matched("next_month", exact=True)
    # how far each convention's hours per payment are from what its pay buys at the average
    hours = left.set_index("row")["hours"].sort_index()
    pair = left.set_index("row")["pair"].sort_index()
    pay = right.groupby(["pair", "paid"])["gross"].sum()
    per_pair_hours = hours.groupby(pair).sum()
    per_pair_gross = pay.groupby(level="pair").sum()
    expected = pay * (
        per_pair_hours.reindex(pay.index.get_level_values("pair")).to_numpy()
        / per_pair_gross.reindex(pay.index.get_level_values("pair")).to_numpy()
    )

    def misfit(paid: pd.Series) -> pd.Series:
        got = hours.groupby([pair, paid]).sum().rename_axis(["pair", "paid"])
        got = got.reindex(pay.index.union(got.index), fill_value=0.0)
        gap = (got - expected.reindex(got.index).fillna(0.0)).abs()
        return gap.groupby(level="pair").sum()

    monthly_fits = misfit(monthly) < misfit(after_work) - 1e-9
    use_monthly = pair.map(monthly_fits).fillna(False).astype(bool).to_numpy()
    paid = np.where(use_monthly, monthly.to_numpy(), after_work.to_numpy())
    values = out.to_numpy().copy()
    values[hours.index.to_numpy()] = paid
    return pd.Series(values, index=entries.index)


def unused_messages(unused: pd.DataFrame) -> list[str]:
    """Plain-language messages for time entries that were not counted (`HourRecords.unused`)."""
    messages = []
    texts = {
        "unmatched": ("{h} tracked hours match no income {who} and are not counted"),
        "no_income": ("{h} hours match no income of their platform{who} and are not counted"),
        "unnamed": (
            "{h} hours of {who} name no client, while its payments name several, so whose "
            "work they were cannot be told and they are not counted: write the client each "
            "time row was for (as its payments name it), or give an estimate on the Hourly "
            "rates page"
        ),
        "doubled": (
            "{h} tracked hours are for clients whose payments already come with their hours "
            "in the export{who} and are not counted twice"
        ),
    }
    for reason, text in texts.items():
        rows = unused[unused["reason"] == reason]
        if rows.empty:
            continue
        clients = sorted(set(distinct_text(rows["client"])) - {""})
        if reason == "unmatched":
            who = f"(clients: {', '.join(clients)})" if clients else "(no client named)"
        elif reason == "no_income":
            who = f" (clients: {', '.join(clients)})" if clients else ""
        elif reason == "unnamed":
            names = sorted(distinct_text(rows["platform"].astype(str)))
            who = " and ".join(PLATFORM_NAMES.get(p, p) for p in names)
        else:
            who = f" ({', '.join(clients)})" if clients else ""
        messages.append(text.format(h=f"{rows['hours'].sum():.2f}", who=who))
    return messages


def hour_records(transactions: pd.DataFrame, estimates: dict | None = None) -> HourRecords:
    """All hours of the table and the income rows they cover (precedence in the module doc).

    Earnings are covered by hours of their own, else by tracker hours: those count for a
    (platform, client) pair only if it has earnings without hours of their own, and not when
    worked in the time the pair's export hours cover (`_worked_while_invoiced`: the export
    already counted that time, so an hourly contract's bonus does not take the tracked hours
    of its invoices again), and cover those earnings; estimates cover the remaining
    earnings of their platform. Fees, refunds and adjustments carry no hours: each counts in
    the share its pair's earnings are covered (see `_coverage`). Time entries are matched to
    the payment that paid for them (`paid`, see `_paid_dates`).
    """
    transactions = plain(transactions)
    income = income_only(transactions)
    own = income["hours"].notna()
    # a tip paid on a row of its own (Instacart's, a day after the batch) is pay for the work
    # its platform's hours were worked for: it goes with them like a fee, not as untimed work
    tip = ~own.to_numpy() & _is_tip(income["description"])
    earning = (income["kind"] == "earning").to_numpy() & ~tip
    export = income.loc[own, ["date", "platform", "stream", "client", "hours"]].copy()
    export["source"] = "export"
    tracker = _onto_the_only_client(attribute_time(transactions), income[earning])
    unmatched = tracker["platform"] == ""
    # (platform, client) pairs as MultiIndexes: membership is tested on codes, not on tuples.
    income_pairs = pd.MultiIndex.from_arrays(
        [income["platform"].astype(str), text_key(income["client"])]
    )
    tracker_pairs = pd.MultiIndex.from_arrays([tracker["platform"], tracker["client_key"]])
    untimed_pairs = income_pairs[~own.to_numpy() & earning]
    # a pair whose export carries hours (Upwork's hourly invoices) has its time counted there: a
    # tracker's entries for that client while it invoiced hours are the same work again, even
    # beside a bonus or a fixed-price payment of the same client without hours
    usable = ~unmatched & tracker_pairs.isin(untimed_pairs)
    usable &= ~_worked_while_invoiced(income, own.to_numpy() & earning, income_pairs, tracker)
    # a platform's own time entries come first: a tracker's hours for the same (platform,
    # client) are the same work again (Toggl beside an Upwork Weekly Summary)
    from_platform = (tracker["matched_by"] == "platform").to_numpy()
    again = usable & ~from_platform & tracker_pairs.isin(tracker_pairs[usable & from_platform])
    usable &= ~again
    # time for a platform and client with no income at all (a contract the export names
    # otherwise) matches nothing: not the same as time whose income already has hours
    no_income = ~unmatched & ~usable & ~tracker_pairs.isin(income_pairs)
    # a platform's own time naming no client, beside its payments of several clients: who
    # the work was for cannot be told (Prolific's studies, each paid by its researcher)
    paying = income_pairs[earning & (text_key(income["client"]) != "").to_numpy()]
    several = paying.unique().get_level_values(0).value_counts()
    unnamed = (
        no_income
        & from_platform
        & (tracker["client_key"] == "").to_numpy()
        & tracker["platform"].isin(several.index[several > 1]).to_numpy()
    )
    no_income &= ~unnamed
    doubled = ~unmatched & ~usable & ~no_income & ~unnamed
    reason = np.select(
        [unmatched, no_income, unnamed, doubled],
        ["unmatched", "no_income", "unnamed", "doubled"],
        "",
    )
    unused = tracker.loc[reason != "", ["date", "client", "hours", "platform"]].assign(
        reason=reason[reason != ""]
    )[UNUSED_COLUMNS]
    by_tracker = ~own & earning & income_pairs.isin(tracker_pairs[usable.to_numpy()])
    by_tracker &= _within_tracked_time(income, income_pairs, tracker[usable], tracker_pairs[usable])
    untimed = income[~own & earning & ~by_tracker]
    estimated, by_estimate, estimated_paid = _estimate_records(untimed, estimates or {})
    timed_earning = (
        (own & earning) | by_tracker | by_estimate.reindex(income.index, fill_value=False)
    )
    covered = _coverage(income, income_pairs, own, earning, timed_earning.to_numpy())
    counted = tracker.loc[usable, RECORD_COLUMNS]
    paid_on = _paid_dates(
        counted,
        tracker_pairs[usable.to_numpy()],
        income.loc[by_tracker, ["date", "gross"]],
        income_pairs[by_tracker.to_numpy()],
    )
    records = _as_records([export, counted, estimated])
    paid = _as_records([export, counted.assign(date=paid_on), estimated_paid])
    worked_day = pd.to_datetime(counted["date"]).dt.normalize()
    # matched to the pair's last payment while worked on or after its day: no later payment
    # in the files (a payment on the day of the work pays for earlier work)
    after_last = (worked_day >= pd.to_datetime(paid_on).dt.normalize()).to_numpy()
    ahead = pd.DataFrame(
        {
            "date": pd.to_datetime(paid_on[after_last]),
            "client": counted.loc[after_last, "client"].astype(str),
            "hours": counted.loc[after_last, "hours"].astype("float64"),
            "worked": worked_day[after_last],
        }
    )
    messages = unused_messages(unused) + ahead_messages(ahead)
    return HourRecords(records, covered, messages, paid, unused, ahead)


def _onto_the_only_client(tracker: pd.DataFrame, earnings: pd.DataFrame) -> pd.DataFrame:
    """A platform's own time entries (the GigLens template's `time` rows) go with its payments
    when it cannot be told from them who the work was for: entries naming no client, of a
    platform whose payments name one client, and any entry of a platform whose payments name
    the platform itself alone (Toptal pays as "Toptal" whoever the work was for, so hours
    typed for "Northwind Health" are Toptal's hours). An entry naming another client of a
    platform whose payments name a real one is that client's (not paid yet: said unused)."""
    own = (tracker["matched_by"] == "platform").to_numpy()
    if not own.any() or earnings.empty:
        return tracker
    platform = earnings["platform"].astype(str)
    keys = text_key(earnings["client"])
    clients = keys.groupby(platform.to_numpy()).unique()
    only = {p: k[0] for p, k in clients.items() if len(k) == 1}
    itself = {
        p for p, k in only.items() if k in set(text_key(pd.Series([p, PLATFORM_NAMES.get(p, p)])))
    }
    paid = pd.MultiIndex.from_arrays([platform, keys])
    pairs = pd.MultiIndex.from_arrays([tracker["platform"], tracker["client_key"]])
    unnamed = (tracker["client_key"] == "").to_numpy() & tracker["platform"].isin(list(only))
    move = own & ~pairs.isin(paid) & (unnamed | tracker["platform"].isin(list(itself)).to_numpy())
    if not move.any():
        return tracker
    tracker = tracker.copy()
    tracker.loc[move, "client_key"] = tracker.loc[move, "platform"].map(only)
    return tracker


def _within_tracked_time(
    income: pd.DataFrame, income_pairs: pd.MultiIndex, time: pd.DataFrame, pairs: pd.MultiIndex
) -> np.ndarray:
    """Per income row: paid for its (platform, client) pair's tracked time. That is every
    payment from INVOICED_SPAN before the pair's first entry to INVOICED_SPAN (or, when longer,
    the delay of its first payment after its first entry: a client on 60 days' terms) after
    its last, and the last payment before them (a retainer paid ahead); not payments further
    off (hours tracked to March do not cover the payments of December, for work no entry
    holds)."""
    if time.empty:
        return np.zeros(len(income), dtype=bool)

    def days(values) -> np.ndarray:  # days since 1970 as floats, NaN for no date
        stamps = pd.to_datetime(pd.Series(values)).dt.normalize()
        return (stamps - pd.Timestamp(0)).dt.days.to_numpy(dtype="float64", na_value=np.nan)

    codes, uniques = pd.factorize(pairs)
    span = pd.Series(days(time["date"])).groupby(codes).agg(["min", "max"])
    span.index = uniques[span.index]
    first = span["min"].reindex(income_pairs).to_numpy(dtype="float64")
    last = span["max"].reindex(income_pairs).to_numpy(dtype="float64")
    day = days(income["date"].to_numpy())
    reach = INVOICED_SPAN.days
    codes = pd.Series(pd.factorize(income_pairs)[0])  # the pairs of the income rows
    # a client that pays late (60 days after each half month) pays the last entries as late:
    # its first payment's delay after the first entry stretches the reach after the last one
    first_paid = pd.Series(np.where(day >= first, day, np.nan)).groupby(codes).transform("min")
    lag = np.fmax(first_paid.to_numpy() - first, reach)
    lag = np.where(np.isnan(lag), reach, lag)
    inside = (day >= first - reach) & (day <= last + lag)
    before = pd.Series(np.where(day < first - reach, day, np.nan)).groupby(codes).transform("max")
    return inside | (before.to_numpy() == day)


# How far an export's hourly invoices reach around their payments: the work of an invoice is
# done up to a month before it is paid (a monthly invoice), and the work after the last one is
# billed in the next
INVOICED_SPAN = pd.Timedelta(days=31)


def _worked_while_invoiced(
    income: pd.DataFrame, timed: np.ndarray, income_pairs: pd.MultiIndex, tracker: pd.DataFrame
) -> np.ndarray:
    """Per tracker entry: worked for a (platform, client) pair whose export carries hours, in
    the time those hours cover (from INVOICED_SPAN before the pair's first payment with hours
    to INVOICED_SPAN after its last): the same work as the export's hours. Entries of other
    months (a fixed-price job of the same client months later) are work of their own."""
    out = np.zeros(len(tracker), dtype=bool)
    if not timed.any() or tracker.empty:
        return out
    days = pd.Series(pd.to_datetime(income["date"]).to_numpy()[timed])
    pairs = income_pairs[timed]
    spans = days.groupby([pairs.get_level_values(0), pairs.get_level_values(1)]).agg(["min", "max"])
    keys = pd.MultiIndex.from_arrays([tracker["platform"], tracker["client_key"]])
    found = spans.reindex(keys)
    worked = pd.to_datetime(tracker["date"]).to_numpy()
    first = (found["min"] - INVOICED_SPAN).to_numpy()
    last = (found["max"] + INVOICED_SPAN).to_numpy()
    with np.errstate(invalid="ignore"):
        out = (worked >= first) & (worked <= last)
    return np.asarray(out, dtype=bool)


def ahead_messages(ahead: pd.DataFrame) -> list[str]:
    """Hours worked after their client's last payment in the files, which count with that
    payment (`HourRecords.ahead`), in plain language; none when there are none."""
    if ahead.empty:
        return []
    by_client = ahead.groupby("client", sort=True).agg(hours=("hours", "sum"), paid=("date", "max"))
    named = "; ".join(
        f"{client or 'no client named'}: {hours:.2f} h from {paid:%-d %b %Y} on"
        for client, hours, paid in zip(
            by_client.index, by_client["hours"], by_client["paid"], strict=True
        )
    )
    return [
        f"{ahead['hours'].sum():.2f} tracked hours were worked on or after the day of their "
        f"client's last payment in your files ({named}) and count with that payment. If a later payment "
        "paid them (one still pending, or in a newer download), the rate is higher: add the "
        "download that holds it."
    ]


# A row that is a tip and nothing else: "Tip", "Customer tip", "Trinkgeld" - not "Delivery pay
# + tips" or "Fare + tip", which are the pay itself
TIP_WORDS = (
    r"^\s*(?:(?:customer|cash|rider|driver|passenger|shopper)\s+)?"
    r"(?:tips?|gratuit(?:y|ies)|trinkgeld|pourboires?|propinas?)\b"
    r"(?!.*\b(?:pay|fare|delivery|earnings?|trip|batch|base|order)\b)"
)


def _is_tip(description: pd.Series) -> np.ndarray:
    """Rows whose description is a tip alone (`Tip`, `Customer tip 4411`, `Trinkgeld`)."""
    said = on_uniques(
        description.astype(str),
        lambda d: d.str.casefold().str.contains(TIP_WORDS, regex=True),
    )
    return said.to_numpy(dtype=bool)


def _as_records(parts: list[pd.DataFrame]) -> pd.DataFrame:
    records = pd.concat([p[RECORD_COLUMNS] for p in parts], ignore_index=True)
    records["hours"] = records["hours"].astype("float64")
    records["date"] = pd.to_datetime(records["date"])
    for col in ("platform", "stream", "client", "source"):
        records[col] = records[col].astype(str)
    return records


def _coverage(
    income: pd.DataFrame,
    pairs: pd.MultiIndex,
    own: pd.Series,
    earning: np.ndarray,
    timed_earning: np.ndarray,
) -> pd.Series:
    """How much of each income row's net is matched by hours, in [0, 1].

    Rows with hours of their own, and earnings with hours (export, tracker or estimate): 1;
    other earnings: 0. A fee, refund or adjustment without hours belongs to the earnings of its
    (platform, client) pair: weight = Σ gross of the pair's timed earnings / Σ gross of all its
    earnings, so that the fee of an untimed fixed-price job is not charged to an hourly
    contract's hours; when the pair has no earnings (a listing or membership fee naming no
    client), the same share over the platform's earnings. A fee that names the payment it was
    taken from (Upwork's `Service Fee for Hourly - Ref ID 813303784`) goes with that payment
    alone: 1 when it has hours, 0 when not (the fee of an hourly invoice is all charged to its
    hours, whatever else the client paid that year); where no earning has that reference, the
    earnings of its platform and client paid the same day, when they agree.
    """
    weight = pd.Series(np.where(own.to_numpy() | timed_earning, 1.0, 0.0), index=income.index)
    others = ~own.to_numpy() & ~earning
    if others.any():
        gross = income["gross"].clip(lower=0.0).to_numpy()

        def shares(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            size = codes.max() + 1
            every = np.bincount(codes[earning], weights=gross[earning], minlength=size)
            timed = np.bincount(codes[timed_earning], weights=gross[timed_earning], minlength=size)
            share = np.divide(timed, every, out=np.zeros(size), where=every > 0)
            return share[codes], every[codes] > 0

        by_pair, pair_earned = shares(pd.factorize(pairs)[0])
        by_platform, _ = shares(pd.factorize(pairs.get_level_values(0))[0])
        # a fee that names no client of the platform's earnings (a listing or membership fee)
        # goes with the platform's earnings as a whole
        share = np.where(pair_earned, by_pair, by_platform)
        share = _with_the_payment_named(income, others, earning, timed_earning, share)
        weight[others] = share[others]
    return weight


def _with_the_payment_named(
    income: pd.DataFrame,
    others: np.ndarray,
    earning: np.ndarray,
    timed_earning: np.ndarray,
    share: np.ndarray,
) -> np.ndarray:
    """`share` with the coverage of the payment each fee row names by its reference, where
    one earning of the same platform has that reference (see `_coverage`)."""
    fees = others & (income["kind"] == "fee").to_numpy()
    if not fees.any() or not earning.any():
        return share
    text = income["description"].astype(str)[fees]
    named = text.str.extract(PAYMENT_NAMED, expand=False)
    found = named.notna().to_numpy()
    if not found.any():
        return share
    platform = income["platform"].astype(str).to_numpy()
    paid = pd.Series(
        timed_earning[earning].astype("float64"),
        index=pd.MultiIndex.from_arrays(
            [platform[earning], income["reference"].fillna("").astype(str).to_numpy()[earning]]
        ),
    )
    paid = paid[~paid.index.duplicated(keep=False)]  # a reference of one payment only
    rows = np.flatnonzero(fees)[found]
    keys = pd.MultiIndex.from_arrays([platform[rows], named.to_numpy()[found]])
    covered = paid.reindex(keys).to_numpy()
    known = ~np.isnan(covered)
    share = share.copy()
    share[rows[known]] = covered[known]
    # a name the earnings' references do not hold (Upwork's fee names the invoice's Ref ID,
    # the invoice row carries its Transaction ID): the earnings of that platform and client
    # paid that same day, when they are all timed or all not
    rest = rows[~known]
    if len(rest):
        day = income["date"].dt.normalize().to_numpy()
        who = text_key(income["client"]).to_numpy()
        same_day = pd.Series(timed_earning[earning].astype("float64")).groupby(
            [platform[earning], who[earning], day[earning]]
        )
        agreed = same_day.min()[same_day.min() == same_day.max()]
        keys = pd.MultiIndex.from_arrays([platform[rest], who[rest], day[rest]])
        found = agreed.reindex(keys).to_numpy()
        fits = ~np.isnan(found)
        share[rest[fits]] = found[fits]
    return share


@dataclass
class PeriodHours:
    """The income of a period and the hours that go with it (`in_period`)."""

    income: pd.DataFrame  # the income rows dated in the period
    weight: pd.Series  # their coverage (`HourRecords.covered`), worked out over every date
    paid: pd.DataFrame  # the hours matched to that income, dated on it (`HourRecords.paid`)
    worked: pd.DataFrame  # the hours worked in the period (`HourRecords.records`)
    messages: list[str]  # time entries of the period that were not counted
    whole: bool = False  # no period: every row of the table

    @property
    def hours(self) -> pd.DataFrame:
        """The hours of the period's income, for sums per platform, stream or client: `paid`,
        or without a period every record (the same hours per group, summed as recorded)."""
        return self.worked if self.whole else self.paid


def in_period(
    table: pd.DataFrame, estimates: dict | None = None, start=None, end=None
) -> PeriodHours:
    """Hours matched over the whole `table`, reported for the income dated from `start` to
    `end` (both days included; None: open): the period's income, its coverage, the hours
    matched to it (wherever they were worked) and the hours worked in the period. Without a
    period the hours matched to the income are all the hours (`records`)."""
    found = hour_records(table, estimates)
    income = income_only(plain(table))
    weight = found.covered.reindex(income.index, fill_value=0.0)
    if start is None and end is None:
        return PeriodHours(income, weight, found.paid, found.records, found.messages, whole=True)
    income = within(income, start, end)
    return PeriodHours(
        income,
        weight.reindex(income.index),
        within(found.paid, start, end),
        within(found.records, start, end),
        unused_messages(within(found.unused, start, end))
        + ahead_messages(within(found.ahead, start, end)),
    )


@problems_as_values(keep=("hours", "hours_source"))
def hourly_rates(
    transactions: pd.DataFrame,
    by: str | None = "platform",
    unpaid_overhead: float = 0.0,
    estimates: dict | None = None,
    base_currency: str | None = None,
    start=None,
    end=None,
) -> pd.DataFrame:
    """Effective hourly rate per platform (or stream/client).

    Per group: `net` = Σ net of all its income rows; `net_with_hours` = Σ net × coverage over
    its income rows, coverage being the share of a row matched by hours (1 for an earning with
    own hours, matched tracker time or an estimate; a fee or refund's share, see `_coverage`);
    `hours` = Σ of the hours matched to those rows; `hourly` = net_with_hours / hours (NaN when
    hours is 0 or missing, or when no income row of the group is covered by hours);
    `hourly_incl_unpaid` = net_with_hours / (hours · (1 + unpaid_overhead)), same NaN rule,
    where `unpaid_overhead` is unpaid time (searching, proposals, admin) as a share of paid
    hours, e.g. 0.25 = 15 unpaid minutes per paid hour. `coverage` = net_with_hours / net,
    within [0, 1] (NaN when net <= 0: a group of fees alone has no income to cover);
    `hours_source` lists where the hours came from; `attrs["messages"]` lists unused hours.
    by="client" merges spellings of a client (`analytics.metrics.client_labels`).
    With `start`/`end` (dates, both days included): the income rows dated in that range and
    the hours matched to them (`hour_records(...).paid`: time worked before the range and paid
    in it counts, time worked in it and paid after it does not), matched over the whole table,
    so a range's figures do not depend on the rows outside it. Without: every row and hour.
    """
    if unpaid_overhead is None or not unpaid_overhead >= 0:
        raise ValueError("unpaid_overhead must be a share of paid hours, 0 or more (0.25 = 25%)")
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)} (got {by!r})")
    table = in_one_currency(transactions, base_currency)
    period = in_period(table, estimates, start, end)
    income, records = period.income, period.hours

    if by == "client":  # one label per client across income rows and hour records
        income_key, records_key = client_labels(income["client"], records["client"])
    elif by is None:
        income_key = pd.Series("all", index=income.index)
        records_key = pd.Series("all", index=records.index)
    else:
        income_key, records_key = income[by].astype(str), records[by].astype(str)

    weight = period.weight
    is_covered = weight > 0
    covered = income[is_covered]
    out = pd.DataFrame({"net": income["net"].groupby(income_key).sum()})
    out["net_with_hours"] = (
        (income["net"] * weight)[is_covered].groupby(income_key[is_covered]).sum()
    )
    hours = records["hours"].groupby(records_key).sum()
    out = out.reindex(out.index.union(hours.index))
    out["net"] = out["net"].fillna(0.0)
    out["net_with_hours"] = out["net_with_hours"].fillna(0.0)
    out["hours"] = hours.reindex(out.index).astype("float64")
    # hours whose income sits in another group (e.g. weekly estimates by client) give no rate
    paid = covered["net"].groupby(income_key[is_covered]).size().reindex(out.index).fillna(0)
    positive = out["hours"].where((out["hours"] > 0) & (paid > 0))
    out["hourly"] = out["net_with_hours"] / positive
    out["hourly_incl_unpaid"] = out["net_with_hours"] / (positive * (1.0 + unpaid_overhead))
    # a share of the income: none without income (a group of fees alone, such as a platform's
    # own charges), and between 0 and 1 (a refund without hours beside hourly work is no 110%)
    out["coverage"] = (out["net_with_hours"] / out["net"].where(out["net"] > 0)).clip(0.0, 1.0)
    sources = records["source"].groupby(records_key).unique()
    out["hours_source"] = sources.map(lambda s: ", ".join(sorted(s))).reindex(out.index)
    out["hours_source"] = out["hours_source"].fillna("")
    out.index.name = by or "group"
    out.attrs["messages"] = period.messages
    return out


@problems_as_values(keep=("hours",))
def fees_and_hours(
    transactions: pd.DataFrame,
    estimates: dict | None = None,
    by: str = "platform",
    start=None,
    end=None,
) -> pd.DataFrame:
    """Per platform (or stream): `fees_with_hours` = Σ fee × coverage of its income rows (the
    coverage of `hour_records`: a fixed-price job without hours brings its fee but no hours, so
    its fee is left out) and `hours` = Σ hours matched to those rows (NaN when none). One
    currency; `start`/`end` as in `hourly_rates`."""
    if by not in ("platform", "stream"):
        raise ValueError(f"by must be platform or stream (got {by!r})")
    table = in_one_currency(transactions)
    period = in_period(table, estimates, start, end)
    income, records = period.income, period.hours
    fees = (income["fee"].fillna(0.0) * period.weight).groupby(income[by].astype(str)).sum()
    hours = records["hours"].groupby(records[by].astype(str)).sum()
    groups = fees.index.union(hours.index)
    out = pd.DataFrame(
        {"fees_with_hours": fees.reindex(groups, fill_value=0.0), "hours": hours.reindex(groups)}
    )
    out.index.name = by
    return out


@problems_as_values()
def fees_per_hour(
    transactions: pd.DataFrame,
    estimates: dict | None = None,
    by: str | None = None,
    start=None,
    end=None,
) -> float | pd.Series:
    """Fees on the income that has hours ÷ those hours: Σ fees_with_hours / Σ hours (see
    `fees_and_hours`); NaN when there are no hours. With `by`, a Series per group."""
    parts = fees_and_hours(transactions, estimates, by or "platform", start, end)
    overall, per_group = per_hour(parts)
    return overall if by is None else per_group


def per_hour(parts: pd.DataFrame) -> tuple[float, pd.Series]:
    """(overall, per group) fees per hour from `fees_and_hours`: Σ fees_with_hours / Σ hours
    and each group's own ratio (NaN where there are no hours)."""
    hours = float(parts["hours"].sum())
    overall = float(parts["fees_with_hours"].sum()) / hours if hours > 0 else float("nan")
    groups = parts["fees_with_hours"] / parts["hours"].where(parts["hours"] > 0)
    return overall, groups.rename("fees_per_hour")
