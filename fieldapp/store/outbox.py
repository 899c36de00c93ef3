"""The sync outbox: one mutation per local write, committed in the same transaction.

A mutation records which row of which table changed, how (insert, update,
delete), every changed field with its old and new value, the server version the
change was based on, and a per-device sequence number that only ever grows.
The sync client reads pending mutations in ``seq`` order, marks the ones it is
sending, and records the server's answer for each.
Threading: used only through the ``Store`` that owns the connection.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .db import Sql

Op = Literal["insert", "update", "delete"]
State = Literal["pending", "sending", "applied", "conflict", "rejected"]
STATES: tuple[State, ...] = ("pending", "sending", "applied", "conflict", "rejected")


@dataclass(frozen=True)
class Change:
    old: Any
    new: Any


@dataclass(frozen=True)
class Mutation:
    """One local write waiting for (or done with) the trip to head office."""

    seq: int
    mutation_id: str
    device_id: str
    user_id: str | None
    table: str
    row_id: str
    op: Op
    changes: dict[str, Change]
    base_version: int
    created_at: str
    state: State
    result: dict[str, Any] | None
    error_code: str | None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Mutation:
        raw = json.loads(row["changes"])
        return cls(
            seq=row["seq"],
            mutation_id=row["mutation_id"],
            device_id=row["device_id"],
            user_id=row["user_id"],
            table=row["table_name"],
            row_id=row["row_id"],
            op=row["op"],
            changes={k: Change(v["old"], v["new"]) for k, v in raw.items()},
            base_version=row["base_version"],
            created_at=row["created_at"],
            state=row["state"],
            result=json.loads(row["result"]) if row["result"] else None,
            error_code=row["error_code"],
        )


def _encode(changes: Mapping[str, Change]) -> str:
    return json.dumps(
        {k: {"old": c.old, "new": c.new} for k, c in changes.items()},
        ensure_ascii=False,
        sort_keys=True,
    )


class Outbox:
    """Read and append sync mutations. Appending is done by the store's write path."""

    def __init__(self, db: Sql, device_id: str) -> None:
        self._db = db
        self.device_id = device_id

    def append(
        self,
        *,
        table: str,
        row_id: str,
        op: Op,
        changes: Mapping[str, Change],
        base_version: int,
        user_id: str | None,
        created_at: str,
    ) -> int:
        """Record one mutation; must run inside the write's transaction. Return its seq.

        Consecutive edits of the same row while nothing else was written, no pull
        changed the row, and the previous mutation is still ``pending`` and was never
        sent are folded into that one: typing into a field autosaves often, and one
        mutation per keystroke would only slow sync down. The first old value is kept,
        the last new one wins.
        """
        import uuid  # not on the start-up path (uuid loads platform)

        assert self._db.conn.in_transaction, "outbox writes belong to the data write's transaction"
        if op == "update":
            last = next(
                self._db.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1"),
                None,
            )
            if (
                last is not None
                and last["state"] == "pending"
                and not last.get("sent")  # once sent, the server may have applied it
                and last["table_name"] == table
                and last["row_id"] == row_id
                and last["op"] in ("insert", "update")
                # a pull changed the row since (its version moved): the first old values
                # are no longer what the server holds, so folding could drop an edit
                and last["base_version"] == base_version
            ):
                merged = {
                    k: Change(v["old"], v["new"]) for k, v in json.loads(last["changes"]).items()
                }
                for name, change in changes.items():
                    before = merged.get(name)
                    merged[name] = Change(before.old if before else change.old, change.new)
                if last["op"] == "update":
                    merged = {k: c for k, c in merged.items() if c.old != c.new}
                if not merged:
                    self._db.execute("DELETE FROM outbox WHERE seq = ?", [last["seq"]])
                    return int(last["seq"])
                self._db.execute(
                    "UPDATE outbox SET changes = ? WHERE seq = ?", [_encode(merged), last["seq"]]
                )
                return int(last["seq"])
        cursor = self._db.execute(
            "INSERT INTO outbox (mutation_id, device_id, user_id, table_name, row_id, op, changes,"
            " base_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                str(uuid.uuid4()),
                self.device_id,
                user_id,
                table,
                row_id,
                op,
                _encode(changes),
                base_version,
                created_at,
            ],
        )
        return int(cursor.lastrowid or 0)

    def append_many(self, rows: list[tuple[Any, ...]]) -> None:
        """Bulk form for trusted bulk inserts: tuples of (table, row_id, changes_json,
        user_id, created_at), all inserts with base version 0. Runs in the caller's transaction."""
        import uuid  # not on the start-up path (uuid loads platform)

        self._db.conn.executemany(
            "INSERT INTO outbox (mutation_id, device_id, user_id, table_name, row_id, op, changes,"
            " base_version, created_at) VALUES (?, ?, ?, ?, ?, 'insert', ?, 0, ?)",
            [
                (str(uuid.uuid4()), self.device_id, user, table, row_id, changes, created)
                for table, row_id, changes, user, created in rows
            ],
        )

    def pending(self, *, limit: int | None = None, after_seq: int = 0) -> list[Mutation]:
        """Mutations not yet answered by the server (pending or being sent), in seq order."""
        sql = "SELECT * FROM outbox WHERE state IN ('pending', 'sending') AND seq > ? ORDER BY seq"
        params: list[Any] = [after_seq]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [Mutation.from_row(r) for r in self._db.query(sql, params)]

    def list(
        self,
        *,
        state: State | None = None,
        table: str | None = None,
        row_id: str | None = None,
        limit: int | None = None,
    ) -> list[Mutation]:
        """Mutations filtered by state, table and row, in seq order."""
        clauses: list[str] = []
        params: list[Any] = []
        if state is not None:
            clauses.append("state = ?")
            params.append(state)
        if table is not None:
            clauses.append("table_name = ?")
            params.append(table)
        if row_id is not None:
            clauses.append("row_id = ?")
            params.append(row_id)
        sql = "SELECT * FROM outbox"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [Mutation.from_row(r) for r in self._db.query(sql, params)]

    def count(self, *, state: State | None = None) -> int:
        if state is None:
            row = next(self._db.query("SELECT count(*) AS n FROM outbox"))
        else:
            row = next(self._db.query("SELECT count(*) AS n FROM outbox WHERE state = ?", [state]))
        return int(row["n"])

    def last_seq(self) -> int:
        """The highest sequence number ever handed out on this device (0 if none)."""
        row = next(self._db.query("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"), None)
        return int(row["seq"]) if row else 0

    def pending_rows(self) -> set[tuple[str, str]]:
        """(table, row_id) of every row with a mutation still waiting to be pushed."""
        return {
            (r["table_name"], r["row_id"])
            for r in self._db.query(
                "SELECT DISTINCT table_name, row_id FROM outbox"
                " WHERE state IN ('pending', 'sending')"
            )
        }
