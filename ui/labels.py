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
    BanquetType,
    CampaignTaskKind,
    Channel,
    CloudStore,
    CompetitorCheck,
    ConsentMethod,
    DisplayCheck,
    DisplayPosition,
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
#: The texts are typed ``object``: PySide6's stubs give ``QT_TRANSLATE_NOOP`` that return
#: type (at run time it is the source text); ``str()`` at use makes them ``str``.
_ENUM_PAIRS: list[tuple[StrEnum, object]] = [
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
    (EventKind.BANQUET, QT_TRANSLATE_NOOP("Labels", "Banquet")),
    (BanquetType.WEDDING, QT_TRANSLATE_NOOP("Labels", "Wedding")),
    (BanquetType.BIRTHDAY, QT_TRANSLATE_NOOP("Labels", "Birthday")),
    (BanquetType.BUSINESS, QT_TRANSLATE_NOOP("Labels", "Business dinner")),
    (BanquetType.OTHER, QT_TRANSLATE_NOOP("Labels", "Other occasion")),
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
    (CampaignTaskKind.QUESTION, QT_TRANSLATE_NOOP("Labels", "Question")),
    (CampaignTaskKind.CHECKLIST, QT_TRANSLATE_NOOP("Labels", "Check")),
    (CampaignTaskKind.PHOTO, QT_TRANSLATE_NOOP("Labels", "Photo")),
    (CampaignTaskKind.PLACEMENT, QT_TRANSLATE_NOOP("Labels", "Placement")),
    (DisplayPosition.END_CAP, QT_TRANSLATE_NOOP("Labels", "End cap")),
    (DisplayPosition.CASE_STACK, QT_TRANSLATE_NOOP("Labels", "Case stack")),
    (DisplayPosition.COOLER, QT_TRANSLATE_NOOP("Labels", "Cooler")),
    (DisplayPosition.SHELF, QT_TRANSLATE_NOOP("Labels", "Shelf")),
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
_ENUMS: dict[tuple[type, str], str] = {(type(m), m.value): str(t) for m, t in _ENUM_PAIRS}

_ERRORS: dict[str, object] = {
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
    "invalid_character": QT_TRANSLATE_NOOP(
        "Errors", "Holds a character that cannot be saved (a control character)"
    ),
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
    "too_many": QT_TRANSLATE_NOOP("Errors", "Too many"),
    "gps_incomplete": QT_TRANSLATE_NOOP("Errors", "Give both latitude and longitude, or neither"),
    "consent_incomplete": QT_TRANSLATE_NOOP("Errors", "Record when and how consent was given"),
    "end_before_start": QT_TRANSLATE_NOOP("Errors", "Must be after the start"),
    "checkout_before_checkin": QT_TRANSLATE_NOOP("Errors", "Check-out must be after check-in"),
    "checkout_without_checkin": QT_TRANSLATE_NOOP("Errors", "Check in first"),
    "visit_not_finished": QT_TRANSLATE_NOOP("Errors", "Check in and check out before submitting"),
    "not_editable": QT_TRANSLATE_NOOP("Errors", "Can no longer be changed"),
    "term_failed": QT_TRANSLATE_NOOP("Errors", "A term is not held: it cannot pass"),
    "has_payouts": QT_TRANSLATE_NOOP("Errors", "Has payouts: it can only be ended"),
    "before_paid_month": QT_TRANSLATE_NOOP("Errors", "Not before the end of the last month paid"),
    "one_invitee": QT_TRANSLATE_NOOP("Errors", "Invite either a KOC or an owner"),
    "one_pusher": QT_TRANSLATE_NOOP("Errors", "A push is by one KOC or one owner"),
    "one_host": QT_TRANSLATE_NOOP("Errors", "A banquet has one host"),
    "bottles_exceed_supplied": QT_TRANSLATE_NOOP(
        "Errors", "Opened and returned bottles are more than were supplied"
    ),
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
    # Typed input (docs/guarantees.md "Typed input").
    "too_many_decimals": QT_TRANSLATE_NOOP("Errors", "Too many decimal places"),
    "needs_confirmation": QT_TRANSLATE_NOOP(
        "Errors", "Far more than usual: press Enter to confirm it"
    ),
    "not_zero": QT_TRANSLATE_NOOP("Errors", "Must not be 0"),
    "reason_required": QT_TRANSLATE_NOOP(
        "Errors", "Give a reason (a return, or a price other than the list price)"
    ),
    "empty_interaction": QT_TRANSLATE_NOOP("Errors", "Write what was talked about"),
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
    if code == "too_long" and "max_length" in params and "length" in params:
        return (
            QCoreApplication.translate("Errors", "At most %1 characters, now %2")
            .replace("%1", f"{int(params['max_length']):,}")
            .replace("%2", f"{int(params['length']):,}")
        )
    if code == "too_long" and "max_length" in params:
        return QCoreApplication.translate("Errors", "At most %1 characters").replace(
            "%1", f"{int(params['max_length']):,}"
        )
    if code == "too_many" and "maximum" in params and "count" in params:
        return (
            QCoreApplication.translate("Errors", "Too many: %1, at most %2")
            .replace("%1", f"{int(params['count']):,}")
            .replace("%2", f"{int(params['maximum']):,}")
        )
    if code in ("unusual_quantity", "unusual_amount", "needs_confirmation") and params:
        return unusual_text(params)
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
    return QCoreApplication.translate("Errors", str(text))


def unusual_text(params: dict[str, Any]) -> str:
    """Why a number that can be taken still needs a person's yes (``fieldapp.store.orders``)."""
    if "median" in params:
        return (
            QCoreApplication.translate(
                "Errors", "%1 is more than %2 times this shop's usual order (%3): confirm it"
            )
            .replace("%1", f"{params['value']:,}")
            .replace("%2", _num(params["factor"]))
            .replace("%3", _num(params["median"]))
        )
    if "amount" in params:
        return (
            QCoreApplication.translate("Errors", "¥%1 is over ¥%2 for one line: confirm it")
            .replace("%1", f"{params['amount']:,.2f}")
            .replace("%2", f"{params['limit']:,.0f}")
        )
    if "limit" in params:
        return (
            QCoreApplication.translate("Errors", "%1 is far more than usual (up to %2): confirm it")
            .replace("%1", f"{params['value']:,}")
            .replace("%2", f"{params['limit']:,}")
        )
    return QCoreApplication.translate("Errors", str(_ERRORS["needs_confirmation"]))


def field_error_text(error: FieldError) -> str:
    return error_text(error.code, error.params)


# --------------------------------------------------------------------------- concepts


class Word(str):
    """A source text that carries its own translation context ("Labels"): a form row or
    a table header given one shows the one label of its concept, whatever page it is on
    (``Form`` and ``QueryTableModel`` translate a ``Word`` in its own context)."""

    context = "Labels"


#: One label per concept, in every language, on every page (issue 14: the KOC traits
#: had three label sets; tier was 分级 on one page and 等级 on another; a visit under way
#: was 已签到 on one and 进行中 on another).
_CONCEPTS: dict[str, object] = {
    "tier": QT_TRANSLATE_NOOP("Labels", "Tier"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "trait_acquaintances": QT_TRANSLATE_NOOP("Labels", "Well connected"),
    "trait_trying": QT_TRANSLATE_NOOP("Labels", "Tries new things"),
    "trait_sharing": QT_TRANSLATE_NOOP("Labels", "Loves sharing"),
    "trait_expertise": QT_TRANSLATE_NOOP("Labels", "Knows the category"),
}
#: What each KOC trait means (a tooltip beside its label).
_TRAIT_HINTS: dict[str, object] = {
    "trait_acquaintances": QT_TRANSLATE_NOOP("Labels", "Has many close acquaintances"),
    "trait_trying": QT_TRANSLATE_NOOP("Labels", "Loves trying new things"),
    "trait_sharing": QT_TRANSLATE_NOOP("Labels", "Likes to share and recommend"),
    "trait_expertise": QT_TRANSLATE_NOOP("Labels", "Knows the category and can teach others"),
}
#: The four KOC traits (their field names), in the order every page shows them.
TRAIT_FIELDS: tuple[str, ...] = (
    "trait_acquaintances",
    "trait_trying",
    "trait_sharing",
    "trait_expertise",
)


#: Visit evidence (``fieldapp.kinds.EVIDENCE_FLAGS``): a flag's short name (a pill in the
#: review) and the sentence about one flag (%1 the photo's number, %2 the amount).
_FLAG_NAMES: dict[str, object] = {
    "photo_far": QT_TRANSLATE_NOOP("Labels", "Photo far from the shop"),
    "photo_outside_visit": QT_TRANSLATE_NOOP("Labels", "Photo outside the visit"),
    "photo_no_exif": QT_TRANSLATE_NOOP("Labels", "Photo without EXIF"),
    "photo_reused": QT_TRANSLATE_NOOP("Labels", "Photo reused"),
    "visit_too_short": QT_TRANSLATE_NOOP("Labels", "Visit too short"),
    "checkin_far": QT_TRANSLATE_NOOP("Labels", "Checked in far from the shop"),
}
_FLAG_TEXTS: dict[str, object] = {
    "photo_far": QT_TRANSLATE_NOOP("Labels", "Photo %1 was taken %2 m from the shop."),
    "photo_outside_visit": QT_TRANSLATE_NOOP(
        "Labels", "Photo %1 was taken %2 min outside the visit."
    ),
    "photo_no_exif": QT_TRANSLATE_NOOP("Labels", "Photo %1 says neither when nor where (no EXIF)."),
    "photo_reused": QT_TRANSLATE_NOOP("Labels", "Photo %1 looks like a photo of another visit."),
    "visit_too_short": QT_TRANSLATE_NOOP("Labels", "The visit lasted %2 min."),
    "checkin_far": QT_TRANSLATE_NOOP("Labels", "Checked in %2 m from the shop."),
}


def flag_name(code: str) -> str:
    """A visit evidence flag's short name in the current language (the code if unknown)."""
    text = _FLAG_NAMES.get(code)
    return QCoreApplication.translate("Labels", str(text)) if text else code


def flag_text(code: str, photo_number: str, amount: float | None) -> str:
    """The sentence about one evidence flag: which photo, how far or how long."""
    text = _FLAG_TEXTS.get(code)
    if text is None:
        return code
    shown = "" if amount is None else f"{amount:g}"
    return (
        QCoreApplication.translate("Labels", str(text))
        .replace("%1", photo_number)
        .replace("%2", shown)
    )


def word(key: str) -> Word:
    """The source text of a concept's label, to hand to a form or a column header."""
    return Word(str(_CONCEPTS[key]))


def concept(key: str) -> str:
    """A concept's label in the current language (e.g. ``concept("tier")`` → 分级)."""
    return QCoreApplication.translate("Labels", str(_CONCEPTS[key]))


def trait_hint(field: str) -> str:
    """What a KOC trait means, in the current language."""
    return QCoreApplication.translate("Labels", str(_TRAIT_HINTS[field]))


def concept_sources() -> dict[str, str]:
    """key → source text of every concept label and trait hint (for the tests)."""
    return {
        **{k: str(v) for k, v in _CONCEPTS.items()},
        **{f"{k}_hint": str(v) for k, v in _TRAIT_HINTS.items()},
    }


def translate_in(context: str, text: str) -> str:
    """``text`` translated in its own context when it is a ``Word``, else in ``context``."""
    return QCoreApplication.translate(getattr(text, "context", context), text)


def all_label_sources() -> Iterable[tuple[str, str]]:
    """(context, source text) of every label here: the translation check uses it."""
    for _member, text in _ENUM_PAIRS:
        yield "Labels", str(text)
    for text in _ERRORS.values():
        yield "Errors", str(text)
    for text in concept_sources().values():
        yield "Labels", text
    for text in (*_FLAG_NAMES.values(), *_FLAG_TEXTS.values()):
        yield "Labels", str(text)


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
