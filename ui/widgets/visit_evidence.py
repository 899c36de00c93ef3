"""The visit's evidence under its photos: what the photos' EXIF and the visit's times
say (``fieldapp.evidence``): a photo far from the shop, taken outside the visit, without
EXIF, reused from another visit, a visit too short. Findings for a person, never a
refusal. The files are read (and hashed where no hash is kept) on the task runner; the
answer is shown when it comes, if the same visit is still shown, and kept with the visit
(``fieldapp.store.evidence_photos.keep``: synced, so the supervisor's review shows it)
when it is the rep's own visit and not locked by its review. ``kept(visit_id)`` then.
Threading: UI thread; the work runs on the runner.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp import evidence
from fieldapp.errors import FieldappError
from fieldapp.store import evidence_photos as ep

from .. import theme
from ..context import AppContext
from ..labels import flag_text
from ..tasks import Task


class VisitEvidence(QLabel):
    kept = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitEvidence")
        self.setWordWrap(True)
        self.ctx = ctx
        self.visit_id: str | None = None
        self.flags: list[evidence.Flag] = []
        self._numbers: dict[str, int] = {}
        self._checked = False

    def check(
        self,
        visit_id: str,
        checkin_at: datetime | None,
        checkout_at: datetime | None,
        order: tuple[str, ...] = (),
    ) -> None:
        """Work the flags out again for this visit (after a load or a photo change);
        photos are numbered as ``order`` (the photo list's) shows them."""
        self.visit_id = visit_id
        sources = ep.evidence_photos(self.ctx.store, visit_id)
        ids = list(order) or [m.photo_id for m in sources.mine]
        self._numbers = {pid: n for n, pid in enumerate(ids, start=1)}

        def work(_task: Task) -> ep.Findings:
            return ep.work_out(sources)

        def done(found: ep.Findings) -> None:
            if self.visit_id != visit_id:
                return
            self.flags, self._checked = found.flags, True
            self._texts()
            try:
                wrote = ep.keep(self.ctx.store, sources, found)
            except FieldappError:
                return  # a read-only or damaged store says so elsewhere; still shown here
            if wrote:
                self.kept.emit(visit_id)

        self.ctx.runner.run(work, on_done=done, on_error=lambda *_a: None, background=True)

    def _texts(self) -> None:
        if not self._checked:
            self.clear()
            return
        if not self.flags:
            theme.set_role(self, "success")
            self.setText(self.tr("Evidence: nothing to note."))
            return
        theme.set_role(self, "notice")
        lines = [
            "⚠ " + flag_text(f.code, str(self._numbers.get(f.photo or "", "?")), f.amount)
            for f in self.flags
        ]
        self.setText("\n".join(lines))

    def retranslate(self) -> None:
        self._texts()
