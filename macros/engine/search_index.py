"""The search index of a partial build: the new entries of the pages it rendered, the kept ones of all others.

Material's search plugin indexes the pages a build renders and writes them as search/search_index.json.
A partial rebuild under `mkdocs serve` renders a few pages, so its index alone would lose every other
page. The plugin keeps each page's entries, already serialized, from the last build and writes the
merged index in the order of a full build, with Material's own separators: the file equals the one a
full build writes. Only the written file is read; the search plugin's state is left alone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

SEARCH_INDEX = "search/search_index.json"


def _serialize(value: object) -> str:
    # What Material's generate_search_index passes to json.dumps: a partial dump equals a slice of the whole.
    return json.dumps(value, separators=(",", ":"), default=str)


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


@dataclass
class SearchEntries:
    """Each page's search entries, serialized, in the order a full build indexes the pages."""

    config_json: str = "{}"
    by_page: dict[str, list[str]] = field(default_factory=dict)

    def replace_from(self, index_file: Path, rendered: set[str] | None) -> None:
        """Take the entries of the rendered page URLs (all pages when None) from a written index file."""
        written = json.loads(index_file.read_text(encoding="utf-8"))
        self.config_json = _serialize(written["config"])
        fresh: dict[str, list[str]] = {}
        for entry in written["docs"]:
            fresh.setdefault(_page_of(entry["location"]), []).append(_serialize(entry))
        if rendered is None:
            self.by_page = fresh
            return
        for url in rendered:
            self.by_page[url] = fresh.get(url, [])

    def write(self, index_file: Path, page_order: list[str]) -> None:
        """Write the whole index: pages in build order, then any page not in that order."""
        ordered = [url for url in page_order if url in self.by_page]
        ordered += [url for url in self.by_page if url not in set(page_order)]
        docs = ",".join(entry for url in ordered for entry in self.by_page[url])
        index_file.parent.mkdir(parents=True, exist_ok=True)
        index_file.write_text(f'{{"config":{self.config_json},"docs":[{docs}]}}', encoding="utf-8")
