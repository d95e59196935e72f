"""Synthetic records and record pages for the benchmark, in the real site's shapes.

Per 1,000 actors: 100 organizations, ~5,200 memberships (a tenth of the actors with a role history),
1,000 relations, 20 disagreements (each two relations' accounts), 10,000 events, 20,000 statements, and
10,200 sources: a report of each event, which the event and its statements cite (as a news
report covers one meeting and quotes what was said there), and 200 reference works that the
other records cite. Records cite sources, people hold positions, statements dispute others:
every kind of link the real data has, in proportions that stay the same at every size (so a
record page should weigh the same at 100 actors as at 3,000). The same seed, the same records.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

MEMBERSHIPS_PER_ACTOR = 5
ORGANIZATIONS_PER_ACTOR = 0.1
EVENTS_PER_ACTOR = 10
STATEMENTS_PER_EVENT = 2
# Reference works (yearbooks, treaty texts) that actors, organizations and memberships cite. Events
# and statements cite a report of their own event instead: drawing every citation from one shared
# pool made a page's list of sources depend on the pool's size, not on what the page shows (at 100
# actors 20 sources, all cited on every page; at 3,000, ~120 of 600 on each).
REFERENCE_WORKS_PER_ACTOR = 0.2
# Issue 14's kinds: ties between records, role histories (a member's roles over time in one
# organization), and disagreements whose accounts are two ties with different dates.
RELATIONS_PER_ACTOR = 1
ROLE_HISTORY_SHARE = 0.1
ACTORS_PER_DISAGREEMENT = 50

_SYLLABLES = ("ka", "ri", "mo", "ta", "ven", "dar", "sul", "ba", "zan", "ko", "mir", "al", "ne", "tor",
              "sha", "ud", "el", "gor", "yan", "pe", "lis", "qa", "hu", "rim", "os", "tek", "ba", "dun")
_ORG_WORDS = ("Cooperation Council", "Security Pact", "Consultation Group", "Economic Union",
              "Border Initiative", "Defence Forum", "Partnership", "Treaty Organization")
_ORG_KINDS = ("security-organization", "military-alliance", "consultation-format", "economic-union",
              "initiative", "intergovernmental-organization", "intergovernmental-organization",
              "military-alliance")
_ACTOR_TYPES = ("person",) * 6 + ("state",) * 2 + ("armed-group", "government")
_MEMBERSHIP_ROLES = ("member",) * 6 + ("observer", "dialogue-partner", "partner", "participant",
                                         "invited-guest", "non-member")
_EVENT_KINDS = ("meeting", "meeting", "talks", "talks", "press-conference", "policy-document",
                "withdrawal", "launch", "summit", "visit", "designation")
_RELATION_TYPES = ("engages-with", "security-cooperation", "economic-cooperation", "diplomatic-relations",
                   "designates-as-terrorist", "hostile-to", "blames", "allied-with", "rival-of")
_PARTICIPANT_ROLES = ("attendee",) * 5 + ("host", "speaker", "principal", "invited-declined",
                                           "not-invited")
_PLACES = ("Samarkand", "Dushanbe", "Tashkent", "Almaty", "Bishkek", "Moscow", "Beijing", "Kabul",
           "Islamabad", "Tehran", "New Delhi", "Ashgabat")
_TOPICS = ("border security", "regional trade", "counterterrorism", "water sharing", "transit routes",
           "refugees", "energy supply", "sanctions", "military exercises", "humanitarian aid")


# ---------------------------------------------------------------- names and dates

def make_name(rng: random.Random, words: int) -> str:
    """A pronounceable made-up name of so many words."""
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(words))


def make_date(rng: random.Random) -> tuple[str, str | None]:
    """An ISO date at day, month or year precision, and a qualifier only where it is allowed."""
    year = rng.randint(1995, 2024)
    draw = rng.random()
    if draw < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", None
    if draw < 0.9:
        qualifier = rng.choice(("early", "mid", "late")) if rng.random() < 0.3 else None
        return f"{year}-{rng.randint(1, 12):02d}", qualifier
    return str(year), None


def cite(rng: random.Random, sources: list[str]) -> list[dict]:
    """One or two citations with paragraph locators."""
    chosen = rng.sample(sources, k=min(len(sources), rng.choice((1, 1, 2))))
    return [{"source": source, "locator": f"paragraph {rng.randint(1, 40)}"} for source in chosen]


def cite_report(rng: random.Random, report_id: str) -> list[dict]:
    """A citation of an event's report, at one of its paragraphs."""
    return [{"source": report_id, "locator": f"paragraph {rng.randint(1, 12)}"}]


def report_of(event_number: int) -> str:
    """The id of the source that reports an event."""
    return f"report-{event_number:06d}"


def sentence(rng: random.Random, subject: str) -> str:
    """A line of filler prose about a subject."""
    return (f"{subject} has been reported on {rng.choice(_TOPICS)} and {rng.choice(_TOPICS)}, "
            f"with consequences for {rng.choice(_PLACES)} and its neighbours.")


# ---------------------------------------------------------------- records

def make_dataset(actor_count: int, seed: int, named_states: Sequence[tuple[str, str]] = (),
                 linked: dict[str, list[str]] | None = None) -> dict[str, list[dict]]:
    """Every record of a project with actor_count actors, as plain data ready for YAML.

    named_states: states that other parts of the site expect by id (map geometry); linked: ids the
    copied pages link to. The first generated records take those ids, so the project stays valid.
    """
    rng = random.Random(seed)
    source_ids = [f"source-{n:05d}" for n in range(1, max(2, round(actor_count * REFERENCE_WORKS_PER_ACTOR)) + 1)]
    sources = [{"id": source_id, "title": f"Report on {rng.choice(_TOPICS)} in {rng.choice(_PLACES)}",
                "publisher": f"{make_name(rng, 1)} Review", "date": make_date(rng)[0],
                "kind": rng.choice(("analysis", "official", "news", "reference")),
                "url": f"https://example.org/{source_id}",
                "summary": f"An account of {rng.choice(_TOPICS)} and {rng.choice(_TOPICS)}."}
               for source_id in source_ids]

    record: dict[str, Any]  # one record as its YAML mapping, for every kind below
    organization_count = max(5, round(actor_count * ORGANIZATIONS_PER_ACTOR))
    organization_ids = [f"org-{n:04d}" for n in range(1, organization_count + 1)]
    for number, record_id in enumerate((linked or {}).get("organizations", [])[:organization_count]):
        organization_ids[number] = record_id
    actor_ids = [f"actor-{n:05d}" for n in range(1, actor_count + 1)]
    actor_types = [rng.choice(_ACTOR_TYPES) for _ in actor_ids]
    names = {}
    for number, (state_id, state_name) in enumerate(named_states[:actor_count]):
        actor_ids[number], actor_types[number], names[state_id] = state_id, "state", state_name
    extra = [i for i in (linked or {}).get("actors", []) if i not in actor_ids]
    for number, record_id in enumerate(extra[:max(0, actor_count - len(named_states))], start=len(named_states)):
        actor_ids[number] = record_id
    states = [actor_id for actor_id, actor_type in zip(actor_ids, actor_types, strict=False) if actor_type == "state"]
    if not states:  # every dataset needs a state for nationalities and leadership
        actor_types[0] = "state"
        states = [actor_ids[0]]

    organizations = []
    for number, organization_id in enumerate(organization_ids, start=1):
        name = f"{make_name(rng, 1)} {rng.choice(_ORG_WORDS)}"
        record = {"id": organization_id, "name": f"{name} {number}",
                  "short_name": "".join(word[0] for word in name.split()).upper() + f"-{number}",
                  "kind": rng.choice(_ORG_KINDS), "summary": sentence(rng, f"The {name}"),
                  "sources": cite(rng, source_ids)}
        if rng.random() < 0.5:
            record["led_by"] = rng.choice(states)
        if rng.random() < 0.5:
            record["founded"] = make_date(rng)[0]
        organizations.append(record)

    actors = []
    for actor_id, actor_type in zip(actor_ids, actor_types, strict=False):
        name = names.get(actor_id) or make_name(rng, 2 if actor_type == "person" else 1)
        record = {"id": actor_id, "type": actor_type, "name": name}
        if rng.random() < 0.4:
            record["other_names"] = [make_name(rng, 1) for _ in range(rng.randint(1, 2))]
        if actor_type == "person":
            record["nationality"] = rng.choice(states)
        record["summary"] = sentence(rng, name) + " " + sentence(rng, "It")
        if actor_type == "person" and rng.random() < 0.7:
            as_of, _ = make_date(rng)
            record["positions"] = [{"title": rng.choice(("Minister", "Envoy", "Chief of Staff", "Ambassador")),
                                    "of": rng.choice(organization_ids + states), "as_of": as_of,
                                    "sources": cite(rng, source_ids)}]
        record["sources"] = cite(rng, source_ids)
        actors.append(record)

    memberships = []
    for actor_id in actor_ids:
        for organization_id in sorted(rng.sample(organization_ids, k=MEMBERSHIPS_PER_ACTOR)):
            record = {"member": actor_id, "organization": organization_id, "role": rng.choice(_MEMBERSHIP_ROLES),
                      "as_of": make_date(rng)[0], "sources": cite(rng, source_ids)}
            memberships.append(record)
        if rng.random() < ROLE_HISTORY_SHARE:  # one more organization, joined as observer, then member
            organization_id = rng.choice(organization_ids)
            if any(m["member"] == actor_id and m["organization"] == organization_id for m in memberships[-5:]):
                continue
            joined = rng.randint(1995, 2015)
            promoted = joined + rng.randint(1, 8)
            memberships += [{"member": actor_id, "organization": organization_id, "role": "observer",
                             "start": str(joined), "end": str(promoted), "sources": cite(rng, source_ids)},
                            {"member": actor_id, "organization": organization_id, "role": "member",
                             "start": str(promoted), "sources": cite(rng, source_ids)}]

    events = []
    for number in range(1, actor_count * EVENTS_PER_ACTOR + 1):
        date, qualifier = make_date(rng)
        participants = [{"actor": actor_id, "role": rng.choice(_PARTICIPANT_ROLES)}
                        for actor_id in rng.sample(actor_ids, k=rng.randint(2, 4))]
        record = {"id": f"event-{number:06d}",
                  "title": f"{rng.choice(('Talks', 'Meeting', 'Summit', 'Briefing'))} on {rng.choice(_TOPICS)}",
                  "kind": rng.choice(_EVENT_KINDS), "date": date}
        if qualifier:
            record["date_qualifier"] = qualifier
        if rng.random() < 0.6:
            record["place"] = rng.choice(_PLACES)
        record["participants"] = participants
        if rng.random() < 0.3:
            record["organizations"] = [rng.choice(organization_ids)]
        if number > 1 and rng.random() < 0.05:
            record["part_of"] = f"event-{rng.randint(1, number - 1):06d}"
        record["summary"] = sentence(rng, "The meeting") + " " + sentence(rng, "Its outcome")
        record["sources"] = cite_report(rng, report_of(number))
        if rng.random() < 0.3:  # some events are also in a reference work
            record["sources"] += cite(rng, source_ids)[:1]
        events.append(record)
        sources.append({"id": report_of(number), "title": f"Report: {record['title']}",
                        "publisher": f"{make_name(rng, 1)} News", "date": date,
                        "kind": rng.choice(("news", "official")), "url": f"https://example.org/{report_of(number)}"})

    statements: list[dict] = []
    for event_number, event in enumerate(events, start=1):
        speakers = [participant["actor"] for participant in event["participants"]]
        for _ in range(STATEMENTS_PER_EVENT):
            number = len(statements) + 1
            record = {"id": f"statement-{number:06d}", "speakers": [rng.choice(speakers)],
                      "date": event["date"], "event": event["id"]}
            if "date_qualifier" in event:
                record["date_qualifier"] = event["date_qualifier"]
            if rng.random() < 0.4:
                record["quote"] = f"We will not accept any change on {rng.choice(_TOPICS)} without consultation."
            record["paraphrase"] = sentence(rng, "The speaker")
            record["about"] = rng.sample(actor_ids, k=rng.randint(1, 2))
            if number > 1 and rng.random() < 0.1:
                relation = "disputes" if rng.random() < 0.5 else "answers"
                record[relation] = [f"statement-{rng.randint(1, number - 1):06d}"]
            record["sources"] = cite_report(rng, report_of(event_number))
            statements.append(record)

    relations, disagreements = make_relations(rng, actor_ids, organization_ids, source_ids)
    return {"sources": sources, "actors": actors, "organizations": organizations,
            "memberships": memberships, "events": events, "statements": statements,
            "relations": relations, "disagreements": disagreements}


def make_relations(rng: random.Random, actor_ids: list[str], organization_ids: list[str],
                   source_ids: list[str]) -> tuple[list[dict], list[dict]]:
    """Ties between records (one per actor), and disagreements whose two accounts are ties with other starts."""
    relations: list[dict] = []
    seen: set[tuple[str, str, str]] = set()
    for number in range(1, len(actor_ids) * RELATIONS_PER_ACTOR + 1):
        subject = rng.choice(actor_ids)
        target = rng.choice([a for a in rng.sample(actor_ids, k=min(3, len(actor_ids))) if a != subject]
                            or organization_ids)
        fact = (subject, rng.choice(_RELATION_TYPES), target)
        if fact in seen:  # one record per tie: two with other dates would contradict each other
            continue
        seen.add(fact)
        record: dict[str, Any] = {"id": f"relation-{number:06d}", "subject": subject, "type": fact[1],
                                  "object": target}
        if rng.random() < 0.5:
            record["as_of"] = make_date(rng)[0]
        else:
            start = rng.randint(1995, 2020)
            record["start"] = str(start)
            if rng.random() < 0.5:
                record["end"] = str(start + rng.randint(0, 4))
        record["sources"] = cite(rng, source_ids)
        relations.append(record)
    disagreements = []
    for number in range(1, max(1, len(actor_ids) // ACTORS_PER_DISAGREEMENT) + 1):
        disagreement_id = f"disagreement-{number:04d}"
        subject, target = rng.sample(actor_ids, k=2)
        starts = rng.sample(range(1995, 2020), k=2)
        for account, start in enumerate(starts, start=1):
            relations.append({"id": f"{disagreement_id}-account-{account}", "subject": subject,
                              "type": "designates-as-terrorist", "object": target, "start": str(start),
                              "disagreement": disagreement_id, "sources": cite(rng, source_ids)})
        disagreements.append({"id": disagreement_id, "question": f"Since when does {subject} list {target}?",
                              "summary": f"The sources give {starts[0]} and {starts[1]}.",
                              "about": [subject, target],
                              "accounts": [{"says": f"Since {start}.", "sources": cite(rng, source_ids)}
                                           for start in starts]})
    return relations, disagreements


# ---------------------------------------------------------------- pages

# How a record page is laid out: "profile-and-history" as docs/actors/*.md are written today (the key facts
# first, the prose, then every section below it folded); "four-lists" as they were written until December
# 2026 (a profile, then the membership table and the whole event and statement lists, unfolded), kept so
# the benchmark can compare the two.
PAGE_SHAPES = ("profile-and-history", "four-lists")


def _record_sections(shape: str, members_heading: str) -> tuple[str, str]:
    """(what goes above the prose, what goes below it) for a record page of this shape."""
    if shape == "profile-and-history":
        return "{{ profile() }}\n\n", "{{ history() }}\n"
    if shape == "four-lists":
        return "", (f"## Profile\n\n{{{{ profile() }}}}\n\n## {members_heading}\n\n{{{{ membership_table() }}}}\n\n"
                    "## Events\n\n{{ event_list() }}\n\n## Statements\n\n{{ statement_list() }}\n")
    raise ValueError(f"unknown page shape {shape!r}: expected one of {', '.join(PAGE_SHAPES)}")


def make_actor_page(actor: dict, rng: random.Random, actor_ids: list[str], organizations: list[dict],
                    shape: str = PAGE_SHAPES[0]) -> str:
    """A record page shaped like docs/actors/*.md: front matter, the macros of its shape, prose with links."""
    other = rng.choice(actor_ids)
    organization = rng.choice(organizations)
    above, below = _record_sections(shape, "Memberships")
    return (f"---\nrecord: {actor['id']}\n---\n\n# {actor['name']}\n\n{above}"
            f"{sentence(rng, actor['name'])} It is often named together with [{other}]({other}.md) and "
            f"takes part in the [{organization['short_name']}](../organizations/{organization['id']}.md).\n\n"
            f"{sentence(rng, 'The record')}\n\n{below}")


def make_organization_page(organization: dict, rng: random.Random, actor_ids: list[str],
                           shape: str = PAGE_SHAPES[0]) -> str:
    """A record page shaped like docs/organizations/*.md."""
    member = rng.choice(actor_ids)
    above, below = _record_sections(shape, "Members")
    return (f"---\nrecord: {organization['id']}\n---\n\n# {organization['name']}\n\n{above}"
            f"{sentence(rng, 'The ' + organization['short_name'])} Its members include "
            f"[{member}](../actors/{member}.md).\n\n{below}")
