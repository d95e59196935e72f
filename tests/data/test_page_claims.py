"""A record's page is docs/<folder>/<id>.md and nothing else: the check says which page claims which record.

Swapping two pages' `record:` lines once published one record's profile, JSON-LD and links under the other's
address with 0 problems; a second page under another Markdown extension (.markdown) replaced the real one
with only a navigation warning that `-q` hides. Every page the engine renders is read by the check, and two
pages that would be published at one address are refused.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.load.pages import MARKDOWN_SUFFIXES
from tests.support import MINIMAL, copy_project, run_cli

DATA_ONLY = ("check", "--data-only")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(MINIMAL, tmp_path / "project")


def set_record(page: Path, old: str, new: str) -> None:
    """Change a page's `record:` line."""
    text = page.read_text(encoding="utf-8")
    assert f"record: {old}\n" in text
    page.write_text(text.replace(f"record: {old}\n", f"record: {new}\n"), encoding="utf-8")


def problem_lines(project: Path) -> list[str]:
    """The check's problem lines (without the count), asserting it found some."""
    finished = run_cli(project, *DATA_ONLY)
    assert (finished.returncode, finished.stderr) == (1, ""), finished.stdout
    return finished.stdout.splitlines()[:-1]


def test_the_engines_markdown_extensions_are_the_ones_the_check_reads() -> None:
    from mkdocs.utils import markdown_extensions

    assert set(MARKDOWN_SUFFIXES) == set(markdown_extensions)


def test_swapped_record_lines_name_which_page_claims_which_record(project: Path) -> None:
    set_record(project / "docs/actors/alpha-land.md", "alpha-land", "beta-land")
    set_record(project / "docs/actors/beta-land.md", "beta-land", "alpha-land")
    assert problem_lines(project) == [
        "docs/actors/alpha-land.md:2: beta-land: record: this page names 'beta-land', whose page is "
        "docs/actors/beta-land.md; this file is named for 'alpha-land' (expected 'record: alpha-land' here)",
        "docs/actors/beta-land.md:2: alpha-land: record: this page names 'alpha-land', whose page is "
        "docs/actors/alpha-land.md; this file is named for 'beta-land' (expected 'record: beta-land' here)",
    ]


def test_a_page_naming_another_record_of_its_folder_is_refused_even_when_that_record_has_a_page(project) -> None:
    set_record(project / "docs/actors/beta-land.md", "beta-land", "alpha-land")
    assert problem_lines(project) == [
        "docs/actors/beta-land.md:2: alpha-land: record: this page names 'alpha-land', whose page is "
        "docs/actors/alpha-land.md; this file is named for 'beta-land' (expected 'record: beta-land' here)",
    ]


@pytest.mark.parametrize("suffix", [suffix for suffix in MARKDOWN_SUFFIXES if suffix != ".md"])
def test_a_second_page_under_another_extension_is_refused_by_the_check(project: Path, suffix: str) -> None:
    page = project / "docs/actors/alpha-land.md"
    (project / f"docs/actors/alpha-land{suffix}").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    assert problem_lines(project) == [
        f"docs/actors/alpha-land{suffix}: -: page: this page is published at actors/alpha-land/, as "
        "docs/actors/alpha-land.md is (expected one page per address)",
        f"docs/actors/alpha-land{suffix}:2: alpha-land: record: this page names 'alpha-land', whose page is "
        "docs/actors/alpha-land.md (expected a record's page at docs/<folder>/<record id>.md)",
    ]


def test_a_page_under_another_extension_is_read_and_checked_like_any_page(project: Path) -> None:
    (project / "docs/notes.markdown").write_text("# Notes\n\n{{ profil() }}\n", encoding="utf-8")
    (project / "docs/actors/notes.mdown").write_text("# Notes\n", encoding="utf-8")
    lines = problem_lines(project)
    assert lines[0] == ("docs/actors/notes.mdown:1: -: record: this page in a record folder names no record "
                        "(expected front matter 'record: <actor id>')")
    assert lines[1].startswith("docs/notes.markdown:3: -: template: undefined name 'profil'; did you mean 'profile'?")
    assert len(lines) == 2


def test_a_page_outside_the_record_folders_cannot_claim_a_record(project: Path) -> None:
    index = project / "docs/index.md"
    index.write_text("---\nrecord: alpha-land\n---\n\n" + index.read_text(encoding="utf-8"), encoding="utf-8")
    assert problem_lines(project) == [
        "docs/index.md:2: alpha-land: record: this page names 'alpha-land', whose page is "
        "docs/actors/alpha-land.md (expected a record's page at docs/<folder>/<record id>.md)",
    ]


def test_an_organization_page_in_the_actors_folder_is_refused(project: Path) -> None:
    (project / "docs/actors/pact.md").write_text("---\nrecord: pact\n---\n\n# Pact\n", encoding="utf-8")
    assert problem_lines(project) == [
        "docs/actors/pact.md:2: pact: record: this page names 'pact', whose page is docs/organizations/pact.md "
        "(expected a record's page at docs/<folder>/<record id>.md)",
    ]


def test_a_folder_index_at_a_record_pages_address_is_refused(project: Path) -> None:
    (project / "docs/actors/alpha-land").mkdir()
    (project / "docs/actors/alpha-land/index.md").write_text("# Shadow\n", encoding="utf-8")
    lines = problem_lines(project)
    assert ("docs/actors/alpha-land/index.md: -: page: this page is published at actors/alpha-land/, as "
            "docs/actors/alpha-land.md is (expected one page per address)") in lines


def test_a_readme_beside_an_index_is_refused(project: Path) -> None:
    (project / "docs/README.md").write_text("# Read me\n", encoding="utf-8")
    assert problem_lines(project) == [
        "docs/README.md: -: page: this page is published at ./, as docs/index.md is (expected one page per address)",
    ]
