"""The relation macro group inside the macro set: names, records taken from the page, one block per
disagreement per page, and the pages that call the macros."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.site.macros import MACRO_NAMES, RECORD_MACROS, UNINDEXED_MACROS, MacroSet, macro_signatures
from macros.site.page import MacroError
from macros.site.relation_macros import RelationMacros
from tests.render.test_network import minimal_site, tie, with_data
from tests.support import PROJECT_DIR


def test_the_group_is_part_of_the_macro_set_and_its_record_macros_take_the_pages_record():
    assert set(RelationMacros.NAMES) <= set(MACRO_NAMES) and set(RelationMacros.NAMES) <= set(macro_signatures())
    assert {"relation_list", "membership_history"} <= RECORD_MACROS
    assert "membership_matrix_as_of" in UNINDEXED_MACROS  # copies of the matrix: searched once, above
    macros = MacroSet(minimal_site())
    macros.start_page("index.md", None)
    with pytest.raises(MacroError, match=r"index.md: relation_list\(\) needs a record"):
        macros.call("relation_list")
    macros.start_page("actors/alpha-land.md", "alpha-land")
    from_page = macros.call("relation_list")
    macros.start_page("actors/alpha-land.md", "alpha-land")
    assert macros.call("relation_list", record="alpha-land") == from_page


def test_a_disagreement_is_shown_once_per_page_however_many_views_mark_it():
    site = with_data(minimal_site())  # the fixture's own tie carries a disagreement
    disputed = [r for r in site.index.dataset.relations if r.disagreement]
    assert disputed, "the minimal fixture holds a disputed tie"
    macros = MacroSet(site)
    macros.start_page("actors/alpha-land.md", "alpha-land")
    first = macros.call("relation_list")
    second = macros.call("relation_list")
    assert first.count('class="disagreement"') == 1 and 'class="disagreement"' not in second
    assert 'href="#disagreement-' + disputed[0].disagreement + '"' in second  # the mark still links to it
    macros.start_page("actors/beta-land.md", "beta-land")  # a new page shows it again
    assert macros.call("relation_list").count('class="disagreement"') == 1


def test_the_site_wide_table_anchors_each_tie_and_an_actor_without_ties_says_so():
    site = with_data(minimal_site(), relations=[tie(1, "alpha-land", "blames", "beta-land")])
    macros = MacroSet(site)
    macros.start_page("relations.md", None)
    soup = BeautifulSoup(macros.call("relation_network"), "html.parser")
    assert soup.select_one("tr#relation-tie-1")
    macros.start_page("actors/jane-doe.md", "jane-doe")
    assert "No ties are recorded" in macros.call("relation_list")


def test_record_pages_call_the_views_and_the_overview_pages_exist():
    # Record pages draw their membership history and ties through history(), which calls those views.
    for folder in ("organizations", "actors"):
        for page in (PROJECT_DIR / "docs" / folder).glob("*.md"):
            if page.name != "index.md":
                assert "{{ history() }}" in page.read_text(encoding="utf-8"), page.name
    assert "{{ relation_network() }}" in (PROJECT_DIR / "docs" / "relations.md").read_text(encoding="utf-8")
    assert "{{ disagreement_list() }}" in (PROJECT_DIR / "docs" / "disagreements.md").read_text(encoding="utf-8")
