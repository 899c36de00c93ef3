"""Head office's release signing (TUF repository through tufup; docs/release-signing.md).

    python tools/release.py init --repo DIR --keys DIR      keys (where missing), first root
    python tools/release.py add --repo DIR --keys DIR BUNDLE VERSION    sign an app folder
    python tools/release.py refresh --repo DIR --keys DIR [--role R …]  re-sign (timestamp)

``init`` prints the path of ``root.json``: packaged apps are built with it
(``./dev package --root FILE --update-url URL``). Upload ``DIR/metadata`` and
``DIR/targets`` to the update URL; never the keys folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from updater import release


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/release.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("init", "add", "refresh"):
        cmd = sub.add_parser(name)
        cmd.add_argument("--repo", type=Path, required=True, help="the repository folder")
        cmd.add_argument("--keys", type=Path, required=True, help="the private keys' folder")
        if name == "add":
            cmd.add_argument("bundle", type=Path, help="the app folder (dist/fieldapp)")
            cmd.add_argument("version", help="its version (fieldapp.__version__ of that build)")
        if name == "refresh":
            cmd.add_argument("--role", action="append", dest="roles", help="role to re-sign")
    args = parser.parse_args(argv)
    if args.command == "init":
        print(release.init(args.repo, args.keys))
    elif args.command == "add":
        release.add_release(args.repo, args.keys, args.bundle.resolve(), args.version)
        print(f"signed fieldapp {args.version} into {args.repo}")
    else:
        release.refresh(args.repo, args.keys, roles=tuple(args.roles or ("timestamp",)))
        print(f"re-signed {', '.join(args.roles or ('timestamp',))} in {args.repo}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
