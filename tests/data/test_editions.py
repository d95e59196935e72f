"""Named editions: git tags edition-YYYY-MM name the data at their commit; changes.json says which edition
first includes each change and validates against its schema; each edition's downloads are one zip."""
from __future__ import annotations

import json
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup

from macros.check.validate import validate_records
from macros.export.changes import CHANGES_SCHEMA, render_changes_json
from macros.export.editions import write_edition_archives
from macros.load.data_files import load_data_folder
from macros.load.editions import edition_of, find_editions
from macros.query.changes import find_change_log
from macros.query.index import build_index
from macros.render.changes import render_change_log
from macros.render.components import Draw
from macros.render.urls import PageLinks
from tests.data.test_validation import ACTORS, ORGANIZATIONS, SOURCE
from tests.support import schema_validator


def _git(project, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=project, check=True, capture_output=True, text=True).stdout


def _commit(project, message: str, tag: str | None = None) -> None:
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", message)
    if tag:
        _git(project, "tag", tag)


@pytest.mark.slow  # a git history of three commits, and an archive of each edition: more than a second
def test_editions_group_changes_and_each_has_its_archive(tmp_path):
    project = tmp_path / "project"
    data = project / "data"
    data.mkdir(parents=True)
    _git(project, "init", "-q")
    actors = ACTORS.replace("of: ctso", "of: csto")
    for name, text in {"sources": SOURCE, "actors": actors, "organizations": ORGANIZATIONS}.items():
        (data / f"{name}.yml").write_text(text, encoding="utf-8")
    _commit(project, "first data", tag="edition-2026-11")
    (data / "actors.yml").write_text(actors.replace("name: Kazakhstan", "name: Qazaqstan"), encoding="utf-8")
    _commit(project, "rename", tag="edition-2026-12")
    (data / "actors.yml").write_text(actors, encoding="utf-8")
    _commit(project, "not yet in an edition")
    _git(project, "tag", "release-1")  # not an edition name: ignored

    editions = find_editions(project, data)
    assert [edition.name for edition in editions] == ["edition-2026-11", "edition-2026-12"]
    log = find_change_log(project, data, None)
    archives = write_edition_archives(editions, project, data, tmp_path / "site", None)
    document = json.loads(render_changes_json(log, editions, archives))
    assert list(schema_validator(CHANGES_SCHEMA).iter_errors(document)) == []
    assert [change["edition"] for change in document["changes"]] == [None, "edition-2026-12", "edition-2026-11"]
    assert [edition["archive"] for edition in document["editions"]] == [
        "downloads/edition-2026-11.zip", "downloads/edition-2026-12.zip"]
    with zipfile.ZipFile(tmp_path / "site" / "downloads" / "edition-2026-12.zip") as bundle:
        actors_json = json.loads(bundle.read("edition-2026-12/actors.json"))
        assert "edition-2026-12/datapackage.json" in bundle.namelist()
    assert any(actor["name"] == "Qazaqstan" for actor in actors_json)  # the data as tagged, not as now
    head = _git(project, "rev-parse", "--short", "HEAD").strip()
    assert edition_of(head, editions) is None
    first = _git(project, "rev-parse", "--short", "edition-2026-11").strip()
    assert edition_of(first, editions).name == "edition-2026-11"

    # The What changed page groups its days under the edition that first includes them, newest first;
    # the days no edition includes yet come before them.
    dataset, _raw, problems = validate_records(load_data_folder(data))
    assert not problems
    draw = Draw(build_index(dataset), PageLinks("changes/", {}, {"sources": "sources/", "timeline": "timeline/"}))
    page = BeautifulSoup(render_change_log(log, draw, feed_url="../changes.xml", json_url="../changes.json",
                                           editions=editions), "html.parser")
    headings = [heading.get_text(" ", strip=True) for heading in page.select("h2.change-edition")]
    assert headings[0] == "Since the last edition"
    assert [heading.split(",")[0] for heading in headings[1:]] == ["Edition 2026-12", "Edition 2026-11"]
    assert page.select_one("h2#edition-2026-12 + p a")["href"] == "../downloads/edition-2026-12.zip"
    assert all(day.find("h3") for day in page.select("section.data-change"))
