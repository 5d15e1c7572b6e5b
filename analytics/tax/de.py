"""German income tax (§32a EStG) and solidarity surcharge (SolZG 1995).

zvE     = max(profit + W(wages) + W(spouse's wages) + other income − S − deductions, 0),
          rounded down to whole euros (spouse's wages: joint assessment, Zusammenveranlagung,
          only); S = 36 (72 joint), the Sonderausgaben-Pauschbetrag (§10c EStG), which the
          tax office deducts for Sonderausgaben other than insurance unless higher ones are
          claimed (`deductions` are those beyond it);
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
Church  = rate × tax (8% Bavaria, Baden-Württemberg; 9% the other states), rounded down to
          the cent (§51a EStG: on the income tax; no child allowances here)
Hardship allowance (Härteausgleich, §46(3) EStG, §70 EStDV), only with wages (yours or, jointly,
          your spouse's): with E = profit + other income, the income no wage tax was withheld
          from, zvE is lowered by E when 0 < E ≤ 410 and by 820 − E when 410 < E < 820
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


def hardship_allowance(side_income: float, p: TaxParameters) -> float:
    """§46(3) EStG, §70 EStDV: what an employee's income without wage tax (`side_income`,
    profit + other income) takes off the taxable income: all of it up to €410, then 820 − it,
    nothing from €820."""
    rule = p["hardship_allowance"]
    if side_income <= 0:
        return 0.0
    if side_income <= rule["exempt_up_to"]:
        return side_income
    return max(rule["tapered_up_to"] - side_income, 0.0)


def de_tax(
    profit: float,
    p: TaxParameters,
    filing_status: str,
    w2_wages: float,
    other_income: float,
    deductions: float,
    spouse_wages: float = 0.0,
    church_rate: float = 0.0,
) -> Parts:
    """Income tax (§32a tariff) in income_tax, the solidarity surcharge in surcharge, church
    tax at `church_rate` of the income tax in church_tax; social_tax is 0, see notes.
    `spouse_wages`: the spouse's wages on a joint assessment."""
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
    flat = p["special_expenses_allowance"]["married_joint" if joint else "single"]
    lines.append(Line(f"Sonderausgaben-Pauschbetrag (§10c EStG, {_eur(flat)})", -flat, "deduction"))
    if deductions:
        lines.append(Line("Deductions (Sonderausgaben etc.)", -deductions, "deduction"))
    side_income = profit + other_income
    hardship = hardship_allowance(side_income, p) if (w2_wages or spouse_wages) else 0.0
    if hardship:
        rule = p["hardship_allowance"]
        lines.append(
            Line(
                "Hardship allowance (Härteausgleich, §46(3) EStG): "
                + (
                    f"income besides wages of at most {_eur(rule['exempt_up_to'])} is not taxed"
                    if side_income <= rule["exempt_up_to"]
                    else f"{_eur(rule['tapered_up_to'])} − {_eur(side_income)} of income "
                    "besides wages"
                ),
                -hardship,
                "deduction",
            )
        )
    zve = floor_to(max(profit + wages_taxed + other_income - flat - deductions - hardship, 0.0))
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
    church = floor_to(church_rate * tax, 0.01) if church_rate else 0.0
    if church_rate:
        lines.append(Line(f"Church tax (Kirchensteuer) {church_rate:.0%} of income tax", church))

    if filing_status == "head_of_household":
        notes.append(
            "Germany has no head-of-household tariff: the basic tariff is used. The relief for "
            "single parents (§24b EStG) can be entered as a deduction."
        )
    notes.append(
        "Health and long-term-care insurance are not included in this estimate; the "
        "self-employed usually pay them in full, often the largest item to set aside."
    )
    if church_rate:
        notes.append(
            "Church tax is taken on the income tax as computed here"
            + (
                ", as if you were both church members (if only one of you is, it is lower)"
                if joint
                else ""
            )
            + ". Not included: child allowances (Kinderfreibeträge), which lower its base; the "
            "cap some states grant high incomes on request (Kappung); that church tax paid is "
            "itself deductible (Sonderausgabe), so the estimate runs slightly high. Trade tax "
            "(Gewerbesteuer) is not included."
        )
    else:
        notes.append(
            "Church tax (8–9% of the income tax, for church members: set it under More about "
            "your situation) and trade tax (Gewerbesteuer) are not included."
        )
    if hardship:
        notes.append(
            "With wages, income besides them of up to €410 a year is not taxed, and up to €820 "
            "only in part (Härteausgleich); up to €410 it does not by itself oblige you to file "
            "a return (other reasons, such as tax classes III/V, still may)."
        )
    if w2_wages or spouse_wages:
        notes.append(
            f"The total includes the income tax on {whose_wages(w2_wages, spouse_wages)}, "
            "which the employer withholds (Lohnsteuer)."
        )
    return Parts(tax, 0.0, lines, notes, surcharge=soli, church_tax=church)
