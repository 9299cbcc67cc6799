"""Overview chart: what each act announced against what it delivered, act by act."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import ENGLISH, N_, Language
from amnesty.wording import STAGE_WORDS
from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import acts_left_out, bar_row, heading_row, stage_and_date, table, unit_title
from components.theme import ROLE_COLOURS, colour_name

SERIES_COLOURS = {"announced_reach": ROLE_COLOURS["scope"], "delivered_reach": ROLE_COLOURS["scope"],
                  "announced_released": ROLE_COLOURS["release"],
                  "delivered_released": ROLE_COLOURS["release"]}
TABLE_COLUMNS = ["act_title", "series_label", "measure_label", "stage", "qualifier", "low", "high",
                 "value_text", "as_of", "published", "source_count", "quote", "quote_language", "locator",
                 "derivation", "credits", "act_id"]


# The series' names, in the reader's language (the query gives only their ids).
SERIES_LABELS = {"announced_reach": N_("Reach announced"), "delivered_reach": N_("Reach delivered"),
                 "announced_released": N_("Releases announced"),
                 "delivered_released": N_("Releases delivered")}


def _label(row, lang: Language) -> str:
    when = stage_and_date(row["stage"], row["as_of"], lang)
    if not isinstance(row["stage"], str):
        return lang._("{series}: {number}", series=row["series_label"], number=row["value_text"])
    if when:
        return lang._("{series} ({measure}): {number} — {when}", series=row["series_label"],
                      measure=row["measure_label"].lower(), number=row["value_text"], when=when)
    return lang._("{series} ({measure}): {number}", series=row["series_label"],
                  measure=row["measure_label"].lower(), number=row["value_text"])


def scale_vs_releases_figure(frame: pd.DataFrame, log_scale: bool = True,
                             lang: Language = ENGLISH) -> Chart:
    """One heading per act (oldest first), then its announced and delivered reach and releases.

    An act for which the sources give no announced number at all (the pardon decrees) shows only
    what it delivered, and the notes say so, rather than two rows of "not given".
    """
    frame = frame.assign(series_label=[lang._(SERIES_LABELS[s]) for s in frame["series_id"]])
    frame = frame.assign(measure_label=frame["measure_label"].fillna(frame["series_label"]))
    promised = frame["promised"].astype(bool)
    announced_acts = set(frame.loc[promised & frame["figure_id"].notna(), "act_id"])
    shown = frame[~promised | frame["act_id"].isin(announced_acts)]
    rows = []
    for act_id, act in shown.groupby("act_id", sort=False):
        rows.append(heading_row(f"{act_id}|act", act["act_title"].iloc[0]))
        for _, row in act.sort_values("series_rank").iterrows():
            rows.append(bar_row(f"{act_id}|{row['series_id']}", _label(row, lang), row,
                                SERIES_COLOURS[row["series_id"]], lang))
    unit = frame["unit"].dropna().iloc[0]
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(unit, log_scale, lang), log_scale=log_scale, lang=lang)

    latest = frame[frame["act_id"] == frame["act_id"].iloc[-1]].set_index("series_id")
    title = _title(latest, lang)
    colours = dict(reach=lang._(colour_name(ROLE_COLOURS["scope"])),
                   releases=lang._(colour_name(ROLE_COLOURS["release"])))
    subtitle = (lang._("What each act announced (hollow) against what it delivered (solid): reach in "
                       "{reach}, releases in {releases}; oldest act first. Log scale.", **colours)
                if log_scale else
                lang._("What each act announced (hollow) against what it delivered (solid): reach in "
                       "{reach}, releases in {releases}; oldest act first. Linear scale.", **colours))
    no_promise = [a for a in frame.drop_duplicates("act_id")["act_label"]
                  if a not in set(frame.loc[frame["act_id"].isin(announced_acts), "act_label"])]
    notes = [marks]
    if no_promise:
        notes.append(lang._("The sources give no announced numbers for {acts}: only what was "
                            "delivered is drawn.", acts=", ".join(no_promise)))
    reach_measures = shown.loc[shown["series_id"].str.endswith("reach") & shown["figure_id"].notna(),
                               "measure_label"].unique()
    if len(reach_measures) > 1:
        notes.append(lang._("Acts and sources count reach in different terms ({terms}), so compare "
                            "reach across acts with care.", terms="; ".join(m.lower() for m in reach_measures)))
    left_out = acts_left_out(frame, lang)
    if left_out:
        notes.append(left_out)
    notes += [lang._("{act} '{measure}' is derived: {derivation}.", act=row["act_label"],
                     measure=row["measure_label"], derivation=row["derivation"])
              for _, row in shown[shown["derived"].fillna(False).astype(bool)].iterrows()]
    alt_text = lang._("Chart of what each act announced and what it delivered: {acts}.", acts="; ".join(
        lang._("{act}, {numbers}", act=act["act_title"].iloc[0], numbers=", ".join(
            (lang._("{series} {number} ({when})", series=r["series_label"].lower(), number=r["value_text"],
                    when=stage_and_date(r["stage"], r["as_of"], lang))
             if isinstance(r["stage"], str) else
             lang._("{series} {number}", series=r["series_label"].lower(), number=r["value_text"]))
            for _, r in act.iterrows()))
        for _, act in shown.groupby("act_id", sort=False)))
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle,
                  notes=" ".join(notes), source=source_line(shown["credits"], lang), alt_text=alt_text,
                  data=table(shown, TABLE_COLUMNS), lang=lang)


def _title(latest: pd.DataFrame, lang: Language) -> str:
    """The finding for the most recent act: what it announced against its latest count."""
    act = latest["act_title"].iloc[0]
    announced, delivered = latest.loc["announced_reach"], latest.loc["delivered_reach"]
    if not isinstance(announced["stage"], str):
        return lang._("{act}: {number} ({measure})", act=act, number=delivered["value_text"],
                      measure=delivered["measure_label"].lower())
    if isinstance(delivered["stage"], str):
        return lang._("{act}: {announced} announced; {delivered} by {date} ({stage})", act=act,
                      announced=announced["value_text"], delivered=delivered["value_text"],
                      date=lang.date(delivered["as_of"]),
                      stage=lang._(STAGE_WORDS.get(delivered["stage"], delivered["stage"])))
    return lang._("{act}: {announced} announced; no count of what it delivered in the sources",
                  act=act, announced=announced["value_text"])
