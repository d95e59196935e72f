"""Rows drawn in Python instead of templates: the entries that repeat on page after page.

An event appears on the page of every record that took part in it, a statement on its speakers' pages and
the pages it is about, and a source in the reference list of every page that cites it: at 1,000 actors
these rows are drawn about a million times per build. Through Jinja, its call and attribute machinery cost
more than the rows' own work (bench/README.md). These functions write the same HTML as the templates they
replaced, with every value from data escaped by escaped() (render/html.py) as the templates' autoescape did,
and finished as render_template finishes a template's output; the page-level structures stay templates.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

from ..model.records import Event, Source, Statement
from ..query.profile import EventReach
from .components import Draw
from .html import PARTICIPANT_ROLE_LABELS, escaped, finish_fragment, label_of_value, render_date
from .urls import PageLinks


def render_event_rows(reaches: Sequence[EventReach], record_id: str, draw: Draw, *, caption: str) -> str:
    """Events as compact table rows, newest first: date, event, how the record took part, sources."""
    rows = []
    for reach in reaches:
        event = reach.event
        if reach.through:
            took_part = f"through {draw.link(reach.through)}"
        else:
            # The record's first role among the participants; 'involved' when it took part through no role.
            role = next((taking.role for taking in event.participants if taking.actor == record_id), None)
            took_part = escaped(PARTICIPANT_ROLE_LABELS[role]) if role is not None else "involved"
        (opening,) = draw.parts_of("event row", event.id, functools.partial(_event_row_opening, event, draw))
        rows.append(f"{opening}<td>{took_part}</td>\n<td>{draw.cite(event.sources)}</td>\n</tr>\n")
    return finish_fragment(
        '<div class="table-scroll">\n<table class="event-rows sortable filterable">\n'
        f"<caption>{escaped(caption)}</caption>\n"
        '<thead><tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">Took part</th>'
        '<th scope="col" data-sort-method="none">Sources</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>")


def _event_row_opening(event: Event, draw: Draw) -> tuple[str]:
    """An event row's date and event cells, the same on every record page of a folder."""
    return (f'<tr data-event="{escaped(event.id)}">\n'
            f'<td data-sort="{escaped(event.date.iso())}">{render_date(event.date, event.date_qualifier)}</td>\n'
            f'<td><a href="{escaped(draw.event_url(event.id))}">{escaped(event.title)}</a> '
            f'<span class="event-kind">{escaped(label_of_value(event.kind))}</span></td>\n',)


def render_statement_rows(statements: Iterable[Statement], draw: Draw) -> str:
    """Statements as short entries: who, when, the words, the sources, a link to the full entry."""
    rows = []
    for statement in statements:
        opening, middle, closing = draw.parts_of("statement row", statement.id,
                                                 functools.partial(_statement_row_parts, statement, draw))
        rows.append(f"{opening}{draw.speakers(statement)}{middle}{draw.cite(statement.sources)}{closing}")
    return finish_fragment(f'<ol class="statement-rows">\n{"".join(rows)}</ol>')


def _statement_row_parts(statement: Statement, draw: Draw) -> tuple[str, str, str]:
    """A statement row around its speakers and its citations: the same on every record page of a folder."""
    words = f"<q>{escaped(statement.quote)}</q>" if statement.quote else escaped(statement.paraphrase or "")
    return (f'<li data-statement="{escaped(statement.id)}"><p><span class="speakers">',
            f"</span>, {render_date(statement.date, statement.date_qualifier)}: {words} ",
            f' <a class="entry-link" href="{escaped(draw.statement_url(statement.id))}">full entry</a></p></li>\n')


def describe_source(source: Source) -> tuple[str, str]:
    """(the source's title, quoted and linked, its publisher, series and date; its title) as HTML."""
    title = escaped(source.title)
    quoted = f'<a href="{escaped(source.url)}" rel="noopener">“{title}”</a>' if source.url else f"“{title}”"
    series = f" ({escaped(source.series)})" if source.series else ""
    return f"{quoted}, {escaped(source.publisher)}{series}, {render_date(source.date)}", title


def render_reference_list(links: PageLinks, sources: dict[str, Source],
                          page_of_source: Callable[[str], str] = lambda source_id: "sources",
                          described: dict[str, tuple[str, str]] | None = None) -> str:
    """The numbered list of sources cited on this page, each linking to its entry on the sources page.

    described: each source's description (describe_source) kept across the pages of one build: a source is
    listed on every page that cites it, and only its number, locators and link differ from page to page.
    """
    if not links.citations.numbers:
        return ""
    described = {} if described is None else described
    items = []
    # In number order: numbers are given in order of first citation, so the dict's order is theirs.
    for source_id, number in links.citations.numbers.items():
        description = described.get(source_id)
        if description is None:
            description = described[source_id] = describe_source(sources[source_id])
        text, title = description
        locators = links.citations.locators[source_id]
        cited_at = f"; cited here at {escaped('; '.join(locators))}" if locators else ""
        url = links.to_page(page_of_source(source_id), f"source-{source_id}")
        items.append(
            f'<li id="ref-{number}" value="{number}">{text}{cited_at}. '
            f'<a class="entry-link" href="{escaped(url)}" aria-label="Where else “{title}” is cited">'
            "Where else it is cited</a></li>\n")
    return finish_fragment(f'<ol class="references">\n{"".join(items)}</ol>')
