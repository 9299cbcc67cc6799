"""Overview chart: each act's announced reach against the people it released."""
from __future__ import annotations

import pandas as pd

from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import acts_left_out, bar_row, heading_row, stage_suffix, table, unit_title
from components.theme import ROLE_COLOURS, colour_name

SERIES_COLOURS = {"reach": ROLE_COLOURS["scope"], "released": ROLE_COLOURS["release"]}
TABLE_COLUMNS = ["act_title", "series_label", "measure_label", "stage", "qualifier", "low", "high",
                 "value_text", "as_of", "quote", "derivation", "credits", "act_id"]


def scale_vs_releases_figure(frame: pd.DataFrame, log_scale: bool = True) -> Chart:
    """One heading per act (oldest first), then its reach and its releases as bounded bars."""
    rows = []
    for act_id, act in frame.groupby("act_id", sort=False):
        rows.append(heading_row(f"{act_id}|act", act["act_title"].iloc[0]))
        for _, row in act.sort_values("series_rank").iterrows():
            label = f"{row['measure_label']}: {row['value_text']}{stage_suffix(row['stage'])}"
            rows.append(bar_row(f"{act_id}|{row['series_id']}", label, row,
                                SERIES_COLOURS[row["series_id"]]))
    unit = frame["unit"].dropna().iloc[0]
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(unit, log_scale), log_scale=log_scale)

    latest = frame[frame["act_id"] == frame["act_id"].iloc[-1]].set_index("series_id")
    earlier = frame[(frame["act_id"] != frame["act_id"].iloc[-1]) & (frame["series_id"] == "released")
                    & (frame["stage"] == "reported")]
    largest = earlier.loc[earlier["low"].idxmax()] if earlier["low"].notna().any() else None
    title = (f"{latest.loc['reach', 'act_title']}: {latest.loc['reach', 'value_text']} "
             f"{str(latest.loc['reach', 'measure_label']).lower()}{stage_suffix(latest.loc['reach', 'stage'])}")
    left_out = acts_left_out(frame)
    if largest is not None:
        title += (f"; the most any earlier act{' shown' if left_out else ''} is reported to have released is "
                  f"{largest['value_text']} ({largest['act_label']})")
    subtitle = (f"What each act was said to reach ({colour_name(SERIES_COLOURS['reach'])}) against the "
                f"people it released ({colour_name(SERIES_COLOURS['released'])}), oldest act first. "
                f"{'Log' if log_scale else 'Linear'} scale.")
    derived = frame[frame["derived"].fillna(False).astype(bool)]
    notes = " ".join([marks] + ([left_out] if left_out else []) + [
        f"{row['act_label']} '{row['measure_label']}' is derived: {row['derivation']}."
        for _, row in derived.iterrows()])
    alt_text = "Bar chart of announced reach and people released for each act: " + "; ".join(
        f"{act['act_title'].iloc[0]}, "
        + ", ".join(f"{r['series_label'].lower()} {r['value_text']}{stage_suffix(r['stage'])}"
                    for _, r in act.iterrows())
        for _, act in frame.groupby("act_id", sort=False)) + "."
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"]), alt_text=alt_text,
                  data=table(frame, TABLE_COLUMNS))
