"""How long each field may be, for the editing guide: read from the field declarations (model/records.py)."""
from __future__ import annotations

from ..model.records import KINDS, Citation, Field, fields_of
from .html import render_template


def list_limits(specs: tuple[Field, ...], prefix: str = "") -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(field, most characters) of every text field and (field, most items) of every list, nested ones named 'a.b'."""
    texts: list[tuple[str, int]] = []
    lists: list[tuple[str, int]] = []
    for spec in specs:
        name = prefix + spec.name
        if spec.max_length is not None and spec.shape != "id":  # ids follow the id rule, told elsewhere
            texts.append((name, spec.max_length))
        if spec.max_items is not None:
            lists.append((name, spec.max_items))
        inner = {"records": spec.item_fields, "citations": fields_of(Citation)}.get(spec.shape, ())
        if inner:
            inner_texts, inner_lists = list_limits(inner, name + ".")
            texts += inner_texts
            lists += inner_lists
    return texts, lists


def render_field_limits() -> str:
    """A table per kind of record: the most characters each text field holds, the most items each list holds."""
    rows = [(kind, *list_limits(kind.fields)) for kind in KINDS.values()]
    return render_template("field-limits.html", rows=rows)
