"""A listing that outgrows one page is split into a page per year, and every link follows its entry."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from macros.model.dates import parse_reduced_date
from macros.query.year_pages import UNDATED, YearPages, split_by_year
from macros.render.components import Draw
from macros.render.urls import PageLinks
from macros.render.year_pages import label_for_reader, render_year_index, render_year_page_sources
from macros.site.assemble import OVERVIEW_PAGES, load_site
from macros.site.macros import MacroSet
from macros.site.rebuild_plan import remember_build
from macros.site.state import SiteSettings


def _entry(entry_id: str, date: str | None):
    return SimpleNamespace(id=entry_id, date=parse_reduced_date(date) if date else None)


def test_a_listing_within_the_limit_stays_whole():
    split = split_by_year("timeline", [_entry("a", "2021"), _entry("b", "2023-02")], limit=2)
    assert not split.is_split
    assert split.role_of("a") == "timeline" and split.role_of("b") == "timeline"


def test_a_listing_over_the_limit_gets_year_pages_with_undated_last():
    entries = [_entry("a", "2021"), _entry("b", "2021-05"), _entry("c", "2023-02"), _entry("d", "2023-02-14"),
               _entry("e", None)]
    split = split_by_year("statements", entries, limit=2)
    assert split.years == ("2020-2021", "2022-2023", UNDATED)
    assert split.count_of == {"2020-2021": 2, "2022-2023": 2, UNDATED: 1}
    assert split.role_of("d") == "statements/2022-2023" and split.role_of("e") == "statements/undated"
    pages = render_year_page_sources(YearPages(statements=split))
    assert pages["statements/2022-2023.md"] == (
        "# Statements: 2022\u20132023\n\n{{ statement_index(year='2022-2023') }}\n")
    assert pages["statements/undated.md"].startswith("# Statements: Undated\n")


def _entries_per_year(counts: dict[int, int]) -> list:
    return [_entry(f"e{year}-{number}", f"{year}-01-01") for year, count in counts.items() for number in range(count)]


def test_year_pages_hold_a_decade_five_two_or_one_years_as_the_entries_fit():
    counts = {1995: 30, 1999: 30,  # the 1990s fit on one page
              2001: 100, 2003: 100, 2006: 100, 2008: 100,  # the 2000s fit in halves
              2010: 100, 2011: 100, 2012: 100, 2014: 50,  # the first half of the 2010s needs pairs of years
              2020: 400}  # a year over the limit is split by months (all in January here: one page)
    split = split_by_year("timeline", _entries_per_year(counts), limit=300)
    assert split.years == ("1990-1999", "2000-2004", "2005-2009", "2010-2011", "2012-2013", "2014-2015", "2020-01")
    assert split.count_of == {"1990-1999": 60, "2000-2004": 200, "2005-2009": 200, "2010-2011": 200,
                              "2012-2013": 100, "2014-2015": 50, "2020-01": 400}
    assert split.role_of("e2003-0") == "timeline/2000-2004" and split.source_of("2000-2004") == "timeline/2000-2004.md"
    page = render_year_page_sources(YearPages(timeline=split))["timeline/2000-2004.md"]
    assert page.startswith("# Timeline: 2000\u20132004\n") and "timeline(year='2000-2004')" in page


def test_a_crowded_year_is_split_into_halves_quarters_or_months():
    def entries(dates: list[str]) -> list:
        return [_entry(f"e{number}", date) for number, date in enumerate(dates)]

    halves = split_by_year("timeline", entries(["2023"] + ["2023-02-01"] * 3 + ["2023-11"] * 2), limit=3)
    assert halves.count_of == {"2023-year-only": 1, "2023-h1": 3, "2023-h2": 2}
    quarters = split_by_year("timeline", entries(["2023-01"] * 2 + ["2023-05"] * 2 + ["2023-06-30"]), limit=3)
    assert quarters.count_of == {"2023-q1": 2, "2023-q2": 3}
    months = split_by_year("timeline", entries(["2023-01"] * 4 + ["2023-02"] * 2 + ["2023-03"]), limit=3)
    assert months.count_of == {"2023-01": 4, "2023-02": 2, "2023-03": 1}  # a month over the limit stands alone
    assert [label_for_reader(label) for label in halves.years + quarters.years + months.years[:1]] == [
        "2023, month not given", "January\u2013June 2023", "July\u2013December 2023",
        "January\u2013March 2023", "April\u2013June 2023", "January 2023"]
    page = render_year_page_sources(YearPages(timeline=quarters))["timeline/2023-q2.md"]
    assert page.startswith("# Timeline: April\u2013June 2023\n") and "timeline(year='2023-q2')" in page


def test_a_year_page_keeps_its_address_when_other_decades_grow():
    before = split_by_year("timeline", _entries_per_year({1999: 50, 2001: 50, 2015: 50}), limit=100)
    after = split_by_year("timeline", _entries_per_year({1999: 50, 2001: 50, 2015: 50, 2016: 200, 2017: 1}), limit=100)
    assert set(before.years) == {"1990-1999", "2000-2009", "2010-2019"}
    assert {"1990-1999", "2000-2009"} <= set(after.years) and "2010-2019" not in after.years


def test_timeline_year_pages_draw_their_own_chart():
    split = split_by_year("timeline", [_entry("a", "2021-01"), _entry("b", "2021-07")], limit=1)
    page = render_year_page_sources(YearPages(timeline=split))["timeline/2021-h1.md"]
    assert page == ("# Timeline: January\u2013June 2021\n\n{{ timeline_chart(year='2021-h1') }}\n\n"
                    "{{ timeline(year='2021-h1') }}\n")


# ---------------------------------------------------------------- a generated project with a low limit

@pytest.fixture(scope="module")
def split_site(small_bench_project):
    """The 20-actor benchmark project, checked in process with a limit of 10 entries per listing page."""
    project = small_bench_project
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
    overview = macros.call("claims_and_rebuttals")
    assert 'class="year-index"' in overview and "claims are recorded" in overview
    assert 'downloads/statements.csv"' in overview
    year = claims.years[0]
    macros.start_page(f"claims/{year}.md", None)
    page = macros.call("claims_and_rebuttals", year=year)
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
    overview = macros.call("source_list")
    assert 'class="year-index"' in overview and "sources are recorded" in overview
    label = sources.years[-1]
    macros.start_page(f"sources/{label}.md", None)
    listed = set(re.findall(r'id="source-([^"]+)"', macros.call("source_list", year=label)))
    assert listed == {source for source, page in sources.year_of.items() if page == label}
    # A record page's list of sources cited links each source to its entry on its year page.
    actor = next(iter(split_site.index.actors))
    macros.start_page(f"actors/{actor}.md", actor)
    for name in ("profile", "membership_table", "event_list", "statement_list"):
        macros.call(name)
    links = re.findall(r'<a class="entry-link" href="\.\./\.\./sources/([^/]+)/#source-([^"]+)"',
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


def test_a_page_can_show_any_one_year_even_inside_a_block_of_years(split_site):
    timeline = split_site.year_pages.timeline
    block = next(label for label in timeline.years if "-" in label)
    year = block.split("-")[0]
    macros = MacroSet(split_site)
    macros.start_page("index.md", None)
    listed = set(re.findall(r'id="event-([^"]+)"', macros.call("timeline", year=int(year))))
    assert listed and listed == {event.id for event in split_site.index.events.values() if str(event.date.year) == year}


def test_the_year_index_puts_a_crowded_years_parts_on_one_line():
    dates = ["2001-05", "2002-01", "2003"] + ["2003-02"] * 3 + ["2003-08"] * 2
    split = split_by_year("timeline", [_entry(f"e{number}", date) for number, date in enumerate(dates)], limit=3)
    assert split.years == ("2001", "2002", "2003-year-only", "2003-h1", "2003-h2")
    roles = {"timeline": "timeline/", **{f"timeline/{label}": f"timeline/{label}/" for label in split.years}}
    html = render_year_index(split, Draw(None, PageLinks("timeline/", {}, roles)))
    lines = [re.sub(r"<[^>]+>", "", line) for line in re.findall(r"<li>(.*?)</li>", html)]
    assert lines == ["2001 (1 event)", "2002 (1 event)",
                     "2003: month not given (1 event) · January\u2013June (3 events) · July\u2013December (2 events)"]
    assert 'href="2003-h1/" aria-label="January\u2013June 2003"' in html
