"""The JSON Schemas: generated from the model, committed up to date, and valid for the real data."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pytest

from macros.export.schema import find_outdated_schemas, kind_schema, render_all_schemas, write_schemas
from macros.load.data_files import RawRecord
from macros.model.records import ACTOR_TYPES, KINDS, Actor, declare
from tests.support import PROJECT_DIR, schema_validator, schema_validator_class

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


def _plain(value):
    """RawRecords (the loader's mappings) as plain dicts, the way a YAML editor sees the file."""
    if isinstance(value, RawRecord):
        return {key: _plain(item) for key, item in value.fields.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _validator(kind_name: str) -> Draft202012Validator:
    return schema_validator(kind_schema(KINDS[kind_name]))


def test_committed_schema_files_match_the_model():
    outdated = find_outdated_schemas(PROJECT_DIR / "schema")
    assert outdated == [], f"run `python -m macros schema`: out of date: {outdated}"


def test_a_model_change_makes_the_committed_schema_outdated(tmp_path, monkeypatch):
    write_schemas(tmp_path)
    assert find_outdated_schemas(tmp_path) == []

    # The record class is the declaration: a subclass redeclaring one field (in its place) is a changed model.
    @dataclass(frozen=True, kw_only=True)
    class ActorWithAlliances(Actor):
        type: str = declare("choice", "What sort of actor.", required=True, choices=(*ACTOR_TYPES, "alliance"))

    monkeypatch.setitem(KINDS, "actors", replace(KINDS["actors"], record_class=ActorWithAlliances))
    assert [spec.name for spec in KINDS["actors"].fields] == [spec.name for spec in Actor.__dataclass_fields__
                                                              .values() if "spec" in spec.metadata]
    assert find_outdated_schemas(tmp_path) == ["actors.schema.json"]


def test_every_schema_is_a_valid_json_schema():
    schemas = render_all_schemas()
    assert sorted(schemas) == sorted(f"{kind}.schema.json" for kind in KINDS)
    for text in schemas.values():
        schema_validator_class().check_schema(json.loads(text))  # raises SchemaError for an invalid schema


@pytest.mark.parametrize("kind_name", list(KINDS))
def test_the_real_data_validates_against_its_schema(kind_name, real_data):
    records = _plain(real_data.loaded.records[kind_name])
    assert records, f"no {kind_name} in the data"
    errors = [f"{list(error.path)}: {error.message}" for error in _validator(kind_name).iter_errors(records)]
    assert errors == []


def test_every_data_file_names_its_schema_on_the_first_line():
    for kind_name in KINDS:
        first_line = (PROJECT_DIR / "data" / f"{kind_name}.yml").read_text(encoding="utf-8").split("\n")[0]
        assert first_line == f"# yaml-language-server: $schema=../schema/{kind_name}.schema.json"


def test_the_schema_rejects_what_the_checker_rejects():
    actor = {"id": "new-actor", "type": "person", "name": "N", "summary": "S", "sources": ["a-source"]}
    validator = _validator("actors")
    assert list(validator.iter_errors([actor])) == []
    bad = [
        {**actor, "type": "persn"},  # not a choice
        {**actor, "id": "New_Actor"},  # breaks the id rule
        {**actor, "colour": "red"},  # unknown field
        {key: value for key, value in actor.items() if key != "summary"},  # required field missing
        {**actor, "sources": []},  # required list empty
        {**actor, "sources": [{"locator": "p. 1"}]},  # a citation without a source
        {**actor, "positions": [{"title": "Minister", "of": "russia", "as_of": "2023-4", "sources": ["s"]}]},
    ]
    for record in bad:
        assert list(validator.iter_errors([record])), f"accepted: {record}"


def test_the_schema_accepts_what_the_checker_accepts():
    event = {"id": "e", "title": "T", "kind": "meeting", "date": 2023, "summary": "S",
             "place": None, "sources": ["s", {"source": "s", "locator": "paragraph 2"}],
             "participants": [{"actor": "russia", "role": "host"}]}
    assert list(_validator("events").iter_errors([event])) == []
    for date in ("2023", "2023-02", "2023-02-14"):
        assert list(_validator("events").iter_errors([{**event, "date": date}])) == []
