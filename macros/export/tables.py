"""The CSV downloads and their Frictionless data package, both read from the one declaration of fields.

A CSV cell holds a plain value a spreadsheet shows as it is: lists as `a; b`, a citation as its source
id, a nested record as its values; each reference has its record's name in the column beside it. The
structured form (locators, nested records) stays in the JSON download. `datapackage.json` describes
every CSV with a Table Schema generated from the same field specs as the JSON Schemas: types, required
fields, patterns, choices, the primary key and the foreign keys between files. The package is written
here without the frictionless library (the site does not need it); the tests validate it with
`frictionless validate`.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model.dataset import Dataset
from ..model.dates import ReducedDate
from ..model.patterns import DATE_PATTERN, ID_PATTERN
from ..model.records import KINDS, LIST_SHAPES, Citation, Field, Kind, fields_of

LIST_SEPARATOR = "; "
PACKAGE_NAME = "afghanistan-central-asia-security-reference"
PACKAGE_TITLE = "Afghanistan & Central Asia Security Reference: the data"
# Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SINGULAR = {kind.singular: kind.name for kind in KINDS.values()}


# ---------------------------------------------------------------- columns and cells

def name_column(spec: Field) -> str | None:
    """The column beside a reference that holds its record's name: 'member_name', 'operates_in_names'."""
    if spec.shape == "reference":
        return f"{spec.name}_name"
    if spec.shape == "references":
        return f"{spec.name}_names"
    return None


def csv_columns(kind: Kind) -> list[str]:
    """The CSV header: every declared field, each reference followed by its names column."""
    columns = []
    for spec in kind.fields:
        columns.append(spec.name)
        beside = name_column(spec)
        if beside:
            columns.append(beside)
    return columns


def neutralise_formula(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading apostrophe before a formula's first character."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _plain_text(value: Any) -> str:
    """One value as plain text: a date in ISO form, a citation as its source id, a nested record as its values."""
    if value is None or value == ():
        return ""
    if isinstance(value, ReducedDate):
        return value.iso()
    if isinstance(value, Citation):
        return value.source  # the locator stays in the JSON download
    if isinstance(value, tuple):
        # Each item once: a source cited at two locators is one source in a cell.
        return LIST_SEPARATOR.join(dict.fromkeys(text for text in (_plain_text(item) for item in value) if text))
    if hasattr(value, "__dataclass_fields__"):
        # A nested record (a participant, a position) as its key values, comma-separated; lists and optional
        # free text (a note, which may hold '; ') are left to the JSON download.
        specs: tuple[Field, ...] = fields_of(type(value))  # type: ignore[arg-type]  # a dataclass type hashes
        return ", ".join(_plain_text(getattr(value, spec.name)) for spec in specs
                         if spec.shape not in LIST_SHAPES and (spec.required or spec.shape != "text")
                         and getattr(value, spec.name) not in (None, ""))
    return str(value)


def record_as_csv_row(record: Any, kind: Kind, names: Mapping[str, str] | None = None) -> dict[str, str]:
    """One record as a CSV row of plain values, with the names of the records it refers to."""
    return dict(zip(csv_columns(kind), _csv_cells(record, _cell_plan(kind), names), strict=True))


def _cell_plan(kind: Kind) -> list[tuple[str, bool]]:
    """Each field's name, and whether a names column follows it: worked out once per file, not per row."""
    return [(spec.name, name_column(spec) is not None) for spec in kind.fields]


def _csv_cells(record: Any, plan: list[tuple[str, bool]], names: Mapping[str, str] | None,
               referred: list[str] | None = None) -> list[str]:
    """One record's cells in the order of csv_columns (the ids whose names it prints are added to referred)."""
    cells = []
    for name, named in plan:
        value = getattr(record, name)
        # Most cells are text already: _plain_text would return them as they are.
        cells.append(neutralise_formula(value if type(value) is str else _plain_text(value)))
        if named:
            targets = (value,) if isinstance(value, str) else (value or ())
            found = [names.get(target, "") for target in targets] if names else []
            cells.append(neutralise_formula(LIST_SEPARATOR.join(found)))
            if referred is not None:
                referred.extend(targets)
    return cells


def names_by_id(dataset: Dataset) -> dict[str, str]:
    """The name readers know each record by: an actor's or organization's name, an event's or source's title."""
    named: list[Any] = [*dataset.actors, *dataset.organizations]
    titled: list[Any] = [*dataset.events, *dataset.sources]
    names = {record.id: record.name for record in named}
    names.update((record.id, record.title) for record in titled)
    names.update((record.id, record.question) for record in dataset.disagreements)
    return names


@dataclass
class CsvMemo:
    """One kind's CSV rows kept between builds under `mkdocs serve`: a rename rewrites only the rows naming it.

    A record's row depends on the record and on the names of the records it refers to, and nothing else. A
    record kept from an unchanged data file is the same object in the next build, so its row is reused unless
    a name it prints changed.
    """

    names: Mapping[str, str] = field(default_factory=dict)  # the names the kept rows were written with
    # By id() of each record: the record itself (held, so the id is not reused), its row's text, the ids it names.
    rows: dict[int, tuple[Any, str, tuple[str, ...]]] = field(default_factory=dict)


class _LastLine:
    """A file for csv.writer that keeps the line last written (the writer writes each row in one call)."""

    line = ""

    def write(self, text: str) -> int:
        """Keep the row's text."""
        self.line = text
        return len(text)


def _changed_names(before: Mapping[str, str], now: Mapping[str, str]) -> set[str]:
    """The ids whose name differs between two builds' names (gone or new ids included)."""
    changed = {record_id for record_id, name in now.items() if before.get(record_id) != name}
    changed.update(record_id for record_id in before if record_id not in now)
    return changed


def _memo_lines(records: list, plan: list[tuple[str, bool]], names: Mapping[str, str],
                memo: CsvMemo) -> Iterator[str]:
    """Each record's CSV line, reused from the memo where the record and the names it prints are the same."""
    changed = _changed_names(memo.names, names) if memo.rows else set()
    last = _LastLine()
    writer = csv.writer(last, lineterminator="\n")
    kept_rows: dict[int, tuple[Any, str, tuple[str, ...]]] = {}
    for record in records:
        kept = memo.rows.get(id(record))
        if kept is None or kept[0] is not record or not changed.isdisjoint(kept[2]):
            referred: list[str] = []
            writer.writerow(_csv_cells(record, plan, names, referred))
            kept = (record, last.line, tuple(referred))
        kept_rows[id(record)] = kept
        yield kept[1]
    # Rows of records no longer in the data are forgotten: memory stays flat across edits.
    memo.rows, memo.names = kept_rows, names


def iterate_kind_csv(records: list, kind: Kind, names: Mapping[str, str] | None = None,
                     memo: CsvMemo | None = None) -> Iterator[str]:
    """A kind's records as CSV with a header row, in pieces (memo: rows kept between builds, see CsvMemo)."""
    stream = io.StringIO()
    # A plain writer over cell lists: DictWriter checked every row's keys against the header (a tenth of the time).
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(csv_columns(kind))
    plan = _cell_plan(kind)
    if memo is not None:
        yield stream.getvalue()
        pieces: list[str] = []
        size = 0
        for line in _memo_lines(records, plan, names or {}, memo):
            pieces.append(line)
            size += len(line)
            if size > 1 << 16:
                yield "".join(pieces)
                pieces, size = [], 0
        yield "".join(pieces)
        return
    for record in records:
        writer.writerow(_csv_cells(record, plan, names))
        if stream.tell() > 1 << 16:
            yield stream.getvalue()
            stream.seek(0)
            stream.truncate()
    yield stream.getvalue()


# ---------------------------------------------------------------- table schemas and the package

def _field_descriptor(spec: Field) -> dict[str, Any]:
    """A Table Schema field for one declared field: always a string column, constrained by its shape."""
    descriptor: dict[str, Any] = {"name": spec.name, "type": "string", "description": spec.description}
    constraints: dict[str, Any] = {}
    if spec.required:
        constraints["required"] = True
    if spec.shape in ("id", "reference"):
        constraints["pattern"] = ID_PATTERN.strip("^$")  # Table Schema patterns match the whole value
    elif spec.shape == "date":
        constraints["pattern"] = DATE_PATTERN.strip("^$")  # reduced precision: not Table Schema's full 'date'
    elif spec.shape == "code":
        constraints["pattern"] = spec.pattern.strip("^$")
    elif spec.shape == "choice":
        constraints["enum"] = list(spec.choices)
    elif spec.shape == "url":
        descriptor["format"] = "uri"
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def _foreign_keys(kind: Kind) -> list[dict[str, Any]]:
    """Foreign keys for references to one kind only: a key names one resource, so 'actor or organization'
    references are left to the names column and the checker."""
    keys = []
    for spec in kind.fields:
        if spec.shape == "reference" and len(spec.refers_to) == 1:
            target = _SINGULAR[spec.refers_to[0]]
            keys.append({"fields": spec.name,
                         "reference": {"resource": "" if target == kind.name else target, "fields": "id"}})
    return keys


def table_schema(kind: Kind) -> dict[str, Any]:
    """The Table Schema of a kind's CSV, from its declared fields."""
    fields = []
    for spec in kind.fields:
        fields.append(_field_descriptor(spec))
        beside = name_column(spec)
        if beside:
            fields.append({"name": beside, "type": "string",
                           "description": f"The name (or title) of each record in {spec.name}, for reading."})
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if kind.has_id:
        schema["primaryKey"] = ["id"]
    keys = _foreign_keys(kind)
    if keys:
        schema["foreignKeys"] = keys
    return schema


def render_datapackage(dataset: Dataset) -> str:
    """downloads/datapackage.json: every CSV with its Table Schema and record count."""
    resources = [{"name": kind.name, "path": f"{kind.name}.csv", "profile": "tabular-data-resource",
                  "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                  "description": f"{kind.name.capitalize()}: one row per record "
                                 f"({len(dataset.records_of(kind.name))} rows); the same records as {kind.name}.json.",
                  "schema": table_schema(kind)} for kind in KINDS.values()]
    # No 'licenses': no licence is stated for the data, so the package claims none.
    package = {"profile": "tabular-data-package", "name": PACKAGE_NAME, "title": PACKAGE_TITLE,
               "resources": resources}
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
