"""The built site, as readers get it: one strict build per session, assertions on the HTML."""
from __future__ import annotations

import copy
import functools
import re

import pytest

from macros.check.validate import validate_records
from macros.load.data_files import load_data_folder
from macros.model.records import Membership
from macros.query.index import Index, build_index, event_sort_key
from macros.query.profile import merge_reports
from macros.query.time import memberships_as_of
from tests.support import PROJECT_DIR, section_under


def members_by_role(soup) -> dict[str, set[str]]:
    """Role -> member ids, read from the organization page's one table of members today."""
    found: dict[str, set[str]] = {}
    for row in soup.select("table.members-today tbody tr"):
        found.setdefault(row["data-role"], set()).add(row["data-member"])
    return found


@functools.cache
def real_index() -> Index:
    """The real data, loaded and indexed as the build does (the data is checked clean by its own tests)."""
    dataset, _raw, problems = validate_records(load_data_folder(PROJECT_DIR / "data"))
    assert not problems, problems
    return build_index(dataset)


def current_memberships(organization: str) -> list[Membership]:
    """The records the membership table is documented to show: those holding on the newest date in the data."""
    index = real_index()
    assert index.newest_membership_date is not None
    return memberships_as_of(index, organization, index.newest_membership_date)


def current_roles(organization: str) -> dict[str, set[str]]:
    """Role -> members holding it today; a state a source names as a non-member holds no role, so is left out."""
    found: dict[str, set[str]] = {}
    for membership in current_memberships(organization):
        if membership.role != "non-member":
            found.setdefault(membership.role, set()).add(membership.member)
    return found


def test_csto_page_lists_its_members_today_in_one_table_with_citations(read_page):
    soup = read_page("organizations/csto/")
    assert members_by_role(soup) == current_roles("csto")
    # The core of the alliance stays in the data: a regression that empties the table would not pass.
    assert {"kyrgyzstan", "kazakhstan", "tajikistan"} <= current_roles("csto")["member"]
    assert current_roles("csto")["leader"] == {"russia"}
    records = merge_reports([m for m in current_memberships("csto") if m.role != "non-member"])
    rows = soup.select("table.members-today tbody tr")
    assert len(rows) == len(records)  # one row per member and role, reports of the same role merged
    by_member = {(record.member, record.role): record for record in records}
    for row in rows:
        record = by_member[(row["data-member"], row["data-role"])]
        assert row.select("a.cite"), f"row {row['data-member']} has no citation"
        assert row.find("time")["datetime"] == (record.start or record.as_of).iso()
        assert row.get("data-status") == record.status
        mark = row.select_one("a.disputed")
        assert (mark["href"] if mark else None) == (f"#disagreement-{record.disagreement}" if record.disagreement
                                                    else None)
        if mark:
            assert soup.find(id=f"disagreement-{record.disagreement}"), "the mark's block is on the page"
    count = len(current_roles("csto")["member"] | current_roles("csto")["leader"])
    assert soup.select_one("table.members-today caption").get_text().endswith(f"today: {count} members")
    assert soup.find(id="members-today").get_text().startswith(f"Members today ({count})")


@pytest.mark.parametrize("page", ["organizations/sco/", "organizations/moscow-format/", "organizations/eaeu/",
                                  "organizations/nato/"])
def test_each_organization_has_exactly_the_members_the_data_gives_as_of_its_newest_date(read_page, page):
    organization = page.split("/")[1]
    expected = current_roles(organization)
    assert members_by_role(read_page(page)) == expected
    assert bool(expected) or organization == "nato"


def test_an_organization_without_members_says_so(read_page):
    soup = read_page("organizations/nato/")
    if current_roles("nato"):
        pytest.skip("NATO has members in the data now; tests/render/test_membership_table.py tests the empty case")
    members = section_under(soup, "members-today")
    assert "No member of NATO is recorded yet." in " ".join(e.get_text() for e in members)


def test_actor_page_shows_its_organizations_roles_events_and_statements(read_page):
    soup = read_page("actors/pakistan/")
    today = " ".join(soup.select_one("aside.key-facts").get_text().split())
    assert "Shanghai Cooperation Organization: member" in today
    roles = {row["data-organization"] for row in soup.select("table.roles-over-time tbody tr")}
    assert {"sco", "moscow-format"} <= roles
    talks = soup.select_one('table.event-rows tr[data-event="fifth-round-talks-on-afghanistan-2023-02"]')
    cells = talks.find_all("td")
    assert cells[0].get_text() == "early February 2023" and cells[2].get_text() == "invited, declined"
    statements = " ".join(e.get_text() for e in section_under(soup, "statements"))
    assert "can make a better contribution in formats and forums" in statements
    assert soup.select_one("ol.references li#ref-1")


def test_person_profile_gives_position_and_aliases_are_searchable(read_page, built_site):
    soup = read_page("actors/anatoly-sidorov/")
    facts = soup.select_one("aside.key-facts")
    held = " ".join(facts.find("dt", string="Holds now").find_next_sibling("dd").get_text().split())
    assert held.startswith("Chief of the Joint Staff, CSTO, as of 16 November 2023")
    assert facts.find("abbr")["title"] == "Collective Security Treaty Organization"
    iskp = read_page("actors/iskp/")
    aliases = [name.get_text() for name in iskp.select("aside.key-facts bdi")]
    assert "Wilayat Khorasan" in aliases
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Wilayat Khorasan" in index


def test_claim_and_rebuttal_about_iskp_link_each_other(read_page):
    soup = read_page("statements/")
    claim = soup.select_one('li#statement-sidorov-iskp-numbers-2023-02-14')
    rebuttal = soup.select_one('li#statement-muttaqi-rejects-sidorov-claims-2023-02-15')
    assert "Disputed by" in claim.select_one("p.replied").get_text()
    assert claim.select_one("p.replied a")["href"] == "#statement-muttaqi-rejects-sidorov-claims-2023-02-15"
    assert rebuttal.select_one("p.disputes a")["href"] == "#statement-sidorov-iskp-numbers-2023-02-14"
    assert rebuttal.find("time")["datetime"] == "2023-02-15"


def test_timeline_is_chronological_with_honest_precision(read_page):
    soup = read_page("timeline/")
    entries = soup.select("li.event")
    # Newest first; a qualified month ('late December') sits among its days, a bare month before them.
    order = sorted(real_index().events.values(), key=event_sort_key, reverse=True)
    assert [entry["data-event"] for entry in entries] == [event.id for event in order]
    by_id = {entry["data-event"]: entry for entry in entries}
    assert by_id["sidorov-press-conference-2023-02-14"].find("time").get_text() == "14 February 2023"
    assert by_id["russia-foreign-policy-concept-2023-03"].find("time").get_text() == "March 2023"
    talks = by_id["fifth-round-talks-on-afghanistan-2023-02"]
    roles = {li.select_one("a").get_text(): li["data-role"] for li in talks.select("ul.participants li")}
    assert roles["Pakistan"] == "invited-declined" and roles["Afghanistan"] == "not-invited"
    assert roles["Russia"] == "host"
    assert all(entry.select("a.cite") for entry in entries)


def test_every_page_is_free_of_template_leftovers_and_external_requests(built_site, read_page):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        # A copy of the session's parse (copying is cheaper than parsing), since the examples are cut out of it.
        soup = copy.copy(read_page(path.relative_to(built_site).as_posix()))
        for example in soup.select("pre, code"):  # the data page shows macro calls as examples
            example.decompose()
        text = soup.get_text()
        assert "{{" not in text and "{%" not in text, path
        assert "Traceback" not in html, path
        external = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
        assert external == [], f"{path} loads from another host"
        assert "fonts.googleapis" not in html, path


def test_abbreviations_get_tooltips_in_prose(read_page):
    soup = read_page("actors/russia/")
    prose_abbrs = {abbr.get_text(): abbr["title"] for abbr in soup.select("article > p abbr")}
    assert prose_abbrs.get("CSTO") == "Collective Security Treaty Organization"


def test_record_pages_are_tagged_by_type(built_site):
    tags_page = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    for tag in ("State", "Person", "Armed group", "Organization"):
        assert f">{tag}<" in tags_page or f"{tag}</" in tags_page


def test_record_pages_stay_out_of_the_sidebar(read_page):
    nav = read_page("actors/russia/").select_one("nav.md-nav--primary")
    assert not nav.select('a[href*="kazakhstan"]')
