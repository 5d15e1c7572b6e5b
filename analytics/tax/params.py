"""Dated tax parameters, one JSON file per jurisdiction and year in `analytics/tax/data/`.

Each file holds `parameters: {name: {"value": ..., "source": URL, "note"?, "tag"?}}` plus the
file's `year`, `as_of`, `currency` and `label` (e.g. "UK 2025/26").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from analytics.tax.errors import TaxInputError

TAX_JURISDICTIONS = ("US", "UK", "DE")


@dataclass(frozen=True)
class TaxParameters:
    """One parameter file: `values[name]` is the number (or table), `sources[name]` its URL."""

    jurisdiction: str
    year: int
    label: str
    currency: str
    as_of: str
    values: dict[str, Any]
    sources: dict[str, str]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def available_years(jurisdiction: str) -> list[int]:
    """Years with a parameter file for `jurisdiction` (US, UK, DE)."""
    prefix = jurisdiction.lower() + "_"
    files = resources.files("analytics.tax").joinpath("data").iterdir()
    return sorted(
        int(f.name[len(prefix) : -5])
        for f in files
        if f.name.startswith(prefix) and f.name.endswith(".json")
    )


@cache
def load_parameters(jurisdiction: str, year: int) -> TaxParameters:
    """The parameters of `jurisdiction` for tax `year`, or TaxInputError naming the years we have."""
    if jurisdiction not in TAX_JURISDICTIONS:
        raise TaxInputError(
            f"No tax rules for '{jurisdiction}'. Choose US, UK, DE, or 'flat' with a rate."
        )
    name = f"{jurisdiction.lower()}_{int(year)}.json"
    path = resources.files("analytics.tax").joinpath("data", name)
    if not path.is_file():
        years = ", ".join(str(y) for y in available_years(jurisdiction)) or "none"
        raise TaxInputError(
            f"No {jurisdiction} tax parameters for {year}. Years available: {years}."
        )
    raw = json.loads(path.read_text(encoding="utf-8"))
    params = raw["parameters"]
    return TaxParameters(
        jurisdiction=raw["jurisdiction"],
        year=int(raw["year"]),
        label=raw["label"],
        currency=raw["currency"],
        as_of=raw["as_of"],
        values={k: v["value"] for k, v in params.items()},
        sources={k: v["source"] for k, v in params.items()},
    )
