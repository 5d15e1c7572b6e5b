"""German income tax (§32a EStG) and solidarity surcharge (SolZG 1995).

zvE     = max(profit + W(wages) + W(spouse's wages) + other income − deductions, 0), rounded
          down to whole euros (spouse's wages: joint assessment, Zusammenveranlagung, only);
          W(w) = max(w − 1,230, 0), each employee's wages less the Arbeitnehmer-Pauschbetrag
          (§9a Satz 1 Nr. 1a EStG)
T(x)    = 0                                   x ≤ Grundfreibetrag (G)
          (a₂·y + b₂)·y,  y = (x − G)/10,000   x ≤ E₂
          (a₃·z + b₃)·z + c₃, z = (x − E₂)/10,000   x ≤ E₃
          0.42·x − c₄                         x ≤ 277,825
          0.45·x − c₅                         above;  tax rounded down to whole euros
Splitting (married_joint): 2 × T(⌊zvE / 2⌋)
Soli    = 0 if tax ≤ exemption limit F, else min(5.5% × tax, 11.9% × (tax − F)),
          rounded down to the cent (the 11.9% branch is the Milderungszone)
"""

from __future__ import annotations

from analytics.tax._common import Line, Parts, floor_to, money, whose_wages
from analytics.tax.params import TaxParameters


def _eur(value: float) -> str:
    return money(value, "€")


def tariff(zve: float, p: TaxParameters) -> float:
    """§32a(1) EStG basic tariff on taxable income `zve`, as the law states it (see module doc)."""
    t = p["tariff"]
    x = floor_to(max(zve, 0.0))
    if x <= t["basic_allowance"]:
        return 0.0
    if x <= t["zone2_end"]:
        y = (x - t["basic_allowance"]) / 10_000
        a, b = t["zone2"]
        tax = (a * y + b) * y
    elif x <= t["zone3_end"]:
        z = (x - t["zone2_end"]) / 10_000
        a, b, c = t["zone3"]
        tax = (a * z + b) * z + c
    elif x <= t["zone4_end"]:
        rate, c = t["zone4"]
        tax = rate * x - c
    else:
        rate, c = t["zone5"]
        tax = rate * x - c
    return floor_to(tax)


def splitting_tariff(zve: float, p: TaxParameters) -> float:
    """§32a(5) EStG: twice the tax on half the joint taxable income (half rounded down)."""
    return 2 * tariff(floor_to(max(zve, 0.0) / 2), p)


def solidarity_surcharge(income_tax: float, joint: bool, p: TaxParameters) -> tuple[float, str]:
    """(surcharge, zone) with zone "exempt", "milderungszone" or "full"; see module doc."""
    limit = p["solidarity_exemption_limit"]["married_joint" if joint else "single"]
    if income_tax <= limit:
        return 0.0, "exempt"
    full = p["solidarity_rate"] * income_tax
    mild = p["solidarity_milderung_rate"] * (income_tax - limit)
    if mild < full:
        return floor_to(mild, 0.01), "milderungszone"
    return floor_to(full, 0.01), "full"


def de_tax(
    profit: float,
    p: TaxParameters,
    filing_status: str,
    w2_wages: float,
    other_income: float,
    deductions: float,
    spouse_wages: float = 0.0,
) -> Parts:
    """Income tax (§32a tariff) in income_tax, the solidarity surcharge in surcharge;
    social_tax is 0, see notes. `spouse_wages`: the spouse's wages on a joint assessment."""
    lines: list[Line] = []
    notes: list[str] = []
    joint = filing_status == "married_joint"
    allowance = p["employee_allowance"]
    lines.append(Line("Profit from self-employment", profit, "base"))
    wages_taxed = 0.0
    for label, wages in (
        ("Your wages", w2_wages),
        ("Spouse's wages (joint assessment)", spouse_wages),
    ):
        if wages:
            lines.append(Line(label, wages, "base"))
            kept = min(allowance, wages)
            lines.append(
                Line(
                    f"Employee allowance (Arbeitnehmer-Pauschbetrag, {_eur(allowance)})",
                    -kept,
                    "deduction",
                )
            )
            wages_taxed += wages - kept
    if other_income:
        lines.append(Line("Other income", other_income, "base"))
    if deductions:
        lines.append(Line("Deductions (Sonderausgaben etc.)", -deductions, "deduction"))
    zve = floor_to(max(profit + wages_taxed + other_income - deductions, 0.0))
    lines.append(Line("Taxable income (zvE), rounded down to whole euros", zve, "base"))
    if joint:
        tax = splitting_tariff(zve, p)
        label = "Income tax §32a EStG, splitting: 2 × tax on half the joint income"
    else:
        tax = tariff(zve, p)
        label = "Income tax §32a EStG, basic tariff (rounded down to whole euros)"
    lines.append(Line(label, tax))

    soli, zone = solidarity_surcharge(tax, joint, p)
    limit = p["solidarity_exemption_limit"]["married_joint" if joint else "single"]
    if zone == "exempt":
        soli_label = f"Solidarity surcharge: none, income tax is within the {_eur(limit)} exemption"
    elif zone == "milderungszone":
        soli_label = f"Solidarity surcharge, Milderungszone: 11.9% × (income tax − {_eur(limit)})"
    else:
        soli_label = "Solidarity surcharge 5.5% of income tax"
    lines.append(Line(soli_label, soli))

    if filing_status == "head_of_household":
        notes.append(
            "Germany has no head-of-household tariff: the basic tariff is used. The relief for "
            "single parents (§24b EStG) can be entered as a deduction."
        )
    notes.append(
        "Health and long-term-care insurance are not included in this estimate; the "
        "self-employed usually pay them in full, often the largest item to set aside."
    )
    notes.append("Church tax and trade tax (Gewerbesteuer) are not included.")
    if w2_wages or spouse_wages:
        notes.append(
            f"The total includes the income tax on {whose_wages(w2_wages, spouse_wages)}, "
            "which the employer withholds (Lohnsteuer)."
        )
    return Parts(tax, 0.0, lines, notes, surcharge=soli)
