"""Validation: raw records become typed records; every problem is collected, none is fatal alone."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from .dates import ReducedDate, parse_reduced_date
from .load import LoadedData, RawRecord, paused_gc
from .model import (ID_PATTERN, ITEM_CLASSES, KINDS, RECORD_CLASSES, Actor, Citation, Event, Field, Kind,
                    Membership, Organization, Origin, Source, Statement)
from .problems import Problem, suggest

_ID_RE = re.compile(ID_PATTERN)
_URL_RE = re.compile(r"^https?://[^\s<>\"']+$")
_QUOTE_HINT = "text; put words such as yes, no, on, off in quotes"


@dataclass
class Dataset:
    """All typed records, by kind, in file order."""

    sources: list[Source] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


def label_of(kind: Kind, raw: RawRecord) -> str:
    """The record name used in messages: its id, or for memberships 'member in organization'."""
    if kind.has_id:
        return str(raw.fields.get("id", f"(record at line {raw.line})"))
    return f"{raw.fields.get('member', '?')} in {raw.fields.get('organization', '?')}"


# ---------------------------------------------------------------- one value against its field spec

# Field names per record class and per spec tuple, worked out once: validating 10,000 events
# otherwise spent a third of its time re-listing dataclass fields (measured with cProfile).
_CLASS_FIELD_NAMES: dict[type, frozenset[str]] = {}
_SPEC_NAMES: dict[int, tuple[tuple[Field, ...], frozenset[str]]] = {}


def build_record(cls: type, values: dict[str, Any]) -> Any:
    """Instantiate a record class from validated values, ignoring absent optional fields (as model.build_record)."""
    names = _CLASS_FIELD_NAMES.get(cls)
    if names is None:
        names = _CLASS_FIELD_NAMES[cls] = frozenset(spec.name for spec in fields(cls))
    return cls(**{name: value for name, value in values.items() if name in names})


def _names_of(specs: tuple[Field, ...]) -> frozenset[str]:
    """The field names of a spec tuple; keyed by identity, since the specs are module constants."""
    entry = _SPEC_NAMES.get(id(specs))
    if entry is None or entry[0] is not specs:
        entry = _SPEC_NAMES[id(specs)] = (specs, frozenset(spec.name for spec in specs))
    return entry[1]


class _Checker:
    """Checks the shape of one record's fields and converts them; collects problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems

    def report(self, raw: RawRecord, record: str, name: str, message: str, expected: str = "") -> None:
        self.problems.append(Problem(raw.path, raw.line_of(name), record, name, message, expected))

    def check_record(self, raw: RawRecord, specs: tuple[Field, ...], record: str, prefix: str = "") -> dict:
        """Return converted values of the fields that are well-formed."""
        known = _names_of(specs)
        for name in raw.fields:
            if name not in known:
                self.report(raw, record, prefix + name, f"unknown field '{name}'{suggest(name, known)}",
                            "one of " + ", ".join(sorted(known)))
        values: dict[str, Any] = {}
        for spec in specs:
            value = raw.fields.get(spec.name)
            if value is None or value == "" or value == []:
                if spec.required:
                    self.report(raw, record, prefix + spec.name, "required field is missing or empty",
                                spec.description)
                continue
            converted = self.convert(raw, spec, value, record, prefix)
            if converted is not None:
                values[spec.name] = converted
        return values

    def convert(self, raw: RawRecord, spec: Field, value: Any, record: str, prefix: str) -> Any:
        name = prefix + spec.name
        shape = spec.shape
        if shape in ("text", "id", "url", "choice", "reference"):
            if isinstance(value, (RawRecord, list, bool)):
                return self.report(raw, record, name, f"is a {_type_name(value)}",
                                   _QUOTE_HINT if isinstance(value, bool) else "a single text value")
            text = str(value).strip()
            if shape == "id" and not _ID_RE.match(text):
                return self.report(raw, record, name, f"'{text}' does not follow the id rule",
                                   "lowercase letters, digits and single hyphens, e.g. 'amir-khan-muttaqi'")
            if shape == "url" and not _URL_RE.match(text):
                return self.report(raw, record, name, f"'{text}' is not a web address", "https://…")
            if shape == "choice" and text not in spec.choices:
                return self.report(raw, record, name, f"'{text}' is not allowed{suggest(text, spec.choices)}",
                                   "one of " + ", ".join(spec.choices))
            return text
        if shape == "date":
            if isinstance(value, (RawRecord, list, bool)):
                return self.report(raw, record, name, f"is a {_type_name(value)}", "a date like 2023-02-14")
            try:
                return parse_reduced_date(str(value))
            except ValueError as error:
                return self.report(raw, record, name, str(error), "YYYY, YYYY-MM or YYYY-MM-DD")
        if shape in ("texts", "references"):
            items = value if isinstance(value, list) else None
            if items is None or any(isinstance(item, (RawRecord, list)) for item in items):
                return self.report(raw, record, name, f"is a {_type_name(value)}", "a list of texts: [a, b]")
            # YAML reads a bare no, yes, on, off as true/false and an empty item as nothing: 'False' or
            # 'None' would be published silently (Norway's 'NO' is the classic case).
            if any(item is None or isinstance(item, bool) for item in items):
                odd = next(item for item in items if item is None or isinstance(item, bool))
                if odd is None:
                    return self.report(raw, record, name, "an item is empty", "text on every '- ' line")
                return self.report(raw, record, name, "an item is a true/false value", _QUOTE_HINT)
            return tuple(str(item).strip() for item in items)
        if shape == "citations":
            return self.convert_citations(raw, spec, value, record, name)
        if shape == "records":
            if not isinstance(value, list) or not all(isinstance(item, RawRecord) for item in value):
                return self.report(raw, record, name, f"is a {_type_name(value)}", "a list of mappings")
            cls = ITEM_CLASSES[spec.name]
            return tuple(build_record(cls, self.check_record(item, spec.item_fields, record, name + "."))
                         for item in value)
        raise AssertionError(f"unknown shape {shape}")

    def convert_citations(self, raw: RawRecord, spec: Field, value: Any, record: str, name: str) -> Any:
        if not isinstance(value, list):
            return self.report(raw, record, name, f"is a {_type_name(value)}",
                               "a list of source ids or {source: id, locator: text}")
        from .model import CITATION_FIELDS  # local: keeps the module's import list short
        citations = []
        for item in value:
            if isinstance(item, RawRecord):
                values = self.check_record(item, CITATION_FIELDS, record, name + ".")
                if "source" in values:
                    citations.append(Citation(values["source"], values.get("locator")))
            elif isinstance(item, (str, int)) and not isinstance(item, bool):
                citations.append(Citation(str(item).strip()))
            else:
                self.report(raw, record, name, f"an item is a {_type_name(item)}", "a source id")
        return tuple(citations) or None


def _type_name(value: Any) -> str:
    """Plain-words type of a YAML value for messages."""
    if isinstance(value, RawRecord):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, (int, float)):
        return "number"
    return "text"


# ---------------------------------------------------------------- all records

def validate_records(loaded: LoadedData) -> tuple[Dataset, dict[str, tuple[Kind, RawRecord]], list[Problem]]:
    """Type-check every record; return the dataset, the raw record behind each id, and the problems."""
    with paused_gc():  # tens of thousands of acyclic records: collector passes only cost time
        return _validate_all(loaded)


def _validate_all(loaded: LoadedData) -> tuple[Dataset, dict[str, tuple[Kind, RawRecord]], list[Problem]]:
    """validate_records without the collector's pauses."""
    problems = list(loaded.problems)
    checker = _Checker(problems)
    dataset = Dataset()
    raw_by_id: dict[str, tuple[Kind, RawRecord]] = {}
    for kind_name, raws in loaded.records.items():
        kind = KINDS[kind_name]
        for raw in raws:
            record = label_of(kind, raw)
            values = checker.check_record(raw, kind.fields, record)
            record_id = values.get("id")
            if record_id:
                if record_id in raw_by_id:
                    other_kind, other = raw_by_id[record_id]
                    problems.append(Problem(raw.path, raw.line_of("id"), record_id, "id",
                                            f"duplicate id: already used by the {other_kind.singular} at "
                                            f"{other.path}:{other.line_of('id')}", "ids unique across all data"))
                    continue
                raw_by_id[record_id] = (kind, raw)
            values["origin"] = Origin(raw.path, raw.line)
            try:
                record_object = build_record(RECORD_CLASSES[kind_name], values)
            except TypeError:
                continue  # a required field is missing (reported above); later checks need the record whole
            getattr(dataset, kind_name).append(record_object)
    return dataset, raw_by_id, problems


def ends_before_start(start: ReducedDate | None, end: ReducedDate | None) -> bool:
    """True when an end date lies before its start date (compared at their common precision)."""
    if not start or not end:
        return False
    return end.iso() < start.iso()[: len(end.iso())]
