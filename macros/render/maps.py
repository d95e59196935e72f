"""Maps: the region's states coloured by their role in each organization, and a locator map per state.

Python decides which shape gets which role, title and label; the templates map-*.html draw the SVG.
Shapes are written once per page in a hidden <defs> block and drawn with <use>, so six small maps
cost little more than one.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..load.geography import Region, Shape
from ..model.dates import format_reduced_date
from ..model.records import MEMBERSHIP_ROLES
from ..query import index as query
from ..query import overlaps
from ..query.time import current_members
from .components import Draw
from .html import ROLE_GROUP_LABELS, ROLE_LABELS, render_template
from .projection import Frame, frame_for, project_point, shape_path

# How each role is drawn. Colour is never the only cue: solid, hatched and dotted fills differ in
# texture, the leading state also gets a heavy outline, and the caption lists every state by role.
ROLE_FILLS = {
    "leader": "solid-strong", "member": "solid", "participant": "solid", "partner": "solid",
    "observer": "hatch", "dialogue-partner": "hatch", "invited-guest": "hatch", "non-member": "dots",
}
FILL_LEGENDS = {
    "solid-strong": "strongest solid fill, heavy outline", "solid": "solid fill", "hatch": "hatched",
    "dots": "dotted",
}
PATTERN_FILLS = {"hatch": "url(#geo-hatch)", "dots": "url(#geo-dots)"}
LOCATOR_LABEL_LIFT = 48  # SVG units: the focus label sits above its label point, not over the shape
SMALL_SHAPE = 120  # SVG units: states smaller than this get a ring drawn around them


@dataclass(frozen=True)
class DrawnShape:
    """One shape as a map draws it: which definition, which role class, its tooltip and label."""

    ref: str
    actor: str | None
    role: str
    css_class: str
    fill: str | None
    title: str
    label: str | None
    label_x: int
    label_y: int


# ---------------------------------------------------------------- shared definitions

def render_map_definitions(region: Region, frame: Frame) -> str:
    """The hidden <svg> holding every shape's path and the fill patterns, once per page."""
    shapes = [(_ref(shape), shape_path(shape.rings, frame)) for shape in region.countries]
    return render_template("map-defs.html", shapes=shapes, land=shape_path(region.land, frame))


def _ref(shape: Shape) -> str:
    return f"geo-shape-{shape.iso_numeric}"


def _label_point(shape: Shape, frame: Frame) -> tuple[int, int]:
    return project_point(shape.label_at[0], shape.label_at[1], frame)


# ---------------------------------------------------------------- organization maps

def roles_on_map(organization_id: str, draw: Draw) -> dict[str, str]:
    """Actor id -> its role in the organization as of the newest date in the data, like the membership
    table (the first in MEMBERSHIP_ROLES order if several records hold then, e.g. two accounts)."""
    roles: dict[str, str] = {}
    for membership in current_members(draw.index, organization_id):
        current = roles.get(membership.member)
        if current is None or MEMBERSHIP_ROLES.index(membership.role) < MEMBERSHIP_ROLES.index(current):
            roles[membership.member] = membership.role
    return roles


def shapes_for_roles(region: Region, frame: Frame, roles: dict[str, str], draw: Draw) -> list[DrawnShape]:
    """Every shape with the class of its actor's role; states without a role and context shapes stay plain."""
    drawn = []
    for shape in region.countries:
        x, y = _label_point(shape, frame)
        if shape.actor is None:
            drawn.append(DrawnShape(_ref(shape), None, "context", "geo-context", None,
                                    f"{shape.name} (not in the data)", None, x, y))
            continue
        name = query.name_of(draw.index, shape.actor)
        role = roles.get(shape.actor)
        if role is None:
            drawn.append(DrawnShape(_ref(shape), shape.actor, "none", "geo-role-none", None,
                                    f"{name}: no recorded role", shape.label, x, y))
            continue
        fill = ROLE_FILLS[role]
        drawn.append(DrawnShape(_ref(shape), shape.actor, role, f"geo-role-{role} geo-fill-{fill}",
                                PATTERN_FILLS.get(fill), f"{name}: {ROLE_LABELS[role]}", shape.label, x, y))
    return drawn


def render_region_map(organization_id: str, region: Region, draw: Draw, *, frame: Frame | None = None) -> str:
    """One organization's map: states filled by role, a legend, and a caption listing them all by role."""
    frame = frame or frame_for(region.box)
    organization = draw.index.organizations[organization_id]
    roles = roles_on_map(organization_id, draw)
    shapes = shapes_for_roles(region, frame, roles, draw)
    groups = []
    for role in MEMBERSHIP_ROLES:
        members = [member for member, member_role in roles.items() if member_role == role]
        if members:
            off_map = [member for member in members if region.shape_of(member) is None]
            groups.append((role, ROLE_GROUP_LABELS[role], FILL_LEGENDS[ROLE_FILLS[role]],
                           PATTERN_FILLS.get(ROLE_FILLS[role]), members, off_map))
    as_of = draw.index.newest_membership_date
    # A frozen or suspended participation is named in the caption, as in the members table.
    statuses = {m.member: m.status for m in current_members(draw.index, organization_id) if m.status}
    return render_template("map-organization.html", organization=organization, shapes=shapes, frame=frame,
                           groups=groups, draw=draw, as_of=format_reduced_date(as_of) if as_of else "",
                           statuses=statuses)


def render_membership_maps(region: Region, draw: Draw) -> str:
    """Small multiples: one map per organization with recorded memberships, sharing one set of shapes.

    Beyond overlaps.MATRIX_ORGANIZATION_LIMIT organizations, maps of the largest only (those of the
    matrix beside them), and says so: a map per organization made the page grow with the data.
    """
    frame = frame_for(region.box)
    organizations = [o.id for o in draw.index.organizations.values() if query.members_of(draw.index, o.id)]
    without = [o for o in draw.index.organizations.values() if o.id not in organizations]
    shown = organizations
    if len(organizations) > overlaps.MATRIX_ORGANIZATION_LIMIT:
        largest = overlaps.choose_matrix_organizations(draw.index, overlaps.find_members_by_organization(draw.index))
        shown = [organization for organization in largest if organization in organizations]
    maps = [render_region_map(organization_id, region, draw, frame=frame) for organization_id in shown]
    return render_template("map-grid.html", definitions=render_map_definitions(region, frame), maps=maps,
                           without=without, origin=region.origin,
                           draw=draw, limited=len(shown) < len(organizations), total=len(organizations))


# ---------------------------------------------------------------- locator map

def render_locator_map(actor_id: str, region: Region, draw: Draw) -> str:
    """A small map with one state highlighted; a plain sentence when the state is not on the map."""
    name = query.name_of(draw.index, actor_id)
    focus = region.shape_of(actor_id)
    if focus is None:
        return render_template("map-locator.html", state_name=name, focus=None, shapes=[], frame=None,
                               definitions="", origin=region.origin)
    frame = frame_for(region.box)
    ring = _small_shape_ring(focus, frame)
    shapes = []
    for shape in region.countries:
        x, y = _label_point(shape, frame)
        is_focus = shape is focus
        shapes.append(DrawnShape(_ref(shape), shape.actor, "focus" if is_focus else "other",
                                 "geo-focus" if is_focus else "geo-context" if shape.actor is None else "geo-role-none",
                                 None, shape.name if shape.actor is None else query.name_of(draw.index, shape.actor),
                                 shape.label if is_focus else None, x, y - LOCATOR_LABEL_LIFT))
    return render_template("map-locator.html", state_name=name, focus=focus, shapes=shapes, frame=frame, ring=ring,
                           definitions=render_map_definitions(region, frame), origin=region.origin)


def _small_shape_ring(shape: Shape, frame: Frame) -> tuple[int, int, int] | None:
    """A circle (x, y, r) around a state too small to see at a glance; None for larger states."""
    points = [project_point(lon, lat, frame) for ring in shape.rings for lon, lat in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    size = max(max(xs) - min(xs), max(ys) - min(ys))
    if size >= SMALL_SHAPE:
        return None
    return (min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2, size // 2 + 14
