"""A page's search sections, split as Material's search plugin splits them, without html.parser.

Material's search plugin (material/plugins/search/plugin.py, `Parser`) runs Python's HTMLParser over
every page's content: a third of a cold build at 1,000 actors. This module walks the same HTML with one
regular expression and applies the same rules: the same sections, titles and texts, quirks included
(the skip list and the section's heading are matched by tag name; a closing tag looks for the first
opening one in the section). Where the HTML holds anything the expression does not take apart exactly
as HTMLParser would, `split_sections` returns None and the caller uses Material's own parser. The unit
tests compare both parsers on varied HTML; the whole index of a 1,000-actor site was compared byte for
byte (bench/README.md). Under `mkdocs serve` a page is read row by row where it holds lists, and a row read
in an earlier build is taken as it was read (engine/search_rows.py; the conditions are in `_split`).
"""
from __future__ import annotations

import re
from html import escape, unescape

from .search_rows import NotRead, RowMemo, cut_rows

# Material's lists (plugin.py): tags whose text is skipped, tags kept as markup in the text, void tags.
_SKIPPED = ("object", "script", "style")
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Elements whose content HTMLParser reads raw: one the expression below could not close is left to Material.
_RAW_TEXT = frozenset({"script", "style"})
# The tokens, all found at once (findall, not a match per token: 2.8 million tokens at 1,000 actors): a run of
# text; a script or style element whole (HTMLParser reads its content raw, up to the closing tag); a start tag
# with well-formed attributes; an end tag; a comment (no group); a '<' that HTMLParser reads as text of its own
# (one of these characters follows it); any other '<' (left to Material's parser).
_ATTRIBUTES = r"((?:\s+[^\s\"'/<>=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
_TOKEN = re.compile(
    r"([^<]+)"
    r"|<((?i:" + "|".join(sorted(_RAW_TEXT)) + "))" + _ATTRIBUTES + r"\s*>.*?</\s*(?i:\2)\s*>"
    r"|<([a-zA-Z][a-zA-Z0-9-]*)" + _ATTRIBUTES + r"\s*(/?)>"
    r"|</([a-zA-Z][a-zA-Z0-9-]*)>"
    r"|<!--.*?--\s*>"
    r"|(<)(?=[ \t\n\r\f0-9=<>&;,.)])"
    r"|(<)",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"\s+([^\s\"'/<>=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
# Text that escape() would change; most text has none of these characters, and the test is cheaper than the call.
_NEEDS_ESCAPE = re.compile("[&<>]").search
_NO_ATTRIBUTES: dict[str, str | None] = {}


class Section:
    """A heading (or the page's start, tag 'hx') and the title and text that follow it."""

    __slots__ = ("tag", "depth", "excluded", "id", "title", "text")

    def __init__(self, tag: str, depth: float = 0, excluded: bool = False, id: str | None = None,
                 title: list[str] | None = None, text: list[str] | None = None) -> None:
        self.tag, self.depth, self.excluded, self.id = tag, depth, excluded, id
        self.title: list[str] = [] if title is None else title
        self.text: list[str] = [] if text is None else text


def _attributes(written: str) -> dict[str, str | None]:
    """A start tag's attributes as HTMLParser gives them: names in lower case, values unescaped."""
    attributes: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(written):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        attributes[name.lower()] = None if value is None else unescape(value)
    return attributes


def _needs_attributes(tag: str, written: str) -> bool:
    """Whether Material's parser would act on this start tag's attributes (most tags it only counts)."""
    if not written:
        return False
    if tag in _HEADINGS:
        return True
    lowered = written.lower()
    return "data-search-exclude" in lowered or "linenodiv" in lowered or (tag == "a" and "headerlink" in lowered)


def split_sections(html: str, memo: RowMemo | None = None) -> list[Section] | None:
    """The page's sections as Material's search parser finds them; None where this reader cannot be sure.

    memo: the texts of list rows met before (see RowMemo); a row found there is not read again.
    """
    return _split(html, memo)[0]


def _split(html: str, memo: RowMemo | None) -> tuple[list[Section] | None, bool, set[str]]:
    """The sections; whether the HTML is a plain piece (see RowMemo); the heading tags in it."""
    # One loop with the state in local variables, not a parser object: it runs over every tag of every page
    # (48 MB of HTML at 1,000 actors), so the common cases (text, a tag with no attribute that matters) take
    # the shortest path, and '&', '<', '>' are looked for before calling unescape or escape.
    sections: list[Section] = []
    section: Section | None = None
    context: list[str] = []  # open elements' tags
    headerlink_flags: list[bool] = []  # per open element: a heading's permalink anchor
    open_count: dict[str, int] = {}
    # Material keeps Element objects that compare and hash by tag: its skip list is, in effect, a set of tags.
    skip = set(_SKIPPED)
    skipped_open = 0  # open elements whose tag is in the skip list: text is skipped while any is open
    headerlinks_open = 0
    plain = True  # no end tag left unmatched, no empty element dropped (RowMemo)
    headings: set[str] = set()  # the heading tags met (RowMemo)
    pieces = [html] if memo is None else cut_rows(html)
    for number, piece in enumerate(pieces):
        # A row read here gives what it gave read alone when no heading title, skipped or preformatted element
        # is open (nor a heading of a tag the row holds, which would take its text as a title). Its first item
        # is a tag, so no blank joins one before it; and a section's depth is never more than one past the open
        # elements, so no element the row closes sends the reading back to an earlier section.
        if number and section is not None and not skipped_open and len(skip) == len(_SKIPPED) \
                and not headerlinks_open and not open_count.get(section.tag) and not open_count.get("pre"):
            assert memo is not None  # pieces of their own only with a memo
            kept = memo.find(piece)
            if isinstance(kept, NotRead):
                alone, plain_alone, headings_alone = _split(piece, None)
                items = (alone[0].text if alone else []) if plain_alone and alone is not None else None
                kept = memo.keep(piece, items, frozenset(headings_alone))
            if kept is not None and section.tag not in kept[1]:
                section.text.extend(kept[0])
                continue
        for text, raw_tag, raw_written, tag, written, self_closing, end_tag, lone_lt, other_lt in \
                _TOKEN.findall(piece):
            if lone_lt:
                text = lone_lt
            elif other_lt:
                return None, False, headings
            if text:  # Material's handle_data
                if skipped_open:
                    continue
                if "&" in text:
                    text = unescape(text)
                if not open_count.get("pre"):
                    text = " " if text.isspace() else text.replace("\n", " ")
                if section is None:
                    section = Section("hx")
                    sections.append(section)
                if open_count.get(section.tag):
                    if not headerlinks_open:
                        section.title.append(escape(text, quote=False) if _NEEDS_ESCAPE(text) else text)
                elif text.isspace():
                    if not section.text or not section.text[-1].isspace() or open_count.get("pre"):
                        section.text.append(text)
                else:
                    section.text.append(escape(text, quote=False) if _NEEDS_ESCAPE(text) else text)
                continue
            if raw_tag:
                tag, written = raw_tag, raw_written
            if tag:  # Material's handle_starttag
                tag = tag.lower()
                if tag not in _VOID:
                    context.append(tag)
                    open_count[tag] = open_count.get(tag, 0) + 1
                    skipped_open += tag in skip
                    if written and _needs_attributes(tag, written):
                        attributes = _attributes(written)
                        headerlink = tag == "a" and attributes.get("class") == "headerlink"
                    else:
                        attributes, headerlink = _NO_ATTRIBUTES, False
                    headerlink_flags.append(headerlink)
                    headerlinks_open += headerlink
                    if tag in _HEADINGS:
                        headings.add(tag)  # one with an id starts a section: the piece is not plain then
                    if tag in _HEADINGS and "id" in attributes:
                        depth = len(context)
                        if tag != "h1" and not sections:
                            sections.append(Section("hx", depth))
                        section = Section(tag, depth, "data-search-exclude" in attributes)
                        if len(sections):
                            section.id = attributes["id"]
                        sections.append(section)
                    if section is None:
                        section = Section("hx")
                        sections.append(section)
                    for name, value in attributes.items():
                        if name == "data-search-exclude" or (name == "class" and value == "linenodiv"):
                            if tag not in skip:
                                skip.add(tag)
                                skipped_open += open_count[tag]
                            break
                    else:
                        if tag in _KEPT and not skipped_open:
                            (section.title if open_count.get(section.tag) else section.text).append(f"<{tag}>")
                if not (self_closing or raw_tag):
                    if tag in _RAW_TEXT:  # never closed: HTMLParser would read the rest of the page as its text
                        return None, False, headings
                    continue
                # HTMLParser reports '<x/>' as a start and an end; a raw element's text is skipped by Material.
                end_tag = tag
            elif end_tag:
                end_tag = end_tag.lower()  # Material's handle_endtag
            else:
                continue  # a comment
            if not context or context[-1] != end_tag:
                plain = False  # ignored here, it might close an element opened before a row read alone
                continue
            assert section is not None
            if section.depth > len(context):
                for earlier in reversed(sections):
                    if earlier.depth <= len(context):
                        section.depth = float("inf")
                        section = earlier
                        break
            context.pop()
            open_count[end_tag] -= 1
            headerlinks_open -= headerlink_flags.pop()
            if end_tag in skip:
                skipped_open -= 1
                if end_tag not in _SKIPPED:
                    skip.remove(end_tag)
                    skipped_open -= open_count[end_tag]
                continue
            if end_tag in _KEPT and not skipped_open:
                data = section.title if open_count.get(section.tag) else section.text
                opening = f"<{end_tag}>"
                index = data.index(opening)  # the first one, as Material looks it up
                for later in range(index + 1, len(data)):
                    if not data[later].isspace():
                        index = len(data)
                        break
                if len(data) > index:
                    del data[index:]
                    plain = False  # read after other items, the first opening might be an earlier one
                else:
                    data.append(f"</{end_tag}>")
    # A plain piece: every element it opened closed (so nothing is left skipped either), one section, text only.
    plain = plain and not context and len(sections) <= 1 and not (sections and (sections[0].tag != "hx"
                                                                                or sections[0].title))
    return sections, plain, headings
