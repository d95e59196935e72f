"""What a reader does on the served site, in Chromium: browse, search, hover, switch colours, follow citations."""
from __future__ import annotations

import re

import pytest


def page_heading(page) -> str:
    """The page's h1 as a reader sees it, without the permalink sign Material shows on hover."""
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


def search_for(page, query: str) -> list[str]:
    """Type a query into Material's search box as a reader would; return the result links' site paths."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    box.fill("")
    # Typed key by key: Material's search listens to keyboard input, not to a value set at once.
    box.press_sequentially(query, delay=15)
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    results.first.wait_for()
    # Results of an earlier or half-typed query may still be listed: wait until the links carry the whole query.
    page.wait_for_function(
        "q => { const link = document.querySelector('.md-search-result__link');"
        " return link && new URL(link.href).searchParams.get('h') === q; }",
        arg=query.lower())
    return [re.sub(r"^https?://[^/]+/|\?.*$", "", href) for href in
            results.evaluate_all("links => links.map(a => a.href)")]


def click_search_result(page, site_path: str) -> None:
    """Click the search result that leads to this site path, and wait for the page it opens."""
    follow(page.locator(f".md-search-result__item > a.md-search-result__link[href*='/{site_path}?']"),
           site_path)


def in_viewport(locator) -> bool:
    """Whether the element's top is on screen: the browser scrolled to it, the reader sees it."""
    return locator.evaluate("e => { const top = e.getBoundingClientRect().top; return top >= 0 && top < innerHeight; }")


def follow(link, site_path: str) -> None:
    """Click a link and wait until the page at this site path (any query or fragment) has loaded."""
    link.click()
    link.page.wait_for_url(re.compile(rf"^https?://[^/]+/{re.escape(site_path)}([?#].*)?$"))
    link.page.wait_for_load_state("load")


# ---------------------------------------------------------------- the guards every test relies on

def test_guards_catch_console_errors_policy_violations_and_requests_to_other_hosts(open_unchecked_tab):
    context, tab = open_unchecked_tab()
    try:
        page = tab.open()
        page.evaluate("console.error('deliberate error')")
        # The page's Content-Security-Policy refuses the request before it leaves (connect-src); waiting for
        # the violation event means the guard's console line has been sent before the next line runs.
        page.evaluate("new Promise(done => { document.addEventListener('securitypolicyviolation', done, {once: true});"
                      " fetch('http://example.org/font.woff2').catch(() => null); })")
        # A blank page has no policy: there the request goes out, and the route guard stops it.
        # evaluate() awaits the returned promise, so the blocked request has happened by the next line.
        page.goto("about:blank")
        page.evaluate("fetch('http://example.org/font.woff2').catch(() => null)")
    finally:
        context.close()
    assert tab.console_errors[0] == "deliberate error"
    assert tab.policy_violations[0].startswith("connect-src http://example.org/font.woff2 at ")
    assert tab.foreign_requests == ["http://example.org/font.woff2"]


# ---------------------------------------------------------------- browsing

def test_home_page_opens_with_title_and_start_links(reader):
    page = reader.open()
    assert page.title() == "Afghanistan & Central Asia Security Reference"
    assert page_heading(page) == "Afghanistan & Central Asia Security Reference"
    start_links = page.locator("article a").all_inner_texts()
    for name in ("Organizations", "Actors", "Relations", "Timeline", "Disagreements", "What changed", "Downloads"):
        assert name in start_links


def test_reader_reaches_an_organization_and_an_actor_by_clicking(reader):
    page = reader.open()
    follow(page.locator("article").get_by_role("link", name="Organizations", exact=True), "organizations/")
    assert reader.path() == "organizations/"
    index_table = page.locator("article table.record-index")
    follow(index_table.get_by_role("link", name="Shanghai Cooperation Organization", exact=True), "organizations/sco/")
    assert reader.path() == "organizations/sco/"
    assert page_heading(page).startswith("Shanghai Cooperation Organization")

    # The sidebar navigation leads to the actors' index, whose table leads to a person.
    follow(page.locator("nav.md-nav--primary").get_by_role("link", name="Actors", exact=True), "actors/")
    assert reader.path() == "actors/"
    follow(page.locator("article table").get_by_role("link", name="Amir Khan Muttaqi", exact=True),
           "actors/amir-khan-muttaqi/")
    assert reader.path() == "actors/amir-khan-muttaqi/"
    assert page_heading(page) == "Amir Khan Muttaqi"


def test_keyboard_reader_can_skip_to_content(reader):
    page = reader.open("actors/iskp/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.matches('a.md-skip'), document.activeElement.hash]")
    assert focused == [True, "#iskp"]


# ---------------------------------------------------------------- search

def test_search_finds_an_armed_group_by_its_other_name(reader):
    page = reader.open()
    results = search_for(page, "Wilayat Khorasan")
    # The alias is also in the Islamic State's short page, which ranks above; the record must be on screen.
    assert "actors/iskp/" in results[:5], results
    click_search_result(page, "actors/iskp/")
    assert reader.path() == "actors/iskp/"
    assert page_heading(page) == "ISKP"
    # search.highlight marks the words searched for on the landing page, here in the key facts' other names.
    marked = page.locator("aside.key-facts bdi mark").all_inner_texts()
    assert [words.lower() for words in marked] == ["wilayat khorasan"]


def test_search_finds_a_person_by_name(reader):
    page = reader.open("timeline/")
    results = search_for(page, "Muttaqi")
    assert results[0] == "actors/amir-khan-muttaqi/", results
    click_search_result(page, "actors/amir-khan-muttaqi/")
    assert reader.path() == "actors/amir-khan-muttaqi/"
    assert page_heading(page) == "Amir Khan Muttaqi"


# ---------------------------------------------------------------- tooltips, colours, citations

def test_hovering_an_abbreviation_shows_its_full_name(reader):
    page = reader.open("organizations/")
    abbreviation = page.locator("article table.record-index abbr", has_text="SCO").first
    abbreviation.hover()
    tooltip = page.locator("[role=tooltip].md-tooltip2--active")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == "Shanghai Cooperation Organization"


def test_palette_toggle_switches_dark_and_back(reader):
    page = reader.open("organizations/csto/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    light_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.get_by_title("Switch to dark mode").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != light_background
    # The choice is remembered across pages, as Material stores it.
    reader.open("actors/russia/")
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.get_by_title("Switch to light mode").click()
    assert body.get_attribute("data-md-color-scheme") == "default"


def test_citation_leads_to_references_then_sources_and_back(reader):
    page = reader.open("actors/iskp/")
    first_citation = page.locator("article a.cite").first
    assert first_citation.inner_text() == "[1]"
    follow(first_citation, "actors/iskp/")
    assert page.url.endswith("actors/iskp/#ref-1")
    reference = page.locator("ol.references li#ref-1")
    assert reference.evaluate("li => li.matches(':target')")
    assert in_viewport(reference)
    # The reference names the work (linking to the original) and links on to where else it is cited.
    source_title = reference.locator("a").first.inner_text()
    assert reference.locator("a").first.get_attribute("href").startswith("https://")
    # Where else it is cited: the sources page, or its year page when the list is split by year.
    entry = reference.locator("a.entry-link")
    target = re.sub(r"^(\.\./)+|#.*$", "", entry.get_attribute("href"))
    follow(entry, target)
    assert reader.path().startswith("sources/")
    fragment = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{fragment}']")
    assert target.is_visible()
    assert in_viewport(target)
    # The reference names the work in quotes; the sources page entry is about that same work.
    quoted_title = re.search(r"“(.+?)”", source_title).group(1)
    assert target.locator("cite").inner_text() == quoted_title
    page.go_back()
    assert page.url.endswith("actors/iskp/#ref-1")
    page.go_back()
    assert page.url.endswith("actors/iskp/")
    assert page_heading(page) == "ISKP"


# ---------------------------------------------------------------- screenshots

SCREENSHOT_PAGES = {"home": "", "organization-csto": "organizations/csto/",
                    "actor-muttaqi": "actors/amir-khan-muttaqi/"}


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_screenshots_of_home_organization_and_actor(open_tab, artifacts_dir, color_scheme):
    folder = artifacts_dir / "screenshots"
    folder.mkdir(exist_ok=True)
    tab = open_tab(color_scheme)
    for name, path in SCREENSHOT_PAGES.items():
        page = tab.open(path)
        expected = "slate" if color_scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        file = folder / f"{name}-{color_scheme}.png"
        page.screenshot(path=str(file), full_page=True)
        assert file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
