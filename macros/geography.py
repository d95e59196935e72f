"""Geography: the region's country shapes (data/geo/region.json) and their projection to SVG coordinates.

Pure functions, no rendering: pictures.py decides colours and labels. The shapes come from Natural
Earth via tools/extract_region.py; see data/geo/README.md.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

REGION_FILE = Path("geo") / "region.json"  # relative to the data folder
MAP_WIDTH = 1000  # SVG user units; paths use whole units, so 1 unit is the finest step drawn


@dataclass(frozen=True)
class Shape:
    """One country: its ISO numeric code, our actor id (None for context shapes), label and rings."""

    iso_numeric: str
    name: str
    actor: str | None
    label: str
    label_at: tuple[float, float]
    rings: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True)
class Region:
    """The shapes drawn on every map, the lon/lat box they are clipped to, and their origin."""

    origin: str
    box: tuple[float, float, float, float]
    countries: tuple[Shape, ...]
    land: tuple[tuple[tuple[float, float], ...], ...]

    def shape_of(self, actor_id: str) -> Shape | None:
        """The shape mapped to an actor id, or None if the actor is not on the map."""
        return next((shape for shape in self.countries if shape.actor == actor_id), None)


@dataclass(frozen=True)
class Frame:
    """An equirectangular projection of the box onto a MAP_WIDTH-wide SVG canvas."""

    box: tuple[float, float, float, float]
    width: int
    height: int
    x_per_degree: float
    y_per_degree: float


# ---------------------------------------------------------------- loading and checking

def load_region(data_dir: Path) -> tuple[Region | None, list[Problem]]:
    """Read data/geo/region.json; return the region (None if unreadable) and any problems."""
    path = data_dir / REGION_FILE
    display = str(Path(data_dir.name) / REGION_FILE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        countries = tuple(
            Shape(iso_numeric=c["iso_numeric"], name=c["name"], actor=c["actor"], label=c["label"],
                  label_at=(float(c["label_at"][0]), float(c["label_at"][1])),
                  rings=tuple(tuple((float(x), float(y)) for x, y in ring) for ring in c["rings"]))
            for c in raw["countries"])
        land = tuple(tuple((float(x), float(y)) for x, y in ring) for ring in raw["land"])
        west, south, east, north = (float(value) for value in raw["box"])
    except FileNotFoundError:
        return None, [Problem(display, None, "", "", "the map shapes file is missing",
                              "data/geo/region.json, made by tools/extract_region.py")]
    except (ValueError, KeyError, TypeError, IndexError) as error:
        return None, [Problem(display, None, "", "", f"the map shapes file cannot be read ({error!r})",
                              "the JSON written by tools/extract_region.py")]
    return Region(origin=str(raw.get("origin", "")), box=(west, south, east, north),
                  countries=countries, land=land), []


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


# ---------------------------------------------------------------- projection

def frame_for(box: tuple[float, float, float, float], width: int = MAP_WIDTH) -> Frame:
    """An equirectangular frame true to scale at the box's middle latitude (little distortion at this size)."""
    west, south, east, north = box
    x_per_degree = width / (east - west)
    y_per_degree = x_per_degree / math.cos(math.radians((south + north) / 2))
    return Frame(box=box, width=width, height=round((north - south) * y_per_degree),
                 x_per_degree=x_per_degree, y_per_degree=y_per_degree)


def project_point(lon: float, lat: float, frame: Frame) -> tuple[int, int]:
    """Lon/lat in degrees to whole SVG units (y grows downwards)."""
    west, _, _, north = frame.box
    return round((lon - west) * frame.x_per_degree), round((north - lat) * frame.y_per_degree)


def ring_path(ring, frame: Frame) -> str:
    """SVG path data for one closed ring, in relative moves (shorter than absolute coordinates)."""
    points = []
    for lon, lat in ring:
        point = project_point(lon, lat, frame)
        if not points or points[-1] != point:
            points.append(point)
    if len(points) < 3:
        return ""
    deltas = [number for (x0, y0), (x1, y1) in zip(points, points[1:]) for number in (x1 - x0, y1 - y0)]
    return f"M{_join_numbers(points[0])}l{_join_numbers(deltas)}z"


def _join_numbers(numbers) -> str:
    # A minus sign separates two numbers by itself; a space is needed only before a non-negative one.
    text = ""
    for number in numbers:
        text += (" " if text and number >= 0 else "") + str(number)
    return text


def shape_path(rings, frame: Frame) -> str:
    """SVG path data for all rings of a shape."""
    return "".join(ring_path(ring, frame) for ring in rings)
