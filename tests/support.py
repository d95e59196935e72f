"""Helpers shared by the tests: where things are, running the checker and mkdocs (in process, in a child
process, or started early), copying projects, reading data and pages.

Imported one way everywhere: `from tests.support import ...` (pytest.ini puts the project root on
sys.path). Fixtures live in tests/conftest.py; this module holds no fixtures.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import importlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

import yaml
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

PROJECT_DIR = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_DIR / "tests" / "fixtures"
# The smallest valid project: every kind of record once or twice, every overview page.
MINIMAL = FIXTURES / "minimal"


# ---------------------------------------------------------------- running the tools

def mkdocs_build_command(config_file: Path, site_dir: Path) -> list[str]:
    """`mkdocs build --strict` of a project into a site folder, as a command line."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
            "--site-dir", str(site_dir)]


def mkdocs_environment() -> dict[str, str]:
    """The environment mkdocs runs in: this one, without mkdocs' notice about its next major version."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


def run_mkdocs_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` for a project in a child process; return it finished (not raising)."""
    return subprocess.run(mkdocs_build_command(config_file, site_dir), capture_output=True, text=True,
                          env=mkdocs_environment(), cwd=config_file.parent, timeout=600)


def run_checker(project_dir: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run `python -m macros ...` in a child process, with this project's code, in the given folder."""
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_DIR))
    return subprocess.run([sys.executable, "-m", "macros", *arguments], capture_output=True, text=True,
                          env=environment, cwd=project_dir, timeout=300)


class Finished(NamedTuple):
    """What a command returned and printed, like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(project_dir: Path, *arguments: str) -> Finished:
    """Run `python -m macros ...` in this process (macros.cli.main.main), from the given folder."""
    from macros.cli.main import main

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.chdir(project_dir), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        returncode = main(list(arguments))
    return Finished(returncode, stdout.getvalue(), stderr.getvalue())


# ---------------------------------------------------------------- child processes started early

class ChildRun:
    """A child process started now and waited for later, so its work overlaps the tests run meanwhile."""

    def __init__(self, args: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600):
        self.args, self.timeout = args, timeout
        # Files, not pipes: a child that prints a lot must never block on a pipe nobody reads yet.
        # They stay open until stop(), so no context manager.
        self.stdout = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(args, cwd=cwd, env=env, stdout=self.stdout, stderr=self.stderr, text=True)

    def wait(self) -> subprocess.CompletedProcess:
        """Wait for the child to end; what it returned and printed."""
        returncode = self.process.wait(timeout=self.timeout)
        self.stdout.seek(0)
        self.stderr.seek(0)
        return subprocess.CompletedProcess(self.args, returncode, self.stdout.read(), self.stderr.read())

    def stop(self) -> None:
        """End the child if it still runs (a session that ends before a test waited for it)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.stdout.close()
        self.stderr.close()


@dataclass
class EarlyRun:
    """A child run and the folder it works in (removed with it)."""

    run: ChildRun
    folder: Path
    details: dict = field(default_factory=dict)  # what the starter wants the test to know (e.g. the edits)

    def close(self) -> None:
        self.run.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    # `with take_early_run(name) as early:` closes the run however the fixture that took it ends.
    def __enter__(self) -> EarlyRun:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()


# Slow child processes a session fixture may start as soon as the session knows its tests: fixture
# name -> function starting the run (tests/conftest.py calls start_early_runs once tests are collected).
EARLY_STARTERS: dict[str, Callable[[], EarlyRun]] = {}
# Started runs, or what went wrong starting them (raised in the test that needs the run, not at collection).
_early_runs: dict[str, EarlyRun | Exception] = {}


def starts_early(fixture_name: str):
    """Register a starter for the fixture of that name (used as a decorator in test modules)."""
    def register(starter: Callable[[], EarlyRun]) -> Callable[[], EarlyRun]:
        EARLY_STARTERS[fixture_name] = starter
        return starter
    return register


def start_early_runs(fixture_names: set[str]) -> None:
    """Start the runs of these fixtures now; their tests will wait for them when they come."""
    for name in sorted(fixture_names & EARLY_STARTERS.keys()):
        if name not in _early_runs:
            try:
                _early_runs[name] = EARLY_STARTERS[name]()
            except Exception as error:  # reported by the fixture that needs the run
                _early_runs[name] = error


def take_early_run(fixture_name: str) -> EarlyRun:
    """The run started early for this fixture, or one started now (the caller closes it)."""
    started = _early_runs.pop(fixture_name, None)
    if isinstance(started, Exception):
        raise started
    return started or EARLY_STARTERS[fixture_name]()


def close_early_runs() -> None:
    """Stop and remove the runs no test took (the session ended early, or their tests were skipped)."""
    while _early_runs:
        started = _early_runs.popitem()[1]
        if isinstance(started, EarlyRun):
            started.close()


# ---------------------------------------------------------------- property tests

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE, else `ci` under CI, else `dev`:
#   ci        every property test draws its full count of examples, from a fixed seed (derandomize), so
#             whether a submission lands never depends on a lucky draw;
#   thorough  the full counts, with new random examples on every run (to hunt for bugs before a push);
#   dev       a tenth of the counts (at least two), new examples each run: the inner loop stays fast, and
#             over many runs it still explores. tests/conftest.py loads the profile.
PROFILES = ("ci", "thorough", "dev")


def hypothesis_profile() -> str:
    """The Hypothesis profile of this session: HYPOTHESIS_PROFILE, else 'ci' under CI, else 'dev'."""
    chosen = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    if chosen not in PROFILES:
        raise ValueError(f"HYPOTHESIS_PROFILE={chosen!r}: choose one of {', '.join(PROFILES)}")
    return chosen


def examples(full: int) -> int:
    """How many examples a property test draws: `full` in the ci and thorough profiles, a tenth in dev."""
    return full if hypothesis_profile() != "dev" else max(2, full // 10)


# ---------------------------------------------------------------- validators imported when first used

# jsonschema, stix2-validator and frictionless take 0.2-1.3 s to import (jsonschema builds an IRI grammar on import):
# imported at the top of a test module, every test process would pay for them while collecting, even when no
# selected test uses them.

def schema_validator_class() -> type[Draft202012Validator]:
    """jsonschema's JSON Schema 2020-12 validator class, imported on first use."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator


def schema_validator(schema: dict) -> Draft202012Validator:
    """A JSON Schema 2020-12 validator of `schema`, jsonschema imported on first use."""
    return schema_validator_class()(schema)


# ---------------------------------------------------------------- projects

def copy_project(fixture: Path, destination: Path) -> Path:
    """A runnable copy of a fixture project: its files, plus the site's code linked in."""
    shutil.copytree(fixture, destination)
    # mkdocs loads the hook macros/engine/hooks.py relative to mkdocs.yml: link the real package, never copy it.
    (destination / "macros").symlink_to(PROJECT_DIR / "macros", target_is_directory=True)
    return destination


def copy_real_project(destination: Path, with_code: bool = False) -> Path:
    """A copy of the real site's configuration, data and pages, with its code and theme copied if asked,
    else linked (a check builds the site once, which needs both)."""
    names = ("mkdocs.yml", "docs", "data") + (("macros", "overrides") if with_code else ())
    for name in names:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    if not with_code:
        for name in ("macros", "overrides"):
            (destination / name).symlink_to(PROJECT_DIR / name, target_is_directory=True)
    return destination


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under folder (the linked code excluded) with its content hash and modification time."""
    return {str(path.relative_to(folder)): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*"))
            if path.is_file() and "macros" not in path.relative_to(folder).parts[:1]}


def bench_module(name: str) -> ModuleType:
    """A module of bench/ ('generate', 'floor_project'), which imports its siblings by bare name."""
    folder = str(PROJECT_DIR / "bench")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


# ---------------------------------------------------------------- reading data and pages

# PyYAML's safe loader over libyaml when PyYAML has it: the same safe constructor, the same values, ten times
# faster than the pure-Python parser (some tests read the data hundreds of times).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _parsed_data_file(kind: str) -> list[dict]:
    paths = [PROJECT_DIR / "data" / f"{kind}.yml", *sorted((PROJECT_DIR / "data" / kind).glob("*.yml"))]
    return [record for path in paths if path.exists()
            for record in yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or []]


def read_data_file(kind: str) -> list[dict]:
    """The records of data/<kind>.yml and data/<kind>/*.yml as PyYAML reads them: values that bypass macros/."""
    # Parsed once per session (tests never edit the real data), copied for each caller, who may change it.
    return copy.deepcopy(_parsed_data_file(kind))


def normalized(text: str) -> str:
    """Whitespace collapsed, as a browser shows it and as the render functions may reflow it."""
    return " ".join(text.split())


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
