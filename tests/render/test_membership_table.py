"""The membership table and matrix show members as of the newest date in the data, each member once,
with a record's status and its 'disputed' mark (built in Python, no site build)."""
from __future__ import annotations

from bs4 import BeautifulSoup

from macros.model.dataset import Dataset
from macros.model.dates import parse_reduced_date
from macros.model.records import Actor, Citation, Membership, Organization
from macros.query.index import build_index
from macros.render.components import Draw, render_membership_table
from macros.render.overviews import render_membership_matrix, render_organization_index
from macros.render.urls import PageLinks

CITED = (Citation("report"),)
HOSTILE = "<script>alert(1)</script> & \"quoted\""


def membership(member: str, role: str, **fields) -> Membership:
    dates = {name: parse_reduced_date(fields.pop(name)) for name in ("as_of", "start", "end") if name in fields}
    return Membership(member=member, organization="csto", role=role, sources=CITED, **dates, **fields)


def build_dataset(*memberships: Membership) -> Dataset:
    actors = sorted({m.member for m in memberships})
    return Dataset(actors=[Actor(id=a, type="state", name=a.title(), summary="A state.", sources=CITED)
                           for a in actors],
                   organizations=[Organization(id="csto", name="Collective Security Treaty Organization",
                                               short_name="CSTO", summary="An alliance.", sources=CITED)],
                   memberships=list(memberships))


# Armenia: reported a member in April 2023, then frozen from February 2024 (one account of a disagreement);
# Belarus: a member, then an observer until 2020 (ended: not a member as of the newest date).
HISTORY = build_dataset(
    membership("armenia", "member", as_of="2023-04"),
    membership("armenia", "member", status="frozen", start="2024-02-22", disagreement="armenia-csto",
               note=HOSTILE),
    membership("kazakhstan", "member", as_of="2023-04"),
    membership("belarus", "observer", start="2010", end="2020"),
)
URLS = {"csto": "organizations/csto/", "armenia": "actors/armenia/", "kazakhstan": "actors/kazakhstan/",
        "belarus": "actors/belarus/"}


def render(record_id: str, page_url: str, dataset: Dataset = HISTORY) -> BeautifulSoup:
    draw = Draw(build_index(dataset), PageLinks(page_url, URLS, {"organizations": "organizations/"}))
    return BeautifulSoup(render_membership_table(record_id, draw), "html.parser")


def rows_of(soup: BeautifulSoup, column: str = "member") -> list[str]:
    return [row[f"data-{column}"] for row in soup.select("table.membership-table tbody tr")]


def test_an_organization_counts_each_member_once_as_of_the_newest_date():
    soup = render("csto", "organizations/csto/")
    assert rows_of(soup) == ["armenia", "kazakhstan"]  # Armenia's superseded report and Belarus's ended role: history
    assert [c.get_text() for c in soup.select("caption")] == [
        "Members of CSTO as of 22 February 2024, the newest date in the data (2)"]
    assert "membership history" in soup.select_one("p.membership-table-scope").get_text()


def test_status_and_disputed_mark_are_shown_and_data_text_stays_escaped():
    soup = render("csto", "organizations/csto/")
    armenia = soup.select_one('tr[data-member="armenia"]')
    assert armenia["data-status"] == "frozen"
    cells = armenia.find_all("td")
    assert cells[1].get_text() == "frozen (disputed)"
    mark = cells[1].select_one("a.disputed")
    assert mark["href"] == "#disagreement-armenia-csto"  # the organization's history block on the same page
    assert cells[3].get_text() == HOSTILE and not soup.find("script")
    kazakhstan = soup.select_one('tr[data-member="kazakhstan"]')
    assert kazakhstan.find_all("td")[1].get_text() == "" and not kazakhstan.has_attr("data-status")


def test_an_actor_page_lists_its_current_records_and_links_the_mark_to_the_organization():
    soup = render("armenia", "actors/armenia/")
    assert rows_of(soup, "organization") == ["csto"]
    assert soup.select_one("caption").get_text().endswith("as of 22 February 2024, the newest date in the data (1)")
    # The block is on the organization's page, not this one: a link elsewhere, not a same-page mark.
    assert not soup.select("a.disputed")
    mark = soup.select_one("a.disputed-elsewhere")
    assert mark["href"] == "../../organizations/csto/#disagreement-armenia-csto" and mark.get_text() == "disputed"


def test_a_member_whose_roles_all_ended_is_said_so_not_called_unrecorded():
    soup = render("belarus", "actors/belarus/")
    assert not soup.select("table")
    assert "holds as of 22 February 2024" in soup.select_one("p.empty").get_text()
    only_past = build_dataset(membership("belarus", "observer", start="2010", end="2020"),
                              membership("armenia", "member", start="2024"))
    soup = render("csto", "organizations/csto/", only_past)
    assert rows_of(soup) == ["armenia"]


def test_the_matrix_cell_shows_the_current_record_with_status_and_the_index_counts_once():
    draw = Draw(build_index(HISTORY), PageLinks("organizations/", URLS, {"organizations": "organizations/"}))
    matrix = BeautifulSoup(render_membership_matrix(draw), "html.parser")
    cell = matrix.select_one('tr[data-member="armenia"] td[data-organization="csto"]')
    assert cell.get_text(" ", strip=True).startswith("Member (frozen) ( disputed )")
    assert cell.select_one("a.disputed-elsewhere")["href"] == "csto/#disagreement-armenia-csto"
    assert "as the records stand on 22 February 2024" in matrix.select_one("caption").get_text()
    index = BeautifulSoup(render_organization_index(draw), "html.parser")
    # Columns: short name, kind, founded, led by, members today.
    assert index.select_one('tr[data-organization="csto"]').find_all("td")[4].get_text() == "2"
    assert index.select_one("caption").get_text().endswith("as of 22 February 2024, the newest date in the data")


def test_members_today_is_one_row_per_member_and_role_and_says_so_when_there_is_none():
    from macros.render.record_history import render_members_today
    draw = Draw(build_index(HISTORY), PageLinks("organizations/csto/", URLS, {"organizations": "organizations/",
                                                                             "downloads": "downloads/"}))
    soup = BeautifulSoup(render_members_today("csto", draw), "html.parser")
    rows = soup.select("table.members-today tbody tr")
    # Armenia's April 2023 report and its frozen record from 2024 are one member in one role: one row,
    # with the dated record's period, the frozen status and the disputed mark, citing both reports.
    assert [(row["data-member"], row["data-role"]) for row in rows] == [("armenia", "member"), ("kazakhstan", "member")]
    armenia = rows[0]
    assert armenia["data-status"] == "frozen" and armenia.select_one("a.disputed")
    assert armenia.find("time")["datetime"] == "2024-02-22"
    assert soup.select_one("caption").get_text().endswith("today: 2 members")
    nobody = build_dataset(membership("belarus", "non-member", as_of="2023-04"))  # named, but holding no role
    empty = Draw(build_index(nobody), PageLinks("organizations/csto/", URLS, {"organizations": "organizations/"}))
    assert "No member of CSTO is recorded yet." in render_members_today("csto", empty)
