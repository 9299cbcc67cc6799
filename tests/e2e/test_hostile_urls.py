"""A link anyone can write: its query parameters are echoed as text, never as Markdown.

`/act?act=[Official notice](https://attacker.example/login)` must not put a live link in our
warning box, an outside image must not load, a bare URL must not be auto-linked, and dollar signs
must not become maths. The echoed value is shown, cut to a sane length, as typed.
"""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from components.text import URL_ECHO_LIMIT, cut
from hostile_data import BARE_URL, HTML_LINK, IMAGE, LINK, MONEY
from hostile_dom import images, maths, planted_elements
from streamlit_page import main_text, open_page, problems

LONG = "y" * 40 + " " + "x" * 500

# Two links cover every echo: Act detail's unknown act, and the Data page's four filters and its
# yes/no flag. tests/test_hostile_text.py checks each echo's Markdown in AppTest, case by case.
CASES = [
    ("act", {"act": LINK}, [LINK]),
    ("data", {"act": IMAGE, "source": BARE_URL, "measure": HTML_LINK, "qualifier": MONEY,
              "derived": LONG}, [IMAGE, BARE_URL, HTML_LINK, MONEY, cut(LONG, URL_ECHO_LIMIT)]),
]


@pytest.mark.parametrize("path, params, echoed", CASES,
                         ids=[path for path, _, _ in CASES])
def test_a_hostile_link_is_echoed_as_text(page, server, path, params, echoed):
    open_page(page, f"{server.url}/{path}?{urlencode(params)}")
    assert problems(page) == []
    assert planted_elements(page) == []
    assert images(page) == 0
    assert maths(page) == 0
    warnings = " ".join(" ".join(t.split()) for t in
                        page.locator("[data-testid=stAlertContentWarning]").all_inner_texts())
    missing = [value for value in echoed if value not in warnings]
    assert missing == [], f"not echoed as typed: {missing} in {warnings!r}"
    assert "x" * 100 not in main_text(page)
