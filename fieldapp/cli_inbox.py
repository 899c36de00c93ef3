"""What a person must see after sync, on the command line: ``outbox`` and ``conflicts``.

``python -m fieldapp outbox [--rejected] [--json]`` lists the local changes still waiting
for head office (``pending``, ``sending``) and those it refused (``rejected``, kept for
good), each refusal with its code in words; ``--rejected`` lists only those.
``python -m fieldapp conflicts [--json]`` lists the open conflicts: a field head office
decided by server order, with the value kept and the value lost.
Output: one line per item (``#seq table row_id op state[: code (field) — words]``;
``#id table.field of row_id: kept … / lost …``), or ``nothing waiting`` / ``no open
conflicts``; with ``--json`` a list of objects. Exit status 0 (1 from ``outbox --rejected``
when there are refused changes is not used: listing is not a failure).
Threading: runs on the main thread.
"""

from __future__ import annotations

import json
from typing import Any

#: English words for the codes head office or the store refuses a change with (the app
#: shows the same in the user's language, ``ui/labels.py``).
REFUSAL_WORDS: dict[str, str] = {
    "required": "a required field is empty",
    "too_long": "too long",
    "out_of_range": "out of range",
    "invalid_choice": "not one of the options",
    "invalid_character": "holds a character that cannot be saved (a control character)",
    "invalid_date": "not a valid date (YYYY-MM-DD)",
    "invalid_datetime": "not a valid date and time (ISO 8601 with an offset)",
    "invalid_type": "not a valid value",
    "invalid_format": "not in the expected format",
    "invalid_mobile": "not a mobile number",
    "invalid_phone": "not a phone number",
    "invalid_wechat": "not a WeChat ID",
    "not_a_number": "not a number",
    "not_a_whole_number": "not a whole number",
    "unknown_field": "a field head office does not know",
    "unknown_table": "a table head office does not know",
    "read_only": "cannot be changed",
    "not_found": "the row no longer exists or is out of your team",
    "duplicate": "already exists (another row holds this value, e.g. a shop code)",
    "forbidden": "not allowed for your role",
    "erased": "the person was erased; their personal data cannot come back",
    "rep_has_data": "the rep still has shops, KOCs or events in the team",
    "stale_seq": "an old change head office no longer has an answer for",
    "in_use": "other rows still refer to it",
    "gps_incomplete": "give both latitude and longitude, or neither",
    "consent_incomplete": "record when and how consent was given",
    "end_before_start": "ends before it starts",
    "checkout_before_checkin": "check-out before check-in",
    "checkout_without_checkin": "check-out without check-in",
    "visit_not_finished": "the visit is not finished",
    "one_invitee": "invite one KOC or one owner",
}


def words(code: str | None) -> str:
    """The English words for a refusal code (the code itself when unknown)."""
    return REFUSAL_WORDS.get(code or "", code or "refused")


def outbox_items(store: Any, *, rejected_only: bool) -> list[dict[str, Any]]:
    states = ("rejected",) if rejected_only else ("pending", "sending", "rejected")
    out: list[dict[str, Any]] = []
    for state in states:
        for m in store.outbox.list(state=state):
            error = (m.result or {}).get("error") or {}
            code = m.error_code or error.get("code")
            item: dict[str, Any] = {
                "seq": m.seq,
                "table": m.table,
                "row_id": m.row_id,
                "op": m.op,
                "state": m.state,
                "fields": sorted(m.changes),
                "created_at": m.created_at,
            }
            if state == "rejected":
                item |= {"code": code, "field": error.get("field"), "words": words(code)}
            out.append(item)
    return sorted(out, key=lambda i: int(i["seq"]))


def outbox_text(items: list[dict[str, Any]]) -> str:
    lines = []
    for i in items:
        line = f"#{i['seq']} {i['table']} {i['row_id']} {i['op']} {i['state']}"
        if i["state"] == "rejected":
            field = f" ({i['field']})" if i.get("field") else ""
            line += f": {i['code']}{field} — {i['words']}"
        lines.append(line)
    return "\n".join(lines) or "nothing waiting"


def conflict_items(store: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "table": c.table,
            "row_id": c.row_id,
            "field": c.field,
            "kept_value": c.kept_value,
            "kept_by": c.kept_by,
            "lost_value": c.lost_value,
            "lost_by": c.lost_by,
            "lost_client_time": c.lost_client_time,
        }
        for c in store.replica.conflicts(unresolved_only=True)
    ]


def conflicts_text(items: list[dict[str, Any]]) -> str:
    def show(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    return (
        "\n".join(
            f"#{c['id']} {c['table']}.{c['field']} of {c['row_id']}:"
            f" kept {show(c['kept_value'])} (by {c['kept_by']}),"
            f" lost {show(c['lost_value'])} (by {c['lost_by']})"
            for c in items
        )
        or "no open conflicts"
    )
