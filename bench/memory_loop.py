"""Does the serve process's memory stay flat across rebuilds? `mkdocs serve` emulated in process, then N edits.

    python bench/memory_loop.py PROJECT [--edits 8] [--field summary|name] [--profile FILE] [--no-collect]

PROJECT is a project `bench/generate.py` wrote (its data is restored at the end). It builds once as `mkdocs serve`
does, then edits the last actor's summary (or name) N times, rebuilding after each edit, and prints each rebuild's
CPU time (user and system apart), its page faults and the process's resident memory after a full collection (what
stays held, not the peak). With --profile, the edits' rebuilds (configuration included, as serve loads it again)
run under cProfile, whose statistics go to FILE.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import logging
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SERVE_URL = "http://127.0.0.1:8000/"


def read_page_faults() -> int:
    """The process's minor page faults so far: each is a page of memory touched for the first time."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def read_resident_mib() -> float:
    """The process's resident memory now, in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _Server:
    """What the plugin's on_serve hook is given: a server that watches nothing."""

    def watch(self, *args: Any, **kwargs: Any) -> None:
        """Watch nothing: the edits are made by this script."""


def edit_field(data_file: Path, actor: str, number: int, field: str = "summary") -> None:
    """Put a numbered prefix before the actor's summary (or name), as an editor's save would."""
    text = data_file.read_text(encoding="utf-8")
    start = text.index(f"\n- id: {actor}\n")
    data_file.write_text(text[:start] + re.sub(rf"(\n  {field}: )", rf"\1Edit {number}. ", text[start:], count=1),
                         encoding="utf-8")


def main() -> None:
    """Build once as `mkdocs serve`, then rebuild after each of N edits, printing CPU and memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=8)
    parser.add_argument("--profile", type=Path, help="write cProfile statistics of the edits' rebuilds here")
    parser.add_argument("--field", choices=("summary", "name"), default="summary",
                        help="what each edit changes: the summary (2 pages to render) or the name (hundreds)")
    parser.add_argument("--no-collect", action="store_true",
                        help="no full collection between edits, as `mkdocs serve` runs (resident memory then "
                             "includes garbage not yet collected)")
    arguments = parser.parse_args()
    project = arguments.project.resolve()
    os.chdir(project)
    sys.path.insert(0, str(project))
    # Imported here: mkdocs is only needed once the project is known.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    served = Path(tempfile.mkdtemp(prefix="memory-loop-"))

    def configure() -> Any:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(served))
        config.site_url = SERVE_URL
        return config

    config = configure()
    config.plugins.on_startup(command="serve", dirty=False)
    started = time.process_time()
    build(config, serve_url=SERVE_URL)
    gc.collect()
    print(f"first build: {time.process_time() - started:.1f} s CPU, resident {read_resident_mib():.0f} MiB", flush=True)
    config.plugins.on_serve(_Server(), config=config, builder=None)
    data_file = project / "data" / "actors.yml"
    original = data_file.read_text(encoding="utf-8")
    actor = re.findall(r"^- id: (\S+)", original, re.M)[-1]
    profiler = cProfile.Profile() if arguments.profile else None
    try:
        for number in range(1, arguments.edits + 1):
            edit_field(data_file, actor, number, arguments.field)
            if profiler:
                profiler.enable()
            config = configure()
            started, times_before, faults_before = time.process_time(), os.times(), read_page_faults()
            build(config, serve_url=SERVE_URL)
            cpu, times_after = time.process_time() - started, os.times()
            if profiler:
                profiler.disable()
            if not arguments.no_collect:
                gc.collect()
            # User and system time apart: system time is the kernel's (fresh memory touched, files written), which
            # on a virtual machine can cost more than the rebuild's own work (bench/README.md).
            print(f"{arguments.field} edit {number}: {cpu:.2f} s CPU (user {times_after.user - times_before.user:.2f}, "
                  f"system {times_after.system - times_before.system:.2f}), resident {read_resident_mib():.0f} MiB, "
                  f"{read_page_faults() - faults_before:,} page faults", flush=True)
    finally:
        data_file.write_text(original, encoding="utf-8")
        shutil.rmtree(served, ignore_errors=True)
        if profiler:
            profiler.dump_stats(arguments.profile)


if __name__ == "__main__":
    main()
