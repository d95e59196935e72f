"""Time queries: who held which role at a date, when things change, role histories, ties, disputed records.

Every function takes the index (fast: its lookup tables) or a bare dataset (for tests and scripts), and
reads periods as macros/model/periods.py defines them. A record with only `as_of` is a report of one
moment: at a later date it still speaks for its member, as long as it is the newest report of that
member in that organization and no dated record of theirs begins or ends in between. Records marking
one disagreement are all kept: they are accounts side by side, not versions where the newest wins.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model.dataset import Dataset
from ..model.dates import ReducedDate
from ..model.periods import first_day, last_day, period_covers, period_of
from ..model.records import Membership, Relation
from .index import Index

Data = Index | Dataset


def _dataset(data: Data) -> Dataset:
    return data.dataset if isinstance(data, Index) else data


def _memberships_in(data: Data, organization_id: str) -> list[Membership]:
    if isinstance(data, Index):
        return list(data.memberships_by_organization.get(organization_id, ()))
    return [m for m in data.memberships if m.organization == organization_id]


def _is_dated(record: Membership | Relation) -> bool:
    """Whether a record states a period (start or end), not only a report date."""
    return record.start is not None or record.end is not None


def _begins(record: Membership | Relation) -> tuple:
    """Sort key: when a record begins (undated first: it holds at every time), then when it ends."""
    period = period_of(record)
    lower = first_day(period.lower) if period.lower else None
    upper = last_day(period.upper) if period.upper else None
    return (lower is not None, lower or ReducedDate(1), upper is None, upper or ReducedDate(1))


def _first(date: ReducedDate) -> tuple[int, int, int]:
    """The earliest day a date can mean, as a tuple: comparisons without building dates (measured hot)."""
    return (date.year, date.month or 1, date.day or 1)


def _last(date: ReducedDate) -> tuple[int, int, int]:
    """The latest day a date can mean, as a tuple; 31 orders like the month's true last day against real days."""
    return (date.year, date.month or 12, date.day or 31)


def select_as_of(records: Iterable[Membership], date: ReducedDate) -> list[Membership]:
    """Of one organization's records, those that describe it at `date` (see the module docstring), in data order."""
    records = list(records)
    first, last = _first(date), _last(date)
    held: set[int] = set()
    reports: dict[str, list[Membership]] = {}
    bounds: dict[str, list[tuple[int, int, int]]] = {}
    for record in records:
        if record.start is None and record.end is None and record.as_of is not None:
            if _first(record.as_of) <= last:
                reports.setdefault(record.member, []).append(record)
            continue
        # A dated (or undated) record holds when its period shares a day with the date (periods.period_covers).
        lower = record.start or record.as_of
        if (lower is None or _first(lower) <= last) and (record.end is None or _last(record.end) >= first):
            held.add(id(record))
        member_bounds = bounds.setdefault(record.member, [])
        member_bounds += [_first(bound) for bound in (record.start, record.end) if bound is not None]
    for member, candidates in reports.items():
        newest = max(_first(record.as_of) for record in candidates if record.as_of)
        kept = [record for record in candidates if record.as_of and _first(record.as_of) == newest]
        disputes = {record.disagreement for record in kept if record.disagreement}
        # A start or end stated after the report and by the date supersedes it.
        if any(newest < bound <= last for bound in bounds.get(member, ())):
            continue
        held.update(id(record) for record in kept)
        held.update(id(record) for record in candidates if record.disagreement in disputes)
    return [record for record in records if id(record) in held]


def memberships_as_of(data: Data, organization_id: str, date: ReducedDate) -> list[Membership]:
    """An organization's memberships at a date (a year, month or day), in data order."""
    return select_as_of(_memberships_in(data, organization_id), date)


def current_members(index: Index, organization_id: str) -> list[Membership]:
    """An organization's records holding at the newest date in the data (all of them when it has no dates).

    Selected once per build: every actor page, the maps, the matrix and the organizations index ask again.
    """
    current = index.current_by_organization.get(organization_id)
    if current is None:
        records = list(index.memberships_by_organization.get(organization_id, ()))
        as_of = index.newest_membership_date
        current = select_as_of(records, as_of) if as_of is not None else records
        index.current_by_organization[organization_id] = current
    return list(current)


def role_history(data: Data, member_id: str, organization_id: str) -> list[Membership]:
    """One member's records in one organization, by when each begins: its roles over time."""
    if isinstance(data, Index):
        records = [m for m in data.memberships_by_member.get(member_id, ()) if m.organization == organization_id]
    else:
        records = [m for m in data.memberships if m.member == member_id and m.organization == organization_id]
    return sorted(records, key=_begins)


def relations_of(data: Data, record_id: str) -> list[Relation]:
    """The ties a record holds (subject) or is the object of, by when each begins, then type and id."""
    if isinstance(data, Index):
        relations = list(data.relations_by_record.get(record_id, ()))
    else:
        relations = [r for r in data.relations if record_id in (r.subject, r.object)]
    return sorted(relations, key=lambda relation: (_begins(relation), relation.type, relation.id))


def relations_as_of(data: Data, record_id: str, date: ReducedDate) -> list[Relation]:
    """A record's ties whose period covers the date (reports only at their own date), sorted as relations_of."""
    return [relation for relation in relations_of(data, record_id) if period_covers(period_of(relation), date)]


def records_in_disagreement(data: Data, disagreement_id: str) -> list[Membership | Relation]:
    """The memberships, then relations, that are accounts of one disagreement, in data order."""
    if isinstance(data, Index):
        return list(data.records_by_disagreement.get(disagreement_id, ()))
    dataset = _dataset(data)
    records: list[Membership | Relation] = [m for m in dataset.memberships if m.disagreement == disagreement_id]
    return records + [r for r in dataset.relations if r.disagreement == disagreement_id]


def years_in_data(data: Data, record_id: str | None = None) -> list[int]:
    """The years at which a membership or relation begins, ends or is reported, ascending.

    With a record_id: only the records it takes part in (as member, organization, subject or object).
    """
    records: list[Membership | Relation]
    if record_id is None:
        dataset = _dataset(data)
        records = [*dataset.memberships, *dataset.relations]
    elif isinstance(data, Index):  # the index's lookups: a page per record stays linear overall
        records = [*data.memberships_by_member.get(record_id, ()),
                   *data.memberships_by_organization.get(record_id, ()),
                   *data.relations_by_record.get(record_id, ())]
    else:
        records = [m for m in data.memberships if record_id in (m.member, m.organization)]
        records += [r for r in data.relations if record_id in (r.subject, r.object)]
    return sorted({date.year for record in records for date in (record.start, record.end, record.as_of) if date})
