"""Cite this page: the block every page ends with, naming the page, the site and the date of its data."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..load.data_version import DataVersion, find_data_version
from ..load.editions import Edition, edition_of, find_editions
from ..model.dates import ReducedDate, format_reduced_date
from .html import render_template
from .urls import url_of_download


def page_title_of(body: str, meta: dict, fallback: str) -> str:
    """A page's title as readers see it: front matter 'title', else its first '# ' heading, else fallback."""
    if meta.get("title"):
        return str(meta["title"])
    for line in body.split("\n"):
        if line.startswith("# "):
            return line[2:].strip().rstrip("#").strip()
    return fallback


def absolute_page_url(site_url: str, page_url: str) -> str | None:
    """The page's full address, or None when the site's address is not configured (local builds)."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + page_url


def format_data_date(version: DataVersion) -> str:
    """'25 November 2026' from the data's ISO commit date; 'unknown' when the build had no git history."""
    if not version.date:
        return "unknown"
    year, month, day = (int(part) for part in version.date.split("-"))
    return format_reduced_date(ReducedDate(year, month, day))


@dataclass(frozen=True)
class PageCiter:
    """What every page's citation shares: the site's name and address, the data version, each page's title."""

    site_name: str
    site_url: str
    version: DataVersion
    titles: dict[str, str]  # page source path ('actors/russia.md') -> title
    edition: Edition | None = None  # the named edition that includes this data, if one does yet

    @classmethod
    def for_pages(cls, pages, *, site_name: str, site_url: str, project_dir: Path, data_dir: Path) -> PageCiter:
        """Read the data version once per build and every page's title once."""
        titles = {page.src: page_title_of(page.body, page.meta, site_name) for page in pages}
        version = find_data_version(project_dir, data_dir)
        return cls(site_name, site_url, version, titles, edition_of(version.revision, find_editions(project_dir,
                                                                                                    data_dir)))

    def render(self, src: str, links) -> str:
        """The citation block for the page at src."""
        return render_page_citation(title=self.titles.get(src, self.site_name), site_name=self.site_name,
                                    site_url=self.site_url, page_url=links.page_url, version=self.version,
                                    links=links, edition=self.edition)


def render_page_citation(*, title: str, site_name: str, site_url: str, page_url: str, version: DataVersion,
                         links, edition: Edition | None = None) -> str:
    """Markdown for the end of a page: a heading and how to cite the page, with the date of its data."""
    def to_download(name: str) -> str:
        return url_of_download(name, from_url=links.page_url)

    html = render_template("cite.html", title=title, site_name=site_name, url=absolute_page_url(site_url, page_url),
                           path=page_url or "./", data_date=format_data_date(version),
                           sources_url=links.to_page("sources"), csl_url=to_download("sources.csl.json"),
                           bibtex_url=to_download("sources.bib"), edition=edition.name if edition else None,
                           edition_date=format_data_date(DataVersion(edition.date, None)) if edition else None,
                           archive_url=to_download(f"{edition.name}.zip") if edition else None)
    return "## Cite this page\n\n" + html
