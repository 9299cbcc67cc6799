"""The figure studio: a Chart and an ExportSpec to the `Export` that amnesty.render writes.

One function, `compose`, serves the app's "Customise and download" panel, its preview, the
plain download buttons and `amnesty export figures`, so the file an editor previews, downloads
and re-makes from the command line is one and the same.

Every export's footer carries our source line (plus whatever the editor adds to it), the
dataset version the database was built from, the date the file was made, the licence and, when
AMNESTY_SITE_URL is set, the app's address.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from amnesty.citation import AUTHOR, LICENSE
from amnesty.export_spec import ExportSpec, pixel_size
from amnesty.i18n import ENGLISH, Language, language
from components.chart import Chart
from components.export_layout import ExportWords, lay_out
from components.theme import FONT_FAMILY

SITE_URL_SETTING = "AMNESTY_SITE_URL"
# The installed font first; readers of an SVG without DejaVu Sans fall back to a close sans.
EXPORT_FONT_FAMILY = f"{FONT_FAMILY}, Verdana, sans-serif"
# Kaleido's PNG is floor(layout size × scale) pixels: a hair over the exact scale keeps a
# 2008 px print width from coming out 2007 through floating-point rounding.
_SCALE_NUDGE = 1 + 1e-9


@dataclass(frozen=True)
class ExportFacts:
    """What the footer says besides the words: where the numbers stand and where to find them."""
    version: str
    made_on: date
    site_url: str = ""


def site_url() -> str:
    """The app's public address from AMNESTY_SITE_URL, '' when it is not set."""
    return os.environ.get(SITE_URL_SETTING, "").strip().rstrip("/")


def export_facts(fetch: Callable[..., pd.DataFrame], made_on: date | None = None) -> ExportFacts:
    """Facts for the footer: `fetch(query)` runs a query file (run_query on a connection, or the
    app's cached query), so the version is the database's own, not a guess from data/."""
    version = str(fetch("dataset_info")["dataset_version"].iloc[0])
    return ExportFacts(version=version, made_on=made_on or date.today(), site_url=site_url())


@dataclass(frozen=True)
class Export:
    """One figure ready to render: the laid-out plotly figure and the file's metadata."""
    name: str
    figure: go.Figure
    layout_width: float   # CSS px the figure is laid out at (the nominal size × zoom)
    layout_height: float
    nominal_width: float  # CSS px the file stands for (an SVG's and a PDF page's size)
    nominal_height: float
    scale: float          # Kaleido's PNG scale for the laid-out figure
    png_width: int
    png_height: int
    dpi: float
    title: str
    alt_text: str
    source: str
    byline: str
    copyright: str
    version: str
    html_mode: str


def our_byline(lang: Language = ENGLISH) -> str:
    return lang._("Graphic: {author}", author=AUTHOR)


def our_words(chart: Chart, lang: Language = ENGLISH) -> dict[str, str]:
    """Our wording of each field the editor can change (the panel's starting text), in `lang`, the
    language the chart was built in."""
    return {"title": chart.title, "subtitle": chart.subtitle, "notes": chart.notes,
            "byline": our_byline(lang), "alt_text": chart.alt_text}


def _word(spec: ExportSpec, chart: Chart, field: str) -> str:
    value = getattr(spec, field)
    return our_words(chart, language(spec.lang))[field] if value is None else value


def source_text(chart: Chart, spec: ExportSpec) -> str:
    """Our source line, then the editor's addition: the figure always names its sources."""
    extra = " ".join(spec.source_extra.split())
    return f"{chart.source} · {extra}" if extra else chart.source


def credit_line(byline: str, facts: ExportFacts, lang: Language = ENGLISH) -> str:
    parts = [byline.strip()] if byline.strip() else []
    parts += [lang._("Data: dataset version {version}, {date}", version=facts.version,
                     date=facts.made_on.isoformat()),
              lang._("Licence: {licence}", licence=LICENSE)]
    if facts.site_url:
        parts.append(facts.site_url)
    return " · ".join(parts)


def compose(chart: Chart, spec: ExportSpec, facts: ExportFacts) -> Export:
    """The chart as the spec asks: its words, size, theme and footer. The chart is built in the
    spec's language (the words the editor typed are used as typed)."""
    lang = language(spec.lang)
    title, subtitle, notes = (_word(spec, chart, f) for f in ("title", "subtitle", "notes"))
    byline, alt_text = _word(spec, chart, "byline"), _word(spec, chart, "alt_text")
    source = source_text(chart, spec)
    words = ExportWords(title=title, subtitle=subtitle, notes=notes,
                        footer=(source, credit_line(byline, facts, lang)))
    size = pixel_size(spec)
    if size.height is None:
        laid = lay_out(chart, words, size.width, None, theme=spec.theme, font_family=EXPORT_FONT_FAMILY)
        # A chart too wide for its words at this width is zoomed too (see lay_out).
        png_width, nominal_height = size.png_width, laid.height * size.width / laid.width
        png_height = int(laid.height * png_width / laid.width * _SCALE_NUDGE)
    else:
        png_width, png_height = size.png_width, size.png_height
        # The shape in whole PNG pixels: the layout's height follows the PNG's, not the reverse.
        nominal_height = png_height * size.width / png_width
        laid = lay_out(chart, words, size.width, nominal_height, theme=spec.theme,
                       font_family=EXPORT_FONT_FAMILY)
    return Export(
        name=spec.name, figure=laid.figure, layout_width=laid.width, layout_height=laid.height,
        nominal_width=size.width, nominal_height=nominal_height,
        scale=png_width / laid.width * _SCALE_NUDGE, png_width=png_width, png_height=png_height,
        dpi=size.dpi, title=title, alt_text=alt_text, source=source, byline=byline,
        copyright=lang._("{author}. Licence: {licence}.", author=AUTHOR, licence=LICENSE)
        + (f" {facts.site_url}" if facts.site_url else ""),
        version=facts.version, html_mode=spec.html_mode)
