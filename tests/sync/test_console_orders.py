"""The console's cloud-store order upload over HTTP (``/console/orders``, issue 18), on
SQLite and PostgreSQL: the preview shows each row's problems before anything is written
(the same problems as ``fieldapp-server import-orders``), the apply writes all rows or
the valid ones, each order reaches its shop's team, and the same file twice changes
nothing. The command itself: ``test_order_import_head_office.py``."""

from __future__ import annotations

import re
from typing import Any

from sync_harness import Server, shop_fields
from test_console import _sheet, console

from sync.server.console import session as sessions
from sync.server.console.words import money, say
from sync.server.service import master

HEADERS = ["订单号", "下单时间", "门店", "商品", "实付金额", "推荐码"]


def _order_nos(device: Any) -> set[str]:
    return {
        ch["row"]["order_no"]
        for ch in device.pull_all()
        if ch["table"] == "cloud_orders" and ch["op"] == "upsert"
    }


def test_order_upload_preview_and_apply(server: Server, world: dict[str, Any]) -> None:
    master.write_shops(
        server.engine,
        [
            (None, shop_fields(world, "repA", code="S-A1")),
            (None, shop_fields(world, "repB", code="S-B1", name="福来超市")),
        ],
        server.clock(),
    )
    c, csrf = console(server, "admin")
    page = c.get("/console/orders")
    assert page.status_code == 200
    assert 'href="/console/orders" aria-current="page">Cloud-store orders' in page.text
    assert "0 of 0 orders" in page.text
    data = _sheet(
        [
            HEADERS,
            ["YZ1", "2026-11-20 10:00", "s-a1", "金典 x2", "¥1,200", "LG88"],
            ["YZ2", "2026-11-21 11:00", "福来超市", "窖藏", "300元", ""],
            ["YZ3", "2026-11-22 12:00", "无此店", "", "5", ""],
        ]
    )
    # No file: the form again with its message.
    r = c.post("/console/orders/upload", data={"csrf": csrf})
    assert r.status_code == 400 and 'id="upload-error"' in r.text
    r = c.post(
        "/console/orders/upload",
        data={"csrf": csrf},
        files={"file": ("orders.csv", data, "text/csv")},
    )
    assert r.status_code == 303, r.text
    preview_url = r.headers["location"]
    preview = c.get(preview_url)
    assert preview.status_code == 200
    assert "2 new, 0 changed, 0 unchanged, 1 with problems" in preview.text
    assert re.search(
        r'data-row="4">.*?门店</b>: No shop with this code or name: 无此店', preview.text, re.S
    )
    assert 'aria-current="page">Cloud-store orders' in preview.text
    # The preview wrote nothing; nor does an apply of all rows while one has problems.
    upload_id = preview_url.rsplit("/", 1)[1]
    r = c.post(f"/console/uploads/{upload_id}/apply", data={"csrf": csrf, "kind": "orders"})
    assert r.status_code == 303 and r.headers["location"] == preview_url
    assert "0 of 0 orders" in c.get("/console/orders").text
    # The valid rows: each order to its shop's team.
    r = c.post(
        f"/console/uploads/{upload_id}/apply",
        data={"csrf": csrf, "kind": "orders", "valid_only": "1"},
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/console/orders")
    listed = c.get(r.headers["location"]).text
    assert "2 rows written." in listed and "2 of 2 orders" in listed
    assert re.search(r"<td>YZ2</td><td>2026-11-21 11:00</td><td>S-B1 福来超市</td>", listed)
    assert re.search(r'<td>YZ1</td>.*?<td class="num">¥1,200\.00</td>', listed, re.S)
    assert "YZ3" not in listed
    assert _order_nos(server.device("repA")) == {"YZ1"}
    assert _order_nos(server.device("repB")) == {"YZ2"}
    # The upload is used up; the same file again changes nothing.
    r = c.post(f"/console/uploads/{upload_id}/apply", data={"csrf": csrf, "kind": "orders"})
    assert r.status_code == 404
    r = c.post(
        "/console/orders/upload",
        data={"csrf": csrf},
        files={"file": ("orders.csv", data, "text/csv")},
    )
    again = c.get(r.headers["location"]).text
    assert "0 new, 0 changed, 2 unchanged, 1 with problems" in again
    # In Chinese: the navigation and the problem.
    c.cookies.set(sessions.LANG_COOKIE, "zh_CN", path="/console")
    zh = c.get(r.headers["location"]).text
    assert "云店订单" in zh and "没有此编码或名称的门店：无此店" in zh


def test_order_upload_refuses_a_file_without_its_columns(
    server: Server, world: dict[str, Any]
) -> None:
    c, csrf = console(server, "admin")
    data = _sheet([["订单号", "商品"], ["YZ1", "金典"]])
    r = c.post(
        "/console/orders/upload",
        data={"csrf": csrf},
        files={"file": ("orders.csv", data, "text/csv")},
    )
    page = c.get(r.headers["location"])
    assert page.status_code == 400
    assert re.search(r'id="upload-error">The file has no column for: .*Order time', page.text)
    assert "0 of 0 orders" in page.text
    # Not a spreadsheet: the same message as the command's.
    r = c.post(
        "/console/orders/upload",
        data={"csrf": csrf},
        files={"file": ("orders.xlsx", b"not a workbook", "application/octet-stream")},
    )
    page = c.get(r.headers["location"])
    assert page.status_code == 400 and 'id="upload-error"' in page.text


def test_order_preview_shows_money_and_counts_in_words(
    server: Server, world: dict[str, Any]
) -> None:
    """Amounts read as money (¥, two decimals, thousands separated) in the preview and the
    list, in both languages; one row written is "1 row", not "1 rows"."""
    master.write_shops(
        server.engine, [(None, shop_fields(world, "repA", code="S-A1"))], server.clock()
    )
    c, csrf = console(server, "admin")

    def upload(rows: list[list[str]]) -> str:
        r = c.post(
            "/console/orders/upload",
            data={"csrf": csrf},
            files={"file": ("orders.csv", _sheet([HEADERS, *rows]), "text/csv")},
        )
        assert r.status_code == 303, r.text
        return str(r.headers["location"])

    first = upload([["YZ1", "2026-11-20 10:00", "S-A1", "金典", "1200", ""]])
    preview = c.get(first).text
    assert 'id="apply">Write the 1 row<' in preview
    r = c.post(f"/console/uploads/{first.rsplit('/', 1)[1]}/apply", data={"csrf": csrf})
    listed = c.get(r.headers["location"]).text
    assert "1 row written." in listed and "1 rows" not in listed
    assert '<td class="num">¥1,200.00</td>' in listed
    # A changed amount: the new one as money, never a raw float.
    second = upload([["YZ1", "2026-11-20 10:00", "S-A1", "金典", "1,234.5", ""]])
    preview = c.get(second).text
    assert "→ ¥1,234.50" in preview and "1234.5<" not in preview
    c.cookies.set(sessions.LANG_COOKIE, "zh_CN", path="/console")
    zh = c.get(second).text
    assert "→ ¥1,234.50" in zh and "写入这 1 行" in zh
    r = c.post(f"/console/uploads/{second.rsplit('/', 1)[1]}/apply", data={"csrf": csrf})
    listed = c.get(r.headers["location"]).text
    assert "已写入 1 行。" in listed and '<td class="num">¥1,234.50</td>' in listed


def test_money_and_english_singulars() -> None:
    assert money(0.1 + 0.2) == "¥0.30"
    assert money(1234.5) == "¥1,234.50"
    assert money(1234567) == "¥1,234,567.00"
    assert money(-5) == "-¥5.00"
    assert money(0.005) == "¥0.01"  # half up, from the decimal it prints as
    assert money(None) == "" and money("") == ""
    assert say("done_written", "en", n=1) == "1 row written."
    assert say("done_written", "en", n="1") == "1 row written."
    assert say("done_written", "en", n=2) == "2 rows written."
    assert say("done_written", "zh_CN", n=1) == "已写入 1 行。"
    assert say("done_password", "en", devices=1) == "Password set; 1 device must sign in again."
    assert say("done_password", "en", devices=3) == "Password set; 3 devices must sign in again."
