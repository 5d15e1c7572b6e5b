"""Thresholds a gig worker should know about, as plain-language notes from the parameter files.

US: Form 1099-K and 1099-NEC reporting thresholds, the $400 SE-tax floor, the $1,000
estimated-tax test. UK: the £1,000 trading allowance and Making Tax Digital start dates.
DE: the Kleinunternehmer (small-business VAT) turnover limits.
"""

from __future__ import annotations

from analytics.tax._common import money
from analytics.tax.params import load_parameters
from analytics.tax.profile import TaxProfile


def _us(year: int, turnover: float | None) -> list[str]:
    p = load_parameters("US", year)
    k, nec = p["form_1099k_threshold"], p["form_1099nec_threshold"]
    notes = [
        f"Form 1099-K ({year}): payment apps and marketplaces report you when you receive more "
        f"than {money(k['amount'], '$')} in more than {k['transactions']} transactions "
        "(card processors report any amount); some states set lower limits.",
        f"Form 1099-NEC ({year}): a client reports payments of {money(nec, '$')} or more to you.",
        "All income is taxable whether or not you receive a 1099.",
        f"Self-employment tax applies once net SE earnings reach "
        f"{money(p['se_minimum_net_earnings'], '$')}.",
        f"Estimated payments are required if you expect to owe {money(p['estimated_tax_minimum'], '$')} "
        "or more after withholding.",
    ]
    if turnover is not None and turnover > k["amount"]:
        notes.append(
            f"Your income this year ({money(round(turnover, 2), '$')}) is above the 1099-K amount: "
            "a platform that also counts more than "
            f"{k['transactions']} payments will send you a 1099-K."
        )
    return notes


def _uk(year: int, turnover: float | None) -> list[str]:
    p = load_parameters("UK", year)
    allowance = p["trading_allowance"]
    notes = [
        f"Trading allowance: the first {money(allowance, '£')} of gross trading income a tax "
        "year is tax-free; above it you can deduct £1,000 instead of your actual expenses.",
        f"Register for Self Assessment by {p['registration_deadline']} if you earned more.",
    ]
    for start, limit, judged in p["mtd_income_tax"]:
        notes.append(
            f"Making Tax Digital for Income Tax: quarterly digital updates from {start} if your "
            f"self-employment + property income in {judged} was over {money(limit, '£')}."
        )
    if turnover is not None:
        if turnover <= allowance:
            notes.append(
                f"Your gross trading income ({money(round(turnover, 2), '£')}) is within the "
                "trading allowance."
            )
        else:
            hits = [s for s, limit, _ in p["mtd_income_tax"] if turnover > limit]
            if hits:
                notes.append(
                    f"At {money(round(turnover, 2), '£')} a year, Making Tax Digital applies to "
                    f"you from {hits[0]} (if the income is in the qualifying year)."
                )
    return notes


def _de(year: int, turnover: float | None) -> list[str]:
    p = load_parameters("DE", year)
    prior, current = p["kleinunternehmer_prior_year"], p["kleinunternehmer_current_year"]
    notes = [
        f"Kleinunternehmer (§19 UStG): no VAT if last year's net turnover was at most "
        f"{money(prior, '€')} and this year's stays at most {money(current, '€')}; crossing "
        f"{money(current, '€')} during the year ends it at once. New businesses test this year "
        f"against {money(prior, '€')}. These are turnover limits, not profit limits.",
    ]
    if turnover is not None and turnover > prior:
        notes.append(
            f"Your turnover ({money(round(turnover, 2), '€')}) is above {money(prior, '€')}: "
            "next year you cannot be a Kleinunternehmer"
            + (" and this year's status has ended." if turnover > current else ".")
        )
    return notes


def thresholds(profile: TaxProfile, turnover: float | None = None) -> list[str]:
    """Threshold notes for the profile's jurisdiction and year; `turnover` (gross income so far
    this year, optional) adds a note on which thresholds it crosses."""
    rules = {"US": _us, "UK": _uk, "DE": _de}
    if profile.jurisdiction not in rules:
        return []
    notes = rules[profile.jurisdiction](profile.year, turnover)
    label = load_parameters(profile.jurisdiction, profile.year).label
    return notes + [f"Estimate, not tax advice — {label} parameters"]
