"""The off-thread helper: answers arrive on the UI thread; only the newest one is delivered."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from consultaid.domain.errors import ConsultaidError
from consultaid.ui.worker import LatestOnlyRunner


def test_success_arrives_on_the_ui_thread(qtbot: QtBot) -> None:
    runner = LatestOnlyRunner()
    threads: list[QThread] = []

    def work() -> str:
        threads.append(QThread.currentThread())
        return "pdf"

    delivered: list[QThread] = []
    runner.succeeded.connect(lambda _r: delivered.append(QThread.currentThread()))
    with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
        runner.submit(work)
    assert blocker.args == ["pdf"]
    assert threads[0] is not delivered[0]
    assert delivered[0] is QThread.currentThread()
    runner.wait()


def test_failures_come_back_as_words(qtbot: QtBot) -> None:
    runner = LatestOnlyRunner()

    def broken() -> bytes:
        raise ConsultaidError("the logo file is not an image")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit(broken)
    assert blocker.args == ["the logo file is not an image"]

    def crashing() -> bytes:
        raise KeyError("x")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit(crashing)
    # Words a person can act on; never the exception's type or text (issue 18).
    (message,) = blocker.args
    assert "did not expect" in message and "KeyError" not in message and "'x'" not in message
    runner.wait()


def test_a_stale_result_is_dropped(qtbot: QtBot) -> None:
    runner = LatestOnlyRunner()
    release = threading.Event()
    results: list[object] = []
    runner.succeeded.connect(results.append)

    started = threading.Event()

    def slow() -> str:
        started.set()
        release.wait(5)
        return "old"

    runner.submit(slow)
    assert started.wait(5)  # it is running (a job stale before it starts never starts)
    with qtbot.waitSignal(runner.succeeded, timeout=5000):
        runner.submit(lambda: "new")
    release.set()
    with qtbot.waitSignal(runner.busy_changed, timeout=5000) as blocker:
        pass
    assert blocker.args == [False]
    assert results == ["new"]
    runner.wait()
