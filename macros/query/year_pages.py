"""Year pages: when the timeline, the statements, the claims or the sources outgrow one page, they get pages by date.

Above a size limit the overview page lists the year pages, and generated pages hold the entries: a
decade per page while it holds at most the limit, else five, two or single years, and a year over
the limit is split into halves, quarters or months, so a page's weight follows the limit, not the
size of the data (figures: bench/README.md). Every link to an entry follows it there. This module
plans the pages; render/year_pages.py draws them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import index as query
from .claims import find_claim_pairs
from .index import Index

# Entries one listing page may hold before it is split by year: the real site's few dozen stay on
# one page; at a few hundred a reader is better served by a page per year (and a 4 MB page at most
# for 1,000 events a year).
SPLIT_ABOVE = 300
UNDATED = "undated"
# The blocks of years a page may hold, largest first, each starting with its decade: 2000-2009,
# 2000-2004, 2000-2001, 2000.
BLOCK_SIZES = (10, 5, 2, 1)
# Below a year: halves, quarters, months (size in months, the label's letter).
MONTH_BLOCKS = ((6, "h"), (3, "q"), (1, ""))
YEAR_ONLY = "year-only"  # the page of a crowded year's entries that give no month


@dataclass(frozen=True)
class YearSplit:
    """One listing's split: the page role it belongs to, its years in order, and each entry's year."""

    role: str  # the overview page: 'timeline', 'statements', 'claims' or 'sources'
    # The pages' labels in order: a year ('2023'), a block of years ('2000-2004'), or 'undated'.
    # Empty: the listing stays whole on its overview page.
    years: tuple[str, ...] = ()
    year_of: dict[str, str] = field(default_factory=dict)  # entry id -> label of its page
    count_of: dict[str, int] = field(default_factory=dict)  # label -> entries

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
    """Split a chronologically sorted listing into year pages when it holds more than limit entries."""
    if len(entries) <= limit:
        return YearSplit(role)
    pages = pack_years(group_by_year(entries), limit)
    year_of = {entry.id: label for label, group in pages.items() for entry in group}
    return YearSplit(role, tuple(pages), year_of, {label: len(group) for label, group in pages.items()})


def pack_years(grouped: dict[str, list], limit: int) -> dict[str, list]:
    """Pages of calendar blocks: per decade, the largest of BLOCK_SIZES whose every block holds at
    most limit entries, a year over the limit split by months; undated entries last, on a page of their own.

    Blocks are fixed on the calendar (2000-2004, 2005-2009), so a page's address changes only when
    an entry crosses the limit within its own decade, never because of entries in other decades.
    """
    pages: dict[str, list] = {}
    for decade in sorted({int(year) // 10 * 10 for year in grouped if year != UNDATED}):
        for size in BLOCK_SIZES:
            blocks = {first: [str(year) for year in range(first, first + size) if str(year) in grouped]
                      for first in range(decade, decade + 10, size)}
            if size == 1 or all(sum(len(grouped[year]) for year in block) <= limit for block in blocks.values()):
                break
        for first, block in blocks.items():
            entries = [entry for year in block for entry in grouped[year]]
            if size == 1 and len(entries) > limit:
                pages.update(split_crowded_year(first, entries, limit))
            elif block:
                pages[str(first) if size == 1 else f"{first}-{first + size - 1}"] = entries
    if UNDATED in grouped:
        pages[UNDATED] = grouped[UNDATED]
    return pages


def split_crowded_year(year: int, entries: list, limit: int) -> dict[str, list]:
    """A year over the limit: its halves ('2023-h1'), else quarters ('2023-q2'), else months ('2023-05').

    Entries dated by the year alone get a page of their own ('2023-year-only'), before the months.
    """
    pages = {f"{year}-{YEAR_ONLY}": [entry for entry in entries if not entry.date.month]}
    for size, letter in MONTH_BLOCKS:
        blocks: dict[str, list] = {}
        for entry in entries:
            if entry.date.month:
                block = (entry.date.month - 1) // size + 1
                blocks.setdefault(f"{year}-{letter}{block}" if letter else f"{year}-{block:02d}", []).append(entry)
        if size == 1 or all(len(block) <= limit for block in blocks.values()):
            break
    return {label: group for label, group in {**pages, **blocks}.items() if group}


def select_year_entries(label: str, by_page: dict[str, list], all_entries: Callable[[], list],
                        date_of: Callable = lambda entry: entry.date) -> list:
    """A year page's entries by its label; for any other year (a page showing one year), that year's entries.

    all_entries is called only in the second case: finding every entry can cost more than the page.
    """
    if label in by_page:
        return by_page[label]
    return [entry for entry in all_entries() if label_of_year(date_of(entry)) == label]


def group_by_page(split: YearSplit, entries: list, id_of: Callable = lambda entry: entry.id) -> dict[str, list]:
    """A split listing's entries by the label of their page, in the order given (none when it is not split)."""
    grouped: dict[str, list] = {}
    if not split.is_split:
        return grouped
    for entry in entries:
        grouped.setdefault(split.year_of[id_of(entry)], []).append(entry)
    return grouped


@dataclass(frozen=True)
class YearPages:
    """The splits of the timeline, the statements, the claims (by the claim's year) and the sources (by publication)."""

    timeline: YearSplit = YearSplit("timeline")
    statements: YearSplit = YearSplit("statements")
    claims: YearSplit = YearSplit("claims")
    sources: YearSplit = YearSplit("sources")

    @property
    def splits(self) -> tuple[YearSplit, ...]:
        """The four splits."""
        return (self.timeline, self.statements, self.claims, self.sources)

    def page_sources(self) -> dict[str, str]:
        """Every generated year page: page role -> file relative to docs/."""
        return {f"{split.role}/{year}": split.source_of(year) for split in self.splits for year in split.years}


def plan_year_pages(index: Index, limit: int = SPLIT_ABOVE) -> YearPages:
    """Decide which listings get a page per year, from the number of their entries."""
    statements = sorted(index.statements.values(), key=query.statement_sort_key)
    claims = [pair.claim for pair in find_claim_pairs(index)]
    sources = sorted(index.sources.values(), key=query.source_sort_key)
    return YearPages(split_by_year("timeline", query.all_events(index), limit),
                     split_by_year("statements", statements, limit),
                     split_by_year("claims", claims, limit),
                     split_by_year("sources", sources, limit))


def group_by_year(entries: list) -> dict[str, list]:
    """Entries grouped by year label, years and each group in the order given."""
    grouped: dict[str, list] = {}
    for entry in entries:
        grouped.setdefault(label_of_year(entry.date), []).append(entry)
    return grouped


