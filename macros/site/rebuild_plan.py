"""What each build of the checked site shows where, and which pages the next build must redo.

Under `mkdocs serve` the engine keeps the last build's memory and, after an edit, re-renders only the
pages this plan names; the rest of the served site stays as written. Which page shows which record is
a query (query/shown_on.py); this module applies it to a checked Site.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ..load.pages import PageFile
from ..query.pages_showing import map_shown_on
from ..query.shown_on import (
    BuildMemory,
    RecordPrint,
    changed_keys,
    combine_fingerprints,
    fingerprint_records,
    same_links,
    select_affected_pages,
)
from .state import Site

# Kinds whose names (or titles) a CSV of another kind prints beside their ids (export/tables.py names_by_id).
_NAMED_KINDS = frozenset({"actors", "organizations", "events", "sources", "disagreements"})
# A page's title is its first level-one heading: the tags index lists record pages by it.
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)


def remember_build(site: Site, overview_sources: dict[str, str], previous: BuildMemory | None = None,
                   record_prints: Iterable[tuple[str, list[RecordPrint]]] | None = None) -> BuildMemory:
    """What this build shows where, for the next build to compare with.

    record_prints: the records' fingerprints as (kind, list) per data file, in dataset order, when the check kept
    them (site/check_again.py). previous: the last build's memory, whose map of what shows where is kept when
    no record links anywhere new.
    """
    frame = fingerprint_frame(site)
    if record_prints is None:
        records = fingerprint_records(site.index.dataset)
    else:
        records = combine_fingerprints(record_prints)
    if previous is not None and previous.frame == frame and same_links(previous.records, records):
        # Only text changed (a name, a summary): every record is shown on the same pages as before.
        shown_on = previous.shown_on
    else:
        shown_on = map_shown_on(site.index, record_page_files(site), site.year_pages, overview_sources)
    return BuildMemory(frame, records, shown_on, mapped_states(site), map_prose_citations(site.pages),
                       select_site_wide_pages(site.pages))


def fingerprint_frame(site: Site) -> str:
    """One fingerprint of everything besides the records that shapes many pages at once.

    Organizations' short names feed every page's abbreviations, the year pages every link to an entry,
    actor types the tags of the tags page, and page titles the tags index: any change rebuilds all.
    """
    titles = [(page.src, page.record, _title_of(page.body)) for page in site.pages]
    parts = [repr(site.settings), repr(sorted(site.abbreviations.items())),
             repr(sorted(site.year_pages.page_sources().items())),
             repr(sorted((actor.id, actor.type) for actor in site.index.actors.values())), repr(titles)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _title_of(body: str) -> str:
    match = _TITLE.search(body)
    return match.group(1).strip() if match else ""


# Macros whose output on a record page the map of what shows where covers: the record's profile and history,
# and citations (their sources: map_prose_citations). Any other call, or a record named in an argument, may draw
# anything: such a page is redone after every data edit (select_site_wide_pages).
_RECORD_PAGE_MACROS = frozenset({"cite", "profile", "history"})
# A template tag; a call in it (a macro, or a filter with arguments); a record named in an argument. The check has
# made sure each page parses, names its macros' arguments plainly and cites its sources by written-out ids
# (check/pages.py), so reading tags as text finds every call: a match in literal text only adds a page.
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_CALL = re.compile(r"([A-Za-z_]\w*)\s*\(")
_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")  # a locator such as "section (b)" is no call
_RECORD_ARGUMENT = re.compile(r"\brecord\s*=")
_CITED = re.compile(r"\bcite\(\s*(?:source\s*=\s*)?([\"'])([^\"']+)\1")


def map_prose_citations(pages: Iterable[PageFile]) -> dict[str, frozenset[str]]:
    """Source id -> the page files whose text cites it: their reference lists describe the source."""
    cited: dict[str, set[str]] = {}
    for page in pages:
        if page.meta.get("render_macros") is False or "cite" not in page.body:
            continue
        for _quote, source_id in _CITED.findall(page.body):
            cited.setdefault(source_id, set()).add(page.src)
    return {source_id: frozenset(files) for source_id, files in cited.items()}


def select_site_wide_pages(pages: Iterable[PageFile]) -> frozenset[str]:
    """Record pages whose text calls a macro beyond their record's profile, history and citations, or names a record."""
    found = set()
    for page in pages:
        if not page.record or page.meta.get("render_macros") is False:
            continue
        for tag in _TAG.findall(page.body):
            code = _STRING.sub('""', tag)
            if set(_CALL.findall(code)) - _RECORD_PAGE_MACROS or _RECORD_ARGUMENT.search(code):
                found.add(page.src)
                break
    return frozenset(found)


def mapped_states(site: Site) -> frozenset[str]:
    """States drawn on the maps: every map labels every one of them."""
    if site.region is None:
        return frozenset()
    return frozenset(shape.actor for shape in site.region.countries if shape.actor)


def record_page_files(site: Site) -> dict[str, str]:
    """Record id -> the file of its page."""
    return {page.record: page.src for page in site.pages if page.record}


def overview_page_files(site: Site) -> list[str]:
    """Pages that are not about one record (home, timeline, indexes…): rebuilt after any data edit."""
    return [page.src for page in site.pages if not page.record]


def edited_page_files(previous: Site, current: Site) -> set[str]:
    """Pages whose text (front matter or body) changed between two checked sites."""
    before = {page.src: (page.body, page.meta) for page in previous.pages}
    return {page.src for page in current.pages if before.get(page.src) != (page.body, page.meta)}


def select_pages_to_rebuild(previous_site: Site, previous: BuildMemory, site: Site, current: BuildMemory,
                            whole_site_pages: set[str]) -> set[str] | None:
    """The page files to render again after an edit (data or pages), or None when every page must be.

    whole_site_pages: pages that list every other page (the tags index), which only a full build can draw.
    """
    edited = edited_page_files(previous_site, site)
    affected = select_affected_pages(previous, current, overview_page_files(site), record_page_files(site))
    return None if affected is None or edited & whole_site_pages else affected | edited


def select_downloads_to_write(previous: BuildMemory, current: BuildMemory) -> tuple[set[str], set[str]]:
    """The data kinds whose downloads an edit changed, and the kinds with a name a CSV prints changed."""
    kinds: set[str] = set()
    renamed: set[str] = set()
    for key in changed_keys(previous, current):
        before, after = previous.records.get(key), current.records.get(key)
        kind = (after or before)[0]  # type: ignore[index]  # a changed key is in one of them at least
        kinds.add(kind)
        # An actor's summary is in its own kind's files only; its name is printed in other kinds' CSVs.
        if kind in _NAMED_KINDS and not (before and after and before[2] == after[2]):
            renamed.add(kind)
    return kinds, renamed
