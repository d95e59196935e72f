"""The page being rendered, shared by every group of macros: its file, its record, its links."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from ..model.records import Actor, Organization
from ..query import index as query
from ..query.claims import ClaimPair, find_claim_pairs
from ..query.year_pages import group_by_page
from ..render.components import Draw
from ..render.urls import CitationCollector, PageLinks, url_of_source_file
from .state import Site

Made = TypeVar("Made")


class MacroError(ValueError):
    """A macro was called where it cannot work: no record on the page, or an unknown record."""


class CurrentPage:
    """The page the engine is rendering; start() resets its links and citation numbers."""

    def __init__(self, site: Site):
        self.site = site
        self.src = ""
        self.record: str | None = None
        self.draw = self._draw_for("")

    def _draw_for(self, page_url: str, record: str | None = None) -> Draw:
        links = PageLinks(page_url, self.site.record_urls, self.site.page_urls, CitationCollector())
        # A record's own page shares the parts of its rows with the other record pages (see Draw.parts_of).
        own_page = record is not None and self.site.record_urls.get(record) == page_url
        return Draw(self.site.index, links, self.site.year_pages, self.site.row_parts if own_page else None)

    def start(self, src: str, record: str | None) -> None:
        """Begin a page: its file (relative to docs/) and the record its front matter names."""
        self.src = src
        self.record = record
        self.draw = self._draw_for(url_of_source_file(src, use_directory_urls=self.site.settings.use_directory_urls),
                                   record)

    def record_id(self, record: str | None, macro: str) -> str:
        """The record a macro is about: its argument, else the page's; a clear error when there is none."""
        record_id = record or self.record
        if not record_id:
            raise MacroError(f"{self.src}: {macro}() needs a record: add 'record: <id>' to the front matter")
        if query.find_record(self.site.index, record_id) is None:
            raise MacroError(f"{self.src}: {macro}(): unknown record '{record_id}'")
        return record_id

    def record_of(self, record: str | None, macro: str) -> Actor | Organization:
        """The actor or organization a macro is about (see record_id)."""
        found = query.find_record(self.site.index, self.record_id(record, macro))
        assert found is not None  # record_id raised otherwise
        return found


class Listings:
    """The site's listings sorted and grouped by year page once per build, not once per page."""

    def __init__(self, site: Site):
        self.site = site

    # Each listing is kept with the index while the records it is made from are the same objects
    # (query/kept_results.py): under `mkdocs serve`, a rename sorts and groups nothing again.

    @functools.cached_property
    def sorted_statements(self) -> list:
        """Every statement, dated ones chronologically, undated last."""
        statements = list(self.site.index.statements.values())
        return self._kept("sorted statements", statements,
                          lambda: sorted(statements, key=query.statement_sort_key))

    @functools.cached_property
    def sorted_sources(self) -> list:
        """Every source by date of publication."""
        sources = list(self.site.index.sources.values())
        return self._kept("sorted sources", sources, lambda: sorted(sources, key=query.source_sort_key))

    @functools.cached_property
    def statements_by_year(self) -> dict[str, list]:
        """Statements by the label of their year page (empty when the listing is not split)."""
        split = self.site.year_pages.statements
        return self._kept("statements by year", [split, *self.sorted_statements],
                          lambda: group_by_page(split, self.sorted_statements))

    @functools.cached_property
    def events_by_year(self) -> dict[str, list]:
        """Events by the label of their year page."""
        return group_by_page(self.site.year_pages.timeline, query.all_events(self.site.index))

    @functools.cached_property
    def sources_by_year(self) -> dict[str, list]:
        """Sources by the label of their year page."""
        split = self.site.year_pages.sources
        return self._kept("sources by year", [split, *self.sorted_sources],
                          lambda: group_by_page(split, self.sorted_sources))

    @functools.cached_property
    def claim_pairs_by_year(self) -> dict[str, list[ClaimPair]]:
        """Claim pairs by the label of their claim's year page."""
        split = self.site.year_pages.claims
        # The pairs are read from the statements alone (what each disputes or answers).
        return self._kept("claim pairs by year", [split, *self.site.index.statements.values()], lambda: group_by_page(
            split, find_claim_pairs(self.site.index) if split.is_split else [], id_of=lambda pair: pair.claim.id))

    def _kept(self, key: str, inputs: list, make: Callable[[], Made]) -> Made:
        return self.site.index.kept_results.get_or_make(key, inputs, make)
