"""A real PgBouncer in transaction pooling mode, in front of the test PostgreSQL server.

Clinic groups put PgBouncer (``pool_mode = transaction``) between the workstations and the
server: a client's consecutive transactions may then run on different server connections, so
nothing may rely on session state (prepared statements, ``SET``, advisory locks held across
transactions, temporary tables). ``python3 dev.py test`` installs Debian's ``pgbouncer``
(``packaging/debian-packages.txt``); this module writes a private configuration, starts it on a
free port of 127.0.0.1 and stops it. Like the server, it does not run as root: under root it
runs as the ``postgres`` account. When it cannot start, :class:`ServerUnavailable` says why and
the tests that need it fail.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.servers.postgres import SUPERUSER, PostgresServer, ServerUnavailable, _free_port


@dataclass(frozen=True)
class Bouncer:
    root: Path
    port: int
    process: subprocess.Popen[bytes]

    def url(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"


def _find() -> str:
    found = shutil.which("pgbouncer") or ("/usr/sbin/pgbouncer"
                                          if os.path.exists("/usr/sbin/pgbouncer") else None)
    if not found:
        raise ServerUnavailable("pgbouncer is not installed (Debian package pgbouncer; "
                                "python3 dev.py test installs it)")
    return found


def start(server: PostgresServer, logins: dict[str, str] | None = None,
          pool_size: int = 10) -> Bouncer:
    """A PgBouncer for the superuser (no password), or with ``logins`` (role -> password) for
    those workstation roles only: each then signs in to PgBouncer with its password
    (scram-sha-256), and PgBouncer signs in to the server with it, as a clinic configures it.
    ``pool_size``: server connections per database and role."""
    binary = _find()
    root = Path(tempfile.mkdtemp(prefix="consultaid-pgbouncer-"))
    port = _free_port()
    users = logins or {SUPERUSER: ""}
    (root / "users.txt").write_text("".join(f'"{name}" "{password}"\n'
                                            for name, password in users.items()),
                                    encoding="utf-8")
    (root / "pgbouncer.ini").write_text(f"""[databases]
* = host=127.0.0.1 port={server.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = {"scram-sha-256" if logins else "trust"}
auth_file = {root / "users.txt"}
pool_mode = transaction
max_client_conn = 200
default_pool_size = {pool_size}
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = {root / "pgbouncer.log"}
pidfile = {root / "pgbouncer.pid"}
""", encoding="utf-8")
    command = [binary, str(root / "pgbouncer.ini")]
    if os.geteuid() == 0:
        account = pwd.getpwnam(SUPERUSER)
        root.chmod(0o755)
        for path in (root, *root.iterdir()):
            os.chown(path, account.pw_uid, account.pw_gid)
        command = ["runuser", "-u", SUPERUSER, "--", *command]
    with open(root / "stderr.txt", "wb") as err_file:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err_file)
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is not None:
            err = (root / "stderr.txt").read_text(errors="replace")
            log = root / "pgbouncer.log"
            tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
            shutil.rmtree(root, ignore_errors=True)
            raise ServerUnavailable(f"pgbouncer exited at start: {err.strip()} {tail}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise ServerUnavailable("pgbouncer started but does not listen") from None
            time.sleep(0.05)
    return Bouncer(root, port, process)


def stop(bouncer: Bouncer) -> None:
    bouncer.process.terminate()
    try:
        bouncer.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        bouncer.process.kill()
    shutil.rmtree(bouncer.root, ignore_errors=True)
