"""Upwork: Weekly Summary export (hours per contract per day).

Transaction-history layouts (legacy 13-column, 2023-24 variant, 19- and 20-column) are added in
this module too; see ../shared/reference/export-formats.md §2.
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.loader import ImportContext, Layout


def _contract_client(contract: pd.Series) -> pd.Series:
    # "Bootstrap5 Expert (34848691)" -> "Bootstrap5 Expert": the contract title is the best
    # client label the Weekly Summary offers.
    return contract.str.replace(r"\s*\(\d+\)\s*$", "", regex=True)


def parse_weekly_summary(ctx: ImportContext) -> None:
    date = ctx.date("Date", formats=["%Y-%m-%d", "%m/%d/%Y", "%b %d, %Y"])
    amount = ctx.amount("Amount")
    hours = ctx.amount("Hours", label="Hours")
    contract = ctx.text("Contract")
    payment_type = ctx.text("Payment type")
    zero = (amount == 0) & (hours.fillna(0) == 0)
    ctx.skip(zero, "no hours and no amount on this row")
    ctx.emit(
        ctx.pending,
        date=date,
        kind="earning",
        # Weekly Summary amounts are gross of Upwork's service fee, which this file does not
        # show; the fee rows come from the transaction history.
        gross=amount,
        fee=0.0,
        currency="USD",
        hours=hours,
        client=_contract_client(contract),
        description=(payment_type.mask(payment_type == "", "Hourly") + ": " + contract),
        reference=contract.str.extract(r"\((\d+)\)\s*$", expand=False).fillna(""),
    )


LAYOUTS = [
    Layout(
        platform="upwork",
        name="Upwork Weekly Summary",
        required=("Date", "Contract", "Hours", "Amount", "Payment type"),
        parse=parse_weekly_summary,
    ),
]

_ = re  # reserved for the transaction-history parsers
