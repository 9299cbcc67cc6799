"""Act timeline: an act's dated steps and counts, top to bottom in date order.

Drawn as a list down one vertical line rather than along a time axis: the counts of one act fall
days apart (7, 26 January, 8 February), and labels placed along a time axis would overlap on a
phone. Each row is a dot and its words; a step is a dark dot, a promise a hollow dot, a count a
solid dot, an expectation a diamond (filled once overdue).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from amnesty.i18n import ENGLISH, N_, Language
from amnesty.wording import bounds_text
from components.chart import Chart, finish, source_line, wrap_lines
from components.rows import STAGE_WORDS, date_text, table
from components.text import plotly_text
from components.theme import AXIS_LINE, OUTCOME_STAGES, ROLE_COLOURS, TEXT

LABEL_WRAP = 42  # fits a 390 px phone beside the line
LABEL_SIZE = 12
LINE_PX = round(LABEL_SIZE * 1.35)
TABLE_COLUMNS = ["as_of", "row_kind", "label", "stage", "overdue", "as_of_inferred",
                 "source_count", "source_names", "note"]
# An act's steps in a reader's words, by act_events.event (and acts.act_date_event, which is
# free text: the ones in the data are here). The query's label is the English, and stands for a
# step not named here.
EVENT_WORDS = {"submitted": N_("submitted"), "adopted": N_("adopted"), "signed": N_("signed"),
               "published": N_("published"), "in_force": N_("entered into force"),
               "implementation_start": N_("implementation start"),
               "implementation_end": N_("implementation end"), "decree": N_("decree"),
               "submitted to Parliament": N_("submitted to Parliament")}


def _marker(row) -> tuple[str, str]:
    if row["row_kind"] == "step":
        return "circle", TEXT
    if row["row_kind"] == "expected":
        return ("diamond" if row["overdue"] else "diamond-open"), ROLE_COLOURS["bound"]
    if row["stage"] in OUTCOME_STAGES:
        return "circle", ROLE_COLOURS["release"]
    return "circle-open", ROLE_COLOURS["scope"]


def _label(row, lang: Language) -> str:
    """The step ('entered into force') or the figures counted ('Released 16,000; ...'), in `lang`."""
    if row["row_kind"] == "step":
        event = row.get("event")
        return lang._(EVENT_WORDS[event]) if event in EVENT_WORDS else row["label"]
    figures = row.get("figures")
    if not isinstance(figures, (list, tuple)) and not hasattr(figures, "tolist"):
        return row["label"]  # no figures listed: the query's words
    return "; ".join(_figure(f, lang) for f in figures)


def _figure(figure: dict, lang: Language) -> str:
    """'Released 16,000': one counted figure in `lang` (the struct carries its bounds)."""
    measure = figure["measure_label"]  # (a variable: pybabel extracts a literal inside _())
    number = figure["value_text"] if lang.code == "en" else bounds_text(lang, figure)
    return lang._("{measure} {number}", measure=lang._(measure), number=number)


def _words(row, lang: Language = ENGLISH) -> str:
    when = date_text(row["as_of"], lang)
    if row["as_of_inferred"]:
        when = lang._("{date} (year or day inferred)", date=when)
    sources = int(row["source_count"]) if pd.notna(row["source_count"]) else 0
    if row["row_kind"] == "step":
        if sources > 1:
            return lang.n_("{when}: {step} — {n} source", "{when}: {step} — {n} sources", sources,
                           when=when, step=row["label"])
        return lang._("{when}: {step}", when=when, step=row["label"])
    values = dict(when=when, stage=lang._(STAGE_WORDS.get(row["stage"], row["stage"])),
                  figures=row["label"])
    if sources > 1:
        text = lang.n_("{when}: {stage}: {figures} — {n} source",
                       "{when}: {stage}: {figures} — {n} sources", sources, **values)
    else:
        text = lang._("{when}: {stage}: {figures}", **values)
    if row["overdue"]:
        text = f"{text}. {overdue_text(row, lang=lang)}"
    return text


def overdue_text(row, lang: Language = ENGLISH) -> str:
    """'Overdue: expected by Apr 2026; no later count in the sources as of 23 Nov 2026'."""
    return lang._("Overdue: expected by {date}; no later count in the sources as of {checked}",
                  date=date_text(row["as_of"], lang), checked=date_text(row["sources_checked_on"], lang))


def act_timeline_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    frame = frame.reset_index(drop=True)
    if len(frame):
        frame = frame.assign(label=[_label(row, lang) for _, row in frame.iterrows()])
    texts = [_words(row, lang) for _, row in frame.iterrows()]
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
    title = (lang.n_("{n} dated step or count; the latest count is from {date} ({stage})",
                     "{n} dated steps and counts; the latest count is from {date} ({stage})",
                     len(frame), date=date_text(latest["as_of"], lang),
                     stage=lang._(STAGE_WORDS.get(latest["stage"], latest["stage"])))
             if latest is not None else lang._("No count of this act's outcome in the sources"))
    overdue = frame[frame["overdue"].astype(bool)]
    subtitle = " ".join([
        lang._("Dark dots: the act's steps."), lang._("Hollow: what was announced or provided."),
        lang._("Solid: counts of what it delivered."),
        lang._("Diamonds: expectations, filled where overdue.") if len(overdue)
        else lang._("Diamonds: expectations.")])
    notes = [lang._("Where two sources date a step differently, both dates are shown."),
             lang._("Dates are as precise as the sources give them.")]
    notes += [lang._("{what}: overdue: expected by {date}; no later count in the sources as of {checked}.",
                     what=row["label"], date=date_text(row["as_of"], lang),
                     checked=date_text(row["sources_checked_on"], lang))
              for _, row in overdue.iterrows()]
    alt_text = lang._("Timeline of {act}: {events}.", act=act, events="; ".join(texts))
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle,
                  notes=" ".join(notes), source=source_line(frame["source_names"], lang), alt_text=alt_text,
                  data=table(frame, TABLE_COLUMNS), lang=lang)
