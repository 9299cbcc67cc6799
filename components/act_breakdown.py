"""Act detail chart: one act's reach, its release and relief categories, and the remainder."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from amnesty.i18n import ENGLISH, Language
from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import STAGE_WORDS, bar_row, date_text, heading_row, stage_and_date, table, unit_title
from components.theme import ROLE_COLOURS, colour_name

TABLE_COLUMNS = ["measure_label", "role", "stage", "qualifier", "low", "high", "value_text", "as_of",
                 "source_count", "quote", "quote_language", "locator", "derived", "derivation", "note",
                 "credits"]


def _heading(stage: str, as_of, lang: Language) -> str:
    """'Announced, 7 Mar 2024' or 'Delivered (interim count), 8 Feb 2026'."""
    date = date_text(as_of, lang)
    if stage == "announced":
        return lang._("Announced, {date}", date=date)
    if stage == "adopted":
        return lang._("The law as passed, {date}", date=date)
    return lang._("Delivered ({stage}), {date}", stage=lang._(STAGE_WORDS[stage]), date=date)


def _category(row, lang: Language) -> str:
    """One category for the alt text: 'released 16,000', 'expected ... (expected) (derived)'."""
    values = dict(measure=row["measure_label"].lower(), number=row["value_text"])
    stage = row["stage"]
    stage = lang._(STAGE_WORDS[stage]) if stage in ("announced", "adopted", "expected") else None
    if row["derived"]:
        if stage:
            return lang._("{measure} {number} ({stage}) (derived)", stage=stage, **values)
        return lang._("{measure} {number} (derived)", **values)
    if stage:
        return lang._("{measure} {number} ({stage})", stage=stage, **values)
    return lang._("{measure} {number}", **values)


def release_breakdown_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    """Reach first, then each category largest first, then the derived 'not broken down' part.

    The all-categories release total is named in the title, not drawn, so no bar counts the same
    people twice.
    """
    if frame.empty:  # valid data: an act whose sources give no count of its reach or releases
        return _nothing_counted(frame, lang)
    total = frame[frame["measure_id"] == "released_total"]
    drawn = frame[frame["measure_id"] != "released_total"]
    act_title = frame["act_title"].iloc[0]
    rows = []
    # What the act announced, then its latest count of what it delivered, each under a heading.
    for (promised, stage, as_of), group in drawn.groupby(["promised", "stage", "as_of"], sort=False):
        rows.append(heading_row(f"{stage}|{as_of}|heading", _heading(stage, as_of, lang)))
        for _, row in group.iterrows():
            values = dict(measure=row["measure_label"], number=row["value_text"])
            label = (lang._("{measure}: {number} — derived, not published", **values) if row["derived"]
                     else lang._("{measure}: {number}", **values))
            rows.append(bar_row(row["figure_id"], label, row, ROLE_COLOURS[row["role"]], lang))
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(frame["unit"].dropna().iloc[0], lang=lang), lang=lang)

    latest = drawn[drawn["promised"] == drawn["promised"].min()]  # delivered, where there is a count
    scope = latest[latest["role"] == "scope"]
    releases = total[total["promised"] == drawn["promised"].min()] if len(total) else latest[latest["role"] == "release"]
    parts = []
    for part in (releases.head(1), scope.head(1)):
        for _, row in part.iterrows():
            parts.append(lang._("{measure} {number} ({when})", measure=str(row["measure_label"]).lower(),
                                number=row["value_text"],
                                when=stage_and_date(row["stage"], row["as_of"], lang)))
    if scope.empty:
        title = (lang._("{act}: {figures}; no source gives its total reach", act=act_title,
                        figures=", ".join(parts)) if parts
                 else lang._("{act}; no source gives its total reach", act=act_title))
    else:
        title = lang._("{act}: {figures}", act=act_title, figures=", ".join(parts)) if parts else act_title
    colour = {role: lang._(colour_name(ROLE_COLOURS[role]))
              for role in ("scope", "release", "relief", "remainder")}
    subtitle = lang._("Its reach ({scope}), release categories ({release}), other relief ({relief}) "
                      "and the part of the reach no category accounts for ({remainder}, derived).",
                      **colour)
    notes = [marks]
    for _, row in frame[frame["derived"].astype(bool)].iterrows():
        notes.append(lang._("'{measure}' is derived: {derivation} = {number}.",
                            measure=row["measure_label"], derivation=row["derivation"],
                            number=row["value_text"]))
    notes += [str(note) for note in drawn["note"].dropna().unique()]
    alt_text = " ".join([f"{title}.", lang._("Bar chart by category: {categories}.", categories="; ".join(
        _category(row, lang) for _, row in drawn.iterrows()))])
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle,
                  notes=" ".join(n for n in notes if n), source=source_line(frame["credits"], lang),
                  alt_text=alt_text, data=table(frame, TABLE_COLUMNS), lang=lang)


def _nothing_counted(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    figure = go.Figure()
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    words = lang._("No source gives a count of this act's reach or releases")
    return finish(figure, plot_height=40, title=words, subtitle="", notes="", source="",
                  alt_text=f"{words}.", data=table(frame, TABLE_COLUMNS), lang=lang)
