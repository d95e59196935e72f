"""Unit tests: render helpers produce exact, escaped HTML."""
from __future__ import annotations

from macros.model.dates import ReducedDate
from macros.model.records import Citation
from macros.render.html import (
    render_abbreviation_definitions,
    render_citations,
    render_date,
    render_paragraphs,
    render_record_link,
)
from macros.render.urls import CitationCollector, PageLinks, relative_url, url_of_source_file


def links_on(page_url: str = "actors/russia/") -> PageLinks:
    return PageLinks(page_url, {"csto": "organizations/csto/"}, {"sources": "sources/"}, CitationCollector())


def test_date_is_machine_and_human_readable():
    assert render_date(ReducedDate(2023, 2), "early") == '<time datetime="2023-02">early February 2023</time>'
    assert render_date(None) == '<span class="undated">undated</span>'


def test_citations_number_sources_per_page_and_merge_locators():
    links = links_on()
    first = render_citations([Citation("a", "paragraph 3"), Citation("a", "paragraph 5")], links)
    second = render_citations([Citation("b")], links)
    assert first == ('<sup class="citations"><a class="cite" href="#ref-1" title="Source 1, paragraph 3; '
                     'paragraph 5" aria-label="Source 1, paragraph 3; paragraph 5">[1]</a></sup>')
    assert second == ('<sup class="citations"><a class="cite" href="#ref-2" title="Source 2" '
                      'aria-label="Source 2">[2]</a></sup>')
    assert links.citations.locators == {"a": ["paragraph 3", "paragraph 5"], "b": []}


def test_locator_text_is_escaped_inside_attributes():
    html = render_citations([Citation("a", 'p. 1" onmouseover="x')], links_on())
    assert 'title="Source 1, p. 1&#34; onmouseover=&#34;x"' in html
    assert 'onmouseover="x' not in html


def test_record_link_is_relative_and_escaped():
    assert render_record_link("csto", "Collective <b>", links_on(), "CSTO") == (
        '<a href="../../organizations/csto/"><abbr title="Collective &lt;b&gt;">CSTO</abbr></a>')
    assert render_record_link("nowhere", "A & B", links_on()) == "A &amp; B"


def test_paragraphs_split_on_blank_lines_only():
    assert render_paragraphs("one\ntwo\n\n<three>") == "<p>one two</p><p>&lt;three&gt;</p>"


def test_urls_follow_mkdocs_directory_urls():
    assert url_of_source_file("actors/russia.md") == "actors/russia/"
    assert url_of_source_file("organizations/index.md") == "organizations/"
    assert url_of_source_file("index.md") == ""
    assert url_of_source_file("timeline.md", use_directory_urls=False) == "timeline.html"
    assert relative_url("organizations/csto/", from_url="actors/russia/") == "../../organizations/csto/"
    assert relative_url("", from_url="actors/russia/") == "../../"
    assert relative_url("timeline/#event-x", from_url="") == "timeline/#event-x"


def test_abbreviation_definitions_skip_what_markdown_cannot_express():
    assert render_abbreviation_definitions({"CSTO": "Collective\nSecurity", "A]B": "x"}) == \
        "*[CSTO]: Collective Security"


def test_escaped_writes_what_markupsafe_writes():
    """The rows drawn in Python escape as the templates' autoescape did, byte for byte."""
    from markupsafe import escape

    from macros.render.html import escaped
    for text in ['<script>alert("x")</script>', "Tom & Jerry's", "{{ 7*7 }} | * _", "plain", "", "«ü» &amp;"]:
        assert escaped(text) == str(escape(text))


def test_links_from_one_page_are_computed_once_per_target_path_and_keep_anchors():
    links = links_on("actors/russia/")
    assert links.relative("organizations/csto/#members") == "../../organizations/csto/#members"
    assert links.relative("organizations/csto/") == "../../organizations/csto/"
    assert links.relative("actors/russia/#history") == "./#history"
    assert links.to_page("sources", "source-x") == "../../sources/#source-x"
    for target in ("organizations/csto/", "actors/russia/", "sources/", "timeline/2024/", ""):
        assert links.relative(target) == relative_url(target, from_url="actors/russia/")


def test_a_source_is_described_once_per_build_and_numbered_per_page():
    from macros.model.dates import parse_reduced_date
    from macros.model.records import Source
    from macros.render.rows import render_reference_list
    source = Source(id="s", title='A "title" <b>', publisher="P & Q", date=parse_reduced_date("2024-05"),
                    kind="news", url="https://example.org/?a=1&b=2")
    other = Source(id="t", title="Other", publisher="R", date=parse_reduced_date("2023"), kind="news")
    described: dict = {}
    first, second = links_on("actors/russia/"), links_on("organizations/csto/")
    render_citations([Citation("s", "p. 3")], first)
    render_citations([Citation("t"), Citation("s")], second)
    sources = {"s": source, "t": other}
    one = render_reference_list(first, sources, described=described)
    two = render_reference_list(second, sources, described=described)
    assert set(described) == {"s", "t"}
    assert '<li id="ref-1" value="1"><a href="https://example.org/?a=1&amp;b=2" rel="noopener">' in one
    assert "“A &#34;title&#34; &lt;b&gt;”</a>, P &amp; Q, " in one and "; cited here at p. 3." in one
    assert '<li id="ref-2" value="2"><a href="https://example.org/?a=1&amp;b=2"' in two
    assert two.index('value="1">“Other”') < two.index('value="2">')
    assert render_reference_list(first, sources) == one  # the same text without the build's descriptions


def test_links_shared_between_the_pages_of_a_folder_equal_relative_url():
    """A page's links to paths outside its folder come from its parent folder's, one level up: the same text."""
    from macros.render.urls import relative_from_page
    pages = ["", "actors/", "actors/a/", "actors/ab/", "organizations/csto/", "timeline/2019/", "a/b/c/",
             "index.html", "actors/a.html", "claims/1990-1999/"]
    targets = ["", "actors/", "actors/a/", "actors/a/sub/", "actors/ab/", "actors/a", "actors/abc/",
               "organizations/csto/", "timeline/2019/", "downloads/events.csv", "a/b/", "a/b/c/", "a/b/c/d/",
               "index.html", "actors/a.html", "claims/1990-1999/"]
    for page in pages:
        for target in targets:
            assert relative_from_page(target, page) == relative_url(target, from_url=page), (target, page)
