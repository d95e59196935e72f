"""What a build under `mkdocs serve` keeps for the next one, and the settings and surroundings it reads from mkdocs."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..query.shown_on import BuildMemory
from ..site.rebuild_plan import select_downloads_to_write, select_pages_to_rebuild
from ..site.state import Site, SiteSettings
from .search_index import SearchEntries


@dataclass
class LastBuild:
    """The last good build: its checked site, what it showed where, its search entries, surroundings, page order."""

    site: Site
    memory: BuildMemory
    search: SearchEntries
    surroundings: str
    page_order: list[str]  # page URLs in the order a full build renders (and indexes) them


def settings_of(config: MkDocsConfig) -> SiteSettings:
    """The site settings from the mkdocs configuration."""
    project_dir = Path(config.config_file_path).resolve().parent
    return SiteSettings(project_dir=project_dir, docs_dir=Path(config.docs_dir).resolve(),
                        data_dir=project_dir / "data", use_directory_urls=config.use_directory_urls,
                        extra_variables=frozenset(config.extra or {}), site_name=config.site_name or "",
                        site_url=config.site_url or "")


def fingerprint_surroundings(config: MkDocsConfig) -> str:
    """A fingerprint of what shapes every page besides data, pages and code: any change rebuilds everything.

    The configuration file, the theme overrides, the map shapes and the files under docs/ that are not
    pages (stylesheets, pictures), by name, size and time of change (reading them all would cost more).
    """
    project_dir = Path(config.config_file_path).resolve().parent
    docs_dir = Path(config.docs_dir).resolve()
    paths = [Path(config.config_file_path)]
    for folder in (project_dir / "overrides", project_dir / "data" / "geo", docs_dir):
        if folder.is_dir():
            paths += sorted(path for path in folder.rglob("*") if path.is_file() and path.suffix != ".md")
    digest = hashlib.sha256()
    for path in paths:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def plan_partial_build(last: LastBuild | None, site: Site, memory: BuildMemory, surroundings: str,
                       whole_site_pages: set[str]) -> tuple[set[str] | None, tuple[set[str], set[str]] | None]:
    """The page files to render and (kinds changed, kinds renamed) for the downloads; (None, None): build all.

    whole_site_pages (the tags index) are rendered by every partial build: Material links a page's tags only
    when their index is rendered.
    """
    if last is None or last.surroundings != surroundings:
        return None, None
    plan = select_pages_to_rebuild(last.site, last.memory, site, memory, whole_site_pages)
    if plan is None:
        return None, None
    return plan | whole_site_pages, select_downloads_to_write(last.memory, memory)
