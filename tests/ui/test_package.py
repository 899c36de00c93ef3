"""The packaged app, checked the way CI can: ``tools/package.py`` (``./dev package``)
builds the PyInstaller folder and archive; the archive's app starts offscreen on the
demo store, opens every page in both languages and quits 0 (``--self-test``); it carries
our and Qt's Chinese translations, the Chinese font and the county list; it installs
for one user without root and uninstalls keeping the data unless asked.

Slow: a build takes minutes. It is cached outside the checkout (the user's cache
folder), keyed by a hash of everything it is made from, so one build serves every run
until a source changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from platformdirs import user_cache_path

from fieldapp import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux package"),
    pytest.mark.timeout(3600),
]


@pytest.fixture(scope="module")
def archive() -> Path:
    dist = user_cache_path("fieldapp-build", appauthor=False) / "dist"
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "package.py"), "--dist", str(dist)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3000,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(done.stdout.strip().splitlines()[-1])
    (found,) = dist.glob(f"fieldapp-{__version__}-linux-*.tar.gz")
    return found


@pytest.fixture(scope="module")
def app(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="tar")
    return folder / "fieldapp"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHON"))}
    return env | {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def test_the_package_carries_what_the_app_needs(app: Path) -> None:
    res = app / "_internal"
    for needed in (
        "ui/i18n/fieldapp_zh_CN.qm",
        "ui/i18n/fieldapp_en.qm",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "ui/font_files/wqy-microhei.ttc",
        "fieldapp/reference/cn_counties.csv",
        "fieldapp/reference/SOURCE.md",
    ):
        assert (res / needed).is_file(), needed
    assert not (res / "sync" / "server").exists()  # head office's server stays home
    assert (app / "install.sh").is_file() and (app / "BUILD-INFO.json").is_file()


def test_the_packaged_app_opens_every_page_and_quits(
    app: Path, demo_template: Path, tmp_path: Path
) -> None:
    version = subprocess.run(
        [str(app / "fieldapp"), "--version"], capture_output=True, text=True, timeout=120
    )
    assert version.returncode == 0 and version.stdout.strip() == f"fieldapp {__version__}"
    store = tmp_path / "store.db"
    shutil.copy(demo_template, store)
    for role in ("rep", "supervisor"):
        done = subprocess.run(
            [str(app / "fieldapp"), "--db", str(store), "--as", role, "--self-test"],
            env=_env(tmp_path / "home"),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "self-test ok" in done.stdout and "language zh_CN" in done.stdout
        assert "page today" in done.stdout and "page settings" in done.stdout


def test_installs_for_one_user_and_uninstalls_keeping_the_data(app: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = _env(home)
    subprocess.run(["sh", str(app / "install.sh")], env=env, check=True, timeout=300)
    installed = home / ".local" / "opt" / "fieldapp"
    assert (installed / "fieldapp").is_file()
    desktop = (home / ".local/share/applications/fieldapp.desktop").read_text()
    assert f"Exec={installed}/fieldapp" in desktop
    data = home / ".local" / "share" / "fieldapp"
    data.mkdir(parents=True)
    (data / "fieldapp.db").write_text("the rep's data")
    subprocess.run(["sh", str(installed / "uninstall.sh")], env=env, check=True, timeout=120)
    assert not installed.exists() and (data / "fieldapp.db").exists()
    subprocess.run(["sh", str(app / "install.sh")], env=env, check=True, timeout=300)
    subprocess.run(
        ["sh", str(installed / "uninstall.sh"), "--remove-data"], env=env, check=True, timeout=120
    )
    assert not installed.exists() and not data.exists()
