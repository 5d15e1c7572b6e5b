"""`python -m analytics summary ...`: table on stdout, files written, one-line errors."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import REPO, SAMPLE_DATA

from analytics.__main__ import main

TEMPLATE = """date,platform,kind,gross,fee,net,currency,hours,client,description
2024-01-05,upwork,earning,1000.00,100.00,900.00,USD,,Acme,=HYPERLINK("http://evil")
2024-01-20,upwork,transfer,-900.00,0,-900.00,USD,,,withdrawal
2024-03-05,mturk,earning,60.00,0,60.00,USD,4,,HITs
"""


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "income.csv"
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


def test_prints_the_monthly_summary(template, capsys):
    assert main(["summary", str(template)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Amounts in USD"  # every row of TEMPLATE is in USD
    assert lines[1].split()[:4] == ["gross", "fees", "net", "hours"]
    jan = next(line for line in lines if line.startswith("2024-01"))
    feb = next(line for line in lines if line.startswith("2024-02"))
    mar = next(line for line in lines if line.startswith("2024-03"))
    assert jan.split()[1:4] == ["1,000.00", "100.00", "900.00"]
    assert feb.split()[1:4] == ["0.00", "0.00", "0.00"]
    # 60.00 of it paid 4 hours: 60 / 4 h = 15.00
    assert mar.split()[1:7] == ["60.00", "0.00", "60.00", "4.00", "60.00", "15.00"]


def test_writes_csv(template, tmp_path, capsys):
    out = tmp_path / "summary.csv"
    assert main(["summary", str(template), "--out", str(out)]) == 0
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert frame["month"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert frame["cumulative_net"].tolist() == [900.0, 900.0, 960.0]
    assert "wrote" in capsys.readouterr().err


def test_writes_xlsx_with_summary_first_and_inert_text(template, tmp_path):
    out = tmp_path / "books.xlsx"
    assert main(["summary", str(template), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Summary"
    assert {"Fees", "Hourly rates", "Streams", "Transactions"} <= set(book.sheetnames)
    # what the fees were for: Upwork's 100.00 on its payment is its commission (service fee)
    rows = list(book["Fees by type"].iter_rows(values_only=True))
    assert rows[0] == ("month", "currency", "commission_fees", "fees")
    assert rows[1] == ("2024-01", "USD", 100, 100)
    assert rows[-1] == ("Total", "USD", 100, 100)
    ws = book["Transactions"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert '=HYPERLINK("http://evil")' in texts
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_xlsx_holds_exact_cents_not_float_noise(tmp_path):
    """10,000 payments of 0.10 are 1,000.00 exactly in the workbook (a float sum is
    999.9999999999999, which a spreadsheet formula such as =B2=1000 would see)."""
    path = tmp_path / "many.csv"
    rows = "".join(
        f"2024-01-{1 + i % 28:02d},clickworker,earning,0.10,0,0.10,USD,0.1,,task {i}\n"
        for i in range(10_000)
    )
    path.write_text(TEMPLATE.splitlines()[0] + "\n" + rows, encoding="utf-8")
    out = tmp_path / "books.xlsx"
    assert main(["summary", str(path), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    header = [c.value for c in book["Summary"][1]]
    january = dict(zip(header, [c.value for c in book["Summary"][2]], strict=True))
    assert january["month"] == "2024-01"
    assert january["gross"] == 1000 and january["net"] == 1000
    assert january["cumulative_net"] == 1000
    rates = book["Hourly rates"]
    header = [c.value for c in rates[1]]
    clickworker = dict(zip(header, [c.value for c in rates[2]], strict=True))
    assert clickworker["hours"] == 1000  # 10,000 x 0.1 h
    assert clickworker["hourly"] == 1.0  # 1,000.00 / 1,000 h


def test_mixed_currencies_ask_for_a_base_currency(tmp_path, capsys):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "date,platform,kind,gross,fee,net,currency\n"
        "2024-01-02,upwork,earning,100,0,100,USD\n"
        "2024-01-02,paypal,earning,100,0,100,EUR\n",
        encoding="utf-8",
    )
    assert main(["summary", str(path)]) == 1
    refused = capsys.readouterr()
    err = refused.err.strip().splitlines()
    assert err[-1].startswith("error: mixed currencies") and "--base-currency" in err[-1]
    assert refused.out == ""  # no table, and no currency line above a table
    assert main(["summary", str(path), "--base-currency", "usd"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "Amounts in USD, converted from EUR at the ECB reference rate of each transaction's day"
    )
    jan = next(line for line in lines if line.startswith("2024-01"))
    assert jan.split()[3] == "209.56"  # 100 + 100 EUR x 1.0956 (ECB, 2 Jan 2024)


def test_currency_line_names_every_converted_currency(tmp_path, capsys):
    path = tmp_path / "three.csv"
    path.write_text(
        "date,platform,kind,gross,fee,net,currency\n"
        "2024-01-02,upwork,earning,100,0,100,USD\n"
        "2024-01-02,paypal,earning,100,0,100,GBP\n"
        "2024-01-02,paypal,earning,100,0,100,EUR\n"
        # a withdrawal in CHF is not income: the summary has no CHF amount to convert
        "2024-01-03,paypal,transfer,-50,0,-50,CHF\n",
        encoding="utf-8",
    )
    assert main(["summary", str(path), "--base-currency", "USD"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Amounts in USD, converted from EUR, GBP at the ECB reference rate of each "
        "transaction's day"
    )


def test_currency_line_with_a_base_currency_and_nothing_to_convert(template, capsys):
    assert main(["summary", str(template), "--base-currency", "USD"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Amounts in USD"
    assert main(["summary", str(template), "--base-currency", "eur"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "Amounts in EUR, converted from USD at the ECB reference rate of each transaction's day"
    )


def test_no_currency_line_in_files_or_without_income(template, tmp_path, capsys):
    assert main(["summary", str(template), "--out", str(tmp_path / "s.csv")]) == 0
    assert capsys.readouterr().out == ""  # the CSV says it in its currency column
    transfers = tmp_path / "transfers.csv"
    transfers.write_text(
        "date,platform,kind,gross,fee,net,currency\n2024-01-20,upwork,transfer,-9,0,-9,USD\n",
        encoding="utf-8",
    )
    assert main(["summary", str(transfers)]) == 0
    assert capsys.readouterr().out == "No income in these files.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"\x00\x01\x02 not a table", "error: "),
        (b"colour,size\nred,3\n", "error: "),
    ],
)
def test_bad_files_give_one_plain_line(tmp_path, capsys, content, message):
    path = tmp_path / "bad.csv"
    if content is not None:
        path.write_bytes(content)
    assert main(["summary", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "Traceback" not in err[0]


def test_a_folder_gives_one_plain_line(tmp_path, capsys):
    assert main(["summary", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("is a folder, not a file. Pick one export file.")


def test_unknown_layout_says_what_to_do_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "shop.csv"
    path.write_text("colour,size\nred,3\n", encoding="utf-8")
    assert main(["summary", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    line = err[0]
    assert line.startswith(f"error: {path}: GigLens does not recognise the layout of this file")
    assert "(columns found: colour, size)" in line
    assert "make run" in line and "choose which columns hold the date" in line
    assert "upload" not in line.lower()  # nothing can be uploaded from the command line
    template = line.rsplit("GigLens template, ", 1)[1].removesuffix(".")
    assert template.endswith("giglens_template.csv") and Path(template).is_file()


def test_unknown_json_says_what_to_do_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "page.json"
    path.write_text('{"foo": 1, "bar": [1, 2]}', encoding="utf-8")
    assert main(["summary", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "does not recognise this JSON file (top-level keys: foo, bar)" in err[0]
    # a JSON file has no columns to choose in the dashboard
    assert "make run" not in err[0] and "upload" not in err[0].lower()
    assert "giglens_template.csv" in err[0]


def _one_line_refusal(capsys) -> str:
    done = capsys.readouterr()
    err = done.err.strip().splitlines()
    assert done.out == "" and len(err) == 1  # not even the file's import note: nothing was read
    assert "one of the export files you gave" in err[0] and "would replace your export" in err[0]
    return err[0]


@pytest.mark.parametrize("spelling", ["same", "dot", "symlink", "hard link", "second input"])
def test_refuses_to_write_the_summary_over_an_input(
    template, tmp_path, capsys, monkeypatch, spelling
):
    before = template.read_bytes()
    files = [str(template)]
    if spelling == "same":
        out = str(template)
    elif spelling == "dot":  # ./income.csv from the folder it is in
        monkeypatch.chdir(tmp_path)
        out, files = "./income.csv", ["income.csv"]
    elif spelling == "symlink":
        (tmp_path / "link.csv").symlink_to(template)
        out = str(tmp_path / "link.csv")
    elif spelling == "hard link":  # another name, the same file on disk: only samefile sees it
        os.link(template, tmp_path / "hard.csv")
        out = str(tmp_path / "hard.csv")
    else:
        other = tmp_path / "other.csv"
        other.write_text(TEMPLATE, encoding="utf-8")
        files = [str(other), str(template)]
        out = str(template)
    assert main(["summary", *files, "--out", out]) == 1
    assert _one_line_refusal(capsys).startswith(f"error: {out} is one of the export files")
    assert template.read_bytes() == before


def test_refuses_an_input_as_output_in_a_subprocess(template):
    before = template.read_bytes()
    done = _run(str(template), "--out", str(template))
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert template.read_bytes() == before


def test_unknown_output_type(template, tmp_path, capsys):
    assert main(["summary", str(template), "--out", str(tmp_path / "x.pdf")]) == 1
    assert "must end in .xlsx or .csv" in capsys.readouterr().err


def test_runs_as_a_module_without_traceback(tmp_path):
    missing = tmp_path / "nope.csv"
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "summary", str(missing)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"error: {missing}: The file 'nope.csv' does not exist. Check the path and try again."
    )
    assert io.StringIO(done.stdout).read() == ""


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", "summary", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def _toggl_hours(path, clients: set[str]) -> float:
    """Σ Duration (hh:mm:ss) of the Toggl entries of `clients`, read straight from the file."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        total = 0.0
        for row in csv.DictReader(handle):
            if row["Client"] in clients:
                h, m, s = (int(x) for x in row["Duration"].split(":"))
                total += h + m / 60 + s / 3600
    return total


def test_sample_data_files_end_to_end_in_a_subprocess(tmp_path):
    import csv

    upwork = SAMPLE_DATA / "upwork_transactions.csv"
    mturk = SAMPLE_DATA / "mturk_hits.csv"
    toggl = SAMPLE_DATA / "toggl_time_entries.csv"
    out = tmp_path / "summary.csv"
    done = _run(str(upwork), str(mturk), str(toggl), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and f"wrote {out}" in done.stderr
    summary = pd.read_csv(out, encoding="utf-8-sig")
    # independent totals straight from the files: Upwork's own "Amount $" of every row that is
    # not a withdrawal ("Payment"), and MTurk's reward of every paid or approved HIT
    with open(upwork, encoding="utf-8-sig", newline="") as handle:
        upwork_net = sum(
            float(r["Amount $"])
            for r in csv.DictReader(handle)
            if r["Transaction Type"] != "Payment"
        )
    with open(mturk, encoding="utf-8", newline="") as handle:
        mturk_net = sum(
            float(r["Reward"]) for r in csv.DictReader(handle) if r["State"] in ("Paid", "Approved")
        )
    assert summary["net_upwork"].sum() == pytest.approx(upwork_net, abs=0.005)
    assert summary["net_mturk"].sum() == pytest.approx(mturk_net, abs=0.005)
    assert summary["cumulative_net"].iloc[-1] == pytest.approx(upwork_net + mturk_net, abs=0.005)
    # hours: the Toggl time of the two Upwork clients (the others were paid through PayPal,
    # which is not loaded here, so their hours are reported as unmatched)
    upwork_clients = {"Brightline Analytics", "Northwind Research"}
    assert summary["hours"].sum() == pytest.approx(_toggl_hours(toggl, upwork_clients))
    assert "tracked hours match no income" in done.stderr
    assert summary["month"].iloc[0] == "2024-06" and summary["month"].iloc[-1] == "2025-11"


def test_sample_data_with_two_currencies_to_excel_in_a_subprocess(tmp_path):
    files = [str(SAMPLE_DATA / n) for n in ("upwork_transactions.csv", "paypal_activity.csv")]
    refused = _run(*files)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1].startswith("error: mixed currencies")
    out = tmp_path / "books.xlsx"
    done = _run(*files, "--base-currency", "USD", "--out", str(out))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:5] == ["Summary", "Fees", "Hourly rates", "Streams", "Transactions"]
    ws = book["Summary"]
    header = [c.value for c in ws[1]]
    # the sample's refunds, part of the gross, and PayPal conversions: their estimated cost,
    # part of the fees, beside them
    assert header[:7] == [
        "month",
        "currency",
        "gross",
        "refunds",
        "fees",
        "conversion_costs",
        "net",
    ]
    assert "net_paypal" in header
    assert ws.freeze_panes == "A2"
    net = ws.cell(row=2, column=7)
    assert net.data_type == "n" and net.number_format == '#,##0.00 "USD"'
    # the Transactions sheet is in USD too, each row with its original amount and rate, and
    # says which rows are income: its income rows add up to the Summary's net
    rows = list(book["Transactions"].values)
    head, body = list(rows[0]), rows[1:]
    for column in ("counts_as_income", "original_currency", "original_gross", "fx_rate"):
        assert column in head
    assert {r[head.index("currency")] for r in body} == {"USD"}
    # Studio Vogel's EUR 1,100.00 payment of 10 Apr 2025 (fee 55.28): at the ECB's 1.1082 USD
    # per EUR, 1,100 x 1.1082 = 1,219.02 gross, 55.28 x 1.1082 = 61.261296 fee; her EUR 900.00
    # of 21 Nov 2024 at 1.0526: 947.34
    col = {name: head.index(name) for name in ("original_gross", "gross", "fee", "fx_rate")}
    eur = {r[col["original_gross"]]: r for r in body if r[head.index("original_currency")] == "EUR"}
    assert eur[1100.0][col["fx_rate"]] == pytest.approx(1.1082)
    assert eur[1100.0][col["gross"]] == pytest.approx(1219.02)
    assert eur[1100.0][col["fee"]] == pytest.approx(61.261296)
    assert eur[900.0][col["gross"]] == pytest.approx(947.34)
    income = sum(r[head.index("net")] for r in body if r[head.index("counts_as_income")] == "yes")
    rows = [r for r in ws.iter_rows(min_row=2) if r[0].value]
    months = [r[header.index("net")].value for r in rows if not str(r[0].value).startswith("Total")]
    # each month's net is rounded to the cent: at most half a cent apart per month
    assert income == pytest.approx(sum(months), abs=0.005 * len(months))
    # the last row adds the months up as written; a running total is no sum
    total = rows[-1]
    assert total[0].value == "Total" and total[0].font.bold
    assert total[header.index("net")].value == pytest.approx(round(sum(months), 2))
    assert total[header.index("cumulative_net")].value is None
    printed = _run(str(SAMPLE_DATA / "upwork_transactions.csv"))
    assert printed.returncode == 0
    assert printed.stdout.splitlines()[0] == "Amounts in USD"
    assert printed.stdout.splitlines()[1].split()[:3] in (
        ["gross", "fees", "net"],
        ["gross", "fees", "conversion_costs"],
        ["gross", "refunds", "fees"],
    )


def test_writes_csv_for_a_spreadsheet_in_german(template, tmp_path):
    """--csv-style semicolon: TEMPLATE's January, 1,000.00 gross, 100.00 fees and 900.00 net,
    split by semicolons; March's 60 / 4 h = 15 an hour."""
    out = tmp_path / "summary.csv"
    assert main(["summary", str(template), "--out", str(out), "--csv-style", "semicolon"]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("month;currency;gross;fees;net;hours;net_with_hours;hourly;")
    assert lines[1].startswith("2024-01;USD;1000,00;100,00;900,00;")
    frame = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert frame["net"].tolist() == [900.0, 0.0, 60.0]
    assert frame.loc[2, "hourly"] == 15.0


def test_lists_each_rejected_row_and_the_skipped_rows_by_reason(tmp_path, capsys):
    # row 3 has an unreadable amount, row 4 a date that is no date; row 5 is a totals line
    path = tmp_path / "income.csv"
    path.write_text(
        "date,platform,kind,gross,fee,net,currency,hours,client,description\n"
        "2024-01-05,fiverr,earning,100.00,20.00,80.00,USD,,Acme,Logo\n"
        "2024-01-06,fiverr,earning,abc,20.00,80.00,USD,,Acme,Logo\n"
        "soon,fiverr,earning,50.00,10.00,40.00,USD,,Acme,Logo\n"
        "Total,,,150.00,30.00,120.00,,,,\n",
        encoding="utf-8",
    )
    assert main(["summary", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    rejected = [line for line in err if " rejected: " in line]
    assert [line.split(" rejected: ")[0] for line in rejected] == [
        f"{path}: row 3",
        f"{path}: row 4",
    ]
    assert "gross 'abc'" in rejected[0] and "date 'soon'" in rejected[1]
    assert sum(" row(s) skipped: " in line for line in err) == 1


def test_lists_fifty_rejected_rows_then_says_how_many_more(tmp_path, capsys):
    """51 rows with an unreadable gross: rows 2-51 are listed, then "... and 1 more"; with
    exactly 50, no "and 0 more"."""
    header = "date,platform,kind,gross,fee,net,currency,hours,client,description\n"
    for count, more in ((51, ["... and 1 more rejected row(s)"]), (50, [])):
        path = tmp_path / f"bad{count}.csv"
        bad = "".join(f"2024-01-05,fiverr,earning,abc,0,0,USD,,A,R{i}\n" for i in range(count))
        path.write_text(header + "2024-01-04,fiverr,earning,1,0,1,USD,,A,ok\n" + bad, "utf-8")
        main(["summary", str(path)])
        err = capsys.readouterr().err.splitlines()
        listed = [line for line in err if " rejected: " in line]
        assert len(listed) == 50 and listed[0].startswith(f"{path}: row 3 rejected")
        assert [line.split(": ", 1)[1] for line in err if "more rejected" in line] == more


def test_an_unknown_layout_with_a_huge_header_cell_prints_a_short_message(tmp_path, capsys):
    path = tmp_path / "huge.csv"
    path.write_text("When,What," + "x" * 100_000 + "\n2025-01-02,thing,10.50\n", "utf-8")
    assert main(["summary", str(path)]) == 1
    err = capsys.readouterr().err
    assert len(err) < 3_000 and "x" * 39 + "…" in err


def test_the_workbook_says_a_weekly_summarys_fee_is_not_known(tmp_path):
    """An Upwork Weekly Summary's amounts are before Upwork's fee: its rows in the workbook's
    Transactions sheet say the 0.00 fee is not known."""
    path = tmp_path / "weekly.csv"
    path.write_text(
        '"Date","Contract","Hours","Amount","Payment type"\n'
        '"2023-09-16","Logo (123)","1.5","29.50",""\n',
        encoding="utf-8",
    )
    out = tmp_path / "books.xlsx"
    assert main(["summary", str(path), "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["Transactions"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert header[header.index("fee") + 1] == "fee_note"
    assert row["fee_note"].startswith("fee not in this export") and row["gross"] == 29.5


WEEKLY_SUMMARY = (
    '"Date","Contract","Hours","Amount","Payment type"\n'
    '"2025-01-06","Logo design (30000001)","2.00","50.00",""\n'
    '"2025-02-03","Logo design (30000001)","1.00","25.00",""\n'
)


def test_a_file_without_fees_says_so_in_the_summary_and_is_no_zero_fee_rate(template, tmp_path):
    """An Upwork Weekly Summary holds amounts before Upwork's fee and no fee: its months show
    fees 0.00, which a bookkeeper would book as net. The summary says so on those months
    (January and February 2025 here, not the template's months), the Fees sheet leaves the
    file out rather than show Upwork at a 0.0% fee rate, and the Notes sheet carries what the
    import said."""
    weekly = tmp_path / "weekly.csv"
    weekly.write_text(WEEKLY_SUMMARY, encoding="utf-8")
    out = tmp_path / "summary.xlsx"
    assert main(["summary", str(weekly), str(template), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    rows = list(book["Summary"].iter_rows(values_only=True))
    header = rows[0]
    notes = {r[header.index("month")]: r[header.index("fee_note")] for r in rows[1:]}
    assert notes["2025-01"].startswith("fees of upwork not in the files")
    assert notes["2025-02"].startswith("fees of upwork not in the files")
    assert all(not v for m, v in notes.items() if m not in ("2025-01", "2025-02"))
    fees = list(book["Fees"].iter_rows(values_only=True))
    fee_header = fees[0]
    upwork = [r for r in fees[1:] if r[fee_header.index("platform")] == "upwork"]
    # the template's Upwork row (fee 100 of 1,000) is in; the Weekly Summary's 75 are not
    assert [r[fee_header.index("gross")] for r in upwork] == [1000.0]
    notes_text = " ".join(str(c.value) for c in book["Notes"]["B"] if c.value)
    assert "Upwork Weekly Summary" in notes_text


def test_the_streams_sheet_shows_no_fee_rate_for_a_file_without_fees(tmp_path):
    """A Weekly Summary alone: freelance income with no fee known, so the Streams sheet's fee
    rate is blank, not 0.0%."""
    weekly = tmp_path / "weekly.csv"
    weekly.write_text(WEEKLY_SUMMARY, encoding="utf-8")
    out = tmp_path / "summary.xlsx"
    assert main(["summary", str(weekly), "--out", str(out)]) == 0
    rows = list(openpyxl.load_workbook(out)["Streams"].iter_rows(values_only=True))
    header = rows[0]
    assert [r[header.index("fee_rate")] for r in rows[1:]] == [None]


def test_a_file_whose_every_row_is_rejected_fails(tmp_path, capsys):
    # two rows, both dated 2024-02-30 and 2024-13-01: no day like that, nothing to sum up
    path = tmp_path / "broken.csv"
    path.write_text(
        "date,platform,kind,gross,fee,net,currency\n"
        "2024-02-30,fiverr,earning,10.00,2.00,8.00,USD\n"
        "2024-13-01,fiverr,earning,20.00,4.00,16.00,USD\n",
        encoding="utf-8",
    )
    assert main(["summary", str(path)]) == 1
    err = capsys.readouterr().err
    assert "row 2 rejected" in err and "row 3 rejected" in err
    assert "No row could be imported: all 2 were rejected (the reasons are above)" in err


NAIRA = (
    "date,platform,kind,gross,fee,net,currency\n"
    "2025-03-03,upwork,earning,100,10,90,USD\n"
    "2025-03-05,upwork,earning,580000,0,580000,NGN\n"
    "2025-03-20,upwork,transfer,-90,0,-90,USD\n"
)


def test_a_rate_stated_with_rate_counts_a_currency_without_an_ecb_rate(tmp_path, capsys):
    path = tmp_path / "naira.csv"
    path.write_text(NAIRA, encoding="utf-8")
    # without a rate, no ECB rate for NGN: a plain error, no 1:1 sum
    assert main(["summary", str(path), "--base-currency", "USD"]) == 1
    assert "NGN" in capsys.readouterr().err
    # 1 USD = 1,450 NGN: 580,000 / 1,450 = 400.00 USD; with the 90.00 net of the dollar row,
    # 490.00 net in March
    args = ["summary", str(path), "--base-currency", "USD", "--rate", "1 USD = 1,450 NGN"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "Amounts in USD, converted from NGN at the ECB reference rate of each transaction's day "
        "and the rates given with --rate"
    )
    march = next(line for line in lines if line.startswith("2025-03")).split()
    assert "490.00" in march and "500.00" in march  # net 490.00 of gross 500.00
    # the workbook's Transactions sheet keeps the naira amount and the rate stated
    out = tmp_path / "s.xlsx"
    assert main([*args, "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["Transactions"]
    header = [c.value for c in sheet[1]]
    naira = next(
        r
        for r in sheet.iter_rows(min_row=2, values_only=True)
        if r[header.index("original_currency")] == "NGN"
    )
    assert naira[header.index("gross")] == pytest.approx(400.0)
    assert naira[header.index("original_gross")] == 580000
    assert naira[header.index("fx_note")] == "your rate: 1 USD = 1,450 NGN"


def test_a_rate_that_cannot_be_used_is_a_plain_error(tmp_path, capsys):
    path = tmp_path / "naira.csv"
    path.write_text(NAIRA, encoding="utf-8")
    assert main(["summary", str(path), "--base-currency", "USD", "--rate", "1 USD = 0.9 EUR"]) == 1
    assert "the ECB publishes a rate between USD and EUR" in capsys.readouterr().err
    assert main(["summary", str(path), "--rate", "1 USD = 1450 NGN"]) == 1
    assert "add it too" in capsys.readouterr().err
    # the naira row of 5 Mar is before the first rate stated: said in the rates' words
    late = [
        "summary",
        str(path),
        "--base-currency",
        "USD",
        "--rate",
        "1 USD = 1450 NGN from 2025-04-01",
    ]
    assert main(late) == 1
    assert (
        "1 row(s) in NGN not converted to USD (the first rate you stated for NGN is from "
        "2025-04-01; state one for earlier days). Give a --rate that covers them"
    ) in capsys.readouterr().err
