"""A build never destroys a good build, and `check` finds first whatever stops the build.

Each case breaks a copy of the minimal project that already holds a good build, in a way only rendering
finds (or that the engine reads differently from the checker); then `mkdocs build --strict` must fail and
leave the earlier output byte for byte, and `python -m macros check` must name the file and line.
The cases run side by side in child processes: each is a real build and a real check.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest

from macros.engine import output
from macros.engine.page_errors import PageError, describe_error, format_page_errors, line_in_template
from tests.support import (
    MINIMAL,
    copy_project,
    mkdocs_environment,
    run_checker,
    run_mkdocs_build,
    snapshot,
)

# ---------------------------------------------------------------- the staging folder, in process


def test_a_finished_build_replaces_the_output_and_leaves_no_staging_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging = output.start_staging(site)
    assert staging.parent == site.parent and staging.name.startswith(".site.building-")
    (staging / "new.html").write_text("new")
    output.finish_staging(staging, site)
    assert sorted(path.name for path in site.iterdir()) == ["new.html"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_partial_build_replaces_only_the_files_it_names(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("old a")
    (site / "b.html").write_text("old b")
    staging = output.start_staging(site)
    (staging / "a").mkdir()
    (staging / "a" / "index.html").write_text("new a")
    (staging / "b.html").write_text("a partial b that must not be published")
    output.publish_files(staging, site, ["a/index.html", "not-written.html"])
    assert (site / "a" / "index.html").read_text() == "new a"
    assert (site / "b.html").read_text() == "old b"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_leaves_the_output_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text("good")
    staging = output.start_staging(site)
    (staging / "page.html").write_text("half-written")
    output.discard_staging(staging)
    assert (site / "page.html").read_text() == "good"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_staging_folder_of_a_killed_build_is_removed_and_a_living_ones_kept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".site.building-{dead.stdout.strip()}"
    living = tmp_path / ".site.building-1"  # process 1 is always alive
    stale.mkdir()
    living.mkdir()
    output.remove_stale_staging(site)
    assert not stale.exists() and living.exists()


# ---------------------------------------------------------------- page errors, in process


@pytest.mark.parametrize(("template", "line", "message"), [
    ("a\nb\n{{ 1 // 0 }}\n", 3, "ZeroDivisionError: integer division or modulo by zero"),
    ("a\n{% if %}\n", 2, "TemplateSyntaxError: Expected an expression, got 'end of statement block'"),
    ("{{ page.meta.nope }}", 1, "UndefinedError: 'dict object' has no attribute 'nope'"),
])
def test_a_template_error_is_described_on_one_line_with_its_line(template: str, line: int, message: str) -> None:
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    try:
        environment.from_string(template).render(page={"meta": {}})
    except Exception as error:  # the error under test
        assert (line_in_template(error), describe_error(error)) == (line, message)
    else:
        pytest.fail("the template rendered")


def test_page_errors_stop_the_build_with_one_line_each() -> None:
    message = format_page_errors([PageError("actors/x.md", 6, "ZeroDivisionError: division by zero"),
                                  PageError("index.md", None, "TemplateNotFound: nope.md")])
    assert message.splitlines()[1:] == ["docs/actors/x.md:6: ZeroDivisionError: division by zero",
                                        "docs/index.md:1: TemplateNotFound: nope.md"]


# ---------------------------------------------------------------- breaks, built and checked for real


@dataclass(frozen=True)
class Break:
    """A way to break a project that only rendering (or the engine's own reading) finds."""

    name: str
    apply: Callable[[Path], None]
    expected: str  # what check must print: the start of a problem line, with file and line


def _append(path: str, text: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        with (project / path).open("a", encoding="utf-8") as file:
            file.write(text)
    return apply


def _replace_first(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        file = project / path
        file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return apply


def _link_folder_outside(project: Path) -> None:
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (project / "docs" / "elsewhere").symlink_to(outside, target_is_directory=True)


def _page_lines(path: str) -> int:
    return len((MINIMAL / path).read_text(encoding="utf-8").splitlines())


_ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join(['*' + chr(97 + level)] * 9)}]\n" for level in range(8))

BREAKS = [
    Break("division-by-zero", _append("docs/actors/alpha-land.md", "\n{{ 1 // 0 }}\n"),
          f"docs/actors/alpha-land.md:{_page_lines('docs/actors/alpha-land.md') + 2}: -: page: ZeroDivisionError"),
    Break("name-the-sandbox-does-not-offer", _append("docs/index.md", "\n{{ page.meta.nope }}\n"),
          f"docs/index.md:{_page_lines('docs/index.md') + 2}: -: template: undefined name 'page'"),
    Break("missing-include", _append("docs/sources.md", '\n{% include "nope.md" %}\n'),
          f"docs/sources.md:{_page_lines('docs/sources.md') + 2}: -: page: TemplateNotFound"),
    Break("front-matter-the-engine-does-not-read", _replace_first("docs/actors/beta-land.md", "---", " ---"),
          "docs/actors/beta-land.md:1: -: record: this page in a record folder names no record"),
    Break("alias-bomb-in-front-matter", _replace_first("docs/actors/jane-doe.md", "---\n", "---\n" + _ALIAS_BOMB),
          "docs/actors/jane-doe.md:2: -: front matter: YAML anchors and aliases"),
    Break("link-to-a-missing-anchor", _append("docs/statements.md", "\n[gone](index.md#no-such-heading)\n"),
          f"docs/statements.md:{_page_lines('docs/statements.md') + 2}: -: link: Doc file 'statements.md' "
          "contains a link 'index.md#no-such-heading'"),
    Break("page-folder-linked-outside", _link_folder_outside,
          "docs/elsewhere: -: -: this path is a link to a folder outside the project"),
]


def _break_build_and_check(good: Path, work: Path, case: Break) -> tuple[Break, Path, dict, dict, list]:
    project = work / case.name / "project"
    shutil.copytree(good, project, symlinks=True)
    before = snapshot(project / "site")
    case.apply(project)
    built = run_mkdocs_build(project / "mkdocs.yml", project / "site")
    checked = run_checker(project, "check")
    after = snapshot(project / "site")
    leftovers = sorted(path.name for path in project.iterdir() if path.name.startswith(".site."))
    return case, project, before, after, [built, checked, leftovers]


@pytest.mark.build
def test_each_break_fails_the_build_keeps_the_output_and_is_named_by_check(good_project: Path,
                                                                            tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda case: _break_build_and_check(good_project, tmp_path, case), BREAKS))
    for case, _project, before, after, (built, checked, leftovers) in results:
        assert built.returncode != 0, f"{case.name}: the build passed"
        assert "Traceback" not in built.stderr, f"{case.name}: {built.stderr}"
        assert after == before, f"{case.name}: the failed build changed the earlier output"
        assert leftovers == [], f"{case.name}: staging folders left behind: {leftovers}"
        assert checked.returncode == 1, f"{case.name}: check said {checked.stdout}{checked.stderr}"
        assert any(line.startswith(case.expected) for line in checked.stdout.splitlines()), \
            f"{case.name}: {checked.stdout}"


@pytest.mark.build
def test_a_passing_build_replaces_the_output_and_check_agrees(good_project: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    _append("docs/index.md", "\nA new sentence.\n")(project)
    built = run_mkdocs_build(project / "mkdocs.yml", project / "site")
    assert built.returncode == 0, built.stderr
    assert "A new sentence." in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".site.")) == []
    assert run_checker(project, "check").stdout == "0 problems found.\n"


@pytest.mark.build
def test_after_a_build_the_configuration_names_the_real_output_folder(tmp_path: Path) -> None:
    # `mkdocs gh-deploy` and scripts read config.site_dir after build(): it must not name the removed staging folder.
    script = (
        "import sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])\n"
        "build(config)\n"
        "print(config['site_dir'])\n"
    )
    project = copy_project(MINIMAL, tmp_path / "project")
    site = tmp_path / "out"
    finished = subprocess.run([sys.executable, "-c", script, str(project / "mkdocs.yml"), str(site)],
                              capture_output=True, text=True, env=mkdocs_environment(), cwd=project, timeout=600)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == str(site.resolve())
    assert (site / "index.html").is_file()
