"""The site assembled: load and check everything once, then hand the macros a checked site.

Engine-neutral: mkdocs reaches it through the plugin (engine/plugin.py), editors through `python -m macros check`.
"""
from __future__ import annotations

from ..check.geography import check_map_data
from ..check.integrity import check_consistency, check_references, kinds_by_id
from ..check.page_links import check_page_links
from ..check.pages import check_page_addresses, check_page_templates, check_pages_against_data, origins_by_id
from ..check.reserved_names import check_reserved_names
from ..check.validate import validate_records
from ..export.changes import CHANGES_SCHEMA_FILE
from ..export.downloads import download_paths
from ..load.data_files import load_data_folder
from ..load.geography import Region
from ..load.pages import PageFile, scan_pages
from ..model.dataset import Dataset
from ..model.problems import DataError, Problem
from ..query.index import Index, build_index
from ..query.year_pages import YearPages, plan_year_pages
from ..render.changes import CHANGES_FILE, FEED_FILE
from ..render.urls import url_of_source_file
from .macros import RECORD_MACROS, macro_signatures
from .sandbox import make_page_sandbox
from .state import Site, SiteSettings

# Overview pages that components link to; a site without one of them would have dead links.
OVERVIEW_PAGES = {
    "timeline": "timeline.md", "statements": "statements.md", "sources": "sources.md",
    "organizations": "organizations/index.md", "actors": "actors/index.md", "data": "data.md",
}
# Pages that components link to when the project has them (a tie's row, a disagreement's block).
OPTIONAL_PAGES = {"relations": "relations.md", "disagreements": "disagreements.md"}
# Names the page sandbox offers besides the macros (site/sandbox.py); anything else undeclared is a mistake.
SANDBOX_VARIABLES = {"range"}


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
    problems += check_across_pages(settings, pages, kind_of_id, origins_by_id(raw_by_id),
                                   unreadable_pages=frozenset(p.path for p in page_problems),
                                   unreadable_kinds=frozenset(loaded.unreadable))
    problems += check_page_templates(pages, macro_signatures(), RECORD_MACROS, known_variables(settings),
                                     make_page_sandbox({}, {}), kind_of_id)
    if problems:
        return None, problems
    return assemble_site(settings, dataset, pages, region), []


def known_variables(settings: SiteSettings) -> set[str]:
    """Names a page template may use besides the macros and its own front matter."""
    return SANDBOX_VARIABLES | set(settings.extra_variables)


def check_across_pages(settings: SiteSettings, pages: list[PageFile], kind_of_id: dict[str, str],
                       raw_origins: dict[str, tuple[str, int]], *, unreadable_pages: frozenset[str] = frozenset(),
                       unreadable_kinds: frozenset[str] = frozenset()) -> list[Problem]:
    """The checks that read all pages at once: reserved names, links, addresses, record pages, overview pages."""
    # What the build writes over docs/ files.
    generated_files = [*download_paths(), CHANGES_FILE, CHANGES_SCHEMA_FILE, FEED_FILE]
    problems = check_reserved_names(settings.docs_dir, settings.project_dir, generated_files)
    problems += check_page_links(pages)
    problems += check_page_addresses(pages, use_directory_urls=settings.use_directory_urls)
    problems += check_pages_against_data(pages, kind_of_id, raw_origins, unreadable_pages=unreadable_pages,
                                         unreadable_kinds=unreadable_kinds)
    sources = {page.src for page in pages}
    for role, src in OVERVIEW_PAGES.items():
        if src not in sources:
            problems.append(Problem(str(settings.docs_dir.name + "/" + src), None, "", "page",
                                    f"the {role} overview page is missing", f"a page docs/{src}"))
    return problems


def assemble_site(settings: SiteSettings, dataset: Dataset, pages: list[PageFile], region: Region | None,
                  year_pages: YearPages | None = None, index: Index | None = None) -> Site:
    """The checked site from data and pages that passed every check: the index, year pages and addresses.

    year_pages, index: the plan of the year pages and the index of the dataset when the caller knows they still
    hold (no id or date changed; no data at all).
    """
    index = build_index(dataset) if index is None else index
    year_pages = plan_year_pages(index, settings.split_listings_above) if year_pages is None else year_pages
    to_url = {src: url_of_source_file(src, use_directory_urls=settings.use_directory_urls)
              for src in [page.src for page in pages] + list(year_pages.page_sources().values())}
    optional = {role: src for role, src in OPTIONAL_PAGES.items() if src in to_url}
    roles = {**OVERVIEW_PAGES, **optional, **year_pages.page_sources()}
    return Site(settings=settings, index=index, pages=pages,
                record_urls={page.record: to_url[page.src] for page in pages if page.record},
                page_urls={role: to_url[src] for role, src in roles.items()},
                abbreviations={o.short_name: o.name for o in index.organizations.values() if o.short_name},
                region=region, year_pages=year_pages)


def load_site(settings: SiteSettings) -> Site:
    """Like check_site, but raise DataError listing every problem."""
    site, problems = check_site(settings)
    if site is None:
        raise DataError(problems)
    return site
