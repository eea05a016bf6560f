"""Riding out a lost server connection (issue 30): a records call is tried again, whole.

With a primary and a standby, the workstation's URL names both hosts
(``target_session_attrs=read-write``). When the primary dies, the call in flight fails with
:class:`StoreUnavailable`; instead of handing that to the person, the call is run again from the
start — a new transaction on a new connection, which libpq makes to whichever host now takes
writes — for a bounded time (``[records] retry_seconds``, default 30). Each listener in
``RecordsService.reconnecting`` is told before a retry, so the window can say "Reconnecting to the
records server…" and carry on.

A retry must never write twice. A transaction that failed before its COMMIT reached the
server wrote nothing; one whose COMMIT was sent but not answered may have been written. So on a
second attempt (``service.retrying``; a first attempt keeps its usual refusals and audits, e.g.
a duplicate import is refused and a second print is a second handout) every write checks first
whether the change it is about to make is already there (the same record
text, the same handout bytes for the same version, the same acknowledgement, review, account or
imported record) and then returns what the first attempt would have returned. The audit entry,
the version and the record change are in one transaction, so a retry never forks the chain.
(Events that change no data — a view, a sign-in, a reprint — may be audited twice.)

SQLite files are local: a busy file is :class:`StoreBusy` (not retried here: the caller decides),
and a file does not fail over.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from consultaid.records.store import StoreBusy, StoreUnavailable

RETRY_SECONDS = 30.0
"""How long a call keeps trying after the server went away (``[records] retry_seconds``)."""

P = ParamSpec("P")
T = TypeVar("T")


def retried(method: Callable[P, T]) -> Callable[P, T]:
    """Run a ``RecordsService`` method again while the server is away, up to the store's
    ``retry_seconds``; then raise the last :class:`StoreUnavailable`. A call made inside
    another such call (``record_handout`` completing the draft first) does not retry on its
    own: the outer call is run again whole, under one deadline."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        service: Any = args[0]
        if service.in_retry:
            return method(*args, **kwargs)
        deadline: float | None = None
        pause = 0.2
        service.retrying = False
        while True:
            service.in_retry = True
            try:
                return method(*args, **kwargs)
            except StoreUnavailable as exc:
                seconds = float(getattr(service.store, "retry_seconds", 0.0))
                now = time.monotonic()
                deadline = now + seconds if deadline is None else deadline
                if isinstance(exc, StoreBusy) or now >= deadline:
                    raise
            finally:
                service.in_retry = False
            for listener in list(service.reconnecting):
                listener()
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, 2.0)
            service.retrying = True

    return run
