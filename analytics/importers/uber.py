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
time kept, offset and zone name dropped). Without that column every row is rejected: GigLens
cannot place a payment in a month. The report has no currency column: USD is assumed unless a
`Currency` column is present, and a warning says so.
"""

from __future__ import annotations

import pandas as pd

from analytics.importers._common import folded, iso_currency
from analytics.loader import ImportContext, Layout

EARNINGS = "paid to you:your earnings"
SERVICE_FEE = "paid to you:your earnings:service fee"
TAXES = "paid to you:your earnings:taxes"
TRANSFERRED = "paid to you:trip balance:payouts:transferred to bank account"
PAID_TO_YOU = "paid to you"
TRIP_BALANCE_REFUNDS = ("paid to you:trip balance:refunds", "paid to you:trip balance:expenses")
DATE_COLUMN = "vs reporting"


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


def _timestamps(ctx: ImportContext, cols: _Columns) -> pd.Series:
    """Local date-time from `vs reporting`; rejects every row if the column is missing."""
    if cols.name(DATE_COLUMN) is None:
        ctx.reject(
            ctx.pending,
            "this payments_order report has no 'vs reporting' column, so the payment has no "
            "date; download the report again with that column included",
        )
        ctx.warn(
            "The Uber report has no 'vs reporting' timestamp column; GigLens needs it to date "
            "each payment. Download the payments_order report again with all columns."
        )
        return pd.Series(pd.NaT, index=ctx.frame.index, dtype="datetime64[ns]")
    text = cols.text(DATE_COLUMN).str.replace(
        r"^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:\s*[+-]\d{2}:?\d{2})?"
        r"(?:\s+[A-Za-z]{2,5})?$",
        r"\1",
        regex=True,
    )
    return ctx.dates(
        text,
        formats=["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        label="vs reporting",
    )


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
    currency_col = cols.name("currency") or cols.name("currency code")
    if currency_col:
        currency = iso_currency(ctx.text(currency_col), default="USD")
    else:
        currency = "USD"
        ctx.warn(
            "Uber payments_order reports have no currency column; GigLens assumed USD. If your "
            "fleet is paid in another currency, the amounts are in that currency instead."
        )

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
        )
        for spelling in spellings
    ]


LAYOUTS = _layouts()
