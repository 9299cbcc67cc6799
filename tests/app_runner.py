"""Run one page of app.py in Streamlit's AppTest, as a reader following a link would."""
from __future__ import annotations

import html
import re
import string
from contextlib import contextmanager

from amnesty.paths import ROOT
from components.text import WORD_JOINER

_ESCAPED = re.compile(r"\\([" + re.escape(string.punctuation) + "])")


def shown(markdown):
    """The characters a reader sees of Markdown that components/text.py made literal: escapes and
    word joiners removed (our own ** stays, which no data value holds). Non-text passes through."""
    if not isinstance(markdown, str):
        return markdown
    return _ESCAPED.sub(r"\1", markdown).replace(WORD_JOINER, "")


def html_shown(body: str) -> str:
    """The characters a reader sees of an st.html element that components/text.py escaped: tags
    dropped, character references decoded."""
    return html.unescape(re.sub(r"<[^>]*>", " ", body))


def html_links(app) -> dict[str, str]:
    """Each link in the page's st.html elements: its address (decoded, as the browser follows it)
    and its text."""
    return {html.unescape(href): html_shown(text).strip() for e in app.get("html")
            for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', e.proto.body)}


def html_tables(app) -> list:
    """Each table in the page's st.html elements (components.text.table_html) as a DataFrame of
    the text a reader sees in its cells, named by its header. Read with regular expressions: enough
    for the HTML our own builder writes."""
    import pandas as pd

    tables = []
    for element in app.get("html"):
        for table in re.findall(r"<table>(.*?)</table>", element.proto.body, re.S):
            cell = lambda body: html_shown(body).strip()  # noqa: E731
            head = [cell(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
            rows = [[cell(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
                    for tr in re.findall(r"<tr>(.*?)</tr>", table.partition("<tbody>")[2], re.S)]
            tables.append(pd.DataFrame(rows, columns=head))
    return tables


def run_app_page(page: str, query_params: dict[str, str]):
    """Open app.py with `query_params` in the URL, then switch to `page`, as a reader following a link
    would; any key may be a parameter."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query_params.items():
        app.query_params[key] = value
    app.run()
    if page != "app_pages/overview.py":
        app.switch_page(page)
        app.run()
    return app


def open_panels(app):
    """Open the page's lazy panels (amnesty.panels) as a reader would, and run it again: a closed
    one draws nothing. The figure studio stays shut (its preview draws with chromium; its own
    tests open it)."""
    # A keyed expander's id ends with its key: "$$ID-<hash>-<key>".
    keys = [e.proto.id.split("-", 2)[2] for e in app.expander if e.proto.id.startswith("$$ID-")]
    for key in keys:
        if not key.endswith("-studio"):
            app.session_state[key] = True
    app.run()
    return app


def clear_app_caches() -> None:
    """Forget every cached connection, query, chart and version, as a fresh server would: a test
    that serves another database must not leave its results to the next test."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


@contextmanager
def app_serving(db, monkeypatch):
    """`run(page, **params)` for the app served from `db`, as a fresh server would see it: no
    connection or result cached from before, and none left behind."""
    import amnesty.paths

    monkeypatch.setattr(amnesty.paths, "DEFAULT_DB", db)
    clear_app_caches()
    try:
        yield lambda page, **params: run_app_page(page, params)
    finally:
        clear_app_caches()
