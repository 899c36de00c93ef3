"""The first screen loads neither the pydantic models nor sqlite-utils (nor the HTTP
client): together they were more than half of the window's start-up time. A fresh
process builds and paints the main window on a demo store, as main.py does, and lists
what it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_SCRIPT = """
import json, sys
from datetime import date
from PySide6.QtWidgets import QApplication
from fieldapp.store import Store
from ui.app import create_context, create_window
from ui.i18n import Translations
app = QApplication([])
Translations(app).install("zh_CN")
store = Store.open(sys.argv[1])
window = create_window(create_context(store, today=lambda: date(2026, 11, 24)))
window.resize(1366, 740)
window.show()
app.processEvents()
window.grab()
rows = window.current_page().planned_model.rowCount()
print(json.dumps({"page": window.current_page().page_id, "rows": rows,
                  "modules": sorted(sys.modules)}))
"""

NOT_AT_START = (
    "pydantic",
    "sqlite_utils",
    "fieldapp.model",
    "fieldapp.store.repo",
    "fieldapp.store.metrics",  # the Today page needs only fieldapp.store.overdue
    "requests",
    "uuid",  # loads platform; only writes make ids
    "hashlib",  # verify sums; only sync and migrations
)


def test_the_first_screen_needs_no_models_and_no_sqlite_utils(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.db"
    db.write_bytes(demo_template.read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(db)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["page"] == "today"
    assert seen["rows"] > 0  # painted with data
    loaded = [m for m in NOT_AT_START if m in seen["modules"]]
    assert loaded == []
