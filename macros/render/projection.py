"""Projection: lon/lat shapes to whole SVG units on an equirectangular frame."""
from __future__ import annotations

import math
from dataclasses import dataclass

MAP_WIDTH = 1000  # SVG user units; paths use whole units, so 1 unit is the finest step drawn


@dataclass(frozen=True)
class Frame:
    """An equirectangular projection of the box onto a MAP_WIDTH-wide SVG canvas."""

    box: tuple[float, float, float, float]
    width: int
    height: int
    x_per_degree: float
    y_per_degree: float


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
    points: list[tuple[int, int]] = []
    for lon, lat in ring:
        point = project_point(lon, lat, frame)
        if not points or points[-1] != point:
            points.append(point)
    if len(points) < 3:
        return ""
    deltas = [number for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False) for number in (x1 - x0, y1 - y0)]
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
