"""Citing: the sources as CSL-JSON and BibTeX, and the 'cite this page' text every page ends with.

The date of the data is the date of the newest git commit that touched data/: it changes exactly when
the data changes, with no field for an editor to forget to bump, and the commit hash pins the version.
"""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .dates import ReducedDate, format_reduced_date
from .model import Source

# Source kinds as CSL item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types).
CSL_TYPES = {"analysis": "article-magazine", "news": "article-newspaper", "official": "document",
             "reference": "entry-encyclopedia"}
BIBTEX_TYPES = {"analysis": "article", "news": "article", "official": "misc", "reference": "misc"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Characters LaTeX reads as commands; escaped so titles and names print as written.
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


# ---------------------------------------------------------------- sources

def _date_parts(date: ReducedDate) -> list[int]:
    """CSL date parts at the date's own precision: [2023, 4], never an invented day."""
    return [part for part in (date.year, date.month, date.day) if part]


def source_as_csl(source: Source) -> dict:
    """One source as a CSL-JSON item, for Zotero, Pandoc and other reference managers."""
    item: dict = {"id": source.id, "type": CSL_TYPES[source.kind], "title": source.title,
                  "issued": {"date-parts": [_date_parts(source.date)]}}
    if BIBTEX_TYPES[source.kind] == "article":
        item["container-title"] = source.publisher  # an article appears in the publisher's periodical
    else:
        item["publisher"] = source.publisher
    if source.series:
        item["section"] = source.series
    if source.author:
        # A literal name: splitting names into given and family parts would guess.
        item["author"] = [{"literal": source.author}]
    if source.url:
        item["URL"] = source.url
    if source.summary:
        item["abstract"] = source.summary
    return item


def render_csl_json(sources: list[Source]) -> str:
    """All sources as a CSL-JSON array."""
    return json.dumps([source_as_csl(source) for source in sources], ensure_ascii=False, indent=2) + "\n"


def escape_bibtex(text: str) -> str:
    """Text safe inside a BibTeX field: LaTeX's special characters escaped."""
    return "".join(_BIBTEX_ESCAPES.get(character, character) for character in " ".join(str(text).split()))


def source_as_bibtex(source: Source) -> str:
    """One source as a BibTeX entry keyed by its id."""
    fields = [("title", "{" + escape_bibtex(source.title) + "}")]  # double braces keep the title's capitals
    if source.author:
        fields.append(("author", "{" + escape_bibtex(source.author) + "}"))
    venue = "journal" if BIBTEX_TYPES[source.kind] == "article" else "publisher"
    fields.append((venue, escape_bibtex(source.publisher)))
    if source.series:
        fields.append(("series", escape_bibtex(source.series)))
    fields.append(("year", str(source.date.year)))
    if source.date.month:
        fields.append(("month", _MONTHS[source.date.month - 1]))
    fields.append(("date", source.date.iso()))
    if source.url:
        fields.append(("url", source.url))
    if source.summary:
        fields.append(("abstract", escape_bibtex(source.summary)))
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
                      for name, value in fields)
    return f"@{BIBTEX_TYPES[source.kind]}{{{source.id},\n{body}\n}}\n"


def render_bibtex(sources: list[Source]) -> str:
    """All sources as a BibTeX file."""
    return "\n".join(source_as_bibtex(source) for source in sources)


# ---------------------------------------------------------------- this page

@dataclass(frozen=True)
class DataVersion:
    """When the data last changed, and the commit that changed it; both None outside a git checkout."""

    date: str | None  # ISO date: 2026-11-25
    revision: str | None  # short commit hash


def find_data_version(project_dir: Path, data_dir: Path) -> DataVersion:
    """The newest git commit touching the data folder: its date and short hash."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs %h", "--", str(data_dir)], cwd=project_dir,
                                capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return DataVersion(None, None)  # no git: the citation says the date is unknown rather than guess
    parts = result.stdout.split()
    return DataVersion(parts[0], parts[1]) if result.returncode == 0 and len(parts) == 2 else DataVersion(None, None)


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

    @classmethod
    def for_pages(cls, pages, *, site_name: str, site_url: str, project_dir: Path, data_dir: Path) -> "PageCiter":
        """Read the data version once per build and every page's title once."""
        titles = {page.src: page_title_of(page.body, page.meta, site_name) for page in pages}
        return cls(site_name, site_url, find_data_version(project_dir, data_dir), titles)

    def render(self, src: str, links) -> str:
        """The citation block for the page at src."""
        return render_page_citation(title=self.titles.get(src, self.site_name), site_name=self.site_name,
                                    site_url=self.site_url, page_url=links.page_url, version=self.version,
                                    links=links)


def render_page_citation(*, title: str, site_name: str, site_url: str, page_url: str, version: DataVersion,
                         links) -> str:
    """Markdown for the end of a page: a heading and how to cite the page, with the date of its data."""
    from .downloads import url_of_download  # local: downloads imports this module for the source formats
    from .render import render_template

    def to_download(name: str) -> str:
        return url_of_download(name, from_url=links.page_url)

    html = render_template("cite.html", title=title, site_name=site_name, url=absolute_page_url(site_url, page_url),
                           path=page_url or "./", data_date=format_data_date(version), revision=version.revision,
                           sources_url=links.to_page("sources"), csl_url=to_download("sources.csl.json"),
                           bibtex_url=to_download("sources.bib"))
    return "## Cite this page\n\n" + html
