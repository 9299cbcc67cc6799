"""Release rate per act: people released as a share of announced reach, with its bounds."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import ENGLISH, Language
from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import acts_left_out, bar_row, stage_and_date, table, unit_title
from components.theme import ROLE_COLOURS

TABLE_COLUMNS = ["act_title", "measure_label", "stage", "qualifier", "low", "high", "value_text",
                 "as_of", "derivation", "has_reach", "credits"]


def _label(row, lang: Language) -> str:
    values = dict(act=row["act_title"], number=row["value_text"])
    if not row["has_reach"]:
        return lang._("{act}: {number} (no reach published)", **values)
    # An act can have several rates, one per count of its releases: each says which count it is.
    return lang._("{act}, {when}: {number}", when=stage_and_date(row["stage"], row["as_of"], lang), **values)


def release_rate_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    rows = []
    for _, row in frame.iterrows():
        # One row per rate: an act can have several (one per count of its releases), and rows
        # that share a key are drawn on one line, labels over each other.
        key = f"{row['act_id']}|{row['figure_id']}" if isinstance(row["figure_id"], str) else row["act_id"]
        rows.append(bar_row(key, _label(row, lang), row, ROLE_COLOURS["release"], lang))
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(frame["unit"].dropna().iloc[0], lang=lang),
        percent=True, lang=lang)
    figure.update_xaxes(range=[0, 100])

    # The title gives each act's latest rate (the rows are in date order within an act); the bars
    # give every one. Where an act has several, the title and the derivations date each.
    several = set(frame["act_id"][frame["act_id"].duplicated()])

    def act_name(row) -> str:
        return (lang._("{act}, {date}", act=row["act_label"], date=lang.date(row["as_of"]))
                if row["act_id"] in several else row["act_label"])

    known = frame[frame["low"].notna() | frame["high"].notna()]
    title = (lang._("Release rate: {rates}; the others cannot be computed", rates=", ".join(
        lang._("{number} ({act})", number=row["value_text"], act=act_name(row))
        for _, row in known.drop_duplicates("act_id", keep="last").iterrows()))
        if len(known) else lang._("Release rate: no act has one; the others cannot be computed"))
    subtitle = lang._("People released as a share of what the act was said to reach, per act.")
    derivations = " ".join(lang._("{act}: {derivation}.", act=act_name(row), derivation=row["derivation"])
                           for _, row in frame[frame["derivation"].notna()].iterrows())
    notes = " ".join(filter(None, [marks, acts_left_out(frame, lang),
                                   lang._("Derived, not published: {derivations}", derivations=derivations)]))
    alt_text = lang._("Bar chart of release rates: {rates}.", rates="; ".join(row["row_label"] for row in rows))
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame, TABLE_COLUMNS), lang=lang)
