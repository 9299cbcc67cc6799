"""amnesty.render on a small figure of its own: formats, words as text, metadata, the lock, offline HTML."""
import io
import re
import struct
import unicodedata
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from amnesty import render
from components.chart import finish

pytestmark = pytest.mark.skipif(not render.chromium_available(), reason="needs /usr/bin/chromium")

SVG = "{http://www.w3.org/2000/svg}"
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<svg", "html": b"<!DOCTYPE html>"}


@pytest.fixture(scope="session")
def warm_kaleido():
    """One chromium for the whole session: render keeps its server until stop_server()."""
    yield
    render.stop_server()


def small_chart(title: str = "Releases stayed in the hundreds", source: str = "Source: Test — official"):
    figure = go.Figure(go.Bar(x=["2016", "2021"], y=[148, 1391]), layout={"xaxis": {"type": "category"}})
    return finish(figure, plot_height=220, title=title, subtitle="A subtitle", notes="A note.",
                  source=source, alt_text=f"Bar chart: {title}.", data=pd.DataFrame({"n": [148, 1391]}))


def svg_texts(svg: bytes) -> list[str]:
    """Each drawn line of text: a <text>, or each <tspan> line of a multi-line one."""
    return [el.text for el in ET.fromstring(svg).iter()
            if el.tag in (SVG + "text", SVG + "tspan") and el.text]


def test_every_format_has_its_magic_bytes_words_and_metadata(warm_kaleido):
    chart = small_chart()
    files = dict(zip(render.FORMATS, render.render_charts([(chart, f) for f in render.FORMATS])))
    for fmt, data in files.items():
        assert data.startswith(MAGIC[fmt]), fmt

    texts = svg_texts(files["svg"])
    assert chart.title in texts and chart.source in texts and "A note." in texts
    assert b"@import" not in files["svg"] and b"fonts.googleapis" not in files["svg"]
    assert f"<desc>{chart.alt_text}</desc>".encode() in files["svg"]

    meta = PdfReader(io.BytesIO(files["pdf"])).metadata
    assert (meta.title, meta.subject) == (chart.title, chart.alt_text)
    # NFKC: chromium sets "official" with the ﬃ ligature; viewers search through it.
    assert chart.source in unicodedata.normalize(
        "NFKC", PdfReader(io.BytesIO(files["pdf"])).pages[0].extract_text())

    page = files["html"].decode()
    assert f'aria-label="{chart.alt_text}"' in page and f"<figcaption>{chart.alt_text}</figcaption>" in page
    assert not re.search(r"<script[^>]*\bsrc=", page)  # plotly.js inlined; the browser test
    assert "Plotly.newPlot" in page                      # below checks no request is made


def test_presets_and_overrides_set_the_png_size(warm_kaleido):
    chart = small_chart()
    height = chart.figure.layout.height
    for size, expected in [(render.resolve_size("social"), (1080, 2 * height)),
                           (render.resolve_size("article", width=500, height=300, scale=1), (500, 300))]:
        png = render.chart_bytes(chart, "png", size)
        assert struct.unpack(">II", png[16:24]) == expected
    with pytest.raises(ValueError, match="unknown preset"):
        render.resolve_size("poster")


def test_concurrent_exports_each_get_their_own_figure(warm_kaleido):
    """Kaleido's sync server mixes up results across threads (plotly/Kaleido #441, #444)."""
    charts = [small_chart(title=f"Figure number {i}") for i in range(6)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        svgs = list(pool.map(lambda c: render.chart_bytes(c, "svg"), charts))
    for chart, svg in zip(charts, svgs):
        assert chart.title in svg_texts(svg)


def test_html_embed_draws_a_plot_offline_in_chromium(tmp_path):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    chart = small_chart()
    page_file = tmp_path / "chart.html"
    page_file.write_bytes(render.html_bytes(chart))
    requests = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(render.CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page()
            # Offline: any request that is not the file itself is refused and recorded.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else (requests.append(route.request.url), route.abort()))
            page.goto(page_file.as_uri())
            page.wait_for_selector(".main-svg .bars path", timeout=15_000)
            assert page.locator(".main-svg .bars path").count() == 2
            assert page.title() == chart.title
            drawn = page.eval_on_selector_all(".main-svg tspan.line, .main-svg text", "els => els.map(e => e.textContent)")
            assert chart.source in drawn
        finally:
            browser.close()
    assert requests == []
