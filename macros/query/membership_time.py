"""Memberships in time for the views: the years a tab is given to, the day each tab describes, history order.

Which records hold at a date is the model's query (query/time.py: memberships_as_of), so the tabs, the
overlaps and the checks read periods alike.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model.dates import ReducedDate
from ..model.records import MEMBERSHIP_ROLES, Membership


def end_of_year(year: int) -> ReducedDate:
    """31 December of a year: the day each 'as of' tab describes."""
    return ReducedDate(year, 12, 31)


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
