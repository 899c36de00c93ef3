"""Tests for fieldapp.pinyin: search columns for Chinese names and query normalisation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st
from pypinyin import lazy_pinyin

from fieldapp.pinyin import (
    COMPOUND_SURNAMES,
    MAX_VARIANTS,
    SURNAME_READINGS,
    normalize_query,
    query_kind,
    search_keys,
)

COLUMN = re.compile(r"(?:[a-z0-9]+(?: [a-z0-9]+)*)?")


def variants(column: str) -> list[str]:
    return column.split(" ") if column else []


def reading_of(surname: str) -> str:
    return SURNAMES[surname][0]


# --- basics ---------------------------------------------------------------------------


@pytest.mark.parametrize("person", [False, True])
def test_zhang_wei(person: bool) -> None:
    full, initials = search_keys("张伟", person=person)
    assert full == "zhangwei"
    assert initials == "zw"


def test_like_query_matches_substring_of_a_variant() -> None:
    full, initials = search_keys("王小明", person=True)
    assert "xiaoming" in full
    assert "xm" in initials
    assert "wxm" in initials


def test_empty_and_punctuation_only_give_empty_columns() -> None:
    assert search_keys("") == ("", "")
    assert search_keys(" -·!？ ") == ("", "")


# --- surnames -------------------------------------------------------------------------

SURNAMES = {
    "单": ("shan", ("dan", "chan")),
    "曾": ("zeng", ("ceng",)),
    "解": ("xie", ("jie",)),
    "区": ("ou", ("qu",)),
    "仇": ("qiu", ("chou", "ju")),
    "朴": ("piao", ("pu", "po")),
    "查": ("zha", ("cha", "chai")),
}


@pytest.mark.parametrize(("surname", "expected"), [(k, v) for k, v in SURNAMES.items()])
def test_polyphonic_surname_uses_surname_reading_only(
    surname: str, expected: tuple[str, tuple[str, ...]]
) -> None:
    reading, wrong = expected
    # 伟 and 华 have a single reading each, so the surname is the only source of variants.
    full, initials = search_keys(surname + "伟华", person=True)
    assert full == reading + "weihua"
    assert initials == reading[0] + "wh"
    for variant in variants(full):
        assert variant.startswith(reading)
        for bad in wrong:
            assert not variant.startswith(bad)


@pytest.mark.parametrize("surname", list(SURNAMES))
def test_surname_dictionary_does_not_apply_without_person(surname: str) -> None:
    full, _ = search_keys(surname + "伟华")
    assert variants(full)[0] == lazy_pinyin(surname)[0] + "weihua"
    assert reading_of(surname) + "weihua" in variants(full)


def test_surname_dictionary_only_applies_to_the_first_character() -> None:
    # 单 in the given name is not a surname: its everyday readings are all there.
    full, _ = search_keys("王单", person=True)
    assert variants(full)[0] == "wangdan"
    assert "wangshan" in variants(full)


def test_corrected_surname_readings() -> None:
    assert SURNAME_READINGS["尉"][0] == "wei"  # 尉 alone is Wèi (尉健行); Yù only in 尉迟
    assert SURNAME_READINGS["黑"][0] == "hei"
    assert search_keys("尉迟恭", person=True)[0] == "yuchigong"
    assert search_keys("尉伟", person=True)[0] == "weiwei"


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("欧阳伟华", "ouyangweihua", "oywh"),
        ("司马伟", "simawei", "smw"),
        ("诸葛丽", "zhugeli", "zgl"),
        ("万俟伟", "moqiwei", "mqw"),
        ("长孙伟", "zhangsunwei", "zsw"),
        ("尉迟伟", "yuchiwei", "ycw"),
    ],
)
def test_compound_surnames(name: str, full: str, initials: str) -> None:
    assert search_keys(name, person=True) == (full, initials)


def test_shanyu_is_surname_shan_not_the_compound_chanyu() -> None:
    # 单于 is a rare compound surname (chanyu); 单 + given name 于… is far more common.
    full, initials = search_keys("单于", person=True)
    assert variants(full)[0] == "shanyu"
    assert variants(initials)[0] == "sy"
    assert all(v.startswith("shan") for v in variants(full))


def test_compound_surname_readings_are_all_ascii_pairs() -> None:
    for surname, readings in COMPOUND_SURNAMES.items():
        assert len(surname) == 2
        assert all(re.fullmatch("[a-z]+", r) for r in readings)


def test_person_surname_is_not_read_as_part_of_a_phrase() -> None:
    assert search_keys("朝阳", person=True) == ("chaoyang", "cy")
    assert variants(search_keys("朝阳")[0])[0] == "zhaoyang"


# --- polyphonic given names -----------------------------------------------------------


def test_polyphonic_given_name_gives_variants_default_first() -> None:
    full, initials = search_keys("王乐", person=True)
    assert variants(full)[0] == "wangle"
    assert "wangyue" in variants(full)
    assert variants(initials)[0] == "wl"
    assert "wy" in variants(initials)


def test_variants_are_ordered_fewest_alternatives_first() -> None:
    full, _ = search_keys("王乐乐", person=True)
    v = variants(full)
    assert v[0] == "wanglele"
    assert set(v[1:3]) == {"wangyuele", "wangleyue"}
    assert v[3] == "wangyueyue"


def test_variant_count_is_capped_for_long_polyphonic_text() -> None:
    assert 2 <= MAX_VARIANTS <= 16
    full, initials = search_keys("乐行长重朝都和藏乐行长重", person=True)
    assert len(variants(full)) == MAX_VARIANTS
    assert len(variants(initials)) == MAX_VARIANTS
    assert len(set(variants(full))) == MAX_VARIANTS


# --- shop names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("重庆小面", "chongqingxiaomian", "cqxm"),
        ("中国银行", "zhongguoyinhang", "zgyh"),
        ("长江超市", "changjiangchaoshi", "cjcs"),
    ],
)
def test_shop_names_use_phrase_readings(name: str, full: str, initials: str) -> None:
    assert search_keys(name) == (full, initials)


def test_mixed_ascii_keeps_alnum_runs_whole() -> None:
    assert search_keys("7-Eleven 便利店") == ("7elevenbianlidian", "7elevenbld")
    assert search_keys("ＫＦＣ肯德基") == ("kfckendeji", "kfckdj")
    assert search_keys("Café 咖啡") == ("cafekafei", "cafekf")
    assert search_keys("A01店") == ("a01dian", "a01d")


def test_surname_not_in_dictionary_gets_default_reading_only() -> None:
    # 王 also reads yu and 吴 tun; as surnames they are only wang and wu.
    assert search_keys("王伟", person=True) == ("wangwei", "ww")
    assert search_keys("吴伟", person=True) == ("wuwei", "ww")
    assert "yuwei" in variants(search_keys("王伟")[0])


def test_person_with_leading_ascii_does_not_use_surname_dictionary() -> None:
    full, _ = search_keys("Amy单", person=True)
    assert variants(full)[0] == "amydan"


# --- queries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("ｚｗ", "zw"),
        ("１３８", "138"),
        ("ＺＨＡＮＧ　ＷＥＩ", "zhangwei"),
        (" Zhang Wei ", "zhangwei"),
        ("zhāng", "zhang"),
        ("lü", "lv"),
        ("xi'an", "xian"),
        ("138-0013_8000", "13800138000"),
        ("张 伟", "张伟"),
        ("张·伟", "张伟"),
        ("7-Eleven", "7eleven"),
    ],
)
def test_normalize_query(raw: str, normalised: str) -> None:
    assert normalize_query(raw) == normalised


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("13800138000", "digits"),
        ("１３８ 0013", "digits"),
        ("0", "digits"),
        ("zw", "latin"),
        ("ZhangWei", "latin"),
        ("A01", "latin"),
        ("张伟", "chinese"),
        ("张w", "chinese"),
        ("138张", "chinese"),
        ("", "latin"),
        ("١٢٣", "latin"),  # non-ASCII digits never match the ASCII phone columns
    ],
)
def test_query_kind(raw: str, kind: str) -> None:
    assert query_kind(raw) == kind


def test_normalised_query_matches_columns() -> None:
    full, initials = search_keys("７－Ｅｌｅｖｅｎ 便利店")
    assert normalize_query("7-ELEVEN") in full
    assert normalize_query("７ｅｌｅｖｅｎ ｂｌｄ") in initials


# --- properties ------------------------------------------------------------------------

cjk_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("乐行长重朝都和藏单曾解区仇朴查欧阳司马"),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("ＫＦＣ１２３　·、，é"),
    ),
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(text=cjk_text, person=st.booleans())
def test_columns_are_well_formed(text: str, person: bool) -> None:
    full, initials = search_keys(text, person=person)
    assert COLUMN.fullmatch(full), full
    assert COLUMN.fullmatch(initials), initials
    fv, iv = variants(full), variants(initials)
    assert len(fv) == len(iv)
    assert len(fv) <= MAX_VARIANTS
    assert len(set(fv)) == len(fv)
    for f, i in zip(fv, iv, strict=True):
        assert f[0] == i[0]
        assert len(i) <= len(f)


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1))
def test_first_variant_is_pypinyin_default(text: str) -> None:
    full, _ = search_keys(text)
    expected = "".join(lazy_pinyin(text, errors="ignore")).replace("ê", "e")
    # Characters pypinyin has no reading for (e.g. 瓰) give no variant at all.
    assert (variants(full) or [""])[0] == expected


@settings(max_examples=200, deadline=None)
@given(text=cjk_text)
def test_normalised_query_has_no_spaces_and_is_idempotent(text: str) -> None:
    q = normalize_query(text)
    assert " " not in q
    assert q == q.lower()
    assert normalize_query(q) == q
