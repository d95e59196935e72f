"""What changed in the data, commit by commit: records added, changed (which fields) and removed.

Each historical version of a data file is parsed with the loader the build uses (load/data_files.py),
and records are compared by kind and id; memberships, which have no id, by member, organization, role
and start (or as-of date). Only commits touching data/ are read, and each file version is parsed once.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.data_files import RawRecord, parse_data_file
from ..load.data_history import NO_BLOB, DataCommit, DataHistory, MissingHistory, open_blob_reader, read_data_history
from ..load.parse_cache import cache_file_for, read_cached, write_cached
from ..model.records import KIND_NAMES

ACTIONS = ("added", "changed", "removed")
# Commits compared record by record, newest first; older ones are listed without detail. Each compared
# commit parses the versions of the files it touched (0.6 s for 10,000 events in one file), so a long
# history of a large data set would otherwise cost minutes on every cold build.
COMPARED_COMMITS = 100  # as many as the page shows (render/changes.py SHOWN_CHANGES)
# Part of each cache entry's key: a change to how records are keyed here must not reuse old entries.
_CODE_FINGERPRINT = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
# The field a record is named by, per kind, when it has no 'name' (memberships are named by their key).
_NAME_FIELDS = ("name", "title", "question")


@dataclass(frozen=True)
class RecordChange:
    """One record added, changed or removed by a commit."""

    kind: str  # 'actors'
    key: str  # the id, or for a membership 'member in organization as role from start'
    action: str  # one of ACTIONS
    name: str  # how readers know it: its name or title, else its key
    fields: tuple[str, ...] = ()  # for 'changed': the fields that differ, in the record's order
    record_id: str | None = None  # the id (None for a membership)
    member: str | None = None  # for a membership: its member and organization ids
    organization: str | None = None


@dataclass(frozen=True)
class DataChange:
    """One commit's changes to the records."""

    revision: str
    date: str  # 'YYYY-MM-DD'
    time: str  # ISO 8601 with offset
    subject: str
    records: tuple[RecordChange, ...]
    files: tuple[str, ...]  # the data files the commit touched, relative to the data folder
    unreadable: tuple[str, ...] = ()  # files that could not be parsed at this commit (their records kept)
    compared: bool = True  # False for commits older than the newest COMPARED_COMMITS: records not compared


@dataclass
class ChangeLog:
    """Every change to the data, newest first; or why the history is missing."""

    changes: list[DataChange] = field(default_factory=list)
    missing: MissingHistory | None = None
    # (kind, key) -> (day, revision) of the last commit that added or changed the record, for records present now;
    # revision '' when the record was last changed on or before that day, in a commit not compared.
    last_changed: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def last_change_of(self, kind: str, key: str) -> tuple[str, str] | None:
        """The day and revision of the record's last change, or None when the history does not know it."""
        return self.last_changed.get((kind, key))


# ---------------------------------------------------------------- records as comparable values

def kind_of_path(path: str) -> str | None:
    """The kind a data file holds ('actors.yml', 'actors/x.yml' -> 'actors'), or None for other files."""
    parts = path.split("/")
    if len(parts) == 1 and parts[0].endswith((".yml", ".yaml")):
        kind = parts[0].rsplit(".", 1)[0]
    elif len(parts) == 2 and parts[1].endswith((".yml", ".yaml")):
        kind = parts[0]
    else:
        return None
    return kind if kind in KIND_NAMES else None


def plain_value(value: Any) -> Any:
    """A parsed value without file lines: RawRecords become dicts, so equal data compares equal."""
    if isinstance(value, RawRecord):
        return {name: plain_value(item) for name, item in value.fields.items()}
    if isinstance(value, list):
        return [plain_value(item) for item in value]
    return value


def key_of_record(kind: str, fields: dict[str, Any]) -> str:
    """The key a record is compared by: its id; a membership's member, organization, role and start or as-of."""
    if kind != "memberships":
        return str(fields.get("id", ""))
    key = f"{fields.get('member', '?')} in {fields.get('organization', '?')} as {fields.get('role', '?')}"
    if fields.get("start"):
        key += f" from {fields['start']}"
    elif fields.get("as_of"):
        key += f" as of {fields['as_of']}"
    return key


def _name_of(fields: dict[str, Any], key: str) -> str:
    """How readers know a record: its name, title or question, else its key."""
    return next((str(fields[name]) for name in _NAME_FIELDS if isinstance(fields.get(name), str)), key)


def key_records(kind: str, records: Iterable[RawRecord]) -> dict[str, dict[str, Any]]:
    """Records of one kind by their key, as plain values; a repeated key gets ' (2)', ' (3)'…"""
    keyed: dict[str, dict[str, Any]] = {}
    for record in records:
        fields = plain_value(record)
        key = base = key_of_record(kind, fields)
        number = 1
        while key in keyed:  # invalid data can repeat an id; each copy still counts
            number += 1
            key = f"{base} ({number})"
        keyed[key] = fields
    return keyed


def compare_records(kind: str, before: dict[str, dict[str, Any]],
                    after: dict[str, dict[str, Any]]) -> list[RecordChange]:
    """Records added, changed (with the fields that differ) and removed between two versions of a kind."""
    changes = []
    for key, fields in after.items():
        old = before.get(key)
        if old is None:
            changes.append(_record_change(kind, key, "added", fields))
        elif old != fields:
            names = [name for name in fields if old.get(name) != fields[name]]
            names += [name for name in old if name not in fields]
            changes.append(_record_change(kind, key, "changed", fields, tuple(names)))
    changes += [_record_change(kind, key, "removed", fields) for key, fields in before.items() if key not in after]
    return changes


def _record_change(kind: str, key: str, action: str, fields: dict[str, Any],
                   changed_fields: tuple[str, ...] = ()) -> RecordChange:
    is_membership = kind == "memberships"
    record_id = None if is_membership or not isinstance(fields.get("id"), str) else fields["id"]
    return RecordChange(kind, key, action, _name_of(fields, key), changed_fields, record_id,
                        str(fields.get("member")) if is_membership else None,
                        str(fields.get("organization")) if is_membership else None)


# ---------------------------------------------------------------- the walk through the history

def compute_change_log(history: DataHistory, read_blob: Callable[[str], bytes | None],
                       cache_dir: Path | None = None, compared_commits: int = COMPARED_COMMITS) -> ChangeLog:
    """Walk the commits oldest first, keeping each kind's records, and list what each commit changed
    (record by record for the newest compared_commits)."""
    if history.missing is not None:
        return ChangeLog(missing=history.missing)
    blobs: dict[str, str] = {}  # path -> its blob now
    parsed: dict[str, dict[str, dict[str, Any]] | None] = {}  # blob -> keyed records (None: unreadable)
    known: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in KIND_NAMES}
    last_changed: dict[tuple[str, str], tuple[str, str]] = {}
    changes = []
    first_compared = max(0, len(history.commits) - compared_commits)
    for number, commit in enumerate(history.commits):
        if number == first_compared and number > 0:
            # The state before the first compared commit is the baseline: its records date from then or earlier.
            for kind in KIND_NAMES:
                for path in sorted(path for path in blobs if kind_of_path(path) == kind):
                    keyed = _parse_blob(kind, path, blobs[path], parsed, read_blob, cache_dir)
                    known[kind].update(keyed or {})
                last_changed.update(((kind, key), (history.commits[number - 1].date, "")) for key in known[kind])
        touched = _apply(commit, blobs)
        if number < first_compared:
            changes.append(DataChange(commit.revision, commit.date, commit.time, commit.subject, (),
                                      tuple(change.path for change in commit.changes), compared=False))
            continue
        records: list[RecordChange] = []
        unreadable: list[str] = []
        for kind in (kind for kind in KIND_NAMES if kind in touched):
            after: dict[str, dict[str, Any]] = {}
            bad = False
            for path in sorted(path for path in blobs if kind_of_path(path) == kind):
                keyed = _parse_blob(kind, path, blobs[path], parsed, read_blob, cache_dir)
                if keyed is None:
                    unreadable.append(path)
                    bad = True
                else:
                    after.update(keyed)  # keys repeated across files: the later file's copy wins
            if bad:
                continue  # compare with the last readable version once the file is fixed
            found = compare_records(kind, known[kind], after)
            known[kind] = after
            records += sorted(found, key=lambda change: (ACTIONS.index(change.action), change.key))
            for change in found:
                if change.action == "removed":
                    last_changed.pop((kind, change.key), None)
                else:
                    last_changed[(kind, change.key)] = (commit.date, commit.revision)
        # Parsed versions of files no longer present are not needed again (unless a revert brings them back).
        current = set(blobs.values())
        for blob in [blob for blob in parsed if blob not in current]:
            del parsed[blob]
        changes.append(DataChange(commit.revision, commit.date, commit.time, commit.subject, tuple(records),
                                  tuple(change.path for change in commit.changes), tuple(unreadable)))
    changes.reverse()
    return ChangeLog(changes=changes, last_changed=last_changed)


def _apply(commit: DataCommit, blobs: dict[str, str]) -> set[str]:
    """Update each path's blob with the commit's file changes; return the kinds it touched."""
    touched = set()
    for change in commit.changes:
        kind = kind_of_path(change.path)
        if kind is None:
            continue
        touched.add(kind)
        if change.new_blob == NO_BLOB:
            blobs.pop(change.path, None)
        else:
            blobs[change.path] = change.new_blob
    return touched


def _parse_blob(kind: str, path: str, blob: str, parsed: dict[str, dict[str, dict[str, Any]] | None],
                read_blob: Callable[[str], bytes | None],
                cache_dir: Path | None) -> dict[str, dict[str, Any]] | None:
    """One file version's records by key, parsed once per blob (and kept in the parse cache); None if unreadable."""
    if blob in parsed:
        return parsed[blob]
    # A blob hash names its content: the entry of a file version never goes stale, and a rebuild under
    # `mkdocs serve` reads the whole history back without parsing it again.
    entry = (cache_file_for(cache_dir, Path("/data-history") / kind / blob, f"history:{kind}:{_CODE_FINGERPRINT}",
                            blob.encode()) if cache_dir is not None else None)
    cached = read_cached(entry) if entry is not None else None
    if cached is not None:
        parsed[blob] = cached[0]
        return parsed[blob]
    content = read_blob(blob)
    keyed = None
    if content is not None:
        found, problems = parse_data_file(content, path)
        keyed = None if problems and not found else key_records(kind, found)
    parsed[blob] = keyed
    if entry is not None and content is not None:
        write_cached(entry, (keyed,))  # a tuple, so that an unreadable version (None) is cached too
    return keyed


def find_change_log(project_dir: Path, data_dir: Path, cache_dir: Path | None = None) -> ChangeLog:
    """The change log of the data folder, from git; says why when there is no history to read.

    Parsed file versions are kept in cache_dir (the build's parse cache), by blob hash.
    """
    history = read_data_history(project_dir, data_dir)
    if history.missing is not None or not history.commits:
        return compute_change_log(history, lambda blob: None)
    # The whole log is kept too, keyed by the commits and their file versions: a rebuild with no new
    # commit (each `mkdocs serve` rebuild) reads it back instead of comparing every version again.
    entry = (cache_file_for(cache_dir, Path("/data-history/log") / data_dir.resolve().relative_to("/"),
                            f"history-log:{_CODE_FINGERPRINT}", repr(history.commits).encode())
             if cache_dir is not None else None)
    cached = read_cached(entry) if entry is not None else None
    if cached is not None:
        return _log_from_plain(cached)
    with open_blob_reader(data_dir) as read_blob:
        log = compute_change_log(history, read_blob, cache_dir)
    if entry is not None:
        write_cached(entry, _log_to_plain(log))
    return log


def _log_to_plain(log: ChangeLog) -> tuple:
    """A change log as tuples, dicts and text, for the cache (marshal)."""
    changes = [(change.revision, change.date, change.time, change.subject,
                [(r.kind, r.key, r.action, r.name, r.fields, r.record_id, r.member, r.organization)
                 for r in change.records], change.files, change.unreadable, change.compared)
               for change in log.changes]
    return (changes, log.last_changed)


def _log_from_plain(plain: tuple) -> ChangeLog:
    """The change log back from _log_to_plain's form."""
    changes, last_changed = plain
    return ChangeLog(changes=[DataChange(revision, date, time, subject,
                                         tuple(RecordChange(*record) for record in records), files, unreadable,
                                         compared)
                              for revision, date, time, subject, records, files, unreadable, compared in changes],
                     last_changed=last_changed)
