"""to_csv_bytes / to_xlsx_bytes: formatting, and formula-like text written as inert text."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from analytics.export import to_csv_bytes, to_xlsx_bytes

DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-05"] * len(DANGEROUS)),
            "description": DANGEROUS,
            "net": [-12.5, 0.0, 1.0, 2.0, 3.0, 4.0],
            "fee_rate": [0.1] * len(DANGEROUS),
            "hours": [1.5] * len(DANGEROUS),
        }
    )


def test_csv_neutralises_formulas_and_keeps_numbers():
    data = to_csv_bytes(sample())
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert back["description"].tolist() == ["'" + d for d in DANGEROUS]
    assert back["net"].tolist() == [-12.5, 0.0, 1.0, 2.0, 3.0, 4.0]  # negative numbers untouched
    assert back["date"].iloc[0] == "2024-01-05"


def test_csv_keeps_a_meaningful_index_and_plain_text():
    frame = pd.DataFrame(
        {"net": [1.0, float("nan")], "note": ["fine", "a-b"]},
        index=pd.period_range("2024-01", periods=2, freq="M", name="month"),
    )
    lines = to_csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines == ["month,net,note", "2024-01,1.0,fine", "2024-02,,a-b"]


def test_xlsx_cells_are_inert_text_or_numbers():
    data = to_xlsx_bytes({"Transactions": sample(), "Summary": sample().head(1)})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Summary", "Transactions"]  # Summary first
    ws = book["Transactions"]
    header = [c.value for c in ws[1]]
    assert header == ["date", "description", "net", "fee_rate", "hours"]
    for row, text in enumerate(DANGEROUS, start=2):
        cell = ws.cell(row=row, column=2)
        # the text itself, never a formula (XML reads a stored CR back as LF)
        assert cell.data_type == "s" and cell.value == text.replace("\r", "\n")
        assert cell.quotePrefix
    net = ws.cell(row=2, column=3)
    assert net.data_type == "n" and net.value == -12.5 and net.number_format == "#,##0.00"
    assert ws.cell(row=2, column=4).number_format == "0.0%"
    assert ws.cell(row=2, column=5).number_format == "0.00"
    assert ws.cell(row=2, column=1).number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= len(DANGEROUS[0])


def test_xlsx_formula_text_is_not_a_formula_in_the_file_itself():
    data = to_xlsx_bytes({"Summary": pd.DataFrame({"x": ["=1+1"]})})
    with io.BytesIO(data) as buffer:
        import zipfile

        sheet = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula element anywhere


def test_xlsx_monthly_summary_shape():
    summary = pd.DataFrame(
        {"gross": [100.0, 0.0], "net_upwork": [90.0, float("nan")], "cumulative_net": [90.0, 90.0]},
        index=pd.period_range("2024-01", periods=2, freq="M", name="month"),
    )
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": summary})))["Summary"]
    assert [c.value for c in ws[1]] == ["month", "gross", "net_upwork", "cumulative_net"]
    assert ws["A2"].value == "2024-01"
    assert ws["C3"].value is None  # NaN is an empty cell
    assert ws["C2"].number_format == "#,##0.00"


def test_xlsx_needs_at_least_one_table():
    with pytest.raises(ValueError, match="nothing to export"):
        to_xlsx_bytes({})
