"""The compiled translations (ui/i18n/*.qm) are built from the .ts files, not committed
(issue 17): a fresh clone builds them on its first ``./dev setup``, its first start, or
the package's build, and builds them again when a .ts file is newer."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ui/i18n's .ts files with no .qm, as a fresh clone has them."""
    folder = tmp_path / "i18n"
    for lang in i18n.QM_SOURCES.values():
        shutil.copytree(i18n.I18N_DIR / lang, folder / lang)
    monkeypatch.setattr(i18n, "I18N_DIR", folder)
    return folder


def test_missing_translations_are_built_then_reused(checkout: Path) -> None:
    assert not list(checkout.glob("*.qm"))
    built = i18n.ensure_qm()
    assert sorted(p.name for p in built) == ["fieldapp_en.qm", "fieldapp_zh_CN.qm"]
    translator = QTranslator()
    assert translator.load(str(checkout / "fieldapp_zh_CN.qm"))
    assert translator.translate("EventPage", "Details") == "活动信息"
    assert i18n.ensure_qm() == []  # up to date: nothing built again


def test_a_newer_ts_file_builds_its_qm_again(checkout: Path) -> None:
    i18n.ensure_qm()
    qm = checkout / "fieldapp_zh_CN.qm"
    ts = next((checkout / "zh_CN").glob("*.ts"))
    later = qm.stat().st_mtime + 10
    os.utime(ts, (later, later))
    assert i18n.ensure_qm() == [qm]


def test_qm_files_stay_out_of_git_and_setup_builds_them() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "ui/i18n/*.qm" in ignored
    assert '"$PY" tools/i18n.py build' in (ROOT / "dev").read_text(encoding="utf-8")
    spec = (ROOT / "packaging" / "fieldapp.spec").read_text(encoding="utf-8")
    assert "ensure_qm()" in spec and 'our_qm("en")' in spec
