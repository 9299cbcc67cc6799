"""Every page on a 390x844 phone: nothing wider than the screen, so no sideways scrolling, and no
link label cut off."""
import pytest

from streamlit_page import full_screenshot, nav_pages, open_page, problems

PAGES = nav_pages()

# Widths of the page, the main block, and any element of the main block that pokes past the
# screen's right edge (named by test id or key class, for the failure message).
OVERFLOW_JS = """() => {
  const main = document.querySelector('[data-testid=stMainBlockContainer]');
  const root = document.documentElement;
  const name = el => el.dataset.testid || [...el.classList].find(c => c.startsWith('st-key-')) || el.tagName;
  const past = [...main.querySelectorAll('[data-testid=stElementContainer]')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .map(el => name(el.firstElementChild || el));
  // Text cut off with an ellipsis inside its box (st.page_link does this to a long label).
  const clipped = [...main.querySelectorAll('[data-testid=stPageLink] p, [data-testid=stPageLink] span')]
    .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.innerText);
  return {page: [root.scrollWidth, root.clientWidth], main: [main.scrollWidth, main.clientWidth], past,
          clipped};
}"""


@pytest.mark.parametrize("nav", PAGES, ids=[p.url_path for p in PAGES])
def test_no_horizontal_overflow_on_a_phone(phone, server, nav):
    open_page(phone, f"{server.url}/{nav.public_path}")
    assert problems(phone) == []
    widths = phone.evaluate(OVERFLOW_JS)
    full_screenshot(phone, f"phone-{nav.url_path}")
    page_width, screen = widths["page"]
    main_scroll, main_client = widths["main"]
    assert page_width <= screen and main_scroll <= main_client and widths["past"] == [], widths
    assert widths["clipped"] == [], widths
