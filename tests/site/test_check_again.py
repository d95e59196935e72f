"""The check under `mkdocs serve`: only changed data files and pages are read again; it finds what check_site finds."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from macros.model.records import KIND_NAMES
from macros.query.shown_on import fingerprint_records
from macros.site.assemble import check_site
from macros.site.check_again import CheckMemory, check_site_again
from macros.site.state import SiteSettings
from tests.support import MINIMAL, copy_project, copy_real_project


@pytest.fixture()
def project(tmp_path: Path) -> SiteSettings:
    """A copy of the small fixture project, with a parse cache of its own: the check's logic is the same at any
    size, and the real data would make each full check cost a third of a second."""
    root = copy_project(MINIMAL, tmp_path / "project")
    return SiteSettings(project_dir=root, docs_dir=root / "docs", data_dir=root / "data",
                        parse_cache_dir=tmp_path / "cache")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _same_site(again, full) -> None:
    assert again is not None and full is not None
    assert fingerprint_records(again.index.dataset) == fingerprint_records(full.index.dataset)
    assert [(page.src, page.body, page.meta) for page in again.pages] == [
        (page.src, page.body, page.meta) for page in full.pages]
    assert again.record_urls == full.record_urls and again.page_urls == full.page_urls


def test_a_first_check_and_a_check_after_an_edit_equal_a_full_check(project):
    memory = CheckMemory()
    site, problems = check_site_again(project, memory)
    assert problems == [] and memory.site_from_files
    _same_site(site, check_site(project)[0])
    kept = dict(memory.data_files)
    _replace(project.data_dir / "actors.yml", "  name: Alpha Land\n", "  name: Alpha Republic\n")
    site, problems = check_site_again(project, memory)
    assert problems == []
    _same_site(site, check_site(project)[0])
    # Only the edited file was read again; every other file's records are the very objects kept.
    again = [path.name for path, file in memory.data_files.items() if file is not kept[path]]
    assert again == ["actors.yml"]
    assert site.index.actors["alpha-land"].name == "Alpha Republic"


def test_a_problem_gives_every_problem_the_full_check_gives(project):
    memory = CheckMemory()
    check_site_again(project, memory)
    _replace(project.data_dir / "actors.yml", "  name: Alpha Land\n", "  name: Alpha Land\n  colour: black\n")
    page = project.docs_dir / "actors" / "alpha-land.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ no_such_macro() }}\n", encoding="utf-8")
    site, problems = check_site_again(project, memory)
    assert site is None and not memory.site_from_files
    assert problems == check_site(project)[1]
    assert {problem.path for problem in problems} == {"data/actors.yml", "docs/actors/alpha-land.md"}
    # Mended, the next check passes again without reading the other files.
    _replace(project.data_dir / "actors.yml", "  name: Alpha Land\n  colour: black\n", "  name: Alpha Land\n")
    page.write_text(page.read_text(encoding="utf-8").replace("\n{{ no_such_macro() }}\n", ""), encoding="utf-8")
    site, problems = check_site_again(project, memory)
    assert problems == [] and memory.site_from_files
    _same_site(site, check_site(project)[0])


def test_an_id_removed_judges_every_reference_again(project):
    memory = CheckMemory()
    check_site_again(project, memory)
    # A source cited elsewhere, renamed in its own file: the citing files did not change, but now fail.
    sources = project.data_dir / "sources.yml"
    source_id = next(line.split(": ", 1)[1] for line in sources.read_text(encoding="utf-8").splitlines()
                     if line.startswith("- id: "))
    _replace(sources, f"- id: {source_id}\n", f"- id: {source_id}-renamed\n")
    site, problems = check_site_again(project, memory)
    assert site is None and problems == check_site(project)[1]
    assert any(f"'{source_id}'" in problem.message for problem in problems)


def test_a_data_file_added_and_removed(project):
    memory = CheckMemory()
    check_site_again(project, memory)
    extra = project.data_dir / "sources" / "extra.yml"
    extra.parent.mkdir(exist_ok=True)
    extra.write_text("- id: extra-report\n  title: An added report\n  publisher: Test\n  date: '2020-03-04'\n"
                     "  kind: news\n", encoding="utf-8")
    site, problems = check_site_again(project, memory)
    assert problems == [] and "extra-report" in site.index.sources
    _same_site(site, check_site(project)[0])
    extra.unlink()
    site, problems = check_site_again(project, memory)
    assert problems == [] and "extra-report" not in site.index.sources
    assert extra not in memory.data_files


def _same_index(again, full) -> None:
    """Every table of the index equal, record by record, and every record the dataset's own object."""
    for name in [spec.name for spec in dataclasses.fields(full) if spec.name != "current_by_organization"]:
        assert getattr(again, name) == getattr(full, name), name
    records = {id(record) for kind in KIND_NAMES for record in again.dataset.records_of(kind)}
    assert all(id(actor) in records for actor in again.actors.values())
    assert all(id(actor) in records for bucket in again.positions_by_record.values() for actor, _ in bucket)
    assert all(id(event) in records for bucket in again.events_by_record.values() for event in bucket)


def test_an_edit_to_free_text_swaps_the_new_records_into_the_kept_index(project):
    memory = CheckMemory()
    check_site_again(project, memory)
    assert memory.index is not None
    citing = memory.index[1].citing_records
    _replace(project.data_dir / "actors.yml", "  name: Alpha Land\n", "  name: Alpha Republic\n")
    site, problems = check_site_again(project, memory)
    assert problems == [] and site is not None
    assert site.index.citing_records is citing  # the kept index was reused, not built again
    _same_index(site.index, check_site(project)[0].index)
    assert site.index.actors["alpha-land"].name == "Alpha Republic"
    # A retitled event may move in the chronology: the index is built again, and equals a full check's.
    events = project.data_dir / "events.yml"
    title = next(line for line in events.read_text(encoding="utf-8").splitlines() if line.startswith("  title: "))
    _replace(events, title + "\n", "  title: AAA first of its day\n")
    site, problems = check_site_again(project, memory)
    assert problems == [] and site is not None and site.index.citing_records is not citing
    _same_index(site.index, check_site(project)[0].index)


@pytest.mark.slow  # two full checks of the real data: a second
def test_on_the_real_data_a_first_check_equals_a_full_check(tmp_path):
    """The real data and pages hold shapes the small fixture lacks; the kept check agrees with a full one on them."""
    root = copy_real_project(tmp_path / "project")
    settings = SiteSettings(project_dir=root, docs_dir=root / "docs", data_dir=root / "data",
                            parse_cache_dir=tmp_path / "cache")
    memory = CheckMemory()
    site, problems = check_site_again(settings, memory)
    assert problems == []
    _same_site(site, check_site(settings)[0])


def test_results_made_from_records_are_kept_across_a_rename_and_made_again_after_their_records_change(project):
    # Under serve a rename keeps the index (its records swapped) and what was worked out from unchanged records.
    memory = CheckMemory()
    site, _ = check_site_again(project, memory)
    memberships = list(site.index.dataset.memberships)
    made: list[int] = []

    def year_ends(index) -> list:
        return index.kept_results.get_or_make("year ends", list(index.dataset.memberships),
                                              lambda: made.append(1) or sorted(index.dataset.memberships, key=id))
    first = year_ends(site.index)
    _replace(project.data_dir / "actors.yml", "  name: Alpha Land\n", "  name: Alpha Republic\n")
    renamed, _ = check_site_again(project, memory)
    assert renamed.index is not site.index and renamed.index.actors["alpha-land"].name == "Alpha Republic"
    assert year_ends(renamed.index) is first and made == [1]  # the same memberships: kept
    # An edited membership is a new object: the result is made again, from the records as they are now.
    memberships_file = project.data_dir / "memberships.yml"
    text = memberships_file.read_text(encoding="utf-8")
    memberships_file.write_text(text.replace("  note: Leads it.\n", "  note: Leads it, still.\n", 1), encoding="utf-8")
    edited, problems = check_site_again(project, memory)
    assert problems == [] and made == [1]
    assert year_ends(edited.index) is not first and made == [1, 1]
    assert len(edited.index.dataset.memberships) == len(memberships)
    # A copy with other tables (dataclasses.replace, as the per-year matrices make) starts with nothing kept.
    assert dataclasses.replace(edited.index).kept_results is not edited.index.kept_results
