"""The window fits real screens: run on a real X server (Xvfb, started here) at common sizes.

Everything else runs on Qt's offscreen platform, which has no window frame, no real screen size
and no font hinting; this test starts Xvfb itself (installed through
``packaging/debian-packages.txt``) and runs the app in a subprocess on it. It fails loudly when
Xvfb cannot be started.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_display() -> int:
    for number in range(140, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and \
                not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    pytest.fail("no free X display number between :140 and :199")


class Xvfb:
    """One Xvfb server of the given size, stopped on exit."""

    def __init__(self, width: int, height: int) -> None:
        server = shutil.which("Xvfb")
        if server is None:
            pytest.fail("Xvfb is not installed; `python3 dev.py test` installs it "
                        "(packaging/debian-packages.txt, package xvfb)")
        self.number = _free_display()
        self.process = subprocess.Popen(
            [server, f":{self.number}", "-screen", "0", f"{width}x{height}x24", "-nolisten",
             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        socket = Path(f"/tmp/.X11-unix/X{self.number}")
        deadline = time.monotonic() + 15
        while not socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                self.stop()
                pytest.fail(f"Xvfb :{self.number} did not start: {err[-500:]}")
            time.sleep(0.05)

    @property
    def display(self) -> str:
        return f":{self.number}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        if self.process.stderr is not None:
            self.process.stderr.close()


@pytest.fixture
def xvfb_factory() -> Iterator[list[Xvfb]]:
    started: list[Xvfb] = []
    yield started
    for server in started:
        server.stop()


def probe(xvfb_factory: list[Xvfb], tmp_path: Path, width: int, height: int,
          scale: str = "") -> dict[str, object]:
    server = Xvfb(width, height)
    xvfb_factory.append(server)
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=server.display, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp_path),
               XDG_RUNTIME_DIR=str(tmp_path))
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    done = subprocess.run([sys.executable, "-m", "tests.ui.display_probe"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def inside(box: list[int], area: list[int]) -> bool:
    x, y, w, h = box
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.parametrize(("width", "height", "scale"),
                         [(1366, 768, ""), (1024, 768, ""), (2048, 1536, "2")])
def test_window_buttons_status_and_verdict_fit_the_screen(
        xvfb_factory: list[Xvfb], tmp_path: Path, width: int, height: int, scale: str) -> None:
    report = probe(xvfb_factory, tmp_path, width, height, scale)
    available = report["available"]
    assert isinstance(available, list)
    steps = report["steps"]
    assert isinstance(steps, list) and len(steps) == 6
    for step in steps:
        where = f"step {step['step']} at {width}×{height}{' ×' + scale if scale else ''}"
        assert inside(step["frame"], available), f"{where}: window {step['frame']}"
        for part in ("back", "next", "status_bar"):
            assert inside(step[part], available), f"{where}: {part} {step[part]} off screen"
        assert step["verdict_fits"] == [True, True], f"{where}: the verdict is cut"
        assert step["verdict_visible"], f"{where}: the verdict is not fully on screen"
    dialogs = report["dialogs"]
    assert isinstance(dialogs, dict) and set(dialogs) == {"settings", "shortcuts"}
    for name, frame in dialogs.items():
        assert inside(frame, available), f"{name} dialog {frame} at {width}×{height}"
