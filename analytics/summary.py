"""The monthly summary: one row per month, the table the dashboard and the CLI show first."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.hours import hour_records
from analytics.metrics import currencies_in, in_one_currency, income_only

BASE_COLUMNS = ["gross", "fees", "net", "hours", "hourly"]


def _tax_set_aside(
    transactions: pd.DataFrame, profile, months: pd.PeriodIndex
) -> tuple[pd.Series, list[str], str]:
    """Tax to set aside per month (`set_aside` of `analytics.tax.reserve_plan`), notes, and the
    disclaimer ("Estimate, not tax advice — <parameters>"; "" when nothing was computed).

    The plan covers the profile's tax year only: other months are NaN. UK tax months run from
    the 6th; the plan's month "2025-04" (6 Apr - 5 May) is shown on the April row. A tax-engine
    refusal (e.g. income not in the jurisdiction's currency) gives NaN and its message.
    """
    empty = pd.Series(float("nan"), index=months, dtype="float64")
    try:
        from analytics.tax import reserve_plan
    except ImportError:
        return empty, ["tax set-aside: the tax engine is not available in this version"], ""
    try:
        plan = reserve_plan(transactions, profile)
    except ValueError as exc:  # the engine's errors are plain-language ValueErrors
        return empty, [f"tax set-aside not computed: {exc}"], ""
    notes = list(plan.attrs.get("notes", []))
    disclaimer = str(plan.attrs.get("disclaimer", ""))
    if plan.empty:
        return empty, notes, disclaimer
    by_month = pd.Series(
        plan["set_aside"].astype("float64").to_numpy(),
        index=pd.PeriodIndex(plan["month"], freq="M"),
    )
    return by_month.reindex(months), notes, disclaimer


def monthly_summary(
    transactions: pd.DataFrame,
    tax_profile=None,
    base_currency: str | None = None,
    estimates: dict | None = None,
) -> pd.DataFrame:
    """One row per calendar month, first to last month with income or hours (PeriodIndex `month`).

    Columns: `gross`, `fees`, `net` (Σ over the month's income rows); `hours` (Σ hours dated in
    the month: export, matched tracker time and estimates, see `analytics.hours`; NaN when the
    month has none); `hourly` = net of the month's income rows covered by hours / hours (NaN
    when the month has no such rows, e.g. tracked time paid the next month: use `hourly_rates`
    over the whole period for those);
    `net_<stream>` for each stream and `net_<platform>` for each platform (0 when nothing);
    `tax_set_aside` (only with `tax_profile`: the `set_aside` amount of the tax engine's
    `reserve_plan` for that month; NaN outside the profile's tax year); `cumulative_net` =
    running Σ net. Empty table: no rows.
    `attrs`: `currency` (the one currency of the amounts), `messages` (unused hours, currency
    conversions, tax notes) and, with a tax profile, `disclaimer` ("Estimate, not tax advice —
    <jurisdiction and year> parameters"), which is also the last message.
    """
    table = in_one_currency(transactions, base_currency)
    income = income_only(table)
    if income.empty:
        columns = BASE_COLUMNS + (["tax_set_aside"] if tax_profile is not None else [])
        index = pd.PeriodIndex([], freq="M", name="month")
        return pd.DataFrame(columns=columns + ["cumulative_net"], index=index, dtype="float64")
    month = income["date"].dt.to_period("M")
    found = hour_records(table, estimates)
    records = found.records
    record_month = records["date"].dt.to_period("M")
    first, last = month.min(), month.max()
    if len(records):  # hours dated outside the income months still get their month
        first, last = min(first, record_month.min()), max(last, record_month.max())
    months = pd.period_range(first, last, freq="M", name="month")
    sums = income[["gross", "fee", "net"]].groupby(month).sum().reindex(months, fill_value=0.0)
    out = pd.DataFrame(index=months)
    out["gross"] = sums["gross"]
    out["fees"] = sums["fee"]
    out["net"] = sums["net"]
    hours = records["hours"].groupby(record_month).sum()
    out["hours"] = hours.reindex(months)
    covered = income[found.covered.reindex(income.index, fill_value=False)]
    covered_net = covered["net"].groupby(covered["date"].dt.to_period("M")).sum()
    # a month with hours but no income matched to them (paid later) has no meaningful rate
    out["hourly"] = covered_net.reindex(months) / out["hours"].where(out["hours"] > 0)
    for column in ("stream", "platform"):
        split = income["net"].groupby([month, income[column].astype(str)]).sum().unstack()
        split = split.reindex(months).fillna(0.0)
        for name in split.columns:
            label = f"net_{name}"
            if label in out.columns:  # a platform named like a stream
                label = f"net_{column}_{name}"
            out[label] = split[name].astype("float64")
    notes: list[str] = []
    disclaimer = ""
    if tax_profile is not None:
        out["tax_set_aside"], notes, disclaimer = _tax_set_aside(table, tax_profile, months)
    out["cumulative_net"] = out["net"].cumsum()
    out = out.replace([np.inf, -np.inf], np.nan)
    out.attrs["messages"] = found.messages + table.attrs.get("fx_messages", []) + notes
    if disclaimer:
        out.attrs["messages"].append(disclaimer)
        out.attrs["disclaimer"] = disclaimer
    found_currencies = currencies_in(income)
    out.attrs["currency"] = found_currencies[0] if len(found_currencies) == 1 else ""
    return out
