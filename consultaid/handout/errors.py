"""The handout's one error type, shown to the user as it is."""

from __future__ import annotations

from consultaid.domain.errors import ConsultaidError


class HandoutError(ConsultaidError):
    """The handout cannot be made; the message says why in words a user can act on."""
