"""The change log as JSON (changes.json): every change to the data, newest first, as the page lists them."""
from __future__ import annotations

import json
from typing import Any

from ..query.changes import ACTIONS, ChangeLog, DataChange, RecordChange


def _record_as_json(record: RecordChange) -> dict[str, Any]:
    """One record's change: kind, key, name, and the changed fields when it changed."""
    found: dict[str, Any] = {"kind": record.kind, "key": record.key, "name": record.name}
    if record.record_id is not None:
        found["id"] = record.record_id
    if record.member is not None:
        found["member"], found["organization"] = record.member, record.organization
    if record.action == "changed":
        found["fields"] = list(record.fields)
    return found


def change_as_json(change: DataChange) -> dict[str, Any]:
    """One commit's changes: its revision, day, time, subject, files, and the records per action."""
    found: dict[str, Any] = {"revision": change.revision, "date": change.date, "time": change.time,
                             "subject": change.subject, "files": list(change.files)}
    for action in ACTIONS:
        found[action] = [_record_as_json(record) for record in change.records if record.action == action]
    if not change.compared:
        found["compared"] = False  # older than the commits compared record by record: no detail
    if change.unreadable:
        found["unreadable"] = list(change.unreadable)
    return found


def render_changes_json(log: ChangeLog) -> str:
    """The whole change log as JSON text; 'history' says whether it could be read, and why not."""
    document: dict[str, Any] = {
        "history": "missing" if log.missing else "available",
        "total": len(log.changes),
        "changes": [change_as_json(change) for change in log.changes],
    }
    if log.missing is not None:
        document["missing"] = {"reason": log.missing.reason, "explanation": log.missing.explanation}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
