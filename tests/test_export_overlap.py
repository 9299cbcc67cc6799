"""Nothing overlaps in any exported figure, at any width or preset, and nothing is cut off.

Every registry figure is exported as SVG at 400, 800, 1600 and 2400 px wide (the height it needs)
and at the four presets (16:9, 1:1, 4:5, print), through the same path as the app and the CLI
(amnesty.studio.compose, then the SVG Kaleido writes, made in one warm chromium page: see
svg_in_page). The same page opens each SVG and measures every text element's box and every drawn
mark (bars, markers, whiskers) with getBoundingClientRect, in the file's own pixels:
- no two text boxes overlap (title, subtitle, bar labels, headings, ticks, axis title, footer);
- no text box overlaps a bar or a marker;
- every text box lies inside the figure.
"""
from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import duckdb
import plotly
import pytest
from plotly.io.json import to_json_plotly

from amnesty import render
from amnesty.db import run_query
from amnesty.export_spec import PRESETS, ExportSpec
from amnesty.figures import build_chart, figure_names
from amnesty.studio import ExportFacts, compose

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
pytestmark = pytest.mark.skipif(not render.chromium_available(), reason="needs /usr/bin/chromium")

WIDTHS = (400, 800, 1600, 2400)
# Boxes may touch; they overlap when they share more than this, in the file's pixels.
TOLERANCE_PX = 0.5
SIZES = [(f"{width} px wide", {"preset": "custom", "width": width}) for width in WIDTHS] + [
    (preset, {"preset": preset}) for preset in PRESETS]

MEASURE = """(svgText) => {
  document.body.innerHTML = svgText;
  const svg = document.querySelector('svg');
  const root = svg.getBoundingClientRect();
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return [r.left - root.left, r.top - root.top, r.right - root.left, r.bottom - root.top];
  };
  const kind = (el) => el.closest('.g-gtitle') ? el.getAttribute('class')
    : el.closest('.annotation') ? 'annotation ' + el.closest('.annotation').dataset.index
    : el.closest('.xtick') ? 'x tick' : el.closest('.g-xtitle') ? 'x axis title'
    : el.closest('.ytick') ? 'y tick' : 'text';
  const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim())
    .map((t) => ({kind: kind(t), text: t.textContent, box: box(t)}));
  // Bars are clipped to the plot area (a bar from 0 on a log axis starts far off to the left):
  // measure that area with a rect of the clip's size in the plot's own coordinates.
  const clip = svg.querySelector('clipPath[id$="xyplot"] rect');
  const probe = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  probe.setAttribute('width', clip.getAttribute('width'));
  probe.setAttribute('height', clip.getAttribute('height'));
  svg.querySelector('.overplot .xy').appendChild(probe);
  const plot = box(probe);
  probe.remove();
  const clipped = (m, b) => m.closest('[clip-path]')
    ? [Math.max(b[0], plot[0]), Math.max(b[1], plot[1]), Math.min(b[2], plot[2]), Math.min(b[3], plot[3])]
    : b;
  const marks = [...svg.querySelectorAll('.bars path, .points path, .errorbar path')]
    .map((m) => ({kind: m.closest('.trace').getAttribute('class'), box: clipped(m, box(m))}))
    .filter((m) => m.box[2] - m.box[0] > 0 && m.box[3] - m.box[1] > 0);
  return {width: root.width, height: root.height, texts, marks};
}"""


def overlap(a, b) -> float:
    """How far two boxes overlap: the smaller of the shared width and height (0 if apart)."""
    return max(0.0, min(min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])))


def problems(measured: dict) -> list[str]:
    found = []
    texts, marks = measured["texts"], measured["marks"]
    for first, second in itertools.combinations(texts, 2):
        if overlap(first["box"], second["box"]) > TOLERANCE_PX:
            found.append(f"text over text: {first['kind']} {first['text'][:40]!r} "
                         f"and {second['kind']} {second['text'][:40]!r}")
    for text, mark in itertools.product(texts, marks):
        if overlap(text["box"], mark["box"]) > TOLERANCE_PX:
            found.append(f"text over a mark: {text['kind']} {text['text'][:40]!r} and {mark['kind']}")
    for text in texts:
        left, top, right, bottom = text["box"]
        if left < -TOLERANCE_PX or top < -TOLERANCE_PX or right > measured["width"] + TOLERANCE_PX \
                or bottom > measured["height"] + TOLERANCE_PX:
            found.append(f"cut off: {text['kind']} {text['text'][:40]!r} at {[round(v) for v in text['box']]} "
                         f"in {round(measured['width'])} × {round(measured['height'])}")
    return found


TO_SVG = """async ({figure, width, height}) => Plotly.toImage(
  {data: figure.data, layout: figure.layout, config: {}},
  {format: 'svg', width, height, scale: 1, imageDataOnly: true})"""


@pytest.fixture(scope="module")
def exports(built_db):
    """(figure name, size label) -> the Export that the app and the CLI would render."""
    with duckdb.connect(str(built_db), read_only=True) as con:
        charts = {name: build_chart(name, con) for name in figure_names(con)}
        version = run_query(con, "dataset_info")["dataset_version"].iloc[0]
    # A long site address, so the footer's last line is as long as a deployment's can be.
    facts = ExportFacts(version=version, made_on=date(2026, 1, 2),
                        site_url="https://azerbaijan-amnesties.example.org")
    return {(name, label): compose(charts[name], ExportSpec(name=name, **spec), facts)
            for name in charts for label, spec in SIZES}


@pytest.fixture(scope="module")
def page():
    """One warm chromium page with the plotly.js that Kaleido loads (plotly.py's own copy)."""
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(render.CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            tab = browser.new_page()
            tab.set_content("<!DOCTYPE html><html><body style='margin:0'></body></html>")
            tab.add_script_tag(path=str(PLOTLY_JS))
            yield tab
        finally:
            browser.close()


def svg_in_page(page, export) -> bytes:
    """The SVG Kaleido would write, made in the warm page: Kaleido's own call (Plotly.toImage on
    the figure at the export's size, its config ignored), then render.py's finishing. Kaleido
    reloads its tab after every figure, which is most of its time; this does not, and
    test_the_page_makes_the_svg_kaleido_makes proves the bytes are the same."""
    # to_plotly_json, as Kaleido: to_json would drop the traces' uids, which name their ids.
    figure = json.loads(to_json_plotly(export.figure.to_plotly_json()))
    svg = page.evaluate(TO_SVG, {"figure": figure,
                                 "width": export.layout_width, "height": export.layout_height})
    return render.svg_with_description(svg.encode("utf-8"), export)


@pytest.fixture(scope="module")
def measured(exports, page):
    return {key: page.evaluate(MEASURE, svg_in_page(page, export).decode("utf-8"))
            for key, export in exports.items()}


def test_the_page_makes_the_svg_kaleido_makes(exports, page):
    export = exports[("scale-vs-releases", "article")]
    try:
        assert svg_in_page(page, export) == render.export_bytes(export, "svg")
    finally:
        render.stop_server()


def test_every_figure_at_every_width_and_preset_has_no_overlap_and_nothing_cut_off(measured):
    failures = {f"{name} at {label}": found for (name, label), result in measured.items()
                if (found := problems(result))}
    assert not failures, "\n".join(f"{where}:\n  " + "\n  ".join(found[:6])
                                   for where, found in failures.items())


def test_every_figure_was_measured_with_its_words_and_marks(measured, exports):
    """The check above is only as good as what it saw: every figure, at every size, with its
    title, its footer and its bars or markers."""
    names = {name for name, _ in exports}
    assert set(measured) == {(name, label) for name in names for label, _ in SIZES}
    for key, result in measured.items():
        kinds = {text["kind"] for text in result["texts"]}
        assert "gtitle" in kinds and len([k for k in kinds if k.startswith("annotation")]) > 1, key
        assert any(text["kind"].startswith("annotation") and "Source" in text["text"]
                   for text in result["texts"]), key
        assert result["marks"], key


def test_the_check_finds_an_overlap():
    """The measure itself: two boxes that share a corner overlap; boxes that touch do not."""
    assert overlap([0, 0, 10, 10], [5, 5, 15, 15]) == 5
    assert overlap([0, 0, 10, 10], [10, 0, 20, 10]) == 0
    assert problems({"width": 100, "height": 100, "marks": [],
                     "texts": [{"kind": "a", "text": "x", "box": [0, 0, 50, 20]},
                               {"kind": "b", "text": "y", "box": [40, 10, 90, 30]}]})
