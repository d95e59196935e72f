"""The relations network: actors on a circle, ties as arrows, drawn at build time as SVG.

Deterministic: actors are placed on a circle in order of kind and id and every number is rounded, so the
same data gives byte-identical SVG. No script, no request. Each tie type has a colour (its family) and a
dash pattern of its own, so the picture reads without colour; the legend names both, and the table after
the picture (render/relations.py) lists the same ties as text.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from ..model.dates import format_reduced_date
from ..model.records import RELATION_TYPES, Relation
from ..query import index as query
from ..query.relation_views import NetworkSelection
from .components import Draw
from .html import render_template
from .relations import (
    DASH_LABEL_OF,
    DASH_OF,
    FAMILY_HEADS,
    FAMILY_LABELS,
    FAMILY_OF,
    label_of_relation,
    render_relation_table,
)

NODE_RADIUS = 7
FOCUS_RADIUS = 11
LABEL_SPACE = 170  # SVG units beside the circle for names
PARALLEL_GAP = 13  # SVG units between ties drawn between the same two actors
KIND_ORDER = ("state", "government", "bloc", "organization", "armed-group", "person")


@dataclass(frozen=True)
class Node:
    """One actor or organization: its place, its label's place and anchor."""

    id: str
    name: str
    kind: str
    x: float
    y: float
    radius: int
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class Edge:
    """One tie: its path (a line, or a curve when two actors share several ties) and how it is drawn."""

    relation: Relation
    path: str
    family: str
    dash: str
    title: str


@dataclass(frozen=True)
class LegendEntry:
    """One tie type present in the picture."""

    type: str
    label: str
    family: str
    family_label: str
    dash: str
    dash_label: str
    head: str
    count: int


def _number(value: float) -> str:
    """One decimal, no '-0.0': the same data always gives the same text."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def kind_of(draw: Draw, record_id: str) -> str:
    """'organization' or the actor's type: nodes are grouped by it around the circle."""
    actor = draw.index.actors.get(record_id)
    return actor.type if actor else "organization"


def _order_key(draw: Draw, record_id: str) -> tuple:
    kind = kind_of(draw, record_id)
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), record_id)


def layout_nodes(draw: Draw, node_ids: list[str], focus: str | None = None) -> tuple[list[Node], int, int]:
    """Nodes on a circle (the focus, if any, in the middle); returns the nodes and the picture's size."""
    ring = sorted((n for n in node_ids if n != focus), key=lambda n: _order_key(draw, n))
    radius = max(110.0, 24 * len(ring) / (2 * math.pi))
    # Room beyond the circle for names beside it and for curves bulging out of it.
    width, height = int(2 * (radius + LABEL_SPACE)), int(2 * (radius + 70))
    center_x, center_y = width / 2, height / 2
    nodes = []
    if focus is not None:
        nodes.append(Node(focus, query.name_of(draw.index, focus), kind_of(draw, focus), center_x, center_y,
                          FOCUS_RADIUS, center_x, center_y + FOCUS_RADIUS + 16, "middle"))
    for number, record_id in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * number / max(len(ring), 1)
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = center_x + radius * cos, center_y + radius * sin
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        label_distance = NODE_RADIUS + 6
        label_x = x + label_distance * cos
        label_y = y + label_distance * sin + (4 if anchor != "middle" else (14 if sin > 0 else -8))
        nodes.append(Node(record_id, query.name_of(draw.index, record_id), kind_of(draw, record_id),
                          round(x, 1), round(y, 1), NODE_RADIUS, round(label_x, 1), round(label_y, 1), anchor))
    return nodes, width, height


def route_edges(relations: list[Relation], nodes: list[Node], draw: Draw) -> list[Edge]:
    """A path per tie, ending short of its object's circle so the arrowhead shows; shared pairs fan out."""
    place = {node.id: node for node in nodes}
    by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for relation in relations:
        if relation.subject != relation.object:  # a tie to itself has no line; the table lists it
            by_pair[tuple(sorted((relation.subject, relation.object)))].append(relation)  # type: ignore[index]
    edges = []
    for (first, second), pair_relations in sorted(by_pair.items()):
        a, b = place[first], place[second]
        length = math.hypot(b.x - a.x, b.y - a.y) or 1.0
        normal_x, normal_y = -(b.y - a.y) / length, (b.x - a.x) / length
        for number, relation in enumerate(pair_relations):
            offset = (number - (len(pair_relations) - 1) / 2) * PARALLEL_GAP * 2
            start, end = place[relation.subject], place[relation.object]
            middle_x, middle_y = (a.x + b.x) / 2 + normal_x * offset, (a.y + b.y) / 2 + normal_y * offset
            edges.append(Edge(relation, _path(start, end, middle_x, middle_y, curved=bool(offset)),
                              FAMILY_OF[relation.type], DASH_OF[relation.type], _edge_title(relation, draw)))
    return edges


def _path(start: Node, end: Node, control_x: float, control_y: float, *, curved: bool) -> str:
    """From the edge of the subject's circle to just before the object's (the arrowhead fills the gap)."""
    def toward(node: Node, x: float, y: float, gap: float) -> tuple[float, float]:
        length = math.hypot(x - node.x, y - node.y) or 1.0
        return node.x + (x - node.x) * gap / length, node.y + (y - node.y) * gap / length

    aim_x, aim_y = (control_x, control_y) if curved else (end.x, end.y)
    x1, y1 = toward(start, aim_x, aim_y, start.radius + 1)
    aim_x, aim_y = (control_x, control_y) if curved else (start.x, start.y)
    x2, y2 = toward(end, aim_x, aim_y, end.radius + 3)
    if not curved:
        return f"M{_number(x1)} {_number(y1)}L{_number(x2)} {_number(y2)}"
    # The curve passes through (control_x, control_y): a quadratic's control point lies twice as far out.
    mid_x, mid_y = (start.x + end.x) / 2, (start.y + end.y) / 2
    qx, qy = 2 * control_x - mid_x, 2 * control_y - mid_y
    return f"M{_number(x1)} {_number(y1)}Q{_number(qx)} {_number(qy)} {_number(x2)} {_number(y2)}"


def _edge_title(relation: Relation, draw: Draw) -> str:
    text = (f"{query.name_of(draw.index, relation.subject)} {label_of_relation(relation.type)} "
            f"{query.name_of(draw.index, relation.object)}")
    start, end, as_of = (format_reduced_date(d) if d else "" for d in (relation.start, relation.end, relation.as_of))
    if start and end:
        text += f" ({start} to {end}; ended)"
    elif start or as_of:
        text += f" (from {start})" if start else f" (as of {as_of})"
    elif end:
        text += f" (until {end}; ended)"
    return text + (" (disputed)" if relation.disagreement else "")


def legend_of(relations: list[Relation]) -> list[LegendEntry]:
    """The tie types in the picture, in the order of RELATION_TYPES, with their counts."""
    counts: dict[str, int] = defaultdict(int)
    for relation in relations:
        counts[relation.type] += 1
    return [LegendEntry(t, label_of_relation(t), FAMILY_OF[t], FAMILY_LABELS[FAMILY_OF[t]], DASH_OF[t],
                        DASH_LABEL_OF[t], FAMILY_HEADS[FAMILY_OF[t]], counts[t]) for t in RELATION_TYPES if counts[t]]


def render_network(selection: NetworkSelection, draw: Draw, *, chart_id: str, subject: str,
                   focus: str | None = None) -> str:
    """The picture of these ties with its legend; empty when there are none (the table says so)."""
    if not selection.relations:
        return ""
    nodes, width, height = layout_nodes(draw, selection.nodes, focus)
    edges = route_edges(selection.relations, nodes, draw)
    families = sorted({edge.family for edge in edges})
    return render_template("network.html", nodes=nodes, edges=edges, legend=legend_of(selection.relations),
                           families=families, width=width, height=height, chart_id=chart_id, subject=subject,
                           selection=selection, focus=focus, number=_number, draw=draw)


def render_network_with_table(selection: NetworkSelection, relations: list[Relation], draw: Draw, *,
                              chart_id: str, subject: str, focus: str | None = None, anchors: bool = False) -> str:
    """The picture, then the table of every tie (its text alternative, and the full list when capped)."""
    picture = render_network(selection, draw, chart_id=chart_id, subject=subject, focus=focus)
    table = render_relation_table(relations, draw, caption=f"Ties: {subject}", anchors=anchors,
                                  table_id=f"network-{chart_id}-table")
    return picture + table
