"""Benchmark the site build as the data grows: `python bench/run.py [--sizes 100,1000,3000]`.

For each size (number of actors) it generates a project (bench/generate.py), then measures:
- our build: `mkdocs build --strict` of the generated project (wall time, peak memory);
- plain Material: the same pages without their template tags, built by mkdocs-material without our
  plugin (same theme, extensions, search and tags): the cost per page our plugin is compared with;
- loading and validating the data alone, in a fresh process;
- output bytes, median and largest page HTML, the search index.
It prints a table, then the targets of issue 5 as ratios, and last one JSON line with every figure.
`--serve-actors N` also measures the editing loop under plain `mkdocs serve`: data file saved -> page served,
with the CPU time of the serve process. Last it prints issue 25's table in one block, with the commit measured.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
# bench/ is not a package: the benchmark runs as a script, its modules side by side.
import generate  # noqa: E402
from report import compute_targets, machine_description, print_issue_table, print_table, print_targets  # noqa: E402
from serve_loop import SERVE_MODES, measure_serve_loop  # noqa: E402

# ---------------------------------------------------------------- running a build

def run_measured(command: list[str], cwd: Path, timeout: float = 3600,
                 extra_environment: dict[str, str] | None = None) -> tuple[float, float, int, str]:
    """Run a command; return wall seconds, CPU seconds, the child's peak RSS in bytes, its output. Raise on failure."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_environment or {}))
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=environment)
        deadline = started + timeout
        while True:  # os.wait4 gives this child's own rusage (not the max over all children)
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                raise RuntimeError(f"{' '.join(command)} timed out after {timeout} s")
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{text[-4000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, text


def mkdocs_build(project: Path, site_dir: Path) -> tuple[float, float, int, dict]:
    """A strict build with a cold parse cache; return its wall time, CPU time, peak memory and our code's CPU time."""
    with tempfile.TemporaryDirectory() as scratch:
        timings = Path(scratch) / "timings.json"
        # An empty cache folder: the build parses every data file, as on CI or a first `mkdocs serve`.
        environment = {"REFERENCE_PARSE_CACHE": str(Path(scratch) / "parse-cache"),
                       "REFERENCE_BUILD_TIMINGS": str(timings)}
        measured = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                 "--site-dir", str(site_dir)], cwd=project, extra_environment=environment)[:3]
        # Plain Material has no plugin of ours and writes no timings.
        return (*measured, json.loads(timings.read_text()) if timings.exists() else {})


# ---------------------------------------------------------------- the floor project

def write_floor_project(project: Path, floor: Path) -> None:
    """Copy the project with every page pre-rendered and the macros plugin removed (in a fresh process)."""
    run_measured([sys.executable, str(BENCH_DIR / "floor_project.py"), str(project), str(floor)], cwd=project)


# ---------------------------------------------------------------- data loading alone

# The 10,000 events are measured first, in a process that holds nothing else yet: measured after
# all other data was loaded, the same work took ~40% longer (a larger heap, not our code).
_LOAD_PROBE = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, ".")
clock = time.perf_counter
started = clock()
from macros.check import integrity, validate
from macros.load import data_files
from macros.model.records import KIND_NAMES
from macros.query import index as query
imported = clock()
records, file_problems = data_files.load_data_file(Path("data/events.yml"), "data/events.yml")
events_parsed = clock()
events_only = data_files.LoadedData({kind: (records if kind == "events" else []) for kind in KIND_NAMES}, [])
validate.validate_records(events_only)
events_checked = clock()
del records, events_only
loaded = data_files.load_data_folder(Path("data"))
parsed = clock()
dataset, raw_by_id, problems = validate.validate_records(loaded)
kind_of_id = integrity.kinds_by_id(raw_by_id)
problems += integrity.check_references(loaded, kind_of_id) + integrity.check_consistency(dataset, kind_of_id)
checked = clock()
index = query.build_index(dataset)
indexed = clock()
print(json.dumps({"problems": len(problems), "import_s": imported - started, "parse_s": parsed - events_checked,
                  "validate_s": checked - parsed, "index_s": indexed - checked, "total_s": indexed - events_checked,
                  "events_parse_s": events_parsed - imported, "events_validate_s": events_checked - events_parsed,
                  "events_total_s": events_checked - imported}))
"""


def measure_data_load(project: Path) -> dict:
    """Time loading, validating and indexing the project's data in a fresh process."""
    _, _, _, output = run_measured([sys.executable, "-c", _LOAD_PROBE], cwd=project)
    figures = json.loads(output.strip().splitlines()[-1])
    if figures["problems"]:
        raise RuntimeError(f"{project}: the generated data has {figures['problems']} problems")
    return figures


# ---------------------------------------------------------------- output sizes

def measure_output(site_dir: Path) -> dict:
    """Total bytes, page HTML sizes (all pages, record pages), the biggest pages, the search index."""
    pages = {path.relative_to(site_dir).as_posix(): path.stat().st_size
             for path in site_dir.rglob("*.html") if path.name != "404.html"}
    record_pages = [size for name, size in pages.items()
                    if re.match(r"(actors|organizations)/[^/]+/index\.html$", name)]
    search_index = site_dir / "search" / "search_index.json"
    biggest = sorted(pages.items(), key=lambda item: -item[1])[:6]
    return {
        "output_bytes": sum(path.stat().st_size for path in site_dir.rglob("*") if path.is_file()),
        "pages": len(pages),
        "median_page_bytes": int(statistics.median(pages.values())),
        "max_page_bytes": max(pages.values()),
        "median_record_page_bytes": int(statistics.median(record_pages)) if record_pages else 0,
        "max_record_page_bytes": max(record_pages, default=0),
        "search_index_bytes": search_index.stat().st_size if search_index.exists() else 0,
        "biggest_pages": dict(biggest),
    }


# ---------------------------------------------------------------- one size

def measure_size(actors: int, seed: int, work: Path, revision: str | None,
                 page_shape: str = generate.PAGE_SHAPES[0]) -> dict:
    """Generate one project and measure everything about it."""
    project = work / f"project-{actors}"
    started = time.perf_counter()
    counts = generate.write_project(actors, seed, project, revision, page_shape)
    generated = time.perf_counter() - started
    load = measure_data_load(project)
    ours_s, ours_cpu, ours_peak, our_code = mkdocs_build(project, work / f"site-{actors}")
    floor = work / f"floor-{actors}"
    write_floor_project(project, floor)
    floor_s, floor_cpu, floor_peak, _ = mkdocs_build(floor, work / f"floor-site-{actors}")
    # The plugin's 'pages' part includes the macros it calls; each macro's own part is a breakdown, not an addition.
    our_code_cpu = sum(seconds for part, seconds in our_code.items() if not part.startswith("macro "))
    output = measure_output(work / f"site-{actors}")
    floor_pages = len([path for path in (work / f"floor-site-{actors}").rglob("*.html") if path.name != "404.html"])
    return {"actors": actors, "page_shape": page_shape, "records": counts, "generate_s": generated,
            "build_s": ours_s, "build_cpu_s": ours_cpu,
            "our_code_cpu_s": our_code_cpu, "our_code_parts_cpu_s": our_code,
            # Our code's share: its CPU time over everything else the same build did (mkdocs, Markdown, theme).
            "our_code_over_engine": our_code_cpu / (ours_cpu - our_code_cpu) if ours_cpu > our_code_cpu else None,
            "floor_s": floor_s, "floor_cpu_s": floor_cpu, "ours_over_floor": ours_s / floor_s,
            "ours_over_floor_cpu": ours_cpu / floor_cpu, "peak_rss_bytes": ours_peak,
            "floor_peak_rss_bytes": floor_peak, "data": load, **output,
            # Cost per page against plain Material building the same pages without our plugin (floor_project.py).
            "ms_per_page": 1000 * ours_cpu / output["pages"], "floor_ms_per_page": 1000 * floor_cpu / floor_pages,
            "ours_over_plain_per_page": (ours_cpu / output["pages"]) / (floor_cpu / floor_pages)}


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000", help="comma-separated actor counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="folder for generated projects and sites (default: a temp folder)")
    parser.add_argument("--code-from", metavar="REVISION", help="benchmark the code of a git revision (e.g. HEAD)")
    parser.add_argument("--serve-actors", type=int, help="also time the `mkdocs serve` edit loop at this size")
    parser.add_argument("--port", type=int, default=8765, help="port for the serve measurement (127.0.0.1)")
    parser.add_argument("--resume", action="store_true", help="reuse sizes already measured in --work")
    parser.add_argument("--page-shape", choices=generate.PAGE_SHAPES, default=generate.PAGE_SHAPES[0],
                        help="how record pages are laid out (default: as docs/actors/*.md are written today)")
    arguments = parser.parse_args(argv)
    sizes = sorted({int(size) for size in arguments.sizes.split(",") if size.strip()})
    # The commit measured, resolved now: the branch may move while the benchmark runs.
    commit = subprocess.run(["git", "rev-parse", "--short", arguments.code_from or "HEAD"], capture_output=True,
                            text=True, cwd=BENCH_DIR).stdout.strip() + ("" if arguments.code_from else " (+ work tree)")
    work = arguments.work or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in sizes:
        saved = work / f"result-{size}.json"  # each size is saved as soon as it is measured
        if arguments.resume and saved.is_file():
            results[size] = json.loads(saved.read_text())
            continue
        print(f"measuring {size:,} actors in {work} ...", file=sys.stderr, flush=True)
        results[size] = measure_size(size, arguments.seed, work, arguments.code_from, arguments.page_shape)
        saved.write_text(json.dumps(results[size]))
    serves = []
    for mode in SERVE_MODES if arguments.serve_actors else ():
        print(f"measuring the serve loop ({mode}) at {arguments.serve_actors:,} actors ...", file=sys.stderr,
              flush=True)
        try:
            serves.append(measure_serve_loop(arguments.serve_actors, arguments.seed, work, arguments.code_from,
                                             arguments.port, mode, arguments.page_shape))
        except RuntimeError as error:  # the build figures are still worth printing
            serves.append({"actors": arguments.serve_actors, "mode": mode, "error": str(error)[-2000:],
                           "rounds": []})
            print(f"serve loop ({mode}) failed: {serves[-1]['error']}", file=sys.stderr)
    print_table(results)
    targets = compute_targets(results)
    print()
    print_targets(results, targets, serves)
    print_issue_table(results, serves, commit)
    print(json.dumps({"machine": machine_description(), "seed": arguments.seed, "commit": commit, "sizes": results,
                      "targets": targets, "serve": serves}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
