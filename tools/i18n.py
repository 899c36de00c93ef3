"""Translation workflow for the UI (Qt Linguist files), one .ts per ui/ module.

    python tools/i18n.py update [FILE…]  extract strings from ui/**/*.py (or FILEs) into .ts
    python tools/i18n.py todo            list strings that have no Chinese translation yet
    python tools/i18n.py fill FILE.json  set translations from {"Context": {"source": "译文"}}
    python tools/i18n.py release         compile all .ts into ui/i18n/fieldapp_zh_CN.qm (and _en)
    python tools/i18n.py build           release only what is missing or older than its .ts
    python tools/i18n.py check           fail if any string is not extracted or lacks a translation

One .ts per module keeps parallel work on different pages free of merge conflicts;
lrelease merges them into the one .qm the app loads. The .qm files are build output, not
in git (.gitignore): ``./dev setup`` runs ``build``, the package's spec and a source
checkout's first start do the same (``ui.i18n.ensure_qm``), so no rebase ever conflicts
on a binary file.

English is the source language, but a count needs its plural forms there too: strings
with Qt's ``%n`` ("%n events this week") are also extracted, plural forms only, into
ui/i18n/en/*.ts ("1 event this week" / "%n events this week") and compiled into
ui/i18n/fieldapp_en.qm. ``fill`` takes a list for a plural message (one text per form).
Write a count as ``self.tr(text, "", n)`` or ``ClassName.tr(text, "", n)`` (the context is
the name before ``.tr``): lupdate extracts no plural from ``QCoreApplication.translate``
(tests/ui/test_plural_extraction.py holds every count in ui/ to it).
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
EN_DIR = UI / "i18n" / "en"
EN_QM = UI / "i18n" / "fieldapp_en.qm"


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if "__pycache__" not in p.parts)


def ts_for(source: Path, folder: Path = TS_DIR) -> Path:
    rel = source.relative_to(UI).with_suffix("")
    return folder / ("_".join(rel.parts) + ".ts")


def _lupdate(source: Path, ts: Path, *, lang: str = LANG) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    plural_only = ["-pluralonly"] if lang == "en" else []
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            *plural_only,
            "-target-language",
            lang,
            str(source),
            "-ts",
            str(ts),
        ],
        check=True,
    )


def _sources_in(ts: Path) -> set[str]:
    return {m.findtext("source") or "" for _, m, _ in _messages(ts)} if ts.exists() else set()


def _update_en(source: Path) -> Path | None:
    """The English plural forms of ``source``'s %n strings; None when it has none.

    Some lupdate versions (PySide6 6.11) do not see a plural given to
    ``QCoreApplication.translate(context, text, "", n)``: their run would drop forms
    written by hand. A file that would lose a string still in the module's source is
    kept as it was, with a warning."""
    ts = ts_for(source, EN_DIR)
    old = ts.read_bytes() if ts.exists() else None
    before = _sources_in(ts)
    _lupdate(source, ts, lang="en")
    still = _sources_in(ts_for(source))  # the module's strings (its zh_CN .ts, updated first)
    dropped = sorted(s for s in before - _sources_in(ts) if s and s in still)
    if old is not None and dropped:
        ts.write_bytes(old)
        print(
            f"warning: {ts.name} kept: this lupdate does not see {len(dropped)} plural"
            f" string(s) still in {source.relative_to(ROOT)}: {dropped[0]!r}",
            file=sys.stderr,
        )
        return ts
    if not _messages(ts):
        ts.unlink()
        return None
    return ts


def update(only: list[str] | None = None) -> None:
    """Extract strings; with ``only`` (paths of ui modules), just those modules' .ts files."""
    if only:
        for name in only:
            source = Path(name).resolve()
            ts = ts_for(source)
            _lupdate(source, ts)
            _update_en(source)
            if not _messages(ts):
                ts.unlink()
        return
    wanted = set()
    wanted_en = set()
    for source in sources():
        ts = ts_for(source)
        _lupdate(source, ts)
        en = _update_en(source)
        if en is not None:
            wanted_en.add(en)
        if not _messages(ts):
            ts.unlink()  # a module without user-visible strings
        else:
            wanted.add(ts)
    for stale in TS_DIR.glob("*.ts"):
        if stale not in wanted:
            stale.unlink()
    for stale in EN_DIR.glob("*.ts"):
        if stale not in wanted_en:
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
    for ts in sorted([*TS_DIR.glob("*.ts"), *EN_DIR.glob("*.ts")]):
        for context, message, translation in _messages(ts):
            forms = translation.findall("numerusform")
            text = " ".join(f.text or "" for f in forms) if forms else translation.text or ""
            if (
                translation.get("type") in ("unfinished", "vanished", "obsolete")
                or not text.strip()
            ):
                if translation.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append((ts, context, message.findtext("source") or ""))
    return missing


def fill(mapping: dict[str, dict[str, str | list[str]]], folder: Path = TS_DIR) -> int:
    changed = 0
    for ts in sorted(folder.glob("*.ts")):
        tree = ET.parse(ts)
        dirty = False
        for context in tree.getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                text = mapping.get(name, {}).get(source)
                if text is None or (folder == EN_DIR and not isinstance(text, list)):
                    continue
                translation = message.find("translation")
                if translation is None:
                    translation = ET.SubElement(message, "translation")
                forms = translation.findall("numerusform")
                if isinstance(text, list):  # one text per plural form (English)
                    if message.get("numerus") != "yes" or folder != EN_DIR:
                        continue
                    for form in forms:
                        translation.remove(form)
                    for form_text in text:
                        ET.SubElement(translation, "numerusform").text = form_text
                    translation.attrib.pop("type", None)
                    dirty = True
                    changed += 1
                    continue
                if message.get("numerus") == "yes" and forms:
                    # Chinese has one plural form: every form gets the same words.
                    if any(f.text != text for f in forms) or translation.get("type"):
                        for form in forms:
                            form.text = text
                        translation.attrib.pop("type", None)
                        dirty = True
                        changed += 1
                    continue
                if translation.text != text or translation.get("type"):
                    translation.text = text
                    translation.attrib.pop("type", None)
                    dirty = True
                    changed += 1
        if dirty:
            tree.write(ts, encoding="utf-8", xml_declaration=True)
    return changed


def release(qm: Path = QM, en_qm: Path = EN_QM) -> None:
    for folder, target in ((TS_DIR, qm), (EN_DIR, en_qm)):
        files = sorted(folder.glob("*.ts"))
        if files:
            subprocess.run(
                [_tool("pyside6-lrelease"), "-silent", *map(str, files), "-qm", str(target)],
                check=True,
            )


def build() -> list[Path]:
    """Compile the .qm files that are missing or older than their .ts (``ui.i18n``)."""
    sys.path.insert(0, str(ROOT))
    from ui.i18n import ensure_qm

    return ensure_qm()


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
            en_fresh = Path(tmp) / ("en_" + ts_for(source).name)
            _lupdate(source, en_fresh, lang="en")
            en_ts = ts_for(source, EN_DIR)
            en_known = (
                {(c, m.findtext("source")) for c, m, _ in _messages(en_ts)}
                if en_ts.exists()
                else set()
            )
            for context, message, _ in _messages(en_fresh):
                key = (context, message.findtext("source"))
                if key not in en_known:
                    problems.append(
                        f"no English plural forms yet: {source.relative_to(ROOT)} "
                        f"[{context}] {key[1]!r} (run: python tools/i18n.py update)"
                    )
        for ts, context, text in untranslated():
            what = "English plural forms" if ts.parent == EN_DIR else "Chinese translation"
            problems.append(f"no {what}: {ts.name} [{context}] {text!r}")
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
        changed = fill(mapping) + fill(mapping, EN_DIR)
        print(f"{changed} translations set")
    elif cmd == "release":
        release()
    elif cmd == "build":
        for built in build():
            print(f"built {built.relative_to(ROOT)}")
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
