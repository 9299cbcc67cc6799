"""The dark theme of an export: every colour of the light figure swapped for its dark counterpart.

Builders draw in the light theme and name their colours from components.theme, so one table from
each light colour to its dark one turns a whole figure dark: background, text, grid and axes, and
the pale tints behind hatched bars (mixed with the dark ground instead of white). The Okabe–Ito
colours stay themselves: they were chosen to stay apart on light and dark grounds alike.
"""
from __future__ import annotations

from components.theme import GRID, MUTED_TEXT, OKABE_ITO, ROLE_COLOURS, KIND_COLOURS, NEUTRAL, TEXT, tint

THEMES = ("light", "dark")
DARK_BACKGROUND = "#1B1B1F"
DARK_TEXT = "#EDEDED"
DARK_MUTED_TEXT = "#B8B8B8"
DARK_GRID = "#3A3A40"
DARK_AXIS_LINE = "#77777D"
LIGHT_AXIS_LINE = "#BBBBBB"  # components.theme's axis line and tick colour


def _mix(hex_colour: str, ground: str, amount: float) -> str:
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    g_red, g_green, g_blue = (int(ground[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (g - c) * amount) for c, g in ((red, g_red), (green, g_green), (blue, g_blue))]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def dark_colours() -> dict[str, str]:
    """Light colour (upper-case hex, or a CSS name) to dark colour."""
    table = {
        "WHITE": DARK_BACKGROUND, "#FFFFFF": DARK_BACKGROUND, "#FFF": DARK_BACKGROUND,
        TEXT.upper(): DARK_TEXT, MUTED_TEXT.upper(): DARK_MUTED_TEXT, GRID.upper(): DARK_GRID,
        LIGHT_AXIS_LINE: DARK_AXIS_LINE, OKABE_ITO["black"].upper(): DARK_TEXT,
    }
    for colour in {*OKABE_ITO.values(), *ROLE_COLOURS.values(), *KIND_COLOURS.values(), NEUTRAL}:
        # Announced bars are the colour mixed with the ground (theme.tint): mix with the dark one.
        table.setdefault(tint(colour).upper(), _mix(colour, DARK_BACKGROUND, 0.7))
    return table


def to_dark(value, table: dict[str, str] | None = None):
    """A copy of a figure's JSON with each light colour made dark. Only colour properties (keys
    ending in "color", and the colorway) are read, so a label that says "white" stays a word."""
    table = table if table is not None else dark_colours()
    if isinstance(value, dict):
        return {key: _colour(item, table) if key.endswith("color") or key == "colorway"
                else to_dark(item, table) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_dark(item, table) for item in value]
    return value


def _colour(value, table: dict[str, str]):
    if isinstance(value, str):
        return table.get(value.upper(), value)
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return [_colour(item, table) for item in list(value)]
    return value


def dark_figure(figure):
    """A copy of a plotly figure in the dark theme."""
    import plotly.graph_objects as go

    return go.Figure(to_dark(figure.to_plotly_json()))
