"""Act detail and the Data page with more acts than their lists offer (issue 16: rows fetched
against rows shown).

The database holds the real acts plus 60 made-up later ones with one made-up figure each. Act
detail's box and the Data page's act filter offer the newest 30 and a search; searching finds an
old act, and choosing it puts it in the link. A link to an old act shows it without a search.
"""
from __future__ import annotations

import pytest

from amnesty.build import build
from amnesty.filters import ACT_CHOICES as BOX  # what Act detail's box and the Data page's list offer
from app_runner import app_serving, open_panels
from hostile_data import copy_data
from test_odd_data import add_row

EXTRA_ACTS = 60


@pytest.fixture(scope="module")
def many_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    data = copy_data(folder / "data")
    for n in range(EXTRA_ACTS):
        add_row(data / "acts.csv", dict(
            act_id=f"pardon-2027-{n:02d}", label=f"2027 #{n}", title=f"Made-up pardon number {n}",
            kind="pardon_decree", year="2027", act_date=f"2027-{1 + n // 28:02d}-{1 + n % 28:02d}",
            act_date_event="decree", status="implemented", status_as_of="2027-12-31",
            source_id="press-kowalski-2025-12",
            quote="A 2016 decree resulted in the release of 148 prisoners."))
        add_row(data / "figures.csv", dict(
            figure_id=f"pardon-2027-{n:02d}.released", act_id=f"pardon-2027-{n:02d}", measure_id="released",
            stage="reported", value="7", qualifier="exact", approximate="false", low="7", high="7",
            as_of="2027-12-31", as_of_inferred="false", source_id="trend-2026-01-26-12336",
            locator="a made-up test row"))
    return build(data, folder / "many.duckdb")


@pytest.fixture
def many_app(many_db, monkeypatch):
    with app_serving(many_db, monkeypatch) as run:
        yield run


def test_the_box_offers_the_newest_acts_and_a_search_finds_the_rest(many_app):
    app = many_app("app_pages/act_detail.py")
    assert not app.exception
    box = app.selectbox(key="act_select")
    assert len(box.options) == BOX
    assert box.value == f"pardon-2027-{EXTRA_ACTS - 1:02d}"  # the newest
    assert "2016 pardon decree" not in box.options

    app.text_input(key="act_search").input("2016 pardon").run()
    box = app.selectbox(key="act_select")
    assert "2016 pardon decree" in box.options and len(box.options) <= 2
    box.set_value("pardon-2016").run()
    assert not app.exception
    assert app.query_params["act"] == "pardon-2016"
    assert app.title[0].value == "2016 pardon decree"


def test_a_link_to_an_old_act_shows_it_without_a_search(many_app):
    app = many_app("app_pages/act_detail.py", act="amnesty-2021")
    assert not app.exception and not app.warning
    assert app.selectbox(key="act_select").value == "amnesty-2021"
    # the linked act and the newest 29
    assert len(app.selectbox(key="act_select").options) == BOX


def test_a_search_in_russian_finds_an_act_by_its_russian_title(many_app):
    """The titles are English in the database; a reader searching in Russian types the Russian."""
    app = many_app("app_pages/act_detail.py", lang="ru")
    assert not app.exception
    app.text_input(key="act_search").input("помиловании 2016").run()
    box = app.selectbox(key="act_select")
    assert "Распоряжение о помиловании 2016 года" in box.options and len(box.options) <= 2


def test_the_data_pages_act_list_offers_the_newest_and_a_search_finds_the_rest(many_app):
    app = many_app("app_pages/data.py")
    assert not app.exception
    acts = app.multiselect(key="filter-act")
    assert len(acts.options) == BOX
    assert "2016 pardon decree" not in acts.options
    assert "Made-up pardon number 59" in acts.options  # the newest

    app.text_input(key="filter-act-search").input("2016 pardon").run()
    acts = app.multiselect(key="filter-act")
    assert acts.options == ["2016 pardon decree"]
    acts.set_value(["pardon-2016"]).run()
    assert not app.exception
    assert app.query_params["act"] == "pardon-2016"
    assert rows_acts(app) == {"pardon-2016"}

    # Another search leaves the choice offered and chosen.
    app.text_input(key="filter-act-search").input("number 3").run()
    acts = app.multiselect(key="filter-act")
    assert acts.value == ["pardon-2016"] and "2016 pardon decree" in acts.options
    assert "Made-up pardon number 3" in acts.options and len(acts.options) <= BOX + 1
    assert rows_acts(app) == {"pardon-2016"}


def test_a_data_link_to_an_old_act_keeps_it_and_an_unknown_one_is_named(many_app):
    app = many_app("app_pages/data.py", act="amnesty-2021,no-such-act")
    assert not app.exception
    assert app.multiselect(key="filter-act").value == ["amnesty-2021"]
    assert "no-such-act" in app.warning[0].value
    assert rows_acts(app) == {"amnesty-2021"}


def test_the_data_pages_act_search_in_russian(many_app):
    app = many_app("app_pages/data.py", lang="ru")
    app.text_input(key="filter-act-search").input("помиловании 2016").run()
    assert app.multiselect(key="filter-act").options == ["Распоряжение о помиловании 2016 года"]


def rows_acts(app) -> set[str]:
    """The acts of the Data page's rows, from its table of every column (its panel opened)."""
    table = next(frame.value for frame in open_panels(app).dataframe if "act_id" in frame.value)
    return set(table["act_id"])
