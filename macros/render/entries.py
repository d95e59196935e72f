"""Full entries drawn in Python: events and statements with all they link to, and claims beside their replies.

The timeline and statement pages list every event and statement, and each claim appears on the pages of
everyone it involves: tens of thousands of entries per build at 1,000 actors, where Jinja's call and
attribute machinery cost more than the entries' own work (bench/README.md). These functions write the HTML
the templates wrote, every value from data escaped by escaped() as the templates' autoescape did. As in
rows.py, parts that sat on one template line stay on one line: a blank line would end Markdown's HTML block.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from ..model.records import Event, Statement
from ..query.claims import ClaimPair
from .components import Draw
from .html import escaped, finish_fragment, render_template


def _event_entry(event: Event, draw: Draw, focus: str | None, anchors: bool, heading_level: int) -> str:
    """One event: date, kind and place; title; summary; participants; organizations; statements; sources."""
    title = escaped(event.title)
    heading = title if anchors else f'<a href="{escaped(draw.event_url(event.id))}">{title}</a>'
    place = f" · {escaped(event.place)}" if event.place else ""
    anchor = f' id="event-{escaped(event.id)}"' if anchors else ""
    parts = [
        f'<li class="event"{anchor} data-event="{escaped(event.id)}">\n'
        f'<p class="event-head">{draw.date(event.date, event.date_qualifier)} · '
        f'<span class="event-kind">{escaped(draw.label(event.kind))}</span>{place}</p>\n'
        f'<h{heading_level} class="event-title">{heading}</h{heading_level}>\n'
        f"{draw.paragraphs(event.summary)}\n"]
    if event.participants:
        parts.append('<ul class="participants" aria-label="Participants">\n')
        for participant in event.participants:
            note = f": {escaped(participant.note)}" if participant.note else ""
            focused = ' class="focus"' if participant.actor == focus else ""
            parts.append(
                f'<li data-role="{escaped(participant.role)}"{focused}>'
                f'{draw.link(participant.actor)} <span class="participant-role">'
                f"({escaped(draw.participant_role[participant.role])}{note})</span></li>\n")
        parts.append("</ul>\n")
    if event.organizations:
        links = ", ".join(draw.short_link(organization) for organization in event.organizations)
        parts.append(f'<p class="event-organizations">Organizations involved: {links}</p>')
    if event.part_of:
        parts.append(f'<p class="event-part-of">Part of: {draw.event_link(event.part_of)}</p>')
    statements = draw.index.statements_by_event.get(event.id) if anchors else None
    if statements:
        links = "; ".join(f'<a href="{escaped(draw.statement_url(statement.id))}">'
                          f"{escaped(draw.speaker_names(statement))}</a>" for statement in statements)
        parts.append(f'<p class="event-statements">Statements: {links}</p>')
    parts.append(f'<p class="event-sources">Sources: {draw.cite(event.sources)}</p>\n</li>\n')
    return "".join(parts)


def render_event_list(events: Iterable[Event], draw: Draw, *, focus: str | None = None,
                      anchors: bool = False, heading_level: int = 3) -> str:
    """Events chronologically; with anchors, each is a linkable entry (the timeline page)."""
    entries = [_event_entry(event, draw, focus, anchors, heading_level) for event in events]
    if not entries:
        return '<p class="empty">No events are recorded.</p>\n'
    download = "" if anchors else render_template("event-download.html", draw=draw)
    return finish_fragment(f'<ol class="event-list">\n{"".join(entries)}</ol>\n{download}')


def _statement_head(statement: Statement, draw: Draw) -> str:
    """Who, when, and at which event."""
    return f'<span class="speakers">{draw.speakers(statement)}{_after_speakers(statement, draw)}'


def _after_speakers(statement: Statement, draw: Draw) -> str:
    """What follows a statement's speakers in its head: when, and at which event; the head's end."""
    at = f" · at {draw.event_link(statement.event)}" if statement.event else ""
    return f"</span> · {draw.date(statement.date, statement.date_qualifier)}{at}</p>\n"


def _statement_words(statement: Statement) -> str:
    """The quote, and the paraphrase ('In substance: …' after a quote)."""
    quote = f'<blockquote class="quote"><p>“{escaped(statement.quote)}”</p></blockquote>' if statement.quote else ""
    if not statement.paraphrase:
        return quote
    lead = "In substance: " if statement.quote else ""
    return f'{quote}<p class="paraphrase">{lead}{escaped(statement.paraphrase)}</p>'


def _statement_reference(label: str, css_class: str, other: Statement, draw: Draw) -> str:
    """'Disputes: <who>, <when>', linking to the other statement's entry."""
    return (f'<p class="relation {css_class}">{label}: <a href="{escaped(draw.statement_url(other.id))}">'
            f"{escaped(draw.speaker_names(other))}, {draw.date(other.date, other.date_qualifier)}</a></p>")


def _statement_entry(statement: Statement, draw: Draw, anchors: bool) -> str:
    """One statement with what it disputes or answers, what replies to it, what it is about, its sources."""
    statements = draw.index.statements
    anchor = f' id="statement-{escaped(statement.id)}"' if anchors else ""
    parts = [f'<li class="statement"{anchor} '
             f'data-statement="{escaped(statement.id)}">\n<p class="statement-head">{_statement_head(statement, draw)}'
             f"{_statement_words(statement)}"]
    parts += [_statement_reference("Disputes", "disputes", statements[target], draw) for target in statement.disputes]
    parts += [_statement_reference("Answers", "answers", statements[target], draw) for target in statement.answers]
    for reply in draw.index.replies_by_statement.get(statement.id, ()):
        label = "Disputed by" if statement.id in reply.disputes else "Answered by"
        parts.append(_statement_reference(label, "replied", reply, draw))
    if statement.about:
        about = ", ".join(draw.short_link(record_id) for record_id in statement.about)
        parts.append(f'<p class="statement-about">About: {about}</p>')
    parts.append(f'<p class="statement-sources">Sources: {draw.cite(statement.sources)}</p>\n</li>\n')
    return "".join(parts)


def render_statement_list(statements: Iterable[Statement], draw: Draw, *, anchors: bool = False) -> str:
    """Statements with speaker, date, occasion, the words, and what they dispute or answer."""
    entries = [_statement_entry(statement, draw, anchors) for statement in statements]
    if not entries:
        return '<p class="empty">No statements are recorded.</p>\n'
    return finish_fragment(f'<ol class="statement-list{" filterable" if anchors else ""}">\n{"".join(entries)}</ol>')


def _statement_card(statement: Statement, heading: str, draw: Draw) -> str:
    """A statement as one side of a claim and its replies."""
    opening, middle, closing = draw.parts_of(f"claim card: {heading}", statement.id,
                                             functools.partial(_statement_card_parts, statement, heading, draw))
    return f"{opening}{draw.speakers(statement)}{middle}{draw.cite(statement.sources)}{closing}"


def _statement_card_parts(statement: Statement, heading: str, draw: Draw) -> tuple[str, str, str]:
    """A statement card around its speakers and its citations: the same on every record page of a folder."""
    entry_url = escaped(draw.statement_url(statement.id))
    return (f'<div class="claim-card" data-statement="{escaped(statement.id)}">\n'
            f'<p class="claim-side">{escaped(heading)}</p>\n<p class="claim-head"><span class="speakers">',
            f"{_after_speakers(statement, draw)}{_statement_words(statement)}"
            f'<p class="claim-links"><a href="{entry_url}">Statement entry</a> · Sources: ',
            "</p>\n</div>\n")


def render_claims_and_rebuttals(pairs: Sequence[ClaimPair], draw: Draw, *, subject: str | None = None,
                                anchors: bool = False) -> str:
    """Claims beside their rebuttals (two columns that stack on narrow screens), or a 'none' line."""
    if not pairs:
        if subject:
            return f'<p class="empty">No claims or rebuttals involving {escaped(subject)} are recorded.</p>\n'
        return '<p class="empty">No statement disputes or answers another yet.</p>\n'
    sections = []
    for pair in pairs:
        claim = pair.claim
        # The claim's card first: citation numbers follow the order sources appear on the page.
        card = _statement_card(claim, "Claim", draw)
        replies = "".join(
            f'<div class="claim-reply" data-relation="{escaped(relation)}" data-reply="{escaped(reply.id)}">\n'
            f'{_statement_card(reply, "Disputed by" if relation == "disputes" else "Answered by", draw)}</div>\n'
            for relation, reply in pair.replies)
        anchor = f' id="claim-{escaped(claim.id)}"' if anchors else ""
        sections.append(
            f'<section class="claim-pair"{anchor} '
            f'data-claim="{escaped(claim.id)}" '
            f'aria-label="Claim by {escaped(draw.speaker_names(claim))} and replies">\n'
            f'{card}<div class="claim-replies">\n{replies}</div>\n</section>\n')
    return finish_fragment(f'<div class="claim-pairs">\n{"".join(sections)}</div>')
