"""One device's sync as its own process, for the chaos test (which SIGKILLs it).

``python sync_worker.py login STORE URL USER`` (password on stdin) or
``python sync_worker.py sync STORE URL``: the real ``SyncClient`` on the store file,
its token in the file beside the store (as ``python -m sync`` keeps it without a
keyring), short retries. Prints ``stage <name>`` whenever the sync enters a stage
(photos, push, pull, verify), ``repaired <rows> <table/id,...>`` when verify needed a repair, then
``done <pushed> <verified>`` or ``error <code>``;
every line is flushed so that the parent can kill the process at a chosen stage.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fieldapp.store import Store
from sync.client import TOKEN_FILE, FileTokenStore, SyncClient, SyncError


def main(argv: list[str]) -> int:
    command, path, url = argv[:3]
    seen: list[str] = []

    def progress(stage: str, _done: int, _total: int | None) -> None:
        if not seen or seen[-1] != stage:
            seen.append(stage)
            print(f"stage {stage}", flush=True)

    with Store.open(path) as store:
        client = SyncClient(
            store,
            url,
            token_store=FileTokenStore(Path(path).with_name(TOKEN_FILE)),
            retries=2,
            backoff=0.02,
            timeout=(2, 10),
            progress=progress,
        )
        try:
            if command == "login":
                client.login(argv[3], sys.stdin.readline().rstrip("\n"))
                print("done 0 True", flush=True)
                return 0
            report = client.sync()
        except SyncError as exc:
            print(f"error {exc.code}", flush=True)
            return 1
        if report.repaired:
            ids = ",".join(f"{t}/{r}" for t, r in report.repaired_ids) or "-"
            print(f"repaired {report.repaired_rows} {ids}", flush=True)
        print(f"done {report.pushed} {report.verified}", flush=True)
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
