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
from components import theme
from components.dark_theme import (DARK_BACKGROUND, DARK_MUTED_TEXT, DARK_TEXT, dark_colours,
                                   dark_figure, dark_tint, on_dark)
from components.theme import (COLOUR_NAMES, KIND_COLOURS, MUTED_TEXT, NEUTRAL, ROLE_COLOURS, TEXT,
                              TOL_MUTED, tint)

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
    # The theme's own formula (the dark theme picks its colours with it) agrees.
    for first, second in (("#000000", WHITE), ("#7A7A7A", WHITE), ("#332288", DARK_BACKGROUND)):
        assert theme.contrast(first, second) == pytest.approx(contrast(first, second))


@pytest.mark.parametrize("colour", MARK_COLOURS, ids=lambda c: COLOUR_NAMES.get(c, c))
def test_every_mark_colour_is_3_to_1_against_white_and_against_its_hatched_tint(colour):
    assert contrast(colour) >= 3, colour
    # An announced or expected bar: hatching or dots in the colour over a fill of its tint.
    assert contrast(colour, tint(colour)) >= 3, (colour, tint(colour))


@pytest.mark.parametrize("colour", MARK_COLOURS, ids=lambda c: COLOUR_NAMES.get(c, c))
def test_every_mark_colour_in_a_dark_export_is_3_to_1_against_the_ground_and_its_tint(colour):
    """Tol's indigo and wine are lost on the dark ground (1.4:1, 2.0:1): the dark theme lightens
    each mark colour just enough, and fills hatched bars with its tint on that ground."""
    dark = dark_colours()[colour.upper()]
    assert dark == on_dark(colour)
    assert contrast(dark, DARK_BACKGROUND) >= 3, (colour, dark)
    assert contrast(dark, dark_tint(dark)) >= 3, (colour, dark, dark_tint(dark))
    assert dark_colours()[tint(colour).upper()] == dark_tint(dark)


def test_dark_text_colours_are_4_5_to_1():
    for colour in (DARK_TEXT, DARK_MUTED_TEXT):
        assert contrast(colour, DARK_BACKGROUND) >= 4.5, colour


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
        return {name: build_chart(name, con) for name in figure_names(con)}


def drawn_colours(figure) -> set[str]:
    """Every colour a figure's bars and markers are drawn in, outlines included (fills of hatched
    bars excepted: those are the tints, checked against their hatching above)."""
    found = set()
    for trace in figure.data:
        marker = trace.marker
        if trace.type == "bar":
            colours = list(marker.line.color or []) + list(marker.pattern.fgcolor or [])
        else:
            colours = [c for value in (marker.color, marker.line.color)
                       for c in ([value] if isinstance(value, str) else list(value or []))]
        found.update(c.upper() for c in colours if c)
    return found


def test_every_chart_draws_only_checked_colours(charts):
    """Every chart, the act timelines and breakdowns included: marks in the checked colours or
    the text colour (a timeline's steps, a bound's arrow)."""
    assert any(name.startswith("act-timeline-") for name in charts)
    allowed = {c.upper() for c in [*MARK_COLOURS, TEXT]}
    for name, chart in charts.items():
        assert drawn_colours(chart.figure) <= allowed, name


def test_every_dark_chart_draws_only_checked_colours(charts):
    allowed = {c.upper() for c in [*map(on_dark, MARK_COLOURS), DARK_TEXT]}
    for name, chart in charts.items():
        assert drawn_colours(dark_figure(chart.figure)) <= allowed, name


def test_hatched_bars_fill_with_the_tint_of_their_colour(charts):
    """The fill behind an announced bar's hatching is the tint checked above, not another shade;
    an outcome's bar is solid, in its colour."""
    for name, chart in charts.items():
        for trace in chart.figure.data:
            if trace.type != "bar":
                continue
            for fill, line, shape in zip(trace.marker.color, trace.marker.line.color,
                                         trace.marker.pattern.shape):
                assert fill in (line, tint(line)), name
                if shape:
                    assert fill == tint(line), name
