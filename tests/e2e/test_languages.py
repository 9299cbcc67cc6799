"""The dashboard in Azerbaijani and Russian, in real chromium: every page in each language at desktop
and phone width renders with no exception, its charts drawn, no sideways scroll, <html lang> set,
and none of our catalogued English words left; the language switch and the browser's own language
choose it, and the choice survives the navigation. Screenshots go to test-artifacts/e2e/."""
import re

import pytest
from babel.messages.pofile import read_po

from amnesty.db import run_query
from amnesty.i18n import LOCALE_DIR, language
from streamlit_page import drawn_charts, full_screenshot, nav_pages, open_page, problems, settle

PAGES = nav_pages()
LANGS = ["az", "ru"]
CASES = [(lang, nav) for lang in LANGS for nav in PAGES]
IDS = [f"{lang}-{nav.url_path}" for lang, nav in CASES]


def catalogued_english(code: str) -> list[str]:
    """Our English sentences and labels (two words or more, no placeholders) that the catalog
    translates into something else: none of them may be left on a page in that language."""
    with open(LOCALE_DIR / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale=code)
    return [m.id for m in catalog if isinstance(m.id, str) and isinstance(m.string, str)
            and m.string != m.id and "{" not in m.id and len(m.id.split()) >= 2]


# Text the data holds that stays as written: the sources' own titles, names and authors, quotes
# and the sources' words for a qualifier (in their source's language). Our words in the data (act
# titles, measure labels, notes, locators, readings, statements, group names) are translated, so
# they are not listed here.
PROSE_TABLES = {"sources": ("title", "publisher", "author"),
                "figures": ("quote", "qualifier_words"),
                "figure_sources": ("quote", "qualifier_words"), "statements": ("quote",),
                "prisoner_groups": ("quote",), "acts": ("quote",), "act_events": ("quote",)}


def data_prose(db) -> list[str]:
    """Every piece of that text, longest first, so a note goes before a phrase inside it."""
    found = set()
    for table, columns in PROSE_TABLES.items():
        for column in columns:
            found |= {v for (v,) in db.sql(f'select distinct "{column}" from {table}').fetchall()
                      if isinstance(v, str) and len(v) > 3}
    return sorted(found, key=len, reverse=True)


def ours(page, db) -> str:
    """The page's text without code (addresses, code), the citation record and the data's prose:
    what is left is our words."""
    text = " ".join(page.evaluate("""() => { const main = document.querySelector('[data-testid=stMain]').cloneNode(true);
        main.querySelectorAll('[data-testid=stCode], code, .st-key-citation').forEach(e => e.remove());
        return main.innerText; }""").split())
    for prose in data_prose(db):
        text = text.replace(" ".join(prose.split()), " ")
    return text


def english_left(text: str, code: str) -> list[str]:
    text = " ".join(text.split())
    return [english for english in catalogued_english(code)
            if re.search(rf"(?<![\w']){re.escape(english)}(?![\w'])", text)]


def url(server, nav, lang: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in {**params, "lang": lang}.items())
    return f"{server.url}/{nav.public_path}?{query}"


def check_page(page, db, lang: str, nav, width: str) -> None:
    assert page.evaluate("document.documentElement.lang") == lang
    assert problems(page) == []
    assert drawn_charts(page) >= 1
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{nav.url_path} in {lang} scrolls sideways by {overflow} px at {width}"
    assert english_left(ours(page, db), lang) == []
    assert full_screenshot(page, f"{width}-{lang}-{nav.url_path}").stat().st_size > 10_000


@pytest.mark.parametrize("lang, nav", CASES, ids=IDS)
def test_every_page_in_each_language_on_a_desktop(page, server, db, lang, nav):
    open_page(page, url(server, nav, lang))
    check_page(page, db, lang, nav, "desktop")
    # The navigation names the pages in the language too.
    shown = page.locator("[data-testid=stTopNavLink]").all_inner_texts()
    assert shown == [language(lang)._(p.title) for p in PAGES]


@pytest.mark.parametrize("lang, nav", CASES, ids=IDS)
def test_every_page_in_each_language_on_a_phone(phone, server, db, lang, nav):
    open_page(phone, url(server, nav, lang))
    check_page(phone, db, lang, nav, "phone")


def test_the_switch_changes_language_keeps_the_act_and_the_navigation_keeps_it(page, server, db):
    act = run_query(db, "acts").iloc[1]
    open_page(page, f"{server.url}/act?act={act.act_id}")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator(".st-key-language-switch a", has_text="Русский").click()
    page.wait_for_url(re.compile(r"lang=ru"))
    settle(page)
    assert f"act={act.act_id}" in page.url
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.locator("h1").first.inner_text() == language("ru")._(act.act_title)
    page.locator("[data-testid=stTopNavLink]", has_text=language("ru")._("Data")).click()
    page.wait_for_url(re.compile(r"/data\?.*lang=ru"))
    settle(page)
    assert page.locator("h1").first.inner_text() == language("ru")._("Data")


def test_the_browsers_language_is_the_default(browser, server):
    context = browser.new_context(locale="az-AZ")
    try:
        tab = context.new_page()
        open_page(tab, server.url)
        assert tab.evaluate("document.documentElement.lang") == "az"
        assert tab.locator("h1").first.inner_text() == language("az")._(
            "Azerbaijan's amnesties and pardons since 2016")
    finally:
        context.close()


def test_an_unknown_language_warns_in_plain_text_and_falls_back_to_english(page, server):
    open_page(page, f"{server.url}/?lang=%5Bx%5D(https://attacker.example)")
    warning = page.locator("[data-testid=stAlert]").first
    assert "There is no language called" in warning.inner_text()
    assert warning.locator("a").count() == 0  # the value is echoed as code, never as a link
    assert page.evaluate("document.documentElement.lang") == "en"
