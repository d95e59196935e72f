"""Dates at the precision a source gives them: a year, a month or a day (ISO 8601 reduced precision)."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTH_NAMES = tuple(calendar.month_name)  # index 1..12; locale-independent in the C locale
QUALIFIERS = ("early", "mid", "late")
_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True, slots=True)
class ReducedDate:
    """A calendar date that knows its precision; ordering puts '2023' before '2023-01'."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year'."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The ISO 8601 form at its own precision, e.g. '2023-02'."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.iso()


def parse_reduced_date(text: str) -> ReducedDate:
    """Parse '2023', '2023-02' or '2023-02-14'; raise ValueError saying what is wrong."""
    match = _DATE_PATTERN.match(str(text).strip())
    if not match:
        raise ValueError(f"'{text}' is not a date")
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month}")
    if match.group(3):
        last_day = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last_day:
            raise ValueError(f"'{text}' is not a day: {MONTH_NAMES[month]} {year} has {last_day} days")
    return ReducedDate(year, month, day)


def format_reduced_date(date: ReducedDate, qualifier: str | None = None) -> str:
    """Render for readers: '14 February 2023', 'early February 2023', '2023'."""
    if date.precision == "day":
        text = f"{date.day} {MONTH_NAMES[date.month]} {date.year}"
    elif date.precision == "month":
        text = f"{MONTH_NAMES[date.month]} {date.year}"
    else:
        text = str(date.year)
    return f"{qualifier} {text}" if qualifier else text


def date_range_of(date: ReducedDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """First and last (year, month, day) that the reduced date covers; charts use it to draw spans."""
    if date.precision == "day":
        return (date.year, date.month, date.day), (date.year, date.month, date.day)
    if date.precision == "month":
        last = calendar.monthrange(date.year, date.month)[1]
        return (date.year, date.month, 1), (date.year, date.month, last)
    return (date.year, 1, 1), (date.year, 12, 31)
