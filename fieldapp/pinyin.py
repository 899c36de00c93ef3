"""Pinyin search keys for Chinese names, and query normalisation.

SQLite FTS does not split Chinese, so the store keeps two derived text columns per
searchable row (shops, owners, KOCs) and matches them with ``LIKE '%query%'``:

* ``search_pinyin``   -- toneless full pinyin, no separators: 张伟 -> ``zhangwei``
* ``search_initials`` -- first letters: 张伟 -> ``zw``

:func:`search_keys` computes both columns, :func:`normalize_query` turns what the user
typed into the form the columns are matched with, and :func:`query_kind` tells the store
which columns a query should be matched against.

Column format
-------------
Both columns are lowercase ASCII letters and digits.  A text with polyphonic characters
gets several *variants* separated by a single space, the most likely reading first and at
most :data:`MAX_VARIANTS` of them::

    search_keys("乐乐")  ->  ("lele yuele leyue yueyue", "ll yl ly yy")

A normalised query never contains a space, so ``LIKE '%q%'`` cannot match across two
variants.  The two columns are parallel: the n-th initials variant belongs to the n-th
full variant, so both always hold the same number of variants (initials variants may
repeat, e.g. when two readings share a first letter).

Non-Chinese characters: text is NFKC-normalised first (full-width ``ＫＦＣ`` -> ``KFC``),
accents are stripped (``Café`` -> ``cafe``), and every run of ASCII letters/digits is kept
*whole and lowercased* in both columns, because users type such runs literally even when
they abbreviate the Chinese around them::

    search_keys("7-Eleven 便利店")  ->  ("7elevenbianlidian", "7elevenbld")
    search_keys("85度C")            ->  ("85duc", "85dc")

Punctuation, spaces and characters without a reading are dropped.

Readings: for shop names and other non-person text pypinyin's phrase dictionary is used,
so 重庆 reads ``chongqing`` and 银行 ``yinhang``, and characters outside known phrases get
all their readings as variants.  With ``person=True`` the surname (one character, or two
for compound surnames such as 欧阳) is read from :data:`SURNAME_READINGS` /
:data:`COMPOUND_SURNAMES` -- 单 ``shan``, 曾 ``zeng``, 解 ``xie`` -- and its everyday
readings (``dan``, ``ceng``, ``jie``) are *not* produced; a surname character not in the
dictionary gets only pypinyin's default reading.  The given name is read on its own (no
phrase spans surname and given name) and gets all its readings.

Everything here is pure (no Qt, no I/O, no mutable module state besides the
``functools.lru_cache`` caches, which are thread-safe), so the functions may be called
from any thread, e.g. from a background import or the demo data generator.
"""

from __future__ import annotations

import gc
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, Literal

__all__ = [
    "COMPOUND_SURNAMES",
    "MAX_VARIANTS",
    "SURNAME_READINGS",
    "QueryKind",
    "normalize_query",
    "query_kind",
    "search_keys",
]

MAX_VARIANTS = 8
"""Most variants one column value may hold (the default reading is always the first)."""

# How many candidate combinations are looked at before giving up on finding more distinct
# variants; only matters for pathological input where readings collapse to equal strings.
_MAX_CANDIDATES = 256

QueryKind = Literal["digits", "latin", "chinese"]

# Surname readings where the surname differs from (or is only one of) the character's
# everyday readings.  The first reading is the standard one; a second is listed only where
# both are established surname readings, so people who know either can find the person.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "区": ("ou",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "缪": ("miao",),
    "翟": ("zhai",),
    "盖": ("ge", "gai"),
    "乐": ("yue", "le"),
    "秘": ("bi",),
    "种": ("chong",),
    "覃": ("qin", "tan"),
    "员": ("yun",),
    "繁": ("po",),
    "华": ("hua",),
    "任": ("ren",),
    "纪": ("ji",),
    "石": ("shi",),
    "褚": ("chu",),
    "燕": ("yan",),
    "宁": ("ning",),
    "重": ("chong",),
    "钟": ("zhong",),
    "能": ("nai", "neng"),
    "黑": ("hei", "he"),
    "尉": ("wei",),
    "句": ("gou",),
    "柏": ("bai",),
    "薄": ("bo",),
    "卜": ("bu",),
    "阚": ("kan",),
    "逄": ("pang",),
    "隗": ("wei", "kui"),
    "郇": ("xun", "huan"),
    "召": ("shao",),
    "祭": ("zhai",),
    "洗": ("xian",),
    "冼": ("xian",),
    "莘": ("shen",),
    "谌": ("chen",),
    "厍": ("she",),
    "訾": ("zi",),
    "粘": ("nian",),
    "亓": ("qi",),
    "眭": ("sui",),
    "禚": ("zhuo",),
    "铎": ("duo",),
    "殷": ("yin",),
    "要": ("yao",),
    # Common surnames whose characters are polyphonic in everyday use.
    "贾": ("jia",),
    "盛": ("sheng",),
    "都": ("du",),
    "车": ("che",),
    "和": ("he",),
    "强": ("qiang",),
    "沈": ("shen",),
    "宿": ("su",),
    "蔚": ("yu", "wei"),
    "汤": ("tang",),
    "藏": ("zang",),
    "长": ("chang",),
    "朝": ("chao",),
    "万": ("wan",),
}

# Compound (two-character) surnames, each read as a whole.  单于 is deliberately absent:
# a name starting 单于 is far more often surname 单 + given name 于….
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "欧阳": ("ou", "yang"),
    "司马": ("si", "ma"),
    "诸葛": ("zhu", "ge"),
    "上官": ("shang", "guan"),
    "东方": ("dong", "fang"),
    "皇甫": ("huang", "fu"),
    "尉迟": ("yu", "chi"),
    "公孙": ("gong", "sun"),
    "慕容": ("mu", "rong"),
    "长孙": ("zhang", "sun"),
    "宇文": ("yu", "wen"),
    "司徒": ("si", "tu"),
    "司空": ("si", "kong"),
    "夏侯": ("xia", "hou"),
    "令狐": ("ling", "hu"),
    "端木": ("duan", "mu"),
    "百里": ("bai", "li"),
    "呼延": ("hu", "yan"),
    "南宫": ("nan", "gong"),
    "万俟": ("mo", "qi"),
    "澹台": ("tan", "tai"),
    "轩辕": ("xuan", "yuan"),
    "西门": ("xi", "men"),
    "独孤": ("du", "gu"),
    "申屠": ("shen", "tu"),
    "闻人": ("wen", "ren"),
    "淳于": ("chun", "yu"),
    "钟离": ("zhong", "li"),
    "濮阳": ("pu", "yang"),
    "太史": ("tai", "shi"),
    "公冶": ("gong", "ye"),
    "赫连": ("he", "lian"),
    "拓跋": ("tuo", "ba"),
    "乐正": ("yue", "zheng"),
    "谷梁": ("gu", "liang"),
    "亓官": ("qi", "guan"),
    "左丘": ("zuo", "qiu"),
    "宗政": ("zong", "zheng"),
}

# Han ideographs: CJK Unified (+ extensions A-H), compatibility ideographs, and 〇.
_CJK_CLASS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002fa1f\U00030000-\U0003134f\U00031350-\U000323af"
)
_CJK_CHAR = re.compile(f"[{_CJK_CLASS}]")
# Splits text into CJK runs, ASCII alnum runs and everything else (dropped).
_TOKEN = re.compile(f"([{_CJK_CLASS}]+)|([a-z0-9]+)")
_NON_ALNUM = re.compile("[^a-z0-9]+")

# Separators removed from queries (after NFKC, so full-width forms are already folded).
_QUERY_SEPARATORS = frozenset(" \t\r\n\v\f-_.,;:/\\|·・‧•'\"`~、，。；：　“”‘’（）()[]【】《》<>")

# One unit = one character (or ASCII run) and its alternative (full, initial) readings.
_Unit = tuple[tuple[str, str], ...]


def search_keys(text: str, *, person: bool = False) -> tuple[str, str]:
    """Return ``(search_pinyin, search_initials)`` for *text*.

    ``person=True`` reads the leading surname with the surname dictionary.  See the module
    docstring for the exact format; both values may be ``""`` when *text* has nothing
    searchable in it.
    """
    return _search_keys(text, person)


@lru_cache(maxsize=16384)
def _search_keys(text: str, person: bool) -> tuple[str, str]:
    units = _units(unicodedata.normalize("NFKC", text).strip(), person)
    variants = list(itertools.islice(_variants(units), MAX_VARIANTS))
    if not variants or variants == [("", "")]:
        return "", ""
    return " ".join(v[0] for v in variants), " ".join(v[1] for v in variants)


def normalize_query(text: str) -> str:
    """Normalise a search box entry for matching against the search columns.

    Full-width ASCII becomes half-width (``ｚｗ`` -> ``zw``, ``１３８`` -> ``138``), letters
    are lowercased and stripped of accents (``zhāng`` -> ``zhang``, ``ü`` -> ``v`` as typed on
    a pinyin keyboard), spaces and common separators (``- _ . , / ' ·`` and their Chinese
    counterparts) are removed.  Chinese characters are kept as they are.  SQL ``LIKE``
    wildcards other than ``_`` are *not* removed: the caller still has to escape the query.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", text).lower():
        if ch in _QUERY_SEPARATORS or ch.isspace():
            continue
        if _CJK_CHAR.match(ch) or ch.isascii():
            out.append(ch)
        elif ch == "ü":
            out.append("v")
        else:
            out.append(
                "".join(
                    c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
                )
            )
    return "".join(out)


def query_kind(text: str) -> QueryKind:
    """Classify a query (normalised here first).

    ``"chinese"`` if it contains a Han character, ``"digits"`` if it is only digits (a phone
    number or part of one), otherwise ``"latin"`` (pinyin, initials or a shop code).  An
    empty query is ``"latin"``; callers should not search for it at all.
    """
    q = normalize_query(text)
    if _CJK_CHAR.search(q):
        return "chinese"
    if q and q.isascii() and q.isdigit():
        return "digits"
    return "latin"


def _units(text: str, person: bool) -> list[_Unit]:
    folded = _fold_latin(text)
    units: list[_Unit] = []
    for m in _TOKEN.finditer(folded):
        cjk, alnum = m.group(1), m.group(2)
        if alnum:
            units.append(((alnum, alnum),))
        elif person and m.start() == 0:
            units.extend(_person_units(cjk))
        else:
            units.extend(_cjk_units(cjk))
    return units


def _fold_latin(text: str) -> str:
    """Lowercase; strip accents from non-Han letters; keep Han characters unchanged."""
    if text.isascii():
        return text.lower()
    out: list[str] = []
    for ch in text:
        if ch.isascii() or _CJK_CHAR.match(ch):
            out.append(ch.lower())
        else:
            decomposed = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            ).lower()
            out.append(decomposed if decomposed.isascii() else " ")
    return "".join(out)


def _person_units(run: str) -> list[_Unit]:
    """Surname from the dictionaries (else all its readings), then the given name.

    The surname is always read apart from the given name, so no phrase spans the two
    (朝阳 as a person is ``chaoyang``, not the district ``zhaoyang``).
    """
    compound = COMPOUND_SURNAMES.get(run[:2])
    if compound is not None:
        surname = [_unit(reading) for reading in compound]
        rest = run[2:]
    elif run[0] in SURNAME_READINGS:
        surname = [_unit(*SURNAME_READINGS[run[0]])]
        rest = run[1:]
    else:
        # Not in the dictionary: pypinyin's default reading is the surname reading (王 wang,
        # 吴 wu); its other readings (王 yu, 吴 tun) would only add false matches.
        surname = [unit[:1] for unit in _cjk_units(run[0])]
        rest = run[1:]
    return surname + list(_cjk_units(rest)) if rest else surname


@lru_cache(maxsize=1)
def _pypinyin() -> tuple[Any, Any]:
    """pypinyin's ``Style`` and ``pinyin``, imported at the first use: its phrase
    dictionary takes ~0.1 s to load, and query parsing (normalize_query, query_kind) must
    not pay for it at start-up. The garbage collector is paused meanwhile: loading that
    dictionary makes some 100,000 objects, none in a cycle, and in a process that already
    holds many (a first sync's pages) each full collection they set off walks them all
    (0.2 s of the import's 0.5 s there)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        from pypinyin import Style, pinyin
    finally:
        if paused:
            gc.enable()
    return Style, pinyin


@lru_cache(maxsize=65536)
def _cjk_units(run: str) -> tuple[_Unit, ...]:
    """Readings of a run of Han characters, phrase-aware, default reading first."""
    Style, pinyin = _pypinyin()
    readings = pinyin(run, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(u for u in (_unit(*alternatives) for alternatives in readings) if u)


def _unit(*readings: str) -> _Unit:
    """Sanitise readings to ``[a-z0-9]``, dedupe them keeping order, pair with initials."""
    seen: dict[str, str] = {}
    for reading in readings:
        clean = _NON_ALNUM.sub("", _fold_latin(reading))
        if clean and clean not in seen:
            seen[clean] = clean[0]
    return tuple(seen.items())


def _variants(units: Sequence[_Unit]) -> Iterator[tuple[str, str]]:
    """Yield distinct (full, initials) combinations, fewest non-default readings first.

    The all-default reading comes first, then every single-character alternative, then
    pairs, ...; callers take the first :data:`MAX_VARIANTS`.
    """
    poly = [i for i, unit in enumerate(units) if len(unit) > 1]
    seen: set[str] = set()
    tried = 0
    for k in range(len(poly) + 1):
        for positions in itertools.combinations(poly, k):
            for choice in itertools.product(*(range(1, len(units[p])) for p in positions)):
                pick = dict(zip(positions, choice, strict=True))
                full = "".join(unit[pick.get(i, 0)][0] for i, unit in enumerate(units))
                if full not in seen:
                    seen.add(full)
                    yield full, "".join(unit[pick.get(i, 0)][1] for i, unit in enumerate(units))
                tried += 1
                if tried >= _MAX_CANDIDATES:
                    return
