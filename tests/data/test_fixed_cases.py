"""Regression tests for the breaks of issue 13 fixed before these tests existed (commits 63c3790, ca52b0a):
files that are not the project's own, scaffolder text, CSV formulas, BibTeX URLs, year 0, map numbers, and
control characters in ids. Each names the exact message an editor now gets.
"""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.check.validate import validate_records
from macros.export.citations import source_as_bibtex
from macros.export.downloads import neutralise_formula
from macros.load.data_files import load_data_folder
from macros.load.geography import load_region
from macros.model.dates import parse_reduced_date
from tests.support import MINIMAL, PROJECT_DIR, copy_project, run_cli, snapshot

EXPECTED_FILE = "(expected a YAML file that belongs to the project)"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(MINIMAL, tmp_path / "project")


def check_in_child(project: Path) -> subprocess.CompletedProcess:
    """`python -m macros check` in a child process that may not hang: a FIFO once blocked it for ever."""
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_DIR))
    return subprocess.run([sys.executable, "-m", "macros", "check"], capture_output=True, text=True,
                          env=environment, cwd=project, timeout=120)


# ---------------------------------------------------------------- files that are not the project's own

@pytest.mark.parametrize("make, reason", [
    (lambda path, _outside: path.mkdir(), "is a folder, not a file"),
    (lambda path, _outside: path.symlink_to(path.parent / "missing.yml"), "is a link to a file that does not exist"),
    (lambda path, outside: path.symlink_to(outside), "is a link to a file outside the project"),
    (lambda path, _outside: path.symlink_to("/dev/zero"), "is a link to a file outside the project"),
    (lambda path, _outside: os.mkfifo(path), "is not a regular file (a device, pipe or socket)"),
], ids=["folder", "dangling-link", "link-out-of-project", "device", "fifo"])
def test_a_data_file_that_is_not_a_regular_file_of_the_project_is_named(project: Path, tmp_path: Path, make,
                                                                          reason: str) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("- id: leaked\n", encoding="utf-8")
    statements = project / "data" / "statements.yml"
    statements.unlink()
    make(statements, outside)
    # Only the FIFO needs a child process that may be timed out: opening one for reading once blocked for ever.
    finished = check_in_child(project) if reason.startswith("is not a regular") else run_cli(project, "check")
    assert finished.returncode == 1 and finished.stderr == ""
    assert f"data/statements.yml: -: -: this path {reason} {EXPECTED_FILE}" in finished.stdout.splitlines()


# ---------------------------------------------------------------- the scaffolder

def test_new_writes_a_name_as_literal_text(project: Path) -> None:
    name = "<script>alert(1)</script> {{ macros_info() }} {% include 'x' %}"
    finished = run_cli(project, "new", "actor", "evil-name", "--name", name, "--type", "state")
    assert finished.returncode == 0, finished.stderr
    page = (project / "docs" / "actors" / "evil-name.md").read_text(encoding="utf-8")
    heading = next(line for line in page.splitlines() if line.startswith("# "))
    assert heading == ("# &lt;script&gt;alert\\(1\\)&lt;/script&gt; &#123;&#123; macros\\_info\\(\\) &#125;&#125; "
                       "&#123;% include 'x' %&#125;")
    assert "macros_info" not in page.replace(heading, "")  # nowhere else, not in a comment either


@pytest.mark.parametrize("arguments, message", [
    (["evil\n", "--name", "Evil"], "cannot add actor 'evil\\n': the id holds the control character U+000A "
                                   "(expected one line of printable text)"),
    (["evil-bytes", "--name", "Evil \udcff"], "cannot add actor 'evil-bytes': --name holds bytes that are not UTF-8 "
                                              "text (expected text typed in UTF-8)"),
], ids=["newline-in-id", "byte-xff-in-name"])
def test_new_refuses_a_line_break_or_a_bad_byte_and_writes_nothing(project: Path, arguments: list[str],
                                                                  message: str) -> None:
    before = snapshot(project)
    finished = run_cli(project, "new", "actor", *arguments, "--type", "state")
    assert (finished.returncode, finished.stderr) == (1, message + "\n")
    assert snapshot(project) == before


def test_new_refuses_a_bad_byte_from_the_real_command_line(project: Path) -> None:
    # The shell passes \xff as a byte; Python decodes it to a lone surrogate, which used to crash halfway
    # through writing, leaving an empty page behind.
    before = snapshot(project)
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_DIR))
    finished = subprocess.run([sys.executable.encode(), b"-m", b"macros", b"new", b"actor", b"bad-byte",
                               b"--name", b"Bad \xff", b"--type", b"state"], capture_output=True,
                              env=environment, cwd=project, timeout=120)
    assert finished.returncode == 1
    assert b"Traceback" not in finished.stderr and b"not UTF-8" in finished.stderr
    assert snapshot(project) == before


# ---------------------------------------------------------------- downloads

@pytest.mark.parametrize("cell", ["=HYPERLINK(\"https://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
                                  "-1+1", "\t=1+1", "\r=1+1"])
def test_a_csv_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(cell: str) -> None:
    assert neutralise_formula(cell) == "'" + cell


def test_plain_csv_cells_are_unchanged() -> None:
    assert [neutralise_formula(cell) for cell in ("Talks", "2023-02", "a = b", "")] == ["Talks", "2023-02", "a = b", ""]


def test_a_brace_in_a_url_cannot_close_the_bibtex_field() -> None:
    dataset, _raw_by_id, problems = validate_records(load_data_folder(MINIMAL / "data"))
    assert problems == []
    source = dataclasses.replace(dataset.sources[0], author=None,
                                 url="https://example.org/a}, author = {Injected}, x = {\\")
    entry = source_as_bibtex(source)
    assert not any(line.lstrip().startswith(("author", "x =")) for line in entry.splitlines())
    assert "  url = {https://example.org/a%7D, author = %7BInjected%7D, x = %7B%5C}," in entry.splitlines()


# ---------------------------------------------------------------- dates and map numbers

def test_year_zero_is_refused() -> None:
    with pytest.raises(ValueError) as error:
        parse_reduced_date("0000-02")
    assert str(error.value) == "'0000-02' has no year 0"


def test_year_zero_in_the_data_is_a_problem(project: Path) -> None:
    sources = project / "data" / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8").replace('date: "2023-04"', 'date: "0000-02"', 1),
                       encoding="utf-8")
    finished = run_cli(project, "check")
    assert finished.returncode == 1
    assert ("data/sources.yml:6: report-2023: date: '0000-02' has no year 0 (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            in finished.stdout.splitlines())


REGION = {"origin": "test", "box": [22.0, 18.0, 100.0, 60.0], "land": [], "countries": [
    {"iso_numeric": "004", "name": "A", "actor": "alpha-land", "label": "A", "label_at": [66.0, 33.8],
     "rings": [[[66.5, 37.3], [66.8, 37.4], [67.7, 37.1]]]}]}
EXPECTED_REGION = "(expected data/geo/region.json, made by tools/extract_region.py)"


@pytest.mark.parametrize("text, line", [
    (json.dumps(REGION).replace("66.5", "NaN"), "data/geo/region.json: -: -: the map shapes file cannot be read "
     "(ValueError('NaN is not a coordinate')) (expected the JSON written by tools/extract_region.py)"),
    (json.dumps(REGION).replace("100.0", "Infinity"), "data/geo/region.json: -: -: the map shapes file cannot be "
     "read (ValueError('Infinity is not a coordinate')) (expected the JSON written by tools/extract_region.py)"),
    (json.dumps(REGION).replace("66.5", "1e999"), f"data/geo/region.json: -: box: a coordinate is not a finite "
     f"number {EXPECTED_REGION}"),
    (json.dumps(REGION).replace("100.0", "22.0"), "data/geo/region.json: -: box: the box [22.0, 18.0, 22.0, 60.0] "
     "has no width or height (expected [west, south, east, north] with west < east and south < north)"),
], ids=["nan", "infinity", "overflow", "zero-width-box"])
def test_map_numbers_that_cannot_be_drawn_are_named(tmp_path: Path, text: str, line: str) -> None:
    (tmp_path / "data" / "geo").mkdir(parents=True)
    (tmp_path / "data" / "geo" / "region.json").write_text(text, encoding="utf-8")
    region, problems = load_region(tmp_path / "data")
    assert region is None
    assert [problem.format() for problem in problems] == [line]


# ---------------------------------------------------------------- what the check prints

def test_an_id_with_an_escape_sequence_or_a_line_break_is_printed_escaped(project: Path) -> None:
    actors = project / "data" / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8") + "\n- id: \"evil\\e[2J\\n0 problems found.\"\n",
                      encoding="utf-8")
    finished = run_cli(project, "check")
    assert finished.returncode == 1
    assert "\x1b" not in finished.stdout and "0 problems found." not in finished.stdout.splitlines()
    assert "evil\\x1b[2J\\n0 problems found." in finished.stdout
