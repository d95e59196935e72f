"""The macros of the listings that grow with the data: the timeline, the statements, the sources.

On a large site each of these listings is split into year pages (query/year_pages.py): the overview
page lists the years, each year page shows its own entries.
"""
from __future__ import annotations

import functools
from collections.abc import Callable

from ..query import index as query
from ..query.relation_views import TieChange, build_relation_views, find_tie_changes
from ..query.year_pages import select_year_entries
from ..render.entries import render_statement_list
from ..render.overviews import render_source_list, render_timeline
from ..render.record_history import render_fold
from ..render.tie_timeline import render_tie_timeline
from ..render.urls import relative_url, url_of_source_file
from ..render.year_pages import render_year_index, render_year_page_sources
from .page import CurrentPage, Listings


class ListingMacros:
    """The timeline, the statements list and the sources list, whole or by year."""

    NAMES = ("timeline", "statement_index", "source_list")

    def __init__(self, page: CurrentPage, listings: Listings,
                 hold: Callable[[str, bool], str] = lambda html, searchable: html):
        self.page = page
        self.listings = listings
        # The timeline is Markdown (a heading per year); its HTML parts enter the page through hold.
        self.hold = hold

    def timeline(self, *, year: str | int | None = None) -> str:
        """Every event by year, with anchors (on a large site, the list of year pages), or one year's events."""
        site, draw = self.page.site, self.page.draw
        split = site.year_pages.timeline
        if year is not None:
            events = select_year_entries(str(year), self.listings.events_by_year, lambda: query.all_events(site.index))
            # Ties and role changes of the years this page's events cover (its label may be a block of years).
            years = {event.date.year for event in events}
            changes = [change for change in self._tie_changes if change.date.year in years]
            return self._compose_timeline(self._render_tie_changes(changes, f"year-{year}"), events)
        if split.is_split:
            return self.hold(render_year_index(split, draw), True)
        return self._compose_timeline(self._render_tie_changes(self._tie_changes, "all"), None)

    def _compose_timeline(self, tie_chart: str, events: list | None) -> str:
        """Markdown: the chart and jump list, then a heading per year (so the table of contents lists the
        years) above that year's events; the HTML parts held aside by the engine."""
        jump, sections = render_timeline(self.page.draw, events)
        parts = [self.hold(tie_chart + jump, False)]
        for year, count, html in sections:
            parts.append(f"## {year} ({count} event{'s' if count != 1 else ''}) {{: #year-{year} }}\n\n"
                         + self.hold(html, True))
        return "\n\n".join(parts) + "\n"

    @functools.cached_property
    def _tie_changes(self) -> list[TieChange]:
        """Every start and end of a tie or a membership role, once per build."""
        index = self.page.site.index
        return find_tie_changes(build_relation_views(index), list(index.dataset.memberships))

    def _render_tie_changes(self, changes: list[TieChange], chart_id: str) -> str:
        """The chart of ties and role changes, linking ties to their rows on the relations page."""
        relations = url_of_source_file("relations.md", use_directory_urls=self.page.site.settings.use_directory_urls)
        relations_url = relative_url(relations, from_url=self.page.draw.links.page_url)
        chart = render_tie_timeline(changes, self.page.draw, relations_url, chart_id=chart_id)
        # Folded: the chart repeats the list below it as a picture, and would push the list a screen down.
        return render_fold("Chart of ties and roles that began or ended", chart)

    def source_list(self, *, year: str | int | None = None) -> str:
        """All sources and where each is cited (on a large site, the year pages), or one year's."""
        draw = self.page.draw
        split = self.page.site.year_pages.sources
        if year is not None:
            sources = select_year_entries(str(year), self.listings.sources_by_year,
                                          lambda: self.listings.sorted_sources)
            return render_source_list(draw, sources)
        return render_year_index(split, draw) if split.is_split else render_source_list(draw)

    def statement_index(self, *, year: str | int | None = None) -> str:
        """Every statement with what disputes or answers it (on a large site, the year pages), or one year's."""
        draw = self.page.draw
        split = self.page.site.year_pages.statements
        if year is None and split.is_split:
            return render_year_index(split, draw)
        if year is None:
            statements = self.listings.sorted_statements
        else:
            statements = select_year_entries(str(year), self.listings.statements_by_year,
                                             lambda: self.listings.sorted_statements)
        return render_statement_list(statements, draw, anchors=True)


def render_generated_pages(listings: Listings) -> dict[str, str]:
    """Pages the site adds to docs/ (a page per year of a large listing): file -> Markdown."""
    return render_year_page_sources(listings.site.year_pages)
