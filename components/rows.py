"""Turning a query's rows into the rows `bounded_bars_figure` draws: keys, labels, hover."""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import N_
from components.bounded_bars import hover_text


def _get(row, column):
    value = row.get(column)
    return None if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else value


def acts_left_out(frame: pd.DataFrame) -> str:
    """A note when the query drew only the most recent acts (see acts_total), else ''."""
    shown, total = frame["act_id"].nunique(), int(frame["acts_total"].iloc[0]) if len(frame) else 0
    if shown >= total:
        return ""
    return f"Showing the {shown} most recent of {total:,} acts; the Data page holds every act."


# A stage in a reader's words. Promises and forecasts say so in words as well as by their marks.
STAGE_WORDS = {"announced": N_("announced"), "adopted": N_("law as passed"),
               "interim": N_("interim count"), "final": N_("final count"), "reported": N_("reported"),
               "expected": N_("expected")}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def stage_suffix(stage) -> str:
    return f" ({STAGE_WORDS[stage]})" if stage in ("announced", "adopted", "expected") else ""


def date_text(iso) -> str:
    """'2026-02-08' -> '8 Feb 2026', '2026-02' -> 'Feb 2026', '2026' -> '2026': the precision the
    source gives, never more."""
    if not isinstance(iso, str) or not iso:
        return "date not given"
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def stage_and_date(stage, as_of) -> str:
    """'interim count, 8 Feb 2026': what kind of number it is and when it held."""
    if not isinstance(stage, str):
        return ""
    return f"{STAGE_WORDS.get(stage, stage)}, {date_text(as_of)}"


def hover_for(row) -> str:
    credits = row.get("credits")
    return hover_text(
        measure_label=_get(row, "measure_label"), value_text=_get(row, "value_text"),
        qualifier=_get(row, "qualifier") or "unknown", stage=_get(row, "stage"),
        as_of=_get(row, "as_of"), quote=_get(row, "quote"), derivation=_get(row, "derivation"),
        credits=list(credits) if credits is not None else [])


def bar_row(key: str, label: str, row, colour: str) -> dict:
    return {"row_key": key, "row_label": label, "low": _get(row, "low"), "high": _get(row, "high"),
            "stage": _get(row, "stage"), "colour": colour, "hover": hover_for(row),
            "heading": False}


def heading_row(key: str, label: str) -> dict:
    return {"row_key": key, "row_label": label, "low": None, "high": None, "stage": None,
            "colour": None, "hover": "", "heading": True}


def unit_title(unit: str, log_scale: bool = False) -> str:
    """Axis title from the measure's unit in measures.csv ('persons' -> 'Persons')."""
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


def quotes_and_sources(data: pd.DataFrame) -> list[str]:
    """What a chart's hover says for each row that quotes, derives or credits a source, as one
    plain line: 'Affected (2025–26 Amnesty Act): more than 20,000. “the proposal affects more than
    20,000 people” Sources: A; B.' The hover needs a mouse; these lines sit in the table beside the
    chart. (Most figures are cited by their sources alone, not quoted, since issue 12.)"""
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
        parts = [": ".join(filter(None, [what, value])) + "."]
        if quote:
            parts.append(f"“{quote}”")
        if derivation:
            parts.append(f"Derived: {derivation}.")
        if credits:
            parts.append(("Sources: " if ";" in credits else "Source: ") + credits + ".")
        lines.append(" ".join(parts))
    return lines
