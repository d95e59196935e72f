"""Identifiers other datasets use: ISO 3166-1 codes agree with pycountry and the map, Wikidata items are
cited, and the check refuses a malformed or misplaced one."""
from __future__ import annotations

import json

import pycountry
import pytest

from tests.data.test_validation import ACTORS, problems_for
from tests.support import PROJECT_DIR

CITED = "  identifier_sources: [src]\n"


@pytest.fixture(scope="module")
def dataset(real_data):
    assert real_data.problems == []
    return real_data.dataset


def test_every_state_carries_its_iso_codes_as_pycountry_knows_them(dataset):
    states = [actor for actor in dataset.actors if actor.type == "state"]
    assert states
    for state in states:
        assert state.iso_alpha2 and state.iso_alpha3, f"{state.id}: a state carries both ISO 3166-1 codes"
        country = pycountry.countries.get(alpha_2=state.iso_alpha2)
        assert country is not None, f"{state.id}: {state.iso_alpha2} is no ISO 3166-1 alpha-2 code"
        assert country.alpha_3 == state.iso_alpha3, f"{state.id}: {state.iso_alpha2} is {country.alpha_3}"


def test_the_iso_codes_name_the_same_country_as_the_map_shape(dataset):
    # data/geo/region.json comes from Natural Earth, independently of the codes' own source.
    region = json.loads((PROJECT_DIR / "data" / "geo" / "region.json").read_text(encoding="utf-8"))
    by_id = {actor.id: actor for actor in dataset.actors}
    for shape in region["countries"]:
        if shape["actor"]:
            country = pycountry.countries.get(alpha_3=by_id[shape["actor"]].iso_alpha3)
            assert country.numeric == shape["iso_numeric"], shape["actor"]


def test_every_identifier_cites_a_published_dataset(dataset):
    sources = {source.id: source for source in dataset.sources}
    holders = [r for r in [*dataset.actors, *dataset.organizations] if r.wikidata or getattr(r, "iso_alpha2", None)]
    assert len(holders) >= 40
    for record in holders:
        assert record.identifier_sources, record.id
        for citation in record.identifier_sources:
            assert sources[citation.source].kind == "reference" and sources[citation.source].url, record.id
            assert citation.locator, f"{record.id}: the row of the dataset is named"


def test_the_check_refuses_a_malformed_wikidata_item_and_iso_code(tmp_path):
    actors = ACTORS.replace("of: ctso", "of: csto").replace(
        "  name: Kazakhstan\n", "  name: Kazakhstan\n  wikidata: q232\n  iso_alpha2: Kz\n  iso_alpha3: KAZ\n" + CITED)
    found = problems_for(tmp_path, actors=actors)
    assert "data/actors.yml:4: kazakhstan: wikidata: 'q232' is not a well-formed wikidata " \
           "(expected Its Wikidata item, e.g. 'Q889')" in found
    assert "data/actors.yml:5: kazakhstan: iso_alpha2: 'Kz' is not a well-formed iso_alpha2 " \
           "(expected For states: the ISO 3166-1 alpha-2 code, e.g. 'AF')" in found


def test_the_check_wants_iso_codes_on_states_only_and_every_identifier_cited(tmp_path):
    actors = ACTORS.replace("of: ctso", "of: csto").replace(
        "  name: Chief\n", "  name: Chief\n  wikidata: Q1\n  iso_alpha2: KZ\n").replace(
        "  name: Kazakhstan\n", "  name: Kazakhstan\n  wikidata: Q1\n" + CITED)
    found = problems_for(tmp_path, actors=actors)
    assert any("csto-chief: wikidata: an identifier without a source" in line for line in found)
    assert any("csto-chief: iso_alpha2: ISO 3166-1 codes belong to states, not to a person" in line for line in found)
    assert any("csto-chief: wikidata: 'Q1' is also the Wikidata item of 'kazakhstan'" in line for line in found)
