"""Read-only queries behind the KOC pages: the filtered, sorted, paged KOC list and one
KOC's detail, shops, community groups, events and stage history.

Every function takes the store's connection (``store.db``) and keyword arguments, leaves
counting, filtering, sorting and paging to SQLite, and returns frozen dataclasses (or
``None`` / an empty list). Filters and sort keys are whitelisted here, so callers never
build SQL. Tombstones never show: a deleted KOC, link, shop, owner, group, event or
invitation is left out.

Rules:

* Search text is matched like ``store.search.kocs``: Chinese name, full pinyin, pinyin
  initials, or digits of a mobile number or WeChat id; see :func:`.search.match_clause`.
* Trait filters are minimums (1..5 per trait, 4..20 for the total); ``None`` is "any".
* ``sort`` is one of :data:`SORT_KEYS`; ties are broken by name (pinyin) and id, so
  paging with ``limit``/``offset`` is stable. With a search text and no sort key the
  best matches come first.

Threading: these functions run SQL on ``db``'s connection; call them on the thread that
owns that connection (the UI thread for ``ctx.store.db``, or a worker with its own
``Store``). The returned rows are immutable and safe to hand to another thread.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..model import (
    FUNNEL_STAGES,
    EventKind,
    EventStatus,
    GroupKind,
    InvitationStatus,
    Koc,
    KocStage,
)
from .db import Sql
from .search import SPARSE, Match, candidates_query, match_clause, narrowed

__all__ = [
    "SORT_KEYS",
    "GroupRow",
    "KocDetail",
    "KocEventRow",
    "KocRow",
    "KocShopRow",
    "StageChangeRow",
    "koc_count",
    "koc_detail",
    "koc_events",
    "koc_groups",
    "koc_history",
    "koc_rows",
    "koc_shops",
]

_TOTAL = "(k.trait_acquaintances + k.trait_trying + k.trait_sharing + k.trait_expertise)"
#: Funnel order, dormant after advocating, a stage this version does not know last.
_STAGE_ORDER = (
    "(CASE k.stage "
    + " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(FUNNEL_STAGES))
    + f" WHEN '{KocStage.DORMANT.value}' THEN {len(FUNNEL_STAGES)} ELSE 99 END)"
)
# A shop's delete tombstones its KOC links (``Shop.owns``), so a live link is to a live
# shop; counting links alone keeps the count cheap enough to sort 30,000 KOCs by it.
_SHOPS = "(SELECT count(*) FROM koc_shops ks WHERE ks.koc_id = k.id AND ks.deleted = 0)"
_GROUPS = "(SELECT count(*) FROM community_groups g WHERE g.admin_koc_id = k.id AND g.deleted = 0)"

#: Sort key -> SQL expression (the only ORDER BY terms a caller can ask for).
SORT_KEYS: dict[str, str] = {
    "name": "k.search_pinyin",
    "county": "c.name",
    "stage": _STAGE_ORDER,
    "acquaintances": "k.trait_acquaintances",
    "trying": "k.trait_trying",
    "sharing": "k.trait_sharing",
    "expertise": "k.trait_expertise",
    "total": _TOTAL,
    "consent": "k.consent",
    "shops": _SHOPS,
    "groups": _GROUPS,
}

_TRAIT_MINIMUMS = {
    "min_acquaintances": "k.trait_acquaintances",
    "min_trying": "k.trait_trying",
    "min_sharing": "k.trait_sharing",
    "min_expertise": "k.trait_expertise",
}


def _enum(kind: type[Any], value: Any) -> Any:
    """The enum member for a stored value; the raw text when this version does not know it."""
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        return value


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _date(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text[:10])


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class KocRow:
    """One line of the KOC list."""

    id: str
    name: str
    county_id: str
    county: str | None
    stage: KocStage | str
    trait_acquaintances: int
    trait_trying: int
    trait_sharing: int
    trait_expertise: int
    #: Sum of the four traits (4..20).
    total: int
    consent: bool
    #: Live links to shops (a deleted shop takes its links with it).
    shops: int
    #: Live community groups the KOC runs (is admin of).
    groups: int


@dataclass(frozen=True)
class KocDetail:
    """A KOC with the names of what it refers to."""

    koc: Koc
    county: str | None
    rep: str | None
    #: The shop of the visit where the KOC was found (``koc.source_visit_id``), if any.
    source_shop_id: str | None
    source_shop: str | None
    #: Planned date (else check-in date, UTC) of that visit.
    source_visit_date: date | None
    #: The event where the KOC was found (``koc.source_event_id``), if any.
    source_event_id: str | None
    source_event: str | None


@dataclass(frozen=True)
class KocShopRow:
    """A KOC's link to a shop, with who introduced them and when."""

    #: The ``koc_shops`` row id.
    id: str
    shop_id: str
    shop: str
    shop_code: str | None
    introduced_by_owner_id: str | None
    #: The introducing owner's name; None when not recorded (or the owner was deleted).
    introduced_by: str | None
    introduced_at: date | None
    note: str | None


@dataclass(frozen=True)
class GroupRow:
    """A community group the KOC runs."""

    id: str
    kind: GroupKind | str
    name: str
    size: int | None
    notes: str | None


@dataclass(frozen=True)
class KocEventRow:
    """An event the KOC was invited to, with the invitation's outcome."""

    invitation_id: str
    event_id: str
    title: str
    kind: EventKind | str
    event_status: EventStatus | str
    starts_at: datetime | None
    status: InvitationStatus | str
    #: 1..5, only for attended invitations.
    feedback: int | None
    note: str | None


@dataclass(frozen=True)
class StageChangeRow:
    """One entry of the stage history (``from_stage`` None: the KOC was created)."""

    id: str
    from_stage: KocStage | str | None
    to_stage: KocStage | str
    changed_at: datetime | None


# --------------------------------------------------------------------------- the list


def list_match(text: str) -> Match | None:
    """What the KOC list compares a search text with (name, mobile, WeChat, pinyin,
    initials; alias ``k``), or None when there is nothing to search for: one definition
    for ``koc_rows`` and ``views_kocs_first``'s walks."""
    return match_clause(
        text,
        name="k.name",
        phones=("k.mobile", "k.wechat"),
        pinyin="k.search_pinyin",
        initials="k.search_initials",
    )


def _where(
    db: Sql,
    *,
    search: str | None,
    county_id: str | None,
    stage: KocStage | str | None,
    consent: bool | None,
    rep_id: str | None,
    min_total: int | None,
    minimums: dict[str, int | None],
) -> tuple[str, list[Any], str | None, list[Any]]:
    """WHERE text and params, plus the search rank expression and its params (or None)."""
    where = ["k.deleted = 0"]
    params: list[Any] = []
    rank: str | None = None
    rank_params: list[Any] = []
    if search:
        match = list_match(search)
        if match is None:
            # Only punctuation or spaces: nothing can match what the user typed.
            if search.strip():
                where.append("0")
        else:
            # Only the KOCs the search index proposes are read (the LIKE conditions decide).
            # (A rep's or a county's KOCs are read through their own index: the search
            # index narrows them further only when it proposes few rows.)
            most = SPARSE if rep_id is not None or county_id is not None else None
            match = narrowed(match, "kocs", "k", candidates_query(db, "kocs", match, most=most))
            where.append(match.cond)
            params += match.cond_params
            rank, rank_params = match.rank, match.rank_params
    if county_id is not None:
        where.append("k.county_id = ?")
        params.append(county_id)
    if stage is not None:
        where.append("k.stage = ?")
        params.append(str(KocStage(stage).value))
    if consent is not None:
        where.append("k.consent = ?")
        params.append(1 if consent else 0)
    if rep_id is not None:
        where.append("k.rep_id = ?")
        params.append(rep_id)
    for key, column in _TRAIT_MINIMUMS.items():
        value = minimums.get(key)
        if value is not None:
            where.append(f"{column} >= ?")
            params.append(int(value))
    if min_total is not None:
        where.append(f"{_TOTAL} >= ?")
        params.append(int(min_total))
    return " AND ".join(where), params, rank, rank_params


def koc_rows(
    db: Sql,
    *,
    search: str | None = None,
    county_id: str | None = None,
    stage: KocStage | str | None = None,
    consent: bool | None = None,
    rep_id: str | None = None,
    min_acquaintances: int | None = None,
    min_trying: int | None = None,
    min_sharing: int | None = None,
    min_expertise: int | None = None,
    min_total: int | None = None,
    sort: str | None = None,
    descending: bool = False,
    limit: int | None = 200,
    offset: int = 0,
) -> list[KocRow]:
    """One page of live KOCs matching every filter given, sorted by ``sort``.

    Raises ``ValueError`` for a sort key not in :data:`SORT_KEYS`.
    """
    if sort is not None and sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    cond, params, rank, rank_params = _where(
        db,
        search=search,
        county_id=county_id,
        stage=stage,
        consent=consent,
        rep_id=rep_id,
        min_total=min_total,
        minimums={
            "min_acquaintances": min_acquaintances,
            "min_trying": min_trying,
            "min_sharing": min_sharing,
            "min_expertise": min_expertise,
        },
    )
    direction = " DESC" if descending else ""
    order: list[str] = []
    order_params: list[Any] = []
    if sort is not None:
        order.append(SORT_KEYS[sort] + direction)
    elif rank is not None:
        order.append(rank)
        order_params = rank_params
    # Ties by name (pinyin, then characters) and id keep paging stable.
    if sort == "name":
        order += ["k.name" + direction, "k.id"]
    else:
        order += ["k.search_pinyin", "k.name", "k.id"]
    # The page is chosen first from plain columns; the per-row counts are then computed
    # for its rows only (SQLite would evaluate them for every row skipped by OFFSET).
    page_sql = f"""
        SELECT k.id
        FROM kocs k LEFT JOIN counties c ON c.id = k.county_id
        WHERE {cond}
        ORDER BY {", ".join(order)} LIMIT ? OFFSET ?
    """
    values = [*params, *order_params, -1 if limit is None else limit, offset]
    ids = [r[0] for r in db.execute(page_sql, values).fetchall()]
    return _rows(db, ids)


def _rows(db: Sql, ids: list[str]) -> list[KocRow]:
    """The list's lines of the KOCs ``ids``, in that order."""
    if not ids:
        return []
    sql = f"""
        SELECT k.id, k.name, k.county_id, c.name, k.stage,
               k.trait_acquaintances, k.trait_trying, k.trait_sharing, k.trait_expertise,
               {_TOTAL}, k.consent, {_SHOPS}, {_GROUPS}
        FROM kocs k LEFT JOIN counties c ON c.id = k.county_id
        WHERE k.id IN (SELECT value FROM json_each(?))
    """
    found = {
        r[0]: KocRow(
            id=r[0],
            name=r[1],
            county_id=r[2],
            county=r[3],
            stage=_enum(KocStage, r[4]),
            trait_acquaintances=r[5],
            trait_trying=r[6],
            trait_sharing=r[7],
            trait_expertise=r[8],
            total=r[9],
            consent=bool(r[10]),
            shops=r[11],
            groups=r[12],
        )
        for r in db.execute(sql, [json.dumps(ids)]).fetchall()
    }
    return [found[i] for i in ids if i in found]


def koc_count(
    db: Sql,
    *,
    search: str | None = None,
    county_id: str | None = None,
    stage: KocStage | str | None = None,
    consent: bool | None = None,
    rep_id: str | None = None,
    min_acquaintances: int | None = None,
    min_trying: int | None = None,
    min_sharing: int | None = None,
    min_expertise: int | None = None,
    min_total: int | None = None,
) -> int:
    """How many live KOCs match the filters (the same filters as :func:`koc_rows`)."""
    cond, params, _rank, _rank_params = _where(
        db,
        search=search,
        county_id=county_id,
        stage=stage,
        consent=consent,
        rep_id=rep_id,
        min_total=min_total,
        minimums={
            "min_acquaintances": min_acquaintances,
            "min_trying": min_trying,
            "min_sharing": min_sharing,
            "min_expertise": min_expertise,
        },
    )
    row = db.execute(f"SELECT count(*) FROM kocs k WHERE {cond}", params).fetchone()
    return int(row[0])


# --------------------------------------------------------------------------- one KOC

_KOC_FIELDS: Sequence[str] = tuple(Koc.model_fields)


def koc_detail(db: Sql, *, koc_id: str) -> KocDetail | None:
    """The live KOC with its county, rep and where it was found; None if there is none."""
    columns = ", ".join(f"k.{name}" for name in _KOC_FIELDS)
    sql = f"""
        SELECT {columns}, c.name, u.name,
               s.id, s.name, coalesce(v.planned_date, substr(v.checkin_at, 1, 10)),
               e.id, e.title
        FROM kocs k
        LEFT JOIN counties c ON c.id = k.county_id AND c.deleted = 0
        LEFT JOIN users u ON u.id = k.rep_id AND u.deleted = 0
        LEFT JOIN visits v ON v.id = k.source_visit_id AND v.deleted = 0
        LEFT JOIN shops s ON s.id = v.shop_id AND s.deleted = 0
        LEFT JOIN events e ON e.id = k.source_event_id AND e.deleted = 0
        WHERE k.id = ? AND k.deleted = 0
    """
    row = db.execute(sql, [koc_id]).fetchone()
    if row is None:
        return None
    n = len(_KOC_FIELDS)
    koc = Koc.model_validate(dict(zip(_KOC_FIELDS, row[:n], strict=True)))
    county, rep, shop_id, shop, visit_day, event_id, event = row[n:]
    return KocDetail(
        koc=koc,
        county=county,
        rep=rep,
        source_shop_id=shop_id,
        source_shop=shop,
        source_visit_date=_date(visit_day) if shop_id else None,
        source_event_id=event_id,
        source_event=event,
    )


def koc_shops(db: Sql, *, koc_id: str) -> list[KocShopRow]:
    """The live shops linked to a KOC, oldest introduction first (undated last), then name."""
    sql = """
        SELECT ks.id, s.id, s.name, s.code, ks.introduced_by_owner_id, o.name,
               ks.introduced_at, ks.note
        FROM koc_shops ks
        JOIN shops s ON s.id = ks.shop_id AND s.deleted = 0
        LEFT JOIN owners o ON o.id = ks.introduced_by_owner_id AND o.deleted = 0
        WHERE ks.koc_id = ? AND ks.deleted = 0
        ORDER BY ks.introduced_at IS NULL, ks.introduced_at, s.search_pinyin, s.id
    """
    return [
        KocShopRow(
            id=r[0],
            shop_id=r[1],
            shop=r[2],
            shop_code=r[3],
            introduced_by_owner_id=r[4],
            introduced_by=r[5],
            introduced_at=_date(r[6]),
            note=r[7],
        )
        for r in db.execute(sql, [koc_id]).fetchall()
    ]


def koc_groups(db: Sql, *, koc_id: str) -> list[GroupRow]:
    """The live community groups a KOC runs, largest first (unknown size last), then name."""
    sql = """
        SELECT g.id, g.kind, g.name, g.size, g.notes
        FROM community_groups g
        WHERE g.admin_koc_id = ? AND g.deleted = 0
        ORDER BY g.size IS NULL, g.size DESC, g.name, g.id
    """
    return [
        GroupRow(id=r[0], kind=_enum(GroupKind, r[1]), name=r[2], size=r[3], notes=r[4])
        for r in db.execute(sql, [koc_id]).fetchall()
    ]


def koc_events(db: Sql, *, koc_id: str) -> list[KocEventRow]:
    """The KOC's live invitations to live events, latest event first."""
    sql = """
        SELECT i.id, e.id, e.title, e.kind, e.status, e.starts_at, i.status, i.feedback, i.note
        FROM invitations i
        JOIN events e ON e.id = i.event_id AND e.deleted = 0
        WHERE i.koc_id = ? AND i.deleted = 0
        ORDER BY e.starts_at DESC, e.id
    """
    return [
        KocEventRow(
            invitation_id=r[0],
            event_id=r[1],
            title=r[2],
            kind=_enum(EventKind, r[3]),
            event_status=_enum(EventStatus, r[4]),
            starts_at=_dt(r[5]),
            status=_enum(InvitationStatus, r[6]),
            feedback=r[7],
            note=r[8],
        )
        for r in db.execute(sql, [koc_id]).fetchall()
    ]


def koc_history(db: Sql, *, koc_id: str) -> list[StageChangeRow]:
    """The KOC's stage changes, latest first (ties: the later-written row first)."""
    sql = """
        SELECT id, from_stage, to_stage, changed_at
        FROM koc_stage_changes
        WHERE koc_id = ? AND deleted = 0
        ORDER BY changed_at DESC, rowid DESC
    """
    return [
        StageChangeRow(
            id=r[0],
            from_stage=_enum(KocStage, r[1]),
            to_stage=_enum(KocStage, r[2]),
            changed_at=_dt(r[3]),
        )
        for r in db.execute(sql, [koc_id]).fetchall()
    ]
