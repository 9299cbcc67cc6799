"""The chart-only embed page under AppTest: the figure the link names, nothing else on the page
but its alt text as plain text, and a warning (not an error) for an unknown name."""
import duckdb
import pytest

from amnesty.figures import build_chart


@pytest.fixture(scope="module")
def charts(app_db):
    with duckdb.connect(str(app_db), read_only=True) as con:
        return {name: build_chart(name, con) for name in ("release-rate", "scale-vs-releases")}


def test_the_embed_page_draws_the_named_figure_alone(run_page, charts):
    app = run_page("app_pages/embed.py", figure="release-rate")
    assert not app.exception
    assert len(app.get("plotly_chart")) == 1
    assert [t.value for t in app.text] == [charts["release-rate"].alt_text]
    assert not app.markdown and not app.title and not app.button  # no words or controls around it


def test_an_unknown_figure_falls_back_with_a_warning(run_page, charts):
    app = run_page("app_pages/embed.py", figure="no-such-figure")
    assert not app.exception
    assert "no-such-figure" in app.warning[0].value
    assert [t.value for t in app.text] == [charts["scale-vs-releases"].alt_text]
