"""set_aside_rate and reserve_plan on small transaction tables built by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics.schema import conform
from analytics.tax import (
    CurrencyMismatch,
    TaxProfile,
    covered_through,
    months_through,
    payments_by_platform,
    projected_annual_tax,
    reserve_plan,
    seasonal_projection,
    set_aside_rate,
    thresholds,
)
from giglens_ui.tax import set_aside_text

CENT = 0.005


def table(rows):
    """rows: (date, kind, gross, fee, currency)."""
    df = pd.DataFrame(rows, columns=["date", "kind", "gross", "fee", "currency"])
    df["net"] = df["gross"] - df["fee"]
    df["platform"] = "upwork"
    return conform(df)


def test_set_aside_rate_annualises_income_so_far():
    profile = TaxProfile("US", 2025)
    # 30,000 after 6 months -> 60,000 a year -> 12,080.30 of tax (reference example A)
    assert set_aside_rate(30_000, 6, profile) == pytest.approx(12_080.30 / 60_000)
    assert set_aside_rate(0, 3, profile) == 0
    assert set_aside_rate(-500, 3, profile) == 0


def test_flat_plan_counts_only_income_kinds():
    profile = TaxProfile("flat", 2025, rate=0.25)
    tx = table(
        [
            ("2025-01-10", "earning", 1_100.0, 100.0, "EUR"),
            ("2025-01-20", "transfer", -1_000.0, 0.0, "EUR"),  # payout: never income
            ("2025-02-01", "fee", 0.0, 50.0, "EUR"),  # fee-only row: net -50
            ("2025-03-05", "tax", -30.0, 0.0, "EUR"),  # withheld tax: not income
            ("2025-03-09", "earning", 2_000.0, 0.0, "EUR"),
        ]
    )
    plan = reserve_plan(tx, profile)
    assert plan["month"].astype(str).tolist() == ["2025-01", "2025-02", "2025-03"]
    assert plan["income"].tolist() == [1_000, -50, 2_000]
    assert plan["income_so_far"].tolist() == [1_000, 950, 2_950]
    assert plan["reserve_needed"].tolist() == [250, 237.5, 737.5]  # 25% of income so far
    assert plan["reserve_set_aside"].tolist() == [250, 237.5, 737.5]
    assert plan["shortfall"].tolist() == [0, 0, 0]
    assert "Estimate, not tax advice" in plan.attrs["disclaimer"]


def test_flat_plan_on_gross_receipts_takes_the_rate_on_what_clients_paid():
    """10% on gross receipts: January's client paid 1,100 (the platform kept 100), a fee-only
    row in February, March's 2,000 with no fee. Projected gross 13,200 -> tax 1,320 on 12,000
    of income: rate 11%, January 110.00; February (gross 1,100 of 2 months -> 6,600; tax 660
    on 5,700): the reserve needed 660 x 2/12 = 110.00; March (gross 3,100 -> 12,400; tax
    1,240 on 11,800): 1,240 x 3/12 = 310.00 needed. The rate on the income is above 10%:
    what the platform kept is taxed too."""
    profile = TaxProfile("flat", 2025, rate=0.10, flat_on_gross=True)
    tx = table(
        [
            ("2025-01-10", "earning", 1_100.0, 100.0, "EUR"),
            ("2025-01-20", "transfer", -1_000.0, 0.0, "EUR"),  # payout: never income
            ("2025-02-01", "fee", 0.0, 50.0, "EUR"),
            ("2025-03-09", "earning", 2_000.0, 0.0, "EUR"),
        ]
    )
    plan = reserve_plan(tx, profile)
    assert plan["projected_annual_tax"].tolist() == pytest.approx([1_320, 660, 1_240])
    assert plan["set_aside"].iloc[0] == pytest.approx(110.00)
    assert plan["reserve_needed"].tolist() == pytest.approx([110.00, 110.00, 310.00])
    # the plan counts the gross receipts: each month sets aside 10% of what its clients paid
    # (1,100 -> 110.00; February none: 0.00, not a release for its fee; March 2,000 ->
    # 200.00), not the rate on the income times its net (11% x 1,000, 11.58% x -50, ...)
    assert plan["income"].tolist() == [1_100, 0, 2_000]
    assert plan["projected_annual_income"].tolist() == [13_200, 6_600, 12_400]
    assert plan["set_aside_rate"].tolist() == pytest.approx([0.10, 0.10, 0.10])
    assert plan["set_aside"].tolist() == [110.00, 0.00, 200.00]
    assert set_aside_rate(1_000, 1, profile, gross_so_far=1_100) == pytest.approx(0.11)
    # a month whose fees leave no profit (net -50 on 100 of gross receipts) still owes the
    # tax on its receipts: 10% x 1,200 a year = 120.00 (no share of a profit to take it from)
    assert projected_annual_tax(-50, 1, profile, gross_so_far=100) == (-600.0, 120.0)
    assert set_aside_rate(-50, 1, profile, gross_so_far=100) == 0


def test_us_even_income_reaches_example_a():
    profile = TaxProfile("US", 2025)
    tx = table([(f"2025-{m:02d}-15", "earning", 5_000.0, 0.0, "USD") for m in range(1, 13)])
    plan = reserve_plan(tx, profile)
    assert len(plan) == 12
    assert plan["projected_annual_income"].tolist() == pytest.approx([60_000] * 12)
    assert plan["projected_annual_tax"].tolist() == pytest.approx([12_080.30] * 12, abs=CENT)
    assert plan["reserve_needed"].iloc[5] == pytest.approx(12_080.30 / 2, abs=CENT)
    assert plan["reserve_needed"].iloc[11] == pytest.approx(12_080.30, abs=CENT)
    assert plan["shortfall"].abs().max() < 0.05  # cent rounding only


def test_us_rising_income_creates_a_shortfall():
    profile = TaxProfile("US", 2025)
    tx = table(
        [
            ("2025-01-31", "earning", 5_000.0, 0.0, "USD"),
            ("2025-02-28", "earning", 15_000.0, 0.0, "USD"),
        ]
    )
    plan = reserve_plan(tx, profile)
    rate1 = 12_080.30 / 60_000  # month 1: 5,000 x 12 = 60,000 (example A)
    # month 2: 20,000 x 6 = 120,000 a year, tax worked out by hand in test_tax_estimate:
    # SE 16,955.46 + income tax 11,769.92 = 28,725.38
    rate2 = 28_725.38 / 120_000
    assert plan["set_aside_rate"].tolist() == pytest.approx([rate1, rate2], abs=1e-7)
    needed = round(rate2 * 20_000, 2)  # 4,787.56
    put_away = round(rate1 * 5_000, 2) + round(rate2 * 15_000, 2)  # 1,006.69 + 3,590.67
    assert plan["reserve_needed"].iloc[1] == pytest.approx(needed, abs=CENT)
    assert plan["reserve_set_aside"].iloc[1] == pytest.approx(put_away, abs=CENT)
    assert plan["shortfall"].iloc[1] == pytest.approx(needed - put_away, abs=CENT)  # 190.20


def test_a_finished_year_sets_aside_its_own_tax_at_its_own_rate():
    """The rising year above, over: 5,000 in January and 15,000 in February, nothing after, the
    files through 31 December. The year's income is 20,000; its tax (example A's rules, SE
    20,000 x 0.9235 x 15.3% = 2,825.91; income tax on 20,000 - 1,412.96 - 15,750 = 2,837.04
    less QBI 20% x 18,587.04 capped at 20% x 2,837.04 = 567.41: 10% x 2,269.63 = 226.96) is
    3,052.87, 15.264% of it. January carries 5,000 x r = 763.22 and February 2,289.65: 3,052.87
    in all, nothing short, not the 1,006.69 + 3,590.67 the months' own projections gave."""
    profile = TaxProfile("US", 2025)
    tx = table(
        [
            ("2025-01-31", "earning", 5_000.0, 0.0, "USD"),
            ("2025-02-28", "earning", 15_000.0, 0.0, "USD"),
        ]
    )
    plan = reserve_plan(tx, profile, until=pd.Timestamp("2025-12-31"))
    assert len(plan) == 12
    tax = 2_825.91 + 226.96
    assert plan["projected_annual_tax"].iloc[-1] == pytest.approx(tax, abs=CENT)
    assert plan["set_aside_rate"].tolist() == pytest.approx([tax / 20_000] * 12, abs=1e-7)
    assert plan["set_aside"].iloc[:2].tolist() == pytest.approx([763.22, 2_289.65], abs=CENT)
    assert plan["set_aside"].sum() == pytest.approx(tax, abs=CENT)
    assert plan["shortfall"].abs().max() == 0
    # the year still under way (files to February): each month at its own projection's rate
    running = reserve_plan(tx, profile)
    assert running["set_aside"].tolist() == pytest.approx([1_006.69, 3_590.67], abs=CENT)


def test_uk_tax_year_runs_from_6_april():
    profile = TaxProfile("UK", 2025)
    tx = table(
        [
            ("2025-04-05", "earning", 100.0, 0.0, "GBP"),  # 2024/25
            ("2025-04-06", "earning", 1_000.0, 0.0, "GBP"),  # month 1 of 2025/26
            ("2025-05-05", "earning", 1_000.0, 0.0, "GBP"),  # still month 1
            ("2025-05-06", "earning", 500.0, 0.0, "GBP"),  # month 2
        ]
    )
    plan = reserve_plan(tx, profile)
    assert plan["income"].tolist() == [2_000, 500]
    assert plan["month_start"].dt.date.astype(str).tolist() == ["2025-04-06", "2025-05-06"]
    assert any("1 payment(s) and fee(s) dated outside" in note for note in plan.attrs["notes"])
    # month 1: 2,000 x 12 = 24,000 -> (24,000 - 12,570) x (20% + 6%) = 2,971.80
    assert plan["projected_annual_tax"].iloc[0] == pytest.approx(11_430 * 0.26, abs=CENT)


def test_months_elapsed_run_to_the_end_of_the_files_or_of_a_finished_year():
    us, uk = TaxProfile("US", 2025), TaxProfile("UK", 2025)
    ts = pd.Timestamp
    # under way: the files' last date decides, whatever today is
    assert covered_through(us, ts("2025-08-31"), ts("2025-11-22")) == ts("2025-08-31")
    assert months_through(us, ts("2025-08-31")) == 8  # Jan..Aug
    assert months_through(us, ts("2025-08-01")) == 8  # a started month counts whole
    # over (today in 2026): the whole year, however early the files stop
    assert covered_through(us, ts("2025-08-31"), ts("2026-01-01")) == ts("2025-12-31")
    assert months_through(us, ts("2025-12-31")) == 12
    # rows dated after today count up to today; files ending before the year start at month 1
    assert covered_through(us, ts("2026-03-01"), ts("2025-12-01")) == ts("2025-12-01")
    assert covered_through(us, ts("2025-09-30"), ts("2025-06-15")) == ts("2025-06-15")
    assert months_through(us, covered_through(us, ts("2024-12-31"), ts("2025-02-01"))) == 1
    # UK: months from the 6th; 2025/26 ends on 5 April 2026
    assert months_through(uk, ts("2025-05-05")) == 1
    assert months_through(uk, ts("2025-05-06")) == 2
    assert covered_through(uk, ts("2025-06-10"), ts("2026-04-05")) == ts("2025-06-10")
    assert covered_through(uk, ts("2025-06-10"), ts("2026-04-06")) == ts("2026-04-05")
    assert months_through(uk, ts("2026-04-05")) == 12


def test_months_without_income_after_the_last_payment_lower_the_projection():
    """1,200 in January, nothing since; the files run to the end of March: three months."""
    profile = TaxProfile("flat", 2025, rate=0.25)
    tx = table([("2025-01-10", "earning", 1_200.0, 0.0, "EUR")])
    plan = reserve_plan(tx, profile, until=pd.Timestamp("2025-03-31"))
    assert plan["month"].astype(str).tolist() == ["2025-01", "2025-02", "2025-03"]
    assert plan["income"].tolist() == [1_200, 0, 0]
    # 1,200 x 12 / 1 = 14,400; x 12 / 2 = 7,200; x 12 / 3 = 4,800
    assert plan["projected_annual_income"].tolist() == [14_400, 7_200, 4_800]
    assert plan["projected_annual_tax"].tolist() == [3_600, 1_800, 1_200]  # 25%
    assert plan["reserve_needed"].tolist() == [300, 300, 300]  # 25% of 1,200
    # an earlier `until` than the last payment changes nothing
    assert len(reserve_plan(tx, profile, until=pd.Timestamp("2024-12-31"))) == 1


def test_a_refund_month_releases_reserve_and_never_shows_minus_zero():
    profile = TaxProfile("flat", 2025, rate=0.25)
    tx = table(
        [
            ("2025-01-10", "earning", 1_000.0, 0.0, "EUR"),
            ("2025-02-10", "refund", -0.36, 0.0, "EUR"),  # 25% x -0.36 = -0.09: a release
            ("2025-03-10", "refund", -0.01, 0.0, "EUR"),  # 25% x -0.01 = -0.0025 -> 0.00
        ]
    )
    plan = reserve_plan(tx, profile)
    assert plan["set_aside"].tolist() == [250.0, -0.09, 0.0]
    assert math.copysign(1.0, plan["set_aside"].iloc[2]) == 1.0  # +0.0, not -0.0
    assert [f"{v:.2f}" for v in plan["set_aside"]] == ["250.00", "-0.09", "0.00"]
    # 250 - 0.09 = 249.91, then + 0 = 249.91
    assert plan["reserve_set_aside"].tolist() == [250.0, 249.91, 249.91]
    # 25% of 999.64 = 249.91; 25% of 999.63 = 249.9075 -> 249.91
    assert plan["reserve_needed"].tolist() == [250.0, 249.91, 249.91]
    assert plan["shortfall"].tolist() == [0.0, 0.0, 0.0]
    notes = " ".join(plan.attrs["notes"])
    assert "may release from the reserve" in notes and "2025-02: €0.09" in notes
    assert "2025-03" not in notes  # its release rounds to nothing


def test_set_aside_text_says_release_for_a_negative_amount():
    assert set_aside_text(250.0, "USD") == "$250.00"
    assert set_aside_text(-0.09, "USD") == "release $0.09"
    assert set_aside_text(-0.004, "USD") == "$0.00"  # rounds to zero: never "-$0.00"
    assert set_aside_text(-0.0, "") == "0.00"
    assert set_aside_text(-12.5, "EUR") == "release €12.50"
    assert set_aside_text(float("nan"), "USD") == "—"


def test_other_currencies_are_never_mixed():
    tx = table(
        [("2025-01-10", "earning", 100.0, 0.0, "USD"), ("2025-01-11", "earning", 90.0, 0.0, "EUR")]
    )
    with pytest.raises(CurrencyMismatch, match="needs amounts in USD.*EUR") as info:
        reserve_plan(tx, TaxProfile("US", 2025))
    assert isinstance(info.value, ValueError) and info.value.currencies == ["EUR"]
    with pytest.raises(CurrencyMismatch, match="several currencies"):
        reserve_plan(tx, TaxProfile("flat", 2025, rate=0.2))


def test_transfers_in_another_currency_do_not_block_the_plan():
    tx = table(
        [
            ("2025-01-10", "earning", 100.0, 0.0, "USD"),
            ("2025-01-11", "transfer", -90.0, 0.0, "EUR"),
        ]
    )
    plan = reserve_plan(tx, TaxProfile("flat", 2025, rate=0.2))
    assert plan["reserve_needed"].tolist() == [20.0]


def test_empty_table_gives_an_empty_plan():
    plan = reserve_plan(table([]), TaxProfile("DE", 2025))
    assert plan.empty and "reserve_needed" in plan.columns and "shortfall" in plan.columns


# --- threshold notes -----------------------------------------------------------------------------


def test_us_thresholds_by_year():
    notes_2025 = " ".join(thresholds(TaxProfile("US", 2025)))
    notes_2026 = " ".join(thresholds(TaxProfile("US", 2026)))
    assert "$20,000" in notes_2025 and "200 transactions" in notes_2025
    assert "Form 1099-NEC (2025)" in notes_2025 and "$600" in notes_2025
    assert "$2,000" in notes_2026 and "$600" not in notes_2026
    assert "Estimate, not tax advice — US 2026 parameters" in notes_2026
    # the $1,000 test comes with its safe harbour
    assert "owe $1,000 or more after withholding, unless your withholding covers at least 90%" in (
        notes_2025
    )
    assert "110% if last year's AGI was over $150,000" in notes_2025


def test_uk_and_de_thresholds():
    uk = " ".join(thresholds(TaxProfile("UK", 2025), turnover=60_000))
    assert "£1,000" in uk and "2026-04-06" in uk and "£50,000" in uk
    # 2025/26 income decides the start of 6 Apr 2027 (over £30,000); April 2026 was decided on
    # 2024/25 income, which the files of this tax year do not show
    assert (
        "Your 2025/26 gross trading income (before fees) of £60,000.00 is over £30,000: Making "
        "Tax Digital applies to "
        "you from 2027-04-06." in uk
    )
    assert "applies to you from 2026-04-06" not in uk
    # while the year runs the figure is the projection, and says so
    running = " ".join(thresholds(TaxProfile("UK", 2025), turnover=60_000, projected=True))
    assert "(before fees; projected for the whole year from your files so far) of £60,000.00" in (
        running
    )
    assert "if your gross trading income was more than £1,000" in uk
    below = " ".join(thresholds(TaxProfile("UK", 2025), turnover=25_000))
    assert "applies to you" not in below
    de = " ".join(thresholds(TaxProfile("DE", 2025), turnover=30_000))
    assert "€25,000" in de and "€100,000" in de and "next year you cannot" in de
    assert "the VAT you collect is the tax office's, not income" in de
    assert "Vorsorgeaufwendungen" in de
    assert thresholds(TaxProfile("flat", 2025, rate=0.2)) == []
    # §19(1) UStG: last year's 54,763.40 is above 25,000, so 2026 has no Kleinunternehmer
    # status from 1 January, whatever this year's 12,000 so far
    ended = " ".join(thresholds(TaxProfile("DE", 2026), turnover=12_000, prior_turnover=54_763.4))
    assert "Last year's turnover in your files (€54,763.40) is above €25,000" in ended
    assert "you are not a Kleinunternehmer in 2026. From 1 January you charge VAT" in ended
    # last year within the limit: only this year's turnover speaks
    within = " ".join(thresholds(TaxProfile("DE", 2026), turnover=12_000, prior_turnover=24_000))
    assert "Last year's turnover" not in within and "next year you cannot" not in within


def platform_rows(platform: str, n: int, gross: float) -> list[tuple]:
    """`n` payments of `gross` on `platform` in 2025 (rows for `platform_table`)."""
    return [(platform, f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", gross) for i in range(n)]


def platform_table(rows) -> pd.DataFrame:
    """rows: (platform, date, gross[, kind]); kind "earning" unless given."""
    rows = [tuple(r) + ("earning",) * (4 - len(r)) for r in rows]
    df = pd.DataFrame(rows, columns=["platform", "date", "gross", "kind"])
    df["fee"], df["net"], df["currency"] = 0.0, df["gross"], "USD"
    return conform(df)


def test_1099k_is_per_platform_naming_the_platforms_over_it():
    # PayPal 201 x 100 = 20,100 in 201 payments: over $20,000 AND over 200 -> a 1099-K
    # Upwork 3 x 8,000 = 24,000 in 3 payments: over the amount, not the count
    # Etsy 250 x 40 = 10,000 in 250 payments: over the count, not the amount
    # Fiverr 200 x 100.01 = 20,002 in exactly 200 payments: not "more than 200"
    rows = (
        platform_rows("paypal", 201, 100.0)
        + platform_rows("upwork", 3, 8_000.0)
        + platform_rows("etsy", 250, 40.0)
        + platform_rows("fiverr", 200, 100.01)
        + [("paypal", "2025-06-01", -100.0, "refund")]  # a refund is not a payment
    )
    tx = platform_table(rows)
    by_platform = payments_by_platform(tx)
    assert by_platform.loc["paypal"].tolist() == [20_100.0, 201]
    assert by_platform.loc["fiverr", "gross"] == pytest.approx(20_002.0)
    notes = thresholds(TaxProfile("US", 2025), by_platform=by_platform)
    over = next(n for n in notes if n.startswith("Over the 1099-K threshold"))
    assert "PayPal ($20,100.00 in 201 payments)" in over and "will send you a Form 1099-K" in over
    assert "Upwork" not in over and "Etsy" not in over and "Fiverr" not in over
    amount_only = next(n for n in notes if n.startswith("Above $20,000"))
    assert "Upwork ($24,000.00 in 3 payments)" in amount_only
    assert "Fiverr ($20,002.00 in 200 payments)" in amount_only
    # Etsy, 10,000.00, is named as under it alone
    [etsy] = [n for n in notes if "Etsy" in n]
    assert etsy.startswith("Under the 1099-K threshold for 2025 ($20,000): Etsy ($10,000.00 in 250")


def test_toptal_pays_as_a_client_a_1099_nec_not_a_1099_k():
    # Toptal 48 x 1,887.63 = 90,606.24 in 48 payments (a US consultant's year): Toptal pays its
    # talent as their client, so no 1099-K; the 1099-NEC threshold is $2,000 for 2026
    # payments ($600 for 2025). Toptal 3 x 500 = 1,500 in 2026 is below it.
    tx = platform_table(platform_rows("toptal", 48, 1_887.63))
    notes = thresholds(TaxProfile("US", 2026), by_platform=payments_by_platform(tx))
    said = " ".join(notes)
    assert (
        "Toptal ($90,606.24 in 48 payments) pays you as your client does, not as a payment app: "
        "expect a Form 1099-NEC from it (it paid you $2,000 or more), not a 1099-K."
    ) in said
    assert "1099-K threshold for" not in said and "Above $20,000" not in said
    small = platform_table(platform_rows("toptal", 3, 500.0))
    said = " ".join(thresholds(TaxProfile("US", 2026), by_platform=payments_by_platform(small)))
    assert "Toptal ($1,500.00 in 3 payments) pays you as your client does" in said
    assert "below $2,000, it need not send you a Form 1099-NEC" in said


def test_1099k_total_across_platforms_is_not_compared_with_the_threshold():
    # Upwork 15,000 and PayPal 15,000, each in 300 payments of 50: 30,000 in total, but no
    # platform paid more than $20,000 -> no 1099-K (the old note compared the 30,000 total)
    tx = platform_table(platform_rows("upwork", 300, 50.0) + platform_rows("paypal", 300, 50.0))
    notes = " ".join(thresholds(TaxProfile("US", 2025), 30_000, payments_by_platform(tx)))
    assert "will send you" not in notes
    assert "$30,000.00 across platforms" in notes and "each platform separately" in notes


def test_projected_income_is_money_to_the_cent():
    # 1,000.01 so far after 8 months: 1,000.01 x 12 / 8 = 1,500.015 -> 1,500.02 (half away from
    # zero, as on a tax form), the figure the page shows and the breakdown's lines start from
    projected, _tax = projected_annual_tax(1_000.01, 8, TaxProfile("UK", 2025))
    assert projected == 1_500.02


def test_uk_projection_uses_the_trading_allowance_on_the_years_gross():
    # a finished year (12 months) of 800 gross, no fees, beside a 30,000 salary: no tax on it;
    # without the gross, 20% x 800 = 160
    profile = TaxProfile("UK", 2025, w2_wages=30_000)
    assert projected_annual_tax(800, 12, profile, gross_so_far=800) == (800, 0.0)
    assert projected_annual_tax(800, 12, profile)[1] == pytest.approx(160, abs=CENT)


def test_a_reserve_the_year_no_longer_needs_can_be_released():
    """Salary 45,000. April: 600 gross; projected 7,200: the salary fills 32,430 of the 37,700
    basic band, so 5,270 at 20% + 1,930 at 40% = 1,826 (no Class 4 under 12,570): rate 1,826 /
    7,200, 600 x that = 152.17 set aside. May: a 550 refund leaves 50 gross, 300 a year: within
    the trading allowance, no tax: the 152.17 may be released."""
    profile = TaxProfile("UK", 2025, w2_wages=45_000)
    tx = table(
        [("2025-04-10", "earning", 600.0, 0.0, "GBP"), ("2025-05-10", "refund", -550.0, 0.0, "GBP")]
    )
    plan = reserve_plan(tx, profile)
    assert plan["set_aside"].tolist() == [152.17, 0.0]
    assert plan["reserve_needed"].tolist() == [152.17, 0.0]
    assert any("£152.17 more than the year's tax now needs" in n for n in plan.attrs["notes"])


def test_a_few_cents_of_rounding_are_nothing_to_release():
    """Flat 26.66% of 1.00 a month: each month's 0.2666 rounds to 0.27 set aside, 0.81 over
    three months, while the reserve needed is 26.66% x 3.00 = 0.7998 -> 0.80. The 0.01 between
    them is the months' rounding, not a reserve the year no longer needs: no release note."""
    profile = TaxProfile("flat", 2025, rate=0.2666)
    tx = table([(f"2025-0{m}-10", "earning", 1.00, 0.0, "USD") for m in (1, 2, 3)])
    plan = reserve_plan(tx, profile)
    assert plan["set_aside"].tolist() == [0.27, 0.27, 0.27]
    assert plan["reserve_needed"].iloc[-1] == 0.80
    assert not any("more than the year's tax now needs" in n for n in plan.attrs["notes"])


def test_a_cent_of_rounding_is_no_shortfall():
    """Flat 14.5% on 10.03 a month: each month's set-aside 1.45435 is written 1.45, so two
    months put aside 2.90 while 14.5% of 20.06 is 2.9087, written 2.91. The cent between them
    is the months' rounding (at most half a cent each), not money missing."""
    profile = TaxProfile("flat", 2025, rate=0.145)
    tx = table(
        [("2025-01-10", "earning", 10.03, 0.0, "EUR"), ("2025-02-10", "earning", 10.03, 0.0, "EUR")]
    )
    plan = reserve_plan(tx, profile)
    assert plan["set_aside"].tolist() == [1.45, 1.45]
    assert plan["reserve_needed"].tolist() == [1.45, 2.91]
    assert plan["reserve_set_aside"].tolist() == [1.45, 2.90]
    assert plan["shortfall"].tolist() == [0.0, 0.0]


def test_two_cents_behind_after_two_months_is_a_shortfall():
    """US 2025: January's 0.14 projects to 1.68 a year, no tax (SE tax starts at $400 of net
    earnings): rate 0, nothing set aside. February brings 9,999.86: 10,000 in two months, 60,000
    a year, the reference's example A, 12,080.30 of tax, rate 0.2013383. Needed 0.2013383 x
    10,000 = 2,013.38; set aside 0.2013383 x 9,999.86 = 2,013.355 -> 2,013.36. Two cents
    behind, more than the half cent a month two months of rounding can make: a shortfall."""
    tx = table(
        [
            ("2025-01-10", "earning", 0.14, 0.0, "USD"),
            ("2025-02-10", "earning", 9_999.86, 0.0, "USD"),
        ]
    )
    plan = reserve_plan(tx, TaxProfile("US", 2025))
    assert plan["set_aside"].tolist() == [0.0, 2_013.36]
    assert plan["reserve_needed"].tolist() == [0.0, 2_013.38]
    assert plan["shortfall"].tolist() == [0.0, 0.02]


# --- edges found by a mutation audit (reserve) ---


def test_a_payment_on_new_years_day_belongs_to_the_next_tax_year():
    # US 2025 runs 1 Jan 2025 to 31 Dec 2025: the payment of 1 Jan 2026 is 2026's.
    # Flat 20%: December alone counts, 12 months: P = 1,200 x 12 / 12 = 1,200; set aside
    # 20% of 1,200 = 240.00; one payment outside the year is named.
    profile = TaxProfile("flat", 2025, rate=0.2)
    tx = table(
        [
            ("2025-12-31", "earning", 1_200.0, 0.0, "USD"),
            ("2026-01-01", "earning", 5_000.0, 0.0, "USD"),
        ]
    )
    plan = reserve_plan(tx, profile, until=pd.Timestamp("2025-12-31"))
    assert plan["month"].astype(str).iloc[-1] == "2025-12" and len(plan) == 12
    assert plan["income"].sum() == 1_200.0
    assert plan["set_aside"].iloc[-1] == 240.0  # 0.2 x 1,200
    assert any("1 payment(s) and fee(s) dated outside" in n for n in plan.attrs["notes"])


def test_a_uk_payment_on_6_april_belongs_to_the_next_tax_year():
    # UK 2025/26 runs 6 Apr 2025 to 5 Apr 2026: 6 Apr 2026 opens 2026/27
    profile = TaxProfile("UK", 2025)
    tx = table(
        [
            ("2025-04-06", "earning", 1_000.0, 0.0, "GBP"),
            ("2026-04-06", "earning", 9_000.0, 0.0, "GBP"),
        ]
    )
    plan = reserve_plan(tx, profile)
    assert plan["income"].tolist() == [1_000.0]
    assert any("1 payment(s) and fee(s) dated outside" in n for n in plan.attrs["notes"])


def test_a_refund_month_shows_its_negative_projection_and_a_zero_rate_not_minus_zero():
    # Flat 20%. January: only a refund, net -100 -> P = -100 x 12 / 1 = -1,200.00 (shown as it
    # is, a loss, not 0); tax 0; rate 0.0% (never "-0.0%"); set aside 0.00.
    profile = TaxProfile("flat", 2025, rate=0.2)
    tx = table([("2025-01-10", "refund", -100.0, 0.0, "EUR")])
    plan = reserve_plan(tx, profile)
    assert plan["projected_annual_income"].tolist() == [-1_200.0]
    assert plan["projected_annual_tax"].tolist() == [0.0]
    assert f"{plan['set_aside_rate'].iloc[0]:.1%}" == "0.0%"
    assert f"{set_aside_rate(-500.0, 3, profile):.1%}" == "0.0%"  # P = -2,000: rate 0


def test_payments_without_an_amount_are_named():
    # one payment of 1,000 and one without an amount: "1 payment(s) without an amount count
    # as 0"; income 1,000 + 0 = 1,000
    profile = TaxProfile("flat", 2025, rate=0.2)
    tx = table(
        [
            ("2025-01-10", "earning", 1_000.0, 0.0, "EUR"),
            ("2025-01-12", "earning", float("nan"), 0.0, "EUR"),
        ]
    )
    plan = reserve_plan(tx, profile)
    assert plan["income"].tolist() == [1_000.0]
    assert "1 payment(s) without an amount count as 0." in plan.attrs["notes"]


def test_files_and_today_before_the_tax_year_are_kept_within_it():
    # tax year 2026 chosen on 15 Dec 2025 (rows dated ahead): covered through its first day,
    # 1 Jan 2026 (month 1), not 15 Dec 2025
    us = TaxProfile("US", 2026)
    ts = pd.Timestamp
    assert covered_through(us, ts("2026-03-01"), ts("2025-12-15")) == ts("2026-01-01")
    # a day after the year is still month 12 at most (the plan has 12 months)
    assert months_through(TaxProfile("US", 2025), ts("2026-02-01")) == 12


# --- edges found by a mutation audit (thresholds) ---


US, UK, DE = TaxProfile("US", 2025), TaxProfile("UK", 2025), TaxProfile("DE", 2025)


def test_1099k_payments_are_earnings_with_money_only():
    # PayPal: 2 payments of 100, a $0.00 earning, a +30 incoming transfer and a +50 adjustment:
    # gross 100 + 100 = 200 in 2 payments (the others are no payments from a client)
    rows = platform_rows("paypal", 2, 100.0) + [
        ("paypal", "2025-03-01", 0.0),
        ("paypal", "2025-03-02", 30.0, "transfer"),
        ("paypal", "2025-03-03", 50.0, "adjustment"),
    ]
    by_platform = payments_by_platform(platform_table(rows))
    assert by_platform.loc["paypal"].tolist() == [200.0, 2]


def test_1099k_a_platform_name_with_spaces_is_one_platform_largest_first():
    # "etsy " and "etsy" are one platform: 2 x 50 = 100 in 2 payments; Upwork 300 in 1, first
    rows = [("etsy ", "2025-01-05", 50.0), ("etsy", "2025-01-06", 50.0)]
    rows += [("upwork", "2025-01-07", 300.0)]
    by_platform = payments_by_platform(platform_table(rows))
    assert by_platform.index.tolist() == ["upwork", "etsy"]
    assert by_platform.loc["etsy"].tolist() == [100.0, 2]


def test_1099k_one_platform_over_the_amount_in_few_payments():
    # Upwork only: 3 x 8,000 = 24,000 in 3 payments: above $20,000, not more than 200
    # payments -> the "need not send" note; no "across platforms" note (a platform is over it)
    upwork = platform_table(platform_rows("upwork", 3, 8_000.0))
    notes = thresholds(US, by_platform=payments_by_platform(upwork))
    text = " ".join(notes)
    assert "Above $20,000 but in 200 payments or fewer: Upwork ($24,000.00 in 3 payments)" in text
    assert "across platforms" not in text and "will send you" not in text


def test_1099k_exactly_20000_is_not_over_it():
    # PayPal: 250 x 80 = 20,000.00 in 250 payments: more than 200 payments, but exactly
    # $20,000 is not "more than $20,000": no 1099-K note.
    paypal = platform_rows("paypal", 250, 80.0)
    notes = " ".join(thresholds(US, by_platform=payments_by_platform(platform_table(paypal))))
    assert "Over the 1099-K threshold" not in notes and "Above $20,000" not in notes


def test_1099k_a_card_processor_reports_any_amount():
    # Stripe settles card payments: 19 x 3,000 = 57,000 in 19 payments is reported though it
    # is not more than 200 payments, and 12 x 100 = 1,200 too: never "need not send"
    for n, each, shown in ((19, 3_000.0, "$57,000.00 in 19 payments"), (12, 100.0, "$1,200.00")):
        rows = platform_table(platform_rows("stripe", n, each))
        notes = " ".join(thresholds(US, by_platform=payments_by_platform(rows)))
        assert f"Card payments: Stripe ({shown}" in notes
        assert "expect a Form 1099-K from it" in notes
        assert "need not send" not in notes and "Above $20,000" not in notes
    # and a total of exactly 20,000 across two platforms (10,000 each) is no note either
    two = platform_rows("upwork", 10, 1_000.0) + platform_rows("paypal", 10, 1_000.0)
    notes = " ".join(thresholds(US, by_platform=payments_by_platform(platform_table(two))))
    assert "across platforms" not in notes


def test_uk_allowance_and_mtd_at_their_exact_limits():
    # £1,000.00 exactly is within the £1,000 allowance; £0.00 too
    for turnover, shown in ((1_000.0, "£1,000.00"), (0.0, "£0.00")):
        notes = " ".join(thresholds(UK, turnover=turnover))
        assert f"Your gross trading income for the year ({shown}) is within the trading" in notes
    # £30,000.00 exactly is not "over £30,000": no Making Tax Digital from 2027
    assert "applies to you" not in " ".join(thresholds(UK, turnover=30_000.0))


def test_uk_mtd_start_decided_by_last_year_is_not_moved_later_by_this_year():
    # GOV.UK: over £30,000 in 2025/26 brings you in from 6 April 2027; over £20,000 in
    # 2026/27 from 6 April 2028. A 2026/27 page with £40,000 in 2025/26 and £25,000 this year
    # says 2027 (already in), never 2028 as the start.
    uk26 = TaxProfile("UK", 2026)
    notes = thresholds(uk26, turnover=25_000.0, prior_turnover=40_000.0)
    [last] = [n for n in notes if n.startswith("Your 2025/26 gross trading income")]
    assert "£40,000.00 is over £30,000: Making Tax Digital applies to you from 2027-04-06." in last
    [this] = [n for n in notes if n.startswith("Your 2026/27 gross trading income")]
    assert this.endswith(
        "£25,000.00 is over £20,000: it would bring you in from 2028-04-06, but you are in from "
        "2027-04-06 already."
    )
    # last year exactly £30,000 (not over it): this year's £25,000 decides, from 2028
    notes = " ".join(thresholds(uk26, turnover=25_000.0, prior_turnover=30_000.0))
    assert "Your 2025/26 gross" not in notes
    assert "£25,000.00 is over £20,000: Making Tax Digital applies to you from 2028-04-06." in notes
    # the 2025/26 page: 2024/25's £50,000.01 is over £50,000, from 2026-04-06
    notes = " ".join(
        thresholds(TaxProfile("UK", 2025), turnover=10_000.0, prior_turnover=50_000.01)
    )
    assert "of £50,000.01 is over £50,000: Making Tax Digital applies to you from 2026-04-06." in (
        notes
    )


def test_de_kleinunternehmer_at_its_exact_limits():
    # last year exactly €25,000 ("at most"): still a Kleinunternehmer
    de26 = TaxProfile("DE", 2026)
    notes = " ".join(thresholds(de26, turnover=1_000.0, prior_turnover=25_000.0))
    assert "you are not a Kleinunternehmer" not in notes
    # this year exactly €100,000: above €25,000 (no status next year), but "at most €100,000"
    # this year: the status has not ended
    notes = " ".join(thresholds(DE, turnover=100_000.0))
    assert "next year you cannot be a Kleinunternehmer. Then you charge VAT" in notes
    assert "this year's status has ended" not in notes


def test_de_turnover_within_the_limit_is_shown_beside_it():
    # the note speaks of "the turnover below": it is there also when within the €25,000
    notes = " ".join(thresholds(TaxProfile("DE", 2026), turnover=18_200.5, prior_turnover=9_000))
    assert "Your turnover in 2026 in your files: €18,200.50, within €25,000 (last year's: " in (
        notes
    )
    assert "€9,000.00)." in notes


def test_de_a_return_is_compulsory_beside_wages_with_more_than_410_of_profit():
    # §46(2) Nr. 1 EStG: more than €410 of income without wage tax, beside wages; due by
    # 31 July of the next year when filed without an adviser (§149(2) AO)
    with_wages = TaxProfile("DE", 2026, w2_wages=24_000)

    def said(profile, profit):
        return [n for n in thresholds(profile, turnover=profit, profit=profit) if "compulsory" in n]

    [note] = said(with_wages, 410.01)
    assert note.startswith("With wages and more than €410 of other income (your profit, €410.01)")
    # 31 July 2027 is a Saturday: Monday 2 August (§108(3) AO), as the payments' notes say
    assert "a tax return for 2026 is compulsory (§46(2) Nr. 1 EStG): due by 2 August 2027" in note
    assert said(with_wages, 410.0) == []  # at most €410: not on that ground
    assert said(TaxProfile("DE", 2026), 12_000.0) == []  # no wages: not this rule


def test_de_last_years_turnover_note_comes_alone():
    # last year 30,000 > 25,000: no status this year; this year's 30,000 needs no second note
    notes = thresholds(TaxProfile("DE", 2026), turnover=30_000.0, prior_turnover=30_000.0)
    text = " ".join(notes)
    assert "you are not a Kleinunternehmer in 2026" in text
    assert "next year you cannot" not in text


def test_the_tax_withheld_from_wages_as_entered_moves_the_tax_to_set_aside():
    # UK 2025/26, wages 30,000 and a profit of 10,000: income tax (40,000 - 12,570) x 20% =
    # 5,486.00, of which the wages alone (30,000 - 12,570) x 20% = 3,486.00; the profit adds
    # 2,000.00 (no Class 4 NIC under the 12,570 lower profits limit)
    def set_aside(withholding):
        profile = TaxProfile("UK", 2025, w2_wages=30_000, withholding=withholding)
        return projected_annual_tax(10_000, 12, profile)[1]

    assert set_aside(None) == 2_000.00  # assumed: the wages' own tax is withheld
    assert set_aside(3_486) == 2_000.00
    # PAYE took 214.00 more than the wages' tax: it pays that much of the gig income's
    assert set_aside(3_700) == 1_786.00
    # 486.00 less: that rest is to pay with the payments, not a share of each gig payment
    assert set_aside(3_000) == 2_000.00
    # withheld beyond the whole tax: nothing to set aside, never a negative amount
    assert set_aside(6_000) == 0.00


def test_nothing_withheld_from_wages_never_makes_the_set_aside_rate_huge():
    # US 2025, wages 60,000 with 0 withheld and 100 of gig income in January: the wages' own
    # tax is to pay with the quarterly payments; the rate stays the profit's own (under 100%)
    profile = TaxProfile("US", 2025, w2_wages=60_000, withholding=0.0)
    assert set_aside_rate(100.0, 1, profile) < 0.5


def test_1099k_card_payments_do_not_hide_the_other_platforms_total():
    # PayPal 15,000 in 300 payments, Etsy 10,000 in 250, Stripe 500 in 3: Stripe's card note,
    # and the others add up to 25,000 though neither is over 20,000
    rows = platform_rows("paypal", 300, 50.0) + platform_rows("etsy", 250, 40.0)
    rows += platform_rows("stripe", 3, 500.0 / 3)
    notes = " ".join(thresholds(US, by_platform=payments_by_platform(platform_table(rows))))
    assert "Card payments: Stripe ($500.00 in 3 payments)" in notes
    assert "Your payments add up to $25,000.00 across the other platforms" in notes
    # each under the threshold, and said so
    assert (
        "Under the 1099-K threshold for 2025 ($20,000): PayPal ($15,000.00 in 300 payments), "
        "Etsy ($10,000.00 in 250 payments). They need not send you a Form 1099-K"
    ) in notes


def test_a_flat_rates_tax_year_can_begin_in_april_as_indias_does():
    """India's tax year 2026/27 runs from 1 April 2026 to 31 March 2027. 31 Mar 2026 (1,000)
    is last year's; 1 Apr (800) and 15 Nov (400) are this year's: 1,200 in 8 months (April to
    November) -> 1,800 for the year; 10% = 180.00, and 10% of 1,200 = 120.00 by now."""
    from analytics.tax.params import year_label
    from analytics.tax.reserve import tax_year_bounds
    from giglens_ui.tax import tax_years_of

    profile = TaxProfile("flat", 2026, rate=0.10, year_start_month=4)
    assert tax_year_bounds(profile) == (pd.Timestamp("2026-04-01"), pd.Timestamp("2027-04-01"))
    assert year_label("flat", 2026, 4) == "2026/27" and year_label("flat", 2026) == "2026"
    assert months_through(profile, pd.Timestamp("2026-11-30")) == 8
    assert months_through(profile, pd.Timestamp("2026-04-01")) == 1
    days = pd.Series(pd.to_datetime(["2026-03-31", "2026-04-01", "2027-03-31", "2027-04-01"]))
    assert tax_years_of(days, (4, 1)).tolist() == [2025, 2026, 2026, 2027]
    # the UK's from 6 April: 5 April 2025 is in 2024/25
    uk = pd.Series(pd.to_datetime(["2025-04-05", "2025-04-06"]))
    assert tax_years_of(uk, (4, 6)).tolist() == [2024, 2025]
    tx = table(
        [
            ("2026-03-31", "earning", 1_000.0, 0.0, "INR"),
            ("2026-04-01", "earning", 800.0, 0.0, "INR"),
            ("2026-11-15", "earning", 400.0, 0.0, "INR"),
        ]
    )
    plan = reserve_plan(tx, profile, until=pd.Timestamp("2026-11-30"))
    assert plan["month"].astype(str).tolist()[0] == "2026-04" and len(plan) == 8
    last = plan.iloc[-1]
    assert last["income_so_far"] == 1_200.0
    assert last["projected_annual_income"] == 1_800.0
    assert last["projected_annual_tax"] == pytest.approx(180.0)
    assert last["reserve_needed"] == pytest.approx(120.0)
    assert "1 payment(s) and fee(s) dated outside tax year 1 Apr 2026 – 31 Mar 2027" in " ".join(
        plan.attrs["notes"]
    )
    # the estimate names the year as the pages do
    from analytics.tax.estimate import estimate_for_profile

    est = estimate_for_profile(1_800.0, profile)
    assert est.parameters == "flat-rate 2026/27"
    assert est.disclaimer == "Estimate, not tax advice — flat-rate 2026/27 parameters"
    assert estimate_for_profile(1_800.0, TaxProfile("flat", 2026, rate=0.1)).parameters == (
        "flat-rate 2026"
    )


def test_an_mturk_dashboard_day_counts_its_hits_as_payments():
    # 1099-K counts payments: 30 dashboard days of 12 HITs each are 360 of them (not 30),
    # a bonus and a status page's HIT one each: 362
    days = platform_table(
        [("mturk", f"2025-03-{d:02d}", 700.0) for d in range(1, 31)]
        + [("mturk", "2025-04-01", 5.0), ("mturk", "2025-04-02", 0.5)]
    )
    days["description"] = ["HIT rewards (12 HITs)"] * 30 + ["Bonus", "Transcribe a receipt"]
    by_platform = payments_by_platform(days)
    assert by_platform.loc["mturk"].tolist() == [21_005.5, 362]
    said = " ".join(thresholds(TaxProfile("US", 2025), by_platform=by_platform))
    assert "Over the 1099-K threshold for 2025: Amazon MTurk ($21,005.50 in 362 payments)" in said


# A seller's last year: 500 a month January-October, 2,000 in November, 3,000 in December
# (10,000 in all; 5,000 by the end of October, half of it).
SEASONAL_YEAR = [500.0] * 10 + [2000.0, 3000.0]


def test_a_seasonal_projection_scales_by_last_years_share_so_far():
    # 6,000 by the end of October, last year's 5,000 / 10,000 = 50% by then: 12,000 for the
    # year, where the even months give 6,000 x 12 / 10 = 7,200
    assert seasonal_projection(6000.0, 10, SEASONAL_YEAR) == 12000.0
    # three months in: last year 1,500 / 10,000 = 15%; 1,000 / 0.15 = 6,666.666.. -> 6,666.67
    assert seasonal_projection(1000.0, 3, SEASONAL_YEAR) == 6666.67
    # an even last year gives the even projection: 1,000 x 12 / 4
    assert seasonal_projection(1000.0, 4, [100.0] * 12) == 3000.0


@pytest.mark.parametrize(
    "months, last_year",
    [
        (12, SEASONAL_YEAR),  # the year is over: its income is actual
        (0, SEASONAL_YEAR),
        (10, SEASONAL_YEAR[:11]),  # not a whole year
        (10, [0.0] * 12),  # no income last year
        (10, [500.0] * 11 + [-50.0]),  # a month of refunds beyond its income
        (1, [10.0] + [1000.0] * 11),  # 10 / 11,010: under 10% of the year by then
    ],
)
def test_a_seasonal_projection_says_nothing_when_last_year_cannot_tell(months, last_year):
    assert seasonal_projection(1000.0, months, last_year) is None


def test_income_by_tax_month_follows_the_uk_tax_months():
    from analytics.tax.reserve import income_by_tax_month

    rows = table(
        [
            ("2025-04-05", "earning", 1.0, 0.0, "GBP"),  # tax year 2024/25: left out
            ("2025-04-06", "earning", 10.0, 0.0, "GBP"),  # month 0 (6 Apr - 5 May)
            ("2025-05-05", "earning", 20.0, 0.0, "GBP"),  # month 0
            ("2025-05-06", "earning", 40.0, 5.0, "GBP"),  # month 1, net 35
            ("2026-04-05", "refund", -8.0, 0.0, "GBP"),  # month 11 (6 Mar - 5 Apr 2026)
            ("2026-04-06", "earning", 100.0, 0.0, "GBP"),  # tax year 2026/27: left out
        ]
    )
    got = income_by_tax_month(rows, TaxProfile(jurisdiction="UK", year=2025))
    assert got == [30.0, 35.0] + [0.0] * 9 + [-8.0]
