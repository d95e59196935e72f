"""The editing loop of the benchmark: from saving a data file to the rebuilt page under `mkdocs serve`."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import generate

SERVE_MODES = {  # name: the arguments after `mkdocs serve`
    # Plain serve, strict: the plugin re-renders only the pages an edit affects (macros/engine/plugin.py).
    "serve": ["--strict"],
}


# Summary edits per serve session: one edit on a shared machine cannot tell 0.9 s from 1.1 s, and the first edit
# after the first build pays for memory the kernel had not handed out yet (bench/README.md); the median of
# several is the figure, the first is printed beside it.
SUMMARY_EDITS = 5


def measure_serve_loop(actors: int, seed: int, work: Path, revision: str | None, port: int,
                       mode: str = "serve", page_shape: str = generate.PAGE_SHAPES[0],
                       summary_edits: int = SUMMARY_EDITS) -> dict:
    """Under `mkdocs serve`, time from saving data/actors.yml to the changed page being served: several edits
    of the last actor's summary, then one of its name."""
    import urllib.request

    project = work / f"serve-{actors}-{mode}"
    generate.write_project(actors, seed, project, revision, page_shape)
    log_path = work / f"serve-{actors}-{mode}.log"
    # mkdocs serve builds into a temporary folder it removes only on Ctrl-C; it is stopped below, so that folder
    # (a whole site, 340 MB at 1,000 actors) is made inside the work folder instead of left behind in /tmp.
    serve_temporary = work / f"serve-{actors}-{mode}-tmp"
    serve_temporary.mkdir(parents=True, exist_ok=True)
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(serve_temporary))
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

    def cpu_seconds() -> float:
        # The serve process's own user + system time (fields 14 and 15 of /proc/PID/stat, in clock ticks).
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_for(condition, limit: float) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            if process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped:\n{log_path.read_text()[-3000:]}")
            if condition():
                return time.perf_counter() - started
            time.sleep(0.1)
        raise RuntimeError(f"gave up after {limit} s:\n{log_path.read_text()[-3000:]}")

    # Typical edits to that actor: its summary (shown on its page), then its name (shown wherever it is
    # listed: the pages of its organizations, of the events and statements it is part of).
    edits = [("summary", r"(\n  summary: )", f"Edited for the benchmark ({number}). ")
             for number in range(1, summary_edits + 1)]
    edits.append(("name", r"(\n  name: )", "Renamed "))
    try:
        first_build = wait_for(lambda: "Serving on" in log_path.read_text(errors="replace") and fetch(), 900)
        rounds = []
        for edit, pattern, marker in edits:
            text = data_file.read_text(encoding="utf-8")
            start = text.index(f"\n- id: {actor}\n")
            data_file.write_text(text[:start] + re.sub(pattern, rf"\1{marker}", text[start:], count=1),
                                 encoding="utf-8")
            saved, cpu_before = time.perf_counter(), cpu_seconds()
            log_size = len(log_path.read_bytes())
            reloaded = wait_for(lambda size=log_size: b"Reloading browsers" in log_path.read_bytes()[size:], 900)
            served = wait_for(lambda text=marker: text in fetch(), 60) + reloaded
            rounds.append({"edit": edit, "to_reload_s": reloaded, "to_served_page_s": time.perf_counter() - saved,
                           "served_within_s": served, "rebuild_cpu_s": cpu_seconds() - cpu_before,
                           "peak_rss_bytes": _peak_rss(process.pid)})
        return {"actors": actors, "mode": mode, "first_build_s": first_build, "rounds": rounds}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(serve_temporary, ignore_errors=True)


def _peak_rss(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0
