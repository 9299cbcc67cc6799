"""Labelled horizontal bars (linear axis) or dots (log axis) that draw a number's bounds, the shared
drawing of every chart here. A bar's length claims a ratio from zero, which a log axis has not got,
so on a log axis each number is a dot and its bounds are the same arrows and whiskers.

Each row is one number with its low and high bounds (NULL where the source gives none):
- exact (low = high): a solid bar;
- lower bound only ("more than", "at least"): a bar to the bound ending in a ▶ arrow, because the
  true number lies further right;
- upper bound only ("nearly", "at most"): a bar to the bound ending in a ◀ arrow;
- a range (low < high): a bar to the low end and a whisker to the high end;
- no bounds ("unknown", "not given"): no bar at all, a hollow marker at the axis start, and the
  words in the row label; never a zero-length bar that reads as 0.
The row's label (the category and the source's words for the number) sits above its bar, so long
labels fit a phone screen; the y axis is categorical and its tick labels are hidden.
"""
from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from amnesty.i18n import ENGLISH, N_, Language
from amnesty.wording import QUALIFIER_WORDS, STAGE_WORDS
from components.chart import wrap_lines
from components.text import plotly_text
from components.theme import (MUTED_TEXT, NEUTRAL, OUTCOME_STAGES, STAGE_PATTERNS, STAGE_SYMBOLS,
                              TEXT, tint)

LABEL_WRAP = 52
LABEL_SIZE = 12
BAR_PX = 16

# The key to the marks, one whole sentence each (N_ marks them for translation), for bars on a
# linear axis and for dots on a log axis.
BOUND_KEYS = {
    "lower": N_("▶ at a bar's end: a lower bound ('more than', 'at least'); the true number is higher."),
    "upper": N_("◀ at a bar's end: an upper bound ('nearly', 'at most'); the true number is lower."),
    "range": N_("A whisker: a range; the true number lies between its ends."),
    "unknown": N_("○ with no bar: no number is given, which is not zero."),
}
DOT_BOUND_KEYS = {
    "lower": N_("▶ at a dot: a lower bound ('more than', 'at least'); the true number is higher."),
    "upper": N_("◀ at a dot: an upper bound ('nearly', 'at most'); the true number is lower."),
    "range": N_("A whisker: a range; the true number lies between its ends."),
    "unknown": N_("○ at the axis start: no number is given, which is not zero."),
}
STAGE_KEYS = {
    "announced": N_("Hatched bars: what the act announced, not a reported outcome."),
    "adopted": N_("Hatched bars: what the law as passed provides, not a reported outcome."),
    "expected": N_("Dotted bars: releases expected, not yet reported."),
}
DOT_STAGE_KEYS = {
    "announced": N_("Hollow dots: what the act announced, not a reported outcome."),
    "adopted": N_("Hollow dots: what the law as passed provides, not a reported outcome."),
    "expected": N_("Hollow diamonds: releases expected, not yet reported."),
}
# On a log axis an arrow sits just past its dot: this many tenths of a decade away.
ARROW_OFFSET = 0.09


def bound_shape(low, high) -> str:
    """exact / lower / upper / range / unknown, read from the bounds as the SQL views set them."""
    has_low = low is not None and not pd.isna(low) and low > 0
    has_high = high is not None and not pd.isna(high)
    if has_low and has_high:
        return "exact" if low == high else "range"
    if has_low:
        return "lower"
    if has_high:
        return "upper"
    return "unknown"


def bar_end(low, high) -> float | None:
    shape = bound_shape(low, high)
    return {"exact": low, "lower": low, "range": low, "upper": high}.get(shape)


def hover_text(measure_label, value_text, qualifier, stage, as_of, quote, derivation,
               credits, lang: Language = ENGLISH) -> str:
    """What a reader sees on hover: the number in the source's words, its qualifier, and its quote
    or, for a derived number, its arithmetic. The labels are ours, translated; the values are
    escaped (a translation is ours, the data inside it is not)."""
    esc = plotly_text
    facts = [lang._("Qualifier: {qualifier}", qualifier=esc(
        lang._(QUALIFIER_WORDS[qualifier]) if qualifier in QUALIFIER_WORDS else str(qualifier)))]
    if isinstance(stage, str):
        facts.append(lang._("Stage: {stage}", stage=esc(lang._(STAGE_WORDS.get(stage, stage)))))
    if isinstance(as_of, str):
        facts.append(lang._("As of: {date}", date=esc(lang.date(as_of))))
    lines = [f"<b>{esc(measure_label)}</b>: {esc(value_text)}", " · ".join(facts)]
    if isinstance(quote, str) and quote:
        lines += ["<i>“" + "<br>".join(esc(x) for x in textwrap.wrap(quote, 60)) + "”</i>"]
    if isinstance(derivation, str) and derivation:
        lines += [lang._("Derived: {derivation}", derivation="<br>".join(
            esc(x) for x in textwrap.wrap(derivation, 60)))]
    for credit in (list(credits) if credits is not None else [])[:3]:
        lines += ["<br>".join(esc(x) for x in textwrap.wrap(credit, 60))]
    return "<br>".join(lines)


def row_height(rows: pd.DataFrame) -> int:
    label_lines = max((len(wrap_lines(str(label), LABEL_WRAP)) for label in rows["row_label"]),
                      default=1)
    return row_px(label_lines)


def row_px(label_lines: int) -> int:
    """A row's height: its label's lines above the bar, the bar, and a gap (shared with the
    export layout, which wraps labels to the export's width)."""
    return 18 + BAR_PX + round(label_lines * LABEL_SIZE * 1.3)


def bounded_bars_figure(rows: pd.DataFrame, *, axis_title: str, log_scale: bool = False,
                        percent: bool = False, lang: Language = ENGLISH) -> tuple[go.Figure, int, str]:
    """Draw rows (row_key, row_label, low, high, stage, colour, hover, heading) top to bottom.

    Returns the figure, the plot height in pixels, and the key to the marks it uses, for notes.
    """
    rows = rows.reset_index(drop=True).copy()
    rows["shape"] = [bound_shape(lo, hi) for lo, hi in zip(rows["low"], rows["high"])]
    rows["end"] = [bar_end(lo, hi) for lo, hi in zip(rows["low"], rows["high"])]
    heading = rows["heading"].fillna(False).astype(bool)
    drawn = rows[~heading & rows["end"].notna()]
    unknown = rows[~heading & (rows["shape"] == "unknown")]

    values = pd.concat([drawn["end"], rows["high"].dropna()])
    values = values[values > 0]
    top = float(values.max()) if len(values) else 1.0
    if log_scale:
        bottom = float(values.min()) if len(values) else 1.0
        x_range = [math.log10(bottom) - 0.6, math.log10(top) + 0.12]
        axis_start = 10 ** (x_range[0] + 0.04 * (x_range[1] - x_range[0]))
    else:
        x_range = [0, top * 1.08]
        axis_start = top * 0.03

    keys = list(rows["row_key"])
    per_row = row_height(rows)
    plot_height = per_row * len(rows)
    # Bar thickness as a share of a row, so the bar keeps BAR_PX whatever the number of rows.
    bar_width = BAR_PX / per_row

    figure = go.Figure()
    stage = drawn["stage"].fillna("reported")
    if log_scale:
        _add_dots(figure, drawn, stage, x_range)
    else:
        _add_bars(figure, drawn, stage, bar_width)
    if len(unknown):
        figure.add_trace(go.Scatter(
            name=lang._("not given"), y=unknown["row_key"], x=[axis_start] * len(unknown), mode="markers",
            marker=dict(symbol="circle-open", size=10, color=NEUTRAL, line=dict(width=1.5)),
            cliponaxis=False, customdata=unknown["hover"],
            hovertemplate="%{customdata}<extra></extra>"))

    # The bar is centred on its row, so the end markers (which cannot be offset on a categorical
    # axis) sit on it; the label sits just above the bar, left-aligned.
    label_shift = round(BAR_PX / 2 + 3)
    unknown_keys = set(unknown["row_key"])
    annotations = []
    for key, label, is_heading in zip(rows["row_key"], rows["row_label"], heading):
        text = "<br>".join(plotly_text(line) for line in wrap_lines(str(label), LABEL_WRAP))
        annotations.append(dict(
            x=0, xref="paper", xanchor="left", y=key, yref="y",
            yanchor="middle" if is_heading else "bottom", yshift=0 if is_heading else label_shift, showarrow=False, align="left",
            text=f"<b>{text}</b>" if is_heading else text,
            font=dict(size=LABEL_SIZE + (1 if is_heading else 0),
                      color=TEXT if is_heading else MUTED_TEXT if key in unknown_keys else TEXT)))
    # One assignment: add_annotation per row copies the whole list each time (quadratic; minutes
    # at ten thousand acts).
    figure.update_layout(annotations=annotations)

    figure.update_yaxes(type="category", categoryorder="array", categoryarray=keys,
                        autorange="reversed", showticklabels=False, showgrid=False, ticks="",
                        range=[len(keys) - 0.5, -0.5 - 0.35])
    figure.update_xaxes(
        title=dict(text=plotly_text(axis_title), font=dict(size=11, color=MUTED_TEXT)),
        type="log" if log_scale else "linear", range=x_range,
        tickformat=".0f" if percent else ",.0f", ticksuffix="%" if percent else "",
        dtick=1 if log_scale else None, fixedrange=True)
    figure.update_yaxes(fixedrange=True)
    figure.update_layout(bargap=0, barmode="overlay", hovermode="closest")

    bound_keys, stage_keys = (DOT_BOUND_KEYS, DOT_STAGE_KEYS) if log_scale else (BOUND_KEYS, STAGE_KEYS)
    marks = [bound_keys[s] for s in ("lower", "upper", "range", "unknown")
             if (rows.loc[~heading, "shape"] == s).any()]
    marks += [stage_keys[s] for s in stage_keys if (drawn["stage"] == s).any()]
    return figure, plot_height, " ".join(lang._(m) for m in marks)


def _add_dots(figure: go.Figure, drawn: pd.DataFrame, stage: pd.Series, x_range) -> None:
    """Each number a dot at its known end; a bound gets an arrow beside the dot, a range a whisker."""
    ranges = drawn[drawn["shape"] == "range"]
    if len(ranges):
        figure.add_trace(go.Scatter(
            name="range", y=ranges["row_key"], x=ranges["low"], mode="markers",
            marker=dict(size=1, color=TEXT),
            error_x=dict(type="data", symmetric=False, color=TEXT, thickness=1.6, width=BAR_PX / 2,
                         array=list(ranges["high"] - ranges["low"]), arrayminus=[0] * len(ranges)),
            cliponaxis=False, hoverinfo="skip"))
    offset = 10 ** ARROW_OFFSET
    for shape, symbol, factor in (("lower", "triangle-right", offset), ("upper", "triangle-left", 1 / offset)):
        ends = drawn[drawn["shape"] == shape]
        if len(ends):
            figure.add_trace(go.Scatter(
                name=f"{shape} bound", y=ends["row_key"], x=ends["end"] * factor, mode="markers",
                marker=dict(symbol=symbol, size=11, color=TEXT, line=dict(width=0)),
                cliponaxis=False, customdata=ends["hover"],
                hovertemplate="%{customdata}<extra></extra>"))
    figure.add_trace(go.Scatter(
        name="values", y=drawn["row_key"], x=drawn["end"], mode="markers",
        marker=dict(symbol=[STAGE_SYMBOLS.get(s, "circle") for s in stage], size=BAR_PX,
                    color=list(drawn["colour"]), line=dict(width=2.5, color=list(drawn["colour"]))),
        cliponaxis=False, customdata=drawn["hover"], hovertemplate="%{customdata}<extra></extra>"))


def _add_bars(figure: go.Figure, drawn: pd.DataFrame, stage: pd.Series, bar_width: float) -> None:
    figure.add_trace(go.Bar(
        name="values", orientation="h", y=drawn["row_key"], x=drawn["end"],
        width=bar_width, offset=-bar_width / 2,
        marker=dict(
            color=[c if s in OUTCOME_STAGES else tint(c) for c, s in zip(drawn["colour"], stage)],
            line=dict(color=list(drawn["colour"]), width=1),
            pattern=dict(shape=[STAGE_PATTERNS.get(s, "") for s in stage],
                         fgcolor=list(drawn["colour"]), fillmode="overlay", size=6, solidity=0.35),
        ),
        customdata=drawn["hover"], hovertemplate="%{customdata}<extra></extra>",
    ))
    ranges = drawn[drawn["shape"] == "range"]
    if len(ranges):
        # A whisker from the low end (where the bar stops) to the high end of the range.
        figure.add_trace(go.Scatter(
            name="range", y=ranges["row_key"], x=ranges["low"], mode="markers",
            marker=dict(symbol="line-ns", size=BAR_PX, color=TEXT, line=dict(width=1.6)),
            error_x=dict(type="data", symmetric=False, color=TEXT, thickness=1.6, width=BAR_PX / 2,
                         array=list(ranges["high"] - ranges["low"]), arrayminus=[0] * len(ranges)),
            cliponaxis=False, customdata=ranges["hover"],
            hovertemplate="%{customdata}<extra></extra>"))
    for shape, symbol in (("lower", "triangle-right"), ("upper", "triangle-left")):
        ends = drawn[drawn["shape"] == shape]
        if len(ends):
            figure.add_trace(go.Scatter(
                name=f"{shape} bound", y=ends["row_key"], x=ends["end"], mode="markers",
                marker=dict(symbol=symbol, size=12, color=TEXT, line=dict(width=0)),
                cliponaxis=False, customdata=ends["hover"],
                hovertemplate="%{customdata}<extra></extra>"))

