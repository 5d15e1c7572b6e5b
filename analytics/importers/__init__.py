"""Platform importers. One module per platform; each exposes `LAYOUTS`, a list of `Layout`s.

To add a platform: write `analytics/importers/<platform>.py` with a parse function and its
`LAYOUTS`, add the module below, and give it a test with a small literal file.
"""

from __future__ import annotations

from analytics.importers import (
    cashapp,
    etsy,
    generic,
    gumroad,
    mturk,
    payoneer,
    paypal,
    stripe,
    timetracking,
    toptal,
    uber,
    upwork,
)

_MODULES = [
    upwork,
    paypal,
    stripe,
    etsy,
    gumroad,
    payoneer,
    toptal,
    cashapp,
    mturk,
    uber,
    timetracking,
    generic,
]

LAYOUTS = [layout for module in _MODULES for layout in module.LAYOUTS]
