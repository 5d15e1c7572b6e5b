"""hourly_rates: export hours, time-tracker hours matched by client, manual estimates."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from test_metrics import table

from analytics import load_export
from analytics.hours import (
    attribute_time,
    fees_per_hour,
    hour_records,
    hourly_rates,
    tracked_unpaid_time,
)
from analytics.schema import empty_transactions
from analytics.summary import monthly_summary


def time_row(date: str, client: str, hours: float, platform: str = "toggl") -> tuple:
    """A time-tracker entry as the Toggl/Clockify importers emit it (no money, no currency)."""
    return (date, platform, "time", 0.0, 0.0, "", hours, client)


def test_hourly_uses_only_rows_with_known_hours():
    t = table(
        ("2024-01-05", "upwork", "earning", 110.0, 10.0, "USD", 2.0),  # net 100 over 2 h
        ("2024-01-06", "upwork", "earning", 55.0, 5.0, "USD"),  # net 50, hours unknown
    )
    out = hourly_rates(t)
    up = out.loc["upwork"]
    assert up["net"] == 150.0
    assert up["net_with_hours"] == 100.0
    assert up["hours"] == 2.0
    assert up["hourly"] == 50.0  # 100 / 2, not 150 / 2
    assert up["coverage"] == pytest.approx(100 / 150)
    assert up["hours_source"] == "export"


def test_unpaid_overhead():
    t = table(("2024-01-05", "upwork", "earning", 100.0, 0.0, "USD", 2.0))
    out = hourly_rates(t, unpaid_overhead=0.25)
    assert out.loc["upwork", "hourly"] == 50.0
    assert out.loc["upwork", "hourly_incl_unpaid"] == pytest.approx(100 / (2 * 1.25))  # 40


def test_no_hours_gives_nan_not_an_error():
    t = table(("2024-01-05", "etsy", "earning", 60.0, 6.15))
    out = hourly_rates(t)
    assert math.isnan(out.loc["etsy", "hourly"])
    assert math.isnan(out.loc["etsy", "hours"])
    assert hourly_rates(empty_transactions()).empty


def test_mixed_currencies_keep_the_hours_and_give_nan_rates():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 10.0, "USD", 2.0),
        ("2024-01-05", "paypal", "earning", 100.0, 3.88, "EUR", 4.0),
    )
    rates = hourly_rates(t)  # hours need no currency; net per hour does
    assert rates.loc["upwork", "hours"] == 2.0 and rates.loc["paypal", "hours"] == 4.0
    assert rates[["net", "hourly", "hourly_incl_unpaid"]].isna().all().all()
    assert "mixed currencies (EUR, USD)" in rates.attrs["problem"]
    assert math.isnan(fees_per_hour(t))  # not (10 + 3.88) / 6 of no currency
    # in one currency the same rows give numbers: (10 + 3.88) / (2 + 4)
    assert fees_per_hour(t.assign(currency="USD")) == pytest.approx(13.88 / 6)


def test_zero_hours_give_nan():
    t = table(("2024-01-05", "upwork", "earning", 100.0, 0.0, "USD", 0.0))
    assert math.isnan(hourly_rates(t).loc["upwork", "hourly"])


def test_bad_overhead_is_a_plain_error():
    with pytest.raises(ValueError, match="unpaid_overhead"):
        hourly_rates(empty_transactions(), unpaid_overhead=-0.1)


def test_tracker_hours_matched_to_income_by_client():
    t = table(
        ("2024-01-15", "upwork", "earning", 500.0, 50.0, "USD", None, "Acme Corp"),
        ("2024-01-20", "stripe", "earning", 203.30, 3.30, "USD", None, "Beta"),
        time_row("2024-01-03", "acme corp ", 4.0),  # case and spaces do not matter
        time_row("2024-01-10", "Acme Corp", 5.0),
        time_row("2024-01-11", "Beta", 8.0),
        time_row("2024-01-12", "Nobody Inc", 3.0),  # no income from this client
    )
    out = hourly_rates(t)
    assert out.loc["upwork", "hours"] == 9.0  # 4 + 5
    assert out.loc["upwork", "hourly"] == 50.0  # 450 / 9
    assert out.loc["stripe", "hourly"] == 25.0  # 200 / 8
    assert out.loc["upwork", "hours_source"] == "tracker"
    assert "toggl" not in out.index  # tracked time is not a platform of its own
    assert any("3.00 tracked hours match no income" in m for m in out.attrs["messages"])
    assert any("Nobody Inc" in m for m in out.attrs["messages"])


def test_tracker_client_paid_on_two_platforms_goes_by_month():
    t = table(
        ("2024-01-15", "upwork", "earning", 100.0, 0.0, "USD", None, "Acme"),
        ("2024-02-15", "paypal", "earning", 300.0, 0.0, "USD", None, "Acme"),
        time_row("2024-01-03", "Acme", 2.0),  # January: Acme paid through Upwork
        time_row("2024-02-03", "Acme", 3.0),  # February: through PayPal
        time_row("2024-03-03", "Acme", 1.0),  # March: no payment; PayPal paid Acme most overall
    )
    matched = attribute_time(t).set_index("date")
    assert matched.loc["2024-01-03", "platform"] == "upwork"
    assert matched.loc["2024-02-03", "platform"] == "paypal"
    assert matched.loc["2024-03-03", "platform"] == "paypal"
    assert matched.loc["2024-03-03", "matched_by"] == "client"
    assert matched.loc["2024-02-03", "stream"] == "freelance"
    out = hourly_rates(t)
    assert out.loc["upwork", "hourly"] == 50.0  # 100 / 2
    assert out.loc["paypal", "hourly"] == 75.0  # 300 / (3 + 1)


def test_tracker_hours_not_counted_twice_when_the_export_has_hours():
    t = table(
        ("2024-01-15", "upwork", "earning", 100.0, 0.0, "USD", 2.0, "Acme"),
        time_row("2024-01-10", "Acme", 2.0),
    )
    out = hourly_rates(t)
    assert out.loc["upwork", "hours"] == 2.0
    assert any("not counted twice" in m for m in out.attrs["messages"])


def test_fee_rows_without_hours_belong_to_their_clients_timed_earnings():
    # Upwork-style: the service fee is its own row, with the client but no hours.
    t = table(
        ("2024-01-15", "upwork", "earning", 300.0, 0.0, "USD", 10.0, "Acme"),
        ("2024-01-15", "upwork", "fee", 0.0, 30.0, "USD", None, "Acme"),
        ("2024-01-20", "upwork", "earning", 200.0, 0.0, "USD", None, "Beta"),
        ("2024-01-20", "upwork", "fee", 0.0, 20.0, "USD", None, "Beta"),
        time_row("2024-01-10", "Acme", 2.0),  # the export already has Acme's hours
        time_row("2024-01-18", "Beta", 5.0),
    )
    out = hourly_rates(t, by="client")
    # Acme: (300 - 30) / 10 = 27, the tracked 2 h not added on top of the export's 10 h.
    assert out.loc["Acme", "hourly"] == 27.0
    assert out.loc["Acme", "hours"] == 10.0
    assert out.loc["Acme", "coverage"] == 1.0
    # Beta: (200 - 20) / 5 = 36 from the tracker.
    assert out.loc["Beta", "hourly"] == 36.0
    whole = hourly_rates(t).loc["upwork"]
    # (270 + 180) / (10 + 5) = 30, every row covered
    assert whole["hourly"] == 30.0 and whole["coverage"] == 1.0


def test_fees_of_an_untimed_fixed_price_job_are_not_charged_to_hourly_hours():
    # One client, two contracts: hourly 200 over 10 h (fee 20) and fixed-price 3,000 without
    # hours (fee 300). The fee rows do not say which contract they belong to, so they count in
    # the share of the client's earnings that has hours: 200 / 3,200 = 1/16 of 320 = 20.
    # (200 - 20) / 10 = 18 an hour.
    t = table(
        ("2024-02-01", "upwork", "earning", 200.0, 0.0, "USD", 10.0, "Acme"),
        ("2024-02-01", "upwork", "fee", 0.0, 20.0, "USD", None, "Acme"),
        ("2024-02-10", "upwork", "earning", 3000.0, 0.0, "USD", None, "Acme"),
        ("2024-02-10", "upwork", "fee", 0.0, 300.0, "USD", None, "Acme"),
    )
    out = hourly_rates(t).loc["upwork"]
    assert out["net_with_hours"] == pytest.approx(180.0)
    assert out["hourly"] == pytest.approx(18.0)
    assert out["coverage"] == pytest.approx(180 / 2880)  # net 3,200 - 320 = 2,880


def test_fee_rows_alone_give_no_hours_to_a_tracker():
    # Tracker time for a client with only a fee row (no earnings without hours) is not used.
    t = table(
        ("2024-01-15", "upwork", "earning", 100.0, 0.0, "USD", 4.0, "Acme"),
        ("2024-01-15", "upwork", "fee", 0.0, 10.0, "USD", None, "Acme"),
        time_row("2024-01-10", "Acme", 3.0),
    )
    out = hourly_rates(t)
    assert out.loc["upwork", "hourly"] == 22.5  # (100 - 10) / 4
    assert any("not counted twice" in m for m in out.attrs["messages"])


def test_estimate_minutes_per_task():
    t = table(
        ("2024-01-05", "mturk", "earning", 0.50, 0.0),
        ("2024-01-05", "mturk", "earning", 0.50, 0.0),
        ("2024-01-06", "mturk", "earning", 0.40, 0.0),
        ("2024-01-06", "mturk", "earning", 0.60, 0.0),
    )
    out = hourly_rates(t, estimates={"mturk": {"minutes_per_task": 3}})
    assert out.loc["mturk", "hours"] == pytest.approx(4 * 3 / 60)  # 0.2 h
    assert out.loc["mturk", "hourly"] == pytest.approx(2.00 / 0.2)  # $10/h
    assert out.loc["mturk", "hours_source"] == "estimate"


def test_estimate_hours_per_week_counts_weeks_with_earnings():
    t = table(
        ("2024-01-01", "uber", "earning", 100.0, 25.0),  # week of Jan 1
        ("2024-01-03", "uber", "earning", 100.0, 25.0),  # same week
        ("2024-01-16", "uber", "earning", 100.0, 25.0),  # week of Jan 15
    )
    out = hourly_rates(t, estimates={"uber": {"hours_per_week": 10}})
    assert out.loc["uber", "hours"] == 20.0  # 2 weeks x 10 h
    assert out.loc["uber", "hourly"] == pytest.approx(225 / 20)


def test_estimate_only_fills_rows_without_other_hours():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 0.0, "USD", 2.0),
        ("2024-01-06", "upwork", "earning", 30.0, 0.0),  # no hours: the estimate covers it
    )
    out = hourly_rates(t, estimates={"upwork": {"minutes_per_task": 60}})
    assert out.loc["upwork", "hours"] == 3.0  # 2 from the export + 1 estimated
    assert out.loc["upwork", "hourly"] == pytest.approx(130 / 3)
    assert out.loc["upwork", "hours_source"] == "estimate, export"


def test_bad_estimate_is_a_plain_error():
    t = table(("2024-01-05", "mturk", "earning", 1.0, 0.0))
    with pytest.raises(ValueError, match="minutes_per_task or hours_per_week"):
        hourly_rates(t, estimates={"mturk": {"minutes": 3}})


def test_hourly_by_stream_includes_tracker_hours():
    t = table(
        ("2024-01-15", "upwork", "earning", 300.0, 0.0, "USD", None, "Acme"),
        ("2024-01-15", "mturk", "earning", 5.0, 0.0, "USD", 1.0),
        time_row("2024-01-10", "Acme", 6.0),
    )
    out = hourly_rates(t, by="stream")
    assert out.loc["freelance", "hourly"] == 50.0
    assert out.loc["micro", "hourly"] == 5.0
    total = hourly_rates(t, by=None)
    assert total.loc["all", "hourly"] == pytest.approx(305 / 7)


def test_hourly_by_client_merges_spellings_of_income_and_tracker():
    t = table(
        ("2024-01-15", "upwork", "earning", 500.0, 50.0, "USD", None, "Acme Corp"),
        time_row("2024-01-03", "acme corp ", 4.0),
        time_row("2024-01-10", "Acme Corp", 5.0),
    )
    out = hourly_rates(t, by="client")
    assert list(out.index) == ["Acme Corp"]  # not a second row for "acme corp "
    assert out.loc["Acme Corp", "hours"] == 9.0  # 4 + 5
    assert out.loc["Acme Corp", "hourly"] == 50.0  # 450 / 9


def test_hours_without_income_in_their_group_give_nan_not_zero():
    # weekly estimates name no client: by client, those hours sit in the "" group, whose
    # income is 0; a rate of $0/h there would be wrong, so it is NaN
    t = table(("2024-01-01", "uber", "earning", 100.0, 25.0, "USD", None, "Rider A"))
    out = hourly_rates(t, by="client", estimates={"uber": {"hours_per_week": 10}})
    assert out.loc["", "hours"] == 10.0
    assert math.isnan(out.loc["", "hourly"])
    assert math.isnan(out.loc["Rider A", "hourly"])
    # by platform the same hours and income meet: 75 / 10
    assert hourly_rates(t, estimates={"uber": {"hours_per_week": 10}}).loc["uber", "hourly"] == 7.5


def test_weekly_estimate_is_dated_on_the_weeks_first_payment_not_before_any_income():
    from analytics.hours import hour_records

    # Saturday 1 June 2024 is in the week that starts Monday 27 May: the estimate must not put
    # hours in May, where nothing was earned.
    t = table(
        ("2024-06-01", "mturk", "earning", 5.0, 0.0, "USD"),
        ("2024-06-02", "mturk", "earning", 3.0, 0.0, "USD"),
    )
    records = hour_records(t, estimates={"mturk": {"hours_per_week": 2}}).records
    estimated = records[records["source"] == "estimate"]
    assert list(estimated["date"].dt.strftime("%Y-%m-%d")) == ["2024-06-01"]
    assert estimated["hours"].sum() == 2.0  # one week worked -> 2 h


def test_a_fee_naming_no_client_goes_with_the_platforms_timed_earnings():
    # Etsy with an estimate of 10 h a week: sales of 200 and 100 to named buyers in one week,
    # and a 60.00 fee (listings) naming no buyer. Both sales have estimated hours, so the fee
    # belongs to them too: (200 + 100 - 60) / 10 = 24 an hour, coverage 100%.
    t = table(
        ("2024-03-04", "etsy", "earning", 200.0, 0.0, "USD", None, "Ann"),
        ("2024-03-05", "etsy", "earning", 100.0, 0.0, "USD", None, "Bob"),
        ("2024-03-06", "etsy", "fee", 0.0, 60.0, "USD", None, ""),
    )
    out = hourly_rates(t, estimates={"etsy": {"hours_per_week": 10}}).loc["etsy"]
    assert out["net_with_hours"] == pytest.approx(240.0)
    assert out["hourly"] == pytest.approx(24.0) and out["coverage"] == pytest.approx(1.0)


def test_fees_per_hour_count_only_the_fees_of_work_with_hours():
    # Hourly job 200 over 10 h with a 20.00 fee; a fixed-price job of 3,000 without hours with a
    # 300.00 fee; both for Acme, fees as their own rows. The fees go with the client's earnings
    # in proportion: 320 x 200 / 3,200 = 20 belongs to the timed work: 20 / 10 = 2.00 an hour.
    t = table(
        ("2024-02-01", "upwork", "earning", 200.0, 0.0, "USD", 10.0, "Acme"),
        ("2024-02-01", "upwork", "fee", 0.0, 20.0, "USD", None, "Acme"),
        ("2024-02-10", "upwork", "earning", 3000.0, 0.0, "USD", None, "Acme"),
        ("2024-02-10", "upwork", "fee", 0.0, 300.0, "USD", None, "Acme"),
    )
    assert fees_per_hour(t) == pytest.approx(2.0)
    assert math.isnan(fees_per_hour(table(("2024-02-01", "etsy", "earning", 20.0, 1.0))))


def test_fees_per_hour_per_platform_add_up_with_the_headline():
    # Upwork: fee 20 on 200 over 10 h -> 2.00; PayPal: fee 3 on 100 over 2 h -> 1.50;
    # together (20 + 3) / (10 + 2) = 1.9167. Etsy has no hours: no fee per hour.
    t = table(
        ("2024-02-01", "upwork", "earning", 200.0, 0.0, "USD", 10.0, "Acme"),
        ("2024-02-01", "upwork", "fee", 0.0, 20.0, "USD", None, "Acme"),
        ("2024-02-03", "paypal", "earning", 100.0, 3.0, "USD", 2.0, "Beta"),
        ("2024-02-05", "etsy", "earning", 50.0, 5.0, "USD"),  # no hours: no fee per hour
    )
    per_platform = fees_per_hour(t, by="platform")
    assert per_platform["upwork"] == pytest.approx(2.0)
    assert per_platform["paypal"] == pytest.approx(1.5)
    assert math.isnan(per_platform["etsy"])
    assert fees_per_hour(t) == pytest.approx(23 / 12)


def test_minutes_per_task_gives_a_bonus_no_time_of_its_own():
    t = table(
        ("2024-01-05", "mturk", "earning", 1.00, 0.0),
        ("2024-01-05", "mturk", "earning", 0.50, 0.0),
    )
    t.loc[1, "description"] = "Bonus"
    out = hourly_rates(t, estimates={"mturk": {"minutes_per_task": 6}})
    # one task of 6 minutes (0.1 h) earned 1.00 and its 0.50 bonus: 15.00 an hour
    assert out.loc["mturk", "hours"] == pytest.approx(0.1)
    assert out.loc["mturk", "hourly"] == pytest.approx(15.0)


def test_minutes_per_task_counts_the_hits_of_an_mturk_dashboard_day():
    """A dashboard day is many HITs: 3 minutes each x 12 submitted = 36 min; its bonus adds
    no time; a day without a count and a HIT-list row are one task each (3 min)."""
    doc = {
        "daily_hit_statistics_overview": [
            {
                "date": "2026-03-02",
                "submitted": 12,
                "hits_rewards": 3.6,
                "bonus_rewards": 0.5,
                "earnings": 4.1,
            },
            {"date": "2026-03-04", "hits_rewards": 0.9, "bonus_rewards": 0, "earnings": 0.9},
        ]
    }
    hits = b"Date,Requester,Title,Reward,State\n2026-03-05,Acme,Tag photos,0.50,Paid\n"
    t = pd.concat(
        [
            load_export(json.dumps(doc).encode(), "dashboard.json").transactions,
            load_export(hits, "hits.csv").transactions,
        ],
        ignore_index=True,
    )
    out = hourly_rates(t, estimates={"mturk": {"minutes_per_task": 3}})
    hours = (12 * 3 + 3 + 3) / 60  # 0.7 h
    assert out.loc["mturk", "hours"] == pytest.approx(hours)
    assert out.loc["mturk", "hourly"] == pytest.approx((3.6 + 0.5 + 0.9 + 0.5) / hours)


def test_tracked_unpaid_time_is_non_billable_time_no_income_pays():
    t = table(
        ("2024-03-01", "paypal", "earning", 500.0, 20.0, "USD", float("nan"), "Acme"),
        time_row("2024-03-02", "Acme", 10.0),  # billable work for a paying client
        time_row("2024-03-03", "", 2.0),  # proposals, no client, not billable
        time_row("2024-03-04", "Unknown Co", 1.0),  # not billable, no income of theirs
        time_row("2024-03-05", "Other", 3.0),  # billable but unpaid so far: not "unpaid time"
    )
    t["description"] = ["invoice", "build", "Proposals [non-billable]", "Call [non-billable]", "x"]
    unpaid, paid = tracked_unpaid_time(t)
    assert (unpaid, paid) == (2.0 + 1.0, 10.0)


def test_tracker_time_is_matched_to_clients_that_paid_not_to_a_platforms_charges():
    # Upwork's Connects are a fee of client "Upwork"; Toggl time logged under client "Upwork"
    # (writing proposals, not billable) is no work for that "client": unpaid time.
    t = table(
        ("2025-09-01", "upwork", "earning", 500.0, 50.0, "USD", float("nan"), "Acme"),
        ("2025-09-02", "upwork", "fee", 0.0, 15.0, "USD", float("nan"), "Upwork"),
        time_row("2025-09-03", "Acme", 10.0),
        time_row("2025-09-03", "Upwork", 5.0),
    )
    t["description"] = [
        "Hourly",
        "Connects",
        "build",
        "proposals [non-billable]",
    ]
    assert tracked_unpaid_time(t) == (5.0, 10.0)
    assert hourly_rates(t).loc["upwork", "hours"] == 10.0


def test_tracked_paid_time_is_the_trackers_own_billable_hours_even_when_replaced():
    # An Upwork Weekly Summary beside the history gives Upwork's own time entries (platform
    # "upwork"); the rates use those and leave out Toggl's entries for the same work. The
    # share of unpaid time is still the tracker's: non-billable 2 h / the 10 + 6 = 16 h it
    # tracked for clients who paid = 12.5%, not 2 / 6 = 33%.
    t = table(
        time_row("2025-02-25", "Acme", 10.0, platform="upwork"),  # the summary's own hours
        time_row("2025-02-25", "Acme", 10.0),  # the same work in Toggl
        ("2025-03-03", "upwork", "earning", 350.0, 0.0, "USD", None, "Acme"),
        ("2025-03-03", "upwork", "fee", 0.0, 35.0, "USD", None, "Acme"),
        time_row("2025-03-05", "Beta", 6.0),
        ("2025-03-10", "paypal", "earning", 300.0, 0.0, "USD", None, "Beta"),
        time_row("2025-03-06", "", 2.0),
    )
    t["description"] = [
        "",
        "build",
        "Hourly",
        "fee",
        "report",
        "invoice",
        "proposals [non-billable]",
    ]
    assert tracked_unpaid_time(t) == (2.0, 16.0)
    assert hourly_rates(t).loc["upwork", "hours"] == 10.0  # the rates count the work once
    # an export's own hours replace the tracker's the same way (the "doubled" entries)
    t = table(
        ("2025-03-03", "upwork", "earning", 350.0, 35.0, "USD", 10.0, "Acme"),
        time_row("2025-02-25", "Acme", 10.0),
        time_row("2025-03-06", "", 1.0),
    )
    t["description"] = ["Hourly", "build", "admin [non-billable]"]
    assert tracked_unpaid_time(t) == (1.0, 10.0)


def test_tracked_unpaid_time_over_a_date_range():
    # Beta's 6 h of 26 Feb are paid on 10 Mar: with February alone they are still paid time.
    t = table(
        time_row("2025-02-26", "Beta", 6.0),
        time_row("2025-02-27", "", 1.5),
        ("2025-03-10", "paypal", "earning", 300.0, 0.0, "USD", None, "Beta"),
        time_row("2025-03-11", "", 0.5),
    )
    t["description"] = ["report", "proposals [non-billable]", "invoice", "admin [non-billable]"]
    assert tracked_unpaid_time(t, start="2025-02-01", end="2025-02-28") == (1.5, 6.0)
    assert tracked_unpaid_time(t, start="2025-03-01", end="2025-03-31") == (0.5, 0.0)
    assert tracked_unpaid_time(t) == (2.0, 6.0)


def test_tracked_time_is_paid_by_the_next_payment_after_it():
    from analytics.hours import hour_records

    # Upwork pays a week (Monday to Sunday) on the Monday after it: the Monday it pays week 1
    # is already worked for week 2. Time after the last payment counts with that payment.
    # (Paid in a later month, no payment follows June: all 6 h would go to 17 June, 2.4 h and
    # 2.4 h away from the 70 x 6 / 175 = 2.4 h and 3.6 h the two payments buy at the average
    # rate, a misfit of 4.8 h against 0.4 + 0.4 = 0.8 h: the pair is paid after the work.)
    t = table(
        time_row("2024-06-03", "Acme", 2.0),  # week 1
        time_row("2024-06-10", "Acme", 3.0),  # week 2, on the day week 1 is paid
        ("2024-06-10", "upwork", "earning", 70.0, 0.0, "USD", None, "Acme"),  # week 1: 2 h
        ("2024-06-17", "upwork", "earning", 105.0, 0.0, "USD", None, "Acme"),  # week 2: 3 h
        time_row("2024-06-20", "Acme", 1.0),  # not paid yet
    )
    paid = hour_records(t).paid.sort_values("hours")
    assert paid["date"].dt.strftime("%m-%d").tolist() == ["06-17", "06-10", "06-17"]
    assert paid["hours"].tolist() == [1.0, 2.0, 3.0]
    # 10 June alone: 70 / 2 = 35; 17 June on: 105 / (3 + 1) = 26.25; every date 175 / 6
    assert hourly_rates(t, start="2024-06-10", end="2024-06-10").loc["upwork", "hourly"] == 35.0
    assert hourly_rates(t, start="2024-06-17").loc["upwork", "hourly"] == 26.25
    assert hourly_rates(t).loc["upwork", "hourly"] == pytest.approx(175 / 6)
    # ...and the hour worked after Acme's last payment is said, with what to do
    assert hourly_rates(t).attrs["messages"] == [
        "1.00 tracked hours were worked on or after the day of their client's last payment in "
        "your files (Acme: 1.00 h from 17 Jun 2024 on) and count with that payment. If a later payment paid them "
        "(one still pending, or in a newer download), the rate is higher: add the download "
        "that holds it."
    ]
    assert hourly_rates(t, start="2024-06-10", end="2024-06-10").attrs["messages"] == []


def test_a_ranges_hourly_rate_does_not_depend_on_the_rows_outside_it():
    # Ramirez's 8 h are worked in January and paid 480 (fee 17.24) on 13 February; Upwork's
    # 12.00 of Connects (client "Upwork") are charged in January, while Upwork's only earning,
    # 350 over 10 h of its own (fee 35), is in February.
    t = table(
        time_row("2025-01-20", "Ramirez", 8.0),
        ("2025-01-15", "upwork", "fee", 0.0, 12.0, "USD", None, "Upwork"),
        ("2025-02-03", "upwork", "earning", 350.0, 0.0, "USD", 10.0, "Brightline"),
        ("2025-02-03", "upwork", "fee", 0.0, 35.0, "USD", None, "Brightline"),
        ("2025-02-13", "paypal", "earning", 480.0, 17.24, "USD", None, "Ramirez"),
    )
    # February alone: PayPal 462.76 / 8 = 57.845 (its hours were worked in January); Upwork:
    # (350 - 35) / 10 = 31.50
    feb = hourly_rates(t, start="2025-02-01", end="2025-02-28")
    assert feb.loc["paypal", "hours"] == 8.0
    assert feb.loc["paypal", "hourly"] == pytest.approx(462.76 / 8)
    assert feb.loc["upwork", "hourly"] == pytest.approx(31.50)
    # January alone: the Connects belong to Upwork's earnings, all timed (10 h of 350): the
    # whole -12 counts as income with hours, but January's income has no hours matched to it
    jan = hourly_rates(t, start="2025-01-01", end="2025-01-31")
    assert jan.loc["upwork", "net_with_hours"] == -12.0
    assert math.isnan(jan.loc["upwork", "hourly"])
    assert "paypal" not in jan.index  # nothing paid, no hours paid in January
    assert not any("match no income" in m for m in jan.attrs["messages"])
    # every date: Upwork (350 - 35 - 12) / 10 = 30.30, PayPal 462.76 / 8
    whole = hourly_rates(t)
    assert whole.loc["upwork", "hourly"] == pytest.approx(30.30)
    assert whole.loc["paypal", "hourly"] == pytest.approx(462.76 / 8)
    # fees per hour of February: (35 + 17.24) / (10 + 8)
    assert fees_per_hour(t, start="2025-02-01", end="2025-02-28") == pytest.approx(52.24 / 18)


def test_unused_hours_of_a_range_are_those_dated_in_it():
    t = table(
        ("2025-01-10", "upwork", "earning", 100.0, 0.0, "USD", None, "Acme"),
        time_row("2025-01-05", "Acme", 2.0),
        time_row("2025-01-06", "Nobody", 1.0),  # January: matches no income
        time_row("2025-03-06", "Nobody", 4.0),  # March: matches no income
    )
    jan = hourly_rates(t, start="2025-01-01", end="2025-01-31")
    assert any("1.00 tracked hours match no income" in m for m in jan.attrs["messages"])
    assert any("5.00 tracked hours match no income" in m for m in hourly_rates(t).attrs["messages"])


def test_a_client_invoiced_monthly_pays_for_the_month_before():
    from analytics.hours import hour_records
    from analytics.summary import monthly_summary

    # Cedar is billed at 50 an hour at the start of each month for the month before: 6 Dec
    # pays November's 2 h (100), 4 Jan pays December's 3 + 1 = 4 h (200). Matched to the next
    # payment after the work, the 3 h of 2 December would go to 6 December: 5 h and 1 h, each
    # 3 h away from what its pay buys at the average 300 / 6 = 50 an hour (2 h and 4 h): a
    # misfit of 6 h, against 0 for "paid in a later month", which is used.
    t = table(
        time_row("2024-11-26", "Cedar", 2.0),
        time_row("2024-12-02", "Cedar", 3.0),
        ("2024-12-06", "paypal", "earning", 100.0, 0.0, "USD", None, "Cedar"),
        time_row("2024-12-17", "Cedar", 1.0),
        ("2025-01-04", "paypal", "earning", 200.0, 0.0, "USD", None, "Cedar"),
    )
    paid = hour_records(t).paid.sort_values("hours")
    assert paid["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-01-04",  # 1 h of 17 Dec
        "2024-12-06",  # 2 h of 26 Nov
        "2025-01-04",  # 3 h of 2 Dec
    ]
    s = monthly_summary(t)
    assert s.loc["2024-12", "hourly"] == 50.0  # 100 / 2
    assert s.loc["2025-01", "hourly"] == 50.0  # 200 / 4
    assert s.loc["2024-12", "hours_worked"] == 4.0  # worked in December: 3 + 1
    assert s.loc["2024-12", "hours"] == 2.0  # paid in December: November's 2 h


# --- edges found by a mutation audit (hours) ---


def test_a_non_billable_entry_for_a_paying_client_is_paid_time_not_unpaid():
    # Acme paid 300 on 10 Mar. Toggl: 5 h billable and 2 h "[non-billable]" for Acme, 1 h of
    # non-billable proposals for no client.
    # unpaid = non-billable hours matching no income = 1 (Acme's 2 h match a client who paid)
    # paid   = tracker hours matched to a paying client = 5 + 2 = 7
    t = table(
        time_row("2025-03-03", "Acme", 5.0),
        time_row("2025-03-04", "Acme", 2.0),
        time_row("2025-03-05", "", 1.0),
        ("2025-03-10", "paypal", "earning", 300.0, 0.0, "USD", None, "Acme"),
    )
    t["description"] = ["build", "call [non-billable]", "proposals [non-billable]", "invoice"]
    assert tracked_unpaid_time(t) == (1.0, 7.0)  # not (3.0, 7.0): Acme's 2 h are counted once


def test_a_zero_reward_hit_brings_no_estimated_minutes():
    # MTurk: two $1.00 HITs and an approved $0.00 qualification HIT, 6 minutes a task.
    # Tasks with pay: 2 -> 2 x 6 / 60 = 0.2 h; net 1 + 1 + 0 = 2.00 -> 2.00 / 0.2 = 10.00 an hour
    # (counting the $0.00 HIT: 0.3 h, 6.67 an hour)
    t = table(
        ("2025-03-03", "mturk", "earning", 1.0, 0.0, "USD", None, "Req A"),
        ("2025-03-03", "mturk", "earning", 1.0, 0.0, "USD", None, "Req A"),
        ("2025-03-03", "mturk", "earning", 0.0, 0.0, "USD", None, "Req B"),
    )
    out = hourly_rates(t, estimates={"mturk": {"minutes_per_task": 6}})
    assert out.loc["mturk", "hours"] == pytest.approx(0.2)
    assert out.loc["mturk", "hourly"] == pytest.approx(10.0)


def test_a_weekly_estimate_in_a_range_is_that_weeks_hours():
    # Uber, 10 h a week: 100 net in the week of 6 Jan 2025 and 100 net in the week of 13 Jan.
    # The range 6-12 Jan holds week 1: its payment is paid for all of that week's 10 h
    # (share 100 / 100 of its week, not 100 / 200 of both weeks): 100 / 10 = 10.00 an hour.
    t = table(
        ("2025-01-07", "uber", "earning", 100.0, 0.0),
        ("2025-01-14", "uber", "earning", 100.0, 0.0),
    )
    out = hourly_rates(
        t, estimates={"uber": {"hours_per_week": 10}}, start="2025-01-06", end="2025-01-12"
    )
    assert out.loc["uber", "hours"] == pytest.approx(10.0)  # not 5
    assert out.loc["uber", "hourly"] == pytest.approx(10.0)  # not 20


def test_an_estimate_does_not_add_hours_to_earnings_the_tracker_covers():
    # Fiverr, 60 minutes a task: Acme paid 100 and Toggl has 2 h for Acme; Beta paid 100 and
    # nothing is tracked for Beta. Hours: Acme's 2 tracked + Beta's 1 estimated = 3 (an estimate
    # for Acme too would make it 4); net 200 / 3 = 66.67 an hour.
    t = table(
        time_row("2025-03-03", "Acme", 2.0),
        ("2025-03-05", "fiverr", "earning", 100.0, 0.0, "USD", None, "Acme"),
        ("2025-03-05", "fiverr", "earning", 100.0, 0.0, "USD", None, "Beta"),
    )
    out = hourly_rates(t, estimates={"fiverr": {"minutes_per_task": 60}})
    assert out.loc["fiverr", "hours"] == pytest.approx(3.0)
    assert out.loc["fiverr", "hourly"] == pytest.approx(200 / 3)
    assert out.loc["fiverr", "hours_source"] == "estimate, tracker"


def test_hours_beside_uncovered_income_of_their_group_give_no_rate_not_zero():
    # By client: an Etsy sale (client "") without hours, and Uber's weekly estimate of 5 h
    # (recorded with client "") for a trip paid by "Ride". Group "": net 50.00, none of it
    # covered by hours -> net_with_hours 0; hours 5 -> no rate (blank), not 0 / 5 = 0.00 an hour.
    t = table(
        ("2025-03-03", "etsy", "earning", 50.0, 0.0, "USD", None, ""),
        ("2025-03-04", "uber", "earning", 100.0, 0.0, "USD", None, "Ride"),
    )
    out = hourly_rates(t, by="client", estimates={"uber": {"hours_per_week": 5}})
    assert out.loc["", "hours"] == pytest.approx(5.0)
    assert out.loc["", "net_with_hours"] == 0.0
    assert math.isnan(out.loc["", "hourly"])


def test_fees_per_hour_of_a_platform_with_zero_hours_is_blank_not_infinite():
    # Upwork: 100 gross, 10.00 fee over 0.0 h (a fixed-price milestone that reports 0 h).
    # fees_with_hours 10 / hours 0 -> no figure (NaN), never "inf".
    t = table(("2025-03-03", "upwork", "earning", 100.0, 10.0, "USD", 0.0, "Acme"))
    per_platform = fees_per_hour(t, by="platform")
    assert math.isnan(per_platform["upwork"])
    assert math.isnan(fees_per_hour(t))


def test_a_tie_between_the_billing_conventions_goes_to_paid_after_the_work():
    from analytics.hours import hour_records

    # 3 h on 1 Feb for Acme; Acme paid 100 on 2 Feb and 100 on 28 Mar. At the average rate
    # (200 / 3 h) each payment buys 1.5 h. Paid after the work: 3 h on 2 Feb -> misfit
    # |3 - 1.5| + |0 - 1.5| = 3; paid in a later month: 3 h on 28 Mar -> misfit 1.5 + 1.5 = 3.
    # A tie: the module doc says "ties: after the work", so the 3 h are paid on 2 Feb.
    t = table(
        time_row("2025-02-01", "Acme", 3.0),
        ("2025-02-02", "paypal", "earning", 100.0, 0.0, "USD", None, "Acme"),
        ("2025-03-28", "paypal", "earning", 100.0, 0.0, "USD", None, "Acme"),
    )
    assert hour_records(t).paid["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-02-02"]
    # February's rate: 100 / 3 = 33.33 an hour (in March the 3 h would leave February without)
    feb = hourly_rates(t, start="2025-02-01", end="2025-02-28")
    assert feb.loc["paypal", "hourly"] == pytest.approx(100 / 3)


def test_a_negative_earning_does_not_inflate_the_share_of_a_fee():
    # Acme on Upwork: 100 over 2 h, a -50 correction recorded as an earning (no hours) and a
    # 10.00 fee row. The fee's share: timed gross / all earnings' gross, negatives counted as 0:
    # 100 / (100 + 0) = 1, never 100 / (100 - 50) = 2.
    # net_with_hours = 100 x 1 + (-50) x 0 + (-10) x 1 = 90 -> 90 / 2 h = 45.00 an hour
    t = table(
        ("2025-03-03", "upwork", "earning", 100.0, 0.0, "USD", 2.0, "Acme"),
        ("2025-03-04", "upwork", "earning", -50.0, 0.0, "USD", None, "Acme"),
        ("2025-03-05", "upwork", "fee", 0.0, 10.0, "USD", None, "Acme"),
    )
    out = hourly_rates(t)
    assert out.loc["upwork", "net_with_hours"] == pytest.approx(90.0)
    assert out.loc["upwork", "hourly"] == pytest.approx(45.0)


def test_a_monthly_invoice_dated_the_first_pays_for_the_month_before():
    """Acme is invoiced on the 1st for the month before: 1 Feb (200) pays January's 10 + 10 h,
    1 Mar (200) pays February's 10 + 10 h; 15 Jan (10) pays no tracked time. At the average
    40 h / 410 each 200 buys 19.51 h and the 10 buys 0.98 h. Paid in a later month (a payment
    on the 1st of the next month counts): misfit 0.98 + |20 - 19.51| + |20 - 19.51| = 1.95;
    paid after the work (5 Jan -> 15 Jan, 25 Jan -> 1 Feb, February -> 1 Mar): |10 - 0.98| +
    |10 - 19.51| + |20 - 19.51| = 19.02. Monthly fits: February 200 / 20 h = 10 an hour."""
    t = table(
        time_row("2025-01-05", "Acme", 10.0),
        time_row("2025-01-25", "Acme", 10.0),
        time_row("2025-02-05", "Acme", 10.0),
        time_row("2025-02-25", "Acme", 10.0),
        ("2025-01-15", "upwork", "earning", 10.0, 0.0, "USD", None, "Acme"),
        ("2025-02-01", "upwork", "earning", 200.0, 0.0, "USD", None, "Acme"),
        ("2025-03-01", "upwork", "earning", 200.0, 0.0, "USD", None, "Acme"),
    )
    paid = hour_records(t).paid.sort_values("date")
    assert paid["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-02-01",
        "2025-02-01",
        "2025-03-01",
        "2025-03-01",
    ]
    s = monthly_summary(t)
    assert math.isnan(s.loc["2025-01", "hours"])  # 15 Jan's 10 paid for no tracked hours
    assert s["hours"].tolist()[1:] == [20.0, 20.0]
    assert s.loc["2025-02", "hourly"] == 10.0


def test_coverage_is_blank_when_the_net_is_zero():
    # A: 100 over 2 h; B: 50 and a -150 adjustment. Net 100 + 50 - 150 = 0, of which 100 has
    # hours: 100 / 2 = 50 an hour; coverage 100 / 0 is no share (blank, not infinite)
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 0.0, "USD", 2.0, "A"),
        ("2024-01-06", "upwork", "earning", 50.0, 0.0, "USD", None, "B"),
        ("2024-01-07", "upwork", "adjustment", -150.0, 0.0, "USD", None, "B"),
    )
    r = hourly_rates(t)
    assert r.loc["upwork", "net"] == 0.0
    assert r.loc["upwork", "net_with_hours"] == 100.0
    assert r.loc["upwork", "hourly"] == 50.0
    assert math.isnan(r.loc["upwork", "coverage"])


def test_a_negative_earning_counts_as_zero_pay_when_choosing_the_billing_convention():
    """Acme: 5 h on 3 Jan, 10 h on 21 Feb; paid 50 (23 Jan), 100 (4 Feb), 100 (14 Feb) and
    -100 (5 Mar, counted as 0). 15 h over 250 = 0.06 h a dollar: expected 3, 6, 6 and 0 h.
    After the work (3 Jan -> 23 Jan, 21 Feb -> 5 Mar): |5 - 3| + 6 + 6 + |10 - 0| = 24.
    In a later month (3 Jan -> 4 Feb, 21 Feb -> 5 Mar): 3 + |5 - 6| + 6 + 10 = 20: monthly.
    (With the -100 as pay, 15 h over 150 gives a tie at 40 and 40: after the work.)"""
    t = table(
        time_row("2025-01-03", "Acme", 5.0),
        time_row("2025-02-21", "Acme", 10.0),
        ("2025-01-23", "upwork", "earning", 50.0, 0.0, "USD", None, "Acme"),
        ("2025-02-04", "upwork", "earning", 100.0, 0.0, "USD", None, "Acme"),
        ("2025-02-14", "upwork", "earning", 100.0, 0.0, "USD", None, "Acme"),
        ("2025-03-05", "upwork", "earning", -100.0, 0.0, "USD", None, "Acme"),
    )
    paid = hour_records(t).paid.sort_values("date")
    assert paid["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-02-04", "2025-03-05"]
    hours = monthly_summary(t)["hours"].tolist()
    assert math.isnan(hours[0]) and hours[1:] == [5.0, 10.0]


UPWORK_HOURLY_AND_FIXED = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Entered Description,Agency,Freelancer,Team,"
    "Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,"
    "Payment Method\n"
    '"Jun 5, 2026",1006,Service Fee,Service Fee for Bonus - Ref ID 1005,10% service fee,'
    "Data pipeline,,,,,Priya,Acme,Priya,,1005,-7.50,-7.50,USD,,\n"
    '"Jun 5, 2026",1005,Bonus,Bonus,,Data pipeline,,,,,Priya,Acme,Priya,,1005,75.00,75.00,USD,,\n'
    '"Jan 20, 2026",1004,Service Fee,Service Fee for Fixed-price - Ref ID 1003,10% service fee,'
    "Logo,,,,,Priya,Acme,Priya,,1003,-50.00,-50.00,USD,,\n"
    '"Jan 20, 2026",1003,Fixed-price,Invoice for Logo: Milestone 1,,Logo,,,,,Priya,Acme,Priya,,'
    "1003,500.00,500.00,USD,,\n"
    '"Jan 12, 2026",1002,Service Fee,Service Fee for Hourly - Ref ID 1001,10% service fee,'
    "Data pipeline,,,,,Priya,Acme,Priya,,1001,-179.00,-179.00,USD,,\n"
    '"Jan 12, 2026",1001,Hourly,Invoice for 44.75 hours x $40.00 = $1790.00,,Data pipeline,,,,,'
    "Priya,Acme,Priya,,1001,1790.00,1790.00,USD,,\n"
)


def test_a_fee_naming_its_invoice_goes_with_that_invoices_hours_alone():
    """January: an hourly invoice of 44.75 h x $40.00 = $1,790.00, its 10% fee $179.00, and a
    fixed-price milestone of $500.00 with its $50.00 fee, all for Acme; in June a $75.00 bonus.
    The hourly fee is charged to the hours whole, the milestone's not at all: January's net
    with hours is 1,790.00 - 179.00 = 1,611.00, 1,611.00 / 44.75 = $36.00 an hour, whatever
    Acme paid in June (before, each fee took Acme's year-long share of timed pay)."""
    from analytics import load_export

    t = load_export(UPWORK_HOURLY_AND_FIXED.encode(), "upwork.csv").transactions
    january = hourly_rates(t, by=None, start="2026-01-01", end="2026-01-31").loc["all"]
    assert round(january["net_with_hours"], 2) == 1611.00
    assert january["hours"] == 44.75
    assert round(january["hourly"], 2) == 36.00
    # the whole half-year too: the bonus and both fixed-price fees have no hours
    every = hourly_rates(t, by=None).loc["all"]
    assert round(every["net_with_hours"], 2) == 1611.00


def test_an_upwork_fee_naming_the_invoices_ref_id_goes_with_that_invoice():
    """Upwork's current layout: the invoice row carries its Transaction ID 870002582 and its
    Ref ID 870001349; its fee names "Ref ID 870001349" and has no Team (a Canadian reviewer's
    file). The fee is the invoice's client's (none: Team empty) and goes with its 18 hours:
    (1,530.00 - 153.00) / 18 = 76.50 an hour, not a share of every Upwork fee."""
    from analytics import load_export

    header = (
        "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
        "Description 1,Description 2,Description 3,Entered Description,Agency,Freelancer,Team,"
        "Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,"
        "Payment Method\n"
    )
    rows = (
        '"Nov 9, 2026",870002589,Service Fee,Service Fee,,Service Fee for Hourly - Ref ID '
        "870001349,,,,,Maya Chen,,Maya Chen,,870001350,-153.00,-153.00,USD,3247.80,\n"
        '"Nov 9, 2026",870002582,Hourly,Invoice for hourly contract,,Invoice for 10/26/2026-'
        "11/01/2026 - 18:00 hrs @ $85.00/hr,,,,,Maya Chen,,Maya Chen,,870001349,1530.00,"
        "1530.00,USD,3400.80,\n"
        '"Nov 2, 2026",870002500,Fixed-price,Invoice for Logo: Milestone 1,,,,,,,Maya Chen,,'
        "Maya Chen,,870001300,1000.00,1000.00,USD,1870.80,\n"
        '"Nov 2, 2026",870002501,Service Fee,Service Fee,,Service Fee for Fixed-price - Ref ID '
        "870001300,,,,,Maya Chen,,Maya Chen,,870001301,-100.00,-100.00,USD,1770.80,\n"
        # a bonus of no client either, on another day, with a 5% fee (25.00): by the pair's
        # share (1,530 / 2,030) the two fees would take 134.16 from the hours, by day 153.00
        '"Nov 5, 2026",870002540,Bonus,Bonus,,Bonus - Ref ID 870001340,,,,,Maya Chen,,'
        "Maya Chen,,870001340,500.00,500.00,USD,2270.80,\n"
        '"Nov 5, 2026",870002541,Service Fee,Service Fee,,Service Fee for Bonus - Ref ID '
        "870001340,,,,,Maya Chen,,Maya Chen,,870001341,-25.00,-25.00,USD,2245.80,\n"
    )
    t = load_export((header + rows).encode(), "upwork.csv").transactions
    fees = t[t["kind"] == "fee"].set_index("reference")["client"]
    assert fees.to_dict() == {"870002589": "", "870002501": "Logo", "870002541": ""}
    rate = hourly_rates(t, by=None).loc["all"]
    assert round(rate["net_with_hours"], 2) == 1377.00 and rate["hours"] == 18.0
    assert round(rate["hourly"], 2) == 76.50


def test_hours_on_the_day_of_the_last_payment_and_after_are_said():
    # Acme pays on 10 Feb; 4 h worked that day and 10 h on 20 Feb follow no later payment:
    # both count with 10 Feb's, and the note names all 14 h
    t = table(
        time_row("2025-02-03", "Acme", 10.0),
        ("2025-02-10", "upwork", "earning", 700.0, 0.0, "USD", None, "Acme"),
        time_row("2025-02-10", "Acme", 4.0),
        time_row("2025-02-20", "Acme", 10.0),
    )
    [note] = hourly_rates(t).attrs["messages"]
    assert note.startswith("14.00 tracked hours were worked on or after the day of their client")
    assert "(Acme: 14.00 h from 10 Feb 2025 on)" in note


def test_a_tip_paid_on_its_own_row_goes_with_the_hours_of_its_work():
    # Instacart: two batches of 20.00 and 30.00 over 1.5 h and 2.5 h, the customers' tips of
    # 10.00 and 20.00 a day later on rows of their own. Rate (20 + 30 + 10 + 20) / 4 = 20.00,
    # not (20 + 30) / 4 = 12.50 with the tips left out as work without hours
    t = table(
        ("2026-05-03", "instacart", "earning", 20.0, 0.0, "USD", 1.5, "H-E-B"),
        ("2026-05-04", "instacart", "earning", 10.0, 0.0, "USD", None, "H-E-B"),
        ("2026-05-05", "instacart", "earning", 30.0, 0.0, "USD", 2.5, "Target"),
        ("2026-05-06", "instacart", "earning", 20.0, 0.0, "USD", None, "Target"),
    )
    t["description"] = ["Batch B1", "Tip", "Batch B2", "Customer tip"]
    rates = hourly_rates(t)
    assert rates.loc["instacart", "hourly"] == pytest.approx(20.0)
    assert rates.loc["instacart", "coverage"] == pytest.approx(1.0)
    # without the word, a payment without hours is untimed work, as before
    t["description"] = ["Batch B1", "Bonus", "Batch B2", "Bonus"]
    assert hourly_rates(t).loc["instacart", "hourly"] == pytest.approx(50 / 4)


def test_pay_that_includes_tips_is_the_pay_itself():
    # "Delivery pay + tips" is a week's whole pay: 420.00 over an estimated 10 h a week (two
    # weeks: 20 h) is 21.00/h; only a row that is a tip alone goes with other rows' hours
    t = table(
        ("2026-03-02", "doordash", "earning", 200.0, 0.0, "USD", None, "DoorDash"),
        ("2026-03-09", "doordash", "earning", 220.0, 0.0, "USD", None, "DoorDash"),
    )
    t["description"] = ["Delivery pay + tips", "Earnings incl. tips"]
    rates = hourly_rates(t, estimates={"doordash": {"hours_per_week": 10}})
    assert rates.loc["doordash", "hourly"] == pytest.approx(21.0)


def test_a_bonus_beside_hourly_invoices_takes_no_tracked_hours_again():
    # An hourly Upwork contract: two invoices with their hours (10 h at $45 and 8 h at $45) and
    # a $100 bonus without hours, all from Nordic Pixel, whose work the freelancer also tracked
    # in Toggl (the same 18 h). The invoices already count the time: the tracker's 18 h are not
    # added to the bonus (they were, giving 36 h).
    t = table(
        time_row("2026-03-02", "Nordic Pixel", 10.0),
        ("2026-03-09", "upwork", "earning", 450.0, 45.0, "USD", 10.0, "Nordic Pixel"),
        time_row("2026-03-10", "Nordic Pixel", 8.0),
        ("2026-03-16", "upwork", "earning", 360.0, 36.0, "USD", 8.0, "Nordic Pixel"),
        ("2026-03-20", "upwork", "earning", 100.0, 10.0, "USD", None, "Nordic Pixel"),
    )
    records = hour_records(t)
    assert records.unused["reason"].tolist() == ["doubled", "doubled"]
    assert records.unused["hours"].sum() == 18.0
    assert records.ahead.empty  # no "worked after the last payment" note about the bonus
    assert records.messages == [
        "18.00 tracked hours are for clients whose payments already come with their hours in "
        "the export (Nordic Pixel) and are not counted twice"
    ]
    up = hourly_rates(t).loc["upwork"]
    assert up["hours"] == 18.0
    # (405 + 324) / 18 h = 40.50 an hour; the bonus's 90 net is income without hours
    assert up["hourly"] == pytest.approx(40.5)
    assert up["coverage"] == pytest.approx(729 / 819)


def test_coverage_is_a_share_of_income_and_none_for_a_group_of_fees_alone():
    t = table(
        # Acme: 500 net with 10 h and a 50 refund of that work: 450 of 450 with hours
        ("2026-03-02", "upwork", "earning", 500.0, 0.0, "USD", 10.0, "Acme"),
        ("2026-03-20", "upwork", "refund", -50.0, 0.0, "USD", None, "Acme"),
        # Upwork's own charges (client "Upwork"): fees alone, no income to cover
        ("2026-03-05", "upwork", "fee", 0.0, 93.23, "USD", None, "Upwork"),
    )
    rates = hourly_rates(t, by="client")
    assert rates.loc["Acme", "coverage"] == 1.0
    assert math.isnan(rates.loc["Upwork", "coverage"])


def test_tracked_hours_months_after_a_clients_hourly_invoices_are_work_of_their_own():
    # Acme paid an hourly invoice with its 10 h in January; in June and July it paid two
    # fixed-price jobs (900.00 net each), tracked in Toggl (20 h + 20 h): those hours are no
    # invoice's, so they count: (900 + 900) / 40 h = 45.00 an hour for June to September
    t = table(
        time_row("2026-01-05", "Acme", 10.0),
        ("2026-01-12", "upwork", "earning", 500.0, 50.0, "USD", 10.0, "Acme"),
        time_row("2026-06-02", "Acme", 20.0),
        ("2026-06-10", "upwork", "earning", 1000.0, 100.0, "USD", None, "Acme"),
        time_row("2026-07-01", "Acme", 20.0),
        ("2026-07-09", "upwork", "earning", 1000.0, 100.0, "USD", None, "Acme"),
    )
    summer = hourly_rates(t, start="2026-06-01", end="2026-09-30").loc["upwork"]
    assert summer["hours"] == 40.0
    assert summer["hourly"] == pytest.approx(45.0)
    records = hour_records(t)
    # January's 10 tracked hours are the invoice's own: not counted twice
    assert records.unused["hours"].tolist() == [10.0]
    assert records.unused["reason"].tolist() == ["doubled"]


def test_a_platforms_own_time_rows_for_its_end_client_go_with_its_payments():
    """Oliver types his Toptal hours in the template as `toptal,time` rows for the client he
    works for (Northwind Health), or for no one; Toptal's export pays as "Toptal". Toptal's
    payments name that one client alone, so the hours are Toptal's: 2,000.00 + 3,000.00 over
    40 + 60 h = 50.00 an hour (not "100 hours match no income")."""
    t = table(
        time_row("2025-01-10", "Northwind Health", 40.0, platform="toptal"),
        time_row("2025-02-10", "", 60.0, platform="toptal"),
        ("2025-01-15", "toptal", "earning", 2000.0, 0.0, "USD", None, "Toptal"),
        ("2025-02-15", "toptal", "earning", 3000.0, 0.0, "USD", None, "Toptal"),
    )
    rates = hourly_rates(t)
    assert rates.loc["toptal", "hours"] == 100.0
    assert rates.loc["toptal", "hourly"] == 50.0
    assert hour_records(t).unused.empty
    # with two clients paying, a time row for a third is not guessed at
    two = pd.concat(
        [t, table(("2025-02-20", "toptal", "earning", 500.0, 0.0, "USD", None, "Other"))]
    )
    assert hour_records(two).unused["hours"].sum() == 100.0


def test_tracked_hours_cover_the_payments_around_them_not_those_months_later():
    """Hours tracked for Acme in January and February 2024 (10 + 10 h) cover Acme's payments of
    January to March (Acme pays within 21 days: a month after the last entry: 500.00 + 500.00
    + 400.00), not the 300.00 of 30 Apr or the 1,000.00 of December, for which no entry holds
    the work: 1,400.00 / 20 h = 70.00 an hour (not 2,700.00 / 20 = 135.00), on 1,400 / 2,700
    of Acme's income."""
    t = table(
        time_row("2024-01-10", "Acme", 10.0),
        time_row("2024-02-10", "Acme", 10.0),
        ("2024-01-31", "upwork", "earning", 500.0, 0.0, "USD", None, "Acme"),
        ("2024-02-29", "upwork", "earning", 500.0, 0.0, "USD", None, "Acme"),
        ("2024-03-08", "upwork", "earning", 400.0, 0.0, "USD", None, "Acme"),
        ("2024-04-30", "upwork", "earning", 300.0, 0.0, "USD", None, "Acme"),
        ("2024-12-15", "upwork", "earning", 1000.0, 0.0, "USD", None, "Acme"),
    )
    rates = hourly_rates(t)
    assert rates.loc["upwork", "hourly"] == 70.0
    assert rates.loc["upwork", "coverage"] == pytest.approx(1400 / 2700)


def test_a_new_clients_hours_are_not_put_on_the_one_client_who_paid():
    # the reviewer's template: 10 h for Acme (paid 1,000.00) and 30 h for Beta, a new client
    # not paid yet: Upwork's rate stays 1,000 / 10 = 100.00, Beta's 30 h unused
    t = table(
        time_row("2025-01-10", "Acme", 10.0, platform="upwork"),
        time_row("2025-01-12", "Beta", 30.0, platform="upwork"),
        ("2025-01-20", "upwork", "earning", 1000.0, 0.0, "USD", None, "Acme"),
    )
    assert hourly_rates(t).loc["upwork", "hourly"] == 100.0
    assert hour_records(t).unused["hours"].sum() == 30.0


def test_tracked_hours_cover_a_payment_on_60_days_terms_and_a_retainer_paid_ahead():
    """Acme's 20 h of 6 and 27 Jan 2025 are paid on 2 Apr (net 60): 2,000 / 20 = 100.00 an
    hour. Beta's 3,000 retainer of 2 Jan pays for 30 h tracked 10 Feb - 20 Mar: 100.00 too.
    The payment after Acme's (1 Jun, later than Acme's 86 days' delay after the last entry)
    is for later work: not covered."""
    t = table(
        time_row("2025-01-06", "Acme", 10.0),
        time_row("2025-01-27", "Acme", 10.0),
        ("2025-04-02", "upwork", "earning", 2000.0, 0.0, "USD", None, "Acme"),
        ("2025-06-01", "upwork", "earning", 700.0, 0.0, "USD", None, "Acme"),
        ("2025-01-02", "stripe", "earning", 3000.0, 0.0, "USD", None, "Beta"),
        time_row("2025-02-10", "Beta", 15.0),
        time_row("2025-03-20", "Beta", 15.0),
    )
    rates = hourly_rates(t)
    assert rates.loc["upwork", "hourly"] == 100.0
    assert rates.loc["upwork", "coverage"] == pytest.approx(2000 / 2700)
    assert rates.loc["stripe", "hourly"] == 100.0


def test_a_client_paying_60_days_after_each_half_month_has_all_its_payments_covered():
    """Toggl: 2 h for Acme each 1st and 16th of January to June 2025 (24 h); Acme pays 100.00
    for each half month 60 days after it ends (the half month of 16-30 Jun on 29 Aug): 12
    payments, 1,200.00 / 24 h = 50.00 an hour, all of it covered (the last payments come
    more than a month after the last entry, as late as the first one came after the first)."""
    rows = []
    for month in range(1, 7):
        for day in (1, 16):
            start = pd.Timestamp(2025, month, day)
            end = start + pd.offsets.MonthEnd(0) if day == 16 else start + pd.Timedelta(days=14)
            rows.append(time_row(f"{start:%Y-%m-%d}", "Acme", 2.0))
            paid = end + pd.Timedelta(days=60)
            rows.append((f"{paid:%Y-%m-%d}", "paypal", "earning", 100.0, 0.0, "USD", None, "Acme"))
    rates = hourly_rates(table(*rows))
    assert rates.loc["paypal", "hours"] == 24.0
    assert rates.loc["paypal", "hourly"] == 50.0
    assert rates.loc["paypal", "coverage"] == 1.0


def test_a_platforms_own_time_naming_no_client_beside_several_paying_clients_says_what_to_do():
    """A student's Prolific hours in the template (`prolific,time`, 20 + 16 h) name no
    researcher, while her Prolific payments name two: whose work they were cannot be told.
    They are not counted, and the message says why and what to do (not "match no income of
    their platform", which Prolific has)."""
    t = table(
        time_row("2025-05-10", "", 20.0, platform="prolific"),
        time_row("2025-06-10", "", 16.0, platform="prolific"),
        ("2025-05-15", "prolific", "earning", 60.0, 0.0, "GBP", None, "Dr A Researcher"),
        ("2025-06-15", "prolific", "earning", 40.0, 0.0, "GBP", None, "Lab B"),
    )
    records = hour_records(t)
    assert records.unused["reason"].tolist() == ["unnamed", "unnamed"]
    assert records.unused["hours"].sum() == 36.0
    [message] = records.messages
    assert message.startswith("36.00 hours of Prolific name no client, while its payments")
    assert "write the client each time row was for" in message
    assert "match no income" not in message
