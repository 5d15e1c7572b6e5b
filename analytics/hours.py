"""Hours worked and effective hourly rates.

Hours come from three places, in this order of precedence for each income row:
1. the export itself (the row's `hours`, e.g. Upwork hourly contracts), or a platform's own
   time entries (an Upwork Weekly Summary beside the transaction history, see
   `analytics.combine`): a tracker's hours for the same platform and client are not added;
2. time-tracker entries (kind `time`, e.g. Toggl Track or Clockify), matched to income by client
   (see `attribute_time`);
3. a manual per-platform estimate, `estimates={"mturk": {"minutes_per_task": 3},
   "uber": {"hours_per_week": 10}}`, for platforms that export no time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

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
)
from analytics.schema import stream_for

TRACKER_PLATFORMS = ("toggl", "clockify")
RECORD_COLUMNS = ["date", "platform", "stream", "client", "hours", "source"]


@dataclass
class HourRecords:
    """Hours with the platform/stream/client they belong to, and which income rows they cover.

    `records`: one row per block of hours (columns RECORD_COLUMNS; `source` is export, tracker
    or estimate). `covered`: for every income row, the share of its net matched by hours.
    `messages`: hours that could not be used, in plain language.
    """

    records: pd.DataFrame
    covered: pd.Series  # share of each income row's net matched by hours, 0-1 (`_coverage`)
    messages: list[str] = field(default_factory=list)


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


def tracked_unpaid_time(transactions: pd.DataFrame) -> tuple[float, float]:
    """(unpaid, paid) hours of the time trackers' entries.

    unpaid = Σ hours of non-billable entries (a tracker's `Billable: No`: proposals, admin)
    that match no income; paid = Σ tracker hours counted for income (see `hour_records`).
    unpaid / paid is the `unpaid_overhead` the tracker itself shows.
    """
    transactions = plain(transactions)
    tracker = attribute_time(transactions)
    tracker = tracker[tracker["source"] == "tracker"]
    said = transactions.loc[tracker.index, "description"].astype(str).str.rstrip()
    unpaid = (tracker["platform"] == "") & said.str.endswith(NON_BILLABLE_TAG)
    records = hour_records(transactions).records
    paid = records.loc[records["source"] == "tracker", "hours"].sum()
    return float(tracker.loc[unpaid, "hours"].sum()), float(paid)


def _estimate_records(uncovered: pd.DataFrame, estimates: dict) -> tuple[pd.DataFrame, pd.Series]:
    """Hours from manual estimates for income rows that have no other hours."""
    parts, covered = [], pd.Series(False, index=uncovered.index)
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
        elif rule.get("hours_per_week") is not None:
            # One record per week worked, dated on that week's first payment so the hours never
            # land in a month (or before the first income) where nothing was earned.
            first_day = earnings.groupby(earnings["date"].dt.to_period("W"))["date"].min()
            part = pd.DataFrame(
                {
                    "date": first_day.to_numpy(),
                    "platform": name,
                    "stream": earnings["stream"].astype(str).mode().iat[0],
                    "client": "",
                    "hours": float(rule["hours_per_week"]),
                }
            )
        else:
            raise ValueError(
                f"estimate for {name}: give minutes_per_task or hours_per_week (got {rule!r})"
            )
        part["source"] = "estimate"
        parts.append(part)
        covered[rows.index] = True
    frame = pd.concat(parts) if parts else pd.DataFrame(columns=RECORD_COLUMNS)
    return frame, covered


def hour_records(transactions: pd.DataFrame, estimates: dict | None = None) -> HourRecords:
    """All hours of the table and the income rows they cover (precedence in the module doc).

    Earnings are covered by hours of their own, else by tracker hours: those count for a
    (platform, client) pair only if it has earnings without hours of their own (otherwise the
    export already counted the time) and cover those earnings; estimates cover the remaining
    earnings of their platform. Fees, refunds and adjustments carry no hours: each counts in
    the share its pair's earnings are covered (see `_coverage`).
    """
    transactions = plain(transactions)
    income = income_only(transactions)
    own = income["hours"].notna()
    earning = (income["kind"] == "earning").to_numpy()
    messages: list[str] = []
    export = income.loc[own, ["date", "platform", "stream", "client", "hours"]].copy()
    export["source"] = "export"
    tracker = attribute_time(transactions)
    unmatched = tracker["platform"] == ""
    if unmatched.any():
        clients = sorted(set(distinct_text(tracker.loc[unmatched, "client"])) - {""})
        messages.append(
            f"{tracker.loc[unmatched, 'hours'].sum():.2f} tracked hours match no income "
            + (f"(clients: {', '.join(clients)})" if clients else "(no client named)")
            + " and are not counted"
        )
    # (platform, client) pairs as MultiIndexes: membership is tested on codes, not on tuples.
    income_pairs = pd.MultiIndex.from_arrays(
        [income["platform"].astype(str), text_key(income["client"])]
    )
    tracker_pairs = pd.MultiIndex.from_arrays([tracker["platform"], tracker["client_key"]])
    untimed_pairs = income_pairs[~own.to_numpy() & earning]
    usable = ~unmatched & tracker_pairs.isin(untimed_pairs)
    # a platform's own time entries come first: a tracker's hours for the same (platform,
    # client) are the same work again (Toggl beside an Upwork Weekly Summary)
    from_platform = (tracker["matched_by"] == "platform").to_numpy()
    again = usable & ~from_platform & tracker_pairs.isin(tracker_pairs[usable & from_platform])
    usable &= ~again
    # time for a platform and client with no income at all (a contract the export names
    # otherwise) matches nothing: not the same as time whose income already has hours
    no_income = ~unmatched & ~usable & ~tracker_pairs.isin(income_pairs)
    if no_income.any():
        clients = sorted(set(distinct_text(tracker.loc[no_income, "client"])) - {""})
        messages.append(
            f"{tracker.loc[no_income, 'hours'].sum():.2f} hours match no income of their "
            "platform"
            + (f" (clients: {', '.join(clients)})" if clients else "")
            + " and are not counted"
        )
    doubled = ~unmatched & ~usable & ~no_income
    if doubled.any():
        messages.append(
            f"{tracker.loc[doubled, 'hours'].sum():.2f} tracked hours are for income whose export "
            "already has hours and are not counted twice"
        )
    by_tracker = ~own & earning & income_pairs.isin(tracker_pairs[usable.to_numpy()])
    untimed = income[~own & earning & ~by_tracker]
    estimated, by_estimate = _estimate_records(untimed, estimates or {})
    timed_earning = (
        (own & earning) | by_tracker | by_estimate.reindex(income.index, fill_value=False)
    )
    covered = _coverage(income, income_pairs, own, earning, timed_earning.to_numpy())
    records = pd.concat(
        [export, tracker.loc[usable, RECORD_COLUMNS], estimated[RECORD_COLUMNS]],
        ignore_index=True,
    )
    records["hours"] = records["hours"].astype("float64")
    records["date"] = pd.to_datetime(records["date"])
    for col in ("platform", "stream", "client", "source"):
        records[col] = records[col].astype(str)
    return HourRecords(records, covered, messages)


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
    client), the same share over the platform's earnings.
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
        weight[others] = share[others]
    return weight


@problems_as_values(keep=("hours", "hours_source"))
def hourly_rates(
    transactions: pd.DataFrame,
    by: str | None = "platform",
    unpaid_overhead: float = 0.0,
    estimates: dict | None = None,
    base_currency: str | None = None,
) -> pd.DataFrame:
    """Effective hourly rate per platform (or stream/client).

    Per group: `net` = Σ net of all its income rows; `net_with_hours` = Σ net × coverage over
    its income rows, coverage being the share of a row matched by hours (1 for an earning with
    own hours, matched tracker time or an estimate; a fee or refund's share, see `_coverage`);
    `hours` = Σ of those hours; `hourly` = net_with_hours / hours (NaN when hours is 0 or
    missing, or when no income row of the group is covered by hours); `hourly_incl_unpaid` =
    net_with_hours / (hours · (1 + unpaid_overhead)), same NaN rule, where `unpaid_overhead`
    is unpaid time (searching, proposals, admin) as a share of paid hours, e.g. 0.25 = 15
    unpaid minutes per paid hour. `coverage` = net_with_hours / net; `hours_source` lists
    where the hours came from; `attrs["messages"]` lists unused hours. by="client" merges
    spellings of a client (`analytics.metrics.client_labels`).
    """
    if unpaid_overhead is None or not unpaid_overhead >= 0:
        raise ValueError("unpaid_overhead must be a share of paid hours, 0 or more (0.25 = 25%)")
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)} (got {by!r})")
    table = in_one_currency(transactions, base_currency)
    income = income_only(table)
    found = hour_records(table, estimates)
    records = found.records

    if by == "client":  # one label per client across income rows and hour records
        income_key, records_key = client_labels(income["client"], records["client"])
    elif by is None:
        income_key = pd.Series("all", index=income.index)
        records_key = pd.Series("all", index=records.index)
    else:
        income_key, records_key = income[by].astype(str), records[by].astype(str)

    weight = found.covered.reindex(income.index, fill_value=0.0)
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
    out["coverage"] = out["net_with_hours"] / out["net"].where(out["net"] != 0)
    sources = records["source"].groupby(records_key).unique()
    out["hours_source"] = sources.map(lambda s: ", ".join(sorted(s))).reindex(out.index)
    out["hours_source"] = out["hours_source"].fillna("")
    out.index.name = by or "group"
    out.attrs["messages"] = found.messages
    return out


@problems_as_values(keep=("hours",))
def fees_and_hours(
    transactions: pd.DataFrame, estimates: dict | None = None, by: str = "platform"
) -> pd.DataFrame:
    """Per platform (or stream): `fees_with_hours` = Σ fee × coverage of its income rows (the
    coverage of `hour_records`: a fixed-price job without hours brings its fee but no hours, so
    its fee is left out) and `hours` = Σ hours recorded for it (NaN when none). One currency
    (see `hourly_rates`)."""
    if by not in ("platform", "stream"):
        raise ValueError(f"by must be platform or stream (got {by!r})")
    table = in_one_currency(transactions)
    income = income_only(table)
    found = hour_records(table, estimates)
    weight = found.covered.reindex(income.index, fill_value=0.0)
    fees = (income["fee"].fillna(0.0) * weight).groupby(income[by].astype(str)).sum()
    hours = found.records["hours"].groupby(found.records[by].astype(str)).sum()
    groups = fees.index.union(hours.index)
    out = pd.DataFrame(
        {"fees_with_hours": fees.reindex(groups, fill_value=0.0), "hours": hours.reindex(groups)}
    )
    out.index.name = by
    return out


@problems_as_values()
def fees_per_hour(
    transactions: pd.DataFrame, estimates: dict | None = None, by: str | None = None
) -> float | pd.Series:
    """Fees on the income that has hours ÷ those hours: Σ fees_with_hours / Σ hours (see
    `fees_and_hours`); NaN when there are no hours. With `by`, a Series per group."""
    overall, per_group = per_hour(fees_and_hours(transactions, estimates, by or "platform"))
    return overall if by is None else per_group


def per_hour(parts: pd.DataFrame) -> tuple[float, pd.Series]:
    """(overall, per group) fees per hour from `fees_and_hours`: Σ fees_with_hours / Σ hours
    and each group's own ratio (NaN where there are no hours)."""
    hours = float(parts["hours"].sum())
    overall = float(parts["fees_with_hours"].sum()) / hours if hours > 0 else float("nan")
    groups = parts["fees_with_hours"] / parts["hours"].where(parts["hours"] > 0)
    return overall, groups.rename("fees_per_hour")
