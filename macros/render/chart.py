"""The timeline chart: events on a time axis, each drawn at the precision its source gives.

Plain HTML and CSS (no SVG text to size, no script): each row is a link to the event's entry on the
timeline page, with the date and title as real text and a mark placed by percentage on the axis.
A day is a dot, a month a short bar, a year a bar across the whole year. Years with no event are
left out and the gap is marked as a break, so a 2013 event does not squeeze 2023's months to nothing.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model.dates import ReducedDate
from ..model.records import Event
from .components import Draw
from .html import render_template

BREAK_WIDTH = 3.0  # percent of the axis given to each "years left out" break
# The axis is at least about 16rem wide (the chart's minimum width less the label column) and a year label about
# 2rem: a year is labelled only this far (in percent of the axis) from the last labelled one, so that labels never
# touch or wrap digit under digit when decades of years share the axis. Every year keeps its tick.
LABEL_SPACING = 12.5


@dataclass(frozen=True)
class YearPanel:
    """One year on the axis: where it starts and how wide it is, in percent of the axis."""

    year: int
    left: float
    width: float
    break_before: bool
    break_left: float = 0.0
    labelled: bool = True
    break_shown: bool = False  # the "years left out" mark before it: not where a year label runs over it


@dataclass(frozen=True)
class Mark:
    """One event on the axis: its precision, position and width (zero for a day) in percent."""

    event: Event
    precision: str
    left: float
    width: float


def layout_years(years: Iterable[int]) -> list[YearPanel]:
    """Equal panels for the years that have events; a break between years that are not consecutive."""
    years = sorted(set(years))
    if not years:
        return []
    breaks = sum(1 for previous, year in zip(years, years[1:], strict=False) if year != previous + 1)
    width = (100.0 - breaks * BREAK_WIDTH) / len(years)
    panels, left, last_label = [], 0.0, -LABEL_SPACING
    for number, year in enumerate(years):
        gap = number > 0 and year != years[number - 1] + 1
        left += BREAK_WIDTH if gap else 0.0
        break_shown = gap and left - BREAK_WIDTH - last_label >= LABEL_SPACING - 1e-9
        labelled = left - last_label >= LABEL_SPACING - 1e-9
        last_label = left if labelled else last_label
        panels.append(YearPanel(year, round(left, 3), round(width, 3), gap, round(left - BREAK_WIDTH, 3), labelled,
                                break_shown))
        left += width
    return panels


def place_date(date: ReducedDate, panel: YearPanel) -> tuple[float, float]:
    """(left, width) in percent for a date at its own precision inside its year's panel."""
    if date.precision == "year":
        return panel.left, panel.width
    if date.precision == "month":
        return round(panel.left + (date.month - 1) / 12 * panel.width, 3), round(panel.width / 12, 3)
    days_in_year = 366 if calendar.isleap(date.year) else 365
    day_of_year = sum(calendar.monthrange(date.year, month)[1] for month in range(1, date.month)) + date.day
    return round(panel.left + (day_of_year - 0.5) / days_in_year * panel.width, 3), 0.0


def place_events(events: Iterable[Event]) -> tuple[list[YearPanel], list[Mark]]:
    """The axis's panels and one mark per event, in the events' order."""
    events = list(events)
    panels = layout_years(event.date.year for event in events)
    by_year = {panel.year: panel for panel in panels}
    marks = []
    for event in events:
        left, width = place_date(event.date, by_year[event.date.year])
        marks.append(Mark(event, event.date.precision, left, width))
    return panels, marks


def render_timeline_chart(events: Iterable[Event], draw: Draw, *, chart_id: str = "all") -> str:
    """The chart for these events (empty when there are none: the event list says so already)."""
    panels, marks = place_events(events)
    if not marks:
        return ""
    return render_template("timeline-chart.html", panels=panels, chart_id=chart_id, break_width=BREAK_WIDTH,
                           rows_html=Markup("".join(_render_mark_row(mark, draw) for mark in marks)))


def _render_mark_row(mark: Mark, draw: Draw) -> str:
    """One event's row of the chart: a link to its entry, its date and title, its mark on the axis."""
    # In Python, not a template loop: a chart has a row per event, and Jinja's calls cost more than the row.
    # Every value from data is escaped, as autoescape did.
    event = mark.event
    width = f";width:{mark.width}%" if mark.width else ""
    return (f'<li class="tl-row" data-event="{escape(event.id)}" data-precision="{escape(mark.precision)}">'
            f'<a class="tl-link" href="{escape(draw.event_url(event.id))}"><span class="tl-label">'
            f"{draw.date(event.date, event.date_qualifier)} · {escape(event.title)}</span><span class=\"tl-track\">"
            f'<span class="tl-mark tl-{escape(mark.precision)}" style="left:{mark.left}%{width}" '
            f'title="{escape(mark.precision.capitalize())} precision: {escape(event.date)}"></span></span></a></li>\n')
