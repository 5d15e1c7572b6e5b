"""UK income tax and Class 4 NIC for a sole trader (England, Wales and Northern Ireland
bands, or Scotland's for a Scottish taxpayer).

trading profit   P = profit, or 0 when gross trading income is £1,000 or less (`trading_profit`)
total income     I = P + wages + other income − deductions (reliefs such as losses)
gross pension    G = min(paid ÷ (1 − 20%), max(relevant earnings, £3,600)): personal pension
                   contributions with relief at source, grossed up by the basic-rate relief
                   already given, relieved on at most the year's relevant UK earnings
                   (trading profit + employment income) or £3,600 (FA 2004 s.190)
allowance        PA = max(12,570 − ½ × max(I − G − 100,000, 0), 0)  (on adjusted net income)
taxable income   TI = max(I − PA, 0)
income tax       = 20% of TI up to 37,700 + G + 40% up to 125,140 + G + 45% above; a Scottish
                   taxpayer: 19 / 20 / 21 / 42 / 45 / 48% over Scotland's bands of TI, every
                   limit from the basic rate's on raised by G (FA 2004 s.192(4))
Class 4 NIC      = 6% × (min(profit, 50,270) − 12,570)⁺ + 2% × (profit − 50,270)⁺
"""

from __future__ import annotations

from analytics.tax._common import Line, Parts, bracket_slices, money
from analytics.tax.params import TaxParameters


def _gbp(value: float) -> str:
    return money(value, "£")


def personal_allowance(total_income: float, p: TaxParameters) -> float:
    """PA reduced by £1 for every £2 of (adjusted net) income above £100,000, not below 0."""
    excess = max(total_income - p["personal_allowance_taper_start"], 0.0)
    return max(p["personal_allowance"] - p["personal_allowance_taper_rate"] * excess, 0.0)


def class4_nic(profit: float, p: TaxParameters) -> tuple[float, float]:
    """(main-rate part, upper-rate part) of Class 4 NIC on trading profit."""
    lower, upper = p["class4_lower_profits_limit"], p["class4_upper_profits_limit"]
    main = p["class4_main_rate"] * max(min(profit, upper) - lower, 0.0)
    top = p["class4_upper_rate"] * max(profit - upper, 0.0)
    return main, top


def extended_bands(bands: list, gross: float) -> list:
    """The bands with the basic rate limit and every limit above it raised by `gross` (the
    grossed-up relief-at-source pension contributions): the 20% band grows by
    it and each higher band starts that much later. Scotland's starter band (19%) does not."""
    if not gross:
        return bands
    basic = next(i for i, (_upper, rate) in enumerate(bands) if rate >= BASIC_RATE)
    return [
        [upper if upper is None or i < basic else upper + gross, rate]
        for i, (upper, rate) in enumerate(bands)
    ]


# Relief at source is given at the basic rate, in Scotland too (FA 2004 s.192(1A)), on gross
# contributions of at most the relevant UK earnings or the basic amount of £3,600 (s.190); above
# the £60,000 annual allowance a charge claws the relief back (s.227-228, not modelled).
BASIC_RATE = 0.2
RELIEF_BASIC_AMOUNT = 3600.0
ANNUAL_ALLOWANCE = 60000.0


def trading_profit(profit: float, trading_income: float | None, allowance: float) -> float:
    """The trading profit taxed with the trading allowance (ITTOIA 2005 Part 6A): none of it
    when the gross trading income is `allowance` (£1,000) or less (full relief: a loss stays a
    loss); otherwise the profit as it is (claiming the allowance instead of the actual
    expenses is the user's choice on the return, which a note points out where it would
    help). `trading_income` None: not known, `profit`."""
    if trading_income is None or trading_income > allowance:
        return profit
    return min(profit, 0.0)


def uk_tax(
    profit: float,
    p: TaxParameters,
    filing_status: str,
    w2_wages: float,
    other_income: float,
    deductions: float,
    scottish: bool = False,
    relief_at_source: float = 0.0,
    trading_income: float | None = None,
) -> Parts:
    """Income tax with the tapered personal allowance and Class 4 NIC; formulas above.
    `scottish`: a Scottish taxpayer (income tax on Scotland's bands; Class 4 NIC is UK-wide).
    `relief_at_source`: what was paid into personal pensions with relief at source (net of the
    basic-rate relief the provider claims).
    `trading_income`: the gross trading income when known (the trading allowance is then
    applied before: no note about it)."""
    lines: list[Line] = []
    notes: list[str] = []
    total_income = profit + w2_wages + other_income - deductions
    lines.append(Line("Total income", total_income, "base"))
    paid_gross = relief_at_source / (1 - BASIC_RATE)
    most = max(max(profit, 0.0) + w2_wages, RELIEF_BASIC_AMOUNT)
    gross = min(paid_gross, most)
    if paid_gross > most:
        notes.append(
            f"Pension contributions get tax relief on at most your relevant UK earnings (profit "
            f"and salary), or {_gbp(RELIEF_BASIC_AMOUNT)} if more: {_gbp(round(gross, 2))} of "
            f"the {_gbp(round(paid_gross, 2))} paid in (with the provider's 20%) counts."
        )
    if gross > ANNUAL_ALLOWANCE:
        notes.append(
            f"Pension contributions above the {_gbp(ANNUAL_ALLOWANCE)} annual allowance (less "
            "with a high income, more with unused allowance from the last three years) owe the "
            "annual allowance charge, which this estimate leaves out."
        )
    allowance = personal_allowance(total_income - gross, p)
    label = f"Personal allowance ({_gbp(p['personal_allowance'])}"
    if allowance < p["personal_allowance"]:
        label += (
            f", reduced by £1 for every £2 of adjusted net income above "
            f"{_gbp(p['personal_allowance_taper_start'])}"
        )
    lines.append(Line(label + ")", -min(allowance, max(total_income, 0.0)), "deduction"))
    taxable = max(total_income - allowance, 0.0)
    lines.append(Line("Taxable income", taxable, "base"))
    if gross:
        lines.append(
            Line(
                f"Pension contributions: {_gbp(round(gross, 2))} with the basic-rate relief "
                "(what you paid ÷ 0.8), widens the basic-rate band"
                + (
                    " and counts against the allowance's taper"
                    if total_income > p["personal_allowance_taper_start"]
                    else ""
                ),
                gross,
                "info",
            )
        )

    income_tax = 0.0
    name = "Scottish income tax" if scottish else "Income tax"
    bands = extended_bands(p["scottish_bands"] if scottish else p["bands"], gross)
    for lower, upper, rate, part in bracket_slices(taxable, bands):
        span = f"{_gbp(lower)}–{_gbp(upper)}" if upper is not None else f"above {_gbp(lower)}"
        lines.append(Line(f"{name} {rate:.0%} on taxable income {span}", rate * part))
        income_tax += rate * part

    main, top = class4_nic(profit, p)
    lower, upper = p["class4_lower_profits_limit"], p["class4_upper_profits_limit"]
    lines.append(Line(f"Class 4 NIC 6% on profits {_gbp(lower)}–{_gbp(upper)}", main))
    if top > 0:
        lines.append(Line(f"Class 4 NIC 2% on profits above {_gbp(upper)}", top))

    if filing_status != "single":
        notes.append("The UK taxes each person separately: this is your own tax only.")
    if trading_income is None and 0 < profit <= p["trading_allowance"]:
        notes.append(
            f"If your gross trading income (before expenses) is {_gbp(p['trading_allowance'])} "
            "or less, the trading allowance makes it tax-free."
        )
    notes.append(
        (
            "Scottish income-tax bands on the profit, wages and other income entered (savings "
            "interest and dividends are taxed at UK-wide rates: leave them out of Other "
            "income); Class 4 NIC as in the rest of the UK. "
            if scottish
            else "England, Wales and Northern Ireland bands (a Scottish taxpayer: tick the box "
            "under More about your situation). "
        )
        + "Class 2 NIC is no longer compulsory (profits of "
        f"{_gbp(p['class2_small_profits_threshold'])} or more count as paid). Student-loan "
        "repayments are not included."
    )
    small_profits = p["class2_small_profits_threshold"]
    if 0 < profit < small_profits:
        weekly = p["class2_voluntary_weekly"]
        notes.append(
            f"Your profit is below {_gbp(small_profits)}, so this year does not count towards "
            "your State Pension through self-employment: you may pay voluntary Class 2 NIC "
            f"({_gbp(weekly)} a week, {_gbp(round(weekly * 52, 2))} for "
            "the year) to make it count, unless your wages or credits already do. It is not "
            "included above."
        )
    if w2_wages > 0:
        notes.append(
            "The total includes the income tax on your wages (collected through PAYE); Class 1 "
            "NIC on wages is not shown."
        )
    return Parts(income_tax, main + top, lines, notes)
