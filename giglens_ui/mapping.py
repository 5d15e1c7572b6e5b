"""First guesses for the column-mapping form, from the column names and the values under them.

Pure pandas (no Streamlit). The form reads a few rows of the uploaded file itself
(`sample_rows`), classifies each column by what its values look like (`column_kind`) and
proposes which column holds what (`guess_mapping`). The user confirms or corrects the guesses;
nothing is imported from a guess alone.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd

from analytics.importers.generic import (
    MASKED_ACCOUNT,
    NOT_PAID_ANSWER,
    NOT_PAID_STATUS,
    PAID_ANSWER,
    PAYING_PLATFORMS,
    understood_kinds,
)
from analytics.loader import normalise_header, numbered_repeats
from analytics.parsing import ISO_CODE

SAMPLE_ROWS = 50
HEAD_BYTES = 256_000  # a text file's first bytes are enough for the sample rows
HEADER_SEARCH = 30  # rows above the header (titles, date ranges) looked through
SHARE_NEEDED = 0.8  # a column is "dates" when at least 80% of its non-empty sample cells are

# Words in a column's name that suggest each field (compared case-insensitively, as substrings).
NAME_HINTS: dict[str, tuple[str, ...]] = {
    "date": ("date", "datum", "fecha", "when", "created", "time"),
    "gross": (
        "gross",
        "amount",
        "total",
        "brutto",
        "paid in",
        "money in",
        "paid",
        "price",
        "earned",
        "received",
        "credit",
        "deposit",
        "incoming",
        "betrag",
        "umsatz",
        "importe",
        "montant",
    ),
    # a second amount column holding only the money going out (`Debit`, `Money Out`)
    "gross_out": ("debit", "money out", "paid out", "outgoing", "withdrawal", "spent", "ausgang"),
    "fee": ("fee", "commission", "charge", "cut", "gebühr"),
    "net": ("net", "payout"),
    "client": ("client", "customer", "buyer", "payer", "name", "from", "requester"),
    "description": (
        "description",
        "memo",
        "title",
        "note",
        "details",
        "item",
        "project",
        "purpose",
        "narrative",
        "verwendungszweck",
        "buchungstext",
        "beschreibung",
        "concepto",
        "libell",
    ),
    "hours": ("hours", "hrs", "duration", "time spent", "stunden", "(min", "minutes", "minuten"),
    "currency": ("currency", "ccy", "währung", "moneda"),
    "platform": ("platform", "source", "site", "marketplace"),
    "kind": ("type", "kind", "category"),
    # a hand-kept invoice list's "Paid?" (Yes/No): only a column of words, not of amounts
    "status": ("status", "state", "paid"),
}
# An account's running balance: never the amount of a transaction.
BALANCE_NAMES = r"balance|saldo|kontostand|solde"
# Small amounts beside the payments that are no fee by their name: a bonus or tip the worker
# gets, a tax or shipping passed on.
NOT_A_FEE = r"bonus|tip|gratuit|trinkgeld|tax|vat|steuer|shipping|versand"
# ...nor are counts, rates and measures beside the amounts: DoorDash's `Deliveries`, a
# TaskRabbit `Hourly Rate`, miles, items
NOT_A_FEE += (
    r"|rate|hourly|deliver|trips?\b|rides?\b|orders?\b|items?\b|count|qty|quantity|units?\b"
    r"|miles|\bkm\b|hours|hrs|minutes|\bmin\b|number|\bno\b|#"
    # and parts of the pay itself: DoorDash's `Base Pay`, `Peak Pay`, `Adjustments`
    r"|\bpay\b|earn|promo|adjust|incentive|surge|boost|reward"
)
# The more specific names first: "Net amount" is the net, not the "amount"; "Time spent" is
# the hours, not the date/time.
NAME_ORDER = (
    "hours",
    "date",
    "currency",
    "fee",
    "net",
    "gross_out",
    "gross",
    "status",
    "kind",
    "platform",
    "client",
    "description",
)
# What the values of a column must look like for each field (when the values are known).
FIELD_KINDS: dict[str, set[str]] = {
    "date": {"date"},
    "gross": {"number"},
    "fee": {"number"},
    "net": {"number"},
    "gross_out": {"number"},
    "hours": {"number"},
    "currency": {"currency"},
    "client": {"text"},
    "description": {"text"},
    "platform": {"text"},
    "kind": {"text"},
    "status": {"text"},
}
# ISO 4217 codes a gig worker is likely to be paid in (the ECB's reference currencies and more).
CURRENCY_CODES = frozenset(
    [
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "BGN",
        "CZK",
        "DKK",
        "HUF",
        "PLN",
        "RON",
        "SEK",
        "CHF",
        "ISK",
        "NOK",
        "TRY",
        "AUD",
        "BRL",
        "CAD",
        "CNY",
        "HKD",
        "IDR",
        "ILS",
        "INR",
        "KRW",
        "MXN",
        "MYR",
        "NZD",
        "PHP",
        "SGD",
        "THB",
        "ZAR",
        "NGN",
        "KES",
        "PKR",
        "BDT",
        "EGP",
        "ARS",
        "CLP",
        "COP",
        "PEN",
        "VND",
        "UAH",
        "RUB",
        "AED",
        "SAR",
        "LKR",
        "GHS",
        "MAD",
        "TWD",
    ]
)
_DATE = re.compile(
    r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    r"|\d{1,2}[ -][A-Za-z]{3,9}\.?[ -,]+\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4})"
    r"([ T].*)?$"
)
# an amount, with a symbol or an ISO code beside it (`INV-101` is an invoice number)
_NUMBER = re.compile(
    r"^[(+-]?\s*(?:[$€£¥₹]|" + ISO_CODE + r"(?![A-Z]))?\s*[-+]?\d[\d.,'\u00a0 ]*\s*"
    r"(?:[$€£¥₹]|(?<![A-Z])" + ISO_CODE + r")?\)?$"
)


def sample_rows(data: bytes, name: str, columns: list[str], n: int = SAMPLE_ROWS) -> pd.DataFrame:
    """Up to `n` data rows under the header `columns`, as text, read straight from the file.

    The header is searched for in the first rows (exports often start with a title or a date
    range), so the rows returned are the ones below it. An unreadable file gives an empty
    frame: the form then guesses from the column names alone.
    """
    empty = pd.DataFrame(columns=list(columns), dtype="object")
    wanted = [normalise_header(c) for c in columns]
    try:
        rows = _rows_below_header(data, name, wanted, n)
    except Exception:  # any reader error: the guesses fall back to the column names
        return empty
    if rows is None or rows.empty:
        return empty
    rows = rows.iloc[:n, : len(columns)].fillna("").astype(str)
    rows = rows.reindex(columns=range(len(columns)), fill_value="")
    rows.columns = list(columns)
    return rows.reset_index(drop=True)


def _is_header(cells, wanted: list[str]) -> bool:
    named = numbered_repeats([str(c) for c in cells])  # as the form's columns name them
    return [normalise_header(c) for c in named][: len(wanted)] == wanted


def _rows_below_header(data: bytes, name: str, wanted: list[str], n: int):
    """The cells under the header row (None when the header is not found)."""
    suffix = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    if suffix in ("xlsx", "xls", "ods"):
        grid = pd.read_excel(io.BytesIO(data), header=None, dtype=str, nrows=n + HEADER_SEARCH)
        for position in range(min(len(grid), HEADER_SEARCH)):
            if _is_header(grid.iloc[position].fillna(""), wanted):
                return grid.iloc[position + 1 :]
        return None
    text = _head_text(data)
    lines = text.splitlines()
    for position, line in enumerate(lines[:HEADER_SEARCH]):
        for delimiter in (",", ";", "\t", "|"):
            if _is_header(next(csv.reader([line], delimiter=delimiter)), wanted):
                return pd.read_csv(
                    io.StringIO("\n".join(lines[position + 1 :])),
                    header=None,
                    dtype=str,
                    nrows=n,
                    sep=delimiter,
                    keep_default_na=False,
                    on_bad_lines="skip",
                )
    return None


def _head_text(data: bytes) -> str:
    """The first HEAD_BYTES of a text file, decoded (UTF-8, else Windows-1252)."""
    head = data[:HEAD_BYTES]
    if len(data) > HEAD_BYTES:  # whole lines only (a newline byte never ends mid-character)
        head = head[: head.rfind(b"\n") + 1] or head
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return head.decode("cp1252", errors="replace")


def column_kind(values: pd.Series, share_needed: float = SHARE_NEEDED) -> str:
    """What a column's cells look like: "date", "currency" (ISO codes such as USD), "number",
    "text", or "empty" (no non-empty cell). A kind needs `share_needed` (80%) of the non-empty
    cells."""
    cells = values.astype(str).str.strip()
    cells = cells[cells != ""]
    if cells.empty:
        return "empty"

    def share(mask: pd.Series) -> float:
        return float(mask.mean())

    dates = cells.str.match(_DATE)
    if share(dates) >= share_needed:
        parsed = pd.to_datetime(cells[dates], errors="coerce", format="mixed")
        if share(parsed.notna()) >= share_needed:
            return "date"
    if share(cells.str.upper().isin(CURRENCY_CODES)) >= share_needed:
        return "currency"
    if share(cells.str.match(_NUMBER) & ~dates) >= share_needed:
        return "number"
    return "text"


def _numbers(values: pd.Series) -> pd.Series:
    """Sample cells as floats for comparing columns (a rough reading: symbols and thousands
    separators dropped, a lone comma taken as the decimal mark); NaN where unreadable."""
    text = values.astype(str).str.strip()
    negative = text.str.startswith("-") | text.str.startswith("(")
    text = text.str.replace(r"[^\d.,]", "", regex=True)
    decimal_comma = text.str.contains(r",\d{1,2}$") & ~text.str.contains(r"\.")
    text = text.mask(decimal_comma, text.str.replace(",", ".", regex=False))
    number = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
    return number.mask(negative, -number)


def _looks_like_fee(fee: pd.Series, gross: pd.Series) -> bool:
    """A fee column next to the amounts: on every sample row with both, |fee| <= |gross|, and
    the fees are small next to the amounts (median |fee| / |gross| below 50%); not a count of
    whole numbers beside amounts with cents (7 deliveries beside 55.16)."""
    both = fee.notna() & gross.notna() & (gross != 0)
    if not both.any():
        return False
    ratio = fee[both].abs() / gross[both].abs()
    whole = bool((fee[both] % 1 == 0).all()) and bool((gross[both] % 1 != 0).any())
    return bool((ratio <= 1).all() and ratio.median() < 0.5) and not whole


def _is_difference(net: pd.Series, gross: pd.Series, fee: pd.Series) -> bool:
    """net = gross − |fee| (to the cent) on every sample row with all three."""
    rows = net.notna() & gross.notna() & fee.notna()
    if not rows.any():
        return False
    return bool(((gross[rows] - fee[rows].abs() - net[rows]).abs() < 0.005).all())


def looks_like_kinds(values: pd.Series) -> bool:
    """Whether a column's sample cells are kinds of transaction GigLens understands (`Sale`,
    `Refund`, `Withdrawal fee`: `understood_kinds`) on at least 80% of its non-empty cells,
    rather than a bank's payment methods (`Faster payment`, `Card payment`, `Direct Debit`),
    which say nothing of whether money was earned, paid out to the user or spent."""
    cells = values.astype(str).str.strip()
    cells = cells[cells != ""]
    if cells.empty:
        return False
    return float(understood_kinds(cells.reset_index(drop=True)).mean()) >= SHARE_NEEDED


# words of a status cell (anywhere in it); a "Paid?" answer (Yes, No, Open) is the whole cell
STATUS_WORDS = (
    NOT_PAID_STATUS
    + r"|complet|success|settled|cleared|approved|confirmed|\bpaid\b|abgeschlossen|erledigt"
)


# Where money went or how it moved (`Paid to: PayPal`), not whether it came: no status.
DESTINATION_WORDS = (
    PAYING_PLATFORMS + r"|\b(?:bank|card|account|wallet|check|cheque|wire|ach|sepa|iban|venmo"
    r"|zelle|direct deposit|monzo|starling|revolut|barclays|hsbc|lloyds|natwest|santander"
    r"|nationwide|halifax|chase)\b"
    # a masked account number: `Monzo ****4821`
     + "|" + MASKED_ACCOUNT
)


def _looks_like_statuses(values: pd.Series) -> bool:
    """Whether a column's sample cells can say whether money was paid: not when most of them
    name where it went (`PayPal`, `Bank account`) and none says a state (Completed, Pending,
    Gebucht, Yes, Overdue...)."""
    cells = values.astype(str).str.strip().str.casefold()
    cells = cells[cells != ""]
    if cells.empty:
        return False
    said = cells.str.fullmatch(f"(?:{NOT_PAID_ANSWER}|{PAID_ANSWER})") | cells.str.contains(
        f"(?:{STATUS_WORDS})"
    )
    where = cells.str.contains(DESTINATION_WORDS)
    return bool(said.any()) or float(where.mean()) < 0.5


def _money_out_beside(samples: pd.DataFrame, amount: str, out: str) -> bool:
    """A money-out column beside the amount column: on some sample row the amount is empty (or
    0) where the money-out column holds an amount (`Credit` empty, `Debit` -12.50). Not when the
    amount column holds every amount with its sign (Monzo's `Amount` beside `Money Out`)."""
    money_in, money_out = _numbers(samples[amount]), _numbers(samples[out])
    only_out = money_out.notna() & (money_out != 0) & (money_in.isna() | (money_in == 0))
    return bool(only_out.any())


def _amount_is_after_fees(
    samples: pd.DataFrame, columns: list[str], amount: str, fee: str, currency: str | None
) -> bool:
    """Whether the amount column is what reached the account, its fees already taken: the
    running balance moves by the amount itself, not by the amount less the fee, on every pair of
    neighbouring sample rows (oldest or newest first, one currency) whose later row has a fee.
    Wise's `Amount` beside its `Total fees` is so (-840.88 with 3.93 of fees moves the balance
    by -840.88); without a balance column, Wise's statement says so by its `TransferWise ID`."""
    balances = [c for c in columns if re.search(BALANCE_NAMES, str(c), re.IGNORECASE)]
    balances = [c for c in balances if c in samples and _numbers(samples[c]).notna().any()]
    if not balances:
        return any(str(c).strip().casefold() == "transferwise id" for c in columns)
    balance = _numbers(samples[balances[0]]).to_numpy()
    money = _numbers(samples[amount]).to_numpy()
    fees = _numbers(samples[fee]).abs().to_numpy()
    same = np.ones(len(samples) - 1, dtype=bool)
    if currency and currency in samples:
        codes = samples[currency].astype(str).str.strip().str.upper().to_numpy()
        same = codes[1:] == codes[:-1]
    for step, row in (
        (balance[1:] - balance[:-1], slice(1, None)),
        (balance[:-1] - balance[1:], slice(None, -1)),
    ):
        charged = same & (fees[row] > 0) & ~np.isnan(step) & ~np.isnan(money[row])
        if not charged.any():
            continue
        after_fees = np.abs(step[charged] - money[row][charged]) < 0.005
        before_fees = np.abs(step[charged] - (money[row][charged] - fees[row][charged])) < 0.005
        if after_fees.all() and not before_fees.all():
            return True
    return False


def _total_with_tips(samples: pd.DataFrame, columns: list[str], amount: str, taken: set) -> str:
    """The column of what the worker was paid: a `Total` that is the amount plus a tip or bonus
    column on every sample row (TaskRabbit's `Task Amount` 70.00 + `Tip` 15.00 = `Total`
    85.00), with a tip on some; else `amount`. The amount replaced stays taken: part of the
    pay, never to be guessed as the fee or the net."""
    money = _numbers(samples[amount])
    totals = [c for c in columns if "total" in str(c).casefold() and c != amount and c in samples]
    extras = [
        c
        for c in columns
        if c in samples and c not in taken and re.search(r"tip|bonus|gratuit", str(c), re.I)
    ]
    for total in totals:
        whole = _numbers(samples[total])
        for extra in extras:
            added = _numbers(samples[extra]).fillna(0.0)
            # the rows of paid work (a payout row has no task amount: -85.00 in Total alone)
            rows = whole.notna() & money.notna() & (money != 0)
            if (
                rows.any()
                and (added[rows] != 0).any()
                and ((money[rows] + added[rows] - whole[rows]).abs() < 0.005).all()
            ):
                return total
    return amount


def guess_mapping(columns: list[str], samples: pd.DataFrame | None = None) -> dict[str, str]:
    """Field -> column, for the fields there is a good guess for; each column used once.

    1. A column whose name contains a hint for the field (`NAME_HINTS`) and whose values fit
       the field (`FIELD_KINDS`; any values fit when none are known); a type column only when
       its values are kinds GigLens understands (`looks_like_kinds`).
    2. By the values alone: the first date column is the date, the first column of currency
       codes the currency, the first number column the amount (gross); a number column whose
       values are all smaller than the amounts (median under half) is the fee, and one equal
       to amount − fee on every row is the net. An amount that moves the running balance by
       itself, fees already taken (Wise's `Amount`), is the net (`_amount_is_after_fees`).
    3. A money-out column (`Debit`) is kept only beside an amount column that is empty on
       its rows (`Credit`).
    """
    kinds = {}
    if samples is not None and len(samples):
        kinds = {c: column_kind(samples[c]) for c in columns if c in samples}
    taken: set[str] = set()
    chosen: dict[str, str] = {}

    def fits(field: str, column: str) -> bool:
        if column in taken:
            return False
        if not kinds:
            return True
        if field == "kind" and column in samples and not looks_like_kinds(samples[column]):
            return False
        if field == "fee" and re.search(r"deliver", str(column), re.IGNORECASE):
            return False  # a courier's "Delivery fees" are their pay, a shop's the postage
        if field == "status" and column in samples and not _looks_like_statuses(samples[column]):
            return False  # `Paid to` (PayPal, Bank) says where the money went, not whether
        if field == "date" and str(column).strip().casefold() == "date" and column in samples:
            # a column named just "Date" with a typo or two in a short sample: most cells do
            return column_kind(samples[column], share_needed=0.5) == "date"
        return kinds.get(column) in FIELD_KINDS[field]

    for field in NAME_ORDER:
        for hint in NAME_HINTS[field]:
            column = next(
                (c for c in columns if hint in str(c).casefold() and fits(field, c)), None
            )
            if column is not None:
                chosen[field] = column
                taken.add(column)
                break
    if "gross_out" in chosen and not ({"gross", "net"} & set(chosen)):
        # a money-out column goes beside an amount column: alone, it is the amount ("Paid out")
        alone = chosen.pop("gross_out")
        if kinds:
            taken.discard(alone)  # the values say which number column is the amount
        else:
            chosen["gross"] = alone
    if not kinds:
        return chosen

    def first_of(kind: str) -> str | None:
        return next((c for c in columns if c not in taken and kinds.get(c) == kind), None)

    for field, kind in (("date", "date"), ("currency", "currency")):
        column = first_of(kind) if field not in chosen else None
        if column:
            chosen[field] = column
            taken.add(column)
    if "gross" not in chosen and "net" not in chosen:
        # an account's balance is no amount of a transaction
        column = next(
            (
                c
                for c in columns
                if c not in taken
                and kinds.get(c) == "number"
                and not re.search(BALANCE_NAMES, str(c), re.IGNORECASE)
            ),
            None,
        )
        if column:
            chosen["gross"] = column
            taken.add(column)
    if chosen.get("gross"):
        chosen["gross"] = _total_with_tips(samples, columns, chosen["gross"], taken)
        taken.add(chosen["gross"])
    amount = chosen.get("gross")
    # nor is it a fee or a net amount
    numbers = [
        c
        for c in columns
        if c not in taken
        and kinds.get(c) == "number"
        and not re.search(BALANCE_NAMES, str(c), re.IGNORECASE)
    ]
    if amount and "fee" not in chosen:
        gross = _numbers(samples[amount])
        for column in numbers:
            # small numbers beside the amounts, but money the worker gets or passes on
            if re.search(NOT_A_FEE, str(column), re.IGNORECASE):
                continue
            if _looks_like_fee(_numbers(samples[column]), gross):
                chosen["fee"] = column
                taken.add(column)
                break
    if amount and "fee" in chosen and "net" not in chosen:
        gross, fee = _numbers(samples[amount]), _numbers(samples[chosen["fee"]])
        for column in numbers:
            if column not in taken and _is_difference(_numbers(samples[column]), gross, fee):
                chosen["net"] = column
                taken.add(column)
                break
    if (
        amount
        and "fee" in chosen
        and "net" not in chosen
        and _amount_is_after_fees(samples, columns, amount, chosen["fee"], chosen.get("currency"))
    ):
        chosen["net"] = chosen.pop("gross")
    out, money_in = chosen.get("gross_out"), chosen.get("gross") or chosen.get("net")
    if out and (money_in is None or not _money_out_beside(samples, money_in, out)):
        del chosen["gross_out"]
    # ING writes `Saldo;Währung;Betrag;Währung`: the currency of the amount is the one right
    # after it, not the balance's before it
    if money_in and "currency" in chosen:
        after = columns.index(money_in) + 1
        beside = columns[after] if after < len(columns) else None
        if beside and beside not in taken and kinds.get(beside) == "currency":
            chosen["currency"] = beside
    return chosen


_CODE_IN_NAME = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")


def currency_in_values(samples: pd.DataFrame | None, column: str | None) -> str | None:
    """The currency the symbols of an amount column's first cells say (`$50.00` -> USD), if
    they all say the same one."""
    from analytics.parsing import currency_from_symbols

    if samples is None or column is None or column not in samples:
        return None
    codes = set(currency_from_symbols(samples[column].astype(str))) - {""}
    return codes.pop() if len(codes) == 1 else None


def currency_in_names(columns: list[str]) -> str | None:
    """The currency an amount column's name states (`Money in (EUR)`, `Amount €`), if exactly
    one is stated across `columns`: the default for "one currency for every row"."""
    from analytics.currency import supported_currencies
    from analytics.parsing import CURRENCY_SYMBOLS

    found = set()
    for column in columns:
        name = str(column)
        found |= {c for c in _CODE_IN_NAME.findall(name) if c in supported_currencies()}
        found |= {code for symbol, code in CURRENCY_SYMBOLS.items() if symbol in name}
    return found.pop() if len(found) == 1 else None


# Column names only a bank or card statement has: its money going out is the user's own
# spending (rent, shopping), not refunds to clients.
BANK_WORDS = (
    "iban",
    "bic",
    "saldo",
    "balance",
    "valuta",
    "value date",
    "buchungstag",
    "verwendungszweck",
    "auftraggeber",
    "empfänger",
    "counterparty",
    "payee",
    "merchant",
)


def looks_like_a_bank_account(columns: list[str]) -> bool:
    """Whether the file's columns are a bank's or card's (see BANK_WORDS)."""
    names = [normalise_header(c) for c in columns]
    return any(word in name for name in names for word in BANK_WORDS)


# platforms a file's name may name for the mapping form to suggest: not the time trackers
# (no money), the template, nor "freelancer" (a freelancer's own file is no Freelancer.com's)
_NOT_SUGGESTED = ("generic", "toggl", "clockify", "freelancer")


def platform_in_file_name(name: str) -> str:
    """The platform id a file's name names, for the mapping form's platform box to start with
    ("clickworker_payments.csv" -> "clickworker", "Cash App report.csv" -> "cashapp"): by its
    id or display name as whole words, case ignored. "" when it names none, or more than one
    ("paypal_to_upwork.csv"). A suggestion the user sees and can change: detecting a layout
    never goes by the name."""
    from analytics.schema import PLATFORM_NAMES

    words = " " + " ".join(re.findall(r"[a-z0-9]+", str(name).casefold())) + " "
    found = set()
    for platform, shown in PLATFORM_NAMES.items():
        if platform in _NOT_SUGGESTED:
            continue
        names = {platform, " ".join(re.findall(r"[a-z0-9]+", shown.casefold()))}
        if any(f" {n} " in words for n in names):
            found.add(platform)
    return found.pop() if len(found) == 1 else ""
