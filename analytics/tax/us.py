"""US federal tax on self-employment profit, following the Form 1040-ES worksheets.

net SE earnings  N = 92.35% × profit                (none if N < $400)
SE tax           = 2.9% × N + 12.4% × min(N, max(wage base − own Medicare wages, 0))
Addl. Medicare   = 0.9% × (max(W − T, 0) + max(N − max(T − W, 0), 0)),  T by status,
                   W = own + spouse's Medicare wages (Form 8959 adds a joint return's)
Medicare wages   = W-2 box 5 when given, else box 1 (`w2_wages`): a 401(k) deferral lowers
                   box 1 (income tax) but not box 5 (nor box 3, the Social Security wages
                   Schedule SE line 8a counts; box 3 is box 5 capped at the wage base)
AGI              = own wages + spouse's wages + other income + profit − ½ SE tax
Q                = the qualified dividends and net long-term capital gains in other income
standard         = standard deduction by status + (S + B) × additional standard deduction,
                   S = people on the return aged 65 or older (0-2), B = those blind (0-2)
senior deduction = S × max($6,000 − 6% × max(AGI − start, 0), 0)   (2025-2028, start $75,000;
                   $150,000 joint; itemizing or not)
TI before QBI    = max(AGI − max(standard, itemized deductions) − senior deduction, 0)
QBI              = max(profit − ½ SE tax, 0)
phase-in share f = clip((TI before QBI − QBI threshold) / phase-in range, 0, 1)
QBI deduction    = min(20% × QBI × (1 − f)², 20% × (TI before QBI − Q))
                   (2026+: at least $400 when QBI ≥ $1,000)
TI               = TI before QBI − QBI deduction;  ordinary O = max(TI − Q, 0)
income tax       = brackets(O) + Q's part of TI at 0% / 15% / 20%, stacked above O
                   (Qualified Dividends and Capital Gain Tax Worksheet)
NIIT             = 3.8% × min(Q, max(AGI − threshold, 0))   (Form 8960, on Q only)

Above the QBI threshold the estimate is an upper bound (the issue's rule: say so clearly). The
deduction is that of the business that keeps least of it, a specified service business
(SSTB: consulting, law, health, finance...) that pays no W-2 wages and holds no qualified
property: inside the phase-in range (§199A(b)(3)(B) and (d)(3), Form 8995-A Part III and
Schedule A) its QBI is first cut to (1 − f), and the 20% amount is then reduced by f of what is
above the wage/property limit (0), so 20% × QBI × (1 − f)²; above the range, nothing. Any other
business (not a specified service, or paying wages) deducts at least as much and owes at most
this estimate: a sole proprietor in another trade deducts 20% × QBI × (1 − f), what the
estimate uses when told the business is not a specified service (`other_trade`).

The Social Security wage base is per person: only your own wages use it up; a spouse's wages
(married filing jointly) never lower your SE tax.
"""

from __future__ import annotations

from analytics.tax._common import Line, Parts, bracket_slices, cents, money, whose_wages
from analytics.tax.params import TaxParameters

STATUS_NAMES = {
    "single": "single",
    "married_joint": "married filing jointly",
    "head_of_household": "head of household",
}


def _usd(value: float) -> str:
    return money(value, "$")


def self_employment_tax(profit: float, w2_wages: float, p: TaxParameters) -> dict[str, float]:
    """SE worksheet lines 3-10: net earnings N, Medicare part, Social Security part, total."""
    net_earnings = max(profit, 0.0) * p["se_net_earnings_factor"]
    if net_earnings < p["se_minimum_net_earnings"]:
        return {
            "net_earnings": net_earnings,
            "taxed": 0.0,
            "medicare": 0.0,
            "ss": 0.0,
            "ss_base": 0.0,
        }
    ss_room = max(p["social_security_wage_base"] - w2_wages, 0.0)
    ss_base = min(net_earnings, ss_room)
    return {
        "net_earnings": net_earnings,
        "taxed": net_earnings,
        "medicare": net_earnings * p["se_medicare_rate"],
        "ss": ss_base * p["se_social_security_rate"],
        "ss_base": ss_base,
    }


def additional_medicare(
    se_earnings: float, w2_wages: float, threshold: float, rate: float
) -> float:
    """Form 8959: rate × (wages above T + SE earnings above T reduced by wages, not below 0).

    `w2_wages` are all the return's Medicare wages: a joint return's are both spouses'."""
    on_wages = max(w2_wages - threshold, 0.0)
    on_se = max(se_earnings - max(threshold - w2_wages, 0.0), 0.0)
    return rate * (on_wages + on_se)


def _conditions(seniors: int, blind: int) -> str:
    """What the additional standard deductions are for: "aged 65 or older", "blind", or both
    counted ("1 aged 65 or older, 1 blind": one person may be both, or each spouse one)."""
    if seniors and blind:
        return f"{seniors} aged 65 or older, {blind} blind"
    return "aged 65 or older" if seniors else "blind"


def senior_deduction(agi: float, seniors: int, filing_status: str, p: TaxParameters) -> float:
    """OBBBA's deduction for people aged 65 or older (tax years 2025-2028), itemizing or not:
    seniors × max(amount − rate × max(MAGI − start, 0), 0); MAGI is the AGI here (no foreign
    income excluded). 0 for years without it."""
    rule = p.values.get("senior_deduction")
    if not seniors or rule is None:
        return 0.0
    cut = rule["phase_out_rate"] * max(agi - rule["phase_out_start"][filing_status], 0.0)
    return seniors * max(rule["amount"] - cut, 0.0)


def us_tax(
    profit: float,
    p: TaxParameters,
    filing_status: str,
    w2_wages: float,
    other_income: float,
    deductions: float,
    spouse_wages: float = 0.0,
    seniors: int = 0,
    blind: int = 0,
    medicare_wages: float | None = None,
    spouse_medicare_wages: float | None = None,
    qualified_dividends: float = 0.0,
    other_trade: bool = False,
) -> Parts:
    """Federal income tax (before credits) and SE + Additional Medicare tax; formulas above.

    `w2_wages`: your own wages (W-2 box 1); `spouse_wages`: your spouse's on a joint return;
    `medicare_wages` and `spouse_medicare_wages`: their W-2 box 5 when it differs from box 1
    (None: box 1); `seniors`: how many on the return are 65 or older at the year's end; `blind`:
    how many are blind (each of the two adds one additional standard deduction: 65 and blind
    adds two). `qualified_dividends`: the part of `other_income` that is qualified dividends
    and net long-term capital gains (at most all of it), taxed at the capital-gains rates (and
    the 3.8% NIIT above its threshold). `other_trade`: the business is not a specified service
    (its QBI deduction phases in as 20% × QBI × (1 − f), the module doc)."""
    lines: list[Line] = []
    qualified_dividends = min(qualified_dividends, max(other_income, 0.0))
    notes: list[str] = []
    own_medicare = w2_wages if medicare_wages is None else medicare_wages
    spouse_medicare = spouse_wages if spouse_medicare_wages is None else spouse_medicare_wages
    se = self_employment_tax(profit, own_medicare, p)
    se_tax = se["medicare"] + se["ss"]
    lines.append(
        Line("Net earnings from self-employment: 92.35% of profit", se["net_earnings"], "base")
    )
    if 0 < se["net_earnings"] < p["se_minimum_net_earnings"]:
        notes.append(
            f"Net self-employment earnings below {_usd(p['se_minimum_net_earnings'])}: "
            "no self-employment tax."
        )
    wage_base = p["social_security_wage_base"]
    ss_label = f"SE tax, Social Security 12.4% on {_usd(round(se['ss_base'], 2))}"
    if own_medicare > 0:
        whose = "W-2 wages" if medicare_wages is None else "Medicare wages"
        ss_label += f" (wage base {_usd(wage_base)} minus your {whose} {_usd(own_medicare)})"
    elif se["taxed"] > wage_base:
        ss_label += f" (capped at the wage base {_usd(wage_base)})"
    lines.append(Line(ss_label, se["ss"]))
    lines.append(Line("SE tax, Medicare 2.9% on all net SE earnings", se["medicare"]))

    threshold = p["additional_medicare_threshold"][filing_status]
    wages = w2_wages + spouse_wages
    addl = additional_medicare(
        se["taxed"], own_medicare + spouse_medicare, threshold, p["additional_medicare_rate"]
    )
    if addl > 0:
        both = "both spouses' wages" if spouse_wages else "wages"
        lines.append(
            Line(
                f"Additional Medicare Tax 0.9% above {_usd(threshold)} ({both} + SE earnings)", addl
            )
        )

    half_se = se_tax / 2
    agi = wages + other_income + profit - half_se
    if w2_wages or other_income:
        lines.append(Line("W-2 wages and other income", w2_wages + other_income, "base"))
    if qualified_dividends:
        lines.append(
            Line(
                "of which qualified dividends and long-term capital gains",
                qualified_dividends,
                "info",
            )
        )
    if spouse_wages:
        lines.append(Line("Spouse's W-2 wages (joint return)", spouse_wages, "base"))
    lines.append(Line("Deduction for half of SE tax", -half_se, "deduction"))
    lines.append(Line("Adjusted gross income", agi, "base"))

    standard = p["standard_deduction"][filing_status]
    additional = p["additional_standard_deduction"][filing_status] * (seniors + blind)
    if deductions > standard + additional:
        lines.append(Line("Itemized deductions", -deductions, "deduction"))
    else:
        lines.append(
            Line(f"Standard deduction ({STATUS_NAMES[filing_status]})", -standard, "deduction")
        )
        if additional:
            lines.append(
                Line(
                    f"Additional standard deduction, {_conditions(seniors, blind)}: "
                    f"{seniors + blind} × {_usd(p['additional_standard_deduction'][filing_status])}",
                    -additional,
                    "deduction",
                )
            )
    senior = senior_deduction(agi, seniors, filing_status, p)
    if seniors:
        rule = p["senior_deduction"]
        start = rule["phase_out_start"][filing_status]
        label = f"Senior deduction (2025–2028): {seniors} × {_usd(rule['amount'])}"
        if agi > start:
            label += f", each less {rule['phase_out_rate']:.0%} of AGI above {_usd(start)}"
        lines.append(Line(label, -senior, "deduction"))
    ti_before_qbi = max(agi - max(standard + additional, deductions) - senior, 0.0)

    qbi_income = max(profit - half_se, 0.0)
    qbi_threshold = p["qbi_threshold"][filing_status]
    qbi_range = p["qbi_phase_in_range"][filing_status]
    phase_in = min(max(ti_before_qbi - qbi_threshold, 0.0) / qbi_range, 1.0)
    # a specified service's phase-in, or another trade's without W-2 wages: the module doc
    kept = (1.0 - phase_in) if other_trade else (1.0 - phase_in) ** 2
    qbi_cap = p["qbi_rate"] * max(ti_before_qbi - qualified_dividends, 0.0)
    qbi = min(p["qbi_rate"] * qbi_income * kept, qbi_cap)
    if phase_in == 0:
        qbi_label = "QBI deduction (20%, limited to 20% of taxable income before it" + (
            " less the qualified dividends and gains)" if qualified_dividends else ")"
        )
    else:
        top = qbi_threshold + qbi_range
        span = f"{_usd(qbi_threshold)}–{_usd(top)}"
        business = (
            "not a specified service, no W-2 wages" if other_trade else "the smallest possible"
        )
        if phase_in < 1:
            qbi_label = (
                f"QBI deduction ({business}, so the tax is an upper bound: 20% × "
                f"{kept:.1%} of QBI, phase-in range {span})"
            )
        else:
            qbi_label = (
                f"QBI deduction ({business}, none above {_usd(top)}: the tax is an upper bound)"
            )
        if other_trade:
            notes.append(
                f"This estimate is an upper bound: taxable income before the QBI deduction is "
                f"above {_usd(qbi_threshold)}, where the 20% QBI deduction of a business that "
                f"is not a specified service phases in (over {span}) a limit of 50% of the W-2 "
                "wages it pays (or 25% of them and 2.5% of its property). GigLens takes a "
                "business paying no wages, the smallest deduction; one paying wages deducts "
                "more (Form 8995-A)."
            )
        else:
            notes.append(
                f"This estimate is an upper bound: taxable income before the QBI deduction is "
                f"above {_usd(qbi_threshold)}, where the 20% QBI deduction phases out (over "
                f"{span}) in a way that depends on your business. GigLens takes the smallest "
                "deduction, that of a specified service business (consulting, law, health, "
                "accounting, financial services, performing arts...) that pays no W-2 wages; "
                "any other trade, or one paying wages, deducts at least as much and owes no "
                "more (Form 8995-A). If your work is not a specified service (software, "
                "design, driving, deliveries and selling goods are not), say so under More "
                "about your situation."
            )
    minimum = p["qbi_minimum_deduction"]
    if minimum and qbi_income >= minimum["qbi_at_least"] and qbi < minimum["deduction"]:
        qbi = float(minimum["deduction"])
        qbi_label = f"QBI deduction (the {_usd(minimum['deduction'])} minimum)"
    if qbi > ti_before_qbi:  # the $400 minimum on a smaller taxable income: it can go to 0 only
        qbi = ti_before_qbi
        qbi_label = qbi_label[:-1] + ", up to the taxable income before it)"
    lines.append(Line(qbi_label, -qbi, "deduction"))
    taxable = max(ti_before_qbi - qbi, 0.0)
    lines.append(Line("Taxable income", taxable, "base"))

    ordinary = max(taxable - qualified_dividends, 0.0)
    income_tax = 0.0
    for lower, upper, rate, part in bracket_slices(ordinary, p["brackets"][filing_status]):
        span = f"{_usd(lower)}–{_usd(upper)}" if upper is not None else f"above {_usd(lower)}"
        what = "ordinary taxable income" if qualified_dividends else "taxable income"
        lines.append(Line(f"Income tax {rate:.0%} on {what} {span}", rate * part))
        income_tax += rate * part
    if taxable > ordinary:  # the dividends and gains, stacked on the ordinary income
        regular = sum(
            rate * part
            for _lower, _upper, rate, part in bracket_slices(taxable, p["brackets"][filing_status])
        )
        stacked = income_tax
        for lower, upper, rate, part in bracket_slices(
            taxable, p["capital_gains_brackets"][filing_status]
        ):
            part = min(part, (lower + part) - ordinary)  # only what lies above the ordinary
            if part <= 0:
                continue
            top = f"up to {_usd(upper)}" if upper is not None else f"above {_usd(lower)}"
            lines.append(
                Line(
                    f"Tax {rate:.0%} on qualified dividends and long-term gains "
                    f"({_usd(round(part, 2))} of them, taxable income {top})",
                    rate * part,
                )
            )
            stacked += rate * part
        if stacked > regular:  # the worksheet's last step: never more than the regular tax
            lines.append(
                Line(
                    "Less: the regular tax on all of the taxable income is lower (the "
                    "worksheet takes the smaller)",
                    regular - stacked,
                )
            )
        income_tax = min(stacked, regular)
    if qualified_dividends:
        niit = p["net_investment_income_tax"]
        above = max(agi - niit["threshold"][filing_status], 0.0)
        if above > 0:
            base = min(qualified_dividends, above)
            lines.append(
                Line(
                    f"Net Investment Income Tax {niit['rate']:.1%} on {_usd(round(base, 2))} of "
                    f"the dividends and gains (AGI above {_usd(niit['threshold'][filing_status])})",
                    niit["rate"] * base,
                )
            )
            income_tax += niit["rate"] * base

    notes.append(
        "Federal income tax before credits, plus self-employment tax; state and local income "
        "taxes are not included."
    )
    niit_threshold = p["net_investment_income_tax"]["threshold"][filing_status]
    if other_income > qualified_dividends and agi > niit_threshold:
        notes.append(
            f"With an AGI above {_usd(niit_threshold)}, interest, rent and other investment "
            "income owe the 3.8% Net Investment Income Tax too (Form 8960): it is included "
            "only for the qualified dividends and long-term gains you entered."
        )
    if filing_status == "married_joint" and se["net_earnings"] > 0:
        notes.append(
            "Self-employment tax is worked out for one of you: all the profit counts as yours, "
            "against your own wages' Social Security wage base and the $400 minimum. If you "
            "both earn it, each owes it on their own share (a Schedule SE each): enter the "
            "wages of the one who earns most of it as yours, and read the SE tax as an "
            "estimate (with that one's wages above the wage base, the other's share still "
            "owes the 12.4%)."
        )
    if spouse_wages > 0:
        notes.append(
            "Your spouse's wages count for the income tax and the Additional Medicare Tax of the "
            "joint return, but not against your Social Security wage base (it is per person)."
        )
    if wages > 0:
        notes.append(
            f"The total includes the income tax on {whose_wages(w2_wages, spouse_wages)}; "
            "employers normally withhold it "
            "(and the 7.65% employee payroll tax, which is not shown)."
        )
    # Schedule SE and Form 8959 are separate forms: each total is rounded on its own.
    return Parts(income_tax, cents(se_tax) + cents(addl), lines, notes, agi=agi)
