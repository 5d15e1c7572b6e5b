"""Shared test helpers.

Real platform files live beside the repository in ../shared/real-exports (never copied in).
Tests that need them use `shared_file(...)`: it skips with a reason where the folder is absent
(a user's fresh clone) and fails instead when REQUIRE_SHARED=1 (CI).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
