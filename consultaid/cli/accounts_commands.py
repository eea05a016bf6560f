"""``consultaid accounts ...``: list the accounts; reset a forgotten PIN.

``reset-pin`` is the way back in when the only physician has forgotten their PIN (or no
physician can be reached): whoever can read and write the records (the data folder and the
installation key on a single machine; the server's account for a shared database) gives the
account a new PIN. It is audited under the operating-system account that ran it, taken from the
process's user ID (``$USER`` can be set to anything), and the account's owner must choose their
own PIN at the next sign-in.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import unicodedata
from typing import Any

from consultaid.domain.errors import ConsultaidError
from consultaid.records.accounts import Accounts
from consultaid.records.location import open_store, records_location
from consultaid.records.service import RecordsService, SystemActor
from consultaid.records.store import StoreError, database_path
from consultaid.session.access import role_label


def register(sub: Any) -> None:
    accounts = sub.add_parser("accounts", help="accounts: list them; reset a forgotten PIN",
                              description="The accounts that sign in to the records.")
    asub = accounts.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    p = asub.add_parser("list", help="every account: name, role, active, last sign-in")
    p.set_defaults(func=cmd_list)
    p = asub.add_parser(
        "reset-pin", help="give an account a new PIN (for a forgotten PIN; audited)",
        description="Give NAME a new PIN, read twice from the terminal without echo (or two "
        "lines on standard input). Audited under your operating-system account; NAME must "
        "choose their own PIN at the next sign-in.")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_reset_pin)


def os_user() -> str:
    """The operating-system account running this process, from its user ID (not $USER)."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError):  # Windows has no pwd; a uid without a name
        uid = getattr(os, "getuid", None)
        return f"uid {uid()}" if uid else os.environ.get("USERNAME", "unknown")


def _shown(text: str) -> str:
    """A name for the terminal: control characters shown as '?'."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def _open() -> RecordsService:
    path = database_path()
    if not records_location().is_server and (not path.is_file() or path.stat().st_size == 0):
        raise StoreError(f"there is no records database at {path} (missing or empty); set "
                         "CONSULTAID_DB or run this as the account that uses consultaid")
    return RecordsService(open_store())


def cmd_list(args: argparse.Namespace) -> int:
    service = _open()
    try:
        found = Accounts(service).list()
    finally:
        service.store.close()
    for account in found:
        state = "active" if account.active else "inactive"
        seen = (account.last_sign_in or "never")[:16].replace("T", " ")
        print(_shown(f"{account.name:<30}  {role_label(account.role):<11}  {state:<8}  "
                     f"last sign-in {seen}"))
    print(f"({len(found)} account{'' if len(found) == 1 else 's'})", file=sys.stderr)
    return 0


def _read_pin(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise ConsultaidError("no new PIN was given on standard input (two lines expected); "
                              "nothing was changed")
    return line.rstrip("\r\n")


def cmd_reset_pin(args: argparse.Namespace) -> int:
    service = _open()
    try:
        accounts = Accounts(service)
        account = accounts.find(args.name)
        if not account.active:
            raise ConsultaidError(f"the account {_shown(account.name)} is not active; "
                                  "nothing was changed")
        first = _read_pin(f"New PIN for {_shown(account.name)} (6 to 64 characters): ")
        second = _read_pin("The same PIN again: ")
        if first != second:
            raise ConsultaidError("the two PINs are not the same; nothing was changed")
        actor = SystemActor(os_user())
        accounts.reset_pin(actor, account.id, first)
    finally:
        service.store.close()
    print(f"The PIN of {_shown(account.name)} was reset (audited as {_shown(actor.actor)}). "
          "They sign in with it once and then choose their own.")
    return 0
