"""A finished Chart to publication bytes: PNG, SVG and PDF through Kaleido 1.x, HTML through plotly.

Kaleido drives a headless Debian chromium. Starting it costs seconds, so one server is kept warm
per process (the CLI batch, or the Streamlit server) and every render goes through `_LOCK`:
Kaleido's sync server hands results back through one shared queue, so two threads calling it at
once can receive each other's image (plotly/Kaleido issues #441 and #444). Streamlit runs each
browser session on its own thread, hence the lock.
"""
from __future__ import annotations

import html
import io
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import plotly.graph_objects as go

from components.chart import Chart
from components.theme import FONT_FAMILY

FORMATS = ("png", "svg", "pdf", "html")
KALEIDO_FORMATS = ("png", "svg", "pdf")
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
               "html": "text/html"}
CHROMIUM = Path(os.environ.get("BROWSER_PATH", "/usr/bin/chromium"))
INSTALL_HINT = ("Figure export to PNG, SVG and PDF needs Debian's chromium at {path}. Install it "
                "with `apt-get install chromium fonts-dejavu-core` (or run `make test`, which "
                "does), or point $BROWSER_PATH at another chromium. HTML export works without it.")
# Two tabs: on two cores one tab renders while the other reloads plotly.js (Kaleido reloads a tab
# after every figure), which is most of the batch speed-up there is to have.
TABS = 2
RENDER_TIMEOUT_SECONDS = 60

# The installed font first; readers of an SVG without DejaVu Sans fall back to a close sans.
EXPORT_FONT_FAMILY = f"{FONT_FAMILY}, Verdana, sans-serif"


@dataclass(frozen=True)
class Preset:
    """Width in CSS pixels and a scale factor; the height is the chart's own.

    The builders size each chart's height from its content (rows, wrapped title, notes) with
    margins in pixels, so forcing a height would squash the plot; --height overrides anyway.
    """
    name: str
    width: int
    scale: float
    use: str


PRESETS = {
    "article": Preset("article", 640, 2, "A web article column: 1280 px wide PNG, sharp on retina."),
    "social": Preset("social", 540, 2, "Feeds on phones: 1080 px wide PNG, text large when shrunk."),
    # 480 CSS px is 127 mm at 96 px per inch: a single print column; scale 300/96 gives 300 dpi.
    "print": Preset("print", 480, 300 / 96, "Print at 300 dpi, 127 mm wide; use the PDF or SVG."),
}
DEFAULT_PRESET = "article"


@dataclass(frozen=True)
class Size:
    width: int
    height: int | None
    scale: float


def resolve_size(preset: str = DEFAULT_PRESET, width: int | None = None, height: int | None = None,
                 scale: float | None = None) -> Size:
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    base = PRESETS[preset]
    for name, value in (("width", width), ("height", height), ("scale", scale)):
        if value is not None and value <= 0:
            raise ValueError(f"--{name} must be positive, not {value}")
    return Size(width or base.width, height, scale or base.scale)


class ChromiumMissing(RuntimeError):
    pass


def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


# -- the warm server ---------------------------------------------------------------------------------
_LOCK = threading.Lock()


def _ensure_server() -> None:
    """Start Kaleido's sync server once per process; call with _LOCK held."""
    import kaleido

    if kaleido._global_server.is_running():  # the public API warns instead of telling us
        return
    if not chromium_available():
        raise ChromiumMissing(INSTALL_HINT.format(path=CHROMIUM))
    # mathjax=False: no request to a CDN (there is no network here, and none is needed).
    kaleido.start_sync_server(n=TABS, timeout=RENDER_TIMEOUT_SECONDS, mathjax=False,
                              path=str(CHROMIUM), silence_warnings=True)


def stop_server() -> None:
    import kaleido

    with _LOCK:
        kaleido.stop_sync_server(silence_warnings=True)


# -- rendering ---------------------------------------------------------------------------------------
def export_figure(chart: Chart, size: Size) -> go.Figure:
    """A copy of the chart's figure at the export size, in the installed font (never a web font)."""
    figure = go.Figure(chart.figure)
    figure.update_layout(width=size.width, font_family=EXPORT_FONT_FAMILY)
    if size.height:
        figure.update_layout(height=size.height)
    return figure


def _opts(figure: go.Figure, fmt: str, size: Size) -> dict:
    # PDF and SVG are vector: scale would only enlarge the page or the svg's width attribute, so
    # they stay at 1 (a CSS px is 0.75 pt in the PDF); scale sharpens the PNG alone.
    return {"format": fmt, "width": size.width, "height": figure.layout.height,
            "scale": size.scale if fmt == "png" else 1}


def chart_bytes(chart: Chart, fmt: str, size: Size | None = None, *, version: str = "") -> bytes:
    """One chart in one format. Thread-safe: Kaleido is reached only under the one lock."""
    return next(iter(render_charts([(chart, fmt)], size, version=version)))


def render_charts(jobs: Iterable[tuple[Chart, str]], size: Size | None = None, *,
                  version: str = "") -> Iterator[bytes]:
    """Bytes for each (chart, format) job, in order, reusing one warm server for the batch.

    Kaleido jobs go to the browser TABS at a time, so its tabs work in parallel, and the lock is
    released between groups so an app session is never kept waiting for a whole batch.
    """
    size = size or resolve_size()
    jobs = list(jobs)
    for _, fmt in jobs:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    for start in range(0, len(jobs), TABS):
        group = jobs[start:start + TABS]
        images = _kaleido_group([(c, f) for c, f in group if f in KALEIDO_FORMATS], size)
        for chart, fmt in group:
            if fmt == "html":
                yield html_bytes(chart, size)
            else:
                yield _finish(chart, fmt, images.pop(0), version)


def _kaleido_group(jobs: list[tuple[Chart, str]], size: Size) -> list[bytes]:
    if not jobs:
        return []
    import kaleido

    figures = [(export_figure(chart, size), fmt) for chart, fmt in jobs]
    with _LOCK:
        _ensure_server()
        if len(figures) == 1:
            figure, fmt = figures[0]
            return [kaleido.calc_fig_sync(figure, opts=_opts(figure, fmt, size))]
        # More than one: write_fig_from_object spreads them over the tabs; it only writes files.
        with tempfile.TemporaryDirectory(prefix="amnesty-render-") as tmp:
            paths = [Path(tmp) / f"{i}.{fmt}" for i, (_, fmt) in enumerate(figures)]
            kaleido.write_fig_from_object_sync(
                [{"fig": figure, "path": path, "opts": _opts(figure, fmt, size)}
                 for (figure, fmt), path in zip(figures, paths)], cancel_on_error=True)
            return [path.read_bytes() for path in paths]


def _finish(chart: Chart, fmt: str, data: bytes, version: str) -> bytes:
    if fmt == "svg":
        return svg_with_description(data, chart)
    if fmt == "pdf":
        return pdf_with_metadata(data, chart, version)
    return data


# -- per-format finishing ----------------------------------------------------------------------------
_IMPORT = re.compile(rb"@import[^;]*;\s*")


def svg_with_description(svg: bytes, chart: Chart) -> bytes:
    """Add <title> and <desc> (the alt text) for screen readers; drop any web-font @import."""
    svg = _IMPORT.sub(b"", svg)
    head_end = svg.index(b">", svg.index(b"<svg")) + 1
    words = (f"<title>{html.escape(chart.title)}</title>"
             f"<desc>{html.escape(chart.alt_text)}</desc>").encode("utf-8")
    return svg[:head_end] + words + svg[head_end:]


def pdf_with_metadata(pdf: bytes, chart: Chart, version: str) -> bytes:
    """Chromium titles every PDF 'Kaleido-fier'; give it the chart's title, alt text and sources."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({
        "/Title": chart.title,
        "/Subject": chart.alt_text,  # the one-sentence description: PDF's place for alt text
        "/Keywords": chart.source,
        "/Creator": "amnesty export figures" + (f", dataset version {version}" if version else ""),
    })
    writer.root_object[NameObject("/Lang")] = TextStringObject("en")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{alt}">
<style>
  body {{ margin: 0; font-family: {font}; color: #222; background: #fff; }}
  figure {{ margin: 0; max-width: {width}px; }}
  figcaption {{ font-size: 13px; line-height: 1.4; color: #555; padding: 4px 10px 12px; }}
</style>
</head>
<body>
<figure>
<div role="img" aria-label="{alt}">
{plot}
</div>
<figcaption>{alt}</figcaption>
</figure>
</body>
</html>
"""


def html_bytes(chart: Chart, size: Size | None = None) -> bytes:
    """A self-contained page: plotly.js inlined (works offline), alt text in meta, aria and caption."""
    size = size or resolve_size()
    figure = go.Figure(chart.figure)
    figure.update_layout(font_family=EXPORT_FONT_FAMILY, autosize=True)
    plot = figure.to_html(full_html=False, include_plotlyjs=True, include_mathjax=False,
                          div_id="amnesty-chart", default_width="100%",
                          default_height=f"{figure.layout.height or 450}px",
                          config={"displaylogo": False, "responsive": True})
    alt = html.escape(chart.alt_text, quote=True)
    return HTML_PAGE.format(title=html.escape(chart.title), alt=alt, plot=plot,
                            font=html.escape(EXPORT_FONT_FAMILY), width=size.width).encode("utf-8")
