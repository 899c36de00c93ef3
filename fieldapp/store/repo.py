"""Typed repositories: create, read, update, delete and query one entity.

Every write validates the whole resulting row, checks references and
uniqueness, writes the row and its outbox mutation in one transaction, and
changes nothing when anything fails. Deletes are tombstones (``deleted = 1``);
parts of a row (``Entity.owns``) are deleted with it, rows that must refer to it
block the delete, and optional references to it are cleared.
Threading: a repository belongs to its store's thread.
"""

from __future__ import annotations

import builtins
import hashlib
import mimetypes
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic_core import PydanticUndefined

from ..errors import FieldError, InUse, NotFound, ValidationError
from ..kinds import (
    LOCKED_WHEN,
    SHARED_EDITS,
    SUPERVISOR_ONLY,
    is_locked,
    lock_binds,
    locked_fields,
    locking_parents,
    paid_agreement_error,
    role_write_error,
    shared_write_error,
)
from ..model import (
    ABOUT,
    META_FIELDS,
    PERSONAL_FIELDS,
    UNIQUE_TOGETHER,
    CommunityGroup,
    County,
    Entity,
    Event,
    EventProduct,
    Interaction,
    Invitation,
    InvitationStatus,
    Koc,
    KocShop,
    KocStage,
    KocStageChange,
    OrderLine,
    Owner,
    Photo,
    Product,
    ReviewDecision,
    ReviewStatus,
    Shop,
    Team,
    User,
    Visit,
    VisitReview,
    erased_value,
    format_datetime,
)
from ..validation import validate
from .outbox import Change

if TYPE_CHECKING:
    from . import Store

E = TypeVar("E", bound=Entity)

#: Columns the store derives from others (never in the outbox, never written by callers).
DERIVED: dict[str, tuple[str, ...]] = {
    "shops": ("search_pinyin", "search_initials"),
    "owners": ("search_pinyin", "search_initials"),
    "kocs": ("search_pinyin", "search_initials"),
}


def _required(model: type[Entity], name: str) -> bool:
    return model.model_fields[name].default is PydanticUndefined


def derived_columns(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The derived search columns for a row of ``table`` (empty for other tables)."""
    if table not in DERIVED:
        return {}
    from ..pinyin import search_keys

    full, initials = search_keys(row.get("name") or "", person=table != "shops")
    if table == "shops" and row.get("code"):
        code = str(row["code"]).lower()
        full, initials = f"{full} {code}".strip(), f"{initials} {code}".strip()
    return {"search_pinyin": full, "search_initials": initials}


class Repo(Generic[E]):
    """CRUD for one entity. Get one from the store: ``store.shops``, ``store.kocs`` …"""

    def __init__(self, store: Store, model: type[E]) -> None:
        self._store = store
        self.model = model
        self.table = model.table
        self._fields = tuple(model.model_fields)
        self._data_fields = model.data_fields()
        self._select = ", ".join(self._fields)

    # ------------------------------------------------------------------ reading

    def _from_row(self, row: Mapping[str, Any]) -> E:
        return self.model.model_validate({k: row[k] for k in self._fields})

    def find(self, row_id: str, *, include_deleted: bool = False) -> E | None:
        """The row with this id, or None when there is none (or it is deleted)."""
        sql = f"SELECT {self._select} FROM {self.table} WHERE id = ?"
        if not include_deleted:
            sql += " AND deleted = 0"
        row = next(self._store.db.query(sql, [row_id]), None)
        return None if row is None else self._from_row(row)

    def get(self, row_id: str) -> E:
        """The live row with this id; raises :class:`NotFound`."""
        found = self.find(row_id)
        if found is None:
            raise NotFound(self.table, row_id)
        return found

    def _where(
        self, where: Mapping[str, Any] | None, include_deleted: bool
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = [] if include_deleted else ["deleted = 0"]
        params: list[Any] = []
        for name, value in (where or {}).items():
            if name not in self._fields:
                raise ValidationError.single(name, "unknown_field", entity=self.table)
            if value is None:
                clauses.append(f"{name} IS NULL")
            elif isinstance(value, (list, tuple, set, frozenset)):
                values = [_sql_value(v) for v in value]
                clauses.append(f"{name} IN ({', '.join('?' for _ in values)})" if values else "0")
                params.extend(values)
            else:
                clauses.append(f"{name} = ?")
                params.append(_sql_value(value))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list(
        self,
        *,
        where: Mapping[str, Any] | None = None,
        order_by: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
        include_deleted: bool = False,
    ) -> list[E]:
        """Rows whose fields equal ``where`` (a list value means any of), sorted by a field."""
        clause, params = self._where(where, include_deleted)
        sql = f"SELECT {self._select} FROM {self.table}{clause}"
        order = order_by or "rowid"
        if order != "rowid" and order not in self._fields:
            raise ValidationError.single(order, "unknown_field", entity=self.table)
        sql += f" ORDER BY {order}{' DESC' if descending else ''}, rowid"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        return [self._from_row(r) for r in self._store.db.query(sql, params)]

    def count(
        self, *, where: Mapping[str, Any] | None = None, include_deleted: bool = False
    ) -> int:
        clause, params = self._where(where, include_deleted)
        row = next(self._store.db.query(f"SELECT count(*) AS n FROM {self.table}{clause}", params))
        return int(row["n"])

    # ------------------------------------------------------------------ writing

    def create(self, *, id: str | None = None, **fields: Any) -> E:
        """Validate and insert a row; return it. Raises :class:`ValidationError`."""
        store = self._store
        self._reject_meta(fields)
        now = format_datetime(store.now())
        row_id = id or store.new_id()
        data = {
            **fields,
            "id": row_id,
            "created_at": now,
            "updated_at": now,
            "created_by": store.user_id,
            "updated_by": store.user_id,
            "deleted": False,
            "version": 0,
        }
        entity = validate(self.model, data)
        with store.transaction():
            if self.find(row_id, include_deleted=True) is not None:
                raise ValidationError.single("id", "duplicate", entity=self.table)
            new = entity.data()
            self._check_shared("insert", new)
            self._check_role()
            self._check_paid("insert", new, new | {"id": row_id})
            self._check(entity, new, {})
            self._insert(entity)
            store.outbox.append(
                table=self.table,
                row_id=row_id,
                op="insert",
                changes={k: Change(None, v) for k, v in new.items()},
                base_version=0,
                user_id=store.user_id,
                created_at=now,
            )
            self._after_write(None, entity)
        return entity

    def update(self, row_id: str, **changes: Any) -> E:
        """Change some fields of a live row; return the new row.

        Only fields whose value really changes are written and recorded.
        """
        store = self._store
        self._reject_meta(changes)
        with store.transaction():
            current = self.get(row_id)
            now = format_datetime(store.now())
            merged = {
                **current.model_dump(),
                **changes,
                "updated_at": now,
                "updated_by": store.user_id,
            }
            entity = validate(self.model, merged)
            old, new = current.data(), entity.data()
            diff = {k: Change(old[k], new[k]) for k in self._data_fields if old[k] != new[k]}
            if not diff:
                return current
            self._check_shared("update", diff)
            self._check_role()
            self._check_paid("update", {k: c.new for k, c in diff.items()}, new | {"id": row_id})
            self._check(entity, new, old)
            sets = {k: c.new for k, c in diff.items()}
            sets |= {"updated_at": now, "updated_by": store.user_id}
            sets |= self._derived_if_changed(diff, new)
            assignments = ", ".join(f"{k} = ?" for k in sets)
            store.db.execute(
                f"UPDATE {self.table} SET {assignments} WHERE id = ?", [*sets.values(), row_id]
            )
            store.outbox.append(
                table=self.table,
                row_id=row_id,
                op="update",
                changes=diff,
                base_version=current.version,
                user_id=store.user_id,
                created_at=now,
            )
            self._after_write(current, entity)
        return entity

    def delete(self, row_id: str) -> None:
        """Tombstone a live row, its parts with it; raises :class:`InUse` or :class:`NotFound`."""
        store = self._store
        with store.transaction():
            current = self.get(row_id)
            self._check_shared("delete", ())
            self._check_role()
            data = current.data()
            if not self._as_part:
                self._check_paid("delete", {}, data | {"id": row_id})
            locked = self._lock_binds() and (
                is_locked(self.table, data) or self._locked_errors(data, {})
            )
            if locked:  # an approved visit and its parts stay (head office's rule too)
                raise ValidationError.single(
                    LOCKED_WHEN.get(self.table, ("id",))[0], "not_editable", entity=self.table
                )
            # Parts go first, so that a part's own references are settled before ours.
            for table, field in self.model.owns:
                part_repo = store.repo(table)
                for part_id in store.live_ids(table, field, row_id):
                    part_repo.delete_as_part(part_id)
            for table, field, required in store.references_to(self.table):
                ids = store.live_ids(table, field, row_id)
                if not ids:
                    continue
                if required:
                    raise InUse(self.table, row_id, table, len(ids))
                ref_repo = store.repo(table)
                for ref_id in ids:
                    ref_repo.update(ref_id, **{field: None})
            now = format_datetime(store.now())
            store.db.execute(
                f"UPDATE {self.table} SET deleted = 1, updated_at = ?, updated_by = ? WHERE id = ?",
                [now, store.user_id, row_id],
            )
            store.outbox.append(
                table=self.table,
                row_id=row_id,
                op="delete",
                changes={"deleted": Change(False, True)},
                base_version=current.version,
                user_id=store.user_id,
                created_at=now,
            )

    # ------------------------------------------------------------------ internals

    def _reject_meta(self, fields: Mapping[str, Any]) -> None:
        bad = [k for k in fields if k in META_FIELDS]
        if bad:
            raise ValidationError([FieldError(k, "read_only") for k in bad], entity=self.table)

    def _check(self, entity: E, new: Mapping[str, Any], old: Mapping[str, Any]) -> None:
        """References that exist and uniqueness: the rules that need the database."""
        errors: builtins.list[FieldError] = []
        for name, target in self.model.refs.items():
            value = new.get(name)
            if value is None or value == old.get(name):
                continue
            if not self._store.exists(target, value):
                errors.append(FieldError(name, "not_found"))
        errors += self._unique_errors(entity, new, old)
        errors += self._erased_errors(new)
        errors += self._locked_errors(new, old)
        if errors:
            raise ValidationError(errors, entity=self.table)

    #: True while the row is deleted as a part of another (its owner's delete decides).
    _as_part = False

    def delete_as_part(self, row_id: str) -> None:
        """Delete a part of a row being deleted (``OWNS``)."""
        self._as_part = True
        try:
            self.delete(row_id)
        finally:
            self._as_part = False

    def _check_paid(self, op: str, changed: Mapping[str, Any], row: Mapping[str, Any]) -> None:
        """A display agreement with a payout is only ended (``paid_agreement_error``,
        head office's rule too)."""
        if self.table not in ("display_agreements", "display_agreement_skus"):
            return
        agreement = row.get("id") if self.table == "display_agreements" else row.get("agreement_id")
        months = [
            str(r[0])
            for r in self._store.db.execute(
                "SELECT month FROM display_payouts WHERE agreement_id = ? AND deleted = 0",
                [agreement],
            )
        ]
        found = paid_agreement_error(self.table, op, changed, months)
        if found is not None:
            raise ValidationError.single(found[0], found[1], entity=self.table)

    def _check_role(self) -> None:
        """Rows only a supervisor writes (``SUPERVISOR_ONLY``, head office's rule too)."""
        if self.table not in SUPERVISOR_ONLY:
            return
        actor = self._store.users.actor()
        code = role_write_error(self.table, actor.role.value if actor is not None else None)
        if code is not None:
            raise ValidationError.single("id", code, entity=self.table)

    def _check_shared(self, op: str, changed: Iterable[str]) -> None:
        """Shared rows are head office's (``SHARED_EDITS``, head office's rule too): only
        an admin changes or deletes one; a supervisor sets a county's target."""
        if self.table not in SHARED_EDITS:
            return
        actor = self._store.users.actor()
        role = actor.role.value if actor is not None else None
        error = shared_write_error(self.table, role, op, changed)
        if error is not None:
            raise ValidationError.single(error[0] or "id", error[1], entity=self.table)

    def _locked_errors(
        self, new: Mapping[str, Any], old: Mapping[str, Any]
    ) -> builtins.list[FieldError]:
        """A part of an approved visit (``LOCKED_WHEN``, head office's rule too) is
        neither added, changed nor moved."""
        errors: builtins.list[FieldError] = []
        if not self._lock_binds():
            return errors
        for parent, field in locking_parents(self.table):
            for parent_id in {new.get(field), old.get(field)} - {None}:
                row = self._store.repo(parent).find(str(parent_id))
                if row is not None and is_locked(parent, row.data()):
                    errors.append(FieldError(field, "not_editable"))
                    break
        return errors

    def _lock_binds(self) -> bool:
        """Whether the review lock binds this store's user (``fieldapp.kinds.lock_binds``,
        head office's rule too): not the supervisor whose record it is, nor an admin."""
        actor = self._store.users.actor()
        return lock_binds(actor.role.value if actor is not None else None)

    def _erased_errors(self, new: Mapping[str, Any]) -> builtins.list[FieldError]:
        """A note about an erased person (a shop link's, an invitation's) stays empty
        (head office clears such a note from a device that did not know yet)."""
        if self.table in ABOUT or self.table not in PERSONAL_FIELDS:
            return []
        noted = [f for f in PERSONAL_FIELDS[self.table] if new.get(f) is not None]
        if not noted:
            return []
        for person, about in ABOUT.items():
            field = about.get(self.table)
            if field is None or not new.get(field):
                continue
            erased = next(
                self._store.db.query(
                    f"SELECT 1 FROM {person} WHERE id = ? AND erased_at IS NOT NULL",
                    [new[field]],
                ),
                None,
            )
            if erased:
                return [FieldError(f, "erased") for f in noted]
        return []

    def _unique_errors(
        self, entity: E, new: Mapping[str, Any], old: Mapping[str, Any]
    ) -> builtins.list[FieldError]:
        """``UNIQUE_TOGETHER`` (the rule head office enforces too), judged only when a
        group's values change: a row that already clashes (two devices made the same pair
        offline, before head office merged them) stays editable."""
        errors: builtins.list[FieldError] = []
        for group in UNIQUE_TOGETHER.get(self.table, ()):
            values = [new.get(f) for f in group]
            if any(v is None for v in values) or (old and values == [old.get(f) for f in group]):
                continue
            where = " AND ".join(f"{f} = ?" for f in group)
            clash = next(
                self._store.db.query(
                    f"SELECT 1 FROM {self.table} WHERE {where} AND deleted = 0 AND id != ? LIMIT 1",
                    [*values, entity.id],
                ),
                None,
            )
            if clash:
                errors.append(FieldError(group[-1], "duplicate"))
        return errors

    def _insert(self, entity: E) -> None:
        row = entity.model_dump(mode="json")
        row["deleted"] = int(row["deleted"])
        row |= derived_columns(self.table, row)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self._store.db.execute(
            f"INSERT INTO {self.table} ({cols}) VALUES ({marks})",
            [_sql_value(v) for v in row.values()],
        )

    def _derived_if_changed(
        self, diff: Mapping[str, Change], new: Mapping[str, Any]
    ) -> dict[str, Any]:
        if self.table in DERIVED and ("name" in diff or "code" in diff):
            return derived_columns(self.table, new)
        return {}

    def _after_write(self, before: E | None, after: E) -> None:
        """Hook for domain rules that write more rows in the same transaction."""


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):  # an enum member
        return value.value
    return value


# ---------------------------------------------------------------------- entity rules


class ShopRepo(Repo[Shop]):
    def _unique_errors(
        self, entity: Shop, new: Mapping[str, Any], old: Mapping[str, Any]
    ) -> builtins.list[FieldError]:
        code = new.get("code")
        # Head-office codes are compared without regard to case: HN-001 is hn-001.
        if code is None or code == old.get("code"):
            return []
        clash = next(
            self._store.db.query(
                "SELECT id FROM shops WHERE code = ? COLLATE NOCASE AND deleted = 0 AND id != ?"
                " LIMIT 1",
                [code, entity.id],
            ),
            None,
        )
        return [FieldError("code", "duplicate")] if clash else []


class InteractionRepo(Repo[Interaction]):
    """Interactions with an owner. The level recorded by the latest-dated interaction that
    recorded one is the owner's level: creating, editing (level or date) and deleting an
    interaction recompute it; with no such interaction left the owner keeps their level."""

    def _after_write(self, before: Interaction | None, after: Interaction) -> None:
        if after.level_after is None and (before is None or before.level_after is None):
            return
        if before is not None and (before.level_after, before.date) == (
            after.level_after,
            after.date,
        ):
            return
        self.recompute_level(after.owner_id)

    def delete(self, row_id: str) -> None:
        """Tombstone an interaction; the owner's level follows what is left."""
        with self._store.transaction():
            current = self.get(row_id)
            super().delete(row_id)
            if current.level_after is not None:
                self.recompute_level(current.owner_id)

    def recompute_level(self, owner_id: str) -> None:
        """Set the owner's level to the one of their latest-dated interaction with a level
        (the latest written among those of one day); nothing when none has one."""
        latest = next(
            self._store.db.query(
                "SELECT level_after FROM interactions WHERE owner_id = ? AND deleted = 0"
                " AND level_after IS NOT NULL ORDER BY date DESC, created_at DESC, rowid DESC"
                " LIMIT 1",
                [owner_id],
            ),
            None,
        )
        if latest is None:
            return
        owner = self._store.owners.find(owner_id)
        if owner is not None and owner.level != latest["level_after"]:
            self._store.owners.update(owner_id, level=latest["level_after"])


class KocRepo(Repo[Koc]):
    def _after_write(self, before: Koc | None, after: Koc) -> None:
        if before is None or before.stage != after.stage:
            self._store.koc_stage_changes.create(
                koc_id=after.id,
                from_stage=None if before is None else before.stage,
                to_stage=after.stage,
                changed_at=after.updated_at,
            )

    def set_stage(self, koc_id: str, stage: KocStage | str) -> Koc:
        """Move a KOC to another stage; the stage history records it."""
        return self.update(koc_id, stage=stage)

    def update(self, row_id: str, **changes: Any) -> Koc:
        """As ``Repo.update``; an erased KOC's personal fields stay erased."""
        _refuse_erased_back(self.table, self.get(row_id), changes)
        return super().update(row_id, **changes)

    def erase(self, koc_id: str) -> Koc:
        """ "Erase this person" (PIPL): clear the KOC's personal fields and the notes about
        them on their shop links and invitations, and scrub the values this device still
        keeps in its outbox and conflicts, in one transaction. Synced like any edit; head
        office clears its copies and every device's at their next sync. The anonymous
        facts (county, stage, traits, links, attendance) stay, and so do the counts."""

        def orders(current: Koc) -> None:
            # Their cloud-store orders: a buyer reference that is their number, and an
            # attribution to them by hand (sync/server/service/push.py does the same).
            repo = self._store.repo("cloud_orders")
            for row in self._store.db.query(
                "SELECT id, koc_id FROM cloud_orders WHERE deleted = 0"
                " AND (koc_id = ? OR (buyer_ref IS NOT NULL AND buyer_ref = ?))",
                [koc_id, current.mobile or ""],
            ):
                change: dict[str, Any] = {"buyer_ref": None}
                if row["koc_id"] == koc_id:
                    change["koc_id"] = None
                repo.update(row["id"], **change)

        return _erase_person(self, koc_id, orders)


P = TypeVar("P", Koc, Owner)


class OwnerRepo(Repo[Owner]):
    """Shop owners: people too, erased as a KOC is (PIPL)."""

    def update(self, row_id: str, **changes: Any) -> Owner:
        """As ``Repo.update``; an erased owner's personal fields stay erased."""
        _refuse_erased_back(self.table, self.get(row_id), changes)
        return super().update(row_id, **changes)

    def erase(self, owner_id: str) -> Owner:
        """ "Erase this person" (PIPL) for a shop owner: clear their name (``—``), mobile,
        WeChat and birthday and the notes of their invitations, and scrub the values this
        device still keeps in its outbox and conflicts, in one transaction; synced like
        any edit, exactly as ``store.kocs.erase``. The shop, the owner's level and the
        interaction log stay."""
        return _erase_person(self, owner_id)


def _refuse_erased_back(table: str, current: Entity, changes: Mapping[str, Any]) -> None:
    """An erased person's personal fields stay erased, and so does ``erased_at``
    (``erased``; head office's rule too)."""
    if getattr(current, "erased_at", None) is None:
        return
    back = sorted(
        k
        for k, v in changes.items()
        if (k in PERSONAL_FIELDS[table] and v != erased_value(table, k))
        or (k == "erased_at" and v is None)
    )
    if back:
        raise ValidationError([FieldError(k, "erased") for k in back], entity=table)


def _erase_person(repo: Repo[P], person_id: str, also: Callable[[P], None] | None = None) -> P:
    """Clear a person's personal fields and the notes about them (``ABOUT``), and scrub
    what the device still keeps, in one transaction (``store.kocs.erase``,
    ``store.owners.erase``); ``also`` clears what else holds them, given the row as it
    was before the erase."""
    store = repo._store
    table = repo.table
    with store.transaction():
        current = repo.get(person_id)
        if getattr(current, "erased_at", None) is not None:
            return current
        cleared = {f: erased_value(table, f) for f in PERSONAL_FIELDS[table]}
        erased = repo.update(person_id, **cleared, erased_at=store.now())
        for about, field in ABOUT[table].items():
            about_repo = store.repo(about)
            for row in store.db.query(
                f"SELECT id FROM {about} WHERE {field} = ? AND deleted = 0", [person_id]
            ):
                about_repo.update(row["id"], **{f: None for f in PERSONAL_FIELDS[about]})
        if also is not None:
            also(current)
        store.replica.scrub_erased(person_id, table)
        from .search import forget_erased

        forget_erased(store.db, table)
        return erased


class KocShopRepo(Repo[KocShop]):
    """A KOC's shop links: one live link per (KOC, shop) (``UNIQUE_TOGETHER``)."""


class InvitationRepo(Repo[Invitation]):
    def _after_write(self, before: Invitation | None, after: Invitation) -> None:
        # Attending an event is what makes a KOC "experienced" (domain: spotted →
        # introduced → experienced); later stages are not moved back.
        if (
            after.koc_id is not None
            and after.status == InvitationStatus.ATTENDED
            and (before is None or before.status != InvitationStatus.ATTENDED)
        ):
            koc = self._store.kocs.get(after.koc_id)
            if koc.stage in (KocStage.SPOTTED, KocStage.INTRODUCED):
                self._store.kocs.set_stage(koc.id, KocStage.EXPERIENCED)


class VisitRepo(Repo[Visit]):
    def update(self, row_id: str, **changes: Any) -> Visit:
        """As ``Repo.update``; a submitted or approved visit only takes review changes
        (``fieldapp.kinds.locked_fields``, head office's rule too)."""
        current = self.get(row_id)
        actor = self._store.users.actor()
        role = actor.role.value if actor is not None else None
        locked = locked_fields(self.table, current.data(), changes, role)
        if locked:
            raise ValidationError(
                [FieldError(k, "not_editable") for k in locked], entity=self.table
            )
        return super().update(row_id, **changes)

    def check_in(self, visit_id: str, at: datetime | None = None) -> Visit:
        """Record the arrival time (now unless given)."""
        return self.update(visit_id, checkin_at=at or self._store.now())

    def check_out(self, visit_id: str, at: datetime | None = None) -> Visit:
        """Record the departure time (now unless given); it must follow check-in."""
        return self.update(visit_id, checkout_at=at or self._store.now())

    def submit(self, visit_id: str) -> Visit:
        """Send a finished visit for review (also after it was returned)."""
        visit = self.get(visit_id)
        if visit.review_status not in (ReviewStatus.DRAFT, ReviewStatus.RETURNED):
            raise ValidationError.single("review_status", "not_editable", entity=self.table)
        return self.update(visit_id, review_status=ReviewStatus.SUBMITTED)

    def review(
        self,
        visit_id: str,
        *,
        decision: ReviewDecision | str,
        comment: str | None = None,
        reviewer_id: str | None = None,
    ) -> VisitReview:
        """Approve or return a submitted visit; the decision joins its review history.

        One transaction writes the ``visit_reviews`` row and the visit's review fields
        (status, comment, reviewer, time). A return needs a comment (``ValidationError``
        on ``comment``); only a submitted visit can be decided (``not_editable``). The
        reviewer is the store's user unless given.
        """
        store = self._store
        with store.transaction():
            visit = self.get(visit_id)
            if visit.review_status != ReviewStatus.SUBMITTED:
                raise ValidationError.single("review_status", "not_editable", entity=self.table)
            reviewer = reviewer_id or store.user_id
            at = store.now()
            reviews: Repo[VisitReview] = store.repo(VisitReview.table)
            review = reviews.create(
                visit_id=visit_id,
                decision=decision,
                comment=comment,
                reviewer_id=reviewer,
                decided_at=at,
            )
            self.update(
                visit_id,
                review_status=review.decision.value,
                supervisor_comment=review.comment,
                reviewed_by=reviewer,
                reviewed_at=review.decided_at,
            )
        return review

    def reviews(self, visit_id: str) -> builtins.list[VisitReview]:
        """The visit's review history, oldest decision first."""
        reviews: Repo[VisitReview] = self._store.repo(VisitReview.table)
        return reviews.list(where={"visit_id": visit_id}, order_by="decided_at")


_IMAGE_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"WEBP", 8, "image/webp"),
    (b"ftypheic", 4, "image/heic"),
    (b"ftypheix", 4, "image/heic"),
    (b"ftypmif1", 4, "image/heic"),
)


def sniff_image(head: bytes) -> str | None:
    """The image MIME type from a file's first bytes, or None when it is no image we take."""
    for magic, offset, mime in _IMAGE_MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return mime
    return None


class PhotoRepo(Repo[Photo]):
    """Photo rows; the files live in the store's photo folder, named by SHA-256."""

    def path_for(self, sha256: str, mime: str = "image/jpeg") -> Path:
        ext = mimetypes.guess_extension(mime) or ".bin"
        if ext == ".jpe":
            ext = ".jpg"
        return self._store.photos_dir / sha256[:2] / f"{sha256}{ext}"

    def path_of(self, photo: Photo) -> Path:
        return self.path_for(photo.sha256, photo.mime)

    def add_file(
        self,
        source: str | os.PathLike[str],
        *,
        visit_id: str | None = None,
        shop_id: str | None = None,
        event_id: str | None = None,
        taken_at: datetime | None = None,
        caption: str | None = None,
        phash: str | None = None,
    ) -> Photo:
        """Copy an image into the photo folder (content-addressed) and attach it.

        The file is copied and fsynced before the row is written, so a row never
        points at a missing file; the same picture twice is stored once. The row keeps
        the picture's perceptual hash (``fieldapp.evidence``: a reused photo is found
        without reading the files again): ``phash`` when the caller worked it out on a
        worker, else computed here (none for a picture Pillow cannot read, e.g. HEIC).
        """
        src = Path(source)
        try:
            with src.open("rb") as fh:
                head = fh.read(16)
        except OSError:
            raise ValidationError.single("file", "unreadable", entity=self.table) from None
        mime = sniff_image(head)
        if mime is None:
            raise ValidationError.single("file", "not_an_image", entity=self.table)
        digest = hashlib.sha256()
        size = 0
        with src.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
        sha = digest.hexdigest()
        target = self.path_for(sha, mime)
        if not target.exists():
            from .files import private_folder

            private_folder(target.parent)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(fd, "wb") as out, src.open("rb") as fh:
                    shutil.copyfileobj(fh, out, 1 << 20)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        if phash is None:
            from ..evidence import perceptual_hash

            try:
                phash = perceptual_hash(target)
            except (OSError, ValueError):
                phash = None
        return self.create(
            sha256=sha,
            size=size,
            mime=mime,
            taken_at=taken_at,
            visit_id=visit_id,
            shop_id=shop_id,
            event_id=event_id,
            caption=caption,
            phash=phash,
        )


#: What would follow a rep out of their team: rows with their ``rep_id``.
REP_OWNED = ("shops", "kocs", "events")


class UserRepo(Repo[User]):
    """Users. Team membership is a supervisor's (docs/sync-protocol.md "Team
    membership"): when this store's user is a supervisor or a rep, writes to users rows
    follow head office's rule with its codes, so a refusal comes at once, offline,
    rather than at the next sync: a supervisor changes only ``team_id`` of a rep, only
    between their own team and none (the unassigned pool); a rep never writes users; a
    release is refused (``rep_has_data``) while the rep owns live shops, KOCs or events.
    Without a known user (a fresh local store) or as an admin only the release rule is
    checked. Creating and deleting users stays open here (first start, tests, tools);
    head office refuses both from anyone but an admin.
    """

    def actor(self) -> User | None:
        """The store's user, when their row is here."""
        user_id = self._store.user_id
        return self.find(user_id) if user_id else None

    def team_members(self, team_id: str) -> builtins.list[User]:
        """The team's live users, by name."""
        return self.list(where={"team_id": team_id}, order_by="name")

    def pool(self) -> builtins.list[User]:
        """Live reps without a team (the unassigned pool), by name."""
        return self.list(where={"team_id": None, "role": "rep"}, order_by="name")

    def owned_counts(self, user_id: str) -> dict[str, int]:
        """Live rows the user is the rep of, per table of :data:`REP_OWNED`."""
        return {
            table: self._store.repo(table).count(where={"rep_id": user_id}) for table in REP_OWNED
        }

    def activity(self, user_ids: Iterable[str], *, since: datetime) -> dict[str, dict[str, int]]:
        """Per user: live ``shops`` and ``kocs`` they are the rep of, and ``visits`` they
        checked in at since ``since`` (the team section's counts)."""
        ids = sorted(set(user_ids))
        out = {u: {"shops": 0, "kocs": 0, "visits": 0} for u in ids}
        if not ids:
            return out
        marks = ", ".join("?" for _ in ids)
        live = f"WHERE deleted = 0 AND rep_id IN ({marks})"
        queries: dict[str, tuple[str, builtins.list[Any]]] = {
            "shops": (f"SELECT rep_id, count(*) AS n FROM shops {live} GROUP BY rep_id", ids),
            "kocs": (f"SELECT rep_id, count(*) AS n FROM kocs {live} GROUP BY rep_id", ids),
            "visits": (
                f"SELECT rep_id, count(*) AS n FROM visits {live} AND checkin_at >= ?"
                " GROUP BY rep_id",
                [*ids, format_datetime(since)],
            ),
        }
        for key, (sql, params) in queries.items():
            for row in self._store.db.query(sql, params):
                out[row["rep_id"]][key] = int(row["n"])
        return out

    def take_in(self, user_id: str) -> User:
        """Take a rep from the pool into the store user's team."""
        actor = self.actor()
        team = actor.team_id if actor is not None else None
        if team is None:
            raise ValidationError.single("team_id", "forbidden", entity=self.table)
        return self.update(user_id, team_id=team)

    def release(self, user_id: str) -> User:
        """Release a rep of the store user's team to the pool."""
        return self.update(user_id, team_id=None)

    def _check(self, entity: User, new: Mapping[str, Any], old: Mapping[str, Any]) -> None:
        # After the values' own checks (as head office: values, then the role rules,
        # then references); ``old`` is empty for a new row.
        if old:
            self._check_membership(entity.id, new, old)
        super()._check(entity, new, old)

    def _check_membership(
        self, user_id: str, new: Mapping[str, Any], old: Mapping[str, Any]
    ) -> None:
        actor = self.actor()
        changed = sorted(k for k in new if new[k] != old.get(k))
        old_team, new_team = old.get("team_id"), new.get("team_id")
        if actor is not None and actor.role != "admin":
            others = [k for k in changed if k != "team_id"]
            if actor.role != "supervisor" or others:
                field = others[0] if others else "team_id"
                raise ValidationError.single(field, "forbidden", entity=self.table)
            own = actor.team_id
            if "team_id" in changed and (
                old.get("role") != "rep"
                or own is None
                or old_team not in (own, None)
                or new_team not in (own, None)
            ):
                raise ValidationError.single("team_id", "forbidden", entity=self.table)
        if old_team and not new_team:
            owned = self.owned_counts(user_id)
            if any(owned.values()):
                raise ValidationError.single("team_id", "rep_has_data", entity=self.table, **owned)


#: Repository class per table (plain ``Repo`` where no extra rules apply).
REPO_CLASSES: dict[str, type[Repo[Any]]] = {
    County.table: Repo,
    Team.table: Repo,
    User.table: UserRepo,
    Product.table: Repo,
    Shop.table: ShopRepo,
    Owner.table: OwnerRepo,
    Interaction.table: InteractionRepo,
    Visit.table: VisitRepo,
    OrderLine.table: Repo,
    "prices": Repo,
    "promotions": Repo,
    "display_agreements": Repo,
    "display_agreement_skus": Repo,
    "display_checks": Repo,
    "display_payouts": Repo,
    "campaigns": Repo,
    "campaign_results": Repo,
    "assortment_rules": Repo,
    "shop_skus": Repo,
    "shelf_audits": Repo,
    "community_pushes": Repo,
    "cloud_orders": Repo,
    Event.table: Repo,
    EventProduct.table: Repo,
    Koc.table: KocRepo,
    KocShop.table: KocShopRepo,
    KocStageChange.table: Repo,
    CommunityGroup.table: Repo,
    Invitation.table: InvitationRepo,
    Photo.table: PhotoRepo,
    VisitReview.table: Repo,
}


def iter_chunks(rows: Iterable[Any], size: int) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
