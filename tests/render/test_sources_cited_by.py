"""The sources page names every record citing a source, ties and disagreements included (their citations
sit in the tie and in each account), with a link to where each is shown (built in Python, no site build)."""
from __future__ import annotations

from bs4 import BeautifulSoup

from macros.model.dataset import Dataset
from macros.model.dates import parse_reduced_date
from macros.model.records import Account, Actor, Citation, Disagreement, Relation, Source
from macros.query.index import build_index
from macros.render.components import Draw
from macros.render.overviews import render_source_list
from macros.render.urls import PageLinks

QUESTION = "Did <b>Russia</b> lift the ban & \"when\"?"
DATASET = Dataset(
    sources=[Source(id=name, title=name.title(), publisher="P", date=parse_reduced_date("2025"), kind="news")
             for name in ("court", "ministry", "unused")],
    actors=[Actor(id="russia", type="state", name="Russia", summary="A state.", sources=(Citation("court"),)),
            Actor(id="taliban", type="armed-group", name="Taliban", summary="A group.", sources=(Citation("court"),))],
    relations=[Relation(id="russia-designates-taliban", subject="russia", type="designates-as-terrorist",
                        object="taliban", sources=(Citation("court", "p. 2"),))],
    disagreements=[Disagreement(id="ban-lifted", question=QUESTION, summary="They differ.",
                                accounts=(Account(says="Lifted.", sources=(Citation("court"),)),
                                          Account(says="Suspended.", sources=(Citation("ministry"),))))],
)
URLS = {"russia": "actors/russia/", "taliban": "actors/taliban/"}


def cited_by(page_urls: dict[str, str]) -> dict[str, list[tuple[str, str, str | None]]]:
    """Source id -> (kind, name, link) of each citing record, as the sources page lists them."""
    links = PageLinks("sources/", URLS, {"sources": "sources/", **page_urls})
    soup = BeautifulSoup(render_source_list(Draw(build_index(DATASET), links)), "html.parser")
    found = {}
    for item in soup.select("li.source"):
        rows = []
        for entry in item.select("details.cited-by li"):
            kind, _, _ = entry.get_text().partition(": ")
            link = entry.find("a")
            rows.append((kind, entry.get_text().partition(": ")[2], link["href"] if link else None))
        found[item["id"].removeprefix("source-")] = rows
    return found


def test_the_index_counts_ties_and_each_account_of_a_disagreement_as_citing():
    index = build_index(DATASET)
    assert index.citing_records["court"] == [("relation", "russia-designates-taliban"),
                                             ("actor", "russia"), ("actor", "taliban"),
                                             ("disagreement", "ban-lifted")]
    assert index.citing_records["ministry"] == [("disagreement", "ban-lifted")]  # the second account only
    assert "unused" not in index.citing_records


def test_the_sources_page_names_ties_and_disagreements_and_links_where_they_are_shown():
    found = cited_by({"relations": "relations/", "disagreements": "disagreements/"})
    assert [row for row in found["court"] if row[0] != "actor"] == [
        ("relation", "Russia designates as terrorist Taliban", "../relations/#relation-russia-designates-taliban"),
        ("disagreement", QUESTION, "../disagreements/#disagreement-ban-lifted"),
    ]
    assert found["ministry"] == [("disagreement", QUESTION, "../disagreements/#disagreement-ban-lifted")]
    assert found["unused"] == []


def test_without_those_pages_a_tie_links_to_its_subject_and_a_disagreement_is_named_unlinked():
    found = cited_by({})
    assert [row for row in found["court"] if row[0] != "actor"] == [
        ("relation", "Russia designates as terrorist Taliban", "../actors/russia/"), ("disagreement", QUESTION, None)]


def test_a_disagreements_question_is_escaped_on_the_sources_page():
    links = PageLinks("sources/", URLS, {"sources": "sources/"})
    html = render_source_list(Draw(build_index(DATASET), links))
    assert "<b>Russia</b>" not in html and "&lt;b&gt;Russia&lt;/b&gt;" in html
