"""Reading YAML safely: text stays text, and no data file can crash, hang or exhaust the reader.

One rule for both readers (this one, on PyYAML's parser, and the fast block reader): a plain scalar is
read as the text written, and when YAML 1.1 would read it as something else (a number written otherwise,
a time, a float, NaN, a date, a true/false word) it is refused with "put it in quotes". Plain integers
written the usual way ('12', '-3') and nulls stay as YAML reads them: nothing is lost. The rule is
PyYAML's own resolution, the one its safe_dump uses to decide what to quote, so data written by
yaml.safe_dump always reads back. (YAML 1.2 readers also take '1e5' and '0o17' for numbers; PyYAML
writes them unquoted, so refusing them would refuse its own output. Every other YAML 1.2 non-text
is non-text in YAML 1.1 too.)
Tags, anchors and aliases are refused where they are used (so an alias bomb is never expanded), nesting
is bounded, and control characters other than tab and line break are refused in every key and value.

Records are built from the parser's events with an explicit stack: no recursion, so no depth can crash it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model.dataset import label_of_fields
from ..model.problems import Problem

# A data file nests a record's citations at level 6 (file list, record, positions, position, sources,
# citation); 16 leaves room and still stops a hostile file long before any recursion or memory limit.
MAX_DEPTH = 16

# Ints YAML 1.1 and 1.2 both read back as the same digits: kept as ints, as validation expects.
_USUAL_INT_RE = re.compile(r"0|-?[1-9][0-9]*")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value",
              "tag:yaml.org,2002:yaml")
# A plain scalar whose first character is not here is text, under every rule above.
MAYBE_NOT_TEXT = frozenset(key for key in _RESOLVERS if key)
_constructor = yaml.constructor.SafeConstructor()
# C0 and C1 controls and DEL; tab and line feed are text.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_EXPECTED = "printable text; tabs and line breaks are allowed"


def _reading_of(text: str) -> str | None:
    """How YAML would read this plain scalar, in words, when not as the text itself; None when as text.

    Only for what read_plain has not settled already: text that may not be text, and no usual int.
    """
    tag = next((tag for tag, pattern in _RESOLVERS.get(text[0], []) if pattern.match(text)), None)
    if tag is None or tag in _TEXT_TAGS:
        return None
    value = _constructor.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, text))
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value != value:
        return "not-a-number"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "infinity" if value > 0 else "minus infinity"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return "a date" if len(text) <= 10 else "a date and time"


def read_plain(text: str) -> tuple[Any, str | None]:
    """A plain scalar's value (its text, None or a usual int) and, when it must be quoted, the message."""
    if text[:1] not in MAYBE_NOT_TEXT:  # most text: no rule can apply
        return (text, None) if text else (None, None)
    if text in _NULLS:
        return None, None
    if _USUAL_INT_RE.fullmatch(text):
        return int(text), None
    reading = _reading_of(text)
    if reading is None:
        return text, None
    return text, f"'{text}' would be read as {reading}: put it in quotes (\"{text}\") so it is read as text"


def control_character_message(text: str) -> str | None:
    """The message for a control character in text, or None when there is none."""
    found = _CONTROL_RE.search(text)
    return None if found is None else f"the text holds the control character U+{ord(found.group()):04X}: remove it"


def _shown_tag(tag: str) -> str:
    """A tag as an editor wrote it: '!!str' rather than its expanded form."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


class TooDeep(Exception):
    """The document nests deeper than MAX_DEPTH; args: (1-based line,)."""


# ---------------------------------------------------------------- records from events

_EXPECT_KEY = object()  # a mapping frame waiting for its next key
_DROP = object()  # the key was not text: its value is read and dropped


@dataclass(slots=True)
class _Frame:
    """A list or mapping being built: its items, and for a mapping the key whose value comes next."""

    line: int
    is_mapping: bool
    items: Any
    field_lines: dict[str, int] = field(default_factory=dict)
    key: Any = _EXPECT_KEY
    key_line: int = 0
    problems_from: int = 0


MakeRecord = Callable[[int, dict, dict], Any]


@dataclass
class Document:
    """The top-level value (or None for an empty stream), the line each top-level list item starts on."""

    root: Any = None
    root_line: int = 1
    empty: bool = True  # no node at all: an empty stream or only comments
    item_lines: list[int] = field(default_factory=list)


def read_document(events: Iterable[yaml.Event], path: str, make_record: MakeRecord,
                  problems: list[Problem]) -> Document:
    """Build one document's values from parser events; appends refusals to problems, raises TooDeep."""
    document = Document()
    stack: list[_Frame] = []
    first_document: Any = None

    def field_path(extra: str | None = None) -> str:
        """Dotted field names from the top-level record down to the current value."""
        names = [frame.key for frame in stack[1:] if frame.is_mapping and isinstance(frame.key, str)]
        return ".".join(names + ([extra] if extra is not None else []))

    def refuse(line: int, name: str | None, message: str, expected: str = "", key: str | None = None) -> None:
        """Add a problem; name None stands for the field being read (with key, when the text is a key)."""
        problems.append(Problem(path, line, "", field_path(key) if name is None else name, message, expected))

    def attach(value: Any, line: int, is_text_key: bool = False) -> None:
        """Put a finished value where it belongs: the root, a list, a mapping's key or value."""
        if not stack:
            document.root, document.root_line, document.empty = value, line, False
            return
        top = stack[-1]
        if not top.is_mapping:
            top.items.append(value)
            if len(stack) == 1:
                document.item_lines.append(line)
            return
        if top.key is _EXPECT_KEY:
            if not is_text_key:
                refuse(line, None, "a key is a list, mapping or alias", "a field name")
                top.key = _DROP
                return
            if value in top.items:
                refuse(line, value, f"key '{value}' appears twice in one record", "each key once")
            top.key, top.key_line = value, line
            return
        if top.key is not _DROP:
            top.items[top.key] = value
            top.field_lines[top.key] = top.key_line
        top.key = _EXPECT_KEY

    def check_marks(event: Any, line: int, key: str | None = None) -> None:
        """Refuse an anchor or a tag on this node."""
        if event.anchor is not None:
            refuse(line, None, f"anchors and aliases (&{event.anchor}, *{event.anchor}) are not allowed: "
                               "repeat the value", key=key)
        if event.tag is not None:
            refuse(line, None, f"YAML tags ({_shown_tag(event.tag)}) are not allowed: write plain text", key=key)

    for event in events:
        kind = type(event)
        line = event.start_mark.line + 1
        if kind is yaml.ScalarEvent:
            text = event.value
            is_key = bool(stack) and stack[-1].is_mapping and stack[-1].key is _EXPECT_KEY
            key = text if is_key else None
            if event.anchor is not None or event.tag is not None:
                check_marks(event, line, key)
            message = control_character_message(text)
            if message:
                refuse(line, None, message, _CONTROL_EXPECTED, key=key)
            value: Any = text
            # Keys are read as written; a plain untagged value follows the one rule of read_plain.
            if not is_key and event.implicit[0] and event.tag is None:
                value, message = read_plain(text)
                if message:
                    refuse(line, None, message)
            attach(value, line, is_text_key=is_key)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            check_marks(event, line)
            is_mapping = kind is yaml.MappingStartEvent
            stack.append(_Frame(line, is_mapping, {} if is_mapping else [], problems_from=len(problems)))
            if len(stack) > MAX_DEPTH:
                raise TooDeep(line)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            value = make_record(frame.line, frame.items, frame.field_lines) if frame.is_mapping else frame.items
            if frame.is_mapping and len(stack) == 1:  # a top-level record: its problems name it
                label = label_of_fields(frame.items)
                problems[frame.problems_from:] = [problem if problem.record else Problem(
                    problem.path, problem.line, label, problem.field, problem.message, problem.expected)
                    for problem in problems[frame.problems_from:]]
            attach(value, frame.line)
        elif kind is yaml.AliasEvent:
            refuse(line, None, f"anchors and aliases (&{event.anchor}, *{event.anchor}) are not allowed: "
                               "repeat the value")
            attach(None, line)
        elif kind is yaml.DocumentStartEvent:
            if first_document is not None:  # as PyYAML's composer says it
                raise yaml.composer.ComposerError("expected a single document in the stream", first_document,
                                                  "but found another document", event.start_mark)
            first_document = event.start_mark
    return document
