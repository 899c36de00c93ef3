"""Push: each mutation applied at most once per device, merged field by field against
its base version, conflicts recorded for a person.

Threading: functions take an ``Engine`` or a ``Connection``; a connection belongs to one
thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sync import protocol as p

from ..db import (
    conflicts,
    device_state,
    mutation_results,
    rows,
)
from . import batch, integrity
from .core import (
    POOL,
    Caller,
    Reject,
    ServiceError,
    _move_sums,
    _user_scope_changed,
    can_see,
    iso,
    log_change,
    move_dependents,
    personal_key,
)
from .rules import (
    _check_conflict_write,
    _check_membership,
    _check_refs,
    _check_shop_code,
    _check_write,
    _derive_team,
    _lookup,
    _validate,
    check_paid_agreement,
    check_review_lock,
    check_shared_write,
)
from .scopes import (
    begin_plain_reader,
    lock,
    lock_everything,
    lock_key,
    next_seq,
    reserve,
    retry_deadlocks,
    unreserve,
)


def _answer(
    m: p.MutationIn,
    status: str,
    version: int,
    *,
    conflict_ids: list[int] | None = None,
    error: Reject | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "mutation_id": m.mutation_id,
        "seq": m.seq,
        "status": status,
        "version": version,
    }
    if conflict_ids:
        out["conflict_id"] = conflict_ids[0]
        out["conflict_ids"] = conflict_ids
    if error is not None:
        out["error"] = {"code": error.code, "field": error.field}
    return out


#: A push's opening, given the push's connection: its caller (the token checked on that
#: connection) and its request (parsed once the token is known good).
Opening = Callable[[Connection], "tuple[Caller, p.PushRequest]"]


def push(
    engine: Engine,
    caller: Caller | None,
    req: p.PushRequest | None,
    now: float,
    *,
    opening: Opening | None = None,
) -> p.PushResponse:
    """Apply ``req``, pushed by ``caller``. Or, with ``opening`` (the app's way), learn
    both from it: on PostgreSQL in the push's own transaction before any lock is taken
    (one pool checkout and transaction per push instead of two); on SQLite in a reading
    transaction of its own first (a writer's transaction there holds the one writer's
    turn from its start)."""
    known: list[tuple[Caller, p.PushRequest]] = []
    if opening is None:
        assert caller is not None and req is not None
        known.append((caller, req))
    elif engine.dialect.name != "postgresql":
        with begin_plain_reader(engine) as conn:
            known.append(opening(conn))
    if known:
        _check_request(*known[0])

    # One transaction for the whole batch (one commit, one fsync). It holds the caller's
    # own scopes from the start (an admin's: every scope), so the rows it reads cannot
    # move under it (service/scopes.py). A rejected mutation changes nothing and never
    # blocks the others: refused before its first write it needs no savepoint (the
    # batched way, service/batch.py); refused after one, the push starts over with a
    # savepoint per mutation.
    def attempt(batched: bool) -> list[dict[str, Any]]:
        with engine.begin() as conn:
            if not known:  # PostgreSQL: the token read here, before the locks
                assert opening is not None
                known.append(opening(conn))
                _check_request(*known[0])
            who, request = known[0]
            if who.role == "admin":
                lock_everything(conn)
            else:
                lock(conn, home_scopes(who))
            if not batched:
                return [_apply_mutation(conn, who, m, now) for m in request.mutations]
            try:
                return _apply_batch(conn, who, request.mutations, now)
            finally:
                batch.stop(conn)

    def run() -> list[dict[str, Any]]:
        try:
            return attempt(True)
        except batch.NeedsSavepoints:
            return attempt(False)

    results = retry_deadlocks(run)
    return p.PushResponse.model_validate({"results": results})  # one call into pydantic-core


def _check_request(caller: Caller, req: p.PushRequest) -> None:
    if req.device_id != caller.device_id:
        raise ServiceError(403, "device_mismatch", "device_id is not the token's device")
    for i, m in enumerate(req.mutations):  # stored as text columns: PostgreSQL refuses NUL
        for name in ("mutation_id", "created_at"):
            if "\x00" in getattr(m, name):
                raise ServiceError(
                    422, "invalid_request", f"{name} must not contain NUL", f"mutations.{i}.{name}"
                )


def home_scopes(caller: Caller) -> list[str | None]:
    """The scopes a push of ``caller`` writes in besides the shared tables and personal
    keys: their team (or no team), and the pool for a supervisor."""
    return [caller.team_id, POOL] if caller.role == "supervisor" else [caller.team_id]


def _apply_batch(
    conn: Connection, caller: Caller, muts: list[p.MutationIn], now: float
) -> list[dict[str, Any]]:
    """Apply each mutation at most once with its stored answer, without a savepoint per
    mutation: the device's state is read and written once, the answers inserted at
    once, the change log and verify sums written once (service/batch.py)."""
    ds = device_state
    last_seq = conn.execute(
        sa.select(ds.c.last_seq).where(ds.c.device_id == caller.device_id).with_for_update()
    ).scalar()
    if last_seq is None:
        conn.execute(sa.insert(ds).values(device_id=caller.device_id, last_seq=0))
        last_seq = 0
    first_last = last_seq
    retried = sorted({m.seq for m in muts if m.seq <= last_seq})
    stored: dict[int, Any] = {}
    if retried:
        mr = mutation_results
        stored = dict(
            conn.execute(
                sa.select(mr.c.seq, mr.c.answer).where(
                    mr.c.device_id == caller.device_id, mr.c.seq.in_(retried)
                )
            ).all()
        )
    fresh = [m for m in muts if m.seq > last_seq]
    current = batch.start(conn, fresh)
    integrity.prefetch_referrers(conn, fresh)
    reserve(conn, len(fresh))
    answers: list[dict[str, Any]] = []
    written: list[dict[str, Any]] = []
    for m in muts:
        if m.seq <= last_seq:
            old = stored.get(m.seq)
            answers.append(
                dict(old)
                if old is not None
                else _answer(m, "rejected", 0, error=Reject("stale_seq"))
            )
            continue
        current.dirty = False
        try:
            answer = _merge(conn, caller, m, now)
        except Reject as rej:
            if current.dirty:
                raise batch.NeedsSavepoints from rej
            answer = _answer(m, "rejected", 0, error=rej)
        stored[m.seq] = answer
        last_seq = m.seq
        written.append(
            {
                "device_id": caller.device_id,
                "seq": m.seq,
                "mutation_id": m.mutation_id,
                "answer": answer,
            }
        )
        answers.append(answer)
    # PostgreSQL: the writes from here on in one round trip (batch.Sender).
    send = batch.sender(conn)
    current.flush(conn, send=send)
    unreserve(conn)
    batch.insert_many(conn, mutation_results, written, send=send)
    if last_seq != first_last:
        if send is not None:
            send.add(_SET_LAST_SEQ, {"s": last_seq, "d": caller.device_id})
        else:
            conn.execute(
                sa.update(ds).where(ds.c.device_id == caller.device_id).values(last_seq=last_seq)
            )
    if send is not None:
        send.drain()
    return answers


_SET_LAST_SEQ = "UPDATE device_state SET last_seq = %(s)s WHERE device_state.device_id = %(d)s"


def _apply_mutation(
    conn: Connection, caller: Caller, m: p.MutationIn, now: float
) -> dict[str, Any]:
    """Apply one mutation at most once, with its stored answer, in its own savepoint, in
    the push's transaction (which holds the caller's scope locks): the old way, for a
    batch with a mutation refused after it wrote."""
    last_seq = conn.execute(
        sa.select(device_state.c.last_seq)
        .where(device_state.c.device_id == caller.device_id)
        .with_for_update()
    ).scalar()
    if last_seq is None:
        conn.execute(sa.insert(device_state).values(device_id=caller.device_id, last_seq=0))
        last_seq = 0
    if m.seq <= last_seq:
        stored = conn.execute(
            sa.select(mutation_results.c.answer).where(
                mutation_results.c.device_id == caller.device_id,
                mutation_results.c.seq == m.seq,
            )
        ).scalar()
        if stored is not None:
            return dict(stored)
        return _answer(m, "rejected", 0, error=Reject("stale_seq"))
    nested = conn.begin_nested()
    try:
        answer = _merge(conn, caller, m, now)
        nested.commit()
    except Reject as rej:
        nested.rollback()
        answer = _answer(m, "rejected", 0, error=rej)
    conn.execute(
        sa.insert(mutation_results).values(
            device_id=caller.device_id, seq=m.seq, mutation_id=m.mutation_id, answer=answer
        )
    )
    conn.execute(
        sa.update(device_state)
        .where(device_state.c.device_id == caller.device_id)
        .values(last_seq=m.seq)
    )
    return answer


def _merge(conn: Connection, caller: Caller, m: p.MutationIn, now: float) -> dict[str, Any]:
    spec = p.TABLES.get(m.table)
    if spec is None:
        raise Reject("unknown_table")
    if "\x00" in m.row_id:  # PostgreSQL text cannot hold NUL: no such row, ever
        raise Reject("not_found")
    # Scopes beyond the caller's own, held before the row is read (service/scopes.py).
    if m.table in p.SHARED_TABLES:
        lock(conn, [None])
    if m.table == "users":
        lock(conn, [personal_key(m.row_id)])
    existing = _lookup(conn, m.table, m.row_id)
    if existing is not None and not can_see(caller, m.table, existing.team_id):
        raise Reject("not_found")  # same answer as a missing row: scope leaks nothing
    if m.table == "conflicts":
        _check_conflict_write(m)
    if existing is None and m.op != "insert":
        raise Reject("not_found")
    base = m.base_version if m.op != "insert" else 0
    new = _validate(m, spec, is_new=existing is None)
    _check_write(caller, m.table, new, dict(existing.data) if existing is not None else {})
    check_review_lock(conn, caller, m, existing, new)
    check_paid_agreement(conn, m, existing, new)
    check_shared_write(caller, m, existing, new)
    if m.table == "users":
        _check_membership(conn, caller, m, existing, new)
    if m.table == "shops" and new.get("code"):
        lock_key(conn, "shop-code:" + str(new["code"]).lower())  # unique across teams
        _check_shop_code(conn, m.row_id, str(new["code"]))
    if m.op != "delete":
        merged = (dict(existing.data) if existing is not None else {}) | new
        touched = set(spec) if existing is None else set(new)  # a new row: every rule
        broken = p.cross_field_error(m.table, merged, touched)
        if broken is not None:
            raise Reject(broken[1], broken[0])
    _check_refs(conn, caller, spec, new)

    def lookup(table: str, row_id: str) -> Any:
        return _lookup(conn, table, row_id)

    if m.table in p.PERSONAL_FIELDS and m.table not in p.ABOUT and m.op != "delete":
        _clear_erased_notes(m.table, (dict(existing.data) if existing else {}) | new, new, lookup)

    parts_of_deleted: list[str] = []
    restores: list[tuple[str, Any]] = []
    if m.op != "delete" and not (existing is not None and existing.deleted):
        parts_of_deleted, restores = integrity.settle_deleted_refs(conn, m.table, new, lookup)
    author = [caller.user_id, caller.device_id]
    conflict_ids: list[int] = []

    def restored(table: str, row: Any) -> None:
        deleted_by = row.field_versions.get("deleted") or [row.version, None, None]
        conflict_ids.append(
            _row_conflict(
                conn, m, table, row.row_id, row.team_id, "restored", now,
                kept=(False, caller.user_id, caller.device_id, seq),
                lost=(True, *_padded(deleted_by)),
                seq=seq,
            )
        )  # fmt: skip

    if existing is not None and existing.deleted:
        if m.op == "delete":
            return _answer(m, "applied", existing.version)
        if m.table in p.ABOUT and new.get("erased_at") and not existing.data.get("erased_at"):
            return _erase_tombstone(conn, m, caller, existing, new, now)
        ids = [
            _record_conflict(
                conn,
                m,
                caller,
                existing,
                field,
                existing.data.get(field),
                value,
                "edit_delete",
                now,
            )
            for field, value in new.items()
        ]
        return _answer(m, "conflict", existing.version, conflict_ids=ids)

    if existing is None:
        data = {f: new.get(f) for f in spec}
        if m.table in p.ABOUT and data.get("erased_at"):  # made and erased offline
            data |= {f: p.erased_value(m.table, f) for f in p.PERSONAL_FIELDS[m.table]}
        team = _derive_team(conn, caller, m.table, m.row_id, data, None, False)
        if caller.role != "admin" and not can_see(caller, m.table, team):
            raise Reject("not_found")
        seq = next_seq(conn, team, *_scopes_of(restores))
        for target, row in restores:
            integrity.restore(conn, target, row, seq, (caller.user_id, caller.device_id),
                              lookup, restored)  # fmt: skip
        clash = None if parts_of_deleted else integrity.unique_clash(conn, m.table, m.row_id, data)
        batch.insert_row(
            conn,
            table_name=m.table,
            row_id=m.row_id,
            team_id=team,
            data=data,
            version=seq,
            deleted=bool(parts_of_deleted) or clash is not None,
            field_versions={f: [seq, *author] for f in spec},
            created_at=m.created_at or iso(now),
            updated_at=m.created_at or iso(now),
            created_by=caller.user_id,
            updated_by=caller.user_id,
        )
        _move_sums(
            conn, m.table, m.row_id, None,
            (team, seq, bool(parts_of_deleted) or clash is not None, data),
        )  # fmt: skip
        log_change(conn, seq, m.table, m.row_id, team, "upsert")
        if parts_of_deleted:
            # A part of a row someone deleted goes with it: an edit against a delete.
            owner = lookup(spec[parts_of_deleted[0]].ref or "", str(data[parts_of_deleted[0]]))
            deleted_by = owner.field_versions.get("deleted") or [owner.version, None, None]
            conflict_ids.append(
                _row_conflict(
                    conn, m, m.table, m.row_id, team, "edit_delete", now,
                    kept=(True, *_padded(deleted_by)),
                    lost=(False, caller.user_id, caller.device_id, None),
                    seq=seq,
                )
            )  # fmt: skip
        elif clash is not None:
            conflict_ids += _merge_into(conn, m, caller, data, clash[1], now, seq)
        if conflict_ids:
            return _answer(m, "conflict", seq, conflict_ids=conflict_ids)
        return _answer(m, "applied", seq)

    data = dict(existing.data)
    fv = dict(existing.field_versions)  # entries are replaced below, never changed in place
    deleted = m.op == "delete"
    team = existing.team_id
    plan: integrity.DeletePlan | None = None
    if deleted:
        plan = integrity.plan_delete(conn, m.table, m.row_id)
        if plan.blockers:
            # Rows that must refer to it (a teammate's new visit at the shop): the delete
            # is a conflict a person sees; the row stays, and the deleting device gets it
            # back at its next pull (a change-log entry at the conflict's sequence).
            seq = next_seq(conn, existing.team_id)
            cid = _row_conflict(
                conn, m, m.table, m.row_id, existing.team_id, "in_use", now,
                kept=(False, *_padded(existing.field_versions.get("deleted")
                                      or [existing.version, None, None])),
                lost=(True, caller.user_id, caller.device_id, None),
                seq=seq,
            )  # fmt: skip
            log_change(conn, seq, m.table, m.row_id, existing.team_id, "upsert")
            return _answer(m, "conflict", existing.version, conflict_ids=[cid])
    else:
        if parts_of_deleted:
            raise Reject("not_found", parts_of_deleted[0])
        team = _derive_team(conn, caller, m.table, m.row_id, data | new, existing.team_id, True)
        if caller.role != "admin" and not can_see(caller, m.table, team):
            raise Reject("not_found")
        clash = integrity.unique_clash(conn, m.table, m.row_id, data | new)
        if clash is not None and any(new.get(f, data.get(f)) != data.get(f) for f in clash[0]):
            raise Reject("duplicate", clash[0][-1])
    # Every scope this write's sequence lands in, locked before it is drawn (scopes.py).
    personal = [personal_key(m.row_id)] if m.table == "users" else []
    landing = _scopes_of(restores)
    if plan is not None:
        landing += [r.team_id for _, r in plan.parts]
        landing += [r.team_id for r, _ in plan.clears.values()]
    seq = next_seq(conn, existing.team_id, team, *personal, *landing)
    for target, row in restores:
        integrity.restore(conn, target, row, seq, (caller.user_id, caller.device_id),
                          lookup, restored)  # fmt: skip
    for field, value in new.items():
        last = fv.get(field)
        # A device's own earlier write is no race: it made this edit on top of it.
        own = last is not None and len(last) > 2 and last[2] == caller.device_id
        if last is not None and last[0] > base and data.get(field) != value and not own:
            conflict_ids.append(
                _record_conflict(
                    conn,
                    m,
                    caller,
                    existing,
                    field,
                    data.get(field),
                    value,
                    "field",
                    now,
                    seq,
                    last,
                )
            )
        data[field] = value
        fv[field] = [seq, *author]
    if deleted:
        fv["deleted"] = [seq, *author]
    if m.table in p.ABOUT and data.get("erased_at") and not existing.data.get("erased_at"):
        for field in p.PERSONAL_FIELDS[m.table]:
            data[field] = p.erased_value(m.table, field)
            fv[field] = [seq, *author]
        _erase_around(conn, m.row_id, existing.team_id, seq, m.table, existing.data.get("mobile"))
    batch.update_row(
        conn,
        m.table,
        m.row_id,
        data=data,
        field_versions=fv,
        version=seq,
        deleted=deleted,
        team_id=team,
        updated_at=m.created_at or iso(now),
        updated_by=caller.user_id,
    )
    _move_sums(
        conn, m.table, m.row_id,
        (existing.team_id, existing.version, existing.deleted, existing.data),
        (team, seq, deleted, data),
    )  # fmt: skip
    if plan is not None:
        integrity.apply_delete(conn, plan, seq, (caller.user_id, caller.device_id))
    moved: list[tuple[str, str]] = [(m.table, m.row_id)]
    if team != existing.team_id:
        log_change(conn, seq, m.table, m.row_id, existing.team_id, "left")
        move_dependents(conn, m.table, m.row_id, existing.team_id, team, seq, moved)
    if m.table == "users" and not deleted:
        _user_scope_changed(conn, m.row_id, existing.team_id, team, moved, seq, data.get("role"))
    if team != existing.team_id:
        integrity.settle_crossings(conn, moved, seq, (caller.user_id, caller.device_id))
    log_change(conn, seq, m.table, m.row_id, team, "upsert")
    if m.table == "conflicts" and m.row_id.isdigit():
        # Keep the server's own record in step with the synced row.
        conn.execute(
            sa.update(conflicts)
            .where(conflicts.c.id == int(m.row_id))
            .values(resolved=bool(data.get("resolved")))
        )
    if conflict_ids:
        return _answer(m, "conflict", seq, conflict_ids=conflict_ids)
    return _answer(m, "applied", seq)


def _padded(version: list[Any] | None) -> tuple[str | None, str | None, int | None]:
    """(user, device, seq) from a ``field_versions`` entry ``[seq, user, device]``."""
    v = [*(version or []), None, None, None]
    return v[1], v[2], v[0]


def _row_conflict(
    conn: Connection,
    m: p.MutationIn,
    table: str,
    row_id: str,
    team: str | None,
    kind: str,
    now: float,
    *,
    kept: tuple[Any, str | None, str | None, int | None],
    lost: tuple[Any, str | None, str | None, int | None],
    seq: int | None = None,
    field: str = "deleted",
) -> int:
    """Store a conflict about a whole row (field ``deleted``; ``merged``: a field):
    ``kept``/``lost`` are (value, user, device, change sequence) of what holds and what
    did not. Kinds:
    ``in_use`` (a delete refused: rows must refer to it), ``restored`` (a deleted row
    brought back by a row that must refer to it), ``edit_delete`` (a new part of a
    deleted row, stored deleted), ``merged`` (a second row for a pair, stored deleted:
    its value of ``field`` that the first row does not hold)."""
    values = {
        "winning_value": kept[0],
        "losing_value": lost[0],
        "winning_user": kept[1],
        "winning_device": kept[2],
        "winning_seq": kept[3],
        "losing_user": lost[1],
        "losing_device": lost[2],
        "losing_seq": lost[3],
    }
    conflict_id = batch.insert_conflict(
        conn,
        table_name=table,
        row_id=row_id,
        team_id=team,
        field=field,
        kind=kind,
        client_created_at=m.created_at,
        resolved=False,
        **values,
    )
    _publish_conflict(
        conn,
        conflict_id,
        team,
        now,
        {
            "table_name": table,
            "row_id": row_id,
            "field": field,
            "kept_value": _json_text(kept[0]),
            "lost_value": _json_text(lost[0]),
            "kept_by": kept[1],
            "lost_by": lost[1],
            "kept_device": kept[2],
            "lost_device": lost[2],
            "kept_seq": kept[3],
            "lost_seq": lost[3],
            "lost_client_time": m.created_at or None,
            "resolved": False,
            "resolution": None,
        },
        seq,
    )
    return conflict_id


def _scopes_of(restores: list[tuple[str, Any]]) -> list[str | None]:
    """The scopes a write's restores may land in: the restored rows' teams, and the
    shared tables (a restored row's own deleted references come back too)."""
    return [None, *(row.team_id for _, row in restores)] if restores else []


def _merge_into(
    conn: Connection,
    m: p.MutationIn,
    caller: Caller,
    data: dict[str, Any],
    first: Any,
    now: float,
    seq: int,
) -> list[int]:
    """A second live row for a pair (``UNIQUE_TOGETHER``) was stored deleted: its values
    that differ from the first row's are kept as conflicts on the first row, for a
    person to take over."""
    ids = []
    for name in sorted(data):
        if data[name] == first.data.get(name) or data[name] is None:
            continue
        last = first.field_versions.get(name)
        ids.append(
            _row_conflict(
                conn, m, m.table, first.row_id, first.team_id, "merged", now,
                kept=(first.data.get(name), *_padded(last)),
                lost=(data[name], caller.user_id, caller.device_id, seq),
                seq=seq, field=name,
            )
        )  # fmt: skip
    return ids


def _system_update(
    conn: Connection, table: str, row: Any, changes: dict[str, Any], seq: int
) -> None:
    """Change fields of a stored row on the server's behalf at change ``seq`` (new
    version, change-log entry, verify sums), in the caller's transaction."""
    data = dict(row.data) | changes
    fv = {k: list(v) for k, v in row.field_versions.items()} | {
        f: [seq, None, None] for f in changes
    }
    batch.update_row(conn, table, row.row_id, data=data, field_versions=fv, version=seq)
    _move_sums(
        conn, table, row.row_id,
        (row.team_id, row.version, row.deleted, row.data),
        (row.team_id, seq, row.deleted, data),
    )  # fmt: skip
    log_change(conn, seq, table, row.row_id, row.team_id, "upsert")


def _erase_tombstone(
    conn: Connection,
    m: p.MutationIn,
    caller: Caller,
    existing: Any,
    new: dict[str, Any],
    now: float,
) -> dict[str, Any]:
    """An erase reaching a person's row that someone deleted is applied to what head
    office keeps of it: the personal fields of the tombstone, the notes about them and
    the conflicts that kept a personal value go, as for a live row (an edit against the
    delete would keep them). The erase's other fields, if any, are edits against the
    delete, as usual. Found by the chaos run."""
    seq = next_seq(conn, existing.team_id)
    author = [caller.user_id, caller.device_id]
    data = dict(existing.data)
    fv = {k: list(v) for k, v in existing.field_versions.items()}
    erased = {"erased_at": new["erased_at"]}
    erased |= {f: p.erased_value(m.table, f) for f in p.PERSONAL_FIELDS[m.table]}
    for field, value in erased.items():
        data[field] = value
        fv[field] = [seq, *author]
    _erase_around(conn, m.row_id, existing.team_id, seq, m.table, existing.data.get("mobile"))
    batch.update_row(
        conn, m.table, m.row_id, data=data, field_versions=fv, version=seq, deleted=True,
        team_id=existing.team_id, updated_at=m.created_at or iso(now), updated_by=caller.user_id,
    )  # fmt: skip
    _move_sums(
        conn, m.table, m.row_id,
        (existing.team_id, existing.version, True, existing.data),
        (existing.team_id, seq, True, data),
    )  # fmt: skip
    log_change(conn, seq, m.table, m.row_id, existing.team_id, "upsert")
    ids = [
        _record_conflict(
            conn, m, caller, existing, field, existing.data.get(field), value, "edit_delete", now
        )
        for field, value in new.items()
        if field not in erased
    ]
    if ids:
        return _answer(m, "conflict", seq, conflict_ids=ids)
    return _answer(m, "applied", seq)


def _clear_erased_notes(
    table: str, merged: dict[str, Any], new: dict[str, Any], lookup: Any
) -> None:
    """A note about an erased person (written offline, before the device knew) is
    cleared: the link or invitation itself is an anonymous fact and stays."""
    for person, about in p.ABOUT.items():
        field = about.get(table)
        found = lookup(person, merged[field]) if field and merged.get(field) else None
        if found is None or not found.data.get("erased_at"):
            continue
        for name in p.PERSONAL_FIELDS[table]:
            if new.get(name) is not None:
                new[name] = None


def _erase_around(
    conn: Connection,
    koc_id: str,
    team: str | None,
    seq: int,
    person: str = "kocs",
    mobile: Any = None,
) -> None:
    """What else holds an erased person's personal data (a KOC's, an owner's): the notes
    of the rows about them (``ABOUT``: shop links, invitations, community pushes), a
    KOC's cloud-store orders attributed to them by hand or whose buyer reference is their
    number (both cleared, as the device's erase does), and conflicts that kept a
    personal value. All cleared at ``seq``."""
    personal: dict[str, set[str]] = {person: {koc_id}}
    by_koc = rows.c.data["koc_id"].as_string() == koc_id
    theirs = (
        sa.or_(by_koc, rows.c.data["buyer_ref"].as_string() == str(mobile)) if mobile else by_koc
    )
    for row in (
        conn.execute(sa.select(rows).where(rows.c.table_name == "cloud_orders", theirs)).all()
        if person == "kocs"
        else []
    ):
        personal.setdefault("cloud_orders", set()).add(row.row_id)
        cleared = {"buyer_ref": None} if row.data.get("buyer_ref") is not None else {}
        if row.data.get("koc_id") == koc_id:
            cleared["koc_id"] = None
        if cleared:
            _system_update(conn, "cloud_orders", row, cleared, seq)
    for table, field in p.ABOUT[person].items():
        # In every team and tombstones too: after a team move an invitation of the
        # person may stay with an event of their old team.
        q = sa.select(rows).where(
            rows.c.table_name == table, rows.c.data[field].as_string() == koc_id
        )
        for row in conn.execute(q).all():
            personal.setdefault(table, set()).add(row.row_id)
            cleared = {f: None for f in p.PERSONAL_FIELDS[table] if row.data.get(f) is not None}
            if cleared:
                _system_update(conn, table, row, cleared, seq)
    for table, ids in personal.items():
        fields = sorted(p.PERSONAL_FIELDS[table])
        found = conn.execute(
            sa.select(conflicts.c.id).where(
                conflicts.c.table_name == table,
                conflicts.c.row_id.in_(sorted(ids)),
                conflicts.c.field.in_(fields),
            )
        ).all()
        for (conflict_id,) in found:
            conn.execute(
                sa.update(conflicts)
                .where(conflicts.c.id == conflict_id)
                .values(winning_value=None, losing_value=None)
            )
            synced = _lookup(conn, "conflicts", str(conflict_id))
            if synced is not None:
                _system_update(
                    conn, "conflicts", synced, {"kept_value": None, "lost_value": None}, seq
                )


def _record_conflict(
    conn: Connection,
    m: p.MutationIn,
    caller: Caller,
    existing: Any,
    field: str,
    server_value: Any,
    mutation_value: Any,
    kind: str,
    now: float,
    seq: int | None = None,
    last: list[Any] | None = None,
) -> int:
    """Store a lost value. ``field``: the server value is replaced by the mutation's (the
    mutation wins); ``edit_delete``: the row stays deleted and the edit's value is kept."""
    if kind == "field":
        assert last is not None
        values = {
            "winning_value": mutation_value,
            "losing_value": server_value,
            "winning_user": caller.user_id,
            "winning_device": caller.device_id,
            "winning_seq": seq,
            "losing_user": last[1],
            "losing_device": last[2],
            "losing_seq": last[0],
        }
    else:
        deleted_by = existing.field_versions.get("deleted") or [existing.version, None, None]
        values = {
            "winning_value": server_value,
            "losing_value": mutation_value,
            "winning_user": deleted_by[1],
            "winning_device": deleted_by[2],
            "winning_seq": deleted_by[0],
            "losing_user": caller.user_id,
            "losing_device": caller.device_id,
            "losing_seq": None,
        }
    # A personal field of a person already erased: the conflict keeps no value of it,
    # as the erase clears those it finds and every device's scrub does (found by the
    # chaos run: two erases of one owner, the second after a teammate's delete).
    erased = (
        m.table in p.ABOUT
        and field in p.PERSONAL_FIELDS[m.table]
        and bool(existing.data.get("erased_at"))
    )
    if erased:
        values |= {"winning_value": None, "losing_value": None}
    conflict_id = batch.insert_conflict(
        conn,
        table_name=m.table,
        row_id=m.row_id,
        team_id=existing.team_id,
        field=field,
        kind=kind,
        client_created_at=m.created_at,
        resolved=False,
        **values,
    )
    if kind == "field":
        # The losing value's client time is the row's, when its write was the last one.
        lost_time = existing.updated_at if last and last[0] == existing.version else None
    else:
        lost_time = m.created_at or None
    _publish_conflict(
        conn,
        conflict_id,
        existing.team_id,
        now,
        {
            "table_name": m.table,
            "row_id": m.row_id,
            "field": field,
            "kept_value": None if erased else _json_text(values["winning_value"]),
            "lost_value": None if erased else _json_text(values["losing_value"]),
            "kept_by": values["winning_user"],
            "lost_by": values["losing_user"],
            "kept_device": values["winning_device"],
            "lost_device": values["losing_device"],
            "kept_seq": values["winning_seq"],
            "lost_seq": values["losing_seq"],
            "lost_client_time": lost_time,
            "resolved": False,
            "resolution": None,
        },
        seq,
    )
    return conflict_id


def _json_text(value: Any) -> str:
    """A field value as the client's ``conflicts`` table keeps it: JSON text."""
    return json.dumps(value, ensure_ascii=False)


def _publish_conflict(
    conn: Connection,
    conflict_id: int,
    team: str | None,
    now: float,
    data: dict[str, Any],
    seq: int | None,
) -> None:
    """Write a conflict as a synced ``conflicts`` row (id: the conflict's id as text) with
    its change-log entry, in the caller's transaction, so devices pull it like any row.
    ``seq``: the change sequence of the write that replaced the value (None: a new one)."""
    if seq is None:
        seq = next_seq(conn, team)
    row_id = str(conflict_id)
    fields = {f: data.get(f) for f in p.TABLES["conflicts"]}
    stamp = iso(now)
    batch.insert_row(
        conn,
        table_name="conflicts",
        row_id=row_id,
        team_id=team,
        data=fields,
        version=seq,
        deleted=False,
        field_versions={f: [seq, None, None] for f in fields},
        created_at=stamp,
        updated_at=stamp,
    )
    _move_sums(conn, "conflicts", row_id, None, (team, seq, False, fields))
    log_change(conn, seq, "conflicts", row_id, team, "upsert")
