"""The review page's parts: the queue's filter bar and the decision panel (comment,
approve, return, open).

Threading: UI thread only.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.kinds import EVIDENCE_FLAGS
from fieldapp.model import Tier
from fieldapp.store.views_visits import ANY_FLAG

from .. import icons, theme
from ..labels import concept, flag_name, label
from .field_message import FieldMessage


class ReviewFilters(QWidget):
    """Rep, county, tier, evidence and visit days; the queue's count on the right."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rep_filter = QComboBox()
        self.rep_filter.setObjectName("repFilter")
        self.county_filter = QComboBox()
        self.county_filter.setObjectName("countyFilter")
        self.tier_filter = QComboBox()
        self.tier_filter.setObjectName("tierFilter")
        # Evidence: every visit, those with any flag, or those with one kind of flag.
        self.flag_filter = QComboBox()
        self.flag_filter.setObjectName("flagFilter")
        for data in (None, ANY_FLAG, *EVIDENCE_FLAGS):
            self.flag_filter.addItem("", data)
        self.date_filter = QCheckBox()
        self.date_filter.setObjectName("dateFilter")
        self.since_edit = QDateEdit()
        self.since_edit.setObjectName("sinceDate")
        self.until_edit = QDateEdit()
        self.until_edit.setObjectName("untilDate")
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.until_edit.setDate(QDate(today.year, today.month, today.day))
        self.since_edit.setDate(QDate(today.year, today.month, today.day).addDays(-13))
        self.count_label = QLabel()
        self.count_label.setObjectName("queueCount")
        theme.set_role(self.count_label, "muted")

        filters = QHBoxLayout(self)
        filters.setContentsMargins(0, 0, 0, 0)
        self.filter_labels: list[QLabel] = []
        for widget in (self.rep_filter, self.county_filter, self.tier_filter, self.flag_filter):
            text = QLabel()
            text.setBuddy(widget)
            self.filter_labels.append(text)
            filters.addWidget(text)
            filters.addWidget(widget)
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # The evidence filter as wide as its first choices; the list shows the long ones.
        self.flag_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.flag_filter.setMinimumContentsLength(9)
        filters.addSpacing(8)
        filters.addWidget(self.date_filter)
        filters.addWidget(self.since_edit)
        self.to_label = QLabel("–")
        filters.addWidget(self.to_label)
        filters.addWidget(self.until_edit)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

    def retranslate(self) -> None:
        texts = (
            QCoreApplication.translate("ReviewPage", "Rep"),
            QCoreApplication.translate("ReviewPage", "County"),
            concept("tier"),
            QCoreApplication.translate("ReviewPage", "Evidence"),
        )
        for text_label, text in zip(self.filter_labels, texts, strict=True):
            text_label.setText(text)
        self.rep_filter.setItemText(0, QCoreApplication.translate("ReviewPage", "All reps"))
        self.county_filter.setItemText(0, QCoreApplication.translate("ReviewPage", "All counties"))
        self.tier_filter.setItemText(0, QCoreApplication.translate("ReviewPage", "All tiers"))
        for i, tier in enumerate(Tier, start=1):
            self.tier_filter.setItemText(i, label(tier))
        self.flag_filter.setItemText(0, QCoreApplication.translate("ReviewPage", "All visits"))
        self.flag_filter.setItemText(1, QCoreApplication.translate("ReviewPage", "Any flag"))
        for i, code in enumerate(EVIDENCE_FLAGS, start=2):
            self.flag_filter.setItemText(i, flag_name(code))
        self.date_filter.setText(QCoreApplication.translate("ReviewPage", "Visit days"))


class DecisionPanel(QWidget):
    """The comment for the rep and the decision buttons under the visit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comment_label = QLabel()
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setFixedHeight(64)
        self.comment_error = FieldMessage("commentError")
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approveButton")
        theme.set_role(self.approve_button, "primary")
        self.approve_button.setIcon(icons.icon("approve", theme.ON_ACCENT))
        self.return_button = QPushButton()
        self.return_button.setObjectName("returnButton")
        self.return_button.setIcon(icons.icon("return"))
        self.open_button = QPushButton()
        self.open_button.setObjectName("openVisitButton")
        self.open_button.setIcon(icons.icon("open"))
        self.approve_selected_button = QPushButton()
        self.approve_selected_button.setObjectName("approveSelectedButton")
        self.approve_selected_button.setIcon(icons.icon("approve"))
        self.approve_selected_button.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.comment_label)
        column.addWidget(self.comment)
        column.addWidget(self.comment_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_selected_button)
        buttons.addWidget(self.approve_button)
        column.addLayout(buttons)

    def retranslate(self) -> None:
        self.comment_label.setText(
            QCoreApplication.translate("ReviewPage", "Comment for the rep (required to return):")
        )
        self.comment.setPlaceholderText(
            QCoreApplication.translate(
                "ReviewPage", "E.g. the shelf photo is blurred; take it again from the front."
            )
        )
        self.approve_button.setText(QCoreApplication.translate("ReviewPage", "Approve"))
        self.approve_button.setToolTip("Ctrl+Enter")
        self.return_button.setText(QCoreApplication.translate("ReviewPage", "Return to rep"))
        self.return_button.setToolTip("Ctrl+Shift+Enter")
        self.open_button.setText(QCoreApplication.translate("ReviewPage", "Open visit page"))
