"""Monthly summary: one row per month, and the downloads for your bookkeeping."""

import pandas as pd
import streamlit as st

from analytics import charts
from analytics.export import to_csv_bytes, to_xlsx_bytes
from giglens_ui import page as gp

view = gp.start(
    "Monthly summary",
    "Everything per month in one table: gross, fees, net, hours, hourly rate, tax to set aside. "
    "Download it for your bookkeeping or your accountant.",
    "📅",
)
cur = view.currency
try:
    summary = view.call(
        "analytics.summary.monthly_summary", tax_profile=view.profile, estimates=gp.estimates()
    )
    with_tax = True
except (ImportError, ValueError):  # no tax estimate for this profile: show the rest
    summary = view.call("analytics.summary.monthly_summary", estimates=gp.estimates())
    with_tax = False
shown = summary.copy()
shown.index = shown.index.astype(str)
st.dataframe(shown, width="stretch")
st.caption(
    f"Amounts in {cur}. "
    + (f"Tax to set aside: {gp.tax_caption(view.profile)}" if with_tax else "")
)

transactions = view.table.copy()
transactions["date"] = transactions["date"].dt.strftime("%Y-%m-%d")
flat_summary = summary.reset_index()
flat_summary.iloc[:, 0] = flat_summary.iloc[:, 0].astype(str)
c1, c2, c3 = st.columns(3)
c1.download_button(
    "Monthly summary (CSV)",
    to_csv_bytes(flat_summary),
    file_name="giglens_monthly_summary.csv",
    mime="text/csv",
    icon=":material/download:",
)
c2.download_button(
    "Summary + transactions (Excel)",
    to_xlsx_bytes({"Summary": flat_summary, "Transactions": pd.DataFrame(transactions)}),
    file_name="giglens_summary.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
c3.download_button(
    "Transactions (CSV)",
    to_csv_bytes(transactions),
    file_name="giglens_transactions.csv",
    mime="text/csv",
    icon=":material/download:",
)

by_stream = view.call("analytics.metrics.monthly_income", by="stream")
gp.chart(charts.stacked_monthly(by_stream, cur, title="Net income per month, by stream"))
