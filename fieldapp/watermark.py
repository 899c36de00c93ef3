"""A visit photo's display copy with a watermark: shop, time, position and rep written
on a band across the bottom (Pillow), so a picture shown or passed on says where it
belongs. The original file is only read, never altered: the copy is a new JPEG.

:func:`watermark_lines` chooses what is written: the shop's name, when the photo was
taken (its EXIF time, else the visit's check-in; Beijing time), where (its EXIF GPS,
else the shop's position; WGS-84 degrees to 5 decimals) and the rep's name.
:func:`write_watermarked` draws them with a CJK font (``fieldapp.exchange.route_pdf.
cjk_font``: WenQuanYi Micro Hei where ``./dev setup`` installed it; Pillow's own font
when none is found, which has no Chinese). ``fieldapp.store.evidence_photos.
display_copy`` keeps the copies beside the photos.
Thread-agnostic: files only.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from .kinds import BUSINESS_UTC_OFFSET

__all__ = ["watermark_lines", "write_watermarked"]


def watermark_lines(
    *,
    shop: str,
    rep: str | None,
    taken_at: datetime | None,
    latitude: float | None,
    longitude: float | None,
) -> list[str]:
    """The watermark's lines, in the order written."""
    lines = [shop]
    if taken_at is not None:
        lines.append(taken_at.astimezone(timezone(BUSINESS_UTC_OFFSET)).strftime("%Y-%m-%d %H:%M"))
    if latitude is not None and longitude is not None:
        ns = "N" if latitude >= 0 else "S"
        ew = "E" if longitude >= 0 else "W"
        lines.append(f"{abs(latitude):.5f}°{ns} {abs(longitude):.5f}°{ew}")
    if rep:
        lines.append(rep)
    return lines


def write_watermarked(source: str | os.PathLike[str], target: str | os.PathLike[str],
                      lines: list[str]) -> Path:  # fmt: skip
    """Write ``source`` with ``lines`` on a dark band at its bottom as a JPEG at
    ``target`` (whole or not at all); ``source`` is not changed."""
    from PIL import Image, ImageDraw, ImageFont, ImageOps

    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
    width, height = image.size
    size = max(12, round(min(width, height) / 28))
    try:
        from .exchange.route_pdf import FontMissing, cjk_font

        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(
            str(cjk_font()), size
        )
    except (OSError, FontMissing):
        font = ImageFont.load_default(size)
    pad = max(4, size // 3)
    line_h = size + pad // 2
    band = pad * 2 + line_h * len(lines)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle((0, height - band, width, height), fill=(0, 0, 0, 140))
    for i, line in enumerate(lines):
        draw.text(
            (pad * 2, height - band + pad + i * line_h), line, font=font, fill=(255, 255, 255, 235)
        )
    marked = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.close(fd)
    try:
        marked.save(tmp, "JPEG", quality=88)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
