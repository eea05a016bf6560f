"""A real, private PostgreSQL server for the shared-records tests.

``python3 dev.py test`` installs Debian's ``postgresql`` (``packaging/debian-packages.txt``).
This module runs ``initdb`` into a temporary folder and starts that cluster with ``pg_ctl`` on a
free TCP port of 127.0.0.1 and a Unix socket in the same folder (never the system's cluster).
PostgreSQL refuses to run as root, so under root (as in CI) the server runs as the ``postgres``
account that the Debian package creates, in a folder that account owns.

Each test gets its own fresh database (:func:`create_database`). When something is missing or
the server does not start, :class:`ServerUnavailable` says why, and the tests that need it fail.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
PASSWORD_GROUP = "password_users"
TLS_GROUP = "tls_users"
"""Members must connect with TLS (``hostssl``); without it the server refuses them."""


class ServerUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class PostgresServer:
    root: Path
    bindir: Path
    port: int
    run_as: str | None
    """The OS account the server runs as (None: this process's own)."""

    @property
    def socket_dir(self) -> Path:
        return self.root / "run"

    @property
    def ca_file(self) -> Path:
        """The test CA that signed the server's certificate (for ``sslrootcert``)."""
        return self.root / "tls" / "ca.crt"

    def url(self, database: str = "postgres", user: str = SUPERUSER,
            password: str | None = None) -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"

    def socket_url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run ``sql`` as the superuser; return psql's output (raises on an error)."""
        done = subprocess.run([str(self.bindir / "psql"), "-X", "-q", "-A", "-t",
                               "-v", "ON_ERROR_STOP=1", "-d", self.socket_url(database),
                               "-c", sql], capture_output=True, text=True, timeout=60,
                              check=False)
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr.strip()}")
        return done.stdout

    def create_login_role(self, password: str, tls: bool = False) -> str:
        """A new role that must sign in with ``password`` over TCP (and TLS if ``tls``)."""
        name = f"ws_{uuid.uuid4().hex[:10]}"
        group = TLS_GROUP if tls else PASSWORD_GROUP
        self.psql(f"CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE {group}")
        return name

    def create_database(self, owner: str = SUPERUSER) -> str:
        """A new, empty database; returns its name."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.psql(f'CREATE DATABASE "{name}" OWNER "{owner}"')
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self, mode: str = "fast") -> None:
        self._ctl("stop", "-m", mode)

    def restart(self) -> None:
        self._ctl("start", "-w", "-l", str(self.root / "server.log"))

    def _ctl(self, *args: str) -> None:
        cmd = [str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), *args]
        done = subprocess.run(_as(self.run_as, cmd), capture_output=True, text=True,
                              timeout=120, check=False)
        if done.returncode != 0 and args[0] != "stop":
            raise ServerUnavailable(f"pg_ctl {args[0]} failed: "
                                    f"{(done.stdout + done.stderr).strip()[-800:]}")


def _as(user: str | None, cmd: list[str]) -> list[str]:
    return cmd if user is None else ["runuser", "-u", user, "--", *cmd]


def find_bindir() -> Path:
    """Debian's /usr/lib/postgresql/<newest>/bin, or the folder of an ``initdb`` on PATH."""
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name) if Path(
                          p).parent.parent.name.isdigit() else 0)
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise ServerUnavailable("PostgreSQL's server programs (initdb, pg_ctl, postgres) are "
                            "missing; `python3 dev.py test` installs them on Debian/Ubuntu "
                            "(package postgresql).")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _make_certificates(folder: Path, run_as: str | None) -> Path:
    """A throw-away CA and a server certificate for 127.0.0.1 (``openssl``, package openssl)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise ServerUnavailable("openssl is missing; `python3 dev.py test` installs it "
                                "(package openssl) to make the test server's TLS certificate")
    folder.mkdir()
    (folder / "san.txt").write_text("subjectAltName=IP:127.0.0.1\n")
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    steps = [
        [openssl, "req", "-x509", *curve, "-keyout", "ca.key", "-out", "ca.crt", "-days", "7",
         "-subj", "/CN=consultaid test CA"],
        [openssl, "req", *curve, "-keyout", "server.key", "-out", "server.csr",
         "-subj", "/CN=127.0.0.1"],
        [openssl, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
         "-CAcreateserial", "-out", "server.crt", "-days", "7", "-extfile", "san.txt"],
    ]
    for step in steps:
        done = subprocess.run(step, cwd=folder, capture_output=True, text=True, timeout=60,
                              check=False)
        if done.returncode != 0:
            raise ServerUnavailable(f"openssl failed: {done.stderr.strip()[-500:]}")
    key = folder / "server.key"
    key.chmod(0o600)
    if run_as:
        account = pwd.getpwnam(run_as)
        os.chown(key, account.pw_uid, account.pw_gid)
        os.chown(folder / "server.crt", account.pw_uid, account.pw_gid)
    return folder


def start() -> PostgresServer:
    """initdb + pg_ctl start; raise ServerUnavailable with why."""
    bindir = find_bindir()
    run_as: str | None = None
    root = Path(tempfile.mkdtemp(prefix="consultaid-pg-"))
    if os.geteuid() == 0:
        run_as = SUPERUSER
        try:
            account = pwd.getpwnam(run_as)
        except KeyError:
            raise ServerUnavailable("PostgreSQL does not run as root and there is no "
                                    "'postgres' account (the Debian package creates it)") from None
        root.chmod(0o755)
        os.chown(root, account.pw_uid, account.pw_gid)
    (root / "run").mkdir()
    if run_as:
        os.chown(root / "run", pwd.getpwnam(run_as).pw_uid, pwd.getpwnam(run_as).pw_gid)
    init = subprocess.run(
        _as(run_as, [str(bindir / "initdb"), "-D", str(root / "data"), "-U", SUPERUSER,
                     "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
        capture_output=True, text=True, timeout=300, check=False)
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(f"initdb failed: {(init.stdout + init.stderr).strip()[-800:]}")
    # Members of the role "password_users" must give their password (SCRAM) over TCP, as a
    # clinic's server would ask; every other local connection is trusted (a test cluster).
    # Members of "tls_users" only over TLS, as the README tells a clinic to set it up.
    hba = root / "data" / "pg_hba.conf"
    hba.write_text(f"hostssl all +{TLS_GROUP} 127.0.0.1/32 scram-sha-256\n"
                   f"host all +{TLS_GROUP} 127.0.0.1/32 reject\n"
                   f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    tls = _make_certificates(root / "tls", run_as)
    port = _free_port()
    with open(root / "data" / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write(f"""
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{root / "run"}'
max_connections = 200
fsync = off                # a test cluster: durability of the server itself is not tested
full_page_writes = off
shared_buffers = 64MB
log_min_messages = warning
ssl = on
ssl_cert_file = '{tls / "server.crt"}'
ssl_key_file = '{tls / "server.key"}'
""")
    server = PostgresServer(root, bindir, port, run_as)
    try:
        server.restart()
    except ServerUnavailable as exc:
        log = root / "server.log"
        tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(f"{exc}\n{tail}") from None
    deadline = time.monotonic() + 30
    while True:
        try:
            server.psql("SELECT 1")
            break
        except RuntimeError:
            if time.monotonic() > deadline:
                stop(server)
                raise ServerUnavailable("PostgreSQL started but does not answer") from None
            time.sleep(0.1)
    server.psql(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN; CREATE ROLE {TLS_GROUP} NOLOGIN")
    return server


def stop(server: PostgresServer) -> None:
    server.stop("immediate")
    shutil.rmtree(server.root, ignore_errors=True)
