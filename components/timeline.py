"""Act timeline: an act's dated steps and counts, top to bottom in date order.

Drawn as a list down one vertical line rather than along a time axis: the counts of one act fall
days apart (7, 26 January, 8 February), and labels placed along a time axis would overlap on a
phone. Each row is a dot and its words; a step is a dark dot, a promise a hollow dot, a count a
solid dot, an expectation a diamond (filled once overdue).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from amnesty.i18n import ENGLISH, Language
from components.chart import Chart, finish, source_line, wrap_lines
from components.rows import STAGE_WORDS, date_text, table
from components.text import plotly_text
from components.theme import AXIS_LINE, OUTCOME_STAGES, ROLE_COLOURS, TEXT

LABEL_WRAP = 42  # fits a 390 px phone beside the line
LABEL_SIZE = 12
LINE_PX = round(LABEL_SIZE * 1.35)
TABLE_COLUMNS = ["as_of", "row_kind", "label", "stage", "overdue", "as_of_inferred",
                 "source_count", "source_names", "note"]


def _marker(row) -> tuple[str, str]:
    if row["row_kind"] == "step":
        return "circle", TEXT
    if row["row_kind"] == "expected":
        return ("diamond" if row["overdue"] else "diamond-open"), ROLE_COLOURS["bound"]
    if row["stage"] in OUTCOME_STAGES:
        return "circle", ROLE_COLOURS["release"]
    return "circle-open", ROLE_COLOURS["scope"]


def _words(row) -> str:
    when = date_text(row["as_of"]) + (" (year or day inferred)" if row["as_of_inferred"] else "")
    sources = int(row["source_count"]) if pd.notna(row["source_count"]) else 0
    by = f" — {sources} sources" if sources > 1 else ""
    if row["row_kind"] == "step":
        return f"{when}: {row['label']}{by}"
    what = STAGE_WORDS.get(row["stage"], row["stage"])
    text = f"{when}: {what}: {row['label']}{by}"
    if row["overdue"]:
        text += f". {overdue_text(row)}"
    return text


def overdue_text(row, capital: bool = True) -> str:
    """'Overdue: expected by Apr 2026; no later count in the sources as of 23 Nov 2026'."""
    return (f"{'O' if capital else 'o'}verdue: expected by {date_text(row['as_of'])}; no later count in the sources as of "
            f"{date_text(row['sources_checked_on'])}")


def act_timeline_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    frame = frame.reset_index(drop=True)
    texts = [_words(row) for _, row in frame.iterrows()]
    lines = [wrap_lines(t, LABEL_WRAP) for t in texts]
    # Each row is as tall as its wrapped words; y runs down in pixels so rows never overlap.
    heights = [len(block) * LINE_PX + 14 for block in lines]
    tops = [sum(heights[:i]) for i in range(len(heights))]
    plot_height = max(sum(heights), 40)
    ys = [top + LINE_PX / 2 + 2 for top in tops]

    figure = go.Figure()
    figure.add_trace(go.Scatter(x=[0, 0], y=[0, plot_height], mode="lines", hoverinfo="skip",
                                line=dict(color=AXIS_LINE, width=2)))
    symbols, colours = zip(*(_marker(row) for _, row in frame.iterrows())) if len(frame) else ((), ())
    figure.add_trace(go.Scatter(
        x=[0] * len(frame), y=ys, mode="markers", hoverinfo="skip",
        marker=dict(symbol=list(symbols), size=13, color=list(colours),
                    line=dict(width=2.5, color=list(colours)))))
    figure.update_layout(annotations=[
        dict(x=0.08, xref="paper", xanchor="left", y=y - LINE_PX / 2 - 2, yref="y", yanchor="top",
             showarrow=False, align="left", font=dict(size=LABEL_SIZE, color=TEXT),
             text="<br>".join(plotly_text(line) for line in block))
        for y, block in zip(ys, lines)])
    figure.update_xaxes(visible=False, range=[-0.05, 1], fixedrange=True)
    figure.update_yaxes(visible=False, range=[plot_height, 0], fixedrange=True)

    act = frame["act_id"].iloc[0] if len(frame) else ""
    counts = frame[frame["row_kind"] == "count"]
    latest = counts.iloc[-1] if len(counts) else None
    title = (f"{len(frame)} dated steps and counts; the latest count is from "
             f"{date_text(latest['as_of'])} ({STAGE_WORDS.get(latest['stage'], latest['stage'])})"
             if latest is not None else "No count of this act's outcome in the sources")
    overdue = frame[frame["overdue"].astype(bool)]
    subtitle = ("Dark dots: the act's steps. Hollow: what was announced or provided. Solid: counts "
                "of what it delivered. Diamonds: expectations" + (", filled where overdue." if len(overdue) else "."))
    notes = ["Where two sources date a step differently, both dates are shown. Dates are as "
             f"precise as the sources give them."]
    notes += [f"{row['label']}: {overdue_text(row, capital=False)}." for _, row in overdue.iterrows()]
    alt_text = f"Timeline of {act}: " + "; ".join(texts) + "."
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle,
                  notes=" ".join(notes), source=source_line(frame["source_names"], lang), alt_text=alt_text,
                  data=table(frame, TABLE_COLUMNS), lang=lang)
