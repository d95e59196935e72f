"""Claims and rebuttals: each statement that another disputes or answers, paired with those replies."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.records import Statement
from . import index as query
from .index import Index


@dataclass(frozen=True)
class ClaimPair:
    """A claim and the statements replying to it, each with its relation ('disputes' or 'answers')."""

    claim: Statement
    replies: tuple[tuple[str, Statement], ...]


def relations_of(reply: Statement, claim_id: str) -> list[str]:
    """How a reply relates to a claim: 'disputes', 'answers' or both, in that order."""
    return [relation for relation, targets in (("disputes", reply.disputes), ("answers", reply.answers))
            if claim_id in targets]


def find_claim_pairs(index: Index, record_id: str | None = None) -> list[ClaimPair]:
    """Every disputed or answered statement with its replies; with a record, only pairs it is party to.

    A record is party to a pair when it speaks, or is what is spoken about, on either side.
    """
    if record_id is None:
        claims: Iterable[Statement] = index.statements.values()
    else:
        # Start from the record's own statements (an index lookup), not from every statement: this
        # runs once per actor page, and scanning all statements there made the build quadratic.
        claim_ids = set()
        for statement in query.statements_of(index, record_id):
            if query.replies_to(index, statement.id):
                claim_ids.add(statement.id)
            claim_ids.update(statement.disputes + statement.answers)
        claims = [index.statements[claim_id] for claim_id in claim_ids]
    pairs = []
    for claim in sorted(claims, key=query.statement_sort_key):
        replies = tuple((relation, reply) for reply in query.replies_to(index, claim.id)
                        for relation in relations_of(reply, claim.id))
        if replies:
            pairs.append(ClaimPair(claim, replies))
    return pairs


