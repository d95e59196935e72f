"""Pages of today, as a reader sees them in Chromium: where things stand in the first screen, cited; pages that fit
a screen and a phone; one count of members everywhere; ended ties set apart; tables that sort and filter.
"""
from __future__ import annotations

import re

import pytest

from macros.query import profile as query_profile

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# A record page stays within six desktop screens until a reader opens a folded part.
MAX_RECORD_PAGE_HEIGHT = 6 * DESKTOP["height"]
# The longest record pages (most ties, events and statements) and one of each kind of record.
RECORD_PAGES = ["actors/russia/", "actors/taliban/", "actors/pakistan/", "actors/iskp/",
                "actors/tehrik-i-taliban-pakistan/", "actors/amir-khan-muttaqi/", "organizations/csto/",
                "organizations/sco/", "organizations/eaeu/"]
OVERVIEW_PAGES = ["", "organizations/", "actors/", "relations/", "timeline/", "disagreements/", "changes/",
                  "statements/", "sources/", "data/"]


def page_size(page) -> tuple[int, int]:
    """The document's scroll width and height: what a reader can scroll to."""
    return tuple(page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"))


@pytest.mark.parametrize("path", RECORD_PAGES)
def test_a_record_page_opens_with_its_key_facts_and_a_cited_summary_in_the_first_screen(open_tab, path):
    page = open_tab().open(path)
    page.set_viewport_size(DESKTOP)
    facts = page.locator("article aside.key-facts")
    assert facts.count() == 1
    assert facts.evaluate("e => e.getBoundingClientRect().top") < DESKTOP["height"] / 2
    assert facts.locator("a.cite").count() > 0  # each key fact carries its numbered citation
    # The summary in the editor's words starts in the first screen and cites like a table row does.
    summary = page.locator("article aside.key-facts ~ p:not(.data-last-changed)").first
    assert summary.evaluate("e => e.getBoundingClientRect().top") < DESKTOP["height"]
    assert summary.locator("a.cite").count() > 0
    text = page.locator("article").inner_text().lower()
    assert "the article" not in text and "seed" not in text
    # No word of the reference's internals: records, "the data", ids.
    internal = re.search(r".{0,40}(\brecords?\b|\bin the data\b).{0,40}", text)
    assert internal is None, internal


@pytest.mark.parametrize("path", RECORD_PAGES)
def test_a_record_page_fits_six_screens_until_a_fold_is_opened(open_tab, path):
    page = open_tab().open(path)
    page.set_viewport_size(DESKTOP)
    assert page_size(page)[1] <= MAX_RECORD_PAGE_HEIGHT
    folds = page.locator("article details")
    assert folds.count() > 0 and all(not fold.evaluate("d => d.open") for fold in folds.all())
    # Every generated section reaches the table of contents, its count in the heading.
    toc = page.locator("nav.md-nav--secondary").first.inner_text()
    for heading in page.locator("article h2").all_inner_texts():
        assert heading.removesuffix("¶").strip() in toc


@pytest.mark.parametrize("path", RECORD_PAGES + OVERVIEW_PAGES)
def test_no_page_is_wider_than_a_phone(open_tab, path):
    page = open_tab().open(path)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(50)
    assert page_size(page)[0] <= PHONE["width"], path


def test_a_cited_fact_in_prose_leads_to_a_reference_that_links_to_the_original(open_tab):
    page = open_tab().open("actors/taliban/")
    marker = page.locator("article aside.key-facts ~ p a.cite").first
    number = re.fullmatch(r"\[(\d+)\]", marker.inner_text()).group(1)
    marker.click()
    reference = page.locator(f"ol.references li#ref-{number}")
    # The reference list is folded on a long page; following a marker into it opens the fold.
    assert reference.is_visible()
    assert reference.locator("a").first.get_attribute("href").startswith("https://")
    assert reference.locator("a.entry-link").get_attribute("href").startswith("../../sources/")


def test_members_are_counted_once_and_the_same_on_every_page(open_tab, real_site):
    index = real_site.index
    organizations = ("csto", "sco", "eaeu")
    tab = open_tab()
    # The organizations' index (with the membership matrix) is one of the largest pages: read it once.
    index_page = tab.open("organizations/")
    listed = {organization: index_page.locator(f"table.record-index tr[data-organization='{organization}'] td")
              .nth(4).inner_text() for organization in organizations}
    for organization in organizations:
        expected = query_profile.count_members_today(index, organization)
        assert listed[organization] == str(expected)
        page = tab.open(f"organizations/{organization}/")
        assert f"Members today ({expected})" in page.locator("aside.key-facts").inner_text()
        assert page.locator("h2", has_text=f"Members today ({expected})").count() == 1
        rows = page.locator("table.members-today tbody tr")
        members = {row.get_attribute("data-member") for row in rows.all()
                   if row.get_attribute("data-role") in query_profile.MEMBER_ROLES}
        assert len(members) == expected == rows.filter(has_text="Member").count()


def test_ended_ties_are_set_apart_in_the_picture_and_the_table(open_tab):
    page = open_tab().open("relations/")
    rows = page.locator("table.relation-table tbody tr")
    classes = [row.get_attribute("class") or "" for row in rows.all()]
    assert "tie-ended" in classes
    # Ties in force come first, ended ones after them.
    first_ended = classes.index("tie-ended")
    assert all(kind == "tie-ended" for kind in classes[first_ended:])
    ended_row, open_row = rows.nth(first_ended), rows.nth(0)
    assert ended_row.evaluate("r => getComputedStyle(r.cells[1]).fontStyle") == "italic"
    assert open_row.evaluate("r => getComputedStyle(r.cells[1]).fontStyle") == "normal"
    ended_edge = page.locator("path.rel-edge.rel-ended").first
    assert float(ended_edge.evaluate("e => getComputedStyle(e).opacity")) < 0.5
    assert "ended" in ended_edge.locator("title").text_content()


def test_the_stance_table_answers_who_lists_recognises_and_accepts_envoys_of_the_taliban(open_tab):
    page = open_tab().open("relations/")
    table = page.locator("table.stance-table")
    headings = table.locator("thead th").all_inner_texts()
    assert [heading.strip(" ↕↑↓") for heading in headings] == [
        "State", "Listed as terrorist", "Listing suspended or lifted", "Recognition", "Envoy accepted"]
    russia = table.locator("tr[data-state='russia']")
    assert "3 July 2025" in russia.locator("td").nth(2).inner_text()
    assert russia.locator("td").nth(2).locator("a.cite").count() > 0


def test_the_home_page_says_how_current_the_reference_is_and_leads_everywhere(open_tab, real_site):
    page = open_tab().open("")
    page.set_viewport_size(DESKTOP)
    newest = query_profile.newest_fact_date(real_site.index)
    stamp = page.locator("article p strong time").first
    assert stamp.get_attribute("datetime") == newest.iso()
    assert stamp.evaluate("e => e.getBoundingClientRect().top") < DESKTOP["height"]
    developments = page.locator("ol.newest-developments > li")
    assert developments.count() == 10
    dates = developments.locator("time").evaluate_all("times => times.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True) or dates[0] == newest.iso()
    links = page.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for view in ("organizations/", "actors/", "relations/", "timeline/", "disagreements/", "changes/",
                 "data/#downloads", "relations/#where-states-stand-on-the-taliban"):
        assert any(link and link.endswith(view) for link in links), view


def test_a_long_table_sorts_from_the_keyboard_and_filters_as_a_reader_types(open_tab):
    page = open_tab().open("relations/")
    table = page.locator("table.relation-table").first
    who = table.locator("thead th").first.locator("button.sort-button")
    who.focus()
    page.keyboard.press("Enter")
    names = table.locator("tbody tr th").all_inner_texts()
    assert names == sorted(names, key=str.lower) or names == sorted(names, key=str.lower, reverse=True)
    assert table.locator("thead th").first.get_attribute("aria-sort") in ("ascending", "descending")
    # The filter box stands just before the table's own scroll box.
    filter_box = table.locator("xpath=ancestor::div[contains(@class, 'relation-table-wrapper')][1]"
                               "/preceding-sibling::div[contains(@class, 'list-filter')][1]")
    box = filter_box.locator("input")
    box.fill("Kazakhstan")
    shown = [row for row in table.locator("tbody tr").all() if row.is_visible()]
    assert shown and all("Kazakhstan" in row.inner_text() for row in shown)
    assert "shown" in filter_box.locator(".list-filter-status").inner_text()


def test_the_timeline_runs_newest_first_with_a_jump_list_of_years(open_tab, real_site):
    page = open_tab().open("timeline/")
    years = page.locator("nav.year-jump a").all_inner_texts()
    assert years == sorted(years, reverse=True) and len(years) > 5
    shown = page.locator("article li.event").evaluate_all("items => items.map(i => i.dataset.event)")
    expected = [event.id for event in sorted(real_site.index.events.values(),
                                             key=query_profile.event_sort_key, reverse=True)]
    assert shown == expected
