"""Pictures in process: the maps beyond the matrix limit, the region check, map paths, the chart's axis.

The pictures on the real site's pages are checked against data/*.yml in
tests/built_site/test_pictures_on_pages.py.
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.check.geography import check_region_against_actors
from macros.load.geography import Region, Shape
from macros.model.dates import parse_reduced_date
from macros.query import overlaps
from macros.render.chart import BREAK_WIDTH, LABEL_SPACING, layout_years, place_date
from macros.render.projection import frame_for, project_point, ring_path
from macros.site.macros import MacroSet
from tests.support import read_data_file


def test_beyond_the_limit_only_the_largest_organizations_get_a_map_and_the_page_says_so(monkeypatch, real_site):
    site = real_site
    monkeypatch.setattr(overlaps, "MATRIX_ORGANIZATION_LIMIT", 3)
    macros = MacroSet(site)
    macros.start_page("organizations/index.md", None)
    soup = BeautifulSoup(macros.call("membership_maps"), "html.parser")
    members = overlaps.find_members_by_organization(site.index)
    largest = overlaps.choose_matrix_organizations(site.index, members, limit=3)
    assert [figure["data-organization"] for figure in soup.select("figure.geo-figure")] == largest
    # Read from data/*.yml, not through macros/: organizations that some membership names.
    with_members = {membership["organization"] for membership in read_data_file("memberships")}
    assert soup.select_one("p.geo-limit").get_text(" ", strip=True).startswith(
        f"Maps of the 3 of {len(with_members)} organizations with the most members")


def test_region_check_rejects_shapes_mapped_to_non_states():
    shape = Shape("004", "Afghanistan", "taliban", "Afghanistan", (66.0, 33.8), ())
    problems = check_region_against_actors(Region("", (22, 18, 100, 60), (shape,), ()), {"taliban": "government"})
    assert len(problems) == 1 and "'taliban', which is not a state" in problems[0].message


def test_ring_path_uses_relative_moves_that_land_on_the_projected_points():
    frame = frame_for((22.0, 18.0, 100.0, 60.0))
    ring = [(60.0, 30.0), (70.0, 30.0), (70.0, 40.0)]
    path = ring_path(ring, frame)
    start, deltas = path[1:-1].split("l")
    x, y = map(int, start.split())
    numbers = [int(n) for n in deltas.replace("-", " -").split()]
    points = [(x, y)]
    for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
        points.append((points[-1][0] + dx, points[-1][1] + dy))
    assert points == [project_point(lon, lat, frame) for lon, lat in ring]


def test_year_panels_share_the_axis_with_breaks_for_left_out_years():
    panels = layout_years([2023, 2013, 2014, 2021, 2023])
    assert [(p.year, p.break_before) for p in panels] == [(2013, False), (2014, False), (2021, True), (2023, True)]
    assert panels[-1].left + panels[-1].width == pytest.approx(100.0)
    assert panels[1].left == pytest.approx(panels[0].width)
    assert panels[2].left == pytest.approx(2 * panels[0].width + BREAK_WIDTH)
    year = panels[-1]
    assert place_date(parse_reduced_date("2023"), year) == (year.left, year.width)
    left, width = place_date(parse_reduced_date("2023-03"), year)
    assert left == pytest.approx(year.left + 2 / 12 * year.width, abs=1e-3)
    assert width == pytest.approx(year.width / 12, abs=1e-3)
    left, width = place_date(parse_reduced_date("2023-02-14"), year)
    assert width == 0 and left == pytest.approx(year.left + 44.5 / 365 * year.width, abs=1e-3)




def test_year_labels_keep_their_distance_and_every_year_keeps_its_panel():
    """Decades of years on one axis: labels at least LABEL_SPACING apart (first year always), never crowded."""
    panels = layout_years(list(range(1991, 1993)) + [1996, 1999] + list(range(2001, 2027)))
    assert len(panels) == 30 and panels[0].labelled
    labelled = [panel.left for panel in panels if panel.labelled]
    assert all(later - earlier >= LABEL_SPACING - 1e-6 for earlier, later in zip(labelled, labelled[1:], strict=False))
    assert 5 <= len(labelled) <= 100 / LABEL_SPACING + 1
    # A break's mark is left out only where a label runs over it; the band's gap still shows the break.
    for panel in panels:
        covered = any(0 <= panel.break_left - start < LABEL_SPACING - 1e-6 for start in labelled)
        assert panel.break_shown == (panel.break_before and not covered), panel
    # A few years share the axis: each is labelled, and each break is marked.
    few = layout_years([2013, 2014, 2021, 2023])
    assert all(panel.labelled for panel in few)
    assert [panel.break_shown for panel in few] == [False, False, True, True]
