"""Combining several imported files: each transaction once, duplicates counted on the later file."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest

from giglens_ui import imports

HEADER = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
JAN = (
    HEADER + "2026-01-05,fiverr,earning,100.00,20.00,80.00,USD,,Acme,Logo,FO1\n"
    "2026-01-09,fiverr,earning,50.00,10.00,40.00,USD,,Beta,Banner,FO2\n"
    "2026-01-09,fiverr,earning,50.00,10.00,40.00,USD,,Beta,Banner,FO2\n"  # a genuine twin
)
# The overlapping download: the two Jan 9 rows again (one of them now a third twin), and Feb.
JAN_FEB = (
    HEADER + "2026-01-09,fiverr,earning,50.00,10.00,40.00,USD,,Beta,Banner,FO2\n"
    "2026-01-09,fiverr,earning,50.00,10.00,40.00,USD,,Beta,Banner,FO2\n"
    "2026-01-09,fiverr,earning,50.00,10.00,40.00,USD,,Beta,Banner,FO2\n"
    "2026-02-02,fiverr,earning,30.00,6.00,24.00,EUR,,Cyan,Icon,FO3\n"
)


def _combined():
    first = imports.parse(JAN.encode(), "jan.csv")
    second = imports.parse(JAN_FEB.encode(), "jan_feb.csv")
    data, items = imports.combine([first, second])
    return data, items


def _check(data, items):
    # jan.csv: 3 new rows. jan_feb.csv: its first two Jan 9 twins are jan.csv's two (same
    # ids: occurrence 0 and 1), the third twin and Feb 2 are new.
    assert [i.duplicates for i in items] == [0, 2]
    assert len(data) == 3 + 2
    assert data["txn_id"].is_unique
    assert round(data["gross"].sum(), 2) == 100.00 + 50.00 * 3 + 30.00
    assert data["date"].is_monotonic_increasing
    assert sorted(data["currency"].cat.categories) == ["EUR", "USD"]
    assert sorted(data["source"].cat.categories) == ["jan.csv", "jan_feb.csv"]


def test_overlapping_downloads_keep_each_transaction_once():
    _check(*_combined())


def test_same_result_when_every_id_hash_collides():
    """The hash only finds candidates; ids are compared as text, so collisions change nothing."""
    constant = lambda cells: np.zeros(len(cells), dtype=np.uint64)  # noqa: E731
    with mock.patch.object(imports, "hash_strings", constant):
        _check(*_combined())


@pytest.mark.parametrize("times", [1, 2])
def test_the_same_file_twice_is_all_duplicates(times):
    item = imports.parse(JAN.encode(), "jan.csv")
    again = [imports.parse(JAN.encode(), f"copy{i}.csv") for i in range(times)]
    data, items = imports.combine([item, *again])
    assert len(data) == 3
    assert [i.duplicates for i in items] == [0] + [3] * times
    assert [i.duplicate_rows for i in items] == [0] + [3] * times
