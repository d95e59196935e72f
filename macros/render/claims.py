"""Claims and rebuttals drawn: each claim beside the statements disputing or answering it."""
from __future__ import annotations

from ..query.claims import ClaimPair
from .components import Draw
from .html import render_template


def render_claims_and_rebuttals(pairs: list[ClaimPair], draw: Draw, *, subject: str | None = None,
                                anchors: bool = False) -> str:
    """Claims beside their rebuttals (two columns that stack on narrow screens), or a 'none' line."""
    return render_template("claims.html", pairs=pairs, subject=subject, anchors=anchors, draw=draw)
