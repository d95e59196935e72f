"""Downloads written in process from the real data hold exactly the data, validate, and keep precision.

macros.export.downloads.write_downloads is what the build calls after the pages are written; the
built site's downloads folder is compared with this output file for file in
tests/built_site/test_downloads_built.py.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest

from macros.export.downloads import JsonMemo, iterate_kind_json, list_downloads, record_as_json, write_downloads
from macros.export.tables import CsvMemo, csv_columns, iterate_kind_csv, names_by_id
from macros.model.records import KINDS
from tests.support import PROJECT_DIR, schema_validator


@pytest.fixture(scope="module")
def dataset(real_site):
    return real_site.index.dataset


@pytest.fixture(scope="module")
def downloads(dataset, tmp_path_factory) -> Path:
    """A site folder holding only the downloads, written in process."""
    site_dir = tmp_path_factory.mktemp("downloads")
    written = write_downloads(dataset, site_dir)
    assert sorted(path.name for path in written) == sorted(download.name for download in list_downloads(dataset))
    return site_dir


def _keys(kind_name: str, records) -> list:
    """What identifies a record: its id, or for memberships member, organization and role."""
    if KINDS[kind_name].has_id:
        return sorted(record["id"] if isinstance(record, dict) else record.id for record in records)
    return sorted((r["member"], r["organization"], r["role"]) if isinstance(r, dict)
                  else (r.member, r.organization, r.role) for r in records)


def _download(site_dir: Path, name: str) -> str:
    return (site_dir / "downloads" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind_name", list(KINDS))
def test_json_download_holds_exactly_the_records_and_validates(downloads, dataset, kind_name):
    records = json.loads(_download(downloads, f"{kind_name}.json"))
    expected = getattr(dataset, kind_name)
    assert len(records) == len(expected) > 0
    assert _keys(kind_name, records) == _keys(kind_name, expected)
    schema = json.loads(_download(downloads, f"{kind_name}.schema.json"))
    assert schema == json.loads((PROJECT_DIR / "schema" / f"{kind_name}.schema.json").read_text(encoding="utf-8"))
    assert list(schema_validator(schema).iter_errors(records)) == []


@pytest.mark.parametrize("kind_name", list(KINDS))
def test_csv_download_parses_with_one_row_per_record(downloads, dataset, kind_name):
    rows = list(csv.DictReader(io.StringIO(_download(downloads, f"{kind_name}.csv"), newline="")))
    assert list(rows[0]) == csv_columns(KINDS[kind_name])
    assert _keys(kind_name, rows) == _keys(kind_name, getattr(dataset, kind_name))
    if kind_name != "sources" and KINDS[kind_name].field_named("sources"):  # disagreements cite per account
        cited = [";".join(dict.fromkeys(c.source for c in record.sources)) for record in getattr(dataset, kind_name)]
        # List cells hold plain ids, `id; id`: every record keeps its sources, each once.
        assert sorted(row["sources"].replace("; ", ";") for row in rows) == sorted(cited)


def test_csv_keeps_nested_records_and_date_precision(downloads, dataset):
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(_download(downloads, "events.csv"), newline=""))}
    for event in dataset.events:
        assert rows[event.id]["date"] == event.date.iso()
        # A participant as its plain values, 'actor, role' (its note after them): the JSON keeps the structure.
        assert [p.split(", ")[0] for p in rows[event.id]["participants"].split("; ") if p] == \
               [p.actor for p in event.participants]


def test_every_source_has_a_csl_item_and_a_bibtex_entry(downloads, dataset):
    items = {item["id"]: item for item in json.loads(_download(downloads, "sources.csl.json"))}
    bibtex = _download(downloads, "sources.bib")
    entries = re.findall(r"^@(\w+)\{([^,]+),$", bibtex, flags=re.M)
    assert sorted(items) == sorted(key for _type, key in entries) == sorted(s.id for s in dataset.sources)
    for source in dataset.sources:
        assert items[source.id]["title"] == source.title
        # A month-precise date stays a month: no invented day in either format.
        assert items[source.id]["issued"]["date-parts"] == [[p for p in (source.date.year, source.date.month,
                                                                         source.date.day) if p]]
        assert f"  date = {{{source.date.iso()}}}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")


def test_a_partial_rebuild_writes_the_files_an_edit_reaches(dataset, tmp_path):
    # Under `mkdocs serve`: an event's title is printed in the CSVs that refer to events, beside their ids.
    written = {path.name for path in write_downloads(dataset, tmp_path / "title", {"events"}, {"events"})}
    assert {"events.json", "events.csv", "statements.csv", "memberships.csv", "relations.csv",
            "datapackage.json", "stix-bundle.json"} <= written
    assert not written & {"sources.csv", "actors.csv", "organizations.csv", "statements.json", "sources.bib"}
    # Its summary is in its own kind's files and the whole-dataset ones only; a page edit writes nothing.
    written = {path.name for path in write_downloads(dataset, tmp_path / "summary", {"events"}, set())}
    assert {name for name in written if name.endswith(".csv")} == {"events.csv"}
    assert write_downloads(dataset, tmp_path / "page", set(), set()) == []
    # Every CSV that prints a column of names beside references to a kind is among those a rename reaches.
    for kind in KINDS.values():
        named = {path.name for path in write_downloads(dataset, tmp_path / kind.name, {kind.name}, {kind.name})}
        for other in KINDS.values():
            columns = csv_columns(other)
            refers = any(kind.singular in spec.refers_to for spec in other.fields if f"{spec.name}_name" in columns
                         or f"{spec.name}_names" in columns)
            assert not refers or f"{other.name}.csv" in named, (kind.name, other.name)


def test_csv_rows_kept_between_builds_give_a_clean_builds_text(dataset):
    # Under `mkdocs serve` each record's cells are kept: a rename rewrites only the rows that print the name.
    memo = CsvMemo()
    statements = KINDS["statements"]
    names = names_by_id(dataset)
    plain = "".join(iterate_kind_csv(dataset.statements, statements, names))
    assert "".join(iterate_kind_csv(dataset.statements, statements, names, memo)) == plain
    kept = {key: row[1] for key, row in memo.rows.items()}
    assert "".join(iterate_kind_csv(dataset.statements, statements, dict(names), memo)) == plain
    assert all(memo.rows[key][1] is line for key, line in kept.items())  # read back, not written again
    speaker = dataset.statements[0].speakers[0]
    renamed = {**names, speaker: "A new name"}
    text = "".join(iterate_kind_csv(dataset.statements, statements, renamed, memo))
    assert text == "".join(iterate_kind_csv(dataset.statements, statements, renamed)) != plain
    naming = {id(statement) for statement in dataset.statements if speaker in statement.speakers}
    assert naming and all((memo.rows[key][1] is line) == (key not in naming) for key, line in kept.items())
    # An edited record is a new object: its row is made again, and the one it replaced is forgotten.
    edited = [dataclasses.replace(dataset.statements[0], paraphrase="Edited."), *dataset.statements[1:]]
    assert "".join(iterate_kind_csv(edited, statements, renamed, memo)) == \
        "".join(iterate_kind_csv(edited, statements, renamed))
    assert id(dataset.statements[0]) not in memo.rows and len(memo.rows) == len(edited)


def test_json_texts_kept_between_builds_give_a_clean_builds_text(dataset):
    # Under `mkdocs serve` each record's JSON text is kept: an edit rewrites the edited record's text alone.
    memo = JsonMemo()
    statements = KINDS["statements"]
    plain = "".join(iterate_kind_json(dataset.statements, statements))
    assert json.loads(plain) == json.loads(json.dumps([record_as_json(record, statements)
                                                       for record in dataset.statements]))
    assert "".join(iterate_kind_json(dataset.statements, statements, memo)) == plain
    kept = {key: text for key, (_record, text) in memo.texts.items()}
    assert "".join(iterate_kind_json(dataset.statements, statements, memo)) == plain
    assert all(memo.texts[key][1] is text for key, text in kept.items())  # read back, not written again
    # An edited record is a new object: its text is made again, and the one it replaced is forgotten.
    edited = [dataclasses.replace(dataset.statements[0], paraphrase="Edited."), *dataset.statements[2:]]
    text = "".join(iterate_kind_json(edited, statements, memo))
    assert text == "".join(iterate_kind_json(edited, statements)) != plain
    assert set(memo.texts) == {id(record) for record in edited}
    assert all(memo.texts[id(record)][1] is kept[id(record)] for record in edited[1:])
    assert "".join(iterate_kind_json([], statements, memo)) == "[]\n"
