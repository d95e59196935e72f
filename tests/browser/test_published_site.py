"""The site as published (SITE_URL, REPO_URL and EDIT_URI set, served under /ref/), in Chromium: it keeps its
Content-Security-Policy, asks no host but its own, and still searches, draws and switches colours.

Every tab here is guarded (tests/browser/conftest.py): a console error, a policy violation or a request
off 127.0.0.1 fails the test. The local build's tests (test_reader.py, test_accessibility.py, …) run
under the same guards, so the policy is held on both builds.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import open_reader
from tests.browser.published_build import PUBLISHED_ENVIRONMENT
from tests.browser.test_accessibility import BLOCKING_IMPACTS, PAGE_TYPES, describe, run_axe
from tests.browser.test_reader import search_for

REPO_URL = PUBLISHED_ENVIRONMENT["REPO_URL"]
EDIT_URL = f"{REPO_URL}/{PUBLISHED_ENVIRONMENT['EDIT_URI']}"

pytestmark = pytest.mark.build


def test_guard_names_what_the_policy_refused(browser, published_site_url):
    # Proves the policy is in force in this build and the guard reports it: an inline script, a picture
    # and a stylesheet from another host, each added after the page loaded, are refused and named.
    context, tab = open_reader(browser, published_site_url)
    try:
        page = tab.open("actors/russia/")
        page.evaluate("""() => new Promise(done => {
            let seen = 0;
            document.addEventListener('securitypolicyviolation', () => ++seen === 3 && done());
            const script = document.createElement('script');
            script.textContent = 'window.ran = true';
            document.body.append(script);
            const picture = document.createElement('img');
            picture.src = 'https://example.org/pixel.png';
            document.body.append(picture);
            const style = document.createElement('style');
            style.textContent = 'body { display: none }';
            document.head.append(style);
        })""")
        ran = page.evaluate("window.ran === true")
    finally:
        context.close()
    assert not ran
    refused = sorted(violation.split(" at ")[0] for violation in tab.policy_violations)
    assert refused == ["img-src https://example.org/pixel.png", "script-src-elem inline", "style-src-elem inline"]
    assert tab.foreign_requests == []  # refused by the policy before any request left


def test_every_page_type_loads_without_violations_or_requests_to_other_hosts(open_published_tab, artifacts_dir):
    tab = open_published_tab()
    pages = [*PAGE_TYPES.values(), "404.html"]
    for path in pages:
        tab.open(path)
    # The search worker and its index load after the load event: on the last page, wait for them too.
    tab.page.wait_for_load_state("networkidle")
    hosts = sorted({urlsplit(url).hostname for url in tab.requests})
    (artifacts_dir / "published-requests.json").write_text(json.dumps(
        {"pages": pages, "requests": len(tab.requests), "hosts": hosts}, indent=1), encoding="utf-8")
    assert hosts == ["127.0.0.1"]
    # The theme's scripts were fetched as files (the policy allows no inline script), and the search index.
    paths = {urlsplit(url).path for url in tab.requests}
    assert {"/ref/assets/javascripts/theme/storage.js", "/ref/assets/javascripts/theme/palette.js",
            "/ref/search/search_index.json"} <= paths
    # The guard (open_published_tab) fails the test on any violation, console error or foreign request.


def test_repository_and_edit_links_are_shown_without_repository_facts(open_published_tab):
    tab = open_published_tab()
    page = tab.open("actors/russia/")
    page.wait_for_load_state("networkidle")
    assert page.locator("header a.md-source").get_attribute("href") == REPO_URL
    assert page.locator("header a.md-source").is_visible()
    edit = page.locator("article a[rel=edit]")
    assert edit.get_attribute("href") == EDIT_URL + "actors/russia.md"
    assert edit.is_visible()
    # Material's source component would fetch the stars and forks, cache them and list them under the link.
    assert page.locator(".md-source__facts").count() == 0
    assert page.evaluate("Object.keys(sessionStorage).filter(key => key.endsWith('__source'))") == []


def test_search_works_under_the_policy(open_published_tab):
    page = open_published_tab().open("timeline/")
    results = search_for(page, "Muttaqi")
    assert results[0] == "ref/actors/amir-khan-muttaqi/", results


def test_maps_and_charts_draw_under_the_policy(open_published_tab):
    page = open_published_tab().open("actors/russia/")
    page.locator("#map + details summary, h2#map ~ details summary").first.click()  # the map is folded
    map_box = page.locator("svg.geo-map").first.bounding_box()
    assert map_box and map_box["width"] > 200 and map_box["height"] > 100
    # The shapes are drawn from the page's own <symbol>s (href="#…"), with a size.
    drawn = page.locator("svg.geo-map use").evaluate_all("uses => uses.filter(u => u.getBBox().width > 0).length")
    assert drawn > 5
    # The chart's panels are placed by style attributes (style-src-attr): each spans the share it declares.
    page = open_published_tab().open("timeline/")
    page.get_by_text("Chart of these events on a time axis").click()  # the chart is folded above the list
    shares = page.locator(".tl-chart .tl-panel").evaluate_all(
        "panels => panels.map(p => [parseFloat(p.style.width), 100 * p.getBoundingClientRect().width"
        " / p.offsetParent.getBoundingClientRect().width])")
    assert shares, "no chart panels on the page"
    for declared, drawn_share in shares:
        assert abs(declared - drawn_share) < 1, shares


def test_palette_toggle_works_under_the_policy(open_published_tab):
    tab = open_published_tab()
    page = tab.open("organizations/csto/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.get_by_title("Switch to dark mode").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    # The stored choice is applied on the next page by the palette script, now a file, before drawing.
    tab.open("actors/russia/")
    assert body.get_attribute("data-md-color-scheme") == "slate"


def test_axe_passes_on_a_published_record_page(open_published_tab):
    # The published build adds the repository link and the edit button to every page.
    page = open_published_tab("dark").open("actors/russia/")
    blocking = [describe(v) for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == []
