"""Browser fixtures: the built site served on 127.0.0.1, one Chromium per session, a guarded page per test.

Debian's Chromium is driven by Playwright; Playwright's own browser download is never used. Without
Chromium the browser tests are skipped with one line saying how to install it; under CI=true they fail.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.availability import (
    ARTIFACTS_DIR,
    ARTIFACTS_WRITTEN,
    CHROMIUM,
    SET_ASIDE,
    hand_over,
    is_ci,
    missing_browser_reason,
)
from tests.browser.published_build import published_site_fixture  # noqa: F401  (the fixture published_site)

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
# Wide enough for Material's desktop layout: sidebar navigation and table of contents both shown.
VIEWPORT = {"width": 1280, "height": 900}
BROWSER_TESTS_DIR = Path(__file__).resolve().parent


# Last, after -m has deselected: a session without browser tests (the inner loop) never imports Playwright
# to look for it (half a second).
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Without Chromium (and outside CI), set the browser tests aside so pytest says so once, not per test."""
    browser_items = [item for item in items if BROWSER_TESTS_DIR in Path(str(item.path)).parents]
    # Under CI=true nothing is set aside: the browser fixture fails every test instead.
    if browser_items and not is_ci() and missing_browser_reason():
        SET_ASIDE.extend(browser_items)
        items[:] = [item for item in items if item not in browser_items]
        config.hook.pytest_deselected(items=browser_items)


# ---------------------------------------------------------------- the site over HTTP

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request into the test output."""

    def log_message(self, format, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """Says nothing when the browser drops a request it no longer needs (a tab closed mid-page): that is how
    browsers work, not a fault of the site; any other error is reported as the standard server reports it."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # reset, broken pipe, aborted
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 from a thread while the block runs; yields 'http://127.0.0.1:PORT/'."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    # Port 0: the system picks a free port, so parallel sessions never collide.
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL ('http://127.0.0.1:PORT/') of the built site, served from a thread for the session."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def published_site_url(published_site: Path):
    """Base URL of the build made as the publish workflow makes it, served under SITE_URL's path
    ('http://127.0.0.1:PORT/ref/'), so that even its 404 page, whose links are absolute, finds its assets."""
    with serve_folder(published_site.parent) as url:
        yield url + published_site.name + "/"


# ---------------------------------------------------------------- the browser

@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (skipped, or failed under CI=true, when it is missing)."""
    reason = missing_browser_reason()
    if reason:
        if is_ci():
            pytest.fail(f"CI=true, so the browser tests must run, but: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Reader:
    """A browser tab with what it saw: every request, and what went wrong (console errors, page errors,
    Content-Security-Policy violations, requests off 127.0.0.1)."""

    page: object
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    policy_violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, path: str = ""):
        """Go to a site path ('actors/iskp/') and wait until the page and its scripts have loaded."""
        self.page.goto(self.base_url + path, wait_until="load")
        return self.page

    def path(self) -> str:
        """The current URL's path, as a site path ('actors/iskp/'), without query or fragment."""
        return urlsplit(self.page.url).path.lstrip("/")


# Every document of the tab reports what its Content-Security-Policy refused, by directive and address,
# as a console line with this mark. Playwright's init scripts run outside the page's policy.
POLICY_VIOLATION_MARK = "Content-Security-Policy violation:"
REPORT_POLICY_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation', event => console.error("
    f"'{POLICY_VIOLATION_MARK} ' + event.effectiveDirective + ' ' + (event.blockedURI || '-')"
    " + ' at ' + (event.sourceFile || '-') + ':' + event.lineNumber));"
)


def open_reader(browser, base_url: str, color_scheme: str = "light") -> tuple[object, Reader]:
    """A new browser context and tab that record console errors, policy violations and every request,
    and block every request off the site."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme=color_scheme)
    context.add_init_script(REPORT_POLICY_VIOLATIONS)
    page = context.new_page()
    reader = Reader(page, base_url)

    def record_console(message) -> None:
        if message.type != "error":
            return
        reader.console_errors.append(message.text)
        if message.text.startswith(POLICY_VIOLATION_MARK):
            reader.policy_violations.append(message.text.removeprefix(POLICY_VIOLATION_MARK).strip())

    page.on("console", record_console)
    page.on("pageerror", lambda error: reader.console_errors.append(f"uncaught: {error}"))

    def only_own_host(route) -> None:
        reader.requests.append(route.request.url)
        # Abort, not just record: the site must work offline, so nothing may reach another host.
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            reader.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", only_own_host)
    return context, reader


def assert_reader_saw_no_problems(reader: Reader) -> None:
    """Fail on any policy violation, console error or request to a host other than 127.0.0.1."""
    assert reader.policy_violations == [], f"Content-Security-Policy violations: {reader.policy_violations}"
    assert reader.console_errors == [], f"console errors: {reader.console_errors}"
    assert reader.foreign_requests == [], f"requests to hosts other than 127.0.0.1: {reader.foreign_requests}"


@pytest.fixture
def open_unchecked_tab(browser, site_url):
    """Opens a recording tab without failing on what it records: for testing the guards themselves."""
    return functools.partial(open_reader, browser, site_url)


def guarded_tabs(browser, base_url: str):
    """Yields a function opening guarded tabs ('light' or 'dark') on a served site; on return, closes them
    and fails if any logged errors, broke the Content-Security-Policy or left 127.0.0.1."""
    opened: list[tuple[object, Reader]] = []

    def open_tab_in(color_scheme: str = "light") -> Reader:
        opened.append(open_reader(browser, base_url, color_scheme))
        return opened[-1][1]

    yield open_tab_in
    for context, _tab in opened:
        context.close()
    for _context, tab in opened:
        assert_reader_saw_no_problems(tab)


@pytest.fixture
def open_tab(browser, site_url):
    """Opens guarded tabs ('light' or 'dark') on the local build (tests/conftest.py's built_site)."""
    yield from guarded_tabs(browser, site_url)


@pytest.fixture
def open_published_tab(browser, published_site_url):
    """Opens guarded tabs on the build made as the publish workflow makes it (published_build.py)."""
    yield from guarded_tabs(browser, published_site_url)


@pytest.fixture
def reader(open_tab):
    """A fresh light-scheme tab on the served site; the test fails if it logged errors or left 127.0.0.1."""
    return open_tab("light")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """The folder for screenshots and PDFs (test-artifacts/, gitignored)."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    ARTIFACTS_WRITTEN.append(ARTIFACTS_DIR)
    return ARTIFACTS_DIR


# ---------------------------------------------------------------- reporting

def pytest_sessionfinish(session) -> None:
    """In an xdist worker: hand the summary's counts to the main process (tests/conftest.py writes the line)."""
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        hand_over(worker_output)
