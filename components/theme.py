"""The one plotly template every chart uses: Paul Tol's colour-blind-safe 'muted' scheme and one font.

Paul Tol (2021), "Colour schemes and templates", SRON technical note SRON/EPS/TN/09-002, scheme
'muted': nine colours that stay distinct under the common colour-vision deficiencies. Only its five
darker ones are used, each at least 3:1 against white (WCAG 2.2, 1.4.11: marks that carry meaning),
which Okabe–Ito's orange (2.2:1), sky blue (2.3:1) and yellow (1.3:1) were not; its cyan, teal, sand
and pale grey are not either, and olive (3.0:1) is not needed, so they are left out.
tests/test_theme.py computes every ratio, for the dark exports' colours too (components/dark_theme.py).

Colours are named here by what they mean in this dashboard, so a builder asks for
`ROLE_COLOURS["release"]`, never for a hex code, and names a colour in words with `colour_name`.
"""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from amnesty.i18n import N_

TOL_MUTED = {
    "indigo": "#332288",
    "rose": "#CC6677",
    "green": "#117733",
    "purple": "#AA4499",
    "wine": "#882255",
}
# Not a Tol colour: a neutral for context (the whole list, the unexplained remainder), dark enough
# for 3:1 against white and against its own hatched tint.
NEUTRAL = "#707070"
# Near-black, not #222222: Streamlit draws captions in the text colour at 60% opacity, and #222222
# gave #7A7A7A (4.3:1); #111111 gives #707070 (4.9:1). .streamlit/config.toml's textColor matches.
TEXT = "#111111"
MUTED_TEXT = "#555555"
GRID = "#E5E5E5"
# Axis lines, ticks and the timeline's spine: structure, not meaning, so under 3:1 is allowed.
AXIS_LINE = "#BBBBBB"
COLOUR_NAMES = {hex_code: name for name, hex_code in TOL_MUTED.items()} | {NEUTRAL: "grey"}


def _colour_words() -> None:
    """The colours' names, spelled out for `pybabel extract` (a builder translates them)."""
    N_("indigo"), N_("rose"), N_("green"), N_("purple"), N_("wine"), N_("grey")

# The exports need one fixed, installed font (Debian's fonts-dejavu-core) so PNG/PDF match the app.
FONT_FAMILY = "DejaVu Sans"

ROLE_COLOURS = {
    "scope": TOL_MUTED["rose"],            # what an act was said to reach
    "release": TOL_MUTED["indigo"],        # people who left custody
    "relief": TOL_MUTED["green"],          # lighter sentences, non-custodial relief
    "remainder": NEUTRAL,                  # derived: reach no category accounts for
    "political_prisoners": TOL_MUTED["purple"],
    "list": NEUTRAL,
    # Releases still expected share the hue of those reported: their dotted fill and the words
    # "(expected)" say which is which (Tol's light cyan, the old sky blue's place, is 1.8:1).
    "expected": TOL_MUTED["indigo"],
    "reached": TOL_MUTED["indigo"],
    "not_reached": TOL_MUTED["wine"],
    "bound": TOL_MUTED["wine"],
    "exact": TOL_MUTED["indigo"],
}

KIND_COLOURS = {
    "official": TOL_MUTED["rose"],
    "state_agency": TOL_MUTED["wine"],
    "independent_agency": TOL_MUTED["indigo"],
    "monitor": TOL_MUTED["green"],
    "press": TOL_MUTED["purple"],
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
        colorway=list(TOL_MUTED.values()),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=12), bgcolor="white", align="left"),
        xaxis=dict(gridcolor=GRID, zeroline=False, linecolor=AXIS_LINE, ticks="outside",
                   tickcolor=AXIS_LINE, automargin=True),
        yaxis=dict(gridcolor=GRID, zeroline=False, automargin=True),
        showlegend=False,
    )
)


# How far an announced or expected bar's fill is mixed towards white: light enough that its hatching
# (in the full colour) keeps 3:1 against it for every colour above.
TINT_AMOUNT = 0.85


def colour_name(hex_colour: str) -> str:
    """The word for a colour, for a chart's subtitle or notes: 'rose', 'indigo', 'grey'."""
    return COLOUR_NAMES[hex_colour]


def mix(hex_colour: str, toward: str, amount: float) -> str:
    """`hex_colour` moved `amount` (0 to 1) of the way to `toward`."""
    start, end = ([int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in (hex_colour, toward))
    return "#{:02X}{:02X}{:02X}".format(*(round(a + (b - a) * amount) for a, b in zip(start, end)))


def tint(hex_colour: str, amount: float = TINT_AMOUNT) -> str:
    """The colour mixed with white: the fill behind an announced bar's hatching."""
    return mix(hex_colour, "#FFFFFF", amount)


def contrast(first: str, second: str) -> float:
    """WCAG 2.2's contrast ratio of two '#RRGGBB' colours, 1 to 21."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
