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
# An act's kind and status, as the act pages show them (the SQL gives the code, '_' as ' ').
ACT_KIND_WORDS = {"amnesty act": N_("amnesty act"), "pardon decree": N_("pardon decree")}
STATUS_WORDS = {"implemented": N_("implemented"), "in implementation": N_("in implementation")}
# A source's language, named in the reader's language by Babel (az: "rus", ru: "русский").
# A source's qualifier in a reader's words (hovers, tables).
QUALIFIER_WORDS = {"exact": N_("exact"), "at_least": N_("at least"), "more_than": N_("more than"),
                   "nearly": N_("nearly"), "about": N_("about"), "range": N_("range"),
                   "at_most": N_("at most"), "unknown": N_("unknown")}

# Messages by (qualifier, approximate). "about" already hedges, and "unknown" has no number.
PHRASES = {
    ("exact", False): "{number}",  # the number alone, with no words: not a message
    ("exact", True): N_("approximately {number}"),
    ("at_least", False): N_("at least {number}"),
    ("at_least", True): N_("approximately at least {number}"),
    ("more_than", False): N_("more than {number}"),
    ("more_than", True): N_("approximately more than {number}"),
    ("nearly", False): N_("nearly {number}"),
    ("nearly", True): N_("approximately nearly {number}"),
    ("about", False): N_("about {number}"),
    ("range", False): N_("{low}–{high}"),
    ("range", True): N_("approximately {low}–{high}"),
    ("at_most", False): N_("at most {number}"),
    ("at_most", True): N_("approximately at most {number}"),
}


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
    number = _written_number(qualifier, value, low, high)
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


def _written_number(qualifier, value, low, high):
    """The one number figure_text writes for a qualifier other than a range."""
    return {"exact": _first(value, low), "at_least": _first(value, low), "at_most": high}.get(qualifier, value)


def _first(*values):
    return next((v for v in values if v is not None and not pd.isna(v)), None)


def bounds_count(bounds) -> int:
    """The count that a noun after bounds_text agrees with: the last number it writes (a range's
    high end), 0 where it writes none. Russian says "22 человека" but "25 человек"."""
    if not isinstance(bounds, dict):
        return 0
    qualifier = bounds["qualifier"]
    number = bounds["high"] if qualifier == "range" else _written_number(
        qualifier, bounds["value"], bounds["low"], bounds["high"])
    return 0 if number is None or pd.isna(number) else round(float(number))


def bounds_text(lang: Language, bounds) -> str | None:
    """figure_text for a query's bounds struct ({qualifier, value, low, high, unit, approximate}),
    or None where the query found no figure."""
    if not isinstance(bounds, dict):
        return None
    return figure_text(lang, bounds["qualifier"], bounds["value"], bounds["low"], bounds["high"],
                       bounds["unit"], bounds["approximate"])


# A source's kind in a reader's words, by (kind, AI-written, secondary): every combination, so new
# data never meets a kind without words. SQL's source_credits writes the English.
KIND_WORDS = {
    ("official", False, False): N_("official"),
    ("official", False, True): N_("secondary official"),
    ("official", True, False): N_("AI-written official"),
    ("official", True, True): N_("AI-written secondary official"),
    ("state_agency", False, False): N_("state agency"),
    ("state_agency", False, True): N_("secondary state agency"),
    ("state_agency", True, False): N_("AI-written state agency"),
    ("state_agency", True, True): N_("AI-written secondary state agency"),
    ("independent_agency", False, False): N_("independent agency"),
    ("independent_agency", False, True): N_("secondary independent agency"),
    ("independent_agency", True, False): N_("AI-written independent agency"),
    ("independent_agency", True, True): N_("AI-written secondary independent agency"),
    ("monitor", False, False): N_("monitor"),
    ("monitor", False, True): N_("secondary monitor"),
    ("monitor", True, False): N_("AI-written monitor"),
    ("monitor", True, True): N_("AI-written secondary monitor"),
    ("press", False, False): N_("press"),
    ("press", False, True): N_("secondary press"),
    ("press", True, False): N_("AI-written press"),
    ("press", True, True): N_("AI-written secondary press"),
}


def kind_text(lang: Language, kind: str, ai_written, secondary) -> str:
    key = (kind, bool(ai_written), bool(secondary))
    return lang._(KIND_WORDS[key]) if key in KIND_WORDS else kind.replace("_", " ")


def credit_text(lang: Language, short_name: str, kind: str, ai_written, secondary,
                reported_in_name=None) -> str:
    """'Trend News Agency (2026-01-26) — independent agency', as SQL's source_credits writes it in
    English. An official body's name is ours to translate; a publication keeps its own."""
    values = dict(name=lang._(short_name), kind=kind_text(lang, kind, ai_written, secondary))
    if isinstance(reported_in_name, str) and reported_in_name:
        return lang._("{name} — {kind}, as reported by {via}", via=lang._(reported_in_name), **values)
    return lang._("{name} — {kind}", **values)


def credit_words(lang: Language, sources: pd.DataFrame) -> dict[str, str]:
    """English credit and kind texts (as SQL writes them) -> the same in `lang`, from the rows of
    queries/source_credit_words.sql."""
    words = {}
    for row in sources.itertuples():
        words[row.credit_text] = credit_text(lang, row.short_name, row.kind, row.ai_written,
                                             row.secondary, row.reported_in_name)
        words[row.kind_text] = kind_text(lang, row.kind, row.ai_written, row.secondary)
    return words


def derivation_words(lang: Language, derivations: pd.DataFrame) -> dict[str, str]:
    """SQL's English derivations ('more than 16,000 − (1,023 + 368)') -> the same arithmetic with
    each input worded in `lang` ('более 16 000 − (1 023 + 368)'), from the rows of
    queries/derivation_words.sql. Each input's value_text appears in the English in the order of
    its bounds; the operators between them are symbols, the same in every language. A derivation
    whose inputs are not found in order stays as SQL wrote it (never a guess)."""
    words = {}
    for english, inputs in zip(derivations["derivation"], derivations["derivation_bounds"]):
        parts, cursor = [], 0
        for bounds in inputs if inputs is not None else []:
            at = english.find(bounds["value_text"], cursor)
            if at < 0:
                parts = None
                break
            parts += [english[cursor:at], bounds_text(lang, bounds)]
            cursor = at + len(bounds["value_text"])
        words[english] = "".join(parts) + english[cursor:] if parts is not None else english
    return words


def data_words(lang: Language, fetch) -> dict[str, str]:
    """Every English credit and kind of source SQL writes, mapped to `lang` (the same for every
    view, so worked out once per language). `fetch(name)` runs a query. Derivations are worded per
    view (derivations_in)."""
    if lang.code == "en":
        return {}
    return credit_words(lang, fetch("source_credit_words"))


def derivations_in(lang: Language, frame: pd.DataFrame, fetch) -> dict[str, str]:
    """The derivations `frame` shows, SQL's English -> `lang` (derivation_words), read for those
    alone: a view shows a few of them, and a million figures have 32,012 (issue 16).
    `fetch(name, **params)` runs a query."""
    texts = sorted({text for column in DERIVATION_COLUMNS if column in frame.columns
                    for text in frame[column] if isinstance(text, str)})
    if lang.code == "en" or not texts:
        return {}
    return derivation_words(lang, fetch("derivation_words", derivations=texts))


# Columns of our own words from the data (act titles, measure labels, and our longer notes),
# translated through the catalog like the code's messages (babel.cfg extracts them). A text the
# catalog does not hold (a source's own name, a note added since the last translation) stays as
# written.
WORD_COLUMNS = ("act_title", "act_label", "measure_label", "size_measure_label", "occasion",
                "previous_act_title", "source_name")
PROSE_COLUMNS = ("reliability_note", "locator", "note", "disagreement", "reading", "statement",
                 "group_name", "parent_group_name", "description")
BOUND_COLUMNS = {"qualifier", "value", "low", "high", "unit", "value_text"}


def option_text(lang: Language, facet: str, option_id: str, label: str) -> str:
    """A Data page filter's option in `lang`: stages and qualifiers from their ids, acts, measures
    and official bodies through the catalog, other sources by their own names."""
    if facet == "stage":
        return lang._(STAGE_WORDS.get(option_id, label))
    if facet == "qualifier":
        return lang._(QUALIFIER_WORDS.get(option_id, label))
    return lang._(label)


CREDIT_COLUMNS = ("credits", "source_names", "credit_text")
KIND_COLUMNS = ("kind_text", "source_kind_text", "attributed_kind_text")
DERIVATION_COLUMNS = ("derivation",)


def in_language(frame: pd.DataFrame, lang: Language, credits: dict[str, str] | None = None) -> pd.DataFrame:
    """A query's rows with our words in `lang`: `value_text` worded from the bounds, the data's
    own words translated, and credits and kinds of source through `credits` (credit_words).
    English rows are returned as they are (SQL wrote them)."""
    if lang.code == "en" or frame.empty:
        return frame
    changed = {}
    for column in (CREDIT_COLUMNS + KIND_COLUMNS + DERIVATION_COLUMNS if credits else ()):
        if column in frame.columns:
            changed[column] = [_mapped(v, credits) for v in frame[column]]
    if BOUND_COLUMNS <= set(frame.columns):
        approximate = frame["approximate"] if "approximate" in frame.columns else [False] * len(frame)
        changed["value_text"] = [
            lang._("not given") if q == "unknown" and text == "not given" else
            figure_text(lang, q, v, lo, hi, unit, bool(a) if a is not None and not pd.isna(a) else False)
            for q, v, lo, hi, unit, a, text in zip(frame["qualifier"], frame["value"], frame["low"],
                                                    frame["high"], frame["unit"], approximate,
                                                    frame["value_text"])]
    for column in WORD_COLUMNS + PROSE_COLUMNS:
        if column in frame.columns:
            changed[column] = [lang._(v) if isinstance(v, str) and v else v for v in frame[column]]
    if {"qualifier", "qualifier_text"} <= set(frame.columns):
        changed["qualifier_text"] = [lang._(QUALIFIER_WORDS[q]) if q in QUALIFIER_WORDS else t
                                     for q, t in zip(frame["qualifier"], frame["qualifier_text"])]
    return frame.assign(**changed)


def _mapped(value, words: dict[str, str]):
    """A text, or each text of a list, through `words`; anything else as it is."""
    if isinstance(value, str):
        return words.get(value, value)
    if value is not None and not isinstance(value, float) and hasattr(value, "__iter__"):
        return [words.get(v, v) if isinstance(v, str) else v for v in value]
    return value
