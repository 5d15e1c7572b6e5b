"""The books of one import: `Layout`, `ImportContext` and `ImportResult`.

An importer gets an `ImportContext` holding the file's rows as text. Its helpers parse amount and
date columns and reject unreadable cells; the importer skips, rejects or emits every row, and
`finish` turns what was emitted into an `ImportResult` (see `analytics.canonical`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics import parsing
from analytics.canonical import (
    NUMBER_FIELDS,
    TEXT_DTYPE,
    Coded,
    Part,
    canonical_table,
    codes_of,
    edge_bytes,
)
from analytics.schema import COLUMNS, KINDS, empty_transactions

REPORT_COLUMNS = ["row", "raw", "reason"]
# Rows whose amounts decide a file's decimal separator: a decimal-comma file shows it on
# nearly every amount, so the first few thousand rows settle it.
DECIMAL_SAMPLE_ROWS = 5000
_STATES = ["pending", "skipped", "rejected"]
_CLOCK = r"\d+:[0-5]\d(?::[0-5]\d)?"  # a duration as spreadsheets write it: 1:30, 01:30:00
# Durations written out: `1h30`, `1 h 30 min`, `2 hrs`, `1,5 Std.`, `90 min`, and LibreOffice's
# ISO 8601 `PT26H15M00S` (an .ods time cell of a day or more).
_UNIT_H = r"(?:h|hrs?|hours?|std|stunden?)\.?"
_UNIT_M = r"(?:m|mins?|minutes?)\.?"
_SPELLED_DURATIONS = [
    rf"(?P<h>\d+(?:[.,]\d+)?)\s*{_UNIT_H}(?:\s*(?P<m>[0-5]?\d)\s*(?:{_UNIT_M})?)?",
    rf"(?P<m>\d+(?:[.,]\d+)?)\s*{_UNIT_M}",
    r"PT(?=\d)(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?",
]


def duration_hours(cells: pd.Series) -> pd.Series:
    """Hours of each cell written as a duration (see `_CLOCK` and `_SPELLED_DURATIONS`), NaN
    for a cell that is none: `1:30` -> 1.5, `01:30:00` -> 1.5, `1h30` -> 1.5, `90 min` -> 1.5,
    `PT26H15M00S` -> 26.25."""
    text = cells.fillna("").astype(str).str.strip()
    hours = pd.Series(np.nan, index=cells.index, dtype="float64")
    clock = text.str.fullmatch(_CLOCK).fillna(False).astype(bool)
    if clock.any():
        parts = text[clock].str.split(":", expand=True).astype("float64")
        seconds = parts[2].fillna(0.0) if 2 in parts else 0.0
        hours[clock] = parts[0] + parts[1] / 60 + seconds / 3600
    for pattern in _SPELLED_DURATIONS:
        todo = hours.isna()
        if not todo.any():
            break
        found = text[todo].str.extract(f"^(?i:{pattern})$")
        found = found.apply(lambda part: part.str.replace(",", ".").astype("float64"))
        parts = found.reindex(columns=["h", "m", "s"])
        total = parts["h"].fillna(0.0) + parts["m"].fillna(0.0) / 60 + parts["s"].fillna(0.0) / 3600
        matched = parts.notna().any(axis=1)
        hours[matched[matched].index] = total[matched]
    return hours


def row_numbers(mask: pd.Series) -> str:
    """The file's row numbers of `mask`, the first five: "2, 3, 4, 5, 6 and 3 more"."""
    shown = ", ".join(str(n) for n in mask.index[mask][:5])
    return shown + ("" if mask.sum() <= 5 else f" and {int(mask.sum()) - 5} more")


def normalise_header(cell: str) -> str:
    """How header cells are compared: case-folded, BOM and outer spaces/quotes removed."""
    return " ".join(str(cell).replace("\ufeff", "").strip().strip('"').split()).casefold()


@dataclass(frozen=True)
class Layout:
    """One export layout of one platform, recognised by the header cells it must contain.

    `required` names are compared after `normalise_header`. When several layouts match a header,
    the one with the most required columns wins, so a specific layout beats a generic one.
    `from_json` turns a parsed JSON document into a table (None if it is not this layout).
    `unique_id` names the column (its spellings) holding the platform's own id of each row, if
    the layout has one: a row repeating an earlier row exactly, id included, is the same
    transaction twice (two downloads joined) and is skipped. `income_elsewhere`: for a layout
    that never holds income (a payouts report), where the income is instead.
    """

    platform: str
    name: str
    required: tuple[str, ...]
    parse: Callable[[ImportContext], None]
    forbidden: tuple[str, ...] = ()
    from_json: Callable[[object], pd.DataFrame | None] | None = None
    unique_id: tuple[str, ...] = ()
    income_elsewhere: str = ""

    def score(self, header: set[str]) -> int:
        if self.from_json is not None:
            return 0
        need = {normalise_header(c) for c in self.required}
        if not need <= header:
            return 0
        if any(normalise_header(c) in header for c in self.forbidden):
            return 0
        return len(need)


@dataclass
class ImportResult:
    """What `load_export` found in one file.

    `transactions` is the canonical table (see `analytics.schema`); `skipped` and `rejected` have
    the columns `row` (the row number a spreadsheet shows for it), `raw` (the row's text) and
    `reason`. Every data row of the file is in exactly one of the three.
    """

    platform: str
    transactions: pd.DataFrame
    rejected: pd.DataFrame
    skipped: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    layout: str = ""
    source: str = ""
    rows_read: int = 0
    header: list[str] = field(default_factory=list)
    # The file row each transaction came from (same order as `transactions`): one row can give
    # several transactions (a sale and its tax), so row-level reports go through this.
    transaction_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, "int64"))
    # The platform's ids of rows skipped because the payment never completed (PayPal: Denied,
    # Cancelled...): another download that still shows one of them as pending is out of date.
    never_completed: frozenset = frozenset()
    # The currency taken for the file's amounts when it names none (an Uber payments_order
    # report: USD), so that the user can say which it is; "" when the file names its currency.
    assumed_currency: str = ""
    # The latest day of the file's date column, rows skipped included (a payment still pending
    # on the last day is no sign of a download that ends early); NaT without dates.
    reaches: pd.Timestamp = pd.NaT
    # The account the file is of, when it names it (PayPal: the email address on the user's
    # side of most rows), lower case; "" when it does not. Two files of one platform with
    # different accounts may be someone else's download (`combine`'s note).
    account: str = ""

    @property
    def rows_imported(self) -> int:
        """Data rows that produced at least one transaction."""
        return self.rows_read - len(self.rejected) - len(self.skipped)

    def summary(self) -> str:
        return (
            f"{self.source}: {self.layout or self.platform} — {self.rows_imported:,} rows "
            f"imported, {len(self.skipped):,} skipped, {len(self.rejected):,} rejected"
        )


def _report(rows: pd.Index, raw, reasons: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": np.asarray(rows, dtype="int64"),
            "raw": raw(rows).array,
            "reason": reasons,
        }
    )


class ImportContext:
    """What an importer works with: the file's rows as text, and the books for every row.

    `frame` holds every data row (index = row number as a spreadsheet shows it), one column per
    header cell, all cells stripped strings. Importers call `skip`, `reject` and `emit`; amount
    and date helpers reject unreadable cells themselves, naming the column and the value.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        *,
        platform: str,
        source: str,
        raw,
        mapping: dict[str, str] | None = None,
        delimiter: str = "",
    ):
        self.frame = frame
        self.platform = platform
        self.source = source
        self.mapping = mapping or {}
        self._raw_for = raw
        self.raw_override: dict[int, str] = {}
        self.warnings: list[str] = []
        self.never_completed: set[str] = set()  # see ImportResult.never_completed
        self.assumed_currency = ""  # see ImportResult.assumed_currency
        self.account = ""  # see ImportResult.account
        self.decimal_comma: bool | None = None
        self.delimiter = delimiter
        self._lookup = {normalise_header(c): c for c in frame.columns}
        # The books, one entry per frame position: state (an index into _STATES), reason and
        # whether the row was emitted. Plain arrays keep marking cheap on a million rows.
        self._state = np.zeros(len(frame), dtype="int8")
        self._text_cache: dict[str, pd.Series] = {}
        self._reason = np.full(len(frame), "", dtype=object)
        self._emitted = np.zeros(len(frame), dtype=bool)
        self._parts: list[Part] = []
        self.reaches = pd.NaT  # see ImportResult.reaches

    # --- columns ---------------------------------------------------------------------------
    def column_name(self, *names: str) -> str | None:
        """The file's spelling of the first of `names` present (case and spaces ignored)."""
        for name in names:
            found = self._lookup.get(normalise_header(name))
            if found is not None:
                return found
        return None

    def has(self, *names: str) -> bool:
        return self.column_name(*names) is not None

    def text(self, *names: str, default: str = "") -> pd.Series:
        """A column's cells as stripped strings; `default` everywhere if the column is absent."""
        col = self.column_name(*names)
        if col is None:
            return pd.Series(default, index=self.frame.index, dtype=TEXT_DTYPE)
        if col not in self._text_cache:
            self._text_cache[col] = _column_text(self.frame[col])
        # A copy, so an importer that edits its Series in place cannot change the cache.
        return self._text_cache[col].copy()

    def raw_text(self, rows: pd.Index) -> pd.Series:
        """The original text of the given rows, for the skipped/rejected reports."""
        raw = self._raw_for(rows)
        for row, text in self.raw_override.items():
            if row in raw.index:
                raw.loc[row] = text
        return raw

    def _positions(self, rows: pd.Index) -> np.ndarray:
        """Frame position of each row label (-1 for labels not in the file)."""
        index = self.frame.index
        if isinstance(index, pd.RangeIndex) and index.step == 1:
            labels = np.asarray(rows)
            if labels.dtype.kind not in "iu":
                return index.get_indexer(rows)
            positions = labels.astype("int64") - index.start
            return np.where((positions >= 0) & (positions < len(index)), positions, -1)
        return index.get_indexer(rows)

    def _mask_positions(self, mask: pd.Series) -> np.ndarray:
        """Positions where a boolean Series aligned on row numbers is true."""
        if mask.index.equals(self.frame.index):
            return np.flatnonzero(mask.astype(bool).to_numpy())
        return np.flatnonzero(mask.reindex(self.frame.index, fill_value=False).astype(bool))

    @property
    def pending(self) -> pd.Index:
        """Rows not yet skipped or rejected."""
        return self.frame.index[self._state == 0]

    # --- books -----------------------------------------------------------------------------
    def _mark(self, mask, state: str, reason, cells: tuple[pd.Series, ...] = ()) -> None:
        if isinstance(mask, pd.Series):
            positions = self._mask_positions(mask)
        else:
            positions = self._positions(pd.Index(mask))
            positions = positions[positions >= 0]
        positions = positions[self._state[positions] == 0]
        if len(positions) == 0:
            return
        self._state[positions] = _STATES.index(state)
        if cells:  # a template: only the marked rows' cells are written into it
            pieces = str(reason).split("{}")
            if len(pieces) != len(cells) + 1:
                raise ValueError(f"reason {reason!r} needs {len(cells)} '{{}}' placeholders")
            values = [self._values_at_positions(column, positions) for column in cells]
            if len(values) == 1:
                # One filled-in cell (a state, a type): each distinct value's reason is
                # written once and shared by its rows.
                codes, distinct = pd.factorize(values[0], use_na_sentinel=False)
                reasons = np.array([pieces[0] + str(v) + pieces[1] for v in distinct], dtype=object)
                self._reason[positions] = reasons[codes]
                return
            text = pd.Series(pieces[0], index=self.frame.index[positions], dtype="str")
            for value, piece in zip(values, pieces[1:], strict=True):
                text = text + value + piece
            reason = text
        if isinstance(reason, pd.Series):
            if reason.index.equals(self.frame.index):
                picked = reason.take(positions)
            else:
                picked = reason.reindex(self.frame.index[positions])
            self._reason[positions] = picked.astype(str).to_numpy()
        else:
            self._reason[positions] = reason

    def _values_at_positions(self, column: pd.Series, positions: np.ndarray) -> pd.Series:
        """A column's cells at frame `positions` as text, indexed by their row numbers."""
        if column.index.equals(self.frame.index):
            picked = column.take(positions)
        else:
            picked = column.reindex(self.frame.index[positions])
        if picked.dtype == TEXT_DTYPE:
            return picked.fillna("")
        if pd.api.types.is_float_dtype(picked):  # amounts, written as money
            return picked.map(lambda v: "" if v != v else f"{v:.2f}").astype("str")
        return picked.astype(object).where(picked.notna(), "").astype(str).astype("str")

    def skip(self, mask, reason, *cells: pd.Series) -> None:
        """Leave rows out on purpose (totals, memos, holds): they never moved money.

        `reason` is a text, a Series of texts, or a template whose `{}` placeholders are filled
        with `cells` (columns) for the skipped rows only: `skip(mask, "'{}' never moved", kind)`.
        """
        self._mark(mask, "skipped", reason, cells)

    def reject(self, mask, reason, *cells: pd.Series) -> None:
        """Refuse rows that look like money but cannot be read; `reason` says what to fix
        (a text, a Series, or a template filled with `cells` as in `skip`)."""
        self._mark(mask, "rejected", reason, cells)

    def check_total(
        self,
        total: pd.Series,
        expected: pd.Series,
        *,
        total_label: str,
        expected_label: str,
        label_cells: tuple[pd.Series, ...] = (),
        what: str = "row",
    ) -> None:
        """Reject rows whose own total column disagrees with the total of its parts.

        A row is rejected where both `total` and `expected` are present and differ by half a
        cent or more. `expected_label` names the parts; its `{}` placeholders are filled with
        `label_cells` (amounts) for the rejected rows only.
        """
        mismatch = total.notna() & expected.notna() & ~parsing.money_equal(total, expected)
        if mismatch.any():
            self.reject(
                mismatch,
                f"{total_label} {{}} is not {expected_label} ({{}}): the {what} looks edited or "
                "cut off",
                total,
                *label_cells,
                expected,
            )

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # --- parsing helpers -------------------------------------------------------------------
    def decide_decimal_comma(self, *names: str, tie: bool | None = None) -> bool:
        """Whether the file's amounts use a decimal comma, decided once from the amounts'
        votes (see `parsing.decimal_votes`); when they do not settle it, `tie` (the layout's
        own convention), else a semicolon-separated file has a decimal comma."""
        if self.decimal_comma is None:
            # A sample decides: a decimal-comma file shows it on nearly every amount.
            cols = [
                self.frame[self.column_name(n)]
                .iloc[:DECIMAL_SAMPLE_ROWS]
                .astype("string")
                .fillna("")
                for n in names
                if self.has(n)
            ]
            comma, point, ambiguous = parsing.decimal_votes(*cols)
            if comma != point:
                self.decimal_comma = comma > point
            elif tie is not None:
                self.decimal_comma = tie
            else:
                # Nothing settles it (`1.500` is one and a half or fifteen hundred): a file
                # separated by semicolons comes from a spreadsheet whose decimal mark is the
                # comma, as in most of Europe.
                self.decimal_comma = ambiguous is not None and self.delimiter == ";"
            # a spreadsheet's or JSON page's numbers arrive written with a decimal point
            from_cells = not self.delimiter and tie is None and not self.decimal_comma
            if comma == point and ambiguous is not None and not from_cells:
                reading = (
                    "a point separating thousands (decimal comma)"
                    + ("" if tie is not None else ", as in files separated by semicolons")
                    if self.decimal_comma
                    else "a decimal point"
                )
                self.warn(
                    f"Amounts such as '{ambiguous}' can be read two ways, and no amount in the "
                    f"file settles it: they were read with {reading}. Check a few amounts."
                )
        return self.decimal_comma

    def number(self, *names: str, label: str | None = None) -> pd.Series:
        """Parse a non-money number column (hours, quantities) without rounding to the cent."""
        return self.amount(*names, label=label, decimals=None)

    def hours(self, *names: str, label: str | None = None) -> pd.Series:
        """Parse an hours column: decimal hours (`2.5`, `2,5` in a decimal-comma file) or a
        duration (`1:30`, `01:30:00`, `1h30`, `90 min`, `PT26H15M00S`; see `duration_hours`).
        A cell that is neither keeps its row, without hours (NaN), and a warning names the
        rows: the payment counts whatever its hours."""
        col = self.column_name(*names)
        if col is None:
            return pd.Series(np.nan, index=self.frame.index, dtype="float64")
        cells = self.frame[col]
        if pd.api.types.is_numeric_dtype(cells):
            return self.number(col, label=label)
        text = self.text(col)
        durations = parsing.on_uniques(text, duration_hours)
        spelled = durations.notna()
        any_spelled = bool(spelled.any())
        if self.decimal_comma is None:
            self.decide_decimal_comma(col)
        parsed = parsing.parse_amount(
            cells.where(~spelled) if any_spelled else cells,
            decimal_comma=bool(self.decimal_comma),
            decimals=None,
        )
        bad = parsed.bad & (self._state == 0)
        if bad.any():
            first = bad.idxmax()
            self.warn(
                f"{label or col}: {int(bad.sum()):,} cell(s) are not hours GigLens can read (e.g. "
                f"'{text[first]}' on row {first}); "
                + ("row {} was" if bad.sum() == 1 else "rows {} were").format(row_numbers(bad))
                + " imported without hours. Write hours as a number (1.5) or a duration (1:30)."
            )
        hours = parsed.values.mask(spelled, durations) if any_spelled else parsed.values
        return (hours.mask(parsed.bad) if bad.any() else hours).astype("float64")

    def _reject_unreadable(self, bad: pd.Series, col: str, label: str | None) -> None:
        """Reject the rows whose number in `col` could not be read, quoting the cell."""
        if bad.any():
            cells = self.text(col)[bad]
            reason = (
                "' is not an amount GigLens can read: write a number such as 1234.56 (a minus "
                "sign for money going out), correct the cell and add the file again"
            )
            filled = ~parsing.is_empty(self.text(col))
            # (two cells at least: one unreadable cell alone is as likely a typo)
            if (
                self.mapping
                and (bad | ~filled).all()
                and int(filled.sum()) >= 2
                and col in self.mapping.values()
            ):
                # not one amount in the column chosen: the choice, not the cells, is wrong
                reason = (
                    f"' is not an amount: column '{col}', chosen as an amount, holds none. "
                    "Choose the file's columns again on the Home page and pick the column of "
                    "amounts"
                )
            # a number too large to be a payment (parsing.LARGEST_AMOUNT) is said as such
            digits = cells.str.replace(r"[^\d.,eE+-]", "", regex=True).str.replace(",", "")
            huge = pd.to_numeric(digits, errors="coerce").abs() >= parsing.LARGEST_AMOUNT
            too_large = (
                "' is too large to be a payment (a trillion or more): check the cell, correct "
                "it and add the file again"
            )
            self.reject(
                bad,
                f"{label or col} '"
                + cells
                + pd.Series(reason, index=cells.index).mask(huge, too_large),
            )

    def amount(
        self, *names: str, label: str | None = None, decimals: int | None = 2, required: bool = True
    ) -> pd.Series:
        """Parse a money column; unreadable cells reject their row with the column and value.

        Empty cells (blank, `--`) become NaN; values are rounded to `decimals` (cents). If the
        column is absent, returns NaN (the layout match already guaranteed required columns).
        """
        col = self.column_name(*names)
        if col is None:
            return pd.Series(np.nan, index=self.frame.index, dtype="float64")
        if self.decimal_comma is None:
            self.decide_decimal_comma(col)
        parsed = parsing.parse_amount(
            self.frame[col], decimal_comma=bool(self.decimal_comma), decimals=decimals
        )
        self._reject_unreadable(parsed.bad, col, label)
        rounded = None if parsed.rounded is None else parsed.rounded.to_numpy() & (self._state == 0)
        if rounded is not None and rounded.any():  # rows still to import (not a totals row)
            rows = parsed.rounded.index[rounded]
            # numbers, not text: typed by the reader, or cells of a spreadsheet or JSON page
            typed = pd.api.types.is_numeric_dtype(self.frame[col]) or not self.delimiter
            self.warn(
                f"{label or col}: {len(rows)} amount(s) have more than {decimals} decimals (e.g. "
                f"'{self.frame[col].at[rows[0]]}' on row {rows[0]}) and were rounded to the cent."
                + (
                    ""
                    if typed
                    else " If the file writes thousands with a point (1.234 for one thousand two "
                    "hundred and thirty-four), save it with plain numbers and import it again."
                )
            )
        return parsed.values

    def date(
        self,
        *names: str,
        formats: list[str] | None = None,
        day_first: bool | None = None,
        label: str | None = None,
    ) -> pd.Series:
        """Parse a date column with one format for the whole file; reject unreadable cells."""
        col = self.column_name(*names)
        if col is None:
            return pd.Series(pd.NaT, index=self.frame.index, dtype="datetime64[ns]")
        return self.dates(self.frame[col], label=label or col, formats=formats, day_first=day_first)

    def dates(
        self,
        cells: pd.Series,
        *,
        label: str,
        formats: list[str] | None = None,
        day_first: bool | None = None,
    ) -> pd.Series:
        """Parse dates in a column or in a Series the importer built (e.g. date + time joined).

        One format for the whole file (see `parsing.parse_date`); only pending rows are read;
        unreadable or empty cells reject their rows with `label` in the reason. A file whose
        dates only read in a format other than the layout's `formats` (re-saved by a
        spreadsheet) gets a warning saying how they were read.
        """
        cells = self._aligned(cells)
        # Each distinct cell is parsed once; only cells of pending rows vote on the format,
        # each with the number of its rows.
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        pending = self._state == 0
        rows = np.bincount(codes[pending & (codes >= 0)], minlength=len(uniques))
        used = rows > 0
        distinct = pd.Series(np.asarray(uniques, dtype=object)[used], dtype=object)
        parsed, fmt = parsing.parse_date(distinct, formats, day_first=day_first, weights=rows[used])
        parsed, fmt = self._unswap_spreadsheet_dates(
            distinct, parsed, fmt, rows[used], label, formats
        )
        parsed, fmt = self._unswap_dotted_dates(distinct, parsed, fmt, rows[used], label, formats)
        if formats is not None and fmt not in (*formats, parsing.ISO, "excel", None):
            self.warn(
                f"Dates in column '{label}' were read as {parsing.describe_order(fmt)}: "
                "the file seems to have been re-saved by a spreadsheet."
            )
        # every row's date, skipped ones too: any of them may settle the order
        two_ways = parsing.ambiguous_order(pd.Series(np.asarray(uniques, dtype=object)), fmt)
        if two_ways and not any("can be read two ways" in w for w in self.warnings):
            cell, read, other = two_ways
            # the layout's own order (and not the other): right unless a spreadsheet re-saved it
            own = formats is not None and fmt in formats and parsing.other_order(fmt) not in formats
            self.warn(
                f"Every date in column '{label}' can be read two ways (is '{cell}' "
                f"{read:%-d %B} or {other:%-d %B}?). GigLens read them as "
                f"{parsing.describe_order(fmt)}"
                + (", as this export writes them" if own else "")
                + f", so '{cell}' is {read:%-d %B %Y}. "
                + (
                    "Only if you opened and saved the file in a spreadsheet set to the other "
                    "order, check a date you know."
                    if own
                    else "Check a date you know; a download that includes a day after the 12th "
                    "of a month settles it."
                )
            )
        # Per distinct value (the last slot is a missing cell): date, unreadable, empty.
        values = np.full(len(uniques) + 1, np.datetime64("NaT"), dtype="datetime64[ns]")
        values[:-1][used] = parsed.values.to_numpy(dtype="datetime64[ns]")
        bad = np.zeros(len(uniques) + 1, dtype=bool)
        bad[:-1][used] = parsed.bad.to_numpy(dtype=bool)
        empty = np.ones(len(uniques) + 1, dtype=bool)
        empty[:-1] = parsing.is_empty(pd.Series(np.asarray(uniques, dtype=object))).to_numpy()
        slots = np.where(codes < 0, len(uniques), codes)
        bad_rows = pending & bad[slots]
        if bad_rows.any():
            self._warn_mixed_orders(distinct, parsed, fmt, rows[used], label)
            at = self.frame.index[bad_rows]
            shown = cells[bad_rows].astype("string").fillna("").str.strip()
            example = parsing.describe_format(fmt)
            read = pending & ~bad[slots] & ~empty[slots]
            like = (
                f"a real date written like the file's other dates ({example})"
                if read.any()
                else f"a date GigLens can read, such as {example}"
            )
            # 46082: a spreadsheet's date serial (days since 1899-12-30) in a General column
            serial = shown.str.fullmatch(r"[2-7]\d{4}(?:\.\d+)?").fillna(False).to_numpy(bool)
            if serial.any():
                self.reject(
                    at[serial],
                    f"{label} '"
                    + shown[serial]
                    + "' is a spreadsheet's date shown as a number: in the spreadsheet, format "
                    "the column as a date (in Excel: Home › Number Format › Short Date), save, "
                    "and add the file again",
                )
            # 3/11/2026 typed as text among a workbook's real date cells (read as 2025-12-31):
            # a date written another way, not a broken one
            in_a_sheet = not self.delimiter  # cells of a workbook, not lines of text
            other_way = np.zeros(len(shown), dtype=bool)
            if read.any() and in_a_sheet and str(fmt) in ("ISO8601", "%Y-%m-%d"):
                other_way = _a_date_written_day_month(shown).to_numpy(bool) & ~serial
            if other_way.any():
                self.reject(
                    at[other_way],
                    f"{label} '"
                    + shown[other_way]
                    + f"' is written differently from the column's other dates ({example}): "
                    "write it like them (or type it again as a date in the spreadsheet) and add "
                    "the file again",
                )
            self.reject(
                at[~serial & ~other_way],
                f"{label} '"
                + shown[~serial & ~other_way]
                + f"' is not {like}: correct the cell and add the file again",
            )
        empty_rows = pending & empty[slots]
        if empty_rows.any():
            self.reject(
                self.frame.index[empty_rows],
                f"{label} is empty: a transaction needs a date. Fill it in, or delete the row if "
                "it is not a transaction",
            )
        dates = values[slots]
        dates[~pending] = np.datetime64("NaT")
        return pd.Series(dates, index=self.frame.index, copy=False)

    def _unswap_spreadsheet_dates(self, distinct, parsed, fmt, weights, label: str, formats):
        """Undo what a spreadsheet set to the other day/month order does to a file it opens:
        the dates it can read its way (day 12 or less) become real date cells with day and
        month swapped (01/07/2016, 1 July, becomes 7 January), the others stay text
        (22/06/2016). The sign: real date cells (read as ISO, `2016-01-07`) beside text dates
        that read in one day/month order only, and no real date with a day above 12. Those
        real dates are swapped back, with a warning. In a text file only beside text dates in
        the layout's own day/month order (a spreadsheet shown year-first saves its dates as
        `2016-01-07`): ISO dates in a file whose layout takes them, such as the template, are
        as written. Returns the dates and their format."""
        text_file = bool(self.delimiter)
        if text_file and not (
            formats and parsing.ISO not in formats and fmt in formats and parsing.other_order(fmt)
        ):
            return parsed, fmt
        values = parsed.values
        text = parsing.as_text(distinct)
        iso = (values.notna() & text.str.fullmatch(parsing.ISO_CELL).fillna(False)).to_numpy(bool)
        if not iso.any() or (values[iso].dt.day > 12).any():
            return parsed, fmt
        others = ~iso & ~parsing.is_empty(distinct).to_numpy()
        if not others.any():
            return parsed, fmt
        order = fmt if parsing.other_order(fmt) else None
        if order is None:  # the real dates outnumber the text: which order fits the text?
            for candidate in [*(formats or []), *parsing.SPREADSHEET_DATE_FORMATS]:
                if parsing.other_order(candidate) and (
                    parsing.read_with(distinct[others], candidate).notna().all()
                ):
                    order = candidate
                    break
            if order is None:
                return parsed, fmt
        written = parsing.read_with(distinct[others], order)
        if written.isna().all() or (
            parsing.read_with(distinct[others], parsing.other_order(order)).notna().any()
        ):
            return parsed, fmt
        turned = values[iso]
        back = pd.to_datetime(
            pd.DataFrame({"year": turned.dt.year, "month": turned.dt.day, "day": turned.dt.month})
        ) + (turned - turned.dt.normalize())
        changed = (back != turned).to_numpy()
        if not changed.any():
            return parsed, fmt
        values = values.copy()
        values[back.index] = back
        values[written.index] = written
        bad = parsed.bad & values.isna()
        first = back.index[changed][0]
        example = distinct[written.first_valid_index()]
        held = "year-first dates" if text_file else "real spreadsheet dates"
        self.warn(
            f"Column '{label}' holds {int(weights[iso].sum()):,} row(s) with {held} "
            f"beside dates written as text in {parsing.describe_order(order)} (such as "
            f"'{example}'): a spreadsheet set to {parsing.describe_order(parsing.other_order(order))} "
            "turned the dates it could read its way into dates with day and month swapped, "
            f"and left the others as text. GigLens swapped them back ({turned[first]:%Y-%m-%d} "
            f"is read as {back[first]:%-d %B %Y}). Check a date you know; better, add the "
            "file as the platform exported it."
        )
        return parsing.Parsed(values, bad), order

    def _unswap_dotted_dates(self, distinct, parsed, fmt, weights, label: str, formats):
        """Undo what a spreadsheet set to day-first (a German Excel) does to a month-first text
        export it opens and saves: the dates it can read its way (both numbers 12 or less)
        become its own dates, written day.month.year with day and month swapped (7/11/2024,
        11 July, becomes 07.11.2024); the others stay as the export wrote them (7/19/2024).
        The sign, in a text file whose layout writes month/day/year first: dotted dates, each
        with both numbers 12 or less, beside slash dates that all read month-first and some
        only that way. The dotted dates are swapped back, with a warning."""
        month_first = "%m/%d/%Y"
        if not self.delimiter or not formats or formats[0] != month_first:
            return parsed, fmt
        text = parsing.as_text(distinct).str.strip()
        dotted = text.str.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}").fillna(False).to_numpy(bool)
        others = ~dotted & ~parsing.is_empty(distinct).to_numpy()
        if not dotted.any() or not others.any():
            return parsed, fmt
        written = parsing.read_with(distinct[others], month_first)
        if written.isna().any() or parsing.read_with(distinct[others], "%d/%m/%Y").notna().all():
            return parsed, fmt
        shown = parsing.read_with(distinct[dotted], "%d.%m.%Y")  # as the spreadsheet shows it
        back = parsing.read_with(distinct[dotted], "%m.%d.%Y")
        if shown.isna().any() or back.isna().any():
            return parsed, fmt
        values = parsed.values.copy()
        values[back.index] = back
        values[written.index] = written
        first = back.index[(back != shown).to_numpy()]
        example = distinct[written.index[0]]
        self.warn(
            f"Column '{label}' holds {int(weights[dotted].sum()):,} row(s) with dates written "
            f"day.month.year beside dates written month/day/year as the platform exports them "
            f"(such as '{example}'): a spreadsheet set to day/month/year turned the dates it "
            "could read its way into its own dates with day and month swapped, and left the "
            "others as they were. GigLens swapped them back"
            + (
                f" ('{distinct[first[0]]}' is read as {back[first[0]]:%-d %B %Y})"
                if len(first)
                else ""
            )
            + ". Check a date you know; better, add the file as the platform exported it."
        )
        return parsing.Parsed(values, parsed.bad & values.isna()), month_first

    def _warn_mixed_orders(self, distinct, parsed, fmt, weights, label: str) -> None:
        """Warn when some dates that do not fit the file's format read in the other day/month
        order: the file mixes both, so its dates that fit both (day 12 or less) may be wrong."""
        swapped = parsing.other_order(fmt)
        if swapped is None:
            return
        unread = parsed.bad.to_numpy(dtype=bool)
        other = np.zeros(int(unread.sum()), dtype=bool)
        for written in parsing.other_orders(fmt):  # 14-02-2025 beside 03/01/2025 counts too
            other |= parsing.read_with(distinct[unread], written).notna().to_numpy()
        if not other.any():
            return
        read = ~unread & parsed.values.notna().to_numpy()
        both = np.zeros(len(distinct), dtype=bool)
        both[read] = (parsing.read_with(distinct[read], swapped) != parsed.values[read]).to_numpy()
        both &= parsing.read_with(distinct, swapped).notna().to_numpy()
        self.warn(
            f"Column '{label}' mixes {parsing.describe_order(fmt)} with "
            f"{parsing.describe_order(swapped)}: {int(weights[unread][other].sum()):,} row(s) "
            f"only fit the second and were rejected, and {int(weights[both].sum()):,} row(s) that "
            "fit both (day 12 or less) were read the first way. Check those dates."
        )

    # --- output ----------------------------------------------------------------------------
    def emit(self, rows, **values) -> None:
        """Record transactions for `rows` (an Index or boolean mask) that are still pending.

        `values` are canonical fields (date, kind, gross, fee, net, currency, hours, client,
        description, reference, platform), each a scalar or a Series aligned on row numbers.
        `fee` defaults to 0 and `net` to gross - fee; a given `net` that disagrees with
        gross - fee rejects the row. A row may be emitted more than once (e.g. sale + fee).
        """
        if isinstance(rows, pd.Series):
            positions = self._mask_positions(rows)
        else:
            positions = self._positions(pd.Index(rows))
            positions = positions[positions >= 0]
        positions = positions[self._state[positions] == 0]
        if len(positions) == 0:
            return
        numbers: dict[str, np.ndarray] = {}
        texts: dict[str, object] = {}
        whole_date = values.get("date")
        if isinstance(whole_date, pd.Series) and pd.api.types.is_datetime64_any_dtype(whole_date):
            # the column as the importer parsed it, rows it skipped included
            latest = whole_date.max()
            if pd.notna(latest) and (pd.isna(self.reaches) or latest > self.reaches):
                self.reaches = latest
        for key, value in values.items():
            if key not in COLUMNS:
                raise KeyError(f"unknown transaction field {key!r}")
            if key in NUMBER_FIELDS:
                numbers[key] = self._numbers_at(key, value, positions)
            else:
                texts[key] = self._whole_column(value)
        index = self.frame.index
        gross = numbers.get("gross", np.full(len(positions), np.nan))
        given_fee = numbers.get("fee", np.zeros(len(positions)))
        fee = np.nan_to_num(given_fee, nan=0.0)
        # a fee-only row (gross 0) whose fee cell is empty has no amount either
        no_amount = np.isnan(gross) | ((gross == 0) & np.isnan(given_fee))
        if no_amount.any():
            self.reject(index[positions[no_amount]], parsing.NO_AMOUNT)
        dates = numbers.get("date", np.full(len(positions), np.datetime64("NaT"), "M8[ns]"))
        no_date = np.isnat(dates)
        if no_date.any():
            self.reject(
                index[positions[no_date]],
                "no date on this row: fill it in, or delete the row if it is not a transaction",
            )
        # `+ 0.0` turns a negative zero (`-0.00` in a file, or -Fee of 0.00) into 0.00.
        gross = np.round(gross, 2) + 0.0
        fee = np.round(fee, 2) + 0.0
        computed = np.round(gross - fee, 2) + 0.0
        if "net" in numbers:
            given = numbers["net"]
            with np.errstate(invalid="ignore"):
                mismatch = ~np.isnan(given) & ~(np.abs(given - computed) < 0.005)
            if mismatch.any():
                reasons = [
                    f"net {n:.2f} is not gross {g:.2f} minus fee {f:.2f} ({g - f:.2f}): in a "
                    "file you filled in, correct the amount that is wrong; a platform's export "
                    "looks edited or cut off, download it again"
                    for n, g, f in zip(given[mismatch], gross[mismatch], fee[mismatch], strict=True)
                ]
                at = index[positions[mismatch]]
                self.reject(at, pd.Series(reasons, index=at))
        numbers.update(gross=gross, fee=fee, net=computed, date=dates)
        kinds = self._values_of(texts.get("kind"), positions)
        present = np.bincount(kinds.codes, minlength=len(kinds.values)) > 0
        unknown = set(kinds.values[present]) - set(KINDS)
        if unknown:
            raise ValueError(f"importer produced unknown kinds {unknown}")
        # Money without a currency cannot be added to anything; only time entries have none.
        currency = self._values_of(texts.get("currency"), positions)
        blank = np.array([str(c).strip() == "" for c in currency.values], dtype=bool)
        not_code = np.array(
            [re.fullmatch(r"[A-Za-z]{3}", str(c).strip()) is None for c in currency.values],
            dtype=bool,
        )
        timed = np.array([k == "time" for k in kinds.values], dtype=bool)
        no_currency = ~timed[kinds.codes] & blank[currency.codes]
        if no_currency.any():
            self.reject(
                index[positions[no_currency]],
                "no currency on this row: GigLens cannot tell which money this is",
            )
        odd = ~timed[kinds.codes] & ~blank[currency.codes] & not_code[currency.codes]
        if odd.any():  # `--`, `$`: not a code to add money up by
            rows = index[positions[odd]]
            shown = np.asarray(currency.values, dtype=object)[currency.codes[odd]]
            reasons = [f"currency '{c}' is not a currency code such as USD or EUR" for c in shown]
            self.reject(rows, pd.Series(reasons, index=rows))
        keep = self._state[positions] == 0
        self._emitted[positions[keep]] = True
        self._parts.append(Part(positions, numbers, texts).keep(keep))

    def _numbers_at(self, key: str, value, positions: np.ndarray) -> np.ndarray:
        """A number field (or the date) at `positions` as a NumPy array."""
        dtype = "datetime64[ns]" if key == "date" else "float64"
        if not isinstance(value, pd.Series):
            if key == "date":
                value = pd.Timestamp(value) if value is not None else pd.NaT
                return np.full(len(positions), value.to_datetime64(), dtype=dtype)
            return np.full(len(positions), np.nan if value is None else value, dtype=dtype)
        value = self._aligned(value)
        if key == "date":
            if not pd.api.types.is_datetime64_any_dtype(value):
                value = pd.to_datetime(value)
            values = value.to_numpy(dtype="datetime64[ns]")
        else:
            values = pd.to_numeric(value, errors="coerce").to_numpy(
                dtype="float64", na_value=np.nan
            )
        # `positions` are sorted and distinct: as many as the rows means every row, in order.
        return values if len(positions) == len(values) else values[positions]

    def _whole_column(self, value):
        """A text field as a scalar or a Series over the whole frame (read at finish)."""
        return self._aligned(value) if isinstance(value, pd.Series) else value

    def _aligned(self, series: pd.Series) -> pd.Series:
        """`series` on the frame's rows (row numbers it lacks are missing)."""
        return series if series.index.equals(self.frame.index) else series.reindex(self.frame.index)

    def _values_of(self, value, positions: np.ndarray) -> Coded:
        """A text field's distinct values as text (missing is "") and its codes at positions."""
        if isinstance(value, pd.Series):
            codes, distinct = codes_of(value)
            text = ["" if v is None or v is pd.NA or v != v else str(v) for v in distinct]
            return Coded(codes[positions], pd.Series(text, dtype=object))
        return Coded(
            np.zeros(len(positions), dtype=np.int64), pd.Series([str(value)], dtype=object)
        )

    def finish(self, layout: Layout) -> ImportResult:
        leftover = (self._state == 0) & ~self._emitted
        if leftover.any():
            self.reject(
                self.frame.index[leftover],
                "GigLens did not recognise this kind of row; nothing was imported from it. If it is "
                "income, add it with the GigLens template (download it on the Home page)",
            )
        # A row rejected after it was emitted (e.g. by a second emit) must not stay imported.
        still_ok = self._state == 0
        parts = [p.keep(still_ok[p.positions]) for p in self._parts]
        parts = [p for p in parts if len(p.positions)]
        if parts:
            table, rows = canonical_table(parts, self.platform, self.source)
            rows = np.asarray(self.frame.index[rows], dtype="int64")
        else:
            table, rows = empty_transactions(), np.zeros(0, "int64")
        skipped = np.flatnonzero(self._state == _STATES.index("skipped"))
        rejected = np.flatnonzero(self._state == _STATES.index("rejected"))
        return ImportResult(
            platform=layout.platform,
            transactions=table,
            rejected=_report(self.frame.index[rejected], self.raw_text, self._reason[rejected]),
            skipped=_report(self.frame.index[skipped], self.raw_text, self._reason[skipped]),
            warnings=list(self.warnings),
            layout=layout.name,
            source=self.source,
            rows_read=len(self.frame),
            transaction_rows=rows,
            never_completed=frozenset(self.never_completed),
            assumed_currency=self.assumed_currency,
            account=self.account,
            reaches=self.reaches,
        )


def _column_text(column: pd.Series) -> pd.Series:
    """A frame column as stripped text (see `ImportContext.text`)."""
    if column.dtype == TEXT_DTYPE:
        # Already Arrow text: stripping every cell beats factorizing and spreading back.
        import pyarrow.compute as pc

        cells = column.array.__arrow_array__()
        cells = pc.fill_null(cells, "") if cells.null_count else cells
        stripped = pc.utf8_trim_whitespace(cells) if _may_need_trim(cells) else cells
        return pd.Series(
            pd.arrays.ArrowStringArray(stripped, dtype=TEXT_DTYPE), index=column.index, copy=False
        )
    return parsing.on_uniques(column, _stripped_text)


# First or last bytes that may belong to whitespace: ASCII spaces and controls, and any byte of
# a multi-byte character (U+00A0, U+2000-U+200A, U+3000 ... are whitespace too).
def _a_date_written_day_month(cells: pd.Series) -> pd.Series:
    """Whether each cell is a real date written day and month first, either way round
    (3/11/2026, 25.12.2025, 12-25-25): not the ISO form, and a day of the calendar read
    day-first or month-first (31/02/2024 is neither)."""
    text = cells.astype("string").fillna("").str.strip()
    shaped = text.str.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})").fillna(False)
    slashed = text.str.replace(r"[.-]", "/", regex=True)
    real = pd.Series(False, index=cells.index)
    for fmt in ("%d/%m/%Y", "%m/%d/%Y", "%d/%m/%y", "%m/%d/%y"):
        real |= pd.to_datetime(slashed, format=fmt, errors="coerce").notna()
    return (shaped & real).astype(bool)


_MAY_BE_SPACE = np.zeros(256, dtype=bool)
_MAY_BE_SPACE[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True
_MAY_BE_SPACE[128:] = True


def _may_need_trim(cells) -> bool:
    """Whether any cell may start or end with whitespace, judged from its first and last byte
    (a quick look at the Arrow buffers; False means stripping would change nothing)."""
    first, last, filled = edge_bytes(cells)
    return bool(((_MAY_BE_SPACE[first] | _MAY_BE_SPACE[last]) & filled).any())


def _stripped_text(values: pd.Series) -> pd.Series:
    """Cells as stripped text (Arrow-backed, so importers' string operations run vectorised)."""
    return values.astype("string").fillna("").str.strip().astype(TEXT_DTYPE)
