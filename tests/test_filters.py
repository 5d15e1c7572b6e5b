"""The sidebar's row filters (giglens_ui.filters.apply_filters), on a small literal table."""

from __future__ import annotations

from test_metrics import table

from giglens_ui.filters import Filters, apply_filters


def test_a_platform_filter_keeps_tracker_time_but_not_another_platforms_time_entries():
    t = table(
        ("2025-03-03", "upwork", "earning", 100.0, 10.0),
        ("2025-03-03", "upwork", "time", 0.0, 0.0, "", 5.0),  # Weekly Summary hours: Upwork's
        ("2025-03-04", "paypal", "earning", 50.0, 2.0),
        ("2025-03-04", "toggl", "time", 0.0, 0.0, "", 2.0),  # a tracker: no platform of its own
    )
    paypal_only = apply_filters(t, Filters(platforms=("paypal",)))
    assert list(paypal_only["platform"].astype(str)) == ["paypal", "toggl"]
    upwork_only = apply_filters(t, Filters(platforms=("upwork",)))
    assert list(upwork_only["platform"].astype(str)) == ["upwork", "upwork", "toggl"]
    assert len(apply_filters(t, Filters())) == 4  # no filter: every row
