"""Downloads: CSV and formatted Excel files that are safe to open in a spreadsheet.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula
in a spreadsheet (CSV injection). In CSV such cells get a leading apostrophe (OWASP's advice);
in Excel they are written as text cells with Excel's "quote prefix", so they show exactly as
they are and never run. Numbers stay numbers.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
HOURS_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
RATE_COLUMNS = {"fee_rate", "share", "cv", "coverage", "swing_share", "top_client_share"}
RATE_COLUMNS |= {"schedule_rate", "rolling_cv", "max_drawdown", "effective_rate"}
MONEY_WORDS = ("gross", "fee", "net", "hourly", "tax", "payment", "amount", "reserve", "mean")
MAX_WIDTH = 50


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would treat this text as a formula."""
    return text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """`text` with a leading apostrophe if a spreadsheet would run it as a formula."""
    return "'" + text if is_formula_like(text) else text


def _as_table(df: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """The frame with a meaningful index turned into its first column, periods as text."""
    frame = df.to_frame() if isinstance(df, pd.Series) else df.copy()
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.name is not None:
        frame = frame.reset_index()
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


def to_csv_bytes(df: pd.DataFrame | pd.Series) -> bytes:
    """The table as UTF-8 CSV (RFC 4180, CRLF) with a byte-order mark, so Excel reads € right.

    A meaningful index (months, platforms) becomes the first column; formula-like text cells and
    headers get a leading apostrophe; numbers are written unchanged; NaN is an empty cell.
    """
    frame = _as_table(df)
    for col in _text_columns(frame):
        if pd.api.types.is_bool_dtype(frame[col]):
            continue
        text = frame[col].astype("string")
        frame[col] = text.where(~text.str.startswith(FORMULA_START).fillna(False), "'" + text)
    frame.columns = [neutralise(c) for c in frame.columns]
    # RFC 4180 line endings, so a field holding a lone CR or LF is quoted
    csv_text = frame.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n")
    return csv_text.encode("utf-8-sig")


def _number_format(column: str) -> str | None:
    name = column.lower()
    if name in RATE_COLUMNS or name.endswith("_rate") and "hourly" not in name:
        return PERCENT_FORMAT
    if name == "hours" or name.endswith("_hours"):
        return HOURS_FORMAT
    if name.startswith(MONEY_WORDS) or name.endswith(MONEY_WORDS) or name == "fees":
        return MONEY_FORMAT
    return None


def _sheet_title(name: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", str(name)).strip().strip("'")[:31] or "Sheet"
    base, n = title, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def _cell_value(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _write_sheet(ws, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = list(frame.columns)
    for j, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j, value=name)
        cell.data_type = "s"
        cell.quotePrefix = is_formula_like(name)
        cell.font = Font(bold=True)
    for j, name in enumerate(columns, start=1):
        values = frame[name]
        is_date = pd.api.types.is_datetime64_any_dtype(values)
        is_number = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        number_format = DATE_FORMAT if is_date else (_number_format(name) if is_number else None)
        width = len(str(name))
        for i, raw in enumerate(values.tolist(), start=2):
            value = _cell_value(raw)
            if value is None:
                continue
            cell = ws.cell(row=i, column=j)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # never a formula, whatever it starts with
                if is_formula_like(value):
                    cell.quotePrefix = True
                width = max(width, len(value))
            else:
                cell.value = value
                if number_format:
                    cell.number_format = number_format
                width = max(
                    width,
                    10
                    if is_date
                    else len(f"{value:,.2f}" if isinstance(value, float) else str(value)),
                )
        ws.column_dimensions[get_column_letter(j)].width = min(MAX_WIDTH, width + 2)
    ws.freeze_panes = "A2"


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per table, a sheet named "Summary" (any case) first.

    Each sheet: bold frozen header row, column widths fitted to the content (up to 50
    characters), money columns as #,##0.00, rates as 0.0%, hours as 0.00, dates as yyyy-mm-dd.
    Text cells are always text (formula-like ones with Excel's quote prefix), numbers numbers.
    """
    from openpyxl import Workbook

    if not sheets:
        raise ValueError("nothing to export: no tables were given")
    names = sorted(sheets, key=lambda n: str(n).casefold() != "summary")
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for name in names:
        ws = workbook.create_sheet(_sheet_title(name, taken))
        _write_sheet(ws, _as_table(sheets[name]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
