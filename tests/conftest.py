"""Shared fixtures: the real site is built once per test session, strictly, into a temporary folder."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Under CI, property tests draw the same examples on every run, so whether a submission lands never
# depends on a lucky draw; local runs keep exploring new examples (and report any failure found).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The parse cache of this test session lives in a temporary folder, not in the user's cache.
os.environ.setdefault("REFERENCE_PARSE_CACHE", tempfile.mkdtemp(prefix="reference-parse-cache-"))


def run_mkdocs_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` for a project; return the finished process (not raising)."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=environment, cwd=config_file.parent, timeout=600,
    )


def run_checker(project_dir: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run `python -m macros ...` with the project's code, in the given project folder."""
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_DIR))
    return subprocess.run([sys.executable, "-m", "macros", *arguments], capture_output=True, text=True,
                          env=environment, cwd=project_dir, timeout=300)


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


def section_under(soup: BeautifulSoup, heading_id: str) -> list:
    """The elements after the h2 with this id, up to the next h2: what a reader sees under a heading."""
    heading = soup.find(id=heading_id)
    assert heading is not None, f"no heading #{heading_id}"
    elements = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        elements.append(sibling)
    return elements
