"""Local user accounts: a name, a role and a PIN stored only as a salted, peppered scrypt hash.

A PIN (or passphrase) is first keyed with the installation's PIN pepper (HMAC-SHA-256 under a
key derived from ``installation.key``, which is kept outside the database), then hashed with
scrypt. Whoever copies the database file alone therefore cannot test guesses offline: each
guess needs the pepper too. Hashes written before the pepper (scheme 1, release 0.1.0: scrypt of
the PIN alone) keep working and are rewritten under the pepper at the next good sign-in.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass, field

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.domain.vocabulary import Role as _Role
from consultaid.paths import config_dir
from consultaid.records import installation_key

Role = _Role
"""(The enum: a member is the string the records store.)"""
ROLES: tuple[str, ...] = ("physician", "front_desk")

# scrypt cost: about 50 ms per check on a modest machine, 16 MiB of memory.
_N, _R, _P = 2**14, 8, 1

MIN_PIN = 6
MAX_PIN = 64
"""New PINs: 6 to 64 characters, any characters (digits, words, a passphrase). Older PINs of 4
or 5 digits still sign in, and their owner is asked to choose a longer one."""

SCHEME_PLAIN = 1
"""scrypt(PIN) — release 0.1.0; upgraded at the next good sign-in."""
SCHEME_PEPPERED = 2
"""scrypt(HMAC-SHA-256(pepper, PIN)) — the pepper lives outside the database."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    pin_change_due: bool = field(default=False, compare=False)
    """The PIN was reset by someone else, or is shorter than new PINs may be: ask for a new
    one now (not part of who the user is, so not compared)."""

    @property
    def actor(self) -> str:
        return f"user:{self.id}"


def pin_problem(pin: str) -> str | None:
    """What is wrong with ``pin`` as a *new* PIN, or None."""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in pin):
        return QT_TRANSLATE_NOOP("Records", "The PIN must not contain control characters.")
    if not pin.strip() or not MIN_PIN <= len(pin) <= MAX_PIN:
        return QT_TRANSLATE_NOOP("Records", "The PIN must be {low} to {high} characters long."
                                 ).format(low=MIN_PIN, high=MAX_PIN)
    return None


def is_short(pin: str) -> bool:
    """A PIN that signed in but would not be accepted as a new one (ask to change it)."""
    return pin_problem(pin) is not None


def _pepper() -> bytes:
    return installation_key.pin_pepper(config_dir())


def _material(pin: str, scheme: int, pepper: bytes | None) -> bytes:
    text = unicodedata.normalize("NFC", pin).encode("utf-8")
    if scheme == SCHEME_PLAIN:
        return pin.encode()
    return hmac.new(pepper if pepper is not None else _pepper(), text, hashlib.sha256).digest()


def hash_pin(pin: str, salt: bytes | None = None, *, scheme: int = SCHEME_PEPPERED,
             pepper: bytes | None = None) -> tuple[bytes, bytes]:
    """(salt, hash) of ``pin`` under ``scheme`` (new hashes: always peppered)."""
    salt = salt or os.urandom(16)
    return salt, hashlib.scrypt(_material(pin, scheme, pepper), salt=salt, n=_N, r=_R, p=_P,
                                dklen=32)


def pin_matches(pin: str, salt: bytes, expected: bytes, scheme: int | None = None) -> bool:
    """Whether ``pin`` gives ``expected``. ``scheme`` None: either scheme (callers that do not
    read the stored scheme; a wrong PIN then costs two hashes)."""
    schemes = (scheme,) if scheme is not None else (SCHEME_PEPPERED, SCHEME_PLAIN)
    found = False
    for one in schemes:
        found |= hmac.compare_digest(hash_pin(pin, bytes(salt), scheme=one)[1], bytes(expected))
    return found


def dummy_check(pin: str) -> None:
    """The same work as checking a real account's PIN, for a name that has none: an unknown
    name then takes about as long to refuse as a wrong PIN."""
    stored = os.urandom(32)
    hmac.compare_digest(hash_pin(pin, os.urandom(16))[1], stored)


def name_tag(name: str) -> str:
    """A keyed tag for a name that has no (active) account: failures under it are counted like
    an account's, without the name itself being stored."""
    folded = unicodedata.normalize("NFC", name.strip()).casefold().encode("utf-8")
    return "name:" + hmac.new(_pepper(), b"name|" + folded, hashlib.sha256).hexdigest()[:24]
