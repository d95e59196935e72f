"""The dataset and how records are named: all typed records by kind, and their labels in messages."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .records import Actor, Disagreement, Event, Membership, Organization, Relation, Source, Statement


@dataclass
class Dataset:
    """All typed records, by kind (the names of KINDS), in file order."""

    sources: list[Source] = dataclasses.field(default_factory=list)
    actors: list[Actor] = dataclasses.field(default_factory=list)
    organizations: list[Organization] = dataclasses.field(default_factory=list)
    memberships: list[Membership] = dataclasses.field(default_factory=list)
    events: list[Event] = dataclasses.field(default_factory=list)
    statements: list[Statement] = dataclasses.field(default_factory=list)
    relations: list[Relation] = dataclasses.field(default_factory=list)
    disagreements: list[Disagreement] = dataclasses.field(default_factory=list)

    def records_of(self, kind_name: str) -> list[Any]:
        """The records of one kind, by its plural name."""
        records: list[Any] = getattr(self, kind_name)
        return records


def label_of_membership(member: object, organization: object) -> str:
    """How messages and listings name a membership, which has no id: 'member in organization'."""
    return f"{member} in {organization}"


def split_membership_label(label: str) -> tuple[str, str]:
    """The member and organization ids named by a membership's label (ids hold no spaces)."""
    member, _, organization = label.partition(" in ")
    return member, organization


def label_of_fields(fields: Mapping[str, Any]) -> str:
    """The record name used in messages, from raw fields: its id, or 'member in organization'."""
    if "id" in fields:
        return str(fields["id"])
    if "member" in fields or "organization" in fields:
        return label_of_membership(fields.get("member", "?"), fields.get("organization", "?"))
    return ""


def label_of_record(record: Any) -> str:
    """The same name for a typed record: its id, or 'member in organization' for a membership."""
    if isinstance(record, Membership):
        return label_of_membership(record.member, record.organization)
    return str(record.id)
