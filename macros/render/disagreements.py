"""Disagreements: the question, a plain sentence saying how the sources differ, each account side by side.

Never merged, never decided: every account is shown with its own citations, and the records in the data
that carry the disagreement are listed under it (each marked 'disputed' where it is shown).
"""
from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from ..model.records import Disagreement, Membership, Relation
from ..query import index as query
from .components import Draw
from .html import ROLE_LABELS, render_template
from .relations import label_of_relation, render_period


def describe_record(record: Membership | Relation, draw: Draw) -> Markup:
    """A disputed record in one line: 'Armenia in CSTO: Member, frozen, from February 2024'."""
    if isinstance(record, Membership):
        role = ROLE_LABELS.get(record.role, record.role)
        status = f", {record.status}" if getattr(record, "status", None) else ""
        return Markup("{} in {}: {}{}, {}").format(draw.link(record.member), draw.short_link(record.organization),
                                                   role, status, render_period(record))
    return Markup("{} {} {}, {}").format(draw.link(record.subject), label_of_relation(record.type),
                                         draw.link(record.object), render_period(record))


def render_disagreements(disagreements: Iterable[Disagreement], accounts_of: dict, draw: Draw, *,
                         heading_level: int = 3) -> str:
    """A block per disagreement; an empty string when there is none (callers say so where it matters)."""
    blocks = list(disagreements)
    if not blocks:
        return ""
    return render_template("disagreements.html", disagreements=blocks, accounts_of=accounts_of, draw=draw,
                           heading_level=heading_level, describe=describe_record,
                           records_about=lambda disagreement: [record_id for record_id in disagreement.about
                                                               if query.find_record(draw.index, record_id)])
