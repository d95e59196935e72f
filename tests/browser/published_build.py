"""The real site built once per session as the publish workflow builds it: SITE_URL, REPO_URL and EDIT_URI set.

A local build has no repository link and no "edit this page" links, so the parts of the page that could
ask another host (Material's repository facts from api.github.com) only appear in this build. It starts
as soon as the tests are collected (tests.support.starts_early) and runs beside the tests before it.

The fixture is imported by tests/browser/conftest.py and by tests/built_site/test_foreign_requests.py;
a test that asks for it must carry @pytest.mark.build itself (tests/conftest.py's list of build
fixtures names only its own).
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support import (
    PROJECT_DIR,
    ChildRun,
    EarlyRun,
    mkdocs_build_command,
    mkdocs_environment,
    starts_early,
    take_early_run,
)

# What .github/workflows/publish.yml sets, with an example repository: a project page below a path.
PUBLISHED_ENVIRONMENT = {
    "SITE_URL": "https://example.org/ref/",
    "REPO_URL": "https://github.com/example/ref",
    "EDIT_URI": "edit/main/docs/",
}
# The site is built into <folder>/<SITE_URL's last path part>, so it can be served under that path.
SITE_FOLDER_NAME = urlsplit(PUBLISHED_ENVIRONMENT["SITE_URL"]).path.strip("/")


@starts_early("published_site")
def _build_published_site() -> EarlyRun:
    folder = Path(tempfile.mkdtemp(prefix="reference-published-"))
    command = mkdocs_build_command(PROJECT_DIR / "mkdocs.yml", folder / "root" / SITE_FOLDER_NAME)
    return EarlyRun(ChildRun(command, cwd=PROJECT_DIR, env=mkdocs_environment() | PUBLISHED_ENVIRONMENT), folder)


# Named apart from its fixture name, so modules that import it can take `published_site` as an argument.
@pytest.fixture(scope="session", name="published_site")
def published_site_fixture() -> Path:
    """The real site built with --strict and the publish workflow's SITE_URL, REPO_URL and EDIT_URI."""
    with take_early_run("published_site") as early:
        result = early.run.wait()
        assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
        yield early.folder / "root" / SITE_FOLDER_NAME
