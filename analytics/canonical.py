"""The canonical transaction table built from what an importer emitted, with its `txn_id`.

Text columns are factorized once, so cleaning, hashing and the categoricals work on distinct
values; the fingerprint makes the same row in two overlapping downloads get the same id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.schema import stream_for

TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default `str` dtype


class _Coded:
    """A text column as integer codes into its distinct values (each value cleaned once).

    `codes` are in the emitted parts' order; `values` holds the cleaned distinct strings. The
    conform-style text (`canonical`) is worked out once and shared by the hashes, the strings
    and the categoricals.
    """

    def __init__(self, codes: np.ndarray, values: pd.Series, *, is_canonical: bool = False):
        self.codes = codes
        self.values = values
        self._canon: _Coded | None = self if is_canonical else None

    def hashes(self) -> np.ndarray:
        """uint64 hash per cell of the cleaned text (each distinct value hashed once)."""
        canon = self.canonical()
        cells = canon.values.to_numpy(dtype=object)
        return pd.util.hash_array(cells, categorize=False)[canon.codes]

    def canonical(self) -> _Coded:
        """The same column as conform's `fillna("").astype(str)` text, duplicates merged."""
        if self._canon is None:
            text = self.values.fillna("").astype(str)
            codes, uniques = pd.factorize(text)
            canon = _Coded(codes[self.codes], pd.Series(uniques, dtype=text.dtype))
            canon._canon = canon
            self._canon = canon
        return self._canon

    def strings(self, order: np.ndarray | None) -> pd.Series:
        """The cells (as conform writes them) in `order`."""
        canon = self.canonical()
        codes = canon.codes if order is None else canon.codes[order]
        if len(codes) == len(canon.values) and (
            len(codes) == 0 or (codes[0] == 0 and (np.diff(codes) == 1).all())
        ):
            return canon.values.reset_index(drop=True)  # every cell distinct, already in order
        return canon.values.take(codes).reset_index(drop=True)

    def categorical(self, order: np.ndarray | None) -> pd.Categorical:
        """The cells as the categorical `astype("category")` would give (sorted categories)."""
        canon = self.canonical()
        codes = canon.codes if order is None else canon.codes[order]
        used = np.bincount(codes, minlength=len(canon.values)) > 0
        # Only values that occur become categories, as with astype("category").
        dtype = canon.values[used].astype("category").dtype
        category_code = np.full(len(canon.values), -1, dtype="int64")
        category_code[used] = dtype.categories.get_indexer(canon.values[used])
        return pd.Categorical.from_codes(category_code[codes], dtype=dtype)


def _coded(values: pd.Series | None, length: int, clean=None, order=None) -> _Coded:
    """Factorize a text column once; `clean` (distinct values -> cleaned values) runs on the
    distinct values only. A missing column is all-missing. Codes come back in `order`."""
    if values is None:
        codes = np.full(length, -1, dtype="int64")
        uniques = np.zeros(0, dtype=object)
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        if clean is None and values.dtype == TEXT_DTYPE:
            return _coded_text(codes, uniques, order)
        uniques = np.asarray(uniques, dtype=object)
    missing = codes < 0
    if missing.any():  # missing cells get one extra distinct value, None
        codes = np.where(missing, len(uniques), codes)
        uniques = np.append(uniques, None)
    distinct = pd.Series(uniques, dtype=object)
    if clean is not None:
        distinct = clean(distinct).reset_index(drop=True)
    codes = np.asarray(codes, dtype="int64")
    return _Coded(codes if order is None else codes[order], distinct)


def _coded_text(codes: np.ndarray, uniques, order) -> _Coded:
    """`_coded` of a text (`str`) column: its distinct values are already conform's text, so
    only a missing cell (which becomes "") can need merging with another value."""
    codes = np.asarray(codes, dtype="int64")
    text = pd.Series(uniques, dtype=TEXT_DTYPE)
    missing = codes < 0
    if missing.any():
        if (text == "").any():  # "" and missing merge into one value: the general path
            merged = pd.Series(np.append(np.asarray(uniques, dtype=object), None), dtype=object)
            coded = _Coded(np.where(missing, len(uniques), codes), merged)
            coded = _Coded(coded.codes if order is None else coded.codes[order], merged)
            return coded
        codes = np.where(missing, len(uniques), codes)
        text = pd.concat([text, pd.Series([""], dtype=TEXT_DTYPE)], ignore_index=True)
    return _Coded(codes if order is None else codes[order], text, is_canonical=True)


def _constant_category(value: str, length: int) -> pd.Categorical:
    dtype = pd.Series([value]).astype(str).astype("category").dtype
    return pd.Categorical.from_codes(np.zeros(length, dtype="int8"), dtype=dtype)


def _date_order(dates: np.ndarray) -> np.ndarray | None:
    """Positions that sort `dates` (datetime64[ns]) oldest first, ties in file order (None if
    already sorted). Missing dates go last."""
    values = dates.view("int64")
    if len(values) < 2:
        return None
    nat = np.isnat(dates)
    if not nat.any():
        if (values[1:] >= values[:-1]).all():
            return None
        return np.argsort(values, kind="stable")
    if (values[1:] >= values[:-1]).all() and not nat[:-1].any():
        return None  # only the last row is missing and the rest is sorted
    order = pd.Series(dates).sort_values(kind="stable").index.to_numpy()
    return None if (order == np.arange(len(order))).all() else order


def _numbers(table: pd.DataFrame, name: str) -> pd.Series:
    if name in table:
        return table[name]
    return pd.Series(np.nan, index=table.index, dtype="float64")


def canonical_table(parts: list[pd.DataFrame], platform: str, source: str):
    """The emitted parts as one canonical table, oldest first, and each transaction's file row.

    Rows are first put in file order (`_row`, parts of the same row in emit order), which is
    what numbers identical rows for their id; then sorted by date (stable, so same-day rows keep
    file order). Every text column is factorized once: hashing, cleaning and the categoricals
    work on its distinct values.
    """
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    length = len(table)
    file_rows = table["_row"].to_numpy(dtype="int64")
    by_row = (
        None if (file_rows[1:] >= file_rows[:-1]).all() else np.argsort(file_rows, kind="stable")
    )

    def in_file_order(values: np.ndarray) -> np.ndarray:
        return values if by_row is None else values[by_row]

    def text(name: str, clean=None) -> _Coded:
        return _coded(table[name] if name in table else None, length, clean, by_row)

    if "platform" not in table or table["platform"].isna().all():
        platforms = _coded(None, length, lambda u: pd.Series(platform, index=u.index))
    else:
        platforms = _coded(
            table["platform"], length, lambda u: u.fillna(platform).replace("", platform)
        )
    platforms = _Coded(in_file_order(platforms.codes), platforms.values)
    currency = text("currency", lambda u: u.fillna("").astype(str).str.upper().str.strip())
    kind = text("kind")
    client, description, reference = text("client"), text("description"), text("reference")

    dates = pd.to_datetime(table["date"])
    gross = in_file_order(table["gross"].astype("float64").to_numpy())
    fee = in_file_order(table["fee"].astype("float64").to_numpy())
    hours = in_file_order(_numbers(table, "hours").astype("float64").to_numpy())
    date_values = in_file_order(dates.astype("datetime64[ns]").to_numpy())
    by_date = _date_order(date_values)

    def ordered(values: np.ndarray) -> np.ndarray:
        return values if by_date is None else values[by_date]

    ids = _fingerprint(
        dates=in_file_order(dates.astype("int64").to_numpy()),
        gross=gross,
        fee=fee,
        hours=hours,
        texts=[platforms, kind, currency, reference, description, client],
        platforms=platforms,
        order=by_date,
    )
    net = in_file_order(pd.to_numeric(table["net"], errors="coerce").astype("float64").to_numpy())
    stream = _Coded(
        platforms.codes, platforms.values.map(lambda p: stream_for(p) if p else "other")
    )
    out = pd.DataFrame(
        {
            "date": ordered(date_values),
            "platform": platforms.categorical(by_date),
            "stream": stream.categorical(by_date),
            "kind": kind.categorical(by_date),
            "gross": ordered(gross),
            "fee": ordered(fee),
            "net": ordered(net),
            "currency": currency.categorical(by_date),
            "hours": ordered(hours),
            "client": client.strings(by_date),
            "description": description.strings(by_date),
            "reference": reference.strings(by_date),
            "source": _constant_category(source, length),
            "txn_id": ids,
        }
    )
    return out, ordered(in_file_order(file_rows))


_PRIME = np.uint64(1099511628211)


def _fingerprint(
    *, dates, gross, fee, hours, texts: list[_Coded], platforms: _Coded, order: np.ndarray | None
) -> pd.Series:
    """Stable id per transaction: a hash of what the row says, plus its occurrence number.

    id = "<platform>-<h>" with h = FNV-style fold (h * prime XOR hash(field)) over the date (ns),
    gross and fee in cents, hours in millionths (-1 when unknown), platform, kind, currency,
    reference, description and client, and finally the row's occurrence number among rows with
    the same hash (rows in file order). The same row in a later, overlapping download hashes the
    same; two identical rows in one file differ by their occurrence number. The file name is not
    part of it. All inputs are in file order; the ids come back in `order`.
    """
    numbers = [
        dates,
        np.nan_to_num(np.round(gross * 100), nan=0.0).astype("int64"),
        np.nan_to_num(np.round(fee * 100), nan=0.0).astype("int64"),
        np.round(np.where(np.isnan(hours), -1.0, hours) * 1e6).astype("int64"),
    ]
    combined = np.zeros(len(dates), dtype="uint64")
    with np.errstate(over="ignore"):
        for column in numbers:
            combined = (combined * _PRIME) ^ pd.util.hash_array(column)
        for coded in texts:
            combined = (combined * _PRIME) ^ coded.hashes()
        codes, uniques = pd.factorize(combined)
        if len(uniques) < len(combined):  # identical rows: number them in file order
            occurrence = pd.Series(codes).groupby(codes, sort=False).cumcount().to_numpy()
        else:
            occurrence = np.zeros(len(combined), dtype="int64")
        combined = (combined * _PRIME) ^ pd.util.hash_array(occurrence.astype("int64"))
    platform_codes = platforms.codes
    if order is not None:
        combined, platform_codes = combined[order], platform_codes[order]
    digits = pd.Series(combined).astype(str)
    names = platforms.values.astype(TEXT_DTYPE).fillna("")
    used = np.unique(platform_codes)
    if names.iloc[used].nunique() <= 1:  # the usual case: one platform per file
        prefix = names.iloc[used[0]] if len(used) else ""
        ids = prefix + "-" + digits
    else:
        ids = pd.Series(names.take(platform_codes).to_numpy()) + "-" + digits
    return ids.astype(str)
