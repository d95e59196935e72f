"""A fast reader for the block-style YAML our data files use; it gives up on anything else.

PyYAML spends seconds composing 10,000 events (it keeps marks, tokens and events for every
character). Our files use a small, regular subset: a top-level block list of block mappings,
nested block lists and mappings, single-line scalars (plain, 'single' or "double" quoted), plain
scalars folded over more-indented lines, comments and blank lines. This module reads exactly that
subset line by line with regular expressions. Whenever it meets anything it cannot be sure of, it
gives up for the whole file with a reason, and the caller uses PyYAML: results and error messages
then stay PyYAML's own. Values follow PyYAML's SafeLoader (YAML 1.1 implicit types), except that
dates stay text, as in load.py.
"""
from __future__ import annotations

import re
from typing import Any, Callable

import yaml

# One row per line: indentation, a '- ' list marker, a 'key: ' and the rest. Keys are limited to
# plain words, so a key never needs quoting rules or YAML's multi-line key cases.
_LINE_RE = re.compile(r"^( *)(-(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_-]*):(?: +|$))?(.*)$", re.M)
# Characters outside this set make PyYAML report an error (controls, BOM) or read YAML 1.1 line
# breaks (NEL, U+2028/9) or tabs by rules we do not copy: leave such files to PyYAML.
_UNSURE_CHARACTER_RE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                                  "\U00010000-\U0010ffff]")
_SINGLE_QUOTED_RE = re.compile(r"'((?:[^']|'')*)'(?: +#.*| *)")
_DOUBLE_QUOTED_RE = re.compile(r'"((?:[^"\\]|\\["\\/nt])*)"(?: +#.*| *)')
_DOUBLE_QUOTED_ESCAPE_RE = re.compile(r"\\(.)")
_ESCAPED = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t"}
# A plain scalar may not start with these: they open flow collections, anchors, aliases, tags,
# block scalars, directives or reserved forms. '-', '?' and ':' count only before a space.
_INDICATORS = frozenset(",[]{}#&*!|>'\"%@`")
_SPACE_INDICATORS = frozenset("-?:")
# Continuation lines of a plain scalar: refuse any that starts like YAML syntax, to stay on the safe side.
_UNSURE_CONTINUATION_STARTS = _INDICATORS | _SPACE_INDICATORS

_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Tags of plain scalars this reader builds; any other (merge '<<', value '=') goes to PyYAML.
_CONSTRUCTED_TAGS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
                     "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_constructor = yaml.constructor.SafeConstructor()

MakeRecord = Callable[[int, dict, dict], Any]
Item = tuple[Any, list[tuple[int, str]]]


class GiveUp(Exception):
    """The text leaves the subset this reader is sure of; args: (1-based line, reason)."""


def resolve_plain(text: str) -> Any:
    """The value of a plain scalar as PyYAML's SafeLoader builds it, dates kept as text."""
    if not text:
        return None
    for tag, pattern in _RESOLVERS.get(text[0], []) + _RESOLVERS.get(None, []):
        if pattern.match(text):
            break
    else:
        return text
    if tag == _TIMESTAMP_TAG:
        return text
    if tag not in _CONSTRUCTED_TAGS:
        raise GiveUp(None, f"plain scalar {text!r} resolves to {tag}")
    return _constructor.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, text))


def _unescape(match: re.Match) -> str:
    """One backslash escape of a double-quoted scalar (the regex admits only these)."""
    return _ESCAPED[match.group(1)]


def read_block_list(text: str, make_record: MakeRecord) -> list[Item]:
    """Read a top-level list of mappings: (record, [(line, key) of each repeated key]) per item.

    Raises GiveUp when the text is outside the subset; mappings are built with make_record(line, fields, field_lines).
    """
    unsure = _UNSURE_CHARACTER_RE.search(text)
    if unsure:
        raise GiveUp(text.count("\n", 0, unsure.start()) + 1, f"character U+{ord(unsure.group()):04X}")
    rows = _LINE_RE.findall(text)
    if len(rows) != text.count("\n") + 1:  # one row per line, or the line numbers would drift
        raise GiveUp(None, "lines and rows disagree")
    # Significant rows: (0-based line, indent, marker, key, rest); blank and comment lines drop out.
    sig = [(number, len(indent), marker, key, rest) for number, (indent, marker, key, rest) in enumerate(rows)
           if marker or key or (rest and rest[0] != "#")]
    count = len(sig)
    cache: dict[str, Any] = {}  # plain scalars repeat a lot (roles, kinds, ids): resolve each once
    duplicates: list[tuple[int, str]] = []

    def plain(value: str) -> Any:
        """A plain scalar's value, resolved once per distinct text."""
        try:
            return cache[value]
        except KeyError:
            resolved = cache[value] = resolve_plain(value)
            return resolved

    def scalar(j: int, rest: str, indent: int) -> tuple[Any, int]:
        """The scalar starting with rest on row j, in a block whose indentation is indent; next row."""
        number = sig[j][0] + 1
        first = rest[0]
        if first == "'":
            match = _SINGLE_QUOTED_RE.fullmatch(rest)
            if not match:
                raise GiveUp(number, "single-quoted scalar not closed on its line, or text after it")
            return match.group(1).replace("''", "'"), j + 1
        if first == '"':
            match = _DOUBLE_QUOTED_RE.fullmatch(rest)
            if not match:
                raise GiveUp(number, "double-quoted scalar not closed on its line, an unusual escape, or text after it")
            return _DOUBLE_QUOTED_ESCAPE_RE.sub(_unescape, match.group(1)), j + 1
        if first in _INDICATORS or (first in _SPACE_INDICATORS and (len(rest) == 1 or rest[1] == " ")):
            raise GiveUp(number, f"value starts with {first!r}")
        comment = rest.find(" #")
        if comment >= 0:
            rest = rest[:comment]
        rest = rest.rstrip(" ")
        if ": " in rest or rest.endswith(":"):
            raise GiveUp(number, "': ' inside a plain scalar")
        j += 1
        if comment >= 0 or j == count or sig[j][1] <= indent:
            return plain(rest), j
        parts = [rest]
        while j < count and sig[j][1] > indent:  # a plain scalar folded over more-indented lines
            number, _, marker, key, more = sig[j]
            previous = sig[j - 1][0]
            if marker or key or more[0] in _UNSURE_CONTINUATION_STARTS or " #" in more or ": " in more \
                    or more.endswith(":") or any(rows[k][3] for k in range(previous + 1, number)):
                raise GiveUp(number + 1, "unsure continuation of a plain scalar")
            # A line break folds to a space; each blank line in between stays a line break.
            parts.append("\n" * (number - previous - 1) or " ")
            parts.append(more.rstrip(" "))
            j += 1
        return plain("".join(parts)), j

    def mapping(j: int, column: int) -> tuple[Any, int]:
        """The mapping whose first key is on row j at column; the next row after it."""
        line = sig[j][0] + 1
        fields: dict[str, Any] = {}
        field_lines: dict[str, int] = {}
        while True:
            number, _, _, key, rest = sig[j]
            name = key if key[0] not in _RESOLVERS else str(plain(key))  # 'yes:' is the key 'True'
            if name in fields:
                duplicates.append((number + 1, name))
            if rest and rest[0] != "#":
                value, j = scalar(j, rest, column)
            else:
                value, j = nested(j + 1, column)
            fields[name] = value
            field_lines[name] = number + 1
            if j == count:
                break
            _, indent, marker, key, _ = sig[j]
            if indent < column:
                break
            if indent > column or marker or not key:
                raise GiveUp(sig[j][0] + 1, "unexpected line in a mapping")
        return make_record(line, fields, field_lines), j

    def nested(j: int, column: int) -> tuple[Any, int]:
        """The value of a key with nothing after its colon: a block below it, or null."""
        if j == count:
            return None, j
        number, indent, marker, key, _ = sig[j]
        if marker and indent >= column:  # an indented list, or a list at the key's own column
            return sequence(j, indent)
        if indent <= column:
            return None, j
        if key:
            return mapping(j, indent)
        raise GiveUp(number + 1, "a scalar on the line below its key")

    def sequence(j: int, column: int) -> tuple[list, int]:
        """The block list whose first '- ' is on row j at column; the next row after it."""
        items = []
        while j < count:
            number, indent, marker, key, rest = sig[j]
            if indent < column or (indent == column and not marker):
                break
            if indent > column:
                raise GiveUp(number + 1, "unexpected line in a list")
            if key:
                value, j = mapping(j, column + len(marker))
            elif rest and rest[0] != "#":
                value, j = scalar(j, rest, column)
            else:
                raise GiveUp(number + 1, "a list item with nothing after '-'")
            items.append(value)
        return items, j

    if not sig or sig[0][1] != 0 or not sig[0][2]:
        raise GiveUp(sig[0][0] + 1 if sig else None, "the file does not start with a top-level list")
    items: list[Item] = []
    j = 0
    while j < count:
        number, indent, marker, key, _ = sig[j]
        if indent != 0 or not marker or not key:
            raise GiveUp(number + 1, "a top-level line that is not '- key: …'")
        record, j = mapping(j, len(marker))
        items.append((record, duplicates[:]))
        duplicates.clear()
    return items
