"""Translation workflow for the UI (Qt Linguist files), one .ts per ui/ module.

    python tools/i18n.py update [FILE…]  extract strings from ui/**/*.py (or FILEs) into .ts
    python tools/i18n.py todo            list strings that have no Chinese translation yet
    python tools/i18n.py fill FILE.json  set translations from {"Context": {"source": "译文"}}
    python tools/i18n.py release         compile all .ts into ui/i18n/fieldapp_zh_CN.qm
    python tools/i18n.py check           fail if any string lacks a translation or the .qm is stale

One .ts per module keeps parallel work on different pages free of merge conflicts;
lrelease merges them into the one .qm the app loads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
TS_DIR = UI / "i18n" / "zh_CN"
QM = UI / "i18n" / "fieldapp_zh_CN.qm"
LANG = "zh_CN"


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if "__pycache__" not in p.parts)


def ts_for(source: Path) -> Path:
    rel = source.relative_to(UI).with_suffix("")
    return TS_DIR / ("_".join(rel.parts) + ".ts")


def _lupdate(source: Path, ts: Path) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-target-language",
            LANG,
            str(source),
            "-ts",
            str(ts),
        ],
        check=True,
    )


def update(only: list[str] | None = None) -> None:
    """Extract strings; with ``only`` (paths of ui modules), just those modules' .ts files."""
    if only:
        for name in only:
            source = Path(name).resolve()
            ts = ts_for(source)
            _lupdate(source, ts)
            if not _messages(ts):
                ts.unlink()
        return
    wanted = set()
    for source in sources():
        ts = ts_for(source)
        _lupdate(source, ts)
        if not _messages(ts):
            ts.unlink()  # a module without user-visible strings
        else:
            wanted.add(ts)
    for stale in TS_DIR.glob("*.ts"):
        if stale not in wanted:
            stale.unlink()


def _messages(ts: Path) -> list[tuple[str, ET.Element, ET.Element]]:
    tree = ET.parse(ts)
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            out.append((name, message, translation))
    return out


def untranslated() -> list[tuple[Path, str, str]]:
    missing = []
    for ts in sorted(TS_DIR.glob("*.ts")):
        for context, message, translation in _messages(ts):
            if (
                translation.get("type") in ("unfinished", "vanished", "obsolete")
                or not (translation.text or "").strip()
            ):
                if translation.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append((ts, context, message.findtext("source") or ""))
    return missing


def fill(mapping: dict[str, dict[str, str]]) -> int:
    changed = 0
    for ts in sorted(TS_DIR.glob("*.ts")):
        tree = ET.parse(ts)
        dirty = False
        for context in tree.getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                text = mapping.get(name, {}).get(source)
                if text is None:
                    continue
                translation = message.find("translation")
                if translation is None:
                    translation = ET.SubElement(message, "translation")
                if translation.text != text or translation.get("type"):
                    translation.text = text
                    translation.attrib.pop("type", None)
                    dirty = True
                    changed += 1
        if dirty:
            tree.write(ts, encoding="utf-8", xml_declaration=True)
    return changed


def release(qm: Path = QM) -> None:
    files = sorted(TS_DIR.glob("*.ts"))
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", *map(str, files), "-qm", str(qm)], check=True
    )


def check() -> list[str]:
    """Problems: strings in the code missing from the .ts files, untranslated ones, stale .qm."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources():
            fresh = Path(tmp) / ts_for(source).name
            _lupdate(source, fresh)
            known = (
                {(c, m.findtext("source")) for c, m, _ in _messages(ts_for(source))}
                if ts_for(source).exists()
                else set()
            )
            for context, message, _ in _messages(fresh):
                key = (context, message.findtext("source"))
                if key not in known:
                    problems.append(
                        f"not extracted yet: {source.relative_to(ROOT)} "
                        f"[{context}] {key[1]!r} (run: python tools/i18n.py update)"
                    )
        for ts, context, source in untranslated():
            problems.append(f"no Chinese translation: {ts.name} [{context}] {source!r}")
        built = Path(tmp) / "check.qm"
        if TS_DIR.exists() and any(TS_DIR.glob("*.ts")):
            release(built)
            if not QM.exists() or QM.read_bytes() != built.read_bytes():
                problems.append(
                    "ui/i18n/fieldapp_zh_CN.qm is stale (run: python tools/i18n.py release)"
                )
    return problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd = argv[0]
    if cmd == "update":
        update(argv[1:] or None)
    elif cmd == "todo":
        for ts, context, source in untranslated():
            print(f"{ts.name}\t{context}\t{source}")
    elif cmd == "fill":
        mapping = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        print(f"{fill(mapping)} translations set")
    elif cmd == "release":
        release()
    elif cmd == "check":
        problems = check()
        print("\n".join(problems) or "translations complete")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
