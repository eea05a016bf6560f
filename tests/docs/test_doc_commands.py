"""Every command the documentation shows in a ``console`` block is run as written.

Convention (docs/it-manual.md says it too): a fenced block whose info string is ``console``
holds commands after ``$ `` (a line ending in ``\\`` goes on in the next); they run in order,
in one empty folder (with ``.venv`` in it, as in a clone after ``python3 dev.py``), with a data
and config folder of their own and the project's ``consultaid`` on the PATH, and each must
exit 0. A ``console check`` block holds commands that
need a server, an account, a PIN or a display: a ``consultaid ...`` command must exist (its
``--help`` exits 0) and every command must parse as shell (``bash -n``).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
FENCE = re.compile(r"^(?P<indent> *)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```",
                   re.M | re.S)
ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")
SUBCOMMAND = re.compile(r"^[a-z][a-z-]*$")


@dataclass(frozen=True)
class Block:
    doc: str
    line: int
    kind: str  # "run" or "check"
    commands: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}"


def commands_in(body: str, indent: str) -> tuple[str, ...]:
    commands: list[str] = []
    pending = ""
    for raw in body.splitlines():
        line = raw.removeprefix(indent)
        if pending:
            pending += "\n" + line
        elif line.startswith("$ "):
            pending = line[2:]
        else:
            continue  # output shown after a command
        if not pending.endswith("\\"):
            commands.append(pending)
            pending = ""
    assert not pending, f"a command continues past its block: {pending!r}"
    return tuple(commands)


def blocks() -> list[Block]:
    found: list[Block] = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            words = match.group("info").split()
            if not words or words[0] != "console":
                continue
            kind = "check" if words[1:] == ["check"] else "run"
            assert words[1:] in ([], ["check"]), f"{doc.name}: unknown block {words}"
            line = text.count("\n", 0, match.start()) + 1
            commands = commands_in(match.group("body"), match.group("indent"))
            assert commands, f"{doc.name}:{line}: a console block with no $ command"
            found.append(Block(doc.relative_to(ROOT).as_posix(), line, kind, commands))
    return found


ALL = blocks()


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSULTAID_")}
    env.update({
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
        "CONSULTAID_CONFIG_DIR": str(home / "config"),
        "CONSULTAID_DATA_DIR": str(home / "data"),
    })
    return env


def test_the_docs_have_commands_of_both_kinds() -> None:
    kinds = {block.kind for block in ALL}
    assert kinds == {"run", "check"}
    documented = {block.doc for block in ALL}
    assert {"README.md", "docs/it-manual.md", "docs/physician-guide.md"} <= documented
    run = [c for block in ALL if block.kind == "run" for c in block.commands]
    for needed in ("consultaid records backup", "consultaid records verify",
                   "consultaid handout", "consultaid example"):
        assert any(needed in command for command in run), needed


@pytest.mark.parametrize("block", [b for b in ALL if b.kind == "run"], ids=str)
def test_a_console_block_runs_as_written(block: Block, tmp_path: Path) -> None:
    env = environment(tmp_path)
    # the README's commands are typed in the clone, after `python3 dev.py` made .venv there
    (tmp_path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    for command in block.commands:
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", command],
                                cwd=tmp_path, env=env, capture_output=True, text=True,
                                timeout=300, stdin=subprocess.DEVNULL)
        assert result.returncode == 0, (
            f"{block}: {command!r} exited {result.returncode}:\n{result.stderr[-2000:]}")


def consultaid_words(command: str) -> list[str] | None:
    """``["records", "grant"]`` for ``URL=… consultaid records grant ROLE``; None when the
    command is not consultaid's."""
    words = shlex.split(command.replace("\\\n", " "), comments=True)
    while words and ASSIGNMENT.match(words[0]):
        words.pop(0)
    if not words or words[0] != "consultaid":
        return None
    chain: list[str] = []
    for word in words[1:]:
        if not SUBCOMMAND.match(word):
            break
        chain.append(word)
    return chain


@pytest.mark.parametrize("block", [b for b in ALL if b.kind == "check"], ids=str)
def test_a_console_check_block_parses_and_names_real_commands(block: Block,
                                                              tmp_path: Path) -> None:
    env = environment(tmp_path)
    for command in block.commands:
        syntax = subprocess.run(["bash", "-n", "-c", command], capture_output=True, text=True)
        assert syntax.returncode == 0, f"{block}: {command!r}: {syntax.stderr}"
        chain = consultaid_words(command)
        if chain is None:
            continue
        helped = subprocess.run(["consultaid", *chain, "--help"], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
        assert helped.returncode == 0, f"{block}: consultaid {' '.join(chain)}: {helped.stderr}"
        assert helped.stdout.startswith("usage: consultaid"), helped.stdout[:200]


def test_a_mistyped_command_is_found() -> None:
    """The check above can fail: a command consultaid does not have is refused."""
    assert consultaid_words("A=1 consultaid records backupp x") == ["records", "backupp", "x"]
    helped = subprocess.run([str(Path(sys.executable).parent / "consultaid"), "records",
                             "backupp", "--help"], capture_output=True, text=True)
    assert helped.returncode != 0


def test_every_fenced_block_says_what_it_holds() -> None:
    """No command hides in a block the test above does not read: every block is marked
    ``console`` (run), ``console check``, or a file format or plain ``text``."""
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            info = match.group("info").strip()
            line = text.count("\n", 0, match.start()) + 1
            assert info in {"console", "console check", "toml", "text"}, (
                f"{doc.relative_to(ROOT)}:{line}: a block marked {info!r}")
