"""The canonical transaction table every importer produces.

One row per money movement (or, for time-tracker exports, per time entry). See README
"The transaction table" for the user-facing description.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

COLUMNS: list[str] = [
    "date",
    "platform",
    "stream",
    "kind",
    "gross",
    "fee",
    "net",
    "currency",
    "hours",
    "client",
    "description",
    "reference",
    "source",
    "txn_id",
]

KINDS: tuple[str, ...] = ("earning", "refund", "fee", "tax", "transfer", "adjustment", "time")
# Rows that change how much the user earned. `transfer` (money moved between the user's own
# accounts), `tax` (withheld taxes) and `time` (hours only) never count as income.
INCOME_KINDS: tuple[str, ...] = ("earning", "refund", "fee", "adjustment")

STREAMS: tuple[str, ...] = ("micro", "freelance", "sales", "other")

# Default stream per platform id. A lookup, so users can override per platform and per client.
# Platforms that contract the work themselves and pay you as your client does (Toptal's
# talent are its own contractors): the platform is the client its payments name.
CLIENT_PAYERS = ("toptal",)

DEFAULT_STREAMS: dict[str, str] = {
    # micro jobs and app-based gigs
    "mturk": "micro",
    "clickworker": "micro",
    "prolific": "micro",
    "appen": "micro",
    "microworkers": "micro",
    "taskrabbit": "micro",
    "uber": "micro",
    "lyft": "micro",
    "doordash": "micro",
    "instacart": "micro",
    # freelancing (marketplaces and direct clients paid through payment processors)
    "upwork": "freelance",
    "toptal": "freelance",
    "freelancer": "freelance",
    "peopleperhour": "freelance",
    "fiverr": "freelance",
    "paypal": "freelance",
    "stripe": "freelance",
    "payoneer": "freelance",
    "cashapp": "freelance",
    # selling
    "etsy": "sales",
    "gumroad": "sales",
}

PLATFORM_NAMES: dict[str, str] = {
    "mturk": "Amazon MTurk",
    "clickworker": "Clickworker",
    "prolific": "Prolific",
    "appen": "Appen",
    "microworkers": "Microworkers",
    "taskrabbit": "TaskRabbit",
    "uber": "Uber",
    "lyft": "Lyft",
    "doordash": "DoorDash",
    "instacart": "Instacart",
    "upwork": "Upwork",
    "toptal": "Toptal",
    "freelancer": "Freelancer.com",
    "peopleperhour": "PeoplePerHour",
    "fiverr": "Fiverr",
    "paypal": "PayPal",
    "stripe": "Stripe",
    "payoneer": "Payoneer",
    "cashapp": "Cash App",
    "etsy": "Etsy",
    "gumroad": "Gumroad",
    "toggl": "Toggl Track",
    "clockify": "Clockify",
    "generic": "Other (template or mapped columns)",
}

STRING_COLUMNS = ("platform", "stream", "kind", "currency", "client", "description", "reference")
CATEGORY_COLUMNS = ("platform", "stream", "kind", "currency", "source")


def stream_for(platform: str, overrides: dict[str, str] | None = None) -> str:
    """The stream a platform belongs to: the user's override, else the default, else `other`."""
    if overrides and platform in overrides:
        return overrides[platform]
    return DEFAULT_STREAMS.get(platform, "other")


def with_streams(
    transactions: pd.DataFrame,
    overrides: dict[str, str],
    clients: dict[str, str] | None = None,
) -> pd.DataFrame:
    """`transactions` with the stream of each platform in `overrides` (platform -> stream, one
    of STREAMS) replaced, then that of each client in `clients` (client name -> stream, the
    name matched without regard to case or surrounding spaces, on every platform: a shop that
    buys prints through PayPal is sales, the rest of PayPal freelance); other rows keep theirs."""
    chosen = {p: s for p, s in (overrides or {}).items() if s in STREAMS}
    by_client = {client_key(c): s for c, s in (clients or {}).items() if s in STREAMS}
    by_client.pop("", None)
    if transactions.empty or not (chosen or by_client):
        return transactions
    stream = transactions["stream"].astype(object)
    for platform, value in chosen.items():
        stream = stream.mask((transactions["platform"] == platform).to_numpy(), value)
    if by_client:
        # the client's distinct names, not every row, are folded
        names = transactions["client"].astype("category")
        folded = client_keys(names.cat.categories)
        codes = names.cat.codes.to_numpy()
        for key, value in by_client.items():
            hit = np.flatnonzero((folded == key).to_numpy())
            if len(hit):
                stream = stream.mask(np.isin(codes, hit), value)
    return transactions.assign(stream=stream.astype("category"))


def client_key(name) -> str:
    """A client's name as its stream choice is kept: without surrounding spaces, in one case."""
    return str(name).strip().casefold()


def client_keys(names) -> pd.Series:
    """`client_key` of many names at once (a column's distinct names)."""
    return pd.Series(names, dtype=object).astype(str).str.strip().str.casefold()


def empty_transactions() -> pd.DataFrame:
    """A transaction table with no rows and the canonical dtypes."""
    return conform(pd.DataFrame({c: [] for c in COLUMNS}))


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """Return `df` with exactly the canonical columns, in order, with canonical dtypes."""
    out = pd.DataFrame(index=df.index)
    out["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]")
    for col in ("gross", "fee", "net", "hours"):
        values = df[col] if col in df else np.nan
        out[col] = pd.to_numeric(pd.Series(values, index=df.index), errors="coerce").astype(
            "float64"
        )
    for col in ("platform", "stream", "kind", "currency", "client", "description", "reference"):
        values = df[col] if col in df else ""
        out[col] = pd.Series(values, index=df.index).fillna("").astype(str)
    out["source"] = df["source"].astype(str) if "source" in df else ""
    out["txn_id"] = df["txn_id"].astype(str) if "txn_id" in df else ""
    out = out[COLUMNS]
    for col in CATEGORY_COLUMNS:
        out[col] = out[col].astype("category")
    return out.reset_index(drop=True)


def income_rows(transactions: pd.DataFrame) -> pd.DataFrame:
    """Only the rows that count as income (see INCOME_KINDS)."""
    return transactions[transactions["kind"].isin(INCOME_KINDS)]


# How an amount is written for a person: the symbol of the currencies that have a well-known
# one, else the code after the number.
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def to_cents_half_up(value: float) -> float:
    """`value` to the cent, half away from zero as a person (and a spreadsheet showing two
    decimals) rounds: a converted 728.455, stored as 728.45499999999998, is 728.46."""
    cents = math.floor(round(abs(value) * 100, 6) + 0.5) / 100
    return math.copysign(cents, value) if cents else 0.0


def cents_half_up(values) -> np.ndarray:
    """`to_cents_half_up` for an array (NaN stays NaN): how the downloads and the pages write
    money, so a converted 271.125 is 271.13 in both."""
    values = np.asarray(values, dtype="float64")
    with np.errstate(invalid="ignore"):
        cents = np.floor(np.round(np.abs(values) * 100, 6) + 0.5) / 100
    return np.where(cents == 0, 0.0, np.copysign(cents, values))


def format_money(value: float, currency: str) -> str:
    """1234.5, "USD" -> "$1,234.50"; other currencies "1,234.50 CHF"; no currency "1,234.50".
    Rounded half away from zero (`to_cents_half_up`); a value that rounds to 0 has no sign."""
    if math.isfinite(value):
        value = to_cents_half_up(value)
    if not currency:
        return f"{value:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    sign = "-" if value < 0 else ""
    if symbol:
        return f"{sign}{symbol}{abs(value):,.2f}"
    return f"{sign}{abs(value):,.2f} {currency.upper()}"
