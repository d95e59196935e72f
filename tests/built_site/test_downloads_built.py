"""Downloads in the built site: the files the build wrote, the data page's list of them, links and citations.

What each file holds is tested in process (tests/site/test_downloads.py); here the build must have
written exactly those files, and the pages must point readers at them.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.export.downloads import write_downloads
from macros.model.records import KINDS
from tests.support import MINIMAL, copy_project, run_cli, run_mkdocs_build


def test_the_build_writes_the_same_downloads_as_write_downloads(built_site, real_site, tmp_path):
    write_downloads(real_site.index.dataset, tmp_path)
    expected = sorted(path.name for path in (tmp_path / "downloads").iterdir())
    assert sorted(path.name for path in (built_site / "downloads").iterdir()) == expected
    different = [name for name in expected
                 if (built_site / "downloads" / name).read_bytes() != (tmp_path / "downloads" / name).read_bytes()]
    assert different == []


def test_data_page_lists_every_download_with_its_record_count(read_page, built_site, real_site):
    table = read_page("data/").find("table", class_="download-list")
    for kind_name in KINDS:
        row = table.find("tr", attrs={"data-kind": kind_name})
        assert row.td.get_text() == str(len(getattr(real_site.index.dataset, kind_name)))
        for link in row.find_all("a"):
            assert link["href"].startswith("../downloads/")
            assert (built_site / "data" / link["href"]).resolve().is_file()
    hrefs = [a["href"] for a in table.find_all("a")]
    assert "../downloads/sources.bib" in hrefs and "../downloads/sources.csl.json" in hrefs


@pytest.mark.parametrize(("url", "expected"), [
    ("organizations/csto/", {"../../downloads/memberships.csv", "../../downloads/events.csv"}),
    ("actors/russia/", {"../../downloads/memberships.csv", "../../downloads/events.csv"}),
    ("timeline/", {"../downloads/events.csv"}),
])
def test_membership_tables_and_event_lists_link_their_download(read_page, url, expected):
    links = {a["href"] for p in read_page(url).find_all("p", class_="download-link") for a in p.find_all("a")}
    assert expected <= links
    assert {href.replace(".csv", ".json") for href in expected} <= links


def test_each_page_says_how_to_cite_it_with_the_date_of_the_data(read_page):
    soup = read_page("actors/russia/")
    citation = soup.find(id="cite-this-page").find_next_sibling().find("p", class_="citation").get_text()
    assert citation.startswith("“Russia.” Afghanistan & Central Asia Security Reference. ")
    # site_url is empty in the test build, so the page's path stands in for its address.
    assert "actors/russia/ (the page’s path on this site)" in citation
    assert re.search(r"Data as of \d{1,2} [A-Z][a-z]+ \d{4}\.$", citation)  # no commit hash reaches a reader
    home = read_page("").find(id="cite-this-page").find_next_sibling().get_text()
    assert "./ (the page’s path on this site)" in home


# ---------------------------------------------------------------- editors' files are never overwritten

# Files an editor might leave under docs/downloads/, each hidden by a generated download of the same name
# (a page is published as a folder of its name, and on macOS Sources.BIB is sources.bib).
CLASHING_FILES = ("actors.json", "Sources.BIB", "events.csv.md")


def write_clashing_files(project: Path) -> None:
    """The clashing files, a folder named like a schema, and a file no download is named after."""
    folder = project / "docs" / "downloads"
    folder.mkdir()
    for name in CLASHING_FILES:
        (folder / name).write_text("an editor's file\n", encoding="utf-8")
    (folder / "actors.schema.json").mkdir()
    (folder / "notes.txt").write_text("an editor's notes\n", encoding="utf-8")
    (project / "docs" / "changes.xml").write_text("<feed/>\n", encoding="utf-8")  # the change log's feed


def test_check_refuses_an_editors_file_named_like_a_generated_download(tmp_path):
    project = copy_project(MINIMAL, tmp_path / "project")
    write_clashing_files(project)
    result = run_cli(project, "check", "--data-only")
    assert result.returncode == 1
    reported = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if "reserved" in line]
    expected = {f"docs/downloads/{name}": f"downloads/{generated}" for name, generated in
                [("actors.json", "actors.json"), ("Sources.BIB", "sources.bib"), ("events.csv.md", "events.csv"),
                 ("actors.schema.json", "actors.schema.json")]}
    expected["docs/changes.xml"] = "changes.xml"
    assert sorted(reported) == sorted(
        f"{path}: -: file: this name is reserved for the generated file {generated}; rename your file "
        "(expected a name that no generated file has)"
        for path, generated in expected.items())


def test_check_refuses_a_file_where_the_downloads_folder_goes(tmp_path):
    project = copy_project(MINIMAL, tmp_path / "project")
    (project / "docs" / "downloads").write_text("not a folder\n", encoding="utf-8")
    result = run_cli(project, "check", "--data-only")
    assert result.returncode == 1
    assert "docs/downloads: -: file: this name is reserved for the folder of generated files (downloads/)" \
        in result.stdout + result.stderr


def test_check_accepts_other_files_in_the_downloads_folder(tmp_path):
    project = copy_project(MINIMAL, tmp_path / "project")
    (project / "docs" / "downloads").mkdir()
    (project / "docs" / "downloads" / "notes.txt").write_text("an editor's notes\n", encoding="utf-8")
    result = run_cli(project, "check", "--data-only")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.build
def test_build_stops_before_an_editors_download_is_replaced(tmp_path):
    project = copy_project(MINIMAL, tmp_path / "project")
    write_clashing_files(project)
    result = run_mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/downloads/actors.json: -: file: this name is reserved for the generated file "
            "downloads/actors.json; rename your file") in result.stdout + result.stderr
    assert not (tmp_path / "site" / "downloads" / "actors.json").exists()
    assert (project / "docs" / "downloads" / "actors.json").read_text(encoding="utf-8") == "an editor's file\n"
