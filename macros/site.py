"""The site: load and check everything once, then serve macros that only look up and format.

This module is engine-neutral: mkdocs reaches it through macros/glue.py, the checker through cli.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jinja2 import Environment

from . import query
from .components import (Draw, render_event_list, render_membership_table, render_profile,
                         render_statement_list)
from .integrity import check_consistency, check_references, kinds_by_id
from .links import CitationCollector, PageLinks, url_of_source_file
from .load import load_data_folder
from .overviews import render_actor_index, render_data_summary, render_membership_matrix, render_organization_index
from .page_links import check_page_links
from .parse_cache import default_cache_dir
from .pages import PageFile, check_page_templates, check_pages_against_data, origins_by_id, scan_pages
from .problems import DataError, Problem
from .query import Index, build_index
from .render import (index_abbreviation_definitions, render_abbreviation_definitions, render_reference_list,
                     select_abbreviation_definitions)
from .validate import validate_records
from .year_pages import SPLIT_ABOVE, YearPages, plan_year_pages
from .listing_macros import LISTING_MACROS, ListingMacros
from .picture_macros import PICTURE_MACROS, PictureMacros, check_map_data
from .citing import PageCiter
from .downloads import render_download_list

# Overview pages that components link to; a site without one of them would have dead links.
OVERVIEW_PAGES = {
    "timeline": "timeline.md", "statements": "statements.md", "sources": "sources.md",
    "organizations": "organizations/index.md", "actors": "actors/index.md", "data": "data.md",
}
# Names mkdocs-macros itself provides to pages; anything else undeclared is a mistake.
ENGINE_FILTERS = ("pretty", "relative_url")
ENGINE_VARIABLES = {"page", "config", "environment", "plugin", "git", "macros_info", "now", "fix_url",
                    "navigation", "files", "extra"}


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
    # Parsed data files are cached by content outside the project (see parse_cache.py).
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
    region: object | None = None  # the map shapes (geography.Region), when data/geo/ has them
    year_pages: YearPages = field(default_factory=YearPages)

    def __post_init__(self) -> None:
        # Rendered once per build; each page then picks the lines of the names it uses.
        self.abbreviation_lines = index_abbreviation_definitions(render_abbreviation_definitions(self.abbreviations))


def check_site(settings: SiteSettings) -> tuple[Site | None, list[Problem]]:
    """Load, validate and cross-check data and pages; return the site (None if it has problems) and problems."""
    loaded = load_data_folder(settings.data_dir, settings.parse_cache_dir)
    dataset, raw_by_id, problems = validate_records(loaded)
    kind_of_id = kinds_by_id(raw_by_id)
    problems += check_references(loaded, kind_of_id)
    problems += check_consistency(dataset, kind_of_id)
    region, map_problems = check_map_data(settings.data_dir, dataset)
    problems += map_problems
    pages, page_problems = scan_pages(settings.docs_dir, settings.project_dir)
    problems += page_problems
    problems += check_page_links(pages)
    problems += check_pages_against_data(pages, kind_of_id, origins_by_id(raw_by_id),
                                         unreadable_pages=frozenset(p.path for p in page_problems),
                                         unreadable_kinds=frozenset(loaded.unreadable))
    sources = {page.src for page in pages}
    for role, src in OVERVIEW_PAGES.items():
        if src not in sources:
            problems.append(Problem(str(settings.docs_dir.name + "/" + src), None, "", "page",
                                    f"the {role} overview page is missing", f"a page docs/{src}"))
    macro_functions = {name: getattr(MacroSet, name) for name in MACRO_NAMES}
    # Bound methods would hide 'self'; inspect the unbound functions with a placeholder self instead.
    signatures = {name: _without_self(function) for name, function in macro_functions.items()}
    problems += check_page_templates(pages, signatures, RECORD_MACROS,
                                     ENGINE_VARIABLES | set(settings.extra_variables), _engine_jinja(), kind_of_id)
    if problems:
        return None, problems
    index = build_index(dataset)
    year_pages = plan_year_pages(index, settings.split_listings_above)
    to_url = {src: url_of_source_file(src, use_directory_urls=settings.use_directory_urls)
              for src in [page.src for page in pages] + list(year_pages.page_sources().values())}
    roles = {**OVERVIEW_PAGES, **year_pages.page_sources()}
    site = Site(settings=settings, index=index, pages=pages,
                record_urls={page.record: to_url[page.src] for page in pages if page.record},
                page_urls={role: to_url[src] for role, src in roles.items()},
                abbreviations={o.short_name: o.name for o in index.organizations.values() if o.short_name},
                region=region, year_pages=year_pages)
    return site, []


def load_site(settings: SiteSettings) -> Site:
    """Like check_site, but raise DataError listing every problem."""
    site, problems = check_site(settings)
    if problems:
        raise DataError(problems)
    return site


def _engine_jinja() -> Environment:
    """A Jinja environment that knows the filters mkdocs-macros gives pages, for the static page check."""
    jinja = Environment()
    jinja.filters.update({name: str for name in ENGINE_FILTERS})
    return jinja


def _without_self(function):
    """A wrapper with the macro's signature minus 'self', for checking calls in pages."""
    import functools
    import inspect

    signature = inspect.signature(function)
    parameters = list(signature.parameters.values())[1:]

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return None

    wrapper.__signature__ = signature.replace(parameters=parameters)
    return wrapper


# ---------------------------------------------------------------- macros

# Lists on record pages that repeat the timeline and the statements page: search finds each event
# and statement once, where it lives, instead of once per participant. Charts and maps repeat the
# lists beside them as pictures (the timeline chart alone is 2.4 KB per event); claims and rebuttals
# repeat statements found on the statements page.
UNINDEXED_MACROS = {"event_list", "statement_list", "timeline_chart", "membership_maps", "locator_map",
                    "claims_and_rebuttals"}
RECORD_MACROS = {"profile", "membership_table", "event_list", "statement_list", "locator_map"}
MACRO_NAMES = ("profile", "membership_table", "event_list", "statement_list",
               "membership_matrix", "organization_index", "actor_index",
               "data_summary", "download_list") + LISTING_MACROS + PICTURE_MACROS


class MacroError(ValueError):
    """A macro was called where it cannot work: no record on the page, or an unknown record."""


class MacroSet(ListingMacros, PictureMacros):
    """The macros pages call. The engine announces each page with start_page and closes it with finish_page."""

    def __init__(self, site: Site):
        self.site = site
        self.page_src = ""
        self.page_record: str | None = None
        # How generated HTML enters the page; an engine may hold it aside and insert it after Markdown.
        self.hold_html: Callable[[str, bool], str] = lambda html, searchable: html
        self.draw = self._draw_for("")
        self.citer = PageCiter.for_pages(site.pages, site_name=site.settings.site_name, site_url=site.settings.site_url,
                                         project_dir=site.settings.project_dir, data_dir=site.settings.data_dir)

    def _draw_for(self, page_url: str) -> Draw:
        links = PageLinks(page_url, self.site.record_urls, self.site.page_urls, CitationCollector())
        return Draw(self.site.index, links, self.site.year_pages)

    def start_page(self, src: str, record: str | None) -> None:
        """Reset per-page state (citation numbers, links) for the page about to render."""
        self.page_src = src
        self.page_record = record
        self.draw = self._draw_for(url_of_source_file(src, use_directory_urls=self.site.settings.use_directory_urls))

    def finish_page(self, page_markdown: str = "") -> str:
        """Markdown to append to the page: the references it cited, and definitions of the abbreviations it uses."""
        parts = []
        references = render_reference_list(self.draw.links, self.site.index.sources, self.site.year_pages.sources.role_of)
        if references:
            # The list repeats the sources page: the engine may keep it out of the search index.
            parts.append("## Sources cited on this page\n\n" + self.hold_html(references, False))
        parts.append(self.citer.render(self.page_src, self.draw.links))
        abbreviations = select_abbreviation_definitions(self.site.abbreviation_lines, page_markdown)
        if abbreviations:
            parts.append(abbreviations)
        return "\n\n" + "\n\n".join(parts) + "\n" if parts else ""

    def page_tags(self) -> list[str]:
        """Tags for the current page, from its record's type or kind."""
        return self.tags_for(self.page_record)

    def tags_for(self, record_id: str | None) -> list[str]:
        """Tags for a record's page: the actor's type, or 'Organization'."""
        record = query.find_record(self.site.index, record_id) if record_id else None
        if record is None:
            return []
        return [getattr(record, "type", None) and record.type.replace("-", " ").capitalize()
                or "Organization"]

    def _record(self, record: str | None, macro: str) -> str:
        record_id = record or self.page_record
        if not record_id:
            raise MacroError(f"{self.page_src}: {macro}() needs a record: add 'record: <id>' to the front matter")
        if query.find_record(self.site.index, record_id) is None:
            raise MacroError(f"{self.page_src}: {macro}(): unknown record '{record_id}'")
        return record_id

    def profile(self, record: str | None = None) -> str:
        """The profile of the page's record: type, names, positions, summary."""
        return render_profile(query.find_record(self.site.index, self._record(record, "profile")), self.draw)

    def membership_table(self, record: str | None = None) -> str:
        """Members of an organization by role, or an actor's organizations."""
        return render_membership_table(self._record(record, "membership_table"), self.draw)

    def event_list(self, record: str | None = None) -> str:
        """Events the record took part in, chronologically."""
        record_id = self._record(record, "event_list")
        return render_event_list(query.events_of(self.site.index, record_id), self.draw, focus=record_id)

    def statement_list(self, record: str | None = None) -> str:
        """Statements by or about the record."""
        record_id = self._record(record, "statement_list")
        return render_statement_list(query.statements_of(self.site.index, record_id), self.draw)

    def membership_matrix(self) -> str:
        """Actors × organizations, with roles."""
        return render_membership_matrix(self.draw)

    def organization_index(self) -> str:
        """A table of all organizations."""
        return render_organization_index(self.draw)

    def actor_index(self) -> str:
        """Tables of all actors by type."""
        return render_actor_index(self.draw)

    def data_summary(self) -> str:
        """Record counts and fields per kind."""
        return render_data_summary(self.draw)

    def download_list(self) -> str:
        """Every downloadable file, with its format and record count."""
        return render_download_list(self.site.index.dataset, self.draw.links.page_url)
