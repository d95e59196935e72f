"""Smoke test of the benchmark: a small generated project is valid, builds, and its floor build matches."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import PROJECT_DIR, run_checker, run_mkdocs_build

sys.path.insert(0, str(PROJECT_DIR / "bench"))
import generate  # noqa: E402
import run  # noqa: E402


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    """A generated project with 20 actors."""
    project = tmp_path_factory.mktemp("bench") / "project"
    counts = generate.write_project(20, 7, project)
    assert counts["actors"] == 20 and counts["events"] == 200 and counts["statements"] == 400
    return project


def test_generated_project_passes_the_checker(small_project):
    result = run_checker(small_project, "check")
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


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(SystemExit):
        generate.write_project(20, 7, tmp_path)
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_project_and_its_floor_build_to_the_same_pages(small_project, tmp_path):
    result = run_mkdocs_build(small_project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    floor = tmp_path / "floor"
    run.render_floor(small_project, floor)
    assert "macros" not in (floor / "mkdocs.yml").read_text().split("plugins:")[1]
    assert "{{" not in (floor / "docs" / "timeline.md").read_text()
    result = run_mkdocs_build(floor / "mkdocs.yml", tmp_path / "floor-site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = "actors/" + sorted(path.stem for path in (small_project / "docs" / "actors").glob("*.md")
                              if path.stem != "index")[-1] + "/index.html"
    ours = (tmp_path / "site" / page).read_text(encoding="utf-8")
    assert '<ol class="event-list">' in ours
    assert (tmp_path / "floor-site" / page).read_text(encoding="utf-8") == ours
