"""Ties and role changes on a time axis: when a tie or a membership role began or ended.

The same axis as the events chart (render/chart.py): only years with a change, each equally wide, a day
a dot, a month a short bar, a year a bar across it. Each row links to where the record is shown: the tie's
row on the relations page, or the organization's membership history.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model.records import Membership
from ..query import index as query
from ..query.relation_views import TieChange
from .chart import BREAK_WIDTH, layout_years, place_date
from .components import Draw
from .html import ROLE_LABELS, render_date, render_template
from .relations import label_of_relation

# The heading the organization pages give their membership history (docs/organizations/*.md).
HISTORY_ANCHOR = "members-over-time"


@dataclass(frozen=True)
class ChangeRow:
    """One change on the axis: its text, its link, and its mark's place in percent."""

    change: TieChange
    text: str
    url: str
    left: float
    width: float


def describe_change(change: TieChange, draw: Draw) -> str:
    """'Begins: Russia designates as terrorist Taliban' or 'Ends: Belarus, Observer in SCO'."""
    record = change.record
    prefix = "Begins" if change.begins else "Ends"
    if isinstance(record, Membership):
        organization = draw.index.organizations[record.organization]
        status = f" ({record.status})" if record.status else ""
        role = ROLE_LABELS.get(record.role, record.role)
        return (f"{prefix}: {query.name_of(draw.index, record.member)}, {role}{status} in "
                f"{organization.short_name or organization.name}")
    return (f"{prefix}: {query.name_of(draw.index, record.subject)} {label_of_relation(record.type)} "
            f"{query.name_of(draw.index, record.object)}")


def render_tie_timeline(changes: list[TieChange], draw: Draw, relations_url: str, *, chart_id: str = "ties") -> str:
    """The chart of these changes; empty when there are none."""
    panels = layout_years(change.date.year for change in changes)
    if not panels:
        return ""
    by_year = {panel.year: panel for panel in panels}
    rows = []
    for change in changes:
        left, width = place_date(change.date, by_year[change.date.year])
        record = change.record
        if isinstance(record, Membership):
            url = (draw.links.to_record(record.organization) or "") + f"#{HISTORY_ANCHOR}"
        else:
            url = f"{relations_url}#relation-{record.id}"
        text = describe_change(change, draw) + (" (disputed)" if record.disagreement else "")
        rows.append(ChangeRow(change, text, url, left, width))
    return render_template("tie-timeline.html", panels=panels, rows=rows, chart_id=chart_id,
                           break_width=BREAK_WIDTH, date=render_date)
