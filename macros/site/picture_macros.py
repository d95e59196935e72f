"""The macros that draw pictures and analysis views: maps, the timeline chart, claims with rebuttals."""
from __future__ import annotations

from ..load.geography import REGION_FILE, Region
from ..query import index as query
from ..query.claims import find_claim_pairs
from ..query.year_pages import select_year_entries
from ..render.chart import render_timeline_chart
from ..render.entries import render_claims_and_rebuttals
from ..render.maps import render_locator_map, render_membership_maps
from ..render.record_history import render_fold
from ..render.year_pages import render_year_index
from .page import CurrentPage, Listings


class PictureMacros:
    """Maps, the timeline chart and claims with rebuttals."""

    NAMES = ("membership_maps", "locator_map", "timeline_chart", "claims_and_rebuttals")

    def __init__(self, page: CurrentPage, listings: Listings):
        self.page = page
        self.listings = listings

    def _region(self, macro: str) -> Region:
        region = self.page.site.region
        if region is None:
            raise ValueError(f"{self.page.src}: {macro}() needs the map shapes in data/{REGION_FILE}; "
                             "make them with tools/extract_region.py")
        return region

    def membership_maps(self) -> str:
        """One small map per organization, states filled by their role in it."""
        return render_membership_maps(self._region("membership_maps"), self.page.draw)

    def locator_map(self, record: str | None = None) -> str:
        """A small map of the region with this state highlighted."""
        record_id = self.page.record_id(record, "locator_map")
        return render_locator_map(record_id, self._region("locator_map"), self.page.draw)

    def timeline_chart(self, record: str | None = None, *, year: str | int | None = None, folded: bool = False) -> str:
        """Events on a time axis: the record's (on a record page), one year's, or all events; folded if asked."""
        chart = self._timeline_chart(record, year=year)
        return render_fold("Chart of these events on a time axis", chart) if folded and chart else chart

    def _timeline_chart(self, record: str | None = None, *, year: str | int | None = None) -> str:
        site, draw = self.page.site, self.page.draw
        record_id = record or self.page.record
        if record_id is None and year is not None:
            events = select_year_entries(str(year), self.listings.events_by_year, lambda: query.all_events(site.index))
            return render_timeline_chart(events, draw, chart_id=f"year-{year}")
        if record_id is None and site.year_pages.timeline.is_split:
            # One row per event: on a large site each year page draws its own year instead.
            return ""
        if record_id is None:
            return render_timeline_chart(query.all_events(site.index), draw)
        record_id = self.page.record_id(record_id, "timeline_chart")
        return render_timeline_chart(query.events_of(site.index, record_id), draw, chart_id=record_id)

    def claims_and_rebuttals(self, record: str | None = None, *, year: str | int | None = None) -> str:
        """Claims beside the statements disputing or answering them: all (on a large site by year), one
        year's, or those the record is party to."""
        site, draw = self.page.site, self.page.draw
        record_id = record or self.page.record
        if record_id is None and year is not None:
            pairs = select_year_entries(str(year), self.listings.claim_pairs_by_year,
                                        lambda: find_claim_pairs(site.index), date_of=lambda pair: pair.claim.date)
            return render_claims_and_rebuttals(pairs, draw, anchors=True)
        if record_id is None and site.year_pages.claims.is_split:
            return render_year_index(site.year_pages.claims, draw)
        if record_id is None:
            return render_claims_and_rebuttals(find_claim_pairs(site.index), draw, anchors=True)
        record_id = self.page.record_id(record_id, "claims_and_rebuttals")
        return render_claims_and_rebuttals(find_claim_pairs(site.index, record_id), draw,
                                           subject=query.name_of(site.index, record_id))
