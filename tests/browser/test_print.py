"""Printing a record page: Chromium's PDF without navigation chrome, with its tables and citations."""
from __future__ import annotations

import pytest

PRINTED_PAGES = {"organization-csto": "organizations/csto/", "actor-russia": "actors/russia/"}
# Material's frame: header with search and palette, both sidebars, footer, back-to-top, tag links.
CHROME_SELECTORS = ["header.md-header", ".md-sidebar--primary", ".md-sidebar--secondary", "footer.md-footer",
                    ".md-top", "nav.md-tags", ".md-search", "a.headerlink"]


def rendered(page, selector: str) -> list[bool]:
    """For each element matching the selector: whether it takes up space on the printed page."""
    return page.locator(selector).evaluate_all(
        "elements => elements.map(e => e.checkVisibility() && e.getClientRects().length > 0)")


def contrast_on_white(css_colour: str) -> float:
    """WCAG contrast ratio of an 'rgb(r, g, b)' or 'rgba(r, g, b, a)' colour printed on white paper."""
    parts = [float(part) for part in css_colour[css_colour.index("(") + 1:-1].split(",")]
    alpha = parts[3] if len(parts) == 4 else 1.0
    # Blend with the white page, then apply the WCAG relative-luminance formula.
    channels = [(alpha * value + (1 - alpha) * 255) / 255 for value in parts[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("name", PRINTED_PAGES)
def test_record_page_prints_without_chrome_and_with_tables_and_citations(reader, artifacts_dir, name):
    page = reader.open(PRINTED_PAGES[name])
    page.emulate_media(media="print")
    for selector in CHROME_SELECTORS:
        assert not any(rendered(page, selector)), f"{selector} is printed"
    tables = rendered(page, "article table")
    assert tables and all(tables)
    citations = rendered(page, "article a.cite")
    assert citations and all(citations)
    assert all(rendered(page, "article ol.references li"))
    # A citation prints as its number, not followed by the link address.
    after = page.locator("article a.cite").first.evaluate("a => getComputedStyle(a, '::after').content")
    assert after in ("none", "normal", "")
    # Legible: the citation marks and table text print at a readable size, in a dark colour.
    for selector, smallest_px in (("article table td", 8), ("article a.cite", 6)):
        size, colour = page.locator(selector).first.evaluate(
            "e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).color]")
        assert size >= smallest_px, f"{selector} prints at {size}px"
        assert contrast_on_white(colour) >= 4.5, f"{selector} prints in {colour}"
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF-")
    folder = artifacts_dir / "print"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
