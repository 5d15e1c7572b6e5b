"""The home page's pieces: the column-mapping form, the import report, file removal and the
summary of what was imported. `app.py` lays them out."""

from __future__ import annotations

import re
from contextlib import contextmanager

import numpy as np
import pandas as pd
import streamlit as st

from analytics.charts import label_for
from analytics.export import to_csv_bytes
from analytics.importers.generic import NEGATIVES_ARE_EXPENSES, TEMPLATE_COLUMNS
from analytics.metrics import currencies_in, distinct_text
from analytics.schema import PLATFORM_NAMES, STREAMS, client_key, client_keys, stream_for
from giglens_ui import page as gp
from giglens_ui import state
from giglens_ui.filters import income_platforms, time_only
from giglens_ui.imports import FileImport, parse
from giglens_ui.mapping import (
    CURRENCY_CODES,
    currency_in_names,
    currency_in_values,
    guess_mapping,
    looks_like_a_bank_account,
    platform_in_file_name,
    sample_rows,
)
from giglens_ui.page import money

BIG_FILE = 2_000_000  # bytes; bigger files get a progress bar while they are read
PAGES = [
    ("pages/1_Overview.py", "Overview", ":material/dashboard:"),
    ("pages/2_Volatility.py", "Volatility", ":material/show_chart:"),
    ("pages/3_Fees.py", "Fees", ":material/payments:"),
    ("pages/4_Hourly_rates.py", "Hourly rates", ":material/schedule:"),
    ("pages/5_Micro_vs_freelance.py", "Micro vs freelance", ":material/balance:"),
    ("pages/6_Tax_reserve.py", "Tax reserve", ":material/receipt_long:"),
    ("pages/7_Monthly_summary.py", "Monthly summary", ":material/calendar_month:"),
]
FIELD_LABELS = {
    "date": "Date *",
    "gross": "Amount received (gross)",
    "gross_out": "Money going out (a separate column, e.g. Debit)",
    "fee": "Fee the platform kept",
    "net": "Net amount (after fees)",
    "client": "Client / customer",
    "description": "Description",
    "hours": "Hours worked",
    "currency": "Currency",
    "platform": "Platform",
    "kind": "Type of transaction",
    "status": "Status or paid? (cancelled, refunded, failed, pending, unpaid rows are left out)",
}
FIELD_HELP = {
    "hours": "Hours as a number (1.5) or a duration (1:30). A column whose name says it counts "
    "minutes, such as Time (min), is read as minutes.",
    "gross": "The column of amounts: every amount, with a minus for money going out, or only "
    "the money coming in when the file has a second column for money going out.",
    "gross_out": "Only for files that write money going out in its own column (Debit, Money "
    "Out, Withdrawals). Its amounts count as money going out whatever their sign; leave "
    "(none) when one column holds every amount.",
    "kind": "A column saying what each row is (sale, refund, fee, withdrawal...). A bank's "
    "payment method (card payment, direct debit, faster payment) is not one: leave (none), and "
    "the description decides.",
}
NONE = "(none)"
LARGE_COLUMN = 400  # pixels of st.dataframe's "large" column width
MAX_REASON_WIDTH = 720  # a longer reason is cut; the whole text shows on hover


# Where each platform's export is (the menus as the platforms name them; see
# ../shared/reference/export-formats.md): the first-run question "which file do I upload?".
WHERE_TO_DOWNLOAD = """
- **Upwork**: Reports → Transaction history → Download CSV (a year at a time is fine;
  overlapping downloads count once). Reports → Weekly Summary adds the hours of hourly work.
- **PayPal**: Activity → Download (Reports → Activity download), as CSV, or a monthly
  Statement as CSV.
- **Stripe**: Balance → Transactions → Export, or Reports → Balance change from activity
  (or Payouts) → Download.
- **Etsy**: Shop Manager → Finances → Monthly statements: one CSV per month (upload them all).
- **Gumroad**: the sales export (CSV) and, for payouts, the payout CSV.
- **Amazon MTurk**: no CSV. While signed in, open `worker.mturk.com/dashboard?format=json`
  (and the daily `status_details` pages) and save each page (Ctrl+S or ⌘S); or keep a CSV
  of date, requester, title, reward and status.
- **Payoneer, Toptal, Cash App**: their transactions download (CSV, or Toptal's Excel file).
- **Uber (fleet or supplier portal)**: Reports → the payments_order report.
- **Driving and delivery apps as a driver (Uber, Lyft, DoorDash, Instacart)**: they give
  statements, not a standard CSV. Upload any table of your pay (a download of your earnings,
  or one you keep) and choose which column is which (remembered for the next file), or fill in
  the GigLens template; a tip on a row of its own goes with the hours of its work.
- **Prolific, Clickworker**: nothing to download: their payouts are in your PayPal (or
  Payoneer) download, and GigLens books them under their own name.
- **Toggl Track, Clockify**: a detailed time report as CSV, for your hours.
- **Fiverr and anything else**: fill in the GigLens template (Download it above), or upload
  any table and choose which column is which.

Upload the files as they come: no need to open or edit them first.
"""


# How to fill in the template, for someone who never saw a canonical table (the home page)
TEMPLATE_HELP = """
One row per movement of money, under the header row (delete the example rows first; a total
row at the bottom is skipped, not needed).

| Column | What to write |
|---|---|
| `date` | the day: 2026-03-11 is safest; 03/11/2026 works when the whole column is written that way |
| `platform` | `fiverr`, or any platform's name |
| `kind` | `earning` (a payment, or a tip on a row of its own) · `refund` (money given back) · `fee` (a charge on a row of its own) · `transfer` (a withdrawal to your PayPal or bank) · `tax` (tax withheld) · `time` (hours only) |
| `gross` | what the client paid; a refund or a withdrawal as a **negative** amount (−194.00); a fee of its own: 0 |
| `fee` | what the platform kept, as a **positive** amount (Fiverr's 20%: 30.00 on 150.00) |
| `net` | gross − fee (may be left empty) |
| `currency` | USD, EUR, GBP… |
| `hours` | hours the work took (optional: for your hourly rate) |
| `client`, `description`, `reference` | optional; the order number as reference lets the same order in two files count once |

A tip: its own `earning` row with the order's reference. A cancelled order: leave it out, or
write `cancelled` as its kind (skipped); money taken back after it was paid is a `refund`.
Amounts may carry a $ or € sign and a thousands separator; GigLens warns when a fee, a
refund or a withdrawal has the other sign, and reads it the usual way.
"""


def in_rows(items: list, per_row: int):
    """(column, item) for items laid out `per_row` to a row, one row of columns after another,
    so that reading and Tab order go along each row (not down each column)."""
    for start in range(0, len(items), per_row):
        yield from zip(st.columns(per_row), items[start : start + per_row], strict=False)


def template_csv() -> bytes:
    """The GigLens template for platforms without an importable export (Fiverr, ...)."""
    path = state.SAMPLE_DIR / "giglens_template.csv"
    if path.exists():
        return path.read_bytes()
    example = "2025-01-15,fiverr,earning,100.00,20.00,80.00,USD,4,Jane Client,Logo design,FO1\n"
    return (",".join(TEMPLATE_COLUMNS) + "\n" + example).encode("utf-8")


def mapping_form(item: FileImport, usual_currency: str = "") -> None:
    """Ask which column holds what, for a file whose layout GigLens does not know. Without a
    currency in its columns or amounts, the typed currency starts at `usual_currency` (that of
    every other file imported), said beside it."""
    columns = list(item.unknown_columns or [])
    source = state.sources().get(item.key)
    samples = sample_rows(source.data, source.name, columns) if source else None
    previous = state.mapping_to_change(columns) or {}
    # choosing again starts from the columns, currency and platform chosen before
    guesses = (
        {f: c for f, c in previous.items() if f in FIELD_LABELS and c in columns}
        if previous
        else guess_mapping(columns, samples)
    )
    typed_currency = previous.get("currency", "") if "currency" not in guesses else ""
    typed_platform = previous.get("platform", "") if "platform" not in guesses else ""
    # a first mapping: the platform the file's name names, to be confirmed (a Clickworker
    # payout list named so is counted once beside its payouts into PayPal)
    named = "" if previous or "platform" in guesses else platform_in_file_name(item.name)
    typed_platform = typed_platform or named
    st.markdown(
        f"**{item.name}**: GigLens does not know this layout. Tell it which column holds what "
        "(a date and an amount are needed). The mapping is remembered for files with the same "
        "columns."
    )
    if samples is not None and len(samples):
        st.caption("The first rows of the file, to see what each column holds:")
        st.dataframe(samples.head(5), hide_index=True, width="stretch")
    with st.form(f"giglens.map.{item.key}"):
        chosen: dict[str, str] = {}
        for col, field in in_rows(list(FIELD_LABELS), 3):
            options = [NONE, *columns]
            guess = guesses.get(field, NONE)
            chosen[field] = col.selectbox(
                FIELD_LABELS[field],
                options,
                index=options.index(guess),
                key=f"giglens.map.{item.key}.{field}",
                help=FIELD_HELP.get(field),
            )
        c1, c2 = st.columns(2)
        in_file = (
            ""
            if "currency" in guesses
            else (
                typed_currency
                or currency_in_names(columns)
                or currency_in_values(samples, guesses.get("gross") or guesses.get("net"))
                or ""
            )
        )
        assumed = usual_currency if "currency" not in guesses and not in_file else ""
        currency_code = c1.text_input(
            "…or one currency for every row (e.g. USD)",
            value=in_file or assumed,
            key=f"giglens.map.{item.key}.currency_code",
            max_chars=3,
            help=f"The file names no currency: {assumed} is that of your other files. Change "
            "it if this file's amounts are in another currency."
            if assumed
            else None,
        )
        if assumed:
            c1.caption(
                f"The file names no currency: {assumed}, that of your other files. Change it "
                "if this file's amounts are in another currency."
            )
        platform_name = c2.text_input(
            "…or one platform name for every row (e.g. fiverr)",
            value=typed_platform,
            key=f"giglens.map.{item.key}.platform_name",
        )
        if named:
            c2.caption(
                f"From the file's name: {PLATFORM_NAMES.get(named, named)}. Change it if the "
                "file is from another platform: with it, GigLens counts that platform's "
                "payouts into PayPal or your bank once."
            )
        negatives = st.radio(
            "Money going out (negative amounts) is",
            ["refunds to clients", "my own spending: leave it out"],
            index=1
            if previous.get("negatives") == NEGATIVES_ARE_EXPENSES
            or (not previous and looks_like_a_bank_account(columns))
            else 0,
            horizontal=True,
            key=f"giglens.map.{item.key}.negatives",
            help="A bank or card account also holds rent, shopping...: that is not income.",
        )
        submitted = st.form_submit_button("Import with this mapping", type="primary")
    if not submitted:
        return
    mapping = {f: c for f, c in chosen.items() if c != NONE}
    if currency_code.strip() and "currency" not in mapping:
        code = currency_code.strip().upper()
        if code not in CURRENCY_CODES:
            st.error(
                f"'{code}' is not a currency code GigLens knows: type the three-letter ISO "
                "code of the amounts' currency, such as USD, EUR or GBP."
            )
            return
        mapping["currency"] = code
    if platform_name.strip() and "platform" not in mapping:
        mapping["platform"] = platform_name.strip()
    if negatives.startswith("my own spending"):
        mapping["negatives"] = NEGATIVES_ARE_EXPENSES
    if "date" not in mapping or not ({"gross", "net"} & set(mapping)):
        st.error(
            "Choose at least the date column and an amount column (gross or net)"
            + (": the column of money going out goes beside it." if "gross_out" in mapping else ".")
        )
        return
    if "gross_out" in mapping and mapping["gross_out"] in (
        mapping.get("gross"),
        mapping.get("net"),
    ):
        st.error(
            f"'{mapping['gross_out']}' is chosen both as an amount and as money going out: "
            "choose the column of money going out only when the file has a second amount "
            "column for it (e.g. Credit and Debit)."
        )
        return
    if "currency" not in mapping:
        st.error("Choose the currency column, or type the currency code of every row.")
        return
    # one column for two fields is a slip, except an amount chosen as both gross and net (no
    # fee: the same money)
    fields = [f for f in chosen if chosen[f] != NONE]
    for column in dict.fromkeys(chosen[f] for f in fields):
        uses = [f for f in fields if chosen[f] == column]
        if len(uses) > 1 and set(uses) != {"gross", "net"}:
            named = [FIELD_LABELS[f].split(" (")[0].rstrip(" *") for f in uses]
            st.error(
                f"'{column}' is chosen for {' and '.join(named)}: a column holds one thing. "
                "Choose another column for one of them, or none."
            )
            return
    trial = parse(source.data, source.name, mapping, key=source.key) if source else None
    if trial is None or not trial.ok:
        st.error(trial.error if trial else "The file is no longer loaded; upload it again.")
        return
    result = trial.result
    if result.rows_read and not len(result.transactions):
        # nothing read: the columns chosen do not hold what they were chosen for; not kept
        why = result.rejected["reason"].iloc[0] if len(result.rejected) else ""
        st.error(
            f"None of the {result.rows_read} rows could be read with these columns"
            + (f" (row {result.rejected['row'].iloc[0]}: {why})" if why else "")
            + ". Check that the date and amount columns hold dates and amounts, and choose "
            "again."
        )
        return
    state.remember_mapping(columns, mapping)
    st.rerun()


def size_text(n_bytes: int) -> str:
    """1536 -> "1.5 KB", 4_800_000 -> "4.8 MB"."""
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    return f"{n_bytes / 1000:.1f} KB"


def remove_button(item: FileImport, where=st, place: str = "", label: str = "Remove") -> None:
    """A button (in `where`) that forgets the file; `place` keeps the widget keys unique. Beside
    the "Remove an imported file" chooser it says "Remove"; in a file's own panel, `label` says
    which file ("Remove this file")."""
    key = f"giglens.remove.{place}{item.key}"
    if where.button(label, key=key, help=f"Forget {item.name}"):
        state.remove_source(item.key)
        st.rerun()


def can_map(item: FileImport) -> bool:
    """A column mapping needs a table: at least a date and an amount column."""
    return item.unknown_columns is not None and len(item.unknown_columns) >= 2


def needs_attention(item: FileImport, usual_currency: str = "") -> None:
    """A file that was not imported: the mapping form for an unknown layout (its currency
    starting at `usual_currency`, that of the other files, when it names none), else the
    error."""
    with st.container(border=True):
        head, remove = st.columns([4, 1], vertical_alignment="center")
        if can_map(item):
            head.markdown(f":material/help: **{item.name}** · layout not recognised")
        else:
            head.markdown(f":material/error: **{item.name}** · could not be imported")
        remove_button(item, remove, label="Remove this file")
        if can_map(item):
            if item.mapping:
                st.error(item.error)
            mapping_form(item, usual_currency)
        elif item.unknown_columns is not None:
            st.error(
                f"{item.name} is not a table GigLens can read: it needs one row per payment, "
                "with at least a date column and an amount column. Upload the CSV or Excel "
                "export exactly as the platform gave it."
            )
        else:
            st.error(item.error)


def dates_text(item: FileImport) -> str:
    """The first and last day of a file's transactions: "3 Jan 2025 – 28 Feb 2025"."""
    dates = item.result.transactions["date"].dropna() if item.result is not None else None
    if dates is None or dates.empty:
        return "no transactions"
    first, last = (f"{d.day} {d:%b %Y}" for d in (dates.min(), dates.max()))
    return first if first == last else f"{first} – {last}"


def in_report_order(items: list[FileImport]) -> list[FileImport]:
    """Files in natural order of their names (etsy_statement_2024_6 before
    etsy_statement_2024_10); files with the same name by their first transaction."""

    def first_day(it: FileImport) -> pd.Timestamp:
        dates = it.result.transactions["date"].dropna() if it.result is not None else None
        return pd.Timestamp.max if dates is None or dates.empty else dates.min()

    return sorted(items, key=lambda it: (_natural_key(it.name), first_day(it)))


def told_apart(items: list[FileImport]) -> dict[str, str]:
    """Per file (by key), what tells it apart from the other files of the same name (PayPal
    names every activity download `Download.CSV`): its first and last transaction dates, and
    "file 2", "file 3"... when those are the same too; "" for a file whose name is its own."""
    ordered = in_report_order(items)
    names = pd.Series([it.name for it in ordered])
    shared = set(names[names.duplicated(keep=False)])
    extra: dict[str, str] = {}
    seen: dict[tuple[str, str], int] = {}
    for it in ordered:
        if it.name not in shared:
            extra[it.key] = ""
            continue
        when = dates_text(it)
        seen[(it.name, when)] = seen.get((it.name, when), 0) + 1
        n = seen[(it.name, when)]
        extra[it.key] = when if n == 1 else f"{when}, file {n}"
    return extra


def file_label(item: FileImport, extra: dict[str, str]) -> str:
    """The file's name, with its dates when another file has the same name."""
    told = extra.get(item.key, "")
    return f"{item.name} ({told})" if told else item.name


def report_table(items: list[FileImport]) -> pd.DataFrame:
    """One row per imported file: what was read and what happened to each row."""
    # The counts first, so a long file name cannot push them out of view; files in natural
    # order (etsy_statement_2024_6 before etsy_statement_2024_10).
    extra = told_apart(items)
    items = in_report_order(items)
    return pd.DataFrame(
        {
            "File": [file_label(it, extra) for it in items],
            # Rows, each counted once: new, already imported (duplicate), skipped or rejected.
            "Imported": [int(it.result.rows_imported) - it.duplicate_rows for it in items],
            "Duplicates": [int(it.duplicate_rows) for it in items],
            "Skipped": [len(it.result.skipped) for it in items],
            "Rejected": [len(it.result.rejected) for it in items],
            "Platform": [it.platform_name for it in items],
            "Layout": [it.result.layout or "" for it in items],
        }
    )


def _natural_key(name: str) -> list:
    """`etsy_statement_2024_6.csv` sorts before `etsy_statement_2024_10.csv`."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def mapped_note(item: FileImport, label: str | None = None) -> None:
    """Say that a file was read with the columns chosen for its header (perhaps for another
    file, and with its currency and platform), and offer to choose them again."""
    mapping = item.mapping or {}
    chosen = [
        f"{FIELD_LABELS[field].split(' (')[0].rstrip(' *').lower()}: {value}"
        for field, value in mapping.items()
        if field in FIELD_LABELS
    ]
    if mapping.get("negatives") == NEGATIVES_ARE_EXPENSES:
        chosen.append("money going out left out as your own spending")
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    name = label or item.name
    c1.info(
        f"**{name}** was read with the columns you chose for files with these columns "
        f"({'; '.join(chosen)}).",
        icon=":material/table_view:",
    )
    if c2.button("Choose its columns again", key=f"giglens.remap.{item.key}"):
        state.forget_mapping(item.mapped_columns)
        st.rerun()


ROWS_ORDER = ("row", "reason", "raw")  # the reason before the long raw text: seen on a phone


def rows_table(rows: pd.DataFrame) -> None:
    """The rejected or skipped rows of a file (columns row, raw, reason): the row number, then
    why, then the row as the file wrote it. The reason gets the room to be read whole ("unknown
    PayPal transaction type 'Your best supplier'; nothing was imported" was cut to "nothi…")."""
    order = [c for c in ROWS_ORDER if c in rows.columns]
    order += [c for c in rows.columns if c not in order]
    reasons = rows["reason"] if "reason" in rows.columns else []
    st.dataframe(
        rows[order],
        hide_index=True,
        width="stretch",
        column_config={
            "row": st.column_config.Column(width="small"),
            # "large" at least; wider for a longer reason (the table scrolls sideways to raw)
            "reason": st.column_config.Column(
                width=max(LARGE_COLUMN, gp.text_width(reasons, "reason", most=MAX_REASON_WIDTH))
            ),
            "raw": st.column_config.Column(width="large"),
        },
    )


# Currencies offered first for files that name none (Uber's fleets: the Gulf, Europe, the UK).
COMMON_CURRENCIES = ["USD", "GBP", "EUR", "AED", "SAR", "AUD", "CAD", "INR", "ZAR", "NGN", "KES"]


def currency_choices(imported: list[FileImport]) -> None:
    """For each layout whose files name no currency (an Uber payments_order report), a choice
    of the currency their amounts are in, kept for later files and visits."""
    layouts: dict[str, list[FileImport]] = {}
    for item in imported:
        if item.result.assumed_currency:
            layouts.setdefault(item.result.layout, []).append(item)
    for layout, files in layouts.items():
        assumed = files[0].result.assumed_currency
        options = list(dict.fromkeys([*COMMON_CURRENCIES, *sorted(CURRENCY_CODES)]))
        chosen = state.layout_currencies().get(layout)
        key = f"giglens.w.layout_currency.{layout}"
        # empty until chosen, so that choosing the currency assumed counts as an answer too
        st.session_state[key] = chosen if chosen in options else None
        st.selectbox(
            f"Your {layout}s ({len(files)} file{'s' if len(files) != 1 else ''}) do not say "
            "which currency their amounts are in: they are in",
            options,
            index=None,
            placeholder=f"{assumed} (assumed: choose)",
            key=key,
            on_change=_layout_currency_changed,
            args=(layout, key),
            help=f"GigLens takes {assumed} until you choose: a fleet in the UK pays in GBP, in "
            "the Emirates in AED. Your choice is kept for later files of this kind.",
        )


def _layout_currency_changed(layout: str, key: str) -> None:
    state.choose_layout_currency(layout, st.session_state[key])


def shared_warnings(items: list[FileImport], labels: dict[str, str]) -> dict[str, list[str]]:
    """The warnings said of two files or more, word for word (nine Uber reports without a
    currency): warning -> the labels of its files, in the report's order."""
    files: dict[str, list[str]] = {}
    for item in items:
        for warning in dict.fromkeys(item.result.warnings):
            files.setdefault(warning, []).append(labels.get(item.key, item.name))
    return {w: names for w, names in files.items() if len(names) > 1}


# Warnings about a file's rows of one kind: said only while some of those rows count (a Gumroad
# sales export's refunds, all replaced by the payout CSVs' with their own dates and fees)
WARNINGS_OF_A_KIND = {"Refunds in a Gumroad sales export": "refund"}


def own_warnings(item: FileImport, shared: dict[str, list[str]]) -> list[str]:
    """The file's warnings not said once for several files (`shared_warnings`), less those
    about rows of a kind none of which counts any more (`WARNINGS_OF_A_KIND`)."""
    kinds = set(distinct_text(item.transactions["kind"])) if len(item.transactions) else set()
    return [
        w
        for w in item.result.warnings
        if w not in shared
        and not any(w.startswith(s) and k not in kinds for s, k in WARNINGS_OF_A_KIND.items())
    ]


def later_copies(items: list[FileImport]) -> dict[str, tuple[FileImport, int]]:
    """Files with rejected rows whose every transaction another file of the same platform holds
    too, with more besides (a corrected copy, or the complete download of a file cut off):
    key -> (that file, how many more transactions it holds). Removing the earlier file loses
    nothing and takes its rejected rows out of the report."""
    found: dict[str, tuple[FileImport, int]] = {}
    for item in items:
        if not len(item.result.rejected) or not len(item.result.transactions):
            continue
        ids = item.result.transactions["txn_id"]
        for other in items:
            theirs = other.result.transactions
            if (
                other is item
                or other.result.platform != item.result.platform
                or len(theirs) <= len(ids)
            ):
                continue
            if ids.isin(theirs["txn_id"]).all():
                found[item.key] = (other, int(len(theirs) - len(ids)))
                break
    return found


def details(
    item: FileImport,
    label: str | None = None,
    shared: dict | None = None,
    later: tuple[FileImport, int] | None = None,
) -> None:
    """An expander for a file with rejected or skipped rows or warnings (those `shared` with
    other files are said once above the files instead)."""
    result = item.result
    warnings = own_warnings(item, shared or {})
    parts = []
    if len(result.rejected):
        parts.append(f"{len(result.rejected):,} rejected")
    if len(result.skipped):
        parts.append(f"{len(result.skipped):,} skipped")
    if warnings:
        parts.append(f"{len(warnings)} warning" + ("s" if len(warnings) > 1 else ""))
    if not result.rows_read:
        parts.append("no rows")
    if item.duplicate_rows:
        parts.append(f"{item.duplicate_rows:,} already imported")
    icon = ":material/warning:" if len(result.rejected) or warnings else ":material/info:"
    with st.expander(f"{label or item.name}: {', '.join(parts)}", icon=icon):
        if warnings and 0 < result.rows_imported <= item.duplicate_rows:
            st.caption(
                "Every row this file gave was already imported from another file: nothing in "
                "it changes your figures, and what these warnings count (fees, rows) is counted "
                "once, from that file."
            )
        if later is not None:
            newer, more = later
            st.info(
                f"{newer.name} holds every transaction this file gave and {more:,} more: this "
                "file looks like an earlier copy of it (before a correction, or a download cut "
                "off). Remove this file: nothing is lost, and its rejected rows leave the report.",
                icon=":material/difference:",
            )
        for warning in warnings:
            st.warning(warning)
        if result.rows_read == 0:
            st.info(
                "This statement has its column names but no rows: nothing was sold and nothing "
                "charged in its month."
                if "monthly statement" in result.layout.casefold()
                else "This file has its column names but no rows: nothing happened in the "
                "period it covers. Download it again for a wider date range."
            )
        if len(result.rejected):
            st.markdown(f"**Rejected rows ({len(result.rejected)})**: GigLens could not read them.")
            rows_table(result.rejected)
            st.download_button(
                "Download the rejected rows (CSV)",
                to_csv_bytes(result.rejected),  # formula-like cells neutralised, BOM for Excel
                file_name=f"{item.name}.rejected.csv",
                mime="text/csv",
                key=f"giglens.rejected.{item.key}",
                on_click="ignore",
            )
        if len(result.skipped):
            st.markdown(
                f"**Skipped rows ({len(result.skipped)})**: rows left out on purpose, each "
                "with its reason: pending or memo lines, totals, and money that is not income "
                "(purchases, holds)."
            )
            rows_table(result.skipped)
            st.download_button(
                "Download the skipped rows (CSV)",
                to_csv_bytes(result.skipped),
                file_name=f"{item.name}.skipped.csv",
                mime="text/csv",
                key=f"giglens.skipped.{item.key}",
                on_click="ignore",
            )
        if item.duplicate_rows and item.left_out is not None:
            shown = item.left_out.head(SHOWN_DUPLICATES)
            st.markdown(
                f"**Already imported ({item.duplicate_rows:,})**: rows another file holds too, "
                "counted once, from the file named."
                + (
                    f" The first {SHOWN_DUPLICATES:,}; the workbook's *Rows left out* sheet "
                    "(Monthly summary) lists them all."
                    if item.duplicate_rows > SHOWN_DUPLICATES
                    else ""
                )
            )
            rows_table(gp.duplicates_left_out(item.name, shown)[["row", "reason", "raw"]])
        remove_button(item, label="Remove this file")


def earlier_files_label(items: list[FileImport]) -> str:
    """The switch for the details of files kept from earlier visits: "Show the 12 files from
    earlier visits with rows left out or warnings (3 rejected, 40 skipped)"."""
    rejected = sum(len(it.result.rejected) for it in items)
    skipped = sum(len(it.result.skipped) for it in items)
    counts = [f"{rejected:,} rejected"] if rejected else []
    counts += [f"{skipped:,} skipped"] if skipped else []
    files = "the file" if len(items) == 1 else f"the {len(items)} files"
    return f"Show {files} from earlier visits with rows left out or warnings" + (
        f" ({', '.join(counts)})" if counts else ""
    )


MANY_AGAIN = 3  # more files added again than this: said in one note
NAMED_AGAIN = 10  # the files uploaded again named in the report's caption, at most
SHOWN_DUPLICATES = 1000  # a table of a million rows would take the page's time: the first


def same_content_note(name: str, original: str, item: FileImport | None) -> str:
    """What to say of an upload whose bytes repeat a file already loaded (`original`): it is
    read once, and if that file could not be imported yet, the note says so instead of calling
    it imported."""
    same = (
        f"**{name}** is already here"
        if name == original
        else f"**{name}** has exactly the same content as **{original}**"
    )
    if item is not None and item.unknown_columns is not None:
        return (
            f"{same}, which still needs its columns chosen (below): it is kept once, so "
            "nothing will be counted twice."
        )
    if item is not None and not item.ok:
        return f"{same}, which could not be read (below): uploading it again gives the same result."
    if name == original:
        return f"**{name}** was already imported: it was read once, so nothing is counted twice."
    return f"{same}: it was read once, so nothing is counted twice."


def import_report(items: list[FileImport], notes: list[str] = ()) -> None:
    """The summary table of imported files, details where rows were left out, the files that
    need the user (unknown layout, unreadable) and `notes` on money seen in two files."""
    st.header("Import report", divider="gray")
    problems = [it for it in items if not it.ok]
    imported = [it for it in items if it.ok]
    by_key = {it.key: it for it in items}
    again = state.same_content_files(once=True)
    # the same files dropped again (a whole folder): one note for them all, not one each
    plain = [
        name
        for name, original, key in again
        if name == original and (it := by_key.get(key)) is not None and it.ok
    ]
    if len(plain) > MANY_AGAIN:
        names = ", ".join(f"**{n}**" for n in plain[:MANY_AGAIN])
        st.info(
            f"{len(plain):,} files you added were already imported ({names} and "
            f"{len(plain) - MANY_AGAIN:,} more): each was read once, so nothing is counted twice.",
            icon=":material/content_copy:",
        )
    for name, original, key in again:
        if len(plain) > MANY_AGAIN and name in plain and name == original:
            continue
        st.info(same_content_note(name, original, by_key.get(key)), icon=":material/content_copy:")
    # the one currency of the files imported: the likeliest of a file whose amounts name none
    currencies = {c for it in imported for c in distinct_text(it.transactions["currency"]) if c}
    usual_currency = currencies.pop() if len(currencies) == 1 else ""
    for item in problems:
        needs_attention(item, usual_currency)
    if not imported:
        return
    table = report_table(imported)
    gp.table(
        table,
        # narrow counts, and the file and platform sized to their names, leave the layout's
        # name room to be read whole at a laptop's width ("PayPal activity download" was cut
        # off by a "medium" file and platform)
        column_config={
            **{
                name: st.column_config.Column(width="small")
                for name in ("Imported", "Duplicates", "Skipped", "Rejected")
            },
            # files of one name carry their dates ("Download.CSV (5 Jan – 28 Jan 2025)"):
            # room for them to be read
            "File": st.column_config.Column(
                width=gp.text_width(table["File"], "File", most=LARGE_COLUMN)
            ),
            "Platform": st.column_config.Column(width=gp.text_width(table["Platform"], "Platform")),
            "Layout": st.column_config.Column(width=gp.text_width(table["Layout"], "Layout")),
        },
    )
    kept = [it.transactions for it in imported]
    time_entries = sum(int((t["kind"] == "time").sum()) for t in kept)
    money_rows = sum(len(t) for t in kept) - time_entries
    rows = int(table["Imported"].sum())
    made = f"{money_rows:,} transactions" + (
        f" and {time_entries:,} time-tracker entries" if time_entries else ""
    )
    giving = (
        ""
        if money_rows + time_entries == rows
        else f" (giving {made}: a row can give two, such as a payment and its fee)"
    )
    skipped, rejected = int(table["Skipped"].sum()), int(table["Rejected"].sum())
    st.caption(
        f"{len(imported)} file(s) read: {rows:,} rows imported{giving}, "
        f"{table['Duplicates'].sum():,} duplicates (already imported from another file, left "
        f"out), {skipped:,} skipped on purpose"
        + (" (not income; reasons below)" if skipped else "")
        + f", {rejected:,} rejected"
        + (" (unreadable; reasons below)." if rejected else ".")
    )
    if again := [(n, o) for n, o, key in state.same_content_files(every=True) if key in by_key]:
        st.caption(
            "Uploaded again and read once (the same content as a file above, so not in the "
            "table): "
            + "; ".join(
                f"{name} (as {original})" if name != original else f"{name} (again)"
                for name, original in again[:NAMED_AGAIN]
            )
            + (f"; and {len(again) - NAMED_AGAIN:,} more" if len(again) > NAMED_AGAIN else "")
            + "."
        )
    for note in notes:
        st.info(note, icon=":material/sync_alt:")
    currency_choices(imported)
    extra = told_apart(imported)  # files of the same name told apart by their dates
    labels = {item.key: file_label(item, extra) for item in imported}
    shared = shared_warnings(imported, labels)
    for warning, names in shared.items():  # said once, not in each file's panel
        short = warning if len(warning) <= 70 else warning[:70].rsplit(" ", 1)[0] + "…"
        with st.expander(f"{len(names)} files: {short}", icon=":material/warning:"):
            st.warning(warning)
            st.caption("Said of " + ", ".join(names) + ".")
    copies = later_copies(imported)
    with_details = [
        item
        for item in imported
        if len(item.result.rejected)
        or len(item.result.skipped)
        or own_warnings(item, shared)
        or not item.result.rows_read
        or item.duplicate_rows
    ]
    # A monthly visitor adds a month's files to a year of kept ones: this visit's come first,
    # the earlier visits' (seen then) wait behind one switch instead of a long list above them.
    kept_before = state.earlier_keys()
    added_now = any(it.key not in kept_before for it in imported)
    # an earlier file that a new one holds entirely (a copy to remove) is said with the new
    old = (
        [it for it in with_details if it.key in kept_before and it.key not in copies]
        if added_now
        else []
    )
    for item in with_details:
        if item not in old:
            details(item, labels[item.key], shared, copies.get(item.key))
    if old and st.toggle(earlier_files_label(old), key="giglens.show_earlier_details"):
        for item in old:
            details(item, labels[item.key], shared, copies.get(item.key))
    for item in imported:
        if item.mapped_columns:
            mapped_note(item, file_label(item, extra))
    by_name: dict[str, FileImport] = {}  # every file its own entry, in the table's order
    for it in in_report_order(imported):
        option = f"{it.name} ({', '.join(p for p in (it.platform_name, extra[it.key]) if p)})"
        while option in by_name:  # never one entry for two files
            option += " (another file)"
        by_name[option] = it
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    chosen = c1.selectbox(
        "Remove an imported file",
        list(by_name),
        index=None,  # nothing chosen until the user picks a file
        placeholder="Choose a file to remove",
        key="giglens.remove.choice",
    )
    if chosen is not None:
        remove_button(by_name[chosen], c2, place="chosen.")


def period_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Short enough for a metric: "Jun '24 – Nov '25", or "Mar 2025" for a single month."""
    if first.to_period("M") == last.to_period("M"):
        return f"{first:%b %Y}"
    return f"{first:%b '%y} – {last:%b '%y}"


def overview(data: pd.DataFrame) -> None:
    """A short summary of everything imported, with links to the pages."""
    st.header("Your data", divider="gray")
    first, last = data["date"].min(), data["date"].max()
    platforms = income_platforms(data)
    trackers = sorted(time_only(data, "platform"))
    currencies = sorted(c for c in distinct_text(data["currency"]) if c)
    time_entries = int((data["kind"] == "time").sum())
    m = st.columns([1, 1, 2])
    m[0].metric(
        "Transactions",
        f"{len(data) - time_entries:,}",
        help="Money movements: payments, fees, refunds, withdrawals. A file row can give two "
        "(a payment and its fee)"
        + (
            f"; the {time_entries:,} time-tracker entries are not counted." if time_entries else "."
        ),
    )
    tracker_note = (
        " Plus the time tracker(s) " + ", ".join(label_for(t) for t in trackers) + " (hours only)."
        if trackers
        else ""
    )
    m[1].metric(
        "Platforms",
        len(platforms),
        help="Platforms with income: "
        + ", ".join(label_for(p) for p in platforms)
        + "."
        + tracker_note,
    )
    m[2].metric("Period", period_text(first, last), help=f"{first:%d %b %Y} to {last:%d %b %Y}")
    if trackers:
        st.caption(
            "Hours from "
            + ", ".join(label_for(t) for t in trackers)
            + " are matched to your income for the hourly rates."
        )
    income = data[data["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    if len(currencies) == 1:
        st.caption(f"Net income in the files: {money(float(income['net'].sum()), currencies[0])}")
    elif currencies:  # amounts in two currencies do not add: each in its own
        net = income["net"].groupby(income["currency"].astype(str)).sum()
        st.caption(
            "Net income in the files, in their own currencies: "
            # a currency only moved in (a conversion, a withdrawal) is no income
            + " · ".join(money(float(net[c]), c) for c in currencies if c in net.index)
            + " (the pages show them in one currency, converted at the rates of each day)."
        )
    stream_editor(platforms, income)
    personal_editor()
    ended_editor()
    st.markdown("**Explore**")
    for col, (path, label, icon) in in_rows(PAGES, 4):
        col.page_link(path, label=label, icon=icon)


CLIENT_WIDGET = "giglens.client_stream.client"
CLIENT_STREAM_WIDGET = "giglens.client_stream.stream"


def stream_editor(platforms: list[str], income: pd.DataFrame | None = None) -> None:
    """Choose the stream (micro jobs, freelance, sales, other) of each income platform: e.g. a
    platform typed in a column mapping starts in "other"; and of a client whose work is of
    another kind than the rest of its platform's (a shop buying prints through PayPal: sales).
    Remembered for later sessions."""
    chosen = state.stream_choices()
    by_client = state.client_stream_choices()
    title = "Which kind of work is each platform?"
    if by_client:
        title += f" ({len(by_client)} client{'s' if len(by_client) != 1 else ''} moved)"
    with st.expander(title, icon=":material/category:"):
        st.caption(
            "Streams group your platforms on every page (Micro vs freelance compares them). "
            "Change one if a platform is in the wrong group."
        )
        for col, platform in in_rows(platforms, 3):
            default = stream_for(platform)
            current = chosen.get(platform, default)
            key = f"giglens.stream.{platform}"
            st.session_state[key] = current
            col.selectbox(
                label_for(platform),
                list(STREAMS),
                key=key,
                format_func=label_for,
                on_change=_stream_changed,
                args=(platform, key, default),
            )
        if income is not None:
            _client_stream_editor(income, by_client)


CLIENT_CHOICES = 1000  # the clients offered, those who paid most (a shop of 300,000 buyers)


@st.cache_data(show_spinner=False, max_entries=8)
def client_totals(key: str, _income: pd.DataFrame) -> pd.DataFrame:
    """The clients of `_income` (income rows) as one client each whatever the case or spaces
    of its name (`client_key`, as a stream choice matches it), the CLIENT_CHOICES who paid
    most: index the key; `name` as most often written, `platforms` (display names joined),
    `net`. Worked on the names' categories, not row by row. `key`: the data's content key."""
    columns = ["name", "platforms", "net"]
    names = _income["client"].astype("category")
    codes = names.cat.codes.to_numpy()
    valid = codes >= 0
    if not valid.any():
        return pd.DataFrame(columns=columns)
    categories = pd.Series(names.cat.categories, dtype=object).astype(str)
    keys = client_keys(categories).to_numpy()
    n = len(categories)
    rows = np.bincount(codes[valid], minlength=n)
    net = np.bincount(
        codes[valid], weights=_income["net"].fillna(0.0).to_numpy(float)[valid], minlength=n
    )
    per_name = pd.DataFrame({"key": keys, "name": categories.str.strip(), "rows": rows, "net": net})
    per_name = per_name[(per_name["key"] != "") & (per_name["rows"] > 0)]
    if per_name.empty:
        return pd.DataFrame(columns=columns)
    totals = per_name.groupby("key")["net"].sum().sort_values(ascending=False)
    top = totals.index[:CLIENT_CHOICES]
    spelled = (
        per_name[per_name["key"].isin(top)]
        .sort_values("rows", kind="stable")
        .groupby("key")["name"]
        .last()
    )
    # the platforms of the top clients, from the codes of the rows (ints, not their text)
    platform = _income["platform"].astype("category")
    in_top = pd.Index(keys).isin(top)[codes] & valid
    pairs = pd.DataFrame(
        {"code": codes[in_top], "platform": platform.cat.codes.to_numpy()[in_top]}
    ).drop_duplicates()
    pairs["key"] = keys[pairs["code"].to_numpy()]
    pairs["platform"] = platform.cat.categories.astype(str).to_numpy()[pairs["platform"]]
    platforms = pairs.groupby("key")["platform"].agg(
        lambda p: ", ".join(label_for(x) for x in sorted(set(p)))
    )
    return pd.DataFrame(
        {"name": spelled.reindex(top), "platforms": platforms.reindex(top), "net": totals[top]}
    )


def _client_stream_editor(income: pd.DataFrame, by_client: dict[str, str]) -> None:
    """Move one client to another stream than its platform's, and list the clients moved, each
    with a button to put it back."""
    totals = client_totals(state.data_signature(), income)
    if totals.empty and not by_client:
        return
    st.markdown("**A client of another kind than its platform**")
    moved = {client_key(c) for c in by_client}
    totals = totals[~totals.index.isin(moved)]
    cur = currencies_in(income)
    labels = {
        row.name: f"{row.name} ({row.platforms}"
        + (f", {money(float(row.net), cur[0])} net" if len(cur) == 1 else "")
        + ")"
        for row in totals.itertuples(index=False)
    }
    c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
    client = c1.selectbox(
        "Client",
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder="Choose a client (type to search)",
        key=CLIENT_WIDGET,
        help="Its payments on every platform go to the group you choose, whatever the "
        "platform's group (a shop buying your prints through PayPal: sales). A name written "
        "in other capitals or with spaces around it is the same client."
        + (
            f" The {CLIENT_CHOICES:,} clients who paid you most are listed."
            if len(totals) >= CLIENT_CHOICES
            else ""
        ),
    )
    stream = c2.selectbox("Group", list(STREAMS), format_func=label_for, key=CLIENT_STREAM_WIDGET)
    c3.button(
        "Move",
        on_click=_move_client,
        disabled=client is None,
        key="giglens.client_stream.move",
        args=(client, stream),
    )
    for n, (name, group) in enumerate(sorted(by_client.items())):
        a, b = st.columns([5, 1], vertical_alignment="center")
        a.caption(f"{name}: {label_for(group)} on every platform")
        b.button(
            "Put back",
            key=f"giglens.client_stream.back.{n}",
            on_click=state.choose_client_stream,
            args=(name, None),
            help=f"{name} back in its platform's group",
        )


def _move_client(client: str | None, stream: str) -> None:
    if client is not None:
        state.choose_client_stream(client, stream)
        st.session_state.pop(CLIENT_WIDGET, None)


PERSONAL_WIDGET = "giglens.w.personal_payers"


def personal_editor() -> None:
    """Choose the people whose payments into PayPal, Payoneer or Cash App are not income (a
    friend paying back a concert ticket): counted as personal money, not income, on every
    page. Remembered for later sessions."""
    payers = state.combined().payers
    chosen = set(state.personal_payers())
    if payers is None or payers.empty:
        return
    labels = {
        row.key: f"{row.name} ({', '.join(label_for(a) for a in row.accounts)}: "
        f"{row.payments} payment{'s' if row.payments != 1 else ''}, {row.gross})"
        for row in payers.itertuples()
    }
    st.session_state[PERSONAL_WIDGET] = [k for k in labels if k in chosen]
    marked = len(st.session_state[PERSONAL_WIDGET])
    if not marked:  # said where a first-time user sees it, not only inside the expander
        names = list(payers["name"].astype(str))
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        st.caption(
            f"{len(names)} {'person' if len(names) == 1 else 'people'} paid you into a payment "
            f"account ({shown}): each counts as a client, their payments as income. If one was "
            "a friend paying you back, choose them under “Money from people that is not "
            "income” below."
        )
    with st.expander(
        "Money from people that is not income" + (f" ({marked} chosen)" if marked else ""),
        icon=":material/group:",
    ):
        st.caption(
            "Everyone who paid you into a payment account counts as a client. A friend paying "
            "you back (a shared bill, a ticket) is not income: choose them here, and their "
            "payments are left out of your income and tax on every page."
        )
        st.multiselect(
            "Payments from these people are not income",
            list(labels),
            format_func=labels.get,
            key=PERSONAL_WIDGET,
            on_change=_personal_changed,
            placeholder="Choose people",
        )


ENDED_WIDGET = "giglens.w.ended_platforms"


def ended_editor() -> None:
    """The platforms where the user said their work ended (a page's "My work on Upwork ended
    then"), to take that back: the pages then warn again that their files end early."""
    ended = state.ended_platforms()
    if not ended:
        return
    st.session_state[ENDED_WIDGET] = sorted(ended)
    with st.expander(
        f"Platforms where your work ended ({len(ended)})", icon=":material/event_busy:"
    ):
        st.caption(
            "Their files end before your others, and you said the work there ended then, so "
            "the pages do not ask for newer files. Take one out if you did earn there later."
        )
        st.multiselect(
            "Work ended on",
            sorted(ended),
            format_func=lambda p: (
                f"{label_for(p)} (files end on {pd.Timestamp(ended[p]):%-d %b %Y})"
            ),
            key=ENDED_WIDGET,
            on_change=_ended_changed,
        )


def _ended_changed() -> None:
    for platform in set(state.ended_platforms()) - set(st.session_state[ENDED_WIDGET]):
        state.mark_ended(platform, None)


def _personal_changed() -> None:
    # payers chosen once and no longer in the files stay chosen (their files may come back)
    payers = state.combined().payers
    listed = set(payers["key"]) if payers is not None else set()
    kept = [p for p in state.personal_payers() if p not in listed]
    state.choose_personal_payers(kept + list(st.session_state[PERSONAL_WIDGET]))


def _stream_changed(platform: str, key: str, default: str) -> None:
    value = st.session_state[key]
    state.choose_stream(platform, None if value == default else value)


def read_sources() -> state.Combined:
    """Import every uploaded file, with a progress bar when there is a lot to read."""
    pending = list(state.sources().values())
    big = sum(len(s.data) for s in pending) > BIG_FILE
    bar = st.progress(0.0, text="Reading files…") if big else None

    @contextmanager
    def reading(i, n, source):
        """Progress over the files, and a spinner with the name of a large one."""
        text = f"Reading {source.name} ({size_text(len(source.data))}, file {i + 1} of {n})…"
        if bar is not None:
            bar.progress(i / max(n, 1), text=text)
        if len(source.data) > BIG_FILE // 4:
            with st.spinner(text, show_time=True):
                yield
        else:
            yield

    @contextmanager
    def combining(n):
        """The files read, while they are put together (duplicates, own-account transfers)."""
        if bar is None:
            yield
            return
        what = f"Putting the {n:,} files together" if n > 1 else "Checking the file's rows"
        bar.progress(1.0, text=f"{what} (duplicates, transfers)…")
        yield

    combined = state.combined(reading=reading, combining=combining)
    if bar is not None:
        bar.empty()
    return combined
