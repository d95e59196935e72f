"""A build never destroys a good build: output goes to a staging folder that replaces the old one on success.

mkdocs empties its output folder before it renders, so any failure while rendering (a page error, a
strict-mode warning, an exception in a plugin) used to leave an empty or half-written site. Here the
build writes into a sibling folder `.<name>.building-<pid>`; only a build that will succeed is moved into
place (two renames on the same disk), and a failed one is deleted. This module knows nothing of mkdocs:
the glue calls it at the right events.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

# A file put into a fresh staging folder: if it is still there when the pages are read, the engine did not
# empty the folder, so this is a --dirty build, which needs the last output to build upon.
DIRTY_MARKER = ".reference-staging-not-cleaned"


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
    """Create an empty staging folder for a build of site_dir, with the marker that detects --dirty builds."""
    remove_stale_staging(site_dir)
    staging = staging_folder_for(site_dir)
    staging.mkdir(parents=True)
    (staging / DIRTY_MARKER).touch()
    return staging


def prepare_dirty_build(staging: Path, site_dir: Path) -> bool:
    """If the engine kept the staging folder's content (a --dirty build), fill it with the last output.

    A --dirty build renders only changed pages and keeps the rest: it must find the last good output in
    the folder it writes to. Files are copied with their times, which decide what counts as changed.
    Returns whether this was a dirty build.
    """
    marker = staging / DIRTY_MARKER
    if not marker.exists():
        return False
    marker.unlink()
    if site_dir.is_dir():
        shutil.copytree(site_dir, staging, symlinks=True, dirs_exist_ok=True)
    return True


def finish_staging(staging: Path, site_dir: Path) -> None:
    """Put the staging folder in place of the site folder; the old output is removed after the move."""
    with contextlib.suppress(FileNotFoundError):
        (staging / DIRTY_MARKER).unlink()
    previous = site_dir.parent / f".{site_dir.name}.previous-{os.getpid()}"
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists() or site_dir.is_symlink():
        os.rename(site_dir, previous)
    os.rename(staging, site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def discard_staging(staging: Path) -> None:
    """Delete a failed build's staging folder; the last good output was never touched."""
    shutil.rmtree(staging, ignore_errors=True)
