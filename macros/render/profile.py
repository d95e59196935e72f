"""Key facts: the box a record page opens with, answering "where do things stand now, and since when".

Each fact is a sentence-sized item with its date ("since", "as of") and its numbered citations, so
the box carries the same references as the tables below it. What a box holds depends on the record:
a state's organizations and stance on the governments it lists or recognizes, an organization's
founding and members, an armed group's formation, leaders and listings, a person's offices.
"""
from __future__ import annotations

from ..model.records import Actor, Organization
from ..query import profile as query_profile
from ..query.index import Index
from .components import Draw
from .html import ROLE_LABELS, label_of_value, render_template
from .relations import label_of_relation, render_period

# What readers call each actor type in the box's first line.
TYPE_LABELS = {"state": "State", "person": "Person", "armed-group": "Armed group", "government": "Government",
               "bloc": "Group of states"}


def render_key_facts(record: Actor | Organization, draw: Draw) -> str:
    """The key-facts box for an actor or organization page."""
    index = draw.index
    context = {"record": record, "draw": draw, "period": render_period, "tie_label": label_of_relation,
               "role": ROLE_LABELS, "label": label_of_value, "as_of": index.newest_membership_date}
    if isinstance(record, Organization):
        return render_template("key-facts-organization.html", **context, **_organization_facts(index, record))
    return render_template("key-facts-actor.html", **context, **_actor_facts(index, record),
                           type_label=TYPE_LABELS.get(record.type, label_of_value(record.type)))


def _organization_facts(index: Index, organization: Organization) -> dict:
    members = query_profile.members_today(index, organization.id)
    return {
        "member_count": query_profile.count_members_today(index, organization.id),
        "members": [m for m in members if m.role in query_profile.MEMBER_ROLES],
        "others": [m for m in members if m.role not in query_profile.MEMBER_ROLES and m.role != "non-member"],
        "people": query_profile.people_in_office(index, organization.id),
    }


def _actor_facts(index: Index, actor: Actor) -> dict:
    facts: dict = {
        "memberships": query_profile.memberships_today(index, actor.id),
        "people": query_profile.people_in_office(index, actor.id),
        "positions": query_profile.current_positions(actor),
        "past_positions": [p for p in actor.positions if not query_profile.is_current(p)],
        "listed_by": [], "suspended_by": [], "no_longer_listed_by": [], "recognized_by": [], "withheld_by": [],
        "envoys": [], "stances": [], "branch_of": [],
    }
    if actor.type in ("armed-group", "government"):
        def in_force(types: tuple[str, ...]) -> list:
            ties = query_profile.ties_of_type(index, actor.id, types, as_subject=False)
            return query_profile.newest_per_subject([tie for tie in ties if query_profile.is_in_force(tie)])
        facts["listed_by"] = in_force(("designates-as-terrorist",))
        facts["suspended_by"] = in_force(query_profile.STANCE_COLUMNS["suspension"])
        listing = {tie.subject for tie in facts["listed_by"]}
        ended = [tie for tie in query_profile.ties_of_type(index, actor.id, ("designates-as-terrorist",),
                                                           as_subject=False) if tie.end and tie.subject not in listing]
        facts["no_longer_listed_by"] = query_profile.newest_per_subject(ended)
        facts["recognized_by"] = in_force(("recognizes-government",))
        facts["withheld_by"] = in_force(("withholds-recognition",))
        facts["envoys"] = in_force(query_profile.STANCE_COLUMNS["envoy"])
        facts["branch_of"] = query_profile.ties_of_type(index, actor.id, ("branch-of",), as_subject=True)
    if actor.type == "state":
        # The state's stance towards each government or group that states list, recognize or accredit.
        for target, cells in query_profile.select_stances_of_state(index, actor.id):
            ties = [tie for tie in cells.values() if tie is not None]
            if ties:
                facts["stances"].append((target, query_profile.sort_ties_for_reading(ties)))
    return facts
