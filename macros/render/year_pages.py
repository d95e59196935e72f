"""Year pages drawn: each generated year page's Markdown, the index of year pages, and labels for readers."""
from __future__ import annotations

import re

from ..query.year_pages import MONTH_BLOCKS, UNDATED, YEAR_ONLY, YearPages, YearSplit
from .components import Draw
from .html import render_template

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


_NO_MONTH = "month not given"


_MONTH_BLOCK_LABEL = re.compile(r"(\d{4})-(?:(h|q)(\d)|(\d{2})|(" + re.escape(YEAR_ONLY) + "))")


def label_for_reader(label: str) -> str:
    """A page label as a heading shows it: '2023', '2000–2004', 'April–June 2023', 'May 2023',
    '2023, month not given' or 'Undated'."""
    year, part = split_label(label)
    if year is None:
        return part
    return f"{year}, {part}" if part == _NO_MONTH else f"{part} {year}"


def split_label(label: str) -> tuple[str | None, str]:
    """A page label as (year, part of that year) for a part of a crowded year, else (None, the label as shown)."""
    if label == UNDATED:
        return None, label.capitalize()
    match = _MONTH_BLOCK_LABEL.fullmatch(label)
    if not match:
        return None, label.replace("-", "\u2013")
    year, prefix, number, month, year_only = match.groups()
    if year_only:
        return year, _NO_MONTH
    if month:
        return year, _MONTHS[int(month) - 1]
    size = {letter: months for months, letter in MONTH_BLOCKS}[prefix]
    first = (int(number) - 1) * size
    return year, f"{_MONTHS[first]}\u2013{_MONTHS[first + size - 1]}"


_TITLES = {"timeline": "Timeline", "statements": "Statements", "claims": "Claims and rebuttals",
           "sources": "Sources"}


_MACROS = {"timeline": ("timeline_chart", "timeline"), "statements": ("statement_index",),
           "claims": ("claims_and_rebuttals",), "sources": ("source_list",)}


# What a year index calls its entries (plurals in -s: it drops the s for one), and the download that holds them all.
_NOUNS = {"timeline": ("events", "events"), "statements": ("statements", "statements"),
          "claims": ("claims", "statements"), "sources": ("sources", "sources")}


def render_year_page_sources(pages: YearPages) -> dict[str, str]:
    """The Markdown of every generated year page, by file relative to docs/."""
    sources = {}
    for split in pages.splits:
        for year in split.years:
            heading = f"{_TITLES[split.role]}: {label_for_reader(year)}"
            calls = "\n\n".join(f"{{{{ {macro}(year='{year}') }}}}" for macro in _MACROS[split.role])
            sources[split.source_of(year)] = f"# {heading}\n\n{calls}\n"
    return sources


def render_year_index(split: YearSplit, draw: Draw) -> str:
    """The list of a split listing's year pages with their entry counts; a crowded year's parts on one line."""
    rows: list[tuple[str | None, list]] = []  # (year of the parts or None, [(text, entries, link, full label)])
    for label in split.years:
        year, text = split_label(label)
        # The full label names a part's link where it is read out of its line (a screen reader's list of links).
        part = (text, split.count_of[label], draw.links.to_page(f"{split.role}/{label}"), label_for_reader(label))
        if year is not None and rows and rows[-1][0] == year:
            rows[-1][1].append(part)
        else:
            rows.append((year, [part]))
    noun, download = _NOUNS[split.role]
    return render_template("year-index.html", rows=rows, total=len(split.year_of), noun=noun, download=download,
                           limit=max(split.count_of.values()), draw=draw)
