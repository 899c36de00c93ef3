"""Shelf-audit grid benchmark: the model's work per keystroke on a 20-SKU grid (< 16 ms).

    QT_QPA_PLATFORM=offscreen python benchmarks/audit_bench.py

A keystroke that commits a cell costs ``setData`` (read, check, store the number or
the typed text with its problem) and the repaint's ``data`` calls for every role of
every visible cell (20 rows × 7 columns × the roles a view asks for). Both are timed
together, per keystroke, over 20 rows × 4 number cells, one round: PySide6 6.12 on
Python 3.11 drops a reference to True on every signal emitted from Python, and a few
thousand emits crash the interpreter.
``benchmarks/run.py --only audit`` runs it too.
"""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fieldapp.store.shelf import AuditRow
from ui.audit_grid import AuditGridModel

TARGET_MS = 16.0
_ROLES = (
    Qt.ItemDataRole.DisplayRole.value,
    Qt.ItemDataRole.CheckStateRole.value,
    Qt.ItemDataRole.ToolTipRole.value,
    Qt.ItemDataRole.TextAlignmentRole.value,
    Qt.ItemDataRole.ForegroundRole.value,
    Qt.ItemDataRole.BackgroundRole.value,
    Qt.ItemDataRole.FontRole.value,
    Qt.ItemDataRole.DecorationRole.value,
)


def measure(rounds: int = 1) -> tuple[float, float, float]:
    """(median, p95, max) milliseconds of model work per keystroke."""
    _app = QApplication.instance() or QApplication([])
    model = AuditGridModel()
    model.set_rows(
        [
            AuditRow(product_id=f"p{i}", name=f"SKU {i}", category="c", list_price=10.0)
            for i in range(20)
        ]
    )
    samples: list[float] = []
    texts = ("7", "1000", "12.5", "0", "abc", "")
    for k in range(rounds):
        for r in range(20):
            for c in (3, 4, 5, 6):
                start = time.perf_counter()
                model.setData(model.index(r, c), texts[(k + r + c) % len(texts)])
                for rr in range(20):
                    for cc in range(7):
                        index = model.index(rr, cc)
                        for role in _ROLES:
                            model.data(index, role)
                samples.append(time.perf_counter() - start)
    ordered = sorted(samples)
    return (
        statistics.median(ordered) * 1000,
        ordered[int(len(ordered) * 0.95)] * 1000,
        ordered[-1] * 1000,
    )


if __name__ == "__main__":
    med, p95, worst = measure()
    print(f"audit grid: {med:.2f} ms median, {p95:.2f} ms p95, {worst:.2f} ms max per keystroke"
          f" (target < {TARGET_MS:.0f} ms)")  # fmt: skip
