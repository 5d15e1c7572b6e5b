"""The monthly summary: one row per month, the table the dashboard and the CLI show first."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.hours import in_period
from analytics.importers.paypal import conversion_cost_rows
from analytics.metrics import currencies_in, in_one_currency, income_only, problems_as_values
from analytics.schema import INCOME_KINDS, cents_half_up

BASE_COLUMNS = ["gross", "fees", "net", "hours", "net_with_hours", "hourly", "hours_worked"]


@dataclass(frozen=True)
class _TaxNote:
    """A tax note and the days it is about: (first, last) spans, both days included; none for a
    note about the year as a whole (the UK's tax months, payments of other years)."""

    text: str
    days: tuple[tuple[pd.Timestamp, pd.Timestamp], ...] = ()

    def within(self, start=None, end=None) -> bool:
        """Whether the note concerns a day from `start` to `end` (None: open), or no day."""
        if not self.days:
            return True
        low = pd.Timestamp(start).normalize() if start is not None else pd.Timestamp.min
        high = pd.Timestamp(end).normalize() if end is not None else pd.Timestamp.max
        return any(first <= high and last >= low for first, last in self.days)


def _tax_set_aside(
    transactions: pd.DataFrame,
    profile,
    months: pd.PeriodIndex,
    start=None,
    end=None,
    tax_until=None,
    files_end=None,
) -> tuple[pd.Series, list[str], str, tuple | None, bool]:
    """Tax to set aside per calendar month, notes, the disclaimer ("Estimate, not tax
    advice — <parameters>"; "" when nothing was computed), the plan's `release` (its note
    of what may be released and that amount, or None) and whether every month is at the
    finished year's own rate (the plan's `at_year_rate`).

    From `analytics.tax.reserve_plan`: the set-aside of a payment is its net (its gross, for
    a flat rate on gross receipts) × the `set_aside_rate` of the tax month it falls in, and it is shown on the calendar month of the
    payment, next to its income (see `_by_calendar_month`). Months that do not overlap the
    plan's tax months are NaN. A tax-engine refusal (e.g. income not in the jurisdiction's
    currency) gives NaN and its message.

    The plan is made on all of `transactions`; with `start`/`end` (a date range, both days
    included) only the notes about days in the range are returned: a note about a tax month
    (a release, what was set aside by the plan's last month) when that tax month overlaps the
    range, a note about a row's income of another tax year when such income is dated in the
    range (its amount counts only that income); notes about the year as a whole always stay.
    """
    empty = pd.Series(float("nan"), index=months, dtype="float64")
    try:
        from analytics.tax import reserve_plan
    except ImportError:
        return (
            empty,
            ["tax set-aside: the tax engine is not available in this version"],
            "",
            None,
            False,
        )
    try:
        plan = reserve_plan(transactions, profile, until=tax_until, files_end=files_end)
    except ValueError as exc:  # the engine's errors are plain-language ValueErrors
        return empty, [f"tax set-aside not computed: {exc}"], "", None, False
    disclaimer = str(plan.attrs.get("disclaimer", ""))
    months_of = plan.attrs.get("note_months") or [()] * len(plan.attrs.get("notes", []))
    notes = [
        _TaxNote(text, tuple(_tax_month_days(month, profile) for month in months))
        for text, months in zip(plan.attrs.get("notes", []), months_of, strict=True)
    ]
    release = plan.attrs.get("release")
    at_year_rate = bool(plan.attrs.get("at_year_rate", False))
    if plan.empty:
        kept = [n.text for n in notes if n.within(start, end)]
        return empty, kept, disclaimer, release, at_year_rate
    by_month, placement = _by_calendar_month(transactions, profile, plan, start, end)
    kept = [n.text for n in notes + placement if n.within(start, end)]
    return by_month.reindex(months), kept, disclaimer, release, at_year_rate


def _tax_month_days(month: pd.Period, profile) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of a tax month of the plan: a calendar month, except in the UK
    (6th to 5th: "2026-03" is 6 Mar – 5 Apr 2026)."""
    from analytics.tax.reserve import UK_START_SHIFT

    shift = UK_START_SHIFT if profile.jurisdiction == "UK" else pd.Timedelta(0)
    return month.start_time + shift, (month + 1).start_time + shift - pd.Timedelta(days=1)


def _by_calendar_month(
    transactions: pd.DataFrame, profile, plan: pd.DataFrame, start=None, end=None
) -> tuple[pd.Series, list[_TaxNote]]:
    """The plan's `set_aside` moved from tax months to the calendar months of the income.

    A tax month is a calendar month except in the UK, where it runs from the 6th to the 5th:
    the plan's "2025-04" is 6 Apr – 5 May. Its income dated 1–5 May is set aside at that tax
    month's rate r on the May row, round(r × that income, 2); the rest of the tax month's
    set-aside stays on the April row, so the rows add up to the plan's total. A calendar row
    that also holds income outside the tax year (UK: 1–5 April of the year before, 6–30 April
    after the year) gets a note saying how much of its net has no set-aside, counting the
    income dated from `start` to `end` (the row's own income in a date range), and carrying
    the days of that income.
    """
    from analytics.tax.reserve import UK_START_SHIFT, tax_year_bounds

    plan_months = pd.PeriodIndex(plan["month"], freq="M")
    set_aside = pd.Series(plan["set_aside"].to_numpy(dtype="float64"), index=plan_months)
    rate = pd.Series(plan["set_aside_rate"].to_numpy(dtype="float64"), index=plan_months)
    if profile.jurisdiction != "UK":  # tax months are calendar months
        return set_aside, []
    income = income_only(transactions)
    dates = pd.to_datetime(income["date"])
    net = income["net"].astype("float64")
    year_start, year_end = tax_year_bounds(profile)
    in_year = (dates >= year_start) & (dates < year_end)
    tax_month = (dates - UK_START_SHIFT).dt.to_period("M")
    calendar = dates.dt.to_period("M")
    # UK income of the 1st-5th: in the tax month that began on the 6th of the month before
    spill = in_year & (tax_month != calendar)
    spill_income = net[spill].groupby(tax_month[spill]).sum()
    spill_income = spill_income.reindex(plan_months, fill_value=0.0)
    moved = (rate * spill_income).round(2)
    stays = (set_aside - moved).round(2)
    moved = moved[moved != 0]  # only months that received income: others stay NaN
    by_month = stays.add(moved.set_axis(moved.index + 1), fill_value=0.0)
    notes = [
        _TaxNote(
            "UK tax months run from the 6th to the 5th. Tax to set aside is shown on the "
            "calendar month of each payment, at the set-aside rate of the tax month it falls in "
            "(a payment of 1–5 May uses the rate of the tax month that began on 6 April)."
        )
    ]
    in_range = pd.Series(True, index=income.index)
    if start is not None:
        in_range &= dates >= pd.Timestamp(start).normalize()
    if end is not None:
        in_range &= dates < pd.Timestamp(end).normalize() + pd.Timedelta(days=1)
    outside = ~in_year & calendar.isin(by_month.index) & in_range
    rows = pd.DataFrame({"date": dates.dt.normalize(), "net": net})[outside]
    found = rows.groupby(calendar[outside].to_numpy()).agg(
        amount=("net", "sum"), first=("date", "min"), last=("date", "max")
    )
    for month, amount, first, last in found.itertuples(name=None):
        if month.start_time < year_start:
            when, year = f"before {year_start:%-d %b %Y}", profile.year - 1
        else:
            when, year = f"from {year_end:%-d %b %Y}", profile.year + 1
        text = (
            f"{month}: {amount:,.2f} {profile.currency} of this month's net income is dated "
            f"{when}, in tax year {year}/{(year + 1) % 100:02d}; no tax is set aside for it here."
        )
        notes.append(_TaxNote(text, ((first, last),)))
    return by_month, notes


@problems_as_values(keep=("hours", "hours_worked"))
def monthly_summary(
    transactions: pd.DataFrame,
    tax_profile=None,
    base_currency: str | None = None,
    estimates: dict | None = None,
    start=None,
    end=None,
    tax_until=None,
    files_end=None,
) -> pd.DataFrame:
    """One row per calendar month, first to last month with income or hours (PeriodIndex `month`).

    Columns:
    - `gross`, `fees`, `net`: Σ over the income rows dated in the month (the month the money
      was paid).
    - `refunds` (only when there are any): Σ gross of the month's refund rows (negative):
      money given back to clients (refunds, chargebacks), the part of `gross` that is not
      payments, so gross − refunds is what clients paid.
    - `conversion_costs` (only when there are any): the part of `fees` that is PayPal's
      currency conversions (and Payoneer's withdrawals in another currency), estimated against
      the ECB rate (not in the exports' fee columns).
    - `hours` = Σ hours matched to the month's income rows, wherever they were worked: a
      payment's own hours (an Upwork hourly invoice), an estimate's, or the time entries it
      paid for (`hour_records(...).paid`: the client's first payment after the day worked, or
      in the month after it for a client invoiced monthly); NaN when none. The hours the
      Hourly rates page counts for the same month.
    - `net_with_hours` = Σ net × coverage over the month's income rows: the income the month's
      `hours` paid for (a bonus, or fixed-price work without hours, is left out); NaN when no
      row of the month is covered. A fee of a month without hours that goes with the hours
      (a share of Upwork's Connects bought that month) is on that month too, so the months
      add up to the whole period's `net_with_hours`.
    - `hourly` = `net_with_hours` / `hours`. Coverage is the share
      of a row matched by hours (see `analytics.hours.hour_records`). The months' `hourly`
      combine into `hourly_rates` over the whole period. NaN when no hours are matched to the
      month's income.
    - `hours_worked` = Σ hours worked in the month: time entries (a time tracker's, or a
      platform's own such as an Upwork Weekly Summary's) on the day they were worked, an
      export's own hours and estimates on their payment's day; NaN when none. Time worked in
      June on a job paid in July is in June's `hours_worked` and July's `hours`.
    - `net_<stream>` for each stream and `net_<platform>` for each platform (0 when nothing).
    - `tax_set_aside` (only with `tax_profile`): the tax engine's `reserve_plan` set-aside for
      the income dated in that calendar month, each payment at the rate of its tax month; for
      the UK, whose tax months run 6th to 5th, a payment of 1–5 May is on the May row at the
      rate of the tax month from 6 April, and a note says how much of a row's net lies outside
      the tax year; NaN for months outside the plan's tax months.
    - `cumulative_net` = running Σ net.
    `start`/`end` (dates, both days included): the rows dated in that range, with the hours
    matched over the whole table given (and the tax planned on all of it), so that a month
    inside the range shows the same figures whatever the range around it; the tax notes are
    those about days in the range and those about the year as a whole (see `_tax_set_aside`).
    `tax_until`, `files_end`: the last day of the tax year the income stands for and the last
    date of the files, as the Tax reserve page plans it (`reserve_plan`'s `until` and
    `files_end`), so both pages say the same of what was set aside.
    Empty table: no rows.
    `attrs`: `currency` (the one currency of the amounts), `messages` (unused hours of the
    range, currency conversions, tax notes) and, with a tax profile, `tax_notes` (those of the
    tax alone) and `disclaimer` ("Estimate, not tax advice — <jurisdiction and year>
    parameters"), which is also the last message.
    """
    table = in_one_currency(transactions, base_currency)
    period = in_period(table, estimates, start, end)
    income = period.income
    if income.empty:
        columns = BASE_COLUMNS + (["tax_set_aside"] if tax_profile is not None else [])
        index = pd.PeriodIndex([], freq="M", name="month")
        return pd.DataFrame(columns=columns + ["cumulative_net"], index=index, dtype="float64")
    month = income["date"].dt.to_period("M")
    worked, paid = period.worked, period.paid
    worked_month = worked["date"].dt.to_period("M")
    first, last = month.min(), month.max()
    if len(worked):  # hours dated outside the income months still get their month
        first, last = min(first, worked_month.min()), max(last, worked_month.max())
    months = pd.period_range(first, last, freq="M", name="month")
    sums = income[["gross", "fee", "net"]].groupby(month).sum().reindex(months, fill_value=0.0)
    out = pd.DataFrame(index=months)
    out["gross"] = sums["gross"]
    # money given back to clients, part of the gross (a tax return's "returns and allowances")
    refund = (income["kind"] == "refund").to_numpy()
    if refund.any():
        out["refunds"] = (
            income.loc[refund, "gross"].groupby(month[refund]).sum().reindex(months)
        ).fillna(0.0)
    out["fees"] = sums["fee"]
    # PayPal's conversions: what they cost against the ECB rate, estimated and counted in the
    # fees (PayPal's own Fee column does not hold it): its own column, so the fees can be
    # matched with PayPal's statement
    conversion = conversion_cost_rows(income)
    if conversion.any():
        out["conversion_costs"] = (
            income.loc[conversion, "fee"].groupby(month[conversion]).sum().reindex(months)
        ).fillna(0.0)
    out["net"] = sums["net"]
    covered = period.weight > 0
    covered_net = (income["net"] * period.weight)[covered].groupby(month[covered]).sum()
    paid_hours = paid["hours"].groupby(paid["date"].dt.to_period("M")).sum().reindex(months)
    out["hours"] = paid_hours
    # the month's income with hours over the hours of that very income (a bonus or fixed-price
    # work without hours is in `net`, not here), written out so the rate can be checked
    out["net_with_hours"] = covered_net.reindex(months)
    out["hourly"] = out["net_with_hours"] / paid_hours.where(paid_hours > 0)
    out["hours_worked"] = worked["hours"].groupby(worked_month).sum().reindex(months)
    splits: dict[str, list[str]] = {}
    named: dict[str, dict[str, str]] = {}  # stream / platform -> its column
    for column in ("stream", "platform"):
        split = income["net"].groupby([month, income[column].astype(str)]).sum().unstack()
        split = split.reindex(months).fillna(0.0)
        for name in split.columns:
            label = f"net_{name}"
            if label in out.columns:  # a platform named like a stream
                label = f"net_{column}_{name}"
            out[label] = split[name].astype("float64")
            splits.setdefault(column, []).append(label)
            named.setdefault(column, {})[str(name)] = label
    # the net of each (stream, platform) pair per month: the download rounds these to the cent
    # and adds them up, so a stream of one platform shows the same cents as that platform
    cross = (
        income["net"]
        .groupby([month, income["stream"].astype(str), income["platform"].astype(str)])
        .sum()
        .unstack([1, 2])
        .reindex(months)
        .fillna(0.0)
    )
    notes: list[str] = []
    disclaimer = ""
    if tax_profile is not None:
        out["tax_set_aside"], notes, disclaimer, release, at_year_rate = _tax_set_aside(
            table, tax_profile, months, start, end, tax_until, files_end
        )
        out.attrs["tax_at_year_rate"] = at_year_rate
        # the reserve plan's note of what may be released, and that amount (see
        # `analytics.tax.reserve_plan`), for a page that knows the tax paid
        out.attrs["release"] = release if release and release[0] in notes else None
    out["cumulative_net"] = out["net"].cumsum()
    out = out.replace([np.inf, -np.inf], np.nan)
    out.attrs["messages"] = period.messages + table.attrs.get("fx_messages", []) + notes
    if tax_profile is not None:
        out.attrs["tax_notes"] = notes + ([disclaimer] if disclaimer else [])
    if disclaimer:
        out.attrs["messages"].append(disclaimer)
        out.attrs["disclaimer"] = disclaimer
    found_currencies = currencies_in(income)
    out.attrs["currency"] = found_currencies[0] if len(found_currencies) == 1 else ""
    out.attrs["net_splits"] = splits  # the net_<stream> and the net_<platform> columns
    out.attrs["net_split_names"] = named
    # plain lists (a DataFrame in `attrs` breaks pandas' comparisons of attrs)
    out.attrs["net_cross"] = (
        [list(map(str, pair)) for pair in cross.columns],
        cross.to_numpy(dtype="float64").tolist(),
    )
    return out


def apportioned(exact: pd.DataFrame, totals: pd.Series) -> pd.DataFrame:
    """`exact` (amounts with parts of a cent) in cents that add up, row by row, to `totals`
    (largest remainder: each amount rounded down, then the cents missing go one each to the
    amounts with the largest parts of a cent left, or, when the rounded total is lower, come
    off those with the smallest). Amounts of exactly 0 stay 0."""
    cents = np.round(exact.to_numpy(dtype="float64") * 100, 6)
    out = np.floor(cents)
    left = cents - out
    missing = np.round(totals.to_numpy(dtype="float64") * 100) - out.sum(axis=1)
    for row in np.flatnonzero(missing):  # months: a few dozen rows at most
        columns = np.flatnonzero(cents[row] != 0)
        if not len(columns):
            continue
        step = 1.0 if missing[row] > 0 else -1.0
        order = columns[np.argsort(-step * left[row, columns], kind="stable")]
        for n in range(int(abs(missing[row]))):
            out[row, order[n % len(order)]] += step
    return pd.DataFrame(out / 100 + 0.0, index=exact.index, columns=exact.columns)


# columns of the monthly summary whose months are rounded to add up to their exact total
ADDING_UP = ("refunds", "conversion_costs", "hours", "net_with_hours", "hours_worked")


def _round_known_months(
    flat: pd.DataFrame, exact: pd.DataFrame, column: str, years: np.ndarray
) -> pd.Series:
    """`flat[column]`'s months with a figure rounded to add up to their exact total in each
    year (`months_adding_up`), the others left as they are; returns which months have one."""
    known = exact[column].notna()
    if known.any():
        values = flat[column].copy()
        values[known] = months_adding_up(exact.loc[known, column], years[known.to_numpy()])
        flat[column] = values
    return known


def months_adding_up(exact: pd.Series, years=None) -> np.ndarray:
    """The months' amounts to the cent, each within a cent of its own amount (`apportioned`),
    adding up to their total to the cent (half away from zero, as the pages write it): the
    total of each of their `years` when given (a year's months add up to that year's profit,
    as the Tax reserve page writes it), else of them all. Months without a figure stay so."""
    values = exact.to_numpy(dtype="float64")
    groups = np.zeros(len(values)) if years is None else np.asarray(years)
    out = np.full(len(values), np.nan)
    for year in pd.unique(groups):
        these = (groups == year) & ~np.isnan(values)
        total = cents_half_up(np.array([values[these].sum()], dtype="float64"))
        row = pd.DataFrame([values[these]])
        out[these] = apportioned(row, pd.Series(total)).iloc[0].to_numpy(dtype="float64")
    return out


def summary_for_download(
    summary: pd.DataFrame,
    tax_currency: str | None = None,
    transactions: pd.DataFrame | None = None,
    fee_unknown_sources=frozenset(),
) -> pd.DataFrame:
    """`monthly_summary`'s table as the downloaded files hold it: `month` as a first column
    ("2025-01"), then `currency` (the amounts' currency, when the table is in one), money
    rounded to the cent (sums of floats carry binary noise such as 520.9599999999999) with
    `fees` = gross − net (where fees are known: the net is the pages' month to the cent), the
    `net_<stream>` and the `net_<platform>`
    columns each adding up to it (see `apportioned`), and `cumulative_net` = running Σ net of
    the cents written, `attrs` kept. With a tax column: `tax_set_aside_<CUR>` when the tax is
    in `tax_currency`, other than the table's, and a `tax_note` column right after it with the
    disclaimer ("Estimate, not tax advice — US 2025 parameters") on every row with a tax
    figure, since a CSV file has no other place for it. With `transactions` and
    `fee_unknown_sources` (files whose layout holds no fee, an Upwork Weekly Summary), a
    `fee_note` column after `fees` names, on each month with income from such a file, the
    platforms whose fee is missing from its fees ("fees of upwork not in the files: ...").
    """
    flat = summary.reset_index()
    flat["month"] = flat["month"].astype(str)
    # to the cent as the pages write money: half away from zero (a converted 271.125 is
    # 271.13 here as on the Overview)
    numbers = flat.select_dtypes("number").columns
    parts = [c for c in ADDING_UP if c in flat.columns]
    exact = flat[[c for c in ("net", "fees", *parts) if c in flat.columns]].astype("float64")
    flat[numbers] = cents_half_up(flat[numbers].to_numpy(dtype="float64"))
    # the other amounts and hours summed in a Total row: the months add up to the total of
    # the exact figures, as the pages write it (1,000 rows of 0.0092 hours... not 0.01 each),
    # each calendar year's months to that year's (the tax year's profit, but in the UK)
    years = pd.PeriodIndex(flat["month"], freq="M").year.to_numpy()
    for column in parts:
        _round_known_months(flat, exact, column, years)
    # converted amounts have parts of a cent: rounded month by month, the months' net could add
    # up to a cent or two more or less than the pages' total, and a row's gross − fees miss
    # its net. The months' nets and fees are rounded so that they add up to each year's total
    # as the pages show it (each within a cent of its own amount: `apportioned`), and the gross is their
    # sum (cumulative_net from the cents written too); amounts in whole cents stay as they are
    if "net" in exact.columns and exact["net"].notna().all() and len(exact):
        flat["net"] = months_adding_up(exact["net"], years)
    if {"gross", "fees", "net"} <= set(flat.columns):
        # fees left blank (not in the files, e.g. an Upwork Weekly Summary): as they are
        known = _round_known_months(flat, exact, "fees", years)
        if known.any():
            flat.loc[known, "gross"] = cents_half_up(
                (flat.loc[known, "net"] + flat.loc[known, "fees"]).to_numpy(dtype="float64")
            )
    # a part that is all of its whole in a month (its net all paid for hours, its fees all
    # conversions) is written as the whole is, not a cent apart from it
    for part, whole in (("net_with_hours", "net"), ("conversion_costs", "fees")):
        if part in parts and whole in exact.columns:
            same = (exact[part] - exact[whole]).abs() < 1e-9
            flat.loc[same.to_numpy(), part] = flat.loc[same.to_numpy(), whole]
    if {"net", "cumulative_net"} <= set(flat.columns):
        flat["cumulative_net"] = cents_half_up(flat["net"].cumsum())
    # and each split of the net (by stream, by platform) adds up to the net written: the
    # (stream, platform) pairs are rounded so that they do, then added up by stream and by
    # platform, so the two splits agree with each other too (a stream of one platform has
    # that platform's cents)
    cross = summary.attrs.get("net_cross")
    named = summary.attrs.get("net_split_names", {})
    # (the pairs are the months of `monthly_summary`; a table cut to fewer rows since splits
    # its columns as they are)
    if (
        cross is not None
        and len(cross[0])
        and len(cross[1]) == len(flat)
        and "net" in flat.columns
        and named
    ):
        exact = pd.DataFrame(
            np.asarray(cross[1], dtype="float64").reshape(len(flat), len(cross[0])),
            columns=pd.MultiIndex.from_tuples([tuple(pair) for pair in cross[0]]),
        )
        pairs = apportioned(exact, flat["net"])
        for level, column in ((0, "stream"), (1, "platform")):
            summed = pairs.T.groupby(level=level).sum().T
            for name, label in named.get(column, {}).items():
                if label in flat.columns and name in summed.columns:
                    flat[label] = cents_half_up(summed[name].to_numpy())
    else:
        for labels in summary.attrs.get("net_splits", {}).values():
            labels = [c for c in labels if c in flat.columns]
            if labels and "net" in flat.columns:
                exact = summary[labels].reset_index(drop=True)
                flat[labels] = apportioned(exact, flat["net"]).to_numpy()
    if summary.attrs.get("currency"):  # a CSV file has no other place to say it
        flat.insert(1, "currency", summary.attrs["currency"])
    if transactions is not None and fee_unknown_sources and "fees" in flat.columns:
        notes = _fee_notes(transactions, fee_unknown_sources, flat["month"])
        if notes.ne("").any():
            flat.insert(flat.columns.get_loc("fees") + 1, "fee_note", notes.to_numpy())
    flat.attrs = dict(summary.attrs)
    if "tax_set_aside" not in flat.columns:
        return flat
    column = "tax_set_aside"
    if tax_currency and summary.attrs.get("currency") not in ("", None, tax_currency):
        column = f"tax_set_aside_{tax_currency}"
        flat = flat.rename(columns={"tax_set_aside": column})
    disclaimer = summary.attrs.get("disclaimer") or "Estimate, not tax advice"
    note = pd.Series(disclaimer, index=flat.index).where(flat[column].notna(), "")
    flat.insert(flat.columns.get_loc(column) + 1, "tax_note", note)
    return flat


def transactions_in_currency(
    transactions: pd.DataFrame, base_currency: str, stated: tuple = ()
) -> pd.DataFrame:
    """Every row of the table for a download in `base_currency`, none left out.

    Rows in another currency are converted (`analytics.currency.to_base_currency`: the
    `original_currency`, `original_gross`, `fx_rate`, `fx_date` and `fx_note` columns say how;
    `stated` rates, `analytics.currency.StatedRate`, for currencies the ECB does not publish).
    A row without an ECB rate is kept with its gross, fee and net blank (not a made-up
    amount) and `fx_note` saying why, its own amount in `original_gross`: the dashboard leaves
    it out of its figures, so a spreadsheet's sum still matches them, and the file shows what
    was left out. A table already all in `base_currency` is returned as it is.
    """
    from analytics.currency import all_in, not_converted, to_base_currency

    base = base_currency.strip().upper()
    if all_in(transactions, base):
        return transactions
    out = to_base_currency(transactions, base=base, stated=stated)
    unconverted = not_converted(out, base).to_numpy()
    out.loc[unconverted, ["gross", "fee", "net"]] = np.nan
    out["currency"] = out["currency"].astype(str).where(~unconverted, base)
    return out


def conversion_notes(
    transactions: pd.DataFrame, base_currency: str, stated: tuple = ()
) -> list[str]:
    """What a download's Notes say of the rows `transactions_in_currency` converted to
    `base_currency`: from which currencies and how (the ECB's rate of each day, or a rate the
    user stated, amounts kept to fractions of a cent), and the rates stated (`stated`, each
    both ways with the days it counts; without them, as the rows' `fx_note` name them); none
    when no row was converted."""
    if "original_currency" not in transactions.columns:
        return []
    moved = (transactions["original_currency"].astype(str) != base_currency).to_numpy() & (
        transactions["fx_rate"].notna().to_numpy()
    )
    if not moved.any():
        return []
    said = transactions["fx_note"].astype(str) if "fx_note" in transactions else None
    yours = (
        moved & said.str.startswith("your rate").to_numpy()
        if said is not None
        else np.zeros(len(transactions), dtype=bool)
    )
    codes = ", ".join(sorted(set(transactions.loc[moved, "original_currency"].astype(str))))
    notes = [
        f"Amounts converted from {codes} to {base_currency} at the ECB reference rate of each "
        "transaction's day"
        + (" or at the rates you stated" if yours.any() else "")
        + " (fx_rate, fx_date and fx_note in the Transactions sheet). They keep "
        "their fractions of a cent, and the Summary adds them up before rounding "
        "(rounded row by row, a thousand amounts of 0.0092 would make 10.00 instead of "
        "9.20), so booked row by row the months can differ by cents. Each month is within a "
        "cent of its exact amount, chosen so that the months add up to each year's total and "
        "gross = fees + net: a month can be a cent apart from its figure on a page, which "
        "rounds that month alone."
    ]
    if yours.any():
        from analytics.currency import stated_words

        involved = set(transactions.loc[yours, "original_currency"].astype(str)) | {base_currency}
        used = tuple(r for r in stated if r.currency in involved)
        if used:
            rates = stated_words(used)
        else:
            # "your rate: 1 USD = 1,550 NGN, with the ECB's EUR/USD rate of <day>": once a rate
            in_order = said[yours].iloc[np.argsort(transactions.loc[yours, "date"].to_numpy())]
            words = in_order.str.removeprefix("your rate: ").str.split(", with the ECB").str[0]
            rates = list(dict.fromkeys(words))
        notes.append(
            "Currencies without an ECB rate converted at the rates you stated (fx_note in "
            f"the Transactions sheet): {'; '.join(rates)}."
        )
    return notes


FEE_NOT_IN_EXPORT = "fee not in this export: gross and net are before the platform's fee"


def _fee_notes(transactions: pd.DataFrame, sources, months: pd.Series) -> pd.Series:
    """Per month ("2025-01"), the platforms whose income that month comes from `sources`
    (files without fees), as a note; "" for the other months."""
    income = income_only(transactions)
    unknown = income[income["source"].astype(str).isin(set(sources))]
    month = unknown["date"].dt.to_period("M").astype(str)
    named = unknown["platform"].astype(str).groupby(month).agg(lambda p: ", ".join(sorted(set(p))))
    return months.map(
        lambda m: (
            f"fees of {named[m]} not in the files: gross and net are before its fee"
            if m in named.index
            else ""
        )
    )


def transactions_with_income_flag(
    transactions: pd.DataFrame, fee_unknown_sources=frozenset()
) -> pd.DataFrame:
    """The transaction table as the downloads hold it: a `counts_as_income` column ("yes" for
    earning, refund, fee and adjustment rows, "no" for transfers, taxes and time entries) right
    after `kind`, so that a spreadsheet's SUM of `net` over the "yes" rows is the net income
    (over all rows it would subtract the withdrawals). Dates stay dates. Rows from
    `fee_unknown_sources` (files whose layout holds no fee, such as an Upwork Weekly Summary)
    get a `fee_note` right after `fee` (FEE_NOT_IN_EXPORT): their 0.00 is no fee known."""
    out = transactions.copy()
    income = out["kind"].astype(str).isin(INCOME_KINDS).map({True: "yes", False: "no"})
    out.insert(out.columns.get_loc("kind") + 1, "counts_as_income", income)
    if fee_unknown_sources and "source" in out.columns:
        unknown = out["source"].astype(str).isin(set(fee_unknown_sources)) & (income == "yes")
        if unknown.any():
            note = unknown.map({True: FEE_NOT_IN_EXPORT, False: ""})
            out.insert(out.columns.get_loc("fee") + 1, "fee_note", note)
    return out


# the download's column of each fee type (`analytics.fees.FEE_TYPES`): money by its name
FEE_TYPE_COLUMNS = {
    "commission": "commission_fees",
    "processing": "processing_fees",
    "disputes": "dispute_fees",
    "advertising": "advertising_fees",
    "listing": "listing_fees",
    "subscriptions": "membership_fees",
    "connects": "connects_fees",
    "withdrawals": "withdrawal_fees",
    "postage": "postage_costs",
    "conversions": "conversion_costs",
    "other": "other_fees",
}


def fee_types_for_download(by_month: pd.DataFrame, flat: pd.DataFrame) -> pd.DataFrame | None:
    """The months of `flat` (`summary_for_download`) with what their fees were for
    (`analytics.fees.fee_types_by_month`): `month`, `currency` when `flat` has it, one column
    per type (FEE_TYPE_COLUMNS) and `fees`, the month's fees as `flat` writes them. Each
    month's types are rounded so that they add up to those fees (`apportioned`), a type that
    `flat` has a column of too (`conversion_costs`) written as `flat` writes it. None when a
    month's fees are not known (a layout without fees) or no fee was paid."""
    if by_month is None or by_month.empty or "fees" not in flat.columns or len(flat) == 0:
        return None
    fees = flat["fees"].astype("float64")
    if fees.isna().any():
        return None
    months = pd.PeriodIndex(flat["month"], freq="M")
    exact = by_month.reindex(months, fill_value=0.0).reset_index(drop=True)
    exact = exact.rename(columns=FEE_TYPE_COLUMNS)
    out = pd.DataFrame({"month": flat["month"].to_numpy()})
    if "currency" in flat.columns:
        out["currency"] = flat["currency"].to_numpy()
    if ((exact.sum(axis=1) - fees.to_numpy()).abs() > 0.02).any():
        return None  # other fees than the summary's (a filter of its own): no sheet at odds
    # a type the Summary writes too (conversion_costs) as it writes it; the others add up to
    # the rest of the month's fees
    fixed = [c for c in exact.columns if c in flat.columns]
    given = flat[fixed].astype("float64").fillna(0.0).reset_index(drop=True)
    rest = exact.drop(columns=fixed)
    typed = apportioned(rest, fees.reset_index(drop=True) - given.sum(axis=1))
    for column in exact.columns:
        out[column] = (given if column in fixed else typed)[column].to_numpy()
    out["fees"] = fees.to_numpy()
    out.attrs["messages"] = [
        "Fees by type: each month's fees as the Summary sheet writes them, by what they were "
        "for (a fee on a payment is the platform's commission, or a payment processor's fee "
        "for PayPal, Stripe, Etsy, Cash App and Payoneer; a fee of its own is read from its "
        "description; a credit counts against its type), rounded so that they add up to them."
    ]
    out.attrs["total_row"] = True
    return out
