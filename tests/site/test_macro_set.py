"""The macro set on the real site, in process: every macro reachable by name, bound to the page being rendered.

MacroSet is composed of macro groups (records, overviews, listings, pictures) sharing the current
page; these tests hold the composition to what pages and the engine rely on.
"""
from __future__ import annotations

import inspect
import re

import pytest

from macros.site.macros import MACRO_NAMES, RECORD_MACROS, UNINDEXED_MACROS, MacroSet, macro_signatures
from macros.site.page import MacroError


@pytest.fixture
def macro_set(real_site) -> MacroSet:
    return MacroSet(real_site)


def test_every_macro_name_reaches_one_function_with_the_signature_pages_are_checked_against(macro_set):
    macros = macro_set.macros()
    assert sorted(macros) == sorted(MACRO_NAMES) and len(set(MACRO_NAMES)) == len(MACRO_NAMES)
    signatures = macro_signatures()
    assert sorted(signatures) == sorted(MACRO_NAMES)
    for name, function in macros.items():
        assert inspect.signature(function) == signatures[name], name
    assert set(MACRO_NAMES) >= RECORD_MACROS and set(MACRO_NAMES) >= UNINDEXED_MACROS


def test_a_record_macro_takes_the_pages_record_unless_given_one(macro_set):
    macro_set.start_page("actors/russia.md", "russia")
    from_page = macro_set.call("profile")
    macro_set.start_page("actors/russia.md", "russia")
    assert macro_set.call("profile", record="russia") == from_page
    macro_set.start_page("index.md", None)
    assert macro_set.call("profile", record="russia") != from_page  # links are relative to the page
    assert 'href="actors/dmitry-zhirnov/"' in macro_set.call("profile", record="russia")


@pytest.mark.parametrize("record, message", [
    (None, "index.md: profile() needs a record: add 'record: <id>' to the front matter"),
    ("rusia", "index.md: profile(): unknown record 'rusia'"),
])
def test_a_record_macro_without_a_known_record_says_why(macro_set, record, message):
    macro_set.start_page("index.md", None)
    with pytest.raises(MacroError) as error:
        macro_set.call("profile", record=record)
    assert str(error.value) == message


def test_each_page_numbers_its_citations_from_one(macro_set):
    for page, record in (("actors/russia.md", "russia"), ("organizations/csto.md", "csto")):
        macro_set.start_page(page, record)
        html = macro_set.call("membership_table")
        assert re.findall(r'href="#ref-(\d+)"', html)[0] == "1", page


def test_finishing_a_page_lists_its_sources_its_citation_and_only_the_abbreviations_it_uses(macro_set):
    held = []
    macro_set.hold_html = lambda html, searchable: held.append(searchable) or html
    macro_set.start_page("actors/russia.md", "russia")
    macro_set.call("profile")
    markdown = macro_set.finish_page("The CSTO met.")
    assert re.match(r"\n\n## Sources cited on this page \(\d+\)\n\n", markdown)
    # The list repeats the sources page, and the record's JSON-LD is for machines: both kept out of search.
    assert held == [False, False]
    assert "## Cite this page" in markdown and "<code>actors/russia/</code>" in markdown
    assert "*[CSTO]: Collective Security Treaty Organization" in markdown
    assert "*[SCO]:" not in markdown
    macro_set.start_page("index.md", None)
    assert "Sources cited on this page" not in macro_set.finish_page("")


@pytest.mark.parametrize("record, tags", [("russia", ["State"]), ("amir-khan-muttaqi", ["Person"]),
                                          ("iskp", ["Armed group"]), ("csto", ["Organization"]), (None, [])])
def test_record_pages_are_tagged_by_the_records_type(macro_set, record, tags):
    macro_set.start_page("some/page.md", record)
    assert macro_set.page_tags() == tags == macro_set.tags_for(record)
