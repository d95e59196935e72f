"""List rows already read for search, kept between the builds of one `mkdocs serve` session.

A rename re-renders hundreds of pages for one changed row in each (a year's statement list holds hundreds of
rows): every other row is the same text as in the last build. engine/search_sections.py cuts a page before
each row of a list, reads a row alone once, and keeps what it gave here; in the next build the same row is
taken from here instead of being read again (search_sections.py says when that gives exactly the same).
What it saves: bench/README.md. Only `mkdocs serve` keeps rows: a one-off build reads each row once anyway.
"""
from __future__ import annotations

import hashlib
import re

# Where a row of a list begins: a list item at the start of a line (the site's event, statement and source lists).
_ROW_START = re.compile(r"\n(?=<li[\s>])")
# Items are kept joined by a character no kept item holds (a row whose items hold one is not kept).
_SEPARATOR = "\0"


class NotRead:
    """The type of NOT_READ."""


NOT_READ = NotRead()  # what RowMemo.find gives for a row it has not met
Kept = tuple[list[str], frozenset[str]]  # a row's items read alone, and the heading tags in it


def cut_rows(html: str) -> list[str]:
    """The HTML cut before each row of a list: the first piece, then one row per piece (the last with the rest).

    Cuts fall before a list item that begins a line, where a run of text ends anyway (text runs up to a '<'),
    so no token is cut. A row holding a list of its own (an event's participants) is one piece: parts are
    joined again until a piece closes as many list items as it opens.
    """
    parts = _ROW_START.split(html)
    last = len(parts) - 1
    pieces = [parts[0] + "\n" if last else parts[0]]
    row: list[str] = []
    balance = 0
    for number, part in enumerate(parts[1:], 1):
        if number < last:
            part += "\n"  # the line end the cut took belongs to the text before the next row
        row.append(part)
        balance += part.count("<li ") + part.count("<li>") - part.count("</li>")
        if balance <= 0:
            pieces.append("".join(row))
            row, balance = [], 0
    if row:
        pieces.append("".join(row))
    return pieces


def _key(row: str) -> bytes:
    """A row's digest: 16 bytes held instead of its text (40,000 rows, 36 MB of HTML at 1,000 actors)."""
    return hashlib.blake2b(row.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class RowMemo:
    """Each row met: its items read alone (joined, to hold one string per row) and the heading tags in it, or
    None when it is not a piece that reads the same everywhere. Bounded: after a full build it holds that
    build's rows; after partial builds also earlier ones, up to twice as many."""

    def __init__(self) -> None:
        self._kept: dict[bytes, tuple[str, frozenset[str]] | None] = {}
        self._used: dict[bytes, tuple[str, frozenset[str]] | None] = {}  # the rows met in this build
        self._full_size = 0
        self._heading_sets: dict[frozenset[str], frozenset[str]] = {}  # one object per distinct set

    def find(self, row: str) -> Kept | None | NotRead:
        """The row's items and heading tags; None for a row that is not kept; NOT_READ for one never met."""
        key = _key(row)
        found = self._used.get(key, NOT_READ)
        if isinstance(found, NotRead):
            found = self._kept.get(key, NOT_READ)
            if isinstance(found, NotRead):
                return NOT_READ
            self._used[key] = found
        if found is None:
            return None
        joined, headings = found
        return (joined.split(_SEPARATOR) if joined else []), headings

    def keep(self, row: str, items: list[str] | None, headings: frozenset[str]) -> Kept | None:
        """Keep what reading the row alone gave (None: not a piece to take as it was read); return what find will."""
        if items is not None and any(not item or _SEPARATOR in item for item in items):
            items = None  # could not be split back into the same items
        headings = self._heading_sets.setdefault(headings, headings)
        self._used[_key(row)] = None if items is None else (_SEPARATOR.join(items), headings)
        return None if items is None else (list(items), headings)

    def finish_build(self, full: bool) -> None:
        """Keep the rows this build met, and after a partial build those kept before, within twice a full site."""
        if full:
            self._full_size = len(self._used)
            self._kept = self._used
        else:
            self._kept.update(self._used)
            if len(self._kept) > 2 * self._full_size:  # edits left many rows that no page shows any more
                self._kept = self._used
        self._used = {}

    def __len__(self) -> int:
        """How many rows are kept (the tests read it)."""
        return len(self._kept)
