"""The Sources & method page's own sentences, in the reader's language: how each qualifier is read,
the readings and verdicts of the checked claim, and what no source tells us.

The queries write these in English for the data files and the tests (queries/qualifier_readings.sql,
largest_previous_claim_check.sql, unknown_figures.sql) and give codes and bounds beside them; the
words here are the same English, message for message, and tests/test_i18n.py checks that they
agree row by row.
"""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import N_, Language
from amnesty.wording import QUALIFIER_WORDS, bounds_text

QUALIFIER_READINGS = {
    "exact": N_("The number as stated: low = high = value."),
    "at_least": N_("A lower bound: the true number is this or higher; no upper bound."),
    "more_than": N_("A lower bound: the true number is above this; no upper bound."),
    "nearly": N_("An upper bound: the true number is just under this; no lower bound is given."),
    "about": N_("An approximation: no bound either way."),
    "range": N_("Both bounds: the true number lies between low and high."),
    "at_most": N_("Derived upper bound: the true number is this or lower."),
    "unknown": N_("Derived from bounds that do not constrain it: no number can be given."),
}
CLAIM_READINGS = {
    1: N_("announced reach against reach"),
    2: N_("announced releases against releases"),
    3: N_("delivered reach so far against reach"),
    4: N_("delivered releases so far against releases"),
}
VERDICTS = {"supported": N_("supported"), "refuted": N_("refuted"),
            "not_settled": N_("not settled by the figures given")}
# What is unknown, by gap: (what, why).
GAPS = {
    "no_reach": (N_("Announced reach (affected or covered)"),
                 N_("No source gives how many people the act covered.")),
    "no_release": (N_("People actually released"),
                   N_("The sources give only what the act announced, not how many were released.")),
    "group_size": (N_("Size of the group"), N_("The source names the group but gives no count.")),
}


def qualifier_readings(lang: Language, frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        qualifier_text=[lang._(QUALIFIER_WORDS.get(q, q)) for q in frame["qualifier"]],
        reading=[lang._(QUALIFIER_READINGS[q]) if q in QUALIFIER_READINGS else r
                 for q, r in zip(frame["qualifier"], frame["reading"])],
        example_text=[bounds_text(lang, b) or t for b, t in zip(frame["example_bounds"], frame["example_text"])])


def claim_check(lang: Language, frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        reading=[lang._(CLAIM_READINGS[r]) if r in CLAIM_READINGS else text
                 for r, text in zip(frame["reading_rank"], frame["reading"])],
        verdict=[lang._(VERDICTS[v]) for v in frame["verdict_id"]],
        latest_text=[bounds_text(lang, b) for b in frame["latest_bounds"]],
        previous_text=[bounds_text(lang, b) for b in frame["previous_bounds"]],
        twice_previous_text=[bounds_text(lang, b) for b in frame["twice_previous_bounds"]])


def unknowns(lang: Language, frame: pd.DataFrame) -> pd.DataFrame:
    """What no source tells us. The derivation comes already worded in `lang` (webapp.rows)."""
    subjects, whats, whys = [], [], []
    for row in frame.itertuples():
        if row.gap == "derived_unknown":
            subjects.append(lang._(row.name))
            whats.append(lang._(row.measure_label))
            whys.append(lang._("Derived from {derivation}: the bounds do not constrain it.",
                               derivation=row.derivation))
            continue
        what, why = GAPS[row.gap]
        subjects.append(lang._("Political-prisoner group: {name}", name=lang._(row.name))
                        if row.gap == "group_size" else lang._(row.name))
        whats.append(lang._(what))
        whys.append(lang._(why))
    return frame.assign(subject=subjects, what_is_unknown=whats, why=whys)
