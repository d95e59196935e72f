"""Paths the build writes itself: an editor's file under docs/ at one of them would be overwritten.

mkdocs copies every file under docs/ into the site, and the build then writes the generated downloads
(site/downloads/actors.json, …), the change log and its feed over them: an editor's
docs/downloads/actors.json would be replaced without a word, and a folder of that name would stop the
build halfway. Checked before the build, so it never starts.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ..load.own_files import display_path
from ..model.problems import Problem


def check_reserved_names(docs_dir: Path, project_dir: Path, reserved_paths: Iterable[str]) -> list[Problem]:
    """Every file, folder or page under docs_dir that a generated file would replace (paths from the site root)."""
    problems: list[Problem] = []
    # Compared without case: on the file systems of macOS and Windows, Actors.json and actors.json are one
    # file, so an editor working there would lose theirs.
    wanted: dict[PurePosixPath, dict[str, str]] = {}
    for reserved in reserved_paths:
        path = PurePosixPath(reserved)
        wanted.setdefault(path.parent, {})[path.name.casefold()] = reserved
    for folder, names in sorted(wanted.items()):
        blocked = _file_in_place_of_folder(docs_dir, folder)
        if blocked is not None:
            reserved_folder = blocked.relative_to(docs_dir).as_posix()
            problem = Problem(display_path(blocked, project_dir), None, "", "file",
                              f"this name is reserved for the folder of generated files ({reserved_folder}/); "
                              "rename your file", "no file of this name")
            if problem not in problems:
                problems.append(problem)
            continue
        if not (docs_dir / folder).is_dir():
            continue
        for entry in sorted(os.listdir(docs_dir / folder)):
            # A page 'actors.json.md' is published as the folder actors.json/, where the generated file goes.
            generated = names.get(entry.casefold()) or names.get(entry.casefold().removesuffix(".md"))
            if generated is not None:
                problems.append(Problem(display_path(docs_dir / folder / entry, project_dir), None, "", "file",
                                        f"this name is reserved for the generated file {generated}; rename your file",
                                        "a name that no generated file has"))
    return problems


def _file_in_place_of_folder(docs_dir: Path, folder: PurePosixPath) -> Path | None:
    """The first part of docs_dir/folder that exists but is not a folder (the build cannot write inside it)."""
    path = docs_dir
    for part in folder.parts:
        path = path / part
        if os.path.lexists(path) and not path.is_dir():
            return path
    return None
