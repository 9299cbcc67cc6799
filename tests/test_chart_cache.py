"""amnesty.webapp.chart hands every session the same Chart object (st.cache_resource, issue 16):
running every page must leave each shared chart exactly as it was built."""
import pytest

import amnesty.webapp as webapp
from amnesty.paths import ROOT

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py"))


@pytest.fixture
def built_charts(monkeypatch, app_db):
    """Every Chart the app builds during the test, with its figure's JSON and data as built."""
    built = []
    original = webapp.build_chart

    def recording(name, **kwargs):
        chart = original(name, **kwargs)
        built.append((name, chart, chart.figure.to_json(), chart.data.copy()))
        return chart

    monkeypatch.setattr(webapp, "build_chart", recording)
    webapp.chart.clear()
    yield built
    webapp.chart.clear()


def test_running_every_page_leaves_the_shared_charts_unchanged(run_page, built_charts):
    for page in PAGES:
        app = run_page(page)
        assert not app.exception, [e.value for e in app.exception]
    names = [name for name, *_ in built_charts]
    assert names and len(names) == len(set(names)), "each chart is built once and then shared"
    for name, chart, figure_json, data in built_charts:
        assert webapp.chart(name) is chart
        assert chart.figure.to_json() == figure_json, f"{name}: its figure was changed after it was built"
        assert chart.data.equals(data), f"{name}: its rows were changed after they were built"

