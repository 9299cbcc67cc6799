"""A finished Chart laid out again for an export of a chosen size, with the editor's words.

The app's figure wraps its words for a phone. An export is laid out again for its own width:
the title, subtitle, footer and every bar label are wrapped to that width in pixels (measured
in the export font), and the margins and rows are sized from the wrapped lines, so nothing
overlaps at any width.

A fixed shape (16:9, 1:1, ...) is met by zooming, not by squashing: when the rows and words
need more height than the shape gives at width W, the figure is laid out at width W×z and height
H×z, with the smallest z that fits, and rendered at scale/z. The PNG keeps its pixel size, the
words and bars keep their proportions, and they get smaller together, as if the figure were
drawn larger and shrunk. When the shape is taller than the figure needs, the rows grow a little
and the rest of the room goes above the footer, which sits at the bottom.

Every word here is the editor's or comes from the data, so all of it is escaped for plotly:
literal text, never markup.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import plotly.graph_objects as go

from components.bounded_bars import BAR_PX, LABEL_SIZE, row_px
from components.chart import (NOTE_SIZE, SUBTITLE_SIZE, TITLE_SIZE, X_AXIS_PX, Chart,
                              footer_px, header_px)
from components.dark_theme import THEMES, to_dark
from components.text_measure import SAFETY, wrap_to_width
from components.text_measure import text_width as text_width_px

# Rows may grow to this many times their natural height to fill a tall shape; beyond it bars
# drift apart from their labels, so the rest of the room goes above the footer.
MAX_ROW_STRETCH = 1.6
# To fit a shape, rows may first give up this much of the gap above their label (18 px in
# bounded_bars), before the whole figure is zoomed: a label still clears the bar above it by 5 px.
ROW_SQUEEZE_PX = 12
# A figure is never zoomed beyond this: its words would be under 1 px tall in the file.
MAX_ZOOM = 24.0
_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?(b|i|em|strong|sup|sub|span)\b[^>]*>", re.I)


def plotly_text(text) -> str:
    """Text for a plotly title or annotation: HTML-escaped so <a>, <span> and <br> show as typed,
    and `$` as its character reference so a string between dollars is never typeset as LaTeX."""
    return html.escape(str(text), quote=False).replace("$", "&#36;")


@dataclass(frozen=True)
class ExportWords:
    """What the export says, as plain text (escaped here, never markup)."""
    title: str
    subtitle: str
    notes: str
    footer: tuple[str, ...]  # paragraphs under the notes: the source line, then credits


@dataclass(frozen=True)
class LaidOut:
    figure: go.Figure
    width: float    # CSS px of the layout (the export width × zoom)
    height: float
    zoom: float     # 1 when the words and rows fit the shape as drawn in the app


@dataclass(frozen=True)
class _Label:
    """A row label: an annotation placed on the y axis, at a share of the plot's width."""
    index: int          # in the layout's annotations
    text: str           # plain text, its line breaks undone
    lines: tuple[str, ...]  # as the builder broke it
    size: float
    bold: bool
    room: float         # the share of the plot's width right of where it starts


@dataclass(frozen=True)
class _Rows:
    """The figure's row labels and its row count (0 when rows sit at fixed y positions)."""
    labels: tuple[_Label, ...]
    count: int
    span: float  # the y axis range in rows: rows plus the room above the first


def _rows(layout: dict) -> _Rows:
    yaxis = layout.get("yaxis", {})
    categories = yaxis.get("categoryarray")
    count = len(categories) if categories is not None else 0
    span = abs(yaxis["range"][0] - yaxis["range"][1]) if yaxis.get("range") and count else 0.0
    labels = []
    for index, note in enumerate(layout.get("annotations", [])):
        if note.get("yref", "y") != "paper" and note.get("xref") == "paper":
            text = note.get("text", "")
            lines = tuple(" ".join(html.unescape(_TAG.sub("", line)).split())
                          for line in _BREAK.split(text))
            left = note.get("x", 0) if note.get("xanchor") == "left" else 0
            labels.append(_Label(index, " ".join(lines), lines,
                                 (note.get("font") or {}).get("size") or LABEL_SIZE,
                                 "<b>" in text.lower(), 1 - left))
    return _Rows(tuple(labels), count, span)


class _Plan:
    """Wrapped lines and the heights they need, for one layout width."""

    def __init__(self, chart_layout: dict, rows: _Rows, words: ExportWords, width: float):
        margin = chart_layout.get("margin", {})
        self.left, self.right = margin.get("l", 16), margin.get("r", 24)
        text_width = width - self.left - self.right
        self.title = wrap_to_width(words.title, text_width, TITLE_SIZE, bold=True)
        self.subtitle = wrap_to_width(words.subtitle, text_width, SUBTITLE_SIZE) if words.subtitle else []
        self.footer = (wrap_to_width(words.notes, text_width, NOTE_SIZE) if words.notes else [])
        for paragraph in words.footer:
            if paragraph:
                self.footer += wrap_to_width(paragraph, text_width, NOTE_SIZE)
        self.labels, self.fits_across = {}, True
        for label in rows.labels:
            room = text_width * label.room
            lines = wrap_to_width(label.text, room, label.size, bold=label.bold)
            if not rows.count and len(lines) > len(label.lines):
                # Rows at fixed y positions (a timeline) have room for the builder's lines only:
                # keep its breaks, and zoom out below if they are too wide for this width.
                lines = list(label.lines)
                self.fits_across &= all(text_width_px(line, label.size, label.bold) <= room * SAFETY
                                        for line in lines)
            self.labels[label.index] = lines
        self.top = header_px(len(self.title), len(self.subtitle))
        self.bottom = X_AXIS_PX + footer_px(len(self.footer))
        if rows.count:
            label_lines = max((len(lines) for lines in self.labels.values()), default=1)
            self.plot = row_px(label_lines) * rows.count
            # Squeezed, each row of the axis range (rows plus the room above the first) keeps
            # the label, the bar and a gap of a few px to the bar above.
            self.plot_min = (row_px(label_lines) - ROW_SQUEEZE_PX) * (rows.span or rows.count)
        else:  # no rows to size from: the plot keeps the height the builder gave it
            self.plot = (chart_layout.get("height") or 450) - margin.get("t", 0) - margin.get("b", 0)
            self.plot_min = self.plot

    def fits(self, height: float | None) -> bool:
        return self.fits_across and (height is None or self.min_height <= height)

    @property
    def height(self) -> float:
        """The height the figure takes as drawn in the app, at this width."""
        return self.top + self.plot + self.bottom

    @property
    def min_height(self) -> float:
        """The least height it fits in, its rows squeezed."""
        return self.top + self.plot_min + self.bottom


def lay_out(chart: Chart, words: ExportWords, width: float, height: float | None = None, *,
            theme: str = "light", font_family: str | None = None) -> LaidOut:
    """The chart at `width` CSS px, with `words`; `height` None keeps the height the words and
    rows need at that width, else the shape width × height is met by zooming (see above)."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}")
    source = chart.figure.to_plotly_json()
    layout = source["layout"]
    rows = _rows(layout)

    zoom = 1.0
    plan = _Plan(layout, rows, words, width)
    footer_font: dict = {}

    def fits(z: float) -> bool:
        return _Plan(layout, rows, words, width * z).fits(None if height is None else height * z)

    if not plan.fits(height):
        low, high = 1.0, 2.0
        while not fits(high) and high < MAX_ZOOM:
            low, high = high, min(high * 2, MAX_ZOOM)
        for _ in range(16):  # bisect to well under a pixel
            middle = (low + high) / 2
            if fits(middle):
                high = middle
            else:
                low = middle
        zoom = high
        plan = _Plan(layout, rows, words, width * zoom)
    layout_width = width * zoom
    layout_height = plan.height if height is None else height * zoom

    room = layout_height - plan.top - plan.bottom
    plot = min(room, plan.plot * MAX_ROW_STRETCH)
    gap = room - plot  # above the footer, so the footer sits at the bottom of the shape

    # Built as one dict and validated once: plotly checks every property on each update.
    layout = {**layout, "width": layout_width, "height": layout_height,
              "margin": dict(t=plan.top, b=plan.bottom + gap, l=plan.left, r=plan.right,
                             autoexpand=False)}
    title = dict(layout.get("title", {}))
    title["text"] = "<b>" + "<br>".join(map(plotly_text, plan.title)) + "</b>"
    title["subtitle"] = {**title.get("subtitle", {}), "text": "<br>".join(map(plotly_text, plan.subtitle))}
    layout["title"] = title
    if font_family:
        layout["font"] = {**layout.get("font", {}), "family": font_family}
    annotations = []
    for index, note in enumerate(layout.get("annotations", [])):
        if note.get("name") == "footer":
            footer_font = note.get("font", {})
            continue
        if index in plan.labels:
            text = "<br>".join(map(plotly_text, plan.labels[index]))
            note = {**note, "text": f"<b>{text}</b>" if "<b>" in note.get("text", "").lower() else text}
        annotations.append(note)
    if plan.footer:
        # Under the x axis (and the gap), in paper units of the plot height.
        annotations.append(dict(
            name="footer", text="<br>".join(map(plotly_text, plan.footer)), showarrow=False,
            align="left", xref="paper", x=0, xanchor="left", yref="paper",
            y=-(X_AXIS_PX + gap) / plot, yanchor="top",
            font=dict(size=NOTE_SIZE, color=footer_font.get("color"))))
    layout["annotations"] = annotations
    data = [dict(trace) for trace in source["data"]]
    for index, trace in enumerate(data):
        if rows.count and rows.span and trace.get("type") == "bar" and trace.get("width") is not None:
            # Keep every bar BAR_PX thick, whatever height a row now has.
            share = BAR_PX / (plot / rows.span)
            trace.update(width=share, offset=-share / 2)
        # plotly.js names each trace's element ids from its uid, random unless given: a fixed one
        # lets the same spec give the same SVG bytes (render.py replaces the figure's own id).
        trace["uid"] = f"t{index}"
    spec = {"data": data, "layout": layout}
    figure = go.Figure(to_dark(spec) if theme == "dark" else spec)
    return LaidOut(figure=figure, width=layout_width, height=layout_height, zoom=zoom)

