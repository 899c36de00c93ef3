"""The store side of sync: push bookkeeping, applying pulled pages, verify, conflicts.

``store.replica`` is what the sync client drives (docs/sync-protocol.md): it marks
outbox mutations as being sent and records the server's answer for each, applies a
pulled page of server rows together with its cursor in one transaction (never
overwriting a field that still has a local change waiting to be pushed), computes the
verify checksums, and lets a person resolve the conflicts head office recorded. No
networking here: the client hands in and takes out plain JSON-shaped values.
Threading: a Replica belongs to its store's thread (it uses the store's connection);
run sync on a worker that opened its own ``Store`` on the same file.
"""

from __future__ import annotations

import contextlib
import gc
import json
import sqlite3
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, compress, groupby, repeat
from operator import eq, itemgetter, methodcaller, ne
from typing import TYPE_CHECKING, Any, Literal

from .. import readable
from ..errors import NotFound, StoreError, ValidationError
from ..model import (
    ABOUT,
    ENTITY_BY_TABLE,
    META_FIELDS,
    PERSONAL_FIELDS,
    erased_value,
    format_datetime,
)
from . import bulk, quarantine, search, sums
from .outbox import Change, Mutation
from .repo import DERIVED, derived_columns

if TYPE_CHECKING:
    from . import Store

__all__ = [
    "CONFLICT_FIELDS",
    "SYNCED_TABLES",
    "BadAnswer",
    "BadPage",
    "ConflictRow",
    "PageResult",
    "Replica",
]

#: Writable columns of the ``conflicts`` table (it has no pydantic entity).
CONFLICT_FIELDS: tuple[str, ...] = (
    "table_name",
    "row_id",
    "field",
    "kept_value",
    "lost_value",
    "kept_by",
    "lost_by",
    "kept_device",
    "lost_device",
    "kept_seq",
    "lost_seq",
    "lost_client_time",
    "resolved",
    "resolution",
)

#: Every synced table and its synced columns (sync metadata included, derived ones not).
SYNCED_TABLES: dict[str, tuple[str, ...]] = {
    **{table: tuple(entity.model_fields) for table, entity in ENTITY_BY_TABLE.items()},
    "conflicts": META_FIELDS + CONFLICT_FIELDS,
}

#: Per synced table, the names a pulled row may carry (its columns and derived ones).
_ALLOWED_FIELDS: dict[str, frozenset[str]] = {
    table: frozenset(columns) | frozenset(DERIVED.get(table, ()))
    for table, columns in SYNCED_TABLES.items()
}
#: Per synced table, pulled names not written as given (derived, or set by the replica).
_NOT_WRITTEN: dict[str, frozenset[str]] = {
    table: frozenset(DERIVED.get(table, ())) | {"id", "version"} for table in SYNCED_TABLES
}
#: Per synced table, the names of a whole row as head office sends it (every synced
#: column, no derived one): such a row takes the fast path in ``apply_page``.
_WHOLE_ROW: dict[str, frozenset[str]] = {
    table: frozenset(columns) for table, columns in SYNCED_TABLES.items()
}
#: Per synced table, the columns read from a whole row (all but id and version).
_ROW_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(c for c in columns if c not in ("id", "version"))
    for table, columns in SYNCED_TABLES.items()
}
#: Per synced table, the columns a whole new row is inserted with, in this order:
#: id, version, the other synced columns, then the derived ones.
_INSERT_COLUMNS: dict[str, tuple[str, ...]] = {
    table: ("id", "version", *_ROW_COLUMNS[table], *DERIVED.get(table, ()))
    for table in SYNCED_TABLES
}
#: Per synced table, the whole row's values in ``_INSERT_COLUMNS`` order (derived ones
#: aside): id, version, then the other synced columns.
_INSERT_VALUES: dict[str, itemgetter[Any]] = {
    table: itemgetter("id", "version", *_ROW_COLUMNS[table]) for table in SYNCED_TABLES
}
#: The value types a JSON page holds besides objects and arrays.
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
_ONLY_DICTS = {dict}
_ONLY_UPSERTS = {"upsert"}
_ONLY_STR = {str}
_ONLY_INT = {int}
_TABLE, _ROW, _ROW_ID, _VERSION = (itemgetter(k) for k in ("table", "row", "row_id", "version"))
_ERASED_AT = methodcaller("get", "erased_at")


class _NotNew(Exception):
    """A row of a page taken as all new exists already (or twice): the page goes the
    general way."""


def _whole_upserts(changes: Sequence[Any]) -> bool:
    """Whether ``changes`` are all upserts of whole rows (every synced column, no derived
    one) that ``Replica._check_page`` passes: the usual page, checked in a few passes at
    C speed (no Python step per change or value). False says nothing about the page
    (``_check_page`` then looks at it change by change and names what is wrong)."""
    try:
        if not changes or set(map(type, changes)) != _ONLY_DICTS:
            return False
        get = dict.get
        tables: list[Any] = list(map(get, changes, repeat("table")))
        if not SYNCED_TABLES.keys() >= set(tables):
            return False
        if set(map(get, changes, repeat("op"))) != _ONLY_UPSERTS:
            return False
        row_ids: list[Any] = list(map(get, changes, repeat("row_id")))
        if set(map(type, row_ids)) != _ONLY_STR or not all(row_ids):
            return False
        versions: list[Any] = list(map(get, changes, repeat("version")))
        if set(map(type, versions)) != _ONLY_INT or min(versions) < 1:
            return False
        rows: list[Any] = list(map(get, changes, repeat("row")))
        if set(map(type, rows)) != _ONLY_DICTS:
            return False
        if not all(map(eq, map(dict.keys, rows), map(_WHOLE_ROW.__getitem__, tables))):
            return False
        if not _SCALAR_TYPES.issuperset(map(type, chain.from_iterable(map(dict.values, rows)))):
            return False
        return list(map(get, rows, repeat("id"))) == row_ids
    except TypeError:  # an unhashable table or op: the slow check names it
        return False


#: ``sync_state`` key: the indexes and the verify-sum and search triggers a first pull set aside
#: (JSON ``[[type, name, table, sql], …]``) until it ends; see :meth:`Replica.pulling`.
#: A bulk load (fieldapp/store/bulk.py) keeps what it sets aside under the same key.
DEFERRED_SCHEMA = bulk.DEFERRED_SCHEMA
#: A pull from cursor 0 into a store holding at most this many server rows is a first
#: load: it sets the secondary indexes and the verify-sum and search-index triggers aside
#: while it runs.
BULK_LOAD_MAX_ROWS = 10_000
#: Inside :meth:`Replica.pulling`, pages are committed together once this many rows or
#: seconds have gone by since the group began (each page is still whole with its cursor).
GROUP_ROWS = 20_000
GROUP_SECONDS = 2.0

_ANSWER_STATES = ("applied", "conflict", "rejected")
_UNSENT = ("pending", "sending")


class BadPage(StoreError):
    """A pulled page could not be applied; nothing of it was written, cursor included.

    ``index`` is the position of the offending change, ``table``/``row_id``/``field``
    name it where known, ``code`` says what is wrong: ``unknown_table``,
    ``unknown_field``, ``unknown_op``, ``invalid_change``, ``duplicate`` (a unique
    column clashes with a local row), ``constraint`` (another database rule).
    """

    def __init__(
        self,
        code: str,
        *,
        index: int,
        table: str | None = None,
        row_id: str | None = None,
        field: str | None = None,
        detail: str = "",
    ) -> None:
        self.index = index
        self.table = table
        self.row_id = row_id
        self.field = field
        where = f"change {index}"
        if table:
            where += f" {table}"
        if row_id:
            where += f" {row_id}"
        if field:
            where += f".{field}"
        super().__init__(code, f"{where}{': ' + detail if detail else ''}")


class BadAnswer(StoreError):
    """A push answer does not match the outbox (unknown seq, other mutation id, bad status)."""


@dataclass(frozen=True)
class PageResult:
    """What :meth:`Replica.apply_page` did.

    ``kept_left``: rows the server said left our scope but that still have local
    mutations waiting; they stay until those are answered (see ``settle_left``).
    ``stale``: rows skipped because the local row already has a newer server version.
    """

    upserted: int = 0
    removed: int = 0
    kept_left: list[tuple[str, str]] = field(default_factory=list)
    stale: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ConflictRow:
    """A field head office decided by server order; ``lost_value`` is what was replaced."""

    id: str
    table: str
    row_id: str
    field: str
    kept_value: Any
    lost_value: Any
    kept_by: str | None
    lost_by: str | None
    kept_device: str | None
    lost_device: str | None
    kept_seq: int | None
    lost_seq: int | None
    lost_client_time: str | None
    resolved: bool
    resolution: str | None
    created_at: str
    updated_at: str
    version: int

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ConflictRow:
        return cls(
            id=row["id"],
            table=row["table_name"],
            row_id=row["row_id"],
            field=row["field"],
            kept_value=_load_json(row["kept_value"]),
            lost_value=_load_json(row["lost_value"]),
            kept_by=row["kept_by"],
            lost_by=row["lost_by"],
            kept_device=row["kept_device"],
            lost_device=row["lost_device"],
            kept_seq=row["kept_seq"],
            lost_seq=row["lost_seq"],
            lost_client_time=row["lost_client_time"],
            resolved=bool(row["resolved"]),
            resolution=row["resolution"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            version=row["version"],
        )


def _load_json(raw: str | None) -> Any:
    return None if raw is None else json.loads(raw)


def _sql(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    return value


class Replica:
    """Sync bookkeeping over one store. Reach it as ``store.replica``."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store.db
        self._grouping = False  # inside pulling(): pages share a transaction (a group)
        #: "table|row_id|field" -> head office's value of a field a local edit holds
        #: (``sync_state['shadow']``), for a refused edit to fall back to.
        self._shadow: dict[str, Any] = {}
        self._group: contextlib.ExitStack | None = None
        self._group_rows = 0
        self._group_started = 0.0
        #: Inside a first load: per table that counted no row when it began, the
        #: ``(row_id, row_hash)`` of every row the load wrote (``_insert_new``), for
        #: :meth:`restore_schema` to set the verify sums from instead of reading every
        #: row back; None once anything else may have written (see :meth:`pulling`).
        self._loaded: dict[str, list[tuple[str, int]]] | None = None
        self._page_sums: dict[str, list[tuple[str, int]]] = {}
        self._data_version = 0
        self._hash_plans: dict[str, tuple[tuple[str, ...], itemgetter[Any], list[Any]]] = {}

    # ------------------------------------------------------------------ sync_state

    def get_state(self, key: str) -> str | None:
        """A raw value from the local ``sync_state`` table (None when unset)."""
        row = next(self._db.query("SELECT value FROM sync_state WHERE key = ?", [key]), None)
        return None if row is None else row["value"]

    def set_state(self, key: str, value: str | None) -> None:
        """Set (or, with None, clear) a ``sync_state`` value."""
        if value is None:
            self._db.execute("DELETE FROM sync_state WHERE key = ?", [key])
        else:
            self._db.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def cursor(self) -> int | str | None:
        """The pull cursor stored with the last applied page (None: never pulled)."""
        raw = self.get_state("cursor")
        return None if raw is None else json.loads(raw)

    def last_sync_at(self) -> str | None:
        """When the last sync finished successfully (stored UTC text), or None."""
        return self.get_state("last_sync_at")

    def set_last_sync_at(self, at: datetime | None = None) -> None:
        """Record a successful sync at ``at`` (now by the store's clock unless given)."""
        self.set_state("last_sync_at", format_datetime(at or self._store.now()))

    def server_url(self) -> str | None:
        return self.get_state("server_url")

    def set_server_url(self, url: str | None) -> None:
        self.set_state("server_url", url)

    # ------------------------------------------------------------------ push

    def mark_sending(self, *, limit: int = 500) -> list[Mutation]:
        """Switch the oldest ``limit`` pending mutations to ``sending``; return them in seq order.

        These are what the client pushes. The outbox never folds a new edit into a
        ``sending`` mutation, so what is sent is what gets answered.
        """
        with self._store.transaction():
            seqs = [
                int(r["seq"])
                for r in self._db.query(
                    "SELECT seq FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?",
                    [limit],
                )
            ]
            if not seqs:
                return []
            self._db.execute(
                "UPDATE outbox SET state = 'sending', sent = 1"
                " WHERE state = 'pending' AND seq <= ?",
                [seqs[-1]],
            )
            return [
                Mutation.from_row(r)
                for r in self._db.query(
                    "SELECT * FROM outbox WHERE state = 'sending' AND seq BETWEEN ? AND ?"
                    " ORDER BY seq",
                    [seqs[0], seqs[-1]],
                )
            ]

    def server_epoch(self, server_url: str) -> str | None:
        """The epoch of head office at ``server_url`` this device last synced with (None:
        none known, or another server's)."""
        raw = self.get_state("server_epoch")
        if not raw:
            return None
        url, _, epoch = raw.rpartition(" ")
        return epoch if url == server_url else None

    def set_server_epoch(self, server_url: str, epoch: str) -> None:
        self.set_state("server_epoch", f"{server_url} {epoch}")

    def requeue_after_restore(self, last_seq: int) -> int:
        """Head office was restored from a backup that holds this device's mutations up
        to ``last_seq``: the later ones it had answered (applied, conflict) go back to
        ``pending``, to be sent again in their order; it holds no answer for their seqs,
        so it applies them as new. Rejected ones stay as they are. Returns how many."""
        with self._store.transaction():
            cur = self._db.execute(
                "UPDATE outbox SET state = 'pending', result = NULL, error_code = NULL"
                " WHERE seq > ? AND state IN ('applied', 'conflict')",
                [last_seq],
            )
            return int(cur.rowcount)

    def requeue_sending(self) -> int:
        """Put every ``sending`` mutation back to ``pending``; return how many.

        For a push that failed without answers, and once at start-up after a crash.
        The server treats a re-sent seq it already applied as a retry.
        """
        with self._store.transaction():
            cur = self._db.execute("UPDATE outbox SET state = 'pending' WHERE state = 'sending'")
            return int(cur.rowcount)

    def record_answers(self, answers: Iterable[Mapping[str, Any]]) -> None:
        """Record the server's answer for each pushed mutation, in one transaction.

        Each answer is ``{seq, mutation_id, status, version, error?: {code, field},
        conflict_id?}``. The outbox row gets ``state``, ``result`` (the answer as JSON)
        and ``error_code``; on ``applied``/``conflict`` the row's ``version`` becomes the
        answer's (never lower than it already is: a pull may have brought a newer one).
        A ``rejected`` mutation stays in the outbox, marked. ``sending`` mutations left
        without an answer go back to ``pending``. An answer for a mutation that was
        already answered is ignored (a replayed response). Raises :class:`BadAnswer`
        (nothing recorded) for an unknown seq, another mutation id or a bad status.
        """
        answers = list(answers)
        with self._store.transaction():
            for answer in answers:
                seq = answer.get("seq")
                status = answer.get("status")
                row = next(self._db.query("SELECT * FROM outbox WHERE seq = ?", [seq]), None)
                if row is None:
                    raise BadAnswer("unknown_seq", f"seq {seq}")
                if row["mutation_id"] != answer.get("mutation_id"):
                    raise BadAnswer("mutation_mismatch", f"seq {seq}")
                if status not in _ANSWER_STATES:
                    raise BadAnswer("bad_status", f"seq {seq}: {status!r}")
                if row["state"] not in _UNSENT:
                    continue
                error = answer.get("error") or {}
                error_code = error.get("code") if isinstance(error, Mapping) else None
                if status == "rejected" and not error_code:
                    error_code = "rejected"
                self._db.execute(
                    "UPDATE outbox SET state = ?, result = ?, error_code = ? WHERE seq = ?",
                    [
                        status,
                        json.dumps(dict(answer), ensure_ascii=False, sort_keys=True),
                        error_code,
                        seq,
                    ],
                )
                version = answer.get("version")
                if status != "rejected" and isinstance(version, int):
                    table = row["table_name"]
                    if table in SYNCED_TABLES:
                        self._db.execute(
                            f"UPDATE {table} SET version = max(version, ?) WHERE id = ?",
                            [version, row["row_id"]],
                        )
            self._db.execute("UPDATE outbox SET state = 'pending' WHERE state = 'sending'")
            self.settle_left()
            for person, person_id in self._erased_people_in(answers):
                self.scrub_erased(person_id, person)
            marks = ", ".join("?" for _ in answers)
            answered = self._db.query(
                f"SELECT table_name, row_id, op, state, changes FROM outbox"
                f" WHERE seq IN ({marks}) ORDER BY seq",
                [a.get("seq") for a in answers],
            )
            shadow = self._load_shadow()
            refused: dict[tuple[str, str], set[str]] = {}
            refused_inserts: set[tuple[str, str]] = set()
            for r in answered:
                key = (str(r["table_name"]), str(r["row_id"]))
                if r["state"] in ("applied", "conflict"):
                    for name in json.loads(r["changes"]):
                        shadow.pop(f"{key[0]}|{key[1]}|{name}", None)
                elif r["state"] == "rejected" and r["op"] == "insert":
                    refused_inserts.add(key)
                elif r["state"] == "rejected":
                    refused.setdefault(key, set()).update(json.loads(r["changes"]))
            for (table, row_id), names in sorted(refused.items()):
                self._restore_refused(table, row_id, shadow, names)
            for table, row_id in sorted(refused_inserts):
                self._drop_refused_insert(table, row_id)
            self._save_shadow(shadow)

    def _drop_refused_insert(self, table: str, row_id: str) -> None:
        """Head office refused a new row: it holds none, and neither does the device
        (the refused insert stays in the outbox with its values and code, for a person
        to see and make again), once no local mutation of it waits."""
        if table not in SYNCED_TABLES or self.pending_fields(table, row_id):
            return
        self._db.execute(f"DELETE FROM {table} WHERE id = ? AND version = 0", [row_id])

    def _restore_refused(
        self, table: str, row_id: str, shadow: dict[str, Any], names: set[str]
    ) -> None:
        """After head office refused an edit or a delete, the row shows head office's
        values again: each refused field not changed by a mutation still waiting takes
        the value it had before the first refused mutation after the last accepted one
        (what head office held as of the row's version), or head office's value pulled
        while the edit waited (``shadow``); a newer one comes with the next pull. No
        outbox entry: the refusal stays in the outbox, with its code."""
        if table not in SYNCED_TABLES or table == "conflicts":
            return
        found = self._db.execute(
            "SELECT changes, state, op FROM outbox WHERE table_name = ? AND row_id = ?"
            " ORDER BY seq",
            [table, row_id],
        ).fetchall()
        if found and found[0][2] == "insert" and found[0][1] == "rejected":
            self._drop_refused_insert(table, row_id)  # head office never had the row
            return
        before: dict[str, Any] = {}
        refused: set[str] = set()
        waiting: set[str] = set()
        run_new: dict[str, Any] = {}  # the refused value the current run ends with
        for raw, state, _op in found:
            changes = json.loads(raw)
            for name, change in changes.items():
                if state in ("applied", "conflict"):
                    before.pop(name, None)
                    run_new.pop(name, None)
                    refused.discard(name)
                elif state == "rejected":
                    # An edit made on top of a refused value continues that run; one
                    # made after the row showed head office's value again starts anew.
                    if name not in run_new or run_new[name] != change.get("old"):
                        before[name] = change.get("old")
                    run_new[name] = change.get("new")
                    refused.add(name)
                else:
                    waiting.add(name)
        erased = table in ABOUT and next(
            self._db.query(
                f"SELECT 1 FROM {table} WHERE id = ? AND erased_at IS NOT NULL", [row_id]
            ),
            None,
        )
        refused &= names  # the fields refused now (earlier refusals were settled then)
        for name in refused - waiting:
            key = f"{table}|{row_id}|{name}"
            if key in shadow:  # head office's value pulled while the edit waited
                before[name] = shadow.pop(key)
        values = {
            name: _sql(before[name])
            for name in sorted(refused - waiting)
            if name in _ROW_COLUMNS[table] and not (erased and name in PERSONAL_FIELDS[table])
        }
        if not values:
            return
        current = next(self._db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id]), None)
        if current is None:
            return
        if table in DERIVED:
            values |= derived_columns(table, {**dict(current), **values})
        sets = ", ".join(f"{k} = ?" for k in values)
        self._db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])

    def _erased_people_in(self, answers: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
        """Erased people (``(table, id)``: KOCs, owners) whose rows, or rows about them
        (``ABOUT``), the answered mutations wrote: a mutation that was being sent when
        the erase was made still holds the personal values it carried."""
        seqs = [a.get("seq") for a in answers]
        if not seqs:
            return []
        marks = ", ".join("?" for _ in seqs)
        out: set[tuple[str, str]] = set()
        for person, about in ABOUT.items():
            joins = "".join(
                f" LEFT JOIN {t} a{i} ON o.table_name = '{t}' AND a{i}.id = o.row_id"
                for i, t in enumerate(about)
            )
            cases = "".join(f" WHEN '{t}' THEN a{i}.{f}" for i, (t, f) in enumerate(about.items()))
            found = self._db.execute(
                f"SELECT DISTINCT p.id FROM outbox o{joins}"
                f" JOIN {person} p ON p.id = CASE o.table_name WHEN '{person}' THEN o.row_id"
                f"{cases} END WHERE o.seq IN ({marks}) AND p.erased_at IS NOT NULL",
                seqs,
            ).fetchall()
            out.update((person, r[0]) for r in found)
        return sorted(out)

    # ------------------------------------------------------------------ pull

    def pending_fields(self, table: str, row_id: str) -> set[str]:
        """Fields of a row that local mutations still waiting to be pushed change."""
        fields: set[str] = set()
        for r in self._db.query(
            "SELECT changes FROM outbox WHERE table_name = ? AND row_id = ?"
            " AND state IN ('pending', 'sending')",
            [table, row_id],
        ):
            fields.update(json.loads(r["changes"]))
        return fields

    @contextlib.contextmanager
    def pulling(self, cursor: int | str | None) -> Iterator[bool]:
        """Wrap a run of :meth:`apply_page` calls (one pull); yields True for a first load.

        Inside, commits do not wait for the disk (``synchronous = NORMAL`` on this
        connection only): WAL keeps every page atomic with its cursor, so a page a power
        cut takes back is simply pulled again, while local edits, written on the app's
        own connection, keep ``FULL``. A pull from cursor 0 into a store holding at most
        :data:`BULK_LOAD_MAX_ROWS` server rows (a new device, a new user) is a first
        load: it drops the synced tables' secondary indexes, verify-sum triggers and
        search-index triggers first (their SQL is kept in ``sync_state``) and, however
        the pull ends, builds them again, sets the verify sums and fills the search
        index (client migration 0030) from the rows in one transaction. The sums of a
        table that counted no row when the load began are set from the hashes of the
        rows as ``_insert_new`` wrote them, unless anything else may have written it
        meanwhile (a page that went the general way, an erased person scrubbed, a
        group that did not commit, another connection: ``PRAGMA data_version``), or
        a value was of a type its column does not give back alike; then, and for
        every other table, they are recounted from the rows. Sorting
        once is far cheaper than keeping thirty indexes in order row by row over
        random ids. A first load also commits pages in groups of :data:`GROUP_ROWS`
        rows or :data:`GROUP_SECONDS` (each page still lands with its own cursor; a
        page that fails rolls back alone, after the group before it is committed):
        the store is empty, so nobody waits for the write lock meanwhile. A process
        killed mid-load leaves them aside until :meth:`restore_schema` runs: at the
        next pull, or at the next ``Store.open``. And a first load pauses Python's
        cyclic garbage collector (for the whole process, until it ends): its pages are
        freed as they are used, by their reference counts, while each collection
        the pages' dictionaries set off walked them again, a fifth of a first sync's
        CPU on the device.
        """
        self.restore_schema()
        counted = self._counted()
        first_load = cursor in (0, None) and sum(counted.values()) <= BULK_LOAD_MAX_ROWS
        if first_load:
            self._defer_schema()
            self._loaded = {t: [] for t in SYNCED_TABLES if not counted.get(t)}
            self._data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
        paused = first_load and gc.isenabled()
        was = self._db.execute("PRAGMA synchronous").fetchone()[0]
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._grouping = first_load
        if paused:
            gc.disable()
        try:
            yield first_load
        finally:
            self._grouping = False
            try:
                self._end_group()
            finally:
                self._db.execute(f"PRAGMA synchronous = {int(was)}")
                try:
                    self.restore_schema()
                finally:
                    self._loaded = None
                    if paused:
                        gc.enable()

    def _begin_group(self) -> None:
        if self._grouping and self._group is None and not self._db.conn.in_transaction:
            group = contextlib.ExitStack()
            group.enter_context(self._store.transaction())
            self._group, self._group_rows = group, 0
            self._group_started = time.monotonic()

    def _end_group(self, rows: int = 0) -> None:
        """Count ``rows`` into the open group; commit it when it is big or old enough
        (always when called with no rows)."""
        if self._group is None:
            return
        self._group_rows += rows
        if rows and (
            self._group_rows < GROUP_ROWS and time.monotonic() - self._group_started < GROUP_SECONDS
        ):
            return
        group, self._group = self._group, None
        if not self._db.conn.in_transaction:
            # An error already ended the transaction (a failed COMMIT, a ROLLBACK from
            # SQLite itself): there is nothing to commit, and trying would hide it.
            self._loaded = None  # the group's rows are gone: their hashes say otherwise
            group.pop_all()
            return
        try:
            group.close()  # commits
        except BaseException:
            self._loaded = None
            raise

    def _counted(self) -> dict[str, int]:
        """How many rows each table counts in its verify sums (the server rows held)."""
        with self._store.transaction():
            return {table: count for table, (count, _) in sums.read(self._db).items()}

    def _defer_schema(self) -> None:
        """Drop the synced tables' non-unique indexes, verify-sum triggers and search-index
        triggers, keeping their SQL."""
        triggers = {name for table in SYNCED_TABLES for name in sums.trigger_names(table)}
        triggers.update(n for table in search.INDEXED_TABLES for n in search.trigger_names(table))
        triggers.update(search.SHORT_TRIGGERS)  # the shop list's short-text index (0033)
        with self._store.transaction():
            aside = bulk.schema_aside(self._db, SYNCED_TABLES, triggers)
            self.set_state(DEFERRED_SCHEMA, json.dumps(aside))
            for kind, name, _table, _sql in aside:
                self._db.execute(f"DROP {kind.upper()} {name}")

    def restore_schema(self) -> bool:
        """Build again what a first load set aside (see :meth:`pulling`), set (or
        recount) the verify sums and fill the search index of the tables whose triggers were off;
        False when nothing was aside.
        One transaction: the schema is whole again, or still aside and recorded."""
        raw = self.get_state(DEFERRED_SCHEMA)
        loaded, self._loaded = self._loaded, None
        if raw is None:
            return False
        if loaded is not None and self._db.execute("PRAGMA data_version").fetchone()[0] != (
            self._data_version
        ):
            loaded = None  # another connection wrote meanwhile: its writes were not logged
        with self._store.transaction():
            aside = json.loads(raw)
            present = {
                (kind, name)
                for kind, name in self._db.execute(
                    "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger')"
                )
            }
            for kind, name, _table, sql in aside:
                if (kind, name) not in present:
                    self._db.execute(sql)
            sums_off = {name for table in SYNCED_TABLES for name in sums.trigger_names(table)}
            for table in sorted({t for kind, name, t, _ in aside if name in sums_off}):
                found = None if loaded is None else loaded.get(table)
                if found is None:
                    sums.recount(self._db, table)
                else:  # every row this table counts, hashed as the load wrote it
                    sums.set_counted(self._db, table, found)
            for _kind, name, table, sql in aside:
                if name == search.trigger_names(table)[0]:
                    search.rebuild(self._db, table, sql)
            if any(name in search.SHORT_TRIGGERS for _kind, name, _table, _sql in aside):
                search.rebuild_short(self._db)
            self.set_state(DEFERRED_SCHEMA, None)
        return True

    def apply_page(self, changes: Sequence[Mapping[str, Any]], cursor: int | str) -> PageResult:
        """Apply one pulled page and store its cursor, in ONE transaction.

        Each change is ``{seq, table, row_id, op: "upsert" | "left", version, row}``.
        An upsert writes the server's row without outbox mutations, recomputes the
        derived search columns and sets ``version``; fields that local ``pending`` or
        ``sending`` mutations change keep their local values (and then so do
        ``updated_at``/``updated_by``). A row whose local version is already higher
        than the page's is skipped (``stale``): the page was older than an answer.
        ``left`` hard-deletes the row locally, unless it still has local mutations
        waiting: then it is kept and listed in ``kept_left`` (also remembered in
        ``sync_state['left_kept']``) and dropped by :meth:`settle_left` once they are
        answered. Pulled rows are not validated by the models (head office already
        did), but the page is checked for unknown tables, fields and ops first.
        Raises :class:`BadPage`; then nothing was written and the cursor is unchanged.
        """
        plain = _whole_upserts(changes)
        if not plain:
            self._check_page(changes)
        changes, unreadable = self._mend_page(changes, plain=plain)
        self._begin_group()
        self._page_sums = {}
        with self._store.transaction():
            left_kept = self._left_kept()
            self._shadow = self._load_shadow()
            pending = self._pending_map()
            new = self._insert_new(changes, pending, left_kept) if plain else None
            known: Collection[tuple[str, str]]
            if new is not None:  # the usual page: every row new here
                result, known = PageResult(upserted=new), ()
            else:
                result, known = self._apply_changes(changes, pending, left_kept)
            erased = self._after_upserts(changes, unreadable, known, plain=new is not None)
            self._save_left_kept(left_kept)
            self._save_shadow(self._shadow)
            self.set_state("cursor", json.dumps(cursor))
        if self._loaded is not None:
            if new is None or erased:  # rows written, changed or removed one by one
                self._loaded = None
            else:
                for table, found in self._page_sums.items():
                    if table in self._loaded:  # else recounted: a value it could not take
                        self._loaded[table] += found
        self._end_group(max(1, len(changes)))
        return result

    def _apply_changes(
        self,
        changes: Sequence[Mapping[str, Any]],
        pending: Mapping[tuple[str, str], set[str]],
        left_kept: set[tuple[str, str]],
    ) -> tuple[PageResult, Collection[tuple[str, str]]]:
        """Write a checked page change by change (the general way), and say which of
        its rows existed here before."""
        upserted = removed = 0
        kept_left: list[tuple[str, str]] = []
        stale: list[tuple[str, str]] = []
        known = self._local_versions(changes)
        # New rows are inserted in batches per table and column set; a row seen
        # twice in one page is never batched (the batches are written first).
        batches: dict[tuple[str, tuple[str, ...]], list[tuple[int, list[Any]]]] = {}
        seen: set[tuple[str, str]] = set()
        for index, change in enumerate(changes):
            table, row_id = change["table"], change["row_id"]
            key = (table, row_id)
            again = key in seen
            seen.add(key)
            if again:
                upserted += self._flush(batches, changes)
            protected = pending.get(key, set())
            if change["op"] == "left":
                if protected:
                    kept_left.append(key)
                    left_kept.add(key)
                elif table == "users" and change.get("row"):
                    upserted += self._flush(batches, changes)
                    self._keep_person(row_id, change["row"])
                    left_kept.discard(key)
                else:
                    self._db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
                    left_kept.discard(key)
                    removed += 1
                continue
            left_kept.discard(key)
            if key not in known and not again:
                row = change["row"]
                if row.keys() == _WHOLE_ROW[table]:
                    # The usual case, kept lean: a whole row, in a fixed column order.
                    values = [
                        row_id,
                        change["version"],
                        *map(row.__getitem__, _ROW_COLUMNS[table]),
                    ]
                    if table in DERIVED:
                        values += derived_columns(table, row).values()
                    batches.setdefault((table, _INSERT_COLUMNS[table]), []).append((index, values))
                    continue
                fresh = self._new_row_values(table, row_id, change)
                batch = batches.setdefault((table, tuple(fresh)), [])
                batch.append((index, list(fresh.values())))
                continue
            try:
                if self._upsert(table, row_id, change, protected):
                    upserted += 1
                else:
                    stale.append(key)
            except sqlite3.IntegrityError as exc:
                raise self._integrity_error(exc, index, table, row_id) from None
        upserted += self._flush(batches, changes)
        result = PageResult(upserted=upserted, removed=removed, kept_left=kept_left, stale=stale)
        return result, known.keys()

    def _insert_new(
        self,
        changes: Sequence[Mapping[str, Any]],
        pending: Mapping[tuple[str, str], set[str]],
        left_kept: set[tuple[str, str]],
    ) -> int | None:
        """Insert a page of whole new rows (``_whole_upserts``) in one ``executemany`` per
        table, their values taken by ``itemgetter`` (no Python step per value); the
        number inserted, or None when the page must go the general way (nothing was
        written): a row exists here already or comes twice (no insert may then do
        nothing: ``ON CONFLICT DO NOTHING`` counts them), a row has local changes
        waiting or was kept after a ``left``, a row's version is not its change's. A
        first load's pages all go this way."""
        if pending or left_kept:
            keys = set(zip(map(_TABLE, changes), map(_ROW_ID, changes), strict=True))
            if not (keys.isdisjoint(pending) and keys.isdisjoint(left_kept)):
                return None
        rows = list(map(_ROW, changes))
        if list(map(_VERSION, rows)) != list(map(_VERSION, changes)):
            return None
        batches: dict[tuple[str, tuple[str, ...]], list[Sequence[Any]]] = {}
        start = 0
        for table, run in groupby(map(_TABLE, changes)):
            end = start + len(list(run))
            part = rows[start:end]
            values: list[Sequence[Any]] = list(map(_INSERT_VALUES[table], part))
            if table in DERIVED:
                values = [
                    (*v, *derived_columns(table, r).values())
                    for v, r in zip(values, part, strict=True)
                ]
            batches.setdefault((table, _INSERT_COLUMNS[table]), []).extend(values)
            if self._loaded is not None and table in self._loaded:
                self._hash_new(table, part)
            start = end
        try:
            with self._store.transaction():
                for (table, cols), batch in batches.items():
                    sql = (
                        f"INSERT INTO {table} ({', '.join(cols)})"
                        f" VALUES ({', '.join('?' for _ in cols)}) ON CONFLICT DO NOTHING"
                    )
                    if self._db.conn.executemany(sql, batch).rowcount != len(batch):
                        raise _NotNew()
        except (_NotNew, sqlite3.IntegrityError):
            return None  # rolled back; the general way tells which change is at fault
        return len(rows)

    def _hash_new(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Inside a first load, the verify-sum hashes of whole new rows of ``table`` as
        written (``_page_sums``, kept once the page is): each value hashes as SQLite
        gives it back when its type is one the column keeps alike
        (``sums.stored_alike``); else the table is recounted from its rows at the end."""
        plan = self._hash_plans.get(table)
        if plan is None:
            columns = sums.hashed_columns(self._db, table)
            alike = sums.stored_alike(self._db, table)
            keep = [alike[c] for c in ("id", "version", "deleted", *columns)]
            plan = self._hash_plans[table] = (
                columns,
                itemgetter("id", "version", "deleted", *columns),
                keep,
            )
        columns, getter, keep = plan
        found = list(map(getter, rows))
        for column, types in zip(zip(*found, strict=True), keep, strict=True):
            kinds = set(map(type, column))
            if not kinds <= types or (float in kinds and any(map(ne, column, column))):
                assert self._loaded is not None
                del self._loaded[table]  # a NaN, or a value SQLite turns into another
                return
        ids = [r[0] for r in found]
        self._page_sums.setdefault(table, []).extend(
            zip(ids, sums.row_hashes(columns, found), strict=True)
        )

    def _after_upserts(
        self,
        changes: Sequence[Mapping[str, Any]],
        unreadable: Mapping[tuple[str, str, int], list[readable.Problem]],
        known: Collection[tuple[str, str]],
        *,
        plain: bool = False,
    ) -> bool:
        """What every page does after its writes: scrub what this device keeps of the
        people it says were erased, forget what was kept aside of its rows, keep aside
        what they held that could not be read (``plain``: all upserts of whole rows).
        True when it scrubbed (rows were written)."""
        erased = True
        if plain:  # rows of the people's tables that say erased: none, usually
            about = map(ABOUT.__contains__, map(_TABLE, changes))
            erased = any(map(_ERASED_AT, compress(map(_ROW, changes), about)))
        if erased:
            forget: set[str] = set()
            for change in changes:
                row = change.get("row") or {}
                if change["table"] in ABOUT and row.get("erased_at"):
                    self.scrub_erased(change["row_id"], change["table"])
                    if (change["table"], change["row_id"]) in known:  # had its values here
                        forget.add(change["table"])
            for table in sorted(forget):
                search.forget_erased(self._db, table)
        quarantine.clear(self._db, ((c["table"], c["row_id"]) for c in changes))
        at = format_datetime(self._store.now())
        for (table, row_id, version), found in unreadable.items():
            quarantine.record(self._db, table, row_id, version, found, at)
        return erased

    def _keep_person(self, user_id: str, row: Mapping[str, Any]) -> None:
        """A person left this scope: keep a minimal row (name and role, no team, no
        mobile, version 0 so that verify does not count it), because rows of this scope
        may still name them (a visit's rep, a reviewer; docs/sync-protocol.md "Team
        moves and references")."""
        now = format_datetime(self._store.now())
        values = {
            "name": row.get("name") or "—",
            "role": row.get("role") or "rep",
            "created_at": row.get("created_at") or now,
            "updated_at": row.get("updated_at") or now,
        }
        self._db.execute(
            "INSERT INTO users (id, name, role, team_id, mobile, created_at, updated_at,"
            " deleted, version) VALUES (?, ?, ?, NULL, NULL, ?, ?, 0, 0)"
            " ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,"
            " team_id = NULL, mobile = NULL, deleted = 0, version = 0",
            [user_id, *values.values()],
        )

    @staticmethod
    def _mend_page(
        changes: Sequence[Mapping[str, Any]], *, plain: bool = False
    ) -> tuple[Sequence[Mapping[str, Any]], dict[tuple[str, str, int], list[readable.Problem]]]:
        """The page with every row a reader could not read mended (``fieldapp.readable``),
        and the problems of each such ``(table, row_id, version)`` to keep aside
        (``plain``: all upserts of whole rows, ``_whole_upserts``)."""
        if plain:
            upserts: Iterable[tuple[str, Mapping[str, Any]]] = zip(
                map(_TABLE, changes), map(_ROW, changes), strict=True
            )
        else:
            upserts = [(c["table"], c["row"]) for c in changes if c["op"] == "upsert"]
        if readable.all_fine(upserts):
            return changes, {}  # the usual page: one quick pass
        out: list[Mapping[str, Any]] = []
        found: dict[tuple[str, str, int], list[readable.Problem]] = {}
        for change in changes:
            if change["op"] == "upsert":
                fixed, problems = readable.mend(change["table"], change["row"])
                if fixed != change["row"]:
                    change = {**change, "row": fixed}
                if problems:
                    found[(change["table"], change["row_id"], change["version"])] = problems
            out.append(change)
        return out, found

    @staticmethod
    def _integrity_error(
        exc: sqlite3.IntegrityError, index: int, table: str, row_id: str
    ) -> BadPage:
        text = str(exc)
        code = "duplicate" if "UNIQUE" in text else "constraint"
        return BadPage(code, index=index, table=table, row_id=row_id, detail=text)

    def _pending_map(self) -> dict[tuple[str, str], set[str]]:
        """Fields each row's local mutations still waiting to be pushed change (one query)."""
        out: dict[tuple[str, str], set[str]] = {}
        for r in self._db.execute(
            "SELECT table_name, row_id, changes FROM outbox WHERE state IN ('pending', 'sending')"
        ):
            out.setdefault((r[0], r[1]), set()).update(json.loads(r[2]))
        return out

    def _local_versions(self, changes: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], int]:
        """``{(table, id): version}`` of the page's rows that exist locally (a few queries)."""
        ids: dict[str, set[str]] = {}
        for change in changes:
            ids.setdefault(change["table"], set()).add(change["row_id"])
        out: dict[tuple[str, str], int] = {}
        for table, wanted in ids.items():
            listed = sorted(wanted)
            for start in range(0, len(listed), 500):
                chunk = listed[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                for row_id, version in self._db.execute(
                    f"SELECT id, version FROM {table} WHERE id IN ({marks})", chunk
                ):
                    out[(table, row_id)] = int(version)
        return out

    def _new_row_values(self, table: str, row_id: str, change: Mapping[str, Any]) -> dict[str, Any]:
        """The columns of a pulled row that does not exist locally yet."""
        skip = _NOT_WRITTEN[table]
        row = change["row"]
        values: dict[str, Any] = {"id": row_id}
        values.update((k, v) for k, v in row.items() if k not in skip)
        values["version"] = int(change["version"])
        if "created_at" not in values:
            values["created_at"] = format_datetime(self._store.now())
        values.setdefault("updated_at", values["created_at"])
        if table in DERIVED:
            values |= derived_columns(table, values)
        return values

    def _flush(
        self,
        batches: dict[tuple[str, tuple[str, ...]], list[tuple[int, list[Any]]]],
        changes: Sequence[Mapping[str, Any]],
    ) -> int:
        """Insert the batched new rows; return how many. On a constraint error the batch
        is tried row by row to name the change at fault (then the page is refused)."""
        written = 0
        for (table, cols), batch in batches.items():
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
            try:
                with self._store.transaction():
                    self._db.conn.executemany(sql, [values for _, values in batch])
            except sqlite3.IntegrityError:
                for index, values in batch:
                    try:
                        self._db.execute(sql, values)
                    except sqlite3.IntegrityError as exc:
                        row_id = changes[index]["row_id"]
                        raise self._integrity_error(exc, index, table, row_id) from None
            written += len(batch)
        batches.clear()
        return written

    def scrub_erased(self, person_id: str, person: str = "kocs") -> int:
        """Remove an erased person's (a KOC's, an owner's) personal values from what this
        device keeps besides the rows: outbox mutations of the person and of the rows
        about them (``ABOUT``: shop links, invitations; values of answered ones become
        null; pending ones never sent lose personal fields that would bring a value back,
        and one left with nothing is marked ``rejected``/``erased``; sent ones wait for
        their answer) and local conflicts about
        those fields. Returns how many outbox rows changed."""
        ids: dict[str, set[str]] = {person: {person_id}}
        for table, ref in ABOUT[person].items():
            ids[table] = {
                r[0]
                for r in self._db.execute(f"SELECT id FROM {table} WHERE {ref} = ?", [person_id])
            }
        changed = 0
        with self._store.transaction():
            for table, row_ids in ids.items():
                if not row_ids:
                    continue
                personal = PERSONAL_FIELDS[table]
                marks = ", ".join("?" for _ in row_ids)
                # A mutation sent and not yet answered (``sending``, or ``pending`` again
                # after an answer was lost) is never changed: head office may have applied
                # it already. The erase is a later mutation, and its values are scrubbed
                # once answered (``record_answers``).
                found = self._db.execute(
                    f"SELECT seq, changes, state, op FROM outbox WHERE table_name = ?"
                    f" AND row_id IN ({marks})"
                    f" AND NOT (state IN ('pending', 'sending') AND sent = 1)",
                    [table, *sorted(row_ids)],
                ).fetchall()
                for seq, raw, state, op in found:
                    changes = json.loads(raw)
                    before = json.dumps(changes, sort_keys=True)
                    for field in personal:
                        if field not in changes:
                            continue
                        erased = erased_value(table, field)
                        if (
                            state in _UNSENT
                            and op == "update"
                            and changes[field].get("new") != erased
                        ):
                            del changes[field]  # would bring a personal value back
                        else:
                            # An insert not yet sent carries the erased values, so that
                            # the anonymous facts reach head office whole.
                            changes[field] = {"old": None, "new": erased}
                    if json.dumps(changes, sort_keys=True) == before:
                        continue
                    if state in _UNSENT and not changes:
                        self._db.execute(
                            "UPDATE outbox SET changes = '{}', state = 'rejected',"
                            " error_code = 'erased' WHERE seq = ?",
                            [seq],
                        )
                    else:
                        self._db.execute(
                            "UPDATE outbox SET changes = ? WHERE seq = ?",
                            [json.dumps(changes, ensure_ascii=False), seq],
                        )
                    changed += 1
                # The rows themselves: a pulled erase never leaves a protected local value.
                values = {f: erased_value(table, f) for f in personal}
                if table in DERIVED:
                    values |= derived_columns(table, values)
                sets = ", ".join(f"{f} = ?" for f in values)
                self._db.execute(
                    f"UPDATE {table} SET {sets} WHERE id IN ({marks})",
                    [*values.values(), *sorted(row_ids)],
                )
                fields = ", ".join("?" for _ in personal)
                self._db.execute(
                    f"UPDATE conflicts SET kept_value = NULL, lost_value = NULL"
                    f" WHERE table_name = ? AND row_id IN ({marks}) AND field IN ({fields})",
                    [table, *sorted(row_ids), *personal],
                )
        return changed

    def settle_left(self) -> list[tuple[str, str]]:
        """Drop rows kept after a ``left`` whose local mutations have all been answered."""
        with self._store.transaction():
            left_kept = self._left_kept()
            dropped = []
            for table, row_id in sorted(left_kept):
                if not self.pending_fields(table, row_id):
                    self._db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
                    dropped.append((table, row_id))
            if dropped:
                self._save_left_kept(left_kept - set(dropped))
            return dropped

    def _load_shadow(self) -> dict[str, Any]:
        raw = self.get_state("shadow")
        return dict(json.loads(raw)) if raw else {}

    def _save_shadow(self, shadow: Mapping[str, Any]) -> None:
        self.set_state("shadow", json.dumps(dict(shadow), ensure_ascii=False) if shadow else None)

    def _left_kept(self) -> set[tuple[str, str]]:
        raw = self.get_state("left_kept")
        return {(t, r) for t, r in json.loads(raw)} if raw else set()

    def _save_left_kept(self, keys: set[tuple[str, str]]) -> None:
        self.set_state("left_kept", json.dumps(sorted(keys)) if keys else None)

    def _check_page(self, changes: Sequence[Mapping[str, Any]]) -> None:
        allowed = _ALLOWED_FIELDS
        for index, change in enumerate(changes):
            if type(change) is not dict and not isinstance(change, Mapping):
                raise BadPage("invalid_change", index=index, detail="not an object")
            table = change.get("table")
            row_id = change.get("row_id")
            if not isinstance(table, str) or table not in SYNCED_TABLES:
                raise BadPage("unknown_table", index=index, table=str(table))
            if not isinstance(row_id, str) or not row_id:
                raise BadPage("invalid_change", index=index, table=table, field="row_id")
            op = change.get("op")
            if op not in ("upsert", "left"):
                raise BadPage("unknown_op", index=index, table=table, row_id=row_id)
            version = change.get("version")
            if op == "upsert" and (type(version) is not int or version < 1):
                raise BadPage(
                    "invalid_change", index=index, table=table, row_id=row_id, field="version"
                )
            if op == "left":
                person = change.get("row")
                if person is not None and (
                    table != "users"
                    or not isinstance(person, Mapping)
                    or not _SCALAR_TYPES.issuperset(map(type, person.values()))
                    or not person.keys() <= _ALLOWED_FIELDS["users"]
                ):
                    raise BadPage("invalid_change", index=index, table=table, row_id=row_id)
                continue
            row = change.get("row")
            if type(row) is not dict and not isinstance(row, Mapping):
                raise BadPage("invalid_change", index=index, table=table, row_id=row_id)
            if row.keys() != _WHOLE_ROW[table]:
                unknown = row.keys() - allowed[table]
                if unknown:
                    raise BadPage(
                        "unknown_field", index=index, table=table, row_id=row_id, field=min(unknown)
                    )
            if not _SCALAR_TYPES.issuperset(map(type, row.values())):
                for name, value in row.items():
                    if isinstance(value, (dict, list)):
                        raise BadPage(
                            "invalid_change", index=index, table=table, row_id=row_id, field=name
                        )
            if row.get("id", row_id) != row_id:
                raise BadPage("invalid_change", index=index, table=table, row_id=row_id, field="id")

    def _upsert(
        self, table: str, row_id: str, change: Mapping[str, Any], protected: set[str]
    ) -> bool:
        """Write one pulled row; False when the local row is already newer (skipped)."""
        version = int(change["version"])
        existing = next(self._db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id]), None)
        if existing is not None and int(existing["version"]) > version:
            return False
        derived = DERIVED.get(table, ())
        values: dict[str, Any] = {}
        for name, value in change["row"].items():
            if name in protected and name not in derived:
                # Head office's value of a field a local edit still holds: if head office
                # refuses the edit, this is what the row shows again.
                self._shadow[f"{table}|{row_id}|{name}"] = value
            if name in derived or name in ("id", "version") or name in protected:
                continue
            values[name] = _sql(value)
        values["version"] = version
        if existing is None:
            now = format_datetime(self._store.now())
            values.setdefault("created_at", now)
            values.setdefault("updated_at", values["created_at"])
            merged = {"id": row_id, **values}
        else:
            if protected:
                # The local edit is the newest word on this row until it is pushed.
                values.pop("updated_at", None)
                values.pop("updated_by", None)
            merged = {**dict(existing), **values}
        if derived:
            values |= derived_columns(table, merged)
        if existing is None:
            values["id"] = row_id
            cols = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            self._db.execute(
                f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values())
            )
        else:
            sets = ", ".join(f"{k} = ?" for k in values)
            self._db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])
        return True

    # ------------------------------------------------------------------ quarantine

    def quarantined(self) -> list[quarantine.Quarantined]:
        """Received values this device could not read, kept aside (the rows were mended)."""
        return quarantine.listing(self._db)

    def quarantine_count(self) -> int:
        """How many received values are kept aside."""
        return quarantine.count(self._db)

    # ------------------------------------------------------------------ verify

    def checksums(
        self, leave_out: Mapping[str, Collection[str]] | None = None
    ) -> dict[str, tuple[int, int]]:
        """Per synced table ``(count, checksum)`` over rows with ``version > 0``.

        Live rows and tombstones alike; the checksum is the sum modulo 2**64 of each
        row's ``fieldapp.kinds.row_hash`` (its id, version, deleted flag and synced
        fields: docs/sync-protocol.md, "Verify"). Read from the running sums the
        triggers keep (``fieldapp/store/sums.py``), so it costs the rows changed since
        the last read. ``leave_out`` ({table: ids}): rows not counted (those head office
        left out of its answer, and rows with changes still waiting). Every synced table
        is listed, empty ones as ``(0, 0)``.
        """
        with self._store.transaction():
            kept = sums.read(self._db)
            out = {table: kept.get(table, (0, 0)) for table in SYNCED_TABLES}
            for table, found in sums.hashes_of(self._db, leave_out or {}).items():
                if table not in out or not found:
                    continue
                count, total = out[table]
                out[table] = (count - len(found), (total - sum(found.values())) % 2**64)
        return out

    def row_hashes(self, table: str) -> dict[str, int]:
        """``{row_id: row_hash}`` of ``table``'s rows with ``version > 0`` (a repair
        compares them with head office's, row by row)."""
        if table not in SYNCED_TABLES:
            return {}
        with self._store.transaction():
            sums.read(self._db)
            return dict(sums.all_hashes(self._db, table))

    def waiting_rows(self) -> dict[str, set[str]]:
        """``{table: row ids}`` of rows with an outbox mutation not yet answered (pending
        or being sent): their content is the device's, not yet head office's."""
        out: dict[str, set[str]] = {}
        for table, row_id in self._db.execute(
            "SELECT DISTINCT table_name, row_id FROM outbox WHERE state IN ('pending', 'sending')"
        ):
            out.setdefault(str(table), set()).add(str(row_id))
        return out

    def checksums_by_rows(self) -> dict[str, tuple[int, int]]:
        """What :meth:`checksums` answers, recomputed from every row (slow; for checks)."""
        return {table: sums.by_rows(self._db, table) for table in SYNCED_TABLES}

    def conflicts(self, *, unresolved_only: bool = True) -> list[ConflictRow]:
        """Conflict rows (not tombstoned), oldest first."""
        sql = "SELECT * FROM conflicts WHERE deleted = 0"
        if unresolved_only:
            sql += " AND resolved = 0"
        sql += " ORDER BY created_at, rowid"
        return [ConflictRow.from_row(r) for r in self._db.query(sql)]

    def get_conflict(self, conflict_id: str) -> ConflictRow:
        """One live conflict row; raises :class:`NotFound`."""
        row = next(
            self._db.query("SELECT * FROM conflicts WHERE id = ? AND deleted = 0", [conflict_id]),
            None,
        )
        if row is None:
            raise NotFound("conflicts", conflict_id)
        return ConflictRow.from_row(row)

    def resolve_conflict(self, conflict_id: str, *, keep: Literal["kept", "lost"]) -> ConflictRow:
        """Settle a conflict; return it resolved. All in one transaction.

        ``keep="lost"`` writes the lost value to its row with the repository's
        ordinary ``update`` (validated, and pushed like any edit); ``"kept"`` leaves
        the row alone. Either way the conflict row is marked ``resolved`` with the
        choice as ``resolution``, an ordinary update with its own outbox mutation.
        Raises :class:`NotFound` (no such conflict, or its row is gone or deleted) and
        :class:`ValidationError` (bad ``keep``, already resolved, or the lost value
        no longer valid).
        """
        if keep not in ("kept", "lost"):
            raise ValidationError.single("keep", "invalid_choice", entity="conflicts")
        store = self._store
        with store.transaction():
            conflict = self.get_conflict(conflict_id)
            if conflict.resolved:
                raise ValidationError.single("resolved", "not_editable", entity="conflicts")
            if keep == "lost" and conflict.field == "deleted":
                # A whole-row conflict (docs/sync-protocol.md "Deletes, references and
                # uniqueness"): taking the lost delete deletes the row again, with the
                # store's own rules; a lost "live" cannot bring a deleted row back.
                if conflict.lost_value is not True:
                    raise NotFound(conflict.table, conflict.row_id)
                store.repo(conflict.table).delete(conflict.row_id)
            elif keep == "lost":
                store.repo(conflict.table).update(
                    conflict.row_id, **{conflict.field: conflict.lost_value}
                )
            now = format_datetime(store.now())
            self._db.execute(
                "UPDATE conflicts SET resolved = 1, resolution = ?, updated_at = ?,"
                " updated_by = ? WHERE id = ?",
                [keep, now, store.user_id, conflict_id],
            )
            diff = {"resolved": Change(False, True)}
            if conflict.resolution != keep:
                diff["resolution"] = Change(conflict.resolution, keep)
            store.outbox.append(
                table="conflicts",
                row_id=conflict_id,
                op="update",
                changes=diff,
                base_version=conflict.version,
                user_id=store.user_id,
                created_at=now,
            )
            return self.get_conflict(conflict_id)
