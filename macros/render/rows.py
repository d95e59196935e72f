"""Rows drawn in Python instead of templates: the entries that repeat on page after page.

An event appears on the page of every record that took part in it, a statement on its speakers' pages and
the pages it is about, and a source in the reference list of every page that cites it: at 1,000 actors
these rows are drawn about a million times per build. Through Jinja, its call and attribute machinery cost
more than the rows' own work (bench/README.md). These functions write the same HTML as the templates they
replaced, with every value from data escaped by markupsafe as the templates' autoescape did; the page-level
structures around them stay templates.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from markupsafe import escape

from ..model.records import Source, Statement
from ..query.profile import EventReach
from .components import Draw
from .html import PARTICIPANT_ROLE_LABELS, label_of_value, render_date
from .urls import PageLinks

# As render_template does: a blank line inside data text would end the HTML block in Markdown.
_BLANK_LINES = re.compile(r"\n\s*\n")


def finish_fragment(html: str) -> str:
    """The fragment as render_template returns it: no blank lines, one newline at the end."""
    return _BLANK_LINES.sub("\n", html).strip() + "\n"


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
            took_part = escape(PARTICIPANT_ROLE_LABELS[role]) if role is not None else "involved"
        rows.append(
            f'<tr data-event="{escape(event.id)}">\n'
            f'<td data-sort="{escape(event.date.iso())}">{render_date(event.date, event.date_qualifier)}</td>\n'
            f'<td><a href="{escape(draw.event_url(event.id))}">{escape(event.title)}</a> '
            f'<span class="event-kind">{escape(label_of_value(event.kind))}</span></td>\n'
            f"<td>{took_part}</td>\n"
            f"<td>{draw.cite(event.sources)}</td>\n"
            "</tr>\n")
    return finish_fragment(
        '<div class="table-scroll">\n<table class="event-rows sortable filterable">\n'
        f"<caption>{escape(caption)}</caption>\n"
        '<thead><tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">Took part</th>'
        '<th scope="col" data-sort-method="none">Sources</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>")


def render_statement_rows(statements: Iterable[Statement], draw: Draw) -> str:
    """Statements as short entries: who, when, the words, the sources, a link to the full entry."""
    rows = []
    for statement in statements:
        words = (f"<q>{escape(statement.quote)}</q>" if statement.quote
                 else escape(statement.paraphrase or ""))
        rows.append(
            f'<li data-statement="{escape(statement.id)}"><p><span class="speakers">{draw.speakers(statement)}</span>, '
            f"{render_date(statement.date, statement.date_qualifier)}: {words} {draw.cite(statement.sources)} "
            f'<a class="entry-link" href="{escape(draw.statement_url(statement.id))}">full entry</a></p></li>\n')
    return finish_fragment(f'<ol class="statement-rows">\n{"".join(rows)}</ol>')


def render_reference_list(links: PageLinks, sources: dict[str, Source],
                          page_of_source: Callable[[str], str] = lambda source_id: "sources") -> str:
    """The numbered list of sources cited on this page, each linking to its entry on the sources page."""
    if not links.citations.numbers:
        return ""
    items = []
    for source_id, number in sorted(links.citations.numbers.items(), key=lambda item: item[1]):
        source, locators = sources[source_id], links.citations.locators[source_id]
        url = links.to_page(page_of_source(source_id), f"source-{source_id}")
        title = escape(source.title)
        quoted = f'<a href="{escape(source.url)}" rel="noopener">“{title}”</a>' if source.url else f"“{title}”"
        series = f" ({escape(source.series)})" if source.series else ""
        cited_at = f"; cited here at {escape('; '.join(locators))}" if locators else ""
        items.append(
            f'<li id="ref-{number}" value="{number}">{quoted}, {escape(source.publisher)}{series}, '
            f"{render_date(source.date)}{cited_at}. "
            f'<a class="entry-link" href="{escape(url)}" aria-label="Where else “{title}” is cited">'
            "Where else it is cited</a></li>\n")
    return finish_fragment(f'<ol class="references">\n{"".join(items)}</ol>')
