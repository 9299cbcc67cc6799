"""Entry point: `streamlit run app.py`. Builds the navigation from one file per page."""
import streamlit as st

st.set_page_config(page_title="Azerbaijan's amnesties and pardons", layout="centered")

PAGES = [
    st.Page("pages/overview.py", title="Overview", url_path="overview", default=True),
    st.Page("pages/act_detail.py", title="Act detail", url_path="act"),
    st.Page("pages/political_prisoners.py", title="Political prisoners",
            url_path="political-prisoners"),
    st.Page("pages/data.py", title="Data", url_path="data"),
    st.Page("pages/sources_and_method.py", title="Sources & method", url_path="sources"),
]

st.navigation(PAGES, position="top").run()
