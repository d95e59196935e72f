"""Plain `mkdocs serve`: an edit re-renders only the pages it affects, and the site equals a full build.

A child process does what `mkdocs serve` does (first build, on_serve, then a rebuild per edit with the
configuration reloaded), because the plugin keeps the checked site across builds in its process. After
each rebuild the served folder is compared with a clean build of the same project state, made in another
process: every page byte for byte, the search index byte for byte, every download (by SHA-256 digests taken
in the child, so no copy of a site is kept: copies of every step's site once cost half a minute to delete).

The real project gets every edit alone: edit, rebuild, compare; undo, rebuild, compare with the
original build. One process serves all of them, as one `mkdocs serve` session serves an editor.
Both serve sessions start as soon as the tests are collected (tests.support.starts_early), so they
run beside the other tests; the tests here wait for them.
"""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

import pytest

from tests.support import ChildRun, EarlyRun, bench_module, copy_real_project, starts_early, take_early_run

pytestmark = pytest.mark.build

# Runs in the child process: argv = project, work folder, mode ('each' or 'sequence'), edits as JSON.
# 'each': every edit alone, then undone, each state compared; 'sequence': the edits one after the
# other, only the last state compared (its clean build is the costly part on a large project).
_EMULATE_SERVE = r"""
import hashlib, json, shutil, subprocess, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, work, mode, edits = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
served = work / "served"
URL = "http://127.0.0.1:8000/"  # `mkdocs serve` sets the site address to its own
CLEAN = (
    "import sys\n"
    "from mkdocs.commands.build import build\n"
    "from mkdocs.config import load_config\n"
    "build(load_config(config_file=sys.argv[1], site_dir=sys.argv[2], site_url=sys.argv[3]))\n"
)

class Server:  # what on_serve touches
    def watch(self, *args, **kwargs):
        pass

def configure(site_dir):
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = URL
    return config

def replace(path, old, new):
    file = project / path
    if old is None:  # a file added
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(new, encoding="utf-8")
        return
    if new is None:  # a file removed
        file.unlink()
        return
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    file.write_text(text.replace(old, new), encoding="utf-8")

def digest_site(folder):  # SHA-256 of every page, the search index and every download, by path in the site
    chosen = [*folder.rglob("*.html"), folder / "search" / "search_index.json", *(folder / "downloads").iterdir()]
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in chosen}

def rebuild(label):
    try:
        build(configure(served), serve_url=URL)
    except (Exception, SystemExit) as error:  # the server keeps the last good build served (plugin.on_serve)
        return {"label": label, "failed": str(error.__context__ or error)}  # mkdocs wraps the plugin's error
    plugin = sys.modules["macros/engine/hooks.py"]._plugin
    return {"label": label, "rebuilt": sorted(plugin.rendered), "served": digest_site(served)}

def clean_build(label):
    folder = work / f"clean-{label}"
    subprocess.run([sys.executable, "-c", CLEAN, str(project / "mkdocs.yml"), str(folder), URL], check=True,
                   cwd=project, capture_output=True)
    digests = digest_site(folder)
    shutil.rmtree(folder)
    return digests

config = configure(served)
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url=URL)
config.plugins.on_serve(Server(), config=config, builder=None)
steps = []
if mode == "each":
    original = clean_build("original")
    for number, (path, old, new) in enumerate(edits):
        replace(path, old, new)
        steps.append({**rebuild(str(number)), "clean": clean_build(str(number))})
        replace(path, new, old)
        steps.append({**rebuild(f"{number}-undone"), "clean": original})
else:
    for number, (path, old, new) in enumerate(edits):
        replace(path, old, new)
        steps.append(rebuild(str(number)))
    steps[-1]["clean"] = clean_build("last")
print(json.dumps(steps))
"""


def _assert_same_site(served: dict[str, str], clean: dict[str, str]) -> None:
    """Both sites' digests (path -> SHA-256): the same pages, search index and downloads, byte for byte."""
    pages = sorted(path for path in clean if path.endswith(".html"))
    assert pages == sorted(path for path in served if path.endswith(".html"))
    different = [page for page in pages if served[page] != clean[page]]
    assert not different, f"pages that differ from a full build: {different}"
    index = "search/search_index.json"
    assert served[index] == clean[index]
    downloads = sorted(path for path in clean if path.startswith("downloads/"))
    assert downloads and downloads == sorted(path for path in served if path.startswith("downloads/"))
    assert [name for name in downloads if served[name] != clean[name]] == []


def _count_pages(digests: dict[str, str]) -> int:
    return sum(1 for path in digests if path.endswith(".html"))


def _start_serving(project: Path, work: Path, edits: list, mode: str) -> ChildRun:
    """Start emulating `mkdocs serve` through the edits, in a child process."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", REFERENCE_PARSE_CACHE=str(work / "cache"),
                       PYTHONPATH=str(project))
    return ChildRun([sys.executable, "-c", _EMULATE_SERVE, str(project), str(work), mode, json.dumps(edits)],
                    cwd=project, env=environment)


def _steps_of(early: EarlyRun) -> list[dict]:
    """Wait for a serve session; one step per rebuild: label, URLs rebuilt, served and clean folders."""
    result = early.run.wait()
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


EDITS = {  # name: (data file, text before, text after), each a typical editor's change
    "summary": ("data/actors.yml", "  name: Kazakhstan\n  summary: >-\n    A member of the CSTO",
                "  name: Kazakhstan\n  summary: >-\n    A state, member of the CSTO"),
    "name": ("data/actors.yml", "  name: ISKP\n", "  name: IS-Khorasan\n"),
    "membership-date": ("data/memberships.yml",
                        "- member: belarus\n  organization: csto\n  role: member\n  as_of: \"2023-04\"",
                        "- member: belarus\n  organization: csto\n  role: member\n  as_of: \"2023-05\""),
    "statement-date": ("data/statements.yml", "  date: \"2023-02-15\"", "  date: \"2023-02-16\""),
    "event-title": ("data/events.yml", "  title: Fifth round of multilateral talks on Afghanistan",
                    "  title: The fifth round of multilateral talks on Afghanistan"),
    "source-title": ("data/sources.yml", "Embrace of the Taliban\"", "Embrace of the Taliban (revised)\""),
    "position": ("data/actors.yml", "    - title: Ambassador\n", "    - title: Ambassador to Afghanistan\n"),
    "page-text": ("docs/actors/kazakhstan.md", "Kazakhstan is a member of", "Kazakhstan, a state, is a member of"),
    # A source that Lukashenko's page cites in its prose, and no record drawn there: its reference list describes it.
    "prose-source-title": ("data/sources/csto.yml", "title: \"[Russia recalls ambassador to Armenia",
                           "title: \"[Russia recalls its ambassador to Armenia"),
}


@starts_early("each_edit_served")
def _serve_each_edit() -> EarlyRun:
    work = Path(tempfile.mkdtemp(prefix="reference-rebuilds-"))
    project = copy_real_project(work / "project", with_code=True)
    return EarlyRun(_start_serving(project, work, list(EDITS.values()), "each"), work)


@pytest.fixture(scope="module")
def each_edit_served() -> dict[str, dict]:
    """The real project served through every edit alone and its undoing: step label -> step."""
    with take_early_run("each_edit_served") as early:
        steps = _steps_of(early)
        assert len(steps) == 2 * len(EDITS)
        yield {step["label"]: step for step in steps}


def test_a_rebuild_redoes_only_the_pages_an_edit_affects(each_edit_served):
    rebuilt = [set(each_edit_served[str(number)]["rebuilt"]) for number in range(len(EDITS))]
    total = _count_pages(each_edit_served["0"]["clean"])
    # A summary is shown on its own page only (the tags index comes along: Material links tags from it).
    assert rebuilt[0] == {"actors/kazakhstan/", "tags/"}
    # A name is redone where it is drawn: ISKP's page, the pages of its ties (the Taliban's, Russia's)…
    assert {"actors/iskp/", "actors/taliban/", "actors/russia/", "statements/"} <= rebuilt[1]
    # …but not the pages of those who only spoke about it: a statement's row names its speakers only.
    assert not {"actors/anatoly-sidorov/", "actors/amir-khan-muttaqi/"} & rebuilt[1]
    assert "actors/belarus/" in rebuilt[2] and "organizations/csto/" in rebuilt[2]
    assert "organizations/sco/" not in rebuilt[2]
    assert len(rebuilt[3]) < total
    # Prose on a record page is shown on that page only.
    assert set(rebuilt[list(EDITS).index("page-text")]) == {"actors/kazakhstan/", "tags/"}
    assert "actors/alexander-lukashenko/" in rebuilt[list(EDITS).index("prose-source-title")]
    # Undoing an edit redoes the same pages as the edit did.
    assert set(each_edit_served["0-undone"]["rebuilt"]) == rebuilt[0]


@pytest.mark.parametrize("number, edit", list(enumerate(EDITS)), ids=list(EDITS))
def test_each_edit_alone_leaves_the_same_site_as_a_full_build(each_edit_served, number, edit):
    step = each_edit_served[str(number)]
    _assert_same_site(step["served"], step["clean"])


@pytest.mark.parametrize("number, edit", list(enumerate(EDITS)), ids=list(EDITS))
def test_undoing_each_edit_leaves_the_original_site(each_edit_served, number, edit):
    step = each_edit_served[f"{number}-undone"]
    _assert_same_site(step["served"], step["clean"])


@starts_early("year_pages_served")
def _serve_year_page_edits() -> EarlyRun:
    """A generated project large enough for year pages of events, statements and sources (40 actors)."""
    work = Path(tempfile.mkdtemp(prefix="reference-year-page-rebuilds-"))
    project = work / "project"
    counts = bench_module("generate").write_project(40, 5, project)
    sources, actors, events, statements = ((project / "data" / f"{kind}.yml").read_text(encoding="utf-8")
                                           for kind in ("sources", "actors", "events", "statements"))
    report = re.search(r"- id: report-000001\n  title: .*\n  publisher: .*\n  date: '(\d{4})", sources)
    actor = re.search(r"- id: actor-00040\n  type: .*\n  name: .*\n", actors).group(0)
    event = re.search(r"- id: event-000002\n  title: .*\n", events).group(0)
    statement = re.search(r"- id: statement-000003\n  speakers:\n  - (\S+)\n", statements)
    later_year = str(int(report.group(1)) % 2024 + 1)  # the report moves to another year's page
    speaker_line = f"  - {statement.group(1)}\n"
    unknown = statement.group(0).replace(speaker_line, "  - no-such-actor\n")
    added = ("- id: report-extra\n  title: A report added in its own file\n  publisher: Test\n"
             "  date: '2020-03-04'\n  kind: news\n")
    page = "docs/actors/actor-00040.md"
    edits = [("data/sources.yml", report.group(0), report.group(0)[:-4] + later_year),  # 0: a source's date
             ("data/actors.yml", actor, actor.replace("  name: ", "  name: Renamed ")),  # 1: a name
             ("data/events.yml", event, event[:-1] + " (revised)\n"),  # 2: an event's title
             ("data/statements.yml", statement.group(0), unknown),  # 3: a problem: the build fails
             ("data/statements.yml", unknown, statement.group(0)),  # 4: the problem mended
             ("data/sources/extra.yml", None, added),  # 5: a data file added
             (page, "\n{{ history() }}\n", "\nA sentence added.\n\n{{ history() }}\n"),  # 6: a page's prose
             ("data/sources/extra.yml", added, None)]  # 7: the data file removed
    return EarlyRun(_start_serving(project, work, edits, "sequence"), work, {"counts": counts})


@pytest.fixture(scope="module")
def year_pages_served() -> tuple[list[dict], dict]:
    """The 40-actor project served through three edits in a row: the steps, and the generated counts."""
    with take_early_run("year_pages_served") as early:
        yield _steps_of(early), early.details["counts"]


def test_rebuilds_of_a_site_with_year_pages_equal_a_full_build(year_pages_served):
    steps, counts = year_pages_served
    assert counts["events"] > 300 and counts["sources"] > 300
    rebuilt = [step.get("rebuilt", []) for step in steps]
    total = _count_pages(steps[-1]["clean"])
    # A report's date is shown on a few pages (an actor's name, on a 40 actors' site, nearly everywhere); an
    # event's title on the pages its participants, their bodies and governments, and the listings show it.
    assert len(rebuilt[0]) < total / 2, ([len(urls) for urls in rebuilt], total)
    assert len(rebuilt[2]) < total / 2, ([len(urls) for urls in rebuilt], total)
    assert any(url.startswith("sources/") and url != "sources/" for url in rebuilt[1])  # cited-by names the actor
    # A problem fails the rebuild with the full check's message; mending it rebuilds again.
    message = "data/statements.yml:28: statement-000003: speakers: unknown actor or organization 'no-such-actor'"
    assert message in steps[3]["failed"]
    assert "failed" not in steps[4]
    assert set(rebuilt[6]) == {"actors/actor-00040/", "tags/"}  # prose is on its own page only
    _assert_same_site(steps[-1]["served"], steps[-1]["clean"])
