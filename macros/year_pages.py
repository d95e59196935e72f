"""Year pages: when the timeline, the statements list or the claims outgrow one page, each year gets its own page.

A page that lists every event is the most useful view of a small dataset and an unusable one of a
large one (30,000 events make a 116 MB page that no browser opens and that costs the build more
memory than all other pages together). Above a size limit the overview page lists the years, and
one generated page per year holds that year's entries; every link to an entry follows it there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import query
from .claims import find_claim_pairs
from .components import Draw, render_event_list
from .query import Index
from .render import render_template

# Entries one listing page may hold before it is split by year: the real site's few dozen stay on
# one page; at a few hundred a reader is better served by a page per year (and a 4 MB page at most
# for 1,000 events a year).
SPLIT_ABOVE = 300
UNDATED = "undated"


@dataclass(frozen=True)
class YearSplit:
    """One listing's split: the page role it belongs to, its years in order, and each entry's year."""

    role: str  # the overview page: 'timeline', 'statements' or 'claims'
    years: tuple[str, ...] = ()  # empty: the listing stays whole on its overview page
    year_of: dict[str, str] = field(default_factory=dict)  # entry id -> year label
    count_of: dict[str, int] = field(default_factory=dict)  # year label -> entries

    @property
    def is_split(self) -> bool:
        """Whether the listing has a page per year."""
        return bool(self.years)

    def role_of(self, entry_id: str) -> str:
        """The page role where an entry is listed: the overview page, or its year's page."""
        return f"{self.role}/{self.year_of[entry_id]}" if self.years else self.role

    def source_of(self, year: str) -> str:
        """The generated page file of a year, relative to docs/."""
        return f"{self.role}/{year}.md"


def label_of_year(date) -> str:
    """The year page an entry of this date belongs on: '2023', or 'undated'."""
    return str(date.year) if date is not None else UNDATED


def split_by_year(role: str, entries: list, limit: int = SPLIT_ABOVE) -> YearSplit:
    """Split a chronologically sorted listing by year when it holds more than limit entries."""
    if len(entries) <= limit:
        return YearSplit(role)
    grouped = group_by_year(entries)
    year_of = {entry.id: year for year, group in grouped.items() for entry in group}
    return YearSplit(role, tuple(grouped), year_of, {year: len(group) for year, group in grouped.items()})


@dataclass(frozen=True)
class YearPages:
    """The splits of the timeline, of the statements list and of the claims (by the claim's year)."""

    timeline: YearSplit = YearSplit("timeline")
    statements: YearSplit = YearSplit("statements")
    claims: YearSplit = YearSplit("claims")

    @property
    def splits(self) -> tuple[YearSplit, ...]:
        """The three splits."""
        return (self.timeline, self.statements, self.claims)

    def page_sources(self) -> dict[str, str]:
        """Every generated year page: page role -> file relative to docs/."""
        return {f"{split.role}/{year}": split.source_of(year) for split in self.splits for year in split.years}


def plan_year_pages(index: Index, limit: int = SPLIT_ABOVE) -> YearPages:
    """Decide which listings get a page per year, from the number of their entries."""
    statements = sorted(index.statements.values(), key=query.statement_sort_key)
    claims = [pair.claim for pair in find_claim_pairs(index)]
    return YearPages(split_by_year("timeline", query.all_events(index), limit),
                     split_by_year("statements", statements, limit),
                     split_by_year("claims", claims, limit))


_TITLES = {"timeline": "Timeline", "statements": "Statements", "claims": "Claims and rebuttals"}
_MACROS = {"timeline": ("timeline_chart", "timeline"), "statements": ("statement_index",),
           "claims": ("claims_and_rebuttals",)}
# What a year index calls its entries, and the download that holds them all.
_NOUNS = {"timeline": ("events", "events"), "statements": ("statements", "statements"),
          "claims": ("claims", "statements")}


def render_year_page_sources(pages: YearPages) -> dict[str, str]:
    """The Markdown of every generated year page, by file relative to docs/."""
    sources = {}
    for split in pages.splits:
        for year in split.years:
            heading = f"{_TITLES[split.role]}: {year}"
            calls = "\n\n".join(f"{{{{ {macro}(year='{year}') }}}}" for macro in _MACROS[split.role])
            sources[split.source_of(year)] = f"# {heading}\n\n{calls}\n"
    return sources


def group_by_year(entries: list, date_of: Callable = lambda entry: entry.date) -> dict[str, list]:
    """Entries grouped by year label, years and each group in the order given."""
    grouped: dict[str, list] = {}
    for entry in entries:
        grouped.setdefault(label_of_year(date_of(entry)), []).append(entry)
    return grouped


def render_year_index(split: YearSplit, draw: Draw) -> str:
    """The list of a split listing's year pages, with the number of entries on each."""
    years = [(year, split.count_of[year], draw.links.to_page(f"{split.role}/{year}")) for year in split.years]
    noun, download = _NOUNS[split.role]
    return render_template("year-index.html", years=years, total=len(split.year_of), noun=noun, download=download,
                           limit=max(split.count_of.values()), draw=draw)


def render_timeline_of_year(year: str, events: list, draw: Draw) -> str:
    """One year's events, with anchors, drawn as on the whole timeline."""
    sections = [(year, render_event_list(events, draw, anchors=True, heading_level=3))] if events else []
    return render_template("timeline.html", sections=sections, draw=draw)
