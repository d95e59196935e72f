"""A field is declared once, on its record class, and everything else follows from that declaration.

The test declares a field that the model does not have (an organization's website), swaps the
organizations' kind for one whose record class carries it, and follows it everywhere the specs are
read: the kind's fields, the JSON Schema, the JSON and CSV downloads, validation, the `new` stub
and the data page's summary. Nothing else is edited, so anything that kept its own list of fields
would miss it. Records missing a required field are then shown never to vanish without a problem.
"""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from macros.check.validate import validate_records
from macros.cli.new import render_stub
from macros.export.downloads import iterate_kind_csv, record_as_csv_row, record_as_json
from macros.export.schema import kind_schema
from macros.load.data_files import LoadedData, load_data_folder
from macros.model.dataset import label_of_fields, label_of_record
from macros.model.records import KINDS, Field, Organization, declare, fields_of
from macros.query.index import build_index
from macros.render.components import Draw
from macros.render.overviews import render_data_summary
from macros.render.urls import PageLinks
from tests.support import MINIMAL, schema_validator

WEBSITE = "https://pact.example.org/about?lang=en"


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrganizationWithWebsite(Organization):
    """An organization as the model would declare it with one field more."""

    website: str | None = declare("url", "The organization's own website (https).", max_length=500)


@pytest.fixture
def website_kind(monkeypatch):
    """The organizations' kind, its record class swapped for one that declares 'website'."""
    kind = dataclasses.replace(KINDS["organizations"], record_class=OrganizationWithWebsite)
    monkeypatch.setitem(KINDS, "organizations", kind)
    return kind


def minimal_data(tmp_path: Path, website: str) -> Path:
    """The minimal fixture's data, its first organization (pact) given a website line."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL / "data", data)
    organizations = data / "organizations.yml"
    text = organizations.read_text(encoding="utf-8")
    assert text.count("  short_name: TPO\n") == 1
    organizations.write_text(text.replace("  short_name: TPO\n", f"  short_name: TPO\n  website: {website}\n"),
                             encoding="utf-8")
    return data


def test_a_field_declared_on_the_class_is_a_field_of_the_kind_and_its_schema(website_kind):
    spec = website_kind.field_named("website")
    assert spec == Field("website", "url", "The organization's own website (https).", max_length=500)
    assert [field.name for field in website_kind.fields] == [field.name for field in fields_of(Organization)] + [
        "website"]
    properties = kind_schema(website_kind)["$defs"]["organization"]["properties"]
    assert "website" in properties and properties["website"]["description"] == spec.description
    validator = schema_validator(kind_schema(website_kind))
    pact = {"id": "pact", "name": "Pact", "summary": "S.", "sources": ["report-2023"]}
    assert list(validator.iter_errors([{**pact, "website": WEBSITE}])) == []
    assert list(validator.iter_errors([{**pact, "website": "javascript:alert(1)"}]))  # the url shape, not any text


def test_validation_puts_the_value_in_the_built_record(website_kind, tmp_path):
    dataset, _raw_by_id, problems = validate_records(load_data_folder(minimal_data(tmp_path, WEBSITE)))
    assert [problem.format() for problem in problems] == []
    pact = next(organization for organization in dataset.organizations if organization.id == "pact")
    assert type(pact) is OrganizationWithWebsite and pact.website == WEBSITE
    forum = next(organization for organization in dataset.organizations if organization.id == "forum")
    assert forum.website is None  # optional: absent is None


def test_validation_checks_the_value_by_its_declared_shape(website_kind, tmp_path):
    _dataset, _raw_by_id, problems = validate_records(load_data_folder(minimal_data(tmp_path, "javascript:x")))
    assert [problem.format() for problem in problems] == [
        "data/organizations.yml:4: pact: website: 'javascript:x' is not a web address (expected https://…)"]


def test_without_the_declaration_the_field_is_unknown(tmp_path):
    _dataset, _raw_by_id, problems = validate_records(load_data_folder(minimal_data(tmp_path, WEBSITE)))
    assert [(problem.record, problem.field) for problem in problems] == [("pact", "website")]
    assert problems[0].message == "unknown field 'website'"


def test_the_downloads_carry_the_field(website_kind, tmp_path):
    dataset, _raw_by_id, _problems = validate_records(load_data_folder(minimal_data(tmp_path, WEBSITE)))
    pact, forum = dataset.organizations
    assert record_as_json(pact, website_kind)["website"] == WEBSITE
    assert "website" not in record_as_json(forum, website_kind)  # empty fields are left out, as in the data file
    assert record_as_csv_row(pact, website_kind)["website"] == WEBSITE
    assert record_as_csv_row(forum, website_kind)["website"] == ""
    header = "".join(iterate_kind_csv(dataset.organizations, website_kind)).splitlines()[0]
    assert header.split(",")[-1] == "website"
    schema_validator(kind_schema(website_kind)).validate(
        json.loads(json.dumps([record_as_json(record, website_kind) for record in dataset.organizations])))


def test_the_new_stub_and_the_data_page_name_the_field(website_kind, tmp_path):
    assert "website" in render_stub(website_kind, {"id": "new-pact"}).splitlines()[-1]  # '# optional: …'
    dataset, _raw_by_id, _problems = validate_records(load_data_folder(minimal_data(tmp_path, WEBSITE)))
    summary = render_data_summary(Draw(build_index(dataset), PageLinks("data/", {}, {})))
    row = summary[summary.index('<tr data-kind="organizations">'):]
    assert "<code>website</code>" in row[:row.index("</tr>")]


# ---------------------------------------------------------------- required fields

def required_field_cases() -> list[tuple[str, str]]:
    """(kind, field) for every required field of every kind, nested ones as 'positions.title'."""
    cases = []
    for kind in KINDS.values():
        for spec in kind.fields:
            if spec.required:
                cases.append((kind.name, spec.name))
            cases += [(kind.name, f"{spec.name}.{item.name}") for item in spec.item_fields if item.required]
    return cases


@pytest.mark.parametrize("kind_name, field_name", required_field_cases(),
                         ids=[f"{kind}.{field}" for kind, field in required_field_cases()])
def test_a_record_missing_a_required_field_is_reported_never_silently_dropped(kind_name, field_name):
    loaded = load_data_folder(MINIMAL / "data")
    assert loaded.problems == []
    outer, _, inner = field_name.partition(".")
    # The first record of the kind that has the field (for a nested field: an item with it) loses it.
    raw = next(raw for raw in loaded.records[kind_name] if outer in raw.fields
               and (not inner or any(inner in item.fields for item in raw.fields[outer])))
    if inner:
        item = next(item for item in raw.fields[outer] if inner in item.fields)
        del item.fields[inner]
    else:
        del raw.fields[field_name]
    label = label_of_fields(raw.fields)
    dataset, _raw_by_id, problems = validate_records(LoadedData(loaded.records, []))
    missing = [problem for problem in problems if problem.field == field_name]
    assert [(problem.path, problem.record, problem.message) for problem in missing] == [
        (raw.path, label, "required field is missing or empty")]
    # Every record is either in the dataset or named by a problem: none vanishes silently.
    built = {label_of_record(record) for kinds in KINDS for record in dataset.records_of(kinds)}
    named = {problem.record for problem in problems}
    for records in loaded.records.values():
        for each in records:
            assert label_of_fields(each.fields) in built | named, f"{label_of_fields(each.fields)} vanished"
