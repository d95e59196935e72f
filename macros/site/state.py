"""The checked site that the macros draw from: its settings, its index, its pages and their addresses."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..load.geography import Region
from ..load.pages import PageFile
from ..load.parse_cache import default_cache_dir
from ..query.index import Index
from ..query.year_pages import SPLIT_ABOVE, YearPages
from ..render.html import index_abbreviation_definitions, render_abbreviation_definitions


@dataclass(frozen=True)
class SiteSettings:
    """Where the project's parts are, and how URLs are formed."""

    project_dir: Path
    docs_dir: Path
    data_dir: Path
    use_directory_urls: bool = True
    extra_variables: frozenset[str] = frozenset()
    site_name: str = ""  # for the 'cite this page' text
    site_url: str = ""  # empty in local builds: citations then give the page's path
    # Parsed data files are cached by content outside the project (see load/parse_cache.py).
    parse_cache_dir: Path | None = field(default_factory=default_cache_dir)
    # Above this many entries the timeline, the statements, the claims or the sources page gets year pages.
    split_listings_above: int = SPLIT_ABOVE


@dataclass
class Site:
    """Everything the macros need, validated: the index, the pages and their URLs."""

    settings: SiteSettings
    index: Index
    pages: list[PageFile]
    record_urls: dict[str, str]
    page_urls: dict[str, str]
    abbreviations: dict[str, str] = field(default_factory=dict)
    region: Region | None = None  # the map shapes, when data/geo/ has them
    year_pages: YearPages = field(default_factory=YearPages)
    # Each cited source's description in reference lists, drawn on the first page that cites it (render/rows.py):
    # a Site lives one build, so nothing drawn here outlives the data it was drawn from.
    source_descriptions: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Parts of event and statement rows shared by the record pages of a folder (Draw.parts_of), for one build.
    row_parts: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Rendered once per build; each page then picks the lines of the names it uses.
        self.abbreviation_lines = index_abbreviation_definitions(render_abbreviation_definitions(self.abbreviations))

