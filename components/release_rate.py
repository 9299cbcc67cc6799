"""Release rate per act: people released as a share of announced reach, with its bounds."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import ENGLISH, Language
from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import acts_left_out, bar_row, stage_suffix, table, unit_title
from components.theme import ROLE_COLOURS

TABLE_COLUMNS = ["act_title", "measure_label", "stage", "qualifier", "low", "high", "value_text",
                 "as_of", "derivation", "has_reach", "credits"]


def release_rate_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    rows = []
    for _, row in frame.iterrows():
        reason = "" if row["has_reach"] else " (no reach published)"
        label = f"{row['act_title']}: {row['value_text']}{reason}{stage_suffix(row['stage'])}"
        # One row per rate: an act can have several (one per count of its releases), and rows
        # that share a key are drawn on one line, labels over each other.
        key = f"{row['act_id']}|{row['figure_id']}" if isinstance(row["figure_id"], str) else row["act_id"]
        rows.append(bar_row(key, label, row, ROLE_COLOURS["release"]))
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(frame["unit"].dropna().iloc[0], lang=lang), percent=True)
    figure.update_xaxes(range=[0, 100])

    known = frame[frame["low"].notna() | frame["high"].notna()]
    title = "Release rate: " + (", ".join(
        f"{row['value_text']} ({row['act_label']})" for _, row in known.iterrows())
        if len(known) else "no act has one") + "; the others cannot be computed"
    subtitle = "People released as a share of what the act was said to reach, per act."
    derivations = " ".join(f"{row['act_label']}: {row['derivation']}."
                           for _, row in frame[frame["derivation"].notna()].iterrows())
    notes = " ".join(filter(None, [marks, acts_left_out(frame), f"Derived, not published: {derivations}"]))
    alt_text = "Bar chart of release rates: " + "; ".join(
        f"{row['act_title']} {row['value_text']}" for _, row in frame.iterrows()) + "."
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame, TABLE_COLUMNS), lang=lang)
