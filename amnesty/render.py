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
import struct
import tempfile
import threading
import zlib
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from amnesty import render_cache
from amnesty.export_spec import ExportSpec
from amnesty.studio import EXPORT_FONT_FAMILY, Export, ExportFacts, compose, site_url
from amnesty.version import dataset_version
from components.chart import Chart
from components.theme import TEXT

FORMATS = ("png", "svg", "pdf", "html")
KALEIDO_FORMATS = ("png", "svg", "pdf")
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
               "html": "text/html"}
CHROMIUM = Path(os.environ.get("BROWSER_PATH", "/usr/bin/chromium"))
INSTALL_HINT = ("Figure export to PNG, SVG and PDF needs Debian's chromium at {path}. Install it "
                "with `apt-get install chromium fonts-dejavu-core` (or run `make test`, which "
                "does), or point $BROWSER_PATH at another chromium. HTML export works without it.")
# Two tabs: on two cores, two figures are drawn at once.
TABS = 2
# Kaleido reloads a tab after every figure, to draw the next on a clean page. The reload parses
# plotly.js again: 0.2 s a figure, as long as drawing an SVG, and two thirds of a batch's time
# (issue 16). Our figures leave nothing on the page: plotly's toImage draws into a div of its own
# and purges it, and a PDF's page is rewritten for each figure. So a tab is reloaded after every
# RELOAD_EVERY figures instead, which still bounds chromium's memory (it grew by about 250 MB over
# 126 figures with no reload at all). tests/test_render.py checks the bytes are the same.
RELOAD_EVERY = 25
# The CLI's batch, alone with its chromium, hands Kaleido this many figures at a time: a tab that
# finishes early takes the next one instead of waiting for its pair, and the progress bar still
# moves every few files. 21 figures: 5.1 s against 5.6 s in pairs (medians of five, interleaved).
BATCH_GROUP = 4 * TABS
RENDER_TIMEOUT_SECONDS = 60


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
    from kaleido.kaleido import Kaleido

    Kaleido._return_kaleido_tab = _return_tab
    Kaleido.populate_targets = _populate_targets
    # mathjax=False: no request to a CDN (there is no network here, and none is needed).
    kaleido.start_sync_server(n=TABS, timeout=RENDER_TIMEOUT_SECONDS, mathjax=False,
                              path=str(CHROMIUM), silence_warnings=True)


async def _populate_targets(kaleido_server) -> None:
    """Kaleido's Kaleido.populate_targets (1.5.0), ready as soon as its first tab is.

    Each tab loads plotly.js (1.4-1.7 s of a core here), and Kaleido took no figure until every tab
    had: the first figure waited for both loads, one after the other. Here the first tab takes
    figures at once, and the others load meanwhile and join the queue when ready. (Loading them
    side by side gained nothing: the two loads share the two cores.) `amnesty export figures --all
    --format png,svg,pdf`: 10.7 to 10.0 s, medians of five, interleaved (bench/report.py HISTORY)."""
    import asyncio

    import choreographer

    await choreographer.Browser.populate_targets(kaleido_server)
    await kaleido_server._conform_tabs()
    for _ in range(kaleido_server._n - len(kaleido_server.tabs)):
        # Kaleido's close() cancels what is left in this set, so a tab still loading then stops.
        kaleido_server._main_render_coroutines.add(asyncio.ensure_future(kaleido_server._create_kaleido_tab()))


async def _return_tab(kaleido_server, tab) -> None:
    """Kaleido's Kaleido._return_kaleido_tab (1.5.0), with the reload every RELOAD_EVERY figures
    rather than after each."""
    tab.amnesty_drawn = getattr(tab, "amnesty_drawn", 0) + 1
    if tab.amnesty_drawn >= RELOAD_EVERY:
        tab.amnesty_drawn = 0
        await tab.reload()
    await kaleido_server.tabs_ready.put(tab)


def start_if_needed(jobs: Iterable[tuple[Export, str]]) -> None:
    """Start Kaleido on a thread of its own when any of `jobs` is to be drawn (not in the render
    cache), so that a batch lays out its other figures while chromium starts."""
    if any(render_cache.read(_cache_key(export, fmt)) is None
           for export, fmt in jobs if fmt in KALEIDO_FORMATS):
        threading.Thread(target=_start_quietly, name="kaleido-start", daemon=True).start()


def _start_quietly() -> None:
    try:
        with _LOCK:
            _ensure_server()
    except Exception:  # noqa: BLE001 - the render that needs the server starts it again, and says why
        pass


def stop_server() -> None:
    import kaleido

    with _LOCK:
        kaleido.stop_sync_server(silence_warnings=True)


# -- rendering ---------------------------------------------------------------------------------------
def chart_bytes(chart: Chart, fmt: str, spec: ExportSpec | None = None,
                facts: ExportFacts | None = None) -> bytes:
    """One chart in one format, as `spec` asks (by default: our words at the article preset)."""
    spec = spec or ExportSpec(name="chart")
    facts = facts or ExportFacts(version=dataset_version(), made_on=date.today(), site_url=site_url())
    return export_bytes(compose(chart, spec, facts), fmt)


def export_bytes(export: Export, fmt: str) -> bytes:
    """One composed figure in one format. Thread-safe: Kaleido is reached only under the lock."""
    return next(iter(render_exports([(export, fmt)])))


def render_exports(jobs: Iterable[tuple[Export, str]], group_size: int = TABS) -> Iterator[bytes]:
    """Bytes for each (export, format) job, in order, reusing one warm server for the batch.

    Kaleido jobs go to the browser `group_size` at a time, spread over its tabs, and the lock is
    released between groups: in the app, one group per TABS, so a reader's download never waits
    for a whole batch. The CLI, alone with its chromium, passes larger groups.
    """
    jobs = list(jobs)
    for _, fmt in jobs:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    for start in range(0, len(jobs), group_size):
        group = jobs[start:start + group_size]
        images = _kaleido_group([(e, f) for e, f in group if f in KALEIDO_FORMATS])
        for export, fmt in group:
            if fmt == "html":
                yield html_bytes(export)
            else:
                yield _finish(export, fmt, images.pop(0))


def _opts(export: Export, fmt: str) -> dict:
    # scale is the PNG's pixels per CSS px. A PDF's page is printed at the nominal size, the figure
    # drawn into it as vector at 1 / zoom (pypdf's scale_by after would rewrite the whole drawing:
    # 0.34 s for a large figure). An SVG stays at 1 and is given its nominal size after (_finish).
    scale = {"png": export.scale, "pdf": export.nominal_width / export.layout_width}.get(fmt, 1)
    return {"format": fmt, "width": export.layout_width, "height": export.layout_height, "scale": scale}


def _kaleido_group(jobs: list[tuple[Export, str]]) -> list[bytes]:
    """Kaleido's bytes for each job: from the render cache where the same figure was drawn before
    (amnesty.render_cache), the rest drawn in one group and kept."""
    keys = [_cache_key(export, fmt) for export, fmt in jobs]
    found = [render_cache.read(name) for name in keys]
    missing = [i for i, data in enumerate(found) if data is None]
    for i, data in zip(missing, _kaleido_render([jobs[i] for i in missing]) if missing else []):
        render_cache.write(keys[i], data)
        found[i] = data
    return found


def _cache_key(export: Export, fmt: str) -> str:
    return render_cache.key(export.figure.to_json(), _opts(export, fmt))


def _kaleido_render(jobs: list[tuple[Export, str]]) -> list[bytes]:
    if not jobs:
        return []
    import kaleido

    with _LOCK:
        _ensure_server()
        if len(jobs) == 1:
            export, fmt = jobs[0]
            return [kaleido.calc_fig_sync(export.figure, opts=_opts(export, fmt))]
        # More than one: write_fig_from_object spreads them over the tabs; it only writes files.
        with tempfile.TemporaryDirectory(prefix="amnesty-render-") as tmp:
            paths = [Path(tmp) / f"{i}.{fmt}" for i, (_, fmt) in enumerate(jobs)]
            kaleido.write_fig_from_object_sync(
                [{"fig": export.figure, "path": path, "opts": _opts(export, fmt)}
                 for (export, fmt), path in zip(jobs, paths)], cancel_on_error=True)
            return [path.read_bytes() for path in paths]


def _finish(export: Export, fmt: str, data: bytes) -> bytes:
    if fmt == "svg":
        return svg_with_description(data, export)
    if fmt == "pdf":
        return pdf_with_metadata(data, export)
    return png_with_metadata(data, export)


# -- per-format finishing ----------------------------------------------------------------------------
_IMPORT = re.compile(rb"@import[^;]*;\s*")
_UID = re.compile(rb'id="defs-([0-9a-z]+)"')
_SVG_SIZE = re.compile(rb'^(<svg\b[^>]*?)\swidth="[^"]*"\sheight="[^"]*"')


def svg_with_description(svg: bytes, export: Export) -> bytes:
    """Add <title> and <desc> (the alt text) for screen readers; drop any web-font @import; give
    the file its nominal size (a zoomed figure keeps its layout as the viewBox); and replace
    plotly.js's random figure id, so the same spec always gives the same bytes."""
    svg = _IMPORT.sub(b"", svg)
    uid = _UID.search(svg)
    if uid:
        # The id prefixes every clip path and def: clip<uid>xy, defs-<uid>, topdefs-<uid>, ...
        svg = re.sub(rb"(?<=[a-z-])" + re.escape(uid.group(1)) + rb"(?=[a-z\"-])", b"amnesty", svg)
    size = f' width="{_number(export.nominal_width)}" height="{_number(export.nominal_height)}"'
    svg = _SVG_SIZE.sub(lambda match: match.group(1) + size.encode(), svg, count=1)
    head_end = svg.index(b">", svg.index(b"<svg")) + 1
    words = (f"<title>{html.escape(export.title)}</title>"
             f"<desc>{html.escape(export.alt_text)}</desc>").encode("utf-8")
    return svg[:head_end] + words + svg[head_end:]


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def png_with_metadata(png: bytes, export: Export) -> bytes:
    """The PNG with its resolution (pHYs: 96 dpi × scale, 300 for print) and text chunks: Title,
    Description (the alt text), Source, Author (the byline), Copyright (the licence) and Software.
    iTXt, not tEXt: the words hold ə, – and other characters Latin-1 lacks. The chunks go in beside
    chromium's image data, which is kept as it is: decoding and encoding it again took 0.13 s a file."""
    words = [("Title", export.title), ("Description", export.alt_text), ("Source", export.source),
             ("Author", export.byline), ("Copyright", export.copyright),
             ("Software", f"amnesty export figures, dataset version {export.version}")]
    per_metre = round(export.dpi / 0.0254)
    ours = [_png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))] + [
        # keyword, then: no compression, no language tag, no translated keyword
        _png_chunk(b"iTXt", key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8"))
        for key, value in words if value]
    chunks = list(_png_chunks(png))
    kept = [chunk for chunk in chunks[1:] if chunk[4:8] not in (b"pHYs", b"tEXt", b"iTXt", b"zTXt")]
    return PNG_SIGNATURE + chunks[0] + b"".join(ours) + b"".join(kept)  # chunks[0] is IHDR


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunks(png: bytes) -> Iterator[bytes]:
    """Each chunk of a PNG, whole: length, type, data and CRC."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("Kaleido did not return a PNG")
    at = len(PNG_SIGNATURE)
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        yield png[at:at + 12 + length]
        at += 12 + length


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pdf_with_metadata(pdf: bytes, export: Export) -> bytes:
    """Chromium titles every PDF 'Kaleido-fier'; give it the chart's title, alt text and sources.
    (The page is already its nominal size, 170 mm wide for print: see _opts.)"""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({
        "/Title": export.title,
        "/Subject": export.alt_text,  # the one-sentence description: PDF's place for alt text
        "/Keywords": export.source,
        "/Author": export.byline,
        "/Creator": f"amnesty export figures, dataset version {export.version}",
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
  body {{ margin: 0; font-family: {font}; color: {text}; background: {background}; }}
  figure {{ margin: 0; max-width: {width}px; overflow-x: auto; }}
  figcaption {{ font-size: 13px; line-height: 1.4; color: {muted}; padding: 4px 10px 12px; }}
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


def html_bytes(export: Export) -> bytes:
    """The interactive figure at its layout size. Self-contained mode inlines plotly.js (about
    4.8 MB, works offline); small mode loads the installed plotly's own plotly.js version from
    cdn.plot.ly, with plotly's subresource-integrity hash, so the copy cannot be swapped."""
    include = True if export.html_mode == "self-contained" else "cdn"
    plot = export.figure.to_html(
        full_html=False, include_plotlyjs=include, include_mathjax=False, div_id="amnesty-chart",
        config={"displaylogo": False, "responsive": True})
    layout = export.figure.layout
    alt = html.escape(export.alt_text, quote=True)
    background = layout.paper_bgcolor or layout.template.layout.paper_bgcolor or "white"
    text = layout.font.color or layout.template.layout.font.color or TEXT
    muted = next((a.font.color for a in layout.annotations if a.name == "footer" and a.font.color),
                 text)
    return HTML_PAGE.format(title=html.escape(export.title), alt=alt, plot=plot,
                            font=html.escape(EXPORT_FONT_FAMILY), width=round(export.layout_width),
                            background=background, text=text, muted=muted).encode("utf-8")
