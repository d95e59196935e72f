"""Overlaps between organizations: who belongs to which combination, who is in both of two, who in none.

Every function here is one pass over the membership rows (plus sorting): none scans every actor
against every organization, so the cost grows with the data, not with actors × organizations.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

from ..model.records import MEMBERSHIP_ROLES, Membership
from . import index as query
from .index import Index
from .time import current_members

# Roles that make an actor part of an organization (a non-member row says the opposite).
BELONGING_ROLES = tuple(role for role in MEMBERSHIP_ROLES if role != "non-member")


def is_belonging(membership: Membership) -> bool:
    """Whether a record's role makes its member part of the organization (a non-member row says the opposite)."""
    return membership.role in BELONGING_ROLES


def find_belonging_today(index: Index) -> dict[str, set[str]]:
    """Member -> the organizations it belongs to today: the records holding on the newest date, as every
    membership table, count and map reads them (query/time.py), so the overlaps tell the same truth."""
    belonging: dict[str, set[str]] = {}
    for organization in index.organizations:
        for membership in current_members(index, organization):
            if is_belonging(membership):
                belonging.setdefault(membership.member, set()).add(organization)
    return belonging


# The most organizations the membership matrix shows as columns. The matrix draws a cell for every
# actor × organization, so with a column per organization its page grows quadratically with the data
# (300 columns × 3,000 rows made a 135 MB page). Twelve keeps every organization of the real data
# (six today) with room to grow, and is about as many columns as a table stays readable with; beyond
# it the matrix shows the twelve largest, and each organization's own page lists all its members.
MATRIX_ORGANIZATION_LIMIT = 12


def find_members_by_organization(index: Index) -> dict[str, set[str]]:
    """Each organization's members today in any belonging role."""
    members: dict[str, set[str]] = {organization: set() for organization in index.organizations}
    for member_id, organizations in find_belonging_today(index).items():
        for organization in organizations:
            members[organization].add(member_id)
    return members


def choose_matrix_organizations(index: Index, members: Mapping[str, set[str]],
                                limit: int | None = None) -> list[str]:
    """The matrix's columns: every organization in data order, or beyond `limit` the largest ones.

    The largest are those with the most belonging members, ties broken by name (then id, so the
    choice never depends on the data's order), listed largest first.
    """
    limit = MATRIX_ORGANIZATION_LIMIT if limit is None else limit
    if len(index.organizations) <= limit:
        return list(index.organizations)
    ranked = sorted(index.organizations.values(),
                    key=lambda organization: (-len(members[organization.id]), organization.name, organization.id))
    return [organization.id for organization in ranked[:limit]]


def belongs_to(belonging: Mapping[str, set[str]], member_id: str, position: Mapping[str, int]) -> tuple[str, ...]:
    """The organizations in `position` (id -> column) a member belongs to today, in column order."""
    joined = {organization for organization in belonging.get(member_id, ()) if organization in position}
    return tuple(sorted(joined, key=position.__getitem__))


def group_by_combination(index: Index, organizations: Sequence[str]) -> list[tuple[tuple[str, ...], list[str]]]:
    """Members with any membership row, grouped by the exact set of `organizations` they belong to.

    Largest combinations first, so the most entangled states lead; members by name within a group.
    Members in none of them form a group only when `organizations` is every organization (then
    they are the named non-members); when it is a selection they are left out.
    """
    position = {organization: column for column, organization in enumerate(organizations)}
    keep_none = len(position) == len(index.organizations)
    belonging = find_belonging_today(index)
    groups: dict[tuple[str, ...], list[str]] = {}
    for member_id in index.memberships_by_member:
        combination = belongs_to(belonging, member_id, position)
        if combination or keep_none:
            groups.setdefault(combination, []).append(member_id)
    return [(combination, sorted(members, key=lambda member: query.name_of(index, member)))
            for combination, members in sorted(groups.items(),
                                               key=lambda item: (-len(item[0]), [position[o] for o in item[0]]))]


def find_pairwise_overlaps(index: Index, organizations: Sequence[str],
                           members: Mapping[str, set[str]]) -> list[tuple[str, str, list[str]]]:
    """For each pair of `organizations` with common members: (first, second, members in both, by name)."""
    overlaps = []
    for first, second in combinations(organizations, 2):
        common = members[first] & members[second]
        if common:
            overlaps.append((first, second, sorted(common, key=lambda member: query.name_of(index, member))))
    return overlaps


def find_unaffiliated_states(index: Index, members: Mapping[str, set[str]]) -> list[str]:
    """States in the data that belong to none of the organizations, by name."""
    affiliated = set().union(*members.values())
    return sorted((actor.id for actor in index.actors.values() if actor.type == "state" and actor.id not in affiliated),
                  key=lambda actor_id: query.name_of(index, actor_id))
