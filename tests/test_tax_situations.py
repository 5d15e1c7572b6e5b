"""Situations that change the tax beyond income: US taxpayers aged 65 or older, German church
tax, and Germany's hardship allowance for employees' small side income.

Every expected number is worked out by hand in the docstring or the test from the published
parameters (US: Rev. Proc. 2024-40 / 2025-32 and OBBBA section 70103; DE: §32a, §46(3) EStG,
§70 EStDV, §51a EStG), never taken from the code's output.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.tax import (
    TaxInputError,
    TaxProfile,
    estimate_tax,
    payment_schedule,
    set_against_payments,
)
from analytics.tax.schedule import withheld_from_wages
from giglens_ui.page import _half_up
from giglens_ui.tax import left_to_hold, paid_words, payment_statuses


def lines(est) -> dict[str, float]:
    return {line.label: line.amount for line in est.lines}


def line_starting(est, start: str) -> float:
    found = [line.amount for line in est.lines if line.label.startswith(start)]
    assert len(found) == 1, (start, [line.label for line in est.lines])
    return found[0]


# --- US: aged 65 or older ---------------------------------------------------------------------
def test_us_2025_single_aged_65_gets_the_additional_and_the_senior_deduction():
    """Profit 40,000. SE: 40,000 x 0.9235 = 36,940; 12.4% = 4,580.56, 2.9% = 1,071.26, half
    2,825.91. AGI 37,174.09. Standard 15,750 + 2,000 (aged 65) + senior 6,000 (AGI below
    75,000): TI before QBI 13,424.09; QBI min(20% x 37,174.09, 20% x 13,424.09) = 2,684.82;
    taxable 10,739.27 x 10% = 1,073.93. Total 4,580.56 + 1,071.26 + 1,073.93 = 6,725.75.
    Without the age: TI 21,424.09, QBI 4,284.82, taxable 17,139.27: 1,192.50 + 12% x
    5,214.27 = 625.71, total 7,470.03."""
    young = estimate_tax(40_000, jurisdiction="US", year=2025)
    senior = estimate_tax(40_000, jurisdiction="US", year=2025, seniors=1)
    assert young.total == 7470.03
    assert senior.total == 6725.75
    assert line_starting(senior, "Additional standard deduction, aged 65 or older") == -2000.0
    assert line_starting(senior, "Senior deduction (2025–2028): 1 × $6,000") == -6000.0
    assert lines(senior)["Taxable income"] == 10739.27
    assert not any("Senior" in line.label for line in young.lines)


def test_us_senior_deduction_phases_out_above_75000_of_agi():
    """Single 2025, wages 95,000, no profit: AGI 95,000; senior 6,000 - 6% x 20,000 = 4,800.
    TI 95,000 - 17,750 - 4,800 = 72,450: 1,192.50 + 12% x 36,550 = 4,386 + 22% x 23,975 =
    5,274.50; total 10,853.00. At AGI 175,000 nothing is left of it."""
    est = estimate_tax(0, jurisdiction="US", year=2025, w2_wages=95_000, seniors=1)
    assert line_starting(est, "Senior deduction (2025–2028): 1 × $6,000, each less 6%") == -4800.0
    assert est.total == 10853.00
    gone = estimate_tax(0, jurisdiction="US", year=2025, w2_wages=175_000, seniors=1)
    assert line_starting(gone, "Senior deduction") == 0.0
    assert lines(gone)["Taxable income"] == 175_000 - 17_750


def test_us_joint_return_with_both_spouses_65_phases_out_each_deduction():
    """MFJ 2025, wages 120,000 + spouse 80,000: AGI 200,000; each senior deduction 6,000 -
    6% x 50,000 = 3,000, so 6,000 for two. Standard 31,500 + 2 x 1,600 = 34,700. TI 200,000 -
    34,700 - 6,000 = 159,300: 10% x 23,850 = 2,385 + 12% x 73,100 = 8,772 + 22% x 62,350 =
    13,717; total 24,874.00 (wages under 250,000: no Additional Medicare Tax)."""
    est = estimate_tax(
        0,
        jurisdiction="US",
        year=2025,
        filing_status="married_joint",
        w2_wages=120_000,
        spouse_wages=80_000,
        seniors=2,
    )
    assert line_starting(est, "Additional standard deduction, aged 65 or older: 2 × $1,600") == (
        -3200.0
    )
    assert line_starting(est, "Senior deduction (2025–2028): 2 × $6,000") == -6000.0
    assert est.total == 24874.00


def test_us_2026_additional_standard_deduction_is_2050():
    """Single 2026, wages 60,000, aged 65: standard 16,100 + 2,050, senior 6,000: TI 35,850:
    10% x 12,400 = 1,240 + 12% x 23,450 = 2,814; total 4,054.00."""
    est = estimate_tax(0, jurisdiction="US", year=2026, w2_wages=60_000, seniors=1)
    assert est.total == 4054.00


def test_us_blind_adds_the_additional_standard_deduction_but_not_the_senior_one():
    """Single 2025, profit 40,000 (as above: AGI 37,174.09), blind: standard 15,750 + 2,000,
    no senior deduction: TI before QBI 19,424.09; QBI min(7,434.82, 20% x 19,424.09 =
    3,884.82); taxable 15,539.27: 1,192.50 + 12% x 3,614.27 = 433.71 -> 1,626.21. Total
    4,580.56 + 1,071.26 + 1,626.21 = 7,278.03."""
    est = estimate_tax(40_000, jurisdiction="US", year=2025, blind=1)
    assert line_starting(est, "Additional standard deduction, blind: 1 × $2,000") == -2000.0
    assert not any("Senior" in line.label for line in est.lines)
    assert lines(est)["Taxable income"] == 15539.27
    assert est.total == 7278.03


def test_us_joint_return_counts_each_age_and_each_blindness_once():
    """MFJ 2025, wages 120,000 + 80,000 (AGI 200,000); one spouse 65 and blind, the other
    blind: 3 x 1,600 = 4,800 on top of 31,500; one senior deduction 6,000 - 6% x 50,000 =
    3,000. TI 200,000 - 36,300 - 3,000 = 160,700: 2,385 + 8,772 + 22% x 63,750 = 14,025;
    total 25,182.00."""
    est = estimate_tax(
        0,
        jurisdiction="US",
        year=2025,
        filing_status="married_joint",
        w2_wages=120_000,
        spouse_wages=80_000,
        seniors=1,
        blind=2,
    )
    label = "Additional standard deduction, 1 aged 65 or older, 2 blind: 3 × $1,600"
    assert line_starting(est, label) == -4800.0
    assert line_starting(est, "Senior deduction (2025–2028): 1 × $6,000") == -3000.0
    assert est.total == 25182.00


def test_blindness_is_checked_like_age():
    with pytest.raises(TaxInputError, match="blind counts the people on the return who are blind"):
        estimate_tax(10_000, jurisdiction="US", year=2025, blind=2)
    with pytest.raises(TaxInputError, match="people who are blind are US rules"):
        estimate_tax(10_000, jurisdiction="UK", year=2025, blind=1)
    with pytest.raises(TaxInputError, match="blind counts people"):
        estimate_tax(10_000, jurisdiction="US", year=2025, blind=0.5)


def test_us_itemizing_keeps_the_senior_deduction_but_not_the_additional_standard_one():
    """Single 2025, wages 60,000, aged 65. Itemized 20,000 beat 15,750 + 2,000: TI 60,000 -
    20,000 - 6,000 = 34,000: 1,192.50 + 12% x 22,075 = 2,649; total 3,841.50. Itemized 17,000
    do not (17,000 < 17,750): TI 60,000 - 17,750 - 6,000 = 36,250: 1,192.50 + 12% x 24,325 =
    2,919; total 4,111.50."""
    itemized = estimate_tax(
        0, jurisdiction="US", year=2025, w2_wages=60_000, deductions=20_000, seniors=1
    )
    assert lines(itemized)["Itemized deductions"] == -20000.0
    assert itemized.total == 3841.50
    standard = estimate_tax(
        0, jurisdiction="US", year=2025, w2_wages=60_000, deductions=17_000, seniors=1
    )
    assert "Itemized deductions" not in lines(standard)
    assert standard.total == 4111.50


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"jurisdiction": "US", "seniors": 2}, "0 to 1 for the filing status single"),
        ({"jurisdiction": "US", "seniors": -1}, "0 to 1"),
        ({"jurisdiction": "UK", "seniors": 1}, "are US rules"),
        ({"jurisdiction": "US", "church_tax_rate": 0.09}, "German estimate only"),
        ({"jurisdiction": "DE", "church_tax_rate": 9}, "give 0.08 or 0.09, not 9"),
        ({"jurisdiction": "DE", "church_tax_rate": 0.05}, "give 0.08 or 0.09, not 0.05"),
        ({"jurisdiction": "US", "seniors": 1.7}, "seniors counts people: 0, 1 or 2, not 1.7"),
        ({"jurisdiction": "UK", "scottish": "no"}, "scottish is True or False, not 'no'"),
    ],
)
def test_situations_of_another_country_are_refused_in_plain_words(kwargs, words):
    with pytest.raises(TaxInputError, match=words.replace("(", r"\(").replace(")", r"\)")):
        estimate_tax(10_000, year=2025, **kwargs)


# --- Germany: church tax ----------------------------------------------------------------------
def test_de_church_tax_is_a_share_of_the_income_tax():
    """zvE 40,000 (2025; a profit of 40,036 less the 36 Sonderausgaben-Pauschbetrag): income
    tax 7,320 (the reference's oracle); 9% church tax 658.80; total 7,978.80. zvE 100,000:
    31,088; Soli in the Milderungszone 11.9% x (31,088 - 19,950) = 1,325.42 (< 5.5% =
    1,709.84); 8% church tax 2,487.04; total 34,900.46."""
    est = estimate_tax(40_036, jurisdiction="DE", year=2025, church_tax_rate=0.09)
    assert est.church_tax == 658.80
    assert lines(est)["Church tax (Kirchensteuer) 9% of income tax"] == 658.80
    assert est.total == 7978.80
    high = estimate_tax(100_036, jurisdiction="DE", year=2025, church_tax_rate=0.08)
    assert (high.income_tax, high.surcharge, high.church_tax) == (31088.0, 1325.42, 2487.04)
    assert high.total == 34900.46
    assert estimate_tax(40_000, jurisdiction="DE", year=2025).church_tax == 0.0


def test_de_prepayments_carry_the_church_tax():
    """Last assessment 8,000 of income tax, no wages: Soli 0 (under 19,950), church 9% = 720;
    8,720 a year, 2,180 a quarter."""
    profile = TaxProfile(jurisdiction="DE", year=2025, church_tax_rate=0.09)
    schedule = payment_schedule(profile, prior_year_tax=8000)
    assert schedule["amount"].tolist() == [2180.0] * 4
    assert any("church tax (9%: €720.00)" in note for note in schedule.attrs["notes"])


def test_de_prepayments_below_400_of_income_tax_are_not_set_even_with_church_tax():
    """§37(5) EStG judges the income-tax prepayment: last year's 380 is under 400 a year, so
    none are set, although with 9% church tax (34.20) the total would be 414.20."""
    profile = TaxProfile(jurisdiction="DE", year=2025, church_tax_rate=0.09)
    schedule = payment_schedule(profile, prior_year_tax=380)
    assert schedule["amount"].tolist() == [0.0] * 4
    assert any("no prepayments are set (§37(5) EStG)" in n for n in schedule.attrs["notes"])


def test_de_balance_counts_the_church_tax_withheld_with_the_wage_tax_entered():
    """Wages 40,036, profit 20,000, 9% church tax. zvE 40,036 - 1,230 employee allowance - 36
    Sonderausgaben-Pauschbetrag + 20,000 = 58,770: z = 4.1327,
    T = 13,938.08 -> 13,938; no Soli (under 19,950); church 1,254.42; total 15,192.42.
    Prepayments on last year's 12,000 less the 6,930 of Lohnsteuer entered: 5,070 + 9% church
    tax 456.30 = 5,526.30 a year: 552,630 cents / 4 = 138,157 rest 2, so 1,381.58 twice and
    1,381.57 twice. Withheld with the wages: 6,930 + 9% = 623.70 of church tax = 7,553.70.
    Left for the assessment: 15,192.42 - 7,553.70 - 5,526.30 = 2,112.42."""
    profile = TaxProfile(
        jurisdiction="DE", year=2025, w2_wages=40_036, withholding=6930, church_tax_rate=0.09
    )
    schedule = payment_schedule(profile, prior_year_tax=12_000, profit=20_000)
    assert schedule["amount"].tolist() == [1381.58, 1381.58, 1381.57, 1381.57]
    assert any("leaves about €2,112.42" in n for n in schedule.attrs["notes"])


def test_de_prepayments_refuse_a_church_rate_given_in_percent():
    profile = TaxProfile(jurisdiction="DE", year=2025, church_tax_rate=9)
    with pytest.raises(TaxInputError, match="give 0.08 or 0.09"):
        payment_schedule(profile, prior_year_tax=8000)


# --- Germany: hardship allowance (Härteausgleich) -----------------------------------------------
# §32a(1) EStG 2025, zone 3 (17,444-68,480): T = (176.64 z + 2,397) z + 1,015.13,
# z = (zvE - 17,443) / 10,000, rounded down to whole euros. Wages 40,036 less the 1,230
# employee allowance and the 36 Sonderausgaben-Pauschbetrag leave 38,770: z = 2.1327,
# T = 6,930.64 -> 6,930.
WAGES = 40_036
WAGE_ONLY_TAX = 6930.0


@pytest.mark.parametrize(
    ("profit", "tax_on_profit"),
    [
        # up to 410 the side income is not taxed at all
        (300.0, 0.0),
        (410.0, 0.0),
        # 600: 820 - 600 = 220 off, zvE 38,770 + 380 = 39,150: z = 2.1707, T = 7,050.61 -> 7,050
        (600.0, 120.0),
        # 900 (from 820 on, no allowance): zvE 39,670: z = 2.2227, T = 7,215.61 -> 7,215
        (900.0, 285.0),
    ],
)
def test_de_employees_small_side_income_gets_the_hardship_allowance(profit, tax_on_profit):
    est = estimate_tax(profit, jurisdiction="DE", year=2025, w2_wages=WAGES)
    assert est.tax_on_profit == tax_on_profit
    assert est.total == WAGE_ONLY_TAX + tax_on_profit
    has_line = any(line.label.startswith("Hardship allowance") for line in est.lines)
    assert has_line == (profit < 820)


def test_de_hardship_allowance_steps_one_euro_at_a_time_above_410():
    """411 of profit: 820 - 411 = 409 off, zvE 38,772: z = 2.1329, T = 6,931.27 -> 6,931."""
    est = estimate_tax(411, jurisdiction="DE", year=2025, w2_wages=WAGES)
    assert line_starting(est, "Hardship allowance") == -409.0
    assert lines(est)["Taxable income (zvE), rounded down to whole euros"] == 38772.0
    assert est.total == 6931.0


def test_de_hardship_allowance_needs_wages_and_counts_a_spouses():
    """Without wages there is none (600 of profit and 20,036 of other income, less the 36
    Sonderausgaben-Pauschbetrag: zvE 20,600). With joint assessment the spouse's wages alone
    are enough."""
    alone = estimate_tax(600, jurisdiction="DE", year=2025, other_income=20_036)
    assert lines(alone)["Taxable income (zvE), rounded down to whole euros"] == 20600.0
    assert not any(line.label.startswith("Hardship") for line in alone.lines)
    joint = estimate_tax(
        300,
        jurisdiction="DE",
        year=2025,
        filing_status="married_joint",
        spouse_wages=40_000,
    )
    assert line_starting(joint, "Hardship allowance") == -300.0
    assert joint.tax_on_profit == 0.0


# --- UK: Scottish taxpayers ---------------------------------------------------------------------
def test_scottish_2026_27_matches_the_published_16000_example():
    """Scottish Budget 2026/27 example (BBC / Deloitte): £16,000, allowance 12,570, taxable
    3,430, all in the 19% starter band (to 16,537): 651.70. Class 4 NIC is UK-wide: 6% x
    3,430 = 205.80."""
    est = estimate_tax(16_000, jurisdiction="UK", year=2026, scottish=True)
    assert est.income_tax == 651.70
    assert est.social_tax == 205.80
    assert lines(est)["Scottish income tax 19% on taxable income £0–£3,967"] == 651.70


def test_scottish_2025_26_bands_on_30000_and_60000():
    """2025/26 bands of taxable income: 19% to 2,827 (gross 15,397), 20% to 14,921 (27,491),
    21% to 31,092 (43,662), 42% to 62,430 (75,000). £30,000: taxable 17,430 = 2,827 x 19%
    (537.13) + 12,094 x 20% (2,418.80) + 2,509 x 21% (526.89) = 3,482.82, against 3,486.00 in
    England. £60,000: taxable 47,430 = 537.13 + 2,418.80 + 16,171 x 21% (3,395.91) + 16,338 x
    42% (6,861.96) = 13,213.80, against 11,432.00; Class 4 2,456.60 either way."""
    low = estimate_tax(30_000, jurisdiction="UK", year=2025, scottish=True)
    assert low.income_tax == 3482.82
    assert estimate_tax(30_000, jurisdiction="UK", year=2025).income_tax == 3486.00
    high = estimate_tax(60_000, jurisdiction="UK", year=2025, scottish=True)
    assert (high.income_tax, high.social_tax, high.total) == (13213.80, 2456.60, 15670.40)
    assert estimate_tax(60_000, jurisdiction="UK", year=2025).income_tax == 11432.00
    assert any(note.startswith("Scottish income-tax bands") for note in high.notes)


def test_scottish_bands_are_refused_outside_the_uk():
    with pytest.raises(TaxInputError, match="part of the UK estimate only"):
        estimate_tax(10_000, jurisdiction="US", year=2025, scottish=True)


# --- business driving at the standard mileage rates -------------------------------------------
@pytest.mark.parametrize(
    ("jurisdiction", "year", "miles", "deduction", "label"),
    [
        # IRS Notice 2025-5: 70 cents a mile; Notice 2026-10: 72.5 cents
        ("US", 2025, 12_000, 8400.00, "Mileage: 12,000 miles × 70¢"),
        ("US", 2026, 1_000, 725.00, "Mileage: 1,000 miles × 72.5¢"),
        # HMRC simplified expenses: 10,000 x 45p = 4,500 + 2,500 x 25p = 625
        ("UK", 2025, 12_500, 5125.00, "Mileage: 10,000 miles × 45p + 2,500 × 25p"),
        ("UK", 2026, 800, 360.00, "Mileage: 800 miles × 45p"),
        # 0.30 euros a kilometre
        ("DE", 2025, 5_000, 1500.00, "Business trips: 5,000 km × €0.30"),
    ],
)
def test_business_driving_is_deducted_at_the_standard_rate(
    jurisdiction, year, miles, deduction, label
):
    est = estimate_tax(
        40_000, jurisdiction=jurisdiction, year=year, business_miles=miles, expenses=100
    )
    assert lines(est)[label] == -deduction
    assert lines(est)["Business expenses you entered"] == -100.0
    assert lines(est)["Profit after expenses"] == round(40_000 - 100 - deduction, 2)


def test_mileage_lowers_the_us_tax_as_a_schedule_c_expense():
    """US 2025 single, 40,000 - 12,000 x 0.70 = 31,600. SE: 31,600 x 0.9235 = 29,182.60;
    12.4% = 3,618.64, 2.9% = 846.30; half 2,232.47; AGI 29,367.53; TI before QBI 13,617.53;
    QBI min(20% x 29,367.53, 20% x 13,617.53) = 2,723.51; taxable 10,894.02 x 10% = 1,089.40.
    Total 3,618.64 + 846.30 + 1,089.40 = 5,554.34."""
    est = estimate_tax(40_000, jurisdiction="US", year=2025, business_miles=12_000)
    assert est.total == 5554.34
    assert est.effective_rate == pytest.approx(5554.34 / 40_000)  # still per unit of income


def test_mileage_lowers_the_uk_class_4_and_income_tax():
    """UK 2025/26, 30,000 - 5,125 (12,500 miles) = 24,875: taxable 12,305 x 20% = 2,461.00;
    Class 4 6% x 12,305 = 738.30; total 3,199.30."""
    est = estimate_tax(30_000, jurisdiction="UK", year=2025, business_miles=12_500)
    assert (est.income_tax, est.social_tax, est.total) == (2461.00, 738.30, 3199.30)


def test_mileage_is_refused_with_a_flat_rate_and_when_negative():
    with pytest.raises(TaxInputError, match="add the cost of your business driving"):
        estimate_tax(10_000, jurisdiction="flat", year=2025, rate=0.2, business_miles=100)
    with pytest.raises(TaxInputError, match="business miles cannot be negative"):
        estimate_tax(10_000, jurisdiction="US", year=2025, business_miles=-5)


# --- edge cases from a mutation audit (each value worked by hand) -------------------------------
def test_senior_phase_out_is_on_agi_after_half_the_se_tax():
    """Single 2025, wages 80,000, profit 10,000: SE 10,000 x 0.9235 = 9,235; 12.4% = 1,145.14,
    2.9% = 267.815, half 706.48; AGI 89,293.52; 6,000 - 6% x 14,293.52 = 5,142.39."""
    est = estimate_tax(10_000, jurisdiction="US", year=2025, w2_wages=80_000, seniors=1)
    assert line_starting(est, "Senior deduction") == -5142.39


def test_hardship_allowance_counts_other_income_and_needs_wages():
    """Wages 40,036, profit 300 and other income 600: 900 beside the wages, no allowance; zvE
    38,770 + 900 = 39,670: z = 2.2227, T = 7,215.61 -> 7,215. Without wages, 600 of profit
    gets no hardship line at all."""
    est = estimate_tax(300, jurisdiction="DE", year=2025, w2_wages=WAGES, other_income=600)
    assert est.total == 7215.0
    alone = estimate_tax(600, jurisdiction="DE", year=2025)
    assert not any(line.label.startswith("Hardship") for line in alone.lines)


def test_de_prepayment_church_tax_is_on_the_income_tax_not_the_soli():
    """Last assessment 24,000, 9% church: Soli min(5.5% x 24,000 = 1,320, 11.9% x (24,000 -
    19,950) = 481.95) = 481.95; church 2,160; 24,000 + 481.95 + 2,160 = 26,641.95 =
    2,664,195 cents / 4 = 666,048 rest 3: three of 6,660.49 and one of 6,660.48. 400 a year is
    set (§37(5): at least 400): 100 a quarter."""
    profile = TaxProfile(jurisdiction="DE", year=2025, church_tax_rate=0.09)
    assert payment_schedule(profile, prior_year_tax=24_000)["amount"].tolist() == [6660.49] * 3 + [
        6660.48
    ]
    plain = payment_schedule(TaxProfile(jurisdiction="DE", year=2025), prior_year_tax=400)
    assert plain["amount"].tolist() == [100.0] * 4


def test_de_wage_tax_entered_carries_its_soli_and_church_tax():
    """Lohnsteuer 25,000 entered: Soli min(1,375, 11.9% x 5,050 = 600.95) = 600.95, so
    25,600.95 withheld; joint (limit 39,900): no Soli, 25,000.00; with 9% church tax + 2,250 =
    27,850.95."""
    est = estimate_tax(0, jurisdiction="DE", year=2025, w2_wages=100_000)
    single = TaxProfile("DE", 2025, w2_wages=100_000, withholding=25_000)
    joint = TaxProfile(
        "DE", 2025, filing_status="married_joint", w2_wages=100_000, withholding=25_000
    )
    church = TaxProfile("DE", 2025, w2_wages=100_000, withholding=25_000, church_tax_rate=0.09)
    assert withheld_from_wages(single, est) == 25600.95
    assert withheld_from_wages(joint, est) == 25000.0
    assert withheld_from_wages(church, est) == 27850.95


def test_de_year_end_note_counts_the_prepayments_already_paid():
    """Last assessment 8,000 (2,000 a quarter), profit 60,036: T(60,000) = 14,415. With 10,000
    paid (more than the 8,000 of prepayments): 14,415 - 10,000 = 4,415 left."""
    profile = TaxProfile(jurisdiction="DE", year=2025, paid=10_000)
    schedule = payment_schedule(profile, prior_year_tax=8_000, profit=60_036)
    assert schedule["amount"].tolist() == [2000.0] * 4
    assert any("leaves about €4,415" in n for n in schedule.attrs["notes"])


def test_de_wage_tax_assumed_leaves_the_miles_out():
    """Wages 40,036 and 5,000 km: the wage tax assumed is the tariff's on the wages alone,
    6,930 (zvE 38,770), not lowered by the driving; (12,000 - 6,930) / 4 = 1,267.50."""
    profile = TaxProfile(jurisdiction="DE", year=2025, w2_wages=WAGES, business_miles=5_000)
    assert payment_schedule(profile, prior_year_tax=12_000)["amount"].tolist() == [1267.5] * 4


def test_paid_amounts_leave_no_float_dust_and_refuse_a_negative():
    """UK 2025/26 bill 4,531.80 (1,500 + 1,500 + 1,531.80): paying exactly that leaves 0.00."""
    schedule = payment_schedule(TaxProfile("UK", 2025, prior_year_tax=3000), profit=30_000)
    assert set_against_payments(schedule, 4531.80).attrs["paid_beyond"] == 0.0
    with pytest.raises(TaxInputError, match="tax already paid"):
        payment_schedule(TaxProfile("US", 2025, paid=-5), profit=30_000)


def test_paid_words_on_the_exact_amounts():
    assert "at least the" in paid_words(100.0, 1318.54, 1318.54, "USD", "2025")
    assert "covers that for now" in paid_words(329.63, 329.63, 1318.54, "USD", "2025")
    assert _half_up(0.3 + 0.35, 1) == 0.7  # 0.6499999... in binary: half up all the same


def test_a_payment_of_nothing_is_never_the_next_one():
    """A 0.00 payment first in the schedule (a US first quarter with no tax yet) is "none due";
    the next payment is the first one with something to pay, then the rest stay blank."""
    schedule = pd.DataFrame(
        {
            "due_date": pd.to_datetime(["2027-01-15", "2027-04-15", "2027-06-15"]),
            "amount": [0.0, 500.0, 500.0],
            "paid": [0.0, 0.0, 0.0],
            "left": [0.0, 500.0, 500.0],
        }
    )
    today = pd.Timestamp(2027, 1, 1)
    assert payment_statuses(schedule, today, 0.0) == ["none due", "next", ""]
    # 200 paid towards April: part paid and still the next; June waits
    schedule["paid"] = [0.0, 200.0, 0.0]
    schedule["left"] = [0.0, 300.0, 500.0]
    assert payment_statuses(schedule, today, 200.0) == ["none due", "part paid, next", ""]
    # in May, April passed part paid, its rest overdue, and June is next
    assert payment_statuses(schedule, pd.Timestamp(2027, 5, 1), 200.0) == [
        "none due",
        "part paid, rest overdue",
        "next",
    ]


def test_what_the_reserve_still_holds_after_payments():
    """A reserve of 11,210.85 (the gig part of the tax). With 5,000 withheld from wages the year
    leaves 7,682.35 to pay: 8,000 paid covers it, nothing to hold. Nothing withheld, it leaves
    12,682.35: 12,000 paid covers the reserve, and 682.35 is still to pay - kept for the return
    once the year is over, brought by new payments' share while it runs. 500 paid leaves
    10,710.85 of the reserve."""
    assert left_to_hold(11210.85, 0.0, 7682.35) == 11210.85
    assert left_to_hold(11210.85, 8000.0, 7682.35, year_over=True) == 0.0
    assert left_to_hold(11210.85, 12000.0, 12682.35, year_over=True) == 682.35
    assert left_to_hold(11210.85, 12000.0, 12682.35, year_over=False) == 0.0
    assert left_to_hold(11210.85, 500.0, 12682.35) == 10710.85
    words = paid_words(11210.85, 12000.0, 12682.35, "USD", "2025", year_over=True)
    assert "keep **$682.35** for your return" in words
    assert "new payments" not in words


def test_downloads_are_named_after_their_tax_profile():
    from giglens_ui.tax import download_suffix

    assert download_suffix(TaxProfile("US", 2025)) == "_tax-US-2025"
    assert download_suffix(TaxProfile("UK", 2025)) == "_tax-UK-2025-26"


# UK: personal pensions with relief at source (FA 2004 s.190 and s.192(4)):
# the gross contribution (paid / 0.8) extends the basic and higher rate limits and is deducted
# from adjusted net income for the personal allowance's taper.


def test_uk_relief_at_source_widens_the_basic_rate_band():
    """£60,000 profit, £4,000 paid (£5,000 gross): taxable 47,430; 20% x 42,700 = 8,540 +
    40% x 4,730 = 1,892 -> 10,432 (without: 20% x 37,700 + 40% x 9,730 = 11,432)."""
    assert estimate_tax(60000, jurisdiction="UK", year=2025).income_tax == 11432.0
    est = estimate_tax(60000, jurisdiction="UK", year=2025, relief_at_source=4000)
    assert est.income_tax == 10432.0
    assert est.social_tax == 2456.60  # Class 4 NIC is not changed by pension contributions


def test_uk_relief_at_source_restores_the_tapered_personal_allowance():
    """£110,000 profit, £8,000 paid (£10,000 gross): adjusted net income 100,000, the whole
    £12,570 allowance; taxable 97,430: 20% x 47,700 = 9,540 + 40% x 49,730 = 19,892 ->
    29,432. Without: allowance 12,570 - 5,000 = 7,570, taxable 102,430: 20% x 37,700 = 7,540
    + 40% x 64,730 = 25,892 -> 33,432."""
    assert estimate_tax(110000, jurisdiction="UK", year=2025).income_tax == 33432.0
    est = estimate_tax(110000, jurisdiction="UK", year=2025, relief_at_source=8000)
    assert est.income_tax == 29432.0


def test_uk_relief_at_source_moves_the_additional_rate_threshold_too():
    """£200,000 profit (no allowance), £16,000 paid (£20,000 gross): 20% x 57,700 = 11,540 +
    40% x (145,140 - 57,700) = 34,976 + 45% x 54,860 = 24,687 -> 71,203. Without: 20% x
    37,700 = 7,540 + 40% x 87,440 = 34,976 + 45% x 74,860 = 33,687 -> 76,203 (45% relief)."""
    assert estimate_tax(200000, jurisdiction="UK", year=2025).income_tax == 76203.0
    est = estimate_tax(200000, jurisdiction="UK", year=2025, relief_at_source=16000)
    assert est.income_tax == 71203.0


def test_scottish_relief_at_source_moves_the_limits_above_the_starter_band():
    """Scottish 2025/26, £60,000 profit, £4,000 paid (£5,000 gross), taxable 47,430: 19% x
    2,827 = 537.13 + 20% x (19,921 - 2,827) = 3,418.80 + 21% x (36,092 - 19,921) = 3,395.91
    + 42% x (47,430 - 36,092) = 4,761.96 -> 12,113.80; without it 13,213.80 (22% of 5,000
    more: the 42% taxpayer's relief above the 20% at source)."""
    without = estimate_tax(60000, jurisdiction="UK", year=2025, scottish=True)
    assert without.income_tax == 13213.80
    est = estimate_tax(60000, jurisdiction="UK", year=2025, scottish=True, relief_at_source=4000)
    assert est.income_tax == 12113.80


def test_relief_at_source_is_refused_outside_the_uk():
    with pytest.raises(TaxInputError, match="UK estimate only"):
        estimate_tax(60000, jurisdiction="US", year=2025, relief_at_source=1000)
    with pytest.raises(TaxInputError, match="pension"):
        estimate_tax(60000, jurisdiction="UK", year=2025, relief_at_source=-1)


# US: Medicare wages (W-2 box 5) when they differ from box 1 (a 401(k) deferral lowers box 1
# only). Schedule SE line 8a takes Social Security wages (box 3: box 5 capped at the wage
# base), Form 8959 Medicare wages (box 5).


def test_us_medicare_wages_use_up_the_social_security_wage_base():
    """2025 single, box 1 $150,000, box 5 $173,500 ($23,500 into a 401(k)), profit $60,000.
    N = 92.35% x 60,000 = 55,410. SE tax: 12.4% x (176,100 - 173,500) = 322.40 + 2.9% x
    55,410 = 1,606.89 -> 1,929.29. Additional Medicare: 0.9% x (55,410 - (200,000 -
    173,500)) = 260.19. Income tax on box 1: AGI 150,000 + 60,000 - 964.645 = 209,035.355,
    less 15,750 = 193,285.355, less QBI 20% x 59,035.355 = 11,807.071 -> 181,478.284:
    1,192.50 + 4,386 + 12,072.50 + 24% x 78,128.284 = 36,401.79. Total 38,591.27 (box 1
    alone for both: 41,014.02, $2,422.75 too much)."""
    est = estimate_tax(60000, jurisdiction="US", year=2025, w2_wages=150000, medicare_wages=173500)
    assert line_starting(est, "SE tax, Social Security") == 322.40
    assert line_starting(est, "Additional Medicare Tax") == 260.19
    assert est.social_tax == 1929.29 + 260.19
    assert est.income_tax == 36401.79
    assert est.total == 38591.27


def test_us_spouse_medicare_wages_count_for_the_additional_medicare_tax():
    """2025 joint, you: no wages, profit $40,000 (N = 36,940); your spouse: box 1 $230,000,
    box 5 $253,500. Form 8959: 0.9% x (253,500 - 250,000) = 31.50 on wages + 0.9% x (36,940 -
    0) = 332.46 on SE earnings -> 363.96; on box 1: 0.9% x (36,940 - 20,000) = 152.46. Your
    Social Security wage base is untouched: 12.4% x 36,940 = 4,580.56 either way."""
    kwargs = dict(jurisdiction="US", year=2025, filing_status="married_joint", spouse_wages=230000)
    boxed = estimate_tax(40000, spouse_medicare_wages=253500, **kwargs)
    assert line_starting(boxed, "Additional Medicare Tax") == 363.96
    assert line_starting(estimate_tax(40000, **kwargs), "Additional Medicare Tax") == 152.46
    assert line_starting(boxed, "SE tax, Social Security") == 4580.56


def test_medicare_wages_are_refused_where_they_mean_nothing():
    with pytest.raises(TaxInputError, match="US figure"):
        estimate_tax(60000, jurisdiction="UK", year=2025, medicare_wages=1000)
    with pytest.raises(TaxInputError, match="joint return"):
        estimate_tax(60000, jurisdiction="US", year=2025, spouse_medicare_wages=1000)


# US: qualified dividends and long-term capital gains, a part of the other income, taxed at
# 0% / 15% / 20% stacked above the ordinary taxable income (Qualified Dividends and Capital Gain
# Tax Worksheet; 2025 limits $48,350 / $533,400 single, Rev. Proc. 2024-40), and at the 3.8% Net
# Investment Income Tax above a MAGI of $200,000 single (Form 8960).


def test_us_qualified_dividends_fill_the_zero_rate_band_above_ordinary_income():
    """2025 single, profit $60,000 and $10,000 of qualified dividends. SE 6,870.84 + 1,606.89 =
    8,477.73, half 4,238.865; AGI 65,761.135; TI before QBI 50,011.135; QBI min(20% x
    55,761.135, 20% x (50,011.135 - 10,000)) = 8,002.227; TI 42,008.908, ordinary 32,008.908:
    1,192.50 + 12% x 20,083.908 = 3,602.57; the dividends lie in 32,009-42,009, under 48,350:
    0%. Total 12,080.30 (as ordinary income: 13,040.30)."""
    est = estimate_tax(
        60000, jurisdiction="US", year=2025, other_income=10000, qualified_dividends=10000
    )
    assert est.income_tax == 3602.57
    assert est.total == 12080.30
    # as ordinary income: QBI min(11,152.23, 20% x 50,011.135 = 10,002.227), TI 40,008.908:
    # 1,192.50 + 12% x 28,083.908 = 4,562.57, total 13,040.30
    assert estimate_tax(60000, jurisdiction="US", year=2025, other_income=10000).total == 13040.30


def test_us_qualified_dividends_at_15_percent():
    """2025 single, no profit, $100,000 of qualified dividends: TI 100,000 - 15,750 = 84,250,
    all of it dividends: 0% to 48,350, 15% x 35,900 = 5,385."""
    est = estimate_tax(
        0, jurisdiction="US", year=2025, other_income=100000, qualified_dividends=100000
    )
    assert est.total == 5385.0


def test_us_qualified_gains_at_20_percent_and_the_niit():
    """2025 single, no profit, $700,000 of long-term gains: TI 684,250: 15% x (533,400 -
    48,350) = 72,757.50 + 20% x (684,250 - 533,400) = 30,170; NIIT 3.8% x min(700,000,
    700,000 - 200,000) = 19,000. Total 121,927.50."""
    est = estimate_tax(
        0, jurisdiction="US", year=2025, other_income=700000, qualified_dividends=700000
    )
    assert line_starting(est, "Net Investment Income Tax") == 19000.0
    assert est.total == 121927.50


def test_us_2026_zero_rate_band_ends_at_49450():
    """2026 single, no profit, $70,000 of qualified dividends: TI 70,000 - 16,100 = 53,900:
    15% x (53,900 - 49,450) = 667.50 (Rev. Proc. 2025-32)."""
    est = estimate_tax(
        0, jurisdiction="US", year=2026, other_income=70000, qualified_dividends=70000
    )
    assert est.total == 667.50


def test_us_qualified_dividends_are_part_of_other_income():
    with pytest.raises(TaxInputError, match="part of the other income"):
        estimate_tax(60000, jurisdiction="US", year=2025, other_income=100, qualified_dividends=500)
    with pytest.raises(TaxInputError, match="US estimate only"):
        estimate_tax(60000, jurisdiction="UK", year=2025, other_income=500, qualified_dividends=500)


def test_uk_trading_allowance_note_only_when_the_gross_is_not_known():
    """A £800 profit from £5,000 of gross trading income (fees of £4,200) is taxable: the note
    "if your gross trading income is £1,000 or less it is tax-free" would mislead there; with
    the gross unknown it is the user's to check."""
    known = estimate_tax(800, jurisdiction="UK", year=2025, trading_income=5000)
    assert not [n for n in known.notes if "makes it tax-free" in n]
    unknown = estimate_tax(800, jurisdiction="UK", year=2025)
    assert [n for n in unknown.notes if "makes it tax-free" in n]


def test_us_qualified_dividends_never_cost_more_than_the_regular_tax():
    """2026 single, $66,500 of other income of which $950 qualified dividends: TI 50,400,
    ordinary 49,450. Stacked: 1,240 + 12% x 37,050 = 5,686 on the ordinary + 15% x 950 =
    142.50 (the 0% band ends at 49,450) = 5,828.50; the regular tax on all 50,400 (12% band to
    50,400) is 1,240 + 12% x 38,000 = 5,800, and the worksheet takes the smaller."""
    est = estimate_tax(0, jurisdiction="US", year=2026, other_income=66500, qualified_dividends=950)
    assert est.total == 5800.0


def test_us_niit_on_dividends_does_not_need_taxable_income():
    """2025 single, $300,000 of qualified dividends and $300,000 itemized deductions: taxable
    income 0, but MAGI 300,000: NIIT 3.8% x min(300,000, 300,000 - 200,000) = 3,800."""
    est = estimate_tax(
        0,
        jurisdiction="US",
        year=2025,
        other_income=300000,
        qualified_dividends=300000,
        deductions=300000,
    )
    assert est.total == 3800.0


def test_uk_paye_on_wages_knows_nothing_of_relief_at_source():
    """2025/26 salary £60,000, gig profit £10,000, £4,000 into a SIPP (£5,000 gross), last
    year's bill £3,000. PAYE on the salary (1257L, no band widened): 20% x 37,700 + 40% x
    9,730 = 11,432. Liability: 20% x 42,700 + 40% x 14,730 = 14,432 (Class 4: profit below
    £12,570). Bill 3,000 = payments on account 1,500 + 1,500, balance 0; 2026/27's on account
    1,500 each. (The relief applied to PAYE too would leave the pension's relief out of the
    bill: 4,000.)"""
    profile = TaxProfile("UK", 2025, w2_wages=60000, relief_at_source=4000, prior_year_tax=3000)
    est = estimate_tax(10000, jurisdiction="UK", year=2025, w2_wages=60000, relief_at_source=4000)
    assert est.total == 14432.0
    assert est.tax_on_wages == 11432.0
    schedule = payment_schedule(profile, profit=10000)
    assert schedule["amount"].tolist() == [1500.0, 1500.0, 0.0, 1500.0, 1500.0]


def test_uk_relief_at_source_is_limited_to_relevant_earnings():
    """Profit £5,000, £150,000 of rent, £40,000 paid into a pension (£50,000 gross): relief on
    at most the relevant earnings of £5,000 (more than £3,600). Total income 155,000, adjusted
    net 150,000: no allowance; taxable 155,000: 20% x 42,700 = 8,540 + 40% x 87,440 = 34,976 +
    45% x 24,860 = 11,187 -> 54,703."""
    est = estimate_tax(
        5000, jurisdiction="UK", year=2025, other_income=150000, relief_at_source=40000
    )
    assert est.income_tax == 54703.0
    assert any("at most your relevant UK earnings" in note for note in est.notes)


def test_uk_relief_at_source_of_up_to_3600_gross_needs_no_earnings():
    """Profit £2,000 (the relevant earnings), £60,000 of rent, £2,880 paid (£3,600 gross, the
    basic amount, more than the earnings): all of it relieved. Taxable 62,000 - 12,570 =
    49,430: 20% x 41,300 = 8,260 + 40% x 8,130 = 3,252 -> 11,512 (capped at the earnings,
    39,700: 11,832; no relief: 12,232)."""
    est = estimate_tax(
        2000, jurisdiction="UK", year=2025, other_income=60000, relief_at_source=2880
    )
    assert est.income_tax == 11512.0
    assert not any("relevant UK earnings" in note for note in est.notes)


# --- from a mutation audit of the tax calculators: each expected number worked out by hand ---


def test_us_joint_return_below_its_qbi_threshold_gets_the_whole_deduction():
    """2025 joint, profit 300,000: N 277,050; SE 21,836.40 + 8,034.45 = 29,870.85; AGI
    285,064.575 - 31,500 = 253,564.575, under the joint threshold of 394,600 (the single one,
    197,300, would phase it out): QBI min(20% x 285,064.575, 20% x 253,564.575) = 50,712.915;
    taxable 202,851.66: 2,385 + 8,772 + 22% x 105,901.66 = 34,455.37; Additional Medicare 0.9%
    x (277,050 - 250,000) = 243.45. Total 64,569.67."""
    est = estimate_tax(300000, jurisdiction="US", year=2025, filing_status="married_joint")
    assert est.total == 64569.67


def test_us_senior_deduction_is_never_below_zero():
    """2025 single, 65 or older, profit 200,000: AGI 186,403.65; the senior deduction 6,000 -
    6% x 111,403.65 is below 0: none. Standard 15,750 + 2,000: TI before QBI 168,653.65, QBI
    33,730.73, taxable 134,922.92: 1,192.50 + 4,386 + 12,072.50 + 24% x 31,572.92 = 25,228.50;
    SE 27,192.70. Total 52,421.20."""
    est = estimate_tax(200000, jurisdiction="US", year=2025, seniors=1)
    assert est.total == 52421.20


def test_us_no_additional_medicare_on_se_earnings_under_400():
    """Profit 400: net SE earnings 369.40, under $400, are no SE income (Form 8959 line 8 is
    0): the Additional Medicare Tax is 0.9% x (250,000 - 200,000) = 450.00 on the wages only."""
    est = estimate_tax(400, jurisdiction="US", year=2025, w2_wages=250000)
    assert est.social_tax == 450.0


def test_us_2026_qbi_minimum_needs_1000_of_qbi_not_of_profit():
    """2026 single, wages 40,000, profit 1,050: SE 148.36, QBI 1,050 - 74.18 = 975.82, under
    $1,000: no $400 minimum; deduction 195.16; taxable 40,975.82 - 16,100 - 195.16 =
    24,680.66: 1,240 + 12% x 12,280.66 = 2,713.68. Total 2,862.04."""
    est = estimate_tax(1050, jurisdiction="US", year=2026, w2_wages=40000)
    assert est.total == 2862.04


def test_us_tax_on_profit_is_never_negative():
    """A profit of 5,000 less 8,000 of expenses lowers the tax on the wages; nothing is set
    aside from the profit (not -360)."""
    est = estimate_tax(5000, jurisdiction="US", year=2025, w2_wages=60000, expenses=8000)
    assert est.tax_on_profit == 0.0


def test_uk_gross_trading_income_of_exactly_1000_is_tax_free():
    """GOV.UK: the trading allowance covers £1,000 or less. £900 profit from £1,000 gross beside
    a 30,000 salary: only the salary is taxed, 20% x 17,430 = 3,486."""
    est = estimate_tax(900, jurisdiction="UK", year=2025, w2_wages=30000, trading_income=1000)
    assert est.total == 3486.0


def test_uk_allowance_taper_looks_at_income_after_reliefs():
    """Profit 110,000 with 10,000 of reliefs: adjusted net income 100,000, the whole 12,570
    allowance; taxable 87,430: 7,540 + 40% x 49,730 = 27,432."""
    est = estimate_tax(110000, jurisdiction="UK", year=2025, deductions=10000)
    assert est.income_tax == 27432.0


def test_de_only_spouses_get_the_splitting_tariff():
    """Head of household is a US status: in Germany the basic tariff. zvE 59,964: z = 4.2521,
    (176.64 z + 2,397) z + 1,015.13 = 14,401 (splitting would give 8,586)."""
    est = estimate_tax(60000, jurisdiction="DE", year=2025, filing_status="head_of_household")
    assert est.total == 14401.0


def test_de_solidarity_surcharge_drops_fractions_of_a_cent():
    """zvE 75,007: tax 0.42 x 75,007 - 10,911.92 = 20,591; surcharge 11.9% x (20,591 - 19,950)
    = 76.279, down to 76.27 (SolZG: fractions of a cent are dropped)."""
    assert estimate_tax(75043, jurisdiction="DE", year=2025).surcharge == 76.27
