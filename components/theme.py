"""The one plotly template every chart uses: the Okabe–Ito colour-blind-safe palette and one font.

Okabe & Ito (2008), "Color Universal Design": eight colours that stay distinct under the common
colour-vision deficiencies. Colours are named here by what they mean in this dashboard, so a
builder asks for `ROLE_COLOURS["release"]`, never for a hex code.
"""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
# Not an Okabe–Ito colour: a neutral for context (the whole list, the unexplained remainder).
NEUTRAL = "#7F7F7F"
TEXT = "#222222"
MUTED_TEXT = "#555555"
GRID = "#E5E5E5"

# The exports need one fixed, installed font (Debian's fonts-dejavu-core) so PNG/PDF match the app.
FONT_FAMILY = "DejaVu Sans"

ROLE_COLOURS = {
    "scope": OKABE_ITO["orange"],          # what an act was said to reach
    "release": OKABE_ITO["blue"],          # people who left custody
    "relief": OKABE_ITO["bluish_green"],   # lighter sentences, non-custodial relief
    "remainder": NEUTRAL,                  # derived: reach no category accounts for
    "political_prisoners": OKABE_ITO["reddish_purple"],
    "list": NEUTRAL,
    "expected": OKABE_ITO["sky_blue"],
    "reached": OKABE_ITO["blue"],
    "not_reached": OKABE_ITO["vermillion"],
    "bound": OKABE_ITO["vermillion"],
    "exact": OKABE_ITO["blue"],
}

KIND_COLOURS = {
    "official": OKABE_ITO["orange"],
    "state_agency": OKABE_ITO["vermillion"],
    "independent_agency": OKABE_ITO["blue"],
    "monitor": OKABE_ITO["bluish_green"],
    "press": OKABE_ITO["reddish_purple"],
}

# Hatching says "what an act was to do (or is expected to do)", solid says "what it delivered".
STAGE_PATTERNS = {"announced": "/", "adopted": "/", "expected": "."}
# Counts of what an act delivered; every other stage is a promise or a forecast.
OUTCOME_STAGES = ("interim", "final", "reported")
# On a log axis a number is a dot: filled for an outcome, hollow for a promise, a hollow diamond
# for a forecast.
STAGE_SYMBOLS = {"announced": "circle-open", "adopted": "circle-open", "expected": "diamond-open"}

TEMPLATE_NAME = "amnesty"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=12, color=TEXT),
        colorway=list(OKABE_ITO.values())[1:] + [OKABE_ITO["black"]],
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=12), bgcolor="white", align="left"),
        xaxis=dict(gridcolor=GRID, zeroline=False, linecolor="#BBBBBB", ticks="outside",
                   tickcolor="#BBBBBB", automargin=True),
        yaxis=dict(gridcolor=GRID, zeroline=False, automargin=True),
        showlegend=False,
    )
)


def tint(hex_colour: str, amount: float = 0.7) -> str:
    """The colour mixed with white: the fill behind an announced bar's hatching."""
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (red, green, blue)]
    return "#{:02X}{:02X}{:02X}".format(*mix)
