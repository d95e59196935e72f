"""The macros of a record page of today: key facts, citations in prose, the folded history, stances.

A record page reads: the key-facts box (`profile`), the editor's present-tense summary with citations
(`cite`), then `history`, which draws every section below it, newest first and folded past a few
entries. The sections reuse the relation, picture and record macros, so a view is drawn one way.
"""
from __future__ import annotations

from collections.abc import Callable

from ..model.records import Citation
from ..query import index as query
from ..query import profile as query_profile
from ..query.claims import find_claim_pairs
from ..query.relation_views import relations_of, select_ego_network
from ..render.html import render_date, render_template
from ..render.network import render_network
from ..render.record_history import (
    VISIBLE_TIES,
    render_events_section,
    render_fold,
    render_members_today,
    render_roles_over_time,
    render_section,
    render_stance_table,
    render_statements_section,
)
from ..render.relations import render_relation_table
from .page import CurrentPage, MacroError
from .picture_macros import PictureMacros
from .relation_macros import RelationMacros


class PageMacros:
    """Citations in prose, the history sections of a record page, and the stance table."""

    NAMES = ("cite", "history", "stance_table", "current_to", "newest_developments")

    def __init__(self, page: CurrentPage, relations: RelationMacros, pictures: PictureMacros,
                 hold: Callable[[str, bool], str] = lambda html, searchable: html):
        self.page = page
        self.relations = relations
        self.pictures = pictures
        # How a section's HTML enters the page: the engine may hold it aside until Markdown has run.
        self.hold = hold

    def _section(self, heading: str, anchor: str, body: str) -> str:
        """A Markdown heading with a stable anchor (its count changes with the data, the link must not), then
        the section's HTML as one held block (lists repeat other pages: not indexed)."""
        return render_section(f"{heading} {{: #{anchor} }}", self.hold(body, False))

    def cite(self, source: str, locator: str | None = None) -> str:
        """A numbered citation of a source in prose, the same marker and reference-list entry as a table row's."""
        if source not in self.page.site.index.sources:
            raise MacroError(f"{self.page.src}: cite(): unknown source '{source}'")
        return str(self.page.draw.cite([Citation(source=source, locator=locator)]))

    def current_to(self) -> str:
        """The date of the newest fact in the reference, as text for a sentence ("25 June 2026")."""
        date = query_profile.newest_fact_date(self.page.site.index)
        return str(render_date(date)) if date else "no date yet"

    def newest_developments(self, count: int = 10) -> str:
        """The newest events, newest first, each dated, linked to its timeline entry and cited."""
        events = query_profile.newest_events(self.page.site.index, count)
        return render_template("newest-developments.html", events=events, draw=self.page.draw)

    def stance_table(self, record: str | None = None) -> str:
        """Which states list, suspend, recognize or accept envoys of this government or group, as of today."""
        record_id = self.page.record_id(record, "stance_table")
        return render_stance_table(record_id, self.page.draw) or (
            '<p class="empty">No state\'s listing, recognition or envoy is recorded for it.</p>\n')

    def history(self, record: str | None = None) -> str:
        """Every section below a record page's summary: members or roles, ties, stances, events, statements."""
        record_id = self.page.record_id(record, "history")
        index, draw = self.page.site.index, self.page.draw
        parts = []
        if record_id in index.organizations:
            parts.append(self._members_sections(record_id))
        else:
            roles, count = render_roles_over_time(record_id, draw)
            if roles:
                parts.append(self._section(f"Roles in organizations ({count})", "roles",
                                            roles if count <= VISIBLE_TIES else render_fold(
                                                f"Show all {count} roles, newest first", roles)))
        parts.append(self._ties_section(record_id))
        stance_rows = query_profile.build_stance_table(index, record_id)
        if stance_rows:
            parts.append(self._section(f"Where states stand ({len(stance_rows)})", "where-states-stand",
                                       render_stance_table(record_id, draw)))
        for anchor, section in (("events", render_events_section(record_id, draw)),
                                ("statements", render_statements_section(query.statements_of(index, record_id), draw))):
            if section:
                parts.append(self._section(section[0], anchor, section[1]))
        count = len(find_claim_pairs(index, record_id))
        if count:
            claims = self.pictures.claims_and_rebuttals(record_id)
            parts.append(self._section(f"Claims and rebuttals ({count})", "claims-and-rebuttals",
                                       render_fold(f"Show the {count} claims and their rebuttals", claims)))
        if getattr(index.actors.get(record_id), "type", None) == "state" and self.page.site.region is not None:
            parts.append(self._section("Map", "map", render_fold("Show the map", self.pictures.locator_map(record_id))))
        return "\n".join(part for part in parts if part)

    def _members_sections(self, organization_id: str) -> str:
        """Today's members in one table, then every role over time and the as-of years, folded."""
        draw = self.page.draw
        count = query_profile.count_members_today(draw.index, organization_id)
        today = render_members_today(organization_id, draw)
        history = self.relations.membership_history(organization_id)
        folded = render_fold("Show every role over time and the members year by year", history)
        return (self._section(f"Members today ({count})", "members-today", today)
                + self._section("Members over time", "members-over-time", folded))

    def _ties_section(self, record_id: str) -> str:
        """The record's ties, in force first and ended ones after them, with the picture folded."""
        views = self.relations.views
        ties = query_profile.sort_ties_for_reading(relations_of(views, record_id))
        if not ties:
            return ""
        draw = self.page.draw
        in_force = sum(1 for tie in ties if query_profile.is_in_force(tie))
        name = query.name_of(draw.index, record_id)
        table = render_relation_table(ties, draw, caption=f"Ties of {name}: in force first, then ended",
                                      table_id=f"ties-{record_id}-table")
        picture = render_network(select_ego_network(ties, record_id), draw, chart_id=record_id,
                                 subject=f"ties of {name}", focus=record_id)
        shown_table = table if len(ties) <= VISIBLE_TIES else render_fold(f"Show all {len(ties)} ties", table)
        body = (shown_table + render_fold("Picture of these ties", picture)
                + self.relations.disagreement_blocks_for(ties))
        return self._section(f"Ties ({in_force} in force, {len(ties) - in_force} ended)", "ties", body)
