"""Input is read safely, by both YAML readers alike: text stays text, and no data file can crash, hang or exhaust
the loader.

Each case runs through the fast block reader and through PyYAML's parser (parse_data_file with fast=True and
fast=False); both must give the same one problem line, naming file:line, record and field.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from macros.load.data_files import parse_data_file
from macros.load.safe_yaml import MAX_DEPTH
from tests.support import MINIMAL, copy_project, run_cli

BOTH_READERS = pytest.mark.parametrize("fast", [True, False], ids=["fast", "pyyaml"])


def problem_lines(text: str, fast: bool, path: str = "data/sources.yml") -> list[str]:
    """The formatted problems one reader gives for a data file's text."""
    _records, problems = parse_data_file(text.encode("utf-8"), path, fast=fast)
    return [problem.format() for problem in problems]


def record_of(text: str, fast: bool) -> dict:
    """The fields of the first record one reader gives, checking it gave no problem."""
    records, problems = parse_data_file(text.encode("utf-8"), "data/sources.yml", fast=fast)
    assert problems == []
    return records[0].fields


# ---------------------------------------------------------------- YAML 1.1 and 1.2 implicit types

QUOTE_CASES = [
    ("12:30", "the number 750"),               # sexagesimal
    ("1.10", "the number 1.1"),
    ("0x1F", "the number 31"),
    ("017", "the number 15"),                  # octal
    ("1_000", "the number 1000"),
    ("+5", "the number 5"),
    (".NaN", "not-a-number"),
    (".inf", "infinity"),
    ("-.Inf", "minus infinity"),
    ("2023-04-01", "a date"),
    ("2023-04-01 12:00:00", "a date and time"),
    ("yes", "true"),
    ("NO", "false"),
    ("on", "true"),
    ("Off", "false"),
]


@BOTH_READERS
@pytest.mark.parametrize("text, reading", QUOTE_CASES, ids=[case[0] for case in QUOTE_CASES])
def test_a_plain_scalar_that_is_not_text_must_be_quoted(text: str, reading: str, fast: bool) -> None:
    lines = problem_lines(f"- id: a\n  title: {text}\n  kind: news\n", fast)
    assert lines == [f"data/sources.yml:2: a: title: '{text}' would be read as {reading}: "
                     f'put it in quotes ("{text}") so it is read as text']


@BOTH_READERS
def test_a_list_item_and_a_nested_field_name_their_field(fast: bool) -> None:
    text = ("- id: a\n  other_names:\n    - A\n    - NO\n  positions:\n    - title: 12:30\n"
            "      sources:\n        - source: s\n          locator: 1.5\n")
    assert problem_lines(text, fast, "data/actors.yml") == [
        "data/actors.yml:4: a: other_names: 'NO' would be read as false: put it in quotes (\"NO\") so it is read "
        "as text",
        "data/actors.yml:6: a: positions.title: '12:30' would be read as the number 750: put it in quotes "
        '("12:30") so it is read as text',
        "data/actors.yml:9: a: positions.sources.locator: '1.5' would be read as the number 1.5: put it in quotes "
        '("1.5") so it is read as text']


@BOTH_READERS
def test_text_plain_integers_nulls_and_quoted_values_read_as_today(fast: bool) -> None:
    fields = record_of("- id: a\n  title: '12:30'\n  series: \"1.10\"\n  count: 12\n  minus: -3\n  zero: 0\n"
                       "  empty:\n  tilde: ~\n  merge: <<\n  value: =\n  date: \"2023-04-01\"\n  yes: key\n"
                       "  text: a plain sentence, 12:30 inside it\n  y: y\n  e: 1e5\n  o: 0o17\n", fast)
    assert fields == {"id": "a", "title": "12:30", "series": "1.10", "count": 12, "minus": -3, "zero": 0,
                      "empty": None, "tilde": None, "merge": "<<", "value": "=", "date": "2023-04-01",
                      "yes": "key", "text": "a plain sentence, 12:30 inside it", "y": "y", "e": "1e5", "o": "0o17"}


@pytest.mark.parametrize("text", ["y", "N", "1e5", "0o17", "12:30", "1.10", "yes", "2023-04-01", ".NaN", "017", "<<"])
def test_what_yaml_safe_dump_writes_reads_back_as_the_same_text(text: str) -> None:
    # One rule with PyYAML's writer: it quotes exactly what would not read back, so generated data loads.
    dumped = yaml.safe_dump([{"id": "a", "title": text}], allow_unicode=True)
    for fast in (True, False):
        assert record_of(dumped, fast)["title"] == text


# ---------------------------------------------------------------- tags, anchors, aliases

@BOTH_READERS
@pytest.mark.parametrize("value, shown", [
    ("!alpha", "!alpha"), ("!Ref x", "!Ref"), ("!!python/name:os.system", "!!python/name:os.system"),
    ("!!binary aGVsbG8=", "!!binary"), ("!!str 12", "!!str"), ("! x", "!"), ("!!map {a: b}", "!!map"),
])
def test_a_yaml_tag_is_a_problem(value: str, shown: str, fast: bool) -> None:
    assert problem_lines(f"- id: a\n  title: {value}\n", fast) == [
        f"data/sources.yml:2: a: title: YAML tags ({shown}) are not allowed: write plain text"]


@BOTH_READERS
def test_each_anchor_and_alias_is_a_problem(fast: bool) -> None:
    text = "- id: a\n  title: &t Title\n- id: b\n  title: *t\n  publisher: *t\n"
    assert problem_lines(text, fast) == [
        "data/sources.yml:2: a: title: anchors and aliases (&t, *t) are not allowed: repeat the value",
        "data/sources.yml:4: b: title: anchors and aliases (&t, *t) are not allowed: repeat the value",
        "data/sources.yml:5: b: publisher: anchors and aliases (&t, *t) are not allowed: repeat the value"]


@BOTH_READERS
def test_an_alias_bomb_is_refused_quickly(fast: bool) -> None:
    # Nine levels of ten aliases each would expand to 10^9 items: the loader used to run for a minute and
    # end in MemoryError.
    lines = ["- id: a", "  title: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"  f{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 10)}]" for level in range(1, 10)]
    text = "\n".join(lines) + "\n"
    assert len(text) < 1100
    started = time.perf_counter()
    found = problem_lines(text, fast)
    assert time.perf_counter() - started < 1
    assert len(found) == 10 + 9 * 10  # each anchor and each alias once
    assert all("anchors and aliases" in line for line in found)


# ---------------------------------------------------------------- nesting

DEEP = 500
NESTINGS = {
    "flow-lists": "- id: a\n  title: " + "[" * DEEP + "]" * DEEP + "\n",
    "flow-mappings": "- id: a\n  title: " + "{a: " * DEEP + "b" + "}" * DEEP + "\n",
    "indentation": "- id: a\n" + "".join("  " * level + "k:\n" for level in range(1, DEEP)) + "  " * DEEP + "k: v\n",
    "block-lists": "- id: a\n  k:\n" + "".join("  " * level + "- k:\n" for level in range(1, DEEP)),
    "beyond-libyaml": "- id: a\n  title: " + "[" * 1_000_000 + "\n",  # libyaml's own limit is 1,000
}


@BOTH_READERS
@pytest.mark.parametrize("text", NESTINGS.values(), ids=NESTINGS.keys())
def test_deep_nesting_is_a_problem_not_a_recursion_error(text: str, fast: bool) -> None:
    found = problem_lines(text, fast)
    assert len(found) == 1
    assert found[0].startswith("data/sources.yml:")
    assert found[0].endswith(f": -: -: nested deeper than {MAX_DEPTH} levels (expected records, lists and fields "
                             "as the data files nest them)")


@BOTH_READERS
def test_the_deepest_nesting_allowed_still_reads(fast: bool) -> None:
    # The root list and its record are two levels; a field may nest the rest.
    text = "- id: a\n  k: " + "[" * (MAX_DEPTH - 2) + "x" + "]" * (MAX_DEPTH - 2) + "\n"
    _records, problems = parse_data_file(text.encode(), "data/sources.yml", fast=fast)
    assert problems == []


# ---------------------------------------------------------------- control characters

@BOTH_READERS
@pytest.mark.parametrize("escaped, code", [("\\0", "0000"), ("\\e", "001B"), ("\\x1b[31m", "001B"),
                                           ("\\x7f", "007F"), ("\\N", "0085"), ("\\r", "000D"),
                                           ("\\u0090", "0090"), ("\\b", "0008")])
def test_a_control_character_in_a_value_is_a_problem(escaped: str, code: str, fast: bool) -> None:
    assert problem_lines(f'- id: a\n  title: "A{escaped}B"\n', fast) == [
        f"data/sources.yml:2: a: title: the text holds the control character U+{code}: remove it "
        "(expected printable text; tabs and line breaks are allowed)"]


@BOTH_READERS
def test_tabs_and_line_breaks_stay_allowed(fast: bool) -> None:
    assert record_of('- id: a\n  title: "A\\tB\\nC"\n', fast)["title"] == "A\tB\nC"


@BOTH_READERS
def test_a_control_character_in_a_key_is_a_problem(fast: bool) -> None:
    assert problem_lines('- id: a\n  "ti\\x1btle": x\n', fast) == [
        "data/sources.yml:2: a: ti\\x1btle: the text holds the control character U+001B: remove it "
        "(expected printable text; tabs and line breaks are allowed)"]


# ---------------------------------------------------------------- through the check command

@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(MINIMAL, tmp_path / "project")


def test_the_check_names_each_unsafe_value(project: Path) -> None:
    sources = project / "data" / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("  series: A series\n", "  series: 1.10\n", 1), encoding="utf-8")
    finished = run_cli(project, "check")
    assert finished.returncode == 1
    assert finished.stdout == ("data/sources.yml:4: report-2023: series: '1.10' would be read as the number 1.1: "
                               'put it in quotes ("1.10") so it is read as text\n1 problem found.\n')


def test_deep_nesting_in_a_data_file_is_one_problem_line_of_the_check(project: Path) -> None:
    statements = project / "data" / "statements.yml"
    statements.write_text(statements.read_text(encoding="utf-8") + "\n- id: x\n  note: " + "[" * DEEP + "\n",
                          encoding="utf-8")
    finished = run_cli(project, "check")
    assert (finished.returncode, finished.stderr) == (1, "")
    assert f"nested deeper than {MAX_DEPTH} levels" in finished.stdout


def test_a_data_file_that_fails_to_read_is_a_problem(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The file checks in find_data_files run first; a file swapped for a folder after them (a race) still
    # gives a problem line, not a traceback.
    from macros.load import data_files

    monkeypatch.setattr(data_files, "problem_with_file", lambda *_arguments: None)
    (project / "data" / "statements.yml").unlink()
    (project / "data" / "statements.yml").mkdir()
    finished = run_cli(project, "check")
    assert (finished.returncode, finished.stderr) == (1, "")
    assert finished.stdout.startswith("data/statements.yml: -: -: this file cannot be read (Is a directory) "
                                      "(expected a readable YAML file)\n")
