"""The macros that draw pictures and analysis views; MacroSet (site.py) inherits them.

Kept apart from site.py so the maps, the timeline chart and the claims view stay one responsibility.
"""
from __future__ import annotations

import functools
from pathlib import Path

from . import query
from .chart import render_timeline_chart
from .claims import find_claim_pairs, render_claims_and_rebuttals
from .geography import REGION_FILE, Region, check_region_against_actors, load_region
from .pictures import render_locator_map, render_membership_maps
from .problems import Problem
from .year_pages import group_by_page, render_year_index, select_year_entries

PICTURE_MACROS = ("membership_maps", "locator_map", "timeline_chart", "claims_and_rebuttals")


def check_map_data(data_dir: Path, dataset) -> tuple[Region | None, list[Problem]]:
    """Load the map shapes if the project has them, and check their actor ids against the data.

    A project without data/geo/region.json builds as long as no page calls a map macro.
    """
    if not (data_dir / REGION_FILE).exists():
        return None, []
    region, problems = load_region(data_dir)
    if region is not None:
        problems += check_region_against_actors(region, {actor.id: actor.type for actor in dataset.actors})
    return region, problems


class PictureMacros:
    """Maps, the timeline chart and claims with rebuttals; needs self.site, self.draw and self._record."""

    def _region(self, macro: str) -> Region:
        region = self.site.region
        if region is None:
            raise ValueError(f"{self.page_src}: {macro}() needs the map shapes in data/{REGION_FILE}; "
                             "make them with tools/extract_region.py")
        return region

    def membership_maps(self) -> str:
        """One small map per organization, states filled by their role in it."""
        return render_membership_maps(self._region("membership_maps"), self.draw)

    def locator_map(self, record: str | None = None) -> str:
        """A small map of the region with this state highlighted."""
        record_id = self._record(record, "locator_map")
        return render_locator_map(record_id, self._region("locator_map"), self.draw)

    @functools.cached_property
    def _claim_pairs_by_year(self) -> dict[str, list]:
        # Found and grouped once per build, not once per year page.
        split = self.site.year_pages.claims
        pairs = find_claim_pairs(self.site.index) if split.is_split else []
        return group_by_page(split, pairs, id_of=lambda pair: pair.claim.id)

    def timeline_chart(self, record: str | None = None, *, year: str | int | None = None) -> str:
        """Events on a time axis: the record's (on a record page), one year's, or all events."""
        record_id = record or self.page_record
        if record_id is None and year is not None:
            events = select_year_entries(str(year), self._events_by_year, lambda: query.all_events(self.site.index))
            return render_timeline_chart(events, self.draw, chart_id=f"year-{year}")
        if record_id is None and self.site.year_pages.timeline.is_split:
            # One row per event: on a large site each year page draws its own year instead.
            return ""
        if record_id is None:
            return render_timeline_chart(query.all_events(self.site.index), self.draw)
        record_id = self._record(record_id, "timeline_chart")
        return render_timeline_chart(query.events_of(self.site.index, record_id), self.draw, chart_id=record_id)

    def claims_and_rebuttals(self, record: str | None = None, *, year: str | int | None = None) -> str:
        """Claims beside the statements disputing or answering them: all (on a large site by year), one
        year's, or those the record is party to."""
        record_id = record or self.page_record
        if record_id is None and year is not None:
            pairs = select_year_entries(str(year), self._claim_pairs_by_year, lambda: find_claim_pairs(self.site.index),
                                        date_of=lambda pair: pair.claim.date)
            return render_claims_and_rebuttals(pairs, self.draw, anchors=True)
        if record_id is None and self.site.year_pages.claims.is_split:
            return render_year_index(self.site.year_pages.claims, self.draw)
        if record_id is None:
            return render_claims_and_rebuttals(find_claim_pairs(self.site.index), self.draw, anchors=True)
        record_id = self._record(record_id, "claims_and_rebuttals")
        return render_claims_and_rebuttals(find_claim_pairs(self.site.index, record_id), self.draw,
                                           subject=query.name_of(self.site.index, record_id))
