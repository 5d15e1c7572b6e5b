"""What the platforms really take: observed fee rates, their trend, and the published schedules.

The published schedules are dated data in `analytics/data/fee_schedules.json`, each with its
source. A schedule gives the *upper bound* of a platform's standard worker-side fee for one
payment: max(percent/100 · gross + fixed[currency], minimum[currency]), rounded to the cent.
A schedule that publishes a fixed fee (or a minimum) only for some currencies says nothing about
a payment in another one: that payment's schedule fee is unknown (NaN), not computed with a
fixed fee of 0, so it is never flagged as above the schedule (`fee_summary` says so in
`attrs["messages"]`). A schedule that is a plain percentage applies in every currency.
A schedule's `international_percent` (PayPal's +1.50%) is added for payments in another currency
than most of that platform's payments (see `_international`); a message says which.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from analytics.importers.paypal import conversion_cost_rows
from analytics.metrics import (
    GROUPINGS,
    group_labels,
    in_one_currency,
    income_only,
    problems_as_values,
)
from analytics.parsing import on_uniques
from analytics.schema import PLATFORM_NAMES, cents_half_up

CENT_TOLERANCE = 0.005  # per payment: each fee is rounded to the cent by the platform


@lru_cache(maxsize=1)
def fee_schedules() -> pd.DataFrame:
    """The published schedules, one row per platform and period (see the JSON's description)."""
    text = resources.files("analytics").joinpath("data/fee_schedules.json").read_text("utf-8")
    table = pd.DataFrame(json.loads(text)["schedules"])
    table["valid_from"] = pd.to_datetime(table["valid_from"])
    table["valid_to"] = pd.to_datetime(table["valid_to"])
    for column in ("when", "unless"):  # optional: which payments (by description) a rule is for
        table[column] = table.get(column, pd.Series("", index=table.index)).fillna("")
    table["maximum"] = [
        m if isinstance(m, dict) else {} for m in table.get("maximum", [{}] * len(table))
    ]
    return table


def _schedule(rows: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """`fee` (see `schedule_fee`) and the `rule` used (an index into the returned rule texts,
    -1 for none), for each row; and one message per platform and currency whose schedule fee
    is unknown because the schedule lists its fixed fee or minimum in other currencies only."""
    fee = pd.Series(np.nan, index=rows.index, dtype="float64")
    rule_ids = np.full(len(rows), -1, dtype=np.int64)
    texts: list[str] = []
    messages: list[str] = []
    currency = rows["currency"]  # compared as it is (categories)
    abroad, home = _international(rows)
    for rule in fee_schedules().itertuples(index=False):
        applies = _rule_applies(rule, rows)
        if not applies.any():
            continue
        surcharge = getattr(rule, "international_percent", float("nan"))
        extra = abroad[applies] * (0.0 if pd.isna(surcharge) else float(surcharge))
        codes = currency[applies]  # a few currencies: each looked up once
        fixed = on_uniques(codes, lambda u, r=rule: u.map(r.fixed)).astype("float64")
        minimum = on_uniques(codes, lambda u, r=rule: u.map(r.minimum)).astype("float64")
        # a fixed fee / minimum published for some currencies only: unknown in the others
        known = pd.Series(True, index=codes.index)
        if rule.fixed:
            known &= fixed.notna()
        if rule.minimum:
            known &= minimum.notna()
        percent_part = rows.loc[applies, "gross"] * (rule.percent + extra) / 100 + fixed.fillna(0.0)
        capped = np.maximum(percent_part, minimum.fillna(0.0))
        if rule.maximum:  # ACH Direct Debit: 0.8%, at most $5.00
            maximum = on_uniques(codes, lambda u, r=rule: u.map(r.maximum)).astype("float64")
            capped = np.minimum(capped, maximum.fillna(np.inf))
        # to the cent, half away from zero (110.425 is 110.43, not the float's 110.42)
        found = pd.Series(cents_half_up(capped), index=percent_part.index)
        fee[applies] = found.where(known)
        since = f" (since {rule.valid_from.date()})" if pd.notna(rule.valid_from) else ""
        rule_ids[applies.to_numpy()] = len(texts)
        texts.append(f"{PLATFORM_NAMES.get(rule.platform, rule.platform)}: {rule.rule}{since}")
        if not known.all():
            messages += _unknown_currency_messages(rule, codes[~known])
        if (extra > 0).any():
            messages += _international_messages(rule, codes[extra > 0], home)
    messages += _outside_schedule_dates_messages(rows, rule_ids)
    return pd.DataFrame({"fee": fee, "rule": rule_ids}, index=rows.index), texts, messages


def _international(rows: pd.DataFrame) -> tuple[pd.Series, dict[str, str]]:
    """Whether each row is an international payment: in another currency than the one most of
    its platform's rows are in (more rows than any other currency; a tie tells nothing), and
    that main currency per platform."""
    platform = rows["platform"].astype(str)
    currency = rows["currency"].astype(str).str.strip().str.upper()
    home: dict[str, str] = {}
    for name, counts in currency.groupby(platform).value_counts().groupby(level=0):
        counts = counts.droplevel(0)
        if len(counts) == 1 or counts.iat[0] > counts.iat[1]:
            home[name] = str(counts.index[0])
    main = platform.map(home)
    return (main.notna() & (currency != main)).astype("float64"), home


def _international_messages(rule, codes: pd.Series, home: dict[str, str]) -> list[str]:
    """ "PayPal: 2 payment(s) in EUR ... checked at its international rate (+1.50%)"."""
    name = PLATFORM_NAMES.get(rule.platform, rule.platform)
    counts = codes.astype(str).str.strip().str.upper().value_counts()
    return [
        f"{name}: {int(n):,} payment(s) in {code}, not the currency of most of your {name} "
        f"payments ({home.get(rule.platform, '')}), were checked as international payments "
        f"(+{rule.international_percent:.2f}%)."
        for code, n in sorted(counts.items())
    ]


def _rule_applies(rule, rows: pd.DataFrame) -> pd.Series:
    """Rows of the rule's platform dated within its (inclusive) validity, and described as its
    `when` says and not as its `unless` says (case-insensitive regular expressions)."""
    applies = rows["platform"] == rule.platform
    for pattern, wanted in ((rule.when, True), (rule.unless, False)):
        if pattern and applies.any():
            if "description" not in rows.columns:  # a table without one: no words to match
                said = np.zeros(len(rows), dtype=bool)
            else:
                said = on_uniques(
                    rows["description"].astype(str),
                    lambda d, p=pattern: d.str.contains(p, case=False, regex=True),
                ).to_numpy(dtype=bool)
            applies &= said if wanted else ~said
    if pd.notna(rule.valid_from):
        applies &= rows["date"] >= rule.valid_from
    if pd.notna(rule.valid_to):
        applies &= rows["date"] < rule.valid_to + pd.Timedelta(days=1)
    return applies


def _in_schedule_dates(rows: pd.DataFrame) -> pd.Series:
    """Whether each row is dated within some published schedule of its platform."""
    covered = pd.Series(False, index=rows.index)
    for rule in fee_schedules().itertuples(index=False):
        covered |= _rule_applies(rule, rows)
    return covered


def _period(start, end) -> str:
    """ "1 Jun 2016 to 2 May 2023", "from 3 May 2023", "until 2 May 2023"."""
    if pd.notna(start) and pd.notna(end):
        return f"{start:%-d %b %Y} to {end:%-d %b %Y}"
    if pd.notna(start):
        return f"from {start:%-d %b %Y}"
    return f"until {end:%-d %b %Y}" if pd.notna(end) else "any date"


def _outside_schedule_dates_messages(rows: pd.DataFrame, rule_ids: np.ndarray) -> list[str]:
    """ "PayPal: 12 payment(s) from ... to ... are dated outside ..." for the payments of a
    platform with schedules that no schedule covers (a 2016 payment, a schedule from 2025)."""
    schedules = fee_schedules()
    uncovered = (rule_ids == -1) & rows["platform"].isin(set(schedules["platform"])).to_numpy()
    messages = []
    for platform, dates in rows.loc[uncovered, "date"].groupby(
        rows.loc[uncovered, "platform"].astype(str)
    ):
        own = schedules[schedules["platform"] == platform]
        spans = "; ".join(
            _period(start, end)
            for start, end in zip(own["valid_from"], own["valid_to"], strict=True)
        )
        when = (
            f"on {dates.min():%-d %b %Y}"
            if dates.min() == dates.max()
            else f"from {dates.min():%-d %b %Y} to {dates.max():%-d %b %Y}"
        )
        what = "1 payment" if len(dates) == 1 else f"{len(dates):,} payments"
        messages.append(
            f"{PLATFORM_NAMES.get(platform, platform)}: {what} {when} "
            f"{'is' if len(dates) == 1 else 'are'} dated outside the published fee schedule "
            f"GigLens has ({spans}), so {'it is' if len(dates) == 1 else 'they are'} not "
            "checked against it; the payments within its dates are."
        )
    return messages


def _unknown_currency_messages(rule, codes: pd.Series) -> list[str]:
    """ "Stripe: 2 payment(s) in EUR ..." for the payments a rule has no fixed fee for."""
    name = PLATFORM_NAMES.get(rule.platform, rule.platform)
    listed = ", ".join(sorted(set(rule.fixed) | set(rule.minimum)))
    counts = codes.astype(str).str.strip().value_counts()
    return [
        f"{name}: {int(n):,} payment(s) in {code or 'no currency'} could not be checked against "
        f"the published fee, which gives its fixed fee or minimum only in {listed}. Their "
        "schedule fee is left unknown (not counted as 0), so they are not flagged as above "
        "the schedule."
        for code, n in sorted(counts.items())
    ]


def _schedule_in_base(payments: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """`_schedule` of payment rows, in each row's own currency when they were converted.

    Rows as they are, unless `to_base_currency` converted them (here for `base_currency`, or
    before: the dashboard's "Show amounts in"); then the schedule is applied to each payment's
    original gross and currency (a fixed fee is set per currency: $0.49 is not €0.49), and the
    fee it gives is converted like the row's own fee: × fx_rate.
    """
    if "original_gross" not in payments.columns:
        return _schedule(payments)
    own = pd.DataFrame(
        {
            "platform": payments["platform"],
            "date": payments["date"],
            "gross": payments["original_gross"],
            "currency": payments["original_currency"],
        },
        index=payments.index,
    )
    found, texts, messages = _schedule(own)
    found["fee"] = found["fee"] * payments["fx_rate"].fillna(1.0)
    return found, texts, messages


def schedules_for_reading() -> pd.DataFrame:
    """The published schedules as a person reads them: platform, dates, the rule in words,
    percent, fixed fee and minimum per currency ("USD 0.49, EUR 0.39"), source."""
    table = fee_schedules()

    def per_currency(amounts) -> str:
        return ", ".join(f"{code} {value:.2f}" for code, value in (amounts or {}).items())

    def day(value) -> str:
        return "" if pd.isna(value) else f"{value:%-d %b %Y}"

    return pd.DataFrame(
        {
            "Platform": [PLATFORM_NAMES.get(p, p) for p in table["platform"]],
            "From": [day(v) or "(earlier)" for v in table["valid_from"]],
            "To": [day(v) or "(now)" for v in table["valid_to"]],
            "Rule": table["rule"],
            "Percent": table["percent"].map("{:g}%".format),
            "Fixed fee": table["fixed"].map(per_currency),
            "Minimum": table["minimum"].map(per_currency),
            "Source": table["source"],
        }
    )


def schedule_fee(rows: pd.DataFrame) -> pd.Series:
    """The schedule's maximum fee for each row (columns platform, date, gross, currency).

    fee = max(percent/100 · gross + fixed[currency], minimum[currency]) rounded to the cent,
    with the schedule in effect on the row's date. NaN where the platform has no published
    schedule for that date, and where the schedule lists its fixed fee or minimum in other
    currencies only (Stripe's 30¢ says nothing about a payment in euros: unknown, not 0). A
    schedule without a fixed fee or minimum (a plain percentage) applies in every currency.
    """
    return _schedule(rows)[0]["fee"]


def _group_key(rows: pd.DataFrame, by: str | None) -> pd.Series:
    if by is None:
        return pd.Series("all", index=rows.index)
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)} (got {by!r})")
    return group_labels(rows, by)


# Layouts whose amounts are before the platform's fee, which they do not show: their fee is
# not known (not 0).
FEELESS_LAYOUTS = ("Upwork Weekly Summary",)


def _charged_adjustments(table: pd.DataFrame) -> pd.Series:
    """Adjustments adding to a payment that were charged a fee themselves (an Uber fare
    adjustment with its service fee): part of what the fee was taken on. Not a chargeback won
    back or a shipping-label credit (no fee: no payment the fee is on)."""
    return (table["kind"] == "adjustment") & (table["gross"] > 0) & (table["fee"] > 0)


@problems_as_values(keep=("n_payments", "schedule"))
def fee_summary(
    transactions: pd.DataFrame, by: str | None = "platform", base_currency: str | None = None
) -> pd.DataFrame:
    """Gross, fees and the observed fee rate per platform (or stream/client), against the schedule.

    Over income rows of each group: `gross` = Σ gross, `fees` = Σ fee (commissions, processing,
    ads, listing, withdrawal... everything the platform kept), `net` = Σ net = gross − fees,
    `paid` = Σ gross of the payments (earning rows with gross > 0: what clients paid, before
    refunds; with the adjustments adding to them that were charged a fee too, such as an Uber
    fare adjustment), `fee_rate` = fees / paid (NaN when nothing was paid): a refund or chargeback
    gives money back, it does not make the platform's charges a bigger part of the payments,
    and the rate is over the same payments as `schedule_rate`. `n_payments` = those payments.
    The check covers the payments dated within a published schedule of their platform
    (`n_checked` of them; a 2016 PayPal payment is not held to the 2025 schedule, and a message
    says so): `schedule_fees` = Σ `schedule_fee` over those payments and `schedule_rate` =
    schedule_fees / Σ gross of those same payments (refunds and fee-only rows are in neither),
    NaN when the group has no such payment or one of them has an unknown schedule fee.
    With `base_currency` (or a table already converted by `to_base_currency`, which keeps
    `original_gross`, `original_currency` and `fx_rate`), each payment's schedule fee is worked out in the
    payment's own currency (its own gross and that currency's fixed fee and minimum), then
    converted with the same rate as its fee: schedule fee × fx_rate.
    `above_schedule` = the fees of the income rows dated within the schedule's dates >
    schedule_fees + 0.005 · n_checked (a half cent of rounding per payment); <NA> without a
    schedule, or when a payment's schedule fee is unknown because its
    currency has no published fixed fee or minimum (see `schedule_fee`); `attrs["messages"]`
    says which payments, per platform and currency. Charges outside the standard commission (ads, listings,
    conversions) count in `fees`, so they can put a group above its schedule: `above_by` =
    max(fees within the dates − schedule_fees, 0) (NaN when not checked) and `conversion_fees` =
    Σ fee of the rows of what currency conversions cost (PayPal's rate against the ECB's, see
    `importers.paypal`) within the schedule's dates, which the schedule never covers.
    `conversion_costs` = Σ fee of those rows over all dates (what conversions cost in all).
    `other_charges` = Σ fee of the income rows within the schedule's dates that are charges of
    their own (`fee_types`' EXTRA_FEE_TYPES: disputes, ads, listings, withdrawals...), which no
    rate covers either; per type in `attrs["other_charges"]`.
    `label_costs` = Σ fee of the fee rows for postage bought through the platform (an Etsy
    statement's shipping labels, `SHIPPING_LABELS`): a charge of the platform, but for the
    carrier's service, which a buyer's shipping charge usually pays for.
    `schedule` names the rules used. The per-month trend is `fee_rate_by_month`, also in
    `attrs["fee_rate_by_month"]` (a monthly PeriodIndex, one column per group).
    """
    table = in_one_currency(transactions, base_currency)
    income = income_only(table)
    key = _group_key(income, by)
    name = by or "group"
    if income.empty:
        columns = ["gross", "fees", "paid", "fee_rate", "net", "n_payments", "n_checked"]
        columns += ["schedule_fees"]
        columns += ["schedule_rate", "above_schedule", "above_by", "conversion_fees"]
        columns += ["other_charges", "conversion_costs", "label_costs", "schedule"]
        empty = pd.DataFrame(columns=columns, index=pd.Index([], name=name))
        empty.attrs["messages"] = []
        empty.attrs["fee_rate_by_month"] = fee_rate_by_month(table, by=by)
        empty.attrs["other_charges"] = pd.DataFrame(index=empty.index)
        return empty
    sums = income[["gross", "fee", "net"]].groupby(key).sum()
    out = pd.DataFrame(index=sums.index.rename(name))
    out["gross"] = sums["gross"]
    out["fees"] = sums["fee"]
    out["net"] = sums["net"]
    is_payment = (table["kind"] == "earning") & (table["gross"] > 0)
    # what the fees were taken on: payments, and adjustments adding to one (an Uber fare
    # adjustment, charged its service fee too)
    is_paid = is_payment | _charged_adjustments(table)
    paid_rows = table[is_paid]
    payments = table[is_payment]
    pay_key = key[payments.index]
    # of what clients paid: a refund or chargeback gives money back, it does not make the
    # platform's charges a bigger part of the payments
    out["paid"] = (
        paid_rows["gross"].groupby(key[paid_rows.index]).sum().reindex(out.index).fillna(0.0)
    )
    out["fee_rate"] = out["fees"] / out["paid"].where(out["paid"] > 0)
    found, rule_texts, messages = _schedule_in_base(table[is_payment])
    # only the payments a schedule's dates cover are checked, with the fees of their period
    checked = found["rule"] >= 0
    expected = found.loc[checked, "fee"]
    check_key = pay_key[checked]
    out["n_payments"] = pay_key.value_counts().reindex(out.index).fillna(0).astype("int64")
    out["n_checked"] = check_key.value_counts().reindex(out.index).fillna(0).astype("int64")
    complete = expected.notna().groupby(check_key).all().reindex(out.index).fillna(False)
    complete &= out["n_checked"] > 0
    out["schedule_fees"] = expected.groupby(check_key).sum().reindex(out.index).where(complete)
    paid = payments.loc[checked, "gross"].groupby(check_key).sum().reindex(out.index)
    out["schedule_rate"] = out["schedule_fees"] / paid.where(paid > 0)
    in_dates = _in_schedule_dates(income)
    fees_in_dates = income.loc[in_dates, "fee"].groupby(key[in_dates]).sum().reindex(out.index)
    tolerance = CENT_TOLERANCE * out["n_checked"]
    excess = (fees_in_dates - out["schedule_fees"]).round(6)  # cents, without float noise
    above = (excess > tolerance).astype("boolean")
    out["above_schedule"] = above.where(complete, pd.NA)
    out["above_by"] = excess.clip(lower=0).where(complete)
    conversions = conversion_cost_rows(income)
    converting = in_dates & conversions
    out["conversion_fees"] = (
        income.loc[converting, "fee"].groupby(key[converting]).sum().reindex(out.index)
    ).fillna(0.0)
    out["conversion_costs"] = (
        income.loc[conversions, "fee"].groupby(key[conversions]).sum().reindex(out.index)
    ).fillna(0.0)
    # charges of their own within the schedule's dates (a dispute fee, ads, withdrawals): no
    # rate covers them, so they may put a group above its schedule with its payments within
    labels = shipping_label_rows(income)
    types = _fee_type_of_rows(income, labels, conversions)
    charged = in_dates & types.isin(EXTRA_FEE_TYPES) & (income["fee"] != 0)
    by_type = income.loc[charged, "fee"].groupby([key[charged], types[charged]]).sum()
    by_type = by_type.unstack(fill_value=0.0) if len(by_type) else pd.DataFrame(index=out.index)
    by_type = by_type.reindex(index=out.index, columns=[t for t in EXTRA_FEE_TYPES if t in by_type])
    out["other_charges"] = by_type.sum(axis=1).reindex(out.index).fillna(0.0)
    out["label_costs"] = (
        income.loc[labels, "fee"].groupby(key[labels]).sum().reindex(out.index)
    ).fillna(0.0)
    rules = found.loc[expected.index[expected.notna()], "rule"]
    used = rules.groupby(pay_key[rules.index]).unique()  # rule ids per group: a few integers
    names = used.map(lambda ids: "; ".join(sorted(rule_texts[i] for i in ids)))
    out["schedule"] = names.reindex(out.index)
    out["schedule"] = out["schedule"].where(complete, "").fillna("")
    out.attrs["messages"] = messages
    out.attrs["fee_rate_by_month"] = fee_rate_by_month(table, by=by)
    out.attrs["other_charges"] = by_type.fillna(0.0)  # per group and EXTRA_FEE_TYPES key
    return out


# Postage bought through a platform: Etsy's `Shipping label` / `Postage` rows ("USPS shipping
# label", "Royal Mail postage label"), German "Versandetikett"
SHIPPING_LABELS = r"(?i)\b(?:shipping|postage)\s+labels?\b|\bpostage\b|versandetikett"


def _says(text: pd.Series, pattern: str) -> pd.Series:
    return text.str.contains(pattern, regex=True).fillna(False).astype(bool)


def shipping_label_rows(table: pd.DataFrame) -> pd.Series:
    """The fee rows of postage bought through the platform (`SHIPPING_LABELS` in the
    description)."""
    said = on_uniques(
        table["description"].astype(str),
        # not Etsy UK's "Transaction fee: Postage", its commission on the postage a buyer paid
        lambda d: _says(d, SHIPPING_LABELS) & ~_says(d, r"(?i)\bfees?\b"),
    )
    return said.fillna(False).astype(bool) & (table["kind"].astype(str) == "fee")


def above_only_by_conversions(summary: pd.DataFrame) -> pd.Series:
    """Per group of `fee_summary`: above its schedule only by what currency conversions cost,
    conversion_fees >= above_by − 0.005 · n_checked (within half a cent of rounding per
    payment, as the check itself): the fees on the payments are within the schedule."""
    above = summary["above_schedule"].fillna(False).astype(bool)
    tolerance = CENT_TOLERANCE * summary["n_checked"]
    return above & (summary["conversion_fees"] >= summary["above_by"] - tolerance)


def above_only_by_other_charges(summary: pd.DataFrame) -> pd.Series:
    """Per group of `fee_summary`: above its schedule only by currency conversions and charges
    that are not on a payment (`other_charges`: disputes, ads, listings, withdrawals... within
    the schedule's dates, as `above_by`), conversion_fees + other_charges ≥ above_by − 0.005 ·
    n_checked: the fees on the payments themselves are within the schedule."""
    above = summary["above_schedule"].fillna(False).astype(bool)
    tolerance = CENT_TOLERANCE * summary["n_checked"]
    charges = summary["other_charges"].fillna(0.0)
    return above & (summary["conversion_fees"] + charges >= summary["above_by"] - tolerance)


@problems_as_values()
def fee_rate_by_month(
    transactions: pd.DataFrame, by: str | None = "platform", base_currency: str | None = None
) -> pd.DataFrame | pd.Series:
    """The observed fee rate per calendar month: Σ fee of that month's income rows / Σ gross
    of its payments (as `fee_summary`: a chargeback does not make the month's fees a bigger
    part of what was paid).

    A DataFrame with a monthly PeriodIndex (every month from the first to the last) and one
    column per group; a Series named `fee_rate` with by=None. NaN where a month has no payment.
    """
    income = income_only(in_one_currency(transactions, base_currency))
    if income.empty:
        index = pd.PeriodIndex([], freq="M")
        if by is None:
            return pd.Series([], index=index, dtype="float64", name="fee_rate")
        return pd.DataFrame(index=index, dtype="float64")
    month = income["date"].dt.to_period("M")
    full = pd.period_range(month.min(), month.max(), freq="M")
    keys = [month] if by is None else [month, _group_key(income, by)]
    paid = income["gross"].where(
        ((income["kind"] == "earning") & (income["gross"] > 0)) | _charged_adjustments(income),
        0.0,
    )
    sums = income[["fee"]].assign(paid=paid).groupby(keys).sum()
    rate = sums["fee"] / sums["paid"].where(sums["paid"] > 0)
    if by is None:
        return rate.reindex(full).rename("fee_rate")
    table = rate.unstack().reindex(full)
    table.columns.name = by
    return table


@problems_as_values()
def taxes_charged(
    transactions: pd.DataFrame, by: str | None = "platform", base_currency: str | None = None
) -> pd.Series:
    """What the platforms took as tax, per platform (or stream/client): −Σ net of `tax` rows.

    VAT or GST charged on the platform's own fees and income tax withheld are `tax` rows, which
    are never income and not in `fee_summary`'s fees; this says how much of them each group
    paid (positive = taken, a tax refunded counts against it). Groups without tax rows are left
    out; an empty Series (named `taxes`) when there are none.
    """
    table = in_one_currency(transactions, base_currency)
    taxes = table[table["kind"] == "tax"]
    if taxes.empty:
        return pd.Series([], dtype="float64", name="taxes", index=pd.Index([], name=by))
    out = -taxes["net"].groupby(_group_key(taxes, by)).sum()
    return out[out.round(2) != 0].rename("taxes").rename_axis(by)


# What a fee was for, in the order the Fees page lists them (see `fee_types`)
FEE_TYPES = {
    "commission": "Commission / service fee",
    "processing": "Payment processing",
    "disputes": "Disputes and chargebacks",
    "advertising": "Advertising",
    "listing": "Listing and renewal",
    "subscriptions": "Memberships and subscriptions",
    "connects": "Connects",
    "withdrawals": "Withdrawal and account fees",
    "postage": "Postage (shipping labels)",
    "conversions": "Currency conversion",
    "other": "Other",
}
# the types that are no fee on a payment: charges of their own, which a payment's published
# rate leaves out (conversions are said apart)
EXTRA_FEE_TYPES = (
    "disputes",
    "advertising",
    "listing",
    "subscriptions",
    "connects",
    "withdrawals",
    "postage",
    "other",
)
# a fee-only row's description -> its type, the first that matches (case ignored): a
# commission's item title ("Transaction fee: Listing card") is not read as another type
FEE_TYPE_WORDS = (
    (
        "commission",
        r"^(?:credit for )?(?:transaction fee|transaktionsgebühr)|service fee|commission|"
        r"marketplace fee|contract initiation|platform fee|seller fee|final value fee|affiliate|"
        r"provision",
    ),
    ("disputes", r"dispute|chargeback|rückbuchung|käuferkonflikt"),
    (
        "processing",
        r"processing|verarbeitungsgebühr|stripe fee|usage fee|^billing\b|payment fee|radar",
    ),
    # a listing fee's title starts with what it is ("Renew sold: Marketing planner" is a
    # renewal, whatever the item is called)
    ("listing", r"^(?:credit for )?(?:listing|renew|auto-renew|einstellgebühr|verlänger)"),
    ("subscriptions", r"membership|subscription|freelancer plus|etsy plus|\bplan\b|\bpro\b"),
    ("advertising", r"\bads?\b|advertis|marketing|promot|offsite|werbung|anzeige"),
    ("listing", r"listing|renewal"),  # elsewhere in the title, after the words above
    ("connects", r"connects"),
    ("withdrawals", r"withdraw|payout|transfer fee|wire|annual|card fee|account fee|\batm\b"),
)
# platforms whose fee on a payment is a payment processor's (card and transfer fees); on the
# others' payments it is their commission (Upwork, Fiverr, MTurk, Gumroad...)
PROCESSING_PLATFORMS = ("paypal", "stripe", "etsy", "cashapp", "payoneer")
PROCESSORS = ("paypal", "stripe", "cashapp", "payoneer")  # no commission of their own


def _fee_type_of_words(descriptions: pd.Series) -> pd.Series:
    text = descriptions.fillna("").astype(str).str.strip().str.casefold()
    out = pd.Series("other", index=descriptions.index, dtype=object)
    left = pd.Series(True, index=descriptions.index)
    for name, pattern in FEE_TYPE_WORDS:
        said = left & text.str.contains(pattern, regex=True)
        out[said] = name
        left &= ~said
    return out


def _fee_type_of_rows(
    income: pd.DataFrame, labels: pd.Series | None = None, conversions: pd.Series | None = None
) -> pd.Series:
    """Each income row's FEE_TYPES key (see `fee_types`); `labels` and `conversions`, the rows
    of `shipping_label_rows` and `conversion_cost_rows` when the caller has them already."""
    kind = income["kind"].astype(str)
    platform = income["platform"].astype(str)
    on_payment = np.where(platform.isin(PROCESSING_PLATFORMS), "processing", "commission")
    words = on_uniques(income["description"].astype(str), _fee_type_of_words).astype(str)
    # a payment processor's "Transaction fee" (Payoneer's) is its processing fee, not the
    # commission Etsy's is
    words = words.mask(
        (words == "commission").to_numpy() & platform.isin(PROCESSORS).to_numpy(), "processing"
    )
    category = pd.Series(np.where(kind == "fee", words, on_payment), index=income.index)
    # the fee on a chargeback taken back (Stripe's $15 with the disputed amount) is no
    # processing of a payment
    category[((words == "disputes") & (kind != "earning")).to_numpy()] = "disputes"
    category[shipping_label_rows(income) if labels is None else labels] = "postage"
    category[conversion_cost_rows(income) if conversions is None else conversions] = "conversions"
    return category


@problems_as_values()
def fee_types(
    transactions: pd.DataFrame, by: str | None = "platform", base_currency: str | None = None
) -> pd.DataFrame:
    """What the fees were for, per platform (or stream/client): one column per FEE_TYPES key
    that any group paid, Σ fee of the group's income rows of that type, so that each row adds
    up to `fee_summary`'s `fees`. A row's type: the cost of a currency conversion
    (`conversion_cost_rows`) and postage (`shipping_label_rows`) as the Fees page counts them;
    the fee on a payment or refund row, the platform's processing fee for PROCESSING_PLATFORMS
    and its commission for the others; a fee-only row by the words of its description
    (FEE_TYPE_WORDS: "Etsy Ads" advertising, "Listing fee" listing, "Withdrawal Fee"
    withdrawals...), else "other". A credit (a fee given back) counts against its type.
    """
    name = by or "group"
    sums = _fees_by_type(
        transactions, base_currency, lambda rows: _group_key(rows, by), pd.Index([], name=name)
    )
    return sums.rename_axis(index=name)


@problems_as_values()
def fee_types_by_month(
    transactions: pd.DataFrame, base_currency: str | None = None
) -> pd.DataFrame:
    """`fee_types` per calendar month of the income rows (PeriodIndex `month`), one column
    per type any month has: each month's row adds up to its Σ fee of income rows."""
    return _fees_by_type(
        transactions,
        base_currency,
        lambda rows: rows["date"].dt.to_period("M").rename("month"),
        pd.PeriodIndex([], freq="M", name="month"),
    )


def _fees_by_type(transactions, base_currency, key, empty: pd.Index) -> pd.DataFrame:
    """Σ fee of the income rows with a fee, by `key(rows)` and type (`_fee_type_of_rows`):
    the types paid, in FEE_TYPES order; no columns, and the `empty` index, without fees."""
    income = income_only(in_one_currency(transactions, base_currency))
    income = income[income["fee"] != 0]
    if income.empty:
        return pd.DataFrame(index=empty)
    sums = income["fee"].groupby([key(income), _fee_type_of_rows(income)]).sum()
    sums = sums.unstack(fill_value=0.0)
    sums = sums.reindex(columns=[c for c in FEE_TYPES if c in sums.columns])
    return sums.loc[:, (sums.round(2) != 0).any()].rename_axis(columns=None)
