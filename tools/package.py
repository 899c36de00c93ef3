"""Build the desktop app with PyInstaller: ``dist/fieldapp/`` and an archive of it.

    python tools/package.py [--update-url URL --root root.json] [--dist DIR] [--force]

The same spec (packaging/fieldapp.spec) builds on Linux, Windows and macOS, each on its
own system (docs/packaging.md). A build is skipped when nothing it is made from changed:
the app's sources, translations, reference data, the spec, the installed packages'
versions, the Python version and the update settings are hashed into
``dist/fieldapp/BUILD-INFO.json``. Prints the archive, its size and the build time.
Threading: a command-line tool.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fieldapp import __version__  # noqa: E402

SPEC = ROOT / "packaging" / "fieldapp.spec"
LINUX_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SOURCES = (
    "main.py",
    "fieldapp",
    "ui",
    "updater",
    "sync/__init__.py",
    "sync/client.py",
    "sync/protocol.py",
    "packaging",
)
INFO = "BUILD-INFO.json"


def system() -> str:
    """linux-x86_64, windows-amd64, macos-arm64 …"""
    name = {"darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    return f"{name}-{platform.machine().lower()}"


def archive_path(dist: Path) -> Path:
    suffix = ".zip" if sys.platform == "win32" else ".tar.gz"
    return dist / f"fieldapp-{__version__}-{system()}{suffix}"


def inputs_hash(update_url: str | None, root: Path | None) -> str:
    h = hashlib.sha256()
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".ts":
                h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    packages = sorted(
        f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
    )
    h.update("\n".join(packages).encode())
    h.update(f"{sys.version}|{system()}|{update_url}".encode())
    if root is not None:
        h.update(root.read_bytes())
    if sys.platform.startswith("linux") and LINUX_FONT.exists():
        h.update(str(LINUX_FONT.stat().st_size).encode())
    return h.hexdigest()


def up_to_date(dist: Path, digest: str) -> bool:
    try:
        info = json.loads((dist / "fieldapp" / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(info.get("inputs") == digest and archive_path(dist).exists())


def make_archive(app: Path, target: Path) -> None:
    part = target.with_name(target.name + ".part")
    if target.suffix == ".zip":
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(app.rglob("*")):
                z.write(f, Path("fieldapp") / f.relative_to(app))
    else:
        with tarfile.open(part, "w:gz", compresslevel=6) as tar:
            tar.add(app, arcname="fieldapp")
    part.replace(target)


def build(dist: Path, work: Path, update_url: str | None, root: Path | None) -> Path:
    env = dict(os.environ)
    env["FIELDAPP_VERSION"] = __version__
    with tempfile.TemporaryDirectory(prefix="fieldapp-package-") as extra:
        if update_url and root:
            Path(extra, "update.json").write_text(json.dumps({"url": update_url}) + "\n")
            shutil.copyfile(root, Path(extra, "root.json"))
            env["FIELDAPP_PACKAGE_EXTRA"] = extra
        if sys.platform.startswith("linux"):
            if not LINUX_FONT.exists():
                raise SystemExit(f"{LINUX_FONT} is missing (Debian: fonts-wqy-microhei)")
            env["FIELDAPP_PACKAGE_FONTS"] = str(LINUX_FONT)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                str(dist),
                "--workpath",
                str(work),
                str(SPEC),
            ],
            check=True,
            env=env,
            cwd=ROOT,
        )
    app = dist / ("fieldapp.app" if sys.platform == "darwin" else "fieldapp")
    if sys.platform.startswith("linux"):
        for script in ("install.sh", "uninstall.sh"):
            shutil.copy2(ROOT / "packaging" / "linux" / script, app / script)
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/package.py", description=__doc__.splitlines()[0])
    parser.add_argument("--update-url", help="where the packaged app looks for updates")
    parser.add_argument("--root", type=Path, help="the update repository's trusted root.json")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--force", action="store_true", help="build even when up to date")
    args = parser.parse_args(argv)
    if bool(args.update_url) != bool(args.root):
        parser.error("--update-url and --root go together")
    dist: Path = args.dist.resolve()
    # The compiled translations are built, not committed: build them before hashing, so
    # an edited .ts file changes the hash (through its .qm) and a build is never skipped.
    from ui.i18n import ensure_qm

    ensure_qm()
    digest = inputs_hash(args.update_url, args.root)
    archive = archive_path(dist)
    if not args.force and up_to_date(dist, digest):
        print(f"up to date: {archive}")
        return 0
    started = time.monotonic()
    app = build(dist, dist.parent / "build" / "package", args.update_url, args.root)
    info = {
        "version": __version__,
        "system": system(),
        "inputs": digest,
        "updates": args.update_url,
    }
    (dist / "fieldapp" / INFO).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    make_archive(app, archive)
    seconds = time.monotonic() - started
    size = sum(f.stat().st_size for f in app.rglob("*") if f.is_file() and not f.is_symlink())
    print(
        f"built {archive} ({archive.stat().st_size / 1e6:.0f} MB; app folder"
        f" {size / 1e6:.0f} MB) in {seconds:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
