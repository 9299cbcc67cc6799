"""Overview chart: what each act announced against what it delivered, act by act."""
from __future__ import annotations

import pandas as pd

from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import acts_left_out, bar_row, date_text, heading_row, stage_and_date, table, unit_title
from components.theme import ROLE_COLOURS, colour_name

SERIES_COLOURS = {"announced_reach": ROLE_COLOURS["scope"], "delivered_reach": ROLE_COLOURS["scope"],
                  "announced_released": ROLE_COLOURS["release"],
                  "delivered_released": ROLE_COLOURS["release"]}
TABLE_COLUMNS = ["act_title", "series_label", "measure_label", "stage", "qualifier", "low", "high",
                 "value_text", "as_of", "published", "source_count", "quote", "locator", "derivation",
                 "credits", "act_id"]


def _label(row) -> str:
    when = stage_and_date(row["stage"], row["as_of"])
    measure = f" ({row['measure_label'].lower()})" if isinstance(row["stage"], str) else ""
    return f"{row['series_label']}{measure}: {row['value_text']}" + (f" — {when}" if when else "")


def scale_vs_releases_figure(frame: pd.DataFrame, log_scale: bool = True) -> Chart:
    """One heading per act (oldest first), then its announced and delivered reach and releases.

    An act for which the sources give no announced number at all (the pardon decrees) shows only
    what it delivered, and the notes say so, rather than two rows of "not given".
    """
    promised = frame["promised"].astype(bool)
    announced_acts = set(frame.loc[promised & frame["figure_id"].notna(), "act_id"])
    shown = frame[~promised | frame["act_id"].isin(announced_acts)]
    rows = []
    for act_id, act in shown.groupby("act_id", sort=False):
        rows.append(heading_row(f"{act_id}|act", act["act_title"].iloc[0]))
        for _, row in act.sort_values("series_rank").iterrows():
            rows.append(bar_row(f"{act_id}|{row['series_id']}", _label(row), row,
                                SERIES_COLOURS[row["series_id"]]))
    unit = frame["unit"].dropna().iloc[0]
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(unit, log_scale), log_scale=log_scale)

    latest = frame[frame["act_id"] == frame["act_id"].iloc[-1]].set_index("series_id")
    title = _title(latest)
    subtitle = ("What each act announced (hollow) against what it delivered (solid): reach in "
                f"{colour_name(ROLE_COLOURS['scope'])}, releases in {colour_name(ROLE_COLOURS['release'])}; "
                f"oldest act first. {'Log' if log_scale else 'Linear'} scale.")
    no_promise = [a for a in frame.drop_duplicates("act_id")["act_label"]
                  if a not in set(frame.loc[frame["act_id"].isin(announced_acts), "act_label"])]
    notes = [marks]
    if no_promise:
        notes.append(f"The sources give no announced numbers for {', '.join(no_promise)}: only "
                     "what was delivered is drawn.")
    reach_measures = shown.loc[shown["series_id"].str.endswith("reach") & shown["figure_id"].notna(),
                               "measure_label"].unique()
    if len(reach_measures) > 1:
        notes.append("Acts and sources count reach in different terms ("
                     + "; ".join(m.lower() for m in reach_measures)
                     + "), so compare reach across acts with care.")
    left_out = acts_left_out(frame)
    if left_out:
        notes.append(left_out)
    notes += [f"{row['act_label']} '{row['measure_label']}' is derived: {row['derivation']}."
              for _, row in shown[shown["derived"].fillna(False).astype(bool)].iterrows()]
    alt_text = "Chart of what each act announced and what it delivered: " + "; ".join(
        f"{act['act_title'].iloc[0]}, " + ", ".join(
            f"{r['series_label'].lower()} {r['value_text']}"
            + (f" ({stage_and_date(r['stage'], r['as_of'])})" if isinstance(r["stage"], str) else "")
            for _, r in act.iterrows())
        for _, act in shown.groupby("act_id", sort=False)) + "."
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle,
                  notes=" ".join(notes), source=source_line(shown["credits"]), alt_text=alt_text,
                  data=table(shown, TABLE_COLUMNS))


def _title(latest: pd.DataFrame) -> str:
    """The finding for the most recent act: what it announced against its latest count."""
    act = latest["act_title"].iloc[0]
    announced, delivered = latest.loc["announced_reach"], latest.loc["delivered_reach"]
    if not isinstance(announced["stage"], str):
        return f"{act}: {delivered['value_text']} {delivered['measure_label'].lower()}"
    title = f"{act}: {announced['value_text']} announced"
    if isinstance(delivered["stage"], str):
        title += (f"; {delivered['value_text']} by {date_text(delivered['as_of'])} "
                  f"({stage_and_date(delivered['stage'], delivered['as_of']).split(',')[0]})")
    else:
        title += "; no count of what it delivered in the sources"
    return title
