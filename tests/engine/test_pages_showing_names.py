"""A rename redoes exactly the pages that show the name: query/pages_showing.py against a built site.

Under `mkdocs serve` a rename re-renders the pages the map of what shows where names (query/pages_showing.py).
A page it leaves out keeps the old name, so the served site differs from a clean build; a page it adds for
nothing costs time on every rename. This module builds the benchmark's 200-actor project (year pages of
events, statements, claims and sources, so an entry and its replies can sit on different pages) with every
actor and organization renamed to a word found nowhere else, then reads every built page: the pages that
contain an actor's word must be the pages the map gives for it, no more and no fewer.
"""
from __future__ import annotations

import re
import string
import tempfile
from pathlib import Path

import pytest

from macros.cli.settings import read_settings
from macros.render.urls import url_of_source_file
from macros.site.assemble import OVERVIEW_PAGES, load_site
from macros.site.rebuild_plan import overview_page_files, remember_build
from tests.support import (
    ChildRun,
    EarlyRun,
    bench_module,
    mkdocs_build_command,
    mkdocs_environment,
    starts_early,
    take_early_run,
)

pytestmark = pytest.mark.build

ACTORS = 200
# An actor's or organization's name in the data: the 'name:' line of its record (records start with '- id:').
_NAME_LINE = re.compile(r"(^- id: \S+\n(?:  (?!name:).*\n)*?  name: ).*$", re.MULTILINE)


def name_word(number: int) -> str:
    """A word no other text contains, all of one length (so none is a piece of another): 'Qnameaaab'…"""
    letters = ""
    for _ in range(4):
        number, rest = divmod(number, 26)
        letters += string.ascii_lowercase[rest]
    return "Qname" + letters


def rename_records(project: Path) -> int:
    """Give every actor and organization of a generated project a name word; return how many were renamed."""
    count = 0
    for kind in ("actors", "organizations"):
        path = project / "data" / f"{kind}.yml"

        def rename(match: re.Match) -> str:
            nonlocal count
            count += 1
            return match.group(1) + name_word(count)
        path.write_text(_NAME_LINE.sub(rename, path.read_text(encoding="utf-8")), encoding="utf-8")
    return count


@starts_early("renamed_build")
def _build_renamed_project() -> EarlyRun:
    folder = Path(tempfile.mkdtemp(prefix="reference-names-"))
    project = folder / "project"
    counts = bench_module("generate").write_project(ACTORS, 5, project)
    renamed = rename_records(project)
    assert renamed == counts["actors"] + counts["organizations"]
    run = ChildRun(mkdocs_build_command(project / "mkdocs.yml", folder / "site"), cwd=project,
                   env=mkdocs_environment())
    return EarlyRun(run, folder)


@pytest.fixture(scope="module")
def renamed_build() -> tuple[Path, Path]:
    """The 200-actor project with a name word per record, and its site built by mkdocs (started early)."""
    with take_early_run("renamed_build") as early:
        result = early.run.wait()
        assert result.returncode == 0, result.stderr[-3000:]
        yield early.folder / "project", early.folder / "site"


def test_a_rename_redoes_exactly_the_pages_that_show_the_name(renamed_build):
    project, site_folder = renamed_build
    site = load_site(read_settings(project / "mkdocs.yml"))
    memory = remember_build(site, OVERVIEW_PAGES)
    assert all(split.is_split for split in site.year_pages.splits), "the project must have every kind of year page"
    pages = {}
    for file in site_folder.rglob("index.html"):
        folder = file.parent.relative_to(site_folder).as_posix()
        pages["" if folder == "." else f"{folder}/"] = file.read_text(encoding="utf-8")
    # Pages about no record (home, indexes, overviews) are redone after any data edit: not what is tested here.
    always = {url_of_source_file(src) for src in overview_page_files(site)}
    records = list(site.index.actors.values()) + list(site.index.organizations.values())
    checked = 0
    for record in records:
        assert re.fullmatch(r"Qname[a-z]{4}", record.name), record
        if record.id in memory.shown_everywhere or record.name in site.abbreviations.values():
            # A state on the maps, or an organization whose short name has a tooltip in prose: a rename of
            # either changes every page, and the build's frame (fingerprint_frame) redoes them all.
            continue
        showing = {url for url, html in pages.items() if record.name in html} - always
        mapped = {url_of_source_file(src) for src in memory.shown_on.get(record.id, ())} - always
        assert showing, record.id
        assert mapped == showing, (f"{record.id}: shown on but not mapped {sorted(showing - mapped)}; "
                                   f"mapped but not shown on {sorted(mapped - showing)}")
        checked += 1
    assert checked >= ACTORS * 0.9
