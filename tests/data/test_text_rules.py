"""What text may hold, and how long it may be: the rules of model/text_rules.py and the limits declared per field.

Invisible and look-alike characters were published silently ("\\u202eanihC \\u202c" reads "China", a second
"Afghanistan" with a Cyrillic 'А' sat beside the real one in tables and CSV), and no field had a size limit
(5.2 MB of data made a 194 MB site). Each problem names the character by its code point, or the length
and the limit; real names in other scripts stay possible.
"""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import pytest

from macros.check.validate import validate_records
from macros.export.schema import kind_schema
from macros.load.data_files import LoadedData, RawRecord
from macros.model.records import KINDS, LIST_SHAPES, TEXT_SHAPES, Field, declare, fields_of
from macros.render.field_limits import render_field_limits
from macros.site.assemble import check_site
from macros.site.macros import MacroSet
from macros.site.state import SiteSettings
from tests.support import MINIMAL, PROJECT_DIR, bench_module, copy_project, schema_validator

SOURCE = {"id": "s", "title": "A report", "publisher": "P", "date": "2023", "kind": "news"}


def raw(fields: dict[str, Any], line: int = 1) -> RawRecord:
    """A raw record as the loader gives it (nested mappings as RawRecords too)."""
    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return RawRecord("data/x.yml", line, {k: convert(v) for k, v in value.items()}, {})
        if isinstance(value, list):
            return [convert(item) for item in value]
        return value
    return RawRecord("data/actors.yml", line, {k: convert(v) for k, v in fields.items()},
                     {name: line + number for number, name in enumerate(fields)})


def problems_of(kind: str, **fields: Any) -> list[str]:
    """The formatted problems of one record of a kind (with a source to cite)."""
    defaults = {"actors": {"id": "a", "type": "state", "name": "A", "summary": "S.", "sources": ["s"]},
                "sources": SOURCE,
                "statements": {"id": "st", "attribution": "Someone", "quote": "Q.", "sources": ["s"]}}[kind]
    records = {name: [] for name in KINDS}
    records[kind].append(raw({**defaults, **fields}))
    if kind != "sources":
        records["sources"].append(raw(SOURCE))
    _dataset, _raw_by_id, problems = validate_records(LoadedData(records, []))
    return [problem.format() for problem in problems]


# ---------------------------------------------------------------- invisible, reordering and look-alike characters

REFUSED_NAMES = [
    ("\u202eanihC \u202c", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2067China\u2069", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("Afgh\u200banistan", "U+200B ZERO WIDTH SPACE"),
    ("Afgh\u200canistan", "U+200C ZERO WIDTH NON-JOINER"),  # a joiner between Latin letters joins nothing
    ("Afgh\u2060anistan", "U+2060 WORD JOINER"),
    ("Afghan\u00adistan", "U+00AD SOFT HYPHEN"),
    ("Afghan\ufeffistan", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),  # a byte-order mark inside the text
    ("Afghanistan\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ("Afghanistan\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
    ("Kabul\u3164", "U+3164 HANGUL FILLER"),
    ("Afghanistan\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ("Afghani\u2028stan", "U+2028 LINE SEPARATOR"),
    ("A\u034fB", "U+034F COMBINING GRAPHEME JOINER"),
    ("\u0410fghanistan", "U+0410 CYRILLIC CAPITAL LETTER A"),  # the look-alike
    ("Afgh\u0430nist\u0430n", "U+0430 CYRILLIC SMALL LETTER A"),
    ("\u0391fghanistan", "U+0391 GREEK CAPITAL LETTER ALPHA"),
    ("\uff21fghanistan", "U+FF21 FULLWIDTH LATIN CAPITAL LETTER A"),
    ("\U0001d400fghanistan", "U+1D400 MATHEMATICAL BOLD CAPITAL A"),
    ("Kabul\u00a0Province", "U+00A0 NO-BREAK SPACE"),
    ("Tu\u0308rkiye", "decomposed or compatibility form"),  # 'ü' as 'u' + a combining mark: a second Türkiye
    ("\u0420\u043e\u0441\u0441\u0438ya", "U+0079 LATIN SMALL LETTER Y"),  # Russian with Latin letters
]


@pytest.mark.parametrize("name, named", REFUSED_NAMES, ids=[case[1] for case in REFUSED_NAMES])
@pytest.mark.parametrize("field", ["name", "other_names"])
def test_a_name_or_alias_with_a_hidden_or_look_alike_character_is_refused_by_code_point(name, named, field) -> None:
    lines = problems_of("actors", **{field: [name] if field == "other_names" else name})
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"data/actors.yml:{3 if field == 'name' else 6}: a: {field}: ")
    assert named in lines[0]


ACCEPTED_NAMES = [
    "Россия", "Российская Федерация", "Ташкент",  # Russian and Uzbek in Cyrillic
    "د افغانستان اسلامي امارت",  # Pashto
    "امارت اسلامی افغانستان", "افغانستان\u200cها",  # Dari, with the zero-width non-joiner of its spelling
    "上海合作组织", "東京タワー", "한국",  # Chinese; Japanese mixes its scripts in one word; Korean
    "Türkiye", "Côte d’Ivoire", "Al-Qaida", "O'Brien", "Tehrik-i-Taliban Pakistan", "ISIS-K (ISKP)",
]


@pytest.mark.parametrize("name", ACCEPTED_NAMES)
def test_real_names_in_other_scripts_are_accepted(name: str) -> None:
    assert problems_of("actors", name=name, other_names=[name]) == []


def test_running_text_refuses_reordering_and_invisible_characters_but_keeps_direction_marks() -> None:
    assert problems_of("actors", summary="Quoted: \u200fطالبان\u200f said so.") == []  # marks copied from a source
    for character in ("\u202e", "\u2066", "\u200b", "\u00ad", "\ufeff", "\u2028"):
        lines = problems_of("actors", summary=f"A state{character} indeed.")
        assert len(lines) == 1 and f"U+{ord(character):04X}" in lines[0] and ": a: summary: " in lines[0]


def test_a_web_address_and_a_quote_refuse_hidden_characters_too() -> None:
    assert "U+202E" in problems_of("sources", url="https://example.org/\u202egpj.exe")[0]
    assert "U+200B" in problems_of("statements", quote="Мы\u200b не участвуем")[0]
    assert problems_of("statements", quote="Мы не участвуем в работе организации") == []


def test_every_problem_of_a_record_is_named_in_one_run() -> None:
    lines = problems_of("actors", name="\u0410fghanistan", other_names=["Ok", "A\u200bB", "\u202eX"],
                        summary="S\u200b.")
    assert [line.split(": ")[2] for line in lines] == ["name", "other_names", "other_names", "summary"]


def test_aliases_are_shown_isolated_so_a_right_to_left_one_reorders_nothing(tmp_path: Path) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    actors = project / "data" / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "  other_names:\n    - Alpha\n", "  other_names:\n    - Alpha\n    - \"د افغانستان اسلامي امارت\"\n", 1),
        encoding="utf-8")
    site, problems = check_site(SiteSettings(project_dir=project, docs_dir=project / "docs",
                                             data_dir=project / "data", parse_cache_dir=None))
    assert problems == [] and site is not None
    macros = MacroSet(site)
    macros.start_page("actors/alpha-land.md", "alpha-land")
    assert "<bdi>Alpha</bdi>; <bdi>د افغانستان اسلامي امارت</bdi>" in macros.call("profile")
    macros.start_page("actors/index.md", None)
    assert "<bdi>Alpha</bdi>; <bdi>د افغانستان اسلامي امارت</bdi>" in macros.call("actor_index")


# ---------------------------------------------------------------- size limits, declared once per field

def all_specs() -> list[tuple[str, Field]]:
    """Every field spec of every kind, nested ones too, named 'kind.field.inner'."""
    found = []

    def walk(prefix: str, specs: tuple[Field, ...]) -> None:
        for spec in specs:
            found.append((prefix + spec.name, spec))
            if spec.shape == "records":
                walk(prefix + spec.name + ".", spec.item_fields)
    for kind in KINDS.values():
        walk(kind.name + ".", kind.fields)
    return found


@pytest.mark.parametrize("name, spec", all_specs(), ids=[name for name, _ in all_specs()])
def test_every_text_field_declares_its_length_and_every_list_its_items(name: str, spec: Field) -> None:
    assert (spec.max_length is not None) == (spec.shape in TEXT_SHAPES)
    assert (spec.max_items is not None) == (spec.shape in LIST_SHAPES)


def test_a_text_field_cannot_be_declared_without_a_limit() -> None:
    with pytest.raises(ValueError, match="max_length"):
        declare("text", "A note.")
    with pytest.raises(ValueError, match="max_items"):
        declare("references", "Who.", refers_to=("actor",))


def test_a_field_over_its_limit_names_its_length_and_the_limit() -> None:
    assert problems_of("actors", summary="x" * 2000) == []
    assert problems_of("actors", summary="x" * 2001) == [
        "data/actors.yml:4: a: summary: is 2,001 characters long, more than 2,000 (expected at most 2,000 "
        "characters in 'summary')"]
    assert problems_of("actors", name="N" * 151)[0].endswith(
        "more than 150 (expected at most 150 characters in 'name')")


def test_lists_and_nested_fields_have_limits_too() -> None:
    lines = problems_of("actors", type="person", other_names=[f"Name {number}" for number in range(31)],
                        sources=[{"source": "s", "locator": "p" * 301}] * 51,
                        positions=[{"title": "T" * 201, "of": "a", "sources": ["s"]}])
    assert [line.split(": ", 3)[2:] for line in lines] == [
        ["other_names", "lists 31 items, more than 30 (expected at most 30 items in 'other_names')"],
        ["positions.title", "is 201 characters long, more than 200 (expected at most 200 characters in 'title')"],
        ["sources", "lists 51 items, more than 50 (expected at most 50 items in 'sources')"],
    ]
    locator = problems_of("actors", sources=[{"source": "s", "locator": "p" * 301}])
    assert locator[0].split(": ", 3)[2] == "sources.locator"


def test_an_id_has_a_length_limit() -> None:
    assert "more than 80" in problems_of("actors", id="a" * 81)[0]


def test_megabytes_in_every_field_are_refused_quickly() -> None:
    # The size-abuse route of the issue, at bench scale: 10,000 events of 500 KB summaries each would be 5 GB;
    # one 5 MB summary and 1,000 oversized events must each cost little.
    started = time.perf_counter()
    assert len(problems_of("actors", summary="\u202e" + "x" * 5_000_000)) == 1
    records = {name: [] for name in KINDS}
    records["sources"].append(raw(SOURCE))
    records["events"] = [raw({"id": f"e-{number}", "title": "T" * 300, "kind": "talks", "date": "2023",
                              "summary": "S" * 3000, "sources": ["s"] * 60}, line=number * 10 + 1)
                         for number in range(1000)]
    _dataset, _raw_by_id, problems = validate_records(LoadedData(records, []))
    assert len(problems) == 3000
    assert time.perf_counter() - started < 5


def test_the_schema_states_each_limit_as_the_check_does() -> None:
    schema = kind_schema(KINDS["actors"])
    properties = schema["$defs"]["actor"]["properties"]
    assert properties["summary"]["maxLength"] == 2000
    assert properties["other_names"]["anyOf"][0]["maxItems"] == 30
    assert properties["other_names"]["anyOf"][0]["items"]["maxLength"] == 150
    validator = schema_validator(schema)
    record = {"id": "a", "type": "state", "name": "A", "summary": "S" * 2000, "sources": ["s"]}
    assert list(validator.iter_errors([record])) == []
    assert list(validator.iter_errors([{**record, "summary": "S" * 2001}]))
    assert list(validator.iter_errors([{**record, "sources": ["s"] * 51}]))


def test_the_editing_guide_shows_every_limit_from_the_declarations() -> None:
    assert "{{ field_limits() }}" in (PROJECT_DIR / "docs" / "editing.md").read_text(encoding="utf-8")
    table = render_field_limits()
    for name, spec in all_specs():
        if spec.shape != "id":
            limit = spec.max_length if spec.max_length is not None else spec.max_items
            if limit is not None:
                assert f"<code>{name.split('.', 1)[1]}</code> {limit:,}" in table, name


def test_the_generated_bench_data_fits_every_limit(tmp_path: Path) -> None:
    from macros.load.data_files import load_data_folder

    out = tmp_path / "project"
    bench_module("generate").write_project(50, 3, out)
    _dataset, _raw_by_id, problems = validate_records(load_data_folder(out / "data"))
    assert [problem.format() for problem in problems] == []


def test_a_limit_belongs_to_its_field_class_and_nothing_else_keeps_one() -> None:
    # The checker, the schema and the guide all read the spec: a changed limit changes all three.
    spec = dataclasses.replace(next(s for s in fields_of(KINDS["actors"].record_class) if s.name == "summary"),
                               max_length=10)
    from macros.export.schema import field_schema

    assert field_schema(spec)["maxLength"] == 10
