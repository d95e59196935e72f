"""Periods of dated records (memberships, relations): when each holds, and whether two overlap.

A record's period runs from its `start` (or, without one, its `as_of`) to its `end` (or, with neither
`end` nor `start`, its `as_of`): a record with only `as_of` is a report of one point in time, and a
record with a `start` and no `end` is open towards the future. A record with no dates at all holds at
every time (the source states it without a date). Dates keep their precision: `2024-07` means any
day of July 2024, so a bound is read as the whole span it names.

Two periods that only meet where one's `end` is the other's beginning, at the precision they share
(observer until 2024-07, member from 2024-07), are a handover, not an overlap. Two reports at the
same date (`as_of` both) do overlap: they speak of the same moment.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Any

from .dates import ReducedDate


@dataclass(frozen=True, slots=True)
class Period:
    """When a record holds: first and last day (None: unbounded), and whether the last is an explicit end."""

    lower: ReducedDate | None
    upper: ReducedDate | None
    ends_explicitly: bool  # the upper bound is an `end`, not a reported `as_of`

    @property
    def is_point(self) -> bool:
        """A report of one moment (only `as_of`)."""
        return self.lower is not None and self.lower == self.upper and not self.ends_explicitly


def first_day(date: ReducedDate) -> ReducedDate:
    """The earliest day a date at its precision can mean: '2024-07' -> 2024-07-01."""
    return ReducedDate(date.year, date.month or 1, date.day or 1)


def last_day(date: ReducedDate) -> ReducedDate:
    """The latest day a date at its precision can mean: '2024' -> 2024-12-31."""
    month = date.month or 12
    return ReducedDate(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


def same_at_shared_precision(first: ReducedDate, second: ReducedDate) -> bool:
    """Whether two dates name the same time at the coarser of their precisions: '2024' and '2024-07' do."""
    length = min(len(first.iso()), len(second.iso()))
    return first.iso()[:length] == second.iso()[:length]


def ends_before_start(start: ReducedDate | None, end: ReducedDate | None) -> bool:
    """True when an end date lies before its start date (compared at their common precision)."""
    if not start or not end:
        return False
    return end.iso() < start.iso()[: len(end.iso())]


def period_of(record: Any) -> Period:
    """The period of a record with optional as_of, start and end (see the module's docstring)."""
    lower = record.start or record.as_of
    if record.end is not None:
        return Period(lower, record.end, True)
    return Period(lower, None if record.start else record.as_of, False)


def _meets(earlier: Period, later: Period) -> bool:
    """Whether `earlier` ends explicitly where `later` begins (a handover, not an overlap)."""
    return (earlier.ends_explicitly and earlier.upper is not None and later.lower is not None
            and same_at_shared_precision(earlier.upper, later.lower))


def periods_overlap(first: Period, second: Period) -> bool:
    """Whether two periods share a day, a handover at their meeting date excepted."""
    if _meets(first, second) or _meets(second, first):
        return False
    if first.upper is not None and second.lower is not None and last_day(first.upper) < first_day(second.lower):
        return False
    return not (second.upper is not None and first.lower is not None
                and last_day(second.upper) < first_day(first.lower))


def period_covers(period: Period, date: ReducedDate) -> bool:
    """Whether the period shares a day with the date (a year, month or day)."""
    if period.lower is not None and last_day(date) < first_day(period.lower):
        return False
    return period.upper is None or not last_day(period.upper) < first_day(date)


def describe_period(record: Any) -> str:
    """A record's dates in a message: 'from 2010 to 2015', 'as of 2023-04', 'undated'."""
    if record.start or record.end:
        parts = ([f"from {record.start}"] if record.start else []) + ([f"to {record.end}"] if record.end else [])
        return " ".join(parts)
    return f"as of {record.as_of}" if record.as_of else "undated"
