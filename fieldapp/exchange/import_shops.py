"""Import a head-office shop master list (.xlsx or .csv) into the store.

Three steps, so a person can look before anything is written:

1. :func:`read_table` reads the first sheet of a workbook (openpyxl, read-only) or a CSV
   file (UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030; comma, tab or
   semicolon). Title rows above the header are skipped (the header is the first top row
   naming two shop fields). A file that is not a spreadsheet, is empty or is truncated
   raises :class:`ImportFileError`.
2. :func:`guess_mapping` maps the file's headers (Chinese or English, the export's own
   headers included) to shop fields; unknown headers are left out for the person to map
   (``--map 'Header=field'`` in the CLI, combo boxes in the app).
3. :func:`plan_import` checks every row and matches it by head-office shop code (without
   regard to case) against the live shops: ``create``, ``update`` (only the fields that
   really change), ``unchanged`` or ``invalid`` with its problems (row number, column,
   code). :func:`apply_import` writes the plan through ``store.shops`` (validation and
   outbox) in one transaction: all rows or none, unless ``valid_only`` was chosen.

An empty cell never clears a stored value (head-office lists often leave columns blank);
a county or rep is given by name (or id) and must exist. Importing the same file twice
writes nothing the second time, outbox included.
Threading: pure functions; the store passed in belongs to the calling thread.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field as dc_field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import FieldappError, FieldError, ValidationError
from ..model import Channel, CloudStore, Shop, Tier
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
_IGNORED = {"id", "created", "创建时间"}


def _norm_header(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"[\s*]+", "", t)


def _alias_table() -> dict[str, str]:
    out: dict[str, str] = {}
    for fname, names in _ALIASES.items():
        for name in names:
            out[_norm_header(name)] = fname
        for word in labels.HEADERS[FIELD_HEADER[fname]]:
            out.setdefault(_norm_header(word), fname)
    return out


_HEADER_TO_FIELD = _alias_table()


class ImportFileError(FieldappError):
    """The file cannot be read as a shop list. ``code``: ``not_a_spreadsheet``,
    ``old_excel``, ``empty``, ``truncated``, ``unreadable``; ``detail`` the path."""

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

    def text(self, lang: str) -> str:
        return labels.problem(self.code, lang, **self.params)

    def where(self, lang: str) -> str:
        """The column as the file names it, else the field's header word."""
        if self.column:
            return self.column
        key = FIELD_HEADER.get(self.field)
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
class ImportPlan:
    rows: list[PlannedRow]
    mapping: dict[int, str]  # column index -> field
    headers: list[str]

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


def read_table(path: str | Path) -> Table:
    """The first sheet of an .xlsx file or a .csv file; raises :class:`ImportFileError`."""
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
    table = _read_xlsx(p) if head.startswith(b"PK") else _read_csv(p)
    if not table.headers or not table.rows:
        raise ImportFileError("empty", str(p))
    return table


def _trim(cells: Iterable[Any]) -> list[Any]:
    out = [None if (isinstance(c, str) and not c.strip()) else c for c in cells]
    while out and out[-1] is None:
        out.pop()
    return out


def _split(rows: Iterable[tuple[int, list[Any]]]) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """(headers, data rows). The header is the first of the first few non-empty rows that
    names at least two shop fields (a title row such as "2026年门店清单" often comes first),
    else the first non-empty row; rows above it are left out."""
    filled = [(n, cells) for n, cells in rows if cells]
    if not filled:
        return [], []
    at = 0
    for i, (_n, cells) in enumerate(filled[:_HEADER_SEARCH]):
        words = ["" if c is None else str(c).strip() for c in cells]
        if len(set(guess_mapping(words)[0].values())) >= 2:
            at = i
            break
    headers = ["" if c is None else str(c).strip() for c in filled[at][1]]
    return headers, filled[at + 1 :]


#: How many non-empty rows at the top may precede the header row.
_HEADER_SEARCH = 10


def _read_xlsx(p: Path) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        if not zipfile.is_zipfile(p):
            raise ImportFileError("truncated", str(p))
        with zipfile.ZipFile(p) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names:
                raise ImportFileError("not_a_spreadsheet", str(p))
            bad = zf.testzip()
            if bad is not None:
                raise ImportFileError("truncated", str(p))
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            rows = [(i, _trim(r)) for i, r in enumerate(ws.iter_rows(values_only=True), 1)]
        finally:
            wb.close()
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, EOFError, InvalidFileException):
        raise ImportFileError("truncated", str(p)) from None
    except Exception:  # XML errors of a damaged part, zlib errors …
        raise ImportFileError("truncated", str(p)) from None
    headers, data = _split(rows)
    return Table(headers, data, "xlsx")


def _decode(raw: bytes, p: Path) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        if b"\x00" in raw:
            raise ImportFileError("not_a_spreadsheet", str(p))
        encodings = ["utf-8", "gb18030"]
    for enc in encodings:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise ImportFileError("not_a_spreadsheet", str(p))


#: The export writes a CSV text cell that a spreadsheet would run as a formula with a
#: leading apostrophe (``'=1+2``); reading such a file back takes it off again.
_PROTECTED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def _unprotect(cell: str) -> str:
    return cell[1:] if cell.startswith(_PROTECTED) else cell


def _read_csv(p: Path) -> Table:
    try:
        raw = p.read_bytes()
    except OSError:
        raise ImportFileError("unreadable", str(p)) from None
    text, enc = _decode(raw, p)
    if any(unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in text[:4096]):
        raise ImportFileError("not_a_spreadsheet", str(p))
    if not text.strip():
        raise ImportFileError("empty", str(p))
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[Any]]] = []
    try:
        last_width = 0
        for i, record in enumerate(reader, 1):
            rows.append((i, _trim([_unprotect(cell) for cell in record])))
            last_width = len(record)
    except csv.Error:
        raise ImportFileError("truncated", str(p)) from None
    headers, data = _split(rows)
    # A file cut off mid-line: no final line break and a last record with fewer cells
    # (delimiters counted, empty ones too) than the header.
    if data and not text.endswith(("\n", "\r")) and last_width < len(headers):
        raise ImportFileError("truncated", str(p))
    return Table(headers, data, "csv", enc)


# --------------------------------------------------------------------------- mapping


def guess_mapping(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """(column index -> field for the headers we know, the headers we do not know).

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
        fname = _HEADER_TO_FIELD.get(key)
        if fname is None or fname in taken:
            if key not in _IGNORED:
                unknown.append(header)
            continue
        mapping[i] = fname
        taken.add(fname)
    return mapping, unknown


def apply_overrides(
    headers: list[str], mapping: Mapping[int, str], overrides: Mapping[str, str | None]
) -> dict[int, str]:
    """``mapping`` with ``overrides`` (file header -> field, or None/"" to ignore the column).

    The field may be given by its code (``county``) or its header word in either language
    (``区县``). Raises :class:`MappingError`.
    """
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
        fname = target.strip() if target.strip() in FIELDS else None
        if fname is None:
            fname = _HEADER_TO_FIELD.get(_norm_header(target))
        if fname is None:
            raise MappingError("bad_mapping", target)
        out[index] = fname
    check_mapping(out)
    return out


def check_mapping(mapping: Mapping[int, str]) -> None:
    """Every required field mapped, no field mapped twice; raises :class:`MappingError`."""
    seen: set[str] = set()
    for fname in mapping.values():
        if fname not in FIELDS:
            raise MappingError("bad_mapping", fname)
        if fname in seen:
            raise MappingError("mapped_twice", fname)
        seen.add(fname)
    missing = [f for f in REQUIRED_FIELDS if f not in seen]
    if missing:
        raise MappingError("missing_column", ",".join(missing))


# --------------------------------------------------------------------------- values


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


class _Names:
    """Counties and reps by name or id (live rows)."""

    def __init__(self, store: Store) -> None:
        self.counties: dict[str, str] = {}
        for c in store.counties.list():
            self.counties.setdefault(c.name.strip(), c.id)
            self.counties.setdefault(c.id, c.id)
        self.users: dict[str, str] = {}
        for u in store.users.list():
            self.users.setdefault(u.name.strip(), u.id)
            self.users.setdefault(u.id, u.id)


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
    store: Store,
    table: Table,
    mapping: Mapping[int, str],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Check every row and decide what it would do; writes nothing."""
    check_mapping(mapping)
    names = _Names(store)
    column_of = {fname: table.headers[i] for i, fname in mapping.items()}
    position = {fname: i for i, fname in mapping.items()}
    existing: dict[str, Shop] = {}
    for shop in store.shops.list():
        if shop.code:
            existing.setdefault(shop.code.lower(), shop)

    # Codes seen in the file, to report duplicates on every row that carries one.
    code_rows: dict[str, list[int]] = {}
    for number, cells in table.rows:
        for i, fname in mapping.items():
            if fname == "code" and i < len(cells):
                try:
                    code = _as_text(cells[i])
                except _Bad:
                    code = None
                if code:
                    code_rows.setdefault(code.lower(), []).append(number)

    planned: list[PlannedRow] = []
    total = len(table.rows)
    for n, (number, cells) in enumerate(table.rows, 1):
        if progress is not None and not n % 500:
            progress(n, total)
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        for i, fname in mapping.items():
            raw = cells[i] if i < len(cells) else None
            try:
                values[fname] = _convert(fname, raw, names)
            except _Bad as bad:
                problems.append(Problem(number, column_of[fname], fname, bad.code, bad.params))
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
    return ImportPlan(planned, dict(mapping), list(table.headers))


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
    invalid = plan.count("invalid")
    if invalid and not valid_only:
        raise ImportRefused("invalid_rows", str(invalid))
    todo = [r for r in plan.rows if r.action in ("create", "update")]
    created = updated = 0
    with store.transaction():
        for n, row in enumerate(todo, 1):
            try:
                if row.action == "create":
                    store.shops.create(**row.changes)
                    created += 1
                else:
                    assert row.shop_id is not None
                    store.shops.update(row.shop_id, **row.changes)
                    updated += 1
            except ValidationError as exc:
                exc.detail = f"row {row.row}: {exc.detail}"
                raise
            if progress is not None and not n % 200:
                progress(n, len(todo))
    if progress is not None:
        progress(len(todo), len(todo))
    return ImportResult(created, updated, plan.count("unchanged"), invalid)
