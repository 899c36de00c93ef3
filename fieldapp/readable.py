"""Rows a reader can read: find and mend values that break ``fieldapp.values``' rules.

Head office refuses such values now, but an older server accepted some (a NUL in a text,
``0001-01-01T00:00:00+14:00``, a naive time, ``2024-W01-1``). Whoever reads rows written
elsewhere passes them through :func:`mend` first: the device's replica on every pulled
row and on the rows already stored (migration 0014, which keeps the originals in the
``quarantine`` table, listed by ``check`` and the sync status), and head office's export.
A mended row is readable by the model, every page and the export writer: a bad text
character becomes U+FFFD, a bad date or datetime becomes null, or :data:`PLACEHOLDER_DAY`
/ :data:`PLACEHOLDER_MOMENT` where the field is required, a naive but otherwise valid
datetime is taken as UTC. Thread-agnostic: pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter, methodcaller
from typing import Any

from . import values
from .model import ENTITY_BY_TABLE

#: What a required date or datetime holds when its value could not be read.
PLACEHOLDER_DAY = values.FIRST_DAY.isoformat()
PLACEHOLDER_MOMENT = values.FIRST_MOMENT.isoformat(timespec="seconds")
#: What replaces a character no store may keep.
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Problem:
    """One unreadable value: where, why (a ``fieldapp.values`` code) and what it was."""

    field: str
    code: str
    value: Any


def _kind(annotation: Any) -> str | None:
    """``datetime``, ``date`` or ``text`` for a model field's annotation, else None."""
    found: set[Any] = set()

    def walk(a: Any) -> None:
        if a in (dt.datetime, dt.date, str):
            found.add(a)
        for arg in typing.get_args(a):
            walk(arg)
        origin = typing.get_origin(a)
        if origin is not None and origin not in (typing.Union, types.UnionType):
            walk(origin)

    walk(annotation)
    if dt.datetime in found:
        return "datetime"
    if dt.date in found:
        return "date"
    return "text" if str in found else None


def _kinds() -> dict[str, dict[str, tuple[str, bool]]]:
    out: dict[str, dict[str, tuple[str, bool]]] = {}
    for table, entity in ENTITY_BY_TABLE.items():
        fields: dict[str, tuple[str, bool]] = {}
        for name, info in entity.model_fields.items():
            kind = _kind(info.annotation)
            if kind is not None and name != "id":  # an id is the row's key, never mended
                fields[name] = (kind, info.is_required())
        out[table] = fields
    return out


#: table -> field -> (kind, required) for every text, date and datetime field.
KINDS: dict[str, dict[str, tuple[str, bool]]] = _kinds()


def _mended(kind: str, required: bool, value: Any, code: str) -> Any:
    if kind == "text":
        return values.BAD_CHARACTER.sub(REPLACEMENT, value)
    if kind == "datetime" and code == values.INVALID_DATETIME and isinstance(value, str):
        try:  # a naive time from an older server: the old model took it as UTC
            naive = dt.datetime.fromisoformat(value)
            if naive.tzinfo is None:
                return values.check_moment(naive.replace(tzinfo=dt.UTC)).isoformat(
                    timespec="seconds"
                )
        except ValueError:
            pass
    if not required:
        return None
    return PLACEHOLDER_MOMENT if kind == "datetime" else PLACEHOLDER_DAY


# The usual stored forms, in range, checked in one step (the slow path names the problem).
_MOMENT = (
    r"(?:19[7-9][0-9]|20[0-9]{2}|2100)-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\+00:00"
)
_DAY = r"(?:19[0-9]{2}|20[0-9]{2}|2100)-[01][0-9]-[0-3][0-9]"
#: Many values joined by single spaces, each in its usual stored form and in range.
_MOMENTS = re.compile(f"{_MOMENT}(?: {_MOMENT})*", re.ASCII)
_DAYS = re.compile(f"{_DAY}(?: {_DAY})*", re.ASCII)
#: table -> (text fields, date fields, datetime fields)
_BY_KIND: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    table: tuple(  # type: ignore[misc]
        tuple(n for n, (k, _r) in fields.items() if k == kind)
        for kind in ("text", "date", "datetime")
    )
    for table, fields in KINDS.items()
}


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def all_fine(rows: Iterable[tuple[str, Mapping[str, Any]]]) -> bool:
    """Whether every ``(table, row)`` holds only readable values in their usual form: the
    fast check of a whole pulled page (a handful of C-speed passes, no call per value);
    False sends the caller to :func:`mend` row by row."""
    texts: list[Any] = []
    days: list[Any] = []
    moments: list[Any] = []
    # Column by column over each run of one table's rows (a page holds a few long runs).
    for table, run in groupby(rows, key=_FIRST):
        by_kind = _BY_KIND.get(table)
        if by_kind is None:
            continue
        found = list(map(_SECOND, run))
        for into, names in zip((texts, days, moments), by_kind, strict=True):
            for name in names:
                into.extend(map(methodcaller("get", name), found))
    return values_fine(texts, days, moments)


def values_fine(texts: list[Any], days: list[Any], moments: list[Any]) -> bool:
    """:func:`all_fine` over plain lists of text, date and datetime values (None allowed)."""
    try:
        joined = "".join(filter(None, texts))
        # isprintable() is the quick yes; line breaks, tabs and wide spaces ask the regex.
        if not joined.isprintable() and values.BAD_CHARACTER.search(joined) is not None:
            return False
        days = list(filter(None, days))
        moments = list(filter(None, moments))
        # fromisoformat raises ValueError on a day no calendar has (2024-02-30).
        if days and (_DAYS.fullmatch(" ".join(days)) is None or not all(map(_fromiso_day, days))):
            return False
        if moments and (
            _MOMENTS.fullmatch(" ".join(moments)) is None or not all(map(_fromiso_moment, moments))
        ):
            return False
    except (TypeError, ValueError):  # a value of another type, or no such day
        return False
    return True


def problems(table: str, row: Mapping[str, Any]) -> list[Problem]:
    """The values of ``row`` (a row of ``table``) no reader may be handed."""
    if table not in KINDS or all_fine([(table, row)]):
        return []
    out: list[Problem] = []
    for name, (kind, _required) in KINDS[table].items():
        value = row.get(name)
        if value is None:
            continue
        code = values.value_problem(kind, value)
        if code is not None:
            out.append(Problem(name, code, value))
    return out


_fromiso_day = dt.date.fromisoformat
_fromiso_moment = dt.datetime.fromisoformat


def mend(table: str, row: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """``row`` with every unreadable value mended, and the problems found (none: a copy)."""
    found = problems(table, row)
    out = dict(row)
    kinds = KINDS.get(table, {})
    for problem in found:
        kind, required = kinds[problem.field]
        out[problem.field] = _mended(kind, required, problem.value, problem.code)
    bad = {p.field for p in found}
    for name, (kind, _required) in kinds.items():
        value = out.get(name)
        usual = isinstance(value, str) and len(value) == 25 and value.endswith("+00:00")
        if kind == "datetime" and name not in bad and isinstance(value, str) and not usual:
            out[name] = values.normalize_datetime(value)  # one stored form
    return out, found


def mend_many(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` of ``table`` as a reader may take them: the list itself when all are fine
    (one quick check), else each row mended."""
    if all_fine([(table, r) for r in rows]):
        return rows
    return [mend(table, r)[0] for r in rows]
