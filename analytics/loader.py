"""`load_export`: any platform export in, one canonical transaction table out.

The loader finds the table in the file (sheet, header row, delimiter), picks the platform layout
from the header cells, and hands an `ImportContext` to that layout's importer. The context keeps
the books: every data row ends up imported, skipped with a reason or rejected with a reason.
The context lives in `analytics.context`, the final table and its `txn_id` in
`analytics.canonical`; their names are re-exported here, where importers look for them.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics import reading
from analytics.canonical import TEXT_DTYPE, arrow_text, edge_bytes, has_repeats, hash_strings
from analytics.context import (
    REPORT_COLUMNS,
    ImportContext,
    ImportResult,
    Layout,
    normalise_header,
)
from analytics.errors import ImportFailed, UnknownFormat
from analytics.importers._common import first_nonempty
from analytics.schema import INCOME_KINDS, PLATFORM_NAMES

__all__ = [
    "HEADER_SCAN_ROWS",
    "REPORT_COLUMNS",
    "TEXT_DTYPE",
    "ImportContext",
    "ImportResult",
    "Layout",
    "best_layout",
    "load_export",
    "normalise_header",
]

HEADER_SCAN_ROWS = 60
# No cap on a cell's size in the csv module (its default is 128 KiB): a long note in a ragged
# file is not an error.
csv.field_size_limit(2**31 - 1)


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


def _without_blank_tail(cells: list[str]) -> list[str]:
    """The header cells up to the last one that names something."""
    end = len(cells)
    while end and not cells[end - 1].replace("\ufeff", "").strip():
        end -= 1
    return cells[:end]


def numbered_repeats(names: list[str]) -> list[str]:
    """The header's names as the table's columns call them: a name given twice gets its
    number (ING's `Saldo;Währung;Betrag;Währung` -> `Währung`, `Währung (2)`), so a mapping can
    tell the two apart; blank names stay blank."""
    named = _dedupe(names)
    return [new if str(old).strip() else old for old, new in zip(names, named, strict=True)]


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
    notes: list[str] = field(default_factory=list)  # warnings about the file as a whole
    cut_off: tuple[int, str] | None = None  # (row, why) of a last row the download cut short
    delimiter: str = ""  # of a text file


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


_NON_SPACE = re.compile(rb"\S")


def _body_start(data: bytes, header_index: int) -> int | None:
    """Byte offset of the line under the header (None if lines are not plain `\n` records)."""
    position = 0
    for _ in range(header_index + 1):
        newline = data.find(b"\n", position)
        if newline < 0:
            position = len(data)
            break
        position = newline + 1
    head = data[:position].decode("utf-8", errors="replace")
    if len(head.splitlines()) != header_index + 1:  # `\r`-only or other line breaks
        return None
    return position


def _read_with_arrow(
    data: bytes, start: int, delim: str, names: list[str]
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Every cell under the header (from byte `start` of UTF-8 `data`) as text, read by Arrow's
    multi-threaded CSV reader.

    Returns the frame and the byte offsets of the line ends (each row is exactly one line),
    or None when some row does not have the header's number of cells, a quoted cell spans
    lines, or the bytes are not UTF-8; the pandas reader then handles the file.
    """
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    if _NON_SPACE.search(data, start) is None:
        empty = pd.DataFrame({name: pd.Series([], dtype=TEXT_DTYPE) for name in names})
        return empty, np.zeros(0, dtype=np.int64)
    keys = [f"c{i}" for i in range(len(names))]
    convert = pa_csv.ConvertOptions(
        column_types=dict.fromkeys(keys, pa.large_string()),  # pandas' own string layout
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    ends = _line_ends(data, start)
    lines = len(ends) + (0 if data.endswith(b"\n") else 1)
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(data)[start:]),  # no copy of a large file
            # 4 MiB blocks: as fast as the default 1 MiB, and a quarter of the chunks for every
            # later column operation to step through.
            read_options=pa_csv.ReadOptions(column_names=keys, block_size=4 << 20),
            parse_options=pa_csv.ParseOptions(
                delimiter=delim, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=convert,
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None
    if table.num_rows != lines:
        # A quoted cell holds a line break. Arrow's careful mode can drop the LF of a quoted
        # CR LF cut by a block boundary (apache/arrow#51368), so pandas reads these files.
        return None
    frame = table.to_pandas(types_mapper={pa.large_string(): TEXT_DTYPE}.get)
    frame.columns = names
    return frame, ends


def _line_ends(data: bytes, start: int) -> np.ndarray:
    """Byte offsets of every `\\n` from `start` on (scanned in blocks: no file-sized copy)."""
    view = np.frombuffer(data, dtype=np.uint8)
    block = 1 << 22
    found = [
        np.flatnonzero(view[at : at + block] == 10) + at for at in range(start, len(data), block)
    ]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def _file_lines(data: bytes, start: int, ends: np.ndarray):
    """A function giving lines of `data` (counted from byte `start`) by position, for reports.

    The lines are views into the file's bytes (already checked as UTF-8 by the reader), so a
    report of many rows costs one Arrow `take`, not one Python slice per row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    offsets = np.concatenate([[start], ends + 1]).astype(np.int64)
    if offsets[-1] < len(data):  # a last line without a line break
        offsets = np.append(offsets, len(data))
    lines = pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data)
    )

    def lines_at(positions: np.ndarray) -> pd.arrays.ArrowStringArray:
        picked = lines.take(positions)
        trimmed = pc.utf8_rtrim(picked, "\r\n")  # the line break, LF or CR LF
        return pd.arrays.ArrowStringArray(pa.chunked_array([trimmed]), dtype=TEXT_DTYPE)

    return lines_at


_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _offset_after_lines(text: str, lines: int) -> int:
    """The position in `text` after its first `lines` lines (line breaks as `str.splitlines`
    sees them)."""
    position = 0
    for count, match in enumerate(_LINE_BREAK.finditer(text), start=1):
        position = match.end()
        if count == lines:
            return position
    return len(text)


def _read_delimited(
    text: str, header_index: int, delim: str, names: list[str]
) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """Read the rows under the header with pandas (files Arrow cannot read: ragged rows,
    quoted line breaks, other encodings); returns the frame and rows with too many cells.

    Every cell is read as text, exactly as the Arrow path reads it, so the same rows give the
    same values (and ids) whichever reader a download needed.
    """
    ncols = len(names)
    # The rows start after the header's line as `str.splitlines` counts lines (as the header
    # search did): pandas counts a blank CR-only line differently, and skipping lines by number
    # lost a row of such a file.
    body = text[_offset_after_lines(text, header_index + 1) :]
    try:
        frame = pd.read_csv(
            io.BytesIO(body.encode("utf-8")),  # the C reader is faster on bytes than on str
            encoding="utf-8",
            sep=delim,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            quoting=csv.QUOTE_MINIMAL,
        )
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
                    f"this row has {len(cells):,} cells but the header has {ncols}: a cell probably holds "
                    f"a {delim!r} without quotes around it, which shifts the cells after it. Nothing "
                    "was imported from this row; download the file again, or put quotes around "
                    "that cell",
                )
            )
            records.append([""] * ncols)
            continue
        records.append((cells + [""] * ncols)[:ncols])
    return pd.DataFrame(records, columns=names, dtype=object), too_long


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


# A spreadsheet row's cells as the import report shows them: not joined by commas, which the
# amounts hold themselves (-1,784.94)
SHEET_CELLS_JOINED = " | "


def _frame_to_raw(frame: pd.DataFrame, delim: str, body_lines=None, lines_at=None):
    """A function giving the original text of some rows, built only when a report needs it.

    `body_lines()` returns the file's lines under the header; when each record is one line (no
    quoted line breaks), a row's text is exactly its line, else it is rebuilt from the cells.
    `lines_at(positions)`, when given, returns those lines directly (one line per row known).
    """
    first = frame.index[0] if len(frame) else 0

    def from_cells(rows: pd.Index) -> pd.Series:
        cells = frame.loc[rows].astype("string").fillna("")
        text = cells.iloc[:, 0]
        for i in range(1, cells.shape[1]):
            text = text + delim + cells.iloc[:, i]
        return text.str.rstrip(delim).astype("object")

    if lines_at is not None:

        def raw_lines(rows: pd.Index) -> pd.Series:
            positions = np.asarray(rows, dtype="int64") - first
            texts = lines_at(positions) if len(rows) else []
            return pd.Series(texts, index=rows, dtype=TEXT_DTYPE)

        return raw_lines
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
        return from_cells(rows)

    return raw


def _table_from_text(src, mapping, layouts) -> _Table:
    """The table of a delimited text file.

    UTF-8 files are decoded only as far as the header search needs and handed to Arrow as
    bytes; anything Arrow cannot read (other encodings, ragged rows) is decoded in full and read
    by pandas.
    """
    head = reading.utf8_head(src)
    if head is not None:
        data = src.data[3:] if src.data.startswith(codecs.BOM_UTF8) else src.data
        data = data.rstrip(b"\x1a")  # a DOS end-of-file mark is no part of the last row
        table = _table_from_lines(src, head, mapping, layouts, data, arrow_only=True)
        if table is not None:
            return table
    text, encoding = reading.decode_text(src)
    text = text.rstrip("\x1a")
    data = text.encode("utf-8")
    table = _table_from_lines(src, text, mapping, layouts, data, arrow_only=False)
    assert table is not None
    if encoding in reading.EAST_ASIAN_CODE_PAGES:
        table.notes.append(
            f"This file is not UTF-8: it was read as {reading.EAST_ASIAN_CODE_PAGES[encoding]} "
            "text. Check that names and descriptions look right; if not, save the file as CSV "
            "UTF-8 and import it again."
        )
    elif encoding == reading.UNSURE_TWO_BYTE:
        table.notes.append(
            "This file is not UTF-8, and its characters look like a Chinese, Japanese or Korean "
            "code page GigLens cannot tell for sure: names and descriptions may look garbled. "
            "The amounts are not affected; to fix the names, open the file, save it as CSV "
            "UTF-8 and import it again."
        )
    elif encoding not in ("utf-8", "utf-8-sig") and (garbled := reading.garbled_example(text)):
        table.notes.append(
            f"Some names look garbled (such as '{garbled}'): the file may have been saved in a "
            "Mac or other older encoding. The amounts are not affected; to fix the names, open "
            "the file, save it as CSV UTF-8 and import it again."
        )
    if encoding == reading.MIXED_ENCODING:
        body = src.data[3:] if src.data.startswith(codecs.BOM_UTF8) else src.data
        lines, more = reading.stray_bytes(body)
        where = ", ".join(str(n) for n in dict.fromkeys(lines)) + (" and more" if more else "")
        table.notes.append(
            "This file is UTF-8 but some characters are not (on line(s) "
            f"{where}); they were read as Windows-1252, the usual other encoding. Check the "
            "names and descriptions on those lines."
        )
    return table


def _table_from_lines(src, text: str, mapping, layouts, data: bytes, *, arrow_only: bool):
    """Find the header in the first lines of `text`, then read the rows under it from `data`
    (the file as UTF-8). With `arrow_only`, returns None instead of using the pandas reader."""
    lines = reading.head_lines(text, HEADER_SCAN_ROWS)
    pick = (
        (lambda cells: _mapping_layout(mapping, _dedupe(cells)))
        if mapping
        else (lambda cells: best_layout(cells, layouts))
    )
    found = _find_header_in_lines(lines, pick)
    if found is None:
        if arrow_only:
            return None  # the full text may read differently (another encoding)
        _unknown(src, numbered_repeats(_widest_row(lines)), mapping)
    index, delim, cells, layout = found
    names = _dedupe(cells)
    start = _body_start(data, index)
    # judged from the rows under the header: a title line above it may hold a stray quote
    cut_off = _cut_off_tail(
        data[start:] if start is not None else data, delim, len(_without_blank_tail(cells))
    )
    fast = _read_with_arrow(data, start, delim, names) if start is not None else None
    blank_tail = len(cells) - len(_without_blank_tail(cells))
    if fast is None and start is not None and blank_tail:
        # A header with empty cells at its end (`...,Id. de referencia,,,,,,`) over rows that
        # stop at the last named column: read the named columns, the unnamed ones are empty.
        fast = _read_with_arrow(data, start, delim, names[:-blank_tail])
        if fast is not None:
            for name in names[-blank_tail:]:
                fast[0][name] = pd.Series("", index=fast[0].index, dtype=TEXT_DTYPE)
    if fast is not None:
        frame, ends = fast
        frame.index = pd.RangeIndex(index + 2, index + 2 + len(frame))
        lines_at = _file_lines(data, start, ends)
        table = _Table(frame, _frame_to_raw(frame, delim, lines_at=lines_at), names, layout)
        table.too_long = []  # type: ignore[attr-defined]
        table.cut_off = _last_row_cut_off(frame, cut_off)
        table.delimiter = delim
        _unwrap_formula_text(table, data[start : start + FORMULA_SAMPLE])
        return table
    if arrow_only:
        return None
    frame, too_long = _read_delimited(text, index, delim, names)
    frame.index = pd.RangeIndex(index + 2, index + 2 + len(frame))
    table = _Table(
        frame, _frame_to_raw(frame, delim, lambda: text.splitlines()[index + 1 :]), names, layout
    )
    table.too_long = [(index + 2 + i, r, why) for i, r, why in too_long]  # type: ignore[attr-defined]
    # a cell over several lines shows as fewer rows than lines (counting is cheap, the look
    # at every cell is not)
    breaks = max(text.count("\n"), text.count("\r"))
    if len(frame) + index + 2 <= breaks:
        table.too_long += _swallowed_rows(frame, delim)  # type: ignore[attr-defined]
    table.cut_off = _last_row_cut_off(frame, cut_off)
    table.delimiter = delim
    _unwrap_formula_text(table, text[:FORMULA_SAMPLE].encode("utf-8", "replace"))
    return table


_FORMULA_TEXT = r'=\s*"(.*)"'


# A file written with ="..." cells is so throughout: its first megabyte tells (a look at every
# cell of a large file costs a tenth of a second).
FORMULA_SAMPLE = 1 << 20


def _unwrap_formula_text(table: _Table, head: bytes) -> None:
    """Cells written `="..."` (a CSV made to keep text as text in Excel: `="00123"`) hold the
    text between the quotes; the raw rows keep what the file says. `head`: the file's first
    bytes under the header, where such cells show (none there: nothing to look at)."""
    if b'="' not in head:
        return
    count = 0
    for name in table.frame.columns:
        column = table.frame[name]
        if column.dtype == TEXT_DTYPE:
            first, last, filled = edge_bytes(column.array.__arrow_array__())
            maybe = filled & (first == ord("=")) & (last == ord('"'))
        else:
            text = column.astype("string").fillna("")
            maybe = (text.str.startswith("=") & text.str.endswith('"')).to_numpy(bool)
        if not maybe.any():
            continue
        cells = column[maybe].astype(str)
        inner = cells.str.extract(_FORMULA_TEXT, expand=False)
        wrapped = inner.notna()
        if not wrapped.any():
            continue
        rows = cells.index[wrapped.to_numpy()]
        table.frame.loc[rows, name] = inner[wrapped].to_numpy()
        count += len(rows)
    if count:
        table.notes.append(
            f'{count:,} cell(s) are written ="..." (a way of keeping text as text in a '
            "spreadsheet): GigLens read the text between the quotes."
        )


def _swallowed_rows(frame: pd.DataFrame, delim: str) -> list[tuple[int, str, str]]:
    """Rows with a cell that holds further rows: a quote opened in the row and closed only lines
    later (`"oops` in a cell) makes the reader take those lines as text of that cell. Such a row
    is rejected with the number of lines it swallowed, so they are not lost without a word.
    A cell holds rows when at least two of its lines hold half a row's delimiters (a note of
    several lines with a comma or two is text)."""
    found = []
    enough = max(2, len(frame.columns) // 2)  # delimiters in a line that looks like a row
    for name in frame.columns:
        cells = frame[name].astype(str)
        multi = cells.str.contains("\n", regex=False)
        if not multi.any():
            continue
        for row, cell in cells[multi].items():
            lines = cell.splitlines()
            rowlike = sum(line.count(delim) >= enough for line in lines[1:])
            if rowlike >= 2:
                found.append(
                    (
                        int(row),
                        delim.join(frame.loc[row].astype(str)),
                        f"a quote opened in column '{name}' runs over the next {len(lines) - 1} "
                        "lines, which were read as text of this row: check the quotes in the "
                        'file (a cell starting with " must end with "); nothing was imported '
                        "from these lines",
                    )
                )
    return found


# Files up to this size without a line break at the end are read by Python's csv module to
# check their last record; bigger ones by their last lines alone.
_CSV_CHECK_BYTES = 8 << 20


def _cut_off_tail(data: bytes, delim: str, columns: int) -> str | None:
    """Why the file's last record looks cut short by an interrupted download, or None.

    Its last record is cut off when it leaves a quoted cell open (the file ends inside quotes,
    a quote opening a cell only at the cell's start: `12" poster` is text), with a line break
    after it or not (a cut file saved again gains one), or, in a file that does not end with a
    line break, has fewer cells than the header while the record above has them all (so a file
    whose rows all leave out empty trailing cells is not suspect). Line breaks inside quotes
    belong to their cell; LF, CR LF and CR end a line.
    """
    if not data:  # (a DOS end-of-file mark, Ctrl-Z, was stripped before reading)
        return None
    open_quote = "it stops inside a quoted cell"
    broken = data.endswith((b"\n", b"\r"))
    # a cut file saved again with a line break: only a quoted cell left open is a sign
    body = data.rstrip(b"\r\n") if broken else data
    if len(body) <= _CSV_CHECK_BYTES and not broken:
        found = _last_records_by_csv(body, delim)
        if found == "open":
            return open_quote
        if found is not None:
            return _fewer_cells(found, delim, columns)
    last_line = re.split(rb"\r\n|\r|\n", body[-(1 << 16) :])[-1].decode("utf-8", "replace")
    if broken:
        # the last line's open quote (cheap: no parse of the many whole files), confirmed by
        # reading the records when the file is not too big (a stray `12"` further up fools
        # neither)
        if not _opens_a_quote(last_line, delim):
            return None
        if len(body) <= _CSV_CHECK_BYTES and _last_records_by_csv(body, delim) != "open":
            return None
        return open_quote
    if _opens_a_quote(last_line, delim):
        return open_quote
    if body.count(b'"') % 2:
        return None  # a stray `"` (12" poster) leaves the records' bounds unknown: no guess
    return _fewer_cells(_last_records(body[-(1 << 20) :], 2), delim, columns)


def _last_records_by_csv(body: bytes, delim: str) -> list[str] | str | None:
    """The file's last two non-blank records (last first, as lists of cells), "open" when it
    ends inside a quoted cell, None when the csv module finds the quoting malformed."""
    reader = csv.reader(
        io.StringIO(body.decode("utf-8", errors="replace"), newline=""),
        delimiter=delim,
        strict=True,
    )
    last = before = None
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                before, last = last, record
    except csv.Error as exc:
        return "open" if "unexpected end of data" in str(exc) else None
    return [r for r in (last, before) if r is not None]


def _fewer_cells(records: list, delim: str, columns: int) -> str | None:
    """The reason a last record with fewer cells than the record above is cut off, or None."""
    if not records:
        return None
    counts = [len(r) if isinstance(r, list) else _cells_of(r, delim) for r in records]
    if counts[0] < columns and len(counts) > 1 and counts[1] >= columns:
        return f"it has {counts[0]} of the {columns} cells the rows above have"
    return None


def _opens_a_quote(line: str, delim: str) -> bool:
    """Whether `line` ends inside a quoted cell it opened: a `"` opens a cell only at the
    cell's start (`12" poster` is text), `""` inside a quoted cell is a quote."""
    quoted, at_start, i = False, True, 0
    while i < len(line):
        char = line[i]
        if quoted:
            if char == '"':
                if line[i + 1 : i + 2] == '"':
                    i += 1
                else:
                    quoted = False
        elif char == '"' and at_start:
            quoted = True
        at_start = not quoted and char == delim
        i += 1
    return quoted


def _last_records(tail: bytes, wanted: int) -> list[str]:
    """The last `wanted` non-blank records of `tail` (which ends outside quotes), last first.
    A line break is a record's end only where the quotes after it, to that record's end, are
    even in number (it is not inside a quoted cell)."""
    breaks = [m.start() for m in re.finditer(rb"\r\n|\r|\n", tail)]
    found: list[str] = []
    end = len(tail)
    for pos in reversed(breaks):
        if pos >= end:
            continue
        start = pos + (2 if tail[pos : pos + 2] == b"\r\n" else 1)
        if tail.count(b'"', start, end) % 2:
            continue  # inside a quoted cell
        text = tail[start:end].decode("utf-8", errors="replace")
        end = pos
        if text.strip():
            found.append(text)
            if len(found) == wanted:
                break
    return found


def _cells_of(record: str, delim: str) -> int:
    return len(next(csv.reader(io.StringIO(record, newline=""), delimiter=delim), []))


def _last_row_cut_off(frame: pd.DataFrame, why: str | None) -> tuple[int, str] | None:
    if why is None or frame.empty:
        return None
    return int(frame.index[-1]), why


def _table_from_sheets(src, mapping, layouts, kind: str = "excel") -> _Table:
    """The table of a workbook: the first sheet (visible sheets first) whose header is a known
    layout, and every other sheet of the same layout below it (a workbook with a sheet per
    year; columns matched by name), numbered on as if stacked. Hidden sheets are read only
    when no visible one holds the table; the warnings say which sheets were read. A web page
    or an Excel 2003 XML Spreadsheet named .xls (`kind` "html", "xml-sheet") is read the same
    way, each of its tables a sheet."""
    pick = (
        (lambda cells: _mapping_layout(mapping, _dedupe(cells)))
        if mapping
        else (lambda cells: best_layout(cells, layouts))
    )
    sheets = reading.excel_sheets(src) if kind == "excel" else reading.markup_sheets(src, kind)
    sheets = [s for s in sheets if s.visible] + [s for s in sheets if not s.visible]
    widest: list[str] = []
    parts: list[tuple[str, pd.DataFrame, int]] = []
    notes: list[str] = []
    layout = names = None
    for sheet in sheets:
        if sheet.problem:
            notes.append(
                f"Sheet '{sheet.name}' could not be read ({sheet.problem}); if it holds "
                "transactions, save it as a CSV file of its own and add that file."
            )
            continue
        found = _sheet_header(sheet.rows, pick)
        if found is None:
            widest = max([widest, *(r for r in sheet.rows[:HEADER_SCAN_ROWS])], key=_filled)
            continue
        at, sheet_layout, cells = found
        if layout is None:
            layout, names = sheet_layout, _dedupe(cells)
            if not sheet.visible:
                notes.append(f"The table is on the hidden sheet '{sheet.name}'.")
        elif sheet_layout is not layout:
            notes.append(
                f"Sheet '{sheet.name}' holds another table ({sheet_layout.name}), "
                "which was not read: a file is read as one table. To import it, save that "
                "sheet as a file of its own (in Excel: File › Save As › CSV) and add that file."
            )
            continue
        elif not sheet.visible:
            notes.append(f"The hidden sheet '{sheet.name}' has the same table; it was not read.")
            continue
        own = _dedupe(cells)
        body = sheet.rows[at + 1 :]
        while body and not any(str(c).strip() for c in body[-1]):
            body.pop()
        records = [(list(r) + [""] * len(own))[: len(own)] for r in body]
        frame = pd.DataFrame(records, columns=own, dtype=object)
        # the same layout with its columns in another order, or one more or fewer: by name
        by_name = {normalise_header(c): c for c in own}
        extra = [c for c in own if normalise_header(c) not in {normalise_header(n) for n in names}]
        if extra:
            notes.append(
                f"Sheet '{sheet.name}' has columns the first sheet has not ({', '.join(extra)}); "
                "they were left out."
            )
        frame = pd.DataFrame(
            {
                n: frame[by_name[normalise_header(n)]] if normalise_header(n) in by_name else ""
                for n in names
            },
            index=frame.index,
            dtype=object,
        )
        parts.append((sheet.name, frame, at))
    if layout is None:
        if kind == "html" and _filled(widest) < 2:
            raise ImportFailed(reading.web_page_message(src.name))
        _unknown(src, numbered_repeats([c for c in widest if c]), mapping)
    errors = reading.excel_error_cells(src.data) if kind == "excel" else {}
    for sheet_name, _frame, _at in parts:
        if cells := errors.get(sheet_name):
            shown = ", ".join(f"{value} in {ref}" for ref, value in cells[:5])
            more = f" and {len(cells) - 5} more" if len(cells) > 5 else ""
            notes.append(
                f"Sheet '{sheet_name}' has {len(cells):,} cell(s) showing an Excel error "
                f"({shown}{more}): they are read as empty, so their rows may be rejected or an "
                "amount worked out from the others. Fix those cells in the workbook and import "
                "it again."
            )
    table = _stacked_sheets(parts, names, layout)
    table.notes.extend(notes)
    if kind == "html":
        table.delimiter = ","  # its cells are text as shown, as in a CSV, not typed values
        table.notes.append(
            f"{src.name} is a web page holding the table (some platforms' Excel download is "
            "one); it was read as such."
        )
    return table


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c)


def _sheet_header(rows: list[list[str]], pick):
    """(row position, layout, header cells) of the first row of `rows` that is a known header."""
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if _filled(row) < 2:
            continue
        layout = pick(list(row))
        if layout is not None:
            cells = list(row)
            while cells and not cells[-1]:
                cells.pop()
            return i, layout, cells
    return None


def _stacked_sheets(parts, names: list[str], layout: Layout) -> _Table:
    """One table from the sheets' rows: the first sheet keeps its row numbers, the next ones
    go on from there; a report's raw text names the sheet when there are several."""
    frames, labels, start = [], [], None
    for sheet_name, frame, at in parts:
        start = at + 2 if start is None else start
        frame.index = pd.RangeIndex(start, start + len(frame))
        start += len(frame)
        frames.append(frame)
        labels.append((sheet_name, frame.index))
    frame = pd.concat(frames) if len(frames) > 1 else frames[0]
    cells_raw = _frame_to_raw(frame, SHEET_CELLS_JOINED)
    raw = cells_raw
    if len(parts) > 1:

        def raw(rows: pd.Index) -> pd.Series:
            text = cells_raw(rows).astype(object)
            for sheet_name, index in labels:
                inside = rows.isin(index)
                text[inside] = f"[{sheet_name}] " + text[inside].astype(str)
            return text

    table = _Table(frame, raw, names, layout)
    header = {normalise_header(n) for n in names}
    has_ids = any(normalise_header(c) in header for c in layout.unique_id)
    if len(parts) > 1 and not has_ids:
        table.notes.extend(_sheets_repeating_rows(frames, [name for name, _f, _a in parts]))
    if len(parts) > 1:
        spans = ", ".join(
            f"'{name}' (rows {index[0]}-{index[-1]})" if len(index) else f"'{name}' (empty)"
            for name, index in labels
        )
        table.notes.append(
            f"Read {len(parts):,} sheets with the same columns, one below the other: {spans}. "
            "Row numbers after the first sheet count on from it."
        )
    table.too_long = []  # type: ignore[attr-defined]
    return table


def _trimmed_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The cells as text without surrounding spaces (missing: "")."""
    return frame.astype("string").fillna("").apply(lambda column: column.str.strip())


def _row_keys(frame: pd.DataFrame) -> pd.Series:
    """Each row's cells (trimmed) joined into one string: equal exactly when the cells are."""
    cells = _trimmed_cells(frame)
    joined = cells.iloc[:, 0]
    for i in range(1, cells.shape[1]):
        joined = joined + "\x1f" + cells.iloc[:, i]
    return joined.astype(str)


_FOLD = np.uint64(1099511628211)


def _sheets_repeating_rows(frames: list[pd.DataFrame], names: list[str]) -> list[str]:
    """Warnings for sheets whose rows repeat rows of an earlier sheet, cell for cell, in a
    layout without transaction ids (with ids, such repeats are skipped as the same
    transaction): a filtered copy of another sheet would count its rows twice. Rows are
    compared by a 64-bit hash of their trimmed cells (this only feeds a warning)."""
    seen = np.zeros(0, dtype=np.uint64)
    notes = []
    for name, frame in zip(names, frames, strict=True):
        cells = _trimmed_cells(frame)
        filled = (cells != "").any(axis=1).to_numpy()  # not blank rows
        hashes = np.zeros(len(cells), dtype=np.uint64)
        with np.errstate(over="ignore"):  # one fold of the cells' hashes per column
            for column in cells.columns:
                hashes = hashes * _FOLD ^ hash_strings(arrow_text(cells[column]))
        hashes = hashes[filled]
        repeated = int(np.isin(hashes, seen).sum()) if len(seen) else 0
        if repeated:
            notes.append(
                f"{repeated:,} of the {len(hashes):,} rows on sheet '{name}' are the same, cell for "
                "cell, as rows on an earlier sheet; they were imported as they are. If that sheet "
                "is a copy (a filtered view, a summary), delete it and import the file again, "
                "or its rows count twice."
            )
        seen = np.concatenate([seen, hashes])
    return notes


def _layout_of_json(doc, layouts) -> Layout | None:
    return next(
        (lay for lay in layouts if lay.from_json is not None and lay.from_json(doc) is not None),
        None,
    )


def _check_pages_of_one_kind(src, doc, chosen: Layout | None, layouts) -> None:
    """A list of saved pages is read as one kind: pages of another kind in it (a dashboard
    among status pages, or several dashboards) would be lost, so the file is refused, saying
    why."""
    if not isinstance(doc, list) or len(doc) < 2:
        return
    kinds = [_layout_of_json(item, layouts) for item in doc]
    other = [k for k in kinds if k is not None and k is not chosen]
    if not other:
        return
    if chosen is None and len(set(map(id, other))) == 1:
        what = f"{len(other):,} pages of the same kind ({other[0].name})"
    else:
        what = (
            "pages of different kinds ("
            + ", ".join(dict.fromkeys(k.name for k in [chosen, *other] if k is not None))
            + ")"
        )
    raise ImportFailed(
        f"{src.name} holds {what} saved together, and GigLens reads one such page per file, so "
        "some would be left out. Save each page as a file of its own and add them all: days "
        "that two files share are counted once."
    )


def _table_from_json(src, text: str, layouts) -> _Table:
    try:  # reading the document, or walking its pages
        return _json_table(src, reading.load_json(src, text), layouts)
    except RecursionError as exc:
        raise ImportFailed(
            f"{src.name} is a JSON file nested far deeper than any saved page: it is not an "
            "MTurk page. Upload the platform's own export."
        ) from exc


def _json_table(src, doc, layouts) -> _Table:
    _check_pages_of_one_kind(src, doc, _layout_of_json(doc, layouts), layouts)
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
        + (f" (top-level keys: {columns_text(keys)})" if keys else "")
        + ". GigLens reads the MTurk worker dashboard and status-details JSON pages; for other "
        "platforms upload their CSV or Excel export.",
        keys,
    )


def columns_text(columns: list[str], most: int = 40, width: int = 40) -> str:
    """Column names for a message: the first `most`, each cut to `width` characters ("and 3
    more" after them), so that a header cell of megabytes does not make a message of megabytes."""
    names = [str(c) if len(str(c)) <= width else str(c)[: width - 1] + "…" for c in columns[:most]]
    more = f" and {len(columns) - most} more" if len(columns) > most else ""
    return ", ".join(names) + more


def _unknown(src, columns: list[str], mapping) -> None:
    if mapping:
        from analytics.importers.generic import MAPPABLE_FIELDS, constant_ok

        header = {normalise_header(c) for c in columns}
        chosen = [(f, c) for f, c in mapping.items() if c and f in MAPPABLE_FIELDS]
        missing = [
            c
            for f, c in chosen
            if normalise_header(c) not in header
            and not (f in ("currency", "platform") and constant_ok(f, c))
        ]
        # a currency (or platform) may be one value for every row instead of a column
        words = [
            f"the {f} '{c}' is neither a column of the file nor "
            + ("a three-letter code such as USD or EUR" if f == "currency" else "a platform id")
            for f, c in chosen
            if f in ("currency", "platform") and c in missing
        ]
        raise ImportFailed(
            f"The columns chosen for {src.name} were not all found in the file: "
            f"{', '.join(missing) or 'none'}"
            + (f" ({'; '.join(words)})" if words else "")
            + f". Columns found: {columns_text(columns) or 'none'}."
        )
    if not columns:  # nothing to map either
        raise ImportFailed(
            f"{src.name} is not a table GigLens can read: no line of it holds column names (such as "
            "Date, Amount, Fee) separated by commas, semicolons or tabs, and no sheet holds "
            "one. Download the export again and upload it exactly as the platform gave it "
            "to you."
        )
    shown = columns_text(columns)
    raise UnknownFormat(
        f"GigLens does not recognise the layout of {src.name}. Columns found: {shown}. "
        + closest_layout_hint(columns)
        + "If this is a download from a supported platform, upload the file exactly as it was "
        "downloaded; otherwise tell GigLens which column holds the date, the amount and the fee.",
        columns,
    )


# Downloads of supported platforms that hold no money GigLens can count, recognised by their
# columns, and what to download instead.
OTHER_DOWNLOADS: list[tuple[tuple[str, ...], str]] = [
    (
        ("Sale Date", "Item Name", "Listing ID", "Item Total", "Order ID"),
        "This is Etsy's Sold Order Items download: it lists the items sold, not what Etsy paid "
        "you or its fees. Download your Etsy monthly statement (Shop Manager → Finances → "
        "Monthly statements → Generate CSV) or Sold Orders (Settings → Options → Download "
        "Data → Orders) instead. ",
    ),
]


# Column names any bank or spreadsheet may have: they say nothing of the platform.
_COMMON_COLUMNS = {
    normalise_header(c)
    for c in (
        "Date", "Time", "Type", "Description", "Title", "Name", "Status", "Currency", "Amount",
        "Gross", "Fee", "Fees", "Net", "Total", "Balance", "Id", "Reference", "Info", "Hours",
        "Transaction Date", "Post Date", "Posting Date", "Category", "Memo", "Debit", "Credit",
        "Time Zone", "Timezone", "Transaction ID", "Payment Type", "Notes", "Note",
    )
}  # fmt: skip


# Columns that name a platform's download although no layout needs them (PayPal's email and
# reference columns), or whose required columns are all common names: they tell whose file a
# header missing a needed column is.
_TELLING_COLUMNS = {
    platform: {normalise_header(c) for c in names}
    for platform, names in {
        "paypal": (
            "Reference Txn ID",
            "From Email Address",
            "To Email Address",
            "Balance Impact",
            "Receipt ID",
            "TimeZone",
            "Address Status",
            "Transaction ID",
        ),
        "upwork": ("Contract",),
        "generic": ("platform", "kind"),
    }.items()
}


def closest_layout_hint(columns: list[str]) -> str:
    """A sentence naming the known layout the header comes closest to ("" when none is close):
    70% of its columns present, at least three, one not a common name (_COMMON_COLUMNS), and
    which are missing; or, for another
    download of a supported platform (OTHER_DOWNLOADS), what to download instead."""
    header = {normalise_header(c) for c in columns if str(c).strip()}
    for signature, advice in OTHER_DOWNLOADS:
        if all(normalise_header(c) in header for c in signature):
            return advice
    best, best_share = None, 0.0
    for layout in _layouts():
        if layout.from_json is not None:
            continue
        required = [normalise_header(c) for c in layout.required]
        found = sum(c in header for c in required)
        share = found / len(required)
        telling = sum(c in header and c not in _COMMON_COLUMNS for c in required)
        telling += len(header & _TELLING_COLUMNS.get(layout.platform, set()))
        enough = 1 if len(required) > 5 else 2  # a small layout needs more to go on
        if found >= 3 and telling >= enough and share >= 0.7 and share > best_share:
            best, best_share = layout, share
    if best is None:
        return ""
    missing = [c for c in best.required if normalise_header(c) not in header]
    if best.platform == "generic":
        return (
            "It looks like the GigLens template, but it has no "
            f"{', '.join(missing)} column, which the template needs: add "
            f"{'it' if len(missing) == 1 else 'them'} (the template on the Home page shows "
            "every column and what goes in it). "
        )
    platform = PLATFORM_NAMES.get(best.platform, best.platform)
    others = [layout.name for layout in _layouts() if layout.platform == best.platform]
    return (
        f"It looks like {'an' if platform[0] in 'AEIOU' else 'a'} {platform} file, but not one "
        "GigLens reads: the closest, "
        f"{best.name}, needs {', '.join(missing)}, which this file does not have. GigLens "
        f"reads these {platform} "
        f"downloads: {'; '.join(others)}. "
    )


def _mapping_layout(mapping: dict[str, str], cells: list[str]) -> Layout | None:
    from analytics.importers import generic

    return generic.mapping_layout(mapping, cells)


# the dashes as characters, not \u escapes: older Arrow regex engines (RE2) refuse those
# `Total`, `Grand total`, `Subtotal`, `Sum`, and as European spreadsheets label them: `Summe`,
# `Gesamt`, `Insgesamt`, `Zwischensumme`, `Somme`, `Suma`, `Totale`, `Totaal`; a bracketed
# currency may follow (`Total (USD)`)
_TOTAL_WORDS = (
    r"(?:(?:grand\s+|sub-?)?totals?|totale|totaal|sum|summe|gesamt|gesamtsumme|insgesamt"
    r"|zwischensumme|somme|suma)\b(?:\s*\([^)]*\))?"
)
_TOTALS = _TOTAL_WORDS + r"(?:\s*[:" + "\u2014\u2013" + r"-].*)?"
_BARE_TOTAL = _TOTAL_WORDS + ":?"


def _blank_rows(frame: pd.DataFrame) -> pd.Series:
    """Rows whose every cell is empty or spaces (checked column by column, stopping when none
    is left)."""
    blank = pd.Series(True, index=frame.index)
    for name in frame.columns:
        column = frame[name]
        empty = column.isna() | (column == "") if column.dtype != TEXT_DTYPE else column == ""
        if column.dtype == TEXT_DTYPE:
            # cells of spaces or tabs only: found by their first byte, then stripped
            first, _, filled = edge_bytes(column.array.__arrow_array__())
            spaced = (filled & np.isin(first, (9, 32))) & ~empty.to_numpy(dtype=bool)
            if spaced.any():
                rows = column.index[spaced]
                empty[rows] = (column[rows].str.strip() == "").to_numpy()
        blank &= empty.fillna(True).astype(bool)
        if not blank.any():
            break
    return blank


# First bytes a totals label (see `_TOTAL_WORDS`) can start with, in either case, and any byte
# of a multi-byte character (`ſ` case-folds to s).
_MAY_START_TOTAL = np.zeros(256, dtype=bool)
_MAY_START_TOTAL[[ord(c) for c in "tTsSgGiIzZ"]] = True
_MAY_START_TOTAL[128:] = True


def _totals_rows(first: pd.Series, label: str = _TOTALS) -> pd.Series:
    """Rows whose first cell says `Total`, `Totals`, `Grand total`, `Summe`, `Total (USD)` or
    `Subtotal — …` (a full match of `label`)."""
    found = pd.Series(False, index=first.index)
    maybe = _may_be_total(first)  # a cheap filter for big files, on the first byte
    if maybe.any() and isinstance(first.array, pd.arrays.ArrowStringArray):
        import pyarrow.compute as pc

        # Then on the first word, in Arrow (ids such as `txn_...` all start with t).
        cells = first[maybe].array.__arrow_array__()
        word = pc.match_substring_regex(
            cells,
            "^(?:grand|[s\u017f]ub|total|[s\u017f]um|gesamt|insgesamt|zwischensumme|[s\u017f]omme)",
            ignore_case=True,
        )
        maybe[np.flatnonzero(maybe)] = np.asarray(word.to_numpy(zero_copy_only=False), dtype=bool)
    if maybe.any():
        hits = first[maybe].astype(str).str.fullmatch(label, case=False)
        found[maybe] = hits.fillna(False).astype(bool).to_numpy()
    return found


# a cell that is a totals label, maybe with what it totals: `Total earnings`, `Summe Umsatz:`,
# `Total net (USD)` (not a name that starts like one: "Total Media Ltd invoice 12")
_TOTAL_LABEL = (
    r"(?i)\s*"
    + _TOTAL_WORDS
    + r"(?:\s+(?:of\s+)?(?:the\s+)?(?:earnings|income|net|gross|fees?|amounts?|sales|payments|"
    r"revenue|paid|received|payouts?|umsatz|umsätze|einnahmen|betrag|beträge))?"
    r"(?:\s*\([^)]*\))?\s*:?\s*"
)


def _late_totals_rows(ctx: ImportContext, first: pd.Series) -> pd.Series:
    """Rows with an empty first cell whose first filled cell (among the next few) is a bare
    totals label (`,Total,,,` as a spreadsheet writes a sum under the second column), or,
    without a date, with a totals label further on (`Total earnings` under a description)."""
    empty_first = (first == "").to_numpy()
    if not empty_first.any():
        return pd.Series(False, index=first.index)
    rows = first.index[empty_first]
    label = first_nonempty(*(ctx.text(name)[rows] for name in ctx.frame.columns[1:4]))
    found = pd.Series(False, index=first.index)
    hits = _totals_rows(label, _BARE_TOTAL).to_numpy().copy()
    # A label further on counts only on a row without a date, and only as a whole cell (a
    # client may be called "Total-Tech Ltd").
    dates = [
        name
        for name in ctx.frame.columns
        if re.search(r"\b(?:date|datum|fecha)\b", str(name), re.IGNORECASE)
        or name == (ctx.mapping or {}).get("date")
    ]
    if dates:
        undated = np.logical_and.reduce([(ctx.text(name)[rows] == "").to_numpy() for name in dates])
        for name in ctx.frame.columns[1:]:
            cells = ctx.text(name)[rows]
            hits |= undated & cells.str.fullmatch(_TOTAL_LABEL).fillna(False).to_numpy(bool)
    found[rows] = hits
    return found


def _repeated_header_rows(ctx: ImportContext, first: pd.Series) -> pd.Series:
    """Rows that repeat the header: the first cell exactly as in the header (a byte-order mark
    allowed before it), the second one too, case and outer spaces aside."""
    columns = list(ctx.frame.columns)
    head = str(columns[0]).strip()
    found = pd.Series(False, index=first.index)
    if not head:
        return found
    # a second download joined below the first may bring its byte-order mark along
    maybe = _cells_equal(first, head) | _cells_equal(first, "\ufeff" + head)
    if not maybe.any() or len(columns) < 2:
        found[maybe] = True
        return found
    rows = first.index[maybe]
    second = ctx.text(columns[1])[rows].astype(str).str.strip().str.casefold()
    found[rows] = (second == str(columns[1]).strip().casefold()).to_numpy()
    return found


def _later_repeats(keys: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Which rows repeat an earlier row's key, and (for those) the row number each repeats."""
    again = keys.duplicated(keep="first")
    first = keys.index.to_series().groupby(keys.to_numpy()).transform("first")
    return again, first[again]


def _skip_rows_of_an_earlier_download(ctx: ImportContext, repeated_header: pd.Series) -> None:
    """Below a repeated header line starts another download joined into the file: its rows
    that repeat, cell for cell, a row of a download above it are the same transaction (as
    between two files: overlapping downloads), counted once. Rows repeated inside one
    download stay: two equal payments on a day are two payments. Between downloads, rows are
    matched with their repeats counted (the second of two equal rows only matches a second)."""
    if not repeated_header.any():
        return
    rows = ctx.pending
    download = repeated_header.cumsum()[rows]
    keys = _row_keys(ctx.frame.loc[rows])
    nth = keys.groupby([download.to_numpy(), keys.to_numpy()]).cumcount()
    again, first = _later_repeats(keys + "\x1e" + nth.astype(str))
    if not again.any():
        return
    ctx.skip(
        again,
        "repeats row "
        + first.astype(str)
        + " exactly, in the download joined below the repeated header line: the same "
        "transaction in two downloads joined into one file, counted once",
    )


def _skip_repeated_transactions(ctx: ImportContext, id_columns: tuple[str, ...]) -> None:
    """Skip rows that repeat an earlier row exactly, the platform's own id included (two
    downloads joined into one file): the same transaction, counted once. Rows with the same id
    but other cells are left to the importer."""
    column = ctx.column_name(*id_columns) if id_columns else None
    if column is None:
        return
    ids = ctx.text(column)
    hashes = hash_strings(arrow_text(ids))
    if not has_repeats(hashes):  # the usual case: every id once
        return
    repeated = pd.Series(hashes, index=ids.index).duplicated(keep=False).to_numpy()
    rows = ids.index[repeated & (ids != "").to_numpy()].intersection(ctx.pending)
    if rows.empty:
        return
    # compared on the cells, not the raw text: a workbook's raw text names the sheet, and a
    # sheet that copies rows of another (a filtered view) holds the same transactions
    same = ids[rows].astype(str)
    again, first = _later_repeats(same + "\x1e" + _row_keys(ctx.frame.loc[rows]))
    if not again.any():
        return
    ctx.skip(
        again,
        "repeats row "
        + first.astype(str)
        + f" exactly ({column} "
        + same[again]
        + "): the same transaction twice in one file (two downloads joined?), counted once",
    )


def _cells_equal(cells: pd.Series, text: str) -> np.ndarray:
    """Which cells are exactly `text` (one Arrow pass when possible)."""
    if isinstance(cells.array, pd.arrays.ArrowStringArray):
        import pyarrow.compute as pc

        hit = pc.equal(cells.array.__arrow_array__(), text)
        return np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
    return (cells.astype(str) == text).to_numpy()


def _may_be_total(first: pd.Series) -> np.ndarray:
    if not isinstance(first.array, pd.arrays.ArrowStringArray):
        return first.str[:1].isin(list("tTsSgGiIzZ\u017f")).to_numpy()
    first_byte, _, filled = edge_bytes(first.array.__arrow_array__())
    return _MAY_START_TOTAL[first_byte] & filled


def load_export(
    source, filename: str | None = None, mapping: dict[str, str] | None = None
) -> ImportResult:
    """Read one platform export (bytes, path or file-like) into an `ImportResult`.

    The platform and layout are detected from the header cells, never from the file name. With
    `mapping` (canonical field -> the file's column name) any table can be imported by hand.
    Raises only `ImportFailed` (or its subclass `UnknownFormat`), with a message for the user.
    """
    if mapping is not None and not isinstance(mapping, Mapping):
        raise ImportFailed(
            "The column mapping must be a dict from a field (date, gross, fee, net, ...) to the "
            f"file's column name, such as {{'date': 'Buchungstag'}}; got {type(mapping).__name__}."
        )
    if mapping is not None:
        wrong = [f"'{k}'" for k, v in mapping.items() if v is not None and not isinstance(v, str)]
        if wrong:
            raise ImportFailed(
                f"The column mapping gives {', '.join(wrong)} something other than a column "
                "name: give each field the name of one of the file's columns, as text, such as "
                "{'date': 'Buchungstag'}."
            )
        if mapping.get("negatives") not in (None, "", "refunds", "expenses"):
            raise ImportFailed(
                f"The column mapping's 'negatives' is '{mapping['negatives']}': it can be "
                "'expenses' (the file holds your own spending, which is left out) or 'refunds' "
                "(money going out was given back to clients)."
            )
    if filename is not None and not isinstance(filename, str):
        filename = str(filename)  # a file name as a number or a path object: its text
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
    if kind in ("excel", "html", "xml-sheet"):
        table = _table_from_sheets(src, mapping, layouts, kind)
    else:
        if kind == "json":
            table = _table_from_json(src, reading.decode_text(src)[0], layouts)
        else:
            table = _table_from_text(src, mapping, layouts)
    frame = table.frame
    ctx = ImportContext(
        frame,
        platform=table.layout.platform,
        source=src.name,
        raw=table.raw,
        mapping=mapping,
        delimiter=table.delimiter,
    )
    for note in table.notes:
        ctx.warn(note)
    for row, raw_text, why in getattr(table, "too_long", []):
        ctx.raw_override[row] = raw_text
        ctx.reject([row], why)
    if len(frame):
        ctx.skip(_blank_rows(frame), "blank line")
        first = ctx.text(frame.columns[0])
        ctx.skip(
            _totals_rows(first) | _late_totals_rows(ctx, first),
            "totals row (the sum of the rows above), not a transaction",
        )
        repeated_header = _repeated_header_rows(ctx, first)
        ctx.skip(
            repeated_header,
            "the header line again (two downloads joined into one file?), not a transaction",
        )
        _skip_rows_of_an_earlier_download(ctx, repeated_header)
        _skip_repeated_transactions(ctx, table.layout.unique_id)
    # a short last row that is a totals line (or blank) was skipped above: not cut off
    if table.cut_off is not None and table.cut_off[0] in ctx.pending:
        row, why = table.cut_off
        ctx.reject(
            [row],
            f"the file seems cut off here: this last row is incomplete ({why}), so its amounts "
            "cannot be trusted. Download the file again (or, in a file you made, complete the "
            "row); nothing was imported from this row",
        )
        ctx.warn(
            f"The last row ({row}) of this file is incomplete, as if the download was "
            "interrupted: it was not imported. Download the file again to get it whole."
        )
    if len(frame):  # a header-only download (a month with no activity) is simply empty
        table.layout.parse(ctx)
    result = ctx.finish(table.layout)
    result.header = table.header
    kinds = {str(k) for k in result.transactions["kind"].unique()}  # a few categories
    if "transfer" in kinds and not kinds & set(INCOME_KINDS) and table.layout.income_elsewhere:
        result.warnings.append(
            f"This {table.layout.name} lists {len(result.transactions):,} payout(s) to your bank: "
            "transfers between your own accounts, which GigLens lists but never counts as "
            f"income. {table.layout.income_elsewhere}"
        )
    elif "transfer" in kinds and not kinds & set(INCOME_KINDS):
        name = PLATFORM_NAMES.get(result.platform, "") if result.platform != "generic" else ""
        where = (
            f"The payments you received through {name} appear in this same {name} export: "
            "download it for dates that include them."
            if name
            else "The income is in the export of the platform that paid you."
        )
        result.warnings.append(
            f"None of the {len(result.transactions):,} transactions of this file is income: they "
            "are transfers between your own accounts (payouts, withdrawals, deposits), which "
            f"GigLens lists but never counts as income. {where}"
        )
    return result
