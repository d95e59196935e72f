"""Unit tests of periods, the time rules of the check and the time queries, on small in-memory datasets."""
from __future__ import annotations

import pytest

from macros.check.periods import check_dates, check_periods
from macros.model.dataset import Dataset
from macros.model.dates import parse_reduced_date
from macros.model.periods import Period, period_covers, period_of, periods_overlap
from macros.model.records import Account, Actor, Citation, Disagreement, Membership, Organization, Origin, Relation
from macros.query import overlaps
from macros.query.index import build_index
from macros.query.time import (
    memberships_as_of,
    records_in_disagreement,
    relations_as_of,
    relations_of,
    role_history,
    years_in_data,
)

CITED = (Citation("report"),)


def day(text: str):
    return parse_reduced_date(text)


def membership(member: str, role: str, line: int = 1, organization: str = "sco", **dates) -> Membership:
    """A membership with dates given as text: as_of, start, end; other fields by keyword."""
    extra = {name: dates.pop(name) for name in ("status", "disagreement") if name in dates}
    return Membership(member=member, organization=organization, role=role, sources=CITED,
                      origin=Origin("data/memberships.yml", line),
                      **{name: day(value) for name, value in dates.items()}, **extra)


def relation(record_id: str, subject: str, object_: str, type_: str = "engages-with", line: int = 1,
             **dates) -> Relation:
    """A relation with dates given as text."""
    extra = {name: dates.pop(name) for name in ("disagreement",) if name in dates}
    return Relation(id=record_id, subject=subject, type=type_, object=object_, sources=CITED,
                    origin=Origin("data/relations.yml", line),
                    **{name: day(value) for name, value in dates.items()}, **extra)


# ---------------------------------------------------------------- periods

def test_a_period_comes_from_start_end_or_a_single_report():
    assert period_of(membership("a", "member", as_of="2023-04")) == Period(day("2023-04"), day("2023-04"), False)
    assert period_of(membership("a", "member", start="2010")) == Period(day("2010"), None, False)
    assert period_of(membership("a", "member", start="2010", end="2015")) == Period(day("2010"), day("2015"), True)
    assert period_of(membership("a", "member", end="2015")) == Period(None, day("2015"), True)
    assert period_of(membership("a", "member")) == Period(None, None, False)
    assert period_of(membership("a", "member", as_of="2023-04")).is_point


@pytest.mark.parametrize("first, second, overlap", [
    ({"start": "2010", "end": "2015"}, {"start": "2012"}, True),
    ({"start": "2010", "end": "2015"}, {"start": "2015"}, False),  # a handover in the same year
    ({"start": "2015", "end": "2024-07-04"}, {"start": "2024-07-04"}, False),
    ({"start": "2010", "end": "2015"}, {"start": "2015-06"}, False),  # the same year at the shared precision
    ({"start": "2010", "end": "2015"}, {"as_of": "2015-06"}, False),
    ({"start": "2010", "end": "2015"}, {"as_of": "2016"}, False),
    ({"as_of": "2023-04"}, {"as_of": "2023-04"}, True),  # two reports of one moment
    ({"as_of": "2023"}, {"as_of": "2023-04"}, True),
    ({"as_of": "2023-04"}, {"as_of": "2023-05"}, False),
    ({"as_of": "2023-04"}, {"start": "2020"}, True),
    ({"as_of": "2023-04"}, {"start": "2023-04"}, True),  # a report is no end: the same month overlaps
    ({}, {"as_of": "1990"}, True),  # undated: at every time
])
def test_periods_overlap_unless_apart_or_handed_over(first, second, overlap):
    one, other = period_of(membership("a", "x", **first)), period_of(membership("a", "y", **second))
    assert periods_overlap(one, other) is overlap
    assert periods_overlap(other, one) is overlap


def test_a_period_covers_any_date_it_shares_a_day_with():
    period = period_of(membership("a", "member", start="2015", end="2024-07-04"))
    assert [period_covers(period, day(text)) for text in ("2014", "2015-01-01", "2024", "2024-07", "2024-07-05")] == [
        False, True, True, True, False]
    assert period_covers(period_of(membership("a", "member", as_of="2023-04")), day("2023"))
    assert not period_covers(period_of(membership("a", "member", as_of="2023-04")), day("2023-05"))


# ---------------------------------------------------------------- the check's rules

def test_an_as_of_must_lie_inside_start_and_end_at_the_shared_precision():
    inside = membership("a", "member", start="2020-03", end="2022", as_of="2020")
    before = membership("a", "member", start="2020-03", as_of="2019", line=7)
    after = membership("a", "member", start="2020", end="2021-06", as_of="2021-07", line=9)
    assert check_dates([inside]) == []
    assert [problem.format() for problem in check_dates([before, after])] == [
        "data/memberships.yml:7: a in sco: as_of: is reported as of 2019, before it starts (2020-03) "
        "(expected an as_of on or after the start)",
        "data/memberships.yml:9: a in sco: as_of: is reported as of 2021-07, after it ends (2021-06) "
        "(expected an as_of on or before the end)"]


def test_a_relation_ends_after_it_starts_and_ties_two_records():
    backwards = relation("backwards", "a", "b", start="2020", end="2019", line=3)
    itself = relation("itself", "a", "a", line=5)
    assert [problem.format() for problem in check_periods(Dataset(relations=[backwards, itself]))] == [
        "data/relations.yml:3: backwards: end: ends (2019) before it starts (2020) (expected an end on or after "
        "the start)",
        "data/relations.yml:5: itself: object: a relation ties a record to itself (expected another record's id)"]


def test_a_disagreement_needs_two_accounts():
    one = Disagreement(id="lonely", question="Q?", summary="S.", accounts=(Account(says="X.", sources=CITED),),
                       origin=Origin("data/disagreements.yml", 4))
    two = Disagreement(id="fine", question="Q?", summary="S.",
                       accounts=(Account(says="X.", sources=CITED), Account(says="Y.", sources=CITED)))
    assert [problem.format() for problem in check_periods(Dataset(disagreements=[one, two]))] == [
        "data/disagreements.yml:4: lonely: accounts: has 1 account (expected at least 2 accounts, each with its "
        "sources)"]


def test_overlapping_memberships_that_differ_contradict_unless_one_disagreement_marks_both():
    observer = membership("belarus", "observer", line=10, start="2015")
    member = membership("belarus", "member", line=20, start="2020")
    assert [problem.format() for problem in check_periods(Dataset(memberships=[observer, member]))] == [
        "data/memberships.yml:20: belarus in sco: disagreement: contradicts the membership at "
        "data/memberships.yml:10 (role observer vs member; from 2015 overlaps from 2020): mark both with the "
        "same `disagreement:` if sources differ (expected periods that do not overlap, or one disagreement on "
        "both records)"]
    frozen = membership("armenia", "member", line=30, organization="csto", status="frozen", as_of="2024-02")
    plain = membership("armenia", "member", line=31, organization="csto", as_of="2024")
    assert "(status none vs frozen; as of 2024 overlaps as of 2024-02)" in check_periods(
        Dataset(memberships=[plain, frozen]))[0].message
    disputed = [membership("belarus", role, start=start, disagreement="belarus-sco-role")
                for role, start in (("observer", "2015"), ("member", "2020"))]
    assert check_periods(Dataset(memberships=disputed)) == []
    other_disputes = [membership("belarus", role, start=start, disagreement=name) for role, start, name in
                      (("observer", "2015", "one"), ("member", "2020", "two"))]
    assert len(check_periods(Dataset(memberships=other_disputes))) == 1


def test_same_role_reports_and_handovers_are_no_contradiction():
    records = [membership("iran", "observer", start="2005", end="2023-07-04"),
               membership("iran", "member", start="2023-07-04"),
               membership("iran", "member", as_of="2024"),
               membership("iran", "member", as_of="2025")]
    assert check_periods(Dataset(memberships=records)) == []


def test_ties_of_one_type_between_the_same_records_contradict_when_their_dates_differ():
    first = relation("listed-2005", "kazakhstan", "taliban", "designates-as-terrorist", line=2, start="2005",
                     end="2023-12")
    second = relation("listed-until-2024", "kazakhstan", "taliban", "designates-as-terrorist", line=9,
                      start="2005", end="2024-06")
    report = relation("reported", "kazakhstan", "taliban", "designates-as-terrorist", as_of="2010")
    other_type = relation("engaged", "kazakhstan", "taliban", start="2006")
    problems = check_periods(Dataset(relations=[first, second, report, other_type]))
    assert [problem.format() for problem in problems] == [
        "data/relations.yml:9: listed-until-2024: disagreement: contradicts the relation at data/relations.yml:2 "
        "(end 2023-12 vs 2024-06; from 2005 to 2023-12 overlaps from 2005 to 2024-06): mark both with the same "
        "`disagreement:` if sources differ (expected periods that do not overlap, or one disagreement on both "
        "records)"]


# ---------------------------------------------------------------- queries

@pytest.fixture
def dataset() -> Dataset:
    """An organization with a role history, reports at two dates, a superseded report and a dispute."""
    memberships = [
        membership("belarus", "dialogue-partner", start="2010", end="2015"),
        membership("belarus", "observer", start="2015", end="2024-07-04"),
        membership("belarus", "member", start="2024-07-04"),
        membership("china", "member", as_of="2023-04"),
        membership("iran", "observer", as_of="2023-04"),
        membership("iran", "member", as_of="2024"),
        membership("afghanistan", "observer", as_of="2023-04"),
        membership("afghanistan", "observer", start="2012", end="2021"),
        membership("armenia", "partner", as_of="2025", disagreement="armenia-status"),
        membership("armenia", "dialogue-partner", as_of="2024", disagreement="armenia-status"),
        membership("kazakhstan", "member", organization="csto", as_of="2023-04"),
    ]
    relations = [
        relation("russia-lists-taliban", "russia", "taliban", "designates-as-terrorist", start="2003",
                 end="2025-04-17"),
        relation("russia-recognizes-taliban", "russia", "taliban", "recognizes-government", start="2025-07-03"),
        relation("taliban-engages-russia", "taliban", "russia", as_of="2023-04", disagreement="armenia-status"),
        relation("china-cooperates", "china", "russia", "security-cooperation", as_of="2023-04"),
    ]
    return Dataset(memberships=memberships, relations=relations)


def _roles(records) -> list[tuple[str, str]]:
    return [(record.member, record.role) for record in records]


@pytest.mark.parametrize("date, expected", [
    ("2012", [("belarus", "dialogue-partner"), ("afghanistan", "observer")]),
    ("2016", [("belarus", "observer"), ("afghanistan", "observer")]),
    ("2023-05", [("belarus", "observer"), ("china", "member"), ("iran", "observer"), ("afghanistan", "observer")]),
    ("2024-07-04", [("belarus", "observer"), ("belarus", "member"), ("china", "member"), ("iran", "member"),
                    ("afghanistan", "observer"), ("armenia", "dialogue-partner")]),
    ("2026", [("belarus", "member"), ("china", "member"), ("iran", "member"), ("afghanistan", "observer"),
              ("armenia", "partner"), ("armenia", "dialogue-partner")]),
])
def test_memberships_as_of_a_date_from_the_index_or_the_dataset(dataset, date, expected):
    assert _roles(memberships_as_of(dataset, "sco", day(date))) == expected
    assert memberships_as_of(build_index(dataset), "sco", day(date)) == memberships_as_of(dataset, "sco", day(date))


def test_a_report_is_superseded_by_a_stated_end_after_it():
    records = [membership("uzbekistan", "member", organization="csto", as_of="2005"),
               membership("uzbekistan", "member", organization="csto", start="2006", end="2012")]
    assert memberships_as_of(Dataset(memberships=records), "csto", day("2005-06")) == records[:1]
    assert memberships_as_of(Dataset(memberships=records), "csto", day("2010")) == records[1:]
    assert memberships_as_of(Dataset(memberships=records), "csto", day("2014")) == []


def test_role_history_is_sorted_by_when_each_record_begins(dataset):
    history = role_history(dataset, "belarus", "sco")
    assert [record.role for record in history] == ["dialogue-partner", "observer", "member"]
    assert role_history(build_index(dataset), "belarus", "sco") == history
    assert [str(r.as_of or r.start) for r in role_history(dataset, "afghanistan", "sco")] == ["2012", "2023-04"]
    assert role_history(dataset, "belarus", "csto") == []


def test_relations_of_a_record_as_subject_or_object(dataset):
    ids = [relation.id for relation in relations_of(dataset, "russia")]
    # Both reports of April 2023 sort by type: engages-with before security-cooperation.
    assert ids == ["russia-lists-taliban", "taliban-engages-russia", "china-cooperates", "russia-recognizes-taliban"]
    assert [r.id for r in relations_of(build_index(dataset), "russia")] == ids
    assert [r.id for r in relations_as_of(dataset, "taliban", day("2024"))] == ["russia-lists-taliban"]
    assert [r.id for r in relations_as_of(dataset, "taliban", day("2025"))] == [
        "russia-lists-taliban", "russia-recognizes-taliban"]


def test_records_in_disagreement_are_memberships_then_relations(dataset):
    found = records_in_disagreement(dataset, "armenia-status")
    assert [type(record).__name__ for record in found] == ["Membership", "Membership", "Relation"]
    assert records_in_disagreement(build_index(dataset), "armenia-status") == found
    assert records_in_disagreement(dataset, "nothing") == []


def test_years_in_data_are_the_years_something_begins_ends_or_is_reported(dataset):
    assert years_in_data(dataset) == [2003, 2010, 2012, 2015, 2021, 2023, 2024, 2025]
    assert years_in_data(build_index(dataset), "belarus") == [2010, 2015, 2024]
    assert years_in_data(dataset, "taliban") == [2003, 2023, 2025]


def test_overlaps_count_who_belongs_now_and_a_role_history_once():
    organizations = [Organization(id=o, name=o.upper(), summary="S.", sources=CITED) for o in ("sco", "csto")]
    actors = [Actor(id=a, type="state", name=a.title(), summary="S.", sources=CITED)
              for a in ("belarus", "uzbekistan", "armenia")]
    memberships = [
        membership("belarus", "observer", start="2015", end="2024-07-04"),
        membership("belarus", "member", start="2024-07-04"),
        membership("belarus", "member", organization="csto", as_of="2023-04"),
        membership("uzbekistan", "member", organization="csto", start="2006", end="2012"),  # left: the past
        membership("uzbekistan", "member", as_of="2023-04"),
        membership("armenia", "member", organization="csto", status="frozen", as_of="2024-02"),
    ]
    index = build_index(Dataset(actors=actors, organizations=organizations, memberships=memberships))
    members = overlaps.find_members_by_organization(index)
    assert members == {"sco": {"belarus", "uzbekistan"}, "csto": {"belarus", "armenia"}}
    assert overlaps.group_by_combination(index, ["sco", "csto"]) == [
        (("sco", "csto"), ["belarus"]), (("sco",), ["uzbekistan"]), (("csto",), ["armenia"])]
    assert overlaps.find_pairwise_overlaps(index, ["sco", "csto"], members) == [("sco", "csto", ["belarus"])]
