"""`mkdocs serve` survives broken data and broken pages: it says so in the terminal and serves the last good build.

One real `mkdocs serve` on a copy of the minimal project, edited as an editor would: a data error, then a
page error, then a fix. Between edits the server must answer at once with the last good pages.
"""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import MINIMAL, copy_project, mkdocs_environment

pytestmark = pytest.mark.build


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"waited {seconds} s for {what}")


def _get(url: str) -> tuple[int, str, float]:
    """Status, page (without the live-reload call, whose numbers change on every rebuild) and seconds taken."""
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=10) as response:
        page = re.sub(r"livereload\(\d+, ?\d+\)", "livereload()", response.read().decode("utf-8"))
        return response.status, page, time.monotonic() - started


def test_serve_keeps_serving_the_last_good_build_while_data_or_pages_are_broken(tmp_path: Path) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    log_path = tmp_path / "serve.log"
    port = _free_port()
    # serve builds into a temporary folder it removes only on Ctrl-C; it is terminated below, so that folder is
    # made inside this test's own folder, not left behind in /tmp.
    serve_temporary = tmp_path / "serve-tmp"
    serve_temporary.mkdir()
    with log_path.open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=dict(mkdocs_environment(), TMPDIR=str(serve_temporary)),
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        def log_text() -> str:
            return log_path.read_text(encoding="utf-8", errors="replace")

        _wait_for(lambda: "Serving on" in log_text(), 120, "the first build")
        page = f"http://127.0.0.1:{port}/"
        status, good, _ = _get(page)
        assert status == 200

        actors = project / "data" / "actors.yml"
        original_actors = actors.read_text(encoding="utf-8")
        actors.write_text(original_actors.replace("- id: alpha-land\n", "- id: alpha-land\n  bogus: 1\n", 1),
                          encoding="utf-8")
        _wait_for(lambda: log_text().count("the last good build is still served") >= 1, 60, "the failed rebuild")
        assert "bogus: unknown field" in log_text()
        assert _get(page)[:2] == (200, good)

        index = project / "docs" / "index.md"
        original_index = index.read_text(encoding="utf-8")
        index.write_text(original_index + "\n{{ 1 // 0 }}\n", encoding="utf-8")
        actors.write_text(original_actors, encoding="utf-8")
        _wait_for(lambda: "ZeroDivisionError" in log_text(), 60, "the page error")
        _wait_for(lambda: log_text().count("the last good build is still served") >= 2, 60, "the second failure")
        status, body, seconds = _get(page)
        assert (status, body) == (200, good)
        assert seconds < 2, f"the server took {seconds:.1f} s to answer while the site was broken"
        assert server.poll() is None, "the server stopped"

        index.write_text(original_index + "\nA sentence after the fix.\n", encoding="utf-8")
        _wait_for(lambda: "A sentence after the fix." in _get(page)[1], 60, "the fixed page")
        assert "Traceback" not in log_text()
        assert [path.name for path in tmp_path.iterdir() if ".building-" in path.name] == []
    finally:
        server.terminate()
        server.wait(timeout=30)
