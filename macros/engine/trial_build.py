"""`check` agrees with the build: after the data and page checks, the site is built once, strictly, into a
temporary folder, and whatever would stop `mkdocs build --strict` is reported as a problem with file and line.

The static checks find most problems fast and all at once; only rendering finds the rest (an error in a
page's template code, a link to a missing anchor, front matter the engine reads differently). Building
for real is the one way to be sure that "0 problems found." means the build passes.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..model.problems import Problem
from .strictness import WarningCounter

# A page error line, as the glue writes it: docs/actors/x.md:12: ZeroDivisionError: …
_PAGE_ERROR = re.compile(r"^(?P<path>[^\s:][^:]*\.md):(?P<line>\d+): (?P<message>.+)$")
# mkdocs names pages relative to docs/ in quotes: "Doc file 'actors/x.md' contains a link …"
_DOC_FILE = re.compile(r"Doc file '(?P<page>[^']+)'")
_LINK = re.compile(r"contains a link '(?P<link>[^']+)'")


@contextlib.contextmanager
def _collecting_engine_messages() -> Iterator[WarningCounter]:
    """Collect the engine's warnings instead of printing them; restore its logging afterwards."""
    logger = logging.getLogger("mkdocs")
    collector = WarningCounter()
    propagates, level = logger.propagate, logger.level
    logger.addHandler(collector)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate, logger.level = propagates, level


def _line_of(path: Path, text: str) -> int | None:
    """The first line of a file that holds the text, or None."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
            if text in line:
                return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def problem_of_message(message: str, project_dir: Path, docs_dir: Path) -> list[Problem]:
    """The problems one engine message names: page errors with their lines, warnings about a page's links."""
    problems = []
    for text in message.splitlines():
        page_error = _PAGE_ERROR.match(text)
        if page_error:
            problems.append(Problem(page_error["path"], int(page_error["line"]), "", "page",
                                    page_error["message"], "template code that renders"))
    if problems:
        return problems
    if message.startswith("Aborted with") or "nothing was built" in message:
        return []  # a summary of messages already reported one by one
    doc_file = _DOC_FILE.search(message)
    if doc_file is None:
        return [Problem("mkdocs.yml", None, "", "build", " ".join(message.split()), "a build without warnings")]
    page = docs_dir / doc_file["page"]
    link = _LINK.search(message)
    line = (_line_of(page, f"({link['link']}") or _line_of(page, link["link"])) if link else None
    display = page.relative_to(project_dir).as_posix() if page.is_relative_to(project_dir) else str(page)
    return [Problem(display, line, "", "link", " ".join(message.split()), "links that lead somewhere")]


def build_and_collect_problems(config_file: Path) -> list[Problem]:
    """Build the site strictly into a temporary folder, in this process, and report what would stop it."""
    project_dir = config_file.resolve().parent
    # Material prints a notice about the future of MkDocs on every load: not a problem of this project.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    docs_dir = project_dir / "docs"
    with tempfile.TemporaryDirectory(prefix="reference-check-") as output, _collecting_engine_messages() as messages:
        try:
            config = load_config(config_file=str(config_file), site_dir=str(Path(output) / "site"), strict=True)
            docs_dir = Path(config["docs_dir"]).resolve()
            build(config)
        except (Exception, SystemExit) as error:  # any failure of the build is a finding
            failure: BaseException = error
        else:
            return []
    problems = [problem for message in messages.messages
                for problem in problem_of_message(message, project_dir, docs_dir)]
    if not problems:  # the build failed without saying why in its log: say what it raised
        problems.append(Problem("mkdocs.yml", None, "", "build", f"the build failed: {type(failure).__name__}: "
                                f"{' '.join(str(failure).split())}", "a build that succeeds"))
    return problems


def find_build_problems(config_file: Path) -> list[Problem]:
    """Run the trial build in a child process and return its problems.

    A child process, because a build changes the process it runs in: the glue imports macros/ anew, tunes
    the garbage collector and registers logging filters; the caller (the command line, a test) stays as it was.
    """
    package_parent = Path(__file__).resolve().parents[2]  # the folder holding the macros package
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(package_parent),
                                                                          os.environ.get("PYTHONPATH")])))
    child = subprocess.run([sys.executable, "-m", "macros.engine.trial_build", str(config_file.resolve())],
                           capture_output=True, text=True, env=environment, cwd=config_file.resolve().parent,
                           timeout=3600, check=False)
    try:
        found = json.loads(child.stdout)
    except json.JSONDecodeError:
        last_line = (child.stderr.strip().splitlines() or ["no output"])[-1]
        return [Problem("mkdocs.yml", None, "", "build", f"the trial build could not run: {last_line}",
                        "a build that runs")]
    return [Problem(**problem) for problem in found]


if __name__ == "__main__":
    print(json.dumps([dataclasses.asdict(problem) for problem in build_and_collect_problems(Path(sys.argv[1]))]))
