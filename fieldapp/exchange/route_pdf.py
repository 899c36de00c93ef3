"""The day's route sheet as a PDF without Qt (``fieldapp plan --pdf``), with fpdf2.

The same sheet the app prints (``ui.route_sheet``), from ``fieldapp.store.route_sheet``:
a heading with the rep, the day, the stops and the road distance, then one table row per
stop in order (arrival, km, shop and address, owner and phone, last visit, open to-dos
and a returned visit's comment, a box to tick), then the day's events; A4 landscape, in
Chinese or English. Chinese needs a CJK TrueType font on the machine: :func:`cjk_font`
looks for WenQuanYi Micro Hei (``fonts-wqy-microhei``, which ``./dev setup`` installs),
other common CJK fonts, then asks fontconfig; none found is a :class:`FontMissing`.
Thread-agnostic; writes the file whole (a temporary file renamed into place).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from datetime import timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FieldappError
from ..kinds import BUSINESS_UTC_OFFSET
from ..route import DETOUR_FACTOR

if TYPE_CHECKING:
    from ..store.route_sheet import RouteSheet

__all__ = ["FONT_CANDIDATES", "FontMissing", "cjk_font", "write_route_pdf"]

#: Fonts tried first, in order (Debian/Ubuntu, Windows, macOS).
FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Route sheet · {rep} · {day}", "拜访路线单 · {rep} · {day}"),
    "summary": (
        "{n} stops · {km} km by road (estimated: straight line × {factor})",
        "共 {n} 站 · 路程约 {km} 公里（估算：直线距离 × {factor}）",
    ),
    "#": ("#", "序"),
    "arrival": ("Arrival", "到达"),
    "km": ("km", "公里"),
    "shop": ("Shop and address", "门店及地址"),
    "owner": ("Owner and phone", "店主及电话"),
    "last": ("Last visit", "上次拜访"),
    "notes": ("Open to-dos and comments", "待办及批注"),
    "done": ("Done", "完成"),
    "returned": ("Returned: {comment}", "被退回：{comment}"),
    "late": ("Late: closes before the visit ends", "迟到：拜访结束前已关门"),
    "no_position": ("No coordinates: placed last", "无坐标：排在最后"),
    "empty": ("No stops planned.", "没有计划的拜访。"),
    "events": ("Events", "活动"),
}


class FontMissing(FieldappError):
    """No font with Chinese characters was found on this machine."""

    def __init__(self) -> None:
        super().__init__(
            "no_cjk_font",
            "no font with Chinese characters found (install fonts-wqy-microhei)",
        )


def _word(key: str, lang: str, **values: object) -> str:
    en, zh = _WORDS[key]
    return (zh if lang == "zh_CN" else en).format(**values)


def cjk_font(candidates: Iterable[str] = FONT_CANDIDATES) -> Path:
    """A TrueType font file with Chinese characters."""
    for candidate in candidates:
        if Path(candidate).is_file():
            return Path(candidate)
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", ":lang=zh-cn:fontformat=TrueType"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found and Path(found).suffix.lower() in (".ttf", ".ttc", ".otf"):
            return Path(found)
    raise FontMissing


def write_route_pdf(
    sheet: RouteSheet, path: str | os.PathLike[str], *, lang: str = "zh_CN"
) -> Path:
    """Write ``sheet`` as an A4 landscape PDF at ``path`` (whole or not at all)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    font = cjk_font()
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, margin=10)
    pdf.set_title(_word("title", lang, rep=sheet.rep_name, day=sheet.day.isoformat()))
    pdf.set_creator("fieldapp")
    pdf.add_font("cjk", "", str(font))
    pdf.add_page()
    pdf.set_font("cjk", size=14)
    pdf.cell(
        text=_word("title", lang, rep=sheet.rep_name, day=sheet.day.isoformat()),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("cjk", size=9)
    pdf.cell(
        text=_word(
            "summary", lang, n=len(sheet.stops), km=f"{sheet.total_km:.1f}", factor=DETOUR_FACTOR
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    headings = [_word(k, lang) for k in ("#", "arrival", "km", "shop", "owner", "last", "notes")]
    headings.append(_word("done", lang))
    with pdf.table(
        col_widths=(8, 16, 12, 70, 40, 22, 95, 14),
        headings_style=FontFace(fill_color=(232, 237, 242)),
        line_height=5,
        text_align="LEFT",
        first_row_as_headings=True,
    ) as table:
        table.row(headings)
        for s in sheet.stops:
            notes = []
            if s.todo:
                notes.append(s.todo)
            if s.returned_comment:
                notes.append(_word("returned", lang, comment=s.returned_comment))
            if s.late:
                notes.append(_word("late", lang))
            if s.arrival is None:
                notes.append(_word("no_position", lang))
            table.row(
                [
                    str(s.seq),
                    s.arrival or "",
                    "" if s.km is None else f"{s.km:.1f}",
                    s.name + (f"\n{s.address}" if s.address else ""),
                    "\n".join(x for x in (s.owner, s.phone) if x),
                    "" if s.last_visit is None else s.last_visit.isoformat(),
                    "\n".join(notes),
                    "√" if s.done else "",
                ]
            )
    if not sheet.stops:
        pdf.cell(text=_word("empty", lang), new_x="LMARGIN", new_y="NEXT")
    if sheet.events:
        pdf.ln(3)
        pdf.set_font("cjk", size=11)
        pdf.cell(text=_word("events", lang), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=9)
        beijing = timezone(BUSINESS_UTC_OFFSET)
        for e in sheet.events:
            starts = e.starts_at.astimezone(beijing).strftime("%H:%M")
            ends = e.ends_at.astimezone(beijing).strftime("%H:%M")
            pdf.cell(text=f"{starts}–{ends} {e.title}", new_x="LMARGIN", new_y="NEXT")
    out = Path(path)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.close(fd)
    try:
        pdf.output(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
