"""Which pages show which record, and so which pages a data edit changes.

A full rebuild of a large site takes as long as the first build, though an edit to one record
changes a few dozen pages (figures: bench/README.md). Each build remembers a fingerprint of every
record and the pages that show it; the next build compares fingerprints, and the pages that showed
or now show a changed record are the ones to rebuild, with the overview pages. Anything the
comparison cannot see (code, settings, the set of pages, the map shapes) rebuilds everything.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields

from ..model.dataset import label_of_record
from ..model.records import KIND_NAMES, KINDS
from .index import Index
from .year_pages import YearPages

# Per record key: (kind, fingerprint of all but its place in its file, of what other pages show, of its links).
Fingerprints = dict[str, tuple[str, int, int, int]]
# One record's fingerprints, before records sharing a key are added up: (key, all, shown elsewhere, links).
RecordPrint = tuple[str, int, int, int]


@dataclass(frozen=True)
class BuildMemory:
    """What one build leaves for the next: what would force a full rebuild, and each record's pages."""

    frame: str  # fingerprint of settings, page list, names on every page: any change rebuilds all
    records: Fingerprints
    shown_on: dict[str, frozenset[str]]  # record key -> page files (relative to docs/) that show it
    # Records whose name any page may show: states drawn on the maps (every map labels every state).
    shown_everywhere: frozenset[str] = frozenset()


# What pages other than its own show of an actor or organization: its name (links, tables, profiles),
# for a person the positions listed on the pages of the bodies they serve, and what the indexes of
# actors and organizations show (aliases, kind, leader). Other kinds are shown whole wherever listed.
_SHOWN_ELSEWHERE = {"actors": ("name", "positions", "other_names"),
                    "organizations": ("name", "short_name", "other_names", "kind", "led_by")}
# The shapes of the fields that decide which page shows which record (map_shown_on): references to other
# records, dates (a year page), choices (a claim, a role) and nested records (a participant, a position).
# Free text (names, titles, summaries) is drawn on pages but moves no record onto another page.
_LINK_SHAPES = frozenset({"id", "reference", "references", "citations", "date", "choice", "records"})


def fingerprint_records(dataset) -> Fingerprints:
    """Per record key: a fingerprint of every field but its place in its file, and one of what other pages show."""
    return combine_fingerprints((kind, fingerprint_group(kind, getattr(dataset, kind))) for kind in KIND_NAMES)


def fingerprint_group(kind: str, records: list) -> list[RecordPrint]:
    """The fingerprints of a list of records of one kind (one data file's), each with its key."""
    if not records:
        return []
    # Lines move when an earlier record grows; that changes no page, so 'origin' is left out.
    names = [spec.name for spec in fields(records[0]) if spec.name != "origin"]
    shown_names = _SHOWN_ELSEWHERE.get(kind)
    shapes = {spec.name: spec.shape for spec in KINDS[kind].fields}
    link_names = [name for name in names if shapes.get(name) in _LINK_SHAPES]
    prints = []
    for record in records:
        whole = hash(repr([getattr(record, name) for name in names]))
        shown = hash(repr([getattr(record, name) for name in shown_names])) if shown_names else whole
        prints.append((label_of_record(record), whole, shown, hash(repr([getattr(record, n) for n in link_names]))))
    return prints


def combine_fingerprints(groups: Iterable[tuple[str, list[RecordPrint]]]) -> Fingerprints:
    """The fingerprints of all records by key, from groups of (kind, fingerprints)."""
    fingerprints: Fingerprints = {}
    for kind, prints in groups:
        for key, whole, shown, links in prints:
            if key in fingerprints:  # two memberships can share a key (two roles): fingerprints add up
                _kind, *added = fingerprints[key]
                whole, shown, links = whole + added[0], shown + added[1], links + added[2]
            fingerprints[key] = (kind, whole, shown, links)
    return fingerprints


def same_links(previous: Fingerprints, current: Fingerprints) -> bool:
    """Whether every record links to the same records, dates and choices in both builds (so shows on the same pages)."""
    return previous.keys() == current.keys() and all(
        previous[key][3] == prints[3] for key, prints in current.items())


def map_shown_on(index: Index, record_pages: dict[str, str], year_pages: YearPages,
                 overview_sources: dict[str, str]) -> dict[str, frozenset[str]]:
    """For every record, the page files that show it (its name, dates or words), directly or in a list."""
    timeline, statements_page = overview_sources["timeline"], overview_sources["statements"]
    year_page = year_pages.page_sources()

    def listing_page(split, entry_id: str, whole_page: str) -> str:
        return year_page[split.role_of(entry_id)] if split.is_split else whole_page

    def pages_of(record_ids: Iterable[str]) -> set[str]:
        return {record_pages[record_id] for record_id in record_ids if record_id in record_pages}

    shown: dict[str, set[str]] = defaultdict(set)
    for label, memberships in _memberships_by_key(index).items():
        for membership in memberships:
            shown[label] |= pages_of([membership.member, membership.organization])
    for statement in index.statements.values():
        pages = pages_of(statement.speakers + statement.about)
        pages.add(listing_page(year_pages.statements, statement.id, statements_page))
        if statement.event:  # the timeline entry of the event links to its statements by speaker
            pages.add(listing_page(year_pages.timeline, statement.event, timeline))
        shown[statement.id] |= pages
    # A statement is also shown beside the statements it disputes or answers (claims, replies).
    for statement in index.statements.values():
        for target in statement.disputes + statement.answers:
            if target in index.statements:
                shown[target] |= shown[statement.id]
                shown[statement.id] |= pages_of(index.statements[target].speakers + index.statements[target].about)
    # A claim and its replies, on the claims page of the claim's year.
    for claim_id in year_pages.claims.year_of:
        page = year_page[year_pages.claims.role_of(claim_id)]
        for statement_id in [claim_id] + [reply.id for reply in index.replies_by_statement.get(claim_id, ())]:
            shown[statement_id].add(page)
    # A government's page lists its state's events; a body's page lists the events of the people in it.
    governments_of: dict[str, list[str]] = defaultdict(list)
    for actor in index.actors.values():
        if actor.governs:
            governments_of[actor.governs].append(actor.id)
    # Where an event is drawn with the names of its participants: the pages it reaches and its timeline entry.
    # Elsewhere (beside a statement made at it, a part of it, a tie it began, a source it cites) only its title.
    with_participants: dict[str, set[str]] = {}
    for event in index.events.values():
        participants = [participant.actor for participant in event.participants]
        reached = participants + list(event.organizations)
        for actor_id in participants:
            reached += governments_of.get(actor_id, [])
            if actor_id in index.actors:
                reached += [position.of for position in index.actors[actor_id].positions]
        pages = pages_of(reached)
        pages.add(listing_page(year_pages.timeline, event.id, timeline))
        with_participants[event.id] = set(pages)
        for statement in index.statements_by_event.get(event.id, ()):  # "at <event title>"
            pages |= shown[statement.id]
        shown[event.id] |= pages
    for event in index.events.values():  # an event names the event it is part of
        if event.part_of:
            shown[event.part_of] |= shown[event.id]
    # A relation is drawn and listed on the pages of both ends (their networks and tables); the events
    # that began or ended it are named there.
    for relation in index.dataset.relations:
        shown[relation.id] |= pages_of([relation.subject, relation.object])
        for event_id in (relation.started_by, relation.ended_by):
            if event_id:
                shown[event_id] |= shown[relation.id]
    # A disagreement's block is shown wherever a record that is one of its accounts is shown.
    for disputed in list(index.dataset.memberships) + list(index.dataset.relations):
        if disputed.disagreement:
            shown[disputed.disagreement] |= shown[label_of_record(disputed)]
    for disagreement in index.dataset.disagreements:
        shown[disagreement.id] |= pages_of(disagreement.about)
    # An actor or organization is shown on its page and wherever a record naming it is shown.
    for record_id in list(index.actors) + list(index.organizations):
        shown[record_id] |= pages_of([record_id])
    for actor in index.actors.values():  # a body's page lists the people holding positions in it
        shown[actor.id] |= pages_of(position.of for position in actor.positions)
    # The sources page lists the records citing each source, by name: on a large site, the source's year page.
    source_pages = {source_id: year_page[year_pages.sources.role_of(source_id)]
                    for source_id in year_pages.sources.year_of}
    # A reference list names the sources of the records drawn on its page (before names spread below:
    # a page that only names an actor does not cite the actor's sources).
    for source_id, citing in index.citing_records.items():
        for _, label in citing:
            shown[source_id] |= shown[label]
    for source_id, citing in index.citing_records.items():
        if source_id in source_pages:
            for _, label in citing:
                shown[label].add(source_pages[source_id])
    for referrer, named in _names_in_records(index):
        # An event's participants are named where it is drawn whole, not where only its title is.
        shown[named] |= with_participants[referrer] if referrer in with_participants else shown[referrer]
    for source_id, page in source_pages.items():
        shown[source_id].add(page)
    return {key: frozenset(pages) for key, pages in shown.items()}


def _memberships_by_key(index: Index) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for membership in index.dataset.memberships:
        grouped[label_of_record(membership)].append(membership)
    return grouped


def _names_in_records(index: Index) -> list[tuple[str, str]]:
    """(record key, actor or organization it names): every place a name is drawn from another record."""
    pairs = []
    for membership in index.dataset.memberships:
        label = label_of_record(membership)
        pairs += [(label, membership.member), (label, membership.organization)]
    for event in index.events.values():
        pairs += [(event.id, participant.actor) for participant in event.participants]
        pairs += [(event.id, organization) for organization in event.organizations]
    for statement in index.statements.values():
        pairs += [(statement.id, record_id) for record_id in statement.speakers + statement.about]
    for actor in index.actors.values():
        if actor.nationality:
            pairs.append((actor.id, actor.nationality))
        pairs += [(actor.id, position.of) for position in actor.positions]
    for organization in index.organizations.values():
        if organization.led_by:
            pairs.append((organization.id, organization.led_by))
    for relation in index.dataset.relations:
        pairs += [(relation.id, relation.subject), (relation.id, relation.object)]
    for disagreement in index.dataset.disagreements:
        pairs += [(disagreement.id, record_id) for record_id in disagreement.about]
    return pairs


def select_affected_pages(previous: BuildMemory | None, current: BuildMemory, always: Iterable[str],
                          own_pages: dict[str, str]) -> set[str] | None:
    """The page files an edit changed, or None when every page must be rebuilt.

    own_pages: record id -> its page file, for an edit that changes only what the record's own page shows.
    """
    if previous is None or previous.frame != current.frame:
        return None
    shown_everywhere = previous.shown_everywhere | current.shown_everywhere
    pages: set[str] = set()
    for key in changed_keys(previous, current):
        before, after = previous.records.get(key), current.records.get(key)
        if before and after and before[2] == after[2] and key in own_pages:
            pages.add(own_pages[key])  # e.g. an actor's summary: shown on its own page only
        elif key in shown_everywhere:
            return None
        else:
            # Shown in lists: the overview pages (timeline, sources, indexes…) may show it too.
            pages |= previous.shown_on.get(key, frozenset()) | current.shown_on.get(key, frozenset())
            pages.update(always)
    return pages


def changed_keys(previous: BuildMemory, current: BuildMemory) -> set[str]:
    """The keys of the records added, removed or changed between two builds."""
    # The items that differ, compared as sets in C: a loop over 47,000 keys cost a tenth of a rebuild's plan.
    return {key for key, _prints in previous.records.items() ^ current.records.items()}


def changed_kinds(previous: BuildMemory | None, current: BuildMemory) -> set[str] | None:
    """The data kinds with a record added, removed or changed; None when there is nothing to compare with."""
    if previous is None:
        return None
    return {(current.records.get(key) or previous.records[key])[0] for key in changed_keys(previous, current)}
