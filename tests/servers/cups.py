"""A real, private CUPS server with a cups-pdf queue, for the printing tests.

``python3 dev.py test`` installs Debian's ``cups``, ``cups-client`` and
``printer-driver-cups-pdf`` (``packaging/debian-packages.txt``). This module starts its own
``cupsd`` with its configuration, spool and socket in a temporary folder (never the system's
scheduler), adds a queue ``CUPS-PDF`` that turns every job into a PDF file, and points the
CUPS client tools at it with ``CUPS_SERVER``. cups-pdf writes a job of user U to ``~U/PDF``.

The cups-pdf backend runs only under a scheduler started as root (as in CI); elsewhere, or when
something is missing, :class:`ServerUnavailable` says why and the tests that need it fail.
"""

from __future__ import annotations

import fcntl
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

QUEUE = "CUPS-PDF"
PPD = "lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd"


class ServerUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class CupsServer:
    root: Path
    socket: Path
    process: subprocess.Popen[bytes]
    queue: str = QUEUE

    @property
    def output_dir(self) -> Path:
        """Where cups-pdf puts the jobs this process prints."""
        return Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"

    @contextmanager
    def catching(self) -> Iterator[Callable[[], Path]]:
        """Hold cups-pdf's output folder for one print; yields a function giving the printed file.

        cups-pdf writes every job of a user to the same ``~/PDF`` under the job's title, so two
        test runs on one machine (several engineers, all root) would read each other's prints;
        the lock makes each print-and-read one step.
        """
        self.output_dir.mkdir(parents=True, exist_ok=True)
        with open(self.output_dir / ".consultaid-tests.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            before = self.printed()
            yield lambda: self.printed_since(before)

    def set_reasons(self, *reasons: str) -> None:
        """Make the queue report ``reasons`` (printer-state-reasons), as a real printer's
        backend does when it runs out of paper; none given clears them."""
        subprocess.run(["lpadmin", "-p", self.queue, "-o",
                        f"printer-state-reasons={','.join(reasons) or 'none'}"],
                       env={**os.environ, "CUPS_SERVER": str(self.socket)}, check=True,
                       capture_output=True, timeout=30)

    def printed_since(self, before: dict[Path, int], timeout: float = 20.0) -> Path:
        """The PDF cups-pdf wrote for a job submitted after ``before`` was taken (a job of the
        same title replaces the earlier file, so a changed file counts too)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = [p for p, t in self.printed().items() if before.get(p) != t]
            if new:
                path = new[0]
                # cups-pdf creates the file first and fills it when its converter is done (which,
                # on a loaded machine, can leave it empty for a while): wait for a whole PDF.
                while time.monotonic() < deadline and not _complete_pdf(path):
                    time.sleep(0.2)
                return path
            time.sleep(0.1)
        log = (self.root / "log" / "error_log")
        tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
        raise AssertionError(f"nothing was printed within {timeout:.0f} s; CUPS log:\n{tail}")

    def printed(self) -> dict[Path, int]:
        """The PDFs cups-pdf has written so far, with their modification times."""
        if not self.output_dir.is_dir():
            return {}
        return {p: p.stat().st_mtime_ns for p in self.output_dir.glob("*.pdf")}


def _need(tool: str, package: str) -> str:
    found = shutil.which(tool) or (f"/usr/sbin/{tool}" if Path(f"/usr/sbin/{tool}").exists()
                                   else None)
    if not found:
        raise ServerUnavailable(f"{tool} is missing; `python3 dev.py test` installs it on "
                                f"Debian/Ubuntu (package {package}).")
    return found


def start() -> CupsServer:
    """Start the private scheduler and its cups-pdf queue; raise ServerUnavailable with why."""
    cupsd = _need("cupsd", "cups")
    lpadmin = _need("lpadmin", "cups-client")
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        raise ServerUnavailable("The cups-pdf printer driver is missing; `python3 dev.py test` "
                                "installs it (package printer-driver-cups-pdf).")
    if os.geteuid() != 0:
        raise ServerUnavailable("The cups-pdf queue prints only under a scheduler started as "
                                "root; run the tests as root (as CI does).")
    root = Path(tempfile.mkdtemp(prefix="consultaid-cups-"))
    for sub in ("spool", "cache", "state", "log", "ppd", "tmp"):
        (root / sub).mkdir()
    (root / "tmp").chmod(0o1777)
    sock = root / "cups.sock"
    (root / "cupsd.conf").write_text(f"""Listen {sock}
LogLevel warn
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""")
    (root / "cups-files.conf").write_text(f"""ServerRoot {root}
StateDir {root}/state
CacheDir {root}/cache
RequestRoot {root}/spool
TempDir {root}/tmp
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
SystemGroup root
""")
    with open(root / "log" / "cupsd.out", "wb") as out:
        process = subprocess.Popen([cupsd, "-f", "-c", str(root / "cupsd.conf"),
                                    "-s", str(root / "cups-files.conf")],
                                   stdout=out, stderr=subprocess.STDOUT)
    env = {**os.environ, "CUPS_SERVER": str(sock)}
    deadline = time.monotonic() + 20
    while not sock.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            err = (root / "log" / "cupsd.out").read_text(errors="replace")
            raise ServerUnavailable(f"cupsd did not start: {err.strip()[-500:]}")
        time.sleep(0.05)
    added = subprocess.run([lpadmin, "-p", QUEUE, "-v", "cups-pdf:/", "-m", PPD, "-E"],
                           capture_output=True, text=True, env=env, check=False, timeout=60)
    if added.returncode != 0:
        stop(CupsServer(root, sock, process))
        raise ServerUnavailable(f"The CUPS-PDF queue could not be added: {added.stderr.strip()}")
    return CupsServer(root, sock, process)


def stop(server: CupsServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        server.process.kill()
    shutil.rmtree(server.root, ignore_errors=True)


def _complete_pdf(path: Path) -> bool:
    """``path`` holds a whole PDF: it starts with the header and ends with ``%%EOF``."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
