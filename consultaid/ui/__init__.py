"""PySide6 widgets: they show and collect; the rules they follow live elsewhere.

Where to look, for a newcomer:

* ``main_window.py`` builds the parts and wires them (no decisions, no storage).
* ``state.py`` the consultation on screen and its record's status; it works out the
  ``consultaid.session.overview.Overview`` (verdict, items that apply, uncovered points, step
  states, handout given) once per change, and every page reads that one value.
* ``wizard_view.py`` the step list, the pages, Back/Next; step states come from the Overview
  (the rules: ``consultaid.session.steps``, one small rule per step).
* ``*_page.py`` one page each (patient, screening, condition, expectations, follow-up, handout,
  records, access); ``screening_page.py`` holds the verdict banner and answer fields.
* ``actions.py`` every menu action and shortcut, enabled from ``consultaid.session.access``.
* ``documents.py`` JSON files (New/Open/Save/Import/Export, recent files).
* ``access_model.py`` who is signed in, the records service and its runner, the lock;
  ``access_controller.py`` changes them: records attached, sign-in/out, lock/unlock, idle lock.
* ``records_ops.py`` every records call, one at a time, off the UI thread (``ops.run(call,
  success, failure)``), saying "Reconnecting…" while the records layer tries a call again;
  ``draft_saver.py`` (autosave) is one use of it.
* ``records_sync.py`` autosave, amendments, the handout as given, crash recovery; where a save
  goes is ``consultaid.session.saving.save_target``.
* ``messages.py`` the message bar and every question asked; ``style.py`` the style sheet.
* Safety nets used by every page: ``wheel_guard.py`` (the wheel never changes an answer),
  ``date_field.py``, ``refresh_guard.py`` (a page that cannot show a record says so),
  ``plain_text.py``, ``live_text.py`` (screen readers hear messages).
* Long work off the UI thread: ``records_ops.py`` (records), ``worker.py`` (preview),
  ``print_job.py`` (printing).
* The ui catches consultaid's own errors only and asks the records through
  ``RecordsService`` (``health()`` for read-only and the like), never their storage.
"""

from __future__ import annotations
