"""A real window on a fresh Debian machine: the `dev` script installs every shared library
Qt's xcb platform plugin needs (checked with ldd), and the app opens a real X11 window
under Xvfb on a 1366×768 screen that fits the screen and comes back where it was left.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = Path(PySide6.__file__).parent / "Qt" / "plugins"
#: The plugins a real X11 window loads: the platform and its GL integrations.
XCB_PLUGINS = (
    PLUGINS / "platforms" / "libqxcb.so",
    *sorted((PLUGINS / "xcbglintegrations").glob("*.so")),
)
#: Part of every Debian system that can run Python at all.
BASE = {"libc6", "libgcc-s1"}

linux_debian = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None,
    reason="checks Debian's packages",
)


def dev_packages() -> set[str]:
    """The Debian packages the `dev` script's setup installs."""
    text = (ROOT / "dev").read_text(encoding="utf-8")
    found: set[str] = set()
    for match in re.finditer(r"^\s*apt_install ((?:[^\n\\]|\\\n)+)", text, flags=re.M):
        found.update(w for w in match.group(1).replace("\\\n", " ").split() if w[0].isalpha())
    return found


def ldd(path: Path) -> list[str]:
    return subprocess.run(
        ["ldd", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()


def closure(packages: set[str]) -> set[str]:
    """The packages and everything they depend on (what apt-get install brings)."""
    out = subprocess.run(
        [
            "apt-cache",
            "depends",
            "--recurse",
            "--no-recommends",
            "--no-suggests",
            "--no-conflicts",
            "--no-breaks",
            "--no-replaces",
            "--no-enhances",
            *sorted(packages),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {line.strip() for line in out.splitlines() if not line.startswith(" ")}
    names |= {
        line.split(":", 1)[1].strip().strip("<>")
        for line in out.splitlines()
        if line.strip().startswith(("Depends:", "PreDepends:"))
    }
    return {n.split(":")[0] for n in names}


@linux_debian
def test_every_library_of_the_xcb_plugin_is_installed() -> None:
    missing = [
        f"{plugin.name}: {line.split()[0]}"
        for plugin in XCB_PLUGINS
        for line in ldd(plugin)
        if "not found" in line
    ]
    assert missing == []


@linux_debian
def test_setup_installs_every_package_the_xcb_plugin_needs() -> None:
    owners: set[str] = set()
    for plugin in XCB_PLUGINS:
        for line in ldd(plugin):
            parts = line.split("=>")
            if len(parts) != 2 or not parts[1].strip().startswith("/"):
                continue
            lib = os.path.realpath(parts[1].split()[0])
            if str(PLUGINS.parent) in lib:
                continue  # Qt's own, in the wheel
            owner = subprocess.run(["dpkg-query", "-S", lib], capture_output=True, text=True)
            if owner.returncode != 0:  # a /lib path the package lists under /usr/lib
                owner = subprocess.run(
                    ["dpkg-query", "-S", lib.replace("/usr/lib/", "/lib/", 1)],
                    capture_output=True,
                    text=True,
                )
            assert owner.returncode == 0, f"no Debian package owns {lib}"
            owners.add(owner.stdout.split(":")[0])
    wanted = dev_packages()
    assert "fonts-noto-color-emoji" in wanted  # emoji in names are drawn, not boxes
    assert "xvfb" in wanted and "xauth" in wanted  # xvfb-run: a real window without a screen
    assert sorted(owners - BASE - closure(wanted)) == []


# ---------------------------------------------------------------------- a real window

_CHILD = r"""
import json, sys, time
from datetime import date
import main
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

args = json.loads(sys.argv[1])
started = main.start(args["argv"], today=lambda: date(2026, 11, 24))
app, window = started.app, started.window
out = {"platform": QGuiApplication.platformName()}

def report():
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    out.update(
        screen=[screen.x(), screen.y(), screen.width(), screen.height()],
        frame=[frame.x(), frame.y(), frame.width(), frame.height()],
        geometry=[window.x(), window.y(), window.width(), window.height()],
        maximized=window.isMaximized(),
        exposed=window.windowHandle().isExposed(),
    )
    move = args.get("move")
    if move:
        window.setGeometry(*move)
    QTimer.singleShot(300, close)

def close():
    t0 = time.perf_counter()
    window.close()
    out["close_s"] = time.perf_counter() - t0
    app.quit()

QTimer.singleShot(1500, report)
app.exec()
started.store.close()
print("RESULT " + json.dumps(out))
"""


@pytest.fixture
def xvfb(tmp_path: Path) -> Iterator[str]:
    """An X server on a free display with one 1366×768 screen."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: ./dev setup installs it (package xvfb)")
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = pipe.readline().strip()
    try:
        yield f":{display}"
    finally:
        proc.terminate()
        proc.wait(10)


def _run_app(display: str, env_dir: Path, db: Path, **args: object) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(env_dir),
        XDG_CONFIG_HOME=str(env_dir / "config"),
        XDG_DATA_HOME=str(env_dir / "data"),
        XDG_STATE_HOME=str(env_dir / "state"),
        XDG_CACHE_HOME=str(env_dir / "cache"),
    )
    payload = {"argv": ["--db", str(db), "--lang", "en"], **args}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(payload)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    result: dict[str, object] = json.loads(lines[-1][len("RESULT ") :])
    return result


@linux_debian
def test_a_real_window_fits_the_screen_and_comes_back_where_it_was(
    xvfb: str, demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.db"
    shutil.copy(demo_template, db)
    t0 = time.perf_counter()
    first = _run_app(xvfb, tmp_path, db, move=[100, 60, 1100, 650])
    assert time.perf_counter() - t0 < 60
    assert first["platform"] == "xcb"
    assert first["exposed"] is True
    sx, sy, sw, sh = first["screen"]  # type: ignore[misc]
    fx, fy, fw, fh = first["frame"]  # type: ignore[misc]
    assert (sw, sh) == (1366, 768)
    assert sx <= fx and sy <= fy and fx + fw <= sx + sw and fy + fh <= sy + sh, first

    again = _run_app(xvfb, tmp_path, db)
    assert again["geometry"] == [100, 60, 1100, 650]
