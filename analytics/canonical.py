"""The canonical transaction table built from what an importer emitted, with its `txn_id`.

An importer's `emit` calls become `Part`s: frame positions, the number fields at those
positions, and the text fields as they were given (a constant, or a whole column that is only
read here). Building the table then touches each column once: the few-valued columns (platform,
kind, currency) are factorized into categoricals, the free-text ones (client, description,
reference) are taken straight from their Arrow columns, and every text value is hashed from its
UTF-8 bytes for the fingerprint that makes the same row in two overlapping downloads get the
same id.
"""

from __future__ import annotations

import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.schema import stream_for

TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default `str` dtype

NUMBER_FIELDS = ("date", "gross", "fee", "net", "hours")
FREE_TEXT_FIELDS = ("client", "description", "reference")


# Columns whose codes are already known: id(key) -> (codes, distinct). The key of an Arrow-
# backed Series is its (immutable) Arrow data, shared by its copies and replaced by any change;
# of another Series, the Series itself (GigLens code never changes such a Series in place).
# Entries leave with their key, so an id is never reused for other data.
_KNOWN_CODES: dict[int, tuple[np.ndarray, pd.Series]] = {}


def _codes_key(series: pd.Series) -> object:
    if isinstance(series.array, pd.arrays.ArrowStringArray):
        return series.array.__arrow_array__()
    return series


def remember_codes(series: pd.Series, codes: np.ndarray, distinct: pd.Series) -> None:
    """Note that `series` is `distinct.take(codes)`, so the table needs no second factorize."""
    owner = _codes_key(series)
    key = id(owner)
    if key not in _KNOWN_CODES:
        weakref.finalize(owner, _KNOWN_CODES.pop, key, None)
    _KNOWN_CODES[key] = (codes, distinct)


def known_codes(series: pd.Series) -> tuple[np.ndarray, pd.Series] | None:
    return _KNOWN_CODES.get(id(_codes_key(series)))


def codes_of(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """`series` as codes (all >= 0) into its distinct cells; a missing cell is one more value,
    None. Worked out once per Series, however many emits and columns use it."""
    known = known_codes(series)
    if known is None:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        distinct = pd.Series(np.append(np.asarray(uniques, dtype=object), None), dtype=object)
        known = (np.where(codes < 0, len(uniques), codes), distinct)
        remember_codes(series, *known)
    return known


@dataclass
class Part:
    """One `emit`: the frame positions it covers (in emit order), the number fields at those
    positions (NumPy arrays) and the text fields (a scalar, or a Series over the whole frame)."""

    positions: np.ndarray
    numbers: dict[str, np.ndarray]
    texts: dict[str, object]

    def keep(self, mask: np.ndarray) -> Part:
        if mask.all():
            return self
        return Part(self.positions[mask], {k: v[mask] for k, v in self.numbers.items()}, self.texts)


def arrow_text(values: pd.Series) -> pa.ChunkedArray:
    """A Series as Arrow strings the way the table writes it (missing -> "")."""
    if not isinstance(values.array, pd.arrays.ArrowStringArray):
        values = values.astype(object).where(values.notna(), "").astype(str).astype(TEXT_DTYPE)
    cells = values.array.__arrow_array__()
    return pc.fill_null(cells, "") if cells.null_count else cells


def edge_bytes(cells: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each cell's first and last UTF-8 byte, read straight from the Arrow buffers, and whether
    the cell is non-empty (an empty cell's bytes are a neighbour's: mask them with the third)."""
    firsts, lasts, filled = [], [], []
    for chunk in cells.chunks:
        chunk = chunk.cast(pa.large_string())
        n = len(chunk)
        data = chunk.buffers()[2]
        if n == 0 or data is None or len(data) == 0:
            firsts.append(np.zeros(n, np.uint8))
            lasts.append(np.zeros(n, np.uint8))
            filled.append(np.zeros(n, bool))
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[
            chunk.offset : chunk.offset + n + 1
        ]
        data = np.frombuffer(data, dtype=np.uint8)
        firsts.append(data[np.minimum(offsets[:-1], len(data) - 1)])
        lasts.append(data[np.maximum(offsets[1:] - 1, 0)])
        filled.append(offsets[1:] > offsets[:-1])
    if not firsts:
        return np.zeros(0, np.uint8), np.zeros(0, np.uint8), np.zeros(0, bool)
    return np.concatenate(firsts), np.concatenate(lasts), np.concatenate(filled)


# --- hashing ---------------------------------------------------------------------------------
def _word_key(k: int) -> np.uint64:
    """K_k: a distinct odd 64-bit constant for each word position k."""
    return np.uint64((0x9E3779B97F4A7C15 * (2 * k + 1)) & 0xFFFFFFFFFFFFFFFF)


_LENGTH_KEY = np.uint64(0xC2B2AE3D27D4EB4F)


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (its shifts; multipliers 0xFF51AFD7ED558CCD and
    0xC4CEB93FE1A85EC9), which maps 0 to 0; works in place on a fresh array."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB93FE1A85EC9)
    h ^= h >> np.uint64(33)
    return h


# Keeps the first n bytes of a little-endian word, n = 0..8.
_BYTE_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)


def hash_strings(cells: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A uint64 hash of each string's UTF-8 bytes, the same for the same text in any file.

    h = fmix64(sum_k fmix64(w_k * K_k) + length * K_len), with w_k the k-th little-endian 8-byte
    word of the text (zero-padded) and K_k fixed odd constants. Vectorised over the bytes, one
    pass per 8 bytes of the longest value; words past the end are zero and add nothing.
    """
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks() if cells.num_chunks != 1 else cells.chunk(0)
    cells = cells.cast(pa.large_string())
    if cells.null_count:
        cells = pc.fill_null(cells, "")
    n = len(cells)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    offsets_buffer, data_buffer = cells.buffers()[1], cells.buffers()[2]
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64)[cells.offset : cells.offset + n + 1]
    starts, lengths = offsets[:-1], np.diff(offsets)
    end = int(offsets[-1])
    rounds = (int(lengths.max()) + 7) // 8
    padded = np.zeros(end + 8 * rounds + 8, dtype=np.uint8)
    if end:
        padded[:end] = np.frombuffer(data_buffer, dtype=np.uint8)[:end]
    # Element i of `words` is the 8 bytes starting at byte i (unaligned reads are fine).
    words = np.ndarray(shape=(len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    total = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(min(rounds, _SHORT_ROUNDS)):
            total += _word_hashes(words, starts, lengths, k)
        if rounds > _SHORT_ROUNDS:
            # Long texts (rare): each later round only reads the texts still that long, so the
            # work stays proportional to the bytes, not to rows x longest text.
            long_rows = np.flatnonzero(lengths > 8 * _SHORT_ROUNDS)
            by_length = long_rows[np.argsort(-lengths[long_rows], kind="stable")]
            descending = lengths[by_length]
            for k in range(_SHORT_ROUNDS, rounds):
                still = int(np.searchsorted(-descending, -8 * k, side="left"))
                rows = by_length[:still]
                # a few texts left, or many more words than texts: each text's words at once
                if still <= _FEW_ROWS or rounds - k >= 8 * still:
                    for row in rows:
                        total[row] += _tail_hash(words, starts[row], lengths[row], k)
                    break
                total[rows] += _word_hashes(words, starts[rows], lengths[rows], k)
        total += lengths.astype(np.uint64) * _LENGTH_KEY
        return _fmix64(total)


_SHORT_ROUNDS = 16  # 128 bytes: names, ids and most descriptions fit
_FEW_ROWS = 64  # below this many texts left, a round per word costs more than a row each


def _tail_hash(words: np.ndarray, start: int, length: int, first: int) -> np.uint64:
    """Σ_k fmix64(w_k * K_k) over one text's words k = first.. (as `_word_hashes` would add
    them round by round), in one vectorised step."""
    ks = np.arange(first, (int(length) + 7) // 8, dtype=np.int64)
    kept = np.clip(int(length) - 8 * ks, 0, 8)
    word = words[int(start) + 8 * ks]
    word &= _BYTE_MASKS[kept]
    with np.errstate(over="ignore"):
        word *= np.uint64(0x9E3779B97F4A7C15) * (2 * ks + 1).astype(np.uint64)
        return np.uint64(_fmix64(word).sum(dtype=np.uint64))


def _word_hashes(words: np.ndarray, starts, lengths, k: int) -> np.ndarray:
    """fmix64(w_k * K_k) for the k-th 8-byte word of each text (0 past its end)."""
    kept = np.clip(lengths - 8 * k, 0, 8)
    word = words[starts + 8 * k]
    word &= _BYTE_MASKS[kept]
    word *= _word_key(k)
    return _fmix64(word)


# --- columns -------------------------------------------------------------------------------
@dataclass
class Coded:
    """A few-valued text column: integer codes into distinct, cleaned string values."""

    codes: np.ndarray  # int64, one per transaction (file order)
    values: pd.Series  # distinct strings, indexed 0..n-1

    def categorical(self) -> pd.Categorical:
        """The cells as `astype("category")` would give them (sorted, only values that occur)."""
        used = np.bincount(self.codes, minlength=len(self.values)) > 0
        categories = pd.Index(sorted(set(self.values[used].astype(str))), dtype=object)
        dtype = pd.CategoricalDtype(categories.astype(str))
        code_type = np.int8 if len(categories) < 127 else np.int32
        category_code = np.full(len(self.values), -1, dtype=code_type)
        category_code[used] = dtype.categories.get_indexer(self.values[used].astype(str))
        return pd.Categorical.from_codes(category_code[self.codes], dtype=dtype, validate=False)


def _merge(codes: np.ndarray, values: pd.Series) -> Coded:
    """Codes into `values` with equal values merged into one."""
    merged_codes, uniques = pd.factorize(values.astype(str))
    return Coded(merged_codes[codes], pd.Series(np.asarray(uniques, dtype=object), dtype=object))


def _stack_sources(parts: list[Part], field: str, read_column, constant_block):
    """One text field over all parts (concatenated part order) as codes into stacked blocks of
    distinct values, each source read once however many emits share it.

    `read_column(series)` gives (codes over the whole frame, or None when the rows' own
    positions serve as codes; the block of distinct values); `constant_block(text)` gives the
    one-value block of a constant.
    """
    blocks: list = []
    slots: dict[object, int] = {}
    source_codes: dict[object, np.ndarray | None] = {}
    size = 0
    codes = np.empty(sum(len(p.positions) for p in parts), dtype=np.int64)
    at = 0
    for part in parts:
        value = part.texts.get(field)
        n = len(part.positions)
        if isinstance(value, pd.Series):
            key: object = id(value)
            if key not in slots:
                source_codes[key], block = read_column(value)
                slots[key], size = size, size + len(block)
                blocks.append(block)
            found = source_codes[key]
            local = part.positions if found is None else found[part.positions]
            codes[at : at + n] = local + slots[key]
        else:
            text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else value
            key = ("constant", str(text))
            if key not in slots:
                slots[key], size = size, size + 1
                blocks.append(constant_block(str(text)))
            codes[at : at + n] = slots[key]
        at += n
    return codes, blocks


def coded_field(parts: list[Part], field: str, clean=None) -> Coded:
    """One few-valued text field over all parts (in concatenated part order).

    Each distinct source (a column or a constant) is factorized once; `clean` maps the distinct
    cleaned strings (missing is "") to their final spelling.
    """

    def read_column(series: pd.Series):
        found_codes, found = codes_of(series)
        return found_codes, found.to_numpy(dtype=object)

    codes, blocks = _stack_sources(
        parts, field, read_column, lambda text: np.array([text], dtype=object)
    )
    values = pd.Series(np.concatenate(blocks) if blocks else np.zeros(0, object), dtype=object)
    values = values.where(values.notna(), "").astype(str)
    if clean is not None:
        values = clean(values)
    return _merge(codes, values)


def _mostly_distinct(cells: pa.ChunkedArray) -> bool:
    """Whether a column looks like ids (most values distinct), judged on its first cells."""
    sample = cells.slice(0, 20000)
    return len(sample) >= 1000 and pc.count_distinct(sample).as_py() > len(sample) // 2


def free_text_field(parts: list[Part], field: str) -> tuple[np.ndarray, pa.Array]:
    """One free-text field over all parts (concatenated part order) as codes into strings.

    Repetitive columns (names, descriptions) are factorized, or reuse the codes `on_uniques`
    left, so each distinct text is hashed once; id-like columns (most values distinct) are used
    as they are, with their row positions as codes.
    """

    def read_column(series: pd.Series):
        known = known_codes(series)
        if known is not None and len(known[1]) <= len(series) // 2:
            return known[0], arrow_text(known[1]).combine_chunks().cast(pa.large_string())
        cells = arrow_text(series)
        if _mostly_distinct(cells):
            return None, cells.combine_chunks().cast(pa.large_string())
        found, uniques = pd.factorize(
            pd.Series(pd.arrays.ArrowStringArray(cells, dtype=TEXT_DTYPE))
        )
        distinct = pa.chunked_array(uniques.array.__arrow_array__()).combine_chunks()
        return found, distinct.cast(pa.large_string())

    codes, blocks = _stack_sources(
        parts, field, read_column, lambda text: pa.array([text], type=pa.large_string())
    )
    if not blocks:
        return codes, pa.array([], type=pa.large_string())
    return codes, blocks[0] if len(blocks) == 1 else pa.concat_arrays(blocks)


def _every_row_column(parts: list[Part], field: str) -> pd.Series | None:
    """The Series a single emit gave for `field` when that emit covered every row in order."""
    if len(parts) != 1:
        return None
    value = parts[0].texts.get(field)
    if isinstance(value, pd.Series) and len(parts[0].positions) == len(value):
        return value  # positions are sorted and distinct, so they are 0..n-1
    return None


def number_field(parts: list[Part], field: str, fill) -> np.ndarray:
    arrays = [
        part.numbers[field]
        if field in part.numbers
        else np.full(
            len(part.positions), fill, dtype="datetime64[ns]" if field == "date" else float
        )
        for part in parts
    ]
    return np.concatenate(arrays) if len(arrays) > 1 else arrays[0]


def _constant_category(value: str, length: int) -> pd.Categorical:
    dtype = pd.CategoricalDtype(pd.Index([str(value)], dtype=object).astype(str))
    return pd.Categorical.from_codes(np.zeros(length, dtype="int8"), dtype=dtype)


_LOW32 = np.uint64(0xFFFFFFFF)


def _sorted_order(keys: np.ndarray) -> np.ndarray | None:
    """Positions that sort int64 `keys` ascending, ties in their order (None if sorted).

    When the keys span less than 2**32, each key is packed with its position into one uint64
    and sorted (NumPy's vectorised sort), which is a stable argsort many times faster than
    `argsort(kind="stable")`.
    """
    n = len(keys)
    if n < 2 or (keys[1:] >= keys[:-1]).all():
        return None
    low = keys.min()
    if int(keys.max()) - int(low) < 2**32 and n < 2**32:
        packed = ((keys - low).astype(np.uint64) << np.uint64(32)) | np.arange(n, dtype=np.uint64)
        packed.sort()
        return (packed & _LOW32).astype(np.int64)
    return np.argsort(keys, kind="stable")


def canonical_table(parts: list[Part], platform: str, source: str):
    """The emitted parts as one canonical table and each transaction's file row.

    Rows are in file order (parts of the same row in emit order), which is also what numbers
    identical rows for their id. Sorting by date is left to whoever combines files (the
    dashboard sorts everything it loaded at once).
    """
    # A second thread hashes the text for the fingerprint while this one builds the columns
    # and folds the numbers: both are NumPy and Arrow work that releases the GIL.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return _build(parts, platform, source, pool)


def _build(parts: list[Part], platform: str, source: str, pool: ThreadPoolExecutor):
    positions = np.concatenate([p.positions for p in parts]).astype("int64")
    length = len(positions)
    by_row = _sorted_order(positions)

    def file_order(values: np.ndarray) -> np.ndarray:
        return values if by_row is None else values[by_row]

    free, text_hashes = {}, {}
    for field in FREE_TEXT_FIELDS:
        codes, distinct = free_text_field(parts, field)
        free[field] = (file_order(codes), distinct)
        text_hashes[field] = pool.submit(hash_strings, distinct)

    def fill_platform(values: pd.Series) -> pd.Series:
        return values.mask(values == "", platform)

    platforms = coded_field(parts, "platform", fill_platform)
    currency = coded_field(parts, "currency", lambda v: v.str.upper().str.strip())
    kind = coded_field(parts, "kind")
    coded = {"platform": platforms, "kind": kind, "currency": currency}
    for field, value in coded.items():
        coded[field] = Coded(file_order(value.codes), value.values)
    platforms, kind, currency = coded["platform"], coded["kind"], coded["currency"]

    dates = file_order(number_field(parts, "date", np.datetime64("NaT")))
    gross = file_order(number_field(parts, "gross", np.nan))
    fee = file_order(number_field(parts, "fee", np.nan))
    net = file_order(number_field(parts, "net", np.nan))
    hours = file_order(number_field(parts, "hours", np.nan))
    file_rows = file_order(positions)
    streams = Coded(platforms.codes, platforms.values.map(lambda p: stream_for(p) or "other"))

    def strings(field: str) -> pd.arrays.ArrowStringArray:
        whole = _every_row_column(parts, field)
        if whole is not None:  # one emit of every row: the importer's own column, as it is
            return pd.arrays.ArrowStringArray(arrow_text(whole), dtype=TEXT_DTYPE)
        codes, distinct = free[field]
        cells = distinct.take(codes)
        return pd.arrays.ArrowStringArray(pa.chunked_array([cells]), dtype=TEXT_DTYPE)

    texts = pool.submit(
        _text_fold,
        [platforms, kind, currency],
        [(free[f][0], text_hashes[f]) for f in ("reference", "description", "client")],
    )
    columns = {
        "date": dates,
        "platform": platforms.categorical(),
        "stream": streams.categorical(),
        "kind": kind.categorical(),
        "gross": gross,
        "fee": fee,
        "net": net,
        "currency": currency.categorical(),
        "hours": hours,
        "client": strings("client"),
        "description": strings("description"),
        "reference": strings("reference"),
        "source": _constant_category(source, length),
    }
    numbers = _number_fold(dates.view("int64"), gross, fee, hours)
    ids = _fingerprint(numbers, texts.result(), platforms)
    columns["txn_id"] = pd.arrays.ArrowStringArray(ids, dtype=TEXT_DTYPE)
    # copy=False: the arrays are this function's own, so pandas need not stack them into
    # one block.
    return pd.DataFrame(columns, copy=False), file_rows


_PRIME = np.uint64(1099511628211)
_NOTHING = pa.scalar("", pa.large_string())


def _text_fold(coded: list[Coded], free: list[tuple[np.ndarray, Future]]) -> np.ndarray:
    """FNV-style fold (h * prime XOR hash(field)) of the text fields, each text hashed from
    its UTF-8 bytes (`hash_strings`) once per distinct value."""
    combined = np.zeros(len(coded[0].codes), dtype="uint64")
    with np.errstate(over="ignore"):
        for column in coded:
            distinct = pa.array(column.values.astype(str).tolist(), type=pa.large_string())
            combined = (combined * _PRIME) ^ hash_strings(distinct)[column.codes]
        for codes, distinct_hashes in free:  # hashes of the distinct texts, being worked out
            combined = (combined * _PRIME) ^ distinct_hashes.result()[codes]
    return combined


_GROSS_KEY = np.uint64(0x9E3779B97F4A7C15)
_FEE_KEY = np.uint64(0xD6E8FEB86659FD93)
_HOURS_KEY = np.uint64(0xA0761D6478BD642F)


def _whole_units(values: np.ndarray, scale: float, missing: float) -> np.ndarray:
    """`values * scale` rounded to integers (cents, millionths), `missing` where NaN."""
    if np.isnan(values).any():
        values = np.where(np.isnan(values), missing, values)
    return np.rint(values * scale).astype(np.int64).view(np.uint64)


def _number_fold(dates, gross, fee, hours) -> np.ndarray:
    """The numbers' part of the fingerprint: fmix64(date in ns) * prime XOR fmix64(gross and
    fee in cents and hours in millionths (-1 when unknown), each times its own odd constant,
    XORed together), fmix64 being MurmurHash3's finaliser."""
    with np.errstate(over="ignore"):
        amounts = _whole_units(gross, 100, 0.0) * _GROSS_KEY
        amounts ^= _whole_units(fee, 100, 0.0) * _FEE_KEY
        amounts ^= _whole_units(hours, 1e6, -1e-6) * _HOURS_KEY
        when = _fmix64(dates.view(np.uint64) + _LENGTH_KEY)
        when *= _PRIME
        return when ^ _fmix64(amounts)


def _fingerprint(numbers: np.ndarray, texts: np.ndarray, platforms: Coded) -> pa.ChunkedArray:
    """Stable id per transaction: a hash of what the row says, plus its occurrence number.

    id = "<platform>-<h as 16 hex digits>" with h = fmix64(numbers * prime XOR texts), where
    `numbers` and `texts` are the folds of `_number_fold` and `_text_fold` (worked out on two
    threads), folded once more with the row's occurrence number among rows with the same hash
    (rows in file order) when it is not the first. The same row in a later, overlapping
    download hashes the same; two identical rows in one file differ by their occurrence
    number. A first occurrence keeps the plain hash, so a row's id never depends on whether
    some other row of the file has a twin. The file name is not part of it. All inputs are in
    file order.
    """
    with np.errstate(over="ignore"):
        combined = _fmix64((numbers * _PRIME) ^ texts)
        occurrence = _occurrence(combined)
        if occurrence is not None:
            later = np.flatnonzero(occurrence)
            combined[later] = (combined[later] * _PRIME) ^ _fmix64(
                occurrence[later].view(np.uint64) + _LENGTH_KEY
            )
    platform_codes = platforms.codes
    names = platforms.values.astype(str)
    used = np.flatnonzero(np.bincount(platform_codes, minlength=len(names)))
    if names.iloc[used].nunique() <= 1:  # the usual case: one platform per file
        return _hex_ids((names.iloc[used[0]] if len(used) else "") + "-", combined)
    digits = _hex_ids("", combined)
    prefixes = pa.array((names + "-").tolist(), type=pa.large_string()).take(platform_codes)
    return pc.binary_join_element_wise(prefixes, digits, pa.scalar("", pa.large_string()))


def has_repeats(values: np.ndarray) -> bool:
    """Whether some value occurs twice: one vectorised sort, the cheap test for the usual
    all-distinct case (hashes of ids, fingerprints)."""
    ranked = np.sort(values)
    return bool((ranked[1:] == ranked[:-1]).any())


def _occurrence(hashes: np.ndarray) -> np.ndarray | None:
    """Each value's occurrence number among equal values, in order (None if all distinct)."""
    if not has_repeats(hashes):
        return None
    n = len(hashes)
    order = np.argsort(hashes)
    grouped = hashes[order]
    first = np.r_[True, grouped[1:] != grouped[:-1]]
    # Only rows with a twin need numbering: sort those by (group, position) to number them.
    twins = np.flatnonzero(~first | np.r_[~first[1:], False])
    group = np.cumsum(first)[twins].astype(np.uint64)
    packed = (group << np.uint64(32)) | order[twins].astype(np.uint64)
    packed.sort()
    group = packed >> np.uint64(32)
    position = (packed & _LOW32).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    within = np.arange(len(packed)) - np.repeat(starts, np.diff(np.r_[starts, len(packed)]))
    occurrence = np.zeros(n, dtype=np.int64)
    occurrence[position] = within
    return occurrence


# Two bytes (big-endian) -> their four lower-case hex digits, as the uint32 whose memory holds
# them in order (a 256 KiB table: half the lookups of a byte table).
_HEX_QUADS = np.frombuffer(
    "".join(f"{b:04x}" for b in range(65536)).encode("ascii"), dtype=np.uint32
).copy()


def _hex_ids(prefix: str, hashes: np.ndarray) -> pa.ChunkedArray:
    """`prefix` + 16 lower-case hex digits per hash, built as one fixed-width byte block."""
    n = len(hashes)
    head = np.frombuffer(prefix.encode("utf-8"), dtype=np.uint8)
    width = len(head) + 16
    digits = _HEX_QUADS[hashes.astype(">u8").view(">u2")].view(np.uint8)
    if len(head):
        block = np.empty((n, width), dtype=np.uint8)
        block[:, : len(head)] = head
        block[:, len(head) :] = digits.reshape(n, 16)
        data = block.reshape(-1)
    else:
        data = digits
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int64)
    cells = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))
    return pa.chunked_array([cells])
