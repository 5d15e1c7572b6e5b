"""Column-wise parsing of the amounts and dates found in platform exports.

Everything here works on whole pandas Series (no per-row Python on the hot path) and reports
which cells could not be read, so the importer can reject those rows with a reason instead of
silently turning them into zero or NaT.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

# Why a row with no amount was not imported, and what to do (every importer says it alike).
NO_AMOUNT = (
    "no amount on this row: fill in the amount, or delete the row if it is not a transaction"
)
EMPTY_MARKERS = ("", "--", "-", "—", "n/a", "N/A", "nan", "NaN", "None", "null")

# Currency symbols and prefixes as they appear in amount cells, longest first so that "CA$"
# wins over "$".
CURRENCY_SYMBOLS: dict[str, str] = {
    "CA$": "CAD",
    "C$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "US$": "USD",
    "R$": "BRL",
    "MX$": "MXN",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "JP¥": "JPY",
    "¥": "JPY",
    "₹": "INR",
    "₱": "PHP",
    # gig workers' own currencies the ECB publishes no rate for (read; converted only with
    # another's rate): naira, cedi, Kenyan shilling written KSh, Pakistani rupee, taka...
    "₦": "NGN",
    "₵": "GHS",
    "KShs.": "KES",  # before "KSh": the alternatives are tried in this order
    "Kshs.": "KES",
    "KShs": "KES",
    "Kshs": "KES",
    "KSh": "KES",
    "Ksh": "KES",
    "Rs.": "PKR",
    "Rs": "PKR",  # after "Rs.", so that the dot goes with it
    "৳": "BDT",
    "₫": "VND",
    "₺": "TRY",
    "₩": "KRW",
    "₪": "ILS",
    "₴": "UAH",
    "zł": "PLN",
    "kr": "SEK",
    "CHF": "CHF",
}

_SYMBOLS_PATTERN = "|".join(re.escape(sym) for sym in CURRENCY_SYMBOLS)
_DECIMAL_COMMA = r"^[-+(]?[^\d]*\d{1,3}(\.\d{3})*,\d+\)?$|^[-+(]?[^\d]*\d+,\d{1,2}\)?$"
_THOUSANDS_POINT = r"-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"
_DECIMAL_POINT = r"^[-+(]?[^\d]*\d{1,3}(,\d{3})*\.\d+\)?$|^[-+(]?[^\d]*\d+\.\d+\)?$"
# How the digits of a cleaned amount (sign and symbols removed) may be grouped (a group of
# thousands never starts with 0: `0,125` is no 125). Anything else
# (`12,34` in a decimal-point file, `1.5` in a decimal-comma file) is unreadable: dropping the
# stray separator would multiply the amount by 100 or 10.
_POINT_GROUPING = r"(?:\d+|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d?(?:,\d{2})+,\d{3})?(?:\.\d*)?"
_COMMA_GROUPING = r"(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+)?(?:,\d*)?"


def typed_number(text: str, *, dot_thousands: bool = False) -> float | None:
    """A positive number as a person types it in a box: "1,550" and "1,550,000" (thousands),
    "1.550,5" and "1,550.5" (the last separator is the decimal one), "0,65" (a decimal comma),
    "1 550" and "1'550"; "1.550" is 1.55, or 1550 with `dot_thousands` (an amount of money as
    Germans write it). None for anything else, zero or below."""
    text = str(text).replace(" ", "").replace("'", "")
    if not text or not any(c.isdigit() for c in text):
        return None
    if "," in text and "." in text:  # the last separator is the decimal one
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in text:  # 1,550, 1,550,000 and 1,50,000 (lakhs) are thousands; 0,65 a decimal
        parts = text.split(",")
        thousands = (all(len(p) == 3 for p in parts[1:]) and parts[0] != "0") or bool(
            re.fullmatch(r"[1-9]\d?(,\d{2})+,\d{3}", text)
        )
        text = text.replace(",", "") if thousands else text.replace(",", ".")
    elif re.fullmatch(r"[1-9]\d{0,2}(\.\d{3}){2,}", text) or (
        dot_thousands and re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", text)
    ):  # 1.550.000, or 1.500 as Germans write 1,500
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 < value < float("inf") else None


def day_month_orders(a: int, b: int, separator: str, month_first: bool) -> list[tuple[int, int]]:
    """The (day, month) readings of a day written as two numbers `a` `separator` `b`, the
    one to try first first: `month_first` (4/15, as Americans write) or day first (15/4);
    a dot is day first whatever (15.4., as Europeans write)."""
    return [(b, a), (a, b)] if month_first and separator != "." else [(a, b), (b, a)]


def typed_day(text: str, *, month_first: bool = False) -> dt.date | None:
    """A day as a person types it with its year: "2026-04-15", "15 Apr 2026", "April 15,
    2026", or numbers ("15/4/2026", "15.4.26"; "4/15/2026" with `month_first`, and the other
    order where the first reading is no day). None for anything else."""
    text = " ".join(str(text).replace(",", " ").split())
    for fmt in ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    found = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})", text)
    if found is None:
        return None
    year = int(found[4]) + (2000 if len(found[4]) == 2 else 0)
    for day, month in day_month_orders(int(found[1]), int(found[3]), found[2], month_first):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Parsed:
    """Values parsed from a Series, and a mask of cells that held text that could not be read.

    `rounded` (amounts only): cells that had more decimals than kept (`1.234` -> 1.23), so the
    import can say so; None when nothing was rounded away.
    """

    values: pd.Series
    bad: pd.Series
    rounded: pd.Series | None = None


def as_text(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("").str.strip()


def is_empty(series: pd.Series) -> pd.Series:
    """True where a cell is empty or holds an empty marker such as `--`."""
    return as_text(series).isin(EMPTY_MARKERS)


def detect_decimal_comma(*columns: pd.Series) -> bool:
    """Decide once per file whether amounts use a decimal comma (`1.234,56`).

    Looks at all non-empty cells of the given columns and votes: cells that can only be read one
    way (`1.234,56`, `12,5`) decide; ambiguous cells such as `1,000` do not count.
    """
    comma, point, _ = decimal_votes(*columns)
    return comma > point


def decimal_votes(*columns: pd.Series) -> tuple[int, int, str | None]:
    """The votes of `detect_decimal_comma`: cells only a decimal comma reads, cells only a
    decimal point reads, and an ambiguous cell (`1.500`, `2,250`: a thousand or a fraction) if
    there is one."""
    texts = [as_text(col) for col in columns]
    texts = [text[~text.isin(EMPTY_MARKERS)] for text in texts]
    texts = [text for text in texts if not text.empty]
    if not texts:
        return 0, 0, None
    cells = pd.concat(texts, ignore_index=True) if len(texts) > 1 else texts[0]
    if not isinstance(cells.array, pd.arrays.ArrowStringArray):
        from analytics.canonical import TEXT_DTYPE

        cells = cells.astype(TEXT_DTYPE)
    import pyarrow.compute as pc

    # Every cell is voted on in one pass per shape, in Arrow (RE2) rather than cell by cell;
    # symbols, codes and a trailing minus (`1.500 €`, `1.500 EUR`, `1.500-`) say nothing.
    text = pc.replace_substring_regex(cells.array.__arrow_array__(), _ANY_SPACE, "")
    text = pc.replace_substring_regex(text, f"(?:{_SYMBOLS_PATTERN})|[A-Z]{{3}}", "")
    text = pc.replace_substring_regex(text, r"^([^-]*\d)-$", r"\1")
    # `12,500/=` is whole units: its separator groups thousands, which settles the file
    whole = pc.match_substring_regex(text, r"\d/[=-]$")
    grouped_by = {
        sep: int(
            pc.sum(
                pc.and_(whole, pc.match_substring_regex(text, rf"\d\{sep}\d{{3}}/[=-]$"))
            ).as_py()
            or 0
        )
        for sep in (",", ".")
    }
    text = pc.replace_substring_regex(text, r"(\d)/[=-]$", r"\1")

    def count(shape: str, ambiguous: str) -> int:
        votes = pc.and_(
            pc.match_substring_regex(text, shape),
            pc.invert(pc.match_substring_regex(text, ambiguous)),
        )
        return int(pc.sum(votes).as_py() or 0)

    # `1.500` or `2,250` (a thousand, or a fraction); `0.125` is a fraction whatever the file
    either = r"^[-+(]?[^\d]*[1-9]\d{0,2}[.,]\d{3}\)?$"
    comma = count(_DECIMAL_COMMA, r"^[-+(]?[^\d]*[1-9]\d{0,2},\d{3}\)?$")
    point = count(_DECIMAL_POINT, r"^[-+(]?[^\d]*[1-9]\d{0,2}\.\d{3}\)?$")
    # several groups settle it too: 1,500,000 has a decimal point, 1.500.000 a comma
    comma += count(r"^[-+(]?[1-9]\d{0,2}(\.\d{3}){2,}\)?$", r"^$") + grouped_by["."]
    point += count(r"^[-+(]?[1-9]\d{0,2}(,\d{3}){2,}\)?$", r"^$") + grouped_by[","]
    ambiguous = pc.filter(text, pc.match_substring_regex(text, either))
    return comma, point, (ambiguous[0].as_py() if len(ambiguous) else None)


# Whitespace as Python's `\s` sees it, spelled for RE2 (whose `\s` is ASCII only): spaces
# inside amounts (`1 234,56`, no-break and thin spaces) are dropped before the vote.
_ANY_SPACE = r"[\s\pZ\x{1c}-\x{1f}\x{85}]"


def on_uniques(series: pd.Series, fn) -> pd.Series:
    """Apply a column-wise `fn` to the distinct values only, then spread the result back.

    Exports repeat the same dates, names and amounts many times; parsing each distinct value
    once keeps large files fast. `fn` takes and returns a Series indexed 0..n-1; missing cells
    are passed to it as one extra None value.
    """
    from analytics.canonical import codes_of

    codes, values = codes_of(series)  # factorized once per Series, however often it is used
    return _spread(fn(values.copy()), codes, series.index)


def rows_where(series: pd.Series, fn) -> pd.Series:
    """`on_uniques` for a yes/no `fn`: a boolean Series, False everywhere at once when no
    distinct value says yes (the usual case of a check for something rare)."""
    from analytics.canonical import codes_of

    codes, values = codes_of(series)
    done = fn(values.copy()).fillna(False).astype(bool)
    if not done.any():
        return pd.Series(False, index=series.index)
    return _spread(done, codes, series.index)


def matches_re2(cells: pd.Series, pattern: str) -> pd.Series:
    r"""Where text `cells` contain `pattern`, searched by Arrow's RE2 engine in one pass.

    pandas hands a pattern with `\s`, `\d` or `\b` to Python's `re` one cell at a time (their
    Unicode meanings differ in RE2), about ten times slower on a large file. Patterns given here
    are written for RE2: `\s` is ASCII white space (add `\pZ` for the others), `\d` ASCII
    digits. Missing cells are False."""
    import pyarrow.compute as pc

    from analytics.canonical import TEXT_DTYPE

    if cells.empty:
        return pd.Series(False, index=cells.index, dtype=bool)
    text = cells if cells.dtype == TEXT_DTYPE else cells.astype(TEXT_DTYPE)
    found = pc.match_substring_regex(text.array.__arrow_array__(), pattern)
    return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False), index=cells.index)


def _spread(done: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Per-distinct results `done` spread over the rows by `codes`; text results stay Arrow
    strings and remember their codes (see `canonical.remember_codes`)."""
    from analytics.canonical import TEXT_DTYPE, remember_codes

    done = done.reset_index(drop=True)
    if done.dtype == object and pd.api.types.infer_dtype(done, skipna=True) == "string":
        done = done.astype(TEXT_DTYPE)  # Arrow strings: the take below stays in Arrow
    # `take` keeps the result's own storage (e.g. Arrow strings) without a Python round trip.
    out = done.take(codes)
    out.index = index
    if out.dtype == TEXT_DTYPE:
        remember_codes(out, codes, done)
    return out


def on_unique_rows(fn, *columns: pd.Series) -> pd.Series:
    """`fn(*columns)` worked out once per distinct combination of the columns' cells.

    For text built from several repetitive columns (`type + ": " + detail`): `fn` gets one
    Series per column, holding each distinct combination once (indexed 0..k-1), and returns
    the result per combination, which is spread back over the rows.
    """
    from analytics.canonical import codes_of

    coded = [codes_of(column) for column in columns]
    key = coded[0][0]
    for codes, distinct in coded[1:]:
        key = pd.factorize(key * len(distinct) + codes)[0]  # stays below rows x distinct
    combination, _ = pd.factorize(key)
    combinations = int(combination.max()) + 1 if len(combination) else 0
    first_row = np.empty(combinations, dtype=np.int64)
    first_row[combination[::-1]] = np.arange(len(combination))[::-1]
    parts = [distinct.take(codes[first_row]).reset_index(drop=True) for codes, distinct in coded]
    return _spread(fn(*parts), combination, columns[0].index)


# Spaces a spreadsheet or a platform may put in an amount: ordinary, no-break, narrow no-break,
# and the invisible zero-width ones.
_AMOUNT_SPACES = "[\\s\u00a0\u202f\u2009\u200b\u200c\u200d\ufeff]"
# Digits split by a space are thousands groups only in threes: `1 234,56`, not `12 00`.
# the spaces as characters, not \u escapes: older Arrow regex engines (RE2) refuse those
_SPACED_GROUPS = r"\D*\d{1,3}(?:[\s" + "\u00a0\u202f\u2009" + r"]\d{3})+(?:[.,]\d+)?\D*"


# ISO 4217 currency codes in use: the only three letters an amount may carry beside it (an
# invoice number `INV-101` is no amount of -101 in "INV").
ISO_4217 = frozenset(
    [
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CRC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SLL",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SVC",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "UYU",
        "UZS",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XCG",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWG",
        "ZWL",
    ]
)
ISO_CODE = "(?:" + "|".join(sorted(ISO_4217)) + ")"


def _clean_amounts(text: pd.Series, decimal_comma: bool) -> pd.Series:
    text = as_text(text).str.replace("\u2212", "-", regex=False)  # the Unicode minus sign
    spaced = text.str.contains(_AMOUNT_SPACES.join([r"\d", r"+\d"]), regex=True)
    bad_spacing = spaced & ~text.str.fullmatch(_SPACED_GROUPS).fillna(False).astype(bool)
    cleaned = text.str.replace(_AMOUNT_SPACES + "|'", "", regex=True)
    # Drop currency symbols and codes (before the sign checks: `$(12.00)`, `(£12.00)`); anything
    # else that is not a digit, separator or sign (a typo such as `6O.00`) makes the cell
    # unreadable rather than silently different.
    cleaned = cleaned.str.replace(_SYMBOLS_PATTERN, "", regex=True)
    # a code before or after the number, inside a bracket too: `(USD 12.00)`, `(12.00 USD)`
    cleaned = cleaned.str.replace(r"^(-?\(?)" + ISO_CODE + r"(?![A-Z])", r"\1", regex=True)
    cleaned = cleaned.str.replace(r"(?<![A-Z])" + ISO_CODE + r"(\)?)$", r"\1", regex=True)
    # `12,-` (German) or `12.–` (Swiss): whole units, the dash standing for no cents (not a
    # trailing minus). Only after the file's own decimal separator.
    separator = "," if decimal_comma else "[.]"
    cleaned = cleaned.str.replace(r"(\d)" + separator + "[-–—]{1,2}([)]?)$", r"\1\2", regex=True)
    # `12,500/=` (East Africa) or `500/-` (South Asia): whole units, no cents
    cleaned = cleaned.str.replace(r"(\d)/[=-]([)]?)$", r"\1\2", regex=True)
    # Excel's Accounting format writes zero as a dash beside the symbol (` $-   `, `-   €`); a
    # bare `-` stays an empty marker
    accounting_zero = (cleaned == "-") & (text.str.strip() != "-")
    bracketed = cleaned.str.match(r"^-?\(.*\)$")
    half_bracketed = cleaned.str.contains(r"[()]", regex=True) & ~bracketed  # `(12.00`
    negative = bracketed | (cleaned.str.endswith("-") & ~cleaned.str.startswith("-"))
    cleaned = cleaned.str.lstrip("-").where(negative, cleaned)
    cleaned = cleaned.str.strip("()").str.rstrip("-")
    invalid = cleaned.str.contains(r"[^\d,.\-+]", regex=True) | bad_spacing | half_bracketed
    cleaned = cleaned.mask(invalid, "x")
    digits = cleaned.str.replace(r"^[-+]+", "", regex=True)
    grouping = _COMMA_GROUPING if decimal_comma else _POINT_GROUPING
    cleaned = cleaned.mask((digits != "") & ~digits.str.fullmatch(grouping), "x")
    if decimal_comma:
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        cleaned = cleaned.str.replace(",", "", regex=False)
    # A minus before the symbol (`-£4.80`) survives as a leading `-`; `+` is harmless.
    values = pd.to_numeric(cleaned.where(cleaned != "", None), errors="coerce").astype("float64")
    return values.where(~negative, -values.abs()).mask(accounting_zero, 0.0)


# Amounts from a trillion up are no payment a person received, and beyond ~90 trillion a float
# can no longer hold every cent: such a cell is unreadable, not a number to add up.
LARGEST_AMOUNT = 1e12


def parse_amount(
    series: pd.Series, *, decimal_comma: bool = False, decimals: int | None = 2
) -> Parsed:
    """`_parse_amount`, with amounts of a trillion or more (`99999999999999999999`) flagged as
    unreadable."""
    parsed = _parse_amount(series, decimal_comma=decimal_comma, decimals=decimals)
    huge = (parsed.values.abs() >= LARGEST_AMOUNT).to_numpy()
    if not huge.any():
        return parsed
    return replace(
        parsed,
        values=parsed.values.mask(huge),
        bad=parsed.bad | pd.Series(huge, index=parsed.bad.index),
    )


def _parse_amount(
    series: pd.Series, *, decimal_comma: bool = False, decimals: int | None = 2
) -> Parsed:
    """Parse money cells into floats rounded to the cent.

    Handles currency symbols and codes (`-£1.44`, `CA$76.00`, `USD 5`), thousands separators,
    decimal commas (when `decimal_comma`), `(12.00)` as negative, a trailing minus (`12.00-`),
    Excel's Accounting zero (`$ -`, `-  €`) as 0, and empty markers (`--`, `-`, blank), which
    become NaN without being flagged as bad.
    Numbers that are already numeric (typed by the CSV reader or Excel) pass through.
    """
    if pd.api.types.is_numeric_dtype(series):
        values = pd.to_numeric(series, errors="coerce").astype("float64")
        unread = pd.Series(False, index=series.index)
        return (
            _rounded(values, decimals, unread) if decimals is not None else Parsed(values, unread)
        )
    if isinstance(series.array, pd.arrays.ArrowStringArray):
        cells = series.array.__arrow_array__()
        numbers = _comma_numbers(cells) if decimal_comma else _arrow_numbers(cells)
        if numbers is not None and not np.isinf(numbers).any():
            values = pd.Series(numbers, index=series.index, copy=False)
            unread = pd.Series(np.zeros(len(series), dtype=bool), index=series.index, copy=False)
            return (
                _rounded(values, decimals, unread)
                if decimals is not None
                else Parsed(values, unread)
            )
    empty = series.isna() | as_text(series).isin(EMPTY_MARKERS)
    values = pd.Series(np.nan, index=series.index, dtype="float64")
    todo = ~empty
    if not decimal_comma:
        # Fast path: plain numbers such as `16.5` or `-0.77` need no cleaning.
        # A cell with a comma is never a plain number; leaving those out of `to_numeric` spares
        # it a slow failure per cell in files that write `1,653.75`.
        if isinstance(series.array, pd.arrays.ArrowStringArray):
            values = pd.Series(_plain_numbers(series.array.__arrow_array__()), index=series.index)
        else:
            plain = todo & ~as_text(series).str.contains(",", regex=False)
            values = pd.to_numeric(series.where(plain), errors="coerce").astype("float64")
        todo &= values.isna()
        # Second fast path: thousands commas and nothing else (`1,653.75`, `-12,431.37`), which
        # the cleaning below would read the same way; amounts are mostly distinct, so this
        # saves running every cleaning step on each of them.
        if todo.any():
            text = series[todo]
            grouped = text.str.fullmatch(_THOUSANDS_POINT).fillna(False).astype(bool)
            if grouped.any():
                plain = text[grouped].str.replace(",", "", regex=False)
                values[plain.index] = pd.to_numeric(plain, errors="coerce").astype("float64")
                todo[plain.index] = False
    if todo.any():
        slow = on_uniques(series[todo], lambda u: _clean_amounts(u, decimal_comma))
        values[todo] = slow.astype("float64")
    infinite = np.isinf(values)
    if infinite.any():  # `inf` or `Infinity` reads as a float but is no amount of money
        values = values.mask(infinite)
    bad = values.isna() & ~empty
    if decimals is None:
        return Parsed(values, bad)
    return _rounded(values, decimals, bad)


def _rounded(values: pd.Series, decimals: int, bad: pd.Series) -> Parsed:
    """`values` rounded to `decimals`, noting the cells that had more (beyond float noise such
    as 0.30000000000000004, which a spreadsheet formula leaves)."""
    kept = values.round(decimals)
    lost = (values - kept).abs() > 1e-6
    if lost.any():
        # half away from zero, as accounting and spreadsheets round (1.125 -> 1.13, -1.125 ->
        # -1.13; `round` goes to even), on the value without its float noise (2.675 is
        # 2.67499999... as a float)
        scale = 10.0**decimals
        more = values[lost]
        scaled = (more.abs() * scale).round(6)
        kept = kept.copy()
        kept[lost] = np.sign(more) * np.floor(scaled + 0.5) / scale + 0.0
    return Parsed(kept, bad, lost if lost.any() else None)


def _arrow_numbers(cells) -> np.ndarray | None:
    """Fast path for Arrow text: every cell a plain number (`-0.77`), a number with thousands
    commas (`1,653.75`), either behind a currency symbol (`-$1.44`, `$-1.44`, `£1,200.00`), or
    empty (see EMPTY_MARKERS). Returns floats (NaN where empty), or None when some cell needs
    the full cleaning in `_clean_amounts`."""
    import pyarrow.compute as pc

    text = pc.fill_null(cells, "") if cells.null_count else cells
    numbers = _cast_numbers(text)  # the usual case: every cell a plain number
    if numbers is not None:
        return numbers
    if len(text) and pc.max(pc.binary_length(text)).as_py() == 0:  # an empty column
        return np.full(len(text), np.nan)
    numbers = _grouped_numbers(text)
    if numbers is None and pc.any(pc.match_substring_regex(text, _LEADING_SYMBOL)).as_py():
        # Amounts behind a symbol repeat (`-$0.20` on every listing fee): strip each distinct
        # cell once.
        coded = pc.dictionary_encode(text).combine_chunks()
        distinct = pc.replace_substring_regex(coded.dictionary, _LEADING_SYMBOL, r"\1\2")
        numbers = _grouped_numbers(distinct)
        if numbers is not None:
            numbers = numbers[coded.indices.to_numpy(zero_copy_only=False)]
    return numbers


def _comma_numbers(cells) -> np.ndarray | None:
    """Fast path for Arrow text in a decimal-comma file: every cell `1.234,56`, `-12,5`, `7`
    or empty. Returns floats (NaN where empty), or None when some cell needs the full cleaning
    in `_clean_amounts` (symbols, brackets, `1.5`, markers such as `--`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.fill_null(cells, "") if cells.null_count else cells
    shape = r"^(?:[-+]?(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?)?$"
    if (
        len(text) > 4096
        and not pc.all(pc.match_substring_regex(text.slice(0, 1024), shape)).as_py()
    ):
        return None  # a failed look at a big column costs as much as a good one: try a little first
    if not pc.all(pc.match_substring_regex(text, shape)).as_py():
        return None
    plain = pc.replace_substring(pc.replace_substring(text, ".", ""), ",", ".")
    plain = pc.if_else(pc.equal(plain, ""), pa.scalar(None, type=plain.type), plain)
    return pc.cast(plain, pa.float64()).to_numpy(zero_copy_only=False)


# A currency symbol right before a number (`$5.50`, `-£1,200.00`, `CA$-3`): the symbol is
# dropped, the signs kept. Anything else around the number is left to `_clean_amounts`.
_LEADING_SYMBOL = f"^([-+]?)(?:{_SYMBOLS_PATTERN})([-+]?[0-9][0-9,]*(?:\\.[0-9]*)?)$"


# A cell `pandas.to_numeric` and Arrow read alike: digits, one point, a sign, an exponent.
_PLAIN_NUMBER = r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"


def _plain_numbers(cells) -> np.ndarray:
    """Floats of the plain-number cells, NaN for every other cell (read one by one later):
    one vectorised pass, so a column with a few bad cells is not parsed cell by cell."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.fill_null(cells, "") if cells.null_count else cells
    plain = pc.match_substring_regex(text, _PLAIN_NUMBER)
    kept = pc.if_else(plain, text, pa.scalar(None, type=text.type))
    return pc.cast(kept, pa.float64()).to_numpy(zero_copy_only=False)


def _cast_numbers(text) -> np.ndarray | None:
    """`text` as floats, or None when some cell is not a plain number (a failed cast of a big
    column costs about as much as a good one, so its first cells are tried alone first)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(text) > 4096 and _cast_numbers(text.slice(0, 1024)) is None:
        return None
    try:
        return pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _grouped_numbers(text) -> np.ndarray | None:
    """Plain numbers, numbers with thousands commas and empty markers, else None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    with_comma = pc.match_substring(text, ",")
    if pc.any(with_comma).as_py():
        grouped = pc.match_substring_regex(pc.filter(text, with_comma), f"^{_THOUSANDS_POINT}$")
        if not pc.all(grouped).as_py():
            return None
        text = pc.replace_substring(text, ",", "")
        numbers = _cast_numbers(text)
        if numbers is not None:
            return numbers
    text = pc.utf8_trim_whitespace(text)
    empty = pc.is_in(text, value_set=pa.array(EMPTY_MARKERS, type=text.type))
    return _cast_numbers(pc.if_else(empty, pa.scalar(None, type=text.type), text))


def currency_from_symbols(series: pd.Series) -> pd.Series:
    """ISO code implied by the symbol in each amount cell (`£1.44` -> GBP), empty if none."""
    return on_uniques(series, _currency_from_symbols)  # each distinct cell read once


def _currency_from_symbols(series: pd.Series) -> pd.Series:
    text = as_text(series)
    out = pd.Series("", index=series.index, dtype="object")
    for symbol, code in CURRENCY_SYMBOLS.items():  # longest-first order matters
        hit = (out == "") & text.str.contains(symbol, regex=False)
        out = out.mask(hit, code)
    # a code beside the number, with or without a space (`KES4,500`, `4,500 KES`)
    codes = text.str.extract(f"(?<![A-Za-z])({ISO_CODE})(?![A-Za-z])", expand=False).fillna("")
    out = out.mask((out == "") & (codes != ""), codes)
    return out


# Date formats tried per file (see `parse_date`). The first format that reads every non-empty
# cell wins; a file is never read with a mix of day-first and month-first.
# pandas' ISO8601 mode reads `2025-01-03`, `2025-01-03 10:00` and `2025-01-03T10:00:00` alike,
# which spreadsheet cells need (a midnight date-time comes back as a bare date).
ISO = "ISO8601"
DATE_FORMATS_ISO = [ISO]
DATE_FORMATS_MONTH_FIRST = [
    "%m/%d/%Y",
    "%m/%d/%y",
    "%m-%d-%Y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
]
DATE_FORMATS_DAY_FIRST = [
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M",
]
DATE_FORMATS_WORDS = [
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %B, %Y",
    "%d %b, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%y",
    "%A, %B %d, %Y",  # Excel's Long Date: Friday, January 3, 2025
    "%A, %d %B %Y",  # ...as a UK Excel writes it: Friday, 3 January 2025
]


def parse_date(
    series: pd.Series,
    formats: list[str] | None = None,
    *,
    day_first: bool | None = None,
    weights: np.ndarray | None = None,
) -> tuple[Parsed, str | None]:
    """Parse a date column with one explicit format chosen for the whole file.

    `formats` lists the layout's own candidates in order of preference (defaults: ISO, then
    month-first or day-first numeric depending on `day_first`, then written-out months). The
    first of them that reads every cell is used. Otherwise the other day/month order of those
    formats and the usual spreadsheet re-formats (`SPREADSHEET_DATE_FORMATS`) are tried too, and
    the format that reads the most cells wins; ties go to the layout's own formats, then to the
    layout's day/month order (see `_spreadsheet_candidates`). Cells the chosen format cannot read
    are flagged as bad: a file is never read with a mix of formats. Two-digit years are 20xx.
    Time-zone suffixes such as ` PST`, ` UTC` or `-07:00` are ignored (the local time as
    written is kept, never moved to UTC). Excel datetimes pass through
    unchanged. `weights` (one per cell of `series`, default 1) says how many rows a cell stands
    for, when `series` holds distinct values. Returns the result and the format used (None for
    an empty column).
    """
    if pd.api.types.is_datetime64_any_dtype(series):
        values = (
            pd.to_datetime(series).dt.tz_localize(None)
            if getattr(series.dt, "tz", None)
            else series
        )
        return Parsed(
            values.astype("datetime64[ns]"), pd.Series(False, index=series.index)
        ), "excel"
    if formats is None:
        numeric = DATE_FORMATS_DAY_FIRST if day_first else DATE_FORMATS_MONTH_FIRST
        other = DATE_FORMATS_MONTH_FIRST if day_first else DATE_FORMATS_DAY_FIRST
        formats = (
            DATE_FORMATS_ISO
            + numeric
            + ([] if day_first is not None else other)
            + DATE_FORMATS_WORDS
        )
    elif ISO not in formats:
        formats = [*formats, ISO]  # spreadsheet cells arrive as ISO text whatever the platform
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    text = as_text(pd.Series(uniques, dtype=object))
    empty_u = text.isin(EMPTY_MARKERS)
    text = _date_text(text)
    candidates = text[~empty_u]
    if candidates.empty:
        nat = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
        return Parsed(nat, pd.Series(False, index=series.index)), None
    # Rows each distinct value stands for: the format that reads the most cells wins.
    seen = codes >= 0
    rows = np.bincount(
        codes[seen],
        weights=None if weights is None else np.asarray(weights, dtype="float64")[seen],
        minlength=len(uniques),
    )
    rows = rows[candidates.index.to_numpy()]
    total = rows.sum()
    # The layout's own formats first: the first that reads every cell is used as it is.
    best_fmt, best_count, best = None, -1.0, None
    for fmt in formats:
        parsed = _read_dates(candidates, fmt)
        count = rows[parsed.notna().to_numpy()].sum()
        if count > best_count:
            best_fmt, best_count, best = fmt, count, parsed
        if count == total:
            break
    if best_count < total:
        # Some cells are unread: the file may have been re-saved by a spreadsheet.
        shapes = _date_shapes(candidates)
        for fmt in _spreadsheet_candidates(formats, day_first):
            fits = (shapes == _format_shape(fmt)).to_numpy()
            if not fits.any() or rows[fits].sum() <= best_count:
                continue  # it cannot read more cells than the best so far
            parsed = _read_dates(candidates[fits], fmt)
            count = rows[fits][parsed.notna().to_numpy()].sum()
            if count > best_count:
                best_fmt, best_count = fmt, count
                best = parsed.reindex(candidates.index)
            if count == total:
                break
    if best_fmt != ISO:
        best = _with_iso_cells(candidates, best)
    parsed_u = np.full(len(uniques), np.datetime64("NaT"), dtype="datetime64[ns]")
    parsed_u[candidates.index.to_numpy()] = best.to_numpy(dtype="datetime64[ns]")
    missing = codes < 0
    values = parsed_u[np.where(missing, 0, codes)] if len(parsed_u) else parsed_u
    values = pd.Series(values, index=series.index, dtype="datetime64[ns]")
    empty = pd.Series(empty_u.to_numpy()[np.where(missing, 0, codes)], index=series.index)
    empty |= missing
    values = values.where(~empty)
    bad = values.isna() & ~empty
    return Parsed(values, bad), best_fmt


# How spreadsheets (Excel, LibreOffice, Google Sheets) rewrite a date when a user re-saves an
# export, tried when the layout's own formats leave cells unread. Each is also tried with a time
# of day (` 0:00`, ` 10:00:00`); strptime reads `9/6/2023` and `09/06/2023` alike.
SPREADSHEET_DATE_FORMATS = [
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%m/%d/%y",
    "%d/%m/%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%m-%d-%Y",
    "%d-%m-%Y",
    "%Y-%m-%d",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%Y/%m/%d",
]
_TIMES_OF_DAY = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p")


def _date_text(text: pd.Series) -> pd.Series:
    """Date cells as the formats read them: time zones dropped (` PST`, ` +0100` after the
    time, or an offset glued to it: the local time as written is the date the money moved for
    the user, not the UTC one), spaces collapsed, fractions of a second dropped."""
    # ` AM`/` PM` is part of the time, not a zone
    half_day = text.str.contains(r"\d\s*[AaPp][Mm]$", regex=True).fillna(False).astype(bool)
    text = text.where(
        half_day, text.str.replace(r"\s+([A-Z]{2,5}|[+-]\d{2}:?\d{2}|Z|UTC)$", "", regex=True)
    )
    text = text.str.replace(
        r"(\d:\d\d(?::\d\d(?:\.\d+)?)?)(?:Z|[+-]\d{2}:?\d{2})$", r"\1", regex=True
    )
    return text.str.replace(r"\s+", " ", regex=True).str.replace(
        r"(\d:\d\d)\.\d+$", r"\1", regex=True
    )


def read_with(cells: pd.Series, fmt: str) -> pd.Series:
    """`cells` read with one strptime format, as `parse_date` reads them (NaT where not)."""
    return _read_dates(_date_text(as_text(cells)), fmt)


def other_order(fmt: str | None) -> str | None:
    """The same numeric format with day and month swapped (None if it has no such order)."""
    if not fmt or not _day_month_order(fmt):
        return None
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def other_orders(fmt: str | None) -> list[str]:
    """`other_order(fmt)` written with each of `/`, `-` and `.` between day, month and year
    (`%m/%d/%Y` -> `%d/%m/%Y`, `%d-%m-%Y`, `%d.%m.%Y`): a cell in any of them shows the other
    order."""
    swapped = other_order(fmt)
    if swapped is None:
        return []
    date_part, _, time = swapped.partition(" ")
    time = f" {time}" if time else ""
    seps = [sep for sep in "/-." if sep in date_part]
    if len(seps) != 1:
        return [swapped]
    return list(dict.fromkeys(date_part.replace(seps[0], sep) + time for sep in "/-."))


ISO_CELL = r"\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"


def _with_iso_cells(candidates: pd.Series, best: pd.Series) -> pd.Series:
    """`best` with the cells its format left unread that are full ISO dates (`2026-03-04`, as a
    real date cell of a spreadsheet reads) read as such: a year-first date cannot be confused
    with a day-first or month-first one, so it is no second format guessed for the file."""
    unread = best.isna().to_numpy()
    if not unread.any():
        return best
    text = candidates[unread]
    fits = text.str.fullmatch(ISO_CELL).fillna(False).astype(bool)
    if not fits.any():
        return best
    read = pd.to_datetime(text[fits], format="ISO8601", errors="coerce")
    best = best.copy()
    best.loc[read.index] = read
    return best


def _read_dates(text: pd.Series, fmt: str) -> pd.Series:
    """`text` read with one format (NaT where it does not fit); two-digit years are 20xx."""
    values = pd.to_datetime(text, format=fmt, errors="coerce")
    if fmt == ISO:  # ISO 8601 also reads `2024` and `20240711`: a date here has all three parts
        values = values.where(text.str.match(r"\d{4}-\d{1,2}-\d{1,2}").fillna(False).astype(bool))
    if "%y" in fmt:  # strptime puts `69`-`99` in the 1900s; no export is that old
        values = values.mask(values.dt.year < 2000, values + pd.DateOffset(years=100))
    return values


def _day_month_order(fmt: str) -> str | None:
    """`"dm"` for a day-first numeric format (`%d/%m/%Y`), `"md"` for month-first, None when
    the format says nothing about it (year first, or a month written out)."""
    if "%d" not in fmt or "%m" not in fmt or fmt.startswith(("%Y", "%y")):
        return None
    return "dm" if fmt.index("%d") < fmt.index("%m") else "md"


def _spreadsheet_candidates(own: list[str], day_first: bool | None) -> list[str]:
    """Formats to try after the layout's `own`: their other day/month order, then the
    spreadsheet re-formats, the layout's day/month order first (month-first when neither
    `day_first` nor the layout says, as the platforms are US-based)."""
    if day_first is None:
        orders = [_day_month_order(fmt) for fmt in own]
        day_first = next((order == "dm" for order in orders if order), False)
    swapped = [other_order(fmt) for fmt in own if other_order(fmt)]
    resaved = [fmt + time for fmt in SPREADSHEET_DATE_FORMATS for time in _TIMES_OF_DAY]
    extra = [fmt for fmt in dict.fromkeys(swapped + resaved) if fmt not in own]
    preferred = "dm" if day_first else "md"
    return sorted(extra, key=lambda fmt: _day_month_order(fmt) not in (None, preferred))


def _date_shapes(text: pd.Series) -> pd.Series:
    """Each cell with its digit runs as `9` and letter runs as `a` (`16-Sep-23` -> `9-a-9`):
    a strptime format can only read cells of its own shape, so the others are never tried."""
    return text.str.replace(r"[0-9]+", "9", regex=True).str.replace(r"[A-Za-z]+", "a", regex=True)


def _format_shape(fmt: str) -> str:
    """The shape (see `_date_shapes`) of the cells a strptime format reads."""
    text = re.sub(r"%[bBaAp]", "A", re.sub(r"%[dmyYHMSIjf]", "0", fmt))
    return re.sub(r"[A-Za-z]+", "a", re.sub(r"[0-9]+", "9", text))


def describe_order(fmt: str | None) -> str:
    """How a format orders a date, with an example: `%d/%m/%Y` -> `day/month/year (31/12/2025)`."""
    example = describe_format(fmt)
    if not fmt or fmt in ("excel", ISO):
        return example
    parts = {"%d": "day", "%m": "month", "%b": "month", "%B": "month", "%Y": "year", "%y": "year"}
    date_part = re.sub(r"[ T]%[HI].*$", "", fmt)  # the time of day, if any, is not an order
    order = re.sub(r"%[dmbBYy]", lambda m: parts[m.group(0)], date_part)
    return example if "%" in order else f"{order} ({example})"


def ambiguous_order(
    distinct: pd.Series, fmt: str | None
) -> tuple[str, pd.Timestamp, pd.Timestamp] | None:
    """When every one of `distinct` (the distinct date cells read with `fmt`) reads just as
    well with day and month swapped and some read differently: (an example cell, its date as
    read, its date the other way); else None. Only slash and dash formats with the day or
    month first (`%d.%m.%Y` is day-first wherever it is written, `%Y-%m-%d` year-first)."""
    if not fmt or fmt in ("excel", ISO) or "%d" not in fmt or "%m" not in fmt:
        return None
    date_part = re.sub(r"[ T]%[HI].*$", "", fmt)
    if "." in date_part or date_part.startswith("%Y") or date_part.startswith("%y"):
        return None
    swapped = fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
    cells = distinct.dropna().astype(str).str.strip()
    cells = cells[cells != ""]
    # a full ISO date beside them (read as such, see `_with_iso_cells`) settles nothing
    cells = cells[~cells.str.fullmatch(ISO_CELL).fillna(False).astype(bool)]
    if cells.empty:
        return None
    read = pd.to_datetime(cells, format=fmt, errors="coerce")
    other = pd.to_datetime(cells, format=swapped, errors="coerce")
    if read.isna().any() or other.isna().any():
        return None  # a day above 12 decides
    differ = read != other
    if not differ.any():
        return None
    first = differ.to_numpy().nonzero()[0][0]
    return cells.iloc[first], read.iloc[first], other.iloc[first]


def describe_format(fmt: str | None) -> str:
    """A human example of a strptime format, e.g. `%d/%m/%Y` -> `31/12/2025`."""
    if not fmt or fmt == "excel":
        return "a date"
    if fmt == ISO:
        return "2025-12-31"
    return pd.Timestamp("2025-12-31 13:45:00").strftime(fmt)


def money_equal(a: pd.Series, b: pd.Series) -> pd.Series:
    """True where two money columns agree to the cent (NaN never equals)."""
    return (a - b).abs() < 0.005
