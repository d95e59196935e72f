"""Lookups the relation, history and disagreement views need, built once per build from the index.

Ties are directed (subject -type-> object); a record's ties are those it holds and those held towards it.
Which records a network picture shows is decided here too, so the picture stays readable at any size.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model.dates import ReducedDate
from ..model.records import Membership, Relation
from .index import Index

# Beyond these many actors a network picture is unreadable: it shows those with the most ties, and says so.
NETWORK_NODE_LIMIT = 40
EGO_NEIGHBOUR_LIMIT = 24
# And beyond these many arrows: fewer actors, until the ties among them fit.
NETWORK_TIE_LIMIT = 150


@dataclass
class RelationViews:
    """Ties by record and the records that are one account of each disagreement (the index has them by id)."""

    relations: list[Relation] = field(default_factory=list)
    by_record: dict[str, list[Relation]] = field(default_factory=dict)
    accounts_of: dict[str, list[Membership | Relation]] = field(default_factory=dict)


def relation_sort_key(relation: Relation) -> tuple:
    """By subject, then tie type, object and first date: a reader scans one actor's ties together."""
    first = relation.start or relation.as_of or relation.end
    return (relation.subject, relation.type, relation.object, first is None, first or ReducedDate(1), relation.id)


def build_relation_views(index: Index) -> RelationViews:
    """Every lookup of the views, in one pass over relations and memberships."""
    dataset = index.dataset
    relations = sorted(dataset.relations, key=relation_sort_key)
    by_record: dict[str, list[Relation]] = defaultdict(list)
    accounts_of: dict[str, list[Membership | Relation]] = defaultdict(list)
    for relation in relations:
        by_record[relation.subject].append(relation)
        if relation.object != relation.subject:
            by_record[relation.object].append(relation)
        if relation.disagreement:
            accounts_of[relation.disagreement].append(relation)
    for membership in dataset.memberships:
        if membership.disagreement:
            accounts_of[membership.disagreement].append(membership)
    return RelationViews(relations, dict(by_record), dict(accounts_of))


def relations_of(views: RelationViews, record_id: str) -> list[Relation]:
    """The ties a record holds or is the object of, in relation_sort_key order."""
    return list(views.by_record.get(record_id, ()))


# ---------------------------------------------------------------- which ties a picture shows

@dataclass(frozen=True)
class NetworkSelection:
    """The actors and ties a picture draws, and how many it leaves to the table."""

    nodes: list[str]
    relations: list[Relation]
    total_nodes: int
    total_relations: int

    @property
    def limited(self) -> bool:
        """True when the picture leaves some ties to the table."""
        return len(self.relations) < self.total_relations


def count_ties(relations: list[Relation]) -> Counter[str]:
    """How many ties each record takes part in."""
    counts: Counter[str] = Counter()
    for relation in relations:
        counts[relation.subject] += 1
        if relation.object != relation.subject:
            counts[relation.object] += 1
    return counts


def select_network(relations: list[Relation], limit: int = NETWORK_NODE_LIMIT,
                   tie_limit: int = NETWORK_TIE_LIMIT) -> NetworkSelection:
    """All ties, or the ties among the actors with the most ties (ties broken by id): at most `limit`
    actors, fewer while more than `tie_limit` ties would be drawn among them."""
    counts = count_ties(relations)
    ranked = sorted(counts, key=lambda record_id: (-counts[record_id], record_id))
    size = min(limit, len(ranked))
    while True:
        chosen = set(ranked[:size])
        shown = [r for r in relations if r.subject in chosen and r.object in chosen]
        if len(shown) <= tie_limit or size <= 2:
            return NetworkSelection(sorted(chosen), shown, len(counts), len(relations))
        size -= 1


def select_ego_network(relations: list[Relation], focus: str, limit: int = EGO_NEIGHBOUR_LIMIT,
                       tie_limit: int = NETWORK_TIE_LIMIT) -> NetworkSelection:
    """One record's ties: it and its neighbours, beyond `limit` (or `tie_limit` ties) those it shares the
    most ties with."""
    counts: Counter[str] = Counter()
    for relation in relations:
        other = relation.object if relation.subject == focus else relation.subject
        if other != focus:
            counts[other] += 1
    ranked = sorted(counts, key=lambda record_id: (-counts[record_id], record_id))
    size = min(limit, len(ranked))
    while True:
        chosen = set(ranked[:size])
        shown = [r for r in relations if (r.object if r.subject == focus else r.subject) in chosen | {focus}]
        if len(shown) <= tie_limit or size <= 1:
            return NetworkSelection([focus] + sorted(chosen), shown, len(counts) + 1, len(relations))
        size -= 1


# ---------------------------------------------------------------- ties and roles that begin or end

@dataclass(frozen=True)
class TieChange:
    """A dated change the timeline shows: a tie or a membership role that begins or ends."""

    date: ReducedDate
    begins: bool
    record: Relation | Membership


def find_tie_changes(views: RelationViews, memberships: list[Membership]) -> list[TieChange]:
    """Every start and end date of ties and memberships, chronologically (a report 'as of' is no change)."""
    changes = []
    records: list[Relation | Membership] = [*views.relations, *memberships]
    for record in records:
        if record.start:
            changes.append(TieChange(record.start, True, record))
        if record.end:
            changes.append(TieChange(record.end, False, record))

    def key(change: TieChange) -> tuple:
        record = change.record
        if isinstance(record, Relation):
            return (change.date, not change.begins, record.subject, record.object, record.type)
        return (change.date, not change.begins, record.organization, record.member, record.role)
    return sorted(changes, key=key)
