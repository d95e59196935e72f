"""The macros of the listings that grow with the data (timeline, statements, sources); MacroSet (site.py) inherits them.

On a large site each of these listings is split into year pages (year_pages.py): the overview page
lists the years, each year page shows its own entries.
"""
from __future__ import annotations

import functools

from . import query
from .components import render_statement_list
from .overviews import render_source_list, render_timeline
from .year_pages import group_by_page, render_year_index, render_year_page_sources, select_year_entries

LISTING_MACROS = ("timeline", "statement_index", "source_list")


class ListingMacros:
    """The timeline, the statements list and the sources list, whole or by year; needs self.site and self.draw."""

    def timeline(self, *, year: str | int | None = None) -> str:
        """Every event by year, with anchors (on a large site, the list of year pages), or one year's events."""
        split = self.site.year_pages.timeline
        if year is not None:
            events = select_year_entries(str(year), self._events_by_year, lambda: query.all_events(self.site.index))
            return render_timeline(self.draw, events)
        return render_year_index(split, self.draw) if split.is_split else render_timeline(self.draw)

    def source_list(self, *, year: str | int | None = None) -> str:
        """All sources and where each is cited (on a large site, the year pages), or one year's."""
        split = self.site.year_pages.sources
        if year is not None:
            sources = select_year_entries(str(year), self._sources_by_year, lambda: self._sorted_sources)
            return render_source_list(self.draw, sources)
        return render_year_index(split, self.draw) if split.is_split else render_source_list(self.draw)

    def statement_index(self, *, year: str | int | None = None) -> str:
        """Every statement with what disputes or answers it (on a large site, the year pages), or one year's."""
        split = self.site.year_pages.statements
        if year is None and split.is_split:
            return render_year_index(split, self.draw)
        if year is None:
            statements = self._sorted_statements
        else:
            statements = select_year_entries(str(year), self._statements_by_year, lambda: self._sorted_statements)
        return render_statement_list(statements, self.draw, anchors=True)

    # Sorted and grouped once per build, not once per year page.
    @functools.cached_property
    def _statements_by_year(self) -> dict[str, list]:
        return group_by_page(self.site.year_pages.statements, self._sorted_statements)

    @functools.cached_property
    def _sorted_statements(self) -> list:
        return sorted(self.site.index.statements.values(), key=query.statement_sort_key)

    @functools.cached_property
    def _sorted_sources(self) -> list:
        return sorted(self.site.index.sources.values(), key=query.source_sort_key)

    @functools.cached_property
    def _events_by_year(self) -> dict[str, list]:
        return group_by_page(self.site.year_pages.timeline, query.all_events(self.site.index))

    @functools.cached_property
    def _sources_by_year(self) -> dict[str, list]:
        return group_by_page(self.site.year_pages.sources, self._sorted_sources)

    def generated_pages(self) -> dict[str, str]:
        """Pages the site adds to docs/ (a page per year of a large listing): file -> Markdown."""
        return render_year_page_sources(self.site.year_pages)
