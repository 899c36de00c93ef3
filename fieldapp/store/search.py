"""Search shops, owners and KOCs by Chinese name, pinyin, initials, phone or shop code.

SQLite full-text search does not split Chinese, so this uses ``LIKE`` over the
name and over the derived ``search_pinyin`` / ``search_initials`` columns (see
``fieldapp.pinyin``), ranked: exact match, then prefix, then anywhere.
Threading: call on the thread that owns the store connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .db import Sql

Kind = Literal["shop", "owner", "koc"]
KINDS: tuple[Kind, ...] = ("shop", "owner", "koc")


@dataclass(frozen=True)
class SearchHit:
    """One search result: what it is, its id, a title and a line of context."""

    kind: Kind
    id: str
    title: str
    subtitle: str
    rank: int


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class Match:
    """A WHERE condition and a rank expression (0 best), each with its parameters."""

    cond: str
    cond_params: list[Any]
    rank: str
    rank_params: list[Any]


def match_clause(
    text: str,
    *,
    name: str,
    phones: Sequence[str] = (),
    code: str | None = None,
    pinyin: str = "search_pinyin",
    initials: str = "search_initials",
) -> Match | None:
    """A WHERE condition and a rank expression (0 best) for a search text, with params.

    Returns None for a query with nothing to search for. Column names are given by
    the caller (they may carry a table alias).
    """
    # Imported here: the store imports this module when it opens, and the app's first
    # screen searches nothing (fieldapp.pinyin builds its tables at import).
    from ..pinyin import normalize_query, query_kind

    q = normalize_query(text)
    if not q:
        return None
    kind = query_kind(q)
    like_any = f"%{_escape(q)}%"
    like_prefix = f"{_escape(q)}%"
    conds: list[str] = []
    params: list[Any] = []
    rank_parts: list[str] = []
    rank_params: list[Any] = []
    if kind == "chinese":
        conds.append(f"{name} LIKE ? ESCAPE '\\'")
        params.append(like_any)
        rank_parts += [f"WHEN {name} = ? THEN 0", f"WHEN {name} LIKE ? ESCAPE '\\' THEN 1"]
        rank_params += [q, like_prefix]
    else:
        if kind == "digits":
            for column in phones:
                # Landlines are kept as shown (0371-66001234); match them by digits.
                digits = f"replace({column}, '-', '')"
                conds.append(f"{digits} LIKE ? ESCAPE '\\'")
                params.append(like_any)
                rank_parts.append(f"WHEN {digits} = ? THEN 0")
                rank_params.append(q)
        if code is not None:
            raw = text.strip()
            conds.append(f"{code} LIKE ? ESCAPE '\\'")
            params.append(f"%{_escape(raw)}%")
            rank_parts.append(f"WHEN {code} = ? COLLATE NOCASE THEN 0")
            rank_params.append(raw)
        if kind == "latin" or code is not None:
            conds += [f"{initials} LIKE ? ESCAPE '\\'", f"{pinyin} LIKE ? ESCAPE '\\'"]
            params += [like_any, like_any]
            rank_parts += [
                f"WHEN {initials} = ? THEN 0",
                f"WHEN {initials} LIKE ? ESCAPE '\\' THEN 1",
                f"WHEN {pinyin} LIKE ? ESCAPE '\\' THEN 1",
            ]
            rank_params += [q, like_prefix, like_prefix]
        if not conds:
            return None
    rank = f"(CASE {' '.join(rank_parts)} ELSE 2 END)"
    return Match("(" + " OR ".join(conds) + ")", params, rank, rank_params)


class Searcher:
    """``store.search``: call it for all kinds at once, or use one method per kind."""

    def __init__(self, db: Sql) -> None:
        self._db = db

    def __call__(
        self, text: str, *, kinds: Sequence[Kind] = KINDS, limit: int = 20
    ) -> list[SearchHit]:
        """Best matches of every kind, best first, at most ``limit`` in all."""
        hits: list[SearchHit] = []
        for kind in kinds:
            hits += getattr(self, kind + "s")(text, limit=limit)
        hits.sort(key=lambda h: (h.rank, KINDS.index(h.kind), h.title))
        return hits[:limit]

    def _run(self, sql: str, match: Match, limit: int) -> list[dict[str, Any]]:
        # Each statement names {rank} in its SELECT list before {cond} in its WHERE.
        full = sql.format(cond=match.cond, rank=match.rank)
        return list(self._db.query(full, [*match.rank_params, *match.cond_params, limit]))

    def shops(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        where = match_clause(
            text,
            name="s.name",
            phones=("s.phone",),
            code="s.code",
            pinyin="s.search_pinyin",
            initials="s.search_initials",
        )
        if where is None:
            return []
        rows = self._run(
            "SELECT s.id, s.name, s.code, s.address, {rank} AS rank FROM shops AS s"
            " WHERE s.deleted = 0 AND {cond} ORDER BY rank, s.name LIMIT ?",
            where,
            limit,
        )
        return [
            SearchHit(
                "shop",
                r["id"],
                r["name"],
                " · ".join(x for x in (r["code"], r["address"]) if x),
                r["rank"],
            )
            for r in rows
        ]

    def owners(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        where = match_clause(
            text,
            name="o.name",
            phones=("o.mobile", "o.wechat"),
            pinyin="o.search_pinyin",
            initials="o.search_initials",
        )
        if where is None:
            return []
        rows = self._run(
            "SELECT o.id, o.name, o.mobile, s.name AS shop, {rank} AS rank FROM owners AS o"
            " JOIN shops AS s ON s.id = o.shop_id"
            " WHERE o.deleted = 0 AND {cond} ORDER BY rank, o.name LIMIT ?",
            where,
            limit,
        )
        return [
            SearchHit(
                "owner",
                r["id"],
                r["name"],
                " · ".join(x for x in (r["shop"], r["mobile"]) if x),
                r["rank"],
            )
            for r in rows
        ]

    def kocs(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        where = match_clause(
            text,
            name="k.name",
            phones=("k.mobile", "k.wechat"),
            pinyin="k.search_pinyin",
            initials="k.search_initials",
        )
        if where is None:
            return []
        rows = self._run(
            "SELECT k.id, k.name, k.mobile, c.name AS county, {rank} AS rank FROM kocs AS k"
            " LEFT JOIN counties AS c ON c.id = k.county_id"
            " WHERE k.deleted = 0 AND {cond} ORDER BY rank, k.name LIMIT ?",
            where,
            limit,
        )
        return [
            SearchHit(
                "koc",
                r["id"],
                r["name"],
                " · ".join(x for x in (r["county"], r["mobile"]) if x),
                r["rank"],
            )
            for r in rows
        ]
