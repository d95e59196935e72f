"""An internal error of `python -m macros` is one line on stderr and exit status 2, never a traceback.

A developer who wants the traceback passes --traceback or sets REFERENCE_TRACEBACK=1.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli import main as cli_main
from macros.cli.status import EXIT_CANNOT_RUN
from tests.support import MINIMAL, PROJECT_DIR, copy_project, run_cli


def fail(*_arguments, **_keywords):
    """Stands in for a command's work: an error no code path expects."""
    return 1 // 0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(MINIMAL, tmp_path / "project")


@pytest.mark.parametrize("command, patched", [
    (["check"], "check_site"), (["schema", "--check"], "run_schema"),
    (["new", "actor", "x-y", "--name", "X", "--type", "state"], "run_new"),
])
def test_an_internal_error_is_one_line_and_status_2(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                     command: list[str], patched: str) -> None:
    monkeypatch.delenv("REFERENCE_TRACEBACK", raising=False)
    monkeypatch.setattr(cli_main, patched, fail)
    finished = run_cli(project, *command)
    assert finished.returncode == EXIT_CANNOT_RUN == 2
    assert finished.stderr == f"internal error in {command[0]}: ZeroDivisionError: integer division or modulo by zero\n"


def test_the_traceback_is_shown_on_request(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_main, "check_site", fail)
    finished = run_cli(project, "check", "--traceback")
    assert finished.returncode == 2
    assert finished.stderr.startswith("Traceback (most recent call last):")
    assert finished.stderr.endswith("internal error in check: ZeroDivisionError: integer division or modulo by zero\n")
    monkeypatch.setenv("REFERENCE_TRACEBACK", "1")
    assert "Traceback" in run_cli(project, "check").stderr


def test_an_internal_error_message_stays_on_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail_with_lines(*_arguments):
        raise RuntimeError("first\n0 problems found.\x1b[2J")
    monkeypatch.delenv("REFERENCE_TRACEBACK", raising=False)
    monkeypatch.setattr(cli_main, "check_site", fail_with_lines)
    finished = run_cli(project, "check")
    assert finished.stderr == "internal error in check: RuntimeError: first\\n0 problems found.\\x1b[2J\n"


def test_an_internal_error_in_a_child_process(project: Path, tmp_path: Path) -> None:
    # The real entry point (`python -m macros`), with the check made to fail by a sitecustomize module.
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import macros.site.assemble as assemble\n"
        "def check_site(*_arguments):\n    return 1 // 0\n"
        "assemble.check_site = check_site\n", encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if key != "REFERENCE_TRACEBACK"}
    environment["PYTHONPATH"] = os.pathsep.join([str(hooks), str(PROJECT_DIR)])
    finished = subprocess.run([sys.executable, "-m", "macros", "check"], capture_output=True, text=True,
                              env=environment, cwd=project, timeout=300)
    assert (finished.returncode, finished.stdout) == (2, "")
    assert finished.stderr == "internal error in check: ZeroDivisionError: integer division or modulo by zero\n"
