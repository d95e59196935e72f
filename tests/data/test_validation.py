"""Unit tests: validation of records and references, on a tiny in-memory dataset."""
from __future__ import annotations

from pathlib import Path

from macros.check.integrity import check_consistency, check_references, kinds_by_id
from macros.check.validate import validate_records
from macros.load.data_files import load_data_folder

SOURCE = "- id: src\n  title: T\n  publisher: P\n  date: '2023-04'\n  kind: analysis\n"
ACTORS = ("- id: kazakhstan\n  type: state\n  name: Kazakhstan\n  summary: S.\n  sources: [src]\n"
          "- id: csto-chief\n  type: person\n  name: Chief\n  summary: S.\n  sources: [src]\n"
          "  positions:\n    - {title: Chief, of: ctso, sources: [src]}\n")
ORGANIZATIONS = "- id: csto\n  name: Collective\n  kind: military-alliance\n  summary: S.\n  sources: [src]\n"


def problems_for(tmp_path: Path, **files: str) -> list[str]:
    """Write the given data files (plus defaults) and return every problem, formatted."""
    data = tmp_path / "data"
    data.mkdir()
    defaults = {"sources": SOURCE, "actors": ACTORS, "organizations": ORGANIZATIONS}
    for name, text in {**defaults, **files}.items():
        (data / f"{name}.yml").write_text(text, encoding="utf-8")
    loaded = load_data_folder(data)
    dataset, raw_by_id, problems = validate_records(loaded)
    kinds = kinds_by_id(raw_by_id)
    problems += check_references(loaded, kinds) + check_consistency(dataset, kinds)
    return sorted(p.format() for p in problems)


def test_reference_to_unknown_body_names_field_and_suggests(tmp_path):
    assert problems_for(tmp_path) == [
        "data/actors.yml:12: csto-chief: positions.of: unknown actor or organization 'ctso'; "
        "did you mean 'csto'? (expected the id of an existing actor or organization)"]


def test_unknown_field_is_named_with_the_closest_valid_one(tmp_path):
    memberships = "- member: kazakhstan\n  orgnization: csto\n  role: member\n  sources: [src]\n"
    found = problems_for(tmp_path, memberships=memberships,
                         actors=ACTORS.replace("of: ctso", "of: csto"))
    assert "data/memberships.yml:2: kazakhstan in ?: orgnization: unknown field 'orgnization'; " \
           "did you mean 'organization'? (expected one of as_of, disagreement, end, ended_by, member, note, " \
           "organization, role, sources, start, started_by, status)" in found
    assert any("organization: required field is missing or empty" in line for line in found)


def test_membership_listed_twice_and_end_before_start(tmp_path):
    one = ("- member: kazakhstan\n  organization: csto\n  role: member\n  start: '2010'\n  end: '2009'\n"
           "  sources: [src]\n")
    found = problems_for(tmp_path, memberships=one + one, actors=ACTORS.replace("of: ctso", "of: csto"))
    assert found == [
        "data/memberships.yml:1: kazakhstan in csto: end: ends (2009) before it starts (2010) "
        "(expected an end on or after the start)",
        "data/memberships.yml:7: kazakhstan in csto: end: ends (2009) before it starts (2010) "
        "(expected an end on or after the start)",
        "data/memberships.yml:7: kazakhstan in csto: member: this membership is listed twice "
        "(first at data/memberships.yml:1) (expected each membership once; add sources to the first one instead)",
    ]


def test_reports_in_one_role_at_different_dates_are_a_history_not_a_duplicate(tmp_path):
    def report(as_of: str, **dates: str) -> str:
        extra = "".join(f"  {name}: '{value}'\n" for name, value in dates.items())
        return (f"- member: kazakhstan\n  organization: csto\n  role: member\n  as_of: '{as_of}'\n{extra}"
                "  sources: [src]\n")

    actors = ACTORS.replace("of: ctso", "of: csto")
    for folder in ("dates", "same", "ends"):
        (tmp_path / folder).mkdir()
    assert problems_for(tmp_path / "dates", memberships=report("2023-04") + report("2025-01"), actors=actors) == []
    twice = [line for line in problems_for(tmp_path / "same", memberships=report("2023-04") + report("2023-04"),
                                           actors=actors) if "listed twice" in line]
    assert twice == ["data/memberships.yml:6: kazakhstan in csto: member: this membership is listed twice "
                     "(first at data/memberships.yml:1) (expected each membership once; add sources to the first "
                     "one instead)"]
    # The same start with a different end is a different period (the periods check judges the overlap).
    ended = report("2023-04", start="2010") + report("2023-04", start="2010", end="2012")
    assert not [line for line in problems_for(tmp_path / "ends", memberships=ended, actors=actors)
                if "listed twice" in line]


def test_duplicate_id_names_both_places(tmp_path):
    found = problems_for(tmp_path, organizations=ORGANIZATIONS + ORGANIZATIONS.replace("csto", "csto", 1),
                         actors=ACTORS.replace("of: ctso", "of: csto"))
    assert found == ["data/organizations.yml:6: csto: id: duplicate id: already used by the organization at "
                     "data/organizations.yml:1 (expected ids unique across all data)"]


def test_record_without_source_and_statement_disputing_itself(tmp_path):
    statements = "- id: s1\n  speakers: [kazakhstan]\n  quote: Q\n  disputes: [s1]\n"
    found = problems_for(tmp_path, statements=statements, actors=ACTORS.replace("of: ctso", "of: csto"))
    assert found == [
        "data/statements.yml:1: s1: disputes: the statement disputes itself (expected the id of another statement)",
        "data/statements.yml:1: s1: sources: required field is missing or empty "
        "(expected Sources for this fact: source ids, or {source, locator}.)",
    ]


def test_the_real_data_validates(real_data):
    loaded, dataset, raw_by_id = real_data.loaded, real_data.dataset, real_data.raw_by_id
    kinds = kinds_by_id(raw_by_id)
    problems = real_data.problems + check_references(loaded, kinds) + check_consistency(dataset, kinds)
    assert [p.format() for p in problems] == []
    assert len(dataset.actors) >= 20 and len(dataset.memberships) >= 25
