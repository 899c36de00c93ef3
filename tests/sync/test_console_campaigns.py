"""Head office's campaigns on the console over HTTP (``sync/server/console/
campaign_pages.py``): the form's refusals next to their fields with nothing written, a
campaign reaching devices by pull (head office's alone to write), a rep's record of its
task in a visit counted per shop and rep, both languages. The browser test is in
``test_console_browser.py``; the device's side in ``test_campaign_sync.py``."""

from __future__ import annotations

import re
import uuid
from typing import Any

from sync_harness import Server, shop_fields
from test_console import console

from sync.server.console import session as sessions
from sync.server.service import campaigns as service_campaigns


def _form(csrf: str, **over: Any) -> dict[str, str]:
    base = {
        "csrf": csrf, "row_id": "", "name": "冬季铺货", "task_kind": "checklist",
        "task": "端架陈列新品", "product_id": "", "team_id": "", "county_id": "",
        "channel": "", "tier": "", "starts_on": "2026-12-01", "ends_on": "2026-12-31",
        "notes": "",
    }  # fmt: skip
    return base | over


def _campaign_rows(server: Server) -> list[Any]:
    return [p.campaign for p in service_campaigns.progress(server.engine)]


def test_campaign_form_pull_and_progress(server: Server, world: dict[str, Any]) -> None:
    c, csrf = console(server, "admin")
    assert c.get("/console/campaigns").status_code == 200
    # Refusals next to their field; nothing written.
    r = c.post("/console/campaigns/save", data=_form(csrf, ends_on="2026-11-30"))
    assert r.status_code == 400
    assert re.search(r'id="ce-ends_on"[^>]*>The end is before the start', r.text)
    r = c.post("/console/campaigns/save", data=_form(csrf, task_kind="placement"))
    assert r.status_code == 400 and 'id="ce-product_id"' in r.text
    r = c.post("/console/campaigns/save", data=_form(csrf, team_id="no-such-team"))
    assert r.status_code == 400 and 'id="ce-team_id"' in r.text
    r = c.post("/console/campaigns/save", data=_form(csrf, starts_on="2026-02-30"))
    assert r.status_code == 400 and 'id="ce-starts_on"' in r.text
    assert 'value="2026-02-30"' in r.text  # what was typed stays
    assert _campaign_rows(server) == []
    # Team A's convenience stores.
    r = c.post("/console/campaigns/save",
               data=_form(csrf, team_id=world["A"], channel="convenience"))  # fmt: skip
    assert r.status_code == 303, r.text
    campaign_id = r.headers["location"].split("/")[-1].split("?")[0]
    (row,) = _campaign_rows(server)
    assert (row["name"], row["team_id"], row["channel"]) == ("冬季铺货", world["A"], "convenience")
    # It reaches the devices at their next pull; a rep may not write one.
    rep = server.device("repA")
    pulled = [ch for ch in rep.pull_all() if ch["table"] == "campaigns"]
    assert [ch["row_id"] for ch in pulled] == [campaign_id]
    assert pulled[0]["row"]["task"] == "端架陈列新品"
    refused = rep.push(rep.mut("campaigns", campaign_id, base=pulled[0]["version"], name="x"))
    assert refused[0]["status"] == "rejected" and refused[0]["error"]["code"] == "forbidden"
    # Two shops of team A it takes, one supermarket and one of team B it does not.
    shops = {}
    made = (("a1", "repA", "convenience"), ("a2", "repA", "convenience"),
            ("a3", "repA", "supermarket"), ("b1", "repB", "convenience"))  # fmt: skip
    for key, rep_key, channel in made:
        shops[key] = str(uuid.uuid4())
        writer = rep if rep_key == "repA" else server.device("repB")
        res = writer.push(writer.mut("shops", shops[key], "insert", **shop_fields(
            world, rep_key, code=key.upper(), name=f"店{key}", channel=channel)))  # fmt: skip
        assert res[0]["status"] == "applied", res
    (prog,) = service_campaigns.progress(server.engine)
    assert sorted(s.code for s in prog.shops) == ["A1", "A2"]
    assert prog.count("open") == 2 and prog.percent == 0
    # A visit to A1 records the task done, one to A2 not done (with why).
    answers = {"a1": (True, None), "a2": (False, "老板不同意")}
    for key, (done, answer) in answers.items():
        visit = str(uuid.uuid4())
        res = rep.push(
            rep.mut("visits", visit, "insert", shop_id=shops[key], rep_id=world["repA"],
                    planned_date="2026-12-03", review_status="draft"),
            rep.mut("campaign_results", str(uuid.uuid4()), "insert", visit_id=visit,
                    campaign_id=campaign_id, done=done, answer=answer),
        )  # fmt: skip
        assert [x["status"] for x in res] == ["applied", "applied"], res
    # Not done without why: refused by head office as by the app.
    res = rep.push(rep.mut("campaign_results", str(uuid.uuid4()), "insert", visit_id=visit,
                           campaign_id=campaign_id, done=False))  # fmt: skip
    assert res[0]["status"] == "rejected" and res[0]["error"]["code"] == "reason_required"
    (prog,) = service_campaigns.progress(server.engine)
    states = {s.code: (s.state, s.day, s.by, s.answer) for s in prog.shops}
    assert states == {"A1": ("done", "2026-12-03", "repA", ""),
                      "A2": ("not_done", "2026-12-03", "repA", "老板不同意")}  # fmt: skip
    assert prog.reps == [{"rep": "repA", "team": "A", "shops": 2, "done": 1, "not_done": 1}]
    # The console shows it, in English and Chinese.
    page = c.get("/console/campaigns").text
    assert "1 of 2 shops done (50 %)" in page and "1 not done" in page
    detail = c.get(f"/console/campaigns/{campaign_id}").text
    assert re.search(r'data-shop="A2">.*?Not done.*?老板不同意', detail, re.S)
    c.cookies.set(sessions.LANG_COOKIE, "zh_CN", path="/console")
    assert "2 家门店已完成 1 家（50%）" in c.get("/console/campaigns").text
    assert "未完成" in c.get(f"/console/campaigns/{campaign_id}").text
    # Editing keeps the id; a refused edit keeps the form on the campaign's page.
    r = c.post("/console/campaigns/save",
               data=_form(csrf, row_id=campaign_id, ends_on="2026-11-01"))  # fmt: skip
    assert r.status_code == 400 and f'name="row_id" value="{campaign_id}"' in r.text
    longer = _form(csrf, row_id=campaign_id, name="冬季铺货（延长）", ends_on="2027-01-15")
    r = c.post("/console/campaigns/save", data=longer)
    assert r.status_code == 303
    (row,) = _campaign_rows(server)
    assert (row["id"], row["ends_on"]) == (campaign_id, "2027-01-15") and "延长" in row["name"]
    assert c.get("/console/campaigns/no-such-id").status_code == 404
