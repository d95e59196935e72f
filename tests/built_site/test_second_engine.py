"""A second engine: ProperDocs builds the same site as mkdocs, file for file.

mkdocs 1.x gets no more releases. ProperDocs is a maintained fork of it that runs the same theme and
plugins unchanged (inside its own process it answers every `import mkdocs...`), so the project can
switch engines without touching mkdocs.yml, docs/ or macros/. This test builds the real project with
ProperDocs and compares the result with the session's mkdocs build (the `built_site` fixture): the
same files, each byte for byte, apart from the one line that names the engine.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]

# The only difference between the two builds, and it is the engine's identity: Material writes
# `mkdocs_version` into every page's generator tag, and ProperDocs sets that to "ProperDocs <version>":
#   mkdocs:     <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">
#   ProperDocs: <meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
SAME_GENERATOR_TAG = b'<meta name="generator" content="(engine)">'


def build_date_of(site: Path) -> datetime:
    """The date an engine stamped on a build, as noon UTC that day.

    Both engines date a build by the UTC day it ran on (sitemap.xml's <lastmod>, and the header of
    sitemap.xml.gz, which holds that day's local midnight as a timestamp). That is the build's date,
    not the engine's identity, so the second build is given the first one's day (SOURCE_DATE_EPOCH,
    which both engines honour) instead of being normalised: a session that crosses midnight UTC
    between the two builds still compares equal, and a real difference in the sitemap still shows.
    """
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    day = datetime.fromtimestamp(int.from_bytes(header[4:8], "little")).date()
    return datetime.combine(day, time(12), tzinfo=UTC)


def run_properdocs_build(site_dir: Path, build_date: datetime) -> subprocess.CompletedProcess:
    """`properdocs build --strict` of the real project, as conftest's run_mkdocs_build runs mkdocs.

    The configuration file is named: found by itself, ProperDocs looks for properdocs.yml first and
    reads mkdocs.yml only as a fallback that it says it will drop one day.
    """
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(int(build_date.timestamp())))
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--config-file", "mkdocs.yml",
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=environment, cwd=PROJECT_DIR, timeout=600,
    )


def files_under(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def without_engine_name(content: bytes) -> bytes:
    """A page with its generator tag made engine-neutral; it must have exactly one such tag."""
    neutral, count = GENERATOR_TAG.subn(SAME_GENERATOR_TAG, content)
    assert count == 1, f"expected one generator tag, found {count}"
    return neutral


def first_difference(first: bytes, second: bytes) -> str:
    """Where two files first differ, for the failure message: the line in both versions, or the byte."""
    if b"\0" in first + second:  # binary (sitemap.xml.gz, images): a line would be noise
        offset = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), None)
        return f"byte {offset}" if offset is not None else f"one is longer ({len(first)} and {len(second)} bytes)"
    for number, (line_a, line_b) in enumerate(zip(first.splitlines(), second.splitlines(), strict=False), 1):
        if line_a != line_b:
            return f"line {number}:\n    mkdocs:     {line_a[:300]!r}\n    ProperDocs: {line_b[:300]!r}"
    return f"one is longer ({len(first)} and {len(second)} bytes)"


@pytest.mark.build
def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    site_dir = tmp_path / "site-properdocs"
    result = run_properdocs_build(site_dir, build_date_of(built_site))
    assert result.returncode == 0, f"properdocs build failed:\n{result.stdout}\n{result.stderr}"

    mkdocs_files, properdocs_files = files_under(built_site), files_under(site_dir)
    assert properdocs_files == mkdocs_files, (
        f"only mkdocs wrote: {sorted(mkdocs_files - properdocs_files)}; "
        f"only ProperDocs wrote: {sorted(properdocs_files - mkdocs_files)}"
    )

    # The second build really is ProperDocs' (not mkdocs under another name), and says so.
    home = (site_dir / "index.html").read_bytes()
    generator = GENERATOR_TAG.search(home)
    assert generator and b"ProperDocs" in generator.group(), generator

    differing = {}
    for name in sorted(mkdocs_files):
        by_mkdocs, by_properdocs = (built_site / name).read_bytes(), (site_dir / name).read_bytes()
        if name.endswith(".html"):
            by_mkdocs, by_properdocs = without_engine_name(by_mkdocs), without_engine_name(by_properdocs)
        if by_mkdocs != by_properdocs:
            differing[name] = first_difference(by_mkdocs, by_properdocs)
    assert not differing, f"{len(differing)} of {len(mkdocs_files)} files differ:\n" + "\n".join(
        f"  {name} at {where}" for name, where in list(differing.items())[:10])
