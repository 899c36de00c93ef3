"""Words for codes: domain enum values and error codes, in the current language.

The one module that maps ``fieldapp`` codes to user-visible text. Strings are
marked with ``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate`` extracts them and are
translated when asked for, so a language switch takes effect at once.
Threading: UI thread (uses the installed translators).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.errors import FieldError
from fieldapp.kinds import (
    Channel,
    CloudStore,
    CompetitorCheck,
    ConsentMethod,
    DisplayCheck,
    EventKind,
    EventStatus,
    GroupKind,
    InteractionKind,
    InvitationStatus,
    KocStage,
    PriceCheck,
    ReviewStatus,
    Role,
    StockCheck,
    Tier,
)

# Keyed by (enum class, value): members of different enums with the same value
# ("none", "ok", "other" …) are equal as strings and would collide in a plain dict.
_ENUM_PAIRS: list[tuple[StrEnum, str]] = [
    (Role.REP, QT_TRANSLATE_NOOP("Labels", "Rep")),
    (Role.SUPERVISOR, QT_TRANSLATE_NOOP("Labels", "Supervisor")),
    (Role.ADMIN, QT_TRANSLATE_NOOP("Labels", "Administrator")),
    (Channel.CONVENIENCE, QT_TRANSLATE_NOOP("Labels", "Convenience store")),
    (Channel.TOBACCO_LIQUOR, QT_TRANSLATE_NOOP("Labels", "Tobacco & liquor")),
    (Channel.SUPERMARKET, QT_TRANSLATE_NOOP("Labels", "Supermarket")),
    (Channel.RESTAURANT, QT_TRANSLATE_NOOP("Labels", "Restaurant")),
    (Channel.OTHER, QT_TRANSLATE_NOOP("Labels", "Other")),
    (Tier.A, QT_TRANSLATE_NOOP("Labels", "Tier A")),
    (Tier.B, QT_TRANSLATE_NOOP("Labels", "Tier B")),
    (Tier.C, QT_TRANSLATE_NOOP("Labels", "Tier C")),
    (CloudStore.NONE, QT_TRANSLATE_NOOP("Labels", "No cloud store")),
    (CloudStore.OPENED, QT_TRANSLATE_NOOP("Labels", "Cloud store opened")),
    (CloudStore.ACTIVE, QT_TRANSLATE_NOOP("Labels", "Cloud store active")),
    (InteractionKind.VISIT, QT_TRANSLATE_NOOP("Labels", "Visit")),
    (InteractionKind.CALL, QT_TRANSLATE_NOOP("Labels", "Phone call")),
    (InteractionKind.WECHAT, QT_TRANSLATE_NOOP("Labels", "WeChat")),
    (InteractionKind.GIFT, QT_TRANSLATE_NOOP("Labels", "Gift")),
    (InteractionKind.HELP, QT_TRANSLATE_NOOP("Labels", "Help")),
    (InteractionKind.AWARD, QT_TRANSLATE_NOOP("Labels", "Award")),
    (InteractionKind.TASTING, QT_TRANSLATE_NOOP("Labels", "Tasting")),
    (InteractionKind.OTHER, QT_TRANSLATE_NOOP("Labels", "Other")),
    (KocStage.SPOTTED, QT_TRANSLATE_NOOP("Labels", "Spotted")),
    (KocStage.INTRODUCED, QT_TRANSLATE_NOOP("Labels", "Introduced")),
    (KocStage.EXPERIENCED, QT_TRANSLATE_NOOP("Labels", "Experienced")),
    (KocStage.ADVOCATING, QT_TRANSLATE_NOOP("Labels", "Advocating")),
    (KocStage.DORMANT, QT_TRANSLATE_NOOP("Labels", "Dormant")),
    (ConsentMethod.VERBAL, QT_TRANSLATE_NOOP("Labels", "Verbal")),
    (ConsentMethod.WRITTEN, QT_TRANSLATE_NOOP("Labels", "Written")),
    (ConsentMethod.WECHAT, QT_TRANSLATE_NOOP("Labels", "By WeChat")),
    (ConsentMethod.OTHER, QT_TRANSLATE_NOOP("Labels", "Other")),
    (GroupKind.FAMILY, QT_TRANSLATE_NOOP("Labels", "Family")),
    (GroupKind.WORKPLACE, QT_TRANSLATE_NOOP("Labels", "Workplace")),
    (GroupKind.ALUMNI, QT_TRANSLATE_NOOP("Labels", "Alumni")),
    (GroupKind.HOBBY, QT_TRANSLATE_NOOP("Labels", "Hobby")),
    (GroupKind.NEIGHBOURHOOD, QT_TRANSLATE_NOOP("Labels", "Neighbourhood")),
    (GroupKind.PARENTS, QT_TRANSLATE_NOOP("Labels", "Parents")),
    (GroupKind.OTHER, QT_TRANSLATE_NOOP("Labels", "Other")),
    (EventKind.TASTING, QT_TRANSLATE_NOOP("Labels", "Tasting event")),
    (EventKind.SCENE, QT_TRANSLATE_NOOP("Labels", "Scene event")),
    (EventStatus.PLANNED, QT_TRANSLATE_NOOP("Labels", "Planned")),
    (EventStatus.CONFIRMED, QT_TRANSLATE_NOOP("Labels", "Confirmed")),
    (EventStatus.DONE, QT_TRANSLATE_NOOP("Labels", "Done")),
    (EventStatus.CANCELLED, QT_TRANSLATE_NOOP("Labels", "Cancelled")),
    (InvitationStatus.INVITED, QT_TRANSLATE_NOOP("Labels", "Invited")),
    (InvitationStatus.CONFIRMED, QT_TRANSLATE_NOOP("Labels", "Confirmed")),
    (InvitationStatus.ATTENDED, QT_TRANSLATE_NOOP("Labels", "Attended")),
    (InvitationStatus.NO_SHOW, QT_TRANSLATE_NOOP("Labels", "No-show")),
    (ReviewStatus.DRAFT, QT_TRANSLATE_NOOP("Labels", "Draft")),
    (ReviewStatus.SUBMITTED, QT_TRANSLATE_NOOP("Labels", "Submitted")),
    (ReviewStatus.APPROVED, QT_TRANSLATE_NOOP("Labels", "Approved")),
    (ReviewStatus.RETURNED, QT_TRANSLATE_NOOP("Labels", "Returned")),
    (DisplayCheck.GOOD, QT_TRANSLATE_NOOP("Labels", "Good")),
    (DisplayCheck.FAIR, QT_TRANSLATE_NOOP("Labels", "Fair")),
    (DisplayCheck.POOR, QT_TRANSLATE_NOOP("Labels", "Poor")),
    (StockCheck.OK, QT_TRANSLATE_NOOP("Labels", "In stock")),
    (StockCheck.LOW, QT_TRANSLATE_NOOP("Labels", "Low")),
    (StockCheck.OUT, QT_TRANSLATE_NOOP("Labels", "Out of stock")),
    (PriceCheck.OK, QT_TRANSLATE_NOOP("Labels", "As agreed")),
    (PriceCheck.ABOVE, QT_TRANSLATE_NOOP("Labels", "Above agreed")),
    (PriceCheck.BELOW, QT_TRANSLATE_NOOP("Labels", "Below agreed")),
    (CompetitorCheck.NONE, QT_TRANSLATE_NOOP("Labels", "None seen")),
    (CompetitorCheck.PRESENT, QT_TRANSLATE_NOOP("Labels", "Present")),
    (CompetitorCheck.PROMOTION, QT_TRANSLATE_NOOP("Labels", "Running a promotion")),
]
_ENUMS: dict[tuple[type, str], str] = {(type(m), m.value): t for m, t in _ENUM_PAIRS}

_ERRORS: dict[str, str] = {
    "required": QT_TRANSLATE_NOOP("Errors", "Required"),
    "too_long": QT_TRANSLATE_NOOP("Errors", "Too long"),
    "out_of_range": QT_TRANSLATE_NOOP("Errors", "Out of range"),
    "invalid_choice": QT_TRANSLATE_NOOP("Errors", "Choose one of the options"),
    "not_a_number": QT_TRANSLATE_NOOP("Errors", "Enter a number"),
    "not_a_whole_number": QT_TRANSLATE_NOOP("Errors", "Enter a whole number"),
    "invalid_date": QT_TRANSLATE_NOOP("Errors", "Not a valid date"),
    "invalid_datetime": QT_TRANSLATE_NOOP("Errors", "Not a valid date and time"),
    "invalid_type": QT_TRANSLATE_NOOP("Errors", "Not a valid value"),
    "invalid_format": QT_TRANSLATE_NOOP("Errors", "Not in the expected format"),
    "invalid_mobile": QT_TRANSLATE_NOOP(
        "Errors", "Not a mobile number (11 digits starting with 1)"
    ),
    "invalid_phone": QT_TRANSLATE_NOOP(
        "Errors", "Not a phone number (mobile, or area code and number)"
    ),
    "invalid_wechat": QT_TRANSLATE_NOOP("Errors", "Not a WeChat ID (6–20 letters, digits, - or _)"),
    "unknown_field": QT_TRANSLATE_NOOP("Errors", "Unknown field"),
    "read_only": QT_TRANSLATE_NOOP("Errors", "Cannot be changed"),
    "not_found": QT_TRANSLATE_NOOP("Errors", "No longer exists"),
    "duplicate": QT_TRANSLATE_NOOP("Errors", "Already exists"),
    "gps_incomplete": QT_TRANSLATE_NOOP("Errors", "Give both latitude and longitude, or neither"),
    "consent_incomplete": QT_TRANSLATE_NOOP("Errors", "Record when and how consent was given"),
    "end_before_start": QT_TRANSLATE_NOOP("Errors", "Must be after the start"),
    "checkout_before_checkin": QT_TRANSLATE_NOOP("Errors", "Check-out must be after check-in"),
    "checkout_without_checkin": QT_TRANSLATE_NOOP("Errors", "Check in first"),
    "visit_not_finished": QT_TRANSLATE_NOOP("Errors", "Check in and check out before submitting"),
    "not_editable": QT_TRANSLATE_NOOP("Errors", "Can no longer be changed"),
    "one_invitee": QT_TRANSLATE_NOOP("Errors", "Invite either a KOC or an owner"),
    "feedback_needs_attendance": QT_TRANSLATE_NOOP(
        "Errors", "Feedback only for people who attended"
    ),
    "one_attachment": QT_TRANSLATE_NOOP("Errors", "Attach to exactly one visit, shop or event"),
    "not_an_image": QT_TRANSLATE_NOOP("Errors", "Not a picture (JPEG, PNG, WebP or HEIC)"),
    "unreadable": QT_TRANSLATE_NOOP("Errors", "The file cannot be read"),
    # What head office may answer a pushed change with (outbox and sync views).
    "forbidden": QT_TRANSLATE_NOOP("Errors", "Not allowed for your role"),
    "rep_has_data": QT_TRANSLATE_NOOP(
        "Errors", "The rep still has shops, KOCs or events: reassign them first"
    ),
    "erased": QT_TRANSLATE_NOOP("Errors", "This person's details were erased for good"),
    "unknown_table": QT_TRANSLATE_NOOP("Errors", "Not known to head office"),
    "stale_seq": QT_TRANSLATE_NOOP("Errors", "Arrived out of order and was not applied"),
}


def label(value: Any) -> str:
    """The word for an enum value (or the value itself when it has none)."""
    if value is None:
        return ""
    if isinstance(value, StrEnum):
        text = _ENUMS.get((type(value), value.value))
    else:  # a plain code: fine when only one enum uses it
        text = next((t for (_, v), t in _ENUMS.items() if v == value), None)
    if text is None:
        return str(value)
    return QCoreApplication.translate("Labels", text)


def choices(enum: type[StrEnum]) -> list[tuple[StrEnum, str]]:
    """(value, word) for every member of an enum, in declaration order."""
    return [(member, label(member)) for member in enum]


def error_text(code: str, params: dict[str, Any] | None = None) -> str:
    """The words for an error code, e.g. ``out_of_range`` with ``ge``/``le`` params."""
    params = params or {}
    if code == "out_of_range" and "ge" in params and "le" in params:
        return (
            QCoreApplication.translate("Errors", "Must be between %1 and %2")
            .replace("%1", _num(params["ge"]))
            .replace("%2", _num(params["le"]))
        )
    if code == "out_of_range" and "ge" in params:
        return QCoreApplication.translate("Errors", "Must be at least %1").replace(
            "%1", _num(params["ge"])
        )
    if code == "out_of_range" and "le" in params:
        return QCoreApplication.translate("Errors", "Must be at most %1").replace(
            "%1", _num(params["le"])
        )
    text = _ERRORS.get(code)
    if text is None:
        return QCoreApplication.translate("Errors", "Not valid (%1)").replace("%1", code)
    return QCoreApplication.translate("Errors", text)


def field_error_text(error: FieldError) -> str:
    return error_text(error.code, error.params)


def all_label_sources() -> Iterable[tuple[str, str]]:
    """(context, source text) of every label here: the translation check uses it."""
    for _member, text in _ENUM_PAIRS:
        yield "Labels", text
    for text in _ERRORS.values():
        yield "Errors", text


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
