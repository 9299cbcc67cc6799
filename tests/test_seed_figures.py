"""Every number in the two seed articles is in the database, qualified as the text words it.

The expected table is written from a reading of data/snapshots/, not generated from figures.csv,
so a typo or a lost qualifier in the data fails here.
"""
import re
from pathlib import Path

import pytest

from amnesty.db import connect
from amnesty.paths import ROOT

# (act_id, measure_id, stage, value, qualifier, low, high, as_of)
SEED_FIGURES = {
    ("pardon-2016", "released", "reported", 148, "exact", 148, 148, "2016"),
    ("amnesty-2021", "affected", "reported", 16000, "at_least", 16000, None, "2021"),
    ("amnesty-2021", "released_from_correctional_institutions", "reported", 1023, "exact", 1023, 1023, "2021"),
    ("amnesty-2021", "released_from_closed_type_institutions", "reported", 368, "exact", 368, 368, "2021"),
    ("amnesty-2021", "sentence_replaced_with_probation", "reported", 359, "exact", 359, 359, "2021"),
    ("pardon-2023-05", "covered_by_pardon", "reported", 801, "exact", 801, 801, "2023-05"),
    ("pardon-2023-05", "released_from_imprisonment", "reported", 463, "exact", 463, 463, "2023-05"),
    ("pardon-2025-05", "remainder_of_sentence_waived", "reported", 175, "exact", 175, 175, "2025-05"),
    ("amnesty-2025-26", "affected", "announced", 20000, "more_than", 20000, None, "2025-12-15"),
    ("amnesty-2025-26", "released_outright", "announced", 5000, "more_than", 5000, None, "2025-12-15"),
    ("amnesty-2025-26", "sentence_reduced", "announced", 3000, "more_than", 3000, None, "2025-12-15"),
    ("amnesty-2025-26", "released_from_restriction_of_liberty", "announced", 7000, "more_than", 7000, None, "2025-12-15"),
    ("amnesty-2025-26", "released_from_other_non_custodial", "announced", 4000, "nearly", None, 4000, "2025-12-15"),
    ("amnesty-2025-26", "freed_from_criminal_liability", "announced", 1000, "more_than", 1000, None, "2025-12-15"),
    ("amnesty-2025-26", "political_prisoners_listed", "reported", 392, "exact", 392, 392, "2025-10-07"),
    ("amnesty-2025-26", "political_prisoners_estimated", "reported", 400, "nearly", None, 400, "2026-01-01"),
    ("amnesty-2025-26", "political_prisoner_groups_listed", "reported", 12, "exact", 12, 12, "2025-10-07"),
    ("amnesty-2025-26", "religious_believers_listed", "reported", 249, "exact", 249, 249, "2025-10-07"),
    ("amnesty-2025-26", "religious_believers_share_of_list", "reported", 64, "exact", 64, 64, "2025-10-07"),
    ("amnesty-2025-26", "political_prisoner_groups_reached", "reported", 1, "exact", 1, 1, "2026-01-01"),
    ("amnesty-2025-26", "political_prisoners_released", "reported", 36, "exact", 36, 36, "2026-01-01"),
    ("amnesty-2025-26", "political_prisoners_expected_release", "expected", None, "range", 25, 30, "2026-01-01"),
}

# The derived figures, worked by hand from the seed figures above.
DERIVED_FIGURES = {
    ("amnesty-2021.released_total", "exact", "1,391"),
    ("amnesty-2021.not_broken_down", "at_least", "at least 14,250"),
    ("amnesty-2021.release_rate", "at_most", "at most 8.7%"),
    ("pardon-2023-05.not_broken_down", "exact", "338"),
    ("pardon-2023-05.release_rate", "exact", "57.8%"),
    ("amnesty-2025-26.not_broken_down", "unknown", "unknown"),
    ("amnesty-2025-26.release_rate", "unknown", "unknown"),
    ("amnesty-2025-26.political_prisoners_released_expected_total", "range", "61–66"),
    ("amnesty-2025-26.believers_share_of_list", "exact", "63.5%"),
    ("amnesty-2025-26.coverage_share_of_list", "exact", "9.2%"),
    ("amnesty-2025-26.expected_coverage_share_of_list", "range", "15.6%–16.8%"),
    ("amnesty-2025-26.coverage_share_of_believers", "exact", "14.5%"),
    ("amnesty-2025-26.expected_coverage_share_of_believers", "range", "24.5%–26.5%"),
    ("amnesty-2025-26.groups_reached_share", "exact", "8.3%"),
}


@pytest.fixture(scope="module")
def con(built_db):
    with connect(built_db) as connection:
        yield connection


def _plain(number):
    return None if number is None else (int(number) if float(number).is_integer() else number)


def test_every_seed_figure_is_published_with_its_qualifier(con):
    rows = con.execute(
        "select act_id, measure_id, stage, value, qualifier, low, high, as_of from published_figures").fetchall()
    actual = {(a, m, s, _plain(v), q, _plain(lo), _plain(hi), d) for a, m, s, v, q, lo, hi, d in rows}
    assert actual == SEED_FIGURES


def test_derived_figures_carry_their_bounds(con):
    rows = con.execute("select figure_id, qualifier, value_text from derived_figures").fetchall()
    assert set(rows) == DERIVED_FIGURES


def test_figure_ids_are_unique_across_published_and_derived(con):
    total, distinct = con.execute("select count(*), count(distinct figure_id) from all_figures").fetchone()
    assert total == distinct


def test_every_act_is_in_the_database(con):
    acts = con.execute("select act_id, kind, year from acts order by act_date").fetchall()
    assert acts == [
        ("pardon-2016", "pardon_decree", 2016),
        ("amnesty-2021", "amnesty_act", 2021),
        ("pardon-2023-05", "pardon_decree", 2023),
        ("pardon-2025-05", "pardon_decree", 2025),
        ("amnesty-2025-26", "amnesty_act", 2025),
    ]


def test_group_sizes_no_source_gives_stay_unknown(con):
    sizes = dict(con.execute("""
        select g.group_id, f.value from prisoner_groups g
        left join figures f on f.figure_id = g.size_figure_id""").fetchall())
    assert sizes.pop("religious-believers") == 249
    assert sizes and all(size is None for size in sizes.values())


def _normalised(text):
    return re.sub(r"\s+", " ", text)


def test_every_quote_is_verbatim_in_its_source_snapshot(con):
    rows = con.execute("""
        select 'figures', figure_id, quote, snapshot from figures join sources using (source_id)
        union all select 'acts', act_id, quote, snapshot from acts join sources using (source_id)
        union all select 'prisoner_groups', group_id, quote, snapshot from prisoner_groups join sources using (source_id)
    """).fetchall()
    missing = [(table, row_id) for table, row_id, quote, snapshot in rows
               if _normalised(quote) not in _normalised(Path(ROOT, snapshot).read_text(encoding="utf-8"))]
    assert missing == []


def test_every_quote_states_its_number(con):
    # A typo in value (1032 for 1,023) would survive every other check.
    words = {1: "one", 12: "12"}
    rows = con.execute("select figure_id, value, low, high, quote from figures").fetchall()
    for figure_id, value, low, high, quote in rows:
        for number in {n for n in (value, low, high) if n is not None}:
            assert f"{int(number):,}" in quote or words.get(int(number), "\0") in quote, figure_id
