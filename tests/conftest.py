"""Shared test helpers.

Real platform files live beside the repository in ../shared/real-exports (never copied in).
Tests that need them use `shared_file(...)`: it skips with a reason where the folder is absent
(a user's fresh clone) and fails instead when REQUIRE_SHARED=1 (CI).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new random examples on every local run; in CI they replay a fixed
# (derandomized) set, so a build's result does not depend on the luck of the draw.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
REAL_EXPORTS = SHARED / "real-exports"
SAMPLE_DATA = REPO / "sample_data"


def shared_file(relative: str) -> Path:
    """Path of a file under ../shared/real-exports, or skip/fail as described above."""
    path = REAL_EXPORTS / relative
    if not path.exists():
        message = (
            f"../shared/real-exports/{relative} is not here (shared/ sits beside the repo in CI)"
        )
        if os.environ.get("REQUIRE_SHARED") == "1":
            pytest.fail(message + " and REQUIRE_SHARED=1")
        pytest.skip(message)
    return path


@pytest.fixture
def csv_bytes():
    """Turn a literal (dedented) CSV text into bytes, like a downloaded file."""
    import textwrap

    def make(text: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
        body = textwrap.dedent(text).lstrip("\n")
        data = body.encode(encoding)
        return (b"\xef\xbb\xbf" + data) if bom else data

    return make


def month_kind_totals(result) -> dict[tuple[str, str, str], float]:
    """{(YYYY-MM, kind, column): sum} of gross, fee and net over the imported transactions."""
    t = result.transactions
    month = t["date"].dt.strftime("%Y-%m")
    sums = t.groupby([month, t["kind"].astype(str)])[["gross", "fee", "net"]].sum()
    return {
        (m, k, col): round(float(sums.loc[(m, k), col]), 2)
        for (m, k) in sums.index
        for col in ("gross", "fee", "net")
    }


def expected_totals(rows: dict[tuple[str, str], tuple[float, float, float]]):
    """Hand-worked (month, kind) -> (gross, fee, net), checked for net = gross - fee, as an
    approx-dict comparable with `month_kind_totals`."""
    out = {}
    for (month, kind), (gross, fee, net) in rows.items():
        assert round(gross - fee, 2) == round(net, 2), (month, kind)  # sanity of the hand sums
        out.update({(month, kind, "gross"): gross, (month, kind, "fee"): fee})
        out[(month, kind, "net")] = net
    return pytest.approx(out, abs=0.005)


def situation(at, name: str):
    """The sidebar's box for a tax year's amount (`w2_wages.US`: wages, withholding, other
    income...), whose key carries the tax year shown (`giglens.w.w2_wages.US.2025`)."""
    [box] = [n for n in at.number_input if str(n.key).startswith(f"giglens.w.{name}.")]
    return box
