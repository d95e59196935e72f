"""A page that fails is never published, whatever the log level (issue 23.1), and a page runs no code (23.2).

Each case breaks a copy of the minimal project that holds a good build, then builds it the way a user or a
host might (quiet flags, the second engine, a host that silences logging and calls mkdocs itself): every
build must fail and leave the earlier site byte for byte, and no built file may hold a traceback. The
sandbox cases also run `python -m macros check`, which must name the page and line and run nothing.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support import mkdocs_environment, run_checker, snapshot

pytestmark = pytest.mark.build

MARKER = "PWNED-42"
# A host that configures logging its own way, then builds in process (as a CI script or a plugin test might).
_HOST_BUILD = r"""
import logging, sys
logging.disable(logging.CRITICAL)
logging.getLogger("mkdocs").setLevel(logging.CRITICAL)
from mkdocs.commands.build import build
from mkdocs.config import load_config
try:
    build(load_config(config_file="mkdocs.yml", site_dir=sys.argv[1]))
except BaseException as error:
    sys.exit(f"failed: {type(error).__name__}")
"""
COMMANDS = {  # name: command run in the project folder, given the site folder
    "strict-q": lambda site: [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", site],
    "strict-quiet": lambda site: [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site],
    "q-strict-from-config": lambda site: [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", site],
    "properdocs-q": lambda site: [sys.executable, "-m", "properdocs", "build", "--strict", "-q",
                                  "--config-file", "mkdocs.yml", "--site-dir", site],
    "host-silenced-logging": lambda site: [sys.executable, "-c", _HOST_BUILD, site],
}
BREAKS = {  # name: (file, text appended)
    "missing-include": ("docs/sources.md", '\n{% include "missing-part.md" %}\n'),
    "division-by-zero": ("docs/actors/alpha-land.md", "\n{{ 1 // 0 }}\n"),
    "link-to-a-missing-anchor": ("docs/statements.md", "\n[gone](index.md#no-such-heading)\n"),
    "shell-through-self": ("docs/index.md", "\n{{ self._TemplateReference__context.cycler.__init__.__globals__"
                                            ".os.popen('echo PWNED-$((6*7))').read() }}\n"),
}
CASES = [(command, broken) for command in COMMANDS for broken in BREAKS]


def _build_broken(good: Path, work: Path, command: str, broken: str) -> tuple[str, str, int, str, dict, dict]:
    project = work / f"{command}-{broken}"
    shutil.copytree(good, project, symlinks=True)
    before = snapshot(project / "site")
    path, text = BREAKS[broken]
    with (project / path).open("a", encoding="utf-8") as page:
        page.write(text)
    done = subprocess.run(COMMANDS[command](str(project / "site")), cwd=project, capture_output=True, text=True,
                          env=mkdocs_environment(), timeout=600)
    return command, broken, done.returncode, done.stdout + done.stderr, before, snapshot(project / "site")


def test_a_broken_page_is_never_published_whatever_the_log_level(good_project: Path, tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda case: _build_broken(good_project, tmp_path, *case), CASES))
    for command, broken, returncode, printed, before, after in results:
        assert returncode != 0, f"{command}, {broken}: the build passed:\n{printed}"
        assert after == before, f"{command}, {broken}: the failed build changed the published site"
        assert MARKER not in printed, f"{command}, {broken}: the page ran a command"
    published = "".join(path.read_text(encoding="utf-8", errors="replace")
                        for path in (good_project / "site").rglob("*.html"))
    assert "Traceback" not in published and "Macro Rendering Error" not in published


def test_check_names_the_page_and_line_of_a_refused_attribute_and_runs_nothing(good_project: Path,
                                                                                tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    index = project / "docs" / "index.md"
    lines = index.read_text(encoding="utf-8").count("\n")
    # Through an included file that is not a page: only rendering sees it, so only the sandbox refuses it.
    (project / "docs" / "part.txt").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    with index.open("a", encoding="utf-8") as page:
        page.write(BREAKS["shell-through-self"][1] + '{% include "part.txt" %}\n')
    checked = run_checker(project, "check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert MARKER not in checked.stdout + checked.stderr
    assert f"docs/index.md:{lines + 2}: -: template: the attribute '_TemplateReference__context' is refused" \
        in checked.stdout
    index.write_text(index.read_text(encoding="utf-8").replace(BREAKS["shell-through-self"][1], "\n"),
                     encoding="utf-8")
    checked = run_checker(project, "check")  # now the static check passes; the trial build refuses the include
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"docs/index.md:{lines + 2}: -: page: SecurityError: access to attribute '__class__'" in checked.stdout
