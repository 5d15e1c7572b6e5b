"""Overview: the headline numbers and where the income comes from."""

import streamlit as st

from analytics import charts
from analytics.metrics import income_volatility
from giglens_ui import page as gp
from giglens_ui import tax as gt
from giglens_ui.sidebar import tax_country_note

view = gp.start(
    "Overview",
    "Your income at a glance: what you kept after fees, what an hour of work pays, how much it "
    "swings and what to put aside for tax. Use the sidebar to focus on a period or platform.",
    "📊",
)
cur = view.currency
gp.uncovered_months_warning(view)
gp.first_month_warning(view)
gp.last_month_warning(view)  # a statement not out yet reads as a dip too
gp.platforms_ending_early_warning(view)
fees_unknown = gp.fees_unknown_warning(view)
income = view.income
net = float(income["net"].sum())
# a platform whose files hold no fee (an Upwork Weekly Summary) has no fee figure: not 0.00
known = income[~income["platform"].astype(str).isin(list(fees_unknown))]
fees = float(known["fee"].sum())
overall = view.call(
    "analytics.hours.hourly_rates", by=None, estimates=gp.estimates(), all_dates=True
)
hourly = float(overall["hourly"].iloc[0]) if len(overall) else float("nan")
coverage = float(overall["coverage"].iloc[0]) if len(overall) else float("nan")
monthly = view.call("analytics.metrics.monthly_income")
vol = income_volatility(monthly)
reserve = gt.projection(view)

# Two rows: five money figures side by side are cut short ("$36,5…") on a laptop screen.
figures = [
    gp.money(net, cur),
    "—" if fees_unknown and known.empty else gp.money(fees, cur),
    gp.money(hourly, cur) if hourly == hourly else "no hours",
]
m = gp.metric_columns(figures)
m[0].metric("Net income", figures[0], help="Earnings minus refunds and fees")
m[1].metric(
    "Fees paid",
    figures[1],
    delta="some not in your files" if fees_unknown and not known.empty else None,
    delta_color="off",
    delta_arrow="off",
    help="Everything the platforms kept",
)
m[2].metric(
    "Effective hourly rate",
    figures[2],
    # a rate on part of the income only (PayPal clients without hours beside Upwork's): say so
    delta=f"on {charts.share_text(coverage)} of your income"
    if hourly == hourly and coverage == coverage and coverage < 0.995
    else None,
    delta_color="off",
    delta_arrow="off",
    help="Net income ÷ hours worked, over the income that has hours (see Hourly rates)",
)
# Tax is owed on all the year's income, whatever the sidebar shows: the label says so when the
# sidebar narrows the rows, so the figure is not read against the net income beside it.
filtered = gt.rows_filtered(view)
paid = gt.paid_so_far(view)
# what the reserve still has to hold: the tax paid for the year already is not in it
owed = gt.left_to_pay(reserve, view.profile) if reserve else 0.0
due_next = gt.next_payment_due(view, reserve)
held = (
    gt.left_to_hold(reserve.reserve_now, paid, owed, reserve.year_over, gt.due_amount(due_next))
    if reserve
    else 0.0
)
why = ([f"after {gp.money(paid, reserve.currency)} paid"] if reserve and paid else []) + (
    ["on all your income"] if filtered else []
)
# a finished year whose files stop early: its tax is on the months the files hold
if reserve and (stop := gt.files_stop_short(reserve, view.profile)) is not None:
    why.append(f"your files end {stop:%-d %b %Y}")
to_hold = gp.money(held, reserve.currency) if reserve else "—"
m = gp.metric_columns([gp.percent(vol.cv, 0), to_hold, ""])  # three to a row, as above
m[0].metric(
    "Income swings (CV)",
    gp.percent(vol.cv, 0),
    help="How much monthly income swings: standard deviation ÷ mean (needs 2+ months)",
)
m[1].metric(
    f"Tax to set aside, {gt.year_label(view.profile)}",
    to_hold,
    delta="; ".join(why) or None,
    delta_color="off",
    delta_arrow="off",
    help=gp.tax_caption(view.profile),
)
if reserve:
    asides = [
        "the year is over: its actual income"
        if reserve.year_over
        else "so far, with the tax projected for the whole year"
    ]
    if view.profile.jurisdiction == "US":
        asides.append("federal tax only: state and local income tax are not included")
    if reserve.currency != cur:
        asides.append(
            f"in {reserve.currency}, the currency of the tax; the other figures are in {cur}"
        )
    st.caption(
        f"Tax to set aside: {gp.percent(reserve.rate)} of the "
        f"{gp.money(reserve.base_so_far, reserve.currency)} {reserve.base_words} of tax year "
        f"{gt.year_label(view.profile)} ({'; '.join(asides)}). "
        + gp.tax_caption(view.profile)
        + (f" {whole}" if (whole := gt.whole_year_note(view)) else "")
        + gt.paid_words(
            reserve.reserve_now,
            paid,
            owed,
            reserve.currency,
            gt.year_label(view.profile),
            bold=False,
            year_over=reserve.year_over,
            due_next=due_next,
        )
        + (f" {also}" if (also := gt.last_year_due_text(view, reserve.currency)) else "")
    )
    if late := gt.overdue_text(due_next, view.profile, reserve.currency):
        st.warning(late, icon=":material/event_busy:")
else:
    st.caption(f"{gt.no_income_note(view)} {gp.tax_caption(view.profile)}")
if unchosen := tax_country_note(view.profile):
    st.info(unchosen, icon=":material/public:")
for problem in gp.conversion_problems(view, gt.tax_currency(view)):
    st.warning(
        f"The tax figure is in {gt.tax_currency(view)}. {problem}",
        icon=":material/currency_exchange:",
    )

by_platform = view.call("analytics.metrics.monthly_income", by="platform")
gp.chart(charts.stacked_monthly(by_platform, cur, title="Net income per month, by platform"))
by_stream = view.call("analytics.metrics.monthly_income", by="stream").sum()
gp.chart(charts.amount_bars(by_stream, cur, title="Net income by stream"))
