"""What every page does first: page config, sidebar, empty states, currency, cached analytics."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from analytics.fees import FEELESS_LAYOUTS
from analytics.metrics import and_list, distinct_text
from analytics.schema import INCOME_KINDS, format_money
from analytics.tax.params import stand_in_year, year_label
from analytics.tax.profile import TaxProfile
from giglens_ui import sidebar, state
from giglens_ui.filters import Filters, apply_filters

HOME = "app.py"
STATED_RATES = "Exchange rates you state"  # the sidebar's box (sidebar.stated_rates_input)
ROW_PIXELS = 35  # st.dataframe's row height
# A row height at which st.dataframe wraps text (it does above 64 pixels): three lines
WRAPPED_ROW_PIXELS = 70
MAX_FULL_ROWS = 30
TAX_NOTE = "Estimate, not tax advice"


def configure(title: str, icon: str = "📊") -> None:
    """`st.set_page_config`, which must be the first Streamlit call of a page."""
    st.set_page_config(page_title=f"{title} · GigLens", page_icon=icon, layout="wide")


@st.cache_data(show_spinner=False, max_entries=32)
def _converted(
    key: str, base: str, _data: pd.DataFrame, stated_rates: str = ""
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The table in `base` currency, notes on how it was converted, and problems: rows without
    an ECB rate or a rate the user stated (`stated_rates`, as written in the sidebar) are set
    aside and reported."""
    from analytics.currency import (
        all_in,
        not_converted,
        parse_stated_rates,
        rate_sources,
        to_base_currency,
    )

    if not all_in(_data, base):
        stated, _unreadable = parse_stated_rates(stated_rates)  # said in the sidebar
        out = to_base_currency(_data, base=base, stated=stated)
        still = out["currency"].astype(str).str.upper()
        unconverted = not_converted(out, base)
        messages = list(out.attrs.get("fx_messages", []))
        # The converter's messages about rows it could not convert explain the warning; the
        # others (weekend dates priced at the previous rate) are routine footnotes.
        reasons = [m for m in messages if "not converted" in m]
        notes = [m for m in messages if m not in reasons]
        problems = []
        if unconverted.any():
            missing = sorted(distinct_text(still[unconverted.to_numpy()]))
            why = "; ".join(reasons) or (
                f"{int(unconverted.sum()):,} row(s) could not be converted to {base}"
            )
            from analytics.currency import supported_currencies

            no_ecb = [c for c in missing if c not in supported_currencies()]
            problems.append(
                f"Left out of the figures below: {why}. "
                + (
                    f"To count them with the rest, state the rate you were paid at under "
                    f"“{STATED_RATES}” in the sidebar: a line “1 {base} = … {no_ecb[0]}” "
                    f"with how many {no_ecb[0]} one {base} was worth. Choosing {' or '.join(missing)} under “Show amounts in” "
                    "shows them instead of the rows in other currencies."
                    if no_ecb
                    else f"Choose {' or '.join(missing)} under “Show amounts in” to include them."
                )
            )
        if converted := converted_rows_note(out, base):
            notes.insert(0, converted)
        out = out[~unconverted.to_numpy()]
        # The conversion's own columns stay: the fee check works out each payment's published
        # fee in its original currency; the downloads show the rate and its ECB day.
        conversion = ("original_currency", "original_gross", "fx_rate", "fx_date", "fx_note")
        kept = [*_data.columns, *(c for c in conversion if c in out)]
        out = out[kept]
        out.attrs["fx_sources"] = rate_sources(out)
        return out, notes, problems
    return _data, [], []


@st.cache_data(show_spinner=False, max_entries=512)
def _call(fn_path: str, key: str, kwargs_key: str, _table: pd.DataFrame, _kwargs: dict):
    # `key` identifies `_table` (session data + filters), `kwargs_key` the arguments.
    module, name = fn_path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(_table, **_kwargs)


@dataclass
class PageData:
    """The filtered table of a page in one currency, and how to run cached analytics on it."""

    table: pd.DataFrame
    currency: str
    filters: Filters
    key: str

    @property
    def profile(self) -> TaxProfile:
        return self.filters.tax

    @property
    def income(self) -> pd.DataFrame:
        return self.table[self.table["kind"].isin(INCOME_KINDS)]

    def months(self) -> int:
        """Calendar months spanned by the income rows (first to last, inclusive)."""
        dates = self.income["date"]
        if dates.empty:
            return 0
        first, last = dates.min().to_period("M"), dates.max().to_period("M")
        return (last - first).n + 1

    def call(
        self,
        fn_path: str,
        currency: str | None = None,
        whole_table: bool = False,
        all_dates: bool = False,
        **kwargs,
    ):
        """`fn(table, **kwargs)` for "module.function", cached on the data and the arguments;
        with `currency`, on the page's rows in that currency (e.g. the tax's); with
        `whole_table`, on every row whatever the sidebar's filters (see `converted_to`); with
        `all_dates`, on the rows of the sidebar's platforms and streams over every date, the
        sidebar's date range passed as `start` and `end`: for the functions that match hours
        to the payments they were paid by (`analytics.hours`), so a month's hours and rate do
        not change with the date range around it."""
        currency = currency or self.currency
        if all_dates:
            undated = dataclasses.replace(self.filters, start=None, end=None)
            data, _notes, _problems = _converted(
                state.data_signature(), currency, state.data(), self.filters.stated_rates
            )
            kwargs = {**kwargs, "start": self.filters.start, "end": self.filters.end}
            key = f"{state.data_signature()}|{undated.key()}|{currency}|all dates"
            table = apply_filters(data, undated)
            return _call(fn_path, key, repr(sorted(kwargs.items())), table, kwargs)
        if currency == self.currency and not whole_table:
            return _call(fn_path, self.key, repr(sorted(kwargs.items())), self.table, kwargs)
        table = converted_to(self, currency, whole_table=whole_table)
        # the whole table's key: every row, converted with the rates the user stated
        whole = f"{state.data_signature()}|whole|{self.filters.stated_rates}"
        key = whole if whole_table else self.key
        return _call(fn_path, f"{key}|{currency}", repr(sorted(kwargs.items())), table, kwargs)


def empty_state() -> None:
    """The friendly "nothing here yet" message with a way to get data; stops the page."""
    if state.has_own_data():  # imported, but with no rows (a period without activity)
        st.info(
            "Your imported files hold no transactions yet (an export of a period without "
            "activity?). Import an export that covers your payments on the **Home** page."
        )
        st.page_link(HOME, label="Go to Home to import files", icon=":material/home:")
        st.stop()
    st.info(
        "No data yet. Import your platform exports on the **Home** page, or look around with "
        "the sample data first."
    )
    col1, col2 = st.columns(2)
    col1.page_link(HOME, label="Go to Home to import files", icon=":material/home:")
    if col2.button(
        "Try it with sample data", key="giglens.empty.sample", icon=":material/science:"
    ):
        state.load_samples()
        st.rerun()
    st.stop()


def tax_caption(profile: TaxProfile) -> str:
    """The words every tax figure carries: estimate, not tax advice, and the parameter year."""
    year = year_label(profile.jurisdiction, profile.year, profile.year_start_month)
    if profile.jurisdiction == "flat":
        chosen = "you chose" if sidebar.tax_country_chosen() else "assumed"
        return f"{TAX_NOTE} — the flat rate {chosen}, tax year {year}."
    where = {"DE": "German"}.get(profile.jurisdiction, profile.jurisdiction)
    figures = stand_in_year(profile.jurisdiction, profile.year)
    if figures is not None:
        return (
            f"{TAX_NOTE} — GigLens has no {where} tax parameters for tax year {year} yet: "
            f"those of {year_label(profile.jurisdiction, figures)} are used."
        )
    return f"{TAX_NOTE} — {where} tax parameters for tax year {year}."


def start(title: str, explanation: str, icon: str = "📊", no_match: str = "") -> PageData:
    """Set up a page: config, title and one-line explanation, sidebar, data or an empty state
    (`no_match` is added to the message when the sidebar's filters leave no income)."""
    configure(title, icon)
    st.title(title)
    st.caption(explanation)
    data = state.data()
    filters = sidebar.render(data)
    if data.empty:
        empty_state()
    base = filters.base_currency
    converted, notes, problems = _converted(
        state.data_signature(), base, data, filters.stated_rates
    )
    for problem in problems:
        st.warning(problem, icon=":material/currency_exchange:")
    if notes:  # routine: one short footnote, the details (weekend dates...) on hover
        st.caption(
            f"Amounts in other currencies converted to {base} "
            f"{rates_words(converted.attrs.get('fx_sources', ()))} "
            "(the rates are in the transactions download).",
            help=" ".join(notes),
        )
    table = apply_filters(converted, filters)
    income = table[table["kind"].isin(INCOME_KINDS)]
    if income.empty:
        if not data["kind"].isin(INCOME_KINDS).any():
            # the filters are not to blame: the files hold transfers or hours only
            st.info(
                "Your imported files hold no income: only transfers between your own accounts "
                "(payouts, withdrawals) or hours. Import the export of the platform that paid "
                "you on the Home page."
            )
            st.page_link(HOME, label="Go to Home to import files", icon=":material/home:")
        else:
            st.info(
                "No income matches the filters in the sidebar. Widen the date range or select "
                "more platforms or streams." + (f" {no_match}" if no_match else "")
            )
        st.stop()
    key = f"{state.data_signature()}|{filters.key()}"
    return PageData(table=table, currency=base, filters=filters, key=key)


def money(value: float, currency: str) -> str:
    """1234.5, "USD" -> "$1,234.50"; other currencies as "1,234.50 CHF"; NaN -> "—"."""
    if value is None or pd.isna(value):
        return "—"
    return format_money(value, currency)


# Characters of metric values one row holds in a 1280-pixel window: four of "$12,345.67";
# fewer in bordered cards, whose padding takes some of the width.
METRIC_ROW_CHARS = 40
CARD_ROW_CHARS = 36


def metric_layout(values: list[str], count: int, row_chars: int = METRIC_ROW_CHARS) -> list[int]:
    """How many of `count` metrics go in each row: all in one when the longest of `values` (as
    written) fits a column of that row, else the fewest even rows in which it does."""
    if count <= 0:
        return []
    widest = max((len(str(v)) for v in values), default=1)
    fits = max(1, min(count, row_chars // max(widest, 1)))
    rows = -(-count // fits)
    per_row = -(-count // rows)
    return [per_row] * rows


def metric_columns(
    values: list[str], count: int | None = None, row_chars: int = METRIC_ROW_CHARS
) -> list:
    """`count` columns (one per value by default) for metrics showing `values`, in reading
    order, laid out by `metric_layout` (four amounts in Canadian dollars side by side,
    "40,536.31 CAD", were cut to "40,536.31 …" in a 1280-pixel window)."""
    count = len(values) if count is None else count
    columns = []
    for per_row in metric_layout(values, count, row_chars):
        columns.extend(st.columns(per_row))
    return columns[:count]


# Platforms whose work is driving the worker's own car.
DRIVING_PLATFORMS = ("uber", "lyft", "doordash", "instacart")


def vehicle_costs_note(view: PageData) -> str:
    """That the hourly rates are before the car's costs: with business miles entered, what they
    come to at the standard rate the tax estimate deducts; else, when the income has driving
    work, where to enter them. "" when neither applies."""
    from analytics.tax.estimate import mileage_deduction

    profile = view.profile
    present = set(distinct_text(view.income["platform"]))
    drives = sorted(p for p in present if p in DRIVING_PLATFORMS)
    miles = float(profile.business_miles or 0.0)
    if miles > 0:
        cost, label = mileage_deduction(profile.jurisdiction, profile.year, miles)
        if cost <= 0:
            return ""
        rate = label.split(": ", 1)[-1].strip()  # "10,000 miles × 45p + 4,000 × 25p"
        unit = "kilometres" if profile.jurisdiction == "DE" else "miles"
        return (
            f"The rates here are before your vehicle costs: the {miles:,.0f} business {unit} you "
            f"entered for {year_label(profile.jurisdiction, profile.year)} come to "
            f"{money(cost, profile.currency)} at the standard rates ({rate}), which the tax "
            "estimate deducts and these rates do not."
        )
    if drives:
        from analytics.schema import PLATFORM_NAMES

        names = ", ".join(PLATFORM_NAMES.get(p, p) for p in drives)
        return f"The rates of your driving work ({names}) are before your car's costs (fuel, " + (
            "wear, insurance). Enter your business miles under Tax profile › More about your "
            "situation to see what they come to and deduct them from the tax."
            if profile.jurisdiction in ("US", "UK", "DE")
            else "wear, insurance)."
        )
    return ""


def rates_table(converted: pd.DataFrame, currency: str) -> None:
    """An expander with the rates `converted` rows were converted with, per currency and month
    (lowest and highest; the ECB's or the user's), to check against the ECB's; nothing when
    none was converted."""
    from analytics.currency import ecb_quotes, rates_used

    used = rates_used(converted)
    if not len(used):
        return
    quotes = ecb_quotes(used, currency)
    if (quotes != "").any():  # the ECB's own way round, to check against its table by eye
        used = used.assign(ecb=quotes)
    with st.expander(f"Exchange rates used ({currency} per unit of each currency)"):
        st.dataframe(
            used.rename(
                columns={
                    "currency": "Currency",
                    "month": "Month",
                    "source": "Rate",
                    "rows": "Rows",
                    "lowest_rate": "Lowest rate",
                    "highest_rate": "Highest rate",
                    "ecb": "As the ECB publishes it",
                }
            ),
            hide_index=True,
            column_config={
                # a rate of 1/1,450 (a naira in dollars) needs its significant digits
                name: st.column_config.NumberColumn(format="%.6g")
                for name in ("Lowest rate", "Highest rate")
            },
        )


def percent(value: float, digits: int = 1) -> str:
    """0.1234 -> "12.3%"; a value that rounds to zero is "0.0%", never "-0.0%"; NaN -> "—"."""
    if value is None or pd.isna(value):
        return "—"
    if round(float(value), digits + 2) == 0:
        value = 0.0
    return f"{value:.{digits}%}"


# Plotly's toolbar without the tools a reader of these charts has no use for (box and lasso
# select, zoom steps, autoscale): four buttons, which on a phone no longer run over the title.
CHART_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d"],
}


def chart(fig) -> None:
    st.plotly_chart(fig, width="stretch", config=CHART_CONFIG)


NO_TAX_TO_SET_ASIDE = (
    "No tax to set aside for this income: the tax for the year comes to nothing (under the "
    "year's tax-free allowance, or with business expenses as large as the income), so there "
    "is no reserve to chart."
)


def reserve_chart(lines: pd.DataFrame, currency: str, dashed: tuple[str, ...] = ()) -> None:
    """The tax reserve over the year (`analytics.charts.reserve_chart`), or, when every line is
    zero (no tax for the whole year: UK income under the £1,000 trading allowance, German
    income under the basic allowance), a short note instead of flat lines on a "−1 to 1" axis."""
    from analytics.charts import reserve_chart as figure

    values = lines.to_numpy(dtype="float64")
    if not np.isfinite(values).any() or np.nanmax(np.abs(values)) < 0.005:  # below a cent
        st.info(NO_TAX_TO_SET_ASIDE, icon=":material/savings:")
        return
    chart(figure(lines, currency, dashed=dashed))


CHAR_PIXELS = 8  # about one character of the table's font
SHORT_TEXT = 16  # a text column whose cells are at most this long is sized to them


# Source Sans at the tables' 14 px: 6.3 to 6.9 pixels a character in the layout and file names
# (measured in Chromium), a little more in a short word full of m's
TEXT_CHAR_PIXELS = 7
CELL_PADDING = 24  # pixels around a cell's text (and a little room)


def text_width(values, header: str = "", most: int | None = None) -> int:
    """Pixels for a text column to show its longest cell (or `header`) whole, at most `most`:
    a name sized to its text leaves the columns after it in view, where a "medium" or "large"
    column pushed a layout's name out of the table ("PayPal activity dow")."""
    longest = max([len(str(header)), *(len(str(v)) for v in values)])
    width = TEXT_CHAR_PIXELS * longest + CELL_PADDING
    return width if most is None else min(width, most)


def wrapped_width(values, lines: int, least: int = 0) -> int:
    """Pixels for a text column whose longest cell wraps onto `lines` lines (in rows of
    WRAPPED_ROW_PIXELS), and at least `least`."""
    longest = max([0, *(len(str(v)) for v in values)])
    return max(least, TEXT_CHAR_PIXELS * math.ceil(longest / lines) + CELL_PADDING)


def _half_up(value: float, places: int) -> float:
    """`value` rounded half away from zero at `places` decimals (float noise removed first)."""
    scale = 10**places
    scaled = round(abs(value) * scale, 6)
    return math.copysign(math.floor(scaled + 0.5) / scale, value)


def filtered_hours_words(message: str, view) -> str:
    """What to add to a note of tracked hours that match no income while the sidebar filters
    platforms or streams: the income they match may only be filtered out."""
    if "match no income" in message and (view.filters.platforms or view.filters.streams):
        return " (their income may be filtered out in the sidebar)"
    return ""


def hours_text(value: float) -> str:
    """Hours with one decimal, rounded half up as a person rounds: 711.25 h is "711.3"."""
    return "—" if pd.isna(value) else f"{_half_up(value, 1):,.1f}"


def table(
    frame: pd.DataFrame,
    currency: str | None = None,
    *,
    money_columns=(),
    percent_columns=(),
    hour_columns=(),
    short_headers: dict[str, tuple[str, str]] | None = None,
    hide_index: bool = True,
    **kwargs,
) -> None:
    """A small table as the user reads it: money with its currency ("$1,234.50"), shares as
    "12.3%", hours with one decimal, other numbers with thousands separators, gaps as "—".
    `short_headers`: column -> (the header shown, its tooltip) for a long column name that a
    narrow number column would cut ("Set aside from the m"); the data keeps its names.

    Formatting goes through a pandas Styler, so the cells keep their numbers (sorting by a
    column still sorts by value). Meant for summary tables, not for thousands of rows.
    """
    formats = {}
    for column in frame.columns:
        if column in money_columns:
            formats[column] = lambda v, c=currency: money(v, c or "")
        elif column in percent_columns:
            formats[column] = percent
        elif column in hour_columns:
            # half up, as a person rounds (47.25 h is 47.3, not the binary half-even 47.2)
            formats[column] = hours_text
        elif pd.api.types.is_bool_dtype(frame[column]):
            formats[column] = lambda v: "yes" if v else "no"
        elif pd.api.types.is_integer_dtype(frame[column]):
            formats[column] = lambda v: "—" if pd.isna(v) else f"{v:,}"
        elif pd.api.types.is_float_dtype(frame[column]):
            formats[column] = lambda v: "—" if pd.isna(v) else f"{v:,.2f}"
        else:
            formats[column] = lambda v: "—" if v is None or v is pd.NA or v != v else str(v)
    styler = frame.style.format(formats, na_rep="—")
    # Streamlit sizes a column by its numbers, not by the text the Styler shows: "€1,353.50"
    # in a column sized for 95.2 was cut to "1,353.50". Width for the longest shown text.
    config = dict(kwargs.pop("column_config", None) or {})
    if len(frame) <= 1_000:  # summary tables: each cell's text is cheap to make
        for column, show in formats.items():
            header, tip = (short_headers or {}).get(column, (str(column), None))
            if column in config:  # the caller's own settings; a short header still applies
                if short_headers and column in short_headers:
                    config[column] = {**config[column], "label": header, "help": tip}
                continue
            # the header counts up to a short word's width: a long one may wrap or be cut
            longest = max([min(len(header), 14), *(len(show(v)) for v in frame[column])])
            # text is sized only when short (a status): long labels take the rest of the width
            if pd.api.types.is_numeric_dtype(frame[column]) or longest <= SHORT_TEXT:
                config[column] = st.column_config.Column(
                    header if short_headers and column in short_headers else None,
                    help=tip,
                    width=CHAR_PIXELS * longest + 28,
                )
    if config:
        kwargs["column_config"] = config
    kwargs.setdefault("width", "stretch")
    if len(frame) <= MAX_FULL_ROWS:  # every row visible, no scrolling inside the table
        kwargs.setdefault("height", ROW_PIXELS * (len(frame) + 1) + 3)
    st.dataframe(styler, hide_index=hide_index, placeholder="—", **kwargs)


ESTIMATES = "giglens.f.estimates"  # platform -> {"minutes_per_task": x} or {"hours_per_week": y}


def estimates() -> dict | None:
    """The user's manual time estimates for platforms that export no hours (Hourly rates page)."""
    return st.session_state.get(ESTIMATES) or None


def converted_to(view: PageData, currency: str, whole_table: bool = False) -> pd.DataFrame:
    """The page's filtered rows in another currency (e.g. the tax jurisdiction's); with
    `whole_table`, every row whatever the sidebar's dates, platforms and streams (tax is owed
    on all the income of the year together)."""
    if currency == view.currency and not whole_table:
        return view.table
    data = state.data()
    table, _notes, _problems = _converted(
        state.data_signature(), currency, data, view.filters.stated_rates
    )
    return table if whole_table else apply_filters(table, view.filters)


# Layouts whose amounts are before the platform's fee and hold no fee


def feeless_sources() -> set[str]:
    """The imported files whose layout holds no fee (an Upwork Weekly Summary: amounts before
    Upwork's fee)."""
    return {
        item.result.source
        for item in state.combined().imports
        if item.result is not None and getattr(item.result, "layout", "") in FEELESS_LAYOUTS
    }


def rows_left_out() -> pd.DataFrame:
    """Every imported file's rows that are not counted as transactions: skipped on purpose
    (totals, memo lines, purchases, holds...), rejected (unreadable) and duplicates (already
    counted from another file, named when known), with the file, the row number in it, the
    reason and the row (as written; a duplicate as read: date, kind, amount, description);
    for the workbook, so the files' rows can be reconciled."""
    frames = []
    for item in state.combined().imports:
        result = item.result
        if result is None:
            continue
        for what, rows in (("skipped", result.skipped), ("rejected", result.rejected)):
            if len(rows):
                frame = rows[["row", "reason", "raw"]].copy()
                frame.insert(0, "what", what)
                frame.insert(0, "file", item.name)
                frames.append(frame)
        if item.left_out is not None and len(item.left_out):
            frames.append(duplicates_left_out(item.name, item.left_out))
    if not frames:
        return pd.DataFrame(columns=["file", "what", "row", "reason", "raw"])
    return skipped_again_said(pd.concat(frames, ignore_index=True))


def skipped_again_said(out: pd.DataFrame) -> pd.DataFrame:
    """`rows_left_out`'s rows with a row skipped in two overlapping downloads (the same
    purchase in a quarter's statement and in its month's: the same text) said in the later
    file's reason, naming the first file: one row of money, not to be added twice."""
    out = out.copy()
    skipped = (out["what"] == "skipped") & (out["raw"].astype(str).str.strip() != "")
    raw = out["raw"].astype(str).where(skipped)
    first_file = out["file"].where(skipped).groupby(raw).transform("first")
    again = skipped & raw.duplicated() & (first_file != out["file"])
    out.loc[again, "reason"] = (
        out.loc[again, "reason"].astype(str)
        + " (the same row as in "
        + first_file[again].astype(str)
        + ": one row, listed in both files)"
    )
    return out


def duplicates_left_out(name: str, left_out: pd.DataFrame) -> pd.DataFrame:
    """A file's duplicate rows as `rows_left_out` lists them."""
    counted_from = left_out["counted_from"].astype(str)
    never = (
        left_out["never_completed"].fillna(False).astype(bool)
        if "never_completed" in left_out
        else pd.Series(False, index=left_out.index)
    )
    reason = np.select(
        [never.to_numpy(), (counted_from != "").to_numpy()],
        [
            "not counted: a later download shows this payment never completed (see the "
            "import report's notes)",
            "duplicate: the same transaction is counted from " + counted_from,
        ],
        "duplicate: the same transaction is counted from another imported file (see the "
        "import report's notes)",
    )
    # a fee row's amount is its fee (its gross is 0.00)
    amount = (
        left_out["gross"]
        .astype("float64")
        .where(
            left_out["gross"].astype("float64").abs() >= 0.005,
            -left_out["fee"].astype("float64") if "fee" in left_out else 0.0,
        )
    )
    gross = [format_money(float(g), str(c)) for g, c in zip(amount, left_out["currency"])]
    raw = [
        f"{pd.Timestamp(d):%Y-%m-%d} {k} {g} {str(text or '').strip()}".strip()
        for d, k, g, text in zip(left_out["date"], left_out["kind"], gross, left_out["description"])
    ]
    return pd.DataFrame(
        {
            "file": name,
            "what": np.where(never.to_numpy(), "never completed", "duplicate"),
            "row": left_out["row"].to_numpy(),
            "reason": reason,
            "raw": raw,
        }
    )


def fees_not_in_files(view: PageData) -> dict[str, list[str]]:
    """{platform: its files} for the platforms whose income on screen comes only from files
    that hold no fee (`feeless_sources`), so a 0% fee rate would be wrong."""
    feeless = feeless_sources()
    if not feeless:
        return {}
    income = view.income
    sources = income["source"].astype(str)
    platforms = income["platform"].astype(str)
    out = {}
    for platform in sorted(set(platforms)):
        files = set(sources[platforms == platform])
        if files and files <= feeless:
            out[platform] = sorted(files)
    return out


def fees_unknown_text(unknown: dict[str, list[str]], so: str) -> str:
    """The sentence for platforms whose fee is not in the files (`fees_not_in_files`), with
    what it means on the page (`so`)."""
    from analytics.charts import label_for

    names = " and ".join(label_for(p) for p in unknown)
    files = ", ".join(f for found in unknown.values() for f in found)
    return (
        f"{names}: the fee is not in your files ({files} shows earnings before the fee), so "
        f"{so}. Add the transaction history export to count it (see Fees)."
    )


def fees_unknown_warning(
    view: PageData, so: str = "the fees here leave it out and the net income is too high"
) -> dict[str, list[str]]:
    """Warn, on a page that totals fees and net income, that some platform's fee is not in
    the files (its amounts are before the fee): its fees count as 0 and its net is too high.
    Returns those platforms and their files (`fees_not_in_files`)."""
    unknown = fees_not_in_files(view)
    if unknown:
        st.warning(fees_unknown_text(unknown, so), icon=":material/help:")
    return unknown


def filtered_rows(view: PageData) -> pd.DataFrame:
    """The sidebar's rows in their own currencies (the page's table before any conversion)."""
    return apply_filters(state.data(), view.filters)


def download_scope(view: PageData) -> tuple[str, str]:
    """(file-name suffix, sentence) saying what the sidebar leaves out of a download."""
    from giglens_ui.filters import download_scope as scope

    return scope(state.data(), view.filters)


def rows_filtered(view: PageData) -> bool:
    """Whether the sidebar leaves out some rows (a date range, platforms or streams)."""
    data = state.data()
    return len(apply_filters(data, view.filters)) != len(data)


def platforms_filtered(view: PageData) -> bool:
    """Whether the sidebar leaves out some platform or stream with income."""
    every = apply_filters(
        state.data(), dataclasses.replace(view.filters, platforms=None, streams=None)
    )
    return len(every) != len(apply_filters(every, view.filters))


def rates_words(sources) -> str:
    """How amounts were converted, from `analytics.currency.rate_sources`: "with the ECB
    reference rate of each payment's day", "... and the rates you stated under ...", or "with
    the rates you stated under ..." when no ECB rate was used."""
    stated = f"the rates you stated under “{STATED_RATES}”"
    if "ECB" not in sources and "stated" in sources:
        return f"with {stated}"
    ecb = "with the ECB reference rate of each payment's day"
    return f"{ecb} and {stated}" if "stated" in sources else ecb


def converted_rows_note(table: pd.DataFrame, base: str) -> str:
    """ "3 row(s) in EUR converted to USD." of a table converted to `base`; "" when none was."""
    if "fx_rate" not in table:
        return ""
    moved = table["fx_rate"].notna() & (table["original_currency"].astype(str) != base)
    if not moved.any():
        return ""
    codes = ", ".join(sorted(distinct_text(table.loc[moved, "original_currency"])))
    return f"{int(moved.sum()):,} row(s) in {codes} converted to {base}."


def conversion_notes(view: PageData, currency: str) -> list[str]:
    """How the data was converted to `currency` (rows per currency, weekend rates), in words;
    none when it is all in that currency."""
    from analytics.currency import all_in

    if all_in(state.data(), currency):
        return []
    _table, notes, _problems = _converted(
        state.data_signature(), currency, state.data(), view.filters.stated_rates
    )
    return notes


def conversion_problems(view: PageData, currency: str) -> list[str]:
    """Rows left out when the page's data is converted to `currency` (no ECB rate), in words."""
    if currency == view.currency:
        return []
    _table, _notes, problems = _converted(
        state.data_signature(), currency, state.data(), view.filters.stated_rates
    )
    return problems


def uncovered_months_warning(view: PageData) -> None:
    """Warn when the date range holds six months or more that no imported file covers (they
    count as 0 income and make income look more volatile), with a button that narrows the
    date range to the latest stretch the files cover."""
    from analytics.metrics import months_without_rows

    every = apply_filters(
        state.data(), dataclasses.replace(view.filters, platforms=None, streams=None)
    )
    income = view.income["date"]
    if income.empty:
        return
    _missing_statements_warning(view, every)
    # only gaps inside the page's own income months: a platform chosen alone may start later
    first, last = income.min().to_period("M"), income.max().to_period("M")
    gaps = [(a, b) for a, b in months_without_rows(every) if a > first and b < last]
    if not gaps:
        return
    spans = "; ".join(
        f"{a:%b %Y}–{b:%b %Y} ({(b - a).n + 1} months)" if a != b else f"{a:%b %Y}" for a, b in gaps
    )
    st.warning(
        f"No imported file has anything for {spans}. Those months count as 0 income here, which "
        "makes your income look far more volatile if you simply did not import them. Import the "
        "missing downloads, or look at the months your files cover.",
        icon=":material/event_busy:",
    )
    last_gap_end = gaps[-1][1]
    _look_only_button(last_gap_end + 1, every["date"].max().date(), f"giglens.gap.{view.key}")


def _look_only_button(first: pd.Period, end: dt.date, key: str, start=None) -> None:
    """ "Look at Jan 2026 – Nov 2026 only": a button that sets the sidebar's dates from
    `start` (else the first day of month `first`) to `end`."""
    start = pd.Timestamp(start).date() if start is not None else first.start_time.date()
    if st.button(
        f"Look at {start:%b %Y} – {end:%b %Y} only", key=key, icon=":material/date_range:"
    ):
        sidebar.choose_dates(start, end)
        st.rerun()


def _of_every_row(function: str):
    """`function` (a dotted name) of every row of the files, whatever the sidebar, cached."""
    return _call(function, f"{state.data_signature()}|every row", "[]", state.data(), {})


def first_month_warning(view: PageData) -> None:
    """Warn when the page's first month is probably only part of the income
    (`analytics.metrics.platforms_starting_a_month_late`: the files start late in it, other
    platforms' income the month after), with a button to start the date range a month on."""
    from analytics.charts import label_for

    every = state.data()  # the files' own start, not the date range's
    late = _of_every_row("analytics.metrics.platforms_starting_a_month_late")
    shown = set(distinct_text(view.income["platform"]))
    if (
        late.empty
        or not shown
        or view.income["date"].min().to_period("M") != late.attrs["first_month"]
    ):
        return
    month = late.attrs["first_month"]
    listed = and_list([label_for(p) for p in late.index])
    st.warning(
        f"Your files start on {late.attrs['files_start']:%-d %b %Y}, and your {listed} income "
        f"only in {month + 1:%b %Y}: {month:%b %Y} probably holds only part of your income, "
        "and counts as a low month in the figures here (the income swings, the dips). If you "
        f"earned there in {month:%b %Y}, add the downloads that cover it, or start from "
        f"{month + 1:%b %Y}.",
        icon=":material/event_busy:",
    )
    # to the end of the date range chosen, or of the files
    last = every["date"].max().date()
    end = min(view.filters.end, last) if view.filters.end else last
    _look_only_button(month + 1, end, f"giglens.first_month.{view.key}")


def missing_from_the_last_month(view: PageData, platforms: set[str] | None = None) -> pd.Series:
    """The platforms (of `platforms`, else every one) missing from the files' last month
    (`analytics.metrics.platforms_missing_from_the_last_month`), less those the "ends early"
    warning names and those where the user said their work ended; `attrs`: `last_month` and
    `listed` ("Etsy (to 31 Oct 2026)")."""
    from analytics.charts import label_for

    missing = _of_every_row("analytics.metrics.platforms_missing_from_the_last_month")
    month = missing.attrs.get("last_month")
    if missing.empty:
        return missing
    named = set(platforms_ending_early(view, every_platform=platforms is None).index)
    named |= set(state.ended_platforms())
    kept = missing[
        [(platforms is None or p in platforms) and p not in named for p in missing.index]
    ]
    kept.attrs["last_month"] = month
    kept.attrs["listed"] = (
        and_list([f"{label_for(p)} (to {day:%-d %b %Y})" for p, day in kept.items()])
        if len(kept)
        else ""
    )
    return kept


def last_month_tax_warning(view: PageData, covered_until: pd.Timestamp | None) -> None:
    """On the Tax reserve page: the projection counts the files' last month, which a platform
    is missing from (`missing_from_the_last_month`), or which the files cover only in part
    (`last_month_cut_short`), as a month of income; said when that month is the projection's
    last."""
    if covered_until is None:
        return
    missing = missing_from_the_last_month(view)
    month = missing.attrs.get("last_month")
    if missing.empty or pd.Timestamp(covered_until).to_period("M") != month:
        from analytics.metrics import last_month_cut_short

        # the projection's last day: the files' last row of any kind (a time entry too)
        cut = last_month_cut_short(state.data(), files_end=covered_until)
        if cut is not None:
            files_end, month = cut
            st.warning(
                f"Your files end on {files_end:%-d %b %Y}: the projection counts "
                f"{month:%b %Y} as a whole month of income with only its first "
                f"{files_end.day} days in it, so the year's income and tax can come out too "
                "low. They rise as you add later downloads.",
                icon=":material/event_busy:",
            )
        return
    st.warning(
        f"Your {missing.attrs['listed']} income stops before {month:%b %Y}, the last month of "
        f"your files, after paying in the months before: the projection counts {month:%b %Y} as "
        "a month of your income without it, so the year's tax can come out too low. If they "
        f"paid you in {month:%b %Y}, add that download when it is out (a monthly statement "
        "comes after its month ends).",
        icon=":material/event_busy:",
    )


def last_month_warning(view: PageData) -> None:
    """Warn when the page's last month probably lacks a platform's download not out yet
    (`analytics.metrics.platforms_missing_from_the_last_month`: a platform that paid in most
    months before it is missing from it, and it is a dip), with a button to end the date
    range a month earlier. Platforms the "ends early" warning names already, or where the user
    said their work ended, are not named again."""
    shown = set(distinct_text(view.income["platform"]))
    if not shown:
        return
    missing = missing_from_the_last_month(view, shown)
    if missing.empty or view.income["date"].max().to_period("M") != missing.attrs["last_month"]:
        part_last_month_warning(view)
        return
    month = missing.attrs["last_month"]
    listed = missing.attrs["listed"]
    st.warning(
        f"Your {listed} income stops before {month:%b %Y}, the last month of your files, after "
        f"paying in the months before: {month:%b %Y} probably holds only part of your income "
        "and counts as a low month in the figures here (the income swings, the dips). If they "
        f"paid you in {month:%b %Y}, add that download (a monthly statement comes out after "
        f"its month ends), or look until {month - 1:%b %Y}.",
        icon=":material/event_busy:",
    )
    _until_the_month_before_button(view, month, f"giglens.last_month.{view.key}")


def part_last_month_warning(view: PageData) -> None:
    """Warn when the page's last month is the files' last, which they cover only in part and
    which reads as a dip (`analytics.metrics.last_month_cut_short`), with a button to end
    the date range a month earlier."""
    cut = _of_every_row("analytics.metrics.last_month_cut_short")
    if cut is None or view.income["date"].max().to_period("M") != cut[1]:
        return
    files_end, month = cut
    st.warning(
        f"Your files end on {files_end:%-d %b %Y}: {month:%b %Y} holds only its first "
        f"{files_end.day} days and counts as a low month in the figures here (the income "
        f"swings, the dips). Look until {month - 1:%b %Y} for whole months, or add later "
        "downloads when the month is over.",
        icon=":material/event_busy:",
    )
    _until_the_month_before_button(view, month, f"giglens.part_month.{view.key}")


def _until_the_month_before_button(view: PageData, month: pd.Period, key: str) -> None:
    """ "Look at ... only" up to the end of the month before `month`, from the start of the
    date range chosen, or of the files."""
    start = view.filters.start or view.income["date"].min().date()
    first = pd.Timestamp(start).to_period("M")
    if first <= month - 1:
        _look_only_button(first, (month - 1).end_time.date(), key, start)


def platforms_ending_early(
    view: PageData, every_platform: bool = False, until: pd.Timestamp | None = None
) -> pd.Series:
    """The platforms whose files end well before the files as a whole
    (`analytics.metrics.platforms_ending_early`), less those where the user said their work
    ended on that very day (`state.ended_platforms`; files ending on another day since are
    named again). `attrs["files_end"]`: the files' last day.

    Only the platforms (and streams) the sidebar shows are named, compared with the end of its
    date range when that is earlier; with `every_platform` (for the tax figures, which count all
    the income whatever the sidebar), every platform, compared with the files' last day or
    `until` (the last day of a tax year), whichever is earlier.
    """
    end = until if every_platform else view.filters.end
    kwargs = {} if end is None else {"end": pd.Timestamp(end)}
    reaches = {
        item.result.source: item.result.reaches
        for item in state.combined().imports
        if item.ok and pd.notna(getattr(item.result, "reaches", pd.NaT))
    }
    if reaches:
        kwargs["reaches"] = reaches
    early = _call(
        "analytics.metrics.platforms_ending_early",
        f"{state.data_signature()}|every row",
        repr(sorted(kwargs.items())),
        state.data(),
        kwargs,
    )
    if early.empty:
        return early
    files_end = early.attrs["files_end"]
    ended = state.ended_platforms()
    early = early[[ended.get(p) != f"{day:%Y-%m-%d}" for p, day in early.items()]]
    filters = view.filters
    if (
        not early.empty
        and not every_platform
        and (filters.platforms is not None or filters.streams is not None)
    ):
        data = state.data()
        rows = data[data["platform"].isin(list(early.index)).to_numpy()]
        shown = apply_filters(rows, dataclasses.replace(filters, start=None, end=None))
        early = early[early.index.isin(distinct_text(shown["platform"]))]
    early.attrs["files_end"] = files_end
    return early


def platforms_ending_early_note(
    view: PageData, every_platform: bool = False, until: pd.Timestamp | None = None
) -> str:
    """`platforms_ending_early` in words: "Your Upwork file(s) end on 28 Nov 2025 and your
    Etsy file(s) on 30 Nov 2025, while your files run to 24 Oct 2026: ..."; "" when there are
    none."""
    return _ending_early_words(platforms_ending_early(view, every_platform, until))


def _ending_early_words(early: pd.Series) -> str:
    from analytics.charts import label_for

    if early.empty:
        return ""
    ends = [
        f"your {label_for(platform)} file(s) {'end on' if i == 0 else 'on'} {day:%-d %b %Y}"
        for i, (platform, day) in enumerate(early.items())
    ]
    listed = and_list(ends)
    return (
        f"{listed[0].upper()}{listed[1:]}, while your files run to "
        f"{early.attrs['files_end']:%-d %b %Y}: if you earned there since, add the newer "
        "downloads. Until then, the months after count no income from "
        + ("it" if len(ends) == 1 else "them")
        + ": your income looks as if it fell, and the tax to set aside can come out too low."
    )


def platforms_ending_early_warning(
    view: PageData, every_platform: bool = False, until: pd.Timestamp | None = None
) -> None:
    """`platforms_ending_early_note` as a warning on the page (nothing when there is none),
    with a button per platform to say the work there ended then (no newer file to add)."""
    from analytics.charts import label_for

    early = platforms_ending_early(view, every_platform, until)
    if early.empty:
        return
    st.warning(_ending_early_words(early), icon=":material/event_busy:")
    for col, (platform, day) in zip(st.columns(len(early)), early.items(), strict=True):
        col.button(
            f"My work on {label_for(platform)} ended then",
            key=f"giglens.ended.{view.key}.{platform}",
            icon=":material/done:",
            type="tertiary",
            help=f"No newer {label_for(platform)} file to add: the warning goes (it comes back "
            f"if a newer file shows more work there). Take it back on the Home page.",
            on_click=state.mark_ended,
            args=(platform, f"{day:%Y-%m-%d}"),
        )


# Platforms whose export is one statement per month, with a row even in a quiet month (Etsy's
# listing fees): a month without a row is a statement not imported.
MONTHLY_STATEMENTS = {
    "etsy": "Etsy monthly statements (Shop Manager → Finances → Monthly statements)",
}


# Etsy names a monthly statement after its month: `etsy_statement_2026_4.csv`.
STATEMENT_NAME = r"etsy_statement_(\d{4})_(\d{1,2})\b"


def empty_statement_months(platform: str) -> set[pd.Period]:
    """The months of the platform's monthly statements imported without a row (a month with
    nothing sold and no fee), from the name the platform gives the file."""
    import re

    months = set()
    for item in state.combined().imports:
        result = item.result
        if result is None or result.platform != platform or result.rows_read:
            continue
        if "statement" not in result.layout.casefold():
            continue
        found = re.search(STATEMENT_NAME, item.name, re.IGNORECASE)
        if found and 1 <= int(found.group(2)) <= 12:
            months.add(pd.Period(year=int(found.group(1)), month=int(found.group(2)), freq="M"))
    return months


def _missing_statements_warning(view: PageData, every: pd.DataFrame) -> None:
    """Warn about months missing between a monthly-statement platform's first and last month."""
    from analytics.metrics import months_without_rows
    from analytics.schema import PLATFORM_NAMES

    shown = set(distinct_text(view.income["platform"]))
    for platform, where in MONTHLY_STATEMENTS.items():
        if platform not in shown:
            continue
        rows = every.loc[(every["platform"] == platform).to_numpy(), ["date"]]
        # a statement of a month without a row (nothing sold, no fee) covers its month too
        quiet = [m.to_timestamp() for m in empty_statement_months(platform)]
        start, end = view.filters.start, view.filters.end  # the months the view shows
        quiet = [
            m
            for m in quiet
            if (start is None or m >= pd.Timestamp(start).replace(day=1))
            and (end is None or m <= pd.Timestamp(end))
        ]
        rows = pd.concat([rows, pd.DataFrame({"date": pd.to_datetime(quiet)})], ignore_index=True)
        gaps = months_without_rows(rows, at_least=1)
        if not gaps:
            continue
        spans = ", ".join(f"{a:%b %Y}" if a == b else f"{a:%b %Y}–{b:%b %Y}" for a, b in gaps)
        st.warning(
            f"{PLATFORM_NAMES.get(platform, platform)}: no statement imported for {spans}, so "
            f"that income and those fees are missing. Download the {where} for those months.",
            icon=":material/event_busy:",
        )
