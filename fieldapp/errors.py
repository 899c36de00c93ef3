"""Errors raised by the fieldapp core.

They carry machine-readable codes and field names, never sentences: the UI
(``ui/errors.py``) and the CLI turn codes into words in the user's language.
Thread-agnostic: plain exception classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from typing import Any


class FieldappError(Exception):
    """Base class of every error the core raises on purpose."""

    code: str = "error"

    def __init__(self, code: str | None = None, detail: str = "") -> None:
        if code is not None:
            self.code = code
        self.detail = detail
        super().__init__(f"{self.code}: {detail}" if detail else self.code)


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: ``field`` names it, ``code`` says what is wrong."""

    field: str
    code: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "code": self.code, "params": dict(self.params)}


class ValidationError(FieldappError):
    """A write was refused because of bad input; nothing was changed.

    ``field`` and ``code`` describe the first problem, ``errors`` lists all of them.
    """

    code = "invalid"

    def __init__(self, errors: list[FieldError] | FieldError, *, entity: str = "") -> None:
        self.errors: list[FieldError] = [errors] if isinstance(errors, FieldError) else list(errors)
        if not self.errors:
            raise ValueError("ValidationError needs at least one FieldError")
        self.entity = entity
        first = self.errors[0]
        self.field = first.field
        self.field_code = first.code
        super().__init__(
            "invalid",
            "; ".join(f"{entity + '.' if entity else ''}{e.field}: {e.code}" for e in self.errors),
        )

    @classmethod
    def single(
        cls, field_name: str, code: str, *, entity: str = "", **params: Any
    ) -> ValidationError:
        return cls(FieldError(field_name, code, params), entity=entity)

    def codes(self) -> dict[str, str]:
        """Field name to the code of its first problem."""
        out: dict[str, str] = {}
        for e in self.errors:
            out.setdefault(e.field, e.code)
        return out


class NotFound(FieldappError):
    """The row does not exist, or is deleted (a tombstone)."""

    code = "not_found"

    def __init__(self, entity: str, row_id: str) -> None:
        self.entity = entity
        self.row_id = row_id
        super().__init__("not_found", f"{entity} {row_id}")


class InUse(FieldappError):
    """A delete was refused because live rows still refer to this one."""

    code = "in_use"

    def __init__(self, entity: str, row_id: str, referenced_by: str, count: int) -> None:
        self.entity = entity
        self.row_id = row_id
        self.referenced_by = referenced_by
        self.count = count
        super().__init__("in_use", f"{entity} {row_id} is referenced by {count} {referenced_by}")


class Conflict(FieldappError):
    """Two writers changed the same thing; raised by sync, never silently resolved."""

    code = "conflict"


class StoreError(FieldappError):
    """The store cannot be opened or used: wrong file, newer schema, corruption."""

    code = "store_error"


class SchemaTooNew(StoreError):
    """The store was written by a newer fieldapp; refusing to touch it."""

    code = "schema_too_new"


class StoreReadOnly(StoreError):
    """The store cannot be written by this user (``reason``: ``file_read_only`` or
    ``folder_read_only``); it is open for reading only and nothing was changed."""

    code = "read_only"

    def __init__(self, reason: str, path: str, *, needs_update: bool = False) -> None:
        self.reason = reason
        self.path = path
        #: Its format must be updated first (a migration), which needs writing.
        self.needs_update = needs_update
        super().__init__("read_only", f"{path}: {reason}")


class StoreDamaged(StoreError):
    """The store file is damaged (SQLite: "database disk image is malformed", a failed
    ``quick_check``, a truncated file). ``path`` names the file; ``problems`` says what
    SQLite found."""

    code = "damaged"

    def __init__(self, path: str, problems: list[str] | None = None) -> None:
        self.path = path
        self.problems = list(problems or [])
        super().__init__("damaged", f"{path}: {'; '.join(self.problems) or 'damaged'}")
