"""fieldapp's desktop entry point: ``python main.py [--db PATH] [--lang zh_CN|en]``.

Wiring only. The desktop window (package ``ui``) is being built; until it lands
this entry point opens the store (creating or migrating it) and prints the
overview the command line gives (``fieldapp stats``), so the README's first
command already shows the demo data. Threading: main thread.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from fieldapp import cli, default_store_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fieldapp-gui", description="fieldapp desktop app")
    parser.add_argument("--db", type=Path, default=None, help="store file")
    parser.add_argument(
        "--lang",
        choices=("zh_CN", "en"),
        default=None,
        help="interface language (default: the system's)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    db = args.db or default_store_path()
    code = cli.main(["--db", str(db), "init"])
    if code:
        return code
    return cli.main(["--db", str(db), "stats"])


if __name__ == "__main__":
    sys.exit(main())
