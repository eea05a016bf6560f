"""State notices are quoted word for word: the validator compares each with the statute.

A notice a law requires must never be paraphrased (CONTENT_GUIDE.md, "State notices"). The
texts below were checked against the statute on the date given; a pack (or a clinic's overlay)
whose notice for one of these jurisdictions differs by a single character is refused. A notice
for another jurisdiction is accepted only with its citation, source and date checked, and the
clinic stays responsible for its wording.
"""

from __future__ import annotations

import re
from typing import Any

from consultaid.content.problems import Problem

CHECKED_NOTICES: dict[str, str] = {
    # Cal. Bus. & Prof. Code § 684(b)(1) (SB 512, 2017), leginfo.legislature.ca.gov.
    "US-CA": (
        "THIS NOTICE MUST BE PROVIDED TO YOU UNDER CALIFORNIA LAW. This health care "
        "practitioner performs one or more stem cell therapies that have not been approved by "
        "the United States Food and Drug Administration. You are encouraged to consult with "
        "your primary care physician prior to undergoing a stem cell therapy."
    ),
    # Utah Code § 58-1-512(2) (SB 199, 2024; in force 1 May 2024), le.utah.gov.
    "US-UT": (
        "THIS NOTICE MUST BE PROVIDED TO YOU UNDER UTAH LAW. This health care practitioner "
        "performs one or more stem cell therapies that have not yet been approved by the "
        "United States Food and Drug Administration. You are encouraged to consult with your "
        "primary care provider before undergoing a stem cell therapy."
    ),
}

ISO_3166_2 = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
"""A country (``DE``) or a subdivision (``US-CA``) code."""


def check_notices(data: dict[str, Any]) -> list[Problem]:
    """A problem for every state notice that is not the checked statute text, word for word."""
    problems: list[Problem] = []
    table = data.get("handout.toml")
    notices = table.get("state_notice", []) if isinstance(table, dict) else []
    seen: set[str] = set()
    for i, notice in enumerate(notices if isinstance(notices, list) else []):
        if not isinstance(notice, dict):
            continue
        code = notice.get("jurisdiction")
        key = f"state_notice[{i}]"
        if not isinstance(code, str) or not ISO_3166_2.match(code):
            problems.append(Problem("handout.toml", f"{key}.jurisdiction",
                                    f"{code!r} is not an ISO 3166-2 code such as US-CA"))
            continue
        if code in seen:
            problems.append(Problem("handout.toml", f"{key}.jurisdiction",
                                    f"a second notice for {code}"))
        seen.add(code)
        checked = CHECKED_NOTICES.get(code)
        if checked is not None and " ".join(str(notice.get("text", "")).split()) != checked:
            problems.append(Problem(
                "handout.toml", f"{key}.text",
                f"is not the text the law of {code} requires, word for word; quote the statute "
                "exactly (never paraphrase a required notice)"))
    return problems
