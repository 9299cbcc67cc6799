"""Contrast of every colour that carries meaning (WCAG 2.2 AA), computed, not eyeballed.

Text needs 4.5:1 against its background (1.4.3), a chart mark or a focus ring 3:1 (1.4.11). The
app and the exports draw from the same theme, so checking the theme and the built figures covers
both.
"""
import re
import tomllib
from pathlib import Path

import duckdb
import pytest

from amnesty.figures import build_chart, figure_names
from components.theme import (COLOUR_NAMES, KIND_COLOURS, MUTED_TEXT, NEUTRAL, ROLE_COLOURS,
                              STAGE_PATTERNS, TEXT, TOL_MUTED, tint)

ROOT = Path(__file__).resolve().parent.parent
WHITE = "#FFFFFF"
MARK_COLOURS = sorted({*ROLE_COLOURS.values(), *KIND_COLOURS.values(), NEUTRAL, *TOL_MUTED.values()})


def rgb(colour: str) -> tuple[float, float, float, float]:
    """'#RRGGBB' or 'rgba(r, g, b, a)' -> (r, g, b, alpha), channels 0-255."""
    if colour.startswith("#"):
        return (*(int(colour[i:i + 2], 16) for i in (1, 3, 5)), 1.0)
    parts = [float(p) for p in re.findall(r"[\d.]+", colour)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def over(colour: str, background: str = WHITE) -> str:
    """A translucent colour as it shows over an opaque background."""
    r, g, b, alpha = rgb(colour)
    br, bg, bb, _ = rgb(background)
    return "#{:02X}{:02X}{:02X}".format(*(round(c * alpha + d * (1 - alpha))
                                          for c, d in ((r, br), (g, bg), (b, bb))))


def luminance(colour: str) -> float:
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b, _ = rgb(over(colour))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(first: str, second: str = WHITE) -> float:
    """WCAG 2.2's contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_gives_the_known_ratios():
    assert contrast("#000000") == pytest.approx(21)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes 4.5:1
    assert contrast("#7A7A7A") == pytest.approx(4.29, abs=0.01)  # the old caption colour
    assert contrast("#E69F00") == pytest.approx(2.25, abs=0.01)  # Okabe–Ito orange, which failed


@pytest.mark.parametrize("colour", MARK_COLOURS, ids=lambda c: COLOUR_NAMES.get(c, c))
def test_every_mark_colour_is_3_to_1_against_white_and_against_its_hatched_tint(colour):
    assert contrast(colour) >= 3, colour
    # An announced or expected bar: hatching or dots in the colour over a fill of its tint.
    assert contrast(colour, tint(colour)) >= 3, (colour, tint(colour))


def test_every_colour_has_a_name_for_the_words_beside_the_chart():
    assert set(MARK_COLOURS) <= set(COLOUR_NAMES)


def test_text_colours_are_4_5_to_1():
    for colour in (TEXT, MUTED_TEXT):
        assert contrast(colour) >= 4.5, colour


def test_the_app_theme_matches_and_its_captions_are_4_5_to_1():
    """Streamlit draws captions (and other secondary text) in the text colour at 60% opacity."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["textColor"].upper() == TEXT.upper()
    r, g, b, _ = rgb(theme["textColor"])
    assert contrast(f"rgba({r}, {g}, {b}, 0.6)", theme["backgroundColor"]) >= 4.5
    assert contrast(theme["textColor"], theme["secondaryBackgroundColor"]) >= 4.5
    # The accent draws the selected option and the focus ring (amnesty/accessibility.css).
    assert contrast(theme["primaryColor"], theme["backgroundColor"]) >= 3
    css = (ROOT / "amnesty" / "accessibility.css").read_text(encoding="utf-8")
    rings = set(re.findall(r"outline:\s*\d+px solid (#[0-9A-Fa-f]{6})", css))
    assert rings == {theme["primaryColor"]}


@pytest.fixture(scope="module")
def charts(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        return {name: build_chart(name, con) for name in figure_names()}


def drawn_colours(figure) -> set[str]:
    """Every colour a figure's bars and markers are drawn in (fills of hatched bars excepted: those
    are the tints, checked against their hatching above)."""
    found = set()
    for trace in figure.data:
        marker = trace.marker
        colours = [marker.color] if isinstance(marker.color, str) else list(marker.color or [])
        if trace.type == "bar":
            colours = list(marker.line.color or []) + list(marker.pattern.fgcolor or [])
        found.update(c.upper() for c in colours if c)
    return found


def test_every_chart_draws_only_checked_colours(charts):
    allowed = {c.upper() for c in [*MARK_COLOURS, TEXT]}
    for name, chart in charts.items():
        assert drawn_colours(chart.figure) <= allowed, name


def test_hatched_bars_fill_with_the_tint_of_their_colour(charts):
    """The fill behind an announced bar's hatching is the tint checked above, not another shade."""
    for name, chart in charts.items():
        for trace in chart.figure.data:
            if trace.type != "bar":
                continue
            for fill, line, shape in zip(trace.marker.color, trace.marker.line.color,
                                         trace.marker.pattern.shape):
                assert fill == (line if shape == STAGE_PATTERNS["reported"] else tint(line)), name
