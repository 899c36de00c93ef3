"""The KOC page's left column: profile (name, county, stage, traits), consent and
contact, notes: the forms of one KOC in three boxes.

The page owns saving; this widget only builds and labels the forms (their values and
errors go through ``ui.forms.Form``).
Threading: UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.model import ConsentMethod, Koc, KocStage
from fieldapp.store import views_kocs
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import icons, theme
from ..context import AppContext
from ..forms import Form
from ..labels import TRAIT_FIELDS, choices, label, trait_hint, translate_in, word
from ..qt_dates import q_datetime
from .record_summary import RecordSummary

#: The four traits a KOC is scored on (1-5 each).
TRAITS = tuple((name, word(name)) for name in TRAIT_FIELDS)


def _box(layout: QVBoxLayout | QFormLayout, name: str) -> QGroupBox:
    box = QGroupBox()
    box.setObjectName(name)
    box.setLayout(layout)
    return box


def form_labels(form: Form) -> list[QWidget]:
    """The label widgets of a form's rows."""
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    found: list[QWidget] = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if label is not None:
            found.append(label)
    return found


class KocDetails(QWidget):
    """Profile, consent and contact, notes: the forms of one KOC."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        base: Callable[[], dict[str, Any]],
        draft_key: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # profile: name, county, stage, traits
        self.profile = Form(Koc, "KocPage", base=base)
        self.profile.add_line("name", QT_TRANSLATE_NOOP("KocPage", "Name"))
        self.profile.add_line(
            "referrer_code",
            QT_TRANSLATE_NOOP("KocPage", "Referrer code"),
            placeholder=QT_TRANSLATE_NOOP("KocPage", "Their code on the cloud-store platform"),
        )
        profile_layout = self.profile.layout()
        assert isinstance(profile_layout, QFormLayout)
        self.county = QComboBox()
        self.county.setObjectName("county_id")
        self.county_label = QLabel()
        self.county_label.setBuddy(self.county)
        profile_layout.addRow(self.county_label, self.county)
        self.stage = QComboBox()
        self.stage.setObjectName("stage")
        self.stage_label = QLabel()
        self.stage_label.setBuddy(self.stage)
        profile_layout.addRow(self.stage_label, self.stage)
        for name, text in TRAITS:
            self.profile.add_int(name, text, minimum=1, maximum=5)
        self.total = QLabel()
        self.total.setObjectName("traitTotal")
        self.total_label = QLabel()
        profile_layout.addRow(self.total_label, self.total)

        # consent and contact
        self.consent_form = Form(Koc, "KocPage", base=base)
        self.consent_form.add_check(
            "consent", QT_TRANSLATE_NOOP("KocPage", "Agreed to be contacted")
        )
        self.consent_form.add_datetime("consent_at", QT_TRANSLATE_NOOP("KocPage", "Given on"))
        self.consent_form.add_choice(
            "consent_method",
            QT_TRANSLATE_NOOP("KocPage", "Given by"),
            ConsentMethod,
            optional=True,
        )
        self.contact_warning = QLabel()
        self.contact_warning.setObjectName("contactWarning")
        self.contact_warning.setWordWrap(True)
        theme.set_role(self.contact_warning, "warning")
        self.contact = Form(Koc, "KocPage", base=base)
        self.mobile = self.contact.add_line("mobile", QT_TRANSLATE_NOOP("KocPage", "Mobile"))
        self.wechat = self.contact.add_line("wechat", QT_TRANSLATE_NOOP("KocPage", "WeChat ID"))
        self.erase_button = QPushButton()
        self.erase_button.setObjectName("eraseKoc")
        theme.set_role(self.erase_button, "danger")
        self.erase_button.setIcon(icons.icon("erase", theme.ERROR))
        self.erased_note = QLabel()
        self.erased_note.setObjectName("erasedNote")
        self.erased_note.setWordWrap(True)
        theme.set_role(self.erased_note, "warning")
        self.notes_form = Form(Koc, "KocPage", base=base)
        self.notes = self.notes_form.add_text("notes", QT_TRANSLATE_NOOP("KocPage", "Notes"))
        notes_layout = self.notes_form.layout()
        assert isinstance(notes_layout, QFormLayout)
        notes_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for note_label in form_labels(self.notes_form):
            note_label.hide()  # the box title says it
        self.forms = (self.profile, self.consent_form, self.contact, self.notes_form)
        for form in self.forms:
            form.keep_drafts(ctx.store, draft_key, ctx.saves)

        left = QVBoxLayout(self)
        left.setContentsMargins(0, 0, 6, 0)
        profile_box_layout = QVBoxLayout()
        profile_box_layout.addWidget(self.profile)
        # An erased KOC is a record nobody edits: a readable summary, not a grey form.
        self.summary = RecordSummary("kocSummary")
        self.summary.hide()
        profile_box_layout.addWidget(self.summary)
        self.profile_box = _box(profile_box_layout, "profileBox")
        consent_layout = QVBoxLayout()
        consent_layout.addWidget(self.consent_form)
        consent_layout.addWidget(self.contact_warning)
        consent_layout.addWidget(self.contact)
        consent_layout.addWidget(self.erased_note)
        consent_layout.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.consent_box = _box(consent_layout, "consentBox")
        notes_layout = QVBoxLayout()
        notes_layout.addWidget(self.notes_form)
        self.notes_box = _box(notes_layout, "notesBox")
        left.addWidget(self.profile_box)
        left.addWidget(self.consent_box)
        left.addWidget(self.notes_box)
        left.addStretch(1)

    def retranslate(self) -> None:
        self.profile_box.setTitle(QCoreApplication.translate("KocPage", "Profile"))
        self.consent_box.setTitle(QCoreApplication.translate("KocPage", "Consent and contact"))
        self.notes_box.setTitle(QCoreApplication.translate("KocPage", "Notes"))
        self.county_label.setText(QCoreApplication.translate("KocPage", "County"))
        self.stage_label.setText(QCoreApplication.translate("KocPage", "Stage"))
        self.total_label.setText(QCoreApplication.translate("KocPage", "Trait score"))
        for name in TRAIT_FIELDS:
            self.profile.editor(name).setToolTip(trait_hint(name))
        current = self.stage.currentData()
        self.stage.blockSignals(True)
        self.stage.clear()
        for value, text in choices(KocStage):
            self.stage.addItem(text, str(value))
        self.stage.setCurrentIndex(max(self.stage.findData(current), 0))
        self.stage.blockSignals(False)
        self.contact_warning.setText(
            QCoreApplication.translate(
                "KocPage",
                "No consent recorded: the contact details are hidden. Under China's Personal"
                " Information Protection Law this KOC may be contacted only after agreeing to it."
                " Record the consent (when and how) above first.",
            )
        )
        self.erase_button.setText(QCoreApplication.translate("KocPage", "Erase this person…"))
        self.erase_button.setToolTip(
            QCoreApplication.translate(
                "KocPage", "At their request: remove their personal data everywhere (PIPL)"
            )
        )

    def align_labels(self) -> None:
        """One label column width for the stacked forms, so their fields line up."""
        labels = [
            lab
            for form in (self.profile, self.consent_form, self.contact)
            for lab in form_labels(form)
        ]
        # Measured from the text: a QLabel's cached size hint keeps its old minimum width.
        width = max(
            (
                lab.fontMetrics().horizontalAdvance(lab.text()) + 6
                for lab in labels
                if isinstance(lab, QLabel)
            ),
            default=0,
        )
        for lab in labels:
            lab.setFixedWidth(width)

    def show_consent(self, koc: Koc | None) -> None:
        """Contact editable only with recorded consent; otherwise masked and locked."""
        allowed = koc is not None and koc.consent
        self.contact_warning.setVisible(koc is not None and not koc.consent)
        if koc is None:
            self.contact.set_values({"mobile": None, "wechat": None})
        elif allowed:
            self.contact.set_values({"mobile": koc.mobile, "wechat": koc.wechat})
        else:
            self.contact.set_values(
                {"mobile": mask_mobile(koc.mobile), "wechat": mask_wechat(koc.wechat)}
            )
        self.contact.setEnabled(allowed)
        erased = koc is not None and koc.erased_at is not None
        self.erased_note.setVisible(erased)
        self.erase_button.setVisible(koc is not None and not erased)
        if erased:
            self.contact_warning.hide()
            for form in (self.profile, self.consent_form, self.contact, self.notes_form):
                form.setEnabled(False)
        else:
            for form in (self.profile, self.consent_form, self.notes_form):
                form.setEnabled(True)
        self.profile.setVisible(not erased)
        self.summary.setVisible(erased)
        if erased and koc is not None:
            self.show_summary(koc)
        self.retranslate_erased(koc)

    def show_summary(self, koc: Koc) -> None:
        """The erased KOC's profile as text: what still counts (county, stage, traits)."""
        traits = [(translate_in("KocPage", text), getattr(koc, name)) for name, text in TRAITS]
        self.summary.set_status(
            "neutral", QCoreApplication.translate("KocPage", "Personal data erased")
        )
        self.summary.set_rows(
            [
                (QCoreApplication.translate("KocPage", "County"), self.county.currentText()),
                (QCoreApplication.translate("KocPage", "Stage"), label(koc.stage)),
                *((text, str(value or "—")) for text, value in traits),
                (
                    QCoreApplication.translate("KocPage", "Trait score"),
                    QCoreApplication.translate("KocPage", "%1 of 20").replace(
                        "%1", str(sum(value or 0 for _t, value in traits))
                    ),
                ),
            ]
        )

    def retranslate_erased(self, koc: Koc | None) -> None:
        if koc is None or koc.erased_at is None:
            return
        self.show_summary(koc)
        when = QLocale().toString(
            q_datetime(koc.erased_at.astimezone().replace(tzinfo=None)),
            QLocale.FormatType.ShortFormat,
        )
        self.erased_note.setText(
            QCoreApplication.translate(
                "KocPage",
                "This person's personal data was erased on %1 at their request: name,"
                " contact, notes and consent are gone from this laptop, and head office and"
                " colleagues' laptops drop them at their next sync. Their stage, traits and"
                " links still count.",
            ).replace("%1", when)
        )


def mask_mobile(value: str | None) -> str:
    """138****8000: enough to tell numbers apart, not enough to call."""
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) > 7 else "****"


def mask_wechat(value: str | None) -> str:
    if not value:
        return ""
    return value[:2] + "****" + value[-2:] if len(value) > 4 else "****"


def koc_subtitle(detail: views_kocs.KocDetail, koc: Koc) -> str:
    """County · stage · where they were found · their rep."""
    parts = [detail.county or "", label(koc.stage)]
    if detail.source_shop:
        parts.append(
            QCoreApplication.translate("KocPage", "found at %1 on %2")
            .replace("%1", detail.source_shop)
            .replace(
                "%2",
                "" if detail.source_visit_date is None else detail.source_visit_date.isoformat(),
            )
        )
    elif detail.source_event:
        parts.append(
            QCoreApplication.translate("KocPage", "found at the event %1").replace(
                "%1", detail.source_event
            )
        )
    if detail.rep:
        parts.append(QCoreApplication.translate("KocPage", "rep: %1").replace("%1", detail.rep))
    return " · ".join(p for p in parts if p)
