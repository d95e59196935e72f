"""The change log: a git repository's data history becomes records added, changed (which fields) and removed,
dated by commit; a missing history (not a repository, a shallow clone, switched off) is said, never guessed."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from macros.export.changes import render_changes_json
from macros.load.data_history import (
    NO_BLOB,
    DataCommit,
    DataHistory,
    FileChange,
    find_missing_history,
    parse_git_log,
    read_data_history,
)
from macros.query.changes import compute_change_log, find_change_log, key_of_record, kind_of_path

ACTORS_1 = """\
- id: russia
  type: state
  name: Russia
  summary: A state.
  sources: [s]
- id: china
  type: state
  name: China
  summary: Another state.
  sources: [s]
"""
# Russia's summary and sources change, China goes, Iran comes; the order of the file changes too.
ACTORS_2 = """\
- id: iran
  type: state
  name: Iran
  summary: A third state.
  sources: [s]
- id: russia
  type: state
  name: Russia
  summary: A state in the article.
  sources: [s, t]
"""
MEMBERSHIPS = """\
- member: russia
  organization: csto
  role: leader
  as_of: "2023-04"
  sources: [s]
"""


def _git(repo: Path, *arguments: str, date: str = "2026-01-01T12:00:00+00:00") -> str:
    environment = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="Editor",
                       GIT_AUTHOR_EMAIL="editor@example.org", GIT_COMMITTER_NAME="Editor",
                       GIT_COMMITTER_EMAIL="editor@example.org", GIT_CONFIG_NOSYSTEM="1", HOME=str(repo))
    return subprocess.run(["git", *arguments], cwd=repo, env=environment, check=True, capture_output=True,
                          text=True).stdout


def _commit(repo: Path, files: dict[str, str | None], message: str, date: str) -> None:
    for name, text in files.items():
        path = repo / "data" / name
        if text is None:
            path.unlink()
            _git(repo, "rm", "-q", "--cached", f"data/{name}")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        _git(repo, "add", f"data/{name}")
    _git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    """A project whose data went through four commits (and one commit outside data/)."""
    repo = tmp_path_factory.mktemp("history")
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"actors.yml": ACTORS_1}, "First actors", "2026-01-05T09:00:00+00:00")
    (repo / "README.md").write_text("not data\n", encoding="utf-8")
    _git(repo, "add", "README.md")
    _git(repo, "commit", "-q", "-m", "Outside the data", date="2026-01-06T09:00:00+00:00")
    _commit(repo, {"actors.yml": ACTORS_2, "memberships.yml": MEMBERSHIPS}, "Second version",
            "2026-02-10T09:00:00+01:00")
    _commit(repo, {"actors.yml": ACTORS_2 + "- id: broken\n  name: [unclosed\n"}, "A slip",
            "2026-02-11T09:00:00+00:00")
    # The slip fixed, and the actors moved into a folder of files: no record changes by moving.
    _commit(repo, {"actors.yml": None, "actors/all.yml": ACTORS_2, "geo/notes.md": "maps\n"}, "Moved",
            "2026-03-01T09:00:00+00:00")
    return repo


def test_each_commit_touching_data_is_listed_newest_first_with_its_day(repository):
    log = find_change_log(repository, repository / "data")
    assert log.missing is None
    assert [(change.date, change.subject) for change in log.changes] == [
        ("2026-03-01", "Moved"), ("2026-02-11", "A slip"), ("2026-02-10", "Second version"),
        ("2026-01-05", "First actors")]


def test_records_added_changed_and_removed_with_the_fields_that_differ(repository):
    log = find_change_log(repository, repository / "data")
    by_subject = {change.subject: change for change in log.changes}
    first = by_subject["First actors"]
    assert [(r.action, r.kind, r.key, r.name) for r in first.records] == [
        ("added", "actors", "china", "China"), ("added", "actors", "russia", "Russia")]
    second = {(r.action, r.key): r for r in by_subject["Second version"].records}
    assert set(second) == {("added", "iran"), ("changed", "russia"), ("removed", "china"),
                           ("added", "russia in csto as leader as of 2023-04")}
    assert second[("changed", "russia")].fields == ("summary", "sources")
    membership = second[("added", "russia in csto as leader as of 2023-04")]
    assert (membership.kind, membership.member, membership.organization, membership.record_id) == (
        "memberships", "russia", "csto", None)


def test_an_unreadable_version_is_named_and_its_records_are_not_counted_as_removed(repository):
    log = find_change_log(repository, repository / "data")
    by_subject = {change.subject: change for change in log.changes}
    assert by_subject["A slip"].unreadable == ("actors.yml",) and by_subject["A slip"].records == ()
    # Compared with the last readable version: moving the file and fixing the slip changed no record.
    moved = by_subject["Moved"]
    assert moved.records == () and set(moved.files) == {"actors.yml", "actors/all.yml", "geo/notes.md"}


def test_each_record_knows_the_day_and_commit_of_its_last_change(repository):
    log = find_change_log(repository, repository / "data")
    second = next(change for change in log.changes if change.subject == "Second version")
    assert log.last_change_of("actors", "russia") == ("2026-02-10", second.revision)
    assert log.last_change_of("actors", "iran") == ("2026-02-10", second.revision)
    assert log.last_change_of("actors", "china") is None  # removed: no page to date
    assert log.last_change_of("memberships", "russia in csto as leader as of 2023-04")[0] == "2026-02-10"


def test_changes_json_holds_every_change_as_the_log_does(repository):
    log = find_change_log(repository, repository / "data")
    document = json.loads(render_changes_json(log))
    assert document["history"] == "available" and document["total"] == len(log.changes) == 4
    assert [entry["revision"] for entry in document["changes"]] == [change.revision for change in log.changes]
    second = document["changes"][2]
    assert second["date"] == "2026-02-10" and second["time"] == "2026-02-10T09:00:00+01:00"
    assert {entry["key"] for entry in second["added"]} == {"iran", "russia in csto as leader as of 2023-04"}
    assert second["changed"] == [{"kind": "actors", "key": "russia", "name": "Russia", "id": "russia",
                                  "fields": ["summary", "sources"]}]
    assert [entry["key"] for entry in second["removed"]] == ["china"]


def test_outside_a_repository_the_history_is_missing_and_says_why(tmp_path):
    (tmp_path / "data").mkdir()
    log = find_change_log(tmp_path, tmp_path / "data")
    assert log.changes == [] and log.missing is not None and log.missing.reason == "not a repository"
    assert json.loads(render_changes_json(log))["missing"]["reason"] == "not a repository"


def test_a_shallow_clone_is_refused_rather_than_read_as_the_whole_history(repository, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True,
                   capture_output=True)
    log = find_change_log(clone, clone / "data")
    assert log.missing is not None and log.missing.reason == "shallow clone"
    assert "fetch-depth: 0" in log.missing.explanation and log.changes == []


def test_the_switch_turns_the_walk_off(repository, monkeypatch):
    monkeypatch.setenv("REFERENCE_DATA_HISTORY", "off")
    missing, _ = find_missing_history(repository / "data")
    assert missing is not None and missing.reason == "switched off"
    assert read_data_history(repository, repository / "data").commits == []


def test_a_data_folder_below_the_repository_root_keeps_its_paths_relative(tmp_path):
    output = ("\x1eabc\x1f2026-01-01\x1f2026-01-01T00:00:00Z\x1fSubject\0\n"
              f":000000 100644 {NO_BLOB} {'1' * 40} A\0site/data/actors.yml\0"
              f":100644 100644 {'2' * 40} {'3' * 40} M\0site/docs/index.md\0")
    commits = parse_git_log(output, "site/data/")
    assert commits == [DataCommit("abc", "2026-01-01", "2026-01-01T00:00:00Z", "Subject",
                                  (FileChange("actors.yml", NO_BLOB, "1" * 40),))]


def test_each_file_version_is_parsed_once_and_then_read_from_the_cache(tmp_path):
    reads: list[str] = []
    blobs = {"a": ACTORS_1.encode(), "b": ACTORS_2.encode()}

    def read_blob(blob: str) -> bytes | None:
        reads.append(blob)
        return blobs[blob]

    def commit(number: int, *changes: FileChange) -> DataCommit:
        return DataCommit(str(number), "2026-01-0" + str(number), "", "", changes)

    history = DataHistory([
        commit(1, FileChange("actors.yml", NO_BLOB, "a")),
        commit(2, FileChange("actors/copy.yml", NO_BLOB, "a")),  # the same content twice: china and russia repeat
        commit(3, FileChange("actors.yml", "a", "b")),
    ])
    log = compute_change_log(history, read_blob, tmp_path)
    assert reads == ["a", "b"]
    # Newest first: iran added (the copy still holds china and the old russia, which win as the later file);
    # the copy repeated records already there; the first version added two.
    assert [len(change.records) for change in log.changes] == [1, 0, 2]
    reads.clear()
    assert compute_change_log(history, read_blob, tmp_path) == log and reads == []  # a rebuild parses nothing


@pytest.mark.parametrize(("path", "kind"), [
    ("actors.yml", "actors"), ("actors/central-asia.yaml", "actors"), ("memberships.yml", "memberships"),
    ("geo/region.json", None), ("notes.yml", None), ("actors/deeper/x.yml", None)])
def test_only_data_files_of_a_kind_hold_records(path, kind):
    assert kind_of_path(path) == kind


def test_memberships_are_keyed_by_member_organization_role_and_start_or_as_of():
    base = {"member": "belarus", "organization": "sco", "role": "observer"}
    assert key_of_record("memberships", {**base, "start": "2015"}) == "belarus in sco as observer from 2015"
    assert key_of_record("memberships", {**base, "as_of": "2023-04"}) == "belarus in sco as observer as of 2023-04"
    assert key_of_record("actors", {"id": "belarus", "name": "Belarus"}) == "belarus"


def test_beyond_the_compared_commits_changes_are_listed_without_detail_and_dated_on_or_before(repository):
    from macros.load.data_history import open_blob_reader
    from macros.render.changes import render_last_changed

    history = read_data_history(repository, repository / "data")
    with open_blob_reader(repository / "data") as read_blob:
        log = compute_change_log(history, read_blob, compared_commits=2)
    assert [(change.subject, change.compared) for change in log.changes] == [
        ("Moved", True), ("A slip", True), ("Second version", False), ("First actors", False)]
    assert all(change.records == () for change in log.changes)  # the two compared commits changed no record
    assert log.last_change_of("actors", "russia") == ("2026-02-10", "")  # the baseline's day: on or before it
    assert "Last updated on or before" in render_last_changed(log, "actors", "russia", "changes/")
    assert json.loads(render_changes_json(log))["changes"][2]["compared"] is False


def test_the_feed_with_a_site_address_links_absolutely_and_survives_any_commit_message(repository, real_site):
    import xml.etree.ElementTree as ElementTree

    from macros.query.changes import DataChange, RecordChange
    from macros.render.changes import render_atom_feed
    from macros.render.components import Draw
    from macros.render.urls import PageLinks

    log = find_change_log(repository, repository / "data")
    corrected = (RecordChange("actors", "russia", "changed", "Russia", ("summary",), "russia"),)
    hostile = DataChange("f" * 40, "2026-04-01", "2026-04-01T00:00:00+00:00", "<b>bold</b> & \x0b]]> --> end",
                         corrected, ("actors.yml",))
    log.changes.insert(0, hostile)
    draw = Draw(real_site.index, PageLinks("", real_site.record_urls, real_site.page_urls), real_site.year_pages)
    text = render_atom_feed(log, draw, site_name="Site", site_url="https://example.org/ref/", changes_url="changes/")
    feed = ElementTree.fromstring(text.encode("utf-8"))  # well-formed whatever the commit message held
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}id").text == "https://example.org/ref/changes.xml"
    entries = feed.findall(f"{atom}entry")
    # One entry per day, in readers' words: the commit message (and its markup) never reaches the feed.
    assert entries[0].find(f"{atom}link").get("href") == "https://example.org/ref/changes/#changes-2026-04-01"
    assert entries[0].find(f"{atom}title").text == "1 April 2026: 1 corrected"
    assert "bold" not in text and "]]>" not in text
    assert 'href="https://example.org/ref/actors/russia/"' in entries[0].find(f"{atom}content").text
    assert "site_url is empty" not in text
