"""Toptal Payments exports (export-formats.md §9): the real legacy CSV, a CSV and an XLSX."""

from __future__ import annotations

import io

import pandas as pd
from conftest import shared_file
from openpyxl import Workbook

from analytics import load_export

INCOME = ["earning", "refund", "fee", "adjustment"]


def _sum(tx, col, kind=None):
    sel = tx if kind is None else tx[tx["kind"] == kind]
    return round(float(sel[col].sum()), 2)


def test_real_sample_is_two_transfers_and_no_income():
    result = load_export(shared_file("toptal/toptal_payments_example.csv"))
    assert result.platform == "toptal"
    assert result.rejected.empty and result.skipped.empty
    tx = result.transactions
    assert len(tx) == 2
    # Both rows move money between the Toptal wallet and the user's own card: transfers.
    assert set(tx["kind"]) == {"transfer"}
    assert tx[tx["kind"].isin(INCOME)].empty
    # Amounts as printed in the file: "3,100.00" and -945.12; sum = 2,154.88.
    assert sorted(tx["gross"].round(2)) == [-945.12, 3100.00]
    assert _sum(tx, "gross") == 2154.88
    assert _sum(tx, "fee") == 0.0
    assert list(tx["date"].astype(str)) == ["2016-05-12 12:00:11", "2016-06-12 15:43:23"]
    assert set(tx["currency"]) == {"USD"}
    assert list(tx["reference"]) == ["FISVL_CC00CA231G65", "FISA_CC0094H54323"]
    assert set(tx["stream"]) == {"freelance"}


CSV = """\
Id,Description,Amount,Transaction date
P1,Payment for invoice 1001,"2,400.00",01-31-2026 18:00:00
P2,Transfer to Card,"2,000.00",02-01-2026 09:00:00
P3,Payment for invoice 1002,"1,150.50",02-27-2026 18:00:00
P4,Withdrawal fee,-3.00,02-28-2026 10:00:00
P5,Payment for invoice 1003,"1,000.00",31-02-2026 18:00:00
P6,Payment for invoice 1004,12..5,02-28-2026 18:00:00
P7,Something new,10.00,02-28-2026 18:00:00
"""


def test_csv_kinds_monthly_totals_and_rejections():
    result = load_export(CSV.encode(), filename="toptal.csv")
    assert result.platform == "toptal"
    tx = result.transactions
    assert result.rows_read == 7
    assert len(tx) + len(result.skipped) + len(result.rejected) == 7
    assert len(tx) == 4 and len(result.rejected) == 3
    # earnings: 2,400.00 + 1,150.50 = 3,550.50 ; the card transfer is not income
    assert _sum(tx, "gross", "earning") == 3550.50
    assert _sum(tx, "gross", "transfer") == 2000.00
    # the withdrawal fee is a fee row: gross 0, fee 3.00, net -3.00
    assert _sum(tx, "fee", "fee") == 3.00 and _sum(tx, "net", "fee") == -3.00
    income = tx[tx["kind"].isin(INCOME)]
    monthly = income.groupby(income["date"].dt.to_period("M"))["net"].sum().round(2)
    # January 2,400.00; February 1,150.50 - 3.00 = 1,147.50
    assert monthly.to_dict() == {
        pd.Period("2026-01", "M"): 2400.00,
        pd.Period("2026-02", "M"): 1147.50,
    }
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"]))
    assert "31-02-2026" in reasons[6]  # no 31st of February, and not MM-DD-YYYY
    assert "12..5" in reasons[7]
    assert "Something new" in reasons[8]


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Transactions"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_fee_and_total():
    data = _xlsx(
        [
            ["Id", "Description", "Amount", "Fee", "Total", "Transaction date"],
            ["X1", "Payment for invoice 2001", 3000, -30, 2970, "03-02-2026 12:00:00"],
            ["X2", "Payment for invoice 2002", 1234.56, 0, 1234.56, "03-16-2026 12:00:00"],
            ["X3", "Transfer to Card", -1500, -2.5, -1502.5, "03-20-2026 08:30:00"],
            ["X4", "Payment for invoice 2003", 500, -5, 490, "03-25-2026 12:00:00"],
            [None, None, None, None, None, None],
        ]
    )
    result = load_export(data, filename="toptal.xlsx")
    assert result.platform == "toptal"
    assert "Excel" in result.layout
    tx = result.transactions
    # X4: Total 490 is not 500 - 5 = 495 -> rejected as edited
    assert list(result.rejected["row"]) == [5]
    assert "490.00" in result.rejected["reason"].iloc[0]
    # earnings: gross 3,000.00 + 1,234.56 = 4,234.56; fee 30.00; net 4,204.56
    assert _sum(tx, "gross", "earning") == 4234.56
    assert _sum(tx, "fee", "earning") == 30.00
    assert _sum(tx, "net", "earning") == 4204.56
    # the transfer keeps -1,500.00; its 2.50 fee is a separate fee row (net -2.50)
    assert _sum(tx, "gross", "transfer") == -1500.00
    assert _sum(tx, "fee", "fee") == 2.50
    # all rows together still add up to the file's Totals: 2,970.00 + 1,234.56 - 1,502.50
    assert _sum(tx, "net") == round(2970.00 + 1234.56 - 1502.50, 2)


def test_a_file_of_card_transfers_says_where_toptals_payments_are(csv_bytes):
    """Only money moved between the wallet and the card: no income, and the message points to
    the same Toptal export for other dates (not "the platform that paid you", which is Toptal)."""
    text = """
    Id,Description,Amount,Transaction date
    A1,Transfer to Card,"3,100.00",05-12-2016 12:00:11
    """
    result = load_export(csv_bytes(text))
    [note] = [w for w in result.warnings if w.startswith("None of the")]
    assert note.endswith(
        "The payments you received through Toptal appear in this same Toptal export: download "
        "it for dates that include them."
    )
