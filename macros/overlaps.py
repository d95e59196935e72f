"""Overlaps between organizations: who belongs to which combination, who is in both of two, who in none."""
from __future__ import annotations

from itertools import combinations

from . import query
from .model import MEMBERSHIP_ROLES
from .query import Index

# Roles that make an actor part of an organization (a non-member row says the opposite).
BELONGING_ROLES = tuple(role for role in MEMBERSHIP_ROLES if role != "non-member")


def belongs_to(index: Index, member_id: str) -> tuple[str, ...]:
    """The organizations a member belongs to in any belonging role, in the data's organization order."""
    joined = {m.organization for m in index.memberships_by_member.get(member_id, ()) if m.role in BELONGING_ROLES}
    return tuple(organization for organization in index.organizations if organization in joined)


def group_by_combination(index: Index) -> list[tuple[tuple[str, ...], list[str]]]:
    """Members with any membership row, grouped by the exact set of organizations they belong to.

    Largest combinations first, so the most entangled states lead; members by name within a group.
    """
    groups: dict[tuple[str, ...], list[str]] = {}
    for member_id in index.memberships_by_member:
        groups.setdefault(belongs_to(index, member_id), []).append(member_id)
    order = list(index.organizations)
    return [(combination, sorted(members, key=lambda member: query.name_of(index, member)))
            for combination, members in sorted(groups.items(),
                                               key=lambda item: (-len(item[0]), [order.index(o) for o in item[0]]))]


def find_pairwise_overlaps(index: Index) -> list[tuple[str, str, list[str]]]:
    """For each pair of organizations with common members: (first, second, members in both, by name)."""
    members_by_organization = {o: set() for o in index.organizations}
    for member_id in index.memberships_by_member:
        for organization in belongs_to(index, member_id):
            members_by_organization[organization].add(member_id)
    overlaps = []
    for first, second in combinations(index.organizations, 2):
        common = members_by_organization[first] & members_by_organization[second]
        if common:
            overlaps.append((first, second, sorted(common, key=lambda member: query.name_of(index, member))))
    return overlaps


def find_unaffiliated_states(index: Index) -> list[str]:
    """States in the data that belong to none of the organizations, by name."""
    return sorted((actor.id for actor in index.actors.values() if actor.type == "state" and not belongs_to(index, actor.id)),
                  key=lambda actor_id: query.name_of(index, actor_id))
