"""Geography: the region's country shapes (data/geo/region.json) and their projection to SVG coordinates.

Pure functions, no rendering: pictures.py decides colours and labels. The shapes come from Natural
Earth via tools/extract_region.py; see data/geo/README.md.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..model.problems import Problem
from .own_files import problem_with_file
from .text_files import decode_text

REGION_FILE = Path("geo") / "region.json"  # relative to the data folder


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


# ---------------------------------------------------------------- loading and checking

def load_region(data_dir: Path) -> tuple[Region | None, list[Problem]]:
    """Read data/geo/region.json; return the region (None if unreadable) and any problems."""
    path = data_dir / REGION_FILE
    display = str(Path(data_dir.name) / REGION_FILE)
    expected = "data/geo/region.json, made by tools/extract_region.py"
    if path.exists() or path.is_symlink():
        refused = problem_with_file(path, data_dir.parent, expected)
        if refused:
            return None, [refused]
    try:
        # NaN and Infinity are not JSON numbers, and no coordinate may be one: refuse them by name.
        raw = json.loads(decode_text(path.read_bytes()), parse_constant=_refuse_constant)
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
    numbers = [west, south, east, north] + [value for shape in countries for ring in shape.rings
                                            for point in ring for value in point]
    if not all(math.isfinite(value) for value in numbers):
        return None, [Problem(display, None, "", "box", "a coordinate is not a finite number", expected)]
    if not (west < east and south < north):
        return None, [Problem(display, None, "", "box", f"the box {[west, south, east, north]} has no width or height",
                              "[west, south, east, north] with west < east and south < north")]
    return Region(origin=str(raw.get("origin", "")), box=(west, south, east, north),
                  countries=countries, land=land), []


def _refuse_constant(name: str) -> float:
    """json.loads' hook for NaN and Infinity: refuse them."""
    raise ValueError(f"{name} is not a coordinate")


# ---------------------------------------------------------------- projection


