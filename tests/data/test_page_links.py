"""Unit tests: broken relative links in page prose are reported before the build writes anything."""
from __future__ import annotations

from macros.check.page_links import check_page_links
from macros.load.pages import PageFile


def page(src: str, body: str, body_line: int = 4) -> PageFile:
    return PageFile(f"docs/{src}", src, None, None, body, body_line, {})


def test_missing_page_is_reported_with_its_file_line():
    pages = [page("actors/russia.md", "See the [CSTO](../organizations/ctso.md#members).\n"),
             page("organizations/csto.md", "")]
    assert [p.format() for p in check_page_links(pages)] == [
        "docs/actors/russia.md:4: -: link: the link '../organizations/ctso.md#members' points at a page that "
        "does not exist (expected a relative path to a page under docs/, e.g. ../organizations/csto.md)"]


def test_existing_pages_code_and_external_links_pass():
    body = ("[ok](../organizations/csto.md) [web](https://example.org/x.md) `[code](gone.md)`\n"
            "```\n[fenced](gone.md)\n```\n[ref]: ../index.md\n")
    pages = [page("actors/russia.md", body), page("organizations/csto.md", ""), page("index.md", "")]
    assert check_page_links(pages) == []
