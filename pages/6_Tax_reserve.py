"""Tax reserve: how much of each payment to put aside, and when the tax is due."""

import dataclasses

import pandas as pd
import streamlit as st

from analytics.currency import rate_sources, rates_used
from analytics.summary import months_adding_up
from analytics.tax import (
    payments_by_platform,
    reserve_plan,
    tax_year_bounds,
    thresholds,
)
from analytics.tax.schedule import wage_income_tax
from giglens_ui import page as gp
from giglens_ui import state
from giglens_ui import tax as gt
from giglens_ui.sidebar import tax_country_note

view = gp.start(
    "Tax reserve",
    "Platforms withhold no tax. This page projects your tax for the year from the income so "
    "far and tells you what share of each payment to put aside, and when payments are due.",
    "🧾",
    no_match="The tax figures count all your income of the tax year, whatever the filters: "
    "clear them to see the figures here.",
)
profile = view.profile
# kept per country and year: 4,000 dollars of US tax must not turn into 4,000 euros in
# Germany, nor 2024's tax (for 2025) into 2025's (for 2026)
PRIOR = gt.prior_key(profile)
# the tax already paid for this tax year (estimated payments, payments on account,
# prepayments): entered under When to pay, it lowers what the reserve still has to hold
PAID = gt.paid_key(view)
paid = gt.paid_so_far(view)
tcur = gt.tax_currency(view)
st.warning(gp.tax_caption(profile), icon=":material/warning:")
if unchosen := tax_country_note(profile):
    st.info(unchosen, icon=":material/public:")
gp.fees_unknown_warning(view, "the tax here is on income before that fee and runs high")
for problem in gp.conversion_problems(view, tcur):
    st.warning(f"Tax figures are in {tcur}. {problem}", icon=":material/currency_exchange:")
if whole := gt.whole_year_note(view):
    st.info(whole, icon=":material/filter_alt_off:")
proj = gt.projection(view)
if proj is None:
    st.info(gt.no_income_note(view))
    st.stop()
est = proj.estimate
if too_large := gt.expenses_check(proj, profile):
    st.warning(too_large, icon=":material/warning:")

if over := gt.year_over_note(proj, profile):
    st.info(over, icon=":material/event_available:")
elif early := gt.files_end_early_note(proj):
    st.info(early, icon=":material/event_busy:")
# the tax counts all the income, whatever the sidebar shows: every platform is named
_year_start, year_end = tax_year_bounds(profile)
gp.platforms_ending_early_warning(view, every_platform=True, until=year_end - pd.Timedelta(days=1))
if not proj.year_over:
    gp.last_month_tax_warning(view, proj.covered_until)
figures = [
    gp.money(proj.base_so_far, tcur),
    gp.money(proj.base_projected, tcur),
    gp.money(proj.projected_tax, tcur),
    gp.percent(proj.rate),
]
m = gp.metric_columns(figures)
m[0].metric(
    gt.so_far_label(proj),
    figures[0],
    help=f"Tax year {gt.year_label(profile)}, {proj.months_elapsed} month(s) of data"
    + ("" if proj.year_over else f", through {proj.covered_until:%-d %b %Y}"),
)
m[1].metric(
    "Income for the year" if proj.year_over else "Projected for the year",
    figures[1],
    help="The tax year is over: its actual income"
    if proj.year_over
    else f"{proj.base_name.capitalize()} so far × 12 ÷ "
    f"{proj.months_elapsed} months elapsed (your files run to {proj.covered_until:%-d %b %Y})",
)
other = gt.beside_other_income(profile)
m[2].metric(
    gt.tax_figure_label(proj, profile),
    figures[2],
    help=(
        "The tax with your gig income minus the tax without it"
        + ("" if proj.year_over else ", on the income projected for the year")
        + (
            ", with the tax withheld from wages beyond or below their own tax set against it"
            if gt.withholding_shifts_reserve(proj)
            else ""
        )
        + ". "
        if other
        else ""
    )
    + gp.tax_caption(profile),
)
m[3].metric(
    "Set aside",
    figures[3],
    help="of what clients pay, before the platforms' fees (projected tax ÷ gross receipts)"
    if proj.on_gross
    else "of every payment (projected tax ÷ income)",
)
# US: the engine has the federal taxes only; the message must not read as all of the tax
federal = (
    " for federal tax (state and local income tax are not included)"
    if profile.jurisdiction == "US"
    else ""
)
owed = gt.left_to_pay(proj, profile)
due_next = gt.next_payment_due(view, proj)
if paid and paid >= owed:
    st.success(
        f"You have paid **{gp.money(paid, tcur)}** for {gt.year_label(profile)}, at least the "
        f"{gp.money(owed, tcur)} of {'federal ' if federal else ''}tax the year leaves to pay"
        + (" after what is withheld from wages" if profile.w2_wages or profile.spouse_wages else "")
        + (
            ": nothing more to put aside for it (your return settles any difference)."
            if due_next is None
            else f". Still, {due_next.words(tcur)} is due: it was set from last year's tax, "
            "whatever this year's comes to; the assessment gives back what you paid beyond "
            "the year's tax (or ask the tax office to lower it)."
        )
    )
else:
    reserve_words = (
        (
            f"The tax your gig income adds comes to **{gp.percent(proj.rate)}** of it{federal}"
            if gt.beside_other_income(profile)
            else f"The year's tax comes to **{gp.percent(proj.rate)}** of its "
            f"{proj.base_name}{federal}"
        )
        + f": your reserve for it should be **{gp.money(proj.reserve_now, tcur)}**."
        if proj.year_over
        else f"Put **{gp.percent(proj.rate)}** of {proj.share_of} aside{federal}. By now your "
        f"reserve should be **{gp.money(proj.reserve_now, tcur)}**."
    )
    # the paid words follow either sentence (a year over too)
    st.success(
        reserve_words
        + gt.paid_words(
            proj.reserve_now,
            paid,
            owed,
            tcur,
            gt.year_label(profile),
            year_over=proj.year_over,
            due_next=due_next,
        )
    )
if late := gt.overdue_text(due_next, profile, tcur, on_tax_page=True):
    st.warning(late, icon=":material/event_busy:")
if seasonal := gt.seasonal_note(view, proj):
    st.info(seasonal, icon=":material/calendar_month:")
rows = gt.tax_year_rows(view)
if len(used := rates_used(rows)):
    st.caption(f"Income converted to {tcur} {gp.rates_words(rate_sources(rows))}.")
    gp.rates_table(rows, tcur)


try:
    plan = reserve_plan(rows, profile, until=proj.covered_until, files_end=proj.files_end)
except ValueError as exc:
    st.info(str(exc))
    plan = None
if plan is not None and len(plan):
    # The income so far (in the table below) would flatten the tax lines on the same axis.
    # a flat rate never changes: what you set aside is exactly what is needed, one line
    drawn = ["projected_annual_tax", "reserve_needed"] + (
        [] if profile.jurisdiction == "flat" else ["reserve_set_aside"]
    )
    lines = plan.set_index("month")[drawn].rename(
        columns={
            "projected_annual_tax": "Projected tax for the year",
            "reserve_needed": "Reserve needed",
            "reserve_set_aside": "Reserve if you set aside the rate",
        }
    )
    gp.reserve_chart(lines, tcur, dashed=("Reserve if you set aside the rate",))
    income_column = proj.base_name.capitalize()
    with st.expander("Month by month"):
        gp.table(
            pd.DataFrame(
                {
                    # UK tax months run from the 6th: "6 Apr 2025" says where one starts
                    "Month": plan["month_start"]
                    .dt.strftime("%-d %b %Y" if profile.jurisdiction == "UK" else "%b %Y")
                    .to_numpy(),
                    # to the cent, adding up to the year's income (as the summary download)
                    # a flat rate on gross receipts plans on them
                    income_column: months_adding_up(plan["income"]),
                    "Set aside this month": [gt.set_aside_text(v, tcur) for v in plan["set_aside"]],
                    "Reserve needed": plan["reserve_needed"].to_numpy(dtype="float64"),
                    "Shortfall": plan["shortfall"].to_numpy(dtype="float64"),
                }
            ),
            tcur,
            money_columns=(income_column, "Reserve needed", "Shortfall"),
            # text (an amount or "release ..."), aligned like the amounts beside it
            column_config={"Set aside this month": st.column_config.TextColumn(alignment="right")},
        )
        # a flat rate never rises: no shortfall comes from a growing tax band
        why = (
            ""
            if profile.jurisdiction == "flat" or plan.attrs.get("at_year_rate")
            else ", because the rate rises as the year's projected income (and its tax band) grows"
        )
        st.caption(
            (
                f"The reserve lines are before the {gp.money(paid, tcur)} you have paid. "
                if paid
                else ""
            )
            + (
                "The year is over and your files run to its end: each month's payments times "
                "the year's own rate, so the months add up to its tax. "
                if plan.attrs.get("at_year_rate")
                else "Each month's payments times that month's set-aside rate. "
            )
            + "A month whose refunds and "
            "fees are larger than its income lowers the tax: it shows “release”, an amount you "
            "may take back out of the reserve. Shortfall: what the reserve needed by then lacks "
            f"even if you set aside each month's amount{why}; put the shortfall aside as well."
        )
    for note in plan.attrs.get("notes", []):
        st.caption(
            gt.release_note(
                note,
                plan.attrs.get("release"),
                proj.reserve_now,
                paid,
                owed,
                proj.year_over,
                due_next,
                tcur,
            )
        )
    if (began := gt.files_start_inside(view)) is not None:
        st.caption(
            f"Your files start on {began:%-d %b %Y}, inside {gt.year_label(profile)}: the "
            "months before count no income, which is right if you started then. If you earned "
            "before, add those downloads: the tax and each month's set-aside would be higher."
        )

st.header("When to pay", divider="gray")
# Empty until the user answers: 0 is an answer (no tax last year), not "not given".
st.session_state.setdefault(PRIOR, None)
st.session_state["giglens.w.prior_year_tax"] = st.session_state[PRIOR]
PRIOR_LABELS = {  # what last year's tax is used for, per jurisdiction (a flat rate: nothing)
    "US": "Last year's total tax ({}, optional: for the safe-harbour amounts)",
    "UK": "Last year's Self Assessment bill ({}, optional: for the payments on account)",
    "DE": "Income tax of your latest assessment ({}, festgesetzte Einkommensteuer of the "
    "Steuerbescheid, before wage tax is credited; optional: the basis of the prepayments)",
}
PRIOR_HELP = {
    "US": "The total tax on last year's return (Form 1040, line 24). Filing jointly this year "
    "after separate returns last year: both returns' tax together (IRS Pub. 505); filing "
    "separately after a joint return: your share of it.",
    "UK": "The Self Assessment bill for last tax year: the tax on your return less what PAYE "
    "collected (the SA302 tax calculation, or your HMRC online account).",
    "DE": "The income tax assessed for your latest year in the Steuerbescheid, before the wage "
    "tax withheld is credited. The prepayments are it less that year's wage tax (Lohnsteuer): "
    "enter that under that tax year in the sidebar, or this year's stands in for it.",
}
prior = None
if profile.jurisdiction in PRIOR_LABELS:
    prior = st.number_input(
        PRIOR_LABELS[profile.jurisdiction].format(tcur),
        min_value=0.0,
        value=None,  # emptied, the box is "not given" again, not 0 (no tax last year)
        step=100.0,
        placeholder="not given",
        help=PRIOR_HELP[profile.jurisdiction],
        key="giglens.w.prior_year_tax",
        on_change=lambda: st.session_state.__setitem__(
            PRIOR, st.session_state["giglens.w.prior_year_tax"]
        ),
    )
if profile.jurisdiction == "US" and prior is not None:
    # 100% of last year's tax, or 110% when last year's AGI was above $150,000
    PRIOR_AGI = gt.prior_agi_key(profile)
    st.session_state.setdefault(PRIOR_AGI, None)
    st.session_state["giglens.w.prior_year_agi"] = st.session_state[PRIOR_AGI]
    st.number_input(
        f"Last year's adjusted gross income ({tcur}, Form 1040 line 11, optional)",
        min_value=0.0,
        value=None,
        step=1000.0,
        placeholder="not given: this year's stands in",
        key="giglens.w.prior_year_agi",
        on_change=lambda: st.session_state.__setitem__(
            PRIOR_AGI, st.session_state["giglens.w.prior_year_agi"]
        ),
        help="Above $150,000, the safe-harbour amount is 110% of last year's tax instead of "
        "100%. Not given, this year's estimated AGI decides.",
    )
if prior is None and (us_last := gt.last_us_tax(view)) is not None:
    st.caption(
        f"Your files hold {us_last[1]}: GigLens estimates its total tax at "
        f"{gp.money(us_last[0], tcur)} (with the wages, expenses and miles entered for "
        f"{us_last[1]}, else this year's). The safe harbour is on the tax of the return you "
        "filed (Form 1040 line 24): enter it above to pay no more than it this year."
    )
first_year = False
if profile.jurisdiction == "UK":
    FIRST = gt.first_year_key(profile)
    # one widget for every tax year: it shows the year chosen's answer (as the paid box), else
    # what the files suggest (income this year and none before it: a first year)
    st.session_state["giglens.w.first_year"] = gt.first_year(view)
    first_year = st.checkbox(
        "This is my first year of self-employment (no payments on account were due)",
        key="giglens.w.first_year",
        on_change=lambda: st.session_state.__setitem__(
            FIRST, st.session_state["giglens.w.first_year"]
        ),
    )
    if first_year and st.session_state.get(FIRST) is None:
        st.caption(
            f"Ticked because your files hold income in {gt.year_label(profile)} and none "
            "before it. If you were self-employed before, enter last year's bill above (or "
            "untick it)."
        )
if prior is None and not first_year and (last := gt.last_uk_bill(view)) is not None:
    # this year's payments on account are half of last year's bill each: the files know it
    prior, last_year = last
    began = gt.files_start_in_last_year(view)
    st.caption(
        f"Last year's bill not entered: the payments on account below are on the "
        f"{last_year} bill your files show, {gp.money(prior, tcur)} (with the wages and "
        f"other income entered for {last_year}, else this year's). Enter the bill from your "
        "return above if it differs."
        + (
            f" Your files start on {began:%-d %b %Y}, inside {last_year}: if you earned before "
            "that, the bill was larger (add those downloads, or enter it)."
            if began is not None
            else ""
        )
    )
st.session_state.setdefault(PAID, None)
st.session_state["giglens.w.paid"] = st.session_state[PAID]
st.number_input(
    gt.PAID_LABELS[profile.jurisdiction].format(year=gt.year_label(profile), currency=tcur),
    min_value=0.0,
    value=None,  # emptied, the box is "none yet" again
    step=100.0,
    placeholder="none yet",
    key="giglens.w.paid",
    on_change=lambda: st.session_state.__setitem__(PAID, st.session_state["giglens.w.paid"]),
    help="What you have already sent the tax office for this tax year. It is set against the "
    "payments below in date order, and the reserve only has to hold the rest.",
)
if profile.jurisdiction == "flat" and not paid:  # kept per currency shown: say where it is
    for currency, amount in gt.paid_in_other_currencies(view).items():
        st.caption(
            f":orange[You entered {gp.money(amount, currency)} as paid for "
            f"{gt.year_label(profile)} while the pages showed {currency}: it is kept in "
            f"{currency}. Show amounts in {currency} to use it, or enter it here in {tcur}.]"
        )
DATED = gt.dated_key(view)
REPLACED = "giglens.paid_replaced"  # (amount typed before, the days' total): said once
st.session_state["giglens.w.paid_dated"] = st.session_state.get(DATED) or ""


def _dated_changed() -> None:
    st.session_state[DATED] = st.session_state["giglens.w.paid_dated"]
    _payments, _bad, total = gt.dated_payments(view)
    if total:  # the amount above follows the days written, and says so when it changes
        before = float(st.session_state.get(PAID) or 0.0)
        if before and abs(before - total) >= 0.005:
            st.session_state[REPLACED] = (before, total)
        st.session_state[PAID] = total


st.text_input(
    "When you paid (optional)",
    key="giglens.w.paid_dated",
    on_change=_dated_changed,
    placeholder=f"e.g. {gt.payment_days_example(profile)}",
    help="Each payment's day and amount, separated by semicolons: the amount above becomes "
    "their total, each is set against the earliest payment still open when you made it (as "
    "the tax office does), and a payment made after its due date is marked late. A day "
    "without a year is the one in the year of this tax year's payments; write the year "
    "(15 Jan 2027) to be sure. Days in numbers are read "
    + ("month first (4/15 is April 15)." if profile.jurisdiction == "US" else "day first (15/4)."),
)
dated, unreadable, dated_total = gt.dated_payments(view)
if replaced := st.session_state.pop(REPLACED, None):
    st.caption(
        f":orange[The amount paid above was {gp.money(replaced[0], tcur)}: it is now "
        f"{gp.money(replaced[1], tcur)}, the total of the payments with days.]"
    )
if unreadable:
    st.caption(
        f":red[Not a day and an amount: {'; '.join(unreadable)}. Write each as "
        f"{gt.payment_days_example(profile).split('; ')[0]}, "
        "separated by semicolons.]"
    )
if dated and abs(dated_total - paid) >= 0.005:
    st.caption(
        f":orange[The payments with days add up to {gp.money(dated_total, tcur)}, the amount "
        f"above is {gp.money(paid, tcur)}: correct one of them. Until they agree, the days are "
        "not used.]"
    )
try:
    schedule = gt.planned_payments(view, proj)
except ValueError as exc:
    st.info(str(exc))
else:
    if len(schedule):
        when = schedule["status"].tolist()
        # the amounts first, the long label last, so a phone shows the amounts
        columns = {
            "Due": schedule["due_date"].dt.strftime("%a %d %b %Y").to_numpy(),
            "Amount": schedule["amount"].to_numpy(dtype="float64"),
        }
        if paid:
            columns["Left to pay"] = schedule["left"].to_numpy(dtype="float64")
        if "paid_on" in schedule:
            columns["Paid on"] = schedule["paid_on"].fillna("").to_numpy()
        columns["Status"] = when
        columns["Payment"] = schedule["label"].to_numpy()
        shown = pd.DataFrame(columns)
        gp.table(shown, tcur, money_columns=("Amount", "Left to pay"))
        # the UK's rows are the whole bill (payments on account and the balance); elsewhere
        # they are instalments of part of it, and the notes below say what the return settles
        if profile.jurisdiction == "UK" and (beyond := schedule.attrs["paid_beyond"]):
            st.caption(
                f"You have paid {gp.money(beyond, tcur)} more than these payments ask for "
                f"{gt.year_label(profile)}: your return settles it (a refund, or less to pay)."
            )
        if paid and (covered := float(schedule.loc[schedule["offset"] > 0, "offset"].sum())):
            refund_row = schedule[schedule["offset"] < 0].iloc[0]
            owed = -float(refund_row["left"])
            st.caption(
                f"The {gt.year_label(profile)} bill comes out lower than the payments on "
                f"account asked for, so its balancing payment is a refund of "
                f"{gp.money(-float(refund_row['amount']), tcur)}. HMRC sets it against the "
                f"{gp.money(covered, tcur)} of them still unpaid (your return reduces them; to "
                "stop paying them now, claim with form SA303)"
                + (f": you are owed {gp.money(owed, tcur)}." if owed > 0 else ".")
            )
        if "paid_late" in schedule and (late := schedule[schedule["paid_late"] > 0]).shape[0]:
            st.caption(gt.late_payments_note(late, profile, tcur))
        # One footnote list under the table (notes are too long for a table cell).
        notes = [
            f"- {due}: {note}"
            for due, note in zip(shown["Due"], schedule["notes"].fillna("").astype(str))
            if note.strip()
        ]
        if notes:
            st.caption("\n".join(notes))
    if also := gt.last_year_due_text(view, tcur, schedule):
        st.info(also, icon=":material/event_upcoming:")
    for note in schedule.attrs.get("notes", []):
        st.caption(note)
    balance = schedule.attrs.get("balance_due")
    if balance and pd.Timestamp(balance[0]) < state.today():
        # the return's date has passed: the whole year's tax nobody withheld is due, whatever
        # the installments were (the balance alone assumes they were all paid)
        due, amount = balance
        owed = gt.left_to_pay(proj, profile)
        when = f"{due:%b} {due.day}, {due.year}"
        if paid:
            still = round(owed - paid, 2)
            if still > 0:
                st.warning(
                    f"Your {profile.year} tax that no employer withheld is "
                    f"{gp.money(owed, 'USD')}; with the {gp.money(paid, 'USD')} you have paid, "
                    f"{gp.money(still, 'USD')} is still owed. It was due by {when}: pay it now "
                    "(interest and a late-payment penalty run).",
                    icon=":material/event_busy:",
                )
        else:
            installments = bool((schedule["amount"] > 0).any())
            st.warning(
                f"Your {profile.year} tax that no employer withheld, "
                f"{gp.money(owed, 'USD')}, was all due by {when}: "
                + ("the installments above and " if installments else "")
                + f"the {gp.money(amount, 'USD')} left with the return. Enter what you paid "
                "(Estimated tax already paid, above) to see what is still owed; what is unpaid "
                "is overdue (interest and a late-payment penalty run).",
                icon=":material/event_busy:",
            )

st.header("How the estimate is made", divider="gray")
breakdown_lines = [ln.label for ln in est.lines]
gp.table(
    pd.DataFrame(
        {  # the amount first: a phone shows it beside the start of a long line
            "Amount": [float(ln.amount) for ln in est.lines],
            "Line": breakdown_lines,
        }
    ),
    tcur,
    money_columns=("Amount",),
    # sized to its longest line: left to the grid, the amounts took the spare width and the
    # lines were cut ("...minus your Medicare wa"); a line longer than the page scrolls
    column_config={"Line": st.column_config.Column(width=gp.text_width(breakdown_lines, "Line"))},
)
wages = profile.w2_wages + profile.spouse_wages
shifted = gt.withholding_shifts_reserve(proj)
if wages or profile.other_income:
    parts = [
        "The total includes the tax on "
        + " and ".join(
            name
            for name, amount in (
                (gt.wages_words(profile), wages),
                ("your other income", profile.other_income),
            )
            if amount
        )
        + f". The part your gig income adds is {gp.money(est.tax_on_profit, tcur)}"
        + ("." if shifted else ", what to set aside from your payments.")
    ]
    if wages and profile.withholding is not None:
        parts.append(gt.withholding_text(proj, profile))
    elif wages:
        # Germany: the prepayment notes below credit the wage income tax alone (§37(3) EStG)
        income_tax = wage_income_tax(profile) if profile.jurisdiction == "DE" else None
        on_top = est.tax_on_wages - income_tax if income_tax is not None else 0.0
        parts.append(
            f"The tax on {gt.wages_words(profile)}, {gp.money(est.tax_on_wages, tcur)}"
            + (
                f" (income tax, Lohnsteuer, {gp.money(income_tax, tcur)}, and "
                f"{gp.money(on_top, tcur)} of solidarity surcharge and church tax on it)"
                if on_top >= 0.005
                else ""
            )
            + ", is taken as withheld by the employer (enter what was really withheld under "
            "More about your situation, if you know it)."
        )
    on_other = max(round(est.total - est.tax_on_profit - est.tax_on_wages, 2), 0.0)
    if profile.other_income and on_other > 0:
        parts.append(
            f"The tax your other income adds, {gp.money(on_other, tcur)}, is not withheld: it is "
            "yours to pay, and it counts in the amounts under When to pay."
        )
    st.caption(" ".join(parts))
for note in est.notes:
    # the caption above already says what the total holds of the wages' tax
    if not (wages and note.startswith("The total includes the income tax on")):
        st.caption(note)
st.caption(
    f"{est.disclaimer}. On the "
    + ("year's " if proj.year_over else "projected annual ")
    + f"{proj.base_name} of {gp.money(proj.base_projected, tcur)}."
)
if took_text := gt.taxes_taken_text(view, proj):
    st.caption(took_text)
# turnover: what clients paid less what was given back (a refund lowers it, §17 UStG)
SALES = ["earning", "refund"]
gross = float(rows.loc[rows["kind"].isin(SALES), "gross"].sum())
# the UK's trading income is the year's, annualised like the estimate (refunds included)
turnover = proj.yearly_gross if proj.yearly_gross is not None else gross
last_year_rows = gt.tax_year_rows(view, dataclasses.replace(profile, year=profile.year - 1))
notes = (
    thresholds(
        profile,
        turnover=turnover,
        by_platform=payments_by_platform(rows),
        # last year's turnover decides Germany's Kleinunternehmer status, the UK's MTD start
        prior_turnover=float(last_year_rows.loc[last_year_rows["kind"].isin(SALES), "gross"].sum())
        if len(last_year_rows)
        else None,
        projected=proj.yearly_gross is not None and not proj.year_over,
        profit=proj.projected_income,
    )
    if profile.jurisdiction != "flat"
    else []
)
if profile.jurisdiction == "UK" and (started := gt.registration_note(view)):
    # the one thing to do this year or last: said on the page, not folded among the thresholds
    st.info(started, icon=":material/how_to_reg:")
if notes:
    with st.expander("Thresholds to know about"):
        for note in notes:
            st.markdown(f"- {note}")
