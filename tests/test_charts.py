"""The pure Plotly figure builders: colours, currency labels, bands, on hand-made data."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics import charts

MONTHS = pd.period_range("2025-01", periods=3, freq="M")


def test_same_platform_same_colour_on_every_chart():
    monthly = pd.DataFrame({"upwork": [900.0, 450.0, 0.0], "mturk": [50.0, 0.0, 30.0]}, MONTHS)
    stacked = charts.stacked_monthly(monthly, "USD")
    bars = charts.amount_bars(pd.Series({"mturk": 80.0, "upwork": 1350.0}), "USD", title="t")
    colour = {t.name: t.marker.color for t in stacked.data if t.type == "bar"}
    assert colour == {"Upwork": charts.PLATFORM_COLORS["upwork"], "Amazon MTurk": "#CB7D00"}
    # amount_bars sorts ascending: mturk (80) first, upwork (1,350) second
    assert list(bars.data[0].marker.color) == ["#CB7D00", charts.PLATFORM_COLORS["upwork"]]


def test_unknown_names_get_a_stable_fallback_colour():
    first = charts.color_for("some-new-platform")
    assert first == charts.color_for("some-new-platform")
    assert first in charts.FALLBACK_COLORS


def test_currency_on_axis_and_hover():
    monthly = pd.DataFrame({"etsy": [10.0, 20.0, 30.0]}, MONTHS)
    fig = charts.stacked_monthly(monthly, "EUR")
    assert fig.layout.yaxis.tickprefix == "€"
    assert "EUR" in fig.layout.yaxis.title.text
    assert "EUR" in fig.data[0].hovertemplate
    chf = charts.stacked_monthly(monthly, "CHF")
    assert chf.layout.yaxis.ticksuffix == " CHF"
    assert charts.money_format("usd") == ("$", "")


def test_volatility_chart_marks_spikes_dips_mean_and_band():
    monthly = pd.Series([950.0, 450.0, 30.0], index=MONTHS)
    mean = 1430 / 3  # 476.67: spike >= 595.83 (950), dip <= 357.50 (30)
    fig = charts.volatility_chart(monthly, "USD", mean=mean, p10=114.0)
    assert isinstance(fig, go.Figure)
    assert list(fig.data[0].marker.color) == [
        charts.SPIKE_COLOR,
        charts.NORMAL_COLOR,
        charts.DIP_COLOR,
    ]
    band = [s for s in fig.layout.shapes if s.type == "rect"][0]
    assert round(band.y0, 2) == round(0.75 * mean, 2) == 357.5
    assert round(band.y1, 2) == round(1.25 * mean, 2) == 595.83
    lines = sorted(round(s.y0, 2) for s in fig.layout.shapes if s.type == "line")
    assert lines == [114.0, 476.67]
    # x axis: first day of each month; the hover names the month, not a day
    assert list(pd.to_datetime(fig.data[0].x)) == list(MONTHS.to_timestamp())
    assert fig.layout.xaxis.hoverformat == "%B %Y"
    # spike/dip/mean/floor explained in the legend (no label drawn over the bars)
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == [
        "Spike: ≥ 25% above the mean",
        "Within ±25%",
        "Dip: ≥ 25% below the mean",
        "Mean $476.67 (grey band: ±25%)",
        "Income floor (P10) $114.00",
    ]
    assert not fig.layout.annotations
    assert list(fig.data[0].customdata) == ["spike", "within ±25% of the mean", "dip"]


def test_single_month_and_empty_inputs_do_not_fail():
    one = pd.Series([100.0], index=MONTHS[:1])
    fig = charts.volatility_chart(one, "USD", mean=100.0)
    assert list(fig.data[0].y) == [100.0]
    assert list(fig.data[0].customdata) == ["within ±25% of the mean"]
    empty = pd.DataFrame(index=pd.PeriodIndex([], freq="M"))
    assert len(charts.stacked_monthly(empty, "USD").data) == 0
    nan_mean = charts.volatility_chart(pd.Series([], dtype=float), "USD", mean=float("nan"))
    assert len(nan_mean.layout.shapes) == 0


def test_fee_chart_shows_published_rate_only_where_known():
    fees = pd.DataFrame(
        {"fees": [100.0, 0.0], "fee_rate": [0.10, 0.0]}, index=pd.Index(["upwork", "mturk"])
    )
    published = pd.Series({"upwork": 0.10})
    fig = charts.fee_chart(fees, "USD", published=published)
    assert [t.name for t in fig.data] == ["Your effective fee rate", "Published max"]
    assert list(fig.data[1].y[:1]) == [0.10]
    assert pd.isna(fig.data[1].y[1])
    assert fig.layout.yaxis.tickformat == ".0%"


def test_hourly_chart_has_both_rates():
    rates = pd.DataFrame(
        {"hourly": [45.0, 10.0], "hourly_incl_unpaid": [36.0, 8.0]},
        index=pd.Index(["freelance", "micro"]),
    )
    fig = charts.hourly_chart(rates, "USD", title="t")
    assert [list(t.y) for t in fig.data] == [[45.0, 10.0], [36.0, 8.0]]
    assert list(fig.data[0].marker.color) == [
        charts.STREAM_COLORS["freelance"],
        charts.STREAM_COLORS["micro"],
    ]
    assert "USD" in fig.data[0].hovertemplate


def test_amount_bars_show_money_with_the_currency_and_one_colour_for_clients():
    values = pd.Series({"Acme": 750.0, "Beta": 250.0})
    fig = charts.amount_bars(values, "GBP", title="Top clients", color=charts.NORMAL_COLOR)
    # sorted ascending; shares 250 / 1,000 = 25% and 750 / 1,000 = 75%
    assert list(fig.data[0].text) == ["£250.00 (25%)", "£750.00 (75%)"]
    assert list(fig.data[0].marker.color) == [charts.NORMAL_COLOR] * 2
    assert charts.money_text(-1234.5, "CHF") == "-1,234.50 CHF"


def test_top_client_shares_are_of_the_whole_income_not_of_the_top_few():
    top = pd.Series({"Acme": 300.0, "Beta": 100.0})
    fig = charts.amount_bars(top, "USD", title="Top clients", total=1000.0)
    # 100 / 1,000 = 10% and 300 / 1,000 = 30% (not 25% / 75% of the two shown)
    assert list(fig.data[0].text) == ["$100.00 (10%)", "$300.00 (30%)"]


def test_small_shares_and_negative_bars_stay_readable():
    values = pd.Series({"Acme": 40_000.0, "Tiny": 178.0, "Refunds": -98.0})
    fig = charts.amount_bars(values, "USD", title="Top clients", color=charts.NORMAL_COLOR)
    # shares of the positive 40,178: 178 / 40,178 = 0.44% -> "<1%", not "0%"; 40,000 / 40,178
    # = 99.6% -> 100%; a negative amount has no share
    assert list(fig.data[0].text) == ["-$98.00", "$178.00 (<1%)", "$40,000.00 (100%)"]
    # left of the negative bar, room for its label "-$98.00" (7 characters, about a quarter of
    # a chart 40,098 wide): the axis starts well before -98 and still shows the 40,000 bar
    low, high = fig.layout.xaxis.range
    assert low <= -98 - 0.25 * 40_098 and high >= 40_000


def test_hourly_chart_leaves_out_the_unpaid_bar_when_it_changes_nothing():
    rates = pd.DataFrame(
        {"hourly": [40.0, 20.0], "hourly_incl_unpaid": [40.0, 20.0]}, index=["Acme", "Beta"]
    )
    fig = charts.hourly_chart(rates, "USD", title="By client", color=charts.NORMAL_COLOR)
    assert len(fig.data) == 1
    assert list(fig.data[0].marker.color) == [charts.NORMAL_COLOR] * 2
    # 25% unpaid time: 40 / 1.25 = 32.00 and 20 / 1.25 = 16.00
    rates["hourly_incl_unpaid"] = [40 / 1.25, 20 / 1.25]
    fig = charts.hourly_chart(rates, "USD", title="By client")
    assert [round(v, 2) for v in fig.data[1].y] == [32.0, 16.0]


def test_drawdown_markers_at_the_edges_are_not_clipped():
    drawdown = pd.Series([0.0, -0.5, -0.25], index=MONTHS)
    fig = charts.drawdown_chart(drawdown)
    assert fig.data[0].cliponaxis is False
    assert fig.data[0].fill == "tozeroy"


def test_drawdown_chart_draws_a_loss_month_below_minus_100_percent():
    # monthly 90, -270, 90: -270 / 90 - 1 = -4 (a loss three times the best month)
    from analytics.metrics import drawdown

    fig = charts.drawdown_chart(drawdown(pd.Series([90.0, -270.0, 90.0], index=MONTHS)))
    assert list(fig.data[0].y) == [0.0, -4.0, 0.0]


def test_a_zero_fee_rate_is_written_above_the_axis_not_left_blank():
    fees = pd.DataFrame({"fees": [0.0, 10.0], "fee_rate": [0.0, 0.1]}, index=["mturk", "upwork"])
    fig = charts.fee_chart(fees, "USD", published=pd.Series({"mturk": 0.0, "upwork": 0.1}))
    assert list(fig.data[0].text) == ["0.0%", "10.0%"]
    assert list(fig.data[0].textposition) == ["outside", "auto"]


def test_a_rate_line_starts_at_zero_and_keeps_close_ticks_apart():
    months = pd.period_range("2025-01", periods=4, freq="M")
    flat = charts.ratio_line(pd.Series([0.2] * 4, index=months), title="t", y_title="Fee rate")
    assert flat.layout.yaxis.rangemode == "tozero"  # not a -50%..100% axis around 20%
    close = charts.ratio_line(
        pd.Series([0.041, 0.044, 0.047, 0.043], index=months), title="t", y_title="Fee rate"
    )
    assert close.layout.yaxis.tickformat == ".1~%"  # 4.1%, 4.4%: not "4% 4% 5%"
    wide = charts.ratio_line(pd.Series([0.1, 0.5], index=months[:2]), title="t", y_title="CV")
    assert wide.layout.yaxis.tickformat == ".0%"


def test_a_typed_platform_is_labelled_with_its_words():
    assert charts.label_for("kunden_direkt") == "Kunden Direkt"
    assert charts.label_for("contra") == "Contra"
    assert charts.label_for("peopleperhour") == "PeoplePerHour"  # a known platform's own name
    assert charts.label_for("micro") == "Micro jobs"


def test_reserve_chart_draws_the_chosen_line_dashed():
    plan = pd.DataFrame(
        {"Reserve needed": [100.0, 200.0], "Reserve if you set aside the rate": [100.0, 200.0]},
        index=pd.period_range("2025-01", periods=2, freq="M"),
    )
    fig = charts.reserve_chart(plan, "USD", dashed=("Reserve if you set aside the rate",))
    dashes = {trace.name: trace.line.dash for trace in fig.data}
    assert dashes == {"Reserve needed": "solid", "Reserve if you set aside the rate": "dash"}


def test_the_fee_rate_legend_swatch_is_the_colour_of_every_bar():
    fees = pd.DataFrame({"fees": [5.0, 10.0], "fee_rate": [0.05, 0.1]}, index=["paypal", "upwork"])
    fig = charts.fee_chart(fees, "USD")
    assert isinstance(fig.data[0].marker.color, str)  # one colour, not one per platform


def _seen_with_deuteranopia(hex_colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of a colour as a deuteranope sees it: Machado, Oliveira and Fernandes
    (2009), severity 1.0, applied in linear sRGB."""
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    m = [
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ]
    r, g, b = (min(max(sum(m[i][j] * lin[j] for j in range(3)), 0.0), 1.0) for i in range(3))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize(
    "colours",
    [
        # any two platforms may be side by side in a chart
        list(charts.PLATFORM_COLORS.values()),
        list(charts.STREAM_COLORS.values()),
        [charts.SPIKE_COLOR, charts.DIP_COLOR, charts.NORMAL_COLOR],
    ],
)
def test_colours_shown_together_stay_apart_for_deuteranopes(colours):
    # CIE76 distance of 10 or more: clearly different (2.3 is about the least one can see);
    # Etsy red #E15759 and Upwork green #59A14F were 0.9 apart
    import itertools
    import math

    for a, b in itertools.combinations(colours, 2):
        assert math.dist(_seen_with_deuteranopia(a), _seen_with_deuteranopia(b)) >= 10, (a, b)


def test_a_stream_at_a_loss_does_not_push_the_others_share_above_100_percent():
    # 21 Nov 2024 of the sample data: freelance 873.33, micro -9.00 (a fee, no HITs): the
    # freelance share is 873.33 / 873.33 = 100% as the Micro vs freelance page says, not
    # 873.33 / 864.33 = 101%
    fig = charts.amount_bars(pd.Series({"freelance": 873.33, "micro": -9.0}), "USD", title="t")
    assert list(fig.data[0].text) == ["-$9.00", "$873.33 (100%)"]


def test_the_income_floor_line_and_the_reserve_lines_stay_apart_for_deuteranopes():
    import itertools
    import math

    fig = charts.volatility_chart(
        pd.Series([100.0, 200.0, 50.0], index=MONTHS), "USD", mean=350 / 3, p10=60.0
    )
    [floor] = [t for t in fig.data if t.name and t.name.startswith("Income floor")]
    for bar in (charts.SPIKE_COLOR, charts.DIP_COLOR, charts.NORMAL_COLOR):
        assert (
            math.dist(_seen_with_deuteranopia(floor.line.color), _seen_with_deuteranopia(bar)) >= 10
        )
    plan = pd.DataFrame(
        {name: [1.0, 2.0, 3.0] for name in ("a", "b", "c", "d")}, index=MONTHS.astype(str)
    )
    colours = [t.line.color for t in charts.reserve_chart(plan, "USD").data]
    assert len(colours) == 4
    for a, b in itertools.combinations(colours, 2):
        assert math.dist(_seen_with_deuteranopia(a), _seen_with_deuteranopia(b)) >= 10, (a, b)


def test_month_labels_stay_legible_in_a_half_width_chart():
    """11 months: every month across the page (11 labels <= 12), every second month in half the
    page (11 / 2 = 5.5 -> 6 labels <= 6); 18 months across the page: every second (9 labels)."""
    from analytics.charts import lines_by_group

    months = pd.period_range("2015-12", periods=11, freq="M")
    frame = pd.DataFrame({"freelance": range(11)}, index=months, dtype="float64")
    wide = lines_by_group(frame, title="t", y_title="y", currency="USD")
    narrow = lines_by_group(frame, title="t", y_title="y", currency="USD", narrow=True)
    assert wide.layout.xaxis.dtick == "M1" and narrow.layout.xaxis.dtick == "M2"
    longer = pd.DataFrame(
        {"freelance": range(18)}, index=pd.period_range("2024-06", periods=18, freq="M")
    )
    assert lines_by_group(longer, title="t", y_title="y").layout.xaxis.dtick == "M2"


def test_the_reserve_chart_starts_from_zero():
    """Reserves of 1,200 to 1,355 a month: the axis starts at 0, so 1,355 does not look like
    nothing at the foot of an axis from 1,200."""
    plan = pd.DataFrame(
        {"Projected tax for the year": [1_300.0, 1_355.0], "Reserve needed": [1_200.0, 1_355.0]},
        index=pd.period_range("2025-01", periods=2, freq="M"),
    )
    fig = charts.reserve_chart(plan, "EUR")
    assert fig.layout.yaxis.rangemode == "tozero"


def test_the_volatility_pages_half_width_lines_label_fewer_months():
    """18 months in half the page: every third month (18 / 3 = 6 labels); across the page
    every second (9)."""
    series = pd.Series(
        [0.5] * 18, index=pd.period_range("2024-06", periods=18, freq="M"), dtype="float64"
    )
    assert charts.ratio_line(series, title="t", y_title="CV").layout.xaxis.dtick == "M2"
    narrow = charts.ratio_line(series, title="t", y_title="CV", narrow=True)
    assert narrow.layout.xaxis.dtick == "M3"
    assert charts.drawdown_chart(-series, narrow=True).layout.xaxis.dtick == "M3"


def test_a_fee_rate_trend_is_drawn_from_zero():
    """June 4.42% (73.07 / 1,653.75) and July 7.02%: on an axis from 4.5% to 7% the change of
    2.6 points looked like a collapse and a spike; the axis starts at 0%."""
    from analytics.charts import lines_by_group

    frame = pd.DataFrame(
        {"paypal": [73.07 / 1653.75, 0.0702]},
        index=pd.period_range("2016-06", periods=2, freq="M"),
    )
    fig = lines_by_group(frame, title="Fee rate per month", y_title="Fees ÷ gross", percent=True)
    assert fig.layout.yaxis.rangemode == "tozero"


def test_long_bar_names_are_shortened_on_the_axis_but_whole_on_hover():
    """A long Upwork contract title as a client took most of a phone's width: the axis shows
    22 characters with "…", the hover the whole name; two names that would read the same
    keep their whole names; the axis leaves room right of the bars for their labels."""
    from analytics.charts import amount_bars

    values = pd.Series(
        {
            "React Developer for Crypto Sales Dashboard": 871.69,
            "Short name": 1318.00,
            "Re-layout and Improve HTML Page Design A": 100.0,
            "Re-layout and Improve HTML Page Design B": 90.0,
        }
    )
    fig = amount_bars(values, "EUR", title="Top clients")
    bar = fig.data[0]
    shown = dict(zip(bar.customdata, bar.y))
    assert shown["React Developer for Crypto Sales Dashboard"] == "React Developer for C…"
    assert len(shown["React Developer for Crypto Sales Dashboard"]) == 22
    assert shown["Short name"] == "Short name"
    assert shown["Re-layout and Improve HTML Page Design A"].endswith("Design A")
    assert fig.layout.xaxis.range[1] == pytest.approx(1318.00 * 1.35)


def test_client_bars_show_the_names_as_written():
    # a client is no platform id: "buyer@example.com" is not capitalised, "acme_design" keeps
    # its underscore; platform ids still get their names
    values = pd.Series({"buyer@example.com": 300.0, "acme_design": 100.0})
    fig = charts.amount_bars(values, "USD", title="Top clients", names_as_written=True)
    assert set(fig.data[0].y) == {"buyer@example.com", "acme_design"}
    fig = charts.amount_bars(pd.Series({"upwork": 1.0}), "USD", title="Platforms")
    assert list(fig.data[0].y) == ["Upwork"]


def test_lines_by_group_are_told_apart_without_their_colour():
    # three platforms' fee rates: each line has its own marker shape and dash
    from analytics.charts import lines_by_group

    frame = pd.DataFrame(
        {"upwork": [0.1, 0.1], "paypal": [0.03, 0.04], "etsy": [0.09, 0.1]},
        index=pd.period_range("2025-01", periods=2, freq="M"),
    )
    fig = lines_by_group(frame, title="t", y_title="y", percent=True)
    assert len({t.marker.symbol for t in fig.data}) == 3
    assert len({t.line.dash for t in fig.data}) == 3


def test_weekly_income_is_drawn_by_week():
    from analytics.charts import drawdown_chart, volatility_chart
    from analytics.metrics import drawdown

    weeks = pd.Series([900.0, 0.0, 50.0], index=pd.period_range("2025-01-06", periods=3, freq="W"))
    fig = volatility_chart(weeks, "USD", mean=316.67)
    assert fig.layout.title.text == "Weekly net income"
    assert fig.layout.xaxis.tickformat == "%-d %b %Y"
    # each bar on its week's Monday
    assert [str(x)[:10] for x in fig.data[0].x] == ["2025-01-06", "2025-01-13", "2025-01-20"]
    assert drawdown_chart(drawdown(weeks)).layout.title.text == "Drawdown from the best week so far"


def test_etsy_and_mturk_stacked_side_by_side_stay_well_apart_for_deuteranopes():
    # the sample's stacked bars put Etsy's vermilion beside MTurk's orange, MTurk's a few
    # pixels tall: #C65100 and #CB7D00 were only 10.9 apart (CIE76) for a deuteranope
    import math

    etsy, mturk = charts.PLATFORM_COLORS["etsy"], charts.PLATFORM_COLORS["mturk"]
    assert math.dist(_seen_with_deuteranopia(etsy), _seen_with_deuteranopia(mturk)) >= 15


def test_money_is_drawn_to_the_cent_half_away_from_zero_as_the_pages_write_it():
    # a reviewer's October of converted payments summed in floats to 7,021.5549999999985 (its
    # rows add up to 7,021.555): the page writes $7,021.56, and so must the hover (a Plotly
    # format of the float gives 7,021.55). A half cent stored as 3,665.325 (binary
    # 3,665.32499...) is 3,665.33.
    october = 7021.5549999999985
    months = pd.period_range("2025-09", periods=2, freq="M")
    fig = charts.volatility_chart(pd.Series([4827.42508, october], index=months), "USD", mean=5000)
    assert list(fig.data[0].y) == [4827.43, 7021.56]
    stacked = charts.stacked_monthly(
        pd.DataFrame({"stripe": [3242.61508, 3665.325]}, index=months), "USD"
    )
    assert list(stacked.data[0].y) == [3242.62, 3665.33]
    reserve = charts.reserve_chart(
        pd.DataFrame({"Reserve needed": [100.005, 279.6149]}, index=months), "USD"
    )
    assert list(reserve.data[0].y) == [100.01, 279.61]


def test_a_bar_drawn_at_the_spike_line_after_rounding_is_coloured_as_the_page_counts_it():
    # 1,249.996 is below 1.25 x the mean of 1,000 (no spike for `metrics`), though drawn to the
    # cent at 1,250.00: its colour follows the exact value
    months = pd.period_range("2025-01", periods=3, freq="M")
    fig = charts.volatility_chart(
        pd.Series([1249.996, 875.002, 875.002], index=months), "USD", mean=1000.0
    )
    assert list(fig.data[0].y) == [1250.0, 875.0, 875.0]
    assert list(fig.data[0].customdata) == ["within ±25% of the mean"] * 3


def test_a_stacked_month_s_hover_gives_its_total():
    # January 900.00 + 50.00 = 950.00; February 450.00 + 0 = 450.00; March 0 + 30.00 = 30.00;
    # a refund month: 100.00 - 120.00 = -20.00 (bars above and below the axis)
    months = pd.period_range("2025-01", periods=4, freq="M")
    monthly = pd.DataFrame(
        {"upwork": [900.0, 450.0, 0.0, 100.0], "mturk": [50.0, 0.0, 30.0, -120.0]}, months
    )
    fig = charts.stacked_monthly(monthly, "USD")
    total = [t for t in fig.data if t.name == "Total"]
    assert len(total) == 1 and total[0].showlegend is False
    assert list(total[0].y) == [950.0, 450.0, 30.0, -20.0]
    assert "Total" in total[0].hovertemplate and "USD" in total[0].hovertemplate
    assert fig.layout.hovermode == "x unified"
    # exact parts of 0.005 each: drawn 0.01 + 0.01, the total is the exact 0.01, not 0.02
    halves = pd.DataFrame({"upwork": [0.005], "mturk": [0.005]}, months[:1])
    assert list(charts.stacked_monthly(halves, "USD").data[-1].y) == [0.01]
    # one group: its bar is its total, no second line in the hover
    alone = charts.stacked_monthly(monthly[["upwork"]], "USD")
    assert [t.name for t in alone.data] == ["Upwork"]
