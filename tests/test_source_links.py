"""Every source with a URL is linked on the pages that list it; a URL that is not plain http(s) is
never made a link, and one with Markdown's own characters cannot break out of its link."""
import shutil

import pandas as pd
import pytest

from amnesty.build import build
from amnesty.links import safe_url, source_link
from amnesty.paths import DATA_DIR

LINKED = "https://example.org/reports/list (final).pdf"
HOSTILE = "javascript:alert(document.cookie)"


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=c&d=e#f", "https://example.org/a?b=c&d=e#f"),
    ("http://example.org/x y", "http://example.org/x%20y"),
    ("https://example.org/a)[b](javascript:x)", "https://example.org/a%29%5Bb%5D%28javascript:x%29"),
    ("https://example.org/<script>", "https://example.org/%3Cscript%3E"),
    (HOSTILE, None), ("data:text/html,x", None), ("//example.org", None), ("", None), (None, None),
    (float("nan"), None),
])
def test_only_plain_web_addresses_become_links(url, expected):
    assert safe_url(url) == expected
    assert source_link(url) == (f"[Read the source]({expected})" if expected else None)


@pytest.fixture(scope="module")
def linked_app(app_db, tmp_path_factory):
    """The app pointed at a build in which one source has a URL (and hostile text around a link
    still cannot break out of it: see the test above)."""
    import amnesty.paths as paths
    from amnesty import webapp

    folder = tmp_path_factory.mktemp("linked")
    data = shutil.copytree(DATA_DIR, folder / "data")
    sources = pd.read_csv(data / "sources.csv", dtype=str, keep_default_na=False)
    sources.loc[0, "url"] = LINKED
    sources.to_csv(data / "sources.csv", index=False)
    db = build(data, folder / "amnesty.duckdb")

    def clear():
        for cached in (webapp.connection, webapp.query, webapp.chart, webapp.dataset_version):
            cached.clear()

    previous, paths.DEFAULT_DB = paths.DEFAULT_DB, db
    clear()
    yield sources
    paths.DEFAULT_DB = previous
    clear()


def links(app) -> list[str]:
    return [m.value for m in app.markdown if m.value.startswith("[Read the source](")]


def test_the_sources_page_links_every_source_with_a_url(linked_app, run_page):
    app = run_page("app_pages/sources_and_method.py")
    assert not app.exception
    assert links(app) == [f"[Read the source]({safe_url(LINKED)})"]


def test_the_act_page_links_its_sources(linked_app, run_page):
    source_id = linked_app.loc[0, "source_id"]
    act = pd.read_csv(DATA_DIR / "figures.csv").query("source_id == @source_id")["act_id"].iloc[0]
    app = run_page("app_pages/act_detail.py", act=act)
    assert not app.exception
    assert links(app) == [f"[Read the source]({safe_url(LINKED)})"]
