"""The history of the data folder, read from git: which commits changed which data files, and their contents.

Like data_version.py: git runs without a shell and with a timeout, and when there is no history to
read (no git, not a repository, a shallow clone, switched off) the result says why instead of raising.
REFERENCE_DATA_HISTORY=off skips the walk (for benchmarks).
"""
from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..model.text_rules import show_hidden
from .data_version import STABLE_OUTPUT, is_day, is_revision, is_time, run_git
from .switches import is_switched_off

# The hash git writes for "no file" (an added file's old side, a deleted file's new side).
NO_BLOB = "0" * 40
# Per commit, NUL-separated (with -z): hash, committer day, committer time (ISO 8601), subject. No field
# can hold a NUL (git ends a message at one), so no message can forge another field or another commit;
# the subject comes last, and every other field is validated.
_LOG_FORMAT = "%H%x00%cs%x00%cI%x00%s"
# One --raw entry: ':<old mode> <new mode> <old object> <new object> <status>', then the path as the next field.
_RAW_ENTRY = re.compile(r":([0-7]{6}) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) [A-Z][0-9]*\Z")
# Modes of a regular file: a symbolic link (120000) holds a path, a gitlink (160000) names a commit of
# another repository, a tree (040000) a folder; none of them is a data file.
_FILE_MODES = frozenset({"100644", "100755"})
# A subject is shown on the page and in the feed: long enough for any real one, bounded for a forged one.
MAX_SUBJECT = 200


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
    # --root: the first commit's files count even where log.showRoot is off.
    arguments = ["log", "--first-parent", "-m", "--raw", "--no-renames", "--no-abbrev", "--root", "--reverse", "-z",
                 *STABLE_OUTPUT, f"--format={_LOG_FORMAT}", "--", "."]
    try:
        result = run_git(arguments, data_dir, 120)
    except (OSError, subprocess.SubprocessError) as error:
        return DataHistory(missing=MissingHistory("git failed", f"git log could not run ({error})."))
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["unknown error"])[0]
        if "does not have any commits" in message:
            return DataHistory()  # a new repository: no change committed yet, which the page says
        return DataHistory(missing=MissingHistory("git failed", f"git log failed ({message})."))
    try:
        return DataHistory(commits=parse_git_log(result.stdout, prefix))
    except UnreadableLog as error:
        # Published dates and revisions come from here: a log that does not read as asked is not guessed at.
        return DataHistory(missing=MissingHistory("unreadable history", f"git's log of the data could not be "
                                                  f"read safely: {error.args[0]}."))


class UnreadableLog(Exception):
    """git's log is not in the shape asked for, or holds a field that is not what it must be; args: (why,)."""


def parse_git_log(output: str, prefix: str) -> list[DataCommit]:
    """Commits from `git log -z --raw` output in _LOG_FORMAT; paths made relative to the data folder (prefix).

    Raises UnreadableLog when a revision is not hex, a day or time not a real one, or an entry out of shape.
    """
    tokens = output.split("\0")
    commits = []
    position = 0
    while position < len(tokens):
        revision = tokens[position].lstrip("\n")  # git puts a line break between a commit's parts
        if not revision and position == len(tokens) - 1:
            break  # the NUL that ends the output
        if position + 4 > len(tokens):
            raise UnreadableLog(f"the log ends inside a commit ({_shown(revision)})")
        day, time, subject = tokens[position + 1:position + 4]
        if not is_revision(revision) or len(revision) < 40:
            raise UnreadableLog(f"a revision is not a full hex hash ({_shown(revision)})")
        if not is_day(day) or not is_time(time) or not time.startswith(day):
            raise UnreadableLog(f"commit {revision[:12]} has a date git cannot give as a real one "
                                f"({_shown(day)}, {_shown(time)})")
        position += 4
        changes = []
        while position < len(tokens) and tokens[position].lstrip("\n").startswith(":"):
            entry = _RAW_ENTRY.match(tokens[position].lstrip("\n"))
            if entry is None or position + 1 >= len(tokens):
                raise UnreadableLog(f"commit {revision[:12]} has a file entry out of shape "
                                    f"({_shown(tokens[position])})")
            change = _file_change(entry, tokens[position + 1], prefix)
            if change is not None:
                changes.append(change)
            position += 2
        commits.append(DataCommit(revision, day, time, _readable_subject(subject), tuple(changes)))
    return commits


def _file_change(entry: re.Match[str], path: str, prefix: str) -> FileChange | None:
    """One --raw entry as a change to a data file; None outside the data folder or for no file on either side."""
    old_mode, new_mode, old_object, new_object = entry.groups()
    if not path.startswith(prefix):
        return None
    # A side that is not a regular file (a submodule, a link) counts as no file: its object is not a blob,
    # and asking for it as one would put the blob reader out of step.
    old_blob = old_object if old_mode in _FILE_MODES else NO_BLOB
    new_blob = new_object if new_mode in _FILE_MODES else NO_BLOB
    if old_blob == NO_BLOB and new_blob == NO_BLOB:
        return None
    return FileChange(path[len(prefix):], old_blob, new_blob)


def _readable_subject(subject: str) -> str:
    """A subject as readers may see it: controls and invisible characters shown as U+FFFD, its length bounded."""
    subject = show_hidden(subject.strip())
    return subject if len(subject) <= MAX_SUBJECT else subject[:MAX_SUBJECT - 1] + "…"


def _shown(text: str) -> str:
    """A short, visible excerpt of untrusted git output for a message."""
    return repr(show_hidden(text[:40]))


@contextmanager
def open_blob_reader(data_dir: Path) -> Iterator[Callable[[str], bytes | None]]:
    """A function from a blob hash to its bytes (None when missing), served by one `git cat-file --batch`."""
    process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=data_dir, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdin is not None and process.stdout is not None
    stdin, stdout = process.stdin, process.stdout

    def read_blob(blob: str) -> bytes | None:
        # Only object names: anything else would be read by git as a request of its own.
        if not is_revision(blob):
            return None
        # One request at a time, each answer read whole before the next: no pipe can fill up.
        stdin.write(blob.encode("ascii") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3 or not header[2].isdigit():
            return None  # '<name> missing' (or ambiguous): no content follows
        content = stdout.read(int(header[2]))
        stdout.read(1)  # the newline after each object
        # Any object that is not a blob was read whole all the same, so the next answer starts in step.
        return content if header[1] == b"blob" else None

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
