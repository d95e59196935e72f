"""axe-core on every page type, in light and dark (tables and pictures of every page: test_static_accessibility.py)."""
from __future__ import annotations

import json

import pytest

# One page of each type a reader meets; the record pages stand for all records of their kind.
PAGE_TYPES = {
    "home": "",
    "actor": "actors/iskp/",
    "actor-person": "actors/amir-khan-muttaqi/",
    "actor-state": "actors/iran/",
    "organization": "organizations/csto/",
    "organizations-matrix": "organizations/",
    "actors-index": "actors/",
    "timeline": "timeline/",
    "statements": "statements/",
    "claims": "claims/",
    "tags": "tags/",
    "editing-guide": "editing/",
    "sources": "sources/",
    "data": "data/",
    "relations": "relations/",
    "disagreements": "disagreements/",
    "changes": "changes/",
}
BLOCKING_IMPACTS = {"serious", "critical"}


def run_axe(page) -> list[dict]:
    """Inject axe-core (bundled by axe-playwright-python, MPL-2.0) and return its violations on the page."""
    from axe_playwright_python.sync_playwright import Axe
    return Axe().run(page).response["violations"]


def describe(violation: dict) -> str:
    """One line per violation: rule, impact, count and the first offending element."""
    first = violation["nodes"][0]
    return (f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}x): "
            f"{first['html'][:120]} :: {first['failureSummary'].splitlines()[-1].strip()}")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_no_serious_or_critical_violations(open_tab, artifacts_dir, page_type, color_scheme):
    tab = open_tab(color_scheme)
    page = tab.open(PAGE_TYPES[page_type])
    violations = run_axe(page)
    # Moderate and minor findings are kept for a person to read, not failed on.
    report = artifacts_dir / "accessibility" / f"axe-{page_type}-{color_scheme}.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps([{"rule": v["id"], "impact": v["impact"], "count": len(v["nodes"]),
                                   "example": describe(v)} for v in violations], indent=1), encoding="utf-8")
    blocking = [describe(v) for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == []


def test_axe_reports_a_known_violation(reader):
    # Proves the check above can fail, and that best-practice rules (moderate) run too.
    page = reader.page
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    found = [(violation["id"], violation["impact"]) for violation in run_axe(page)]
    assert found == [("image-alt", "critical"), ("page-has-heading-one", "moderate")]
