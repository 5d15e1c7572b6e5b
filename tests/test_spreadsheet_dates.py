"""Dates re-written by a spreadsheet (Excel, LibreOffice) before the export is imported.

One format is chosen per file, never per row: the layout's own formats first; when they leave
cells unread, also their other day/month order and the usual spreadsheet re-formats, and the
format that reads the most cells wins (ties: the layout's own order). Every expected date and
total is worked out by hand from the literal rows.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import expected_totals as expect
from conftest import month_kind_totals as totals

from analytics import load_export as _load_export
from analytics.importers.upwork import WEEKLY_FEE_WARNING
from analytics.parsing import parse_date


def load_export(*args, **kwargs):
    """`analytics.load_export` with the Weekly Summary's standing fee warning left out: these
    tests are about the date warnings."""
    result = _load_export(*args, **kwargs)
    result.warnings = [w for w in result.warnings if w != WEEKLY_FEE_WARNING]
    return result


RESAVED = "the file seems to have been re-saved by a spreadsheet."
WEEKLY = "Date,Contract,Hours,Amount,Payment type\n"
PAYONEER = (
    "Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,Credit Amount,"
    "Debit Amount,Currency,Transfer Amount,Transfer Amount Currency,Status,"
    "Additional Description,Store Name,Source,Target,Reference ID\n"
)
ETSY = "Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details\n"
PAYPAL = (
    '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
    '"From Email Address","To Email Address","Transaction ID","Reference Txn ID","Subject",'
    '"Balance Impact"\n'
)
STRIPE = "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"


def _weekly(*dates: str) -> bytes:
    """An Upwork Weekly Summary with one 20.00 row (1 hour) per date."""
    return (WEEKLY + "".join(f"{d},Logo (123),1,20.00,\n" for d in dates)).encode()


def _days(result) -> list[str]:
    return list(result.transactions["date"].dt.strftime("%Y-%m-%d"))


def _reasons(result) -> dict[int, str]:
    return dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))


def test_upwork_weekly_day_first_repro():
    data = (
        b"Date,Contract,Hours,Amount,Payment type\n"
        b"05/03/2024,Logo (123),2,40.00,\n"
        b"25/03/2024,Logo (123),1,20.00,\n"
    )
    result = load_export(data, "w.csv")
    assert result.layout == "Upwork Weekly Summary"
    # 25/03 only reads day-first, so the whole file is day-first: 05/03 is 5 March too
    assert _days(result) == ["2024-03-05", "2024-03-25"]
    assert result.rejected.empty and result.skipped.empty
    assert totals(result) == expect({("2024-03", "earning"): (40.00 + 20.00, 0.00, 60.00)})
    assert result.transactions["hours"].sum() == 2 + 1
    assert result.warnings == [
        "Dates in column 'Date' were read as day/month/year (31/12/2025): " + RESAVED
    ]


def test_layout_own_format_gives_no_warning():
    result = load_export(_weekly("03/05/2024", "03/25/2024"), "w.csv")
    assert _days(result) == ["2024-03-05", "2024-03-25"]
    assert result.rejected.empty
    assert result.warnings == []


def test_ambiguous_file_keeps_the_layouts_month_first_order():
    # both dates read either way: Upwork writes month-first, so May 3 and June 3
    result = load_export(_weekly("05/03/2024", "06/03/2024"), "w.csv")
    assert _days(result) == ["2024-05-03", "2024-06-03"]
    # ...and says the dates could be read the other way (5 March and 6 March)
    assert result.rejected.empty
    [warning] = result.warnings
    assert "can be read two ways (is '05/03/2024' 3 May or 5 March?)" in warning
    # month-first is how the Weekly Summary writes dates: only a spreadsheet could change it
    assert "GigLens read them as month/day/year (12/31/2025), as this export writes them" in (
        warning
    )
    assert "Only if you opened and saved the file in a spreadsheet" in warning


def test_never_a_mix_of_day_first_and_month_first():
    # month-first reads 05/03 and 03/25 (2 cells), day-first 05/03 and 25/03 (2 cells): a tie,
    # so the layout's month-first order; 25/03 is rejected, not read the other way round.
    result = load_export(_weekly("05/03/2024", "25/03/2024", "03/25/2024"), "w.csv")
    assert _days(result) == ["2024-05-03", "2024-03-25"]
    assert _reasons(result) == {
        3: "Date '25/03/2024' is not a real date written like the file's other dates (12/31/2025): "
        "correct the cell and add the file again"
    }
    # the file mixes both orders: 25/03 only fits day-first, 05/03 fits both
    (warning,) = result.warnings
    assert "1 row(s) only fit the second" in warning and "1 row(s) that fit both" in warning
    assert totals(result) == expect(
        {("2024-03", "earning"): (20.00, 0.00, 20.00), ("2024-05", "earning"): (20.00, 0, 20.00)}
    )


def test_the_format_reading_most_cells_not_most_distinct_values_wins():
    # day-first reads 05/03 and 25/03 twice (3 cells), month-first 05/03 and 03/25 (2 cells)
    result = load_export(_weekly("05/03/2024", "25/03/2024", "25/03/2024", "03/25/2024"), "w.csv")
    assert _days(result) == ["2024-03-05", "2024-03-25", "2024-03-25"]
    assert _reasons(result) == {
        5: "Date '03/25/2024' is not a real date written like the file's other dates (31/12/2025): "
        "correct the cell and add the file again"
    }
    resaved, mixed = result.warnings
    assert "read as day/month/year" in resaved
    # 03/25 only fits month-first; 05/03 (read as 5 March) fits both
    assert mixed.startswith("Column 'Date' mixes day/month/year")
    assert "1 row(s) only fit the second" in mixed and "1 row(s) that fit both" in mixed


def test_garbage_cell_rejected_others_read_day_first():
    result = load_export(_weekly("05/03/2024", "soon", "25/03/2024"), "w.csv")
    assert _days(result) == ["2024-03-05", "2024-03-25"]
    assert _reasons(result) == {
        3: "Date 'soon' is not a real date written like the file's other dates (31/12/2025): "
        "correct the cell and add the file again"
    }
    assert totals(result) == expect({("2024-03", "earning"): (40.00, 0.00, 40.00)})
    assert result.rows_read == 3 and result.rows_imported == 2


def test_garbage_cell_in_the_layouts_own_format():
    result = load_export(_weekly("03/05/2024", "31/02/2024"), "w.csv")
    assert _days(result) == ["2024-03-05"]
    assert _reasons(result) == {
        3: "Date '31/02/2024' is not a real date written like the file's other dates (12/31/2025): "
        "correct the cell and add the file again"
    }
    assert result.warnings == []


@pytest.mark.parametrize(
    ("cells", "expected", "order"),
    [
        (["9/16/23", "9/30/23"], ["2023-09-16", "2023-09-30"], "month/day/year (12/31/25)"),
        (["16.09.2023", "1.10.2023"], ["2023-09-16", "2023-10-01"], "day.month.year"),
        (["16-Sep-23", "1-Oct-23"], ["2023-09-16", "2023-10-01"], "day-month-year (31-Dec-25)"),
        (["9/16/2023 0:00", "10/1/2023 0:00"], ["2023-09-16", "2023-10-01"], "12/31/2025 13:45"),
        (["16/09/2023", "01/10/2023"], ["2023-09-16", "2023-10-01"], "day/month/year"),
    ],
)
def test_upwork_weekly_resaved(cells, expected, order):
    result = load_export(_weekly(*cells), "w.csv")
    assert _days(result) == expected
    assert result.rejected.empty
    assert len(result.warnings) == 1 and order in result.warnings[0]
    assert result.warnings[0].endswith(RESAVED)


def test_payoneer_day_first_with_times():
    text = PAYONEER + (
        "03/02/2024,10:00:00,UTC,T1,Payment from Acme Inc,100.00,,USD,,,Completed,,,,,\n"
        "15/02/2024,11:30:00,UTC,T2,Payment from Acme Inc,50.00,,USD,,,Completed,,,,,\n"
        "20/02/2024,12:00:00,UTC,T3,Transaction fee,,-2.50,USD,,,Completed,,,,,\n"
    )
    result = load_export(text.encode(), filename="payoneer.csv")
    assert result.platform == "payoneer"
    assert result.rejected.empty
    assert list(result.transactions["date"].astype(str)) == [
        "2024-02-03 10:00:00",
        "2024-02-15 11:30:00",
        "2024-02-20 12:00:00",
    ]
    assert totals(result) == expect(
        {
            ("2024-02", "earning"): (100.00 + 50.00, 0.00, 150.00),
            ("2024-02", "fee"): (0.00, 2.50, -2.50),
        }
    )
    assert result.warnings == [
        "Dates in column 'Transaction Date' were read as day/month/year "
        "(31/12/2025 13:45:00): " + RESAVED
    ]


ETSY_ROWS = (
    "{0},Sale,Payment for Order #1,,USD,$10.00,-$0.50,$9.50,--\n"
    "{1},Fee,Transaction fee: Mug,Order #1,USD,--,-$0.65,-$0.65,--\n"
)


def test_etsy_statement_resaved_month_first():
    # 12/1 and 12/3 read either way: the statement says nothing, Etsy is US-based: month-first
    result = load_export((ETSY + ETSY_ROWS.format("12/1/2024", "12/3/2024")).encode(), "e.csv")
    assert result.layout == "Etsy monthly statement"
    assert _days(result) == ["2024-12-01", "2024-12-03"]
    assert result.rejected.empty
    assert totals(result) == expect(
        {
            ("2024-12", "earning"): (10.00, 0.50, 9.50),
            ("2024-12", "fee"): (0.00, 0.65, -0.65),
        }
    )
    assert result.warnings[0] == (
        "Dates in column 'Date' were read as month/day/year (12/31/2025): " + RESAVED
    )
    # 12/1 could be 12 January: said too
    assert "can be read two ways (is '12/1/2024' 1 December or 12 January?)" in result.warnings[1]


def test_etsy_statement_resaved_day_first():
    # 25/12 only reads day-first, so 01/12 is 1 December
    result = load_export((ETSY + ETSY_ROWS.format("01/12/2024", "25/12/2024")).encode(), "e.csv")
    assert _days(result) == ["2024-12-01", "2024-12-25"]
    assert result.rejected.empty
    assert totals(result) == expect(
        {
            ("2024-12", "earning"): (10.00, 0.50, 9.50),
            ("2024-12", "fee"): (0.00, 0.65, -0.65),
        }
    )
    assert result.warnings == [
        "Dates in column 'Date' were read as day/month/year (31/12/2025): " + RESAVED
    ]


def test_etsy_statement_in_its_own_format_gives_no_warning():
    result = load_export(
        (ETSY + ETSY_ROWS.format('"1 December, 2024"', '"3 December, 2024"')).encode(), "e.csv"
    )
    assert _days(result) == ["2024-12-01", "2024-12-03"]
    assert result.warnings == [] and result.rejected.empty


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("9/16/2023 0:00", "9/30/2023 0:00"), ["2023-09-16", "2023-09-30"]),
        (("16-Sep-23", "30-Sep-23"), ["2023-09-16", "2023-09-30"]),
    ],
)
def test_paypal_activity_resaved(csv_bytes, cells, expected):
    rows = (
        '"{0}","09:00:00","PDT","Client A","General Payment","Completed","USD","100.00",'
        '"-3.20","96.80","a@client.com","me@example.com","T1","","","Credit"\n'
        '"{1}","10:00:00","PDT","Client B","General Payment","Completed","USD","50.00",'
        '"-1.75","48.25","b@client.com","me@example.com","T2","","","Credit"\n'
    )
    result = load_export(csv_bytes(PAYPAL + rows.format(*cells)), filename="Download.CSV")
    assert result.layout == "PayPal activity download"
    assert _days(result) == expected
    assert result.rejected.empty
    # 100.00 + 50.00; fees 3.20 + 1.75; net 96.80 + 48.25
    assert totals(result) == expect({("2023-09", "earning"): (150.00, 4.95, 145.05)})
    assert len(result.warnings) == 1 and result.warnings[0].endswith(RESAVED)


def test_stripe_dashboard_resaved_day_month_name_year(csv_bytes):
    text = STRIPE + (
        "txn_1,charge,ch_1,100.00,3.20,96.80,usd,16-Sep-23,18-Sep-23,Invoice 1\n"
        "txn_2,charge,ch_2,50.00,1.75,48.25,usd,1-Oct-23,3-Oct-23,Invoice 2\n"
    )
    result = load_export(csv_bytes(text), filename="balance.csv")
    assert result.layout == "Stripe balance transactions (Dashboard export)"
    assert _days(result) == ["2023-09-16", "2023-10-01"]
    assert totals(result) == expect(
        {
            ("2023-09", "earning"): (100.00, 3.20, 96.80),
            ("2023-10", "earning"): (50.00, 1.75, 48.25),
        }
    )
    assert result.warnings == [
        "Dates in column 'Created (UTC)' were read as day-month-year (31-Dec-25): " + RESAVED
    ]


def test_stripe_report_two_digit_years_are_this_century(csv_bytes):
    text = (
        "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,"
        "reporting_category,description\n"
        "txn_1,1/23/20,1/25/20,usd,10.00,0.59,9.41,charge,Class\n"
        "txn_2,2/3/20,2/5/20,usd,20.00,0.88,19.12,charge,Class\n"
    )
    result = load_export(csv_bytes(text), filename="report.csv")
    assert result.layout == "Stripe Balance change from activity report"
    assert _days(result) == ["2020-01-23", "2020-02-03"]
    assert totals(result) == expect(
        {
            ("2020-01", "earning"): (10.00, 0.59, 9.41),
            ("2020-02", "earning"): (20.00, 0.88, 19.12),
        }
    )
    assert "month/day/year (12/31/25)" in result.warnings[0]


def test_toptal_resaved_month_first():
    text = (
        "Id,Description,Amount,Transaction date\n"
        'P1,Payment for invoice 1001,"2,400.00",5/12/2016\n'
        "P2,Payment for invoice 1002,100.00,5/31/2016\n"
    )
    result = load_export(text.encode(), filename="toptal.csv")
    assert result.platform == "toptal"
    assert _days(result) == ["2016-05-12", "2016-05-31"]
    assert result.rejected.empty
    assert totals(result) == expect({("2016-05", "earning"): (2500.00, 0.00, 2500.00)})
    assert "month/day/year (12/31/2025)" in result.warnings[0]


def test_iso_date_time_from_a_spreadsheet_reads_without_warning():
    result = load_export(_weekly("2026-03-01 00:00:00", "2026-03-02 00:00:00"), "w.csv")
    assert _days(result) == ["2026-03-01", "2026-03-02"]
    assert result.rejected.empty and result.warnings == []


def test_parse_date_counts_rows_through_weights():
    # distinct values: 05/03 and 25/03 (day-first) vs 05/03 and 03/25 and 04/25 (month-first);
    # weighted by rows, day-first reads 1 + 5 = 6 cells, month-first 1 + 1 + 1 = 3
    cells = pd.Series(["05/03/2024", "25/03/2024", "03/25/2024", "04/25/2024"], dtype=object)
    parsed, fmt = parse_date(cells, ["%m/%d/%Y"], weights=[1, 5, 1, 1])
    assert fmt == "%d/%m/%Y"
    assert list(parsed.bad) == [False, False, True, True]
    # unweighted, month-first reads 3 of 4 values and wins
    parsed, fmt = parse_date(cells, ["%m/%d/%Y"])
    assert fmt == "%m/%d/%Y"
    assert list(parsed.values.dt.strftime("%Y-%m-%d").fillna("")) == [
        "2024-05-03",
        "",
        "2024-03-25",
        "2024-04-25",
    ]


def test_month_first_with_dashes_and_twelve_hour_times():
    result = load_export(_weekly("07-13-2024", "07-14-2024"), "w.csv")
    assert _days(result) == ["2024-07-13", "2024-07-14"] and result.rejected.empty
    result = load_export(_weekly("9/16/2023 2:05 PM", "9/17/2023 11:30 AM"), "w.csv")
    # 2:05 PM is 14:05: the PM is part of the time, not a time zone to drop
    assert [str(d) for d in result.transactions["date"]] == [
        "2023-09-16 14:05:00",
        "2023-09-17 11:30:00",
    ]
    assert result.rejected.empty and any(RESAVED in w for w in result.warnings)


def test_a_file_mixing_both_orders_says_which_dates_to_check():
    # Three month-first dates (13-15 Jan), one that only reads day-first (20/02 = 20 Feb) and one
    # that reads both ways (05/02: 2 May month-first, 5 Feb day-first). Month-first reads four
    # of five, so it is the file's format: 20/02 is rejected and 05/02 becomes 2 May, which the
    # warning asks the user to check.
    result = load_export(
        _weekly("01/13/2025", "01/14/2025", "01/15/2025", "20/02/2025", "05/02/2025"), "w.csv"
    )
    assert _days(result) == ["2025-01-13", "2025-01-14", "2025-01-15", "2025-05-02"]
    assert list(_reasons(result)) == [5]
    (warning,) = result.warnings
    assert warning.startswith("Column 'Date' mixes month/day/year (12/31/2025) with day/month")
    assert "1 row(s) only fit the second" in warning and "1 row(s) that fit both" in warning


def test_a_garbage_date_is_no_mix_of_orders():
    result = load_export(_weekly("01/13/2025", "soon"), "w.csv")
    assert list(_reasons(result)) == [3] and result.warnings == []


def test_a_resaved_stripe_export_whose_dates_read_both_ways_says_so():
    # a UK spreadsheet re-saved the UTC times as 05/01/2026 and 10/02/2026: both orders fit
    data = (
        b"id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        b"txn_1,charge,ch_1,100,3.2,96.8,gbp,05/01/2026 10:00,07/01/2026 00:00,Invoice 1\n"
        b"txn_2,charge,ch_2,50,1.75,48.25,gbp,10/02/2026 10:00,12/02/2026 00:00,Invoice 2\n"
    )
    result = load_export(data, "balance.csv")
    assert any(
        "can be read two ways (is '05/01/2026 10:00' 1 May or 5 January?)" in w
        for w in result.warnings
    )


TEMPLATE = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"


def _template(*dates: str) -> bytes:
    """The GigLens template with one 10.00 Fiverr earning per date."""
    return (
        TEMPLATE
        + "".join(f"{d},fiverr,earning,10,2,8,USD,,c,x,R{i}\n" for i, d in enumerate(dates))
    ).encode()


def test_a_full_iso_date_beside_dates_that_read_both_ways_keeps_the_warning():
    # 03/01/2025 and 04/02/2025 read both ways; the ISO 2025-02-14 settles nothing about them
    result = load_export(_template("03/01/2025", "04/02/2025", "2025-02-14"), "t.csv")
    assert _days(result) == ["2025-03-01", "2025-04-02", "2025-02-14"]
    [warning] = [w for w in result.warnings if "can be read two ways" in w]
    assert "can be read two ways (is '03/01/2025' 1 March or 3 January?)" in warning
    # the template has no order of its own: the user is asked to check
    assert "as this export writes them" not in warning and "Check a date you know" in warning


def test_a_day_first_date_with_other_separators_is_a_mix_of_orders():
    # 14-02-2025 only reads day-first (dashes instead of slashes): the file mixes both orders,
    # so the two slash dates read month-first (1 March, 2 April) may be 3 January, 4 February
    result = load_export(_template("03/01/2025", "04/02/2025", "14-02-2025"), "t.csv")
    assert _days(result) == ["2025-03-01", "2025-04-02"]
    assert list(_reasons(result)) == [4]
    mixed = next(w for w in result.warnings if "mixes" in w)
    assert mixed.startswith("Column 'date' mixes month/day/year (12/31/2025) with day/month")
    assert "1 row(s) only fit the second" in mixed and "2 row(s) that fit both" in mixed
    # a dotted date is day-first too
    dotted = load_export(_template("03/01/2025", "04/02/2025", "14.02.2025"), "t.csv")
    assert any("2 row(s) that fit both" in w for w in dotted.warnings), dotted.warnings


def _workbook(rows) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TEMPLATE_HEAD = ["date", "platform", "kind", "gross", "fee", "net", "currency"]


def test_dates_a_spreadsheet_of_the_other_order_swapped_are_swapped_back():
    """A day-first file opened by a month-first Excel: 01/07/2016 (1 July) and 01/11/2016
    (1 November) fit month/day, so they became real dates 7 January and 11 January; 22/06/2016
    and 15/07/2016 do not, so they stayed text. 05/05/2016 is the same either way."""
    import datetime as dt

    data = _workbook(
        [
            TEMPLATE_HEAD,
            [dt.datetime(2016, 1, 7), "fiverr", "earning", 100, 20, 80, "USD"],
            ["22/06/2016", "fiverr", "earning", 50, 10, 40, "USD"],
            ["15/07/2016", "fiverr", "earning", 10, 2, 8, "USD"],
            [dt.datetime(2016, 1, 11), "fiverr", "earning", 30, 6, 24, "USD"],
            [dt.datetime(2016, 5, 5), "fiverr", "earning", 1, 0, 1, "USD"],
        ]
    )
    result = load_export(data, "resaved.xlsx")
    assert result.rejected.empty
    assert [f"{d:%Y-%m-%d}" for d in result.transactions["date"]] == [
        "2016-07-01",
        "2016-06-22",
        "2016-07-15",
        "2016-11-01",
        "2016-05-05",
    ]
    (warning,) = result.warnings
    assert "holds 3 row(s) with real spreadsheet dates" in warning
    assert "GigLens swapped them back (2016-01-07 is read as 1 July 2016)" in warning


def test_real_dates_are_kept_when_one_of_them_cannot_have_been_swapped():
    """7 January and 13 January as real dates beside '22/06/2016': a day of 13 cannot come
    from a swap (there is no 13th month), so nothing is swapped and the text date, in another
    format than the real ones, is rejected as before."""
    import datetime as dt

    data = _workbook(
        [
            TEMPLATE_HEAD,
            [dt.datetime(2016, 1, 7), "fiverr", "earning", 100, 20, 80, "USD"],
            [dt.datetime(2016, 1, 13), "fiverr", "earning", 30, 6, 24, "USD"],
            [dt.datetime(2016, 2, 3), "fiverr", "earning", 1, 0, 1, "USD"],
            ["22/06/2016", "fiverr", "earning", 50, 10, 40, "USD"],
        ]
    )
    result = load_export(data, "typed.xlsx")
    assert [f"{d:%Y-%m-%d}" for d in result.transactions["date"]] == [
        "2016-01-07",
        "2016-01-13",
        "2016-02-03",
    ]
    assert list(result.rejected["row"]) == [5]
    assert not any("swapped" in w for w in result.warnings)


def test_iso_dates_beside_a_typed_day_first_date_in_a_csv_are_not_swapped():
    """A CSV has no real date cells: 2025-03-05 and 2025-04-10 are as written (not 3 May and
    4 October), and the odd 22/04/2025 is rejected for its other format."""
    text = (
        b"date,platform,kind,gross,fee,net,currency\n"
        b"2025-03-05,fiverr,earning,100.00,20.00,80.00,GBP\n"
        b"2025-04-10,fiverr,earning,50.00,10.00,40.00,GBP\n"
        b"22/04/2025,fiverr,earning,10.00,2.00,8.00,GBP\n"
    )
    result = load_export(text, "typed.csv")
    assert [f"{d:%Y-%m-%d}" for d in result.transactions["date"]] == ["2025-03-05", "2025-04-10"]
    assert list(result.rejected["row"]) == [4]
    assert not any("swapped" in w for w in result.warnings)


def test_year_first_dates_beside_the_layouts_own_text_dates_in_a_csv_are_swapped_back(
    csv_bytes,
):
    """A US PayPal download (month first) opened by a spreadsheet that reads day/month and
    shows dates year-first, then saved as CSV: 7/11/2024 (11 July) fit day/month, so it became
    2024-11-07 (7 November); 7/19/2024 and 7/25/2024 do not, so they stayed text."""
    rows = (
        '"{0}","09:00:00","PDT","Client A","General Payment","Completed","USD","100.00",'
        '"-3.20","96.80","a@client.com","me@example.com","T1","","","Credit"\n'
        '"{1}","10:00:00","PDT","Client B","General Payment","Completed","USD","50.00",'
        '"-1.75","48.25","b@client.com","me@example.com","T2","","","Credit"\n'
        '"{2}","10:00:00","PDT","Client C","General Payment","Completed","USD","20.00",'
        '"-0.90","19.10","c@client.com","me@example.com","T3","","","Credit"\n'
    )
    cells = ("2024-11-07", "7/19/2024", "7/25/2024")
    result = load_export(csv_bytes(PAYPAL + rows.format(*cells)), filename="Download.CSV")
    assert result.rejected.empty
    assert _days(result) == ["2024-07-11", "2024-07-19", "2024-07-25"]
    # 100.00 + 50.00 + 20.00; fees 3.20 + 1.75 + 0.90; net 96.80 + 48.25 + 19.10: all July
    assert totals(result) == expect({("2024-07", "earning"): (170.00, 5.85, 164.15)})
    (warning,) = [w for w in result.warnings if "swapped them back" in w]
    assert "holds 1 row(s) with year-first dates beside dates written as text" in warning
    assert "(2024-11-07 is read as 11 July 2024)" in warning


def test_dotted_dates_beside_the_layouts_month_first_dates_in_a_csv_are_swapped_back(csv_bytes):
    """A US PayPal download opened and saved by a German Excel: 7/11/2024 (11 July) and
    3/2/2025 (2 March) fit its day/month order, so they became 07.11.2024 and 03.02.2025; 7/19/2024
    does not, so it stayed as PayPal wrote it. Nothing is rejected and every date is PayPal's."""
    rows = (
        '"{0}","09:00:00","PDT","Client A","General Payment","Completed","USD","100.00",'
        '"-3.20","96.80","a@client.com","me@example.com","T1","","","Credit"\n'
        '"{1}","10:00:00","PDT","Client B","General Payment","Completed","USD","50.00",'
        '"-1.75","48.25","b@client.com","me@example.com","T2","","","Credit"\n'
        '"{2}","10:00:00","PDT","Client C","General Payment","Completed","USD","20.00",'
        '"-0.90","19.10","c@client.com","me@example.com","T3","","","Credit"\n'
    )
    cells = ("07.11.2024", "7/19/2024", "03.02.2025")
    result = load_export(csv_bytes(PAYPAL + rows.format(*cells)), filename="Download.CSV")
    assert result.rejected.empty
    assert _days(result) == ["2024-07-11", "2024-07-19", "2025-03-02"]
    assert totals(result) == expect(
        {
            ("2024-07", "earning"): (150.00, 4.95, 145.05),  # 100.00 + 50.00
            ("2025-03", "earning"): (20.00, 0.90, 19.10),
        }
    )
    (warning,) = [w for w in result.warnings if "swapped them back" in w]
    assert "holds 2 row(s) with dates written day.month.year beside dates written" in warning
    assert "('07.11.2024' is read as 11 July 2024)" in warning
    # without a date that only reads month-first nothing says the file was month-first: the
    # dotted dates are read as written, day first
    other = load_export(
        csv_bytes(PAYPAL + rows.format("07.11.2024", "03.02.2025", "04.01.2025")),
        filename="Download.CSV",
    )
    assert _days(other) == ["2024-11-07", "2025-02-03", "2025-01-04"]
