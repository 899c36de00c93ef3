"""Where the laptop is at a visit's check-in, when it can say: Qt Positioning's default
source (on Linux GeoClue, on Windows the location service, on macOS Core Location) is
asked once for a fix; when one comes within the time given it is kept on the visit
(``visits.checkin_latitude/longitude``, WGS-84 as the sources report) and the visit's
evidence can flag a check-in far from the shop (``fieldapp.evidence``, ``checkin_far``).
Most laptops have no position at all: then nothing is kept and nothing is said; a
check-in never waits for it.
Threading: UI thread (the source's signals arrive on it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from fieldapp.errors import FieldappError

from .context import AppContext

log = logging.getLogger(__name__)

#: How long a fix may take before the check-in goes without one.
TIMEOUT_MS = 15_000


def default_source(parent: QObject) -> Any:
    try:
        from PySide6.QtPositioning import QGeoPositionInfoSource
    except ImportError:  # a build without Qt Positioning
        return None
    return QGeoPositionInfoSource.createDefaultSource(parent)


def ask_position(
    ctx: AppContext,
    visit_id: str,
    parent: QObject,
    *,
    source_factory: Callable[[QObject], Any] = default_source,
    then: Callable[[str], object] | None = None,
) -> bool:
    """Ask the position source for one fix and keep it on the visit; ``then(visit_id)``
    after it was kept. False when there is no source to ask."""
    source = source_factory(parent)
    if source is None:
        return False

    def arrived(info: Any) -> None:
        coordinate = info.coordinate()
        source.deleteLater()
        if not coordinate.isValid():
            return
        try:
            ctx.store.visits.update(
                visit_id,
                checkin_latitude=round(coordinate.latitude(), 6),
                checkin_longitude=round(coordinate.longitude(), 6),
            )
        except FieldappError as exc:  # a read-only store, a visit gone meanwhile
            log.info("check-in position not kept: %s", exc)
            return
        if then is not None:
            then(visit_id)

    def failed(*_args: object) -> None:
        source.deleteLater()

    source.positionUpdated.connect(arrived)
    source.errorOccurred.connect(failed)
    source.requestUpdate(TIMEOUT_MS)
    return True
