"""Which pages show which record: where each record is drawn, and where each name is drawn.

A record is drawn in several forms. A statement is a short row on the pages of its speakers and of what it
is about, a full entry on its statements page, a card beside the claim it answers, a name and a date in
the entries it disputes or answers; an event is a row on the pages it reaches and a full entry on its
timeline page. Only some forms name other records: a statement row names its speakers, not what it is
about; an event row names none of its participants. So an actor's name is mapped to the pages of the
forms that draw it, not to every page that shows a record naming it. A rename of an actor then re-renders
the pages that show the name, and no others (bench/README.md gives the counts).

Each rule below follows what a renderer draws: render/rows.py and render/entries.py (rows, entries, cards),
render/overviews.py (the sources pages), site/listing_macros.py (the tie chart on timeline pages),
the templates of render/templates/. tests/engine/test_pages_showing_names.py builds a site in which every
actor and organization has a name found nowhere else, and checks every page that shows a name is mapped.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model.dataset import label_of_record
from ..model.records import TAKING_PART_ROLES, Event, Membership, Relation, Statement
from .index import Index
from .year_pages import YearPages, YearSplit

# Record key -> the page files (relative to docs/) that show it.
PageMap = dict[str, set[str]]


class _Places:
    """Where the forms of records are drawn: record pages, listing pages (whole or by year)."""

    def __init__(self, index: Index, record_pages: dict[str, str], year_pages: YearPages,
                 overview_sources: dict[str, str]) -> None:
        self.index, self.record_pages, self.year_pages = index, record_pages, year_pages
        self.year_page = year_pages.page_sources()
        self.timeline, self.statements = overview_sources["timeline"], overview_sources["statements"]
        self.governments_of: dict[str, list[str]] = defaultdict(list)
        for actor in index.actors.values():
            if actor.governs:
                self.governments_of[actor.governs].append(actor.id)
        # The timeline page of a year shows the ties and roles that began or ended in the years of its events.
        self.tie_chart_pages: dict[int, set[str]] = defaultdict(set)
        if year_pages.timeline.is_split:
            for event in index.events.values():
                self.tie_chart_pages[event.date.year].add(self.event_page(event.id))

    def pages_of(self, record_ids: Iterable[str]) -> set[str]:
        """The pages of these records (those that have one)."""
        return {self.record_pages[record_id] for record_id in record_ids if record_id in self.record_pages}

    def listing_page(self, split: YearSplit, entry_id: str, whole_page: str) -> str:
        """The page that lists an entry: its year's page, or the whole listing's."""
        return self.year_page[split.role_of(entry_id)] if split.is_split else whole_page

    def event_page(self, event_id: str) -> str:
        """The timeline page of an event's full entry."""
        return self.listing_page(self.year_pages.timeline, event_id, self.timeline)

    def statement_page(self, statement_id: str) -> str:
        """The statements page of a statement's full entry."""
        return self.listing_page(self.year_pages.statements, statement_id, self.statements)

    def tie_pages(self, record: Relation | Membership) -> set[str]:
        """The timeline pages whose chart shows a tie's or role's start or end (a relation or membership)."""
        return {page for date in (record.start, record.end) if date for page in self.tie_chart_pages[date.year]}


def map_shown_on(index: Index, record_pages: dict[str, str], year_pages: YearPages,
                 overview_sources: dict[str, str]) -> dict[str, frozenset[str]]:
    """For every record, the page files that show it (its name, dates or words), directly or in a list."""
    places = _Places(index, record_pages, year_pages, overview_sources)
    shown = map_drawn_on(places)
    # The names are mapped from the forms as drawn, so they join the map only once all of it is read.
    for named, pages in map_names_drawn_on(places, shown).items():
        shown[named] |= pages
    return {key: frozenset(pages) for key, pages in shown.items()}


def map_drawn_on(places: _Places) -> PageMap:
    """Every record key -> the pages that draw it in any form (a row, an entry, a card, a name in a list)."""
    index = places.index
    drawn: PageMap = defaultdict(set)
    for membership in index.dataset.memberships:
        drawn[label_of_record(membership)] |= (places.pages_of([membership.member, membership.organization])
                                               | places.tie_pages(membership))
    for statement in index.statements.values():
        drawn[statement.id] |= _statement_forms(places, statement)
    _add_claims(places, drawn)
    for event in index.events.values():
        drawn[event.id] |= places.pages_of(_reached_by(places, event)) | {places.event_page(event.id)}
        for statement in index.statements_by_event.get(event.id, ()):  # "at <event title>"
            drawn[event.id] |= drawn[statement.id]
    for event in index.events.values():  # an event names the event it is part of
        if event.part_of:
            drawn[event.part_of] |= drawn[event.id]
    # A relation is drawn on the pages of both ends (their networks and tables) and on the tie chart of the
    # timeline pages of its years; the events that began or ended a tie or a role are named with it.
    for relation in index.dataset.relations:
        drawn[relation.id] |= places.pages_of([relation.subject, relation.object]) | places.tie_pages(relation)
    for record in list(index.dataset.relations) + list(index.dataset.memberships):
        for event_id in (record.started_by, record.ended_by):
            if event_id:
                drawn[event_id] |= drawn[label_of_record(record)]
    # A disagreement's block is drawn wherever a record that is one of its accounts is drawn.
    for disagreement_id, label, _named in _accounts(index):
        drawn[disagreement_id] |= drawn[label]
    for disagreement in index.dataset.disagreements:
        drawn[disagreement.id] |= places.pages_of(disagreement.about)
    # An actor or organization is drawn on its page; a body's page lists the people holding positions in it.
    for record_id in list(index.actors) + list(index.organizations):
        drawn[record_id] |= places.pages_of([record_id])
    for actor in index.actors.values():
        drawn[actor.id] |= places.pages_of(position.of for position in actor.positions)
    _add_sources(places, drawn)
    return drawn


def _statement_forms(places: _Places, statement: Statement) -> set[str]:
    """A statement's row (pages of its speakers and of what it is about), its entry, and the entries naming it:
    the timeline entry of its event (by speaker), the entries of what it disputes or answers and of its replies."""
    index = places.index
    pages = places.pages_of(statement.speakers + statement.about) | {places.statement_page(statement.id)}
    if statement.event:
        pages.add(places.event_page(statement.event))
    for other in statement.disputes + statement.answers:
        if other in index.statements:
            pages.add(places.statement_page(other))
    pages |= {places.statement_page(reply.id) for reply in index.replies_by_statement.get(statement.id, ())}
    return pages


def _add_claims(places: _Places, drawn: PageMap) -> None:
    """A claim and its replies are drawn together as cards: on the page of every record party to either side,
    and on the claims page of the claim's year."""
    index, claims = places.index, places.year_pages.claims
    for claim_id, replies in index.replies_by_statement.items():
        if claim_id not in index.statements:
            continue
        sides = [index.statements[claim_id], *replies]
        pages = places.pages_of(record_id for side in sides for record_id in side.speakers + side.about)
        if claims.is_split and claim_id in claims.year_of:
            pages.add(places.year_page[claims.role_of(claim_id)])
        for side in sides:
            drawn[side.id] |= pages


def _reached_by(places: _Places, event: Event) -> list[str]:
    """The records whose pages list an event as a row: its participants and organizations, the governments of
    participating states, the bodies in which participants hold positions (query/profile.events_reaching)."""
    reached = [participant.actor for participant in event.participants] + list(event.organizations)
    for participant in event.participants:
        reached += _through(places, participant.actor)
    return reached


def _through(places: _Places, actor_id: str) -> list[str]:
    """The records whose event rows show 'through <actor>': its governments and the bodies it holds positions in."""
    actor = places.index.actors.get(actor_id)
    return places.governments_of.get(actor_id, []) + ([position.of for position in actor.positions] if actor else [])


def _add_sources(places: _Places, drawn: PageMap) -> None:
    """A source is drawn in the reference list of every page drawing a record citing it, and on its entry on the
    sources page, which names the records citing it (on a large site, the source's year page)."""
    index, split = places.index, places.year_pages.sources
    # Reference lists first: a page that only names a record on a sources page does not cite its sources.
    for source_id, citing in index.citing_records.items():
        for _kind, label in citing:
            drawn[source_id] |= drawn[label]
    for source_id in split.year_of:  # empty when the sources page is whole (a page about no record)
        page = places.year_page[split.role_of(source_id)]
        drawn[source_id].add(page)
        for _kind, label in index.citing_records.get(source_id, ()):
            drawn[label].add(page)


def map_names_drawn_on(places: _Places, drawn: PageMap) -> PageMap:
    """Actor or organization id -> the pages that draw its name (or short name) in another record's form."""
    index = places.index
    names: PageMap = defaultdict(set)
    for membership in index.dataset.memberships:  # member and organization, in every form of a role
        pages = drawn[label_of_record(membership)]
        names[membership.member] |= pages
        names[membership.organization] |= pages
    for relation in index.dataset.relations:  # both ends, in every form of a tie
        pages = drawn[relation.id]
        names[relation.subject] |= pages
        names[relation.object] |= pages
    for statement in index.statements.values():
        for speaker in statement.speakers:  # every form of a statement names its speakers
            names[speaker] |= drawn[statement.id]
        for record_id in statement.about:  # only its full entry names what it is about
            names[record_id].add(places.statement_page(statement.id))
    for event in index.events.values():
        # The full entry names participants and organizations; the event's JSON-LD, on the pages of those
        # directly involved, names those who took part (render/json_ld.py: organizers and attendees).
        entry = places.event_page(event.id)
        involved = places.pages_of([participant.actor for participant in event.participants]
                                   + list(event.organizations))
        for participant in event.participants:
            # A row on the page of a government or body names the participant it was reached through.
            names[participant.actor] |= places.pages_of(_through(places, participant.actor)) | {entry}
            if participant.role in TAKING_PART_ROLES:
                names[participant.actor] |= involved
        for organization_id in event.organizations:
            names[organization_id].add(entry)
    for actor in index.actors.values():  # a person's page names nationality and bodies; a body's, its people
        pages = places.pages_of([actor.id])
        if actor.nationality:
            names[actor.nationality] |= pages
        for position in actor.positions:
            names[position.of] |= pages
    for organization in index.organizations.values():
        if organization.led_by:
            names[organization.led_by] |= places.pages_of([organization.id])
    for disagreement in index.dataset.disagreements:  # its block names what it is about
        for record_id in disagreement.about:
            names[record_id] |= drawn[disagreement.id]
    for disagreement_id, _label, named in _accounts(index):  # and the records of each account, by name
        for record_id in named:
            names[record_id] |= drawn[disagreement_id]
    return names


def _accounts(index: Index) -> list[tuple[str, str, tuple[str, str]]]:
    """(disagreement id, record key, the two records it names) of every membership or tie that is an account."""
    found = [(membership.disagreement, label_of_record(membership), (membership.member, membership.organization))
             for membership in index.dataset.memberships if membership.disagreement]
    found += [(relation.disagreement, label_of_record(relation), (relation.subject, relation.object))
              for relation in index.dataset.relations if relation.disagreement]
    return found
