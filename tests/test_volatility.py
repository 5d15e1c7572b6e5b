"""income_volatility: golden values on tiny named series, each worked out by hand below, plus the
12-month oracle of ../shared/reference/tax-and-volatility.md §1.3 / §1.7."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError

import numpy as np
import pandas as pd
import pytest

from analytics.metrics import Volatility, drawdown, income_volatility


def months(values, start="2024-01") -> pd.Series:
    return pd.Series(
        values, index=pd.period_range(start, periods=len(values), freq="M"), dtype="float64"
    )


ORACLE = [3000, 4500, 2000, 5200, 3100, 0, 4000, 3800, 2600, 6100, 3300, 4200]


def test_empty_series_is_all_nan_not_an_error():
    v = income_volatility(months([]))
    assert v.n_months == 0
    for value in (v.mean, v.std, v.cv, v.swing_share, v.max_drawdown, v.p10, v.smoothing_buffer):
        assert math.isnan(value)
    assert (v.spike_months, v.dip_months) == (0, 0)
    assert v.rolling_cv().empty


def test_one_month():
    v = income_volatility(months([1200.0]))
    assert v.n_months == 1
    assert v.mean == 1200.0
    assert math.isnan(v.std) and math.isnan(v.cv)  # sample std needs two months
    assert math.isnan(v.swing_share)  # no month-to-month change yet
    assert (v.spike_months, v.dip_months) == (0, 0)  # 1200 is neither >= 1500 nor <= 900
    assert v.max_drawdown == 0.0  # 1200 / 1200 - 1
    assert v.p10 == 1200.0
    assert v.smoothing_buffer == 0.0


def test_all_zero_months():
    v = income_volatility(months([0, 0, 0]))
    assert v.mean == 0.0 and v.std == 0.0
    assert math.isnan(v.cv)  # mean <= 0
    assert v.swing_share == 0.0  # zero to zero twice: 0 swings of 2 changes
    # as the issue writes them: 0 >= 1.25 x 0 and 0 <= 0.75 x 0 hold for all three months (the
    # dashboard shows no spikes or dips for an average of nothing)
    assert (v.spike_months, v.dip_months) == (3, 3)
    assert math.isnan(v.max_drawdown)  # never a positive month
    assert v.p10 == 0.0
    assert v.smoothing_buffer == 0.0


def test_zero_month_in_the_middle():
    y = [1000, 0, 2000]
    v = income_volatility(months(y))
    mean = 3000 / 3  # 1000
    std = math.sqrt(((1000 - mean) ** 2 + (0 - mean) ** 2 + (2000 - mean) ** 2) / 2)  # 1000
    assert v.mean == pytest.approx(1000)
    assert v.std == pytest.approx(std) == pytest.approx(1000)
    assert v.cv == pytest.approx(1.0)
    # 1000 -> 0: |-1000| >= 300, a swing; 0 -> 2000: from zero to positive, a swing => 2 of 2
    assert v.swing_share == 1.0
    # spike: y >= 1250 -> 2000; dip: y <= 750 -> 0
    assert (v.spike_months, v.dip_months) == (1, 1)
    # drawdowns: 1000/1000-1 = 0, 0/1000-1 = -1, 2000/2000-1 = 0
    assert v.max_drawdown == -1.0
    # p10: sorted [0, 1000, 2000], position 0.1 * 2 = 0.2 -> 0 + 0.2 * 1000
    assert v.p10 == pytest.approx(200.0)
    # cumulative (y - mean): 0, -1000, 0 -> buffer 1000
    assert v.smoothing_buffer == pytest.approx(1000.0)


def test_steady_series():
    v = income_volatility(months([2500] * 6))
    assert v.mean == 2500 and v.std == 0.0 and v.cv == 0.0
    assert v.swing_share == 0.0
    assert (v.spike_months, v.dip_months) == (0, 0)
    assert v.max_drawdown == 0.0
    assert v.p10 == 2500.0
    assert v.smoothing_buffer == 0.0
    assert v.rolling_cv(window=3).tolist()[2:] == [0.0, 0.0, 0.0, 0.0]


def test_spiky_series():
    y = [500, 500, 3000, 500]
    v = income_volatility(months(y))
    assert v.mean == pytest.approx((500 * 3 + 3000) / 4)  # 1125
    std = math.sqrt((3 * (500 - 1125) ** 2 + (3000 - 1125) ** 2) / 3)  # sqrt(1562500) = 1250
    assert v.std == pytest.approx(1250.0) == pytest.approx(std)
    assert v.cv == pytest.approx(1250 / 1125)
    # 500->500 no, 500->3000 yes (+500%), 3000->500 yes (-83%) => 2 of 3
    assert v.swing_share == pytest.approx(2 / 3)
    # spike >= 1406.25: the 3000 month; dip <= 843.75: the three 500 months
    assert (v.spike_months, v.dip_months) == (1, 3)
    assert v.max_drawdown == pytest.approx(500 / 3000 - 1)
    # p10: sorted [500, 500, 500, 3000], position 0.3 -> 500
    assert v.p10 == 500.0
    # cumulative (y - 1125): -625, -1250, +625, 0 -> buffer 1250
    assert v.smoothing_buffer == pytest.approx(1250.0)


def test_swing_threshold_is_inclusive_and_relative_to_the_previous_month():
    # 1000 -> 1300 is exactly +30% (a swing); 1300 -> 1000 is -23% (not one)
    assert income_volatility(months([1000, 1300, 1000])).swing_share == pytest.approx(1 / 2)


def test_drawdown_ignores_months_before_the_first_positive_one():
    # [0, 0, 800, 400]: defined from 800 on: 0, 400/800-1 = -0.5
    assert income_volatility(months([0, 0, 800, 400])).max_drawdown == pytest.approx(-0.5)


def test_negative_month_then_income_counts_as_a_swing():
    # a month of net refunds (-100) then 500: from nothing to income
    assert income_volatility(months([-100, 500])).swing_share == 1.0


def test_twelve_month_reference_oracle():
    v = income_volatility(months(ORACLE))
    assert v.mean == pytest.approx(3483.333333, abs=1e-6)
    assert v.cv == pytest.approx(0.451737, abs=1e-6)  # §1.3 "CV, sample (ddof=1)"
    # §1.3: 8 of the 10 finite simple changes are >= 30%, and the 0 -> 4000 change is a move from
    # zero to positive, which counts: 9 swings of 11 changes.
    assert v.swing_share == pytest.approx(9 / 11)
    assert (v.spike_months, v.dip_months) == (3, 3)  # §1.3 spikes / dips
    assert v.max_drawdown == -1.0  # §1.3 level maximum drawdown (the zero month)
    # p10: sorted [0, 2000, 2600, ...], position 0.1 * 11 = 1.1 -> 2000 + 0.1 * 600
    assert v.p10 == pytest.approx(2060.0)
    # cumulative income after 9 months 28200 vs 9 * mean = 31350: the lowest point, -3150
    assert v.smoothing_buffer == pytest.approx(31350 - 28200)


def test_rolling_cv_matches_the_reference_three_month_value():
    rolling = income_volatility(months(ORACLE)).rolling_cv(window=3)
    assert rolling.iloc[-1] == pytest.approx(0.315320, abs=1e-6)  # §1.3 3-month rolling CV
    assert rolling.iloc[:2].isna().all()  # window not full yet
    # months 4-6 are [5200, 3100, 0]; months 5-7 [3100, 0, 4000]: both have mean > 0
    assert rolling.notna().sum() == 10


def test_rolling_cv_default_window_is_six_months():
    rolling = income_volatility(months(ORACLE)).rolling_cv()
    first = np.array(ORACLE[:6], float)
    assert rolling.isna().sum() == 5
    assert rolling.iloc[5] == pytest.approx(first.std(ddof=1) / first.mean())


def test_published_research_figures_read_as_expected():
    # US Financial Diaries: an average CV of 39%. A household whose months alternate between
    # 1.39x and 0.61x of its mean (1000) has a population sd of exactly 0.39 x mean, so its
    # sample (ddof=1) CV over 12 months is 0.39 * sqrt(12/11) (the §1.2 factor 1.0445).
    y = [1390, 610] * 6
    v = income_volatility(months(y))
    assert v.cv == pytest.approx(0.39 * math.sqrt(12 / 11))
    assert (v.spike_months, v.dip_months) == (6, 6)  # every month is >= 25% off the mean
    # JPMCI: a >= 30% month-to-month change is a "swing"; 1390 <-> 610 always is one
    assert v.swing_share == 1.0


def test_volatility_is_frozen():
    v = income_volatility(months([1, 2]))
    assert isinstance(v, Volatility)
    with pytest.raises(FrozenInstanceError):
        v.mean = 3  # type: ignore[misc]


def test_docstring_states_the_formulas():
    doc = Volatility.__doc__
    for text in ("ddof=1", "0.30", "1.25", "0.75", "max_{s<=t}", "10th percentile", "−min_t Σ"):
        assert text in doc


def test_population_cv_of_the_twelve_month_oracle():
    # §1.3 "CV, population (ddof=0)" 0.432505: sample sd x sqrt((n - 1) / n), n = 12
    v = income_volatility(months(ORACLE))
    assert v.std * math.sqrt(11 / 12) / v.mean == pytest.approx(0.432505, abs=1e-6)


def test_sample_std_matches_the_published_library_fixtures():
    # §1.5 empyrical annual_volatility(monthly_returns, MONTHLY) = std(ddof=1) x sqrt(12)
    returns = months([0, 1, 10, -4, 2, 3, 2, 1, -10]) / 100
    assert income_volatility(returns).std * math.sqrt(12) == pytest.approx(
        0.18663690238892558, rel=1e-12
    )
    # §1.5 quantstats volatility([0.01, -0.02, 0.03, -0.01, 0.02]), not annualised: 0.0207364
    small = income_volatility(months([0.01, -0.02, 0.03, -0.01, 0.02]))
    assert small.std == pytest.approx(0.0207364, abs=1e-7)


def test_level_drawdown_matches_ffn_not_quantstats():
    # §1.5 quantstats docstring on a level series: 105 / 110 - 1 = -0.0454545
    levels = income_volatility(months([100, 110, 105, 120, 115]))
    assert levels.max_drawdown == pytest.approx(105 / 110 - 1)
    assert levels.max_drawdown == pytest.approx(-0.0454545, abs=1e-7)
    # §1.6: income [3000, 4500, 2000] has a level drawdown of 2000 / 4500 - 1 = -0.5556 (ffn);
    # quantstats' phantom 1e5 baseline would say -0.98
    assert income_volatility(months([3000, 4500, 2000])).max_drawdown == pytest.approx(
        2000 / 4500 - 1
    )


@pytest.mark.parametrize("window", [0, 1, 2.5, "6"])
def test_rolling_cv_window_must_be_two_months_or_more(window):
    with pytest.raises(ValueError, match="window must be a whole number of months"):
        income_volatility(months(ORACLE)).rolling_cv(window=window)


def test_a_month_at_a_loss_falls_below_minus_100_percent():
    # [90, -270, 90]: the min_t (y_t / max_{s<=t} y_s - 1): 90/90 - 1 = 0;
    # -270/90 - 1 = -4; 90/90 - 1 = 0
    y = [90, -270, 90]
    assert income_volatility(months(y)).max_drawdown == -4.0
    assert drawdown(months(y)).tolist() == [0.0, -4.0, 0.0]
    # [100, -50, 100]: -50/100 - 1 = -1.5
    assert income_volatility(months([100, -50, 100])).max_drawdown == -1.5


def test_drawdown_series_starts_at_the_first_positive_month():
    # [0, -50, 200, 50]: no best month before 200 (NaN, NaN); 200/200 - 1 = 0; 50/200 - 1 = -0.75
    dd = drawdown(months([0, -50, 200, 50]))
    assert dd.iloc[:2].isna().all()
    assert dd.iloc[2:].tolist() == [0.0, -0.75]
    assert income_volatility(months([0, -50, 200, 50])).max_drawdown == -0.75


def test_swings_between_negative_months_are_measured_against_their_size():
    # -100 -> -200: |-100| >= 0.30 x 100 = 30, a swing (a loss that doubles)
    # -200 -> -190: |10| < 0.30 x 200 = 60, not one
    # -190 -> 0: |190| >= 57, a swing
    # 0 -> -500: from nothing to a loss, a swing
    # -500 -> -500: no change
    # => 3 swings of 5 changes
    assert income_volatility(months([-100, -200, -190, 0, -500, -500])).swing_share == 3 / 5


def test_population_std_on_request():
    # [1000, 2000, 3000]: mean 2000, squared deviations 1e6 + 0 + 1e6 = 2e6.
    # sample std sqrt(2e6 / 2) = 1000 -> CV 0.5; population sqrt(2e6 / 3) = 816.4966 -> 0.408248
    months = pd.Series([1000.0, 2000.0, 3000.0])
    assert income_volatility(months).cv == pytest.approx(0.5)
    assert income_volatility(months, ddof=0).std == pytest.approx(816.496581, rel=1e-9)
    assert income_volatility(months, ddof=0).cv == pytest.approx(0.408248, abs=1e-6)
    with pytest.raises(ValueError, match="ddof"):
        income_volatility(months, ddof=2)


def test_cv_is_nan_for_a_negative_mean_and_so_is_a_rolling_window_of_losses():
    # mean (-100 - 200 - 190 + 0 - 500 - 500) / 6 < 0: no CV (a spread of losses is no income
    # swing); a 2-month window of -500, -500 has mean -500: NaN there too, while 100, 300 has
    # mean 200, std 141.42: CV 0.707107
    assert math.isnan(income_volatility(months([-100, -200, -190, 0, -500, -500])).cv)
    rolling = income_volatility(months([-500, -500, 100, 300])).rolling_cv(window=2)
    assert math.isnan(rolling.iloc[1])
    assert rolling.iloc[3] == pytest.approx(141.421356 / 200, abs=1e-6)


# --- edges found by a mutation audit ---


def test_a_month_exactly_25_percent_above_or_below_the_mean_is_a_spike_or_a_dip():
    # [5, 3]: mean 4; 1.25 x 4 = 5 <= 5 and 0.75 x 4 = 3 >= 3: one spike, one dip
    v = income_volatility(months([5.0, 3.0]))
    assert (v.spike_months, v.dip_months) == (1, 1)


def test_rolling_cv_of_a_window_with_a_zero_mean_is_nan_not_infinite():
    # window [-5, 5]: mean 0, std 7.07 -> 7.07 / 0 is no CV; the first window is not full yet
    cv = income_volatility(months([-5.0, 5.0])).rolling_cv(2)
    assert cv.isna().all()


def test_drawdown_counts_a_missing_month_as_zero():
    # [100, NaN, 50] read as [100, 0, 50], best month 100: 100/100 - 1 = 0, 0/100 - 1 = -1,
    # 50/100 - 1 = -0.5
    assert drawdown(months([100.0, np.nan, 50.0])).tolist() == [0.0, -1.0, -0.5]


def test_volatility_counts_a_missing_month_as_zero():
    # [100, NaN, 50] read as [100, 0, 50]: mean (100 + 0 + 50) / 3 = 50 over 3 months
    # (not 150 / 2 = 75 over the two known ones, and not NaN)
    v = income_volatility(months([100.0, np.nan, 50.0]))
    assert v.mean == 50.0 and v.n_months == 3


def test_one_month_has_no_population_std_either():
    # a single month has no spread to measure: with ddof=0 as with ddof=1 the std and CV are
    # NaN (sqrt((1200 - 1200)^2 / 1) = 0 would read as "perfectly steady")
    v = income_volatility(months([1200.0]), ddof=0)
    assert math.isnan(v.std) and math.isnan(v.cv)


def test_swings_name_the_months_at_the_thresholds():
    # mean 100: a spike is at least 125 (Feb's 125 is one), a dip at most 75 (Mar's 75)
    vol = income_volatility(
        pd.Series(
            [100.0, 125.0, 75.0, 100.0], index=pd.period_range("2025-01", periods=4, freq="M")
        )
    )
    spikes, dips = vol.swings()
    assert spikes.to_dict() == {pd.Period("2025-02", "M"): 125.0}
    assert dips.to_dict() == {pd.Period("2025-03", "M"): 75.0}
    assert (vol.spike_months, vol.dip_months) == (1, 1)


def test_part_weeks_at_the_ends_are_left_out_of_the_weekly_measures_when_dips():
    from analytics.metrics import whole_weeks

    # files from Saturday 1 Jun 2024 to Wednesday 26 Jun 2024: the week of 27 May holds two of
    # their days (18.81), the week of 24 Jun three (90.00); the weeks of 3, 10 and 17 Jun are
    # whole (median 280.00): both part weeks are below it
    weeks = pd.Series(
        [18.81, 300.0, 250.0, 280.0, 90.0],
        index=pd.period_range("2024-05-27", periods=5, freq="W"),
    )
    kept, left_out = whole_weeks(weeks, pd.Timestamp("2024-06-01"), pd.Timestamp("2024-06-26"))
    assert kept.tolist() == [300.0, 250.0, 280.0]
    assert [p.start_time.date().isoformat() for p in left_out] == ["2024-05-27", "2024-06-24"]
    # files from a Monday to a Sunday: every week is whole
    kept, left_out = whole_weeks(weeks, pd.Timestamp("2024-05-27"), pd.Timestamp("2024-06-30"))
    assert kept.tolist() == weeks.tolist() and left_out == []
    # a part week that earned more than the median (900.00 in two days) is kept
    busy = weeks.copy()
    busy.iloc[0] = 900.0
    kept, left_out = whole_weeks(busy, pd.Timestamp("2024-06-01"), pd.Timestamp("2024-06-26"))
    assert kept.tolist() == [900.0, 300.0, 250.0, 280.0]
    # three weeks: too few to tell a dip from the weeks between
    three = weeks.iloc[:3]
    kept, left_out = whole_weeks(three, pd.Timestamp("2024-06-01"), pd.Timestamp("2024-06-12"))
    assert kept.tolist() == three.tolist() and left_out == []
    assert whole_weeks(weeks.iloc[:0], None, None)[0].empty
