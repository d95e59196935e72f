"""The built site, as readers get it: one strict build per session, assertions on the HTML."""
from __future__ import annotations

import functools
import re

import pytest
from bs4 import BeautifulSoup

from macros.check.validate import validate_records
from macros.load.data_files import load_data_folder
from macros.model.dates import format_reduced_date
from macros.model.records import MEMBERSHIP_ROLES, Membership
from macros.query.index import Index, build_index
from macros.query.time import memberships_as_of
from tests.support import PROJECT_DIR, section_under


def members_by_role(soup) -> dict[str, set[str]]:
    """Role -> member ids, read from the organization page's membership tables."""
    found: dict[str, set[str]] = {}
    for table in soup.select("table.membership-table"):
        for row in table.select("tbody tr"):
            found.setdefault(table["data-role"], set()).add(row["data-member"])
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
    found: dict[str, set[str]] = {}
    for membership in current_memberships(organization):
        found.setdefault(membership.role, set()).add(membership.member)
    return found


def test_csto_page_lists_members_by_role_with_citations(read_page):
    soup = read_page("organizations/csto/")
    records = current_memberships("csto")
    assert members_by_role(soup) == current_roles("csto")
    # The seed's core stays in the data: a regression that empties the table would not pass as "from the data".
    assert {"kyrgyzstan", "kazakhstan", "tajikistan"} <= current_roles("csto")["member"]
    assert current_roles("csto")["leader"] == {"russia"}
    rows = soup.select("table.membership-table tbody tr")
    assert len(rows) == len(records)  # one row per record holding now, none of the superseded ones
    for row, record in zip(rows, sorted(records, key=lambda m: MEMBERSHIP_ROLES.index(m.role)), strict=True):
        assert row["data-member"] == record.member
        assert row.select("a.cite"), f"row {row['data-member']} has no citation"
        assert row.find("time")["datetime"] == (record.start or record.as_of).iso()
        assert row.get("data-status") == record.status
        mark = row.select_one("a.disputed")
        assert (mark["href"] if mark else None) == (f"#disagreement-{record.disagreement}" if record.disagreement
                                                    else None)
        if mark:
            assert soup.find(id=f"disagreement-{record.disagreement}"), "the mark's block is on the page"
    date = format_reduced_date(real_index().newest_membership_date)
    labels = {"leader": "Leading state", "member": "Members", "non-member": "Named as non-members"}
    captions = [caption.get_text() for caption in soup.select("table.membership-table caption")]
    roles = current_roles("csto")
    assert captions == [f"{labels[role]} of CSTO as of {date}, the newest date in the data ({len(roles[role])})"
                        for role in MEMBERSHIP_ROLES if role in roles]


@pytest.mark.parametrize("page", ["organizations/sco/", "organizations/moscow-format/", "organizations/eaeu/",
                                  "organizations/nato/"])
def test_each_organization_has_exactly_the_members_the_data_gives_as_of_its_newest_date(read_page, page):
    organization = page.split("/")[1]
    expected = current_roles(organization)
    assert members_by_role(read_page(page)) == expected
    assert bool(expected) == (organization != "nato")  # NATO has no memberships: the empty case stays tested


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
