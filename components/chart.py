"""`Chart`: a finished figure with its words and rows, and the one function that bakes the words in.

The title (which says the finding), subtitle, notes and source line are drawn inside the figure,
so a PNG or PDF export of `chart.figure` carries them exactly as the app shows them.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from amnesty.i18n import ENGLISH, Language
from components.text import plotly_text
from components.theme import MUTED_TEXT, TEMPLATE_NAME

# Characters per line, chosen so the baked-in words fit a 390 px phone screen (about 340 px of
# plot) in DejaVu Sans; plotly never wraps text by itself.
TITLE_WRAP = 36
SUBTITLE_WRAP = 50
NOTE_WRAP = 58

TITLE_SIZE = 15
SUBTITLE_SIZE = 12
NOTE_SIZE = 10.5
LINE_HEIGHT = 1.35
X_AXIS_PX = 52  # tick labels and the axis title below the plot


@dataclass(frozen=True)
class Chart:
    figure: go.Figure
    alt_text: str
    data: pd.DataFrame
    title: str
    subtitle: str
    notes: str
    source: str
    name: str = ""  # its name in the registry (amnesty.figures), set by build_chart
    # What the app shows beside the figure, per language, worked out once: a chart is shared by
    # every session (amnesty.webapp.chart), and its rows as a reader's table took a fifth of a
    # page's rerun. Not an init field, so a copy (dataclasses.replace) starts empty.
    beside: dict = field(default_factory=dict, init=False, compare=False, repr=False)


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters (plus the space each line but a paragraph's last
    keeps at its end: plotly draws every line as its own <tspan>, and without it a screen reader, a
    copied title or an SVG's text reads "more than20,000")."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
        lines.extend([line + " " for line in wrapped[:-1]] + wrapped[-1:])
    return lines


def source_line(credits, lang: Language = ENGLISH) -> str:
    """'Sources: A; B' from the credit lists of the rows drawn, first-seen order, no repeats."""
    seen: list[str] = []
    for row_credits in credits:
        for credit in list(row_credits) if row_credits is not None else []:
            if credit not in seen:
                seen.append(credit)
    if not seen:
        return ""
    # One source or several, not a plural form of the count: the count is not shown, and Russian's
    # form for 21 sources is its singular's ("Источник").
    return (lang._("Source: {credits}", credits=seen[0]) if len(seen) == 1
            else lang._("Sources: {credits}", credits="; ".join(seen)))


def header_px(title_lines: int, subtitle_lines: int) -> int:
    """The top margin that holds the title and subtitle (shared with the export layout)."""
    return 14 + TITLE_SIZE + round(title_lines * TITLE_SIZE * LINE_HEIGHT) + round(
        subtitle_lines * SUBTITLE_SIZE * LINE_HEIGHT) + 22


def footer_px(footer_lines: int) -> int:
    """The footer's height below the x axis: its lines of notes and sources, and a gap."""
    return round(footer_lines * NOTE_SIZE * LINE_HEIGHT) + 16


def finish(figure: go.Figure, *, plot_height: int, title: str, subtitle: str, notes: str,
           source: str, alt_text: str, data: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    """Bake the words into the figure, size it, and wrap it up as a Chart.

    The words are plain text (they carry data: act titles, notes, source names), so each wrapped
    line is escaped for plotly here; the only markup in the figure is the <b> and <br> added below.
    """
    title_lines = [plotly_text(line) for line in wrap_lines(title, TITLE_WRAP)]
    subtitle_lines = [plotly_text(line) for line in wrap_lines(subtitle, SUBTITLE_WRAP)] if subtitle else []
    footer_lines = [plotly_text(line) for line in (wrap_lines(notes, NOTE_WRAP) if notes else []) + (
        wrap_lines(source, NOTE_WRAP) if source else [])]

    top = header_px(len(title_lines), len(subtitle_lines))
    bottom = X_AXIS_PX + footer_px(len(footer_lines))

    figure.update_layout(
        template=TEMPLATE_NAME,
        # The axis numbers in the reader's locale: "20,000", "20.000" or "20 000" (Kaleido draws
        # these too, where it ignores a plotly.js locale in the figure's config).
        separators=lang.plotly_separators,
        height=top + plot_height + bottom,
        margin=dict(t=top, b=bottom, l=16, r=24, autoexpand=False),
        title=dict(
            text="<b>" + "<br>".join(title_lines) + "</b>",
            font=dict(size=TITLE_SIZE),
            x=0, xref="paper", xanchor="left",
            y=1, yref="container", yanchor="top", pad=dict(t=12 + TITLE_SIZE),
            subtitle=dict(text="<br>".join(subtitle_lines),
                          font=dict(size=SUBTITLE_SIZE, color=MUTED_TEXT)),
        ),
    )
    if footer_lines:
        footer = dict(
            name="footer", text="<br>".join(footer_lines), showarrow=False, align="left",
            xref="paper", x=0, xanchor="left", yref="paper", y=-X_AXIS_PX / plot_height,
            yanchor="top", font=dict(size=NOTE_SIZE, color=MUTED_TEXT))
        # Rebuilt from its dict: plotly checks each element of a figure's annotation list against
        # every other when the list changes (add_annotation took minutes after 20,000 bar labels).
        layout = figure.layout.to_plotly_json()
        layout["annotations"] = [*layout.get("annotations", []), footer]
        figure = go.Figure(data=figure.data, layout=layout)
    return Chart(figure=figure, alt_text=alt_text, data=data.reset_index(drop=True), title=title,
                 subtitle=subtitle, notes=notes, source=source)
