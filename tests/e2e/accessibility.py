"""Reading a page as assistive technology and a keyboard see it: axe-core's audit, the heading
outline, the focus ring of whatever has focus, the size of every target, and pressing Tab until
focus reaches an element."""
from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from streamlit_page import settle

# WCAG 2.2 A and AA, and axe's best practices (heading order, one main landmark...).
AXE_OPTIONS = {"resultTypes": ["violations"],
               "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                     "wcag22aa", "best-practice"]}}
WHITE = "rgb(255, 255, 255)"


def axe_violations(page: Page, within: str | None = None) -> list[str]:
    """axe-core's violations of any impact, one line each with the elements it names; `within`, a
    CSS selector, audits only that part of the page.

    Streamlit scrolls its main block, not the document, and axe cannot judge the contrast of text
    outside the viewport: the viewport is made as tall as the content for the audit."""
    size = page.viewport_size
    height = page.eval_on_selector("[data-testid=stMain]", "el => el.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    settle(page)
    try:
        results = Axe().run(page, context={"include": [[within]]} if within else None,
                            options=AXE_OPTIONS)
    finally:
        page.set_viewport_size(size)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(" ".join(node["target"]) + " — " + node["failureSummary"].replace("\n", " ")
                        for node in v["nodes"][:5])
            for v in results.response["violations"]]


HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length)
  .map(h => [Number(h.tagName[1]), h.innerText.trim()])"""


def heading_outline(page: Page) -> list[tuple[int, str]]:
    return [tuple(h) for h in page.evaluate(HEADINGS_JS)]


def skipped_levels(outline: list[tuple[int, str]]) -> list[str]:
    """Headings that go more than one level deeper than the one before (an h1 then an h3)."""
    return [f"h{level} “{text}” after h{previous}"
            for (previous, _), (level, text) in zip(outline, outline[1:]) if level > previous + 1]


# Every element a finger or a pointer can press, as the reader sees it: a toggle's invisible input
# by its label, a select box's text field by its box. Inline links inside a sentence are exempt
# (WCAG 2.5.8), as are elements shown only on focus (the skip link) and the data grid's hidden
# table for screen readers.
SMALL_TARGETS_JS = """(minimum) => {
  const name = n => n.dataset?.testid || [...n.classList].find(c => c.startsWith('st-key-')) || n.tagName;
  const out = [];
  for (let el of document.querySelectorAll('a[href], button, input, select, textarea, summary, '
        + '[role=radio], [role=switch], [role=combobox], [tabindex]:not([tabindex="-1"])')) {
    if (el.closest('[data-testid=stDataFrame] table')) continue;
    if (el.matches('input[type=checkbox]')) el = el.closest('label') || el;
    if (el.matches('[role=group] > input, [data-testid=stMultiSelectTagsContainer] > input'))
      el = el.closest('[role=group]');
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.tagName === 'A' && el.closest('p, li') && !el.closest('[data-testid=stPageLink]')) continue;
    if (r.width < minimum || r.height < minimum)
      out.push(`${name(el)} in ${name(el.parentElement)} “${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30)}”: ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return out;
}"""


def small_targets(page: Page, minimum: int = 24) -> list[str]:
    return page.evaluate(SMALL_TARGETS_JS, minimum)


# What has focus and the ring drawn for it: the element's own outline, or that of the box or label
# around it (a select box's text field, a toggle's hidden input), and the colours behind the ring,
# innermost first, up to the first opaque one. An outline with a negative offset is drawn inside
# the element, over its own background.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const name = n => n.dataset?.testid || [...n.classList].find(c => c.startsWith('st-key-')) || n.tagName;
  const kind = el.closest('[data-testid=stTopNavLink]') ? 'nav link'
    : el.closest('[data-testid=stPageLink]') ? 'page link'
    : el.closest('[data-testid=stButtonGroup]') && el.getAttribute('role') === 'radio' ? 'segmented control'
    : el.getAttribute('role') === 'combobox' ? 'select box'
    : el.getAttribute('role') === 'switch' ? 'toggle'
    : el.closest('[data-testid=stDownloadButton]') ? 'download button'
    : el.tagName === 'BUTTON' ? 'button'
    : el.tagName === 'SUMMARY' ? 'expander'
    : el.tagName === 'A' ? 'link' : el.tagName.toLowerCase();
  let ring = el;
  for (let n = el, i = 0; n && i < 4; n = n.parentElement, i++) {
    const style = getComputedStyle(n);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) { ring = n; break; }
  }
  const style = getComputedStyle(ring);
  const behind = [];
  for (let n = parseFloat(style.outlineOffset) < 0 ? ring : ring.parentElement; n; n = n.parentElement) {
    const colour = getComputedStyle(n).backgroundColor;
    behind.push(colour);
    if (colour.startsWith('rgb(')) break;
  }
  const r = el.getBoundingClientRect();
  return {kind, name: `${name(el)} “${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30)}”`,
          style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
          behind, size: [r.width, r.height], in_dialog: !!el.closest('[role=dialog]')};
}"""


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUS_JS)


def rgba(colour: str) -> tuple[float, float, float, float]:
    """'rgb(r, g, b)', 'rgba(r, g, b, a)' or '#RRGGBB' -> (r, g, b, alpha), channels 0-255."""
    if colour.startswith("#"):
        return (*(int(colour[i:i + 2], 16) for i in (1, 3, 5)), 1.0)
    parts = [float(p) for p in re.findall(r"[\d.]+", colour)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def composite(layers: list[str], base: str = WHITE) -> str:
    """The colour seen through translucent layers (innermost first) over an opaque base."""
    r, g, b, _ = rgba(base)
    for layer in reversed(layers):
        lr, lg, lb, alpha = rgba(layer)
        r, g, b = (lr * alpha + r * (1 - alpha), lg * alpha + g * (1 - alpha), lb * alpha + b * (1 - alpha))
    return f"rgb({round(r)}, {round(g)}, {round(b)})"


def contrast(first: str, second: str) -> float:
    """WCAG 2.2's contrast ratio of two opaque colours."""
    def luminance(colour: str) -> float:
        channels = [c / 255 for c in rgba(colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ring_contrast(focus: dict) -> float:
    """The focus ring's colour against what is behind it (0 when there is no ring)."""
    if focus["style"] in ("none", "hidden") or focus["width"] <= 0:
        return 0.0
    return contrast(composite([focus["colour"]], composite(focus["behind"])), composite(focus["behind"]))


def press_tab_until(page: Page, selector: str, limit: int = 120, key: str = "Tab") -> int:
    """Press Tab (or `key`) until the focused element is, or is inside, `selector`; return how many
    presses it took. Only the keyboard moves focus here."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("sel => !!document.activeElement?.closest(sel)", selector):
            return presses
    raise AssertionError(f"{limit} presses of {key} never reached {selector}; last: {focused(page)}")
