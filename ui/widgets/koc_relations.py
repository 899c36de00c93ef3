"""The KOC page's right side: the lists of ``KocLists`` (shops, groups they run, events,
stage history) with what their buttons do, and the Pushes tab (``push_log``).

Opening a shop or an event goes to its page; linking a shop and adding or editing a
group open their dialogs (``ui/pages/koc_dialogs.py``); unlinking and deleting ask first.
Each write is announced through ``notify`` (the page's own-write guard).
Threading: UI thread; each list read is one indexed query.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from fieldapp.errors import FieldappError
from fieldapp.kinds import business_today
from fieldapp.model import Koc
from fieldapp.store import loop, views_kocs

from ..context import AppContext
from ..pages.koc_dialogs import GroupDialog, LinkShopDialog, confirm_remove
from .koc_lists import KocLists
from .push_log import PushLog


class KocRelations(KocLists):
    """Who and what a KOC is linked to, and the actions on those links."""

    def __init__(
        self,
        ctx: AppContext,
        koc: Callable[[], Koc | None],
        notify: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.koc = koc
        self.notify = notify
        self.shops_table.rowActivated.connect(self._open_shop)
        self.events_empty.set_action(lambda: ctx.go("events"))
        self.groups_table.rowActivated.connect(self._edit_group_row)
        self.events_table.rowActivated.connect(self._open_event)
        self.link_button.clicked.connect(self.link_shop)
        self.open_shop_button.clicked.connect(
            lambda: self._open_shop(self.shops_table.current_row())
        )
        self.unlink_button.clicked.connect(
            lambda: self.ask_remove("koc_shops", self.shops_table.current_row())
        )
        self.delete_group_button.clicked.connect(
            lambda: self.ask_remove("community_groups", self.groups_table.current_row())
        )
        self.add_group_button.clicked.connect(lambda: self.edit_group(None))
        self.edit_group_button.clicked.connect(
            lambda: self._edit_group_row(self.groups_table.current_row())
        )
        self.open_event_button.clicked.connect(
            lambda: self._open_event(self.events_table.current_row())
        )
        # The KOC's community pushes, logged in one step (issue 18).
        self.push_log = PushLog(ctx)
        self.push_log.logged.connect(lambda _id: self.retranslate_tabs())
        self.addTab(self.push_log, "")

    def load(self, koc: Koc | None) -> None:
        """Read the lists of ``koc`` (empty them for none)."""
        if koc is None:
            for model in self.models():
                model.set_items([])
        else:
            db = self.ctx.store.db
            self.shops_model.set_items(views_kocs.koc_shops(db, koc_id=koc.id))
            self.groups_model.set_items(views_kocs.koc_groups(db, koc_id=koc.id))
            self.events_model.set_items(views_kocs.koc_events(db, koc_id=koc.id))
            self.history_model.set_items(views_kocs.koc_history(db, koc_id=koc.id))
            self.fill_pushes(koc)
        self.retranslate_tabs()

    def load_history(self, koc: Koc) -> None:
        self.history_model.set_items(views_kocs.koc_history(self.ctx.store.db, koc_id=koc.id))
        self.retranslate_tabs()

    def fill_pushes(self, koc: Koc) -> None:
        """The push log: this KOC pushes, after one of the events they attended."""
        db = self.ctx.store.db
        self.push_log.set_context(
            people=[(koc.name, koc.id, None)],
            products=[(p.name, p.id) for p in self.ctx.store.products.list(order_by="name")],
            day=business_today(),
            koc_id=koc.id,
            events=loop.attended_events(db, koc_id=koc.id),
        )

    # ------------------------------------------------------------------ actions

    def _open_shop(self, row: int) -> None:
        link = self.shops_model.row_at(row)
        if link is not None:
            self.ctx.go("shop", link.shop_id)

    def _open_event(self, row: int) -> None:
        event = self.events_model.row_at(row)
        if event is not None:
            self.ctx.go("event", event.event_id)

    def _edit_group_row(self, row: int) -> None:
        group = self.groups_model.row_at(row)
        if group is not None:
            self.edit_group(group.id)

    def link_shop_dialog(self) -> LinkShopDialog | None:
        """The "link a shop" dialog for this KOC, not yet shown."""
        koc = self.koc()
        if koc is None:
            return None
        linked = {row.shop_id for row in self.shops_model.items}
        dialog = LinkShopDialog(self.ctx, koc, linked=linked, parent=self)
        dialog.saved.connect(lambda: self.list_changed("koc_shops"))
        return dialog

    def group_dialog(self, group_id: str | None) -> GroupDialog | None:
        """The add (``None``) or edit community group dialog, not yet shown."""
        koc = self.koc()
        if koc is None:
            return None
        group = None if group_id is None else self.ctx.store.community_groups.find(group_id)
        dialog = GroupDialog(self.ctx, koc, group, parent=self)
        dialog.saved.connect(lambda: self.list_changed("community_groups"))
        return dialog

    def ask_remove(self, table: str, row: int) -> None:
        """Confirm, then remove the selected shop link or community group."""
        model = self.shops_model if table == "koc_shops" else self.groups_model
        item = model.row_at(row)
        if item is not None and confirm_remove(self, table, item):
            self.remove(table, item.id)

    def remove(self, table: str, row_id: str) -> None:
        """Remove a shop link or community group of this KOC (synced like any delete)."""
        try:
            self.ctx.store.repo(table).delete(row_id)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.list_changed(table)

    def link_shop(self) -> None:
        dialog = self.link_shop_dialog()
        if dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def edit_group(self, group_id: str | None) -> None:
        dialog = self.group_dialog(group_id)
        if dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def list_changed(self, table: str) -> None:
        koc = self.koc()
        if koc is None:
            return
        db = self.ctx.store.db
        if table == "koc_shops":
            self.shops_model.set_items(views_kocs.koc_shops(db, koc_id=koc.id))
        else:
            self.groups_model.set_items(views_kocs.koc_groups(db, koc_id=koc.id))
        self.retranslate_tabs()
        self.notify(table)

    # ------------------------------------------------------------------ language

    def retranslate_tabs(self) -> None:
        super().retranslate_tabs()
        self.setTabText(
            self.indexOf(self.push_log),
            QCoreApplication.translate("KocPage", "Pushes (%1)").replace(
                "%1", str(self.push_log.list.count())
            ),
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.push_log.retranslate()
        self.retranslate_tabs()
