"""The relation, history and disagreement views on the built site, against data/*.yml.

Ties and disagreements are read straight from the YAML (not through macros/); the as-of tabs are
compared with the as-of query run on the checked data, year by year.
"""
from __future__ import annotations

from macros.query.membership_time import end_of_year, years_of_memberships
from macros.query.time import memberships_as_of
from tests.support import normalized, read_data_file

NAMES = {record["id"]: record["name"] for kind in ("actors", "organizations") for record in read_data_file(kind)}


def sources_of(record: dict) -> set[str]:
    return {citation if isinstance(citation, str) else citation["source"] for citation in record["sources"]}


def test_every_tie_in_the_data_is_in_the_site_wide_table_with_its_parties_and_sources(read_page):
    soup = read_page("relations/")
    relations = read_data_file("relations")
    rows = soup.select("table.relation-table tbody tr")
    assert sorted(row["data-relation"] for row in rows) == sorted(r["id"] for r in relations)
    for relation in relations:
        row = soup.select_one(f"tr#relation-{relation['id']}")
        assert row["data-type"] == relation["type"]
        assert row.th.get_text() == NAMES[relation["subject"]]
        assert row.select("td")[1].get_text() == NAMES[relation["object"]]
        assert len(row.select("a.cite")) == len(sources_of(relation))
        assert bool(row.select("a.disputed")) == bool(relation.get("disagreement"))
    drawn = {edge["data-relation"] for edge in soup.select("svg.rel-network path.rel-edge")}
    assert drawn <= {r["id"] for r in relations}
    if relations:
        assert drawn and soup.select_one("svg.rel-network")["role"] == "img"


def test_each_actor_page_lists_exactly_the_ties_it_holds_or_receives(read_page):
    relations = read_data_file("relations")
    for actor in read_data_file("actors"):
        soup = read_page(f"actors/{actor['id']}/")
        listed = sorted(row["data-relation"] for row in soup.select("table.relation-table tbody tr"))
        assert listed == sorted(r["id"] for r in relations if actor["id"] in (r["subject"], r["object"])), actor["id"]
        for mark in soup.select("a.disputed"):
            assert soup.select_one(mark["href"]) is not None  # its disagreement is on the same page


def test_each_organization_tab_lists_the_members_holding_at_that_years_end(read_page, real_site):
    index = real_site.index
    for organization in read_data_file("organizations"):
        soup = read_page(f"organizations/{organization['id']}/")
        memberships = list(index.memberships_by_organization.get(organization["id"], ()))
        blocks = soup.select(".asof-tabs .tabbed-block")
        years = [int(year) for block in blocks for year in reversed(block["data-years"].split())]
        assert years == list(reversed(years_of_memberships(memberships)))[:len(years)]
        assert len(blocks) <= 20  # Material's CSS switches at most 20 tabs
        for block in blocks:
            for year in block["data-years"].split():  # a tab stands for each year it names
                held = memberships_as_of(index, organization["id"], end_of_year(int(year)))
                # A state a source names as not a member held no role that year: the tab leaves it out.
                assert [(r["data-member"], r["data-role"]) for r in block.select("tbody tr")] == [
                    (m.member, m.role) for m in held if m.role != "non-member"], (organization["id"], year)
        history = soup.select("table.history-table tbody tr")
        assert len(history) == len([m for m in read_data_file("memberships")
                                    if m["organization"] == organization["id"]])


def test_the_disagreements_page_shows_every_disagreement_with_its_accounts_side_by_side(read_page):
    soup = read_page("disagreements/")
    disagreements = read_data_file("disagreements")
    sections = soup.select("section.disagreement")
    assert [s["data-disagreement"] for s in sections] == [d["id"] for d in disagreements]
    for disagreement, section in zip(disagreements, sections, strict=True):
        # Its heading (in the table of contents) stands just before the section and carries the anchor.
        question = normalized(f"Sources differ: {disagreement['question']}")
        heading = soup.find(id=f"disagreement-{disagreement['id']}")
        assert heading.name == "h2" and normalized(heading.get_text()).removesuffix("¶").strip() == question
        assert heading.find_next("section") is section
        says = [normalized(cell.get_text()) for cell in section.select("tr.account-says td")]
        assert says == [normalized(account["says"]) for account in disagreement["accounts"]]
        assert all(cell.select("a.cite") for cell in section.select("tr.account-sources td"))
    if not disagreements:
        assert "No disagreements" in soup.get_text()


def test_the_timeline_charts_every_start_and_end_of_a_tie_or_a_role_linking_to_where_it_is_shown(read_page):
    soup = read_page("timeline/")
    rows = soup.select("figure.tc-chart li.tc-row")
    expected = sorted((relation["id"], "begins" if field == "start" else "ends")
                      for relation in read_data_file("relations") for field in ("start", "end") if relation.get(field))
    expected += sorted((f"{m['member']} in {m['organization']}", "begins" if field == "start" else "ends")
                       for m in read_data_file("memberships") for field in ("start", "end") if m.get(field))
    drawn = [(row["data-record"], row["data-change"]) for row in rows]
    assert sorted(drawn) == sorted(expected)
    relations_page = read_page("relations/")
    for row in rows:
        href = row.a["href"]
        if href.startswith("../relations/#"):
            assert relations_page.find(id=href.split("#")[1]) is not None, href
        else:
            assert href.startswith("../organizations/") and href.endswith("/#members-over-time"), href
            assert read_page(href[3:].split("#")[0]).find(id="members-over-time") is not None
