"""Shared fixtures: a fresh store with a minimal world, and a factory for valid rows.

Fixtures
--------
``clock``       a :class:`Clock`: starts at :data:`T0` (2026-11-24 01:00 UTC) and moves one
                second forward every time the store reads it, so successive writes get
                increasing times; ``clock.tick(minutes=…)`` jumps ahead by hand.
``world``       a :class:`World`: an in-memory store holding one county, one team and one
                rep user (set as the store's user) and nothing else; ``world.county_id``,
                ``world.team_id``, ``world.rep_id`` name them.
``store``       ``world.store``.
``file_world``  the same world in a store file (``tmp_path / "store.db"``).
``file_store``  ``file_world.store``.
``make``        a :class:`Maker` over ``world``: ``make.shop(name=…, tier=…)`` creates a valid
                row with any field overridden and returns it; ``make.data("shop", …)``
                returns the same fields as a dict without writing anything.

Stores are closed after the test. Photos go to ``tmp_path``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldapp.store import Store

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


class Clock:
    """A test clock: each read returns a time one second after the previous read."""

    def __init__(self, start: datetime = T0, step: timedelta = timedelta(seconds=1)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now += self.step
        return current

    def tick(self, minutes: float = 1) -> None:
        self.now += timedelta(minutes=minutes)


@dataclass
class World:
    """A store with the minimum every other row needs: a county, a team and a rep."""

    store: Store
    county_id: str
    team_id: str
    rep_id: str


def _build_world(store: Store) -> World:
    county = store.counties.create(name="金水区", province="河南省", prefecture="郑州市")
    team = store.teams.create(name="郑州一组")
    rep = store.users.create(name="李娜", role="rep", team_id=team.id, mobile="13812345678")
    store.set_user(rep.id)
    return World(store=store, county_id=county.id, team_id=team.id, rep_id=rep.id)


@contextmanager
def as_head_office(store: Store) -> Iterator[None]:
    """Act as an admin for a while: shared rows (counties, products) are head office's to
    change or delete (``fieldapp.kinds.SHARED_EDITS``)."""
    before = store.user_id
    admins = store.users.list(where={"role": "admin"})
    admin = admins[0] if admins else store.users.create(name="总部", role="admin")
    store.set_user(admin.id)
    try:
        yield
    finally:
        store.set_user(before)


@contextmanager
def as_supervisor(world: World) -> Iterator[None]:
    """Act as the team's supervisor for a while: the team's assortment rules and display
    payouts are theirs (``fieldapp.kinds.SUPERVISOR_ONLY``)."""
    store = world.store
    before = store.user_id
    found = store.users.list(where={"role": "supervisor", "team_id": world.team_id})
    sup = (
        found[0]
        if found
        else store.users.create(name="王主管", role="supervisor", team_id=world.team_id)
    )
    store.set_user(sup.id)
    try:
        yield
    finally:
        store.set_user(before)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def world(clock: Clock, tmp_path: Path) -> Iterator[World]:
    store = Store.open(":memory:", clock=clock, photos_dir=tmp_path / "memory-photos")
    try:
        yield _build_world(store)
    finally:
        store.close()


@pytest.fixture
def store(world: World) -> Store:
    return world.store


@pytest.fixture
def file_world(clock: Clock, tmp_path: Path) -> Iterator[World]:
    store = Store.open(tmp_path / "store.db", clock=clock)
    try:
        yield _build_world(store)
    finally:
        store.close()


@pytest.fixture
def file_store(file_world: World) -> Store:
    return file_world.store


_PLURAL = {
    "shop": "shops",
    "owner": "owners",
    "koc": "kocs",
    "visit": "visits",
    "event": "events",
    "product": "products",
    "county": "counties",
    "invitation": "invitations",
}
_SINGULAR = {v: k for k, v in _PLURAL.items()}


class Maker:
    """Creates valid rows in ``world.store``; every keyword overrides a field.

    Parents that are not given are created too (``make.owner()`` makes a shop first).
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.store = world.store
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def data(self, table: str, **overrides: Any) -> dict[str, Any]:
        """Valid writable fields for a row of ``table`` (``"shop"`` or ``"shops"``), unsaved.

        Required references to other rows are created when not overridden.
        """
        table = _SINGULAR.get(table, table)
        w = self.world
        if table == "shop":
            base: dict[str, Any] = {
                "name": "鑫旺便利店",
                "channel": "convenience",
                "tier": "B",
                "county_id": w.county_id,
                "rep_id": w.rep_id,
            }
        elif table == "owner":
            base = {"name": "王建国", "level": 3}
            if "shop_id" not in overrides:
                base["shop_id"] = self.shop().id
        elif table == "koc":
            base = {"name": "张丽", "county_id": w.county_id, "rep_id": w.rep_id}
        elif table == "visit":
            base = {"planned_date": "2026-11-24", "rep_id": w.rep_id}
            if "shop_id" not in overrides:
                base["shop_id"] = self.shop().id
        elif table == "event":
            base = {
                "kind": "tasting",
                "title": "品鉴会",
                "starts_at": "2026-11-28T10:00:00+00:00",
                "ends_at": "2026-11-28T12:00:00+00:00",
                "rep_id": w.rep_id,
            }
        elif table == "product":
            base = {"code": f"P{self._next():03d}", "name": "金典十年", "unit": "瓶", "price": 128}
        elif table == "county":
            base = {"name": f"县{self._next()}", "province": "河南省"}
        elif table == "invitation":
            base = {}
            if "event_id" not in overrides:
                base["event_id"] = self.event().id
            if "koc_id" not in overrides and "owner_id" not in overrides:
                base["koc_id"] = self.koc().id
        else:
            raise ValueError(f"make.data does not know {table!r}")
        return base | overrides

    def _create(self, table: str, overrides: dict[str, Any]) -> Any:
        fields = self.data(table, **overrides)
        return self.store.repo(_PLURAL[table]).create(**fields)

    def shop(self, **fields: Any) -> Any:
        return self._create("shop", fields)

    def owner(self, **fields: Any) -> Any:
        return self._create("owner", fields)

    def koc(self, **fields: Any) -> Any:
        return self._create("koc", fields)

    def visit(self, **fields: Any) -> Any:
        return self._create("visit", fields)

    def event(self, **fields: Any) -> Any:
        return self._create("event", fields)

    def product(self, **fields: Any) -> Any:
        return self._create("product", fields)

    def county(self, **fields: Any) -> Any:
        return self._create("county", fields)

    def invitation(self, **fields: Any) -> Any:
        return self._create("invitation", fields)


@pytest.fixture
def make(world: World) -> Maker:
    return Maker(world)


__all__ = ["T0", "Clock", "Maker", "World"]


class SmallDisk:
    """Folders on tiny tmpfs mounts (``mount -t tmpfs -o size=…``), unmounted afterwards."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.mounted: list[Path] = []

    def __call__(self, size: int) -> Path:
        """A fresh folder on a file system of ``size`` bytes; skips the test when this
        machine cannot mount one (not Linux, or not root: CI runs as root)."""
        import subprocess
        import sys

        if not sys.platform.startswith("linux"):
            pytest.skip("a small tmpfs needs Linux")
        where = self.root / f"disk{len(self.mounted)}"
        where.mkdir(parents=True)
        run = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
        self.mounted.append(where)
        return where

    @staticmethod
    def fill(folder: Path, leave: int) -> None:
        """Write a filler file into ``folder`` so that about ``leave`` bytes stay free."""
        import os

        st = os.statvfs(folder)
        free = st.f_bavail * st.f_frsize
        with (folder / "filler").open("wb") as fh:
            fh.write(b"\0" * max(0, free - leave))

    def close(self) -> None:
        import subprocess

        for where in reversed(self.mounted):
            subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """``small_disk(size)``: a folder on a tmpfs of ``size`` bytes (see :class:`SmallDisk`);
    ``small_disk.fill(folder, leave=…)`` leaves only that much room."""
    disks = SmallDisk(tmp_path / "small-disks")
    try:
        yield disks
    finally:
        disks.close()
