"""Micro vs freelance: the income streams side by side."""

import pandas as pd
import streamlit as st

from analytics import charts
from giglens_ui import page as gp

view = gp.start(
    "Micro vs freelance",
    "Micro jobs, freelancing and sales compared: which pays more per hour, which is steadier, "
    "and how much each depends on a single client.",
    "⚖️",
)
gp.first_month_warning(view)  # a part month reads as a dip in each stream's swings
gp.last_month_warning(view)  # a statement not out yet reads as a dip too
cur = view.currency
streams = view.call(
    "analytics.metrics.compare_streams",
    estimates=gp.estimates(),
    all_dates=True,
    # an Upwork Weekly Summary's 0.00 is no fee known: not a 0% fee rate
    fee_unknown_sources=tuple(sorted(gp.feeless_sources())),
)
# a bordered card per stream, side by side (in fewer columns when long amounts would be cut)
cols = gp.metric_columns(
    [gp.money(v, cur) for v in [*streams["net"], *streams["hourly"]]],
    count=len(streams),
    row_chars=gp.CARD_ROW_CHARS,
)
for col, (stream, row) in zip(cols, streams.iterrows()):
    with col.container(border=True):
        st.markdown(f"**{charts.label_for(stream)}**")
        st.metric(
            "Net income",
            gp.money(row["net"], cur),
            f"{charts.share_text(row['share'])} of the total" if pd.notna(row["share"]) else None,
            delta_color="off",
            delta_arrow="off",
        )
        coverage = row["hourly_coverage"]
        partial = pd.notna(coverage) and coverage < 0.995
        st.metric(
            "Per hour",
            gp.money(row["hourly"], cur),
            # a rate on part of the income only: say on how much
            f"on {charts.share_text(coverage)} of its income" if partial else None,
            delta_color="off",
            delta_arrow="off",
            help="What the hours you have for this stream paid per hour: only the income those "
            "hours paid for counts (payments without hours are left out; add estimates on "
            "Hourly rates). — means no hours for this stream yet.",
        )
        st.metric(
            "Income CV",
            gp.percent(row["cv"], 0),
            help="Standard deviation ÷ mean of monthly income",
        )

left, right = st.columns(2)
with left:
    gp.chart(charts.amount_bars(streams["net"], cur, title="Share of net income"))
with right:
    monthly = view.call("analytics.metrics.monthly_income", by="stream")
    gp.chart(
        charts.lines_by_group(
            monthly, title="Net income per month", y_title=f"Net ({cur})", currency=cur, narrow=True
        )
    )
table = pd.DataFrame(
    {
        "Stream": [charts.label_for(s) for s in streams.index],
        "Net income": streams["net"].to_numpy(),
        "Share": streams["share"].to_numpy(),
        "Months active": streams["months_active"].to_numpy(),
        "Income CV": streams["cv"].to_numpy(),
        "Per hour": streams["hourly"].to_numpy(),
        "Average payment": streams["avg_payment"].to_numpy(),
        "Clients": streams["n_clients"].to_numpy(),
        "Top client's share of the stream": streams["top_client_share"].to_numpy(),
        "Fee rate": streams["fee_rate"].to_numpy(),
    }
)
gp.table(
    table,
    cur,
    money_columns=("Net income", "Per hour", "Average payment"),
    percent_columns=("Share", "Income CV", "Top client's share of the stream", "Fee rate"),
    short_headers={
        "Top client's share of the stream": (
            "Top client",
            "The share of the stream's income that its biggest client paid",
        )
    },
)
st.caption(
    "Income CV: how much the stream's monthly income swings (standard deviation ÷ mean). "
    "— means not known: no hours for the stream (see Hourly rates), or no client names."
)
clients, _ = view.call("analytics.metrics.concentration", by="client")
# income without a client name (Stripe's exports give none) is no one client to depend on
_named, hhi = view.call("analytics.metrics.concentration", by="client", named_only=True)
platforms, hhi_p = view.call("analytics.metrics.concentration", by="platform")
unnamed = view.call("analytics.metrics.income_without_client").dropna()
# each index when there is income to measure it on (NaN otherwise: no client named at all)
over = [
    f"{value:.2f} over {what}"
    for value, what in (
        (hhi, "the clients your files name" if len(unnamed) else "clients"),
        (hhi_p, "platforms"),
    )
    if value == value
]
st.markdown(
    f"**Dependence**: Herfindahl index {' and '.join(over)} (1.00 = everything from one "
    "source; 0.25 = four equal ones)."
    if over
    else "**Dependence**: not enough positive income to measure."
)
if len(unnamed) and float(streams["net"].sum()) > 0:
    total = float(streams["net"].sum())
    st.caption(
        "Income without a client name, left out of the clients: "
        + ", ".join(
            f"{charts.label_for(p)} {gp.money(float(net), cur)} ({net / total:.0%} of your net "
            "income)"
            for p, net in unnamed.items()
        )
        + ". Its files do not name who paid"
        + (" (Stripe's exports give no customer)" if "stripe" in unnamed.index else "")
        + "."
    )
# clients who paid (a net of 0 or less is no income to depend on, and no bar of a "top")
named = clients[(clients.index != "") & (clients["net"] > 0)].head(10)
if not named.empty:
    gp.chart(
        charts.amount_bars(
            named["net"],
            cur,
            title="Top clients by net income (share of all net income)",
            color=charts.NORMAL_COLOR,
            names_as_written=True,
            total=float(streams["net"].sum()),
        )
    )
