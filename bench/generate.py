"""Write a synthetic but valid copy of the site at a chosen size, for the benchmark.

    python bench/generate.py --actors 1000 --seed 1 --out /tmp/bench-1000

The project it writes has the real site's shape: mkdocs.yml and the overview pages copied from
this repository, a copy of macros/ (so a build measures the code as committed), data/*.yml, and
one page per actor and organization like docs/actors/*.md and docs/organizations/*.md. The
records and pages come from synthetic.py (its docstring gives the proportions). The same seed
writes the same project, byte for byte.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml
from synthetic import PAGE_SHAPES, make_actor_page, make_dataset, make_organization_page

REPOSITORY = Path(__file__).resolve().parent.parent
# Record pages are generated; every other file under docs/ (overview pages, CSS) is copied.
RECORD_FOLDERS = ("actors", "organizations")
MARKER = ".bench-generated"
# What a project needs besides its generated records: configuration, code, theme overrides, pages.
FRAME = ("mkdocs.yml", "macros", "overrides", "hooks", "docs", "data")
DATA_KINDS = ("sources", "actors", "organizations", "memberships", "events", "statements", "relations",
              "disagreements")


# ---------------------------------------------------------------- what the copied site expects

def mapped_states(root: Path) -> list[tuple[str, str]]:
    """(actor id, name) of the states that map geometry under data/geo/ ties to actors, if any."""
    found = []
    for path in sorted((root / "data" / "geo").glob("*.json")) if (root / "data" / "geo").is_dir() else []:
        for country in json.loads(path.read_text(encoding="utf-8")).get("countries", []):
            if country.get("actor") and (country["actor"], country.get("name")) not in found:
                found.append((country["actor"], country.get("name") or country["actor"]))
    return found


def linked_records(root: Path) -> dict[str, list[str]]:
    """Record ids that the copied overview pages link to ('actors/iskp.md'), by folder."""
    found: dict[str, list[str]] = {folder: [] for folder in RECORD_FOLDERS}
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        relative = path.relative_to(docs)
        if relative.parts[0] in RECORD_FOLDERS and path.name != "index.md":
            continue  # record pages are generated, not copied
        for folder, record_id in re.findall(r"(actors|organizations)/([a-z0-9-]+)\.md", path.read_text("utf-8")):
            if record_id != "index" and record_id not in found[folder]:
                found[folder].append(record_id)
    return found


# ---------------------------------------------------------------- the project

def export_revision(revision: str, into: Path) -> Path:
    """Extract the site's files as committed at a git revision into a folder; return it."""
    names = subprocess.run(["git", "ls-tree", "--name-only", revision], cwd=REPOSITORY, check=True,
                           capture_output=True, text=True).stdout.split()
    wanted = [name for name in FRAME if name in names]
    archive = subprocess.run(["git", "archive", revision, *wanted], cwd=REPOSITORY, check=True,
                             capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def copy_site_frame(root: Path, out: Path) -> None:
    """Copy mkdocs.yml, macros/, theme overrides, non-record data and every non-record page from root."""
    shutil.copy2(root / "mkdocs.yml", out / "mkdocs.yml")
    for name in FRAME[1:]:
        if name in ("docs", "data") or not (root / name).is_dir():
            continue
        shutil.copytree(root / name, out / name, ignore=shutil.ignore_patterns("__pycache__"))
    for path in sorted((root / "data").iterdir()) if (root / "data").is_dir() else []:
        # Extra data (e.g. map geometry) comes along; the kinds of records are generated.
        if path.name.split(".")[0] not in DATA_KINDS:
            copy = shutil.copytree if path.is_dir() else shutil.copy2
            copy(path, out / "data" / path.name)
    docs = root / "docs"
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        is_record_page = (relative.parts[0] in RECORD_FOLDERS and len(relative.parts) == 2
                          and path.suffix == ".md" and path.name != "index.md")
        if path.is_file() and not is_record_page:
            target = out / "docs" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            if path.suffix == ".md":
                target.write_text(unlink_record_pages(target.read_text(encoding="utf-8")), encoding="utf-8")


# A prose link to one record page, e.g. [CSTO](organizations/csto.md#members); index pages excluded.
_RECORD_LINK = re.compile(r"\[([^\]]*)\]\((?:\.\./)*(?:actors|organizations)/(?!index\.md)[a-z0-9-]+\.md(?:#[^)]*)?\)")


def unlink_record_pages(markdown: str) -> str:
    """Turn links to the real site's record pages into plain text: the synthetic data has other records."""
    return _RECORD_LINK.sub(r"\1", markdown)


def write_project(actor_count: int, seed: int, out: Path, revision: str | None = None,
                  page_shape: str = PAGE_SHAPES[0]) -> dict[str, int]:
    """Write the whole project into out (emptied first); return the record counts.

    The site's code and overview pages come from the working tree, or from a git revision if given.
    """
    if out.exists() and any(out.iterdir()):
        # Only ever delete a folder this script wrote: a typo must not wipe a real project.
        if not (out / MARKER).is_file():
            raise SystemExit(f"{out} exists and was not written by bench/generate.py; choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by bench/generate.py; safe to delete\n", encoding="utf-8")
    (out / "data").mkdir()
    with tempfile.TemporaryDirectory() as folder:
        root = export_revision(revision, Path(folder)) if revision else REPOSITORY
        copy_site_frame(root, out)
        named_states, linked = mapped_states(root), linked_records(root)
    dataset = make_dataset(actor_count, seed, named_states, linked)
    for kind, records in dataset.items():
        text = yaml.dump(records, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                         allow_unicode=True, width=100)
        (out / "data" / f"{kind}.yml").write_text(f"# Synthetic {kind} (bench/generate.py, seed {seed}).\n" + text,
                                                  encoding="utf-8")
    rng = random.Random(seed + 1)
    actor_ids = [actor["id"] for actor in dataset["actors"]]
    for actor in dataset["actors"]:
        (out / "docs" / "actors" / f"{actor['id']}.md").write_text(
            make_actor_page(actor, rng, actor_ids, dataset["organizations"], page_shape), encoding="utf-8")
    for organization in dataset["organizations"]:
        (out / "docs" / "organizations" / f"{organization['id']}.md").write_text(
            make_organization_page(organization, rng, actor_ids, page_shape), encoding="utf-8")
    return {kind: len(records) for kind, records in dataset.items()}


def main(argv: list[str] | None = None) -> None:
    """Command line: --actors N --seed S --out DIR."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=100, help="number of actors (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    parser.add_argument("--code-from", metavar="REVISION",
                        help="take code and overview pages from this git revision (e.g. HEAD), not the work tree")
    parser.add_argument("--page-shape", choices=PAGE_SHAPES, default=PAGE_SHAPES[0],
                        help="how record pages are laid out (default: as docs/actors/*.md are written today)")
    arguments = parser.parse_args(argv)
    counts = write_project(arguments.actors, arguments.seed, arguments.out, arguments.code_from,
                           arguments.page_shape)
    print(f"{arguments.out}: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))


if __name__ == "__main__":
    main()
