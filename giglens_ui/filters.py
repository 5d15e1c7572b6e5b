"""The sidebar's choices as a plain value, and applying them to the table (no Streamlit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics.metrics import distinct_text
from analytics.tax.profile import TaxProfile


@dataclass(frozen=True)
class Filters:
    """What the user chose in the sidebar. Empty `platforms`/`streams` tuples select no income
    (tracked time is kept, see `apply_filters`); `None` means "all"."""

    start: dt.date | None = None
    end: dt.date | None = None
    platforms: tuple[str, ...] | None = None
    streams: tuple[str, ...] | None = None
    base_currency: str = "USD"
    tax: TaxProfile = TaxProfile()
    # exchange rates the user states for currencies without an ECB rate, as written
    # ("1 USD = 1,550 NGN from 2025-06-01"; read by analytics.currency.parse_stated_rates)
    stated_rates: str = ""

    def key(self) -> str:
        """A stable text key of the row filters (for caching analytics results)."""
        return repr(
            (
                self.start,
                self.end,
                self.platforms,
                self.streams,
                self.base_currency,
                self.stated_rates,
            )
        )


def apply_filters(data: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows with start <= date <= end (whole days), platform in platforms, stream in streams.

    Tracked time (kind `time`: Toggl Track, Clockify) is not a platform of its own: it is kept
    whatever the platforms and streams, and its hours count for the income platforms chosen.
    A platform's own time entries (an Upwork Weekly Summary beside the history) follow their
    platform like its other rows.
    """
    keep = pd.Series(True, index=data.index)
    if filters.start is not None:
        keep &= data["date"] >= pd.Timestamp(filters.start)
    if filters.end is not None:
        keep &= data["date"] < pd.Timestamp(filters.end) + pd.Timedelta(days=1)
    if filters.platforms is not None or filters.streams is not None:
        chosen = pd.Series(True, index=data.index)
        if filters.platforms is not None:
            chosen &= data["platform"].isin(filters.platforms)
        if filters.streams is not None:
            chosen &= data["stream"].isin(filters.streams)
        trackers = list(time_only(data, "platform"))
        keep &= chosen | ((data["kind"] == "time") & data["platform"].isin(trackers))
    return data[keep.to_numpy()]


def default_currency(data: pd.DataFrame) -> str:
    """The currency the money lands in, else the one most of it is earned in.

    Earned: Σ |gross| of the income rows per currency, each sum compared in euros at the ECB
    rate of the table's last day (so thousands of cent-sized MTurk HITs in USD do not outweigh
    a year of invoices in EUR). Lands: money coming in as a transfer (PayPal converting dollars
    into euros, a bank receiving a platform's payouts) in one currency, when it is at least half
    of the income: a German paid in dollars that PayPal converts sees euros. Currencies without
    an ECB rate count only when no currency has one; then the most income rows decide. USD for
    an empty table."""
    from analytics.currency import fx_rate
    from analytics.schema import INCOME_KINDS

    currency = data["currency"].astype(str).str.strip().str.upper()
    known = (currency != "").to_numpy()
    income = data["kind"].isin(INCOME_KINDS).to_numpy() & known
    if not income.any():
        counts = currency[currency != ""].value_counts()
        return str(counts.idxmax()) if len(counts) else "USD"
    day = pd.Timestamp(data["date"].max()).date() if data["date"].notna().any() else None

    def in_euros(rows) -> dict[str, float]:
        money = data.loc[rows, "gross"].abs().groupby(currency[rows].to_numpy()).sum()
        euros = {}
        for code, amount in money.items():
            rate = fx_rate(str(code), "EUR", day) if day is not None else None
            if rate is not None:
                euros[str(code)] = float(amount) * rate[0]
        return euros

    earned = in_euros(income)
    landed = in_euros(
        (data["kind"] == "transfer").to_numpy() & (data["gross"] > 0).to_numpy() & known
    )
    if landed:
        most = max(sorted(landed), key=landed.get)
        if landed[most] >= 0.5 * sum(earned.values()):
            return most
    if earned:
        return max(sorted(earned), key=earned.get)
    return str(currency[income].value_counts().idxmax())


def time_only(data: pd.DataFrame, column: str) -> set[str]:
    """Values of `column` (platform or stream) whose rows are all tracked time (kind "time"):
    time trackers such as Toggl Track and Clockify, which bring hours but no income."""
    values = data[column]
    with_money = set(distinct_text(values[(data["kind"] != "time").to_numpy()]))
    return set(distinct_text(values)) - with_money


def income_platforms(data: pd.DataFrame) -> list[str]:
    """Platforms with at least one row that is not tracked time, sorted."""
    return sorted(set(distinct_text(data["platform"])) - time_only(data, "platform"))


def download_scope(data: pd.DataFrame, filters: Filters) -> tuple[str, str]:
    """What the sidebar leaves out of a download, as (file-name suffix, sentence).

    ("", "") when the download holds all the data. Otherwise the suffix names the dates and
    the platforms or streams chosen ("_2025-01-01_to_2025-03-31_paypal+upwork"), and the
    sentence says the same in words, with the months the date range cuts short ("Feb 2025
    holds 10–20 Feb only"), since such a month's row is not the whole month.
    """
    from analytics.charts import label_for

    suffix: list[str] = []
    words: list[str] = []
    dates = data["date"].dropna()
    if len(dates):
        first, last = dates.min().date(), dates.max().date()
        start = filters.start if filters.start and filters.start > first else None
        end = filters.end if filters.end and filters.end < last else None
        if start or end:
            # a month is called cut short only where the sidebar cut it, not where the files
            # themselves begin or end
            start_cut, end_cut = start is not None, end is not None
            start, end = start or first, end or last
            suffix.append(f"{start:%Y-%m-%d}_to_{end:%Y-%m-%d}")
            words.append(f"only {start:%-d %b %Y} to {end:%-d %b %Y}")
            month_end = (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date()
            one_month = (end.year, end.month) == (start.year, start.month)
            cut_first = start_cut and start.day != 1
            cut_last = end_cut and end != (pd.Timestamp(end) + pd.offsets.MonthEnd(0)).date()
            if cut_first or (one_month and cut_last):
                until = min(end, month_end) if one_month and end_cut else month_end
                begin = start.day if cut_first else 1
                words.append(f"{start:%b %Y} holds {begin}–{until:%-d %b} only")
            if not one_month and cut_last:
                words.append(f"{end:%b %Y} holds 1–{end:%-d %b} only")
    for column, chosen in (("platform", filters.platforms), ("stream", filters.streams)):
        if chosen is None:
            continue
        offered = set(distinct_text(data.loc[data["kind"] != "time", column]))
        if offered <= set(chosen):
            continue
        names = sorted(set(chosen) & offered) or sorted(chosen)
        suffix.append("+".join(names) if len(names) <= 4 else f"{len(names)}_{column}s")
        words.append(f"{column}s: " + ", ".join(label_for(n) for n in names))
    if not suffix:
        return "", ""
    return "_" + "_".join(suffix), "Filtered in the sidebar: " + "; ".join(words) + "."
