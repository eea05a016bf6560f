"""The clinic's logo, read once, checked, shrunk to the size a handout prints, and kept.

A logo named by the settings might be a named pipe, ``/dev/zero``, or a 13,000 × 13,000 px PNG
that costs gigabytes to decode on every handout (and the preview builds often). So the file must
be an ordinary file of at most 10 MB (``read_limited``), its pixel count is read from the
header before anything is decoded and must stay under :data:`MAX_PIXELS`, and the image is
shrunk once to print resolution and kept in memory, keyed by the file's path, size and time.
"""

from __future__ import annotations

import io
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from consultaid.fileio import LOGO_LIMIT, FileRefused, read_limited

MAX_PIXELS = 40_000_000
"""About 6,300 × 6,300 px: more than any letterhead logo needs, less than a decompression bomb."""
PRINT_PIXELS = 1200
"""The longest side kept: a 38 mm wide logo at 600 dpi needs about 900 px."""


class LogoRefused(Exception):
    """The logo cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class Logo:
    png: bytes
    width: int
    height: int


_cache: dict[tuple[str, int, int], Logo] = {}
_lock = threading.Lock()


def load_logo(path: Path) -> Logo:
    """The logo at ``path`` as a small PNG; raises :class:`LogoRefused` with the reason."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise LogoRefused(f"The clinic logo {path} cannot be read "
                          f"({exc.strerror or exc}).") from None
    key = (str(path), info.st_size, info.st_mtime_ns)
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    try:
        data = read_limited(path, LOGO_LIMIT)
    except FileRefused as exc:
        raise LogoRefused(f"The clinic logo was not used: {exc}") from None
    except OSError as exc:
        raise LogoRefused(f"The clinic logo {path} cannot be read "
                          f"({exc.strerror or exc}).") from None
    logo = _shrink(path, data)
    with _lock:
        _cache.clear()  # one clinic, one logo: keep only the newest
        _cache[key] = logo
    return logo


def _shrink(path: Path, data: bytes) -> Logo:
    not_image = LogoRefused(f"The clinic logo {path} is not a PNG or JPEG image that can be "
                            "printed.")
    too_big = ("The clinic logo {path} is {w:,} × {h:,} pixels, far more than a printed logo "
               "needs; save a smaller copy (at most about 2,000 pixels wide) and choose that one "
               "in Settings.")
    try:
        with warnings.catch_warnings():
            # Our own limit below is lower than Pillow's, and says what to do.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            try:
                opened = PILImage.open(io.BytesIO(data))  # reads the header only
            except PILImage.DecompressionBombError:
                raise LogoRefused(f"The clinic logo {path} has far more pixels than a printed "
                                  "logo needs; save a smaller copy (at most about 2,000 pixels "
                                  "wide) and choose that one in Settings.") from None
            image: PILImage.Image = opened
            width, height = image.size
            if opened.format not in ("PNG", "JPEG") or width <= 0 or height <= 0:
                raise not_image
            if width * height > MAX_PIXELS:
                raise LogoRefused(too_big.format(path=path, w=width, h=height))
            image.thumbnail((PRINT_PIXELS, PRINT_PIXELS))
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except LogoRefused:
        raise
    except Exception:  # any decoding problem: a damaged or odd file
        raise not_image from None
    return Logo(out.getvalue(), image.size[0], image.size[1])
