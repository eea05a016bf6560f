"""records (see DESIGN.md): the store of consultations, its audit log, accounts and reviews.

Callers use one door, :class:`consultaid.records.service.RecordsService`; behind it each module
does one job. Job modules (each takes the service as ``base.Backend``): ``accounts``,
``consultations``, ``finding``, ``handouts``, ``reviews``, ``exchange``, ``checking``,
``events``. Storage: ``base.RecordsStore`` (the written Protocol), ``store`` (SQLite),
``pg_store`` (PostgreSQL), ``schema``, ``location``, ``migrate``. Trust: ``audit``, ``verify``,
``account_seal``, ``anchor``, ``hold``, ``installation_key``, ``server_rules``/``server_calls``.
"""

from __future__ import annotations
