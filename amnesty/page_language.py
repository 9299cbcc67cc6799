"""Which language a reader's session shows, and the switch between languages.

`?lang=az|ru|en` chooses. Once chosen, the session keeps it, and app.py writes it back into the
URL on every page, so a copied link carries it (Streamlit's navigation drops query parameters).
Without a choice, the browser's language decides (st.context.locale), then English.
"""
from __future__ import annotations

import streamlit as st

from amnesty.i18n import DEFAULT, LANGUAGES, Language, best_match, language
from components.text import markdown_code

PARAM = "lang"
# The only script the app runs (tests/test_safety.py): one constant per language, so no text from a
# link or the data can reach it.
LANG_SCRIPTS = {code: f'<script>document.documentElement.lang = "{code}";</script>' for code in LANGUAGES}
_CHOSEN = "chosen_language"


def _from_link() -> str | None:
    values = st.query_params.get_all(PARAM)
    return values[-1] if values else None


def current_language() -> Language:
    """This run's language, read without side effects (pages call this)."""
    asked = _from_link()
    if asked in LANGUAGES:
        return language(asked)
    if asked is None and st.session_state.get(_CHOSEN) in LANGUAGES:
        return language(st.session_state[_CHOSEN])
    if asked is None:
        return language(best_match(st.context.locale) or DEFAULT)
    return language(DEFAULT)


def choose_language() -> Language:
    """current_language(), remembered for the session and kept in the URL; an unknown ?lang= is
    echoed as code (never Markdown) in a warning, and English is shown. app.py calls this once a
    run, before the page."""
    asked = _from_link()
    chosen = current_language()
    if asked is not None and asked not in LANGUAGES:
        st.warning(f"There is no language called {markdown_code(asked)}, so the page is in English. "
                   f"Known: {', '.join(LANGUAGES)}.")
    if asked is not None or _CHOSEN in st.session_state:
        st.session_state[_CHOSEN] = chosen.code
        st.query_params[PARAM] = chosen.code
    return chosen


def language_switch(page, lang: Language) -> None:
    """Links to this page, with its parameters, in each other language. Each label is the
    language's own name, so a reader finds theirs whatever the page is in."""
    params = {key: st.query_params[key] for key in st.query_params if key != PARAM}
    with st.container(horizontal=True, horizontal_alignment="right", key="language-switch", gap="small"):
        for code, name in LANGUAGES.items():
            if code != lang.code:
                st.page_link(page, label=name, query_params={**params, PARAM: code})
    # Streamlit writes <html lang="en"> and switches pages without reloading; the server's
    # middleware (amnesty/html_lang.py) sets it on a page load, and this sets it on a switch.
    st.html(LANG_SCRIPTS[lang.code], unsafe_allow_javascript=True, width="content")


def language_param(lang: Language) -> dict[str, str]:
    """The query parameter a link to another page carries, so the language stays chosen."""
    return {PARAM: lang.code} if PARAM in st.query_params or _CHOSEN in st.session_state else {}
