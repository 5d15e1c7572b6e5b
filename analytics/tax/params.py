"""Dated tax parameters, one JSON file per jurisdiction and year in `analytics/tax/data/`.

Each file holds `parameters: {name: {"value": ..., "source": URL, "note"?, "tag"?}}` plus the
file's `year`, `as_of`, `currency` and `label` (e.g. "UK 2025/26").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
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
    # Set when GigLens has no file for `year` yet: the year whose figures stand in for it.
    figures_year: int | None = None

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


def year_label(jurisdiction: str, year: int, year_start_month: int = 1) -> str:
    """How a tax year is written: "2026/27" in the UK (6 April to 5 April) and for a flat
    rate's year that does not begin in January (an Indian one: 1 April), else "2026"."""
    across = jurisdiction == "UK" or (jurisdiction == "flat" and year_start_month != 1)
    return f"{year}/{str(year + 1)[-2:]}" if across else str(year)


def stand_in_year(jurisdiction: str, year: int) -> int | None:
    """The year whose figures GigLens uses for `year` when it has none of its own: the latest
    year it has, for the one tax year after it (a new year's income comes in before its
    figures are in GigLens); None when `year` has its own file or is out of reach."""
    years = available_years(jurisdiction) if jurisdiction in TAX_JURISDICTIONS else []
    if years and int(year) == years[-1] + 1:
        return years[-1]
    return None


def stand_in_note(jurisdiction: str, year: int) -> str | None:
    """What an estimate on another year's figures says (None when `year` has its own)."""
    figures = stand_in_year(jurisdiction, year)
    if figures is None:
        return None
    what = {
        "US": ("US", "tax brackets, standard deduction and other amounts"),
        "UK": ("UK", "bands, allowances and National Insurance limits"),
        "DE": ("German", "tariff (§32a EStG), allowances and limits"),
    }
    country, figures_are = what[jurisdiction]
    return (
        f"GigLens has no {country} tax figures for {year_label(jurisdiction, year)} yet, so "
        f"this estimate uses {year_label(jurisdiction, figures)}'s {figures_are}. The real "
        f"{year_label(jurisdiction, year)} figures may differ; a newer GigLens brings them "
        "once they are published."
    )


@cache
def load_parameters(jurisdiction: str, year: int) -> TaxParameters:
    """The parameters of `jurisdiction` for tax `year`, or TaxInputError naming the years we have.

    The tax year right after the latest file gets that file's figures (`figures_year` says
    so, and the label: "US 2027 (on 2026 figures)"), so income of a new year has an estimate
    before its figures are published and added.
    """
    if jurisdiction not in TAX_JURISDICTIONS:
        raise TaxInputError(
            f"No tax rules for '{jurisdiction}'. Choose US, UK, DE, or 'flat' with a rate."
        )
    name = f"{jurisdiction.lower()}_{int(year)}.json"
    path = resources.files("analytics.tax").joinpath("data", name)
    if not path.is_file():
        figures = stand_in_year(jurisdiction, year)
        if figures is not None:
            latest = load_parameters(jurisdiction, figures)
            label = latest.label.replace(year_label(jurisdiction, figures), "").strip()
            return replace(
                latest,
                year=int(year),
                label=f"{label} {year_label(jurisdiction, year)} "
                f"(on {year_label(jurisdiction, figures)} figures)",
                figures_year=figures,
            )
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
