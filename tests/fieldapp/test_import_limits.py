"""A shop-list import reads a whole, honest file or refuses it; hostile files fail fast.

- Zip bombs (a 4 MB workbook whose sheet unpacks to 1.3 GB) and sheets that claim a
  million rows and column XFD are refused (``too_big``) from the zip directory or the first
  rows, in seconds and well under 300 MB, measured in a real ``python -m fieldapp
  import-shops`` process.
- Big5 files are read as Big5 or refused (``unknown_encoding``), never as GB18030
  mojibake that would overwrite shop names.
- Every cell of the file goes through the text rule: a NUL far past the first 4 KiB of a
  CSV, or a control character in a workbook cell, is listed with row, column and code.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from fieldapp.cli import EXIT_PROBLEM, EXIT_USAGE
from fieldapp.exchange import import_shops as imp
from fieldapp.store import Store

ROOT = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"
_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>' + _NS
_HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>name</t></is></c></row>'
)

# --------------------------------------------------------------------------- hostile files


def _members() -> list[tuple[str, bytes]]:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["code", "name"])
    ws.append(["HN-1", "鑫旺便利店"])
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def _zip(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of deflated parts (name, raw deflate data, crc, uncompressed size), written
    by hand so that a part may unpack to far more than any test could write."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, crc, usize in parts:
        offset = out.tell()
        raw = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), usize, len(raw), 0
            )
        )
        out.write(raw + data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                usize,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw
        )
    start = out.tell()
    cd = central.getvalue()
    out.write(cd)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(cd), start, 0))
    return out.getvalue()


def _deflate(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def sheet_bomb(path: Path, mebibytes: int) -> None:
    """A workbook whose first sheet is ``mebibytes`` MiB of one-cell rows: one deflated
    MiB repeated (after a full flush a block compresses to the same bytes again)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = _HEAD + b"<sheetData>" + _HEADER_ROW
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    chunk = row * ((1 << 20) // len(row))
    tail = b"</sheetData></worksheet>"
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH) == block
    last = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    usize = len(head) + len(chunk) * mebibytes + len(tail)
    parts = [
        (name, first + block * mebibytes + last, crc, usize)
        if name == SHEET
        else (name, *_deflate(body))
        for name, body in _members()
    ]
    path.write_bytes(_zip(parts))


def sheet_xml(path: Path, xml: bytes) -> Path:
    """A workbook whose first sheet is ``xml``."""
    parts = [(n, *_deflate(xml if n == SHEET else body)) for n, body in _members()]
    path.write_bytes(_zip(parts))
    return path


def _rows_xml(rows: bytes, dimension: bytes = b"") -> bytes:
    return _HEAD + dimension + b"<sheetData>" + _HEADER_ROW + rows + b"</sheetData></worksheet>"


# --------------------------------------------------------------------------- measured runs

_MEASURED = """
import sys, time
from fieldapp.cli import main
started = time.monotonic()
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
# The peak RSS of this program's own memory (VmHWM, KiB): ru_maxrss would also count
# what the forked pytest process held before the exec.
rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(f"MEASURED {time.monotonic() - started:.3f} {rss}", file=sys.stderr)
sys.exit(code)
"""


def _import_measured(db: Path, path: Path, limit_s: float = 60) -> tuple[int, str, float, int]:
    """``python -m fieldapp import-shops`` in its own process: (exit, stderr, seconds,
    peak RSS in MB). Stopped, and the test failed, after ``limit_s``."""
    try:
        run = subprocess.run(
            [sys.executable, "-c", _MEASURED, "--db", str(db), "import-shops", str(path)],
            capture_output=True,
            text=True,
            timeout=limit_s,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the import of {path.name} was still running after {limit_s} s")
    line = [x for x in run.stderr.splitlines() if x.startswith("MEASURED ")][-1]
    _, seconds, rss_kib = line.split()
    return run.returncode, run.stderr, float(seconds), int(rss_kib) // 1024


@pytest.fixture
def db(file_store: Store) -> Path:
    path = Path(file_store.path)
    file_store.close()
    return path


@pytest.mark.skipif(sys.platform != "linux", reason="VmHWM in /proc is Linux's")
def test_a_sheet_bomb_is_refused_quickly_in_bounded_memory(db: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    sheet_bomb(bomb, 1300)  # 1.3 GB of sheet in a ~4 MB file
    assert bomb.stat().st_size < 5_000_000
    code, err, seconds, rss_mb = _import_measured(db, bomb)
    print(f"sheet bomb: {bomb.stat().st_size:,} bytes, refused in {seconds:.2f} s, {rss_mb} MB")
    assert code == EXIT_USAGE, err
    assert "too big" in err
    assert seconds < 5 and rss_mb < 300


@pytest.mark.skipif(sys.platform != "linux", reason="VmHWM in /proc is Linux's")
def test_a_sheet_claiming_a_million_rows_and_column_xfd_is_refused_quickly(
    db: Path, tmp_path: Path
) -> None:
    """A few hundred bytes: a ``<dimension>`` of A1:XFD1048576 and one row at the
    bottom; read as padded rows that is 17 billion cells."""
    n = 1_048_576
    xml = _rows_xml(
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c>'
        b'<c r="B2" t="inlineStr"><is><t>shop</t></is></c></row>'
        + f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'.encode(),
        b'<dimension ref="A1:XFD1048576"/>',
    )
    path = sheet_xml(tmp_path / "tall.xlsx", xml)
    code, err, seconds, rss_mb = _import_measured(db, path)
    print(f"million-row sheet: refused in {seconds:.2f} s, {rss_mb} MB")
    assert code == EXIT_USAGE, err
    assert "too big" in err
    assert seconds < 5 and rss_mb < 300


def test_a_lying_dimension_does_not_pad_an_honest_sheet(tmp_path: Path) -> None:
    """The same claim over three honest rows (a gap of 5,000 rows among them) reads at once,
    and a blank cell far to the right is no column."""
    xml = _rows_xml(
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c>'
        b'<c r="B2" t="inlineStr"><is><t>shop one</t></is></c><c r="XFD2"/></row>'
        b'<row r="5002"><c r="A5002" t="inlineStr"><is><t>X-2</t></is></c>'
        b'<c r="B5002" t="inlineStr"><is><t>shop two</t></is></c></row>',
        b'<dimension ref="A1:XFD1048576"/>',
    )
    table = imp.read_table(sheet_xml(tmp_path / "honest.xlsx", xml))
    assert table.headers == ["code", "name"]
    assert table.rows == [(2, ["X-1", "shop one"]), (5002, ["X-2", "shop two"])]


def test_rows_columns_and_cells_past_the_bounds_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imp, "MAX_ROWS", 50)
    monkeypatch.setattr(imp, "MAX_COLUMNS", 6)
    monkeypatch.setattr(imp, "MAX_CELLS", 120)

    def code_of(path: Path) -> str | None:
        try:
            imp.read_table(path)
        except imp.ImportFileError as exc:
            return exc.code
        return None

    def csv_file(name: str, rows: int, width: int) -> Path:
        lines = ["门店编码,门店名称" + ",x" * (width - 2)]
        lines += [f"S-{i},店{i}" + ",1" * (width - 2) for i in range(rows)]
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    assert code_of(csv_file("fits.csv", 49, 2)) is None
    assert code_of(csv_file("long.csv", 50, 2)) == "too_big"  # 51 rows with the header
    assert code_of(csv_file("wide.csv", 3, 7)) == "too_big"
    assert code_of(csv_file("cells.csv", 30, 5)) == "too_big"  # 155 cells
    wide = _rows_xml(b'<row r="2"><c r="G2"><v>1</v></c></row>')
    assert code_of(sheet_xml(tmp_path / "wide.xlsx", wide)) == "too_big"


def test_a_large_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imp, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("门店编码,门店名称\n" + "S-1,店\n" * 200, encoding="utf-8")
    with pytest.raises(imp.ImportFileError) as err:
        imp.read_table(path)
    assert err.value.code == "too_big"


# --------------------------------------------------------------------------- Big5

BIG5_SHOPS = [
    ("TW-001", "台北市大安區好味道小吃店", "忠孝東路四段100號"),
    ("TW-002", "新竹縣竹北市鮮果汁專賣店", "光明六路東一段25號"),
    ("TW-003", "高雄市鳳山區萬家福雜貨舖", "中山路88號"),
    ("TW-004", "臺中市西屯區金龍飯館", "台灣大道三段99號"),
]
GBK_SHOPS = [
    ("HN-001", "鑫旺便利店", "郑州市金水区花园路88号"),
    ("HN-002", "二七烟酒商行", "大学路12号"),
    ("HN-003", "老王家常菜馆", "建设路5号"),
    ("HN-004", "喆堃百货超市", "紫荆山路1号"),
]


def _list(shops: list[tuple[str, str, str]], traditional: bool) -> str:
    head = "門店編碼,門店名稱,地址" if traditional else "门店编码,门店名称,地址"
    return "\r\n".join([head, *(",".join(s) for s in shops)]) + "\r\n"


@pytest.mark.parametrize("rows", [4, 1])
def test_a_big5_list_is_read_as_big5_or_refused_never_as_mojibake(
    store: Store, world: Any, tmp_path: Path, rows: int
) -> None:
    """Real Big5 bytes of traditional shop names (also a one-shop file, where there is
    little to judge from): the shops keep their names."""
    for code, name, address in BIG5_SHOPS:
        store.shops.create(
            code=code, name=name, address=address, channel="restaurant", county_id=world.county_id
        )
    path = tmp_path / "big5.csv"
    path.write_bytes(_list(BIG5_SHOPS[:rows], traditional=True).encode("big5"))
    try:
        table = imp.read_table(path)
    except imp.ImportFileError as exc:
        assert exc.code == "unknown_encoding"
        return
    assert table.encoding == "cp950"
    assert table.headers == ["門店編碼", "門店名稱", "地址"]
    plan = imp.plan_import(store, table, {0: "code", 1: "name", 2: "address"})
    assert [r.action for r in plan.rows] == ["unchanged"] * rows, plan.rows
    assert [r.name for r in plan.rows] == [n for _, n, _ in BIG5_SHOPS[:rows]]


def test_gbk_lists_stay_gb18030(tmp_path: Path) -> None:
    """Simplified names, rare name characters (喆, 堃) included, in GBK: read as before."""
    for rows in (4, 1):
        path = tmp_path / f"gbk{rows}.csv"
        path.write_bytes(_list(GBK_SHOPS[:rows], traditional=False).encode("gbk"))
        table = imp.read_table(path)
        assert table.encoding == "gb18030"
        assert [r[1][1] for r in table.rows] == [n for _, n, _ in GBK_SHOPS[:rows]]


def test_neither_big5_nor_gbk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sjis.csv"  # a Japanese list in Shift-JIS
    path.write_bytes("店舗コード,店舗名\r\nJP-1,山田商店\r\n".encode("shift_jis"))
    with pytest.raises(imp.ImportFileError) as err:
        imp.read_table(path)
    assert err.value.code == "unknown_encoding"


# --------------------------------------------------------------------------- every cell


def test_a_nul_after_the_first_4_kib_of_a_csv_is_listed_with_row_and_column(
    store: Store, tmp_path: Path
) -> None:
    lines = ["门店编码,门店名称,渠道,区县"]
    lines += [f"HN-{i:04d},鑫旺便利店{i}号,便利店,金水区" for i in range(300)]
    lines[250] = "HN-0249,鑫旺\x00便利店,便利店,金水区"
    path = tmp_path / "nul.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    assert path.read_bytes().index(b"\x00") > 4096
    table = imp.read_table(path)
    mapping, _ = imp.guess_mapping(table.headers)
    plan = imp.plan_import(store, table, mapping)
    assert [(p.row, p.column, p.code) for p in plan.problems] == [
        (251, "门店名称", "invalid_character")
    ]
    with pytest.raises(imp.ImportRefused):
        imp.apply_import(store, plan)
    assert store.shops.count() == 0


def test_a_control_character_in_a_workbook_cell_is_listed_with_row_and_column(
    store: Store, tmp_path: Path
) -> None:
    """Excel stores U+0001 in a cell as ``_x0001_``: read as Excel means it, refused."""
    path = tmp_path / "ctl.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["门店编码", "门店名称", "渠道", "区县", "地址"])
    ws.write_row(1, 0, ["HN-1", "鑫旺便利店", "便利店", "金水区", "花园路\x01一号"])
    ws.write_row(2, 0, ["HN-2", "老王烟酒", "烟酒店", "金水区", "price_x 10"])
    wb.close()
    table = imp.read_table(path)
    mapping, _ = imp.guess_mapping(table.headers)
    plan = imp.plan_import(store, table, mapping)
    assert [(p.row, p.column, p.code) for p in plan.problems] == [(2, "地址", "invalid_character")]
    assert plan.rows[1].changes["address"] == "price_x 10"


def test_the_cli_lists_the_control_character(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp.cli import main

    path = tmp_path / "nul.csv"
    rows = [f"HN-{i:04d},鑫旺便利店{i}号,便利店,金水区" for i in range(200)]
    rows[150] = "HN-0150,鑫旺便利店,便利店\x00,金水区"
    path.write_bytes(("门店编码,门店名称,渠道,区县\n" + "\n".join(rows) + "\n").encode("utf-8-sig"))
    code = main(["--db", str(db), "import-shops", str(path), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == EXIT_PROBLEM
    assert "row 152, column 渠道: Holds a control character that cannot be stored" in out
    assert "nothing was written" in out
