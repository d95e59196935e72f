"""Memberships in time: which records hold on a given day, which years the data speaks of, role histories.

A date keeps its source's precision, so a period is read generously at the start and strictly at the end:
'start: 2024-07' holds from the first of July, 'end: 2024' has ended by the last day of 2024. A record
with only 'as_of' is a report of that moment: it holds from then on until a newer record of the same member
and organization starts (the newest report wins), and nothing is claimed for the time before it.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable

from ..model.dates import ReducedDate
from ..model.records import MEMBERSHIP_ROLES, Membership
from .index import Index


def first_day(date: ReducedDate) -> ReducedDate:
    """The earliest day a date at its precision can mean: '2024-07' -> 2024-07-01."""
    return ReducedDate(date.year, date.month or 1, date.day or 1)


def last_day(date: ReducedDate) -> ReducedDate:
    """The latest day a date at its precision can mean: '2024' -> 2024-12-31."""
    month = date.month or 12
    return ReducedDate(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


def end_of_year(year: int) -> ReducedDate:
    """31 December of a year: the day each 'as of' tab describes."""
    return ReducedDate(year, 12, 31)


def _holds_by_period(membership: Membership, day: ReducedDate) -> bool:
    if membership.start and first_day(membership.start) > day:
        return False
    return not (membership.end and last_day(membership.end) <= day)


def select_memberships_as_of(memberships: Iterable[Membership], day: ReducedDate) -> list[Membership]:
    """The records that hold on `day`, in the given order (disputed accounts are all kept)."""
    memberships = list(memberships)
    starts_by_pair: dict[tuple[str, str], list[ReducedDate]] = defaultdict(list)
    for membership in memberships:
        if membership.start:
            starts_by_pair[(membership.member, membership.organization)].append(first_day(membership.start))
    held = []
    for membership in memberships:
        if membership.start or membership.end:
            if _holds_by_period(membership, day):
                held.append(membership)
        elif membership.as_of and first_day(membership.as_of) <= day:
            reported = last_day(membership.as_of)
            newer = starts_by_pair.get((membership.member, membership.organization), ())
            if not any(reported < start <= day for start in newer):
                held.append(membership)
    return held


def memberships_as_of_day(index: Index, organization_id: str | None, day: ReducedDate) -> list[Membership]:
    """An organization's records (or, with None, every record) that hold on `day`."""
    records = (index.dataset.memberships if organization_id is None
               else index.memberships_by_organization.get(organization_id, ()))
    return select_memberships_as_of(records, day)


def years_of_memberships(memberships: Iterable[Membership]) -> list[int]:
    """Every year a start, end or 'as of' date of these records falls in, ascending."""
    years = set()
    for membership in memberships:
        for date in (membership.start, membership.end, membership.as_of):
            if date is not None:
                years.add(date.year)
    return sorted(years)


def sort_history(memberships: Iterable[Membership]) -> list[Membership]:
    """A role history: by member, then by when each record begins (reports by their date), then role."""
    def key(membership: Membership) -> tuple:
        begins = membership.start or membership.as_of or membership.end
        return (membership.member, membership.organization, begins is None, begins or ReducedDate(1),
                MEMBERSHIP_ROLES.index(membership.role) if membership.role in MEMBERSHIP_ROLES else 99)
    return sorted(memberships, key=key)
