"""Tests of the demo-data generator (``fieldapp.demo``) at ``rep`` scale.

Determinism, row counts, model validity of every table, referential integrity and
the cross-row stories the data must tell (visits, owner levels, KOC stage history,
invitations). Threading: plain single-threaded tests.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from fieldapp.demo import SCALES, DemoSummary, corpus, generate
from fieldapp.demo.generator import REP_TABLES, TABLE_ORDER
from fieldapp.model import ENTITY_BY_TABLE, FUNNEL_STAGES, KocStage
from fieldapp.store import Store
from fieldapp.validation import validate

TODAY = date(2026, 5, 20)
SEED = 11
DERIVED = {"search_pinyin", "search_initials"}
STAGE_ORDER = {s.value: i for i, s in enumerate(FUNNEL_STAGES)}


class RecordingStore:
    """A stand-in store that keeps what ``bulk_insert`` got, for exact comparisons."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {}

    def bulk_insert(self, table: str, rows: Any, *, outbox: bool = False) -> int:
        batch = [dict(r) for r in rows]
        self.rows.setdefault(table, []).extend(batch)
        return len(batch)

    def transaction(self) -> AbstractContextManager[Any]:
        return nullcontext(self)


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[Store, DemoSummary, list[tuple[str, int, int]]]]:
    store = Store.open(":memory:")
    calls: list[tuple[str, int, int]] = []
    summary = generate(
        store, scale="rep", seed=SEED, today=TODAY, progress=lambda *a: calls.append(a)
    )
    yield store, summary, calls
    store.close()


def q(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    return list(store.db.query(sql, params or []))


def scalar(store: Store, sql: str) -> Any:
    return next(iter(q(store, sql)[0].values()))


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --------------------------------------------------------------------------- determinism


def _recorded(seed: int, today: date = TODAY) -> dict[str, list[dict[str, Any]]]:
    rec = RecordingStore()
    generate(rec, scale="rep", seed=seed, today=today)
    return rec.rows


def test_same_seed_and_day_give_identical_rows() -> None:
    first, second = _recorded(SEED), _recorded(SEED)
    assert list(first) == list(TABLE_ORDER)
    for table in TABLE_ORDER:
        assert first[table] == second[table], table


def test_store_holds_exactly_the_generated_rows(demo: Any) -> None:
    store, _, _ = demo
    recorded = _recorded(SEED)
    for table in ("shops", "owners", "visits", "kocs", "invitations"):
        stored = q(store, f"SELECT * FROM {table} ORDER BY id")
        expected = sorted(recorded[table], key=lambda r: r["id"])
        assert len(stored) == len(expected)
        for got, want in zip(stored, expected, strict=True):
            # The recording stand-in keeps no files: no photos, so no evidence from them.
            want = {k: v for k, v in want.items() if k != "evidence_flags"}
            assert {k: got[k] for k in want} == want


def test_other_seed_or_day_gives_other_rows() -> None:
    base = _recorded(SEED)
    other = _recorded(SEED + 1)
    assert base["shops"][0]["id"] != other["shops"][0]["id"]
    assert {r["name"] for r in base["shops"]} != {r["name"] for r in other["shops"]}
    shifted = _recorded(SEED, TODAY + timedelta(days=30))
    assert max(r["planned_date"] or "" for r in shifted["visits"]) > max(
        r["planned_date"] or "" for r in base["visits"]
    )


_DIGEST = """
import hashlib, json
from contextlib import nullcontext
from datetime import date
from fieldapp.demo import generate
class Rec:
    h = hashlib.sha256()
    def bulk_insert(self, table, rows, outbox=False):
        rows = list(rows)
        self.h.update(json.dumps([table, rows], ensure_ascii=False).encode())
        return len(rows)
    def transaction(self):
        return nullcontext()
rec = Rec()
generate(rec, scale="rep", seed=3, today=date(2026, 1, 9))
print(rec.h.hexdigest())
"""


def test_rows_do_not_depend_on_the_hash_seed() -> None:
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST],
            env={**os.environ, "PYTHONHASHSEED": str(h)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for h in (1, 2)
    }
    assert len(digests) == 1


def test_ids_are_version_4_uuids_from_the_seed() -> None:
    rows = _recorded(SEED)
    pattern = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    ids = [r["id"] for table in TABLE_ORDER for r in rows[table]]
    assert all(pattern.match(i) for i in ids)
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------- counts and shape


def test_rep_scale_counts(demo: Any) -> None:
    store, summary, calls = demo
    counts = summary.counts()
    assert counts["users"] == 2  # the rep and the supervisor who reviews the visits
    assert counts["teams"] == 1
    assert counts["products"] == len(corpus.PRODUCTS) >= 20
    assert 1 <= counts["counties"] <= 3
    assert counts["shops"] == counts["owners"] == 150
    # 6-12 visits on each of ~310 working days, and two weeks of plan.
    assert 2_500 <= counts["visits"] <= 3_800
    assert 1_500 <= counts["order_lines"] <= 6_000
    assert 1_000 <= counts["interactions"] <= 4_000
    assert 30 <= counts["events"] <= 80
    assert 650 <= counts["kocs"] <= 850
    assert counts["koc_shops"] >= counts["kocs"]
    assert counts["koc_stage_changes"] >= counts["kocs"]
    assert 0.2 * counts["kocs"] <= counts["community_groups"] <= 0.5 * counts["kocs"]
    assert counts["invitations"] > counts["events"] * 5
    assert 20 <= counts["photos"] <= 300  # on a quarter of the last two weeks' visits
    assert counts["prices"] >= counts["products"] and 2 <= counts["promotions"] <= 3
    for table, n in counts.items():
        assert scalar(store, f"SELECT count(*) FROM {table}") == n, table
    assert calls[-1] == ("reps", 1, 1)
    assert ("reference data", 7, 7) in calls  # counties … products, prices, promotions, campaigns


def test_scales_are_as_specified() -> None:
    team, region = SCALES["team"], SCALES["region"]
    assert team.teams * team.reps_per_team * team.shops_per_rep == 3_000
    assert region.teams * region.reps_per_team * region.shops_per_rep == 60_000
    assert team.reps_per_team == region.reps_per_team == 20
    with pytest.raises(ValueError):
        generate(RecordingStore(), scale="country")


def test_tiers_channels_and_cloud_stores(demo: Any) -> None:
    store, _, _ = demo
    tiers = {r["tier"]: r["n"] for r in q(store, "SELECT tier, count(*) n FROM shops GROUP BY 1")}
    assert 5 <= tiers["A"] <= 25
    assert 30 <= tiers["B"] <= 60
    assert 75 <= tiers["C"] <= 110
    channels = {r["channel"] for r in q(store, "SELECT DISTINCT channel FROM shops")}
    assert channels == {"convenience", "tobacco_liquor", "supermarket", "restaurant", "other"}
    # A shops are visited more often than C shops.
    per_tier = {
        r["tier"]: r["n"]
        for r in q(
            store,
            "SELECT s.tier, count(v.id) * 1.0 / count(DISTINCT s.id) AS n FROM shops s"
            " JOIN visits v ON v.shop_id = s.id AND v.checkin_at IS NOT NULL GROUP BY s.tier",
        )
    }
    assert per_tier["A"] > 1.5 * per_tier["B"] > 2 * per_tier["C"]


def test_phones_and_mobiles(demo: Any) -> None:
    store, _, _ = demo
    mobile = re.compile(r"^1[3-9]\d{9}$")
    landline = re.compile(r"^0\d{2,3}-[2-9]\d{6,7}$")
    for table in ("owners", "kocs", "users"):
        for r in q(store, f"SELECT mobile FROM {table} WHERE mobile IS NOT NULL"):
            assert mobile.match(r["mobile"]), r
    phones = [r["phone"] for r in q(store, "SELECT phone FROM shops WHERE phone IS NOT NULL")]
    assert any(mobile.match(p) for p in phones)
    assert any(landline.match(p) for p in phones)
    assert all(mobile.match(p) or landline.match(p) for p in phones)


# --------------------------------------------------------------------------- validity


@pytest.mark.parametrize("table", TABLE_ORDER)
def test_sample_rows_validate(demo: Any, table: str) -> None:
    store, _, _ = demo
    rows = q(store, f"SELECT * FROM {table} ORDER BY id")
    assert rows, table
    sample = random.Random(table).sample(rows, min(300, len(rows)))
    model = ENTITY_BY_TABLE[table]
    for row in sample:
        validate(model, {k: v for k, v in row.items() if k not in DERIVED})


def test_every_reference_points_to_a_row(demo: Any) -> None:
    store, _, _ = demo
    checked = 0
    for table in TABLE_ORDER:
        for field, target in ENTITY_BY_TABLE[table].refs.items():
            orphans = scalar(
                store,
                f"SELECT count(*) FROM {table} a LEFT JOIN {target} b ON b.id = a.{field}"
                f" WHERE a.{field} IS NOT NULL AND b.id IS NULL",
            )
            assert orphans == 0, f"{table}.{field}"
            checked += 1
    assert checked >= 20
    assert store.check().ok


def test_created_and_updated_by_the_rep(demo: Any) -> None:
    store, _, _ = demo
    rep_id = scalar(store, "SELECT id FROM users WHERE role = 'rep'")
    sup_id = scalar(store, "SELECT id FROM users WHERE role = 'supervisor'")
    # The review history is the supervisor's, one row per reviewed visit.
    not_sup = q(
        store,
        "SELECT count(*) AS n FROM visit_reviews WHERE created_by != ? OR reviewer_id != ?",
        [sup_id, sup_id],
    )[0]["n"]
    assert not_sup == 0
    # Every decided visit has its decision; a resubmitted one also its earlier return.
    assert (
        scalar(
            store,
            "SELECT count(*) FROM visits v WHERE review_status IN ('approved', 'returned')"
            " AND NOT EXISTS (SELECT 1 FROM visit_reviews r WHERE r.visit_id = v.id"
            " AND r.decision = v.review_status AND r.decided_at = v.reviewed_at)",
        )
        == 0
    )
    assert (
        scalar(
            store,
            "SELECT count(*) FROM visit_reviews r JOIN visits v ON v.id = r.visit_id"
            " WHERE v.review_status = 'draft'",
        )
        == 0
    )
    rules_by_others = q(
        store, "SELECT count(*) AS n FROM assortment_rules WHERE created_by != ?", [sup_id]
    )[0]["n"]
    assert rules_by_others == 0  # a team's assortment is its supervisor's
    payouts_by_others = q(
        store, "SELECT count(*) AS n FROM display_payouts WHERE created_by != ?", [sup_id]
    )[0]["n"]
    assert payouts_by_others == 0  # so are the display payouts
    for table in REP_TABLES:
        if table in ("visit_reviews", "assortment_rules", "display_payouts"):
            continue
        others = q(
            store,
            f"SELECT count(*) AS n FROM {table} WHERE created_by != ? OR updated_by != ?",
            [rep_id, rep_id],
        )[0]["n"]
        assert others == 0, table
        assert scalar(store, f"SELECT count(*) FROM {table} WHERE updated_at < created_at") == 0


def test_nothing_happened_after_today(demo: Any) -> None:
    store, _, _ = demo
    end = (TODAY + timedelta(days=1)).isoformat()
    for table in TABLE_ORDER:
        assert scalar(store, f"SELECT max(created_at) FROM {table}") < end, table
    assert scalar(store, "SELECT max(checkin_at) FROM visits") < end
    assert scalar(store, "SELECT max(date) FROM interactions") <= TODAY.isoformat()
    assert scalar(store, "SELECT max(changed_at) FROM koc_stage_changes") < end
    assert (
        scalar(store, "SELECT min(date) FROM interactions")
        >= (TODAY - timedelta(days=365)).isoformat()
    )


# --------------------------------------------------------------------------- visits


def test_visits_check_in_during_work_hours_and_out_after(demo: Any) -> None:
    store, _, _ = demo
    rows = q(store, "SELECT * FROM visits WHERE checkin_at IS NOT NULL")
    assert rows
    for r in rows:
        checkin = parse(r["checkin_at"])
        assert checkin.utcoffset() == timedelta(0)
        beijing = checkin + timedelta(hours=8)
        assert 8 <= beijing.hour < 18, r
        if r["checkout_at"] is not None:
            minutes = (parse(r["checkout_at"]) - checkin).total_seconds() / 60
            assert 15 <= minutes <= 45, r
    assert scalar(store, "SELECT count(*) FROM visits WHERE checkout_at <= checkin_at") == 0


def test_planned_visits_and_reviews(demo: Any) -> None:
    store, _, _ = demo
    today = TODAY.isoformat()
    horizon = (TODAY + timedelta(days=14)).isoformat()
    future = q(store, "SELECT * FROM visits WHERE planned_date > ?", [today])
    assert len(future) > 100
    assert all(r["checkin_at"] is None and r["review_status"] == "draft" for r in future)
    assert all(r["planned_date"] <= horizon for r in future)
    statuses = {
        r["review_status"]: r["n"]
        for r in q(store, "SELECT review_status, count(*) n FROM visits GROUP BY 1")
    }
    assert statuses["approved"] > 0.7 * sum(statuses.values())
    assert statuses["returned"] > 0 and statuses["submitted"] > 0 and statuses["draft"] > 0
    assert (
        scalar(
            store,
            "SELECT count(*) FROM visits WHERE review_status = 'returned'"
            " AND (supervisor_comment IS NULL OR reviewed_by IS NULL)",
        )
        == 0
    )
    # Drafts are recent or never made; old visits have been reviewed.
    month_ago = (TODAY - timedelta(days=30)).isoformat()
    assert (
        scalar(
            store,
            "SELECT count(*) FROM visits WHERE review_status = 'draft' AND checkout_at IS NOT NULL"
            f" AND checkin_at < '{month_ago}'",
        )
        == 0
    )
    share = scalar(
        store,
        "SELECT count(DISTINCT visit_id) * 1.0 / (SELECT count(*) FROM visits"
        " WHERE checkout_at IS NOT NULL) FROM order_lines",
    )
    assert 0.5 <= share <= 0.7
    assert scalar(store, "SELECT min(quantity) FROM order_lines") >= 1
    assert scalar(store, "SELECT max(quantity) FROM order_lines") <= 50


# --------------------------------------------------------------------------- owners


def test_owner_level_is_last_interactions_level_after(demo: Any) -> None:
    store, _, _ = demo
    rows = q(
        store,
        "SELECT o.id, o.level, (SELECT i.level_after FROM interactions i WHERE i.owner_id = o.id"
        " ORDER BY i.date DESC, i.created_at DESC LIMIT 1) AS last_after,"
        " (SELECT i.level_after FROM interactions i WHERE i.owner_id = o.id"
        " AND i.level_after IS NOT NULL ORDER BY i.date DESC, i.created_at DESC LIMIT 1)"
        " AS last_set FROM owners o",
    )
    with_history = [r for r in rows if r["last_set"] is not None]
    assert len(with_history) > 0.9 * len(rows)
    for r in with_history:
        assert r["level"] == r["last_set"], r
        if r["last_after"] is not None:
            assert r["level"] == r["last_after"], r
    # Levels drift: many owners' histories hold more than one level.
    drifting = scalar(
        store,
        "SELECT count(*) FROM (SELECT owner_id FROM interactions WHERE level_after IS NOT NULL"
        " GROUP BY owner_id HAVING count(DISTINCT level_after) > 1)",
    )
    assert drifting > 0.3 * len(rows)
    # Good owners hear from the rep more often than weak ones.
    per_level = {
        r["level"]: r["n"]
        for r in q(
            store,
            "SELECT o.level, count(i.id) * 1.0 / count(DISTINCT o.id) AS n FROM owners o"
            " LEFT JOIN interactions i ON i.owner_id = o.id GROUP BY o.level",
        )
    }
    assert per_level[5] > 2 * per_level[1]


def test_one_owner_per_shop(demo: Any) -> None:
    store, _, _ = demo
    assert (
        scalar(store, "SELECT count(DISTINCT shop_id) FROM owners")
        == scalar(store, "SELECT count(*) FROM shops")
        == scalar(store, "SELECT count(*) FROM owners")
    )


# --------------------------------------------------------------------------- KOCs


def test_stage_history_matches_current_stage(demo: Any) -> None:
    store, _, _ = demo
    history: dict[str, list[dict[str, Any]]] = {}
    for r in q(store, "SELECT * FROM koc_stage_changes ORDER BY koc_id, changed_at"):
        history.setdefault(r["koc_id"], []).append(r)
    kocs = q(store, "SELECT id, stage, created_at FROM kocs")
    assert len(history) == len(kocs)
    for koc in kocs:
        changes = history[koc["id"]]
        assert changes[0]["from_stage"] is None
        assert changes[0]["to_stage"] == "spotted"
        assert changes[0]["changed_at"] == koc["created_at"]
        for before, after in itertools.pairwise(changes):
            assert after["from_stage"] == before["to_stage"]
            assert after["changed_at"] > before["changed_at"]
            if after["to_stage"] != KocStage.DORMANT:
                assert STAGE_ORDER[after["to_stage"]] == STAGE_ORDER[before["to_stage"]] + 1
        assert changes[-1]["to_stage"] == koc["stage"]
        if koc["stage"] == KocStage.DORMANT:
            assert len(changes) >= 3  # went quiet after at least being introduced


def test_stages_form_a_funnel(demo: Any) -> None:
    store, _, _ = demo
    n = {r["stage"]: r["n"] for r in q(store, "SELECT stage, count(*) n FROM kocs GROUP BY 1")}
    assert n["spotted"] > n["introduced"] > n["experienced"] > n["advocating"] > 0
    assert 0 < n["dormant"] < n["spotted"]


def test_experienced_kocs_attended_an_event(demo: Any) -> None:
    store, _, _ = demo
    missing = scalar(
        store,
        "SELECT count(*) FROM koc_stage_changes c WHERE c.to_stage = 'experienced'"
        " AND NOT EXISTS (SELECT 1 FROM invitations i JOIN events e ON e.id = i.event_id"
        " WHERE i.koc_id = c.koc_id AND i.status = 'attended' AND e.ends_at = c.changed_at)",
    )
    assert missing == 0
    # Nobody attends while only spotted or introduced (attending makes a KOC experienced).
    early = scalar(
        store,
        "SELECT count(*) FROM invitations i JOIN events e ON e.id = i.event_id"
        " JOIN kocs k ON k.id = i.koc_id WHERE i.status = 'attended' AND NOT EXISTS ("
        " SELECT 1 FROM koc_stage_changes c WHERE c.koc_id = k.id"
        " AND c.to_stage = 'experienced' AND c.changed_at <= e.ends_at)",
    )
    assert early == 0


def test_koc_links_consent_and_sources(demo: Any) -> None:
    store, summary, _ = demo
    wrong_owner = scalar(
        store,
        "SELECT count(*) FROM koc_shops ks LEFT JOIN owners o ON o.id = ks.introduced_by_owner_id"
        " WHERE o.shop_id IS NOT ks.shop_id",
    )
    assert wrong_owner == 0
    links = {
        r["n"]: r["c"]
        for r in q(
            store,
            "SELECT n, count(*) c FROM (SELECT koc_id, count(*) n FROM koc_shops GROUP BY 1)"
            " GROUP BY n",
        )
    }
    assert set(links) == {1, 2} and links[1] > 3 * links[2]
    assert scalar(store, "SELECT count(DISTINCT koc_id) FROM koc_shops") == summary.kocs
    introduced = q(
        store, "SELECT consent, consent_at, consent_method FROM kocs WHERE stage != 'spotted'"
    )
    consented = [r for r in introduced if r["consent"] == 1]
    assert len(consented) > 0.7 * len(introduced)
    assert all(r["consent_at"] and r["consent_method"] for r in consented)
    assert scalar(store, "SELECT count(*) FROM kocs WHERE stage = 'spotted' AND consent = 1") == 0
    assert scalar(store, "SELECT count(*) FROM kocs WHERE source_event_id IS NOT NULL") > 0
    assert scalar(store, "SELECT count(*) FROM kocs WHERE source_visit_id IS NOT NULL") > 0
    # A KOC spotted on a visit was spotted at that visit's shop, after check-in.
    assert (
        scalar(
            store,
            "SELECT count(*) FROM kocs k JOIN visits v ON v.id = k.source_visit_id"
            " WHERE k.created_at < v.checkin_at OR NOT EXISTS (SELECT 1 FROM koc_shops ks"
            " WHERE ks.koc_id = k.id AND ks.shop_id = v.shop_id)",
        )
        == 0
    )
    admins = scalar(store, "SELECT count(DISTINCT admin_koc_id) FROM community_groups")
    assert 0.2 * summary.kocs <= admins <= 0.4 * summary.kocs
    assert scalar(store, "SELECT count(DISTINCT kind) FROM community_groups") == 7


# --------------------------------------------------------------------------- events


def test_events_and_invitations(demo: Any) -> None:
    store, _, _ = demo
    now = (TODAY + timedelta(days=1)).isoformat()
    events = q(store, "SELECT * FROM events WHERE kind != 'banquet'")  # banquets: below
    assert any(e["starts_at"] >= TODAY.isoformat() for e in events)  # something upcoming
    kinds = {e["kind"] for e in events}
    assert kinds == {"tasting", "scene"}
    for e in events:
        assert 8 <= e["capacity"] <= 30
        assert e["venue_shop_id"] is not None
        assert e["ends_at"] > e["starts_at"]
        if e["starts_at"] < TODAY.isoformat():
            assert e["status"] in ("done", "cancelled")
        else:
            assert e["status"] in ("planned", "confirmed")
    assert scalar(store, "SELECT count(*) FROM event_products") >= len(events)
    assert (
        scalar(
            store,
            "SELECT count(*) FROM invitations WHERE feedback IS NOT NULL AND status != 'attended'",
        )
        == 0
    )
    assert (
        scalar(
            store, "SELECT count(*) FROM invitations WHERE (koc_id IS NULL) = (owner_id IS NULL)"
        )
        == 0
    )
    statuses = q(
        store,
        "SELECT e.status AS event, i.status AS invitation, count(*) n FROM invitations i"
        " JOIN events e ON e.id = i.event_id GROUP BY 1, 2",
    )
    for r in statuses:
        if r["event"] == "done":
            assert r["invitation"] in ("attended", "no_show")
        else:
            assert r["invitation"] in ("invited", "confirmed")
    assert (
        scalar(
            store,
            "SELECT count(*) FROM invitations WHERE status = 'attended' AND feedback IS NOT NULL",
        )
        > 0
    )
    duplicates = scalar(
        store,
        "SELECT count(*) FROM (SELECT event_id, coalesce(koc_id, owner_id) who, count(*) n"
        " FROM invitations GROUP BY 1, 2 HAVING n > 1)",
    )
    assert duplicates == 0
    assert scalar(store, "SELECT max(created_at) FROM invitations") < now


def test_the_chain_is_visible_some_events_pay_back_some_do_not(demo: Any) -> None:
    from fieldapp.store import loop

    store, _, _ = demo
    banquets = q(store, "SELECT * FROM events WHERE kind = 'banquet'")
    assert banquets
    for b in banquets:
        assert b["banquet_type"] and b["host_koc_id"] and b["supplier_shop_id"]
        assert b["bottles_opened"] + b["bottles_returned"] == b["bottles_supplied"]
    done = q(store, "SELECT * FROM events WHERE status = 'done'")
    assert all(e["cost_products"] is not None and e["table_count"] for e in done)
    paid = [e.revenue_per_yuan for e in loop.event_payback(store.db, window=60)]
    assert any(r and r > 0 for r in paid) and any(r == 0 for r in paid)
    hows = {a.koc_how for a in loop.attributions(store.db)}
    assert {"referrer", None} <= hows
    assert loop.unattributed(store.db)
    assert scalar(store, "SELECT count(*) FROM community_pushes") > 0
    assert (
        scalar(store, "SELECT max(ordered_at) FROM cloud_orders")
        < (TODAY + timedelta(days=1)).isoformat()
    )


# --------------------------------------------------------------------------- corpus


def test_corpus_is_a_real_province_with_enough_counties() -> None:
    assert corpus.PROVINCE == "河南省"
    counties = [c.name for p in corpus.PREFECTURES for c in p.counties]
    assert len(counties) >= 60
    assert {"禹州市", "兰考县", "固始县", "金水区"} <= set(counties)
    surnames = dict(corpus.SURNAMES)
    for s in ("单", "曾", "解", "区", "欧阳"):
        assert s in surnames and surnames[s] < surnames["王"] / 20
    assert set(surnames) <= set(corpus.SURNAME_PINYIN)
    for channel in ("convenience", "tobacco_liquor", "supermarket", "restaurant", "other"):
        assert len(corpus.SHOP_NAME_PATTERNS[channel]) >= 10
    assert all(p.unit in ("瓶", "箱") and p.price > 0 for p in corpus.PRODUCTS)
    assert len({p.code for p in corpus.PRODUCTS}) == len(corpus.PRODUCTS)


# --------------------------------------------------------------------------- plausible day


#: The module's demo has no ``now``: 14:00 Beijing time on TODAY.
NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 6, 0, tzinfo=UTC)
TIME_COLUMNS = ("created_at", "updated_at", "checkin_at", "checkout_at", "reviewed_at")


def test_nothing_happens_after_now_and_one_visit_at_a_time(demo: Any) -> None:
    store, _, _ = demo
    for table in TABLE_ORDER:
        columns = {r["name"] for r in q(store, f"PRAGMA table_info({table})")}
        for column in (c for c in (*TIME_COLUMNS, "decided_at", "changed_at") if c in columns):
            latest = scalar(store, f"SELECT max({column}) FROM {table}")
            assert latest is None or parse(latest) <= NOW, (table, column, latest)
    in_progress = scalar(
        store, "SELECT count(*) FROM visits WHERE checkin_at IS NOT NULL AND checkout_at IS NULL"
    )
    assert in_progress <= 1
    # Today's plan is still to do after now: planned visits without a check-in.
    later = q(
        store,
        "SELECT count(*) AS n FROM visits WHERE planned_date = ? AND checkin_at IS NULL",
        [TODAY.isoformat()],
    )[0]["n"]
    assert later > 0


@pytest.mark.parametrize("hour", [7, 9, 12, 17, 23])
def test_any_now_keeps_one_visit_in_progress_at_most(hour: int) -> None:
    now = datetime(TODAY.year, TODAY.month, TODAY.day, hour, 10, tzinfo=UTC) - timedelta(hours=8)
    rec = RecordingStore()
    generate(rec, scale="rep", seed=SEED, today=TODAY, now=now)
    visits = rec.rows["visits"]
    assert sum(1 for v in visits if v["checkin_at"] and not v["checkout_at"]) <= 1
    for v in visits:
        for column in TIME_COLUMNS:
            if v.get(column):
                assert parse(v[column]) <= now, (column, v)


def test_the_review_queue_is_the_last_two_weeks(demo: Any) -> None:
    store, _, _ = demo
    oldest = scalar(store, "SELECT min(checkin_at) FROM visits WHERE review_status = 'submitted'")
    assert parse(oldest).date() >= TODAY - timedelta(days=14)
    assert scalar(store, "SELECT count(*) FROM visits WHERE review_status = 'submitted'") >= 10


def test_most_returned_visits_were_fixed_and_sent_again(demo: Any) -> None:
    store, _, _ = demo
    week_ago = (TODAY - timedelta(days=7)).isoformat()
    returned = q(
        store,
        "SELECT v.review_status FROM visit_reviews r JOIN visits v ON v.id = r.visit_id"
        " WHERE r.decision = 'returned' AND r.decided_at < ?",
        [week_ago],
    )
    assert len(returned) >= 20
    still = sum(1 for r in returned if r["review_status"] == "returned")
    assert still / len(returned) < 0.3
    # What waits for the rep on Today is recent: none returned more than two weeks ago.
    two_weeks = (TODAY - timedelta(days=14)).isoformat()
    old = "SELECT count(*) FROM visits WHERE review_status = 'returned' AND reviewed_at < ?"
    assert next(iter(q(store, old, [two_weeks])[0].values())) == 0


def test_counties_lie_around_their_targets(demo: Any) -> None:
    store, _, _ = demo
    rows = q(
        store,
        "SELECT c.koc_target, (SELECT count(*) FROM kocs k WHERE k.county_id = c.id"
        " AND k.stage != 'dormant') AS kocs FROM counties c",
    )
    ratios = [r["kocs"] / r["koc_target"] for r in rows if r["kocs"]]
    assert len(ratios) >= 2
    assert min(ratios) < 1 < max(ratios)
    assert all(0.5 <= x <= 1.6 for x in ratios), ratios


def test_events_start_on_the_hour_or_the_half_hour(demo: Any) -> None:
    store, _, _ = demo
    minutes = {parse(r["starts_at"]).minute for r in q(store, "SELECT starts_at FROM events")}
    assert minutes <= {0, 30}


def test_the_rep_is_in_no_shop_during_an_event(demo: Any) -> None:
    """An event's time is clear of the rep's visits that day; from today on, a working
    day's event starts after the day's stops (17:50)."""
    store, _, _ = demo
    clash = q(store, "SELECT e.title, v.checkin_at FROM events e JOIN visits v"
                     " ON v.rep_id = e.rep_id AND v.checkin_at IS NOT NULL"
                     " AND coalesce(v.checkout_at, v.checkin_at) > e.starts_at"
                     " AND v.checkin_at < e.ends_at WHERE e.status != 'cancelled'")  # fmt: skip
    assert clash == []
    for e in q(store, "SELECT starts_at FROM events WHERE starts_at >= ?", [TODAY.isoformat()]):
        start = parse(e["starts_at"]) + timedelta(hours=8)
        if start.isoweekday() != 7:
            assert (start.hour, start.minute) >= (17, 50), e


def test_route_days_hours_and_the_coming_days_plan(demo: Any) -> None:
    """Each shop is on a route day of its county, most have opening hours; the coming
    days' stops are on their shops' route days, in a numbered order (done ones first)."""
    store, _, _ = demo
    shops = q(store, "SELECT id, county_id, route_days, opens_at, closes_at FROM shops")
    assert all(s["route_days"] and len(s["route_days"]) == 1 and s["route_days"] in "123456"
               for s in shops)  # fmt: skip
    hours = [s for s in shops if s["opens_at"]]
    assert 0.5 < len(hours) / len(shops) < 0.9
    assert all(s["opens_at"] < s["closes_at"] for s in hours)
    by_county: dict[str, set[str]] = {}
    for s in shops:
        by_county.setdefault(s["county_id"], set()).add(s["route_days"])
    assert len({d for days in by_county.values() for d in days}) == 6  # Monday to Saturday
    route = {s["id"]: s["route_days"] for s in shops}
    future = q(store, "SELECT shop_id, planned_date FROM visits WHERE planned_date > ?",
               [TODAY.isoformat()])  # fmt: skip
    assert future and all(
        str(date.fromisoformat(v["planned_date"]).isoweekday()) in route[v["shop_id"]]
        for v in future
    )
    days = q(store, "SELECT planned_date, count(*) n, min(plan_seq) lo, max(plan_seq) hi,"
                    " count(DISTINCT plan_seq) k FROM visits WHERE planned_date >= ?"
                    " GROUP BY planned_date", [TODAY.isoformat()])  # fmt: skip
    assert all(d["lo"] == 1 and d["hi"] == d["n"] == d["k"] for d in days)


def _day_loads(visits: list[dict[str, Any]]) -> dict[tuple[str, date], list[dict[str, Any]]]:
    """Each rep's visits by Beijing day: the check-in's day, else the planned day."""
    days: dict[tuple[str, date], list[dict[str, Any]]] = {}
    for v in visits:
        if v["checkin_at"]:
            day = (parse(v["checkin_at"]) + timedelta(hours=8)).date()
        elif v["planned_date"]:
            day = date.fromisoformat(v["planned_date"])
        else:
            continue
        days.setdefault((v["rep_id"], day), []).append(v)
    return days


def _assert_plausible_days(visits: list[dict[str, Any]], reps: set[str], now: datetime) -> None:
    loads = _day_loads(visits)
    first, last = TODAY - timedelta(days=364), TODAY + timedelta(days=14)
    for rep in reps:
        counts: list[int] = []
        for n in range((last - first).days + 1):
            day = first + timedelta(days=n)
            held = loads.get((rep, day), [])
            if day.isoweekday() == 7:
                assert not held, (rep, day)  # Sunday off
                continue
            counts.append(len(held))
            assert 6 <= len(held) <= 12, (rep, day, len(held))
            if day == TODAY:
                under_way = [v for v in held if v["checkin_at"] and not v["checkout_at"]]
                assert len(under_way) <= 1, (rep, under_way)
                assert any(not v["checkin_at"] for v in held)  # the afternoon still to do
                assert any(v["checkin_at"] for v in held)  # the morning done
            for v in held:
                for column in ("checkin_at", "checkout_at"):
                    assert v[column] is None or parse(v[column]) <= now, (rep, v)
            if day > TODAY:
                assert all(v["checkin_at"] is None and v["planned_date"] for v in held)
        # Not one number every day: the days differ as a rep's days do.
        assert len(set(counts)) >= 4, (rep, sorted(set(counts)))


def test_every_working_day_holds_six_to_twelve_visits(demo: Any) -> None:
    """Issue 14: 6-12 visits a rep a day, on every working day of the year, today and
    the two weeks of plan (it was 20-24 on a past day, one day 43); today at most one in
    progress, nothing checked out after now; Sundays off."""
    store, _, _ = demo
    visits = q(store, "SELECT * FROM visits")
    reps = {r["id"] for r in q(store, "SELECT id FROM users WHERE role = 'rep'")}
    _assert_plausible_days(visits, reps, NOW)


def test_every_reps_working_days_hold_six_to_twelve_visits_at_team_scale() -> None:
    """The same for each of a team's 20 reps (the rows as written, no store)."""
    rec = RecordingStore()
    generate(rec, scale="team", seed=SEED, today=TODAY)
    reps = {u["id"] for u in rec.rows["users"] if u["role"] == "rep"}
    assert len(reps) == 20
    _assert_plausible_days(rec.rows["visits"], reps, NOW)


def test_demand_fits_a_reps_days() -> None:
    """The schedule asks what the app's overdue rule asks (A 7, B 14, C 30 days), and a
    rep's shops ask about what a week of 6-12 visits a day holds (not 300 shops)."""
    from fieldapp.demo.generator import (
        CHANNEL_WEIGHTS,
        CHANNELS,
        DAY_CAPACITY,
        TIER_ODDS,
        VISIT_EVERY as EVERY,
    )
    from fieldapp.store.overdue import DEFAULT_OVERDUE_DAYS

    assert {str(t): d for t, d in DEFAULT_OVERDUE_DAYS.items()} == EVERY
    tier_share = [sum(w * TIER_ODDS[ch][i] for ch, w in zip(CHANNELS, CHANNEL_WEIGHTS, strict=True))
                  for i in range(3)]  # fmt: skip
    weekly = SCALES["rep"].shops_per_rep * sum(
        share * 7 / EVERY[t] for share, t in zip(tier_share, "ABC", strict=True)
    )
    low, high, mode = DAY_CAPACITY
    week = 6 * (low + high + mode) / 3
    assert 0.9 * week <= weekly <= 1.15 * week, (weekly, week)


def test_few_shops_are_overdue_today(demo: Any) -> None:
    """Demand fits the days: the Today page's overdue shops are a minority (5-25 %), not
    half the territory (300 shops at 6-12 a day left half overdue)."""
    from fieldapp.kinds import BUSINESS_UTC_OFFSET
    from fieldapp.store.overdue import overdue_shops

    store, _, _ = demo
    report = overdue_shops(store.db, today=TODAY, utc_offset=BUSINESS_UTC_OFFSET)
    assert 0.05 <= report.overdue / report.shops <= 0.25, report


def test_a_days_plan_holds_six_to_twelve_stops(demo: Any) -> None:
    """From today on each day's plan holds 6-12 stops, numbered from 1."""
    store, _, _ = demo
    days = q(store, "SELECT planned_date, count(*) n FROM visits WHERE planned_date >= ?"
                    " GROUP BY planned_date", [TODAY.isoformat()])  # fmt: skip
    assert len(days) == 13  # today and the next two weeks but their two Sundays
    assert all(6 <= d["n"] <= 12 for d in days), days
    # The Plan page reads the same: today's stops, numbered, the ones made first.
    from fieldapp.store import plan

    rep = q(store, "SELECT id FROM users WHERE role = 'rep'")[0]["id"]
    today = plan.day_plan(store, rep, TODAY)
    assert 6 <= len(today.stops) <= 12
    assert [s.seq for s in today.stops] == list(range(1, len(today.stops) + 1))
    made = [bool(s.checkin_at) for s in today.stops]
    assert made == sorted(made, reverse=True) and any(made) and not all(made)


def test_recent_visits_have_shelf_photos_with_exif_and_their_evidence(demo: Any) -> None:
    """Drawn shelf photos with EXIF time and GPS on a share of the last two weeks'
    visits (issue 14), their files in the store's photo folder, hashed; the visits'
    evidence flags as the app keeps them, some flagged (issue 15)."""
    from fieldapp import evidence
    from fieldapp.kinds import evidence_codes

    store, _, _ = demo
    photos = q(store, "SELECT p.*, v.checkin_at, v.checkout_at, s.latitude, s.longitude"
                      " FROM photos p JOIN visits v ON v.id = p.visit_id"
                      " JOIN shops s ON s.id = v.shop_id")  # fmt: skip
    assert photos and all(p["phash"] and p["mime"] == "image/jpeg" for p in photos)
    two_weeks = (TODAY - timedelta(days=15)).isoformat()
    assert all(p["checkin_at"] >= two_weeks for p in photos)
    near = 0
    for p in photos:
        path = store.photos.path_for(p["sha256"], p["mime"])
        assert path.is_file() and path.stat().st_size == p["size"]
        assert (path.stat().st_mode & 0o077) == 0  # the owner's only
        facts = evidence.read_facts(path)
        if p["taken_at"] is None:
            assert facts.taken_at is None
            continue
        assert facts.taken_at == parse(p["taken_at"])
        if facts.latitude is not None and p["latitude"] is not None:
            metres = 111_000 * abs(facts.latitude - p["latitude"])
            near += metres < 50
    assert near >= 0.8 * len(photos)
    flagged = q(store, "SELECT evidence_flags FROM visits WHERE evidence_flags IS NOT NULL")
    codes = {c for r in flagged for c in evidence_codes(r["evidence_flags"])}
    assert {"photo_no_exif", "photo_far"} & codes and len(flagged) < len(photos)
