"""Unit tests: reduced-precision dates and YAML loading with lines."""
from __future__ import annotations

import pytest

from macros.load.data_files import load_data_file
from macros.model.dates import ReducedDate, format_reduced_date, parse_reduced_date


@pytest.mark.parametrize("text, expected", [
    ("2023", ReducedDate(2023)),
    ("2023-02", ReducedDate(2023, 2)),
    ("2023-02-14", ReducedDate(2023, 2, 14)),
    ("2024-02-29", ReducedDate(2024, 2, 29)),
])
def test_parse_keeps_the_precision_given(text, expected):
    assert parse_reduced_date(text) == expected
    assert parse_reduced_date(text).iso() == text


@pytest.mark.parametrize("text, message", [
    ("2023-02-30", "'2023-02-30' is not a day: February 2023 has 28 days"),
    ("2023-13", "'2023-13' has no month 13"),
    ("14 February 2023", "'14 February 2023' is not a date"),
    ("2023-2-14", "'2023-2-14' is not a date"),
])
def test_parse_rejects_impossible_and_malformed_dates(text, message):
    with pytest.raises(ValueError) as error:
        parse_reduced_date(text)
    assert str(error.value) == message


@pytest.mark.parametrize("date, qualifier, expected", [
    (ReducedDate(2023, 2, 14), None, "14 February 2023"),
    (ReducedDate(2023, 2), "early", "early February 2023"),
    (ReducedDate(2023, 3), None, "March 2023"),
    (ReducedDate(2021), None, "2021"),
])
def test_format_for_readers_never_adds_precision(date, qualifier, expected):
    assert format_reduced_date(date, qualifier) == expected


def test_month_sorts_before_its_days():
    assert ReducedDate(2023, 2) < ReducedDate(2023, 2, 1) < ReducedDate(2023, 3)


def test_loading_keeps_lines_and_leaves_dates_as_text(tmp_path):
    path = tmp_path / "events.yml"
    # An unquoted day is refused (YAML would read it as a date: tests/data/test_input_safety.py); a year is an int.
    path.write_text("# comment\n- id: a\n  date: \"2023-02-14\"\n- id: b\n  date: 2023\n", encoding="utf-8")
    records, problems = load_data_file(path, "data/events.yml")
    assert problems == []
    assert [(r.line, r.fields["id"], r.line_of("date")) for r in records] == [(2, "a", 3), (4, "b", 5)]
    assert records[0].fields["date"] == "2023-02-14"  # not a datetime.date: precision is ours to parse
    assert records[1].fields["date"] == 2023


def test_loading_reports_a_key_given_twice(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text("- id: a\n  name: A\n  name: B\n", encoding="utf-8")
    _records, problems = load_data_file(path, "data/actors.yml")
    assert [p.format() for p in problems] == [
        "data/actors.yml:3: a: name: key 'name' appears twice in one record (expected each key once)"]
