"""The editors' command line: `python -m macros check` validates data and pages, then renders every page."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from ..model.problems import format_problems, sort_problems
from ..site.assemble import check_site
from .new import add_new_parser, run_new
from .schema import run_schema
from .settings import read_settings
from .status import (
    EXIT_CANNOT_RUN,
    EXIT_CLEAN,
    EXIT_INTERRUPTED,
    EXIT_PROBLEMS,
    report_internal_error,
    wants_traceback,
)


def run_check(config_file: Path, render_pages: bool = True) -> int:
    """Print every problem in data and pages (and, when those are clean, in a trial build); return the exit status."""
    try:
        settings = read_settings(config_file)
    except (OSError, yaml.YAMLError) as error:
        print(f"{config_file}: cannot read the site configuration: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    _site, problems = check_site(settings)
    if not problems and render_pages:
        # Only rendering finds some problems (template errors, missing anchors): a strict build into a
        # temporary folder, so that "0 problems found." means the real build passes.
        from ..engine.trial_build import find_build_problems  # imports the engine only when it is needed
        problems = find_build_problems(config_file)
    if problems:
        print(format_problems(sort_problems(problems)))
        return EXIT_PROBLEMS
    print("0 problems found.")
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m macros`."""
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate data/ and the pages, then build once into a temporary folder")
    check.add_argument("--data-only", action="store_true",
                       help="skip the trial build: check data and pages only (fast, but misses rendering errors)")
    check.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"),
                       help="the site configuration (default: mkdocs.yml)")
    schema = commands.add_parser("schema", help="write schema/*.schema.json from the model (macros/model/records.py)")
    schema.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    add_new_parser(commands)
    for command in commands.choices.values():
        command.add_argument("--traceback", action="store_true",
                             help="on an internal error, show the traceback (also: REFERENCE_TRACEBACK=1)")
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit_request:
        return EXIT_CANNOT_RUN if exit_request.code else EXIT_CLEAN
    try:
        return run_command(arguments)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # anything unexpected: one line, status 2, never a traceback by default
        return report_internal_error(arguments.command, error, wants_traceback(arguments.traceback))


def run_command(arguments: argparse.Namespace) -> int:
    """Run the chosen command; return its exit status."""
    config_file = getattr(arguments, "config_file", None)  # check and new read the site configuration
    if config_file is not None and not config_file.is_file():
        print(f"{config_file}: no such file; run from the project folder or pass -f", file=sys.stderr)
        return EXIT_CANNOT_RUN
    if arguments.command == "check":
        return run_check(arguments.config_file, render_pages=not arguments.data_only)
    if arguments.command == "schema":
        return run_schema(Path.cwd(), check_only=arguments.check)
    if arguments.command == "new":
        return run_new(arguments)
    return EXIT_CANNOT_RUN
