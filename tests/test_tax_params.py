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
    assert available_years("UK") == [2025, 2026]
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
        TaxInputError, match="No UK tax parameters for 2030. Years available: 2025, 2026"
    ):
        load_parameters("UK", 2030)
