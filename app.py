"""Entry point: `streamlit run app.py`. Builds the navigation from one file per page."""
from pathlib import Path

import streamlit as st

# Focus rings and touch targets, which Streamlit's theme options cannot set: one constant stylesheet
# from the repository. Only a Path to a .css file ever reaches st.html (tests/test_safety.py).
STYLESHEET = Path(__file__).parent / "amnesty" / "accessibility.css"


@st.cache_resource(show_spinner=False)
def import_heavy_modules() -> None:
    """Import pandas, plotly and DuckDB once, under Streamlit's per-value compute lock.

    Each reader's script runs on its own thread. On a cold server two threads importing pandas at
    once can see it half-initialised ("partially initialized module 'pandas' has no attribute ...").
    The cache lets the first session import everything while the others wait for it.
    """
    # pandas loads openpyxl and pyarrow only when a download is first made: load them here too.
    import amnesty.ui, amnesty.webapp, openpyxl, pyarrow.parquet  # noqa: F401, E401


SITE_TITLE = "Azerbaijan's amnesties and pardons"
st.set_page_config(page_title=SITE_TITLE, layout="centered")
import_heavy_modules()

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", url_path="overview", default=True),
    st.Page("app_pages/act_detail.py", title="Act detail", url_path="act"),
    st.Page("app_pages/political_prisoners.py", title="Political prisoners",
            url_path="political-prisoners"),
    st.Page("app_pages/data.py", title="Data", url_path="data"),
    st.Page("app_pages/sources_and_method.py", title="Sources & method", url_path="sources"),
]

page = st.navigation(PAGES, position="top")
# Each page its own browser title (WCAG 2.4.2), the page first so a tab or a bookmark says which.
st.set_page_config(page_title=f"{page.title} · {SITE_TITLE}")
st.html(STYLESHEET)
page.run()
