"""Whether the browser tests can run here, what was set aside or written, and the one line that says so.

A plain module, not a conftest: tests/browser/conftest.py fills it in the process that runs the tests, and
tests/conftest.py writes the summary line. Under pytest-xdist the tests run in worker processes and the summary is
written by the main one, which never loads tests/browser/conftest.py: each worker hands its counts over in xdist's
`workeroutput`, and the main process gathers them here.
"""
from __future__ import annotations

import os
from pathlib import Path

from tests.support import PROJECT_DIR

# Debian's package path; CHROMIUM=/other/path points the tests at another Chromium build.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
INSTALL_HINT = "install: sudo apt-get install -y chromium; pip install -r requirements-test.txt"
# Gitignored (test-artifacts/): pictures and PDFs for a person to look at after a run.
ARTIFACTS_DIR = PROJECT_DIR / "test-artifacts"
# Filled when a test asks for the artifacts folder, so the summary names it only when it was written.
ARTIFACTS_WRITTEN: list[Path] = []
# Browser tests set aside at collection because Chromium is missing: reported in one line at the end.
SET_ASIDE: list = []
# In the main process of an xdist run: what the workers reported, by the keys below.
_SET_ASIDE_KEY = "browser_tests_set_aside"
_ARTIFACTS_KEY = "browser_artifacts_written"
REPORTED_BY_WORKERS: dict[str, int] = {}


def is_ci() -> bool:
    """True when running in CI, where a missing browser is a failure, not a skip."""
    return os.environ.get("CI", "").lower() == "true"


def missing_browser_reason() -> str | None:
    """Why the browser tests cannot run here, or None when Chromium and Playwright are both present."""
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} ({INSTALL_HINT})"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"Playwright for Python is not installed ({INSTALL_HINT})"
    return None


def hand_over(worker_output: dict) -> None:
    """In an xdist worker: put what the summary needs into the output the main process receives."""
    worker_output[_SET_ASIDE_KEY] = len(SET_ASIDE)
    worker_output[_ARTIFACTS_KEY] = int(bool(ARTIFACTS_WRITTEN))


def gather(worker_output: dict) -> None:
    """In the main process of an xdist run: take what one worker handed over."""
    for key in (_SET_ASIDE_KEY, _ARTIFACTS_KEY):
        # Every worker collects every test, so each sets aside the same ones: the largest count, not the sum.
        REPORTED_BY_WORKERS[key] = max(REPORTED_BY_WORKERS.get(key, 0), worker_output.get(key, 0))


def summary_line() -> tuple[str, bool] | None:
    """The line to end the run with (and whether it is a warning): the browser tests skipped, or where their
    pictures are; None when neither applies."""
    set_aside = len(SET_ASIDE) or REPORTED_BY_WORKERS.get(_SET_ASIDE_KEY, 0)
    if set_aside:
        return f"{set_aside} browser tests skipped: {missing_browser_reason()}", True
    if ARTIFACTS_WRITTEN or REPORTED_BY_WORKERS.get(_ARTIFACTS_KEY):
        return f"browser artifacts (screenshots, PDFs, axe reports): {ARTIFACTS_DIR}", False
    return None
