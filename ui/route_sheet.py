"""The day's route sheet on paper: a PDF file (QPdfWriter) or a printer (QPrinter), in
the interface language, from ``fieldapp.store.route_sheet``.

One HTML document laid out by QTextDocument: a heading with the rep, the day, the number
of stops and the road distance, then a table of the stops in order (arrival, km, shop and
address, owner and phone, last visit, open to-dos and a returned visit's comment), then
the day's events. Chinese text needs a CJK font on the machine (fonts-wqy-microhei here).
Threading: UI thread (QTextDocument and the paint devices are GUI objects).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget

from fieldapp.store.route_sheet import RouteSheet

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

from .clock import time_text

CONTEXT = "RouteSheet"


def sheet_html(sheet: RouteSheet) -> str:
    """The sheet as HTML (what is printed)."""
    head = (
        QCoreApplication.translate("RouteSheet", "Route sheet · %1 · %2")
        .replace("%1", escape(sheet.rep_name))
        .replace("%2", sheet.day.isoformat())
    )
    summary = (
        QCoreApplication.translate(
            "RouteSheet", "%1 stops · %2 km by road (estimated: straight line × 1.3)"
        )
        .replace("%1", str(len(sheet.stops)))
        .replace("%2", f"{sheet.total_km:.1f}")
    )
    headers = [
        QCoreApplication.translate("RouteSheet", "#"),
        QCoreApplication.translate("RouteSheet", "Arrival"),
        QCoreApplication.translate("RouteSheet", "km"),
        QCoreApplication.translate("RouteSheet", "Shop and address"),
        QCoreApplication.translate("RouteSheet", "Owner and phone"),
        QCoreApplication.translate("RouteSheet", "Last visit"),
        QCoreApplication.translate("RouteSheet", "Open to-dos and comments"),
        QCoreApplication.translate("RouteSheet", "Done"),
    ]
    rows = []
    for s in sheet.stops:
        notes = []
        if s.todo:
            notes.append(escape(s.todo))
        if s.returned_comment:
            notes.append(
                "<b>"
                + escape(
                    QCoreApplication.translate("RouteSheet", "Returned: %1").replace(
                        "%1", s.returned_comment
                    )
                )
                + "</b>"
            )
        if s.late:
            notes.append(
                escape(
                    QCoreApplication.translate("RouteSheet", "Late: closes before the visit ends")
                )
            )
        if s.arrival is None:
            notes.append(
                escape(QCoreApplication.translate("RouteSheet", "No coordinates: placed last"))
            )
        shop = f"<b>{escape(s.name)}</b>" + (f"<br/>{escape(s.address)}" if s.address else "")
        owner = "<br/>".join(escape(x) for x in (s.owner, s.phone) if x)
        last = "" if s.last_visit is None else s.last_visit.isoformat()
        cells = [
            str(s.seq),
            s.arrival or "",
            "" if s.km is None else f"{s.km:.1f}",
            shop,
            owner,
            last,
            "<br/>".join(notes),
            "✓" if s.done else "☐",
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    if not rows:
        empty = QCoreApplication.translate("RouteSheet", "No stops planned.")
        rows.append(f"<tr><td colspan='{len(headers)}'>{escape(empty)}</td></tr>")
    events = "".join(
        f"<li>{time_text(e.starts_at)}–{time_text(e.ends_at)} {escape(e.title)}</li>"
        for e in sheet.events
    )
    events_html = (
        f"<h3>{escape(QCoreApplication.translate('RouteSheet', 'Events'))}</h3><ul>{events}</ul>"
        if events
        else ""
    )
    head_row = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        "<html><head><style>"
        "body { font-size: 9pt; } h2 { font-size: 14pt; margin: 0; }"
        "th { background: #e8edf2; text-align: left; padding: 3px; }"
        "td { padding: 3px; vertical-align: top; border-bottom: 1px solid #bbb; }"
        "</style></head><body>"
        f"<h2>{head}</h2><p>{escape(summary)}</p>"
        "<table width='100%' cellspacing='0' cellpadding='3' border='0.5'>"
        f"<thead><tr>{head_row}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"{events_html}</body></html>"
    )


def _document(sheet: RouteSheet, device: QPdfWriter | QPrinter) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setHtml(sheet_html(sheet))
    rect = device.pageLayout().paintRectPixels(device.resolution())
    doc.setPageSize(QSizeF(rect.size()))
    return doc


def write_pdf(sheet: RouteSheet, path: str | Path) -> Path:
    """Write the sheet as an A4 landscape PDF at ``path``."""
    out = Path(path)
    writer = QPdfWriter(str(out))
    writer.setResolution(150)
    writer.setTitle(QCoreApplication.translate("RouteSheet", "Route sheet"))
    writer.setCreator("fieldapp")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(10, 10, 10, 10),
            QPageLayout.Unit.Millimeter,
        )
    )
    _document(sheet, writer).print_(writer)
    return out


def print_sheet(sheet: RouteSheet, parent: QWidget) -> bool:
    """Ask for a printer and print the sheet; False when the person cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # not on the start-up path

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(sheet, printer).print_(printer)
    return True
