"""Photos before they go into the store: pick files, scale big pictures down, thumbnails.

A phone photo is often 4000 px and 5 MB; a rep's laptop and the sync link need far
less. :func:`prepare_photo` keeps a picture whose long side is within the limit as it
is (no re-encoding, EXIF kept) and writes a bigger one as a scaled-down JPEG into a
folder the caller owns. With "keep original" on, nothing is scaled: the original file
is attached as it is (one picture, one photo row). Files Qt cannot decode (HEIC
without a plug-in, or no image at all) are passed through untouched; the store then
accepts or refuses them (``not_an_image``).

Threading: :func:`prepare_photo` and :func:`thumbnail_image` use only ``QImage`` /
``QImageReader`` and may run on a worker thread; :func:`choose_photos` and
:func:`thumbnail_icon` are UI-thread only.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import QFileDialog, QWidget

#: Default long side, in pixels, of a stored photo (setting ``photo.max_px``).
DEFAULT_MAX_PX = 1600
#: JPEG quality of scaled photos: small files, no visible blocks on a shelf photo.
JPEG_QUALITY = 85
#: File patterns offered in the file dialog.
IMAGE_PATTERNS = "*.jpg *.jpeg *.png *.webp *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC"


@dataclass(frozen=True)
class PreparedPhoto:
    """What to attach for one chosen file."""

    #: The file the user chose.
    source: Path
    #: The file to hand to ``store.photos.add_file``: ``source`` or a scaled copy.
    path: Path
    #: True when ``path`` is a scaled copy (a temporary file the caller removes).
    scaled: bool
    #: Pixel size of the source and of what is attached (empty when Qt cannot read it).
    source_size: tuple[int, int]
    size: tuple[int, int]


def _fit(width: int, height: int, max_px: int) -> QSize:
    """The size with the same shape whose long side is ``max_px``."""
    if width >= height:
        return QSize(max_px, max(1, round(height * max_px / width)))
    return QSize(max(1, round(width * max_px / height)), max_px)


def prepare_photo(
    source: str | os.PathLike[str],
    *,
    max_px: int = DEFAULT_MAX_PX,
    keep_original: bool = False,
    out_dir: str | os.PathLike[str] | None = None,
) -> PreparedPhoto:
    """Decide what to attach for ``source``, scaling it down into ``out_dir`` if needed.

    The long side of a scaled photo is ``max_px`` (orientation from EXIF applied). A
    picture with transparency gets a white background (JPEG has no alpha).
    """
    src = Path(source)
    reader = QImageReader(str(src))
    reader.setAutoTransform(True)
    raw = reader.size()
    if keep_original or not reader.canRead() or not raw.isValid() or max_px < 1:
        dims = (raw.width(), raw.height()) if raw.isValid() else (0, 0)
        return PreparedPhoto(src, src, False, dims, dims)
    if max(raw.width(), raw.height()) <= max_px:
        dims = (raw.width(), raw.height())
        return PreparedPhoto(src, src, False, dims, dims)
    # Decoding straight at the smaller size lets libjpeg skip most of the work and
    # memory. With auto-transform on, sizes are those of the upright picture.
    target = _fit(raw.width(), raw.height(), max_px)
    reader.setScaledSize(target)
    image = reader.read()
    if image.isNull():
        dims = (raw.width(), raw.height())
        return PreparedPhoto(src, src, False, dims, dims)
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("white"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    folder = Path(out_dir) if out_dir is not None else Path(tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="photo-", suffix=".jpg", dir=folder)
    os.close(fd)
    # PySide6 takes the format as str (bytes raise ValueError); its stub says bytes.
    saved = image.save(name, "JPEG", JPEG_QUALITY)  # type: ignore[call-overload]
    if not saved:
        Path(name).unlink(missing_ok=True)
        raise OSError(f"cannot write the scaled photo to {name}")
    _carry_exif(src, Path(name))
    return PreparedPhoto(
        src,
        Path(name),
        True,
        (raw.width(), raw.height()),
        (image.width(), image.height()),
    )


def _carry_exif(source: Path, scaled: Path) -> None:
    """Give the scaled JPEG the original's EXIF (time, GPS: the visit's evidence reads
    them), orientation reset since the pixels are upright now. Inserted as an APP1
    segment after the start marker, so the pixels are not encoded a second time."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as original:
            exif = original.getexif()
    except (OSError, UnidentifiedImageError):
        return
    if not exif and not exif.get_ifd(0x8769) and not exif.get_ifd(0x8825):
        return
    exif[0x0112] = 1  # orientation: as stored
    payload = exif.tobytes()  # b"Exif\0\0" + TIFF data
    if len(payload) + 2 > 0xFFFF:
        return  # too large for one segment (a thumbnail inside): keep the picture as is
    data = scaled.read_bytes()
    if data[:2] != b"\xff\xd8":
        return
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    scaled.write_bytes(data[:2] + segment + data[2:])


def thumbnail_image(path: str | os.PathLike[str], size: int = 72) -> QImage:
    """A small image of the picture (null when it cannot be read)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    raw = reader.size()
    if raw.isValid() and max(raw.width(), raw.height()) > size:
        reader.setScaledSize(_fit(raw.width(), raw.height(), size))
    return reader.read()


def thumbnail_icon(path: str | os.PathLike[str], size: int = 72) -> QIcon:
    image = thumbnail_image(path, size)
    if image.isNull():
        return QIcon()
    canvas = QPixmap(size, size)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.drawImage((size - image.width()) // 2, (size - image.height()) // 2, image)
    painter.end()
    return QIcon(canvas)


def choose_photos(parent: QWidget | None) -> list[str]:
    """Ask for picture files to attach; empty when the user cancels."""
    files, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("Photos", "Attach photos"),
        "",
        QCoreApplication.translate("Photos", "Pictures (%1)").replace("%1", IMAGE_PATTERNS)
        + ";;"
        + QCoreApplication.translate("Photos", "All files (*)"),
    )
    return list(files)


def preparing_text() -> str:
    return QCoreApplication.translate("Photos", "Preparing photos…")
