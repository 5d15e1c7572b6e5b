"""The import core: file sniffing, encodings, delimiters, header search, Excel, row accounting.

Inputs are small literal files in the GigLens template layout so that only the core is tested;
every expected number is worked out by hand in the test.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile

import openpyxl
import pandas as pd
import pytest
from conftest import SAMPLE_DATA

from analytics import ImportFailed, UnknownFormat, load_export
from analytics.parsing import NO_AMOUNT, parse_amount, parse_date

HEADER = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference"
ROWS = [
    "2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Acme,Logo,FO1",
    "2025-01-20,fiverr,earning,50.00,10.00,40.00,USD,1.5,Beta,Icon,FO2",
    "2025-02-02,fiverr,refund,-25.00,0.00,-25.00,USD,,Beta,Partial refund,FO3",
]
TEMPLATE = "\n".join([HEADER, *ROWS]) + "\n"


def assert_accounted(result):
    """Every data row is in exactly one of imported / skipped / rejected."""
    assert result.rows_imported + len(result.skipped) + len(result.rejected) == result.rows_read
    assert not set(result.skipped["row"]) & set(result.rejected["row"])


def totals(result):
    t = result.transactions
    return round(t["gross"].sum(), 2), round(t["fee"].sum(), 2), round(t["net"].sum(), 2)


def test_template_totals_by_hand():
    result = load_export(TEMPLATE.encode(), "mine.csv")
    assert result.platform == "generic"
    # gross 100 + 50 - 25 = 125; fee 20 + 10 + 0 = 30; net 80 + 40 - 25 = 95
    assert totals(result) == (125.00, 30.00, 95.00)
    t = result.transactions
    assert list(t["kind"]) == ["earning", "earning", "refund"]
    assert set(t["platform"]) == {"fiverr"}
    assert set(t["stream"]) == {"freelance"}
    assert t["hours"].sum() == pytest.approx(3.5)
    assert t["hours"].isna().sum() == 1
    assert (t["net"] == t["gross"] - t["fee"]).all()
    assert t["date"].dtype == "datetime64[ns]"
    assert set(t["source"]) == {"mine.csv"}
    assert_accounted(result)


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # spreadsheets save "Unicode text" like this
        lambda s: s.encode("utf-16-le"),
        lambda s: s.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "cp1252"],
)
def test_encodings(encode):
    text = TEMPLATE.replace("Logo", "Logo für Café €")
    result = load_export(encode(text), "enc.csv")
    assert totals(result) == (125.00, 30.00, 95.00)
    assert result.transactions["description"].iloc[0] == "Logo für Café €"


@pytest.mark.parametrize("delim", [";", "\t", "|"])
def test_delimiters(delim):
    result = load_export(TEMPLATE.replace(",", delim).encode(), "d.csv")
    assert totals(result) == (125.00, 30.00, 95.00)


def test_semicolon_file_with_decimal_commas_and_preamble():
    text = (
        "Earnings report\n"
        "Account: 12345\n"
        "\n"
        "date;platform;kind;gross;fee;net;currency;hours;client;description;reference\n"
        "03.01.2025;fiverr;earning;1.234,56;246,91;987,65;EUR;;Acme;Big job;F1\n"
        "20.01.2025;fiverr;earning;10,50;2,10;8,40;EUR;;Acme;Small job;F2\n"
    )
    result = load_export(text.encode("cp1252"), "de.csv")
    t = result.transactions
    # 1.234,56 = 1234.56 and 10,50 = 10.50 -> 1245.06; fees 246.91 + 2.10 = 249.01
    assert totals(result) == (1245.06, 249.01, 996.05)
    assert list(t["date"]) == [pd.Timestamp("2025-01-03"), pd.Timestamp("2025-01-20")]
    # The header was found on line 4, so the first data row is spreadsheet row 5.
    assert result.rows_read == 2
    assert_accounted(result)


def test_bad_rows_are_rejected_with_reasons_and_good_rows_import():
    text = TEMPLATE + (
        "2025-13-40,fiverr,earning,5.00,0,5.00,USD,,X,bad date,R1\n"
        "2025-02-10,fiverr,earning,five,0,5.00,USD,,X,bad amount,R2\n"
        ",fiverr,earning,5.00,0,5.00,USD,,X,no date,R3\n"
        "2025-02-11,fiverr,earning,5.00,1.00,9.00,USD,,X,net wrong,R4\n"
        "\n"
    )
    result = load_export(text.encode(), "bad.csv")
    assert totals(result) == (125.00, 30.00, 95.00)
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"]))
    # header is row 1, three good rows are 2-4, so the bad ones are rows 5-8
    assert set(reasons) == {5, 6, 7, 8}
    assert "2025-13-40" in reasons[5] and "date" in reasons[5]
    assert "five" in reasons[6] and "amount" in reasons[6]
    assert "empty" in reasons[7]
    assert "net 9.00 is not gross 5.00 minus fee 1.00" in reasons[8]
    assert result.rejected.set_index("row").loc[6, "raw"].startswith("2025-02-10,fiverr")
    assert list(result.skipped["reason"]) == ["blank line"]
    assert_accounted(result)


def test_row_with_too_many_cells_is_rejected_not_lost():
    text = TEMPLATE + "2025-02-12,fiverr,earning,5.00,0,5.00,USD,,X,a,b,extra,cells\n"
    result = load_export(text.encode(), "long.csv")
    assert totals(result) == (125.00, 30.00, 95.00)
    assert len(result.rejected) == 1
    assert "cells" in result.rejected["reason"].iloc[0]
    assert_accounted(result)


def test_unknown_layout_lists_columns_and_mapping_imports_it():
    text = "When,Customer,Paid,Cut,Money\n2025-03-01,Zed,200.00,30.00,GBP\n2025-03-09,Zed,100.00,15.00,GBP\n"
    with pytest.raises(UnknownFormat) as info:
        load_export(text.encode(), "odd.csv")
    assert info.value.columns == ["When", "Customer", "Paid", "Cut", "Money"]
    assert "When, Customer, Paid, Cut, Money" in str(info.value)
    mapping = {
        "date": "When",
        "client": "Customer",
        "gross": "Paid",
        "fee": "Cut",
        "currency": "Money",
    }
    result = load_export(text.encode(), "odd.csv", mapping=mapping)
    # 200 + 100 = 300 gross, 30 + 15 = 45 fee, 255 net
    assert totals(result) == (300.00, 45.00, 255.00)
    assert set(result.transactions["currency"]) == {"GBP"}
    assert set(result.transactions["client"]) == {"Zed"}


def test_hours_are_not_rounded_to_cents():
    # 10 minutes = 1/6 h = 0.1667 and 20 minutes = 0.3333 h: rounding them to two decimals
    # (0.17, 0.33) would skew an hourly rate by up to 2%.
    template = HEADER + "\n2025-01-03,fiverr,earning,10.00,2.00,8.00,USD,0.1667,Acme,Logo,FO1\n"
    assert load_export(template.encode(), "t.csv").transactions["hours"].iloc[0] == 0.1667
    mapped = "When,Paid,Time\n2025-03-01,20.00,0.3333\n"
    result = load_export(
        mapped.encode(),
        "m.csv",
        mapping={"date": "When", "gross": "Paid", "hours": "Time", "currency": "USD"},
    )
    assert result.transactions["hours"].iloc[0] == 0.3333


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ({"date": ["When"], "gross": "Amount"}, "gives 'date' something other than a column name"),
        ({"date": "When", "gross": 3}, "gives 'gross' something other than a column name"),
        (
            {"date": "When", "gross": "Amount", "negatives": "banana"},
            "'negatives' is 'banana': it can be 'expenses'",
        ),
    ],
)
def test_a_mapping_that_is_no_column_names_is_said_plainly(mapping, words):
    with pytest.raises(ImportFailed, match=words) as failed:
        load_export(b"When,Amount\n2025-03-01,200.00\n", "x.csv", mapping=mapping)
    assert "TypeError" not in str(failed.value)


def test_a_file_name_given_as_a_number_is_its_text():
    text = HEADER + "\n2025-01-03,fiverr,earning,10.00,2.00,8.00,USD,,Acme,Logo,FO1\n"
    assert load_export(text.encode(), filename=5).source == "5"


def test_mapping_with_constant_currency_and_platform():
    text = "When,Amount\n2025-03-01,200.00\n"
    result = load_export(
        text.encode(),
        "x.csv",
        mapping={"date": "When", "gross": "Amount", "currency": "EUR", "platform": "Fiverr"},
    )
    t = result.transactions
    assert list(t["currency"]) == ["EUR"] and list(t["platform"]) == ["fiverr"]


@pytest.mark.parametrize(
    ("currency", "days"),
    [
        # pounds and euros: written day first, so 01/03/2025 is 1 March, 04/03/2025 4 March
        ("GBP", ["2025-03-01", "2025-03-04"]),
        ("EUR", ["2025-03-01", "2025-03-04"]),
        # dollars: month first, 3 January and 3 April
        ("USD", ["2025-01-03", "2025-04-03"]),
        ("Currency", ["2025-03-01", "2025-03-04"]),  # a column, mostly GBP
    ],
)
def test_a_mapped_files_dates_that_read_both_ways_follow_its_currency(currency, days):
    text = "Booking date,Money In,Currency\n01/03/2025,1200.00,GBP\n04/03/2025,99.99,GBP\n"
    result = load_export(
        text.encode(),
        "bank.csv",
        mapping={"date": "Booking date", "gross": "Money In", "currency": currency},
    )
    assert list(result.transactions["date"].dt.strftime("%Y-%m-%d")) == days
    [warning] = [w for w in result.warnings if "can be read two ways" in w]
    assert warning.startswith("Every date in column 'Booking date' can be read two ways")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image, not a CSV or Excel export. Upload the earnings"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x1f\x8b\x08\x00", "compressed"),
    ],
)
def test_files_that_are_not_exports_get_plain_messages(data, words):
    with pytest.raises(ImportFailed) as info:
        load_export(data, "thing.csv")
    assert words in str(info.value)


def test_zip_and_word_documents():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.csv", TEMPLATE)
    with pytest.raises(ImportFailed, match="ZIP archive"):
        load_export(buf.getvalue(), "r.zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(ImportFailed, match="Word document.*Upload the earnings or transactions"):
        load_export(buf.getvalue(), "r.docx")


def test_apple_numbers_and_pages_files_say_how_to_export():
    # a .numbers file is a ZIP of .iwa parts (Index/Tables/ holds a spreadsheet's tables):
    # unpacking it gives no CSV, so the message says to export one from Numbers
    numbers = io.BytesIO()
    with zipfile.ZipFile(numbers, "w") as z:
        for name in (
            "Index/Document.iwa",
            "Index/Tables/DataList.iwa",
            "Metadata/Properties.plist",
        ):
            z.writestr(name, b"\x00")
    with pytest.raises(
        ImportFailed, match=r"Apple Numbers file\. In Numbers, choose File › Export"
    ):
        load_export(numbers.getvalue(), "PayPal 2026.numbers")
    pages = io.BytesIO()
    with zipfile.ZipFile(pages, "w") as z:
        z.writestr("Index/Document.iwa", b"\x00")
    with pytest.raises(ImportFailed, match="Apple Pages or Keynote document"):
        load_export(pages.getvalue(), "notes.pages")


def test_missing_path_gives_plain_message(tmp_path):
    with pytest.raises(ImportFailed, match="does not exist"):
        load_export(tmp_path / "nope.csv")


def test_path_and_file_like_sources(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(TEMPLATE)
    assert totals(load_export(path)) == (125.00, 30.00, 95.00)
    assert load_export(path).source == "t.csv"
    handle = io.BytesIO(TEMPLATE.encode())
    handle.name = "uploaded.csv"
    result = load_export(handle)
    assert result.source == "uploaded.csv"
    assert totals(result) == (125.00, 30.00, 95.00)


def _xlsx(rows_by_sheet: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in rows_by_sheet.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_excel_with_cover_sheet_and_title_rows():
    import datetime as dt

    data = _xlsx(
        {
            "Cover": [["Earnings export"], ["Generated for: me"]],
            "Data": [
                ["My earnings 2025"],
                [],
                HEADER.split(","),
                [
                    dt.datetime(2025, 1, 3),
                    "fiverr",
                    "earning",
                    100,
                    20,
                    80,
                    "USD",
                    2,
                    "Acme",
                    "Logo",
                    "FO1",
                ],
                [
                    dt.datetime(2025, 1, 20),
                    "fiverr",
                    "earning",
                    50.0,
                    10.0,
                    40.0,
                    "USD",
                    1.5,
                    "Beta",
                    "Icon",
                    "FO2",
                ],
                [
                    dt.datetime(2025, 2, 2),
                    "fiverr",
                    "refund",
                    -25,
                    0,
                    -25,
                    "USD",
                    None,
                    "Beta",
                    "Refund",
                    "FO3",
                ],
            ],
        }
    )
    result = load_export(data, "book.xlsx")
    assert totals(result) == (125.00, 30.00, 95.00)
    assert result.transactions["date"].iloc[0] == pd.Timestamp("2025-01-03")


def test_legacy_xls_and_ods():
    frame = pd.DataFrame([r.split(",") for r in ROWS], columns=HEADER.split(","))
    for col in ("gross", "fee", "net"):
        frame[col] = frame[col].astype(float)
    ods = io.BytesIO()
    frame.to_excel(ods, engine="odf", index=False)
    assert totals(load_export(ods.getvalue(), "x.ods")) == (125.00, 30.00, 95.00)

    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for c, name in enumerate(frame.columns):
        sheet.write(0, c, name)
    for r, row in enumerate(frame.itertuples(index=False), start=1):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    xls = io.BytesIO()
    book.save(xls)
    assert totals(load_export(xls.getvalue(), "x.xls")) == (125.00, 30.00, 95.00)


def test_txn_id_stable_across_overlapping_downloads_and_distinct_for_twins():
    first = load_export(TEMPLATE.encode(), "jan.csv")
    later = load_export(
        (
            "\n".join(
                [HEADER, ROWS[1], ROWS[2], "2025-03-01,fiverr,earning,9.00,0,9.00,USD,,C,D,E"]
            )
            + "\n"
        ).encode(),
        "feb.csv",
    )
    overlap = set(first.transactions["txn_id"]) & set(later.transactions["txn_id"])
    assert len(overlap) == 2  # ROWS[1] and ROWS[2] are in both downloads
    twins = load_export((TEMPLATE + ROWS[0] + "\n").encode(), "twins.csv")
    assert twins.transactions["txn_id"].is_unique
    assert len(twins.transactions) == 4


@pytest.mark.parametrize(
    ("cell", "comma", "expected"),
    [
        ("-£1.44", False, -1.44),
        ("1,653.75", False, 1653.75),
        ("1.234,56", True, 1234.56),
        ("-1,78", True, -1.78),
        ("(12.00)", False, -12.00),
        ("12.00-", False, -12.00),
        ("$1,200.00", False, 1200.00),
        ("-$300.00", False, -300.00),
        ("-CA$4.42", False, -4.42),
        ("€104.00", False, 104.00),
        ("USD 5", False, 5.00),
        ("0.1", False, 0.10),
    ],
)
def test_amount_cells(cell, comma, expected):
    parsed = parse_amount(pd.Series([cell], dtype=object), decimal_comma=comma)
    assert parsed.values.iloc[0] == expected
    assert not parsed.bad.iloc[0]


def test_empty_markers_are_not_errors_but_typos_are():
    parsed = parse_amount(pd.Series(["--", "", None, "abc", "$6O.00", "12.5x"], dtype=object))
    assert parsed.values.isna().all()
    assert list(parsed.bad) == [False, False, False, True, True, True]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["Nov 3, 2025", "Dec 15, 2025"], ["2025-11-03", "2025-12-15"]),
        (["3/1/2026", "12/2/2026"], ["2026-03-01", "2026-12-02"]),  # month-first unless forced
        (
            ["3/1/2026", "25/2/2026"],
            ["2026-01-03", "2026-02-25"],
        ),  # a day > 12 makes the file day-first
        (["03.02.2026"], ["2026-02-03"]),
        (["March 3, 2026"], ["2026-03-03"]),
        (["31 July, 2026"], ["2026-07-31"]),
        (["2026-06-01 08:00:00 PDT"], ["2026-06-01 08:00:00"]),
    ],
)
def test_date_cells_one_format_per_file(cells, expected):
    parsed, _fmt = parse_date(pd.Series(cells, dtype=object))
    assert list(parsed.values) == [pd.Timestamp(e) for e in expected]
    assert not parsed.bad.any()


def test_transactions_come_in_file_order_with_their_file_rows():
    newest_first = "\n".join([HEADER, ROWS[2], ROWS[0], ROWS[1]]) + "\n"
    result = load_export(newest_first.encode(), "desc.csv")
    # file order, not date order: Feb 2 (file row 2), Jan 3 (row 3), Jan 20 (row 4)
    assert list(result.transactions["reference"]) == ["FO3", "FO1", "FO2"]
    assert list(result.transaction_rows) == [2, 3, 4]


def test_number_like_references_keep_leading_zeros():
    # Every reference is all digits, so a typed CSV reader would take the column for numbers
    # and turn `0012` into 12; a column named like an identifier must keep its exact text.
    text = "\n".join(
        [
            HEADER,
            "2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Acme,Logo,0012",
            "2025-01-20,fiverr,earning,50.00,10.00,40.00,USD,1.5,Beta,Icon,0400",
        ]
    )
    result = load_export(text.encode(), "template.csv")
    assert list(result.transactions["reference"]) == ["0012", "0400"]
    # The amounts beside them are still read as numbers: 100.00 - 20.00 = 80.00.
    assert round(result.transactions["net"].iloc[0], 2) == 80.00


class _LockedFile(io.RawIOBase):
    """An upload whose read fails the way a file locked by another program does on Windows."""

    name = "locked.csv"

    def readable(self) -> bool:
        return True

    def read(self, size=-1):
        raise PermissionError(13, "Permission denied", "locked.csv")


def test_files_the_system_cannot_read_get_plain_messages(tmp_path):
    with pytest.raises(ImportFailed, match="not allowed to open it.*close it there"):
        load_export(_LockedFile())
    with pytest.raises(ImportFailed, match="could not read .*File name too long"):
        load_export(tmp_path / ("a" * 300 + ".csv"))
    closed = io.BytesIO(TEMPLATE.encode())
    closed.close()
    with pytest.raises(ImportFailed, match="could not read this upload"):
        load_export(closed, "x.csv")


def test_mapping_without_a_kind_column_reads_the_kind_from_the_description():
    text = (
        "Date,Description,Amount,Currency\n"
        "2025-03-14,Revenue for order FO123,120.00,USD\n"
        "2025-03-20,Withdrawal to PayPal,-120.00,USD\n"
        "2025-03-21,Refund for order FO100,-20.00,USD\n"
        "2025-03-22,Service fee,-3.00,USD\n"
    )
    mapping = {
        "date": "Date",
        "gross": "Amount",
        "currency": "Currency",
        "description": "Description",
    }
    t = load_export(text.encode(), "m.csv", mapping=mapping).transactions
    assert list(t["kind"]) == ["earning", "transfer", "refund", "fee"]
    # income = 120 earned - 20 refunded - 3 fee = 97; the withdrawal is not income
    income = t[t["kind"].isin(["earning", "refund", "fee"])]
    assert round(income["net"].sum(), 2) == 97.00
    # the fee, written as -3.00, is a fee-only row: gross 0, fee 3.00, net -3.00
    assert t.iloc[3][["gross", "fee", "net"]].tolist() == [0.0, 3.0, -3.0]


def test_template_fee_written_as_a_negative_amount_counts_as_a_fee():
    text = HEADER + "\n2025-01-05,fiverr,fee,-4.00,0,-4.00,USD,,,Withdrawal fee,\n"
    t = load_export(text.encode(), "t.csv").transactions
    assert t[["gross", "fee", "net"]].iloc[0].tolist() == [0.0, 4.0, -4.0]


def test_template_transfer_fees_and_fees_named_after_transfers_are_costs():
    text = HEADER + (
        "\n2025-05-20,fiverr,Withdrawal fee,-2.00,0.00,-2.00,USD,,,PayPal withdrawal fee,"
        "\n2025-05-20,fiverr,transfer,-194.00,2.00,-196.00,USD,,,To my bank,"
        "\n2025-05-22,fiverr,transfer,-10.00,1.00,-12.00,USD,,,Edited net,"
        "\n2025-05-23,fiverr,earning,100.00,20.00,80.00,USD,,Acme,Order 6,\n"
    )
    result = load_export(text.encode(), "t.csv")
    assert_accounted(result)
    t = result.transactions
    # the typed "Withdrawal fee" is a fee (was a transfer, out of every fee total)
    assert t.iloc[0][["kind", "gross", "fee", "net"]].tolist() == ["fee", 0.0, 2.0, -2.0]
    # the transfer moved 194.00 to the bank; the 2.00 it cost is a fee row of its own
    assert t.iloc[1][["kind", "gross", "fee", "net"]].tolist() == ["transfer", -194.0, 0.0, -194.0]
    assert t.iloc[2][["kind", "gross", "fee", "net"]].tolist() == ["fee", 0.0, 2.0, -2.0]
    assert t.iloc[2]["description"] == "To my bank (fee)"
    # -10.00 - 1.00 is -11.00, not the -12.00 written: rejected, not imported half
    assert result.rejected["row"].tolist() == [4]
    assert "net -12.00 is not gross - fee (-11.00)" in result.rejected["reason"].iat[0]
    # income: 80 earned - 2 - 2 in fees = 76; the fees total 4 + 20
    income = t[t["kind"] != "transfer"]
    assert round(income["net"].sum(), 2) == 76.00 and round(income["fee"].sum(), 2) == 24.00


def test_a_refund_written_as_a_positive_amount_is_money_given_back():
    text = HEADER + (
        "\n2025-05-21,fiverr,Refund,40.00,0,40.00,USD,,Acme,Order 5 refunded,"
        "\n2025-05-22,fiverr,refund,-15.00,0,-15.00,USD,,Acme,Order 4 refunded,\n"
    )
    result = load_export(text.encode(), "t.csv")
    t = result.transactions
    assert t["gross"].tolist() == [-40.0, -15.0] and t["net"].tolist() == [-40.0, -15.0]
    assert result.warnings == [
        "1 refund(s) written as a positive amount (row 2) were counted as money given back "
        "(negative amounts), as refunds are."
    ]
    # written with mirrored signs throughout (fee -2.00, net 42.00): all of it mirrored, not
    # rejected as a net that does not add up
    mirrored = load_export(
        (HEADER + "\n2025-05-21,fiverr,refund,40.00,-2.00,42.00,USD,,,,\n").encode()
    )
    assert mirrored.rejected.empty
    assert mirrored.transactions[["gross", "fee", "net"]].iloc[0].tolist() == [-40.0, 2.0, -42.0]
    # the same through a column mapping (kind read from the description)
    mapped = load_export(
        b"Date,What,Amount,Currency\n2025-05-21,Refund for order 5,40.00,USD\n",
        "m.csv",
        mapping={"date": "Date", "gross": "Amount", "currency": "Currency", "description": "What"},
    )
    assert mapped.transactions[["kind", "gross"]].iloc[0].tolist() == ["refund", -40.0]


def test_a_withdrawal_written_as_a_positive_amount_is_money_going_out():
    """Dana's Fiverr sheet: withdrawals to PayPal written 3,500.00 and 4,000.00: money that
    left Fiverr (-7,500.00 of transfers), so that PayPal's arrivals match them; a bare
    'transfer' of +50.00 may be money coming in and keeps its sign."""
    text = HEADER + (
        "\n2026-03-01,fiverr,earning,100.00,20.00,80.00,USD,,Acme,Logo,F1"
        "\n2026-03-05,fiverr,withdrawal,3500.00,0,3500.00,USD,,,To PayPal,"
        "\n2026-04-05,fiverr,Withdrawal to PayPal,4000.00,0,4000.00,USD,,,,"
        "\n2026-04-06,fiverr,transfer,50.00,0,50.00,USD,,,From card,\n"
    )
    result = load_export(text.encode(), "fiverr.csv")
    t = result.transactions
    assert t["gross"].tolist() == [100.0, -3500.0, -4000.0, 50.0]
    moved = t[t["kind"] == "transfer"]
    assert round(float(moved["net"].sum()), 2) == -7450.00
    assert result.warnings == [
        "2 withdrawal(s) written as a positive amount (row 3, 4) were counted as money going "
        "out of the platform (negative amounts), as withdrawals are: moved to your own "
        "account, never income."
    ]


def test_the_templates_example_rows_left_above_your_own_are_skipped():
    """The template as served, with one row of the user's own typed under its 5 examples:
    only that row (80.00 net) counts; the examples are skipped with a reason. The template
    alone (the demo's file) is imported as it is, and the examples are those of the file."""
    from analytics.importers.generic import TEMPLATE_EXAMPLES

    served = (SAMPLE_DATA / "giglens_template.csv").read_bytes()
    rows = served.decode().strip().splitlines()[1:]
    assert [(r.split(",")[0], float(r.split(",")[3]), r.split(",")[9]) for r in rows] == list(
        TEMPLATE_EXAMPLES
    )
    mine = served + b"2026-01-10,fiverr,earning,100.00,20.00,80.00,USD,3,kim,Poster,F77\n"
    result = load_export(mine, "my_fiverr.csv")
    t = result.transactions
    assert t["net"].tolist() == [80.0]
    assert len(result.skipped) == 5
    assert set(result.skipped["reason"]) == {
        "an example row of the GigLens template, left in above your own rows: not your income "
        "(delete the example rows from your copy)"
    }
    alone = load_export(served, "giglens_template.csv")
    assert len(alone.transactions) == 5 and alone.skipped.empty


def test_a_date_typed_as_text_among_a_sheets_real_dates_is_said_to_be_written_differently():
    import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([datetime.datetime(2026, 3, 1), "fiverr", "earning", 100, 20, 80, "USD"])
    sheet.append(["3/11/2026", "fiverr", "earning", 150, 30, 120, "USD"])
    sheet.append(["soon", "fiverr", "earning", 10, 2, 8, "USD"])
    sheet.append(["31/02/2026", "fiverr", "earning", 10, 2, 8, "USD"])  # no day either way
    sheet.append(["2026-04-31", "fiverr", "earning", 10, 2, 8, "USD"])  # the column's form
    data = io.BytesIO()
    book.save(data)
    result = load_export(data.getvalue(), "fiverr.xlsx")
    assert result.transactions["net"].tolist() == [80.0]
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"]))
    assert reasons[3] == (
        "date '3/11/2026' is written differently from the column's other dates (2025-12-31): "
        "write it like them (or type it again as a date in the spreadsheet) and add the file "
        "again"
    )
    for row in (4, 5, 6):
        assert "is not a real date written like the file's other dates" in reasons[row]


def test_unknown_layout_message_says_what_to_download_instead():
    items = (
        "Sale Date,Item Name,Buyer,Quantity,Price,Item Total,Currency,Transaction ID,"
        "Listing ID,Order ID\n01/15/26,Mug,jane,1,20.00,20.00,USD,1,2,1001\n"
    )
    with pytest.raises(UnknownFormat, match="Etsy's Sold Order Items download") as info:
        load_export(items.encode(), "EtsySoldOrderItems2026.csv")
    assert "Etsy monthly statement" in str(info.value)
    # a Stripe Dashboard export with a renamed column: the closest layout and what it lacks
    renamed = (
        "id,Type,Source,Amount,Fees,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        "txn_1,charge,ch_1,10.00,0.59,9.41,usd,2026-01-01 10:00,2026-01-03 00:00,Invoice 1\n"
    )
    with pytest.raises(UnknownFormat) as info:
        load_export(renamed.encode(), "s.csv")
    assert (
        "It looks like a Stripe file, but not one GigLens reads: the closest, Stripe balance "
        "transactions (Dashboard export), needs Fee, which this file does not have."
    ) in str(info.value)
    # a card statement sharing Toptal's date column is not said to be from Toptal
    chase = "Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n01/02/2026,01/03/2026,Coffee,Food,Sale,-4.50,\n"
    with pytest.raises(UnknownFormat) as info:
        load_export(chase.encode(), "chase.csv")
    assert "looks like" not in str(info.value)
    # a bank file sharing a few common names is not said to be from any platform
    with pytest.raises(UnknownFormat) as info:
        load_export(b"Date,Type,Description,Amount,Currency,Net\n2026-01-02,x,y,1,USD,1\n", "b.csv")
    assert "looks like" not in str(info.value)


def test_mapped_kinds_from_words_money_back_and_fees_on_transfers():
    text = (
        "Date,What,Amount,Currency\n"
        "2025-05-21,Refund of withdrawal fee,2.00,USD\n"
        "2025-05-22,Chargeback reversal (dispute won),40.00,USD\n"
        "2025-05-23,Fee refund,1.50,USD\n"
        "2025-05-24,Withdrawal to PayPal (fee waived),-196.00,USD\n"
        "2025-05-25,Payout to bank - fees included,-50.00,USD\n"
        "2025-05-27,PayPal transfer fee,-1.00,USD\n"
    )
    mapping = {"date": "Date", "gross": "Amount", "currency": "Currency", "description": "What"}
    result = load_export(text.encode(), "m.csv", mapping=mapping)
    t = result.transactions
    assert list(t["kind"]) == ["fee", "refund", "fee", "transfer", "transfer", "fee"]
    # fees given back are negative fees; a won dispute is money back, kept positive
    assert t["fee"].tolist() == [-2.0, 0.0, -1.5, 0.0, 0.0, 1.0]
    assert t["gross"].tolist() == [0.0, 40.0, 0.0, -196.0, -50.0, 0.0]
    assert result.warnings == []  # nothing flipped
    # income: +2.00 + 40.00 + 1.50 - 1.00 = 42.50; the two moves to own accounts are not income
    assert round(t.loc[t["kind"] != "transfer", "net"].sum(), 2) == 42.50


def test_repeated_header_and_a_total_under_the_second_column_are_skipped():
    text = (
        TEMPLATE
        + HEADER  # a second download pasted below the first
        + "\n2025-03-01,fiverr,earning,10.00,2.00,8.00,USD,,Cyan,Icon,FO4\n"
        + ",Total,,185.00,32.00,153.00,,,,,\n"
    )
    result = load_export(text.encode(), "joined.csv")
    # the template's 125 / 30 / 95 plus the March row 10 / 2 / 8
    assert totals(result) == (135.00, 32.00, 103.00)
    reasons = dict(zip(result.skipped["row"], result.skipped["reason"], strict=True))
    assert reasons[5].startswith("the header line again")
    assert reasons[7].startswith("totals row")
    assert result.rejected.empty
    assert_accounted(result)


@pytest.mark.parametrize(
    "label", ["Summe", "Gesamt", "Insgesamt", "Sum", "Total (USD)", "Somme", "Zwischensumme:"]
)
def test_totals_lines_as_european_spreadsheets_label_them_are_skipped(label):
    # a semicolon file with decimal commas: 100,00 + 50,00 = 150,00 on the totals line
    text = (
        "date;platform;kind;gross;fee;net;currency;hours;client;description;reference\n"
        "2025-03-01;fiverr;earning;100,00;20,00;80,00;EUR;;Cyan;Icon;FO4\n"
        "2025-03-02;fiverr;earning;50,00;10,00;40,00;EUR;;Cyan;Icon;FO5\n"
        f"{label};;;150,00;30,00;120,00;;;;;\n"
    )
    result = load_export(text.encode(), "summe.csv")
    assert totals(result) == (150.00, 30.00, 120.00)
    assert result.rejected.empty
    assert result.skipped["row"].tolist() == [4]
    assert result.skipped["reason"].iat[0].startswith("totals row")
    assert_accounted(result)


def test_a_client_named_like_a_sum_is_no_totals_row():
    text = (
        "Notes,Client,Date,Amount\n"
        "Summer sale,Sum Corp,2025-03-04,2500.00\n"
        "Gesamtpaket,Ltd,2025-03-05,300.00\n"
    )
    mapping = {"date": "Date", "gross": "Amount", "client": "Client", "currency": "USD"}
    result = load_export(text.encode(), "m.csv", mapping=mapping)
    assert list(result.transactions["gross"]) == [2500.00, 300.00] and result.skipped.empty


def test_a_client_named_total_something_is_not_a_totals_row():
    text = (
        "Notes,Client,Date,Amount\n"
        ",Total-Tech Ltd,2025-03-04,2500.00\n"
        ",Total - quarterly audit,2025-03-05,300.00\n"
        ",Total,,2800.00\n"
    )
    mapping = {"date": "Date", "gross": "Amount", "client": "Client", "currency": "USD"}
    result = load_export(text.encode(), "m.csv", mapping=mapping)
    assert list(result.transactions["gross"]) == [2500.00, 300.00]
    assert list(result.skipped["row"]) == [4]  # only the bare `Total`


def test_utf8_file_with_a_stray_windows_1252_byte():
    # Line 2 is UTF-8 ("Café" = 43 61 66 C3 A9); line 3 was pasted from a Windows-1252 file
    # ("é" = E9 alone). Both names must come out right, and the user is told about line 3.
    data = (
        HEADER.encode()
        + b"\n2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Caf\xc3\xa9 Acme,Logo,FO1\n"
        + b"2025-01-04,fiverr,earning,50.00,10.00,40.00,USD,1,Northwind R\xe9search,Icon,FO2\n"
    )
    result = load_export(data, "mixed.csv")
    assert list(result.transactions["client"]) == ["Café Acme", "Northwind Résearch"]
    assert len(result.warnings) == 1 and "line(s) 3" in result.warnings[0]
    # a plain Windows-1252 file is no news: no warning
    plain = HEADER.encode() + b"\n2025-01-04,fiverr,earning,5.00,1.00,4.00,USD,,R\xe9my,x,y\n"
    result = load_export(plain, "cp1252.csv")
    assert list(result.transactions["client"]) == ["Rémy"] and result.warnings == []


def test_a_cell_over_128_kib_next_to_a_ragged_row_is_read():
    long_note = "x" * 200_000  # beyond the csv module's default field limit (131,072)
    text = (
        HEADER
        + f"\n2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Acme,{long_note},FO1\n"
        + "2025-01-04,fiverr,earning,1.00,0,1.00,USD,,A,b,c,extra,cells\n"
    )
    result = load_export(text.encode(), "long.csv")
    assert len(result.transactions["description"].iloc[0]) == 200_000
    assert totals(result) == (100.00, 20.00, 80.00)
    assert list(result.rejected["row"]) == [3]
    assert_accounted(result)


@pytest.mark.parametrize(
    ("cell", "decimal_comma", "expected"),
    [
        ("\u221212.00", False, -12.00),  # the Unicode minus sign, as some PDFs and sites write it
        ("$(12.00)", False, -12.00),  # accounting negative behind a symbol
        ("(£3.50)", False, -3.50),
        ("(USD 12.00)", False, -12.00),
        ("(12.00 USD)", False, -12.00),
        ("-USD 4.00", False, -4.00),
        ("12.00\u200b", False, 12.00),  # a zero-width space pasted along
        ("JP¥100", False, 100.00),
        ("1 234,56", True, 1234.56),  # space as the thousands separator
        ("1\u202f234,56", True, 1234.56),  # narrow no-break space (French locale)
        ("12 00", False, None),  # digits split by a space that is no thousands group
        ("12 00", True, None),
        ("1 23,45", True, None),
        ("(12.00", False, None),  # half a bracket: not a positive 12.00
        ("12.00)", False, None),
        ("$(12.00", False, None),
        ("12\u200b00", False, None),  # a zero-width space splitting the digits, like `12 00`
    ],
)
def test_more_amount_spellings(cell, decimal_comma, expected):
    parsed = parse_amount(pd.Series([cell], dtype="str"), decimal_comma=decimal_comma)
    if expected is None:
        assert bool(parsed.bad.iloc[0]) and pd.isna(parsed.values.iloc[0])
    else:
        assert parsed.values.iloc[0] == expected and not parsed.bad.iloc[0]


def test_amounts_with_more_than_two_decimals_are_rounded_with_a_warning():
    text = (
        "date,platform,kind,gross,fee,currency\n"
        "2025-01-03,fiverr,earning,1.234,0,USD\n"  # 1.23 (or 1,234 written German-style?)
        "2025-01-04,fiverr,earning,10.00,0.125,USD\n"  # fee 0.125 -> 0.13 (half away from 0)
        "2025-01-05,fiverr,earning,20.00,2.00,USD\n"
    )
    result = load_export(text.encode(), "t.csv")
    t = result.transactions
    assert list(t["gross"]) == [1.23, 10.00, 20.00] and list(t["fee"]) == [0.0, 0.13, 2.00]
    assert len(result.warnings) == 2
    assert (
        "gross: 1 amount(s) have more than 2 decimals (e.g. '1.234' on row 2)"
        in (result.warnings[0])
    )
    assert "fee: 1 amount(s)" in result.warnings[1] and "'0.125' on row 3" in result.warnings[1]
    # a totals row below is skipped, and its 3-decimal sum is not counted in the warning
    with_total = text + "Total,,,31.359,2.125,,\n"
    assert load_export(with_total.encode(), "t.csv").warnings == result.warnings
    # numbers a spreadsheet formula leaves (0.1 + 0.2 = 0.30000000000000004) are no news
    assert parse_amount(pd.Series([0.1 + 0.2])).rounded is None


def test_a_utc_offset_keeps_the_local_date_as_written():
    text = (
        HEADER
        + "\n2025-03-31T22:00:00-07:00,fiverr,earning,10.00,0,10.00,USD,,a,x,r1\n"
        + "2025-04-01,fiverr,earning,20.00,0,20.00,USD,,a,x,r2\n"
        + "2025-04-02T01:00:00Z,fiverr,earning,5.00,0,5.00,USD,,a,x,r3\n"
        + "2025-04-03T23:15:00.250+05:30,fiverr,earning,1.00,0,1.00,USD,,a,x,r4\n"
    )
    result = load_export(text.encode(), "offsets.csv")
    # March 31 at 22:00 in California is March income, though it is April 1 in UTC; offsets
    # and a plain date mix in one file.
    assert [str(d) for d in result.transactions["date"]] == [
        "2025-03-31 22:00:00",
        "2025-04-01 00:00:00",
        "2025-04-02 01:00:00",
        "2025-04-03 23:15:00",
    ]
    assert result.rejected.empty


def test_two_downloads_with_byte_order_marks_joined():
    once = b"\xef\xbb\xbf" + TEMPLATE.encode()
    result = load_export(once + once, "joined.csv")
    # the second header (with its BOM) is skipped, and below it the second download's three
    # rows repeat the first's: the same transactions, counted once (125 gross, not 250)
    assert result.rejected.empty
    assert list(result.skipped["row"]) == [5, 6, 7, 8]
    assert totals(result)[0] == 125.00


def test_a_windows_1252_file_with_a_valid_looking_utf8_pair_stays_windows_1252():
    # In Windows-1252, `É’` is C9 92, which is also a valid UTF-8 character (ɒ). The file's
    # other accents (é = E9, í = ED) are not UTF-8, so it is a Windows-1252 file throughout.
    text = HEADER + "\n2025-01-04,fiverr,earning,5.00,1.00,4.00,USD,,José García,CAFÉ’S,y\n"
    result = load_export(text.encode("cp1252"), "cp1252.csv")
    t = result.transactions
    assert list(t["client"]) == ["José García"] and list(t["description"]) == ["CAFÉ’S"]
    assert result.warnings == []


def test_stray_byte_lines_skip_a_real_replacement_character():
    from analytics.reading import stray_bytes

    # line 2 holds a genuine U+FFFD (EF BF BD, valid UTF-8); line 3 a lone E9 (Windows-1252 é)
    assert stray_bytes(b"a,b\nok,\xef\xbf\xbd\nx,caf\xe9\n") == ([3], False)
    # 25 stray bytes on lines 1-25: the first 20 lines, and there are more
    assert stray_bytes(b"\xe9\n" * 25) == (list(range(1, 21)), True)


def test_a_year_alone_or_digits_without_separators_are_no_dates():
    text = (
        HEADER
        + "\n2024,fiverr,earning,1.00,0,1.00,USD,,a,b,c\n"
        + "20240711,fiverr,earning,2.00,0,2.00,USD,,a,b,c\n"
        + "2024-07-11,fiverr,earning,4.00,0,4.00,USD,,a,b,c\n"
    )
    result = load_export(text.encode(), "t.csv")
    # `2024` is not 1 Jan 2024 and `20240711` not 11 Jul 2024: rejected, not guessed
    assert list(result.rejected["row"]) == [2, 3]
    assert totals(result) == (4.00, 0.00, 4.00)


def test_a_typed_platform_name_with_a_known_platform_in_it_is_that_platform():
    text = "When,Amount\n2025-03-01,200.00\n"
    mapping = {"date": "When", "gross": "Amount", "currency": "EUR", "platform": "Lingo / Fiverr"}
    result = load_export(text.encode(), "x.csv", mapping=mapping)
    assert list(result.transactions["platform"]) == ["fiverr"]
    rows = HEADER + "\n2025-01-03,Fiverr Pro,earning,10.00,2.00,8.00,USD,,A,B,C\n"
    rows += "2025-01-04,Acme Studio,earning,10.00,0,10.00,USD,,A,B,D\n"
    t = load_export(rows.encode(), "t.csv").transactions
    assert list(t["platform"]) == ["fiverr", "acme_studio"]  # an unknown name keeps its words
    assert list(t["stream"]) == ["freelance", "other"]


def _book(*sheets) -> bytes:
    """An .xlsx with (title, rows, hidden) sheets, the first sheet replacing the default one."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, hidden in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if hidden:
            sheet.sheet_state = "hidden"
    for sheet in book.worksheets:  # the first visible sheet is the one the workbook opens on
        if sheet.sheet_state == "visible":
            book.active = book.worksheets.index(sheet)
            break
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TEMPLATE_CELLS = HEADER.split(",")


def test_every_sheet_with_the_same_columns_is_read():
    data = _book(
        ("2024", [TEMPLATE_CELLS, ["2024-05-01", "fiverr", "earning", 100, 20, 80, "USD"]], False),
        ("Notes", [["Anything", "else"]], False),
        ("2025", [TEMPLATE_CELLS, ["2025-05-01", "fiverr", "earning", 200, 40, 160, "USD"]], False),
    )
    result = load_export(data, "years.xlsx")
    # 100 + 200 gross, 20 + 40 fees, 80 + 160 net
    assert totals(result) == (300.00, 60.00, 240.00)
    assert any("Read 2 sheets" in w and "'2025' (rows 3-3)" in w for w in result.warnings)
    assert_accounted(result)


def test_a_hidden_sheet_is_not_read_over_the_visible_one():
    old = ["2023-05-01", "fiverr", "earning", 999, 0, 999, "USD"]
    new = ["2025-05-01", "fiverr", "earning", 200, 40, 160, "USD"]
    data = _book(("old", [TEMPLATE_CELLS, old], True), ("current", [TEMPLATE_CELLS, new], False))
    result = load_export(data, "book.xlsx")
    assert totals(result) == (200.00, 40.00, 160.00)
    assert any("hidden sheet 'old'" in w and "not read" in w for w in result.warnings)


def test_one_stray_cell_far_to_the_right_does_not_widen_every_row():
    rows = [TEMPLATE_CELLS] + [
        ["2025-05-01", "fiverr", "earning", 10, 1, 9, "USD"] for _ in range(2000)
    ]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.active["XFD3"] = "checked"  # column 16,384
    out = io.BytesIO()
    book.save(out)
    result = load_export(out.getvalue(), "stray.xlsx")
    assert totals(result) == (20_000.00, 2_000.00, 18_000.00)  # 2,000 x (10, 1, 9)
    assert len(result.header) < 20


def test_a_year_sheet_with_one_more_column_is_read_too():
    data = _book(
        ("2024", [TEMPLATE_CELLS, ["2024-05-01", "fiverr", "earning", 100, 20, 80, "USD"]], False),
        (
            "2025",
            [
                [*TEMPLATE_CELLS, "notes"],
                ["2025-05-01", "fiverr", "earning", 400, 40, 360, "USD", "", "", "", "", "x"],
            ],
            False,
        ),
    )
    result = load_export(data, "years.xlsx")
    # 100 + 400 gross, 20 + 40 fees, 80 + 360 net; the extra column is named in a warning
    assert totals(result) == (500.00, 60.00, 440.00)
    assert any("'2025' has columns the first sheet has not (notes)" in w for w in result.warnings)


def test_mapping_with_a_status_column_leaves_out_money_not_paid():
    text = (
        "Order date,Buyer,Gig,Amount,Fiverr Commission,Status\n"
        "2025-03-01,Ann,Logo,100.00,20.00,Completed\n"
        "2025-03-02,Bo,Logo,50.00,10.00,Cancelled\n"
        "2025-03-03,Cy,Icon,30.00,6.00,Pending clearance\n"
        "2025-03-04,Di,Icon,40.00,8.00,completed\n"
        "2025-03-05,Ed,Icon,400.00,80.00,Refunded\n"
    )
    mapping = {
        "date": "Order date",
        "gross": "Amount",
        "fee": "Fiverr Commission",
        "client": "Buyer",
        "status": "Status",
        "currency": "USD",
        "platform": "fiverr",
    }
    result = load_export(text.encode(), "fiverr.csv", mapping=mapping)
    assert_accounted(result)
    # paid: 100 - 20 and 40 - 8 = 112.00 net; the cancelled and the pending order are not
    assert round(result.transactions["net"].sum(), 2) == 112.00
    # (nor the refunded one: the money went back to the buyer)
    assert result.skipped["row"].tolist() == [3, 4, 6]
    assert result.skipped["reason"].iat[0] == (
        "status 'Cancelled': not money paid to you (cancelled, refunded, failed, still pending or not paid yet)"
    )


def test_the_mapping_form_guesses_the_status_column():
    from giglens_ui.mapping import guess_mapping

    columns = ["Order date", "Buyer", "Amount", "Status"]
    assert guess_mapping(columns)["status"] == "Status"


def test_random_bytes_named_csv_are_not_offered_the_mapping_form():
    import random

    rng = random.Random(3)
    noise = bytes(rng.randrange(256) for _ in range(5000))
    with pytest.raises(ImportFailed, match="is not a text, CSV, Excel or JSON file") as info:
        load_export(noise, "broken.csv")
    assert not isinstance(info.value, UnknownFormat)
    # a Windows-1252 text with accents is still text
    text = "Date,Client,Amount\n2025-01-02,Café Müller,10.00\n".encode("cp1252")
    with pytest.raises(UnknownFormat):
        load_export(text, "bank.csv")


def test_mapping_status_words_that_mean_the_money_stayed_are_kept():
    rows = [
        ("Completed (refund requested)", True),
        ("Refund declined", True),
        ("Partially refunded", True),
        ("Dispute resolved in your favour", True),
        ("Declined", False),
        ("Refunded", False),
        ("Chargeback", False),
        ("Refund completed", False),
        ("Reversed", False),
        ("Failed - not paid", False),
    ]
    text = "Date,Amount,Status\n" + "".join(
        f"2025-03-{i + 1:02d},10.00,{status}\n" for i, (status, _) in enumerate(rows)
    )
    mapping = {"date": "Date", "gross": "Amount", "status": "Status", "currency": "USD"}
    result = load_export(text.encode(), "s.csv", mapping=mapping)
    kept = [status for status, paid in rows if paid]
    # 4 kept rows of 10.00; the declined, refunded and charged-back ones skipped
    assert round(result.transactions["gross"].sum(), 2) == 10.00 * len(kept)
    assert result.skipped["row"].tolist() == [6, 7, 8, 9, 10, 11]


def test_a_bank_account_mapping_can_leave_the_users_own_spending_out():
    bank = (
        "Buchungstag,Verwendungszweck,Betrag\n"
        "2025-03-01,Invoice 7 Acme,1200.00\n"
        "2025-03-03,Miete März,-850.00\n"
        "2025-03-09,Refund to Acme (part of invoice 7),-100.00\n"
    )
    mapping = {
        "date": "Buchungstag",
        "gross": "Betrag",
        "description": "Verwendungszweck",
        "currency": "EUR",
        "negatives": "expenses",
    }
    result = load_export(bank.encode("utf-8"), "bank.csv", mapping=mapping)
    assert_accounted(result)
    # income: the 1,200 invoice less the refund its words name; the rent: left out as spending
    assert result.transactions["gross"].tolist() == [1200.0, -100.0]
    assert result.transactions["kind"].tolist() == ["earning", "refund"]
    assert result.skipped["row"].tolist() == [3]
    assert "an expense, not income" in result.skipped["reason"].iat[0]
    # without the choice the rent is a refund to a client: -850 of income
    plain = {k: v for k, v in mapping.items() if k != "negatives"}
    as_refunds = load_export(bank.encode("utf-8"), "bank.csv", mapping=plain).transactions
    assert round(as_refunds["net"].sum(), 2) == 1200.00 - 850.00 - 100.00


def test_bank_spending_words_are_whole_words_and_shop_refunds_are_no_income():
    bank = (
        "Date,Text,Amount\n"
        "2025-03-01,Invoice 7 Acme,1200.00\n"
        "2025-03-02,Coffee shop,-4.50\n"
        "2025-03-03,Feeding America donation,-50.00\n"
        "2025-03-04,Amazon refund,25.00\n"
    )
    mapping = {
        "date": "Date",
        "gross": "Amount",
        "description": "Text",
        "currency": "USD",
        "negatives": "expenses",
    }
    result = load_export(bank.encode(), "bank.csv", mapping=mapping)
    # only the invoice is income: the coffee and the donation are spending (no "fee" in them),
    # the shop's refund gives back spending
    assert result.transactions["gross"].tolist() == [1200.0]
    assert result.skipped["row"].tolist() == [3, 4, 5]


WEEKLY_CUT = (
    '"Date","Contract","Hours","Amount","Payment type"\n'
    '"2025-11-18","Python scraper maintenance (39120544)","0.75","33.75",""\n'
    '"2025-11-19","Python scraper maintenance (39120544)","3","1'
)


@pytest.mark.parametrize(
    "data, why",
    [
        # the download stopped inside the quoted 135.00: "1
        (WEEKLY_CUT, "it stops inside a quoted cell"),
        # the download stopped after the hours: 3 of the 5 cells
        (WEEKLY_CUT.rsplit(",", 1)[0], "it has 3 of the 5 cells the rows above have"),
        # cut inside the quotes and saved again, which added a line break (a reviewer's
        # Toptal file ending `...,"2,8` and a newline)
        (WEEKLY_CUT + "\n", "it stops inside a quoted cell"),
        (WEEKLY_CUT + "\r\n", "it stops inside a quoted cell"),
        # ...with a stray quote in an unquoted cell further up (an odd number of quotes
        # before the cut: the cut makes it even)
        (
            WEEKLY_CUT.replace('"Python scraper maintenance (39120544)"', 'Poster 12" x 18', 1)
            + "\n",
            "it stops inside a quoted cell",
        ),
    ],
)
def test_a_file_cut_off_in_its_last_row_rejects_that_row(data, why):
    result = load_export(data.encode("utf-8"), "weekly.csv")
    assert_accounted(result)
    assert list(result.transactions["gross"]) == [33.75]  # the whole first row only
    assert list(result.rejected["row"]) == [3]
    reason = result.rejected["reason"].iat[0]
    assert reason.startswith("the file seems cut off here") and why in reason
    assert any("incomplete" in w and "interrupted" in w for w in result.warnings)
    # the same rows with a line break at the end and no cut: both import
    whole = WEEKLY_CUT + '35.00",""\n'
    assert list(load_export(whole.encode("utf-8"), "weekly.csv").transactions["gross"]) == [
        33.75,
        135.0,
    ]


def test_a_last_row_without_a_line_break_or_its_empty_last_cells_is_not_cut_off():
    # every row leaves out the empty `Payment type`: 4 cells each, the last one too
    text = (
        '"Date","Contract","Hours","Amount","Payment type"\n'
        '"2025-11-18","Scraper (39120544)","0.75","33.75"\n'
        '"2025-11-19","Scraper (39120544)","3","135.00"'
    )
    result = load_export(text.encode("utf-8"), "weekly.csv")
    assert result.rejected.empty
    assert list(result.transactions["gross"]) == [33.75, 135.0]


def test_a_fee_row_with_an_empty_amount_is_rejected_not_a_zero_fee():
    header = (
        "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
        "Description 1,Description 2,Description 3,Entered Description,Agency,Freelancer,Team,"
        "Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,"
        "Payment Method"
    )
    rows = [
        '"Jun 4, 2024",812401369,Connects,Fees for additional connects,40 Connects,,,,,,'
        "Maya Ortiz,,Maya Ortiz,,812401369,,,USD,56.40,",
        '"Jun 4, 2024",812401368,Connects,Fees for additional connects,10 Connects,,,,,,'
        "Maya Ortiz,,Maya Ortiz,,812401368,-1.50,,USD,57.90,",
    ]
    result = load_export(("\n".join([header, *rows]) + "\n").encode(), "upwork.csv")
    assert_accounted(result)
    assert list(result.rejected["row"]) == [2]
    assert result.rejected["reason"].iat[0] == NO_AMOUNT
    assert list(result.transactions["fee"]) == [1.5]


def test_template_payout_words_are_transfers_and_unknown_money_out_is_said():
    text = (
        HEADER + "\n"
        "2025-01-01,fiverr,earning,500.00,0.00,500.00,USD,,Acme,Logo,A\n"
        "2025-01-20,fiverr,Cash out,-400.00,0.00,-400.00,USD,,,To debit card,B\n"
        "2025-01-21,fiverr,Sent to bank,-50.00,0.00,-50.00,USD,,,,C\n"
        "2025-01-22,fiverr,Auszahlung,-30.00,0.00,-30.00,USD,,,,D\n"
        "2025-01-23,fiverr,Disbursement,-10.00,0.00,-10.00,USD,,,,E\n"
        "2025-01-24,fiverr,Money out,-5.00,0.00,-5.00,USD,,,,F\n"
    )
    result = load_export(text.encode(), "mine.csv")
    kinds = dict(zip(result.transactions["reference"], result.transactions["kind"], strict=True))
    assert kinds == {
        "A": "earning",
        "B": "transfer",
        "C": "transfer",
        "D": "transfer",
        "E": "transfer",
        "F": "refund",  # no word says where it went: a refund, as the template's rule...
    }
    # ...said out loud, since it lowers the income
    assert any("'Money out'" in w and "write 'transfer'" in w for w in result.warnings)


def test_template_payout_words_in_other_spellings_and_languages():
    # a cash-out is the user's own money moving whichever way it goes (Cash-out, cash out);
    # retrait (French: withdrawal) too, and an ATM withdrawal; a client's bank transfer coming
    # in (Überweisung, virement) is income
    rows = [
        ("Cash-out", "-100.00", "A", "transfer"),
        ("cash out", "100.00", "B", "transfer"),
        ("retrait", "-100.00", "C", "transfer"),
        ("ATM", "-100.00", "F", "transfer"),
        ("Überweisung", "100.00", "G", "earning"),
        ("virement", "100.00", "H", "earning"),
    ]
    text = (
        HEADER
        + "\n"
        + "".join(
            f"2025-02-{i + 1:02d},fiverr,{word},{amount},0.00,{amount},EUR,,,,{ref}\n"
            for i, (word, amount, ref, _kind) in enumerate(rows)
        )
    )
    result = load_export(text.encode(), "mine.csv")
    kinds = dict(zip(result.transactions["reference"], result.transactions["kind"], strict=True))
    assert kinds == {ref: kind for _w, _a, ref, kind in rows}
    # income: the two transfers in, 100.00 + 100.00; nothing counted as a refund
    assert result.transactions.loc[result.transactions["kind"] == "earning", "net"].sum() == 200.0
    assert not any("counted as refunds" in w for w in result.warnings)
    # a bank transfer going out may be a refund paid back to a client: it stays one, said
    out = HEADER + "\n2025-02-01,fiverr,virement,-40.00,0.00,-40.00,EUR,,,,V\n"
    virement = load_export(out.encode(), "mine.csv")
    assert list(virement.transactions["kind"]) == ["refund"]
    assert any("'virement'" in w and "counted as refunds" in w for w in virement.warnings)


def test_semicolon_file_with_only_whole_thousands_reads_them_as_thousands():
    # `1.500` is fifteen hundred or one and a half; nothing in the file settles it, and a file
    # separated by semicolons comes from a decimal-comma spreadsheet: 1,500.00 and 2,250.00.
    text = (
        "date;platform;kind;gross;fee;net;currency;hours;client;description;reference\n"
        "01.03.2025;fiverr;earning;1.500;0;1.500;EUR;;c;d;A\n"
        "02.03.2025;fiverr;earning;2.250;0;2.250;EUR;;c;d;B\n"
    )
    result = load_export(text.encode(), "mine.csv")
    assert list(result.transactions["gross"]) == [1500.0, 2250.0]
    assert any("'1.500' can be read two ways" in w for w in result.warnings)
    # the same amounts separated by commas read with a decimal point, said just the same
    comma = text.replace(";", ",")
    result = load_export(comma.encode(), "mine.csv")
    assert list(result.transactions["gross"]) == [1.5, 2.25]
    assert any(
        "'1.500' can be read two ways" in w and "decimal point" in w for w in result.warnings
    )


@pytest.mark.parametrize(
    "name, data",
    [
        ("commas.csv", b",,,,\n,,,,\n"),
        ("title.csv", b"Earnings report 2025\n"),
        ("empty.xlsx", None),
    ],
)
def test_a_file_without_any_column_names_is_not_a_table(name, data):
    if data is None:
        data = _xlsx({"Sheet1": []})
    with pytest.raises(ImportFailed) as caught:
        load_export(data, name)
    assert not isinstance(caught.value, UnknownFormat)  # nothing to map either
    assert f"{name} is not a table GigLens can read" in str(caught.value)


def test_the_only_row_with_an_unreadable_date_is_not_compared_with_the_rest():
    text = HEADER + "\n" + "31/31/2025,fiverr,earning,10.00,0,10.00,USD,,A,B,C\n"
    reason = load_export(text.encode(), "mine.csv").rejected["reason"].iat[0]
    assert reason.startswith("date '31/31/2025' is not a date GigLens can read, such as ")
    assert "such as (" not in reason


def test_a_file_of_transfers_only_says_it_holds_no_income():
    text = HEADER + "\n2025-01-20,fiverr,transfer,-400.00,0,-400.00,USD,,,Withdrawal,W1\n"
    result = load_export(text.encode(), "mine.csv")
    assert list(result.transactions["kind"]) == ["transfer"]
    [note] = [w for w in result.warnings if w.startswith("None of the 1 transactions")]
    # the template is no platform: its income is in another platform's export
    assert note.endswith("The income is in the export of the platform that paid you.")
    # a file with income says nothing of the kind
    assert not any("is income" in w for w in load_export(TEMPLATE.encode(), "t.csv").warnings)


def test_an_amount_written_in_another_currency_than_its_row_says_is_rejected():
    text = (
        HEADER + "\n"
        "2025-01-01,fiverr,earning,$100.00,$10.00,$90.00,EUR,,c,dollars on a euro row,A\n"
        "2025-01-02,fiverr,earning,€100.00,€10.00,€90.00,USD,,c,euros on a dollar row,B\n"
        "2025-01-03,fiverr,earning,$50.00,$5.00,$45.00,CAD,,c,a Canadian dollar sign,C\n"
        "2025-01-04,fiverr,earning,€20.00,€2.00,€18.00,EUR,,c,euros on a euro row,D\n"
    )
    result = load_export(text.encode(), "mine.csv")
    assert_accounted(result)
    assert list(result.transactions["reference"]) == ["C", "D"]
    assert list(result.rejected["reason"]) == [
        "the amount '$100.00' is written in USD but the currency column says EUR: correct one "
        "of them",
        "the amount '€100.00' is written in EUR but the currency column says USD: correct one "
        "of them",
    ]


def test_amounts_below_one_with_three_decimals_are_fractions_in_a_semicolon_file():
    # `0.125` is no thousand: read with a decimal point (and rounded to the cent, as said)
    text = (
        "date;platform;kind;gross;fee;net;currency;hours;client;description;reference\n"
        "01.03.2025;clickworker;earning;0.125;0;0.125;EUR;;c;d;A\n"
        "02.03.2025;clickworker;earning;0.250;0;0.250;EUR;;c;d;B\n"
    )
    result = load_export(text.encode(), "mine.csv")
    assert list(result.transactions["gross"]) == [0.13, 0.25]  # 0.125: half away from zero


@pytest.mark.parametrize(
    "text",
    [
        # the last row's quoted note holds a line break; no line break after it
        HEADER + "\n" + ROWS[0] + "\n" + "2025-01-20,fiverr,earning,50.00,10.00,40.00,USD,1.5,"
        'Beta,"Icon,\nsecond line",FO2',
        # old Mac line ends (CR only), none after the last row
        (HEADER + "\n" + ROWS[0] + "\n" + ROWS[1]).replace("\n", "\r"),
        # a totals line at the end, short and without a line break: skipped as a total
        HEADER + "\n" + ROWS[0] + "\n" + ROWS[1] + "\nTotal,,,150.00,30.00,120.00",
    ],
    ids=["quoted-line-break", "cr-only", "totals-footer"],
)
def test_complete_files_without_a_last_line_break_are_not_cut_off(text):
    result = load_export(text.encode(), "mine.csv")
    assert result.rejected.empty, result.rejected.to_dict("records")
    assert not any("interrupted" in w for w in result.warnings)
    assert list(result.transactions["gross"]) == [100.0, 50.0]


def test_payout_words_only_move_money_going_out():
    from analytics.importers._common import kind_from_text

    text = pd.Series(
        [
            "Überweisung von Acme GmbH, Rechnung 42",  # a client's bank transfer: income
            "Client paid outstanding invoice 43",
            "Cash out to debit card",
            "Auszahlung auf Bankkonto",
        ]
    )
    amount = pd.Series([1200.0, 300.0, -400.0, -30.0])
    assert list(kind_from_text(text, amount)) == ["earning", "earning", "transfer", "transfer"]


def test_an_inch_mark_does_not_make_a_complete_last_row_cut_off():
    text = (
        HEADER + "\n"
        '2025-03-14,fiverr,earning,120.00,24.00,96.00,USD,3,np,Printed 12" poster,F1\n'
        "2025-03-15,fiverr,earning,85.00,17.00,68.00,USD,2,np,Price list,F2"
    )
    result = load_export(text.encode(), "mine.csv")
    assert result.rejected.empty
    assert list(result.transactions["gross"]) == [120.0, 85.0]


@pytest.mark.parametrize("tail", ["\x1a", "\n\x1a", "\n   ", "\n\t"])
def test_an_end_of_file_mark_or_a_line_of_spaces_is_no_row(tail):
    text = HEADER + "\n" + ROWS[0] + "\n" + ROWS[1] + tail
    result = load_export(text.encode(), "mine.csv")
    assert result.rejected.empty
    assert list(result.transactions["gross"]) == [100.0, 50.0]


@pytest.mark.parametrize("written", ["1.500 €", "1.500 EUR", "€ 1.500", "1.500"])
def test_a_symbol_after_the_amount_does_not_change_how_it_is_read(written):
    # semicolon file, nothing settles the separator: 1.500 is fifteen hundred however written
    text = (
        "date;platform;kind;gross;fee;net;currency;hours;client;description;reference\n"
        f"01.03.2025;fiverr;earning;{written};0;{written};EUR;;c;d;A\n"
    )
    assert list(load_export(text.encode(), "mine.csv").transactions["gross"]) == [1500.0]


def test_every_amount_column_votes_on_the_separator():
    # the fee column (read first by a mapping) says nothing; the amounts say 1.500 is ambiguous
    # and 12,50 a decimal comma: 1,500.00 and a fee of 12.50
    text = "Datum;Kunde;Betrag;Gebühr\n14.03.2025;ACME;1.500;0\n15.03.2025;Beta;80;12,50\n"
    mapping = {
        "date": "Datum",
        "client": "Kunde",
        "gross": "Betrag",
        "fee": "Gebühr",
        "currency": "EUR",
    }
    t = load_export(text.encode(), "m.csv", mapping=mapping).transactions
    assert list(t["gross"]) == [1500.0, 80.0] and list(t["fee"]) == [0.0, 12.5]


def test_many_thousands_groups_settle_the_separator():
    text = (
        "date;platform;kind;gross;fee;net;currency;hours;client;description;reference\n"
        "01.03.2025;fiverr;earning;1,500,000;0;1,500,000;USD;;c;d;A\n"
        "02.03.2025;fiverr;earning;2,250;0;2,250;USD;;c;d;B\n"
    )
    t = load_export(text.encode(), "mine.csv").transactions
    assert list(t["gross"]) == [1_500_000.0, 2250.0]


def test_money_coming_in_is_income_unless_its_words_say_it_moved_between_own_accounts():
    text = (
        "Date,What,Amount\n"
        "2025-05-01,Portrait commission,200.00\n"
        "2025-05-02,Tax return preparation for client,400.00\n"
        "2025-05-03,Refund policy page copywriting,150.00\n"
        "2025-05-04,Transfer from savings,500.00\n"
    )
    mapping = {"date": "Date", "gross": "Amount", "description": "What", "currency": "USD"}
    result = load_export(text.encode(), "m.csv", mapping=mapping)
    t = result.transactions
    # a commission (a word for a fee) coming in is income; a refund policy is no refund
    assert list(t["kind"]) == ["earning", "tax", "earning", "transfer"]
    assert list(t["gross"]) == [200.0, 400.0, 150.0, 500.0]  # no sign flipped
    # money in that its words call a tax (refund) or a move is left out, and said so
    assert any("'Transfer from savings'" in w for w in result.warnings)
    assert any("'Tax return preparation for client'" in w for w in result.warnings)


@pytest.mark.parametrize(
    "words, kind, gross",
    [
        ("Refunds", "refund", -30.0),
        ("Refund 1234", "refund", -30.0),
        ("Refund issued", "refund", -30.0),
        ("Refund – logo", "refund", -30.0),
        ("Refund, order 5", "refund", -30.0),
        ("Refund policy page copywriting", "earning", 30.0),
        ("IRS TREAS 310 TAX REF", "tax", 30.0),
        ("HMRC tax refund", "tax", 30.0),
        ("Refund reversal", "refund", 30.0),  # money that came back: kept positive
        ("Refund request declined", "refund", 30.0),
    ],
)
def test_positive_refunds_are_given_back_and_tax_refunds_are_no_income(words, kind, gross):
    text = f"Date,What,Amount\n2025-05-01,{words!r},30.00\n".replace("'", '"')
    mapping = {"date": "Date", "gross": "Amount", "description": "What", "currency": "USD"}
    t = load_export(text.encode(), "m.csv", mapping=mapping).transactions
    assert (t["kind"].iat[0], t["gross"].iat[0]) == (kind, gross)


@pytest.mark.parametrize(
    "last, imported",
    [
        # cut inside a quoted note that spans lines: rejected
        ('2025-01-20,fiverr,earning,50.00,10.00,40.00,USD,1.5,Beta,"Icon\nsecond li', [100.0]),
        # complete, its quoted last cell ends with a line break, no line break after it
        ('2025-01-20,fiverr,earning,50.00,10.00,40.00,USD,1.5,Beta,Icon,"FO2\n"', [100.0, 50.0]),
    ],
)
def test_the_last_record_is_judged_whole_across_its_lines(last, imported):
    text = HEADER + "\n" + ROWS[0] + "\n" + last
    result = load_export(text.encode(), "mine.csv")
    assert list(result.transactions["gross"]) == imported
    assert len(result.rejected) == (1 if len(imported) == 1 else 0)


def test_decimal_comma_amounts_read_the_same_by_the_fast_path():
    from analytics.canonical import TEXT_DTYPE

    cells = pd.Series(["1.234,56", "-12,5", "7", "", "1.000.000,01"], dtype=TEXT_DTYPE)
    parsed = parse_amount(cells, decimal_comma=True)
    assert parsed.values.tolist()[:3] == [1234.56, -12.5, 7.0]
    assert math.isnan(parsed.values.iat[3]) and parsed.values.iat[4] == 1_000_000.01
    assert not parsed.bad.any()
    # `1.5` cannot be a decimal-comma amount: the full reading rejects it, as before
    assert parse_amount(pd.Series(["1.5"], dtype=TEXT_DTYPE), decimal_comma=True).bad.all()


def test_a_title_line_with_a_stray_quote_does_not_make_the_last_row_cut_off():
    text = '"Statement for Jan\n\n' + HEADER + "\n" + ROWS[0] + "\n" + ROWS[1]
    result = load_export(text.encode(), "mine.csv")
    assert result.rejected.empty
    assert list(result.transactions["gross"]) == [100.0, 50.0]


@pytest.mark.parametrize("title", ["Report 2025\r\r", '"Report, 2025"\r\r', "Report 2025\r"])
def test_a_cr_only_file_with_a_title_and_a_blank_line_loses_no_row(title):
    text = title + HEADER + "\r" + ROWS[0] + "\r" + ROWS[1]
    result = load_export(text.encode(), "mine.csv")
    assert_accounted(result)
    assert result.rows_read == 2
    assert list(result.transactions["gross"]) == [100.0, 50.0]


def test_a_quote_never_closed_where_it_should_be_does_not_swallow_rows_silently():
    rows = [
        '2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Acme,"oops,FO1',
        "2025-01-04,fiverr,earning,50.00,10.00,40.00,USD,1.5,Beta,Icon,FO2",
        "2025-01-05,fiverr,earning,60.00,10.00,50.00,USD,1.5,Beta,Icon,FO3",
    ]
    result = load_export(("\n".join([HEADER, *rows]) + "\n").encode(), "mine.csv")
    assert_accounted(result)
    assert result.transactions.empty
    assert (
        "a quote opened in column 'description' runs over the next 2 lines"
        in (result.rejected["reason"].iat[0])
    )
    # a note of several lines, with a comma or two, is text
    note = '2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,2,Acme,"Thanks, Jo\nsee you, soon\nok, bye",FO1'
    fine = load_export((HEADER + "\n" + note + "\n").encode(), "mine.csv")
    assert fine.rejected.empty and list(fine.transactions["gross"]) == [100.0]


PAYPAL_CELLS = ["Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee"]
PAYPAL_CELLS += ["Net", "Transaction ID", "Balance Impact"]


def _paypal_row(day, name, kind, gross, fee, net, txn, impact="Credit"):
    return [f"0{day}/03/2026", "10:00:00", "PST", name, kind, "Completed", "USD"] + [
        gross,
        fee,
        net,
        txn,
        impact,
    ]


def test_a_sheet_copying_rows_of_another_counts_each_transaction_once():
    """'All' holds two payments and a withdrawal; 'Payments' is a filtered copy of the two
    payments: earnings 96.80 + 193.90 = 290.70 once, the copies skipped as repeats."""
    rows = [
        _paypal_row(1, "Alice", "Website Payment", 100, -3.2, 96.8, "T1"),
        _paypal_row(2, "Bob", "Website Payment", 200, -6.1, 193.9, "T2"),
        _paypal_row(4, "", "General Withdrawal", -290.7, 0, -290.7, "T4", "Debit"),
    ]
    data = _book(
        ("All", [PAYPAL_CELLS, *rows], False), ("Payments", [PAYPAL_CELLS, *rows[:2]], False)
    )
    result = load_export(data, "paypal.xlsx")
    t = result.transactions
    assert round(t.loc[t["kind"] == "earning", "net"].sum(), 2) == 290.70
    assert sorted(t["reference"]) == ["T1", "T2", "T4"]
    assert len(result.skipped) == 2
    assert result.skipped["reason"].str.contains("the same transaction twice").all()
    assert_accounted(result)


def test_a_copied_sheet_without_transaction_ids_is_pointed_out():
    """MTurk's HIT list has no id column: identical rows may be two real HITs, so they are
    imported, and the warning says the second sheet repeats the first."""
    header = ["Date", "Requester", "Title", "Reward", "State"]
    hits = [
        ["2025-03-01", "Lab A", "Survey", 1.5, "Paid"],
        ["2025-03-02", "Lab B", "Tag", 0.2, "Paid"],
    ]
    data = _book(("Hits", [header, *hits], False), ("Copy", [header, hits[0]], False))
    result = load_export(data, "hits.xlsx")
    assert round(result.transactions["net"].sum(), 2) == 3.20  # 1.50 + 0.20 + 1.50 again
    assert any("1 of the 1 rows on sheet 'Copy'" in w for w in result.warnings)


def test_a_sheet_holding_another_platforms_table_is_named_not_dropped_silently():
    stripe = ["id", "Type", "Source", "Amount", "Fee", "Net", "Currency", "Created (UTC)"]
    data = _book(
        (
            "PayPal",
            [PAYPAL_CELLS, _paypal_row(1, "Alice", "Website Payment", 100, -3.2, 96.8, "T1")],
            False,
        ),
        (
            "Stripe",
            [stripe, ["txn_1", "charge", "ch_1", 50, 1.75, 48.25, "usd", "2026-03-02 10:00"]],
            False,
        ),
    )
    result = load_export(data, "both.xlsx")
    assert list(result.transactions["reference"]) == ["T1"]
    assert any("Sheet 'Stripe' holds another table" in w and "own" in w for w in result.warnings)


def test_excels_accounting_zero_is_zero_and_a_bare_dash_stays_empty():
    cells = pd.Series(
        [" $-   ", "$ -", "-   €", "£-", "-", "$(73.07)", " $1,580.68 "], dtype=object
    )
    parsed = parse_amount(cells)
    assert parsed.values.iloc[:4].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert math.isnan(parsed.values.iloc[4])  # `-` alone: an empty cell
    assert parsed.values.iloc[5:].tolist() == [-73.07, 1580.68]
    assert not parsed.bad.any()


def test_a_paypal_download_resaved_in_accounting_format_imports_whole():
    """Excel's Accounting format, saved back to CSV: `$-` fees are zero. Income 1,580.68 +
    20.00 = 1,600.68, fees 73.07; the 500.00 withdrawal is a transfer."""
    data = (
        b"Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,Transaction ID,"
        b"Balance Impact\r\n"
        b'3/1/2026,10:00:00,PST,Alice,Website Payment,Completed,USD," $1,653.75 ", $(73.07) ,'
        b'" $1,580.68 ",T1,Credit\r\n'
        b'3/4/2026,10:00:00,PST,,General Withdrawal,Completed,USD," $(500.00)", $-   ,'
        b'" $(500.00)",T2,Debit\r\n'
        b"3/5/2026,10:00:00,PST,Bob,Website Payment,Completed,USD, $20.00 , $-   , $20.00 ,T3,"
        b"Credit\r\n"
    )
    result = load_export(data, "paypal_resaved.csv")
    assert result.rejected.empty
    t = result.transactions
    earning = t[t["kind"] == "earning"]
    assert round(earning["net"].sum(), 2) == 1600.68
    assert round(earning["fee"].sum(), 2) == 73.07
    assert t.loc[t["kind"] == "transfer", "net"].tolist() == [-500.0]


def test_a_real_date_cell_among_text_dates_is_read():
    """A retyped cell became a real date (written 2026-03-04) among `3/1/2026` text dates:
    year-first cannot be mistaken, so it is read; the file's own format stays month-first."""
    cells = pd.Series(["3/1/2026", "2026-03-04", "3/5/2026", "3/6/2026", "2026-03-07 10:00:00"])
    parsed, fmt = parse_date(cells, ["%m/%d/%Y"])
    assert fmt == "%m/%d/%Y"
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist() == [
        "2026-03-01",
        "2026-03-04",
        "2026-03-05",
        "2026-03-06",
        "2026-03-07",
    ]
    assert not parsed.bad.any()


def test_a_date_shown_as_a_spreadsheet_number_says_how_to_fix_it():
    text = HEADER + "\n46082,fiverr,earning,10.00,1.00,9.00,USD,,A,B,C\n"
    result = load_export(text.encode(), "t.csv")
    assert result.transactions.empty
    (reason,) = result.rejected["reason"]
    assert "'46082' is a spreadsheet's date shown as a number" in reason
    assert "format the column as a date" in reason


def test_excel_error_cells_are_named_in_a_warning():
    """#N/A and #REF! cells read as empty: the warning says which cells show an error."""
    rows = [TEMPLATE_CELLS, ["2025-05-01", "fiverr", "earning", 100, 20, 80, "USD"]]
    rows.append(["2025-05-02", "fiverr", "earning", 50, "#N/A", 40, "USD"])
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.active["E3"].data_type = "e"  # an error cell, as Excel writes #N/A
    out = io.BytesIO()
    book.save(out)
    result = load_export(out.getvalue(), "book.xlsx")
    assert any(
        "1 cell(s) showing an Excel error (#N/A in E3)" in w and "Fix those cells" in w
        for w in result.warnings
    )
    # the #N/A fee reads as empty, and an empty fee is what gross and net say: 50 - 40 = 10
    assert totals(result) == (150.00, 30.00, 120.00)
    assert_accounted(result)


def test_sub_cent_amounts_round_half_away_from_zero_like_a_spreadsheet():
    # 1.125 -> 1.13 and -1.125 -> -1.13 (not to even: 1.12); 2.675 and 0.285 are 2.67499...
    # and 0.28499... as floats, yet written 2.675 and 0.285: 2.68 and 0.29
    for cells in (["1.125", "-1.125", "2.675", "0.285"], [1.125, -1.125, 2.675, 0.285]):
        parsed = parse_amount(pd.Series(cells))
        assert parsed.values.tolist() == [1.13, -1.13, 2.68, 0.29]
        assert parsed.rounded.all()


def test_a_spreadsheets_sub_cent_number_is_not_blamed_on_thousands_points():
    rows = [TEMPLATE_CELLS, ["2025-05-01", "fiverr", "earning", 100.125, 0, 100.125, "USD"]]
    result = load_export(_book(("Data", rows, False)), "book.xlsx")
    assert totals(result) == (100.13, 0.0, 100.13)
    rounded = [w for w in result.warnings if "were rounded to the cent" in w]
    assert [w.split(":")[0] for w in rounded] == ["gross", "net"]
    assert not any("thousands with a point" in w or "read two ways" in w for w in result.warnings)


PAYPAL_LINE = (
    '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
    '"Transaction ID","Balance Impact"\r\n"3/13/2026","10:00:00","PST","{name}","Website Payment",'
    '"Completed","USD","100.00","-3.20","96.80","T1","Credit"\r\n'
)


@pytest.mark.parametrize(
    ("encoding", "name", "said"),
    [
        ("gb18030", "王小明工作室", "Chinese (GB18030)"),
        ("shift_jis", "株式会社テスト", "Japanese (Shift-JIS)"),
        ("euc_kr", "김철수 디자인", "Korean (EUC-KR)"),
    ],
)
def test_east_asian_code_pages_are_read_and_said(encoding, name, said):
    result = load_export(PAYPAL_LINE.format(name=name).encode(encoding), "x.csv")
    assert list(result.transactions["client"]) == [name]
    assert list(result.transactions["net"]) == [96.80]
    assert any(f"read as {said} text" in w for w in result.warnings)


def test_a_mac_roman_file_is_read_as_mac_roman():
    # in Windows-1252 the name would read JosŽ MŸller
    result = load_export(PAYPAL_LINE.format(name="José Müller").encode("mac_roman"), "x.csv")
    assert list(result.transactions["net"]) == [96.80]
    assert list(result.transactions["client"]) == ["José Müller"]
    assert not result.warnings


@pytest.mark.parametrize(
    ("name", "as_windows"),
    [
        ("Café Zoë – “special” order", "CafŽ Zo‘ Ð ÒspecialÓ order"),
        ("Straße 5, Größe M", "Stra§e 5, Grš§e M"),
        ("Crème brûlée façade", "Cr�me bržlŽe fa�ade"),
    ],
)
def test_mac_roman_accents_without_a_euro_sign_are_read_as_mac_roman(name, as_windows):
    # No € (Û29.99) and no MŸller: the accents alone tell Mac Roman (the Windows-1252 reading,
    # with a capital inside a word, a sign inside a word or a byte it has no letter for, is
    # what the import showed before)
    data = PAYPAL_LINE.format(name=name).encode("mac_roman")
    assert as_windows in data.decode("cp1252", errors="replace")
    result = load_export(data, "x.csv")
    assert list(result.transactions["client"]) == [name]
    assert list(result.transactions["net"]) == [96.80]


@pytest.mark.parametrize(
    "name",
    [
        "O’Brien “Logo” – draft",
        "Dušan Košice",
        "Müller • Straße",
        "Café Zoë – “special” order",
        "rock’n’roll × 3, 30° ½",
        # Windows-1252's own signs, which read as Mac Roman are letters (Ñ ™ â • “)
        "Rechnung „Logo“",
        "1ª entrega",
        "NICCOLÒ ROSSI PERÒ",
        "Stock photo ¥1200",
        "5‰ fee",
    ],
)
def test_windows_1252_names_are_not_taken_for_garbled_text(name):
    result = load_export(PAYPAL_LINE.format(name=name).encode("cp1252"), "x.csv")
    assert list(result.transactions["client"]) == [name]
    assert not result.warnings


def _raw_book(sheet_xml: bytes) -> bytes:
    """A bare .xlsx zip around one sheet's XML (enough for `excel_error_cells`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "xl/workbook.xml",
            '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def test_error_cells_are_found_across_chunks_and_in_prefixed_xml():
    from analytics import reading

    cell = b'<c r="A1"><v>1</v></c>'
    pad = cell * ((reading._XML_CHUNK - 10) // len(cell))  # the error cell straddles a chunk
    xml = b"<sheetData>" + pad + b'<c r="B9" t="e"><v>#N/A</v></c></sheetData>'
    assert reading.excel_error_cells(_raw_book(xml)) == {"S": [("B9", "#N/A")]}
    # a prefixed sheet, single quotes, an error formula without a cached value: the next
    # cell's 40 is not taken for it
    xml = (
        b"<x:sheetData><x:c r='E2' t='e'><x:f>1/0</x:f></x:c>"
        b"<x:c r='F2'><x:v>40</x:v></x:c></x:sheetData>"
    )
    assert reading.excel_error_cells(_raw_book(xml)) == {"S": [("E2", "error")]}
    assert reading.excel_error_cells(b"not a zip") == {}


def test_a_bracketed_amount_with_its_own_minus_is_negative_once():
    # `(-12.00)`: the brackets and the minus say the same thing; never +12.00
    assert parse_amount(pd.Series(["(-12.00)", "-(12.00)", "(12.00)"])).values.tolist() == [
        -12.0,
        -12.0,
        -12.0,
    ]


def test_template_rows_filled_in_the_ways_people_fill_them():
    """Hours as a spreadsheet duration (1:30 = 1.5 h, 0:45 = 0.75 h), a fee left blank where
    gross and net say it (150 - 120 = 30), a fee-only row with only the fee (gross 0, net
    -5.00), an earning's fee written negative as PayPal writes it (-30.00: 30.00 kept, with a
    warning), a row with only a fee and kind earning (rejected: which amount is missing?), and
    hours that are no hours (`1:3O`): the payment counts, without hours, with a warning."""
    text = HEADER + (
        "\n2025-03-14,fiverr,earning,150.00,30.00,120.00,USD,1:30,a,Logo,A"
        "\n2025-03-15,fiverr,earning,60.00,12.00,48.00,USD,0:45:00,a,Icon,B"
        "\n2025-03-16,fiverr,earning,150.00,,120.00,USD,5,a,Logo,C"
        "\n2025-03-17,fiverr,fee,,5.00,,USD,,,Fiverr Plus,D"
        "\n2025-03-18,fiverr,earning,80.00,-16.00,,USD,2,a,Banner,E"
        "\n2025-03-19,fiverr,earning,,5.00,,USD,,,Something,F"
        "\n2025-03-20,fiverr,earning,40.00,8.00,32.00,USD,1:3O,a,Typo,G\n"
    )
    result = load_export(text.encode(), "mine.csv")
    assert_accounted(result)
    t = result.transactions.set_index("reference")
    assert t.loc["A", "hours"] == 1.5
    assert t.loc["B", "hours"] == 0.75
    assert t.loc["C", ["gross", "fee", "net"]].tolist() == [150.0, 30.0, 120.0]
    assert t.loc["D", ["kind", "gross", "fee", "net"]].tolist() == ["fee", 0.0, 5.0, -5.0]
    assert t.loc["E", ["gross", "fee", "net"]].tolist() == [80.0, 16.0, 64.0]
    assert any("1 fee(s) written as negative numbers (row 6)" in w for w in result.warnings)
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert reasons[7].startswith("only a fee on this row")
    assert list(reasons) == [7]
    assert t.loc["G", ["gross", "fee", "net"]].tolist() == [40.0, 8.0, 32.0]
    assert pd.isna(t.loc["G", "hours"])
    assert any(
        "hours: 1 cell(s) are not hours GigLens can read (e.g. '1:3O' on row 8); row 8 was "
        "imported without hours" in w
        for w in result.warnings
    ), result.warnings
    # a negative fee the row's net confirms (80 + 16 = 96) stays what it says
    kept = load_export(
        (HEADER + "\n2025-03-18,fiverr,earning,80.00,-16.00,96.00,USD,2,a,Bonus,E\n").encode(),
        "mine.csv",
    )
    assert kept.transactions[["gross", "fee", "net"]].iloc[0].tolist() == [80.0, -16.0, 96.0]
    assert not kept.warnings


def test_decimal_comma_hours_decide_the_file_when_every_amount_is_whole():
    """A German spreadsheet's template: whole euros, hours 2,5 - a decimal comma, not a
    thousands separator: 2.5 hours. In an xlsx the durations arrive as times."""
    text = (
        "date;platform;kind;gross;fee;net;currency;hours;client;description;reference\r\n"
        "14.03.2025;fiverr;earning;150;30;120;EUR;5;a;Logo;A\r\n"
        "02.05.2025;fiverr;earning;85;17;68;EUR;2,5;b;Price list;B\r\n"
    )
    result = load_export(text.encode("cp1252"), "vorlage.csv")
    assert result.rejected.empty
    assert result.transactions["hours"].tolist() == [5.0, 2.5]
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(
        [dt.datetime(2025, 3, 14), "fiverr", "earning", 150, 30, 120, "USD"]
        + [dt.time(1, 30), "a", "Logo", "A"]
    )
    saved = io.BytesIO()
    book.save(saved)
    assert load_export(saved.getvalue(), "t.xlsx").transactions["hours"].tolist() == [1.5]


def test_the_template_with_a_type_column_of_ones_own_is_still_the_template():
    """A user adds a "Type" column to the template: the file has every column PayPal's
    activity download requires (Date, Type, Currency, Gross, Fee, Net), but its platform and
    kind columns are the template's."""
    text = HEADER + ",Type\n2025-03-14,fiverr,earning,150.00,30.00,120.00,USD,5,a,Logo,FO1,design\n"
    result = load_export(text.encode(), "mine.csv")
    assert result.layout == "GigLens template"
    assert result.rejected.empty
    assert result.transactions[["platform", "net"]].values.tolist() == [["fiverr", 120.0]]


def test_a_german_bank_file_in_windows_1252_with_quotes_and_euros_keeps_its_amounts():
    # „…“ and € in Windows-1252 read as Mac Roman would be Ñ…ì and Ä: 120,00 Ä is no amount
    text = (
        "Buchungstag;Auftraggeber;Verwendungszweck;Betrag\n"
        "03.03.2025;Anna Schmidt;Rechnung „Logo“;120,00 €\n"
        "04.03.2025;Jan Weber;Rechnung „Flyer“;80,00 €\n"
    )
    mapping = {"date": "Buchungstag", "client": "Auftraggeber"}
    mapping |= {"description": "Verwendungszweck", "gross": "Betrag", "currency": "EUR"}
    result = load_export(text.encode("cp1252"), "konto.csv", mapping=mapping)
    assert result.rejected.empty
    assert list(result.transactions["gross"]) == [120.00, 80.00]
    assert list(result.transactions["description"].astype(str)) == [
        "Rechnung „Logo“",
        "Rechnung „Flyer“",
    ]


def test_a_csv_saved_by_excel_for_mac_in_mac_roman():
    """Excel for Mac's plain CSV is Mac Roman: € is byte DB (Û in Windows-1252), ä is 8A (Š).
    The Etsy statement reads with its euros and its umlauts; Windows-1252 files stay so."""
    text = (
        "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\r"
        '"31 July, 2026",Sale,Payment for Order #1 – Kräuter,,EUR,€29.99,-€1.44,€28.55,--\r'
    )
    result = load_export(text.encode("mac_roman"), "etsy.csv")
    assert result.rejected.empty
    assert result.transactions[["gross", "fee", "net"]].values.tolist() == [[29.99, 1.44, 28.55]]
    assert "Kräuter" in result.transactions["description"].iat[0]
    windows = load_export(text.encode("cp1252"), "etsy.csv")
    assert windows.rejected.empty
    assert "Kräuter" in windows.transactions["description"].iat[0]


def test_more_ways_of_filling_the_template():
    """Gross left blank is net + fee (120 + 30 = 150); a PayPal-style negative fee with its net
    (150 - 30 = 120) is money kept, with the warning; a refund's negative fee stays what it says
    (-50 - -5 = -45), without a warning; a row with no amount at all says so; a duration with
    seconds is 1 + 30/60 + 36/3600 = 1.51 h; 1:75 is no duration (the row counts without
    hours)."""

    def one(row: str):
        return load_export((HEADER + "\n" + row + "\n").encode(), "mine.csv")

    blank_gross = one("2025-03-17,fiverr,earning,,30.00,120.00,USD,,a,Logo,D")
    assert blank_gross.rejected.empty
    assert blank_gross.transactions[["gross", "fee", "net"]].iloc[0].tolist() == [150, 30, 120]
    paypal_style = one("2025-03-14,fiverr,earning,150.00,-30.00,120.00,USD,,a,Logo,A")
    assert paypal_style.rejected.empty
    assert paypal_style.transactions[["gross", "fee", "net"]].iloc[0].tolist() == [150, 30, 120]
    assert any("1 fee(s) written as negative numbers (row 2)" in w for w in paypal_style.warnings)
    refund = one("2025-03-15,fiverr,refund,-50.00,-5.00,,USD,,a,Logo,B")
    assert refund.transactions[["gross", "fee", "net"]].iloc[0].tolist() == [-50, -5, -45]
    assert not refund.warnings
    nothing = one("2025-03-16,fiverr,earning,,,,USD,2,a,Logo,C")
    assert nothing.rejected["reason"].tolist() == [NO_AMOUNT]
    text = HEADER + (
        "\n2025-03-14,fiverr,earning,150.00,30.00,120.00,USD,1:30:36,a,Logo,A"
        "\n2025-03-15,fiverr,earning,150.00,30.00,120.00,USD,1:75,a,Logo,B\n"
    )
    clock = load_export(text.encode(), "mine.csv")
    assert clock.transactions["hours"].tolist()[0] == 1.51
    assert pd.isna(clock.transactions["hours"].iloc[1]) and clock.rejected.empty
    assert any("(e.g. '1:75' on row 3)" in w for w in clock.warnings)


def test_five_negative_fees_are_all_named_in_the_warning():
    rows = [f"2025-03-1{d},fiverr,earning,100.00,-10.00,,USD,,a,Logo,R{d}" for d in range(5)]
    result = load_export((HEADER + "\n" + "\n".join(rows) + "\n").encode(), "mine.csv")
    [warning] = [w for w in result.warnings if "written as negative" in w]
    assert "(row 2, 3, 4, 5, 6) were read" in warning and "more" not in warning


def test_a_mapped_file_with_decimal_comma_hours_and_whole_amounts():
    text = "Booked;Amount;Time;Who\r\n14.03.2025;150;2,5;Acme\r\n15.03.2025;85;1,25;Beta\r\n"
    mapping = {"date": "Booked", "net": "Amount", "hours": "Time", "client": "Who"}
    result = load_export(text.encode(), "bank.csv", mapping={**mapping, "currency": "EUR"})
    assert result.rejected.empty
    assert result.transactions["hours"].tolist() == [2.5, 1.25]


def test_a_windows_1252_file_with_a_bullet_between_letters_stays_windows_1252():
    # read as Mac Roman, Müller•Straße would be garbled too (M¸llerïStraﬂe): not Mac Roman
    text = (
        HEADER
        + "\n2025-03-14,fiverr,earning,150.00,30.00,120.00,USD,,Kräuter GmbH,Müller•Straße,A\n"
    )
    result = load_export(text.encode("cp1252"), "mine.csv")
    assert result.transactions["client"].tolist() == ["Kräuter GmbH"]
    assert result.transactions["description"].tolist() == ["Müller•Straße"]


def test_hours_written_out_or_as_an_ods_duration():
    """1h30 = 1.5 h, 90 min = 1.5 h, 2 hrs = 2 h, 45m = 0.75 h, and a LibreOffice time cell of a
    day or more, which reaches GigLens as PT26H15M00S: 26 + 15/60 = 26.25 h. Two unreadable
    cells keep their rows (40 + 40 of gross counted) without hours, named in one warning."""
    cells = ["1h30", "90 min", "2 hrs", "45m", "PT26H15M00S", "1 1/2", "soon"]
    text = HEADER + "".join(
        f"\n2025-03-1{i},fiverr,earning,40.00,8.00,32.00,USD,{cell},a,Logo,R{i}"
        for i, cell in enumerate(cells)
    )
    result = load_export((text + "\n").encode(), "mine.csv")
    assert_accounted(result)
    assert result.rejected.empty and result.transactions["gross"].sum() == 7 * 40
    hours = result.transactions.set_index("reference")["hours"]
    assert hours[["R0", "R1", "R2", "R3", "R4"]].tolist() == [1.5, 1.5, 2.0, 0.75, 26.25]
    assert hours[["R5", "R6"]].isna().all()
    assert any(
        "2 cell(s) are not hours GigLens can read (e.g. '1 1/2' on row 7); rows 7, 8 were "
        "imported without hours" in w
        for w in result.warnings
    ), result.warnings


def test_template_kinds_that_say_no_money_came_are_skipped_and_unknown_ones_warned():
    """Fiverr's words pasted into the kind column: a pending or cancelled order never paid the
    user (skipped with its words); a kind GigLens does not know counts as an earning, with a
    warning naming the row. Income: rows 4 and 5, 2 x 100.00 gross, 2 x 80.00 net."""
    text = HEADER + (
        "\n2025-01-02,fiverr,Pending clearance,100.00,20.00,80.00,USD,,c,x,A"
        "\n2025-01-03,fiverr,Order cancelled,100.00,20.00,80.00,USD,,c,x,B"
        "\n2025-01-04,fiverr,Foobar,100.00,20.00,80.00,USD,,c,x,C"
        "\n2025-01-05,fiverr,earning,100.00,20.00,80.00,USD,,c,x,D\n"
    )
    result = load_export(text.encode(), "fiverr.csv")
    assert_accounted(result)
    assert totals(result) == (200.00, 40.00, 160.00)
    reasons = dict(zip(result.skipped["row"], result.skipped["reason"], strict=True))
    assert reasons == {
        2: "kind 'Pending clearance': not money paid to you (cancelled, failed or still pending)",
        3: "kind 'Order cancelled': not money paid to you (cancelled, failed or still pending)",
    }
    assert any(
        "1 row(s) with a kind GigLens does not know ('Foobar') were counted as earnings (row 4)"
        in w
        for w in result.warnings
    ), result.warnings


def test_a_huge_header_cell_makes_no_huge_message():
    """A header cell of 100,000 x's (a damaged or joined file): the message names it cut to 40
    characters (39 and an ellipsis), not the whole cell."""
    data = b"When,What," + b"x" * 100_000 + b"\n2025-01-02,thing,10.50\n"
    with pytest.raises(UnknownFormat) as caught:
        load_export(data, "huge.csv")
    message = str(caught.value)
    assert len(message) < 2_000
    assert "Columns found: When, What, " + "x" * 39 + "…." in message


def test_currency_written_as_a_symbol_or_a_name_when_it_is_one_currencys():
    """€, Euro and US$ in the currency column, and £100.00 beside a blank one, say one currency
    each; $ (US, Canadian, Australian...) does not: those rows are rejected saying so."""
    text = HEADER + (
        "\n2025-01-02,fiverr,earning,100.00,20.00,80.00,€,,c,x,A"
        "\n2025-01-03,fiverr,earning,100.00,20.00,80.00,Euro,,c,x,B"
        "\n2025-01-04,fiverr,earning,100.00,20.00,80.00,US$,,c,x,C"
        "\n2025-01-05,fiverr,earning,£100.00,20.00,80.00,,,c,x,D"
        "\n2025-01-06,fiverr,earning,$100.00,20.00,80.00,,,c,x,E"
        "\n2025-01-07,fiverr,earning,100.00,20.00,80.00,$,,c,x,F\n"
    )
    result = load_export(text.encode(), "symbols.csv")
    assert_accounted(result)
    got = dict(zip(result.transactions["reference"], result.transactions["currency"], strict=True))
    assert got == {"A": "EUR", "B": "EUR", "C": "USD", "D": "GBP"}
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert reasons[6].startswith("currency is empty") and reasons[7].startswith("currency '$'")


def test_excel_long_dates_are_read():
    """A column formatted as Excel's Long Date and saved as CSV: Friday, January 3, 2025 and
    Monday, 6 January 2025 (the UK's)."""
    for cells, expected in (
        (['"Friday, January 3, 2025"', '"Monday, January 6, 2025"'], ["2025-01-03", "2025-01-06"]),
        (['"Friday, 3 January 2025"', '"Monday, 6 January 2025"'], ["2025-01-03", "2025-01-06"]),
    ):
        text = HEADER + "".join(
            f"\n{cell},fiverr,earning,10.00,2.00,8.00,USD,,c,x,R{i}" for i, cell in enumerate(cells)
        )
        result = load_export((text + "\n").encode(), "long.csv")
        assert result.rejected.empty, result.rejected["reason"].tolist()
        assert result.transactions["date"].dt.strftime("%Y-%m-%d").tolist() == expected


@pytest.mark.parametrize(
    ("cell", "hours"),
    [
        ("PT26H15M30S", 26 + 15 / 60 + 30 / 3600),  # seconds too: 26.258333 h
        ('"1,5 Std."', 1.5),  # German: Stunden (quoted: a comma inside)
        ("2 Stunden", 2.0),
        ("1h75", None),  # 75 minutes after the hour: no duration
        ("about 2h", None),  # words around a duration: not a number of hours
        ("5 months", None),
        ("call 10 min", None),
    ],
)
def test_more_durations_and_what_is_no_duration(cell, hours):
    text = HEADER + f"\n2025-03-10,fiverr,earning,40.00,8.00,32.00,USD,{cell},a,Logo,R1\n"
    result = load_export(text.encode(), "mine.csv")
    assert result.rejected.empty  # the payment counts either way
    got = result.transactions["hours"].iat[0]
    if hours is None:
        assert pd.isna(got)
        assert any("not hours GigLens can read" in w for w in result.warnings)
    else:
        assert got == pytest.approx(hours, abs=1e-9)


def test_a_skipped_row_with_unreadable_hours_is_not_said_to_be_imported():
    """Row 2 is a pending order (skipped) with hours 'soon': no warning that it "was imported
    without hours"; row 3 imports with its 1.5 hours."""
    text = HEADER + (
        "\n2025-03-10,fiverr,Pending clearance,40.00,8.00,32.00,USD,soon,a,Logo,R1"
        "\n2025-03-11,fiverr,earning,40.00,8.00,32.00,USD,1:30,a,Logo,R2\n"
    )
    result = load_export(text.encode(), "mine.csv")
    assert list(result.skipped["row"]) == [2]
    assert result.transactions["hours"].tolist() == [1.5]
    assert not any("without hours" in w for w in result.warnings)


def test_template_kinds_pending_refund_declined_sale_and_blank():
    """Pending is no money yet (skipped); a refund that was declined left the money with the
    user (+80.00 net); Sale and a blank kind are earnings without a warning; two kinds GigLens
    does not know are both named. Income: 80 x 4 = 320.00 net."""
    text = HEADER + (
        "\n2025-01-02,fiverr,Pending,100.00,20.00,80.00,USD,,c,x,A"
        "\n2025-01-03,fiverr,Refund declined,100.00,20.00,80.00,USD,,c,x,B"
        "\n2025-01-04,fiverr,Sale,100.00,20.00,80.00,USD,,c,x,C"
        "\n2025-01-05,fiverr,,100.00,20.00,80.00,USD,,c,x,D"
        "\n2025-01-06,fiverr,Foobar,100.00,20.00,80.00,USD,,c,x,E"
        "\n2025-01-07,fiverr,Widget,100.00,20.00,80.00,USD,,c,x,F\n"
    )
    result = load_export(text.encode(), "kinds.csv")
    assert_accounted(result)
    assert list(result.skipped["row"]) == [2]
    assert sorted(result.transactions["reference"]) == ["B", "C", "D", "E", "F"]
    assert result.transactions["net"].sum() == 400.0  # B, C, D, E, F: 5 x 80.00
    [unknown] = [w for w in result.warnings if "kind GigLens does not know" in w]
    assert "('Foobar', 'Widget')" in unknown and "(row 6, 7)" in unknown


def test_currency_from_a_symbol_in_the_net_or_the_fee():
    """Gross left blank, fee €20.00 and net €80.00, currency blank: EUR, gross 100.00 (net +
    fee); a currency written zł is PLN."""
    text = HEADER + (
        "\n2025-01-02,fiverr,earning,,€20.00,€80.00,,,c,x,A"
        "\n2025-01-03,fiverr,earning,100.00,20.00,80.00,zł,,c,x,B\n"
    )
    result = load_export(text.encode(), "symbols.csv")
    assert result.rejected.empty, result.rejected["reason"].tolist()
    got = result.transactions.set_index("reference")
    assert got.loc["A", ["currency", "gross", "fee", "net"]].tolist() == ["EUR", 100.0, 20.0, 80.0]
    assert got.loc["B", "currency"] == "PLN"


def test_a_short_big5_file_says_its_names_may_be_garbled():
    """Big5 writes many second bytes in the ASCII range, so a short file reads as
    Windows-1252 without an error (台北科技有限公司 as ¥x¥_¬ì§Þ¦³­­¤½¥q): the import says the
    names may be garbled. A Western file full of € and curly quotes says nothing."""
    name = "台北科技有限公司"
    big5 = (HEADER + f"\n2025-01-02,fiverr,earning,10.00,2.00,8.00,USD,,{name},x,A\n").encode(
        "big5"
    )
    result = load_export(big5, "t.csv")
    assert result.transactions["gross"].tolist() == [10.0]  # the amounts are right
    assert any("look like a Chinese, Japanese or Korean code page" in w for w in result.warnings)
    western = HEADER + "\n2025-01-02,fiverr,earning,10.00,2.00,8.00,USD,,Müller “GmbH”,€5 – ½,A\n"
    assert load_export(western.encode("cp1252"), "w.csv").warnings == []
    # a German invoice's note, and other Western signs, on every row: no false alarm
    for text in ("Kleinunternehmer gem. §19 UStG", "½ day workshop", "360° photo", "€5 tip"):
        rows = "".join(
            f"\n2025-01-0{d},fiverr,earning,10.00,2.00,8.00,EUR,,Kunde,{text},R{d}"
            for d in range(1, 6)
        )
        assert load_export((HEADER + rows + "\n").encode("cp1252"), "w.csv").warnings == [], text


@pytest.mark.parametrize(
    ("cell", "comma", "expected"),
    [
        ("12,-", True, 12.0),  # German: twelve euros, the dash for no cents
        ("12,--", True, 12.0),
        ("€ 1.234,-", True, 1234.0),
        ("12,–", True, 12.0),  # en dash
        ("-12,-", True, -12.0),
        ("(12,-)", True, -12.0),
        ("12,00-", True, -12.0),  # a trailing minus after the cents stays a minus
        ("12.–", False, 12.0),  # Swiss
        ("12.00-", False, -12.0),
    ],
)
def test_a_dash_for_no_cents_is_whole_units_not_a_minus(cell, comma, expected):
    parsed = parse_amount(pd.Series([cell], dtype=object), decimal_comma=comma)
    assert parsed.values.iloc[0] == expected and not parsed.bad.iloc[0]


def test_a_german_template_with_whole_euros_written_12_dash():
    text = (
        b"date;platform;kind;gross;fee;net;currency\n"
        b"03.02.2026;etsy;earning;12,-;1,50;10,50;EUR\n"
        b"04.02.2026;etsy;earning;1.234,-;0,-;1.234,-;EUR\n"
    )
    result = load_export(text, "umsatz.csv")
    assert result.rejected.empty
    t = result.transactions
    assert list(t["gross"]) == [12.0, 1234.0] and list(t["net"]) == [10.5, 1234.0]
    assert t["gross"].sum() == 1246.0  # 12 + 1,234: income, not -1,246


def test_two_downloads_joined_into_one_file_count_their_overlap_once():
    """January-February and February-March pasted one below the other, the header between
    them. February's rows are in both: counted once. Two equal tips on 10 February are two
    tips (in each download), so they count twice, not four times; the 5.00 tip that only the
    second download has twice counts twice."""
    text = (
        b"date,platform,kind,gross,fee,net,currency\n"
        b"2025-01-05,fiverr,earning,100.00,20.00,80.00,USD\n"
        b"2025-02-10,fiverr,earning,10.00,2.00,8.00,USD\n"
        b"2025-02-10,fiverr,earning,10.00,2.00,8.00,USD\n"
        b"2025-02-20,fiverr,earning,50.00,10.00,40.00,USD\n"
        b"date,platform,kind,gross,fee,net,currency\n"
        b"2025-02-10,fiverr,earning,10.00,2.00,8.00,USD\n"
        b"2025-02-10,fiverr,earning,10.00,2.00,8.00,USD\n"
        b"2025-02-20,fiverr,earning,50.00,10.00,40.00,USD\n"
        b"2025-03-01,fiverr,earning,5.00,1.00,4.00,USD\n"
        b"2025-03-01,fiverr,earning,5.00,1.00,4.00,USD\n"
    )
    result = load_export(text, "joined.csv")
    assert_accounted(result)
    t = result.transactions
    # 100 + 10 + 10 + 50 (first download) + 5 + 5 (only in the second)
    assert len(t) == 6 and t["gross"].sum() == 180.0 and t["net"].sum() == 144.0
    reasons = result.skipped.set_index("row")["reason"]
    assert reasons[6].startswith("the header line again")
    assert list(reasons.index) == [6, 7, 8, 9]
    assert reasons[7].startswith("repeats row 3 exactly")
    assert reasons[8].startswith("repeats row 4 exactly")
    assert reasons[9].startswith("repeats row 5 exactly")


def test_without_a_repeated_header_equal_rows_are_all_kept():
    text = (
        b"date,platform,kind,gross,fee,net,currency\n"
        b"2025-02-10,fiverr,earning,10.00,2.00,8.00,USD\n"
        b"2025-02-10,fiverr,earning,10.00,2.00,8.00,USD\n"
    )
    assert load_export(text, "two_tips.csv").transactions["gross"].sum() == 20.0


UPWORK_20 = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Entered Description,Agency,Freelancer,Team,"
    "Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,"
    "Payment Method\n"
)


def test_a_total_typed_under_another_column_is_skipped_and_an_empty_type_says_what_to_do():
    """Rows a user added below an Upwork history: 'Total earnings' under Transaction Summary
    (no date) is a totals row; a bare 100.00 with no type is rejected with what to do."""
    text = (
        UPWORK_20 + '"Nov 24, 2025",1,Hourly,Invoice for work,,,,,,,Maya,Northwind,Maya,,1,100.00,'
        "100.00,USD,100.00,\n"
        + ",,,Total earnings,,,,,,,,,,,,100.00,,USD,,\n"
        + ",,,,,,,,,,,,,,,100.00,,,,\n"
    ).encode()
    result = load_export(text, "upwork.csv")
    assert_accounted(result)
    assert result.transactions["gross"].sum() == 100.0
    assert result.skipped.set_index("row")["reason"][3].startswith("totals row")
    (reason,) = result.rejected["reason"]
    assert reason.startswith("the Transaction Type cell is empty, not imported: fill in the type")


def test_a_new_upwork_type_is_rejected_with_what_to_do():
    text = (
        UPWORK_20 + '"Nov 24, 2025",1,Bonus Pool,x,,,,,,,M,N,M,,1,10.00,10.00,USD,10.00,\n'
    ).encode()
    (reason,) = load_export(text, "upwork.csv").rejected["reason"]
    assert reason.startswith("unknown Upwork transaction type 'Bonus Pool', not imported")
    assert reason.endswith("If it is income, add it with the GigLens template")


def test_a_total_labelled_in_the_client_column_of_the_template_is_skipped():
    text = (
        b"date,platform,kind,gross,fee,net,currency,client\n"
        b"2025-01-03,fiverr,earning,100.00,20.00,80.00,USD,Acme\n"
        b",,,100.00,20.00,80.00,,Summe\n"
    )
    result = load_export(text, "template.csv")
    assert result.rejected.empty and len(result.transactions) == 1
    assert result.skipped["row"].tolist() == [3]


def test_a_mapping_that_is_not_a_dict_gets_a_plain_message():
    with pytest.raises(ImportFailed, match="must be a dict from a field") as failed:
        load_export(TEMPLATE.encode(), "x.csv", mapping="date=Buchungstag")
    assert "AttributeError" not in str(failed.value)


def test_cells_written_as_excel_text_formulas_are_read_as_their_text():
    """A Weekly Summary saved by a tool that writes every cell as ="..." (so Excel keeps it as
    text): the rows read as the plain file does, 16.50 + 12.00 = 28.50 for 9.5 hours."""
    text = (
        b"Date,Contract,Hours,Amount,Payment type\n"
        b'"=""2023-09-16""","=""Bootstrap5 Expert (34848691)""","=""5.5""","=""16.5""",\n'
        b'="2023-09-17",="Bootstrap5 Expert (34848691)",="4",="12",\n'
    )
    result = load_export(text, "weekly.csv")
    assert result.rejected.empty
    t = result.transactions
    assert t["gross"].sum() == 28.5 and t["hours"].sum() == 9.5
    assert list(t["date"].dt.strftime("%Y-%m-%d")) == ["2023-09-16", "2023-09-17"]
    assert any('8 cell(s) are written ="..."' in w for w in result.warnings)
    assert set(t["client"]) == {"Bootstrap5 Expert"}


def test_money_coming_in_by_transfer_stays_a_transfer_and_the_warning_names_it():
    """'Online Transfer from CHK ...1234' (Chase's words for the user's own accounts) and a
    client's 'TRANSFER FROM ACME LTD' read alike: a transfer can never be told from a client's
    payment by its words, so both stay out of income (payouts are never income) and the warning
    names them for the user to map a kind column or edit them."""
    text = (
        b"Date,Description,Amount\n"
        b'2026-01-30,TRANSFER FROM ACME LTD REF INV-12,"1,000.00"\n'
        b"2026-01-31,Online Transfer from CHK ...1234,250.00\n"
        b"2026-02-01,Logo design for Beta,300.00\n"
    )
    mapping = {"date": "Date", "gross": "Amount", "currency": "GBP", "description": "Description"}
    result = load_export(text, "bank.csv", mapping=mapping)
    t = result.transactions
    assert t.loc[t["kind"] == "earning", "gross"].tolist() == [300.00]
    assert sorted(t.loc[t["kind"] == "transfer", "gross"]) == [250.00, 1000.00]
    (warning,) = [w for w in result.warnings if "left out of income" in w]
    assert "'TRANSFER FROM ACME LTD REF INV-12'" in warning and "client payments" in warning


def test_a_german_bank_export_with_refunds_and_pending_rows():
    """Sparkasse-style: 'Rückerstattung' and 'Erstattung' paid back to clients are refunds
    (-50.00, -20.00), not personal spending; 'Umsatz vorgemerkt' is a pending booking,
    skipped; a 'Steuererstattung' from the tax office is no income; a client's
    'Kostenerstattung' (costs reimbursed) is. Income 1,234.56 + 200.00."""
    text = (
        "Buchungstag;Buchungstext;Verwendungszweck;Betrag;Waehrung;Info\n"
        "31.01.26;GUTSCHRIFT;Rechnung 12 Logo;1.234,56;EUR;Umsatz gebucht\n"
        "04.02.26;UEBERWEISUNG;Rückerstattung Rechnung 12;-50,00;EUR;Umsatz gebucht\n"
        "05.02.26;GUTSCHRIFT;Erstattung Anzahlung;-20,00;EUR;Umsatz gebucht\n"
        "06.02.26;LASTSCHRIFT;Supermarkt;-75,00;EUR;Umsatz gebucht\n"
        "07.02.26;GUTSCHRIFT;Rechnung 15;300,00;EUR;Umsatz vorgemerkt\n"
        "08.02.26;GUTSCHRIFT;Steuererstattung 2024;500,00;EUR;Umsatz gebucht\n"
        "09.02.26;GUTSCHRIFT;Kostenerstattung Reisekosten Kunde AG;200,00;EUR;Umsatz gebucht\n"
    ).encode()
    mapping = {
        "date": "Buchungstag",
        "gross": "Betrag",
        "currency": "Waehrung",
        "description": "Verwendungszweck",
        "kind": "Buchungstext",
        "status": "Info",
        "negatives": "expenses",
    }
    result = load_export(text, "umsaetze.csv", mapping=mapping)
    assert_accounted(result)
    t = result.transactions
    # 1,234.56 + a client's 200.00 Kostenerstattung (costs reimbursed: no refund)
    assert t.loc[t["kind"] == "earning", "gross"].sum() == 1434.56
    assert sorted(t.loc[t["kind"] == "refund", "gross"]) == [-50.00, -20.00]
    # the tax office's refund: listed as tax, no income
    assert t.loc[t["gross"] == 500.00, "kind"].tolist() == ["tax"]
    reasons = result.skipped.set_index("row")["reason"]
    assert reasons[6].startswith("status 'Umsatz vorgemerkt'")
    assert reasons[5].startswith("money you paid out")  # the supermarket


def test_an_amount_of_a_trillion_or_more_is_unreadable_not_a_sum_without_cents():
    """99,999,999,999,999,999,999 has no exact cents in a float and is no payment: rejected,
    while 12.50 beside it imports."""
    text = b"Date,Amount\n2026-01-04,99999999999999999999\n2026-01-05,12.50\n"
    mapping = {"date": "Date", "gross": "Amount", "currency": "USD"}
    result = load_export(text, "x.csv", mapping=mapping)
    assert result.transactions["gross"].tolist() == [12.50]
    (reason,) = result.rejected["reason"]
    assert reason.startswith("Amount '99999999999999999999' is too large to be a payment")
    parsed = parse_amount(pd.Series(["999999999999.99", "1000000000000.00"], dtype=object))
    assert parsed.values.iloc[0] == 999_999_999_999.99 and list(parsed.bad) == [False, True]


def test_a_mapping_names_only_the_columns_it_cannot_find_and_a_currency_that_is_no_code():
    text = b"Date,Amount\n2026-01-01,5\n"
    with pytest.raises(ImportFailed) as failed:
        load_export(text, "x.csv", mapping={"date": "Date", "gross": "Nope", "currency": "USD"})
    assert "were not all found in the file: Nope. Columns found: Date, Amount." in str(failed.value)
    with pytest.raises(ImportFailed, match="'US Dollars' is neither a column of the file nor a"):
        load_export(
            text, "x.csv", mapping={"date": "Date", "gross": "Amount", "currency": "US Dollars"}
        )


def test_an_undated_row_whose_text_starts_like_total_but_names_someone_is_rejected():
    """'Total Media Ltd invoice 12' is a client, not a totals label: without a date the row is
    rejected (to be fixed), not skipped as a sum; 'Total earnings' alone is a totals row."""
    text = (
        b"Date,Description,Amount\n"
        b"2026-01-05,Logo,100.00\n"
        b",Total Media Ltd invoice 12,500.00\n"
        b",Total earnings,600.00\n"
    )
    mapping = {"date": "Date", "gross": "Amount", "currency": "USD", "description": "Description"}
    result = load_export(text, "bank.csv", mapping=mapping)
    assert list(result.rejected["row"]) == [3]
    assert list(result.skipped["row"]) == [4]


def test_wages_paid_into_a_mapped_bank_account_are_no_gig_income():
    """An employer's 'DIRECT DEPOSIT ACME PAYROLL' (2,000.00) and 'Gehalt Januar' (1,500.00)
    are wages, which the tax profile takes as wages: counted as gig income too, they would be
    taxed twice. Income is the 300.00 logo; a warning names the wages."""
    text = (
        b"Date,Description,Amount\n"
        b'2026-02-03,DIRECT DEPOSIT ACME PAYROLL,"2,000.00"\n'
        b"2026-02-04,Logo for Beta,300.00\n"
        b"2026-02-05,Gehalt Januar,1500.00\n"
    )
    mapping = {"date": "Date", "gross": "Amount", "currency": "USD", "description": "Description"}
    result = load_export(text, "bank.csv", mapping=mapping)
    t = result.transactions
    assert t.loc[t["kind"] == "earning", "gross"].tolist() == [300.00]
    assert sorted(t.loc[t["kind"] == "transfer", "gross"]) == [1500.00, 2000.00]
    (warning,) = [w for w in result.warnings if "wages from an employer" in w]
    assert warning.startswith("2 payment(s) coming in were left out of income as wages")


def test_amounts_in_gig_workers_own_currencies_are_read():
    # ₦580,000.00 (a Nigerian reviewer's naira client), KSh 1,000.50, Rs.5,000, ₵12.00
    from analytics.parsing import parse_amount

    read = parse_amount(
        pd.Series(
            [
                "₦580,000.00",
                "KSh 1,000.50",
                "Rs.5,000",
                "₵12.00",
                "-₦1.00",
                "Ksh 250",
                "Rs 1,200.50",
            ]
        )
    )
    assert read.values.tolist() == [580000.0, 1000.5, 5000.0, 12.0, -1.0, 250.0, 1200.5]
    assert not read.bad.any()


def test_kenyan_ways_of_writing_shillings_are_read():
    # a Kenyan reviewer's M-Pesa clients in the template: "KShs 5,000", "Kshs. 3,000",
    # "12,500/=" (whole shillings), "KES4,500" with no currency column value: 25,000 KES
    from analytics import load_export

    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        '2026-03-02,m-pesa,earning,"KShs 5,000",0,"KShs 5,000",KES,,A,Logo,K1\n'
        '2026-03-03,m-pesa,earning,"Kshs. 3,000",0,"Kshs. 3,000",KES,,B,Logo,K2\n'
        '2026-03-04,m-pesa,earning,"12,500/=",0,"12,500/=",KES,,C,Logo,K3\n'
        '2026-03-05,m-pesa,earning,"KES4,500",0,"KES4,500",,,D,Logo,K4\n'
    )
    result = load_export(text.encode(), "mpesa.csv")
    assert result.rejected.empty, result.rejected["reason"].tolist()
    assert result.transactions["gross"].tolist() == [5000.0, 3000.0, 12500.0, 4500.0]
    assert set(result.transactions["currency"].astype(str)) == {"KES"}
    # "12,500/=" is whole shillings: its comma groups thousands, which settles "5,000" too
    # (no "can be read two ways", which named "'s5,000'" when KSh was taken out of KShs)
    assert not any("can be read two ways" in w for w in result.warnings)
    alone = text.replace('"12,500/=",0,"12,500/="', '"12,500",0,"12,500"')
    said = [w for w in load_export(alone.encode(), "m.csv").warnings if "two ways" in w]
    assert said == [
        "Amounts such as '5,000' can be read two ways, and no amount in the file settles it: "
        "they were read with a decimal point. Check a few amounts."
    ]


def test_numbers_typed_in_a_box():
    from analytics.parsing import typed_number

    assert typed_number("1,550") == 1550.0 and typed_number("1,550,000") == 1550000.0
    assert typed_number("1.550,5") == 1550.5 and typed_number("1,550.5") == 1550.5
    assert typed_number("0,65") == 0.65 and typed_number("129,5") == 129.5
    assert typed_number("1 550") == 1550.0 and typed_number("1'550") == 1550.0
    assert typed_number("1.550") == 1.55  # a rate
    assert typed_number("1.500", dot_thousands=True) == 1500.0  # money as Germans write it
    assert typed_number("0.125", dot_thousands=True) == 0.125
    for nothing in ("", "abc", "0", "-5", "1..2"):
        assert typed_number(nothing) is None, nothing
