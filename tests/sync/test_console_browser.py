"""The console in a real headless Chromium driven by Selenium (Debian's ``chromium`` and
``chromium-driver``, which ``./dev test`` installs): against the real server on a
loopback port, an admin signs in, creates a user, uploads a county sheet with one bad
row and sees the problem in the preview, writes the good rows, and deactivates a rep
whose device is then refused; uploads a shop list with a bad row, sees it, writes the
rest and assigns a shop to another rep; uploads a cloud-store order export with a bad
row, sees it and writes the other. Screenshots of what the browser showed are kept in the
test's folder (``tools/screenshots_console.py`` makes the ones in docs/screenshots/).
Without the browser this fails under ``./dev test`` and CI (FIELDAPP_REQUIRE_CHROMIUM,
CI) and skips elsewhere."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from client_harness import LiveServer, MakeDevice
from sync_harness import PASSWORD, Server

from sync.server.service import master, overview


def _browser() -> tuple[str, str]:
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        if os.environ.get("FIELDAPP_REQUIRE_CHROMIUM") or os.environ.get("CI"):
            pytest.fail(
                "chromium or chromedriver is missing: ./dev test installs chromium and"
                " chromium-driver",
                pytrace=False,
            )
        pytest.skip("chromium and chromedriver not installed; ./dev test installs them")
    return chromium, driver


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    chromium, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1366,768",
        "--lang=en-US",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_console_in_a_browser(
    server: Server, live: LiveServer, browser: object, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    d: WebDriver = browser  # type: ignore[assignment]
    wait = WebDriverWait(d, 15)
    server.team("郑州一组")
    server.user("boss", "admin")
    server.user("lina", "rep", "郑州一组")
    rep = server.device("lina")

    def shot(name: str) -> None:
        d.save_screenshot(str(tmp_path / f"{name}.png"))

    # Sign in (the language: English, by the link in the header).
    d.get(live.url + "/console/lang/en?next=/console/login")
    d.find_element(By.ID, "username").send_keys("boss")
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    d.find_element(By.ID, "sign-in").click()
    wait.until(ec.url_contains("/console/health"))
    assert "Sync health" in d.find_element(By.TAG_NAME, "h1").text
    shot("health")

    # Create a user.
    d.find_element(By.LINK_TEXT, "Teams and people").click()
    d.find_element(By.ID, "user-name").send_keys("zhangwei")
    Select(d.find_element(By.ID, "user-role")).select_by_value("rep")
    Select(d.find_element(By.ID, "user-team")).select_by_visible_text("郑州一组")
    d.find_element(By.ID, "user-password").send_keys("pw-12345678")
    d.find_element(By.ID, "create-user").click()
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), "zhangwei"))
    assert "zhangwei" in d.find_element(By.ID, "people").text
    assert server.login_raw("zhangwei", "pw-12345678", "zw-dev").status_code == 200
    shot("people")

    # Upload a county sheet with one bad row: the preview lists it, nothing is written.
    sheet = tmp_path / "counties.csv"
    sheet.write_text(
        "区县,省份,KOC目标\n金水区,河南省,60\n二七区,河南省,很多\n中原区,河南省,40\n",
        encoding="utf-8-sig",
    )
    d.find_element(By.LINK_TEXT, "Master data").click()
    d.find_element(By.ID, "upload-file").send_keys(str(sheet))
    d.find_element(By.ID, "upload-preview").click()
    wait.until(ec.presence_of_element_located((By.ID, "preview")))
    summary = d.find_element(By.ID, "preview-summary").text
    assert summary == "2 new, 0 changed, 0 unchanged, 1 with problems.", summary
    bad = d.find_element(By.CSS_SELECTOR, 'tr[data-row="3"]')
    assert "has problems" in bad.text and "KOC目标: Not a number" in bad.text, bad.text
    shot("preview")
    assert master.live_rows(server.engine, "counties") == []
    d.find_element(By.ID, "apply").click()
    wait.until(ec.presence_of_element_located((By.ID, "master-rows")))
    names = {c.name for c in master.live_rows(server.engine, "counties")}  # type: ignore[attr-defined]
    assert names == {"金水区", "中原区"}
    assert "中原区" in d.find_element(By.ID, "master-rows").text

    # A shop list with problems: the preview names them; the good rows are written; a
    # shop is then given to another rep in the page.
    shops = tmp_path / "shops.csv"
    shops.write_text(
        "门店编码,门店名称,渠道,等级,区县,业务员\n"
        "S001,鑫旺便利店,便利店,A,金水区,lina\n"
        "S002,好又多超市,超市,Z,金水区,lina\n"
        "S003,老王烟酒,烟酒店,B,中原区,zhangwei\n",
        encoding="utf-8-sig",
    )
    d.find_element(By.LINK_TEXT, "Shops").click()
    d.find_element(By.ID, "shops-file").send_keys(str(shops))
    d.find_element(By.ID, "shops-preview").click()
    wait.until(ec.presence_of_element_located((By.ID, "preview")))
    summary = d.find_element(By.ID, "preview-summary").text
    assert summary == "2 new, 0 changed, 0 unchanged, 1 with problems.", summary
    assert "Not one of the known values" in d.find_element(By.CSS_SELECTOR, 'tr[data-row="3"]').text
    d.find_element(By.ID, "apply").click()
    wait.until(ec.presence_of_element_located((By.ID, "shops")))
    assert {s["code"] for s in master.shop_list(server.engine)[0]} == {"S001", "S003"}
    row = d.find_element(By.XPATH, "//table[@id='shops']//tr[td[1]='S001']")
    Select(row.find_element(By.TAG_NAME, "select")).select_by_visible_text("zhangwei · 郑州一组")
    row.find_element(By.TAG_NAME, "button").click()
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), "zhangwei"))
    owner = {s["code"]: s["rep_id"] for s in master.shop_list(server.engine)[0]}
    zw = next(u["id"] for u in overview.people(server.engine) if u["name"] == "zhangwei")
    assert owner["S001"] == zw
    shot("shops")

    # A cloud-store order export with a bad row: the preview names it; the good row is
    # written and listed.
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "订单号,下单时间,门店,实付金额\n"
        "YZ1,2026-11-20 10:00,S001,120\n"
        "YZ2,2026-11-20 11:00,无此店,5\n",
        encoding="utf-8-sig",
    )
    d.find_element(By.LINK_TEXT, "Cloud-store orders").click()
    d.find_element(By.ID, "orders-file").send_keys(str(orders))
    d.find_element(By.ID, "orders-preview").click()
    wait.until(ec.presence_of_element_located((By.ID, "preview")))
    summary = d.find_element(By.ID, "preview-summary").text
    assert summary == "1 new, 0 changed, 0 unchanged, 1 with problems.", summary
    bad_row = d.find_element(By.CSS_SELECTOR, 'tr[data-row="3"]').text
    assert "No shop with this code or name" in bad_row, bad_row
    shot("orders_preview")
    d.find_element(By.ID, "apply").click()
    wait.until(ec.presence_of_element_located((By.ID, "orders")))
    assert "YZ1" in d.find_element(By.ID, "orders").text
    assert "YZ2" not in d.find_element(By.ID, "orders").text
    shot("orders")
    d.find_element(By.ID, "lang-switch").click()  # the page in Chinese, and back
    wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "云店订单"))
    shot("orders_zh")
    d.find_element(By.ID, "lang-switch").click()
    wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Cloud-store orders"))

    # Deactivate the rep: her device is refused at its next request.
    assert rep.get("/v1/verify").status_code == 200
    d.find_element(By.LINK_TEXT, "Teams and people").click()
    d.find_element(By.LINK_TEXT, "lina").click()
    d.find_element(By.ID, "deactivate").click()
    wait.until(ec.alert_is_present()).accept()  # "Deactivate lina?"
    wait.until(ec.presence_of_element_located((By.ID, "activate")))
    r = rep.get("/v1/verify")
    assert r.status_code == 401 and r.json()["error"]["code"] == "account_disabled"
    # Her device's last error, in words (kept once the answer was sent).
    wait.until(lambda _d: d.refresh() or "The account is deactivated." in d.page_source)
    assert "checking the data" in d.find_element(By.CSS_SELECTOR, "td.last-error").text
    shot("person")

    # Sign out: the pages are closed again.
    d.find_element(By.CSS_SELECTOR, "header form button").click()
    wait.until(ec.url_contains("/console/login"))
    d.get(live.url + "/console/people")
    assert d.current_url.endswith("/console/login")


@pytest.mark.parametrize("backend", ["sqlite"])
def test_campaign_in_a_browser_reaches_a_device(
    server: Server, live: LiveServer, browser: object, device: MakeDevice, tmp_path: Path
) -> None:
    """Head office defines a campaign in Chinese (a refused period first, named next to
    its field), a rep's app receives it at its next sync and shows it for her shop, her
    record of it comes back, and the console shows the progress, in English too."""
    from datetime import UTC, date, datetime

    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from fieldapp.store.campaigns import open_for_shop, record_result

    d: WebDriver = browser  # type: ignore[assignment]
    wait = WebDriverWait(d, 15)
    server.team("郑州一组")
    server.user("boss", "admin")
    server.user("lina", "rep", "郑州一组")
    admin = server.device("boss")
    county = "c-jinshui"
    assert admin.push(admin.mut("counties", county, "insert", name="金水区",
                                koc_target=10))[0]["status"] == "applied"  # fmt: skip
    app = device("lina")
    assert app.sync().rejected == 0
    shop = app.store.shops.create(name="鑫旺便利店", code="S001", channel="convenience",
                                  tier="A", county_id=county, rep_id=app.user_id)  # fmt: skip
    assert app.sync().rejected == 0

    def put(field_id: str, value: str) -> None:  # a date input takes its value as typed
        d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, field_id),
                         value)  # fmt: skip

    d.get(live.url + "/console/lang/zh_CN?next=/console/login")
    d.find_element(By.ID, "username").send_keys("boss")
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    d.find_element(By.ID, "sign-in").click()
    wait.until(ec.url_contains("/console/health"))
    d.find_element(By.LINK_TEXT, "活动任务").click()
    assert "还没有活动任务。" in d.page_source
    d.find_element(By.ID, "c-name").send_keys("春节备货调查")
    Select(d.find_element(By.ID, "c-task_kind")).select_by_visible_text("提问")
    d.find_element(By.ID, "c-task").send_keys("春节前计划进多少箱？")
    Select(d.find_element(By.ID, "c-team_id")).select_by_visible_text("郑州一组")
    Select(d.find_element(By.ID, "c-channel")).select_by_value("convenience")
    put("c-starts_on", "2026-12-01")
    put("c-ends_on", "2026-11-30")
    d.find_element(By.ID, "campaign-save").click()
    problem = wait.until(ec.presence_of_element_located((By.ID, "ce-ends_on")))
    assert problem.text == "结束日期早于开始日期。"
    assert d.find_element(By.ID, "c-ends_on").get_attribute("aria-invalid") == "true"
    assert d.find_element(By.ID, "c-name").get_attribute("value") == "春节备货调查"
    d.save_screenshot(str(tmp_path / "campaign_refused.png"))
    put("c-ends_on", "2026-12-31")
    d.find_element(By.ID, "campaign-save").click()
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), "春节备货调查"))
    assert "1 家门店已完成 0 家" in d.find_element(By.ID, "campaign-summary").text

    # The rep's app: at its next sync the campaign is there and her shop's visit shows it.
    assert app.sync().rejected == 0
    (shown,) = open_for_shop(app.store.db, shop_id=shop.id, day=date(2026, 12, 5))
    assert shown["name"] == "春节备货调查"
    visit = app.store.visits.create(shop_id=shop.id, rep_id=app.user_id,
                                    planned_date=date(2026, 12, 5))  # fmt: skip
    app.store.visits.check_in(visit.id, at=datetime(2026, 12, 5, 2, 0, tzinfo=UTC))
    record_result(app.store, visit_id=visit.id, campaign_id=shown["id"], done=True,
                  answer="二十箱")  # fmt: skip
    report = app.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report

    # Head office sees it done, per shop and rep; in English too.
    d.refresh()
    assert "1 家门店已完成 1 家（100%）" in d.find_element(By.ID, "campaign-summary").text
    row = d.find_element(By.CSS_SELECTOR, 'tr[data-shop="S001"]')
    assert "已完成" in row.text and "二十箱" in row.text and "2026-12-05" in row.text
    d.save_screenshot(str(tmp_path / "campaign_zh.png"))
    d.find_element(By.ID, "lang-switch").click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "campaign-summary"), "1 of 1 shops"))
    assert "Done" in d.find_element(By.CSS_SELECTOR, 'tr[data-shop="S001"]').text
    assert "lina" in d.find_element(By.ID, "campaign-reps").text
    d.find_element(By.LINK_TEXT, "Campaigns").click()
    assert "1 of 1 shops done (100 %)" in d.find_element(By.ID, "campaigns").text
    d.save_screenshot(str(tmp_path / "campaigns_en.png"))


def test_without_chromium_the_browser_test_fails_under_dev_test_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("FIELDAPP_REQUIRE_CHROMIUM", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _browser()
    for variable in ("FIELDAPP_REQUIRE_CHROMIUM", "CI"):  # ./dev test sets the first
        with monkeypatch.context() as m:
            m.setenv(variable, "1")
            with pytest.raises(pytest.fail.Exception):
                _browser()
