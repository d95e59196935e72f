"""The membership matrix stays bounded: beyond the limit it shows the largest organizations, and says so.

Datasets are built in Python (no site build): organizations org-01 … org-NN where org-k has k belonging
members, so the ranking is known by construction; the real site's matrix is checked in
tests/built_site/test_pictures_on_pages.py.
"""
from __future__ import annotations

import functools

from bs4 import BeautifulSoup

from macros.model.dataset import Dataset
from macros.model.records import Actor, Citation, Membership, Organization
from macros.query.index import build_index
from macros.query.overlaps import MATRIX_ORGANIZATION_LIMIT
from macros.render.components import Draw
from macros.render.overviews import render_membership_matrix
from macros.render.urls import PageLinks

CITED = (Citation("report"),)


def organization_id(k: int) -> str:
    return f"org-{k:02d}"


def build_dataset(count: int) -> Dataset:
    """`count` organizations, org-k with k belonging members, plus the special actors described below.

    - shared: in org-(count) and org-(count-1), the two largest;
    - edge: in the largest and in org-01, the smallest;
    - outsider: named as a non-member of the largest only;
    - lonely: a state with no membership at all.
    org-02 has 3 members, tying with org-03; their names ('Zeta Pact', 'Alpha Pact') put org-03 first.
    """
    sizes = {k: k for k in range(1, count + 1)}
    sizes[2] = 3  # ties with org-03: the name decides
    names = {k: f"Pact {k:02d}" for k in sizes}
    names[2], names[3] = "Zeta Pact", "Alpha Pact"
    members = {k: [f"k{k:02d}-{i}" for i in range(size)] for k, size in sizes.items()}
    members[count][0] = members[count - 1][0] = "shared"
    members[count][1] = members[1][0] = "edge"
    memberships = [Membership(member=member, organization=organization_id(k),
                              role="observer" if (k, i) == (4, 0) else "member", sources=CITED)
                   for k, ids in members.items() for i, member in enumerate(ids)]
    memberships.append(Membership(member="outsider", organization=organization_id(count), role="non-member",
                                  sources=CITED))
    actor_ids = sorted({m.member for m in memberships} | {"lonely"})
    return Dataset(
        actors=[Actor(id=a, type="state", name=a.replace("-", " ").title(), summary="A state.",
                      sources=CITED) for a in actor_ids],
        organizations=[Organization(id=organization_id(k), name=names[k], summary="An organization.", sources=CITED)
                       for k in sizes],
        memberships=memberships,
    )


@functools.cache
def render_matrix(count: int) -> BeautifulSoup:
    """The matrix for a `count`-organization dataset, drawn as on the organizations index page (once per
    count: the tests only read it)."""
    dataset = build_dataset(count)
    record_urls = {a.id: f"actors/{a.id}/" for a in dataset.actors}
    record_urls |= {o.id: f"organizations/{o.id}/" for o in dataset.organizations}
    links = PageLinks("organizations/", record_urls, {"organizations": "organizations/"})
    return BeautifulSoup(render_membership_matrix(Draw(build_index(dataset), links)), "html.parser")


def column_ids(soup: BeautifulSoup) -> list[str]:
    return [th["data-organization"] for th in soup.select("table.membership-matrix thead th[data-organization]")]


def row_ids(soup: BeautifulSoup) -> set[str]:
    return {tr["data-member"] for tr in soup.select("table.membership-matrix tr[data-member]")}


def test_the_expected_columns_below_assume_a_limit_of_twelve():
    assert MATRIX_ORGANIZATION_LIMIT == 12  # the fixture's 14 organizations are then 2 over it


def test_beyond_the_limit_the_columns_are_the_largest_organizations_largest_first_ties_by_name():
    soup = render_matrix(14)
    # org-14 … org-04 by size, then of org-02 and org-03 (3 members each) 'Alpha Pact' (org-03) before 'Zeta Pact'.
    columns = column_ids(soup)
    assert columns == [organization_id(k) for k in range(14, 2, -1)]
    for row in soup.select("table.membership-matrix tr[data-member]"):
        assert [td["data-organization"] for td in row.select("td")] == columns


def test_beyond_the_limit_only_actors_in_a_shown_organization_are_rows():
    soup = render_matrix(14)
    expected = {f"k{k:02d}-{i}" for k in range(3, 15) for i in range(k)} - {"k14-0", "k13-0", "k14-1"}
    assert row_ids(soup) == expected | {"shared", "edge"}
    assert not {"k02-0", "k02-1", "k02-2", "outsider", "lonely"} & row_ids(soup)
    assert soup.select_one('tbody[data-combination=""]') is None  # no "named, but in none of them" group
    # edge is also in org-01, which is not shown: its group is the largest organization only.
    edge_row = soup.select_one('tr[data-member="edge"]')
    assert edge_row.find_parent("tbody")["data-combination"] == "org-14"
    assert soup.select_one('tr[data-member="shared"]').find_parent("tbody")["data-combination"] == "org-14 org-13"
    assert soup.select_one('tr[data-member="k04-0"] td[data-organization="org-04"]')["data-role"] == "observer"


def test_beyond_the_limit_overlaps_are_among_the_shown_organizations_only():
    soup = render_matrix(14)
    assert [li["data-overlap"] for li in soup.select("ul.matrix-overlaps li")] == ["org-14 org-13", "none"]
    none_line = soup.select_one('li[data-overlap="none"]')
    assert none_line.get_text() == "States in the data in none of the 14 organizations: Lonely, Outsider"


def test_beyond_the_limit_the_caption_and_intro_say_so_and_link_to_the_full_index():
    soup = render_matrix(14)
    assert soup.select_one("table.membership-matrix caption").get_text() == (
        "Who belongs to which of the 12 of 14 organizations with the most members, and in which role; each "
        "organization's page lists all its members. Rows are grouped by the exact combination of these "
        "organizations an actor belongs to, largest first; actors in none of them are left out.")
    intro = soup.select_one("p.matrix-limit")
    assert intro.get_text() == (
        "The matrix and the pairs below cover the 12 of 14 organizations with the most members; each "
        "organization's page lists all its members, and the table of all organizations above lists every one.")
    assert [a["href"] for a in intro.find_all("a")] == ["#all-organizations"]


def test_at_the_limit_every_organization_is_a_column_in_data_order_with_the_plain_caption():
    soup = render_matrix(MATRIX_ORGANIZATION_LIMIT)
    assert column_ids(soup) == [organization_id(k) for k in range(1, 13)]
    assert soup.select_one("p.matrix-limit") is None
    assert soup.select_one("table.membership-matrix caption").get_text() == (
        "Who belongs to which organization, and in which role. Rows are grouped by the exact combination "
        "of organizations an actor belongs to, largest first.")
    # Every actor with a membership row is a row; the named non-member forms the "in none of them" group.
    assert "k02-0" in row_ids(soup) and "edge" in row_ids(soup)
    assert [tr["data-member"] for tr in soup.select('tbody[data-combination=""] tr[data-member]')] == ["outsider"]
    assert soup.select_one('li[data-overlap="none"]').get_text() == (
        "States in the data in none of these organizations: Lonely, Outsider")
    assert {li["data-overlap"] for li in soup.select("ul.matrix-overlaps li")} == {
        "org-01 org-12", "org-11 org-12", "none"}
