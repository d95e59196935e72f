"""Membership in time: members as of each year's end (content tabs, no script), the role history table and
a chart of roles over time; the membership matrix as of each year.

The tabs are the markup of pymdownx.tabbed's alternate style, written directly: generated HTML is put in
after Markdown has run, and Material's CSS switches the tabs with radio buttons, without JavaScript.
Material styles at most 20 tabs in a set, so only the newest years get a tab; the history lists all.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator

from markupsafe import Markup, escape

from ..model.dates import ReducedDate
from ..model.periods import first_day, last_day
from ..model.records import MEMBERSHIP_ROLES, Membership
from ..query.membership_time import end_of_year, sort_history, years_of_memberships
from ..query.overlaps import MATRIX_ORGANIZATION_LIMIT
from ..query.time import select_as_of
from .components import Draw
from .html import ROLE_LABELS, finish_fragment, render_template
from .overviews import render_membership_matrix
from .relations import render_disputed_mark, render_period

TAB_LIMIT = 20  # Material's CSS switches at most 20 tabs
TAB_ROW_BUDGET = 600  # rows of an organization's tabs together: a large membership gets its newest years
MATRIX_TAB_LIMIT = 6  # each tab repeats the whole matrix: the newest years only
MATRIX_CELL_BUDGET = 20_000  # cells of all the matrix's tabs together (a 1,000-actor matrix gets one tab)
# One fill per role: a colour (CSS, per colour scheme) and a texture, so roles differ without colour too.
ROLE_TEXTURES = {
    "leader": "solid", "member": "solid", "observer": "hatch", "dialogue-partner": "dots", "partner": "stripes",
    "participant": "columns", "invited-guest": "grid", "non-member": "outline",
}
TEXTURE_LABELS = {
    "solid": "solid", "hatch": "diagonal hatching", "dots": "dots", "stripes": "horizontal stripes",
    "columns": "vertical stripes", "grid": "grid", "outline": "outline only",
}
LABEL_WIDTH, AXIS_WIDTH, ROW_HEIGHT, TOP = 180, 600, 22, 26


def newest_day(memberships: list[Membership]) -> ReducedDate | None:
    """The latest day any date of these records can mean: open periods are drawn up to it."""
    days = [last_day(date) for m in memberships for date in (m.start, m.end, m.as_of) if date is not None]
    return max(days) if days else None


def select_all_as_of(memberships: list[Membership], day: ReducedDate) -> list[Membership]:
    """Records of any organizations holding on `day` (the model's query, organization by organization)."""
    by_organization: dict[str, list[Membership]] = defaultdict(list)
    for membership in memberships:
        by_organization[membership.organization].append(membership)
    held = {id(m) for records in by_organization.values() for m in select_as_of(records, day)}
    return [membership for membership in memberships if id(membership) in held]


@dataclasses.dataclass(frozen=True)
class YearSpan:
    """Years in the data whose year-end states are the same, newest last: one tab."""

    years: tuple[int, ...]

    @property
    def first(self) -> int:
        """The oldest year of the span."""
        return self.years[0]

    @property
    def last(self) -> int:
        """The newest year: the tab's id."""
        return self.years[-1]

    @property
    def label(self) -> str:
        """'2025' or '2019–2021'."""
        return str(self.last) if self.first == self.last else f"{self.first}–{self.last}"


def build_tabs(memberships: list[Membership], limit: int = TAB_LIMIT,
               row_budget: int | None = None) -> tuple[list[tuple[YearSpan, list]], bool]:
    """(years, records holding on 31 December of each), newest first; and whether years were left out.

    Consecutive years of the data with the same records at their ends share a tab: a reader finds every
    year, and a long stable membership does not repeat its list year after year. With a row budget, the
    newest tabs whose rows fit in it (at least one): each tab repeats the list.
    """
    tabs: list[tuple[YearSpan, list]] = []
    rows = 0
    # Years are read newest first only until a tab is left out: a 1,000-actor matrix shows one tab of its
    # thirty years, and each year read is a selection over every membership.
    for years, held in _year_end_spans(memberships):
        rows += len(held)
        if len(tabs) == limit or (tabs and row_budget is not None and rows > row_budget):
            return tabs, True
        tabs.append((YearSpan(tuple(years)), held))
    return tabs, False


def _year_end_spans(memberships: list[Membership]) -> Iterator[tuple[list[int], list[Membership]]]:
    """Runs of consecutive years with the same records at their ends, newest first, each whole when given."""
    span: tuple[list[int], list[Membership]] | None = None
    for year in reversed(years_of_memberships(memberships)):
        # A state a source names as not a member held no role then: the year's list leaves it out.
        held = [m for m in select_all_as_of(memberships, end_of_year(year)) if m.role != "non-member"]
        if span is not None and [id(m) for m in span[1]] == [id(m) for m in held]:
            span[0].insert(0, year)
            continue
        if span is not None:
            yield span
        span = ([year], held)
    if span is not None:
        yield span


# ---------------------------------------------------------------- the chart of roles over time

@dataclasses.dataclass(frozen=True)
class Bar:
    """One membership record on the chart: a bar for a period, a diamond for a report at one date."""

    membership: Membership
    row: int
    x: float
    width: float
    open_end: bool
    title: str


def _position(day: ReducedDate, first_year: int, years: int) -> float:
    fraction = (day.year - first_year + (day.month - 1) / 12 + (day.day - 1) / 372) / years
    return round(LABEL_WIDTH + fraction * AXIS_WIDTH, 1)


def place_bars(history: list[Membership], column: str, names: dict[str, str]) -> tuple[list[Bar], list[str], int, int]:
    """Bars by row (one row per member or organization, in history order), the rows, first year, year count."""
    newest = newest_day(history)
    dated = [m for m in history if m.start or m.end or m.as_of]
    if newest is None or not dated:
        return [], [], 0, 0
    first_year = min(first_day(d).year for m in dated for d in (m.start, m.end, m.as_of) if d is not None)
    years = newest.year - first_year + 1
    rows: list[str] = []
    bars = []
    for membership in dated:
        key = getattr(membership, column)
        if key not in rows:
            rows.append(key)
        begins = first_day(membership.start or membership.as_of or membership.end)  # type: ignore[arg-type]
        if membership.start or membership.end:
            ends = last_day(membership.end) if membership.end else newest
            x = _position(begins if membership.start else first_day(ReducedDate(first_year)), first_year, years)
            width = max(round(_position(ends, first_year, years) + AXIS_WIDTH / years / 372 - x, 1), 3.0)
        else:
            x, width = _position(begins, first_year, years), 0.0
        title = (f"{names[key]}: {ROLE_LABELS.get(membership.role, membership.role)}"
                 f"{', ' + membership.status if membership.status else ''}, "
                 f"{Markup(render_period(membership)).striptags()}{' (disputed)' if membership.disagreement else ''}")
        bars.append(Bar(membership, rows.index(key), x, width, bool(membership.start and not membership.end), title))
    return bars, rows, first_year, years


def render_role_chart(history: list[Membership], draw: Draw, *, column: str, chart_id: str, subject: str) -> str:
    """SVG bars per member, one texture per role, frozen or suspended hatched over; empty without dates."""
    names = {getattr(m, column): _name(draw, getattr(m, column)) for m in history}
    bars, rows, first_year, years = place_bars(history, column, names)
    if not bars:
        return ""
    step = max(1, (years + 11) // 12)  # at most about twelve year labels on the axis
    ticks = [(year, _position(ReducedDate(year, 1, 1), first_year, years))
             for year in range(first_year, first_year + years) if (year - first_year) % step == 0]
    roles = [role for role in MEMBERSHIP_ROLES if any(bar.membership.role == role for bar in bars)]
    statuses = sorted({bar.membership.status for bar in bars if bar.membership.status})
    return render_template("role-chart.html", bars=bars, rows=[(key, names[key]) for key in rows], ticks=ticks,
                           chart_id=chart_id, subject=subject, width=LABEL_WIDTH + AXIS_WIDTH + 20,
                           height=TOP + ROW_HEIGHT * len(rows) + 8, row_height=ROW_HEIGHT, top=TOP,
                           label_width=LABEL_WIDTH, axis_end=LABEL_WIDTH + AXIS_WIDTH, roles=roles,
                           statuses=statuses, textures=ROLE_TEXTURES, texture_labels=TEXTURE_LABELS,
                           role_labels=ROLE_LABELS, first_year=first_year, last_year=first_year + years - 1)


def _name(draw: Draw, record_id: str) -> str:
    """An organization's short name (the chart's label column is narrow), else the record's name."""
    organization = draw.index.organizations.get(record_id)
    if organization:
        return organization.short_name or organization.name
    actor = draw.index.actors.get(record_id)
    return actor.name if actor else record_id


# ---------------------------------------------------------------- the views

def render_membership_history(record_id: str, draw: Draw) -> tuple[str, list[Membership]]:
    """For an organization, its members; for an actor, its organizations: as-of tabs, history and chart."""
    index = draw.index
    is_organization = record_id in index.organizations
    memberships = list((index.memberships_by_organization if is_organization
                        else index.memberships_by_member).get(record_id, ()))
    column, column_label = ("member", "Member") if is_organization else ("organization", "Organization")
    record = index.organizations.get(record_id) or index.actors[record_id]
    history = sort_history(memberships) if is_organization else sorted(
        sort_history(memberships), key=lambda m: m.organization)
    tabs, left_out = index.kept_results.get_or_make(
        ("year-end tabs", record_id), memberships,
        lambda: build_tabs(memberships, row_budget=TAB_ROW_BUDGET)) if is_organization else ([], False)
    # A record held in many years is the same row in each tab: rendered once, its citations numbered once.
    rows: dict[int, Markup] = {}
    for _, held in tabs:
        for membership in held:
            if id(membership) not in rows:
                rows[id(membership)] = _render_as_of_row(membership, column, draw)
    tab_rows = [(span, [rows[id(membership)] for membership in held]) for span, held in tabs]
    label = getattr(record, "short_name", None) or record.name
    chart = render_role_chart(history, draw, column=column, chart_id=record_id, subject=label)
    html = render_template("membership-history.html", record=record, record_label=label, tabs=tab_rows,
                           left_out=left_out, history=history, column_label=column_label, chart=Markup(chart),
                           history_rows=Markup(_render_history_rows(history, column, draw)))
    return html, history


def _render_as_of_row(membership: Membership, column: str, draw: Draw) -> Markup:
    """One row of an as-of tab: the member (or organization), role, status, period and sources."""
    # In Python, not a template: an organization's tabs hold hundreds of rows, and Jinja's calls cost more than
    # the row. Every value from data is escaped, as autoescape did; finish_fragment as render_template did.
    return Markup(finish_fragment(
        f"{_row_opening(membership, column, draw)}<td>{render_period(membership)}</td>\n"
        f"<td>{draw.cite(membership.sources)}</td>\n</tr>").strip())


def _render_history_rows(history: list[Membership], column: str, draw: Draw) -> str:
    """The rows of the role history table: who, role, status, from, to, as of (with the events that began and
    ended a period), note and sources."""
    rows = []
    for membership in history:
        started = f" ({draw.event_link(membership.started_by)})" if membership.started_by in draw.index.events else ""
        ended = f" ({draw.event_link(membership.ended_by)})" if membership.ended_by in draw.index.events else ""
        rows.append(f"{_row_opening(membership, column, draw)}"
                    f"<td>{draw.date(membership.start) if membership.start else '—'}{started}</td>\n"
                    f"<td>{draw.date(membership.end) if membership.end else '—'}{ended}</td>\n"
                    f"<td>{draw.date(membership.as_of) if membership.as_of else '—'}</td>\n"
                    f"<td>{escape(membership.note or '')}</td>\n"
                    f"<td>{draw.cite(membership.sources)}</td>\n</tr>\n")
    return "".join(rows)


def _row_opening(membership: Membership, column: str, draw: Draw) -> str:
    """A membership row's opening, the same in the as-of tabs and the role history: the row tag, the member (or
    organization), its role, its status with the disputed mark."""
    target = getattr(membership, column)
    status = f' data-status="{escape(membership.status)}"' if membership.status else ""
    mark = f" ({render_disputed_mark(membership)})" if membership.disagreement else ""
    return (f'<tr data-{escape(column)}="{escape(target)}" data-role="{escape(membership.role)}"{status}>\n'
            f'<th scope="row">{draw.short_link(target)}</th>\n'
            f"<td>{escape(draw.role[membership.role])}</td>\n"
            f"<td>{escape(membership.status or '')}{mark}</td>\n")


def render_membership_matrix_as_of(draw: Draw) -> tuple[str, list[Membership]]:
    """The membership matrix as of the end of each of the newest years in the data, one tab each."""
    index = draw.index
    memberships = list(index.dataset.memberships)
    # Each tab repeats the whole matrix: on a large dataset only as many as the cell budget allows.
    cells = len({m.member for m in memberships}) * min(len(index.organizations), MATRIX_ORGANIZATION_LIMIT)
    limit = max(1, min(MATRIX_TAB_LIMIT, MATRIX_CELL_BUDGET // max(cells, 1)))
    # Every year's end, over every membership: kept while the memberships are the same (query/kept_results.py).
    tabs, left_out = index.kept_results.get_or_make(("year-end tabs", None, limit), memberships,
                                                    lambda: build_tabs(memberships, limit))
    matrices = []
    for span, held in tabs:
        by_member: dict[str, list[Membership]] = defaultdict(list)
        by_organization: dict[str, list[Membership]] = defaultdict(list)
        for membership in held:
            # Held on that day, so not yet ended as of it: the overlaps count only records without an end.
            current = dataclasses.replace(membership, end=None) if membership.end else membership
            by_member[membership.member].append(current)
            by_organization[membership.organization].append(current)
        as_of = dataclasses.replace(index, memberships_by_member=by_member, memberships_by_organization=by_organization)
        html = render_membership_matrix(Draw(as_of, draw.links, draw.year_pages))
        # The matrix of all records keeps its classes (and the checks made on them); these are per-year copies.
        html = html.replace('class="membership-matrix"', 'class="membership-matrix-as-of"')
        html = html.replace('class="matrix-overlaps"', 'class="matrix-overlaps-as-of"')
        matrices.append((span, Markup(html)))
    html = render_template("matrix-tabs.html", matrices=matrices, left_out=left_out)
    return html, [m for _, held in tabs for m in held]
