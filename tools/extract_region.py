"""Extract the region's country shapes from world-atlas (Natural Earth) into data/geo/region.json.

A one-off, re-runnable step; the site build never runs it and needs no network or npm:

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/extract_region.py "$PWD/package/countries-50m.json" --version 2.0.2

It decodes the TopoJSON arcs, simplifies each shared arc once (so neighbours keep a common border),
assembles the chosen countries plus the land mass as background, clips them to the region's box and
rounds to 0.01 degree. Standard library only.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT_DIR / "data" / "geo" / "region.json"

# The window drawn on every map: Belarus in the west to western China, the Indian subcontinent's
# north to Moscow. Wider would shrink Afghanistan, the article's subject, to a few pixels.
BOX = (22.0, 18.0, 100.0, 60.0)  # west, south, east, north (degrees)
TOLERANCE = 0.06  # degrees (~6 km): invisible at the map's size, and keeps the file small

# ISO 3166-1 numeric code -> (our actor id or None for context shapes, label, label lon, label lat).
# Label points are placed by hand inside the visible part of each country.
COUNTRIES = {
    "004": ("afghanistan", "Afghanistan", 66.0, 33.8),
    "586": ("pakistan", "Pakistan", 69.5, 28.5),
    "364": ("iran", "Iran", 54.5, 32.5),
    "795": ("turkmenistan", "Turkmenistan", 59.0, 39.3),
    "860": ("uzbekistan", "Uzbekistan", 63.5, 42.0),
    "762": ("tajikistan", "Tajikistan", 71.0, 38.7),
    "417": ("kyrgyzstan", "Kyrgyzstan", 74.8, 41.5),
    "398": ("kazakhstan", "Kazakhstan", 67.0, 48.0),
    "156": ("china", "China", 88.0, 33.0),
    "356": ("india", "India", 78.5, 23.5),
    "643": ("russia", "Russia", 62.0, 56.5),
    "051": ("armenia", "Armenia", 44.9, 40.2),
    "112": ("belarus", "Belarus", 27.9, 53.5),
    "031": (None, "Azerbaijan", 47.7, 40.3),
    "268": (None, "Georgia", 43.5, 42.1),
}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends (arcs meet other arcs there)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            x, y = points[i]
            d = (abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length
                 else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=False) if kept]


def assemble_ring(arc_indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs; a negative index ~i means arc i reversed; shared end points appear once."""
    ring: list[tuple[float, float]] = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


def clip_ring(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clipping of a ring to the box (fine for filled shapes)."""
    west, south, east, north = box
    edges = [(lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
             (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
             (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
             (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north))]
    for inside, cross in edges:
        if not ring:
            break
        clipped = []
        for i, current in enumerate(ring):
            previous = ring[i - 1]
            if inside(current):
                if not inside(previous):
                    clipped.append(cross(previous, current))
                clipped.append(current)
            elif inside(previous):
                clipped.append(cross(previous, current))
        ring = clipped
    return ring


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def extract_polygons(geometry: dict, arcs) -> list[list[list[float]]]:
    """A geometry's rings, clipped and rounded, as [[lon, lat], ...]; rings outside the box dropped."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = []
    for polygon in polygons:
        for ring_arcs in polygon:
            ring = clip_ring(assemble_ring(ring_arcs, arcs), BOX)
            rounded: list[list[float]] = []
            for lon, lat in ring:
                point = [round(lon, 2), round(lat, 2)]
                if not rounded or rounded[-1] != point:
                    rounded.append(point)
            if len(rounded) >= 4 and abs(_area(rounded)) > 0.02:  # drop slivers and specks
                rings.append(rounded)
    return rings


def _area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False)) / 2


def main() -> None:
    """Read countries-50m.json, write data/geo/region.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="countries-50m.json from the world-atlas npm package")
    parser.add_argument("--version", required=True, help="the world-atlas version it came from")
    arguments = parser.parse_args()
    topology = json.loads(arguments.topojson.read_text(encoding="utf-8"))
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
    geometries = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    countries = []
    for code, (actor, label, label_lon, label_lat) in COUNTRIES.items():
        countries.append({"iso_numeric": code, "name": geometries[code]["properties"]["name"], "actor": actor,
                          "label": label, "label_at": [label_lon, label_lat],
                          "rings": extract_polygons(geometries[code], arcs)})
    land = [ring for geometry in topology["objects"]["land"]["geometries"]
            for ring in extract_polygons(geometry, arcs)]
    region = {
        "origin": f"Natural Earth 1:50m Admin 0 countries (public domain), via the npm package world-atlas "
                  f"{arguments.version} (ISC licence), extracted by tools/extract_region.py",
        "box": list(BOX), "tolerance_degrees": TOLERANCE,
        "countries": countries, "land": land,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(region, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(PROJECT_DIR)}: {OUTPUT.stat().st_size} bytes, "
          f"{sum(len(r) for c in countries for r in c['rings'])} country points, "
          f"{sum(len(r) for r in land)} land points")


if __name__ == "__main__":
    main()
