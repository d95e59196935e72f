"""The built site's change log, Atom feed, changes.json, "data last changed" lines and JSON-LD: each parses,
they agree with each other and with the data, and every page announces the feed."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from datetime import datetime

import pytest

from macros.query import index as query

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def changes(built_site) -> dict:
    return json.loads((built_site / "changes.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def feed(built_site) -> ElementTree.Element:
    return ElementTree.parse(built_site / "changes.xml").getroot()


def _rfc3339(text: str) -> datetime:
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert parsed.tzinfo is not None, f"{text}: an Atom date needs its offset"
    return parsed


def test_the_feed_is_atom_with_every_required_element(feed, changes):
    # RFC 4287: a feed has one id, title, updated and an author (or an author in every entry).
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    _rfc3339(feed.find(f"{ATOM}updated").text)
    assert [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"] == ["changes.xml"]
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(50, changes["total"])
    ids = []
    for entry, change in zip(entries, changes["changes"], strict=False):
        for name in ("id", "title", "updated", "content"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.find(f"{ATOM}link").get("rel") == "alternate"
        assert _rfc3339(entry.find(f"{ATOM}updated").text) == _rfc3339(change["time"])
        assert entry.find(f"{ATOM}title").text.startswith(change["date"] + ": ")
        assert entry.find(f"{ATOM}content").get("type") == "html"
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(set(ids)) == len(ids) and all(re.match(r"^[a-z][a-z0-9+.-]*:", i) for i in ids)  # IRIs


def test_without_a_site_url_the_feed_links_relatively_and_says_so(built_site, feed):
    text = (built_site / "changes.xml").read_text(encoding="utf-8")
    assert "site_url is empty in this build: links are relative to this file" in text
    for entry in feed.findall(f"{ATOM}entry"):
        path, _, anchor = entry.find(f"{ATOM}link").get("href").partition("#")
        assert "://" not in path and f'id="{anchor}"' in (built_site / path / "index.html").read_text(encoding="utf-8")


def test_every_page_announces_the_feed_in_its_head(built_site, read_page):
    pages = sorted(built_site.rglob("index.html")) + [built_site / "404.html"]
    assert len(pages) > 30
    for page in pages:
        url = str(page.relative_to(built_site).parent) + "/" if page.name == "index.html" else "404.html"
        soup = read_page("" if url == "./" else url)
        links = soup.head.find_all("link", rel="alternate", type="application/atom+xml")
        assert len(links) == 1, page
        target = (page.parent / links[0]["href"]) if page.name == "index.html" else built_site / "changes.xml"
        assert target.resolve() == (built_site / "changes.xml").resolve(), page


def test_the_page_lists_changes_by_day_in_readers_words_as_changes_json_holds_them(read_page, changes):
    page = read_page("changes/")
    sections = page.find_all("section", class_="data-change")
    if changes["history"] == "missing":  # e.g. a shallow clone: said plainly, nothing guessed
        assert "The history of the reference is not available in this build" in page.get_text() and not sections
        return
    # Days with a record added, corrected or removed, newest first; the day's last change of a record counts.
    expected: dict[str, dict[str, list[str]]] = {}
    seen: dict[str, set[tuple[str, str]]] = {}
    for change in changes["changes"]:
        day = expected.setdefault(change["date"], {"added": [], "changed": [], "removed": []})
        for action in ("added", "changed", "removed"):
            for record in change[action]:
                if (record["kind"], record["key"]) not in seen.setdefault(change["date"], set()):
                    seen[change["date"]].add((record["kind"], record["key"]))
                    day[action].append(record["key"])
    days = [date for date, day in expected.items() if any(day.values())]
    assert [section["id"] for section in sections] == [f"changes-{date}" for date in days[:100]]
    text = page.get_text(" ")
    assert "revision" not in text and "commit" not in text  # no internal words reach readers
    for section in sections:
        date = section["id"].removeprefix("changes-")
        assert section.find("time")["datetime"] == date
        for action in ("added", "changed", "removed"):
            listed = section.find("ul", attrs={"data-action": action})
            keys = sorted(li["data-key"] for li in listed.find_all("li")) if listed else []
            assert keys == sorted(expected[date][action]), (date, action)


def test_each_record_page_says_when_it_was_last_updated_and_links_that_day(real_site, read_page, changes):
    if changes["history"] == "missing":
        pytest.skip("no history in this checkout: the page says so (test above)")
    last: dict[str, str] = {}
    for change in reversed(changes["changes"]):  # oldest first: the newest change wins
        for record in change["added"] + change["changed"]:
            if record["kind"] in ("actors", "organizations"):
                last[record["key"]] = change["date"]
    for record_id in list(real_site.index.actors) + list(real_site.index.organizations):
        folder = "actors" if record_id in real_site.index.actors else "organizations"
        line = read_page(f"{folder}/{record_id}/").find("p", class_="data-last-changed")
        if record_id not in last:
            assert "not yet published" in line.get_text(), record_id
            continue
        date = last[record_id]
        assert line.get_text().startswith("Last updated: "), record_id
        assert line.find("time")["datetime"] == date and line.a["href"].endswith(f"#changes-{date}")


def test_each_record_page_holds_one_json_ld_block_about_its_record(real_site, read_page):
    for record_id in list(real_site.index.actors) + list(real_site.index.organizations):
        folder = "actors" if record_id in real_site.index.actors else "organizations"
        scripts = read_page(f"{folder}/{record_id}/").find_all("script", type="application/ld+json")
        assert len(scripts) == 1, record_id
        document = json.loads(scripts[0].string)
        assert document["about"]["name"] == query.find_record(real_site.index, record_id).name
    assert not read_page("timeline/").find_all("script", type="application/ld+json")  # record pages only


def test_the_data_page_lists_changes_json_with_the_downloads(read_page, built_site, changes):
    row = read_page("data/").find("table", class_="download-list").find("tr", attrs={"data-kind": "changes"})
    assert row.td.get_text() == str(changes["total"])
    assert row.a["href"] == "../changes.json" and (built_site / "changes.json").is_file()


def test_relations_and_disagreements_in_the_change_log_link_to_their_rows(built_site, changes):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built_site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    kinds_changed = {record["kind"] for change in changes["changes"] for part in ("added", "changed")
                     for record in change.get(part, [])}
    for kind, page_name, prefix in (("relations", "relations", "relation-"),
                                    ("disagreements", "disagreements", "disagreement-")):
        if kind not in kinds_changed:
            continue
        links = [anchor["href"] for anchor in page.select("a[href]") if f"#{prefix}" in anchor["href"]
                 and f"{page_name}/" in anchor["href"]]
        assert links, f"no {kind} linked from the change log"
        target = BeautifulSoup((built_site / page_name / "index.html").read_text(encoding="utf-8"), "html.parser")
        missing = [link for link in links if target.find(id=link.split("#", 1)[1]) is None]
        assert missing == [], f"links to rows that do not exist: {missing[:5]}"
