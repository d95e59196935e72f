"""`python -m macros schema`: write or compare the committed JSON Schema files."""
from __future__ import annotations

from pathlib import Path

from ..export.schema import SCHEMA_FOLDER, find_outdated_schemas, write_schemas
from ..model.records import KINDS
from .status import EXIT_CLEAN, EXIT_PROBLEMS


def run_schema(project_dir: Path, *, check_only: bool = False) -> int:
    """`python -m macros schema`: write (or with check_only, just compare) the committed schema files."""
    folder = project_dir / SCHEMA_FOLDER
    if check_only:
        outdated = find_outdated_schemas(folder)
        for name in outdated:
            print(f"{SCHEMA_FOLDER}/{name}: out of date with macros/model/records.py; run `python -m macros schema`")
        print("The schema files are up to date." if not outdated else f"{len(outdated)} schema file(s) out of date.")
        return EXIT_PROBLEMS if outdated else EXIT_CLEAN
    changed = write_schemas(folder)
    for name in changed:
        print(f"wrote {SCHEMA_FOLDER}/{name}")
    print(f"{len(changed)} schema file(s) written; {len(KINDS) - len(changed)} already up to date.")
    return EXIT_CLEAN
