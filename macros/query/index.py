"""Queries: an index built once from the dataset, answering every lookup the pages need."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from ..model.dataset import Dataset, label_of_record
from ..model.dates import ReducedDate
from ..model.records import (
    Actor,
    Citation,
    Disagreement,
    Event,
    Membership,
    Organization,
    Relation,
    Source,
    Statement,
)
from .kept_results import KeptResults


@dataclass
class Index:
    """Records by id and the relations between them, computed once per build."""

    dataset: Dataset
    actors: dict[str, Actor] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    disagreements: dict[str, Disagreement] = field(default_factory=dict)
    memberships_by_member: dict[str, list[Membership]] = field(default_factory=lambda: defaultdict(list))
    memberships_by_organization: dict[str, list[Membership]] = field(default_factory=lambda: defaultdict(list))
    events_by_record: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    statements_by_record: dict[str, list[Statement]] = field(default_factory=lambda: defaultdict(list))
    statements_by_event: dict[str, list[Statement]] = field(default_factory=lambda: defaultdict(list))
    replies_by_statement: dict[str, list[Statement]] = field(default_factory=lambda: defaultdict(list))
    citing_records: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    citing_seen: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    positions_by_record: dict[str, list[tuple[Actor, int]]] = field(default_factory=lambda: defaultdict(list))
    relations_by_record: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    records_by_disagreement: dict[str, list[Membership | Relation]] = field(default_factory=lambda: defaultdict(list))
    # The membership date (start, end or as_of) reaching latest, as written: what 'now' means on the pages.
    newest_membership_date: ReducedDate | None = None
    # Each organization's records at that date, filled on first use by query/time.py's current_members;
    # not copied by dataclasses.replace, so an index with other memberships selects its own.
    current_by_organization: dict[str, list[Membership]] = field(default_factory=dict, init=False, repr=False,
                                                                 compare=False)
    # Results made from lists of records (query/kept_results.py); carried over by swap_records, each checked
    # against the records it was made from. dataclasses.replace does not copy it: a copy starts empty.
    kept_results: KeptResults = field(default_factory=KeptResults, init=False, repr=False, compare=False)


def _append_once(bucket: list, item) -> None:
    """Append unless the very object is already last (a record can be related twice, e.g. host and topic).

    Each record's relations are appended one record at a time, so a repeat is always the last item:
    looking at the last one keeps indexing linear where scanning the bucket made it quadratic.
    """
    if not bucket or bucket[-1] is not item:
        bucket.append(item)


def build_index(dataset: Dataset) -> Index:
    """Build every lookup table in one pass over the data: O(records)."""
    index = Index(dataset=dataset)
    index.actors = {actor.id: actor for actor in dataset.actors}
    index.organizations = {organization.id: organization for organization in dataset.organizations}
    index.sources = {source.id: source for source in dataset.sources}
    index.events = {event.id: event for event in sorted(dataset.events, key=event_sort_key)}
    index.statements = {statement.id: statement for statement in dataset.statements}
    for membership in dataset.memberships:
        index.memberships_by_member[membership.member].append(membership)
        index.memberships_by_organization[membership.organization].append(membership)
        _cite(index, membership.sources, "membership", label_of_record(membership))
        if membership.disagreement:
            index.records_by_disagreement[membership.disagreement].append(membership)
        for date in (membership.start, membership.end, membership.as_of):
            if date is not None and (index.newest_membership_date is None
                                     or _latest_day(date) > _latest_day(index.newest_membership_date)):
                index.newest_membership_date = date
    index.relations = {relation.id: relation for relation in dataset.relations}
    for relation in dataset.relations:
        _cite(index, relation.sources, "relation", relation.id)
        index.relations_by_record[relation.subject].append(relation)
        if relation.object != relation.subject:
            index.relations_by_record[relation.object].append(relation)
        if relation.disagreement:
            index.records_by_disagreement[relation.disagreement].append(relation)
    for event in index.events.values():
        for record_id in [p.actor for p in event.participants] + list(event.organizations):
            _append_once(index.events_by_record[record_id], event)
        _cite(index, event.sources, "event", event.id)
    for statement in sorted(dataset.statements, key=statement_sort_key):
        for record_id in list(statement.speakers) + list(statement.about):
            _append_once(index.statements_by_record[record_id], statement)
        if statement.event:
            index.statements_by_event[statement.event].append(statement)
        for target in statement.disputes + statement.answers:
            _append_once(index.replies_by_statement[target], statement)
        _cite(index, statement.sources, "statement", statement.id)
    for actor in dataset.actors:
        _cite(index, actor.sources, "actor", actor.id)
        for number, position in enumerate(actor.positions):
            _cite(index, position.sources, "actor", actor.id)
            index.positions_by_record[position.of].append((actor, number))
    for organization in dataset.organizations:
        _cite(index, organization.sources, "organization", organization.id)
    index.disagreements = {disagreement.id: disagreement for disagreement in dataset.disagreements}
    for disagreement in dataset.disagreements:
        for account in disagreement.accounts:  # a disagreement's citations sit in its accounts
            _cite(index, account.sources, "disagreement", disagreement.id)
    return index


def _latest_day(date: ReducedDate) -> tuple[int, int, int]:
    """The latest day a date can mean, as a tuple (31 orders like a month's true last day)."""
    return (date.year, date.month or 12, date.day or 31)


def _cite(index: Index, citations: Iterable[Citation], kind: str, label: str) -> None:
    for citation in citations:
        entry = (kind, label)
        # A set beside the list: a linear 'in' made indexing O(n^2) when one source backs most records.
        seen = index.citing_seen.setdefault(citation.source, set())
        if entry not in seen:
            seen.add(entry)
            index.citing_records[citation.source].append(entry)


# ---------------------------------------------------------------- ordering

# Where in a month (or year) a qualified date falls: "late December" follows "17 December", "early" precedes it.
_QUALIFIER_DAY = {"early": 5, "mid": 15, "late": 25}
_QUALIFIER_MONTH = {"early": 2, "mid": 6, "late": 10}


def event_sort_key(event: Event) -> tuple:
    """Chronological, then by title: a qualified month sits among its days; a bare month or year comes first."""
    date, qualifier = event.date, event.date_qualifier or ""
    month = date.month or _QUALIFIER_MONTH.get(qualifier, 0)
    day = date.day or (_QUALIFIER_DAY.get(qualifier, 0) if date.month else 0)
    return (date.year, month, day, event.title, event.id)


def statement_sort_key(statement: Statement) -> tuple:
    """Dated statements chronologically, undated ones last."""
    return (statement.date is None, statement.date or "", statement.id)


def source_sort_key(source: Source) -> tuple:
    """Sources by date of publication, then by title."""
    return (source.date, source.title, source.id)


# ---------------------------------------------------------------- lookups

def name_of(index: Index, record_id: str) -> str:
    """The display name of any actor or organization."""
    if record_id in index.actors:
        return index.actors[record_id].name
    if record_id in index.organizations:
        return index.organizations[record_id].name
    raise KeyError(record_id)


def find_record(index: Index, record_id: str) -> Actor | Organization | None:
    """The actor or organization with that id, or None."""
    return index.actors.get(record_id) or index.organizations.get(record_id)


def memberships_of(index: Index, record_id: str) -> list[Membership]:
    """An actor's (or organization's) memberships in organizations, in data order."""
    return list(index.memberships_by_member.get(record_id, ()))


def members_of(index: Index, organization_id: str) -> list[Membership]:
    """An organization's memberships, in data order."""
    return list(index.memberships_by_organization.get(organization_id, ()))


def events_of(index: Index, record_id: str) -> list[Event]:
    """Events an actor took part in or an organization was involved in, chronologically."""
    return list(index.events_by_record.get(record_id, ()))


def statements_of(index: Index, record_id: str) -> list[Statement]:
    """Statements by or about a record, chronologically."""
    return list(index.statements_by_record.get(record_id, ()))


def replies_to(index: Index, statement_id: str) -> list[Statement]:
    """Statements that dispute or answer the given one."""
    return list(index.replies_by_statement.get(statement_id, ()))


def all_events(index: Index) -> list[Event]:
    """Every event, chronologically."""
    return list(index.events.values())


def positions_in(index: Index, record_id: str) -> list[tuple[Actor, int]]:
    """People holding a position in this record: (person, position number), in data order."""
    return list(index.positions_by_record.get(record_id, ()))



# The tables holding records of each kind (the rest hold ids and dates only).
_TABLES_OF_KIND = {
    "actors": ("actors", "positions_by_record"), "organizations": ("organizations",), "sources": ("sources",),
    "events": ("events", "events_by_record"),
    "statements": ("statements", "statements_by_record", "statements_by_event", "replies_by_statement"),
    "relations": ("relations", "relations_by_record", "records_by_disagreement"),
    "memberships": ("memberships_by_member", "memberships_by_organization", "records_by_disagreement"),
    "disagreements": ("disagreements",)}


def swap_records(index: Index, dataset: Dataset, swapped: dict[int, object], kinds: set[str]) -> Index:
    """A copy of index over dataset, each record of those kinds whose id() is a key of swapped replaced by its value.

    For an edit to free text alone (no id, reference, date or choice changed, no event retitled): every table
    then holds the same records in the same places, so the edited files' new record objects take the old ones'
    places. Only the tables holding the edited kinds are walked; the others are shared with the kept index.
    """
    def swap(item):
        # positions_by_record holds (actor, number) pairs; every other table holds records.
        if isinstance(item, tuple):
            return (swapped.get(id(item[0]), item[0]), *item[1:])
        return swapped.get(id(item), item)

    tables = {spec.name: getattr(index, spec.name) for spec in fields(Index) if spec.init and spec.name != "dataset"}
    for name in {name for kind in kinds for name in _TABLES_OF_KIND[kind]}:
        table = tables[name]
        # A table named after a kind holds its records by id; the others hold lists of records by id.
        tables[name] = ({key: swap(record) for key, record in table.items()} if name in _TABLES_OF_KIND else
                        defaultdict(list, {key: [swap(item) for item in bucket] for key, bucket in table.items()}))
    swapped_index = Index(dataset=dataset, **tables)
    swapped_index.kept_results = index.kept_results  # each result is checked against the records it was made from
    return swapped_index
