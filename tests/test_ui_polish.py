"""UI polish seen on a phone and in the dark theme: the reason of a rejected row in view, table
columns wide enough for their text, a remove button that says what it removes, percent ticks
that do not repeat, chart colours readable on both backgrounds, no chart of a tax of nothing,
and a plain message for a JSON file that is not an MTurk page.

Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import itertools
import json
import math
import textwrap
import tomllib

import numpy as np
import pandas as pd
import pytest
from conftest import REPO
from streamlit.testing.v1 import AppTest

from analytics import charts

# st.dataframe's named column widths, in pixels
NAMED_WIDTHS = {"small": 75, "medium": 200, "large": 400}
# Source Sans at the tables' 14 px takes at most about 7 pixels a character (measured in
# Chromium: 6.3-6.9 over the layout names), plus 8 pixels of padding on each side of a cell
CHAR_PIXELS, PADDING = 7, 16
LAPTOP_TABLE_PIXELS = 820  # the home page's content at a 1280-pixel window with the sidebar

# A PayPal activity download of two payments and a row of a type PayPal does not document.
PAYPAL = textwrap.dedent(
    """\
    "Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID","Item Title","Reference Txn ID","Invoice Number","Balance","Subject","Note","Balance Impact"
    "1/10/2025","09:00:00","PST","Acme","Website Payment","Completed","USD","100.00","-3.98","96.02","a@acme.example","me@example.com","1AAAAAAAAAAAAAAAA","Logo","","","96.02","","","Credit"
    "1/20/2025","09:00:00","PST","Some Shop","Your best supplier","Completed","USD","12.00","0.00","12.00","","","2BBBBBBBBBBBBBBBB","","","","108.02","","","Credit"
    "2/10/2025","09:00:00","PST","Acme","Website Payment","Completed","USD","200.00","-7.47","192.53","a@acme.example","me@example.com","3CCCCCCCCCCCCCCCC","Logo","","","300.55","","","Credit"
    """
).encode()
# The row of PayPal's "Your best supplier" type: the reason GigLens gives
UNKNOWN_TYPE_REASON = (
    "unknown PayPal transaction type 'Your best supplier', not imported: GigLens cannot tell if "
    "it is income, a fee or a withdrawal. If it is income, add it with the GigLens template"
)


@pytest.fixture(autouse=True)
def giglens_home(tmp_path, monkeypatch):
    """Remembered mappings in a temporary folder; "today" is 1 July 2025 (as in test_app)."""
    monkeypatch.setenv("GIGLENS_HOME", str(tmp_path / "giglens-home"))
    monkeypatch.setenv("GIGLENS_TODAY", "2025-07-01")
    return tmp_path / "giglens-home"


def upload(*files: tuple[str, bytes, str]) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    at.file_uploader[0].set_value(list(files))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def column_widths(table) -> dict[str, int | None]:
    """A shown st.dataframe's column widths in pixels (None: not set)."""
    config = json.loads(table.proto.columns) if table.proto.columns else {}
    widths = {}
    for column in table.value.columns:
        width = config.get(column, {}).get("width")
        widths[column] = NAMED_WIDTHS.get(width, width)
    return widths


def needed(text: str) -> int:
    return CHAR_PIXELS * len(text) + PADDING


# 1. The rejected (and skipped) rows: the reason before the raw row, in a wide column.


def test_the_reason_of_a_rejected_row_comes_before_the_raw_row_and_is_read_whole():
    at = upload(("Download.CSV", PAYPAL, "text/csv"))
    [rejected] = [d for d in at.dataframe if "reason" in d.value.columns]
    # on a phone only the first columns are in view: the reason second, the long raw row last
    assert list(rejected.value.columns) == ["row", "reason", "raw"]
    assert rejected.value["reason"].tolist() == [UNKNOWN_TYPE_REASON]
    widths = column_widths(rejected)
    # at least "large" (400), and as many of its 177 characters as 720 pixels hold (the
    # whole text shows on hover): 7 x 177 + 16 = 1,255 pixels would be too wide for the page
    assert len(UNKNOWN_TYPE_REASON) == 177
    assert widths["reason"] == 720 < needed(UNKNOWN_TYPE_REASON)


def test_skipped_rows_show_their_reason_before_the_raw_row_too():
    # the template's "pending" kind is skipped on purpose, with its reason
    template = textwrap.dedent(
        """\
        date,platform,kind,gross,fee,net,currency,hours,client,description,reference
        2025-01-10,upwork,earning,100.00,10.00,90.00,USD,,Acme,Website,U1
        2025-01-11,upwork,pending,50.00,5.00,45.00,USD,,Acme,Website,U2
        """
    ).encode()
    at = upload(("earnings.csv", template, "text/csv"))
    [skipped] = [d for d in at.dataframe if "reason" in d.value.columns]
    assert list(skipped.value.columns) == ["row", "reason", "raw"]
    assert skipped.value["row"].tolist() == [3]  # the header is row 1
    assert column_widths(skipped)["reason"] >= 400


# 2. The import report's layout column, and the published fee schedules.


def test_the_import_report_leaves_the_layout_room_on_a_laptop():
    at = upload(("Download.CSV", PAYPAL, "text/csv"))
    [report] = [d for d in at.dataframe if "Layout" in d.value.columns]
    row = report.value.iloc[0]
    assert (row["File"], row["Platform"], row["Layout"]) == (
        "Download.CSV",
        "PayPal",
        "PayPal activity download",
    )
    widths = column_widths(report)
    # "PayPal activity download" is 24 characters: 7 x 24 + 16 = 184 pixels at least
    assert widths["Layout"] >= needed("PayPal activity download") == 184
    # and every column in view at a laptop's width: a "medium" file (200) and platform (200)
    # beside the four counts (4 x 75) and a "large" layout (400) made 1,100 pixels, which put
    # the layout's name out of the table
    assert all(w is not None for w in widths.values()), widths
    assert sum(widths.values()) <= LAPTOP_TABLE_PIXELS, widths


def test_the_published_fee_schedules_wrap_instead_of_cutting_rules_and_fees():
    at = upload(("Download.CSV", PAYPAL, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    assert not at.exception
    [schedules] = [d for d in at.dataframe if "Rule" in d.value.columns]
    assert schedules.proto.row_height > 64  # st.dataframe wraps text only in taller rows
    lines = (schedules.proto.row_height - PADDING) // 18  # about 18 pixels a line of text
    assert lines >= 3
    widths = column_widths(schedules)
    for column in ("Rule", "Fixed fee", "Minimum"):
        assert widths[column] is not None, column
        # each cell in the lines of its row: characters per line x lines
        per_line = (widths[column] - PADDING) // CHAR_PIXELS
        longest = max(len(str(v)) for v in schedules.value[column])
        assert longest <= per_line * lines, (column, longest, per_line)
    # PayPal's fixed fees in five currencies: "USD 0.49, EUR 0.39, GBP 0.39, CAD 0.59,
    # AUD 0.59" is 48 characters, cut at "USD 0.49, E" before
    fixed = schedules.value.set_index("Platform").loc["PayPal", "Fixed fee"]
    assert len(fixed) == 48


# 3. The remove button in a file's panel says what it removes.


def test_a_files_own_panel_offers_to_remove_this_file():
    at = upload(("Download.CSV", PAYPAL, "text/csv"))
    labels = [b.label for b in at.button if b.key.startswith("giglens.remove.")]
    # the file's panel (its rejected row) has one; the chooser's button is there only once a
    # file is chosen in "Remove an imported file"
    assert labels == ["Remove this file"]
    at.selectbox(key="giglens.remove.choice").set_value(
        at.selectbox(key="giglens.remove.choice").options[0]
    ).run()
    chosen = [b for b in at.button if b.key.startswith("giglens.remove.chosen.")]
    assert [b.label for b in chosen] == ["Remove"]  # beside "Remove an imported file"
    [panel] = [b for b in at.button if b.label == "Remove this file"]
    panel.click().run()
    assert not [d for d in at.dataframe if "Layout" in d.value.columns]  # the file is gone


# 4. Percent axes: no two ticks read the same.


def d3_percent(value: float, tickformat: str) -> str:
    """What Plotly writes for `value` with a ".N%" or ".N~%" tick format (d3-format)."""
    trim = "~" in tickformat
    decimals = int(tickformat.strip(".~%"))
    text = f"{value * 100:.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def plotly_ticks(low: float, high: float) -> list[list[float]]:
    """The tick sets Plotly may draw on an axis from `low` to `high`: a step of 1, 2 or 5 times
    a power of ten, at least (high - low) / 10 (at most about ten ticks on these charts)."""
    span = high - low
    sets = []
    for power in range(-6, 2):
        for base in (1, 2, 5):
            step = base * 10.0**power
            if step < span / 10 or step > span:
                continue
            first = math.ceil(low / step - 1e-9)
            sets.append([k * step for k in range(first, int(math.floor(high / step + 1e-9)) + 1)])
    return sets


def assert_distinct_ticks(tickformat: str, low: float, high: float) -> None:
    for ticks in plotly_ticks(low, high):
        labels = [d3_percent(t, tickformat) for t in ticks]
        assert len(set(labels)) == len(labels), (tickformat, labels)


def test_fee_rate_ticks_every_half_percent_read_apart():
    # rates of 2.9%, 1.2% and 0%: an axis from 0 to 2.9%, with ticks every 0.5% it read
    # "0% 1% 1% 2% 2% 3%" with ".0%"
    fees = pd.DataFrame(
        {"fees": [29.0, 12.0, 0.0], "fee_rate": [0.029, 0.012, 0.0]},
        index=["paypal", "stripe", "mturk"],
    )
    fig = charts.fee_chart(fees, "USD", published=pd.Series({"paypal": 0.0349}))
    tickformat = fig.layout.yaxis.tickformat
    # the published 3.49% is the top: ticks every 0.5% from 0 to 3.49%
    assert [d3_percent(t, tickformat) for t in (0, 0.005, 0.01, 0.015)] == [
        "0%",
        "0.5%",
        "1%",
        "1.5%",
    ]
    assert_distinct_ticks(tickformat, 0.0, 0.0349)


@pytest.mark.parametrize(
    "rates",
    [
        [0.011, 0.018, 0.029, 0.024],  # 1.1% to 2.9%
        [0.041, 0.044, 0.047, 0.043],  # 4.1% to 4.7%
        [0.10, 0.35, 0.20, 0.50],  # 10% to 50%
        [0.0411, 0.0412, 0.0414, 0.0413],  # 4.11% to 4.14%
    ],
)
def test_rate_lines_by_platform_and_alone_have_distinct_ticks(rates):
    months = pd.period_range("2025-01", periods=4, freq="M")
    frame = pd.DataFrame({"paypal": rates, "upwork": rates}, index=months)
    by_platform = charts.lines_by_group(frame, title="t", y_title="Fee rate", percent=True)
    # rate lines start at 0
    assert by_platform.layout.yaxis.rangemode == "tozero"
    assert_distinct_ticks(by_platform.layout.yaxis.tickformat, 0.0, max(rates))
    alone = charts.ratio_line(pd.Series(rates, index=months), title="t", y_title="Fee rate")
    assert_distinct_ticks(alone.layout.yaxis.tickformat, 0.0, max(rates))


# 5. Every colour drawn as a line or a bar is readable on the light and the dark background.


def _theme_backgrounds() -> dict[str, str]:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    theme = config.get("theme", {})
    return {
        "light": theme.get("light", {}).get("backgroundColor", "#FFFFFF"),
        "dark": theme.get("dark", {}).get("backgroundColor", "#0E1117"),  # Streamlit's own dark
    }


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_wcag_contrast_by_hand():
    # white on black 21:1; the dark theme's #0F1419 on white: 1.05 / (0.0067 + 0.05) = 18.5
    assert round(contrast("#FFFFFF", "#000000"), 2) == 21.0
    assert round(contrast("#0F1419", "#FFFFFF"), 1) == 18.5
    # the old colours the brief names: Uber's black on the dark background, Gumroad's yellow
    # on white, Toptal's indigo on the dark background
    assert round(contrast("#000000", "#0F1419"), 2) == 1.13
    assert round(contrast("#F0E442", "#FFFFFF"), 2) == 1.32
    assert round(contrast("#332288", "#0F1419"), 2) == 1.52


def _line_colours() -> dict[str, str]:
    """Every colour a chart draws data in: platforms, streams, the fallback for other names,
    the volatility chart's bars and lines, and the tax reserve's lines."""
    colours = {f"platform {k}": v for k, v in charts.PLATFORM_COLORS.items()}
    colours |= {f"stream {k}": v for k, v in charts.STREAM_COLORS.items()}
    colours |= {f"fallback {i}": v for i, v in enumerate(charts.FALLBACK_COLORS)}
    for name in ("MEAN_COLOR", "FLOOR_COLOR", "SPIKE_COLOR", "DIP_COLOR", "NORMAL_COLOR"):
        colours[name] = getattr(charts, name)
    months = pd.period_range("2025-01", periods=3, freq="M")
    plan = pd.DataFrame({name: [1.0, 2.0, 3.0] for name in "abcde"}, index=months)
    for trace in charts.reserve_chart(plan, "USD").data:
        colours[f"reserve line {trace.name}"] = trace.line.color
    fig = charts.volatility_chart(pd.Series([1.0, 2.0, 3.0], index=months), "USD", mean=2, p10=1)
    for trace in fig.data:
        if trace.type == "scatter":
            colours[f"volatility line {trace.name}"] = trace.line.color
    return colours


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_chart_colour_has_3_to_1_contrast_on_both_backgrounds(theme):
    background = _theme_backgrounds()[theme]
    low = {
        name: round(contrast(colour, background), 2)
        for name, colour in _line_colours().items()
        if contrast(colour, background) < 3.0
    }
    assert not low, f"below 3:1 on {theme} {background}: {low}"


def test_the_backgrounds_are_the_ones_the_app_uses():
    assert _theme_backgrounds() == {"light": "#FFFFFF", "dark": "#0F1419"}


def test_platform_colours_stay_apart_from_each_other():
    # CIE76 distance in CIELAB of at least 20 between any two platforms (10 is the
    # colour-blind test in test_charts); a colour used twice would be 0
    def lab(hex_colour: str) -> np.ndarray:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

        def f(t):
            return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

        return np.array([116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))])

    for (a, ca), (b, cb) in itertools.combinations(charts.PLATFORM_COLORS.items(), 2):
        assert np.linalg.norm(lab(ca) - lab(cb)) >= 19.5, (a, b)


# 6. The tax reserve over the year: no chart of a tax of nothing.


def _reserve_charts(at: AppTest) -> list[dict]:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [s for s in specs if "Tax reserve over the year" in json.dumps(s["layout"]["title"])]


@pytest.mark.parametrize("jurisdiction", ["UK", "DE"])
def test_no_tax_for_the_year_says_so_instead_of_a_flat_chart(jurisdiction):
    # £/€ 200 in April, May and June 2025: 600 in three months, 2,400 projected for the year,
    # far under the UK personal allowance (£12,570; the £1,000 trading allowance first) and
    # the German basic allowance (€12,096 in 2025): no tax at all
    currency = {"UK": "GBP", "DE": "EUR"}[jurisdiction]
    rows = "\n".join(
        f"2025-0{m}-10,upwork,earning,200.00,0.00,200.00,{currency},,Acme,Work,T{m}"
        for m in (4, 5, 6)
    )
    data = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
    at = upload(("small.csv", (data + rows + "\n").encode(), "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value(jurisdiction).run()
    assert not at.exception, [e.message for e in at.exception]
    assert _reserve_charts(at) == []
    said = [i.value for i in at.info]
    assert any(s.startswith("No tax to set aside for this income") for s in said), said


def test_a_year_with_tax_still_draws_the_reserve_chart():
    # £5,000 a month from April: 15,000 in three months, 60,000 projected: income tax and
    # Class 4 contributions well above nothing
    rows = "\n".join(
        f"2025-0{m}-10,upwork,earning,5000.00,0.00,5000.00,GBP,,Acme,Work,T{m}" for m in (4, 5, 6)
    )
    data = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
    at = upload(("big.csv", (data + rows + "\n").encode(), "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    at.selectbox(key="giglens.w.jurisdiction").set_value("UK").run()
    assert len(_reserve_charts(at)) == 1
    assert not [i for i in at.info if i.value.startswith("No tax to set aside")]


# 7. A JSON file that is not an MTurk page: the loader's plain message, no column mapping.


@pytest.mark.parametrize(
    "document",
    [
        {"transactions": [{"date": "2025-01-01", "amount": 10}]},
        # two top-level keys looked like two columns: the mapping form was offered
        {"date": "2025-01-01", "amount": 10},
    ],
)
def test_a_json_file_that_is_not_an_mturk_page_gets_the_plain_message(document):
    from analytics import UnknownFormat, load_export

    data = json.dumps(document).encode()
    with pytest.raises(UnknownFormat) as raised:
        load_export(data, filename="data.json")
    at = upload(("data.json", data, "application/json"))
    errors = [e.value for e in at.error]
    assert errors == [str(raised.value)]
    assert "MTurk" in errors[0] and "JSON" in errors[0]
    assert not any("needs one row per payment" in e for e in errors)
    assert not [s for s in at.selectbox if s.label == "Date *"]  # no column mapping form


def test_the_month_by_month_set_aside_is_aligned_like_the_amounts_beside_it():
    """'Set aside this month' holds text ("12.34" or "release 5.00"), which a table puts on the
    left: it is aligned right, as Income and Reserve needed are."""
    at = upload(("Download.CSV", PAYPAL, "text/csv"))
    at.switch_page("pages/6_Tax_reserve.py").run()
    assert not at.exception
    [plan] = [d for d in at.dataframe if "Set aside this month" in d.value.columns]
    config = json.loads(plan.proto.columns)
    assert config["Set aside this month"]["alignment"] == "right"


def test_the_fee_table_fits_a_laptop_with_short_labels_explained_on_hover():
    """Seven columns with their full names took 850 pixels and hid the last one ("Above the
    schedu..."); short labels with the full meaning as a tooltip keep every column in view."""
    at = upload(("Download.CSV", PAYPAL, "text/csv"))
    at.switch_page("pages/3_Fees.py").run()
    assert not at.exception
    [fees] = [d for d in at.dataframe if "Above the schedule" in d.value.columns]
    config = json.loads(fees.proto.columns)
    assert config["Above the schedule"]["label"] == "Above?"
    assert "only by currency conversions" in config["Above the schedule"]["help"]
    widths = column_widths(fees)
    assert all(w is not None for w in widths.values()), widths
    assert sum(widths.values()) <= LAPTOP_TABLE_PIXELS, widths


def test_money_is_rounded_half_away_from_zero_as_a_spreadsheet_shows_it():
    """728.455 (a converted amount; the float is 728.45499999999998) shows as 728.46, as
    Excel shows the same number with two decimals; -1.005 as -1.01; a speck of -0.004 as
    0.00 without a sign."""
    from analytics.schema import format_money

    assert format_money(728.455, "GBP") == "£728.46"
    assert format_money(-1.005, "USD") == "-$1.01"
    assert format_money(-0.004, "USD") == "$0.00"
    assert format_money(2.675, "CHF") == "2.68 CHF"


def test_long_amounts_take_fewer_metrics_to_a_row_so_none_is_cut():
    """A 1280-pixel window holds four metric values of ten characters to a row ("$12,345.67"):
    the Tax reserve page's four figures in Canadian dollars (13 characters: "40,536.31 CAD")
    go two to a row; the Volatility page's eight in dollars stay four to a row, in CAD (12
    characters, "3,390.36 CAD") three to a row: 3 + 3 + 2 (as 8 / 3 rows, rounded up)."""
    from giglens_ui.page import CARD_ROW_CHARS, metric_layout

    tax_reserve = ["40,536.31 CAD", "44,221.42 CAD", "11,055.36 CAD", "25.0%"]
    assert metric_layout(tax_reserve, 4) == [2, 2]
    assert metric_layout(["$40,536.31", "$44,221.42", "$11,055.36", "25.0%"], 4) == [4]
    volatility = ["$3,390.36", "30%", "53%", "2 / 4", "$2,182.55", "-56%", "$4,353.65", "18"]
    assert metric_layout(volatility, 8) == [4, 4]
    in_cad = [v.replace("$", "") + " CAD" if "$" in v else v for v in volatility]
    assert metric_layout(in_cad, 8) == [3, 3, 3]  # the last row's third column stays empty
    # the Overview's three: "161,026.47 CAD" (14 characters) is too long for a third of a row
    assert metric_layout(["61,026.47 CAD", "4,296.92 CAD", "49.79 CAD"], 3) == [3]
    assert metric_layout(["161,026.47 CAD", "4,296.92 CAD", "49.79 CAD"], 3) == [2, 2]
    # the stream cards' padding: four cards of "$28,224.45" (10 characters) are too wide
    assert metric_layout(["$28,224.45"] * 4, 4, CARD_ROW_CHARS) == [2, 2]
    assert metric_layout(["$2,224.45"] * 4, 4, CARD_ROW_CHARS) == [4]
    assert metric_layout([], 0) == []
