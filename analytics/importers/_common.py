"""Small helpers shared by the platform importers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.parsing import on_uniques

if TYPE_CHECKING:
    from analytics.loader import ImportContext

# A fee naming the payment it was taken from ("Service Fee for Hourly - Ref ID 813303784"):
# the payment's id (the Upwork importer gives the fee that payment's client, `analytics.hours`
# its hours).
PAYMENT_NAMED = r"\bRef(?:erence)? ID:? *(\d+)"

# A withdrawal, payout or deposit that was reversed, returned or refunded: the user's own money
# moving back, so a transfer, never a refund to a client nor income (case-folded text; a
# refunded *fee* on a withdrawal stays a fee).
TRANSFER_BACK = (
    r"^(?!.*\bfees?\b)(?:"
    r"(?:withdraw|transfer|payout|deposit|cash out|to bank|to card|from card)"
    r".*(?:reversal|reversed|returned|refund|cancel)"
    r"|(?:reversal|reversed|refund|return|cancell?ation) of .*(?:withdraw|transfer|payout|deposit)"
    r")"
)

# Keyword rules for free-text transaction types, first match wins. Used by the generic
# importer and by platforms whose type column is free text.
# A fee given back is still about the fee: `Fee refund`, `Refund of withdrawal fee`.
FEE_REFUND = (
    r"\bfees?\b.*\b(?:refund|refunded|returned|reversal|reversed)\b"
    r"|\b(?:refund|return|reversal) of\b.*\bfees?\b"
)
KIND_KEYWORDS: list[tuple[str, str]] = [
    (TRANSFER_BACK, "transfer"),
    (FEE_REFUND, "fee"),
    # ...and in German: `Rückerstattung`, `Erstattung`, `Rücküberweisung`, `Storno`
    # (a word's start: a client's `Kostenerstattung` or `Auslagenerstattung` reimburses costs)
    (
        r"refund|chargeback|reversal|dispute|\b(?:rück)?erstattung|\brücküberweisung|\bstorno",
        "refund",
    ),
    # a charge for moving money is a cost, not the move: `Withdrawal fee`, `Payout fee`, but
    # `Withdrawal to PayPal (fee waived)` is the withdrawal
    (r"(?:withdraw\w*|payout|transfer|deposit|cash[- ]?out|wire|conversion)\s+fees?\b", "fee"),
    # ...and as German banks write it: `Auszahlung` (a payout), `Umbuchung` / `Übertrag` (a
    # move between the user's own accounts)
    # ...and a wallet's own moves: a top-up from the user's card, a conversion between its
    # currencies (Wise: `Converted 1495.20 USD to 1132.10 GBP`; Revolut: `Exchanged to EUR`)
    (
        r"withdraw|payout|transfer|deposit to|bank deposit|sent to your bank|auszahlung"
        r"|umbuchung|übertrag|\bcash[- ]?out\b|\bretrait\b|\btop[- ]?up\b"
        r"|\bconverted\b.*\bto\b|\bexchanged\s+to\b",
        "transfer",
    ),
    (r"\b(?:tax|vat|gst|wht|withholding)\b", "tax"),
    # a courier's pay is "delivery fees" (Deliveroo, Uber Eats): what the worker earned
    (r"\bdelivery fees?\b", "earning"),
    # whole words: "Coffee shop" and "Feeding America" are no fees
    (r"\bfees?\b|commission|connects|membership|subscription|marketing|\bads?\b", "fee"),
    (r"adjust|correction|credit", "adjustment"),
]


# Words for money the user moves out to their own bank or card: a transfer only when the amount
# goes out. Not a bare `Überweisung` or `virement` (any bank transfer: one going out may be a
# refund paid back to a client; one coming in, a client's payment).
PAYOUT_WORDS = (
    r"\bsent to (?:your |my )?(?:bank|card)\b|\bpaid out\b|\bdisburse"
    r"|\bauszahlung\b|\bretiro\b|\bretirada\b|\batm\b"
    # a driver's instant cash-out to their own card: DoorDash `Fast Pay to Visa Debit ••4412`,
    # Lyft `Express Pay`, Uber `Instant Pay`, Walmart Spark `Daily Pay`; and the regular one,
    # DoorDash's `Weekly Pay` to the bank
    r"|\bfast ?pay\b|\bexpress pay\b|\binstant (?:pay|payout|cash ?out|transfer)\b|\bdaily pay\b"
    r"|\bweekly (?:pay|payout|deposit)\b"
)


def kind_from_text(text: pd.Series, amount: pd.Series | None = None) -> pd.Series:
    """Classify free-text types with KIND_KEYWORDS; anything else is an earning.

    With `amount`, PAYOUT_WORDS on money going out are a transfer, and an unclassified negative
    amount is a refund (money given back to a client).
    """

    def classify(distinct: pd.Series) -> pd.Series:
        lowered = distinct.fillna("").astype(str).str.casefold()
        kind = pd.Series("", index=distinct.index, dtype="object")
        for pattern, value in KIND_KEYWORDS:
            hit = (kind == "") & lowered.str.contains(pattern, regex=True)
            kind = kind.mask(hit, value)
        return kind

    kind = on_uniques(text, classify).astype(object)  # each distinct text classified once
    default = pd.Series("earning", index=text.index, dtype="object")
    if amount is not None:
        out = (amount < 0).to_numpy()
        payout = on_uniques(
            text,
            lambda u: u.fillna("").astype(str).str.casefold().str.contains(PAYOUT_WORDS),
        ).astype(bool)
        default = default.mask(out, "refund").mask(out & payout.to_numpy(), "transfer")
    return kind.mask(kind == "", default)


def folded(text: pd.Series) -> pd.Series:
    """Case-folded cells (`str.casefold` is a Python loop per cell: this folds each distinct
    value once)."""
    return on_uniques(text, lambda u: u.fillna("").astype(str).str.casefold())


def match_values(values: pd.Series, table: dict[str, str]) -> pd.Series:
    """Map cells through `table` (keys compared case-insensitively, spaces stripped); NaN if absent."""
    normal = {k.strip().casefold(): v for k, v in table.items()}
    return on_uniques(
        values, lambda u: u.fillna("").astype(str).str.strip().str.casefold().map(normal)
    )


# A currency cell written as a symbol or a name that says one currency only; `$`, `¥` and `kr`
# are several currencies' and stay as written (rejected where a code is needed).
CURRENCY_WORDS = {
    "€": "EUR",
    "EURO": "EUR",
    "EUROS": "EUR",
    "£": "GBP",
    "GB£": "GBP",
    "POUND STERLING": "GBP",
    "US$": "USD",
    "US DOLLAR": "USD",
    "US DOLLARS": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "₹": "INR",
    "₱": "PHP",
    "ZŁ": "PLN",
}


def iso_currency(values: pd.Series, default: str = "") -> pd.Series:
    """Upper-case three-letter codes (`eur` -> EUR; `€`, `Euro`, `US$` -> their code, see
    CURRENCY_WORDS); `default` where a cell is empty."""
    return on_uniques(
        values,
        lambda u: (
            u.fillna("")
            .astype(str)
            .str.strip()
            .str.upper()
            .replace(CURRENCY_WORDS)
            .replace("", default)
        ),
    )


def currency_from_header(name: str | None, default: str = "USD") -> str:
    """`Amount ($)` -> USD, `Net (€)` -> EUR, `Amount (GBP)` -> GBP."""
    if not name:
        return default
    m = re.search(r"\(([^)]+)\)", name)
    if not m:
        return default
    token = m.group(1).strip()
    symbols = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
    if token in symbols:
        return symbols[token]
    return token.upper() if re.fullmatch(r"[A-Za-z]{3}", token) else default


def nan_series(index) -> pd.Series:
    return pd.Series(np.nan, index=index, dtype="float64")


def first_nonempty(*columns: pd.Series) -> pd.Series:
    """Cell-wise the first non-empty string among `columns`."""
    cells = _arrow_texts(columns)
    if cells is not None:  # one vectorised choice per column, no pandas masking
        out = cells[0]
        for col in cells[1:]:
            out = pc.if_else(pc.equal(out, ""), col, out)
        return _as_series(out, columns[0].index)
    out = columns[0]
    for col in columns[1:]:
        empty = out == ""
        if empty.any():
            out = out.mask(empty, col)
    return out


def choose(condition: pd.Series, if_true: pd.Series, if_false: pd.Series) -> pd.Series:
    """Cell-wise `if_true` where `condition` holds, else `if_false` (`where`, in Arrow)."""
    cells = _arrow_texts([if_true, if_false])
    if cells is not None and condition.index.equals(if_true.index):
        mask = pa.array(condition.to_numpy(dtype=bool, na_value=False))
        return _as_series(pc.if_else(mask, cells[0], cells[1]), if_true.index)
    return if_true.where(condition, if_false)


def join_nonempty(columns: list[pd.Series], sep: str = " | ") -> pd.Series:
    """Cell-wise join of the non-empty strings among `columns` ("" when all are empty)."""
    cells = _arrow_texts(columns)
    if cells is not None:
        # Pairwise, not one join with null_handling="skip": that drops rows whose cells are
        # all missing (pyarrow 26), which would shift every later row.
        separator = pa.scalar(sep, type=pa.large_string())
        out = cells[0]
        for col in cells[1:]:
            both = pc.binary_join_element_wise(out, col, separator)
            out = pc.if_else(pc.equal(out, ""), col, pc.if_else(pc.equal(col, ""), out, both))
        return _as_series(out, columns[0].index)
    out = columns[0]
    for col in columns[1:]:
        both = (out != "") & (col != "")
        out = out.mask(both, out + sep + col).mask((out == "") & (col != ""), col)
    return out


def _arrow_texts(columns) -> list[pa.ChunkedArray] | None:
    """The columns' Arrow strings (large_string) when every one is Arrow text without missing
    cells on the same rows; else None (the pandas way is used)."""
    index = columns[0].index
    cells = []
    for column in columns:
        if not isinstance(column.array, pd.arrays.ArrowStringArray):
            return None
        if not column.index.equals(index):
            return None
        array = column.array.__arrow_array__()
        if array.null_count:
            return None
        cells.append(array.cast(pa.large_string()))
    return cells


def _as_series(cells: pa.ChunkedArray, index: pd.Index) -> pd.Series:
    from analytics.canonical import TEXT_DTYPE

    return pd.Series(pd.arrays.ArrowStringArray(cells, dtype=TEXT_DTYPE), index=index, copy=False)


def first_nonempty_column(ctx: ImportContext, names: tuple[str, ...]) -> pd.Series:
    """Per row, the first of the named columns that has a value ("" if none)."""
    columns = [ctx.text(name) for name in names if ctx.has(name)]
    if not columns:
        return pd.Series("", index=ctx.frame.index, dtype="str")
    return first_nonempty(*columns)


def unknown_type_reasons(types: pd.Series, platform: str, column: str, examples: str) -> pd.Series:
    """Why a row of a type GigLens does not know was not imported, and what to do: an empty
    type (often a row added by hand) or a new one the platform started to write."""
    types = types.fillna("").astype(str)
    new = (
        f"unknown {platform} transaction type '"
        + types
        + "', not imported: GigLens cannot tell if it is income, a fee or a withdrawal. If it "
        "is income, add it with the GigLens template"
    )
    return new.mask(
        types.str.strip() == "",
        f"the {column} cell is empty, not imported: fill in the type as {platform} writes it "
        f"({examples}), or delete the row if you added it",
    )


# Main currencies of accounts (and countries) that write dates day first (the UK, the euro
# area, Australia, ...) and month first (the US): a hint when every date reads both ways.
DAY_FIRST_CURRENCIES = {
    "GBP",
    "EUR",
    "AUD",
    "NZD",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "HUF",
    "INR",
    "BRL",
    "MXN",
    "ZAR",
    "SGD",
    "HKD",
    "ILS",
}
MONTH_FIRST_CURRENCIES = {"USD"}


def day_first_currency(code: str) -> bool | None:
    """Whether accounts in currency `code` write dates day first (GBP, EUR: True) or month
    first (USD: False); None when the currency says nothing."""
    if code in DAY_FIRST_CURRENCIES:
        return True
    return False if code in MONTH_FIRST_CURRENCIES else None
