"""A bounded number in a reader's words, in any of our languages: "more than 20,000",
"20.000-dən çox", "более 20 000".

Each bound type, with and without the source's hedge, is one whole message, so a translator
phrases it as a whole ("approximately 25–30", not "approximately" glued to "25–30"). The numbers are
formatted by Babel for the language. SQL's figure_text (queries/views/010_bound_macros.sql) writes
the English `value_text` that the data files carry; tests/test_i18n.py checks that the English here
is word for word the same for every figure.
"""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import N_, Language

# A stage in a reader's words. Promises and forecasts say so in words as well as by their marks.
STAGE_WORDS = {"announced": N_("announced"), "adopted": N_("law as passed"),
               "interim": N_("interim count"), "final": N_("final count"), "reported": N_("reported"),
               "expected": N_("expected")}
# A source's qualifier in a reader's words (hovers, tables).
QUALIFIER_WORDS = {"exact": N_("exact"), "at_least": N_("at least"), "more_than": N_("more than"),
                   "nearly": N_("nearly"), "about": N_("about"), "range": N_("range"),
                   "at_most": N_("at most"), "unknown": N_("unknown")}

# Messages by (qualifier, approximate). "about" already hedges, and "unknown" has no number.
PHRASES = {
    ("exact", False): "{number}",
    ("exact", True): "approximately {number}",
    ("at_least", False): "at least {number}",
    ("at_least", True): "approximately at least {number}",
    ("more_than", False): "more than {number}",
    ("more_than", True): "approximately more than {number}",
    ("nearly", False): "nearly {number}",
    ("nearly", True): "approximately nearly {number}",
    ("about", False): "about {number}",
    ("range", False): "{low}–{high}",
    ("range", True): "approximately {low}–{high}",
    ("at_most", False): "at most {number}",
    ("at_most", True): "approximately at most {number}",
}


def _marked(lang: Language) -> None:
    """The phrases above, spelled out for `pybabel extract`, which finds only literal calls."""
    lang._("approximately {number}")
    lang._("at least {number}")
    lang._("approximately at least {number}")
    lang._("more than {number}")
    lang._("approximately more than {number}")
    lang._("nearly {number}")
    lang._("approximately nearly {number}")
    lang._("about {number}")
    lang._("{low}–{high}")
    lang._("approximately {low}–{high}")
    lang._("at most {number}")
    lang._("approximately at most {number}")
    lang._("unknown")


def amount_text(lang: Language, amount, unit: str) -> str:
    """A share to one decimal, or whole as the source prints it; a count as a whole number."""
    return lang.percent(amount) if unit == "percent" else lang.number(round(float(amount)))


# Azerbaijani's ablative suffix ("from", as in "20.000-dən çox", more than 20,000) follows the
# vowel of the number's last spoken word: back vowels (a, ı, o, u) take -dan, front ones -dən.
_AZ_BACK_UNITS = {6, 9}  # altı, doqquz; bir iki üç dörd beş yeddi səkkiz are front
_AZ_BACK_TENS = {1, 3, 4, 6, 9}  # on otuz qırx altmış doxsan; iyirmi əlli yetmiş səksən are front


def az_ablative(number: int) -> str:
    """The ablative suffix for a whole number in Azerbaijani: '-dan' or '-dən'."""
    n = abs(int(number))
    if n == 0:
        return "-dan"  # sıfır
    for scale, back in ((10**9, True), (10**6, True), (1000, False), (100, False)):
        # milyard, milyon, min, yüz: the last word when every lower digit is zero
        if n % scale == 0:
            return "-dan" if back else "-dən"
    units, tens = n % 10, n // 10 % 10
    if units:
        return "-dan" if units in _AZ_BACK_UNITS else "-dən"
    return "-dan" if tens in _AZ_BACK_TENS else "-dən"


def figure_text(lang: Language, qualifier, value, low, high, unit: str, approximate=False) -> str:
    """The words a reader sees for a figure, from its bounds (a NULL low is 0, a NULL high is
    none) and the source's qualifier, as SQL's figure_text and hedged_text write them in English.
    Azerbaijani translations may use {number_from} and {low_from} for the ablative form."""
    approximate = bool(approximate) and qualifier not in ("about", "unknown")
    if qualifier == "unknown" or (qualifier, approximate) not in PHRASES:
        return lang._("unknown")
    number = {"exact": _first(value, low), "at_least": _first(value, low), "at_most": high}.get(
        qualifier, value)
    values = {}
    if qualifier == "range":
        values = {"low": amount_text(lang, low, unit), "high": amount_text(lang, high, unit)}
    elif number is not None and not pd.isna(number):
        values = {"number": amount_text(lang, number, unit)}
        # A share is read "... faiz", so it takes -dən whatever its digits.
        values["number_from"] = values["number"] + (
            "-dən" if unit == "percent" else az_ablative(round(float(number))))
    else:
        return lang._("unknown")
    if (qualifier, approximate) == ("exact", False):
        return values["number"]
    return lang._(PHRASES[(qualifier, approximate)], **values)


def _first(*values):
    return next((v for v in values if v is not None and not pd.isna(v)), None)


def bounds_text(lang: Language, bounds) -> str | None:
    """figure_text for a query's bounds struct ({qualifier, value, low, high, unit, approximate}),
    or None where the query found no figure."""
    if not isinstance(bounds, dict):
        return None
    return figure_text(lang, bounds["qualifier"], bounds["value"], bounds["low"], bounds["high"],
                       bounds["unit"], bounds["approximate"])


# Columns of our own words from the data (act titles, measure labels), translated through the
# catalog like the code's messages (babel.cfg extracts them).
WORD_COLUMNS = ("act_title", "act_label", "measure_label", "size_measure_label")
BOUND_COLUMNS = {"qualifier", "value", "low", "high", "unit", "value_text"}


def in_language(frame: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """A query's rows with our words in `lang`: `value_text` worded from the bounds, and the data's
    own words translated. English rows are returned as they are (SQL wrote them)."""
    if lang.code == "en" or frame.empty:
        return frame
    changed = {}
    if BOUND_COLUMNS <= set(frame.columns):
        approximate = frame["approximate"] if "approximate" in frame.columns else [False] * len(frame)
        changed["value_text"] = [
            lang._("not given") if q == "unknown" and text == "not given" else
            figure_text(lang, q, v, lo, hi, unit, bool(a) if a is not None and not pd.isna(a) else False)
            for q, v, lo, hi, unit, a, text in zip(frame["qualifier"], frame["value"], frame["low"],
                                                    frame["high"], frame["unit"], approximate,
                                                    frame["value_text"])]
    for column in WORD_COLUMNS:
        if column in frame.columns:
            changed[column] = [lang._(v) if isinstance(v, str) and v else v for v in frame[column]]
    return frame.assign(**changed)
