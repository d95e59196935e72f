"""The STIX 2.1 bundle: the stix2-validator package passes it, its ids are deterministic, and every
record, tie and event is in it with its sources."""
from __future__ import annotations

import dataclasses
import json
import operator

import pytest

from macros.export.stix import StixMemo, build_bundle, render_stix_bundle, stix_id
from macros.model.dataset import Dataset
from macros.model.records import KIND_NAMES


@pytest.fixture(scope="module")
def dataset(real_site):
    return real_site.index.dataset


@pytest.fixture(scope="module")
def bundle(dataset):
    return json.loads(render_stix_bundle(dataset))


@pytest.mark.slow  # a researcher's tool over the real downloads: seconds, not milliseconds
def test_the_stix2_validator_passes_the_bundle(bundle):
    from stix2validator import ValidationOptions, validate_instance  # 1.3 s to import: only where used

    results = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(error) for error in results.errors][:10]


def test_the_same_data_gives_the_same_bundle(dataset, bundle):
    assert build_bundle(dataset) == bundle
    assert stix_id("identity", "russia") == stix_id("identity", "russia") != stix_id("identity", "china")


def test_records_ties_and_events_are_in_the_bundle_with_their_sources(dataset, bundle):
    by_id = {node["id"]: node for node in bundle["objects"]}
    for actor in dataset.actors:
        kind = "threat-actor" if actor.type == "armed-group" else "identity"
        node = by_id[stix_id(kind, actor.id)]
        assert node["name"] == actor.name
        assert {ref["external_id"] for ref in node["external_references"]} >= {c.source for c in actor.sources}
    relationships = [node for node in bundle["objects"] if node["type"] == "relationship"]
    assert len(relationships) == len(dataset.memberships) + len(dataset.relations)
    for node in relationships:
        assert node["source_ref"] in by_id and node["target_ref"] in by_id
        if "stop_time" in node and "start_time" in node:
            assert node["stop_time"] > node["start_time"]
    reports = [node for node in bundle["objects"] if node["type"] == "report"]
    assert len(reports) == sum(1 for event in dataset.events if event.participants or event.organizations)
    assert all(ref in by_id for node in reports for ref in node["object_refs"])


def test_the_bundle_written_with_a_memo_is_the_same_text(dataset):
    # Under `mkdocs serve` each object's text is kept between builds: the file must not change for it.
    memo = StixMemo()
    plain = render_stix_bundle(dataset)
    assert render_stix_bundle(dataset, memo) == plain and len(memo.blocks) == 4
    kept = list(memo.blocks)
    assert render_stix_bundle(dataset, memo) == plain
    assert all(map(operator.is_, memo.blocks, kept))  # every group read back whole, none written again


def test_after_edits_the_bundle_written_with_a_memo_is_a_clean_build(dataset):
    # Records kept from unchanged files reuse their texts; edited ones, and all after a source edit, are new.
    memo = StixMemo()
    render_stix_bundle(dataset, memo)
    actor = next(actor for actor in dataset.actors if actor.type == "armed-group")
    edited = _with(dataset, "actors", actor, dataclasses.replace(actor, summary="Edited.", name="Renamed"))
    before = list(memo.blocks)
    assert render_stix_bundle(edited, memo) == render_stix_bundle(edited)
    # Only the group of the edited record is written again; the memberships, relations and events are reused.
    assert [block is old for block, old in zip(memo.blocks, before, strict=True)] == [False, True, True, True]
    retyped = _with(edited, "actors", actor, dataclasses.replace(actor, type="person"))  # another object type
    assert render_stix_bundle(retyped, memo) == render_stix_bundle(retyped)
    source = retyped.sources[0]
    resourced = _with(retyped, "sources", source, dataclasses.replace(source, title="Another title"))
    assert render_stix_bundle(resourced, memo) == render_stix_bundle(resourced)
    assert render_stix_bundle(dataset, memo) == render_stix_bundle(dataset)


@pytest.mark.parametrize("kind", ["memberships", "relations", "events"])
def test_an_edit_to_any_group_or_to_its_order_gives_a_clean_build(dataset, kind):
    # Each group is reused whole only while every record in it is the same object in the same place.
    memo = StixMemo()
    render_stix_bundle(dataset, memo)
    records = dataset.records_of(kind)
    first, last = records[0], records[-1]
    changed_note = _with(dataset, kind, first, dataclasses.replace(first, note="An edited note.")) \
        if kind != "events" else _with(dataset, kind, first, dataclasses.replace(first, title="An edited title"))
    assert render_stix_bundle(changed_note, memo) == render_stix_bundle(changed_note)
    swapped = _swapped(dataset, kind, first, last)  # two records change places
    assert render_stix_bundle(swapped, memo) == render_stix_bundle(swapped)
    removed = _without(dataset, kind, last)  # one record fewer: an id leaves the bundle, so does its id
    assert render_stix_bundle(removed, memo) == render_stix_bundle(removed)
    assert render_stix_bundle(dataset, memo) == render_stix_bundle(dataset)


def _with(dataset: Dataset, kind: str, old, new) -> Dataset:
    """A copy of the dataset with one record replaced by another object, every other record the same object."""
    copy = Dataset()
    for name in KIND_NAMES:
        copy.records_of(name).extend(new if record is old else record for record in dataset.records_of(name))
    return copy


def _without(dataset: Dataset, kind: str, old) -> Dataset:
    """A copy of the dataset without one record, every other record the same object."""
    copy = Dataset()
    for name in KIND_NAMES:
        copy.records_of(name).extend(record for record in dataset.records_of(name) if record is not old)
    return copy


def _swapped(dataset: Dataset, kind: str, one, other) -> Dataset:
    """A copy of the dataset with two records of a kind in each other's place."""
    copy = _without(dataset, kind, None)
    records = copy.records_of(kind)
    first, second = records.index(one), records.index(other)
    records[first], records[second] = other, one
    return copy
