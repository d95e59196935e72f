"""A data file edited in a few records: only those records read and validated again (under `mkdocs serve`).

An editor's save changes one record of a file of a thousand. The file's text is cut into its items (a line
that starts with '- '); an item whose text and first line are what they were is the very record read last
time, raw and typed, and only the others are read (each alone, as the whole file is read) and validated. Kept
records stay the same objects, so everything kept between builds for them (CSV rows, STIX texts, listings)
is reused too. Anything this cannot be sure of gives None, and the caller reads the whole file as before: a
changed header, items added, removed or moved, a changed item that is not one record read alone without a
problem, or an id that changed.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from ..check.validate import validate_records
from ..load.data_files import LoadedData, RawRecord, parse_data_file
from ..load.text_files import decode_text

_ITEM_START = re.compile(r"^-(?=[ \n])", re.M)
# Beyond this many changed items, reading the whole file is as quick.
_MOST_CHANGED = 50


@dataclass(frozen=True)
class FileItems:
    """A data file's text cut into its header and its items: each item's first line and the digest of its
    text (kept between builds: 16 bytes an item, not the file's text)."""

    header: str
    items: tuple[tuple[int, bytes], ...]


def cut_items(text: str) -> tuple[FileItems, list[str]]:
    """The file's header and items, and the items' texts. No item of a clean file takes a value from another:
    the reader refuses anchors and aliases, and a second document (load/safe_yaml.py)."""
    starts = [match.start() for match in _ITEM_START.finditer(text)]
    header = text[:starts[0]] if starts else text
    line = header.count("\n") + 1
    items, texts = [], []
    for number, start in enumerate(starts):
        item = text[start:starts[number + 1] if number + 1 < len(starts) else len(text)]
        items.append((line, hashlib.blake2b(item.encode("utf-8", "surrogatepass"), digest_size=16).digest()))
        texts.append(item)
        line += item.count("\n")
    return FileItems(header, tuple(items)), texts


@dataclass(frozen=True)
class Reread:
    """The file's records after an edit: each a kept one or one read again, in file order."""

    items: FileItems
    raws: list[RawRecord]
    records: list[Any]
    changed: list[int]  # positions of the records read again


def reread_changed_items(raw: bytes, shown: str, kind: str, before: FileItems, raws: list[RawRecord],
                         records: list[Any], ids: list[str | None]) -> Reread | None:
    """The records of a file whose earlier reading (before, raws, records, ids) was clean; None if unsure."""
    try:
        now, texts = cut_items(decode_text(raw))
    except UnicodeDecodeError:
        return None
    if now.header != before.header or len(now.items) != len(before.items) \
            or len(before.items) != len(raws) or len(raws) != len(records):
        return None
    changed = [number for number, (old, new) in enumerate(zip(before.items, now.items, strict=True)) if old != new]
    if len(changed) > _MOST_CHANGED:
        return None
    new_raws = list(raws)
    for number in changed:
        read = _read_item(texts[number], shown, now.items[number][0] - 1)
        if read is None:
            return None
        new_raws[number] = read
    dataset, _by_id, problems = validate_records(LoadedData({kind: [new_raws[n] for n in changed]}, [], set()))
    typed = dataset.records_of(kind)
    if problems or len(typed) != len(changed):
        return None
    new_records = list(records)
    for number, record in zip(changed, typed, strict=True):
        if getattr(record, "id", None) != ids[number]:  # an id changed: other files may refer to either
            return None
        new_records[number] = record
    return Reread(now, new_raws, new_records, changed)


def _read_item(text: str, shown: str, lines_before: int) -> RawRecord | None:
    """One item read alone, as the whole file is read, its lines counted from the file's start; None if it
    is not one record read without a problem."""
    read, problems = parse_data_file(text.encode("utf-8"), shown)
    if problems or len(read) != 1:
        return None
    return _shifted(read[0], lines_before)


def _shifted(value: Any, lines: int) -> Any:
    """A read value with every line number of its records moved down by `lines`."""
    if isinstance(value, RawRecord):
        return RawRecord(value.path, value.line + lines, {name: _shifted(item, lines) for name, item in
                                                         value.fields.items()},
                         {name: number + lines for name, number in value.field_lines.items()})
    if isinstance(value, list):
        return [_shifted(item, lines) for item in value]
    return value
