"""Any line ending and a UTF-8 byte-order mark work in pages and data files, as the site engine reads them.

Git for Windows checks files out with CRLF by default; old Mac editors write CR alone; Notepad starts a
file with a byte-order mark. mkdocs reads pages with universal newlines and without the mark, so the
check must read them the same way: the same records, the same front matter, the same line numbers.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.load import data_files
from macros.load.data_files import parse_data_file
from macros.load.pages import read_page
from macros.load.text_files import decode_text
from tests.support import MINIMAL, copy_project, run_cli, run_mkdocs_build

# (id, how each line break is written, whether the file starts with a byte-order mark)
ENDINGS = [
    ("crlf", "\r\n", False),
    ("cr", "\r", False),
    ("bom-lf", "\n", True),
    ("bom-crlf", "\r\n", True),
    ("bom-cr", "\r", True),
]
IDS = [case[0] for case in ENDINGS]
BOTH_READERS = pytest.mark.parametrize("fast", [True, False], ids=["fast", "pyyaml"])


def rewrite(text: str, newline: str, bom: bool) -> bytes:
    """LF text with its line breaks and mark as another editor saves it."""
    return (("\ufeff" if bom else "") + text.replace("\n", newline)).encode("utf-8")


def mixed(text: str) -> bytes:
    """LF text whose line breaks cycle through LF, CRLF and CR, as a file edited on several systems."""
    lines = text.split("\n")
    breaks = ["\n", "\r", "\r\n"]  # never CR before LF: that pair is one CRLF
    return "".join(line + breaks[number % 3] for number, line in enumerate(lines[:-1])).encode() + lines[-1].encode()


# ---------------------------------------------------------------- the one decoding

@pytest.mark.parametrize("raw, text", [
    (b"a\r\nb\rc\nd", "a\nb\nc\nd"),
    (b"\xef\xbb\xbfa\r\n", "a\n"),
    (b"\r\r\n\n", "\n\n\n"),
    (b"a\xef\xbb\xbfb", "a\ufeffb"),  # only a leading mark is a mark; one inside is text (and refused there)
])
def test_text_is_decoded_with_universal_newlines_and_without_a_leading_mark(raw: bytes, text: str) -> None:
    assert decode_text(raw) == text


# ---------------------------------------------------------------- data files

DATA = MINIMAL / "data" / "actors.yml"


@BOTH_READERS
@pytest.mark.parametrize("newline, bom", [case[1:] for case in ENDINGS], ids=IDS)
def test_a_data_file_reads_the_same_records_and_lines_whatever_its_line_endings(newline: str, bom: bool,
                                                                                  fast: bool) -> None:
    text = DATA.read_text(encoding="utf-8")
    expected, expected_problems = parse_data_file(text.encode(), "data/actors.yml", fast=fast)
    records, problems = parse_data_file(rewrite(text, newline, bom), "data/actors.yml", fast=fast)
    assert (records, problems) == (expected, expected_problems) and records


@BOTH_READERS
def test_mixed_line_endings_read_like_lf(fast: bool) -> None:
    text = DATA.read_text(encoding="utf-8")
    expected = parse_data_file(text.encode(), "data/actors.yml", fast=fast)
    assert parse_data_file(mixed(text), "data/actors.yml", fast=fast) == expected


@BOTH_READERS
@pytest.mark.parametrize("newline, bom", [case[1:] for case in ENDINGS], ids=IDS)
def test_a_problem_is_reported_on_the_line_the_editor_sees(newline: str, bom: bool, fast: bool) -> None:
    text = "- id: a\n  title: T\n  series: 1.10\n  kind: news\n"
    _records, problems = parse_data_file(rewrite(text, newline, bom), "data/sources.yml", fast=fast)
    assert [problem.line for problem in problems] == [3]


@pytest.mark.parametrize("newline, bom", [case[1:] for case in ENDINGS], ids=IDS)
def test_the_fast_reader_takes_any_line_ending(newline: str, bom: bool) -> None:
    # CRLF files are common on Windows: leaving them all to PyYAML would make those builds several times slower.
    text = "- id: a\n  title: A title\n  kind: news\n  sources:\n    - b\n"
    data_files.fallbacks.clear()
    records, _ = parse_data_file(rewrite(text, newline, bom), "data/sources.yml")
    assert list(data_files.fallbacks) == [] and records[0].fields["sources"] == ["b"]


def test_a_byte_that_is_not_utf8_is_named_on_its_line_in_a_cr_file() -> None:
    _records, problems = parse_data_file(b"- id: a\r  title: \xff\r", "data/sources.yml")
    assert [problem.line for problem in problems] == [2]


# ---------------------------------------------------------------- pages

PAGE = MINIMAL / "docs" / "actors" / "alpha-land.md"


@pytest.mark.parametrize("newline, bom", [case[1:] for case in ENDINGS], ids=IDS)
def test_a_page_names_its_record_whatever_its_line_endings(tmp_path: Path, newline: str, bom: bool) -> None:
    docs = tmp_path / "docs"
    (docs / "actors").mkdir(parents=True)
    expected, _ = read_page(PAGE, MINIMAL / "docs", MINIMAL)
    page = docs / "actors" / "alpha-land.md"
    page.write_bytes(rewrite(PAGE.read_text(encoding="utf-8"), newline, bom))
    found, problems = read_page(page, docs, tmp_path)
    assert problems == [] and found is not None and expected is not None
    assert (found.record, found.record_line, found.body, found.body_line) == (
        expected.record, expected.record_line, expected.body, expected.body_line)


def test_a_page_with_mixed_line_endings_names_its_record(tmp_path: Path) -> None:
    (tmp_path / "docs" / "actors").mkdir(parents=True)
    page = tmp_path / "docs" / "actors" / "alpha-land.md"
    page.write_bytes(mixed(PAGE.read_text(encoding="utf-8")))
    found, problems = read_page(page, tmp_path / "docs", tmp_path)
    assert problems == [] and found is not None and found.record == "alpha-land"


@pytest.mark.parametrize("newline, bom", [case[1:] for case in ENDINGS], ids=IDS)
def test_the_check_passes_a_project_saved_with_other_line_endings(tmp_path: Path, newline: str, bom: bool) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    for path in [*(project / "docs").rglob("*.md"), *(project / "data").glob("*.yml")]:
        path.write_bytes(rewrite(path.read_text(encoding="utf-8"), newline, bom))
    finished = run_cli(project, "check", "--data-only")
    assert (finished.returncode, finished.stdout) == (0, "0 problems found.\n")


# ---------------------------------------------------------------- the scaffolder keeps a file's line endings

@pytest.mark.parametrize("newline, bom", [case[1:] for case in ENDINGS], ids=IDS)
def test_new_appends_with_the_files_own_line_ending_and_names_the_right_line(tmp_path: Path, newline: str,
                                                                              bom: bool) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    data_file = project / "data" / "actors.yml"
    data_file.write_bytes(rewrite(data_file.read_text(encoding="utf-8"), newline, bom))
    finished = run_cli(project, "new", "actor", "gamma-land", "--name", "Gamma Land", "--type", "state")
    assert finished.returncode == 0, finished.stderr
    text = data_file.read_bytes().decode("utf-8")
    # The file keeps one kind of line break (no bare LF in a CRLF file, no CR in an LF file).
    rest = text.replace(newline, "")
    assert "\r" not in rest and "\n" not in rest
    lines = decode_text(text.encode()).split("\n")
    line = lines.index("- id: gamma-land") + 1
    assert f"at line {line}" in finished.stdout


@pytest.mark.build
def test_a_project_saved_with_crlf_and_a_mark_builds_every_record_page(tmp_path: Path) -> None:
    project = copy_project(MINIMAL, tmp_path / "project")
    for path in [*(project / "docs").rglob("*.md"), *(project / "data").glob("*.yml")]:
        path.write_bytes(rewrite(path.read_text(encoding="utf-8"), "\r\n", True))
    finished = run_mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert finished.returncode == 0, finished.stderr
    page = (tmp_path / "site" / "actors" / "alpha-land" / "index.html").read_text(encoding="utf-8")
    assert "Alpha Land" in page and "A state." in page  # the profile, from the record the page names
