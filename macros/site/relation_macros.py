"""The macros of ties, time and disagreement: the relations network, membership histories, disagreements.

Every view that shows a disputed record ends with the block of its disagreement, once per page, so the
'disputed' mark beside a record always links to a block on the same page.
"""
from __future__ import annotations

import functools
from collections.abc import Callable

from ..query.profile import sort_ties_for_reading
from ..query.relation_views import (
    RelationViews,
    build_relation_views,
    relations_of,
    select_ego_network,
    select_network,
)
from ..render.disagreements import render_disagreements
from ..render.history import render_membership_history, render_membership_matrix_as_of
from ..render.html import escape_heading
from ..render.network import render_network_with_table
from .page import CurrentPage


class RelationMacros:
    """The relations network (site-wide and per actor), membership histories and disagreements."""

    NAMES = ("relation_network", "relation_list", "membership_history", "membership_matrix_as_of",
             "disagreement_list")

    def __init__(self, page: CurrentPage, hold: Callable[[str, bool], str] = lambda html, searchable: html):
        self.page = page
        # How HTML enters a Markdown macro's output (disagreement_list): the engine may hold it aside.
        self.hold = hold
        # Disagreements already shown on the page being rendered; each start of a page makes a new Draw.
        self._shown_on: tuple[object, set[str]] = (None, set())

    @functools.cached_property
    def views(self) -> RelationViews:
        """The lookups, built on first use and kept for the whole build."""
        return build_relation_views(self.page.site.index)

    def _shown_here(self) -> set[str]:
        """The ids of the disagreements shown so far on the page being rendered."""
        if self._shown_on[0] is not self.page.draw:
            self._shown_on = (self.page.draw, set())
        return self._shown_on[1]

    def disagreement_blocks_for(self, records) -> str:
        """The disagreement blocks of these records not yet on the page, folded under a heading of their own."""
        blocks = self._disagreement_blocks(records)
        return ('<details class="fold"><summary>Where sources differ</summary>\n' + blocks + "</details>\n"
                if blocks else "")

    def _disagreement_blocks(self, records) -> str:
        """The blocks of the disagreements these records carry that this page has not shown yet."""
        shown = self._shown_here()
        disagreements = self.page.site.index.disagreements
        wanted = []
        for record in records:
            disagreement_id = getattr(record, "disagreement", None)
            if disagreement_id and disagreement_id not in shown and disagreement_id in disagreements:
                shown.add(disagreement_id)
                wanted.append(disagreements[disagreement_id])
        return render_disagreements(wanted, self.views.accounts_of, self.page.draw)

    def relation_network(self) -> str:
        """Every tie in the data: the network picture (the best-connected actors beyond a limit) and its table."""
        relations = self.views.relations
        # The table reads what holds today first: ties in force, newest first, then the ended ones.
        html = render_network_with_table(select_network(relations), sort_ties_for_reading(relations), self.page.draw,
                                         chart_id="all",
                                         subject="every tie in the data", anchors=True)
        return html + self._disagreement_blocks(relations)

    def relation_list(self, record: str | None = None) -> str:
        """One actor's ties: its network picture (capped to its closest neighbours) and the table of all."""
        record_id = self.page.record_id(record, "relation_list")
        relations = relations_of(self.views, record_id)
        name = self.page.record_of(record_id, "relation_list").name
        html = render_network_with_table(select_ego_network(relations, record_id), relations, self.page.draw,
                                         chart_id=record_id, subject=f"ties of {name}", focus=record_id)
        return html + self._disagreement_blocks(relations)

    def membership_history(self, record: str | None = None) -> str:
        """An organization's members as of the end of each year in the data (tabs, newest first), its
        full role history as a table and a chart; an actor's roles in every organization over time."""
        record_id = self.page.record_id(record, "membership_history")
        html, memberships = render_membership_history(record_id, self.page.draw)
        return html + self._disagreement_blocks(memberships)

    def membership_matrix_as_of(self) -> str:
        """The membership matrix as of the end of each year in the data, one tab per year, newest first."""
        html, memberships = render_membership_matrix_as_of(self.page.draw)
        return html + self._disagreement_blocks(memberships)

    def disagreement_list(self) -> str:
        """Every disagreement, in the order of the data files: a Markdown heading each (so the table of
        contents lists them), then how the sources differ and each account with its sources."""
        disagreements = self.page.site.index.disagreements
        self._shown_here().update(disagreements)
        if not disagreements:
            return '<p class="empty">No disagreements between sources are recorded yet.</p>\n'
        parts = []
        for disagreement in disagreements.values():
            body = render_disagreements([disagreement], self.views.accounts_of, self.page.draw, heading_level=0)
            # The heading carries the anchor other pages link to; its text is escaped for Markdown.
            parts.append(f"## Sources differ: {escape_heading(disagreement.question)} "
                         f"{{: #disagreement-{disagreement.id} }}\n\n{self.hold(body, True)}\n")
        return "\n".join(parts)
