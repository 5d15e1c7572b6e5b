"""`load_export`: any platform export in, one canonical transaction table out.

The loader finds the table in the file (sheet, header row, delimiter), picks the platform layout
from the header cells, and hands an `ImportContext` to that layout's importer. The context keeps
the books: every data row ends up imported, skipped with a reason or rejected with a reason.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics import parsing, reading
from analytics.errors import ImportFailed, UnknownFormat
from analytics.schema import COLUMNS, KINDS, empty_transactions, stream_for

HEADER_SCAN_ROWS = 60
TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default `str` dtype
REPORT_COLUMNS = ["row", "raw", "reason"]
_STATES = ["pending", "skipped", "rejected"]


def normalise_header(cell: str) -> str:
    """How header cells are compared: case-folded, BOM and outer spaces/quotes removed."""
    return " ".join(str(cell).replace("\ufeff", "").strip().strip('"').split()).casefold()


@dataclass(frozen=True)
class Layout:
    """One export layout of one platform, recognised by the header cells it must contain.

    `required` names are compared after `normalise_header`. When several layouts match a header,
    the one with the most required columns wins, so a specific layout beats a generic one.
    `from_json` turns a parsed JSON document into a table (None if it is not this layout).
    """

    platform: str
    name: str
    required: tuple[str, ...]
    parse: Callable[[ImportContext], None]
    forbidden: tuple[str, ...] = ()
    from_json: Callable[[object], pd.DataFrame | None] | None = None

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

    @property
    def rows_imported(self) -> int:
        """Data rows that produced at least one transaction."""
        return self.rows_read - len(self.rejected) - len(self.skipped)

    def summary(self) -> str:
        return (
            f"{self.source}: {self.layout or self.platform} — {self.rows_imported} rows imported, "
            f"{len(self.skipped)} skipped, {len(self.rejected)} rejected"
        )


def _report(rows: pd.Index, raw, reason) -> pd.DataFrame:
    reasons = reason.reindex(rows) if isinstance(reason, pd.Series) else reason
    return pd.DataFrame(
        {
            "row": np.asarray(rows, dtype="int64"),
            "raw": raw(rows).to_numpy(),
            "reason": reasons.to_numpy() if isinstance(reasons, pd.Series) else reasons,
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
    ):
        self.frame = frame
        self.platform = platform
        self.source = source
        self.mapping = mapping or {}
        self._raw_for = raw
        self.raw_override: dict[int, str] = {}
        self.warnings: list[str] = []
        self.decimal_comma: bool | None = None
        self._lookup = {normalise_header(c): c for c in frame.columns}
        # Categorical: comparing and setting states stays cheap on a million rows.
        self._state = pd.Series(
            pd.Categorical.from_codes(np.zeros(len(frame), dtype="int8"), categories=_STATES),
            index=frame.index,
        )
        self._text_cache: dict[str, pd.Series] = {}
        self._reason = pd.Series("", index=frame.index, dtype="object")
        self._emitted = pd.Series(False, index=frame.index)
        self._parts: list[pd.DataFrame] = []

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
            return pd.Series(default, index=self.frame.index, dtype="object")
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

    def _is_pending(self, rows: pd.Index) -> np.ndarray:
        """Per row label, whether it is still pending (False for labels not in the file)."""
        return (self._state.reindex(rows) == "pending").to_numpy()

    @property
    def pending(self) -> pd.Index:
        """Rows not yet skipped or rejected."""
        return self._state.index[self._state == "pending"]

    # --- books -----------------------------------------------------------------------------
    def _mark(self, mask, state: str, reason) -> None:
        if isinstance(mask, pd.Series):
            mask = mask.reindex(self.frame.index, fill_value=False).astype(bool)
            rows = mask.index[mask]
        else:
            rows = pd.Index(mask)
        rows = rows[self._is_pending(rows)]
        if len(rows) == 0:
            return
        self._state.loc[rows] = state
        if isinstance(reason, pd.Series):
            self._reason.loc[rows] = reason.reindex(rows).astype(str).to_numpy()
        else:
            self._reason.loc[rows] = reason

    def skip(self, mask, reason) -> None:
        """Leave rows out on purpose (totals, memos, holds): they never moved money."""
        self._mark(mask, "skipped", reason)

    def reject(self, mask, reason) -> None:
        """Refuse rows that look like money but cannot be read; `reason` says what to fix."""
        self._mark(mask, "rejected", reason)

    def check_total(
        self,
        total: pd.Series,
        expected: pd.Series,
        *,
        total_label: str,
        expected_label: str | pd.Series,
        what: str = "row",
    ) -> None:
        """Reject rows whose own total column disagrees with the total of its parts.

        A row is rejected where both `total` and `expected` are present and differ by half a
        cent or more. `expected_label` names the parts (a string, or one per row).
        """
        mismatch = total.notna() & expected.notna() & ~parsing.money_equal(total, expected)
        if mismatch.any():
            self.reject(
                mismatch,
                f"{total_label} "
                + total[mismatch].map("{:.2f}".format)
                + " is not "
                + expected_label
                + " ("
                + expected[mismatch].map("{:.2f}".format)
                + f"): the {what} looks edited or cut off",
            )

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # --- parsing helpers -------------------------------------------------------------------
    def decide_decimal_comma(self, *names: str) -> bool:
        if self.decimal_comma is None:
            # A sample decides: a decimal-comma file shows it on nearly every amount.
            cols = [
                self.frame[self.column_name(n)].iloc[:20000].astype("string").fillna("")
                for n in names
                if self.has(n)
            ]
            self.decimal_comma = parsing.detect_decimal_comma(*cols)
        return self.decimal_comma

    def number(self, *names: str, label: str | None = None) -> pd.Series:
        """Parse a non-money number column (hours, quantities) without rounding to the cent."""
        return self.amount(*names, label=label, decimals=None)

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
        if parsed.bad.any():
            bad_text = self.text(col)[parsed.bad]
            self.reject(
                parsed.bad,
                f"{label or col} " + ("'" + bad_text + "' is not an amount GigLens can read"),
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
        pending = self.pending
        parsed, fmt = parsing.parse_date(self.frame.loc[pending, col], formats, day_first=day_first)
        values = parsed.values.reindex(self.frame.index)
        if parsed.bad.any():
            bad_text = self.text(col).reindex(parsed.bad.index)[parsed.bad]
            example = parsing.describe_format(fmt)
            self.reject(
                parsed.bad[parsed.bad],
                f"{label or col} '"
                + bad_text
                + f"' is not a date like the rest of the file ({example})",
            )
        empty = parsing.is_empty(self.frame.loc[pending, col])
        if empty.any():
            self.reject(empty[empty], f"{label or col} is empty: a transaction needs a date")
        return values

    # --- output ----------------------------------------------------------------------------
    def emit(self, rows, **values) -> None:
        """Record transactions for `rows` (an Index or boolean mask) that are still pending.

        `values` are canonical fields (date, kind, gross, fee, net, currency, hours, client,
        description, reference, platform), each a scalar or a Series aligned on row numbers.
        `fee` defaults to 0 and `net` to gross - fee; a given `net` that disagrees with
        gross - fee rejects the row. A row may be emitted more than once (e.g. sale + fee).
        """
        if isinstance(rows, pd.Series):
            rows = rows.reindex(self.frame.index, fill_value=False).astype(bool)
            rows = rows.index[rows]
        rows = pd.Index(rows)
        rows = rows[self._is_pending(rows)]
        if len(rows) == 0:
            return
        part = pd.DataFrame(index=rows)
        for key, value in values.items():
            if key not in COLUMNS:
                raise KeyError(f"unknown transaction field {key!r}")
            part[key] = value.reindex(rows) if isinstance(value, pd.Series) else value
        if "fee" not in part:
            part["fee"] = 0.0
        part["fee"] = part["fee"].fillna(0.0)
        bad = part["gross"].isna()
        if bad.any():
            self.reject(bad[bad], "no amount on this row")
        if part["date"].isna().any():
            missing = part["date"].isna()
            self.reject(missing[missing], "no date on this row")
        # `+ 0.0` turns a negative zero (`-0.00` in a file, or -Fee of 0.00) into 0.00.
        part["gross"] = part["gross"].round(2) + 0.0
        part["fee"] = part["fee"].round(2) + 0.0
        computed = (part["gross"] - part["fee"]).round(2) + 0.0
        if "net" in part:
            given = part["net"]
            mismatch = given.notna() & ~parsing.money_equal(given, computed)
            if mismatch.any():
                detail = (
                    "net "
                    + given[mismatch].map("{:.2f}".format)
                    + " is not gross "
                    + part.loc[mismatch, "gross"].map("{:.2f}".format)
                    + " minus fee "
                    + part.loc[mismatch, "fee"].map("{:.2f}".format)
                    + ": the row looks edited or cut off"
                )
                self.reject(mismatch[mismatch], detail)
        part["net"] = computed
        kinds = part["kind"].astype(str)
        if not kinds.isin(KINDS).all():
            raise ValueError(f"importer produced unknown kinds {set(kinds) - set(KINDS)}")
        # Money without a currency cannot be added to anything; only time entries have none.
        currency = part["currency"] if "currency" in part else pd.Series("", index=part.index)
        no_currency = (kinds != "time") & (currency.fillna("").astype(str).str.strip() == "")
        if no_currency.any():
            self.reject(
                no_currency[no_currency],
                "no currency on this row: GigLens cannot tell which money this is",
            )
        keep = self._is_pending(part.index)
        part = part[keep]
        self._emitted.loc[part.index] = True
        part["_row"] = part.index.to_numpy()
        self._parts.append(part.reset_index(drop=True))

    def finish(self, layout: Layout) -> ImportResult:
        leftover = (self._state == "pending") & ~self._emitted
        if leftover.any():
            self.reject(
                leftover[leftover],
                "GigLens did not recognise this kind of row; nothing was imported from it",
            )
        # A row rejected after it was emitted (e.g. by a second emit) must not stay imported.
        still_ok = self._state == "pending"
        parts = [p[still_ok.reindex(p["_row"]).to_numpy()] for p in self._parts]
        parts = [p for p in parts if not p.empty]
        if parts:
            table, rows = _canonical_table(parts, self.platform, self.source)
        else:
            table, rows = empty_transactions(), np.zeros(0, "int64")
        skipped = self._state.index[self._state == "skipped"]
        rejected = self._state.index[self._state == "rejected"]
        return ImportResult(
            platform=layout.platform,
            transactions=table,
            rejected=_report(rejected, self.raw_text, self._reason),
            skipped=_report(skipped, self.raw_text, self._reason),
            warnings=list(self.warnings),
            layout=layout.name,
            source=self.source,
            rows_read=len(self.frame),
            transaction_rows=rows,
        )


@dataclass(frozen=True)
class _Coded:
    """A text column as integer codes into its distinct values (each value cleaned once).

    `codes` are in the emitted parts' order; `values` holds the cleaned distinct strings.
    """

    codes: np.ndarray
    values: pd.Series

    def hashes(self) -> np.ndarray:
        """uint64 hash per cell of the cleaned text (each distinct value hashed once)."""
        cells = self.values.astype(TEXT_DTYPE).fillna("").to_numpy(dtype=object)
        return pd.util.hash_array(cells, categorize=False)[self.codes]

    def canonical(self) -> _Coded:
        """The same column as conform's `fillna("").astype(str)` text, duplicates merged."""
        text = self.values.fillna("").astype(str)
        codes, uniques = pd.factorize(text)
        return _Coded(codes[self.codes], pd.Series(uniques, dtype=text.dtype))

    def strings(self, order: np.ndarray | None) -> pd.Series:
        """The cells (as conform writes them) in `order`."""
        canon = self.canonical()
        codes = canon.codes if order is None else canon.codes[order]
        return canon.values.take(codes).reset_index(drop=True)

    def categorical(self, order: np.ndarray | None) -> pd.Categorical:
        """The cells as the categorical `astype("category")` would give (sorted categories)."""
        canon = self.canonical()
        codes = canon.codes if order is None else canon.codes[order]
        used = np.bincount(codes, minlength=len(canon.values)) > 0
        # Only values that occur become categories, as with astype("category").
        dtype = canon.values[used].astype("category").dtype
        category_code = np.full(len(canon.values), -1, dtype="int64")
        category_code[used] = dtype.categories.get_indexer(canon.values[used])
        return pd.Categorical.from_codes(category_code[codes], dtype=dtype)


def _coded(values: pd.Series | None, length: int, clean=None) -> _Coded:
    """Factorize a text column once; `clean` (distinct values -> cleaned values) runs on the
    distinct values only. A missing column is all-missing."""
    if values is None:
        codes = np.full(length, -1, dtype="int64")
        uniques = np.zeros(0, dtype=object)
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        uniques = np.asarray(uniques, dtype=object)
    missing = codes < 0
    if missing.any():  # missing cells get one extra distinct value, None
        codes = np.where(missing, len(uniques), codes)
        uniques = np.append(uniques, None)
    distinct = pd.Series(uniques, dtype=object)
    if clean is not None:
        distinct = clean(distinct).reset_index(drop=True)
    return _Coded(np.asarray(codes, dtype="int64"), distinct)


def _constant_category(value: str, length: int) -> pd.Categorical:
    dtype = pd.Series([value]).astype(str).astype("category").dtype
    return pd.Categorical.from_codes(np.zeros(length, dtype="int8"), dtype=dtype)


def _date_order(dates: np.ndarray) -> np.ndarray | None:
    """Positions that sort `dates` (datetime64[ns]) oldest first, ties in file order (None if
    already sorted). Missing dates go last."""
    values = dates.view("int64")
    if len(values) < 2:
        return None
    nat = np.isnat(dates)
    if not nat.any():
        if (values[1:] >= values[:-1]).all():
            return None
        return np.argsort(values, kind="stable")
    if (values[1:] >= values[:-1]).all() and not nat[:-1].any():
        return None  # only the last row is missing and the rest is sorted
    order = pd.Series(dates).sort_values(kind="stable").index.to_numpy()
    return None if (order == np.arange(len(order))).all() else order


def _numbers(table: pd.DataFrame, name: str) -> pd.Series:
    if name in table:
        return table[name]
    return pd.Series(np.nan, index=table.index, dtype="float64")


def _canonical_table(parts: list[pd.DataFrame], platform: str, source: str):
    """The emitted parts as one canonical table, oldest first, and each transaction's file row.

    Rows are first put in file order (`_row`, parts of the same row in emit order), which is
    what numbers identical rows for their id; then sorted by date (stable, so same-day rows keep
    file order). Every text column is factorized once: hashing, cleaning and the categoricals
    work on its distinct values.
    """
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    length = len(table)
    file_rows = table["_row"].to_numpy(dtype="int64")
    by_row = (
        None if (file_rows[1:] >= file_rows[:-1]).all() else np.argsort(file_rows, kind="stable")
    )

    def in_file_order(values: np.ndarray) -> np.ndarray:
        return values if by_row is None else values[by_row]

    def text(name: str, clean=None) -> _Coded:
        coded = _coded(table[name] if name in table else None, length, clean)
        return _Coded(in_file_order(coded.codes), coded.values)

    if "platform" not in table or table["platform"].isna().all():
        platforms = _coded(None, length, lambda u: pd.Series(platform, index=u.index))
    else:
        platforms = _coded(
            table["platform"], length, lambda u: u.fillna(platform).replace("", platform)
        )
    platforms = _Coded(in_file_order(platforms.codes), platforms.values)
    currency = text("currency", lambda u: u.fillna("").astype(str).str.upper().str.strip())
    kind = text("kind")
    client, description, reference = text("client"), text("description"), text("reference")

    dates = pd.to_datetime(table["date"])
    gross = in_file_order(table["gross"].astype("float64").to_numpy())
    fee = in_file_order(table["fee"].astype("float64").to_numpy())
    hours = in_file_order(_numbers(table, "hours").astype("float64").to_numpy())
    date_values = in_file_order(dates.astype("datetime64[ns]").to_numpy())
    by_date = _date_order(date_values)

    def ordered(values: np.ndarray) -> np.ndarray:
        return values if by_date is None else values[by_date]

    ids = _fingerprint(
        dates=in_file_order(dates.astype("int64").to_numpy()),
        gross=gross,
        fee=fee,
        hours=hours,
        texts=[platforms, kind, currency, reference, description, client],
        platforms=platforms,
        order=by_date,
    )
    net = in_file_order(pd.to_numeric(table["net"], errors="coerce").astype("float64").to_numpy())
    stream = _Coded(
        platforms.codes, platforms.values.map(lambda p: stream_for(p) if p else "other")
    )
    out = pd.DataFrame(
        {
            "date": ordered(date_values),
            "platform": platforms.categorical(by_date),
            "stream": stream.categorical(by_date),
            "kind": kind.categorical(by_date),
            "gross": ordered(gross),
            "fee": ordered(fee),
            "net": ordered(net),
            "currency": currency.categorical(by_date),
            "hours": ordered(hours),
            "client": client.strings(by_date),
            "description": description.strings(by_date),
            "reference": reference.strings(by_date),
            "source": _constant_category(source, length),
            "txn_id": ids,
        }
    )
    return out, ordered(in_file_order(file_rows))


_PRIME = np.uint64(1099511628211)


def _fingerprint(
    *, dates, gross, fee, hours, texts: list[_Coded], platforms: _Coded, order: np.ndarray | None
) -> pd.Series:
    """Stable id per transaction: a hash of what the row says, plus its occurrence number.

    id = "<platform>-<h>" with h = FNV-style fold (h * prime XOR hash(field)) over the date (ns),
    gross and fee in cents, hours in millionths (-1 when unknown), platform, kind, currency,
    reference, description and client, and finally the row's occurrence number among rows with
    the same hash (rows in file order). The same row in a later, overlapping download hashes the
    same; two identical rows in one file differ by their occurrence number. The file name is not
    part of it. All inputs are in file order; the ids come back in `order`.
    """
    numbers = [
        dates,
        np.nan_to_num(np.round(gross * 100), nan=0.0).astype("int64"),
        np.nan_to_num(np.round(fee * 100), nan=0.0).astype("int64"),
        np.round(np.where(np.isnan(hours), -1.0, hours) * 1e6).astype("int64"),
    ]
    combined = np.zeros(len(dates), dtype="uint64")
    with np.errstate(over="ignore"):
        for column in numbers:
            combined = (combined * _PRIME) ^ pd.util.hash_array(column)
        for coded in texts:
            combined = (combined * _PRIME) ^ coded.hashes()
        codes, uniques = pd.factorize(combined)
        if len(uniques) < len(combined):  # identical rows: number them in file order
            occurrence = pd.Series(codes).groupby(codes, sort=False).cumcount().to_numpy()
        else:
            occurrence = np.zeros(len(combined), dtype="int64")
        combined = (combined * _PRIME) ^ pd.util.hash_array(occurrence.astype("int64"))
    platform_codes = platforms.codes
    if order is not None:
        combined, platform_codes = combined[order], platform_codes[order]
    digits = pd.Series(combined).astype(str)
    names = platforms.values.astype(TEXT_DTYPE).fillna("")
    used = np.unique(platform_codes)
    if names.iloc[used].nunique() <= 1:  # the usual case: one platform per file
        prefix = names.iloc[used[0]] if len(used) else ""
        ids = prefix + "-" + digits
    else:
        ids = pd.Series(names.take(platform_codes).to_numpy()) + "-" + digits
    return ids.astype(str)


# --- finding the table -------------------------------------------------------------------------


def _layouts() -> list[Layout]:
    from analytics.importers import LAYOUTS

    return LAYOUTS


def best_layout(cells: list[str], layouts: list[Layout]) -> Layout | None:
    header = {normalise_header(c) for c in cells if str(c).strip()}
    scored = [(layout.score(header), i, layout) for i, layout in enumerate(layouts)]
    scored = [s for s in scored if s[0] > 0]
    if not scored:
        return None
    return max(scored, key=lambda s: (s[0], -s[1]))[2]


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name.replace("\ufeff", "").strip() or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


@dataclass
class _Table:
    frame: pd.DataFrame  # index = row number, columns = header cells
    raw: object  # callable: row numbers -> Series of the rows' original text
    header: list[str]
    layout: Layout


def _delimiter_order(line: str) -> list[str]:
    counts = [(line.count(d), d) for d in reading.DELIMITERS]
    return [d for n, d in sorted(counts, reverse=True) if n > 0]


def _find_header_in_lines(lines: list[str], pick) -> tuple[int, str, list[str], Layout] | None:
    for i, line in enumerate(lines[:HEADER_SCAN_ROWS]):
        if not line.strip():
            continue
        for delim in _delimiter_order(line):
            cells = reading.split_line(line, delim)
            if len(cells) < 2:
                continue
            layout = pick(cells)
            if layout is not None:
                return i, delim, cells, layout
    return None


def _widest_row(lines: list[str]) -> list[str]:
    best: list[str] = []
    for line in lines[:20]:
        for delim in _delimiter_order(line)[:1]:
            cells = [c for c in reading.split_line(line, delim) if c]
            if len(cells) > len(best):
                best = cells
    return best


def _read_delimited(
    text: str, header_index: int, delim: str, names: list[str]
) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """Read the rows under the header; returns the frame and rows with too many cells."""
    ncols = len(names)
    try:
        # Let the C reader type clean numeric columns itself (that is what keeps big files
        # fast); decimal-comma files are read as text so `1.234` is never taken for 1.234.
        typed = not _looks_decimal_comma(text, delim)
        frame = pd.read_csv(
            io.BytesIO(text.encode("utf-8")),  # the C reader is faster on bytes than on str
            encoding="utf-8",
            sep=delim,
            header=None,
            skiprows=header_index + 1,
            dtype=None if typed else str,
            keep_default_na=False,
            na_values=[""] if typed else None,
            na_filter=typed,
            skip_blank_lines=False,
            engine="c",
            quoting=csv.QUOTE_MINIMAL,
        )
        if typed:
            # Identifier-like columns (all digits) must keep their exact text.
            for col in frame.columns[frame.dtypes.map(pd.api.types.is_integer_dtype)]:
                frame[col] = frame[col].astype(str)
        if frame.shape[1] > ncols:
            extra = frame.iloc[:, ncols:]
            if (
                (extra.astype("string").fillna("").apply(lambda s: s.str.strip()) != "")
                .to_numpy()
                .any()
            ):
                raise ValueError("extra cells")
            frame = frame.iloc[:, :ncols]
        while frame.shape[1] < ncols:
            frame[frame.shape[1]] = ""
        frame.columns = names
        return frame, []
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=names), []
    except (pd.errors.ParserError, ValueError):
        pass
    # Slow path for broken files: keep every row, report those with too many cells.
    records, too_long = [], []
    body = "\n".join(text.splitlines()[header_index + 1 :])
    for i, row in enumerate(csv.reader(io.StringIO(body), delimiter=delim)):
        cells = [c for c in row]
        if len(cells) > ncols and any(c.strip() for c in cells[ncols:]):
            too_long.append(
                (
                    i,
                    delim.join(cells),
                    f"this row has {len(cells)} cells but the header has {ncols}; it may contain an unquoted {delim!r}",
                )
            )
            records.append([""] * ncols)
            continue
        records.append((cells + [""] * ncols)[:ncols])
    return pd.DataFrame(records, columns=names, dtype=object), too_long


def _column_text(column: pd.Series) -> pd.Series:
    """A frame column as stripped text (see `ImportContext.text`)."""
    if pd.api.types.is_float_dtype(column):
        if column.isna().all():  # an empty column, typed as floats by the CSV reader
            return pd.Series("", index=column.index, dtype=TEXT_DTYPE)
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        text = _number_text(pd.Series(np.append(uniques.astype(object), None), dtype=object))
        return _spread(text, codes, column.index)
    if column.dtype == TEXT_DTYPE:
        # Already Arrow text: stripping every cell beats factorizing and spreading back.
        return column.fillna("").str.strip()
    return parsing.on_uniques(column, _stripped_text)


def _spread(distinct: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """`distinct` values spread back over factorize `codes` (-1, missing, is the last value)."""
    out = distinct.reset_index(drop=True).take(np.where(codes < 0, len(distinct) - 1, codes))
    out.index = index
    return out


def _stripped_text(values: pd.Series) -> pd.Series:
    """Cells as stripped text (Arrow-backed, so importers' string operations run vectorised)."""
    return values.astype("string").fillna("").str.strip().astype(TEXT_DTYPE)


def _number_text(values: pd.Series) -> pd.Series:
    """A column the CSV reader typed as numbers, read back as written (`1001`, not `1001.0`)."""
    values = pd.to_numeric(values, errors="coerce")
    whole = values.notna() & (values == values.round()) & (values.abs() < 2**53)
    text = values.astype(str).where(values.notna(), "")
    text = text.mask(whole, values[whole].astype("int64").astype(str))
    return text.astype(TEXT_DTYPE)


def _looks_decimal_comma(text: str, delim: str) -> bool:
    """Whether the first lines show amounts like `1.234,56` or `-1,78` (decided per file)."""
    head = "\n".join(reading.head_lines(text, 200))
    return bool(re.search(r"(^|[;\t|\"])-?\d{1,3}(\.\d{3})*,\d{1,2}([;\t|\"]|$)", head, re.M))


def _blank_tail(lines: list[str]):
    """The blank lines at the end of `lines`, last first."""
    for line in reversed(lines):
        if line.strip():
            return
        yield line


def _trailing_blank_rows(frame: pd.DataFrame) -> int:
    """How many rows at the end of the frame are entirely empty."""
    count = 0
    for position in range(len(frame) - 1, -1, -1):
        row = frame.iloc[position]
        if not (row.isna() | row.astype(str).str.strip().eq("")).all():
            break
        count += 1
    return count


def _frame_to_raw(frame: pd.DataFrame, delim: str, body_lines=None):
    """A function giving the original text of some rows, built only when a report needs it.

    `body_lines()` returns the file's lines under the header; when each record is one line (no
    quoted line breaks), a row's text is exactly its line, else it is rebuilt from the cells.
    """
    first = frame.index[0] if len(frame) else 0
    cache: dict[str, list[str] | None] = {}

    def lines() -> list[str] | None:
        if "lines" not in cache:
            found = body_lines() if body_lines else None
            if found is not None:
                # Drop only the blank lines the reader left out of the frame; a quoted cell that
                # spans lines must still show up as a length mismatch (then cells are used).
                keep_blank = _trailing_blank_rows(frame)
                while (
                    found
                    and not found[-1].strip()
                    and len(found) > len(frame)
                    and sum(1 for _ in _blank_tail(found)) > keep_blank
                ):
                    found.pop()
            cache["lines"] = found if found is not None and len(found) == len(frame) else None
        return cache["lines"]

    def raw(rows: pd.Index) -> pd.Series:
        if len(rows) == 0:
            return pd.Series([], dtype="object", index=rows)
        text_lines = lines()
        if text_lines is not None:
            return pd.Series([text_lines[r - first] for r in rows], index=rows, dtype="object")
        cells = frame.loc[rows].astype("string").fillna("")
        text = cells.iloc[:, 0]
        for i in range(1, cells.shape[1]):
            text = text + delim + cells.iloc[:, i]
        return text.str.rstrip(delim).astype("object")

    return raw


def _table_from_text(src, text: str, mapping, layouts) -> _Table:
    lines = reading.head_lines(text, HEADER_SCAN_ROWS)
    pick = (
        (lambda cells: _mapping_layout(mapping, cells))
        if mapping
        else (lambda cells: best_layout(cells, layouts))
    )
    found = _find_header_in_lines(lines, pick)
    if found is None:
        _unknown(src, _widest_row(lines), mapping)
    index, delim, cells, layout = found
    names = _dedupe(cells)
    frame, too_long = _read_delimited(text, index, delim, names)
    frame.index = pd.RangeIndex(index + 2, index + 2 + len(frame))
    table = _Table(
        frame, _frame_to_raw(frame, delim, lambda: text.splitlines()[index + 1 :]), names, layout
    )
    table.too_long = [(index + 2 + i, r, why) for i, r, why in too_long]  # type: ignore[attr-defined]
    return table


def _table_from_excel(src, mapping, layouts) -> _Table:
    sheets = reading.excel_sheets(src)
    pick = (
        (lambda cells: _mapping_layout(mapping, cells))
        if mapping
        else (lambda cells: best_layout(cells, layouts))
    )
    widest: list[str] = []
    for _name, rows in sheets:
        for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            cells = [c for c in row]
            nonempty = [c for c in cells if c]
            if len(nonempty) > len(widest):
                widest = nonempty
            if len(nonempty) < 2:
                continue
            layout = pick(cells)
            if layout is None:
                continue
            while cells and not cells[-1]:
                cells.pop()
            names = _dedupe(cells)
            body = rows[i + 1 :]
            while body and not any(str(c).strip() for c in body[-1]):
                body.pop()
            records = [(list(r) + [""] * len(names))[: len(names)] for r in body]
            frame = pd.DataFrame(records, columns=names, dtype=object)
            frame.index = pd.RangeIndex(i + 2, i + 2 + len(frame))
            table = _Table(frame, _frame_to_raw(frame, ","), names, layout)
            table.too_long = []  # type: ignore[attr-defined]
            return table
    _unknown(src, widest, mapping)
    raise AssertionError  # unreachable


def _table_from_json(src, text: str, layouts) -> _Table:
    doc = reading.load_json(src, text)
    for layout in layouts:
        if layout.from_json is None:
            continue
        frame = layout.from_json(doc)
        if frame is None:
            continue
        frame = frame.astype(str).fillna("")
        frame.index = pd.RangeIndex(1, 1 + len(frame))
        table = _Table(frame, _frame_to_raw(frame, ", "), list(frame.columns), layout)
        table.too_long = []  # type: ignore[attr-defined]
        return table
    keys = list(doc.keys())[:20] if isinstance(doc, dict) else []
    raise UnknownFormat(
        f"{src.name} is a JSON file GigLens does not recognise"
        + (f" (top-level keys: {', '.join(keys)})" if keys else "")
        + ". GigLens reads the MTurk worker dashboard and status-details JSON pages; for other "
        "platforms upload their CSV or Excel export.",
        keys,
    )


def _unknown(src, columns: list[str], mapping) -> None:
    if mapping:
        missing = [c for c in mapping.values() if c]
        raise ImportFailed(
            f"The columns chosen for {src.name} ({', '.join(missing)}) were not all found in the "
            f"file. Columns found: {', '.join(columns) or 'none'}."
        )
    shown = ", ".join(columns[:40]) or "none"
    raise UnknownFormat(
        f"GigLens does not recognise the layout of {src.name}. Columns found: {shown}. "
        "If this is a download from a supported platform, upload the file exactly as it was "
        "downloaded; otherwise tell GigLens which column holds the date, the amount and the fee.",
        columns,
    )


def _mapping_layout(mapping: dict[str, str], cells: list[str]) -> Layout | None:
    from analytics.importers import generic

    return generic.mapping_layout(mapping, cells)


_TOTALS = r"(?:grand\s+|sub-?)?totals?\b(?:\s*[:\u2014\u2013-].*)?"


def _totals_rows(first: pd.Series) -> pd.Series:
    """Rows whose first cell says `Total`, `Totals`, `Grand total` or `Subtotal — …`."""
    found = pd.Series(False, index=first.index)
    maybe = first.str[:1].str.casefold().isin(["t", "s", "g"])  # cheap filter for big files
    if maybe.any():
        hits = first[maybe].astype(str).str.fullmatch(_TOTALS, case=False)
        found[maybe] = hits.fillna(False).astype(bool)
    return found


def load_export(
    source, filename: str | None = None, mapping: dict[str, str] | None = None
) -> ImportResult:
    """Read one platform export (bytes, path or file-like) into an `ImportResult`.

    The platform and layout are detected from the header cells, never from the file name. With
    `mapping` (canonical field -> the file's column name) any table can be imported by hand.
    Raises only `ImportFailed` (or its subclass `UnknownFormat`), with a message for the user.
    """
    src = reading.read_source(source, filename)
    try:
        return _load(src, mapping)
    except ImportFailed:
        raise
    except Exception as exc:  # never show a traceback to the user
        raise ImportFailed(
            f"GigLens could not read {src.name} ({type(exc).__name__}: {exc}). Upload the file "
            "exactly as the platform exported it; if it still fails, report it with this message."
        ) from exc


def _load(src: reading.Source, mapping) -> ImportResult:
    kind = reading.sniff_kind(src)
    layouts = _layouts()
    if mapping:
        mapping = {k: v for k, v in mapping.items() if v}
        if not {"date"} <= set(mapping) or not ({"gross", "net"} & set(mapping)):
            raise ImportFailed(
                "A column mapping needs at least a date column and an amount column."
            )
    if kind == "excel":
        table = _table_from_excel(src, mapping, layouts)
    else:
        text, _encoding = reading.decode_text(src)
        if kind == "json":
            table = _table_from_json(src, text, layouts)
        else:
            table = _table_from_text(src, text, mapping, layouts)
    frame = table.frame
    ctx = ImportContext(
        frame, platform=table.layout.platform, source=src.name, raw=table.raw, mapping=mapping
    )
    for row, raw_text, why in getattr(table, "too_long", []):
        ctx.raw_override[row] = raw_text
        ctx.reject([row], why)
    if len(frame):
        blank = (frame.isna() | frame.eq("")).all(axis=1)
        ctx.skip(blank, "blank line")
        ctx.skip(
            _totals_rows(ctx.text(frame.columns[0])),
            "totals row (the sum of the rows above), not a transaction",
        )
    if len(frame):  # a header-only download (a month with no activity) is simply empty
        table.layout.parse(ctx)
    result = ctx.finish(table.layout)
    result.header = table.header
    return result
