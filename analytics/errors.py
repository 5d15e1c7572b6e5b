"""The only exceptions `load_export` raises; their messages are written for the user."""

from __future__ import annotations


class ImportFailed(ValueError):
    """A file could not be imported at all. `str(exc)` is a plain-language message."""


class UnknownFormat(ImportFailed):
    """The file is a readable table, but its columns match no known platform layout."""

    def __init__(self, message: str, columns: list[str] | None = None):
        super().__init__(message)
        self.columns = list(columns or [])
