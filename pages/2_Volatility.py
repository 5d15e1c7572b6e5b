"""Volatility: how much the monthly income swings, and the cash buffer that smooths it."""

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
gp.platforms_ending_early_warning(view)
monthly = view.call("analytics.metrics.monthly_income")
vol = income_volatility(monthly)

figures = {
    "Average month": gp.money(vol.mean, cur),
    "Income swings (CV)": gp.percent(vol.cv, 0),
    "Big swings": gp.percent(vol.swing_share, 0),
    # an average of nothing (or a loss) has no months above or below it to speak of
    "Spike / dip months": f"{vol.spike_months} / {vol.dip_months}" if vol.mean > 0 else "—",
    "Income floor (P10)": gp.money(vol.p10, cur),
    "Worst drawdown": gp.percent(vol.max_drawdown, 0),
    "Smoothing buffer": gp.money(vol.smoothing_buffer, cur),
    "Months": str(vol.n_months),
}
# eight figures, four to a row (in fewer columns when long amounts would be cut)
m = gp.metric_columns(list(figures.values()))
m[0].metric("Average month", figures["Average month"])
m[1].metric(
    "Income swings (CV)",
    figures["Income swings (CV)"],
    help="How far a typical month is from your average month: standard deviation ÷ mean. "
    "The average US household's is about 39% (US Financial Diaries).",
)
m[2].metric(
    "Big swings",
    figures["Big swings"],
    help="Share of month-to-month changes of 30% or more",
)
m[3].metric(
    "Spike / dip months",
    figures["Spike / dip months"],
    help="Months at least 25% above your average (spikes) and at least 25% below it (dips), "
    "the US Financial Diaries' thresholds"
    + ("" if vol.mean > 0 else ". Not shown: your average month is not above zero."),
)
m[4].metric(
    "Income floor (P10)", figures["Income floor (P10)"], help="9 months in 10 pay more than this"
)
m[5].metric(
    "Worst drawdown",
    figures["Worst drawdown"],
    help="The deepest fall of a month below the best month before it, as a share of that best "
    "month (−100%: a month with no income; below −100%: a month at a loss)",
)
m[6].metric(
    "Smoothing buffer",
    figures["Smoothing buffer"],
    help="The savings you would need at the start to pay yourself your average month every "
    "month of this period without ever running out",
)
m[7].metric("Months", vol.n_months)

if vol.n_months >= 2:
    st.success(
        f"To pay yourself {gp.money(vol.mean, cur)} a month you need "
        f"{gp.money(vol.smoothing_buffer, cur)} saved up front. In a bad month (the income "
        f"floor) you would earn about {gp.money(vol.p10, cur)}."
    )
else:
    st.info(
        "There is only one month of income in the selection: swings, the buffer and the "
        "rolling CV need at least two months. Import more history or widen the date range."
    )

gp.chart(charts.volatility_chart(monthly, cur, mean=vol.mean, p10=vol.p10))
# the bars' colours in words, for a screen reader and for colour-blind eyes
if vol.mean > 0 and (vol.spike_months or vol.dip_months):
    spikes, dips = vol.swings()

    def listed(months) -> str:
        return ", ".join(
            f"{pd.Period(m, 'M'):%b %Y} ({gp.money(v, cur)})" for m, v in months.items()
        )

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
    window = min(6, vol.n_months)
    left, right = st.columns(2)
    with left:
        gp.chart(
            charts.ratio_line(
                vol.rolling_cv(window),
                title=f"Rolling CV ({window}-month window)",
                y_title="CV",
                narrow=True,
            )
        )
    with right:
        gp.chart(charts.drawdown_chart(metrics.drawdown(monthly), narrow=True))
with st.expander("What these numbers mean"):
    st.markdown(
        "- **CV** (coefficient of variation): standard deviation of monthly income ÷ its mean. "
        "Above about 30% the income is volatile.\n"
        "- **Spike / dip months**: at least 25% above / below your average month (the US "
        "Financial Diaries thresholds).\n"
        "- **Big swings**: month-to-month changes of 30% or more (JPMorgan Chase Institute).\n"
        "- **Drawdown**: how far a month fell below the best month before it.\n"
        "- **Income floor (P10)**: the 10th percentile of your months.\n"
        "- **Smoothing buffer**: the savings needed to pay yourself the average every month "
        "without running out."
    )
    gp.table(
        pd.DataFrame(
            {
                "Month": monthly.index.strftime("%b %Y"),
                "Net income": monthly.to_numpy(dtype="float64"),
                "Versus the average month": (monthly / vol.mean - 1).to_numpy(dtype="float64")
                if vol.mean
                else float("nan"),
            }
        ),
        cur,
        money_columns=("Net income",),
        percent_columns=("Versus the average month",),
    )
