"""Income over time, its volatility, concentration, and the stream-by-stream comparison.

Every function takes the canonical transaction table (see `analytics.schema`), or a series one of
them returns, and works on any subset of it. Only income rows count (kind earning, refund, fee,
adjustment); transfers, taxes and time entries never do. Amounts are summed in one currency: a
table with several currencies is converted with the ECB rate of each transaction's date when a
`base_currency` is given (`analytics.currency`). Without one, or when some rows have no rate,
amounts are never added up across currencies: the functions return their usual shape with NaN
amounts and the reason in `attrs["problem"]` (see `problems_as_values`).
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.schema import INCOME_KINDS

GROUPINGS = ("platform", "stream", "client")
SWING_THRESHOLD = 0.30  # JPMorgan Chase Institute: a month-to-month change of 30% or more
SPIKE_FACTOR = 1.25  # US Financial Diaries: a month 25% or more above the own average
DIP_FACTOR = 0.75  # ... and 25% or more below it


class MixedCurrencyError(ValueError):
    """Amounts in several currencies were about to be added up. `str(exc)` is for the user."""


class MissingRateError(MixedCurrencyError):
    """Some rows could not be converted to the base currency (no ECB rate for them)."""


# Not a currency: the ISO 4217 code for "no currency", the stand-in used to shape a NaN result.
NO_CURRENCY = "XXX"
_NESTING = contextvars.ContextVar("giglens_analytics_nesting", default=0)


def problems_as_values(*, keep: tuple[str, ...] = ()):
    """Make a function of the transaction table return a currency problem instead of raising it.

    When the wrapped function meets amounts it cannot add up (`MixedCurrencyError`: several
    currencies without a base currency, or rows without an ECB rate), it returns the result it
    would give if the table were in one currency (same groups, months and columns) with every
    amount-derived number NaN (booleans <NA>), and the plain-language reason in
    `attrs["problem"]` (also first in `attrs["messages"]`). Columns named in `keep` (hours,
    counts, text) do not depend on the currency and keep their values. Only the outermost
    call turns the error into a value: functions calling each other see the error as usual.
    """

    def wrap(fn):
        signature = inspect.signature(fn)
        table_name = next(iter(signature.parameters))

        @functools.wraps(fn)
        def inner(*args, **kwargs):
            token = _NESTING.set(_NESTING.get() + 1)
            try:
                return fn(*args, **kwargs)
            except MixedCurrencyError as exc:
                if _NESTING.get() > 1:
                    raise
                bound = signature.bind(*args, **kwargs)
                bound.arguments[table_name] = bound.arguments[table_name].assign(
                    currency=NO_CURRENCY
                )
                if "base_currency" in signature.parameters:
                    bound.arguments["base_currency"] = None
                shaped = fn(*bound.args, **bound.kwargs)
                return _without_amounts(shaped, keep, str(exc))
            finally:
                _NESTING.reset(token)

        return inner

    return wrap


def _without_amounts(result, keep: tuple[str, ...], problem: str):
    """`result` (a DataFrame, Series, float or a tuple of them) with its amounts made NaN."""
    if isinstance(result, tuple):
        return tuple(_without_amounts(part, keep, problem) for part in result)
    if isinstance(result, pd.DataFrame):
        out = result.copy()
        for column in out.columns:
            dtype = out[column].dtype
            if column in keep:
                continue
            if pd.api.types.is_bool_dtype(dtype):
                out[column] = pd.array([pd.NA] * len(out), dtype="boolean")
            elif pd.api.types.is_float_dtype(dtype):
                out[column] = np.nan
    elif isinstance(result, pd.Series):
        out = pd.Series(np.nan, index=result.index, name=result.name, dtype="float64")
    else:
        return float("nan")
    out.attrs = dict(result.attrs)
    out.attrs["problem"] = problem
    # the stand-in currency's own messages ("1 payment(s) in XXX...") are about nothing real
    kept = [m for m in result.attrs.get("messages", []) if NO_CURRENCY not in m]
    out.attrs["messages"] = [problem, *kept]
    if "currency" in out.attrs:
        out.attrs["currency"] = ""
    return out


# --- selecting and preparing rows ------------------------------------------------------------


def plain(transactions: pd.DataFrame) -> pd.DataFrame:
    """The table with categorical text columns turned into plain strings (safe to group/fill)."""
    cats = [
        c for c in transactions.columns if isinstance(transactions[c].dtype, pd.CategoricalDtype)
    ]
    if not cats:
        return transactions
    return transactions.assign(**{c: categories_as_text(transactions[c]) for c in cats})


def categories_as_text(values: pd.Series) -> pd.Series:
    """A categorical column as `astype(str)` gives it (a missing cell is "nan"), built from
    its few categories rather than one Python string per row."""
    import pyarrow as pa

    from analytics.canonical import TEXT_DTYPE

    labels = [str(c) for c in values.cat.categories] + ["nan"]
    codes = values.cat.codes.to_numpy().astype(np.int64)
    codes[codes < 0] = len(labels) - 1
    cells = pa.array(labels, type=pa.large_string()).take(pa.array(codes))
    return pd.Series(pd.arrays.ArrowStringArray(cells, dtype=TEXT_DTYPE), index=values.index)


def and_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c": names as a sentence lists them."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def distinct_text(values: pd.Series) -> list[str]:
    """The distinct cells of a column as `astype(str).unique()` gives them (first-seen order
    aside), read from a categorical's used categories rather than from every row."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        used = np.unique(codes)
        labels = [str(values.cat.categories[c]) for c in used if c >= 0]
        return labels + (["nan"] if (used < 0).any() else [])
    return [str(v) for v in values.astype(str).unique()]


def text_key(values: pd.Series) -> pd.Series:
    """Cells without outer spaces and case-folded ("Acme " and "acme" match), worked out once
    per distinct cell; a missing cell is ""."""
    from analytics.parsing import on_uniques

    return on_uniques(values, lambda u: u.fillna("").astype(str).str.strip().str.casefold())


def income_only(transactions: pd.DataFrame) -> pd.DataFrame:
    """The income rows (kind in INCOME_KINDS), all columns kept."""
    return transactions[transactions["kind"].isin(INCOME_KINDS)]


def currencies_in(rows: pd.DataFrame) -> list[str]:
    """The distinct non-empty currency codes of `rows`, sorted."""
    return sorted({c.strip().upper() for c in distinct_text(rows["currency"])} - {""})


def in_one_currency(transactions: pd.DataFrame, base_currency: str | None = None) -> pd.DataFrame:
    """`transactions` with all income rows in one currency, or a plain-language error.

    With `base_currency`, every row is converted (ECB rate of its date, see
    `analytics.currency.to_base_currency`); rows without a rate raise `MissingRateError` naming
    them, never a 1:1 conversion. Without it, income rows in more than one currency raise
    `MixedCurrencyError`.
    """
    if base_currency:
        from analytics.currency import to_base_currency

        converted = to_base_currency(transactions, base=base_currency)
        missing = converted["fx_note"].str.startswith("no rate")
        missing &= converted["kind"].isin(INCOME_KINDS)
        if missing.any():
            # the converter's routine notes (weekend dates priced at the day before) are no reason
            reasons = [m for m in converted.attrs.get("fx_messages", []) if "not converted" in m]
            raise MissingRateError(
                f"{int(missing.sum()):,} income row(s) could not be converted to "
                f"{base_currency.upper()}: " + "; ".join(reasons)
            )
        return plain(converted)
    transactions = plain(transactions)
    found = currencies_in(income_only(transactions))
    if len(found) > 1:
        raise MixedCurrencyError(
            f"mixed currencies ({', '.join(found)}): choose a base currency to convert them to"
        )
    return transactions


def within(rows: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """The rows dated from `start` to `end`, both days included (dates, strings or timestamps;
    None leaves that side open), as the dashboard's date range selects them."""
    if start is None and end is None:
        return rows
    keep = np.ones(len(rows), dtype=bool)
    dates = pd.to_datetime(rows["date"])
    if start is not None:
        keep &= (dates >= pd.Timestamp(start).normalize()).to_numpy()
    if end is not None:
        keep &= (dates < pd.Timestamp(end).normalize() + pd.Timedelta(days=1)).to_numpy()
    return rows[keep]


def paying_client_keys(income: pd.DataFrame) -> pd.Series:
    """Per income row, the client it names (`text_key`: case and outer spaces ignored) when that
    is a client who pays, else "".

    A client who pays is named on an earning or a refund of the platform (as `attribute_time`
    matches tracked time only to clients named on earnings) and is not the platform itself: a
    platform's own charges name it (Upwork's Connects and Freelancer Plus: "Upwork"; PayPal's
    currency conversions: "PayPal"), and so do sums of many unnamed payers (an MTurk dashboard
    day: "Amazon MTurk"). A fee row naming a client who pays (Upwork's service fee) keeps it.
    """
    key = text_key(income["client"])
    own_name = names_its_platform(income)
    pays = income["kind"].isin(["earning", "refund"]) & (key != "") & ~own_name
    return key.where(key.isin(set(key[pays])) & ~own_name, "")


def names_its_platform(rows: pd.DataFrame) -> pd.Series:
    """Whether each row's client is its own platform (by id or name, case ignored): a
    platform's own charge (Upwork's Connects: "Upwork") or a sum of many unnamed payers (an
    MTurk dashboard day: "Amazon MTurk"), not a client. A platform that pays you as your
    client (CLIENT_PAYERS: Toptal) is the client it names."""
    from analytics.schema import CLIENT_PAYERS, PLATFORM_NAMES

    key = text_key(rows["client"])
    platform = rows["platform"].astype(str)
    own_name = pd.Series(False, index=rows.index)
    for p in set(platform) - set(CLIENT_PAYERS):
        keys = text_key(pd.Series([PLATFORM_NAMES.get(p, p), p])).tolist()
        own_name |= (platform == p) & key.isin(keys)
    return own_name


def client_labels(*columns: pd.Series) -> list[pd.Series]:
    """Each column of client names as display labels shared by all of them.

    Outer spaces are removed and spellings that differ only in case ("Acme", "acme ") become
    one client, labelled with its most frequent spelling over all `columns` (ties: the
    alphabetically first). A blank client stays "".
    """
    from analytics.parsing import on_uniques

    stripped = [on_uniques(c, lambda u: u.fillna("").astype(str).str.strip()) for c in columns]
    names = pd.concat(stripped, ignore_index=True) if stripped else pd.Series(dtype=str)
    tally = (
        pd.DataFrame({"key": text_key(names), "name": names})
        .groupby(["key", "name"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["key", "n", "name"], ascending=[True, False, True])
        .drop_duplicates("key")
    )
    mapping = dict(zip(tally["key"], tally["name"], strict=True))
    return [text_key(s).map(mapping).fillna("").astype(str) for s in stripped]


def group_labels(rows: pd.DataFrame, by: str) -> pd.Series:
    """The `by` column of `rows` as group labels (clients merged as in `client_labels`)."""
    if by == "client":
        return client_labels(rows["client"])[0]
    return rows[by].astype(str).str.strip()


def _check_dates(rows: pd.DataFrame) -> None:
    if rows["date"].isna().any():
        raise ValueError(f"{int(rows['date'].isna().sum()):,} income row(s) have no date")


def _period_range(dates: pd.Series, freq: str) -> pd.PeriodIndex:
    periods = dates.dt.to_period(freq)
    return pd.period_range(periods.min(), periods.max(), freq=freq)


def _empty_index(freq: str) -> pd.PeriodIndex:
    return pd.PeriodIndex([], freq=freq)


# --- 1. monthly income ------------------------------------------------------------------------


@problems_as_values()
def monthly_income(
    transactions: pd.DataFrame,
    by: str | None = None,
    base_currency: str | None = None,
    freq: str = "M",
) -> pd.Series | pd.DataFrame:
    """Net income per calendar month (or week), every period from the first to the last present.

    Net = Σ net over income rows of the period (earnings minus refunds minus fees, plus
    adjustments). Periods without income are 0. `freq="W"` gives weeks (Monday to Sunday).
    `by="platform"|"stream"|"client"` gives a DataFrame with one column per value (clients
    merged as in `client_labels`; a blank client is the column ""). No income rows: an empty
    Series/DataFrame with an empty PeriodIndex.
    """
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)} (got {by!r})")
    if freq not in ("M", "W"):
        raise ValueError(f"freq must be 'M' (months) or 'W' (weeks), got {freq!r}")
    income = income_only(in_one_currency(transactions, base_currency))
    _check_dates(income)
    if income.empty:
        if by is None:
            return pd.Series([], index=_empty_index(freq), dtype="float64", name="net")
        return pd.DataFrame(index=_empty_index(freq), dtype="float64")
    periods = income["date"].dt.to_period(freq)
    full = _period_range(income["date"], freq)
    if by is None:
        series = income["net"].groupby(periods).sum()
        return series.reindex(full, fill_value=0.0).astype("float64").rename("net")
    keys = group_labels(income, by)
    table = income["net"].groupby([periods, keys]).sum().unstack(fill_value=0.0)
    table = table.reindex(full, fill_value=0.0).astype("float64")
    table.columns = table.columns.astype(str)
    table.columns.name = by
    return table


def months_without_rows(
    transactions: pd.DataFrame, at_least: int = 6
) -> list[tuple[pd.Period, pd.Period]]:
    """Runs of at least `at_least` calendar months with no row at all (any kind: income,
    transfers, time), between the table's first and last month, as (first, last) months.

    `monthly_income` counts such months as 0 income, which is right for a break from work but
    not for a stretch no imported file covers (downloads of 2016 and of 2024, nothing between).
    """
    if transactions.empty or transactions["date"].isna().all():
        return []
    present = transactions["date"].dropna().dt.to_period("M").unique()
    months = pd.period_range(present.min(), present.max(), freq="M")
    empty = ~months.isin(present)
    runs, start = [], None
    for month, is_empty in zip(months, empty, strict=True):
        if is_empty and start is None:
            start = month
        elif not is_empty and start is not None:
            if (month - start).n >= at_least:
                runs.append((start, month - 1))
            start = None
    return runs


def whole_weeks(weekly: pd.Series, first_day, last_day) -> tuple[pd.Series, list]:
    """`weekly` (a weekly PeriodIndex, Monday to Sunday) without a first week that begins
    before `first_day` or a last week that ends after `last_day` (the first and last days the
    files hold) when that week is a dip (below the median of the weeks between): the files
    hold only some of its days, so its low income would be taken for a dip (a part week
    that earned more than most is kept: what it holds was earned). Returns the weeks kept and
    the weeks left out; all of them when fewer than two weeks would be left."""
    if len(weekly) < 4 or first_day is None or last_day is None:
        return weekly, []
    first_day, last_day = pd.Timestamp(first_day).normalize(), pd.Timestamp(last_day).normalize()
    median = float(weekly.iloc[1:-1].median())
    part = []
    if weekly.index[0].start_time.normalize() < first_day and weekly.iloc[0] < median:
        part.append(weekly.index[0])
    if weekly.index[-1].end_time.normalize() > last_day and weekly.iloc[-1] < median:
        part.append(weekly.index[-1])
    return weekly.drop(part), part


PART_MONTH_FROM_DAY = 8  # files starting on the 8th or later miss a week of their first month


def _dated_income(transactions: pd.DataFrame) -> pd.DataFrame:
    """The income rows (INCOME_KINDS) that have a date."""
    income = transactions[transactions["kind"].isin(INCOME_KINDS).to_numpy()]
    return income[income["date"].notna().to_numpy()]


def _no_platforms(values: str, month: str) -> pd.Series:
    """An empty Series of platforms' days (name `values`), `attrs[month]` None."""
    out = pd.Series([], dtype="datetime64[ns]", name=values)
    out.index.name = "platform"
    out.attrs[month] = None
    return out


def _below_median(income: pd.DataFrame, currency: str, month, others: pd.PeriodIndex) -> bool:
    """Whether `month`'s net income in `currency` (Σ net of its income rows) is below the
    median of the `others` months' (a month without income counts 0); False without others."""
    same = (income["currency"].astype(str) == currency).to_numpy()
    rows = income[same]
    by_month = rows["net"].groupby(rows["date"].dt.to_period("M").to_numpy()).sum()
    if not len(others):
        return False
    return bool(by_month.get(month, 0.0) < by_month.reindex(others, fill_value=0).median())


def platforms_starting_a_month_late(transactions: pd.DataFrame) -> pd.Series:
    """The platforms whose income starts the month after the first month of income, when the
    files start on or after the PART_MONTH_FROM_DAY-th of that month: it probably holds only
    part of the income (one platform's download began late in it, the others' on the 1st of
    the next month), so it looks like a dip: named only when its net income (Σ net of its
    income rows in the currency of most of them) is below the median of the months after it
    (zero months included).

    Returns a Series: index `platform`, values the day of the platform's first income row,
    earliest first; `attrs["first_month"]` the first month of income (a Period, or None) and
    `attrs["files_start"]` the first day of the files' rows that move money (tracked time
    does not count). Empty when every platform's income
    starts in the first month or later than the next, or the files start early in it.
    """
    income = _dated_income(transactions)
    out = _no_platforms("first_day", "first_month")
    if income.empty:
        return out
    starts = income["date"].groupby(income["platform"].astype(str).to_numpy()).min()
    first_month = starts.min().to_period("M")
    out.attrs["first_month"] = first_month
    # the first day money moved (a time tracker's hours from 3 Dec are no income's coverage)
    moving = transactions[(transactions["kind"].astype(str) != "time").to_numpy()]
    files_start = moving["date"].min().normalize()
    out.attrs["files_start"] = files_start
    if files_start.to_period("M") != first_month or files_start.day < PART_MONTH_FROM_DAY:
        return out
    late = starts[starts.dt.to_period("M") == first_month + 1].dt.normalize()
    if late.empty:
        return out
    # a first month that is no dip (at or above the median of the months after it) holds the
    # income of its month: the other platforms simply started later
    currency = income["currency"].astype(str)
    main = currency.value_counts().index[0]  # amounts in two currencies do not add
    later = pd.period_range(first_month + 1, income["date"].max().to_period("M"), freq="M")
    if not _below_median(income, main, first_month, later):
        return out
    late = late.sort_values(kind="stable").rename("first_day").rename_axis("platform")
    late = late.astype("datetime64[ns]")
    late.attrs.update(first_month=first_month, files_start=files_start)
    return late


def platforms_missing_from_the_last_month(transactions: pd.DataFrame) -> pd.Series:
    """The platforms that were paid (an earning above 0) in at least 3 of the 4 months before
    the files' last month of income and have no row at all in it (not even a payout: a file
    that reaches the month is no download missing), when that month is a dip for them: the
    month's net income in the platform's currency below the median of the months before it.
    The month probably lacks a download not out yet (an Etsy monthly statement comes after
    its month ends) and looks like a fall in income.

    Returns a Series: index `platform`, values the day of the platform's last income row,
    earliest first; `attrs["last_month"]` the files' last month of income (a Period, or None).
    Empty when no platform is missing or the month is no dip.
    """
    income = _dated_income(transactions)
    out = _no_platforms("last_day", "last_month")
    if income.empty:
        return out
    month = income["date"].dt.to_period("M")
    last_month = month.max()
    out.attrs["last_month"] = last_month
    before = pd.period_range(last_month - 4, last_month - 1, freq="M")
    paid = income[((income["kind"] == "earning") & (income["gross"] > 0)).to_numpy()]
    paid_in = pd.crosstab(
        paid["platform"].astype(str).to_numpy(), paid["date"].dt.to_period("M").to_numpy()
    ).reindex(columns=list(before), fill_value=0)
    regular = (paid_in > 0).sum(axis=1) >= 3
    # any row that moved money in the last month: the platform's files reach it
    moving = transactions[(transactions["kind"].astype(str) != "time").to_numpy()]
    moving = moving[moving["date"].notna().to_numpy()]
    present = set(
        moving.loc[(moving["date"].dt.to_period("M") == last_month).to_numpy(), "platform"]
        .astype(str)
        .unique()
    )
    missing = [p for p in regular[regular].index if p not in present]
    if not missing:
        return out
    platform = income["platform"].astype(str)
    currency = income["currency"].astype(str)
    earlier = pd.period_range(month.min(), last_month - 1, freq="M")
    # the month's income in each platform's currency against the months before
    dips = [
        name
        for name in missing
        if _below_median(
            income, currency[platform == name].value_counts().index[0], last_month, earlier
        )
    ]
    if not dips:
        return out
    last_day = income["date"].groupby(platform.to_numpy()).max().dt.normalize()
    found = last_day[dips].sort_values(kind="stable")
    found = found.rename("last_day").rename_axis("platform").astype("datetime64[ns]")
    found.attrs["last_month"] = last_month
    return found


PART_MONTH_DAYS_LEFT = 7  # files ending a week or more before their last month's end


def last_month_cut_short(
    transactions: pd.DataFrame, files_end=None
) -> tuple[pd.Timestamp, pd.Period] | None:
    """(the files' last day, its month) when that day is PART_MONTH_DAYS_LEFT days or more
    before the month's end and the month is a dip: its net income in the main currency (that
    of most income rows of the 12 months before it) below the median of the months before it
    (a month without income counts 0, the last one too). The month holds only its first days
    and looks like a fall in income (files downloaded on 18 January hold 18 days of it). None
    otherwise, or with fewer than 3 months of income before it to compare with.

    The files' last day is `files_end` when given (the tax projection's, which counts any
    row), else that of the last row that moved money (any kind but `time`)."""
    income = _dated_income(transactions)
    if income.empty:
        return None
    if files_end is None:
        moving = transactions[(transactions["kind"].astype(str) != "time").to_numpy()]
        files_end = moving["date"].max()
    files_end = pd.Timestamp(files_end).normalize()
    month = files_end.to_period("M")
    if (month.end_time.normalize() - files_end).days < PART_MONTH_DAYS_LEFT:
        return None
    months = income["date"].dt.to_period("M")
    first = months.min()
    if first >= month:
        return None
    earlier = pd.period_range(first, month - 1, freq="M")
    if len(earlier) < 3:
        return None
    recent = income[((months >= month - 12) & (months < month)).to_numpy()]
    main = (recent if len(recent) else income)["currency"].astype(str).value_counts().index[0]
    if not _below_median(income, main, month, earlier):
        return None
    return files_end, month


ENDS_EARLY_DAYS = 45  # more than a month and a half: a platform paid monthly is not caught
# a platform last seen more than two years before is one the user left, not a download missing
LEFT_LONG_AGO_DAYS = 730


def platforms_ending_early(
    transactions: pd.DataFrame, end=None, days: int = ENDS_EARLY_DAYS, reaches=None
) -> pd.Series:
    """The platforms whose rows stop well before the files' last day: a newer download of
    theirs is probably missing (the months after count as no income from them).

    A platform's last day is the date of its last row that moved money (any kind but `time`:
    earnings, fees, refunds, transfers, taxes; a time entry moves no money). The files' last
    day is the date of the last row of the whole table, of any kind (the day the tax
    projection counts the files to, see `analytics.tax.covered_through`). A platform ends early
    when its last day is more than `days` days before the files' last day (45 by default: a
    platform that pays once a month is at most a month behind, so it is not named by
    accident). With `end` (the last day of a date range), the comparison is with `end` when
    that is earlier: a platform that ends after `end`, or at most `days` days before it, is
    not named, since the range does not reach the months it misses. A platform with time
    entries only (a time tracker) is never named, nor one with rows in a file that is itself
    not early (its last row at most `days` days before the reference day: a template holding
    several platforms, in which one simply had nothing later; there is nothing to download),
    nor one whose last day is more than two years (LEFT_LONG_AGO_DAYS) before the reference
    day: a Toptal file of 2016 beside 2026 income is work the user left, and naming it on every
    page would only be noise. `reaches` ({source: day}, `ImportResult.reaches`) gives the
    latest day each file holds, rows it skipped included: a platform's last day is at least
    that of its files (a PayPal download whose last payment is still pending reaches its day).

    Returns a Series: index `platform`, values the platform's last day (midnight), earliest
    first (ties by platform), named `last_day`; `attrs["files_end"]` is the files' last day
    (NaT for a table without dates). Empty when no platform ends early.
    """
    dates = pd.to_datetime(transactions["date"])
    found = dates.notna().to_numpy()
    files_end = dates[found].max().normalize() if found.any() else pd.NaT
    out = pd.Series([], dtype="datetime64[ns]", name="last_day")
    out.index.name = "platform"
    out.attrs["files_end"] = files_end
    if pd.isna(files_end):
        return out
    reference = files_end
    if end is not None:
        reference = min(reference, pd.Timestamp(end).normalize())
    money = found & (transactions["kind"].astype(str) != "time").to_numpy()
    if not money.any():
        return out
    platform = transactions["platform"].astype(str).to_numpy()[money]
    last = dates[money].groupby(platform).max().dt.normalize()
    if reaches and "source" in transactions.columns:
        pairs = pd.DataFrame(
            {"platform": platform, "source": transactions["source"].astype(str).to_numpy()[money]}
        ).drop_duplicates()
        reached = pd.to_datetime(pairs["source"].map(reaches)).dt.normalize()
        furthest = reached.groupby(pairs["platform"].to_numpy()).max().dropna()
        if len(furthest):
            last = pd.concat([last, furthest]).groupby(level=0).max()
    early = last[
        (last < reference - pd.Timedelta(days=days))
        & (last >= reference - pd.Timedelta(days=LEFT_LONG_AGO_DAYS))
    ]
    if len(early) and "source" in transactions.columns:
        # a file of several platforms (the GigLens template) that reaches the end is up to
        # date: its platform had nothing later, no newer download is missing
        source = transactions["source"].astype(str).to_numpy()[money]
        file_end = dates[money].groupby(source).transform("max").dt.normalize()
        current = (file_end >= reference - pd.Timedelta(days=days)) & (source != "")
        up_to_date = set(pd.Series(platform)[current.to_numpy()])
        early = early[~early.index.isin(up_to_date)]
    early = early.rename("last_day").rename_axis("platform")
    order = sorted(early.index, key=lambda p: (early[p], p))
    early = early.reindex(order).astype("datetime64[ns]")
    early.attrs["files_end"] = files_end
    return early


# --- 2. volatility ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Volatility:
    """How much a monthly income series moves. `y_t` is month t's income, n the number of months.

    - `mean` = Σ y_t / n.
    - `std` = sqrt(Σ (y_t − mean)² / (n − ddof))  (sample, ddof=1 by default; NaN when n < 2).
    - `cv` = std / mean  (NaN when n < 2 or mean <= 0).
    - `swing_share` = (number of big swings) / (n − 1) over all month-to-month changes t = 2..n.
      A change is a big swing when y_{t−1} > 0 and |y_t − y_{t−1}| >= 0.30 · y_{t−1}, or when
      y_{t−1} = 0 and y_t ≠ 0 (a move from zero to income counts; zero to zero does not). After
      a month at a loss (y_{t−1} < 0, which the 0.30 · y_{t−1} rule does not cover) the change is
      measured against the size of that loss, |y_t − y_{t−1}| >= 0.30 · |y_{t−1}|, so a loss
      that doubles, −100 to −200, is a swing like 100 to 200, and so is a zero month followed by
      a loss. NaN when n < 2.
    - `spike_months` = #{t : y_t >= 1.25 · mean}; `dip_months` = #{t : y_t <= 0.75 · mean}
      (US Financial Diaries thresholds), as written also when mean <= 0 (then every month of
      zero counts as both: the dashboard shows no spikes or dips for an average of nothing).
    - `max_drawdown` = min_t (y_t / max_{s<=t} y_s − 1), over the months from the first positive
      one on (NaN before it): the largest fall of a month below the best month before it, as a
      share of that best month. <= 0; a zero month is −1 (−100%), a month at a loss below −1
      ([90, −270, 90] gives −270 / 90 − 1 = −4). NaN when no month is positive (see
      `drawdown`).
    - `p10` = 10th percentile of y (numpy linear interpolation): the "income floor".
    - `smoothing_buffer` = max(0, −min_t Σ_{s<=t} (y_s − mean)): the cash needed up front to pay
      yourself `mean` every month without the balance going below zero.
    - `rolling_cv(window=6)`: the cv over each trailing window of `window` months.
    Empty series: n_months 0, everything else NaN (counts 0); all-NaN series: the same with
    n_months n.
    """

    n_months: int
    mean: float
    std: float
    cv: float
    swing_share: float
    spike_months: int
    dip_months: int
    max_drawdown: float
    p10: float
    smoothing_buffer: float
    monthly: pd.Series = field(repr=False, compare=False, default=None)

    def swings(self) -> tuple[pd.Series, pd.Series]:
        """(spike months, dip months): the months counted in `spike_months` (y >= 1.25 · mean)
        and `dip_months` (y <= 0.75 · mean), with their income, in month order."""
        y = self.monthly if self.monthly is not None else pd.Series(dtype="float64")
        y = y.astype("float64").fillna(0.0)
        if not len(y) or not np.isfinite(self.mean):
            return y.iloc[:0], y.iloc[:0]
        return y[y >= SPIKE_FACTOR * self.mean], y[y <= DIP_FACTOR * self.mean]

    def rolling_cv(self, window: int = 6) -> pd.Series:
        """std / mean of each trailing `window`-month window (ddof=1; NaN until the window is
        full and where the window's mean <= 0). `window`: a whole number of months, 2 or more.
        """
        if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 2:
            raise ValueError(f"window must be a whole number of months, 2 or more (got {window!r})")
        y = self.monthly if self.monthly is not None else pd.Series(dtype="float64")
        y = y.astype("float64")
        mean = y.rolling(window).mean()
        cv = y.rolling(window).std(ddof=1) / mean
        return cv.where(mean > 0).rename("rolling_cv")


def _swing_share(y: np.ndarray) -> float:
    if len(y) < 2:
        return float("nan")
    prev, cur = y[:-1], y[1:]
    big = np.where(prev != 0, np.abs(cur - prev) >= SWING_THRESHOLD * np.abs(prev), cur != 0)
    return float(big.sum() / len(big))


def _drawdowns(y: np.ndarray) -> np.ndarray:
    """y_t / max_{s<=t} y_s − 1 per month; NaN before the first positive month."""
    out = np.full(len(y), np.nan)
    positive = np.flatnonzero(y > 0)
    if len(positive) == 0:
        return out
    tail = y[positive[0] :]
    out[positive[0] :] = tail / np.maximum.accumulate(tail) - 1
    return out


def _max_drawdown(y: np.ndarray) -> float:
    found = _drawdowns(y)
    return float(np.nanmin(found)) if np.isfinite(found).any() else float("nan")


def drawdown(monthly: pd.Series) -> pd.Series:
    """Each month's fall below the best month so far, as a share of that best month.

    DD_t = y_t / max_{s<=t} y_s − 1, <= 0: 0 at a new best month, −0.5 at half of it, −1
    (−100%) at a month of zero, below −1 at a month at a loss (−1.5: a loss of half the best
    month). NaN before the first month with positive income (there is no best month to fall
    from yet). NaN values are treated as 0. `Volatility.max_drawdown` is its minimum.
    """
    series = pd.Series(monthly, dtype="float64").fillna(0.0)
    return pd.Series(_drawdowns(series.to_numpy()), index=series.index, name="drawdown")


def income_volatility(monthly: pd.Series, ddof: int = 1) -> Volatility:
    """The volatility measures of a monthly income series (see `Volatility` for the formulas).

    `ddof` is the standard deviation's delta degrees of freedom: 1 (the sample std, the
    default, as pandas' `std()`) or 0 (the population std, which some studies may use: with
    12 months the sample CV is sqrt(12/11) = 1.0445 times the population CV).

    `monthly` is what `monthly_income` returns (zeros included: a month without income is a
    month of 0, not a missing month). NaN values are treated as 0, unless every value is NaN
    (amounts that could not be added up, see `problems_as_values`): then every measure is NaN.
    """
    given = pd.Series(monthly, dtype="float64")
    series = given.fillna(0.0)
    y = series.to_numpy()
    n = len(y)
    if n == 0 or given.isna().all():
        nan = float("nan")
        return Volatility(n, nan, nan, nan, nan, 0, 0, nan, nan, nan, given)
    mean = float(y.mean())
    if ddof not in (0, 1):
        raise ValueError(f"ddof must be 0 or 1 (got {ddof!r})")
    std = float(y.std(ddof=ddof)) if n >= 2 else float("nan")
    cv = std / mean if n >= 2 and mean > 0 else float("nan")
    spikes = int((y >= SPIKE_FACTOR * mean).sum())
    dips = int((y <= DIP_FACTOR * mean).sum())
    buffer = max(0.0, float(-np.cumsum(y - mean).min()))
    return Volatility(
        n_months=n,
        mean=mean,
        std=std,
        cv=cv,
        swing_share=_swing_share(y),
        spike_months=spikes,
        dip_months=dips,
        max_drawdown=_max_drawdown(y),
        p10=float(np.percentile(y, 10)),
        smoothing_buffer=buffer,
        monthly=series,
    )


# --- 6. concentration -------------------------------------------------------------------------


def herfindahl(shares: pd.Series) -> float:
    """Herfindahl–Hirschman index on 0..1 shares: Σ share². 1 = one source; 1/k = k equal ones."""
    return float((shares**2).sum()) if len(shares) else float("nan")


@problems_as_values()
def concentration(
    transactions: pd.DataFrame,
    by: str = "platform",
    base_currency: str | None = None,
    named_only: bool = False,
) -> tuple[pd.DataFrame, float]:
    """How dependent the income is on one platform or client.

    Returns (table, hhi). `table` has one row per platform/client (largest first) with `net` and
    `share` = net / Σ net over the groups with positive net; groups whose net is zero or
    negative get share 0 (they contribute no income to depend on). `hhi` = Σ share² on 0..1
    shares (1.0 = everything from one source; 0.25 = four equal ones); NaN when there is no
    positive income. Rows without a client, or naming their own platform (an MTurk dashboard
    day, "Amazon MTurk": `names_its_platform`), are grouped under "" for by="client" (left out
    with `named_only`: a platform whose exports name no customer is no single client);
    spellings of a client that differ only in case or outer spaces are one client
    (`client_labels`).
    """
    if by not in ("platform", "client", "stream"):
        raise ValueError(f"by must be 'platform', 'client' or 'stream' (got {by!r})")
    income = income_only(in_one_currency(transactions, base_currency))
    labels = group_labels(income, by)
    if by == "client":  # an MTurk dashboard day ("Amazon MTurk") names no client
        labels = labels.mask(names_its_platform(income).to_numpy(), "")
    if named_only:
        income, labels = income[(labels != "").to_numpy()], labels[labels != ""]
    net = income["net"].groupby(labels).sum().astype("float64")
    net = net.rename_axis(by).rename("net").sort_values(ascending=False)
    positive = net.clip(lower=0.0)
    total = positive.sum()
    shares = positive / total if total > 0 else positive * np.nan
    table = pd.DataFrame({"net": net, "share": shares})
    return table, herfindahl(shares) if total > 0 else float("nan")


@problems_as_values()
def income_without_client(
    transactions: pd.DataFrame, base_currency: str | None = None
) -> pd.Series:
    """Net income per platform of the income rows that name no client (Stripe's exports give
    none), largest first; platforms whose such net is not positive are left out."""
    income = income_only(in_one_currency(transactions, base_currency))
    unnamed = ((group_labels(income, "client") == "") | names_its_platform(income)).to_numpy()
    rows = income[unnamed]
    net = rows["net"].groupby(rows["platform"].astype(str).str.strip()).sum().astype("float64")
    return net[net > 0].sort_values(ascending=False).rename_axis("platform").rename("net")


# --- 5. micro jobs vs freelancing ---------------------------------------------------------------

COMPARE_COLUMNS = [
    "net",
    "share",
    "months_active",
    "cv",
    "hourly",
    "hourly_coverage",
    "avg_payment",
    "n_clients",
    "top_client_share",
    "fee_rate",
]


@problems_as_values(keep=("months_active", "n_clients"))
def compare_streams(
    transactions: pd.DataFrame,
    base_currency: str | None = None,
    estimates: dict | None = None,
    start=None,
    end=None,
    fee_unknown_sources=(),
) -> pd.DataFrame:
    """One row per stream (micro, freelance, sales, ...), the columns of COMPARE_COLUMNS:

    - `net`: Σ net of the stream's income rows; `share` = max(net, 0) / Σ max(net, 0) over
      all streams, the stream's part of the positive income, in [0, 1] as in `concentration`:
      a stream that lost money has share 0 and does not push the others above 1. NaN when no
      stream has positive net.
    - `months_active`: calendar months with at least one income row of the stream.
    - `cv`: `income_volatility(...).cv` of the stream's monthly net over its own months, from
      the first to the last month with income of the stream (a month without any between them
      counts as 0): a stream begun this year is not judged on the years before it.
    - `hourly`: `hourly_rates(..., by="stream")["hourly"]` (NaN when the stream has no hours).
    - `hourly_coverage`: the share of the stream's net that `hourly` stands on, the income its
      hours paid for (`hourly_rates`' `coverage`; NaN without hours): a freelance rate from
      Upwork's hours alone says nothing of the PayPal clients beside it.
    - `avg_payment`: mean gross of the stream's earning rows with gross > 0.
    - `n_clients`: distinct clients who pay (`paying_client_keys`: named on an earning or a
      refund, case and outer spaces ignored; not the platform's own name, which its charges
      and an MTurk dashboard day carry) among the stream's income rows.
    - `top_client_share`: net_c of the stream's largest client / Σ_c max(net_c, 0) over the
      stream's clients who pay, net_c being Σ net of the rows naming client c (its payments,
      refunds and the fees on them): the largest client's part of the positive income from
      clients, in [0, 1] as the shares of `concentration`. The platforms' own charges and
      rows naming no client are in neither. NaN when no client's net is positive.
    - `fee_rate`: Σ fee of the stream's income rows / Σ gross of its payments
      (`fee_summary(by="stream")`),
      leaving out rows from `fee_unknown_sources` (files whose layout holds no fee, an Upwork
      Weekly Summary: their 0.00 is no fee known); NaN for a stream with no other rows.
    With `start`/`end` (dates, both days included): the income dated in that range, its hours
    matched over the whole table (see `analytics.hours.hourly_rates`).
    """
    from analytics.fees import fee_summary
    from analytics.hours import hourly_rates

    whole = in_one_currency(transactions, base_currency)
    table = within(whole, start, end)
    income = income_only(table)
    if income.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS, index=pd.Index([], name="stream"))
    stream = income["stream"].astype(str)
    net = income["net"].groupby(stream).sum()
    positive = net.clip(lower=0.0)
    total = positive.sum()
    monthly = monthly_income(table, by="stream")
    months_active = income["date"].dt.to_period("M").groupby(stream).nunique()
    # each stream over its own months, first to last with income (a quiet month between them
    # is a zero): years before a stream began are no zero months of it
    income_month = income["date"].dt.to_period("M")
    first_month = income_month.groupby(stream).min()
    last_month = income_month.groupby(stream).max()
    cv = pd.Series(
        {
            s: income_volatility(
                monthly[s][(monthly.index >= first_month[s]) & (monthly.index <= last_month[s])]
            ).cv
            for s in monthly.columns
            if s in first_month.index
        },
        dtype="float64",
    )
    earnings = income[(income["kind"] == "earning") & (income["gross"] > 0)]
    avg_payment = earnings["gross"].groupby(earnings["stream"].astype(str)).mean()
    client_key = paying_client_keys(income)
    named = client_key != ""
    named_stream = stream[named]
    n_clients = client_key[named].groupby(named_stream).nunique()
    by_client = income.loc[named, "net"].groupby([named_stream, client_key[named]]).sum()
    from_clients = by_client.clip(lower=0.0).groupby(level=0).sum()
    top = by_client.groupby(level=0).max() / from_clients.where(from_clients > 0)
    out = pd.DataFrame(index=net.index.rename("stream"))
    out["net"] = net
    out["share"] = positive / total if total > 0 else np.nan
    out["months_active"] = months_active.reindex(out.index).fillna(0).astype("int64")
    out["cv"] = cv.reindex(out.index)
    rates = hourly_rates(whole, by="stream", estimates=estimates, start=start, end=end)
    out["hourly"] = rates["hourly"].reindex(out.index)
    out["hourly_coverage"] = rates["coverage"].reindex(out.index).where(out["hourly"].notna())
    out["avg_payment"] = avg_payment.reindex(out.index)
    out["n_clients"] = n_clients.reindex(out.index).fillna(0).astype("int64")
    out["top_client_share"] = top.reindex(out.index)
    with_fees = table
    if fee_unknown_sources and "source" in table.columns:
        with_fees = table[~table["source"].astype(str).isin(set(fee_unknown_sources)).to_numpy()]
    out["fee_rate"] = fee_summary(with_fees, by="stream")["fee_rate"].reindex(out.index)
    return out.sort_values("net", ascending=False)[COMPARE_COLUMNS]
