"""Benchmark the site build as the data grows: `python bench/run.py [--sizes 100,1000,3000]`.

For each size (number of actors) it generates a project (bench/generate.py), then measures:
- our build: `mkdocs build --strict` of the generated project (wall time, peak memory);
- the floor: the very same pages with every macro call replaced by its rendered output (rendered
  through macros/glue.py's own hooks, page by page), built by plain mkdocs-material without the
  macros plugin; our build minus the floor is the cost of the data layer;
- loading and validating the data alone, in a fresh process;
- output bytes, median and largest page HTML, the search index.
It prints a table, then the targets of issue 5 as ratios, and last one JSON line with every figure.
`--serve-actors N` also measures the editing loop: data file saved -> page rebuilt under `mkdocs serve`.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
import generate  # noqa: E402  (bench/ is not a package: the benchmark runs as a script)

GIB = 1024 ** 3
TARGETS = {  # name: (limit, description)
    "ours_over_floor_1000": (1.10, "our build / floor build at 1,000 actors (CPU)"),
    "time_3000_over_1000": (3.3, "build time at 3,000 / at 1,000 actors (CPU)"),
    "median_page_3000_over_100": (1.2, "median page HTML at 3,000 actors / at 100 actors"),
    "load_validate_10000_events_s": (1.0, "load + validation of 10,000 events (s, events.yml)"),
    "peak_memory_3000_gib": (1.0, "peak memory of the 3,000-actor build (GiB)"),
}


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
        # The floor has no macros plugin and writes no timings.
        return (*measured, json.loads(timings.read_text()) if timings.exists() else {})


# ---------------------------------------------------------------- the floor project

def write_floor_project(project: Path, floor: Path) -> None:
    """Copy the project with every page pre-rendered and the macros plugin removed (in a fresh process)."""
    run_measured([sys.executable, str(Path(__file__).resolve()), "--render-floor", str(project), str(floor)],
                 cwd=project)


def without_macros_plugin(config_text: str) -> str:
    """mkdocs.yml text minus the `- macros:` plugin entry and its indented options."""
    lines, skipping, indent = [], False, 0
    for line in config_text.splitlines(keepends=True):
        stripped = line.lstrip()
        current = len(line) - len(stripped)
        if skipping and stripped and current <= indent:
            skipping = False
        if re.match(r"-\s+macros\s*:?\s*$", stripped):
            skipping, indent = True, current
        if not skipping:
            lines.append(line)
    return "".join(lines)


class _FakeEnv:
    """The slice of mkdocs-macros' env that macros/glue.py uses: conf, variables, macro(), page, markdown."""

    def __init__(self, conf):
        self.conf = conf
        self.variables = {}
        self.macros = {}
        self.page = None
        self.markdown = ""

    def macro(self, function, name=None):
        self.macros[name or function.__name__] = function


class _FakePage:
    def __init__(self, src_uri: str, meta: dict):
        self.meta = meta
        self.file = type("File", (), {"src_uri": src_uri})()


def render_floor(project: Path, floor: Path) -> None:
    """Render every page through glue's hooks, as mkdocs-macros would, and write plain Markdown pages."""
    import importlib.util

    import jinja2
    import yaml
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    if floor.exists():
        shutil.rmtree(floor)
    shutil.copytree(project, floor, ignore=shutil.ignore_patterns("site", "__pycache__"))
    conf = load_config(str(project / "mkdocs.yml"))
    spec = importlib.util.spec_from_file_location("bench_glue", project / "macros" / "glue.py")
    glue = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(glue)
    env = _FakeEnv(conf)
    glue.define_env(env)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    jinja.globals.update(env.macros)
    docs = Path(conf["docs_dir"])
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        body, meta = get_data(path.read_text(encoding="utf-8"))
        if meta.get("render_macros") is False:
            continue
        env.page = _FakePage(src, meta)
        glue.on_pre_page_macros(env)
        env.markdown = jinja.from_string(body).render(page=env.page, config=conf)
        glue.on_post_page_macros(env)
        if hasattr(glue, "inline_fragments"):
            # The glue holds macro HTML aside until Markdown has run; the floor gets it in its Markdown.
            env.markdown = glue.inline_fragments(src, env.markdown)
        front = yaml.safe_dump(env.page.meta, allow_unicode=True, sort_keys=False) if env.page.meta else ""
        text = (f"---\n{front}---\n\n" if front else "") + env.markdown
        (floor / "docs" / src).write_text(text, encoding="utf-8")
    if hasattr(glue, "on_post_build"):
        # Files the glue writes after a build (data downloads) become static files of the floor site.
        env.conf = {**{key: conf[key] for key in conf}, "site_dir": str(floor / "docs")}
        glue.on_post_build(env)
    config_file = floor / "mkdocs.yml"
    config_file.write_text(without_macros_plugin(config_file.read_text(encoding="utf-8")), encoding="utf-8")


# ---------------------------------------------------------------- data loading alone

_LOAD_PROBE = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, ".")
clock = time.perf_counter
started = clock()
from macros import integrity, load, query, validate
imported = clock()
loaded = load.load_data_folder(Path("data"))
parsed = clock()
dataset, raw_by_id, problems = validate.validate_records(loaded)
kind_of_id = integrity.kinds_by_id(raw_by_id)
problems += integrity.check_references(loaded, kind_of_id) + integrity.check_consistency(dataset, kind_of_id)
checked = clock()
index = query.build_index(dataset)
indexed = clock()
events_started = clock()
records, file_problems = load.load_data_file(Path("data/events.yml"), "data/events.yml")
events_parsed = clock()
events_only = load.LoadedData({kind: (records if kind == "events" else []) for kind in load.KIND_FILES}, [])
validate.validate_records(events_only)
events_checked = clock()
print(json.dumps({"problems": len(problems), "import_s": imported - started, "parse_s": parsed - imported,
                  "validate_s": checked - parsed, "index_s": indexed - checked, "total_s": indexed - imported,
                  "events_parse_s": events_parsed - events_started, "events_validate_s": events_checked - events_parsed,
                  "events_total_s": events_checked - events_started}))
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

def measure_size(actors: int, seed: int, work: Path, revision: str | None) -> dict:
    """Generate one project and measure everything about it."""
    project = work / f"project-{actors}"
    started = time.perf_counter()
    counts = generate.write_project(actors, seed, project, revision)
    generated = time.perf_counter() - started
    load = measure_data_load(project)
    ours_s, ours_cpu, ours_peak, our_code = mkdocs_build(project, work / f"site-{actors}")
    floor = work / f"floor-{actors}"
    write_floor_project(project, floor)
    floor_s, floor_cpu, floor_peak, _ = mkdocs_build(floor, work / f"floor-site-{actors}")
    our_code_cpu = sum(our_code.values())
    return {"actors": actors, "records": counts, "generate_s": generated, "build_s": ours_s, "build_cpu_s": ours_cpu,
            "our_code_cpu_s": our_code_cpu, "our_code_parts_cpu_s": our_code,
            # Our code's share: its CPU time over everything else the same build did (mkdocs, Markdown, theme).
            "our_code_over_engine": our_code_cpu / (ours_cpu - our_code_cpu) if ours_cpu > our_code_cpu else None,
            "floor_s": floor_s, "floor_cpu_s": floor_cpu, "ours_over_floor": ours_s / floor_s,
            "ours_over_floor_cpu": ours_cpu / floor_cpu, "peak_rss_bytes": ours_peak,
            "floor_peak_rss_bytes": floor_peak, "data": load, **measure_output(work / f"site-{actors}")}


# ---------------------------------------------------------------- the editing loop

SERVE_MODES = {  # name: the arguments after `mkdocs serve`
    "full": ["--strict"],  # every save rebuilds every page
    # Only the pages an edit affects (macros/affected.py); mkdocs warns that a dirty build is for
    # previews, and strict mode would stop on that warning.
    "dirty": ["--dirty", "--no-strict"],
}


def measure_serve_loop(actors: int, seed: int, work: Path, revision: str | None, port: int,
                       mode: str = "full") -> dict:
    """Under `mkdocs serve`, time from saving data/actors.yml to the changed page being served."""
    import urllib.request

    project = work / f"serve-{actors}-{mode}"
    generate.write_project(actors, seed, project, revision)
    log_path = work / f"serve-{actors}-{mode}.log"
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *SERVE_MODES[mode],
                                    "-a", f"127.0.0.1:{port}"],
                                   cwd=project, stdout=log, stderr=subprocess.STDOUT, env=environment)
    data_file = project / "data" / "actors.yml"
    # The last actor is a generated one, not a state drawn on the maps (renaming those rebuilds all).
    actor = re.findall(r"^- id: (\S+)", data_file.read_text(encoding="utf-8"), re.MULTILINE)[-1]
    url = f"http://127.0.0.1:{port}/actors/{actor}/"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def wait_for(condition, limit: float) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            if process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped:\n{log_path.read_text()[-3000:]}")
            if condition():
                return time.perf_counter() - started
            time.sleep(0.1)
        raise RuntimeError(f"gave up after {limit} s:\n{log_path.read_text()[-3000:]}")

    # Two typical edits to that actor: its summary (shown on its page), then its name (shown wherever
    # it is listed: the pages of its organizations, of the events and statements it is part of).
    edits = [("summary", r"(\n  summary: )", "Edited for the benchmark. "),
             ("name", r"(\n  name: )", "Renamed ")]
    try:
        first_build = wait_for(lambda: "Serving on" in log_path.read_text(errors="replace") and fetch(), 900)
        rounds = []
        for edit, pattern, marker in edits:
            text = data_file.read_text(encoding="utf-8")
            start = text.index(f"\n- id: {actor}\n")
            data_file.write_text(text[:start] + re.sub(pattern, rf"\1{marker}", text[start:], count=1),
                                 encoding="utf-8")
            saved = time.perf_counter()
            log_size = len(log_path.read_bytes())
            reloaded = wait_for(lambda: b"Reloading browsers" in log_path.read_bytes()[log_size:], 900)
            served = wait_for(lambda: marker in fetch(), 60) + reloaded
            rounds.append({"edit": edit, "to_reload_s": reloaded, "to_served_page_s": time.perf_counter() - saved,
                           "served_within_s": served})
        return {"actors": actors, "mode": mode, "first_build_s": first_build, "rounds": rounds}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


# ---------------------------------------------------------------- report

def machine_description() -> dict:
    """nproc, memory, CPU model, Python and package versions."""
    from importlib.metadata import version

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    packages = {name: version(name) for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin",
                                                 "pymdown-extensions", "Markdown", "Jinja2", "PyYAML")}
    return {"nproc": os.cpu_count(), "memory_bytes": memory, "cpu": cpu, "python": platform.python_version(),
            "packages": packages}


def compute_targets(results: dict[int, dict]) -> dict:
    """The ratios of issue 5, from the sizes that were measured (None where a size is missing)."""
    def figure(size, key):
        return results[size][key] if size in results else None

    def ratio(a, b):
        return a / b if a is not None and b else None

    # Ratios use CPU time: on a shared machine, wall time also measures everyone else's work.
    return {
        "ours_over_floor_1000": figure(1000, "ours_over_floor_cpu"),
        "ours_over_floor_1000_wall": figure(1000, "ours_over_floor"),
        "our_code_over_engine_1000": figure(1000, "our_code_over_engine"),
        "time_3000_over_1000": ratio(figure(3000, "build_cpu_s"), figure(1000, "build_cpu_s")),
        "time_3000_over_1000_wall": ratio(figure(3000, "build_s"), figure(1000, "build_s")),
        "median_page_3000_over_100": ratio(figure(3000, "median_page_bytes"), figure(100, "median_page_bytes")),
        # events.yml of the 1,000-actor project holds the 10,000 events; all its data is in the table.
        "load_validate_10000_events_s": results[1000]["data"]["events_total_s"] if 1000 in results else None,
        "load_validate_all_data_1000_s": results[1000]["data"]["total_s"] if 1000 in results else None,
        "peak_memory_3000_gib": figure(3000, "peak_rss_bytes") / GIB if 3000 in results else None,
    }


def print_table(results: dict[int, dict]) -> None:
    """One row per measured figure, one column per size."""
    sizes = sorted(results)
    rows = [
        ("events", lambda r: f"{r['records']['events']:,}"),
        ("build (s)", lambda r: f"{r['build_s']:.1f}"),
        ("floor build (s)", lambda r: f"{r['floor_s']:.1f}"),
        ("build / floor", lambda r: f"{r['ours_over_floor']:.2f}"),
        ("build CPU (s)", lambda r: f"{r['build_cpu_s']:.1f}"),
        ("floor build CPU (s)", lambda r: f"{r['floor_cpu_s']:.1f}"),
        ("build / floor, CPU", lambda r: f"{r['ours_over_floor_cpu']:.2f}"),
        ("our code in build, CPU (s)", lambda r: f"{r.get('our_code_cpu_s', 0):.1f}"),
        ("our code / rest of build", lambda r: f"{r['our_code_over_engine']:.2f}" if r.get("our_code_over_engine") else "-"),
        ("data parse (s)", lambda r: f"{r['data']['parse_s']:.2f}"),
        ("data validate+check (s)", lambda r: f"{r['data']['validate_s']:.2f}"),
        ("data index (s)", lambda r: f"{r['data']['index_s']:.2f}"),
        ("events.yml alone (s)", lambda r: f"{r['data']['events_total_s']:.2f}"),
        ("peak memory (MiB)", lambda r: f"{r['peak_rss_bytes'] / 2**20:.0f}"),
        ("floor peak memory (MiB)", lambda r: f"{r['floor_peak_rss_bytes'] / 2**20:.0f}"),
        ("output (MB)", lambda r: f"{r['output_bytes'] / 1e6:.1f}"),
        ("pages", lambda r: f"{r['pages']:,}"),
        ("median page (KB)", lambda r: f"{r['median_page_bytes'] / 1e3:.1f}"),
        ("median record page (KB)", lambda r: f"{r['median_record_page_bytes'] / 1e3:.1f}"),
        ("max record page (KB)", lambda r: f"{r['max_record_page_bytes'] / 1e3:.1f}"),
        ("max page (KB)", lambda r: f"{r['max_page_bytes'] / 1e3:.0f}"),
        ("search index (MB)", lambda r: f"{r['search_index_bytes'] / 1e6:.1f}"),
    ]
    print(f"{'actors':<26}" + "".join(f"{size:>12,}" for size in sizes))
    for label, show in rows:
        print(f"{label:<26}" + "".join(f"{show(results[size]):>12}" for size in sizes))
    for size in sizes:
        parts = results[size].get("our_code_parts_cpu_s") or {}
        largest = sorted(parts.items(), key=lambda item: -item[1])[:8]
        print(f"our code at {size:,} actors, CPU s (largest parts): "
              + ", ".join(f"{part} {seconds:.1f}" for part, seconds in largest))
    for size in sizes:
        print(f"largest pages at {size:,} actors: " + ", ".join(
            f"{name} {bytes_ / 1e6:.1f} MB" for name, bytes_ in list(results[size]["biggest_pages"].items())[:4]))


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
    parser.add_argument("--render-floor", nargs=2, type=Path, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.render_floor:
        render_floor(*arguments.render_floor)
        return 0
    sizes = sorted({int(size) for size in arguments.sizes.split(",") if size.strip()})
    work = arguments.work or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in sizes:
        saved = work / f"result-{size}.json"  # each size is saved as soon as it is measured
        if arguments.resume and saved.is_file():
            results[size] = json.loads(saved.read_text())
            continue
        print(f"measuring {size:,} actors in {work} ...", file=sys.stderr, flush=True)
        results[size] = measure_size(size, arguments.seed, work, arguments.code_from)
        saved.write_text(json.dumps(results[size]))
    serves = []
    for mode in SERVE_MODES if arguments.serve_actors else ():
        print(f"measuring the serve loop ({mode}) at {arguments.serve_actors:,} actors ...", file=sys.stderr,
              flush=True)
        try:
            serves.append(measure_serve_loop(arguments.serve_actors, arguments.seed, work, arguments.code_from,
                                             arguments.port, mode))
        except RuntimeError as error:  # the build figures are still worth printing
            serves.append({"actors": arguments.serve_actors, "mode": mode, "error": str(error)[-2000:],
                           "rounds": []})
            print(f"serve loop ({mode}) failed: {serves[-1]['error']}", file=sys.stderr)
    print_table(results)
    targets = compute_targets(results)
    print()
    for name, value in targets.items():
        if name not in TARGETS:
            continue
        limit, description = TARGETS[name]
        verdict = "not measured" if value is None else ("met" if value <= limit else "MISSED")
        shown = "-" if value is None else f"{value:.2f}"
        print(f"{description:<52} {shown:>8}  (target <= {limit})  {verdict}")
    if 1000 in results:  # figures beside the targets, to read them by
        print(f"our code's CPU in our build at 1,000 actors: {results[1000]['our_code_cpu_s']:.1f} of "
              f"{results[1000]['build_cpu_s']:.1f} s")
    if 100 in results and 3000 in results:
        print("median record page HTML at 3,000 actors / at 100 actors: "
              f"{results[3000]['median_record_page_bytes'] / results[100]['median_record_page_bytes']:.2f}")
    for serve in serves:
        for round_ in serve["rounds"]:
            print(f"mkdocs serve ({serve['mode']}) at {serve['actors']:,} actors, {round_['edit']} edited: "
                  f"rebuilt after {round_['to_reload_s']:.1f} s, changed page served after "
                  f"{round_['to_served_page_s']:.1f} s (first build {serve['first_build_s']:.1f} s)")
    print(json.dumps({"machine": machine_description(), "seed": arguments.seed, "sizes": results,
                      "targets": targets, "serve": serves}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
