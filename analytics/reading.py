"""Turn uploaded bytes into text or cell grids: file-type sniffing, encodings, delimiters, Excel.

Nothing here knows about platforms; `analytics.loader` decides which rows form the header.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import html
import html.parser
import io
import json
import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analytics.errors import ImportFailed

MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """The raw bytes of an upload and the name to show for it."""

    data: bytes
    name: str


def read_source(source, filename: str | None = None) -> Source:
    """Accept bytes, a path or a file-like object (e.g. Streamlit's UploadedFile).

    A file the system cannot read (no permission, locked by another program, a name too long)
    fails with `ImportFailed` saying so, never with the system's own exception.
    """
    try:
        return _read_source(source, filename)
    except ImportFailed:
        raise
    except OSError as exc:
        name = Path(str(filename or getattr(exc, "filename", None) or "the file")).name
        if isinstance(exc, PermissionError):
            why = (
                "GigLens is not allowed to open it. If it is open in Excel or another program, "
                "close it there (or save a copy) and try again."
            )
        else:
            why = f"the system said: {exc.strerror or exc}. Check the file and try again."
        raise ImportFailed(f"GigLens could not read {name[:80]}: {why}") from exc
    except Exception as exc:  # e.g. a closed upload: still a message, never a traceback
        raise ImportFailed(
            f"GigLens could not read this upload ({type(exc).__name__}: {exc}). Try again, or "
            "save the export to a file and upload that."
        ) from exc


def _read_source(source, filename: str | None) -> Source:
    if isinstance(source, bytes | bytearray | memoryview):
        return Source(bytes(source), filename or "upload")
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            raise ImportFailed(
                f"The file {path.name!r} does not exist. Check the path and try again."
            )
        if path.is_dir():
            raise ImportFailed(f"{path.name!r} is a folder, not a file. Pick one export file.")
        return Source(path.read_bytes(), filename or path.name)
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            try:
                source.seek(0)
            except (OSError, ValueError):
                pass
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        name = filename or getattr(source, "name", None) or "upload"
        return Source(bytes(data), Path(str(name)).name)
    raise ImportFailed(
        "GigLens could not read this upload. Give it a CSV, Excel or JSON export file."
    )


# What a file is, from its first bytes (never from its name).
_MAGIC = [
    (b"\x89PNG", "This looks like a PNG image, not a CSV or Excel export."),
    (b"\xff\xd8\xff", "This looks like a JPEG photo, not a CSV or Excel export."),
    (b"GIF8", "This looks like a GIF image, not a CSV or Excel export."),
    (
        b"%PDF",
        "This is a PDF document. GigLens reads CSV, Excel or JSON exports: download the "
        "CSV version of this statement from the platform instead (most platforms offer one next to "
        "the PDF).",
    ),
    (b"\x1f\x8b", "This is a compressed (.gz) file. Unpack it first and upload the CSV inside."),
    (b"Rar!", "This is a RAR archive. Unpack it first and upload the CSV inside."),
    (b"7z\xbc\xaf", "This is a 7-Zip archive. Unpack it first and upload the CSV inside."),
    (b"{\\rtf", "This is a Word/RTF document, not a CSV or Excel export."),
    (b"SQLite format 3", "This is a database file, not a CSV or Excel export."),
]


_WHAT_TO_UPLOAD = (
    " Upload the earnings or transactions file you downloaded from the platform (CSV, Excel or "
    "JSON), as it came."
)
_CONTENT = re.compile(rb"[^ \t\r\n\x00\xef\xbb\xbf\xff\xfe]")


def sniff_kind(src: Source) -> str:
    """Return 'excel', 'json' or 'text', or raise ImportFailed with a plain explanation."""
    data = src.data
    if not data or _CONTENT.search(data) is None:
        raise ImportFailed(
            f"{src.name} is empty. Download the export again from the platform and upload the "
            "new file."
        )
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            f"{src.name} is larger than {MAX_BYTES // 2**20} MB. Export a shorter date range."
        )
    for magic, message in _MAGIC:
        if data.startswith(magic):
            if "not a CSV or Excel export" in message:  # say what to upload instead
                message += _WHAT_TO_UPLOAD
            raise ImportFailed(message)
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile as exc:
            raise ImportFailed(
                f"{src.name} looks like an Excel file but is damaged. Download it again."
            ) from exc
        if any(n.startswith("xl/") for n in names) or "content.xml" in names:
            return "excel"
        if any(n.startswith("word/") for n in names):
            raise ImportFailed(
                "This is a Word document, not a CSV or Excel export." + _WHAT_TO_UPLOAD
            )
        if any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
            if any(n.startswith("Index/Tables/") for n in names):
                raise ImportFailed(
                    "This is an Apple Numbers file. In Numbers, choose File › Export To › CSV "
                    "(or Excel), and upload that file."
                )
            raise ImportFailed(
                "This is an Apple Pages or Keynote document, not a CSV or Excel export."
                + _WHAT_TO_UPLOAD
            )
        raise ImportFailed(
            "This is a ZIP archive. Unpack it first and upload the CSV or Excel files inside."
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "excel"  # legacy .xls (OLE2)
    head = data[:4096]
    encoding = _utf16(head)
    if encoding:  # a JSON or HTML page saved as "Unicode" text (Notepad, PowerShell 5)
        text_start = head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").encode()
    else:
        text_start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text_start[:1] in (b"{", b"["):
        return "json"
    # a page saved by a browser may start with a `<!-- saved from url=... -->` comment
    while text_start.startswith(b"<!--") and b"-->" in text_start:
        text_start = text_start[text_start.index(b"-->") + 3 :].lstrip()
    start = text_start[:14].lower()
    if start.startswith(_HTML_STARTS):
        if _PRE_JSON.search(data[: 1 << 16]):  # a JSON page saved by the browser as a web page
            return "json"
        # some platforms' "Excel" download is a web page holding the table, named .xls
        if _HTML_TABLE.search(data[: 1 << 20]):
            return "html"
        raise ImportFailed(web_page_message(src.name))
    if start.startswith(b"<?xml"):
        if _SPREADSHEET_XML in data[:4096]:  # Excel 2003 "XML Spreadsheet"
            return "xml-sheet"
        raise ImportFailed(
            f"{src.name} is an XML file, not an export GigLens can read. Download the CSV or "
            "Excel export from the platform, or open the file in Excel and save it as .xlsx."
        )
    utf16 = (
        head.startswith(codecs.BOM_UTF16_LE)
        or head.startswith(codecs.BOM_UTF16_BE)
        or _looks_utf16(head)
    )
    # Text has almost no control characters besides tab and line ends; random or compressed
    # bytes have one in eight.
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if not utf16 and (head.count(b"\x00") > len(head) // 4 or controls > len(head) // 20):
        raise ImportFailed(
            f"{src.name} is not a text, CSV, Excel or JSON file. Upload the export exactly as "
            "the platform gave it to you."
        )
    return "text"


_CONTROL_BYTES = [b for b in range(32) if b not in (9, 10, 13)] + [127]
# how a web page begins, also one saved without its <html> (a bare <table>, a <meta> first)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body", b"<style")
_HTML_TABLE = re.compile(rb"<table\b", re.IGNORECASE)
_SPREADSHEET_XML = b"urn:schemas-microsoft-com:office:spreadsheet"


def web_page_message(name: str) -> str:
    return (
        f"{name} is a web page (HTML) without a table GigLens knows. If it is the MTurk page, "
        "open its address ending in ?format=json in the browser and save that; otherwise "
        "download the CSV or Excel export from the platform."
    )


def _looks_utf16(head: bytes) -> bool:
    # UTF-16 without a BOM: every other byte is zero in mostly-ASCII text.
    sample = head[:200]
    return len(sample) >= 4 and (
        sample[1::2].count(0) > len(sample) // 3 or sample[0::2].count(0) > len(sample) // 3
    )


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec for spreadsheet-saved text (with or without a BOM), else None."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if _looks_utf16(data[:200]):
        return "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    return None


def _windows_1252_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decoding error handler: bytes that are not UTF-8 are read as Windows-1252."""
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error("giglens-cp1252", _windows_1252_bytes)
_STRAY = threading.local()  # where "giglens-record" writes, per thread


class _EnoughStrays(Exception):
    pass


def _record_stray(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decoding error handler: note where a byte that is not UTF-8 is, and go on (until one
    more than asked for is found)."""
    _STRAY.positions.append(error.start)
    if len(_STRAY.positions) > _STRAY.limit:
        raise _EnoughStrays
    return "", error.end


codecs.register_error("giglens-record", _record_stray)

MIXED_ENCODING = "utf-8 with some windows-1252"


def decode_text(src: Source) -> tuple[str, str]:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 (spreadsheets), else Windows-1252.

    A UTF-8 file with a few bytes that are not UTF-8 (a line pasted in from a Windows-1252 file)
    is read as UTF-8 with those bytes read as Windows-1252; the encoding returned is then
    MIXED_ENCODING, so that the import can say so.
    """
    data = src.data
    bom = data.startswith(codecs.BOM_UTF8)
    encoding = None if bom else _utf16(data)
    if encoding:
        return data.decode(encoding, errors="replace"), encoding
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a few bytes from elsewhere, or a Windows-1252 file whose accented
    # capitals happen to form a valid-looking pair (`É’` is C9 92): see `_mostly_utf8`.
    if bom or _mostly_utf8(body):
        return body.decode("utf-8", errors="giglens-cp1252"), MIXED_ENCODING
    east_asian = _east_asian_code_page(data)
    if east_asian:
        return data.decode(east_asian, errors="replace"), east_asian
    # Excel for Mac saves a plain CSV in Mac Roman: €29.99 would read as Û29.99 in
    # Windows-1252, ä as Š.
    if _mac_roman_likelier(data):
        return data.decode("mac_roman"), "mac_roman"
    # Windows-1252 is what spreadsheets and Western platforms write; statistical detection
    # mistakes short German or French files for Baltic code pages, so it goes first.
    try:
        text = data.decode("cp1252")
        return text, UNSURE_TWO_BYTE if _symbols_for_letters(text) else "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding not in ("utf_8", "ascii"):
            return data.decode(best.encoding, errors="replace"), best.encoding
    except Exception:  # pragma: no cover - detection is best effort
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def _mac_roman_likelier(data: bytes) -> bool:
    """Whether the file is Mac Roman rather than Windows-1252: read as Windows-1252 it shows
    a euro sign as Û before digits (Û29.99), a garbled word (MŸller, `garbled_example`), a
    byte Windows-1252 has no character for (Mac Roman's ç è ê ù Å) or a letter garbled
    inside a word (`_MAC_IN_WINDOWS`: CafŽ, ÒspecialÓ, Stra§e); and read as Mac Roman, no
    garbled word and no euro sign turned into Ä beside an amount (120,00 Ä). Windows-1252's
    own signs („Logo“, 1ª, 5‰, ¥1200, NICCOLÒ) are no sign of Mac Roman."""
    sample = data[:200_000]
    if sample.isascii():
        return False
    windows = sample.decode("cp1252", errors="replace")
    signs = (
        re.search(r"Û(?=\d)", windows) is not None
        or garbled_example(windows) != ""
        or any(byte in sample for byte in _NOT_IN_WINDOWS_1252)
        or _MAC_IN_WINDOWS.search(windows) is not None
    )
    if not signs:
        return False
    mac = sample.decode("mac_roman")
    return garbled_example(mac) == "" and _EURO_AS_MAC.search(mac) is None


# bytes Windows-1252 leaves undefined: in Mac Roman the letters Å ç è ê ù
_NOT_IN_WINDOWS_1252 = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
# Mac Roman read as Windows-1252: é as Ž, ä as Š, ü as Ÿ, “ ” as Ò Ó, ‘ ’ as Ô Õ, – as Ð
# right after a small letter (CafŽ, MŸller, specialÓ); ß as § between letters (Stra§e)
_MAC_IN_WINDOWS = re.compile(r"[a-z][ŽŠŸÒÓÔÕÐ]|[^\W\d_]§[^\W\d_]")
# Windows-1252's € read as Mac Roman is Ä: beside an amount it is a euro sign, not a letter
_EURO_AS_MAC = re.compile(r"\d\s?Ä|Ä\s?\d")


EAST_ASIAN_CODE_PAGES = {
    "gb18030": "Chinese (GB18030)",
    "gbk": "Chinese (GBK)",
    "gb2312": "Chinese (GB2312)",
    "big5": "Chinese (Big5)",
    "cp932": "Japanese (Shift-JIS)",
    "shift_jis": "Japanese (Shift-JIS)",
    "euc_jp": "Japanese (EUC-JP)",
    "cp949": "Korean (EUC-KR)",
    "euc_kr": "Korean (EUC-KR)",
}


# Read as Windows-1252 though its bytes look like a Chinese, Japanese or Korean code page that
# detection could not name (a short Big5 or Shift-JIS file): the import says names may be garbled.
UNSURE_TWO_BYTE = "cp1252, maybe a Chinese, Japanese or Korean code page"


def _looks_two_byte(data: bytes) -> bool:
    """Whether the file's non-ASCII bytes look like the two-byte characters Chinese, Japanese
    and Korean code pages write (Windows-1252 text has mostly single accented letters)."""
    sample = np.frombuffer(data[: 1 << 20], dtype=np.uint8)
    high = sample >= 0x80
    if high.sum() < 4:
        return False
    # in a two-byte code page nearly every non-ASCII byte has a non-ASCII neighbour, or (the
    # lead bytes of Shift-JIS) is in 0x80-0x9F, where Windows-1252 has only punctuation
    paired = high & (np.r_[high[1:], False] | np.r_[False, high[:-1]])
    leads = (sample >= 0x80) & (sample <= 0x9F)
    return paired.sum() >= 0.9 * high.sum() or leads.sum() >= 0.5 * high.sum()


# Windows-1252 punctuation and signs Western files are full of (prices, quotes, dashes, the
# German invoice's `§19 UStG`, `½ day`, `360°`)
_WESTERN_SIGNS = set("€£’‘“”–—…•°·©®™§½¼¾²³×±µ")


def _symbols_for_letters(text: str) -> bool:
    """Whether the non-ASCII characters of `text`, read as Windows-1252, are mostly signs such
    as ¥ ¦ ¤ ¬ rather than accented letters (é, ü, ß): what a Big5 or Shift-JIS file, whose
    second bytes are often ASCII, looks like read that way. At least four such signs, of three
    kinds or more (a Western file repeats the few it has)."""
    high = [c for c in text[:200_000] if ord(c) >= 0x80 and c not in _WESTERN_SIGNS]
    signs = [c for c in high if not c.isalpha()]
    return len(signs) >= 4 and len(set(signs)) >= 3 and len(signs) >= 0.6 * len(high)


def _east_asian_code_page(data: bytes) -> str | None:
    """A Chinese, Japanese or Korean code page, when the file's bytes look two-byte
    (`_looks_two_byte`) and charset detection names one of them; else None."""
    if not _looks_two_byte(data):
        return None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # pragma: no cover - detection is best effort
        return None
    return best.encoding if best is not None and best.encoding in EAST_ASIAN_CODE_PAGES else None


# Windows-1252 letters that, between two letters, are a Mac Roman or other file read wrongly
# (`MŸller` is Müller in Mac Roman); `’`, `š`, `ž`, `œ` are real in names (O’Brien, Dušan)
_GARBLED = re.compile(r"[^\W\d_][ƒ†‡ˆ‰‹›Ÿ•˜™„‚…][^\W\d_]")


def garbled_example(text: str) -> str:
    """A word of `text` that looks like another encoding read as Windows-1252, or ""."""
    found = _GARBLED.search(text[:2_000_000])
    if found is None:
        return ""
    start = max(text.rfind(" ", 0, found.start()), text.rfind(",", 0, found.start())) + 1
    end = min(
        [i for i in (text.find(" ", found.end()), text.find(",", found.end())) if i >= 0]
        or [len(text)]
    )
    return text[start:end].strip('"')[:40]


def _mostly_utf8(data: bytes, chunk: int = 1 << 22) -> bool:
    """Whether `data` reads as UTF-8 with a few stray bytes rather than as Windows-1252.

    It needs at least one UTF-8 character that would be mojibake in Windows-1252 (lead byte
    C2/C3, `Ã©` for é; or a 3-4 byte one, `â€™` for ’), and at least as many valid multi-byte
    characters as stray bytes. Other pairs are weak evidence: in Windows-1252, C9 92 is
    plausible text (`É’`). Counted with NumPy over the non-ASCII bytes, a few MB at a time.
    """
    b = np.frombuffer(data, dtype=np.uint8)
    valid = strong = stray = 0
    for start in range(0, len(b), chunk):
        # the chunk's bytes, and 3 more so a character that starts in it can be read whole
        window = b[start : start + chunk + 3]
        at = np.flatnonzero(window[:chunk] >= 0x80).astype(np.int32)
        if not len(at):
            continue
        lead = window[at]
        follow = [
            (at + k < len(window)) & (window[np.minimum(at + k, len(window) - 1)] & 0xC0 == 0x80)
            for k in (1, 2, 3)
        ]
        two = (lead >= 0xC2) & (lead <= 0xDF) & follow[0]
        three = (lead >= 0xE0) & (lead <= 0xEF) & follow[0] & follow[1]
        four = (lead >= 0xF0) & (lead <= 0xF4) & follow[0] & follow[1] & follow[2]
        n2, n3, n4 = int(two.sum()), int(three.sum()), int(four.sum())
        valid += n2 + n3 + n4
        strong += int((two & (lead <= 0xC3)).sum()) + n3 + n4
        # A character across a chunk boundary takes its later bytes off this chunk's count,
        # and they come back as non-ASCII bytes of the next one: the totals are exact.
        stray += len(at) - (2 * n2 + 3 * n3 + 4 * n4)
    return strong > 0 and valid >= stray


def stray_bytes(data: bytes, limit: int = 20) -> tuple[list[int], bool]:
    """Line numbers (1-based, in `data`) of the first `limit` bytes that are not UTF-8, and
    whether there are more."""
    _STRAY.positions, _STRAY.limit = [], limit
    positions = _STRAY.positions
    try:
        data.decode("utf-8", errors="giglens-record")
    except _EnoughStrays:
        pass
    lines = [data.count(b"\n", 0, at) + 1 for at in positions[:limit]]
    return lines, len(positions) > limit


def utf8_head(src: Source, size: int = 1 << 20) -> str | None:
    """The first lines of a UTF-8 file (up to `size` bytes, cut at a line end), decoded; None
    if the file is UTF-16 or its first lines are not valid UTF-8 (then use `decode_text`)."""
    data = src.data
    if _utf16(data):
        return None
    start = 3 if data.startswith(codecs.BOM_UTF8) else 0
    end = len(data) if len(data) - start <= size else data.rfind(b"\n", start, start + size) + 1
    if end <= start:
        return None
    try:
        return data[start:end].decode("utf-8")
    except UnicodeDecodeError:
        return None


DELIMITERS = (",", ";", "\t", "|")


def split_line(line: str, delimiter: str) -> list[str]:
    """Split one CSV line into stripped cells (quotes honoured)."""
    try:
        row = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        row = line.split(delimiter)
    return [cell.strip().strip("\ufeff").strip() for cell in row]


def head_lines(text: str, n: int = 60) -> list[str]:
    """The first `n` records of the text, as lines (multi-line quoted cells are rare up here)."""
    lines: list[str] = []
    chunk = 65536
    while len(lines) <= n and chunk < 2 * len(text) + 65536:
        lines = text[:chunk].splitlines()
        chunk *= 4
    return lines[:n]


# Chrome and Firefox show a JSON address as a page with the JSON in a <pre>; "Save as: Webpage"
# keeps that page
_PRE_JSON = re.compile(rb"<pre[^>]*>\s*[\[{]", re.IGNORECASE)


def load_json(src: Source, text: str):
    """The JSON document of a saved page: one document, several saved one after another (as a
    list of them), or the JSON inside a web page's <pre> (a browser's "Save as: Webpage")."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):  # the first <pre> that holds JSON
        found = re.search(r"<pre[^>]*>(\s*[\[{].*?)</pre>", stripped, re.IGNORECASE | re.DOTALL)
        text = html.unescape(found.group(1)) if found else text
    decoder = json.JSONDecoder()
    docs: list = []
    at = 0
    text = text.strip().lstrip("\ufeff")
    try:
        while at < len(text):
            doc, at = decoder.raw_decode(text, at)
            docs.append(doc)
            while at < len(text) and text[at] in " \t\r\n,":
                at += 1
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"{src.name} looks like a JSON file but it is cut off or damaged "
            f"(line {exc.lineno}: {exc.msg}). Save the page again and upload the new file."
        ) from exc
    if not docs:
        raise ImportFailed(f"{src.name} is an empty JSON file: save the page again.")
    return docs[0] if len(docs) == 1 else docs


@dataclass
class Sheet:
    """One sheet of a workbook: its name, rows of text cells (trailing empty cells dropped) and
    whether the workbook shows it."""

    name: str
    rows: list[list[str]]
    visible: bool = True
    problem: str = ""  # why the sheet could not be read (then it has no rows)


# the stream an encrypted (password-protected) .xlsx keeps its workbook in, in the file's
# directory (UTF-16)
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def excel_sheets(src: Source) -> list[Sheet]:
    """Every sheet of an .xlsx/.xls/.ods workbook as rows of text cells (python-calamine).

    Rows are read one at a time and cut after their last filled cell, so one stray cell far to
    the right (column XFD) does not widen every row to 16,384 cells.
    """
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(src.data))
    except Exception as exc:
        if src.data.startswith(b"\xd0\xcf\x11\xe0") and _ENCRYPTED in src.data[: 1 << 20]:
            raise ImportFailed(
                f"{src.name} is protected with a password, so GigLens cannot read it. Open it "
                "in Excel, remove the password (File › Info › Protect Workbook › Encrypt with "
                "Password, and clear it), save, and add the file again."
            ) from exc
        raise ImportFailed(
            f"{src.name} could not be opened as a spreadsheet: it may be damaged. Download it "
            "again; if it opens in Excel, save it there as .xlsx and add that copy."
        ) from exc
    hidden = _hidden_sheets(book)
    sheets = []
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.iter_rows() if hasattr(sheet, "iter_rows") else sheet.to_python()
            sheets.append(Sheet(name, [_row_text(row) for row in rows], name not in hidden))
        except Exception as exc:  # a damaged or unusual sheet: said, not silently left out
            sheets.append(
                Sheet(name, [], name not in hidden, problem=str(exc) or type(exc).__name__)
            )
    return sheets


_XML_ATTR = re.compile(r"""([\w:]+)=(?:"([^"]*)"|'([^']*)')""")
# an error cell: <c ... t="e">, with or without a namespace prefix, up to its end
_ERROR_CELL = re.compile(
    rb"""<(?:\w+:)?c\b([^>]*\bt=["']e["'][^>]*)>(.*?)</(?:\w+:)?c>""", re.DOTALL
)
_CELL_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_ERROR_MARK = re.compile(rb"""\bt=["']e["']""")
_XML_CHUNK = 1 << 22
_MOST_ERRORS = 1000  # enough to name a few; a sheet full of errors needs no exact count


def _attrs(tag: str) -> dict[str, str]:
    return {name: a if a or not b else b for name, a, b in _XML_ATTR.findall(tag)}


def _error_cells_of(stream) -> list[tuple[str, str]]:
    """(cell, error) of a sheet's XML read a chunk at a time: most sheets have no `t="e"` at
    all, and a large one is never held in memory whole."""
    found: list[tuple[str, str]] = []
    tail = b""
    while len(found) < _MOST_ERRORS:
        chunk = stream.read(_XML_CHUNK)
        if not chunk:
            break
        window = tail + chunk
        # up to the end of the last whole cell; a cell cut at the chunk's end is read with the
        # next chunk
        ends = [window.rfind(b"</c>") + 4, window.rfind(b":c>") + 3]
        cut = max(ends) if max(ends) > 3 else 0
        body, tail = window[:cut], window[cut:]
        if len(tail) > 1 << 20:  # no cell ends in a long stretch: nothing worth carrying over
            body, tail = window, b""
        if not _ERROR_MARK.search(body):
            continue
        for match in _ERROR_CELL.finditer(body):
            ref = _attrs(match.group(1).decode("utf-8", "replace")).get("r", "?")
            value = _CELL_VALUE.search(match.group(2))
            shown = html.unescape(value.group(1).decode("utf-8", "replace")) if value else "error"
            found.append((ref, shown))
    return found


def excel_error_cells(data: bytes) -> dict[str, list[tuple[str, str]]]:
    """{sheet name: [(cell, error)]} of an .xlsx's cells that show an Excel error (`#N/A` in
    I2): python-calamine reads them as empty cells. Empty for other formats or on any doubt
    (this only feeds a warning, so a damaged part is no reason to fail)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            names = set(book.namelist())
            workbook = book.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = book.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            targets = {}
            for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
                attrs = _attrs(tag)
                target = attrs.get("Target", "").lstrip("/")
                targets[attrs.get("Id")] = target if target.startswith("xl/") else "xl/" + target
            found: dict[str, list[tuple[str, str]]] = {}
            for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
                attrs = _attrs(tag)
                rid = next((v for k, v in attrs.items() if k.endswith(":id") or k == "id"), None)
                part = targets.get(rid)
                if part not in names:
                    continue
                try:
                    with book.open(part) as stream:
                        errors = _error_cells_of(stream)
                except Exception:  # a damaged sheet: calamine's reading says so
                    continue
                if errors:
                    found[html.unescape(attrs.get("name", ""))] = errors
            return found
    except Exception:
        return {}


def _hidden_sheets(book) -> set[str]:
    """Names of the sheets a workbook hides (none known for formats that do not say)."""
    try:
        from python_calamine import SheetVisibleEnum

        return {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    except Exception:  # an older python-calamine, or a format without the information
        return set()


def markup_sheets(src: Source, kind: str) -> list[Sheet]:
    """The tables of a web page (`kind` "html", one sheet per <table>) or of an Excel 2003 XML
    Spreadsheet ("xml-sheet", one per worksheet) as rows of text cells, like `excel_sheets`.
    Platforms that offer an "Excel" download sometimes send one of these, named .xls."""
    if kind == "html":
        parser = _HtmlTables()
        parser.feed(decode_text(src)[0])
        parser.close()
        tables = parser.finish()
        return [Sheet(f"Table {i}", rows) for i, rows in enumerate(tables, 1)]
    return _xml_spreadsheet(src)


class _HtmlTables(html.parser.HTMLParser):
    """Rows of cell text of every <table> (a table inside a cell is a table of its own)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._open: list[dict] = []  # the tables being read, innermost last

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            # below: column -> [rows left, text] of cells spanning down (rowspan) into the
            # rows to come, shown on each of them as the page shows it
            self._open.append(
                {"rows": [], "row": None, "cell": None, "span": 1, "down": 1, "below": {}}
            )
        elif not self._open:
            return
        elif tag == "tr":
            self._end_row()
            self._open[-1]["row"] = []
        elif tag in ("td", "th"):
            self._end_cell()
            table = self._open[-1]
            if table["row"] is None:
                table["row"] = []
            table["cell"] = []
            table["span"] = _span(dict(attrs).get("colspan"))
            table["down"] = _span(dict(attrs).get("rowspan"))
        elif tag == "br" and self._open[-1]["cell"] is not None:
            self._open[-1]["cell"].append(" ")

    def handle_endtag(self, tag):
        if not self._open:
            return
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_table()

    def handle_data(self, data):
        if self._open and self._open[-1]["cell"] is not None:
            self._open[-1]["cell"].append(data)

    @staticmethod
    def _spanned_from_above(table):
        """Fill the row's next places held by cells above that span down into it."""
        row, below = table["row"], table["below"]
        while len(row) in below:
            left, text = below[len(row)]
            row.append(text)
            if left > 1:
                below[len(row) - 1] = [left - 1, text]
            else:
                del below[len(row) - 1]

    def _end_cell(self):
        table = self._open[-1]
        if table["cell"] is not None:
            self._spanned_from_above(table)
            text = " ".join("".join(table["cell"]).split())
            at = len(table["row"])
            table["row"].extend([text] + [""] * (table["span"] - 1))
            if table["down"] > 1:
                for column in range(at, at + table["span"]):
                    table["below"][column] = [table["down"] - 1, text if column == at else ""]
            table["cell"] = None

    def _end_row(self):
        self._end_cell()
        table = self._open[-1]
        if table["row"] is not None:
            self._spanned_from_above(table)
            row = table["row"]
            while row and not row[-1]:
                row.pop()
            table["rows"].append(row)
            table["row"] = None

    def _end_table(self):
        self._end_row()
        self.tables.append(self._open.pop()["rows"])

    def finish(self) -> list[list[list[str]]]:
        """The tables, also those a cut-off file never closed."""
        while self._open:
            self._end_table()
        return self.tables


def _span(value: str | None) -> int:
    """A colspan or rowspan attribute as a count of 1 to 256 (1 when it is no number)."""
    text = (value or "").strip()
    return min(max(int(text), 1), 256) if text.isdecimal() and text.isascii() else 1


def _xml_spreadsheet(src: Source) -> list[Sheet]:
    """An Excel 2003 XML Spreadsheet's worksheets (Row/Cell/Data, with ss:Index gaps and
    ss:MergeAcross spans) as rows of text cells."""
    import xml.etree.ElementTree as ET

    ns = "{" + _SPREADSHEET_XML.decode() + "}"
    try:
        root = ET.fromstring(src.data)
    except ET.ParseError as exc:
        raise ImportFailed(
            f"{src.name} is an Excel XML spreadsheet that is damaged or cut off ({exc}). "
            "Download it again, or open it in Excel and save it as .xlsx."
        ) from exc
    sheets = []
    for number, sheet in enumerate(root.iter(ns + "Worksheet"), 1):
        rows: list[list[str]] = []
        for row in sheet.iter(ns + "Row"):
            at = row.get(ns + "Index")
            if at and at.isdigit():
                rows.extend([] for _ in range(int(at) - 1 - len(rows)))
            cells: list[str] = []
            for cell in row.iter(ns + "Cell"):
                index = cell.get(ns + "Index")
                if index and index.isdigit():
                    cells.extend("" for _ in range(int(index) - 1 - len(cells)))
                data = cell.find(ns + "Data")
                text = "" if data is None else "".join(data.itertext()).strip()
                if data is not None and data.get(ns + "Type") == "Number":
                    try:
                        text = cell_text(float(text))
                    except ValueError:
                        pass
                elif data is not None and data.get(ns + "Type") == "DateTime":
                    day, _, time = text.partition("T")
                    time = time.split(".")[0]
                    text = day if time in ("", "00:00:00") else f"{day} {time}"
                merged = cell.get(ns + "MergeAcross")
                cells.append(text)
                if merged and merged.isdigit():
                    cells.extend("" for _ in range(min(int(merged), 256)))
            rows.append(_row_text(cells))
        name = sheet.get(ns + "Name") or f"Sheet{number}"
        sheets.append(Sheet(name, rows))
    return sheets


def _row_text(row: list) -> list[str]:
    last = len(row)
    while last and (row[last - 1] is None or row[last - 1] == ""):
        last -= 1
    return [cell_text(c) for c in row[:last]]


def cell_text(value) -> str:
    """One spreadsheet cell as the text a CSV export would have held."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(round(value, 10))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return str(value.total_seconds() / 3600)
    return str(value).strip()
