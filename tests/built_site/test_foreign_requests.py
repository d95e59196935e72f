"""No foreign request, in the HTML of both builds: every page declares the Content-Security-Policy and has
nothing it would refuse, and the published build (SITE_URL, REPO_URL, EDIT_URI set) links its repository
without Material's component that asks api.github.com.

What the policy does in a browser is tested in tests/browser/test_published_site.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.published_build import (
    PUBLISHED_ENVIRONMENT,
    SITE_FOLDER_NAME,
    published_site_fixture,  # noqa: F401  (the fixture published_site)
)
from tests.support import PROJECT_DIR

REPO_URL = PUBLISHED_ENVIRONMENT["REPO_URL"]
EDIT_URL = f"{REPO_URL}/{PUBLISHED_ENVIRONMENT['EDIT_URI']}"
# The policy every page declares, directive by directive (overrides/main.html says why each).
EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "style-src-elem": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
MATERIAL_SCRIPTS = Path(__import__("material").__file__).parent / "templates" / "partials" / "javascripts"
THEME_SCRIPTS = PROJECT_DIR / "overrides" / "assets" / "javascripts" / "theme"


def read_pages(site: Path, read: Callable[[str], BeautifulSoup] | None = None) -> dict[str, BeautifulSoup]:
    """Every HTML page of a built site, by its path in the site; `read` parses one by that path."""
    read = read or (lambda path: BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser"))
    return {path.relative_to(site).as_posix(): read(path.relative_to(site).as_posix())
            for path in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def both_builds(built_site, read_page, published_site) -> dict[str, dict[str, BeautifulSoup]]:
    """The pages of the local build (parsed once for the session, shared with other tests) and of the
    published build."""
    return {"local": read_pages(built_site, read_page), "published": read_pages(published_site)}


def parse_policy(text: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: [sources]}."""
    directives = [part.split() for part in text.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


# ---------------------------------------------------------------- the policy

@pytest.mark.build
def test_every_page_of_both_builds_declares_the_policy_before_anything_it_governs(both_builds):
    checked = 0
    for build, pages in both_builds.items():
        assert len(pages) > 30, build
        for path, soup in pages.items():
            metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
            assert len(metas) == 1, f"{build} {path}"
            assert parse_policy(metas[0]["content"]) == EXPECTED_POLICY, f"{build} {path}"
            # A <meta> policy governs only what follows it: no script or stylesheet may come first.
            assert metas[0].parent.name == "head"
            assert metas[0].find_all_previous(["script", "link", "style"]) == [], f"{build} {path}"
            checked += 1
    assert checked == sum(len(pages) for pages in both_builds.values())


@pytest.mark.build
def test_no_page_has_script_or_style_the_policy_would_refuse(both_builds):
    for build, pages in both_builds.items():
        for path, soup in pages.items():
            where = f"{build} {path}"
            # JSON data blocks (Material's __config, JSON-LD) are never run: the only scripts without a src allowed.
            inline = [str(script)[:80] for script in soup.find_all("script")
                      if not script.get("src") and not script.get("type", "").endswith("json")]
            assert inline == [], where
            handlers = [f"{tag.name}[{name}]" for tag in soup.find_all(True) for name in tag.attrs
                        if name.lower().startswith("on")]
            assert handlers == [], where
            assert not soup.find_all(href=re.compile(r"^\s*javascript:", re.I)), where
            assert soup.find_all("style") == [], where
            # Everything the page loads comes from the site itself: relative, or absolute below SITE_URL's path.
            loaded = ([tag["src"] for tag in soup.find_all(["script", "img", "iframe", "embed", "source"], src=True)]
                      + [tag["href"] for tag in soup.find_all("link", href=True)
                         if {"stylesheet", "icon", "preload", "modulepreload", "manifest"} & set(tag.get("rel", []))]
                      + [tag["data"] for tag in soup.find_all("object", data=True)])
            foreign = [url for url in loaded if re.match(r"^([a-z][a-z0-9+.-]*:|//)", url, re.I)]
            assert foreign == [], where


def test_theme_scripts_are_materials_inline_scripts():
    # The policy allows no inline script, so Material's four are served from overrides/assets/javascripts/theme/.
    # When Material changes one on an upgrade, its file must change with it: compared here, text for text.
    def inline_scripts(partial: str) -> list[str]:
        return re.findall(r"<script>(.*?)</script>", (MATERIAL_SCRIPTS / partial).read_text(encoding="utf-8"), re.S)

    def served(name: str) -> str:
        text = (THEME_SCRIPTS / name).read_text(encoding="utf-8")
        return re.sub(r"^/\*.*?\*/\n", "", text, flags=re.S).rstrip("\n")  # without its header comment

    storage = inline_scripts("base.html")[0]
    assert storage.replace('"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.mdScope") \
        == served("storage.js")
    assert inline_scripts("palette.html") == [served("palette.js")]
    assert inline_scripts("content.html") == [served("tabs.js"), served("target.js")]
    # Material's other inline scripts come with features this site does not use; a new one fails the test above.
    unused = {"announce.html", "consent.html", "outdated.html"}
    assert {path.name for path in MATERIAL_SCRIPTS.glob("*.html")} == {"base.html", "palette.html", "content.html",
                                                                       *unused}


# ---------------------------------------------------------------- the repository, without api.github.com

@pytest.mark.build
def test_published_pages_link_the_repository_without_the_facts_component(both_builds):
    for path, soup in both_builds["published"].items():
        assert [a["href"] for a in soup.select("a.md-source")] == [REPO_URL, REPO_URL], path
        # With data-md-component="source", Material's script asks api.github.com for stars and forks.
        assert soup.find(attrs={"data-md-component": "source"}) is None, path
        assert "api.github.com" not in str(soup), path
    for path, soup in both_builds["local"].items():
        assert soup.select("a.md-source") == [], path  # no REPO_URL, no repository link


@pytest.mark.build
def test_published_pages_link_their_own_source_file_for_editing(both_builds):
    edited, made_from_data = 0, 0
    for path, soup in both_builds["published"].items():
        links = [a["href"] for a in soup.select("a[rel=edit]")]
        if path == "404.html" or re.match(r"(timeline|statements|claims|sources)/\d{4}", path):
            assert links == []  # nothing in docs/ to edit: the 404 page, and year pages made from data/
            made_from_data += 1
            continue
        assert len(links) == 1, path
        assert links[0].startswith(EDIT_URL), path
        # The link names a page that exists in docs/, the one this page was built from.
        source = links[0].removeprefix(EDIT_URL)
        assert (PROJECT_DIR / "docs" / source).is_file(), (path, source)
        built_from = source.removesuffix(".md").removesuffix("index").rstrip("/")
        assert path.removesuffix("index.html").rstrip("/") == built_from, (path, source)
        edited += 1
    assert edited == len(both_builds["published"]) - made_from_data


@pytest.mark.build
def test_published_build_is_served_from_its_site_url_path(published_site):
    # The 404 page's links are absolute (SITE_URL's path): the browser tests serve the build under it.
    assert published_site.name == SITE_FOLDER_NAME == "ref"
    soup = BeautifulSoup((published_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("script[src*=storage]")["src"] == "/ref/assets/javascripts/theme/storage.js"
    assert soup.select_one("script[src*=storage]")["data-md-scope"] == "/ref/"


@pytest.mark.build
def test_the_charset_is_still_declared_where_browsers_look_for_it(built_site):
    # The policy comes first in the head; the charset declaration must stay in the first 1,024 bytes.
    for path in sorted(built_site.rglob("*.html")):
        assert path.read_bytes().find(b'<meta charset="utf-8">') in range(1024), path
