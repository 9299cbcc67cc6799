"""Act detail chart: one act's reach, its release and relief categories, and the remainder."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from amnesty.i18n import ENGLISH, Language
from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import (STAGE_WORDS, bar_row, date_text, heading_row, stage_and_date, stage_suffix,
                            table, unit_title)
from components.theme import ROLE_COLOURS, colour_name

TABLE_COLUMNS = ["measure_label", "role", "stage", "qualifier", "low", "high", "value_text", "as_of",
                 "source_count", "quote", "locator", "derived", "derivation", "note", "credits"]


def release_breakdown_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    """Reach first, then each category largest first, then the derived 'not broken down' part.

    The all-categories release total is named in the title, not drawn, so no bar counts the same
    people twice.
    """
    if frame.empty:  # valid data: an act whose sources give no count of its reach or releases
        return _nothing_counted(frame)
    total = frame[frame["measure_id"] == "released_total"]
    drawn = frame[frame["measure_id"] != "released_total"]
    act_title = frame["act_title"].iloc[0]
    rows = []
    # What the act announced, then its latest count of what it delivered, each under a heading.
    for (promised, stage, as_of), group in drawn.groupby(["promised", "stage", "as_of"], sort=False):
        what = ("Announced" if stage == "announced" else "The law as passed" if stage == "adopted"
                else f"Delivered ({STAGE_WORDS[stage]})")
        rows.append(heading_row(f"{stage}|{as_of}|heading", f"{what}, {date_text(as_of)}"))
        for _, row in group.iterrows():
            derived = " — derived, not published" if row["derived"] else ""
            label = f"{row['measure_label']}: {row['value_text']}{derived}"
            rows.append(bar_row(row["figure_id"], label, row, ROLE_COLOURS[row["role"]]))
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(frame["unit"].dropna().iloc[0], lang=lang))

    latest = drawn[drawn["promised"] == drawn["promised"].min()]  # delivered, where there is a count
    scope = latest[latest["role"] == "scope"]
    releases = total[total["promised"] == drawn["promised"].min()] if len(total) else latest[latest["role"] == "release"]
    parts = []
    for part in (releases.head(1), scope.head(1)):
        for _, row in part.iterrows():
            parts.append(f"{str(row['measure_label']).lower()} {row['value_text']}"
                         f" ({stage_and_date(row['stage'], row['as_of'])})")
    title = f"{act_title}: " + ", ".join(parts) if parts else act_title
    if scope.empty:
        title += "; no source gives its total reach"
    colour = {role: colour_name(ROLE_COLOURS[role]) for role in ("scope", "release", "relief", "remainder")}
    subtitle = (f"Its reach ({colour['scope']}), release categories ({colour['release']}), other relief "
                f"({colour['relief']}) and the part of the reach no category accounts for "
                f"({colour['remainder']}, derived).")
    notes = [marks]
    for _, row in frame[frame["derived"].astype(bool)].iterrows():
        notes.append(f"'{row['measure_label']}' is derived: {row['derivation']} = {row['value_text']}.")
    notes += [str(note) for note in drawn["note"].dropna().unique()]
    alt_text = f"{title}. Bar chart by category: " + "; ".join(
        f"{row['measure_label'].lower()} {row['value_text']}{stage_suffix(row['stage'])}"
        + (" (derived)" if row["derived"] else "")
        for _, row in drawn.iterrows()) + "."
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle,
                  notes=" ".join(n for n in notes if n), source=source_line(frame["credits"], lang),
                  alt_text=alt_text, data=table(frame, TABLE_COLUMNS), lang=lang)


def _nothing_counted(frame: pd.DataFrame) -> Chart:
    figure = go.Figure()
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    words = "No source gives a count of this act's reach or releases"
    return finish(figure, plot_height=40, title=words, subtitle="", notes="", source="",
                  alt_text=f"{words}.", data=table(frame, TABLE_COLUMNS), lang=lang)
