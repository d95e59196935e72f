"""Only the project's own regular files are read or published: no link out of the project, no device,
pipe or folder where a file is expected.

A symbolic link to /etc/passwd under docs/ would be published as a page asset; a link to /dev/zero
or a named pipe as a data file would never finish reading. Each is refused with a message before
anything is read or written.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model.problems import Problem


def why_not_own_file(path: Path, project_dir: Path) -> str | None:
    """Why this path cannot be read as one of the project's own files, or None when it can."""
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        return "is a link to a file that does not exist"
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links
        return f"cannot be followed ({getattr(error, 'strerror', None) or error})"
    if not resolved.is_relative_to(project_dir.resolve()):
        return "is a link to a file outside the project"
    try:
        mode = resolved.stat().st_mode
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device, pipe or socket)"
    if not os.access(resolved, os.R_OK):
        return "cannot be read (permission denied)"
    return None


def display_path(path: Path, project_dir: Path) -> str:
    """The path as messages show it: relative to the project where it can be."""
    return path.relative_to(project_dir).as_posix() if path.is_relative_to(project_dir) else str(path)


def problem_with_file(path: Path, project_dir: Path, expected: str) -> Problem | None:
    """A Problem naming the file and why it is refused, or None for one of the project's own files."""
    reason = why_not_own_file(path, project_dir)
    return None if reason is None else Problem(display_path(path, project_dir), None, "", "", f"this path {reason}",
                                               expected)


def check_folder(folder: Path, project_dir: Path, expected: str) -> tuple[list[Path], list[Problem]]:
    """Every file under a folder as the site engine sees it (links to folders followed), and the problems.

    A link out of the project, to a folder or a file, is reported and not followed; so is anything
    that is not a regular file. The files returned are the project's own, sorted.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    project_real = project_dir.resolve()
    for root, folders, names in os.walk(folder, followlinks=True):
        real = Path(root).resolve()
        inside = real.is_relative_to(project_real)
        if real in seen:  # a link back up the tree: do not walk it twice (or for ever)
            folders.clear()
            continue
        seen.add(real)
        for name in sorted(folders):
            path = Path(root) / name
            if path.is_symlink() and not path.resolve().is_relative_to(project_dir.resolve()):
                problems.append(Problem(display_path(path, project_dir), None, "", "",
                                        "this path is a link to a folder outside the project", expected))
                folders.remove(name)
        for name in sorted(names):
            path = Path(root) / name
            # A regular file, not a link, in a folder inside the project is its own: the common case, judged
            # with one lstat; resolving every path (1,100 pages at 1,000 actors) took a tenth of a second.
            if inside and _is_plain_readable_file(path):
                files.append(path)
                continue
            problem = problem_with_file(path, project_dir, expected)
            if problem is None:
                files.append(path)
            else:
                problems.append(problem)
    return sorted(files), problems


def _is_plain_readable_file(path: Path) -> bool:
    """Whether the path is a readable regular file itself, not a link."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode) and os.access(path, os.R_OK)
    except OSError:
        return False
