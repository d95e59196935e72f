"""Rendering: records become HTML fragments; every value from data is escaped on the way out.

Python decides what to show; the templates in render/templates/ draw it, except the rows and entries that
repeat on page after page, which rows.py and entries.py write directly (escaped() below, as autoescape does).
Fragments are raw HTML blocks, so Markdown never reinterprets data text (no '|', '*' or '_' surprises) and
Jinja never sees it again (macro output is not re-rendered).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..model.dates import ReducedDate, format_reduced_date
from ..model.records import Citation
from .urls import PageLinks

# ---------------------------------------------------------------- labels shown to readers

ROLE_LABELS = {
    "leader": "Leading state", "member": "Member", "observer": "Observer",
    "dialogue-partner": "Dialogue partner", "partner": "Partner", "participant": "Participant",
    "invited-guest": "Invited guest", "non-member": "Not a member",
}
ROLE_GROUP_LABELS = {
    "leader": "Leading state", "member": "Members", "observer": "Observers",
    "dialogue-partner": "Dialogue partners", "partner": "Partners", "participant": "Participants",
    "invited-guest": "Invited guests", "non-member": "Named as non-members",
}
PARTICIPANT_ROLE_LABELS = {
    "host": "host", "attendee": "attended", "speaker": "speaker", "author": "author",
    "principal": "principal actor", "invited-declined": "invited, declined", "not-invited": "not invited",
    "target": "target",
}


def label_of_value(value: str) -> str:
    """'armed-group' -> 'Armed group': a readable label for a choice value."""
    return value.replace("-", " ").capitalize()


# ---------------------------------------------------------------- text from data in Markdown

# Characters Markdown reads as markup, escaped with a backslash so a heading shows them as typed.
_MARKDOWN_SPECIALS = frozenset("\\`*_[]()#+-.!|~")
# Written as HTML character references: raw HTML ('<script>') and Jinja's '{{', '{%' and '{#'
# must reach the reader as the characters typed, never run or render; '{' also keeps attr_list out.
_HTML_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", '"': "&quot;"}


def escape_heading(text: str) -> str:
    """Text from data as the literal text of a Markdown heading: no markup, no HTML, no template code."""
    return "".join(_HTML_REFERENCES.get(character, "\\" + character if character in _MARKDOWN_SPECIALS else character)
                   for character in " ".join(text.split()))


# ---------------------------------------------------------------- the template environment

_TEMPLATES = Environment(
    loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=True,  # every {{ value }} is HTML-escaped unless it is Markup we built ourselves
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_BLANK_LINES = re.compile(r"\n\s*\n")


def render_template(name: str, **context) -> str:
    """Render one template, as a finished fragment."""
    return finish_fragment(_TEMPLATES.get_template(name).render(**context))


def finish_fragment(html: str) -> str:
    """A fragment with no blank line (it would end an HTML block in Markdown) and one newline at the end."""
    return _BLANK_LINES.sub("\n", html).strip() + "\n"


# ---------------------------------------------------------------- small helpers used by templates

def escaped(text: str) -> str:
    """Text from data for HTML, as markupsafe's escape writes it ('&#34;', '&#39;'), as a plain str.

    For the rows drawn in Python (render/rows.py, render/entries.py): escape() also wraps its result in a
    Markup object, and the wrapping cost more than the escaping across the million values of a large build.
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
            .replace("'", "&#39;"))


@functools.lru_cache(maxsize=65536)  # the same dates recur on every page; Markup is immutable
def render_date(date: ReducedDate | None, qualifier: str | None = None) -> Markup:
    """A <time> element: machine-readable ISO date, human-readable text at the same precision."""
    if date is None:
        return Markup('<span class="undated">undated</span>')
    return Markup('<time datetime="{}">{}</time>').format(date.iso(), format_reduced_date(date, qualifier))


def render_citations(citations: Iterable[Citation], links: PageLinks) -> Markup:
    """One numbered marker per source, linking to the page's reference list; locators as tooltip."""
    locators: dict[str, list[str]] = {}
    for citation in citations:
        links.citations.number_of(citation)
        found = locators.setdefault(citation.source, [])
        if citation.locator and citation.locator not in found:
            found.append(citation.locator)
    markers = []
    for source_id, source_locators in locators.items():
        number = links.citations.numbers[source_id]
        if not source_locators:  # most citations: the same marker for the same number on every page
            markers.append(_plain_marker(number))
            continue
        label = escape(f"Source {number}, {'; '.join(source_locators)}")
        # An f-string over escaped parts, not Markup.format: this runs for every row of every list.
        markers.append(f'<a class="cite" href="#ref-{number}" title="{label}" aria-label="{label}">[{number}]</a>')
    return Markup(f'<sup class="citations">{"".join(markers)}</sup>') if markers else Markup("")


@functools.lru_cache(maxsize=4096)
def _plain_marker(number: int) -> str:
    """The marker of a citation without locator: what render_citations writes for it."""
    return f'<a class="cite" href="#ref-{number}" title="Source {number}" aria-label="Source {number}">[{number}]</a>'


def render_paragraphs(text: str | None) -> Markup:
    """Split text on blank lines into <p> elements; single newlines become spaces."""
    if not text:
        return Markup("")
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]
    # escape() and an f-string, not Markup.format and Markup.join (the same text): every event's summary.
    return Markup("".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs))


def render_record_link(record_id: str, name: str, links: PageLinks, short_name: str | None = None) -> Markup:
    """A link to a record's page (plain text when it has none), with its abbreviation as tooltip."""
    text = Markup(f'<abbr title="{escape(name)}">{escape(short_name)}</abbr>') if short_name else escape(name)
    url = links.to_record(record_id)
    # escape() and an f-string, not Markup.format: this runs ~350 times per page, and format is slow.
    return Markup(f'<a href="{escape(url)}">{text}</a>') if url else text


_PLACEHOLDER_WORD = re.compile("wzxhzdk|klzzwxh", re.IGNORECASE)
_WORD_EDGES = re.compile(r"\w(?:.*\w)?", re.DOTALL)


def render_abbreviation_definitions(abbreviations: dict[str, str]) -> str:
    """Markdown abbreviation definitions ('*[CSTO]: …') that give short names a tooltip in prose."""
    lines = []
    for short_name, full_name in sorted(abbreviations.items()):
        # The abbr syntax cannot express these characters; such names get tooltips in tables only.
        if any(character in short_name for character in "[]\\\n") or not short_name.strip():
            continue
        # Markdown hides its raw HTML behind placeholders like '\x02wzxhzdk:0\x03', and the abbr
        # pattern is \b(NAME)\b: a name that matches a piece of a placeholder ('wzxhzdk', '0', ':',
        # anything starting or ending with punctuation, like 'U.S.') would be wrapped in <abbr> and
        # the page's tables would vanish. Such names keep their tooltips in the generated tables only.
        if (_PLACEHOLDER_WORD.search(short_name) or not _WORD_EDGES.fullmatch(short_name)
                or not any(character.isalpha() for character in short_name)):
            continue
        # Markdown keeps '&amp;' in a title as an entity: escape '&' so a literal '&amp;' stays literal.
        lines.append(f"*[{short_name}]: {' '.join(full_name.split()).replace('&', '&amp;')}")
    return "\n".join(lines)


_WORD = re.compile(r"\w+")


def index_abbreviation_definitions(definitions: str) -> dict[str, list[tuple[str, str]]]:
    """The definitions (from render_abbreviation_definitions) by the first word of their short name."""
    by_first_word: dict[str, list[tuple[str, str]]] = {}
    for line in definitions.splitlines():
        short_name = line[2:line.index("]: ")]
        by_first_word.setdefault(_WORD.findall(short_name)[0], []).append((short_name, line))
    return by_first_word


def select_abbreviation_definitions(indexed: dict[str, list[tuple[str, str]]], page_markdown: str) -> str:
    """The definitions of the short names that occur in the page, in the order they were defined.

    Markdown's abbr extension runs one regex of every defined name over every text of the page: with
    all names on all pages, the cost grows as pages × organizations. A page needs only the names it
    uses; looking them up by the page's words keeps the selection linear in the page too.
    """
    selected = []
    for word in set(_WORD.findall(page_markdown)):
        for short_name, line in indexed.get(word, ()):
            if short_name in page_markdown:  # names of several words: the whole name must occur
                selected.append(line)
    return "\n".join(sorted(selected))
