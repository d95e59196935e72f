"""The change log as JSON (changes.json): every change to the data, newest first, as the page lists them."""
from __future__ import annotations

import json
from typing import Any

from ..load.editions import Edition, edition_of
from ..query.changes import ACTIONS, ChangeLog, DataChange, RecordChange

CHANGES_SCHEMA_FILE = "changes.schema.json"  # beside changes.json at the site root
_RECORD = {"type": "object", "required": ["kind", "key", "name"], "additionalProperties": False, "properties": {
    "kind": {"type": "string"}, "key": {"type": "string"}, "name": {"type": "string"}, "id": {"type": "string"},
    "member": {"type": "string"}, "organization": {"type": "string"},
    "fields": {"type": "array", "items": {"type": "string"}}}}
# The schema of changes.json: what a client may rely on.
CHANGES_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": CHANGES_SCHEMA_FILE,
    "title": "Changes to the data of the security reference site",
    "type": "object", "required": ["history", "total", "editions", "changes"], "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string"},
        "history": {"enum": ["available", "missing"]},
        "total": {"type": "integer", "minimum": 0},
        "missing": {"type": "object", "required": ["reason", "explanation"],
                    "properties": {"reason": {"type": "string"}, "explanation": {"type": "string"}}},
        "editions": {"type": "array", "description": "Named editions (git tags edition-YYYY-MM), oldest first.",
                     "items": {"type": "object", "required": ["name", "date", "revision"],
                               "additionalProperties": False,
                               "properties": {"name": {"type": "string", "pattern": "^edition-[0-9]{4}-[0-9]{2}$"},
                                              "date": {"type": "string", "format": "date"},
                                              "revision": {"type": "string"},
                                              "archive": {"type": "string",
                                                          "description": "The edition's downloads as a zip."}}}},
        "changes": {"type": "array", "items": {
            "type": "object", "required": ["revision", "date", "time", "subject", "files", "edition", *ACTIONS],
            "additionalProperties": False, "properties": {
                "revision": {"type": "string"}, "date": {"type": "string", "format": "date"},
                "time": {"type": "string", "format": "date-time"}, "subject": {"type": "string"},
                "files": {"type": "array", "items": {"type": "string"}},
                "edition": {"type": ["string", "null"],
                            "description": "The first edition that includes the change; null if none does yet."},
                "compared": {"type": "boolean"}, "unreadable": {"type": "array", "items": {"type": "string"}},
                **{action: {"type": "array", "items": _RECORD} for action in ACTIONS}}}},
    },
}


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


def change_as_json(change: DataChange, editions: list[Edition] | None = None) -> dict[str, Any]:
    """One commit's changes: its revision, day, time, subject, files, edition, and the records per action."""
    edition = edition_of(change.revision, editions or [])
    found: dict[str, Any] = {"revision": change.revision, "date": change.date, "time": change.time,
                             "subject": change.subject, "files": list(change.files),
                             "edition": edition.name if edition else None}
    for action in ACTIONS:
        found[action] = [_record_as_json(record) for record in change.records if record.action == action]
    if not change.compared:
        found["compared"] = False  # older than the commits compared record by record: no detail
    if change.unreadable:
        found["unreadable"] = list(change.unreadable)
    return found


def render_changes_json(log: ChangeLog, editions: list[Edition] | None = None,
                        archives: dict[str, str] | None = None) -> str:
    """The whole change log as JSON text, grouped by edition; 'history' says whether it could be read, and why not."""
    editions = editions or []
    document: dict[str, Any] = {
        "$schema": CHANGES_SCHEMA_FILE,
        "history": "missing" if log.missing else "available",
        "total": len(log.changes),
        "editions": [{"name": e.name, "date": e.date, "revision": e.revision,
                      **({"archive": (archives or {})[e.name]} if e.name in (archives or {}) else {})}
                     for e in editions],
        "changes": [change_as_json(change, editions) for change in log.changes],
    }
    if log.missing is not None:
        document["missing"] = {"reason": log.missing.reason, "explanation": log.missing.explanation}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_changes_schema() -> str:
    """changes.schema.json's text."""
    return json.dumps(CHANGES_SCHEMA, ensure_ascii=False, indent=2) + "\n"
