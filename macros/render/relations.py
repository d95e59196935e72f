"""Ties between actors as a table: who holds which tie to whom, when, and on which sources.

The table is the text alternative of the network picture beside it (render/network.py), so both read
their labels and styles from here. Records that are one account of a disagreement are marked 'disputed'
with a link to the disagreement's block on the same page.
"""
from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from ..model.records import RELATION_TYPES, Membership, Relation
from .components import Draw, render_disputed_mark
from .html import render_date, render_template

# How a tie reads between its subject and its object: "Russia designates as terrorist the Taliban".
RELATION_LABELS = {
    "designates-as-terrorist": "designates as terrorist", "suspends-designation": "suspends the designation of",
    "lifts-designation": "lifts the designation of", "recognizes-government": "recognizes the government of",
    "withholds-recognition": "withholds recognition from", "diplomatic-relations": "has diplomatic relations with",
    "accredits-envoy": "accredits an envoy of", "security-cooperation": "cooperates on security with",
    "economic-cooperation": "cooperates economically with", "hostile-to": "is hostile to", "attacks": "attacks",
    "branch-of": "is a branch of", "allied-with": "is allied with", "rival-of": "is a rival of",
    "blames": "blames", "gives-assurances": "gives assurances to", "engages-with": "engages with",
}
# Colour is never the only cue: each family has a colour and an arrowhead shape of its own, and each type
# its own dash pattern within the family, so every type differs from every other in shape or dash.
RELATION_FAMILIES = {
    "hostile": ("designates-as-terrorist", "hostile-to", "attacks", "blames", "rival-of"),
    "reversal": ("suspends-designation", "lifts-designation", "withholds-recognition"),
    "diplomatic": ("recognizes-government", "diplomatic-relations", "accredits-envoy", "engages-with",
                   "gives-assurances"),
    "cooperation": ("security-cooperation", "economic-cooperation", "allied-with"),
    "structure": ("branch-of",),
}
FAMILY_LABELS = {
    "hostile": "hostility and designation", "reversal": "designation or recognition withdrawn",
    "diplomatic": "recognition and diplomacy", "cooperation": "cooperation and alliance",
    "structure": "organizational tie",
}
FAMILY_HEADS = {
    "hostile": "filled triangle", "reversal": "bar", "diplomatic": "open chevron", "cooperation": "filled circle",
    "structure": "diamond",
}
# Dash patterns in SVG units (stroke width 2): the nth type of a family gets the nth pattern.
DASH_PATTERNS = ("", "9 5", "2 4", "12 4 2 4", "5 3 5 8")
DASH_LABELS = ("solid line", "dashed line", "dotted line", "dash-dot line", "double-dash line")
FAMILY_OF = {t: family for family, types in RELATION_FAMILIES.items() for t in types}
DASH_OF = {t: DASH_PATTERNS[types.index(t)] for types in RELATION_FAMILIES.values() for t in types}
DASH_LABEL_OF = {t: DASH_LABELS[types.index(t)] for types in RELATION_FAMILIES.values() for t in types}
assert set(FAMILY_OF) == set(RELATION_TYPES) == set(RELATION_LABELS), "every relation type needs a label and a style"


def label_of_relation(relation_type: str) -> str:
    """The verb phrase of a tie type ('designates as terrorist'); the raw value for an unknown type."""
    return RELATION_LABELS.get(relation_type, relation_type.replace("-", " "))


def render_period(record: Relation | Membership) -> Markup:
    """'from 2003 until 2024', 'from July 2024', 'as of April 2023' or '—', at the sources' precision."""
    # render_date gives Markup, so f-strings write what Markup.format wrote, without its slow formatter: every
    # membership's period is drawn on many pages.
    parts = []
    if record.start:
        parts.append(f"from {render_date(record.start)}")
    if record.end:
        parts.append(f"until {render_date(record.end)}")
    if not parts and record.as_of:
        parts.append(f"as of {render_date(record.as_of)}")
    elif parts and record.as_of:
        parts.append(f"(reported as of {render_date(record.as_of)})")
    return Markup(" ".join(parts)) if parts else Markup("—")


def render_relation_table(relations: Iterable[Relation], draw: Draw, *, caption: str, anchors: bool = False,
                          table_id: str = "") -> str:
    """Ties as rows: subject, tie, object, period, note and sources; an empty-state sentence without any."""
    relations = list(relations)
    rows = "".join(_render_relation_row(relation, draw, anchors) for relation in relations)
    return render_template("relation-table.html", relations=relations, rows_html=Markup(rows), caption=caption,
                           table_id=table_id)


# The events a tie can name as its beginning and its end, and the words that introduce them in its period cell.
_TIE_EVENTS = (("started_by", "began with"), ("ended_by", "ended with"))


def _render_relation_row(relation: Relation, draw: Draw, anchors: bool) -> str:
    """One tie as a row: subject, tie (and the disputed mark), object, period and its events, note, sources."""
    # In Python, not a template loop: every tie is a row on the pages of both its sides and on the relations page,
    # and Jinja's calls cost more than the row. Every value from data is escaped, as autoescape did.
    anchor = f' id="relation-{escape(relation.id)}"' if anchors else ""
    ended = ' class="tie-ended"' if relation.end else ""
    disputed = f" ({render_disputed_mark(relation)})" if relation.disagreement else ""
    events = "".join(f"; {word} {draw.event_link(getattr(relation, key))}" for key, word in _TIE_EVENTS
                     if getattr(relation, key) in draw.index.events)
    return (f'<tr{anchor} data-relation="{escape(relation.id)}" data-type="{escape(relation.type)}"{ended}>\n'
            f'<th scope="row">{draw.link(relation.subject)}</th>\n'
            f"<td>{escape(label_of_relation(relation.type))}{disputed}</td>\n"
            f"<td>{draw.link(relation.object)}</td>\n"
            f"<td>{render_period(relation)}{events}</td>\n"
            f"<td>{escape(relation.note or '')}</td>\n"
            f"<td>{draw.cite(relation.sources)}</td>\n</tr>\n")
