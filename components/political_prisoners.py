"""Political-prisoner charts for the 2025–26 act: coverage of the list, and the groups reached."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import ENGLISH, Language
from components.bounded_bars import bounded_bars_figure
from components.chart import Chart, finish, source_line
from components.rows import bar_row, stage_suffix, table, unit_title
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
                    "share_of_list_text", "as_of", "quote", "derived", "derivation", "note", "credits"]
GROUP_COLUMNS = ["group_name", "parent_group_name", "reach_text", "size_text", "members_released",
                 "qualifier", "low", "high", "quote", "note", "credits"]


def political_prisoner_coverage_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    rows = []
    for _, row in frame.iterrows():
        share = (f" — {row['share_of_list_text']} of the list"
                 if isinstance(row["share_of_list_text"], str) else "")
        label = f"{row['measure_label']}: {row['value_text']}{share}{stage_suffix(row['stage'])}"
        rows.append(bar_row(row["figure_id"], label, row, COVERAGE_COLOURS[row["measure_id"]]))
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(frame["unit"].dropna().iloc[0], lang=lang))

    by = frame.set_index("measure_id")
    listed, released = by.loc["political_prisoners_listed"], by.loc["political_prisoners_released"]
    expected = by.loc["political_prisoners_released_expected_total"]
    title = (f"{released['value_text']} of {listed['value_text']} listed political prisoners were "
             f"released by {released['as_of']}; {expected['value_text']} are expected in all")
    subtitle = (f"Coverage of the list: {released['share_of_list_text']} so far, "
                f"{expected['share_of_list_text']} if the expected releases happen. "
                f"{frame['act_title'].iloc[0]}.")
    notes = " ".join([marks] + [
        f"'{row['measure_label']}' is derived: {row['derivation']}."
        for _, row in frame[frame["derived"].astype(bool)].iterrows()]
        + [str(n) for n in frame["note"].dropna().unique()])
    alt_text = "Bar chart of political prisoners: " + "; ".join(
        f"{row['measure_label']} {row['value_text']}" for _, row in frame.iterrows()) + "."
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame, COVERAGE_COLUMNS), lang=lang)


def release_text(release: dict) -> str:
    """'Political prisoners released by 2026-01-01: 36' for one of a group's release figures."""
    as_of = f" by {release['as_of']}" if release["stage"] != "expected" else ""
    return (f"{release['measure_label']}{as_of}: {release['value_text']}"
            f"{stage_suffix(release['stage'])}")


def prisoner_groups_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    """Every group the sources name; a bar only where a source gives the group's size.

    A group's size is drawn in grey, not in the colour of reach: where the act reached a group only
    in part, the members released (and expected) are drawn as their own bars beneath it.
    """
    rows = []
    for _, row in frame.iterrows():
        indent = "↳ " if isinstance(row["parent_group_name"], str) else ""
        label = f"{indent}{row['group_name']}: {row['size_text']} · {row['reach_text']}"
        colour = ROLE_COLOURS["not_reached" if row["reach"] == "not_reached" else "list"]
        hover_row = row.copy()
        hover_row["measure_label"] = row["group_name"]
        hover_row["value_text"] = f"{row['size_text']} · {row['reach_text']}"
        rows.append(bar_row(row["group_id"], label, hover_row, colour))
        for release in row["releases"]:
            rows.append(bar_row(
                f"{row['group_id']}|{release['figure_id']}", f"↳ {release_text(release)}", release,
                ROLE_COLOURS["expected" if release["stage"] == "expected" else "reached"]))
    figure, plot_height, marks = bounded_bars_figure(
        pd.DataFrame(rows), axis_title=unit_title(frame["unit"].dropna().iloc[0], lang=lang))

    first = frame.iloc[0]
    title = (f"The act reached {first['groups_reached_text']} of the {first['groups_listed_text']} "
             "groups on the political-prisoner list, and not all of that one")
    subtitle = ("The categories of political prisoners the sources name as reached or left out (not "
                "necessarily the list's own groups), with their size in "
                f"{colour_name(ROLE_COLOURS['list'])} where a source gives one; members released in "
                f"{colour_name(ROLE_COLOURS['reached'])}, more expected dotted.")
    listed_note = first["groups_listed_note"]
    notes = " ".join([marks] + [str(n) for n in frame["note"].dropna().unique()]
                     + ([str(listed_note)] if isinstance(listed_note, str) else []))
    known = frame[frame["low"].notna()]
    alt_text = (f"Chart of {len(frame)} named political-prisoner groups: "
                + "; ".join(f"{r['group_name']} {r['size_text']}, {r['reach_text']}"
                            + "".join(f" — {release_text(x)}" for x in r["releases"])
                            for _, r in frame.iterrows())
                + f". Sizes are given for {len(known)} of them.")
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame.assign(members_released=[
                      "; ".join(map(release_text, r)) or None for r in frame["releases"]]),
                      GROUP_COLUMNS), lang=lang)
