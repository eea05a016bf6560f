"""The ui of the records: the records view, and the controllers that take every records
call off the UI thread (the runner, autosave and amendments, the handout as given, the
acknowledgement, the second physician's review, the export for the health record)."""
