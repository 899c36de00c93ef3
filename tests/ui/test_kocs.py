"""The KOC list (search, filters, New KOC) and the KOC page (traits, stage, consent, lists)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from fieldapp.model import ConsentMethod, Koc, KocStage
from fieldapp.pinyin import search_keys
from fieldapp.store import Store
from ui.context import AppContext
from ui.pages.koc import KocPage, mask_mobile
from ui.pages.kocs import KocsPage


@pytest.fixture
def kocs_page(qtbot: QtBot, ctx: AppContext) -> KocsPage:
    page = KocsPage(ctx)
    qtbot.addWidget(page)
    return page


@pytest.fixture
def koc_page(qtbot: QtBot, ctx: AppContext) -> KocPage:
    page = KocPage(ctx)
    qtbot.addWidget(page)
    return page


def listed(page: KocsPage) -> list[Any]:
    """Every row the filters match (fetching all pages)."""
    model = page.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.row_at(i) for i in range(model.rowCount())]


def all_kocs(store: Store) -> list[Koc]:
    return store.kocs.list()


def koc_where(store: Store, **conditions: Any) -> Koc:
    """A demo KOC with the given field values (the first by id)."""
    found = [k for k in all_kocs(store) if all(getattr(k, f) == v for f, v in conditions.items())]
    assert found, conditions
    return sorted(found, key=lambda k: k.id)[0]


def outbox(store: Store) -> int:
    return store.outbox.count()


def ime_type(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method commits it (QTest.keyClicks takes Latin-1 only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


# --------------------------------------------------------------------------- the list


def test_list_shows_every_live_koc_and_passes_the_model_tester(
    kocs_page: KocsPage, ctx: AppContext, qtmodeltester: Any
) -> None:
    assert kocs_page.table.objectName() == "kocTable"
    assert kocs_page.model.total() == ctx.store.kocs.count()
    assert 650 <= kocs_page.model.total() <= 850  # a rep's ~150 shops, ~5 KOCs each
    assert kocs_page.model.rowCount() == 200  # the first page; the rest is fetched on scroll
    qtmodeltester.check(kocs_page.model)
    kocs_page.search.setText("zw")
    kocs_page.apply_filters()
    qtmodeltester.check(kocs_page.model)


def test_search_by_pinyin_initials_as_you_type(
    qtbot: QtBot, kocs_page: KocsPage, ctx: AppContext
) -> None:
    search = kocs_page.findChild(QLineEdit, "kocSearch")
    assert search is kocs_page.search
    qtbot.keyClicks(search, "zw")
    every = ctx.store.kocs.count()
    qtbot.waitUntil(lambda: 0 < kocs_page.model.total() < every, timeout=3000)
    rows = listed(kocs_page)
    expected = {k.id for k in all_kocs(ctx.store) if "zw" in search_keys(k.name, person=True)[1]}
    assert expected and {r.id for r in rows} == expected
    for row in rows:  # 张伟, 周文 …: surname z…, given name w…
        assert "zw" in search_keys(row.name, person=True)[1]
    count = kocs_page.findChild(QLabel, "kocCount")
    assert str(len(expected)) in count.text()


def test_search_by_chinese_and_by_phone(kocs_page: KocsPage, ctx: AppContext) -> None:
    koc = next(k for k in all_kocs(ctx.store) if k.mobile)
    kocs_page.search.setText(koc.mobile[-6:])
    kocs_page.apply_filters()
    assert koc.id in {r.id for r in listed(kocs_page)}
    kocs_page.search.setText(koc.name)
    kocs_page.apply_filters()
    rows = listed(kocs_page)
    assert rows[0].name == koc.name  # exact matches rank first
    assert all(koc.name in r.name for r in rows)


def test_filters_stage_consent_county_and_traits(kocs_page: KocsPage, ctx: AppContext) -> None:
    kocs = all_kocs(ctx.store)
    page = kocs_page

    page.stage.setCurrentIndex(page.stage.findData(KocStage.DORMANT))
    rows = listed(page)
    assert {r.id for r in rows} == {k.id for k in kocs if k.stage is KocStage.DORMANT}
    assert page.model.total() == len(rows) > 50

    page.consent.setCurrentIndex(page.consent.findData(True))
    rows = listed(page)
    assert {r.id for r in rows} == {k.id for k in kocs if k.stage is KocStage.DORMANT and k.consent}

    page.clear_filters()
    assert page.model.total() == len(kocs)
    page.consent.setCurrentIndex(page.consent.findData(False))
    assert page.model.total() == sum(1 for k in kocs if not k.consent)

    page.clear_filters()
    county = ctx.store.counties.list(order_by="name")[0]
    page.county.setCurrentIndex(page.county.findData(county.id))
    rows = listed(page)
    assert rows and {r.id for r in rows} == {k.id for k in kocs if k.county_id == county.id}

    page.clear_filters()
    page.trait_spins["min_sharing"].setValue(5)
    rows = listed(page)
    assert {r.id for r in rows} == {k.id for k in kocs if k.trait_sharing >= 5}
    assert "1" in page.traits_button.text()  # one trait filter is active

    page.clear_filters()
    page.min_total.setValue(17)
    rows = listed(page)
    assert {r.id for r in rows} == {k.id for k in kocs if k.trait_score >= 17}
    assert all(r.total >= 17 for r in rows)


def test_sorting_goes_to_sql(kocs_page: KocsPage) -> None:
    total_column = next(i for i, c in enumerate(kocs_page.model.columns) if c.key == "total")
    kocs_page.table.sortByColumn(total_column, Qt.SortOrder.DescendingOrder)
    totals = [r.total for r in listed(kocs_page)]
    assert totals == sorted(totals, reverse=True)


def test_enter_and_double_click_open_the_koc_page(
    qtbot: QtBot, kocs_page: KocsPage, ctx: AppContext
) -> None:
    kocs_page.table.selectRow(3)
    kocs_page.table.setFocus()
    expected = kocs_page.model.row_at(3).id
    with qtbot.waitSignal(ctx.signals.navigate) as blocker:
        qtbot.keyClick(kocs_page.table, Qt.Key.Key_Return)
    assert blocker.args == ["koc", expected]
    with qtbot.waitSignal(ctx.signals.navigate) as blocker:
        kocs_page.table.doubleClicked.emit(kocs_page.model.index(5, 0))
    assert blocker.args == ["koc", kocs_page.model.row_at(5).id]


def test_open_with_a_county_shows_that_county(kocs_page: KocsPage, ctx: AppContext) -> None:
    county = ctx.store.counties.list(order_by="name")[1]
    kocs_page.open({"county_id": county.id})
    assert kocs_page.county.currentData() == county.id
    assert {r.county_id for r in listed(kocs_page)} == {county.id}


# --------------------------------------------------------------------------- new KOC


def test_new_koc_validates_as_you_type_and_writes_nothing_until_valid(
    qtbot: QtBot, kocs_page: KocsPage, ctx: AppContext
) -> None:
    store = ctx.store
    before, kocs_before = outbox(store), store.kocs.count()
    dialog = kocs_page.new_koc_dialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()  # no name yet

    name = dialog.form.editor("name")
    assert isinstance(name, QLineEdit)
    ime_type(name, "吴小红")
    assert dialog.ok.isEnabled()

    # No consent: contact fields are locked.
    assert not dialog.mobile.isEnabled()
    # Consent needs when and how: "when" is filled with now, "how" must be chosen.
    consent = dialog.form.editor("consent")
    consent.click()  # type: ignore[attr-defined]
    assert dialog.mobile.isEnabled()
    given_at = dialog.form.value("consent_at")  # filled in with now
    assert given_at is not None and abs((given_at - store.now()).total_seconds()) < 120
    method_error = dialog.findChild(QLabel, "consent_methodError")
    assert not method_error.isHidden()
    assert method_error.text()
    assert not dialog.ok.isEnabled()

    qtbot.keyClicks(dialog.mobile, "12345")
    mobile_error = dialog.findChild(QLabel, "mobileError")
    assert not mobile_error.isHidden() and mobile_error.text()

    dialog.save()  # refused: nothing written
    assert dialog.result() == 0
    assert outbox(store) == before and store.kocs.count() == kocs_before

    dialog.mobile.clear()
    qtbot.keyClicks(dialog.mobile, "139 0013 9000")
    assert mobile_error.isHidden()
    method = dialog.form.editor("consent_method")
    method.setCurrentIndex(method.findData(ConsentMethod.WECHAT.value))  # type: ignore[attr-defined]
    method.activated.emit(method.currentIndex())  # type: ignore[attr-defined]
    assert method_error.isHidden()
    assert dialog.ok.isEnabled()

    with qtbot.waitSignal(ctx.signals.navigate) as blocker:
        dialog.ok.click()
    created = store.kocs.get(blocker.args[1])
    assert blocker.args[0] == "koc"
    assert created.name == "吴小红"
    assert created.consent and created.consent_method is ConsentMethod.WECHAT
    assert created.consent_at == given_at
    assert created.mobile == "13900139000"
    assert created.rep_id == store.user_id
    assert store.kocs.count() == kocs_before + 1
    kocs_page.open()  # a hidden list re-reads when it is shown again
    assert kocs_page.model.total() == kocs_before + 1


# --------------------------------------------------------------------------- the KOC page


def test_edit_traits_saves_by_itself(qtbot: QtBot, koc_page: KocPage, ctx: AppContext) -> None:
    koc = koc_where(ctx.store, trait_sharing=2, trait_expertise=3)  # expertise set to 1 below
    koc_page.open(koc.id)
    assert koc_page.heading.text() == koc.name
    spin = koc_page.profile.editor("trait_sharing")
    spin.setValue(5)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: ctx.store.kocs.get(koc.id).trait_sharing == 5, timeout=3000)
    assert str(koc.trait_score + 3) in koc_page.total.text()
    # Ctrl+S (save) writes at once.
    koc_page.profile.editor("trait_expertise").setValue(1)  # type: ignore[attr-defined]
    assert koc_page.save()
    assert ctx.store.kocs.get(koc.id).trait_expertise == 1


def test_stage_change_records_history(koc_page: KocPage, ctx: AppContext) -> None:
    store = ctx.store
    koc = koc_where(store, stage=KocStage.INTRODUCED)
    koc_page.open(koc.id)
    history_before = store.koc_stage_changes.count(where={"koc_id": koc.id})
    assert koc_page.history_model.rowCount() == history_before

    i = koc_page.stage.findData(KocStage.EXPERIENCED.value)
    koc_page.stage.setCurrentIndex(i)
    koc_page.stage.activated.emit(i)

    assert store.kocs.get(koc.id).stage is KocStage.EXPERIENCED
    changes = store.koc_stage_changes.list(
        where={"koc_id": koc.id}, order_by="changed_at", descending=True
    )
    assert len(changes) == history_before + 1
    assert (changes[0].from_stage, changes[0].to_stage) == (
        KocStage.INTRODUCED,
        KocStage.EXPERIENCED,
    )
    assert koc_page.history_model.rowCount() == history_before + 1
    assert koc_page.history_model.row_at(0).to_stage is KocStage.EXPERIENCED


def test_contact_hidden_without_consent(qtbot: QtBot, koc_page: KocPage, ctx: AppContext) -> None:
    store = ctx.store
    koc = next(k for k in all_kocs(store) if not k.consent)
    # Contact recorded earlier, consent never given (e.g. withdrawn): still must not show.
    store.kocs.update(koc.id, mobile="13812345678")
    koc_page.open(koc.id)

    warning = koc_page.findChild(QLabel, "contactWarning")
    assert not warning.isHidden()
    assert not koc_page.mobile.isEnabled() and not koc_page.wechat.isEnabled()
    assert "13812345678" not in koc_page.mobile.text()
    assert koc_page.mobile.text() == mask_mobile("13812345678") == "138****5678"

    # Recording consent (when and how) unlocks the contact details.
    koc_page.consent_form.editor("consent").click()  # type: ignore[attr-defined]
    given_at = koc_page.consent_form.value("consent_at")  # filled in with now
    assert given_at is not None and abs((given_at - store.now()).total_seconds()) < 120
    assert not koc_page.save()  # how is missing: nothing written
    assert not store.kocs.get(koc.id).consent
    method = koc_page.consent_form.editor("consent_method")
    method.setCurrentIndex(method.findData(ConsentMethod.VERBAL.value))  # type: ignore[attr-defined]
    method.activated.emit(method.currentIndex())  # type: ignore[attr-defined]
    assert koc_page.save()
    saved = store.kocs.get(koc.id)
    assert saved.consent and saved.consent_method is ConsentMethod.VERBAL
    assert saved.consent_at == given_at
    assert warning.isHidden()
    assert koc_page.mobile.isEnabled()
    assert koc_page.mobile.text() == "13812345678"


def test_erase_this_person_asks_then_erases_and_locks_the_page(
    qtbot: QtBot, koc_page: KocPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ctx.store
    koc = next(k for k in all_kocs(store) if k.consent and k.mobile)
    koc_page.open(koc.id)
    button = koc_page.findChild(QPushButton, "eraseKoc")
    assert not button.isHidden() and button.text()
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def warning(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
            asked.append(text)
            return reply

        return warning

    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Cancel))
    button.click()
    assert asked and koc.name in asked[0]
    assert store.kocs.get(koc.id).erased_at is None  # cancelled: nothing happened

    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Yes))
    button.click()
    erased = store.kocs.get(koc.id)
    assert erased.erased_at is not None and erased.mobile is None and erased.name != koc.name
    note = koc_page.findChild(QLabel, "erasedNote")
    assert not note.isHidden() and note.text()
    assert button.isHidden()
    assert not koc_page.profile.isEnabled() and not koc_page.contact.isEnabled()
    assert koc.mobile not in koc_page.mobile.text()
    before = outbox(store)
    koc_page.save()  # saving the locked page writes nothing
    assert outbox(store) == before and store.kocs.get(koc.id) == erased


def test_invalid_input_shows_the_message_and_writes_nothing(
    qtbot: QtBot, koc_page: KocPage, ctx: AppContext
) -> None:
    store = ctx.store
    koc = next(k for k in all_kocs(store) if k.consent and k.mobile)
    koc_page.open(koc.id)
    before = outbox(store)

    koc_page.mobile.clear()
    qtbot.keyClicks(koc_page.mobile, "12345")
    error = koc_page.findChild(QLabel, "mobileError")
    assert not error.isHidden() and error.text()
    assert not koc_page.save()
    qtbot.wait(SAVE_WAIT)
    assert outbox(store) == before
    assert store.kocs.get(koc.id).mobile == koc.mobile
    assert koc_page.save_state.text()  # says it was not saved

    name = koc_page.profile.editor("name")
    assert isinstance(name, QLineEdit)
    name.clear()
    name.textEdited.emit("")
    name_error = koc_page.findChild(QLabel, "nameError")
    assert not name_error.isHidden() and name_error.text()
    assert not koc_page.save()
    assert outbox(store) == before

    # Fixing both saves both, as one mutation.
    ime_type(name, "新名字")
    koc_page.mobile.clear()
    qtbot.keyClicks(koc_page.mobile, "13700137000")
    assert error.isHidden() and name_error.isHidden()
    assert koc_page.save()
    saved = store.kocs.get(koc.id)
    assert (saved.name, saved.mobile) == ("新名字", "13700137000")
    assert outbox(store) == before + 1


SAVE_WAIT = 700  # longer than the autosave delay


def test_lists_and_navigation(qtbot: QtBot, koc_page: KocPage, ctx: AppContext) -> None:
    store = ctx.store
    koc_id = next(
        store.db.query(
            "SELECT k.id FROM kocs k WHERE k.deleted = 0"
            " AND EXISTS (SELECT 1 FROM invitations i WHERE i.koc_id = k.id AND i.deleted = 0)"
            " AND EXISTS (SELECT 1 FROM community_groups g WHERE g.admin_koc_id = k.id)"
            " ORDER BY k.id LIMIT 1"
        )
    )["id"]
    koc_page.open(koc_id)
    links = store.koc_shops.list(where={"koc_id": koc_id})
    assert koc_page.shops_model.rowCount() == len(links)
    assert koc_page.groups_model.rowCount() == store.community_groups.count(
        where={"admin_koc_id": koc_id}
    )
    assert koc_page.events_model.rowCount() == store.invitations.count(where={"koc_id": koc_id})

    with qtbot.waitSignal(ctx.signals.navigate) as blocker:
        koc_page.shops_table.doubleClicked.emit(koc_page.shops_model.index(0, 0))
    assert blocker.args == ["shop", koc_page.shops_model.row_at(0).shop_id]
    koc_page.events_table.selectRow(0)
    koc_page.events_table.setFocus()
    with qtbot.waitSignal(ctx.signals.navigate) as blocker:
        qtbot.keyClick(koc_page.events_table, Qt.Key.Key_Enter)
    assert blocker.args == ["event", koc_page.events_model.row_at(0).event_id]


def test_link_another_shop(qtbot: QtBot, koc_page: KocPage, ctx: AppContext) -> None:
    store = ctx.store
    koc = all_kocs(store)[0]
    koc_page.open(koc.id)
    links_before = koc_page.shops_model.rowCount()
    dialog = koc_page.link_shop_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    linked = {link.shop_id for link in store.koc_shops.list(where={"koc_id": koc.id})}
    listed_ids = {
        dialog.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.results.count())
    }
    assert listed_ids and not listed_ids & linked  # linked shops are not offered again
    assert not dialog.ok.isEnabled()  # no shop chosen
    dialog.results.setCurrentRow(0)
    shop_id = dialog.shop_id()
    assert dialog.ok.isEnabled()
    owners = store.owners.list(where={"shop_id": shop_id})
    if owners:
        dialog.owner.setCurrentIndex(dialog.owner.findData(owners[0].id))
    dialog.ok.click()
    link = store.koc_shops.list(where={"koc_id": koc.id, "shop_id": shop_id})[0]
    assert link.introduced_at == ctx.today()
    assert link.introduced_by_owner_id == (owners[0].id if owners else None)
    assert koc_page.shops_model.rowCount() == links_before + 1
    assert str(links_before + 1) in koc_page.tabs.tabText(0)


def test_unlink_a_shop_and_delete_a_group_after_asking(
    qtbot: QtBot, koc_page: KocPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ctx.store
    koc_id = next(
        store.db.query(
            "SELECT k.id FROM kocs k WHERE k.deleted = 0"
            " AND EXISTS (SELECT 1 FROM koc_shops s WHERE s.koc_id = k.id AND s.deleted = 0)"
            " AND EXISTS (SELECT 1 FROM community_groups g WHERE g.admin_koc_id = k.id"
            " AND g.deleted = 0) ORDER BY k.id LIMIT 1"
        )
    )["id"]
    koc_page.open(koc_id)
    replies = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes] * 2
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
        asked.append(text)
        return replies.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    link = koc_page.shops_model.row_at(0)
    links = koc_page.shops_model.rowCount()
    koc_page.shops_table.selectRow(0)
    koc_page.unlink_button.click()  # cancelled
    assert koc_page.shops_model.rowCount() == links and link.shop in asked[0]
    koc_page.unlink_button.click()
    assert koc_page.shops_model.rowCount() == links - 1
    assert store.koc_shops.find(link.id) is None and store.shops.find(link.shop_id) is not None
    assert store.outbox.list()[-1].op == "delete"

    group = koc_page.groups_model.row_at(0)
    groups = koc_page.groups_model.rowCount()
    koc_page.groups_table.selectRow(0)
    koc_page.delete_group_button.click()  # cancelled
    assert koc_page.groups_model.rowCount() == groups
    koc_page.delete_group_button.click()
    assert koc_page.groups_model.rowCount() == groups - 1
    assert store.community_groups.find(group.id) is None
    assert str(groups - 1) in koc_page.tabs.tabText(1)


def test_add_and_edit_a_community_group(qtbot: QtBot, koc_page: KocPage, ctx: AppContext) -> None:
    store = ctx.store
    koc = all_kocs(store)[1]
    koc_page.open(koc.id)
    before = koc_page.groups_model.rowCount()
    outbox_before = outbox(store)

    dialog = koc_page.group_dialog(None)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()  # a group needs a name
    dialog.save()
    assert outbox(store) == outbox_before
    kind = dialog.form.editor("kind")
    kind.setCurrentIndex(kind.findData("parents"))  # type: ignore[attr-defined]
    ime_type(dialog.form.editor("name"), "实验小学三年级家长群")
    dialog.form.editor("size").setValue(48)  # type: ignore[attr-defined]
    assert dialog.ok.isEnabled()
    dialog.ok.click()
    groups = store.community_groups.list(
        where={"admin_koc_id": koc.id, "name": "实验小学三年级家长群"}
    )
    assert len(groups) == 1
    group = groups[0]
    assert (group.kind.value, group.size, group.county_id) == ("parents", 48, koc.county_id)
    assert koc_page.groups_model.rowCount() == before + 1

    edit = koc_page.group_dialog(group.id)
    assert edit is not None
    qtbot.addWidget(edit)
    assert edit.form.value("name") == "实验小学三年级家长群"
    edit.form.editor("size").setValue(60)  # type: ignore[attr-defined]
    edit.ok.click()
    assert store.community_groups.get(group.id).size == 60
    sizes = [koc_page.groups_model.row_at(i).size for i in range(koc_page.groups_model.rowCount())]
    assert 60 in sizes


def test_models_pass_the_model_tester(
    koc_page: KocPage, ctx: AppContext, qtmodeltester: Any
) -> None:
    koc = koc_where(ctx.store, stage=KocStage.ADVOCATING)
    koc_page.open(koc.id)
    for model in (
        koc_page.shops_model,
        koc_page.groups_model,
        koc_page.events_model,
        koc_page.history_model,
    ):
        qtmodeltester.check(model)


def test_deleted_koc_shows_an_empty_page(koc_page: KocPage, ctx: AppContext) -> None:
    koc = all_kocs(ctx.store)[2]
    ctx.store.kocs.delete(koc.id)
    koc_page.open(koc.id)
    assert koc_page.koc is None
    assert not koc_page.profile_box.isEnabled()
    assert not koc_page.save()
