"""Read head office's price lists and promotions from a spreadsheet (issue 16).

Pure reading and conversion, no store: ``fieldapp-server import-prices FILE`` (the
server's ``sync.server.prices``) checks and writes the rows. A workbook holds a sheet of
prices (named ``价格``/``价目表``/``prices``) and one of promotions (``促销``/
``promotions``), either may be missing; a CSV file holds one of them, told apart by its
header (a ``类型``/``kind`` column: promotions). Headers in Chinese or English.

Each data row becomes ``(sheet, row number, {field: value}, {field: column})`` with
values as the wire carries them (dates as ``YYYY-MM-DD``, channel and tier as their
codes, the product and county as the text given, resolved by the caller). A cell that
cannot be read becomes a problem ``(row, column, code)``. Bounds: ``MAX_FILE_BYTES``,
``MAX_ROWS`` per sheet.
Threading: pure functions.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field as dc_field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..kinds import Channel, PromotionKind, Tier
from . import labels

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_ROWS = 50_000
#: Unpacked bytes of a workbook, from its zip directory, before anything is parsed.
MAX_UNPACKED_BYTES = 128 * 1024 * 1024

#: Field -> the headers naming it (lower case, spaces removed).
PRICE_HEADERS: dict[str, tuple[str, ...]] = {
    "list_name": ("价目表", "价目表名称", "list", "list_name", "pricelist"),
    "product": ("产品", "产品编码", "商品", "sku", "product", "product_code"),
    "channel": ("渠道", "channel"),
    "tier": ("等级", "门店等级", "tier"),
    "county": ("区县", "地区", "county", "region"),
    "price": ("价格", "标准价", "单价", "price", "list_price"),
    "valid_from": ("开始日期", "生效日期", "开始", "valid_from", "from"),
    "valid_to": ("结束日期", "失效日期", "结束", "valid_to", "to"),
}
PROMOTION_HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("促销编码", "编码", "code"),
    "name": ("促销名称", "名称", "name"),
    "kind": ("类型", "促销类型", "kind"),
    "product": PRICE_HEADERS["product"],
    "percent": ("折扣%", "优惠%", "percent", "percent_off"),
    "buy_quantity": ("买", "买n", "buy", "buy_quantity"),
    "free_quantity": ("送", "送m", "get", "free", "free_quantity"),
    "min_quantity": ("起订量", "最低数量", "min", "min_quantity"),
    "channel": PRICE_HEADERS["channel"],
    "tier": PRICE_HEADERS["tier"],
    "county": PRICE_HEADERS["county"],
    "valid_from": PRICE_HEADERS["valid_from"],
    "valid_to": PRICE_HEADERS["valid_to"],
    "priority": ("优先级", "priority"),
}
SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "prices": ("价格", "价目表", "prices", "price list", "pricelist"),
    "promotions": ("促销", "促销活动", "promotions"),
}
_KIND_WORDS = {"折扣": "percent_off", "打折": "percent_off", "买赠": "buy_get", "买送": "buy_get"}
_NUMBERS = {"price", "percent"}
_COUNTS = {"buy_quantity", "free_quantity", "min_quantity", "priority"}
_DATES = {"valid_from", "valid_to"}


class PriceFileError(Exception):
    """The file cannot be read: ``code`` (``unreadable``, ``too_big``, ``empty``,
    ``not_a_spreadsheet``, ``no_sheet``), ``detail`` the path."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class SheetRow:
    """One data row: its sheet (``prices``/``promotions``) and spreadsheet row number,
    the values read, the column of each field, and the cells that could not be read."""

    sheet: str
    row: int
    values: dict[str, Any]
    columns: dict[str, str]
    problems: list[tuple[str, str]] = dc_field(default_factory=list)  # (field, code)


def _norm(text: Any) -> str:
    return "" if text is None else str(text).strip().lower().replace(" ", "")


def _choice(value: Any, enum: Any, extra: dict[str, str] | None = None) -> str | None:
    words = {**labels.enum_aliases(enum), **(extra or {})}
    text = str(value).strip()
    for key in (text, text.lower(), text.upper()):
        if key in {e.value for e in enum}:
            return key
        if key in words:
            return words[key]
    return None


def _convert(field: str, value: Any) -> Any:
    """A cell's value for the wire; ValueError(code) when it cannot be read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field in _DATES:
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        text = str(value).strip().replace("/", "-").replace(".", "-")
        try:
            return date.fromisoformat(
                "-".join(p.zfill(2) if i else p for i, p in enumerate(text.split("-")))
            ).isoformat()
        except ValueError:
            raise ValueError("invalid_date") from None
    if field in _NUMBERS | _COUNTS:
        try:
            number = float(str(value).strip().rstrip("%").replace(",", ""))
        except ValueError:
            raise ValueError("not_a_number") from None
        if field in _COUNTS:
            if number != int(number):
                raise ValueError("not_a_whole_number")
            return int(number)
        return number
    if field == "channel":
        found = _choice(value, Channel)
    elif field == "tier":
        found = _choice(value, Tier)
    elif field == "kind":
        found = _choice(value, PromotionKind, _KIND_WORDS)
    else:
        return str(value).strip()
    if found is None:
        raise ValueError("invalid_choice")
    return found


def _rows(sheet: str, table: Sequence[tuple[int, list[Any]]]) -> list[SheetRow]:
    headers = PRICE_HEADERS if sheet == "prices" else PROMOTION_HEADERS
    if not table:
        return []
    number, head = table[0]
    names = [_norm(c) for c in head]
    columns: dict[int, str] = {}
    for field, aliases in headers.items():
        for i, name in enumerate(names):
            if name in aliases and i not in columns:
                columns[i] = field
                break
    out: list[SheetRow] = []
    for number, cells in table[1:]:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        row = SheetRow(sheet, number, {}, {f: str(head[i]) for i, f in columns.items()})
        for i, field in columns.items():
            cell = cells[i] if i < len(cells) else None
            try:
                row.values[field] = _convert(field, cell)
            except ValueError as exc:
                row.problems.append((field, str(exc)))
        out.append(row)
    return out


def _bounded(rows: Iterable[Sequence[Any]], path: Path) -> list[tuple[int, list[Any]]]:
    out: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(rows, 1):
        if number > MAX_ROWS:
            raise PriceFileError("too_big", f"{path}: more than {MAX_ROWS:,} rows")
        if any(c is not None and str(c).strip() for c in cells):
            out.append((number, list(cells)))
    return out


def _sheet_of(title: str) -> str | None:
    for sheet, names in SHEET_NAMES.items():
        if _norm(title) in names:
            return sheet
    return None


def read_prices(path: str | Path) -> list[SheetRow]:
    """The price and promotion rows of a workbook or CSV file; raises :class:`PriceFileError`."""
    p = Path(path)
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(4)
    except OSError:
        raise PriceFileError("unreadable", str(p)) from None
    if size > MAX_FILE_BYTES:
        raise PriceFileError("too_big", str(p))
    if not head:
        raise PriceFileError("empty", str(p))
    if head.startswith(b"PK"):
        return _read_xlsx(p)
    return _read_csv(p)


def _read_xlsx(p: Path) -> list[SheetRow]:
    import openpyxl

    try:
        with zipfile.ZipFile(p) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNPACKED_BYTES:
                raise PriceFileError("too_big", str(p))
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except PriceFileError:
        raise
    except Exception:  # a damaged zip or workbook part
        raise PriceFileError("not_a_spreadsheet", str(p)) from None
    try:
        out: list[SheetRow] = []
        found = False
        for ws in wb.worksheets:
            sheet = _sheet_of(ws.title)
            if sheet is None:
                continue
            found = True
            ws.reset_dimensions()
            out += _rows(sheet, _bounded(ws.iter_rows(values_only=True), p))
    finally:
        wb.close()
    if not found:
        raise PriceFileError("no_sheet", str(p))
    return out


def _read_csv(p: Path) -> list[SheetRow]:
    raw = p.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise PriceFileError("not_a_spreadsheet", str(p))
    if "\x00" in text:
        raise PriceFileError("not_a_spreadsheet", str(p))
    try:
        table = _bounded(csv.reader(io.StringIO(text, newline="")), p)
    except csv.Error:
        raise PriceFileError("not_a_spreadsheet", str(p)) from None
    if not table:
        raise PriceFileError("empty", str(p))
    names = {_norm(c) for c in table[0][1]}
    sheet = "promotions" if names & set(PROMOTION_HEADERS["kind"]) else "prices"
    return _rows(sheet, table)
