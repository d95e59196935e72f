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


def test_a_listing_over_the_limit_gets_year_pages_with_undated_last():
    entries = [_entry("a", "2021"), _entry("b", "2021-05"), _entry("c", "2023-02"), _entry("d", "2023-02-14"),
               _entry("e", None)]
    split = split_by_year("statements", entries, limit=3)
    assert split.years == ("2021", "2023", UNDATED)
    assert split.count_of == {"2021": 2, "2023": 2, UNDATED: 1}
    assert split.role_of("d") == "statements/2023" and split.role_of("e") == "statements/undated"
    pages = render_year_page_sources(YearPages(statements=split))
    assert pages["statements/2023.md"] == "# Statements: 2023\n\n{{ statement_index(year='2023') }}\n"
    assert pages["statements/undated.md"].startswith("# Statements: Undated\n")


def test_sparse_years_share_a_page_while_they_fit_and_a_crowded_year_stands_alone():
    dates = ["2001", "2002", "2003-04", "2003-05", "2005", "2006-01", "2006-02", "2006-03", "2006-04", "2007",
             "2008"]
    entries = [_entry(f"e{number}", date) for number, date in enumerate(dates)]
    split = split_by_year("timeline", entries, limit=3)
    # 2001+2002 (2); 2003 (2) would make 4; 2003+2005 (3); 2006 has 4 > 3: alone; 2007+2008 (2)
    assert split.years == ("2001-2002", "2003-2005", "2006", "2007-2008")
    assert split.count_of == {"2001-2002": 2, "2003-2005": 3, "2006": 4, "2007-2008": 2}
    assert split.role_of("e4") == "timeline/2003-2005" and split.source_of("2003-2005") == "timeline/2003-2005.md"
    page = render_year_page_sources(YearPages(timeline=split))["timeline/2003-2005.md"]
    assert page.startswith("# Timeline: 2003\u20132005\n")
    assert "timeline(year='2003-2005')" in page
    # No page holds more than the limit unless one year alone does; no two neighbouring pages would fit together.
    counts = [split.count_of[label] for label in split.years]
    assert all(count <= 3 or "-" not in label for label, count in zip(split.years, counts))
    assert all(first + second > 3 for first, second in zip(counts, counts[1:]))


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


def test_sources_beyond_the_limit_get_year_pages_and_citations_link_to_them(split_site):
    sources = split_site.year_pages.sources
    assert sources.is_split and len(sources.year_of) == len(split_site.index.sources)
    macros = MacroSet(split_site)
    macros.start_page("sources.md", None)
    overview = macros.source_list()
    assert 'class="year-index"' in overview and "sources are recorded" in overview
    label = sources.years[-1]
    macros.start_page(f"sources/{label}.md", None)
    listed = set(re.findall(r'id="source-([^"]+)"', macros.source_list(year=label)))
    assert listed == {source for source, page in sources.year_of.items() if page == label}
    # A record page's list of sources cited links each source to its entry on its year page.
    actor = next(iter(split_site.index.actors))
    macros.start_page(f"actors/{actor}.md", actor)
    macros.profile(), macros.membership_table(), macros.event_list(), macros.statement_list()
    links = re.findall(r'<li id="ref-\d+" value="\d+"><a href="\.\./\.\./sources/([^/]+)/#source-([^"]+)"',
                       macros.finish_page())
    assert links and all(sources.year_of[source] == page for page, source in links)


def test_a_sources_year_page_is_rebuilt_when_a_source_or_a_citing_record_changes(split_site):
    memory = remember_build(split_site, OVERVIEW_PAGES)
    sources = split_site.year_pages.sources
    membership = split_site.index.dataset.memberships[0]
    page = sources.source_of(sources.year_of[membership.sources[0].source])
    assert page in memory.shown_on[membership.sources[0].source]
    assert page in memory.shown_on[f"{membership.member} in {membership.organization}"]
    # The list of records citing a source names the member: renaming it redoes that page.
    assert page in memory.shown_on[membership.member]
