"""Entry point: `streamlit run app.py`. Builds the navigation from one file per page.

The file plays two parts. `streamlit run` first reads it for an ASGI app, finds `app` at the end
and serves that (st.App: the pages plus the stable data URLs of amnesty.data_routes). Each reader's
session then runs this same file as its script, under the name __main__, which draws the pages.
"""
import gc
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

# Focus rings, touch targets and tables that fit a phone, which Streamlit's theme options cannot
# set: one constant stylesheet from the repository. Only a Path to a .css file ever reaches st.html
# (tests/test_safety.py).
STYLESHEET = Path(__file__).parent / "amnesty" / "accessibility.css"


@st.cache_resource(show_spinner=False)
def import_heavy_modules() -> None:
    """Import pandas, plotly and DuckDB once, under Streamlit's per-value compute lock, and put
    what they made out of the garbage collector's reach.

    Each reader's script runs on its own thread. On a cold server two threads importing pandas at
    once can see it half-initialised ("partially initialized module 'pandas' has no attribute ...").
    The cache lets the first session import everything while the others wait for it.
    """
    # pandas loads openpyxl and pyarrow only when a download is first made: load them here too.
    import amnesty.ui, amnesty.webapp, openpyxl, pyarrow.parquet  # noqa: F401, E401
    # The modules' objects live as long as the process, yet Python's full collection walks every
    # one of them: with the pages run, 155,000 objects and 76-92 ms, the whole server held by the
    # GIL meanwhile. Frozen, a full collection walks 17,000 objects in 2-3 ms (bench/report.py).
    # Collected first, so no garbage is frozen with them.
    gc.collect()
    gc.freeze()


if __name__ == "__main__":
    # No page_title here: each st.Page's own title names its browser tab (WCAG 2.4.2).
    st.set_page_config(layout="centered")
    import_heavy_modules()

def pages(lang) -> list:
    """The navigation, its titles in the reader's language (each names its browser tab)."""
    return [
        st.Page("app_pages/overview.py", title=lang._("Overview"), url_path="overview", default=True),
        st.Page("app_pages/act_detail.py", title=lang._("Act detail"), url_path="act"),
        st.Page("app_pages/political_prisoners.py", title=lang._("Political prisoners"),
                url_path="political-prisoners"),
        st.Page("app_pages/data.py", title=lang._("Data"), url_path="data"),
        st.Page("app_pages/sources_and_method.py", title=lang._("Sources & method"), url_path="sources"),
        st.Page("app_pages/embed.py", title=lang._("Chart"), url_path="embed", visibility="hidden"),
    ]


if __name__ == "__main__":
    from amnesty.page_language import choose_language, language_switch

    lang = choose_language()
    # The embed page is framed on other sites: the chart alone, so no navigation there (its iframe
    # adds Streamlit's ?embed=true, which hides the toolbar and padding but not a top navigation).
    # st.context.url is the path the browser asked for, known before st.navigation resolves it.
    on_embed_page = urlsplit(st.context.url or "").path.rstrip("/").endswith("/embed")
    page = st.navigation(pages(lang), position="hidden" if on_embed_page else "top")
    st.html(STYLESHEET)
    # The switch sits above the page but is filled in after it has run: the page checks its link's
    # parameters (an unknown act falls back, with a warning) and the switch passes on only those.
    switch = st.container()
    page.run()
    if not on_embed_page:
        with switch:
            language_switch(page, lang)
else:
    from starlette.middleware import Middleware

    from amnesty.data_routes import data_routes
    from amnesty.html_lang import HtmlLangMiddleware
    from amnesty.tcp_nodelay import send_without_delay

    send_without_delay()  # the server has bound its socket and accepts no reader yet: no 40 ms waits
    app = st.App(__file__, routes=data_routes(), middleware=[Middleware(HtmlLangMiddleware)])
