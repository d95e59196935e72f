"""What changed in the data, for readers: the change log page, a record's "data last changed" line, the Atom feed."""
from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from markupsafe import Markup, escape

from ..load.editions import Edition, edition_of
from ..model.dates import format_reduced_date, parse_reduced_date
from ..model.records import KINDS
from ..query.changes import ChangeLog, DataChange, RecordChange
from .components import Draw
from .html import render_template

FEED_FILE = "changes.xml"  # at the site root, announced in every page's head
CHANGES_FILE = "changes.json"  # at the site root, beside the feed
SHOWN_CHANGES = 100  # on the page; the JSON download holds every change
FEED_ENTRIES = 50
_ACTION_LABELS = (("added", "Added"), ("changed", "Corrected or completed"), ("removed", "Removed"))
_ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 forbids; a commit message could hold one, and the feed must stay well-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RELATIVE_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|#|/)([^"]*)"')


# ---------------------------------------------------------------- pieces shared by the page and the feed

# What readers call each kind's fields when a change corrects them.
_FIELD_WORDS = {
    "sources": "sources", "summary": "summary", "positions": "offices held", "participants": "who took part",
    "other_names": "other names", "date": "date", "start": "start date", "end": "end date",
    "as_of": "date reported", "note": "note", "quote": "quoted words", "paraphrase": "wording",
}


@dataclass(frozen=True)
class ChangeDay:
    """Every record added, corrected or removed on one day, each once (its last change that day)."""

    date: str  # 'YYYY-MM-DD'
    records: tuple[RecordChange, ...]
    revisions: tuple[str, ...]  # the commits of the day, newest first (kept for changes.json, not shown)
    time: str = ""  # when the day's newest change was made, ISO 8601 (the feed's 'updated')

    @property
    def summary(self) -> str:
        """'4 added, 1 corrected': the day in a few words."""
        counts = [(sum(1 for record in self.records if record.action == action), word)
                  for action, word in (("added", "added"), ("changed", "corrected"), ("removed", "removed"))]
        return ", ".join(f"{count} {word}" for count, word in counts if count)


def group_changes_by_day(changes: list[DataChange]) -> list[ChangeDay]:
    """Commits that changed records, grouped by day, newest first; commits that changed no record are left out."""
    days: dict[str, tuple[dict[tuple[str, str], RecordChange], list[str], str]] = {}
    for change in changes:  # newest first: the first change of a record on a day is its last
        if not change.records:
            continue
        records, revisions, _time = days.setdefault(change.date, ({}, [], change.time))
        revisions.append(change.revision)
        for record in change.records:
            records.setdefault((record.kind, record.key), record)
    return [ChangeDay(date, tuple(records.values()), tuple(revisions), time)
            for date, (records, revisions, time) in days.items()]


def describe_fields(record: RecordChange) -> str:
    """'corrected: summary, sources': the fields a change touched, in readers' words."""
    return "corrected: " + ", ".join(_FIELD_WORDS.get(name, name.replace("_", " ")) for name in record.fields)


def format_iso_day(day: str) -> str:
    """'2026-12-07' -> '7 December 2026'."""
    return format_reduced_date(parse_reduced_date(day))


def label_of_kind(kind: str) -> str:
    """'actors' -> 'Actor': the kind as a reader names it."""
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

def group_changes_by_edition(changes: list[DataChange],
                             editions: Sequence[Edition]) -> list[tuple[Edition | None, list[ChangeDay]]]:
    """Changes under the edition that first includes them, by day: changes in no edition yet first, then each
    edition, newest first (two editions tagged on one day keep their own days)."""
    buckets: dict[str | None, list[DataChange]] = {}
    for change in changes:
        edition = edition_of(change.revision, list(editions))
        buckets.setdefault(edition.name if edition else None, []).append(change)
    by_name = {edition.name: edition for edition in editions}
    order = [None] + [edition.name for edition in reversed(editions)]
    return [(by_name.get(name) if name else None, group_changes_by_day(buckets[name]))
            for name in order if name in buckets]


def render_change_log(log: ChangeLog, draw: Draw, *, feed_url: str, json_url: str, editions: Sequence[Edition] = (),
                      limit: int = SHOWN_CHANGES, heading_level: int = 2) -> str:
    """What changed, in readers' words: per edition and day, newest first, the records added, corrected, removed."""
    groups, shown = [], 0
    for edition, edition_days in group_changes_by_edition(log.changes, editions):
        kept = [day for day in edition_days if day.records][:max(limit - shown, 0)]
        shown += len(kept)
        if kept:
            groups.append((edition, kept))
    all_days = group_changes_by_day(log.changes)
    days = [day for _, edition_days in groups for day in edition_days]
    named = len(groups) > 1 or bool(groups and groups[0][0])
    return render_template("changes.html", log=log, days=days, groups=groups, total_days=len(all_days),
                           oldest=all_days[-1].date if all_days else "", newest=all_days[0].date if all_days else "",
                           oldest_text=format_iso_day(all_days[-1].date) if all_days else "",
                           newest_text=format_iso_day(all_days[0].date) if all_days else "",
                           feed_url=feed_url, json_url=json_url, heading_level=heading_level,
                           # Days sit under edition headings when there are editions to name.
                           day_level=heading_level + 1 if named else heading_level,
                           archive_url=lambda name: draw.download_url(f"{name}.zip"),
                           actions=_ACTION_LABELS, kind_label=label_of_kind, describe_fields=describe_fields,
                           date_text=format_iso_day, name_of=lambda record: render_record_name(record, draw))


def list_shown_days(log: ChangeLog) -> frozenset[str]:
    """The days the What changed page lists (the newest SHOWN_CHANGES): a record page links its day if listed."""
    return frozenset(day.date for day in group_changes_by_day(log.changes)[:SHOWN_CHANGES])


def render_last_changed(log: ChangeLog, kind: str, key: str, changes_url: str | None,
                        shown_days: frozenset[str] | None = None) -> str:
    """'Last updated: 7 December 2026' for a record page, linked to that day's changes; says why when unknown.

    shown_days: list_shown_days(log), worked out once per build by the caller (every record page asks).
    """
    if log.missing is not None:
        return str(Markup('<p class="data-last-changed">Last updated: not known; the history of the reference '
                          'is not available in this build ({}).</p>\n').format(log.missing.reason))
    found = log.last_change_of(kind, key)
    if found is None:
        return '<p class="data-last-changed">Last updated: not yet published (a new addition).</p>\n'

    date, revision = found
    shown = list_shown_days(log) if shown_days is None else shown_days
    when = Markup('<time datetime="{}">{}</time>').format(date, format_iso_day(date))
    if not revision:  # older than the commits compared record by record
        return str(Markup('<p class="data-last-changed">Last updated on or before {}</p>\n').format(when))
    if changes_url is not None and date in shown:
        when = Markup('<a href="{}#changes-{}">{}</a>').format(changes_url, date, when)
    return str(Markup('<p class="data-last-changed">Last updated: {}</p>\n').format(when))


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
    _add(feed, "title", f"{site_name}: what changed")
    subtitle = ("Additions and corrections, day by day." if log.missing is None
                else f"The history of the reference is not available in this build "
                     f"({log.missing.reason}): {log.missing.explanation}")
    _add(feed, "subtitle", subtitle)
    days = group_changes_by_day(log.changes)
    # Without history there is no true date; a fixed one keeps builds identical (no entry depends on it).
    _add(feed, "updated", days[0].time if days else "1970-01-01T00:00:00Z")
    ElementTree.SubElement(feed, "link", rel="self", type="application/atom+xml",
                           href=absolute(FEED_FILE))
    ElementTree.SubElement(feed, "link", rel="alternate", type="text/html", href=absolute(changes_url))
    author = ElementTree.SubElement(feed, "author")
    _add(author, "name", site_name or "The editors")
    for day in days[:limit]:
        entry = ElementTree.SubElement(feed, "entry")
        anchor = f"{changes_url}#changes-{day.date}"
        _add(entry, "id", absolute(anchor) if site_url else _urn_of(f"changes:{day.date}"))
        _add(entry, "title", f"{format_iso_day(day.date)}: {day.summary}")
        _add(entry, "updated", day.time)
        ElementTree.SubElement(entry, "link", rel="alternate", type="text/html", href=absolute(anchor))
        body = render_template("change-entry.html", day=day, heading_level=2, actions=_ACTION_LABELS,
                               kind_label=label_of_kind, describe_fields=describe_fields, date_text=format_iso_day,
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
