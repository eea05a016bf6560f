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

from consultaid.content.example import example_consultation
from consultaid.content.loader import HANDOUT_HEADINGS, load_content
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, FollowUpRow
from consultaid.domain.screening import Verdict
from consultaid.handout import HandoutError, build_handout, build_handout_with_warnings
from consultaid.settings import ClinicSettings


def sq(text: str) -> str:
    return "".join(text.split())


def font_sizes(reader: PdfReader) -> Counter[float]:
    """Characters drawn at each font size, over the whole document."""
    counts: Counter[float] = Counter()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        counts[round(size * tm[3], 1)] += len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return counts


def test_every_section_heading_is_printed_and_bookmarked(build: Any, pack: ContentPack) -> None:
    doc = build()
    text = doc.squashed()
    for key in HANDOUT_HEADINGS:
        assert sq(pack.handout.headings[key]) in text, key
    outline = doc.outline_titles()
    for key in HANDOUT_HEADINGS:
        assert pack.handout.headings[key] in outline, key
    assert len(outline) == len(HANDOUT_HEADINGS)


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
    for value in (consultation.patient.name, "1961-04-12", consultation.patient.clinic_patient_id,
                  consultation.visit_date.isoformat(), consultation.physician,
                  settings.clinic_name, "12RiverRoad", "Springfield", settings.phone,
                  settings.email, settings.website, consultation.notes):
        assert sq(value) in text, value


def test_condition_panel_and_fixed_text(build: Any, pack: ContentPack) -> None:
    text = build().body_squashed()
    panel = pack.conditions["osteoarthritis"].patient
    handout = pack.handout
    for value in (panel.inflammation, panel.aims, *panel.benefits, *panel.limitations,
                  *panel.other_options, *panel.path, panel.evidence, handout.title,
                  *handout.summary, *handout.when_to_call, *handout.urgent_care,
                  *handout.questions, *handout.next_steps, handout.signature_statement,
                  handout.funding_placeholder, handout.regulatory.text,
                  handout.regulatory.checked_on.isoformat(),
                  *(g.term for g in handout.glossary), *(g.definition for g in handout.glossary),
                  *(s.title for s in pack.sources)):
        assert sq(value) in text, value
    assert "\u2610" in text  # tick boxes of the next-steps checklist


def test_summary_box_comes_before_the_condition_explanation(build: Any, pack: ContentPack
                                                            ) -> None:
    text = build().body_squashed()
    assert text.index(sq(pack.handout.summary[0])) < text.index(
        sq(pack.handout.headings["condition"]))


def test_the_patients_own_result_comes_before_the_explanation(build: Any,
                                                              pack: ContentPack) -> None:
    text = build().body_squashed()
    headings = pack.handout.headings
    assert (text.index(sq(headings["summary"])) < text.index(sq(headings["outcome"]))
            < text.index(sq(headings["condition"])))


def test_benefits_sit_beside_limitations(build: Any, pack: ContentPack) -> None:
    """Side by side: the two headings are drawn on the same line, at the same size."""
    doc = build()
    h = pack.handout.headings
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        for key in ("benefits", "limitations"):
            if text.strip() == h[key]:
                found.setdefault(key, (round(tm[5], 1), size))

    for page in doc.reader.pages:
        page.extract_text(visitor_text=visit)
        if len(found) == 2:
            break
    assert found["benefits"] == found["limitations"]


def test_follow_up_rows_and_may_proceed_outcome(build: Any, consultation: Consultation,
                                               pack: ContentPack) -> None:
    text = build().body_squashed()
    assert consultation.follow_up
    for row in consultation.follow_up:
        assert sq(row.when + row.what + row.who) in text
    outcome = pack.handout.outcomes[Verdict.MAY_PROCEED]
    for value in (outcome.heading, outcome.text, outcome.next):
        assert sq(value) in text
    for other in (Verdict.DEFERRED, Verdict.NOT_ELIGIBLE, Verdict.NEEDS_REVIEW):
        assert sq(pack.handout.outcomes[other].heading) not in text


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
        assert sq(f"{pack.handout.labels['visit_date']} {consultation.visit_date}") in squashed


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
    settings.regulatory_jurisdiction = "European Union"
    settings.regulatory_text = "In the EU, MSC products are advanced therapy medicinal products."
    settings.regulatory_checked_on = dt.date(2026, 10, 1)
    settings.funding_statement = "The clinic is privately funded and charges for this treatment."
    text = build(s=settings).body_squashed()
    for value in ("European Union", settings.regulatory_text, "2026-10-01",
                  settings.funding_statement):
        assert sq(value) in text
    assert sq(pack.handout.regulatory.text) not in text
    assert sq(pack.handout.funding_placeholder) not in text


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
                  *panel.patient.benefits, *panel.patient.limitations,
                  *panel.patient.other_options, panel.patient.evidence,
                  *(row.what for row in panel.follow_up)):
        assert sq(value) in text, value
    assert not doc.warnings


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
    assert text.index(sq(missed.takeaway), lead) < text.index(
        sq(pack.handout.headings["outcome"]))
    for other in pack.script.points:
        if other.id != missed.id:
            assert sq(other.takeaway) not in text[lead:text.index(
                sq(pack.handout.headings["outcome"]))]
