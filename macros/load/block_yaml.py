"""A fast reader for the block-style YAML our data files use; it gives up on anything else.

PyYAML is slow on large files (what this saves: bench/README.md). Our files use a small, regular
subset: a top-level block list of block mappings,
nested block lists and mappings, single-line scalars (plain, 'single' or "double" quoted), plain
scalars folded over more-indented lines, comments and blank lines. This module reads exactly that
subset line by line with regular expressions. Whenever it meets anything it cannot be sure of, it
gives up for the whole file with a reason, and the caller uses PyYAML: results and error messages
then stay PyYAML's own. Plain scalars follow the one rule of safe_yaml.read_plain (text as written;
anything YAML would read otherwise is left to PyYAML's path, which reports it), keys are read as
written, and nesting deeper than safe_yaml.MAX_DEPTH is left to PyYAML's path too.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from .safe_yaml import MAX_DEPTH, MAYBE_NOT_TEXT, read_plain

# A plain scalar this reader takes without a second look: no indicator first, no ': ' or ' #'
# inside, no ':' or space last. Anything else goes through the careful path in scalar().
_SIMPLE_PLAIN = r"[^-?:,\[\]{}#&*!|>'\"%@` \n][^:#\n]*(?:(?::(?=[^ \n])|(?<! )#)[^:#\n]*)*(?<! )"
# One row per line: indentation, a '- ' list marker, a 'key: ', then a simple plain scalar or any
# other rest. Keys are plain words, so a key never needs quoting rules or YAML's long-key cases.
_SIMPLE_PLAIN_RE = re.compile(_SIMPLE_PLAIN)
_LINE_RE = re.compile(r"^( *)(-(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_-]*):(?: +|$))?(?:(" + _SIMPLE_PLAIN
                      + r")|(.*))$", re.M)
# Characters outside this set make PyYAML report an error (controls, BOM) or read YAML 1.1 line
# breaks (NEL, U+2028/9) or tabs by rules we do not copy: leave such files to PyYAML.
_UNSURE_CHARACTER_RE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                                  "\U00010000-\U0010ffff]")
# Loops unrolled ("a*(?:b a*)*"): an alternation tried at every character is slow in Python's re.
_SINGLE_QUOTED_RE = re.compile(r"'([^']*(?:''[^']*)*)'(?: +#.*| *)")
_DOUBLE_QUOTED_RE = re.compile(r'"([^"\\]*(?:\\["\\nt][^"\\]*)*)"(?: +#.*| *)')
_DOUBLE_QUOTED_ESCAPE_RE = re.compile(r"\\(.)")
_ESCAPED = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
# A plain scalar may not start with these: they open flow collections, anchors, aliases, tags,
# block scalars, directives or reserved forms. '-', '?' and ':' count only before a space.
_INDICATORS = frozenset(",[]{}#&*!|>'\"%@`")
_SPACE_INDICATORS = frozenset("-?:")

_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_MISSING = object()

MakeRecord = Callable[[int, dict, dict], Any]
Item = tuple[Any, list[tuple[int, str]]]


class GiveUp(Exception):
    """The text leaves the subset this reader is sure of; args: (1-based line or None, reason)."""


def resolve_plain(text: str) -> Any:
    """The value of a plain scalar by the one rule of safe_yaml.read_plain; GiveUp where it must be quoted."""
    value, message = read_plain(text)
    if message:
        raise GiveUp(None, message)  # PyYAML's path reports it, with the record and field
    return value


def _unescape(match: re.Match) -> str:
    """One backslash escape of a double-quoted scalar (the regex admits only these)."""
    return _ESCAPED[match.group(1)]


def read_block_list(text: str, make_record: MakeRecord) -> list[Item]:
    """Read a top-level list of mappings: (record, [(line, key) of each repeated key]) per item.

    Mappings are built with make_record(line, fields, field_lines); raises GiveUp outside the subset.
    """
    if None in _RESOLVERS:
        raise GiveUp(None, "an implicit resolver for every first character is registered")
    unsure = _UNSURE_CHARACTER_RE.search(text)
    if unsure:
        raise GiveUp(text.count("\n", 0, unsure.start()) + 1, f"character U+{ord(unsure.group()):04X}")
    rows = _LINE_RE.findall(text)
    if len(rows) != text.count("\n") + 1:  # one row per line, or the line numbers would drift
        raise GiveUp(None, "lines and rows disagree")
    # Significant rows: (1-based line, indent, marker, key, simple plain, other rest); blank and
    # comment lines drop out.
    sig = [(number, len(indent), marker, key, simple, other)
           for number, (indent, marker, key, simple, other) in enumerate(rows, 1)
           if marker or key or simple or (other and other[0] != "#")]
    count = len(sig)
    cache: dict[str, Any] = {}  # plain scalars repeat a lot (roles, dates, names): resolve each once
    cached = cache.get
    duplicates: list[tuple[int, str]] = []
    depth = 1  # the top-level list; each mapping and list inside it adds a level, as safe_yaml counts them

    def deeper(number: int) -> None:
        """Enter one more level of nesting, or give up past the limit (PyYAML's path reports it)."""
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise GiveUp(number, f"nested deeper than {MAX_DEPTH} levels")

    def plain(value: str) -> Any:
        """A plain scalar's value, resolved once per distinct text."""
        resolved = cached(value, _MISSING)
        if resolved is _MISSING:
            resolved = cache[value] = resolve_plain(value)
        return resolved

    def value_at(j: int, column: int) -> tuple[Any, int]:
        """The scalar on row j (after its key or '- ') in a block indented by column; the next row."""
        simple = sig[j][4]
        if simple:
            if j + 1 == count or sig[j + 1][1] <= column:  # the usual case: one line, nothing folded
                return (simple if simple[0] not in MAYBE_NOT_TEXT else plain(simple)), j + 1
            return folded(j, simple, column)
        number, rest = sig[j][0], sig[j][5]
        first = rest[0]
        if first == "'":
            match = _SINGLE_QUOTED_RE.fullmatch(rest)
            if not match:
                raise GiveUp(number, "single-quoted scalar not closed on its line, or text after it")
            return match.group(1).replace("''", "'"), j + 1
        if first == '"':
            match = _DOUBLE_QUOTED_RE.fullmatch(rest)
            if not match:
                raise GiveUp(number, "double-quoted scalar not closed on its line, an unusual escape, "
                                     "or text after it")
            return _DOUBLE_QUOTED_ESCAPE_RE.sub(_unescape, match.group(1)), j + 1
        if first in _INDICATORS or (first in _SPACE_INDICATORS and (len(rest) == 1 or rest[1] == " ")):
            raise GiveUp(number, f"value starts with {first!r}")
        comment = rest.find(" #")
        if comment >= 0:
            rest = rest[:comment]
        rest = rest.rstrip(" ")
        if ": " in rest or rest.endswith(":"):
            raise GiveUp(number, "': ' inside a plain scalar")
        if comment >= 0 or j + 1 == count or sig[j + 1][1] <= column:
            return plain(rest), j + 1
        return folded(j, rest, column)

    def folded(j: int, first: str, column: int) -> tuple[Any, int]:
        """A plain scalar folded over the more-indented lines after row j; the next row."""
        parts = [first]
        j += 1
        while j < count and sig[j][1] > column:
            number, _, marker, key, simple, other = sig[j]
            previous = sig[j - 1][0]
            if not simple and _SIMPLE_PLAIN_RE.fullmatch(other.rstrip(" ")):  # trailing spaces drop out
                simple = other.rstrip(" ")
            # Continuation lines must be simple text, with only blank lines (no comments) between.
            if marker or key or not simple or any(rows[k][4] for k in range(previous, number - 1)):
                raise GiveUp(number, "unsure continuation of a plain scalar")
            # A line break folds to a space; each blank line in between stays a line break.
            parts.append("\n" * (number - previous - 1) or " ")
            parts.append(simple)
            j += 1
        return plain("".join(parts)), j

    def mapping(j: int, column: int) -> tuple[Any, int]:
        """The mapping whose first key is on row j at column; the next row after it."""
        line = sig[j][0]
        deeper(line)
        fields: dict[str, Any] = {}
        field_lines: dict[str, int] = {}
        while True:
            number, _, _, key, simple, other = sig[j]
            name = key  # keys are read as written ('yes:' is the field 'yes'), as in safe_yaml.py
            if name in fields:
                duplicates.append((number, name))
            if simple or (other and other[0] != "#"):
                value, j = value_at(j, column)
            else:
                value, j = nested(j + 1, column)
            fields[name] = value
            field_lines[name] = number
            if j == count:
                break
            number, indent, marker, key, _, _ = sig[j]
            if indent < column:
                break
            if indent > column or marker or not key:
                raise GiveUp(number, "unexpected line in a mapping")
        nonlocal depth
        depth -= 1
        return make_record(line, fields, field_lines), j

    def nested(j: int, column: int) -> tuple[Any, int]:
        """The value of a key with nothing after its colon: a block below it, or null."""
        if j == count:
            return None, j
        number, indent, marker, key, _, _ = sig[j]
        if marker and indent >= column:  # an indented list, or a list at the key's own column
            return sequence(j, indent)
        if indent <= column:
            return None, j
        if key:
            return mapping(j, indent)
        raise GiveUp(number, "a scalar on the line below its key")

    def sequence(j: int, column: int) -> tuple[list, int]:
        """The block list whose first '- ' is on row j at column; the next row after it."""
        deeper(sig[j][0])
        items = []
        while j < count:
            number, indent, marker, key, simple, other = sig[j]
            if indent < column or (indent == column and not marker):
                break
            if indent > column:
                raise GiveUp(number, "unexpected line in a list")
            if key:
                value, j = mapping(j, column + len(marker))
            elif simple or (other and other[0] != "#"):
                value, j = value_at(j, column)
            else:
                raise GiveUp(number, "a list item with nothing after '-'")
            items.append(value)
        nonlocal depth
        depth -= 1
        return items, j

    try:
        if not sig or sig[0][1] != 0 or not sig[0][2]:
            raise GiveUp(sig[0][0] if sig else None, "the file does not start with a top-level list")
        items: list[Item] = []
        j = 0
        while j < count:
            number, indent, marker, key, _, _ = sig[j]
            if indent != 0 or not marker or not key:
                raise GiveUp(number, "a top-level line that is not '- key: …'")
            record, j = mapping(j, len(marker))
            items.append((record, duplicates[:]))
            duplicates.clear()
        return items
    finally:
        # The nested readers above refer to each other, a cycle that only the cyclic collector frees
        # (and loading pauses it): empty the rows now, or every line's tuple outlives the load.
        rows.clear()
        sig.clear()
        cache.clear()
