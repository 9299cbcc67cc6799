"""amnesty.render on a small figure of its own: formats, words as text, metadata, the lock, offline HTML."""
import asyncio
import io
import re
import struct
import threading
import unicodedata
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pypdf import PdfReader

from amnesty import render
from amnesty.export_spec import ExportSpec
from amnesty.studio import ExportFacts, compose
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


FACTS = ExportFacts(version="abc123def456", made_on=date(2026, 1, 2), site_url="https://amnesty.example")


def svg_texts(svg: bytes) -> list[str]:
    """The words of each <text> element, its drawn lines joined by spaces."""
    blocks = []
    for text in ET.fromstring(svg).iter(SVG + "text"):
        lines = [el for el in text if el.tag == SVG + "tspan" and "line" in el.get("class", "")]
        blocks.append(" ".join("".join(line.itertext()) for line in lines) if lines
                      else "".join(text.itertext()))
    return blocks


def export(chart, **spec):
    return compose(chart, ExportSpec(name="test", **spec), FACTS)


def test_every_format_has_its_magic_bytes_words_and_metadata(warm_kaleido):
    chart = small_chart()
    files = dict(zip(render.FORMATS, render.render_exports([(export(chart), f) for f in render.FORMATS])))
    for fmt, data in files.items():
        assert data.startswith(MAGIC[fmt]), fmt

    texts = svg_texts(files["svg"])
    assert chart.title in texts and "A note. " + chart.source in " ".join(texts)
    # The footer: source, version, date, licence and the site's address.
    assert ("Graphic: Azerbaijan amnesty dashboard maintainers · Data: dataset version abc123def456, "
            "2026-01-02 · Licence: CC BY 4.0 · https://amnesty.example") in " ".join(texts)
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


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])  # the IHDR chunk comes first


def test_presets_and_overrides_set_the_png_size_and_dpi(warm_kaleido):
    chart = small_chart()
    cases = [({"preset": "article"}, (1600, 900), 192), ({"preset": "square"}, (1080, 1080), 192),
             ({"preset": "portrait"}, (1080, 1350), 192), ({"preset": "print"}, (2008, 1417), 300),
             ({"preset": "custom", "width": 500, "height": 300, "scale": 1}, (500, 300), 96),
             # A width alone keeps the preset's shape.
             ({"preset": "article", "width": 1200, "scale": 1}, (1200, 675), 96)]
    jobs = [(export(chart, **spec), "png") for spec, _, _ in cases]
    for (spec, expected, dpi), png in zip(cases, render.render_exports(jobs)):
        assert png_size(png) == expected, spec
        with Image.open(io.BytesIO(png)) as image:
            assert [round(d) for d in image.info["dpi"]] == [dpi, dpi], spec
    # The print PDF is a page of 170 × 120 mm (the figure is vector; its scale is the PNG's).
    box = PdfReader(io.BytesIO(render.export_bytes(export(chart, preset="print"), "pdf"))).pages[0].mediabox
    assert [round(float(side) / 72 * 25.4) for side in (box.width, box.height)] == [170, 120]
    # Custom with no height: the height the words and rows need at that width.
    laid = export(chart, preset="custom", width=400)
    assert png_size(render.export_bytes(laid, "png")) == (800, laid.png_height)
    assert laid.png_height == 2 * laid.layout_height


def test_the_png_carries_its_words_as_text_metadata(warm_kaleido):
    chart = small_chart(title="Releases – ə and “quotes”")
    png = render.export_bytes(export(chart, byline="Graphic: A. Editor", source_extra="Reuters"), "png")
    with Image.open(io.BytesIO(png)) as image:
        info = image.text
    assert info["Title"] == chart.title and info["Description"] == chart.alt_text
    assert info["Source"] == chart.source + " · Reuters"  # ours first, never replaced
    assert info["Author"] == "Graphic: A. Editor"
    assert info["Copyright"] == "Azerbaijan amnesty dashboard maintainers. Licence: CC BY 4.0. https://amnesty.example"


def test_a_figure_drawn_once_is_read_back_and_a_changed_one_is_drawn(warm_kaleido, tmp_path, monkeypatch):
    """The render cache (amnesty.render_cache): the same laid-out figure at the same size gives the
    same bytes without Kaleido; another title, size or format is another key."""
    monkeypatch.setenv("AMNESTY_RENDER_CACHE", str(tmp_path / "cache"))
    drawn = []
    real = render._kaleido_render
    monkeypatch.setattr(render, "_kaleido_render", lambda jobs: drawn.append(len(jobs)) or real(jobs))
    chart = small_chart(title="Drawn once")
    first = render.export_bytes(export(chart), "svg")
    assert drawn == [1] and len(list((tmp_path / "cache").glob("*.bin"))) == 1
    assert render.export_bytes(export(chart), "svg") == first and drawn == [1]  # read back
    other = render.export_bytes(export(small_chart(title="Drawn twice")), "svg")
    assert drawn == [1, 1] and "Drawn twice" in svg_texts(other)
    render.export_bytes(export(chart, preset="square"), "svg")
    render.export_bytes(export(chart), "png")
    assert drawn == [1, 1, 1, 1] and len(list((tmp_path / "cache").glob("*.bin"))) == 4
    monkeypatch.setenv("AMNESTY_RENDER_CACHE", "off")
    render.export_bytes(export(chart), "svg")
    assert drawn == [1, 1, 1, 1, 1]  # off: drawn every time


def test_a_tab_draws_several_figures_between_reloads_and_the_bytes_stay_the_same(warm_kaleido, monkeypatch):
    """Kaleido reloads a tab after every figure (0.2 s each); render reloads it after every
    RELOAD_EVERY. A figure drawn on a used tab is the same, byte for byte, as on a fresh one."""
    from kaleido._kaleido_tab._tab import _KaleidoTab

    monkeypatch.setenv("AMNESTY_RENDER_CACHE", "off")
    monkeypatch.setattr(render, "RELOAD_EVERY", 3)
    reloads = []
    real = _KaleidoTab.reload

    async def counted(tab):
        reloads.append(tab)
        await real(tab)

    monkeypatch.setattr(_KaleidoTab, "reload", counted)
    render.stop_server()  # fresh tabs: the first figures are drawn on a page no figure has used
    laid = [export(small_chart(title=f"Drawn on a used tab {i}")) for i in range(2)]
    fresh = {fmt: [render.export_bytes(one, fmt) for one in laid] for fmt in ("png", "svg")}
    # Four figures: the second tab may still be loading for the first ones (_populate_targets),
    # so a tab has drawn up to four, and reloaded at its third at most once.
    assert len(reloads) <= 1
    again = {fmt: [render.export_bytes(one, fmt) for one in laid] for fmt in ("png", "svg")}
    assert again == fresh
    # Eight figures over the tabs: at least one drew three (a reload), none drew nine.
    assert 1 <= len(reloads) <= 8 // 3
    pdf = render.export_bytes(laid[0], "pdf")
    assert pdf.startswith(MAGIC["pdf"]) and b"Drawn on a used tab 0" in b"".join(
        page.extract_text().encode() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_first_tab_draws_while_the_other_is_still_loading(warm_kaleido, monkeypatch):
    """Kaleido took no figure until every tab had loaded plotly.js, one tab after the other
    (render._populate_targets). Here the second tab is held back until the first figure is drawn:
    with Kaleido's own order the server does not open, and the first figure is not drawn."""
    from kaleido.kaleido import Kaleido

    drawn = threading.Event()
    real = Kaleido._create_kaleido_tab

    async def held_back(kaleido_server):
        await asyncio.get_running_loop().run_in_executor(None, drawn.wait, 120)
        await real(kaleido_server)

    monkeypatch.setattr(Kaleido, "_create_kaleido_tab", held_back)
    monkeypatch.setenv("AMNESTY_RENDER_CACHE", "off")
    render.stop_server()
    try:
        first = []
        # On a thread of its own: with Kaleido's order the render waits for the held-back tab,
        # which waits for this render, until the finally below lets it go.
        worker = threading.Thread(target=lambda: first.append(render.export_bytes(
            export(small_chart(title="Drawn by the first tab")), "png")), daemon=True)
        worker.start()
        worker.join(45)
        assert first and first[0].startswith(MAGIC["png"]), "the first figure waited for the second tab"
        drawn.set()
        svgs = list(render.render_exports([(export(small_chart(title=f"Then by both {i}")), "svg")
                                           for i in range(4)]))
        for i, svg in enumerate(svgs):
            assert f"Then by both {i}" in svg_texts(svg)
    finally:
        drawn.set()  # with Kaleido's order, the server opens now and the waiting render is drawn
        worker.join(60)
        render.stop_server()


def test_concurrent_exports_each_get_their_own_figure(warm_kaleido):
    """Kaleido's sync server mixes up results across threads (plotly/Kaleido #441, #444)."""
    charts = [small_chart(title=f"Figure number {i}") for i in range(6)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        svgs = list(pool.map(lambda c: render.export_bytes(export(c), "svg"), charts))
    for chart, svg in zip(charts, svgs):
        assert chart.title in svg_texts(svg)


def test_html_embed_draws_a_plot_offline_in_chromium(tmp_path):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    chart = small_chart()
    page_file = tmp_path / "chart.html"
    page_file.write_bytes(render.html_bytes(export(chart)))
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


def test_the_two_html_modes_say_where_plotly_js_comes_from():
    from plotly.io._utils import plotly_cdn_url

    chart = small_chart()
    whole = render.html_bytes(export(chart)).decode()
    small = render.html_bytes(export(chart, html_mode="small")).decode()
    assert not re.search(r"<script[^>]*\bsrc=", whole) and len(whole) > 3_000_000  # inlined
    # The installed plotly's own plotly.js version, with its subresource-integrity hash.
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"[^>]*integrity=\"sha256-[^\"]+\"", small)
    assert scripts == [plotly_cdn_url()] and len(small) < 100_000
    for page in (whole, small):
        assert f'aria-label="{chart.alt_text}"' in page and "Plotly.newPlot" in page
