"""What each piece of speed machinery saves: projects built with each piece switched off, sizes interleaved.

    .venv/bin/python bench/generate.py --actors 100 --seed 1 --out /tmp/bench-100
    .venv/bin/python bench/generate.py --actors 1000 --seed 1 --out /tmp/bench-1000
    .venv/bin/python bench/machinery.py /tmp/bench-100 /tmp/bench-1000 [--rounds 3]

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
    "parse cache off": {"REFERENCE_PARSE_CACHE": "off"},
    "fast YAML reader off": {"REFERENCE_FAST_YAML": "off"},
    "garbage-collector tuning off": {"REFERENCE_GC_TUNING": "off"},
    "held fragments off": {"REFERENCE_HOLD_FRAGMENTS": "off"},
}
WARM = "all on, warm parse cache (a rebuild)"


def build(project: Path, environment: dict[str, str], cache: Path) -> dict:
    """One strict build of the project; CPU seconds, wall seconds and peak memory."""
    with tempfile.TemporaryDirectory() as site_dir:
        wall, cpu, peak, _ = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir],
                                          cwd=project,
                                          extra_environment={"REFERENCE_PARSE_CACHE": str(cache), **environment})
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "peak_mib": round(peak / 2**20)}


def measure_round(projects: list[Path]) -> dict[str, dict[str, dict]]:
    """One build per variant and project, variants interleaved across projects (the machine's load hits all alike)."""
    results: dict[str, dict[str, dict]] = {str(project): {} for project in projects}
    for name, environment in VARIANTS.items():
        for project in projects:
            with tempfile.TemporaryDirectory() as cache:
                results[str(project)][name] = build(project, environment, Path(cache))
                if not environment:  # the same cache again: every data file is read back from it
                    results[str(project)][WARM] = build(project, {}, Path(cache))
            print(f"{project.name} {name}: {results[str(project)][name]}", file=sys.stderr)
    return results


def main(argv: list[str] | None = None) -> int:
    """Build each project once per variant per round and print a table per project and a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=Path, nargs="+", help="projects written by bench/generate.py")
    parser.add_argument("--rounds", type=int, default=1, help="builds per variant and project (the median is shown)")
    arguments = parser.parse_args(argv)
    rounds = [measure_round(arguments.projects) for _ in range(arguments.rounds)]
    summary = {}
    for project in arguments.projects:
        figures = {name: _median([run[str(project)][name] for run in rounds]) for name in rounds[0][str(project)]}
        summary[str(project)] = figures
        base = figures["all on (cold parse cache)"]["cpu_s"]
        print(f"{project}\n{'variant':45} {'CPU s':>8} {'vs all on':>10} {'peak MiB':>9}")
        for name, measured in figures.items():
            print(f"{name:45} {measured['cpu_s']:8.2f} {measured['cpu_s'] / base:10.2f} {measured['peak_mib']:9d}")
    print(json.dumps({"rounds": rounds, "median": summary}))
    return 0


def _median(runs: list[dict]) -> dict:
    """The run with the median CPU time."""
    return sorted(runs, key=lambda run: run["cpu_s"])[len(runs) // 2]


if __name__ == "__main__":
    sys.exit(main())
