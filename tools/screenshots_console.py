"""Screenshots of every page of head office's console, in Chinese and English, at
1366x768, into docs/screenshots/console_<page>_<lang>.png.

    python tools/screenshots_console.py [OUT_DIR]

Starts the real server on a temporary SQLite database on a loopback port, fills it with
two teams, people, counties, products and two devices (one of them with refused
changes), and drives Debian's headless Chromium (``chromium``, ``chromium-driver``;
``./dev test`` installs them) with Selenium.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
import uvicorn
from argon2 import PasswordHasher
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from fieldapp.exchange import import_orders
from sync import protocol as p
from sync.server import service
from sync.server.app import create_app
from sync.server.orders import HeadOfficeOrders
from sync.server.prices import import_prices
from sync.server.service import master

PASSWORD = "console-demo"
PAGES = (
    "login", "health", "people", "person", "counties", "products", "prices", "preview", "shops",
    "shops_preview", "orders", "orders_preview", "campaigns", "campaign", "export",
)  # fmt: skip


def _fill(engine: object, url: str) -> str:
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    now = time.time()
    for team in ("郑州一组", "洛阳一组"):
        service.create_team(engine, team, now)  # type: ignore[arg-type]
    people = [
        ("boss", "admin", None),
        ("王总部", "head_office", None),
        ("李娜", "rep", "郑州一组"),
        ("张伟", "rep", "郑州一组"),
        ("周文", "supervisor", "郑州一组"),
        ("陈静", "rep", "洛阳一组"),
    ]
    ids = {}
    for name, role, team in people:
        ids[name] = service.create_user(engine, name, role, team, PASSWORD, now, hasher)  # type: ignore[arg-type]
    master.write_shared(
        engine,  # type: ignore[arg-type]
        "counties",
        [
            (
                None,
                {"name": "金水区", "province": "河南省", "prefecture": "郑州市", "koc_target": 60},
            ),
            (
                None,
                {"name": "二七区", "province": "河南省", "prefecture": "郑州市", "koc_target": 40},
            ),
            (None, {"name": "涧西区", "province": "河南省", "prefecture": "洛阳市"}),
        ],
        now,
    )
    master.write_shared(
        engine,  # type: ignore[arg-type]
        "products",
        [
            (
                None,
                {
                    "code": "JC500",
                    "name": "窖藏 500ml",
                    "category": "白酒",
                    "unit": "瓶",
                    "price": 128,
                },
            ),
            (
                None,
                {
                    "code": "JC250",
                    "name": "窖藏 250ml",
                    "category": "白酒",
                    "unit": "瓶",
                    "price": 68,
                },
            ),
        ],
        now,
    )
    county = {c.name: c.id for c in master.live_rows(engine, "counties")}  # type: ignore[arg-type, attr-defined]
    shops = [
        ("ZZ-0001", "鑫旺便利店", "convenience", "A", "金水区", "李娜"),
        ("ZZ-0002", "好又多超市", "supermarket", "A", "金水区", "李娜"),
        ("ZZ-0003", "老王烟酒", "tobacco_liquor", "B", "二七区", "张伟"),
        ("ZZ-0004", "蜀香酒家", "restaurant", "C", "二七区", "张伟"),
        ("LY-0001", "洛阳酒家", "restaurant", "B", "涧西区", "陈静"),
    ]
    master.write_shops(
        engine,  # type: ignore[arg-type]
        [
            (None, {"code": code, "name": name, "channel": channel, "tier": tier,
                    "county_id": county[c], "rep_id": ids[rep]})
            for code, name, channel, tier, c, rep in shops
        ],
        now,
    )  # fmt: skip
    prices = Path(tempfile.mkdtemp()) / "价格.csv"
    prices.write_text(
        "价目表,产品编码,渠道,等级,区县,价格,开始日期,结束日期\n"
        "2026 冬,JC500,,,,128,2026-12-01,\n"
        "2026 冬,JC500,便利店,A,金水区,118,2026-12-01,2026-12-31\n"
        "2026 冬,JC250,,,,68,2026-12-01,\n",
        encoding="utf-8-sig",
    )
    import_prices(engine, prices, now=now)  # type: ignore[arg-type]
    order_sheet = prices.parent / "云店订单.csv"  # through import-orders' own pieces
    order_sheet.write_text(
        "订单号,下单时间,门店,商品,实付金额,推荐码,群名称\n"
        "YD20261201001,2026-12-01 19:32,ZZ-0001,金典 500ml x2,256,LN01,金水业主群\n"
        "YD20261202007,2026-12-02 12:05,好又多超市,窖藏 250ml x6,408,,\n"
        "YD20261203015,2026-12-03 20:41,LY-0001,金典 500ml x12,1536,CJ07,洛阳酒友会\n",
        encoding="utf-8-sig",
    )
    table = import_orders.read(order_sheet)
    target = HeadOfficeOrders(engine, now)  # type: ignore[arg-type]
    target.apply(target.plan(table, import_orders.ORDER_COLUMNS.guess(table.headers)[0]))
    today = time.strftime("%Y-%m-%d", time.gmtime(now + 8 * 3600))
    product_ids = {x.code: x.id for x in master.live_rows(engine, "products")}  # type: ignore[arg-type, attr-defined]
    team_ids = {t["name"]: t["id"] for t in service.overview.teams_overview(engine)}  # type: ignore[arg-type]
    campaign_ids = master.write_shared(
        engine,  # type: ignore[arg-type]
        "campaigns",
        [
            (None, {"name": "春节备货调查", "task_kind": "question", "task": "春节前计划进多少箱？",
                    "team_id": team_ids["郑州一组"], "starts_on": today, "ends_on": "2099-02-28"}),
            (None, {"name": "新品铺货", "task_kind": "placement", "task": "端架至少 2 个排面",
                    "product_id": product_ids["JC250"], "channel": "convenience",
                    "starts_on": today, "ends_on": "2099-01-31"}),
        ],
        now,
    )  # fmt: skip
    head = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
    for name, device, outbox in (("李娜", "ThinkPad-李娜", "pending=4;rejected=1"),
                                 ("陈静", "陈静的电脑", "pending=0;rejected=0")):  # fmt: skip
        login = requests.post(
            url + "/v1/login",
            json={"username": name, "password": PASSWORD, "device_id": str(uuid.uuid4()),
                  "device_name": device},
            headers=head,
            timeout=30,
        ).json()  # fmt: skip
        auth = head | {"Authorization": "Bearer " + login["token"]}
        if name == "李娜":  # a rename of a shared county: refused (forbidden)
            county = master.live_rows(engine, "counties")[0]  # type: ignore[arg-type]
            mutation = {
                "seq": 1, "mutation_id": str(uuid.uuid4()), "table": "counties",
                "row_id": county.id, "op": "update", "base_version": 1,
                "changes": {"name": {"old": county.name, "new": "金水"}},  # type: ignore[attr-defined]
                "created_at": "2026-12-07T08:00:00Z",
            }  # fmt: skip
            body = {"device_id": "", "mutations": [mutation]}
            me = requests.get(url + "/v1/verify", headers=auth, timeout=30)
            del me
            body["device_id"] = _device_of(engine, name)
            requests.post(url + "/v1/push", json=body, headers=auth, timeout=30)
        if name == "李娜":  # visits recording the question campaign's task
            shop_ids = {x["code"]: x["id"] for x in master.shop_list(engine)[0]}  # type: ignore[arg-type]
            mutations: list[dict[str, object]] = []
            for n, (code, done, answer) in enumerate(
                (("ZZ-0001", True, "二十箱"), ("ZZ-0002", False, "老板出差，下周再问"))
            ):
                visit = str(uuid.uuid4())
                for table, row_id, fields in (
                    (
                        "visits",
                        visit,
                        {
                            "shop_id": shop_ids[code],
                            "rep_id": ids["李娜"],
                            "planned_date": today,
                            "review_status": "draft",
                        },
                    ),
                    (
                        "campaign_results",
                        str(uuid.uuid4()),
                        {
                            "visit_id": visit,
                            "campaign_id": campaign_ids[0],
                            "done": done,
                            "answer": answer,
                        },
                    ),
                ):
                    mutations.append(
                        {
                            "seq": 2 + len(mutations),
                            "mutation_id": str(uuid.uuid4()),
                            "table": table,
                            "row_id": row_id,
                            "op": "insert",
                            "base_version": 0,
                            "changes": {k: {"old": None, "new": v} for k, v in fields.items()},
                            "created_at": f"{today}T0{2 + n}:00:00Z",
                        }
                    )
            body = {"device_id": _device_of(engine, name), "mutations": mutations}
            requests.post(url + "/v1/push", json=body, headers=auth, timeout=30)
        extra = {p.APP_VERSION_HEADER: "0.1.0", p.OUTBOX_HEADER: outbox}
        requests.get(url + "/v1/verify", headers=auth | extra, timeout=30)
    return ids["李娜"]


def _device_of(engine: object, user: str) -> str:
    for d in service.list_devices(engine):  # type: ignore[arg-type]
        if d["user"] == user:
            return str(d["id"])
    raise LookupError(user)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(f"sqlite:///{tmp}/hq.db", photos_dir=Path(tmp) / "photos")
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        rep_id = _fill(app.state.engine, url)
        campaign_id = next(
            x.campaign["id"]
            for x in service.campaigns.progress(app.state.engine)
            if x.campaign["name"] == "春节备货调查"
        )
        sheet = Path(tmp) / "区县清单.csv"
        sheet.write_text(
            "区县,省份,地级市,KOC目标\n金水区,河南省,郑州市,80\n二七区,河南省,郑州市,很多\n"
            "中原区,河南省,郑州市,40\n管城回族区,河南省,郑州市,12.5\n",
            encoding="utf-8-sig",
        )
        order_upload = Path(tmp) / "云店订单导出.csv"
        order_upload.write_text(
            "订单号,下单时间,门店,商品,实付金额,推荐码\n"
            "YD20261201001,2026-12-01 19:32,ZZ-0001,金典 500ml x2,256,LN01\n"
            "YD20261202007,2026-12-02 12:05,好又多超市,窖藏 250ml x6,398,\n"
            "YD20261204003,2026-12-04 18:20,蜀香酒家,金典 500ml x6,768,ZW02\n"
            "YD20261204009,昨天晚上,ZZ-0003,窖藏 250ml x2,136,\n"
            "YD20261205011,2026-12-05 10:02,鑫旺超市,金典 500ml x1,128,\n",
            encoding="utf-8-sig",
        )
        shop_sheet = Path(tmp) / "门店清单.csv"
        shop_sheet.write_text(
            "门店编码,门店名称,渠道,等级,区县,业务员\n"
            "ZZ-0001,鑫旺便利店,便利店,A,金水区,张伟\n"
            "ZZ-0005,家乐福金水店,超市,A,金水区,李娜\n"
            "ZZ-0006,老李烟酒,烟酒店,D,二七区,李娜\n"
            "ZZ-0007,新开的店,便利店,B,管城区,李娜\n"
            "ZZ-0008,无人负责的店,便利店,C,金水区,\n",
            encoding="utf-8-sig",
        )
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1366,768", f"--user-data-dir={tmp}/profile"):  # fmt: skip
            options.add_argument(arg)
        d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            # The window's inner size: 1366x768 (the headless window has no frame).
            d.set_window_size(1366, 768)
            d.implicitly_wait(15)  # a loaded machine: wait for the next page's elements
            for lang in ("zh_CN", "en"):
                d.delete_all_cookies()
                d.get(f"{url}/console/lang/{lang}?next=/console/login")
                d.save_screenshot(str(out / f"console_login_{lang}.png"))
                d.find_element(By.ID, "username").send_keys("boss")
                d.find_element(By.ID, "password").send_keys(PASSWORD)
                d.find_element(By.ID, "sign-in").click()
                for page, path in (("health", "/console/health"), ("people", "/console/people"),
                                   ("person", f"/console/people/{rep_id}"),
                                   ("counties", "/console/master/counties"),
                                   ("products", "/console/master/products"),
                                   ("prices", "/console/master/prices"),
                                   ("shops", "/console/shops"),
                                   ("orders", "/console/orders"),
                                   ("campaigns", "/console/campaigns"),
                                   ("campaign", f"/console/campaigns/{campaign_id}"),
                                   ("export", "/console/export")):  # fmt: skip
                    d.get(url + path)
                    d.save_screenshot(str(out / f"console_{page}_{lang}.png"))
                d.get(url + "/console/master/counties")
                d.find_element(By.ID, "upload-file").send_keys(str(sheet))
                d.find_element(By.ID, "upload-preview").click()
                d.find_element(By.ID, "preview")
                d.save_screenshot(str(out / f"console_preview_{lang}.png"))
                d.get(url + "/console/shops")
                d.find_element(By.ID, "shops-file").send_keys(str(shop_sheet))
                d.find_element(By.ID, "shops-preview").click()
                d.find_element(By.ID, "preview")
                d.save_screenshot(str(out / f"console_shops_preview_{lang}.png"))
                d.get(url + "/console/orders")
                d.find_element(By.ID, "orders-file").send_keys(str(order_upload))
                d.find_element(By.ID, "orders-preview").click()
                d.find_element(By.ID, "preview")
                d.save_screenshot(str(out / f"console_orders_preview_{lang}.png"))
        finally:
            d.quit()
            server.should_exit = True
            thread.join(10)
    print(f"{len(PAGES) * 2} screenshots in {out}")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parent.parent / "docs" / "screenshots"
    )
