"""The version of the data: the date and hash of the newest git commit that touched data/.

It changes exactly when the data changes, with no field for an editor to forget to bump, and the
commit hash pins the version.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataVersion:
    """When the data last changed, and the commit that changed it; both None outside a git checkout."""

    date: str | None  # ISO date: 2026-11-25
    revision: str | None  # short commit hash


def run_git(arguments: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run git without a shell; OSError or SubprocessError when it cannot run."""
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def find_data_version(project_dir: Path, data_dir: Path) -> DataVersion:
    """The newest git commit touching the data folder: its date and short hash."""
    try:
        result = run_git(["log", "-1", "--format=%cs %h", "--", str(data_dir)], project_dir, 20)
    except (OSError, subprocess.SubprocessError):
        return DataVersion(None, None)  # no git: the citation says the date is unknown rather than guess
    parts = result.stdout.split()
    return DataVersion(parts[0], parts[1]) if result.returncode == 0 and len(parts) == 2 else DataVersion(None, None)
