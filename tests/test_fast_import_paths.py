"""The fast import paths: Arrow CSV reading (and its fallbacks), report lines split by Arrow,
the byte-level text hash, the packed stable sorts, the Arrow amount parser and the hex txn_ids.

Every expected value comes from the test itself: the values written into a generated file, the
csv module, `decimal.Decimal`, NumPy's stable argsort / lexsort, pandas groupby, or Python's own
hex formatting. None is the code's output pasted back.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import random
import re
from decimal import Decimal
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import load_export, loader, parsing
from analytics.canonical import _hex_ids, _occurrence, _sorted_order, hash_strings
from analytics.parsing import parse_amount

MiB = 1 << 20
HEADER = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference"
WEEKLY_HEADER = '"Date","Contract","Hours","Amount","Payment type"'


def assert_accounted(result):
    """Every data row is in exactly one of imported / skipped / rejected."""
    imported = set(np.asarray(result.transaction_rows).tolist())
    skipped, rejected = set(result.skipped["row"]), set(result.rejected["row"])
    assert not imported & skipped and not imported & rejected and not skipped & rejected
    assert len(imported) + len(skipped) + len(rejected) == result.rows_read


def money(cents: int, thousands: bool = False) -> str:
    """Integer cents as the text a file holds: 123456 -> `1234.56` (or `1,234.56`)."""
    whole, part = divmod(abs(cents), 100)
    digits = f"{whole:,}" if thousands else str(whole)
    return f"{'-' if cents < 0 else ''}{digits}.{part:02d}"


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def cents_by_row(result, column: str) -> dict[int, int]:
    """{file row: amount in integer cents} of the imported transactions."""
    values = np.round(result.transactions[column].to_numpy() * 100).astype("int64")
    return dict(zip(np.asarray(result.transaction_rows).tolist(), values.tolist(), strict=True))


def by_row(result, column: str) -> dict[int, object]:
    values = result.transactions[column].tolist()
    return dict(zip(np.asarray(result.transaction_rows).tolist(), values, strict=True))


# --- large template files with quoted line breaks ---------------------------------------------

WORDS = ["logo", "naïve", "café", "€5 tip", 'said "ok"', "a,b", "Zoë", "x" * 40, "final"]
CLIENTS = ["Acme", "Zoë Studio", "Acme, Inc.", 'The "Best" Co', "Beta"]


def _crafted_cell(start: int, features: list[tuple[int, bytes]]) -> bytes:
    """The bytes of a quoted cell's content (quotes already doubled), beginning at file byte
    `start`, with each piece placed at its file byte."""
    out = bytearray(b"Note")
    for position, piece in features:
        gap = position - (start + len(out))
        assert gap >= 0, "feature placed too early"
        out += b"x" * gap + piece
    return bytes(out + b" end")


def build_multiline_template(newline: str, min_size: int = 3 * MiB + 200_000, seed: int = 7):
    """A template CSV over `min_size` bytes whose descriptions often span lines.

    Around every 1 MiB boundary (counted from the file start and from the first data row) a
    long quoted description places a line break, a CR LF, a 3-byte `€` or an escaped quote on
    (or just after) the boundary. Returns the bytes, per data row in order (description, gross
    cents, fee cents), and (row start, row end, boundaries) of the rows placed on boundaries.
    """
    rng = random.Random(seed)
    nl = newline.encode()
    header = HEADER.encode() + nl
    targets = {k * MiB for k in range(1, 4)} | {len(header) + k * MiB for k in range(1, 4)}
    groups: list[list[int]] = []
    for target in sorted(t for t in targets if t < min_size - 10_000):
        if groups and target - groups[-1][-1] < 4096:
            groups[-1].append(target)
        else:
            groups.append([target])
    # (piece, where its first byte goes relative to the boundary); a quoted CR LF split by a
    # boundary is left to its own test below.
    euro = "€".encode()
    pieces = [(b"\n", -1), (euro, -1), (b'""', -1), (b"\n", 0), (b"\r\n", 0), (euro, -2)]
    chunks = [header]
    offset = len(header)
    expected: list[tuple[str, int, int]] = []
    placed: list[tuple[int, int, list[int]]] = []
    day0 = dt.date(2024, 1, 1)
    crafted = 0
    i = 0
    while offset < min_size or groups:
        gross = rng.randrange(1, 5_000_000)
        fee = rng.randrange(0, gross + 1)
        thousands = rng.random() < 0.3
        amounts = [money(c, thousands) for c in (gross, fee, gross - fee)]
        if thousands:
            amounts = [quoted(a) for a in amounts]
        client = rng.choice(CLIENTS)
        client_cell = quoted(client) if ("," in client or '"' in client) else client
        date = (day0 + dt.timedelta(days=rng.randrange(0, 400))).isoformat()
        prefix = f"{date},fiverr,earning,{','.join(amounts)},USD,1.5,{client_cell},".encode()
        prefix += b'"'
        group = None
        if groups and offset + 6000 > groups[0][0]:
            # A long multi-line description with a feature exactly on each boundary nearby.
            group = groups.pop(0)
            features = []
            for target in group:
                piece, shift = pieces[crafted % len(pieces)]
                crafted += 1
                features.append((target + shift, piece + b"\nline after boundary"))
            cell = _crafted_cell(offset + len(prefix), features)
        else:
            if rng.random() < 0.15:
                lines = [" ".join(rng.choices(WORDS, k=rng.randrange(1, 12))) for _ in range(4)]
                description = "\n".join(lines[: rng.randrange(2, 5)])
            else:
                description = f"Job {i} {rng.choice(WORDS)}"
            cell = description.replace('"', '""').encode()
        row = prefix + cell + f'",REF-{i}'.encode() + nl
        if group is not None:
            placed.append((offset, offset + len(row), group))
        chunks.append(row)
        offset += len(row)
        expected.append((cell.decode().replace('""', '"'), gross, fee))
        i += 1
    return b"".join(chunks), expected, placed


@pytest.fixture(scope="module", params=["\n", "\r\n"], ids=["lf", "crlf"])
def multiline_file(request):
    data, expected, placed = build_multiline_template(request.param)
    return data, expected, placed, load_export(data, "big.csv")


def test_multiline_generator_sanity(multiline_file):
    """The generated file is what the other tests assume (checked with the csv module)."""
    data, expected, placed, _ = multiline_file
    assert len(data) > 3 * MiB
    records = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert records[0] == HEADER.split(",")
    assert [r[9] for r in records[1:]] == [d for d, _, _ in expected]
    assert [Decimal(r[3].replace(",", "")) for r in records[1:]] == [
        Decimal(g) / 100 for _, g, _ in expected
    ]
    assert sum(d.count("\n") for d, _, _ in expected) > 1000
    boundaries = sorted(t for _, _, group in placed for t in group)
    header_end = data.index(b"\n") + 1
    assert boundaries == sorted(
        {k * MiB for k in (1, 2, 3)} | {header_end + k * MiB for k in (1, 2, 3)}
    )
    for start, end, group in placed:
        assert all(start < t < end for t in group)


def test_multiline_file_rows_descriptions_and_amounts(multiline_file):
    _, expected, _, result = multiline_file
    assert result.rows_read == len(expected)
    assert result.rejected.empty and result.skipped.empty
    assert len(result.transactions) == len(expected)
    assert_accounted(result)
    # Row n of the spreadsheet is record n - 1 of the file (the header is row 1).
    descriptions = by_row(result, "description")
    wrong = [r for r, (d, _, _) in enumerate(expected, start=2) if descriptions[r] != d]
    assert wrong == []
    gross = cents_by_row(result, "gross")
    fee = cents_by_row(result, "fee")
    net = cents_by_row(result, "net")
    assert gross == {r: g for r, (_, g, _) in enumerate(expected, start=2)}
    assert fee == {r: f for r, (_, _, f) in enumerate(expected, start=2)}
    assert net == {r: g - f for r, (_, g, f) in enumerate(expected, start=2)}
    total = sum(g for _, g, _ in expected)
    assert round(result.transactions["gross"].sum() * 100) == total


def test_multiline_file_clients_with_quotes_and_commas(multiline_file):
    _, _, _, result = multiline_file
    assert set(result.transactions["client"]) <= set(CLIENTS)
    assert {"Acme, Inc.", 'The "Best" Co', "Zoë Studio"} <= set(result.transactions["client"])


def test_multiline_rows_keep_record_numbers_in_reports():
    """With quoted line breaks, `row` counts records (what a spreadsheet shows), not lines."""
    lines = [
        "Earnings export",  # preamble: the header is row 2
        HEADER,
        '2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Acme,"Logo\nsecond line\nthird",F1',
        '2025-01-04,fiverr,earning,200.00,10.00,190.00,USD,2,Acme,"Icon\r\nsecond",F2',
        "Total,,,300.00,30.00,270.00,,,,,",
        '2025-01-05,fiverr,earning,5.00,0.00,5.00,USD,,Beta,"one\ntwo",F3',
    ]
    result = load_export(("\n".join(lines) + "\n").encode(), "m.csv")
    assert result.rows_read == 4
    assert list(result.skipped["row"]) == [5]
    assert result.skipped["raw"].iloc[0].rstrip(",") == "Total,,,300.00,30.00,270.00"
    assert by_row(result, "description") == {
        3: "Logo\nsecond line\nthird",
        4: "Icon\r\nsecond",
        6: "one\ntwo",
    }
    assert_accounted(result)


def _row_with_cr_on_block_boundary(block_end: int) -> tuple[bytes, str]:
    """A template file whose one multi-line description holds `\\r\\n` with the `\\r` as the
    last byte of Arrow's first 1 MiB block (counted from the first data row)."""
    header = (HEADER + "\n").encode()
    filler = b"".join(
        f"2025-01-{i % 28 + 1:02d},fiverr,earning,1.00,0.00,1.00,USD,,C,D,R{i}\n".encode()
        for i in range(14_000)
    )
    prefix = b'2025-02-01,fiverr,earning,10.00,0.00,10.00,USD,,Acme,"Line one'
    pad = block_end - 1 - (len(filler) + len(prefix))
    assert pad > 0
    description = b"Line one" + b"x" * pad + b"\r\nLine two"
    row = prefix + b"x" * pad + b'\r\nLine two",CR1\n'
    data = header + filler + row + b"2025-03-01,fiverr,earning,1.00,0.00,1.00,USD,,C,D,LAST\n"
    assert data[len(header) + block_end - 1 : len(header) + block_end + 1] == b"\r\n"
    return data, description.decode()


def test_quoted_crlf_split_by_a_block_boundary_keeps_its_line_feed():
    """A quoted `\\r\\n` whose `\\r` ends a 1 MiB block must come back whole, and the row must
    get the same id as in a download where it sits elsewhere."""
    data, description = _row_with_cr_on_block_boundary(MiB)
    result = load_export(data, "cr.csv")
    assert result.rejected.empty
    t = result.transactions
    got = t.loc[t["reference"] == "CR1", "description"].tolist()
    assert got == [description]
    small = load_export(data[: data.index(b"\n") + 1] + data[data.index(b"2025-02-01") :], "s.csv")
    small_id = small.transactions.loc[small.transactions["reference"] == "CR1", "txn_id"]
    assert t.loc[t["reference"] == "CR1", "txn_id"].tolist() == small_id.tolist()


# --- report lines of a large file: exact original text ----------------------------------------


def build_weekly_summary(newline: str, bom: bool, trailing_newline: bool = True):
    """An Upwork Weekly Summary of about 2.5 MiB with a zero row and a bad row deep inside and
    a zero row as the very last line. Returns bytes, expected (row -> (raw, reason)) for the
    reports, the sum of the imported amounts in cents and the number of data rows."""
    rng = random.Random(11)
    lines = [WEEKLY_HEADER]
    reports: dict[int, tuple[str, str]] = {}
    total = 0
    size = 0
    i = 0
    while size < 2.5 * MiB:
        row = len(lines) + 1  # 1-based line number of the line about to be added
        date = (dt.date(2024, 1, 1) + dt.timedelta(days=i % 366)).isoformat()
        contract = f"Contract {i % 97} ({30000000 + i % 97})"
        if i == 30_000:
            line = f'"{date}","Idle week ({i})","0","0",""'
            reports[row] = (line, "no hours and no amount on this row")
        elif i == 30_500:
            line = f'"{date}","{contract}","1","12.3.4",""'
            reports[row] = (line, "bad")
        else:
            cents = rng.randrange(1, 200_000)
            hours = "" if i % 5 == 0 else str(rng.randrange(1, 40) / 4)
            kind = "Bonus" if i % 5 == 0 else ""
            line = f'"{date}","{contract}","{hours}","{money(cents)}","{kind}"'
            total += cents
        lines.append(line)
        size += len(line) + len(newline)
        i += 1
    last = f'"2025-01-31","Idle week ({i})","","0.00",""'
    reports[len(lines) + 1] = (last, "no hours and no amount on this row")
    lines.append(last)
    text = newline.join(lines) + (newline if trailing_newline else "")
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode()
    return data, reports, total, len(lines) - 1


@pytest.mark.parametrize(
    ("newline", "bom", "trailing"),
    [("\n", False, True), ("\r\n", False, True), ("\r\n", True, False), ("\n", True, False)],
    ids=["lf", "crlf", "bom-crlf-no-final-newline", "bom-lf-no-final-newline"],
)
def test_deep_skipped_and_rejected_rows_report_their_exact_line(newline, bom, trailing):
    data, reports, total, rows = build_weekly_summary(newline, bom, trailing)
    assert len(data) > 2 * MiB
    result = load_export(data, "weekly.csv")
    assert result.layout == "Upwork Weekly Summary"
    assert result.rows_read == rows
    skipped = {r: (raw, why) for r, raw, why in result.skipped.itertuples(index=False)}
    assert skipped == {r: v for r, v in reports.items() if v[1] != "bad"}
    [(bad_row, (bad_line, _))] = [(r, v) for r, v in reports.items() if v[1] == "bad"]
    assert list(result.rejected["row"]) == [bad_row]
    assert result.rejected["raw"].iloc[0] == bad_line
    assert "12.3.4" in result.rejected["reason"].iloc[0]
    assert round(result.transactions["gross"].sum() * 100) == total
    assert set(result.transactions["currency"]) == {"USD"}
    assert "Contract 5" in set(result.transactions["client"])
    assert_accounted(result)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    ("special", "reason"),
    [
        ("Total,,,1234.56,12.00,1222.56,,,,,", "totals row"),
        ("", "blank line"),
    ],
    ids=["totals-row", "blank-line"],
)
def test_deep_totals_or_blank_line_in_template_reports_its_line(newline, special, reason):
    lines = ["GigLens export for Jane Doe", HEADER]  # preamble: header on line 2
    rows = 40_000
    at = 25_000  # data row index of the special line
    total = 0
    for i in range(rows):
        if i == at:
            lines.append(special)
            continue
        cents = 1000 + i
        total += cents
        lines.append(
            f"2025-02-{i % 28 + 1:02d},fiverr,earning,{money(cents)},0.00,{money(cents)},USD,"
            f",Client {i % 13},Job {i},R{i}"
        )
    data = (newline.join(lines) + newline).encode()
    assert len(data) > 2 * MiB
    result = load_export(data, "t.csv")
    assert result.rows_read == rows
    [(row, raw, why)] = list(result.skipped.itertuples(index=False))
    assert row == at + 3  # preamble line 1, header line 2, data row 0 on line 3
    assert raw == special
    assert why.startswith(reason)
    assert result.rejected.empty
    assert round(result.transactions["gross"].sum() * 100) == total
    assert_accounted(result)


def test_deep_row_quoted_unlike_the_first_rows_reports_its_own_line():
    """Report text is the row's own line even when it is quoted differently from the rows at
    the top of the file (here a hand-edited row with quotes that were not needed)."""
    odd = '2025-02-10,fiverr,earning,"five",0.00,5.00,USD,,"X",bad amount,R2'
    lines = [HEADER] + [
        f"2025-02-{i % 28 + 1:02d},fiverr,earning,1.00,0.00,1.00,USD,,C,J{i},R{i}"
        for i in range(100)
    ]
    lines.insert(81, odd)  # data row 80 -> spreadsheet row 82
    result = load_export(("\n".join(lines) + "\n").encode(), "q.csv")
    [(row, raw, why)] = list(result.rejected.itertuples(index=False))
    assert row == 82
    assert "five" in why
    assert raw == odd
    assert_accounted(result)


# --- ragged rows fall back to pandas ----------------------------------------------------------

GOOD_ROWS = [
    "2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Acme,Logo,FO1",
    "2025-01-20,fiverr,earning,50.00,10.00,40.00,USD,1.5,Beta,Icon,FO2",
    "2025-02-02,fiverr,refund,-25.00,0.00,-25.00,USD,,Beta,Partial refund,FO3",
]
RAGGED = "2025-01-21,fiverr,earning,7.00,0.00,7.00,USD,1,Gamma,Logo, with comma,FO9"


@pytest.mark.parametrize("position", [0, 1, 3], ids=["first", "middle", "last"])
def test_ragged_row_is_rejected_and_the_rest_imports(position):
    rows = list(GOOD_ROWS)
    rows.insert(position, RAGGED)
    result = load_export(("\n".join([HEADER, *rows]) + "\n").encode(), "r.csv")
    assert result.rows_read == 4
    [(row, raw, why)] = list(result.rejected.itertuples(index=False))
    assert row == position + 2
    assert raw == RAGGED
    assert "12 cells" in why and "11" in why
    t = result.transactions
    # 100 + 50 - 25 = 125 gross; fees 20 + 10 + 0 = 30
    assert round(t["gross"].sum(), 2) == 125.00
    assert round(t["fee"].sum(), 2) == 30.00
    assert sorted(t["reference"]) == ["FO1", "FO2", "FO3"]
    assert_accounted(result)


def test_ragged_row_deep_in_a_large_file():
    lines = [HEADER]
    rows = 30_000
    ragged_at = 20_000
    for i in range(rows):
        if i == ragged_at:
            lines.append(RAGGED)
        else:
            lines.append(f"2025-03-{i % 28 + 1:02d},fiverr,earning,1.00,0.00,1.00,USD,,C{i},D,R{i}")
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) > MiB
    result = load_export(data, "big-ragged.csv")
    assert result.rows_read == rows
    assert list(result.rejected["row"]) == [ragged_at + 2]
    assert "12 cells" in result.rejected["reason"].iloc[0]
    assert len(result.transactions) == rows - 1
    assert round(result.transactions["gross"].sum() * 100) == (rows - 1) * 100
    assert_accounted(result)


def test_mac_cr_only_line_endings_import_every_row():
    """Old Mac / "CSV (Macintosh)" files end lines with a lone CR; they have no LF at all."""
    rows = [
        "2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Zoë,Logo,FO1",
        "Total,,,100.00,20.00,80.00,,,,,",
        "2025-01-04,fiverr,earning,1.00,0.00,1.00,USD,2,Acme,Icon,FO2",
    ]
    result = load_export(("\r".join([HEADER, *rows]) + "\r").encode(), "mac.csv")
    assert result.rows_read == 3
    [(row, raw, why)] = list(result.skipped.itertuples(index=False))
    assert (row, raw) == (3, "Total,,,100.00,20.00,80.00,,,,,")
    assert why.startswith("totals row")
    assert by_row(result, "client") == {2: "Zoë", 4: "Acme"}
    # 100.00 + 1.00
    assert round(result.transactions["gross"].sum(), 2) == 101.00
    assert_accounted(result)


# --- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize("final_newline", [True, False])
def test_windows_1252_byte_after_the_first_mebibyte(final_newline):
    head = [HEADER.encode()]
    size = len(head[0]) + 1
    i = 0
    while size < MiB + 50_000:
        line = f"2025-04-{i % 28 + 1:02d},fiverr,earning,2.00,0.00,2.00,USD,,C,D,R{i}".encode()
        head.append(line)
        size += len(line) + 1
        i += 1
    late = b"2025-04-30,fiverr,earning,9.00,0.00,9.00,USD,,caf\xe9 Ren\xe9,cr\xe8me,LATE"
    data = b"\n".join([*head, late]) + (b"\n" if final_newline else b"")
    assert b"\xe9" not in data[: MiB + 10_000]
    result = load_export(data, "late.csv")
    assert result.rows_read == i + 1
    assert result.rejected.empty
    t = result.transactions
    late_row = t[t["reference"] == "LATE"]
    assert late_row["client"].tolist() == ["café René"]
    assert late_row["description"].tolist() == ["crème"]
    assert round(t["gross"].sum() * 100) == i * 200 + 900
    assert_accounted(result)


def test_utf8_with_bom_and_non_ascii_client():
    text = "\n".join(
        [
            HEADER,
            "2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Zoë,Logo für Café €,FO1",
            '2025-01-04,fiverr,earning,10.00,0.00,10.00,USD,1,"Zoë, Ltd",日本語 ✓,FO2',
        ]
    )
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode()):
        result = load_export(data, "zoe.csv")
        t = result.transactions
        assert result.header[0] == "date"
        assert by_row(result, "client") == {2: "Zoë", 3: "Zoë, Ltd"}
        assert by_row(result, "description") == {2: "Logo für Café €", 3: "日本語 ✓"}
        assert round(t["gross"].sum(), 2) == 110.00
        assert result.rejected.empty and result.skipped.empty


# --- hash_strings -----------------------------------------------------------------------------

TEXTS = [
    "",
    "a",
    "Acme",
    "Zoë",
    "日本語のテキスト",
    "€" * 11,
    "exactly8",
    "exactly16bytes!!",
    "seventeen bytes!!",
    "Invoice for Website rebuild: week 38",
    "x" * 100,
    "mixed ünïcödé and ascii " * 5,
]


def _hashes(cells) -> list[int]:
    return [int(h) for h in hash_strings(cells)]


def test_hash_is_the_same_for_the_same_text_however_the_array_is_built():
    expected = _hashes(pa.array(TEXTS))
    # one at a time
    assert [_hashes(pa.array([t]))[0] for t in TEXTS] == expected
    # reversed, and among much longer strings (more hashing rounds)
    assert _hashes(pa.array(TEXTS[::-1])) == expected[::-1]
    long = ["L" * 700, *TEXTS, "M" * 333]
    assert _hashes(pa.array(long))[1:-1] == expected
    # large_string, chunked in several ways, sliced out of a bigger array
    assert _hashes(pa.array(TEXTS, type=pa.large_string())) == expected
    for cut in (1, 5, len(TEXTS) - 1):
        chunked = pa.chunked_array([pa.array(TEXTS[:cut]), pa.array(TEXTS[cut:])])
        assert _hashes(chunked) == expected
    one_chunk_per_text = pa.chunked_array([pa.array([t]) for t in TEXTS])
    assert _hashes(one_chunk_per_text) == expected
    for kind in (pa.string(), pa.large_string()):
        outer = pa.array(["before", "zz" * 50, *TEXTS, "after"], type=kind)
        assert _hashes(outer.slice(2, len(TEXTS))) == expected
        assert _hashes(outer.slice(5, 3)) == expected[3:6]
        sliced_chunks = pa.chunked_array([outer.slice(2, 4), outer.slice(6, len(TEXTS) - 4)])
        assert _hashes(sliced_chunks) == expected


def test_hash_of_null_is_the_hash_of_empty_text():
    assert _hashes(pa.array([None, "a", ""])) == _hashes(pa.array(["", "a", ""]))


@pytest.mark.parametrize("length", range(1, 41))
def test_hash_sees_every_byte_position(length):
    """Changing any one byte (the 9th and 17th start a new 8-byte word, the last is the one
    the padding mask must keep) changes the hash."""
    base = "".join(chr(ord("a") + (k * 7) % 26) for k in range(length))
    variants = [base] + [base[:p] + "Q" + base[p + 1 :] for p in range(length)]
    hashes = _hashes(pa.array(variants))
    assert len(set(hashes)) == len(variants) == length + 1


def test_hash_differs_for_every_length_0_to_40():
    rng = random.Random(3)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789 ,.-") for _ in range(40))
    prefixes = [text[:n] for n in range(41)]
    assert len(set(_hashes(pa.array(prefixes)))) == 41
    same_letter = ["a" * n for n in range(41)]
    assert len(set(_hashes(pa.array(same_letter)))) == 41


def test_hash_of_non_ascii_text_is_its_utf8_bytes():
    pairs = [("Zoë", "Zoe"), ("café", "cafe"), ("€", "E"), ("naïve", "naive"), ("ë", "e\u0308")]
    for a, b in pairs:
        ha, hb = _hashes(pa.array([a, b]))
        assert ha != hb, (a, b)
    # same UTF-8 bytes -> same hash, whatever the array around them
    assert _hashes(pa.array(["Zoë"]))[0] == _hashes(pa.array(["x" * 30, "Zoë"]))[1]


def test_no_collisions_among_200k_distinct_texts():
    rng = np.random.default_rng(5)
    texts = {f"client {i}" for i in range(50_000)}
    texts |= {f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d} ref {i:06d}" for i in range(50_000)}
    alphabet = list("abcdefghijklmnopqrstuvwxyzé€ 0123456789")
    lengths = rng.integers(1, 41, size=120_000)
    letters = rng.integers(0, len(alphabet), size=int(lengths.sum()))
    at = 0
    for n in lengths:
        texts.add("".join(alphabet[k] for k in letters[at : at + n]))
        at += n
    texts = sorted(texts)[:200_000]
    assert len(texts) == 200_000
    hashes = hash_strings(pa.array(texts))
    assert hashes.dtype == np.uint64
    assert len(np.unique(hashes)) == len(texts)


def test_long_texts_with_words_swapped_512_bytes_apart_hash_differently():
    """Two different descriptions must not share a hash by construction.

    The word keys repeat every 64 words, so for texts over 512 bytes the 8-byte words k and
    k + 64 can be exchanged without changing the hash.
    """
    first = "".join(chr(65 + k % 26) for k in range(512))  # 512 bytes = 64 words
    second = "".join(chr(97 + k % 26) for k in range(512))
    a, b = first + second, second + first
    assert a != b
    ha, hb = _hashes(pa.array([a, b]))
    assert ha != hb


# --- stable sorts and occurrence numbers ------------------------------------------------------


def _stable(keys) -> list[int]:
    return np.argsort(keys, kind="stable").tolist()


@pytest.mark.parametrize(
    ("low", "high"),
    [(0, 20), (-5, 5), (-(2**40), 2**40), (0, 2**32 - 1), (0, 2**32), (-(2**62), 2**62)],
    ids=["small", "negative", "huge-span", "span-2^32-1", "span-2^32", "near-int64-limits"],
)
def test_sorted_order_is_a_stable_argsort(low, high):
    rng = np.random.default_rng(abs(low) % 1000 + high % 1000)
    pool = np.unique(np.r_[rng.integers(low, high, size=30, endpoint=True), low, high])
    many_ties = rng.choice(pool, size=5000).astype(np.int64)
    mostly_distinct = rng.integers(low, high, size=5000, endpoint=True).astype(np.int64)
    for keys in (many_ties, mostly_distinct):
        keys[[0, -1]] = high, low  # the full span is present and the input is not sorted
        order = _sorted_order(keys)
        assert order is not None
        assert order.tolist() == _stable(keys)


def test_sorted_order_is_none_for_sorted_input():
    assert _sorted_order(np.array([], dtype=np.int64)) is None
    assert _sorted_order(np.array([7], dtype=np.int64)) is None
    assert _sorted_order(np.array([3, 3, 3], dtype=np.int64)) is None
    assert _sorted_order(np.array([-(2**40), 0, 0, 5, 2**40], dtype=np.int64)) is None
    assert _sorted_order(np.array([1, 0], dtype=np.int64)).tolist() == [1, 0]


@pytest.mark.parametrize("pool_size", [1, 3, 50, 4000])
def test_occurrence_matches_groupby_cumcount(pool_size):
    rng = np.random.default_rng(pool_size)
    pool = rng.integers(0, 2**64, size=pool_size, dtype=np.uint64, endpoint=False)
    pool[0] = 2**64 - 1  # values above 2**63 must not be confused with negatives
    values = rng.choice(pool, size=5000)
    expected = pd.Series(values).groupby(values, sort=False).cumcount().to_numpy()
    found = _occurrence(values)
    assert found is not None
    assert found.dtype == np.int64
    assert found.tolist() == expected.tolist()


def test_occurrence_none_when_all_distinct():
    assert _occurrence(np.array([], dtype=np.uint64)) is None
    assert _occurrence(np.array([5], dtype=np.uint64)) is None
    distinct = np.random.default_rng(1).permutation(np.arange(10_000, dtype=np.uint64) * 7919)
    assert _occurrence(distinct) is None
    assert _occurrence(np.array([2**63, 0, 2**63], dtype=np.uint64)).tolist() == [0, 0, 1]


# --- hex ids ----------------------------------------------------------------------------------

HEX_VALUES = np.array(
    [0x0123456789ABCDEF, 0, 1, 2**64 - 1, 0xFEDCBA9876543210, 2**63, 0x00FF00FF00FF00FF],
    dtype=np.uint64,
)
HEX_DIGITS = [
    "0123456789abcdef",
    "0000000000000000",
    "0000000000000001",
    "ffffffffffffffff",
    "fedcba9876543210",
    "8000000000000000",
    "00ff00ff00ff00ff",
]


@pytest.mark.parametrize("prefix", ["", "generic-", "fiverr-", "zoë-", "€"])
def test_hex_ids_exact_text(prefix):
    ids = _hex_ids(prefix, HEX_VALUES)
    assert isinstance(ids, pa.ChunkedArray)
    assert ids.to_pylist() == [prefix + d for d in HEX_DIGITS]


def test_hex_ids_match_python_formatting_and_empty_input():
    values = np.random.default_rng(9).integers(0, 2**64, size=1000, dtype=np.uint64)
    assert _hex_ids("p-", values).to_pylist() == [f"p-{int(v):016x}" for v in values]
    assert _hex_ids("p-", np.zeros(0, dtype=np.uint64)).to_pylist() == []


# --- parse_amount -----------------------------------------------------------------------------

cents = st.integers(min_value=-(10**9), max_value=10**9)
amount_cells = st.one_of(
    cents.map(lambda c: (money(c), c)),
    cents.map(lambda c: (money(c, thousands=True), c)),
    st.sampled_from([("", None), ("--", None)]),
)


@contextlib.contextmanager
def arrow_path():
    """Record what `parsing._arrow_numbers` returns (None: it handed the column on)."""
    returned: list[object] = []
    real = parsing._arrow_numbers

    def spy(cells):
        returned.append(real(cells))
        return returned[-1]

    with mock.patch.object(parsing, "_arrow_numbers", spy):
        yield returned


def _expected_values(cells) -> list[float]:
    return [np.nan if c is None else float(Decimal(c) / 100) for _, c in cells]


def _same(values: pd.Series, expected: list[float]) -> bool:
    got = values.to_numpy(dtype="float64")
    want = np.array(expected, dtype="float64")
    return bool(np.array_equal(got, want, equal_nan=True))


@settings(max_examples=150, deadline=None)
@given(st.lists(amount_cells, min_size=1, max_size=60))
def test_arrow_amount_path_reads_plain_and_thousands_exactly(cells):
    series = pd.Series([text for text, _ in cells], dtype="str")
    assert isinstance(series.array, pd.arrays.ArrowStringArray)
    with arrow_path() as returned:
        parsed = parse_amount(series)
    assert len(returned) == 1 and returned[0] is not None  # the fast path read the column
    expected = _expected_values(cells)
    assert _same(parsed.values, expected)
    assert not parsed.bad.any()
    assert parsed.values.index.equals(series.index)
    # the object-dtype path (no Arrow) reads the same
    slow = parse_amount(series.astype(object))
    assert _same(slow.values, expected) and not slow.bad.any()


def with_symbol(cents: int, symbol: str, sign_first: bool, thousands: bool) -> str:
    """`-$1.44` (sign before the symbol, as Etsy writes it) or `$-1.44`."""
    number = money(abs(cents), thousands=thousands)
    sign = "-" if cents < 0 else ""
    return f"{sign}{symbol}{number}" if sign_first else f"{symbol}{sign}{number}"


symbol_cells = st.one_of(
    st.builds(
        lambda c, symbol, sign_first, thousands: (
            with_symbol(c, symbol, sign_first, thousands),
            c,
        ),
        cents,
        st.sampled_from(["$", "£", "€", "CA$", "AU$", "US$", "₹", "kr", "CHF"]),
        st.booleans(),
        st.booleans(),
    ),
    amount_cells,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(symbol_cells, min_size=1, max_size=60))
def test_arrow_amount_path_reads_amounts_behind_a_currency_symbol(cells):
    series = pd.Series([text for text, _ in cells], dtype="str")
    with arrow_path() as returned:
        parsed = parse_amount(series)
    assert len(returned) == 1 and returned[0] is not None  # the fast path read the column
    expected = _expected_values(cells)
    assert _same(parsed.values, expected)
    assert not parsed.bad.any()
    slow = parse_amount(series.astype(object))  # the full cleaning reads the same
    assert _same(slow.values, expected) and not slow.bad.any()


BAD_AMOUNT_CELLS = ["12..5", "abc", "6O.00", "$12,34", "1.2.3", "--5", "inf"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(symbol_cells, min_size=1, max_size=60),
    st.lists(st.sampled_from(BAD_AMOUNT_CELLS), min_size=1, max_size=5),
    st.randoms(use_true_random=False),
)
def test_column_with_bad_cells_reads_every_good_cell_exactly(cells, bad_cells, rnd):
    rows = [(text, cents, False) for text, cents in cells] + [(b, None, True) for b in bad_cells]
    rnd.shuffle(rows)
    series = pd.Series([text for text, _, _ in rows], dtype="str")
    parsed = parse_amount(series)
    expected = [np.nan if c is None else float(Decimal(c) / 100) for _, c, _ in rows]
    assert _same(parsed.values, expected)
    assert parsed.bad.tolist() == [is_bad for _, _, is_bad in rows]
    slow = parse_amount(series.astype(object))  # the object-dtype path agrees
    assert _same(slow.values, expected) and slow.bad.tolist() == parsed.bad.tolist()


def test_etsy_style_amount_column_is_read_by_the_fast_path():
    series = pd.Series(["--", "-$0.20", "$5.50", "$1,299.00", "-$1,000.01", "$-3", ""], dtype="str")
    with arrow_path() as returned:
        parsed = parse_amount(series)
    assert returned[0] is not None
    assert _same(parsed.values, [np.nan, -0.20, 5.50, 1299.00, -1000.01, -3.00, np.nan])
    assert not parsed.bad.any()


@pytest.mark.parametrize(
    "cell, value, bad",
    [
        ("$1e5", np.nan, True),  # an exponent is no amount a platform writes
        ("$12,34", np.nan, True),  # a decimal comma in a decimal-point file
        ("-$-5.00", np.nan, True),  # two minus signs
        ("$6O.00", np.nan, True),  # a letter O for a zero
        ("$ 5.00", 5.00, False),  # a space after the symbol: the full cleaning reads it
        ("5.00 €", 5.00, False),
        ("(£12.00)", -12.00, False),
    ],
)
def test_symbol_cells_the_fast_path_hands_on(cell, value, bad):
    series = pd.Series(["$1.00", cell], dtype="str")
    with arrow_path() as returned:
        parsed = parse_amount(series)
    assert returned[0] is None  # the full cleaning decided
    assert _same(parsed.values, [1.00, value])
    assert parsed.bad.tolist() == [False, bad]


def test_arrow_amount_path_is_taken_for_clean_columns():
    series = pd.Series(["1,653.75", "-12,431.37", "", "--", "0.05", "-0.77"], dtype="str")
    with arrow_path() as returned:
        parsed = parse_amount(series)
    assert len(returned) == 1 and returned[0] is not None  # the fast path read it
    assert _same(parsed.values, [1653.75, -12431.37, np.nan, np.nan, 0.05, -0.77])
    assert not parsed.bad.any()


def test_mixed_column_decimal_comma_cell_is_bad_the_rest_exact():
    cells = ["1,653.75", "12,34", "", "--", "7.10", "-2,000.00", "$5", "(12.00)", "3.50-"]
    series = pd.Series(cells, dtype="str")
    parsed = parse_amount(series)
    assert parsed.bad.tolist() == [False, True, False, False, False, False, False, False, False]
    assert _same(
        parsed.values, [1653.75, np.nan, np.nan, np.nan, 7.10, -2000.00, 5.00, -12.00, -3.50]
    )


def test_amounts_are_rounded_to_cents_and_padded_cells_read():
    series = pd.Series([" 12.3456 ", "0.004", "1,000.009", " -- ", "1e3", "-0.996"], dtype="str")
    parsed = parse_amount(series)
    # 12.3456 -> 12.35, 0.004 -> 0.00, 1000.009 -> 1000.01, -0.996 -> -1.00
    assert _same(parsed.values, [12.35, 0.0, 1000.01, np.nan, 1000.0, -1.0])
    assert not parsed.bad.any()


def test_decimal_comma_file_does_not_use_the_point_reading():
    series = pd.Series(["1.234,56", "12,34", "--", "7"], dtype="str")
    parsed = parse_amount(series, decimal_comma=True)
    assert _same(parsed.values, [1234.56, 12.34, np.nan, 7.0])
    assert not parsed.bad.any()


# --- txn_id -----------------------------------------------------------------------------------

ID = re.compile(r"^generic-[0-9a-f]{16}$")


def _template(rows: list[str], newline: str = "\n") -> bytes:
    return (newline.join([HEADER, *rows]) + newline).encode()


BASE = [
    "2025-01-03,,earning,100.00,20.00,80.00,USD,2,Acme,Logo,FO1",
    "2025-01-03,,earning,100.00,20.00,80.00,USD,2,Acme,Logo,FO1",  # twin of the row above
    "2025-01-04,,earning,100.00,20.00,80.00,USD,2,Acme,Logo,FO2",
    "2025-01-05,,refund,-25.00,0.00,-25.00,USD,,Zoë,Partial refund,FO3",
    "2025-01-06,,earning,10.00,1.00,9.00,EUR,0.5,Beta,Icon,",
]


def test_txn_id_format_for_the_template():
    result = load_export(_template(BASE), "a.csv")
    ids = result.transactions["txn_id"].tolist()
    assert len(ids) == len(BASE)
    assert all(ID.match(i) for i in ids), ids
    assert len(set(ids)) == len(ids)  # twins differ


def test_txn_id_prefix_is_each_rows_platform():
    rows = [
        "2025-01-03,Fiverr,earning,10.00,0.00,10.00,USD,,A,x,1",
        "2025-01-04,People Per Hour,earning,10.00,0.00,10.00,USD,,A,x,2",
        "2025-01-05,,earning,10.00,0.00,10.00,USD,,A,x,3",
    ]
    result = load_export(_template(rows), "p.csv")
    ids = by_row(result, "txn_id")
    assert re.fullmatch(r"fiverr-[0-9a-f]{16}", ids[2])
    assert re.fullmatch(r"peopleperhour-[0-9a-f]{16}", ids[3])
    assert ID.match(ids[4])
    only_fiverr = load_export(_template(rows[:1]), "f.csv")
    assert re.fullmatch(r"fiverr-[0-9a-f]{16}", only_fiverr.transactions["txn_id"].iloc[0])


def test_identical_twins_get_different_ids():
    row = "2025-01-03,,earning,100.00,20.00,80.00,USD,2,Acme,Logo,FO1"
    result = load_export(_template([row, row, row]), "t.csv")
    ids = result.transactions["txn_id"].tolist()
    assert len(set(ids)) == 3 and all(ID.match(i) for i in ids)


BEFORE = ["2024-12-30,,earning,1.00,0.00,1.00,USD,,Old,Old job,OLD1"]
AFTER = [
    "2025-01-03,,earning,100.00,20.00,80.00,USD,2,Acme,Logo,FO1",  # a third twin, later
    "2025-02-01,,earning,3.00,0.00,3.00,USD,,New,New job,NEW1",
]


@pytest.mark.parametrize(
    "variant",
    ["same", "crlf", "bom", "quoted-cells", "different-name"],
)
def test_txn_ids_stable_across_overlapping_downloads(variant):
    first = load_export(_template(BASE), "jan.csv")
    rows = BEFORE + BASE + AFTER
    newline = "\r\n" if variant == "crlf" else "\n"
    if variant == "quoted-cells":
        rows = [",".join(quoted(c) for c in r.split(",")) for r in rows]
    data = _template(rows, newline)
    if variant == "bom":
        data = b"\xef\xbb\xbf" + data
    second = load_export(data, "jan-feb.csv" if variant == "different-name" else "jan.csv")
    ids_first = by_row(first, "txn_id")
    ids_second = by_row(second, "txn_id")
    shift = len(BEFORE)
    assert {r: ids_second[r + shift] for r in ids_first} == ids_first
    new_rows = [2] + [len(BASE) + shift + 2 + k for k in range(len(AFTER))]
    assert not {ids_second[r] for r in new_rows} & set(ids_first.values())


def test_txn_ids_stable_when_the_overlapping_file_is_ragged():
    """A ragged row sends the second file through the pandas reader; ids must not change."""
    first = load_export(_template(BASE), "a.csv")
    second = load_export(_template([*BASE, RAGGED.replace("fiverr", "")]), "b.csv")
    assert len(second.rejected) == 1
    assert by_row(second, "txn_id") == by_row(first, "txn_id")


def test_txn_ids_and_text_stable_when_the_overlapping_file_has_a_footer_line():
    """A footer note (one cell) makes Arrow give up and pandas read the file: the same two rows
    must keep their exact client text and their ids, or combining both downloads counts the
    income twice."""
    rows = [
        "2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,00123,Logo,FO1",
        "2025-01-04,fiverr,earning,50.00,10.00,40.00,USD,1,00456,Icon,FO2",
    ]
    first = load_export(_template(rows), "a.csv")
    second = load_export(_template([*rows, "Exported by GigLens"]), "b.csv")
    assert list(second.rejected["row"]) == [4]
    assert by_row(first, "client") == {2: "00123", 3: "00456"}
    assert by_row(second, "client") == {2: "00123", 3: "00456"}
    assert by_row(second, "txn_id") == by_row(first, "txn_id")


def test_txn_ids_stable_for_a_large_multiline_file_and_a_longer_download():
    data, expected, _ = build_multiline_template("\n", min_size=int(1.5 * MiB), seed=21)
    header_end = data.index(b"\n") + 1
    extra_before = b'2023-12-31,fiverr,earning,1.00,0.00,1.00,USD,,Early,"multi\nline",E0\n'
    extra_after = b"2026-01-01,fiverr,earning,2.00,0.00,2.00,USD,,Late,plain,E1\n"
    longer = data[:header_end] + extra_before + data[header_end:] + extra_after
    first = load_export(data, "a.csv")
    second = load_export(longer, "b.csv")
    assert first.rows_read == len(expected) and second.rows_read == len(expected) + 2
    ids_first = by_row(first, "txn_id")
    ids_second = by_row(second, "txn_id")
    assert {r: ids_second[r + 1] for r in ids_first} == ids_first
    assert len(set(ids_first.values())) == len(ids_first)
    assert all(re.fullmatch(r"fiverr-[0-9a-f]{16}", i) for i in ids_second.values())


def test_long_descriptions_swapped_halves_do_not_share_an_id_across_downloads():
    """Two different transactions (descriptions with the same two 512-byte halves in the other
    order) in two downloads: the second must not be taken for a duplicate of the first."""
    half_a = "".join(chr(65 + k % 26) for k in range(512))
    half_b = "".join(chr(97 + k % 26) for k in range(512))
    row = "2025-01-03,fiverr,earning,10.00,0.00,10.00,USD,,Acme,{},R1"
    first = load_export(_template([row.format(half_a + half_b)]), "a.csv")
    second = load_export(_template([row.format(half_b + half_a)]), "b.csv")
    assert first.transactions["description"].iloc[0] != second.transactions["description"].iloc[0]
    assert first.transactions["txn_id"].iloc[0] != second.transactions["txn_id"].iloc[0]


@pytest.mark.parametrize("cell", ["inf", "-inf", "Infinity"])
def test_infinite_amount_is_rejected_not_imported(cell):
    data = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2025-01-02,fiverr,earning,10.00,1.00,9.00,USD,,A,Order,R1\n"
        f"2025-01-03,fiverr,earning,{cell},1.00,,USD,,B,Order,R2\n"
    ).encode()
    result = load_export(data, "infinite.csv")
    assert result.transactions["gross"].tolist() == [10.0]
    assert result.rejected["row"].tolist() == [3]
    assert cell in result.rejected["reason"].iloc[0]


def test_hash_of_a_very_long_text_among_short_ones_is_its_own():
    # One 50 kB description among many short cells: later rounds only read the long texts, and
    # each text still hashes as it does alone.
    long_text = "é" * 25_000 + "end"
    other = long_text[:-1] + "D"
    cells = pa.array(["a"] * 100_000 + [long_text, other, "b" * 300], type=pa.large_string())
    together = hash_strings(cells)
    alone = [hash_strings(pa.array([text]))[0] for text in (long_text, other, "b" * 300, "a")]
    assert together[-3:].tolist() == alone[:3]
    assert together[0] == alone[3]
    assert len(set(together[-3:].tolist())) == 3


@pytest.mark.parametrize(
    "cells",
    [
        ["a", "", " b"],  # a space right after an empty cell
        ["a", "b\t", ""],  # a tab before a trailing empty cell
        ["x", "\u3000y"],  # an ideographic space (3 bytes in UTF-8)
        ["x", "y\u00a0"],  # a no-break space at the end
        ["", "", ""],
        ["plain", "text", "only"],
    ],
)
def test_text_columns_are_stripped_exactly_like_python(cells):
    from analytics.context import _column_text

    column = pd.Series(cells * 1000, dtype="str")
    assert _column_text(column).tolist() == [c.strip() for c in cells] * 1000


def test_on_unique_rows_matches_the_row_by_row_result():
    from analytics.parsing import on_unique_rows

    rng = random.Random(5)
    kinds = ["Payment", "Refund", "", None]
    details = ["Invoice 1", "Invoice 2", "", None, "Zoë"]
    a = pd.Series([rng.choice(kinds) for _ in range(5000)], dtype="str")
    b = pd.Series([rng.choice(details) for _ in range(5000)], dtype="str")
    calls = []

    def label(x: pd.Series, y: pd.Series) -> pd.Series:
        calls.append(len(x))
        x, y = x.fillna("?").astype(str), y.fillna("?").astype(str)
        return x + " / " + y

    out = on_unique_rows(label, a, b)
    expected = [
        f"{'?' if pd.isna(x) else x} / {'?' if pd.isna(y) else y}"
        for x, y in zip(a, b, strict=True)
    ]
    assert out.tolist() == expected
    assert calls == [len(kinds) * len(details)]  # each combination worked out once


# --- totals rows ------------------------------------------------------------------------------

TOTALS_CELLS = [
    ("Total", True),
    ("TOTALS", True),
    ("Grand total", True),
    ("grand  totals", True),
    ("Subtotal — activity paid out", True),
    ("sub-total: March", True),
    ("ſubtotal", True),  # long s, which case-folds to s
    ("Totally Legit Client", False),
    ("Transfer", False),
    ("Service fee", False),
    ("", False),
    ("2025-01-03", False),
    ("Ñ total", False),
]


@pytest.mark.parametrize("storage", ["arrow", "object"])
def test_totals_rows_found_by_first_cell(storage):
    cells = [cell for cell, _ in TOTALS_CELLS] * 3
    series = pd.Series(cells, dtype="str" if storage == "arrow" else object)
    if storage == "arrow":  # several Arrow chunks, as a large file gives
        array = pa.chunked_array([cells[:5], cells[5:20], [], cells[20:]], type=pa.large_string())
        series = pd.Series(pd.arrays.ArrowStringArray(array, dtype=series.dtype))
    found = loader._totals_rows(series)
    assert found.tolist() == [is_total for _, is_total in TOTALS_CELLS] * 3


# --- importers' text helpers --------------------------------------------------------------------

TEXT_ROWS = {  # three columns, row by row
    "a": ["x", "", "", "", "zoë"],
    "b": ["y", "y", "", "", ""],
    "c": ["z", "", "z", "", "€"],
}


@pytest.mark.parametrize("storage", ["arrow", "object"])
def test_first_nonempty_and_join_nonempty_cell_by_cell(storage):
    from analytics.importers._common import first_nonempty, join_nonempty

    index = pd.RangeIndex(2, 7)  # row numbers as the import context has them
    dtype = "str" if storage == "arrow" else object
    columns = [pd.Series(cells, index=index, dtype=dtype) for cells in TEXT_ROWS.values()]
    first = first_nonempty(*columns)
    assert first.tolist() == ["x", "y", "z", "", "zoë"]
    assert first.index.equals(index)
    joined = join_nonempty(columns, sep=" | ")
    assert joined.tolist() == ["x | y | z", "y", "z", "", "zoë | €"]
    assert joined.index.equals(index)


def test_header_with_empty_cells_at_its_end_is_read_by_arrow():
    """PayPal's Spanish statement: `...,Id. de referencia de trans.,,,,,,` over 18-cell rows."""
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference,,,\n"
        b"2025-03-01,fiverr,earning,100.00,20.00,80.00,USD,,Acme,Logo,FO1\n"
        b'2025-03-02,fiverr,earning,"1,050.50",210.10,840.40,USD,,Beta,Site,FO2\n'
        b"Total,,,1150.50,230.10,920.40,,,,,\n"
    )
    with mock.patch.object(loader, "_read_delimited", side_effect=AssertionError("pandas")):
        result = load_export(data, "t.csv")
    t = result.transactions
    assert t["reference"].tolist() == ["FO1", "FO2"]
    assert t["gross"].tolist() == [100.00, 1050.50]
    assert t["net"].tolist() == [80.00, 840.40]
    assert result.skipped["row"].tolist() == [4]  # the totals line, with its own text
    assert result.skipped["raw"].iloc[0] == "Total,,,1150.50,230.10,920.40,,,,,"
    assert_accounted(result)


def test_header_with_empty_end_cells_over_rows_that_fill_them_uses_pandas():
    data = (
        b"date,platform,kind,gross,fee,net,currency,hours,client,description,reference,\n"
        b"2025-03-01,fiverr,earning,100.00,20.00,80.00,USD,,Acme,Logo,FO1,\n"
        b"2025-03-02,fiverr,earning,50.00,10.00,40.00,USD,,Beta,Site,FO2\n"
    )
    result = load_export(data, "t.csv")
    assert result.transactions["reference"].tolist() == ["FO1", "FO2"]
    assert result.transactions["gross"].tolist() == [100.00, 50.00]
    assert_accounted(result)


# --- decimal-comma vote -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "columns, decimal_comma",
    [
        ([["1.234,56", "12,5", "--"], ["3,00"]], True),  # three comma-only cells
        ([["1,234.56", "12.5"]], False),
        ([["1,000", "2,000", "1.000"]], False),  # ambiguous cells do not vote: a tie, 0-0
        ([["1\u00a0234,56", "7,10"]], True),  # a no-break space between thousands
        ([["1 234,56", "-£4,80", "(12,00)"]], True),
        ([["$1,299.00", "-$0.20", "--", "7,10"]], False),  # two point votes beat one comma
        ([[], ["", "--"]], False),  # nothing to vote on
    ],
)
@pytest.mark.parametrize("storage", ["arrow", "object"])
def test_decimal_comma_vote(columns, decimal_comma, storage):
    series = [pd.Series(c, dtype="str" if storage == "arrow" else object) for c in columns]
    assert parsing.detect_decimal_comma(*series) is decimal_comma


@pytest.mark.parametrize("storage", ["arrow", "object"])
def test_choose_picks_cell_by_cell(storage):
    from analytics.importers._common import choose

    index = pd.RangeIndex(2, 6)
    dtype = "str" if storage == "arrow" else object
    sent = pd.Series(["me@x", "me@x", "", "me@x"], index=index, dtype=dtype)
    received = pd.Series(["ann@y", "bo@z", "cy@w", ""], index=index, dtype=dtype)
    incoming = pd.Series([True, False, True, False], index=index)
    chosen = choose(incoming, sent, received)
    assert chosen.tolist() == ["me@x", "bo@z", "", ""]
    assert chosen.index.equals(index)


def _reference_hash(text: str) -> int:
    """hash_strings' docstring formula in plain Python integers:
    h = fmix64(Σ_k fmix64(w_k * K_k) + length * K_len), K_k = 0x9E3779B97F4A7C15 * (2k + 1)."""
    mask = (1 << 64) - 1

    def fmix(h: int) -> int:
        h ^= h >> 33
        h = (h * 0xFF51AFD7ED558CCD) & mask
        h ^= h >> 33
        h = (h * 0xC4CEB93FE1A85EC9) & mask
        return h ^ (h >> 33)

    data = text.encode("utf-8")
    total = 0
    for k in range(0, len(data), 8):
        word = int.from_bytes(data[k : k + 8], "little")
        total += fmix((word * ((0x9E3779B97F4A7C15 * (2 * (k // 8) + 1)) & mask)) & mask)
    total += len(data) * 0xC2B2AE3D27D4EB4F
    return fmix(total & mask)


def test_hash_follows_its_formula_for_short_long_and_very_long_texts():
    rng = random.Random(11)
    alphabet = "abcdefghijklmnopqrstuvwxyz é€0123456789"
    # many texts past 128 bytes (the round-by-round path), then with a few far longer ones
    # too (the per-text path for the last words)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))) for _ in range(300)]
    assert _hashes(pa.array(texts)) == [_reference_hash(t) for t in texts]
    texts += ["q" * 5000, "Zoë " * 3001, "".join(rng.choice(alphabet) for _ in range(20_011))]
    assert _hashes(pa.array(texts)) == [_reference_hash(t) for t in texts]
