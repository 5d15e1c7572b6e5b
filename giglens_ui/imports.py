"""Importing uploaded files: parse each file, remove duplicates across files, remember mappings.

Pure Python (no Streamlit) so it can be tested directly; `giglens_ui.state` adds the caching and
the session state.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals

from analytics import ImportFailed, UnknownFormat, load_export
from analytics.canonical import hash_strings
from analytics.loader import normalise_header
from analytics.schema import PLATFORM_NAMES, empty_transactions


def digest(data: bytes) -> str:
    """Content key of a file (sha256 hex): the same bytes are parsed once."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class FileImport:
    """The outcome of importing one file, as the home page reports it.

    Exactly one of these holds: `result` is set (imported), `unknown_columns` is set (the layout
    is unknown: ask for a column mapping), or `error` is set (the file could not be read).
    """

    name: str
    key: str
    result: object | None = None  # analytics.ImportResult
    error: str = ""
    unknown_columns: list[str] | None = None
    mapping: dict[str, str] | None = None
    duplicates: int = 0  # transactions already imported from an earlier file
    duplicate_rows: int = 0  # rows all of whose transactions were such duplicates
    transactions: pd.DataFrame = field(default_factory=empty_transactions)

    @property
    def ok(self) -> bool:
        return self.result is not None

    @property
    def platform_name(self) -> str:
        if self.result is None:
            return ""
        return PLATFORM_NAMES.get(self.result.platform, self.result.platform)


def parse(data: bytes, name: str, mapping: dict[str, str] | None = None) -> FileImport:
    """Import one file's bytes; never raises for bad input (the message goes in `error`)."""
    key = digest(data)
    try:
        result = load_export(data, filename=name, mapping=mapping or None)
    except UnknownFormat as exc:
        return FileImport(name, key, error=str(exc), unknown_columns=list(exc.columns))
    except ImportFailed as exc:
        return FileImport(name, key, error=str(exc), mapping=mapping)
    return FileImport(name, key, result=result, mapping=mapping)


def combine(imports: list[FileImport]) -> tuple[pd.DataFrame, list[FileImport]]:
    """One transaction table from several files, each transaction once.

    A transaction whose `txn_id` already came from an earlier file (the same export uploaded
    twice, or overlapping date ranges) is a duplicate: it is left out and counted on the later
    file's `duplicates`.
    """
    frames: list[pd.DataFrame] = []
    seen: list[pa.Array] = []  # the ids kept so far, as Arrow strings
    for item in imports:
        if item.result is None:
            item.duplicates = item.duplicate_rows = 0
            item.transactions = empty_transactions()
            continue
        table = item.result.transactions
        dup = _duplicate_ids(table["txn_id"], seen)
        item.duplicates = int(dup.sum())
        item.duplicate_rows = _rows_all_duplicate(item.result.transaction_rows, dup)
        item.transactions = table[~dup]
        seen.append(_id_cells(item.transactions["txn_id"]))
        frames.append(item.transactions)
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_transactions(), imports
    # The few-valued columns are joined as categoricals (their categories merged), not turned
    # into one string per row by a concat of differing categories.
    coded = ("platform", "stream", "kind", "currency", "source")
    data = pd.concat([f.drop(columns=list(coded)) for f in frames], ignore_index=True)
    for col in coded:
        parts = [
            f[col].astype(str).astype("category") if f[col].dtype != "category" else f[col]
            for f in frames
        ]
        data[col] = union_categoricals(parts, sort_categories=True)
    data = data[list(frames[0].columns)]
    return data.sort_values("date", kind="stable").reset_index(drop=True), imports


def _id_cells(ids: pd.Series) -> pa.Array:
    return pa.array(ids.astype(str).array).cast(pa.large_string())


def _duplicate_ids(ids: pd.Series, seen: list[pa.Array]) -> np.ndarray:
    """Which ids came from an earlier file (`seen`) or earlier in this one.

    Ids are compared by a 64-bit hash of their text first (equal texts always hash alike), and
    only ids whose hash matches are compared as text: exact, without a string set of every id.
    """
    cells = _id_cells(ids)
    hashes = hash_strings(cells)
    dup = np.zeros(len(cells), dtype=bool)
    if seen:
        earlier = pa.concat_arrays(seen) if len(seen) > 1 else seen[0]
        earlier_hashes = hash_strings(earlier)
        order = np.argsort(earlier_hashes)
        ranked = earlier_hashes[order]
        at = np.minimum(np.searchsorted(ranked, hashes), max(len(ranked) - 1, 0))
        maybe = np.flatnonzero(ranked[at] == hashes) if len(ranked) else np.zeros(0, np.int64)
        if len(maybe):
            # The earlier id with the same hash, compared as text; a rare hash collision is
            # settled by a set lookup.
            same = pc.equal(cells.take(pa.array(maybe)), earlier.take(pa.array(order[at[maybe]])))
            same = same.to_numpy(zero_copy_only=False)
            dup[maybe[same]] = True
            unsure = maybe[~same]
            if len(unsure):
                found = pc.is_in(cells.take(pa.array(unsure)), value_set=earlier)
                dup[unsure] = found.to_numpy(zero_copy_only=False)
    ranked = np.sort(hashes)
    if (ranked[1:] == ranked[:-1]).any():  # some ids may repeat within the file (rare)
        dup |= ids.astype(str).duplicated(keep="first").to_numpy()
    return dup


def _rows_all_duplicate(rows, dup) -> int:
    """How many file rows gave only duplicate transactions (a row can give several)."""
    if len(rows) != len(dup) or not dup.any():
        return 0
    per_row = pd.Series(dup).groupby(rows).all()
    return int(per_row.sum())


def header_key(columns: list[str]) -> str:
    """Key of a header for remembering its column mapping (case and spacing ignored)."""
    cells = [normalise_header(c) for c in columns if str(c).strip()]
    return hashlib.sha256(json.dumps(cells).encode("utf-8")).hexdigest()[:32]


def state_dir() -> Path:
    """Where GigLens keeps small local files: $GIGLENS_HOME, else ~/.giglens."""
    return Path(os.environ.get("GIGLENS_HOME") or Path.home() / ".giglens")


class MappingStore:
    """Column mappings remembered across sessions in a small SQLite file (header key -> JSON).

    Failure to read or write the file (read-only home, locked file) is never fatal: the mapping
    is then only remembered for the session.
    """

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else state_dir() / "mappings.sqlite3"

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=2)
        con.execute(
            "CREATE TABLE IF NOT EXISTS mappings (header_key TEXT PRIMARY KEY, columns TEXT,"
            " mapping TEXT NOT NULL, saved_at TEXT DEFAULT CURRENT_TIMESTAMP)"
        )
        return con

    def get(self, key: str) -> dict[str, str] | None:
        try:
            with self._connect() as con:
                row = con.execute(
                    "SELECT mapping FROM mappings WHERE header_key = ?", (key,)
                ).fetchone()
        except (sqlite3.Error, OSError):
            return None
        return json.loads(row[0]) if row else None

    def put(self, key: str, mapping: dict[str, str], columns: list[str] | None = None) -> bool:
        try:
            with self._connect() as con:
                con.execute(
                    "INSERT OR REPLACE INTO mappings (header_key, columns, mapping) VALUES (?,?,?)",
                    (key, json.dumps(columns or []), json.dumps(mapping)),
                )
        except (sqlite3.Error, OSError):
            return False
        return True
