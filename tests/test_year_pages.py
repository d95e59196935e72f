"""A listing that outgrows one page is split into a page per year, and every link follows its entry."""
from __future__ import annotations

import re
from types import SimpleNamespace

from macros.dates import parse_reduced_date
from macros.year_pages import UNDATED, render_year_page_sources, split_by_year, YearPages


def _entry(entry_id: str, date: str | None):
    return SimpleNamespace(id=entry_id, date=parse_reduced_date(date) if date else None)


def test_a_listing_within_the_limit_stays_whole():
    split = split_by_year("timeline", [_entry("a", "2021"), _entry("b", "2023-02")], limit=2)
    assert not split.is_split
    assert split.role_of("a") == "timeline" and split.role_of("b") == "timeline"


def test_a_listing_over_the_limit_gets_a_page_per_year_with_undated_last():
    entries = [_entry("a", "2021"), _entry("b", "2023-02"), _entry("c", "2023-02-14"), _entry("d", None)]
    split = split_by_year("statements", entries, limit=3)
    assert split.years == ("2021", "2023", UNDATED)
    assert split.count_of == {"2021": 1, "2023": 2, UNDATED: 1}
    assert split.role_of("c") == "statements/2023" and split.role_of("d") == "statements/undated"
    pages = render_year_page_sources(YearPages(statements=split))
    assert pages["statements/2023.md"] == "# Statements: 2023\n\n{{ statement_index(year='2023') }}\n"
    assert pages["statements/undated.md"].startswith("# Statements: undated\n")


def test_timeline_year_pages_draw_their_own_chart():
    split = split_by_year("timeline", [_entry("a", "2021"), _entry("b", "2023")], limit=1)
    page = render_year_page_sources(YearPages(timeline=split))["timeline/2021.md"]
    assert page == "# Timeline: 2021\n\n{{ timeline_chart(year='2021') }}\n\n{{ timeline(year='2021') }}\n"


# ---------------------------------------------------------------- a generated project with a low limit

import sys  # noqa: E402

import pytest  # noqa: E402

from conftest import PROJECT_DIR  # noqa: E402
from macros.affected import remember_build  # noqa: E402
from macros.site import OVERVIEW_PAGES, MacroSet, SiteSettings, load_site  # noqa: E402

sys.path.insert(0, str(PROJECT_DIR / "bench"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    """The 20-actor benchmark project, checked with a limit of 10 entries per listing page."""
    project = tmp_path_factory.mktemp("year-pages") / "project"
    generate.write_project(20, 7, project)
    settings = SiteSettings(project_dir=project, docs_dir=project / "docs", data_dir=project / "data",
                            parse_cache_dir=None, split_listings_above=10)
    return load_site(settings)


def test_claims_beyond_the_limit_get_a_page_per_year_of_the_claim(split_site):
    claims = split_site.year_pages.claims
    assert claims.is_split and len(claims.year_of) > 10
    sources = split_site.year_pages.page_sources()
    assert {f"claims/{year}" for year in claims.years} <= set(sources)
    macros = MacroSet(split_site)
    macros.start_page("claims.md", None)
    overview = macros.claims_and_rebuttals()
    assert 'class="year-index"' in overview and "claims are recorded" in overview
    assert 'downloads/statements.csv"' in overview
    year = claims.years[0]
    macros.start_page(f"claims/{year}.md", None)
    page = macros.claims_and_rebuttals(year=year)
    listed = set(re.findall(r'id="claim-([^"]+)"', page))
    assert listed == {claim for claim, claim_year in claims.year_of.items() if claim_year == year}


def test_a_claims_year_page_is_rebuilt_when_its_claim_or_a_reply_changes(split_site):
    memory = remember_build(split_site, OVERVIEW_PAGES)
    claims = split_site.year_pages.claims
    claim_id, year = next(iter(claims.year_of.items()))
    assert f"claims/{year}.md" in memory.shown_on[claim_id]
    reply = split_site.index.replies_by_statement[claim_id][0]
    assert f"claims/{year}.md" in memory.shown_on[reply.id]
