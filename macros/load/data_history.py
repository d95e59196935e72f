"""The history of the data folder, read from git: which commits changed which data files, and their contents.

Like data_version.py: git runs without a shell and with a timeout, and when there is no history to
read (no git, not a repository, a shallow clone, switched off) the result says why instead of raising.
REFERENCE_DATA_HISTORY=off skips the walk (for benchmarks).
"""
from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .data_version import run_git
from .switches import is_switched_off

# The hash git writes for "no file" (an added file's old side, a deleted file's new side).
NO_BLOB = "0" * 40
_RECORD_SEPARATOR = "\x1e"
_FIELD_SEPARATOR = "\x1f"
# One commit per record: hash, committer date (day), committer time (ISO 8601), subject.
_LOG_FORMAT = "%x1e%H%x1f%cs%x1f%cI%x1f%s"


@dataclass(frozen=True)
class FileChange:
    """One data file changed by a commit: its path under the data folder and its blob before and after."""

    path: str  # relative to the data folder: 'actors.yml', 'actors/central-asia.yml'
    old_blob: str  # NO_BLOB when the commit added the file
    new_blob: str  # NO_BLOB when the commit deleted the file


@dataclass(frozen=True)
class DataCommit:
    """A commit that touched the data folder."""

    revision: str  # the full hash
    date: str  # the committer's day: '2026-11-25'
    time: str  # the committer's time, ISO 8601 with offset: '2026-11-25T18:48:09+00:00'
    subject: str  # the first line of the message
    changes: tuple[FileChange, ...] = ()


@dataclass(frozen=True)
class MissingHistory:
    """Why the history cannot be read: a short reason and a sentence for readers."""

    reason: str  # 'shallow clone'
    explanation: str


@dataclass
class DataHistory:
    """The commits that touched the data folder, oldest first; or why there are none to read."""

    commits: list[DataCommit] = field(default_factory=list)
    missing: MissingHistory | None = None


def find_missing_history(data_dir: Path) -> tuple[MissingHistory | None, str]:
    """Why the history of data_dir cannot be read (None when it can), and the folder's path in the repository."""
    if is_switched_off("REFERENCE_DATA_HISTORY"):
        return MissingHistory("switched off", "REFERENCE_DATA_HISTORY=off was set for this build."), ""
    if not data_dir.is_dir():
        return MissingHistory("no data folder", f"the folder {data_dir.name}/ does not exist."), ""
    try:
        result = run_git(["rev-parse", "--is-shallow-repository", "--show-prefix"], data_dir, 20)
    except FileNotFoundError:
        return MissingHistory("no git", "git is not installed where the site was built."), ""
    except (OSError, subprocess.SubprocessError) as error:
        return MissingHistory("git failed", f"git could not run ({error})."), ""
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["unknown error"])[0]
        if "not a git repository" in message:
            return MissingHistory("not a repository",
                                  "the site was built from files outside a git repository."), ""
        return MissingHistory("git failed", f"git could not read the repository ({message})."), ""
    shallow, _, prefix = result.stdout.partition("\n")
    if shallow.strip() == "true":
        # A shallow clone holds the newest commits only: the oldest one would look like the data's birth.
        return MissingHistory("shallow clone", "the build checked out only the newest commits, so earlier "
                              "changes cannot be told apart; fetch the full history (git fetch --unshallow, "
                              "or fetch-depth: 0 in actions/checkout)."), ""
    return None, prefix.strip()


def read_data_history(project_dir: Path, data_dir: Path) -> DataHistory:
    """Every commit on the first-parent line that changed a file under data_dir, oldest first, with its file changes."""
    missing, prefix = find_missing_history(data_dir)
    if missing is not None:
        return DataHistory(missing=missing)
    # --first-parent -m: a merge counts as one change, compared with the branch it merged into.
    # --no-renames: a moved file is a deletion plus an addition, so each side names one path.
    arguments = ["log", "--first-parent", "-m", "--raw", "--no-renames", "--no-abbrev", "--reverse", "-z",
                 f"--format={_LOG_FORMAT}", "--", "."]
    try:
        result = run_git(arguments, data_dir, 120)
    except (OSError, subprocess.SubprocessError) as error:
        return DataHistory(missing=MissingHistory("git failed", f"git log could not run ({error})."))
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["unknown error"])[0]
        if "does not have any commits" in message:
            return DataHistory()  # a new repository: no change committed yet, which the page says
        return DataHistory(missing=MissingHistory("git failed", f"git log failed ({message})."))
    return DataHistory(commits=parse_git_log(result.stdout, prefix))


def parse_git_log(output: str, prefix: str) -> list[DataCommit]:
    """Commits from `git log -z --raw` output in _LOG_FORMAT; paths made relative to the data folder (prefix)."""
    commits = []
    for chunk in output.split(_RECORD_SEPARATOR)[1:]:
        header, _, raw = chunk.partition("\0")
        parts = header.split(_FIELD_SEPARATOR, 3)
        if len(parts) != 4:
            continue
        tokens = raw.lstrip("\n").split("\0")
        changes = []
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            # ':100644 100644 <old> <new> M' then the path, repository-relative.
            fields = meta.strip().lstrip(":").split()
            if len(fields) != 5 or not path.startswith(prefix):
                continue
            changes.append(FileChange(path[len(prefix):], fields[2], fields[3]))
        commits.append(DataCommit(parts[0], parts[1], parts[2], parts[3], tuple(changes)))
    return commits


@contextmanager
def open_blob_reader(data_dir: Path) -> Iterator[Callable[[str], bytes | None]]:
    """A function from a blob hash to its bytes (None when missing), served by one `git cat-file --batch`."""
    process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=data_dir, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdin is not None and process.stdout is not None
    stdin, stdout = process.stdin, process.stdout

    def read_blob(blob: str) -> bytes | None:
        # One request at a time, each answer read whole before the next: no pipe can fill up.
        stdin.write(blob.encode("ascii") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return None
        content = stdout.read(int(header[2]))
        stdout.read(1)  # the newline after each object
        return content

    try:
        yield read_blob
    finally:
        stdin.close()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        stdout.close()
