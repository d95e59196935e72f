"""Profile queries: where a record stands today — its roles, its people, its stance, who lists it.

A record page opens with these facts, so each answer carries the records (and through them the
sources) that back it. "Today" is the newest date in the data: a tie or role holds today when its
period has not ended; a tie reported only `as_of` a date speaks for that date.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model.dates import ReducedDate
from ..model.records import Actor, Event, Membership, Position, Relation
from .index import Index, event_sort_key, name_of
from .time import current_members, relations_of

# The stance a state takes towards a government or group, in the order a reader asks about it.
STANCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "designation": ("designates-as-terrorist",),
    "suspension": ("suspends-designation", "lifts-designation"),
    "recognition": ("recognizes-government", "withholds-recognition"),
    "envoy": ("accredits-envoy",),
}
# Every tie type of a stance column: the ties that make a state's stance towards a government or group.
_STANCE_TYPES = frozenset(kind for types in STANCE_COLUMNS.values() for kind in types)
STANCE_LABELS = {"designation": "Listed as terrorist", "suspension": "Listing suspended or lifted",
                 "recognition": "Recognition", "envoy": "Envoy accepted"}
# Roles that make an actor a member of an organization (the leading state is a member like the others).
MEMBER_ROLES = ("leader", "member")


# ---------------------------------------------------------------- ties in force

def is_in_force(relation: Relation) -> bool:
    """Whether a tie holds today: it has no end (a report `as_of` a date speaks for that date on)."""
    return relation.end is None


def date_of_tie(relation: Relation | Membership) -> ReducedDate | None:
    """The date a reader is told for a tie or role: when it began, else when a source reported it."""
    return relation.start or relation.as_of


def sort_ties_for_reading(relations: list[Relation]) -> list[Relation]:
    """Ties in force first, newest first within each group; ended ties after them, by end, newest first."""
    def key(relation: Relation) -> tuple:
        date = relation.end if relation.end else date_of_tie(relation)
        return (not is_in_force(relation), newest_first(date), relation.type, relation.id)
    return sorted(relations, key=key)


def newest_first(date: ReducedDate | None) -> tuple[int, int, int]:
    """A sort key that puts later dates first and undated last."""
    if date is None:
        return (1, 0, 0)
    return (-date.year, -(date.month or 0), -(date.day or 0))


# ---------------------------------------------------------------- stance towards a government or group

@dataclass(frozen=True)
class StanceRow:
    """One state's stance towards a government or group: per column, the tie that answers it (or None)."""

    state: str
    cells: dict[str, Relation | None]

    @property
    def holds_any(self) -> bool:
        """Whether any of its ties is in force today."""
        return any(cell is not None and is_in_force(cell) for cell in self.cells.values())


def select_stance(index: Index, subject_id: str, object_id: str) -> dict[str, Relation | None]:
    """For each stance column, the tie of subject towards object that answers it today.

    A tie in force wins over an ended one; among equals, the one that began (or was reported) last.
    """
    ties = [relation for relation in relations_of(index, object_id)
            if relation.subject == subject_id and relation.object == object_id]
    cells: dict[str, Relation | None] = {}
    for column, types in STANCE_COLUMNS.items():
        candidates = [relation for relation in ties if relation.type in types]
        cells[column] = min(candidates, key=lambda r: (not is_in_force(r), newest_first(date_of_tie(r))),
                            default=None)
    return cells


def build_stance_table(index: Index, object_id: str) -> list[StanceRow]:
    """Every state with a stance tie towards the object: rows with a tie in force first, then by name."""
    states = {relation.subject for relation in relations_of(index, object_id)
              if relation.object == object_id and relation.type in _STANCE_TYPES
              and getattr(index.actors.get(relation.subject), "type", None) == "state"}
    rows = [StanceRow(state, select_stance(index, state, object_id)) for state in states]
    return sorted(rows, key=lambda row: (not row.holds_any, name_of(index, row.state)))


def select_stances_of_state(index: Index, state_id: str) -> list[tuple[str, dict[str, Relation | None]]]:
    """A state's stance towards each government or group it lists, recognizes or accredits (stance_targets order)."""
    # Only the targets it has a stance tie with: select_stance sorts the target's ties, and a thousand states
    # asking after two hundred targets each sorted them 29,000 times per build at 1,000 actors.
    tied = {relation.object for relation in index.relations_by_record.get(state_id, ())
            if relation.subject == state_id and relation.type in _STANCE_TYPES}
    return [(target, select_stance(index, state_id, target)) for target in stance_targets(index) if target in tied]


def stance_targets(index: Index) -> list[str]:
    """The governments and groups that states list, recognize or accredit: the objects of stance ties."""
    return sorted({relation.object for relation in index.relations.values() if relation.type in _STANCE_TYPES})


# ---------------------------------------------------------------- roles and people today

def merge_reports(memberships: list[Membership]) -> list[Membership]:
    """One membership per member, organization and role: reports of the same role become one, citing all.

    A role can be reported several times (a dated record and an 'as of' report, or two accounts of a
    dispute): a reader wants one line. It takes the dated record's period (the earliest start), any
    status a report gives, the disputed mark if any report carries one, and every report's citations.
    """
    groups: dict[tuple[str, str, str], list[Membership]] = {}
    for membership in memberships:
        groups.setdefault((membership.member, membership.organization, membership.role), []).append(membership)
    merged = []
    for reports in groups.values():
        dated = sorted((m for m in reports if m.start), key=lambda m: _ascending(m.start))
        chosen = dated[0] if dated else max(reports, key=lambda m: _ascending(m.as_of))
        citations = tuple(dict.fromkeys(citation for report in reports for citation in report.sources))
        merged.append(replace(chosen, sources=citations,
                              status=chosen.status or next((m.status for m in reports if m.status), None),
                              disagreement=chosen.disagreement or next(
                                  (m.disagreement for m in reports if m.disagreement), None)))
    return merged


def _ascending(date: ReducedDate | None) -> tuple[int, int, int]:
    return (date.year, date.month, date.day) if date else (0, 0, 0)


def memberships_today(index: Index, member_id: str) -> list[Membership]:
    """The organizations an actor belongs to today: one line per organization and role."""
    organizations = {membership.organization for membership in index.memberships_by_member.get(member_id, ())}
    return merge_reports([membership for organization in sorted(organizations)
                          for membership in current_members(index, organization) if membership.member == member_id])


def members_today(index: Index, organization_id: str) -> list[Membership]:
    """An organization's members, observers and partners today: one line per member and role."""
    return merge_reports(current_members(index, organization_id))


def count_members_today(index: Index, organization_id: str) -> int:
    """How many actors are members today (the leading state counted like the others): one truth for every page."""
    return len({m.member for m in current_members(index, organization_id) if m.role in MEMBER_ROLES})


def is_current(position: Position) -> bool:
    """Whether a position is held today: it has no end."""
    return position.end is None


def current_positions(actor: Actor) -> list[Position]:
    """The offices a person holds today, newest first; one line per office (the newest report of it)."""
    held: dict[tuple[str, str], Position] = {}
    # An office with a known start reads "since" it (the earliest start); else its newest report.
    ordered = sorted(actor.positions, key=lambda position: (position.start is None, _ascending(position.start),
                                                            newest_first(position.as_of)))
    for position in ordered:
        if is_current(position):
            held.setdefault((position.title.lower(), position.of), position)
    return sorted(held.values(), key=lambda position: newest_first(position.as_of or position.start))


def people_in_office(index: Index, record_id: str) -> list[tuple[Actor, Position]]:
    """People holding a position in this record today (each with the newest one), newest appointment first."""
    holders = [(actor, actor.positions[number]) for actor, number in index.positions_by_record.get(record_id, ())]
    newest: dict[str, tuple[Actor, Position]] = {}
    for actor, position in sorted(holders, key=lambda pair: newest_first(pair[1].start or pair[1].as_of)):
        if is_current(position):
            newest.setdefault(actor.id, (actor, position))
    return list(newest.values())


def newest_per_subject(relations: list[Relation]) -> list[Relation]:
    """Of ties already in reading order, the first per subject: one line per state in a key-facts box."""
    seen: set[str] = set()
    kept = []
    for relation in relations:
        if relation.subject not in seen:
            seen.add(relation.subject)
            kept.append(relation)
    return kept


def ties_of_type(index: Index, record_id: str, types: tuple[str, ...], *, as_subject: bool) -> list[Relation]:
    """The record's ties of these types, as subject or as object, in force first."""
    side = "subject" if as_subject else "object"
    return sort_ties_for_reading([relation for relation in relations_of(index, record_id)
                                  if getattr(relation, side) == record_id and relation.type in types])


# ---------------------------------------------------------------- events that reach a page

@dataclass(frozen=True)
class EventReach:
    """An event on a record's page, and the path that brought it there (None: the record took part)."""

    event: Event
    through: str | None  # the id of the person or state through whom the record took part


def people_of(index: Index, record_id: str) -> list[str]:
    """Everyone who holds or held a position in the record: their events reach its page."""
    return sorted({actor.id for actor, _number in index.positions_by_record.get(record_id, ())})


def events_reaching(index: Index, record_id: str) -> list[EventReach]:
    """Events the record took part in directly, through its people, and (a government) through its state.

    Newest first; an event reached several ways is listed once, by the most direct path.
    """
    reached: dict[str, EventReach] = {}
    for event in index.events_by_record.get(record_id, ()):
        reached[event.id] = EventReach(event, None)
    for person in people_of(index, record_id):
        for event in index.events_by_record.get(person, ()):
            reached.setdefault(event.id, EventReach(event, person))
    record = index.actors.get(record_id)
    state = record.governs if record is not None else None
    for event in index.events_by_record.get(state, ()) if state else ():
        reached.setdefault(event.id, EventReach(event, state))
    return sorted(reached.values(), key=lambda reach: event_sort_key(reach.event), reverse=True)


# ---------------------------------------------------------------- how current the reference is

def newest_fact_date(index: Index) -> ReducedDate | None:
    """The latest date of any fact (event, statement, tie, role): the date the reference is current to."""
    dates = [event.date for event in index.events.values()]
    dates += [statement.date for statement in index.statements.values() if statement.date]
    records: list[Relation | Membership] = [*index.relations.values(), *index.dataset.memberships]
    for record in records:
        dates += [date for date in (record.start, record.end, record.as_of) if date]
    return max(dates, key=lambda date: (date.year, date.month or 0, date.day or 0), default=None)


def newest_events(index: Index, count: int) -> list[Event]:
    """The newest events, newest first, in timeline order (a qualified month among its days)."""
    return sorted(index.events.values(), key=event_sort_key, reverse=True)[:count]
