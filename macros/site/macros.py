"""The macro set: what pages call, assembled from groups that share the page being rendered.

The engine announces each page with start_page, calls the macros the page uses, and closes the
page with finish_page. Macros only look up and format: everything was loaded and checked before.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable

from ..query import index as query
from ..render.citation import PageCiter
from ..render.html import select_abbreviation_definitions
from ..render.record_history import render_fold
from ..render.rows import render_reference_list
from .change_macros import ChangeMacros
from .listing_macros import ListingMacros, render_generated_pages
from .page import CurrentPage, Listings
from .page_macros import PageMacros
from .picture_macros import PictureMacros
from .record_macros import OverviewMacros, RecordMacros
from .relation_macros import RelationMacros
from .state import Site

# Up to this many, a page's reference list is shown open; beyond, it is folded to keep the page short.
FOLD_REFERENCES_ABOVE = 8

MACRO_GROUPS = (RecordMacros, OverviewMacros, ListingMacros, PictureMacros, RelationMacros, ChangeMacros, PageMacros)
MACRO_NAMES = tuple(name for group in MACRO_GROUPS for name in group.NAMES)
# Macros that show one record and take it from the page's front matter when not given.
RECORD_MACROS = frozenset(RecordMacros.NAMES) | {"locator_map", "relation_list", "membership_history", "history",
                                                  "stance_table"}
# Lists on record pages that repeat the timeline and the statements page: search finds each event
# and statement once, where it lives, instead of once per participant. Charts and maps repeat the
# lists beside them as pictures (the timeline chart alone is 2.4 KB per event); claims and rebuttals
# repeat statements found on the statements page.
UNINDEXED_MACROS = frozenset({"event_list", "statement_list", "timeline_chart", "membership_maps", "locator_map",
                              "claims_and_rebuttals", "membership_matrix_as_of", "change_log"})
# Macros whose output is Markdown, not an HTML block: headings that must reach the table of contents, and
# citations inside a sentence. They hand their own HTML parts to hold_html, so the engine leaves them as written.
MARKDOWN_MACROS = frozenset({"history", "cite", "current_to", "disagreement_list", "timeline"})


def macro_signatures() -> dict[str, inspect.Signature]:
    """Each macro's signature as a page calls it (without 'self'), for checking pages before a build."""
    signatures = {}
    for group in MACRO_GROUPS:
        for name in group.NAMES:
            signature = inspect.signature(getattr(group, name))
            signatures[name] = signature.replace(parameters=list(signature.parameters.values())[1:])
    return signatures


class MacroSet:
    """Every macro of one build, bound to the page being rendered."""

    def __init__(self, site: Site):
        self.site = site
        self.page = CurrentPage(site)
        self.listings = Listings(site)
        # The data's history (change log, last-changed dates, JSON-LD); read from git on first use.
        self.changes = ChangeMacros(self.page)
        pictures = PictureMacros(self.page, self.listings)
        relations = RelationMacros(self.page, hold=lambda html, searchable: self.hold_html(html, searchable))
        self.groups = (RecordMacros(self.page, self.changes.last_changed),
                       OverviewMacros(self.page, lambda: len(self.changes.log.changes)),
                       ListingMacros(self.page, self.listings, hold=lambda html, searchable: self.hold_html(
                           html, searchable)), pictures, relations, self.changes,
                       PageMacros(self.page, relations, pictures,
                                  hold=lambda html, searchable: self.hold_html(html, searchable)))
        # How generated HTML enters the page; an engine may hold it aside and insert it after Markdown.
        self.hold_html: Callable[[str, bool], str] = lambda html, searchable: html
        self.citer = PageCiter.for_pages(site.pages, site_name=site.settings.site_name, site_url=site.settings.site_url,
                                         project_dir=site.settings.project_dir, data_dir=site.settings.data_dir)

    def macros(self) -> dict[str, Callable[..., str]]:
        """Macro name -> the bound function a page calls."""
        return {name: getattr(group, name) for group in self.groups for name in type(group).NAMES}

    def call(self, name: str, *args: object, **kwargs: object) -> str:
        """Call one macro by name, as a page would."""
        return self.macros()[name](*args, **kwargs)

    def generated_pages(self) -> dict[str, str]:
        """Pages the site adds to docs/ (a page per year of a large listing): file -> Markdown."""
        return render_generated_pages(self.listings)

    @property
    def page_src(self) -> str:
        """The file of the page being rendered, relative to docs/."""
        return self.page.src

    def start_page(self, src: str, record: str | None) -> None:
        """Reset per-page state (citation numbers, links) for the page about to render."""
        self.page.start(src, record)

    def finish_page(self, page_markdown: str = "") -> str:
        """Markdown to append to the page: the references it cited, and definitions of the abbreviations it uses."""
        parts = []
        draw = self.page.draw
        references = render_reference_list(draw.links, self.site.index.sources, self.site.year_pages.sources.role_of,
                                           self.site.source_descriptions)
        if references:
            # The list repeats the sources page: the engine may keep it out of the search index.
            count = len(draw.links.citations.numbers)
            if count > FOLD_REFERENCES_ABOVE:  # a browser opens the fold when a reader follows a [n] marker into it
                references = render_fold(f"Show the {count} sources", references, css_class="fold references-fold")
            parts.append(f"## Sources cited on this page ({count})\n\n" + self.hold_html(references, False))
        parts.append(self.citer.render(self.page.src, draw.links))
        if self.page.record:  # structured data about the record: not for readers, so not for search
            parts.append(self.hold_html(self.changes.json_ld(self.page.record), False))
        abbreviations = select_abbreviation_definitions(self.site.abbreviation_lines, page_markdown)
        if abbreviations:
            parts.append(abbreviations)
        return "\n\n" + "\n\n".join(parts) + "\n" if parts else ""

    def page_tags(self) -> list[str]:
        """Tags for the current page, from its record's type or kind."""
        return self.tags_for(self.page.record)

    def tags_for(self, record_id: str | None) -> list[str]:
        """Tags for a record's page: the actor's type, or 'Organization'."""
        record = query.find_record(self.site.index, record_id) if record_id else None
        if record is None:
            return []
        record_type = getattr(record, "type", None)
        return [record_type.replace("-", " ").capitalize() if record_type else "Organization"]
