"""A record page's history: its members or roles, ties, events and statements, newest first, folded.

A record page must fit a few screens until a reader opens a folded part: each section shows what holds
today or the newest entries, with the rest folded below under a count. Every section starts with a
Markdown heading (so it reaches the table of contents) and carries its count in the heading.
"""
from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from ..model.records import Membership, Statement
from ..query import profile as query_profile
from ..query.index import statement_sort_key
from ..query.time import role_history
from .components import Draw, link_to_disagreement
from .html import ROLE_LABELS, render_template
from .relations import label_of_relation, render_period
from .rows import render_event_rows, render_statement_rows

# How many entries a section shows before folding the rest: the page's first screens stay readable.
VISIBLE_EVENTS = 8
VISIBLE_STATEMENTS = 4
VISIBLE_TIES = 8


def render_fold(summary: str, html: str, *, css_class: str = "fold") -> str:
    """A <details> block a reader opens; closed by default, so a long list costs one line of the page."""
    if not html.strip():
        return ""
    # str() first: adding a plain str to Markup would escape the HTML inside the fold.
    opening = str(Markup('<details class="{}"><summary>{}</summary>\n').format(css_class, summary))
    return opening + str(html) + "</details>\n"


def render_section(heading: str, body: str) -> str:
    """A Markdown heading (for the table of contents) followed by its HTML."""
    return f"## {heading}\n\n{body}\n"


def render_members_today(organization_id: str, draw: Draw) -> str:
    """One table of today's members, observers and partners: one row per member and role, status and dispute marked."""
    members = [m for m in query_profile.members_today(draw.index, organization_id) if m.role != "non-member"]
    rows = sorted(members, key=lambda m: (_role_rank(m.role), draw.index.actors[m.member].name
                                          if m.member in draw.index.actors else m.member))
    return render_template("members-today.html", rows=rows, rows_html=Markup(_render_member_rows(rows, draw)),
                           draw=draw, count=query_profile.count_members_today(draw.index, organization_id),
                           organization=draw.index.organizations[organization_id])


def _render_member_rows(rows: list[Membership], draw: Draw) -> str:
    """The rows of the members-today table: member, role (the leading state's noted), status, since, sources."""
    # In Python, not a template loop: these rows and those of _render_role_rows are drawn for every membership on
    # the pages of both sides, and Jinja's calls cost more than the rows. Values escaped as autoescape did.
    html = []
    for membership in rows:
        status = f' data-status="{escape(membership.status)}"' if membership.status else ""
        disputed = f' data-disagreement="{escape(membership.disagreement)}"' if membership.disagreement else ""
        role = "Member (leading state)" if membership.role == "leader" else escape(ROLE_LABELS[membership.role])
        html.append(f'<tr data-member="{escape(membership.member)}" data-role="{escape(membership.role)}"{status}'
                    f'{disputed}>\n<th scope="row">{draw.link(membership.member)}</th>\n<td>{role}</td>\n'
                    f"{_membership_cells(membership, draw)}</tr>\n")
    return "".join(html)


def _render_role_rows(rows: list[Membership], draw: Draw) -> str:
    """The rows of the roles-over-time table: organization, role, status, when, sources."""
    html = []
    for membership in rows:
        ended = ' class="tie-ended"' if membership.end else ""
        html.append(f'<tr data-organization="{escape(membership.organization)}"{ended}>\n'
                    f'<th scope="row">{draw.short_link(membership.organization)}</th>\n'
                    f"<td>{escape(ROLE_LABELS[membership.role])}</td>\n{_membership_cells(membership, draw)}</tr>\n")
    return "".join(html)


def _membership_cells(membership: Membership, draw: Draw) -> str:
    """The cells a membership row ends with: status (and the disputed mark), its period, its sources."""
    status = f"<strong>{escape(membership.status)}</strong>" if membership.status else ""
    if membership.disagreement:
        status += f"{' ' if membership.status else ''}({link_to_disagreement(membership, draw)})"
    return f"<td>{status}</td>\n<td>{render_period(membership)}</td>\n<td>{draw.cite(membership.sources)}</td>"


def _role_rank(role: str) -> int:
    order = ("leader", "member", "observer", "dialogue-partner", "partner", "participant", "invited-guest")
    return order.index(role) if role in order else len(order)


def render_roles_over_time(actor_id: str, draw: Draw) -> tuple[str, int]:
    """Every role the actor held in every organization, newest first; and how many there are."""
    records: list[Membership] = []
    for organization in sorted({m.organization for m in draw.index.memberships_by_member.get(actor_id, ())}):
        records += role_history(draw.index, actor_id, organization)
    records.sort(key=lambda m: query_profile.newest_first(m.end or m.start or m.as_of))
    if not records:
        return "", 0
    return render_template("roles-over-time.html", rows=records, rows_html=Markup(_render_role_rows(records, draw)),
                           draw=draw), len(records)


def render_events_section(record_id: str, draw: Draw) -> tuple[str, str] | None:
    """The record's events, newest first, as (heading, HTML): the newest few shown, the rest folded."""
    reaches = query_profile.events_reaching(draw.index, record_id)
    if not reaches:
        return None
    shown, rest = reaches[:VISIBLE_EVENTS], reaches[VISIBLE_EVENTS:]
    html = render_event_rows(shown, record_id, draw, caption=f"Newest events ({len(shown)} of {len(reaches)})")
    if rest:
        html += render_fold(f"Earlier events ({len(rest)})",
                            render_event_rows(rest, record_id, draw, caption=f"Earlier events ({len(rest)})"))
    html += render_template("event-download.html", draw=draw)
    return f"Events ({len(reaches)})", html


def render_statements_section(statements: Sequence[Statement], draw: Draw) -> tuple[str, str] | None:
    """Statements by or about the record, newest first, as (heading, HTML): the newest few shown, the rest folded."""
    if not statements:
        return None
    ordered = sorted(statements, key=statement_sort_key, reverse=True)
    ordered.sort(key=lambda s: s.date is None)  # undated last, after the newest-first dated ones
    shown, rest = ordered[:VISIBLE_STATEMENTS], ordered[VISIBLE_STATEMENTS:]
    html = render_statement_rows(shown, draw)
    if rest:
        html += render_fold(f"Earlier statements ({len(rest)})", render_statement_rows(rest, draw))
    return f"Statements ({len(ordered)})", html


def render_stance_table(object_id: str, draw: Draw) -> str:
    """States × (listed as terrorist, listing suspended, recognition, envoy accepted): each cell dated and cited."""
    rows = query_profile.build_stance_table(draw.index, object_id)
    if not rows:
        return ""
    return render_template("stance-table.html", rows=rows, columns=query_profile.STANCE_LABELS, draw=draw,
                           object_id=object_id, period=render_period, tie_label=label_of_relation)
