"""What a records store can fail with, apart from the stores themselves.

The ui and the CLI catch these (a server away, a busy file) without importing a store or its
database driver: this module imports nothing but consultaid's own base error.
"""

from __future__ import annotations

from consultaid.domain.errors import ConsultaidError


class StoreError(ConsultaidError):
    """The store cannot do what was asked; the message says what to do next."""


class StoreCorrupted(StoreError):
    """The database failed its integrity check; it is open read-only."""


class StoreUnavailable(StoreError):
    """The records server cannot be reached (network, server stopped); nothing was written."""


class StoreBusy(StoreUnavailable):
    """Another program or workstation held the records' write lock longer than we wait."""
