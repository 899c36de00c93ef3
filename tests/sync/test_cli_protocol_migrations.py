"""The admin CLI, the migrations from empty, and the protocol catalogue against the model."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from fieldapp import model
from fieldapp.store import Store
from fieldapp.store.replica import CONFLICT_FIELDS, SYNCED_TABLES
from sync import protocol as p
from sync.server import cli
from sync.server.db import make_engine, metadata
from sync.server.migrate import HEAD, upgrade

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_from_empty_match_the_tables(db_url: str) -> None:
    upgrade(db_url)
    upgrade(db_url)  # idempotent
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            assert conn.execute(sa.text("SELECT value FROM sync_counter")).scalar() == 0
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
    finally:
        engine.dispose()


def _subprocess(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.server", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_commands(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    db = ["--database", db_url]
    team = _subprocess(["create-team", "郑州一组", *db])
    assert team.returncode == 0, team.stderr
    user = _subprocess(
        ["create-user", "li", "--role", "rep", "--team", "郑州一组", "--password-stdin", *db],
        stdin="s3cret-password\n",
    )
    assert user.returncode == 0, user.stderr
    dup = _subprocess(["create-team", "郑州一组", *db])
    assert dup.returncode == 1 and dup.stderr.count("\n") == 1
    assert "Traceback" not in dup.stderr and "exists" in dup.stderr
    # In-process for the rest (faster): the password reaches the login.
    from sync_harness import Server

    server = Server(db_url)
    try:
        r = server.login_raw("li", password="s3cret-password", device_id="pc-1")
        assert r.status_code == 200, r.text
        monkeypatch.setattr(sys, "stdin", io.StringIO("another-password\n"))
        assert cli.main(["reset-password", "li", "--password-stdin", *db]) == 0
        assert server.login_raw("li", password="s3cret-password").status_code == 401
        assert (
            server.login_raw("li", password="another-password", device_id="pc-1").status_code == 200
        )
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        assert cli.main(["list-devices", *db]) == 0
        assert out.getvalue().startswith("pc-1\tli\t\tactive\t")
        assert cli.main(["revoke-device", "pc-1", *db]) == 0
        assert (
            server.login_raw("li", password="another-password", device_id="pc-1").status_code == 401
        )
        # A password from a prompt, never from argv.
        prompts = iter(["prompted-pass", "prompted-pass"])
        monkeypatch.setattr(cli.getpass, "getpass", lambda _prompt: next(prompts))
        assert cli.main(["create-user", "wang", "--role", "admin", *db]) == 0
        assert (
            server.login_raw("wang", password="prompted-pass", device_id="pc-2").status_code == 200
        )
    finally:
        server.close()


def test_cli_errors_are_one_line(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--database", db_url]
    cases = [
        (
            ["create-user", "x", "--role", "rep", "--team", "nope", "--password-stdin", *db],
            "no team",
        ),
        (["revoke-device", "nope", *db], "no device"),
        (["reset-password", "nobody", "--password-stdin", *db], "no user"),
        (["reset-password", "nobody", "--password-stdin", *db], "8 to 1024"),
        (["list-devices", "--database", "nosuchdriver://x"], "bad database URL"),
        (["list-devices", "--database", ""], "--database URL is required"),
    ]
    for args, message in cases:
        password = "short\n" if message == "8 to 1024" else "long-enough-password\n"
        monkeypatch.setattr(sys, "stdin", io.StringIO(password))
        assert cli.main(args) == 1, args
        err = capsys.readouterr().err
        assert err.startswith("fieldapp-server: error: ") and err.count("\n") == 1, err
        assert message in err
    bad = _subprocess(["list-devices", "--database", "postgresql+psycopg://u@127.0.0.1:1/x"])
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1


def test_tables_match_the_model() -> None:
    # ``conflicts`` has no model entity: it matches the client store's table instead.
    assert set(p.TABLES) - {"conflicts"} == set(model.ENTITY_BY_TABLE)
    store = Store.open(":memory:")
    try:
        columns = tuple(c.name for c in store.db.utils["conflicts"].columns)
    finally:
        store.close()
    assert columns == model.META_FIELDS + tuple(p.TABLES["conflicts"])
    assert tuple(p.TABLES["conflicts"]) == CONFLICT_FIELDS
    assert SYNCED_TABLES["conflicts"] == columns
    for table, entity in model.ENTITY_BY_TABLE.items():
        assert tuple(p.TABLES[table]) == entity.data_fields(), table
        for field, target in entity.refs.items():
            assert p.TABLES[table][field].kind == "ref" and p.TABLES[table][field].ref == target
        for field, spec in p.TABLES[table].items():
            if spec.kind == "ref":
                assert entity.refs.get(field) == spec.ref, (table, field)
    assert p.META_FIELDS == model.META_FIELDS
    for table, fields in p.TEAM_FROM.items():
        assert all(p.TABLES[table][f].kind == "ref" for f in fields)
