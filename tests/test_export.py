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
    assert lines == ["month,net,note", "2024-01,1.00,fine", "2024-02,,a-b"]  # money: 1.00


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


def test_csv_numbers_in_a_mixed_column_stay_numbers():
    frame = pd.DataFrame(
        {"raw": [-5.0, "=1+1", "-x", None, pd.Period("2024-01", "M")], "n": [1, 2, 3, 4, 5]}
    )
    lines = to_csv_bytes(frame).decode("utf-8-sig").splitlines()
    # the number -5.0 is not text; the two formula-like texts are neutralised; a period is text
    assert lines == ["raw,n", "-5.0,1", "'=1+1,2", "'-x,3", ",4", "2024-01,5"]


def test_xlsx_writes_odd_values_as_text_instead_of_failing():
    frame = pd.DataFrame(
        {
            "what": [pd.Period("2024-01", "M"), [1, 2], "ok"],
            "when": [pd.Timestamp("2024-01-05 10:00", tz="Europe/Berlin")] * 3,
        }
    )
    frame["when"] = frame["when"].astype(object)  # tz-aware timestamps in an object column
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": frame})))["Summary"]
    assert [ws["A2"].value, ws["A3"].value, ws["A4"].value] == ["2024-01", "[1, 2]", "ok"]
    assert str(ws["B2"].value) == "2024-01-05 10:00:00"  # local time, the zone dropped


def test_xlsx_number_formats_follow_the_column_meaning():
    frame = pd.DataFrame(
        {
            "net_with_hours": [100.0],  # money, although the name ends in "hours"
            "hours": [2.0],
            "hours_worked": [2.5],
            "fx_rate": [1.0956],  # an exchange rate, not a percentage
            "income_so_far": [1000.0],
            "set_aside": [250.0],
            "shortfall": [0.0],
            "n_payments": [3],
            "above_by": [25.19],  # the Fees sheet: money above the schedule
            "conversion_costs": [51.5],
            "hourly_coverage": [0.07],  # a share of the income, not money (the Streams sheet)
        }
    )
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": frame})))["Summary"]
    formats = {ws.cell(1, j).value: ws.cell(2, j).number_format for j in range(1, 12)}
    assert formats == {
        "net_with_hours": "#,##0.00",
        "hours": "0.00",
        "hours_worked": "0.00",
        "fx_rate": "0.0000",
        "income_so_far": "#,##0.00",
        "set_aside": "#,##0.00",
        "shortfall": "#,##0.00",
        "n_payments": "General",
        "above_by": "#,##0.00",
        "conversion_costs": "#,##0.00",
        "hourly_coverage": "0.0%",
    }


def test_xlsx_money_cells_carry_their_currency():
    rows = pd.DataFrame(
        {"gross": [100.0, 90.0], "fee": [10.0, 0.0], "currency": ["USD", "EUR"], "hours": [1, 2]}
    )
    summary = pd.DataFrame({"net": [90.0]})
    data = to_xlsx_bytes({"Summary": summary, "Transactions": rows}, currency="GBP")
    book = openpyxl.load_workbook(io.BytesIO(data))
    tx = book["Transactions"]
    assert tx["A2"].number_format == '#,##0.00 "USD"' and tx["A2"].value == 100  # still a number
    assert tx["A3"].number_format == '#,##0.00 "EUR"'  # each row its own currency
    assert tx["D2"].number_format == "0.00"  # hours are not money
    assert book["Summary"]["A2"].number_format == '#,##0.00 "GBP"'  # the given currency
    # the table's own attrs["currency"] works too; an invalid code falls back to no code
    summary.attrs["currency"] = "EUR"
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": summary})))["Summary"]
    assert ws["A2"].number_format == '#,##0.00 "EUR"'
    summary.attrs["currency"] = '"; =1'
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": summary})))["Summary"]
    assert ws["A2"].number_format == "#,##0.00"


def test_xlsx_notes_sheet_keeps_the_tax_disclaimer():
    summary = pd.DataFrame({"tax_set_aside": [25.0]})
    summary.attrs["disclaimer"] = "Estimate, not tax advice — US 2025 parameters"
    summary.attrs["messages"] = ["2 tracked hours match no income and are not counted"]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": summary})))
    assert book.sheetnames == ["Summary", "Notes"]  # Summary still first
    notes = [[c.value for c in row] for row in book["Notes"].iter_rows()]
    assert notes == [
        ["sheet", "note"],
        ["Summary", "Estimate, not tax advice — US 2025 parameters"],
        ["Summary", "2 tracked hours match no income and are not counted"],
    ]
    plain = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": pd.DataFrame({"a": [1]})})))
    assert plain.sheetnames == ["Summary"]  # no notes, no Notes sheet


def test_csv_writes_money_without_float_noise_and_hours_with_their_precision():
    frame = pd.DataFrame({"net": [0.1 + 0.2, 520.96 - 1e-13], "hours": [1 / 3, 0.33333]})
    text = to_csv_bytes(frame).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[1] == "0.30,0.333333333333333"  # money to the cent, hours to 15 digits
    assert lines[2] == "520.96,0.33333"


def test_xlsx_a_column_that_names_its_currency_keeps_it():
    # amounts shown in EUR, the US tax to set aside in USD: its column says so
    summary = pd.DataFrame({"month": ["2025-01"], "net": [900.0], "tax_set_aside_USD": [134.23]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": summary}, currency="EUR")))
    sheet = book["Summary"]
    assert sheet["B2"].number_format == '#,##0.00 "EUR"'
    assert sheet["C2"].number_format == '#,##0.00 "USD"'


def test_files_hold_whole_cents_without_float_noise_and_keep_big_amounts_whole():
    # sums of floats: 10,000 x 0.10 added one by one is 1000.0000000001588; a year in rupiah
    # has eleven digits before its cents; hours keep their digits
    values = [sum([0.1] * 10_000), 999.9999999999999, 12_345_678_901.23, 0.33333]
    frame = pd.DataFrame({"net": values})
    lines = to_csv_bytes(frame).decode("utf-8-sig").split()
    # whole cents with both decimals; parts of a cent (0.33333) kept, written as they are
    assert lines == ["net", "1000.00", "1000.00", "12345678901.23", "0.33333"]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": frame})))
    assert [row[0].value for row in book["Summary"].iter_rows(min_row=2)] == [
        1000,
        1000,
        12_345_678_901.23,
        0.33333,
    ]


def test_no_negative_zero_and_big_hours_keep_their_decimals():
    frame = pd.DataFrame({"net": [-5.55e-17, 10_000_000.004], "hours": [1.0, 12_345_678.9012]})
    lines = to_csv_bytes(frame).decode("utf-8-sig").split()
    assert lines == ["net,hours", "0.00,1", "10000000.004,12345678.9012"]


def test_original_amounts_carry_their_own_currency_and_columns_fit_the_code():
    table = pd.DataFrame(
        {
            "gross": [972.00],
            "currency": ["USD"],
            "original_gross": [900.00],
            "original_currency": ["EUR"],
        }
    )
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Transactions": table})))
    ws = book["Transactions"]
    assert ws["A2"].number_format == '#,##0.00 "USD"'
    assert ws["C2"].number_format == '#,##0.00 "EUR"'  # 900 euros, not "900.00 USD"
    # "original_gross" (14) is the widest in C; in A, "972.00 USD" (10) beats "gross" (5)
    assert ws.column_dimensions["A"].width == 10 + 2


def test_xlsx_control_characters_become_spaces_instead_of_failing_the_workbook():
    # a payer's name with Word's Shift+Enter (vertical tab) and a form feed: XML 1.0 cannot hold
    # them, so openpyxl refused the whole workbook; the CSV keeps the text as it is
    frame = pd.DataFrame({"client": ["Ada\x0bLtd", "Bo\x0c\x01b"], "net": [1.0, 2.0]})
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Transactions": frame})))["Transactions"]
    assert [ws.cell(2, 1).value, ws.cell(3, 1).value] == ["Ada Ltd", "Bo  b"]
    assert "Ada\x0bLtd" in to_csv_bytes(frame).decode("utf-8-sig")


def test_a_filtered_tables_row_numbers_are_not_written_as_a_column():
    # rows of a table in another order, as a filter may leave them: the file starts with the
    # data, not with an `index` column of their row numbers; a named or non-numeric index is still written
    # (rows 2, 0, 1: an index no RangeIndex can stand for)
    frame = pd.DataFrame({"client": ["A", "B", "C"], "net": [1.0, 2.0, 3.0]}).iloc[[2, 0, 1]]
    assert not isinstance(frame.index, pd.RangeIndex)
    assert to_csv_bytes(frame).decode("utf-8-sig").splitlines() == [
        "client,net",
        "C,3.00",
        "A,1.00",
        "B,2.00",
    ]
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"T": frame})))["T"]
    assert [c.value for c in ws[1]] == ["client", "net"]
    by_platform = pd.Series([5.0], index=pd.Index(["upwork"]), name="fees")
    assert to_csv_bytes(by_platform).decode("utf-8-sig").splitlines() == [
        "index,fees",
        "upwork,5.00",
    ]


def test_csv_for_a_spreadsheet_whose_decimal_mark_is_the_comma():
    """German/French Excel opens `;`-separated files with decimal commas: 1234.5 is written
    1234,50, a text holding `;` is quoted, formula-like text stays inert, dates stay ISO."""
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-10", "2025-02-03"]),
            "client": ["Müller; Söhne", "=1+1"],
            "net": [1234.5, -0.25],
            "hours": [2.0, float("nan")],
        }
    )
    data = to_csv_bytes(frame, "semicolon")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n") == [
        "date;client;net;hours",
        '2025-01-10;"Müller; Söhne";1234,50;2',
        "2025-02-03;'=1+1;-0,25;",
        "",
    ]
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert back["net"].tolist() == [1234.5, -0.25]
    with pytest.raises(ValueError, match="comma, semicolon"):
        to_csv_bytes(frame, "tab")


# --- edges found by a mutation audit (export) ---


def test_csv_headers_that_look_like_formulas_get_an_apostrophe():
    # A column named after a client "=HYPERLINK(..)" (a pivot by client): the header is text
    # too, written '=HYPERLINK(..), as the docstring promises for "cells and headers".
    frame = pd.DataFrame({'=HYPERLINK("http://x")': [1.0], "-net": [2.0], "plain": [3.0]})
    lines = to_csv_bytes(frame).decode("utf-8-sig").split("\r\n")
    assert lines[0] == '"\'=HYPERLINK(""http://x"")",\'-net,plain'
    assert lines[1] == "1,2.00,3"  # numbers untouched (-net is money: to the cent)


def test_xlsx_headers_that_look_like_formulas_are_text_not_formulas():
    frame = pd.DataFrame({"=1+1": [1.0], "@client": [2.0]})
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": frame})))["Summary"]
    for cell, text in ((ws["A1"], "=1+1"), (ws["B1"], "@client")):
        assert cell.data_type == "s" and cell.value == text  # never a formula
        assert cell.quotePrefix


def test_csv_rates_keep_their_fourth_decimal():
    # fx_rate 1.0904 is 0.0004 from the cent 1.09: far more than float noise (a billionth of
    # 1.0904 is about 1e-9), so it is written 1.0904, not 1.09. 0.3333 h likewise (0.0033 off).
    frame = pd.DataFrame({"fx_rate": [1.0904], "hours": [0.3333]})
    lines = to_csv_bytes(frame).decode("utf-8-sig").split("\r\n")
    assert lines[1] == "1.0904,0.3333"


def test_xlsx_sheet_names_fit_excels_31_characters():
    # Excel refuses sheet names longer than 31 characters
    name = "Income by client and platform, 2025"  # 35 characters
    data = to_xlsx_bytes({name: pd.DataFrame({"x": [1]})})
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == [name[:31]]


def test_xlsx_sheet_names_differing_only_in_case_get_a_number():
    # Excel compares sheet names ignoring case: "Fees" after "fees" would be a duplicate
    data = to_xlsx_bytes({"fees": pd.DataFrame({"x": [1]}), "Fees": pd.DataFrame({"x": [2]})})
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["fees", "Fees (2)"]


def test_xlsx_a_row_without_a_currency_gets_the_plain_money_format():
    # currency USD, then missing: the second net is plain #,##0.00, not #,##0.00 "NAN"
    frame = pd.DataFrame({"currency": ["USD", None], "net": [1.0, 2.0]})
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": frame})))["Summary"]
    assert ws["B2"].number_format == '#,##0.00 "USD"'
    assert ws["B3"].number_format == "#,##0.00"


def test_xlsx_notes_sheet_lists_each_note_once():
    # the disclaimer repeated among the table's messages is listed once
    table = pd.DataFrame({"tax": [100.0]})
    table.attrs["disclaimer"] = "Estimate, not tax advice"
    table.attrs["messages"] = ["Estimate, not tax advice", "Income of 2025 only"]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Tax": table})))
    notes = [row[1] for row in book["Notes"].iter_rows(min_row=2, values_only=True)]
    assert notes == ["Estimate, not tax advice", "Income of 2025 only"]


def test_a_monthly_tables_total_row_adds_money_and_hours_only():
    from analytics.export import with_total_row

    months = pd.DataFrame(
        {
            "month": ["2025-01", "2025-02"],
            "currency": ["USD", "USD"],
            "gross": [100.10, 200.25],
            "fees": [10.01, 20.03],
            "net": [90.09, 180.22],
            "hours": [1.5, 2.25],
            "hourly": [60.06, 80.10],
            "fee_rate": [0.1, 0.1],
            "cumulative_net": [90.09, 270.31],
        }
    )
    total = with_total_row(months).iloc[-1]
    assert total["month"] == "Total" and total["currency"] == "USD"
    # 100.10 + 200.25, 10.01 + 20.03, 90.09 + 180.22, 1.5 + 2.25 hours
    assert (total["gross"], total["fees"], total["net"], total["hours"]) == (
        300.35,
        30.04,
        270.31,
        3.75,
    )
    # an hourly rate, a fee rate and a running total do not add up over months
    assert total[["hourly", "fee_rate", "cumulative_net"]].isna().all()
    assert len(with_total_row(months.iloc[0:0])) == 0  # no months: no total


def test_csv_money_is_written_to_the_cent_with_both_decimals():
    # a bookkeeper's and a German reviewer's files: a money column of whole cents is written
    # with both decimals (1931.9 -> 1931.90, 1820 -> 1820,00); one with parts of a cent (a
    # converted 11.6267803507412) keeps them, so its rows still add up to the pages' total
    # (1,000 converted cents of 0.00956 are 9.56, not 1,000 x 0.01 = 10.00); the fx_rate and
    # hours keep their digits
    frame = pd.DataFrame(
        {"net": [1931.9, 1820.0], "fx_rate": [1.0, 0.8612345], "hours": [1.5, 1 / 3]}
    )
    assert to_csv_bytes(frame, "semicolon").decode("utf-8-sig").split("\r\n")[1:-1] == [
        "1931,90;1;1,5",
        "1820,00;0,8612345;0,333333333333333",
    ]
    converted = pd.DataFrame({"net": [11.6267803507412, 0.00956]})
    assert to_csv_bytes(converted).decode("utf-8-sig").split("\r\n")[1:-1] == [
        "11.6267803507412",
        "0.00956",
    ]
    # beside them, the rows already in the base currency keep both decimals (1850.00, not 1850)
    mixed = pd.DataFrame(
        {"net": [1850.0, 301.1, 11.6267803507412, float("nan")], "kind": ["a", "b", "c", "d"]}
    )
    assert to_csv_bytes(mixed, "semicolon").decode("utf-8-sig").split("\r\n")[1:-1] == [
        "1850,00;a",
        "301,10;b",
        "11,6267803507412;c",
        ";d",
    ]


def test_xlsx_sheets_have_filter_buttons_above_the_total_row():
    # a bookkeeper filters the Transactions by platform: the header has filter buttons over
    # the data rows; on the Summary, the Total row stays out of them (sorting would move it)
    summary = pd.DataFrame({"month": ["2025-01", "2025-02"], "net": [1.0, 2.0]})  # + a Total
    rows = pd.DataFrame({"platform": ["upwork", "paypal"], "net": [1.0, 2.0], "kind": ["a", "b"]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": summary, "T": rows})))
    assert book["Summary"].auto_filter.ref == "A1:B3"
    assert book["T"].auto_filter.ref == "A1:C3"


def test_a_summary_over_several_years_has_a_total_for_each_year():
    """Sam's six years: Dec 2025 and Jan-Feb 2026; 2025's total is its month (1,200.50 net),
    2026's the other two (300.25 + 99.75 = 400.00), the Total all three (1,600.50). The three
    rows are bold and stay out of the filter buttons."""
    from analytics.export import with_total_row

    months = pd.DataFrame(
        {
            "month": ["2025-12", "2026-01", "2026-02"],
            "currency": ["USD"] * 3,
            "net": [1_200.50, 300.25, 99.75],
            "hours": [10.0, 2.5, 1.0],
            "cumulative_net": [1_200.50, 1_500.75, 1_600.50],
        }
    )
    totals = with_total_row(months).iloc[3:]
    assert totals["month"].tolist() == ["Total 2025", "Total 2026", "Total"]
    assert totals["net"].tolist() == [1_200.50, 400.00, 1_600.50]
    assert totals["hours"].tolist() == [10.0, 3.5, 13.5]
    assert totals["currency"].tolist() == ["USD"] * 3
    assert totals["cumulative_net"].isna().all()
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": months})))["Summary"]
    assert sheet.auto_filter.ref == "A1:E4"
    assert [sheet.cell(row, 1).font.bold for row in range(4, 8)] == [False, True, True, True]
    # one year: the Total alone
    assert with_total_row(months.iloc[1:])["month"].tolist()[-1:] == ["Total"]
    assert len(with_total_row(months.iloc[1:])) == 3


def test_a_monthly_summarys_refunds_are_money_in_both_files():
    # Ana's download: refunds written 0 and -24 beside 0.00 and 24.00 money, General in the
    # workbook, blank in the Total row (-24.00 + -80.00 = -104.00)
    from analytics.export import with_total_row

    months = pd.DataFrame(
        {"month": ["2025-01", "2025-02"], "gross": [100.0, 50.0], "refunds": [-24.0, -80.0]}
    )
    assert to_csv_bytes(months).decode("utf-8-sig").split("\r\n")[1:-1] == [
        "2025-01,100.00,-24.00",
        "2025-02,50.00,-80.00",
    ]
    assert with_total_row(months).iloc[-1]["refunds"] == -104.00
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": months}))).active
    assert sheet["C2"].number_format.startswith("#,##0.00")
