"""An "Excel" download that is not a workbook: a web page holding the table, or an Excel 2003
XML Spreadsheet, named .xls; and a workbook protected with a password.

Each file is a small literal here; the totals are worked out by hand from its rows.
"""

from __future__ import annotations

import io

import pytest
from conftest import expected_totals as expect
from conftest import month_kind_totals as totals

from analytics import ImportFailed, UnknownFormat, load_export

HEADER = ["Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net"]
HEADER += ["Transaction ID", "Balance Impact"]
ROWS = [
    # a client's payment: 1,250.00 less 43.80 = 1,206.20
    ["3/13/2026", "10:00:00", "PST", "Café Zoë & Co", "Website Payment", "Completed", "USD"]
    + ["1,250.00", "-43.80", "1,206.20", "T1", "Credit"],
    # a withdrawal to the bank: a transfer, never income
    ["3/20/2026", "11:00:00", "PST", "", "General Withdrawal", "Completed", "USD"]
    + ["-1,000.00", "0.00", "-1,000.00", "T2", "Debit"],
    # a payment in April: 80.00 less 3.20 = 76.80
    ["4/2/2026", "09:30:00", "PDT", "Logo client", "General Payment", "Completed", "USD"]
    + ["80.00", "-3.20", "76.80", "T3", "Credit"],
]
EXPECTED = expect(
    {
        ("2026-03", "earning"): (1250.00, 43.80, 1206.20),
        ("2026-03", "transfer"): (-1000.00, 0.00, -1000.00),
        ("2026-04", "earning"): (80.00, 3.20, 76.80),
    }
)


def _html_table(rows) -> str:
    cell = "".join
    return (
        '<table border="1">'
        + "".join(
            "<tr>" + cell(f"<td>{c.replace('&', '&amp;')}</td>" for c in row) + "</tr>"
            for row in rows
        )
        + "</table>"
    )


@pytest.mark.parametrize(
    "page",
    [
        '<html><head><meta charset="utf-8"></head><body><h1>Activity</h1>{table}</body></html>',
        "{table}",  # a bare table
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">{table}',
        '\ufeff<!DOCTYPE html><html xmlns:x="urn:schemas-microsoft-com:office:excel">'
        "<body>{table}</body></html>",
    ],
)
def test_a_web_page_named_xls_is_read_as_its_table(page):
    data = page.format(table=_html_table([HEADER, *ROWS])).encode("utf-8")
    result = load_export(data, "Download.xls")
    assert result.platform == "paypal"
    assert result.rejected.empty and result.skipped.empty
    assert totals(result) == EXPECTED
    assert list(result.transactions["client"].astype(str))[::2] == ["Café Zoë & Co", "Logo client"]
    assert any("is a web page holding the table" in w for w in result.warnings)


def test_a_web_pages_title_table_and_wrapped_cells_are_handled():
    """A first table with the account's name (no known header), then the activity; a cell
    spanning two columns in the title, a line break inside a name cell."""
    title = '<table><tr><td colspan="2">Account: me@example.com</td></tr></table>'
    rows = [list(r) for r in ROWS]
    rows[0][3] = "Café Zoë<br>&amp; Co"
    data = f"<html><body>{title}{_html_table([HEADER, *rows])}</body></html>"
    result = load_export(data.replace("&amp;amp;", "&amp;").encode(), "activity.xls")
    assert totals(result) == EXPECTED
    assert result.transactions["client"].astype(str).iat[0] == "Café Zoë & Co"


def test_a_web_page_without_a_table_gets_the_web_page_message():
    with pytest.raises(ImportFailed, match="is a web page \\(HTML\\) without a table GigLens"):
        load_export(b"<html><body><p>Your earnings</p></body></html>", "earnings.xls")


def test_a_web_page_with_an_unknown_table_names_its_columns():
    data = _html_table([["Booking", "Payee", "Money In"], ["01/03/2025", "Shop", "12.00"]])
    with pytest.raises(UnknownFormat) as failed:
        load_export(data.encode(), "bank.xls")
    message = str(failed.value)
    assert "Booking" in message and "Money In" in message and "<td>" not in message


def _spreadsheet_xml(rows) -> bytes:
    def cell(value):
        if isinstance(value, float):
            return f'<Cell><Data ss:Type="Number">{value}</Data></Cell>'
        return f'<Cell><Data ss:Type="String">{value.replace("&", "&amp;")}</Data></Cell>'

    body = "".join("<Row>" + "".join(cell(c) for c in row) + "</Row>" for row in rows)
    return (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Cover"><Table><Row><Cell><Data ss:Type="String">PayPal activity'
        "</Data></Cell></Row></Table></Worksheet>"
        f'<Worksheet ss:Name="Activity"><Table>{body}</Table></Worksheet></Workbook>'
    ).encode()


def test_an_excel_2003_xml_spreadsheet_is_read_from_its_worksheet():
    # amounts as typed numbers, as Excel writes them: 1250 and -43.8 are 1,250.00 and -43.80
    typed = [
        [*row[:7], float(row[7].replace(",", "")), float(row[8]), float(row[9].replace(",", ""))]
        + row[10:]
        for row in ROWS
    ]
    result = load_export(_spreadsheet_xml([HEADER, *typed]), "Download.xls")
    assert result.platform == "paypal"
    assert result.rejected.empty and result.skipped.empty
    assert totals(result) == EXPECTED


def test_an_xml_spreadsheets_skipped_cells_and_rows_keep_their_places():
    """ss:Index jumps over empty cells and rows: the Fee column's cell left out of row 2 is
    empty (PayPal's 0.00), and a row numbered 5 after row 3 leaves two blank lines, skipped."""
    xml = _spreadsheet_xml([HEADER, ROWS[0]]).decode()
    cells = []
    for i, value in enumerate(ROWS[2]):
        if i == 8:  # the Fee cell is left out; the next cell says where it stands
            continue
        index = f' ss:Index="{i + 1}"' if i == 9 else ""
        cells.append(f'<Cell{index}><Data ss:Type="String">{value}</Data></Cell>')
    second = "".join(cells)
    xml = xml.replace("</Table></Worksheet></Workbook>", "")
    xml += f'<Row ss:Index="5">{second}</Row></Table></Worksheet></Workbook>'
    result = load_export(xml.replace("76.80", "80.00").encode(), "x.xls")
    assert result.rejected.empty
    assert list(result.skipped["reason"]) == ["blank line", "blank line"]
    # the April payment without its fee: 80.00 gross and net
    assert totals(result) == expect(
        {
            ("2026-03", "earning"): (1250.00, 43.80, 1206.20),
            ("2026-04", "earning"): (80.00, 0.00, 80.00),
        }
    )


def test_another_xml_file_is_said_to_be_no_export():
    with pytest.raises(ImportFailed, match="is an XML file, not an export GigLens can read"):
        load_export(b'<?xml version="1.0"?><invoice><total>12.00</total></invoice>', "x.xml")


def test_a_password_protected_workbook_says_so():
    import msoffcrypto  # the dev extra's msoffcrypto-tool encrypts as Excel does
    from msoffcrypto.format.ooxml import OOXMLFile
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    plain = io.BytesIO()
    book.save(plain)
    plain.seek(0)
    locked = io.BytesIO()
    OOXMLFile(plain).encrypt("secret", locked)
    assert msoffcrypto.OfficeFile(io.BytesIO(locked.getvalue())).is_encrypted()
    with pytest.raises(ImportFailed, match="is protected with a password") as failed:
        load_export(locked.getvalue(), "earnings.xlsx")
    assert "Encrypt with Password" in str(failed.value)


def test_a_web_page_cell_spanning_rows_is_on_each_row_it_spans():
    """The page groups the two March payments under one date cell (rowspan="2"): each row
    has that date, as the page shows it; a colspan that is no plain number ("²") counts 1."""
    rows = [list(r) for r in ROWS]
    html = "<table><tr>" + "".join(f"<th>{c}</th>" for c in HEADER) + "</tr>"
    for i, row in enumerate(rows):
        cells = [f"<td>{c.replace('&', '&amp;')}</td>" for c in row]
        if i == 0:
            cells[0] = f'<td rowspan="2">{row[0]}</td>'
        elif i == 1:
            cells = cells[1:]  # its date is the cell above, spanning down
        else:
            cells[0] = f'<td colspan="²">{row[0]}</td>'
        html += "<tr>" + "".join(cells) + "</tr>"
    result = load_export((html + "</table>").encode(), "grouped.xls")
    assert result.rejected.empty
    # the withdrawal dated 3/13/2026 (the spanning cell), not 3/20: still March
    assert list(result.transactions["date"].dt.strftime("%Y-%m-%d")) == [
        "2026-03-13",
        "2026-03-13",
        "2026-04-02",
    ]
    assert totals(result) == EXPECTED
