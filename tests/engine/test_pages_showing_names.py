"""A rename redoes the pages that show the name: query/pages_showing.py against a built site.

Under `mkdocs serve` a rename re-renders the pages the map of what shows where names (query/pages_showing.py).
A page it leaves out keeps the old name, so the served site differs from a clean build; a page it adds for
nothing costs time on every rename. This module builds the benchmark's 200-actor project (year pages of
events, statements, claims and sources, so an entry and its replies can sit on different pages) with every
actor, organization, event, source, statement and position given a word found nowhere else (its name, title or
publisher, or the first word of its summary or paraphrase), then reads every built page: the pages that contain
an actor's or organization's name must be the pages the map gives for it, no more and no fewer; every page that
contains any other word must be among the pages the map gives for its record.
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
# The fields given a word, and the prefix of their words: names of actors and organizations, titles of events
# and sources, publishers (each replaced by its word), summaries of events and paraphrases of statements (each
# led by its word, the sentence kept).
RENAMED = (("actors", "name", "Qname"), ("organizations", "name", "Qname"), ("events", "title", "Qtitle"),
           ("events", "summary", "Qsummary"), ("sources", "title", "Qsource"), ("sources", "publisher", "Qpublisher"),
           ("statements", "paraphrase", "Qwords"))
LED = ("Qsummary", "Qwords")
# The titles of people's positions (list items under an actor's 'positions:').
POSITION_TITLE = re.compile(r"^(  - title: ).*$", re.MULTILINE)
WORD = re.compile(r"Q(?:name|title|summary|source|publisher|words|position)[a-z]{4}")


def word_of(prefix: str, number: int) -> str:
    """A word no other text contains, all of a prefix of one length (so none is a piece of another): 'Qnamebaaa'…"""
    letters = ""
    for _ in range(4):
        number, rest = divmod(number, 26)
        letters += string.ascii_lowercase[rest]
    return prefix + letters


def rename_records(project: Path) -> int:
    """Give every record of the renamed kinds of a generated project its own word; return how many were renamed."""
    count = 0
    for kind, field, prefix in RENAMED:
        path = project / "data" / f"{kind}.yml"
        # A record's field line: records start with '- id:', their fields are indented by two spaces.
        line = re.compile(rf"(^- id: \S+\n(?:  (?!{field}:).*\n)*?  {field}: ).*$", re.MULTILINE)

        def rename(match: re.Match, prefix: str = prefix) -> str:
            nonlocal count
            count += 1
            # A paraphrase or summary keeps its sentence after the word; a name or title is the word alone.
            kept = match.group(0)[len(match.group(1)):] if prefix in LED else ""
            return match.group(1) + word_of(prefix, count) + (f" {kept}" if kept else "")
        path.write_text(line.sub(rename, path.read_text(encoding="utf-8")), encoding="utf-8")
    actors = project / "data" / "actors.yml"

    def retitle(match: re.Match) -> str:
        nonlocal count
        count += 1
        return match.group(1) + word_of("Qposition", count)
    actors.write_text(POSITION_TITLE.sub(retitle, actors.read_text(encoding="utf-8")), encoding="utf-8")
    return count


@starts_early("renamed_build")
def _build_renamed_project() -> EarlyRun:
    folder = Path(tempfile.mkdtemp(prefix="reference-names-"))
    project = folder / "project"
    counts = bench_module("generate").write_project(ACTORS, 5, project)
    renamed = rename_records(project)
    assert renamed > sum(counts[kind] for kind, _field, _prefix in RENAMED)  # and the positions' titles
    run = ChildRun(mkdocs_build_command(project / "mkdocs.yml", folder / "site"), cwd=project,
                   env=mkdocs_environment())
    return EarlyRun(run, folder)


@pytest.fixture(scope="module")
def renamed_build() -> tuple[Path, Path]:
    """The 200-actor project with a word per name and title, and its site built by mkdocs (started early)."""
    with take_early_run("renamed_build") as early:
        result = early.run.wait()
        assert result.returncode == 0, result.stderr[-3000:]
        yield early.folder / "project", early.folder / "site"


@pytest.fixture(scope="module")
def mapped(renamed_build):
    """The site as checked in process, what its build remembers (the map), and its pages about no record."""
    project, _site = renamed_build
    site = load_site(read_settings(project / "mkdocs.yml"))
    memory = remember_build(site, OVERVIEW_PAGES)
    # Pages about no record (home, indexes, overviews) are redone after any data edit: not what is tested here.
    always = {url_of_source_file(src) for src in overview_page_files(site)}

    def pages_mapped(key: str) -> set[str]:
        return {url_of_source_file(src) for src in memory.shown_on.get(key, ())} - always
    return site, memory, always, pages_mapped


@pytest.fixture(scope="module")
def showing(renamed_build) -> dict[str, set[str]]:
    """Each word -> the addresses of the built pages that contain it."""
    _project, site_folder = renamed_build
    found: dict[str, set[str]] = {}
    for file in site_folder.rglob("index.html"):
        folder = file.parent.relative_to(site_folder).as_posix()
        for word in set(WORD.findall(file.read_text(encoding="utf-8"))):
            found.setdefault(word, set()).add("" if folder == "." else f"{folder}/")
    return found


def test_a_rename_redoes_exactly_the_pages_that_show_the_name(mapped, showing):
    site, memory, always, pages_mapped = mapped
    assert all(split.is_split for split in site.year_pages.splits), "the project must have every kind of year page"
    checked = 0
    for record in list(site.index.actors.values()) + list(site.index.organizations.values()):
        assert WORD.fullmatch(record.name), record
        if record.id in memory.shown_everywhere or record.name in site.abbreviations.values():
            # A state on the maps, or an organization whose short name has a tooltip in prose: a rename of
            # either changes every page, and the build's frame (fingerprint_frame) redoes them all.
            continue
        shown = showing[record.name] - always
        assert shown, record.id
        assert pages_mapped(record.id) == shown, (
            f"{record.id}: shown on but not mapped {sorted(shown - pages_mapped(record.id))}; "
            f"mapped but not shown on {sorted(pages_mapped(record.id) - shown)}")
        checked += 1
    assert checked >= ACTORS * 0.9


@pytest.mark.parametrize("kind, field", [("events", "title"), ("events", "summary"), ("sources", "title"),
                                         ("sources", "publisher"), ("statements", "paraphrase")])
def test_new_words_reach_every_page_that_shows_them(mapped, showing, kind, field):
    # Titles and words are mapped with every form of their record: more pages than show them may be redone.
    site, _memory, always, pages_mapped = mapped
    records = list(getattr(site.index, kind).values())
    assert len(records) > 1000
    for record in records:
        word = getattr(record, field).split()[0]
        assert WORD.fullmatch(word), record
        shown = showing.get(word, set()) - always
        missing = shown - pages_mapped(record.id)
        assert not missing, f"{record.id}: shown on but not mapped {sorted(missing)}"


def test_a_new_position_title_reaches_every_page_that_shows_it(mapped, showing):
    # A position is drawn on its holder's page and on the page of the body it is in (and in their JSON-LD).
    site, _memory, always, pages_mapped = mapped
    positions = [(actor.id, position) for actor in site.index.actors.values() for position in actor.positions]
    assert len(positions) > 50
    for actor_id, position in positions:
        assert WORD.fullmatch(position.title), position
        shown = showing.get(position.title, set()) - always
        assert shown, position
        missing = shown - pages_mapped(actor_id)
        assert not missing, f"{actor_id}: {position.title} shown on but not mapped {sorted(missing)}"
