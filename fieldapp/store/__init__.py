"""The local store: one SQLite file (WAL) behind a typed Python API.

This package is the only place that speaks SQL. ``Store.open`` runs the
migrations and hands out one repository per entity (``store.shops``,
``store.kocs`` …); every write commits its outbox mutation in the same
transaction. See docs/api.md.
Threading: a Store and its connection belong to the thread that opened it;
open another Store on the same file for another thread.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

from ..errors import SchemaTooNew, StoreDamaged, StoreError, StoreReadOnly, ValidationError
from ..kinds import TABLES, Role, format_datetime, utcnow
from . import migrations
from .db import Db
from .files import ReadOnlyReason, private_file, why_read_only
from .health import HeaderKind, header_kind, quick_check, store_error
from .outbox import Outbox

if TYPE_CHECKING:
    from ..model import (
        AssortmentRule,
        Campaign,
        CampaignResult,
        CloudOrder,
        CommunityGroup,
        CommunityPush,
        County,
        DisplayAgreement,
        DisplayAgreementCheck,
        DisplayAgreementSku,
        DisplayPayout,
        Entity,
        Event,
        EventProduct,
        KocStageChange,
        OrderLine,
        Price,
        Product,
        Promotion,
        ShelfAudit,
        ShopSku,
        Team,
        VisitReview,
    )
    from .replica import Replica
    from .repo import (
        InteractionRepo,
        InvitationRepo,
        KocRepo,
        KocShopRepo,
        OwnerRepo,
        PhotoRepo,
        Repo,
        ShopRepo,
        UserRepo,
        VisitRepo,
    )
    from .search import Searcher

__all__ = ["CheckReport", "Store"]

MEMORY = ":memory:"


@dataclass(frozen=True)
class CheckReport:
    """What ``Store.check`` found: empty problem lists mean a healthy store."""

    path: str
    schema_version: int
    applied: list[str]
    pending: list[str]
    integrity: list[str]
    orphans: dict[str, int] = field(default_factory=dict)
    outbox: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    #: Open conflicts head office recorded, waiting for a person (``fieldapp conflicts``).
    conflicts: int = 0
    #: Received values this device could not read, kept aside (``fieldapp/store/quarantine.py``).
    quarantined: int = 0

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not self.pending and not self.orphans


@functools.cache
def _references() -> dict[str, list[tuple[str, str, bool]]]:
    """Table → (table, field, required) of every reference to it that is not a part of it
    (the same for every store: worked out from the models once, when a delete asks)."""
    from ..model import ENTITIES

    refs: dict[str, list[tuple[str, str, bool]]] = {}
    for entity in ENTITIES:
        owned = set(entity.owns)
        for other in ENTITIES:
            for fname, target in other.refs.items():
                if target == entity.table and (other.table, fname) not in owned:
                    required = other.model_fields[fname].is_required()
                    refs.setdefault(entity.table, []).append((other.table, fname, required))
    return refs


R = TypeVar("R")


class _RepoSlot(Generic[R]):
    """``store.<table>``: the table's repository, made the first time it is asked for
    (``Store.repo``), so that opening a store does not load the pydantic models."""

    def __set_name__(self, owner: type[Store], name: str) -> None:
        self.table = name

    @overload
    def __get__(self, store: None, owner: type[Store]) -> _RepoSlot[R]: ...

    @overload
    def __get__(self, store: Store, owner: type[Store]) -> R: ...

    def __get__(self, store: Store | None, owner: type[Store]) -> R | _RepoSlot[R]:
        if store is None:
            return self
        return cast(R, store.repo(self.table))


class Store:
    """An open local store. Create with :meth:`Store.open`."""

    counties: _RepoSlot[Repo[County]] = _RepoSlot()
    teams: _RepoSlot[Repo[Team]] = _RepoSlot()
    users: _RepoSlot[UserRepo] = _RepoSlot()
    products: _RepoSlot[Repo[Product]] = _RepoSlot()
    shops: _RepoSlot[ShopRepo] = _RepoSlot()
    owners: _RepoSlot[OwnerRepo] = _RepoSlot()
    interactions: _RepoSlot[InteractionRepo] = _RepoSlot()
    visits: _RepoSlot[VisitRepo] = _RepoSlot()
    prices: _RepoSlot[Repo[Price]] = _RepoSlot()
    promotions: _RepoSlot[Repo[Promotion]] = _RepoSlot()
    order_lines: _RepoSlot[Repo[OrderLine]] = _RepoSlot()
    display_agreements: _RepoSlot[Repo[DisplayAgreement]] = _RepoSlot()
    display_agreement_skus: _RepoSlot[Repo[DisplayAgreementSku]] = _RepoSlot()
    display_checks: _RepoSlot[Repo[DisplayAgreementCheck]] = _RepoSlot()
    display_payouts: _RepoSlot[Repo[DisplayPayout]] = _RepoSlot()
    campaigns: _RepoSlot[Repo[Campaign]] = _RepoSlot()
    campaign_results: _RepoSlot[Repo[CampaignResult]] = _RepoSlot()
    assortment_rules: _RepoSlot[Repo[AssortmentRule]] = _RepoSlot()
    shop_skus: _RepoSlot[Repo[ShopSku]] = _RepoSlot()
    shelf_audits: _RepoSlot[Repo[ShelfAudit]] = _RepoSlot()
    community_pushes: _RepoSlot[Repo[CommunityPush]] = _RepoSlot()
    cloud_orders: _RepoSlot[Repo[CloudOrder]] = _RepoSlot()
    events: _RepoSlot[Repo[Event]] = _RepoSlot()
    event_products: _RepoSlot[Repo[EventProduct]] = _RepoSlot()
    kocs: _RepoSlot[KocRepo] = _RepoSlot()
    koc_shops: _RepoSlot[KocShopRepo] = _RepoSlot()
    koc_stage_changes: _RepoSlot[Repo[KocStageChange]] = _RepoSlot()
    community_groups: _RepoSlot[Repo[CommunityGroup]] = _RepoSlot()
    invitations: _RepoSlot[InvitationRepo] = _RepoSlot()
    photos: _RepoSlot[PhotoRepo] = _RepoSlot()
    visit_reviews: _RepoSlot[Repo[VisitReview]] = _RepoSlot()

    def __init__(
        self,
        db: Db,
        *,
        path: str,
        photos_dir: Path,
        user_id: str | None,
        clock: Callable[[], datetime],
        read_only: ReadOnlyReason | None = None,
    ) -> None:
        self.db = db
        self.path = path
        #: Why this store opens for reading only (``file_read_only``,
        #: ``folder_read_only``), or None when it can be written.
        self.read_only: ReadOnlyReason | None = read_only
        self.photos_dir = photos_dir
        self._clock = clock
        self.device_id = self._ensure_device_id()
        # Without an explicit user, writes are attributed to this device's user.
        self.user_id = user_id if user_id is not None else self.get_meta("user_id")
        self.outbox = Outbox(db, self.device_id)
        self._repos: dict[str, Repo[Any]] = {}

    @functools.cached_property
    def search(self) -> Searcher:
        """``store.search(text)``: shops, owners and KOCs by name, pinyin, phone or code."""
        from .search import Searcher

        return Searcher(self.db)

    @functools.cached_property
    def replica(self) -> Replica:
        """Sync bookkeeping (``fieldapp.store.replica``), imported when first used: a
        store that never syncs in a session (start-up, the CLI) does not load it."""
        from .replica import Replica

        return Replica(self)

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(
        cls,
        path: str | Path = MEMORY,
        *,
        user_id: str | None = None,
        photos_dir: str | Path | None = None,
        clock: Callable[[], datetime] = utcnow,
        migrate: bool = True,
        verify: bool = False,
    ) -> Store:
        """Open (creating if needed) the store at ``path`` and bring its schema up to date.

        ``":memory:"`` gives a private in-memory store (tests). Photos go to
        ``photos_dir``, by default a ``<name>-photos`` folder beside the file. A new file
        is created readable by its owner only. A file this user cannot write opens
        read-only (:attr:`read_only` says why; writes raise :class:`StoreReadOnly`).
        ``verify`` runs SQLite's ``quick_check`` first (about 1.5 s for a team's 400 MB, so
        the app runs it on a worker after its first paint; ``fieldapp check`` here). A
        backup is taken before migrations change an existing store.
        Raises :class:`StoreDamaged` for a damaged or truncated file, :class:`StoreError`
        for a file that is not a fieldapp store, :class:`StoreReadOnly` for a new store in
        a folder that cannot be written, and :class:`SchemaTooNew` for one written by a
        newer version.
        """
        spath = str(path)
        read_only: ReadOnlyReason | None = None
        kind: HeaderKind = "missing"
        if spath == MEMORY:
            import uuid  # here only: uuid loads platform, which a start-up does not need

            db = Db.connect(MEMORY)
            # A throwaway store gets a throwaway photo folder, never the working directory.
            default_photos = Path(tempfile.gettempdir()) / f"fieldapp-photos-{uuid.uuid4()}"
        else:
            p = Path(spath).expanduser()
            spath = str(p)
            if p.exists() and p.is_dir():
                raise StoreError("not_a_file", spath)
            kind = header_kind(p)
            if kind == "other":
                raise StoreError("not_a_store", f"{spath}: not an SQLite database")
            if kind == "truncated":
                raise StoreDamaged(spath, ["the file ends inside its header"])
            if kind == "missing":
                try:
                    private_file(p)
                except PermissionError:
                    raise StoreReadOnly("folder_read_only", spath) from None
                kind = "empty"
            else:
                read_only = why_read_only(p)
            db = Db.connect_read_only(p, read_only) if read_only else Db.connect(spath)
            # Connection settings go to the connection itself (no transaction is open).
            try:
                db.conn.execute("PRAGMA busy_timeout = 5000")
                db.conn.execute("PRAGMA schema_version").fetchone()
            except sqlite3.DatabaseError as exc:
                db.close()
                raise store_error(exc, spath, kind) from None
            default_photos = p.with_name(p.stem + "-photos")
        try:
            if spath != MEMORY:
                if verify and kind == "sqlite":
                    problems = quick_check(db.conn)
                    if problems != ["ok"]:
                        raise StoreDamaged(spath, problems)
                if not read_only:
                    if db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                        db.utils.enable_wal()
                    # A committed visit must survive a power cut, not only a crash.
                    db.conn.execute("PRAGMA synchronous = FULL")
                # Rows are keyed by random UUIDs, so bulk writes (a first sync, an
                # import) touch pages all over each index: SQLite's default 2 MB page
                # cache thrashes at team scale. 64 MB is cheap on a laptop.
                db.conn.execute("PRAGMA cache_size = -65536")
            cls._check_schema(db, spath)
            if migrate and migrations.pending(db):
                if read_only:
                    raise StoreReadOnly(read_only, spath, needs_update=True)
                if spath != MEMORY and migrations.applied(db):
                    from .backup import make_backup

                    make_backup(spath, reason="migration", now=clock(), source=db.conn)
                migrations.apply(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise store_error(exc, spath, kind) from None
        except BaseException:
            db.close()
            raise
        store = cls(
            db,
            path=spath,
            photos_dir=Path(photos_dir) if photos_dir else default_photos,
            user_id=user_id,
            clock=clock,
            read_only=read_only,
        )
        if (
            migrate
            and not read_only
            and db.execute("SELECT 1 FROM sync_state WHERE key = 'deferred_schema'").fetchone()
        ):
            # A first pull was cut off with the indexes set aside (Replica.pulling).
            store.replica.restore_schema()
        return store

    @staticmethod
    def _check_schema(db: Db, path: str) -> None:
        known = set(migrations.MIGRATION_NAMES)
        applied = migrations.applied(db)
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise SchemaTooNew("schema_too_new", f"{path}: {', '.join(unknown)}")
        if not applied and set(db.table_names()) - {migrations.MIGRATIONS_TABLE}:
            raise StoreError("not_a_store", f"{path}: has tables but no fieldapp migrations")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ basics

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside commit together or not at all (nests as savepoints)."""
        with self.db.atomic():
            yield self

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on this store's connection."""
        return self.db.conn.in_transaction

    def now(self) -> datetime:
        return self._clock()

    def new_id(self) -> str:
        import uuid  # not on the start-up path (uuid loads platform)

        return str(uuid.uuid4())

    def repo(self, table: str) -> Repo[Any]:
        repo = self._repos.get(table)
        if repo is None:
            if table not in TABLES:
                raise ValidationError.single("table", "unknown_table")
            from ..model import ENTITY_BY_TABLE
            from .repo import REPO_CLASSES

            repo = self._repos[table] = REPO_CLASSES[table](self, ENTITY_BY_TABLE[table])
        return repo

    def is_empty(self) -> bool:
        """No shop and no user, tombstones included: a store nobody has worked in yet."""
        row = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM shops) OR EXISTS (SELECT 1 FROM users)"
        ).fetchone()
        return not row[0]

    def role_of(self, user_id: str | None) -> Role | str | None:
        """The role of a live user; None when there is no such user.

        Cheaper than ``users.find(…).role`` (no model is built), for the window's start-up;
        a role this version does not know comes back as its text.
        """
        if user_id is None:
            return None
        row = next(
            self.db.query("SELECT role FROM users WHERE id = ? AND deleted = 0", [user_id]), None
        )
        if row is None:
            return None
        try:
            return Role(row["role"])
        except ValueError:
            return str(row["role"])

    def set_user(self, user_id: str | None, *, remember: bool = True) -> None:
        """The user new writes are attributed to, stored as this device's user unless
        ``remember`` is False (then only for this connection: ``--as`` at one start)."""
        self.user_id = user_id
        if remember:
            self.set_meta("user_id", user_id)

    @property
    def schema_version(self) -> int:
        return len(migrations.applied(self.db))

    # ------------------------------------------------------------------ meta and settings

    def get_meta(self, key: str) -> str | None:
        row = next(self.db.query("SELECT value FROM meta WHERE key = ?", [key]), None)
        return None if row is None else cast(str | None, row["value"])

    def set_meta(self, key: str, value: str | None) -> None:
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A local (device) setting stored as JSON, e.g. the photo size."""
        raw = self.get_meta("setting." + key)
        return default if raw is None else json.loads(raw)

    def set_setting(self, key: str, value: Any) -> None:
        self.set_meta("setting." + key, json.dumps(value, ensure_ascii=False))

    def _ensure_device_id(self) -> str:
        device = self.get_meta("device_id")
        if device is None:
            import uuid  # only for a new store: uuid loads platform

            device = str(uuid.uuid4())
            if not self.read_only:
                self.set_meta("device_id", device)
        return device

    # ------------------------------------------------------------------ helpers for repos

    def exists(self, table: str, row_id: str) -> bool:
        """Whether a live row with this id exists in ``table``."""
        row = next(
            self.db.query(f"SELECT 1 AS x FROM {table} WHERE id = ? AND deleted = 0", [row_id]),
            None,
        )
        return row is not None

    def live_ids(self, table: str, field_name: str, value: str) -> list[str]:
        return [
            r["id"]
            for r in self.db.query(
                f"SELECT id FROM {table} WHERE {field_name} = ? AND deleted = 0", [value]
            )
        ]

    def references_to(self, table: str) -> list[tuple[str, str, bool]]:
        """(table, field, required) of every reference to ``table`` that is not a part of it."""
        return list(_references().get(table, []))

    # ------------------------------------------------------------------ bulk

    def bulk_insert(
        self,
        table: str,
        rows: Iterable[Mapping[str, Any]],
        *,
        outbox: bool = False,
        validate: bool = False,
        chunk_size: int = 5000,
    ) -> int:
        """Insert many rows fast, in one transaction; return how many.

        For trusted sources (the demo generator) and imports. Fills the sync
        metadata that is missing and the derived search columns. With
        ``validate=True`` every row is checked against its model first (no
        reference checks); with ``outbox=True`` each row gets an insert mutation.
        Rows use the store's text forms (ISO dates, UTC datetimes, 0/1 booleans).
        Inside a transaction the rows join it without a savepoint of their own: under
        a savepoint SQLite writes every row's statement journal to a temporary file
        (about 400 MB for one demo rep's 42,000 rows); a failure then ends the
        caller's transaction, not only these rows.
        """
        from .repo import derived_columns, iter_chunks

        model: type[Entity] = self.repo(table).model
        columns = list(model.model_fields)
        data_fields = model.data_fields()
        extra = list(derived_columns(table, {"name": ""}).keys())
        sql = (
            f"INSERT INTO {table} ({', '.join(columns + extra)}) "
            f"VALUES ({', '.join('?' for _ in columns + extra)})"
        )
        now = format_datetime(self.now())
        user = self.user_id
        count = 0
        with contextlib.nullcontext() if self.in_transaction else self.transaction():
            for chunk in iter_chunks(rows, chunk_size):
                values = []
                mutations = []
                for source in chunk:
                    row = dict(source)
                    row.setdefault("created_at", now)
                    row.setdefault("updated_at", row["created_at"])
                    row.setdefault("created_by", user)
                    row.setdefault("updated_by", row["created_by"])
                    row.setdefault("deleted", 0)
                    row.setdefault("version", 0)
                    if validate:
                        from ..validation import validate as check

                        row = check(model, row).model_dump(mode="json")
                        row["deleted"] = int(row["deleted"])
                    unknown = set(row) - set(columns)
                    if unknown:
                        raise ValidationError.single(
                            sorted(unknown)[0], "unknown_field", entity=table
                        )
                    row |= derived_columns(table, row)
                    values.append([row.get(c) for c in columns + extra])
                    if outbox:
                        changes = json.dumps(
                            {k: {"old": None, "new": row.get(k)} for k in data_fields},
                            ensure_ascii=False,
                            sort_keys=True,
                        )
                        mutations.append(
                            (table, row["id"], changes, row["created_by"], row["created_at"])
                        )
                self.db.conn.executemany(sql, values)
                if mutations:
                    self.outbox.append_many(mutations)
                count += len(values)
        return count

    @contextlib.contextmanager
    def bulk_loading(self, tables: Collection[str] = TABLES) -> Iterator[None]:
        """Rows inserted inside go into ``tables`` without updating their secondary
        indexes and search index, which are built from the rows at the end (for the
        demo generator on an empty store; ``fieldapp/store/bulk.py``)."""
        from . import bulk

        with bulk.loading(self, tables):
            yield

    # ------------------------------------------------------------------ health

    def check(self) -> CheckReport:
        """Integrity, migration state, dangling references, outbox and row counts."""
        from ..model import ENTITIES
        from . import quarantine

        integrity = [r["integrity_check"] for r in self.db.query("PRAGMA integrity_check")]
        orphans: dict[str, int] = {}
        for entity in ENTITIES:
            for fname, target in entity.refs.items():
                row = next(
                    self.db.query(
                        f"SELECT count(*) AS n FROM {entity.table} AS a WHERE a.deleted = 0"
                        f" AND a.{fname} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {target} AS b"
                        f" WHERE b.id = a.{fname} AND b.deleted = 0)"
                    )
                )
                if row["n"]:
                    orphans[f"{entity.table}.{fname}"] = int(row["n"])
        outbox = {
            r["state"]: int(r["n"])
            for r in self.db.query("SELECT state, count(*) AS n FROM outbox GROUP BY state")
        }
        rows = {
            e.table: int(
                next(self.db.query(f"SELECT count(*) AS n FROM {e.table} WHERE deleted = 0"))["n"]
            )
            for e in ENTITIES
        }
        tables = set(self.db.table_names())
        open_conflicts = (
            int(
                self.db.execute(
                    "SELECT count(*) FROM conflicts WHERE resolved = 0 AND deleted = 0"
                ).fetchone()[0]
            )
            if "conflicts" in tables
            else 0
        )
        return CheckReport(
            path=self.path,
            schema_version=self.schema_version,
            applied=migrations.applied(self.db),
            pending=migrations.pending(self.db),
            integrity=integrity,
            orphans=orphans,
            outbox=outbox,
            rows=rows,
            conflicts=open_conflicts,
            quarantined=quarantine.count(self.db) if "quarantine" in tables else 0,
        )

    def entity(self, table: str) -> type[Entity]:
        from ..model import ENTITY_BY_TABLE

        return ENTITY_BY_TABLE[table]
