"""Fees: what each platform really takes, over time and per hour worked."""

import pandas as pd
import streamlit as st

from analytics import charts, hours
from analytics.combine import RECEIVING_PLATFORMS
from analytics.fees import (
    EXTRA_FEE_TYPES,
    FEE_TYPES,
    above_only_by_conversions,
    above_only_by_other_charges,
    schedules_for_reading,
)
from analytics.metrics import distinct_text
from giglens_ui import page as gp
from giglens_ui.sidebar import SITUATION_LABELS

view = gp.start(
    "Fees",
    "What each platform keeps of what your clients pay, compared with its published fee. A rate "
    "above the schedule usually means extra charges (ads, listings, currency conversion).",
    "💸",
)
cur = view.currency
summary = view.call("analytics.fees.fee_summary", by="platform")
# payments whose currency has no published fixed fee: not checked (read before filtering)
schedule_messages = list(summary.attrs.get("messages", []))
# a platform that only charged fees in the period (Connects, listing fees) stays: rate "—"
summary = summary[(summary["gross"] != 0) | (summary["fees"] != 0)]
unknown_fees = gp.fees_not_in_files(view)
if unknown_fees:
    # their amounts are before the fee and the files hold none: a 0% rate would be wrong
    summary = summary.copy()
    unknown = summary.index.isin(list(unknown_fees))
    summary.loc[unknown, ["fees", "fee_rate"]] = float("nan")
    summary["above_schedule"] = summary["above_schedule"].astype("object")
    summary.loc[unknown, "above_schedule"] = None
    for platform, files in unknown_fees.items():
        name = charts.label_for(platform)
        st.warning(
            f"{name}: the fee is not in your files. {', '.join(files)} shows {name}'s earnings "
            f"before its fee, and not the fee, so {name} is left out of the fee figures and its "
            "net income is too high. Add the transaction history export (Reports › "
            "Transaction history › Download CSV) to see what it took.",
            icon=":material/help:",
        )

known = view.income[~view.income["platform"].astype(str).isin(list(unknown_fees))]
total_fees = float(known["fee"].sum())
# what clients paid, before refunds (the rate's base, as fee_summary's `paid`)
total_paid = float(summary.loc[summary.index.isin(known["platform"].astype(str)), "paid"].sum())
left_out = (
    f" ({', '.join(charts.label_for(p) for p in unknown_fees)} left out: fee not in your files)"
    if unknown_fees
    else ""
)
# fees on the income that has hours, and those hours, per platform: one pass for both figures
timed = view.call(
    "analytics.hours.fees_and_hours", estimates=gp.estimates(), by="platform", all_dates=True
)
with_hours = timed[timed["hours"] > 0].index.astype(str)
timed = timed[~timed.index.astype(str).isin(list(unknown_fees))]
per_hour, per_hour_by_platform = hours.per_hour(timed)
# the hours behind the figure: when only some platforms have them (or a platform's hours are
# left out because its fee is unknown), say whose they are, so a 0.00 of MTurk alone does not
# read as all of your work
counted = list(timed[timed["hours"] > 0].index.astype(str))
shown_platforms = set(distinct_text(view.income["platform"]))
figures = [
    gp.money(total_fees, cur) if len(known) else "—",
    gp.percent(total_fees / total_paid) if total_paid > 0 else "—",
    "—" if pd.isna(per_hour) else gp.money(per_hour, cur),
]
m = gp.metric_columns(figures)
m[0].metric(
    "Fees paid",
    figures[0],
    help="What the platforms kept" + left_out,
)
m[1].metric(
    "Effective fee rate",
    figures[1],
    help="Fees ÷ what clients paid (before refunds)" + left_out,
)
m[2].metric(
    "Fees per hour worked",
    figures[2],
    (
        f"{', '.join(charts.label_for(p) for p in counted)} hours only"
        if counted and set(counted) != shown_platforms
        else None
    ),
    delta_color="off",
    delta_arrow="off",
    help="Fees on the income that has hours (export, time tracker or your estimate) ÷ those "
    "hours; fees of work without hours are left out"
    + (
        f", and the hours of {', '.join(charts.label_for(p) for p in dropped)} (fee not in "
        "your files)"
        if (dropped := [p for p in with_hours if p in unknown_fees])
        else ""
    )
    + ".",
)

if summary["fee_rate"].notna().any():  # not when every platform's fee is unknown
    gp.chart(charts.fee_chart(summary, cur, published=summary["schedule_rate"]))
trend = view.call("analytics.fees.fee_rate_by_month", by="platform")
trend = trend.drop(columns=[c for c in trend.columns if c in unknown_fees])
if len(trend) >= 2 and len(trend.columns):
    gp.chart(
        charts.lines_by_group(
            trend, title="Fee rate per month", y_title="Fees ÷ payments", percent=True
        )
    )
    if (trend < 0).to_numpy().any():
        below = [
            charts.label_for(p)
            + " in "
            + ", ".join(m.strftime("%b %Y") for m in trend.index[trend[p] < 0])
            for p in trend.columns
            if (trend[p] < 0).any()
        ]
        st.caption(
            "Below 0: fees given back (with a refund) were more than the fees of that month's "
            f"payments ({'; '.join(below)}), so the platform kept less than nothing that month."
        )
elif len(trend) >= 2:
    st.caption("No fee-rate trend: the fees of the platforms shown are not in your files.")
else:
    st.caption("The fee-rate trend needs at least two months of data.")

per_hour_by_platform = per_hour_by_platform.reindex(summary.index)
conversions_only = above_only_by_conversions(summary)
# the fees on the payments within the schedule; conversions or charges of their own above it
payments_within = above_only_by_other_charges(summary)
table = pd.DataFrame(
    {
        "Platform": [charts.label_for(p) for p in summary.index],
        # the rate's base: what clients paid, before refunds
        "Clients paid": summary["paid"].to_numpy(),
        "Fees": summary["fees"].to_numpy(),
        "Your fee rate": summary["fee_rate"].to_numpy(),
        "Published rate": summary["schedule_rate"].to_numpy(),
        "Fees per hour worked": per_hour_by_platform.to_numpy(dtype="float64"),
        "Above the schedule": summary["above_schedule"]
        .map({True: "yes", False: "no"})
        .astype("object")
        .mask(payments_within, "other charges only")
        .mask(conversions_only, "conversions only")
        .where(summary["above_schedule"].notna(), "—")
        .to_numpy(),
    }
)
gp.table(
    table,
    cur,
    money_columns=("Clients paid", "Fees", "Fees per hour worked"),
    percent_columns=("Your fee rate", "Published rate"),
    # short labels: the seven columns fit a laptop's page without a hidden last one
    short_headers={
        "Clients paid": ("Paid", "What clients paid, before refunds: your fee rate's base"),
        "Your fee rate": ("Your rate", "Your fees ÷ what clients paid (before refunds)"),
        "Published rate": (
            "Published max",
            "The most the platform's published fees allow on these payments ÷ what they came to: a "
            "sliding or variable fee (Upwork's 0-15% since May 2025) counts at its top rate, "
            "so a rate below it is no overcharge and may be what you were offered",
        ),
        "Fees per hour worked": ("Fees / hour", "Fees per hour worked"),
        "Above the schedule": (
            "Above?",
            "Above the published schedule: yes, no, or only by currency conversions or "
            "other charges that are not on a payment (disputes, ads, listings, withdrawals...)",
        ),
    },
)
st.caption(
    "— means not known: no published schedule for the platform or for the dates of its "
    "payments, no published fixed fee in the currency of some of its payments, or no hours to "
    "divide by (see Hourly rates). The published rate covers the payments within the "
    "schedule's dates."
)
# what the fees were for: commission, processing, ads, listings, postage, conversions...
FEE_TYPE_SHORT = {
    "commission": "Commission",
    "processing": "Processing",
    "disputes": "Disputes",
    "advertising": "Ads",
    "listing": "Listings",
    "subscriptions": "Memberships",
    "connects": "Connects",
    "withdrawals": "Withdrawals, account",
    "postage": "Postage",
    "conversions": "Conversions",
    "other": "Other",
}
kinds = view.call("analytics.fees.fee_types", by="platform")
kinds = kinds[~kinds.index.astype(str).isin(list(unknown_fees))]
if len(kinds.columns):
    st.subheader("What the fees were for")
    named = kinds.rename(columns=FEE_TYPES)
    if len(named) > 1:
        named.loc["Total"] = named.sum()
    named.insert(len(named.columns), "All fees", named.sum(axis=1))
    named.insert(0, "Platform", [charts.label_for(p) for p in named.index.astype(str)])
    # short headers, so that every column fits a laptop's page; the full name as a tooltip
    gp.table(
        named.reset_index(drop=True),
        cur,
        money_columns=tuple(named.columns[1:]),
        short_headers={FEE_TYPES[k]: (FEE_TYPE_SHORT[k], FEE_TYPES[k]) for k in kinds.columns},
    )
    st.caption(
        "A fee on a payment is the platform's commission, or a payment processor's fee for "
        "PayPal, Stripe, Etsy, Cash App and Payoneer; a fee of its own is read from its "
        "description (“Etsy Ads”, “Listing fee”, “Withdrawal Fee”, a chargeback's "
        "dispute fee); a credit "
        "counts against its kind. Postage is for the carrier, usually paid by the buyer's "
        "shipping charge; currency conversion is the rate against the ECB's."
    )
for message in schedule_messages:
    st.caption(message)
checked = summary["above_schedule"].notna()
if view.profile.jurisdiction != "US" and checked.any():
    st.caption(
        "The published schedules GigLens holds are those for US accounts (Etsy's for US "
        "sellers, PayPal's and Stripe's for US merchants). An account in another country pays "
        "its own rates, so read “above the schedule” as a prompt to look, not as an overcharge."
    )
for platform, cost in summary["conversion_costs"].items():
    if cost > 0:  # in the Fees above, though no export lists it as a fee
        paid = float(summary.at[platform, "paid"])
        # money converted is mostly other platforms' payouts, not this platform's gross: the
        # rate on its own payments says what it charges for them
        own = (
            f" Without them, its fee rate on its own payments is "
            f"{gp.percent((float(summary.at[platform, 'fees']) - cost) / paid)}."
            if paid > 0
            else ""
        )
        st.caption(
            f"{charts.label_for(platform)}: {gp.money(cost, cur)} of these fees is what currency "
            "conversions cost (its exchange rate against the ECB reference rate of the day), "
            "which the export does not list as a fee; see the 'Currency conversion' rows in the "
            "transactions download."
            + (
                " The money converted can include other platforms' payouts, which are not in "
                "this platform's gross, so the fee rate above can be far above the published one."
                if platform in RECEIVING_PLATFORMS
                else ""
            )
            + own
        )
for platform, cost in summary["label_costs"].items():
    if cost > 0:  # postage: the platform's charge, but for the carrier's service
        paid = float(summary.at[platform, "paid"])
        st.caption(
            f"{charts.label_for(platform)}: {gp.money(cost, cur)} of these fees is postage: "
            "shipping labels you bought through it, which your buyers' shipping charges "
            "usually pay for."
            + (
                " Without them, its fee rate on your payments is "
                f"{gp.percent((float(summary.at[platform, 'fees']) - cost) / paid)}."
                if paid > 0
                else ""
            )
        )
taxes = view.call("analytics.fees.taxes_charged", by="platform")
taxes = taxes[taxes > 0]  # a platform that passed more tax back than it took took none
if len(taxes):
    took = ", ".join(f"{charts.label_for(p)} {gp.money(v, cur)}" for p, v in taxes.items())
    st.info(
        f"Taxes the platforms took, not in the fees above: {took}. See their rows in the "
        "transactions download (kind tax): VAT or GST on the platform's fees is a business "
        "cost you can deduct"
        + (
            " (the tax estimate counts it when you add it under Tax profile › More about your "
            f"situation › *{SITUATION_LABELS['expenses'][view.profile.jurisdiction][0]}*)"
            if view.profile.jurisdiction in SITUATION_LABELS["expenses"]
            else ""
        )
        + " or reclaim, if you are VAT-registered; income tax withheld counts towards your tax "
        "bill; sales tax a buyer paid is passed on, not yours.",
        icon=":material/receipt_long:",
    )


def charges_of_their_own(platform) -> str:
    """ "disputes and chargebacks $15.00, withdrawal and account fees $2.00": the platform's
    fees that are not on a payment within its schedule's dates, which no rate covers."""
    charges = summary.attrs.get("other_charges", pd.DataFrame())
    row = charges.loc[platform] if platform in charges.index else pd.Series(dtype="float64")
    paid = [(k, float(row[k])) for k in EXTRA_FEE_TYPES if k in row.index and round(row[k], 2) > 0]
    return ", ".join(f"{FEE_TYPES[k].lower()} {gp.money(v, cur)}" for k, v in paid)


above = summary.index[summary["above_schedule"].fillna(False).astype(bool)]
for platform in above:
    name = charts.label_for(platform)
    rule = summary.at[platform, "schedule"].removeprefix(f"{name}: ")
    above_by = summary.at[platform, "above_by"]
    converting = summary.at[platform, "conversion_fees"]
    extras = charges_of_their_own(platform)
    extras_explain = bool(payments_within[platform])
    why = (
        (
            f" {gp.money(converting, cur)} of it was the cost of currency conversions dated "
            if converting < above_by
            # the fees on the payments were below the schedule: the conversions are more
            else " All of it comes from currency conversions: those dated within the schedule "
            f"cost {gp.money(converting, cur)} "
        )
        + "(the exchange rate against the ECB's), which the schedule leaves out"
        + (
            "; the fees on your payments themselves are within the schedule."
            # within half a cent of rounding per payment, as the check itself
            if conversions_only[platform]
            else f". The other {gp.money(above_by - converting, cur)}: "
            + (
                f"charges that are not on a payment ({extras})"
                + ("." if extras_explain else ", and payments from abroad?")
                if extras
                else "payments from abroad, withdrawals, ads, listings or shipping labels?"
            )
        )
        if converting > 0
        else (
            f" It holds charges that are not on a payment, which the rate leaves out: {extras}"
            + (
                "; the fees on your payments themselves are within the schedule."
                if extras_explain
                else ". The rest: payments from abroad?"
            )
        )
        if extras
        else " The usual causes are extras the standard rate leaves out: payments from abroad, "
        "withdrawals, ads, listings or shipping labels."
    )
    # a UK or German account is compared with the US schedule (all GigLens holds): a prompt
    # to look, not an overcharge (the caption above says so)
    abroad = view.profile.jurisdiction in ("UK", "DE")
    # fees on the payments within the schedule, above it by charges of their own (a dispute
    # fee, ads): no overcharge, said; conversions at a poor rate are a cost to look at, warned
    others = payments_within[platform] and not conversions_only[platform]
    (st.info if abroad or others else st.warning)(
        f"{name}: you paid {gp.money(above_by, cur)} more than the published schedule "
        f"({rule}{'; your country’s may differ' if abroad else ''}).{why}"
    )
with st.expander("Published fee schedules (dated, with sources)"):
    schedules = schedules_for_reading()
    st.dataframe(
        schedules,
        hide_index=True,
        width="stretch",
        # rows of three lines, every row in view: a long rule, a fixed fee in five currencies
        # ("USD 0.49, EUR 0.39, GBP 0.39, CAD 0.59, AUD 0.59") and a source wrap in their
        # columns instead of being cut ("USD 0.49, E…"); the short columns fit their text
        row_height=gp.WRAPPED_ROW_PIXELS,
        height=gp.ROW_PIXELS + gp.WRAPPED_ROW_PIXELS * len(schedules) + 3,
        column_config={
            **{
                name: st.column_config.Column(width=gp.text_width(schedules[name], name))
                for name in ("Platform", "From", "To", "Percent", "Minimum")
            },
            "Rule": st.column_config.Column(
                width=gp.wrapped_width(schedules["Rule"], lines=3, least=400)  # "large" at least
            ),
            "Fixed fee": st.column_config.Column(width=gp.wrapped_width(schedules["Fixed fee"], 2)),
            "Source": st.column_config.Column(width="large"),
        },
    )
