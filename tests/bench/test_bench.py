"""Smoke test of the benchmark: a small generated project is valid, builds, and its floor build matches."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.support import bench_module, run_cli

generate = bench_module("generate")


@pytest.fixture(scope="module")
def small_project(small_bench_project):
    """The generated project with 20 actors (tests/conftest.py), made once per session."""
    return small_bench_project


@pytest.mark.build  # a clean check ends with a trial build of the site
def test_generated_project_passes_the_checker(small_project):
    result = run_cli(small_project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 problems found.")


def test_generation_is_deterministic(small_project, tmp_path):
    again = tmp_path / "again"
    generate.write_project(20, 7, again)
    for name in ("actors", "events", "statements", "memberships"):
        assert (again / "data" / f"{name}.yml").read_bytes() == (small_project / "data" / f"{name}.yml").read_bytes()
    other_seed = tmp_path / "other"
    generate.write_project(20, 8, other_seed)
    assert (other_seed / "data" / "events.yml").read_bytes() != (small_project / "data" / "events.yml").read_bytes()


def test_record_pages_take_the_chosen_shape():
    """Today's shape is the profile, the prose, then the history; the older one four unfolded lists."""
    import random
    actor, organization = {"id": "actor-00001", "name": "A"}, {"id": "org-0001", "name": "O", "short_name": "O-1"}
    for make in (lambda shape: generate.make_actor_page(actor, random.Random(1), ["actor-00001"], [organization],
                                                        shape),
                 lambda shape: generate.make_organization_page(organization, random.Random(1), ["actor-00001"], shape)):
        today, older = make("profile-and-history"), make("four-lists")
        assert today.index("{{ profile() }}") < today.index("{{ history() }}") and "event_list" not in today
        assert "{{ event_list() }}" in older and "{{ statement_list() }}" in older and "history" not in older
        with pytest.raises(ValueError, match="unknown page shape"):
            make("three-columns")


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(SystemExit):
        generate.write_project(20, 7, tmp_path)
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_statements_beyond_one_page_get_a_page_per_year_and_links_follow(bench_builds):
    small_project, small_site = bench_builds.project, bench_builds.site
    # 400 statements are over the limit (300): two pages of years; 200 events are not.
    index = BeautifulSoup((small_site / "statements" / "index.html").read_text(encoding="utf-8"), "html.parser")
    years = [a["href"] for a in index.select("ul.year-pages a")]
    assert len(years) >= 2 and all(re.fullmatch(r"(\d{4}(-\d{4})?|undated)/", href) for href in years)
    assert not index.select("li.statement"), "the overview lists years, not statements"
    listed = {}
    for href in years:
        page = BeautifulSoup((small_site / "statements" / href / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        listed.update({li["id"]: href.rstrip("/") for li in page.select("li.statement[id]")})
    assert len(listed) == 400
    actor = sorted(path.stem for path in (small_project / "docs" / "actors").glob("actor-*.md"))[0]
    soup = BeautifulSoup((small_site / "actors" / actor / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("a[href*='statements/']") if "#" in a["href"]]
    assert links
    for href in links:
        year, anchor = re.fullmatch(r"\.\./\.\./statements/([\w-]+)/#(.+)", href).groups()
        assert listed[anchor] == year
    timeline = BeautifulSoup((small_site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(timeline.select("li.event")) == 200 and not timeline.select("ul.year-pages")


def test_the_plain_material_project_has_no_plugin_and_no_template_tags(bench_builds):
    """The plain-Material project (bench/floor_project.py, built in the child process of the `bench_builds`
    fixture) keeps the pages' prose, drops our hook and every template tag, and builds."""
    floor, floor_site, site = bench_builds.floor, bench_builds.floor_site, bench_builds.site
    assert "hooks:" in (bench_builds.project / "mkdocs.yml").read_text()
    assert "hooks:" not in (floor / "mkdocs.yml").read_text()
    assert "{{" not in (floor / "docs" / "timeline.md").read_text()
    actor = sorted(path.stem for path in (bench_builds.project / "docs" / "actors").glob("*.md")
                   if path.stem != "index")[-1]
    ours = (site / "actors" / actor / "index.html").read_text(encoding="utf-8")
    plain = (floor_site / "actors" / actor / "index.html").read_text(encoding="utf-8")
    # Record pages have today's shape (bench/synthetic.py): the profile first, the history's event table below.
    assert '<table class="event-rows' in ours and '<table class="event-rows' not in plain
    assert ours.index('class="key-facts') < ours.index('<table class="event-rows')
    title = re.search(r"<h1[^>]*>(.*?)<", ours).group(1)
    assert title and title in plain
