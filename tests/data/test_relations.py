"""Relations, role histories and disagreements in the real data: expectations read from the data itself.

The contradiction rule is shown on the data's own records: a real role history, pushed to overlap,
is refused with both lines named, and accepted once both records carry one disagreement; a real
disputed pair of ties is refused once one of them loses its disagreement.
"""
from __future__ import annotations

import dataclasses
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from macros.check.integrity import check_consistency, check_references, kinds_by_id
from macros.check.periods import check_periods
from macros.check.validate import validate_records
from macros.load.data_files import load_data_folder
from macros.model.dataset import Dataset
from macros.model.records import RELATION_TYPES, Membership, Relation
from tests.support import PROJECT_DIR

SEED_ARTICLE = PROJECT_DIR.parent / "shared" / "seed" / "000_75e8097b893237bf.txt"
SEED_SOURCE = "diplomat-2023-russia-taliban"
CONTRADICTS = re.compile(r"contradicts the (membership|relation) at (data/\w+\.yml):(\d+) ")


@pytest.fixture(scope="module")
def checked(real_data):
    """The real data validated: the dataset, each id's kind, and every problem of the whole check."""
    loaded, dataset, raw_by_id = real_data.loaded, real_data.dataset, real_data.raw_by_id
    kinds = kinds_by_id(raw_by_id)
    problems = real_data.problems + check_references(loaded, kinds) + check_consistency(dataset, kinds)
    return dataset, kinds, problems


def test_the_real_data_has_relations_and_disagreements_and_passes_the_check(checked):
    dataset, _kinds, problems = checked
    assert dataset.relations and dataset.disagreements
    assert [problem.format() for problem in problems] == []


def test_every_relation_ties_two_existing_records_with_a_known_type(checked):
    dataset, kinds, _problems = checked
    for relation in dataset.relations:
        assert kinds.get(relation.subject) in ("actor", "organization"), relation.id
        assert kinds.get(relation.object) in ("actor", "organization"), relation.id
        assert relation.subject != relation.object, relation.id
        assert relation.type in RELATION_TYPES
        assert relation.sources and all(kinds.get(c.source) == "source" for c in relation.sources), relation.id
        for name in ("started_by", "ended_by"):
            assert getattr(relation, name) is None or kinds[getattr(relation, name)] == "event", relation.id


def test_records_marking_a_disagreement_name_an_existing_one_with_two_accounts(checked):
    dataset, kinds, _problems = checked
    for disagreement in dataset.disagreements:
        assert len(disagreement.accounts) >= 2, disagreement.id
        assert all(account.says and account.sources for account in disagreement.accounts), disagreement.id
    marked = [r for r in [*dataset.memberships, *dataset.relations] if r.disagreement]
    assert marked, "no record is an account of a disagreement"
    assert all(kinds.get(record.disagreement) == "disagreement" for record in marked)


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason=f"the seed article is not at {SEED_ARTICLE}")
def test_seed_ties_quote_the_article_verbatim_and_keep_sidorovs_words_attributed(checked):
    dataset, _kinds, _problems = checked
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    seed_ties = [r for r in dataset.relations if any(c.source == SEED_SOURCE for c in r.sources)]
    assert {"designates-as-terrorist", "branch-of", "blames", "security-cooperation", "gives-assurances"} <= {
        relation.type for relation in seed_ties}
    for relation in seed_ties:
        assert all(c.locator and c.locator.startswith("paragraph ") for c in relation.sources), relation.id
        for quote in re.findall(r"“([^”]*)”", relation.note or ""):
            for piece in quote.split(" …"):  # an ellipsis marks words left out
                assert piece.strip(" )") in article, (relation.id, piece)
        # Sidorov's press conference is paragraph 9: what it says is his claim, and the note says so.
        if any(c.source == SEED_SOURCE and c.locator == "paragraph 9" for c in relation.sources):
            assert "Sidorov" in (relation.note or ""), relation.id


# ---------------------------------------------------------------- the contradiction rule on real records

def _role_history(dataset: Dataset) -> tuple[Membership, Membership]:
    """Two dated memberships of one member and organization in different roles, earlier first."""
    by_pair: dict[tuple[str, str], list[Membership]] = defaultdict(list)
    for membership in dataset.memberships:
        if membership.start and not membership.disagreement:
            by_pair[(membership.member, membership.organization)].append(membership)
    for records in by_pair.values():
        records.sort(key=lambda m: m.start)
        for earlier, later in zip(records, records[1:], strict=False):
            if earlier.role != later.role and earlier.end:
                return earlier, later
    pytest.skip("the data holds no dated role history")


def test_a_real_role_history_pushed_to_overlap_is_refused_naming_both_lines(checked):
    dataset, _kinds, _problems = checked
    earlier, later = _role_history(dataset)
    assert check_periods(Dataset(memberships=[earlier, later])) == []  # as written: a handover
    overlapping = dataclasses.replace(later, start=earlier.start)
    problems = check_periods(Dataset(memberships=[earlier, overlapping]))
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line) == (later.origin.path, later.origin.line)
    assert CONTRADICTS.search(problem.message).groups() == ("membership", earlier.origin.path,
                                                           str(earlier.origin.line))
    assert f"role {earlier.role} vs {later.role}" in problem.message
    assert "mark both with the same `disagreement:` if sources differ" in problem.message
    marked = [dataclasses.replace(m, disagreement="some-dispute") for m in (earlier, overlapping)]
    assert check_periods(Dataset(memberships=marked)) == []


def test_a_real_disputed_pair_of_ties_is_refused_without_its_disagreement(checked):
    dataset, _kinds, _problems = checked
    by_fact: dict[tuple, list[Relation]] = defaultdict(list)
    for relation in dataset.relations:
        if relation.disagreement:
            by_fact[(relation.subject, relation.type, relation.object, relation.disagreement)].append(relation)
    pairs = [records for records in by_fact.values() if len(records) >= 2]
    if not pairs:
        pytest.skip("no disagreement has two ties of one type between the same records")
    first, second = pairs[0][:2]
    assert check_periods(Dataset(relations=[first, second])) == []
    unmarked = dataclasses.replace(second, disagreement=None)
    problems = check_periods(Dataset(relations=[first, unmarked]))
    assert [CONTRADICTS.search(p.message).groups() for p in problems] == [
        ("relation", first.origin.path, str(first.origin.line))]


# ---------------------------------------------------------------- the same rules from YAML text

def _check_copy(tmp_path: Path, addition: str) -> list[str]:
    """The real data with text appended to memberships.yml: every problem the check reports."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DIR / "data", data)
    with (data / "memberships.yml").open("a", encoding="utf-8") as stream:
        stream.write(addition)
    loaded = load_data_folder(data)
    dataset, raw_by_id, problems = validate_records(loaded)
    kinds = kinds_by_id(raw_by_id)
    return [p.format() for p in problems + check_references(loaded, kinds) + check_consistency(dataset, kinds)]


def test_an_overlapping_yaml_record_is_refused_even_when_only_it_is_marked(tmp_path, checked):
    dataset, _kinds, _problems = checked
    earlier, later = _role_history(dataset)
    addition = (f"\n- member: {later.member}\n  organization: {later.organization}\n  role: {later.role}\n"
                f"  as_of: \"{earlier.start}\"\n  sources: [{SEED_SOURCE}]\n")
    problems = _check_copy(tmp_path / "plain", addition)
    assert len(problems) == 1 and "contradicts the membership at data/memberships.yml:" in problems[0]
    # Marking only the new record is not enough: both accounts must carry the disagreement.
    marked = addition + f"  disagreement: {dataset.disagreements[0].id}\n"
    assert len(_check_copy(tmp_path / "one-marked", marked)) == 1


def test_new_references_are_checked_like_every_other(tmp_path, checked):
    dataset, _kinds, _problems = checked
    member = dataset.memberships[0]
    addition = (f"\n- member: {member.member}\n  organization: {member.organization}\n  role: {member.role}\n"
                f"  status: frozn\n  start: \"1990\"\n  end: \"1991\"\n  started_by: no-such-event\n"
                f"  disagreement: no-such-dispute\n  sources: [{SEED_SOURCE}]\n")
    problems = _check_copy(tmp_path, addition)
    assert any("status: 'frozn' is not allowed; did you mean 'frozen'?" in line for line in problems)
    assert any("started_by: unknown event 'no-such-event'" in line for line in problems)
    assert any("disagreement: unknown disagreement 'no-such-dispute'" in line for line in problems)
