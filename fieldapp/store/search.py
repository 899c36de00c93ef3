"""Search shops, owners and KOCs by Chinese name, pinyin, initials, phone or shop code.

What matches is ``LIKE`` over the name and the derived ``search_pinyin`` /
``search_initials`` columns (see ``fieldapp.pinyin``), phones by their digits and shop
codes (:func:`match_clause`, which the list views use too), ranked: exact match, then
prefix, then anywhere, then by name and id. :class:`Searcher` finds those rows without
scanning every row (client migrations 0030 and 0032): an FTS5 trigram index proposes
each rank's rows, the live rows in name order (from a name, or from a pinyin's first
letter) serve a text that matches many, and the ``LIKE`` conditions still decide.
Threading: call on the thread that owns the store connection.
"""

from __future__ import annotations

import re
import sqlite3
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


#: Fetch a rank's rows from the search index's candidates when it proposes at most this
#: many; more, and walking the rows in name order finds the first ones sooner.
SPARSE = 1000
#: At most this many trigrams stand for a one- or two-character fragment in the index.
MAX_TERMS = 64
#: Rows walked in name order for a text too short for the index before asking it.
WALK = 2000
#: The index's columns that hold a fragment ("text" or "code") in a row of each rank.
_COLUMNS = {
    "text": ("name pinyin initials phones", "name pinyin initials", "name pinyin initials phones"),
    "code": ("code", "", "code"),
}
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_TABLE = re.compile(r"FROM (\w+) AS (\w+)")


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class Match:
    """A WHERE condition and a rank expression (0 best), each with its parameters."""

    cond: str
    cond_params: list[Any]
    rank: str
    rank_params: list[Any]
    #: Every match holds one of these in the search index (client migration 0030): the
    #: normalised text in a name, pinyin, initials or phone ("text"), or the text as
    #: typed in a shop code ("code").
    fragments: tuple[tuple[str, Literal["text", "code"]], ...] = ()
    #: Set when a prefix match (rank 1) is exactly a name starting with this text
    #: (Chinese with no letter that ``LIKE`` folds): the names in order from it.
    name_prefix: str | None = None
    #: Set when every prefix match (rank 1) has a pinyin that starts with this letter
    #: or digit (a Latin or digit text; a row's pinyin and initials start alike).
    first_letter: str | None = None


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
    fragments: tuple[tuple[str, Literal["text", "code"]], ...] = ((q, "text"),)
    if kind != "chinese" and code is not None:
        fragments += ((text.strip(), "code"),)
    name_prefix = q if kind == "chinese" and q.lower() == q.upper() else None
    first = q[0] if kind != "chinese" and q[0] in _LETTERS else None
    return Match(
        "(" + " OR ".join(conds) + ")", params, rank, rank_params, fragments, name_prefix, first
    )


#: The tables with a search index (client migration 0030): ``{table}_search``.
INDEXED_TABLES: tuple[str, ...] = ("shops", "owners", "kocs")


def trigger_names(table: str) -> tuple[str, str, str]:
    """The triggers that keep ``table``'s search index (client migration 0030)."""
    return (f"{table}_search_insert", f"{table}_search_update", f"{table}_search_delete")


def rebuild(db: Sql, table: str, insert_trigger: str) -> None:
    """Fill ``table``'s search index again from its rows, in one statement, for when the
    rows changed with its triggers set aside (a first pull, ``Replica.pulling``).

    ``insert_trigger`` is the SQL of the table's insert trigger, ``… BEGIN INSERT INTO
    {table}_search(rowid, …) VALUES (new.rowid, …); END``: its own statement, run over
    every row, so the index holds exactly what the triggers would have put there. Call it
    inside a transaction."""
    body = insert_trigger[insert_trigger.index(" BEGIN ") + 7 : insert_trigger.rindex("; END")]
    head, values = body.split(" VALUES (", 1)
    if not head.startswith(f"INSERT INTO {table}_search(") or not values.endswith(")"):
        raise ValueError(f"not a search index trigger of {table}: {insert_trigger!r}")
    had = db.execute(f"SELECT 1 FROM {table}_search LIMIT 1").fetchone() is not None
    db.execute(f"DELETE FROM {table}_search")
    db.execute(f"{head} SELECT {values[:-1].replace('new.', f'{table}.')} FROM {table}")
    if had:
        forget_erased(db, table)  # no old segment keeps a value the rows no longer hold


def forget_erased(db: Sql, table: str) -> None:
    """Merge ``table``'s search index (KOCs, owners) into one segment after a person was
    erased: FTS5 keeps a replaced row's old entries in its older segments (and SQLite
    3.40 has no secure-delete for FTS5) until they merge, and an erased name or number
    must not stay readable in the file's index. Tenths of a second for a team's 30,000
    KOCs; only when an erase changed a row this device had."""
    db.execute(f"INSERT INTO {table}_search({table}_search) VALUES ('optimize')")


#: The shop list's index of short texts (client migration 0033): for every live shop, each
#: distinct fragment of one or two characters its search finds in the shop or its first
#: live owner, with the rank the list gives the shop for it.
SHORT_TABLE = "shops_short"
#: The triggers that keep it (set aside with the others by a first load).
SHORT_TRIGGERS: tuple[str, ...] = (
    "shops_short_insert",
    "shops_short_update",
    "shops_short_delete",
    "owners_short_insert",
    "owners_short_update",
    "owners_short_delete",
)
_CJK = re.compile(
    "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af]"
)
#: SQLite's lower() and LIKE fold ASCII letters only.
_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}
# Per value of a shop line (see _SHORT_ROWS), the kinds of text that search it (0 Han,
# 1 digits, 2 other), whether an equal text ranks 0 and whether a prefix ranks 1.
_SHORT_ROLES: tuple[tuple[frozenset[int], bool, bool], ...] = (
    (frozenset({0}), True, True),  # the shop's name
    (frozenset({0}), True, True),  # the owner's name
    (frozenset({1}), True, False),  # the shop's phone digits
    (frozenset({1}), True, False),  # the owner's mobile digits
    (frozenset({1, 2}), True, False),  # the code (NOCASE)
    (frozenset({1, 2}), True, True),  # the shop's initials
    (frozenset({1, 2}), False, True),  # the shop's pinyin
    (frozenset({2}), True, True),  # the owner's initials
    (frozenset({2}), False, True),  # the owner's pinyin
)
_SHORT_ROWS = (
    "SELECT s.rowid, s.name, o.name, replace(s.phone, '-', ''), replace(o.mobile, '-', ''),"
    " s.code, s.search_initials, s.search_pinyin, o.search_initials, o.search_pinyin"
    " FROM shops AS s LEFT JOIN owners AS o ON o.id = (SELECT o2.id FROM owners AS o2"
    " WHERE o2.shop_id = s.id AND o2.deleted = 0 ORDER BY o2.created_at, o2.id LIMIT 1)"
    " WHERE s.deleted = 0"
)


def _short_kind(fragment: str) -> int:
    """0 Han (``query_kind`` "chinese"), 1 digits, 2 other; -1 never a search text."""
    if " " in fragment or "-" in fragment:
        return -1
    if _CJK.search(fragment):
        return 0
    return 1 if fragment.isascii() and fragment.isdigit() else 2


def short_rows(db: Sql | sqlite3.Connection) -> list[tuple[str, int, int]]:
    """``shops_short``'s rows (frag, rank, shop rowid) computed from the live shops and
    their first live owners: what the triggers of client migration 0033 keep."""
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    kinds: dict[str, int] = {}
    out: list[tuple[str, int, int]] = []
    for shop, *values in conn.execute(_SHORT_ROWS):
        best: dict[str, int] = {}
        for role, value in enumerate(values):
            if not value:
                continue
            allowed, exact, prefix = _SHORT_ROLES[role]
            text = value.translate(_ASCII_LOWER)
            # Digits and the code (NOCASE) equal the text as lowercased; the rest as stored.
            whole = exact and (role in (2, 3, 4) or text == value)
            n = len(text)
            for i in range(n):
                for w in (1, 2):
                    if i + w > n:
                        break
                    fragment = text[i : i + w]
                    kind = kinds.get(fragment)
                    if kind is None:
                        kind = kinds[fragment] = _short_kind(fragment)
                    if kind not in allowed:
                        continue
                    rank = 0 if i == 0 and w == n and whole else 1 if i == 0 and prefix else 2
                    if best.get(fragment, 3) > rank:
                        best[fragment] = rank
        out += [(fragment, rank, shop) for fragment, rank in best.items()]
    return out


def rebuild_short(db: Sql | sqlite3.Connection) -> None:
    """Fill ``shops_short`` again from the shops and owners, for when they changed with
    its triggers set aside (a first load) or when it is first made (client migration
    0033). Its index by shop is built after the rows. Call it inside a transaction."""
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    rows = short_rows(db)  # in shop order: cheaper to insert than sorted first (CPU)
    conn.execute("DROP INDEX IF EXISTS shops_short_shop")
    conn.execute("DELETE FROM shops_short")
    conn.executemany("INSERT INTO shops_short(frag, rank, shop) VALUES (?, ?, ?)", rows)
    conn.execute("CREATE INDEX shops_short_shop ON shops_short(shop)")


def short_key(text: str | None) -> str | None:
    """The ``shops_short`` key that answers the shop list's search for ``text`` exactly
    (every shop that ``match_clause`` of the shop or its first owner takes, with its
    rank): the normalised text when it is one or two characters long and a code would
    be compared with it as typed (Han; or ASCII typed as normalised, but for case);
    else None (the list searches the other way)."""
    from ..pinyin import normalize_query

    if not text:
        return None
    q = normalize_query(text)
    if not 1 <= len(q) <= 2 or _short_kind(q) < 0:
        return None
    raw = text.strip()
    if _short_kind(q) != 0 and not (raw.isascii() and raw.lower() == q):
        return None
    return q


def candidates_query(db: Sql, table: str, match: Match, *, most: int | None = None) -> str | None:
    """The search index's MATCH query for every row of ``table`` that may match
    ``match`` anywhere (a superset of the rows its condition takes); "" when the index
    holds none of its keys (no row matches); None when the index cannot narrow (a key
    of one or two letters that stands for more than ``MAX_TERMS`` trigrams), or when it
    proposes more than ``most`` rows: a list whose other filters already read few rows
    through an index of their own (a rep's shops) reads fewer that way than by rowid."""
    searcher = Searcher(db)
    query = searcher._query(table, match, 2)
    if query and most is not None and not searcher._sparse(table, query, most):
        return None
    return query


def narrowed(match: Match, table: str, alias: str, query: str | None) -> Match:
    """``match`` for a list that needs every matching row (its count, any sort order):
    its condition first keeps the rows of ``table`` (as ``alias``) that the search index
    proposes (``query``, from :func:`candidates_query`), so the ``LIKE`` conditions,
    which still decide, read those rows instead of scanning the table."""
    if query is None:
        return match
    if query == "":
        return Match("0", [], match.rank, match.rank_params, match.fragments)
    return Match(
        f"({alias}.rowid IN (SELECT rowid FROM {table}_search(?)) AND {match.cond})",
        [query, *match.cond_params],
        match.rank,
        match.rank_params,
        match.fragments,
        match.name_prefix,
        match.first_letter,
    )


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
        """The best ``limit`` rows of ``sql`` by (rank, name, id), rank by rank.

        ``sql`` is ``SELECT …, {rank} AS rank FROM <table> AS <alias> … WHERE
        <alias>.deleted = 0 AND {cond}``. Each rank (exact, prefix, anywhere) is fetched
        in name order from the rows the search index proposes for it; the rows found
        anywhere, when the index proposes many, by walking the live rows in name order
        until enough match (such a text matches many rows and finds them soon; one too
        short for the index's trigrams tries the first ``WALK`` rows first). Either way
        the rows are those the LIKE conditions take: the plain query's result.
        """
        table, alias = _TABLE.search(sql).groups()  # type: ignore[union-attr]
        rows: list[dict[str, Any]] = []
        for tier in (0, 1, 2):
            need = limit - len(rows)
            if need <= 0:
                break
            if tier < 2 and f"THEN {tier}" not in match.rank:
                continue  # no row can have this rank
            if tier == 1 and match.name_prefix is not None:
                rows += self._tier(sql, match, table, alias, tier, need, start=match.name_prefix)
                continue
            short = any(len(key) < 3 for key, _ in self._keys(match, tier))
            if tier == 2 and short:
                found = self._tier(sql, match, table, alias, tier, need, walk=WALK)
                if len(found) == need:
                    rows += found
                    continue
            query = self._query(table, match, tier)
            if query == "":
                continue  # the index holds none
            if query is not None and (tier == 0 or self._sparse(table, query)):
                rows += self._tier(sql, match, table, alias, tier, need, index=query)
            elif tier == 1 and match.first_letter is not None:
                rows += self._tier(sql, match, table, alias, tier, need, first=match.first_letter)
            elif tier == 1 and query is not None:
                rows += self._tier(sql, match, table, alias, tier, need, index=query)
            else:
                rows += self._tier(sql, match, table, alias, tier, need)
        return rows

    @staticmethod
    def _keys(match: Match, tier: int) -> list[tuple[str, str]]:
        """(what the index holds, in which columns) for each fragment of ``match`` that
        a row of rank ``tier`` holds: STX text ETX exact, STX text a prefix."""
        keys = []
        for fragment, role in dict.fromkeys(match.fragments):
            columns = _COLUMNS[role][tier]
            if columns:
                key = ("\x02" if tier < 2 else "") + fragment + ("\x03" if tier == 0 else "")
                keys.append((key, columns))
        return keys

    def _query(self, table: str, match: Match, tier: int) -> str | None:
        """The MATCH query for the index's rows that may have rank ``tier``: a key shorter
        than a trigram stands for the index's trigrams that begin with it. "" when the
        index holds none; None when there are too many such trigrams, or a key has a
        letter the index may fold otherwise than ``str.lower``."""
        parts: list[str] = []
        for key, columns in self._keys(match, tier):
            if len(key) >= 3:
                phrases = [_phrase(key)]
            else:
                if any(ch.lower() != ch or (not ch.isascii() and ch.upper() != ch) for ch in key):
                    return None
                terms = [
                    r[0]
                    for r in self._db.execute(
                        f"SELECT term FROM {table}_search_terms"
                        " WHERE term >= ? AND term < ? LIMIT ?",
                        [key, key + "\U0010ffff", MAX_TERMS + 1],
                    )
                ]
                if len(terms) > MAX_TERMS:
                    return None
                phrases = [_phrase(t) for t in terms]
            if phrases:
                parts.append(f"{{{columns}}} : ({' OR '.join(phrases)})")
        return " OR ".join(parts)

    def _tier(
        self,
        sql: str,
        match: Match,
        table: str,
        alias: str,
        tier: int,
        need: int,
        *,
        index: str | None = None,
        walk: int | None = None,
        start: str | None = None,
        first: str | None = None,
    ) -> list[dict[str, Any]]:
        """The first ``need`` rows of rank ``tier`` in name order: among the index's
        candidates for the MATCH query ``index``, among the first ``walk`` live rows in
        name order, among the names that start with ``start``, among the rows whose pinyin
        starts with ``first`` in name order, or (none of them) walking all live rows in
        name order."""
        where = f"{match.cond} AND {match.rank} = {tier}"
        params: list[Any] = [*match.cond_params, *match.rank_params]
        if index is not None:
            where += f" AND {alias}.rowid IN (SELECT rowid FROM {table}_search(?))"
            params.append(index)
            source = f"{table} AS {alias}"
        elif first is not None:
            source = f"{table} AS {alias} INDEXED BY {table}_live_first"
            where += f" AND substr({alias}.search_pinyin, 1, 1) = ?"
            params.append(first)
        else:
            source = f"{table} AS {alias} INDEXED BY {table}_live_name"
            if start is not None:
                where += f" AND {alias}.name >= ? AND {alias}.name < ?"
                params += [start, start + "\U0010ffff"]
            if walk is not None:
                last = self._db.execute(
                    f"SELECT name, id FROM {table} INDEXED BY {table}_live_name"
                    " WHERE deleted = 0 ORDER BY name, id LIMIT 1 OFFSET ?",
                    [walk - 1],
                ).fetchone()
                if last is not None:  # fewer live rows than that: walk them all
                    where += f" AND ({alias}.name, {alias}.id) <= (?, ?)"
                    params += [last[0], last[1]]
        full = sql.replace(f"{table} AS {alias}", source, 1).format(cond=where, rank=match.rank)
        full += f" ORDER BY {alias}.name, {alias}.id LIMIT ?"
        return list(self._db.query(full, [*match.rank_params, *params, need]))

    def _sparse(self, table: str, query: str, most: int | None = None) -> bool:
        """Whether the index proposes at most ``most`` (default ``SPARSE``) rows for the
        MATCH ``query``."""
        most = SPARSE if most is None else most
        n = self._db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table}_search(?) LIMIT ?)",
            [query, most + 1],
        ).fetchone()[0]
        return bool(n <= most)

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
            " WHERE s.deleted = 0 AND {cond}",
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
            " WHERE o.deleted = 0 AND {cond}",
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
            " WHERE k.deleted = 0 AND {cond}",
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
