"""The changes made on this device that head office has not taken, saved to a file.

When sync cannot go on (head office deactivated the account, the device waits for an
admin's approval, or was removed), nothing made here is lost: the outbox keeps every
change, and this writes them to a JSON file a person can hand to head office. Each
mutation as it waits to be sent (or as head office refused it): its id and number, the
table, the row, the operation, every field's old and new value, the version it was
based on and the laptop's time. The file is written beside its target and renamed into
place, so it is whole or absent.

A removed (revoked) computer is wiped; before that the rep may save its unsynced changes
sealed for head office (``export_unsynced(..., token=...)``): AES-256-GCM under a key
derived (HKDF-SHA256, a random salt per file) from the SHA-256 of the device's sign-in
token, which head office keeps for the device and nobody else holds once the device is
wiped. So whoever holds the laptop or the file afterwards reads nothing; head office
opens it (``fieldapp-server open-unsynced``, :func:`open_sealed`) and hands the changes
to the supervisor. Only the device id, user id, time and count are in clear.
Threading: the store's thread.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..model import format_datetime

#: The ``format`` of a sealed file (:func:`open_sealed` reads no other).
SEALED_FORMAT = "fieldapp-unsynced-sealed/1"
_INFO = b"fieldapp unsynced changes v1"

#: The outbox states that did not reach head office (or were refused by it).
UNSYNCED_STATES = ("pending", "sending", "rejected")


def unsynced(store: Any) -> list[dict[str, Any]]:
    """Every mutation head office has not taken, oldest first, with its values."""
    out: list[dict[str, Any]] = []
    for state in UNSYNCED_STATES:
        for m in store.outbox.list(state=state):
            out.append(
                {
                    "seq": m.seq,
                    "mutation_id": m.mutation_id,
                    "table": m.table,
                    "row_id": m.row_id,
                    "op": m.op,
                    "state": m.state,
                    "error_code": m.error_code,
                    "changes": {f: {"old": c.old, "new": c.new} for f, c in m.changes.items()},
                    "base_version": m.base_version,
                    "created_at": m.created_at,
                }
            )
    return sorted(out, key=lambda item: int(item["seq"]))


def count_unsynced(store: Any) -> int:
    """How many changes head office has not taken."""
    return sum(int(store.outbox.count(state=state)) for state in UNSYNCED_STATES)


def token_hash(token: str) -> str:
    """What head office keeps of a sign-in token (SHA-256, hex): the sealed file's secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def _key(secret: str, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO)
    return hkdf.derive(secret.encode())


def seal(body: dict[str, Any], secret: str) -> dict[str, Any]:
    """``body`` encrypted under ``secret`` (a token's hash), its device id bound to it."""
    salt, nonce = os.urandom(16), os.urandom(12)
    device = str(body["device_id"])
    plain = json.dumps(body, ensure_ascii=False, default=str).encode()
    sealed = AESGCM(_key(secret, salt)).encrypt(nonce, plain, device.encode())
    return {
        "format": SEALED_FORMAT,
        "device_id": device,
        "user_id": body["user_id"],
        "exported_at": body["exported_at"],
        "count": len(body["mutations"]),
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(sealed).decode(),
    }


def open_sealed(sealed: dict[str, Any], secret: str) -> dict[str, Any]:
    """The changes in a sealed file, given the device's token hash; ``ValueError`` when
    it is no sealed file, another device's, or altered."""
    if not isinstance(sealed, dict) or sealed.get("format") != SEALED_FORMAT:
        raise ValueError("not a sealed file of unsynced changes")
    try:
        salt, nonce, data = (
            base64.b64decode(sealed[k], validate=True) for k in ("salt", "nonce", "ciphertext")
        )
        plain = AESGCM(_key(secret, salt)).decrypt(nonce, data, str(sealed["device_id"]).encode())
    except (KeyError, ValueError, TypeError, InvalidTag):
        raise ValueError("the file is altered or was not sealed by this device") from None
    body: dict[str, Any] = json.loads(plain)
    return body


def export_unsynced(store: Any, path: str | Path, *, token: str | None = None) -> int:
    """Write the unsynced changes to ``path`` (JSON, UTF-8, 0600) whole or not at all;
    sealed for head office when ``token`` (the device's sign-in token) is given. How many."""
    target = Path(path)
    items = unsynced(store)
    body: dict[str, Any] = {
        "device_id": store.device_id,
        "user_id": store.user_id,
        "exported_at": format_datetime(store.now()),
        "mutations": items,
    }
    if token is not None:
        body = seal(body, token_hash(token))
    fd, tmp = tempfile.mkstemp(prefix=".unsynced-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(body, f, ensure_ascii=False, indent=1, default=str)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(items)
