"""What each piece of speed machinery saves: one project built with each piece switched off.

    .venv/bin/python bench/generate.py --actors 1000 --seed 1 --out /tmp/bench-1000
    .venv/bin/python bench/machinery.py /tmp/bench-1000

Every build is strict, in a fresh process, measured in CPU seconds (user + system) and peak memory
of that process. The pieces and their switches are listed in macros/load/switches.py. The parse
cache is measured as a user meets it: a second build of unchanged data (as each `mkdocs serve`
rebuild is) against the first. The serve loop (plain `mkdocs serve`) is measured by run.py
(--serve-actors). Results go to bench/README.md.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run_measured

VARIANTS = {
    "all on (cold parse cache)": {},
    "fast YAML reader off": {"REFERENCE_FAST_YAML": "off"},
    "garbage-collector tuning off": {"REFERENCE_GC_TUNING": "off"},
    "held fragments off": {"REFERENCE_HOLD_FRAGMENTS": "off"},
}


def build(project: Path, environment: dict[str, str], cache: Path) -> dict:
    """One strict build of the project; CPU seconds, wall seconds and peak memory."""
    with tempfile.TemporaryDirectory() as site_dir:
        wall, cpu, peak, _ = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir],
                                          cwd=project,
                                          extra_environment={"REFERENCE_PARSE_CACHE": str(cache), **environment})
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "peak_mib": round(peak / 2**20)}


def main(argv: list[str] | None = None) -> int:
    """Build the project once per variant and print a table and a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a project written by bench/generate.py")
    arguments = parser.parse_args(argv)
    results = {}
    for name, environment in VARIANTS.items():
        with tempfile.TemporaryDirectory() as cache:
            results[name] = build(arguments.project, environment, Path(cache))
            if not environment:  # the same cache again: every data file is read back from it
                results["all on, warm parse cache (a rebuild)"] = build(arguments.project, {}, Path(cache))
        print(f"{name}: {results[name]}", file=sys.stderr)
    base = results["all on (cold parse cache)"]["cpu_s"]
    print(f"{'variant':45} {'CPU s':>8} {'vs all on':>10} {'peak MiB':>9}")
    for name, figures in results.items():
        print(f"{name:45} {figures['cpu_s']:8.2f} {figures['cpu_s'] / base:10.2f} {figures['peak_mib']:9d}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
