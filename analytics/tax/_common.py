"""Small helpers shared by the jurisdictions: breakdown lines, brackets, rounding."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One readable row of a tax breakdown.

    `kind` says how to read `amount`: "tax" (part of the total), "base" (an amount taxed),
    "deduction" (subtracted from a base, shown negative) or "info" (context, not summed).
    """

    label: str
    amount: float
    kind: str = "tax"


@dataclass
class Parts:
    """What one jurisdiction computes; `estimate_tax` turns it into a TaxEstimate."""

    income_tax: float
    social_tax: float
    lines: list[Line]
    notes: list[str]
    agi: float | None = None  # US: adjusted gross income (Form 1040-ES worksheet line 1)
    surcharge: float = 0.0  # DE: the solidarity surcharge, a tax on the income tax
    church_tax: float = 0.0  # DE: church tax (Kirchensteuer), a share of the income tax


def whose_wages(own: float, spouse: float) -> str:
    """ "your wages", "your spouse's wages" or "your and your spouse's wages", for notes."""
    if spouse and own:
        return "your and your spouse's wages"
    return "your spouse's wages" if spouse else "your wages"


def bracket_slices(amount: float, brackets: list) -> list[tuple[float, float | None, float, float]]:
    """Split `amount` over progressive brackets [[upper or None, rate], ...].

    Returns (lower, upper, rate, taxed part) for each bracket the amount reaches;
    the tax is sum(rate × taxed part).
    """
    slices, lower = [], 0.0
    for upper, rate in brackets:
        top = math.inf if upper is None else float(upper)
        if amount > lower:
            slices.append((lower, upper, float(rate), min(amount, top) - lower))
        lower = top
    return slices


def floor_to(value: float, step: float = 1.0) -> float:
    """Round down to a multiple of `step` (1 = whole units, 0.01 = cents), ignoring float noise."""
    return math.floor(round(value / step, 6)) * step


def money(value: float, symbol: str) -> str:
    """12345.6 -> '$12,345.60' (whole amounts without cents: '$12,345')."""
    if float(value).is_integer():
        return f"{symbol}{value:,.0f}"
    return f"{symbol}{value:,.2f}"


def to_the_cent(value: float, symbol: str) -> str:
    """A computed sum of money, always to the cent: 1420 -> '$1,420.00' (as the pages write it;
    `money` is for the law's round figures)."""
    return f"{symbol}{value:,.2f}"


def pennies_down(value: float) -> float:
    """Round a non-negative amount down to the cent (float noise removed first)."""
    return math.floor(round(value * 100, 6)) / 100


def cents(value: float) -> float:
    """Round half away from zero to the cent, as on a tax form (float noise removed first)."""
    scaled = round(abs(value) * 100, 6)
    return math.copysign(math.floor(scaled + 0.5) / 100, value) if value else 0.0
