"""`estimate_tax`: one entry point for the US, UK, DE and flat-rate estimates."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from analytics.tax._common import Line, Parts, cents, money, to_the_cent
from analytics.tax.de import de_tax
from analytics.tax.errors import TaxInputError
from analytics.tax.params import load_parameters, stand_in_note
from analytics.tax.profile import FILING_STATUSES, JURISDICTIONS, TaxProfile
from analytics.tax.uk import trading_profit, uk_tax
from analytics.tax.us import us_tax

_RULES = {"US": us_tax, "UK": uk_tax, "DE": de_tax}
MARGINAL_STEP = 100.0


@dataclass(frozen=True)
class TaxEstimate:
    """A tax estimate for one year.

    total = income_tax + social_tax + surcharge + church_tax (each rounded to the cent), the
    tax on wages and other income included. `income_tax` is the income tax alone (DE: the §32a
    tariff); `surcharge` is Germany's solidarity surcharge on it and `church_tax` its church
    tax (0 elsewhere); `social_tax` the US SE tax and Additional Medicare Tax, the UK Class 4
    NIC.
    `tax_on_profit` = total minus the same estimate with zero profit: the part caused by the
    self-employment profit (what to set aside from the gig payments).
    `tax_on_wages` = the same estimate with zero profit and zero other income: the tax on the
    wages alone (yours and, filing jointly, your spouse's), the part assumed withheld at source.
    The rest, total − tax_on_profit − tax_on_wages, is the tax other income (interest, rent)
    causes: nobody withholds it, so the payment schedule counts it as still to pay.
    effective_rate = total / profit (0 when profit ≤ 0); rate_on_profit = tax_on_profit /
    profit, the rate on the gig profit alone (the same as effective_rate without wages or other
    income); marginal_rate = share of the next 100 of profit that goes to tax. `agi` (US only,
    else None) = wages (yours + spouse's) + other income + profit − ½ SE tax, the adjusted gross
    income of Form 1040-ES line 1, to the cent.
    """

    income_tax: float
    social_tax: float
    total: float
    effective_rate: float
    marginal_rate: float
    lines: list[Line]
    notes: list[str]
    currency: str
    year: int
    jurisdiction: str
    disclaimer: str
    profit: float = 0.0
    tax_on_profit: float = 0.0
    parameters: str = ""  # e.g. "UK 2025/26"
    sources: dict[str, str] = field(default_factory=dict)
    agi: float | None = None
    surcharge: float = 0.0
    rate_on_profit: float = 0.0
    tax_on_wages: float = 0.0
    church_tax: float = 0.0
    trading_income: float | None = None  # UK: the gross trading income given, if any


def check_number(name: str, value: float, allow_negative: bool = True) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TaxInputError(f"{name} must be a number, not {value!r}.") from None
    if not math.isfinite(number):
        raise TaxInputError(f"{name} must be a finite number, not {value!r}.")
    if number < 0 and not allow_negative:
        raise TaxInputError(f"{name} cannot be negative (got {number:,.2f}).")
    return number


def _flat_rate(rate: float | None) -> float:
    if rate is None:
        raise TaxInputError("A flat-rate estimate needs a rate, e.g. 0.25 for 25%.")
    value = check_number("rate", rate, allow_negative=False)
    if value > 1:
        raise TaxInputError(
            f"The rate {value:g} is above 100%: give it as a fraction, e.g. 0.25 for 25%."
        )
    return value


def _parts(
    profit: float,
    jurisdiction: str,
    year: int,
    filing_status: str,
    w2_wages: float,
    other_income: float,
    deductions: float,
    rate: float | None,
    spouse_wages: float = 0.0,
    extras: dict | None = None,
) -> Parts:
    if jurisdiction == "flat":
        flat = _flat_rate(rate)
        tax_free = float((extras or {}).get("tax_free", 0.0) or 0.0)
        # on gross receipts, `profit` is the gross receipts (`estimate_tax(on_gross=True)`)
        base = "gross receipts" if (extras or {}).get("on_gross") else "profit"
        tax = flat * max(profit - tax_free, 0.0)
        if tax_free:
            free = to_the_cent(tax_free, "")
            label = f"Flat rate {flat:.1%} × ({base} − the tax-free {free})"
            note = (
                f"The tax-free amount you entered ({free} a year) comes off the {base} first; "
                "a flat rate ignores brackets and social contributions."
            )
        else:
            label = f"Flat rate {flat:.1%} × {base}"
            note = "A flat rate ignores allowances, brackets and social contributions."
        return Parts(tax, 0.0, [Line(label, tax)], [note])
    params = load_parameters(jurisdiction, year)
    rule = _RULES[jurisdiction]
    # spouse's wages (US, DE), seniors and blind (US), church tax (DE): each checked for its country
    options = {"spouse_wages": spouse_wages} if spouse_wages else {}
    # a Medicare wage of 0 is an answer (box 5 empty), None is "as box 1"
    options.update(
        {
            name: value
            for name, value in (extras or {}).items()
            if value or (value is not None and name.endswith("medicare_wages"))
        }
    )
    return rule(profit, params, filing_status, w2_wages, other_income, deductions, **options)


def _gross_receipts(
    jurisdiction: str, trading_income: float | None, profit: float, expenses: float
) -> float:
    """The gross receipts a flat rate on gross receipts is on (`estimate_tax(on_gross=True)`)."""
    if jurisdiction != "flat":
        raise TaxInputError(
            "A rate on gross receipts is for a flat rate only: the countries' rules tax the profit."
        )
    if expenses:
        raise TaxInputError(
            "A rate on gross receipts takes no expenses off: leave the business expenses at 0."
        )
    if trading_income is None:
        if profit > 0:
            raise TaxInputError("A rate on gross receipts needs the year's gross receipts.")
        return 0.0
    return cents(check_number("gross receipts", trading_income))


def _check_tax_free(value: float, jurisdiction: str) -> float:
    """A flat rate's tax-free amount: only for a flat rate (the countries' rules hold their own
    allowances), never negative."""
    amount = check_number("tax-free amount", value, allow_negative=False)
    if amount and jurisdiction != "flat":
        raise TaxInputError(
            "A tax-free amount is for a flat rate only: the US, UK and German estimates apply "
            "their own allowances."
        )
    return amount


def _check_spouse_wages(value: float, jurisdiction: str, filing_status: str) -> float:
    """Spouse wages are only for a joint return: US married filing jointly, DE
    Zusammenveranlagung. The UK taxes each person separately, so it has none."""
    wages = check_number("spouse wages", value, allow_negative=False)
    if not wages:
        return 0.0
    if jurisdiction == "UK":
        raise TaxInputError(
            "The UK taxes each person separately: a spouse's wages do not change your tax."
        )
    if filing_status != "married_joint":
        raise TaxInputError(
            "A spouse's wages count only on a joint return: choose the filing status "
            "married_joint (married filing jointly / joint assessment), or leave them at 0."
        )
    return wages


def _check_people(
    value: int, jurisdiction: str, filing_status: str, name: str = "seniors", who: str = ""
) -> int:
    """How many on the return are 65 or older (`seniors`) or blind (`blind`): 0 or 1, or 2 on
    a joint return (US only)."""
    who = who or "aged 65 or older"
    try:
        count = int(value)
        whole = float(value) == count
    except (TypeError, ValueError, OverflowError):
        whole = False
    if not whole:
        raise TaxInputError(f"{name} counts people: 0, 1 or 2, not {value!r}.")
    if not count:
        return 0
    if jurisdiction != "US":
        raise TaxInputError(
            f"The deductions for people {who} are US rules: leave {name} at 0 here."
        )
    most = 2 if filing_status == "married_joint" else 1
    if not 0 <= count <= most:
        raise TaxInputError(
            f"{name} counts the people on the return {who}: 0 to {most} for the "
            f"filing status {filing_status}, not {count}."
        )
    return count


def check_church_rate(value: float, jurisdiction: str) -> float:
    """Germany's church tax as a share of the income tax: 8% or 9% (0 without)."""
    rate = check_number("church tax rate", value, allow_negative=False)
    if not rate:
        return 0.0
    if jurisdiction != "DE":
        raise TaxInputError("Church tax is part of the German estimate only: leave it at 0 here.")
    if round(rate, 6) not in (0.08, 0.09):
        raise TaxInputError(
            "Church tax is 8% (Bavaria, Baden-Württemberg) or 9% (the other states) of the "
            f"income tax: give 0.08 or 0.09, not {rate:g}."
        )
    return rate


def _check_scottish(value: bool, jurisdiction: str) -> bool:
    """Scotland's income-tax bands are for a UK estimate only."""
    if not isinstance(value, (bool, int)) or value not in (0, 1):
        raise TaxInputError(f"scottish is True or False, not {value!r}.")
    if value and jurisdiction != "UK":
        raise TaxInputError(
            "Scotland's income-tax bands are part of the UK estimate only: leave scottish off."
        )
    return bool(value)


def _check_relief_at_source(value: float, jurisdiction: str) -> float:
    """Pension contributions with relief at source widen the UK's bands only."""
    paid = check_number("pension contributions", value, allow_negative=False)
    if paid and jurisdiction != "UK":
        raise TaxInputError(
            "Pension contributions with relief at source are part of the UK estimate only: "
            "elsewhere, enter deductible contributions under deductions."
        )
    return paid


def _check_qualified_dividends(value: float, jurisdiction: str, other_income: float) -> float:
    """Qualified dividends and long-term gains: a US part of the other income."""
    amount = check_number("qualified dividends and gains", value, allow_negative=False)
    if not amount:
        return 0.0
    if jurisdiction != "US":
        raise TaxInputError(
            "Qualified dividends and long-term gains have their own rates in the US estimate "
            "only: leave them at 0 here."
        )
    if amount > other_income + 0.005:
        raise TaxInputError(
            f"The qualified dividends and gains ({amount:,.2f}) are part of the other income, "
            f"so they cannot be more than it ({other_income:,.2f}): add them to the other "
            "income too."
        )
    return amount


def _check_medicare_wages(value: float | None, jurisdiction: str, whose: str) -> float | None:
    """W-2 box 5 (Medicare wages), a US figure; None: the same as box 1."""
    if value is None:
        return None
    wages = check_number(f"{whose} Medicare wages", value, allow_negative=False)
    if jurisdiction != "US":
        raise TaxInputError(
            "Medicare wages (W-2 box 5) are a US figure: leave them out of this estimate."
        )
    return wages


def mileage_deduction(jurisdiction: str, year: int, miles: float) -> tuple[float, str]:
    """(deduction, breakdown label) for the year's business driving in your own car.

    US: miles × the standard mileage rate (70¢ in 2025, 72.5¢ in 2026). UK: simplified
    expenses, 45p a mile for the first 10,000 miles, 25p after. DE: kilometres × €0.30.
    Rounded to the cent; (0, "") without miles.
    """
    if not miles or jurisdiction not in ("US", "UK", "DE"):
        return 0.0, ""
    p = load_parameters(jurisdiction, year)
    if jurisdiction == "US":
        rate = p["standard_mileage_rate"]["per_mile"]
        return cents(miles * rate), f"Mileage: {miles:,.0f} miles × {rate * 100:g}¢"
    if jurisdiction == "UK":
        rule = p["mileage_rates"]
        first = min(miles, rule["up_to_miles"])
        amount = cents(first * rule["per_mile"] + (miles - first) * rule["per_mile_after"])
        label = f"Mileage: {first:,.0f} miles × {rule['per_mile'] * 100:g}p"
        if miles > first:
            label += f" + {miles - first:,.0f} × {rule['per_mile_after'] * 100:g}p"
        return amount, label
    rate = p["business_km_rate"]["per_km"]
    return cents(miles * rate), f"Business trips: {miles:,.0f} km × €{rate:.2f}"


def _lines_adding_up(lines: list[Line], total: float) -> list[Line]:
    """`lines` to the cent, the tax lines adding up to `total`: each part of the total is
    rounded on its own (Schedule SE's, the income tax's), so the lines rounded one by one can
    miss it by a cent (2,284.49 + 534.28 + 1,240.00 + 243.84 against 4,302.60). The missing
    cents go to the lines rounding moved furthest (largest remainder); lines that do not add
    up to the total by more than rounding are left as they are."""
    rounded = [Line(line.label, cents(line.amount), line.kind) for line in lines]
    taxes = [i for i, line in enumerate(lines) if line.kind == "tax"]
    gap = round(total - sum(rounded[i].amount for i in taxes), 2)
    off_by_rounding = abs(sum(lines[i].amount for i in taxes) - total) <= 0.01 * len(taxes)
    steps = round(abs(gap) / 0.01)
    if not taxes or not gap or not off_by_rounding or steps > len(taxes):
        return rounded
    step = 0.01 if gap > 0 else -0.01
    # the lines whose rounding took most in the direction of the gap
    moved = sorted(taxes, key=lambda i: (lines[i].amount - rounded[i].amount) * -step)[:steps]
    for i in moved:
        rounded[i] = Line(rounded[i].label, round(rounded[i].amount + step, 2), rounded[i].kind)
    return rounded


def _total(parts: Parts) -> float:
    return (
        cents(parts.income_tax)
        + cents(parts.social_tax)
        + cents(parts.surcharge)
        + cents(parts.church_tax)
    )


def estimate_tax(
    profit: float,
    *,
    jurisdiction: str,
    year: int,
    filing_status: str = "single",
    w2_wages: float = 0.0,
    other_income: float = 0.0,
    deductions: float = 0.0,
    rate: float | None = None,
    currency: str | None = None,
    spouse_wages: float = 0.0,
    trading_income: float | None = None,
    expenses: float = 0.0,
    seniors: int = 0,
    church_tax_rate: float = 0.0,
    scottish: bool = False,
    claim_trading_allowance: bool = False,
    business_miles: float = 0.0,
    blind: int = 0,
    relief_at_source: float = 0.0,
    medicare_wages: float | None = None,
    spouse_medicare_wages: float | None = None,
    qualified_dividends: float = 0.0,
    specified_service: bool = True,
    tax_free: float = 0.0,
    on_gross: bool = False,
) -> TaxEstimate:
    """Estimate a year's tax on self-employment `profit` (net income after platform fees).

    jurisdiction: "US" (2025, 2026), "UK" (2025 = 2025/26, 2026), "DE" (2025, 2026) or "flat" with
    `rate` (total = rate × profit; `currency` labels the result). Amounts are annual, in the
    jurisdiction's currency. `deductions`: US itemized deductions (used when above the
    standard deduction); UK reliefs deducted from total income; DE deductions from income
    (Sonderausgaben etc.). `w2_wages` are your own wages: in the US they reduce the Social
    Security wage base of your SE tax. `spouse_wages` (filing_status "married_joint" only, US
    and DE; a TaxInputError otherwise) are your spouse's wages on the joint return: US, they add
    to AGI and to the wages of the Additional Medicare Tax (Form 8959 combines both spouses'
    wages against the $250,000 threshold) but not to the wage-base reduction, the Social
    Security cap being per person; DE, they add to the joint taxable income (zvE).
    `trading_income` (UK only): the gross trading income before expenses, for the £1,000
    trading allowance (none of the profit is taxed when it is £1,000 or less; above, a note says
    when claiming the allowance instead of expenses would help; see `uk.trading_profit`);
    `claim_trading_allowance`: the allowance is taken off the gross instead of the expenses
    when that leaves less profit, as the user may choose on the return.
    `expenses`: the year's other business expenses, those no platform file shows (software,
    equipment, a share of phone and internet...): the tax is on profit − expenses, a line of
    the breakdown says so, and the rates (effective, on profit) stay per unit of `profit`, the
    income the set-aside is taken from.
    `seniors` (US only): how many on the return are 65 or older at the year's end, 0-1, or 0-2
    filing jointly: each adds the additional standard deduction and, 2025-2028, the senior
    deduction (see analytics.tax.us); `blind` (US only), how many are blind: each adds the
    additional standard deduction too. `church_tax_rate` (DE only): church tax as a share of the
    income tax, 0.08 or 0.09 (see analytics.tax.de). `scottish` (UK only): a Scottish
    taxpayer, whose income tax uses Scotland's bands (see analytics.tax.uk).
    `medicare_wages`, `spouse_medicare_wages` (US only): W-2 box 5 when it is not box 1 (a
    401(k) deferral lowers box 1 only): the Social Security wage base left for the SE tax and
    the Additional Medicare Tax use them; None: box 1 (`w2_wages`, `spouse_wages`).
    `qualified_dividends` (US only): the part of `other_income` that is qualified dividends and
    net long-term capital gains (at most all of it), taxed at 0% / 15% / 20% stacked above the
    ordinary taxable income, and at the 3.8% Net Investment Income Tax above its threshold.
    `specified_service` (US only): whether the business is a specified service trade or business
    (consulting, law, health...): above the QBI threshold its deduction phases out as
    20% × QBI × (1 − f)², another trade's as 20% × QBI × (1 − f) (both paying no W-2 wages;
    see analytics.tax.us). True, the default, is the smaller deduction: the tax an upper bound.
    `tax_free` (flat only): a yearly amount of profit the flat rate does not tax (a country's
    zero band: the Philippines' 250,000 pesos under its 8% option): tax = rate × max(profit −
    tax_free, 0).
    `on_gross` (flat only): the rate is on the gross receipts, `trading_income` (what clients
    paid less refunds, before the platforms' fees; the Philippines' 8% option), not on the
    profit: tax = rate × max(trading_income − tax_free, 0), no expenses taken off; the rates
    (effective, on profit) stay per unit of `profit`.
    `relief_at_source` (UK only): what was paid in the year into personal pensions with relief
    at source; grossed up at 20% (relieved on at most the relevant earnings or £3,600), it
    widens the basic-rate band and lowers the income the personal allowance's taper looks at
    (see analytics.tax.uk). PAYE on wages (`tax_on_wages`) is worked out without it.
    `business_miles`: the year's miles driven for the work in your own car (DE: kilometres),
    deducted at the standard rate as another business expense (see `mileage_deduction`).
    Zero or negative profit gives zero tax on the profit, never an error.
    Formulas: see analytics.tax.us, .uk and .de. Raises TaxInputError with a plain message.
    """
    if jurisdiction not in JURISDICTIONS:
        raise TaxInputError(
            f"No tax rules for '{jurisdiction}'. Choose US, UK, DE, or 'flat' with a rate."
        )
    if filing_status not in FILING_STATUSES:
        raise TaxInputError(
            f"Unknown filing status '{filing_status}'. Choose one of: {', '.join(FILING_STATUSES)}."
        )
    profit = check_number("profit", profit)
    w2_wages = check_number("W-2 wages", w2_wages, allow_negative=False)
    other_income = check_number("other income", other_income)
    deductions = check_number("deductions", deductions, allow_negative=False)
    spouse_wages = _check_spouse_wages(spouse_wages, jurisdiction, filing_status)
    expenses = check_number("business expenses", expenses, allow_negative=False)
    miles = check_number("business miles", business_miles, allow_negative=False)
    if miles and jurisdiction == "flat":
        raise TaxInputError(
            "A flat rate has no mileage rate: add the cost of your business driving to the "
            "business expenses instead."
        )
    mileage, mileage_label = mileage_deduction(jurisdiction, int(year), miles)
    extras = {
        "seniors": _check_people(seniors, jurisdiction, filing_status),
        "blind": _check_people(blind, jurisdiction, filing_status, "blind", "who are blind"),
        "church_rate": check_church_rate(church_tax_rate, jurisdiction),
        "scottish": _check_scottish(scottish, jurisdiction),
        "relief_at_source": _check_relief_at_source(relief_at_source, jurisdiction),
        "medicare_wages": _check_medicare_wages(medicare_wages, jurisdiction, "your"),
        "qualified_dividends": _check_qualified_dividends(
            qualified_dividends, jurisdiction, other_income
        ),
        "spouse_medicare_wages": _check_medicare_wages(
            spouse_medicare_wages, jurisdiction, "your spouse's"
        ),
        # only a trade that is not a specified service changes anything (US only)
        "other_trade": jurisdiction == "US" and not specified_service,
        "tax_free": _check_tax_free(tax_free, jurisdiction),
    }
    if extras["spouse_medicare_wages"] is not None and filing_status != "married_joint":
        raise TaxInputError(
            "A spouse's Medicare wages count only on a joint return (married_joint): leave "
            "them out."
        )
    year = int(year)
    if jurisdiction == "UK" and trading_income is not None:
        extras["trading_income"] = check_number("trading income", trading_income)
    given_profit, allowance_line, allowance_note = profit, None, ""
    profit = cents(given_profit - expenses - mileage)
    after_expenses = profit
    if on_gross:
        profit = _gross_receipts(jurisdiction, trading_income, given_profit, expenses)
        extras["on_gross"] = True
        allowance_line = Line(
            "Gross receipts (what clients paid, less refunds, before the platforms' fees)",
            profit,
            "base",
        )
    if jurisdiction == "UK" and trading_income is not None:
        gross = check_number("trading income", trading_income)
        allowance = load_parameters("UK", year)["trading_allowance"]
        profit = trading_profit(after_expenses, gross, allowance)
        if profit != after_expenses:
            allowance_line = Line(
                f"Trading profit: none, the gross trading income of {to_the_cent(gross, '£')} is "
                f"within the {money(allowance, '£')} trading allowance",
                profit,
                "base",
            )
        elif 0 < gross - allowance < after_expenses:
            what = "fees and the expenses you entered" if expenses or mileage else "fees"
            costs = to_the_cent(gross - after_expenses, "£")
            with_allowance = cents(gross - allowance)
            if claim_trading_allowance:
                # taken instead of the actual expenses, as the user chose (expenses not entered
                # here would only lower the other side)
                profit = with_allowance
                allowance_line = Line(
                    f"Trading profit: the gross trading income of {to_the_cent(gross, '£')} less "
                    f"the {money(allowance, '£')} trading allowance (more than your {costs} of "
                    f"{what})",
                    profit,
                    "base",
                )
                allowance_note = (
                    f"The {money(allowance, '£')} trading allowance is counted instead of your "
                    f"actual expenses ({costs} of {what} over the year): it lowers the taxable "
                    f"profit from {to_the_cent(after_expenses, '£')} to "
                    f"{to_the_cent(profit, '£')}{{saving}}. You choose one or the other on your "
                    "return; the allowance cannot be claimed on income from your employer or a "
                    "partnership you are in."
                )
            else:
                allowance_note = (
                    f"Claiming the {money(allowance, '£')} trading allowance instead of your "
                    f"actual expenses ({costs} of {what} over the year) would lower the taxable "
                    f"profit to {to_the_cent(with_allowance, '£')}{{saving}}: a choice you make "
                    "on your return. To count it here, tick “Claim the £1,000 trading allowance "
                    "instead of expenses” under More about your situation."
                )

    def compute(p: float, other: float = other_income, paye: bool = False) -> Parts:
        # PAYE on wages alone knows nothing of relief-at-source pensions: the band is widened
        # on the return
        return _parts(
            p,
            jurisdiction,
            year,
            filing_status,
            w2_wages,
            other,
            deductions,
            rate,
            spouse_wages,
            {**extras, "relief_at_source": 0.0} if paye else extras,
        )

    parts = compute(profit)
    total = round(_total(parts), 2)
    if allowance_note:
        # the same tax with the other choice: what the allowance saves (or would)
        claimed = claim_trading_allowance
        other = round(_total(compute(after_expenses if claimed else with_allowance)), 2)
        saving = round(other - total if claimed else total - other, 2)
        allowance_note = allowance_note.replace(
            "{saving}",
            (
                f" and the tax by {to_the_cent(saving, '£')} "
                + (
                    f"(with your actual expenses it would be {to_the_cent(other, '£')})"
                    if claimed
                    else f"(to {to_the_cent(other, '£')}; any payments on account set from this "
                    "year's bill fall with it)"
                )
            )
            if saving > 0
            else "",
        )
    wages = w2_wages + spouse_wages
    without_profit = _total(compute(0.0)) if (wages or other_income) else 0.0
    tax_on_profit = round(max(total - without_profit, 0.0), 2)
    tax_on_wages = round(_total(compute(0.0, 0.0, paye=True)), 2) if wages else 0.0
    marginal = (_total(compute(profit + MARGINAL_STEP)) - total) / MARGINAL_STEP

    if jurisdiction == "flat":
        label, unit, sources = f"flat-rate {year}", currency or "", {}
    else:
        params = load_parameters(jurisdiction, year)
        label, unit, sources = params.label, params.currency, params.sources
    lines = _lines_adding_up(parts.lines, total)
    if allowance_line is not None:
        lines.insert(0, allowance_line)
    if expenses or mileage:
        costs = [Line("Profit after platform fees", cents(given_profit), "base")]
        if expenses:
            costs.append(Line("Business expenses you entered", -cents(expenses), "deduction"))
        if mileage:
            costs.append(Line(mileage_label, -mileage, "deduction"))
        lines[:0] = [*costs, Line("Profit after expenses", after_expenses, "base")]
    lines.append(Line("Total estimated tax", total, "info"))
    return TaxEstimate(
        income_tax=cents(parts.income_tax),
        social_tax=cents(parts.social_tax),
        total=total,
        effective_rate=total / given_profit if given_profit > 0 else 0.0,
        marginal_rate=round(marginal, 6),
        lines=lines,
        notes=[note for note in [stand_in_note(jurisdiction, year)] if note]
        + list(parts.notes)
        + ([allowance_note] if allowance_note else []),
        currency=unit,
        year=year,
        jurisdiction=jurisdiction,
        disclaimer=f"Estimate, not tax advice — {label} parameters",
        profit=given_profit,
        tax_on_profit=tax_on_profit,
        parameters=label,
        sources=dict(sources),
        agi=None if parts.agi is None else cents(parts.agi),
        surcharge=cents(parts.surcharge),
        rate_on_profit=tax_on_profit / given_profit if given_profit > 0 else 0.0,
        tax_on_wages=tax_on_wages,
        church_tax=cents(parts.church_tax),
        trading_income=extras.get("trading_income"),
    )


def estimate_for_profile(
    profit: float,
    profile: TaxProfile,
    year: int | None = None,
    trading_income: float | None = None,
) -> TaxEstimate:
    """`estimate_tax` with the inputs of a TaxProfile (optionally for another year), and the
    year's gross trading income where known (UK trading allowance). A flat rate's year that
    begins in another month than January is named so ("flat-rate 2026/27")."""
    est = estimate_tax(
        profit,
        jurisdiction=profile.jurisdiction,
        year=profile.year if year is None else year,
        filing_status=profile.filing_status,
        w2_wages=profile.w2_wages,
        other_income=profile.other_income,
        deductions=profile.deductions,
        rate=profile.rate,
        spouse_wages=profile.spouse_wages,
        trading_income=trading_income,
        expenses=profile.expenses,
        seniors=profile.seniors,
        church_tax_rate=profile.church_tax_rate,
        scottish=profile.scottish,
        claim_trading_allowance=profile.claim_trading_allowance,
        business_miles=profile.business_miles,
        blind=profile.blind,
        relief_at_source=profile.relief_at_source,
        medicare_wages=profile.medicare_wages,
        qualified_dividends=profile.qualified_dividends,
        spouse_medicare_wages=profile.spouse_medicare_wages,
        specified_service=profile.specified_service,
        tax_free=profile.tax_free,
        on_gross=profile.flat_on_gross,
    )
    if profile.jurisdiction == "flat" and profile.year_start_month != 1:
        from analytics.tax.params import year_label

        named = f"flat-rate {year_label('flat', est.year, profile.year_start_month)}"
        est = dataclasses.replace(
            est,
            parameters=named,
            disclaimer=est.disclaimer.replace(est.parameters, named),
        )
    return est
