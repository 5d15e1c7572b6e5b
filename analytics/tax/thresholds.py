"""Thresholds a gig worker should know about, as plain-language notes from the parameter files.

US: Form 1099-K (per platform) and 1099-NEC reporting thresholds, the $400 SE-tax floor, the
$1,000 estimated-tax test and its safe harbour. UK: the £1,000 trading allowance and Making Tax Digital start dates.
DE: the Kleinunternehmer (small-business VAT) turnover limits.
"""

from __future__ import annotations

import pandas as pd

from analytics.schema import CLIENT_PAYERS, PLATFORM_NAMES
from analytics.tax._common import money, to_the_cent
from analytics.tax.params import load_parameters
from analytics.tax.profile import TaxProfile
from analytics.tax.schedule import de_return_due


def payments_by_platform(transactions: pd.DataFrame) -> pd.DataFrame:
    """What each platform paid you, as Form 1099-K counts it: one row per platform with
    `gross` = Σ gross and `payments` = the number of earning rows with gross > 0 (refunds,
    fees and transfers are not payments), an MTurk dashboard day's HIT rewards counting its
    HITs (each paid on its own), largest gross first. Pass the tax year's rows, in one
    currency."""
    from analytics.importers.mturk import is_dashboard_rewards, tasks_in

    paid = transactions[(transactions["kind"] == "earning") & (transactions["gross"] > 0)]
    platform = paid["platform"].astype(str).str.strip()
    count = pd.Series(1.0, index=paid.index)
    days = (platform == "mturk").to_numpy()
    if days.any():
        text = paid.loc[days, "description"]
        count[days] = tasks_in(text).where(is_dashboard_rewards(text), 1.0).clip(lower=1.0)
    out = pd.DataFrame(
        {
            "gross": paid["gross"].astype("float64").groupby(platform).sum(),
            "payments": count.groupby(platform).sum().astype("int64"),
        }
    )
    out.index.name = "platform"
    return out.sort_values("gross", ascending=False)


def _platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform)


# Platforms that settle card payments as a merchant acquirer (payment card transactions).
CARD_PROCESSORS = ("stripe",)
# Platforms that contract the work themselves and pay you as your client does
# (analytics.schema.CLIENT_PAYERS): a Form 1099-NEC, not a 1099-K.


def _us_1099k(k: dict, year: int, by_platform: pd.DataFrame, nec: float) -> list[str]:
    """The 1099-K test is per platform (payment settlement entity): gross > amount AND number
    of payments > transactions, each platform on its own; totals across platforms do not add.
    A platform that pays you as your client (CLIENT_PAYERS) reports on Form 1099-NEC from
    `nec` a year instead."""
    amount, count = k["amount"], k["transactions"]
    if by_platform is None or by_platform.empty:
        return []
    clients = by_platform[by_platform.index.isin(CLIENT_PAYERS) & (by_platform["gross"] > 0)]
    by_platform = by_platform[~by_platform.index.isin(CLIENT_PAYERS)]
    notes = []
    for name, gross, n in zip(clients.index, clients["gross"], clients["payments"], strict=True):
        expect = (
            f"expect a Form 1099-NEC from it (it paid you {money(nec, '$')} or more), not a 1099-K"
            if gross >= nec
            else f"below {money(nec, '$')}, it need not send you a Form 1099-NEC"
        )
        notes.append(
            f"{_platform_name(str(name))} ({to_the_cent(gross, '$')} in {int(n):,} payments) "
            f"pays you as your client does, not as a payment app: {expect}. The income is "
            "taxable either way."
        )
    if by_platform.empty:
        return notes

    def described(rows: pd.DataFrame) -> str:
        return ", ".join(
            f"{_platform_name(str(name))} ({to_the_cent(gross, '$')} in {int(n):,} payments)"
            for name, gross, n in zip(rows.index, rows["gross"], rows["payments"], strict=True)
        )

    # a merchant acquirer reports card payments of any amount (§6050W: the $20,000 / 200 test
    # is for third-party settlement organisations such as PayPal and the marketplaces)
    card = by_platform.index.isin(CARD_PROCESSORS) & (by_platform["gross"] > 0)
    big = (by_platform["gross"] > amount) & ~card
    many = by_platform["payments"] > count
    if card.any():
        notes.append(
            f"Card payments: {described(by_platform[card])}. A card processor reports the "
            "card payments it settles at any amount (no $20,000 threshold), so expect a Form "
            "1099-K from it."
        )
    if (big & many).any():
        notes.append(
            f"Over the 1099-K threshold for {year}: {described(by_platform[big & many])}. Each "
            "of these platforms will send you a Form 1099-K."
        )
    if (big & ~many).any():
        notes.append(
            f"Above {money(amount, '$')} but in {count} payments or fewer: "
            f"{described(by_platform[big & ~many])}. Those platforms need not send a 1099-K "
            "(a state limit may be lower); the income is taxable all the same."
        )
    under = ~big & ~card & (by_platform["gross"] > 0)
    if under.any():
        notes.append(
            f"Under the 1099-K threshold for {year} ({money(amount, '$')}): "
            f"{described(by_platform[under])}. "
            + ("It need" if under.sum() == 1 else "They need")
            + " not send you a Form 1099-K (a state limit may be lower); the income is "
            "taxable all the same."
        )
    # the settlement organisations' threshold (card processors report any amount anyway)
    total = float(by_platform.loc[~card, "gross"].sum())
    if not big.any() and total > amount:
        notes.append(
            f"Your payments add up to {to_the_cent(total, '$')} across "
            + ("the other platforms" if card.any() else "platforms")
            + ", but the "
            f"1099-K threshold applies to each platform separately, and none paid you more than "
            f"{money(amount, '$')}."
        )
    return notes


def _us(year: int, by_platform: pd.DataFrame | None) -> list[str]:
    p = load_parameters("US", year)
    k, nec = p["form_1099k_threshold"], p["form_1099nec_threshold"]
    notes = [
        f"Form 1099-K ({year}): each payment app or marketplace reports you when it pays you "
        f"more than {money(k['amount'], '$')} in more than {k['transactions']} transactions "
        "(counted per platform, not across them; card processors report any amount); some "
        "states set lower limits.",
        f"Form 1099-NEC ({year}): a client reports payments of {money(nec, '$')} or more to you.",
        "All income is taxable whether or not you receive a 1099.",
        f"Self-employment tax applies once net SE earnings reach "
        f"{money(p['se_minimum_net_earnings'], '$')}.",
        f"Estimated payments are required if you expect to owe "
        f"{money(p['estimated_tax_minimum'], '$')} or more after withholding, unless your "
        "withholding covers at least 90% of this year's tax or 100% of last year's (110% if "
        f"last year's AGI was over {money(p['safe_harbour_high_income_agi'], '$')}).",
    ]
    return notes + _us_1099k(k, year, by_platform, nec)


def _uk(
    year: int,
    turnover: float | None,
    projected: bool = False,
    prior_turnover: float | None = None,
) -> list[str]:
    p = load_parameters("UK", year)
    allowance = p["trading_allowance"]
    notes = [
        f"Trading allowance: the first {money(allowance, '£')} of gross trading income a tax "
        "year is tax-free; above it you can deduct £1,000 instead of your actual expenses. The "
        "estimate applies the first (no tax on the profit when the year's gross trading income "
        "is £1,000 or less); the second is your choice on the return: a note says when it "
        "would lower the tax, and “Claim the £1,000 trading allowance instead of expenses” "
        "(More about your situation) counts it.",
        f"Register for Self Assessment by {p['registration_deadline']} if your gross trading "
        f"income was more than {money(allowance, '£')}.",
    ]
    for start, limit, judged in p["mtd_income_tax"]:
        notes.append(
            f"Making Tax Digital for Income Tax: quarterly digital updates from {start} if your "
            f"self-employment + property income in {judged} was over {money(limit, '£')}."
        )
    # each start date is judged on one tax year's income: last year's decides one, this
    # year's the next; once in, a later year's lower limit changes nothing
    last_year, this_year = _uk_year_label(year - 1), _uk_year_label(year)
    already = _mtd_start(p["mtd_income_tax"], last_year, prior_turnover)
    if already is not None:
        start, limit = already
        notes.append(
            f"Your {last_year} gross trading income in your files (before fees) of "
            f"{to_the_cent(prior_turnover, '£')} is over {money(limit, '£')}: Making Tax "
            f"Digital applies to you from {start}."
        )
    if turnover is not None:
        if turnover <= allowance:
            notes.append(
                f"Your gross trading income for the year ({to_the_cent(turnover, '£')}"
                + (", projected from your files so far" if projected else "")
                + ") is within the trading allowance."
            )
        elif (hit := _mtd_start(p["mtd_income_tax"], this_year, turnover)) is not None:
            start, limit = hit
            notes.append(
                f"Your {this_year} gross trading income (before fees"
                + ("; projected for the whole year from your files so far" if projected else "")
                + f") of {to_the_cent(turnover, '£')} is over {money(limit, '£')}: "
                + (
                    f"Making Tax Digital applies to you from {start}."
                    if already is None
                    else f"it would bring you in from {start}, but you are in from "
                    f"{already[0]} already."
                )
            )
    return notes


def _uk_year_label(year: int) -> str:
    """The UK tax year starting in April of `year`: 2026 -> '2026/27'."""
    return f"{year}/{str(year + 1)[-2:]}"


def _mtd_start(rules: list, judged_year: str, income: float | None) -> tuple | None:
    """(start date, limit) of the Making Tax Digital rule judged on `judged_year`'s income, if
    that income is over the rule's limit; None otherwise."""
    if income is None:
        return None
    for start, limit, judged in rules:
        if judged == judged_year and income > limit:
            return start, limit
    return None


def _de(
    year: int,
    turnover: float | None,
    prior_turnover: float | None = None,
    wages: float = 0.0,
    profit: float | None = None,
) -> list[str]:
    p = load_parameters("DE", year)
    prior, current = p["kleinunternehmer_prior_year"], p["kleinunternehmer_current_year"]
    notes = [
        f"Kleinunternehmer (§19 UStG): no VAT if last year's net turnover was at most "
        f"{money(prior, '€')} and this year's stays at most {money(current, '€')}; crossing "
        f"{money(current, '€')} during the year ends it at once. New businesses test this year "
        f"against {money(prior, '€')}. These are turnover limits, not profit limits. The "
        "turnover below is all the gross income in your files: services to businesses abroad "
        "(§3a(2) UStG) may not count towards the limit, so check it with your tax adviser.",
    ]
    if prior_turnover is not None and prior_turnover > prior:
        notes.append(
            f"Last year's turnover in your files ({to_the_cent(prior_turnover, '€')}) is "
            f"above {money(prior, '€')}: you are not a Kleinunternehmer in {year}. From 1 "
            "January you charge VAT (Umsatzsteuer) on your invoices: the VAT you collect is the "
            "tax office's, not income, and needs putting aside on its own, besides the income "
            "tax shown here."
        )
    elif turnover is not None and turnover > prior:
        notes.append(
            f"Your turnover ({to_the_cent(turnover, '€')}) is above {money(prior, '€')}: "
            "next year you cannot be a Kleinunternehmer"
            + (" and this year's status has ended." if turnover > current else ".")
            + " Then you charge VAT (Umsatzsteuer) on your invoices: the VAT you collect is "
            "the tax office's, not income, and needs putting aside on its own, besides the "
            "income tax shown here."
        )
    elif turnover is not None:
        notes.append(
            f"Your turnover in {year} in your files: {to_the_cent(turnover, '€')}, within "
            f"{money(prior, '€')}"
            + (
                f" (last year's: {to_the_cent(prior_turnover, '€')})"
                if prior_turnover is not None
                else ""
            )
            + "."
        )
    limit = p["hardship_allowance"]["exempt_up_to"]
    if wages > 0 and profit is not None and profit > limit:
        notes.append(
            f"With wages and more than {money(limit, '€')} of other income (your profit, "
            f"{to_the_cent(profit, '€')}), a tax return for {year} is compulsory (§46(2) Nr. 1 "
            f"EStG): due by {de_return_due(p, year):%-d %B %Y} if you file it yourself, later "
            "with a tax adviser."
        )
    notes.append(
        "Health and long-term care insurance and pension contributions (Vorsorgeaufwendungen) "
        "lower the income the tax is worked out on: enter them as deductions under 'More about "
        "your situation'."
    )
    return notes


def thresholds(
    profile: TaxProfile,
    turnover: float | None = None,
    by_platform: pd.DataFrame | None = None,
    prior_turnover: float | None = None,
    projected: bool = False,
    profit: float | None = None,
) -> list[str]:
    """Threshold notes for the profile's jurisdiction and year.

    `turnover` (gross income so far this year, optional) adds a note on the UK and DE
    thresholds it crosses; `prior_turnover` (last year's gross income) one on the
    Kleinunternehmer status it ends for this year (DE, §19(1) UStG: last year above the limit)
    and on the Making Tax Digital start it decides (UK);
    `projected`: `turnover` is the year's projection from the months so far (said so);
    `profit` (DE): the year's profit, beside wages over €410 a return is compulsory. `by_platform` (`payments_by_platform` of the year's rows, optional)
    adds the US Form 1099-K note, which is per platform: a platform is over the threshold when
    its gross > the amount ($20,000) AND its payments > the count (200); the total across
    platforms is never compared with it.
    """
    if profile.jurisdiction == "US":
        notes = _us(profile.year, by_platform)
    elif profile.jurisdiction == "UK":
        notes = _uk(profile.year, turnover, projected, prior_turnover)
    elif profile.jurisdiction == "DE":
        wages = profile.w2_wages + profile.spouse_wages
        notes = _de(profile.year, turnover, prior_turnover, wages, profit)
    else:
        return []
    label = load_parameters(profile.jurisdiction, profile.year).label
    return notes + [f"Estimate, not tax advice — {label} parameters"]
