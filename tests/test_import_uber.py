"""Uber fleet payments_order report (export-formats.md §6.2)."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import load_export

# Separators and case deliberately inconsistent, as in real organisations' reports.
HEADER = (
    "transaction UUID,Driver UUID,Driver first name,Driver surname,Trip UUID,Description,"
    "Org name,vs reporting,Paid to you,Paid to you : Your earnings,"
    "Paid to you : Your earnings : Fare,Paid to you:Your earnings:Fare:Fare,"
    "Paid to you:Your earnings:Service fee,Paid to you:Your earnings:Taxes,"
    "Paid to you : Trip balance : Payouts : Cash collected,Paid to you:Your earnings:Tip,"
    "paid to you:trip balance:payouts:Transferred To Bank Account,"
    "Paid to you:Trip balance:Refunds:Toll"
)
ROWS = """
u1,d1,Ana,Pop,t1,trip completed order,Fleet,2026-03-02 10:15:00.123 -0600 CST,15.00,15.00,20.00,18.00,-5.00,0,0,0,0,0
u2,d1,Ana,Pop,t2,trip completed order,Fleet,2026-03-03 18:00:00.5 -0600 CST,-10.00,22.50,28.00,26.00,-7.00,-1.50,-32.50,3.00,0,0
u3,d1,Ana,Pop,t2,trip fare adjust order,Fleet,2026-03-04 09:00:00.000 -0600 CST,2.00,2.00,2.50,2.50,-0.50,0,0,0,0,0
u4,d1,Ana,Pop,t3,trip completed order,Fleet,2026-03-05 12:00:00.000 -0600 CST,14.00,12.00,16.00,16.00,-4.00,0,0,0,0,2.00
u5,d1,Ana,Pop,,so.payout,Fleet,2026-03-09 04:00:00.000 -0600 CST,-21.00,0,0,0,0,0,0,0,-21.00,0
u6,d1,Ana,Pop,t4,trip completed order,Fleet,yesterday,5.00,5.00,6.00,6.00,-1.00,0,0,0,0,0
u7,d1,Ana,Pop,t5,trip completed order,Fleet,2026-04-02 10:00:00.000 -0500 CDT,abc,abc,6.00,6.00,-1.00,0,0,0,0,0
u8,d1,Ana,Pop,t6,trip completed order,Fleet,2026-04-03 10:00:00.000 -0500 CDT,0,0,0,0,0,0,0,0,0,0
u9,d1,Ana,Pop,t7,trip completed order,Fleet,2026-04-10 10:00:00.000 -0500 CDT,9.00,9.00,12.00,12.00,-3.00,0,0,0,0,0
"""
INCOME = ["earning", "refund", "fee", "adjustment"]


def _sum(tx, col, kind):
    return round(float(tx.loc[tx["kind"] == kind, col].sum()), 2)


@pytest.fixture
def result():
    return load_export((HEADER + ROWS).encode(), filename="20260301-20260430-payments_order-x.csv")


def test_every_row_accounted_for(result):
    assert result.platform == "uber"
    assert result.rows_read == 9
    # imported u1 u2 u3 u4 u5 u9 (u2 also gives a tax row); skipped u8; rejected u6 u7
    assert result.rows_imported == 6
    assert len(result.transactions) == 7
    assert list(result.skipped["row"]) == [9]
    assert list(result.rejected["row"]) == [7, 8]


def test_earnings_fees_taxes_by_hand(result):
    tx = result.transactions
    # gross = Your earnings - service fee - taxes:
    # u1 15 + 5 = 20.00; u2 22.50 + 7 + 1.50 = 31.00; u4 12 + 4 = 16.00; u9 9 + 3 = 12.00
    assert _sum(tx, "gross", "earning") == 20.00 + 31.00 + 16.00 + 12.00
    assert _sum(tx, "fee", "earning") == 5.00 + 7.00 + 4.00 + 3.00
    assert _sum(tx, "net", "earning") == 15.00 + 24.00 + 12.00 + 9.00
    # the fare adjustment: gross 2.50, fee 0.50, net 2.00
    assert (_sum(tx, "gross", "adjustment"), _sum(tx, "fee", "adjustment")) == (2.50, 0.50)
    # taxes withheld on u2
    assert _sum(tx, "gross", "tax") == -1.50
    # the weekly payout to the bank is a transfer, never income
    assert _sum(tx, "gross", "transfer") == -21.00
    # every imported trip row adds back up to its 'Your earnings': 15 + 22.50 + 2 + 12 + 9
    trips = tx[tx["kind"] != "transfer"]
    assert round(float(trips["net"].sum()), 2) == 60.50


def test_monthly_income(result):
    tx = result.transactions
    income = tx[tx["kind"].isin(INCOME)]
    monthly = income.groupby(income["date"].dt.to_period("M"))["net"].sum().round(2)
    # March: 15 + 24 + 2 + 12 = 53.00 ; April: 9.00
    assert monthly.to_dict() == {
        pd.Period("2026-03", "M"): 53.00,
        pd.Period("2026-04", "M"): 9.00,
    }


def test_dates_reasons_and_warnings(result):
    tx = result.transactions.set_index("reference")
    assert tx.loc["u1", "date"] == pd.Timestamp("2026-03-02 10:15:00")
    assert tx.loc["u1", "client"] == "Uber" and "Ana Pop" in tx.loc["u1", "description"]
    assert set(result.transactions["currency"]) == {"USD"}
    assert set(result.transactions["stream"]) == {"micro"}
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"]))
    assert "yesterday" in reasons[7]
    assert "'abc'" in reasons[8]
    assert any("takes US dollars (USD) unless you choose" in w for w in result.warnings)
    assert any("2.00" in w and "Toll" in w for w in result.warnings)


def test_without_timestamp_column_rows_are_rejected_with_a_reason():
    header = "transaction UUID,Trip UUID,Description,Paid to you,Paid to you:Your earnings"
    text = header + "\nu1,t1,trip completed order,10.00,10.00\nu2,,so.payout,-10.00,0\n"
    result = load_export(text.encode(), filename="payments_order.csv")
    assert result.platform == "uber"
    assert result.transactions.empty
    assert len(result.rejected) == 2
    assert all("vs reporting" in r for r in result.rejected["reason"])


# The header of a live probe of one organisation's report (a public fleet importer's test, the
# week of 24-30 August 2026 in AED; repository not recorded) and of export-formats.md §6.2: no
# `vs reporting` column, no date anywhere but in the file name, no currency anywhere.
LIVE_PROBE = (
    "transaction UUID,Driver UUID,Trip UUID,Description,Paid to you,Paid to you : Your earnings,"
    "Paid to you : Your earnings : Fare,Paid to you:Your earnings:Fare:Fare,"
    "Paid to you:Your earnings:Service fee,Paid to you : Trip balance : Payouts : Cash collected,"
    "Paid to you:Your earnings:Tip,Paid to you:Trip balance:Payouts:Transferred To Bank Account"
)
PROBE_ROWS = """
"t1","d1","TRIP-A","trip completed order","45.20","45.20","60.00","60.00","-14.80","0","0","0"
"t3","d2","TRIP-C","trip completed order","22.50","22.50","30.00","30.00","-7.50","-30.00","0","0"
"t6","","","so.payout","-66863.51","0","0","0","0","0","0","-66863.51"
"""


def test_a_report_without_any_date_column_is_dated_by_the_period_its_name_gives():
    # Uber names the report after its period: 24-30 Aug 2026. Without a date per row, every
    # payment is dated 30 Aug 2026, and a warning says so.
    result = load_export(
        (LIVE_PROBE + PROBE_ROWS).encode(), filename="20260824-20260830-payments_order-x.csv"
    )
    assert result.platform == "uber" and result.rejected.empty
    t = result.transactions
    assert set(t["date"]) == {pd.Timestamp("2026-08-30")}
    # t1: earnings 45.20 after a 14.80 service fee -> gross 60.00; t3: 22.50 + 7.50 = 30.00
    earning = t[t["kind"] == "earning"]
    assert earning["gross"].sum() == pytest.approx(90.00)
    assert earning["fee"].sum() == pytest.approx(22.30)
    assert earning["net"].sum() == pytest.approx(67.70)
    assert t.loc[t["kind"] == "transfer", "gross"].sum() == pytest.approx(-66863.51)
    assert any("dated 30 Aug 2026, the last day of the period" in w for w in result.warnings)
    # the same file under a name without its period cannot be dated: rejected, with reasons
    renamed = load_export((LIVE_PROBE + PROBE_ROWS).encode(), filename="uber.csv")
    assert renamed.transactions.empty and list(renamed.rejected["row"]) == [2, 3, 4]
    assert all("no date column" in r for r in renamed.rejected["reason"])
    assert any("add a column named 'vs reporting'" in w for w in renamed.warnings)


def test_live_probe_with_its_timestamp_column_and_the_currency_said_plainly():
    # the same rows with the reference's `vs reporting` timestamps
    header = LIVE_PROBE.replace("Description,", "Description,vs reporting,")
    stamps = [
        "2026-08-24 10:15:00.123 +0400 +04",
        "2026-08-25 18:00:00.500 +0400 +04",
        "2026-08-31 04:00:00.000 +0400 +04",
    ]
    rows = [
        line.replace('"trip completed order",', f'"trip completed order","{stamp}",', 1).replace(
            '"so.payout",', f'"so.payout","{stamp}",', 1
        )
        for line, stamp in zip(PROBE_ROWS.strip().splitlines(), stamps, strict=True)
    ]
    text = header + "\n" + "\n".join(rows) + "\n"
    result = load_export(text.encode(), filename="payments_order.csv")
    assert result.rejected.empty and result.skipped.empty
    tx = result.transactions
    # gross = Your earnings - service fee: 45.20 + 14.80 = 60.00 and 22.50 + 7.50 = 30.00
    assert (_sum(tx, "gross", "earning"), _sum(tx, "fee", "earning")) == (90.00, 22.30)
    assert _sum(tx, "net", "earning") == 45.20 + 22.50
    # the week's bank transfer: never income
    assert _sum(tx, "gross", "transfer") == -66863.51
    assert tx["date"].dt.day.tolist() == [24, 25, 31]
    # nothing in the file says AED: read as USD, and the warning says how to change it
    (warning,) = [w for w in result.warnings if "US dollars" in w]
    assert "takes US dollars (USD) unless you choose" in warning
    assert "add a column named 'Currency'" in warning
    assert set(tx["currency"]) == {"USD"}

    # ... which does it: the same file with a Currency column of AED
    with_currency = "\n".join(
        line + (",Currency" if i == 0 else ",AED") for i, line in enumerate(text.splitlines())
    )
    again = load_export(with_currency.encode(), filename="payments_order.csv")
    assert set(again.transactions["currency"]) == {"AED"}
    assert not any("US dollars" in w for w in again.warnings)
    # the home page offers a currency only for the file that names none
    assert (result.assumed_currency, again.assumed_currency) == ("USD", "")
    assert round(float(again.transactions["net"].sum()), 2) == round(45.20 + 22.50 - 66863.51, 2)


def test_the_timestamp_column_is_found_by_its_cells_under_another_name():
    # Romanian reports call `vs reporting` `față de raportare` (a public fleet importer, which
    # finds it by its date-time cells; repository not recorded). Here under a name GigLens does
    # not know, with the live probe's money columns; one cell re-typed by hand.
    header = LIVE_PROBE.replace("Description,", "Description,Ora raportării,")
    rows = (
        '"t1","d1","TRIP-A","trip completed order","2026-08-24 10:15:00.123 +0400 +04",'
        '"45.20","45.20","60.00","60.00","-14.80","0","0","0"\n'
        '"t3","d2","TRIP-C","trip completed order","2026-08-24 11:00:00.000 +0400 +04",'
        '"22.50","22.50","30.00","30.00","-7.50","-30.00","0","0"\n'
        '"t4","d2","TRIP-D","trip completed order","24/08/2026 12:00",'
        '"10.00","10.00","12.50","12.50","-2.50","0","0","0"\n'
    )
    result = load_export((header + "\n" + rows).encode(), filename="report.csv")
    (reason,) = result.rejected["reason"]
    assert "24/08/2026 12:00" in reason and "Ora raportării" in reason
    tx = result.transactions
    # 45.20 + 14.80 = 60.00 and 22.50 + 7.50 = 30.00; fees 14.80 + 7.50
    assert (_sum(tx, "gross", "earning"), _sum(tx, "fee", "earning")) == (90.00, 22.30)
    assert _sum(tx, "net", "earning") == 67.70
    assert tx["date"].tolist() == [
        pd.Timestamp("2026-08-24 10:15:00"),
        pd.Timestamp("2026-08-24 11:00:00"),
    ]
    assert any("dated from the column 'Ora raportării'" in w for w in result.warnings)


def test_overlapping_and_joined_reports_count_a_transaction_once():
    from analytics.combine import combine

    rows = '"t1","d1","TRIP-A","trip completed order","45.20","45.20","60.00","60.00","-14.80","0","0","0"\n'
    week = load_export(
        (LIVE_PROBE + "\n" + rows).encode(), filename="20260824-20260830-payments_order-f.csv"
    )
    month = load_export(
        (LIVE_PROBE + "\n" + rows).encode(), filename="20260801-20260831-payments_order-f.csv"
    )
    both = combine([week, month])
    assert both.transactions["net"].sum() == pytest.approx(45.20) and both.duplicates == [0, 1]
    # two downloads joined into one file: the second t1 is skipped as a repeat
    joined = load_export(
        (LIVE_PROBE + "\n" + rows + LIVE_PROBE + "\n" + rows).encode(),
        filename="20260824-20260830-payments_order-j.csv",
    )
    assert joined.transactions["net"].sum() == pytest.approx(45.20)
    # a week across two months says where its payments count
    late = load_export(
        (LIVE_PROBE + "\n" + rows).encode(), filename="20261228-20270103-payments_order-f.csv"
    )
    assert any("payments of December count in January" in w for w in late.warnings)
