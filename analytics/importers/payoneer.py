"""Payoneer: account transactions CSV (16 columns) and a reported 10-column variant.

See ../shared/reference/export-formats.md §8. Payoneer has no fee column: fees are rows of their
own. Credits and debits are separate columns; `Debit Amount` may or may not carry a minus sign,
so a row's signed amount is `credit - |debit|`. The kind of a row comes from its Description:

- `Payment from <payer>` (or "payment received") -> earning, client = payer;
- anything mentioning a fee (`Annual card fee`, `Transaction fee`, ...) -> fee (gross 0, fee =
  the amount charged);
- `Card charge (<merchant>)`, ATM withdrawals -> skipped: personal spending with the Payoneer
  card, not business income or cost;
- refunds, reversals, chargebacks -> refund (gross as signed in the file), except a reversed or
  returned withdrawal/transfer, which is money coming back to the user: transfer;
- `Withdrawal to <bank>`, transfers, currency conversions, loads -> transfer. A withdrawal
  paid out in another currency (`Transfer Amount` 51,677.92 `Transfer Amount Currency` INR for
  550.00 USD) cost what it fell short of the ECB reference rate of the day: that part is a
  `fee` row ("Currency conversion ..."), as PayPal's conversions are, and the transfer carries
  the rest (`_conversion_costs`). A conversion between two balances (`Currency conversion from
  USD to GBP`: the dollars out on one row, the pounds in on another, one Reference ID) is
  measured the same way, the cost a fee row in the currency sold.

Rows whose Status is not completed (Canceled, Failed, Pending, ...) are skipped: no money moved.
"""

from __future__ import annotations

import pandas as pd

from analytics import parsing
from analytics.importers._common import TRANSFER_BACK, folded, iso_currency
from analytics.importers._conversion import withdrawal_conversion_costs
from analytics.loader import ImportContext, Layout
from analytics.parsing import on_uniques

COMPLETED_STATUSES = ("", "completed", "complete", "approved", "processed", "done", "success")

DATE_FORMATS = [
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m-%d-%Y %H:%M:%S",
    "%m-%d-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%Y",
    "%m-%d-%Y",
    "%Y-%m-%d",
]

# First match wins; the order matters (`Annual card fee` is a fee, not card spending).
# `Payment from Fee Consulting Ltd`: a client (but `Payment received - returned` is a refund)
_PAID_BY = r"^payments? (?:from|received)\b(?!.*\b(?:refund|reversal|returned)\b)"
# money back on a card purchase (not a client called `Card Refund Co`, not a card-fee refund)
_CARD_REFUND = (
    r"^(?:refund|reversal)s? (?:of|for|on) (?:a |the )?card "
    r"(?:charge|purchase|transaction|payment)|^card (?:charge|purchase|transaction|payment)\b.*"
    r"\b(?:refund|reversal)"
)
_FEE = r"\bfees?\b|\bcharges? for\b"
_CARD_SPENDING = r"^card (?:charge|purchase|transaction|payment)|\batm\b|^purchase\b"
_REFUND = r"refund|reversal|chargeback|returned"
_EARNING = r"^payments? from\b|payment received|received from|^payment\b.*\bfrom\b"
_TRANSFER = r"withdraw|transfer|convert|conversion|exchange|^load|deposit|to bank|payout"


def classify(description: pd.Series) -> pd.Series:
    """Kind per row from the Description text: earning, fee, refund, transfer, `card` or ``.

    `card` marks personal card spending and `card_refund` money back on it (both skipped); ``
    marks a description GigLens does not know (to be rejected with the text shown).
    """

    def by_rules(distinct: pd.Series) -> pd.Series:
        lowered = distinct.fillna("").astype(str).str.casefold()
        kind = pd.Series("", index=distinct.index, dtype="object")
        for pattern, value in (
            (_PAID_BY, "earning"),
            (_FEE, "fee"),
            (_CARD_REFUND, "card_refund"),
            (_CARD_SPENDING, "card"),
            (TRANSFER_BACK, "transfer"),
            (_REFUND, "refund"),
            (_EARNING, "earning"),
            (_TRANSFER, "transfer"),
        ):
            hit = (kind == "") & lowered.str.contains(pattern, regex=True)
            kind = kind.mask(hit, value)
        return kind

    return on_uniques(description, by_rules)  # each distinct description classified once


def counterparty(description: pd.Series, words: str = "from") -> pd.Series:
    """`Payment from Acme Inc` -> `Acme Inc` (empty when the text names no one after `words`)."""
    pattern = rf"(?i)\b(?:{words})\s+(.+?)\s*$"

    def named(distinct: pd.Series) -> pd.Series:
        found = distinct.fillna("").astype(str).str.extract(pattern, expand=False)
        return found.fillna("").str.strip()

    return on_uniques(description, named)  # each distinct description read once


def parse_transactions(ctx: ImportContext) -> None:
    """Both Payoneer layouts; column names differ, the rules do not (see module docstring)."""
    status = ctx.text("Status")
    not_done = ~folded(status).isin(COMPLETED_STATUSES)
    ctx.skip(not_done, "status '{}': the transaction was not completed, no money moved", status)

    description = ctx.text("Description")
    detail = ctx.text("Additional Description")
    kind = classify(description)
    ctx.skip(
        kind == "card",
        "Payoneer card purchase: spending, not income (if it was a business cost, such as "
        "software, enter it as an expense in the tax profile)",
    )
    ctx.skip(
        kind == "card_refund",
        "refund of a Payoneer card purchase: money back on personal spending, not income",
    )
    ctx.reject(
        kind == "",
        "unknown Payoneer transaction '{}': GigLens cannot tell whether it is income, a fee or "
        "a transfer",
        description,
    )

    day = ctx.text("Transaction Date", "Date")
    time = ctx.text("Transaction Time", "Time")
    when = day.where(time == "", day + " " + time)
    date = ctx.dates(when, formats=DATE_FORMATS, label="Transaction Date")

    ctx.decide_decimal_comma("Credit Amount", "Debit Amount", "Credit", "Debit")
    credit = ctx.amount("Credit Amount", "Credit")
    debit = ctx.amount("Debit Amount", "Debit")
    no_amount = credit.isna() & debit.isna()
    ctx.reject(no_amount, "neither Credit Amount nor Debit Amount holds an amount")
    amount = credit.fillna(0.0) - debit.abs().fillna(0.0)

    currency = iso_currency(ctx.text("Currency"))
    ctx.reject(currency == "", "Currency is empty: GigLens cannot tell which money this is")
    text = description.where(detail == "", description + " — " + detail)
    common = dict(
        date=date,
        currency=currency,
        description=text,
        reference=ctx.text("Transaction ID", "Reference ID"),
    )
    fee_rows = kind == "fee"
    # A fee row: nothing earned, the charge is the fee (a refunded fee makes fee negative).
    ctx.emit(fee_rows, kind="fee", gross=0.0, fee=-amount, client="Payoneer", **common)
    ctx.emit(
        kind == "earning", kind="earning", gross=amount, client=counterparty(description), **common
    )
    refund_client = counterparty(description, "from|to")
    ctx.emit(kind == "refund", kind="refund", gross=amount, client=refund_client, **common)
    cost = _conversion_costs(ctx, kind == "transfer", amount, currency, date, common)
    ctx.emit(kind == "transfer", kind="transfer", gross=amount + cost, **common)


def _conversion_costs(ctx: ImportContext, moved, amount, currency, date, common) -> pd.Series:
    """What each withdrawal paid out in another currency cost (`withdrawal_conversion_costs`),
    from what arrived: `Transfer Amount`, in `Transfer Amount Currency`; and each conversion
    between two balances of the account (`_balance_conversions`), from its other row."""
    costs = pd.Series(0.0, index=ctx.frame.index)
    if ctx.has("Transfer Amount") and ctx.has("Transfer Amount Currency"):
        read = parsing.parse_amount(
            ctx.text("Transfer Amount"), decimal_comma=bool(ctx.decimal_comma), decimals=2
        )
        costs = withdrawal_conversion_costs(
            ctx,
            moved,
            amount,
            currency,
            date,
            common,
            into=iso_currency(ctx.text("Transfer Amount Currency")),
            received=read.values.where(~read.bad).abs(),
            platform="Payoneer",
        )
    sold, into, received = _balance_conversions(ctx, moved, amount, currency, date, common)
    if sold.any():
        costs = costs + withdrawal_conversion_costs(
            ctx,
            sold & (costs == 0),
            amount,
            currency,
            date,
            common,
            into=into,
            received=received,
            platform="Payoneer",
            noun="conversion(s) between your Payoneer balances",
        )
    return costs


_CONVERTED = r"(?i)\b(?:currency )?(?:conversion|exchanged?|converted)\b"


def _balance_conversions(ctx: ImportContext, moved, amount, currency, date, common):
    """A conversion between two balances is two rows (`Currency conversion from USD to GBP`):
    the amount sold leaves one balance, the amount bought arrives in the other, with the same
    Reference ID (else the same description and day). Per row sold: whether it has exactly one
    such other row in another currency, and that row's currency and amount."""
    index = ctx.frame.index
    none = (
        pd.Series(False, index=index),
        pd.Series("", index=index),
        pd.Series(float("nan"), index=index),
    )
    text = common["description"].astype(str)
    pending = pd.Series(index.isin(ctx.pending), index=index)
    conversion = moved & pending & text.str.contains(_CONVERTED, regex=True) & date.notna()
    if not conversion.any():
        return none
    reference = ctx.text("Reference ID") if ctx.has("Reference ID") else pd.Series("", index=index)
    key = reference.where(reference != "", text + "|" + date.dt.strftime("%Y-%m-%d"))
    rows = pd.DataFrame({"key": key, "amount": amount, "currency": currency.astype(str)})[
        conversion
    ]
    out_rows = rows[rows["amount"] < 0]
    in_rows = rows[rows["amount"] > 0]
    # exactly one row each way per conversion, in two currencies
    single_out = out_rows["key"].map(out_rows["key"].value_counts()) == 1
    bought = in_rows[in_rows["key"].map(in_rows["key"].value_counts()) == 1].set_index("key")
    pairs = out_rows[single_out & out_rows["key"].isin(bought.index)]
    into = pairs["key"].map(bought["currency"])
    pairs = pairs[into != pairs["currency"]]
    if pairs.empty:
        return none
    sold = pd.Series(index.isin(pairs.index), index=index)
    into_all = pd.Series("", index=index, dtype="object")
    into_all[pairs.index] = pairs["key"].map(bought["currency"]).to_numpy()
    received = pd.Series(float("nan"), index=index)
    received[pairs.index] = pairs["key"].map(bought["amount"]).to_numpy(dtype="float64")
    return sold, into_all, received


LAYOUTS = [
    Layout(
        platform="payoneer",
        name="Payoneer transactions",
        required=(
            "Transaction Date",
            "Transaction Time",
            "Transaction ID",
            "Description",
            "Credit Amount",
            "Debit Amount",
            "Currency",
        ),
        parse=parse_transactions,
        unique_id=("Transaction ID",),
    ),
    Layout(
        platform="payoneer",
        name="Payoneer transactions (10-column variant)",
        required=(
            "Currency",
            "Date",
            "Time",
            "Timezone",
            "Credit",
            "Debit",
            "Status",
            "Balance",
            "Description",
        ),
        parse=parse_transactions,
    ),
]
