"""Citing: the sources as CSL-JSON and BibTeX, and the 'cite this page' text every page ends with.

The date of the data is the date of the newest git commit that touched data/: it changes exactly when
the data changes, with no field for an editor to forget to bump, and the commit hash pins the version.
"""
from __future__ import annotations

import json

from ..model.dates import ReducedDate
from ..model.records import Source

# Source kinds as CSL item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types).
CSL_TYPES = {"analysis": "article-magazine", "news": "article-newspaper", "state-media": "article-newspaper",
             "official": "document", "reference": "entry-encyclopedia"}
BIBTEX_TYPES = {"analysis": "article", "news": "article", "state-media": "article", "official": "misc",
                "reference": "misc"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Characters LaTeX reads as commands; escaped so titles and names print as written.
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


# ---------------------------------------------------------------- sources

def _date_parts(date: ReducedDate) -> list[int]:
    """CSL date parts at the date's own precision: [2023, 4], never an invented day."""
    return [part for part in (date.year, date.month, date.day) if part]


def source_as_csl(source: Source) -> dict:
    """One source as a CSL-JSON item, for Zotero, Pandoc and other reference managers."""
    item: dict = {"id": source.id, "type": CSL_TYPES[source.kind], "title": source.title,
                  "issued": {"date-parts": [_date_parts(source.date)]}}
    if BIBTEX_TYPES[source.kind] == "article":
        item["container-title"] = source.publisher  # an article appears in the publisher's periodical
    else:
        item["publisher"] = source.publisher
    if source.series:
        item["section"] = source.series
    # A literal name: splitting names into given and family parts would guess. With no person named, the
    # publisher is the author (APA's rule for works by a group); without one APA prints the title twice.
    item["author"] = [{"literal": source.author or source.publisher}]
    if source.url:
        item["URL"] = source.url
    if source.summary:
        item["abstract"] = source.summary
    return item


def render_csl_json(sources: list[Source]) -> str:
    """All sources as a CSL-JSON array."""
    return json.dumps([source_as_csl(source) for source in sources], ensure_ascii=False, indent=2) + "\n"


def escape_bibtex(text: str) -> str:
    """Text safe inside a BibTeX field: LaTeX's special characters escaped."""
    return "".join(_BIBTEX_ESCAPES.get(character, character) for character in " ".join(str(text).split()))


def escape_bibtex_url(url: str) -> str:
    """A URL safe inside a BibTeX field: braces and backslashes percent-encoded (the same address).

    BibTeX reads url fields verbatim, so LaTeX escapes would change the address; a '}' left as it is
    would close the field and let the rest of the URL add fields of its own.
    """
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex_type(source: Source) -> str:
    """The entry type: @online for a web page, @article for a signed article, @misc for the rest."""
    if source.url:
        return "online"
    # BibTeX's article styles require an author: an unsigned article without an address is a @misc.
    return "article" if BIBTEX_TYPES[source.kind] == "article" and source.author else "misc"


def source_as_bibtex(source: Source) -> str:
    """One source as a BibTeX entry keyed by its id."""
    entry_type = bibtex_type(source)
    fields = [("title", "{" + escape_bibtex(source.title) + "}")]  # double braces keep the title's capitals
    if source.author:
        fields.append(("author", "{" + escape_bibtex(source.author) + "}"))
    publisher = escape_bibtex(source.publisher)
    if entry_type == "article":
        fields.append(("journal", publisher))
    else:
        # biblatex's @online names the site's owner in 'organization'; BibTeX styles (plain, natbib) print
        # 'howpublished' for @misc and @online: both, so either kind of tool shows who published it.
        fields += [("organization", publisher), ("howpublished", publisher)]
    if source.series:
        fields.append(("series", escape_bibtex(source.series)))
    fields.append(("year", str(source.date.year)))
    if source.date.month:
        fields.append(("month", _MONTHS[source.date.month - 1]))
    fields.append(("date", source.date.iso()))
    if source.url:
        fields.append(("url", escape_bibtex_url(source.url)))
    if source.summary:
        fields.append(("abstract", escape_bibtex(source.summary)))
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
                      for name, value in fields)
    return f"@{entry_type}{{{source.id},\n{body}\n}}\n"


def render_bibtex(sources: list[Source]) -> str:
    """All sources as a BibTeX file."""
    return "\n".join(source_as_bibtex(source) for source in sources)


# ---------------------------------------------------------------- this page


