"""Import a head-office shop master list (.xlsx or .csv) into the store.

Three steps, so a person can look before anything is written:

1. :func:`read_table` reads the first sheet of a workbook (openpyxl, read-only) or a CSV
   file (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK or Big5 when the
   characters say so for sure, else ``unknown_encoding``; comma, tab or semicolon).
   Title rows above the header are skipped (the header is the first top row naming two
   shop fields). A file that is not a spreadsheet, is empty or is truncated raises
   :class:`ImportFileError`; so does one past the bounds (``MAX_ROWS``, ``MAX_COLUMNS``,
   ``MAX_CELLS``, and for a workbook the unpacked sizes and ratios in its zip directory,
   checked before any part is unpacked): ``too_big``, quickly and in bounded memory.
2. :func:`guess_mapping` maps the file's headers (Chinese or English, the export's own
   headers included) to shop fields; unknown headers are left out for the person to map
   (``--map 'Header=field'`` in the CLI, combo boxes in the app).
3. :func:`plan_import` checks every cell of every row (no control characters:
   ``invalid_character``, with row and column) and matches it by head-office shop code (without
   regard to case) against the live shops: ``create``, ``update`` (only the fields that
   really change), ``unchanged`` or ``invalid`` with its problems (row number, column,
   code). :func:`apply_import` writes the plan through ``store.shops`` (validation and
   outbox) in one transaction: all rows or none, unless ``valid_only`` was chosen.

An empty cell never clears a stored value (head-office lists often leave columns blank);
a county or rep is given by name (or id) and must exist. A county the store lacks is
listed in the plan (``unknown_counties``); once the person agrees, planning again with
``new_counties`` makes those rows valid, and :func:`apply_import` creates the counties
first, in the same transaction (from China's county list when the name is on it, so the
row gets the id every device gives that county). Importing the same file twice writes
nothing the second time, outbox included.
Planning reads what it must know (counties, users, shops by code) from a :class:`KnownRows`:
a store (:func:`store_rows`, what ``plan_import`` makes of a store it is given) or head
office's rows (``sync.server.console``): the same reader, rules and problems on both sides.
:func:`plan_master` plans a county or product list the same way (head office's console).
Threading: pure functions; the store passed in belongs to the calling thread.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field as dc_field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from .. import values
from ..errors import FieldappError, FieldError, ValidationError
from ..model import Channel, CloudStore, County, Shop, Tier
from ..validation import check_form, field_errors
from . import labels

if TYPE_CHECKING:
    from ..store import Store

#: Shop fields a column can be mapped to, in the order a mapping step shows them.
FIELDS: tuple[str, ...] = (
    "code",
    "name",
    "channel",
    "tier",
    "county",
    "address",
    "phone",
    "latitude",
    "longitude",
    "cloud_store",
    "rep",
    "notes",
)
#: A file must have these columns.
REQUIRED_FIELDS: tuple[str, ...] = ("code", "name")
#: The header word of each field (labels.HEADERS key).
FIELD_HEADER: dict[str, str] = {
    "code": "shop_code",
    "name": "name",
    "channel": "channel",
    "tier": "tier",
    "county": "county",
    "address": "address",
    "phone": "phone",
    "latitude": "latitude",
    "longitude": "longitude",
    "cloud_store": "cloud_store",
    "rep": "rep",
    "notes": "notes",
}
#: Store field of each import field (the rest are the same).
_STORE_FIELD = {"county": "county_id", "rep": "rep_id"}
_IMPORT_FIELD = {v: k for k, v in _STORE_FIELD.items()}

_ALIASES: dict[str, tuple[str, ...]] = {
    "code": (
        "code",
        "shopcode",
        "shop_code",
        "门店编码",
        "编码",
        "门店代码",
        "终端编码",
        "门店编号",
    ),
    "name": ("name", "shopname", "shop", "门店名称", "门店名", "名称", "店名", "终端名称", "门店"),
    "channel": ("channel", "渠道", "渠道类型", "门店类型", "业态"),
    "tier": ("tier", "等级", "门店等级", "分级", "级别"),
    "county": ("county", "district", "区县", "县区", "区/县", "所属区县"),
    "address": ("address", "地址", "门店地址", "详细地址"),
    "phone": ("phone", "tel", "telephone", "电话", "联系电话", "门店电话"),
    "latitude": ("latitude", "lat", "纬度"),
    "longitude": ("longitude", "lng", "lon", "经度"),
    "cloud_store": ("cloudstore", "cloud_store", "云店", "云店状态"),
    "rep": ("rep", "salesrep", "业务员", "负责业务员", "业务代表"),
    "notes": ("notes", "note", "remarks", "备注"),
}
#: Headers of the export's shop sheet that are not fields: known, quietly ignored.
_IGNORED = frozenset({"id", "created", "创建时间"})


def _norm_header(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[\s*]+", "", t)


@dataclass(frozen=True)
class Columns:
    """What a kind of file's columns map to: its fields in the order a mapping step shows
    them, those it must have, each field's header word (``labels.HEADERS`` key, both
    languages taken), more names a column may carry (Chinese or English), and headers
    left out without a word. The shop list's (:data:`SHOP_COLUMNS`) and the cloud-store
    order export's (``import_orders.ORDER_COLUMNS``) share this one mapping."""

    fields: tuple[str, ...]
    required: tuple[str, ...]
    header_key: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]
    ignored: frozenset[str] = frozenset()

    @functools.cached_property
    def by_header(self) -> dict[str, str]:
        """Normalised header -> field."""
        out: dict[str, str] = {}
        for fname, names in self.aliases.items():
            for name in names:
                out[_norm_header(name)] = fname
            for word in labels.HEADERS[self.header_key[fname]]:
                out.setdefault(_norm_header(word), fname)
        return out

    def guess(self, headers: list[str]) -> tuple[dict[int, str], list[str]]:
        """(column index -> field for the headers known, the headers not known).

        A field is taken by its first column only; a later column with the same meaning
        is reported as unknown so a person decides.
        """
        mapping: dict[int, str] = {}
        unknown: list[str] = []
        taken: set[str] = set()
        for i, header in enumerate(headers):
            if not header:
                continue
            key = _norm_header(header)
            fname = self.by_header.get(key)
            if fname is None or fname in taken:
                if key not in self.ignored:
                    unknown.append(header)
                continue
            mapping[i] = fname
            taken.add(fname)
        return mapping, unknown

    def apply_overrides(
        self, headers: list[str], mapping: Mapping[int, str], overrides: Mapping[str, str | None]
    ) -> dict[int, str]:
        """``mapping`` with ``overrides`` (file header -> field, or None/"" to ignore the
        column); the field by its code or its header word in either language. Raises
        :class:`MappingError`."""
        out = dict(mapping)
        by_header = {h: i for i, h in reversed(list(enumerate(headers))) if h}
        norm_header = {_norm_header(h): i for i, h in reversed(list(enumerate(headers))) if h}
        for header, target in overrides.items():
            index = by_header.get(header, norm_header.get(_norm_header(header)))
            if index is None:
                raise MappingError("unknown_header", header)
            if not target or target.strip().lower() in ("ignore", "skip", "-", "忽略"):
                out.pop(index, None)
                continue
            fname = target.strip() if target.strip() in self.fields else None
            if fname is None:
                fname = self.by_header.get(_norm_header(target))
            if fname is None:
                raise MappingError("bad_mapping", target)
            out[index] = fname
        self.check(out)
        return out

    def check(self, mapping: Mapping[int, str]) -> None:
        """Every required field mapped, no field mapped twice; raises :class:`MappingError`."""
        seen: set[str] = set()
        for fname in mapping.values():
            if fname not in self.fields:
                raise MappingError("bad_mapping", fname)
            if fname in seen:
                raise MappingError("mapped_twice", fname)
            seen.add(fname)
        missing = [f for f in self.required if f not in seen]
        if missing:
            raise MappingError("missing_column", ",".join(missing))


#: The shop master list's columns.
SHOP_COLUMNS = Columns(FIELDS, REQUIRED_FIELDS, FIELD_HEADER, _ALIASES, _IGNORED)


class ImportFileError(FieldappError):
    """The file cannot be read as a shop list. ``code``: ``not_a_spreadsheet``,
    ``old_excel``, ``empty``, ``truncated``, ``unreadable``, ``too_big`` (past a bound
    below: ``MAX_ROWS`` …), ``unknown_encoding``; ``detail`` the path (and what was found)."""

    code = "import_file"


class MappingError(FieldappError):
    """The column mapping cannot be used. ``code``: ``missing_column`` (``detail``: the
    fields), ``mapped_twice`` (the field), ``bad_mapping`` (the field name given),
    ``unknown_header`` (a ``--map`` header the file does not have)."""

    code = "mapping"


class ImportRefused(FieldappError):
    """Some rows are invalid and only all-or-nothing was allowed; nothing was written."""

    code = "invalid_rows"


@dataclass(frozen=True)
class Table:
    """A sheet read from a file: headers and data rows with their spreadsheet row numbers."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    kind: Literal["xlsx", "csv"]
    encoding: str | None = None


@dataclass(frozen=True)
class Problem:
    row: int  # spreadsheet row number (the header is row 1)
    column: str  # the file's header, or "" when the file has no column for the field
    field: str  # import field (code, name, county …)
    code: str  # see labels.PROBLEMS and the FieldError codes
    params: dict[str, Any] = dc_field(default_factory=dict)
    #: The field's header word (labels.HEADERS key) when not a shop field's.
    header: str = ""

    def text(self, lang: str) -> str:
        return labels.problem(self.code, lang, **self.params)

    def where(self, lang: str) -> str:
        """The column as the file names it, else the field's header word."""
        if self.column:
            return self.column
        key = self.header or FIELD_HEADER.get(self.field)
        return labels.header(key, lang) if key else self.field


Action = Literal["create", "update", "unchanged", "invalid"]


@dataclass(frozen=True)
class PlannedRow:
    row: int
    code: str | None
    name: str | None
    action: Action
    shop_id: str | None = None  # the matched shop (update/unchanged)
    changes: dict[str, Any] = dc_field(default_factory=dict)  # store field -> new value
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class NewCounty:
    """A county the import creates before its shops (the person agreed to it)."""

    id: str
    name: str
    province: str | None = None
    prefecture: str | None = None


@dataclass(frozen=True)
class ImportPlan:
    rows: list[PlannedRow]
    mapping: dict[int, str]  # column index -> field
    headers: list[str]
    #: County names in the file that the store does not have (agreed to or not).
    unknown_counties: tuple[str, ...] = ()
    #: The counties apply_import creates first (those of ``new_counties``).
    new_counties: tuple[NewCounty, ...] = ()

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def writes(self) -> int:
        return self.count("create") + self.count("update")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int  # invalid rows left out (valid_only)


# --------------------------------------------------------------------------- reading


Guess = Callable[[list[str]], tuple[dict[int, str], list[str]]]


def read_table(path: str | Path, *, guess: Guess | None = None) -> Table:
    """The first sheet of an .xlsx file or a .csv file; raises :class:`ImportFileError`.
    ``guess``: how headers are recognised when looking for the header row (default: the
    shop fields, :func:`guess_mapping`; :func:`master_guess` for counties and products)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except IsADirectoryError:
        raise ImportFileError("not_a_spreadsheet", str(p)) from None
    except OSError:
        raise ImportFileError("unreadable", str(p)) from None
    if not head:
        raise ImportFileError("empty", str(p))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("old_excel", str(p))
    table = _read_xlsx(p, guess) if head.startswith(b"PK") else _read_csv(p, guess)
    if not table.headers or not table.rows:
        raise ImportFileError("empty", str(p))
    return table


def _trim(cells: Iterable[Any]) -> list[Any]:
    out = [None if (isinstance(c, str) and not c.strip()) else c for c in cells]
    while out and out[-1] is None:
        out.pop()
    return out


def _split(
    rows: Iterable[tuple[int, list[Any]]], guess: Guess | None = None
) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """(headers, data rows). The header is the first of the first few non-empty rows that
    names at least two shop fields (a title row such as "2026年门店清单" often comes first),
    else the first non-empty row; rows above it are left out."""
    filled = [(n, cells) for n, cells in rows if cells]
    if not filled:
        return [], []
    at = 0
    for i, (_n, cells) in enumerate(filled[:_HEADER_SEARCH]):
        words = ["" if c is None else str(c).strip() for c in cells]
        if len(set((guess or guess_mapping)(words)[0].values())) >= 2:
            at = i
            break
    headers = ["" if c is None else str(c).strip() for c in filled[at][1]]
    return headers, filled[at + 1 :]


#: What no stored text may hold: the store's text rule itself (``fieldapp.values``: C0
#: control characters but tab and line breaks, and lone surrogates). Every cell of every
#: row is checked, wherever it is in the file, and reported with its row, column and the
#: code ``invalid_character``.
BAD_CHARACTER = values.BAD_CHARACTER

#: How many non-empty rows at the top may precede the header row.
_HEADER_SEARCH = 10


# What an import reads at most. A shop master list is a few thousand to a few tens of
# thousands of rows; these bounds keep a hostile file (a zip bomb, a sheet claiming a
# million rows or a cell in column XFD) to a quick refusal in bounded memory (< 300 MB).
#: Spreadsheet rows (title and header rows included); a row element past it is refused.
MAX_ROWS = 100_000
#: Columns read; a value in a later column is refused.
MAX_COLUMNS = 256
#: Cells kept in memory (trailing empty cells of a row not counted).
MAX_CELLS = 2_000_000
#: A CSV file, or an .xlsx file as stored.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Uncompressed sizes from the zip directory, checked before anything is parsed.
MAX_SHEET_BYTES = 128 * 1024 * 1024  # each xl/worksheets/… part
MAX_STRINGS_BYTES = 32 * 1024 * 1024  # the shared strings (read whole by openpyxl)
MAX_PART_BYTES = 32 * 1024 * 1024  # any other part
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_PARTS = 1_000
#: Uncompressed : compressed of a part over 1 MiB (real sheets stay far below 100).
MAX_RATIO = 250


def _check_zip(zf: zipfile.ZipFile, p: Path) -> None:
    """Refuse a workbook whose directory promises more than an import reads."""
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise ImportFileError("too_big", f"{p}: {len(infos)} parts")
    total = 0
    for info in infos:
        name = info.filename.lower()
        if name.startswith("xl/worksheets/"):
            limit = MAX_SHEET_BYTES
        elif name.endswith("sharedstrings.xml"):
            limit = MAX_STRINGS_BYTES
        else:
            limit = MAX_PART_BYTES
        size = info.file_size
        total += size
        if size > limit:
            raise ImportFileError("too_big", f"{p}: {info.filename} is {size:,} bytes")
        if size > 1024 * 1024 and size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(
                "too_big", f"{p}: {info.filename} unpacks {size // max(info.compress_size, 1)}:1"
            )
    if total > MAX_TOTAL_BYTES:
        raise ImportFileError("too_big", f"{p}: {total:,} bytes unpacked")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _bounded(
    rows: Iterable[Sequence[Any]], p: Path, text: Callable[[str], str] | None = None
) -> list[tuple[int, list[Any]]]:
    """(row number, trimmed cells) of the non-empty rows, within the import's bounds;
    ``text`` rewrites each text cell that holds ``_x``."""
    out: list[tuple[int, list[Any]]] = []
    cells = 0
    gap: Sequence[Any] | None = None
    for number, given in enumerate(rows, 1):
        if number > MAX_ROWS:
            raise ImportFileError("too_big", f"{p}: more than {MAX_ROWS:,} rows")
        if given is gap:
            continue  # openpyxl hands out one object for every missing row
        row = given
        if len(row) > MAX_COLUMNS:
            tail = row[MAX_COLUMNS:]
            if tail.count(None) != len(tail) and not all(_blank(c) for c in tail):
                raise ImportFileError("too_big", f"{p}: more than {MAX_COLUMNS} columns")
            row = row[:MAX_COLUMNS]
        if not any(row) and row.count(None) + row.count("") == len(row):
            gap = given
            continue
        trimmed = _trim(row)
        if not trimmed:
            continue
        if text is not None:
            trimmed = [text(c) if isinstance(c, str) and "_x" in c else c for c in trimmed]
        cells += len(trimmed)
        if cells > MAX_CELLS:
            raise ImportFileError("too_big", f"{p}: more than {MAX_CELLS:,} cells")
        out.append((number, trimmed))
    return out


def _read_xlsx(p: Path, guess: Guess | None = None) -> Table:
    import openpyxl
    from openpyxl.utils.escape import unescape
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileError("too_big", f"{p}: over {MAX_FILE_BYTES:,} bytes")
        if not zipfile.is_zipfile(p):
            raise ImportFileError("truncated", str(p))
        with zipfile.ZipFile(p) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names:
                raise ImportFileError("not_a_spreadsheet", str(p))
            _check_zip(zf, p)  # before any part is unpacked
            bad = zf.testzip()
            if bad is not None:
                raise ImportFileError("truncated", str(p))
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            # A sheet's <dimension> is the file's claim ("A1:XFD1048576" pads every row to
            # 16,384 cells): read the rows as they are (each as wide as its last cell).
            ws.reset_dimensions()
            # Text as Excel means it: "_x0001_" is how a workbook stores U+0001 (which the
            # cell check then refuses), "_x005F_x" a literal "_x".
            rows = _bounded(ws.iter_rows(values_only=True), p, unescape)
        finally:
            wb.close()
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, EOFError, InvalidFileException):
        raise ImportFileError("truncated", str(p)) from None
    except Exception:  # XML errors of a damaged part, zlib errors …
        raise ImportFileError("truncated", str(p)) from None
    headers, data = _split(rows, guess)
    return Table(headers, data, "xlsx")


def _decode(raw: bytes, p: Path) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        # A binary file, or UTF-16 without a BOM: control bytes all over its start, NUL
        # bytes everywhere. A rare one in a text file is left to the cell check (row and
        # column listed).
        head = raw[:4096]
        controls = sum(b < 32 and b not in (9, 10, 13) for b in head)
        if controls > max(8, len(head) // 100) or raw.count(b"\x00") > len(raw) // 100:
            raise ImportFileError("not_a_spreadsheet", str(p))
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            enc = _chinese_encoding(raw, p)
            return raw.decode(enc), enc
    for enc in encodings:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise ImportFileError("not_a_spreadsheet", str(p))


#: How sure the choice between GB18030 and Big5 must be (share of common characters).
_SURE = 0.8
#: Non-ASCII characters looked at to decide.
_SAMPLE_CHARS = 20_000


def _common_share(text: str, enc: str) -> float:
    """The share of the non-ASCII characters of ``text`` that are everyday characters of
    the legacy encoding ``enc``: GB2312's level 1 (the 3,755 most used simplified hanzi)
    and punctuation rows for GB18030; Big5's level 1 (5,401 frequent traditional hanzi)
    and symbol rows for Big5 (cp950). Text decoded with the wrong one of the two is mostly
    rare characters, box drawing and kana; text in its own encoding is almost all common."""
    seen = common = 0
    for ch in text:
        if ch < "\x80":
            continue
        seen += 1
        if seen > _SAMPLE_CHARS:
            seen -= 1
            break
        try:
            b = ch.encode("gb2312" if enc == "gb18030" else "cp950")
        except UnicodeEncodeError:
            continue
        if len(b) != 2:
            continue
        lead, trail = b[0], b[1]
        if enc == "gb18030":
            common += 0xB0 <= lead <= 0xD7 or 0xA1 <= lead <= 0xA3
        else:
            common += (
                0xA4 <= lead <= 0xC5 or (lead == 0xC6 and trail <= 0x7E) or 0xA1 <= lead <= 0xA3
            )
    return common / seen if seen else 0.0


def _chinese_encoding(raw: bytes, p: Path) -> str:
    """``gb18030`` (mainland Excel's "CSV") or ``cp950`` (Big5, Taiwan and Hong Kong) for a
    file that is not UTF-8; :class:`ImportFileError` ``unknown_encoding`` when neither is
    sure, so a Big5 list never turns into mojibake that would overwrite shop names."""
    shares: dict[str, float] = {}
    for enc in ("gb18030", "cp950"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        shares[enc] = _common_share(text, enc)
    if not shares:
        raise ImportFileError("unknown_encoding", str(p))
    best = max(shares, key=lambda e: shares[e])
    others = [v for e, v in shares.items() if e != best]
    if shares[best] < _SURE or (others and shares[best] - others[0] < 0.2):
        raise ImportFileError("unknown_encoding", str(p))
    return best


#: The export writes a CSV text cell that a spreadsheet would run as a formula with a
#: leading apostrophe (``'=1+2``); reading such a file back takes it off again.
_PROTECTED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def _unprotect(cell: str) -> str:
    return cell[1:] if cell.startswith(_PROTECTED) else cell


def _read_csv(p: Path, guess: Guess | None = None) -> Table:
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileError("too_big", f"{p}: over {MAX_FILE_BYTES:,} bytes")
        raw = p.read_bytes()
    except OSError:
        raise ImportFileError("unreadable", str(p)) from None
    text, enc = _decode(raw, p)
    # A binary file read as text: control characters all over its start. A few of them
    # in a text file are the cells' problem (listed with row and column by plan_import).
    head = text[:4096]
    if sum(unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in head) > max(
        8, len(head) // 100
    ):
        raise ImportFileError("not_a_spreadsheet", str(p))
    if not text.strip():
        raise ImportFileError("empty", str(p))
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    widths = [0]

    def records() -> Iterator[list[str]]:
        for record in reader:
            widths[0] = len(record)
            yield [_unprotect(cell) for cell in record]

    try:
        rows = _bounded(records(), p)
    except csv.Error:
        raise ImportFileError("truncated", str(p)) from None
    last_width = widths[0]
    headers, data = _split(rows, guess)
    # A file cut off mid-line: no final line break and a last record with fewer cells
    # (delimiters counted, empty ones too) than the header.
    if data and not text.endswith(("\n", "\r")) and last_width < len(headers):
        raise ImportFileError("truncated", str(p))
    return Table(headers, data, "csv", enc)


# --------------------------------------------------------------------------- mapping


def guess_mapping(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """(column index -> shop field for the headers we know, the headers we do not know)."""
    return SHOP_COLUMNS.guess(headers)


def apply_overrides(
    headers: list[str], mapping: Mapping[int, str], overrides: Mapping[str, str | None]
) -> dict[int, str]:
    """``mapping`` with ``overrides`` (file header -> shop field, or None/"" to ignore the
    column): :meth:`Columns.apply_overrides`. Raises :class:`MappingError`."""
    return SHOP_COLUMNS.apply_overrides(headers, mapping, overrides)


def check_mapping(mapping: Mapping[int, str]) -> None:
    """Every required shop field mapped, none twice; raises :class:`MappingError`."""
    SHOP_COLUMNS.check(mapping)


class _Bad(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool | datetime | date | time):
        raise _Bad("invalid_type")
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    return text or None


def _as_number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool | datetime | date | time):
        raise _Bad("not_a_number")
    if isinstance(value, int | float):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise _Bad("not_a_number") from None


_CHANNEL = labels.enum_aliases(Channel)
_TIER = labels.enum_aliases(Tier) | {"a类": "A", "b类": "B", "c类": "C"}
_CLOUD = labels.enum_aliases(CloudStore)


def _as_choice(value: Any, aliases: Mapping[str, str]) -> str | None:
    text = _as_text(value)
    if text is None:
        return None
    key = unicodedata.normalize("NFKC", text).strip().lower()
    found = aliases.get(key) or aliases.get(key.replace(" ", ""))
    if found is None:
        raise _Bad("invalid_choice")
    return found


# --------------------------------------------------------------------------- rows, shared
# The shop list's and the order export's plans read and write rows alike: one reader of a
# row's cells, one finder of a key given twice in the file, one writer of a plan.


def key_rows(
    table: Table, mapping: Mapping[int, str], key_field: str, *, ignore_case: bool = True
) -> dict[str, list[int]]:
    """Key (the text of ``key_field``'s column, lower-cased when ``ignore_case``) -> the
    row numbers carrying it, to report a key given twice on every row that carries it."""
    out: dict[str, list[int]] = {}
    columns = [i for i, fname in mapping.items() if fname == key_field]
    for number, cells in table.rows:
        for i in columns:
            if i < len(cells):
                try:
                    key = _as_text(cells[i])
                except _Bad:
                    key = None
                if key:
                    out.setdefault(key.lower() if ignore_case else key, []).append(number)
    return out


def read_cells(
    number: int,
    cells: list[Any],
    mapping: Mapping[int, str],
    convert: Callable[[str, Any], Any],
    problem: Callable[[int, str, str, dict[str, Any]], Problem],
) -> tuple[dict[str, Any], list[Problem]]:
    """One row's mapped cells as field -> value (``convert(field, cell)``, which raises
    ``_Bad``) and the problems of the cells that could not be read (a control character,
    a value ``convert`` refuses): ``problem(row, field, code, params)``."""
    got: dict[str, Any] = {}
    problems: list[Problem] = []
    for i, fname in mapping.items():
        raw = cells[i] if i < len(cells) else None
        if isinstance(raw, str) and BAD_CHARACTER.search(raw):
            problems.append(problem(number, fname, "invalid_character", {}))
            continue
        try:
            got[fname] = convert(fname, raw)
        except _Bad as bad:
            problems.append(problem(number, fname, bad.code, bad.params))
    return got, problems


class _Planned(Protocol):
    @property
    def row(self) -> int: ...
    @property
    def action(self) -> Action: ...
    @property
    def changes(self) -> dict[str, Any]: ...


_R = TypeVar("_R", bound=_Planned)


def write_plan(
    transaction: AbstractContextManager[Any],
    rows: Sequence[_R],
    *,
    target: Callable[[_R], str | None],
    create: Callable[..., Any],
    update: Callable[..., Any],
    valid_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
    first: Callable[[], None] | None = None,
) -> ImportResult:
    """Write a plan's rows in one ``transaction`` (a store's, or head office's):
    ``create(**changes)`` or ``update(target(row), **changes)``, after ``first()``
    (inside the transaction).

    Raises :class:`ImportRefused` (nothing written) when rows are invalid and
    ``valid_only`` is false; a write the store refuses rolls everything back, its
    ``detail`` naming the row."""
    invalid = sum(1 for r in rows if r.action == "invalid")
    if invalid and not valid_only:
        raise ImportRefused("invalid_rows", str(invalid))
    todo = [r for r in rows if r.action in ("create", "update")]
    created = updated = 0
    with transaction:
        if first is not None:
            first()
        for n, row in enumerate(todo, 1):
            try:
                if row.action == "create":
                    create(**row.changes)
                    created += 1
                else:
                    row_id = target(row)
                    assert row_id is not None
                    update(row_id, **row.changes)
                    updated += 1
            except ValidationError as exc:
                exc.detail = f"row {row.row}: {exc.detail}"
                raise
            if progress is not None and not n % 200:
                progress(n, len(todo))
    if progress is not None:
        progress(len(todo), len(todo))
    unchanged = sum(1 for r in rows if r.action == "unchanged")
    return ImportResult(created, updated, unchanged, invalid)


class KnownRows(Protocol):
    """What planning an import must know of the data it goes into (live rows only)."""

    def county_rows(self) -> Iterable[County]: ...

    def user_rows(self) -> Iterable[tuple[str, str]]:  # (id, name)
        ...

    def shop_rows(self) -> Iterable[Shop]: ...

    def new_id(self) -> str: ...


class _StoreRows:
    """A store's live rows as :class:`KnownRows`."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def county_rows(self) -> Iterable[County]:
        return self._store.counties.list()

    def user_rows(self) -> Iterable[tuple[str, str]]:
        return [(u.id, u.name) for u in self._store.users.list()]

    def shop_rows(self) -> Iterable[Shop]:
        return self._store.shops.list()

    def new_id(self) -> str:
        return self._store.new_id()


def store_rows(source: Store | KnownRows) -> KnownRows:
    """``source`` as :class:`KnownRows` (a store is read through its repositories)."""
    if hasattr(source, "shop_rows"):
        return source  # type: ignore[return-value]
    return _StoreRows(source)


class _Names:
    """Counties and reps by name or id (live rows)."""

    def __init__(self, store: KnownRows, new_counties: Collection[str] = ()) -> None:
        self.counties: dict[str, str] = {}
        provinces: list[str] = []
        for c in store.county_rows():
            self.counties.setdefault(c.name.strip(), c.id)
            self.counties.setdefault(c.id, c.id)
            if c.province:
                provinces.append(c.province)
        self.unknown: dict[str, None] = {}
        self.planned: dict[str, NewCounty] = {}
        usual = max(set(provinces), key=provinces.count) if provinces else None
        for name in (n.strip() for n in new_counties):
            if name and name not in self.counties and name not in self.planned:
                self.planned[name] = _new_county(store, name, usual)
                self.counties[name] = self.planned[name].id
        self.users: dict[str, str] = {}
        for uid, uname in store.user_rows():
            self.users.setdefault(uname.strip(), uid)
            self.users.setdefault(uid, uid)


def _new_county(store: KnownRows, name: str, usual_province: str | None) -> NewCounty:
    """From China's county list when the name is on it (in the store's usual province
    when several provinces have one), else as typed, with no province."""
    from .. import reference

    found = reference.find(name)
    if len(found) > 1:
        found = [c for c in found if c.province == usual_province]
    if len(found) == 1 and found[0].name == name:
        ref = found[0]
        return NewCounty(reference.county_id(ref), ref.name, ref.province, ref.prefecture)
    return NewCounty(store.new_id(), name)


def _convert(fname: str, value: Any, names: _Names) -> Any:
    if fname in ("latitude", "longitude"):
        return _as_number(value)
    if fname == "channel":
        return _as_choice(value, _CHANNEL)
    if fname == "tier":
        return _as_choice(value, _TIER)
    if fname == "cloud_store":
        return _as_choice(value, _CLOUD)
    text = _as_text(value)
    if text is None:
        return None
    if fname == "county":
        found = names.counties.get(text)
        if found is None:
            names.unknown[text] = None
            raise _Bad("unknown_county", value=text)
        return found
    if fname == "rep":
        found = names.users.get(text)
        if found is None:
            raise _Bad("unknown_rep", value=text)
        return found
    return text


# --------------------------------------------------------------------------- planning


def plan_import(
    source: Store | KnownRows,
    table: Table,
    mapping: Mapping[int, str],
    *,
    progress: Callable[[int, int], None] | None = None,
    new_counties: Collection[str] = (),
) -> ImportPlan:
    """Check every row and decide what it would do; writes nothing. ``new_counties``:
    county names the person agreed to create (from a plan's ``unknown_counties``).
    ``source``: a store, or any :class:`KnownRows` (head office's rows)."""
    check_mapping(mapping)
    store = store_rows(source)
    names = _Names(store, new_counties)
    column_of = {fname: table.headers[i] for i, fname in mapping.items()}
    position = {fname: i for i, fname in mapping.items()}
    existing: dict[str, Shop] = {}
    for shop in store.shop_rows():
        if shop.code:
            existing.setdefault(shop.code.lower(), shop)

    # Codes seen in the file, to report duplicates on every row that carries one.
    code_rows = key_rows(table, mapping, "code")

    planned: list[PlannedRow] = []
    total = len(table.rows)
    for n, (number, cells) in enumerate(table.rows, 1):
        if progress is not None and not n % 500:
            progress(n, total)
        values, problems = read_cells(
            number,
            cells,
            mapping,
            lambda fname, raw: _convert(fname, raw, names),
            lambda row, fname, code, params: Problem(row, column_of[fname], fname, code, params),
        )
        code = values.get("code")
        name = values.get("name")
        if not code and not any(p.field == "code" for p in problems):
            problems.append(Problem(number, column_of["code"], "code", "required"))
        if code:
            others = [r for r in code_rows.get(code.lower(), []) if r != number]
            if others:
                problems.append(
                    Problem(
                        number, column_of["code"], "code", "duplicate_in_file", {"row": others[0]}
                    )
                )
        bad_fields = {p.field for p in problems}
        given = {
            _STORE_FIELD.get(f, f): v
            for f, v in values.items()
            if v is not None and f not in bad_fields
        }
        current = existing.get(code.lower()) if code else None
        if current is None:
            errors = check_form(Shop, given)
        else:
            merged = {**current.model_dump(), **given}
            errors = field_errors(Shop, merged)
        for err in errors:
            if _IMPORT_FIELD.get(err.field, err.field) in bad_fields:
                continue
            problems.append(_problem(number, err, column_of))
        if problems:
            problems.sort(key=lambda p: position.get(p.field, len(position)))
            planned.append(
                PlannedRow(
                    number,
                    code,
                    name,
                    "invalid",
                    current.id if current else None,
                    {},
                    tuple(problems),
                )
            )
            continue
        if current is None:
            planned.append(PlannedRow(number, code, name, "create", None, given))
            continue
        new = Shop.model_validate({**current.model_dump(), **given}).data()
        old = current.data()
        changes = {k: new[k] for k in Shop.data_fields() if new[k] != old[k]}
        action: Action = "update" if changes else "unchanged"
        planned.append(PlannedRow(number, code, name, action, current.id, changes))
    if progress is not None:
        progress(total, total)
    used = {v for r in planned if r.action == "create" or r.changes for v in r.changes.values()}
    return ImportPlan(
        planned,
        dict(mapping),
        list(table.headers),
        tuple(names.unknown) + tuple(names.planned),
        tuple(c for c in names.planned.values() if c.id in used),
    )


def _problem(number: int, err: FieldError, column_of: Mapping[str, str]) -> Problem:
    fname = _IMPORT_FIELD.get(err.field, err.field)
    return Problem(number, column_of.get(fname, ""), fname, err.code, dict(err.params))


# --------------------------------------------------------------------------- applying


def apply_import(
    store: Store,
    plan: ImportPlan,
    *,
    valid_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write the plan in one transaction through ``store.shops``.

    Raises :class:`ImportRefused` (nothing written) when rows are invalid and
    ``valid_only`` is false; a write the store refuses rolls everything back.
    """

    def counties() -> None:
        for county in plan.new_counties:
            if store.counties.find(county.id, include_deleted=True) is None:
                store.counties.create(
                    id=county.id,
                    name=county.name,
                    province=county.province,
                    prefecture=county.prefecture,
                )

    return write_plan(
        store.transaction(),
        plan.rows,
        target=lambda r: r.shop_id,
        create=store.shops.create,
        update=store.shops.update,
        valid_only=valid_only,
        progress=progress,
        first=counties,
    )
