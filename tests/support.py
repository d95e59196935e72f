"""Helpers shared by the tests: where things are, running the checker and mkdocs, copying projects.

Imported one way everywhere: `from tests.support import ...` (pytest.ini puts the project root on
sys.path). Fixtures live in tests/conftest.py; this module holds plain functions only.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import yaml
from bs4 import BeautifulSoup

PROJECT_DIR = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_DIR / "tests" / "fixtures"
# The smallest valid project: every kind of record once or twice, every overview page.
MINIMAL = FIXTURES / "minimal"


# ---------------------------------------------------------------- running the tools

def run_mkdocs_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` for a project in a child process; return it finished (not raising)."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=environment, cwd=config_file.parent, timeout=600,
    )


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


# ---------------------------------------------------------------- projects

def copy_project(fixture: Path, destination: Path) -> Path:
    """A runnable copy of a fixture project: its files, plus the site's code linked in."""
    shutil.copytree(fixture, destination)
    # mkdocs-macros loads macros/engine/mkdocs_glue.py relative to mkdocs.yml: link the real package, never copy it.
    (destination / "macros").symlink_to(PROJECT_DIR / "macros", target_is_directory=True)
    return destination


def copy_real_project(destination: Path, with_code: bool = False) -> Path:
    """A copy of the real site's configuration, data and pages (and, if asked, its code and theme)."""
    names = ("mkdocs.yml", "docs", "data") + (("macros", "overrides") if with_code else ())
    for name in names:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
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

def read_data_file(kind: str) -> list[dict]:
    """The records of data/<kind>.yml as PyYAML reads them: expected values that bypass macros/."""
    return yaml.safe_load((PROJECT_DIR / "data" / f"{kind}.yml").read_text(encoding="utf-8"))


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
