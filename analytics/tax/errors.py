"""Exceptions of the tax engine; `str(exc)` is a plain-language message for the user."""

from __future__ import annotations


class TaxInputError(ValueError):
    """An input the tax engine cannot use (unknown jurisdiction, year without parameters, ...)."""


class CurrencyMismatch(TaxInputError):
    """The income is in a currency other than the tax jurisdiction's and was not converted."""

    def __init__(self, message: str, currencies: list[str] | None = None):
        super().__init__(message)
        self.currencies = list(currencies or [])
