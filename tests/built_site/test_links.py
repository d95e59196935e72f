"""Every internal link and anchor in the built site resolves; no page links to the site's own pages absolutely."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Attributes that make the browser fetch or go somewhere.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src",
                   "source": "src", "iframe": "src", "video": "src", "audio": "src", "use": "href"}
# Schemes that leave the site or are not addresses at all; they are not the site's links to check.
OTHER_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript"}
ERROR_PAGE = "404.html"


@dataclass(frozen=True)
class Link:
    """One href/src found in a built page."""

    page: str  # the page's file, relative to the site folder ('actors/iskp/index.html')
    tag: str
    url: str
    rel: str = ""


def collect_links(site_dir: Path, read: Callable[[str], BeautifulSoup] | None = None
                  ) -> tuple[list[Link], dict[str, set[str]]]:
    """All links of every built HTML page, and the ids (anchor targets) each page defines; `read` parses a
    page by its path in the site (the session's shared read_page for the real site)."""
    links: list[Link] = []
    anchors: dict[str, set[str]] = {}
    for file in sorted(site_dir.rglob("*.html")):
        page = file.relative_to(site_dir).as_posix()
        soup = read(page) if read else BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        anchors[page] = {element["id"] for element in soup.find_all(id=True)}
        anchors[page] |= {element["name"] for element in soup.find_all("a", attrs={"name": True})}
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                url = element.get(attribute) or element.get("xlink:href")
                if url is not None:
                    links.append(Link(page, tag, url.strip(), " ".join(element.get("rel") or [])))
    return links, anchors


def resolve_link(site_dir: Path, link: Link) -> tuple[str | None, str]:
    """The site file a relative link points at (None if missing), and its decoded #fragment."""
    parts = urlsplit(link.url)
    page_folder = PurePosixPath(link.page).parent
    target = PurePosixPath(unquote(parts.path)) if parts.path else PurePosixPath(link.page).name
    if parts.path.startswith("/"):
        page_folder, target = PurePosixPath("."), PurePosixPath(unquote(parts.path).lstrip("/"))
    path = (site_dir / page_folder / target).resolve()
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    if not path.is_file() or site_dir.resolve() not in path.parents:
        return None, unquote(parts.fragment)
    return path.relative_to(site_dir.resolve()).as_posix(), unquote(parts.fragment)


def read_site_url(site_dir: Path) -> str:
    """The address the site was built for ('' when site_url was unset): the home page's canonical link."""
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    canonical = home.find("link", rel="canonical")
    return canonical["href"] if canonical is not None else ""


def find_broken_links(site_dir: Path, site_url: str = "", read: Callable[[str], BeautifulSoup] | None = None
                      ) -> tuple[int, list[str]]:
    """Check every internal link and anchor; return how many were checked and what is wrong."""
    links, anchors = collect_links(site_dir, read)
    problems: list[str] = []
    # Each page's navigation repeats the same links: a link from one folder resolves once (the file checks
    # of resolve_link, tens of thousands of them, were most of the walk).
    resolved: dict[tuple[PurePosixPath, str], tuple[str | None, str]] = {}
    checked = 0
    for link in links:
        parts = urlsplit(link.url)
        # A canonical link must be absolute; any other link to the site's own address should be relative.
        if site_url and link.url.startswith(site_url) and "canonical" not in link.rel:
            checked += 1
            problems.append(f"{link.page}: absolute link to the site's own page: {link.url}")
            continue
        if parts.scheme in OTHER_SCHEMES or link.url.startswith("//"):
            continue
        checked += 1
        # The 404 page is served at any missing address, so mkdocs gives it root-based links on purpose.
        allowed_root_link = link.page == ERROR_PAGE and link.url.startswith("/") and not parts.scheme
        if (parts.scheme or link.url.startswith("/")) and not allowed_root_link:
            # A root-absolute link breaks as soon as the site is hosted below a path, or opened from disk.
            problems.append(f"{link.page}: absolute link to the site's own page: {link.url}")
            continue
        # A link with no path ('#x') points into its own page, so then the page itself is the key.
        key = (PurePosixPath(link.page).parent if parts.path else PurePosixPath(link.page), link.url)
        if key not in resolved:
            resolved[key] = resolve_link(site_dir, link)
        target, fragment = resolved[key]
        if target is None:
            problems.append(f"{link.page}: <{link.tag}> {link.url} -> no such file")
        elif fragment and target.endswith(".html") and fragment not in anchors.get(target, set()):
            problems.append(f"{link.page}: <{link.tag}> {link.url} -> no id '{fragment}' in {target}")
    return checked, problems


def test_every_internal_link_and_anchor_resolves(built_site, read_page, capsys):
    checked, problems = find_broken_links(built_site, read_site_url(built_site), read_page)
    assert problems == []
    # The site has dozens of pages, each with navigation: finding none would mean the walk itself is broken.
    assert checked > 100
    with capsys.disabled():
        print(f"\nlinks checked: {checked} internal links and anchors in {built_site}, none broken")


def test_absolute_links_to_the_site_are_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="/a/">root</a><a href="../a/#top">ok</a><a href="#missing">gone</a>'
        '<a href="../b/">nowhere</a><a href="https://example.org/">out</a><h1 id="top">T</h1>'
        '<a href="https://ref.example/a/">self</a><link rel="canonical" href="https://ref.example/a/">',
        encoding="utf-8")
    # The 404 page may link from the root, but its links must still lead somewhere.
    (tmp_path / "404.html").write_text('<a href="/a/#top">home</a><a href="/gone/">gone</a>', encoding="utf-8")
    checked, problems = find_broken_links(tmp_path, "https://ref.example/")
    assert checked == 7
    assert problems == [
        "404.html: <a> /gone/ -> no such file",
        "a/index.html: absolute link to the site's own page: /a/",
        "a/index.html: <a> #missing -> no id 'missing' in a/index.html",
        "a/index.html: <a> ../b/ -> no such file",
        "a/index.html: absolute link to the site's own page: https://ref.example/a/",
    ]
