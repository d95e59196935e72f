"""Field specs: how a record class declares each field's shape, description, choices and bounds.

The record classes (model/records.py) declare their fields with `declare`; validation, the JSON Schema, the
downloads and the scaffolder read them back with `fields_of`.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

# "code": a text following the field's own pattern (a Wikidata item, an ISO code).
SHAPES = ("text", "id", "url", "code", "choice", "date", "texts", "reference", "references", "citations", "records")
# Shapes that hold a list: an absent optional value is the empty tuple, not None.
LIST_SHAPES = ("texts", "references", "citations", "records")
# Shapes of free text: each declares the most characters its use needs (max_length), so that no field can
# grow a page, the search index or a download without bound (5 MB of data once made a 194 MB site).
TEXT_SHAPES = ("text", "texts", "url", "id")


# ---------------------------------------------------------------- field specs

@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record: its shape, whether it is required, what it may hold."""

    name: str
    shape: str  # one of SHAPES
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    refers_to: tuple[str, ...] = ()  # record kinds a reference may point at
    item_class: type | None = None  # for shape 'records': the class of each item
    pattern: str = ""  # for shape 'code': the pattern (JSON Schema syntax) its text follows
    example: str = ""  # for shape 'code': a well-formed value, shown in messages
    max_length: int | None = None  # for text shapes: the most characters (of each item, for 'texts')
    max_items: int | None = None  # for list shapes: the most items
    is_name: bool = False  # a name or alias: no look-alike characters (model/text_rules.py)

    @property
    def item_fields(self) -> tuple[Field, ...]:
        """For shape 'records': the fields of each item."""
        return fields_of(self.item_class) if self.item_class is not None else ()


def declare(shape: str, description: str, *, required: bool = False, choices: tuple[str, ...] = (),
            refers_to: tuple[str, ...] = (), item_class: type | None = None, pattern: str = "",
            example: str = "", max_length: int | None = None, max_items: int | None = None,
            is_name: bool = False) -> Any:
    """A dataclass field carrying its spec; optional fields default to None, or () for lists.

    Text shapes must declare max_length and list shapes max_items: a field without a bound cannot be declared.
    A field of shape 'code' declares the pattern its text follows, which bounds it too.
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown shape '{shape}'")
    if (shape == "code") != bool(pattern):
        raise ValueError("a field of shape 'code', and only such a field, declares a pattern")
    if (shape in TEXT_SHAPES) != (max_length is not None) or (shape in LIST_SHAPES) != (max_items is not None):
        raise ValueError(f"a '{shape}' field declares max_length exactly when it holds text, "
                         "and max_items exactly when it holds a list")
    spec = Field("", shape, description, required, choices, refers_to, item_class, pattern, example, max_length,
                 max_items, is_name)
    if required:
        return dataclasses.field(metadata={"spec": spec})
    return dataclasses.field(default=() if shape in LIST_SHAPES else None, metadata={"spec": spec})


@functools.cache
def fields_of(record_class: type) -> tuple[Field, ...]:
    """The specs of a record class's declared fields, in declaration order, each named."""
    return tuple(dataclasses.replace(field.metadata["spec"], name=field.name)
                 for field in dataclasses.fields(record_class) if "spec" in field.metadata)


@functools.cache
def field_names_of(record_class: type) -> frozenset[str]:
    """The names of a record class's declared fields; cached, since validation asks once per record."""
    return frozenset(spec.name for spec in fields_of(record_class))
