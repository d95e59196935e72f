"""Dates at the precision a source gives them: a year, a month or a day (ISO 8601 reduced precision)."""
from __future__ import annotations

import calendar
from dataclasses import dataclass

from .patterns import DATE_RE

MONTH_NAMES = tuple(calendar.month_name)  # index 1..12; locale-independent in the C locale
QUALIFIERS = ("early", "mid", "late")


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
    text = str(text).strip()
    if not DATE_RE.match(text):
        raise ValueError(f"'{text}' is not a date")
    parts = [int(part) for part in text.split("-")]
    year, month, day = parts + [0] * (3 - len(parts))
    # Year 0 does not exist in the calendar the sources use, and 0 means "no month" or "no day" here.
    if year == 0:
        raise ValueError(f"'{text}' has no year 0")
    if len(parts) > 1 and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month}")
    if len(parts) > 2:
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


