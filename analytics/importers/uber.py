"""Uber fleet / supplier-portal `payments_order` report (one row per money movement).

See ../shared/reference/export-formats.md §6.2. Column names are a flattened tree whose separator
is inconsistent even within one header (`Paid to you : Your earnings` next to
`Paid to you:Your earnings:Service fee`), and the case varies between organisations; columns are
matched after splitting on `:` and stripping each part.

Money model (E = `Paid to you : Your earnings`, S = `...Your earnings : Service fee` (negative),
T = `...Your earnings : Taxes` (negative; or the sum of its leaves), all parts of E):
- trip / business order rows -> earning (`adjustment` for adjust orders) with
  `gross = E - S - T` (what the rider paid for the driver's work, tips included),
  `fee = -S` (Uber's service fee), so `net = E - T`; plus, where T != 0, a `tax` row with
  `gross = T`. Together the rows add up to E exactly.
- payout rows (`so.payout`, no Trip UUID) -> transfer of `Transferred To Bank Account` (else
  `Paid to you`): the week's money leaving Uber for the bank, never income.
- `Cash collected` is part of the fare already inside E, so it is not a separate income; rows with
  nothing in E (cash-only or trip-balance-only rows) are skipped. Toll refunds and expenses in
  `Trip balance` reimburse costs and are not counted as income (a warning gives their total).

The date comes from the `vs reporting` timestamp (`2023-01-01 16:50:10.475 -0600 CST`; local
time kept, offset and zone name dropped). Reports in other languages name that column
otherwise (Romanian `față de raportare`, Spanish `vs_informes`), and some downloads lack it:
the date column is the one of that name, else the one column (not an amount) whose cells are
mostly date-times. The period in the file name (`20260824-20260830-payments_order-...`) is
never used: a renamed file must import the same. A report with no date-time column at all has
every row rejected with a reason: GigLens cannot place a payment in a month.

Currency: a `Currency` / `Currency code` column, else the symbol or code written in the amount
cells (`AED 45.20`, `€12.00`) or in an amount column's name (`Paid to you (AED)`). A report
with none of these (the usual case) is read as US dollars, and a warning says so plainly and
how to import it in another currency (a `Currency` column).
"""

from __future__ import annotations

import re

import pandas as pd

from analytics import parsing
from analytics.importers._common import currency_from_header, folded, iso_currency
from analytics.loader import ImportContext, Layout

EARNINGS = "paid to you:your earnings"
SERVICE_FEE = "paid to you:your earnings:service fee"
TAXES = "paid to you:your earnings:taxes"
TRANSFERRED = "paid to you:trip balance:payouts:transferred to bank account"
PAID_TO_YOU = "paid to you"
TRIP_BALANCE_REFUNDS = ("paid to you:trip balance:refunds", "paid to you:trip balance:expenses")
DATE_COLUMN = "vs reporting"
# The timestamp column's name in the languages the reference knows (tree keys, see tree_key).
DATE_COLUMNS = (DATE_COLUMN, "vs_reporting", "vs_informes", "vs informes", "față de raportare")
# A cell that is a date-time: `2026-08-24 16:50:10.475 -0600 CST`, `2026-08-24T16:50:10Z`.
# The zone after the offset is a name (`CST`) or, where a zone has none, the offset again
# (`+04`, as Go writes the time of Dubai).
ZONE = r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?(?:\s+(?:[A-Za-z]{2,5}|[+-]\d{2}(?::?\d{2})?))?"
TIMESTAMP = r"\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?" + ZONE
# Rows read to find the date column by its cells.
SAMPLE_ROWS = 1000


def tree_key(name: str) -> str:
    """`Paid to you : Your earnings:Fare` -> `paid to you:your earnings:fare`."""
    return ":".join(" ".join(part.split()).casefold() for part in str(name).split(":"))


class _Columns:
    """The report's columns looked up by tree key."""

    def __init__(self, ctx: ImportContext):
        self.ctx = ctx
        self.by_key = {}
        for col in ctx.frame.columns:
            self.by_key.setdefault(tree_key(col), col)

    def name(self, key: str) -> str | None:
        return self.by_key.get(key)

    def amount(self, key: str) -> pd.Series:
        """Parsed money column (NaN if absent); unreadable cells reject their rows."""
        col = self.name(key)
        if col is None:
            return pd.Series(float("nan"), index=self.ctx.frame.index, dtype="float64")
        return self.ctx.amount(col)

    def children_sum(self, key: str) -> pd.Series:
        """The parent column if present, else the sum of its direct leaves (NaN if none)."""
        if self.name(key) is not None:
            return self.amount(key)
        depth = key.count(":") + 1
        leaves = [k for k in self.by_key if k.startswith(key + ":") and k.count(":") == depth]
        if not leaves:
            return pd.Series(float("nan"), index=self.ctx.frame.index, dtype="float64")
        return sum(self.amount(k).fillna(0.0) for k in leaves)

    def text(self, key: str) -> pd.Series:
        col = self.name(key)
        if col is None:
            return pd.Series("", index=self.ctx.frame.index, dtype="object")
        return self.ctx.text(col)


def _date_columns(ctx: ImportContext, cols: _Columns) -> list[str]:
    """The report's timestamp column: by its name, else every column that is not an amount or
    an id and whose filled cells (of the first SAMPLE_ROWS rows) are mostly date-times."""
    for key in DATE_COLUMNS:
        if cols.name(key) is not None:
            return [cols.name(key)]
    found = []
    for col in ctx.frame.columns:
        key = tree_key(col)
        if key.startswith("paid to") or "uuid" in key or key == "description":
            continue
        cells = ctx.frame[col].iloc[:SAMPLE_ROWS]
        if pd.api.types.is_datetime64_any_dtype(cells):  # a spreadsheet's date cells
            found.append(col)
            continue
        cells = cells.astype("string").fillna("").str.strip()
        filled = cells[cells != ""]
        # most of its cells: a few broken ones are rejected by the date parsing, with reasons
        if len(filled) and filled.str.fullmatch(TIMESTAMP).fillna(False).mean() > 0.5:
            found.append(col)
    return found


def _timestamps(ctx: ImportContext, cols: _Columns) -> pd.Series:
    """Local date-time from the timestamp column; every row is rejected when there is none."""
    found = _date_columns(ctx, cols)
    period = re.search(r"(\d{8})-(\d{8})-payments_order", ctx.source or "")
    if not found and period:
        # Uber names the report after its period (`20260824-20260830-payments_order-<org>.csv`);
        # without a date per row, the period's last day is the best date there is
        end = pd.to_datetime(period.group(2), format="%Y%m%d", errors="coerce")
        start = pd.to_datetime(period.group(1), format="%Y%m%d", errors="coerce")
        if pd.notna(end) and pd.notna(start) and start <= end:
            across = (
                f" The period spans {start:%B} and {end:%B %Y}: payments of {start:%B} count "
                f"in {end:%B}. Download the report for each month separately to keep them "
                "apart."
                if start.to_period("M") != end.to_period("M")
                else ""
            )
            ctx.warn(
                "This Uber payments_order report has no date for each payment, so every "
                f"payment is dated {end:%-d %b %Y}, the last day of the period in the file's "
                f"name ({start:%-d %b %Y} to {end:%-d %b %Y}). Keep the name Uber gave the "
                "file." + across
            )
            return pd.Series(end, index=ctx.frame.index, dtype="datetime64[ns]")
    if len(found) != 1:
        several = f" ({', '.join(found)})" if found else ""
        reason = (
            f"this payments_order report has several date columns{several}, and GigLens cannot "
            "tell which one dates the payment"
            if found
            else "this payments_order report has no date column (such as 'vs reporting') and "
            "its file name does not give its period (Uber names it like "
            "20260824-20260830-payments_order-<fleet>.csv), so the payment cannot be placed in "
            "a month"
        )
        ctx.reject(ctx.pending, reason)
        ctx.warn(
            "None of this Uber payments_order report's payments could be dated, so none were "
            "imported: "
            + (
                f"it has several date columns{several}. Keep only the one Uber calls "
                "'vs reporting' in a spreadsheet, save it as CSV and import it again."
                if found
                else "it has no date or time column (Uber calls it 'vs reporting'). Download "
                "the payments_order report again from the Reports page of supplier.uber.com "
                "and import it as downloaded. If it still has no such column, add a column "
                "named 'vs reporting' holding each payment's date (such as 2026-08-24) in a "
                "spreadsheet, save it as CSV and import it again."
            )
        )
        return pd.Series(pd.NaT, index=ctx.frame.index, dtype="datetime64[ns]")
    (column,) = found
    if tree_key(column) not in DATE_COLUMNS:
        ctx.warn(f"The payments were dated from the column '{column}', which holds their times.")
    if pd.api.types.is_datetime64_any_dtype(ctx.frame[column]):
        return ctx.date(column, label=column)
    text = ctx.text(column).str.replace(
        r"^(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?" + ZONE + "$",
        r"\1",
        regex=True,
    )
    return ctx.dates(
        text,
        formats=["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"],
        label=column,
    )


def _currency(ctx: ImportContext, cols: _Columns, money: list[str]) -> pd.Series | str:
    """The currency per row (see the module docstring); USD, with a warning, when the report
    says none anywhere."""
    currency_col = cols.name("currency") or cols.name("currency code")
    if currency_col:
        return iso_currency(ctx.text(currency_col), default="USD")
    found = pd.Series("", index=ctx.frame.index, dtype="object")
    for col in money:  # `AED 45.20`, `€12.00`: each distinct cell read once
        if (found == "").any():
            found = found.mask(found == "", parsing.currency_from_symbols(ctx.text(col)))
    named = {currency_from_header(col, default="") for col in money} - {""}
    if len(named) == 1:
        found = found.mask(found == "", named.pop())
    if (found != "").any():
        # a row without a symbol of its own is in the currency the others show, if only one
        shown = set(found[found != ""].unique())
        if len(shown) == 1:
            found = found.mask(found == "", shown.pop())
        return found.mask(found == "", "USD")
    ctx.assumed_currency = "USD"
    ctx.warn(
        "This Uber report does not say which currency its amounts are in (Uber's payments_order "
        "reports have no currency column), so GigLens takes US dollars (USD) unless you choose "
        "their currency in the import report (on the home page; the command line: add a "
        "column named 'Currency' holding your currency's three-letter code, such as AED, on "
        "every row)."
    )
    return "USD"


def parse_payments_order(ctx: ImportContext) -> None:
    cols = _Columns(ctx)
    description = cols.text("description")
    trip = cols.text("trip uuid")
    ctx.decide_decimal_comma(*[c for c in ctx.frame.columns if tree_key(c).startswith("paid to")])
    earnings = cols.amount(EARNINGS)
    transferred = cols.amount(TRANSFERRED)
    paid = cols.amount(PAID_TO_YOU)

    is_payout = folded(description).str.contains("payout") | (
        (trip == "") & transferred.fillna(0).ne(0)
    )
    payout_amount = transferred.where(transferred.notna() & transferred.ne(0), paid)
    ctx.skip(is_payout & payout_amount.fillna(0).eq(0), "payout row with no amount")
    no_earnings = ~is_payout & earnings.fillna(0).eq(0)
    ctx.skip(
        no_earnings,
        "no 'Your earnings' on this row (cash collected or trip balance only): not income",
    )

    service_fee = cols.amount(SERVICE_FEE).fillna(0.0)
    taxes = cols.children_sum(TAXES).fillna(0.0)
    date = _timestamps(ctx, cols)

    reimbursed = sum(cols.children_sum(k).fillna(0.0) for k in TRIP_BALANCE_REFUNDS)
    reimbursed_total = round(float(reimbursed.loc[ctx.pending].sum()), 2)
    if reimbursed_total:
        ctx.warn(
            f"Toll refunds and expenses of {reimbursed_total:.2f} in 'Trip balance' reimburse "
            "costs you paid; they are not counted as income."
        )
    money = [c for c in ctx.frame.columns if tree_key(c).startswith("paid to")]
    currency = _currency(ctx, cols, money)

    surname_key = "driver surname" if cols.name("driver surname") else "driver last name"
    surname = cols.text(surname_key)
    driver = (cols.text("driver first name") + " " + surname).str.strip()
    text = description.where(driver == "", description + " — " + driver)
    common = dict(date=date, currency=currency, reference=cols.text("transaction uuid"))

    ctx.emit(is_payout, kind="transfer", gross=payout_amount, description=text, **common)
    trips = ~is_payout
    kind = folded(description).str.contains("adjust").map({True: "adjustment", False: "earning"})
    ctx.emit(
        trips,
        kind=kind,
        gross=earnings - service_fee - taxes,
        fee=-service_fee,
        client="Uber",
        description=text,
        **common,
    )
    ctx.emit(
        trips & taxes.ne(0),
        kind="tax",
        gross=taxes,
        fee=0.0,
        client="Uber",
        description="Taxes withheld: " + text,
        **common,
    )
    drivers = cols.text("driver uuid").loc[ctx.pending]
    if drivers[drivers != ""].nunique() > 1:
        ctx.warn(
            f"This fleet report holds {drivers[drivers != ''].nunique()} drivers; all of their "
            "payments were imported."
        )


def _layouts() -> list[Layout]:
    spellings = (
        "Paid to you : Your earnings",
        "Paid to you:Your earnings",
        "Paid to you: Your earnings",
        "Paid to you :Your earnings",
    )
    return [
        Layout(
            platform="uber",
            name="Uber fleet payments_order report",
            required=("transaction UUID", "Trip UUID", "Description", spelling),
            parse=parse_payments_order,
            unique_id=("transaction UUID",),
        )
        for spelling in spellings
    ]


LAYOUTS = _layouts()
