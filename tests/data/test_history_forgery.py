"""The data's history as git holds it, and nothing a commit's author wrote into its fields.

A commit message once forged a change-log entry (`x\\x1eSEP-INJECT\\x1fA\\x1fB\\x1fC`: revision 'SEP-INJECT', date
'A'), and a submodule entry in data/ put the blob reader out of step. Here every field of git's output is
NUL-separated and validated, commit objects are written by hand where `git commit` would refuse them
(impossible dates, a NUL in a message), and the repository's own git configuration tries to change the output.
"""
from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from macros.export.changes import render_changes_json
from macros.load.data_history import (
    MAX_SUBJECT,
    NO_BLOB,
    UnreadableLog,
    open_blob_reader,
    parse_git_log,
    read_data_history,
)
from macros.load.data_version import find_data_version, is_day, is_revision, is_time
from macros.query.changes import find_change_log

ACTORS = "- id: russia\n  type: state\n  name: Russia\n  summary: A state.\n  sources: [s]\n"
EDITED = ACTORS.replace("A state.", "A state, edited.")
HEX = "0123456789abcdef" * 2 + "01234567"


def git(repo: Path, *arguments: str, input_bytes: bytes | None = None, date: str = "2026-01-05T09:00:00+00:00") -> str:
    """Run git in repo as an editor would, with fixed names and dates; its output."""
    environment = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="Editor",
                       GIT_AUTHOR_EMAIL="editor@example.org", GIT_COMMITTER_NAME="Editor",
                       GIT_COMMITTER_EMAIL="editor@example.org", GIT_CONFIG_NOSYSTEM="1", HOME=str(repo))
    return subprocess.run(["git", *arguments], cwd=repo, env=environment, check=True, capture_output=True,
                          input=input_bytes).stdout.decode("utf-8", "replace").strip()


def new_repository(tmp_path: Path) -> Path:
    """A repository with one commit adding data/actors.yml."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "data" / "actors.yml").write_text(ACTORS, encoding="utf-8")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "First actors")
    return repo


def edit_and_commit(repo: Path, message: bytes, text: str = EDITED) -> None:
    """Change data/actors.yml and commit with a message given as bytes (any bytes git accepts)."""
    (repo / "data" / "actors.yml").write_text(text, encoding="utf-8")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "--cleanup=verbatim", "-F", "-", input_bytes=message, date="2026-02-01T10:00:00+02:00")


def commit_object(repo: Path, committer_time: str, message: bytes, *, author: bytes = b"a <b> 1 +0000") -> str:
    """A commit written by hand (as `git hash-object --literally` allows) on top of HEAD, with HEAD's tree
    plus an edit to the data; HEAD moves to it. Returns its hash."""
    (repo / "data" / "actors.yml").write_text(EDITED + "# " + committer_time + "\n", encoding="utf-8")
    git(repo, "add", "data")
    tree, parent = git(repo, "write-tree"), git(repo, "rev-parse", "HEAD")
    body = (f"tree {tree}\nparent {parent}\n".encode() + b"author " + author + b"\n"
            + f"committer c <d> {committer_time}\n\n".encode() + message)
    revision = git(repo, "hash-object", "-t", "commit", "-w", "--literally", "--stdin", input_bytes=body)
    git(repo, "update-ref", "HEAD", revision)
    return revision


# ---------------------------------------------------------------- commit messages forge nothing

FORGING_MESSAGES = {
    "record-separators": b"x\x1eSEP-INJECT\x1fA\x1fB\x1fC",
    "raw-entry": f":100644 100644 {HEX} {HEX} M data/sources.yml\n\nbody".encode(),
    "looks-like-a-commit": f"{'f' * 40}\n\n2026-01-01".encode(),
    "not-utf8": b"caf\xe9 \xff\xfe",
    "controls-and-bidi": "a\x1b[31mred\x07 \u202eevil\u202c \u200bz".encode(),
}


@pytest.mark.parametrize("message", FORGING_MESSAGES.values(), ids=FORGING_MESSAGES.keys())
def test_no_commit_message_forges_a_revision_a_date_or_an_entry(tmp_path: Path, message: bytes) -> None:
    repo = new_repository(tmp_path)
    edit_and_commit(repo, message)
    history = read_data_history(repo, repo / "data")
    assert history.missing is None and len(history.commits) == 2
    newest = history.commits[-1]
    assert newest.revision == git(repo, "rev-parse", "HEAD")
    assert (newest.date, newest.time) == ("2026-02-01", "2026-02-01T10:00:00+02:00")
    assert [change.path for change in newest.changes] == ["actors.yml"]  # the edit is credited to its commit
    assert all(character.isprintable() for character in newest.subject)
    assert "\u202e" not in newest.subject and "\u200b" not in newest.subject


def test_the_change_log_feed_and_json_hold_only_real_commits(tmp_path: Path, real_site) -> None:
    from macros.render.changes import render_atom_feed
    from macros.render.components import Draw
    from macros.render.urls import PageLinks

    repo = new_repository(tmp_path)
    edit_and_commit(repo, FORGING_MESSAGES["record-separators"])
    log = find_change_log(repo, repo / "data")
    document = json.loads(render_changes_json(log))
    assert [change["revision"] for change in document["changes"]] == [git(repo, "rev-parse", "HEAD"),
                                                                       git(repo, "rev-parse", "HEAD~1")]
    assert [change["changed"] for change in document["changes"]][0][0]["id"] == "russia"
    assert "SEP-INJECT" not in {change["revision"] for change in document["changes"]}
    draw = Draw(real_site.index, PageLinks("", real_site.record_urls, real_site.page_urls), real_site.year_pages)
    feed = render_atom_feed(log, draw, site_name="Site", site_url="https://example.org/", changes_url="changes/")
    entries = ElementTree.fromstring(feed.encode()).findall("{http://www.w3.org/2005/Atom}entry")
    assert [entry.find("{http://www.w3.org/2005/Atom}updated").text for entry in entries] == [
        "2026-02-01T10:00:00+02:00", "2026-01-05T09:00:00+00:00"]


def test_a_long_subject_is_shortened(tmp_path: Path) -> None:
    repo = new_repository(tmp_path)
    edit_and_commit(repo, b"x" * 100_000)
    subject = read_data_history(repo, repo / "data").commits[-1].subject
    assert len(subject) == MAX_SUBJECT and subject.endswith("…")


# ---------------------------------------------------------------- hand-written commit objects

@pytest.mark.parametrize("committer_time", ["99999999999999 +0000", "-5 +0000", "abc +0000", "1700000000 x",
                                            "1700000000 +9999"])
def test_a_commit_with_a_date_git_cannot_give_leaves_the_history_missing_and_says_why(tmp_path: Path,
                                                                                       committer_time: str) -> None:
    repo = new_repository(tmp_path)
    revision = commit_object(repo, committer_time, b"odd date\n")
    history = read_data_history(repo, repo / "data")
    assert history.commits == [] and history.missing is not None
    assert history.missing.reason == "unreadable history"
    assert revision[:12] in history.missing.explanation
    # The version every page cites is not guessed either.
    assert find_data_version(repo, repo / "data").date is None


def test_a_nul_in_a_message_or_odd_author_fields_forge_nothing(tmp_path: Path) -> None:
    repo = new_repository(tmp_path)
    revision = commit_object(repo, "1700000000 +0000", b"before\0\x1e" + HEX.encode() + b"\0after\n",
                             author=b"\x1e\x1f\0 <x> 1 +0000")
    newest = read_data_history(repo, repo / "data").commits[-1]
    assert (newest.revision, newest.date, newest.subject) == (revision, "2023-11-14", "before")


def test_the_data_version_is_validated(tmp_path: Path) -> None:
    repo = new_repository(tmp_path)
    version = find_data_version(repo, repo / "data")
    assert version.date == "2026-01-05" and version.revision and is_revision(version.revision)


@pytest.mark.parametrize("text, expected", [("2026-02-29", False), ("2024-02-29", True), ("%cs", False),
                                            ("3170843-11-07", False), ("2026-1-05", False), ("２０２６-01-05", False)])
def test_a_day_is_a_real_calendar_day(text: str, expected: bool) -> None:
    assert is_day(text) is expected


@pytest.mark.parametrize("text, expected", [("2026-01-05T09:00:00+00:00", True), ("2026-01-05T09:00:00Z", True),
                                            ("2023-11-14T22:13:20+99:99", False), ("%cI", False),
                                            ("2026-01-05T09:00:00", False)])
def test_a_time_is_a_real_time_with_its_offset(text: str, expected: bool) -> None:
    assert is_time(text) is expected


def test_output_out_of_shape_is_refused_not_guessed() -> None:
    good = f"{HEX}\0002026-01-01\0002026-01-01T00:00:00Z\0S\0\n:000000 100644 {NO_BLOB} {HEX} A\0data/a.yml\0"
    assert len(parse_git_log(good, "data/")) == 1
    for bad in (good.replace(HEX, "SEP-INJECT", 1), good.replace("2026-01-01\0", "A\0", 1),
                good.replace(":000000 100644", ":000000 1006x4"), good[:len(good) // 3]):
        with pytest.raises(UnreadableLog):
            parse_git_log(bad, "data/")


# ---------------------------------------------------------------- the repository's git configuration

@pytest.mark.parametrize("setting", ["log.showRoot=false", "diff.relative=true", "color.ui=always",
                                     "log.showSignature=true", "i18n.logOutputEncoding=ISO-8859-1",
                                     "diff.renames=copies", "core.abbrev=8"])
def test_the_repositorys_git_configuration_does_not_change_what_is_read(tmp_path: Path, setting: str) -> None:
    repo = new_repository(tmp_path)
    edit_and_commit(repo, "Édition".encode())
    expected = read_data_history(repo, repo / "data")
    name, value = setting.split("=")
    git(repo, "config", name, value)
    assert read_data_history(repo, repo / "data") == expected


# ---------------------------------------------------------------- objects that are not files

def test_a_submodule_entry_in_the_data_folder_is_skipped_without_losing_step(tmp_path: Path) -> None:
    repo = new_repository(tmp_path)
    for number in range(3):
        edit_and_commit(repo, f"edit {number}".encode(), ACTORS + f"# {number}\n")
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{git(repo, 'rev-parse', 'HEAD~3')},data/sources/zz.yml")
    git(repo, "commit", "-q", "-m", "A submodule in data")
    git(repo, "rm", "-q", "--cached", "data/sources/zz.yml")
    git(repo, "commit", "-q", "-m", "Submodule gone")
    edit_and_commit(repo, b"The real edit")
    log = find_change_log(repo, repo / "data")
    newest = log.changes[0]
    assert newest.subject == "The real edit" and newest.unreadable == ()
    assert [(record.key, record.action, record.fields) for record in newest.records] == [
        ("russia", "changed", ("summary",))]
    assert all(change.unreadable == () for change in log.changes)


def test_a_data_file_turned_into_a_submodule_and_back_reads_as_removed_then_added(tmp_path: Path) -> None:
    repo = new_repository(tmp_path)
    head = git(repo, "rev-parse", "HEAD")
    git(repo, "rm", "-q", "--cached", "data/actors.yml")
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},data/actors.yml")
    git(repo, "commit", "-q", "-m", "Now a submodule")
    git(repo, "rm", "-q", "--cached", "data/actors.yml")
    edit_and_commit(repo, b"A file again")
    actions = [[(record.key, record.action) for record in change.records]
               for change in find_change_log(repo, repo / "data").changes]
    assert actions == [[("russia", "added")], [("russia", "removed")], [("russia", "added")]]


def test_a_symbolic_link_in_the_data_folder_is_not_read_as_a_data_file(tmp_path: Path) -> None:
    repo = new_repository(tmp_path)
    (repo / "data" / "events.yml").symlink_to("actors.yml")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "A link")
    edit_and_commit(repo, b"After the link")
    log = find_change_log(repo, repo / "data")
    assert all(change.unreadable == () for change in log.changes)
    assert log.changes[1].files == ()  # the link is no data file


def test_the_blob_reader_stays_in_step_after_any_object(tmp_path: Path) -> None:
    repo = new_repository(tmp_path)
    blob = git(repo, "rev-parse", "HEAD:data/actors.yml")
    others = [git(repo, "rev-parse", "HEAD"), git(repo, "rev-parse", "HEAD^{tree}"), "f" * 40, "HEAD", "x\ny"]
    with open_blob_reader(repo / "data") as read_blob:
        for other in others:
            assert read_blob(other) is None
            assert read_blob(blob) == ACTORS.encode()
