"""The version of the data: the date and hash of the newest git commit that touched data/.

It changes exactly when the data changes, with no field for an editor to forget to bump, and the
commit hash pins the version.

Every field read from git is validated before use (a revision is hex, a date is a real date): commit
objects are plain text that anyone can write with `git hash-object --literally`, and git prints an
impossible date (year 3170843, or the placeholder '%cs' itself) rather than refuse one.
"""
from __future__ import annotations

import datetime
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

# A full SHA-1 or SHA-256 object name, or an abbreviated one (git's shortest is 4 digits).
_REVISION_RE = re.compile(r"[0-9a-f]{4,64}\Z")
_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})\Z")
# Options that keep git's output in the shape asked for, whatever the repository's or user's git
# configuration says (color.ui=always, log.showSignature, diff.relative, i18n.logOutputEncoding …).
STABLE_OUTPUT = ("--no-color", "--no-show-signature", "--no-relative", "--encoding=UTF-8")


@dataclass(frozen=True)
class DataVersion:
    """When the data last changed, and the commit that changed it; both None outside a git checkout."""

    date: str | None  # ISO date: 2026-11-25
    revision: str | None  # short commit hash


def run_git(arguments: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run git without a shell; OSError or SubprocessError when it cannot run."""
    # UTF-8 with replacement, not the locale's codec: a commit message in another encoding must not
    # end the build with a UnicodeDecodeError.
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, encoding="utf-8", errors="replace",
                          timeout=timeout)


def is_revision(text: str) -> bool:
    """Whether text is a git object name: lowercase hex digits."""
    return _REVISION_RE.match(text) is not None


def is_day(text: str) -> bool:
    """Whether text is a real calendar day written YYYY-MM-DD."""
    if _DAY_RE.match(text) is None:
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_time(text: str) -> bool:
    """Whether text is a real ISO 8601 time with its offset, as git's strict format (%cI) writes it."""
    if _TIME_RE.match(text) is None:
        return False
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return False
    offset = moment.utcoffset()
    return offset is not None and abs(offset) < datetime.timedelta(hours=24)


def find_data_version(project_dir: Path, data_dir: Path) -> DataVersion:
    """The newest git commit touching the data folder: its date and short hash."""
    try:
        result = run_git(["log", "-1", *STABLE_OUTPUT, "--format=%cs%x00%cI%x00%h", "--", str(data_dir)],
                         project_dir, 20)
    except (OSError, subprocess.SubprocessError):
        return DataVersion(None, None)  # no git: the citation says the date is unknown rather than guess
    date, time, revision = (result.stdout.strip().split("\0") + ["", ""])[:3]
    # The same rule as the change log's (data_history.py): a day, and a time on that day, both real.
    if result.returncode != 0 or not is_day(date) or not is_time(time) or not time.startswith(date) \
            or not is_revision(revision):
        return DataVersion(None, None)  # no commit yet, or one whose fields cannot be trusted: not guessed
    return DataVersion(date, revision)
