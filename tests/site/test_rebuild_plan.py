"""Which pages an edit redoes under `mkdocs serve`: a field drawn on other pages redoes them, another only its own."""
from __future__ import annotations

import dataclasses

import pytest

from macros.query.shown_on import select_affected_pages
from macros.site.assemble import OVERVIEW_PAGES
from macros.site.rebuild_plan import overview_page_files, record_page_files, remember_build


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
