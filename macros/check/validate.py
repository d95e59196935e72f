"""Validation: raw records become typed records; every problem is collected, none is fatal alone."""
from __future__ import annotations

from typing import Any

from ..load.data_files import LoadedData, RawRecord, paused_gc
from ..model.dataset import Dataset, label_of_fields
from ..model.dates import parse_reduced_date
from ..model.patterns import ID_RE, URL_RE, whole_match
from ..model.problems import Problem, suggest
from ..model.records import KINDS, LIST_SHAPES, Citation, Field, Kind, Origin, field_names_of, fields_of

# ---------------------------------------------------------------- one value against its field spec

class _Checker:
    """Checks the shape of one record's fields and converts them; collects problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems

    def report(self, raw: RawRecord, record: str, name: str, message: str, expected: str = "") -> None:
        self.problems.append(Problem(raw.path, raw.line_of(name), record, name, message, expected))

    def check_record(self, raw: RawRecord, record_class: type, record: str, prefix: str = "") -> dict:
        """Return converted values of the fields of record_class that are well-formed."""
        # Names from a cache: validating 10,000 events otherwise spent a third of its time re-listing
        # fields (measured with cProfile).
        known = field_names_of(record_class)
        for name in raw.fields:
            if name not in known:
                self.report(raw, record, prefix + name, f"unknown field '{name}'{suggest(name, known)}",
                            "one of " + ", ".join(sorted(known)))
        values: dict[str, Any] = {}
        for spec in fields_of(record_class):
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
        if shape in ("text", "id", "url", "code", "choice", "reference"):
            if isinstance(value, (RawRecord, list)):
                return self.report(raw, record, name, f"is a {_type_name(value)}", "a single text value")
            text = str(value).strip()
            if shape == "id" and not ID_RE.match(text):
                return self.report(raw, record, name, f"'{text}' does not follow the id rule",
                                   "lowercase letters, digits and single hyphens, e.g. 'amir-khan-muttaqi'")
            if shape == "url" and not URL_RE.match(text):
                return self.report(raw, record, name, f"'{text}' is not a web address", "https://…")
            if shape == "code" and not whole_match(spec.pattern, text):
                return self.report(raw, record, name, f"'{text}' is not a well-formed {name}",
                                   f"{spec.description.split(',')[0].rstrip('.')}, e.g. '{spec.example}'")
            if shape == "choice" and text not in spec.choices:
                return self.report(raw, record, name, f"'{text}' is not allowed{suggest(text, spec.choices)}",
                                   "one of " + ", ".join(spec.choices))
            return text
        if shape == "date":
            if isinstance(value, (RawRecord, list)):
                return self.report(raw, record, name, f"is a {_type_name(value)}", "a date like 2023-02-14")
            try:
                return parse_reduced_date(str(value))
            except ValueError as error:
                return self.report(raw, record, name, str(error), "YYYY, YYYY-MM or YYYY-MM-DD")
        if shape in ("texts", "references"):
            items = value if isinstance(value, list) else None
            if items is None or any(isinstance(item, (RawRecord, list)) for item in items):
                return self.report(raw, record, name, f"is a {_type_name(value)}", "a list of texts: [a, b]")
            # An empty '- ' item reads as nothing: 'None' would be published silently. (A bare no, yes,
            # on, off never arrives as true/false: the loader keeps it as text and asks for quotes.)
            if any(item is None for item in items):
                return self.report(raw, record, name, "an item is empty", "text on every '- ' line")
            return tuple(str(item).strip() for item in items)
        if shape == "citations":
            return self.convert_citations(raw, spec, value, record, name)
        if shape == "records":
            if not isinstance(value, list) or not all(isinstance(item, RawRecord) for item in value):
                return self.report(raw, record, name, f"is a {_type_name(value)}", "a list of mappings")
            assert spec.item_class is not None, f"field {spec.name} of shape 'records' declares no item class"
            items = []
            for item in value:
                item_values = self.check_record(item, spec.item_class, record, name + ".")
                # An item missing a required part was reported by check_record; the others are kept.
                if _has_required(spec.item_fields, item_values):
                    items.append(spec.item_class(**item_values))
            return tuple(items)
        raise AssertionError(f"unknown shape {shape}")

    def convert_citations(self, raw: RawRecord, spec: Field, value: Any, record: str, name: str) -> Any:
        if not isinstance(value, list):
            return self.report(raw, record, name, f"is a {_type_name(value)}",
                               "a list of source ids or {source: id, locator: text}")
        citations = []
        for item in value:
            if isinstance(item, RawRecord):
                values = self.check_record(item, Citation, record, name + ".")
                if "source" in values:
                    citations.append(Citation(values["source"], values.get("locator")))
            elif isinstance(item, (str, int)):
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
            record = label_of_fields(raw.fields)
            values = checker.check_record(raw, kind.record_class, record)
            record_id = values.get("id")
            if record_id:
                if record_id in raw_by_id:
                    other_kind, other = raw_by_id[record_id]
                    problems.append(Problem(raw.path, raw.line_of("id"), record_id, "id",
                                            f"duplicate id: already used by the {other_kind.singular} at "
                                            f"{other.path}:{other.line_of('id')}", "ids unique across all data"))
                    continue
                raw_by_id[record_id] = (kind, raw)
            # A record missing a required field was reported above; later checks need records whole.
            if _has_required(kind.fields, values):
                dataset.records_of(kind_name).append(kind.record_class(**values, origin=Origin(raw.path, raw.line)))
    return dataset, raw_by_id, problems


def _has_required(specs: tuple[Field, ...], values: dict[str, Any]) -> bool:
    """Whether the record can be built for the checks that follow (its missing fields are reported already).

    A missing required list (no sources) leaves the record whole enough to check: it is built with an
    empty list, so the consistency checks still report everything else about it in the same run.
    """
    for spec in specs:
        if spec.required and spec.name not in values and spec.shape in LIST_SHAPES:
            values[spec.name] = ()
    return all(spec.name in values for spec in specs if spec.required)
