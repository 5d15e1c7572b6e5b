"""Downloads: CSV and formatted Excel files that are safe to open in a spreadsheet.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula
in a spreadsheet (CSV injection). In CSV such cells get a leading apostrophe (OWASP's advice);
in Excel they are written as text cells with Excel's "quote prefix", so they show exactly as
they are and never run. Numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import numbers
import re

import numpy as np
import pandas as pd

from analytics.schema import cents_half_up

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# control characters XML 1.0 cannot hold (a vertical tab is Word's Shift+Enter): Excel files
# get a space instead, or openpyxl refuses to write the workbook
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
HOURS_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
RATE_COLUMNS = {"fee_rate", "share", "cv", "coverage", "swing_share", "top_client_share"}
RATE_COLUMNS |= {"schedule_rate", "rolling_cv", "max_drawdown", "effective_rate"}
FX_FORMAT = "0.0000"
MONEY_WORDS = ("gross", "fee", "fees", "net", "hourly", "tax", "payment", "amount", "reserve")
MONEY_WORDS += ("mean", "income", "set_aside", "shortfall", "total", "buffer", "balance", "p10")
MONEY_WORDS += ("above_by", "cost", "costs")  # the Fees sheet: above the schedule, conversions
MONEY_WORDS += ("paid",)  # what clients paid (the Fees sheet), tax paid
MONEY_WORDS += ("refunds",)  # the Monthly summary's money given back
MAX_WIDTH = 50
NOTES_SHEET = "Notes"
ATTR_NOTES = ("disclaimer", "messages", "notes", "fx_messages")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would treat this text as a formula."""
    return text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """`text` with a leading apostrophe if a spreadsheet would run it as a formula."""
    return "'" + text if is_formula_like(text) else text


def _as_table(df: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """The frame with a meaningful index (named, or not row numbers: months, platforms) turned
    into its first column, periods as text. Row numbers are dropped, also with gaps (a filtered
    table's): they would be a column `index` of numbers meaning nothing to the reader."""
    frame = df.to_frame() if isinstance(df, pd.Series) else df.copy()
    index = frame.index
    named = any(name is not None for name in index.names)
    row_numbers = not named and index.nlevels == 1 and pd.api.types.is_integer_dtype(index)
    if not isinstance(index, pd.RangeIndex) or named:
        frame = frame.reset_index(drop=row_numbers)
    frame.columns = [str(c) for c in frame.columns]
    for col in frame.columns:
        values = frame[col]
        if isinstance(values.dtype, pd.PeriodDtype):
            frame[col] = values.astype(str)
        elif isinstance(values.dtype, pd.DatetimeTZDtype):
            frame[col] = values.dt.tz_localize(None)
        elif isinstance(values.dtype, pd.CategoricalDtype):
            frame[col] = values.astype(str)
    return frame


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [
        c
        for c in frame.columns
        if not (
            pd.api.types.is_numeric_dtype(frame[c])
            or pd.api.types.is_datetime64_any_dtype(frame[c])
        )
        or pd.api.types.is_bool_dtype(frame[c])
    ]


def _csv_value(value):
    """Numbers, dates and missing values as they are; anything else (periods, lists) as text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return value
    if isinstance(value, (str, numbers.Number, dt.date)):
        return value
    return str(value)


def _money_text(values: np.ndarray, decimal_mark: str) -> np.ndarray:
    """Money cells as a CSV writes them: rounded half away from zero to the cent, two
    decimals, the style's decimal mark; NaN an empty cell."""
    cents = cents_half_up(values) + 0.0  # + 0.0: no "-0.00"
    out = np.array([f"{v:.2f}" if np.isfinite(v) else "" for v in cents], dtype=object)
    if decimal_mark != ".":
        out = np.array([v.replace(".", decimal_mark) for v in out], dtype=object)
    return out


def _money_cells(values: np.ndarray, decimal_mark: str) -> np.ndarray:
    """A money column's cells: whole cents with two decimals (`_money_text`), an amount
    converted to another currency, which keeps its parts of a cent, with 15 significant
    digits; NaN an empty cell."""
    whole = np.isfinite(values) & (np.round(values, 2) == values)
    out = _money_text(np.where(whole, values, np.nan), decimal_mark)
    rest = np.isfinite(values) & ~whole
    if rest.any():
        out[rest] = [f"{v:.15g}".replace(".", decimal_mark) for v in values[rest]]
    out[~np.isfinite(values)] = None  # an empty cell, not a quoted empty text
    return out


def _without_float_noise(values: np.ndarray) -> np.ndarray:
    """Floats as written to a file: a value within a billionth (relative) of a whole cent is
    that cent (then written with 15 significant digits). A sum's binary noise (999.9999999999999,
    1000.0000000001588) would otherwise be what a formula such as =B2=1000 compares, while
    12,345,678,901.23 (a year in rupiah) keeps its cents and 0.33333 hours their digits."""
    values = np.asarray(values, dtype="float64")
    cents = np.round(values, 2) + 0.0  # + 0.0: no "-0" for a negative speck of noise
    with np.errstate(invalid="ignore"):
        # relative, but never wider than a millionth: big hours keep their decimals
        near = np.abs(values - cents) <= np.minimum(1e-9 * np.maximum(1.0, np.abs(values)), 1e-6)
    return np.where(near, cents, values)


CSV_STYLES = {
    # name -> (field separator, decimal mark): what a spreadsheet set to that language opens
    # with a double click ("semicolon": Excel in German, French, Spanish, Italian, Dutch...)
    "comma": (",", "."),
    "semicolon": (";", ","),
}


def to_csv_bytes(df: pd.DataFrame | pd.Series, style: str = "comma") -> bytes:
    """The table as UTF-8 CSV (RFC 4180, CRLF) with a byte-order mark, so Excel reads € right.

    A meaningful index (months, platforms) becomes the first column; formula-like text cells and
    headers get a leading apostrophe; numbers are written unchanged; NaN is an empty cell.
    `style` "comma" (1234.5, fields split by commas) or "semicolon" (1234,5 with fields split
    by semicolons, for a spreadsheet in a language whose decimal mark is the comma).
    """
    if style not in CSV_STYLES:
        raise ValueError(f"CSV style must be one of {', '.join(CSV_STYLES)}, not {style!r}")
    separator, decimal_mark = CSV_STYLES[style]
    frame = _as_table(df)
    for col in _text_columns(frame):
        if pd.api.types.is_bool_dtype(frame[col]):
            continue
        values = frame[col].map(_csv_value)
        # only real text is neutralised: a number in a mixed column stays a number
        is_text = values.map(lambda v: isinstance(v, str)).astype(bool)
        text = values.where(is_text, "").astype(str)
        risky = is_text & text.str.startswith(FORMULA_START)
        frame[col] = values.where(~risky, "'" + text)
    for col in frame.columns:
        if pd.api.types.is_float_dtype(frame[col]):
            values = _without_float_noise(frame[col].to_numpy())
            if _number_format(str(col)) == MONEY_FORMAT:
                # money of whole cents with both decimals, as a person writes it: 1931.90,
                # 1820.00. A converted amount keeps its parts of a cent (11.6267803507412,
                # with its fx_rate), so the rows still add up to the pages' totals.
                frame[col] = _money_cells(values, decimal_mark)
            else:
                frame[col] = values
    frame.columns = [neutralise(c) for c in frame.columns]
    # RFC 4180 line endings, so a field holding a lone CR or LF is quoted
    # 15 significant digits: float noise such as 520.9599999999999 is written as 520.96, while
    # hours like 0.33333 keep their precision and 12,345,678,901.23 its cents.
    csv_text = frame.to_csv(
        index=False,
        date_format="%Y-%m-%d",
        lineterminator="\r\n",
        float_format="%.15g",
        sep=separator,
        decimal=decimal_mark,
    )
    return csv_text.encode("utf-8-sig")


def _number_format(column: str) -> str | None:
    """Excel number format of a numeric column, from its name (None: General)."""
    name = column.lower()
    if name == "fx_rate":
        return FX_FORMAT
    if (
        name in RATE_COLUMNS
        or name.endswith(("_coverage", "_share"))
        or name.endswith("_rate")
        and "hourly" not in name
    ):
        return PERCENT_FORMAT
    if name.startswith(MONEY_WORDS):  # before the hours test: net_with_hours is money
        return MONEY_FORMAT
    if name == "hours" or name.endswith("_hours") or name.startswith("hours_"):
        return HOURS_FORMAT
    if name.endswith(MONEY_WORDS):
        return MONEY_FORMAT
    return None


def currency_format(code: str | None) -> str:
    """`#,##0.00 "USD"` for an ISO currency code (plain #,##0.00 without a valid code)."""
    code = str(code or "").strip().upper()
    return f'{MONEY_FORMAT} "{code}"' if re.fullmatch(r"[A-Z]{3}", code) else MONEY_FORMAT


def _sheet_title(name: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", str(name)).strip().strip("'")[:31] or "Sheet"
    base, n = title, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def _cell_value(value):
    """A value openpyxl can store: None, number, bool, naive datetime, or text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if not np.isfinite(value):
            return None
        return float(f"{_without_float_noise(np.array([value]))[0]:.15g}")
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return NOT_IN_XML.sub(" ", value)
    if isinstance(value, (bool, int, float, decimal.Decimal, dt.date, dt.time)):
        return value
    return NOT_IN_XML.sub(" ", str(value))  # periods, lists, ...: as text


def _column_cells(values: pd.Series) -> list:
    """A column's values as cells hold them (`_cell_value`), floats cleaned of binary noise
    (`_without_float_noise`, 15 significant digits) the whole column at once."""
    if pd.api.types.is_float_dtype(values):
        clean = _without_float_noise(values.to_numpy(dtype="float64", na_value=np.nan))
        return [float(f"{v:.15g}") if np.isfinite(v) else None for v in clean.tolist()]
    return [_cell_value(raw) for raw in values.tolist()]


def _shown_width(cells: list, is_date: bool, number_format, formats) -> int:
    """How many characters the widest of a column's cells shows: dates 10, money and other
    floats as 1,234.56 (with " USD" when its format names a currency), text as written."""
    present = [v for v in cells if v is not None]
    if not present:
        return 0
    if is_date:
        return 10
    texts = [v for v in present if isinstance(v, str)]
    numbers = [v for v in present if not isinstance(v, str)]
    width = max((len(t) for t in texts), default=0)
    floats = [v for v in numbers if isinstance(v, float)]
    if floats:
        low, high = min(floats), max(floats)
        width = max(width, len(f"{low:,.2f}"), len(f"{high:,.2f}"))
    others = [v for v in numbers if not isinstance(v, float)]
    if others:
        width = max(width, max(len(str(v)) for v in others))
    named = (formats is not None and any(f.endswith('"') for f in formats)) or (
        isinstance(number_format, str) and number_format.endswith('"')
    )
    return width + (4 if named and numbers else 0)


def _write_sheet(ws, frame: pd.DataFrame, currency: str | None = None) -> None:
    """Header, cells, formats, widths, frozen header. Money cells get the currency of their
    row's `currency` column, else `currency`, in their number format."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = list(frame.columns)

    def formats_of(column: str) -> list[str]:
        codes = frame[column].astype(str).where(frame[column].notna(), "")
        return codes.map(currency_format).tolist()

    if "currency" in frame.columns:
        row_formats = formats_of("currency")
    else:
        row_formats = [currency_format(currency)] * len(frame)
    # `original_gross` & co. are in the row's `original_currency` (before a conversion)
    original_formats = (
        formats_of("original_currency") if "original_currency" in frame.columns else row_formats
    )
    for j, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j, value=NOT_IN_XML.sub(" ", str(name)))
        cell.data_type = "s"
        cell.quotePrefix = is_formula_like(name)
        cell.font = Font(bold=True)
    for j, name in enumerate(columns, start=1):
        values = frame[name]
        # a money column that names its own currency (`tax_set_aside_USD`) is in that one
        stated = re.search(r"_([A-Z]{3})$", str(name))
        is_date = pd.api.types.is_datetime64_any_dtype(values)
        is_number = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        number_format = DATE_FORMAT if is_date else (_number_format(name) if is_number else None)
        formats: list | None = None  # per row: a money column's currency
        if number_format == MONEY_FORMAT:
            if stated:
                number_format = currency_format(stated.group(1))
            else:
                formats = original_formats if str(name).startswith("original_") else row_formats
        cells = _column_cells(values)
        for i, value in enumerate(cells, start=2):
            if value is None:
                continue
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
                if is_formula_like(value):
                    cell.quotePrefix = True
            elif formats is not None and not isinstance(value, bool):
                cell.number_format = formats[i - 2]
            elif number_format:
                cell.number_format = number_format
        width = max(len(str(name)), _shown_width(cells, is_date, number_format, formats))
        ws.column_dimensions[get_column_letter(j)].width = min(MAX_WIDTH, width + 2)
    ws.freeze_panes = "A2"
    # filter buttons on the header, over the rows above the Total rows (sorting must not move
    # them)
    last = len(frame) + 1 - _total_rows(frame)
    if len(columns) and last >= 2:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"


# Columns of the monthly summary that add up over the months (money and hours); a running
# total, a rate or an hourly figure does not, and is left blank on the total row.
_NOT_SUMMED = ("cumulative_net", "hourly")


def with_total_row(frame: pd.DataFrame) -> pd.DataFrame:
    """A monthly table (`month` first, "2025-01") with a last row "Total": each money or hours
    column's sum, to the cent, rates, hourly figures and running totals left blank, the
    currency kept. Months of more than one calendar year get a row per year before it
    ("Total 2025": that year's months added up). Given a table already rounded to the cent
    (`summary_for_download`), each total is the sum of the amounts written above it."""
    if frame.empty or "month" not in frame.columns:
        return frame
    years = frame["month"].astype(str).str[:4]
    parts = (
        [(f"Total {year}", years == year) for year in years.unique()] if years.nunique() > 1 else []
    )
    rows = [_total_of(frame[these], label) for label, these in parts]
    rows.append(_total_of(frame, "Total"))
    out = pd.concat([frame, pd.DataFrame(rows)], ignore_index=True)
    out.attrs = dict(frame.attrs)
    return out


def _total_of(frame: pd.DataFrame, label: str) -> dict[str, object]:
    total: dict[str, object] = {"month": label}
    for name in frame.columns:
        values = frame[name]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        summed = numeric and _number_format(str(name)) in (MONEY_FORMAT, HOURS_FORMAT)
        if summed and str(name) not in _NOT_SUMMED and values.notna().any():
            total[name] = round(float(values.sum()), 2)
        elif name == "currency" and values.nunique(dropna=True) == 1:
            total[name] = values.dropna().iat[0]
    return total


def _total_rows(frame: pd.DataFrame) -> int:
    """How many rows at the end of a table of months are its totals ("Total 2025", "Total")."""
    if not len(frame) or str(frame.iloc[-1, 0]) != "Total":
        return 0
    labels = frame.iloc[:, 0].astype(str).tolist()
    return next(
        (n for n, label in enumerate(reversed(labels)) if not label.startswith("Total")),
        len(labels),
    )


def _attr_notes(table) -> list[str]:
    """The plain-language notes a table carries in `attrs` (disclaimer first)."""
    attrs = getattr(table, "attrs", {}) or {}
    notes: list[str] = []
    for key in ATTR_NOTES:
        value = attrs.get(key)
        items = [value] if isinstance(value, str) else list(value or [])
        notes += [str(v) for v in items if str(v) and str(v) not in notes]
    return notes


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame], currency: str | None = None) -> bytes:
    """An Excel workbook with one sheet per table, a sheet named "Summary" (any case) first.

    Each sheet: bold frozen header row, column widths fitted to the content (up to 50
    characters), rates as 0.0%, hours as 0.00, dates as yyyy-mm-dd, money columns in a
    currency format `#,##0.00 "USD"`: the code of the row's `currency` column, else
    `currency`, else the table's `attrs["currency"]` (plain #,##0.00 when none is known).
    Text cells are always text (formula-like ones with Excel's quote prefix), numbers numbers.
    Notes the tables carry in `attrs` (disclaimer, messages, notes) go to a last sheet "Notes",
    so a tax figure keeps its "Estimate, not tax advice" line in the file. A "Summary" sheet
    of months, and a table of months whose `attrs["total_row"]` is true, ends with bold
    "Total" rows, one per calendar year when there are several (`with_total_row`).
    """
    from openpyxl import Workbook

    if not sheets:
        raise ValueError("nothing to export: no tables were given")
    names = sorted(sheets, key=lambda n: str(n).casefold() != "summary")
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    notes: list[tuple[str, str]] = []
    for name in names:
        table = sheets[name]
        title = _sheet_title(name, taken)
        ws = workbook.create_sheet(title)
        own = currency or (getattr(table, "attrs", {}) or {}).get("currency")
        frame = _as_table(table)
        # the months, then their total (bold)
        totalled = (
            str(name).casefold() == "summary"
            or (getattr(table, "attrs", {}) or {}).get("total_row")
        ) and ("month" in frame and len(frame) > 0)
        written = with_total_row(frame) if totalled else frame
        _write_sheet(ws, written, own)
        if totalled:
            from openpyxl.styles import Font

            for row in ws.iter_rows(min_row=ws.max_row - _total_rows(written) + 1):
                for cell in row:
                    cell.font = Font(bold=True)
        notes += [(title, note) for note in _attr_notes(table)]
    if notes:
        ws = workbook.create_sheet(_sheet_title(NOTES_SHEET, taken))
        _write_sheet(ws, pd.DataFrame(notes, columns=["sheet", "note"]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
