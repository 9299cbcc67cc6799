"""Political-prisoner charts for the 2025–26 act: coverage of the list, and the groups reached."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import ENGLISH, N_, Language
from amnesty.wording import STAGE_WORDS, bounds_text
from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import bar_row, table, unit_title
from components.theme import ROLE_COLOURS, colour_name

# A group keeps one colour across charts: the believers on the list are a group's size, grey as
# every group's size is in prisoner_groups_figure; released members are indigo in both charts.
COVERAGE_COLOURS = {
    "political_prisoners_listed": ROLE_COLOURS["list"],
    "political_prisoners_estimated": ROLE_COLOURS["list"],
    "religious_believers_listed": ROLE_COLOURS["list"],
    "political_prisoners_released": ROLE_COLOURS["release"],
    "political_prisoners_released_expected_total": ROLE_COLOURS["expected"],
}
COVERAGE_COLUMNS = ["measure_label", "stage", "qualifier", "low", "high", "value_text",
                    "share_of_list_text", "as_of", "quote", "quote_language", "derived", "derivation",
                    "note", "credits"]
GROUP_COLUMNS = ["group_name", "parent_group_name", "reach_text", "size_text", "members_released",
                 "qualifier", "low", "high", "quote", "quote_language", "note", "credits"]
# Whether the act reached a group, in a reader's words (the query's reach_text is the English).
REACH_WORDS = {"partly": N_("reached in part"), "not_reached": N_("not reached")}
# Stages a label names beside its number: a promise or a forecast is not an outcome.
NAMED_STAGES = ("announced", "adopted", "expected")


def _worded(lang: Language, bounds, english):
    """A figure's words in `lang` from its bounds struct; in English (or with no bounds) the
    query's own text, which SQL wrote."""
    if lang.code == "en" or not isinstance(bounds, dict):
        return english
    return bounds_text(lang, bounds)


def _stage(stage, lang: Language) -> str | None:
    """The stage word a label names, or None where the stage is an outcome."""
    return lang._(STAGE_WORDS[stage]) if stage in NAMED_STAGES else None


def _coverage_in_language(frame: pd.DataFrame, lang: Language) -> pd.DataFrame:
    if lang.code == "en" or "share_of_list_bounds" not in frame.columns:
        return frame
    return frame.assign(share_of_list_text=[
        _worded(lang, b, text) for b, text in zip(frame["share_of_list_bounds"],
                                                   frame["share_of_list_text"])])


def _coverage_label(row, lang: Language) -> str:
    values = dict(measure=row["measure_label"], number=row["value_text"])
    share, stage = row["share_of_list_text"], _stage(row["stage"], lang)
    if isinstance(share, str):
        if stage:
            return lang._("{measure}: {number} — {share} of the list ({stage})", share=share,
                          stage=stage, **values)
        return lang._("{measure}: {number} — {share} of the list", share=share, **values)
    if stage:
        return lang._("{measure}: {number} ({stage})", stage=stage, **values)
    return lang._("{measure}: {number}", **values)


def political_prisoner_coverage_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    frame = _coverage_in_language(frame, lang)
    rows = []
    for _, row in frame.iterrows():
        rows.append(bar_row(row["figure_id"], _coverage_label(row, lang), row,
                            COVERAGE_COLOURS[row["measure_id"]], lang))
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(frame["unit"].dropna().iloc[0], lang=lang), lang=lang)

    by = frame.set_index("measure_id")
    listed, released = by.loc["political_prisoners_listed"], by.loc["political_prisoners_released"]
    expected = by.loc["political_prisoners_released_expected_total"]
    title = lang._("{released} of {listed} listed political prisoners were released by {date}; "
                   "{expected} are expected in all", released=released["value_text"],
                   listed=listed["value_text"], date=lang.date(released["as_of"]), expected=expected["value_text"])
    subtitle = " ".join([
        lang._("Coverage of the list: {released} so far, {expected} if the expected releases happen.",
               released=released["share_of_list_text"], expected=expected["share_of_list_text"]),
        f"{frame['act_title'].iloc[0]}."])
    notes = " ".join([marks] + [
        lang._("'{measure}' is derived: {derivation}.", measure=row["measure_label"],
               derivation=row["derivation"])
        for _, row in frame[frame["derived"].astype(bool)].iterrows()]
        + [str(n) for n in frame["note"].dropna().unique()])
    alt_text = lang._("Bar chart of political prisoners: {figures}.", figures="; ".join(
        lang._("{measure} {number}", measure=row["measure_label"], number=row["value_text"])
        for _, row in frame.iterrows()))
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame, COVERAGE_COLUMNS), lang=lang)


def _release_words(release: dict, lang: Language) -> dict:
    """A release figure's measure and number in `lang` (the struct carries its bounds)."""
    if lang.code == "en":
        return dict(measure=release["measure_label"], number=release["value_text"])
    measure = release["measure_label"]  # (a variable: pybabel extracts a literal inside _())
    return dict(measure=lang._(measure), number=bounds_text(lang, release))


def release_text(release: dict, lang: Language = ENGLISH) -> str:
    """'Political prisoners released by 2026-01-01: 36' for one of a group's release figures."""
    values = _release_words(release, lang)
    stage = _stage(release["stage"], lang)
    if release["stage"] == "expected":
        return lang._("{measure}: {number} ({stage})", stage=stage, **values)
    # The date at the precision the source gives, in the reader's words.
    if stage:
        return lang._("{measure} by {date}: {number} ({stage})", date=lang.date(release["as_of"]),
                      stage=stage, **values)
    return lang._("{measure} by {date}: {number}", date=lang.date(release["as_of"]), **values)


def _groups_in_language(frame: pd.DataFrame, lang: Language) -> pd.DataFrame:
    if lang.code == "en":
        return frame
    changed = {
        "reach_text": [lang._(REACH_WORDS[r]) if r in REACH_WORDS else text
                       for r, text in zip(frame["reach"], frame["reach_text"])],
        "size_text": [bounds_text(lang, b) if isinstance(b, dict) else lang._("size not given")
                      for b in frame["size_bounds"]],
    }
    for column in ("groups_reached", "groups_listed"):
        changed[f"{column}_text"] = [_worded(lang, b, text) for b, text in
                                     zip(frame[f"{column}_bounds"], frame[f"{column}_text"])]
    return frame.assign(**changed)


def prisoner_groups_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    """Every group the sources name; a bar only where a source gives the group's size.

    A group's size is drawn in grey, not in the colour of reach: where the act reached a group only
    in part, the members released (and expected) are drawn as their own bars beneath it.
    """
    frame = _groups_in_language(frame, lang)
    rows = []
    for _, row in frame.iterrows():
        indent = "↳ " if isinstance(row["parent_group_name"], str) else ""
        label = indent + lang._("{group}: {size} · {reach}", group=row["group_name"],
                                size=row["size_text"], reach=row["reach_text"])
        colour = ROLE_COLOURS["not_reached" if row["reach"] == "not_reached" else "list"]
        hover_row = row.copy()
        hover_row["measure_label"] = row["group_name"]
        hover_row["value_text"] = lang._("{size} · {reach}", size=row["size_text"],
                                         reach=row["reach_text"])
        rows.append(bar_row(row["group_id"], label, hover_row, colour, lang))
        for release in row["releases"]:
            words = _release_words(release, lang)
            shown = dict(release, measure_label=words["measure"], value_text=words["number"])
            rows.append(bar_row(
                f"{row['group_id']}|{release['figure_id']}", f"↳ {release_text(release, lang)}", shown,
                ROLE_COLOURS["expected" if release["stage"] == "expected" else "reached"], lang))
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(frame["unit"].dropna().iloc[0], lang=lang), lang=lang)

    first = frame.iloc[0]
    title = lang._("The act reached {reached} of the {listed} groups on the political-prisoner list, "
                   "and not all of that one", reached=first["groups_reached_text"],
                   listed=first["groups_listed_text"])
    subtitle = lang._("The categories of political prisoners the sources name as reached or left out "
                      "(not necessarily the list's own groups), with their size in {size} where a "
                      "source gives one; members released in {released}, more expected dotted.",
                      size=lang._(colour_name(ROLE_COLOURS["list"])),
                      released=lang._(colour_name(ROLE_COLOURS["reached"])))
    listed_note = first["groups_listed_note"]
    notes = " ".join([marks] + [str(n) for n in frame["note"].dropna().unique()]
                     + ([str(listed_note)] if isinstance(listed_note, str) else []))
    known = frame[frame["low"].notna()]
    groups = []
    for _, r in frame.iterrows():
        values = dict(group=r["group_name"], size=r["size_text"], reach=r["reach_text"])
        if len(r["releases"]):
            groups.append(lang._("{group} {size}, {reach} — {releases}", releases=" — ".join(
                release_text(x, lang) for x in r["releases"]), **values))
        else:
            groups.append(lang._("{group} {size}, {reach}", **values))
    alt_text = " ".join([
        lang.n_("Chart of {n} named political-prisoner group: {groups}.",
                "Chart of {n} named political-prisoner groups: {groups}.", len(frame),
                groups="; ".join(groups)),
        lang._("Sizes are given for {known} of them.", known=lang.number(len(known)))])
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame.assign(members_released=[
                      "; ".join(release_text(x, lang) for x in r) or None for r in frame["releases"]]),
                      GROUP_COLUMNS), lang=lang)
