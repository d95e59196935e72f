"""`python -m macros schema`: writes schema/*.schema.json from the model, and `--check` says when they are stale."""
from __future__ import annotations

import json
from pathlib import Path

from macros.export.schema import kind_schema
from macros.model.records import KINDS
from tests.support import PROJECT_DIR, run_cli


def test_the_committed_schemas_are_reported_up_to_date():
    result = run_cli(PROJECT_DIR, "schema", "--check")
    assert result == (0, "The schema files are up to date.\n", "")


def test_check_names_a_stale_file_and_schema_rewrites_it(tmp_path: Path):
    folder = tmp_path / "schema"
    assert run_cli(tmp_path, "schema").returncode == 0
    written = sorted(path.name for path in folder.iterdir())
    assert written == sorted(f"{kind}.schema.json" for kind in KINDS)
    assert json.loads((folder / "actors.schema.json").read_text(encoding="utf-8")) == kind_schema(KINDS["actors"])

    (folder / "actors.schema.json").write_text("{}\n", encoding="utf-8")
    stale = run_cli(tmp_path, "schema", "--check")
    assert stale.returncode == 1
    assert stale.stdout.splitlines() == [
        "schema/actors.schema.json: out of date with macros/model/records.py; run `python -m macros schema`",
        "1 schema file(s) out of date."]
    assert (folder / "actors.schema.json").read_text(encoding="utf-8") == "{}\n"  # --check writes nothing

    rewritten = run_cli(tmp_path, "schema")
    assert rewritten == (0, f"wrote schema/actors.schema.json\n1 schema file(s) written; {len(KINDS) - 1} already "
                            "up to date.\n", "")
    assert run_cli(tmp_path, "schema", "--check").returncode == 0
