"""The relations network: deterministic SVG, a style per tie type that reads without colour, arrowheads,
escaping, and a picture that stays readable (and fast) at 1,000 ties while its table keeps every one.

Built on the minimal fixture project, with ties added in memory.
"""
from __future__ import annotations

import dataclasses
import random
import time

import pytest
from bs4 import BeautifulSoup

from macros.model.dates import parse_reduced_date
from macros.model.records import RELATION_TYPES, Actor, Citation, Relation
from macros.query.index import build_index
from macros.query.relation_views import EGO_NEIGHBOUR_LIMIT, NETWORK_NODE_LIMIT, NETWORK_TIE_LIMIT
from macros.render.relations import DASH_OF, FAMILY_HEADS, FAMILY_OF
from macros.site.assemble import load_site
from macros.site.macros import MacroSet
from macros.site.state import SiteSettings
from tests.support import MINIMAL

CITE = (Citation(source="report-2023", locator="paragraph 2"),)


def minimal_site():
    """The minimal fixture project, loaded and checked as a build loads it."""
    return load_site(SiteSettings(project_dir=MINIMAL, docs_dir=MINIMAL / "docs", data_dir=MINIMAL / "data",
                                  parse_cache_dir=None))


def with_data(site, *, actors=(), relations=None, memberships=None, disagreements=None):
    """The site with records replaced or added in memory, its index rebuilt."""
    dataset = site.index.dataset
    changes: dict = {"actors": list(dataset.actors) + list(actors)}
    if relations is not None:
        changes["relations"] = list(relations)
    if memberships is not None:
        changes["memberships"] = list(memberships)
    if disagreements is not None:
        changes["disagreements"] = list(disagreements)
    site.index = build_index(dataclasses.replace(dataset, **changes))
    return site


def tie(number: int, subject: str, kind: str, target: str, **fields) -> Relation:
    return Relation(id=f"tie-{number}", subject=subject, type=kind, object=target, sources=CITE, **fields)


def render(site, macro: str, src: str = "relations.md", record: str | None = None) -> str:
    macros = MacroSet(site)
    macros.start_page(src, record)
    return macros.call(macro)


def synthetic_ties(count: int, actors: int, seed: int = 3) -> tuple[list[Actor], list[Relation]]:
    """`actors` states and `count` ties between them, every type used."""
    chooser = random.Random(seed)
    people = [Actor(id=f"state-{n:03d}", type="state", name=f"State {n}", summary="s", sources=CITE)
              for n in range(actors)]
    relations = []
    for number in range(count):
        subject, target = chooser.sample(people, 2)
        relations.append(tie(number, subject.id, RELATION_TYPES[number % len(RELATION_TYPES)], target.id,
                             start=parse_reduced_date(str(2000 + number % 25))))
    return people, relations


def test_every_tie_type_differs_from_every_other_in_dash_or_arrowhead_not_only_in_colour():
    styles = {(DASH_OF[t], FAMILY_HEADS[FAMILY_OF[t]]) for t in RELATION_TYPES}
    assert len(styles) == len(RELATION_TYPES)


def test_the_same_ties_in_any_order_give_byte_identical_svg():
    people, relations = synthetic_ties(60, 15)
    first = render(with_data(minimal_site(), actors=people, relations=relations), "relation_network")
    shuffled = relations[:]
    random.Random(1).shuffle(shuffled)
    second = render(with_data(minimal_site(), actors=people, relations=shuffled), "relation_network")
    assert first == second
    assert "<script" not in first and "http" not in first.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_each_tie_is_an_arrow_with_its_types_style_and_the_table_lists_the_same_ties():
    relations = [tie(1, "alpha-land", "designates-as-terrorist", "beta-land", start=parse_reduced_date("2003")),
                 tie(2, "alpha-land", "suspends-designation", "beta-land", start=parse_reduced_date("2024-04")),
                 tie(3, "beta-land", "branch-of", "pact"),
                 tie(4, "jane-doe", "blames", "alpha-land", as_of=parse_reduced_date("2023-02"))]
    soup = BeautifulSoup(render(with_data(minimal_site(), relations=relations), "relation_network"), "html.parser")
    svg = soup.select_one("figure.rel-figure svg")
    assert svg["role"] == "img"
    labelled = svg["aria-labelledby"].split()
    assert [svg.find(id=label).name for label in labelled] == ["title", "desc"]
    markers = {marker["id"] for marker in svg.select("defs marker")}
    edges = svg.select("path.rel-edge")
    assert sorted(edge["data-relation"] for edge in edges) == ["tie-1", "tie-2", "tie-3", "tie-4"]
    for edge in edges:
        relation = next(r for r in relations if r.id == edge["data-relation"])
        assert edge["data-type"] == relation.type
        assert edge.get("stroke-dasharray", "") == DASH_OF[relation.type]
        assert f"rel-{FAMILY_OF[relation.type]}" in edge["class"]
        assert edge["marker-end"][5:-1] in markers  # url(#...) points at a marker of this picture
    # two ties between the same actors fan out as curves instead of lying on top of each other
    assert all("Q" in edge["d"] for edge in edges if edge["data-relation"] in ("tie-1", "tie-2"))
    rows = soup.select("table.relation-table tbody tr")
    # What holds today first: ties in force, newest first, undated last (ended ties would follow them).
    assert [row["data-relation"] for row in rows] == ["tie-2", "tie-4", "tie-1", "tie-3"]
    first_listing = rows[2]
    assert first_listing.th.get_text() == "Alpha Land" and first_listing.select("td")[1].get_text() == "Beta Land"
    assert first_listing.select("td")[2].get_text() == "from 2003"
    assert all(row.select("a.cite") for row in rows)
    legend = [item["data-type"] for item in soup.select("ul.rel-legend li")]
    assert legend == [t for t in RELATION_TYPES if t in {r.type for r in relations}]


def test_names_and_notes_are_escaped_in_the_picture_and_the_table():
    hostile = Actor(id="hostile-land", type="state", name='<script>alert(1)</script> & "Co"', summary="s",
                    sources=CITE)
    relations = [tie(1, "hostile-land", "hostile-to", "alpha-land", note="<b>bold</b> & more")]
    html = render(with_data(minimal_site(), actors=[hostile], relations=relations), "relation_network")
    assert "<script>" not in html and "<b>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('g[data-record="hostile-land"] text').get_text() == hostile.name
    assert soup.select_one("table.relation-table td:nth-of-type(4)").get_text() == "<b>bold</b> & more"


def test_an_actors_picture_centres_it_among_its_neighbours_and_its_table_has_all_its_ties():
    relations = [tie(1, "alpha-land", "allied-with", "beta-land"), tie(2, "jane-doe", "blames", "alpha-land"),
                 tie(3, "beta-land", "rival-of", "jane-doe")]
    soup = BeautifulSoup(render(with_data(minimal_site(), relations=relations), "relation_list",
                                "actors/alpha-land.md", "alpha-land"), "html.parser")
    assert soup.select_one("g.rel-focus")["data-record"] == "alpha-land"
    assert {row["data-relation"] for row in soup.select("table.relation-table tr[data-relation]")} == {"tie-1", "tie-2"}
    assert len(soup.select("path.rel-edge")) == 2


def test_many_ties_among_few_actors_draw_fewer_actors_rather_than_a_tangle():
    people, relations = synthetic_ties(1000, 40)
    soup = BeautifulSoup(render(with_data(minimal_site(), actors=people, relations=relations), "relation_network"),
                         "html.parser")
    assert 0 < len(soup.select("path.rel-edge")) <= NETWORK_TIE_LIMIT
    assert len(soup.select("table.relation-table tbody tr")) == 1000


@pytest.mark.parametrize("count, actors", [(1000, 300)])
def test_a_thousand_ties_stay_readable_and_fast_the_table_keeps_every_one(count, actors):
    people, relations = synthetic_ties(count, actors)
    site = with_data(minimal_site(), actors=people, relations=relations)
    started = time.perf_counter()
    html = render(site, "relation_network")
    elapsed = time.perf_counter() - started
    soup = BeautifulSoup(html, "html.parser")
    drawn = {node["data-record"] for node in soup.select("g.rel-node")}
    assert len(drawn) == NETWORK_NODE_LIMIT
    edges = {edge["data-relation"] for edge in soup.select("path.rel-edge")}
    assert edges == {r.id for r in relations if r.subject in drawn and r.object in drawn}
    assert len(soup.select("table.relation-table tbody tr")) == count
    assert soup.select_one("p.rel-limit").get_text().startswith(
        f"The picture shows the {NETWORK_NODE_LIMIT} of {actors} actors with the most ties")
    assert elapsed < 3.0, f"{elapsed:.2f} s for {count} ties"
    # A hub with ties to 60 others: its own picture keeps its closest neighbours, its table every tie.
    hub = [tie(count + n, "state-000", "engages-with", f"state-{n:03d}") for n in range(1, 61)]
    site = with_data(minimal_site(), actors=people, relations=relations + hub)
    ego = BeautifulSoup(render(site, "relation_list", "actors/state-000.md", "state-000"), "html.parser")
    assert len(ego.select("g.rel-node")) == EGO_NEIGHBOUR_LIMIT + 1
    assert ego.select_one("p.rel-limit").get_text().startswith(f"The picture shows the {EGO_NEIGHBOUR_LIMIT} of ")
    own = [r for r in relations + hub if "state-000" in (r.subject, r.object)]
    assert len(ego.select("table.relation-table tbody tr")) == len(own)
