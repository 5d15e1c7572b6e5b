"""Every parameter file is dated and every number carries its source address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.tax import TaxInputError, available_years, load_parameters

DATA = Path(__file__).resolve().parent.parent / "analytics" / "tax" / "data"
FILES = sorted(DATA.glob("*.json"))


def test_expected_files_exist():
    assert available_years("US") == [2025, 2026]
    assert available_years("UK") == [2024, 2025, 2026]
    assert available_years("DE") == [2025, 2026]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_is_dated_and_sourced(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    jurisdiction, year = path.stem.split("_")
    assert raw["jurisdiction"] == jurisdiction.upper() and raw["year"] == int(year)
    assert raw["as_of"] and raw["currency"] in {"USD", "GBP", "EUR"}
    for name, entry in raw["parameters"].items():
        assert "value" in entry, name
        assert entry["source"].startswith("https://"), name


def test_unknown_year_message():
    with pytest.raises(
        TaxInputError, match="No UK tax parameters for 2030. Years available: 2024, 2025, 2026"
    ):
        load_parameters("UK", 2030)


@pytest.mark.parametrize(
    "jurisdiction, label",
    [
        ("US", "US 2027 (on 2026 figures)"),
        ("UK", "UK 2027/28 (on 2026/27 figures)"),
        ("DE", "Germany 2027 (on 2026 figures)"),
    ],
)
def test_the_year_after_the_latest_file_uses_its_figures_and_says_so(jurisdiction, label):
    """Income of a new tax year comes in before its figures are published: 2027 is estimated
    on 2026's file, read here straight from the JSON, and labelled as such."""
    raw = json.loads((DATA / f"{jurisdiction.lower()}_2026.json").read_text(encoding="utf-8"))
    params = load_parameters(jurisdiction, 2027)
    assert params.year == 2027 and params.figures_year == 2026
    assert params.label == label
    assert params.values == {name: entry["value"] for name, entry in raw["parameters"].items()}
    assert load_parameters(jurisdiction, 2026).figures_year is None


def test_two_years_beyond_the_latest_file_is_refused():
    with pytest.raises(TaxInputError, match="No US tax parameters for 2028"):
        load_parameters("US", 2028)
