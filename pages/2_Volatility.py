"""Volatility: how much the monthly (or weekly) income swings, and the cash buffer that
smooths it."""

import pandas as pd
import streamlit as st

from analytics import charts, metrics
from analytics.metrics import income_volatility
from giglens_ui import page as gp

view = gp.start(
    "Volatility",
    "How much your income moves from month to month. Months above the grey band are spikes, "
    "below it dips; the buffer is the savings that let you pay yourself the same every month.",
    "📈",
)
cur = view.currency
gp.uncovered_months_warning(view)
gp.first_month_warning(view)
gp.last_month_warning(view)  # a statement not out yet reads as a dip too
gp.platforms_ending_early_warning(view)
# a driver paid every week sees the swings of his weeks; the measures are the same
by_week = (
    st.segmented_control(
        "Income per",
        ["Month", "Week"],
        default="Month",
        key="giglens.w.volatility_period",
        help="Weeks run Monday to Sunday. The thresholds (spikes, dips, big swings) are the "
        "same; a week's income swings more than a month's, so compare like with like.",
    )
    == "Week"
)
unit = "week" if by_week else "month"
monthly = view.call("analytics.metrics.monthly_income", freq="W" if by_week else "M")
part_weeks = []
if by_week:  # the files' first and last days, within the date range chosen
    days = view.table["date"].dropna()
    first = max(days.min(), pd.Timestamp(view.filters.start or days.min()))
    last = min(days.max(), pd.Timestamp(view.filters.end or days.max()))
    monthly, part_weeks = metrics.whole_weeks(monthly, first, last)
vol = income_volatility(monthly)

figures = {
    f"Average {unit}": gp.money(vol.mean, cur),
    "Income swings (CV)": gp.percent(vol.cv, 0),
    "Big swings": gp.percent(vol.swing_share, 0),
    # an average of nothing (or a loss) has no months above or below it to speak of
    f"Spike / dip {unit}s": f"{vol.spike_months} / {vol.dip_months}" if vol.mean > 0 else "—",
    "Income floor (P10)": gp.money(vol.p10, cur),
    "Worst drawdown": gp.percent(vol.max_drawdown, 0),
    "Smoothing buffer": gp.money(vol.smoothing_buffer, cur),
    f"{unit.title()}s": str(vol.n_months),
}
# eight figures, four to a row (in fewer columns when long amounts would be cut)
m = gp.metric_columns(list(figures.values()))
m[0].metric(f"Average {unit}", figures[f"Average {unit}"])
m[1].metric(
    "Income swings (CV)",
    figures["Income swings (CV)"],
    help=f"How far a typical {unit} is from your average {unit}: standard deviation ÷ mean. "
    "The average US household's, month to month, is about 39% (US Financial Diaries).",
)
m[2].metric(
    "Big swings",
    figures["Big swings"],
    help=f"Share of {unit}-to-{unit} changes of 30% or more",
)
m[3].metric(
    f"Spike / dip {unit}s",
    figures[f"Spike / dip {unit}s"],
    help=f"{unit.title()}s at least 25% above your average (spikes) and at least 25% below it "
    "(dips), the US Financial Diaries' thresholds"
    + ("" if vol.mean > 0 else f". Not shown: your average {unit} is not above zero."),
)
m[4].metric(
    "Income floor (P10)", figures["Income floor (P10)"], help=f"9 {unit}s in 10 pay more than this"
)
m[5].metric(
    "Worst drawdown",
    figures["Worst drawdown"],
    help=f"The deepest fall of a {unit} below the best {unit} before it, as a share of that "
    f"best {unit} (−100%: a {unit} with no income; below −100%: a {unit} at a loss)",
)
m[6].metric(
    "Smoothing buffer",
    figures["Smoothing buffer"],
    help=f"The savings you would need at the start to pay yourself your average {unit} every "
    f"{unit} of this period without ever running out",
)
m[7].metric(f"{unit.title()}s", vol.n_months)

if vol.n_months >= 2:
    st.success(
        f"To pay yourself {gp.money(vol.mean, cur)} a {unit} you need "
        f"{gp.money(vol.smoothing_buffer, cur)} saved up front. In a bad {unit} (the income "
        f"floor) you would earn about {gp.money(vol.p10, cur)}."
    )
else:
    st.info(
        f"There is only one {unit} of income in the selection: swings, the buffer and the "
        f"rolling CV need at least two {unit}s. Import more history or widen the date range."
    )


def period_words(period) -> str:
    """ "Mar 2025", or "week of 3 Mar 2025"."""
    if by_week:
        return f"week of {pd.Period(period).start_time:%-d %b %Y}"
    return f"{pd.Period(period, 'M'):%b %Y}"


if part_weeks:
    st.caption(
        "Left out of these measures: the "
        + " and the ".join(
            f"{'first' if p < monthly.index[0] else 'last'} week (week of {p.start_time:%-d %b %Y})"
            for p in part_weeks
        )
        + f", of which your files{' and the date range' if view.filters.start else ''} hold "
        "only some days: a part of a week is no week's income."
    )
gp.chart(charts.volatility_chart(monthly, cur, mean=vol.mean, p10=vol.p10))
# the bars' colours in words, for a screen reader and for colour-blind eyes
if vol.mean > 0 and (vol.spike_months or vol.dip_months):
    spikes, dips = vol.swings()

    def listed(periods, most: int = 8) -> str:
        shown = [f"{period_words(p)} ({gp.money(v, cur)})" for p, v in periods.items()]
        more = len(shown) - most
        # dozens of weeks would bury the chart: the first ones, the rest in the table below
        return ", ".join(shown[:most]) + (f" and {more} more" if more > 0 else "")

    said = "; ".join(
        part
        for part in (
            f"Spikes (green bars): {listed(spikes)}" if len(spikes) else "",
            f"dips (orange bars): {listed(dips)}" if len(dips) else "",
        )
        if part
    )
    st.caption(f"{said[0].upper()}{said[1:]}.")
if vol.n_months >= 2:
    window = min(8 if by_week else 6, vol.n_months)
    left, right = st.columns(2)
    with left:
        gp.chart(
            charts.ratio_line(
                vol.rolling_cv(window),
                title=f"Rolling CV ({window}-{unit} window)",
                y_title="CV",
                narrow=True,
            )
        )
    with right:
        gp.chart(charts.drawdown_chart(metrics.drawdown(monthly), narrow=True))
with st.expander("What these numbers mean"):
    st.markdown(
        f"- **CV** (coefficient of variation): standard deviation of {unit}ly income ÷ its "
        "mean. Above about 30% a month's income is volatile"
        + (" (a yardstick for months: weeks swing more).\n" if unit == "week" else ".\n")
        + f"- **Spike / dip {unit}s**: at least 25% above / below your average {unit} (the US "
        "Financial Diaries thresholds).\n"
        f"- **Big swings**: {unit}-to-{unit} changes of 30% or more (JPMorgan Chase "
        "Institute).\n"
        f"- **Drawdown**: how far a {unit} fell below the best {unit} before it.\n"
        f"- **Income floor (P10)**: the 10th percentile of your {unit}s.\n"
        f"- **Smoothing buffer**: the savings needed to pay yourself the average every {unit} "
        "without running out."
    )
    versus = f"Versus the average {unit}"
    gp.table(
        pd.DataFrame(
            {
                unit.title(): [period_words(p) for p in monthly.index]
                if by_week
                else monthly.index.strftime("%b %Y"),
                "Net income": monthly.to_numpy(dtype="float64"),
                versus: (monthly / vol.mean - 1).to_numpy(dtype="float64")
                if vol.mean
                else float("nan"),
            }
        ),
        cur,
        money_columns=("Net income",),
        percent_columns=(versus,),
    )
