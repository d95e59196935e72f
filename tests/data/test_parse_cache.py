"""Unit tests: the parse cache returns exactly what parsing returns, and misses on any change."""
from __future__ import annotations

from macros.load.data_files import RawRecord, load_data_file

EVENTS = "- id: a\n  date: 2023-02-14\n  participants:\n    - {actor: x, role: host}\n- id: b\n  date: 2023\n"


def as_plain(records):
    return [(r.path, r.line, {k: as_plain(v) if isinstance(v, list) and v and isinstance(v[0], RawRecord) else v
                              for k, v in r.fields.items()}, r.field_lines) for r in records]


def test_a_warm_load_equals_a_fresh_parse(tmp_path):
    data = tmp_path / "events.yml"
    data.write_text(EVENTS, encoding="utf-8")
    cache = tmp_path / "cache"
    parsed, _ = load_data_file(data, "data/events.yml")
    cold, _ = load_data_file(data, "data/events.yml", cache)
    assert len(list(cache.iterdir())) == 1
    warm, _ = load_data_file(data, "data/events.yml", cache)
    assert as_plain(warm) == as_plain(cold) == as_plain(parsed)
    assert isinstance(warm[0].fields["participants"][0], RawRecord)  # rebuilt with this module's class


def test_a_changed_file_misses_and_replaces_its_entry(tmp_path):
    data = tmp_path / "events.yml"
    data.write_text(EVENTS, encoding="utf-8")
    cache = tmp_path / "cache"
    load_data_file(data, "data/events.yml", cache)
    data.write_text(EVENTS.replace("id: b", "id: c"), encoding="utf-8")
    records, _ = load_data_file(data, "data/events.yml", cache)
    assert [r.fields["id"] for r in records] == ["a", "c"]
    assert len(list(cache.iterdir())) == 1  # the older entry of the same file is gone


def test_problems_are_cached_too(tmp_path):
    data = tmp_path / "actors.yml"
    data.write_text("- id: a\n  name: A\n  name: B\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_data_file(data, "data/actors.yml", cache)[1]
    second = load_data_file(data, "data/actors.yml", cache)[1]
    assert [p.format() for p in second] == [p.format() for p in first] != []
