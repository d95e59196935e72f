"""Pictures on the built pages against the data: maps, the timeline chart, the matrix's overlaps, claims.

Expected values are read straight from data/*.yml here (not through macros/), so a rendering bug
cannot hide behind the same bug in the code under test; only which membership records hold on the
newest date comes from the model's own query (query/time.py), which has its own tests.
"""
from __future__ import annotations

import json

import pytest

from macros.model.records import MEMBERSHIP_ROLES
from macros.render.chart import LABEL_SPACING
from tests.built_site.test_pages import current_memberships
from tests.support import PROJECT_DIR, read_data_file, section_under

BELONGING = {"leader", "member", "observer", "dialogue-partner", "partner", "participant", "invited-guest"}
load = read_data_file
REGION = json.loads((PROJECT_DIR / "data" / "geo" / "region.json").read_text(encoding="utf-8"))
MAPPED_STATES = {country["actor"] for country in REGION["countries"] if country["actor"]}
STATES = {actor["id"]: actor["name"] for actor in load("actors") if actor["type"] == "state"}
NAMES = {record["id"]: record["name"] for record in load("actors") + load("organizations")}


def roles_from_data(organization: str) -> dict[str, set[str]]:
    """Member ids by role as of the newest date in the data, as the maps are documented to show them.

    Which records hold at a date is the model's reading of periods (query/time.py, tested on its own in
    tests/data/test_time_and_disagreements.py); the role a member is drawn in is worked out here.
    """
    found: dict[str, set[str]] = {}
    roles: dict[str, str] = {}
    for membership in current_memberships(organization):
        known = roles.get(membership.member)
        # Two records holding at once (accounts of one disagreement): the first role in MEMBERSHIP_ROLES order.
        if known is None or MEMBERSHIP_ROLES.index(membership.role) < MEMBERSHIP_ROLES.index(known):
            roles[membership.member] = membership.role
    for member, role in roles.items():
        found.setdefault(role, set()).add(member)
    return found


# ---------------------------------------------------------------- organization maps

def test_each_map_fills_exactly_the_organizations_members_by_role(read_page):
    soup = read_page("organizations/")
    organizations = [o["id"] for o in load("organizations")]
    with_members = [o for o in organizations if roles_from_data(o)]
    figures = soup.select("figure.geo-figure[data-organization]")
    shown = [figure["data-organization"] for figure in figures]
    # Beyond twelve organizations only the largest get a map, and the page says so.
    assert set(shown) <= set(with_members) and len(shown) == min(12, len(with_members))

    def size(organization: str) -> int:
        return len(set().union(*roles_from_data(organization).values()))
    assert min(size(o) for o in shown) >= max((size(o) for o in with_members if o not in shown), default=0)
    for figure in figures:
        roles = roles_from_data(figure["data-organization"])
        expected = {role: members & MAPPED_STATES for role, members in roles.items()}
        drawn: dict[str, set[str]] = {}
        for use in figure.select("svg use[data-actor]"):
            if use["data-role"] != "none":
                drawn.setdefault(use["data-role"], set()).add(use["data-actor"])
                assert f"geo-role-{use['data-role']}" in use["class"]
        assert drawn == {role: members for role, members in expected.items() if members}
        # exactly the member class: a state is filled as a member if and only if the data says so
        member_class = {use["data-actor"] for use in figure.select("use.geo-role-member")}
        assert member_class == expected.get("member", set())
        # every mapped state is drawn once, the others plain
        assert sorted(use["data-actor"] for use in figure.select("svg use[data-actor]")) == sorted(MAPPED_STATES)


def test_map_captions_list_the_same_states_by_role_and_unmapped_organizations_are_named(read_page):
    soup = read_page("organizations/")
    for figure in soup.select("figure.geo-figure[data-organization]"):
        expected = roles_from_data(figure["data-organization"])
        listed = {item["data-role"]: {a.get_text() for a in item.find_all("a")}
                  for item in figure.select("ul.geo-legend li") if item["data-role"] != "none"}
        assert listed == {role: {NAMES[m] for m in members} for role, members in expected.items()}
        svg = figure.find("svg")
        assert svg["role"] == "img" and soup.find(id=svg["aria-labelledby"]).name == "title"
        assert soup.find(id=svg["aria-describedby"]).name == "figcaption"
    note = soup.select_one("div.geo-maps p.geo-note").get_text(" ")
    limited = soup.select_one("div.geo-maps p.geo-limit") is not None
    for organization in load("organizations"):
        if not roles_from_data(organization["id"]) and not limited:  # beyond twelve maps, the note says so instead
            assert " ".join(organization["name"].split()) in " ".join(note.split())


def test_shapes_are_defined_once_per_page_and_every_use_resolves(read_page):
    soup = read_page("organizations/")
    defined = [path["id"] for path in soup.select("svg.geo-defs path")]
    assert sorted(defined) == sorted(["geo-land"] + [f"geo-shape-{c['iso_numeric']}" for c in REGION["countries"]])
    for use in soup.select("svg.geo-map use"):
        assert use["href"].lstrip("#") in defined
    assert all(soup.find(id=pattern) for pattern in ("geo-hatch", "geo-dots"))


@pytest.mark.parametrize("state", sorted(STATES))
def test_state_pages_have_a_locator_map_of_that_state_or_say_it_is_off_the_map(read_page, state):
    soup = read_page(f"actors/{state}/")
    section = section_under(soup, "map")
    html = "".join(str(element) for element in section)
    if state in MAPPED_STATES:
        focus = [use for element in section for use in element.select("use.geo-focus")]
        assert [use["data-actor"] for use in focus] == [state]
        assert STATES[state] in " ".join(t.get_text() for e in section for t in e.select("text.geo-label"))
    else:
        assert f"{STATES[state]} lies outside the region the site's maps cover." in html
        assert "<svg" not in html


# ---------------------------------------------------------------- timeline chart

def chart_rows(soup, section_id: str | None = None):
    scope = soup if section_id is None else section_under(soup, section_id)
    elements = [scope] if section_id is None else scope
    return [row for element in elements for row in element.select("li.tl-row")]


def precision_of(date: str) -> str:
    return {0: "year", 1: "month", 2: "day"}[date.count("-")]


def test_timeline_chart_has_one_mark_per_event_linking_to_its_entry(read_page):
    soup = read_page("timeline/")
    events = {event["id"]: event for event in load("events")}
    rows = chart_rows(soup)
    assert sorted(row["data-event"] for row in rows) == sorted(events)
    # Every id of the page, gathered in one walk: a search of the whole page per event took seconds.
    ids = {element["id"] for element in soup.find_all(id=True)}
    for row in rows:
        event = events[row["data-event"]]
        href = row.find("a")["href"]
        assert href.endswith(f"#event-{event['id']}")
        assert f"event-{event['id']}" in ids
        assert row["data-precision"] == precision_of(event["date"])
        marks = row.select("span.tl-track span.tl-mark")
        assert len(marks) == 1 and f"tl-{precision_of(event['date'])}" in marks[0]["class"]
        assert ("width:" in marks[0]["style"]) == (precision_of(event["date"]) != "day")


def test_each_chart_draws_its_year_bands_once_and_labels_years_apart(read_page):
    """One band per year behind all rows (not a copy in every row); year labels at least LABEL_SPACING apart."""
    charts = read_page("timeline/").select("figure.tl-chart")
    assert charts
    for chart in charts:
        panels = chart.select(".tl-axis-track .tl-panel")
        assert len(chart.select(".tl-ground .tl-panel-ground")) == len(panels) > 0
        assert not chart.select("li .tl-panel-ground")
        starts = [float(panel["style"].split("left:")[1].split("%")[0]) for panel in panels if panel.get_text()]
        assert starts and starts[0] == 0.0
        assert all(later - earlier >= LABEL_SPACING - 1e-3 for earlier, later in zip(starts, starts[1:], strict=False))


@pytest.mark.parametrize("page, record", [("actors/russia/", "russia"), ("actors/taliban/", "taliban"),
                                          ("organizations/csto/", "csto"), ("actors/belarus/", "belarus")])
def test_record_pages_list_exactly_the_events_that_reach_them_and_say_how(read_page, page, record):
    events = load("events")
    direct = {event["id"] for event in events
              if record in [p["actor"] for p in event.get("participants", [])] + event.get("organizations", [])}
    people = {actor["id"] for actor in load("actors") for position in actor.get("positions", [])
              if position["of"] == record}
    governed = next((actor.get("governs") for actor in load("actors") if actor["id"] == record), None)
    through = people | ({governed} if governed else set())
    reached = {event["id"] for event in events
               if through & {p["actor"] for p in event.get("participants", [])}} - direct
    rows = read_page(page).select("table.event-rows tbody tr")
    assert {row["data-event"] for row in rows} == direct | reached and len(rows) == len(direct | reached)
    for row in rows:
        assert row.find("a")["href"] == f"../../timeline/#event-{row['data-event']}"
        # An event reached through a person or the governed state says through whom.
        assert row.find_all("td")[2].get_text().startswith("through ") == (row["data-event"] in reached)


# ---------------------------------------------------------------- membership matrix

def test_matrix_names_the_overlaps_and_groups_rows_by_combination(read_page):
    soup = read_page("organizations/")
    shown = [th["data-organization"] for th in soup.select("table.membership-matrix thead th[data-organization]")]
    assert len(shown) == min(12, len({m["organization"] for m in load("memberships")}))
    # Who belongs today (roles that hold on the newest date), to the organizations the matrix shows.
    belongs: dict[str, set[str]] = {}
    for organization in shown:
        for role, members in roles_from_data(organization).items():
            if role in BELONGING:
                for actor in members:
                    belongs.setdefault(actor, set()).add(organization)
    if {"csto", "sco"} <= set(shown):
        both = sorted(NAMES[m] for m, organizations in belongs.items() if {"csto", "sco"} <= organizations)
        line = (soup.select_one('ul.matrix-overlaps li[data-overlap="csto sco"]')
                or soup.select_one('ul.matrix-overlaps li[data-overlap="sco csto"]'))
        assert line.get_text().startswith(("In both CSTO and SCO: ", "In both SCO and CSTO: "))
        assert sorted(a.get_text() for a in line.find_all("a") if a.get("href", "").startswith("../actors/")) == both
    # A member whose role is disputed (two accounts holding at once) is placed by the matrix's own rule.
    disputed = {m.member for organization in shown for m in current_memberships(organization) if m.disagreement}
    for group in soup.select("table.membership-matrix tbody.matrix-group"):
        combination = set(group["data-combination"].split())
        for row in group.select("tr[data-member]"):
            if row["data-member"] not in disputed:
                assert belongs.get(row["data-member"], set()) == combination, row["data-member"]
    assert {row["data-member"] for row in soup.select("table.membership-matrix tr[data-member]")} >= set(belongs)
    assert all(cell.select("a.cite") for cell in soup.select("table.membership-matrix td[data-role]"))


# ---------------------------------------------------------------- claims and rebuttals

def relations_from_data() -> set[tuple[str, str, str]]:
    return {(target, statement["id"], relation) for statement in load("statements")
            for relation in ("disputes", "answers") for target in statement.get(relation, [])}


def test_claims_page_pairs_exactly_the_dispute_and_answer_relations(read_page):
    soup = read_page("claims/")
    found = {(pair["data-claim"], reply["data-reply"], reply["data-relation"])
             for pair in soup.select("section.claim-pair") for reply in pair.select("div.claim-reply")}
    assert found == relations_from_data() and found
    for pair in soup.select("section.claim-pair"):
        claim_card, *reply_cards = pair.select("div.claim-card")
        assert claim_card["data-statement"] == pair["data-claim"]
        assert claim_card.select_one("a.cite") and claim_card.find("time")
        assert pair.select_one(".claim-replies").get_text().count("Disputed by") == sum(
            1 for claim, _, relation in relations_from_data() if claim == pair["data-claim"] and relation == "disputes")


def test_actor_pages_show_the_claims_they_are_party_to_or_say_none(read_page):
    statements = {s["id"]: s for s in load("statements")}

    def parties(statement_id):
        s = statements[statement_id]
        return set(s.get("speakers", [])) | set(s.get("about", []))

    def parties_to_pair(claim):
        """Whoever speaks or is spoken about in the claim or in any of its replies: a pair is shown whole."""
        return parties(claim).union(*(parties(r) for c, r, _ in relations_from_data() if c == claim))

    for actor in ("tajikistan", "amir-khan-muttaqi", "belarus", "russia"):
        expected = {(c, r, rel) for c, r, rel in relations_from_data() if actor in parties_to_pair(c)}
        soup = read_page(f"actors/{actor}/")
        if not expected:  # a page without claims has no such section
            assert soup.find(id="claims-and-rebuttals") is None
            continue
        section = section_under(soup, "claims-and-rebuttals")
        found = {(p["data-claim"], reply["data-reply"], reply["data-relation"])
                 for element in section for p in element.select("section.claim-pair")
                 for reply in p.select("div.claim-reply")}
        assert found == expected
