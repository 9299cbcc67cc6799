"""URL state: good params reproduce a view; bad ones warn and fall back, never a traceback."""
import duckdb
import pytest

from amnesty.db import run_query
from app_runner import shown


@pytest.fixture(scope="module")
def act_ids(app_db):
    with duckdb.connect(str(app_db), read_only=True) as con:
        return list(run_query(con, "acts")["act_id"])


def warnings(app):
    return [w.value for w in app.warning]


@pytest.mark.parametrize("index", [0, 1])
def test_known_act_is_selected(run_page, act_ids, index):
    app = run_page("app_pages/act_detail.py", act=act_ids[index])
    assert not app.exception and not warnings(app)
    assert app.selectbox(key="act_select").value == act_ids[index]


@pytest.mark.parametrize("bad", ["bogus-act", "", "amnesty-2021'; drop table figures; --"])
def test_unknown_act_warns_and_falls_back(run_page, act_ids, bad):
    app = run_page("app_pages/act_detail.py", act=bad)
    assert not app.exception
    assert any("no “Act” called" in w for w in warnings(app))
    assert app.selectbox(key="act_select").value == act_ids[-1]
    assert app.query_params["act"] == act_ids[-1]


def test_choosing_an_act_writes_it_to_the_url(run_page, act_ids):
    app = run_page("app_pages/act_detail.py")
    app.selectbox(key="act_select").set_value(act_ids[0]).run()
    assert not app.exception
    assert app.query_params["act"] == act_ids[0]


def test_data_filters_keep_known_values_and_warn_on_unknown(run_page, act_ids):
    app = run_page("app_pages/data.py", act=f"nonsense,{act_ids[0]}", qualifier="exact")
    assert not app.exception
    assert any("nonsense" in w for w in warnings(app))
    assert app.multiselect(key="filter-act").value == [act_ids[0]]
    assert app.multiselect(key="filter-qualifier").value == ["exact"]
    assert app.query_params["act"] == act_ids[0]


def test_a_links_warning_is_in_the_readers_language(run_page, act_ids):
    """The warning for an unknown value in the link speaks the page's language (it was English on
    every page), names the parameter as the page labels its control, and shows the value as code."""
    app = run_page("app_pages/act_detail.py", act="bogus-act", lang="ru")
    said = [shown(w) for w in warnings(app)]
    assert said == [f"Для «Акт» нет значения `bogus-act`, поэтому страница показывает {act_ids[-1]}. "
                    f"Известные: {', '.join(reversed(act_ids))}."]
    app = run_page("app_pages/data.py", measure="nonsense", lang="az")
    assert warnings(app) == ["Keçiddəki naməlum «Nə sayılıb» dəyərləri nəzərə alınmır: `nonsense`."]


def test_malformed_flag_warns(run_page):
    app = run_page("app_pages/data.py", derived="maybe")
    assert not app.exception
    assert any("maybe" in w for w in warnings(app))
    assert app.toggle(key="filter-derived").value is True
