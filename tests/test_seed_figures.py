"""Every number in the two seed articles is in the database, qualified as the text words it.

The expected table is written from a reading of data/snapshots/, not generated from figures.csv,
so a typo or a lost qualifier in the data fails here.
"""
import re
from pathlib import Path

import pytest

from amnesty.db import connect
from amnesty.paths import ROOT

# (act_id, measure_id, value, qualifier, low, high) as the seed articles word each number. Where a
# better source reads a number differently (the ministry's "settlement-type" for the article's
# "closed-type"), the figure follows that source and the seed's own reading is kept beside it.
SEED_FIGURES = {
    ("pardon-2016", "released", 148, "exact", 148, 148),
    ("amnesty-2021", "prisoners_affected", 16000, "at_least", 16000, None),
    ("amnesty-2021", "released_from_correctional_institutions", 1023, "exact", 1023, 1023),
    ("amnesty-2021", "released_from_settlement_type_institutions", 368, "exact", 368, 368),
    ("amnesty-2021", "sent_for_treatment", 359, "exact", 359, 359),
    ("pardon-2023-05", "covered_by_pardon", 801, "exact", 801, 801),
    ("pardon-2023-05", "released_from_imprisonment", 463, "exact", 463, 463),
    ("pardon-2025-05", "remainder_of_sentence_waived", 175, "exact", 175, 175),
    ("amnesty-2025-26", "affected", 20000, "more_than", 20000, None),
    ("amnesty-2025-26", "released_outright", 5000, "more_than", 5000, None),
    ("amnesty-2025-26", "sentence_reduced", 3000, "more_than", 3000, None),
    ("amnesty-2025-26", "released_from_restriction_of_liberty", 7000, "more_than", 7000, None),
    ("amnesty-2025-26", "released_from_other_non_custodial", 4000, "nearly", None, 4000),
    ("amnesty-2025-26", "freed_from_criminal_liability", 1000, "more_than", 1000, None),
    ("amnesty-2025-26", "political_prisoners_listed", 392, "exact", 392, 392),
    ("amnesty-2025-26", "political_prisoners_estimated", 400, "nearly", None, 400),
    ("amnesty-2025-26", "political_prisoner_groups_listed", 12, "exact", 12, 12),
    ("amnesty-2025-26", "religious_believers_listed", 249, "exact", 249, 249),
    ("amnesty-2025-26", "religious_believers_share_of_list", 64, "exact", 64, 64),
    ("amnesty-2025-26", "political_prisoner_groups_reached", 1, "exact", 1, 1),
    ("amnesty-2025-26", "political_prisoners_released", 36, "exact", 36, 36),
    ("amnesty-2025-26", "political_prisoners_expected_release", None, "range", 25, 30),
}
SEEDS = ("press-kowalski-2025-12", "ihr-2026-01-01")

# The derived figures, worked by hand from the published figures (see the arithmetic in each row's
# derivation): bounds and "approximately" carried through.
DERIVED_FIGURES = {
    ("amnesty-2021.released_total", "exact", "1,391"),
    ("amnesty-2021.not_broken_down.2021-11-03", "unknown", "unknown"),
    ("amnesty-2021.not_broken_down.2022-03-16", "exact", "62"),
    ("amnesty-2021.release_rate.2021-11-03", "unknown", "unknown"),
    ("amnesty-2021.release_rate.2022-03-16", "exact", "15.7%"),
    ("pardon-2023-05.not_broken_down", "exact", "0"),
    ("pardon-2023-05.release_rate", "exact", "57.8%"),
    ("pardon-2025-05.not_broken_down", "exact", "20"),
    ("pardon-2025-05.release_rate", "exact", "79.5%"),
    ("amnesty-2025-26.not_broken_down.2025-12-15", "unknown", "unknown"),
    ("amnesty-2025-26.not_broken_down.2026-01-07", "exact", "0"),
    ("amnesty-2025-26.not_broken_down.2026-01-26", "exact", "0"),
    ("amnesty-2025-26.not_broken_down.2026-02-08", "exact", "0"),
    ("amnesty-2025-26.not_broken_down.2026-02-19", "exact", "3,502"),
    ("amnesty-2025-26.release_rate.2025-12-15", "unknown", "unknown"),
    ("amnesty-2025-26.release_rate.2026-01-07", "exact", "46.8%"),
    ("amnesty-2025-26.release_rate.2026-01-26", "exact", "40.3%"),
    ("amnesty-2025-26.release_rate.2026-02-08", "exact", "34.0%"),
    ("amnesty-2025-26.release_rate.2026-02-19", "exact", "30.7%"),
    ("amnesty-2025-26.political_prisoners_released_expected_total", "range", "approximately 61–66"),
    ("amnesty-2025-26.believers_share_of_list", "exact", "63.5%"),
    ("amnesty-2025-26.coverage_share_of_list.2026-01-01", "exact", "9.2%"),
    ("amnesty-2025-26.coverage_share_of_list.2026-01-05", "exact", "13.3%"),
    ("amnesty-2025-26.expected_coverage_share_of_list", "range", "approximately 15.6%–16.8%"),
    ("amnesty-2025-26.coverage_share_of_believers.2026-01-01", "exact", "14.5%"),
    ("amnesty-2025-26.coverage_share_of_believers.2026-01-05", "exact", "20.9%"),
    ("amnesty-2025-26.expected_coverage_share_of_believers", "range", "approximately 24.5%–26.5%"),
    ("amnesty-2025-26.groups_reached_share", "exact", "8.3%"),
}


@pytest.fixture(scope="module")
def con(built_db):
    with connect(built_db) as connection:
        yield connection


def _plain(number):
    return None if number is None else (int(number) if float(number).is_integer() else number)


def test_every_seed_figure_is_there_with_its_words_or_a_reading_beside_it(con):
    """Each seed number is a figure that cites the seed; where the figure's qualifier is not the
    seed's, the seed's own reading and the disagreement are recorded with it."""
    rows = con.execute("""
        select f.act_id, f.measure_id, f.value, f.qualifier, f.low, f.high,
            coalesce(fs.reading, '') as seed_reading, f.disagreement
        from published_figures as f
        left join figure_sources as fs on fs.figure_id = f.figure_id and fs.source_id in ?
        where f.source_id in ? or fs.source_id is not null""", [list(SEEDS), list(SEEDS)]).fetchall()
    found = {}
    for act, measure, value, qualifier, low, high, reading, disagreement in rows:
        found[(act, measure, _plain(value) if value is not None else None)] = (
            qualifier, _plain(low), _plain(high), reading, disagreement)
    for act, measure, value, qualifier, low, high in SEED_FIGURES:
        key = (act, measure, value if value is not None else None)
        assert key in found, key
        got_qualifier, got_low, got_high, reading, disagreement = found[key]
        if (got_qualifier, got_low, got_high) != (qualifier, low, high):
            assert reading and disagreement, (key, "the seed's words differ but no reading is recorded")


def test_derived_figures_carry_their_bounds(con):
    rows = con.execute("select figure_id, qualifier, value_text from derived_figures").fetchall()
    assert set(rows) == DERIVED_FIGURES


def test_figure_ids_are_unique_across_published_and_derived(con):
    total, distinct = con.execute("select count(*), count(distinct figure_id) from all_figures").fetchone()
    assert total == distinct


def test_every_act_is_in_the_database(con):
    acts = con.execute("select act_id, kind, year from acts order by act_date").fetchall()
    assert [a[0] for a in acts]
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
        select 'figures', figure_id, quote, snapshot from figures join sources using (source_id) where quote is not null
        union all select 'figure_sources', figure_id, quote, snapshot from figure_sources join sources using (source_id)
            where quote is not null
        union all select 'acts', act_id, quote, snapshot from acts join sources using (source_id)
        union all select 'prisoner_groups', group_id, quote, snapshot from prisoner_groups join sources using (source_id)
        union all select 'act_events', act_id, quote, snapshot from act_events join sources using (source_id)
            where quote is not null
        union all select 'statements', statement_id, quote, snapshot from statements join sources using (source_id)
            where quote is not null
    """).fetchall()
    missing = [(table, row_id) for table, row_id, quote, snapshot in rows
               if _normalised(quote) not in _normalised(Path(ROOT, snapshot).read_text(encoding="utf-8"))]
    assert missing == []


def test_every_quote_states_its_number(con):
    # A typo in value (1032 for 1,023) would survive every other check.
    words = {1: "one", 12: "12"}
    rows = con.execute("""
        select figure_id, value, low, high, quote from figures where quote is not null
        union all
        select f.figure_id, f.value, f.low, f.high, fs.quote from figure_sources as fs join figures as f using (figure_id)
        where fs.quote is not null""").fetchall()
    for figure_id, value, low, high, quote in rows:
        for number in {n for n in (value, low, high) if n is not None}:
            assert f"{int(number):,}" in quote or words.get(int(number), "\0") in quote, figure_id


def test_every_other_source_is_cited_by_address_date_and_locator(con):
    """No article text is copied: a figure from any source but the two seeds carries that source's
    URL and publication date, and a locator in our words."""
    rows = con.execute("""
        select figure_id, source_id, s.url, s.published, x.locator, x.quote from (
            select figure_id, source_id, locator, quote from figures
            union all select figure_id, source_id, locator, quote from figure_sources) as x
        join sources as s using (source_id)
        where s.snapshot is null and s.reported_in is null""").fetchall()
    assert rows
    for figure_id, source_id, url, published, locator, quote in rows:
        assert url and url.startswith("http"), (figure_id, source_id)
        assert published, (figure_id, source_id)
        assert locator, (figure_id, source_id)
        assert quote is None, (figure_id, source_id)


def test_the_2025_26_act_has_its_implementation_counts(con):
    counts = con.execute("""
        select as_of, value, attributed_to from published_figures
        where act_id = 'amnesty-2025-26' and measure_id = 'affected' and stage = 'interim'
        order by as_of""").fetchall()
    assert len(counts) >= 3
    assert [c[0] for c in counts] == sorted(c[0] for c in counts)
    # each later count is larger: the act kept being applied
    assert all(a[1] < b[1] for a, b in zip(counts, counts[1:]))
    assert all(c[2] for c in counts)
