"""125 % and 150 % display scaling (issue 17): a 1920x1080 laptop at Windows' 125 % or
150 % leaves the window 1536x864 or 1280x720 logical pixels. Rendered there (Qt's
QT_SCALE_FACTOR, set before the application starts, so in a child process), each page
draws at the screen's full resolution and no list or table on it scrolls sideways, the
visit page's shelf-audit grid included (it spans two of the page's columns).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("today", "shop", "visit", "event", "koc", "events", "settings", "plan", "counties")
SCROLLS_SIDEWAYS_BY_DESIGN: set[str] = set()

CHILD = r"""
import json, sys, tempfile
from datetime import date
from pathlib import Path
from PySide6.QtWidgets import QAbstractScrollArea, QApplication
from fieldapp.demo import adopt_first_rep, generate
from fieldapp.store import Store
from ui.app import create_context, create_window
from ui.i18n import Translations

scale, lang, pages = float(sys.argv[1]), sys.argv[2], sys.argv[3].split(",")
today = date(2026, 11, 24)
app = QApplication([])
out = {}
with tempfile.TemporaryDirectory() as tmp:
    store = Store.open(Path(tmp) / "demo.db")
    generate(store, scale="rep", seed=1, today=today)
    adopt_first_rep(store)
    db = store.db
    shop = db.execute("SELECT shop_id FROM visits WHERE rep_id = ? GROUP BY shop_id"
                      " ORDER BY count(*) DESC LIMIT 1", [store.user_id]).fetchone()[0]
    args = {
        "shop": shop,
        "visit": {"shop_id": shop, "new": True},
        "koc": db.execute("SELECT id FROM kocs WHERE deleted = 0 ORDER BY name"
                          " LIMIT 1").fetchone()[0],
        "event": db.execute("SELECT event_id FROM invitations GROUP BY event_id"
                            " ORDER BY count(*) DESC LIMIT 1").fetchone()[0],
    }
    translations = Translations(app)
    translations.install(lang)
    ctx = create_context(store, today=lambda: today, translations=translations)
    window = create_window(ctx)
    window.resize(round(1920 / scale), round(1080 / scale))
    window.show()
    for page_id in pages:
        window.show_page(page_id, args.get(page_id))
        ctx.runner.wait(30000)
        for _ in range(5):
            app.processEvents()
        page = window.pages[page_id]
        picture = window.grab()
        out[page_id] = {
            "size": [picture.width(), picture.height()],
            "sideways": sorted(
                a.objectName() or type(a).__name__
                for a in page.findChildren(QAbstractScrollArea)
                if a.isVisible() and a.horizontalScrollBar().isVisible()
            ),
        }
    window.close()
    store.close()
print("RESULT " + json.dumps(out))
"""


@pytest.mark.parametrize("scale", [1.25, 1.5])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_pages_at_windows_scaling(scale: float, lang: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": str(scale)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(scale), lang, ",".join(PAGES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    found = json.loads(lines[-1].removeprefix("RESULT "))
    assert set(found) == set(PAGES)
    for page, seen in found.items():
        # Drawn at the screen's resolution: 1920x1080 device pixels (a pixel of rounding).
        width, height = seen["size"]
        assert abs(width - 1920) <= 2 and abs(height - 1080) <= 2, (page, seen["size"])
        sideways = set(seen["sideways"]) - SCROLLS_SIDEWAYS_BY_DESIGN
        assert not sideways, f"{page} scrolls sideways at {scale:.0%}: {sorted(sideways)}"
