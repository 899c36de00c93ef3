"""Every code head office can answer a pushed change with has words in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from ui.i18n import Translations
from ui.labels import _ERRORS, error_text

SERVICE = Path(__file__).resolve().parents[2] / "sync" / "server" / "service"


def test_every_server_refusal_code_has_words() -> None:
    source = "".join(f.read_text() for f in sorted(SERVICE.glob("*.py")))
    codes = set(re.findall(r'Reject\("([a-z_]+)"', source))
    assert {"forbidden", "rep_has_data", "erased", "not_found"} <= codes  # the scan works
    assert sorted(codes - set(_ERRORS)) == []


def test_refusal_words_are_chinese_under_the_chinese_translation(
    translations: Translations,
) -> None:
    translations.install("zh_CN")
    for code in ("forbidden", "rep_has_data", "erased", "stale_seq", "unknown_table"):
        text = error_text(code)
        assert code not in text
        assert re.search(r"[\u4e00-\u9fff]", text), (code, text)


def test_every_value_rule_code_has_words() -> None:
    """The codes of ``fieldapp.values`` (device, imports and head office alike)."""
    from fieldapp import values

    codes = {values.INVALID_CHARACTER, values.INVALID_DATE, values.INVALID_DATETIME}
    assert sorted((codes | {values.OUT_OF_RANGE}) - set(_ERRORS)) == []
