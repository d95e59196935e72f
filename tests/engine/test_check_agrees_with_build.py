"""Property: on any project made of harmless and hostile edits, `check` never crashes, passes exactly when
`mkdocs build --strict` passes, and a failed build leaves the earlier output byte for byte.

Hypothesis draws a set of edits to the minimal project (each a real editor's slip or an attack); every
example is a real check and a real build, run side by side. Under CI the examples are drawn from a fixed
seed (derandomize), so a failure there is reproduced by running the test again.
"""
from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import examples, run_checker, run_mkdocs_build, snapshot

pytestmark = pytest.mark.build

# (file, text appended): harmless prose, template code that fails, links that lead nowhere, markup.
EDITS = [
    ("docs/index.md", "\nA plain sentence.\n"),
    ("docs/index.md", "\n## A new heading\n\n[to it](#a-new-heading)\n"),
    ("docs/statements.md", "\n<script>alert(1)</script> and {% raw %}{{ raw }}{% endraw %}\n"),
    ("docs/sources.md", "\n{{ 1 // 0 }}\n"),
    ("docs/index.md", "\n{{ page.meta.nope }}\n"),
    ("docs/timeline.md", '\n{% include "missing.md" %}\n'),
    ("docs/statements.md", "\n[nowhere](index.md#no-such-heading)\n"),
    ("docs/actors/alpha-land.md", "\n[missing page](no-such-page.md)\n"),
    ("docs/actors/alpha-land.md", "\n{{ profile(record='no-such-record') }}\n"),
    ("docs/organizations/pact.md", "\n{{ no_such_macro() }}\n"),
    ("docs/actors/beta-land.md", "\n{% if %}\n"),
    ("data/actors.yml", "\n- id: gamma-land\n  type: state\n  name: Gamma\n  summary: x\n  sources: [nope]\n"),
    ("data/actors.yml", "\n- id: 'evil\\u001b[31m'\n"),
    ("data/events.yml", "\n- {id: x, title: 12:30}\n"),
    ("data/sources.yml", "\n- &a {id: a}\n- *a\n"),
]


@settings(max_examples=examples(6), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(chosen=st.lists(st.sampled_from(range(len(EDITS))), min_size=1, max_size=3, unique=True))
def test_check_passes_exactly_when_the_build_passes(good_project: Path, tmp_path_factory: pytest.TempPathFactory,
                                                   chosen: list[int]) -> None:
    project = tmp_path_factory.mktemp("example") / "project"
    shutil.copytree(good_project, project, symlinks=True)
    for index in chosen:
        path, text = EDITS[index]
        with (project / path).open("a", encoding="utf-8") as file:
            file.write(text)
    before = snapshot(project / "site")
    with ThreadPoolExecutor(max_workers=2) as pool:
        checking = pool.submit(run_checker, project, "check")
        built = run_mkdocs_build(project / "mkdocs.yml", project / "site")
        checked = checking.result()
    edits = [EDITS[index] for index in chosen]
    assert checked.returncode in (0, 1) and "Traceback" not in checked.stderr, (edits, checked.stderr)
    assert (checked.returncode == 0) == (built.returncode == 0), (edits, checked.stdout, built.stderr[-2000:])
    if built.returncode != 0:
        assert snapshot(project / "site") == before, (edits, "a failed build changed the earlier output")
    assert [path.name for path in project.iterdir() if ".building-" in path.name] == []
