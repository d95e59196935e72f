"""Named editions of the data: git tags `edition-YYYY-MM`, each naming the state of data/ at its commit.

A researcher cites and re-fetches an edition by name. Like data_history.py, git runs without a shell
and with a timeout; with no git, no tags, or a shallow clone, there are simply no editions.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .data_version import run_git

EDITION_TAG = re.compile(r"^edition-[0-9]{4}-[0-9]{2}$")  # edition-2026-12: a month, as editions are monthly at most


@dataclass(frozen=True)
class Edition:
    """One named edition: its tag, the day of its commit, the commit, and the data commits it includes."""

    name: str
    date: str  # 'YYYY-MM-DD', the tagged commit's committer day
    revision: str  # the full hash of the tagged commit
    data_commits: frozenset[str]  # full hashes of the commits touching data/ that the edition includes


def _git_lines(arguments: list[str], project_dir: Path) -> list[str]:
    try:
        result = run_git(arguments, project_dir, 30)
    except (OSError, subprocess.SubprocessError):
        return []
    return result.stdout.split("\n") if result.returncode == 0 else []


def find_editions(project_dir: Path, data_dir: Path) -> list[Edition]:
    """Every edition tag, oldest first; none outside a git checkout."""
    names = [line for line in _git_lines(["tag", "--list", "edition-*"], project_dir) if EDITION_TAG.match(line)]
    editions = []
    for name in names:
        head = _git_lines(["log", "-1", "--format=%H %cs", f"{name}^{{commit}}"], project_dir)
        if not head or len(head[0].split()) != 2:
            continue
        revision, date = head[0].split()
        commits = _git_lines(["rev-list", f"{name}^{{commit}}", "--", str(data_dir)], project_dir)
        editions.append(Edition(name, date, revision, frozenset(line for line in commits if line)))
    return sorted(editions, key=lambda edition: (edition.date, edition.name))


def edition_of(revision: str | None, editions: list[Edition]) -> Edition | None:
    """The first edition that includes a data commit (given by full or short hash), or None if none has yet."""
    if not revision:
        return None
    for edition in editions:
        if any(commit.startswith(revision) for commit in edition.data_commits):
            return edition
    return None
