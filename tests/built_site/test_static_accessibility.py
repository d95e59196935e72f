"""Without a browser, over every built page: tables have captions and header cells, pictures have text."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from bs4 import BeautifulSoup

HEADER_SCOPES = ("col", "row", "colgroup", "rowgroup")


def parse_file(site_dir: Path, path: str) -> BeautifulSoup:
    """A built page parsed afresh, by its path in the site."""
    return BeautifulSoup((site_dir / path).read_text(encoding="utf-8"), "html.parser")


def articles_of(site_dir: Path, read: Callable[[str], BeautifulSoup] | None = None):
    """Each built page's article (what the page itself contributes, without Material's frame), by path;
    `read` parses a page by its path in the site (the session's shared read_page for the real site)."""
    read = read or partial(parse_file, site_dir)
    for file in sorted(site_dir.rglob("*.html")):
        article = read(file.relative_to(site_dir).as_posix()).find("article")
        if article is not None:
            yield file.relative_to(site_dir).as_posix(), article


def has_text_alternative(svg) -> bool:
    """An svg is hidden from screen readers, named itself, or the icon of a link, button or captioned figure."""
    if svg.get("aria-hidden") == "true" or svg.find_parent(attrs={"aria-hidden": "true"}):
        return True
    if svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title"):
        return True
    control = svg.find_parent(["a", "button"])
    if control is not None and (control.get_text(strip=True) or control.get("aria-label")):
        return True
    figure = svg.find_parent("figure")
    return bool(figure is not None and figure.find("figcaption") and figure.figcaption.get_text(strip=True))


def find_table_problems(site_dir: Path, read: Callable[[str], BeautifulSoup] | None = None) -> tuple[int, list[str]]:
    """Count the content tables; list those without a caption, header cells, or a scope on each header."""
    tables, problems = 0, []
    for where, article in articles_of(site_dir, read):
        for table in article.find_all("table"):
            tables += 1
            label = f"{where}: table {table.get('class')}"
            caption = table.find("caption")
            if caption is None or not caption.get_text(strip=True):
                problems.append(f"{label} has no caption")
            if table.find("th") is None:
                problems.append(f"{label} has no header cells")
            if any(th.get("scope") not in HEADER_SCOPES for th in table.find_all("th")):
                problems.append(f"{label} has a header cell without scope")
    return tables, problems


def find_picture_problems(site_dir: Path, read: Callable[[str], BeautifulSoup] | None = None) -> list[str]:
    """Images without alt, and svg pictures without any text alternative, in the content of every page."""
    problems = []
    for where, article in articles_of(site_dir, read):
        # alt="" is right for a decorative image; a missing alt is not.
        problems += [f"{where}: <img src={image.get('src')}> has no alt"
                     for image in article.find_all("img") if image.get("alt") is None]
        problems += [f"{where}: <svg class={svg.get('class')}> has no text alternative"
                     for svg in article.find_all("svg") if not has_text_alternative(svg)]
    return problems


def test_every_table_has_a_caption_and_header_cells(built_site, read_page):
    tables, problems = find_table_problems(built_site, read_page)
    assert problems == []
    assert tables > 0


def test_every_picture_has_a_text_alternative(built_site, read_page):
    assert find_picture_problems(built_site, read_page) == []


def test_unlabelled_tables_and_pictures_are_reported(tmp_path):
    (tmp_path / "index.html").write_text(
        '<article><table class="bare"><tr><td>1</td></tr></table>'
        '<table><caption>Ok</caption><tr><th>h</th></tr></table>'
        '<img src="a.png"><img src="b.png" alt="">'
        '<svg class="chart"></svg><svg aria-hidden="true"></svg><svg role="img"><title>Map</title></svg>'
        '<figure><svg class="map"></svg><figcaption>Map of Central Asia</figcaption></figure></article>',
        encoding="utf-8")
    assert find_table_problems(tmp_path) == (2, [
        "index.html: table ['bare'] has no caption",
        "index.html: table ['bare'] has no header cells",
        "index.html: table None has a header cell without scope",
    ])
    assert find_picture_problems(tmp_path) == [
        "index.html: <img src=a.png> has no alt",
        "index.html: <svg class=['chart']> has no text alternative",
    ]
