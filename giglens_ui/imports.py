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

import pandas as pd

from analytics import ImportFailed, UnknownFormat, load_export
from analytics.combine import combine as combine_results
from analytics.loader import normalise_header
from analytics.metrics import distinct_text
from analytics.schema import PLATFORM_NAMES, empty_transactions

# Addresses only this computer reaches: a server bound to one of them has one user.
LOOPBACK = ("localhost", "127.0.0.1", "::1")


def digest(data: bytes) -> str:
    """Content key of a file (sha256 hex): the same bytes are parsed once."""
    return hashlib.sha256(data).hexdigest()


def private_connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection to the SQLite file at `path`, created readable by its owner only (0600, in
    a folder of 0700 when GigLens makes it): it holds whole copies of the user's exports, with
    their clients' names and email addresses, and the tax paid. (SQLite gives its journal
    files the permissions of the database file.)"""
    path = Path(path)
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif path.stat().st_mode & 0o077:  # made by an earlier version: for its owner too
        try:
            path.chmod(0o600)
        except OSError:  # another user's file (a shared folder): left as it is
            pass
    return sqlite3.connect(path, timeout=timeout)


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
    mapped_columns: list[str] | None = None  # read with the mapping chosen for these columns
    duplicates: int = 0  # transactions already imported from an earlier file
    duplicate_rows: int = 0  # rows all of whose transactions were such duplicates
    left_out: pd.DataFrame | None = None  # those rows (`analytics.combine.Combined.left_out`)
    transactions: pd.DataFrame = field(default_factory=empty_transactions)

    @property
    def ok(self) -> bool:
        return self.result is not None

    @property
    def platform_name(self) -> str:
        """The platform's name; for a template or mapped file, the one platform its rows name
        (`fiverr` -> Fiverr), if they name one."""
        if self.result is None:
            return ""
        platform = self.result.platform
        if platform == "generic":
            named = set(distinct_text(self.result.transactions["platform"])) - {"generic"}
            if len(named) == 1:
                platform = named.pop()
        return PLATFORM_NAMES.get(platform, platform)


def source_key(name: str, data: bytes) -> str:
    """The key of an uploaded file: its content's digest, so a file uploaded twice is read
    once. A file of one line (its header alone: an Etsy statement of a month without a sale)
    is told apart by its name too: two quiet months' statements have the same bytes."""
    lines = [line for line in data.splitlines() if line.strip()]
    header_alone = len(lines) == 1 and any(sep in lines[0] for sep in (b",", b";", b"\t"))
    if header_alone:
        return digest(data + b"\0" + name.encode("utf-8"))
    return digest(data)


def parse(
    data: bytes, name: str, mapping: dict[str, str] | None = None, key: str | None = None
) -> FileImport:
    """Import one file's bytes (`key`: the file's key among the sources, else `source_key`);
    never raises for bad input (the message goes in `error`)."""
    key = key or source_key(name, data)
    try:
        result = load_export(data, filename=name, mapping=mapping or None)
    except UnknownFormat as exc:
        if _is_json(data, name):
            # a JSON document is no table to map columns of (its "columns" are its top-level
            # keys): the loader's message says which JSON pages are read
            return FileImport(name, key, error=str(exc))
        return FileImport(name, key, error=str(exc), unknown_columns=list(exc.columns))
    except ImportFailed as exc:
        return FileImport(name, key, error=str(exc), mapping=mapping)
    return FileImport(name, key, result=result, mapping=mapping)


def _is_json(data: bytes, name: str) -> bool:
    """Whether the loader read the file as JSON (whatever its name ends with)."""
    from analytics.reading import Source, sniff_kind

    try:
        return sniff_kind(Source(data, name)) == "json"
    except ImportFailed:
        return False


def combine(imports: list[FileImport]) -> tuple[pd.DataFrame, list[FileImport], list[str]]:
    """One transaction table from several files, each transaction once (`analytics.combine`).

    Sets each item's `duplicates`, `duplicate_rows`, `left_out` (those rows) and
    `transactions` (what was kept); also returns the notes on own-account payments counted as
    transfers.
    """
    combined = combine_results([item.result for item in imports])
    for item, kept, dups, left_out in zip(
        imports, combined.kept, combined.duplicates, combined.left_out, strict=True
    ):
        item.transactions, item.duplicates, item.left_out = kept, dups, left_out
        item.duplicate_rows = len(left_out)
    return combined.transactions, imports, combined.notes


def header_key(columns: list[str]) -> str:
    """Key of a header for remembering its column mapping (case and spacing ignored)."""
    cells = [normalise_header(c) for c in columns if str(c).strip()]
    return hashlib.sha256(json.dumps(cells).encode("utf-8")).hexdigest()[:32]


def state_dir() -> Path:
    """Where GigLens keeps small local files: $GIGLENS_HOME, else ~/.giglens."""
    return Path(os.environ.get("GIGLENS_HOME") or Path.home() / ".giglens")


class MappingStore:
    """Column mappings (header key -> JSON) and the stream chosen per platform, remembered across
    sessions in a small SQLite file.

    Failure to read or write the file (read-only home, locked file) is never fatal: the mapping
    is then only remembered for the session. On a server several people share (started with
    GIGLENS_KEEP_FILES=0) nothing is read or written: one visitor's stream choices must not
    change the next visitor's dashboard, nor their mappings show the columns of another's file.
    """

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else state_dir() / "mappings.sqlite3"
        self.shared = os.environ.get("GIGLENS_KEEP_FILES", "").strip() == "0"

    def _connect(self) -> sqlite3.Connection:
        con = private_connect(self.path, timeout=2)
        con.execute(
            "CREATE TABLE IF NOT EXISTS mappings (header_key TEXT PRIMARY KEY, columns TEXT,"
            " mapping TEXT NOT NULL, saved_at TEXT DEFAULT CURRENT_TIMESTAMP)"
        )
        return con

    def _choices(self, table: str, key: str, value: str) -> dict[str, str]:
        """A table of choices (`key` -> `value`); {} when none was made (no table), or on a
        shared server. The names are this class's own constants, never user text."""
        if self.shared:
            return {}
        try:
            with self._connect() as con:
                rows = con.execute(f"SELECT {key}, {value} FROM {table}").fetchall()
        except (sqlite3.Error, OSError):  # no choice saved yet (no table), or no file
            return {}
        return {str(k): str(v) for k, v in rows}

    def _put_choice(self, table: str, key: str, value: str, k: str, v: str | None) -> bool:
        """Remember `v` for `k` in a table of choices (None forgets the choice); the table is
        created on the first choice: reading never writes to the file."""
        if self.shared:
            return False
        try:
            with self._connect() as con:
                con.execute(
                    f"CREATE TABLE IF NOT EXISTS {table} ({key} TEXT PRIMARY KEY, "
                    f"{value} TEXT NOT NULL)"
                )
                if v is None:
                    con.execute(f"DELETE FROM {table} WHERE {key} = ?", (k,))
                else:
                    con.execute(
                        f"INSERT OR REPLACE INTO {table} ({key}, {value}) VALUES (?, ?)", (k, v)
                    )
        except (sqlite3.Error, OSError):
            return False
        return True

    def streams(self) -> dict[str, str]:
        """The stream the user chose per platform (platform id -> stream)."""
        return self._choices("streams", "platform", "stream")

    def put_stream(self, platform: str, stream: str | None) -> bool:
        """Remember `stream` for `platform` (None forgets the choice)."""
        return self._put_choice("streams", "platform", "stream", platform, stream)

    def client_streams(self) -> dict[str, str]:
        """The stream the user chose per client, over its platform's (client name -> stream)."""
        return self._choices("client_streams", "client", "stream")

    def put_client_stream(self, client: str, stream: str | None) -> bool:
        """Remember `stream` for `client` (None forgets the choice)."""
        return self._put_choice("client_streams", "client", "stream", client, stream)

    def ended_platforms(self) -> dict[str, str]:
        """The platforms where the user said their work ended (platform id -> the last day of
        its files then, ISO)."""
        return self._choices("ended_platforms", "platform", "last_day")

    def put_ended_platform(self, platform: str, last_day: str | None) -> bool:
        """Remember that work on `platform` ended on `last_day` (None forgets it)."""
        return self._put_choice("ended_platforms", "platform", "last_day", platform, last_day)

    def layout_currencies(self) -> dict[str, str]:
        """The currency the user chose per layout whose files name none (layout -> code)."""
        return self._choices("layout_currencies", "layout", "currency")

    def put_layout_currency(self, layout: str, currency: str | None) -> bool:
        """Remember `currency` for the files of `layout` (None forgets the choice)."""
        return self._put_choice("layout_currencies", "layout", "currency", layout, currency)

    def personal_payers(self) -> list[str]:
        """The payers (`text_key`s) whose payments the user said are not income."""
        if self.shared:
            return []
        try:
            with self._connect() as con:
                rows = con.execute("SELECT payer FROM personal_payers ORDER BY payer").fetchall()
        except (sqlite3.Error, OSError):  # none chosen yet (no table), or no file
            return []
        return [str(payer) for (payer,) in rows]

    def put_personal_payers(self, payers: list[str]) -> bool:
        """Remember `payers` (all of them: the ones left out are forgotten)."""
        if self.shared:
            return False
        try:
            with self._connect() as con:
                con.execute("CREATE TABLE IF NOT EXISTS personal_payers (payer TEXT PRIMARY KEY)")
                con.execute("DELETE FROM personal_payers")
                con.executemany(
                    "INSERT OR IGNORE INTO personal_payers (payer) VALUES (?)",
                    [(p,) for p in payers],
                )
        except (sqlite3.Error, OSError):
            return False
        return True

    def get(self, key: str) -> dict[str, str] | None:
        if self.shared:
            return None
        try:
            with self._connect() as con:
                row = con.execute(
                    "SELECT mapping FROM mappings WHERE header_key = ?", (key,)
                ).fetchone()
            mapping = json.loads(row[0]) if row else None
        except (sqlite3.Error, OSError, TypeError, ValueError):  # ValueError: not JSON
            return None
        # a mapping from another version (not field -> column names) is not used
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            return None
        return mapping

    def forget_all(self) -> bool:
        """Forget every header's mapping (the user clears all imported data)."""
        if self.shared:
            return False
        try:
            with self._connect() as con:
                con.execute("DELETE FROM mappings")
        except (sqlite3.Error, OSError):
            return False
        return True

    def put(self, key: str, mapping: dict[str, str], columns: list[str] | None = None) -> bool:
        if self.shared:
            return False
        try:
            with self._connect() as con:
                con.execute(
                    "INSERT OR REPLACE INTO mappings (header_key, columns, mapping) VALUES (?,?,?)",
                    (key, json.dumps(columns or []), json.dumps(mapping)),
                )
        except (sqlite3.Error, OSError):
            return False
        return True


class FileStore:
    """The imported files themselves, kept between visits (a refresh, a new tab, a restart) in
    a SQLite file in `state_dir()`, unless the user turns that off. Like MappingStore, a file
    that cannot be read or written is never fatal: the files then last for the session."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else state_dir() / "imported_files.sqlite3"
        self.problem = ""  # why the last read or write failed, in words ("" when it worked)

    def _failed(self, exc: Exception) -> None:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        self.problem = f"{self.path} ({reason})"

    def _connect(self) -> sqlite3.Connection:
        con = private_connect(self.path, timeout=5)
        con.execute(
            "CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, name TEXT NOT NULL, "
            "data BLOB NOT NULL, sample INTEGER NOT NULL, added TEXT DEFAULT CURRENT_TIMESTAMP)"
        )
        con.execute("CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT)")
        return con

    def files(self) -> list[tuple[str, str, bytes, bool]]:
        """(key, name, bytes, sample) of every kept file, oldest first; [] when none."""
        if not self.path.exists():  # reading never creates the file
            return []
        try:
            with self._connect() as con:
                rows = con.execute(
                    "SELECT key, name, data, sample FROM files ORDER BY rowid"
                ).fetchall()
            kept = [
                (str(key), str(name), bytes(data), bool(sample))
                for key, name, data, sample in rows
                if data is not None  # a row another version left without its bytes
            ]
        except (sqlite3.Error, OSError, TypeError, ValueError) as exc:
            self._failed(exc)
            return []
        if len(kept) < len(rows):
            self.problem = f"{self.path} ({len(rows) - len(kept)} kept file(s) hold no data)"
        return kept

    def put(self, key: str, name: str, data: bytes, sample: bool) -> bool:
        if not self.allowed():
            return False
        try:
            with self._connect() as con:
                con.execute(
                    "INSERT OR IGNORE INTO files (key, name, data, sample) VALUES (?, ?, ?, ?)",
                    (key, name, sqlite3.Binary(data), int(sample)),
                )
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return False
        return True

    def delete(self, key: str | None = None) -> bool:
        """Forget one file, or every file and the kept choices (tax profile...) when `key` is
        None; False when the file could not be changed (read-only, locked, damaged): the copies are then still on this computer."""
        if not self.path.exists():
            return True
        try:
            with self._connect() as con:
                if key is None:  # everything: the files and the choices kept with them
                    con.execute("DELETE FROM files")
                    con.execute("DELETE FROM settings WHERE name = 'choices'")
                else:
                    con.execute("DELETE FROM files WHERE key = ?", (key,))
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return False
        if key is None:  # one file removed leaves its pages for the next file to reuse
            self._shrink()
        return True

    def _shrink(self) -> None:
        """Rewrite the SQLite file without the pages of what was deleted, so the files' bytes
        do not stay in it (and a 60 MB file of deleted rows does not stay 60 MB)."""
        try:
            con = sqlite3.connect(self.path, timeout=5)
            try:
                con.execute("VACUUM")
            finally:
                con.close()
        except (sqlite3.Error, OSError):
            pass  # the rows are deleted all the same; the file is only bigger than it needs

    @staticmethod
    def allowed() -> bool:
        """Whether files may be kept between visits: only when the server answers this computer
        alone (`make run` binds it to localhost), as a server other people can reach may be
        shared, and one visitor's files must never be kept for the next.
        GIGLENS_KEEP_FILES=1 or 0 decides instead."""
        import streamlit as st

        chosen = os.environ.get("GIGLENS_KEEP_FILES", "").strip()
        if chosen:
            return chosen != "0"
        return str(st.get_option("server.address") or "").strip() in LOOPBACK

    def remembering(self) -> bool:
        """Whether files are kept between visits (the default, unless not `allowed`)."""
        if not self.allowed():
            return False
        if not self.path.exists():
            return True
        try:
            with self._connect() as con:
                row = con.execute("SELECT value FROM settings WHERE name = 'remember'").fetchone()
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return True
        return row is None or row[0] != "no"

    def setting(self, name: str) -> str | None:
        """A saved setting (e.g. the tax profile as JSON), or None."""
        if not self.allowed() or not self.path.exists():
            return None
        try:
            with self._connect() as con:
                row = con.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return None
        return row[0] if row else None

    def put_setting(self, name: str, value: str) -> bool:
        if not self.allowed():
            return False
        try:
            with self._connect() as con:
                con.execute(
                    "INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)", (name, value)
                )
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return False
        return True

    def set_remembering(self, on: bool) -> bool:
        """Turn keeping files on or off; off forgets the kept files. False when it failed."""
        try:
            with self._connect() as con:
                con.execute(
                    "INSERT OR REPLACE INTO settings (name, value) VALUES ('remember', ?)",
                    ("yes" if on else "no",),
                )
                if not on:
                    con.execute("DELETE FROM files")
                    con.execute("DELETE FROM settings WHERE name = 'choices'")
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return False
        if not on:
            self._shrink()
        return True
