"""The map shapes against the actors: each shape names a state of the data, once."""
from __future__ import annotations

from pathlib import Path

from ..load.geography import REGION_FILE, Region, load_region
from ..model.problems import Problem


def check_region_against_actors(region: Region, actor_types: dict[str, str]) -> list[Problem]:
    """Every shape's actor id must be a state in the data, and mapped at most once."""
    problems = []
    seen: set[str] = set()
    for shape in region.countries:
        if shape.actor is None:
            continue
        where = str(Path("data") / REGION_FILE)
        if actor_types.get(shape.actor) != "state":
            problems.append(Problem(where, None, shape.iso_numeric, "actor",
                                    f"shape '{shape.name}' is mapped to '{shape.actor}', which is not a state "
                                    "in data/actors.yml", "the id of an actor of type state, or null"))
        if shape.actor in seen:
            problems.append(Problem(where, None, shape.iso_numeric, "actor",
                                    f"actor '{shape.actor}' is mapped to more than one shape", "one shape per state"))
        seen.add(shape.actor)
    return problems


def check_map_data(data_dir: Path, dataset) -> tuple[Region | None, list[Problem]]:
    """Load the map shapes if the project has them, and check their actor ids against the data.

    A project without data/geo/region.json builds as long as no page calls a map macro.
    """
    if not (data_dir / REGION_FILE).exists():
        return None, []
    region, problems = load_region(data_dir)
    if region is not None:
        problems += check_region_against_actors(region, {actor.id: actor.type for actor in dataset.actors})
    return region, problems
