"""Core commands: example, conditions, screen, validate-content."""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

from consultaid.cli.io import read_consultation
from consultaid.content.example import example_consultation
from consultaid.content.languages import checks_for, pack_language
from consultaid.content.loader import (
    available_languages,
    load_pack_dir,
    pack_files,
    read_pack_data,
)
from consultaid.content.pack import ContentPack
from consultaid.content.problems import ContentError, Problem
from consultaid.content.readability import FLESCH_KINCAID, readability_report
from consultaid.domain.consultation import consultation_to_json
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.screening import ScreeningResult
from consultaid.paths import content_overlay_dir
from consultaid.resources import content_dir
from consultaid.services import load_clinic_content, screen


def register(sub: Any) -> None:
    p = sub.add_parser("example", help="print a complete example consultation as JSON")
    p.add_argument("--condition", metavar="ID", help="condition ID (see 'consultaid conditions')")
    p.add_argument("--lang", default="en", help="content language (default: en)")
    p.set_defaults(func=cmd_example)

    p = sub.add_parser("conditions", help="list condition IDs and titles")
    p.add_argument("--lang", default="en", help="content language (default: en)")
    p.set_defaults(func=cmd_conditions)

    p = sub.add_parser("screen", help="the screening verdict of a consultation and its reasons")
    p.add_argument("file", metavar="FILE", help="consultation JSON file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_screen)

    p = sub.add_parser(
        "validate-content",
        help="check a content pack; exit 1 listing every problem",
        description="Check content. Without DIR: the bundled packs and the clinic's overlay. "
        "DIR may be a complete pack (it holds pack.toml), an overlay folder of language "
        "folders, or one language folder of an overlay (e.g. .../content/en).",
    )
    p.add_argument("dir", metavar="DIR", nargs="?", type=Path)
    p.set_defaults(func=cmd_validate_content)


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"consultaid: warning: {warning}", file=sys.stderr)


def _pack(language: str) -> ContentPack:
    result = load_clinic_content(language)
    _warn(result.warnings)
    return result.pack


def cmd_example(args: argparse.Namespace) -> int:
    pack = _pack(args.lang)
    sys.stdout.write(consultation_to_json(example_consultation(pack, args.condition)))
    return 0


def cmd_conditions(args: argparse.Namespace) -> int:
    pack = _pack(args.lang)
    width = max(len(c) for c in pack.conditions)
    for condition in pack.conditions.values():
        print(f"{condition.id:<{width}}  {condition.title}")
    return 0


def screening_as_dict(result: ScreeningResult, pack: ContentPack) -> dict[str, Any]:
    return {
        "verdict": result.verdict.value,
        "label": pack.verdicts[result.verdict].label,
        "patient_label": pack.verdicts[result.verdict].patient_label,
        "reasons": [
            {"rule": r.rule_id, "verdict": r.verdict.value, "physician": r.physician,
             "patient": r.patient}
            for r in result.reasons
        ],
    }


def cmd_screen(args: argparse.Namespace) -> int:
    consultation = read_consultation(args.file)
    pack = _pack(consultation.handout.language)
    result = screen(consultation, pack)
    if consultation.review.decision != "pending":
        # Only the app checks a review against the records' signed reviews (issue 11.1).
        print("consultaid: warning: the second physician's review in this file is taken as it "
              "was typed; it was not checked against a signed review in the records",
              file=sys.stderr)
    if result.problems:
        label = "stdin" if args.file == "-" else args.file
        for problem in result.problems:
            print(f"consultaid: {label}: screening.{problem.item_id}: {problem.label} "
                  f"{problem.message}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(screening_as_dict(result, pack), ensure_ascii=False, indent=2))
        return 0
    print(f"Verdict: {pack.verdicts[result.verdict].label}")
    print("Reasons:")
    for reason in result.reasons:
        print(f"  - {pack.verdicts[reason.verdict].label}: {reason.physician} [{reason.rule_id}]")
    print("For the patient:")
    for reason in result.deciding:
        print(f"  - {reason.patient}")
    return 0


def _validate_targets(directory: Path | None) -> list[tuple[str, Path, Path | None]]:
    """(description, base pack, overlay) for each pack that ``validate-content`` checks."""
    bundled = content_dir()
    languages = available_languages(bundled)
    if directory is None:
        targets: list[tuple[str, Path, Path | None]] = [
            (f"bundled pack '{lang}'", bundled / lang, None) for lang in languages]
        overlay_root = content_overlay_dir()
        for lang in languages:
            if pack_files(overlay_root / lang):
                targets.append((f"clinic overlay {overlay_root / lang}", bundled / lang,
                                overlay_root / lang))
        return targets
    if not directory.is_dir():
        raise ConsultaidError(f"{directory}: no such folder")
    if (directory / "pack.toml").is_file():
        return [(f"pack {directory}", directory, None)]
    if directory.name in languages and pack_files(directory):
        return [(f"overlay {directory}", bundled / directory.name, directory)]
    sub = sorted(d for d in directory.iterdir() if d.is_dir() and pack_files(d))
    if not sub:
        raise ConsultaidError(
            f"{directory}: holds no pack.toml and no language folders with .toml files")
    targets = []
    for d in sub:
        if d.name not in languages:
            raise ContentError(str(directory), [Problem(
                d.name, "", f"no bundled pack for language {d.name!r} to overlay "
                f"(bundled: {', '.join(languages)}); a new language needs a complete pack")])
        targets.append((f"overlay {d}", bundled / d.name, d))
    return targets


def _print_readability(base: Path, overlay: Path | None) -> None:
    """Each patient-facing block's score by the pack language's measure, then the whole pack's."""
    data, _ = read_pack_data(base, overlay)
    checks = checks_for(pack_language(data))
    measure = checks.readability if checks else FLESCH_KINCAID
    report = readability_report(data, measure)
    if not report.blocks:
        return
    print(f"  Reading level ({measure.name}) of patient text; {measure.aim}:")
    for block, score in report.blocks:
        mark = ("  TOO HARD" if measure.too_hard(score, measure.limit_for(block.file, block.key))
                else "")
        print(f"    {score:5.1f}  {block.file}: {block.key}{mark}")
    highest = report.highest
    if highest is not None:
        print(f"  Hardest block: {highest[0].file}: {highest[0].key} at "
              f"{measure.describe(highest[1])}")
    print(f"  Whole pack: {measure.describe(report.overall)}")


def _source_moved_on(language: str, version: str) -> str:
    """Why a translation may be out of date: the bundled source pack has another version."""
    try:
        meta = tomllib.loads((content_dir() / language / "pack.toml").read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    current = meta.get("version")
    if not isinstance(current, str) or current == version:
        return ""
    return (f"translated from {language} {version}, but the bundled {language} pack is now "
            f"{current}; translate what changed, then set source_version = \"{current}\"")


def cmd_validate_content(args: argparse.Namespace) -> int:
    failed = 0
    for description, base, overlay in _validate_targets(args.dir):
        try:
            pack = load_pack_dir(base, overlay)
        except ContentError as exc:
            failed += 1
            print(f"FAIL {description}: {len(exc.problems)} problem(s)")
            for problem in exc.problems:
                print(f"  {problem}")
            _print_readability(base, overlay)
            continue
        due = " (due for review)" if pack.is_due_for_review() else ""
        print(f"OK   {description}: version {pack.version}, reviewed {pack.last_reviewed}, "
              f"review by {pack.review_by}{due}; {len(pack.conditions)} condition(s), "
              f"{len(pack.checklist.items)} checklist items, {len(pack.rules.rules)} rules")
        if pack.translation is not None:
            print(f"  Translation: {pack.translation.summary}")
            behind = _source_moved_on(pack.translation.source_language,
                                      pack.translation.source_version)
            if behind:
                print(f"  SOURCE CHANGED: {behind}")
            if pack.translation_pending:
                print("  NOT YET REVIEWED: every handout from this pack says so, in the "
                      "patient's language and in the source language.")
        if pack.is_due_for_review():
            print(f"  DUE FOR REVIEW: the review-by date {pack.review_by} has passed. The pack "
                  "still loads; the handout tells the patient the text is due for review.")
        _print_readability(base, overlay)
    return 1 if failed else 0
