"""Charts about the dataset itself: where the numbers come from and how they are qualified."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import ENGLISH, Language
from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import table, unit_title
from components.text import plotly_text
from components.theme import KIND_COLOURS, ROLE_COLOURS, colour_name


def _count_rows(frame: pd.DataFrame, key_column: str, labels, colours, hovers) -> pd.DataFrame:
    return pd.DataFrame({
        "row_key": frame[key_column].astype(str).values, "row_label": list(labels),
        "low": frame["figure_count"].values, "high": frame["figure_count"].values,
        "stage": "reported", "colour": list(colours), "hover": list(hovers), "heading": False})


def figures_by_source_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    frame = frame.reset_index(drop=True)
    labels = [f"{r['row_label']} ({r['source_kind_text']}): {r['figure_count']}"
              for _, r in frame.iterrows()]
    hovers = [f"<b>{plotly_text(r['row_label'])}</b><br>{r['figure_count']} figures"
              for _, r in frame.iterrows()]
    rows = _count_rows(frame.assign(key=frame.index), "key", labels,
                       [KIND_COLOURS[k] for k in frame["source_kind"]], hovers)
    figure, plot_height, _ = bounded_bars_figure(rows, axis_title=unit_title(frame["unit"].iloc[0], lang=lang))
    top = frame.iloc[0]
    press = frame[frame["source_kind"] == "press"]
    title = (f"{int(press['figure_count'].sum())} of {top['total_figures']} published figures come "
             "from one AI-written press article" if len(press["source_id"].unique()) == 1
             else f"{top['row_label']} supplies {top['figure_count']} of {top['total_figures']} figures")
    subtitle = "Published figures by the source we read them in, and whom that source cites."
    # Only the kinds drawn, one colour each ("state_agency": "state agency").
    notes = ("Colours: " + ", ".join(f"{colour_name(KIND_COLOURS[kind])} {kind.replace('_', ' ')}"
                                    for kind in frame["source_kind"].drop_duplicates())
             + " (the source we read).")
    alt_text = "Bar chart of published figures by source: " + "; ".join(labels) + "."
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame, ["row_label", "source_kind_text", "attributed_kind_text",
                                     "figure_count"]), lang=lang)


def figures_by_qualifier_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    labels = [f"{r['qualifier_text']}: {r['figure_count']}" for _, r in frame.iterrows()]
    hovers = [f"<b>{plotly_text(r['qualifier_text'])}</b><br>{r['figure_count']} figures"
              for _, r in frame.iterrows()]
    colours = [ROLE_COLOURS["exact" if exact else "bound"] for exact in frame["is_exact"]]
    rows = _count_rows(frame, "qualifier", labels, colours, hovers)
    figure, plot_height, _ = bounded_bars_figure(rows, axis_title=unit_title(frame["unit"].iloc[0], lang=lang))
    first = frame.iloc[0]
    title = (f"{first['bounded_figures']} of {first['total_figures']} published numbers are bounds "
             "or ranges, not exact counts")
    subtitle = "Published figures by the qualifier the source puts on them."
    notes = (f"{colour_name(ROLE_COLOURS['exact']).capitalize()}: exact. "
             f"{colour_name(ROLE_COLOURS['bound']).capitalize()}: a bound or a range, which the charts "
             "draw with arrows or whiskers and never as an exact number.")
    alt_text = "Bar chart of published figures by qualifier: " + "; ".join(labels) + "."
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame, ["qualifier_text", "figure_count"]), lang=lang)
