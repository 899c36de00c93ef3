"""``sums.row_hashes``, the quick way a first load recounts its verify sums, gives
``kinds.row_hash``'s numbers (the one definition head office sums too) for any row a
store may hold, and for values a store never returns (those take the slow way)."""

from __future__ import annotations

import sqlite3
from typing import Any

from hypothesis import given, settings, strategies as st

from fieldapp.kinds import row_hash
from fieldapp.store import sums

COLUMNS = ("a", "b", "c", "d", "e")

_values = st.one_of(
    st.none(),
    st.text(),
    st.text(alphabet=st.sampled_from('"\\\n\t\x00\x1f\x7f \u2028\u2029\ufeff中😀')),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e6, max_value=1e6),
    st.sampled_from([0.0, -0.0, 5.0, 1e-4, 9.99e-5, 1e15, 1e16, 1.5e16, 2.0**63, 1e300]),
    st.booleans(),
)
_rows = st.lists(
    st.tuples(
        st.text(min_size=1, max_size=40),
        st.integers(min_value=1, max_value=2**62),
        st.sampled_from([0, 1, True, False]),
        *([_values] * len(COLUMNS)),
    ),
    max_size=30,
)


def _slow(columns: tuple[str, ...], rows: list[Any]) -> list[int]:
    return [row_hash(r[0], r[1], r[2], zip(columns, r[3:], strict=True)) for r in rows]


@settings(max_examples=300, deadline=None)
@given(_rows)
def test_quick_hashes_are_row_hash(rows: list[Any]) -> None:
    assert sums.row_hashes(COLUMNS, rows) == _slow(COLUMNS, rows)


def test_the_quick_way_is_taken_and_agrees() -> None:
    assert sums._quick_agrees()


def test_rows_of_other_shapes_take_the_slow_way() -> None:
    odd: list[Any] = [("x", 1, 0, b"bytes", None, None, None, None)]
    try:
        expected: Any = _slow(COLUMNS, odd)
    except TypeError:
        expected = TypeError
    try:
        got: Any = sums.row_hashes(COLUMNS, odd)
    except TypeError:
        got = TypeError
    assert got == expected
    unsorted = ("b", "a")
    rows = [("x", 1, 0, "1", 2), ("y", 2, 1, None, 3.5)]
    assert sums.row_hashes(unsorted, rows) == _slow(unsorted, rows)


def test_stored_values_read_back_hash_as_row_hash() -> None:
    """What SQLite gives back (REAL columns' integral floats, 0/1 flags) hashes alike."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (id TEXT, version INTEGER, deleted INTEGER, a REAL, b TEXT, c)")
    con.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("r1", 1, 0, 5, "五", 1.0),
            ("r2", 2, 1, 113.25, None, 0.00001),
            ("r3", 3, True, None, "", 2.5),
            ("r4", 4, 0, 1e20, "x", float("inf")),
        ],
    )
    rows = con.execute("SELECT * FROM t").fetchall()
    columns = ("a", "b", "c")
    assert sums.row_hashes(columns, rows) == _slow(columns, rows)
