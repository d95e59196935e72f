"""Components: the tables and lists that pages embed, built from the index for one page."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from ..model.dates import format_reduced_date
from ..model.records import MEMBERSHIP_ROLES, Membership, Relation, Statement
from ..query import index as query
from ..query.index import Index
from ..query.time import current_members
from .html import (
    PARTICIPANT_ROLE_LABELS,
    ROLE_GROUP_LABELS,
    ROLE_LABELS,
    label_of_value,
    render_citations,
    render_date,
    render_paragraphs,
    render_record_link,
    render_template,
)
from .urls import PageLinks, url_of_download


class Draw:
    """Template helpers bound to one page's index and links, so templates stay declarative."""

    def __init__(self, index: Index, links: PageLinks, year_pages=None,
                 shared_parts: dict[tuple[str, str, str], tuple[str, ...]] | None = None):
        self.index = index
        self.links = links
        # Where the timeline and statements entries live (a page per year on a large site); None: one page each.
        self.year_pages = year_pages
        self.date = render_date
        self.paragraphs = render_paragraphs
        self.label = label_of_value
        self.role = ROLE_LABELS
        self.participant_role = PARTICIPANT_ROLE_LABELS
        # Record id -> its link from this page: a page links the same actors and organizations row after row.
        self._links: dict[str, Markup] = {}
        # Parts of rows that read the same on every record page of a folder (see parts_of); None: not shared.
        self.shared_parts = shared_parts

    def parts_of(self, kind: str, record_id: str, draw_parts: Callable[[], tuple[str, ...]]) -> tuple[str, ...]:
        """The parts of a record's row that do not depend on the page, drawn once per build and folder.

        On a record page ('actors/a/') a row's links to other pages (its event on a year page, its statement's
        entry) read the same on every page of the folder, while its links to records and its citation numbers
        do not: the row keeps those out of its parts and adds them per page. Only record pages share parts,
        because no page a row links to, other than records, lies in or below a record page.
        """
        if self.shared_parts is None:
            return draw_parts()
        key = (kind, record_id, self.links.folder)
        found = self.shared_parts.get(key)
        if found is None:
            found = self.shared_parts[key] = draw_parts()
        return found

    def cite(self, citations) -> Markup:
        """Citation markers for these citations."""
        return render_citations(citations, self.links)

    def link(self, record_id: str) -> Markup:
        """A link to an actor or organization by id, with its short name as abbreviation."""
        found = self._links.get(record_id)
        if found is None:
            organization = self.index.organizations.get(record_id)
            name = organization.name if organization else query.name_of(self.index, record_id)
            found = self._links[record_id] = render_record_link(record_id, name, self.links)
        return found

    def name(self, record_id: str) -> str:
        """The display name of an actor or organization, as plain text."""
        return query.name_of(self.index, record_id)

    def short_link(self, record_id: str) -> Markup:
        """Like link, but shows an organization's short name with its full name as tooltip."""
        organization = self.index.organizations.get(record_id)
        if organization and organization.short_name:
            return render_record_link(record_id, organization.name, self.links, organization.short_name)
        return self.link(record_id)

    def event_url(self, event_id: str) -> str:
        """Link to an event's entry on the timeline."""
        role = self.year_pages.timeline.role_of(event_id) if self.year_pages else "timeline"
        return self.links.to_page(role, f"event-{event_id}")

    def event_link(self, event_id: str) -> Markup:
        """A link to an event's entry on the timeline, its title as text."""
        # escape() and an f-string, not Markup.format (the same text): a statement names its event on every list.
        return Markup(f'<a href="{escape(self.event_url(event_id))}">{escape(self.index.events[event_id].title)}</a>')

    def download_url(self, name: str) -> str:
        """Link to a file under downloads/ (the data as JSON or CSV)."""
        return url_of_download(name, from_url=self.links.page_url)

    def statement_url(self, statement_id: str) -> str:
        """Link to a statement's entry on the statements page."""
        role = self.year_pages.statements.role_of(statement_id) if self.year_pages else "statements"
        return self.links.to_page(role, f"statement-{statement_id}")

    def speakers(self, statement: Statement) -> Markup:
        """Who made a statement: linked names, or the attribution text."""
        names: list[str] = [self.link(speaker) for speaker in statement.speakers]
        if statement.attribution:
            names.append(escape(statement.attribution))
        # A plain join of HTML already escaped: Markup's join would escape each name again, to no effect.
        return Markup(", ".join(names))

    def speaker_names(self, statement: Statement) -> str:
        """Who made a statement, as plain text (for use inside another link)."""
        names = [query.name_of(self.index, speaker) for speaker in statement.speakers]
        return ", ".join(names + ([statement.attribution] if statement.attribution else []))


# ---------------------------------------------------------------- per-record components

def render_membership_table(record_id: str, draw: Draw) -> str:
    """For an organization: its members grouped by role; for an actor: the organizations it belongs to.

    Both show the records holding as of the newest date in the data (query/time.py's reading of periods),
    so a role history counts once; the full history is the membership_history view's.
    """
    index = draw.index
    as_of = index.newest_membership_date
    as_of_text = format_reduced_date(as_of) if as_of else ""
    if record_id in index.organizations:
        memberships = current_members(index, record_id)
        groups = [(role, ROLE_GROUP_LABELS[role], [m for m in memberships if m.role == role])
                  for role in MEMBERSHIP_ROLES]
        return render_template("members.html", organization=index.organizations[record_id], as_of=as_of_text,
                               past_only=bool(query.members_of(index, record_id)) and not memberships,
                               groups=[group for group in groups if group[2]], draw=draw, count=count_members,
                               disputed=link_to_disagreement)
    records = query.memberships_of(index, record_id)
    held = {id(m) for organization_id in {r.organization for r in records}
            for m in current_members(index, organization_id)}
    memberships = [m for m in records if id(m) in held]
    return render_template("memberships.html", record=query.find_record(index, record_id), as_of=as_of_text,
                           past_only=bool(records) and not memberships,
                           memberships=sorted(memberships, key=_membership_order), draw=draw,
                           count=lambda rows: len({m.organization for m in rows}), disputed=link_to_disagreement)


def count_members(memberships: Iterable[Membership]) -> int:
    """Members, not records: two accounts of one disputed membership are one member."""
    return len({membership.member for membership in memberships})


def render_disputed_mark(record: Relation | Membership) -> Markup:
    """'disputed', linking to the disagreement's block on the page; nothing for an undisputed record."""
    if not record.disagreement:
        return Markup("")
    return Markup('<a class="disputed" href="#disagreement-{}" data-disagreement="{}">disputed</a>').format(
        record.disagreement, record.disagreement)


def link_to_disagreement(membership: Membership, draw: Draw) -> Markup:
    """'disputed', linking to the disagreement's block on the organization's page (its membership history).

    On that page it is the same-page mark (class 'disputed') the other views draw; elsewhere the block is
    not on the page, so the mark is a link to another page (class 'disputed-elsewhere').
    """
    if not membership.disagreement:
        return Markup("")
    target = draw.links.record_urls.get(membership.organization)
    if target is None:
        return Markup('<span class="disputed-elsewhere" data-disagreement="{}">disputed</span>').format(
            membership.disagreement)
    if target == draw.links.page_url:
        return render_disputed_mark(membership)
    return Markup('<a class="disputed-elsewhere" href="{}#disagreement-{}" data-disagreement="{}" '
                  'title="On the page of {}">disputed</a>').format(
        draw.links.to_record(membership.organization), membership.disagreement, membership.disagreement,
        query.name_of(draw.index, membership.organization))


def _membership_order(membership: Membership) -> tuple:
    return (MEMBERSHIP_ROLES.index(membership.role), membership.organization)
