"""Due dates and installment amounts (reference doc §2.2, §2.5 example A, §3 GOV.UK example)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from analytics.tax import (
    TaxInputError,
    TaxProfile,
    estimate_for_profile,
    payment_schedule,
    projected_annual_tax,
    set_against_payments,
    uk_payments,
    us_due_dates,
)
from analytics.tax.schedule import de_next_working_day

CENT = 0.005
D = dt.date


def dues(df: pd.DataFrame) -> list[dt.date]:
    return [ts.date() for ts in df["due_date"]]


# --- US ------------------------------------------------------------------------------------------


def test_us_2025_and_2026_due_dates_from_the_reference():
    assert [due for _, due, _ in us_due_dates(2025)] == [
        D(2025, 4, 15),
        D(2025, 6, 16),
        D(2025, 9, 15),
        D(2026, 1, 15),  # Jun 15 2025: Sunday
    ]
    assert [due for _, due, _ in us_due_dates(2026)] == [
        D(2026, 4, 15),
        D(2026, 6, 15),
        D(2026, 9, 15),
        D(2027, 1, 15),
    ]


def test_us_dates_move_past_weekends_and_legal_holidays():
    # IRS 2022: Apr 15 was DC Emancipation Day (observed) -> Apr 18; Jan 15, 2023 a Sunday and
    # Jan 16 Martin Luther King Jr. Day -> Jan 17, 2023.
    dates_2022 = [due for _, due, _ in us_due_dates(2022)]
    assert dates_2022[0] == D(2022, 4, 18) and dates_2022[3] == D(2023, 1, 17)
    # 2023: Apr 15 Saturday, Apr 16 Sunday, Emancipation Day observed Monday Apr 17 -> Apr 18
    assert us_due_dates(2023)[0][1] == D(2023, 4, 18)


def test_a_year_without_figures_still_has_its_schedule():
    """2027 (no figures in GigLens yet: 2026's stand in). Jan 15, 2028 is a Saturday and
    Jan 17 Martin Luther King Jr. Day, so Q4 is due Tuesday Jan 18, 2028. The amounts:
    90% x 12,037.20 (example B on 2026 figures) = 10,833.48 > 100% x 9,500 -> 2,375 each."""
    df = payment_schedule(TaxProfile("US", 2027), 2027, prior_year_tax=9_500, profit=60_000)
    quarters = df[df["label"].str.contains("estimated tax")]
    assert list(quarters["due_date"].dt.date) == [
        D(2027, 4, 15),
        D(2027, 6, 15),
        D(2027, 9, 15),
        D(2028, 1, 18),
    ]
    assert list(quarters["amount"]) == [2_375.0] * 4
    # the note names the holiday skipped after the weekend
    assert (
        quarters["notes"]
        .iloc[3]
        .startswith(
            "Jan 15 is Saturday, and Monday Jan 17 is Martin Luther King Jr. Day: moved to Tuesday "
            "Jan 18."
        )
    )


def test_us_installments_add_up_to_the_least_to_pay_and_the_balance_to_the_tax():
    """Example A, 2025 single, 60,000: tax 12,080.30; 90% = 10,872.27 (< 100% of last year's
    11,000). The four installments add up to it exactly (2,718.07 x 3 + 2,718.06), and what is
    left with the return is 12,080.30 - 10,872.27 = 1,208.03, the same either way it is added."""
    df = payment_schedule(TaxProfile("US", 2025), 2025, prior_year_tax=11_000, profit=60_000)
    quarters = df[df["label"].str.contains("estimated tax")]
    assert round(quarters["amount"].sum(), 2) == 10_872.27
    assert df.attrs["balance_due"][1] == 1_208.03
    assert any("$10,872.27. It is not the tax you owe" in n for n in df.attrs["notes"])


def test_us_safe_harbour_example_a():
    profile = TaxProfile("US", 2025)
    # 90% x 12,080.30 = 10,872.27 > 100% x 9,500 -> 9,500 / 4 = 2,375 per quarter
    df = payment_schedule(profile, 2025, prior_year_tax=9_500, profit=60_000)
    assert list(df.columns[:4]) == ["due_date", "label", "amount", "currency"]
    assert "notes" in df.columns
    assert df["amount"].tolist() == [2_375.0] * 4
    assert dues(df) == [D(2025, 4, 15), D(2025, 6, 16), D(2025, 9, 15), D(2026, 1, 15)]
    assert "Sunday" in df["notes"].iloc[1]
    assert df.attrs["disclaimer"] == "Estimate, not tax advice — US 2025 parameters"


def test_us_safe_harbour_110_percent_when_last_years_agi_was_high():
    # 110% x 10,000 = 11,000 > 10,872.27 (reference example A) -> 1,087,227 cents / 4 =
    # 271,806 rest 3: the first three installments take a cent more, so they add up to 10,872.27
    high = TaxProfile("US", 2025, prior_year_agi=160_000)
    df = payment_schedule(high, 2025, prior_year_tax=10_000, profit=60_000)
    assert df["amount"].tolist() == [2_718.07, 2_718.07, 2_718.07, 2_718.06]
    # with last year's AGI at most $150,000 it is 100% x 10,000 = 10,000 -> 2,500
    low = TaxProfile("US", 2025, prior_year_agi=150_000)
    assert payment_schedule(low, 2025, 10_000, profit=60_000)["amount"].tolist() == [2_500.0] * 4


def test_us_safe_harbour_without_last_years_agi_uses_this_years_agi_after_half_se_tax():
    # single 2025, profit 155,000, no wages; last year's tax 10,000, last year's AGI not given.
    # SE: N = 155,000 x 0.9235 = 143,142.50; 12.4% x N = 17,749.67; 2.9% x N = 4,151.1325;
    # SE tax 21,900.8025, half 10,950.40125; AGI = 155,000 - 10,950.40 = 144,049.60 <= 150,000
    # -> 100% x 10,000 = 10,000 (the profit alone, 155,000 > 150,000, would pick 110% = 11,000).
    # 90% of this year's tax is above 10,000 (90% of the SE tax alone is 19,710.72), so the
    # required payment is 10,000 -> 2,500 a quarter.
    profile = TaxProfile("US", 2025)
    assert estimate_for_profile(155_000, profile).agi == pytest.approx(144_049.60)
    df = payment_schedule(profile, 2025, prior_year_tax=10_000, profit=155_000)
    assert df["amount"].tolist() == [2_500.0] * 4
    assert any("$144,049.60" in n and "100%" in n for n in df.attrs["notes"])
    # profit 170,000: N = 156,995; SE tax 15.3% x N = 24,020.235, half 12,010.1175;
    # AGI 157,989.88 > 150,000 -> 110% x 10,000 = 11,000 -> 2,750 a quarter
    df = payment_schedule(profile, 2025, prior_year_tax=10_000, profit=170_000)
    assert df["amount"].tolist() == [2_750.0] * 4


def test_us_profile_prior_year_tax_is_used_and_zero_means_nothing_due():
    df = payment_schedule(TaxProfile("US", 2025, prior_year_tax=0.0), profit=60_000)
    assert df["amount"].tolist() == [0.0] * 4
    assert any("No tax last year" in n for n in df.attrs["notes"])


def test_us_below_1000_owed_needs_no_payments():
    # profit 5,000: SE tax 5,000 x 0.9235 x 15.3% = 706.47; income tax 0 (below the deduction)
    df = payment_schedule(TaxProfile("US", 2025), prior_year_tax=3_000, profit=5_000)
    assert df["amount"].tolist() == [0.0] * 4


def test_us_without_prior_year_uses_90_percent_of_this_year():
    df = payment_schedule(TaxProfile("US", 2026), profit=60_000)
    assert df["amount"].tolist() == pytest.approx([12_037.20 * 0.9 / 4] * 4, abs=CENT)


def test_with_nothing_to_go_on_the_schedule_gives_the_due_dates_alone():
    """payment_schedule(profile, year) as issue 4 names it, without last year's tax or a
    profit: the year's dates (US: 15 Apr, 15 Jun 2025 a Sunday -> 16 Jun, 15 Sep, 15 Jan 2026;
    DE 2025: 10 Mar, 10 Jun, 10 Sep, 10 Dec, all weekdays), no amounts, a note on what to give."""
    us = payment_schedule(TaxProfile("US", 2025), 2025)
    assert us["due_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-04-15",
        "2025-06-16",
        "2025-09-15",
        "2026-01-15",
    ]
    assert us["amount"].isna().all()
    assert us.attrs["notes"] == [
        "No amounts: give last year's tax (prior_year_tax) or this year's expected profit "
        "(profit) to work them out."
    ]
    de = payment_schedule(TaxProfile("DE", 2025), 2025)
    assert de["due_date"].dt.strftime("%m-%d").tolist() == ["03-10", "06-10", "09-10", "12-10"]
    assert de["amount"].isna().all() and (de["currency"] == "EUR").all()


def test_us_installments_include_the_tax_on_other_income():
    # single 2025, $30,000 profit + $20,000 rent, no wages (test_tax_estimate works the total
    # out: 7,186.90, of which the rent alone causes 425.00). Nobody withholds tax on rent, so
    # nothing is subtracted: 90% x 7,186.90 = 6,468.21 -> 646,821 cents / 4 = 161,705 rest 1:
    # 1,617.06 then three of 1,617.05 (not (6,468.21 - 425.00) / 4 = 1,510.80, as if the rent's
    # tax were withheld)
    df = payment_schedule(TaxProfile("US", 2025, other_income=20_000), profit=30_000)
    assert df["amount"].tolist() == [1_617.06, 1_617.05, 1_617.05, 1_617.05]
    notes = " ".join(df.attrs["notes"])
    assert "withheld" not in notes  # no wages: no withholding note
    assert "to avoid an underpayment penalty: $6,468.21" in notes
    # left for the return: 7,186.90 - the installments (6,468.21) = 718.69, due Apr 15, 2026 (Wed)
    assert "Left to pay with your 2025 return by Apr 15, 2026: $718.69" in notes
    assert "annualized income installment method (Form 2210, Schedule AI)" in notes
    # 7,000 paid already (more than the 6,468.20 of installments): 7,186.90 - 7,000 = 186.90
    # left; 8,000 paid is 813.10 more than the year's tax, a refund
    paid = payment_schedule(TaxProfile("US", 2025, other_income=20_000, paid=7000), profit=30_000)
    notes = " ".join(paid.attrs["notes"])
    assert "$186.90 (this year's estimated tax $7,186.90 minus withholding and the $7,000.00" in (
        notes
    )
    # 6,486.90 paid: 7,186.90 - 6,486.90 = 700 left, written to the cent as the pages write it
    exact = payment_schedule(
        TaxProfile("US", 2025, other_income=20_000, paid=6486.90), profit=30_000
    )
    assert "Left to pay with your 2025 return by Apr 15, 2026: $700.00 (" in " ".join(
        exact.attrs["notes"]
    )
    more = payment_schedule(TaxProfile("US", 2025, other_income=20_000, paid=8000), profit=30_000)
    notes = " ".join(more.attrs["notes"])
    assert "Left to pay" not in notes
    assert "the $8,000.00 you have paid are $813.10 more than this year's estimated tax" in notes


def test_us_joint_return_withholding_is_the_tax_on_the_wages_alone():
    # 2025 MFJ, $180,000 profit, spouse's wages $60,000 (test_tax_estimate: total 50,973.07,
    # tax on the wages alone 2,943.00). Required: 90% x 50,973.07 = 45,875.763 -> 45,875.76;
    # minus the wages' 2,943.00 = 42,932.76 -> 10,733.19 a quarter.
    profile = TaxProfile("US", 2025, "married_joint", spouse_wages=60_000)
    df = payment_schedule(profile, profit=180_000)
    assert df["amount"].tolist() == [10_733.19] * 4
    notes = " ".join(df.attrs["notes"])
    assert "Minus tax withheld from wages (assumed): $2,943." in notes
    # left: 50,973.07 - 2,943.00 - 4 x 10,733.19 (42,932.76) = 5,097.31
    assert "Left to pay with your 2025 return by Apr 15, 2026: $5,097.31" in notes


def test_us_with_last_years_tax_the_note_names_the_smaller_and_what_is_left():
    # example A (2025 single, 60,000: 12,080.30) with last year's 9,500: required 9,500 (the
    # smaller of 10,872.27 and 9,500); left for the return 12,080.30 - 9,500 = 2,580.30
    df = payment_schedule(TaxProfile("US", 2025), prior_year_tax=9_500, profit=60_000)
    notes = " ".join(df.attrs["notes"])
    assert "underpayment penalty (the smaller of the two): $9,500.00. It is not the tax" in notes
    assert "Left to pay with your 2025 return by Apr 15, 2026: $2,580.30" in notes


# --- UK ------------------------------------------------------------------------------------------


def test_uk_gov_uk_payments_on_account_example():
    # GOV.UK: 2021/22 bill 3,000; payments on account 2 x 900 (from a 1,800 bill for 2020/21).
    rows = pd.DataFrame(uk_payments(bill=3_000, prior_bill=1_800, tax_year=2021))
    on = rows.groupby("due_date")["amount"].sum()
    assert on[D(2022, 1, 31)] == 900 and on[D(2022, 7, 31)] == 900
    assert on[D(2023, 1, 31)] == 2_700  # balancing 1,200 + first POA for 2022/23 1,500
    assert on[D(2023, 7, 31)] == 1_500


def test_uk_first_year_pays_150_percent_on_31_january():
    profile = TaxProfile("UK", 2025, first_year=True)
    df = payment_schedule(profile, 2025, profit=60_000)
    on = df.groupby("due_date")["amount"].sum()
    bill = 11_432.00 + 2_456.60  # reference §3: 13,888.60
    assert D(2026, 1, 31) not in {d.date() for d in on.index}  # no payments on account in year 1
    assert on[pd.Timestamp(2027, 1, 31)] == pytest.approx(1.5 * bill, abs=CENT)  # ≈ £20,833
    assert on[pd.Timestamp(2027, 7, 31)] == pytest.approx(0.5 * bill, abs=CENT)
    assert (df["currency"] == "GBP").all()
    assert "UK 2025/26" in df.attrs["disclaimer"]


def test_uk_2026_27_payments_on_account_and_balancing_payment_dates():
    # 2026/27 (6 Apr 2026 - 5 Apr 2027): payments on account 31 Jan and 31 Jul 2027, balancing
    # payment 31 Jan 2028. Bill on 40,000: 5,486 + 1,645.80 = 7,131.80; last year's bill 6,000.
    df = payment_schedule(TaxProfile("UK", 2026, prior_year_tax=6_000), profit=40_000)
    on = df.groupby("due_date")["amount"].sum()
    assert on[pd.Timestamp(2027, 1, 31)] == 3_000 and on[pd.Timestamp(2027, 7, 31)] == 3_000
    # 31 Jan 2028: balancing 7,131.80 - 6,000 + 2027/28's first payment on account 3,565.90
    assert on[pd.Timestamp(2028, 1, 31)] == pytest.approx(1_131.80 + 3_565.90, abs=CENT)
    assert "UK 2026/27" in df.attrs["disclaimer"]


def test_uk_later_year_uses_last_years_bill():
    profile = TaxProfile("UK", 2025, prior_year_tax=10_000)
    df = payment_schedule(profile, profit=60_000)
    on = df.groupby("due_date")["amount"].sum()
    assert on[pd.Timestamp(2026, 1, 31)] == 5_000 and on[pd.Timestamp(2026, 7, 31)] == 5_000
    # 31 Jan 2027: balancing 13,888.60 - 10,000 + next year's first POA 6,944.30
    assert on[pd.Timestamp(2027, 1, 31)] == pytest.approx(3_888.60 + 6_944.30, abs=CENT)


def test_uk_payments_on_account_from_last_years_bill_alone():
    # payment_schedule(profile, year, prior_year_tax): both payments on account are half of
    # last year's £3,000 bill; what depends on this year's bill is not known without a profit
    df = payment_schedule(TaxProfile("UK", 2025), 2025, prior_year_tax=3_000)
    poa = df[df["label"].str.endswith("payment on account for 2025/26")]
    assert poa["due_date"].tolist() == [pd.Timestamp(2026, 1, 31), pd.Timestamp(2026, 7, 31)]
    assert poa["amount"].tolist() == [1_500.0, 1_500.0]
    later = df[df["due_date"] >= pd.Timestamp(2027, 1, 1)]
    assert len(later) == 3 and later["amount"].isna().all()
    assert later["notes"].str.contains("give the expected profit").all()
    # neither profit nor last year's bill: the dates (31 Jan and 31 Jul 2026, 31 Jan 2027 for
    # the balance and next year's first, 31 Jul 2027), no amounts
    dates_only = payment_schedule(TaxProfile("UK", 2025), 2025)
    assert dates_only["due_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-01-31",
        "2026-07-31",
        "2027-01-31",
        "2027-01-31",
        "2027-07-31",
    ]
    assert dates_only["amount"].isna().all()
    assert "give it to work it out" in dates_only["notes"].iat[0]


def test_uk_no_payments_on_account_after_a_small_bill():
    rows = pd.DataFrame(uk_payments(bill=5_000, prior_bill=900, tax_year=2025))
    first = rows[rows["due_date"] == D(2026, 1, 31)]
    assert first["amount"].tolist() == [0.0]
    balancing = rows[rows["label"] == "Balancing payment"]["amount"].item()
    assert balancing == 5_000


def test_uk_bill_includes_the_tax_on_other_income_but_not_on_wages():
    # 2025/26 first year: profit 30,000, salary 15,000 (PAYE), other income 20,000.
    # Total income 65,000; taxable 65,000 - 12,570 = 52,430: 20% x 37,700 = 7,540
    #   + 40% x 14,730 = 5,892 -> 13,432; Class 4 6% x (30,000 - 12,570) = 1,045.80
    #   -> total 14,477.80
    # salary alone (collected through PAYE): 20% x (15,000 - 12,570) = 486.00
    # bill = 14,477.80 - 486.00 = 13,991.80 (the other income's tax is in it)
    profile = TaxProfile("UK", 2025, w2_wages=15_000, other_income=20_000, first_year=True)
    df = payment_schedule(profile, profit=30_000)
    amounts = dict(zip(df["label"], df["amount"], strict=True))
    assert amounts["Balancing payment"] == pytest.approx(13_991.80, abs=CENT)
    # 50% of 13,991.80 = 6,995.90 each; 31 Jan 2027: 150% = 20,987.70
    assert amounts["1st payment on account for 2026/27"] == pytest.approx(6_995.90, abs=CENT)
    assert "(150%: £20,987.70)" in " ".join(df.attrs["notes"])


# --- DE ------------------------------------------------------------------------------------------


def test_de_quarterly_prepayments_from_last_assessment():
    df = payment_schedule(TaxProfile("DE", 2025), prior_year_tax=8_000)
    assert dues(df) == [D(2025, 3, 10), D(2025, 6, 10), D(2025, 9, 10), D(2025, 12, 10)]
    assert df["amount"].tolist() == [2_000.0] * 4  # 8,000 / 4
    assert (df["currency"] == "EUR").all()


def test_de_schedule_gives_the_returns_due_date():
    # §149(2) AO: a 2025 return filed without an adviser is due by 31 July 2026
    df = payment_schedule(TaxProfile("DE", 2025), prior_year_tax=8_000)
    assert "Your 2025 return is due by 31 July 2026 if you file it yourself" in " ".join(
        df.attrs["notes"]
    )


def test_de_prepayments_above_the_estimate_are_said_without_wage_tax_when_there_are_no_wages():
    # A reviewer's 2026 by hand: profit 33,484.94 less the €36 Sonderausgaben-Pauschbetrag is
    # a zvE of 33,448; §32a EStG 2026 gives €5,209 (no Soli below its Freigrenze). Last year's
    # €5,315 sets four prepayments of 1,328.75: 5,315 - 5,209 = 106.00 more, and no wages, so
    # no "wage tax" in the note
    df = payment_schedule(TaxProfile("DE", 2026), prior_year_tax=5_315, profit=33_484.94)
    notes = " ".join(df.attrs["notes"])
    assert "The prepayments are about €106.00 more than this year's estimate" in notes
    assert "wage tax" not in notes


def test_de_prepayment_minimum_and_weekend_shift():
    df = payment_schedule(TaxProfile("DE", 2026), prior_year_tax=300)  # below €400 a year
    assert df["amount"].tolist() == [0.0] * 4
    assert de_next_working_day(D(2028, 6, 10)) == D(2028, 6, 12)  # Saturday -> Monday
    assert de_next_working_day(D(2026, 3, 10)) == D(2026, 3, 10)


def test_flat_profile_has_no_calendar():
    df = payment_schedule(TaxProfile("flat", 2025, rate=0.2), profit=1_000)
    assert df.empty and df.attrs["notes"]


def test_us_fourth_installment_note_gives_the_real_file_by_date():
    # §2.2: Jan 31, 2026 is a Saturday -> Feb 2, 2026; Jan 31, 2027 a Sunday -> Feb 1, 2027
    q4_2025 = payment_schedule(TaxProfile("US", 2025), prior_year_tax=4_000)["notes"].iloc[3]
    assert "Feb 2, 2026" in q4_2025
    q4_2026 = payment_schedule(TaxProfile("US", 2026), prior_year_tax=4_000)["notes"].iloc[3]
    assert "Feb 1, 2027" in q4_2026


def test_de_without_an_assessment_says_what_to_put_aside_not_a_prepayment():
    # profit 60,000 (2025): a quarter of the estimate's tax per date, labelled as money to put
    # aside: the tax office sets prepayments only after an assessment
    df = payment_schedule(TaxProfile("DE", 2025), profit=60_000)
    assert df["label"].tolist() == [
        f"Q{n}: a quarter of this year's estimate (no assessed tax entered)" for n in range(1, 5)
    ]
    # a later year's prepayments are in the last assessment: the note says where to find them
    assert any("in your last tax assessment (Steuerbescheid)" in n for n in df.attrs["notes"])
    with_assessment = payment_schedule(TaxProfile("DE", 2025), prior_year_tax=8_000)
    assert with_assessment["label"].iat[0] == "Q1 income-tax prepayment (Vorauszahlung)"


def test_de_four_parts_to_put_aside_add_up_to_the_tax():
    # profit 82,770.64 (2025; a Berlin reviewer's year): zvE 82,770 - 36 = 82,734; tariff
    # 0.42 x 82,734 - 10,911.92 = 23,836.36 -> 23,836; Soli 11.9% x (23,836 - 19,950) =
    # 462.434 -> 462.43 (under 5.5% x 23,836 = 1,310.98); the year 24,298.43 = 2,429,843 cents
    # / 4 = 607,460 rest 3: three of 6,074.61 and one of 6,074.60 (not four of 6,074.61,
    # 24,298.44, a cent more than the tax)
    df = payment_schedule(TaxProfile("DE", 2025), profit=82_770.64)
    assert df["amount"].tolist() == [6_074.61, 6_074.61, 6_074.61, 6_074.60]
    # prepayments in 2025 from an assessed tax of 23,836 (no wages): + Soli 462.43 as above
    assessed = payment_schedule(TaxProfile("DE", 2025), prior_year_tax=23_836)
    assert assessed["amount"].tolist() == [6_074.61, 6_074.61, 6_074.61, 6_074.60]


def test_uk_first_year_under_the_payments_on_account_minimum_says_no_150_percent():
    # profit 16,000 (2025/26): income tax (16,000 - 12,570) x 20% = 686.00 + Class 4 NIC
    # (16,000 - 12,570) x 6% = 205.80: a bill of 891.80, under £1,000: no payments on account
    df = payment_schedule(TaxProfile("UK", 2025, first_year=True), profit=16_000)
    notes = " ".join(df.attrs["notes"])
    assert "150%" not in notes
    assert "you pay the whole bill, £891.80; no payments on account follow" in notes
    assert df.loc[df["label"] == "Balancing payment", "amount"].item() == pytest.approx(891.80)


def test_de_put_aside_without_an_assessment_stays_under_the_prepayment_minimum():
    # profit 13,036 (2025): less the 36 Sonderausgaben-Pauschbetrag, zvE 13,000, tax
    # floor((932.30 y + 1,400) y) with y = (13,000 - 12,096) / 10,000 = 0.0904: (84.28 + 1,400)
    # x 0.0904 = 134.18 -> 134; a quarter: 33.50.
    # No prepayment would be set (under 400 a year), but the bill still comes.
    df = payment_schedule(TaxProfile("DE", 2025), profit=13_036)
    assert df["amount"].tolist() == [33.50] * 4


def test_de_put_aside_starts_when_the_income_began():
    # the 13,036 profit above, 134.00 of tax; income began on 5 Aug 2025: nothing to put aside
    # by 10 Mar and 10 Jun, 134.00 / 2 = 67.00 by 10 Sep and 10 Dec
    df = payment_schedule(TaxProfile("DE", 2025), profit=13_036, income_from=D(2025, 8, 5))
    assert df["amount"].tolist() == [0.0, 0.0, 67.00, 67.00]
    assert df["notes"].iat[0] == "Before your income began (05 Aug): nothing to put aside."
    # begun on a date itself (10 Jun): it counts, 134.00 / 3 = 44.666...: 44.67 + 44.67 +
    # 44.66, to add up to the cent
    df = payment_schedule(TaxProfile("DE", 2025), profit=13_036, income_from=D(2025, 6, 10))
    assert df["amount"].tolist() == [0.0, 44.67, 44.67, 44.66]
    # begun after the last date: nothing on the dates, all of it for the assessment
    df = payment_schedule(TaxProfile("DE", 2025), profit=13_036, income_from=D(2025, 12, 20))
    assert df["amount"].tolist() == [0.0] * 4
    assert any("after the last prepayment date" in n for n in df.attrs["notes"])
    # prepayments the tax office set from an assessment do not move
    df = payment_schedule(TaxProfile("DE", 2025), prior_year_tax=8_000, income_from=D(2025, 8, 5))
    assert df["amount"].tolist() == [df["amount"].iat[0]] * 4 and df["amount"].iat[0] > 0


def test_de_put_aside_counts_the_wage_tax_as_entered():
    # DE 2025, profit 24,000 beside wages 40,000: total 15,494 (the tariff's tax on the wages
    # alone 6,919). With 9,000 of Lohnsteuer entered (tax class III/V, no surcharge under the
    # Soli exemption), 15,494 - 9,000 = 6,494 is left: 1,623.50 by each date, as the reserve
    profile = TaxProfile("DE", 2025, w2_wages=40_000, withholding=9_000)
    assert payment_schedule(profile, profit=24_000)["amount"].tolist() == [1_623.50] * 4
    assert projected_annual_tax(24_000, 12, profile)[1] == 6_494.00


def test_de_put_aside_from_when_income_began_adds_up_to_the_cent():
    # profit 20,000 (2025): 1,630.00 of tax over three dates from 1 April: 543.34 + 543.33 +
    # 543.33, each labelled a part (not a quarter) of the estimate
    df = payment_schedule(TaxProfile("DE", 2025), profit=20_000, income_from=D(2025, 4, 1))
    assert df["amount"].tolist() == [0.0, 543.34, 543.33, 543.33]
    assert df["label"].iat[1].startswith("Q2: a part of this year's estimate")
    assert df["label"].iat[0].startswith("Q1: a quarter")  # nothing on it


def test_us_withholding_entered_adds_the_additional_medicare_tax_employers_withhold():
    # box 2 holds the income tax only; the employer withholds 0.9% above 200,000 of each
    # person's wages too (box 6): 250,000 -> 450.00; a joint 150,000 + 230,000 -> 270.00
    from analytics.tax.schedule import assumed_withholding

    assert assumed_withholding(TaxProfile("US", 2025, w2_wages=250_000, withholding=52_023)) == (
        52_473.00
    )
    joint = TaxProfile("US", 2025, "married_joint", w2_wages=150_000, withholding=1_000)
    assert assumed_withholding(dataclasses.replace(joint, spouse_wages=230_000)) == 1_270.00


def test_uk_payments_on_account_never_add_up_to_more_than_the_bill():
    # a bill of £11,390.21: half is £5,695.105, so each payment on account is £5,695.10 (a
    # penny rounded away, not added) and the balancing payment £0.01, not -£0.01
    rows = pd.DataFrame(uk_payments(bill=11_390.21, prior_bill=11_390.21, tax_year=2025))
    amounts = dict(zip(rows["label"], rows["amount"], strict=True))
    assert amounts["1st payment on account for 2025/26"] == 5_695.10
    assert amounts["2nd payment on account for 2025/26"] == 5_695.10
    assert amounts["Balancing payment"] == 0.01
    assert amounts["1st payment on account for 2026/27"] == 5_695.10


def test_de_put_aside_on_a_joint_assessment_leaves_the_wages_tax_out():
    # 2025 joint: profit 40,072 + spouse's wages 40,000 (test_tax_estimate: 14,250 in all,
    # 2,956 on the wages alone, which the employer withholds): 14,250 - 2,956 = 11,294 to put
    # aside, 2,823.50 by each date
    profile = TaxProfile("DE", 2025, "married_joint", spouse_wages=40_000)
    df = payment_schedule(profile, profit=40_072)
    assert df["amount"].tolist() == [2_823.50] * 4


def test_de_prepayments_from_last_years_tax_credit_the_wage_tax_and_add_the_surcharge():
    # 2025 joint, spouse's wages 40,000 (wage tax assumed 2,956, as above); last year's
    # assessed tax 19,630: 19,630 - 2,956 = 16,674 of income tax, within the joint 39,900
    # Soli exemption -> no surcharge; a quarter: 4,168.50
    profile = TaxProfile("DE", 2025, "married_joint", spouse_wages=40_000)
    df = payment_schedule(profile, prior_year_tax=19_630, profit=40_072)
    assert df["amount"].tolist() == [4_168.50] * 4
    assert any(
        "less the wage tax withheld (assumed: 2025's tariff on your wages: €2,956.00)" in n
        for n in df.attrs["notes"]
    )
    # single, no wages, last year's tax 24,000: above the 19,950 exemption: Soli =
    # min(5.5% x 24,000 = 1,320, 11.9% x (24,000 - 19,950) = 481.95) = 481.95;
    # 24,000 + 481.95 = 24,481.95 = 2,448,195 cents / 4 = 612,048 rest 3: three of
    # 6,120.49 and one of 6,120.48
    single = payment_schedule(TaxProfile("DE", 2025), prior_year_tax=24_000, profit=50_036)
    assert single["amount"].tolist() == [6_120.49] * 3 + [6_120.48]
    assert any("plus the solidarity surcharge on it (€481.95)" in n for n in single.attrs["notes"])
    # this year's estimate on zvE 50,000 (50,036 less the 36 Pauschbetrag): z = (50,000 -
    # 17,443) / 10,000 = 3.2557; (176.64 x
    # 3.2557 + 2,397) x 3.2557 + 1,015.13 = 2,972.0870 x 3.2557 + 1,015.13 = 10,691.35 ->
    # 10,691, no Soli; the prepayments 24,481.95 are 13,790.95 more
    assert any(
        "about €13,790.95 more than this year's estimate" in n for n in single.attrs["notes"]
    )


def test_us_withholding_that_covers_the_required_payment_says_no_installments_are_needed():
    # 2025 single, wages 100,000: the tax on them alone (withheld) is on 100,000 - 15,750 =
    # 84,250: 10% x 11,925 + 12% x 36,550 + 22% x 35,775 = 1,192.50 + 4,386 + 7,870.50 =
    # 13,449. With last year's tax of 4,000 the required payment is at most 4,000, which the
    # withholding covers: every installment 0, though the 5,000 profit adds over 1,000 of tax
    profile = TaxProfile("US", 2025, w2_wages=100_000)
    df = payment_schedule(profile, prior_year_tax=4_000, profit=5_000)
    assert df["amount"].tolist() == [0.0] * 4
    assert any("withholding covers the least to pay" in n for n in df.attrs["notes"])


def test_de_prepayments_credit_the_wage_income_tax_not_its_surcharge():
    # 2025 single, wages 120,000 less the 1,230 allowance and the 36 Sonderausgaben-
    # Pauschbetrag = 118,734: zone 4, 0.42 x 118,734 - 10,911.92 = 38,956.36 -> 38,956 of wage
    # income tax (its surcharge is credited against the surcharge, not the income tax). Last
    # year's 40,000 - 38,956 = 1,044, no surcharge on it (under 19,950): 261.00 a quarter
    profile = TaxProfile("DE", 2025, w2_wages=120_000)
    df = payment_schedule(profile, prior_year_tax=40_000, profit=10_000)
    assert df["amount"].tolist() == [261.00] * 4


def test_uk_80_percent_at_source_judges_this_years_payments_on_last_years_bill():
    # 2025/26, salary 60,000: tax on it 47,430 taxable -> 37,700 x 20% + 9,730 x 40% = 11,432
    # (PAYE). Profit 2,000 adds 2,000 x 40% = 800 (under the Class 4 threshold): this year
    # 11,432 / 12,232 = 93% at source -> no payments on account for 2026/27. Last year's bill
    # 5,000 beside 11,432 at source: 69.6%, not over 80% -> 2,500 twice for 2025/26, and the
    # balancing payment 800 - 5,000 = -4,200 (HMRC owes it back)
    profile = TaxProfile("UK", 2025, w2_wages=60_000)
    df = payment_schedule(profile, prior_year_tax=5_000, profit=2_000)
    assert df["amount"].tolist() == [2_500.0, 2_500.0, -4_200.0, 0.0, 0.0]
    assert "more than 80%" in df["notes"].iloc[3]
    # a first year with the same salary and a 3,000 profit: the whole 1,200 bill on 31 Jan,
    # no payments on account, and no note promising 150%
    first = payment_schedule(TaxProfile("UK", 2025, w2_wages=60_000, first_year=True), profit=3_000)
    assert first["amount"].tolist() == [1_200.0, 0.0, 0.0]
    assert not any("150%" in n for n in first.attrs["notes"])


def test_uk_payments_follow_the_trading_allowance_and_the_80_percent_rule_without_a_profit():
    # salary 45,000, first year, gig profit 900 from 900 gross: within the allowance, no bill;
    # without the gross, 20% x 900 = 180 is due on 31 January
    profile = TaxProfile("UK", 2025, w2_wages=45_000, first_year=True)
    assert payment_schedule(profile, profit=900, trading_income=900)["amount"].iloc[0] == 0.0
    assert payment_schedule(profile, profit=900)["amount"].iloc[0] == pytest.approx(180.0)
    # 20,000 withheld at source beside last year's 1,500 bill: 93% at source, no payments on
    # account, even with no profit given
    at_source = TaxProfile("UK", 2025, withholding=20_000)
    df = payment_schedule(at_source, prior_year_tax=1_500)
    assert df["amount"].iloc[:2].tolist() == [0.0, 0.0]


def test_de_prepayments_credit_the_wage_tax_of_last_years_assessment():
    """2026 prepayments from the 2025 assessment (§37(3) EStG): 3,701 less the wage tax of
    2025, on 2025's tariff. Wages 24,000: zvE 24,000 - 1,230 - 36 = 22,734; 2025 zone 3:
    z = (22,734 - 17,443) / 10,000 = 0.5291, (176.64 x 0.5291 + 2,397) x 0.5291 + 1,015.13 =
    2,332.83 -> 2,332 (2026's tariff would give 2,259). (3,701 - 2,332) / 4 = 342.25 a
    quarter; 1,369 of income tax is far below the Soli exemption."""
    profile = TaxProfile("DE", 2026, w2_wages=24_000)
    df = payment_schedule(profile, prior_year_tax=3_701, profit=12_000)
    assert df["amount"].tolist() == [342.25] * 4
    assert any(
        "less the wage tax withheld (assumed: 2025's tariff on your wages: €2,332.00)" in n
        for n in df.attrs["notes"]
    )


def test_de_prepayments_use_the_wage_tax_as_entered():
    # Lohnsteuer entered as 2,000 (tax class III, say): 19,630 - 2,000 = 17,630, within the
    # joint Soli exemption: 4,407.50 a quarter, and the note says it was entered
    profile = TaxProfile("DE", 2025, "married_joint", spouse_wages=40_000, withholding=2_000)
    df = payment_schedule(profile, prior_year_tax=19_630, profit=40_000)
    assert df["amount"].tolist() == [4_407.50] * 4
    assert any(
        "less the wage tax withheld (as entered for 2025: enter 2024's under 2024 to use it: "
        "€2,000.00)" in n
        for n in df.attrs["notes"]
    )


def test_de_prepayments_credit_last_years_wage_tax_not_this_years():
    """Katrin and Jonas, 2026 from the 2025 assessment of 5,552 with 4,090 of Lohnsteuer in
    2025 (4,250 entered for 2026), church tax 9%: (5,552 - 4,090) = 1,462 + 9% 131.58 =
    1,593.58 a year: 398.40, 398.40, 398.39, 398.39 (not 1,302 + 117.18 = 1,419.18 with
    2026's wage tax)."""
    profile = TaxProfile(
        "DE",
        2026,
        "married_joint",
        spouse_wages=56_000,
        withholding=4_250,
        church_tax_rate=0.09,
        prior_year_withholding=4_090,
    )
    df = payment_schedule(profile, prior_year_tax=5_552, profit=5_300)
    assert df["amount"].tolist() == [398.40, 398.40, 398.39, 398.39]
    assert any("(as entered for 2025: €4,090.00)" in n for n in df.attrs["notes"])


def test_de_business_expenses_do_not_change_the_wage_tax_assumed_withheld():
    """2025 single, wages 18,000: zvE 18,000 - 1,230 - 36 = 16,734, zone 2: y = (16,734 -
    12,096) / 10,000 = 0.4638; (932.30 x 0.4638 + 1,400) x 0.4638 = 1,832.40 x 0.4638 = 849.87
    -> 849 withheld from the wages.
    Last year's assessed tax 9,000: (9,000 - 849) / 4 = 2,037.75 a quarter (no Soli below the
    19,950 exemption) - with or without 2,400 of business expenses, which are no wages' affair
    (they once lowered the "wages-only" tax by offsetting a 2,400 loss against the wages)."""
    for expenses in (0.0, 2_400.0):
        profile = TaxProfile("DE", 2025, w2_wages=18_000, expenses=expenses)
        df = payment_schedule(profile, prior_year_tax=9_000, profit=30_000)
        assert df["amount"].tolist() == [2_037.75] * 4, expenses
        assert any(
            "less the wage tax withheld (assumed: 2025's tariff on your wages: €849.00)" in n
            for n in df.attrs["notes"]
        )


def test_tax_already_paid_is_set_against_the_installments_in_date_order():
    """US 2025, no profit given, last year's tax 4,000: 100% of it, 1,000 a quarter. 2,500 paid
    covers Q1 and Q2 and 500 of Q3; 4,300 covers all four with 300 beyond them."""
    schedule = payment_schedule(TaxProfile(jurisdiction="US", year=2025), prior_year_tax=4000)
    assert schedule["amount"].tolist() == [1000.0] * 4
    part = set_against_payments(schedule, 2500)
    assert part["paid"].tolist() == [1000.0, 1000.0, 500.0, 0.0]
    assert part["left"].tolist() == [0.0, 0.0, 500.0, 1000.0]
    assert part.attrs["paid_beyond"] == 0.0
    over = set_against_payments(schedule, 4300)
    assert over["left"].tolist() == [0.0] * 4
    assert over.attrs["paid_beyond"] == 300.0
    none = set_against_payments(schedule, 0)
    assert none["left"].tolist() == [1000.0] * 4 and none["paid"].sum() == 0


def test_uk_tax_already_paid_never_pays_next_years_payments_on_account():
    """UK 2025/26: last year's bill 3,000 -> two payments on account of 1,500; this year's
    profit 30,000 -> bill 4,531.80 (the reference's oracle), balancing 1,531.80, next year's
    payments on account 2,265.90 each. 10,000 paid covers this year's 4,531.80 and leaves
    5,468.20 beyond; next year's payments keep their amounts."""
    profile = TaxProfile(jurisdiction="UK", year=2025, prior_year_tax=3000)
    schedule = payment_schedule(profile, profit=30_000)
    assert schedule["amount"].tolist() == [1500.0, 1500.0, 1531.80, 2265.90, 2265.90]
    paid = set_against_payments(schedule, 10_000)
    assert paid["paid"].tolist() == [1500.0, 1500.0, 1531.80, 0.0, 0.0]
    assert paid["left"].tolist() == [0.0, 0.0, 0.0, 2265.90, 2265.90]
    assert paid.attrs["paid_beyond"] == 5468.20
    # a payment not known yet (no profit given: the balancing payment) takes nothing
    unknown = set_against_payments(payment_schedule(profile), 2000)
    assert unknown["paid"].tolist()[:3] == [1500.0, 500.0, 0.0]
    assert unknown.attrs["paid_beyond"] == 0.0


@pytest.mark.parametrize("paid", [float("nan"), float("inf"), None, -5])
def test_tax_already_paid_must_be_a_plain_amount(paid):
    schedule = payment_schedule(TaxProfile(jurisdiction="US", year=2025), prior_year_tax=4000)
    with pytest.raises(TaxInputError, match="tax already paid"):
        set_against_payments(schedule, paid)


def test_tax_already_paid_goes_to_the_earliest_due_payment_first():
    """Rows out of date order, taken by due date: April (NaN, not known yet) takes none, May
    its 20, June (-30, a refund) none, September 30 of its 100."""
    schedule = pd.DataFrame(
        {
            "due_date": pd.to_datetime(["2025-09-15", "2025-04-15", "2025-06-16", "2025-05-01"]),
            "label": ["Sep", "Apr", "Jun", "May"],
            "amount": [100.0, float("nan"), -30.0, 20.0],
            "currency": "USD",
            "notes": "",
        }
    )
    paid = set_against_payments(schedule, 50)
    assert paid["paid"].tolist() == [30.0, 0.0, 0.0, 20.0]


def test_a_uk_first_year_has_no_note_about_last_years_bill():
    """A first year of trading has no last year: nothing is assumed about its bill."""
    schedule = payment_schedule(TaxProfile("UK", 2025, first_year=True), profit=30_000)
    assert not any("Last year's bill" in note for note in schedule.attrs["notes"])


def test_us_under_1000_owed_says_so_without_a_least_to_pay_or_installment_advice():
    """2025 single, profit 5,000: SE tax 5,000 x 92.35% x 15.3% = 706.48, no income tax under
    the 15,750 standard deduction: 706.48 owed, under $1,000, so no payments are required; the
    "least to pay" (90% = 635.83) and the annualized-installments advice would contradict it."""
    df = payment_schedule(TaxProfile("US", 2025), profit=5_000)
    notes = " ".join(df.attrs["notes"])
    assert df["amount"].tolist() == [0.0] * 4
    assert "You expect to owe less than $1,000 after withholding: no estimated payments" in notes
    assert "The least to pay" not in notes and "annualized income" not in notes
    assert "Left to pay with your 2025 return by Apr 15, 2026: $706.48" in notes


def test_us_owing_exactly_1000_after_withholding_still_needs_payments():
    """2025 single, profit 20,000: SE tax 20,000 x 0.9235 x 15.3% = 2,825.91; AGI 20,000 -
    1,412.96 = 18,587.04; less the 15,750 standard deduction 2,837.04; QBI 20% of that (the
    smaller limit) 567.41 -> taxable 2,269.63, income tax 10% = 226.96; total 3,052.87.
    Withholding of 2,052.87 leaves exactly $1,000.00: Form 1040-ES asks for payments from
    $1,000 on ("less than $1,000" needs none). 90% x 3,052.87 = 2,747.58; (2,747.58 - 2,052.87)
    = 694.71 = 69,471 cents / 4 = 17,367 rest 3: 173.68 by the first three dates, 173.67 by
    the last."""
    profile = TaxProfile("US", 2025, withholding=2_052.87)
    df = payment_schedule(profile, profit=20_000)
    assert df["amount"].tolist() == [173.68, 173.68, 173.68, 173.67]
    notes = " ".join(df.attrs["notes"])
    assert "The least to pay during the year" in notes and "less than $1,000" not in notes


def test_de_what_the_estimate_leaves_is_written_to_the_cent():
    """DE 2025, last year's tax 12,000 (3,000 a quarter), profit 60,000: zvE 60,000 - 36 =
    59,964, z = 4.2521: (176.64 x 4.2521 + 2,397) x 4.2521 + 1,015.13 = 14,401.10 -> 14,401;
    14,401 - 12,000 = 2,401 left for the assessment, written "€2,401.00" as on the pages."""
    df = payment_schedule(TaxProfile("DE", 2025), prior_year_tax=12_000, profit=60_000)
    assert df["amount"].tolist() == [3_000.0] * 4
    assert any("leaves about €2,401.00 after" in n for n in df.attrs["notes"])


def test_uk_first_years_150_percent_is_what_the_table_asks_on_31_january():
    """2025/26 first year, profit 20,000.05: taxable 7,430.05; income tax 20% = 1,486.01,
    Class 4 6% = 445.803 -> 445.80; bill 1,931.81. The payment on account is half of it
    rounded down to the penny, 965.90 (965.905), so 31 Jan 2027 asks 1,931.81 + 965.90 =
    2,897.71, which the note says (not 1.5 x 1,931.81 = 2,897.715 -> 2,897.72)."""
    df = payment_schedule(TaxProfile("UK", 2025, first_year=True), profit=20_000.05)
    on = df.groupby("due_date")["amount"].sum()
    assert on[pd.Timestamp(2027, 1, 31)] == pytest.approx(2_897.71, abs=CENT / 10)
    assert "(150%: £2,897.71)" in " ".join(df.attrs["notes"])


def test_a_refund_of_the_year_covers_its_unpaid_payments_on_account():
    """UK payments on account of 1,500 and 1,500 (last year's bill 3,000), a bill of 262.78
    this year: balancing payment -2,737.22. With 1,500 paid (the 1st), the refund covers the
    unpaid 2nd (offset 1,500) and 1,237.22 of it is left to come back; next year's rows keep
    their amounts."""
    profile = TaxProfile("UK", 2025, prior_year_tax=3000)
    schedule = payment_schedule(profile, profit=13580.68)
    assert schedule["amount"].tolist()[:3] == [1500.0, 1500.0, -2737.22]
    out = set_against_payments(schedule, 1500)
    assert out["paid"].tolist()[:3] == [1500.0, 0.0, 0.0]
    assert out["offset"].tolist()[:3] == [0.0, 1500.0, -1500.0]
    assert out["left"].tolist()[:3] == [0.0, 0.0, -1237.22]
    assert out.attrs["paid_beyond"] == 0.0


# --- from a mutation audit of the tax calculators: each expected number worked out by hand ---


def test_uk_without_last_years_bill_assumes_this_years_for_the_payments_on_account():
    """2025/26 profit 40,000: 20% x 27,430 = 5,486 income tax + 6% x 27,430 = 1,645.80 Class 4
    = 7,131.80; last year's bill assumed the same: 3,565.90 twice, nothing to balance, and
    2026/27's payments on account 3,565.90 each."""
    schedule = payment_schedule(TaxProfile("UK", 2025), profit=40000)
    assert schedule["amount"].tolist() == [3565.90, 3565.90, 0.0, 3565.90, 3565.90]


def test_us_withholding_entered_as_0_is_0_not_assumed():
    """2025 single, wages 50,000 with nothing withheld (entered as 0), profit 30,000: SE
    4,238.87; AGI 77,880.57, taxable 62,130.57 - QBI 5,576.11 = 56,554.45: 1,192.50 + 4,386 +
    22% x 8,079.45 = 7,355.98; total 11,594.85, 90% = 10,435.37 in four: 2,608.85 then
    2,608.84 three times."""
    profile = TaxProfile("US", 2025, w2_wages=50000, withholding=0.0)
    schedule = payment_schedule(profile, profit=30000)
    assert schedule["amount"].tolist() == [2608.85, 2608.84, 2608.84, 2608.84]


def test_us_no_installments_when_less_than_1000_is_owed_after_withholding():
    """2025 single, wages 5,000 (200 withheld), profit 8,000: SE 8,000 x 0.9235 x 15.3% =
    1,130.36, no income tax (AGI under the standard deduction): 1,130.36 - 200 < 1,000, so no
    estimated payments are required (Form 1040-ES)."""
    profile = TaxProfile("US", 2025, w2_wages=5000, withholding=200.0)
    schedule = payment_schedule(profile, profit=8000)
    assert schedule["amount"].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_us_installments_add_up_to_the_cent():
    """Last year's tax 1,024.09 (100% of it): 256.03 once, 256.02 three times = 1,024.09."""
    schedule = payment_schedule(TaxProfile("US", 2025), prior_year_tax=1024.09)
    assert schedule["amount"].tolist() == [256.03, 256.02, 256.02, 256.02]


def test_uk_a_bill_of_exactly_1000_asks_for_payments_on_account():
    """GOV.UK: none only when the bill is less than £1,000. Last year's £1,000: 500 and 500;
    a bill of £1,000 this year: next year's 500 each."""
    schedule = payment_schedule(TaxProfile("UK", 2025), prior_year_tax=1000, profit=20000)
    assert schedule["amount"].tolist()[:2] == [500.0, 500.0]
    rows = uk_payments(1000.0, 3000.0, 2025)
    assert [row["amount"] for row in rows][-2:] == [500.0, 500.0]


def test_uk_exactly_80_percent_at_source_still_asks_for_payments_on_account():
    """Salary 60,000 with 10,105.60 withheld, profit 3,000: total 20% x 37,700 + 40% x 12,730
    = 12,632 (no Class 4), 80.0% at source: not more than 80%, so next year's payments on
    account are due: bill 2,526.40, 1,263.20 each."""
    profile = TaxProfile("UK", 2025, w2_wages=60000, withholding=10105.6)
    schedule = payment_schedule(profile, prior_year_tax=5000, profit=3000)
    assert schedule["amount"].tolist()[-2:] == [1263.20, 1263.20]


def test_uk_payments_on_account_are_rounded_down_to_the_penny():
    """Last year's bill 3,000.03: 1,500.015 each, rounded down: 1,500.01 (two of 1,500.02
    would ask for more than the bill)."""
    rows = uk_payments(5000.0, 3000.03, 2025)
    assert [row["amount"] for row in rows][:2] == [1500.01, 1500.01]


def test_uk_a_due_date_on_a_saturday_says_so():
    """31 Jan 2026 is a Saturday: the 1st payment on account for 2025/26 says to pay by the
    last working day before."""
    schedule = payment_schedule(TaxProfile("UK", 2025), prior_year_tax=3000, profit=30000)
    assert "31 Jan 2026 is a Saturday" in schedule["notes"].iloc[0]


def test_de_prepayments_credit_the_wage_tax_on_the_wages_alone():
    """Wages 40,000 and 10,000 of other income, last year's assessed tax 15,000: the Lohnsteuer
    is the tariff's on the wages alone, zvE 40,000 - 1,230 - 36 = 38,734: z = 2.1291,
    (176.64 z + 2,397) z + 1,015.13 = 6,919; (15,000 - 6,919) / 4 = 2,020.25 a quarter (no
    surcharge under 19,950)."""
    profile = TaxProfile("DE", 2025, w2_wages=40000, other_income=10000)
    schedule = payment_schedule(profile, prior_year_tax=15000)
    assert schedule["amount"].tolist() == [2020.25] * 4


def test_de_no_negative_prepayments_when_the_wage_tax_is_more():
    """Wages 60,000 (wage tax 13,924) against last year's 5,000: nothing to prepay, not -2,231."""
    schedule = payment_schedule(TaxProfile("DE", 2025, w2_wages=60000), prior_year_tax=5000)
    assert schedule["amount"].tolist() == [0.0] * 4


def test_uk_paye_that_took_more_than_the_years_tax_comes_back_in_the_balancing_payment():
    """Salary 40,000 with 7,000 taken by PAYE (as entered), profit 2,000: the year's tax is
    20% x (42,000 - 12,570) = 5,886 (no Class 4 under £12,570), so the return repays 1,114: a
    balancing payment of -1,114.00 (it showed 0.00, the overpayment hidden)."""
    profile = TaxProfile("UK", 2025, w2_wages=40000, withholding=7000.0)
    schedule = payment_schedule(profile, prior_year_tax=0, profit=2000)
    balancing = schedule[schedule["label"] == "Balancing payment"]
    assert balancing["amount"].tolist() == [-1114.0]
    assert "PAYE took £1,114.00 more than the year's tax" in balancing["notes"].iloc[0]
    assert schedule["amount"].tolist()[-2:] == [0.0, 0.0]  # next year's: none


def test_with_nothing_paid_the_refund_covers_nothing_yet_and_part_payments_say_so():
    """The same year (payments on account 1,500 + 1,500, balancing -2,737.22): with nothing
    entered as paid, the rows stay as scheduled; with 100 paid, the 1st is 100 paid and
    1,400 covered by the refund, the 2nd 1,337.22 covered and 162.78 left, and the refund is
    used up (262.78 - 100 = 162.78 is what is still owed)."""
    from giglens_ui.tax import payment_statuses

    schedule = payment_schedule(TaxProfile("UK", 2025, prior_year_tax=3000), profit=13580.68)
    none_paid = set_against_payments(schedule, 0.0)
    assert none_paid["left"].tolist()[:3] == [1500.0, 1500.0, -2737.22]
    assert none_paid["offset"].tolist()[:3] == [0.0, 0.0, 0.0]
    some = set_against_payments(schedule, 100.0)
    assert some["left"].tolist()[:3] == [0.0, 162.78, 0.0]
    statuses = payment_statuses(some, pd.Timestamp(2026, 11, 30), 100.0)
    assert statuses[:3] == [
        "part paid, rest covered by the refund",
        "overdue",
        "set against the payments",
    ]


def test_de_return_due_on_a_saturday_moves_to_monday():
    # 31 July 2027 is a Saturday: the 2026 return is due on Monday 2 August 2027 (§108(3) AO)
    df = payment_schedule(TaxProfile("DE", 2026), prior_year_tax=8_000)
    assert "Your 2026 return is due by 2 August 2027 if you file it yourself" in " ".join(
        df.attrs["notes"]
    )


def test_flat_instalment_days_in_order_and_29_february():
    # Canada's days in order in 2026; Australia's from July: 28 Jul after the year; 29 Feb is
    # the 28th in 2027 and 2100 (common years), the 29th in 2028
    from analytics.tax.schedule import instalment_days

    assert instalment_days(("03-15", "06-15", "09-15", "12-15"), 2026) == [
        D(2026, 3, 15),
        D(2026, 6, 15),
        D(2026, 9, 15),
        D(2026, 12, 15),
    ]
    assert instalment_days(("10-28", "02-28", "04-28", "07-28"), 2026, 7)[-1] == D(2027, 7, 28)
    assert instalment_days(("02-29",), 2027) == [D(2027, 2, 28)]
    assert instalment_days(("02-29",), 2100) == [D(2100, 2, 28)]
    assert instalment_days(("02-29",), 2028) == [D(2028, 2, 29)]


def test_instalment_days_are_read_as_people_write_them():
    from analytics.tax.schedule import parse_instalment_dates

    # Canada's four: named months either way round, numbered day first, and 3/15 month first
    # (no month 15); 3/4 is day first (3 April), as the box's help says; 31/2, "soon" are no days
    days, bad = parse_instalment_dates("15 Mar; June 15, 15/9, 12/15, 3/4, 31/2, soon")
    assert days == ("03-15", "06-15", "09-15", "12-15", "04-03")
    assert bad == ["31/2", "soon"]


# --- payments entered with their days --------------------------------------------------------


def _four_installments() -> pd.DataFrame:
    """US 2026: four installments of a 39,439.62 required payment (9,859.91, 9,859.91,
    9,859.90, 9,859.90), due 15 Apr, 15 Jun, 15 Sep 2026 and 15 Jan 2027."""
    frame = pd.DataFrame(
        {
            "due_date": pd.to_datetime(["2026-04-15", "2026-06-15", "2026-09-15", "2027-01-15"]),
            "label": ["Q1", "Q2", "Q3", "Q4"],
            "amount": [9859.91, 9859.91, 9859.90, 9859.90],
            "notes": ["", "", "", ""],
        }
    )
    frame.attrs["year_rows"] = 4
    return frame


def test_dated_payments_fill_the_earliest_open_installment_and_mark_what_was_late():
    from analytics.tax.schedule import parse_dated_payments, set_against_payments

    dated, bad = parse_dated_payments("15 Apr 9,500; 16 Jun 9,500; 15 Sep 10,000", D(2026, 4, 15))
    assert bad == [] and sum(a for _d, a in dated) == 29000.0
    out = set_against_payments(_four_installments(), 29000.0, dated)
    # 15 Apr: 9,500 of Q1 (on time); 16 Jun: Q1's other 359.91 (late) and 9,140.09 of Q2 (a
    # day late); 15 Sep: Q2's last 719.82 (late) and 9,280.18 of Q3 (on its day: on time)
    assert out["paid"].tolist() == [9859.91, 9859.91, 9280.18, 0.0]
    assert out["left"].tolist() == [0.0, 0.0, 579.72, 9859.90]
    assert out["paid_late"].tolist() == [359.91, 9859.91, 0.0, 0.0]
    assert out["paid_on"].tolist() == [
        "15 Apr 2026: 9,500.00; 16 Jun 2026: 359.91",
        "16 Jun 2026: 9,140.09; 15 Sep 2026: 719.82",
        "15 Sep 2026: 9,280.18",
        "",
    ]
    # without days, the same amounts are paid and nothing is said late
    plain = set_against_payments(_four_installments(), 29000.0)
    assert plain["paid"].tolist() == out["paid"].tolist() and "paid_late" not in plain


def test_payment_statuses_say_paid_late():
    from analytics.tax.schedule import parse_dated_payments, set_against_payments
    from giglens_ui.tax import payment_statuses

    dated, _ = parse_dated_payments("15 Apr 9,500; 16 Jun 9,500; 15 Sep 10,000", D(2026, 4, 15))
    out = set_against_payments(_four_installments(), 29000.0, dated)
    assert payment_statuses(out, pd.Timestamp("2026-11-30"), 29000.0) == [
        "paid, part late",
        "paid late",
        "part paid, rest overdue",
        "next",
    ]


def test_dated_payments_are_read_with_the_year_of_the_tax_years_payments():
    from analytics.tax.schedule import first_payment_day, parse_dated_payments

    us = first_payment_day(TaxProfile("US", 2026))
    assert us == D(2026, 4, 15)
    # "15 Jan" is the fourth installment's, in 2027 (from 60 days before 15 Apr 2026 on)
    dated, bad = parse_dated_payments(
        "15 Jan $1,200.50\n2026-06-15: 100; Apr 15 - 9.500,00 EUR; 10/3/2027 1.500; soon 5; 15 Apr",
        us,
    )
    assert dated == (
        (D(2026, 4, 15), 9500.0),
        (D(2026, 6, 15), 100.0),
        (D(2027, 1, 15), 1200.5),
        (D(2027, 3, 10), 1500.0),
    )
    assert bad == ["soon 5", "15 Apr"]
    # UK 2025/26: the first payment on account is due 31 Jan 2026; "31 Jul" is 31 Jul 2026
    uk = first_payment_day(TaxProfile("UK", 2025))
    assert uk == D(2026, 1, 31)
    assert parse_dated_payments("31 Jul 1,000", uk)[0] == ((D(2026, 7, 31), 1000.0),)
    assert first_payment_day(TaxProfile("DE", 2026)) == D(2026, 3, 10)
    assert first_payment_day(
        TaxProfile("flat", 2026, rate=0.3, instalment_dates=("03-15", "06-15"))
    ) == D(2026, 3, 15)


def test_ninety_percent_of_a_projected_tax_is_said_to_be_a_projection():
    # A reviewer's US 2026 case: profit 169,877.13 gives a tax of 43,821.80 (SE 24,002.87 +
    # income tax 19,818.93), 90% = 39,439.62; last year's tax 38,000 at an AGI of 171,000:
    # 110% = 41,800.00. The smaller, 39,439.62, rests on a projection: the note says so and
    # names the amount that is safe whatever the year brings
    profile = TaxProfile("US", 2026, prior_year_tax=38000.0, prior_year_agi=171000.0)
    notes = payment_schedule(profile, 2026, profit=169877.13).attrs["notes"]
    assert "90% of this year's estimated tax: $39,439.62." in notes
    assert "110% of last year's tax: $41,800.00." in notes
    said = " ".join(notes)
    assert "That 90% is of this year's tax as projected from your income so far" in said
    assert (
        "$41,800.00 (110% of last year's tax) avoids the penalty whatever this year brings." in said
    )
    # when last year's figure is the smaller, nothing rests on the projection
    lower = dataclasses.replace(profile, prior_year_tax=30000.0)
    assert "That 90%" not in " ".join(
        payment_schedule(lower, 2026, profit=169877.13).attrs["notes"]
    )


def test_amounts_only_to_put_aside_are_never_late():
    # Germany 2026 before an assessment: the quarterly days are amounts to put aside, not
    # prepayments the office set; paid on 20 Mar and 20 Jun, nothing is late (or surcharged)
    from analytics.tax.schedule import parse_dated_payments, set_against_payments
    from giglens_ui.tax import payment_statuses

    schedule = payment_schedule(TaxProfile("DE", 2026), 2026, profit=40000.0)
    assert schedule.attrs.get("put_aside")
    quarter = float(schedule["amount"].iloc[0])
    dated, _ = parse_dated_payments(f"20 Mar {quarter:.2f}; 20 Jun {quarter:.2f}", D(2026, 3, 10))
    out = set_against_payments(schedule, round(2 * quarter, 2), dated)
    assert out["paid_late"].tolist() == [0.0] * len(out)
    statuses = payment_statuses(out, pd.Timestamp("2026-11-30"), round(2 * quarter, 2))
    assert statuses[:2] == ["paid", "paid"]


def test_us_payment_days_in_numbers_are_month_first_and_a_uk_first_year_pays_a_year_later():
    from analytics.tax.schedule import first_payment_day, parse_dated_payments

    # US: 4/15 and 6/10 are 15 April and 10 June (not 6 October); 4/15/2026 has its year
    us, bad = parse_dated_payments(
        "4/15 2708.37; 6/10 2708.37; 9/15/2026 100", D(2026, 4, 15), month_first=True
    )
    assert bad == []
    assert [day for day, _ in us] == [D(2026, 4, 15), D(2026, 6, 10), D(2026, 9, 15)]
    # elsewhere day first: 6/10 is 6 October; 15/4 cannot be month first
    other, _ = parse_dated_payments("6/10 1; 15/4 2", D(2026, 4, 15))
    assert [day for day, _ in other] == [D(2026, 4, 15), D(2026, 10, 6)]
    # a day with its year and no amount is no payment of 2,026
    assert parse_dated_payments("15 Apr 2026", D(2026, 4, 15)) == ((), ["15 Apr 2026"])
    # UK 2025/26 as a first year: the whole bill is due 31 Jan 2027, so "15 Feb" is 2027's
    first = dataclasses.replace(TaxProfile("UK", 2025), first_year=True)
    assert first_payment_day(first) == D(2027, 1, 31)
    assert parse_dated_payments("15 Feb 1931.80", first_payment_day(first))[0] == (
        (D(2027, 2, 15), 1931.80),
    )


def test_payments_of_a_year_like_amount_and_german_days_are_read():
    from analytics.tax.schedule import parse_dated_payments

    first = D(2026, 4, 15)
    # 2,000 after a separator or after a day with its own year is an amount, not a year
    for text in ("15 Apr: 2000", "15 Apr - 2000", "15 Apr 2026 2000", "Apr 15, 2026: 2000"):
        assert parse_dated_payments(text, first, month_first=True) == (((first, 2000.0),), []), text
    # "Apr 15 2000" could be a day of 2000 without an amount: said, not guessed
    assert parse_dated_payments("Apr 15 2000", first)[1] == ["Apr 15 2000"]
    # a German day without its year, and an amount grouped in lakhs
    assert parse_dated_payments("10.3. 500; 10.06. 1.500", D(2026, 3, 10))[0] == (
        (D(2026, 3, 10), 500.0),
        (D(2026, 6, 10), 1500.0),
    )
    assert parse_dated_payments("15 Apr 1,50,000", first)[0] == ((first, 150000.0),)


def test_flat_instalments_on_the_income_so_far_as_spains_quarterly_payments():
    """Lucía (Spain, flat 20%, files to October 2026): her months' net income in EUR, January
    first. Modelo 130 by hand: Q1 20% x (1,318.33 + 1,077.56 + 2,877.27 = 5,273.16) = 1,054.63;
    Q2 20% x (5,273.16 + 976.42 + 112.55 + 1,744.40 = 8,106.53) = 1,621.31 - 1,054.63 =
    566.68; Q3 20% x (8,106.53 + 2,514.81 + 414.76 + 506.62 = 11,542.72) = 2,308.54 -
    1,621.31 = 687.23; the last, on 30 Jan 2027, what the year's tax leaves: the projection
    counts November and December at the months' average, 11,991.32 x 12 / 10 = 14,389.584,
    tax 2,877.92, so 2,877.92 - 2,308.54 = 569.38."""
    months = [1318.33, 1077.56, 2877.27, 976.42, 112.55, 1744.40, 2514.81, 414.76, 506.62]
    months.append(448.60)
    profile = TaxProfile(
        "flat",
        2026,
        rate=0.20,
        instalment_dates=("04-20", "07-20", "10-20", "01-30"),
        instalments_to_date=True,
    )
    projected = sum(months) * 12 / 10
    df = payment_schedule(profile, profit=projected, income_by_month=months)
    assert [d.date() for d in df["due_date"]] == [
        D(2026, 4, 20),
        D(2026, 7, 20),
        D(2026, 10, 20),
        D(2027, 1, 30),
    ]
    assert df["amount"].tolist() == [1054.63, 566.68, 687.23, 569.38]
    assert "less the instalments before it" in " ".join(df.attrs["notes"])
    # 30 Jan 2027 is a Saturday
    assert df["notes"].tolist()[3] == (
        "a Saturday: most tax offices take the payment on the next working day (Mon 1 Feb "
        "2027); check yours"
    )
    assert df["notes"].tolist()[:3] == ["", "", ""]  # Mon 20 Apr, Mon 20 Jul, Tue 20 Oct
    # unticked: four equal parts of 2,877.92
    equal = payment_schedule(
        dataclasses.replace(profile, instalments_to_date=False), profit=projected
    )
    assert equal["amount"].tolist() == [719.48, 719.48, 719.48, 719.48]


def test_flat_instalments_on_the_income_so_far_project_the_months_after_the_files():
    # files to March only (3 months, 3,000.00): an instalment on 20 July counts April to June at
    # 1,000.00 each: 25% x 6,000.00 = 1,500.00 - the first one's 25% x 3,000.00 = 750.00
    profile = TaxProfile(
        "flat", 2026, rate=0.25, instalment_dates=("04-20", "07-20"), instalments_to_date=True
    )
    df = payment_schedule(profile, profit=12_000.0, income_by_month=[500.0, 1000.0, 1500.0])
    # the last instalment takes what the year's tax leaves: 3,000.00 - 750.00 = 2,250.00
    assert df["amount"].tolist() == [750.00, 2250.00]
    three = payment_schedule(
        dataclasses.replace(profile, instalment_dates=("04-20", "07-20", "10-20")),
        profit=12_000.0,
        income_by_month=[500.0, 1000.0, 1500.0],
    )
    assert three["amount"].tolist() == [750.00, 750.00, 1500.00]


def test_flat_instalments_with_a_tax_free_amount_share_the_years_tax_by_income():
    """Flat 8% above a tax-free 250,000 (the Philippine option), files to June: 60,000 a month,
    360,000 so far, 720,000 projected; the year's tax 8% x (720,000 - 250,000) = 37,600.
    Instalments on 15 May and 15 Aug take the tax in proportion to the income by the end of
    the month before: April (240,000 of 720,000): 37,600 / 3 = 12,533.33; July (420,000, June
    at the months' average): 37,600 x 420 / 720 = 21,933.33 - 12,533.33 = 9,400.00; the last,
    on 15 Nov, the rest: 37,600 - 21,933.33 = 15,666.67."""
    profile = TaxProfile(
        "flat",
        2026,
        rate=0.08,
        tax_free=250_000.0,
        instalment_dates=("05-15", "08-15", "11-15"),
        instalments_to_date=True,
    )
    df = payment_schedule(profile, profit=720_000.0, income_by_month=[60_000.0] * 6)
    assert df["amount"].tolist() == [12_533.33, 9_400.00, 15_666.67]
    assert round(sum(df["amount"]), 2) == 37_600.00


def test_flat_instalments_on_gross_receipts_share_the_years_tax_by_them():
    """8% on gross receipts above 250,000, files to June: gross receipts of 90,000, 30,000,
    60,000, 90,000, 60,000 and 30,000 (360,000 so far, 720,000 projected; the profit after the
    platforms' fees, 600,000, is not what the tax is on); the year's tax 8% x (720,000 -
    250,000) = 37,600. By the end of April (270,000 of 720,000): 37,600 x 270 / 720 =
    14,100.00; of July (420,000: June at the months' average): 21,933.33 - 14,100.00 =
    7,833.33; the rest on 15 Nov: 37,600 - 21,933.33 = 15,666.67."""
    profile = TaxProfile(
        "flat",
        2026,
        rate=0.08,
        tax_free=250_000.0,
        instalment_dates=("05-15", "08-15", "11-15"),
        instalments_to_date=True,
        flat_on_gross=True,
    )
    gross = [90_000.0, 30_000.0, 60_000.0, 90_000.0, 60_000.0, 30_000.0]
    df = payment_schedule(
        profile, profit=600_000.0, trading_income=720_000.0, income_by_month=gross
    )
    assert df["amount"].tolist() == [14_100.00, 7_833.33, 15_666.67]


def test_flat_instalments_counting_the_quarter_before_each_day():
    """Ukraine's single tax (5% of gross receipts), paid 19 May for January-March, 19 Aug for
    April-June, 19 Nov for July-September and 19 Feb for October-December: each instalment
    is 5% of its quarter's receipts, not of the income to the month before (19 May would
    count April). Gross receipts in UAH, files to September: 400,000, 500,000 and 513,550
    (Q1 1,413,550: 5% = 70,677.50), 450,000, 420,000 and 470,000 (Q2 1,340,000: 67,000.00),
    460,000, 440,000 and 459,000 (Q3 1,359,000: 67,950.00). The last takes what the year's
    tax leaves: 4,112,550 x 12 / 9 = 5,483,400 projected, 5% = 274,170.00, less 205,627.50
    paid = 68,542.50."""
    gross = [400_000.0, 500_000.0, 513_550.0, 450_000.0, 420_000.0]
    gross += [470_000.0, 460_000.0, 440_000.0, 459_000.0]
    profile = TaxProfile(
        "flat",
        2026,
        rate=0.05,
        instalment_dates=("05-19", "08-19", "11-19", "02-19"),
        instalments_to_date=True,
        instalments_through="quarter",
        flat_on_gross=True,
    )
    projected = sum(gross) * 12 / 9
    df = payment_schedule(
        profile, profit=projected, trading_income=projected, income_by_month=gross
    )
    assert [d.date() for d in df["due_date"]] == [
        D(2026, 5, 19),
        D(2026, 8, 19),
        D(2026, 11, 19),
        D(2027, 2, 19),
    ]
    assert df["amount"].tolist() == [70_677.50, 67_000.00, 67_950.00, 68_542.50]
    assert "to the end of the quarter before it, less the instalments" in df.attrs["notes"][0]
    # to the month before each day instead, 19 May counts January to April: 5% x 1,863,550
    monthly = payment_schedule(
        dataclasses.replace(profile, instalments_through="month"),
        profit=projected,
        trading_income=projected,
        income_by_month=gross,
    )
    assert monthly["amount"].tolist()[0] == 93_177.50


def test_uk_schedule_says_when_the_return_is_due_even_without_tax():
    # a student under the personal allowance (profit 1,822.96, no tax): the 2025/26 return is
    # still due, 31 Oct 2026 on paper or 31 Jan 2027 online; in a first year, registration
    # by 5 Oct 2026 (the reference's filing dates)
    df = payment_schedule(TaxProfile("UK", 2025, first_year=True), profit=1_822.96)
    assert (
        "Your 2025/26 return is due by 31 October 2026 on paper or 31 January 2027 online, even "
        "when no tax is due (a late return is penalised); register for Self Assessment by "
        "5 October 2026. Not needed for trading income of £1,000 or less in the year (the "
        "trading allowance) with nothing else to declare." in df.attrs["notes"]
    )
    later = payment_schedule(TaxProfile("UK", 2026), profit=30_000, prior_year_tax=2_000)
    assert any(
        n.startswith("Your 2026/27 return is due by 31 October 2027") for n in later.attrs["notes"]
    )


def test_the_example_of_payments_with_days_is_on_the_countrys_days_and_reads_back():
    from analytics.tax.schedule import parse_dated_payments
    from giglens_ui.tax import payment_days_example

    us = payment_days_example(TaxProfile("US", 2026))
    assert us == "15 Apr 1500; 16 Jun 1500; 15 Sep 1500"
    spain = TaxProfile(
        "flat", 2026, rate=0.2, instalment_dates=("04-20", "07-20", "10-20", "01-30")
    )
    assert payment_days_example(spain) == "20 Apr 1500; 20 Jul 1500; 20 Oct 1500"
    assert payment_days_example(TaxProfile("flat", 2026, rate=0.2)) == "15 Mar 1500; 15 Jun 1500"
    # the example is what the box reads: three payments of 1,500.00
    dated, bad = parse_dated_payments(us, D(2026, 4, 15))
    assert not bad and [amount for _day, amount in dated] == [1500.0, 1500.0, 1500.0]


def test_uk_income_within_the_trading_allowance_needs_no_return_and_is_said_so():
    # Sam's 2025/26: £889.84 of gross trading income, within the £1,000 allowance: nothing to
    # tell HMRC; the return dates are said only for one filed anyway
    df = payment_schedule(
        TaxProfile("UK", 2025), profit=889.84, trading_income=889.84, prior_year_tax=0.0
    )
    notes = df.attrs["notes"]
    assert (
        "Your gross trading income for 2025/26 (£889.84) is within the £1,000 trading allowance: "
        "you need not tell HMRC about it or file a return for it. A return you file anyway (for "
        "other income) is due by 31 October 2026 on paper or 31 January 2027 online."
    ) in notes
    assert not any("even when no tax is due" in n for n in notes)
    # £1,078.17 is over it: the return is due
    over = payment_schedule(
        TaxProfile("UK", 2026), profit=1078.17, trading_income=1078.17, prior_year_tax=0.0
    )
    assert any(
        n.startswith("Your 2026/27 return is due by 31 October 2027") for n in over.attrs["notes"]
    )
