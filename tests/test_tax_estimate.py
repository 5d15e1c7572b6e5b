"""Tax estimates against the published worked examples (reference doc §2.5, §3, §4) and against
cases worked out by hand below, with the arithmetic written out."""

from __future__ import annotations

import math

import pytest

from analytics.tax import Line, TaxInputError, estimate_tax

CENT = 0.005


def us(profit, year=2025, status="single", **kw):
    return estimate_tax(profit, jurisdiction="US", year=year, filing_status=status, **kw)


def line(est, prefix: str) -> Line:
    found = [x for x in est.lines if x.label.startswith(prefix)]
    assert len(found) == 1, [x.label for x in est.lines]
    return found[0]


# --- US: the reference's worked examples A-E (§2.5) -------------------------------------------


def test_us_example_a_2025_single_60000():
    est = us(60_000)
    assert est.social_tax == pytest.approx(8_477.73, abs=CENT)
    assert est.income_tax == pytest.approx(3_602.57, abs=CENT)
    assert est.total == pytest.approx(12_080.30, abs=CENT)
    assert line(est, "SE tax, Social Security").amount == pytest.approx(6_870.84, abs=CENT)
    assert line(est, "SE tax, Medicare").amount == pytest.approx(1_606.89, abs=CENT)
    assert line(est, "Standard deduction").amount == -15_750
    assert line(est, "QBI deduction").amount == pytest.approx(-8_002.23, abs=CENT)
    assert line(est, "Taxable income").amount == pytest.approx(32_008.91, abs=CENT)
    assert round(est.effective_rate, 3) == 0.201  # "effective total rate on profit 20.1%"
    assert est.currency == "USD" and est.year == 2025 and est.jurisdiction == "US"


def test_us_example_b_2026_single_60000():
    est = us(60_000, year=2026)
    assert est.social_tax == pytest.approx(8_477.73, abs=CENT)
    assert line(est, "QBI deduction").amount == pytest.approx(-7_932.23, abs=CENT)
    assert est.income_tax == pytest.approx(3_559.47, abs=CENT)
    assert est.total == pytest.approx(12_037.20, abs=CENT)


def test_us_example_c_2025_married_joint_120000():
    est = us(120_000, status="married_joint")
    # L3 = 120,000 x 0.9235 = 110,820; L4 = x 2.9% = 3,213.78; L9 = x 12.4% = 13,741.68
    assert line(est, "Net earnings from self-employment").amount == pytest.approx(110_820)
    assert line(est, "SE tax, Medicare").amount == pytest.approx(3_213.78, abs=CENT)
    assert line(est, "SE tax, Social Security").amount == pytest.approx(13_741.68, abs=CENT)
    assert est.social_tax == pytest.approx(16_955.46, abs=CENT)
    assert line(est, "Standard deduction").amount == -31_500
    assert line(est, "Adjusted gross income").amount == pytest.approx(111_522.27, abs=CENT)
    assert line(est, "QBI deduction").amount == pytest.approx(-16_004.45, abs=CENT)
    assert est.income_tax == pytest.approx(7_205.14, abs=CENT)
    assert est.total == pytest.approx(24_160.60, abs=CENT)
    assert est.agi == pytest.approx(111_522.27, abs=CENT)  # the AGI the safe harbour uses


def test_agi_is_us_only_and_includes_wages_and_other_income():
    # example A: 60,000 - half SE tax 4,238.865 = 55,761.135 -> 55,761.14 (half a cent rounds up)
    assert us(60_000).agi == pytest.approx(55_761.14)
    # + 10,000 wages + 500 other income (SE tax unchanged: 10,000 leaves the wage base room
    # above 55,410): 55,761.135 + 10,500 = 66,261.135 -> 66,261.14
    assert us(60_000, w2_wages=10_000, other_income=500).agi == pytest.approx(66_261.14)
    uk = estimate_tax(60_000, jurisdiction="UK", year=2025)
    assert uk.agi is None


def test_us_example_d_wages_reduce_the_social_security_base():
    est = us(60_000, w2_wages=150_000)
    # L7 = 176,100 - 150,000 = 26,100 < L3 55,410 -> L9 = 26,100 x 12.4% = 3,236.40
    assert line(est, "SE tax, Social Security").amount == pytest.approx(3_236.40, abs=CENT)
    assert line(est, "SE tax, Medicare").amount == pytest.approx(1_606.89, abs=CENT)
    # Additional Medicare: 0.9% x (55,410 - (200,000 - 150,000)) = 48.69
    assert line(est, "Additional Medicare").amount == pytest.approx(48.69, abs=CENT)
    assert est.social_tax == pytest.approx(4_843.29 + 48.69, abs=CENT)


def test_effective_rate_is_total_over_profit_and_rate_on_profit_leaves_the_wages_out():
    # example D: $150,000 wages + $60,000 profit, 2025 single
    est = us(60_000, w2_wages=150_000)
    # with the profit: AGI 150,000 + 60,000 - 4,843.29 / 2 = 207,578.355; TI before QBI
    # 191,828.355 (< 197,300: full QBI = 20% x 57,578.355 = 11,515.671); TI 180,312.684;
    # income tax 17,651 + 24% x 76,962.684 = 36,122.04; total + 4,843.29 + 48.69 = 41,014.02
    assert est.total == pytest.approx(41_014.02, abs=CENT)
    # wages alone: TI 134,250 -> 1,192.50 + 4,386 + 12,072.50 + 24% x 30,900 = 25,067.00
    assert us(0, w2_wages=150_000).total == pytest.approx(25_067.00, abs=CENT)
    assert est.tax_on_profit == pytest.approx(15_947.02, abs=CENT)  # 41,014.02 - 25,067.00
    assert est.effective_rate == pytest.approx(41_014.02 / 60_000)  # total / profit: 68.4%
    assert est.rate_on_profit == pytest.approx(15_947.02 / 60_000)  # the profit's own 26.6%


def test_us_example_e_above_the_wage_base_2026():
    est = us(250_000, year=2026)
    assert line(est, "SE tax, Social Security").amount == pytest.approx(22_878.00, abs=CENT)
    assert line(est, "SE tax, Medicare").amount == pytest.approx(6_695.38, abs=CENT)
    assert line(est, "Additional Medicare").amount == pytest.approx(277.88, abs=CENT)
    assert est.social_tax == pytest.approx(29_573.38 + 277.88, abs=CENT)


# --- US: cases worked out by hand ----------------------------------------------------------------


def test_us_wage_base_cap_2025():
    est = us(200_000)
    net = 200_000 * 0.9235  # 184,700 > the 176,100 wage base
    assert line(est, "SE tax, Social Security").amount == pytest.approx(176_100 * 0.124, abs=CENT)
    assert line(est, "SE tax, Medicare").amount == pytest.approx(net * 0.029, abs=CENT)
    # 184,700 < 200,000: no Additional Medicare Tax
    assert not [x for x in est.lines if x.label.startswith("Additional Medicare")]
    assert est.social_tax == pytest.approx(21_836.40 + 5_356.30, abs=CENT)


def test_us_wages_above_the_wage_base_leave_only_medicare():
    est = us(40_000, w2_wages=180_000)
    net = 40_000 * 0.9235  # 36,940
    assert line(est, "SE tax, Social Security").amount == 0
    # Medicare 36,940 x 2.9% = 1,071.26; Additional: (36,940 - (200,000 - 180,000)) x 0.9% = 152.46
    assert line(est, "SE tax, Medicare").amount == pytest.approx(net * 0.029, abs=CENT)
    assert line(est, "Additional Medicare").amount == pytest.approx(
        (net - 20_000) * 0.009, abs=CENT
    )
    assert est.social_tax == pytest.approx(1_071.26 + 152.46, abs=CENT)


@pytest.mark.parametrize(
    "status, threshold",
    [("single", 200_000), ("head_of_household", 200_000), ("married_joint", 250_000)],
)
def test_us_additional_medicare_threshold_by_status(status, threshold):
    est = us(300_000, status=status)
    net = 300_000 * 0.9235  # 277,050
    expected = (net - threshold) * 0.009  # single/HoH 693.45, MFJ 243.45
    assert line(est, "Additional Medicare").amount == pytest.approx(expected, abs=CENT)
    # Social Security 176,100 x 12.4% = 21,836.40 (capped); Medicare 277,050 x 2.9% = 8,034.45
    assert est.social_tax == pytest.approx(21_836.40 + 8_034.45 + expected, abs=CENT)


def test_us_additional_medicare_counts_wages_above_threshold():
    est = us(10_000, w2_wages=210_000)
    # wages 10,000 above 200,000 and all 9,235 of SE earnings: 0.9% x 19,235 = 173.115
    assert line(est, "Additional Medicare").amount == pytest.approx(173.12, abs=CENT)


def test_us_head_of_household_2025_60000():
    est = us(60_000, status="head_of_household")
    agi = 60_000 - 8_477.73 / 2  # 55,761.135
    ti_before = agi - 23_625  # 32,136.135
    taxable = ti_before - 0.2 * ti_before  # QBI limited by taxable income: 25,708.908
    tax = 17_000 * 0.10 + (taxable - 17_000) * 0.12  # 2,745.069
    assert est.income_tax == pytest.approx(tax, abs=CENT)
    assert est.total == pytest.approx(2_745.07 + 8_477.73, abs=CENT)


def test_us_married_joint_2026_120000():
    est = us(120_000, year=2026, status="married_joint")
    agi = 120_000 - 16_955.46 / 2  # 111,522.27
    ti_before = agi - 32_200  # 79,322.27
    taxable = ti_before * 0.8  # 63,457.816
    tax = 24_800 * 0.10 + (taxable - 24_800) * 0.12  # 7,118.938
    assert est.income_tax == pytest.approx(tax, abs=CENT)
    assert est.total == pytest.approx(7_118.94 + 16_955.46, abs=CENT)


def test_us_single_2025_120000_crosses_into_22_percent():
    est = us(120_000)
    agi = 120_000 - 16_955.46 / 2  # 111,522.27
    ti_before = agi - 15_750  # 95,772.27
    taxable = ti_before * 0.8  # 76,617.816
    tax = 1_192.50 + 0.12 * (48_475 - 11_925) + 0.22 * (taxable - 48_475)  # 11,769.92
    assert est.income_tax == pytest.approx(tax, abs=CENT)
    assert est.total == pytest.approx(11_769.92 + 16_955.46, abs=CENT)


def test_us_example_e_inside_the_2026_qbi_phase_in_range():
    # Reference example E (2026, single, $250,000) gives no total because TI falls inside the
    # QBI phase-in range. GigLens gives an upper bound: the deduction of a specified service
    # business without W-2 wages, whose QBI is cut to (1 - f) before the 20% amount is reduced
    # by f (Form 8995-A Schedule A and Part III): 20% x QBI x (1 - f)^2.
    est = us(250_000, year=2026)
    se = 22_878.00 + 230_875 * 0.029  # 29,573.375 (Medicare 6,695.375)
    half_se = se / 2  # 14,786.6875
    ti_before = 250_000 - half_se - 16_100  # 219,113.3125
    share = (ti_before - 201_750) / 75_000  # 17,363.3125 / 75,000 = 0.2315108
    qbi = 0.2 * (250_000 - half_se) * (1 - share) ** 2  # 47,042.6625 x 0.5905756 = 27,782.25
    assert qbi < 0.2 * ti_before  # 43,822.66: the taxable-income limit does not bind
    assert line(est, "QBI deduction").amount == pytest.approx(-27_782.25, abs=CENT)
    assert line(est, "QBI deduction").amount == pytest.approx(-qbi, abs=CENT)
    taxable = ti_before - qbi  # 191,331.064
    tax = 1_240 + 4_560 + 12_166 + (taxable - 105_700) * 0.24  # 17,966 + 20,551.455
    assert est.income_tax == pytest.approx(38_517.46, abs=CENT)
    assert est.income_tax == pytest.approx(tax, abs=CENT)
    assert est.total == pytest.approx(38_517.46 + 29_573.38 + 277.88, abs=CENT)  # 68,368.72
    assert any("upper bound" in note and "over $201,750–$276,750" in note for note in est.notes)
    assert not any("upper bound" in note for note in us(60_000).notes)


def test_us_2025_qbi_phase_in_by_hand():
    est = us(250_000)
    half_se = (176_100 * 0.124 + 250_000 * 0.9235 * 0.029) / 2  # 14,265.8875
    ti_before = 250_000 - half_se - 15_750  # 219,984.1125: inside 197,300-247,300
    share = (ti_before - 197_300) / 50_000  # 22,684.1125 / 50,000 = 0.45368225
    qbi = 0.2 * (250_000 - half_se) * (1 - share) ** 2  # 47,146.8225 x 0.2984632 = 14,071.59
    assert line(est, "QBI deduction").amount == pytest.approx(-14_071.59, abs=CENT)
    taxable = ti_before - qbi  # 205,912.526: into the 32% bracket
    tax = (
        11_925 * 0.10
        + (48_475 - 11_925) * 0.12
        + (103_350 - 48_475) * 0.22
        + (197_300 - 103_350) * 0.24
        + (taxable - 197_300) * 0.32
    )  # 40,199 + 2,756.01
    assert est.income_tax == pytest.approx(tax, abs=CENT)
    assert est.income_tax == pytest.approx(42_955.01, abs=CENT)


def test_us_2025_qbi_phase_in_of_a_trade_that_is_not_a_specified_service():
    # the same 250,000 (f = 0.45368225) for a trade that is not a specified service and pays
    # no W-2 wages: the 20% amount is reduced by f of what is above the wage limit (0), QBI
    # itself not cut (Form 8995-A Part III): 20% x QBI x (1 - f)
    est = us(250_000, specified_service=False)
    half_se = 14_265.8875
    ti_before = 250_000 - half_se - 15_750  # 219,984.1125
    share = (ti_before - 197_300) / 50_000
    qbi = 0.2 * (250_000 - half_se) * (1 - share)  # 47,146.8225 x 0.54631775 = 25,757.15
    assert line(est, "QBI deduction").amount == pytest.approx(-25_757.15, abs=CENT)
    assert line(est, "QBI deduction").amount == pytest.approx(-qbi, abs=CENT)
    taxable = ti_before - qbi  # 194,226.97: back in the 24% bracket
    tax = 1_192.50 + 4_386 + 12_072.50 + (taxable - 103_350) * 0.24  # 39,461.47
    assert est.income_tax == pytest.approx(tax, abs=CENT)
    assert est.income_tax == pytest.approx(39_461.47, abs=CENT)
    assert any("not a specified service" in note and "W-2" in note for note in est.notes)
    # below the threshold and above the range the two are the same (full 20%; none)
    for profit in (60_000, 300_000):
        assert (
            line(us(profit, specified_service=False), "QBI deduction").amount
            == line(us(profit), "QBI deduction").amount
        )
    # the UK has no QBI: the choice changes nothing there
    uk = estimate_tax(40_000, jurisdiction="UK", year=2025, specified_service=False)
    assert uk.total == estimate_tax(40_000, jurisdiction="UK", year=2025).total


def test_us_qbi_in_full_at_the_threshold():
    # example A's profit with other income that puts TI before QBI exactly at $197,300:
    # AGI 55,761.135 + 157,288.865 = 213,050; - 15,750 = 197,300
    est = us(60_000, other_income=157_288.865)
    qbi = 0.2 * 55_761.135  # 11,152.227: the full 20%, below 20% of TI (39,460)
    assert line(est, "QBI deduction").amount == pytest.approx(-qbi, abs=CENT)
    taxable = 197_300 - qbi  # 186,147.773
    tax = 1_192.50 + 4_386 + 12_072.50 + (taxable - 103_350) * 0.24  # 37,522.47
    assert est.income_tax == pytest.approx(tax, abs=CENT)


def test_us_no_qbi_above_the_phase_in_range():
    est = us(300_000)
    # SE: 277,050 x 2.9% = 8,034.45 + 21,836.40 = 29,870.85; half 14,935.425
    ti_before = 300_000 - 14_935.425 - 15_750  # 269,314.575 > 197,300 + 50,000
    assert line(est, "QBI deduction").amount == 0
    tax = 40_199 + (250_525 - 197_300) * 0.32 + (ti_before - 250_525) * 0.35  # 63,807.35
    assert est.income_tax == pytest.approx(tax, abs=CENT)
    assert est.income_tax == pytest.approx(63_807.35, abs=CENT)
    # 2026: above 201,750 + 75,000 the $400 minimum is all that is left
    # (profit 320,000: half SE (22,878 + 295,520 x 2.9%) / 2 = 15,724.04; TI 288,175.96)
    assert line(us(320_000, year=2026), "QBI deduction").amount == -400


def test_us_no_qbi_cliff_at_the_threshold():
    # profit 227,000: SE 21,836.40 + 209,634.50 x 2.9% = 27,915.80; TI 227,000 - 13,957.90
    # - 15,750 = 197,292.10, just below 197,300 (full QBI); 227,100 is just above. Without a
    # phase-in, the 20% deduction (~42,600) vanished and $100 more profit cost ~$9,500.
    below, above = us(227_000), us(227_100)
    # each extra dollar: 92.35% x 2.9% Medicare (SS is capped), 24% income tax on what the
    # half-SE and QBI deductions leave, and the deduction's phase-in: far below $100
    assert 0 < above.total - below.total < 100
    assert below.marginal_rate < 0.7


def test_us_2026_minimum_qbi_deduction_of_400():
    est = us(19_000, year=2026)
    se = 19_000 * 0.9235 * 0.153  # 2,684.6145
    ti_before = 19_000 - se / 2 - 16_100  # 1,557.69; 20% of it = 311.54 < 400
    assert line(est, "QBI deduction").amount == -400
    assert est.income_tax == pytest.approx((ti_before - 400) * 0.10, abs=CENT)  # 115.77


def test_us_2026_minimum_qbi_deduction_goes_no_further_than_the_taxable_income():
    # profit 17,800: SE 17,800 x 0.9235 x 15.3% = 2,515.06; half 1,257.53; TI before QBI
    # 17,800 - 1,257.53 - 16,100 = 442.47 > 400. Profit 17,300: SE 2,444.41, half 1,222.21,
    # TI before 17,300 - 1,222.21 - 16,100 = -22.21 -> 0: the $400 has nothing left to reduce
    assert line(us(17_800, year=2026), "QBI deduction").amount == -400
    est = us(17_300, year=2026)
    deduction = line(est, "QBI deduction")
    assert deduction.amount == 0 and "up to the taxable income before it" in deduction.label
    assert line(est, "Taxable income").amount == 0
    # profit 17,600: SE 2,486.80, half 1,243.40; TI before 17,600 - 1,243.40 - 16,100 = 256.60
    assert line(us(17_600, year=2026), "QBI deduction").amount == pytest.approx(-256.60, abs=CENT)


def test_us_itemized_deductions_replace_the_standard_deduction_when_larger():
    est = us(60_000, deductions=20_000)
    assert line(est, "Itemized deductions").amount == -20_000
    ti_before = 60_000 - 8_477.73 / 2 - 20_000  # 35,761.135
    tax = 1_192.50 + (ti_before * 0.8 - 11_925) * 0.12
    assert est.income_tax == pytest.approx(tax, abs=CENT)


def test_us_no_se_tax_below_400_of_net_earnings():
    est = us(400)  # 400 x 0.9235 = 369.40 < 400
    assert est.social_tax == 0 and est.total == 0
    assert any("$400" in note for note in est.notes)
    assert us(500).social_tax == pytest.approx(500 * 0.9235 * 0.153, abs=CENT)  # 70.65


def test_us_marginal_rate_in_the_12_percent_bracket():
    est = us(60_000)
    se_rate = 0.9235 * 0.153
    # each extra dollar: SE tax, plus 12% on (1 - half the SE tax) less the 20% QBI deduction
    assert est.marginal_rate == pytest.approx(se_rate + 0.12 * 0.8 * (1 - se_rate / 2), abs=1e-4)


def test_us_tax_on_profit_excludes_the_tax_on_wages():
    with_wages = us(10_000, w2_wages=50_000)
    wages_only = us(0, w2_wages=50_000)
    assert wages_only.social_tax == 0
    # tax on wages alone: (50,000 - 15,750) = 34,250 -> 1,192.50 + 12% x 22,325 = 3,871.50
    assert wages_only.total == pytest.approx(3_871.50, abs=CENT)
    assert with_wages.tax_on_profit == pytest.approx(with_wages.total - 3_871.50, abs=CENT)
    # with the 10,000 profit: N = 9,235; SE 12.4% x 9,235 + 2.9% x 9,235 = 1,145.14 + 267.82
    # = 1,412.96, half 706.48; AGI 60,000 - 706.48 = 59,293.52; less 15,750 = 43,543.52;
    # QBI 20% x (10,000 - 706.48) = 1,858.70; taxable 41,684.82: 1,192.50 + 12% x 29,759.82
    # = 4,763.68; total 4,763.68 + 1,412.96 = 6,176.64; the profit adds 6,176.64 - 3,871.50
    assert with_wages.total == pytest.approx(6_176.64, abs=CENT)
    assert with_wages.tax_on_profit == pytest.approx(2_305.14, abs=CENT)


def test_us_joint_return_spouse_wages_do_not_cut_the_social_security_base():
    # 2025 MFJ, $180,000 SE profit, spouse's W-2 wages $60,000, no own wages.
    # N = 180,000 x 0.9235 = 166,230 < wage base 176,100 (nothing of it used by own wages)
    #   SS 12.4% x 166,230 = 20,612.52; Medicare 2.9% x 166,230 = 4,820.67; SE 25,433.19
    # Form 8959: wages 60,000 + N 166,230 = 226,230 <= 250,000: no Additional Medicare Tax
    # AGI = 60,000 + 180,000 - 25,433.19 / 2 (12,716.595) = 227,283.405 -> 227,283.41
    # TI before QBI = 227,283.405 - 31,500 = 195,783.405 (< the 394,600 MFJ QBI threshold)
    # QBI = min(20% x (180,000 - 12,716.595) = 33,456.681, 20% x 195,783.405) = 33,456.681
    # TI = 162,326.724; tax 10% x 23,850 = 2,385 + 12% x 73,100 = 8,772
    #   + 22% x (162,326.724 - 96,950 = 65,376.724) = 14,382.879 -> 25,539.879 -> 25,539.88
    # total 25,539.88 + 25,433.19 = 50,973.07
    est = us(180_000, status="married_joint", spouse_wages=60_000)
    assert line(est, "SE tax, Social Security").amount == pytest.approx(20_612.52, abs=CENT)
    assert line(est, "SE tax, Medicare").amount == pytest.approx(4_820.67, abs=CENT)
    assert not [x for x in est.lines if x.label.startswith("Additional Medicare")]
    assert est.agi == pytest.approx(227_283.41, abs=CENT)
    assert line(est, "QBI deduction").amount == pytest.approx(-33_456.68, abs=CENT)
    assert est.income_tax == pytest.approx(25_539.88, abs=CENT)
    assert est.total == pytest.approx(50_973.07, abs=CENT)
    # wages alone: TI 60,000 - 31,500 = 28,500 -> 2,385 + 12% x 4,650 (558) = 2,943.00
    assert est.tax_on_wages == pytest.approx(2_943.00, abs=CENT)
    assert est.tax_on_profit == pytest.approx(50_973.07 - 2_943.00, abs=CENT)  # 48,030.07
    # the same 60,000 as the self-employed person's OWN wages does use up the wage base:
    # SS 12.4% x (176,100 - 60,000 = 116,100) = 14,396.40
    own = us(180_000, status="married_joint", w2_wages=60_000)
    assert line(own, "SE tax, Social Security").amount == pytest.approx(14_396.40, abs=CENT)


def test_us_joint_return_spouse_wages_count_for_the_additional_medicare_tax():
    # 2025 MFJ, $200,000 profit, spouse's wages $100,000: N = 184,700.
    # SS capped at the wage base (own wages 0): 12.4% x 176,100 = 21,836.40
    # Form 8959, both spouses' wages against $250,000: 100,000 is below it; the SE threshold
    # is reduced by the wages to 150,000: 0.9% x (184,700 - 150,000) = 0.9% x 34,700 = 312.30
    est = us(200_000, status="married_joint", spouse_wages=100_000)
    assert line(est, "SE tax, Social Security").amount == pytest.approx(21_836.40, abs=CENT)
    assert line(est, "Additional Medicare").amount == pytest.approx(312.30, abs=CENT)
    assert "both spouses' wages" in line(est, "Additional Medicare").label
    # Medicare 2.9% x 184,700 = 5,356.30; social tax 21,836.40 + 5,356.30 + 312.30 = 27,505.00
    assert est.social_tax == pytest.approx(27_505.00, abs=CENT)
    # AGI = 100,000 + 200,000 - 27,192.70 / 2 (13,596.35) = 286,403.65
    assert est.agi == pytest.approx(286_403.65, abs=CENT)


def test_spouse_wages_only_on_a_joint_return():
    with pytest.raises(TaxInputError, match="only on a joint return"):
        us(50_000, spouse_wages=10_000)  # single
    with pytest.raises(TaxInputError, match="only on a joint return"):
        us(50_000, status="head_of_household", spouse_wages=10_000)
    with pytest.raises(TaxInputError, match="UK taxes each person separately"):
        estimate_tax(
            50_000,
            jurisdiction="UK",
            year=2025,
            filing_status="married_joint",
            spouse_wages=10_000,
        )
    with pytest.raises(TaxInputError, match="cannot be negative"):
        us(50_000, status="married_joint", spouse_wages=-1)
    # zero is always fine, whatever the status
    assert us(50_000, spouse_wages=0).total == us(50_000).total


def test_tax_on_wages_leaves_the_profit_and_other_income_out():
    # single 2025, $30,000 profit + $20,000 rent, no wages:
    # N = 27,705; SE 15.3% x 27,705 = 4,238.865 -> 4,238.87; half 2,119.4325
    # AGI = 20,000 + 30,000 - 2,119.4325 = 47,880.5675; TI before QBI = 32,130.5675
    # QBI = min(20% x 27,880.5675 = 5,576.1135, 20% x 32,130.5675) = 5,576.1135
    # TI 26,554.454: 1,192.50 + 12% x 14,629.454 (1,755.534) = 2,948.03; total 7,186.90
    # without the profit: TI 20,000 - 15,750 = 4,250 -> 425.00; the profit adds 6,761.90
    est = us(30_000, other_income=20_000)
    assert est.total == pytest.approx(7_186.90, abs=CENT)
    assert est.tax_on_profit == pytest.approx(6_761.90, abs=CENT)
    assert est.tax_on_wages == 0  # no wages: nothing is withheld, the rent's 425.00 included
    # with wages: us(0, w2_wages=50,000) is 3,871.50 (test above); adding the rent does not
    # change the tax on the wages alone
    assert us(10_000, w2_wages=50_000, other_income=20_000).tax_on_wages == pytest.approx(
        3_871.50, abs=CENT
    )


# --- UK 2025/26 --------------------------------------------------------------------------------


def uk(profit, **kw):
    return estimate_tax(profit, jurisdiction="UK", year=2025, **kw)


@pytest.mark.parametrize(
    "profit, income_tax, class4",
    [(60_000, 11_432.00, 2_456.60), (30_000, 3_486.00, 1_045.80)],  # reference §3 oracle
)
def test_uk_published_oracle(profit, income_tax, class4):
    est = uk(profit)
    # taxable = profit - 12,570 personal allowance (£47,430 / £17,430 in the reference table)
    assert line(est, "Taxable income").amount == profit - 12_570
    assert est.income_tax == pytest.approx(income_tax, abs=CENT)
    assert est.social_tax == pytest.approx(class4, abs=CENT)
    assert est.total == pytest.approx(income_tax + class4, abs=CENT)
    assert est.currency == "GBP"
    assert est.disclaimer == "Estimate, not tax advice — UK 2025/26 parameters"


def test_uk_personal_allowance_taper():
    est = uk(110_000)
    allowance = 12_570 - (110_000 - 100_000) / 2  # 7,570
    taxable = 110_000 - allowance  # 102,430
    assert line(est, "Personal allowance").amount == -allowance
    assert est.income_tax == pytest.approx(37_700 * 0.20 + (taxable - 37_700) * 0.40, abs=CENT)
    assert est.social_tax == pytest.approx(37_700 * 0.06 + (110_000 - 50_270) * 0.02, abs=CENT)
    # in the taper zone each extra pound costs 40% x 1.5 income tax + 2% NIC
    assert est.marginal_rate == pytest.approx(0.62, abs=1e-6)


def test_uk_allowance_gone_and_additional_rate():
    est = uk(130_000)  # (130,000 - 100,000) / 2 = 15,000 > 12,570: no allowance
    tax = 37_700 * 0.20 + (125_140 - 37_700) * 0.40 + (130_000 - 125_140) * 0.45  # 44,703
    assert est.income_tax == pytest.approx(tax, abs=CENT)
    assert est.social_tax == pytest.approx(2_262 + (130_000 - 50_270) * 0.02, abs=CENT)


def test_uk_wages_use_the_allowance_and_class4_is_on_profit_only():
    est = uk(20_000, w2_wages=30_000)
    taxable = 50_000 - 12_570  # 37,430, all at 20%
    assert est.income_tax == pytest.approx(taxable * 0.20, abs=CENT)
    assert est.social_tax == pytest.approx((20_000 - 12_570) * 0.06, abs=CENT)  # 445.80
    wages_only_tax = (30_000 - 12_570) * 0.20  # 3,486
    assert est.tax_on_profit == pytest.approx(est.total - wages_only_tax, abs=CENT)
    # 7,486 + 445.80 = 7,931.80 in all; the profit adds 7,931.80 - 3,486 = 4,445.80
    assert est.total == pytest.approx(7_931.80, abs=CENT)
    assert est.tax_on_profit == pytest.approx(4_445.80, abs=CENT)


def test_uk_2026_27_keeps_the_frozen_bands_and_moves_class2():
    # HMRC 2026/27: allowance 12,570, basic band 37,700 and Class 4 limits 12,570-50,270 frozen;
    # Class 2 small profits threshold 7,105 (2025/26: 6,845)
    est = estimate_tax(40_000, jurisdiction="UK", year=2026)
    taxable = 40_000 - 12_570  # 27,430
    assert est.income_tax == pytest.approx(taxable * 0.20, abs=CENT)  # 5,486
    assert est.social_tax == pytest.approx(taxable * 0.06, abs=CENT)  # 1,645.80
    assert est.total == pytest.approx(7_131.80, abs=CENT)
    assert est.disclaimer == "Estimate, not tax advice — UK 2026/27 parameters"
    assert any("£7,105 or more count as paid" in n for n in est.notes)


def test_a_year_without_figures_is_estimated_on_the_latest_and_says_so():
    """2027 has no file yet: example B's 2026 figures (above: total 12,037.20 on 60,000),
    and the notes and disclaimer say whose figures they are."""
    est = us(60_000, year=2027)
    assert est.total == pytest.approx(12_037.20, abs=CENT)
    assert line(est, "Standard deduction").amount == -16_100  # 2026's, single
    assert est.year == 2027
    assert est.disclaimer == "Estimate, not tax advice — US 2027 (on 2026 figures) parameters"
    assert est.notes[0].startswith("GigLens has no US tax figures for 2027 yet")
    assert "uses 2026's tax brackets" in est.notes[0]
    uk = estimate_tax(40_000, jurisdiction="UK", year=2027)
    assert uk.total == pytest.approx(7_131.80, abs=CENT)  # 2026/27's, worked out above
    assert "no UK tax figures for 2027/28 yet" in uk.notes[0]
    assert not any("GigLens has no" in n for n in us(60_000, year=2026).notes)


# --- Germany -----------------------------------------------------------------------------------


def de(profit, year=2025, **kw):
    return estimate_tax(profit, jurisdiction="DE", year=year, **kw)


# The tax office deducts the Sonderausgaben-Pauschbetrag (§10c EStG) from everyone's income:
# €36, €72 on a joint assessment. The tariff oracles below are for a taxable income (zvE), so
# the profit that gives it is that much higher.
FLAT, FLAT_JOINT = 36, 72


def test_de_sonderausgaben_pauschbetrag_comes_off_the_income():
    est = de(40_000)
    assert line(est, "Sonderausgaben-Pauschbetrag").amount == -36
    assert line(est, "Taxable income (zvE)").amount == 40_000 - 36
    joint = de(80_000, filing_status="married_joint")
    assert line(joint, "Sonderausgaben-Pauschbetrag").amount == -72
    assert line(joint, "Taxable income (zvE)").amount == 80_000 - 72
    # 2025, zvE 39,964: z = (39,964 - 17,443) / 10,000 = 2.2521; (176.64 x 2.2521 + 2,397)
    # x 2.2521 + 1,015.13 = 2,794.8109 x 2.2521 + 1,015.13 = 6,294.2437 + 1,015.13
    # = 7,309.37 -> 7,309 (11 less than the 7,320 on 40,000)
    assert est.income_tax == 7_309


@pytest.mark.parametrize(
    "year, zve, tax",
    [
        (2025, 40_000, 7_320),
        (2025, 100_000, 31_088),
        (2026, 40_000, 7_209),
        (2026, 100_000, 30_864),
    ],
)
def test_de_section_32a_oracle(year, zve, tax):
    est = de(zve + FLAT, year)
    assert line(est, "Taxable income (zvE)").amount == zve
    assert line(est, "Income tax §32a").amount == tax
    assert est.social_tax == 0
    assert any("health" in note.lower() for note in est.notes)


def test_de_splitting_oracle_and_by_hand():
    joint = dict(filing_status="married_joint")
    assert line(de(80_000 + FLAT_JOINT, **joint), "Income tax §32a").amount == 14_640
    # 2026: 2 x T(40,000) = 2 x 7,209
    assert de(80_000 + FLAT_JOINT, 2026, **joint).income_tax == 2 * 7_209


def test_de_zones_by_hand_2025():
    assert de(12_096 + FLAT).income_tax == 0  # basic allowance
    assert de(12_097 + FLAT).income_tax == 0  # (932.30 x 0.0001 + 1,400) x 0.0001 = 0.14 -> 0
    y = (15_000 - 12_096) / 10_000
    assert de(15_000 + FLAT).income_tax == math.floor((932.30 * y + 1_400) * y)  # 485
    assert de(15_000.99 + FLAT).income_tax == de(15_000 + FLAT).income_tax  # zvE in euros


def test_de_solidarity_surcharge_zones_2025():
    # Milderungszone: tax 31,088 > 19,950: min(5.5% x 31,088, 11.9% x (31,088 - 19,950))
    est = de(100_000 + FLAT)
    mild = line(est, "Solidarity surcharge, Milderungszone")
    assert mild.amount == pytest.approx(math.floor(0.119 * (31_088 - 19_950) * 100) / 100)
    # the surcharge is its own part: income_tax is the §32a tariff alone (the oracle's 31,088)
    assert est.income_tax == 31_088
    assert est.surcharge == pytest.approx(1_325.42, abs=CENT)
    assert est.total == pytest.approx(31_088 + 1_325.42, abs=CENT)
    assert est.effective_rate == pytest.approx(32_413.42 / 100_036)
    # full 5.5%: zvE 300,000 -> 0.45 x 300,000 - 19,246.67 = 115,753.33 -> 115,753
    full = de(300_000 + FLAT)
    # 5.5% x 115,753 = 6,366.415, fractions of a cent dropped -> 6,366.41
    assert line(full, "Solidarity surcharge 5.5%").amount == pytest.approx(6_366.41, abs=CENT)
    # below the exemption limit: none
    assert line(de(40_000), "Solidarity surcharge").amount == 0


def test_de_joint_assessment_adds_the_spouses_wages_to_the_joint_income():
    # 2025 joint: profit 40,072 + spouse's wages 40,000 less the 1,230 employee allowance
    # (38,770), less the joint 72 Pauschbetrag -> zvE 78,770; splitting 2 x T(39,385): zone 3,
    # z = (39,385 - 17,443) / 10,000 = 2.1942: (176.64 x 2.1942 + 2,397) x 2.1942 + 1,015.13
    # = 2,784.5835 x 2.1942 + 1,015.13 = 6,109.9331 + 1,015.13 = 7,125.06 -> 7,125; twice:
    # 14,250. Soli: within the joint 39,900 exemption -> 0.
    est = de(40_072, filing_status="married_joint", spouse_wages=40_000)
    assert line(est, "Employee allowance").amount == -1_230
    assert line(est, "Taxable income (zvE)").amount == 78_770
    assert est.income_tax == 14_250 and est.surcharge == 0 and est.total == 14_250
    # wages alone (the wage tax tables deduct the Pauschbetrag too): zvE 38,770 - 72 = 38,698,
    # 2 x T(19,349); z = 0.1906: (176.64 x 0.1906 + 2,397) x 0.1906 + 1,015.13 = 2,430.6676
    # x 0.1906 + 1,015.13 = 463.2852 + 1,015.13 = 1,478.42 -> 1,478; twice: 2,956
    assert est.tax_on_wages == 2_956
    assert est.tax_on_profit == 14_250 - 2_956  # 11,294


def test_de_employee_allowance_never_exceeds_the_wages():
    # 2025 single: wages of 1,000 are taken whole by the allowance (at most the wages, never
    # below zero), so they add nothing: the same tax as the 45,000 profit alone
    assert de(45_000, w2_wages=1_000).income_tax == de(45_000).income_tax


def test_de_deductions_reduce_taxable_income():
    # 45,036 - 36 - 5,000 = zvE 40,000: the oracle's 7,320
    assert de(45_036, deductions=5_000).income_tax == 7_320


# --- Flat, zero and negative profit, bad input ---------------------------------------------------


def test_flat_rate():
    est = estimate_tax(1_000, jurisdiction="flat", year=2025, rate=0.25)
    assert est.total == 250 and est.effective_rate == 0.25 and est.marginal_rate == 0.25
    assert "Estimate, not tax advice" in est.disclaimer


@pytest.mark.parametrize(
    "kw",
    [
        dict(jurisdiction="US", year=2025),
        dict(jurisdiction="US", year=2026, filing_status="married_joint"),
        dict(jurisdiction="UK", year=2025),
        dict(jurisdiction="DE", year=2025),
        dict(jurisdiction="DE", year=2026, filing_status="married_joint"),
        dict(jurisdiction="flat", year=2025, rate=0.3),
    ],
)
@pytest.mark.parametrize("profit", [0, -5_000])
def test_zero_and_negative_profit_give_zero_tax(kw, profit):
    est = estimate_tax(profit, **kw)
    assert est.total == 0 and est.income_tax == 0 and est.social_tax == 0
    assert est.effective_rate == 0 and est.tax_on_profit == 0


@pytest.mark.parametrize(
    "kw, words",
    [
        (dict(jurisdiction="FR", year=2025), "No tax rules for 'FR'"),
        (dict(jurisdiction="US", year=2019), "Years available: 2025, 2026"),
        (dict(jurisdiction="US", year=2025, filing_status="widow"), "Unknown filing status"),
        (dict(jurisdiction="flat", year=2025), "needs a rate"),
        (dict(jurisdiction="flat", year=2025, rate=25), "as a fraction"),
        (dict(jurisdiction="US", year=2025, w2_wages=-1), "cannot be negative"),
    ],
)
def test_bad_input_gives_a_plain_message(kw, words):
    with pytest.raises(TaxInputError, match=words):
        estimate_tax(1_000, **kw)


def test_profit_that_is_not_a_number():
    with pytest.raises(ValueError, match="must be a number"):
        estimate_tax("lots", jurisdiction="US", year=2025)
    with pytest.raises(ValueError, match="finite"):
        estimate_tax(float("nan"), jurisdiction="US", year=2025)


@pytest.mark.parametrize(
    "kw, label",
    [
        (dict(jurisdiction="US", year=2025), "US 2025"),
        (dict(jurisdiction="US", year=2026), "US 2026"),
        (dict(jurisdiction="UK", year=2025), "UK 2025/26"),
        (dict(jurisdiction="DE", year=2025), "Germany 2025"),
        (dict(jurisdiction="DE", year=2026), "Germany 2026"),
        (dict(jurisdiction="flat", year=2026, rate=0.2), "flat-rate 2026"),
    ],
)
def test_every_estimate_says_estimate_not_tax_advice_with_its_parameter_year(kw, label):
    est = estimate_tax(30_000, **kw)
    assert est.disclaimer == f"Estimate, not tax advice — {label} parameters"


def test_uk_trading_allowance_with_the_gross_trading_income():
    # salary 30,000: (30,000 - 12,570) x 20% = 3,486 on it alone.
    # A gig profit of 800 from gross trading income of 800: within the 1,000 allowance, no tax
    small = uk(800, w2_wages=30_000, trading_income=800)
    assert small.total == pytest.approx(3_486, abs=CENT) and small.tax_on_profit == 0
    assert small.lines[0].label == (
        "Trading profit: none, the gross trading income of £800.00 is within the £1,000 "
        "trading allowance"
    )
    # unknown gross: taxed as profit, 20% x 800 = 160
    assert uk(800, w2_wages=30_000).tax_on_profit == pytest.approx(160, abs=CENT)
    # gross 1,800, fees 300, profit 1,500: taxed on 1,500 (20%: 300), and a note says the
    # allowance instead of the fees would tax only 1,800 - 1,000 = 800
    bigger = uk(1_500, w2_wages=30_000, trading_income=1_800)
    assert bigger.tax_on_profit == pytest.approx(300, abs=CENT)
    assert any("lower the taxable profit to £800" in n for n in bigger.notes)


# --- business expenses no file shows ----------------------------------------------------------


def test_us_business_expenses_lower_the_profit_both_taxes_are_on():
    """US 2025 single, 50,000 of profit after platform fees, 10,000 of expenses -> 40,000.
    SE: 40,000 x 0.9235 = 36,940; 12.4% = 4,580.56, 2.9% = 1,071.26: 5,651.82, half 2,825.91.
    AGI 37,174.09; less 15,750 = 21,424.09; QBI min(20% x 37,174.09 = 7,434.82,
    20% x 21,424.09 = 4,284.82) = 4,284.82; taxable 17,139.27: 1,192.50 + 12% x 5,214.27
    (625.71) = 1,818.21. Total 5,651.82 + 1,818.21 = 7,470.03, which is 14.94006% of the
    50,000 the set-aside is taken from."""
    est = us(50_000, expenses=10_000)
    assert est.social_tax == pytest.approx(5_651.82, abs=CENT)
    assert est.income_tax == pytest.approx(1_818.21, abs=CENT)
    assert est.total == pytest.approx(7_470.03, abs=CENT)
    assert est.tax_on_profit == pytest.approx(7_470.03, abs=CENT)
    assert est.rate_on_profit == pytest.approx(7_470.03 / 50_000)
    assert est.profit == 50_000
    assert line(est, "Business expenses you entered").amount == -10_000
    assert line(est, "Profit after expenses").amount == 40_000
    # without expenses no such lines
    assert not [x for x in us(50_000).lines if "expenses" in x.label]


def test_expenses_above_the_profit_leave_no_tax_on_it():
    # flat 25%: 10,000 - 2,000 = 8,000 x 25% = 2,000; 3,000 of expenses on 2,000 of profit: 0
    flat = estimate_tax(10_000, jurisdiction="flat", year=2025, rate=0.25, expenses=2_000)
    assert flat.total == pytest.approx(2_000, abs=CENT)
    assert us(2_000, expenses=3_000).tax_on_profit == 0


def test_negative_expenses_are_refused_in_plain_words():
    with pytest.raises(TaxInputError, match="business expenses"):
        us(10_000, expenses=-5)


def test_uk_expenses_count_against_the_trading_allowance_comparison():
    """Gross trading income 3,000, fees 100: profit 2,900, and the £1,000 allowance instead
    would tax 2,000, which a note says. With 1,500 of expenses the profit is 1,400, below the
    2,000 the allowance leaves: no note. Salary 30,000 puts the profit in the 20% band (Class 4
    starts at 12,570 of profit): 1,400 x 20% = 280."""
    without = uk(2_900, w2_wages=30_000, trading_income=3_000)
    assert any("lower the taxable profit to £2,000.00" in n for n in without.notes)
    with_expenses = uk(2_900, w2_wages=30_000, trading_income=3_000, expenses=1_500)
    assert not any("trading allowance" in n for n in with_expenses.notes)
    assert with_expenses.tax_on_profit == pytest.approx(280, abs=CENT)
    # 500 of expenses: profit 2,400 > 2,000, the note names 3,000 - 2,400 = 600 of costs
    some = uk(2_900, w2_wages=30_000, trading_income=3_000, expenses=500)
    assert any(
        "(£600.00 of fees and the expenses you entered over the year" in n and "to £2,000.00" in n
        for n in some.notes
    )


def test_the_breakdowns_tax_lines_add_up_to_the_total_to_the_cent():
    """US 2026 single, profit 20,005.55: net SE earnings x 0.9235 = 18,475.125425; Social
    Security 12.4% = 2,290.915553, Medicare 2.9% = 535.778637: Schedule SE's total 2,826.694
    rounds to 2,826.69, while the two lines round to 2,290.92 + 535.78 = 2,826.70. Half SE
    1,413.347; AGI 18,592.203; TI before QBI 2,492.203 (standard deduction 16,100); QBI 20%
    of it 498.44; TI 1,993.76 -> 199.38. Total 2,826.69 + 199.38 = 3,026.07. The cent goes
    from the line rounding moved furthest: Social Security (+0.0044) shows 2,290.91."""
    est = estimate_tax(20005.55, jurisdiction="US", year=2026)
    assert est.total == 3026.07
    taxes = {line.label.split(" on ")[0]: line.amount for line in est.lines if line.kind == "tax"}
    assert taxes == {
        "SE tax, Social Security 12.4%": 2290.91,
        "SE tax, Medicare 2.9%": 535.78,
        "Income tax 10%": 199.38,
    }
    assert round(sum(taxes.values()), 2) == est.total


def test_the_trading_allowance_note_says_what_claiming_it_saves():
    # A UK student in 2025/26: salary 9,000; gross trading income 9,172.68, fees 303.37, so
    # profit 8,869.31. With actual expenses: 20% x (9,000 + 8,869.31 - 12,570) = 1,059.86
    # (no Class 4: profit under 12,570). With the allowance, profit 8,172.68: 20% x 4,602.68
    # = 920.536 -> 920.54, 139.32 less
    est = estimate_tax(
        8869.31, jurisdiction="UK", year=2025, w2_wages=9000.0, trading_income=9172.68
    )
    assert est.total == 1059.86
    [note] = [n for n in est.notes if n.startswith("Claiming the £1,000 trading allowance")]
    assert (
        "would lower the taxable profit to £8,172.68 and the tax by £139.32 (to £920.54; any "
        "payments on account set from this year's bill fall with it): a choice you make on your "
        "return. To count it here, tick “Claim the £1,000 trading allowance instead of "
        "expenses” under More about your situation."
    ) in note


def test_the_trading_allowance_claimed_is_counted_when_it_beats_the_fees():
    # The same student, ticking the claim: taxed on 8,172.68, 920.54, and the note says what
    # it saved; the set-aside rate stays on the profit after fees
    est = estimate_tax(
        8869.31,
        jurisdiction="UK",
        year=2025,
        w2_wages=9000.0,
        trading_income=9172.68,
        claim_trading_allowance=True,
    )
    assert est.total == 920.54
    assert est.profit == 8869.31
    assert est.lines[0].label == (
        "Trading profit: the gross trading income of £9,172.68 less the £1,000 trading "
        "allowance (more than your £303.37 of fees)"
    )
    assert est.lines[0].amount == 8172.68
    [note] = [n for n in est.notes if n.startswith("The £1,000 trading allowance is counted")]
    assert (
        "instead of your actual expenses (£303.37 of fees over the year): it lowers the taxable "
        "profit from £8,869.31 to £8,172.68 and the tax by £139.32 (with your actual expenses "
        "it would be £1,059.86). You choose one or the other on your return; the allowance "
        "cannot be claimed on income from your employer or a partnership you are in."
    ) in note
    # Sam with £12,000 of wages and £1,617.25 of gross trading income, no fees: 13,617.25 -
    # 12,570 = 1,047.25 x 20% = 209.45 on the profit unclaimed; claimed, 617.25 of profit:
    # 47.25 x 20% = 9.45 (no Class 4 under £12,570 of profit)
    sam = dict(jurisdiction="UK", year=2026, w2_wages=12_000.0, trading_income=1617.25)
    assert estimate_tax(1617.25, **sam).tax_on_profit == 209.45
    assert estimate_tax(1617.25, claim_trading_allowance=True, **sam).tax_on_profit == 9.45
    # fees of 1,200 on 1,800, more than the allowance: the profit stays 600 however ticked
    costly = uk(600, w2_wages=30_000, trading_income=1_800, claim_trading_allowance=True)
    assert costly.tax_on_profit == pytest.approx(120, abs=CENT)
    assert not any("trading allowance" in n for n in costly.notes)


def test_a_joint_return_says_the_self_employment_tax_is_one_persons():
    assert any("Schedule SE each" in n for n in us(60_000, status="married_joint").notes)
    assert not any("Schedule SE each" in n for n in us(60_000).notes)
    assert not any("Schedule SE each" in n for n in us(0, status="married_joint").notes)


def test_uk_2024_25_oliver_above_the_allowance_taper():
    # profit 133,892.72 > 125,140: no personal allowance. Income tax 20% x 37,700 = 7,540
    # + 40% x 87,440 = 34,976 + 45% x 8,752.72 = 3,938.72: 46,454.72. Class 4 6% x 37,700
    # = 2,262 + 2% x 83,622.72 = 1,672.45: 3,934.45 (rates and limits as 2025/26, frozen).
    est = estimate_tax(133_892.72, jurisdiction="UK", year=2024)
    assert est.income_tax == pytest.approx(46_454.72, abs=CENT)
    assert est.total == pytest.approx(50_389.17, abs=CENT)
    # 2024/25's Class 2 small profits threshold was 6,725 (6,845 in 2025/26)
    assert "profits of £6,725 or more count as paid" in " ".join(est.notes)
    # the Scottish bands of 2024/25: 19% on the first 2,306 of taxable income (12,571-14,876)
    # then 20% to 13,991: a profit of 20,000 -> taxable 7,430: 2,306 x 19% + 5,124 x 20%
    scot = estimate_tax(20_000, jurisdiction="UK", year=2024, scottish=True)
    assert scot.income_tax == pytest.approx(2_306 * 0.19 + 5_124 * 0.20, abs=CENT)  # 1,462.94


@pytest.mark.parametrize(
    "profit, year, words",
    [
        # gov.uk: voluntary Class 2 £3.50 a week in 2025/26 (x 52 = £182), £3.65 in 2026/27
        (5_000, 2025, "below £6,845, so this year does not count"),
        (5_000, 2025, "(£3.50 a week, £182 for the year)"),
        (7_000, 2026, "(£3.65 a week, £189.80 for the year)"),  # 7,000 < 2026/27's 7,105
    ],
)
def test_uk_profit_below_the_small_profits_threshold_points_to_voluntary_class_2(
    profit, year, words
):
    est = estimate_tax(profit, jurisdiction="UK", year=year)
    assert any(words in n for n in est.notes)


@pytest.mark.parametrize("profit, year", [(6_845, 2025), (7_105, 2026), (40_000, 2025)])
def test_uk_profit_at_the_small_profits_threshold_counts_without_voluntary_class_2(profit, year):
    est = estimate_tax(profit, jurisdiction="UK", year=year)
    assert not any("voluntary Class 2" in n for n in est.notes)


def test_a_flat_rate_above_a_tax_free_amount():
    # Joy's Philippine 8% option on 747,963.65 above the 250,000 tax-free: 8% x 497,963.65
    est = estimate_tax(747_963.65, jurisdiction="flat", year=2026, rate=0.08, tax_free=250_000)
    assert est.total == pytest.approx(39_837.09, abs=CENT)
    assert "tax-free 250,000.00" in est.lines[0].label
    # below it, nothing; without it, 8% of all of it
    assert (
        estimate_tax(200_000, jurisdiction="flat", year=2026, rate=0.08, tax_free=250_000).total
        == 0
    )
    assert estimate_tax(1_000, jurisdiction="flat", year=2026, rate=0.08).total == pytest.approx(80)
    with pytest.raises(TaxInputError, match="flat rate only"):
        estimate_tax(1_000, jurisdiction="US", year=2026, tax_free=100)


def test_a_flat_rate_on_gross_receipts():
    """Joy's Philippine 8% is on gross receipts: her clients paid 747,963.65 on Upwork, which
    kept 10% (74,796.37), so her profit is 673,167.28; the tax is 8% x (747,963.65 - 250,000)
    = 39,837.092 -> 39,837.09, not 8% x 423,167.28 = 33,853.38 on the profit."""
    est = estimate_tax(
        673_167.28,
        jurisdiction="flat",
        year=2026,
        rate=0.08,
        tax_free=250_000,
        on_gross=True,
        trading_income=747_963.65,
    )
    assert est.total == pytest.approx(39_837.09, abs=CENT)
    assert est.tax_on_profit == pytest.approx(39_837.09, abs=CENT)
    assert est.lines[0].label.startswith("Gross receipts")
    assert est.lines[0].amount == pytest.approx(747_963.65, abs=CENT)
    assert "8.0% × (gross receipts − the tax-free 250,000.00)" in est.lines[1].label
    # the rate stays per unit of profit, the income the set-aside is taken from
    assert est.effective_rate == pytest.approx(39_837.09 / 673_167.28)
    no_free = estimate_tax(
        900, jurisdiction="flat", year=2026, rate=0.08, on_gross=True, trading_income=1_000
    )
    assert no_free.total == pytest.approx(80.00, abs=CENT)


@pytest.mark.parametrize(
    "kwargs, says",
    [
        (dict(jurisdiction="US"), "flat rate only"),
        (dict(jurisdiction="flat", rate=0.08, expenses=100), "no expenses"),
        (dict(jurisdiction="flat", rate=0.08, trading_income=None), "gross receipts"),
    ],
)
def test_a_rate_on_gross_receipts_is_said_when_it_cannot_be(kwargs, says):
    kwargs = {"trading_income": 1_000.0, **kwargs}
    with pytest.raises(TaxInputError, match=says):
        estimate_tax(900, year=2026, on_gross=True, **kwargs)
