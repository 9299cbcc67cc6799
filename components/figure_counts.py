"""Charts about the dataset itself: where the numbers come from and how they are qualified."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import ENGLISH, Language
from amnesty.wording import KIND_WORDS, QUALIFIER_WORDS
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


def _capital(text: str) -> str:
    """A colour's name at the start of a sentence: 'indigo' -> 'Indigo'."""
    return text[:1].upper() + text[1:]


def _hover(what: str, count, lang: Language) -> str:
    """'<b>IHR</b><br>7 figures': the row's name (data, escaped) and its count."""
    return f"<b>{plotly_text(what)}</b><br>" + plotly_text(
        lang.n_("{n} figure", "{n} figures", int(count)))


def _source_label(row, lang: Language) -> str:
    """'IHR, citing Arif Yunusov': the source we read and whom it cites, as the query's row_label
    words it in English. An official body's name is ours to translate (as in its credit)."""
    source, cited = row["source_name"], row["attributed_name"]
    if not isinstance(source, str):
        return row["row_label"]
    if isinstance(cited, str):
        return lang._("{source}, citing {cited}", source=lang._(source), cited=lang._(cited))
    return lang._(source)


def figures_by_source_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    frame = frame.reset_index(drop=True)
    frame = frame.assign(row_label=[_source_label(r, lang) for _, r in frame.iterrows()])
    labels = [lang._("{source} ({kind}): {count}", source=r["row_label"], kind=r["source_kind_text"],
                     count=lang.number(r["figure_count"]))
              for _, r in frame.iterrows()]
    hovers = [_hover(r["row_label"], r["figure_count"], lang) for _, r in frame.iterrows()]
    rows = _count_rows(frame.assign(key=frame.index), "key", labels,
                       [KIND_COLOURS[k] for k in frame["source_kind"]], hovers)
    figure, plot_height, _ = bounded_bars_figure(
        rows, axis_title=unit_title(frame["unit"].iloc[0], lang=lang), lang=lang)
    top = frame.iloc[0]
    total = int(top["total_figures"])
    press = frame[frame["source_kind"] == "press"]
    if len(press["source_id"].unique()) == 1:
        title = lang.n_("{press} of {n} published figure comes from one AI-written press article",
                        "{press} of {n} published figures come from one AI-written press article",
                        total, press=lang.number(int(press["figure_count"].sum())))
    else:
        title = lang.n_("{source} supplies {count} of {n} figure",
                        "{source} supplies {count} of {n} figures", total,
                        source=top["row_label"], count=lang.number(top["figure_count"]))
    subtitle = lang._("Published figures by the source we read them in, and whom that source cites.")
    # Only the kinds drawn, one colour each ("state_agency": "state agency").
    notes = lang._("Colours: {colours} (the source we read).", colours=", ".join(
        lang._("{colour} {kind}", colour=lang._(colour_name(KIND_COLOURS[kind])),
               kind=lang._(KIND_WORDS[(kind, False, False)]) if (kind, False, False) in KIND_WORDS
               else kind.replace("_", " "))
        for kind in frame["source_kind"].drop_duplicates()))
    alt_text = lang._("Bar chart of published figures by source: {sources}.", sources="; ".join(labels))
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame, ["row_label", "source_kind_text", "attributed_kind_text",
                                     "figure_count"]), lang=lang)


def figures_by_qualifier_figure(frame: pd.DataFrame, lang: Language = ENGLISH) -> Chart:
    frame = frame.assign(qualifier_text=[
        lang._(QUALIFIER_WORDS[q]) if q in QUALIFIER_WORDS else text
        for q, text in zip(frame["qualifier"], frame["qualifier_text"])])
    labels = [lang._("{qualifier}: {count}", qualifier=r["qualifier_text"],
                     count=lang.number(r["figure_count"]))
              for _, r in frame.iterrows()]
    hovers = [_hover(r["qualifier_text"], r["figure_count"], lang) for _, r in frame.iterrows()]
    colours = [ROLE_COLOURS["exact" if exact else "bound"] for exact in frame["is_exact"]]
    rows = _count_rows(frame, "qualifier", labels, colours, hovers)
    figure, plot_height, _ = bounded_bars_figure(
        rows, axis_title=unit_title(frame["unit"].iloc[0], lang=lang), lang=lang)
    first = frame.iloc[0]
    title = lang.n_("{bounded} of {n} published number is a bound or a range, not an exact count",
                    "{bounded} of {n} published numbers are bounds or ranges, not exact counts",
                    int(first["total_figures"]), bounded=lang.number(first["bounded_figures"]))
    subtitle = lang._("Published figures by the qualifier the source puts on them.")
    notes = " ".join([
        lang._("{colour}: exact.", colour=_capital(lang._(colour_name(ROLE_COLOURS["exact"])))),
        lang._("{colour}: a bound or a range, which the charts draw with arrows or whiskers and "
               "never as an exact number.", colour=_capital(lang._(colour_name(ROLE_COLOURS["bound"]))))])
    alt_text = lang._("Bar chart of published figures by qualifier: {qualifiers}.",
                      qualifiers="; ".join(labels))
    return finish(figure, plot_height=plot_height, title=title, subtitle=subtitle, notes=notes,
                  source=source_line(frame["credits"], lang), alt_text=alt_text,
                  data=table(frame, ["qualifier_text", "figure_count"]), lang=lang)
