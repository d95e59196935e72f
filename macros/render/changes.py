"""What changed in the data, for readers: the change log page, a record's "data last changed" line, the Atom feed."""
from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ElementTree
from urllib.parse import urljoin

from markupsafe import Markup, escape

from ..model.records import KINDS
from ..query.changes import ChangeLog, DataChange, RecordChange
from .components import Draw
from .html import render_template

FEED_FILE = "changes.xml"  # at the site root, announced in every page's head
CHANGES_FILE = "changes.json"  # at the site root, beside the feed
SHOWN_CHANGES = 100  # on the page; the JSON download holds every change
FEED_ENTRIES = 50
_ACTION_LABELS = (("added", "Added"), ("changed", "Changed"), ("removed", "Removed"))
_ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 forbids; a commit message could hold one, and the feed must stay well-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RELATIVE_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|#|/)([^"]*)"')


# ---------------------------------------------------------------- pieces shared by the page and the feed

def summarize_change(change: DataChange) -> str:
    """'2 added, 1 changed' (or 'no record changed'): the change in a few words."""
    counts = [(sum(1 for record in change.records if record.action == action), action)
              for action, _ in _ACTION_LABELS]
    words = [f"{count} {action}" for count, action in counts if count]
    return ", ".join(words) if words else "no record changed"


def label_of_kind(kind: str) -> str:
    """'actors' -> 'Actor'."""
    return KINDS[kind].singular.capitalize() if kind in KINDS else kind


def render_record_name(record: RecordChange, draw: Draw) -> Markup:
    """The record's name, linked to where it lives on the site now (plain text when it has no place)."""
    index = draw.index
    if record.kind == "memberships":
        # Named by its key: 'member in organization as role from start', member and organization linked.
        named = f"{record.member} in {record.organization}"
        rest = record.key[len(named):].strip() if record.key.startswith(named) else ""
        return Markup("{} in {} {}").format(_link_if_known(record.member or "?", draw),
                                             _link_if_known(record.organization or "?", draw), rest)
    record_id = record.record_id or ""
    url = None
    if record.kind in ("actors", "organizations"):
        url = draw.links.to_record(record_id)
    elif record.kind == "events" and record_id in index.events:
        url = draw.event_url(record_id)
    elif record.kind == "statements" and record_id in index.statements:
        url = draw.statement_url(record_id)
    elif record.kind == "sources" and record_id in index.sources:
        role = draw.year_pages.sources.role_of(record_id) if draw.year_pages else "sources"
        url = draw.links.to_page(role, f"source-{record_id}")
    # A tie's row on the relations page, a disagreement's block on its page (when the site has those pages).
    elif record.kind == "relations" and record_id in index.relations and "relations" in draw.links.page_urls:
        url = draw.links.to_page("relations", f"relation-{record_id}")
    elif (record.kind == "disagreements" and record_id in index.disagreements
          and "disagreements" in draw.links.page_urls):
        url = draw.links.to_page("disagreements", f"disagreement-{record_id}")
    name = escape(record.name)
    return Markup(f'<a href="{escape(url)}">{name}</a>') if url else name


def _link_if_known(record_id: str, draw: Draw) -> Markup:
    if record_id in draw.index.actors or record_id in draw.index.organizations:
        return draw.link(record_id)
    return escape(record_id)


# ---------------------------------------------------------------- the page

def render_change_log(log: ChangeLog, draw: Draw, *, feed_url: str, json_url: str,
                      limit: int = SHOWN_CHANGES, heading_level: int = 2) -> str:
    """The change log: per commit touching the data, newest first, the records added, changed and removed."""
    changes = log.changes[:limit]
    return render_template("changes.html", log=log, changes=changes, total=len(log.changes), shown=len(changes),
                           oldest=log.changes[-1].date if log.changes else "",
                           newest=log.changes[0].date if log.changes else "",
                           feed_url=feed_url, json_url=json_url, heading_level=heading_level,
                           actions=_ACTION_LABELS, summarize=summarize_change, kind_label=label_of_kind,
                           name_of=lambda record: render_record_name(record, draw))


def render_last_changed(log: ChangeLog, kind: str, key: str, changes_url: str | None) -> str:
    """'Data last changed: YYYY-MM-DD' for a record page, linked to the change; says why when unknown."""
    if log.missing is not None:
        return str(Markup('<p class="data-last-changed">Data last changed: not known; the history of the data '
                          'is not available in this build ({}).</p>\n').format(log.missing.reason))
    found = log.last_change_of(kind, key)
    if found is None:
        return ('<p class="data-last-changed">Data last changed: not yet committed '
                '(the record is not in the history of the data).</p>\n')
    date, revision = found
    shown = {change.revision for change in log.changes[:SHOWN_CHANGES]}
    when = Markup('<time datetime="{0}">{0}</time>').format(date)
    if not revision:  # older than the commits compared record by record
        return str(Markup('<p class="data-last-changed">Data last changed: on or before {}</p>\n').format(when))
    if changes_url is not None and revision in shown:
        when = Markup('<a href="{}#change-{}">{}</a>').format(changes_url, revision[:12], when)
    return str(Markup('<p class="data-last-changed">Data last changed: {}</p>\n').format(when))


# ---------------------------------------------------------------- the Atom feed

def render_atom_feed(log: ChangeLog, draw: Draw, *, site_name: str, site_url: str, changes_url: str,
                     limit: int = FEED_ENTRIES) -> str:
    """The newest changes as an Atom 1.0 feed (RFC 4287); draw links from the site root, changes_url likewise."""
    def absolute(url: str) -> str:
        return urljoin(site_url, url) if site_url else url

    feed = ElementTree.Element("feed", xmlns=_ATOM)
    if not site_url:
        feed.append(ElementTree.Comment(" site_url is empty in this build: links are relative to this file, "
                                        "which sits at the site root. "))
    _add(feed, "id", absolute(FEED_FILE) if site_url else _urn_of(f"feed:{site_name}"))
    _add(feed, "title", f"{site_name}: what changed in the data")
    subtitle = ("Records added, changed and removed, per commit to the data."
                if log.missing is None else f"The history of the data is not available in this build "
                                            f"({log.missing.reason}): {log.missing.explanation}")
    _add(feed, "subtitle", subtitle)
    # Without history there is no true date; a fixed one keeps builds identical (no entry depends on it).
    _add(feed, "updated", log.changes[0].time if log.changes else "1970-01-01T00:00:00Z")
    ElementTree.SubElement(feed, "link", rel="self", type="application/atom+xml",
                           href=absolute(FEED_FILE))
    ElementTree.SubElement(feed, "link", rel="alternate", type="text/html", href=absolute(changes_url))
    author = ElementTree.SubElement(feed, "author")
    _add(author, "name", site_name or "The editors")
    for change in log.changes[:limit]:
        entry = ElementTree.SubElement(feed, "entry")
        anchor = f"{changes_url}#change-{change.revision[:12]}"
        _add(entry, "id", absolute(anchor) if site_url else _urn_of(f"change:{change.revision}"))
        _add(entry, "title", f"{change.date}: {summarize_change(change)}")
        _add(entry, "updated", change.time)
        ElementTree.SubElement(entry, "link", rel="alternate", type="text/html", href=absolute(anchor))
        body = render_template("change-entry.html", change=change, heading_level=2, actions=_ACTION_LABELS,
                               summarize=summarize_change, kind_label=label_of_kind,
                               name_of=lambda record: render_record_name(record, draw))
        _add(entry, "content", _RELATIVE_HREF.sub(lambda match: f'href="{absolute(match.group(1))}"', body),
             type="html")
    ElementTree.indent(feed)
    # Unqualified names under an xmlns attribute: every element is in the Atom namespace when read.
    text = ElementTree.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n"


def _add(parent: ElementTree.Element, name: str, text: str, **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, name, attributes)
    element.text = _NOT_XML.sub("", text)
    return element


def _urn_of(name: str) -> str:
    """A stable IRI for a feed or entry when the site has no address: a name-based UUID URN."""
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn
