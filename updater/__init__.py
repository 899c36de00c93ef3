"""Signed automatic updates of the packaged app (tufup: TUF metadata over HTTPS).

No Qt and no store: ``ui`` calls into it, the ``fieldapp update`` command too.
``config``: where updates come from (``update.json`` beside the packaged app) and the
per-user folders they go to. ``check``: look for a newer release, download it and
verify it against the signed metadata; a release whose metadata is unsigned, expired,
rolled back or whose archive does not match is refused with a code. ``apply``: a
verified release waits in the ready folder until the next start, which puts it in the
app folder's place (the data folder is elsewhere and is never touched).
``release``: the head-office side, making and signing releases (tools/release.py).
Threading: plain functions; ``check`` and ``download`` block on the network (a worker).
"""

from __future__ import annotations
