"""Everything a session keeps: the uploaded files, their mappings and the combined table.

All of it lives in `st.session_state` (one user's browser tab); nothing is module-level state,
so several people can share one server. The files are also kept on this computer between visits
(`FileStore`, in GIGLENS_HOME), unless the user turns that off on the Home page. Parsing is cached with `st.cache_data` keyed by the
file's content hash, shared safely between sessions because the key is the content.
"""

from __future__ import annotations

import dataclasses
import json
import os
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.combine import as_personal
from analytics.combine import personal_payers as personal_payers_of
from analytics.schema import STREAMS, empty_transactions, with_streams
from giglens_ui.imports import (
    FileImport,
    FileStore,
    MappingStore,
    combine,
    digest,
    header_key,
    parse,
    source_key,
)

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_SUFFIXES = {".csv", ".json", ".xlsx"}
SAMPLE_EXCLUDE = {"giglens_template.csv"}

SOURCES = "giglens.sources"  # dict key -> Source, in upload order
SEEN_UPLOADS = "giglens.seen_uploads"  # uploader file ids already taken in
UPLOAD_ROUND = "giglens.upload_round"  # the drop zone's key changes to empty it
SAMPLE_REPLACED = "giglens.sample_replaced"  # the sample data made way for the user's files
MAPPINGS = "giglens.mappings"  # header key -> mapping, for this session
FORGOTTEN_MAPPINGS = "giglens.forgotten_mappings"  # header key -> mapping to choose again from
COMBINED = "giglens.combined"  # Combined, recomputed when the signature changes
SAME_CONTENT = "giglens.same_content"  # [(uploaded name, key of the file it repeats)]
SAME_CONTENT_ALL = "giglens.same_content_all"  # the same, all of this visit's (never emptied)
STORE_PROBLEMS = "giglens.store_problems"  # what could not be kept or forgotten, in words
KEPT_CHOICES = "giglens.kept_choices"  # the sidebar's choices as last saved (JSON), once loaded


@dataclass(frozen=True)
class Source:
    """One file the user gave us (uploaded or sample): its name and bytes."""

    name: str
    data: bytes
    key: str
    sample: bool = False
    earlier: bool = False  # kept on this computer from an earlier visit


@dataclass
class Combined:
    signature: tuple
    data: pd.DataFrame
    imports: list[FileImport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # own-account payments seen in two files
    # people who paid into PayPal, Payoneer or Cash App (`analytics.combine.personal_payers`)
    payers: pd.DataFrame | None = None


@st.cache_data(show_spinner=False, max_entries=128)
def _parse_cached(key: str, name: str, mapping_json: str, _data: bytes) -> FileImport:
    # `_data` is not hashed: `key` is its sha256, so a cached result is reused across reruns.
    mapping = json.loads(mapping_json) if mapping_json else None
    return parse(_data, name, mapping, key=key)


def sources() -> dict[str, Source]:
    """The session's files, in upload order; a new session starts with the files kept on this
    computer (see `FileStore`)."""
    if SOURCES not in st.session_state:
        store = FileStore()
        kept = store.files() if store.remembering() else []
        if store.problem:
            store_problem(
                f"The files kept on this computer could not be read from {store.problem}. "
                "Your earlier imports are not shown; upload them again. If the file is damaged, "
                "move it aside (GigLens then starts a new one)."
            )
        st.session_state[SOURCES] = {
            key: Source(name=name, data=data, key=key, sample=sample, earlier=True)
            for key, name, data, sample in kept
        }
    return st.session_state[SOURCES]


def earlier_keys() -> set[str]:
    """The keys of the files kept from an earlier visit (not added in this one)."""
    return {key for key, source in sources().items() if source.earlier}


def store_problem(message: str) -> None:
    """Note, once per session, what could not be kept or forgotten (the Home page says it)."""
    problems = st.session_state.setdefault(STORE_PROBLEMS, [])
    if message not in problems:
        problems.append(message)


def store_problems() -> list[str]:
    """What could not be kept on or forgotten from this computer this session, in words."""
    return list(st.session_state.get(STORE_PROBLEMS, []))


def add_source(name: str, data: bytes, *, sample: bool = False) -> str:
    key = source_key(name, data)
    files = sources()
    if key not in files:
        files[key] = Source(name=name, data=data, key=key, sample=sample)
        if remembering():
            store = FileStore()
            if not store.put(key, name, data, sample):
                store_problem(
                    f"{name} is imported for this visit only: it could not be kept in "
                    f"{store.problem}. Check that you can write to that folder, or set "
                    "GIGLENS_HOME to another one."
                )
    return key


def remove_source(key: str) -> None:
    source = sources().pop(key, None)
    store = FileStore()
    if not store.delete(key):
        store_problem(
            f"{source.name if source else 'The file'} is removed from this visit, but its copy "
            f"could not be deleted from {store.problem}: it will be back on your next visit. "
            "Check that you can write to that folder."
        )


def remembering() -> bool:
    """Whether imported files are kept on this computer between visits."""
    return FileStore().remembering()


def remember_files(on: bool) -> None:
    """Keep the imported files between visits (and keep the current ones), or forget them."""
    store = FileStore()
    done = store.set_remembering(on)
    # off forgets the kept choices too; turned on again, the session's choices are saved anew
    st.session_state.pop(KEPT_CHOICES, None)
    if on:
        for source in sources().values():
            done &= store.put(source.key, source.name, source.data, source.sample)
    if not done:
        store_problem(
            f"Your choice to {'keep' if on else 'forget'} the imported files could not be "
            f"saved in {store.problem}. Check that you can write to that folder."
        )


def clear_sources() -> None:
    store = FileStore()
    if not store.delete():
        store_problem(
            f"The kept copies of your files could not be deleted from {store.problem}: they "
            "will be back on your next visit. Delete that file yourself, or check that you can "
            "write to its folder."
        )
    st.session_state[SOURCES] = {}
    st.session_state[SAME_CONTENT] = []
    st.session_state[SAME_CONTENT_ALL] = []
    st.session_state[SAMPLE_REPLACED] = False


def same_content_files(once: bool = False, every: bool = False) -> list[tuple[str, str, str]]:
    """Uploads whose bytes repeat a file still loaded: (their name, the loaded file's name,
    its key).
    They are read once; the home page says so instead of silently showing one file (`once`:
    and then forgets them, so the note is not repeated on every rerun; `every`: all of this
    visit's, also those said already, for the import report's count of the rows)."""
    loaded = sources()
    by_key = {s.key: s.name for s in loaded.values()}
    found = [
        (name, by_key[key], key)
        for name, key in st.session_state.get(SAME_CONTENT_ALL if every else SAME_CONTENT, [])
        if key in by_key
    ]
    if once:
        st.session_state[SAME_CONTENT] = []
    return found


def take_uploads(files) -> int:
    """Add newly uploaded files (Streamlit UploadedFile objects); returns how many were new."""
    seen = st.session_state.setdefault(SEEN_UPLOADS, set())
    new = 0
    for file in files or []:
        marker = getattr(file, "file_id", None) or f"{file.name}:{file.size}"
        if marker in seen:
            continue
        seen.add(marker)
        data = file.getvalue()
        key = source_key(file.name, data)
        if key in sources() and sources()[key].sample:
            # the user's own copy of a sample file: theirs now, so it stays when the samples go
            remove_source(key)
        elif key in sources():
            st.session_state.setdefault(SAME_CONTENT, []).append((file.name, key))
            st.session_state.setdefault(SAME_CONTENT_ALL, []).append((file.name, key))
            continue
        add_source(file.name, data)
        new += 1
    return new


def uploader_key() -> str:
    """The drop zone's key: a new one after each upload, so the zone is empty again and the
    files are listed once, in the import report (with their Remove buttons)."""
    return f"giglens.uploader.{st.session_state.get(UPLOAD_ROUND, 0)}"


def take_and_empty(files) -> None:
    """Take the dropped files in (see `take_uploads`), then empty the drop zone."""
    if not files:
        return
    take_uploads(files)
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
    st.rerun()


def has_samples() -> bool:
    return any(s.sample for s in sources().values())


def has_own_data() -> bool:
    """Whether one of the user's own files imported (an unreadable or not yet mapped file does
    not count)."""
    return any(not s.sample and import_source(s).ok for s in sources().values())


def replace_samples_with_own_data() -> None:
    """Once a file of the user's own imports (uploaded, or mapped later), the sample data goes:
    it would otherwise be mixed into their figures."""
    if has_samples() and has_own_data():
        for key in [k for k, s in sources().items() if s.sample]:
            remove_source(key)
        st.session_state[SAMPLE_REPLACED] = True


def sample_files() -> list[Path]:
    """Every sample file the "try it" button loads (not the template, not sample_data/extra)."""
    if not SAMPLE_DIR.is_dir():
        return []
    return sorted(
        p
        for p in SAMPLE_DIR.iterdir()
        if p.is_file() and p.suffix.lower() in SAMPLE_SUFFIXES and p.name not in SAMPLE_EXCLUDE
    )


def load_samples() -> int:
    """Load the sample files (not next to the user's own data: they would mix); returns how
    many there are."""
    files = sample_files()
    if has_own_data():
        return len(files)
    for path in files:
        add_source(path.name, path.read_bytes(), sample=True)
    return len(files)


def mapping_store() -> MappingStore:
    return MappingStore()


def mapping_for(columns: list[str]) -> dict[str, str] | None:
    """The mapping remembered for this header: this session's first (None: to be chosen
    again, `forget_mapping`), then the SQLite file."""
    key = header_key(columns)
    session = st.session_state.setdefault(MAPPINGS, {})
    if key in session:
        return session[key]
    saved = mapping_store().get(key)
    if saved:
        session[key] = saved
    return saved


def remember_mapping(columns: list[str], mapping: dict[str, str]) -> None:
    key = header_key(columns)
    st.session_state.setdefault(MAPPINGS, {})[key] = mapping
    mapping_store().put(key, mapping, columns)


def forget_mapping(columns: list[str]) -> None:
    """Set aside the mapping chosen for this header for this session, so that a file with
    these columns asks for them again, the form starting from it (`mapping_to_change`). The
    SQLite file keeps it until new columns are chosen (`remember_mapping`): a refresh before
    that reads the files with it again rather than losing it."""
    key = header_key(columns)
    session = st.session_state.setdefault(MAPPINGS, {})
    forgotten = session.get(key) or mapping_store().get(key)
    session[key] = None  # asked again in this session
    if forgotten:
        st.session_state.setdefault(FORGOTTEN_MAPPINGS, {})[key] = forgotten


def mapping_to_change(columns: list[str]) -> dict[str, str] | None:
    """The mapping the user asked to choose again for this header, if any, to start from."""
    return st.session_state.get(FORGOTTEN_MAPPINGS, {}).get(header_key(columns))


def forget_mappings() -> None:
    """Forget the columns chosen for every unknown layout (this session and the SQLite file):
    clearing all imported data clears them too, so a slip such as a wrong currency code is not
    applied to the next upload of that layout."""
    st.session_state[MAPPINGS] = {}
    st.session_state[FORGOTTEN_MAPPINGS] = {}
    mapping_store().forget_all()


def import_source(source: Source) -> FileImport:
    """Parse one source (cached); an unknown layout with a remembered mapping is re-read with it."""
    item = _parse_cached(source.key, source.name, "", source.data)
    if item.unknown_columns is not None:
        mapping = mapping_for(item.unknown_columns)
        if mapping:
            mapped = _parse_cached(
                source.key, source.name, json.dumps(mapping, sort_keys=True), source.data
            )
            mapped.mapped_columns = item.unknown_columns
            if mapped.ok:
                return mapped
            mapped.unknown_columns = item.unknown_columns
            return mapped
    return item


STREAMS_CHOSEN = "giglens.streams"  # platform -> stream the user chose (also in SQLite)


def stream_choices() -> dict[str, str]:
    """The stream chosen per platform: loaded from the SQLite file once per session."""
    return _stream_choices(STREAMS_CHOSEN, lambda: mapping_store().streams())


def choose_stream(platform: str, stream: str | None) -> None:
    """Put `platform` in `stream` (None: back to its default), for this and later sessions."""
    _choose_stream(STREAMS_CHOSEN, stream_choices(), platform, stream)
    mapping_store().put_stream(platform, stream)


def forget_stream_choices() -> None:
    """Every platform and client back to its default stream (the user clears all imported
    data)."""
    for platform in list(stream_choices()):
        choose_stream(platform, None)
    for client in list(client_stream_choices()):
        choose_client_stream(client, None)


CLIENT_STREAMS_CHOSEN = "giglens.client_streams"  # client -> stream the user chose (SQLite too)


def client_stream_choices() -> dict[str, str]:
    """The stream chosen per client (its name as shown), over its platform's: loaded from the
    SQLite file once per session."""
    return _stream_choices(CLIENT_STREAMS_CHOSEN, lambda: mapping_store().client_streams())


def choose_client_stream(client: str, stream: str | None) -> None:
    """Put `client` in `stream` on every platform (None: back to its platform's), for this and
    later sessions."""
    _choose_stream(CLIENT_STREAMS_CHOSEN, client_stream_choices(), client, stream)
    mapping_store().put_client_stream(client, stream)


def _stream_choices(session_key: str, load) -> dict[str, str]:
    """Stream choices (name -> stream) loaded by `load()` once per session, unknown streams
    left out. Kept wherever mappings are (`MappingStore`), unlike `_kept_choices`."""
    if session_key not in st.session_state:
        st.session_state[session_key] = {k: v for k, v in load().items() if v in STREAMS}
    return st.session_state[session_key]


def _choose_stream(session_key: str, chosen: dict[str, str], name: str, stream) -> None:
    """`chosen` with `name` in `stream` (None: its choice forgotten), for this session."""
    choices = dict(chosen)
    if stream is None:
        choices.pop(name, None)
    else:
        choices[name] = stream
    st.session_state[session_key] = choices


ENDED_CHOSEN = "giglens.ended"  # platform -> its last day when the user said work ended there


def ended_platforms() -> dict[str, str]:
    """The platforms where the user said their work ended, with the last day of their files
    then (ISO): loaded from the SQLite file once per session. A platform whose files now end
    on another day is warned of again (`page.platforms_ending_early_note`)."""
    return _kept_choices(ENDED_CHOSEN, lambda: mapping_store().ended_platforms())


def mark_ended(platform: str, last_day: str | None) -> None:
    """Say that work on `platform` ended on `last_day` (None: take it back), for this and,
    when files are kept, later sessions."""
    _choose(
        ENDED_CHOSEN,
        lambda: mapping_store().ended_platforms(),
        lambda: mapping_store().put_ended_platform,
        platform,
        last_day,
    )


def _kept_choices(session_key: str, load) -> dict[str, str]:
    """A table of choices loaded from the SQLite file (`load()`) once per session, where it is
    kept only when files are: on a server others can reach, one visitor's choices (their
    amounts' currency, the platforms they left) are never the next's."""
    if session_key not in st.session_state:
        st.session_state[session_key] = dict(load() if FileStore.allowed() else {})
    return st.session_state[session_key]


def _choose(session_key: str, load, writer, name: str, value: str | None) -> None:
    """Choose `value` for `name` in the table of `_kept_choices` (None forgets it), kept in the
    SQLite file by `writer()(name, value)` when files are."""
    chosen = dict(_kept_choices(session_key, load))
    if value is None:
        chosen.pop(name, None)
    else:
        chosen[name] = value
    st.session_state[session_key] = chosen
    if FileStore.allowed():
        writer()(name, value)


PERSONAL_CHOSEN = "giglens.personal"  # payers whose payments are not income (also in SQLite)


def personal_payers() -> list[str]:
    """The payers (`text_key`s) whose payments into PayPal, Payoneer or Cash App the user said
    are not income (a friend paying back): loaded from the SQLite file once per session."""
    if PERSONAL_CHOSEN not in st.session_state:
        # people's names: kept only when files are (never one visitor's for the next)
        kept = mapping_store().personal_payers() if FileStore.allowed() else []
        st.session_state[PERSONAL_CHOSEN] = sorted(kept)
    return st.session_state[PERSONAL_CHOSEN]


def choose_personal_payers(payers: list[str]) -> None:
    """Count the payments of `payers` as not income, for this and, when files are kept,
    later sessions."""
    st.session_state[PERSONAL_CHOSEN] = sorted(set(payers))
    if FileStore.allowed():
        mapping_store().put_personal_payers(sorted(set(payers)))


LAYOUT_CURRENCIES = "giglens.layout_currencies"  # layout -> currency chosen (also in SQLite)


def layout_currencies() -> dict[str, str]:
    """The currency chosen for the files of each layout that name none (an Uber payments_order
    report): loaded once per session from the SQLite file, where it is kept only when files
    are (a server others can reach must not read one visitor's amounts in another's currency)."""
    return _kept_choices(LAYOUT_CURRENCIES, lambda: mapping_store().layout_currencies())


def choose_layout_currency(layout: str, currency: str | None) -> None:
    """Read the files of `layout` in `currency` (None: forget the choice; the currency GigLens
    assumes is taken again, with its warning)."""
    _choose(
        LAYOUT_CURRENCIES,
        lambda: mapping_store().layout_currencies(),
        lambda: mapping_store().put_layout_currency,
        layout,
        currency,
    )


def forget_layout_currencies() -> None:
    """Forget every currency chosen for files that name none (clearing all imported data: a
    slip must not be applied to the next upload)."""
    for layout in list(layout_currencies()):
        choose_layout_currency(layout, None)


def _in_chosen_currency(item: FileImport) -> FileImport:
    """`item` with its amounts in the currency chosen for its layout, when the file names none
    and another than the one assumed was chosen (the cached result itself is left as read)."""
    result = item.result
    if result is None or not result.assumed_currency:
        return item
    chosen = layout_currencies().get(result.layout)
    if not chosen:
        return item
    table = result.transactions
    if chosen != result.assumed_currency:
        currency = table["currency"].astype(str).replace(result.assumed_currency, chosen)
        table = table.assign(currency=currency.astype("category"))  # as conform makes it
    # the warning that the currency was taken for them has been answered (USD too)
    warnings = [w for w in result.warnings if "unless you choose their currency" not in w]
    item.result = dataclasses.replace(result, transactions=table, warnings=warnings)
    return item


def _signature() -> tuple:
    session_maps = st.session_state.get(MAPPINGS, {})
    return (
        tuple(sources()),
        json.dumps(session_maps, sort_keys=True),
        json.dumps(stream_choices(), sort_keys=True),
        json.dumps(client_stream_choices(), sort_keys=True),
        json.dumps(personal_payers()),
        json.dumps(layout_currencies(), sort_keys=True),
    )


def combined(reading=None, combining=None) -> Combined:
    """The combined table of every source (recomputed only when files or mappings change).

    `reading(i, n, source)` is a context manager the import of each file runs in (the home page
    shows a progress bar and a spinner with the file's name with it), `combining(n)` one the
    putting together of the n files runs in; neither is called when nothing changed since the
    last run.
    """
    sig = _signature()
    current = st.session_state.get(COMBINED)
    if current is not None and current.signature == sig:
        return current
    items = []
    srcs = list(sources().values())
    for i, source in enumerate(srcs):
        if reading is None:
            items.append(import_source(source))
            continue
        with reading(i, len(srcs), source):
            items.append(import_source(source))
    # A file that cannot be read at all is listed with its message in this visit only: kept
    # on this computer, it would come back with the same message at every visit.
    for source, item in zip(srcs, items, strict=True):
        if item.error and item.unknown_columns is None and not source.sample:
            FileStore().delete(source.key)
    # Copies: `combine` sets per-session counts on the items, and cached objects are shared.
    items = [FileImport(**{k: getattr(it, k) for k in it.__dataclass_fields__}) for it in items]
    items = [_in_chosen_currency(it) for it in items]
    with (combining or (lambda _n: nullcontext()))(len(items)):
        data, items, notes = combine(items)
    # the payers the user said are not income are listed from the data before that choice
    payers = personal_payers_of(data)
    data = as_personal(
        with_streams(data, stream_choices(), client_stream_choices()), personal_payers()
    )
    current = Combined(signature=sig, data=data, imports=items, notes=notes, payers=payers)
    st.session_state[COMBINED] = current
    return current


def data() -> pd.DataFrame:
    """All imported transactions of this session (an empty canonical table before any import)."""
    if not sources():
        return empty_transactions()
    return combined().data


def data_signature() -> str:
    """A short content key of the session's data, for caching analytics results."""
    return digest(repr(_signature()).encode("utf-8"))[:24]


def today() -> pd.Timestamp:
    """Today's date, which decides whether a tax year is over and which payments have passed.
    GIGLENS_TODAY=YYYY-MM-DD sets it (tests; a look at a past year as it stood then)."""
    return pd.Timestamp(os.environ.get("GIGLENS_TODAY") or pd.Timestamp.today()).normalize()
