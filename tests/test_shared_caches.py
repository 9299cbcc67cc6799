"""amnesty.webapp.query and amnesty.webapp.chart hand every session the same objects
(st.cache_resource, issue 16): running every page must leave each shared result and chart exactly
as it was made."""
import pytest

import amnesty.webapp as webapp
from amnesty.filters import Filters
from amnesty.paths import ROOT

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py"))


@pytest.fixture
def shared(monkeypatch, app_db):
    """Every frame webapp.query fetched and every Chart webapp.chart built during the test, each
    with a copy of what it held when it was made."""
    made = {"queries": [], "charts": []}
    run_query, build_chart = webapp.run_query, webapp.build_chart

    def recording_query(con, name, **params):
        frame = run_query(con, name, **params)
        made["queries"].append((name, params, frame, frame.copy(deep=True)))
        return frame

    def recording_chart(name, fetch=None, lang=None, words=None, **params):
        chart = build_chart(name, fetch=fetch, lang=lang, words=words, **params)
        # webapp.chart is keyed by the language's code; build_chart is handed the Language.
        made["charts"].append((name, {"lang": lang.code, **params}, chart, chart.figure.to_json(),
                               chart.data.copy(deep=True)))
        return chart

    monkeypatch.setattr(webapp, "run_query", recording_query)
    monkeypatch.setattr(webapp, "build_chart", recording_chart)
    webapp.query.clear()
    webapp.chart.clear()
    yield made
    webapp.query.clear()
    webapp.chart.clear()


def test_running_every_page_leaves_the_shared_results_and_charts_unchanged(run_page, shared):
    for page in PAGES:
        for lang in ("en", "ru"):  # a page in Russian words the shared rows anew, never in place
            app = run_page(page, lang=lang)
            assert not app.exception, [e.value for e in app.exception]
    assert shared["queries"] and shared["charts"]
    for name, params, frame, as_fetched in shared["queries"]:
        assert webapp.query(name, **params) is frame
        assert frame.equals(as_fetched), f"{name} {params}: its rows were changed in place by a page or builder"
    built = [(name, sorted(params.items())) for name, params, *_ in shared["charts"]]
    assert len(built) == len({repr(b) for b in built}), "each chart is built once and then shared"
    for name, params, chart, figure_json, data in shared["charts"]:
        assert webapp.chart(name, **params) is chart
        assert chart.figure.to_json() == figure_json, f"{name}: its figure was changed after it was built"
        assert chart.data.equals(data), f"{name}: its rows were changed after they were built"


def test_one_view_is_one_cache_entry_whatever_the_order_of_its_filters(shared):
    for acts in (["amnesty-2021", "pardon-2016"], ["pardon-2016", "amnesty-2021", "amnesty-2021"]):
        webapp.query("all_figures_count", **Filters.of(act_ids=acts).query_params())
    assert [name for name, *_ in shared["queries"]] == ["all_figures_count"]


def test_the_shared_query_cache_is_bounded(shared):
    """Links choose the parameters: past the bound, the least recently used result is dropped."""
    every = Filters().query_params()
    first = {**every, "row_limit": 1, "row_offset": 0}
    webapp.query("all_figures_page", **first)
    for offset in range(1, webapp.QUERY_CACHE_ENTRIES + 1):
        webapp.query("all_figures_page", **every, row_limit=1, row_offset=offset)
    runs = len(shared["queries"])
    webapp.query("all_figures_page", **first)
    assert len(shared["queries"]) == runs + 1, "the oldest entry was kept past the bound"
