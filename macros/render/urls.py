"""Links and citations for one page: relative URLs to other pages, and numbered references."""
from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field

from ..export.downloads import DOWNLOADS_FOLDER
from ..load.pages import address_of
from ..model.records import Citation


def url_of_source_file(src: str, *, use_directory_urls: bool = True) -> str:
    """The site URL of a Markdown file, as mkdocs builds it: 'actors/russia.md' -> 'actors/russia/'."""
    return address_of(src, use_directory_urls=use_directory_urls)  # one rule, which the page check uses too


def relative_url(target: str, *, from_url: str) -> str:
    """A link from the page at from_url to the site URL target (both relative to the site root)."""
    path, _, anchor = target.partition("#")
    start = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = _relative_path(path or ".", start.rstrip("/") or ".")
    if path.endswith("/") or path == "":
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=65536)
def _relative_path(path: str, start: str) -> str:
    """posixpath.relpath for site paths (relative, no '..'); without its two abspath calls per link."""
    target = [part for part in path.split("/") if part not in ("", ".")]
    origin = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(target), len(origin)) and target[common] == origin[common]:
        common += 1
    return "/".join([".."] * (len(origin) - common) + target[common:]) or "."


def relative_from_page(path: str, page_url: str, parent: str | None = None) -> str:
    """relative_url(path, from_url=page_url) for a path without anchor, shared between pages of one folder.

    A page 'actors/a/' links to a path outside its own folder as its parent folder 'actors/' does, one level
    further up: '../' + the parent's link. The parent's links are kept (_relative_from_folder), so the thousand
    pages of a folder compute each target once between them instead of once each (at 1,000 actors, 8,892
    links serve 241,843 uses). parent: the page's parent folder (parent_folder), when already known.
    """
    if not page_url.endswith("/") or path.startswith(page_url) or path == page_url[:-1]:
        return relative_url(path, from_url=page_url)  # a page's own address or what lies below it
    from_parent = _relative_from_folder(path, parent_folder(page_url) if parent is None else parent)
    return "../" if from_parent == "./" else "../" + from_parent


def parent_folder(page_url: str) -> str:
    """The folder holding a page's own folder: 'actors' for 'actors/a/', '' for 'a/'."""
    return posixpath.dirname(page_url.rstrip("/"))


@functools.lru_cache(maxsize=65536)
def _relative_from_folder(path: str, folder: str) -> str:
    """relative_url from the folder 'actors' (or the site root, '') to path."""
    return relative_url(path, from_url=f"{folder}/" if folder else "")


@dataclass
class CitationCollector:
    """Numbers the sources cited on one page in order of first citation, with their locators."""

    numbers: dict[str, int] = field(default_factory=dict)
    locators: dict[str, list[str]] = field(default_factory=dict)

    def number_of(self, citation: Citation) -> int:
        """Register a citation and return its source's number on this page."""
        if citation.source not in self.numbers:
            self.numbers[citation.source] = len(self.numbers) + 1
            self.locators[citation.source] = []
        if citation.locator and citation.locator not in self.locators[citation.source]:
            self.locators[citation.source].append(citation.locator)
        return self.numbers[citation.source]


@dataclass
class PageLinks:
    """Everything a render function needs to link from the current page."""

    page_url: str
    record_urls: dict[str, str]  # record id -> site URL of its page
    page_urls: dict[str, str]  # page role ('timeline', 'sources', ...) -> site URL
    citations: CitationCollector = field(default_factory=CitationCollector)
    # Target path -> relative link from this page: a page links to the same few pages hundreds of times
    # (its year pages with an anchor per event), and each link took a path computation of its own.
    _relative: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The folder holding this page's own folder ('actors' for 'actors/a/'): its links are shared.
        self.folder = parent_folder(self.page_url)

    def relative(self, target: str) -> str:
        """Relative link from this page to a site URL (a path, optionally with '#anchor')."""
        path, _, anchor = target.partition("#")
        return self._with_anchor(path, anchor)

    def _with_anchor(self, path: str, anchor: str) -> str:
        """Relative link from this page to a path (no '#'), with the anchor if any; each path computed once."""
        found = self._relative.get(path)
        if found is None:
            found = self._relative[path] = relative_from_page(path, self.page_url, self.folder)
        return f"{found}#{anchor}" if anchor else found

    def to_record(self, record_id: str) -> str | None:
        """Relative link to a record's page, or None when it has none."""
        target = self.record_urls.get(record_id)
        return None if target is None else self.relative(target)

    def to_page(self, role: str, anchor: str = "") -> str:
        """Relative link to one of the site's overview pages, optionally to an anchor on it."""
        target = self.page_urls[role]
        if target == self.page_url and anchor:
            return f"#{anchor}"
        if "#" in target:  # relative() splits at the first '#': keep its reading of such a target
            return self.relative(f"{target}#{anchor}" if anchor else target)
        # Not joined to its anchor only to be split again: every event and statement row links to its year page
        # this way (370,000 links per build at 1,000 actors).
        return self._with_anchor(target, anchor)


def url_of_download(name: str, *, from_url: str) -> str:
    """A relative link from the page at from_url to a file under downloads/."""
    return relative_url(f"{DOWNLOADS_FOLDER}/{name}", from_url=from_url)
