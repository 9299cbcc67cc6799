"""The cross-row rules a schema cannot express, and reporting every problem at once.

(One test per schema problem class, run through the CLI, lives in test_bad_input.py.)
"""
import csv
import shutil

import pytest

from amnesty.paths import DATA_DIR
from amnesty.validate import validate


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_row(data_dir, file, figure_id, **changes):
    path = data_dir / file
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    key = next(iter(rows[0]))
    for row_number, row in enumerate(rows, start=2):
        if row[key] == figure_id:
            row.update(changes)
            break
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, rows[0].keys(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return row_number


def messages(data_dir):
    return [str(p) for p in validate(data_dir)]


def test_a_lower_bound_must_match_its_qualifier(data_copy):
    row = edit_row(data_copy, "figures.csv", "amnesty-2025-26.affected", low="")
    assert messages(data_copy) == [
        f"figures.csv row {row}, column low: should be 20000 for qualifier 'more_than' and value 20000"]


def test_nearly_sets_an_upper_bound_only(data_copy):
    row = edit_row(data_copy, "figures.csv", "amnesty-2025-26.political_prisoners_estimated", low="400")
    assert messages(data_copy) == [
        f"figures.csv row {row}, column low: should be empty for qualifier 'nearly' and value 400"]


def test_a_range_has_bounds_and_no_single_value(data_copy):
    row = edit_row(data_copy, "figures.csv", "amnesty-2025-26.political_prisoners_expected_release", value="27")
    assert messages(data_copy) == [f"figures.csv row {row}, column value: a range has no single value; leave value empty"]


def test_derived_measures_cannot_be_typed_in(data_copy):
    row = edit_row(data_copy, "figures.csv", "pardon-2016.released", measure_id="release_rate")
    assert f"figures.csv row {row}, column measure_id: 'release_rate' is derived by the build; it must not be typed in" \
        in messages(data_copy)


def test_an_act_has_one_scope_figure_per_stage(data_copy):
    row = edit_row(data_copy, "figures.csv", "amnesty-2021.released.2021-12-01", measure_id="affected",
                   stage="announced", as_of="2021-11-03")
    assert any(m.startswith(f"figures.csv row {row}, column measure_id: a second scope figure for amnesty-2021")
               for m in messages(data_copy))


def test_every_problem_is_reported_at_once(data_copy):
    first = edit_row(data_copy, "figures.csv", "pardon-2016.released", value="14x8")
    second = edit_row(data_copy, "acts.csv", "amnesty-2021", kind="law")
    found = messages(data_copy)
    assert f"figures.csv row {first}, column value: '14x8' is not a number" in found
    assert f"acts.csv row {second}, column kind: 'law' is not one of: amnesty_act, pardon_decree" in found


# ---- provenance and the life of a figure (issue 12) ----

def test_a_figure_from_a_non_seed_source_needs_a_locator_and_no_copied_text(data_copy):
    row = edit_row(data_copy, "figures.csv", "amnesty-2025-26.affected.2026-02-08", locator="",
                   quote="Copied words")
    assert messages(data_copy) == [
        f"figures.csv row {row}, column quote: must be empty: we hold no copy of "
        "'report-2026-02-09-az-15119' and never copy its text; use locator",
        f"figures.csv row {row}, column locator: required: where in 'report-2026-02-09-az-15119' this "
        "stands, in our own words"]


def test_a_seed_figure_needs_its_quote(data_copy):
    row = edit_row(data_copy, "figures.csv", "pardon-2016.released", quote="")
    assert messages(data_copy) == [
        f"figures.csv row {row}, column quote: required: the verbatim words of 'press-kowalski-2025-12', "
        "whose text is in data/snapshots/press-kowalski-2025-12.txt"]


def test_a_source_we_read_needs_its_address(data_copy):
    row = edit_row(data_copy, "sources.csv", "report-2026-02-09-az-15119", url="")
    assert f"sources.csv row {row}, column url: required: a source we read ourselves needs its address" \
        in messages(data_copy)


def test_a_count_of_what_an_act_delivered_cannot_predate_the_act(data_copy):
    row = edit_row(data_copy, "figures.csv", "amnesty-2025-26.affected.2026-01-07", stage="final",
                   as_of="2025-12-01")
    assert f"figures.csv row {row}, column as_of: a final count dated 2025-12-01, before amnesty-2025-26 " \
           "became law (2025-12-19)" in messages(data_copy)


def test_a_final_count_cannot_predate_an_interim_one(data_copy):
    row = edit_row(data_copy, "figures.csv", "amnesty-2025-26.affected.2026-01-07", stage="final")
    assert f"figures.csv row {row}, column stage: a final count dated 2026-01-07, before an interim count " \
           "of the same measure (2026-02-19)" in messages(data_copy)


def test_a_disagreement_needs_a_second_source(data_copy):
    row = edit_row(data_copy, "figures.csv", "pardon-2016.prisoners_of_conscience_released",
                   disagreement="Sources differ")
    assert messages(data_copy) == [
        f"figures.csv row {row}, column disagreement: a disagreement needs a second source: add the "
        "other side to figure_sources.csv"]
