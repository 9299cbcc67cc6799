"""What a hostile string may never become in the page: read from the live DOM in chromium."""
from __future__ import annotations

from playwright.sync_api import Page

from hostile_data import ATTACKER

# Attributes that link, load or style: an <a href>, an <img src>, an SVG <a xlink:href>, a CSS url().
# (Text may name the host: an input's value or plotly's data-unformatted copy of a label is text.)
ACTIVE = ["href", "xlink:href", "src", "srcset", "style", "action", "formaction", "poster", "data"]
# Every element whose active attribute names the attacker's host or carries the planted font size
# (300px, not preceded by a digit: a wide table's grid is styled "3300px" by Streamlit itself).
PLANTED_ATTRIBUTES = """([host, size, active]) => [...document.querySelectorAll('*')]
    .filter(el => [...el.attributes].some(a => active.includes(a.name)
        && (a.value.includes(host) || new RegExp('(^|[^0-9])' + size).test(a.value))))
    .map(el => el.outerHTML.slice(0, 200))"""


def planted_elements(page: Page) -> list[str]:
    return page.evaluate(PLANTED_ATTRIBUTES, [ATTACKER, "300px", ACTIVE])


def maths(page: Page) -> int:
    """KaTeX output: `$5 and $10` read as maths."""
    return page.locator(".katex").count()


def images(page: Page) -> int:
    return page.locator("[data-testid=stMain] img").count()
