"""The editors' command line: `python -m macros check` validates data and pages without building."""
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
from .status import EXIT_CANNOT_RUN, EXIT_CLEAN, EXIT_PROBLEMS


def run_check(config_file: Path) -> int:
    """Print every problem in data and pages, then a count; return the exit status."""
    try:
        settings = read_settings(config_file)
    except (OSError, yaml.YAMLError) as error:
        print(f"{config_file}: cannot read the site configuration: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    _site, problems = check_site(settings)
    if problems:
        print(format_problems(sort_problems(problems)))
        return EXIT_PROBLEMS
    print("0 problems found.")
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m macros`."""
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate data/ and the pages against it, without building")
    check.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"),
                       help="the site configuration (default: mkdocs.yml)")
    schema = commands.add_parser("schema", help="write schema/*.schema.json from the model (macros/model/records.py)")
    schema.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    add_new_parser(commands)
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit_request:
        return EXIT_CANNOT_RUN if exit_request.code else EXIT_CLEAN
    if arguments.command == "check":
        if not arguments.config_file.is_file():
            print(f"{arguments.config_file}: no such file; run from the project folder or pass -f",
                  file=sys.stderr)
            return EXIT_CANNOT_RUN
        return run_check(arguments.config_file)
    if arguments.command == "schema":
        return run_schema(Path.cwd(), check_only=arguments.check)
    if arguments.command == "new":
        return run_new(arguments)
    return EXIT_CANNOT_RUN
