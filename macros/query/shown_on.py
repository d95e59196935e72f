"""Which pages show which record, and so which pages a data edit changes.

A full rebuild of a large site takes as long as the first build, though an edit to one record
changes a few dozen pages (figures: bench/README.md). Each build remembers a fingerprint of every
record and the pages that show it; the next build compares fingerprints, and the pages that showed
or now show a changed record are the ones to rebuild, with the overview pages. Anything the
comparison cannot see (code, settings, the set of pages, the map shapes) rebuilds everything.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from ..model.dataset import label_of_record
from ..model.records import KIND_NAMES, KINDS

# Per record key: (kind, fingerprint of all but its place in its file, of what other pages show, of its links).
Fingerprints = dict[str, tuple[str, int, int, int]]
# One record's fingerprints, before records sharing a key are added up: (key, all, shown elsewhere, links).
RecordPrint = tuple[str, int, int, int]


@dataclass(frozen=True)
class BuildMemory:
    """What one build leaves for the next: what would force a full rebuild, and each record's pages."""

    frame: str  # fingerprint of settings, page list, names on every page: any change rebuilds all
    records: Fingerprints
    shown_on: dict[str, frozenset[str]]  # record key -> page files (relative to docs/) that show it
    # Records whose name any page may show: states drawn on the maps (every map labels every state).
    shown_everywhere: frozenset[str] = frozenset()
    # Source id -> page files whose prose cites it (cite() in the page's text): their reference lists describe it.
    cited_in_prose: dict[str, frozenset[str]] = field(default_factory=dict)
    # Record pages whose text calls macros beyond their record's own (a listing, another record's table): like the
    # pages about no record, any data edit may change them.
    site_wide: frozenset[str] = frozenset()


# What pages other than its own show of an actor or organization: its name (links, tables, profiles) and
# its Wikidata item (the sameAs of the JSON-LD of every page that names it), for a person the positions
# listed on the pages of the bodies they serve, and what the indexes of actors and organizations show
# (aliases, kind, leader). Other kinds are shown whole wherever listed.
_SHOWN_ELSEWHERE = {"actors": ("name", "positions", "other_names", "wikidata"),
                    "organizations": ("name", "short_name", "other_names", "kind", "led_by", "wikidata")}
# The shapes of the fields that decide which page shows which record (query/pages_showing.py): references to other
# records, dates (a year page), choices (a claim, a role) and nested records (a participant, a position).
# Free text (names, titles, summaries) is drawn on pages but moves no record onto another page.
_LINK_SHAPES = frozenset({"id", "reference", "references", "citations", "date", "choice", "records"})


def fingerprint_records(dataset) -> Fingerprints:
    """Per record key: a fingerprint of every field but its place in its file, and one of what other pages show."""
    return combine_fingerprints((kind, fingerprint_group(kind, getattr(dataset, kind))) for kind in KIND_NAMES)


def fingerprint_group(kind: str, records: list) -> list[RecordPrint]:
    """The fingerprints of a list of records of one kind (one data file's), each with its key."""
    if not records:
        return []
    # Lines move when an earlier record grows; that changes no page, so 'origin' is left out.
    names = [spec.name for spec in fields(records[0]) if spec.name != "origin"]
    shown_names = _SHOWN_ELSEWHERE.get(kind)
    shapes = {spec.name: spec.shape for spec in KINDS[kind].fields}
    link_names = [name for name in names if shapes.get(name) in _LINK_SHAPES]
    prints = []
    for record in records:
        whole = hash(repr([getattr(record, name) for name in names]))
        shown = hash(repr([getattr(record, name) for name in shown_names])) if shown_names else whole
        prints.append((label_of_record(record), whole, shown, hash(repr([getattr(record, n) for n in link_names]))))
    return prints


def combine_fingerprints(groups: Iterable[tuple[str, list[RecordPrint]]]) -> Fingerprints:
    """The fingerprints of all records by key, from groups of (kind, fingerprints)."""
    fingerprints: Fingerprints = {}
    for kind, prints in groups:
        for key, whole, shown, links in prints:
            if key in fingerprints:  # two memberships can share a key (two roles): fingerprints add up
                _kind, *added = fingerprints[key]
                whole, shown, links = whole + added[0], shown + added[1], links + added[2]
            fingerprints[key] = (kind, whole, shown, links)
    return fingerprints


def same_links(previous: Fingerprints, current: Fingerprints) -> bool:
    """Whether every record links to the same records, dates and choices in both builds (so shows on the same pages)."""
    return previous.keys() == current.keys() and all(
        previous[key][3] == prints[3] for key, prints in current.items())


def select_affected_pages(previous: BuildMemory | None, current: BuildMemory, always: Iterable[str],
                          own_pages: dict[str, str]) -> set[str] | None:
    """The page files an edit changed, or None when every page must be rebuilt.

    own_pages: record id -> its page file, for an edit that changes only what the record's own page shows.
    """
    if previous is None or previous.frame != current.frame:
        return None
    shown_everywhere = previous.shown_everywhere | current.shown_everywhere
    pages: set[str] = set()
    changed = changed_keys(previous, current)
    if changed:  # a record page that lists or tables other records may show any field of any record
        pages |= previous.site_wide | current.site_wide
    for key in changed:
        before, after = previous.records.get(key), current.records.get(key)
        if before and after and before[2] == after[2] and key in own_pages:
            pages.add(own_pages[key])  # e.g. an actor's summary: shown on its own page only
        elif key in shown_everywhere:
            return None
        else:
            # Shown in lists: the overview pages (timeline, sources, indexes…) may show it too.
            pages |= previous.shown_on.get(key, frozenset()) | current.shown_on.get(key, frozenset())
            pages.update(always)
        # A source is also described wherever a page's prose cites it.
        pages |= previous.cited_in_prose.get(key, frozenset()) | current.cited_in_prose.get(key, frozenset())
    return pages


def changed_keys(previous: BuildMemory, current: BuildMemory) -> set[str]:
    """The keys of the records added, removed or changed between two builds."""
    # The items that differ, compared as sets in C: a loop over 47,000 keys cost a tenth of a rebuild's plan.
    return {key for key, _prints in previous.records.items() ^ current.records.items()}


def changed_kinds(previous: BuildMemory | None, current: BuildMemory) -> set[str] | None:
    """The data kinds with a record added, removed or changed; None when there is nothing to compare with."""
    if previous is None:
        return None
    return {(current.records.get(key) or previous.records[key])[0] for key in changed_keys(previous, current)}
