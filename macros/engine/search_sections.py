"""A page's search sections, split as Material's search plugin splits them, without html.parser.

Material's search plugin (material/plugins/search/plugin.py, `Parser`) runs Python's HTMLParser over
every page's content: a third of a cold build at 1,000 actors. This module walks the same HTML with one
regular expression and applies the same rules: the same sections, titles and texts, quirks included
(the skip list and the section's heading are matched by tag name; a closing tag looks for the first
opening one in the section). Where the HTML holds anything the expression does not take apart exactly
as HTMLParser would, `split_sections` returns None and the caller uses Material's own parser. The unit
tests compare both parsers on varied HTML; the whole index of a 1,000-actor site was compared byte for
byte (bench/README.md).
"""
from __future__ import annotations

import re
from html import escape, unescape

# Material's lists (plugin.py): tags whose text is skipped, tags kept as markup in the text, void tags.
_SKIPPED = ("object", "script", "style")
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# HTMLParser reads the text of these raw, up to their closing tag.
_RAW_TEXT = ("script", "style")

# One token at a time: a run of text, a start tag with well-formed attributes, an end tag, a comment, or any
# other '<' (HTMLParser reads some as text of their own; the rest this reader leaves to Material's parser).
_TOKEN = re.compile(
    r"([^<]+)"
    r"|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s\"'/<>=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(/?)>"
    r"|</([a-zA-Z][a-zA-Z0-9-]*)>"
    r"|<!--.*?--\s*>"
    r"|<",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"\s+([^\s\"'/<>=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
# Where HTMLParser's raw text ends (html/parser.py, set_cdata_mode).
_RAW_END = {tag: re.compile(f"</\\s*{tag}\\s*>", re.IGNORECASE) for tag in _RAW_TEXT}
# What HTMLParser reads as a '<' of its own when it follows one (anything else starts markup or is not ours).
_LONE_LT_BEFORE = frozenset(" \t\n\r\f0123456789=<>&;,.)")


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


def split_sections(html: str) -> list[Section] | None:
    """The page's sections as Material's search parser finds them; None where this reader cannot be sure."""
    # One loop with the state in local variables, not a parser object: it runs over every tag of every page.
    sections: list[Section] = []
    section: Section | None = None
    context: list[str] = []  # open elements' tags
    headerlink_flags: list[bool] = []  # per open element: a heading's permalink anchor
    open_count: dict[str, int] = {}
    # Material keeps Element objects that compare and hash by tag: its skip list is, in effect, a set of tags.
    skip = set(_SKIPPED)
    skipped_open = 0  # open elements whose tag is in the skip list: text is skipped while any is open
    headerlinks_open = 0
    position, length, match = 0, len(html), _TOKEN.match
    while position < length:
        token = match(html, position)
        assert token is not None  # the last alternative matches any '<'
        text, tag, written, self_closing, end_tag = token.groups()
        position = token.end()
        if text is None and tag is None and end_tag is None:
            if not token.group().startswith("<!--"):  # a '<' of its own
                if html[position:position + 1] not in _LONE_LT_BEFORE:
                    return None
                text = "<"
            else:
                continue
        if text is not None:  # Material's handle_data
            if skipped_open:
                continue
            text = unescape(text)
            if not open_count.get("pre"):
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section = Section("hx")
                sections.append(section)
            if open_count.get(section.tag):
                if not headerlinks_open:
                    section.title.append(escape(text, quote=False))
            elif text.isspace():
                if not section.text or not section.text[-1].isspace() or open_count.get("pre"):
                    section.text.append(text)
            else:
                section.text.append(escape(text, quote=False))
            continue
        if tag is not None:  # Material's handle_starttag
            tag = tag.lower()
            if tag not in _VOID:
                attributes = _attributes(written) if _needs_attributes(tag, written) else {}
                context.append(tag)
                open_count[tag] = open_count.get(tag, 0) + 1
                skipped_open += tag in skip
                headerlink = tag == "a" and attributes.get("class") == "headerlink"
                headerlink_flags.append(headerlink)
                headerlinks_open += headerlink
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
            if self_closing:
                end_tag = tag  # HTMLParser reports '<x/>' as a start and an end
            elif tag in _RAW_TEXT:
                # Raw text up to the closing tag; Material skips it, so only where it ends matters.
                closing = _RAW_END[tag].search(html, position)
                if closing is None:
                    return None
                position, end_tag = closing.end(), tag
            else:
                continue
        end_tag = end_tag.lower()  # Material's handle_endtag
        if not context or context[-1] != end_tag:
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
            else:
                data.append(f"</{end_tag}>")
    return sections
