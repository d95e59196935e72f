"""Unit tests: the index answers lookups once per relation."""
from __future__ import annotations

from macros.model.dataset import Dataset
from macros.model.dates import ReducedDate
from macros.model.records import Citation, Statement
from macros.query.index import build_index, replies_to, statements_of


def test_a_reply_that_both_disputes_and_answers_is_listed_once():
    claim = Statement(id="claim", speakers=("a",), date=ReducedDate(2023, 2, 14), quote="x",
                      sources=(Citation("s"),))
    reply = Statement(id="reply", speakers=("b",), date=ReducedDate(2023, 2, 15), quote="y",
                      disputes=("claim",), answers=("claim",), about=("b",), sources=(Citation("s"),))
    index = build_index(Dataset(statements=[reply, claim]))
    assert [s.id for s in replies_to(index, "claim")] == ["reply"]
    assert [s.id for s in statements_of(index, "b")] == ["reply"]  # speaker and topic: still once
