"""Load and check a content pack: bundled files, optionally replaced file by file by an overlay.

A pack with problems is refused with every problem listed (file and key named). When a clinic's
overlay makes the pack invalid, :func:`load_content` falls back to the bundled pack and says so.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from consultaid.content.languages import check_language
from consultaid.content.pack import (
    ConditionPanel,
    ContentPack,
    GlossaryEntry,
    HandoutText,
    IconArray,
    OptionRow,
    Outcome,
    PatientSide,
    PhysicianSide,
    RegulatoryText,
    Script,
    ScriptPoint,
    Source,
    StateNotice,
    VerdictText,
)
from consultaid.content.problems import ContentError, Kind, Problem, TableReader
from consultaid.content.translation import read_translation
from consultaid.domain.checklist import (
    CONDITION_OPS,
    ITEM_KINDS,
    AllOf,
    AnyOf,
    Check,
    Checklist,
    ChecklistGroup,
    ChecklistItem,
    Condition,
    Not,
    Option,
    Unit,
    condition_facts,
)
from consultaid.domain.consultation import FollowUpRow
from consultaid.domain.screening import BUILTIN_FACTS, ReasonText, Rule, RuleSet, Verdict
from consultaid.fileio import TEXT_FILE_LIMIT, FileRefused, read_limited
from consultaid.resources import content_dir

REQUIRED_FILES = ("pack.toml", "checklist.toml", "rules.toml", "script.toml", "handout.toml",
                  "sources.toml")
CONDITIONS_DIR = "conditions"

HANDOUT_HEADINGS = (
    "summary", "patient_details", "condition", "options", "path", "outcome", "follow_up",
    "when_to_call", "urgent_care", "questions", "notes", "signatures", "regulatory",
    "funding", "glossary", "sources", "product", "cost", "means", "instead",
    "contact", "notice", "glance", "values", "next_step", "meanwhile", "after",
    "warning_signs", "about_sheet",
    # Not printed as headings since 2027.01 (the comparison holds the benefits and harms);
    # session/consent.py still names them for Utah's consent elements.
    "aims", "benefits", "limitations",
)
HANDOUT_LABELS = (
    "patient", "date_of_birth", "patient_id", "visit_date", "physician", "when", "what", "who",
    "page", "pack_version", "signature_patient", "signature_physician", "date",
    "pack_reviewed", "checked_on", "review_by", "option", "involves", "option_benefits",
    "option_risks", "option_cost", "price", "price_missing", "phone", "phone_missing",
    "write_here", "pending", "signature_representative", "signed_on_screen",
    "acknowledged_verbally", "second_review", "review_waiting", "treatment_date",
    "icon_key_harm", "icon_key_none", "notes_as_written",
)
OUTCOMES_WITH_ALTERNATIVES = ("deferred", "not_eligible")
"""Outcomes whose short sheet says what the result means and what to do instead."""


@dataclass
class LoadResult:
    """A usable pack plus anything the user must be told (e.g. the overlay was refused)."""

    pack: ContentPack
    warnings: list[str] = field(default_factory=list)


def available_languages(root: Path | None = None) -> list[str]:
    root = root or content_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "pack.toml").is_file())


def pack_files(base: Path, overlay: Path | None = None) -> dict[str, Path]:
    """Relative file name -> the file to read; an overlay's file replaces the bundled one."""
    files: dict[str, Path] = {}
    for root in (base, overlay):
        if root is None or not root.is_dir():
            continue
        for path in sorted(root.glob("*.toml")) + sorted((root / CONDITIONS_DIR).glob("*.toml")):
            files[path.relative_to(root).as_posix()] = path
    return files


def load_pack_dir(base: Path, overlay: Path | None = None,
                  cache_dir: Path | None = None, seal_file: Path | None = None) -> ContentPack:
    """Read one pack (``base``, overlaid by ``overlay``).

    Raises ContentError listing every problem found. With ``cache_dir`` and ``seal_file`` (the
    cache's key, kept apart from the cache: see content/cache.py), a pack whose files are
    byte-for-byte the same as when it last passed every check is taken from the cache.
    """
    files = pack_files(base, overlay)
    key = seal = None
    if cache_dir is not None and seal_file is not None:
        from consultaid.content import cache

        seal = cache.seal_key(seal_file)
        key = cache.cache_key(files, base, overlay) if seal else None
        cached = cache.read_cached(cache_dir, key, seal) if key and seal else None
        if cached is not None:
            return cached
    pack = _load_pack_dir(base, overlay, files)
    if cache_dir is not None and key and seal:
        cache.write_cached(cache_dir, key, pack, seal)
    return pack


def _load_pack_dir(base: Path, overlay: Path | None, files: dict[str, Path]) -> ContentPack:
    # The checks' modules load when a pack is checked, not when it comes from the cache.
    from consultaid.content.citations import check_citations
    from consultaid.content.floor import check_floor
    from consultaid.content.notices import check_notices
    from consultaid.content.regulators import check_no_regulator_in_panels

    data, problems = read_pack_data(base, overlay, files)
    if problems:
        raise ContentError(str(base), problems)
    overlay_names = tuple(
        name for name, path in files.items() if overlay is not None and path.is_relative_to(overlay)
    )
    if overlay_names:
        bundled, _ = read_pack_data(base)
        problems.extend(check_floor(bundled, data, overlay_names))
    pack = _PackBuilder(data, problems, base, overlay_names).build()
    # Honesty and readability (by the pack's language) are checked on the parsed TOML, so each
    # problem names its key.
    problems.extend(check_language(data))
    problems.extend(check_no_regulator_in_panels(data))
    problems.extend(check_notices(data))
    if pack is not None:
        printed = {cid: {s.id for s in pack.sources if s.used_by(cid)} for cid in pack.conditions}
        everywhere = {s.id for s in pack.sources if s.patient and not s.conditions}
        problems.extend(check_citations(data, printed, everywhere))
    if problems or pack is None:
        raise ContentError(str(base if overlay is None else f"{base} + {overlay}"), problems)
    return pack


def read_pack_data(
    base: Path, overlay: Path | None = None, files: dict[str, Path] | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """The parsed TOML of every pack file (file name -> table), and the files that failed."""
    files = files if files is not None else pack_files(base, overlay)
    problems: list[Problem] = []
    for name in REQUIRED_FILES:
        if name not in files:
            problems.append(Problem(name, "", f"file is missing from {base}"))
    data: dict[str, Any] = {}
    for name, path in files.items():
        try:
            data[name] = tomllib.loads(read_limited(path, TEXT_FILE_LIMIT).decode("utf-8"))
        except FileRefused as exc:
            problems.append(Problem(name, "", str(exc)))
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(name, "(syntax)", str(exc)))
        except UnicodeDecodeError:
            problems.append(Problem(name, "(syntax)", "file is not UTF-8 text"))
        except OSError as exc:
            problems.append(Problem(name, "", f"cannot be read ({exc.strerror})"))
    return data, problems


def load_content(
    language: str = "en",
    overlay_root: Path | None = None,
    bundled_root: Path | None = None,
    cache_dir: Path | None = None,
    seal_file: Path | None = None,
) -> LoadResult:
    """The pack for ``language``: bundled plus the clinic overlay, or bundled alone if refused."""
    bundled_root = bundled_root or content_dir()
    languages = available_languages(bundled_root)
    if language not in languages:
        available = ", ".join(languages) or "none"
        raise ContentError(
            str(bundled_root),
            [Problem(language, "", f"no content pack for language {language!r} "
                     f"(available: {available})")],
        )
    base = bundled_root / language
    overlay = overlay_root / language if overlay_root is not None else None
    if overlay is not None and overlay.is_dir() and any(pack_files(overlay)):
        try:
            return LoadResult(load_pack_dir(base, overlay, cache_dir, seal_file))
        except ContentError as exc:
            pack = load_pack_dir(base, cache_dir=cache_dir, seal_file=seal_file)
            warning = (
                f"The clinic's content folder {overlay} was refused, so the bundled content "
                f"pack {pack.version} is used instead. {exc}"
            )
            return LoadResult(pack, [warning])
    return LoadResult(load_pack_dir(base, cache_dir=cache_dir, seal_file=seal_file))


class _PackBuilder:
    """Turns parsed TOML into a ContentPack, collecting every problem on the way."""

    def __init__(
        self, data: dict[str, Any], problems: list[Problem], root: Path, overlay: tuple[str, ...]
    ) -> None:
        self.data = data
        self.problems = problems
        self.root = root
        self.overlay = overlay

    def reader(self, file: str) -> TableReader:
        return TableReader(file, self.problems)

    def build(self) -> ContentPack | None:
        meta = self._meta()
        checklist = self._checklist()
        rules, verdicts = self._rules(checklist)
        conditions = self._conditions()
        script = self._script()
        handout = self._handout()
        sources = self._sources()
        if (meta is None or checklist is None or rules is None or verdicts is None
                or script is None or handout is None):
            return None
        if meta["review_by"] < meta["last_reviewed"]:
            self.reader("pack.toml").problem("review_by", "is earlier than last_reviewed")
        translation = read_translation(self.reader("pack.toml"), meta.get("translation"),
                                       meta["language"])
        for source in sources:
            for cid in source.conditions:
                if cid not in conditions:
                    self.reader("sources.toml").problem(
                        f"source[{source.id}].conditions",
                        f"{cid!r} is not a condition of this pack")
        return ContentPack(
            language=meta["language"], version=meta["version"], title=meta["title"],
            last_reviewed=meta["last_reviewed"], review_by=meta["review_by"],
            checklist=checklist, rules=rules, verdicts=verdicts, conditions=conditions,
            script=script, handout=handout, sources=tuple(sources), root=self.root,
            overlay_files=self.overlay, translation=translation,
        )

    # pack.toml ---------------------------------------------------------------------------------
    def _meta(self) -> dict[str, Any] | None:
        return self.reader("pack.toml").table(
            self.data["pack.toml"], "",
            {"language": "text", "version": "text", "title": "text", "last_reviewed": "date",
             "review_by": "date"},
            {"notes": "str", "translation": lambda v, k: v},
        )

    # checklist.toml ----------------------------------------------------------------------------
    def _checklist(self) -> Checklist | None:
        r = self.reader("checklist.toml")
        top = r.table(self.data["checklist.toml"], "", {"group": lambda v, k: v})
        if top is None:
            return None
        seen_items: set[str] = set()

        def read_option(value: Any, key: str) -> Option | None:
            t = r.table(value, key, {"id": "text", "label": "text"}, {"flag": "bool"})
            return Option(t["id"], t["label"], t.get("flag", False)) if t else None

        def read_unit(value: Any, key: str) -> Unit | None:
            t = r.table(value, key, {"id": "text", "label": "text"}, {"factor": "number"})
            if t is None:
                return None
            if t.get("factor", 1.0) <= 0:
                r.problem(f"{key}.factor", "must be greater than zero")
                return None
            return Unit(t["id"], t["label"], t.get("factor", 1.0))

        def read_item(value: Any, key: str) -> ChecklistItem | None:
            t = r.table(value, key, {"id": "text", "label": "text", "kind": "text"}, {
                "help": "str", "options": lambda v, k: r.table_list(v, k, read_option),
                "units": lambda v, k: r.table_list(v, k, read_unit),
                "minimum": "number", "maximum": "number", "unit_label": "str",
                "show_if": lambda v, k: v, "optional": "bool",
            })
            if t is None:
                return None
            if t["id"] in seen_items:
                r.problem(f"{key}.id", f"duplicate ID {t['id']!r}")
            seen_items.add(t["id"])
            kind = t["kind"]
            if kind not in ITEM_KINDS:
                r.problem(f"{key}.kind", f"{kind!r} is not one of {', '.join(ITEM_KINDS)}")
                return None
            if kind in ("choice", "multi") and not t.get("options"):
                r.problem(f"{key}.options", f"a {kind} item needs options")
            if kind == "measurement":
                units = t.get("units") or []
                if not units:
                    r.problem(f"{key}.units", "a measurement needs units")
                elif units[0].factor != 1.0:
                    r.problem(f"{key}.units[0].factor", "the first unit is canonical: factor 1")
            return ChecklistItem(
                id=t["id"], label=t["label"], kind=kind, help=t.get("help", ""),
                options=tuple(t.get("options", ())), units=tuple(t.get("units", ())),
                minimum=t.get("minimum"), maximum=t.get("maximum"),
                unit_label=t.get("unit_label", ""), show_if=None,
                optional=t.get("optional", False),
            )

        def read_group(value: Any, key: str) -> ChecklistGroup | None:
            t = r.table(value, key, {"id": "text", "title": "text",
                                     "item": lambda v, k: r.table_list(v, k, read_item)})
            return ChecklistGroup(t["id"], t["title"], tuple(t["item"])) if t else None

        groups = r.table_list(top["group"], "group", read_group)
        checklist = Checklist(tuple(groups))
        # show_if may name any item, so it is read once every item is known.
        resolved = []
        for gi, group in enumerate(self.data["checklist.toml"].get("group", [])):
            if not isinstance(group, dict) or not isinstance(group.get("item"), list):
                continue
            for item_data in group["item"]:
                if not isinstance(item_data, dict) or "show_if" not in item_data:
                    continue
                item = checklist.item(str(item_data.get("id")))
                key = f"group[{group.get('id', gi)}].item[{item_data.get('id')}].show_if"
                cond = _read_condition(r, item_data["show_if"], key, checklist)
                if item is not None and cond is not None:
                    resolved.append((item.id, cond))
        if resolved:
            updates = dict(resolved)
            groups = [
                ChecklistGroup(g.id, g.title, tuple(
                    _with_show_if(i, updates.get(i.id)) for i in g.items)) for g in groups
            ]
            checklist = Checklist(tuple(groups))
        return checklist

    # rules.toml --------------------------------------------------------------------------------
    def _rules(
        self, checklist: Checklist | None
    ) -> tuple[RuleSet | None, dict[Verdict, VerdictText] | None]:
        r = self.reader("rules.toml")
        reason: dict[str, Kind] = {"physician": "text", "patient": "text"}
        top = r.table(self.data["rules.toml"], "", {
            "verdicts": lambda v, k: v, "review_gate": lambda v, k: r.table(v, k, reason),
            "all_clear": lambda v, k: r.table(v, k, reason), "rule": lambda v, k: v,
        })
        if top is None:
            return None, None
        verdicts: dict[Verdict, VerdictText] = {}
        vt = r.table(top["verdicts"], "verdicts", {v.value: lambda v, k: v for v in Verdict})
        if vt is not None:
            for verdict in Verdict:
                t = r.table(vt[verdict.value], f"verdicts.{verdict.value}",
                            {"label": "text", "patient_label": "text"})
                if t is not None:
                    verdicts[verdict] = VerdictText(t["label"], t["patient_label"])
        gate, clear = top.get("review_gate"), top.get("all_clear")
        rule_values = {v.value for v in Verdict if v is not Verdict.MAY_PROCEED}

        def read_rule(value: Any, key: str) -> Rule | None:
            t = r.table(value, key, {"id": "text", "verdict": "text", "when": lambda v, k: v,
                                     **reason})
            if t is None:
                return None
            if t["verdict"] not in rule_values:
                r.problem(f"{key}.verdict", f"{t['verdict']!r} is not one of "
                          f"{', '.join(sorted(rule_values))} (only the engine grants may_proceed)")
                return None
            when = _read_condition(r, t["when"], f"{key}.when", checklist)
            if when is None:
                return None
            return Rule(t["id"], Verdict(t["verdict"]), when,
                        ReasonText(t["physician"], t["patient"]))

        rules = r.table_list(top["rule"], "rule", read_rule)
        if gate is None or clear is None or len(verdicts) != len(Verdict):
            return None, None
        return RuleSet(tuple(rules), ReasonText(**gate), ReasonText(**clear)), verdicts

    # conditions/*.toml -------------------------------------------------------------------------
    def _conditions(self) -> dict[str, ConditionPanel]:
        conditions: dict[str, ConditionPanel] = {}
        names = sorted(n for n in self.data if n.startswith(f"{CONDITIONS_DIR}/"))
        if not names:
            self.problems.append(Problem(CONDITIONS_DIR, "", "the pack has no condition panels"))
        for name in names:
            r = self.reader(name)
            t = self._condition_table(r, self.data[name])
            if t is None:
                continue
            if t["id"] in conditions:
                r.problem("id", f"duplicate ID {t['id']!r} (also in {conditions[t['id']].file})")
                continue
            ph, pa = t["physician"], t["patient"]
            conditions[t["id"]] = ConditionPanel(
                id=t["id"], title=t["title"],
                physician=PhysicianSide(**{k: tuple(v) for k, v in ph.items()}),
                patient=PatientSide(
                    inflammation=pa["inflammation"], aims=pa["aims"],
                    benefits=tuple(pa["benefits"]), limitations=tuple(pa["limitations"]),
                    other_options=tuple(pa["other_options"]), path=tuple(pa["path"]),
                    evidence=pa["evidence"], decision=pa["decision"],
                    key_facts=tuple(pa["key_facts"]), options=tuple(pa["options"]),
                    when_to_call=tuple(pa.get("when_to_call", ())),
                    icon_array=pa.get("icon_array")),
                follow_up=tuple(t["follow_up"]), file=name, order=t["order"],
            )
        ordered = sorted(conditions.values(), key=lambda c: (c.order, c.id))
        return {c.id: c for c in ordered}

    @staticmethod
    def _condition_table(r: TableReader, data: Any) -> dict[str, Any] | None:
        def read_row(value: Any, key: str) -> FollowUpRow | None:
            t = r.table(value, key, {"when": "text", "what": "text", "who": "text"})
            return FollowUpRow(t["when"], t["what"], t["who"]) if t else None

        def read_physician(value: Any, key: str) -> dict[str, Any] | None:
            return r.table(value, key, {"talking_points": "text_list",
                                        "screening_cautions": "text_list", "measure": "text_list"})

        def read_icons(value: Any, key: str) -> IconArray | None:
            t = r.table(value, key, {"count": "number", "label": "text", "comparator": "text"})
            if t is None:
                return None
            count = t["count"]
            if isinstance(count, bool) or count != int(count) or not 0 < count < 100:
                r.problem(f"{key}.count", "must be a whole number of people in 100 (1 to 99)")
                return None
            return IconArray(int(count), t["label"], t["comparator"])

        def read_patient(value: Any, key: str) -> dict[str, Any] | None:
            t = r.table(value, key, {
                "inflammation": "text", "aims": "text", "benefits": "text_list",
                "limitations": "text_list", "other_options": "text_list", "path": "text_list",
                "evidence": "text", "decision": "text", "key_facts": "text_list",
                "options": lambda v, k: r.table_list(v, k, lambda v2, k2: read_option(r, v2, k2)),
            }, {"when_to_call": "text_list", "icon_array": read_icons})
            if t is None:
                return None
            if not 3 <= len(t["key_facts"]) <= 5:
                r.problem(f"{key}.key_facts", "must hold three to five facts for page 1")
            if "standard" not in {o.id for o in t["options"]}:
                r.problem(f"{key}.options", "needs a row with id = \"standard\" (standard care)")
            if "msc" not in {o.id for o in t["options"]}:
                r.problem(f"{key}.options", "needs a row with id = \"msc\" (MSC therapy)")
            return t

        def read_rows(value: Any, key: str) -> list[Any]:
            return r.table_list(value, key, read_row)

        return r.table(data, "", {
            "id": "text", "title": "text", "order": "number", "physician": read_physician,
            "patient": read_patient, "follow_up": read_rows})

    # script.toml -------------------------------------------------------------------------------
    def _script(self) -> Script | None:
        r = self.reader("script.toml")

        def read_point(value: Any, key: str) -> ScriptPoint | None:
            t = r.table(value, key, {"id": "text", "say": "text", "takeaway": "text"})
            return ScriptPoint(**t) if t else None

        t = r.table(self.data["script.toml"], "", {
            "point": lambda v, k: r.table_list(v, k, read_point), "teach_back": "text_list"})
        return Script(tuple(t["point"]), tuple(t["teach_back"])) if t else None

    # handout.toml ------------------------------------------------------------------------------
    def _handout(self) -> HandoutText | None:
        r = self.reader("handout.toml")
        outcome: dict[str, Kind] = {"heading": "text", "text": "text", "next": "text"}
        alternatives: dict[str, Kind] = {"means": "text_list", "instead": "text_list"}

        def read_outcome(value: Any, key: str) -> dict[str, Any] | None:
            verdict = key.rpartition(".")[2]
            if verdict in OUTCOMES_WITH_ALTERNATIVES:
                return r.table(value, key, {**outcome, **alternatives})
            return r.table(value, key, outcome)

        def read_outcomes(value: Any, key: str) -> dict[str, Any] | None:
            return r.table(value, key, {v.value: read_outcome for v in Verdict})

        def read_notice(value: Any, key: str) -> StateNotice | None:
            n = r.table(value, key, {"jurisdiction": "text", "citation": "text", "source": "text",
                                     "checked_on": "past_date", "text": "text"},
                        {"translation": "text", "official_label": "text",
                         "patient_copy_points": "number"})
            if n is not None and ("translation" in n) != ("official_label" in n):
                r.problem(key, "a translated notice needs both translation and official_label")
            return StateNotice(**n) if n else None

        def read_glossary(value: Any, key: str) -> GlossaryEntry | None:
            g = r.table(value, key, {"term": "text", "definition": "text"})
            return GlossaryEntry(**g) if g else None

        t = r.table(self.data["handout.toml"], "", {
            "title": "text", "intro": "text",
            "headings": lambda v, k: r.table(v, k, {h: "text" for h in HANDOUT_HEADINGS}),
            "labels": lambda v, k: r.table(v, k, {h: "text" for h in HANDOUT_LABELS}),
            "summary": "text_list", "when_to_call": "text_list", "urgent_care": "text_list",
            "questions": "text_list", "next_steps": "text_list",
            "signature_statement": "text", "funding_placeholder": "text",
            "review_due_notice": "text",
            "outcome": read_outcomes,
            "regulatory": lambda v, k: r.table(v, k, {
                "jurisdiction": "text", "text": "text", "checked_on": "past_date"}),
            "glossary": lambda v, k: r.table_list(v, k, read_glossary),
            "cost": "text_list", "product_fields": "text_list",
            "common_options": lambda v, k: r.table_list(
                v, k, lambda v2, k2: read_option(r, v2, k2)),
            "months": "text_list", "date_format": "text",
            "say_no": "text", "interest": "text", "values": "text_list", "values_how": "text",
            "if_go_ahead": "text", "urgent_short": "text_list", "another_clinic": "text",
            "msc_definition": "text", "us_product_line": "text", "about_sheet": "text_list",
            "meanwhile": "text_list", "after": "text_list", "patient_copy": "text",
        }, {"state_notice": lambda v, k: r.table_list(v, k, read_notice, min_items=0)})
        if t is None:
            return None
        if not 3 <= len(t["summary"]) <= 5:
            r.problem("summary", "must hold three to five things to remember")
        if len(t["values"]) != 4:
            r.problem("values", "must hold four things a patient may care about")
        if len(t["urgent_short"]) > 3:
            r.problem("urgent_short", "must hold at most three lines")
        if "{visits}" not in t["if_go_ahead"]:
            r.problem("if_go_ahead", "must contain {visits}")
        if len(t["months"]) != 12:
            r.problem("months", "must name the twelve months, January first")
        for part in ("{day}", "{month}", "{year}"):
            if part not in t["date_format"]:
                r.problem("date_format", f"must contain {part}")
        return HandoutText(
            title=t["title"], intro=t["intro"], headings=t["headings"], labels=t["labels"],
            summary=tuple(t["summary"]), when_to_call=tuple(t["when_to_call"]),
            urgent_care=tuple(t["urgent_care"]), questions=tuple(t["questions"]),
            next_steps=tuple(t["next_steps"]), signature_statement=t["signature_statement"],
            funding_placeholder=t["funding_placeholder"],
            review_due_notice=t["review_due_notice"],
            outcomes={Verdict(k): Outcome(**{**v, "means": tuple(v.get("means", ())),
                                             "instead": tuple(v.get("instead", ()))})
                      for k, v in t["outcome"].items()},
            regulatory=RegulatoryText(**t["regulatory"]), glossary=tuple(t["glossary"]),
            cost=tuple(t["cost"]), common_options=tuple(t["common_options"]),
            product_fields=tuple(t["product_fields"]), months=tuple(t["months"]),
            date_format=t["date_format"], notices=tuple(t.get("state_notice", ())),
            say_no=t["say_no"], interest=t["interest"], values=tuple(t["values"]),
            values_how=t["values_how"],
            if_go_ahead=t["if_go_ahead"], urgent_short=tuple(t["urgent_short"]),
            another_clinic=t["another_clinic"], msc_definition=t["msc_definition"],
            us_product_line=t["us_product_line"], about_sheet=tuple(t["about_sheet"]),
            meanwhile=tuple(t["meanwhile"]), after=tuple(t["after"]),
            patient_copy=t["patient_copy"],
        )

    # sources.toml ------------------------------------------------------------------------------
    def _sources(self) -> list[Source]:
        r = self.reader("sources.toml")

        def read_source(value: Any, key: str) -> Source | None:
            t = r.table(value, key, {"id": "text", "title": "text", "publisher": "text",
                                     "date": "text"}, {"url": "str", "note": "str",
                                                       "conditions": "str_list",
                                                       "patient": "bool"})
            if t is None:
                return None
            return Source(**{**t, "conditions": tuple(t.get("conditions", ()))})

        t = r.table(self.data["sources.toml"], "", {
            "source": lambda v, k: r.table_list(v, k, read_source)})
        return t["source"] if t else []


def read_option(r: TableReader, value: Any, key: str) -> OptionRow | None:
    """One row of the options table: what it involves, benefits, risks and cost."""
    t = r.table(value, key, {"id": "text", "name": "text", "involves": "text",
                             "benefits": "text", "risks": "text", "cost": "text"})
    return OptionRow(**t) if t else None


def _with_show_if(item: ChecklistItem, cond: Condition | None) -> ChecklistItem:
    if cond is None:
        return item
    return replace(item, show_if=cond)


def _read_condition(
    r: TableReader, data: Any, key: str, checklist: Checklist | None
) -> Condition | None:
    """``{item = "x", in = [...]}``, ``{all = [...]}``, ``{any = [...]}`` or ``{not = {...}}``."""
    if not isinstance(data, dict):
        r.problem(key, "a condition must be a table")
        return None
    for combinator in ("all", "any"):
        if combinator in data:
            if len(data) != 1 or not isinstance(data[combinator], list) or not data[combinator]:
                r.problem(key, f"'{combinator}' must be the only key and hold a list of conditions")
                return None
            parts = [_read_condition(r, d, f"{key}.{combinator}[{i}]", checklist)
                     for i, d in enumerate(data[combinator])]
            if any(p is None for p in parts):
                return None
            cls = AllOf if combinator == "all" else AnyOf
            return cls(tuple(p for p in parts if p is not None))
    if "not" in data:
        if len(data) != 1:
            r.problem(key, "'not' must be the only key")
            return None
        part = _read_condition(r, data["not"], f"{key}.not", checklist)
        return Not(part) if part is not None else None
    ops = [k for k in data if k != "item"]
    if "item" not in data or not isinstance(data["item"], str):
        r.problem(key, "a test needs 'item' naming a checklist item")
        return None
    if len(ops) != 1 or ops[0] not in CONDITION_OPS:
        unknown = [o for o in ops if o not in CONDITION_OPS]
        what = f"unknown test {unknown[0]!r}" if unknown else "exactly one test is needed"
        r.problem(key, f"{what} (tests: {', '.join(CONDITION_OPS)})")
        return None
    op = ops[0]
    value = data[op]
    if op in ("in", "not_in", "includes_any") and not isinstance(value, list):
        r.problem(f"{key}.{op}", "must be a list")
        return None
    if op in ("above", "at_least", "below", "at_most") and (
            isinstance(value, bool) or not isinstance(value, int | float)):
        r.problem(f"{key}.{op}", "must be a number")
        return None
    if op in ("is_true", "is_false", "missing") and not isinstance(value, bool):
        r.problem(f"{key}.{op}", "must be true or false")
        return None
    test = Check(data["item"], op, value)
    if checklist is not None:
        _check_test_targets(r, test, key, checklist)
    return test


def _check_test_targets(r: TableReader, test: Check, key: str, checklist: Checklist) -> None:
    for fact in condition_facts(test):
        if fact in BUILTIN_FACTS:
            continue
        item = checklist.item(fact)
        if item is None:
            r.problem(f"{key}.item", f"{fact!r} is not an item of the checklist")
            continue
        values = test.value if test.op in ("in", "not_in", "includes_any") else (
            [test.value] if test.op in ("equals", "not_equals") else [])
        if item.kind in ("choice", "multi"):
            for v in values:
                if item.option(str(v)) is None:
                    r.problem(f"{key}.{test.op}", f"{v!r} is not an option of item {fact!r}")

