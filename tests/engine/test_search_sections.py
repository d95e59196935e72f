"""The site's search splitter reads a page as Material's search parser does: same sections, titles, texts.

Material's parser (html.parser underneath) is the reference: each case below is given to both, and the
splitter must agree with it or step aside (return None, so the plugin uses Material's parser).
"""
from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from macros.engine.search_rows import RowMemo
from macros.engine.search_sections import Section, split_sections


def _material(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.el.tag, section.id, section.is_excluded(), "".join(section.title).strip(),
             "".join(section.text).strip()) for section in parser.data]


def _ours(html: str) -> list[tuple] | None:
    sections = split_sections(html)
    if sections is None:
        return None
    return [(section.tag, section.id, section.excluded, "".join(section.title).strip(),
             "".join(section.text).strip()) for section in sections]


CASES = {
    "prose": "<p>Some text &amp; more</p>\n<p>Second\nline</p>",
    "headings": '<h1 id="t">Title<a class="headerlink" href="#t">&para;</a></h1><p>a</p>'
                '<h2 id="s">Section <code>x</code></h2><p>b</p><h3 id="u">Sub</h3><ul><li>c</li><li> </li></ul>',
    "first heading not h1": '<p>pre</p><h2 id="a">A</h2><p>x</p>',
    "heading without id": "<h2>No id</h2><p>text</p>",
    "excluded block": '<p>in</p><div data-search-exclude><p>out</p><div>nested</div></div><p>after</p><div>x</div>',
    "excluded heading": '<h2 id="a" data-search-exclude>Hidden</h2><p>hidden text</p><h2 id="b">Shown</h2><p>y</p>',
    "script, style and json": '<p>a</p><script type="application/ld+json">{"x": "</p><p>"}</script>'
                              "<style>p { color: red }</style><p>b</p>",
    "pre keeps whitespace": "<pre><code>line 1\n  line 2\n\n</code></pre><p>x   y</p>",
    "whitespace collapse": "<p>a</p>\n\n   \n<p>b</p>  <span> </span> <p>c</p>",
    "void and self-closing": '<p>a<br>b<br/>c<img src="x" alt="y"/></p><div/><p>d</p>',
    "entities in attributes and text": '<h2 id="a&amp;b">A &lt; B</h2><p>&quot;q&quot; &#8217; &nbsp;</p>',
    "unbalanced end tags": "<p>a</span></p></div><li>b</li></ol>",
    "nested heading in a div": '<div><h2 id="n">In div</h2><p>x</p></div><p>after the div</p>',
    "comments": "<!-- a comment --><p>a<!-- inside --> b</p><!-- material/tags -->",
    "lone less-than": "<p>a < b and 3<4</p>",
    "tables": '<table><thead><tr><th>A</th></tr></thead><tbody><tr><td><a href="x">y</a></td></tr></tbody></table>',
    "empty kept tags": "<ul><li></li><li>  </li></ul><p></p><p>x</p><ul><li>z</li></ul>",
    "single quotes and bare values": "<p class='a' data-x=1 hidden>text</p>",
    "line numbers": '<div class="linenodiv"><pre>1\n2</pre></div><pre>code</pre>',
    "upper case": '<P>Upper</P><H2 ID="x">Head</H2><DIV DATA-SEARCH-EXCLUDE>gone</DIV><p>kept</p>',
    "details and tabs": '<details><summary>More</summary><p>hidden?</p></details>'
                        '<div class="tabbed-set"><input id="t1" type="radio"><label for="t1">2020</label>'
                        '<div class="tabbed-content"><p>tab</p></div></div>',
    "sub and sup": '<p>x<sup class="citations"><a class="cite" href="#ref-1">[1]</a></sup><sub>2</sub></p>',
}


@pytest.mark.parametrize("html", CASES.values(), ids=CASES.keys())
def test_the_splitter_agrees_with_materials_parser(html):
    assert _ours(html) == _material(html)


@pytest.mark.parametrize("html", ["<p>a <!DOCTYPE x> b</p>", "<p>a <?pi?> b</p>", "<p>odd <a b='1'c>x</a></p>",
                                  "<p>end <", "<script>never closed"])
def test_the_splitter_leaves_what_it_cannot_read_exactly_to_material(html):
    assert _ours(html) is None


# ---------------------------------------------------------------- rows read once under `mkdocs serve`

def _items(sections: list[Section] | None) -> list[tuple] | None:
    """Everything the splitter gives, item by item (not joined): what a reused row must reproduce exactly."""
    if sections is None:
        return None
    return [(s.tag, s.depth, s.excluded, s.id, s.title, s.text) for s in sections]


# Rows as the site's lists write them, and rows that must not be taken as they were read alone.
ROWS = [
    '<li class="event" id="e1"><p class="event-head"><time datetime="2024">2024</time> · Kabul</p>\n'
    '<h3 class="event-title">A meeting</h3>\n<p>Summary &amp; more.</p>\n<ul class="participants">\n'
    '<li><a href="../a/">A</a></li>\n<li><a href="../b/">B</a></li>\n</ul>\n</li>',
    '<li class="statement"><p class="head"><span><a href="x">Speaker</a></span> · <time>2020</time></p>\n'
    '<blockquote class="quote"><p>“Quoted.”</p></blockquote><p class="sources">Sources: <sup class="citations">'
    '<a class="cite" href="#ref-1">[1]</a></sup></p>\n</li>',
    '<li class="source"><p><cite>Title</cite>, Publisher.</p>\n<details class="cited-by" data-search-exclude>'
    '<summary>Cited by 2</summary>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</details>\n</li>',
    "<li></li>",  # an empty item is dropped, by a rule that looks back past the row's start
    "<li>  </li>",
    "<li> </li> ",
    "<li>x</span></li>",  # an end tag left unmatched might close an element opened before the row
    "<li>text</div>",
    '<li><h2 id="inside">A heading with an id</h2>starts a section</li>',
    "<li><h2>A heading</h2> with no id</li>",
    '<li>text before <h2 id="inside-too">a heading</h2> after it</li>',
    "<li>a <hx>custom element named as the page's start section</hx></li>",
    "<li><pre>keep\n   this</pre></li>",
    '<li><a class="headerlink" href="#x">¶</a></li>',
    "<li><script>a()</script>b<style>c</style></li>",
    "<li>unclosed <p>paragraph</li>",
    "<li>closed</li><p>and a paragraph left open",  # closed later, in the page: not a piece of its own
    "<li>a <!-- a comment --> b</li>",
    "<li>a < b & c &lt; d</li>",
    '<li><div data-search-exclude><div>out</div>still out</div>in</li>',
]
# Where a list stands: each context is cut by '{}' where the list goes.
CONTEXTS = [
    "<h2 id=\"s\">Section</h2>\n<p>Before.</p>\n{}\n<p>After.</p>",
    "<h2 id=\"s\">Section</h2>\n<details class=\"fold\"><summary>Events</summary>\n{}\n</details>\n<p>x</p>",
    "<p>Start</p><h2 id=\"t\">Title <code>c</code>\n{}\n</h2><p>x</p>",  # a list inside a heading's title
    "<h3 id=\"h\">Month</h3>\n{}",
    "<h2 id=\"s\">S</h2><pre>\n{}\n</pre>",
    "<div data-search-exclude><p>hidden</p>\n{}\n</div><p>shown</p>",
    "<h2 id=\"s\">S</h2><div data-search-exclude=\"x\"><div>\n{}\n</div></div>",
    "<p>a</p><ul><li>\n{}\n</li></ul>",
    "<p>an attribute cut <a title=\"x\n{}\">y</a></p>",
    "<!-- a comment cut\n{} -->",
    "<script>\n{}\n</script><p>after</p>",
    "<p>blank before</p> \n{}",
    "{}",
]


def _outcome(page: str, memo: RowMemo | None) -> list[tuple] | str | None:
    """The splitter's items, or the error it raises where Material's parser raises it too (a list closed
    inside an excluded element that holds another element of its tag)."""
    try:
        return _items(split_sections(page, memo))
    except ValueError as error:
        with pytest.raises(ValueError):
            _material(page)
        return str(error)


def _lists(rows: list[str]) -> list[str]:
    """Lists of rows, one row per line as the site writes them, in a few shapes."""
    return ['<ol class="event-list">\n' + "\n".join(rows) + "\n</ol>", "<ul>\n" + "\n".join(rows) + "</ul>",
            "\n".join(rows)]


def test_rows_read_once_give_exactly_what_reading_the_page_gives():
    # One memo for every page, as under serve: a row kept from one context is offered in every other one.
    memo = RowMemo()
    # Each row alone between two of the site's rows (a row that opens more items than it closes joins the
    # rows after it into one piece), then all of them, in both orders.
    arrangements = [[ROWS[0], row, ROWS[1], ROWS[2]] for row in ROWS] + [ROWS, ROWS[::-1], ROWS[:3] * 3]
    pages = [context.replace("{}", html) for context in CONTEXTS for rows in arrangements for html in _lists(rows)]
    for round_number in range(2):
        for page in pages:
            with_memo = _outcome(page, memo)
            assert with_memo is None or with_memo == _outcome(page, None), (round_number, page)
        memo.finish_build(full=round_number == 0)
    # The rows the site's lists write are read once and then reused; the others are read in place every time.
    assert all(isinstance(memo.find(row + "\n"), tuple) for row in ROWS[:3])
    assert all(memo.find(row + "\n") is None for row in (ROWS[3], ROWS[6], ROWS[8]))


@pytest.mark.parametrize("html", CASES.values(), ids=CASES.keys())
def test_a_page_with_no_list_rows_reads_the_same_with_a_memo(html):
    assert _items(split_sections(html, RowMemo())) == _items(split_sections(html))


def test_the_memo_keeps_the_rows_of_the_last_full_build_and_stays_bounded():
    memo = RowMemo()
    rows = [f"<li>row {number}</li>" for number in range(10)]
    split_sections("<ul>\n" + "\n".join(rows) + "\n</ul>", memo)
    memo.finish_build(full=True)
    full = len(memo)
    for edit in range(3 * full):  # partial builds, each showing one new row: old rows kept, up to a bound
        split_sections(f"<ul>\n<li>edit {edit}</li>\n<li>x</li>\n</ul>", memo)
        memo.finish_build(full=False)
        assert len(memo) <= 2 * full
