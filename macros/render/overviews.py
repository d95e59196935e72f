"""Overview components: the timeline, the membership matrix, indexes of records, the sources list."""
from __future__ import annotations

from itertools import groupby

from markupsafe import escape

from ..model.dataset import label_of_membership, split_membership_label
from ..model.dates import format_reduced_date
from ..model.records import ACTOR_TYPES, KINDS, Membership, Source
from ..query import index as query
from ..query import overlaps
from ..query.profile import MEMBER_ROLES, count_members_today
from ..query.time import current_members
from .components import Draw, link_to_disagreement
from .entries import render_event_list
from .html import finish_fragment, render_template
from .relations import label_of_relation

# The id of the "All organizations" heading of docs/organizations/index.md, above the matrix: when the
# matrix shows only some organizations, it points readers there for the full list.
ORGANIZATION_INDEX_ANCHOR = "all-organizations"


def render_timeline(draw: Draw, events: list | None = None) -> tuple[str, list[tuple[int, int, str]]]:
    """These events (default: all) by year, newest first: the jump list of years, and (year, count, HTML) each."""
    # Newest first: a reader comes for what happened lately; the jump list reaches any year.
    ordered = sorted(query.all_events(draw.index) if events is None else events, key=query.event_sort_key,
                     reverse=True)
    sections = []
    for year, year_events in groupby(ordered, key=lambda event: event.date.year):
        listed = list(year_events)
        sections.append((year, len(listed), render_event_list(listed, draw, anchors=True, heading_level=3)))
    jump = render_template("timeline.html", sections=sections, draw=draw)
    return jump, sections


def render_membership_matrix(draw: Draw) -> str:
    """Actors × organizations with the role in each cell, grouped by the exact combination they belong to.

    Beyond overlaps.MATRIX_ORGANIZATION_LIMIT organizations it shows only the largest, and says so.
    """
    index = draw.index
    members = overlaps.find_members_by_organization(index)
    shown = overlaps.choose_matrix_organizations(index, members)
    as_of = index.newest_membership_date
    # A cell holds the records standing on the newest date, not every record of a role history: the
    # organization's page has the history.
    held = {id(m) for organization_id in shown for m in current_members(index, organization_id)}
    groups = []
    for combination, member_ids in overlaps.group_by_combination(index, shown):
        rows = []
        for member_id in member_ids:
            cells: dict[str, list[Membership]] = {}
            for membership in index.memberships_by_member[member_id]:
                if id(membership) in held:
                    cells.setdefault(membership.organization, []).append(membership)
            rows.append((member_id, cells))
        groups.append((combination, rows))
    limited = len(shown) < len(index.organizations)
    return render_template("matrix.html", organizations=[index.organizations[o] for o in shown], groups=groups,
                           overlaps=overlaps.find_pairwise_overlaps(index, shown, members),
                           in_none=overlaps.find_unaffiliated_states(index, members), draw=draw,
                           limited=limited, total=len(index.organizations), disputed=link_to_disagreement,
                           as_of=format_reduced_date(as_of) if as_of else "",
                           # The organizations index table on the same page lists every organization.
                           index_url=draw.links.to_page("organizations", ORGANIZATION_INDEX_ANCHOR) if limited else "")


def render_organization_index(draw: Draw) -> str:
    """A table of every organization with its kind, leader and member counts."""
    rows = []
    for organization in draw.index.organizations.values():
        # Members as of the newest date, each once, like the organization's own membership table.
        memberships = current_members(draw.index, organization.id)
        # One count of members everywhere (the leading state counted like the others): query/profile.py's.
        others = {m.member for m in memberships if m.role not in MEMBER_ROLES and m.role != "non-member"}
        rows.append((organization, {"members": count_members_today(draw.index, organization.id),
                                    "others": len(others)}))
    as_of = draw.index.newest_membership_date
    return render_template("organization-index.html", rows=rows, draw=draw,
                           as_of=format_reduced_date(as_of) if as_of else "")


def render_actor_index(draw: Draw) -> str:
    """Every actor grouped by type, with aliases and counts of memberships and events."""
    groups = []
    for actor_type in ACTOR_TYPES:
        actors = sorted((a for a in draw.index.actors.values() if a.type == actor_type), key=lambda a: a.name)
        if actors:
            groups.append((actor_type, actors))
    return render_template("actor-index.html", groups=groups, draw=draw,
                           memberships=draw.index.memberships_by_member, events=draw.index.events_by_record)


def render_source_list(draw: Draw, sources: list | None = None) -> str:
    """These sources (default: every one) with their details and where each is cited across the site."""
    entries = []
    for source in draw.index.sources.values() if sources is None else sources:
        cited_by = [(kind, _display_name(draw, kind, label), _url_of_citing_record(draw, kind, label))
                    for kind, label in draw.index.citing_records.get(source.id, ())]
        entries.append(_render_source_entry(source, cited_by, draw))
    return finish_fragment(f'<ol class="source-list filterable">\n{"".join(entries)}</ol>')


def _render_source_entry(source: Source, cited_by: list[tuple[str, str, str | None]], draw: Draw) -> str:
    """One source: title, publisher, series, date, author, kind, address, summary, and the records citing it."""
    # In Python, not a template: the sources pages list every source with every record citing it, and Jinja's
    # calls cost more than the entry. Every value from data is escaped, as autoescape did.
    series = f" ({escape(source.series)})" if source.series else ""
    author = f", by {escape(source.author)}" if source.author else ""
    address = f' · <a href="{escape(source.url)}" rel="noopener">{escape(source.url)}</a>' if source.url else ""
    summary = draw.paragraphs(source.summary) if source.summary else ""
    citing = "".join(f'<li>{escape(kind)}: <a href="{escape(url)}">{escape(label)}</a></li>' if url
                     else f"<li>{escape(kind)}: {escape(label)}</li>" for kind, label, url in cited_by)
    return (f'<li id="source-{escape(source.id)}" class="source">\n'
            f'<p class="source-title"><cite>{escape(source.title)}</cite>, {escape(source.publisher)}{series}, '
            f'{draw.date(source.date)}{author}. <span class="source-kind">{escape(draw.label(source.kind))}</span>'
            f"{address}</p>\n{summary}"
            f'<details class="cited-by" data-search-exclude="cited-by"><summary>Cited by {len(cited_by)} records'
            f"</summary>\n<ul>\n{citing}</ul>\n</details>\n</li>\n")


def _display_name(draw: Draw, kind: str, label: str) -> str:
    """A reader's name for a citing record: a name, an event title, a statement's speakers and date, a tie in
    words ('Russia designates as terrorist Taliban'), a disagreement's question."""
    if kind in ("actor", "organization"):
        return query.name_of(draw.index, label)
    if kind == "event":
        return draw.index.events[label].title
    if kind == "statement":
        statement = draw.index.statements[label]
        return draw.speaker_names(statement) + (f" ({statement.date})" if statement.date else "")
    if kind == "relation":
        relation = draw.index.relations[label]
        return " ".join((query.name_of(draw.index, relation.subject), label_of_relation(relation.type),
                         query.name_of(draw.index, relation.object)))
    if kind == "disagreement":
        return draw.index.disagreements[label].question
    member, organization = split_membership_label(label)
    return label_of_membership(query.name_of(draw.index, member), query.name_of(draw.index, organization))


def _url_of_citing_record(draw: Draw, kind: str, label: str) -> str | None:
    """Where a citing record is shown: its page, its entry on the timeline or statements page, a tie's row
    on the relations page, a disagreement's block on the disagreements page."""
    if kind in ("actor", "organization"):
        return draw.links.to_record(label)
    if kind == "event":
        return draw.event_url(label)
    if kind == "statement":
        return draw.statement_url(label)
    if kind == "relation":  # its row on the relations page, else the ties on its subject's page
        if "relations" in draw.links.page_urls:
            return draw.links.to_page("relations", f"relation-{label}")
        return draw.links.to_record(draw.index.relations[label].subject)
    if kind == "disagreement":  # its block on the disagreements page; no other page is sure to show it
        return draw.links.to_page("disagreements", f"disagreement-{label}") if (
            "disagreements" in draw.links.page_urls) else None
    return draw.links.to_record(split_membership_label(label)[1])  # a membership: its organization's page


def render_data_summary(draw: Draw) -> str:
    """Record counts per kind, with each kind's fields."""
    dataset = draw.index.dataset
    rows = [(kind, len(getattr(dataset, kind.name))) for kind in KINDS.values()]
    return render_template("data-summary.html", rows=rows)
