"""Import speed of every text layout GigLens ships a sample of, at 200,000 rows.

`bench_import.py` holds four layouts to the 1.5x goal at a million rows; this report covers the
rest, so that no importer hides a per-row Python loop. Each sample CSV in `sample_data/` (and
each real export in `../shared/real-exports/`, when that folder is there) has its data rows
repeated up to ROWS rows; the table shows `load_export` against a bare `pandas.read_csv` of the
same bytes. Run with `make bench`; ROWS=... overrides the size.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from analytics import load_export  # noqa: E402
from analytics.context import normalise_header  # noqa: E402
from analytics.loader import _layouts  # noqa: E402

LAYOUTS = _layouts()

ROWS = int(os.environ.get("LAYOUT_ROWS", "200000"))
SHARED = REPO.parent / "shared" / "real-exports"


def grown(path: Path, rows: int) -> tuple[bytes, int] | None:
    """The file with its data rows repeated up to `rows`, and the lines above them.

    In a layout whose rows carry the platform's own transaction id (`Layout.unique_id`), each
    copy gets its own ids (`T1` -> `T1x3`): an exact repeat of a row with its id is the same
    transaction twice and would be skipped, which is not the import this measures.
    """
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    result = load_export(data, path.name)
    body_rows = result.rows_read
    if body_rows < 1 or body_rows >= len(lines):
        return None
    head, body = lines[: len(lines) - body_rows], lines[len(lines) - body_rows :]
    repeat = max(1, rows // len(body))
    ids = _row_ids(head[-1] if head else "", body, result.layout)
    copies = [
        body
        if k == 0 or ids is None
        else [_with_id(line, i, f"{i}x{k}") for line, i in zip(body, ids)]
        for k in range(repeat)
    ]
    return ("\n".join(head + [line for copy in copies for line in copy]) + "\n").encode(), len(head)


def _row_ids(header: str, body: list[str], layout_name: str) -> list[str] | None:
    """Each body line's transaction id, if its layout names an id column found in `header`."""
    layout = next((lay for lay in LAYOUTS if lay.name == layout_name), None)
    if layout is None or not layout.unique_id:
        return None
    for delimiter in (",", ";", "\t"):
        cells = [normalise_header(c) for c in next(csv.reader([header], delimiter=delimiter))]
        wanted = [normalise_header(name) for name in layout.unique_id]
        at = next((cells.index(name) for name in wanted if name in cells), None)
        if at is not None:
            rows = list(csv.reader(body, delimiter=delimiter))
            return [row[at] if len(row) > at else "" for row in rows]
    return None


def _with_id(line: str, old: str, new: str) -> str:
    return line.replace(old, new, 1) if old else line


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    files = sorted((REPO / "sample_data").rglob("*.csv"))
    if SHARED.is_dir():
        files += sorted(SHARED.rglob("*.csv"))
    seen_layouts: set[str] = set()
    print(f"{'file':44s} {'layout':44s} {'rows':>8s} {'read_csv':>9s} {'import':>8s} ratio")
    for path in files:
        made = grown(path, ROWS)
        if made is None:
            continue
        data, head_lines = made
        result = load_export(data, path.name)
        if result.layout in seen_layouts and path.parent.name == "sample_data":
            continue  # one monthly statement stands for the others
        seen_layouts.add(result.layout)
        bare = best_of(
            lambda data=data, skip=head_lines: pd.read_csv(io.BytesIO(data), skiprows=skip - 1)
        )
        ours = best_of(lambda data=data, name=path.name: load_export(data, name))
        print(
            f"{path.name[:44]:44s} {result.layout[:44]:44s} {result.rows_read:8,d} "
            f"{bare:8.3f}s {ours:7.3f}s {ours / bare:5.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
