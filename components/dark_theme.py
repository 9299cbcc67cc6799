"""The dark theme of an export: every colour of the light figure swapped for its dark counterpart.

Builders draw in the light theme and name their colours from components.theme, so one table from
each light colour to its dark one turns a whole figure dark: background, text, grid and axes, and
the pale tints behind hatched bars (mixed with the dark ground instead of white). Tol's 'muted'
colours are made for a white ground, and on the dark one indigo (1.4:1) and wine (2.0:1) are lost:
each mark colour is mixed with white just enough for 3:1 against the dark ground and against its
own tint (WCAG 2.2, 1.4.11), so it keeps its hue and the words that name it in a chart still fit.
tests/test_theme.py checks every ratio.
"""
from __future__ import annotations

from components.theme import (AXIS_LINE, GRID, KIND_COLOURS, MUTED_TEXT, NEUTRAL, ROLE_COLOURS, TEXT,
                              TINT_AMOUNT, TOL_MUTED, contrast, mix, tint)

THEMES = ("light", "dark")
DARK_BACKGROUND = "#1B1B1F"
DARK_TEXT = "#EDEDED"
DARK_MUTED_TEXT = "#B8B8B8"
DARK_GRID = "#3A3A40"
DARK_AXIS_LINE = "#77777D"
# A mark against the ground: a little over 3:1, so no rounding of a mixed colour takes it under.
MARK_CONTRAST = 3.2
# A hatching against its own tint behind it (theme.py's light tints meet 3:1 too).
HATCH_CONTRAST = 3.0


def on_dark(hex_colour: str) -> str:
    """A mark colour for the dark ground: mixed with white in steps of 5% until it and its dark tint
    (the fill behind its hatching) are clear of the ground and of each other."""
    for step in range(21):
        colour = mix(hex_colour, "#FFFFFF", step / 20)
        if (contrast(colour, DARK_BACKGROUND) >= MARK_CONTRAST
                and contrast(colour, dark_tint(colour)) >= HATCH_CONTRAST):
            return colour
    return "#FFFFFF"


def dark_tint(dark_colour: str) -> str:
    """The fill behind a hatched bar on the dark ground: the colour mixed with the ground as far as
    the light theme mixes it with white."""
    return mix(dark_colour, DARK_BACKGROUND, TINT_AMOUNT)


MARK_COLOURS = {*TOL_MUTED.values(), *ROLE_COLOURS.values(), *KIND_COLOURS.values(), NEUTRAL}


def dark_colours() -> dict[str, str]:
    """Light colour (upper-case hex, or a CSS name) to dark colour."""
    table = {
        "WHITE": DARK_BACKGROUND, "#FFFFFF": DARK_BACKGROUND, "#FFF": DARK_BACKGROUND,
        TEXT.upper(): DARK_TEXT, MUTED_TEXT.upper(): DARK_MUTED_TEXT, GRID.upper(): DARK_GRID,
        AXIS_LINE.upper(): DARK_AXIS_LINE,
    }
    for colour in MARK_COLOURS:
        table.setdefault(colour.upper(), on_dark(colour))
        # Announced bars fill with the colour's tint (theme.tint): the dark ground's tint instead.
        table.setdefault(tint(colour).upper(), dark_tint(on_dark(colour)))
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
