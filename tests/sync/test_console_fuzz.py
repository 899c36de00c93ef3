"""No input makes the console answer 5xx or write a value no reader could read: every
form and every path and query of ``/console`` with random text (control characters,
NUL, surrogates' neighbours, very long values), on SQLite and PostgreSQL (which refuses
NUL in text). The schemathesis fuzzing covers the sync API's OpenAPI document, which
does not list the console's HTML endpoints; this is their fuzzing."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sync_harness import PASSWORD, Server

from fieldapp import values
from sync.server.service import master, overview

TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=30),
    st.sampled_from(["\x00", "a\x00b", "\x01", "~pool", "", " ", "1e999", "-1", "x" * 5000]),
)
FIELDS = ("name", "role", "team", "password", "row_id", "code", "province", "prefecture",
          "koc_target", "category", "unit", "price", "rep", "from", "to", "format", "lang",
          "q", "valid_only", "kind", "county")  # fmt: skip


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


@pytest.fixture
def signed_in(server: Server) -> tuple[Server, Any, str]:
    server.team("一组")
    server.user("boss", "admin")
    server.user("lina", "rep", "一组")
    c = server.client
    c.follow_redirects = False
    page = c.get("/console/login")
    r = c.post(
        "/console/login", data={"username": "boss", "password": PASSWORD, "csrf": _csrf(page.text)}
    )
    assert r.status_code == 303
    return server, c, _csrf(c.get("/console/people").text)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    target=st.sampled_from(
        [
            "/console/teams",
            "/console/users",
            "/console/people/{user}/move",
            "/console/people/{user}/password",
            "/console/people/{user}/deactivate",
            "/console/people/{x}/unlock",
            "/console/devices/{x}/revoke",
            "/console/master/counties/save",
            "/console/master/products/save",
            "/console/master/{x}/save",
            "/console/shops/{x}/assign",
            "/console/uploads/{x}/apply",
            "/console/export",
            "/console/campaigns/save",
            "/console/login",
        ]
    ),
    x=TEXT,
    form=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=6),
    query=TEXT,
)
def test_console_forms_never_fail(
    signed_in: tuple[Server, Any, str], target: str, x: str, form: dict[str, str], query: str
) -> None:
    server, c, csrf = signed_in
    lina = next(p["id"] for p in overview.people(server.engine) if p["name"] == "lina")
    path = target.format(user=lina, x=quote(x, safe="") or "x")
    r = c.post(path, data={"csrf": csrf, **form})
    assert r.status_code < 500, (path, form, r.text[:300])
    q, seg = quote(query, safe=""), quote(x, safe="") or "x"
    for get in (f"/console/shops?q={q}&team={q}", f"/console/master/counties?edit={q}",
                f"/console/lang/{seg}?next={q}", f"/console/uploads/{seg}",
                f"/console/campaigns/{seg}"):  # fmt: skip
        assert c.get(get).status_code < 500, get
    # Whatever was written is readable: every shared value passes the one value rule.
    for table in ("counties", "products", "campaigns"):
        for row in master.live_rows(server.engine, table):
            for value in row.data().values():
                if isinstance(value, str):
                    assert values.text_problem(value) is None, (table, value)
    assert c.get("/console/people").status_code == 200  # still signed in, still working


CAMPAIGN = {
    "name": "冬季铺货", "task_kind": "question", "task": "备货够吗？", "product_id": "",
    "team_id": "", "county_id": "", "channel": "", "tier": "", "starts_on": "2026-12-01",
    "ends_on": "2026-12-31", "notes": "", "row_id": "",
}  # fmt: skip


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changed=st.dictionaries(st.sampled_from(sorted(CAMPAIGN)), TEXT, max_size=3))
def test_campaign_form_never_fails(
    signed_in: tuple[Server, Any, str], changed: dict[str, str]
) -> None:
    """A valid campaign with one to three fields typed at random: saved (303) or refused
    next to a field (400), never a 5xx; what was saved is readable and its page opens."""
    server, c, csrf = signed_in
    r = c.post("/console/campaigns/save", data={"csrf": csrf, **CAMPAIGN, **changed})
    assert r.status_code in (303, 400, 404), (changed, r.status_code, r.text[:300])
    if r.status_code == 303:
        assert c.get(r.headers["location"]).status_code == 200
    for row in master.live_rows(server.engine, "campaigns"):
        for value in row.data().values():
            if isinstance(value, str):
                assert values.text_problem(value) is None, value
    assert c.get("/console/campaigns").status_code == 200
