"""Search finds each fact where it lives: events on the timeline, statements on the statements page.

Record pages repeat events and statements in their lists; indexing every copy made a search for an
event return every participant's page before the timeline, and tripled the index at scale.
"""
from __future__ import annotations

import json


def _entries(built_site) -> list[dict]:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _text_of(entries: list[dict], page: str) -> str:
    return " ".join(entry["title"] + " " + entry["text"] for entry in entries
                    if entry["location"].split("#")[0] == page)


def test_an_event_is_found_on_the_timeline_not_on_each_participants_page(built_site):
    entries = _entries(built_site)
    title = "Fifth round of multilateral talks on Afghanistan"
    assert title in _text_of(entries, "timeline/")
    pages = {entry["location"].split("#")[0] for entry in entries if title in entry["text"]}
    assert not {page for page in pages if page.startswith(("actors/", "organizations/"))
                and page not in ("actors/", "organizations/")}, pages


def test_a_statement_is_found_on_the_statements_page(built_site):
    entries = _entries(built_site)
    words = "can make a better contribution in formats and forums"
    assert words in _text_of(entries, "statements/")
    assert words not in _text_of(entries, "actors/pakistan/")


def test_record_pages_keep_their_own_facts_searchable(built_site):
    entries = _entries(built_site)
    pakistan = _text_of(entries, "actors/pakistan/")
    assert "Shanghai Cooperation Organization" in pakistan  # its memberships
    assert "Mumtaz Zahra Baloch" in pakistan  # its people, from the profile
    assert "Wilayat Khorasan" in _text_of(entries, "actors/iskp/")  # aliases


def test_sources_page_indexes_the_sources_not_the_lists_of_citing_records(built_site):
    # With many sources the list moves to year pages (sources/2023/ …): read them all.
    entries = _entries(built_site)
    sources = " ".join(_text_of(entries, page) for page in {entry["location"].split("#")[0] for entry in entries}
                       if page.startswith("sources/"))
    assert "The Strategic Logic of Russia’s Embrace of the Taliban" in sources
    assert "Cited by" not in sources
    # The attribute that kept the list out of the index is not left in the page.
    assert "data-search-exclude" not in (built_site / "sources" / "index.html").read_text(encoding="utf-8")
