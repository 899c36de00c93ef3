"""The visit's header: back link, shop name, review status, "saved" stamp, the shop's
facts, and the banners of a returned or read-only visit.
Threading: UI thread.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.model import ReviewStatus
from fieldapp.store import views_visits as vv
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..back_link import BackLink
from ..context import AppContext
from ..labels import concept, label
from .status_pill import StatusPill, state_of_status


def _banner(name: str, state: str) -> tuple[QFrame, QVBoxLayout]:
    """A banner in the theme's colours of ``state``."""
    frame = QFrame()
    frame.setObjectName(name)
    theme.set_role(frame, "banner")
    theme.set_state(frame, state)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 4, 8, 4)
    return frame, layout


class VisitHeader(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitHeader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.back_button = BackLink(ctx, "today", QT_TRANSLATE_NOOP("MainWindow", "Today"))
        top.addWidget(self.back_button)
        self.shop_label = QLabel()
        self.shop_label.setObjectName("shopName")
        theme.set_role(self.shop_label, "heading")
        self.status_label = StatusPill("reviewStatus")
        top.addWidget(self.shop_label)
        top.addWidget(self.status_label)
        top.addStretch(1)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedAt")
        theme.set_role(self.saved_label, "success")
        top.addWidget(self.saved_label)
        layout.addLayout(top)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("shopMeta")
        theme.set_role(self.meta_label, "muted")
        layout.addWidget(self.meta_label)

        self.returned_banner, row = _banner("returnedBanner", "returned")
        self.returned_title = QLabel()
        self.returned_title.setObjectName("returnedTitle")
        theme.set_role(self.returned_title, "title")
        self.supervisor_comment = QLabel()
        self.supervisor_comment.setObjectName("supervisorComment")
        self.supervisor_comment.setWordWrap(True)
        self.supervisor_comment.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        row.addWidget(self.returned_title)
        row.addWidget(self.supervisor_comment)
        layout.addWidget(self.returned_banner)

        self.read_only_banner, ro = _banner("readOnlyBanner", "due")
        self.read_only_text = QLabel()
        self.read_only_text.setObjectName("readOnlyText")
        self.read_only_text.setWordWrap(True)
        ro.addWidget(self.read_only_text)
        layout.addWidget(self.read_only_banner)

    def show_detail(self, d: vv.VisitDetail, today: date) -> None:
        self.shop_label.setText(d.shop_name)
        status = label(d.review_status)
        progress = {
            vv.Progress.NOT_STARTED: self.tr("Not started"),
            vv.Progress.IN_PROGRESS: concept("in_progress"),
            vv.Progress.DONE: self.tr("Finished"),
        }[d.progress]
        # The review's state once submitted; before that, how far the visit has come.
        if d.review_status in (
            ReviewStatus.SUBMITTED,
            ReviewStatus.APPROVED,
            ReviewStatus.RETURNED,
        ):
            state = state_of_status(d.review_status)
        else:
            state = {
                vv.Progress.NOT_STARTED: "due",
                vv.Progress.IN_PROGRESS: "progress",
                vv.Progress.DONE: "done",
            }[d.progress]
        self.status_label.set_status(state, status + " · " + progress)
        meta = [label(d.shop_tier)]
        if d.owner_name:
            meta.append(
                self.tr("Owner %1, relationship level %2")
                .replace("%1", d.owner_name)
                .replace("%2", str(d.owner_level))
            )
            if d.owner_mobile:
                meta.append(d.owner_mobile)
        else:
            meta.append(self.tr("No owner on record"))
        if d.planned_date is not None:
            meta.append(self.tr("Planned for %1").replace("%1", d.planned_date.isoformat()))
        if d.shop_address:
            meta.append(d.shop_address)
        self.meta_label.setText("  ·  ".join(meta))

        returned = d.review_status is ReviewStatus.RETURNED
        self.returned_banner.setVisible(returned)
        if returned:
            self.supervisor_comment.setText(d.supervisor_comment or "")
        self.read_only_banner.setVisible(d.read_only)
        if d.review_status is ReviewStatus.APPROVED:
            self.read_only_text.setText(
                self.tr(
                    "Your supervisor approved this visit. It can no longer be changed.",
                )
            )
        else:
            self.read_only_text.setText(
                self.tr(
                    "This visit was submitted for review. It can no longer be changed.",
                )
            )

    def retranslate(self) -> None:
        self.returned_title.setText(self.tr("Returned by your supervisor:"))
