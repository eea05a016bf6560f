"""A record written with one pack, printed in another language: what can be carried over.

A consultation's follow-up plan starts as its condition's template, in the language of the pack
that was used in the visit. When the handout is printed in another language (the patient's),
each row that is still the template's, word for word, is replaced by the same row of the
other pack's template. A row the physician edited is their own words: it is kept as written,
and the caller tells the user, because a handout body must not mix languages and nobody should
machine-translate a physician's words behind their back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consultaid.content.languages import language_name
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, FollowUpRow
from consultaid.domain.translatable import QT_TRANSLATE_NOOP


@dataclass
class Relanguaged:
    rows: list[FollowUpRow]
    kept: list[int] = field(default_factory=list)
    """Positions (from 1) of rows kept as written, because they are not the template's."""


def follow_up_in(rows: list[FollowUpRow], condition_id: str, source: ContentPack,
                 target: ContentPack) -> Relanguaged:
    """``rows`` with every unedited template row of ``source`` replaced by ``target``'s."""
    before = source.condition(condition_id)
    after = target.condition(condition_id)
    if before is None or after is None:
        return Relanguaged(list(rows), [n for n, _ in enumerate(rows, 1)])
    out: list[FollowUpRow] = []
    kept: list[int] = []
    for n, row in enumerate(rows, 1):
        i = n - 1
        template = before.follow_up[i] if i < len(before.follow_up) else None
        if template is not None and i < len(after.follow_up) and (
                row.when, row.what, row.who) == (template.when, template.what, template.who):
            new = after.follow_up[i]
            out.append(FollowUpRow(new.when, new.what, new.who))
        else:
            out.append(row)
            kept.append(n)
    return Relanguaged(out, kept)


def carry_over(consultation: Consultation, source: ContentPack,
               target: ContentPack) -> list[str]:
    """Move ``consultation`` from ``source``'s language to ``target``'s, in place, where the
    words are the packs' own; return what the user must check (free text left as written)."""
    if source.language == target.language:
        return []
    result = follow_up_in(list(consultation.follow_up), consultation.condition_id, source,
                          target)
    consultation.follow_up = result.rows
    warnings: list[str] = []
    if result.kept:
        listed = ", ".join(str(n) for n in result.kept)
        warnings.append(QT_TRANSLATE_NOOP(
            "Content", "follow-up row(s) {rows} were written or edited in the visit and are "
            "printed as written, not in {language}; check that the patient can read them").format(
            rows=listed, language=language_name(target.language)))
    if consultation.notes.strip():
        warnings.append(QT_TRANSLATE_NOOP(
            "Content", "the notes were written in the visit and are printed as written, not in "
            "{language}; check that the patient can read them").format(
            language=language_name(target.language)))
    return warnings
