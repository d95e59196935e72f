"""The built site, as readers get it: one strict build per session, assertions on the HTML."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.support import section_under


def members_by_role(soup) -> dict[str, set[str]]:
    """Role -> member ids, read from the organization page's membership tables."""
    found: dict[str, set[str]] = {}
    for table in soup.select("table.membership-table"):
        for row in table.select("tbody tr"):
            found.setdefault(table["data-role"], set()).add(row["data-member"])
    return found


def test_csto_page_lists_members_by_role_with_citations(read_page):
    soup = read_page("organizations/csto/")
    assert members_by_role(soup) == {
        "leader": {"russia"},
        "member": {"kyrgyzstan", "kazakhstan", "tajikistan", "armenia", "belarus"},
        "non-member": {"uzbekistan", "turkmenistan"},
    }
    for row in soup.select("table.membership-table tbody tr"):
        assert row.select("a.cite"), f"row {row['data-member']} has no citation"
        assert row.find("time")["datetime"] == "2023-04"
    captions = [caption.get_text() for caption in soup.select("table.membership-table caption")]
    assert captions == ["Leading state of CSTO (1)", "Members of CSTO (5)", "Named as non-members of CSTO (2)"]


@pytest.mark.parametrize("page, expected", [
    ("organizations/sco/", {"member": {"china", "india", "kazakhstan", "kyrgyzstan", "russia", "pakistan",
                                       "tajikistan", "uzbekistan"}, "observer": {"afghanistan"}}),
    ("organizations/moscow-format/", {"participant": {"russia", "china", "pakistan", "afghanistan", "iran",
                                                      "uzbekistan", "tajikistan", "turkmenistan"}}),
    ("organizations/eaeu/", {"member": {"russia", "belarus", "kazakhstan", "kyrgyzstan", "armenia"}}),
    ("organizations/nato/", {}),
])
def test_each_organization_has_exactly_the_members_the_source_gives(read_page, page, expected):
    assert members_by_role(read_page(page)) == expected


def test_nato_says_no_members_are_recorded(read_page):
    members = section_under(read_page("organizations/nato/"), "members")
    assert "No memberships of NATO are recorded in the data yet." in " ".join(e.get_text() for e in members)


def test_actor_page_shows_its_organizations_roles_events_and_statements(read_page):
    soup = read_page("actors/pakistan/")
    rows = {row["data-organization"]: row.find_all("td")[0].get_text()
            for row in soup.select("table.membership-table tbody tr")}
    assert rows == {"sco": "Member", "moscow-format": "Participant"}
    events = section_under(soup, "events")
    event_list = next(e for e in events if e.name == "ol")
    talks = event_list.select_one('li[data-event="fifth-round-talks-on-afghanistan-2023-02"]')
    focus = talks.select_one("li.focus")
    assert focus["data-role"] == "invited-declined"
    assert focus.get_text(" ", strip=True).startswith("Pakistan (invited, declined")
    assert talks.find("time").get_text() == "early February 2023"
    statements = " ".join(e.get_text(" ") for e in section_under(soup, "statements"))
    assert "can make a better contribution in formats and forums" in statements
    assert soup.select_one("ol.references li#ref-1")


def test_person_profile_gives_position_and_aliases_are_searchable(read_page, built_site):
    soup = read_page("actors/anatoly-sidorov/")
    positions = soup.select_one("ul.positions").get_text()
    assert positions.strip().startswith("Chief of the Joint Staff, CSTO (as of 14 February 2023) [1]")
    assert soup.select_one("ul.positions abbr")["title"] == "Collective Security Treaty Organization"
    iskp = read_page("actors/iskp/")
    aliases = [li.get_text() for li in iskp.select("ul.other-names li")]
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
    dates = [entry.find("time")["datetime"] for entry in entries]
    assert dates == sorted(dates, key=lambda d: (d[:4], d[5:7] or "00", d[8:] or "00"))
    by_id = {entry["data-event"]: entry for entry in entries}
    assert by_id["sidorov-press-conference-2023-02-14"].find("time").get_text() == "14 February 2023"
    assert by_id["russia-foreign-policy-concept-2023-03"].find("time").get_text() == "March 2023"
    talks = by_id["fifth-round-talks-on-afghanistan-2023-02"]
    roles = {li.select_one("a").get_text(): li["data-role"] for li in talks.select("ul.participants li")}
    assert roles["Pakistan"] == "invited-declined" and roles["Afghanistan"] == "not-invited"
    assert roles["Russia"] == "host"
    assert all(entry.select("a.cite") for entry in entries)


def test_every_page_is_free_of_template_leftovers_and_external_requests(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
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
