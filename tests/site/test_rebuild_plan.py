"""Which pages an edit redoes under `mkdocs serve`: a field drawn on other pages redoes them, another only its own."""
from __future__ import annotations

import dataclasses

import pytest

from macros.query.shown_on import select_affected_pages
from macros.site.assemble import OVERVIEW_PAGES
from macros.site.rebuild_plan import overview_page_files, record_page_files, remember_build, select_site_wide_pages


def _pages_after(site, kind: str, record_id: str, **changes) -> set[str]:
    """The page files a serve rebuild redoes after these changes to one record of the real site."""
    before = remember_build(site, OVERVIEW_PAGES)
    records = [dataclasses.replace(record, **changes) if record.id == record_id else record
               for record in getattr(site.index.dataset, kind)]
    edited = dataclasses.replace(site, index=dataclasses.replace(
        site.index, dataset=dataclasses.replace(site.index.dataset, **{kind: records})))
    after = remember_build(edited, OVERVIEW_PAGES, before)
    pages = select_affected_pages(before, after, overview_page_files(site), record_page_files(site))
    assert pages is not None
    return pages - set(overview_page_files(site))


@pytest.mark.parametrize("kind, record_id", [("actors", "taliban"), ("organizations", "sco")])
def test_a_new_wikidata_item_redoes_every_page_whose_json_ld_names_the_record(real_site, kind, record_id):
    # Pages that name a record give its Wikidata item as the sameAs of their JSON-LD (render/json_ld.py _reference).
    pages = _pages_after(real_site, kind, record_id, wikidata="Q1")
    own = record_page_files(real_site)[record_id]
    assert own in pages and len(pages) > 5
    assert pages == _pages_after(real_site, kind, record_id, name="Renamed")


def test_a_new_summary_redoes_its_own_page_only(real_site):
    assert _pages_after(real_site, "actors", "taliban", summary="Edited.") == {"actors/taliban.md"}


def test_a_source_cited_only_in_a_pages_prose_redoes_that_page(real_site):
    # The page's reference list describes the source (title, publisher, date), though no record of it cites it.
    memory = remember_build(real_site, OVERVIEW_PAGES)
    page, source_id = next((page.src, source_id) for source_id, pages in sorted(memory.cited_in_prose.items())
                           for page in real_site.pages if page.src in pages
                           and page.src not in memory.shown_on.get(source_id, ()))
    assert page in _pages_after(real_site, "sources", source_id, title="A new title")


@pytest.mark.parametrize("call", ['{{ newest_developments(3) }}', '{{ history(record="sco") }}',
                                  '{% for x in [1] %}{{ timeline() }}{% endfor %}'])
def test_a_record_page_calling_more_than_its_own_macros_is_redone_after_any_data_edit(real_site, call):
    pages = [dataclasses.replace(page, body=page.body + f"\n\n{call}\n") if page.src == "actors/iran.md" else page
             for page in real_site.pages]
    site = dataclasses.replace(real_site, pages=pages)
    assert "actors/iran.md" in _pages_after(site, "actors", "taliban", summary="Edited.")
    assert "actors/iran.md" not in _pages_after(real_site, "actors", "taliban", summary="Edited.")


def test_record_pages_written_as_the_guide_says_are_mapped_by_their_record(real_site):
    # Profile, prose with citations, history: every record page of the real site, none redone for any edit.
    assert remember_build(real_site, OVERVIEW_PAGES).site_wide == frozenset()
    # Words in a citation's locator are no call.
    source = next(iter(real_site.index.sources))
    citation = "\n{{ cite(\"" + source + "\", \"section (b), record=x\") }}\n"
    pages = [dataclasses.replace(page, body=page.body + citation) for page in real_site.pages if page.record]
    assert select_site_wide_pages(pages) == frozenset()
