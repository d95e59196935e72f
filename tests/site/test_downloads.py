"""Downloads in the built site hold exactly the data; pages link to them and say how to cite them."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from macros.cli import read_settings
from macros.model import KINDS
from macros.site import load_site

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dataset():
    return load_site(read_settings(PROJECT_DIR / "mkdocs.yml")).index.dataset


def _keys(kind_name: str, records) -> list:
    """What identifies a record: its id, or for memberships member, organization and role."""
    if KINDS[kind_name].has_id:
        return sorted(record["id"] if isinstance(record, dict) else record.id for record in records)
    return sorted((r["member"], r["organization"], r["role"]) if isinstance(r, dict)
                  else (r.member, r.organization, r.role) for r in records)


def _download(built_site: Path, name: str) -> str:
    return (built_site / "downloads" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind_name", list(KINDS))
def test_json_download_holds_exactly_the_records_and_validates(built_site, dataset, kind_name):
    records = json.loads(_download(built_site, f"{kind_name}.json"))
    expected = getattr(dataset, kind_name)
    assert len(records) == len(expected) > 0
    assert _keys(kind_name, records) == _keys(kind_name, expected)
    schema = json.loads(_download(built_site, f"{kind_name}.schema.json"))
    assert schema == json.loads((PROJECT_DIR / "schema" / f"{kind_name}.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(records)) == []


@pytest.mark.parametrize("kind_name", list(KINDS))
def test_csv_download_parses_with_one_row_per_record(built_site, dataset, kind_name):
    rows = list(csv.DictReader(io.StringIO(_download(built_site, f"{kind_name}.csv"), newline="")))
    assert list(rows[0]) == [spec.name for spec in KINDS[kind_name].fields]
    assert _keys(kind_name, rows) == _keys(kind_name, getattr(dataset, kind_name))
    if kind_name != "sources":
        for row in rows:  # list cells hold JSON, and every record keeps its citations
            citations = json.loads(row["sources"])
            assert citations and all(citation["source"] for citation in citations)


def test_csv_keeps_nested_records_and_date_precision(built_site, dataset):
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(_download(built_site, "events.csv"), newline=""))}
    for event in dataset.events:
        assert rows[event.id]["date"] == event.date.iso()
        assert [p["actor"] for p in json.loads(rows[event.id]["participants"] or "[]")] == \
               [p.actor for p in event.participants]


def test_every_source_has_a_csl_item_and_a_bibtex_entry(built_site, dataset):
    items = {item["id"]: item for item in json.loads(_download(built_site, "sources.csl.json"))}
    bibtex = _download(built_site, "sources.bib")
    entries = re.findall(r"^@(\w+)\{([^,]+),$", bibtex, flags=re.M)
    assert sorted(items) == sorted(key for _type, key in entries) == sorted(s.id for s in dataset.sources)
    for source in dataset.sources:
        assert items[source.id]["title"] == source.title
        # A month-precise date stays a month: no invented day in either format.
        assert items[source.id]["issued"]["date-parts"] == [[p for p in (source.date.year, source.date.month,
                                                                         source.date.day) if p]]
        assert f"  date = {{{source.date.iso()}}}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")


def test_data_page_lists_every_download_with_its_record_count(read_page, built_site, dataset):
    table = read_page("data/").find("table", class_="download-list")
    for kind_name in KINDS:
        row = table.find("tr", attrs={"data-kind": kind_name})
        assert row.td.get_text() == str(len(getattr(dataset, kind_name)))
        for link in row.find_all("a"):
            assert link["href"].startswith("../downloads/")
            assert (built_site / "data" / link["href"]).resolve().is_file()
    hrefs = [a["href"] for a in table.find_all("a")]
    assert "../downloads/sources.bib" in hrefs and "../downloads/sources.csl.json" in hrefs


@pytest.mark.parametrize(("url", "expected"), [
    ("organizations/csto/", {"../../downloads/memberships.csv", "../../downloads/events.csv"}),
    ("actors/russia/", {"../../downloads/memberships.csv", "../../downloads/events.csv"}),
    ("timeline/", {"../downloads/events.csv"}),
])
def test_membership_tables_and_event_lists_link_their_download(read_page, url, expected):
    links = {a["href"] for p in read_page(url).find_all("p", class_="download-link") for a in p.find_all("a")}
    assert expected <= links
    assert {href.replace(".csv", ".json") for href in expected} <= links


def test_each_page_says_how_to_cite_it_with_the_date_of_the_data(read_page):
    soup = read_page("actors/russia/")
    citation = soup.find(id="cite-this-page").find_next_sibling().find("p", class_="citation").get_text()
    assert citation.startswith("“Russia.” Afghanistan & Central Asia Security Reference. ")
    # site_url is empty in the test build, so the page's path stands in for its address.
    assert "actors/russia/ (the page’s path on this site)" in citation
    assert re.search(r"Data as of \d{1,2} [A-Z][a-z]+ \d{4}, revision [0-9a-f]{4,}\.$", citation)
    home = read_page("").find(id="cite-this-page").find_next_sibling().get_text()
    assert "./ (the page’s path on this site)" in home
