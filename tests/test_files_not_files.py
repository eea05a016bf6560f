"""Files that are not files: pipes, devices and huge files are refused in words (issue 10.5).

Each case runs where a hang would otherwise be possible with a timeout, so a regression fails
the test instead of freezing the run.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image as PILImage

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.fileio import MB, FileRefused, read_limited
from consultaid.handout import build_handout_with_warnings
from consultaid.handout.logo import PRINT_PIXELS, load_logo
from consultaid.resources import content_dir
from consultaid.settings import ClinicSettings, SettingsError, load_settings


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def zero_link(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def run_py(code: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=timeout, check=False, env={**os.environ})


@pytest.mark.parametrize(("make", "says"), [(fifo, "named pipe"), (zero_link, "a device")])
def test_read_limited_refuses_what_is_not_a_file(tmp_path: Path, make: object,
                                                 says: str) -> None:
    assert callable(make)
    path = make(tmp_path / "thing")
    done = run_py(f"from pathlib import Path\nfrom consultaid.fileio import read_limited\n"
                  f"try:\n    read_limited(Path({str(path)!r}), 1024)\n"
                  f"except Exception as e:\n    print(type(e).__name__, e)\n", timeout=20)
    assert "FileRefused" in done.stdout and says in done.stdout


def test_read_limited_refuses_a_huge_file_and_reads_a_small_one(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (2 * MB))
    with pytest.raises(FileRefused, match="larger than 1 MB"):
        read_limited(big, 1 * MB)
    small = tmp_path / "small.toml"
    small.write_bytes(b"x = 1\n")
    assert read_limited(small, 1 * MB) == b"x = 1\n"


@pytest.mark.parametrize(("make", "says"), [(fifo, "named pipe"), (zero_link, "a device")])
def test_settings_that_are_not_a_file_are_refused(tmp_path: Path, make: object,
                                                  says: str) -> None:
    assert callable(make)
    path = make(tmp_path / "settings.toml")
    with pytest.raises(SettingsError, match=says):
        load_settings(path)


@pytest.mark.parametrize(("make", "says"), [(fifo, "named pipe"), (zero_link, "a device")])
def test_an_overlay_file_that_is_not_a_file_is_refused(tmp_path: Path, make: object,
                                                       says: str) -> None:
    assert callable(make)
    root = tmp_path / "overlay"
    (root / "en").mkdir(parents=True)
    make(root / "en" / "handout.toml")
    result = load_content("en", overlay_root=root)
    assert result.pack.overlay_files == ()
    assert len(result.warnings) == 1 and says in result.warnings[0]


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` (as a 657 kB bomb would)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def handout_warnings(logo: Path) -> list[str]:
    pack = load_content("en").pack
    settings = ClinicSettings(clinic_name="Riverside", logo_path=str(logo))
    _pdf, notes = build_handout_with_warnings(example_consultation(pack), pack, settings)
    return notes


def test_logo_that_is_dev_zero_a_pipe_or_a_bomb_is_left_out_in_words(tmp_path: Path) -> None:
    warnings = handout_warnings(Path("/dev/zero"))
    assert any("not an ordinary file" in w and "without it" in w for w in warnings)
    warnings = handout_warnings(fifo(tmp_path / "logo.png"))
    assert any("named pipe" in w for w in warnings)
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(huge_png_header(13000, 13000))
    warnings = handout_warnings(bomb)
    assert any("13,000 × 13,000 pixels" in w for w in warnings)


def test_a_large_logo_is_shrunk_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    out = io.BytesIO()
    PILImage.new("RGB", (3000, 1500), (20, 90, 160)).save(out, format="PNG")
    path.write_bytes(out.getvalue())
    first = load_logo(path)
    assert max(first.width, first.height) == PRINT_PIXELS
    assert load_logo(path) is first  # decoded once; the preview's rebuilds reuse it
    assert handout_warnings(path) == []


def test_cli_refuses_a_record_that_is_a_pipe(tmp_path: Path) -> None:
    path = fifo(tmp_path / "record.json")
    done = subprocess.run([sys.executable, "-m", "consultaid", "screen", str(path)],
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 1
    assert "named pipe" in done.stderr and "Traceback" not in done.stderr


def test_the_bundled_pack_still_loads() -> None:
    assert (content_dir() / "en" / "pack.toml").is_file()
    assert load_content("en").warnings == []
