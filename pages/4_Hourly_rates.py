"""Hourly rates: what an hour of work really pays, per platform, stream and client."""

import pandas as pd
import streamlit as st

from analytics import charts
from giglens_ui import page as gp

view = gp.start(
    "Hourly rates",
    "Net income per hour worked. Add the unpaid time (finding work, proposals, admin) with the "
    "slider to see what your time is really worth.",
    "⏱️",
)
cur = view.currency
OVERHEAD = "giglens.f.unpaid_overhead"
st.session_state.setdefault(OVERHEAD, 0)
st.session_state["giglens.w.unpaid_overhead"] = st.session_state[OVERHEAD]


def _keep_overhead():
    st.session_state[OVERHEAD] = st.session_state["giglens.w.unpaid_overhead"]


overhead = st.slider(
    "Unpaid time, as % of paid hours",
    0,
    100,
    step=5,
    key="giglens.w.unpaid_overhead",
    on_change=_keep_overhead,
    help="25% = 15 unpaid minutes for every paid hour",
)
group = st.radio(
    "Compare by", ["platform", "stream", "client"], horizontal=True, key="giglens.hourly.by"
)
rates = view.call(
    "analytics.hours.hourly_rates",
    by=group,
    unpaid_overhead=overhead / 100,
    estimates=gp.estimates(),
)
with_hours = rates[rates["hourly"].notna()]
overall = view.call(
    "analytics.hours.hourly_rates",
    by=None,
    unpaid_overhead=overhead / 100,
    estimates=gp.estimates(),
)
m = st.columns(3)
m[0].metric("Effective hourly rate", gp.money(float(overall["hourly"].iloc[0]), cur))
m[1].metric("Including unpaid time", gp.money(float(overall["hourly_incl_unpaid"].iloc[0]), cur))
m[2].metric("Hours", f"{float(overall['hours'].fillna(0).iloc[0]):,.1f}")

if not with_hours.empty:
    top = with_hours.sort_values("hourly", ascending=False).head(25)
    gp.chart(charts.hourly_chart(top, cur, title=f"Effective hourly rate by {group}"))
    st.dataframe(
        pd.DataFrame(
            {
                group: [charts.label_for(g) for g in rates.index],
                f"net ({cur})": rates["net"].round(2).to_numpy(),
                "hours": rates["hours"].round(2).to_numpy(),
                f"per hour ({cur})": rates["hourly"].round(2).to_numpy(),
                f"incl. unpaid ({cur})": rates["hourly_incl_unpaid"].round(2).to_numpy(),
                "income with hours": rates["coverage"].to_numpy(),
                "hours from": rates["hours_source"].to_numpy(),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"income with hours": st.column_config.NumberColumn(format="percent")},
    )
for message in rates.attrs.get("messages", []):
    st.caption(message)

by_platform = view.call("analytics.hours.hourly_rates", by="platform", estimates=gp.estimates())
missing = [p for p in by_platform.index if not by_platform.at[p, "hours"] > 0]
if missing:
    names = ", ".join(charts.label_for(p) for p in missing)
    st.info(
        f"No hours for {names}. Add them by importing a time-tracker export (Toggl Track or "
        "Clockify detailed report, CSV) on the Home page, or estimate them below."
    )
    estimates = dict(gp.estimates() or {})
    with st.form("giglens.estimates"):
        st.markdown("**Estimate your time** (leave 0 for no estimate)")
        values = {}
        for p in missing:
            c1, c2 = st.columns(2)
            rule = estimates.get(p, {})
            values[p] = (
                c1.number_input(
                    f"{charts.label_for(p)}: minutes per task/payment",
                    0.0,
                    600.0,
                    float(rule.get("minutes_per_task") or 0.0),
                    key=f"giglens.est.{p}.mpt",
                ),
                c2.number_input(
                    f"{charts.label_for(p)}: or hours per week",
                    0.0,
                    100.0,
                    float(rule.get("hours_per_week") or 0.0),
                    key=f"giglens.est.{p}.hpw",
                ),
            )
        if st.form_submit_button("Use these estimates"):
            for p, (mpt, hpw) in values.items():
                if mpt > 0:
                    estimates[p] = {"minutes_per_task": mpt}
                elif hpw > 0:
                    estimates[p] = {"hours_per_week": hpw}
                else:
                    estimates.pop(p, None)
            st.session_state[gp.ESTIMATES] = estimates
            st.rerun()
