"""Head office's reference and uniqueness rules: the same ones the device store applies
(``fieldapp.kinds.OWNS`` and ``UNIQUE_TOGETHER``, one definition for both), judged on
head office's own rows, so that no store ever ends with a dangling reference or two live
rows for one pair (docs/sync-protocol.md "Deletes, references and uniqueness").

- A delete takes the row's parts with it (recursively); a live row that must refer to
  the row or to one of its parts (a required reference) makes the delete a conflict;
  optional references to them are cleared.
- A write that refers to a deleted row: a part of it is stored deleted too; a row that
  must refer to it restores it (and what it in turn must refer to); an optional
  reference to it is cleared.
- A second live row for one pair is merged into the first (stored deleted).

Threading: functions take a ``Connection`` inside the push's transaction (which holds
the change-counter lock); a connection belongs to one thread.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp.kinds import OWNS, UNIQUE_TOGETHER
from sync import protocol as p

from ..db import change_log, rows
from . import batch
from .core import _move_sums, log_change


@functools.cache
def references_to(table: str) -> tuple[tuple[str, str, bool], ...]:
    """(table, field, required) of every reference to ``table`` that is not a part of it
    (as ``fieldapp.store``'s ``references_to``: from the same table specs)."""
    owned = set(OWNS.get(table, ()))
    out = []
    for child, spec in p.TABLES.items():
        for name, fs in spec.items():
            if fs.ref == table and (child, name) not in owned:
                out.append((child, name, not fs.nullable))
    return tuple(out)


def is_part(table: str, field_name: str, target: str) -> bool:
    """Whether ``table`` rows are parts of their ``field_name`` row (of ``target``)."""
    return (table, field_name) in OWNS.get(target, ())


def live_referrers(conn: Connection, table: str, field_name: str, ids: Iterable[str]) -> list[Any]:
    """Live rows of ``table`` whose ``field_name`` is one of ``ids``."""
    wanted = sorted(set(ids))
    found: list[Any] = []
    stmt = _referrers_query(((table, field_name),))
    for start in range(0, len(wanted), 500):
        found += conn.execute(stmt, {"ids0": wanted[start : start + 500]}).all()
    return found


@functools.lru_cache(maxsize=256)
def _referrers_query(asked: tuple[tuple[str, str], ...]) -> Any:
    """The live rows of ``table`` whose ``field`` is one of the ids in parameter
    ``ids{i}``, for each ``(table, field)`` at ``i`` of ``asked``: one statement per
    shape, built once (a push's deletes ask the same few)."""
    conds = [
        sa.and_(
            rows.c.table_name == t,
            rows.c.data[f].as_string().in_(sa.bindparam(f"ids{i}", expanding=True)),
        )
        for i, (t, f) in enumerate(asked)
    ]
    return sa.select(rows).where(rows.c.deleted.is_(False), sa.or_(*conds))


@functools.cache
def referrer_fields(table: str) -> tuple[tuple[str, str], ...]:
    """(table, field) of every part of ``table`` and every reference to it: what a
    delete of a ``table`` row asks first (:func:`plan_delete`)."""
    out = list(OWNS.get(table, ()))
    out += [(c, f) for c, f, _ in references_to(table) if (c, f) not in out]
    return tuple(out)


def prefetch_referrers(conn: Connection, mutations: Iterable[p.MutationIn]) -> None:
    """In a push, before it writes: the live rows that refer to the rows its deletes
    name, in one query for the whole push, kept by the batch (``Batch.referrers``) so
    that :func:`plan_delete` of those rows asks the database nothing more."""
    b = batch.current(conn)
    doomed: dict[str, set[str]] = {}
    for m in mutations:
        if m.op == "delete" and m.table in p.TABLES and "\x00" not in m.row_id:
            doomed.setdefault(m.table, set()).add(m.row_id)
    asked = [
        (t, f, ids) for table, ids in sorted(doomed.items()) for t, f in referrer_fields(table)
    ]
    if b is None or not asked:
        return
    b.remember_referrers(asked, live_referrers_many(conn, asked))


def live_referrers_many(
    conn: Connection, wanted: list[tuple[str, str, set[str]]]
) -> list[list[Any]]:
    """:func:`live_referrers` of each ``(table, field, ids)`` of ``wanted``, in one query
    (a delete asks for several at once: one per part and reference of its table); in a
    push, from what the batch read at its start where it can tell."""
    b = batch.current(conn)
    if b is not None and b.ref_ids:
        known: list[list[Any] | None] = []
        for t, f, ids in wanted:
            rows_ = b.referrers(t, f) if ids and set(ids) <= b.ref_ids.get((t, f), set()) else None
            known.append(
                None
                if rows_ is None
                else [r for r in rows_ if not r.deleted and _as_text(r.data.get(f)) in ids]
            )
        if all(k is not None or not w[2] for k, w in zip(known, wanted, strict=True)):
            return [k or [] for k in known]
        missing = [w for k, w in zip(known, wanted, strict=True) if k is None and w[2]]
        answered = iter(_query_referrers(conn, missing))
        return [
            k if k is not None else (next(answered) if w[2] else [])
            for k, w in zip(known, wanted, strict=True)
        ]
    return _query_referrers(conn, wanted)


def _query_referrers(conn: Connection, wanted: list[tuple[str, str, set[str]]]) -> list[list[Any]]:
    asked = [(t, f, sorted(ids)) for t, f, ids in wanted if ids]
    if sum(len(ids) for _, _, ids in asked) > 500 or len(asked) < 2:
        return [live_referrers(conn, t, f, ids) for t, f, ids in wanted]
    stmt = _referrers_query(tuple((t, f) for t, f, _ in asked))
    found = conn.execute(stmt, {f"ids{i}": ids for i, (_, _, ids) in enumerate(asked)}).all()
    out: list[list[Any]] = []
    for t, f, ids in wanted:
        out.append([r for r in found if r.table_name == t and _as_text(r.data.get(f)) in ids])
    return out


def _as_text(value: Any) -> str | None:
    """A JSON value as ``->>`` gives it (None for JSON null)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


@dataclass
class DeletePlan:
    """What a delete of one row does: ``parts`` deleted with it, ``clears`` (optional
    references to what goes, cleared) and ``blockers`` (rows that must refer to it)."""

    parts: list[tuple[str, Any]] = field(default_factory=list)
    clears: dict[tuple[str, str], tuple[Any, set[str]]] = field(default_factory=dict)
    blockers: list[tuple[str, str, str]] = field(default_factory=list)


def plan_delete(conn: Connection, table: str, row_id: str) -> DeletePlan:
    plan = DeletePlan()
    doomed: set[tuple[str, str]] = {(table, row_id)}
    by_table: dict[str, set[str]] = {table: {row_id}}
    frontier: dict[str, set[str]] = {table: {row_id}}
    while frontier:
        found: dict[str, set[str]] = {}
        asked = [(t, f, ids) for o, ids in sorted(frontier.items()) for t, f in OWNS.get(o, ())]
        for (part_table, _, _), hits in zip(asked, live_referrers_many(conn, asked), strict=True):
            for r in hits:
                if (part_table, r.row_id) in doomed:
                    continue
                doomed.add((part_table, r.row_id))
                plan.parts.append((part_table, r))
                found.setdefault(part_table, set()).add(r.row_id)
                by_table.setdefault(part_table, set()).add(r.row_id)
        frontier = found
    refs = [(c, f, r, ids) for t, ids in sorted(by_table.items()) for c, f, r in references_to(t)]
    hits_of = live_referrers_many(conn, [(c, f, ids) for c, f, _, ids in refs])
    for (child, ref_field, required, _), hits in zip(refs, hits_of, strict=True):
        for r in hits:
            if (child, r.row_id) in doomed:
                continue
            if required:
                plan.blockers.append((child, r.row_id, ref_field))
            else:
                plan.clears.setdefault((child, r.row_id), (r, set()))[1].add(ref_field)
    return plan


def system_write(
    conn: Connection,
    table: str,
    row: Any,
    seq: int,
    *,
    changes: dict[str, Any] | None = None,
    deleted: bool | None = None,
    author: tuple[str | None, str | None] = (None, None),
) -> None:
    """Change a stored row as a consequence of another write, at change ``seq``: new
    version, change-log entry for its team, verify sums moved."""
    data = dict(row.data) | (changes or {})
    fv = {k: list(v) for k, v in row.field_versions.items()}
    for name in changes or {}:
        fv[name] = [seq, *author]
    values: dict[str, Any] = {"data": data, "field_versions": fv, "version": seq}
    if deleted is not None:
        values["deleted"] = deleted
        fv["deleted"] = [seq, *author]
    batch.update_row(conn, table, row.row_id, **values)  # in a push, kept in its batch
    _move_sums(
        conn,
        table,
        row.row_id,
        (row.team_id, row.version, row.deleted, row.data),
        (row.team_id, seq, row.deleted if deleted is None else deleted, data),
    )
    log_change(conn, seq, table, row.row_id, row.team_id, "upsert")


def apply_delete(
    conn: Connection, plan: DeletePlan, seq: int, author: tuple[str | None, str | None]
) -> None:
    """Delete the plan's parts and clear its optional references, at ``seq``."""
    for part_table, r in plan.parts:
        system_write(conn, part_table, r, seq, deleted=True, author=author)
    for (child, _), (r, names) in sorted(plan.clears.items(), key=lambda kv: kv[0]):
        current = batch.lookup(conn, child, r.row_id)  # in a push, from its row cache
        system_write(conn, child, current, seq, changes=dict.fromkeys(names), author=author)


#: ``restored(table, row_id, row)``: records that a deleted row came back (a conflict).
OnRestore = Callable[[str, Any], None]


def settle_deleted_refs(
    conn: Connection,
    table: str,
    new: dict[str, Any],
    lookup: Callable[[str, str], Any],
) -> tuple[list[str], list[tuple[str, Any]]]:
    """For the references a write sets (``new``) to rows that are deleted: the fields
    whose target this row is a part of (the row is then stored deleted), and the
    targets a required reference restores, as ``(table, row)``. Optional references to
    deleted rows are cleared in ``new``. Scope and existence are checked before."""
    spec = p.TABLES[table]
    parts_of_deleted: list[str] = []
    restore: list[tuple[str, Any]] = []
    for name in sorted(new):
        target, value = spec[name].ref, new[name]
        if target is None or value is None:
            continue
        row = lookup(target, value)
        if row is None or not row.deleted:
            continue
        if is_part(table, name, target):
            parts_of_deleted.append(name)
        elif not spec[name].nullable:
            restore.append((target, row))
        else:
            new[name] = None
    return parts_of_deleted, restore


def restore(
    conn: Connection,
    table: str,
    row: Any,
    seq: int,
    author: tuple[str | None, str | None],
    lookup: Callable[[str, str], Any],
    on_restore: OnRestore,
) -> None:
    """Bring a deleted row back at ``seq`` (and, first, the rows it is a part of or must
    refer to, when those are deleted too; its optional references to deleted rows are
    cleared)."""
    spec = p.TABLES[table]
    cleared: dict[str, Any] = {}
    for name, fs in sorted(spec.items()):
        value = row.data.get(name)
        if fs.ref is None or value is None:
            continue
        target = lookup(fs.ref, value)
        if target is None or not target.deleted:
            continue
        if is_part(table, name, fs.ref) or not fs.nullable:
            restore(conn, fs.ref, target, seq, author, lookup, on_restore)
        else:
            cleared[name] = None
    current = lookup(table, row.row_id)
    if current is None or not current.deleted:
        return
    system_write(conn, table, current, seq, changes=cleared, deleted=False, author=author)
    on_restore(table, current)


def unique_clash(
    conn: Connection, table: str, row_id: str, data: dict[str, Any]
) -> tuple[tuple[str, ...], Any] | None:
    """The first ``UNIQUE_TOGETHER`` group of ``table`` that another live row already
    holds with ``data``'s values, with that row; None when there is none."""
    for group in UNIQUE_TOGETHER.get(table, ()):
        values = [data.get(f) for f in group]
        if any(v is None for v in values):
            continue
        conds = [rows.c.data[f].as_string() == str(v) for f, v in zip(group, values, strict=True)]
        other = conn.execute(
            sa.select(rows)
            .where(
                rows.c.table_name == table,
                rows.c.deleted.is_(False),
                rows.c.row_id != row_id,
                *conds,
            )
            .order_by(rows.c.version)
            .limit(1)
        ).first()
        if other is not None:
            return group, other
    return None


# --------------------------------------------------------------------------- team moves

#: Reference fields that name a person (a ``users`` row).
USER_REFS: tuple[tuple[str, str], ...] = tuple(
    (table, name)
    for table, spec in p.TABLES.items()
    for name, fs in spec.items()
    if fs.ref == "users"
)


def _team_of(row: Any) -> str | None:
    return row.team_id  # type: ignore[no-any-return]


def settle_crossings(
    conn: Connection,
    moved: list[tuple[str, str]],
    seq: int,
    author: tuple[str | None, str | None] = (None, None),
) -> None:
    """After rows changed team at ``seq`` (``moved``: their keys), settle every reference
    that now crosses from one team's scope into another's, so that no scope holds a
    dangling reference (docs/sync-protocol.md "Team moves and references"):

    - a part of a row of another team now (a KOC's link to a shop that stayed, an
      invitation of a KOC who left to an event that stayed) is deleted: it cannot be
      whole in either team;
    - an optional reference to a row of another team (an event's venue shop, a KOC's
      source visit) is cleared;
    - a reference to a person of another team (a visit's rep who moved away, the
      supervisor who reviewed a visit that moved) stays: that team's devices keep a
      minimal row of the person (:func:`log_person_left`).

    Runs after the personal change-log entries of a moved user are written, so that a
    person entry comes after a plain ``left`` of the same row at the same sequence.
    """
    keys = set(moved)
    if not keys:
        return

    def lookup(table: str, row_id: str) -> Any:
        return conn.execute(
            sa.select(rows).where(rows.c.table_name == table, rows.c.row_id == row_id)
        ).first()

    # Pairs (referring row, field, referred row) where one side moved.
    pairs: list[tuple[str, Any, str, str, Any]] = []
    by_table: dict[str, set[str]] = {}
    for table, row_id in keys:
        by_table.setdefault(table, set()).add(row_id)
    for table, row_id in sorted(keys):
        row = lookup(table, row_id)
        if row is None or row.deleted or table not in p.TABLES:
            continue
        for name, fs in p.TABLES[table].items():
            value = row.data.get(name)
            if fs.ref is None or value is None or fs.ref in p.SHARED_TABLES:
                continue
            target = lookup(fs.ref, str(value))
            if target is not None:
                pairs.append((table, row, name, fs.ref, target))
    for target_table, ids in sorted(by_table.items()):
        if target_table in p.SHARED_TABLES:
            continue
        targets = {i: lookup(target_table, i) for i in ids}
        for child, spec in p.TABLES.items():
            for name, fs in spec.items():
                if fs.ref != target_table:
                    continue
                for r in live_referrers(conn, child, name, ids):
                    if (child, r.row_id) not in keys:
                        pairs.append((child, r, name, target_table, targets[r.data[name]]))
    people: dict[str, set[str]] = {}
    done: set[tuple[str, str]] = set()
    for table, row, name, target_table, target in pairs:
        key = (table, row.row_id)
        current = lookup(table, row.row_id)
        if key in done or current is None or current.deleted:
            continue
        if target_table == "users":
            scope = _team_of(current)
            if scope is not None and scope != _team_of(target):
                people.setdefault(str(target.row_id), set()).add(scope)
            continue
        if target_table == "teams" or _team_of(current) == _team_of(target):
            continue
        if is_part(table, name, target_table):
            plan = plan_delete(conn, table, row.row_id)
            system_write(conn, table, current, seq, deleted=True, author=author)
            apply_delete(conn, plan, seq, author)
            done.add(key)
        elif p.TABLES[table][name].nullable:
            system_write(conn, table, current, seq, changes={name: None}, author=author)
    for user_id, scopes in sorted(people.items()):
        for scope in sorted(scopes):
            log_person_left(conn, user_id, scope, seq)


#: The change-log op (internal) of a person who left a scope whose rows still name
#: them: served as ``left`` with the person's name and role (``pull._person_left``).
PERSON_LEFT = "person"


def log_person_left(conn: Connection, user_id: str, scope: str, seq: int) -> None:
    """Tell ``scope``'s devices to keep a minimal row of a person (name and role) for the
    references to them that stay: the scope's ``left`` entry of the person becomes a
    :data:`PERSON_LEFT` entry (a scope that holds the person needs none)."""
    found = conn.execute(
        sa.select(change_log.c.op).where(
            change_log.c.table_name == "users",
            change_log.c.row_id == user_id,
            change_log.c.team_id == scope,
        )
    ).scalar()
    if found in (None, "left"):
        log_change(conn, seq, "users", user_id, scope, PERSON_LEFT)
