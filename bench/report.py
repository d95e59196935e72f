"""The benchmark's report: the machine, the targets of issue 5 as ratios, the table."""
from __future__ import annotations

import os
import platform
import statistics
from pathlib import Path

GIB = 1024 ** 3
TARGETS = {  # name: (limit, description)
    "ours_over_plain_per_page_1000": (2.5, "per page, our build / plain Material at 1,000 actors (CPU)"),
    "cold_build_cpu_1000_s": (20.0, "cold build at 1,000 actors (CPU s)"),
    "time_3000_over_1000": (3.3, "build time at 3,000 / at 1,000 actors (CPU)"),
    "median_page_3000_over_100": (1.2, "median page HTML at 3,000 actors / at 100 actors"),
    "load_validate_10000_events_s": (1.0, "load + validation of 10,000 events (s, events.yml)"),
    "peak_memory_3000_gib": (1.0, "peak memory of the 3,000-actor build (GiB)"),
}


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
        "ours_over_plain_per_page_1000": figure(1000, "ours_over_plain_per_page"),
        "cold_build_cpu_1000_s": figure(1000, "build_cpu_s"),
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
        ("plain Material build (s)", lambda r: f"{r['floor_s']:.1f}"),
        ("build CPU (s)", lambda r: f"{r['build_cpu_s']:.1f}"),
        ("plain Material CPU (s)", lambda r: f"{r['floor_cpu_s']:.1f}"),
        ("ms per page, ours", lambda r: f"{r['ms_per_page']:.1f}"),
        ("ms per page, plain", lambda r: f"{r['floor_ms_per_page']:.1f}"),
        ("per page, ours / plain", lambda r: f"{r['ours_over_plain_per_page']:.2f}"),
        ("our code in build, CPU (s)", lambda r: f"{r.get('our_code_cpu_s', 0):.1f}"),
        ("our code / rest of build",
         lambda r: f"{r['our_code_over_engine']:.2f}" if r.get("our_code_over_engine") else "-"),
        ("data parse (s)", lambda r: f"{r['data']['parse_s']:.2f}"),
        ("data validate+check (s)", lambda r: f"{r['data']['validate_s']:.2f}"),
        ("data index (s)", lambda r: f"{r['data']['index_s']:.2f}"),
        ("events.yml alone (s)", lambda r: f"{r['data']['events_total_s']:.2f}"),
        ("peak memory (MiB)", lambda r: f"{r['peak_rss_bytes'] / 2**20:.0f}"),
        ("plain peak memory (MiB)", lambda r: f"{r['floor_peak_rss_bytes'] / 2**20:.0f}"),
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


def print_targets(results: dict[int, dict], targets: dict, serves: list[dict]) -> None:
    """Each target with its verdict, the figures to read them by, and the serve loop's times."""
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


def print_issue_table(results: dict[int, dict], serves: list[dict], commit: str) -> None:
    """Issue 25's table in one block: the editing loop under plain `mkdocs serve`, the cold build, the ratio."""
    print(f"\nissue 25 figures (commit {commit}; CPU seconds of the process, wall in brackets)")
    for serve in serves:
        for edit in dict.fromkeys(round_["edit"] for round_ in serve["rounds"]):
            rounds = [round_ for round_ in serve["rounds"] if round_["edit"] == edit]
            cpu = [round_["rebuild_cpu_s"] for round_ in rounds]
            wall = rounds[0]["to_served_page_s"]
            figure = (f"median of {len(rounds)}: {statistics.median(cpu):.2f} s CPU (first {cpu[0]:.2f} s CPU in "
                      f"{wall:.1f} s wall; range {min(cpu):.2f}-{max(cpu):.2f} s)") if len(rounds) > 1 \
                else f"{cpu[0]:.2f} s CPU ({wall:.1f} s wall)"
            print(f"  serve at {serve['actors']:,} actors, {edit} edit served, {figure}, serve process peak "
                  f"{rounds[-1]['peak_rss_bytes'] / 2**20:.0f} MiB")
        if serve.get("error"):
            print(f"  serve at {serve['actors']:,} actors failed: {serve['error'][-300:]}")
    for size, result in sorted(results.items()):
        print(f"  cold build at {size:,} actors: {result['build_cpu_s']:.1f} s CPU ({result['build_s']:.1f} s wall), "
              f"peak {result['peak_rss_bytes'] / 2**20:.0f} MiB; per page {result['ms_per_page']:.1f} ms vs plain "
              f"Material {result['floor_ms_per_page']:.1f} ms ({result['ours_over_plain_per_page']:.2f}x)")
