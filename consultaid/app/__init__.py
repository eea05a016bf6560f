"""Composition root: loads settings and content, injects the handout builder, opens the window.

``python main.py`` opens the app; ``--measure-startup`` and ``--self-test`` are diagnostics
(see :mod:`consultaid.app.diagnostics`). Start-up imports only what the first window needs;
the PDF builder (and reportlab) is imported on the first handout build, in a worker thread.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from consultaid.content.pack import ContentPack
    from consultaid.domain.consultation import Consultation
    from consultaid.records.service import RecordsService
    from consultaid.settings import ClinicSettings
    from consultaid.ui.main_window import MainWindow
    from consultaid.ui.worker import LatestOnlyRunner


def build_pdf(consultation: Consultation, pack: ContentPack,
              settings: ClinicSettings) -> tuple[bytes, list[str]]:
    """The handout PDF, in the patient's language, and what to tell the user; reportlab is
    imported on first use only."""
    from consultaid.handout import build_handout_with_warnings
    from consultaid.services import handout_content

    pack, consultation, notes = handout_content(consultation, pack)
    pdf, warnings = build_handout_with_warnings(consultation, pack, settings)
    return pdf, [*notes, *warnings]


def describe_crash(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The exception's type and where it happened, never its message (it may hold patient
    data, e.g. a name in a ValueError)."""
    frames = traceback.extract_tb(tb)
    lines = [f"consultaid: unexpected {exc_type.__module__}.{exc_type.__qualname__}"]
    lines.extend(f"  at {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)
    return "\n".join(lines)


def install_excepthook(window_getter: Callable[[], QWidget | None]) -> None:
    """Unexpected errors: log type and location to stderr, tell the user calmly, keep running."""
    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        print(describe_crash(exc_type, tb), file=sys.stderr)
        if issubclass(exc_type, KeyboardInterrupt):
            return
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        parent = window_getter()
        QMessageBox.warning(
            parent, QCoreApplication.translate("App", "Something went wrong"),
            QCoreApplication.translate(
                "App", "consultaid ran into a problem it did not expect. Your consultation is "
                "still open. Save it (File > Save) to be safe; if something looks wrong "
                "afterwards, restart consultaid. The problem's type and place were written to "
                "the log for the clinic's IT person."))

    sys.excepthook = hook


_DIAGNOSTICS = ("--measure-startup", "--self-test")


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    arguments = list(argv)
    if all(argument in _DIAGNOSTICS for argument in arguments):
        # The usual starts (nothing, or a diagnostic): what argparse would say, without
        # building its parser (its messages load the locale module, ~3 ms before the paint).
        return argparse.Namespace(measure_startup="--measure-startup" in arguments,
                                  self_test="--self-test" in arguments, lang=None, record=None)
    return _parser().parse_known_args(arguments)[0]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="consultaid-app", description="The consultaid app.")
    parser.add_argument("--measure-startup", action="store_true",
                        help="open the window, print startup_ms=<n> after its first paint, exit")
    parser.add_argument("--self-test", action="store_true",
                        help="walk the example consultation through every step and exit")
    parser.add_argument("--lang", metavar="CODE",
                        help="the app's own language for this run (e.g. es), whatever "
                             "[app] language in the settings says")
    parser.add_argument("record", nargs="?", help="a consultation record (JSON) to open")
    return parser


APP_BUSY_WAIT = 0.5
WARM_UP_MS = 1000
"""How long after the records answered the handout builder is warmed up (see HandoutPage)."""


def open_records() -> RecordsService:
    """Open the records database (the integrity check can take a while: run off the UI thread)."""
    from consultaid.records.location import open_store
    from consultaid.records.service import RecordsService

    # A write waits at most half a second for another writer: the window never freezes on a
    # busy database; the autosave keeps the draft on this computer and tries again (issue 12.6).
    return RecordsService(open_store(busy_wait=APP_BUSY_WAIT))


def _clinic_content(warnings: list[str] | None = None
                    ) -> tuple[ContentPack, ClinicSettings, list[str], list[str]]:
    """The clinic's settings and content pack, what to tell the user, the languages on offer."""
    from PySide6.QtCore import QCoreApplication

    from consultaid.content.loader import available_languages
    from consultaid.services import content_for, load_clinic_content
    from consultaid.settings import ClinicSettings, SettingsError, load_settings
    from consultaid.ui.translation import current_language

    notes = list(warnings or [])
    try:
        settings = load_settings()
        confirm_language(settings.app_language)
    except SettingsError as exc:
        settings = ClinicSettings()
        confirm_language(settings.app_language)
        notes.append(QCoreApplication.translate(
            "App", "The clinic settings could not be used, so defaults apply: {problem}"
        ).format(problem=exc))
    # The physician's screens speak the app's language when a pack has it (the handout's
    # language is the patient's, chosen on the Patient step).
    language = current_language()
    content = content_for(language) if language in available_languages() else \
        load_clinic_content(settings.default_language or "en")
    notes.extend(content.warnings)
    return content.pack, settings, notes, available_languages() or [content.pack.language]


def create_window(warnings: list[str] | None = None,
                  sign_in_required: bool = False) -> MainWindow:
    """Load settings and content and build the whole main window (a QApplication must exist).

    ``sign_in_required``: the window starts on the access page until the records are attached.
    """
    from consultaid.settings import settings_path
    from consultaid.ui.main_window import MainWindow

    pack, settings, notes, languages = _clinic_content(warnings)
    return MainWindow(pack, settings, build_pdf=build_pdf, warnings=notes, languages=languages,
                      settings_file=settings_path(), sign_in_required=sign_in_required)


def open_shell() -> MainWindow:
    """The window's shell only (the access page: "Opening the records…"): it paints at once;
    :func:`finish_window` builds the rest once it has painted."""
    from consultaid.ui.main_window import MainWindow

    return MainWindow(None, sign_in_required=True)


def finish_window(window: MainWindow) -> None:
    """Load the content into a shell from :func:`open_shell` (raises ContentError)."""
    from consultaid.settings import settings_path

    pack, settings, notes, languages = _clinic_content()
    window.retranslate_shell()  # (in case the settings, read in full, changed the language)
    window.settings_file = settings_path()
    window.finish(pack, settings, build_pdf=build_pdf, warnings=notes, languages=languages,
                  pages_later=True)


def start_records(window: MainWindow) -> LatestOnlyRunner:
    """Open the records in the thread pool; the window asks who is there once it is ready."""
    from PySide6.QtCore import QCoreApplication

    from consultaid.ui.worker import LatestOnlyRunner

    runner = LatestOnlyRunner(window)
    runner.succeeded.connect(window.attach_records)
    runner.failed.connect(lambda message: window.records_unavailable(
        QCoreApplication.translate("App", "The records database could not be opened: "
                                   "{message}.").format(message=message)))
    runner.submit(open_records)
    return runner


def after_first_paint(window: MainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once, soon after ``window`` first paints (or after 1 s at the latest)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                fire()
            return False

    watch = _Watch(window)
    done: list[bool] = []

    def fire() -> None:
        if done:
            return
        done.append(True)
        window.removeEventFilter(watch)
        QTimer.singleShot(0, then)

    window.installEventFilter(watch)
    QTimer.singleShot(1000, fire)


def settings_file() -> Path:
    """Where the clinic settings are: :func:`consultaid.settings.settings_path`, worked out
    here without loading the settings module (see :func:`app_language_setting`)."""
    override = os.environ.get("CONSULTAID_SETTINGS")
    if override:
        return Path(override)
    from consultaid.paths import config_dir

    return config_dir() / "settings.toml"


def app_language_setting() -> str:
    """``[app] language`` as the clinic settings file says it, read quickly before the first
    paint ("system" when there is no file or it cannot be read).

    With no settings file (until someone saves Settings) the defaults apply, whose language
    is "system". A file is only parsed here, not checked: the settings module (about 10 ms)
    loads after the first paint, with the content, and :func:`confirm_language` then puts
    right the rare file that is readable but unusable (its defaults apply, language "system")
    before any page is built."""
    path = settings_file()
    try:
        os.stat(path)
    except FileNotFoundError:
        return "system"  # what load_settings() gives for a missing file (ClinicSettings())
    from consultaid.fileio import TEXT_FILE_LIMIT, FileRefused, read_limited

    try:
        text = read_limited(path, TEXT_FILE_LIMIT).decode("utf-8")
    except (OSError, FileRefused, UnicodeDecodeError):
        return "system"
    found = _app_language_line(text)
    if found is not None:
        return found
    import tomllib  # (about 6 ms: only for a file the plain reading above cannot read)

    try:
        table = tomllib.loads(text).get("app")
    except tomllib.TOMLDecodeError:
        return "system"
    value = table.get("language", "system") if isinstance(table, dict) else "system"
    return value if isinstance(value, str) else "system"


def _app_language_line(text: str) -> str | None:
    """``[app] language`` from a settings file as consultaid writes it (tables, then
    ``key = value`` lines): the code; "system" when the file does not set it; None for
    anything else (multi-line strings, dotted or quoted keys, inline tables, arrays of
    tables: then TOML is parsed)."""
    if '"""' in text or "'''" in text or "[[" in text:
        return None
    table = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            name, closed, rest = line[1:].partition("]")
            if (not closed or (rest.strip() and not rest.strip().startswith("#"))
                    or any(c in name for c in "\"'.")):
                return None
            table = name.strip()
            continue
        key, equals, value = line.partition("=")
        if (not equals or "." in key or key.strip().startswith(("\"", "'"))
                or value.lstrip().startswith("{")):
            return None  # (a dotted key, a quoted key or an inline table: TOML decides)
        if table == "app" and key.strip() == "language":
            value = value.strip()
            if value[:1] not in ("\"", "'"):
                return None
            quote = value[0]
            code, closed, rest = value[1:].partition(quote)
            if not closed or "\\" in code or (rest.strip() and not rest.strip().startswith("#")):
                return None
            return code
    return "system"


_language_setting: list[str] = []
"""The ``[app] language`` :func:`start_language` went by (none when ``--lang`` chose)."""


def confirm_language(setting: str) -> bool:
    """The settings as read in full (``setting``: their ``[app] language``, "system" when they
    could not be used) after the quick read before the first paint: when they say otherwise,
    the app's language is set again, before any page is built. True if it was."""
    if not _language_setting or _language_setting[0] == setting:
        return False
    _language_setting[0] = setting
    from consultaid.ui.translation import current_language, install_translators, resolve_language

    language = resolve_language(setting)
    if language == current_language():
        return False
    for missing in install_translators(language):
        print(f"consultaid: translation not found: {missing}", file=sys.stderr)
    return True


def start_language(requested: str | None = None) -> str:
    """Install the translations for ``requested`` (``--lang``) or else ``[app] language`` (the
    computer's language by default); a settings file that cannot be read means the default
    (the window says why, later). A language the app has no translation for is English."""
    from consultaid.ui.translation import install_translators, resolve_language, ui_languages

    if requested:
        setting = requested.strip().lower()
        if setting not in ui_languages():
            print(f"consultaid: no translation for the language {requested!r}; the app "
                  f"speaks one of: {', '.join(ui_languages())} (English meanwhile)",
                  file=sys.stderr)
    else:
        setting = app_language_setting()
    _language_setting[:] = [] if requested else [setting]
    language = resolve_language(setting)
    for missing in install_translators(language):
        print(f"consultaid: translation not found: {missing}", file=sys.stderr)
    return language


def make_settings_private() -> None:
    """The app's own settings file (recent files: their paths may name patients) is 0600.

    Qt keeps a file's permissions when it rewrites it, so setting them once is enough.
    """
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.sync()  # creates the file if it is not there yet
    path = Path(settings.fileName())
    if os.name == "posix" and path.is_file():
        with contextlib.suppress(OSError):
            path.chmod(0o600)


def isolate_for_self_test() -> Path:
    """The self-test never touches the clinic's records or QSettings: temporary ones instead."""
    from PySide6.QtCore import QSettings

    folder = Path(tempfile.mkdtemp(prefix="consultaid-self-test-db-"))
    os.environ["CONSULTAID_DB"] = str(folder / "self-test.sqlite3")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(folder / "qsettings"))
    return folder


class App:
    """The running desktop app, built in order (qutebrowser's ``app.init``, Anki's profile load
    then ``moveToState``): the window's shell paints first; then the content loads and the pages
    are built; then the records open in a worker, and the window asks who is there. Their
    imports and the database's start-up check never compete with the first paint."""

    def __init__(self, qapp: QApplication, args: argparse.Namespace, started: float) -> None:
        self.qapp = qapp
        self.args = args
        self.started = started
        self.window: MainWindow | None = None
        self.records_opener: LatestOnlyRunner | None = None
        """Opens the records off the UI thread (once the pages are built)."""
        self.failed = ""
        """Why the bundled content could not be loaded ("" if it was)."""

    def run(self, scratch: Path | None) -> int:
        if scratch is not None:
            return self._self_test()
        self.window = open_shell()
        if self.args.record:
            self.window.pending_record = Path(self.args.record)
        after_first_paint(self.window, self._finish)
        if self.args.measure_startup:
            return self._measure_startup(self.window)
        self.window.show()
        return int(self.qapp.exec())

    def _self_test(self) -> int:
        from consultaid.app import diagnostics
        from consultaid.content.problems import ContentError

        try:
            self.window = create_window()
        except ContentError as exc:
            print(f"self-test failed: the bundled content could not be loaded: {exc}")
            return 1
        return diagnostics.self_test(self.qapp, self.window)

    def _finish(self) -> None:
        """(after the first paint) The pages for the clinic's content, then the records."""
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtWidgets import QMessageBox

        from consultaid.content.problems import ContentError

        window = self.window
        assert window is not None
        try:
            finish_window(window)
        except ContentError as exc:
            self.failed = str(exc)
            if not self.args.measure_startup:
                QMessageBox.critical(
                    window, QCoreApplication.translate("App", "consultaid cannot start"),
                    QCoreApplication.translate("App", "The bundled content could not be "
                                               "loaded.\n\n{problem}").format(problem=exc))
            self.qapp.exit(1)
            return
        self.records_opener = start_records(window)
        # The steps between the first and the last, one per idle moment once the records have
        # answered (so that the sign-in page is ready first), while the physician signs in; a
        # step shown before its turn is built at once.
        self.records_opener.succeeded.connect(lambda _answer: window.build_pages())
        self.records_opener.failed.connect(lambda _answer: window.build_pages())
        # While the physician signs in (once the records have answered, so as not to slow their
        # start-up check): load the PDF library and its fonts off the UI thread, so that the
        # first handout preview shows within 300 ms of its step (issue 29).
        page = window.handout_page

        def warm_up(_answer: object) -> None:
            QTimer.singleShot(WARM_UP_MS, page, page.warm_up)

        self.records_opener.succeeded.connect(warm_up)
        self.records_opener.failed.connect(warm_up)

    def _measure_startup(self, window: MainWindow) -> int:
        from consultaid.app.startup_probe import measure_startup

        code = measure_startup(self.qapp, window, self.started)
        if self.records_opener is not None:
            self.records_opener.wait(30000)
        if self.failed:
            print(f"the bundled content could not be loaded: {self.failed}")
            return 1
        return code


def main(argv: Sequence[str] | None = None, started: float | None = None) -> int:
    """Open the desktop app; returns the process exit code."""
    started = time.perf_counter() if started is None else started
    from PySide6.QtWidgets import QApplication

    from consultaid.app import import_scan

    import_scan.install()  # (before the rest is imported: see the module)
    from consultaid import __version__

    all_args = list(sys.argv if argv is None else argv)
    args = _parse(all_args[1:])
    qapp = QApplication.instance() or QApplication(all_args)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("consultaid")
    qapp.setApplicationVersion(__version__)
    qapp.setOrganizationName("consultaid")
    start_language(args.lang)
    app = App(qapp, args, started)
    install_excepthook(lambda: app.window)
    scratch = isolate_for_self_test() if args.self_test else None
    make_settings_private()
    try:
        return app.run(scratch)
    finally:
        if scratch is not None:  # the self-test leaves nothing behind (issue 12)
            app.window = None
            os.environ.pop("CONSULTAID_DB", None)
            shutil.rmtree(scratch, ignore_errors=True)
