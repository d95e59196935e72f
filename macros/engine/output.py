"""A build never destroys a good build: output goes to a staging folder and replaces the old output on success.

mkdocs empties its output folder before it renders, so any failure while rendering (a page error, a
strict-mode warning, an exception in a plugin) would leave an empty or half-written site. The build
writes into a sibling folder `.<name>.building-<pid>` instead. A full build's folder replaces the old
one (two renames on the same disk); a partial build under `mkdocs serve` moves only the files it
rewrote into the served folder, one rename each. A failed build's folder is deleted. This module
knows nothing of mkdocs: the plugin calls it at the right events.
"""
from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path


def staging_folder_for(site_dir: Path) -> Path:
    """The staging folder of this process for a site folder: beside it, so the final move is a rename."""
    return site_dir.parent / f".{site_dir.name}.building-{os.getpid()}"


def _process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, run by someone else
        return True
    return True


def remove_stale_staging(site_dir: Path) -> None:
    """Delete staging folders left by builds of this site that were killed (their process is gone)."""
    for folder in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        pid_text = folder.name.rsplit("-", 1)[-1]
        if pid_text.isdigit() and (int(pid_text) == os.getpid() or not _process_is_alive(int(pid_text))):
            shutil.rmtree(folder, ignore_errors=True)


def start_staging(site_dir: Path) -> Path:
    """Create an empty staging folder for a build of site_dir."""
    remove_stale_staging(site_dir)
    staging = staging_folder_for(site_dir)
    staging.mkdir(parents=True)
    return staging


def finish_staging(staging: Path, site_dir: Path) -> None:
    """Put the staging folder in place of the site folder; the old output is removed after the move."""
    previous = site_dir.parent / f".{site_dir.name}.previous-{os.getpid()}"
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists() or site_dir.is_symlink():
        os.rename(site_dir, previous)
    os.rename(staging, site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def publish_files(staging: Path, site_dir: Path, relative_paths: Iterable[str]) -> None:
    """Move these files of a partial build into the site folder, each replacing its old version; drop the rest."""
    for relative in relative_paths:
        source = staging / relative
        if source.is_file():
            target = site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    shutil.rmtree(staging, ignore_errors=True)


def discard_staging(staging: Path) -> None:
    """Delete a failed build's staging folder; the last good output was never touched."""
    shutil.rmtree(staging, ignore_errors=True)


def keep_serving_on_failure(build: Callable[[], None], site_dir: Path) -> Callable[[], None]:
    """The serve loop's build, changed so that a failed rebuild leaves the last good build served."""
    log = logging.getLogger("mkdocs.plugins.reference-site")

    def build_or_keep_last() -> None:
        try:
            build()
        except (Exception, SystemExit) as error:  # every failure of a rebuild is reported alike
            log.error("The rebuild failed (%s); the last good build is still served.", error)
            remove_stale_staging(site_dir)
    return build_or_keep_last
