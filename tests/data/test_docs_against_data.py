"""The docs checked against the data and the model: pages, titles, macro calls, field docs, quotes."""
from __future__ import annotations

import re

import pytest

from macros.load.pages import scan_pages
from macros.model.records import KINDS
from tests.support import PROJECT_DIR

SEED_ARTICLE = PROJECT_DIR.parent / "shared" / "seed" / "000_75e8097b893237bf.txt"


@pytest.fixture(scope="module")
def dataset(real_data):
    assert real_data.problems == []
    return real_data.dataset


@pytest.fixture(scope="module")
def pages():
    pages, problems = scan_pages(PROJECT_DIR / "docs", PROJECT_DIR)
    assert problems == []
    return pages


def test_every_actor_and_organization_has_one_page_in_its_folder(dataset, pages):
    by_record = {page.record: page for page in pages if page.record}
    expected = {a.id: f"actors/{a.id}.md" for a in dataset.actors}
    expected.update({o.id: f"organizations/{o.id}.md" for o in dataset.organizations})
    assert {record: page.src for record, page in by_record.items()} == expected


def test_each_record_page_is_titled_with_its_record_name(dataset, pages):
    names = {record.id: record.name for record in dataset.actors + dataset.organizations}
    for page in pages:
        if page.record:
            title = re.search(r"^# (.+)$", page.body, re.MULTILINE)
            assert title and title.group(1).strip() == names[page.record], page.path


def test_each_record_page_opens_with_its_profile_then_a_cited_summary_then_its_history(pages):
    for page in pages:
        if page.record:
            body = page.body
            assert "{{ profile() }}" in body and "{{ history() }}" in body, page.path
            summary = body[body.index("{{ profile() }}"):body.index("{{ history() }}")]
            assert "{{ cite(" in summary, f"{page.path}: its summary cites no source"
            # Pages of today name their sources by title; none is framed around one of them.
            assert "the article" not in body.lower() and "seed" not in body.lower(), page.path


def test_the_data_page_documents_every_kind_and_field():
    text = (PROJECT_DIR / "docs" / "data.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        assert f"`{kind.name}.yml`" in text, kind.name
        for field in kind.fields:
            nested = [field] + list(field.item_fields)
            for documented in nested:
                assert f"`{documented.name}`" in text, f"docs/data.md does not document {kind.name}.{documented.name}"


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason=f"the seed article is not at {SEED_ARTICLE}")
def test_quotes_are_verbatim_from_the_article(dataset):
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    for statement in dataset.statements:
        if statement.quote and statement.sources[0].source == "diplomat-2023-russia-taliban":
            assert statement.quote in article, statement.id
