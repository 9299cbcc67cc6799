"""The figure studio without a browser: the spec and its TOML, presets, overrides, the words
(escaped, wrapped, our source line kept), the footer and the dark theme."""
from __future__ import annotations

import re
from datetime import date
from functools import partial

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from amnesty.db import run_query
from amnesty.export_spec import (PRESETS, ExportSpec, SpecError, from_toml, pixel_size, to_toml,
                                 with_overrides)
from amnesty.figures import build_chart
from amnesty.studio import SITE_URL_SETTING, ExportFacts, compose, export_facts, our_words
from components.chart import finish
from components.dark_theme import DARK_BACKGROUND, DARK_TEXT, to_dark
from components.text_measure import text_width, wrap_to_width
from components.theme import TEXT

FACTS = ExportFacts(version="abc123def456", made_on=date(2026, 1, 2))


@pytest.fixture(scope="module")
def chart(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        return build_chart("release-rate", con)


def tiny_chart(title="A title", source="Source: Test — official"):
    figure = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    return finish(figure, plot_height=120, title=title, subtitle="Sub", notes="Note.",
                  source=source, alt_text="Alt.", data=pd.DataFrame({"n": [1, 2]}))


def footer_text(export) -> str:
    return next(a.text for a in export.figure.layout.annotations if a.name == "footer")


def test_the_presets_give_these_pixel_sizes():
    sizes = {name: (pixel_size(ExportSpec("x", preset=name)).png_width,
                    pixel_size(ExportSpec("x", preset=name)).png_height,
                    round(pixel_size(ExportSpec("x", preset=name)).dpi)) for name in PRESETS}
    assert sizes == {"article": (1600, 900, 192), "square": (1080, 1080, 192),
                     "portrait": (1080, 1350, 192), "print": (2008, 1417, 300)}
    # 170 mm at 300 dpi, laid out in CSS px (1/96 inch).
    assert pixel_size(ExportSpec("x", preset="print")).width == pytest.approx(170 / 25.4 * 96)
    assert pixel_size(ExportSpec("x", preset="custom", width=500)).height is None
    assert pixel_size(ExportSpec("x", preset="article", width=1200)).height == 675


def test_a_spec_survives_its_toml_both_with_every_word_and_with_ours():
    full = ExportSpec("release-rate", title='A "quoted" title\nwith a line', subtitle="S", notes="",
                      byline="Graphic: Ə. Editor", source_extra="Reuters", alt_text="Alt",
                      preset="custom", width=640.5, height=480, scale=1.5, theme="dark",
                      html_mode="small")
    assert from_toml(to_toml(full)) == full
    ours = ExportSpec("release-rate")
    text = to_toml(ours, {"title": "Our title", "notes": "Our notes"})
    assert from_toml(text) == ours
    # Our words are in the file as comments: shown, not pinned.
    assert '# title = "Our title"' in text and not re.search(r"^title", text, re.M)
    assert "1600 × 900 px at 192 dpi" in text


def test_bad_specs_are_refused_naming_the_field():
    for text, message in [('name = "x"\ncolour = "red"', "unknown field(s) colour"),
                          ('title = "x"', "name: the figure's name is missing"),
                          ('name = "x"\ntheme = "sepia"', "theme: unknown theme 'sepia'"),
                          ('name = "x"\npreset = "poster"', "preset: unknown preset 'poster'"),
                          ('name = "x"\nwidth = -3', "width: a positive number expected"),
                          ('name = "x"\nwidth = true', "width: a positive number expected"),
                          ('name = "x"\ntitle = 5', "title: text expected"),
                          ('name = "x"\npreset = "custom"\nwidth = 9000', "width: the PNG would be 18000 px"),
                          ("name = ", "not a TOML file")]:
        with pytest.raises(SpecError, match=re.escape(message)):
            from_toml(text)


def test_a_preset_on_the_command_line_brings_its_own_size():
    spec = ExportSpec("x", preset="custom", width=500, height=300, scale=1, title="Mine")
    square = with_overrides(spec, preset="square", theme="dark")
    assert (square.preset, square.width, square.height, square.scale) == ("square", None, None, None)
    assert (square.title, square.theme) == ("Mine", "dark")
    assert with_overrides(spec, preset="square", width=600).width == 600
    assert with_overrides(spec, title=None) == spec  # an option not given changes nothing


def test_editor_text_is_literal_text_in_the_figure():
    chart = tiny_chart(title="Release <b>rate</b> & $5 for $10")
    export = compose(chart, ExportSpec("x", subtitle="<a href='https://x.example'>link</a>",
                                       notes="<br>no break", byline="<i>Me</i>",
                                       source_extra="<span style='color:red'>Reuters</span>"), FACTS)
    layout = export.figure.layout
    assert layout.title.text == "<b>Release &lt;b&gt;rate&lt;/b&gt; &amp; &#36;5 for &#36;10</b>"
    assert layout.title.subtitle.text == "&lt;a href='https://x.example'&gt;link&lt;/a&gt;"
    footer = footer_text(export)
    assert "&lt;br&gt;no break" in footer and "&lt;i&gt;Me&lt;/i&gt;" in footer
    assert "&lt;span style='color:red'&gt;Reuters&lt;/span&gt;" in footer
    assert "<a" not in footer and "<span" not in footer and "<i>" not in footer


def test_our_source_line_always_stays_and_the_footer_carries_version_date_and_licence(chart):
    blank = ExportSpec("release-rate", title="", subtitle="", notes="", byline="", alt_text="",
                       source_extra="Additional reporting: Reuters")
    export = compose(chart, blank, FACTS)
    footer = " ".join(footer_text(export).replace("<br>", " ").split())
    plain = " ".join(footer.replace("&amp;", "&").split())
    assert plain.startswith(" ".join(chart.source.split()) + " · Additional reporting: Reuters")
    assert "Data: dataset version abc123def456, 2026-01-02 · Licence: CC BY 4.0" in plain
    assert export.source == chart.source + " · Additional reporting: Reuters"


def test_the_site_address_comes_from_the_setting_and_is_left_out_when_unset(chart, built_db,
                                                                            monkeypatch):
    with duckdb.connect(str(built_db), read_only=True) as con:
        fetch = partial(run_query, con)
        version = run_query(con, "dataset_info")["dataset_version"].iloc[0]
        monkeypatch.delenv(SITE_URL_SETTING, raising=False)
        unset = export_facts(fetch)
        monkeypatch.setenv(SITE_URL_SETTING, "https://amnesties.example.org/")
        configured = export_facts(fetch)
    assert (unset.version, unset.site_url, configured.site_url) == (
        version, "", "https://amnesties.example.org")
    assert "example.org" not in footer_text(compose(chart, ExportSpec("release-rate"), unset))
    assert footer_text(compose(chart, ExportSpec("release-rate"), configured)).replace(
        "<br>", " ").endswith("https://amnesties.example.org")


def test_each_field_starts_from_our_wording(chart):
    export = compose(chart, ExportSpec("release-rate"), FACTS)
    ours = our_words(chart)
    assert (export.title, export.alt_text, export.byline) == (chart.title, chart.alt_text,
                                                             ours["byline"])
    assert ours["title"] == chart.title and ours["notes"] == chart.notes


def test_words_wrap_to_the_width_in_pixels():
    text = "The 2025–26 Amnesty Act announced more than 20,000 people affected " * 3
    for width in (120, 400, 1000):
        lines = wrap_to_width(text, width, 15, bold=True)
        assert " ".join(lines) == " ".join(text.split())
        assert all(text_width(line, 15, bold=True) <= width for line in lines)
    assert len(wrap_to_width(text, 400, 15)) > len(wrap_to_width(text, 1000, 15))
    # A word longer than the line is cut rather than left to run off the figure.
    assert all(text_width(line, 12) <= 60 for line in wrap_to_width("x" * 80, 60, 12))


def greedy_wrap(text, width, size, bold=False):
    """The plain greedy wrap, a word at a time: what wrap_to_width finds by bisection."""
    from components.text_measure import SAFETY, _longest_fitting_prefix

    limit, lines = max(width * SAFETY, size), []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= limit:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while text_width(line, size, bold) > limit:
                head = _longest_fitting_prefix(line, limit, size, bold)
                lines.append(head)
                line = line[len(head):]
        lines.append(line)
    return lines


def test_the_wrap_breaks_where_a_word_by_word_greedy_wrap_breaks(built_db):
    """Every note, quote and reliability note in the data, at widths from a phone's to a print page's."""
    from amnesty.db import connect, run_query

    with connect(built_db) as con:
        texts = [t for t in run_query(con, "all_figures", act_ids=[], measure_ids=[], stages=[], qualifiers=[],
                                      source_ids=[], include_derived=True)[["note", "quote", "locator"]]
                 .stack().dropna() if isinstance(t, str)]
    texts += ["x" * 80, "a  b\n\nc", "", "Averyveryverylongwordthatdoesnotfit and small words\nthen more"]
    assert len(texts) > 50
    for text in texts:
        for width, size, bold in ((60, 12, False), (300, 10.5, False), (650, 15, True), (1200, 10.5, False)):
            assert wrap_to_width(text, width, size, bold) == greedy_wrap(text, width, size, bold)


def test_the_dark_theme_swaps_colours_not_words():
    figure = {"layout": {"paper_bgcolor": "white", "font": {"color": TEXT},
                         "annotations": [{"text": "white", "font": {"color": TEXT}}]},
              "data": [{"marker": {"color": [TEXT, "#E69F00"]}}]}
    dark = to_dark(figure)
    assert dark["layout"]["paper_bgcolor"] == DARK_BACKGROUND
    assert dark["layout"]["annotations"][0] == {"text": "white", "font": {"color": DARK_TEXT}}
    assert dark["data"][0]["marker"]["color"] == [DARK_TEXT, "#E69F00"]


def test_a_shape_too_small_for_the_rows_is_met_by_zooming_not_squashing(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        chart = build_chart("scale-vs-releases", con)
    export = compose(chart, ExportSpec("scale-vs-releases"), FACTS)
    zoom = export.layout_width / export.nominal_width
    assert zoom > 1
    assert export.layout_height / export.nominal_height == pytest.approx(zoom)
    assert (export.png_width, export.png_height) == (1600, 900)
