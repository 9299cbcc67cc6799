"""Valid but odd data never crashes a page (issue 13, robust serving).

The database is built from a copy of data/ with one more act that the repository's acts.csv does
not hold: it has a single figure (a release count, no scope figure, no announcement), no steps of
its own, no breakdown and no political-prisoner list; and it is the most recent act, so every page
that shows "the latest act" shows it. Every page runs (AppTest) without an exception, and the
per-act charts are found for it (the registry reads the database's acts, not data/acts.csv).
"""
from __future__ import annotations

import csv

import pytest

from amnesty.build import build
from amnesty.db import connect
from amnesty.figures import build_chart, figure_names
from amnesty.paths import ROOT
from app_runner import app_serving
from hostile_data import copy_data

ODD_ACT = "pardon-2026-odd"
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py"))


def add_row(path, row: dict) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, header, lineterminator="\n").writerow(row)


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd")
    data = copy_data(folder / "data")
    add_row(data / "acts.csv", dict(act_id=ODD_ACT, label="2026 odd", title="An act with one figure",
                                    kind="pardon_decree", year="2026", act_date="2026-10-01",
                                    act_date_event="decree", status="implemented",
                                    status_as_of="2026-10-01", source_id="press-kowalski-2025-12",
                                    # an act is dated from a seed; any sentence of its snapshot will do
                                    quote="A 2016 decree resulted in the release of 148 prisoners."))
    add_row(data / "figures.csv", dict(
        figure_id=f"{ODD_ACT}.released", act_id=ODD_ACT, measure_id="released", stage="reported",
        value="7", qualifier="exact", approximate="false", low="7", high="7", as_of="2026-10-02",
        as_of_inferred="false", source_id="trend-2026-01-26-12336", locator="a made-up test row"))
    return build(data, folder / "odd.duckdb")


@pytest.fixture
def odd_app(odd_db, monkeypatch):
    with app_serving(odd_db, monkeypatch) as run:
        yield run


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_odd_but_valid_data(odd_app, page):
    app = odd_app(page)
    assert not app.exception, [e.value for e in app.exception]


def test_the_odd_acts_own_page_and_charts(odd_app, odd_db):
    app = odd_app("app_pages/act_detail.py", act=ODD_ACT)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value == "An act with one figure"
    with connect(odd_db) as con:
        names = figure_names(con)
        assert f"act-timeline-{ODD_ACT}" in names and f"act-breakdown-{ODD_ACT}" in names
        for name in (f"act-timeline-{ODD_ACT}", f"act-breakdown-{ODD_ACT}"):
            assert build_chart(name, con).title
