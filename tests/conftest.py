"""Shared fixtures: the real site built once per session (strictly, into a temporary folder), and the
projects several test folders use, each made once per session.

Markers (registered in pytest.ini): a test that needs a site built by mkdocs is marked `build`
(automatically when it asks for one of the BUILT_SITE_FIXTURES), a test under tests/browser/ is
marked `browser`; a unit test that takes seconds is marked `slow` by hand.
`pytest -n 2 --dist worksteal -m "not build and not browser and not slow"` is the inner loop (two processes,
pytest-xdist).

Slow child processes (the real site's build, the serve sessions of tests/engine/) start as soon as
the session knows its tests, and run beside the tests before the first one that needs them.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

from macros.load.data_files import LoadedData
from macros.model.dataset import Dataset
from tests.browser import availability as browser_availability
from tests.support import (
    EARLY_STARTERS,
    MINIMAL,
    PROJECT_DIR,
    ChildRun,
    EarlyRun,
    bench_module,
    close_early_runs,
    copy_project,
    hypothesis_profile,
    mkdocs_build_command,
    mkdocs_environment,
    run_mkdocs_build,
    snapshot,
    start_early_runs,
    starts_early,
    take_early_run,
)

# Property tests: which profile runs, and what each means, is in tests.support (hypothesis_profile). The
# example counts are set per test through tests.support.examples; the profiles differ in the seed here.
# dev and thorough start from Hypothesis' defaults, not from the ci profile Hypothesis loads on seeing CI.
settings.register_profile("ci", settings.get_profile("ci"), derandomize=True)  # Hypothesis' own ci, seeded
settings.register_profile("thorough", settings.get_profile("default"))
settings.register_profile("dev", settings.get_profile("default"))
settings.load_profile(hypothesis_profile())

# The parse cache of this test session lives in a temporary folder, not in the user's cache, and goes
# with the session (unless the caller chose the folder).
SESSION_PARSE_CACHE = (None if "REFERENCE_PARSE_CACHE" in os.environ
                       else tempfile.mkdtemp(prefix="reference-parse-cache-"))
if SESSION_PARSE_CACHE:
    os.environ["REFERENCE_PARSE_CACHE"] = SESSION_PARSE_CACHE

# Fixtures that run mkdocs: a test asking for one (directly or through another fixture) is a `build` test.
BUILT_SITE_FIXTURES = {"built_site", "read_page", "minimal_build", "bench_builds", "good_project"}
BROWSER_DIR = Path(__file__).resolve().parent / "browser"


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config, items) -> None:
    """Mark the tests that build a site `build`, and those under tests/browser/ `browser`; run the tests
    that wait for a child process started early (tests.support.starts_early) after all the others, so
    those processes work beside the tests that need none."""
    for item in items:
        if BUILT_SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: bool(EARLY_STARTERS.keys() & set(getattr(item, "fixturenames", ()))))


def pytest_collection_finish(session) -> None:
    """Start the slow child processes the selected tests will need (tests.support.starts_early), so they
    run beside the tests before them: on two cores the session then takes the time of its longest part."""
    # Under pytest-xdist each worker collects every test but runs only some: a worker starts a run when its
    # first test takes it (take_early_run), so no run is started twice for nothing.
    if not session.config.option.collectonly and not hasattr(session.config, "workerinput"):
        start_early_runs({name for item in session.items for name in getattr(item, "fixturenames", ())})


def pytest_sessionfinish(session) -> None:
    close_early_runs()
    if SESSION_PARSE_CACHE:
        shutil.rmtree(SESSION_PARSE_CACHE, ignore_errors=True)


# The browser tests' closing line is written here, not in tests/browser/conftest.py: under pytest-xdist the main
# process writes the summary, and it loads only this conftest (tests/browser/availability.py says how it learns).
@pytest.hookimpl(optionalhook=True)  # an xdist hook: without xdist it is never called
def pytest_testnodedown(node, error) -> None:
    """In the main process of an xdist run: take what a finished worker reported about the browser tests."""
    browser_availability.gather(getattr(node, "workeroutput", {}))


def pytest_terminal_summary(terminalreporter) -> None:
    """Say once how to install Chromium when the browser tests were set aside, or where their pictures are."""
    line = browser_availability.summary_line()
    if line is not None:
        text, warning = line
        terminalreporter.write_line(text, yellow=warning, bold=warning)


# ---------------------------------------------------------------- the real site

@starts_early("built_site")
def _build_real_site() -> EarlyRun:
    folder = Path(tempfile.mkdtemp(prefix="reference-site-"))
    return EarlyRun(ChildRun(mkdocs_build_command(PROJECT_DIR / "mkdocs.yml", folder / "site"), cwd=PROJECT_DIR,
                             env=mkdocs_environment()), folder)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built once per session with --strict; fails loudly with mkdocs' output.

    The build starts as soon as the tests are collected (tests.support.starts_early) and runs beside
    the tests before the first one that needs it.
    """
    with take_early_run("built_site") as early:
        result = early.run.wait()
        assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
        yield early.folder / "site"


@pytest.fixture(scope="session")
def read_page(built_site):
    """Parse a built page by its site path ('organizations/csto/' or 'organizations/csto/index.html'), cached
    for the session: tests only read the parsed pages, never change them."""
    # Keyed by file, so the tests that walk every page (by file) and those that read one (by address) share
    # one parse: parsing the whole site takes seconds.
    cache: dict[Path, BeautifulSoup] = {}

    def read(url_path: str) -> BeautifulSoup:
        file = built_site / url_path / "index.html" if not url_path.endswith(".html") else built_site / url_path
        if file not in cache:
            cache[file] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return cache[file]

    return read


class RealData(NamedTuple):
    """The real data folder as read (records with their lines) and as validated; no test may change it."""

    loaded: LoadedData
    dataset: Dataset
    raw_by_id: dict
    problems: list


@pytest.fixture(scope="session")
def real_data() -> RealData:
    """The real data read and validated once per session, in process: a fifth of a second each time, which
    a dozen modules would otherwise each pay."""
    from macros.check.validate import validate_records
    from macros.load.data_files import load_data_folder

    loaded = load_data_folder(PROJECT_DIR / "data")
    return RealData(loaded, *validate_records(loaded))


@pytest.fixture(scope="session")
def real_site():
    """The real project checked in process (macros.site.assemble.load_site): no mkdocs, a second or less."""
    from macros.cli.settings import read_settings
    from macros.site.assemble import load_site

    return load_site(read_settings(PROJECT_DIR / "mkdocs.yml"))


# ---------------------------------------------------------------- fixture projects

class BuiltProject(NamedTuple):
    """A fixture project built once, with snapshots (tests.support.snapshot) taken around its build."""

    project: Path
    site: Path
    site_before: dict  # the site as built: later (failed) builds into the same folder must leave it so
    project_before: dict  # the project before it was built: the build must leave it so


@starts_early("minimal_build")
def _build_minimal_project() -> EarlyRun:
    folder = Path(tempfile.mkdtemp(prefix="reference-minimal-"))
    project = copy_project(MINIMAL, folder / "project")
    project_before = snapshot(project)
    run = ChildRun(mkdocs_build_command(project / "mkdocs.yml", folder / "site"), cwd=project,
                   env=mkdocs_environment())
    return EarlyRun(run, folder, {"project_before": project_before})


@pytest.fixture(scope="session")
def minimal_build() -> BuiltProject:
    """The minimal fixture project (tests/fixtures/minimal) built once by mkdocs (started early)."""
    with take_early_run("minimal_build") as early:
        result = early.run.wait()
        assert result.returncode == 0, result.stderr
        site = early.folder / "site"
        yield BuiltProject(early.folder / "project", site, snapshot(site), early.details["project_before"])


@pytest.fixture(scope="session")
def good_project(tmp_path_factory) -> Path:
    """A copy of the minimal project with a good build in its site/ folder; tests break copies of it."""
    project = copy_project(MINIMAL, tmp_path_factory.mktemp("good") / "project")
    built = run_mkdocs_build(project / "mkdocs.yml", project / "site")
    assert built.returncode == 0, built.stderr
    return project


@pytest.fixture(scope="session")
def small_bench_project(tmp_path_factory) -> Path:
    """The benchmark's 20-actor project (seed 7), generated once: 200 events, 400 statements."""
    project = tmp_path_factory.mktemp("bench-20") / "project"
    counts = bench_module("generate").write_project(20, 7, project)
    assert counts["actors"] == 20 and counts["events"] == 200 and counts["statements"] == 400
    return project


# Runs in a child process started early: argv = bench folder, output folder. The 20-actor project
# generated again (generation is deterministic: tests/bench/ checks it), built, rendered to its floor
# project (plain Markdown, no macros plugin) and that built too. The floor render loads the glue, which
# re-imports macros/ from the generated project: it must not run inside the test session.
_BENCH_BUILDS = r"""
import json, os, subprocess, sys
from pathlib import Path

bench, out = Path(sys.argv[1]), Path(sys.argv[2])
sys.path.insert(0, str(bench))
import floor_project, generate

def build(config):
    site = config.parent.parent / (config.parent.name + "-site")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                           "--site-dir", str(site)], capture_output=True, text=True, cwd=config.parent)
    return {"site": str(site), "returncode": done.returncode, "output": done.stdout + done.stderr}

generate.write_project(20, 7, out / "project")
report = {"project": str(out / "project"), "built": build(out / "project" / "mkdocs.yml")}
floor_project.render_floor(out / "project", out / "floor")
report["floor"] = str(out / "floor")
report["floor_built"] = build(out / "floor" / "mkdocs.yml")
print(json.dumps(report))
"""


class BenchBuilds(NamedTuple):
    """The 20-actor project built by mkdocs, and its floor project (tests/bench/) built too."""

    project: Path
    site: Path
    floor: Path
    floor_site: Path


@starts_early("bench_builds")
def _start_bench_builds() -> EarlyRun:
    folder = Path(tempfile.mkdtemp(prefix="reference-bench-"))
    command = [sys.executable, "-c", _BENCH_BUILDS, str(PROJECT_DIR / "bench"), str(folder)]
    return EarlyRun(ChildRun(command, cwd=folder, env=mkdocs_environment()), folder)


@pytest.fixture(scope="session")
def bench_builds() -> BenchBuilds:
    """The benchmark's 20-actor project and its floor project, each built once (started early)."""
    with take_early_run("bench_builds") as early:
        result = early.run.wait()
        assert result.returncode == 0, result.stderr[-3000:]
        report = json.loads(result.stdout.strip().splitlines()[-1])
        for built in (report["built"], report["floor_built"]):
            assert built["returncode"] == 0, built["output"][-3000:]
        yield BenchBuilds(Path(report["project"]), Path(report["built"]["site"]), Path(report["floor"]),
                          Path(report["floor_built"]["site"]))
