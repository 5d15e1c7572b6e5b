"""Cash App activity CSV (export-formats.md §12): received payments, spending, cash-outs."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import load_export

HEADER = (
    '"Date","Transaction ID","Transaction Type","Currency","Amount","Fee","Net Amount",'
    '"Asset Type","Asset Price","Asset Amount","Status","Notes","Name of sender/receiver",'
    '"Account"'
)
ROWS = """
"2026-06-01 08:00:00 PDT","c1","Received P2P","USD","$1,200.00","$0","$1,200.00","","","","COMPLETE","Logo design","Acme Bakery","Visa Debit 0987"
"2026-06-03 09:15:00 PDT","c2","Received P2P","USD","$250.00","-$7.25","$242.75","","","","COMPLETE","Invoice 12","Bob Smith","Visa Debit 0987"
"2026-06-04 19:56:39 PDT","c3","Cash Card Debit","USD","-$2.90","$0","-$2.90","","","","CARD CHARGED","MTA*NYCT PAYGO","","Visa Debit 0987"
"2026-06-05 10:00:00 PDT","c4","Sent P2P","USD","-$40","$0","-$40","","","","PAYMENT SENT","dinner","Jane","Visa Debit 0987"
"2026-06-10 12:00:00 PDT","c5","Cash out","USD","-$300.00","-$4.50","-$304.50","","","","COMPLETE","","","Visa Debit 0987"
"2026-06-11 12:00:00 PDT","c6","Received P2P","USD","$80.00","$0","$80.00","","","","FAILED","","Carl","Visa Debit 0987"
"2026-06-12 12:00:00 PDT","c7","Bitcoin Buy","USD","-$50.00","-$0.88","-$50.88","BTC","65000","0.00076923","COMPLETE","","","Visa Debit 0987"
"2026-07-01 08:00:00 PDT","c8","Received P2P","USD","-$100.00","$0","-$100.00","","","","PAYMENT REFUNDED","refund logo","Acme Bakery",""
"2026-07-02 08:00:00 PDT","c9","Received P2P","USD","$500.00","$0","$450.00","","","","COMPLETE","","Dana",""
"2026-07-03 25:00:00 PDT","c10","Received P2P","USD","$60.00","$0","$60.00","","","","COMPLETE","","Erin",""
"2026-07-04 08:00:00 PDT","c11","Received P2P","USD","$sixty","$0","$60.00","","","","COMPLETE","","Finn",""
"2026-07-05 08:00:00 PDT","c12","Savings Interest","USD","$1.00","$0","$1.00","","","","COMPLETE","","",""
"2026-07-06 08:00:00 PDT","c13","Boost Payment","USD","$1","$0","$1","","","","CARD REFUNDED","Cash Reward","","Visa Debit 0987"
"""
INCOME = ["earning", "refund", "fee", "adjustment"]


def _sum(tx, col, kind):
    return round(float(tx.loc[tx["kind"] == kind, col].sum()), 2)


@pytest.fixture
def result():
    return load_export((HEADER + ROWS).encode(), filename="cash_app_report.csv")


def test_every_row_accounted_for(result):
    assert result.platform == "cashapp"
    assert result.rows_read == 13
    # imported c1 c2 c5 c8 (c5 gives a transfer and a fee row); 5 skipped; 4 rejected
    assert result.rows_imported == 4
    assert len(result.transactions) == 5
    assert len(result.skipped) == 5
    assert len(result.rejected) == 4


def test_totals_by_hand(result):
    tx = result.transactions
    # received payments: 1,200.00 + 250.00 = 1,450.00 gross; Cash App kept 7.25
    assert _sum(tx, "gross", "earning") == 1450.00
    assert _sum(tx, "fee", "earning") == 7.25
    assert _sum(tx, "net", "earning") == 1442.75
    # the refunded payment goes back to the client
    assert _sum(tx, "gross", "refund") == -100.00
    # cash-out: 300.00 moved to the bank (not income) and a 4.50 instant-transfer fee
    assert _sum(tx, "gross", "transfer") == -300.00
    assert _sum(tx, "fee", "fee") == 4.50 and _sum(tx, "net", "fee") == -4.50
    # all rows together = the file's Net Amounts: 1,200 + 242.75 - 304.50 - 100.00
    assert round(float(tx["net"].sum()), 2) == round(1200 + 242.75 - 304.50 - 100.00, 2)
    income = tx[tx["kind"].isin(INCOME)]
    monthly = income.groupby(income["date"].dt.to_period("M"))["net"].sum().round(2)
    # June: 1,442.75 - 4.50 = 1,438.25; July: -100.00
    assert monthly.to_dict() == {
        pd.Period("2026-06", "M"): 1438.25,
        pd.Period("2026-07", "M"): -100.00,
    }


def test_clients_dates_and_currency(result):
    tx = result.transactions.set_index("reference")
    assert tx.loc["c1", "client"] == "Acme Bakery"
    assert tx.loc["c2", "client"] == "Bob Smith"
    assert tx.loc["c2", "description"] == "Received P2P: Invoice 12"
    assert str(tx.loc["c1", "date"]) == "2026-06-01 08:00:00"
    assert set(result.transactions["currency"]) == {"USD"}


def test_skip_and_reject_reasons(result):
    skipped = dict(zip(result.skipped["row"], result.skipped["reason"]))
    assert "personal spending" in skipped[4]  # c3 Cash Card Debit (row 1 is the header)
    assert "personal spending" in skipped[5]  # c4 Sent P2P
    assert "FAILED" in skipped[7]  # c6
    assert "investment" in skipped[8]  # c7 Bitcoin Buy
    assert "cash-back" in skipped[14]  # c13 Boost
    rejected = dict(zip(result.rejected["row"], result.rejected["reason"]))
    assert "450.00" in rejected[10] and "edited" in rejected[10]  # c9: 500 - 0 is not 450
    assert "25:00:00" in rejected[11]
    assert "$sixty" in rejected[12] and "not an amount" in rejected[12]
    assert "Savings Interest" in rejected[13]


def test_a_paycheck_from_a_gig_platform_is_income_and_payroll_is_not():
    rows = (
        '\n"2026-06-01 08:00:00 PDT","p1","Paycheck Deposit","USD","$640.00","$0","$640.00",'
        '"","","","COMPLETE","","DOORDASH","DoorDash"'
        '\n"2026-06-15 08:00:00 PDT","p2","Paycheck Deposit","USD","$2,100.00","$0","$2,100.00",'
        '"","","","COMPLETE","","ACME PAYROLL LLC",""\n'
    )
    t = load_export((HEADER + rows).encode(), "cash_app_report.csv").transactions
    # DoorDash exports nothing: its 640.00 arriving here is the only record of that income;
    # an employer's payroll is wages, moved into the account, not gig income
    assert list(t["kind"]) == ["earning", "transfer"]
    assert list(t["gross"]) == [640.00, 2100.00] and t["client"].iloc[0] == "DOORDASH"
    # booked under DoorDash, micro-job income, not under Cash App
    assert (t["platform"].iloc[0], t["stream"].iloc[0]) == ("doordash", "micro")


@pytest.mark.parametrize("sender", ["HUBER CONSTRUCTION PAYROLL", "Land Rover Dealer", "GRUBERS"])
def test_a_payroll_whose_name_contains_a_platform_name_is_no_gig_pay(sender):
    row = (
        f'\n"2026-06-15 08:00:00 PDT","p2","Paycheck Deposit","USD","$2,100.00","$0","$2,100.00",'
        f'"","","","COMPLETE","","{sender}",""\n'
    )
    t = load_export((HEADER + row).encode(), "cash_app_report.csv").transactions
    assert list(t["kind"]) == ["transfer"]


def test_cash_app_pay_is_income_when_a_customer_pays_and_skipped_when_the_user_shops():
    """A customer paying the user 45.00 with Cash App Pay is income; the user paying DoorDash
    35.00 with it is a purchase, skipped (not a -35.00 refund)."""
    rows = (
        '\n"2026-06-01 08:00:00 PDT","p1","Cash App Pay","USD","$45.00","$0","$45.00","","","",'
        '"COMPLETE","order 7","Fern","Visa Debit 0987"'
        '\n"2026-06-02 08:00:00 PDT","p2","Cash App Pay","USD","-$35.00","$0","-$35.00","","","",'
        '"PAYMENT SENT","order","DoorDash","Visa Debit 0987"\n'
    )
    result = load_export((HEADER + rows).encode(), "cash_app_report.csv")
    t = result.transactions
    assert t[["kind", "gross", "net"]].values.tolist() == [["earning", 45.0, 45.0]]
    (reason,) = result.skipped["reason"]
    assert "a purchase the user paid with Cash App Pay" in reason


# The older report header (2019-2020): `Transaction ID` first and `Name` instead of `Name of
# sender/receiver`, money out in parentheses. Header and the two Bitcoin rows from a public
# crypto-tax importer's fixture `cash_app_report_btc2019.csv` (repository not recorded); the
# other rows are written here in the same style.
OLDER = """\
Transaction ID,Date,Transaction Type,Currency,Amount,Fee,Net Amount,Asset Type,Asset Price,Asset Amount,Status,Notes,Name,Account
m11cax,2020-02-16 21:59:29 EST,Bitcoin Withdrawal,USD,$0,$0,$0,BTC,,0.03760644,COMPLETED,Withdrawing BTC 0.03760644,,Your Cash
h88o3a,2020-02-16 21:58:49 EST,Bitcoin Buy,USD,($370),($6.71),($376.71),BTC,$9838.74,0.03760644,COMPLETED,purchase of BTC 0.03760644,,Your Cash
a1,2020-02-10 09:00:00 EST,Received P2P,USD,$120,$0,$120,,,,COMPLETE,tutoring,Sam Student,Your Cash
a2,2020-02-12 09:00:00 EST,Received P2P,USD,"$1,050.50",$0,"$1,050.50",,,,COMPLETE,website,Ada Shop,Your Cash
a3,2020-02-20 12:00:00 EST,Cash out,USD,($800),($12),($812),,,,COMPLETE,,,Visa Debit 0987
a4,2020-03-01 09:00:00 EST,Received P2P,USD,($50),$0,($50),,,,PAYMENT REFUNDED,refund website,Ada Shop,Your Cash
a5,2020-02-30 09:00:00 EST,Received P2P,USD,$60,$0,$60,,,,COMPLETE,,Erin,Your Cash
"""


def test_older_header_with_name_column():
    result = load_export(OLDER.encode(), filename="cash_app_report_btc2019.csv")
    assert result.platform == "cashapp"
    assert result.layout == "Cash App activity (older header)"
    tx = result.transactions
    # received: 120.00 + 1,050.50 = 1,170.50, no fees
    assert (_sum(tx, "gross", "earning"), _sum(tx, "net", "earning")) == (1170.50, 1170.50)
    # the refund of 50.00 to Ada Shop, written (50)
    assert _sum(tx, "gross", "refund") == -50.00
    # cash-out of 800.00 to the bank and Cash App's 12.00 fee: (812) = -800 - 12
    assert _sum(tx, "gross", "transfer") == -800.00
    assert (_sum(tx, "fee", "fee"), _sum(tx, "net", "fee")) == (12.00, -12.00)
    income = tx[tx["kind"].isin(INCOME)]
    monthly = income.groupby(income["date"].dt.to_period("M"))["net"].sum().round(2)
    # February: 1,170.50 - 12.00 = 1,158.50; March: -50.00
    assert monthly.to_dict() == {
        pd.Period("2020-02", "M"): 1158.50,
        pd.Period("2020-03", "M"): -50.00,
    }
    clients = tx.set_index("reference")["client"]
    assert (clients["a1"], clients["a2"]) == ("Sam Student", "Ada Shop")
    skipped = dict(zip(result.skipped["row"], result.skipped["reason"], strict=True))
    assert sorted(skipped) == [2, 3] and all("investment" in r for r in skipped.values())
    (reason,) = result.rejected["reason"]  # 30 February
    assert "2020-02-30" in reason
    assert result.rows_read == 7 and result.rows_imported == 4


def test_an_unknown_status_is_rejected_never_income():
    data = (
        HEADER
        + '\n"2026-06-01 08:00:00 PDT","k1","Received P2P","USD","$500.00","$0","$500.00","","",'
        '"","COMPLETE","","Acme","Visa"\n'
        '"2026-06-02 08:00:00 PDT","k2","Received P2P","USD","$800.00","$0","$800.00","","",'
        '"","QWERTY","","Acme","Visa"\n'
    ).encode()
    result = load_export(data, "cash_app_report.csv")
    assert result.transactions["net"].sum() == pytest.approx(500.00)
    [reason] = result.rejected["reason"]
    assert "unknown Cash App status 'QWERTY'" in reason


def test_a_refund_whose_fee_was_given_back_keeps_the_returned_fee():
    """A client refunded 100.00 of a payment whose 2.90 fee Cash App gave back: Amount -100.00,
    Net -97.10 = -100.00 + 2.90, so the fee is -2.90 (net = gross - fee). A refund that kept
    its fee (-50.00, fee 1.45, net -51.45) keeps fee 1.45."""
    rows = (
        '\n"2026-06-06 10:00:00 PDT","r1","Received P2P","USD","-$100.00","$2.90","-$97.10",'
        '"","","","COMPLETE","refund","Acme Bakery","Visa Debit 0987"'
        '\n"2026-06-07 10:00:00 PDT","r2","Received P2P","USD","-$50.00","$1.45","-$51.45",'
        '"","","","COMPLETE","refund","Bob Smith","Visa Debit 0987"\n'
    )
    result = load_export((HEADER + rows).encode(), "cash_app_report.csv")
    assert result.rejected.empty
    t = result.transactions
    assert list(t["kind"]) == ["refund", "refund"]
    assert list(t["gross"]) == [-100.00, -50.00]
    assert list(t["fee"]) == [-2.90, 1.45]
    assert list(t["net"]) == [-97.10, -51.45]


def test_a_payment_without_an_amount_is_rejected_for_its_missing_amount():
    rows = (
        '\n"2025-06-22 07:00:00 PDT","ca08","Received P2P","USD","--","$0","--","","","",'
        '"COMPLETE","tutoring","Lee P","Visa Debit 1234"'
        '\n"2025-06-28 11:00:00 PDT","ca10","Received P2P","USD","$50.00","$0","$50.00","","",'
        '"","COMPLETE","yard work","Sam K","Visa Debit 1234"\n'
    )
    result = load_export((HEADER + rows).encode(), filename="cash_app_report.csv")
    assert result.transactions["gross"].tolist() == [50.00]
    assert result.rejected["row"].tolist() == [2]
    assert result.rejected["reason"].iloc[0].startswith("no amount on this row")


def test_counts_in_messages_have_thousands_separators():
    row = (
        '"2025-06-{day:02d} 08:00:00 PDT","p{n}","Received P2P","USD","$5.00","$0","$5.00","",'
        '"","","COMPLETE","","Jenna R","Visa Debit 1234"'
    )
    rows = "\n".join(row.format(day=1 + n % 28, n=n) for n in range(1001))
    result = load_export((HEADER + "\n" + rows + "\n").encode(), filename="cash_app_report.csv")
    assert len(result.transactions) == 1001
    assert any(w.startswith("1,001 payment(s) received from people") for w in result.warnings)
