"""A primary and a synchronous streaming standby, for the failover tests (issue 30).

The primary is a test cluster as :mod:`tests.servers.postgres` makes it; the standby is a
``pg_basebackup -R`` copy of it on another port, which the primary waits for at every commit
(``synchronous_standby_names``), so a save the primary acknowledged is on the standby too. A
test kills the primary (``kill -9`` of its postmaster) and promotes the standby
(``pg_ctl promote``), as a clinic's IT or its failover tool would.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.servers.postgres import (
    SUPERUSER,
    PostgresServer,
    ServerUnavailable,
    _as,
    _free_port,
)
from tests.servers.postgres import start as start_server


@dataclass
class Pair:
    primary: PostgresServer
    standby: PostgresServer

    def url(self, database: str) -> str:
        """Both hosts, the one that takes writes first (libpq tries them in turn)."""
        return (f"postgresql://{SUPERUSER}@127.0.0.1:{self.primary.port},127.0.0.1:"
                f"{self.standby.port}/{database}?target_session_attrs=read-write"
                "&connect_timeout=3")

    def kill_primary(self) -> None:
        """kill -9 of the postmaster and every backend it started (a machine's sudden death:
        a backend left alone would still answer for a moment)."""
        pid = int((self.primary.root / "data" / "postmaster.pid").read_text().split()[0])
        children = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
                    and _parent(p) == pid]
        for victim in (pid, *children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(victim, signal.SIGKILL)

    def promote(self) -> None:
        self.standby._ctl("promote", "-w")


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def start() -> Pair:
    primary = start_server()
    try:
        primary.psql("ALTER SYSTEM SET synchronous_standby_names = 'standby1'")
        primary.psql("SELECT pg_reload_conf()")
        root = primary.root.parent / f"{primary.root.name}-standby"
        root.mkdir(mode=0o755)
        if primary.run_as:
            import pwd

            account = pwd.getpwnam(primary.run_as)
            os.chown(root, account.pw_uid, account.pw_gid)
        (root / "run").mkdir()
        if primary.run_as:
            os.chown(root / "run", account.pw_uid, account.pw_gid)
        base = subprocess.run(
            _as(primary.run_as, [str(primary.bindir / "pg_basebackup"), "-D", str(root / "data"),
                                 "-h", "127.0.0.1", "-p", str(primary.port), "-U", SUPERUSER,
                                 "-R", "-X", "stream", "--no-sync"]),
            capture_output=True, text=True, timeout=300, check=False)
        if base.returncode != 0:
            raise ServerUnavailable(f"pg_basebackup failed: {base.stderr.strip()[-600:]}")
        port = _free_port()
        with open(root / "data" / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nport = {port}\nunix_socket_directories = '{root / 'run'}'\n"
                       f"primary_conninfo = 'host=127.0.0.1 port={primary.port} "
                       f"user={SUPERUSER} application_name=standby1'\n"
                       "synchronous_standby_names = ''\n")
        standby = PostgresServer(root, primary.bindir, port, primary.run_as)
        standby.restart()
        deadline = time.monotonic() + 60
        while primary.psql("SELECT count(*) FROM pg_stat_replication "
                           "WHERE sync_state = 'sync'").strip() != "1":
            if time.monotonic() > deadline:
                raise ServerUnavailable("the standby did not become synchronous")
            time.sleep(0.1)
    except (ServerUnavailable, RuntimeError, OSError) as exc:
        primary.stop("immediate")
        raise ServerUnavailable(f"the standby could not be set up: {exc}") from None
    return Pair(primary, standby)


def stop(pair: Pair) -> None:
    import shutil

    for server in (pair.standby, pair.primary):
        server.stop("immediate")
    for server in (pair.standby, pair.primary):
        shutil.rmtree(server.root, ignore_errors=True)


