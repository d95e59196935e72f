"""JSON Schema per data kind, generated from the field specs in model.KINDS (the one source of truth).

Editors get completion and inline errors from the YAML language server through these schemas;
researchers get them with the downloads. The schema mirrors the checker and is never stricter:
what the checker accepts validates, so an editor never sees a red line on data that builds.
Cross-record rules (references exist, a statement has words) stay with the checker.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model.patterns import DATE_PATTERN, ID_PATTERN, URL_PATTERN
from ..model.records import KINDS, Citation, Field, Kind, fields_of

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schema"

# The checker reads text fields with str(): a number there is accepted, so the schema accepts it too.
_TEXT = {"type": ["string", "number"]}
_ID_TEXT = {"type": "string", "pattern": ID_PATTERN}


# ---------------------------------------------------------------- one field

def _date_schema() -> dict:
    """A reduced-precision date; an unquoted year is read by YAML as a number, which the checker accepts."""
    return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN},
                      {"type": "integer", "minimum": 1000, "maximum": 9999}]}


def _citations_schema() -> dict:
    """A list of source ids, or {source, locator} mappings."""
    return {"type": "array", "items": {"anyOf": [
        {**_ID_TEXT, "description": "The id of a source in sources.yml."},
        _object_schema(fields_of(Citation), "A source id with a locator: where in the source."),
    ]}}


def field_schema(spec: Field) -> dict:
    """The JSON Schema of one field's value (without the 'may be empty' allowance of optional fields)."""
    shape = spec.shape
    if shape == "text":
        schema: dict[str, Any] = dict(_TEXT)
    elif shape in ("id", "reference"):
        schema = dict(_ID_TEXT)
    elif shape == "url":
        schema = {"type": "string", "pattern": URL_PATTERN}
    elif shape == "code":
        schema = {"type": "string", "pattern": spec.pattern}
    elif shape == "choice":
        schema = {"enum": list(spec.choices)}
    elif shape == "date":
        schema = _date_schema()
    elif shape == "texts":
        schema = {"type": "array", "items": _TEXT}
    elif shape == "references":
        schema = {"type": "array", "items": _ID_TEXT}
    elif shape == "citations":
        schema = _citations_schema()
    elif shape == "records":
        schema = {"type": "array", "items": _object_schema(spec.item_fields, spec.description)}
    else:
        raise AssertionError(f"unknown shape {shape}")
    if spec.required and schema.get("type") == "array":
        schema["minItems"] = 1  # the checker reports an empty list as a missing required field
    if spec.required and schema.get("type") in ("string", ["string", "number"]):
        schema["minLength"] = 1
    return {"description": spec.description, **schema}


def _allow_empty(schema: dict) -> dict:
    """An optional field may be left empty (`note:`): the checker treats null as absent."""
    return {"description": schema["description"],
            "anyOf": [{key: value for key, value in schema.items() if key != "description"}, {"type": "null"}]}


def _object_schema(specs: tuple[Field, ...], description: str) -> dict:
    """A mapping holding these fields and no others."""
    properties = {}
    for spec in specs:
        schema = field_schema(spec)
        properties[spec.name] = schema if spec.required else _allow_empty(schema)
    return {"type": "object", "description": description, "properties": properties,
            "required": [spec.name for spec in specs if spec.required], "additionalProperties": False}


# ---------------------------------------------------------------- one kind, all kinds

def kind_schema(kind: Kind) -> dict:
    """The JSON Schema of one data file: a list of records of this kind."""
    record = _object_schema(kind.fields, f"One {kind.singular}.")
    return {
        "$schema": DRAFT,
        "$id": f"{kind.name}.schema.json",
        "title": f"{kind.name.capitalize()} of the security reference site",
        "description": f"The file data/{kind.name}.yml: a list of {kind.name}. Generated from macros/model/records.py "
                       "by `python -m macros schema`; do not edit by hand.",
        "type": "array",
        "items": {"$ref": f"#/$defs/{kind.singular}"},
        "$defs": {kind.singular: record},
    }


def render_schema_text(kind: Kind) -> str:
    """The schema file's exact text: stable key order and a final newline, so diffs stay readable."""
    return json.dumps(kind_schema(kind), indent=2, ensure_ascii=False) + "\n"


def schema_file_name(kind: Kind) -> str:
    """The schema's file name: actors.schema.json."""
    return f"{kind.name}.schema.json"


def render_all_schemas() -> dict[str, str]:
    """File name -> text of every kind's schema."""
    return {schema_file_name(kind): render_schema_text(kind) for kind in KINDS.values()}


def find_outdated_schemas(folder: Path) -> list[str]:
    """Names of schema files in folder that are missing or differ from what the model generates."""
    return [name for name, text in render_all_schemas().items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]


def write_schemas(folder: Path) -> list[str]:
    """Write every kind's schema into folder (only our own generated files); return the names changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = find_outdated_schemas(folder)
    texts = render_all_schemas()
    for name in changed:
        (folder / name).write_text(texts[name], encoding="utf-8")
    return changed


