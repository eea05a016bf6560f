"""Local user accounts: a name, a role and a PIN stored only as a salted scrypt hash."""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Literal

Role = Literal["physician", "front_desk"]
ROLES: tuple[str, ...] = ("physician", "front_desk")

# scrypt cost: about 50 ms per check on a modest machine, 16 MiB of memory.
_N, _R, _P = 2**14, 8, 1


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role

    @property
    def actor(self) -> str:
        return f"user:{self.id}"


def pin_problem(pin: str) -> str | None:
    if not pin.isdigit() or not pin.isascii():
        return "the PIN must be digits only"
    if not 4 <= len(pin) <= 12:
        return "the PIN must be 4 to 12 digits long"
    return None


def hash_pin(pin: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    salt = salt or os.urandom(16)
    return salt, hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)


def pin_matches(pin: str, salt: bytes, expected: bytes) -> bool:
    return hmac.compare_digest(hash_pin(pin, salt)[1], expected)
