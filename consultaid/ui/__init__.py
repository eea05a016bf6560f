"""PySide6 widgets: they show and collect; the rules they follow live elsewhere.

Where to look, for a newcomer:

* ``main_window.py`` builds the parts and wires them (no decisions, no storage); the app's
  composition root (``consultaid.app.App``) builds the window.
* ``state.py`` the consultation on screen and its record's status; it works out the
  ``consultaid.session.overview.Overview`` (verdict, items that apply, uncovered points, step
  states, handout given) once per change, and every page reads that one value.
* ``wizard/`` the consultation's steps: ``wizard_view.py`` (the step list, the pages,
  Back/Next; step states come from the Overview, the rules are ``consultaid.session.steps``),
  ``step_model.py`` (the step list's model and delegate), one ``*_page.py`` per step (patient,
  screening with its verdict banner and ``answer_fields.py``, condition, expectations,
  follow-up, handout) and their parts (teach-back rows, the acknowledgement pad and panel).
* ``records/`` everything that talks to the records: ``records_ops.py`` runs every records
  call, one at a time, off the UI thread (``ops.run(call, success, failure)``; ``ops.wait``
  where a step must know before it goes on), saying "Reconnecting…" while the records layer
  tries a call again; ``records_sync.py`` autosave (``draft_saver.py``), amendments, the
  handout as given, crash recovery (``kept_here.py``); ``acknowledgement_sync.py``,
  ``review_control.py`` (the second physician's review), ``health_record_export.py`` (FHIR);
  ``records_page.py`` and ``records_model.py`` the records view (``handout_viewer.py`` shows a
  handout as given). Where a save goes is
  ``consultaid.session.saving.save_target``.
* ``access/`` who is at the screen: ``access_model.py`` (who is signed in, the records and
  their runner, the lock), ``access_controller.py`` (records attached, sign-in/out,
  lock/unlock, idle lock; it sees the window only through ``access_window.AccessWindow``),
  ``access_page.py``, the accounts dialogs.
* ``actions.py`` every menu action and shortcut, enabled from ``consultaid.session.access``.
* ``documents.py`` JSON files (New/Open/Save/Import/Export, recent files).
* ``messages.py`` the message bar and every question asked; ``style.py`` the few colours.
* Safety nets used by every page: ``wheel_guard.py`` (the wheel never changes an answer),
  ``date_field.py``, ``refresh_guard.py`` (a page that cannot show a record says so),
  ``plain_text.py``, ``live_text.py`` (screen readers hear messages), ``text_limit.py``.
* Long work off the UI thread: ``records/records_ops.py`` (records), ``worker.py`` (preview),
  ``print_job.py`` (printing).
* The ui catches consultaid's own errors only and asks the records through
  ``RecordsService`` (``health()`` for read-only, ``all_accounts()``, ``review_candidates()``
  and the like), never their storage or a job module: of ``consultaid.records`` it imports the
  service, ``users``, ``errors`` and ``pending`` only. No module but ``consultaid.app`` imports
  the main window (both in ``tests/test_layers.py``).
"""

from __future__ import annotations
