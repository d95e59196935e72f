"""The macros of record pages (profile, memberships, events, statements) and of the overview pages."""
from __future__ import annotations

from collections.abc import Callable

from ..query import index as query
from ..render.components import render_membership_table
from ..render.downloads import render_download_list
from ..render.entries import render_event_list, render_statement_list
from ..render.field_limits import render_field_limits
from ..render.overviews import (
    render_actor_index,
    render_data_summary,
    render_membership_matrix,
    render_organization_index,
)
from ..render.profile import render_key_facts
from .page import CurrentPage


class RecordMacros:
    """What a record page shows of its record; each takes the page's record unless given one."""

    NAMES = ("profile", "membership_table", "event_list", "statement_list")

    def __init__(self, page: CurrentPage, last_changed: Callable[[str], str] | None = None):
        self.page = page
        self.last_changed = last_changed  # "Last updated: …" for a record, from the history of the data

    def profile(self, record: str | None = None) -> str:
        """The key facts of the page's record as of today, each dated and cited, and when its data last changed."""
        found = self.page.record_of(record, "profile")
        changed = self.last_changed(found.id) if self.last_changed is not None else ""
        return render_key_facts(found, self.page.draw) + changed

    def membership_table(self, record: str | None = None) -> str:
        """Members of an organization by role, or an actor's organizations."""
        return render_membership_table(self.page.record_id(record, "membership_table"), self.page.draw)

    def event_list(self, record: str | None = None) -> str:
        """Events the record took part in, chronologically."""
        record_id = self.page.record_id(record, "event_list")
        return render_event_list(query.events_of(self.page.site.index, record_id), self.page.draw, focus=record_id)

    def statement_list(self, record: str | None = None) -> str:
        """Statements by or about the record."""
        record_id = self.page.record_id(record, "statement_list")
        return render_statement_list(query.statements_of(self.page.site.index, record_id), self.page.draw)


class OverviewMacros:
    """The indexes and tables of the overview pages."""

    NAMES = ("membership_matrix", "organization_index", "actor_index", "data_summary", "download_list", "field_limits")

    def __init__(self, page: CurrentPage, change_count: Callable[[], int] | None = None):
        self.page = page
        self.change_count = change_count  # how many changes changes.json holds, listed with the downloads

    def membership_matrix(self) -> str:
        """Actors × organizations, with roles."""
        return render_membership_matrix(self.page.draw)

    def organization_index(self) -> str:
        """A table of all organizations."""
        return render_organization_index(self.page.draw)

    def actor_index(self) -> str:
        """Tables of all actors by type."""
        return render_actor_index(self.page.draw)

    def data_summary(self) -> str:
        """Record counts and fields per kind."""
        return render_data_summary(self.page.draw)

    def field_limits(self) -> str:
        """How long each field may be: characters per text field, items per list."""
        return render_field_limits()

    def download_list(self) -> str:
        """Every downloadable file, with its format and record count."""
        count = self.change_count() if self.change_count is not None else None
        return render_download_list(self.page.site.index.dataset, self.page.draw.links.page_url, count)
