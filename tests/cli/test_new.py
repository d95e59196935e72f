"""`python -m macros new`: stubs appended as text, pages created, refusals, and a clean check once filled.

The commands run in process (macros.cli.main.main, from the project's folder); one test runs
`python -m macros new` as a child process, as editors do.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.cli.new import ScaffoldError, scaffold_record
from macros.model.records import KINDS
from tests.support import MINIMAL, PROJECT_DIR, copy_project, copy_real_project, run_checker, run_cli


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's configuration, data and pages (the code runs from the real project)."""
    return copy_real_project(tmp_path / "project")


@pytest.fixture
def small_project(tmp_path) -> Path:
    """The small fixture project: enough for the refusals, and a tenth of the real project's copying time."""
    return copy_project(MINIMAL, tmp_path / "project")


def _fill(path: Path, field: str, value: str) -> None:
    """Replace the first empty `field:` line the scaffold left (with its hint comment) by a value."""
    text = path.read_text(encoding="utf-8")
    filled, count = re.subn(rf"^  {field}:  # .*$", f"  {field}: {value}", text, count=1, flags=re.M)
    assert count == 1, f"no empty '{field}' left by the scaffold"
    path.write_text(filled, encoding="utf-8")


def test_new_actor_appends_a_stub_keeps_the_file_and_creates_the_page(project):
    data_file = project / "data" / "actors.yml"
    before = data_file.read_bytes()
    # As editors run it: a child process.
    result = run_checker(project, "new", "actor", "example-envoy", "--name", "Example Envoy", "--type", "person")
    assert result.returncode == 0, result.stderr
    after = data_file.read_bytes()
    assert after.startswith(before)  # comments, order and formatting before the stub are untouched
    assert after[len(before):].decode() == (
        "\n- id: example-envoy\n"
        "  type: person\n"
        '  name: "Example Envoy"\n'
        "  summary:  # A short summary from the sources.\n"
        '  sources:  # a list: - {source: <source id>, locator: "paragraph 3"}\n'
        "  # optional: other_names, nationality, governs, formed, dissolved, operates_in, positions, wikidata,"
        " iso_alpha2, iso_alpha3, identifier_sources (see docs/editing.md)\n")
    page = (project / "docs" / "actors" / "example-envoy.md").read_text(encoding="utf-8")
    assert page.startswith("---\nrecord: example-envoy\n---\n\n# Example Envoy\n")
    assert "{{ profile() }}" in page and "{{ history() }}" in page and page.index("profile") < page.index("history")
    line = before.count(b"\n") + 2
    assert f"added actor 'example-envoy' to data/actors.yml at line {line}" in result.stdout


@pytest.mark.build  # a clean check ends with a trial build of the site
def test_the_checker_names_the_fields_left_empty_then_passes_once_they_are_filled(project):
    assert run_cli(project, "new", "actor", "example-envoy", "--type", "person").returncode == 0
    result = run_cli(project, "check")
    assert result.returncode == 1
    named = re.findall(r"^data/actors\.yml:\d+: example-envoy: (\w+): required field is missing or empty",
                       result.stdout, flags=re.M)
    assert named == ["name", "summary", "sources"]
    assert result.stdout.strip().endswith("3 problems found.")
    data_file = project / "data" / "actors.yml"
    _fill(data_file, "name", "Example Envoy")
    _fill(data_file, "summary", "A test summary.")
    _fill(data_file, "sources", "[diplomat-2023-russia-taliban]")
    result = run_cli(project, "check")
    assert (result.returncode, result.stdout.strip()) == (0, "0 problems found.")


@pytest.mark.build  # a clean check ends with a trial build of the site
def test_new_event_has_no_page_and_checks_clean_once_filled(project):
    kind = KINDS["events"]
    done = scaffold_record(kind, "test-talks-2023-05", data_dir=project / "data", docs_dir=project / "docs",
                           name="Test talks", type_="talks", date="2023-05")
    assert done.page is None
    assert '  date: "2023-05"\n' in done.data_file.read_text(encoding="utf-8")
    _fill(done.data_file, "summary", "What happened.")
    _fill(done.data_file, "sources", "[diplomat-2023-russia-taliban]")
    result = run_cli(project, "check")
    assert (result.returncode, result.stdout.strip()) == (0, "0 problems found.")


def test_refuses_an_existing_id_in_any_kind_and_writes_nothing(small_project):
    project = small_project
    data_file = project / "data" / "organizations.yml"
    before = data_file.read_bytes()
    with pytest.raises(ScaffoldError, match="the id 'alpha-land' is already used"):
        scaffold_record(KINDS["organizations"], "alpha-land", data_dir=project / "data", docs_dir=project / "docs")
    assert data_file.read_bytes() == before
    assert not (project / "docs" / "organizations" / "alpha-land.md").exists()


def test_refuses_an_existing_page_and_writes_nothing(small_project):
    project = small_project
    page = project / "docs" / "actors" / "someone-new.md"
    page.write_text("# Someone's draft\n", encoding="utf-8")
    before = (project / "data" / "actors.yml").read_bytes()
    result = run_cli(project, "new", "actor", "someone-new")
    assert result.returncode == 1
    assert "someone-new.md already exists" in result.stderr
    assert (project / "data" / "actors.yml").read_bytes() == before
    assert page.read_text(encoding="utf-8") == "# Someone's draft\n"


@pytest.mark.parametrize(("arguments", "message"), [
    (("actor", "Example_Envoy"), "does not follow the id rule"),
    (("actr", "x"), "unknown kind 'actr'; did you mean 'actor'?"),
    (("membership", "x"), "memberships have no id"),
    (("event", "x", "--type", "meting"), "did you mean 'meeting'?"),
    (("event", "x", "--date", "2023-13"), "--date '2023-13'"),
    (("statement", "x", "--name", "N"), "--name does not apply to statements"),
])
def test_refuses_bad_arguments_with_a_reason(small_project, arguments, message):
    project = small_project
    before = {path.name: path.read_bytes() for path in (project / "data").glob("*.yml")}
    result = run_cli(project, "new", *arguments)
    assert result.returncode == 1
    assert message in result.stderr
    assert {path.name: path.read_bytes() for path in (project / "data").glob("*.yml")} == before


def _checker_lines(text: str) -> list[str]:
    """Problem lines, with line numbers masked: they move as the data grows, the messages must not."""
    return [re.sub(r"^(data/\w+\.yml):\d+:", r"\1:N:", line) for line in text.splitlines()
            if re.match(r"^data/\w+\.yml:\d+: ", line)]


@pytest.mark.slow  # three checks of the real data and two new records: more than a second
def test_the_editing_guide_quotes_the_checker_as_it_really_answers(project):
    """Replay the guide's worked example: every checker line the guide quotes is what the checker prints."""
    guide = (PROJECT_DIR / "docs" / "editing.md").read_text(encoding="utf-8")
    printed = []
    assert run_cli(project, "new", "source", "example-news-2024-sco", "--title", "Example Republic applies to join "
                   "the SCO", "--type", "news", "--date", "2024-07").returncode == 0
    printed += _checker_lines(run_cli(project, "check").stdout)
    _fill(project / "data" / "sources.yml", "publisher", "Example News")
    assert run_cli(project, "new", "actor", "example-republic", "--name", "Example Republic",
                       "--type", "state").returncode == 0
    printed += _checker_lines(run_cli(project, "check").stdout)
    _fill(project / "data" / "actors.yml", "summary", "A fictional state used to show how records are added.")
    _fill(project / "data" / "actors.yml", "sources", "[example-news-2024-sco-summit]")
    with (project / "data" / "memberships.yml").open("a", encoding="utf-8") as stream:
        stream.write('\n- member: example-republic\n  organization: sco\n  role: obsever\n  as_of: "2024-07"\n'
                     '  sources: [example-news-2024-sco]\n')
    with (project / "data" / "events.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n- id: example-republic-sco-application-2024-07\n  title: Example Republic applies\n"
                     "  kind: meeting\n  date: July 2024\n  summary: S.\n  sources: [example-news-2024-sco]\n")
    printed += _checker_lines(run_cli(project, "check").stdout)
    quoted = _checker_lines(guide)
    assert len(quoted) == 6
    assert sorted(quoted) == sorted(printed)
