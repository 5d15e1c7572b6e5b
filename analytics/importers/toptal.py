"""Toptal Payments (the legacy Toptal wallet and card): CSV and XLSX transaction exports.

See ../shared/reference/export-formats.md §9. CSV: `Id,Description,Amount,Transaction date`; the
later XLSX adds `Fee` and `Total`. Dates are `MM-DD-YYYY HH:mm:ss`; amounts in USD.

The only real rows known are `Transfer to Card` (+3,100.00) and `Transfer from Card`
(-945.12): money moved between the Toptal Payments wallet and the user's own Toptal card. They
are transfers and never income (the amount is kept with the sign the file gives it). Payments
from Toptal for invoices/timesheets are earnings; fee rows are fees; refunds are refunds.
A description GigLens does not know is rejected with the text shown rather than guessed.

In the XLSX layout `fee = |Fee|` (the file's sign convention for Fee is not documented) and
`Total` must equal `Amount - fee`; a row where it does not is rejected as edited or cut off.
"""

from __future__ import annotations

import pandas as pd

from analytics.importers._common import TRANSFER_BACK
from analytics.loader import ImportContext, Layout
from analytics.parsing import on_uniques

DATE_FORMATS = [
    "%m-%d-%Y %H:%M:%S",
    "%m-%d-%Y %H:%M",
    "%m-%d-%Y",
    "%m/%d/%Y %H:%M:%S",
    # dates typed into Excel as real dates reach the importer as ISO text
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
]

# First match wins.
_RULES = (
    (r"\bfees?\b|commission", "fee"),
    (TRANSFER_BACK, "transfer"),  # a reversed transfer to the card is the user's own money
    (r"refund|reversal|chargeback", "refund"),
    (r"transfer|withdraw|payout|to card|from card|to bank|deposit to|\bload", "transfer"),
    (r"payment|invoice|timesheet|earning|bonus|salary|\bpaid\b", "earning"),
)


def classify(description: pd.Series) -> pd.Series:
    """Kind per row from Description (see module docstring); `` when unknown."""

    def by_rules(distinct: pd.Series) -> pd.Series:
        lowered = distinct.fillna("").astype(str).str.casefold()
        kind = pd.Series("", index=distinct.index, dtype="object")
        for pattern, value in _RULES:
            kind = kind.mask((kind == "") & lowered.str.contains(pattern, regex=True), value)
        return kind

    return on_uniques(description, by_rules)  # each distinct description classified once


def parse_payments(ctx: ImportContext) -> None:
    """CSV (no fee) and XLSX (Amount, Fee, Total) Toptal Payments exports."""
    description = ctx.text("Description")
    kind = classify(description)
    ctx.reject(
        kind == "",
        "unknown Toptal transaction '{}': GigLens cannot tell whether it is income or a transfer",
        description,
    )
    date = ctx.date("Transaction date", formats=DATE_FORMATS)
    ctx.decide_decimal_comma("Amount", "Fee", "Total")
    amount = ctx.amount("Amount")
    fee = ctx.amount("Fee").abs().fillna(0.0)
    total = ctx.amount("Total")
    common = dict(
        date=date,
        currency="USD",
        description=description,
        reference=ctx.text("Id"),
        net=total,
    )
    ctx.emit(kind == "earning", kind="earning", gross=amount, fee=fee, client="Toptal", **common)
    ctx.emit(kind == "refund", kind="refund", gross=amount, fee=fee, client="Toptal", **common)
    # A fee row: the charged amount is the fee (plus any Fee cell), nothing earned.
    ctx.emit(kind == "fee", kind="fee", gross=0.0, fee=fee - amount, client="Toptal", **common)
    # A transfer with a fee: the transfer keeps the amount moved; the fee is its own fee row so
    # transfers stay out of income while the fee still counts as a cost.
    transfers = kind == "transfer"
    ctx.emit(transfers, kind="transfer", gross=amount, fee=0.0, **{**common, "net": None})
    charged = transfers & (fee != 0)
    ctx.emit(
        charged,
        kind="fee",
        gross=0.0,
        fee=fee,
        client="Toptal",
        **{**common, "net": None, "description": description + " (fee)"},
    )
    # Transfers were emitted without `net`, so their Total is checked here.
    ctx.check_total(
        total.where(transfers),
        amount - fee,
        total_label="Total",
        expected_label="Amount minus Fee",
    )


LAYOUTS = [
    Layout(
        platform="toptal",
        name="Toptal Payments (Excel: Amount, Fee, Total)",
        required=("Id", "Description", "Amount", "Fee", "Total", "Transaction date"),
        parse=parse_payments,
        unique_id=("Id",),
    ),
    Layout(
        platform="toptal",
        name="Toptal Payments (CSV)",
        required=("Id", "Description", "Amount", "Transaction date"),
        parse=parse_payments,
        unique_id=("Id",),
    ),
]
