"""The site's search splitter reads a page as Material's search parser does: same sections, titles, texts.

Material's parser (html.parser underneath) is the reference: each case below is given to both, and the
splitter must agree with it or step aside (return None, so the plugin uses Material's parser).
"""
from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from macros.engine.search_sections import split_sections


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
