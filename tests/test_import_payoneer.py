"""Payoneer transactions CSV (export-formats.md §8): fee rows, card spending, status, variants."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import load_export

HEADER = (
    "Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,Credit Amount,"
    "Debit Amount,Currency,Transfer Amount,Transfer Amount Currency,Status,"
    "Additional Description,Store Name,Source,Target,Reference ID"
)

FILE = (
    HEADER
    + """
01/15/2026,10:00:00,UTC,T1,Payment from Acme Inc,"1,250.00",,USD,,,Completed,,,,,
01/15/2026,10:00:05,UTC,T2,Transaction fee,,-12.50,USD,,,Completed,,,,,
01/20/2026,09:00:00,UTC,T3,Card charge (AMAZON MKTPL),,45.99,USD,,,Completed,,,,,
01/31/2026,23:59:59,UTC,T4,Annual card fee,,29.95,USD,,,Completed,,,,,

02/02/2026,08:00:00,UTC,T5,Withdrawal to Chase Bank,,"1,000.00",USD,,,Completed,,,,,
02/10/2026,12:00:00,UTC,T6,Payment from Beta GmbH,500.00,,EUR,,,Completed,,,,,
02/11/2026,12:00:00,UTC,T7,Payment from Gamma LLC,300.00,,USD,,,Canceled,,,,,
02/12/2026,12:00:00,UTC,T8,Refund to Acme Inc,,100.00,USD,,,Completed,partial refund,,,,
13/45/2026,12:00:00,UTC,T9,Payment from Acme Inc,10.00,,USD,,,Completed,,,,,
02/14/2026,12:00:00,UTC,T10,Payment from Acme Inc,abc,,USD,,,Completed,,,,,
02/15/2026,12:00:00,UTC,T11,Mystery credit thing,5.00,,USD,,,Completed,,,,,
02/16/2026,12:00:00,UTC,T12,Payment from Acme Inc,7.00,,USD,,,Failed,,,,,
"""
)


def _sum(tx, col, **where):
    sel = tx
    for key, value in where.items():
        sel = sel[sel[key].astype(str) == value]
    return round(float(sel[col].sum()), 2)


@pytest.fixture
def result():
    return load_export(FILE.encode(), filename="payoneer.csv")


def test_detected_and_every_row_accounted_for(result):
    assert result.platform == "payoneer"
    # 13 data rows (12 transactions + 1 blank line): 6 imported, 4 skipped, 3 rejected.
    assert result.rows_read == 13
    assert len(result.transactions) == 6
    assert len(result.skipped) == 4
    assert len(result.rejected) == 3
    assert set(result.transactions["reference"]) == {"T1", "T2", "T4", "T5", "T6", "T8"}


def test_kinds_and_totals_by_hand(result):
    tx = result.transactions
    # earnings: USD 1,250.00 (Acme) and EUR 500.00 (Beta) — never mixed.
    assert _sum(tx, "gross", kind="earning", currency="USD") == 1250.00
    assert _sum(tx, "gross", kind="earning", currency="EUR") == 500.00
    # fee rows: gross 0, fee 12.50 + 29.95 = 42.45, net = 0 - 42.45.
    assert _sum(tx, "gross", kind="fee") == 0.0
    assert _sum(tx, "fee", kind="fee") == 42.45
    assert _sum(tx, "net", kind="fee") == -42.45
    # the withdrawal is a transfer of -1,000.00, never income
    assert _sum(tx, "gross", kind="transfer") == -1000.00
    # refund of 100.00 to a client: negative gross
    assert _sum(tx, "gross", kind="refund") == -100.00
    assert (tx["net"].round(2) == (tx["gross"] - tx["fee"]).round(2)).all()


def test_monthly_income_by_hand(result):
    tx = result.transactions
    income = tx[tx["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    usd = income[income["currency"] == "USD"]
    by_month = usd.groupby(usd["date"].dt.to_period("M"))["net"].sum().round(2)
    # January: 1,250.00 - 12.50 - 29.95 = 1,207.55; February: refund -100.00
    assert by_month.to_dict() == {
        pd.Period("2026-01", "M"): 1207.55,
        pd.Period("2026-02", "M"): -100.00,
    }


def test_clients_and_dates(result):
    tx = result.transactions.set_index("reference")
    assert tx.loc["T1", "client"] == "Acme Inc"
    assert tx.loc["T6", "client"] == "Beta GmbH"
    assert tx.loc["T8", "client"] == "Acme Inc"
    assert "partial refund" in tx.loc["T8", "description"]
    assert str(tx.loc["T4", "date"]) == "2026-01-31 23:59:59"
    assert tx.loc["T6", "stream"] == "freelance"


def test_skip_and_reject_reasons(result):
    skipped = dict(zip(result.skipped["row"], result.skipped["reason"]))
    # spreadsheet rows: header is row 1, T1 is row 2, blank line is row 6
    assert "card purchase: spending, not income" in skipped[4]  # T3 card charge
    assert skipped[6] == "blank line"
    assert "Canceled" in skipped[9]  # T7
    assert "Failed" in skipped[14]  # T12
    rejected = dict(zip(result.rejected["row"], result.rejected["reason"]))
    assert "13/45/2026" in rejected[11] and "date" in rejected[11]
    assert "'abc'" in rejected[12]
    assert "Mystery credit thing" in rejected[13]


def test_ten_column_variant():
    text = """\
Currency,Payment Method,Date,Time,Timezone,Credit,Debit,Status,Balance,Description
USD,Payoneer,03-01-2026,10:00:00,UTC,200.00,,Completed,200.00,Payment from Delta Co
USD,Payoneer,03-02-2026,11:00:00,UTC,,3.00,Completed,197.00,Transaction fee
USD,Payoneer,03-05-2026,11:00:00,UTC,,-150.00,Completed,47.00,Withdrawal to Bank of America
USD,Payoneer,03-06-2026,11:00:00,UTC,40.00,,Pending,47.00,Payment from Delta Co
"""
    result = load_export(text.encode(), filename="p.csv")
    assert result.platform == "payoneer"
    assert result.rejected.empty
    assert len(result.skipped) == 1  # the pending payment
    tx = result.transactions
    assert _sum(tx, "gross", kind="earning") == 200.00
    assert _sum(tx, "fee", kind="fee") == 3.00
    assert _sum(tx, "gross", kind="transfer") == -150.00
    # income net for March: 200.00 - 3.00 = 197.00 (equals the file's Balance before withdrawal)
    assert _sum(tx[tx["kind"] != "transfer"], "net") == 197.00


def test_a_client_named_fee_is_income_and_a_card_refund_is_not():
    text = (
        HEADER
        + "\n03/09/2024,10:00:00,UTC,T1,Payment from Fee Consulting Ltd,200.00,,USD,,,Completed,,,,,"
        + "\n03/10/2024,10:00:00,UTC,T2,Card charge (AMAZON),,25.00,USD,,,Completed,,,,,"
        + "\n03/12/2024,10:00:00,UTC,T3,Refund for card charge (AMAZON),25.00,,USD,,,Completed,,,,,\n"
    )
    result = load_export(text.encode(), "payoneer.csv")
    t = result.transactions
    # the 200.00 is a client's payment (not a fee of -200.00); the card purchase and the money
    # back on it are personal spending, neither income nor cost
    assert list(t["kind"]) == ["earning"] and list(t["gross"]) == [200.00]
    assert list(t["client"]) == ["Fee Consulting Ltd"]
    reasons = dict(zip(result.skipped["row"], result.skipped["reason"], strict=True))
    assert reasons[3].startswith("Payoneer card purchase") and reasons[4].startswith("refund of")


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("Refund to Card Refund Co", "refund"),  # a client whose name has "card" in it
        ("Returned payment to Green Card Legal", "refund"),
        ("Refund of annual card fee", "fee"),  # a fee given back stays with the fees
        ("Refund for card charge (AMAZON)", "card_refund"),
        ("Card charge (AMAZON) reversal", "card_refund"),
        ("Payment received - returned", "refund"),
        ("Payment from Fee Consulting Ltd", "earning"),
    ],
)
def test_descriptions_with_card_fee_or_refund_words(description, kind):
    from analytics.importers.payoneer import classify

    assert classify(pd.Series([description], dtype="str")).iloc[0] == kind


def test_a_withdrawal_paid_out_in_rupees_costs_what_it_fell_short_of_the_ecb_rate():
    """550.00 USD withdrawn on Sunday 20 Sep 2026 reached the bank as 51,677.92 INR. The ECB
    reference rates of Friday 18 Sep 2026 (the last before it): 1 EUR = 1.1460 USD = 109.8755
    INR, so 1 INR = 1.146 / 109.8755 USD and 51,677.92 INR = 539.0006 -> 539.00 USD. The
    conversion cost 550.00 - 539.00 = 11.00 USD, a Payoneer fee; the transfer carries 539.00.
    A withdrawal in dollars to a dollar account (no Transfer Amount) stays whole."""
    from analytics.fees import fee_summary

    text = (
        "Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,Credit Amount,"
        "Debit Amount,Currency,Transfer Amount,Transfer Amount Currency,Status\n"
        "09/20/2026,01:44:59,GMT+05:30,7101133,Withdrawal to HDFC BANK LTD,,-550.00,USD,"
        '"51,677.92",INR,Completed\n'
        "09/10/2026,05:46:42,GMT+05:30,7100540,Payment from Upwork Global Inc.,800.00,,USD,,,"
        "Completed\n"
        "09/25/2026,10:00:00,GMT+05:30,7101140,Withdrawal to Chase,,-100.00,USD,,,Completed\n"
    )
    result = load_export(text.encode(), "payoneer.csv")
    assert result.rejected.empty
    t = result.transactions
    fee = t[t["kind"] == "fee"]
    assert fee["fee"].tolist() == [11.00]
    assert fee["description"].iat[0] == (
        "Currency conversion 550.00 USD to 51,677.92 INR, worth 539.00 USD at the ECB "
        "reference rate of 2026-09-18"
    )
    assert sorted(t.loc[t["kind"] == "transfer", "gross"]) == [-539.00, -100.00]
    # every dollar accounted for: 800.00 in, 550.00 + 100.00 out
    assert round(float(t["net"].sum()), 2) == 150.00
    assert any("the difference (11.00 USD) counts as a Payoneer fee" in w for w in result.warnings)
    summary = fee_summary(t)
    assert summary.loc["payoneer", "conversion_costs"] == 11.00


def test_conversions_without_a_rate_or_after_the_rates_end_are_said():
    """A withdrawal paid out in Pakistani rupees (no ECB reference rate) stays whole, said so;
    one after the last day of the bundled rates (30 Oct 2026) is measured against that day's
    rate, said so too."""
    from analytics.currency import fx_rate

    text = (
        "Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,Credit Amount,"
        "Debit Amount,Currency,Transfer Amount,Transfer Amount Currency,Status\n"
        '09/20/2026,01:44:59,GMT+05:00,1,Withdrawal to HBL,,-550.00,USD,"153,000.00",PKR,'
        "Completed\n"
        '11/25/2026,01:44:59,GMT+05:30,2,Withdrawal to HDFC,,-550.00,USD,"48,500.00",INR,'
        "Completed\n"
    )
    result = load_export(text.encode(), "payoneer.csv")
    t = result.transactions
    said = " ".join(result.warnings)
    assert "in a currency or on a day without an ECB reference rate (e.g. USD to PKR" in said
    last = fx_rate("INR", "USD", pd.Timestamp("2026-11-25").date())[1]
    if (pd.Timestamp("2026-11-25") - pd.Timestamp(last)).days > 4:  # the bundled rates end
        assert "came after the last day of the ECB rates GigLens holds" in said
    # the rupee withdrawal stays whole: -550.00, no fee for it
    assert (t.loc[t["reference"] == "1", "gross"] == -550.00).all()
    assert (t.loc[t["reference"] == "1", "kind"] == "transfer").all()


def test_a_conversion_between_balances_costs_what_it_fell_short_of_the_ecb_rate():
    """Oliver's Payoneer converts 5,000.00 USD of his dollar balance into 3,610.00 GBP on
    Monday 16 Jun 2025: two rows, one Reference ID. ECB rates that day: 1 EUR = 1.1574 USD =
    0.8523 GBP, so 3,610.00 GBP = 3,610 x 1.1574 / 0.8523 = 4,902.2809 -> 4,902.28 USD: the
    conversion cost 5,000.00 - 4,902.28 = 97.72 USD, a Payoneer fee in the currency sold; the
    dollars' transfer carries 4,902.28 and the pounds' 3,610.00. A pair without a Reference ID
    is matched by its description and day; a conversion row without its other row stays whole."""
    from analytics.fees import fee_summary

    text = (
        HEADER
        + """
06/10/2025,09:00:00,GMT,P1,Payment from Toptal LLC,"6,000.00",,USD,,,Completed,,,,,
06/16/2025,12:00:00,GMT,C1,Currency conversion from USD to GBP,,-5000.00,USD,,,Completed,,,,,CNV1
06/16/2025,12:00:02,GMT,C2,Currency conversion from USD to GBP,3610.00,,GBP,,,Completed,,,,,CNV1
06/16/2025,13:00:00,GMT,C3,Currency conversion from USD to GBP,,-500.00,USD,,,Completed,,,,,
06/16/2025,13:00:02,GMT,C4,Currency conversion from USD to GBP,361.00,,GBP,,,Completed,,,,,
06/20/2025,12:00:00,GMT,C5,Currency conversion from USD to EUR,,-100.00,USD,,,Completed,,,,,CNV9
"""
    )
    result = load_export(text.encode(), "payoneer.csv")
    assert result.rejected.empty and result.skipped.empty
    t = result.transactions
    fees = t[t["kind"] == "fee"].sort_values("fee")
    # 361.00 GBP = 490.228 -> 490.23 USD for 500.00: 9.77
    assert fees["fee"].tolist() == [9.77, 97.72]
    assert fees["currency"].astype(str).tolist() == ["USD", "USD"]
    assert fees["description"].iat[1] == (
        "Currency conversion 5,000.00 USD to 3,610.00 GBP, worth 4,902.28 USD at the ECB "
        "reference rate of 2025-06-16"
    )
    transfers = t[t["kind"] == "transfer"]
    assert sorted(transfers.loc[transfers["currency"] == "USD", "gross"]) == [
        -4902.28,
        -490.23,
        -100.0,
    ]
    assert sorted(transfers.loc[transfers["currency"] == "GBP", "gross"]) == [361.00, 3610.00]
    # every dollar accounted for: 6,000.00 in, 5,000.00 + 500.00 + 100.00 out; 3,971.00 GBP in
    usd, gbp = (t[t["currency"] == c]["net"].sum() for c in ("USD", "GBP"))
    assert (round(float(usd), 2), round(float(gbp), 2)) == (400.00, 3971.00)
    assert any(
        "Payoneer: 2 conversion(s) between your Payoneer balances at a rate below" in w
        for w in result.warnings
    )
    assert fee_summary(t).loc["payoneer", "conversion_costs"] == pytest.approx(107.49)
