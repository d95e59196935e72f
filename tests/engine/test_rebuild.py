"""`mkdocs serve --dirty`: a data edit rebuilds only the pages it affects, and the site equals a full build.

Each case runs in a fresh Python process that does what `mkdocs serve --dirty` does (first build,
on_serve, then a rebuild per edit with the configuration reloaded), and after every edit the
served folder is compared with a clean build of the edited project: every page byte for byte,
the search index entry for entry.
"""
from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import bench_module, copy_real_project

# Runs in the child process: argv = project, served site folder, clean site folder, edits as JSON.
_EMULATE_SERVE = r"""
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, served, clean, edits = Path(sys.argv[1]), sys.argv[2], sys.argv[3], json.loads(sys.argv[4])

class Server:  # what mkdocs-macros' on_serve touches
    def watch(self, *args, **kwargs):
        pass

def configure(site_dir):
    return load_config(config_file=str(project / "mkdocs.yml"), site_dir=site_dir, strict=False)

config = configure(served)
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=True)
config.plugins.on_serve(Server(), config=config, builder=None)
report = []
for number, (path, old, new) in enumerate(edits):
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    file.write_text(text.replace(old, new), encoding="utf-8")
    config = configure(served)
    build(config, dirty=True)
    rebuilt = sorted(config.plugins["reference-site"].built_urls)
    build(configure(f"{clean}-{number}"), dirty=False)
    report.append(rebuilt)
print(json.dumps(report))
"""


def _project_copy(tmp_path: Path) -> Path:
    return copy_real_project(tmp_path / "project", with_code=True)


def _search_entries(site: Path) -> list:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return sorted((entry["location"], entry["title"], entry["text"]) for entry in docs)


def _assert_same_site(served: Path, clean: Path) -> None:
    pages = sorted(path.relative_to(clean) for path in clean.rglob("*.html"))
    assert pages == sorted(path.relative_to(served) for path in served.rglob("*.html"))
    different = [str(page) for page in pages if (served / page).read_bytes() != (clean / page).read_bytes()]
    assert not different, f"pages that differ from a full build: {different}"
    assert _search_entries(served) == _search_entries(clean)
    downloads = sorted(path.relative_to(clean) for path in (clean / "downloads").iterdir())
    assert downloads and downloads == sorted(path.relative_to(served) for path in (served / "downloads").iterdir())
    assert [str(name) for name in downloads if (served / name).read_bytes() != (clean / name).read_bytes()] == []


def _serve_with_edits(project: Path, tmp_path: Path, edits: list) -> tuple[Path, Path, list[list[str]]]:
    """Emulate `mkdocs serve --dirty` through the edits: the served folder, the clean builds' prefix, the URLs rebuilt per edit."""
    served, clean = tmp_path / "served", tmp_path / "clean"
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", REFERENCE_PARSE_CACHE=str(tmp_path / "cache"),
                       PYTHONPATH=str(project))
    result = subprocess.run([sys.executable, "-c", _EMULATE_SERVE, str(project), str(served), str(clean),
                             json.dumps(edits)], capture_output=True, text=True, env=environment,
                            cwd=project, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return served, clean, json.loads(result.stdout.strip().splitlines()[-1])


EDITS = [  # (data file, text before, text after): each a typical editor's change
    ("data/actors.yml", "  name: Kazakhstan\n  summary: >-\n    A Central Asian member", "  name: Kazakhstan\n  summary: >-\n    A Central Asian state, member"),
    ("data/actors.yml", "  name: ISKP\n", "  name: IS-Khorasan\n"),
    ("data/memberships.yml", "- member: belarus\n  organization: csto\n  role: member",
     "- member: belarus\n  organization: csto\n  role: observer"),
    ("data/statements.yml", "  date: \"2023-02-15\"", "  date: \"2023-02-16\""),
    ("data/events.yml", "  title: Fifth round of multilateral talks on Afghanistan",
     "  title: The fifth round of multilateral talks on Afghanistan"),
    ("data/sources.yml", "Embrace of the Taliban\"", "Embrace of the Taliban (revised)\""),
    ("data/actors.yml", "    - title: Ambassador\n", "    - title: Ambassador to Afghanistan\n"),
]


def test_a_dirty_rebuild_redoes_the_affected_pages_and_equals_a_full_build(tmp_path):
    project = _project_copy(tmp_path)
    served, clean, rebuilt = _serve_with_edits(project, tmp_path, EDITS)
    total = len(list(served.rglob("*.html")))
    # A summary is shown on its own page only (the tags index comes along: Material links tags from it).
    assert rebuilt[0] == ["actors/kazakhstan/", "tags/"]
    # A name is shown wherever the record is listed: ISKP's page, the people who spoke about it…
    assert {"actors/iskp/", "actors/anatoly-sidorov/", "actors/amir-khan-muttaqi/"} <= set(rebuilt[1])
    assert "actors/belarus/" in rebuilt[2] and "organizations/csto/" in rebuilt[2]
    assert "organizations/sco/" not in rebuilt[2]
    assert len(rebuilt[3]) < total
    # After the last edit the served folder must equal a clean build (earlier states were overwritten).
    _assert_same_site(served, Path(f"{clean}-{len(EDITS) - 1}"))


@pytest.mark.parametrize("edit", EDITS, ids=["summary", "name", "membership-role", "statement-date", "event-title",
                                              "source-title", "position"])
def test_each_edit_alone_leaves_the_same_site_as_a_full_build(tmp_path, edit):
    project = _project_copy(tmp_path)
    served, clean, _ = _serve_with_edits(project, tmp_path, [edit])
    _assert_same_site(served, Path(f"{clean}-0"))


def test_dirty_rebuilds_of_a_site_with_year_pages_equal_a_full_build(tmp_path):
    """A generated project large enough for year pages of events, statements and sources (40 actors)."""
    generate = bench_module("generate")
    project = tmp_path / "project"
    counts = generate.write_project(40, 5, project)
    assert counts["events"] > 300 and counts["sources"] > 300
    sources, actors, events = ((project / "data" / f"{kind}.yml").read_text(encoding="utf-8")
                               for kind in ("sources", "actors", "events"))
    report = re.search(r"- id: report-000001\n  title: .*\n  publisher: .*\n  date: '(\d{4})", sources)
    actor = re.search(r"- id: actor-00040\n  type: .*\n  name: .*\n", actors).group(0)
    event = re.search(r"- id: event-000002\n  title: .*\n", events).group(0)
    later_year = str(int(report.group(1)) % 2024 + 1)  # the report moves to another year's page
    edits = [("data/sources.yml", report.group(0), report.group(0)[:-4] + later_year),
             ("data/actors.yml", actor, actor.replace("  name: ", "  name: Renamed ")),
             ("data/events.yml", event, event[:-1] + " (revised)\n")]
    served, clean, rebuilt = _serve_with_edits(project, tmp_path, edits)
    total = len(list(served.rglob("*.html")))
    # A report's date and an event's title are shown on a few pages (an actor's name, on 40 actors' site, nearly everywhere).
    assert len(rebuilt[0]) < total / 2 and len(rebuilt[2]) < total / 2, ([len(urls) for urls in rebuilt], total)
    assert any(url.startswith("sources/") and url != "sources/" for url in rebuilt[1])  # cited-by names the actor
    _assert_same_site(served, Path(f"{clean}-{len(edits) - 1}"))
