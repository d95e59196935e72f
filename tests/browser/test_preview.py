"""The editors' preview (`mkdocs serve` of the real project) under the Content-Security-Policy, in Chromium.

mkdocs adds its live-reload script inline to every page it serves; the built site allows no inline
script, so the preview server allows that one script by its hash in each page it sends
(macros/engine/preview_policy.py), or pages would no longer reload on edits. No other inline script runs.
"""
from __future__ import annotations

import contextlib
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support import PROJECT_DIR, ChildRun, EarlyRun, mkdocs_environment, starts_early, take_early_run

pytestmark = pytest.mark.build


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@starts_early("preview_url")
def _start_preview() -> EarlyRun:
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    folder = Path(tempfile.mkdtemp(prefix="reference-preview-"))
    # mkdocs serve builds into a temporary folder: made inside ours, it goes with ours however serve ends.
    return EarlyRun(ChildRun(command, cwd=PROJECT_DIR, env=dict(mkdocs_environment(), TMPDIR=str(folder))),
                    folder, {"port": port})


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def preview_url():
    """The address of `mkdocs serve` on the real project ('http://127.0.0.1:PORT/'), once it answers."""
    early = take_early_run("preview_url")
    url = f"http://127.0.0.1:{early.details['port']}/"
    try:
        deadline = time.monotonic() + 180
        while not _answers(url):
            assert early.run.process.poll() is None, f"mkdocs serve ended:\n{early.run.wait().stderr[-3000:]}"
            assert time.monotonic() < deadline, "mkdocs serve did not answer within 180 s"
            time.sleep(0.5)
        yield url
    finally:
        # Interrupted first, as an editor stops it; killed after 3 s, since its shutdown waits for the live-reload
        # requests still open (up to a minute). Its temporary site folder is inside ours, removed either way.
        if early.run.process.poll() is None:
            early.run.process.send_signal(signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):  # then it is killed below
                early.run.process.wait(timeout=3)
        early.close()


def test_the_preview_reloads_under_its_policy(browser, preview_url):
    from tests.browser.conftest import assert_reader_saw_no_problems, open_reader

    context, tab = open_reader(browser, preview_url)
    try:
        page = tab.open("actors/russia/")
        # mkdocs' inline script ran: it defines livereload() and starts polling the server for a newer build.
        assert page.evaluate("typeof livereload") == "function"
        policy = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
        # That one script, by its hash; never inline script in general.
        assert re.search(r"script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';", policy), policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        deadline = time.monotonic() + 10
        while not any("/livereload/" in url for url in tab.requests):
            assert time.monotonic() < deadline, f"no live-reload request among {tab.requests}"
            page.wait_for_timeout(100)
    finally:
        context.close()
    assert_reader_saw_no_problems(tab)
