"""pack.toml ``[translation]``: a translated pack's translator, reviewer, dates and status.

The source pack (English) has no such table. Every other pack must have one, because a patient
reads it as a critical document: who translated it, from which source version, and whether a
qualified medical translator has reviewed it (status "reviewed", with the reviewer, their
qualification and the date) or not yet ("draft"). A draft's handouts carry its ``notice`` in
the pack's language and ``notice_source`` in the source language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from consultaid.content.pack import Translation
from consultaid.content.problems import TableReader

SOURCE_LANGUAGE = "en"
"""The language every bundled pack is translated from."""
STATUSES = ("draft", "reviewed")


def read_translation(r: TableReader, value: Any, language: str) -> Translation | None:
    """The ``[translation]`` table of pack.toml, checked; problems go to ``r``."""
    key = "translation"
    if value is None:
        if language != SOURCE_LANGUAGE:
            r.problem(key, f"a pack in {language!r} is a translation: record its translator, "
                      "reviewer, dates and status in a [translation] table")
        return None
    t = r.table(value, key, {
        "status": "text", "source_language": "text", "source_version": "text",
        "translator": "text", "translated_on": "past_date", "notice": "text",
        "notice_source": "text"},
        {"reviewer": "str", "reviewer_qualification": "str", "reviewed_on": "past_date",
         "method": "str"})
    if t is None:
        return None
    ok = True
    if t["status"] not in STATUSES:
        r.problem(f"{key}.status", f"{t['status']!r} is not one of {', '.join(STATUSES)}")
        ok = False
    if t["source_language"] == language:
        r.problem(f"{key}.source_language", "is the pack's own language")
        ok = False
    reviewed_on: dt.date | None = t.get("reviewed_on")
    if t["status"] == "reviewed":
        for name in ("reviewer", "reviewer_qualification"):
            if not t.get(name, "").strip():
                r.problem(f"{key}.{name}", "a reviewed translation names its reviewer and the "
                          "reviewer's qualification (a qualified medical translator)")
                ok = False
        if reviewed_on is None:
            r.problem(f"{key}.reviewed_on", "a reviewed translation needs the review date")
            ok = False
        elif reviewed_on < t["translated_on"]:
            r.problem(f"{key}.reviewed_on", "is earlier than translated_on")
            ok = False
    elif t["status"] == "draft" and reviewed_on is not None:
        r.problem(f"{key}.reviewed_on", "a draft has no review date; set status = \"reviewed\" "
                  "once a qualified medical translator has reviewed the pack")
        ok = False
    if not ok:
        return None
    return Translation(
        status=t["status"], source_language=t["source_language"],
        source_version=t["source_version"], translator=t["translator"],
        translated_on=t["translated_on"], notice=t["notice"], notice_source=t["notice_source"],
        reviewer=t.get("reviewer", "").strip(),
        reviewer_qualification=t.get("reviewer_qualification", "").strip(),
        reviewed_on=reviewed_on, method=t.get("method", "").strip())
