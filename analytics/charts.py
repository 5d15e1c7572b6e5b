"""Plotly figure builders for the dashboard: pure functions, no Streamlit.

Every builder takes plain pandas data (documented per function) and a currency code, and returns
a `plotly.graph_objects.Figure`. Colours come from one palette map so a platform or stream has
the same colour on every page; money is shown with its currency on the axis and in the hover.
Backgrounds are transparent so the figures read in Streamlit's light and dark themes.
"""

from __future__ import annotations

import math
import zlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.schema import CURRENCY_SYMBOLS, PLATFORM_NAMES, cents_half_up, to_cents_half_up

# Mid-tone colours that stay readable on white and on the dark theme's background (#0F1419):
# each has a WCAG contrast of at least 3:1 against both (relative luminance 0.13 to 0.28), so
# no platform is near-black (invisible in the dark theme) or pale yellow (invisible on white).
# The platforms seen together most (and the streams) take the Okabe-Ito hues, which stay apart
# for colour-blind readers (red-green especially), darkened or lightened into that band;
# stacked bars also get a thin outline between segments.
PLATFORM_COLORS: dict[str, str] = {
    "mturk": "#CB7D00",  # orange
    "upwork": "#009E73",  # bluish green
    "paypal": "#0072B2",  # blue
    "stripe": "#C674A2",  # reddish purple
    "etsy": "#B5400B",  # vermillion, darkened: apart from MTurk's orange for deuteranopes
    "gumroad": "#99912D",  # olive yellow
    "payoneer": "#84662A",  # brown
    "toptal": "#6653CE",  # indigo
    "cashapp": "#02A338",  # Cash App green, apart from Upwork's bluish green
    "uber": "#6D665B",  # warm dark grey (Uber's black disappears on a dark background)
    "fiverr": "#0093F0",  # azure
    "freelancer": "#8D5871",  # plum
    "clickworker": "#AD494A",
    "prolific": "#7570B3",
    "toggl": "#AA4499",
    "clockify": "#95905A",  # khaki
    "generic": "#6E7D8F",  # slate grey
}
STREAM_COLORS: dict[str, str] = {
    "micro": PLATFORM_COLORS["mturk"],
    "freelance": PLATFORM_COLORS["paypal"],
    "sales": PLATFORM_COLORS["etsy"],
    "other": "#808080",
}
STREAM_NAMES: dict[str, str] = {
    "micro": "Micro jobs",
    "freelance": "Freelance",
    "sales": "Sales",
    "other": "Other",
}
# Tableau's ten without its grey, the light ones darkened into the same band as the platforms
FALLBACK_COLORS = (
    "#1F77B4",
    "#DB6D0C",
    "#2CA02C",
    "#D62728",
    "#9467BD",
    "#8C564B",
    "#CB6BAE",
    "#8F901A",
    "#139AA8",
)
MEAN_COLOR = "#7F7F7F"
FLOOR_COLOR = "#6653CE"  # indigo: apart from the spike, dip and normal bars
SPIKE_COLOR = "#009E73"
DIP_COLOR = "#D55E00"
NORMAL_COLOR = "#4E79A7"


def color_for(name: str, palette: dict[str, str] | None = None) -> str:
    """The colour of a platform, stream or client: from `palette`, else a stable hash pick."""
    palette = palette if palette is not None else {**PLATFORM_COLORS, **STREAM_COLORS}
    key = str(name)
    if key in palette:
        return palette[key]
    return FALLBACK_COLORS[zlib.crc32(key.encode("utf-8")) % len(FALLBACK_COLORS)]


def label_for(name: str) -> str:
    """Display name of a platform id or stream id; an id of a platform typed by the user
    (`kunden_direkt`) as its words, capitalised ("Kunden Direkt")."""
    key = str(name)
    known = PLATFORM_NAMES.get(key) or STREAM_NAMES.get(key)
    if known:
        return known
    return " ".join(word[:1].upper() + word[1:] for word in key.split("_")) if key else key


def money_format(currency: str) -> tuple[str, str]:
    """(tick prefix, tick suffix) for an axis in `currency`: "$" for USD, " CHF" otherwise."""
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return (symbol, "") if symbol else ("", f" {currency.upper()}")


def _hover_money(currency: str, value: str = "%{y:,.2f}") -> str:
    return f"{value} {currency.upper()}"


def _cents(values) -> np.ndarray:
    """Money drawn to the cent, half away from zero as the pages write it: the hover of a month
    of 7,021.5549999 (a converted sum) reads 7,021.56, as the page's text beside it, not the
    7,021.55 Plotly's own rounding of the float gives."""
    return cents_half_up(np.asarray(values, dtype="float64"))


def money_text(value: float, currency: str) -> str:
    """1234.5 in USD -> "$1,234.50"; in CHF -> "1,234.50 CHF" (as on the axes)."""
    prefix, suffix = money_format(currency)
    if math.isfinite(value):  # rounded as the tables and downloads round (half up)
        value = to_cents_half_up(value)
    sign = "-" if value < 0 else ""
    return f"{sign}{prefix}{abs(value):,.2f}{suffix}"


def _style(fig: go.Figure, *, title: str, y_title: str = "", currency: str | None = None):
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        # below the plot, at the foot of the figure: a legend that wraps onto two lines no
        # longer runs into the title
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "xanchor": "left",
            "x": 0,
        },
        hovermode="x unified",
        height=380,
    )
    fig.update_yaxes(title_text=y_title, gridcolor="rgba(128,128,128,0.25)", zeroline=True)
    fig.update_xaxes(gridcolor="rgba(128,128,128,0.15)")
    if currency:
        prefix, suffix = money_format(currency)
        fig.update_yaxes(tickprefix=prefix, ticksuffix=suffix, tickformat=",.2~f")
    return fig


MAX_Y_TICKS = 10  # Plotly puts at most about ten ticks on a y axis of this height


def percent_tickformat(values, *, from_zero: bool = False) -> str:
    """The tick format of a percent axis over `values` (fractions): as many decimals as the
    steps between ticks need, so that no two ticks read the same ("0% 1% 1% 2%" was a 0-3% axis
    with a tick every 0.5%). Plotly steps by 1, 2 or 5 times a power of ten, at least the
    range ÷ MAX_Y_TICKS; "~" drops the zeros a tick does not need ("1%", "1.5%", not "1.0%").
    `from_zero`: the axis starts at 0 (rangemode "tozero")."""
    finite = np.asarray(values, dtype="float64").ravel()
    finite = finite[np.isfinite(finite)]
    if not len(finite):
        return ".0%"
    low, high = float(finite.min()), float(finite.max())
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or abs(high)  # one value: Plotly draws an axis around it
    if span == 0:
        return ".0%"
    smallest_step = span * 100 / MAX_Y_TICKS  # in percent
    decimals = max(0, math.ceil(-math.log10(smallest_step) - 1e-9))
    return ".0%" if decimals == 0 else f".{decimals}~%"


def _month_x(index: pd.Index) -> pd.DatetimeIndex:
    """Months (PeriodIndex or dates) as first-of-month timestamps for a Plotly x axis."""
    if isinstance(index, pd.PeriodIndex):
        return index.to_timestamp()
    return pd.DatetimeIndex(index)


TICK_STEPS = (1, 2, 3, 6, 12, 24, 60)  # months between x-axis labels
MAX_MONTH_TICKS = 12
NARROW_MONTH_TICKS = 6  # a chart in half the page's width


WEEK_TICK_STEPS = (1, 2, 4, 8, 13, 26, 52)  # weeks between x-axis labels
WEEK_MS = 7 * 24 * 3600 * 1000


def _month_axis(
    fig: go.Figure, months: int = 12, *, most: int = MAX_MONTH_TICKS, weekly: bool = False
) -> go.Figure:
    """Month ticks: every month up to a year of data, then every two months, quarter, half
    year, year...: the smallest step that keeps the labels to `most` or fewer (MAX_MONTH_TICKS;
    NARROW_MONTH_TICKS for a chart half the page wide), so they stay legible. `weekly`: the
    periods are weeks (Monday to Sunday, `months` of them), labelled by their Monday."""
    if weekly:
        step = next((s for s in WEEK_TICK_STEPS if months / s <= most), WEEK_TICK_STEPS[-1])
        fig.update_xaxes(
            tickformat="%-d %b %Y",
            hoverformat="week of %-d %b %Y",
            dtick=step * WEEK_MS,
            tick0="2024-01-01",  # a Monday: ticks on the weeks' first days
            title_text="",
        )
        return fig
    step = next((s for s in TICK_STEPS if months / s <= most), TICK_STEPS[-1])
    fig.update_xaxes(
        tickformat="%b %Y",
        hoverformat="%B %Y",
        dtick=f"M{step}",
        title_text="",
    )
    return fig


def stacked_monthly(
    monthly: pd.DataFrame, currency: str, *, title: str = "Net income per month"
) -> go.Figure:
    """Stacked bars: `monthly` has one row per month (PeriodIndex) and one column per group;
    with two groups or more, the hover also gives each month's total (the sum of the exact
    values, to the cent)."""
    fig = go.Figure()
    x = _month_x(monthly.index)
    for column in monthly.columns:
        fig.add_bar(
            x=x,
            y=_cents(monthly[column]),
            name=label_for(column),
            marker_color=color_for(column),
            marker_line={"width": 0.5, "color": "rgba(255,255,255,0.8)"},
            hovertemplate=_hover_money(currency) + "<extra>" + label_for(column) + "</extra>",
        )
    if len(monthly.columns) > 1:
        # the month's total, read in the same hover as its parts: an unseen point at its height
        fig.add_scatter(
            x=x,
            y=_cents(monthly.sum(axis=1)),
            name="Total",
            mode="markers",
            marker={"size": 0.1, "opacity": 0},
            showlegend=False,
            hovertemplate="<b>" + _hover_money(currency) + "</b><extra>Total</extra>",
        )
    fig.update_layout(barmode="relative")
    _style(fig, title=title, y_title=f"Net income ({currency})", currency=currency)
    return _month_axis(fig, len(monthly))


def amount_bars(
    values: pd.Series,
    currency: str,
    *,
    title: str,
    x_title: str = "",
    percent_of_total: bool = True,
    color: str | None = None,
    total: float | None = None,
    names_as_written: bool = False,
) -> go.Figure:
    """Horizontal bars of money per group (`values` indexed by platform/stream id or client).

    Bars take the group's colour (platform/stream palette) unless one `color` is given (clients,
    which have no colour of their own). Ids are shown by their names (`label_for`); with
    `names_as_written` (clients) the index as written: "buyer@example.com" stays lower case. The share in each label is value ÷ `total` (unless
    given, the sum of the positive values, as the Micro vs freelance page counts shares: a
    stream at a loss takes no share and gives none; pass the whole income when `values` is only
    the top few)."""
    values = values.sort_values()
    total = float(values.clip(lower=0).sum()) if total is None else float(total)
    shares = values / total if total else values * 0.0
    names = [str(v) if names_as_written else label_for(v) for v in values.index]
    labels = short_labels(names)
    text = [  # a negative amount (refunds above income) is no share of the income
        money_text(v, currency)
        + (f" ({share_text(s)})" if percent_of_total and total and v >= 0 else "")
        for v, s in zip(values.to_numpy(), shares.to_numpy())
    ]
    fig = go.Figure(
        go.Bar(
            x=_cents(values),
            y=labels,
            orientation="h",
            marker_color=[color or color_for(v) for v in values.index],
            text=text,
            textposition="auto",
            cliponaxis=False,
            customdata=names,  # the whole name, where the axis shows it shortened
            hovertemplate="%{customdata}: "
            + _hover_money(currency, "%{x:,.2f}")
            + "<extra></extra>",
        )
    )
    _style(fig, title=title)
    prefix, suffix = money_format(currency)
    fig.update_xaxes(
        title_text=x_title or f"Net income ({currency})",
        tickprefix=prefix,
        ticksuffix=suffix,
        tickformat=",.2~f",
    )
    fig.update_layout(hovermode="closest", height=max(220, 90 + 45 * len(values)))
    low, high = min(float(values.min()), 0.0), max(float(values.max()), 0.0)
    if low < 0:  # room left of a negative bar for its label, clear of the group names
        span = high - low
        fig.update_xaxes(range=[low - 0.35 * span, high + 0.35 * span])
    elif high > 0:  # room right of the bars for the labels a short bar holds outside it
        fig.update_xaxes(range=[0, high * 1.35])
    return fig


LABEL_CHARS = 22  # a bar's name on the axis: longer ones take a phone's width from the bars


def short_labels(names: list[str], most: int = LABEL_CHARS) -> list[str]:
    """Names cut to `most` characters with "…" (a long Upwork contract title as a client),
    except where two would then read the same (each bar needs its own name)."""
    cut = [n if len(n) <= most else n[: most - 1].rstrip() + "…" for n in names]
    seen: dict[str, int] = {}
    for label in cut:
        seen[label] = seen.get(label, 0) + 1
    return [c if seen[c] == 1 else n for c, n in zip(cut, names, strict=True)]


def share_text(share: float) -> str:
    """12% / <1%: a small share is not shown as 0%."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{share:.0%}"


def volatility_chart(
    monthly: pd.Series, currency: str, *, mean: float, p10: float | None = None
) -> go.Figure:
    """Monthly income bars (spike months green, dip months red), the mean and the ±25% band
    (weekly bars for a series of weeks, `monthly_income(freq="W")`).

    Spike: y >= 1.25 · mean; dip: y <= 0.75 · mean (the US Financial Diaries thresholds). The
    band is a shape; the mean and the income floor (P10) are lines in the legend and the hover,
    so no label sits on top of the bars.
    """
    x = _month_x(monthly.index)
    # spikes and dips as `analytics.metrics` counts them, on the exact values; drawn to the cent
    status = [
        "spike" if v >= 1.25 * mean else "dip" if v <= 0.75 * mean else "within ±25% of the mean"
        for v in monthly.to_numpy(dtype="float64")
    ]
    values = _cents(monthly)
    colors = {"spike": SPIKE_COLOR, "dip": DIP_COLOR}
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=values,
        name="Net income",
        marker_color=[colors.get(s, NORMAL_COLOR) for s in status],
        customdata=status,
        hovertemplate=_hover_money(currency) + " (%{customdata})<extra>Net income</extra>",
        showlegend=False,
    )
    for name, color in (
        ("Spike: ≥ 25% above the mean", SPIKE_COLOR),
        ("Within ±25%", NORMAL_COLOR),
        ("Dip: ≥ 25% below the mean", DIP_COLOR),
    ):  # legend keys for the bar colours
        fig.add_bar(x=[None], y=[None], name=name, marker_color=color, hoverinfo="skip")
    if pd.notna(mean):
        fig.add_hrect(
            y0=0.75 * mean,
            y1=1.25 * mean,
            fillcolor=MEAN_COLOR,
            opacity=0.15,
            line_width=0,
        )
        _reference_line(
            fig,
            x,
            mean,
            color=MEAN_COLOR,
            dash="dash",
            name=f"Mean {money_text(mean, currency)} (grey band: ±25%)",
            hover_name="mean",
            currency=currency,
        )
    if p10 is not None and pd.notna(p10):
        _reference_line(
            fig,
            x,
            p10,
            color=FLOOR_COLOR,  # not the dips' colour: the line runs over the dip bars
            dash="dot",
            name=f"Income floor (P10) {money_text(p10, currency)}",
            hover_name="income floor",
            currency=currency,
        )
    weekly = _is_weekly(monthly.index)
    title = "Weekly net income" if weekly else "Monthly net income"
    _style(fig, title=title, y_title=f"Net income ({currency})", currency=currency)
    fig.update_layout(barmode="overlay")
    return _month_axis(fig, len(monthly), weekly=weekly)


def _is_weekly(index: pd.Index) -> bool:
    """Whether a PeriodIndex holds weeks (`monthly_income(freq="W")`), not months."""
    return isinstance(index, pd.PeriodIndex) and index.freqstr.startswith("W")


def _reference_line(
    fig: go.Figure, x, y: float, *, color: str, dash: str, name: str, hover_name: str, currency: str
) -> None:
    """A horizontal line at `y` across the plot, plus a line trace so it has a legend entry."""
    fig.add_hline(y=y, line_dash=dash, line_color=color)
    fig.add_scatter(
        x=x,
        y=[to_cents_half_up(y)] * len(x),
        mode="lines",
        line={"color": color, "dash": dash},
        name=name,
        hovertemplate=_hover_money(currency) + f"<extra>{hover_name}</extra>",
    )


def ratio_line(
    series: pd.Series,
    *,
    title: str,
    y_title: str,
    percent: bool = True,
    color: str = NORMAL_COLOR,
    narrow: bool = False,
) -> go.Figure:
    """One line over months (rolling CV, drawdown, a fee rate); `percent` formats y as %;
    `narrow`: drawn half the page wide, with fewer month labels."""
    fig = go.Figure(
        go.Scatter(
            x=_month_x(series.index),
            y=series.to_numpy(dtype="float64"),
            mode="lines+markers",
            line_color=color,
            name=y_title,
            hovertemplate=("%{y:.1%}" if percent else "%{y:,.2f}") + f"<extra>{y_title}</extra>",
        )
    )
    _style(fig, title=title, y_title=y_title)
    values = series.to_numpy(dtype="float64")
    values = values[np.isfinite(values)]
    from_zero = bool(len(values)) and values.min() >= 0
    if percent:
        fig.update_yaxes(tickformat=percent_tickformat(values, from_zero=from_zero))
    if from_zero:  # a rate from 0 up, not from an invented -50%
        fig.update_yaxes(rangemode="tozero")
    most = NARROW_MONTH_TICKS if narrow else MAX_MONTH_TICKS
    return _month_axis(fig, len(series), most=most, weekly=_is_weekly(series.index))


def drawdown_chart(drawdown: pd.Series, narrow: bool = False) -> go.Figure:
    """Drawdown per month: y_t / max_{s<=t} y_s − 1, as a filled area below zero.

    `drawdown` is `analytics.metrics.drawdown(monthly)` (below −1 in a month at a loss);
    `narrow` as in `ratio_line`.
    """
    unit = "week" if _is_weekly(pd.Series(drawdown).index) else "month"
    fig = ratio_line(
        pd.Series(drawdown, dtype="float64"),
        title=f"Drawdown from the best {unit} so far",
        y_title="Drawdown",
        color=DIP_COLOR,
        narrow=narrow,
    )
    # Markers at the first and last month sit on the plot's edge: draw them whole.
    fig.update_traces(fill="tozeroy", cliponaxis=False)
    return fig


LINE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
LINE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def lines_by_group(
    frame: pd.DataFrame,
    *,
    title: str,
    y_title: str,
    percent: bool = False,
    currency: str | None = None,
    narrow: bool = False,
) -> go.Figure:
    """One line per column of `frame` (rows = months): fee rate or income per stream over time,
    on an axis from 0. `narrow`: drawn half the page wide, with fewer month labels."""
    fig = go.Figure()
    x = _month_x(frame.index)
    for n, column in enumerate(frame.columns):
        if percent:
            hover = "%{y:.1%}"
        elif currency:
            hover = _hover_money(currency)
        else:
            hover = "%{y:,.2f}"
        fig.add_scatter(
            x=x,
            y=frame[column].to_numpy(dtype="float64")
            if percent or not currency
            else _cents(frame[column]),
            mode="lines+markers",
            name=label_for(column),
            line_color=color_for(column),
            # a marker shape and dash of its own too: lines told apart without their colour
            marker_symbol=LINE_SYMBOLS[n % len(LINE_SYMBOLS)],
            line_dash=LINE_DASHES[n % len(LINE_DASHES)],
            hovertemplate=hover + "<extra>" + label_for(column) + "</extra>",
        )
    _style(fig, title=title, y_title=y_title, currency=None if percent else currency)
    # from 0: a fee rate going from 4.4% to 7.0% is no collapse and spike
    fig.update_yaxes(rangemode="tozero")
    if percent:
        fig.update_yaxes(
            tickformat=percent_tickformat(frame.to_numpy(dtype="float64"), from_zero=True)
        )
    return _month_axis(fig, len(frame), most=NARROW_MONTH_TICKS if narrow else MAX_MONTH_TICKS)


def fee_chart(fees: pd.DataFrame, currency: str, published: pd.Series | None = None) -> go.Figure:
    """Fee rate per platform as bars, with the published rate as a marker where known.

    `fees` is indexed by platform with columns `fees` and `fee_rate` (fees / payments' gross);
    `published` maps platform -> the published headline rate (a fraction).
    """
    labels = [label_for(p) for p in fees.index]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=fees["fee_rate"].to_numpy(dtype="float64"),
        # one colour, so the legend's swatch stands for every bar (the x axis names them)
        marker_color=NORMAL_COLOR,
        name="Your effective fee rate",
        customdata=_cents(fees["fees"]),
        text=[f"{r:.1%}" if pd.notna(r) else "" for r in fees["fee_rate"]],
        textposition=_zero_outside(fees["fee_rate"]),
        hovertemplate="%{x}: %{y:.2%} of gross<br>fees "
        + _hover_money(currency, "%{customdata:,.2f}")
        + "<extra></extra>",
    )
    if published is not None:
        pub = published.reindex(fees.index)
        if pub.notna().any():
            fig.add_bar(
                x=labels,
                y=pub.to_numpy(dtype="float64"),
                marker_color=MEAN_COLOR,
                name="Published max",
                text=[f"{r:.1%}" if pd.notna(r) else "no schedule" for r in pub],
                textposition=_zero_outside(pub),
                hovertemplate="%{x}: the most its published fees allow, %{y:.1%}<extra></extra>",
            )
    _style(fig, title="Effective fee rate by platform", y_title="Fees ÷ payments")
    rates = [fees["fee_rate"].to_numpy(dtype="float64")]
    if published is not None:
        rates.append(published.reindex(fees.index).to_numpy(dtype="float64"))
    fig.update_yaxes(
        tickformat=percent_tickformat(np.concatenate(rates), from_zero=True), rangemode="tozero"
    )
    fig.update_layout(hovermode="closest", barmode="group")
    return fig


def _zero_outside(rates: pd.Series) -> list[str]:
    """Text position per bar: a bar of 0 (MTurk keeps nothing) has no room inside for its
    "0.0%", so it is written above the axis instead of leaving an empty slot."""
    return ["outside" if r == 0 or pd.isna(r) else "auto" for r in rates]


def hourly_chart(
    rates: pd.DataFrame, currency: str, *, title: str, color: str | None = None
) -> go.Figure:
    """Bars of effective hourly rate per group: `rates` indexed by group with `hourly` and
    `hourly_incl_unpaid` (net / hours and net / (hours × (1 + unpaid overhead))).

    The second bar is drawn only where unpaid time changes the rate. Bars take the group's
    colour unless one `color` is given (clients, which have no colour of their own)."""
    labels = [label_for(g) for g in rates.index]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=_cents(rates["hourly"]),
        name="Paid hours only",
        marker_color=[color or color_for(g) for g in rates.index],
        hovertemplate="%{x}: " + _hover_money(currency) + " per hour<extra>paid hours</extra>",
    )
    with_unpaid = rates.get("hourly_incl_unpaid")
    if (
        with_unpaid is not None
        and not ((with_unpaid - rates["hourly"]).abs().fillna(0.0) < 0.005).all()
    ):
        fig.add_bar(
            x=labels,
            y=_cents(rates["hourly_incl_unpaid"]),
            name="Including unpaid time",
            marker_color=MEAN_COLOR,
            hovertemplate="%{x}: "
            + _hover_money(currency)
            + " per hour<extra>incl. unpaid time</extra>",
        )
    fig.update_layout(barmode="group", hovermode="closest")
    _style(fig, title=title, y_title=f"{currency} per hour", currency=currency)
    fig.update_yaxes(tickformat=",.2f")
    return fig


def reserve_chart(plan: pd.DataFrame, currency: str, dashed: tuple[str, ...] = ()) -> go.Figure:
    """Lines over months from a reserve plan: each column of `plan` (money, cumulative) is a line.

    Expected columns (any subset): income so far, projected annual tax, reserve needed,
    reserve set aside; their names are used as legend labels. Columns in `dashed` are drawn
    dashed (a line that may lie on top of another stays visible).
    """
    # Okabe-Ito hues (as the platforms'): blue, vermillion, green, orange, grey
    palette = ["#0072B2", "#B5400B", "#009E73", "#CB7D00", "#808080"]
    fig = go.Figure()
    x = _month_x(plan.index)
    for i, column in enumerate(plan.columns):
        fig.add_scatter(
            x=x,
            y=_cents(plan[column]),
            mode="lines+markers",
            name=str(column),
            line={
                "color": palette[i % len(palette)],
                "dash": "dash" if column in dashed else "solid",
            },
            hovertemplate=_hover_money(currency) + f"<extra>{column}</extra>",
        )
    _style(fig, title="Tax reserve over the year", y_title=currency, currency=currency)
    values = plan.to_numpy(dtype="float64")
    if np.isfinite(values).any() and np.nanmin(values) >= 0:
        fig.update_yaxes(rangemode="tozero")  # a reserve from nothing up: 0 in view
    return _month_axis(fig, len(plan))
