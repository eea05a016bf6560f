"""The handout read back from the PDF: every part, every variant, metadata and outlines."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader
from reportlab.lib import colors

from consultaid.content.example import example_consultation
from consultaid.content.loader import HANDOUT_HEADINGS, load_content
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, FollowUpRow
from consultaid.domain.screening import Verdict
from consultaid.handout import HandoutError, build_handout, build_handout_with_warnings
from consultaid.settings import ClinicSettings
from tests.handout.conftest import squash


def sq(text: str) -> str:
    """Text without spaces, line breaks or hyphens: lines wrap anywhere, and words are
    hyphenated where a dictionary allows (the same on both sides of a comparison)."""
    return squash(text)


def font_sizes(reader: PdfReader) -> Counter[float]:
    """Characters drawn at each font size, over the whole document."""
    counts: Counter[float] = Counter()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        counts[round(size * tm[3], 1)] += len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return counts


# Issue 28: page 1 is the decision aid ("glance"), then the details; no separate benefits /
# limits table, and nothing for after a treatment until a treatment date is on record.
FULL_SHEET = ("glance", "outcome", "values", "next_step", "patient_details",
              "condition", "product", "path", "regulatory", "cost", "funding", "questions",
              "urgent_care", "notes", "signatures", "about_sheet", "glossary", "sources")
REVIEW_SHEET = ("outcome", "meanwhile", "summary", "cost", "funding", "regulatory", "contact",
                "urgent_care", "notes")
SHORT_SHEET = ("outcome", "means", "instead", "contact", "urgent_care", "notes")
AFTER_SHEET = ("after", "follow_up", "warning_signs", "when_to_call")
VERDICT_ANSWERS: dict[Verdict, dict[str, Any]] = {
    Verdict.MAY_PROCEED: {},
    Verdict.NEEDS_REVIEW: {"infection": "recent"},
    Verdict.DEFERRED: {"infection": "active"},
    Verdict.NOT_ELIGIBLE: {"cancer_status": "active"},
}


@pytest.mark.parametrize(("verdict", "sections"), [
    (Verdict.MAY_PROCEED, FULL_SHEET), (Verdict.NEEDS_REVIEW, REVIEW_SHEET),
    (Verdict.DEFERRED, SHORT_SHEET), (Verdict.NOT_ELIGIBLE, SHORT_SHEET)])
def test_the_sheet_follows_the_verdict(build: Any, pack: ContentPack,
                                       consultation: Consultation, verdict: Verdict,
                                       sections: tuple[str, ...]) -> None:
    """Each verdict gets its own parts, each printed and bookmarked, and nothing else."""
    consultation.screening.update(VERDICT_ANSWERS[verdict])
    doc = build(consultation)
    text = doc.squashed()
    outline = doc.outline_titles()
    headings = pack.handout.headings
    for key in sections:
        # The result's bookmark is named by the result itself ("You can go on to ...").
        title = pack.handout.outcomes[verdict].heading if key == "outcome" else headings[key]
        assert any(t.startswith(title) for t in outline), key
    others = set(HANDOUT_HEADINGS) - set(sections) - {"notice"}
    # Words found elsewhere on the sheet; a short sheet states the approval status in one
    # line ("Approval status: ..."), without a section of its own.
    elsewhere = {"condition", "summary"} | ({"regulatory"} if sections is SHORT_SHEET else set())
    if sections is SHORT_SHEET:
        assert sq(headings["regulatory"] + ":") in text
    for key in others:
        assert not any(t.startswith(headings[key]) for t in outline), key
        if key not in elsewhere:
            assert sq(headings[key]) not in text, key


@pytest.mark.parametrize("verdict", [Verdict.DEFERRED, Verdict.NOT_ELIGIBLE])
def test_not_now_and_not_eligible_get_a_short_sheet_with_what_to_do_instead(
        build: Any, pack: ContentPack, consultation: Consultation, verdict: Verdict) -> None:
    consultation.screening.update(VERDICT_ANSWERS[verdict])
    doc = build(consultation)
    assert len(doc.pages) == 1
    text = doc.body_squashed()
    outcome = pack.handout.outcomes[verdict]
    for value in (*outcome.means, *outcome.instead, pack.handout.another_clinic,
                  pack.handout.msc_definition):
        assert sq(value) in text
    standard = next(o for o in pack.conditions["osteoarthritis"].patient.options
                    if o.id == "standard")
    assert sq(standard.involves) in text
    panel = pack.conditions["osteoarthritis"]
    for value in (*panel.patient.path, panel.follow_up[0].what, panel.patient.decision,
                  pack.handout.signature_statement, *pack.handout.values):
        assert sq(value) not in text, value
    assert "Book" not in doc.text and "If you go ahead" not in doc.text
    assert sq("+1 555 0100") in text  # whom to call


def test_needs_review_says_what_is_pending_and_what_happens_next(
        build: Any, pack: ContentPack, consultation: Consultation) -> None:
    consultation.screening.update(VERDICT_ANSWERS[Verdict.NEEDS_REVIEW])
    text = build(consultation).body_squashed()
    pending = text.index(sq(pack.handout.labels["pending"]))
    reason = next(r for r in pack.rules.rules if r.id == "infection-recent")
    assert pending < text.index(sq(reason.text.patient))
    assert sq(pack.handout.outcomes[Verdict.NEEDS_REVIEW].next) in text
    for value in (*pack.handout.meanwhile,
                  *pack.conditions["osteoarthritis"].patient.key_facts):
        assert sq(value) in text, value
    panel = pack.conditions["osteoarthritis"]
    # Nothing to decide yet, and no advice for after a treatment.
    for value in (panel.follow_up[0].what, panel.patient.path[2], panel.patient.decision,
                  pack.handout.say_no, *pack.handout.values, *panel.patient.when_to_call):
        assert sq(value) not in text, value


def test_heaviest_result_has_the_heaviest_box() -> None:
    from consultaid.handout.styles import OUTCOME_STYLE

    widths = [OUTCOME_STYLE[v.value][2] for v in Verdict]
    assert widths == sorted(widths) and widths[-1] > widths[0]

    def darkness(colour: Any) -> float:
        return 1 - (colour.red + colour.green + colour.blue) / 3

    edges = [darkness(OUTCOME_STYLE[v.value][1]) for v in Verdict]
    assert edges[-1] == max(edges), "not eligible is the darkest, not the palest"


def test_outline_entries_point_at_the_page_of_their_section(build: Any, pack: ContentPack
                                                           ) -> None:
    doc = build()
    pages = [sq(p) for p in doc.pages]
    for item in doc.reader.outline:
        number = doc.reader.get_destination_page_number(item)
        assert sq(item.title) in pages[number], item.title


def test_patient_visit_and_clinic_details(build: Any, consultation: Consultation,
                                          settings: ClinicSettings) -> None:
    text = build().body_squashed()
    for value in (consultation.patient.name, "12 April 1961",
                  consultation.patient.clinic_patient_id, "16 November 2026",
                  consultation.physician,
                  settings.clinic_name, "12RiverRoad", "Springfield", settings.phone,
                  settings.email, settings.website, consultation.notes):
        assert sq(value) in text, value
    raw = build().text
    assert "2026-11-16" not in raw and "1961-04-12" not in raw, "dates written for people"


def test_condition_panel_and_fixed_text(build: Any, pack: ContentPack) -> None:
    text = build().body_squashed()
    panel = pack.conditions["osteoarthritis"].patient
    handout = pack.handout
    icons = panel.icon_array
    assert icons is not None
    for value in (panel.inflammation, panel.aims, panel.decision, *panel.path,
                  *(f for o in panel.options for f in (o.name, o.benefits, o.risks, o.cost)),
                  *(f for o in handout.common_options for f in (o.name, o.benefits, o.risks,
                                                                 o.cost)),
                  icons.label, icons.comparator, handout.headings["glance"],
                  handout.say_no, handout.interest, *handout.values, handout.values_how,
                  *handout.urgent_short, *handout.about_sheet, *handout.questions,
                  handout.signature_statement, handout.funding_placeholder, *handout.cost,
                  *handout.product_fields, handout.us_product_line, "5 December 2026"):
        assert sq(value) in text, value
    for line in handout.regulatory.text.splitlines():
        assert sq(line.lstrip("- ")) in text, line
    assert len(handout.regulatory.text.splitlines()) == 4  # issue 28: four lines
    assert "\u2610" in text  # tick boxes of "what matters most to you?"
    # Sources in short form: author and journal with the DOI, or a body's page with its title.
    from consultaid.handout.story import short_source

    for source in pack.sources:
        printed = sq(short_source(source)) in text
        assert printed == source.used_by("osteoarthritis"), source.id


def test_glossary_lists_only_the_words_the_sheet_uses(build: Any, pack: ContentPack) -> None:
    """Only terms the sheet uses and does not explain where it uses them, at most three."""
    doc = build()
    text = doc.body_squashed()
    terms = {g.term: g.definition for g in pack.handout.glossary}
    assert sq(terms["Inflammation"]) in text
    assert sq(terms["CRP"]) not in text  # CRP is not named on an osteoarthritis sheet
    # "MSCs (mesenchymal stem or stromal cells)" explains itself where it is used.
    assert sq("MSCs (mesenchymal stem or stromal cells)") in text
    assert sq(terms["MSC"]) not in text
    glossary = text[text.index(sq(pack.handout.headings["glossary"])):]
    assert 1 <= sum(sq(d) in glossary for d in terms.values()) <= 3


def test_the_patients_own_result_and_decision_come_first(build: Any,
                                                         pack: ContentPack) -> None:
    """Page 1 alone is the decision aid (issue 28): the result, the decision, the three choices
    with their key numbers, the main harm as 100 figures, the price and the clinic's interest,
    "you can say no", what matters most and the next step with the phone."""
    doc = build()
    first = sq(doc.pages[0])
    panel = pack.conditions["osteoarthritis"].patient
    text = pack.handout
    assert panel.icon_array is not None
    rows = [*panel.options, *text.common_options]
    assert [o.id for o in rows] == ["msc", "standard", "trial"]
    for value in (text.headings["glance"], text.outcomes[Verdict.MAY_PROCEED].heading,
                  panel.decision, *(o.name for o in rows), *(o.benefits for o in rows),
                  *(o.risks for o in rows), panel.icon_array.label,
                  panel.icon_array.comparator, text.interest, text.say_no,
                  text.headings["values"], *text.values, text.values_how,
                  text.headings["next_step"], text.outcomes[Verdict.MAY_PROCEED].next,
                  "+1 555 0100"):
        assert sq(value) in first, value
    assert sq(text.labels["price"]) in first or sq(text.labels["price_missing"]) in first
    # The details start on page 2, whatever room page 1 has left.
    assert not any(sq(text.headings[k]) in first for k in ("patient_details", "condition"))
    assert sq(text.headings["patient_details"]) in sq(doc.pages[1])
    body = doc.body_squashed()
    assert (body.index(sq(text.outcomes[Verdict.MAY_PROCEED].heading))
            < body.index(sq(panel.decision)) < body.index(sq(rows[0].name))
            < body.index(sq(text.headings["condition"])))


def test_the_main_harm_is_drawn_as_100_figures(build: Any, pack: ContentPack) -> None:
    """One icon array of 100 figures, as many marked as the source's rate: 25 of 100."""
    from consultaid.handout.parts import IconArray

    icons = pack.conditions["osteoarthritis"].patient.icon_array
    assert icons is not None and icons.count == 25
    array = IconArray(icons.count, 10, colors.red, colors.grey, per_row=20)
    fills: list[Any] = []

    class Canvas:
        def setFillColor(self, colour: Any) -> None:
            fills.append(colour)

        def circle(self, *a: Any, **k: Any) -> None: ...

        def roundRect(self, *a: Any, **k: Any) -> None: ...

    array.canv = Canvas()
    array.draw()
    assert len(fills) == 100 and fills.count(colors.red) == 25
    text = build().body_squashed()
    labels = pack.handout.labels
    assert sq(f"25 {labels['icon_key_harm']}") in text
    assert sq(f"75 {labels['icon_key_none']}") in text


def test_cost_and_interest_come_before_the_signature(build: Any, pack: ContentPack,
                                                     settings: ClinicSettings) -> None:
    settings.treatment_price = "$6,500 for one knee, all visits included"
    text = build(s=settings).body_squashed()
    headings = pack.handout.headings
    assert sq(f"{pack.handout.labels['price']}: {settings.treatment_price}") in text
    assert text.index(sq(headings["cost"])) < text.index(sq(headings["signatures"]))
    assert text.index(sq(headings["funding"])) < text.index(sq(headings["signatures"]))
    first = sq(build(s=settings).pages[0])
    assert sq(f"{pack.handout.labels['price']}: {settings.treatment_price}") in first
    assert sq(pack.handout.interest) in first  # the clinic's interest beside the price


def test_no_phone_leaves_a_line_to_write_it(build: Any, pack: ContentPack,
                                            settings: ClinicSettings) -> None:
    settings.phone = ""
    text = build(s=settings).body_squashed()
    assert sq(pack.handout.labels["phone_missing"] + "_" * 10) in text


def test_benefits_sit_beside_harms_in_the_same_format(build: Any, pack: ContentPack) -> None:
    """Issue 28: benefit and harm side by side, same size; the harm's number in "N in 100"."""
    doc = build()
    labels = pack.handout.labels
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        for key in ("option_benefits", "option_risks"):
            if text.strip() == labels[key]:
                found.setdefault(key, (round(tm[5], 1), size))

    doc.reader.pages[0].extract_text(visitor_text=visit)
    assert found["option_benefits"] == found["option_risks"]
    sizes = font_sizes(PdfReader(io.BytesIO(doc.pdf)))
    assert min(size for size, count in sizes.items() if count > 40) >= 8.5
    msc = next(o for o in pack.conditions["osteoarthritis"].patient.options if o.id == "msc")
    assert "in 100" in msc.risks and "480 people" in msc.benefits


def test_table_text_is_11_points_or_more(pack: ContentPack) -> None:
    from consultaid.handout.fonts import handout_fonts
    from consultaid.handout.styles import make_styles

    for large in (False, True):
        styles = make_styles(handout_fonts(), large, "en")
        for style in (styles.cell, styles.cell_bold, styles.cell_head, styles.label):
            assert style.fontSize >= 11, style.name
        assert styles.source.fontSize >= 8.5
        assert not styles.body.splitLongWords and callable(styles.body.hyphenationLang)


def test_follow_up_rows_and_may_proceed_outcome(build: Any, consultation: Consultation,
                                               pack: ContentPack) -> None:
    """Before a decision: one line with the visits; the table with dates only on the "After
    your treatment" sheet, once a treatment date is on record."""
    assert consultation.follow_up and consultation.treatment_date is None
    doc = build()
    text = doc.body_squashed()
    visits = ", ".join(row.when for row in consultation.follow_up)
    assert sq(pack.handout.if_go_ahead.replace("{visits}", visits)) in text
    for key in AFTER_SHEET:
        assert not any(t.startswith(pack.handout.headings[key]) for t in doc.outline_titles())
    for row in consultation.follow_up:
        assert sq(row.what) not in text
    outcome = pack.handout.outcomes[Verdict.MAY_PROCEED]
    for value in (outcome.heading, outcome.text, outcome.next):
        assert sq(value) in text
    for other in (Verdict.DEFERRED, Verdict.NOT_ELIGIBLE, Verdict.NEEDS_REVIEW):
        assert sq(pack.handout.outcomes[other].heading) not in text

    consultation.treatment_date = dt.date(2026, 12, 1)
    after = build(consultation)
    pages = [sq(p) for p in after.pages]
    start = next(n for n, p in enumerate(pages) if sq(pack.handout.headings["after"]) in p)
    assert start == len(doc.pages)  # a sheet of its own, after the others
    sheet = "".join(pages[start:])
    assert sq("1 December 2026") in sheet
    dates = ["15 December 2026", "12 January 2027", "1 March 2027", "1 June 2027"]
    for row, date in zip(consultation.follow_up, dates, strict=True):
        assert sq(row.when + date + row.what + row.who) in sheet
    for line in (*pack.handout.when_to_call, *pack.handout.urgent_care,
                 *pack.conditions["osteoarthritis"].patient.when_to_call):
        assert sq(line) in sheet, line
    for key in AFTER_SHEET:
        assert any(t.startswith(pack.handout.headings[key]) for t in after.outline_titles())


@pytest.mark.parametrize("answers", [{"infection": "recent"}, {"infection": "active"},
                                     {"cancer_status": "active"}])
def test_no_after_treatment_sheet_unless_the_treatment_may_go_ahead(
        build: Any, consultation: Consultation, pack: ContentPack,
        answers: dict[str, Any]) -> None:
    consultation.screening.update(answers)
    consultation.treatment_date = dt.date(2026, 12, 1)
    text = build(consultation).body_squashed()
    assert sq(pack.handout.headings["after"]) not in text
    assert sq(consultation.follow_up[0].what) not in text


def test_visit_days_count_from_the_treatment_day() -> None:
    from consultaid.handout.story import visit_day

    day = dt.date(2026, 1, 31)
    assert visit_day(day, "2 weeks") == dt.date(2026, 2, 14)
    assert visit_day(day, "1 month") == dt.date(2026, 2, 28)  # no 31 February
    assert visit_day(day, "3 meses") == dt.date(2026, 4, 30)
    assert visit_day(day, "10 días") == dt.date(2026, 2, 10)
    assert visit_day(day, "when the pain is gone") is None
    assert visit_day(None, "2 weeks") is None


@pytest.mark.parametrize(("answers", "verdict", "rule"), [
    ({"infection": "active"}, Verdict.DEFERRED, "infection-active"),
    ({"cancer_status": "active"}, Verdict.NOT_ELIGIBLE, "cancer-active"),
    ({"infection": "recent"}, Verdict.NEEDS_REVIEW, "infection-recent"),
])
def test_outcome_variants_print_their_text_and_deciding_reasons(
    build: Any, consultation: Consultation, pack: ContentPack, answers: dict[str, Any],
    verdict: Verdict, rule: str,
) -> None:
    consultation.screening.update(answers)
    text = build(consultation).body_squashed()
    outcome = pack.handout.outcomes[verdict]
    for value in (outcome.heading, outcome.text, outcome.next):
        assert sq(value) in text
    reason = next(r for r in pack.rules.rules if r.id == rule)
    assert sq(reason.text.patient) in text
    assert sq(pack.handout.outcomes[Verdict.MAY_PROCEED].heading) not in text


def test_footer_on_every_page(build: Any, consultation: Consultation, pack: ContentPack) -> None:
    doc = build()
    pages = doc.pages
    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        squashed = sq(page)
        assert sq(f"Page {number} of {len(pages)}") in squashed
        assert pack.version in squashed
        assert sq(f"{pack.handout.labels['visit_date']} 16 November 2026") in squashed
        assert sq("next review due 7 June 2027") in squashed


def test_metadata(build: Any, pack: ContentPack, settings: ClinicSettings) -> None:
    doc = build()
    meta = doc.reader.metadata
    assert meta is not None
    assert meta.title == pack.handout.title
    assert meta.author == settings.clinic_name
    assert meta.subject == pack.conditions["osteoarthritis"].title
    assert meta.creator is not None and meta.creator.startswith("consultaid ")
    assert meta["/CreationDate"].startswith("D:20261116")
    assert doc.reader.trailer["/Root"]["/Lang"] == "en"


def test_output_is_byte_identical_and_thread_safe(consultation: Consultation, pack: ContentPack,
                                                  settings: ClinicSettings) -> None:
    first = build_handout(consultation, pack, settings)
    assert build_handout(consultation, pack, settings) == first
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(build_handout(consultation, pack, settings))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [first] * 4


def test_different_visits_give_different_bytes(consultation: Consultation, pack: ContentPack,
                                               settings: ClinicSettings) -> None:
    first = build_handout(consultation, pack, settings)
    consultation.patient.name = "Maria Exampel"
    assert build_handout(consultation, pack, settings) != first


def test_large_print_is_14pt_body_and_reflows(build: Any, consultation: Consultation) -> None:
    normal = build()
    consultation.handout.large_print = True
    large = build(consultation)
    normal_body = font_sizes(normal.reader).most_common(1)[0][0]
    large_body = font_sizes(large.reader).most_common(1)[0][0]
    assert 11 <= normal_body <= 12
    assert large_body >= 14
    assert len(large.pages) > len(normal.pages)
    assert large.squashed().count(sq(consultation.patient.name)) >= 1


def test_letter_and_a4_paper(build: Any, consultation: Consultation) -> None:
    a4 = build()
    box = a4.reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    consultation.handout.paper = "letter"
    letter = build(consultation)
    for page in letter.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            612, 792)


@pytest.mark.parametrize("large_print", [False, True])
def test_long_note_and_sixty_row_plan_paginate(build: Any, consultation: Consultation,
                                               pack: ContentPack, large_print: bool) -> None:
    consultation.handout.large_print = large_print
    words = "The patient asked about costs, travel and timing of each visit. "
    consultation.notes = (words * 80)[:5000]
    consultation.follow_up = [
        FollowUpRow(f"Week {n}", f"Check number {n}: pain score, swelling and walking test",
                    f"Nurse {n}") for n in range(1, 61)]
    consultation.patient.name = "Maria " + "x" * 400  # one very long unbroken word
    consultation.treatment_date = dt.date(2026, 12, 1)  # the plan is on the after sheet
    doc = build(consultation)
    body = doc.body_squashed()
    assert sq(consultation.notes) in body
    for n in range(1, 61):
        assert sq(f"Week {n}Check number {n}:") in body
    header = sq(pack.handout.labels["what"])
    pages_with_header = [p for p in doc.pages if header in sq(p)]
    assert len(pages_with_header) >= 2  # the header row repeats where the table continues
    assert sq(consultation.patient.name) in body


def test_markup_in_text_prints_literally(build: Any, consultation: Consultation,
                                         settings: ClinicSettings) -> None:
    consultation.patient.name = "Ann <b>& Co"
    consultation.notes = 'Use <font size="40">big</font> &amp; <br/> tags'
    settings.clinic_name = "Clinic </para> & <i>Partners</i>"
    text = build(consultation, s=settings).body_squashed()
    assert sq("Ann <b>& Co") in text
    assert sq('Use <font size="40">big</font> &amp; <br/> tags') in text
    assert sq("Clinic </para> & <i>Partners</i>") in text


def test_img_and_link_markup_never_open_a_file_or_url(
    build: Any, consultation: Consultation, settings: ClinicSettings, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret = tmp_path / "secret.png"
    PILImage.new("RGB", (4, 4), "red").save(secret)
    img = f'<img src="{secret}" width="40" height="40"/>'
    link = '<link href="https://evil.example/">click</link><a href="file:///etc/passwd">x</a>'
    consultation.patient.name = img
    consultation.notes = img + link
    consultation.physician = link
    consultation.follow_up[0].what = img
    settings.address = img
    opened: list[str] = []
    import builtins

    real_open = builtins.open

    def spy_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    from reportlab.lib import utils

    real_reader = utils.ImageReader.__init__

    def spy_reader(self: Any, file_name: Any, *args: Any, **kwargs: Any) -> None:
        opened.append(repr(file_name))
        real_reader(self, file_name, *args, **kwargs)

    monkeypatch.setattr(utils.ImageReader, "__init__", spy_reader)
    doc = build(consultation, s=settings)
    monkeypatch.undo()
    assert not [name for name in opened if "secret" in name]
    assert sq(img) in doc.squashed()
    assert b"/URI" not in doc.pdf and b"/Link" not in doc.pdf
    assert b"/Subtype /Image" not in doc.pdf


def test_control_characters_are_removed(build: Any, consultation: Consultation) -> None:
    consultation.patient.name = "Ma\x00ri\x07a\x1b Ex\u202eample\x7f"
    consultation.notes = "line one\r\nline\ttwo\x0c"
    doc = build(consultation)
    text = doc.squashed()
    assert "MariaExample" in text
    assert "lineonelinetwo" in text
    assert not any(ch in doc.text for ch in "\x00\x07\x1b\u202e\x7f\x0c")


def test_unprintable_characters_are_replaced_visibly_and_reported(
    build: Any, consultation: Consultation
) -> None:
    consultation.patient.name = "Maria \U0001f9ec Example"  # DNA emoji: not in DejaVu Sans
    doc = build(consultation)
    assert "Maria\ufffdExample" in doc.squashed()
    assert len(doc.warnings) == 1
    assert "U+1F9EC" in doc.warnings[0]


def test_greek_cyrillic_hebrew_and_arabic_print(build: Any, consultation: Consultation) -> None:
    consultation.patient.name = "Μαρία Ивановна"
    consultation.notes = "שלום مرحبا Ελληνικά Кириллица ÀÉÎÕÜ ąčęłńšž"
    doc = build(consultation)
    text = doc.squashed()
    assert "ΜαρίαИвановна" in text
    assert sq("Ελληνικά Кириллица ÀÉÎÕÜ ąčęłńšž") in text
    assert not doc.warnings


def test_logo_is_embedded(build: Any, settings: ClinicSettings, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (300, 120), (31, 78, 121)).save(logo)
    settings.logo_path = str(logo)
    doc = build(s=settings)
    assert not doc.warnings
    images = doc.reader.pages[0].images
    assert len(images) == 1


@pytest.mark.parametrize("content", [None, b"not an image at all"])
def test_unusable_logo_leaves_it_out_with_a_warning(
    build: Any, settings: ClinicSettings, tmp_path: Path, content: bytes | None
) -> None:
    logo = tmp_path / "logo.png"
    if content is not None:
        logo.write_bytes(content)
    settings.logo_path = str(logo)
    doc = build(s=settings)
    assert len(doc.warnings) == 1
    assert str(logo) in doc.warnings[0]
    assert "without it" in doc.warnings[0]
    assert not doc.reader.pages[0].images
    assert sq(settings.clinic_name) in doc.squashed()


def test_clinic_regulatory_text_and_funding_statement(build: Any, settings: ClinicSettings,
                                                      pack: ContentPack) -> None:
    settings.regulatory_jurisdiction = "DE"
    settings.regulatory_text = "In the EU, MSC products are advanced therapy medicinal products."
    settings.regulatory_checked_on = dt.date(2026, 10, 1)
    settings.funding_statement = "The clinic is privately funded and charges for this treatment."
    text = build(s=settings).body_squashed()
    for value in ("Germany", settings.regulatory_text, "1 October 2026",
                  settings.funding_statement):
        assert sq(value) in text
    assert sq(pack.handout.regulatory.text.splitlines()[0]) not in text
    assert sq(pack.handout.funding_placeholder) not in text


@pytest.mark.parametrize("condition_id", list(load_content("en").pack.conditions))
def test_an_eu_handout_names_no_us_regulator(build: Any, settings: ClinicSettings,
                                             pack: ContentPack, condition_id: str) -> None:
    settings.regulatory_jurisdiction = "DE"
    settings.regulatory_text = ("In the EU, cell products are advanced therapy medicinal "
                                "products. No MSC product is authorised for this use.")
    settings.regulatory_checked_on = dt.date(2026, 11, 23)
    doc = build(example_consultation(pack, condition_id), s=settings)
    body = doc.text.split(pack.handout.headings["sources"])[0]  # source titles stay as published
    assert "FDA" not in body and "Food and Drug" not in body


@pytest.mark.parametrize(("code", "opening"), [
    ("US-CA", "THIS NOTICE MUST BE PROVIDED TO YOU UNDER CALIFORNIA LAW."),
    ("US-UT", "THIS NOTICE MUST BE PROVIDED TO YOU UNDER UTAH LAW.")])
def test_state_notice_is_printed_word_for_word_near_the_regulatory_box(
        build: Any, settings: ClinicSettings, pack: ContentPack, code: str,
        opening: str) -> None:
    settings.regulatory_jurisdiction = code
    doc = build(s=settings)
    text = doc.body_squashed()
    notice = pack.handout.notice(code)
    assert notice is not None and notice.text.startswith(opening)
    assert sq(notice.text) in text
    reg = text.index(sq(pack.handout.headings["regulatory"]))
    at = text.index(sq(notice.text))
    assert reg < at < text.index(sq(pack.handout.headings["signatures"]))
    assert pack.handout.headings["notice"] in doc.outline_titles()


def test_no_notice_where_the_state_has_none(build: Any, settings: ClinicSettings,
                                            pack: ContentPack) -> None:
    settings.regulatory_jurisdiction = "US-NY"
    text = build(s=settings).squashed()
    assert "THISNOTICEMUSTBEPROVIDED" not in text
    assert sq(pack.handout.headings["notice"]) not in text


def test_review_due_notice_only_when_due(build: Any, pack: ContentPack,
                                        consultation: Consultation) -> None:
    notice = sq(pack.handout.review_due_notice)
    assert notice not in build().squashed()
    overdue = dataclasses.replace(pack, last_reviewed=dt.date(2025, 1, 1),
                                  review_by=dt.date(2026, 1, 1))
    assert notice in build(p=overdue).squashed()


def test_empty_follow_up_plan_leaves_room_to_write(build: Any, consultation: Consultation,
                                                   pack: ContentPack) -> None:
    consultation.follow_up = []
    consultation.treatment_date = dt.date(2026, 12, 1)
    assert sq(pack.handout.labels["what"]) in build(consultation).squashed()


def test_unknown_condition_and_invalid_answers_raise(consultation: Consultation,
                                                     pack: ContentPack) -> None:
    consultation.condition_id = "no-such-condition"
    with pytest.raises(HandoutError, match="no-such-condition"):
        build_handout(consultation, pack, ClinicSettings())
    consultation.condition_id = "osteoarthritis"
    consultation.screening["crp"] = {"value": -3, "unit": "mg_per_l"}
    with pytest.raises(HandoutError, match=r"screening\.crp"):
        build_handout_with_warnings(consultation, pack, ClinicSettings())


def test_empty_settings_still_make_a_complete_handout(build: Any, consultation: Consultation
                                                      ) -> None:
    doc = build(s=ClinicSettings())
    meta = doc.reader.metadata
    assert meta is not None and meta.author == consultation.physician
    assert sq(consultation.patient.name) in doc.squashed()


def test_pdf_starts_like_a_pdf(consultation: Consultation, pack: ContentPack) -> None:
    pdf = build_handout(consultation, pack, ClinicSettings())
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3


@pytest.mark.parametrize("condition_id", list(load_content("en").pack.conditions))
def test_every_condition_panel_builds_with_its_own_text(
    build: Any, pack: ContentPack, condition_id: str
) -> None:
    consultation = example_consultation(pack, condition_id)
    doc = build(consultation)
    text = doc.body_squashed()
    panel = pack.conditions[condition_id]
    for value in (panel.title, panel.patient.inflammation, panel.patient.aims,
                  panel.patient.decision, *panel.patient.path,
                  *(f for o in panel.patient.options for f in (o.name, o.benefits, o.risks))):
        assert sq(value) in text, value
    assert not doc.warnings
    # Issue 28: page 1 and at most 3 more (test_page_fill.py has every limit).
    assert len(doc.pages) <= 4, "may-proceed: at most 4 pages of A4 at normal print"


def test_bytes_do_not_depend_on_the_clock_or_source_date_epoch(
    consultation: Consultation, pack: ContentPack, settings: ClinicSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = build_handout(consultation, pack, settings)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert build_handout(consultation, pack, settings) == first
    consultation.visit_date = dt.date(2026, 11, 17)
    assert build_handout(consultation, pack, settings) != first


def test_points_not_yet_understood_are_named_in_the_summary(build: Any, pack: ContentPack,
                                                            consultation: Consultation) -> None:
    assert "goovertheseagain" not in build().body_squashed().lower()
    missed = pack.script.points[1]
    consultation.teach_back.set_point(missed.id, outcome="not_yet_understood")
    text = build(consultation).body_squashed()
    lead = text.index(sq("At your next visit, we will go over these points with you again:"))
    end = text.index(sq(pack.handout.headings["patient_details"]))
    assert text.index(sq(missed.takeaway), lead) < end
    for other in pack.script.points:
        if other.id != missed.id:
            assert sq(other.takeaway) not in text[lead:end]


def test_sources_are_cited_by_their_number(build: Any, pack: ContentPack) -> None:
    """Issue 28: numbered sources, cited by number in the text; no "[source-id]" printed."""
    from consultaid.handout.story import short_source

    def flat(text: str) -> str:  # no spaces or hyphens, the numbers kept
        return "".join(ch for ch in text if not ch.isspace() and ch != "-")

    doc = build()
    raw = doc.text
    assert "[mautner-2023]" not in raw and "mautner" not in flat(raw).lower().split("sources")[0]
    used = [s for s in pack.sources if s.used_by("osteoarthritis")]
    number = {s.id: n for n, s in enumerate(used, 1)}
    text = flat(raw)
    sources = text[text.rindex(flat(pack.handout.headings["sources"])):]
    for source in used:
        assert flat(f"{number[source.id]}.{short_source(source)}") in sources
    assert flat(f"the steroid group too [{number['mautner-2023']}]") in text
    assert flat(f"(FDA, 2021) [{number['fda-consumer-2021']}]") in text
    assert flat(f"[{number['shang-2023']}]") in flat(doc.pages[0])  # page 1 cites too


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_utah_asks_for_the_notice_in_40_point_type_on_letter(
        build: Any, consultation: Consultation, settings: ClinicSettings, pack: ContentPack,
        paper: str) -> None:
    """Issue 28: in Utah the handout tells the clinic to give the 40-point notice and says the
    law asks for a separate signed consent; on Letter (8.5 x 11 in) the notice is the last
    page at 40 pt. A4 is narrower than the law's 8.5 inches: no such page there."""
    settings.regulatory_jurisdiction = "US-UT"
    consultation.handout.paper = paper
    doc = build(consultation, s=settings)
    notice = pack.handout.notice("US-UT")
    assert notice is not None and notice.patient_copy_points == 40
    assert sq(pack.handout.patient_copy) in doc.body_squashed()
    last = doc.reader.pages[-1]
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            sizes[round(size * tm[3])] += len(text.strip())

    last.extract_text(visitor_text=visit)
    if paper == "letter":
        assert sq(notice.text) == sq(doc.pages[-1]).split(sq("Page"))[0].split(
            sq(f"{pack.handout.title} · {consultation.patient.name}"))[-1]
        assert max(sizes) >= 40
    else:
        assert max(sizes) < 40
