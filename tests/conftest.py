"""Shared fixtures: the real site built once per session (strictly, into a temporary folder), and the
projects several test folders use, each made once per session.

Markers (registered in pytest.ini): a test that needs a site built by mkdocs is marked `build`
(automatically when it asks for one of the BUILT_SITE_FIXTURES), a test under tests/browser/ is
marked `browser`. `pytest -m "not build and not browser"` is the inner loop.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

from tests.support import MINIMAL, PROJECT_DIR, bench_module, copy_project, run_mkdocs_build, snapshot

# Under CI, property tests draw the same examples on every run, so whether a submission lands never
# depends on a lucky draw; local runs keep exploring new examples (and report any failure found).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The parse cache of this test session lives in a temporary folder, not in the user's cache.
os.environ.setdefault("REFERENCE_PARSE_CACHE", tempfile.mkdtemp(prefix="reference-parse-cache-"))

# Fixtures that run mkdocs: a test asking for one (directly or through another fixture) is a `build` test.
BUILT_SITE_FIXTURES = {"built_site", "read_page", "minimal_build", "small_bench_site"}
BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items) -> None:
    """Mark the tests that build a site `build`, and those under tests/browser/ `browser`."""
    for item in items:
        if BUILT_SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


# ---------------------------------------------------------------- the real site

@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per session with --strict; fails loudly with mkdocs' output."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(PROJECT_DIR / "mkdocs.yml", site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def read_page(built_site):
    """Parse a built page by its site path ('organizations/csto/'), cached for the session."""
    cache: dict[str, BeautifulSoup] = {}

    def read(url_path: str) -> BeautifulSoup:
        if url_path not in cache:
            file = built_site / url_path / "index.html" if not url_path.endswith(".html") else built_site / url_path
            cache[url_path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return cache[url_path]

    return read


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


@pytest.fixture(scope="session")
def minimal_build(tmp_path_factory) -> BuiltProject:
    """The minimal fixture project (tests/fixtures/minimal) built once by mkdocs."""
    project = copy_project(MINIMAL, tmp_path_factory.mktemp("minimal") / "project")
    project_before = snapshot(project)
    site_dir = project.parent / "site"
    result = run_mkdocs_build(project / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    return BuiltProject(project, site_dir, snapshot(site_dir), project_before)


@pytest.fixture(scope="session")
def small_bench_project(tmp_path_factory) -> Path:
    """The benchmark's 20-actor project (seed 7), generated once: 200 events, 400 statements."""
    project = tmp_path_factory.mktemp("bench-20") / "project"
    counts = bench_module("generate").write_project(20, 7, project)
    assert counts["actors"] == 20 and counts["events"] == 200 and counts["statements"] == 400
    return project


@pytest.fixture(scope="session")
def small_bench_site(small_bench_project, tmp_path_factory) -> Path:
    """The 20-actor project built once by mkdocs."""
    site = tmp_path_factory.mktemp("bench-20-site") / "site"
    result = run_mkdocs_build(small_bench_project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
