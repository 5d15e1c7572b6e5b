"""Combining several imported files: each transaction once, duplicates counted on the later file."""

from __future__ import annotations

import textwrap
from types import SimpleNamespace
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from test_metrics import table

from analytics import combine as combine_module
from analytics.combine import own_account_transfers, payer_streams
from analytics.importers.mturk import DASHBOARD_REWARDS
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
    data, items, _ = imports.combine([first, second])
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


def test_a_row_keeps_its_id_when_the_other_download_has_twins_elsewhere():
    """October's MTurk list holds the same 0.12 HIT twice (two HITs, both paid) and a 0.88 HIT
    on the 5th; a later list starts on the 5th. The 0.88 HIT is one transaction whatever else
    each file holds: 2 x 0.12 + 0.88 + 0.06 = 1.18 in four rows, not five."""
    head = "Date,Requester,Title,Reward,State\n"
    twin = "2025-10-01,ProductLens,Categorize 10 product images,0.12,Paid\n"
    shared = "2025-10-05,Voice Data Co,Transcribe a clip,0.88,Paid\n"
    october = imports.parse((head + twin + twin + shared).encode(), "october.csv")
    later = imports.parse(
        (head + shared + "2025-10-07,Receipt Hub,Transcribe a receipt,0.06,Paid\n").encode(),
        "later.csv",
    )
    data, items, _ = imports.combine([october, later])
    assert len(data) == 4
    assert round(data["net"].sum(), 2) == 1.18
    assert [i.duplicates for i in items] == [0, 1]


def test_same_result_when_every_id_hash_collides():
    """The hash only finds candidates; ids are compared as text, so collisions change nothing."""
    constant = lambda cells: np.zeros(len(cells), dtype=np.uint64)  # noqa: E731
    with mock.patch.object(combine_module, "hash_strings", constant):
        _check(*_combined())


@pytest.mark.parametrize("times", [1, 2])
def test_the_same_file_twice_is_all_duplicates(times):
    item = imports.parse(JAN.encode(), "jan.csv")
    again = [imports.parse(JAN.encode(), f"copy{i}.csv") for i in range(times)]
    data, items, _ = imports.combine([item, *again])
    assert len(data) == 3
    assert [i.duplicates for i in items] == [0] + [3] * times
    assert [i.duplicate_rows for i in items] == [0] + [3] * times


# --- an Upwork withdrawal that arrives in PayPal ------------------------------------------------

UPWORK = """Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Amount in local currency,Currency,Balance
"Oct 2, 2025",R11,Withdrawal,"Payment - PayPal me@example.com: xxxx-1234",,,,,,"-1,200.00",,USD,0.00
"Sep 25, 2025",R3,Service Fee,Service Fee for Hourly - Ref ID R2,,,,,,-120.00,,USD,1200.00
"Sep 25, 2025",R2,Hourly,Invoice for Website rebuild: week 38,,,,,,"1,320.00",,USD,1320.00
"""
PAYPAL_HEADER = (
    '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
    '"From Email Address","To Email Address","Transaction ID","Balance Impact"\n'
)
PAYPAL = PAYPAL_HEADER + (
    # the Upwork withdrawal arriving two days later
    '"10/04/2025","09:00:00","PDT","Upwork Escrow Inc.","General Payment","Completed","USD",'
    '"1,200.00","0.00","1,200.00","billing@upwork.com","me@example.com","P1","Credit"\n'
    # a direct client
    '"10/06/2025","10:00:00","PDT","Client D","General Payment","Completed","USD",'
    '"400.00","-14.45","385.55","d@client.com","me@example.com","P2","Credit"\n'
    # an Upwork payment long after the Upwork export ends: its only record, so income
    '"12/20/2025","10:00:00","PDT","Upwork Escrow Inc.","General Payment","Completed","USD",'
    '"300.00","0.00","300.00","billing@upwork.com","me@example.com","P3","Credit"\n'
)


def _income(data) -> float:
    income = data[data["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    return round(float(income["net"].sum()), 2)


def test_a_withdrawal_from_an_imported_platform_is_counted_once():
    upwork = imports.parse(UPWORK.encode(), "upwork.csv")
    paypal = imports.parse(PAYPAL.encode(), "paypal.csv")
    assert upwork.ok and paypal.ok
    data, _, notes = imports.combine([upwork, paypal])
    # Upwork: 1,320.00 - 120.00 = 1,200.00 earned. PayPal: P2 385.55 from a client and P3
    # 300.00 (after the Upwork export ends, Dec 20 > Oct 2 + 10 days). P1 is the Upwork
    # withdrawal arriving: a transfer, not 1,200.00 more income.
    assert _income(data) == 1200.00 + 385.55 + 300.00
    by_ref = data.set_index("reference")["kind"].astype(str)
    assert by_ref["P1"] == "transfer" and by_ref["P2"] == "earning" and by_ref["P3"] == "earning"
    assert len(notes) == 2
    assert "1 PayPal payment(s) from Upwork (1,200.00 USD)" in notes[0]
    # P3 is said, not silently income: its only record, after the export's last day
    assert (
        "300.00 USD on 20 Dec 2025 arrived after your Upwork export ends (on 2 Oct 2025)"
        in (notes[1])
    )


def test_a_payment_without_a_matching_withdrawal_stays_income():
    # Upwork's export starts with the withdrawal of December's earnings on Jan 3; PayPal gets
    # "Upwork Escrow Inc." 900.00 on Jan 4 (that withdrawal: a transfer) and 450.00 on Jan 20,
    # for which the Upwork export has no withdrawal (another amount): it stays income. A real
    # client whose name has "Etsy" in it is never taken for Etsy paying out.
    upwork = UPWORK.splitlines()[0] + (
        '\n"Jan 3, 2026",R20,Withdrawal,"Payment - PayPal me@example.com",,,,,,-900.00,,USD,0.00\n'
    )
    etsy = (
        "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\n"
        '"5 January, 2026",Sale,Payment for Order #1,,USD,$20.00,-$1.00,$19.00,--\n'
    )
    paypal = PAYPAL_HEADER + (
        '"01/04/2026","09:00:00","PST","Upwork Escrow Inc.","General Payment","Completed","USD",'
        '"900.00","0.00","900.00","billing@upwork.com","me@example.com","P1","Credit"\n'
        '"01/20/2026","09:00:00","PST","Upwork Escrow Inc.","General Payment","Completed","USD",'
        '"450.00","0.00","450.00","billing@upwork.com","me@example.com","P2","Credit"\n'
        '"01/21/2026","09:00:00","PST","Etsy-Inspired Prints LLC","General Payment","Completed",'
        '"USD","250.00","-9.22","240.78","shop@prints.example","me@example.com","P3","Credit"\n'
    )
    items = [
        imports.parse(upwork.encode(), "upwork.csv"),
        imports.parse(etsy.encode(), "etsy.csv"),
        imports.parse(paypal.encode(), "paypal.csv"),
    ]
    assert all(item.ok for item in items)
    data, _, notes = imports.combine(items)
    by_ref = data.set_index("reference")["kind"].astype(str)
    assert (by_ref["P1"], by_ref["P2"], by_ref["P3"]) == ("transfer", "earning", "earning")
    # income: Etsy 19.00 + PayPal 450.00 + 240.78 = 709.78
    assert _income(data) == 709.78
    assert len(notes) == 2 and "1 PayPal payment(s) from Upwork (900.00 USD)" in notes[0]
    # P2 is said: it may be a withdrawal of money the export already counts; the Etsy-named
    # client is no payment from Etsy at all
    assert "450.00 USD on 20 Jan 2026 arrived after your Upwork export ends (on 3 Jan" in notes[1]
    assert "Etsy" not in " ".join(notes)


def test_without_the_upwork_export_the_paypal_payments_are_the_income():
    data, _, notes = imports.combine([imports.parse(PAYPAL.encode(), "paypal.csv")])
    assert _income(data) == 1200.00 + 385.55 + 300.00
    assert notes == []


def test_cli_counts_overlapping_files_once(tmp_path, capsys):
    from analytics.__main__ import main

    (tmp_path / "a.csv").write_text(JAN)
    (tmp_path / "b.csv").write_text(JAN)
    out = tmp_path / "summary.csv"
    assert (
        main(["summary", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--out", str(out)]) == 0
    )
    written = pd.read_csv(out, encoding="utf-8-sig").set_index("month")
    # January net once: 80 + 40 + 40 = 160.00 (the twin counts; the second file adds nothing)
    assert written.loc["2026-01", "net"] == 160.00
    assert "3 transaction(s) already came from an earlier file" in capsys.readouterr().err


def test_arrivals_are_matched_by_calendar_day_and_each_withdrawal_once():
    from test_metrics import table

    from analytics.combine import own_account_transfers

    t = table(
        # Upwork: two withdrawals of 500.00, one of 250.00
        ("2026-01-03 18:00", "upwork", "transfer", -500.0, 0.0),
        ("2026-01-05 08:00", "upwork", "transfer", -500.0, 0.0),
        ("2026-01-20 12:00", "upwork", "transfer", -250.0, 0.0),
        ("2026-01-02 12:00", "upwork", "earning", 1250.0, 0.0),
        # PayPal: 500.00 on Jan 13 at 19:00 (10 calendar days after Jan 3: matched), 500.00 on
        # Jan 14 (the Jan 5 one), a third 500.00 (no withdrawal left: income), 250.00 on Jan 20
        # at 09:00 (the same day, before the withdrawal's time: matched)
        ("2026-01-13 19:00", "paypal", "earning", 500.0, 0.0, "USD", None, "Upwork Escrow Inc."),
        ("2026-01-14 10:00", "paypal", "earning", 500.0, 0.0, "USD", None, "Upwork Escrow Inc."),
        ("2026-01-15 10:00", "paypal", "earning", 500.0, 0.0, "USD", None, "Upwork Escrow Inc."),
        ("2026-01-20 09:00", "paypal", "earning", 250.0, 0.0, "USD", None, "Upwork Escrow Inc."),
    )
    out, notes = own_account_transfers(t)
    paypal = out[out["platform"] == "paypal"]
    assert list(paypal["kind"].astype(str)) == ["transfer", "transfer", "earning", "transfer"]
    assert notes and "3 PayPal payment(s) from Upwork (1,250.00 USD)" in notes[0]


def test_stream_choices_apply_per_platform_and_are_remembered(tmp_path):
    from test_metrics import table

    from analytics.schema import with_streams

    t = table(
        ("2026-01-05", "contra", "earning", 100.0, 0.0),  # a typed platform: stream "other"
        ("2026-01-06", "mturk", "earning", 5.0, 0.0),
    )
    assert list(t["stream"].astype(str)) == ["other", "micro"]
    moved = with_streams(t, {"contra": "freelance", "mturk": "not-a-stream"})
    assert list(moved["stream"].astype(str)) == ["freelance", "micro"]  # unknown stream ignored
    store = imports.MappingStore(tmp_path / "m.sqlite3")
    assert store.put_stream("contra", "freelance") and store.streams() == {"contra": "freelance"}
    assert store.put_stream("contra", None) and store.streams() == {}
    assert store.put_client_stream("Maple & Moss", "sales")
    assert store.client_streams() == {"Maple & Moss": "sales"}


def test_a_client_moved_to_another_stream_goes_there_on_every_platform():
    from test_metrics import table

    from analytics.schema import with_streams

    t = table(
        ("2026-01-05", "paypal", "earning", 100.0, 3.0),
        ("2026-01-06", "paypal", "earning", 250.0, 8.0),
        ("2026-01-07", "stripe", "earning", 40.0, 1.0),
        ("2026-01-08", "mturk", "earning", 5.0, 0.0),
    )
    t["client"] = ["Maple & Moss ", "Acme", "maple & moss", "Requester"]
    # the shop buys prints: sales on PayPal and Stripe alike (its name in any case, spaces
    # around it), the rest of PayPal freelance; a client choice wins over its platform's
    moved = with_streams(t, {"paypal": "micro"}, {"Maple & Moss": "sales", "Nobody": "other"})
    assert list(moved["stream"].astype(str)) == ["sales", "micro", "sales", "micro"]
    assert list(with_streams(t, {}, {"Acme": "bogus"})["stream"].astype(str)) == [
        "freelance",
        "freelance",
        "freelance",
        "micro",
    ]


def test_a_shared_server_remembers_no_ones_streams_or_mappings(tmp_path, monkeypatch):
    from giglens_ui import imports

    path = tmp_path / "m.sqlite3"
    own = imports.MappingStore(path)  # a computer of one's own: choices are remembered
    assert own.put_stream("mturk", "freelance") and own.put("k", {"date": "When"}, ["When"])
    monkeypatch.setenv("GIGLENS_KEEP_FILES", "0")  # the same file, now on a shared server
    shared = imports.MappingStore(path)
    assert shared.streams() == {} and shared.get("k") is None  # another visitor's: not read
    assert not shared.put_stream("mturk", "sales") and not shared.put("k2", {}, [])
    monkeypatch.delenv("GIGLENS_KEEP_FILES")
    assert imports.MappingStore(path).streams() == {"mturk": "freelance"}  # nothing written


UPWORK_HISTORY = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Entered Description,Agency,Freelancer,Team,"
    "Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,"
    "Payment Method\n"
    '"Nov 24, 2025",9004,Service Fee,Service Fee for Hourly - Ref ID 9003,10% service fee,'
    "Python scraper maintenance,,,,,Maya,Northwind,Maya,,9003,-18.00,-18.00,USD,162.00,\n"
    '"Nov 24, 2025",9003,Hourly,Invoice for 11/17/2025-11/23/2025,,Python scraper maintenance,'
    ",,,,Maya,Northwind,Maya,,9003,180.00,180.00,USD,180.00,\n"
    '"Nov 17, 2025",9002,Service Fee,Service Fee for Hourly - Ref ID 9001,10% service fee,'
    "Python scraper maintenance,,,,,Maya,Northwind,Maya,,9001,-9.00,-9.00,USD,81.00,\n"
    '"Nov 17, 2025",9001,Hourly,Invoice for 11/10/2025-11/16/2025,,Python scraper maintenance,'
    ",,,,Maya,Northwind,Maya,,9001,90.00,90.00,USD,90.00,\n"
)
# The same work by day, before Upwork's fee: 2 + 1 hours the week of 10 Nov (90.00), 4 hours the
# week of 17 Nov (180.00); and a day in October, before the history starts.
UPWORK_WEEKLY = (
    '"Date","Contract","Hours","Amount","Payment type"\n'
    '"2025-10-06","Python scraper maintenance (38412)","1.5","67.50",""\n'
    '"2025-11-10","Python scraper maintenance (38412)","2","60.00",""\n'
    '"2025-11-12","Python scraper maintenance (38412)","1","30.00",""\n'
    '"2025-11-18","Python scraper maintenance (38412)","4","180.00",""\n'
)


def test_weekly_summary_beside_the_history_gives_hours_not_income_again():
    from analytics import hourly_rates, load_export

    history = load_export(UPWORK_HISTORY.encode(), "upwork.csv")
    weekly = load_export(UPWORK_WEEKLY.encode(), "weekly.csv")
    assert any("before Upwork's service fee" in w for w in weekly.warnings)
    for order in ([history, weekly], [weekly, history]):
        combined = combine_module.combine(order)
        t = combined.transactions
        income = t[t["kind"].isin(["earning", "refund", "fee", "adjustment"])]
        # counted once, from the history: 90 + 180 paid, 9 + 18 in fees = 243.00 net; plus the
        # October day the history does not show (67.50, before Upwork's fee)
        assert round(income["net"].sum(), 2) == 243.00 + 67.50
        time = t[t["kind"] == "time"]
        assert time["hours"].tolist() == [2.0, 1.0, 4.0]
        assert set(time["client"]) == {"Northwind"}  # the history's client for that contract
        assert (time[["gross", "fee", "net"]] == 0).all().all()
        assert combined.notes == [
            "Upwork Weekly Summary: 3 row(s) from 10 Nov 2025 to 18 Nov 2025 (270.00 USD before "
            "Upwork's fee) are earnings your Upwork transaction history already shows, so only "
            "their 7.00 hours are used, for your hourly rates. 1 row(s) dated outside the "
            "history stay income, before Upwork's fee."
        ]
        rates = hourly_rates(t, by="client")
        # Northwind: 243.00 kept over the 7 hours that earned it = 34.71 an hour
        assert rates.loc["Northwind", "hours"] == 7.0
        assert rates.loc["Northwind", "hourly"] == pytest.approx(243.00 / 7)


def test_weekly_summary_rows_the_history_does_not_pay_stay_income():
    from analytics import load_export

    history = load_export(UPWORK_HISTORY.encode(), "upwork.csv")  # pays 17 and 24 Nov 2025
    weekly = load_export(
        (
            b'"Date","Contract","Hours","Amount","Payment type"\n'
            # Sunday 9 Nov: invoiced Monday 10 Nov, before the history's first payment
            b'"2025-11-09","Python scraper maintenance (38412)","1","30.00",""\n'
            # Sunday 16 Nov: paid Monday 17 Nov, in the history
            b'"2025-11-16","Python scraper maintenance (38412)","2","60.00",""\n'
            # Monday 15 Dec: paid Monday 22 Dec, four weeks after the history's last payment:
            # beyond its dates (work paid within two weeks of it is not paid yet: left out)
            b'"2025-12-15","Python scraper maintenance (38412)","3","90.00",""\n'
        ),
        "weekly.csv",
    )
    t = combine_module.combine([history, weekly]).transactions
    assert t.loc[t["kind"] == "time", "date"].dt.strftime("%d %b").tolist() == ["16 Nov"]
    # the history's 243.00 net, and the 30.00 + 90.00 the history does not show
    income = t[t["kind"].isin(["earning", "fee"])]
    assert round(income["net"].sum(), 2) == 243.00 + 30.00 + 90.00


def test_weekly_summary_between_two_history_downloads_stays_income():
    from analytics import load_export

    november = load_export(UPWORK_HISTORY.encode(), "nov.csv")  # pays 17 and 24 Nov 2025
    january = load_export(
        UPWORK_HISTORY.replace("Nov 24, 2025", "Jan 26, 2026")
        .replace("Nov 17, 2025", "Jan 19, 2026")
        .replace("90", "91")  # other transactions, other ids
        .encode(),
        "jan.csv",
    )
    weekly = load_export(
        b'"Date","Contract","Hours","Amount","Payment type"\n'
        b'"2025-12-10","Python scraper maintenance (38412)","5","150.00",""\n',
        "weekly.csv",
    )
    t = combine_module.combine([november, january, weekly]).transactions
    # 10 Dec is paid on 15 Dec, in neither download: still income
    assert t.loc[t["date"] == "2025-12-10", "kind"].tolist() == ["earning"]


LEGACY_HEADER = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)
WEEKLY_HEADER = '"Date","Contract","Hours","Amount","Payment type"\n'


def test_weekly_summary_matched_to_a_legacy_history_by_its_invoice():
    from analytics import hourly_rates, load_export

    legacy = LEGACY_HEADER + (
        '"Mar 9, 2026",R2,Service Fee,Service Fee for Hourly - Ref ID R1,,,Beta LLC,,,-12.00,,'
        "USD,108.00\n"
        '"Mar 9, 2026",R1,Hourly,Invoice for API work: week 1,,,Beta LLC,,,120.00,,USD,120.00\n'
    )
    weekly = WEEKLY_HEADER + '"2026-03-03","API work (111)","4","120.00",""\n'
    combined = combine_module.combine(
        [load_export(legacy.encode(), "legacy.csv"), load_export(weekly.encode(), "weekly.csv")]
    )
    t = combined.transactions
    # "API work" is the contract of "Invoice for API work: week 1", Beta LLC's
    assert t.loc[t["kind"] == "time", "client"].tolist() == ["Beta LLC"]
    assert hourly_rates(t, by="client").loc["Beta LLC", "hourly"] == pytest.approx(108.00 / 4)


def test_weekly_summary_contracts_the_history_does_not_name_stay_income():
    from analytics import load_export

    legacy = LEGACY_HEADER + (
        '"Mar 9, 2026",R1,Hourly,Invoice for API work: week 10,,,Beta LLC,,,120.00,,USD,120.00\n'
        '"Mar 16, 2026",R2,Hourly,Invoice for API work: week 11,,,Beta LLC,,,60.00,,USD,180.00\n'
    )
    weekly = WEEKLY_HEADER + (
        '"2026-03-03","API work (111)","4","120.00",""\n'  # paid 9 Mar, named in the history
        # paid 16 Mar too, but a contract this history (downloaded for Beta) does not show
        '"2026-03-10","Logo sketches (222)","1","30.00",""\n'
    )
    combined = combine_module.combine(
        [load_export(legacy.encode(), "legacy.csv"), load_export(weekly.encode(), "weekly.csv")]
    )
    t = combined.transactions
    assert t.loc[t["kind"] == "time", "client"].tolist() == ["Beta LLC"]
    # income: the history's 180.00 and the logo sketches' 30.00, which only the summary shows
    assert round(t.loc[t["kind"] == "earning", "gross"].sum(), 2) == 210.00
    assert combined.notes[0].endswith("only their 4.00 hours are used, for your hourly rates.")
    assert combined.notes[1] == (
        "Upwork Weekly Summary: 1 row(s) (30.00 USD, contracts Logo sketches) fall within your "
        "Upwork transaction history's dates, but the history does not name those contracts, so "
        "they stay income. If the history does pay them (under another name), that income "
        "counts twice: leave the Weekly Summary out."
    )


def test_weekly_summary_coverage_is_each_history_files_own_dates_in_any_order():
    from analytics import load_export

    # two downloads of the same name with a gap: January and March 2026
    january = LEGACY_HEADER + (
        '"Jan 12, 2026",R1,Hourly,Invoice for API work: week 2,,,Beta LLC,,,30.00,,USD,30.00\n'
    )
    march = LEGACY_HEADER + (
        '"Mar 9, 2026",R2,Hourly,Invoice for API work: week 10,,,Beta LLC,,,60.00,,USD,90.00\n'
    )
    weekly = WEEKLY_HEADER + (
        '"2026-01-05","API work (111)","1","30.00",""\n'  # paid 12 Jan: in January's file
        '"2026-02-09","API work (111)","5","150.00",""\n'  # paid 16 Feb: in neither
        '"2026-03-02","API work (111)","2","60.00",""\n'  # paid 9 Mar: in March's file
    )
    files = [
        load_export(january.encode(), "transactions.csv"),
        load_export(march.encode(), "transactions.csv"),
        load_export(weekly.encode(), "weekly.csv"),
    ]
    for order in (files, files[::-1], [files[2], files[0], files[1]]):
        t = combine_module.combine(order).transactions
        # 30 + 60 from the histories, and February's 150.00 that no download shows
        assert round(t.loc[t["kind"] == "earning", "gross"].sum(), 2) == 240.00
        assert sorted(t.loc[t["kind"] == "time", "hours"]) == [1.0, 2.0]


def test_a_fixed_price_in_the_weekly_summary_brings_no_zero_hours():
    from analytics import hourly_rates, load_export

    history = UPWORK_HISTORY + (
        '"Nov 20, 2025",9005,Fixed-price,Invoice for Milestone 1,,Logo pack,,,,,Maya,Acme,Maya,'
        ",9005,500.00,500.00,USD,660.00,\n"
    )
    weekly = UPWORK_WEEKLY + '"2025-11-20","Logo pack (777)","0","500.00","Fixed Price"\n'
    t = combine_module.combine(
        [load_export(history.encode(), "h.csv"), load_export(weekly.encode(), "w.csv")]
    ).transactions
    rates = hourly_rates(t)  # by platform
    # Upwork: the history's 243.00 of hourly work over its 7 hours, and the October day the
    # history does not show (67.50 over 1.5 hours); the 500.00 fixed price has no hours and is
    # not earned "in no time" (was (243 + 67.50 + 500) / 8.5)
    assert rates.loc["upwork", "hourly"] == pytest.approx((243.00 + 67.50) / (7 + 1.5))


def test_weekly_summary_alone_stays_income_with_its_warning():
    from analytics import load_export

    weekly = load_export(UPWORK_WEEKLY.encode(), "weekly.csv")
    combined = combine_module.combine([weekly])
    assert weekly.warnings and not combined.notes
    assert round(combined.transactions["gross"].sum(), 2) == 67.50 + 60 + 30 + 180


def test_tracker_hours_beside_a_weekly_summary_are_not_counted_twice():
    from analytics import hourly_rates, load_export

    toggl = (
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
        "End time,Duration,Tags,Amount ()\n"
        "Maya,m@example.com,Northwind,Scraper,,Work,Yes,2025-11-10,09:00:00,2025-11-10,"
        "12:00:00,03:00:00,,\n"
        "Maya,m@example.com,Northwind,Scraper,,Work,Yes,2025-11-18,09:00:00,2025-11-18,"
        "13:00:00,04:00:00,,\n"
    )
    t = combine_module.combine(
        [
            load_export(UPWORK_HISTORY.encode(), "upwork.csv"),
            load_export(UPWORK_WEEKLY.encode(), "weekly.csv"),
            load_export(toggl.encode(), "toggl.csv"),
        ]
    ).transactions
    rates = hourly_rates(t, by="client")
    # Northwind's 7 hours are in the summary and in Toggl: counted once, from the summary
    assert rates.loc["Northwind", "hours"] == 7.0
    assert rates.loc["Northwind", "hourly"] == pytest.approx(243.00 / 7)
    assert rates.loc["Northwind", "hours_source"] == "export"
    assert (
        "7.00 tracked hours are for clients whose payments already come with their hours"
        in " ".join(rates.attrs["messages"])
    )


def test_the_same_transaction_with_other_columns_or_an_edited_description_counts_once():
    from analytics import load_export

    first = load_export(UPWORK_HISTORY.encode(), "upwork.csv")
    # the same history downloaded again, one description edited: other txn_ids, same records
    edited = UPWORK_HISTORY.replace(
        "Invoice for 11/10/2025-11/16/2025", "Invoice for 11/10/2025-11/16/2025 (week 46)"
    )
    again = load_export(edited.encode(), "upwork-again.csv")
    assert set(first.transactions["txn_id"]) != set(again.transactions["txn_id"])
    combined = combine_module.combine([first, again])
    t = combined.transactions
    # 90 + 180 earned, 9 + 18 in fees: once
    assert round(t.loc[t["kind"] == "earning", "gross"].sum(), 2) == 270.00
    assert combined.duplicates == [0, 4]
    # the rows left out name the file that counts them
    assert combined.left_out[1]["counted_from"].tolist() == ["upwork.csv"] * 4
    # a row the later file genuinely repeats is kept apart by its occurrence: the first file
    # has one 9.00 fee of ref 9001 on 17 Nov, a file with two of them adds one
    twice = UPWORK_HISTORY + (
        '"Nov 17, 2025",9002,Service Fee,Service Fee for Hourly - Ref ID 9001,10% service fee,'
        "Python scraper maintenance,,,,,Maya,Northwind,Maya,,9001,-9.00,-9.00,USD,72.00,\n"
    )
    more = combine_module.combine([first, load_export(twice.encode(), "twice.csv")])
    assert more.duplicates == [0, 4]
    assert round(more.transactions["fee"].sum(), 2) == 9.00 + 18.00 + 9.00


def test_weekly_summary_beside_a_history_that_names_no_contracts_goes_by_payday():
    from analytics import load_export

    # a legacy history whose hourly invoices name only the week, and one client each payday
    legacy = LEGACY_HEADER + (
        '"Jun 9, 2025",R1,Hourly,Invoice for 06/02/2025-06/08/2025,,,Acme Corp,,,300.00,,USD,'
        "300.00\n"
        '"Jun 16, 2025",R2,Hourly,Invoice for 06/09/2025-06/15/2025,,,Acme Corp,,,150.00,,USD,'
        "450.00\n"
    )
    weekly = WEEKLY_HEADER + (
        '"2025-06-03","Site upkeep (123)","6","180.00",""\n'
        '"2025-06-05","Site upkeep (123)","4","120.00",""\n'
        '"2025-06-10","Site upkeep (123)","5","150.00",""\n'
    )
    combined = combine_module.combine(
        [load_export(legacy.encode(), "legacy.csv"), load_export(weekly.encode(), "weekly.csv")]
    )
    t = combined.transactions
    # paid once, by the history: 300 + 150; the 15 hours are Acme Corp's
    assert round(t.loc[t["kind"] == "earning", "gross"].sum(), 2) == 450.00
    assert t.loc[t["kind"] == "time", "client"].tolist() == ["Acme Corp"] * 3
    assert t.loc[t["kind"] == "time", "hours"].sum() == 15.0


def test_payments_from_upwork_with_no_withdrawal_to_match_get_a_note():
    from analytics import load_export

    weekly = load_export((WEEKLY_HEADER + '"2026-01-05","API work (1)","5","500.00",""\n').encode())
    paypal = PAYPAL_HEADER + (
        '"01/14/2026","09:00:00","PST","Upwork Escrow Inc.","General Payment","Completed","USD",'
        '"450.00","0.00","450.00","billing@upwork.com","me@example.com","P9","Credit"\n'
    )
    combined = combine_module.combine([weekly, load_export(paypal.encode(), "paypal.csv")])
    assert combined.notes == [
        "1 PayPal payment(s) from Upwork (450.00 USD) may be the same money as your Upwork "
        "earnings, but your Upwork files show no withdrawals to match them with, so they count "
        "as income too. Import your Upwork transaction history (it shows the withdrawals) so "
        "GigLens can count that money once."
    ]


def test_weekly_summary_by_payday_beside_a_history_that_names_some_contracts():
    from analytics import load_export

    legacy = LEGACY_HEADER + (
        '"Jun 9, 2025",R1,Hourly,Invoice for 06/02/2025-06/08/2025,,,Acme Corp,,,300.00,,USD,'
        "300.00\n"
        '"Jun 10, 2025",R2,Fixed Price,Invoice for Logo design: Milestone 1,,,Beta Ltd,,,200.00,,'
        "USD,500.00\n"
    )
    weekly = WEEKLY_HEADER + (
        '"2025-06-03","Site upkeep (123)","6","180.00",""\n'
        '"2025-06-05","Site upkeep (123)","4","120.00",""\n'
    )
    t = combine_module.combine(
        [load_export(legacy.encode(), "legacy.csv"), load_export(weekly.encode(), "weekly.csv")]
    ).transactions
    # the Logo contract is named; the week's invoice is not, and Acme alone was paid that
    # Monday: the 10 hours are Acme's and the 300 counts once
    assert round(t.loc[t["kind"] == "earning", "gross"].sum(), 2) == 500.00
    assert t.loc[t["kind"] == "time", "client"].tolist() == ["Acme Corp", "Acme Corp"]


def test_an_arrival_dated_the_day_before_its_withdrawal_is_matched_and_a_deposit_is_not():
    """Exports' time zones differ: PayPal's 500.00 from Upwork on Jan 9 at 23:00 is the Jan 10
    withdrawal arriving (a transfer). An Upwork transfer *into* Upwork (+300.00) is no
    withdrawal: the PayPal 300.00 from Upwork stays income."""
    from test_metrics import table

    from analytics.combine import own_account_transfers

    t = table(
        ("2026-01-10 12:00", "upwork", "transfer", -500.0, 0.0),
        ("2026-01-12 12:00", "upwork", "transfer", 300.0, 0.0),
        ("2026-01-02 12:00", "upwork", "earning", 500.0, 0.0),
        ("2026-01-09 23:00", "paypal", "earning", 500.0, 0.0, "USD", None, "Upwork Escrow Inc."),
        ("2026-01-13 10:00", "paypal", "earning", 300.0, 0.0, "USD", None, "Upwork Escrow Inc."),
    )
    out, _notes = own_account_transfers(t)
    paypal = out[out["platform"] == "paypal"]
    assert list(paypal["kind"].astype(str)) == ["transfer", "earning"]


def test_a_row_counts_as_duplicate_only_when_all_its_transactions_are():
    from analytics.combine import _left_out_rows

    # row 2 gave two transactions, one of them a duplicate; row 3 gave one, a duplicate; row 4
    # two, both duplicates: rows 3 and 4 are left out, row 4 listed once
    t = table(
        ("2026-01-05", "upwork", "earning", 100.0, 10.0, "USD"),
        ("2026-01-05", "upwork", "fee", 0.0, 2.0, "USD"),
        ("2026-01-06", "upwork", "earning", 50.0, 5.0, "USD"),
        ("2026-01-07", "upwork", "earning", 70.0, 7.0, "USD"),
        ("2026-01-07", "upwork", "fee", 0.0, 1.0, "USD"),
    )
    rows = np.array([2, 2, 3, 4, 4])
    left = _left_out_rows(t, rows, np.array([True, False, True, True, True]))
    assert left["row"].tolist() == [3, 4]
    assert left["gross"].tolist() == [50.0, 70.0]


def test_the_rows_left_out_as_duplicates_name_the_file_that_counts_them():
    # JAN_FEB's first two Jan 9 rows are jan.csv's (file rows 2 and 3 of jan_feb.csv)
    from analytics import load_export

    combined = combine_module.combine(
        [load_export(JAN.encode(), "jan.csv"), load_export(JAN_FEB.encode(), "jan_feb.csv")]
    )
    first, second = combined.left_out
    assert first.empty
    assert second["row"].tolist() == [2, 3]
    assert second["counted_from"].tolist() == ["jan.csv", "jan.csv"]
    assert second["gross"].tolist() == [50.0, 50.0]


def test_the_same_reference_with_another_fee_is_another_record():
    """Two downloads of Fiverr order FO1 (descriptions differ, so the ids differ): with the same
    amounts they are one record; with another fee (12.00 for 10.00) they are two."""
    first = HEADER + "2026-01-05,fiverr,earning,100.00,10.00,90.00,USD,,Acme,Logo,FO1\n"
    same = HEADER + "2026-01-05,fiverr,earning,100.00,10.00,90.00,USD,,Acme,Logo v2,FO1\n"
    other = HEADER + "2026-01-05,fiverr,earning,100.00,12.00,88.00,USD,,Acme,Logo v2,FO1\n"
    a = imports.parse(first.encode(), "a.csv")
    for second, kept in ((same, 1), (other, 2)):
        b = imports.parse(second.encode(), "b.csv")
        data, _items, _notes = imports.combine([a, b])
        assert len(data) == kept


def test_a_stripe_transaction_dated_in_utc_and_in_local_time_counts_once():
    # The Dashboard export dates txn_A1 at 07:30 UTC on 2 March; a Balance change report run
    # in a US time zone dates it 23:30 on 1 March. Stripe's ids are unique: one sale of 100.00
    # (and 50.00 for txn_A2, the same day in both), 150.00 in all, not 250.00.
    from analytics import load_export

    dashboard = load_export(
        b"id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        b"txn_A1,charge,ch_1,100.00,3.20,96.80,usd,2026-03-02 07:30,2026-03-04 00:00,Job A\n"
        b"txn_A2,charge,ch_2,50.00,1.75,48.25,usd,2026-03-05 12:00,2026-03-07 00:00,Job B\n",
        "balance.csv",
    )
    report = load_export(
        b'"balance_transaction_id","created_utc","created","available_on_utc","available_on",'
        b'"currency","gross","fee","net","reporting_category","description"\n'
        b'"txn_A1","2026-03-02 07:30:00","2026-03-01 23:30:00","2026-03-04 00:00:00",'
        b'"2026-03-03 16:00:00","usd","100.00","3.20","96.80","charge","Job A"\n'
        b'"txn_A2","2026-03-05 12:00:00","2026-03-05 04:00:00","2026-03-07 00:00:00",'
        b'"2026-03-06 16:00:00","usd","50.00","1.75","48.25","charge","Job B"\n',
        "balance_change.csv",
    )
    both = combine_module.combine([dashboard, report]).transactions
    assert both["gross"].sum() == pytest.approx(150.00)
    assert sorted(both["reference"]) == ["txn_A1", "txn_A2"]


def test_a_legacy_invoice_stating_its_hours_still_names_only_its_week():
    # "Invoice for 05/27/2024-06/02/2024 - 14:20 hrs @ $18.00/hr" names a week and its hours,
    # not a contract: the Weekly Summary's rows for those weeks are the history's money again
    # (258.00 + 90.00 = 348.00, not twice) and give no hours of their own (14:20 + 5:00 =
    # 19 1/3 h, from the invoices)
    from analytics import load_export
    from analytics.hours import hour_records

    history = load_export(
        b"Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        b"Amount in local currency,Currency,Balance\n"
        b'"Jun 3, 2024",701123340,Hourly,Invoice for 05/27/2024-06/02/2024 - 14:20 hrs @ '
        b"$18.00/hr,,Jane Doe,Lowcoder,Lowcoder,,258.00,258.00,USD,258.00\n"
        b'"Jun 10, 2024",701123342,Hourly,Invoice for 06/03/2024-06/09/2024 - 5:00 hrs @ '
        b"$18.00/hr,,Jane Doe,Lowcoder,Lowcoder,,90.00,90.00,USD,348.00\n",
        "statements.csv",
    )
    weekly = load_export(
        b'"Date","Contract","Hours","Amount","Payment type"\n'
        b'"2024-05-28","Bootstrap5 Expert (34848691)","8","144",""\n'
        b'"2024-05-30","Bootstrap5 Expert (34848691)","6.33333","114",""\n'
        b'"2024-06-04","Bootstrap5 Expert (34848691)","5","90",""\n',
        "weekly.csv",
    )
    both = combine_module.combine([history, weekly]).transactions
    assert both.loc[both["kind"] == "earning", "gross"].sum() == pytest.approx(348.00)
    assert hour_records(both).records["hours"].sum() == pytest.approx(14 + 20 / 60 + 5)


def test_a_stripe_payments_export_beside_the_balance_export_counts_each_payment_once():
    # The Payments export names the payment by its charge (ch_1), the balance export by its
    # balance transaction (txn_1, Source ch_1): 100.00 - 3.20 = 96.80 of income, once. A
    # payment of the Payments export outside the balance export's dates (10 Feb) still counts.
    from analytics import load_export

    balance = load_export(
        b"id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        b"txn_1,charge,ch_1,100.00,3.20,96.80,usd,2026-01-05 10:00,2026-01-07 00:00,Invoice 1\n"
        b"txn_2,charge,ch_2,40.00,1.46,38.54,usd,2026-01-20 10:00,2026-01-22 00:00,Invoice 2\n",
        "balance.csv",
    )
    payments = load_export(
        b"id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
        b"Converted Amount Refunded,Converted Currency,Description,Fee,Refunded date (UTC),"
        b"Status,Taxes On Fee\n"
        b"ch_1,2026-01-05 10:00:00,100.00,0.00,usd,true,100.00,0.00,usd,Invoice 1,3.20,,Paid,0\n"
        b"ch_3,2026-02-10 10:00:00,50.00,0.00,usd,true,50.00,0.00,usd,Invoice 3,1.75,,Paid,0\n",
        "unified_payments.csv",
    )
    both = combine_module.combine([balance, payments])
    income = both.transactions[both.transactions["kind"] == "earning"]
    assert income["net"].sum() == pytest.approx(96.80 + 38.54 + 48.25)  # 50.00 - 1.75
    assert both.duplicates == [0, 1]
    assert any("counted from there, once" in n for n in both.notes)


def test_a_cash_app_paycheck_from_uber_beside_the_uber_report_is_the_payout_arriving():
    # Uber paid 15.00 of earnings out on 9 Mar; Cash App shows the 15.00 paycheck the next day:
    # income 15.00, once (the deposit is a transfer into the account)
    from analytics import load_export

    uber = load_export(
        b"transaction UUID,Trip UUID,Description,vs reporting,Paid to you,"
        b"Paid to you : Your earnings,Paid to you:Your earnings:Service fee,"
        b"Paid to you:Trip balance:Payouts:Transferred To Bank Account\n"
        b"u1,t1,trip completed order,2026-03-02 10:15:00.123 -0600 CST,15.00,15.00,-5.00,0\n"
        b"u5,,so.payout,2026-03-09 04:00:00.000 -0600 CST,-15.00,0,0,-15.00\n",
        "payments_order.csv",
    )
    cash = load_export(
        b"Date,Transaction ID,Transaction Type,Currency,Amount,Fee,Net Amount,Asset Type,"
        b"Asset Price,Asset Amount,Status,Notes,Name of sender/receiver,Account\n"
        b"2026-03-10 08:00:00 CST,c1,Paycheck Deposit,USD,$15.00,$0.00,$15.00,,,,COMPLETE,,"
        b"Uber Technologies,Your Cash\n",
        "cash_app_report.csv",
    )
    t = combine_module.combine([uber, cash]).transactions
    assert t.loc[t["kind"] == "earning", "net"].sum() == pytest.approx(15.00)
    assert t.loc[t["reference"] == "c1", "kind"].tolist() == ["transfer"]


def test_a_stripe_payout_in_the_payouts_report_and_the_balance_export_counts_once():
    # txn_14 is the 50.00 payout (fee 0.75) in both: one transfer of -50.00 and one fee
    from analytics import load_export

    balance = load_export(
        b"id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        b"txn_14,payout,po_2,-50.00,0.75,-50.75,usd,2026-03-02 09:00,2026-03-02 09:00,"
        b"STRIPE PAYOUT (instant)\n",
        "balance.csv",
    )
    report = load_export(
        b"balance_transaction_id,currency,description,effective_at,fee,gross,net,"
        b"payout_expected_arrival_date,payout_id,payout_status,reporting_category\n"
        b"txn_14,usd,STRIPE PAYOUT (instant),2026-03-02 09:00:00,0.75,50.75,50.00,"
        b"2026-03-02,po_2,paid,payout\n",
        "payouts.csv",
    )
    t = combine_module.combine([balance, report]).transactions
    assert t.loc[t["kind"] == "transfer", "gross"].sum() == pytest.approx(-50.00)
    assert t.loc[t["kind"] == "fee", "fee"].sum() == pytest.approx(0.75)


def test_the_same_listing_fee_in_two_months_statements_is_two_charges():
    # Etsy renews a listing each month with the same row but its date: 0.20 + 0.20 = 0.40
    # (only Stripe's and Uber's ids stand for one transaction whatever the day)
    from analytics import load_export

    header = "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\n"
    row = '"{}",Fee,Renew sold: Listing fee,Listing #1234567890,USD,--,-$0.20,-$0.20,--\n'
    july = load_export((header + row.format("31 July, 2026")).encode(), "etsy_statement_2026_7.csv")
    august = load_export(
        (header + row.format("31 August, 2026")).encode(), "etsy_statement_2026_8.csv"
    )
    both = combine_module.combine([july, august])
    assert both.duplicates == [0, 0]
    assert both.transactions["fee"].sum() == pytest.approx(0.40)


def test_a_payment_pending_in_one_download_and_denied_in_a_later_one_is_not_income():
    # first: 500.00 (fee 17.75) received, still Pending: not received yet, skipped; later:
    # the same 2AB Denied. Income 0 in either order.
    from analytics import load_export

    header = '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID"\n'
    row = '"3/20/2024","10:00:00","PST","Eps Co","General Payment","{}","USD","500.00","-17.75","482.25","2AB"\n'
    first = load_export((header + row.format("Pending")).encode(), "first.csv")
    later = load_export((header + row.format("Denied")).encode(), "later.csv")
    assert first.transactions.empty and list(first.skipped["row"]) == [2]
    for order in ([first, later], [later, first]):
        assert combine_module.combine(order).transactions.empty


def test_a_refund_pending_in_one_download_and_cancelled_in_a_later_one_is_not_counted():
    # first: Eps Co's 500.00 (fee 17.75) and a 100.00 refund to them, Pending (imported as
    # shown, with a warning); later: the refund Cancelled. Income 500.00 - 17.75 = 482.25,
    # not 382.25, in either order, with a note naming the later file.
    from analytics import load_export

    header = '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID"\n'
    paid = '"3/20/2024","10:00:00","PST","Eps Co","General Payment","Completed","USD","500.00","-17.75","482.25","2AA"\n'
    refund = '"3/22/2024","10:00:00","PST","Eps Co","Payment Refund","{}","USD","-100.00","0.00","-100.00","2AB"\n'
    first = load_export((header + paid + refund.format("Pending")).encode(), "first.csv")
    later = load_export((header + refund.format("Canceled")).encode(), "later.csv")
    assert any("1 payment(s) are still Pending" in w for w in first.warnings)
    for order in ([first, later], [later, first]):
        both = combine_module.combine(order)
        assert round(both.transactions["net"].sum(), 2) == 482.25
        assert any("never completed" in n and "later.csv" in n for n in both.notes)


def test_overlapping_stripe_payments_exports_count_a_refund_once_at_its_latest():
    # ch_2 (50.00, fee 1.75): 20.00 refunded by the January export, 30.00 in all by the
    # January-March one. Income: 50.00 - 1.75 - 30.00 = 18.25 (not - 20.00 - 30.00), in either
    # order of the files.
    from analytics import load_export

    header = (
        b"id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
        b"Converted Amount Refunded,Converted Currency,Description,Fee,Refunded date (UTC),"
        b"Status,Taxes On Fee\n"
    )
    jan = load_export(
        header + b"ch_2,2026-01-20 09:30:00,50.00,20.00,usd,true,50.00,20.00,usd,Invoice 2,"
        b"1.75,2026-01-25 08:00:00,Paid,0.00\n",
        "payments_jan.csv",
    )
    jan_mar = load_export(
        header + b"ch_2,2026-01-20 09:30:00,50.00,30.00,usd,true,50.00,30.00,usd,Invoice 2,"
        b"1.75,2026-03-03 08:00:00,Paid,0.00\n",
        "payments_jan_mar.csv",
    )
    for files in ([jan, jan_mar], [jan_mar, jan]):
        t = combine_module.combine(files).transactions
        assert t["net"].sum() == pytest.approx(18.25)
        assert t.loc[t["kind"] == "refund", "gross"].tolist() == [-30.00]


def test_a_clickworker_payout_to_paypal_is_counted_once():
    # Clickworker's earnings in the GigLens template (28.22 EUR, paid out to PayPal on 17 Jan),
    # and the German PayPal download's "Zahlung erhalten" from clickworker GmbH that day: the
    # payout arriving, a transfer - the income is the template's 28.22, not 56.44
    template = (
        HEADER + "2025-01-14,clickworker,earning,28.22,0.00,28.22,EUR,3.1,clickworker GmbH,"
        "Jobs,C1\n"
        "2025-01-17,clickworker,transfer,-28.22,0.00,-28.22,EUR,,,Auszahlung an PayPal,C2\n"
    )
    paypal = (
        '"Datum","Uhrzeit","Zeitzone","Name","Typ","Status","Währung","Brutto","Gebühr",'
        '"Netto","Transaktionscode"\n'
        '"17.01.2025","10:00:00","MEZ","clickworker GmbH","Zahlung erhalten","Abgeschlossen",'
        '"EUR","28,22","0,00","28,22","P9"\n'
    )
    first = imports.parse(template.encode(), "clickworker.csv")
    second = imports.parse(paypal.encode("utf-8"), "Download.CSV")
    assert first.ok and second.ok, (first.error, second.error)
    data, _, notes = imports.combine([first, second])
    assert _income(data) == 28.22
    assert data.set_index("reference")["kind"].astype(str)["P9"] == "transfer"
    assert any("clickworker" in n.lower() for n in notes)


def test_payouts_from_micro_task_and_sales_platforms_in_paypal_take_their_stream():
    """Without Prolific's or Gumroad's own earnings imported, their payouts into PayPal are the
    income - of their stream: Prolific 12.50 is micro-task income, Gumroad's 20.00 sales, the
    direct client's 97.00 stays freelance, and so does a shop with "Etsy" in its name (Etsy
    pays out to banks)."""
    paypal = (
        HEADER + "2025-01-14,paypal,earning,12.50,0.00,12.50,GBP,,Prolific Academic Ltd,Payout,P1\n"
        "2025-01-15,paypal,earning,100.00,3.00,97.00,GBP,,Acme,Invoice,P2\n"
        "2025-02-01,paypal,earning,20.00,0.00,20.00,GBP,,Gumroad Inc.,Payout,P3\n"
        "2025-02-02,paypal,earning,30.00,1.00,29.00,GBP,,Etsy-Inspired Prints,Order,P4\n"
        "2025-02-03,paypal,transfer,-50.00,0.00,-50.00,GBP,,,To bank,P5\n"
    )
    data, _, notes = imports.combine([imports.parse(paypal.encode(), "paypal.csv")])
    streams = data.set_index("reference")["stream"].astype(str)
    assert streams.to_dict() == {
        "P1": "micro",
        "P2": "freelance",
        "P3": "sales",
        "P4": "freelance",
        "P5": "freelance",
    }
    net = data[data["kind"] == "earning"].groupby(data["stream"].astype(str), observed=True)["net"]
    assert net.sum().round(2).to_dict() == {"freelance": 126.0, "micro": 12.5, "sales": 20.0}
    assert "1 payment(s) from Prolific in PayPal count as Prolific's micro-task income" in " ".join(
        notes
    )
    assert "1 payment(s) from Gumroad in PayPal count as Gumroad's sales income" in " ".join(notes)
    # with Prolific's own earnings imported (the template), a payment its payouts do not
    # explain keeps the account's stream
    own = HEADER + "2025-01-10,prolific,earning,5.00,0.00,5.00,GBP,,Study,Survey,R1\n"
    data, _, _ = imports.combine(
        [imports.parse(own.encode(), "prolific.csv"), imports.parse(paypal.encode(), "pp.csv")]
    )
    assert data.set_index("reference")["stream"].astype(str)["P1"] == "freelance"


def test_payouts_into_payoneer_and_cash_app_take_the_payers_stream_too():
    """The same holds in Payoneer and Cash App: Clickworker's 8.40 into Payoneer and Uber's
    15.00 into Cash App are micro-task income; the Payoneer client's 200.00 stays freelance."""
    rows = (
        HEADER + "2025-03-01,payoneer,earning,8.40,0.00,8.40,USD,,Clickworker GmbH,Payout,Y1\n"
        "2025-03-02,payoneer,earning,200.00,0.00,200.00,USD,,Acme,Invoice 7,Y2\n"
        "2025-03-03,cashapp,earning,15.00,0.00,15.00,USD,,Uber,Instant pay,C1\n"
    )
    data, _, notes = imports.combine([imports.parse(rows.encode(), "accounts.csv")])
    streams = data.set_index("reference")["stream"].astype(str)
    assert streams.to_dict() == {"Y1": "micro", "Y2": "freelance", "C1": "micro"}
    assert (
        "1 payment(s) from Clickworker in Payoneer count as Clickworker's micro-task income"
        in " ".join(notes)
    )
    assert "1 payment(s) from Uber in Cash App count as Uber's micro-task income" in " ".join(notes)


# --- edges found by a mutation audit ---


UBER = (
    b"transaction UUID,Trip UUID,Description,vs reporting,Paid to you,"
    b"Paid to you : Your earnings,Paid to you:Your earnings:Service fee,"
    b"Paid to you:Trip balance:Payouts:Transferred To Bank Account\n"
    b"u1,t1,trip completed order,2026-03-02 10:15:00.123 -0600 CST,15.00,15.00,-5.00,0\n"
    b"u5,,so.payout,2026-03-09 04:00:00.000 -0600 CST,-15.00,0,0,-15.00\n"
)
CASH_HEAD = (
    b"Date,Transaction ID,Transaction Type,Currency,Amount,Fee,Net Amount,Asset Type,"
    b"Asset Price,Asset Amount,Status,Notes,Name of sender/receiver,Account\n"
)


def test_an_arrival_two_days_before_the_withdrawal_is_not_it():
    t = table(
        ("2026-01-02 12:00", "upwork", "earning", 500.0, 0.0),
        ("2026-01-10 12:00", "upwork", "transfer", -500.0, 0.0),
        ("2026-01-08 12:00", "paypal", "earning", 500.0, 0.0, "USD", None, "Upwork Escrow Inc."),
    )
    out, _ = own_account_transfers(t)
    assert out.loc[out["platform"] == "paypal", "kind"].astype(str).tolist() == ["earning"]


def test_only_a_withdrawal_explains_a_payout_not_a_refund():
    t = table(
        ("2026-01-02 12:00", "upwork", "earning", 300.0, 0.0),
        ("2026-01-05 12:00", "upwork", "refund", -100.0, 0.0),
        ("2026-01-06 12:00", "upwork", "transfer", -200.0, 0.0),
        ("2026-01-07 12:00", "paypal", "earning", 100.0, 0.0, "USD", None, "Upwork Escrow Inc."),
    )
    out, _ = own_account_transfers(t)
    assert out.loc[out["platform"] == "paypal", "kind"].astype(str).tolist() == ["earning"]


def _uber_and_cash(cash_rows: bytes):
    from analytics import load_export

    uber = load_export(UBER, "payments_order.csv")
    cash = load_export(CASH_HEAD + cash_rows, "cash_app_report.csv")
    return combine_module.combine([uber, cash]).transactions


def test_a_paycheck_in_a_cash_app_file_with_other_rows_is_the_payout_arriving():
    t = _uber_and_cash(
        b"2026-03-10 08:00:00 CST,c1,Paycheck,USD,$15.00,$0.00,$15.00,,,,COMPLETE,,"
        b"Uber Technologies,Your Cash\n"
        b"2026-03-11 08:00:00 CST,c2,Cash Out,USD,-$15.00,$0.00,-$15.00,,,,COMPLETE,,,Your Cash\n"
    )
    assert t.loc[t["reference"] == "c1", "kind"].tolist() == ["transfer"]
    assert t.loc[t["kind"] == "earning", "net"].sum() == pytest.approx(15.00)


def test_a_direct_deposit_is_the_payout_arriving_too():
    t = _uber_and_cash(
        b"2026-03-10 08:00:00 CST,c1,Direct Deposit,USD,$15.00,$0.00,$15.00,,,,COMPLETE,,"
        b"Uber Technologies,Your Cash\n"
    )
    assert t.loc[t["reference"] == "c1", "kind"].tolist() == ["transfer"]
    assert t.loc[t["kind"] == "earning", "net"].sum() == pytest.approx(15.00)


def test_no_note_when_the_payment_already_has_the_payers_stream():
    t = table(
        ("2025-01-14", "paypal", "earning", 12.5, 0.0, "GBP", None, "Prolific Academic Ltd"),
        ("2025-01-15", "paypal", "earning", 7.5, 0.0, "GBP", None, "Prolific Academic Ltd"),
    )
    t["stream"] = ["micro", "freelance"]  # the first already micro (the user's choice)
    out, notes = payer_streams(t)
    assert out["stream"].astype(str).tolist() == ["micro", "micro"]
    assert out["platform"].astype(str).tolist() == ["prolific", "prolific"]  # both booked so
    assert notes == ["1 payment(s) from Prolific in PayPal count as Prolific's micro-task income."]


def test_the_payer_note_counts_payments_not_their_conversion_rows():
    # two Prolific payments in PayPal, each with the cost of converting it (a fee row naming
    # Prolific too): 2 payments, not 4
    t = table(
        ("2025-01-14", "paypal", "earning", 12.5, 0.0, "GBP", None, "Prolific Academic Ltd"),
        ("2025-01-14", "paypal", "fee", 0.0, 0.31, "GBP", None, "Prolific Academic Ltd"),
        ("2025-01-15", "paypal", "earning", 7.5, 0.0, "GBP", None, "Prolific Academic Ltd"),
        ("2025-01-15", "paypal", "fee", 0.0, 0.19, "GBP", None, "Prolific Academic Ltd"),
    )
    out, notes = payer_streams(t)
    assert notes == [
        "2 payment(s) from Prolific in PayPal, with 2 fee or conversion row(s) of theirs, count "
        "as Prolific's micro-task income."
    ]
    # under Prolific with what converting them cost: its net is what arrived (20.00 - 0.50)
    assert out["platform"].astype(str).tolist() == ["prolific"] * 4
    assert round(out["net"].sum(), 2) == 19.50
    assert out["stream"].astype(str).tolist() == ["micro"] * 4


def test_the_conversion_cost_of_a_clickworker_payout_is_a_micro_task_cost():
    """Clickworker's export imported: its 16.96 payout into PayPal is a transfer, and PayPal's
    0.69 for converting it into rupees is a cost of micro-task money, not of freelancing. A
    direct client's conversion cost (0.40) stays freelance."""
    t = table(
        ("2025-04-07", "clickworker", "earning", 16.96, 0.0, "USD", None, "clickworker GmbH"),
        ("2025-04-10", "paypal", "transfer", 16.96, 0.0, "USD", None, "clickworker GmbH"),
        ("2025-04-10", "paypal", "fee", 0.0, 0.69, "USD", None, "clickworker GmbH"),
        ("2025-04-11", "paypal", "earning", 10.00, 0.0, "USD", None, "Acme"),
        ("2025-04-11", "paypal", "fee", 0.0, 0.40, "USD", None, "Acme"),
    )
    out, notes = payer_streams(t)
    assert out["stream"].astype(str).tolist() == [
        "micro",
        "freelance",
        "micro",
        "freelance",
        "freelance",
    ]
    assert notes == [
        "1 fee or conversion row(s) beside payouts from Clickworker in PayPal count as "
        "micro-task costs, the stream of Clickworker."
    ]
    # without a payout from Clickworker in PayPal (a client named so), its fee keeps the
    # account's stream
    alone = t.drop(index=[1]).reset_index(drop=True)
    out, notes = payer_streams(alone)
    assert out["stream"].astype(str).tolist()[1] == "freelance" and notes == []


def test_a_transfer_keeps_its_stream():
    t = table(
        ("2025-01-14", "paypal", "earning", 12.5, 0.0, "GBP", None, "Prolific Academic Ltd"),
        ("2025-01-20", "paypal", "transfer", -12.5, 0.0, "GBP", None, "Prolific Academic Ltd"),
    )
    out, notes = payer_streams(t)
    assert out["stream"].astype(str).tolist() == ["micro", "freelance"]
    assert notes[0].startswith("1 payment(s) from Prolific")


def test_a_withdrawal_after_the_last_earning_does_not_widen_the_history():
    from analytics import load_export

    history = load_export(
        (
            UPWORK_HISTORY
            + '"Dec 3, 2025",9005,Withdrawal,Withdrawal,,,,,,,Maya,,Maya,,9005,-243.00,-243.00,'
            "USD,0.00,PayPal\n"
        ).encode(),
        "upwork.csv",
    )
    weekly = load_export(
        b'"Date","Contract","Hours","Amount","Payment type"\n'
        # Monday 24 Nov: paid Monday 1 Dec, after the history's last payment (24 Nov)
        b'"2025-11-24","Python scraper maintenance (38412)","3","90.00",""\n',
        "weekly.csv",
    )
    t = combine_module.combine([history, weekly]).transactions
    weekly_rows = t[t["source"].astype(str) == "weekly.csv"]
    assert weekly_rows["kind"].astype(str).tolist() == ["earning"]  # 90.00 stays income
    assert t.loc[t["kind"] == "transfer", "gross"].tolist() == [-243.00]


def test_a_payment_dated_the_day_after_the_balance_export_counts_once():
    from analytics import load_export

    balance = load_export(
        b"id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        b"txn_1,charge,ch_1,100.00,3.20,96.80,usd,2026-01-05 10:00,2026-01-07 00:00,Invoice 1\n"
        b"txn_2,charge,ch_2,40.00,1.46,38.54,usd,2026-01-20 22:00,2026-01-22 00:00,Invoice 2\n",
        "balance.csv",
    )
    payments = load_export(
        b"id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
        b"Converted Amount Refunded,Converted Currency,Description,Fee,Refunded date (UTC),"
        b"Status,Taxes On Fee\n"
        b"ch_2,2026-01-21 04:00:00,40.00,0.00,usd,true,40.00,0.00,usd,Invoice 2,1.46,,Paid,0\n",
        "unified_payments.csv",
    )
    both = combine_module.combine([balance, payments])
    income = both.transactions[both.transactions["kind"] == "earning"]
    assert income["net"].sum() == pytest.approx(96.80 + 38.54)
    assert both.duplicates == [0, 1]


def test_the_same_reference_with_a_few_cents_more_is_another_record():
    first = HEADER + "2026-01-05,fiverr,earning,100.00,10.00,90.00,USD,,Acme,Logo,FO1\n"
    other = HEADER + "2026-01-05,fiverr,earning,100.04,10.00,90.04,USD,,Acme,Logo v2,FO1\n"
    data, _items, _notes = imports.combine(
        [imports.parse(first.encode(), "a.csv"), imports.parse(other.encode(), "b.csv")]
    )
    assert len(data) == 2
    assert round(data["net"].sum(), 2) == 180.04  # 90.00 + 90.04


def test_gumroad_refunds_in_the_sales_export_and_a_payout_csv_count_once():
    """The sales export has a fully refunded Ebook (10.00) and a lost dispute (1,250.00),
    dated on the purchase day with fee 0; the payout CSV has the same refunds on their own
    days with Gumroad's fee given back (-1.20, -125.30). Counted once, from the payout CSV:
    refunds -1,260.00 gross, -126.50 fee, -1,133.50 net. A partial refund the payout CSV does
    not hold (s3, 8.00) stays from the sales export."""
    from test_import_gumroad import SALES_HEADER, sale

    from analytics import load_export

    sales = "\n".join(
        [
            ",".join(SALES_HEADER),
            sale("s1", "Ebook", "2026-01-05", "10.0", "1.2", "8.8", **{"Fully Refunded?": "1"}),
            sale("s2", "Course", "2026-01-31", "1250.0", "125.3", "1124.7", **{"Disputed?": "1"}),
            sale(
                "s3",
                "Guide",
                "2026-02-01",
                "100.0",
                "11.0",
                "89.0",
                **{"Partial Refund ($)": "8.0"},
            ),
        ]
    )
    payout = (
        "Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),Shipping ($),"
        "Sale Price ($),Gumroad Fees ($),Net Total ($)\n"
        "Sale,2026-01-05,s1,Ebook,Ann,ann@example.com,0.0,0.0,10.0,1.2,8.8\n"
        "Sale,2026-01-31,s2,Course,Ann,ann@example.com,0.0,0.0,1250.0,125.3,1124.7\n"
        "Full Refund,2026-02-02,s1,Ebook,Ann,ann@example.com,0.0,0.0,-10.0,-1.2,-8.8\n"
        "Chargeback,2026-02-03,s2,Course,Ann,ann@example.com,0.0,0.0,-1250.0,-125.3,-1124.7\n"
    )
    for order in ((sales, payout), (payout, sales)):
        results = [
            load_export(text.encode(), "sales.csv" if text is sales else "payout.csv")
            for text in order
        ]
        combined = combine_module.combine(results)
        t = combined.transactions
        refunds = t[t["kind"] == "refund"]
        # from the payout CSV: -10.00 and -1,250.00 with their fees; from the sales export: -8.00
        assert round(refunds["gross"].sum(), 2) == -1268.00
        assert round(refunds["fee"].sum(), 2) == -126.50
        assert round(refunds["net"].sum(), 2) == -1141.50
        assert sorted(refunds["date"].dt.strftime("%m-%d")) == ["02-01", "02-02", "02-03"]
        earnings = t[t["kind"] == "earning"]
        assert round(earnings["gross"].sum(), 2) == 1360.00  # 10 + 1,250 + 100, each once
        assert any(
            "2 refund(s) in sales.csv are also in your payout CSVs" in n for n in combined.notes
        )


def test_a_gumroad_payout_csv_added_twice_still_counts_a_refund_once():
    """The sales export refunds s1 (10.00); the same payout CSV, added twice, holds that
    refund: -10.00 in all (the payout's), not -20.00."""
    from test_import_gumroad import SALES_HEADER, sale

    from analytics import load_export

    sales = "\n".join(
        [
            ",".join(SALES_HEADER),
            sale("s1", "Ebook", "2026-01-05", "10.0", "1.2", "8.8", **{"Fully Refunded?": "1"}),
        ]
    )
    payout = (
        "Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),Shipping ($),"
        "Sale Price ($),Gumroad Fees ($),Net Total ($)\n"
        "Sale,2026-01-05,s1,Ebook,Ann,ann@example.com,0.0,0.0,10.0,1.2,8.8\n"
        "Full Refund,2026-02-02,s1,Ebook,Ann,ann@example.com,0.0,0.0,-10.0,-1.2,-8.8\n"
    )
    results = [
        load_export(sales.encode(), "sales.csv"),
        load_export(payout.encode(), "payout.csv"),
        load_export(payout.encode(), "payout (1).csv"),
    ]
    t = combine_module.combine(results).transactions
    assert t.loc[t["kind"] == "refund", "gross"].sum() == -10.0


def _paypal_kinds(out: pd.DataFrame) -> list[str]:
    return out.loc[out["platform"] == "paypal", "kind"].astype(str).tolist()


def test_a_payment_eleven_days_after_the_withdrawal_stays_income():
    # withdrawn from Upwork on 3 Jan, 500 from Upwork in PayPal on 14 Jan: 11 days later, past
    # the 10 days a withdrawal takes to arrive -> income, and no note (there is a withdrawal)
    t = table(
        ("2026-01-03", "upwork", "transfer", -500.0, 0.0),
        ("2026-01-02", "upwork", "earning", 500.0, 0.0),
        ("2026-01-14", "paypal", "earning", 500.0, 0.0, "USD", None, "Upwork Escrow Inc."),
    )
    out, notes = own_account_transfers(t)
    assert _paypal_kinds(out) == ["earning"]
    # said, not silent: the export ends on 3 Jan, so 14 Jan is its only record
    assert notes == [
        "1 PayPal payment(s) from Upwork were not matched to a withdrawal. 500.00 USD on 14 Jan "
        "2026 arrived after your Upwork export ends (on 3 Jan 2026): their only record, counted "
        "as income. Add the later Upwork history to count that money from it."
    ]
    # inside the export (its earnings run to 20 Jan), the same payment may be money counted
    # twice, and is said so
    t = pd.concat([t, table(("2026-01-20", "upwork", "earning", 100.0, 0.0))])
    _out, notes = own_account_transfers(t.reset_index(drop=True))
    assert notes[0].endswith(
        "500.00 USD on 14 Jan 2026 found no withdrawal of the same amount in your Upwork export "
        "and count as income. If they are withdrawals of money the Upwork export holds as "
        "earnings, that money is counted twice: check them against the export."
    )


def test_a_payment_from_a_withdrawal_before_the_export_begins_is_said():
    # the Upwork export begins on 1 Jan 2025 (its first row); 1,148.60 arrives in Payoneer on
    # 2 Jan from a withdrawal of 30 Dec 2024, which the export does not hold: income, said so
    t = table(
        ("2025-01-01", "upwork", "earning", 800.0, 80.0),
        ("2025-01-06", "upwork", "transfer", -720.0, 0.0),
        ("2025-01-02", "payoneer", "earning", 1148.60, 0.0, "USD", None, "Upwork Global Inc."),
        ("2025-01-08", "payoneer", "earning", 720.0, 0.0, "USD", None, "Upwork Global Inc."),
    )
    out, notes = own_account_transfers(t)
    payoneer = out[out["platform"] == "payoneer"]
    assert payoneer["kind"].astype(str).tolist() == ["earning", "transfer"]
    assert len(notes) == 2
    assert "1 Payoneer payment(s) from Upwork (720.00 USD) match withdrawals" in notes[0]
    assert notes[1] == (
        "1 Payoneer payment(s) from Upwork were not matched to a withdrawal. 1,148.60 USD on 2 "
        "Jan 2025 arrived before or in the first 10 days of your Upwork export (which begins on "
        "1 Jan 2025): most likely money withdrawn, and earned, before it, counted as income on "
        "the day it arrived. To count it in the month it was earned, add the Upwork history "
        "from earlier. Where the tax year is the calendar year (the US, Germany), money "
        "arriving in early January 2025 counts in 2025's income and tax, though most likely "
        "earned in 2024."
    )


def test_an_arrival_early_in_a_uk_tax_year_names_the_years():
    # the Upwork export begins on 6 Apr 2026; 300.00 arrives on 8 Apr from a 4 Apr withdrawal
    # the export does not hold: tax year 2026/27, earned most likely in 2025/26. 200.00
    # arriving on 20 Apr is past the export's first 10 days: no such sentence for it.
    t = table(
        ("2026-04-06", "upwork", "earning", 900.0, 90.0),
        ("2026-04-25", "upwork", "transfer", -810.0, 0.0),
        ("2026-04-08", "payoneer", "earning", 300.0, 0.0, "USD", None, "Upwork Global Inc."),
        ("2026-04-20", "payoneer", "earning", 200.0, 0.0, "USD", None, "Upwork Global Inc."),
    )
    _out, notes = own_account_transfers(t)
    assert notes[-1].count("arriving in early") == 1
    assert (
        "300.00 USD on 8 Apr 2026 arrived before or in the first 10 days of your Upwork export"
        in notes[-1]
    )
    assert (
        "from earlier. In the UK, money arriving in early April 2026 counts in tax year 2026/27, "
        "though most likely earned in 2025/26. 200.00 USD on 20 Apr 2026 found no withdrawal"
    ) in notes[-1]


def test_money_coming_back_into_upwork_is_no_withdrawal_to_match():
    # Upwork's only transfer is +50 (money in): no withdrawal at all, so PayPal's 100 from
    # Upwork stays income with the note that it may be the same money
    t = table(
        ("2026-01-02", "upwork", "earning", 500.0, 0.0),
        ("2026-01-03", "upwork", "transfer", 50.0, 0.0),
        ("2026-01-05", "paypal", "earning", 100.0, 0.0, "USD", None, "Upwork Escrow Inc."),
    )
    out, notes = own_account_transfers(t)
    assert _paypal_kinds(out) == ["earning"]
    assert len(notes) == 1
    assert "1 PayPal payment(s) from Upwork (100.00 USD) may be the same money" in notes[0]


def test_only_earnings_of_the_receiving_account_are_matched_to_a_withdrawal():
    # one 500 withdrawal (3 Jan); PayPal holds a 500 adjustment (4 Jan) and a 500 earning
    # (5 Jan) from Upwork: the earning is the arrival, the adjustment stays as it is
    t = table(
        ("2026-01-02", "upwork", "earning", 500.0, 0.0),
        ("2026-01-03", "upwork", "transfer", -500.0, 0.0),
        ("2026-01-04", "paypal", "adjustment", 500.0, 0.0, "USD", None, "Upwork Escrow Inc."),
        ("2026-01-05", "paypal", "earning", 500.0, 0.0, "USD", None, "Upwork Escrow Inc."),
    )
    out, notes = own_account_transfers(t)
    assert _paypal_kinds(out) == ["adjustment", "transfer"]
    assert len(notes) == 1 and "1 PayPal payment(s) from Upwork (500.00 USD)" in notes[0]


def test_an_arrival_is_matched_to_the_cent_despite_float_noise():
    # 0.29 x 100 = 28.999999999999996 and (0.20 + 0.09) x 100 = 29.000000000000004: both 29
    # cents to the nearest cent (rounded down, 28 and 29 would not match)
    t = table(
        ("2026-01-02", "upwork", "earning", 0.29, 0.0),
        ("2026-01-03", "upwork", "transfer", -0.29, 0.0),
        ("2026-01-05", "paypal", "earning", 0.20 + 0.09, 0.0, "USD", None, "Upwork Escrow Inc."),
    )
    out, _notes = own_account_transfers(t)
    assert _paypal_kinds(out) == ["transfer"]


def test_reference_keys_round_the_cents_not_floor_them():
    # gross 0.29 (x 100 = 28.999999999999996) and 0.20 + 0.09 (x 100 = 29.000000000000004) are
    # both 29 cents: one key; the same for a fee of 0.29 and of 0.20 + 0.09
    a = table(("2024-01-05", "paypal", "earning", 0.29, 0.0))
    b = table(("2024-01-05", "paypal", "earning", 0.20 + 0.09, 0.0))
    a["reference"] = b["reference"] = "R1"
    keys = combine_module._reference_keys
    assert (keys(a) == keys(b)).all()
    fa = table(("2024-01-05", "paypal", "earning", 1.0, 0.29))
    fb = table(("2024-01-05", "paypal", "earning", 1.0, 0.20 + 0.09))
    fa["reference"] = fb["reference"] = "R1"
    assert (keys(fa) == keys(fb)).all()
    # a cent more is another record
    fc = table(("2024-01-05", "paypal", "earning", 1.0, 0.30))
    fc["reference"] = "R1"
    assert (keys(fa) != keys(fc)).all()
    # the same day held in microseconds is the same record
    fd = fa.copy()
    fd["date"] = fd["date"].astype("datetime64[us]")
    assert (keys(fa) == keys(fd)).all()


def test_refund_cents_by_reference_are_rounded_not_floored():
    # -0.28 x 100 = -28.000000000000004 -> -28 (floored: -29); R1: -28 - 28 = -56;
    # -0.56 x 100 = -56.00000000000001 -> -56 (floored: -57); R2: -56
    rows = pd.DataFrame({"gross": [-0.28, -0.28, -0.56], "reference": ["R1", "R1", "R2"]})
    assert combine_module._cents_by_reference(rows).to_dict() == {"R1": -56.0, "R2": -56.0}


def _read(layout: str, transactions: pd.DataFrame, source: str) -> SimpleNamespace:
    """What the combining reads of an imported file: its layout, rows and name."""
    platform = str(transactions["platform"].iloc[0])
    return SimpleNamespace(
        layout=layout, transactions=transactions, source=source, platform=platform
    )


def test_a_stripe_payment_the_day_before_the_balance_export_starts_is_in_it():
    # the balance export runs 10-20 Mar; a day either side (UTC against local time) makes it
    # 9-21 Mar: the payment of 9 Mar is in it (left to the balance export), that of 5 Mar not
    balance = table(
        ("2024-03-10", "stripe", "earning", 10.0, 0.59),
        ("2024-03-20", "stripe", "earning", 10.0, 0.59),
    )
    payments = table(
        ("2024-03-09", "stripe", "earning", 10.0, 0.59),
        ("2024-03-05", "stripe", "earning", 10.0, 0.59),
    )
    files = [
        _read(combine_module.STRIPE_BALANCE[0], balance, "balance.csv"),
        _read(combine_module.STRIPE_PAYMENTS, payments, "payments.csv"),
    ]
    drop = combine_module._stripe_payments_in_balance(files, [])
    assert drop[1].tolist() == [True, False]


def test_an_mturk_day_goes_to_the_larger_total_by_a_single_cent():
    # 1 May: the dashboard says 10.01, the status pages 10.00. 10.01 > 10.00 is no tie to the
    # cent, so the larger total counts: the dashboard's (status pages win only a tie)
    dashboard = table(("2024-05-01", "mturk", "earning", 10.01, 0.0))
    dashboard["description"] = DASHBOARD_REWARDS
    status = table(("2024-05-01", "mturk", "earning", 10.00, 0.0))
    drop, best = combine_module._mturk_day_sources(
        [
            _read(combine_module.MTURK_DASHBOARD, dashboard, "dashboard.json"),
            _read(combine_module.MTURK_STATUS, status, "status.json"),
        ]
    )
    assert best.tolist() == [combine_module.MTURK_DASHBOARD]
    assert list(drop) == [combine_module.MTURK_STATUS]


def test_gumroad_payouts_in_paypal_beside_the_sales_export_are_transfers():
    """Gumroad's sales export holds the income (sales of 10 Jan and 20 Feb 2026) and no
    payouts; PayPal receives "Gumroad, Inc." 45.00 on 27 Jan and 60.00 on 6 Mar (within 31
    days of the last sale): payouts, transfers; 30.00 on 20 Jun, long after the export ends,
    is their only record: income, said so. Income: the two sales' 50.00 + 70.00 less fees
    5.00 + 7.00 = 108.00, plus 30.00 = 138.00."""
    t = table(
        ("2026-01-10", "gumroad", "earning", 50.0, 5.0),
        ("2026-02-20", "gumroad", "earning", 70.0, 7.0),
        ("2026-01-27", "paypal", "earning", 45.0, 0.0, "USD", None, "Gumroad, Inc."),
        ("2026-03-06", "paypal", "earning", 60.0, 0.0, "USD", None, "Gumroad, Inc."),
        ("2026-06-20", "paypal", "earning", 30.0, 0.0, "USD", None, "Gumroad, Inc."),
    )
    out, notes = own_account_transfers(t)
    assert _paypal_kinds(out) == ["transfer", "transfer", "earning"]
    income = out[out["kind"] == "earning"]
    assert round(float(income["net"].sum()), 2) == 138.00
    assert notes == [
        "2 PayPal payment(s) from Gumroad (105.00 USD) fall in the dates of your Gumroad export, "
        "which holds that income: they are Gumroad's payouts of it, counted once, from the "
        "export, and these payments are transfers.",
        "1 PayPal payment(s) from Gumroad (30.00 USD) fall outside the dates of your Gumroad "
        "export (10 Jan 2026 to 20 Feb 2026): their only record, counted as income. Add the "
        "Gumroad export for their dates to count that money from it.",
    ]


def test_doordash_payouts_reaching_cash_app_are_counted_once():
    """A driver's DoorDash file (mapped with the form) holds her dashes and the weekly payouts
    to Cash App; Cash App's report holds the same money arriving from DOORDASH, INC. Income is
    the dashes' 55.16 + 65.73 = 120.89, not that plus the 81.06 and 120.89 deposits; the
    note names the account the money reached, Cash App."""
    from analytics import load_export

    doordash = textwrap.dedent(
        """\
        Date,Type,Description,Deliveries,Dash Time (hrs),Base Pay,Customer Tips,Total
        01/01/2026,Weekly Payout,Direct deposit to Cash App 7781,,,$0.00,$0.00,-$81.06
        01/06/2026,Dash,"Dash in Austin, TX (7 deliveries)",7,4.76,$27.16,$28.00,$55.16
        01/07/2026,Dash,"Dash in Austin, TX (8 deliveries)",8,4.51,$33.73,$32.00,$65.73
        01/08/2026,Weekly Payout,Direct deposit to Cash App 7781,,,$0.00,$0.00,-$120.89
        """
    ).encode()
    mapping = {"date": "Date", "gross": "Total", "currency": "USD", "platform": "doordash"}
    mapping |= {"description": "Description", "hours": "Dash Time (hrs)"}
    cash_app = textwrap.dedent(
        """\
        "Date","Transaction ID","Transaction Type","Currency","Amount","Fee","Net Amount","Status","Notes","Name of sender/receiver","Account"
        "2026-01-02 16:15:48 CST","a1","Direct Deposit","USD","$81.06","$0.00","$81.06","COMPLETE","","DOORDASH, INC.","Your Cash"
        "2026-01-09 16:15:48 CST","a2","Direct Deposit","USD","$120.89","$0.00","$120.89","COMPLETE","","DOORDASH, INC.","Your Cash"
        """
    ).encode()
    results = [
        load_export(doordash, "doordash_earnings_2026.csv", mapping=mapping),
        load_export(cash_app, "cash_app_report.csv"),
    ]
    assert results[1].platform == "cashapp"
    out = combine_module.combine(results)
    t = out.transactions
    income = t[t["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    assert round(float(income["net"].sum()), 2) == 120.89
    assert (t["kind"] == "transfer").sum() == 4
    assert any(
        n.startswith("2 Cash App payment(s) from DoorDash (201.95 USD) match withdrawals")
        for n in out.notes
    ), out.notes


def test_payments_from_a_friend_chosen_as_personal_are_no_income():
    """Cash App: Jessica Moreno paid 25.00 and 40.00 back (a ticket, gas), Acme paid 300.00
    for work. Listed as people who paid: Acme and Jessica (2 payments, 65.00 USD). Chosen as
    personal, Jessica's two payments are no income: income 300.00, not 365.00."""
    from analytics.combine import as_personal, personal_payers

    t = table(
        ("2025-05-01", "cashapp", "earning", 25.0, 0.0, "USD", None, "Jessica Moreno"),
        ("2025-05-09", "cashapp", "earning", 40.0, 0.0, "USD", None, "jessica moreno "),
        ("2025-05-10", "cashapp", "earning", 300.0, 0.0, "USD", None, "Acme"),
        ("2025-05-11", "uber", "earning", 50.0, 0.0, "USD", None, "Jessica Moreno"),
    )
    payers = personal_payers(t)
    jessica = payers.set_index("name").loc["Jessica Moreno"]
    assert (jessica["payments"], jessica["gross"]) == (2, "65.00 USD")
    assert set(payers["name"]) == {"Jessica Moreno", "Acme"}  # Uber's rider is no payer here
    out = as_personal(t, {jessica["key"]})
    income = out[out["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    assert income["net"].sum() == pytest.approx(300.0 + 50.0)
    personal = out[out["description"].astype(str).str.startswith("Personal, not income")]
    assert sorted(personal["gross"]) == [25.0, 40.0]
    assert (personal["kind"] == "transfer").all()
    assert as_personal(t, set()) is t


def test_a_mapped_bank_receiving_doordash_pay_is_named_as_itself():
    """DoorDash's weekly payouts (81.06, 120.89) arrive in a bank file mapped as 'chime': they
    are transfers, and the note names the bank's platform, not Cash App."""
    from analytics import load_export

    doordash = textwrap.dedent(
        """\
        Date,Type,Description,Total
        01/01/2026,Weekly Payout,Direct deposit to bank,-$81.06
        01/06/2026,Dash,Dash in Austin,$201.95
        01/08/2026,Weekly Payout,Direct deposit to bank,-$120.89
        """
    ).encode()
    bank = textwrap.dedent(
        """\
        Date,Description,Payer,Amount
        2026-01-02,Direct Deposit,DOORDASH INC,81.06
        2026-01-09,Direct Deposit,DOORDASH INC,120.89
        """
    ).encode()
    dd = {"date": "Date", "kind": "Type", "description": "Description", "gross": "Total"}
    chime = {"date": "Date", "description": "Description", "client": "Payer", "gross": "Amount"}
    out = combine_module.combine(
        [
            load_export(
                doordash, "doordash.csv", mapping=dd | {"currency": "USD", "platform": "doordash"}
            ),
            load_export(
                bank, "chime.csv", mapping=chime | {"currency": "USD", "platform": "chime"}
            ),
        ]
    )
    t = out.transactions
    income = t[t["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    assert round(float(income["net"].sum()), 2) == 201.95
    assert any(
        n.startswith("2 chime payment(s) from DoorDash (201.95 USD) match") for n in out.notes
    ), out.notes


PAYPAL_ALL_COLUMNS = textwrap.dedent(
    """\
    "Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID","Reference Txn ID","Balance Impact"
    "3/3/2025","09:00:00","PST","Client A","Website Payment","Completed","EUR","900.00","-45.30","854.70","a@client.com","me@example.com","A1","","Credit"
    "3/3/2025","09:05:00","PST","","General Currency Conversion","Completed","EUR","-854.70","0.00","-854.70","me@example.com","","C1","A1","Debit"
    "3/3/2025","09:05:00","PST","","General Currency Conversion","Completed","USD","873.33","0.00","873.33","","me@example.com","C2","A1","Credit"
    "3/10/2025","10:00:00","PDT","Client B","Website Payment","Completed","USD","500.00","-17.90","482.10","b@client.com","me@example.com","B1","","Credit"
    "3/10/2025","10:30:00","PDT","Client B","Website Payment","Completed","USD","500.00","-17.90","482.10","b@client.com","me@example.com","B2","","Credit"
    "3/20/2025","12:00:00","PDT","","General Withdrawal","Completed","USD","-1,000.00","0.00","-1,000.00","me@example.com","","W1","","Debit"
    """
)
# The same month downloaded with the user's own choice of columns: no Transaction ID, no
# Reference Txn ID, no email addresses (PayPal's Activity > Download > Customize).
PAYPAL_FEW_COLUMNS = textwrap.dedent(
    """\
    "Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Balance Impact"
    "3/3/2025","09:00:00","PST","Client A","Website Payment","Completed","EUR","900.00","-45.30","854.70","Credit"
    "3/3/2025","09:05:00","PST","","General Currency Conversion","Completed","EUR","-854.70","0.00","-854.70","Debit"
    "3/3/2025","09:05:00","PST","","General Currency Conversion","Completed","USD","873.33","0.00","873.33","Credit"
    "3/10/2025","10:00:00","PDT","Client B","Website Payment","Completed","USD","500.00","-17.90","482.10","Credit"
    "3/10/2025","10:30:00","PDT","Client B","Website Payment","Completed","USD","500.00","-17.90","482.10","Credit"
    "3/20/2025","12:00:00","PDT","","General Withdrawal","Completed","USD","-1,000.00","0.00","-1,000.00","Debit"
    "3/25/2025","08:00:00","PDT","Client C","Website Payment","Completed","USD","200.00","-7.28","192.72","Credit"
    """
)


@pytest.mark.parametrize("all_first", [True, False])
def test_a_paypal_download_without_transaction_ids_counts_the_same_payments_once(all_first):
    """Client A's 900.00 EUR (fee 45.30), Client B's two 500.00 USD (17.90 each) and the
    withdrawal are in both downloads; Client C's 200.00 (fee 7.28) only in the later one:
    900.00 EUR and 1,200.00 USD earned, 45.30 EUR and 43.08 USD of payment fees, in either
    order. The two equal payments of 10 March are two payments, not one."""
    from analytics import load_export

    full = load_export(PAYPAL_ALL_COLUMNS.encode(), "all-columns.csv")
    few = load_export(PAYPAL_FEW_COLUMNS.encode(), "Download.CSV")
    assert full.platform == few.platform == "paypal"
    combined = combine_module.combine([full, few] if all_first else [few, full])
    t = combined.transactions
    earned = t[t["kind"] == "earning"].groupby("currency", observed=True)
    assert earned["gross"].sum().round(2).to_dict() == {"EUR": 900.00, "USD": 1200.00}
    assert earned["fee"].sum().round(2).to_dict() == {"EUR": 45.30, "USD": 17.90 * 2 + 7.28}
    assert len(t[(t["kind"] == "earning") & (t["gross"] == 500.0)]) == 2
    withdrawals = t[(t["kind"] == "transfer") & (t["currency"] == "USD") & (t["gross"] < 0)]
    assert withdrawals["gross"].round(2).tolist() == [-1000.00]
    # the conversion's leg out: 854.70 EUR once (with the ids: a transfer and the fee the
    # conversion cost, adding up to it)
    eur_out = t[(t["currency"] == "EUR") & t["kind"].isin(["transfer", "fee"])]
    assert round(eur_out["net"].sum(), 2) == -854.70
    # the download with the ids counts, in either order: the other's six shared rows go
    dup_full, dup_few = combined.duplicates if all_first else combined.duplicates[::-1]
    assert (dup_full, dup_few) == (0, 6)
    [note] = [n for n in combined.notes if "Transaction ID column" in n]
    assert note == (
        "PayPal: 6 transaction(s) of Download.CSV are already in all-columns.csv, found by "
        "date, type, payer and amount as Download.CSV was downloaded without the Transaction "
        "ID column: each is counted once."
    )


def test_two_paypal_downloads_of_other_columns_without_ids_count_each_payment_once():
    # the same month again without the Name column: its 7 rows are the first's 7
    from analytics import load_export

    rows = [line.split(",") for line in PAYPAL_FEW_COLUMNS.splitlines()]
    nameless = "\n".join(",".join(r[:3] + r[4:]) for r in rows) + "\n"
    combined = combine_module.combine(
        [
            load_export(PAYPAL_FEW_COLUMNS.encode(), "few.csv"),
            load_export(nameless.encode(), "nameless.csv"),
        ]
    )
    assert combined.duplicates == [0, 7]
    t = combined.transactions
    assert round(t.loc[t["kind"] == "earning", "gross"].sum(), 2) == 900.00 + 1200.00
    assert "as nameless.csv and few.csv were downloaded without" in " ".join(combined.notes)
    # the same download twice is a duplicate by its ids alone: no note about columns
    again = combine_module.combine(
        [
            load_export(PAYPAL_FEW_COLUMNS.encode(), "few.csv"),
            load_export(PAYPAL_FEW_COLUMNS.encode(), "few (1).csv"),
        ]
    )
    assert again.duplicates == [0, 7]
    assert not any("Transaction ID column" in n for n in again.notes)


def test_two_paypal_downloads_with_ids_are_not_matched_by_amount():
    # two payments of 500.00 on 10 March with other ids in two downloads are four payments
    # seen twice only when the ids agree: B1/B2 against B3/B4 are four payments
    other = PAYPAL_ALL_COLUMNS.replace('"B1"', '"B3"').replace('"B2"', '"B4"')
    from analytics import load_export

    combined = combine_module.combine(
        [
            load_export(PAYPAL_ALL_COLUMNS.encode(), "one.csv"),
            load_export(other.encode(), "two.csv"),
        ]
    )
    t = combined.transactions
    assert len(t[(t["kind"] == "earning") & (t["gross"] == 500.0)]) == 4


def test_the_workbook_lists_each_duplicate_row_with_the_file_that_counts_it():
    from analytics import load_export
    from giglens_ui.page import duplicates_left_out

    combined = combine_module.combine(
        [load_export(JAN.encode(), "jan.csv"), load_export(JAN_FEB.encode(), "jan_feb.csv")]
    )
    sheet = duplicates_left_out("jan_feb.csv", combined.left_out[1])
    assert sheet.to_dict("records") == [
        {
            "file": "jan_feb.csv",
            "what": "duplicate",
            "row": row,
            "reason": "duplicate: the same transaction is counted from jan.csv",
            "raw": "2026-01-09 earning $50.00 Banner",
        }
        for row in (2, 3)
    ]


def test_a_duplicate_fee_row_is_listed_with_its_fee_not_a_gross_of_zero():
    from analytics import load_export
    from giglens_ui.page import duplicates_left_out

    fee = HEADER + "2026-01-12,upwork,fee,0.00,8.50,-8.50,USD,,,Transaction fee,UF1\n"
    combined = combine_module.combine(
        [load_export(fee.encode(), "a.csv"), load_export(fee.encode(), "b.csv")]
    )
    [listed] = duplicates_left_out("b.csv", combined.left_out[1]).to_dict("records")
    assert listed["raw"] == "2026-01-12 fee -$8.50 Transaction fee"


def test_paypal_downloads_without_ids_keep_other_payers_and_other_fees_apart():
    """Another PayPal account's download without ids: Client X's 500.00 on 10 Mar is not
    Client B's 500.00 of the same day (1,000.00 earned); a 5.00 chargeback fee is not a 20.00
    fee of the same day (25.00 of fees); a withdrawal of 1,000.00 with its 15.00 fee in both
    downloads is one withdrawal and one fee (a diff review's cases)."""
    from analytics import load_export

    head = '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net"'
    business = (
        head + ',"Transaction ID"\n'
        '"3/10/2025","10:00:00","PDT","Client B","Website Payment","Completed","USD","500.00",'
        '"0.00","500.00","B1"\n'
        '"3/11/2025","10:00:00","PDT","","Chargeback Fee","Completed","USD","-20.00","0.00",'
        '"-20.00","F1"\n'
        '"3/12/2025","10:00:00","PDT","","General Withdrawal","Completed","USD","-1,000.00",'
        '"-15.00","-1,015.00","W1"\n'
    )
    personal = (
        head + "\n"
        '"3/10/2025","10:00:00","PDT","Client X","Website Payment","Completed","USD","500.00",'
        '"0.00","500.00"\n'
        '"3/11/2025","10:00:00","PDT","","Chargeback Fee","Completed","USD","-5.00","0.00",'
        '"-5.00"\n'
        '"3/12/2025","10:00:00","PDT","","General Withdrawal","Completed","USD","-1,000.00",'
        '"-15.00","-1,015.00"\n'
    )
    combined = combine_module.combine(
        [load_export(business.encode(), "business.csv"), load_export(personal.encode(), "p.csv")]
    )
    t = combined.transactions
    assert round(t.loc[t["kind"] == "earning", "gross"].sum(), 2) == 1000.00
    chargebacks = t[(t["kind"] == "fee") & t["description"].str.contains("Chargeback")]
    assert sorted(chargebacks["fee"].round(2)) == [5.00, 20.00]
    assert t.loc[t["kind"] == "transfer", "gross"].round(2).tolist() == [-1000.00]
    assert round(t.loc[t["description"].str.startswith("Fee on"), "fee"].sum(), 2) == 15.00


def test_a_refund_never_completed_is_listed_as_such_not_as_a_duplicate():
    # first.csv: a refund Pending; later.csv: the same refund Canceled. first.csv's row is
    # left out because it never completed, not counted from another file; when it is the
    # only row imported, the list still has its reason (no KeyError)
    from analytics import load_export
    from giglens_ui.page import duplicates_left_out

    header = '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID"\n'
    refund = '"3/22/2024","10:00:00","PST","Eps Co","Payment Refund","{}","USD","-100.00","0.00","-100.00","2AB"\n'
    first = load_export((header + refund.format("Pending")).encode(), "first.csv")
    later = load_export((header + refund.format("Canceled")).encode(), "later.csv")
    combined = combine_module.combine([first, later])
    assert combined.transactions.empty
    [listed] = duplicates_left_out("first.csv", combined.left_out[0]).to_dict("records")
    assert listed["what"] == "never completed"
    assert listed["reason"].startswith("not counted: a later download shows this payment never")


def test_a_payment_only_in_the_download_without_ids_stays_a_payment():
    # Client D's 500.00 on 17 Mar is in the download without ids only: not the 500.00 of 10
    # Mar of the download with them (same month, another day): 500 + 500 + 500 USD earned
    from analytics import load_export

    few = (
        '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
        '"Balance Impact"\n'
        '"3/17/2025","10:00:00","PDT","Client D","Website Payment","Completed","USD","500.00",'
        '"-17.90","482.10","Credit"\n'
    )
    combined = combine_module.combine(
        [
            load_export(PAYPAL_ALL_COLUMNS.encode(), "all.csv"),
            load_export(few.encode(), "few.csv"),
        ]
    )
    t = combined.transactions
    usd = t[(t["kind"] == "earning") & (t["currency"] == "USD")]
    assert round(usd["gross"].sum(), 2) == 1500.00
    assert not any("Transaction ID column" in n for n in combined.notes)


def test_a_download_without_ids_naming_payers_by_e_mail_still_matches_names():
    # the same month without the Name and id columns (the e-mail columns kept): its payers are
    # e-mails, the other file's names - not compared, so the six rows are the same six (a
    # review's case: three payments were counted twice)
    import csv
    import io

    from analytics import load_export

    rows = list(csv.reader(io.StringIO(PAYPAL_ALL_COLUMNS)))
    # drop Name (3), Transaction ID (12) and Reference Txn ID (13)
    keep = [i for i in range(len(rows[0])) if i not in (3, 12, 13)]
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL).writerows([[r[i] for i in keep] for r in rows])
    no_names = out.getvalue()
    few = load_export(no_names.encode(), "Download.CSV")
    assert few.platform == "paypal"
    combined = combine_module.combine([load_export(PAYPAL_ALL_COLUMNS.encode(), "all.csv"), few])
    t = combined.transactions
    earned = t[t["kind"] == "earning"].groupby("currency", observed=True)["gross"].sum()
    assert earned.round(2).to_dict() == {"EUR": 900.00, "USD": 1000.00}
    assert t.loc[t["kind"] == "transfer", "gross"].round(2).tolist().count(-1000.00) == 1


def test_mturk_earnings_moved_to_payoneer_are_counted_once():
    # MTurk's dashboard holds 41.37 + 52.80 of HIT rewards in March; Payoneer receives
    # "Payment from Amazon Mechanical Turk" of 94.17 on 2 Apr: a transfer of that income, not
    # a second 94.17 of freelance income (a Kenyan worker's files)
    t = table(
        ("2026-03-10", "mturk", "earning", 41.37, 0.0, "USD", None, "Requester A"),
        ("2026-03-20", "mturk", "earning", 52.80, 0.0, "USD", None, "Requester B"),
        ("2026-04-02", "payoneer", "earning", 94.17, 0.0, "USD", None, "Amazon Mechanical Turk"),
    )
    out, notes = own_account_transfers(t)
    kinds = out.set_index("client")["kind"].astype(str)
    assert kinds["Amazon Mechanical Turk"] == "transfer"
    income = out[out["kind"].astype(str) == "earning"]
    assert round(income["net"].sum(), 2) == 94.17  # the HIT rewards alone
    assert notes == [
        "1 Payoneer payment(s) from Amazon MTurk (94.17 USD) fall in the dates of your Amazon "
        "MTurk export, which holds that income: they are Amazon MTurk's payouts of it, counted "
        "once, from the export, and these payments are transfers."
    ]
    # without MTurk's own file, the payout is MTurk's micro-task income, booked under it
    alone = table(
        ("2026-04-02", "payoneer", "earning", 94.17, 0.0, "USD", None, "Amazon Mechanical Turk"),
    )
    out, notes = payer_streams(alone)
    assert out["platform"].astype(str).tolist() == ["mturk"]
    assert out["stream"].astype(str).tolist() == ["micro"]


ETSY_JANUARY_STATEMENT = """\
Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details
"January 15, 2026",Sale,Payment for Order #1001,,USD,$41.00,-$1.58,$39.42,--
"January 15, 2026",Fee,Transaction fee: Mug,Order #1001,USD,--,-$2.67,-$2.67,--
"January 20, 2026",Sale,Payment for Order #1002,,USD,$20.00,-$0.90,$19.10,--
"January 31, 2026",Deposit,$55.85 sent to your bank account,,USD,--,--,--,--
"""

# Etsy Payments: order 1004 of the Sold Orders, 60.00 with a fee of 2.10, adjusted to 45.00
# with a fee of 1.60 (a quarter refunded), as the Sold Orders file has it
ETSY_PAYMENTS_1004 = """\
Payment ID,Buyer Username,Buyer Name,Order ID,Gross Amount,Fees,Net Amount,Posted Gross,Posted Fees,Posted Net,Adjusted Gross,Adjusted Fees,Adjusted Net,Currency,Listing Amount,Listing Currency,Exchange Rate,VAT Amount,Gift Card Applied?,Status,Funds Available,Order Date,Buyer,Order Type,Payment Type,Refund Amount
3010,boc,Bo Chan,1004,60.00,2.10,57.90,60.00,2.10,57.90,45.00,1.60,43.40,USD,50.00,USD,1,0,false,Settled,2026-02-13,2026-02-10,boc,online,online_cc,15.00
"""


def test_etsy_orders_a_statement_or_the_payments_file_holds_count_once_from_there():
    """Rosa downloads her January statement, the Sold Orders of Jan-Feb 2026 (test_import_etsy's
    SOLD_ORDERS) and an Etsy Payments file of order 1004. Each sale counts once, from the
    fullest file: 1001 and 1002 (and 1002's sales tax) from the statement, 1004 and its refund
    from the Payments file, 1003 (in no other file) from the Sold Orders."""
    from test_import_etsy import SOLD_ORDERS

    from analytics import load_export

    files = [
        load_export(ETSY_JANUARY_STATEMENT.encode(), "etsy_statement_2026_1.csv"),
        load_export(SOLD_ORDERS.encode(), "EtsySoldOrders2026.csv"),
        load_export(ETSY_PAYMENTS_1004.encode(), "EtsyPayments.csv"),
    ]
    out = combine_module.combine(files)
    t = out.transactions
    income = t[t["kind"].isin(["earning", "refund", "fee"])]
    # statement: (41.00 - 1.58) + (20.00 - 0.90) - 2.67 = 55.85; Payments: 57.90 - 14.50 =
    # 43.40; Sold Orders' 1003: 30.00 - 1.20 = 28.80, refunded in full: -30.00 + 0.95
    assert round(income["net"].sum(), 2) == round(55.85 + 43.40 + 28.80 - 29.05, 2)  # 99.00
    assert round(income["gross"].sum(), 2) == 61.00 + 60.00 - 15.00 + 30.00 - 30.00
    assert not (t["kind"] == "tax").any()  # 1002's sales tax went with its sale
    # Sold Orders: 1001 (one row), 1002 (sale and tax) and 1004 (sale and refund) left out
    assert out.duplicates == [0, 5, 0]
    assert out.duplicate_rows == [0, 3, 0]
    said = " ".join(out.notes)
    assert (
        "Etsy: 2 row(s) of EtsySoldOrders2026.csv are orders that etsy_statement_2026_1.csv "
        "also holds (with every fee Etsy charged)" in said
    )
    # 1004's row gives its sale and its refund: one row
    assert "Etsy: 1 row(s) of EtsySoldOrders2026.csv are orders that EtsyPayments.csv" in said
    # each row left out names the file it counts from (rows 2, 3 and 5 of the Sold Orders)
    sold = out.left_out[1]
    assert dict(zip(sold["row"], sold["counted_from"], strict=True)) == {
        2: "etsy_statement_2026_1.csv",
        3: "etsy_statement_2026_1.csv",
        5: "EtsyPayments.csv",
    }
    assert len(sold) == 3


def test_a_tracked_client_named_in_a_stripe_description_becomes_the_payments_client():
    """A Berlin reviewer's Stripe balance export has no customer column; its descriptions name
    the client ("Invoice HB-1 (Hafenblick Studio GmbH)"), as his Toggl report does. Those
    payments get the client, so the tracked hours rate them: Hafenblick paid 970.00 and
    485.00 net (the file's Net), for 30 h tracked in January: 1,455.00 / 30 = 48.50 an hour. A description naming two clients, one
    naming only "Admin" (shorter than the names looked for) and one naming none stay as they
    are."""
    stripe = textwrap.dedent(
        """\
        id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description
        txn_1,charge,ch_1,1000.00,30.00,970.00,eur,2026-01-20 10:00,2026-01-22 00:00,Invoice HB-1 (Hafenblick Studio GmbH)
        txn_2,charge,ch_2,500.00,15.00,485.00,eur,2026-01-28 10:00,2026-01-30 00:00,Invoice HB-2 (hafenblick  studio gmbh)
        txn_3,charge,ch_3,200.00,6.00,194.00,eur,2026-01-29 10:00,2026-01-31 00:00,Hafenblick Studio GmbH and Nordlicht Media
        txn_4,charge,ch_4,100.00,3.00,97.00,eur,2026-01-30 10:00,2026-02-01 00:00,Admin work
        txn_5,charge,ch_5,100.00,3.00,97.00,eur,2026-01-30 11:00,2026-02-01 00:00,Invoice 5
        """
    ).encode()
    toggl = textwrap.dedent(
        """\
        User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()
        Me,me@x.test,Hafenblick Studio GmbH,Site,,Build,Yes,2026-01-05,09:00:00,2026-01-05,19:00:00,10:00:00,,
        Me,me@x.test,Hafenblick Studio GmbH,Site,,Build,Yes,2026-01-12,09:00:00,2026-01-12,19:00:00,10:00:00,,
        Me,me@x.test,Hafenblick Studio GmbH,Site,,Build,Yes,2026-01-19,09:00:00,2026-01-19,19:00:00,10:00:00,,
        Me,me@x.test,Nordlicht Media,App,,Call,Yes,2026-01-07,09:00:00,2026-01-07,10:00:00,01:00:00,,
        Me,me@x.test,Admin,Admin,,Books,No,2026-01-08,09:00:00,2026-01-08,10:00:00,01:00:00,,
        """
    ).encode()
    data, _, notes = imports.combine(
        [imports.parse(stripe, "balance_history.csv"), imports.parse(toggl, "Toggl.csv")]
    )
    paid = data[data["kind"] == "earning"].set_index("reference")["client"].astype(str)
    assert paid.to_dict() == {
        "txn_1": "Hafenblick Studio GmbH",
        "txn_2": "Hafenblick Studio GmbH",
        "txn_3": "",
        "txn_4": "",
        "txn_5": "",
    }
    assert any(
        "2 payment(s) in Stripe named no client" in n and "(Hafenblick Studio GmbH: 2)" in n
        for n in notes
    )
    from analytics.hours import hourly_rates

    rates = hourly_rates(data, by="client")
    assert rates.loc["Hafenblick Studio GmbH", "hours"] == pytest.approx(30.0)
    assert rates.loc["Hafenblick Studio GmbH", "hourly"] == pytest.approx(48.50, abs=0.005)


def test_a_one_word_or_non_billable_tracker_client_is_not_found_in_descriptions():
    """A reviewer's case: Toggl time for "Personal" and "Website" (one word each) and for
    "Internal Tools Team" marked not billable; Stripe charges "Personal training - 5
    sessions", "Invoice 2 - Website redesign" and "Internal tools team retainer" keep no
    client: a word of a description is no client, and non-billable time is no client's."""
    stripe = textwrap.dedent(
        """\
        id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description
        txn_1,charge,ch_1,300.00,9.00,291.00,eur,2026-01-20 10:00,2026-01-22 00:00,Personal training - 5 sessions
        txn_2,charge,ch_2,500.00,15.00,485.00,eur,2026-01-28 10:00,2026-01-30 00:00,Invoice 2 - Website redesign
        txn_3,charge,ch_3,200.00,6.00,194.00,eur,2026-01-29 10:00,2026-01-31 00:00,Internal tools team retainer
        """
    ).encode()
    toggl = textwrap.dedent(
        """\
        User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()
        Me,me@x.test,Personal,Gym,,Run,Yes,2026-01-05,09:00:00,2026-01-05,19:00:00,10:00:00,,
        Me,me@x.test,Website,Site,,Build,Yes,2026-01-12,09:00:00,2026-01-12,17:00:00,08:00:00,,
        Me,me@x.test,Internal Tools Team,Admin,,Books,No,2026-01-08,09:00:00,2026-01-08,10:00:00,01:00:00,,
        """
    ).encode()
    data, _, notes = imports.combine(
        [imports.parse(stripe, "balance_history.csv"), imports.parse(toggl, "Toggl.csv")]
    )
    assert (data.loc[data["kind"] == "earning", "client"].astype(str) == "").all()
    assert not any("named no client" in n for n in notes)


def test_a_row_skipped_in_two_overlapping_downloads_is_said_to_be_one_row():
    from giglens_ui.page import skipped_again_said

    purchase = '12/2/2025,Pago de suscripción,EUR,"-24,19"'
    rows = pd.DataFrame(
        {
            "file": ["Q1.CSV", "Q1.CSV", "FEB.CSV", "FEB.CSV"],
            "what": ["skipped", "skipped", "skipped", "rejected"],
            "row": [4, 9, 3, 7],
            "reason": ["purchase", "pending", "purchase", "no date"],
            "raw": [purchase, "pending line", purchase, "broken"],
        }
    )
    said = skipped_again_said(rows)["reason"].tolist()
    assert said[:2] == ["purchase", "pending"]  # the first copy and another row as they were
    assert said[2] == "purchase (the same row as in Q1.CSV: one row, listed in both files)"
    assert said[3] == "no date"


def test_a_download_of_another_paypal_account_is_pointed_out():
    from analytics import load_export
    from analytics.combine import combine

    # Hana's PayPal (me@example.com: PAYPAL_ALL_COLUMNS) and, added by mistake, her partner's
    # (dana@example.net receives the payments, and sends the withdrawal)
    partner = PAYPAL_HEADER + (
        '"10/06/2025","10:00:00","PDT","Client Z","General Payment","Completed","USD",'
        '"250.00","-9.00","241.00","z@client.com","Dana@Example.net","Z1","Credit"\n'
        '"10/08/2025","10:00:00","PDT","","General Withdrawal","Completed","USD",'
        '"-241.00","0.00","-241.00","dana@example.net","","Z2","Debit"\n'
    )
    mine = load_export(PAYPAL_ALL_COLUMNS.encode(), "Download.CSV")
    theirs = load_export(partner.encode(), "Download(1).CSV")
    assert (mine.account, theirs.account) == ("me@example.com", "dana@example.net")
    out = combine([mine, theirs])
    said = [n for n in out.notes if "another PayPal account" in n]
    assert said == [
        "Download(1).CSV is a download of another PayPal account (dana@example.net) than your "
        "other PayPal files (me@example.com): its income counts as yours. If it is someone "
        "else's (a partner's), remove it on the Home page; if both accounts are yours, nothing "
        "needs doing."
    ]
    # the same account twice, or a download without email columns, says nothing
    again = load_export(PAYPAL_ALL_COLUMNS.encode(), "Download2.CSV")
    assert not [n for n in combine([mine, again]).notes if "another PayPal account" in n]
