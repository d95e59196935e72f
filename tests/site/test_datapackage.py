"""The CSV downloads as a Frictionless data package: it validates with frictionless, its table schemas
follow the field declarations, and a broken key is caught."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from macros.export.downloads import write_downloads
from macros.export.tables import csv_columns
from macros.model.records import KINDS


@pytest.fixture(scope="module")
def downloads(real_site, tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("package")
    write_downloads(real_site.index.dataset, site_dir)
    return site_dir / "downloads"


@pytest.mark.slow  # a researcher's tool over the real downloads: seconds, not milliseconds
def test_frictionless_validates_the_package_and_every_csv(downloads):
    import frictionless  # imported where used: collecting the tests should not pay for it

    report = frictionless.validate(downloads / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert len(report.tasks) == len(KINDS)


def test_each_table_schema_follows_the_declared_fields(downloads):
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        kind = KINDS[resource["name"]]
        with (downloads / resource["path"]).open(encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        assert [field["name"] for field in resource["schema"]["fields"]] == header == csv_columns(kind)
        required = {field["name"] for field in resource["schema"]["fields"]
                    if field.get("constraints", {}).get("required")}
        assert required == {spec.name for spec in kind.fields if spec.required}
        assert ("primaryKey" in resource["schema"]) == kind.has_id
    memberships = next(r for r in package["resources"] if r["name"] == "memberships")["schema"]
    assert {"fields": "organization", "reference": {"resource": "organizations", "fields": "id"}} \
        in memberships["foreignKeys"]


def test_cells_are_plain_with_names_beside_ids(downloads, real_site):
    with (downloads / "memberships.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    names = {record.id: record.name for record in [*real_site.index.dataset.actors,
                                                   *real_site.index.dataset.organizations]}
    for row in rows:
        assert row["member_name"] == names[row["member"]] and row["organization_name"] == names[row["organization"]]
        assert "{" not in row["sources"] and "[" not in row["sources"]  # `id; id`, not JSON text
    assert any("; " in row["sources"] for row in rows)


@pytest.mark.slow  # a researcher's tool over the real downloads: seconds, not milliseconds
def test_a_reference_to_a_missing_record_fails_validation(downloads, tmp_path):
    for path in downloads.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    text = (tmp_path / "memberships.csv").read_text(encoding="utf-8").split("\n")
    member, _name, organization = text[1].split(",")[:3]
    text[1] = text[1].replace(f"{member},{_name},{organization},", f"{member},{_name},no-such-organization,", 1)
    (tmp_path / "memberships.csv").write_text("\n".join(text), encoding="utf-8")
    import frictionless  # imported where used: collecting the tests should not pay for it

    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}
