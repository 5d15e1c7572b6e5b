"""Command line: `python -m analytics summary FILE [FILE ...] [--base-currency USD] [--out F]`.

Prints the monthly summary of one or more platform exports as a table, under a line naming the
currency of its amounts, or writes it to an Excel (.xlsx, with fee, hourly-rate, stream and
transaction sheets) or CSV file, never over one of the exports. Problems are reported
in one plain line on stderr with a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

EXIT_BAD_INPUT = 1
EXIT_UNEXPECTED = 2


class CliError(Exception):
    """A problem to report to the user in one line."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics",
        description="GigLens: income, fees and hourly rates from gig-platform exports.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help="monthly summary of one or more export files")
    summary.add_argument("files", nargs="+", metavar="FILE", help="platform export files")
    summary.add_argument(
        "--base-currency",
        metavar="CODE",
        help="convert every amount to this currency (ECB rate of each transaction's date)",
    )
    summary.add_argument(
        "--rate",
        action="append",
        default=[],
        metavar="RATE",
        help='with --base-currency, a rate for a currency the ECB publishes none for, as "1 USD '
        '= 1550 NGN" or "1 USD = 1550 NGN from 2025-06-01" (repeat for each period)',
    )
    summary.add_argument(
        "--out", metavar="PATH", help="write to PATH (.xlsx or .csv), not one of the FILEs"
    )
    summary.add_argument(
        "--csv-style",
        choices=("comma", "semicolon"),
        default="comma",
        help="a .csv --out for a spreadsheet in English (comma: 1234.50, fields split by "
        "commas; the default) or in German, French... (semicolon: 1234,50, split by semicolons)",
    )
    return parser


def _same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name one file: the same resolved path (./x.csv, a symlink), or,
    when both exist, the same file on disk (a hard link, another spelling of the name)."""
    try:
        if a.resolve() == b.resolve():
            return True
        return os.path.samefile(a, b)
    except (OSError, RuntimeError):  # one does not exist (yet), or a symlink loop: not the other
        return False


def check_out_is_not_an_input(out: str, paths: list[str]) -> None:
    """Refuse an --out file that is one of the exports: writing it would replace the export."""
    for name in paths:
        if _same_file(Path(out), Path(name)):
            raise CliError(
                f"{out} is one of the export files you gave, and writing the summary there "
                "would replace your export. Choose another file name after --out."
            )


def _template_path() -> str:
    """Where the GigLens template is, as short as it can be said from here."""
    template = Path(__file__).resolve().parent.parent / "sample_data" / "giglens_template.csv"
    try:
        return str(template.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(template)


def _is_json(path: Path) -> bool:
    from analytics import ImportFailed, reading

    try:
        return reading.sniff_kind(reading.read_source(path)) == "json"
    except ImportFailed:
        return False


def unknown_layout_message(name: str, columns: list[str]) -> str:
    """One line for a file whose layout GigLens does not recognise, with what can be done
    from the command line (load_export's own message speaks of the dashboard's upload form)."""
    from analytics.loader import closest_layout_hint, columns_text

    shown = columns_text(columns)
    template = _template_path()
    if _is_json(Path(name)):  # no columns to choose in a JSON file
        return (
            f"{name}: GigLens does not recognise this JSON file"
            + (f" (top-level keys: {shown})" if shown else "")
            + ". GigLens reads the MTurk worker dashboard and status-details JSON pages; for "
            "other platforms use their CSV or Excel export, or copy the rows into the GigLens "
            f"template, {template}."
        )
    hint = closest_layout_hint(columns)  # a near miss of a known layout, or what to download
    return (
        f"{name}: GigLens does not recognise the layout of this file (columns found: "
        f"{shown or 'none'}). {hint}To import {'this file as it is' if hint else 'it'}, open it "
        "in the GigLens dashboard (run make run in the GigLens folder) and choose which columns "
        "hold the date, the amount and the fee, or copy its rows into the GigLens template, "
        f"{template}."
    )


ROWS_LISTED = 50


def row_notes(name: str, result) -> list[str]:
    """Each rejected row with its reason (the first ROWS_LISTED), and the skipped rows counted
    by reason, for stderr: what the dashboard's import report shows."""
    rejected = result.rejected
    notes = [
        f"{name}: row {row} rejected: {reason}"
        for row, reason in zip(
            rejected["row"][:ROWS_LISTED], rejected["reason"][:ROWS_LISTED], strict=True
        )
    ]
    if len(rejected) > ROWS_LISTED:
        notes.append(f"{name}: ... and {len(rejected) - ROWS_LISTED} more rejected row(s)")
    for reason, count in result.skipped["reason"].value_counts(sort=False).items():
        notes.append(f"{name}: {count:,} row(s) skipped: {reason}")
    return notes


def load_files(paths: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """All files' transactions in one table, each transaction once (as the app combines
    them), and the notes for stderr."""
    from analytics import ImportFailed, UnknownFormat, load_export
    from analytics.combine import combine

    results, notes = [], []
    for name in paths:
        try:  # a missing file or a folder gets load_export's own plain message
            result = load_export(Path(name))
        except UnknownFormat as exc:
            raise CliError(unknown_layout_message(name, exc.columns)) from None
        except ImportFailed as exc:
            raise CliError(f"{name}: {exc}") from None
        results.append(result)
    combined = combine(results)  # first: it words some warnings by the other files
    for name, result in zip(paths, results, strict=True):
        notes.append(result.summary())
        notes.extend(row_notes(name, result))
        notes.extend(f"{name}: {w}" for w in result.warnings)
    for name, duplicates in zip(paths, combined.duplicates, strict=True):
        if duplicates:
            notes.append(
                f"{name}: {duplicates} transaction(s) already came from an earlier file "
                "(overlapping downloads) and are counted once"
            )
    notes.extend(combined.notes)
    from analytics.fees import FEELESS_LAYOUTS

    transactions = combined.transactions
    # files whose amounts are before a fee they do not show: the download says so on their rows
    transactions.attrs["fee_unknown_sources"] = {
        r.source for r in results if getattr(r, "layout", "") in FEELESS_LAYOUTS
    }
    transactions.attrs["rows_rejected"] = sum(len(r.rejected) for r in results)
    return transactions, notes


def _format_table(summary: pd.DataFrame) -> str:
    if summary.empty:
        return "No income in these files."
    return summary.to_string(float_format=lambda x: f"{x:,.2f}", na_rep="-")


def currency_line(summary: pd.DataFrame, transactions: pd.DataFrame, base: str | None) -> str:
    """The line above the printed table saying the amounts' currency ("" when it has none):
    "Amounts in USD", and with --base-currency which currencies were converted to it."""
    from analytics.metrics import currencies_in, income_only

    currency = summary.attrs.get("currency") or base or ""
    if summary.empty or not currency:
        return ""
    line = f"Amounts in {currency}"
    # the summary counts income rows only: the currencies they were in before the conversion
    income = income_only(transactions)
    if "original_currency" in income.columns:  # converted already, with rates stated (--rate)
        income = income.assign(currency=income["original_currency"])
    converted = [c for c in currencies_in(income) if c != currency]
    if base and converted:
        line += (
            f", converted from {', '.join(converted)} at the ECB reference rate of each "
            "transaction's day"
        )
        notes = income.get("fx_note", pd.Series(dtype=str)).astype(str)
        if notes.str.startswith("your rate").any():
            line += " and the rates given with --rate"
    return line


def run_summary(args) -> int:
    from analytics.currency import (
        not_converted,
        parse_stated_rates,
        rate_doubts,
        to_base_currency,
    )
    from analytics.export import to_csv_bytes, to_xlsx_bytes
    from analytics.fees import fee_summary, fee_types_by_month
    from analytics.hours import hourly_rates
    from analytics.metrics import compare_streams
    from analytics.summary import (
        fee_types_for_download,
        monthly_summary,
        summary_for_download,
        transactions_with_income_flag,
    )

    if args.out:  # before reading anything
        check_out_is_not_an_input(args.out, args.files)
    transactions, notes = load_files(args.files)
    for note in notes:
        print(note, file=sys.stderr)
    if transactions.empty and (rejected := transactions.attrs.get("rows_rejected")):
        # nothing to sum up is a failure, not an empty summary: the reasons are above
        raise CliError(
            f"No row could be imported: all {rejected} were rejected (the reasons are above). "
            "Correct the file, or download it again from the platform."
        )
    base = args.base_currency.upper() if args.base_currency else None
    if args.rate:
        stated, problems = parse_stated_rates("\n".join(args.rate))
        if problems:
            raise CliError(" ".join(problems))
        for doubt in rate_doubts(stated):  # converted as stated, but questioned
            print(f"warning: {doubt}", file=sys.stderr)
        if not base:
            raise CliError("--rate converts to the currency of --base-currency: add it too")
        # converted once here, with the rates stated; the summaries find it all in `base`
        transactions = to_base_currency(transactions, base, stated)
        if not_converted(transactions, base).any():  # why, in the rates' own words
            reasons = [m for m in transactions.attrs["fx_messages"] if "not converted" in m]
            raise CliError(
                "; ".join(reasons) + ". Give a --rate that covers them (one from an earlier "
                "day, if they are dated before your first)."
            )
    summary = monthly_summary(transactions, base_currency=base)
    if "problem" in summary.attrs:  # amounts in several currencies, or without an ECB rate
        hint = "" if base else " (use --base-currency, e.g. --base-currency USD)"
        raise CliError(f"{summary.attrs['problem']}{hint}")
    for message in summary.attrs.get("messages", []):
        print(message, file=sys.stderr)
    if not args.out:
        line = currency_line(summary, transactions, base)
        if line:
            print(line)
        print(_format_table(summary))
        return 0
    out = Path(args.out)
    suffix = out.suffix.lower()
    feeless = transactions.attrs.get("fee_unknown_sources", set())
    flat = summary_for_download(summary, transactions=transactions, fee_unknown_sources=feeless)
    # the workbook's Notes: the amounts' currency and conversion, then what the import said
    line = currency_line(summary, transactions, base)
    flat.attrs["messages"] = [
        *([line + "."] if line else []),
        *notes,
        *flat.attrs.get("messages", []),
    ]
    # a file without fees (an Upwork Weekly Summary) would read as a 0% fee rate
    with_fees = transactions[~transactions["source"].astype(str).isin(feeless).to_numpy()]
    if suffix == ".csv":
        data = to_csv_bytes(flat, args.csv_style)
    elif suffix == ".xlsx":
        sheets = {
            "Summary": flat,
            "Fees": fee_summary(with_fees, base_currency=base),
            "Hourly rates": hourly_rates(transactions, base_currency=base),
            "Streams": compare_streams(
                transactions, base_currency=base, fee_unknown_sources=tuple(sorted(feeless))
            ),
            # in the workbook's currency like the other sheets (with each row's original
            # amount and rate), and saying which rows are income, as the app's download does
            "Transactions": transactions_with_income_flag(
                to_base_currency(transactions, base)
                if base and "fx_rate" not in transactions.columns
                else transactions,
                feeless,
            ),
        }
        by_type = fee_types_for_download(fee_types_by_month(transactions, base_currency=base), flat)
        if by_type is not None:  # what the fees were for, month by month
            sheets["Fees by type"] = by_type
        data = to_xlsx_bytes(sheets, currency=base or summary.attrs.get("currency"))
    else:
        raise CliError(f"{out}: the output file must end in .xlsx or .csv")
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CliError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    print(f"wrote {out}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 bad input, 2 unexpected error)."""
    args = _parser().parse_args(argv)
    try:
        return run_summary(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as exc:  # plain-language messages from the analytics functions
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # never a traceback for the user
        print(f"error: unexpected problem ({type(exc).__name__}: {exc})", file=sys.stderr)
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
