"""The rules a pushed mutation must pass: field values, references, write access,
team membership and shop codes.

Threading: functions take an ``Engine`` or a ``Connection``; a connection belongs to one
thread.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import values
from fieldapp.kinds import (
    REVIEW_OPEN_FIELDS,
    is_locked,
    lock_binds,
    locked_fields,
    locking_parents,
    paid_agreement_error,
    role_write_error,
    shared_write_error,
)
from sync import protocol as p

from ..db import (
    rows,
)
from . import batch
from .core import Caller, Reject, _dependents, can_see, user_scope_team

#: ``values.datetime_problem``, remembered: a push's mutations mostly carry the same
#: few client times (a pure function of the text).
_datetime_problem = functools.lru_cache(maxsize=4096)(values.datetime_problem)


def check_value(spec: p.FieldSpec, value: Any) -> str | None:
    """The error code for ``value`` in a field of ``spec``, or None when it is fine.

    Text, dates and datetimes follow ``fieldapp.values``, the rules the device's model
    runs too (one definition, both sides)."""
    if value is None:
        return None if spec.nullable else "required"
    kind = spec.kind
    if kind in ("text", "ref", "enum", "date", "datetime") and not isinstance(value, str):
        return "invalid_type"
    if kind in ("text", "ref"):
        bad = values.text_problem(value)  # first: "\x0b" is blank to str.strip()
        if bad is not None:
            return "not_found" if kind == "ref" else bad  # no row id holds one
        if not value.strip():
            return None if spec.nullable else "required"
        if spec.max_length is not None and len(value) > spec.max_length:
            return "too_long"
        if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
            return spec.pattern_error
        return None
    if kind == "enum":
        return None if value in spec.choices else "invalid_choice"
    if kind == "date":
        return values.date_problem(value)
    if kind == "datetime":
        return _datetime_problem(value)
    if kind == "bool":
        return None if isinstance(value, bool) else "invalid_type"
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "not_a_whole_number"
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "not_a_number"
        if isinstance(value, float) and not math.isfinite(value):
            return "not_a_number"
    lo, hi = spec.min_value, spec.max_value
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        return "out_of_range"
    return None


def stored_value(spec: p.FieldSpec, value: Any) -> Any:
    """A valid value in its one stored form: a datetime as UTC to the second."""
    if spec.kind == "datetime" and isinstance(value, str):
        return values.normalize_datetime(value)
    return value


def check_metadata(m: p.MutationIn) -> None:
    """A mutation's own fields follow the same rules as row values: ``row_id`` is text a
    store can keep, ``created_at`` (the row's client time, stored as its ``created_at``/
    ``updated_at``) empty or a valid datetime (``fieldapp.values``)."""
    for name in ("row_id", "mutation_id"):
        code = values.text_problem(getattr(m, name))
        if code is not None:
            raise Reject(code, name)
    if m.created_at:
        code = _datetime_problem(m.created_at)
        if code is not None:
            raise Reject(code, "created_at")


def _lookup(conn: Connection, table: str, row_id: str) -> Any:
    return batch.lookup(conn, table, row_id)  # in a push, from the batch's row cache


def _validate(m: p.MutationIn, spec: dict[str, p.FieldSpec], is_new: bool) -> dict[str, Any]:
    """Check the mutation's metadata, fields and values; the new values by field (in
    their stored form)."""
    check_metadata(m)
    if m.op == "delete":
        extra = set(m.changes) - {"deleted"}
        if extra:
            raise Reject("invalid_format", sorted(extra)[0])
        return {}
    new: dict[str, Any] = {}
    for field, change in m.changes.items():
        if field in p.META_FIELDS:
            raise Reject("read_only", field)
        if field not in spec:
            raise Reject("unknown_field", field)
        code = check_value(spec[field], change.new)
        if code is not None:
            raise Reject(code, field)
        new[field] = stored_value(spec[field], change.new)
    if is_new:
        for field, fs in spec.items():
            if not fs.nullable and new.get(field) is None:
                raise Reject("required", field)
    return new


def _check_refs(
    conn: Connection, caller: Caller, spec: dict[str, p.FieldSpec], new: dict[str, Any]
) -> None:
    """References to rows that exist in the caller's scope (deleted ones too: what a
    reference to a deleted row does is ``integrity.settle_deleted_refs``')."""
    for field, value in new.items():
        target = spec[field].ref
        if target is None or value is None:
            continue
        row = _lookup(conn, target, value)
        if row is None or not can_see(caller, target, row.team_id):
            raise Reject("not_found", field)


def _check_write(caller: Caller, table: str, new: dict[str, Any], current: dict[str, Any]) -> None:
    """Role rules: teams rows only by admins (a supervisor: their team's visit frequency
    per tier), users rows by admins and (their team's
    membership only, see :func:`_check_membership`) supervisors; review fields only by
    supervisors (of the row's team: the row is in their scope) and admins."""
    # A supervisor sets their team's visit frequency per tier (the row is in their scope
    # only when it is their team), nothing else, and never deletes it.
    supervisor_frequency = (
        caller.role == "supervisor" and current and new and set(new) <= p.SUPERVISOR_TEAM_FIELDS
    )
    if table == "teams" and caller.role != "admin" and not supervisor_frequency:
        raise Reject("forbidden")
    if table == "users" and caller.role == "rep":  # supervisors: _check_membership
        raise Reject("forbidden")
    if table in p.ABOUT and current.get("erased_at"):
        # An erased person stays erased: no personal field comes back, ever.
        if "erased_at" in new and not new["erased_at"]:
            raise Reject("erased", "erased_at")
        for field in p.PERSONAL_FIELDS[table]:
            if field in new and new[field] != p.erased_value(table, field):
                raise Reject("erased", field)
    # The review history is the supervisor's record: reps never write it (the team check
    # is the scope's: a supervisor only reaches visits of their team).
    if table == "visit_reviews" and caller.role == "rep":
        raise Reject("forbidden")
    # A team's assortment rules (the SKUs each channel and tier should carry) and the
    # monthly payouts of display agreements are the supervisor's (fieldapp.kinds.
    # SUPERVISOR_ONLY, the device's rule too); a rep changes one shop's list (shop_skus).
    refused = role_write_error(table, caller.role)
    if refused is not None:
        raise Reject(refused)
    # A county's density target is the supervisor's call; a rep may still add a county.
    if (
        table == "counties"
        and caller.role == "rep"
        and current
        and "koc_target" in new
        and new["koc_target"] != current.get("koc_target")
    ):
        raise Reject("forbidden", "koc_target")
    # A submitted visit takes only its review, whoever writes; an approved one is the
    # supervisor's record (``fieldapp.kinds.locked_fields``: the app's rule, same code).
    if current:
        changed = sorted(f for f in new if new[f] != current.get(f))
        if lock_binds(caller.role) and is_locked(table, current):
            review = sorted(set(changed) & REVIEW_OPEN_FIELDS)
            if review:  # reopening or re-reviewing it is the supervisor's
                raise Reject("forbidden", review[0])
        locked = locked_fields(table, current, changed, caller.role)
        if locked:
            raise Reject("not_editable", locked[0])
    if table == "visits" and caller.role == "rep":
        for field in sorted(p.REVIEW_FIELDS):
            if field in new and new[field] != current.get(field):
                raise Reject("forbidden", field)
        status = new.get("review_status")
        if status in p.REVIEW_STATUSES and status != current.get("review_status"):
            raise Reject("forbidden", "review_status")


def _check_membership(
    conn: Connection, caller: Caller, m: p.MutationIn, existing: Any, new: dict[str, Any]
) -> None:
    """Team membership (docs/sync-protocol.md "Team membership"): a supervisor changes
    only ``team_id`` of a live rep's row, only between their own team and none (the
    pool): taking a pool rep in, or releasing one of theirs. Nobody (admins included)
    releases a rep to the pool while rows that would follow them are live: the pool is
    read by no team, so their data would be orphaned (``rep_has_data``)."""
    current: dict[str, Any] = dict(existing.data) if existing is not None else {}
    old_team = current.get("team_id")
    new_team = new.get("team_id", old_team)
    if caller.role != "admin":
        if m.op != "update" or existing is None or existing.deleted:
            raise Reject("forbidden")
        for field in sorted(new):
            if field != "team_id" and new[field] != current.get(field):
                raise Reject("forbidden", field)
        own = caller.team_id
        if (
            current.get("role") != "rep"
            or own is None
            or old_team not in (own, None)
            or new_team not in (own, None)
        ):
            raise Reject("forbidden", "team_id")
    # The account follows a role change between rep and supervisor; admins are made
    # (and unmade) by the CLI only, and a supervisor needs a team.
    old_role, new_role = current.get("role"), new.get("role", current.get("role"))
    if (
        existing is not None
        and new_role != old_role
        and ("admin" in (old_role, new_role) or (new_role == "supervisor" and not new_team))
    ):
        raise Reject("forbidden", "role")
    if (
        existing is not None
        and old_team
        and not new_team
        and m.op != "delete"
        and has_live_data(conn, m.row_id, existing.team_id)
    ):
        raise Reject("rep_has_data", "team_id")


def has_live_data(conn: Connection, user_id: str, team: str | None) -> bool:
    """Whether a live row would follow the user out of ``team`` (their shops, KOCs and
    events, and what hangs off those; deleted ones do not count)."""
    return any(not r.deleted for _, r in _dependents(conn, "users", user_id, team))


def _derive_team(
    conn: Connection,
    caller: Caller,
    table: str,
    row_id: str,
    data: dict[str, Any],
    old_team: str | None,
    exists: bool,
) -> str | None:
    if table in p.SHARED_TABLES:
        return None
    if table == "teams":
        return row_id
    if table == "users":
        return user_scope_team(data)
    spec = p.TABLES[table]
    for field in p.TEAM_FROM.get(table, ()):
        value = data.get(field)
        if value:
            target = spec[field].ref
            assert target is not None
            parent = _lookup(conn, target, value)
            if parent is not None:
                return parent.team_id  # type: ignore[no-any-return]
    return old_team if exists else caller.team_id


def _check_shop_code(conn: Connection, row_id: str, code: str) -> None:
    """Head-office shop codes are unique among live shops, whatever their case or team
    (devices check the same before a write; this decides between devices)."""
    code_col = rows.c.data["code"].as_string()
    clash = conn.execute(
        sa.select(rows.c.row_id)
        .where(
            rows.c.table_name == "shops",
            rows.c.deleted.is_(False),
            rows.c.row_id != row_id,
            sa.func.lower(code_col) == code.lower(),
        )
        .limit(1)
    ).first()
    if clash is not None:
        raise Reject("duplicate", "code")


def _check_conflict_write(m: p.MutationIn) -> None:
    """Devices only settle conflicts: ``update`` of ``resolved``/``resolution``."""
    if m.op != "update":
        raise Reject("forbidden")
    for field in sorted(m.changes):
        if field not in p.CONFLICT_WRITABLE:
            raise Reject("read_only", field)


def check_review_lock(
    conn: Connection, caller: Caller, m: p.MutationIn, existing: Any, new: dict[str, Any]
) -> None:
    """An approved visit is the supervisor's record with its parts (``fieldapp.kinds.
    LOCKED_WHEN``, the device's rule too): a rep neither deletes it nor changes, adds or
    deletes its order lines and photos (``not_editable``)."""
    if not lock_binds(caller.role):
        return
    current: dict[str, Any] = dict(existing.data) if existing is not None else {}
    if m.op == "delete" and existing is not None and is_locked(m.table, current):
        raise Reject("not_editable")
    for parent, field in locking_parents(m.table):
        for parent_id in sorted({str(v) for v in (current.get(field), new.get(field)) if v}):
            row = _lookup(conn, parent, parent_id)
            if row is not None and not row.deleted and is_locked(parent, row.data):
                raise Reject("not_editable", field)


def check_paid_agreement(
    conn: Connection, m: p.MutationIn, existing: Any, new: dict[str, Any]
) -> None:
    """A display agreement with a payout decided is only ended (``fieldapp.kinds.
    paid_agreement_error``, the device's rule too): not deleted (``has_payouts``), its
    other fields and its SKUs not changed (``not_editable``), not ended before its last
    paid month (``before_paid_month``)."""
    if m.table not in ("display_agreements", "display_agreement_skus"):
        return
    current: dict[str, Any] = dict(existing.data) if existing is not None else {}
    if m.table == "display_agreements":
        agreement = m.row_id
        changed = {k: v for k, v in new.items() if current.get(k) != v}
    else:
        agreement = str(new.get("agreement_id") or current.get("agreement_id") or "")
        changed = new
    paid = conn.execute(
        sa.select(rows.c.data["month"].as_string()).where(
            rows.c.table_name == "display_payouts",
            rows.c.deleted.is_(False),
            rows.c.data["agreement_id"].as_string() == agreement,
        )
    ).scalars()
    op = m.op if existing is not None or m.op != "insert" else "insert"
    found = paid_agreement_error(m.table, op, changed, [str(x) for x in paid])
    if found is not None:
        raise Reject(found[1], found[0])


def check_shared_write(caller: Caller, m: p.MutationIn, existing: Any, new: dict[str, Any]) -> None:
    """Shared rows are head office's (``fieldapp.kinds.SHARED_EDITS``, the device's rule
    too): anyone adds one; only admins change or delete one, supervisors set a county's
    target (``forbidden``)."""
    if m.table not in p.SHARED_TABLES:
        return
    if existing is None:  # a price list or promotion is head office's, new ones too
        found = shared_write_error(m.table, caller.role, "insert", list(new))
        if found is not None:
            raise Reject(found[1], found[0])
        return
    current = dict(existing.data)
    changed = [f for f in new if new[f] != current.get(f)]
    op = "update" if m.op == "insert" else m.op  # an insert over an existing row edits it
    error = shared_write_error(m.table, caller.role, op, changed)
    if error is not None:
        raise Reject(error[1], error[0])
