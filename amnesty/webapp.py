"""Streamlit glue: the cached read-only connection, cached queries and charts, and URL state.

Pages call these and nothing else to reach data, so every page reads the same cached results.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from amnesty import paths
from amnesty.db import connect, run_query, run_query_page
from amnesty.data_urls import read_flag, split_values
from amnesty.figures import build_chart
from amnesty.i18n import DEFAULT, Language, language
from amnesty.version import built_version
from amnesty.wording import data_words, derivations_in, in_language
from components.chart import Chart
from components.text import markdown_code, markdown_literal

# Bounds on the shared caches. Links choose the parameters, and any mix of filters is a new entry:
# unbounded, forty links grew the cache by a megabyte and a crawler could grow it without end. The
# least recently used entry goes first; a page's own queries and charts are a few dozen.
QUERY_CACHE_ENTRIES = 512
CHART_CACHE_ENTRIES = 128


@st.cache_resource(show_spinner=False)
def connection():
    """One read-only connection per server; a missing database is built on first start."""
    # paths.DEFAULT_DB is read at call time, so tests can point the app at a fresh build.
    return connect(paths.DEFAULT_DB, build_if_missing=True)


@st.cache_resource(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def query(name: str, **params) -> pd.DataFrame:
    """One result per (query, parameters), shared by every session: read it, never change it in
    place (pandas methods that return a new frame are fine; `frame.copy()` before assigning).

    cache_resource, not cache_data, for the reason given at chart(): the Data page's page of rows
    (list columns, pyarrow-backed) took 22 ms to unpickle on every run.
    """
    return run_query(connection(), name, **params)


@st.cache_resource(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def query_page(name: str, row_limit: int, row_offset: int, **params) -> tuple[pd.DataFrame, int]:
    """One page of a query's rows and its row count (amnesty.db.run_query_page), shared like query()."""
    return run_query_page(connection(), name, row_limit, row_offset, **params)


@st.cache_resource(show_spinner=False, max_entries=CHART_CACHE_ENTRIES)
def chart(name: str, lang: str = DEFAULT, **params) -> Chart:
    """One Chart per name, language and parameters, shared by every session: read it, never change it (copy
    the figure with go.Figure(chart.figure) first, as amnesty.render does).

    cache_resource, not cache_data: cache_data hands each call a fresh copy by unpickling it, and
    unpickling a plotly Figure re-validates every property, 45-75 ms a chart on each run of a page
    (bench/RESULTS.md, issue 16), where the frame and words alone take about 1 ms.
    tests/test_shared_caches.py runs every page and checks that nothing changed what it was handed.
    """
    return build_chart(name, fetch=query, lang=language(lang), words=credits_in(lang), **params)


@st.cache_resource(show_spinner=False)
def credits_in(lang: str) -> dict[str, str]:
    """English credits and kinds of source -> the same in `lang` (amnesty.wording.data_words),
    worked out once per language and process."""
    return data_words(language(lang), query)


def rows(lang: Language, name: str, **params) -> pd.DataFrame:
    """query(name, **params) with our words in `lang`: figures worded from their bounds, the data's
    labels, credits and kinds of source translated (amnesty.wording.in_language)."""
    return in_language_here(query(name, **params), lang)


def in_language_here(frame: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """A query's rows in `lang` (amnesty.wording.in_language), with this server's cached words:
    the credits once per language, the derivations the rows show once per view."""
    return in_language(frame, lang, credits_in(lang.code) | derivations_in(lang, frame, query))


@st.cache_data(show_spinner=False)
def dataset_version() -> str:
    """The version of the data this server serves (its database's dataset_info)."""
    return built_version(connection())


# -- URL state -------------------------------------------------------------------------------------
# st.query_params is the page's state: a link reproduces the view. st.switch_page and st.page_link
# clear query parameters unless they are passed on, so links to another page pass theirs.
# Anyone can write a link, so a value echoed back from one is shown as a cut, unbreakable code span
# (components/text.py), never as Markdown: it cannot become a link, an image or maths on our page.

# A warning lists at most this many known values and echoes at most this many unknown ones.
LISTED_IN_WARNING = 12


def _listed(values: list[str], show, lang: Language) -> str:
    shown = ", ".join(show(v) for v in values[:LISTED_IN_WARNING])
    more = len(values) - LISTED_IN_WARNING
    return lang._("{shown} and {more} more", shown=shown, more=lang.number(more)) if more > 0 else shown


# `what` names the parameter as the page labels its control, in the reader's language (quoted, so
# no language has to decline it).
def choice_param(key: str, options: list[str], default: str, what: str, lang: Language) -> str:
    """The URL's value for `key` if it is one of `options`; otherwise a warning and the default."""
    raw = st.query_params.get_all(key)
    if not raw:
        return default
    value = raw[-1]
    if value in options:
        return value
    st.warning(lang._("There is no “{what}” called {value}, so the page shows {default} instead. Known: {known}.",
                      what=what, value=markdown_code(value), default=markdown_literal(default),
                      known=_listed(options, markdown_literal, lang)))
    st.query_params[key] = default
    return default


def list_param(key: str, options: list[str], what: str, lang: Language) -> list[str]:
    """Values for `key`, given repeated (?k=a&k=b) or comma-separated (?k=a,b); unknown ones are
    dropped with a warning."""
    values = split_values(st.query_params.get_all(key))
    unknown = [v for v in values if v not in options]
    if unknown:
        st.warning(lang._("Ignoring unknown “{what}” in the link: {values}.", what=what,
                          values=_listed(unknown, markdown_code, lang)))
    kept = [v for v in dict.fromkeys(values) if v in options]
    if unknown:
        set_list_param(key, kept)
    return kept


def flag_param(key: str, default: bool) -> bool:
    raw = st.query_params.get(key)
    if raw is None:
        return default
    if read_flag(raw) is not None:
        return read_flag(raw)
    st.warning(f"{markdown_code(raw)} is not a yes/no value for {key}; using the default.")
    st.query_params[key] = "yes" if default else "no"
    return default


def set_list_param(key: str, values: list[str]) -> None:
    if values:
        st.query_params[key] = ",".join(values)
    elif key in st.query_params:
        del st.query_params[key]
