"""Nothing phones home: a full self-test with every Python socket operation failing loudly."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

GUARD = textwrap.dedent("""
    import os, sys

    def refuse_network(event, args):
        if event.startswith("socket."):
            sys.stderr.write(f"NETWORK USED: {event}\\n")
            sys.stderr.flush()
            os._exit(97)

    sys.addaudithook(refuse_network)
    from consultaid.app import main
    sys.exit(main(["consultaid", "--self-test"]))
""")


def test_full_self_test_opens_no_socket(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               CONSULTAID_CONFIG_DIR=str(tmp_path / "config"),
               CONSULTAID_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=300)
    assert "NETWORK USED" not in result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("self-test ok")


def test_the_guard_does_catch_a_socket(tmp_path: Path) -> None:
    probe = GUARD.split("from consultaid.app")[0] + "import socket\nsocket.socket()\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 97 and "NETWORK USED: socket.__new__" in result.stderr
