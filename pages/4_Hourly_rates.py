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
gp.fees_unknown_warning(view, "its hourly rates are on income before that fee and run high")
OVERHEAD = "giglens.f.unpaid_overhead"
st.session_state.setdefault(OVERHEAD, 0)
st.session_state["giglens.w.unpaid_overhead"] = st.session_state[OVERHEAD]


def _keep_overhead():
    st.session_state[OVERHEAD] = st.session_state["giglens.w.unpaid_overhead"]


unpaid, paid = view.call("analytics.hours.tracked_unpaid_time", all_dates=True)
if unpaid > 0 and paid > 0 and not st.session_state[OVERHEAD]:
    found = max(1, round(100 * unpaid / paid))
    share = min(found, 100)  # the slider's end
    info, use = st.columns([4, 1], vertical_alignment="center")
    info.info(
        f"Your time tracker shows {unpaid:,.2f} h of non-billable time that no income pays "
        f"(proposals, admin...): {found}% of the {gp.hours_text(paid)} h it tracked for paid work"
        + (". The slider goes up to 100%." if found > share else ".")
    )
    if use.button(f"Use {share}%", key="giglens.hourly.use_tracked", help="as your unpaid time"):
        st.session_state[OVERHEAD] = share
        st.rerun()
overhead = st.slider(
    "Unpaid time, as % of paid hours",
    0,
    100,
    step=1,
    key="giglens.w.unpaid_overhead",
    on_change=_keep_overhead,
    help="25% = 15 unpaid minutes for every paid hour",
)
group = st.radio(
    "Compare by",
    ["platform", "stream", "client"],
    format_func=str.capitalize,
    horizontal=True,
    key="giglens.hourly.by",
)
# Without unpaid time the calls are the same as on the other pages, so their cached results are
# reused (the argument is left out rather than passed as 0).
extra = {"unpaid_overhead": overhead / 100} if overhead else {}
rates = view.call(
    "analytics.hours.hourly_rates", by=group, estimates=gp.estimates(), all_dates=True, **extra
)
rates = rates.sort_values("net", ascending=False)
with_hours = rates[rates["hourly"].notna()]
overall = view.call(
    "analytics.hours.hourly_rates", by=None, estimates=gp.estimates(), all_dates=True, **extra
)
figures = [
    gp.money(float(overall["hourly"].iloc[0]), cur),
    gp.money(float(overall["hourly_incl_unpaid"].iloc[0]), cur),
    gp.hours_text(float(overall["hours"].fillna(0).iloc[0])),
]
m = gp.metric_columns(figures)
m[0].metric("Effective hourly rate", figures[0])
m[1].metric("Including unpaid time", figures[1])
m[2].metric(
    "Hours",
    figures[2],
    help="The hours of the work paid in the date range (time worked before it and paid in it "
    "counts; time worked in it and paid later does not; time worked after a client's last "
    "payment in your files counts with that payment, as said below the chart)",
)

if driving := gp.vehicle_costs_note(view):
    st.caption(driving)

if not with_hours.empty:
    top = with_hours.sort_values("hourly", ascending=False).head(25)
    gp.chart(
        charts.hourly_chart(
            top,
            cur,
            title=f"Effective hourly rate by {group}",
            color=charts.NORMAL_COLOR if group == "client" else None,
        )
    )
    gp.table(
        pd.DataFrame(
            {
                group.capitalize(): [charts.label_for(g) or "(no client)" for g in rates.index],
                "Net income": rates["net"].to_numpy(),
                "Hours": rates["hours"].to_numpy(),
                "Per hour": rates["hourly"].to_numpy(),
                "Per hour incl. unpaid time": rates["hourly_incl_unpaid"].to_numpy(),
                "Income with hours": rates["coverage"].to_numpy(),
                "Hours from": rates["hours_source"].where(rates["hours_source"] != "").to_numpy(),
            }
        ),
        cur,
        money_columns=("Net income", "Per hour", "Per hour incl. unpaid time"),
        short_headers={
            "Per hour incl. unpaid time": (
                "Incl. unpaid",
                "Per hour including the unpaid time (proposals, admin...) set above",
            )
        },
        percent_columns=("Income with hours",),
        hour_columns=("Hours",),
    )
    st.caption(
        "Income with hours: the share of the net income whose hours are known (from the "
        "export, a time tracker or your estimate); — means no hours. A fee taken from a "
        "payment goes with that payment (an hourly invoice's fee with its hours, a fixed "
        "price's without); a platform's fees on no payment (Connects, a membership, "
        "withdrawal and conversion fees) count against its hours in the share of its income "
        "that has hours, so a platform's rate can be below that of its clients."
    )
for message in rates.attrs.get("messages", []):
    filtered = gp.filtered_hours_words(message, view)
    if not filtered and "match no income" in message and overhead:
        message += " as paid time; the unpaid-time share above stands for time like this"
    st.caption(message + filtered)

by_platform = (
    rates
    if group == "platform"
    else view.call(
        "analytics.hours.hourly_rates", by="platform", estimates=gp.estimates(), all_dates=True
    )
)
estimates = dict(gp.estimates() or {})
no_hours = [p for p in by_platform.index if not by_platform.at[p, "hours"] > 0]
# Platforms already estimated stay in the form, so an estimate can be changed or removed.
missing = no_hours + [p for p in by_platform.index if p in estimates and p not in no_hours]
if no_hours:
    names = ", ".join(charts.label_for(p) for p in no_hours)
    st.info(
        f"No hours for {names}. Add them by importing a time-tracker export (Toggl Track or "
        "Clockify detailed report, CSV) on the Home page, or estimate them below."
    )
if missing:
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
                    help="Each payment counts as one task, except a day of the MTurk dashboard "
                    "(its submitted HITs) and a bonus (no time of its own).",
                ),
                c2.number_input(
                    f"{charts.label_for(p)}: or hours in each week with a payment",
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
