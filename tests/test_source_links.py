"""Every source with a URL is linked on the pages that list it; a URL that is not plain http(s) is
never made a link, and one with Markdown's own characters cannot break out of its link."""
import pandas as pd
import pytest

from amnesty.db import run_query
from amnesty.links import safe_url
from app_runner import html_links
from components.text import link_host


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=c&d=e#f", "https://example.org/a?b=c&d=e#f"),
    ("http://example.org/x y", "http://example.org/x%20y"),
    ("https://example.org/a)[b](javascript:x)", "https://example.org/a%29%5Bb%5D%28javascript:x%29"),
    ("https://example.org/<script>", "https://example.org/%3Cscript%3E"),
    ("https://example.org/%D0%B0", "https://example.org/%D0%B0"),
    ("javascript:alert(document.cookie)", None), ("data:text/html,x", None), ("//example.org", None),
    ("", None), (None, None), (float("nan"), None),
])
def test_only_plain_web_addresses_become_links(url, expected):
    assert safe_url(url) == expected


def test_the_sources_page_links_every_source_with_a_url(run_page, app_db):
    """Sources & method lists its sources as one escaped HTML list (components.text.source_list_html):
    each address percent-encoded (safe_url) and labelled with its host."""
    app = run_page("app_pages/sources_and_method.py")
    assert not app.exception
    shown = html_links(app)
    with_url = run_query_sources(app_db)
    assert len(with_url)
    for source in with_url.itertuples():
        assert shown.get(safe_url(source.url)) == link_host(source.url), source.source_id
    assert len(shown) == len(with_url)


def test_the_act_page_links_its_sources(run_page, app_db):
    from amnesty.db import connect

    with connect(app_db) as con:
        act = run_query(con, "acts").iloc[-1].act_id
        sources = run_query(con, "sources_by_act", act_id=act)
    app = run_page("app_pages/act_detail.py", act=act)
    assert not app.exception
    shown = html_links(app)
    assert len(sources)
    for source in sources.itertuples():
        link = safe_url(source.url)
        assert (shown.get(link) == link_host(source.url)) if link else (source.url not in shown), source.source_id


def run_query_sources(db_path) -> pd.DataFrame:
    from amnesty.db import connect

    with connect(db_path) as con:
        sources = run_query(con, "sources")
    return sources[sources["url"].map(lambda u: safe_url(u) is not None)]
