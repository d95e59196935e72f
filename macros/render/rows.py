"""Rows of the event and statement lists, each rendered once per build and completed for each page that shows it.

An event appears on the page of each participant, a statement on the page of each speaker and of what it is
about: rendering every copy through Jinja was a tenth of a cold build. A row is rendered once with stand-ins
(placeholders carrying a per-build token) for what depends on the page: links (relative to the page), citation
markers (numbered in the order a page first cites a source) and the page's own record (marked as the focus).
Each page fills them in with its own links and citation collector, in the order the row cites, so the page's
HTML equals a row rendered for it directly. The cache also keeps each cited source's description for the
reference lists at the end of pages (render/html.py). It belongs to one build's pages (site/page.py) and is
cleared once they are written, so rows never outlive the data they were rendered from.
"""
from __future__ import annotations

import re
import secrets
import zlib
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from ..model.records import Citation
from .html import render_citations, render_raw_template

# Characters escaping would change: a stand-in holding one could not be found again. Ids never hold them.
_UNSAFE = re.compile("[&<>\"'\x00]")


class _Uncacheable(Exception):
    """A row whose stand-ins could not be filled in safely: it is rendered for the page directly."""


class _StandInLinks:
    """PageLinks for no page in particular: each link is a stand-in the page fills in."""

    def __init__(self, token: str, record_urls: dict[str, str]):
        self.token = token
        self.record_urls = record_urls
        self.page_url = ""

    def _stand_in(self, kind: str, payload: str) -> str:
        if _UNSAFE.search(payload):
            raise _Uncacheable(payload)
        return f"\x00{self.token}{kind}{payload}\x00"

    def to_record(self, record_id: str) -> str | None:
        """A stand-in for the link to a record's page, or None (plain text) when it has none, as PageLinks."""
        return None if record_id not in self.record_urls else self._stand_in("R", record_id)

    def to_page(self, role: str, anchor: str = "") -> str:
        """A stand-in for the link to an overview page (and anchor)."""
        return self._stand_in("P", f"{role}#{anchor}")


class RowCache:
    """Rendered rows by template, record and settings, for one build."""

    def __init__(self, draw: Any) -> None:
        self.token = secrets.token_hex(6)  # fresh per build: no data can pose as a stand-in
        self._stand_in = re.compile(f"\x00{self.token}([RPCF])([^\x00]*)\x00")
        # Compressed: the rows of a build's lists are tens of MB as text, for ~3 µs per row to decompress.
        self._rows: dict[tuple, tuple[bytes, list[list[Citation]]]] = {}
        self._citations: list[list[Citation]] = []  # of the row being rendered
        self.sources: dict[str, tuple[str, str]] = {}  # each cited source's description in reference lists
        self._links_filled: Any = None  # the links of the page whose stand-ins `_filled` holds
        self._filled: dict[str, str] = {}
        # A Draw whose links, citations and focus marks are stand-ins (components.Draw, given by the caller).
        self.draw = draw
        draw.links = _StandInLinks(self.token, draw.links.record_urls)
        draw.cite = self._cite_stand_in
        draw.focus_mark = self._focus_stand_in

    def clear(self) -> None:
        """Forget every row: the build's pages are written."""
        self._rows.clear()
        self.sources.clear()

    def _cite_stand_in(self, citations: Iterable[Citation]) -> Markup:
        self._citations.append(list(citations))
        return Markup(f"\x00{self.token}C{len(self._citations) - 1}\x00")

    def _focus_stand_in(self, record_id: str, focus: str | None) -> Markup:
        if _UNSAFE.search(record_id):
            raise _Uncacheable(record_id)
        return Markup(f"\x00{self.token}F{record_id}\x00")

    def row(self, template: str, name: str, record: Any, draw: Any, context: dict[str, Any]) -> Markup:
        """The row of a record as the page of `draw` shows it."""
        # The focus is filled in per page; the lookup tables in the context are the build's own.
        key = (template, record.id, *(value for name_, value in sorted(context.items())
                                      if name_ != "focus" and isinstance(value, (bool, int, str))))
        cached = self._rows.get(key)
        if cached is None:
            self._citations = []
            try:
                text = render_raw_template(template, **{name: record}, draw=self.draw,
                                           **{**context, "focus": None})
            except _Uncacheable:
                return Markup(render_raw_template(template, **{name: record}, draw=draw, **context))
            cached = self._rows[key] = (zlib.compress(text.encode("utf-8"), 1), self._citations)
        else:
            text = zlib.decompress(cached[0]).decode("utf-8")
        citations = cached[1]
        links, focus = draw.links, context.get("focus")
        if links is not self._links_filled:  # a new page: the links of the last one no longer apply
            self._links_filled, self._filled = links, {}
        filled = self._filled

        def fill(match: re.Match) -> str:
            kind, payload = match.groups()
            if kind == "C":  # numbered on the page, in the order the row cites
                return render_citations(citations[int(payload)], links)
            if kind == "F":
                return ' class="focus"' if payload == focus else ""
            link = filled.get(match.group(0))
            if link is None:
                if kind == "R":
                    link = str(escape(links.to_record(payload)))
                else:
                    role, _, anchor = payload.partition("#")
                    link = str(escape(links.to_page(role, anchor)))
                filled[match.group(0)] = link
            return link

        return Markup(self._stand_in.sub(fill, text))


def render_row(template: str, name: str, record: Any, draw: Any, context: dict[str, Any]) -> Markup:
    """One row of a list: from the build's row cache when the page has one, else rendered for the page."""
    if draw.rows is None or context.get("anchors"):  # an anchored row (timeline, statements) is shown once
        return Markup(render_raw_template(template, **{name: record}, draw=draw, **context))
    return draw.rows.row(template, name, record, draw, context)
