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


# Each metric's value against its own box: the text's right edge (a Range, so text spilling out of
# a visible overflow counts) and any ellipsis (scrollWidth past clientWidth).
METRICS_JS = """() => [...document.querySelectorAll('[data-testid=stMetricValue]')].map(value => {
  const range = document.createRange();
  range.selectNodeContents(value);
  const box = value.getBoundingClientRect();
  const cut = [...value.querySelectorAll('*')].some(el => el.scrollWidth > el.clientWidth + 1);
  return {text: value.innerText, spills: range.getBoundingClientRect().right > box.right + 1, cut};
})"""


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_every_metric_value_is_shown_whole(request, server, screen, lang):
    """Streamlit ends a long metric value in "…" (on a phone, "approximately 2…" for
    "approximately 25–30") or lets it run past its column; ours wrap inside their box."""
    page = request.getfixturevalue(screen) if screen == "phone" else request.getfixturevalue("page")
    open_page(page, f"{server.url}/political-prisoners?lang={lang}")
    metrics = page.evaluate(METRICS_JS)
    assert len(metrics) >= 7
    assert [m for m in metrics if m["spills"] or m["cut"]] == [], metrics
