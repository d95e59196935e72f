"""Under `mkdocs serve` a data file edited in a few records has only those read again: the result must be what
reading the whole file gives (raw records with their lines, typed records, fingerprints, origins), and every
case it cannot be sure of must fall back to reading the whole file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.site.check_again import DataFileCheck, _check_data_file
from macros.site.reread_records import cut_items
from macros.site.state import SiteSettings
from tests.support import copy_real_project


def _settings(root: Path) -> SiteSettings:
    return SiteSettings(project_dir=root, docs_dir=root / "docs", data_dir=root / "data", parse_cache_dir=None)


def _as_read(check: DataFileCheck) -> tuple:
    """Everything a check of one file gives, by value."""
    return (check.digest, check.kind, check.raws, check.records, check.clean, check.prints, check.kinds,
            check.origins, check.items)


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    return copy_real_project(tmp_path_factory.mktemp("real") / "project")


def _first_value(text: str, key: str) -> str:
    return re.search(rf"^  {key}: (.+)$", text, re.M).group(1)


# (file, edit) pairs: an edit returns (old, new) text for the file's text.
EDITS = {
    "a summary": ("events.yml", lambda text: (f"  title: {_first_value(text, 'title')}\n",
                                              f"  title: {_first_value(text, 'title')} (edited)\n")),
    "a name": ("actors.yml", lambda text: (f"  name: {_first_value(text, 'name')}\n",
                                           f"  name: {_first_value(text, 'name')} Renamed\n")),
    "a line more": ("actors.yml", lambda text: (f"  name: {_first_value(text, 'name')}\n",
                                                f"  name: {_first_value(text, 'name')}\n  short_name: X\n")),
    "an id": ("actors.yml", lambda text: (f"- id: {_first_value_id(text)}\n", f"- id: {_first_value_id(text)}-x\n")),
    "a bad date": ("events.yml", lambda text: (f"  date: {_first_value(text, 'date')}\n", '  date: "2023-13"\n')),
    "a key twice": ("actors.yml", lambda text: (f"  name: {_first_value(text, 'name')}\n",
                                                f"  name: {_first_value(text, 'name')}\n  name: Again\n")),
    "an alias": ("actors.yml", lambda text: (f"  name: {_first_value(text, 'name')}\n",
                                             f"  name: &shared {_first_value(text, 'name')}\n")),
    "the header": ("events.yml", lambda text: (text.split("\n", 1)[0], text.split("\n", 1)[0] + " (edited)")),
}


def _first_value_id(text: str) -> str:
    return re.search(r"^- id: (\S+)$", text, re.M).group(1)


@pytest.mark.parametrize("edit", EDITS, ids=EDITS)
@pytest.mark.parametrize("project", ["real", "bench"])
def test_an_edited_file_reads_as_a_whole_reading_gives(edit, project, real, small_bench_project):
    # The real data is read by PyYAML (flow mappings, folded text); the benchmark's by the block reader.
    root = real if project == "real" else small_bench_project
    name, make = EDITS[edit]
    path = root / "data" / name
    kind = name.removesuffix(".yml")
    original = path.read_text(encoding="utf-8")
    try:
        settings = _settings(root)
        before = _check_data_file(settings, path, kind, None)
        assert before.clean and before.items is not None
        _edit(path, *make(original))
        again = _check_data_file(settings, path, kind, before)
        whole = _check_data_file(settings, path, kind, None)
        assert _as_read(again) == _as_read(whole)
        if edit in ("a bad date", "a key twice"):
            assert not again.clean  # the whole file read, its problem found as before
            return
        kept = [new is old for new, old in zip(again.records, before.records, strict=True)]
        if edit in ("a summary", "a name"):
            assert kept.count(False) == 1  # read again: the edited record alone
        if edit in ("an id", "an alias", "the header"):
            assert not any(kept)  # read whole
    finally:
        path.write_text(original, encoding="utf-8")


def test_items_are_cut_where_records_begin():
    text = "# a header\n\n- id: a\n  name: A\n  list:\n    - x\n\n- id: b\n  name: B\n-\n  id: c\n"
    items, texts = cut_items(text)
    assert items.header == "# a header\n\n"
    assert [line for line, _ in items.items] == [3, 8, 10]
    assert "".join(texts) == text[len(items.header):] and len(set(items.items)) == 3


def test_a_file_sharing_values_between_records_is_refused_so_never_reread_by_record(small_bench_project):
    # An anchor in one record and its alias in another would tie them; the reader refuses both, so such a
    # file is never clean and keeps no items to reread from.
    path = small_bench_project / "data" / "actors.yml"
    original = path.read_text(encoding="utf-8")
    names = re.findall(r"^  name: (.+)$", original, re.M)
    try:
        shared = original.replace(f"  name: {names[0]}\n", f"  name: &shared {names[0]}\n", 1)
        path.write_text(shared.replace(f"  name: {names[1]}\n", "  name: *shared\n", 1), encoding="utf-8")
        checked = _check_data_file(_settings(small_bench_project), path, "actors", None)
        assert not checked.clean and checked.items is None
    finally:
        path.write_text(original, encoding="utf-8")
