"""The search index, written by the site's plugin in the format of Material's search plugin.

Material's search plugin parses every page's HTML with Python's HTMLParser (a third of a cold build). The
plugin splits each page itself, by the same rules (engine/search_sections.py), and marks the page
`search: exclude` for Material, as front matter may: Material's plugin still runs, configures the search
UI and writes its index with its settings and no entries; the plugin then rewrites that file with every
page's entries, serialized as Material serializes them, in the order pages were rendered. A partial
rebuild under `mkdocs serve` keeps the entries of the pages it did not render: the file equals the one a
full build writes. The search plugin's state is left alone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import Parser
from mkdocs.structure.pages import Page

from .search_sections import RowMemo, Section, split_sections

SEARCH_INDEX = "search/search_index.json"


def _serialize(value: object) -> str:
    # What Material's generate_search_index passes to json.dumps: a partial dump equals a slice of the whole.
    return json.dumps(value, separators=(",", ":"), default=str)


def _find_toc_item(toc: Any, anchor: str | None) -> Any:
    """The table-of-contents item with this id, searched depth first as Material does."""
    for item in toc:
        if item.id == anchor:
            return item
        found = _find_toc_item(item.children, anchor)
        if found is not None:
            return found
    return None


def _material_sections(html: str) -> list[Section]:
    """The sections from Material's own parser, for HTML our reader leaves to it."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [Section(section.el.tag, section.depth, section.is_excluded(), section.id, section.title, section.text)
            for section in parser.data]


def make_page_entries(page: Page, rows: RowMemo | None = None) -> list[str]:
    """A page's search entries, serialized, as Material's SearchIndex.create_entry_for_section makes them.

    rows: list rows read in earlier builds under `mkdocs serve` (search_sections.RowMemo).
    """
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return []
    html = page.content or ""
    sections = split_sections(html, rows)
    if sections is None:
        sections = _material_sections(html)
    tags = page.meta.get("tags")
    entries = []
    for section in sections:
        if section.excluded:
            continue
        item = _find_toc_item(page.toc, section.id)
        location = page.url + item.url if item else page.url + "#" + section.id if section.id else page.url
        # A section with no heading text (the page's start) takes the page's title, as in Material.
        title = "".join(section.title or [str(page.meta.get("title", page.title))]).strip()
        entry: dict[str, Any] = {"location": location, "title": title, "text": "".join(section.text).strip()}
        if isinstance(tags, list):
            entry["tags"] = [str(name) for name in tags if name and isinstance(name, (str, int, float, bool))]
        if "boost" in search:
            entry["boost"] = search["boost"]
        entries.append(_serialize(entry))
    return entries


# The page's own `search` front matter while Material's plugin sees the page marked excluded (None: it had none).
_OWN_SEARCH = "reference-own-search"


def hide_from_material(page: Page) -> None:
    """Mark the page `search: exclude` for Material's search plugin: its entries are made here."""
    own = page.meta.get("search")
    page.meta["search"] = {**(own or {}), "exclude": True, _OWN_SEARCH: own}


def show_to_theme(page: Page) -> None:
    """Give the page its own `search` front matter back (the theme tests whether a page has any)."""
    search = page.meta.get("search")
    if not isinstance(search, dict) or _OWN_SEARCH not in search:
        return
    if search[_OWN_SEARCH] is None:
        del page.meta["search"]
    else:
        page.meta["search"] = search[_OWN_SEARCH]


@dataclass
class SearchEntries:
    """Each page's search entries, serialized, in the order a full build indexes the pages."""

    by_page: dict[str, list[str]] = field(default_factory=dict)

    def add(self, page: Page, rows: RowMemo | None = None) -> None:
        """Index a page (its HTML as Material would read it) and hide it from Material's search plugin."""
        self.by_page[page.url] = make_page_entries(page, rows)
        hide_from_material(page)

    def replace_from(self, fresh: SearchEntries, rendered: set[str] | None) -> None:
        """Take the entries of the rendered page URLs (all pages when None) from another build's entries."""
        if rendered is None:
            self.by_page = dict(fresh.by_page)
            return
        for url in rendered:
            self.by_page[url] = fresh.by_page.get(url, [])

    def write(self, index_file: Path, page_order: list[str]) -> None:
        """Rewrite Material's index file with every page's entries: pages in build order, then any other page."""
        # Material's file holds its settings (language, separator, fields) for the search UI: kept as written.
        config_json = _serialize(json.loads(index_file.read_text(encoding="utf-8"))["config"])
        ordered = [url for url in page_order if url in self.by_page]
        listed = set(page_order)
        ordered += [url for url in self.by_page if url not in listed]
        docs = ",".join(entry for url in ordered for entry in self.by_page[url])
        index_file.write_text(f'{{"config":{config_json},"docs":[{docs}]}}', encoding="utf-8")
