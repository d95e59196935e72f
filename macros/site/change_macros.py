"""Change over data time and structured data: the change log macro, each record page's "data last changed"
line and JSON-LD, and the files written beside the site (the Atom feed, changes.json).

The history is read from git once per build, on first use: a build whose pages never ask for it
(the checker, a site without a change log) does not walk it.
"""
from __future__ import annotations

import functools
from pathlib import Path

from ..export.changes import CHANGES_SCHEMA_FILE, render_changes_json, render_changes_schema
from ..export.editions import write_edition_archives
from ..load.editions import Edition, find_editions
from ..query.changes import ChangeLog, find_change_log
from ..render.changes import (
    CHANGES_FILE,
    FEED_FILE,
    list_shown_days,
    render_atom_feed,
    render_change_log,
    render_last_changed,
)
from ..render.components import Draw
from ..render.json_ld import build_record_json_ld, render_json_ld
from ..render.urls import PageLinks, relative_url, url_of_source_file
from .page import CurrentPage

_MACRO_CALL = "change_log("


class ChangeMacros:
    """The change log page, and what record pages show of the data's history."""

    NAMES = ("change_log",)

    def __init__(self, page: CurrentPage):
        self.page = page

    @functools.cached_property
    def log(self) -> ChangeLog:
        """The data's change log, read from git once per build."""
        settings = self.page.site.settings
        return find_change_log(settings.project_dir, settings.data_dir, settings.parse_cache_dir)

    @functools.cached_property
    def editions(self) -> list[Edition]:
        """The named editions (git tags edition-YYYY-MM), oldest first."""
        settings = self.page.site.settings
        return find_editions(settings.project_dir, settings.data_dir)

    @functools.cached_property
    def shown_days(self) -> frozenset[str]:
        """The days the What changed page lists, worked out once per build, not once per record page."""
        return list_shown_days(self.log)

    @functools.cached_property
    def changes_page_url(self) -> str | None:
        """The site URL of the page showing the change log (the first that calls it), or None."""
        settings = self.page.site.settings
        src = next((page.src for page in self.page.site.pages if _MACRO_CALL in page.body), None)
        return None if src is None else url_of_source_file(src, use_directory_urls=settings.use_directory_urls)

    @functools.cached_property
    def root_draw(self) -> Draw:
        """Links drawn from the site root: for the feed, which sits there, and for full addresses."""
        site = self.page.site
        return Draw(site.index, PageLinks("", site.record_urls, site.page_urls), site.year_pages)

    def _from_here(self, target: str) -> str:
        return relative_url(target, from_url=self.page.draw.links.page_url)

    def change_log(self) -> str:
        """Every change to the data, newest first: records added, changed (which fields) and removed."""
        return render_change_log(self.log, self.page.draw, feed_url=self._from_here(FEED_FILE),
                                 json_url=self._from_here(CHANGES_FILE), editions=self.editions)

    def last_changed(self, record_id: str) -> str:
        """'Last updated: 7 December 2026' for an actor's or organization's page."""
        kind = "organizations" if record_id in self.page.site.index.organizations else "actors"
        target = self.changes_page_url
        return render_last_changed(self.log, kind, record_id, None if target is None else self._from_here(target),
                                   self.shown_days)

    def json_ld(self, record_id: str) -> str:
        """The record page's schema.org JSON-LD, in a script element."""
        site, draw = self.page.site, self.page.draw
        record = site.index.actors.get(record_id) or site.index.organizations.get(record_id)
        if record is None:
            return ""
        site_url = site.settings.site_url
        page_url = draw.links.page_url

        def url_of(target: str) -> str | None:
            # Absolute when the site's address is known; else relative to this page (JSON-LD resolves it).
            found = site.record_urls.get(target)
            if found is None:
                return None
            # Through the page's links: the same text as relative_url, computed once per folder (PageLinks.relative).
            return _absolute(site_url, found) if site_url else draw.links.relative(found)

        def event_url(event_id: str) -> str | None:
            return _absolute(site_url, self.root_draw.event_url(event_id)) if site_url else draw.event_url(event_id)

        def source_url(source_id: str) -> str:
            # The source's entry on the sources page (or its year's page): the @id of a work with no address.
            role = site.year_pages.sources.role_of(source_id) if site.year_pages.sources.years else "sources"
            if site_url:
                return _absolute(site_url, self.root_draw.links.to_page(role, f"source-{source_id}"))
            return draw.links.to_page(role, f"source-{source_id}")

        kind = "organizations" if record_id in site.index.organizations else "actors"
        found = self.log.last_change_of(kind, record_id)
        full_url = _absolute(site_url, page_url) if site_url else None
        document = build_record_json_ld(record, site.index, page_url=full_url, url_of=url_of, event_url=event_url,
                                        date_modified=found[0] if found else None, source_url=source_url)
        return render_json_ld(document)

    def write_files(self, site_dir: Path) -> list[Path]:
        """Write the Atom feed and changes.json at the site root; return their paths."""
        site = self.page.site
        feed = render_atom_feed(self.log, self.root_draw, site_name=site.settings.site_name,
                                site_url=site.settings.site_url, changes_url=self.changes_page_url or "")
        paths = [site_dir / FEED_FILE, site_dir / CHANGES_FILE, site_dir / CHANGES_SCHEMA_FILE]
        site_dir.mkdir(parents=True, exist_ok=True)
        # Each edition's downloads as a zip: built from git once per machine (cached), then copied in.
        archives = write_edition_archives(self.editions, site.settings.project_dir, site.settings.data_dir,
                                          site_dir, site.settings.parse_cache_dir)
        paths[0].write_text(feed, encoding="utf-8")
        paths[1].write_text(render_changes_json(self.log, self.editions, archives), encoding="utf-8")
        paths[2].write_text(render_changes_schema(), encoding="utf-8")
        return paths


def _absolute(site_url: str, site_path: str) -> str:
    """A site path ('actors/russia/') as a full address under site_url."""
    return site_url.rstrip("/") + "/" + site_path

