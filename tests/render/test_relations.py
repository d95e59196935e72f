"""Memberships in time and disagreements, rendered: as-of tabs, role history, the roles chart, disputed marks.

Built on the minimal fixture project with records added in memory; expectations come from the records.
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.model.dates import parse_reduced_date as date
from macros.model.records import Account, Disagreement, Membership
from macros.query.membership_time import end_of_year, years_of_memberships
from macros.query.time import select_as_of
from macros.render.relations import render_period
from tests.render.test_network import CITE, minimal_site, render, tie, with_data


def belonging(member, role, **fields) -> Membership:
    return Membership(member=member, organization="pact", role=role, sources=CITE, **fields)


HISTORY = [
    belonging("alpha-land", "leader", as_of=date("2023-04")),
    belonging("beta-land", "dialogue-partner", start=date("2010"), end=date("2015")),
    belonging("beta-land", "observer", start=date("2015"), end=date("2024-07")),
    belonging("beta-land", "member", start=date("2024-07")),
    belonging("jane-doe", "member", start=date("2021"), status="frozen", disagreement="frozen-or-not"),
    belonging("jane-doe", "member", start=date("2021"), disagreement="frozen-or-not"),
]
DISPUTE = Disagreement(id="frozen-or-not", question="Is the participation <frozen>?",
                       summary="One source says frozen, the other that no formal step was taken.",
                       about=("pact",), accounts=(Account(says="Frozen & so on", sources=CITE),
                                                  Account(says="No formal step", sources=CITE)))


@pytest.fixture(scope="module")
def site():
    return with_data(minimal_site(), memberships=HISTORY, disagreements=[DISPUTE], relations=[])


def test_the_period_says_what_the_source_gives_and_no_more():
    assert BeautifulSoup(render_period(HISTORY[2]), "html.parser").get_text() == "from 2015 until July 2024"
    assert BeautifulSoup(render_period(HISTORY[0]), "html.parser").get_text() == "as of April 2023"


def test_each_year_tab_lists_exactly_the_records_holding_at_that_years_end_newest_first(site):
    soup = BeautifulSoup(render(site, "membership_history", "organizations/pact.md", "pact"), "html.parser")
    blocks = soup.select(".asof-tabs .tabbed-block")
    spans = [[int(year) for year in block["data-years"].split()] for block in blocks]
    # Every year of the data has a tab, newest first; a tab shares years only when their states are the same.
    assert [year for span in spans for year in reversed(span)] == list(reversed(years_of_memberships(HISTORY)))
    labels = [label.get_text() for label in soup.select(".asof-tabs .tabbed-labels label")]
    assert labels == [f"As of {s[0]}" if len(s) == 1 else f"As of {s[0]}–{s[-1]}" for s in spans]
    inputs = soup.select(".asof-tabs > input")
    assert [i.get("checked") for i in inputs] == ["checked"] + [None] * (len(blocks) - 1)
    assert [label["for"] for label in soup.select(".asof-tabs label")] == [i["id"] for i in inputs]
    for block, span in zip(blocks, spans, strict=True):
        rows = [(row["data-member"], row["data-role"]) for row in block.select("tbody tr")]
        for year in span:
            expected = select_as_of(HISTORY, end_of_year(year))  # the model's query
            assert rows == [(m.member, m.role) for m in expected], year
    states = [[(r["data-member"], r["data-role"]) for r in block.select("tbody tr")] for block in blocks]
    assert all(newer != older for newer, older in zip(states, states[1:], strict=False))


def test_the_history_table_has_every_record_and_the_chart_draws_each_role_with_its_texture(site):
    soup = BeautifulSoup(render(site, "membership_history", "organizations/pact.md", "pact"), "html.parser")
    rows = soup.select("table.history-table tbody tr")
    assert sorted((r["data-member"], r["data-role"]) for r in rows) == sorted((m.member, m.role) for m in HISTORY)
    frozen = soup.select("table.history-table tr[data-status=frozen]")
    assert len(frozen) == 1 and frozen[0].select("td")[1].get_text(" ", strip=True).startswith("frozen")
    chart = soup.select_one("figure.hist-figure svg")
    assert chart["role"] == "img" and chart.find("title") and chart.find("desc")
    bars = chart.select("g.hist-bar")
    assert len(bars) == len(HISTORY)
    assert {bar["data-role"] for bar in bars} == {m.role for m in HISTORY}
    assert len(chart.select("g.hist-bar[data-status=frozen] rect.hist-status")) == 1
    legend = {item.get("data-role") or item.get("data-status") for item in soup.select("ul.hist-legend li")}
    assert legend >= {m.role for m in HISTORY} | {"frozen"}


def test_a_disputed_record_links_to_its_disagreement_shown_once_on_the_page_with_each_account(site):
    html = render(site, "membership_history", "organizations/pact.md", "pact")
    soup = BeautifulSoup(html, "html.parser")
    marks = soup.select("a.disputed")
    assert marks and {mark["href"] for mark in marks} == {"#disagreement-frozen-or-not"}
    blocks = soup.select("section.disagreement")
    assert [block["id"] for block in blocks] == ["disagreement-frozen-or-not"]
    block = blocks[0]
    assert block.select_one(".disagreement-question").get_text() == "Sources differ: Is the participation <frozen>?"
    assert block.select_one(".disagreement-summary").get_text() == DISPUTE.summary
    says = [cell.get_text() for cell in block.select("tr.account-says td")]
    assert says == [account.says for account in DISPUTE.accounts]
    assert all(cell.select("a.cite") for cell in block.select("tr.account-sources td"))
    assert len(block.select("ul.disagreement-records li")) == 2


def test_the_matrix_as_of_each_year_shows_the_memberships_holding_then(site):
    soup = BeautifulSoup(render(site, "membership_matrix_as_of", "organizations/index.md"), "html.parser")
    blocks = soup.select(".asof-matrix-tabs .tabbed-block")
    assert blocks
    for block in blocks:
        held = select_as_of(HISTORY, end_of_year(int(block["data-year"])))
        cells = {(row["data-member"], cell["data-organization"])
                 for row in block.select("table.membership-matrix-as-of tr[data-member]")
                 for cell in row.select("td[data-role]")}
        assert cells == {(m.member, m.organization) for m in held}
        for group in block.select("tbody.matrix-group"):  # grouped by what each belonged to that year
            for row in group.select("tr[data-member]"):
                belongs = {m.organization for m in held if m.member == row["data-member"] and m.role != "non-member"}
                assert set(group["data-combination"].split()) == belongs


def test_the_disagreements_page_lists_every_disagreement_and_says_so_when_there_is_none(site):
    markdown = render(site, "disagreement_list", "disagreements.md")
    soup = BeautifulSoup(markdown, "html.parser")
    assert [s["data-disagreement"] for s in soup.select("section.disagreement")] == ["frozen-or-not"]
    # A Markdown heading per disagreement, so the table of contents lists each; its text escaped for Markdown.
    assert "## Sources differ: Is the participation &lt;frozen&gt;? {: #disagreement-frozen-or-not }" in markdown
    empty = with_data(minimal_site(), disagreements=[], relations=[tie(1, "alpha-land", "blames", "beta-land")])
    assert "No disagreements" in render(empty, "disagreement_list", "disagreements.md")


def test_the_timeline_shows_each_start_and_end_of_a_tie_or_role_in_date_order(site):
    ties = [tie(1, "alpha-land", "designates-as-terrorist", "beta-land", start=date("2003"), end=date("2024-04")),
            tie(2, "alpha-land", "blames", "beta-land", as_of=date("2023-02"))]  # a report: no change to draw
    changed = with_data(minimal_site(), memberships=HISTORY, disagreements=[DISPUTE], relations=ties)
    soup = BeautifulSoup(render(changed, "timeline", "timeline.md"), "html.parser")
    rows = soup.select("figure.tc-chart li.tc-row")
    dates = [row.time["datetime"] for row in rows]
    expected = [d.iso() for record in [*ties, *HISTORY] for d in (record.start, record.end) if d]
    assert sorted(dates) == sorted(expected) and dates == sorted(dates, key=lambda text: date(text))
    assert rows[0].get_text(" ", strip=True) == "2003 · Begins: Alpha Land designates as terrorist Beta Land"
    assert rows[0].a["href"] == "../relations/#relation-tie-1"
    assert all(row.a["href"] == "../organizations/pact/#members-over-time"
               for row in rows if " in " in row["data-record"])


def test_years_with_the_same_state_share_one_tab_so_every_year_is_found_once():
    from macros.render.history import build_tabs
    # Beta's period ends in 2020, so it still holds on 31 December 2020 (the model's reading of an end):
    # the state at the end of 2020 is the one of 2012, and the two years share a tab.
    records = [belonging("alpha-land", "member", start=date("2010")),
               belonging("beta-land", "observer", start=date("2012"), end=date("2020"))]
    assert select_as_of(records, end_of_year(2012)) == select_as_of(records, end_of_year(2020))
    tabs, left_out = build_tabs(records)
    assert [(span.years, span.label) for span, _ in tabs] == [((2012, 2020), "2012–2020"), ((2010,), "2010")]
    assert [len(held) for _, held in tabs] == [2, 1] and not left_out
    assert build_tabs(records, limit=1) == (tabs[:1], True)
    assert build_tabs(records, row_budget=2) == (tabs[:1], True)  # the second tab's row would pass the budget
    assert build_tabs(records, row_budget=1) == (tabs[:1], True)  # the newest tab always shows
    assert build_tabs(records, row_budget=3) == (tabs, False)


def _every_year_end_tab(records: list[Membership]) -> list[tuple[tuple[int, ...], list[Membership]]]:
    """Every tab, reading every year of the records (what build_tabs gives before it is cut), newest first."""
    from macros.render.history import select_all_as_of
    spans: list[tuple[list[int], list[Membership]]] = []
    for year in reversed(years_of_memberships(records)):
        held = [m for m in select_all_as_of(records, end_of_year(year)) if m.role != "non-member"]
        if spans and [id(m) for m in spans[-1][1]] == [id(m) for m in held]:
            spans[-1][0].insert(0, year)
        else:
            spans.append(([year], held))
    return [(tuple(years), held) for years, held in spans]


def test_tabs_read_only_the_years_they_show_and_still_cut_where_reading_every_year_cuts(real_site):
    # build_tabs stops reading years once a tab is left out; each organization's tabs and the whole matrix's
    # must be the first tabs of all of them, cut at the limit or where the rows pass the budget.
    from macros.render.history import build_tabs
    index = real_site.index
    histories = [list(records) for records in index.memberships_by_organization.values()]
    histories.append(list(index.dataset.memberships))
    assert max(len(_every_year_end_tab(records)) for records in histories) > 3  # enough tabs to cut
    for records in histories:
        every = _every_year_end_tab(records)
        for limit in (1, 2, 3, 20):
            for budget in (None, 1, 10, 40, 600):
                shown, rows = 0, 0
                while shown < min(limit, len(every)):
                    rows += len(every[shown][1])
                    if shown and budget is not None and rows > budget:
                        break
                    shown += 1
                tabs, left_out = build_tabs(records, limit, budget)
                assert [(span.years, held) for span, held in tabs] == every[:shown], (limit, budget)
                assert left_out == (len(every) > shown), (limit, budget)


def test_a_states_stances_are_its_answer_for_every_target(real_site):
    # select_stances_of_state looks only at the targets a state has a stance tie with: for every state of the
    # real data, the same cells, in the same order, as asking select_stance about every target.
    from macros.query.profile import select_stance, select_stances_of_state, stance_targets
    index = real_site.index
    states = [actor.id for actor in index.actors.values() if actor.type == "state"]
    found = 0
    for state in states:
        every = [(target, select_stance(index, state, target)) for target in stance_targets(index)]
        expected = [(target, cells) for target, cells in every if any(cells.values())]
        assert select_stances_of_state(index, state) == expected
        found += len(expected)
    assert found > 20  # the real data has stances: the comparison is not between two empty lists
