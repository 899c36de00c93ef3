"""Validate a row for an entity and turn every problem into a ``FieldError`` code.

Used by the store before each write and by forms that validate as the user types.
Thread-agnostic, pure functions.
"""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic

from .errors import FieldError, ValidationError
from .model import Entity

E = TypeVar("E", bound=Entity)

# pydantic's error types, folded into the small set of codes the UI translates.
_CODE_BY_PYDANTIC_TYPE: dict[str, str] = {
    "missing": "required",
    "string_too_short": "required",
    "string_too_long": "too_long",
    "greater_than": "out_of_range",
    "greater_than_equal": "out_of_range",
    "less_than": "out_of_range",
    "less_than_equal": "out_of_range",
    "enum": "invalid_choice",
    "literal_error": "invalid_choice",
    "int_parsing": "not_a_number",
    "int_type": "not_a_number",
    "int_from_float": "not_a_whole_number",
    "float_parsing": "not_a_number",
    "float_type": "not_a_number",
    "finite_number": "not_a_number",
    "bool_parsing": "invalid_choice",
    "bool_type": "invalid_choice",
    "date_parsing": "invalid_date",
    "date_from_datetime_parsing": "invalid_date",
    "date_from_datetime_inexact": "invalid_date",
    "date_type": "invalid_date",
    "datetime_parsing": "invalid_datetime",
    "datetime_from_date_parsing": "invalid_datetime",
    "datetime_type": "invalid_datetime",
    "string_type": "invalid_type",
    "string_unicode": "invalid_character",  # a lone surrogate (fieldapp.values)
    "string_pattern_mismatch": "invalid_format",
    "extra_forbidden": "unknown_field",
}


def _field_errors(exc: pydantic.ValidationError) -> list[FieldError]:
    out: list[FieldError] = []
    for err in exc.errors(include_url=False):
        loc = err.get("loc") or ("",)
        name = str(loc[0])
        kind = str(err.get("type", "invalid"))
        code = _CODE_BY_PYDANTIC_TYPE.get(kind, kind)
        if err.get("input") is None and len(loc) >= 1:
            code = "required"  # a required field left empty, whatever its type
        params: dict[str, Any] = {}
        ctx = err.get("ctx") or {}
        for key in ("ge", "le", "gt", "lt", "min_length", "max_length"):
            if key in ctx:
                params[key] = ctx[key]
        if code == "too_long" and isinstance(err.get("input"), str):
            params["length"] = len(err["input"].strip())  # the message says how long it is
        if any(e.field == name for e in out):
            continue  # one problem per field is enough to show next to it
        out.append(FieldError(name, code, params))
    return out


def field_errors(entity: type[Entity], data: dict[str, Any]) -> list[FieldError]:
    """Every problem with ``data`` as a complete row of ``entity``; empty when valid.

    ``data`` must hold the sync metadata too (the store supplies it); forms can use
    :func:`check_form`, which fills it in.
    """
    try:
        row = entity.model_validate(data)
    except pydantic.ValidationError as exc:
        return _field_errors(exc)
    return row.cross_checks()


def validate(entity: type[E], data: dict[str, Any]) -> E:
    """Return ``data`` as a validated ``entity`` or raise :class:`ValidationError`."""
    try:
        row = entity.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(_field_errors(exc), entity=entity.table) from None
    problems = row.cross_checks()
    if problems:
        raise ValidationError(problems, entity=entity.table)
    return row


_FORM_META = {
    "id": "0",
    "created_at": "2000-01-01T00:00:00+00:00",
    "updated_at": "2000-01-01T00:00:00+00:00",
}


def check_form(entity: type[Entity], data: dict[str, Any]) -> list[FieldError]:
    """Problems with the writable fields in ``data`` (for validate-as-you-type forms).

    Reference existence and uniqueness need the store and are checked on save.
    """
    return field_errors(entity, {**_FORM_META, **data})
