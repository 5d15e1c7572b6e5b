"""MTurk worker-site JSON (dashboard, status_details) and the simple HIT CSV (§10)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analytics import ImportFailed, load_export

INCOME = ["earning", "refund", "fee", "adjustment"]


def _monthly(tx):
    income = tx[tx["kind"].isin(INCOME)]
    return income.groupby(income["date"].dt.to_period("M"))["net"].sum().round(2).to_dict()


DASHBOARD = {
    "available_earnings": {"currency_code": "USD", "amount_in_dollars": 41.2},
    "hits_overview": {"approved": 900, "approval_rate": 99.5, "pending": 3, "rejected": 4},
    "daily_hit_statistics_overview": [
        {
            "date": "2026-01-30T00:00:00.000Z",
            "submitted": 40,
            "approved": 40,
            "rejected": 0,
            "pending": 0,
            "hits_rewards": 12.35,
            "bonus_rewards": 1.5,
            "earnings": 13.85,
        },
        {
            "date": "2026-01-31T00:00:00.000Z",
            "submitted": 0,
            "approved": 0,
            "rejected": 0,
            "pending": 0,
            "hits_rewards": 0,
            "bonus_rewards": 0,
            "earnings": 0,
        },
        {
            "date": "2026-02-01T00:00:00.000Z",
            "submitted": 22,
            "approved": 20,
            "rejected": 1,
            "pending": 1,
            "hits_rewards": 8.4,
            "bonus_rewards": 0,
            "earnings": 8.4,
        },
        {
            "date": "2026-02-02T00:00:00.000Z",
            "submitted": 5,
            "approved": 5,
            "rejected": 0,
            "pending": 0,
            "hits_rewards": 2.0,
            "bonus_rewards": 0.25,
            "earnings": 9.99,
        },
        {
            "date": "2026-02-30T00:00:00.000Z",
            "submitted": 5,
            "approved": 5,
            "rejected": 0,
            "pending": 0,
            "hits_rewards": 1.0,
            "bonus_rewards": 0,
            "earnings": 1.0,
        },
    ],
    "earnings_to_date": {"approved": 900.0, "bonuses": 20.0, "total_earnings": 920.0},
    "earnings_by_period": {"monthly_earnings": {"2026-01": 13.85}},
}


def test_dashboard_daily_rewards_and_bonuses_without_double_counting():
    result = load_export(json.dumps(DASHBOARD).encode(), filename="dashboard.json")
    assert result.platform == "mturk"
    assert result.rows_read == 5
    tx = result.transactions
    # 30 Jan: HIT rewards 12.35 + Bonus 1.50 (earnings 13.85 is their total, not added again)
    # 1 Feb: 8.40; 31 Jan had nothing (skipped); 2 Feb's total does not add up (rejected);
    # 30 Feb is not a date (rejected).
    assert len(tx) == 3
    assert sorted(tx["gross"].round(2)) == [1.50, 8.40, 12.35]
    assert set(tx.loc[tx["description"] == "Bonus", "gross"].round(2)) == {1.50}
    assert (tx["fee"] == 0).all() and set(tx["currency"]) == {"USD"}
    assert _monthly(tx) == {
        pd.Period("2026-01", "M"): round(12.35 + 1.50, 2),
        pd.Period("2026-02", "M"): 8.40,
    }
    assert list(result.skipped["reason"]) == ["no HIT rewards or bonuses on this day"]
    reasons = sorted(result.rejected["reason"])
    # 2 Feb: 2.00 + 0.25 = 2.25, not the page's 9.99
    assert (
        "earnings 9.99 is not hits_rewards 2.00 plus bonus_rewards 0.25 (2.25): the saved page "
        "looks edited or cut off"
    ) in reasons
    assert any("2026-02-30" in r for r in reasons)
    assert any("pending" in w for w in result.warnings)
    assert set(tx["stream"]) == {"micro"}


def _result(state, reward, requester="Acme Research", title="Survey", aid="A"):
    return {
        "assignment_id": aid,
        "hit_id": "H" + aid,
        "state": state,
        "title": title,
        "requester_id": "R1",
        "requester_name": requester,
        "requester_feedback": None,
        "reward": {"currency_code": "USD", "amount_in_dollars": reward},
    }


def test_status_details_keyed_by_day():
    doc = {
        "2026-03-01": {
            "page_number": 1,
            "results": [
                _result("Paid", 1.25, aid="a1"),
                _result("Approved", 0.5, requester="Beta Lab", aid="a2"),
                _result("Pending", 2.0, aid="a3"),
                _result("Rejected", 0.75, aid="a4"),
            ],
        },
        "2026-04-02": [
            {"results": [_result("Submitted", 3.0, aid="a5"), _result("Paid", 0.1, aid="a6")]},
            {"results": []},
        ],
    }
    result = load_export(json.dumps(doc).encode(), filename="status.json")
    assert result.platform == "mturk"
    assert "status details" in result.layout
    assert result.rows_read == 6
    tx = result.transactions
    assert sorted(tx["reference"]) == ["a1", "a2", "a6"]
    # March: 1.25 + 0.50 = 1.75 ; April: 0.10 (Pending, Submitted, Rejected are not income)
    assert _monthly(tx) == {
        pd.Period("2026-03", "M"): 1.75,
        pd.Period("2026-04", "M"): 0.10,
    }
    assert set(tx.loc[tx["reference"] == "a2", "client"]) == {"Beta Lab"}
    reasons = dict(zip(result.skipped["row"], result.skipped["reason"]))
    assert sorted(reasons.values()) == [
        "HIT state 'Pending': not paid yet",
        "HIT state 'Rejected': the requester did not pay for it, so it is no income",
        "HIT state 'Submitted': not paid yet",
    ]
    assert result.rejected.empty


def test_the_same_status_page_saved_twice_counts_once():
    page = {"results": [_result("Paid", 0.5, aid="1"), _result("Paid", 1.25, aid="2")]}
    result = load_export(json.dumps({"2025-11-19": [page, page]}).encode(), "status.json")
    # 0.50 + 1.25 = 1.75 once; the second copy of each assignment is skipped as a repeat
    assert round(result.transactions["gross"].sum(), 2) == 1.75
    assert len(result.skipped) == 2
    assert all(r.startswith("repeats row") for r in result.skipped["reason"])


def test_status_details_pages_with_saved_address_and_missing_date():
    pages = [
        {
            "url": "https://worker.mturk.com/status_details/2026-05-10/?page_number=1&format=json",
            "results": [_result("Paid", 0.6, aid="b1"), _result("Paid", 0.4, aid="b2")],
        },
        {"results": [_result("Paid", 9.99, aid="b3")]},  # no date anywhere: rejected
    ]
    result = load_export(json.dumps(pages).encode(), filename="pages.json")
    tx = result.transactions
    assert round(float(tx["gross"].sum()), 2) == 1.00  # 0.60 + 0.40
    assert set(tx["date"]) == {pd.Timestamp("2026-05-10")}
    assert len(result.rejected) == 1
    assert "no date" in result.rejected["reason"].iloc[0]


def test_other_json_is_refused_plainly():
    with pytest.raises(ImportFailed, match="JSON"):
        load_export(b'{"hello": [1, 2]}', filename="x.json")


CSV = """\
Date,Requester,HIT Title,Reward,Status
2026-06-01,Acme Research,Image tagging,$0.05,Approved
2026-06-01,Acme Research,Image tagging,$0.05,Approved
2026-06-15,Beta Lab,Long survey,$2.50,Paid
2026-06-20,Beta Lab,Long survey,$2.50,Pending
2026-06-21,Gamma,Transcription,$1.10,Rejected
2026-07-02,Gamma,Transcription,$1.10,Paid
2026-07-33,Gamma,Transcription,$1.10,Paid
2026-07-04,Gamma,Transcription,one dollar,Paid
2026-07-05,Gamma,Transcription,$1.10,Lost
"""


def test_csv_states_totals_and_rejections():
    result = load_export(CSV.encode(), filename="hits.csv")
    assert result.platform == "mturk"
    assert result.rows_read == 9
    tx = result.transactions
    # two identical rows stay two transactions with different ids
    assert len(tx) == 4 and tx["txn_id"].nunique() == 4
    # June: 0.05 + 0.05 + 2.50 = 2.60 ; July: 1.10
    assert _monthly(tx) == {
        pd.Period("2026-06", "M"): 2.60,
        pd.Period("2026-07", "M"): 1.10,
    }
    assert set(tx["client"]) == {"Acme Research", "Beta Lab", "Gamma"}
    assert len(result.skipped) == 2
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"]))
    assert sorted(reasons) == [8, 9, 10]
    assert "2026-07-33" in reasons[8]
    assert "one dollar" in reasons[9]
    assert "Lost" in reasons[10]


def test_status_page_saved_as_unicode_text_or_of_a_day_without_hits():
    page = {"results": [_result("Paid", 0.5, aid="1"), None]}  # a null item carries nothing
    doc = json.dumps({"2025-11-19": page})
    # Notepad's "Unicode" / PowerShell 5 `>` write UTF-16 with a byte-order mark
    result = load_export(doc.encode("utf-16"), "status.json")
    assert result.platform == "mturk" and list(result.transactions["gross"]) == [0.50]
    empty = load_export(json.dumps({"2025-11-20": {"results": []}}).encode(), "day.json")
    assert empty.platform == "mturk" and empty.transactions.empty and empty.rows_read == 0


def test_a_web_page_saved_as_json_gets_a_plain_message():
    page = b"<!DOCTYPE html><html><head><title>Sign-In</title></head></html>"
    with pytest.raises(ImportFailed, match="is a web page .HTML.*format=json"):
        load_export(page, "dashboard.json")


def test_dashboard_and_status_pages_of_the_same_day_count_its_hits_once():
    from analytics.combine import combine

    dashboard = load_export(json.dumps(DASHBOARD).encode(), filename="dashboard.json")
    # 30 Jan's HITs one by one: 10.00 + 2.35 = the dashboard's 12.35 HIT rewards
    status = {
        "2026-01-30": {
            "results": [_result("Paid", 10.0, aid="s1"), _result("Approved", 2.35, aid="s2")]
        }
    }
    pages = load_export(json.dumps(status).encode(), filename="status.json")
    for order in ([dashboard, pages], [pages, dashboard]):
        combined = combine(order)
        tx = combined.transactions
        # 30 Jan: 10.00 + 2.35 from the status page + the dashboard's 1.50 bonus (in no HIT
        # list); 1 Feb's 8.40 from the dashboard alone: 22.25, not 34.60
        assert round(tx["net"].sum(), 2) == 10.00 + 2.35 + 1.50 + 8.40
        assert combined.duplicates[0 if order[0] is dashboard else 1] == 1
        assert combined.notes == [
            "MTurk dashboard: the HIT rewards of 1 day(s) (12.35 USD) are counted once, from the "
            "status details pages or HIT list that show those days' HITs one by one; the "
            "dashboard's bonuses and its other days still count."
        ]


def test_a_status_page_short_of_the_dashboards_day_leaves_the_day_to_the_dashboard():
    from analytics.combine import combine

    dashboard = load_export(json.dumps(DASHBOARD).encode(), filename="dashboard.json")
    # 30 Jan: the dashboard's HIT rewards are 12.35; the one page saved lists 2 HITs, 3.10
    status = {
        "2026-01-30": {
            "results": [_result("Paid", 2.0, aid="s1"), _result("Approved", 1.10, aid="s2")]
        }
    }
    pages = load_export(json.dumps(status).encode(), filename="status.json")
    for order in ([dashboard, pages], [pages, dashboard]):
        combined = combine(order)
        # the day from the dashboard: 12.35 + 1.50 bonus; 1 Feb 8.40 (not 3.10 + 1.50 + 8.40)
        assert round(combined.transactions["net"].sum(), 2) == 12.35 + 1.50 + 8.40
        assert combined.duplicates[0 if order[0] is pages else 1] == 2
        assert combined.notes == [
            "status.json: the HITs of 1 day(s) (3.10 USD) add up to less than the MTurk "
            "dashboard's HIT rewards for those days (a status page saved without its other "
            "pages?), so those days count from the dashboard."
        ]


def test_a_status_page_without_its_day_takes_the_date_in_its_file_name():
    page = {"results": [_result("Paid", 0.5, aid="1"), _result("Approved", 1.25, aid="2")]}
    result = load_export(json.dumps(page).encode(), "status_details_2025-11-19.json")
    assert result.rejected.empty
    tx = result.transactions
    assert set(tx["date"].dt.strftime("%Y-%m-%d")) == {"2025-11-19"}
    assert round(tx["gross"].sum(), 2) == 1.75
    assert any("2025-11-19, was used for 2 HIT(s)" in w for w in result.warnings)
    # without a day anywhere: rejected, with how to fix it
    undated = load_export(json.dumps(page).encode(), "status.json")
    assert len(undated.rejected) == 2
    assert "Put the day in the file name" in undated.rejected["reason"].iat[0]


def test_a_hit_list_and_a_status_page_of_the_same_day_count_its_hits_once():
    from analytics.combine import combine

    hit_list = (
        "Date,Requester,HIT Title,Reward,Status\n"
        "2025-11-19,Acme Research,Survey,$1.00,Approved\n"
        "2025-11-19,Acme Research,Survey,$0.93,Approved\n"
        "2025-11-19,Beta Lab,Tagging,$1.00,Paid\n"
        "2025-11-20,Beta Lab,Tagging,$0.40,Paid\n"
    )
    status = {
        "2025-11-19": {
            "results": [
                _result("Approved", 1.00, aid="a1"),
                _result("Approved", 0.93, aid="a2"),
                _result("Paid", 1.00, requester="Beta Lab", title="Tagging", aid="a3"),
            ]
        }
    }
    listed = load_export(hit_list.encode(), "hits.csv")
    pages = load_export(json.dumps(status).encode(), "status_2025-11-19.json")
    for order in ([listed, pages], [pages, listed]):
        combined = combine(order)
        # 19 Nov: 2.93 once (both files have it, the status page counts: it has the HIT ids);
        # 20 Nov: 0.40 from the list alone
        assert round(combined.transactions["gross"].sum(), 2) == 2.93 + 0.40
        assert combined.duplicates[0 if order[0] is listed else 1] == 3
        assert combined.notes[0].startswith("hits.csv: the HITs of 1 day(s) (2.93 USD) are also")


def test_the_same_status_page_in_two_files_does_not_outweigh_the_dashboard():
    from analytics.combine import combine

    dashboard = load_export(json.dumps(DASHBOARD).encode(), filename="dashboard.json")
    # a partial page of 30 Jan (3.10 of its 12.35), saved twice under two names
    page = {
        "2026-01-30": {"results": [_result("Paid", 2.0, aid="s1"), _result("Paid", 1.10, aid="s2")]}
    }
    one = load_export(json.dumps(page).encode(), filename="status.json")
    two = load_export(json.dumps(page).encode(), filename="status (1).json")
    combined = combine([dashboard, one, two])
    # the day from the dashboard: 12.35 + 1.50 bonus, and 1 Feb's 8.40 (not 3.10 + 1.50 + 8.40)
    assert round(combined.transactions["net"].sum(), 2) == 12.35 + 1.50 + 8.40


def test_dashboard_day_says_how_many_hits_were_submitted():
    """The HIT rewards row of a dashboard day carries its `submitted` count (the HITs worked
    that day, rejected ones too), which a minutes-per-task estimate needs."""
    doc = {
        "daily_hit_statistics_overview": [
            {
                "date": "2026-03-02",
                "submitted": 12,
                "hits_rewards": 3.6,
                "bonus_rewards": 0.5,
                "earnings": 4.1,
            },
            {
                "date": "2026-03-03",
                "submitted": 1,
                "hits_rewards": 0.4,
                "bonus_rewards": 0,
                "earnings": 0.4,
            },
            {"date": "2026-03-04", "hits_rewards": 0.9, "bonus_rewards": 0, "earnings": 0.9},
        ]
    }
    tx = load_export(json.dumps(doc).encode(), filename="dashboard.json").transactions
    by_day = dict(zip(tx["date"].dt.day.astype(str) + " " + tx["description"], tx["gross"]))
    assert by_day == {
        "2 HIT rewards (12 HITs)": 3.6,
        "2 Bonus": 0.5,
        "3 HIT rewards (1 HIT)": 0.4,
        "4 HIT rewards": 0.9,  # no `submitted`: the count is unknown
    }


def _day(date, hits, bonus=0.0, submitted=1, pending=0):
    return {
        "date": date,
        "hits_rewards": hits,
        "bonus_rewards": bonus,
        "earnings": round(hits + bonus, 2),
        "submitted": submitted,
        "pending": pending,
    }


def test_a_dashboard_saved_again_later_counts_each_day_once_from_the_later_save():
    """1 Nov shows 5.00 with HITs pending in the first save and 7.00 once approved in the
    second; 2 Nov is the same in both. Income: 7.00 + 1.00 + 2.00 (3 Nov) = 10.00, not 16.00."""
    from analytics.combine import combine

    early = {
        "daily_hit_statistics_overview": [
            _day("2025-11-01", 5.0, pending=2),
            _day("2025-11-02", 1.0),
        ]
    }
    later = {
        "daily_hit_statistics_overview": [
            _day("2025-11-01", 7.0),
            _day("2025-11-02", 1.0),
            _day("2025-11-03", 2.0),
        ]
    }
    first = load_export(json.dumps(early).encode(), "dashboard_oct.json")
    second = load_export(json.dumps(later).encode(), "dashboard_nov.json")
    for order in ([first, second], [second, first]):
        combined = combine(order)
        tx = combined.transactions
        assert round(tx["net"].sum(), 2) == 10.00
        assert set(tx["source"]) == {"dashboard_nov.json"}
        assert combined.duplicates[0 if order[0] is first else 1] == 2
        assert combined.notes == [
            "dashboard_oct.json: 1 day(s) of this MTurk dashboard are also in a dashboard saved "
            "later, with other amounts (HITs approved since): those days count from the later "
            "save."
        ]


def test_pages_saved_one_after_another_in_one_file_are_all_read():
    one = {"2026-03-01": {"results": [_result("Paid", 0.50, aid="a")]}}
    two = {"2026-03-02": {"results": [_result("Paid", 1.25, aid="b")]}}
    data = json.dumps(one).encode() + b"\n" + json.dumps(two).encode()
    result = load_export(data, "pages.json")
    assert list(result.transactions["gross"]) == [0.50, 1.25]


def test_a_json_page_saved_by_the_browser_as_a_web_page_is_read():
    page = {"2026-03-01": {"results": [_result("Paid", 0.50, aid="a")]}}
    text = json.dumps(page).replace('"', "&quot;")  # as the page's HTML writes it
    html = f'<html><head></head><body><pre style="word-wrap: break-word">{text}</pre></body></html>'
    result = load_export(html.encode(), "status_details.html")
    assert list(result.transactions["gross"]) == [0.50]


def test_pages_of_two_kinds_in_one_list_are_refused_not_half_read():
    status = {"2026-01-30": {"results": [_result("Paid", 10.0, aid="s1")]}}
    with pytest.raises(ImportFailed, match="pages of different kinds .*Save each page as a file"):
        load_export(json.dumps([status, DASHBOARD]).encode(), "both.json")
    with pytest.raises(ImportFailed, match="2 pages of the same kind .MTurk dashboard"):
        load_export(json.dumps([DASHBOARD, DASHBOARD]).encode(), "two.json")


def test_json_nested_beyond_any_page_gets_a_plain_message():
    with pytest.raises(ImportFailed, match="nested far deeper than any saved page"):
        load_export(b"[" * 100_000 + b"]" * 100_000, "deep.json")


def test_two_dashboards_saved_the_same_day_keep_the_one_with_more_approved():
    """Morning: 31 Oct 2.00, 1 Nov 1.00 with 2 HITs pending; evening: 1 Nov 3.00. Both end on
    1 Nov: the evening save (more income: approvals only add) counts, added first or last:
    2.00 + 3.00 = 5.00."""
    from analytics.combine import combine

    morning = {
        "daily_hit_statistics_overview": [
            _day("2025-10-31", 2.0, submitted=3),
            _day("2025-11-01", 1.0, submitted=3, pending=2),
        ]
    }
    evening = {
        "daily_hit_statistics_overview": [
            _day("2025-10-31", 2.0, submitted=3),
            _day("2025-11-01", 3.0, submitted=3),
        ]
    }
    first = load_export(json.dumps(morning).encode(), "dashboard.json")
    second = load_export(json.dumps(evening).encode(), "dashboard (1).json")
    for order in ([first, second], [second, first]):
        combined = combine(order)
        assert round(combined.transactions["net"].sum(), 2) == 5.00
        assert combined.notes[0].startswith("dashboard.json: 1 day(s)")


def test_a_saved_page_with_a_comment_first_and_json_in_its_second_pre_is_read():
    page = {"2026-03-01": {"results": [_result("Paid", 0.50, aid="a")]}}
    text = json.dumps(page).replace('"', "&quot;")
    html = (
        "<!-- saved from url=(0048)https://worker.mturk.com/status_details -->\n<html><body>"
        f"<pre>Content-Type: application/json</pre><pre>{text}</pre></body></html>"
    )
    assert list(load_export(html.encode(), "page.html").transactions["gross"]) == [0.50]


def test_json_nested_a_few_hundred_deep_gets_the_plain_message_too():
    with pytest.raises(ImportFailed, match="nested far deeper than any saved page"):
        load_export(b"[" * 600 + b"]" * 600, "deep.json")


def test_a_hit_list_logging_transfers_to_the_bank_counts_them_as_transfers_never_income():
    # 1.00 + 0.40 of HITs; 5.00 and 2.50 moved to the bank (written with either sign)
    csv = """\
Date,Requester,Title,Reward,State
2026-06-01,Acme,Survey,$1.00,Paid
2026-06-02,,Transfer to bank,-$5.00,Transferred
2026-06-03,,,$2.50,withdrawn
2026-06-04,Beta,Tagging,$0.40,Approved
"""
    result = load_export(csv.encode(), filename="hits.csv")
    tx = result.transactions
    assert result.rejected.empty and result.skipped.empty
    by_kind = tx.groupby(tx["kind"].astype(str))["net"].sum().round(2).to_dict()
    assert by_kind == {"earning": 1.40, "transfer": -7.50}
    moved = tx[tx["kind"] == "transfer"]
    assert list(moved["description"]) == ["Transfer to bank", "Transfer of earnings"]
    assert set(moved["client"]) == {""}
