"""Platform layouts in the containers users really upload: Excel workbooks (.xlsx, .xls, .ods,
read through python-calamine), UTF-16 and Windows-1252 text, and overlapping downloads (txn_id).

The rows are the importers' literal test files; the expected totals are worked out by hand here
(arithmetic in the comments), not taken from the CSV import.
"""

from __future__ import annotations

import csv
import io
import textwrap
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
import test_import_etsy as etsy_tests
import test_import_paypal as paypal_tests
import test_import_stripe as stripe_tests
import test_import_upwork as upwork_tests

from analytics import load_export


def _rows(literal: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(textwrap.dedent(literal).lstrip("\n"))))


def _sums(result, *by: str) -> dict:
    t = result.transactions.assign(month=result.transactions["date"].dt.strftime("%Y-%m"))
    for col in ("kind", "currency"):
        t[col] = t[col].astype(str)
    grouped = t.groupby(list(by))[["gross", "fee", "net"]].sum().round(2)
    return {k: tuple(v) for k, v in grouped.iterrows()}


def _number_or_text(text: str):
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return text


def _date_or_text(text: str, fmt: str):
    try:
        return datetime.strptime(text, fmt)
    except ValueError:
        return text


def _workbook_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- Excel ---------------------------------------------------------------------------------------

PAYPAL_EN_BY_HAND = {
    # 1,653.75 + 200 + 40 + 300 ; fees 48.26 + 6.10 + 1.46 + 9.00 ; 1605.49 + 193.90 + 38.54 + 291
    ("earning", "USD"): (2193.75, 64.82, 2128.93),
    ("refund", "USD"): (-50.0, -1.45, -48.55),  # PayPal gave back 1.45 of its fee
    # withdrawal fee 1.00 + chargeback fee 20.00 + the conversion's cost: 89.50 EUR at the
    # ECB's 1.1007 USD per EUR (15 Oct 2019) are worth 98.51 USD, for 100.00 USD: 1.49
    ("fee", "USD"): (0.0, 22.49, -22.49),
    # 6.99 - 1,500 - the conversion's 100 less its 1.49 cost (the fee row above): 98.51
    ("transfer", "USD"): (-1591.52, 0.0, -1591.52),
    ("transfer", "EUR"): (89.5, 0.0, 89.5),
}


def test_paypal_activity_xlsx_with_cover_sheet_and_title_rows():
    """A workbook whose first sheet is a cover page and whose table starts on row 4."""
    rows = _rows(paypal_tests.ACTIVITY_EN)
    header = rows[0]
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Summary"
    cover.append(["PayPal activity report"])
    cover.append(["Account", "me@example.com"])
    sheet = book.create_sheet("Activity")
    sheet.append(["Activity 1 Oct 2019 - 30 Nov 2019"])
    sheet.append(["All transactions, balance-affecting"])
    sheet.append([])
    sheet.append(header)
    for row in rows[1:]:
        cells = dict(zip(header, row, strict=True))
        cells["Date"] = datetime.strptime(cells["Date"], "%m/%d/%Y")  # a real Excel date
        for col in ("Gross", "Fee", "Net"):
            cells[col] = _number_or_text(cells[col])  # real numbers, no thousands commas
        sheet.append([cells[h] for h in header])

    result = load_export(_workbook_bytes(book), filename="activity.xlsx")
    assert (result.platform, result.layout) == ("paypal", "PayPal activity download")
    assert result.rejected.empty
    assert _sums(result, "kind", "currency") == PAYPAL_EN_BY_HAND
    # Header on sheet row 4: the CSV's skipped rows 5, 7-11, 18 are rows 8, 10-14, 21 here.
    assert sorted(result.skipped["row"]) == [8, 10, 11, 12, 13, 14, 21]
    assert result.transactions["date"].min() == pd.Timestamp("2019-10-01")
    assert result.transactions["date"].max() == pd.Timestamp("2019-11-03")


def test_upwork_legacy_as_ods():
    rows = _rows(upwork_tests.LEGACY)
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    for col in ("Amount", "Balance"):
        frame[col] = frame[col].map(_number_or_text)
    buffer = io.BytesIO()
    frame.to_excel(buffer, engine="odf", index=False, startrow=2)  # two empty rows first
    result = load_export(buffer.getvalue(), filename="statements.ods")
    assert result.layout == "Upwork transaction history (legacy)"
    assert result.rejected.empty and result.skipped.empty
    assert _sums(result, "kind") == {
        "adjustment": (3.0, 0.0, 3.0),
        "earning": (1978.75, 0.0, 1978.75),  # 1,653.75 + 25 + 300
        # connects 1.50 + membership 14.99 + service 165.38 + withdrawal fee 2.00 - 5.00 back
        "fee": (0.0, 178.87, -178.87),
        "refund": (-50.0, 0.0, -50.0),
        "tax": (-10.0, 0.0, -10.0),
        "transfer": (-1200.0, 0.0, -1200.0),
    }


def _stripe_xls(rows: list[list[str]], date_cells: bool) -> bytes:
    """The Stripe Dashboard literal as an Excel 97 workbook: amounts as numbers, and the
    `Created (UTC)` column as real Excel date-times (`date_cells`) or as the CSV's text."""
    import xlwt

    header = rows[0]
    book = xlwt.Workbook()
    sheet = book.add_sheet("balance")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    for c, name in enumerate(header):
        sheet.write(0, c, name)
    for r, row in enumerate(rows[1:], start=1):
        for c, (name, text) in enumerate(zip(header, row, strict=True)):
            value = _date_or_text(text, "%Y-%m-%d %H:%M")
            if name in ("Amount", "Fee", "Net"):
                sheet.write(r, c, _number_or_text(text))
            elif name == "Created (UTC)" and date_cells and isinstance(value, datetime):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, text)
    return _workbook_bytes(book)


STRIPE_DASHBOARD_BY_HAND = {
    ("2026-01", "earning"): (150.0, 4.95, 145.05),  # 100 + 50; 3.20 + 1.75
    ("2026-02", "adjustment"): (5.0, 0.0, 5.0),
    ("2026-02", "fee"): (0.0, 2.0, -2.0),  # stripe_fee -2.00
    # -100 (fee -3.20 back) - 20 - 50 dispute (15.00 dispute fee)
    ("2026-02", "refund"): (-170.0, 11.8, -181.8),
    ("2026-02", "transfer"): (-104.25, 0.0, -104.25),
    ("2026-03", "fee"): (0.0, 1.75, -1.75),  # instant payout fee 0.75 + application_fee 1.00
    ("2026-03", "transfer"): (-874.08, 0.0, -874.08),  # -824.08 - 50.00
}


def test_stripe_dashboard_as_legacy_xls():
    import xlwt  # noqa: F401  (a dev dependency: writes the legacy .xls)

    data = _stripe_xls(_rows(stripe_tests.DASHBOARD), date_cells=False)
    result = load_export(data, filename="balance.xls")
    assert result.layout == "Stripe balance transactions (Dashboard export)"
    # mystery_type, the 2026-13-45 date, the `abc` amount and the bad net, as in the CSV
    assert sorted(result.rejected["row"]) == [10, 11, 12, 13]
    assert _sums(result, "month", "kind") == STRIPE_DASHBOARD_BY_HAND
    first = result.transactions.set_index("reference").loc["txn_1"]
    assert first["date"] == pd.Timestamp("2026-01-05 10:00")


def test_stripe_dashboard_xls_with_excel_date_cells_including_midnight():
    import xlwt  # noqa: F401  (a dev dependency: writes the legacy .xls)

    data = _stripe_xls(_rows(stripe_tests.DASHBOARD), date_cells=True)
    result = load_export(data, filename="balance.xls")
    assert sorted(result.rejected["row"]) == [10, 11, 12, 13]
    assert _sums(result, "month", "kind") == STRIPE_DASHBOARD_BY_HAND


# --- text encodings ------------------------------------------------------------------------------

ETSY_GBP_BY_HAND = {
    ("2026-07", "adjustment"): (0.2, 0.0, 0.2),
    ("2026-07", "earning"): (1049.99, 42.24, 1007.75),  # 29.99 + 1,020.00; 1.44 + 40.80
    ("2026-07", "fee"): (0.0, 10.25, -10.25),  # 1.95 + 4.80 + 3.50
    ("2026-07", "refund"): (-20.0, -0.8, -19.2),
    ("2026-07", "tax"): (-0.96, 0.0, -0.96),
    ("2026-07", "transfer"): (-900.0, 0.0, -900.0),  # "£900.00 sent to your bank account"
    ("2026-08", "earning"): (12.0, 0.6, 11.4),
}


def _etsy_statement(delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        _rows(etsy_tests.STATEMENT_GBP)
    )
    return out.getvalue()


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-16", "\t"), ("utf-16", ","), ("utf-16-le", "\t"), ("cp1252", ",")],
    ids=["utf16-bom-tab (Excel Unicode text)", "utf16-bom-comma", "utf16le-no-bom", "cp1252"],
)
def test_etsy_statement_with_pound_signs_in_other_encodings(encoding, delimiter):
    data = _etsy_statement(delimiter).encode(encoding)
    pound = "£".encode("utf-16-le" if encoding == "utf-16" else encoding)
    assert pound in data  # the pound sign really is written in that encoding
    result = load_export(data, filename="statement.txt")
    assert result.layout == "Etsy monthly statement"
    assert _sums(result, "month", "kind") == ETSY_GBP_BY_HAND
    assert set(result.transactions["currency"]) == {"GBP"}
    # the same four broken rows as the UTF-8 file (Reserve, bad net, 32 August, £1O.00)
    assert sorted(result.rejected["row"]) == [11, 12, 13, 14]
    assert "£1O.00" in result.rejected.set_index("row").loc[14, "reason"]


PAYPAL_DE_BY_HAND = {
    # 1.234,56 + 80,00 ; 35,45 + 2,34 ; 1.199,11 + 77,66
    ("earning", "EUR"): (1314.56, 37.79, 1276.77),
    ("refund", "EUR"): (-20.0, -0.58, -19.42),
    ("transfer", "EUR"): (-907.85, 0.0, -907.85),  # -1.000,00 + 92,15
    ("transfer", "USD"): (-100.0, 0.0, -100.0),
}


def test_paypal_german_activity_in_utf16():
    data = textwrap.dedent(paypal_tests.ACTIVITY_DE).lstrip("\n").encode("utf-16")
    result = load_export(data, filename="Download.CSV")
    assert result.layout == "PayPal activity download (German)"
    assert _sums(result, "kind", "currency") == PAYPAL_DE_BY_HAND


def test_paypal_german_activity_saved_as_xlsx_keeps_amounts_exact():
    """Excel stores `1.234,56` as the number 1234.56, which reaches the importer as text
    `1234.56`; read with the German layout's decimal comma it would become 123456 (the bug
    this guards against). The amounts' own decimal points decide."""
    rows = _rows(paypal_tests.ACTIVITY_DE)
    header = rows[0]
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows[1:]:
        cells = dict(zip(header, row, strict=True))
        for col in ("Brutto", "Gebühr", "Netto", "Guthaben"):
            cells[col] = float(cells[col].replace(".", "").replace(",", "."))  # 1.234,56 -> 1234.56
        book.active.append([cells[h] for h in header])
    result = load_export(_workbook_bytes(book), filename="Download.xlsx")
    assert result.layout == "PayPal activity download (German)"
    assert result.rejected.empty
    assert _sums(result, "kind", "currency") == PAYPAL_DE_BY_HAND


def test_paypal_german_activity_in_windows_1252():
    data = textwrap.dedent(paypal_tests.ACTIVITY_DE).lstrip("\n").encode("cp1252")
    assert "Gebühr".encode("cp1252") in data
    result = load_export(data, filename="Download.CSV")
    assert result.layout == "PayPal activity download (German)"
    assert result.rejected.empty
    assert _sums(result, "kind", "currency") == PAYPAL_DE_BY_HAND


# --- txn_id across downloads ---------------------------------------------------------------------


def _csv(header: list[str], rows: list[list[str]], bom: bool = False) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode()


def _ids_by_reference(result) -> dict[tuple[str, str], str]:
    t = result.transactions
    keys = list(zip(t["reference"], t["kind"].astype(str), strict=True))
    assert len(set(keys)) == len(keys)
    return dict(zip(keys, t["txn_id"], strict=True))


@pytest.mark.parametrize(
    ("literal", "id_column"),
    [(upwork_tests.LEGACY, "Ref ID"), (paypal_tests.ACTIVITY_EN, "Transaction ID")],
    ids=["upwork", "paypal"],
)
def test_overlapping_later_download_keeps_the_ids_of_shared_rows(literal, id_column):
    rows = _rows(literal)
    header, body = rows[0], rows[1:]
    # An earlier download with the first 12 rows, a later one (other name, with a BOM, in the
    # other row order) with rows 6.. to the end: rows 6-12 are in both.
    early = load_export(_csv(header, body[:12]), filename="early.csv")
    later = load_export(_csv(header, body[5:][::-1], bom=True), filename="later.csv")
    early_ids, later_ids = _ids_by_reference(early), _ids_by_reference(later)
    col = header.index(id_column)
    shared_refs = {r[col] for r in body[5:12]}
    shared = {k for k in early_ids if k[0] in shared_refs}
    assert shared and shared == {k for k in later_ids if k[0] in shared_refs}
    assert {k: early_ids[k] for k in shared} == {k: later_ids[k] for k in shared}
    # rows in only one download have ids the other download does not have
    only_early = {early_ids[k] for k in early_ids if k not in shared}
    only_later = {later_ids[k] for k in later_ids if k not in shared}
    assert not only_early & set(later_ids.values())
    assert not only_later & set(early_ids.values())
    # and the same file imported twice gives the same ids
    again = load_export(_csv(header, body[:12]), filename="early (1).csv")
    assert list(again.transactions["txn_id"]) == list(early.transactions["txn_id"])


def test_identical_rows_in_one_download_get_different_ids():
    # Two genuinely identical Upwork rows (the same Connects purchase twice on one day): both
    # are money, so both import, with different ids; a re-download gives the same two ids.
    header = _rows(upwork_tests.LEGACY)[0]
    row = ["Sep 28, 2025", "", "Connects", "Fees for additional connects", "", "", "", "", ""]
    row += ["-1.50", "", "USD", ""]
    data = _csv(header, [row, row])
    first = load_export(data, filename="a.csv").transactions
    assert len(first) == 2 and first["txn_id"].is_unique
    assert first["fee"].sum() == pytest.approx(3.00, abs=0.005)  # 1.50 twice
    assert list(load_export(data, filename="b.csv").transactions["txn_id"]) == list(first["txn_id"])


def test_a_cancelled_order_taking_money_back_is_a_refund_not_skipped():
    # Fiverr's words in the template: the order of 95.00 (fee 19.00) counted on 2 Mar, then
    # "Cancelled order" -95.00 / -19.00 / -76.00 on 9 Mar (a Nigerian reviewer's file): net
    # 76.00 - 76.00 = 0.00, not 76.00; a "Cancelled" row of money that never came stays skipped
    from analytics import load_export

    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2026-03-02,fiverr,earning,95.00,19.00,76.00,USD,,Buyer,Logo,FO1\n"
        "2026-03-09,fiverr,Cancelled order,-95.00,-19.00,-76.00,USD,,Buyer,Logo,FO1-C\n"
        "2026-03-10,fiverr,Cancelled,40.00,8.00,32.00,USD,,Other,Icon,FO2\n"
    )
    result = load_export(text.encode(), "fiverr.csv")
    t = result.transactions
    assert t["kind"].astype(str).tolist() == ["earning", "refund"]
    assert round(t["net"].sum(), 2) == 0.00
    assert list(result.skipped["row"]) == [4]
    assert not any("kind GigLens does not know" in w for w in result.warnings)


def test_failed_payouts_and_pending_withdrawals_written_negative_stay_skipped():
    # a review's case: only a cancelled order takes money back; "Payout failed", "Withdrawal
    # pending", "Refund cancelled" and "Pending refund" never moved money: skipped, as ever;
    # "Cancelled order" with its minus after the digits (95.00-) is the order's refund
    from analytics import load_export

    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2026-03-02,fiverr,earning,95.00,0.00,95.00,USD,,Buyer,Logo,FO1\n"
        "2026-03-03,fiverr,Payout failed,-100.00,0.00,-100.00,USD,,,,P1\n"
        "2026-03-04,fiverr,Withdrawal pending,-200.00,0.00,-200.00,USD,,,,P2\n"
        "2026-03-05,fiverr,Refund cancelled,-40.00,0.00,-40.00,USD,,Buyer,,R1\n"
        "2026-03-06,fiverr,Pending refund,-30.00,0.00,-30.00,USD,,Buyer,,R2\n"
        "2026-03-09,fiverr,Cancelled order,95.00-,0.00,95.00-,USD,,Buyer,Logo,FO1-C\n"
    )
    result = load_export(text.encode(), "fiverr.csv")
    assert sorted(result.skipped["row"]) == [3, 4, 5, 6]
    assert result.transactions["kind"].astype(str).tolist() == ["earning", "refund"]
    assert round(result.transactions["net"].sum(), 2) == 0.00


@pytest.mark.parametrize(
    "cell", ['"(95.00)"', "−$95.00", "$-95.00", "95.00\u00a0-", "95.00 −", "USD -95.00"]
)
def test_a_cancelled_order_written_negative_any_way_is_a_refund(cell):
    # each way of writing money going out, with a no-break space or a Unicode minus, marks the
    # cancelled order as taking the 95.00 back: net 95.00 - 95.00 = 0.00
    from analytics import load_export

    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2026-03-02,fiverr,earning,95.00,0.00,95.00,USD,,Buyer,Logo,FO1\n"
        f"2026-03-09,fiverr,Cancelled order,{cell},0.00,,USD,,Buyer,Logo,FO1-C\n"
    )
    result = load_export(text.encode(), "fiverr.csv")
    assert result.skipped.empty and result.rejected.empty
    assert result.transactions["kind"].astype(str).tolist() == ["earning", "refund"]
    assert round(result.transactions["net"].sum(), 2) == 0.00


def test_rupees_written_rs_are_the_rupee_of_the_currency_column():
    # "Rs. 5,000.00" beside INR is 5,000 Indian rupees (Rs. is also the Pakistani, Sri Lankan
    # and Nepalese rupee's sign), not a PKR amount at odds with the column
    from analytics import load_export

    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        '2026-03-02,upwork,earning,"Rs. 5,000.00",0.00,"Rs. 5,000.00",INR,,Acme,Logo,I1\n'
    )
    result = load_export(text.encode(), "rupees.csv")
    assert result.rejected.empty
    assert result.transactions["gross"].tolist() == [5000.0]
    assert result.transactions["currency"].astype(str).tolist() == ["INR"]


def test_template_rows_of_hours_alone_need_no_amount_or_currency():
    # Oliver's Toptal hours typed in the template: `toptal,time` with only the hours. They
    # import as time entries (no money); a row of hours alone that is no time entry still
    # needs its amount, and an earning its currency
    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"
        "2025-01-10,toptal,time,,,,,46.5,Northwind Health,January,\n"
        "2025-02-10,toptal,Time,,,,USD,40,,February,\n"
        "2025-01-15,toptal,earning,2000.00,,2000.00,USD,,Toptal,Invoice,T1\n"
        "2025-01-20,fiverr,earning,,,,USD,3,Buyer,Logo,F1\n"
        "2025-01-21,fiverr,earning,50.00,10.00,40.00,,,Buyer,Logo,F2\n"
    )
    result = load_export(text.encode(), "template.csv")
    t = result.transactions
    time = t[t["kind"] == "time"]
    assert time["hours"].tolist() == [46.5, 40.0]
    assert (time[["gross", "fee", "net"]] == 0).all().all()
    assert round(float(t["net"].sum()), 2) == 2000.00
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert len(reasons) == 2
    assert any(r.startswith("no amount on this row") for r in reasons.values())
    assert any(r.startswith("currency is empty") for r in reasons.values())
