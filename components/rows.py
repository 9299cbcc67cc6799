"""Turning a query's rows into the rows `bounded_bars_figure` draws: keys, labels, hover."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import ENGLISH, N_, Language
from amnesty.wording import STAGE_WORDS
from components.bounded_bars import hover_text


def _get(row, column):
    value = row.get(column)
    return None if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else value


def acts_left_out(frame: pd.DataFrame, lang: Language = ENGLISH) -> str:
    """A note when the query drew only the most recent acts (see acts_total), else ''."""
    shown, total = frame["act_id"].nunique(), int(frame["acts_total"].iloc[0]) if len(frame) else 0
    if shown >= total:
        return ""
    return lang.n_("Showing the {shown} most recent of {n} act; the Data page holds every act.",
                   "Showing the {shown} most recent of {n} acts; the Data page holds every act.",
                   total, shown=lang.number(shown))


def stage_suffix(stage, lang: Language = ENGLISH) -> str:
    return f" ({lang._(STAGE_WORDS[stage])})" if stage in ("announced", "adopted", "expected") else ""


def date_text(iso, lang: Language = ENGLISH) -> str:
    """'2026-02-08' -> '8 Feb 2026', '2026-02' -> 'Feb 2026', '2026' -> '2026': the precision the
    source gives, never more (Language.date, in the reader's language)."""
    return lang.date(iso)


def stage_and_date(stage, as_of, lang: Language = ENGLISH) -> str:
    """'interim count, 8 Feb 2026': what kind of number it is and when it held."""
    if not isinstance(stage, str):
        return ""
    return lang._("{stage}, {date}", stage=lang._(STAGE_WORDS.get(stage, stage)), date=lang.date(as_of))


def hover_for(row, lang: Language = ENGLISH) -> str:
    credits = row.get("credits")
    return hover_text(
        measure_label=_get(row, "measure_label"), value_text=_get(row, "value_text"),
        qualifier=_get(row, "qualifier") or "unknown", stage=_get(row, "stage"),
        as_of=_get(row, "as_of"), quote=_get(row, "quote"), derivation=_get(row, "derivation"),
        credits=list(credits) if credits is not None else [], lang=lang)


def bar_row(key: str, label: str, row, colour: str, lang: Language = ENGLISH) -> dict:
    return {"row_key": key, "row_label": label, "low": _get(row, "low"), "high": _get(row, "high"),
            "stage": _get(row, "stage"), "colour": colour, "hover": hover_for(row, lang),
            "heading": False}


def heading_row(key: str, label: str) -> dict:
    return {"row_key": key, "row_label": label, "low": None, "high": None, "stage": None,
            "colour": None, "hover": "", "heading": True}


UNIT_TITLES = {"persons": N_("Persons"), "groups": N_("Groups"), "percent": N_("Percent"),
               "figures": N_("Figures")}
LOG_UNIT_TITLES = {"persons": N_("Persons (log scale)"), "groups": N_("Groups (log scale)"),
                   "percent": N_("Percent (log scale)"), "figures": N_("Figures (log scale)")}


def unit_title(unit: str, log_scale: bool = False, lang: Language = ENGLISH) -> str:
    """Axis title from the measure's unit in measures.csv ('persons' -> 'Persons'); a unit we have
    no words for is shown as the data gives it."""
    titles = LOG_UNIT_TITLES if log_scale else UNIT_TITLES
    if unit in titles:
        return lang._(titles[unit])
    return unit[:1].upper() + unit[1:] + (" (log scale)" if log_scale else "")


def table(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows a chart draws, as a reader's table: the chosen columns that exist, lists joined."""
    out = frame[[c for c in columns if c in frame.columns]].copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
            out[column] = out[column].map(
                lambda v: "; ".join(map(str, list(v))) if v is not None and not isinstance(v, str)
                and hasattr(v, "__iter__") else v)
    return out


def _text(row, column) -> str | None:
    value = row.get(column)
    return value if isinstance(value, str) and value.strip() else None


def quote_lines(data: pd.DataFrame, lang: Language = ENGLISH) -> list[tuple]:
    """What a chart's hover says for each row that quotes, derives or credits a source, as one
    plain line in parts: 'Affected (2025–26 Amnesty Act): more than 20,000. ', then the quote with
    its language ("“the proposal affects more than 20,000 people”", "en"), then 'Sources: A; B.'.
    The hover needs a mouse; these lines sit in the table beside the chart, the quote marked with
    the language of its source (components.text.marked_html). (Most figures are cited by their
    sources alone, not quoted, since issue 12.)"""
    lines = []
    for row in data.to_dict("records"):
        quote, derivation, credits = (_text(row, c) for c in ("quote", "derivation", "credits"))
        if not (quote or derivation or credits):
            continue
        what = _text(row, "measure_label") or _text(row, "group_name") or ""
        if _text(row, "act_title"):
            what = f"{what} ({row['act_title']})"
        value = ", ".join(filter(None, [_text(row, "value_text") or _text(row, "size_text"),
                                        _text(row, "reach_text")]))
        parts: list = [": ".join(filter(None, [what, value])) + "."]
        if quote:
            parts += [" ", (f"“{quote}”", _text(row, "quote_language"))]
        if derivation:
            parts.append(" " + lang._("Derived: {derivation}.", derivation=derivation))
        if credits:
            parts.append(" " + (lang._("Sources: {sources}.", sources=credits) if ";" in credits
                                else lang._("Source: {source}.", source=credits)))
        lines.append(tuple(parts))
    return lines


def line_text(parts) -> str:
    """One of quote_lines' lines as plain text."""
    return "".join(part[0] if isinstance(part, tuple) else part for part in parts)


def quotes_and_sources(data: pd.DataFrame, lang: Language = ENGLISH) -> list[str]:
    """quote_lines as plain text, one string per line."""
    return [line_text(parts) for parts in quote_lines(data, lang)]
