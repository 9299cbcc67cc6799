"""The Data page's stable link, as a researcher uses it: filter the view, open the panel of code,
copy the pandas snippet with its copy button, run it against the running app, and get exactly the filtered rows."""
import re

import pandas as pd

from amnesty.db import run_query
from amnesty.filters import Filters
from amnesty.version import built_version
from streamlit_page import full_screenshot, open_page, problems, settle


def choose(page, key: str, option: str) -> None:
    page.locator(f".st-key-filter-{key} [role=combobox]").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_the_copied_pandas_snippet_fetches_exactly_the_filtered_rows(page, server, db):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    everything = run_query(db, "all_figures", **Filters().query_params())
    act = everything.iloc[0]
    open_page(page, f"{server.url}/data")
    choose(page, "act", act.act_title)
    page.wait_for_url(re.compile(rf"[?&]act={re.escape(act.act_id)}(&|$)"))
    settle(page)
    page.locator(".st-key-filter-derived label").click()
    page.wait_for_url(re.compile(r"[?&]derived=no(&|$)"))
    settle(page)
    assert problems(page) == []

    page.get_by_text("Copy the link, or code that loads this view", exact=True).click()
    snippet_block = page.locator("[data-testid=stCode]", has_text="pd.read_csv(")
    # The copy button shows on hover; centred, so the fixed top bar does not cover it.
    snippet_block.evaluate("block => block.scrollIntoView({block: 'center'})")
    snippet_block.hover()
    copy = snippet_block.locator("button")
    copy.wait_for(state="visible")  # it fades in
    copy.focus()  # pressed from the keyboard: a click may scroll it under the fixed top bar
    page.keyboard.press("Enter")
    snippet = page.evaluate("navigator.clipboard.readText()")
    version = built_version(db)
    assert snippet.startswith("import pandas as pd")
    assert f"{server.url}/data/figures.csv?act={act.act_id}&derived=no&v={version}" in snippet

    namespace: dict = {}
    exec(snippet, namespace)  # the reader's own step: run what they pasted
    fetched = namespace["figures"]
    expected = run_query(db, "all_figures", **Filters.of(act_ids=[act.act_id],
                                                         include_derived=False).query_params())
    assert 0 < len(expected) < len(everything)
    assert list(fetched.columns) == list(expected.columns)
    assert list(fetched["figure_id"]) == list(expected["figure_id"])
    assert list(fetched["value_text"].astype(str)) == list(expected["value_text"])
    assert list(fetched["low"].fillna(-1)) == list(expected["low"].fillna(-1))
    assert not fetched["derived"].any()


def test_the_data_page_at_desktop_and_phone_width(page, phone, server):
    """Screenshots for a person to look at (test-artifacts/e2e/), and no value cut off at either
    width: every cell of the reader's table shows its whole text."""
    for tab, name in ((page, "data-desktop"), (phone, "data-phone")):
        open_page(tab, f"{server.url}/data?act=amnesty-2025-26")
        assert problems(tab) == []
        cut = tab.eval_on_selector_all(
            ".reference-table td, .reference-table th",
            "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1"
            " || c.scrollHeight > c.clientHeight + 1).map(c => c.innerText)")
        assert cut == [], name
        full_screenshot(tab, name)
