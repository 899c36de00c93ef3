"""Head office's console over HTTP (``sync/server/console``): sign-in with the API's
passwords and throttle, role rights, CSRF, session expiry, people and devices, and the
master-data upload's preview. The browser test is ``test_console_browser.py``."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sync_harness import PASSWORD, Server

from sync.server import service
from sync.server.console import session as sessions
from sync.server.service import master, overview


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _client(server: Server) -> TestClient:
    return TestClient(server.app, follow_redirects=False)


def sign_in(server: Server, name: str, password: str = PASSWORD, lang: str = "en") -> Any:
    c = _client(server)
    c.cookies.set(sessions.LANG_COOKIE, lang, path="/console")
    page = c.get("/console/login")
    assert page.status_code == 200
    r = c.post(
        "/console/login",
        data={"username": name, "password": password, "csrf": _csrf(page.text)},
    )
    return c, r


def console(server: Server, name: str = "boss") -> tuple[TestClient, str]:
    c, r = sign_in(server, name)
    assert r.status_code == 303, r.text
    page = c.get("/console/people")
    assert page.status_code == 200
    return c, _csrf(page.text)


@pytest.fixture
def hq(server: Server) -> Server:
    server.team("郑州一组")
    server.user("boss", "admin")
    server.user("lina", "rep", "郑州一组")
    return server


def test_sign_in_and_roles(hq: Server) -> None:
    # No session: every page sends you to the sign-in page.
    anon = _client(hq)
    assert anon.get("/console/health").headers["location"] == "/console/login"
    assert anon.get("/console/people").status_code == 303
    # A rep knows their password but cannot reach the console.
    c, r = sign_in(hq, "lina")
    assert r.status_code == 403
    assert "cannot use the console" in r.text
    assert sessions.COOKIE not in c.cookies
    assert c.get("/console/health").status_code == 303
    # Wrong password: the same answer for a known and an unknown name.
    _, r1 = sign_in(hq, "boss", "wrong-password")
    _, r2 = sign_in(hq, "nobody", "wrong-password")
    assert r1.status_code == r2.status_code == 401
    assert "Wrong user name or password" in r1.text
    # An admin gets in; the pages come in both languages.
    c, r = sign_in(hq, "boss")
    assert r.status_code == 303 and r.headers["location"] == "/console/health"
    assert "Sync health" in c.get("/console/health").text
    c.cookies.set(sessions.LANG_COOKIE, "zh_CN", path="/console")
    assert "同步状况" in c.get("/console/health").text
    head = c.get("/console/health").headers
    assert (
        head["x-frame-options"] == "DENY" and "frame-ancestors" in head["content-security-policy"]
    )


def test_head_office_role(hq: Server) -> None:
    c, csrf = console(hq)
    r = c.post(
        "/console/users",
        data={
            "csrf": csrf,
            "name": "wang",
            "role": "head_office",
            "team": "",
            "password": "pw-12345678",
        },
    )
    assert r.status_code == 303, r.text
    # A console account: no device login, no synced users row.
    body = {"username": "wang", "password": "pw-12345678", "device_id": "d-wang"}
    r = hq.client.post("/v1/login", json=body, headers=hq.headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "console_only"
    admin = hq.device("boss")
    names = [ch["row"]["name"] for ch in admin.pull_all() if ch["table"] == "users"]
    assert "wang" not in names and "lina" in names
    # head_office manages reps, not admins.
    w, r = sign_in(hq, "wang", "pw-12345678")
    assert r.status_code == 303
    page = w.get("/console/people")
    wc = _csrf(page.text)
    assert 'value="admin"' not in page.text  # no such role offered
    r = w.post(
        "/console/users",
        data={"csrf": wc, "name": "x", "role": "admin", "team": "", "password": "pw-12345678"},
    )
    assert r.status_code == 403
    boss = next(p for p in overview.people(hq.engine) if p["name"] == "boss")
    r = w.post(f"/console/people/{boss['id']}/deactivate", data={"csrf": wc})
    assert r.status_code == 403
    assert hq.device("boss")  # still active


def test_csrf_is_required(hq: Server) -> None:
    c, csrf = console(hq)
    for data in ({"name": "二组"}, {"name": "二组", "csrf": "forged"}):
        r = c.post("/console/teams", data=data)
        assert r.status_code == 403
    assert [t["name"] for t in overview.teams_overview(hq.engine)] == ["郑州一组"]
    r = c.post("/console/teams", data={"name": "二组", "csrf": csrf})
    assert r.status_code == 303
    # The sign-in form has its own token (double submit): a post from elsewhere fails.
    anon = _client(hq)
    r = anon.post("/console/login", data={"username": "boss", "password": PASSWORD, "csrf": "x"})
    assert r.status_code == 403
    assert sessions.COOKIE not in anon.cookies


def test_session_expiry_and_password_reset(hq: Server) -> None:
    c, _ = console(hq)
    hq.clock.now += sessions.IDLE - 5
    assert c.get("/console/health").status_code == 200  # used: the idle time starts again
    hq.clock.now += sessions.IDLE + 1
    assert c.get("/console/health").headers["location"] == "/console/login"
    # A password reset ends the account's sessions at once.
    c, _ = console(hq)
    service.reset_password(hq.engine, "boss", "another-password", hq.app.state.logins.hasher)
    assert c.get("/console/health").status_code == 303
    # So does the lifetime, however busy.
    c, _r = sign_in(hq, "boss", "another-password")
    for _ in range(int(sessions.LIFETIME // (sessions.IDLE - 60)) + 1):
        hq.clock.now += sessions.IDLE - 60
        last = c.get("/console/health")
    assert last.status_code == 303


def test_console_login_shares_the_api_throttle(hq: Server) -> None:
    for _ in range(6):
        sign_in(hq, "lina", "wrong-password")
    r = hq.login_raw("lina")  # the right password, but the account waits now
    assert r.status_code == 429, r.text
    _, r = sign_in(hq, "lina")
    assert r.status_code == 429 and "try again" in r.text


def test_people_and_devices(hq: Server) -> None:
    rep = hq.device("lina")
    c, csrf = console(hq)
    lina = next(p for p in overview.people(hq.engine) if p["name"] == "lina")
    page = c.get(f"/console/people/{lina['id']}")
    assert rep.device_id in page.text
    # A weak password is refused next to the form, nothing changes.
    r = c.post(f"/console/people/{lina['id']}/password", data={"csrf": csrf, "password": "short"})
    assert r.status_code == 400 and "8 to 1024" in r.text
    assert rep.get("/v1/verify").status_code == 200
    # Deactivate: her token stops at once, her data stays.
    r = c.post(f"/console/people/{lina['id']}/deactivate", data={"csrf": csrf})
    assert r.status_code == 303
    r = rep.get("/v1/verify")
    assert r.status_code == 401 and r.json()["error"]["code"] == "account_disabled"
    c.post(f"/console/people/{lina['id']}/activate", data={"csrf": csrf})
    assert rep.get("/v1/verify").status_code == 200
    # Revoke her device.
    r = c.post(f"/console/devices/{rep.device_id}/revoke", data={"csrf": csrf})
    assert r.status_code == 303
    assert rep.get("/v1/verify").json()["error"]["code"] == "device_revoked"
    assert "Revoked" in c.get(f"/console/people/{lina['id']}").text


def test_device_reports_its_sync(hq: Server) -> None:
    from sync import protocol as p

    rep = hq.device("lina")
    headers = rep.headers | {
        p.APP_VERSION_HEADER: "0.1.0",
        p.OUTBOX_HEADER: "pending=3;rejected=1",
    }
    assert hq.client.get("/v1/verify", headers=headers).status_code == 200
    c, _ = console(hq)
    page = c.get("/console/health").text
    assert "0.1.0" in page
    assert re.search(r'class="num">3</td>', page)


def _sheet(rows: list[list[Any]]) -> bytes:
    import csv

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def test_county_upload_preview(hq: Server) -> None:
    c, csrf = console(hq)
    data = _sheet(
        [
            ["区县", "省份", "KOC目标"],
            ["金水区", "河南省", "60"],
            ["二七区", "河南省", "很多"],
            ["中原区", "河南省", "12.5"],
            ["管城回族区", "河南省", ""],
        ]
    )
    r = c.post(
        "/console/master/counties/upload",
        data={"csrf": csrf},
        files={"file": ("counties.csv", data, "text/csv")},
    )
    assert r.status_code == 303
    preview = c.get(r.headers["location"])
    assert preview.status_code == 200
    text = preview.text
    assert "2 new, 0 changed, 0 unchanged, 2 with problems" in text
    assert re.search(r'data-row="3">.*?Not a number', text, re.S)
    assert re.search(r'data-row="4">.*?Not a whole number', text, re.S)
    assert master.live_rows(hq.engine, "counties") == []  # nothing written yet
    upload_id = r.headers["location"].rsplit("/", 1)[1]
    # Another session cannot see or apply it.
    other, _other_csrf = console(hq)
    assert other.get(f"/console/uploads/{upload_id}").status_code == 404
    r = c.post(
        f"/console/uploads/{upload_id}/apply",
        data={"csrf": csrf, "valid_only": "1", "kind": "counties"},
    )
    assert r.status_code == 303
    made = {x.name: x.koc_target for x in master.live_rows(hq.engine, "counties")}  # type: ignore[attr-defined]
    assert made == {"金水区": 60, "管城回族区": 50}
    # A rep's device receives them at its next pull.
    rep = hq.device("lina")
    pulled = {ch["row"]["name"] for ch in rep.pull_all() if ch["table"] == "counties"}
    assert pulled == {"金水区", "管城回族区"}
    # The same file again changes nothing.
    r = c.post(
        "/console/master/counties/upload",
        data={"csrf": csrf},
        files={"file": ("counties.csv", data, "text/csv")},
    )
    assert "0 new, 0 changed, 2 unchanged, 2 with problems" in c.get(r.headers["location"]).text


def test_master_form_and_bad_files(hq: Server) -> None:
    c, csrf = console(hq)
    r = c.post(
        "/console/master/products/save",
        data={"csrf": csrf, "name": "窖藏 500ml", "code": "JC500", "price": "-3"},
    )
    assert r.status_code == 400 and "Out of range" in r.text
    r = c.post(
        "/console/master/products/save",
        data={"csrf": csrf, "name": "窖藏\x01500ml", "code": "JC500", "price": "128"},
    )
    assert r.status_code == 400
    r = c.post(
        "/console/master/products/save",
        data={"csrf": csrf, "name": "窖藏 500ml", "code": "JC500", "price": "128"},
    )
    assert r.status_code == 303
    (product,) = master.live_rows(hq.engine, "products")
    r = c.post(
        "/console/master/products/save",
        data={
            "csrf": csrf,
            "row_id": product.id,
            "name": "窖藏 500ml",
            "code": "JC500",
            "price": "138",
        },
    )
    assert r.status_code == 303
    assert master.live_rows(hq.engine, "products")[0].price == 138  # type: ignore[attr-defined]
    for content in (b"\xd0\xcf\x11\xe0 old excel", b"PK\x03\x04 broken zip", b"\x00\x01\x02" * 50):
        r = c.post(
            "/console/master/counties/upload",
            data={"csrf": csrf},
            files={"file": ("x.xlsx", content, "application/octet-stream")},
        )
        page = c.get(r.headers["location"])
        assert page.status_code == 400, page.text[:300]
        assert 'id="upload-error"' in page.text
        # In words, never the code or the server's temporary path.
        error = re.search(r'id="upload-error">([^<]*)<', page.text)
        assert error and "/" not in error.group(1) and "_" not in error.group(1), error
    # A shop list without a required column: the column's word.
    r = c.post(
        "/console/shops/upload",
        data={"csrf": csrf},
        files={"file": ("shops.csv", _sheet([["门店编码", "渠道"], ["S1", "超市"]]), "text/csv")},
    )
    page = c.get(r.headers["location"])
    assert page.status_code == 400
    assert re.search(r'id="upload-error">The file has no column for: Name<', page.text), page.text


def test_shop_list_upload_and_assignment(hq: Server) -> None:
    hq.team("洛阳一组")
    hq.user("chen", "rep", "洛阳一组")
    master.write_shared(hq.engine, "counties", [(None, {"name": "金水区"})], hq.clock())
    c, csrf = console(hq)
    data = _sheet(
        [
            ["门店编码", "门店名称", "渠道", "等级", "区县", "业务员"],
            ["S001", "鑫旺便利店", "便利店", "A", "金水区", "lina"],
            ["S002", "好又多超市", "超市", "Z", "金水区", "lina"],
            ["S003", "老王烟酒", "烟酒店", "B", "金水区", ""],
            ["S004", "洛阳酒家", "餐饮", "C", "金水区", "chen"],
            ["s001", "重复的店", "便利店", "A", "金水区", "lina"],
        ]
    )
    r = c.post(
        "/console/shops/upload",
        data={"csrf": csrf},
        files={"file": ("shops.csv", data, "text/csv")},
    )
    assert r.status_code == 303
    preview = c.get(r.headers["location"]).text
    assert "1 new, 0 changed, 0 unchanged, 4 with problems" in preview, preview[-3000:]
    assert re.search(r'data-row="3">.*?等级</b>: Not one of the known values', preview, re.S)
    assert re.search(r'data-row="4">.*?业务员</b>: Required', preview, re.S)
    assert re.search(r'data-row="2">.*?The same shop code is also in row 6', preview, re.S)
    assert master.shop_list(hq.engine)[1] == 0
    upload_id = r.headers["location"].rsplit("/", 1)[1]
    r = c.post(
        f"/console/uploads/{upload_id}/apply",
        data={"csrf": csrf, "valid_only": "1", "kind": "shops"},
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/console/shops")
    shops, total = master.shop_list(hq.engine)
    assert [s["code"] for s in shops] == ["S004"] and total == 1
    lina, chen = hq.device("lina"), hq.device("chen")

    def codes(device: Any) -> set[str]:
        return {
            ch["row"]["code"]
            for ch in device.pull_all()
            if ch["table"] == "shops" and ch["op"] == "upsert"
        }

    assert codes(lina) == set() and codes(chen) == {"S004"}
    # In the page: give S004 to lina; it moves to her team.
    (s004,) = shops
    lina_id = next(p["id"] for p in overview.people(hq.engine) if p["name"] == "lina")
    r = c.post(f"/console/shops/{s004['id']}/assign", data={"csrf": csrf, "rep": lina_id})
    assert r.status_code == 303, r.text
    assert codes(lina) == {"S004"} and codes(chen) == set()
    page = c.get("/console/shops?q=s00").text
    assert "洛阳酒家" in page and "1 of 1 shops" in page
    # A rep who is not one: refused next to the list, nothing moves.
    boss_id = next(p["id"] for p in overview.people(hq.engine) if p["name"] == "boss")
    r = c.post(f"/console/shops/{s004['id']}/assign", data={"csrf": csrf, "rep": boss_id})
    assert r.status_code == 400


def test_price_upload_preview(hq: Server, tmp_path: Any) -> None:
    master.write_shared(
        hq.engine, "products", [(None, {"code": "BEER-500", "name": "啤酒 500ml"})], hq.clock()
    )
    sheet = _sheet(
        [
            ["价目表", "产品编码", "渠道", "等级", "区县", "价格", "开始日期", "结束日期"],
            ["2026 冬", "BEER-500", "", "", "", "5.5", "2026-12-01", ""],
            ["2026 冬", "NO-SUCH", "", "", "", "5.5", "2026-12-01", ""],
            ["2026 冬", "BEER-500", "便利店", "A", "", "-1", "2026-12-01", ""],
        ]
    )
    c, csrf = console(hq)
    r = c.post(
        "/console/master/prices/upload",
        data={"csrf": csrf},
        files={"file": ("prices.csv", sheet, "text/csv")},
    )
    assert r.status_code == 303
    text = c.get(r.headers["location"]).text
    assert "1 new, 0 changed, 0 unchanged, 0 removed, 2 with problems" in text, text[-2000:]
    assert 'data-row="3"' in text and 'data-row="4"' in text
    assert master.table_rows(hq.engine, "prices") == []  # the preview wrote nothing
    upload_id = r.headers["location"].rsplit("/", 1)[1]
    r = c.post(f"/console/uploads/{upload_id}/apply", data={"csrf": csrf, "kind": "prices"})
    assert r.status_code == 303 and r.headers["location"] == f"/console/uploads/{upload_id}"
    assert master.table_rows(hq.engine, "prices") == []  # all or nothing: not without a yes
    r = c.post(
        f"/console/uploads/{upload_id}/apply",
        data={"csrf": csrf, "kind": "prices", "valid_only": "1"},
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/console/master/prices")
    (price,) = master.table_rows(hq.engine, "prices")
    assert price["price"] == 5.5
    assert "啤酒 500ml" in c.get("/console/master/prices").text

    # The list again, with another row instead: the preview names the row that goes.
    again = _sheet(
        [
            ["价目表", "产品编码", "渠道", "等级", "区县", "价格", "开始日期", "结束日期"],
            ["2026 冬", "BEER-500", "", "", "", "5.4", "2026-12-02", ""],
        ]
    )
    r = c.post(
        "/console/master/prices/upload",
        data={"csrf": csrf},
        files={"file": ("prices.csv", again, "text/csv")},
    )
    text = c.get(r.headers["location"]).text
    assert "1 new, 0 changed, 0 unchanged, 1 removed, 0 with problems" in text, text[-2000:]
    assert "2026 冬 · BEER-500 · 5.5 2026-12-01" in text
    assert len(master.table_rows(hq.engine, "prices")) == 1  # the preview wrote nothing
    upload_id = r.headers["location"].rsplit("/", 1)[1]
    r = c.post(f"/console/uploads/{upload_id}/apply", data={"csrf": csrf, "kind": "prices"})
    assert r.status_code == 303 and "n=2" in r.headers["location"]
    (price,) = master.table_rows(hq.engine, "prices")
    assert price["price"] == 5.4


def test_export_download(hq: Server) -> None:
    import zipfile

    import openpyxl

    master.write_shared(hq.engine, "counties", [(None, {"name": "金水区"})], hq.clock())
    county = master.live_rows(hq.engine, "counties")[0].id
    c, csrf = console(hq)
    assert 'id="x-county"' in c.get("/console/export").text
    r = c.post("/console/export", data={"csrf": csrf, "format": "xlsx", "lang": "en"})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    book = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True)
    assert "Shops" in book.sheetnames
    r = c.post(
        "/console/export",
        data={
            "csrf": csrf,
            "format": "csv",
            "lang": "zh_CN",
            "county": county,
            "from": "2026-12-01",
        },
    )
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        assert any(n.endswith(".csv") for n in zf.namelist())
    # Bad filters: told next to the field, or that the row is gone; never a 500.
    r = c.post("/console/export", data={"csrf": csrf, "from": "2026-13-01"})
    assert r.status_code == 400 and "Not a date" in r.text
    r = c.post("/console/export", data={"csrf": csrf, "from": "2026-12-02", "to": "2026-12-01"})
    assert r.status_code == 400 and "after the end" in r.text
    for bad in ({"team": "no-such"}, {"rep": "no-such"}, {"county": "no-such"}):
        assert c.post("/console/export", data={"csrf": csrf, **bad}).status_code == 404


def test_health_counts_open_conflicts(server: Server, world: dict[str, Any]) -> None:
    import uuid

    from sync_harness import shop_fields

    a1, a2 = server.device("repA"), server.device("supA")
    sid = str(uuid.uuid4())
    v = a1.push(a1.mut("shops", sid, "insert", **shop_fields(world, "repA")))[0]["version"]
    a1.push(a1.mut("shops", sid, base=v, name="甲"))
    assert a2.push(a2.mut("shops", sid, base=v, name="乙"))[0]["status"] == "conflict"
    by_device = {d.id: d.conflicts for d in overview.device_infos(server.engine)}
    assert by_device[a1.device_id] == 1 and by_device[a2.device_id] == 0
    teams = {t["name"]: t["conflicts"] for t in overview.teams_overview(server.engine)}
    assert teams == {"A": 1, "B": 0}
    c, _ = console(server, "admin")
    assert c.get("/console/health").status_code == 200


def _last_error(server: Server, device_id: str) -> tuple[Any, ...]:
    found = next(d for d in overview.device_infos(server.engine) if d.id == device_id)
    return (found.last_error_code, found.last_error_where, found.last_error_field,
            found.last_error_status)  # fmt: skip


def test_health_shows_each_devices_last_error(hq: Server) -> None:
    rep = hq.device("lina")
    other = hq.device("boss")
    assert _last_error(hq, rep.device_id) == (None, None, None, None)
    # A change head office rejects: its code, table and field.
    results = rep.push(rep.mut("counties", "c-1", op="insert", name="", koc_target=5))
    assert results[0]["status"] == "rejected"
    assert _last_error(hq, rep.device_id) == ("required", "push", "counties.name", None)
    # A push head office could not read at all: the request's refusal, with its status.
    hq.clock.now += 1
    bad = hq.client.post("/v1/push", json={"device_id": rep.device_id, "mutations": "x"},
                         headers=rep.headers)  # fmt: skip
    assert bad.status_code == 422
    assert _last_error(hq, rep.device_id)[:2] == ("invalid_request", "push")
    assert _last_error(hq, rep.device_id)[3] == 422
    hq.clock.now += 1
    results = rep.push(rep.mut("counties", "c-1", op="insert", name="", koc_target=5))
    c, csrf = console(hq)
    row = re.search(r"<tr>\s*<td><a[^>]*>lina</a>.*?</tr>", c.get("/console/health").text, re.S)
    assert row is not None and "counties.name" in row.group(0) and "a change sent" in row.group(0)
    # A refused request: the device's token after its account was deactivated.
    hq.clock.now += 120
    lina = next(p for p in overview.people(hq.engine) if p["name"] == "lina")
    c.post(f"/console/people/{lina['id']}/deactivate", data={"csrf": csrf})
    assert rep.get("/v1/pull").status_code == 401
    assert _last_error(hq, rep.device_id) == ("account_disabled", "pull", None, 401)
    c.cookies.set(sessions.LANG_COOKIE, "zh_CN", path="/console")
    page = c.get(f"/console/people/{lina['id']}").text
    assert "该账户已停用。" in page and "接收更改时" in page and "HTTP 401" in page
    # Its login is refused too (the password is right, the account is not active).
    r = hq.login_raw("lina", device_id=rep.device_id)
    assert r.status_code == 401
    assert _last_error(hq, rep.device_id)[:2] == ("account_disabled", "login")
    # Nobody else's device took the error; a wrong password naming another's device
    # does not write on it.
    assert _last_error(hq, other.device_id) == (None, None, None, None)
    assert hq.login_raw("lina", "wrong-password", device_id=other.device_id).status_code == 401
    assert _last_error(hq, other.device_id) == (None, None, None, None)
    # The same failure again within a minute is not written again (no write per retry).
    before = next(d for d in overview.device_infos(hq.engine) if d.id == rep.device_id)
    hq.clock.now += 10
    hq.login_raw("lina", device_id=rep.device_id)
    after = next(d for d in overview.device_infos(hq.engine) if d.id == rep.device_id)
    assert after.last_error_at == before.last_error_at
    hq.clock.now += 60  # later, it is the last error again
    hq.login_raw("lina", device_id=rep.device_id)
    assert _last_error(hq, rep.device_id)[:2] == ("account_disabled", "login")
    latest = next(d for d in overview.device_infos(hq.engine) if d.id == rep.device_id)
    assert latest.last_error_at == int(hq.clock.now)
