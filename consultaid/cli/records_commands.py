"""``consultaid records ...``: list, search, show, import, export, backup, verify, migrate, grant.

Who acts (issue 12.8): with ``--as NAME`` the command signs in as that account (its PIN is read
from the terminal without echo, or as one line on stdin when there is no terminal; wrong PINs
count toward the account's lockout) and may do what the account may do in the app. Without it
the command acts as the computer's administrator — whoever can open the records database or
reach the server with its credentials — named in the audit log as ``cli:<OS user>``, the OS user
taken from the process's user ID (not ``$USER``, which anyone can set). Every command that reads
or changes patient data (list, search, show, export, backup, import) is audited.
Messages on stderr name files, IDs and fields, never patient data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consultaid.cli.io import read_input_bytes
from consultaid.domain.consultation import consultation_to_json
from consultaid.domain.errors import ConsultaidError, RecordError
from consultaid.fileio import atomic_write_text
from consultaid.records import server_calls
from consultaid.records.location import URL_VARIABLE, open_store, records_location
from consultaid.records.schema import TIMEOUTS
from consultaid.records.service import (
    STATUSES,
    Actor,
    PermissionDenied,
    RecordsService,
    RecordSummary,
    SearchQuery,
    SystemActor,
)
from consultaid.records.store import Store, StoreError, database_path

if TYPE_CHECKING:
    from consultaid.records.pg_store import PgStore


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(sub: Any) -> None:
    records = sub.add_parser("records", help="stored consultations: list, search, import, ...",
                             description=f"Work with the records database "
                             f"(default {database_path()}; CONSULTAID_DB points elsewhere; "
                             f"{URL_VARIABLE} or [records] url in settings.toml names a "
                             "PostgreSQL server instead).")
    records.add_argument("--as", dest="account", metavar="NAME",
                         help="act as this consultaid account (asks for its PIN); without it "
                         "the command acts as the computer's administrator (audited)")
    rsub = records.add_subparsers(dest="records_command", metavar="ACTION", required=True)

    p = rsub.add_parser("list", help="the most recent consultations")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--status", choices=STATUSES)
    p.set_defaults(func=cmd_list)

    p = rsub.add_parser("search", help="find consultations by name, patient ID, date, ...")
    p.add_argument("text", nargs="?", default="", help="part of the name or patient ID")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    p.add_argument("--condition", default="")
    p.add_argument("--status", choices=STATUSES, default="")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=cmd_search)

    p = rsub.add_parser("show", help="one consultation as JSON, with its versions and handouts")
    p.add_argument("id")
    p.set_defaults(func=cmd_show)

    p = rsub.add_parser("import", help="import consultation JSON files (one transaction each)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_import)

    p = rsub.add_parser("export", help="write one consultation as JSON, or as a FHIR R4 "
                        "document with its handouts as given")
    p.add_argument("id")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    p.add_argument("--format", choices=("json", "fhir"), default="json",
                   help="json: consultaid's own record (default); fhir: a FHIR R4 Bundle for "
                   "a health record system")
    p.set_defaults(func=cmd_export)

    p = rsub.add_parser("backup", help="a consistent copy of the live database (on PostgreSQL: "
                        "pg_dump --format=custom; restore with pg_restore)")
    p.add_argument("path", type=Path, metavar="PATH")
    p.set_defaults(func=cmd_backup)

    p = rsub.add_parser("verify", help="integrity check, the audit chain, every record, review "
                        "and account against it, and this computer's anchor")
    p.add_argument("--accept-restore", action="store_true",
                   help="after restoring a backup on purpose: if it verifies in every other "
                   "way, take it as the records from now on (audited)")
    p.set_defaults(func=cmd_verify)

    p = rsub.add_parser("migrate", help="copy a single-machine SQLite database to the "
                        "configured PostgreSQL server, and verify the copy")
    p.add_argument("sqlite_file", type=Path, metavar="SQLITE_FILE")
    p.set_defaults(func=cmd_migrate)

    p = rsub.add_parser("grant", help="let a database role (the workstations' account) use the "
                        "records: read and add, never change or delete audit entries")
    p.add_argument("role", metavar="ROLE")
    p.add_argument("--front-desk", action="store_true",
                   help="a front-desk workstation's login: read, print and reprint; it cannot "
                   "change records, reviews or accounts even with its own credentials")
    for name, default in TIMEOUTS.items():
        p.add_argument(f"--{name}-timeout", default=default, metavar="TIME",
                       help=f"the role's server-side {name} timeout (default {default}; "
                       "PostgreSQL units: 500ms, 30s, 2min)")
    p.set_defaults(func=cmd_grant)


def _actor() -> SystemActor:
    """The administrator path: named by the process's user ID (``$USER`` can be anything)."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    if uid is None:  # Windows: the signed-in Windows account
        return SystemActor(os.environ.get("USERNAME", "unknown"))
    try:
        import pwd

        return SystemActor(pwd.getpwuid(uid).pw_name)
    except (ImportError, KeyError):
        return SystemActor(f"uid-{uid}")


def _read_pin(name: str) -> str:
    """The account's PIN: from the terminal without echo, else one line of stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"PIN for {name}: ", stream=sys.stderr)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def _open(args: argparse.Namespace | None = None) -> tuple[Store | PgStore, RecordsService, Actor]:
    """The store, the service and who acts: the account named by ``--as`` once its PIN is
    right (wrong PINs count toward its lockout), else the administrator."""
    store = open_store()
    warn_plaintext(store)
    service = RecordsService(store)
    account = getattr(args, "account", None) if args is not None else None
    if not account:
        return store, service, _actor()
    try:
        return store, service, service.sign_in(account, _read_pin(account))
    except ConsultaidError:
        store.close()
        raise


def warn_plaintext(store: Store | PgStore) -> None:
    """Name a plaintext connection to another machine on stderr (settings allowed it)."""
    warning = getattr(store, "transport_warning", "")
    if warning:
        print(f"consultaid: warning: {warning}", file=sys.stderr)


def _shown(text: str) -> str:
    """Text for a terminal: control characters (escape sequences, bells...) shown as '?'."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def _print_rows(rows: list[RecordSummary], total: int) -> None:
    for r in rows:
        print(_shown(f"{r.visit_date}  {r.status:<13}  {r.patient_id:<14}  "
                     f"{r.patient_name:<28}  {r.condition_id:<18}  {r.id}"))
    print(f"({len(rows)} of {total})", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    store, service, actor = _open(args)
    query = SearchQuery(status=args.status or "")
    service.log(actor, "list")  # who saw the list of patients, and when
    _print_rows(service.search(query, limit=args.limit), service.count(query))
    store.close()
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    store, service, actor = _open(args)
    query = SearchQuery(args.text, args.date_from, args.date_to, args.condition, args.status)
    service.log(actor, "search")  # (what was searched for is a patient's name: not logged)
    _print_rows(service.search(query, limit=args.limit), service.count(query))
    store.close()
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    store, service, actor = _open(args)
    consultation, summary = service.get(actor, args.id)
    print(f"# {summary.id}: {summary.status}, version {summary.version}, "
          f"updated {summary.updated_at}")
    for version, status, saved_at, reason in service.versions(args.id):
        print(f"# version {version} ({status}) saved {saved_at}: {reason}")
    handout = service.latest_handout(args.id)
    if handout:
        print(f"# handout given {handout.created_at}, sha256 {handout.sha256}, "
              f"content pack {handout.pack_version}")
    sys.stdout.write(consultation_to_json(consultation))
    store.close()
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from consultaid.services import load_clinic_content

    pack = load_clinic_content("en").pack  # records are checked as the app would use them
    store, service, actor = _open(args)
    failed = 0
    for name in args.files:
        label = "stdin" if name == "-" else name
        try:
            cid = service.import_json(actor, read_input_bytes(name), label, pack)
        except RecordError as exc:
            failed += 1
            print(f"consultaid: {label}: {exc}; nothing was imported from it", file=sys.stderr)
        except ConsultaidError as exc:
            failed += 1
            print(f"consultaid: {exc}; nothing was imported from {label}", file=sys.stderr)
        else:
            print(f"imported {label} as {cid}")
    store.close()
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "fhir":
        return _export_fhir(args)
    store, service, actor = _open(args)
    text = service.export_json(actor, args.id)
    atomic_write_text(args.output, text, mode=0o600)  # it holds patient data
    store.close()
    print(f"exported {args.id} to {args.output}")
    return 0


def _export_fhir(args: argparse.Namespace) -> int:
    from consultaid.cli.fhir_commands import pack_for, write
    from consultaid.fhir.export import export_record
    from consultaid.settings import load_settings, patient_id_system

    settings, system = load_settings(), patient_id_system()
    store, service, actor = _open(args)
    try:
        made = export_record(service, actor, args.id, pack_for, settings, system)
    finally:
        store.close()
    write(args.output, made.text(), made.notes)
    print(f"exported {args.id} as FHIR to {args.output}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    store, service, actor = _open(args)
    if actor.role not in ("physician", "system"):
        store.close()
        raise PermissionDenied("A copy of every record is made by a physician or the "
                               "computer's administrator, not by a front-desk account.")
    store.backup_to(args.path)
    service.log(actor, "backup")  # who copied every record, and when
    store.close()
    print(f"backed up {store.location} to {args.path}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    path = database_path()
    if not records_location().is_server and (not path.is_file() or path.stat().st_size == 0):
        # Never create (or migrate) a database while checking one: a mistyped path or an empty
        # file is not "OK".
        print(f"FAIL {path}: there is no records database there (missing or empty)")
        return 1
    store = open_store(create=False)
    warn_plaintext(store)
    service = RecordsService(store)
    if args.accept_restore:
        service.accept_restore(_actor())
        print(f"accepted: {store.location} as restored is this computer's records from now on")
    problems = service.verify()
    entries = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    records = store.db.execute("SELECT count(*) FROM consultations").fetchone()[0]
    waiting = (server_calls.unenrolled(store.db) if not problems
               and server_calls.enforced(store.db) else [])
    store.close()
    if waiting:
        # Not a failure: each is enrolled at its next good PIN (docs/security.md says what
        # that leaves open until then).
        print(f"note: the records server holds no PIN of account{'' if len(waiting) == 1 else 's'}"
              f" {', '.join(str(w) for w in waiting)} yet; each is enrolled at its next sign-in "
              "(reset the PIN of, or deactivate, accounts nobody uses any more)")
    if problems:
        for problem in problems:
            print(f"FAIL {problem}")
        return 1
    print(f"OK   {store.location}: integrity check passed; {entries} audit "
          f"entr{'y' if entries == 1 else 'ies'} chained; {records} consultation"
          f"{'' if records == 1 else 's'} matching the audit log")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from consultaid.records.migrate import copy_store

    if not records_location().is_server:
        raise StoreError(f"no PostgreSQL server is configured: set {URL_VARIABLE} or "
                         "[records] url in settings.toml first")
    source_path = Path(args.sqlite_file)
    if not source_path.is_file() or source_path.stat().st_size == 0:
        raise StoreError(f"{source_path}: there is no records database there")
    source = Store(source_path)
    target = open_store()
    try:
        moved = copy_store(source, target, _actor())
    finally:
        source.close()
        target.close()
    counts = moved.counts
    print(f"moved {source_path} to {target.location}: {counts['consultations']} consultation"
          f"{'' if counts['consultations'] == 1 else 's'}, {counts['consultation_versions']} "
          f"kept versions, {counts['handouts']} handouts, {counts['users']} accounts, "
          f"{counts['audit']} audit entries; the copy matches and verifies")
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    store = open_store()
    if store.dialect != "postgresql":
        raise StoreError("grant is for a PostgreSQL server (set CONSULTAID_RECORDS_URL)")
    timeouts = {name: getattr(args, f"{name}_timeout") for name in TIMEOUTS}
    store.grant_app_role(args.role, front_desk=args.front_desk,  # type: ignore[union-attr]
                         timeouts=timeouts)
    store.close()
    if args.front_desk:
        print(f"role {args.role} may now read the records on {store.location} and add audit "
              "entries through the server's functions (front desk: no change to records, "
              "reviews or accounts)")
    else:
        print(f"role {args.role} may now use the records on {store.location} (accounts, "
              "reviews and audit entries only through the server's functions, which check the "
              "PIN and the roles; no UPDATE or DELETE on audit entries, versions or handouts)")
    return 0
