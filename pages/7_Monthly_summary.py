"""Monthly summary: one row per month, and the downloads for your bookkeeping."""

import pandas as pd
import streamlit as st

from analytics import charts
from analytics.currency import parse_stated_rates
from analytics.export import to_csv_bytes, to_xlsx_bytes
from analytics.schema import INCOME_KINDS
from analytics.summary import (
    conversion_notes,
    fee_types_for_download,
    summary_for_download,
    transactions_in_currency,
    transactions_with_income_flag,
)
from giglens_ui import page as gp
from giglens_ui import state
from giglens_ui import tax as gt
from giglens_ui.filters import time_only

CSV_STYLE_LABELS = {
    "comma": "Excel in English (1234.50, commas)",
    "semicolon": "Excel in German, French, Spanish… (1234,50, semicolons)",
}
# currencies of countries whose spreadsheets write 1234,50 and split a CSV by semicolons
DECIMAL_COMMA_CURRENCIES = {
    "EUR", "BRL", "ARS", "CLP", "COP", "IDR", "TRY", "DKK", "NOK", "SEK", "PLN", "CZK", "HUF",
    "RON", "BGN", "UAH", "VND",
}  # fmt: skip

view = gp.start(
    "Monthly summary",
    "Everything per month in one table: gross, fees, net, hours, hourly rate, tax to set aside. "
    "Download it for your bookkeeping or your accountant.",
    "📅",
)
cur = view.currency
tax_cur = gt.tax_currency(view)
gp.platforms_ending_early_warning(view)
fees_unknown = gp.fees_unknown_warning(view)
# every date with the sidebar's range: hours are matched to the payments they were paid by,
# which may lie outside the range
summary = view.call("analytics.summary.monthly_summary", estimates=gp.estimates(), all_dates=True)
if fees_unknown:
    income_platforms = set(view.income["platform"].astype(str))
    summary = summary.copy()
    if income_platforms <= set(fees_unknown):  # no fee known at all: blank, not 0.00
        summary["fees"] = float("nan")
# Tax is owed on all the income: for a choice of platforms or streams there is no month's tax
# of their own to show (the caption says so).
filtered = gp.platforms_filtered(view)
with_tax = at_year_rate = False
tax_projection = gt.projection(view)  # the Tax reserve page's figures (also in the workbook)
# the payment overdue or due next, which the reserve holds whatever it needs (once per run)
due_next = gt.next_payment_due(view, tax_projection)
if not filtered:
    try:
        # in the tax's own currency (USD for the US...): the column says which when it differs
        # the whole table: a month's tax is that of the year's plan, whatever the date range
        taxed = view.call(
            "analytics.summary.monthly_summary",
            currency=tax_cur,
            whole_table=True,
            tax_profile=view.profile,
            estimates=gp.estimates(),
            # the sidebar's range: the plan is on every row, the notes those of the range's days
            start=view.filters.start,
            end=view.filters.end,
            # planned through the days the Tax reserve page plans, so both say the same
            tax_until=tax_projection.covered_until if tax_projection else None,
            files_end=tax_projection.files_end if tax_projection else None,
        )
        with_tax = "tax_set_aside" in taxed.columns
        # a finished year whose files run to its end: every month at the year's own rate
        at_year_rate = bool(taxed.attrs.get("tax_at_year_rate", False))
    except (ImportError, ValueError):  # no tax estimate for this profile: show the rest
        with_tax = False
if with_tax:
    for problem in gp.conversion_problems(view, tax_cur):
        st.warning(
            f"Tax to set aside is in {tax_cur}. {problem}", icon=":material/currency_exchange:"
        )
    summary.insert(
        summary.columns.get_loc("cumulative_net"),
        "tax_set_aside",
        taxed["tax_set_aside"].reindex(summary.index),
    )
    # what may be released says what is free once the tax paid and the payment due next count
    paid_now = gt.paid_so_far(view)
    tax_notes = [
        gt.release_note(
            note,
            taxed.attrs.get("release"),
            tax_projection.reserve_now,
            paid_now,
            gt.left_to_pay(tax_projection, view.profile),
            tax_projection.year_over,
            due_next,
            tax_cur,
        )
        if tax_projection
        else note
        for note in taxed.attrs.get("tax_notes", [])
    ]
    summary.attrs["messages"] = list(summary.attrs.get("messages", [])) + tax_notes
    summary.attrs["disclaimer"] = taxed.attrs.get("disclaimer", "")
# The table shows the cents the downloads write (net = gross − fees of those cents, the splits
# adding up to it, the running total of them), so page, CSV and workbook agree to the cent.
in_cents = summary_for_download(summary).set_index(summary.index)
displayed = summary.copy()
for column in summary.columns:
    if column not in ("hours", "hours_worked", "hourly"):
        displayed[column] = in_cents[column].to_numpy()
hidden = {f"net_{name}" for name in time_only(view.table, "platform")}
hidden |= {f"net_{name}" for name in time_only(view.table, "stream")}
shown = displayed.drop(columns=[c for c in displayed.columns if c in hidden])
# The totals first (visible without scrolling), then the net per stream and per platform.
splits = {c for columns in summary.attrs.get("net_splits", {}).values() for c in columns}
core = [c for c in shown.columns if c not in splits]
shown = shown[core + [c for c in shown.columns if c in splits]]
names = {
    "gross": "Gross",
    "refunds": "of which refunds",
    "fees": "Fees",
    "conversion_costs": "of which conversions",
    "net": "Net",
    "hours": "Hours paid",
    "net_with_hours": "Net of those hours",
    "hourly": "Per hour",
    "hours_worked": "Hours worked",
    # each month's payments times that month's rate: not the reserve the year needs by now
    "tax_set_aside": "Set aside from the month" + (f" ({tax_cur})" if tax_cur != cur else ""),
    "cumulative_net": "Net so far",
}
shown = shown.rename(
    columns=lambda c: names.get(c) or f"Net: {charts.label_for(c.removeprefix('net_'))}"
)
shown.insert(0, "Month", summary.index.strftime("%b %Y"))
if tax_cur != cur and names["tax_set_aside"] in shown:  # written in its own currency
    column = names["tax_set_aside"]
    shown[column] = [gp.money(v, tax_cur) if pd.notna(v) else None for v in shown[column]]
written = {names["tax_set_aside"]} if tax_cur != cur else set()
HOURS = ("Hours paid", "Hours worked")
money_columns = [c for c in shown.columns if c not in ("Month", *HOURS, *written)]
gp.table(
    shown.reset_index(drop=True),
    cur,
    money_columns=money_columns,
    hour_columns=HOURS,
    short_headers={
        names["tax_set_aside"]: (
            "Tax set aside" + (f" ({tax_cur})" if tax_cur != cur else ""),
            "Set aside from the month: the month's payments times the year's tax rate"
            if at_year_rate
            else "Set aside from the month: the month's payments times the tax rate estimated then",
        )
    },
    column_config={
        "Month": st.column_config.Column(pinned=True),
        # written with its own currency (text), aligned like the other amounts
        **{c: st.column_config.TextColumn(alignment="right") for c in written},
    },
)
totals = [
    f"gross {gp.money(displayed['gross'].sum(), cur)}",
    f"fees {gp.money(displayed['fees'].sum(min_count=1), cur)}",
    f"net {gp.money(displayed['net'].sum(), cur)}",
]
if summary["hours"].notna().any():
    totals.append(f"{gp.hours_text(summary['hours'].sum())} hours paid")
if with_tax:
    totals.append(
        f"set aside from the months {gp.money(displayed['tax_set_aside'].sum(), tax_cur)}"
    )
    reserve = tax_projection
    if reserve:
        needs = f" (the reserve tax year {gt.year_label(view.profile)} needs" + (
            "" if reserve.year_over else " by now"
        )
        paid = gt.paid_so_far(view)
        owed = gt.left_to_pay(reserve, view.profile)
        # the Overview shows what is left to hold; the Tax reserve page says both
        left = gt.left_to_hold(
            reserve.reserve_now, paid, owed, reserve.year_over, gt.due_amount(due_next)
        )
        if paid:
            totals[-1] += (
                f"{needs}: {gp.money(reserve.reserve_now, reserve.currency)}; with the "
                f"{gp.money(paid, reserve.currency)} you have paid, "
                f"{gp.money(left, reserve.currency)} left to hold, as on the Overview and Tax "
                "reserve pages)"
            )
        elif left > reserve.reserve_now + 0.005:  # the payment due next is more
            totals[-1] += (
                f"{needs}: {gp.money(reserve.reserve_now, reserve.currency)}; keep "
                f"{gp.money(left, reserve.currency)} for {due_next.words(reserve.currency)}, "
                "as on the Overview and Tax reserve pages)"
            )
        else:
            totals[-1] += (
                f"{needs}, on the Overview and Tax reserve pages: "
                f"{gp.money(reserve.reserve_now, reserve.currency)})"
            )
months = f"{len(summary)} months" if len(summary) != 1 else "month"
st.markdown(f"**Total of the {months}:** " + ", ".join(totals) + ".")
st.caption(
    f"Amounts in {cur}"
    + (f" (tax to set aside in {tax_cur}, the currency of the tax)" if tax_cur != cur else "")
    + ". Hours paid: the hours of the work the month's income paid for, wherever they were "
    "worked (as on the Hourly rates page); Net of those hours: the part of the month's net "
    "they paid for (a bonus, or fixed-price work without hours, is left out, unless "
    "hours tracked for its client, in a time tracker or an Upwork Weekly Summary, cover it "
    "too; a fee that goes "
    "with hours, such as Connects, counts in its month even when that month has no hours, so "
    "the months add up to the Hourly rates page); Per hour: that "
    "net ÷ those hours (— when the month's income has no hours); Hours worked: the hours worked in the month (time worked in "
    "June on a job paid in July is worked in June and paid in July). "
    + (
        (
            "Tax set aside (from the month): that month's share of the year's tax, its "
            f"payments times the year's own rate (tax year {gt.year_label(view.profile)} is "
            "over and your files run to its end; — for months outside it): the months add up "
            f"to the year's tax. {gp.tax_caption(view.profile)}"
            if at_year_rate
            else "Tax set aside (from the month): that month's payments times the tax rate "
            "estimated then "
            f"(— for months outside tax year {gt.year_label(view.profile)}), "
            "so their sum can differ from the reserve the Overview and Tax reserve pages say "
            "you need by now (the year's projection moves as the months come in; see the Tax "
            f"reserve page's month-by-month table). {gp.tax_caption(view.profile)}"
        )
        if with_tax
        else (
            "Tax is worked out on all your income, so what to set aside is not shown month by "
            "month for a choice of platforms or streams: clear those filters to see it here, "
            "or see the Tax reserve page."
            if filtered
            else ""
        )
    )
)

gp.rates_table(view.table, cur)  # every month's rates, not only the tax year's

# what the summary says of itself: hours left out, income outside the tax year, the UK's tax
# months from the 6th (the disclaimer is in the caption above)
disclaimer = summary.attrs.get("disclaimer", "")
for message in summary.attrs.get("messages", []):
    if message != disclaimer and not message.startswith("Estimate, not tax advice"):
        st.caption(message + gp.filtered_hours_words(message, view))

flat_summary = summary_for_download(
    summary,
    tax_currency=tax_cur,
    transactions=view.table,
    fee_unknown_sources=gp.feeless_sources(),
)
if fees_unknown:  # the warning above, for the downloads too (the workbook's Notes sheet)
    flat_summary.attrs["messages"] = [
        gp.fees_unknown_text(fees_unknown, "the fees leave it out and the net income is too high"),
        *flat_summary.attrs.get("messages", []),
    ]
suffix, scope = gp.download_scope(view)
# the summary and the workbook hold one tax profile's figures: a US and a UK download of the
# same data must not overwrite each other
tax_suffix = gt.download_suffix(view.profile) if with_tax else ""


# The rows are taken now: the buttons' callables run when clicked, outside this run of the
# page, where the session's data cannot be reached.
kept_rows = gp.filtered_rows(view)
# an unfiltered download says so too, with the days it covers (a bookkeeper's first question)
_all_days = kept_rows["date"].dropna()
everything_text = (
    f"All your imported data: every platform and stream, {_all_days.min():%-d %b %Y} to "
    f"{_all_days.max():%-d %b %Y} (no filter in the sidebar)."
    if len(_all_days)
    else "All your imported data (no filter in the sidebar)."
)
left_out = gp.rows_left_out()
feeless = gp.feeless_sources()  # an Upwork Weekly Summary's rows: their fee is not known
tax_figures = (
    gt.tax_sheet(
        tax_projection,
        view.profile,
        gt.paid_so_far(view),
        due_next,
    )
    if tax_projection is not None
    else None
)
# the Tax reserve page's payments (due dates, what is paid and left), for the accountant
tax_payments = None
if tax_projection is not None:
    try:
        planned = gt.planned_payments(view, tax_projection)
    except ValueError:  # the Tax reserve page says what is missing
        planned = None
    if planned is not None and len(planned):
        # last tax year's balancing payment, due with this year's first payment (UK)
        tax_payments = gt.payments_sheet(
            planned,
            tax_projection.currency,
            gt.last_year_still_due(view),
            gt.last_year_label(view),
            today=state.today(),
        )
if tax_figures is not None and gt.rows_filtered(view):
    tax_figures.attrs["notes"].insert(
        0, "The tax counts all your income of the tax year, whatever the sidebar's filters."
    )
if tax_figures is not None:  # what the Tax reserve page warns of, for the workbook's reader
    tax_figures.attrs["notes"][:0] = gt.tax_page_warnings(view, tax_projection, fees_unknown)


def transactions_for_download() -> pd.DataFrame:
    # every row the sidebar keeps, also one without an exchange rate (its amount blank)
    stated, _unreadable = parse_stated_rates(view.filters.stated_rates)  # said in the sidebar
    return transactions_with_income_flag(transactions_in_currency(kept_rows, cur, stated), feeless)


# the disclaimer names the tax year's rules: without income that year, say why no figure
# follows them (worked out now, in the page's run, like the rows above)
no_estimate = (
    f"No tax estimate in this workbook. {gt.no_income_note(view)}"
    if with_tax
    and tax_figures is None
    and not gt.tax_year_rows(view, view.profile)["kind"].isin(INCOME_KINDS).any()
    else ""
)


def workbook() -> bytes:
    transactions = transactions_for_download()
    notes = [scope] if scope else [everything_text]
    if no_estimate:
        notes.append(no_estimate)
    if with_tax and tax_figures is not None and at_year_rate:
        notes.append(
            "tax_set_aside: each month's share of the year's tax (the year is over and the "
            "files run to its end): its payments times the year's own rate, the months adding "
            "up to the tax in the Tax estimate sheet."
        )
    elif with_tax and tax_figures is not None:  # the Summary's rates and the sheet's one rate
        notes.append(
            "tax_set_aside: each month's payments times the tax rate estimated in that month "
            "(the year's projection moves as the months come in), so the months add up to "
            "another amount than the reserve in the Tax estimate sheet, worked out at the "
            "year's rate."
        )
    stated, _unreadable = parse_stated_rates(view.filters.stated_rates)
    notes.extend(conversion_notes(transactions, cur, stated))
    notes.append(
        "Summary columns: gross = payments before fees, less refunds (refunds = the part "
        "given back to clients: refunds and chargebacks); fees = what the platforms kept (with "
        "conversion_costs, the part that is PayPal's, Payoneer's and Upwork's currency conversions, "
        "estimated); net = "
        "gross − fees (converted amounts' parts of a cent are rounded so that each calendar "
        "year's months add up to that year's total as the pages show it, each month within a "
        "cent of its own amount); "
        "hours = the hours of the work the month's income paid for; "
        "net_with_hours = the part of the net those hours paid for; hourly = net_with_hours ÷ "
        "hours; hours_worked = the hours worked in the month; net_<stream> and "
        "net_<platform> = the net split by stream and platform (each month's split rounded "
        "so that it adds up to that month's net); tax_set_aside = the month's "
        + (
            "share of the year's tax at the year's own rate; "
            if at_year_rate
            else "payments times the tax rate estimated then; "
        )
        + "cumulative_net = the running total of "
        "net; Total 2025 (one row per calendar year, when the months run over more than one) = "
        "that year's months as written added up; Total = all the months as written added up "
        "(the years' totals), which can differ by a cent or two from a total on the pages over "
        "several years, which rounds the whole sum once. Transactions: fx_rate = units "
        "of the sheet's currency per unit of original_currency, on fx_date."
    )
    summary_sheet = flat_summary.copy()
    summary_sheet.attrs = dict(flat_summary.attrs)
    summary_sheet.attrs["messages"] = notes + list(flat_summary.attrs.get("messages", []))
    sheets = {"Summary": summary_sheet, "Transactions": transactions}
    if tax_figures is not None:  # the Tax reserve page's figures, for the accountant
        sheets["Tax estimate"] = tax_figures
    if tax_payments is not None:
        sheets["Tax payments"] = tax_payments
    # what the fees were for, month by month (commission, processing, ads, postage...)
    by_type = fee_types_for_download(view.call("analytics.fees.fee_types_by_month"), flat_summary)
    if by_type is not None:
        sheets["Fees by type"] = by_type
    if len(left_out):  # the files' rows that are no transaction, to reconcile the files
        sheets["Rows left out"] = left_out
    return to_xlsx_bytes(sheets, currency=cur)


# CSV in the spreadsheet's language: German Excel splits a comma file into nothing useful and
# reads 1234.50 as a date or text. A choice made is kept with the other choices; until then a
# German tax profile means semicolons.
CSV_KEPT, CSV_WIDGET = "giglens.f.csv_style", "giglens.w.csv_style"
# at first as a German, or someone whose money is written 1234,50 (a flat rate in euros), reads
st.session_state[CSV_WIDGET] = st.session_state.get(CSV_KEPT) or (
    "semicolon"
    if view.profile.jurisdiction == "DE"
    or (view.profile.jurisdiction == "flat" and view.currency in DECIMAL_COMMA_CURRENCIES)
    else "comma"
)
csv_style = st.radio(
    "CSV files for",
    list(CSV_STYLE_LABELS),
    format_func=CSV_STYLE_LABELS.get,
    horizontal=True,
    key=CSV_WIDGET,
    on_change=lambda: st.session_state.__setitem__(CSV_KEPT, st.session_state[CSV_WIDGET]),
    help="How your spreadsheet reads a CSV file it opens with a double click: with English "
    "settings, fields split by commas and 1234.50; with German, French, Spanish, Italian or "
    "Dutch settings, by semicolons and 1234,50. The Excel workbook opens right in every language.",
)

# The files are made when a button is clicked, not on every run: an Excel file of a year of
# MTurk HITs takes seconds to write.
c1, c2, c3 = st.columns(3)
c1.download_button(
    "Monthly summary (CSV)",
    to_csv_bytes(flat_summary, csv_style),
    file_name=f"giglens_monthly_summary{suffix}{tax_suffix}.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)
c2.download_button(
    "Excel workbook",
    workbook,
    file_name=f"giglens_summary{suffix}{tax_suffix}.xlsx",
    help="The monthly summary and the transactions, one sheet each (with tens of thousands "
    "of transactions it takes up to half a minute to make)",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click="ignore",
)
c3.download_button(
    "Transactions (CSV)",
    lambda: to_csv_bytes(transactions_for_download(), csv_style),
    file_name=f"giglens_transactions{suffix}.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)
st.caption(
    "In the transactions files, the rows with counts_as_income = yes add up to your net income; "
    "the others (withdrawals, payouts and moves between your own accounts, taxes withheld) are "
    "listed for your records but are not income."
    + (
        " A row without an exchange rate is listed with its amounts blank and its own amount "
        "under original_gross."
        if len(kept_rows) != len(view.table)
        else ""
    )
    + (f" {scope} The file names say so too." if scope else "")
)

by_stream = view.call("analytics.metrics.monthly_income", by="stream")
gp.chart(charts.stacked_monthly(by_stream, cur, title="Net income per month, by stream"))
