"""The "Customise and download" panel under each chart: the figure studio in the app.

The editor changes the words (each field starts from ours; our source line can be added to,
never removed), the size, the theme and the kind of HTML file, and sees a preview that is the
PNG file itself. The downloads are that PNG, the SVG, PDF and HTML made from the same spec, and
the spec as TOML, which `amnesty export figures --spec` turns into the very same files.

The panel runs only while it is open (the expander tracks its state), inside a fragment, so
opening it or applying a change reruns the panel alone, not the page; nothing is rendered for a
reader who never opens it. The fields sit in a form: an editor types several and applies them
once, rather than paying for a render per keystroke.
"""
from __future__ import annotations

import base64
from functools import lru_cache
from urllib.parse import urlencode, urlsplit

import streamlit as st

from amnesty.i18n import N_, Language, language
from amnesty.page_language import current_language
from amnesty.panels import lazy_panel

from amnesty import render, webapp
from amnesty.export_spec import (CUSTOM, HTML_MODE_HELP, HTML_MODES, MAX_TEXT, PRESETS, ExportSpec,
                                 SpecError, export_file_name, pixel_size, to_toml)
from amnesty.figures import is_figure
from amnesty.studio import ExportFacts, compose, export_facts, our_words, site_url
from components.chart import Chart

FILE_FORMATS = ("png", "svg", "pdf", "html", "toml")
FILE_LABELS = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "html": "HTML", "toml": N_("Spec (TOML)")}
FILE_HELP = {
    "png": N_("The image previewed above, with its dpi and its words (title, alt text, source, "
              "licence) in the file's metadata."),
    "svg": N_("Vector, words kept as text: for designers to restyle."),
    "pdf": N_("Vector, for print, at the chosen size; the alt text is in the file's metadata."),
    "html": N_("The interactive chart, in the HTML mode chosen above."),
    "toml": N_("Every choice made here. `amnesty export figures --spec FILE` re-makes these files, "
               "after a data update too (words left as ours follow the data)."),
}
PRESET_TITLES = {"article": N_("Article"), "square": N_("Square"), "portrait": N_("Portrait"),
                 "print": N_("Print"), CUSTOM: N_("Custom")}
THEME_NAMES = {"light": N_("Light"), "dark": N_("Dark")}
HTML_MODE_NAMES = {"self-contained": N_("Self-contained"), "small": N_("Small")}
MEDIA_TYPES = {**render.MEDIA_TYPES, "toml": "application/toml"}
EMBED_PATH = "embed"


def customise_panel(chart: Chart, key: str) -> None:
    """The panel, closed until the editor opens it."""
    _panel(chart, key)


@st.fragment
def _panel(chart: Chart, key: str) -> None:
    panel = lazy_panel(current_language()._("Customise and download"), key=f"{key}-studio", icon=":material/tune:")
    if panel is None:
        return
    with panel:
        name = chart.name if is_figure(chart.name) else "chart"
        spec = _form(chart, name, key)
        if spec is None:
            return
        facts = export_facts(webapp.query)
        _preview_and_downloads(chart, spec, facts, key)
        if is_figure(chart.name):
            _embed(chart, spec)


def preset_labels(lang: Language) -> dict[str, str]:
    """Each size as the select box offers it, its PNG's pixels computed from the preset."""
    labels = {}
    for name, preset in PRESETS.items():
        width, height = preset.png_size
        labels[name] = lang._("{preset}: {use}", preset=lang._(PRESET_TITLES[name]),
                              use=lang._(preset.use, width=str(width), height=str(height)))
    labels[CUSTOM] = lang._("{preset}: {use}", preset=lang._(PRESET_TITLES[CUSTOM]),
                            use=lang._("the width × height below"))
    return labels


def _form(chart: Chart, name: str, key: str) -> ExportSpec | None:
    lang = current_language()  # the page's, which the chart was built in
    _ = lang._
    ours = our_words(chart, lang)
    presets = preset_labels(lang)
    with st.form(f"{key}-studio-form", border=False):
        title = st.text_area(_("Title"), ours["title"], max_chars=MAX_TEXT, key=f"{key}-studio-title")
        subtitle = st.text_area(_("Subtitle"), ours["subtitle"], max_chars=MAX_TEXT,
                                key=f"{key}-studio-subtitle")
        notes = st.text_area(_("Notes"), ours["notes"], max_chars=MAX_TEXT, key=f"{key}-studio-notes")
        st.text_area(_("Source line (ours: it always stays, and you can add to it)"), chart.source,
                     disabled=True, key=f"{key}-studio-source")
        source_extra = st.text_input(_("Add to the source line"), "", max_chars=MAX_TEXT,
                                     key=f"{key}-studio-source-extra",
                                     placeholder=_("Additional reporting: …"))
        byline = st.text_input(_("Byline"), ours["byline"], max_chars=MAX_TEXT,
                               key=f"{key}-studio-byline", help=_("Leave empty for no byline."))
        alt_text = st.text_area(_("Alt text"), ours["alt_text"], max_chars=MAX_TEXT,
                                key=f"{key}-studio-alt-text",
                                help=_("What the chart shows, in words: the PNG's Description, the "
                                       "SVG's <desc>, the PDF's Subject and the HTML's aria-label."))
        preset = st.selectbox(_("Size"), list(presets), format_func=presets.get,
                              key=f"{key}-studio-preset")
        width_column, height_column, scale_column = st.columns(3)
        width = width_column.number_input(_("Custom width (CSS px)"), 100, 4000, 800, step=10,
                                          key=f"{key}-studio-width")
        height = height_column.number_input(_("Custom height (CSS px)"), 100, 4000, 450, step=10,
                                            key=f"{key}-studio-height")
        scale = scale_column.number_input(_("Custom scale (PNG px per CSS px)"), 0.5, 8.0, 2.0,
                                          step=0.5, key=f"{key}-studio-scale")
        theme = st.radio(_("Theme"), list(THEME_NAMES), format_func=lambda t: _(THEME_NAMES[t]),
                         horizontal=True, key=f"{key}-studio-theme")
        html_mode = st.radio(_("HTML file"), HTML_MODES, captions=[_(HTML_MODE_HELP[m]) for m in HTML_MODES],
                             format_func=lambda mode: _(HTML_MODE_NAMES[mode]), key=f"{key}-studio-html-mode")
        st.form_submit_button(_("Apply"), icon=":material/refresh:", type="primary")
    custom = preset == CUSTOM
    try:
        return ExportSpec(
            name=name, title=_changed(title, ours["title"]), subtitle=_changed(subtitle, ours["subtitle"]),
            notes=_changed(notes, ours["notes"]), byline=_changed(byline, ours["byline"]),
            source_extra=source_extra.strip(), alt_text=_changed(alt_text, ours["alt_text"]),
            preset=preset, width=float(width) if custom else None,
            height=float(height) if custom else None, scale=float(scale) if custom else None,
            theme=theme, html_mode=html_mode, lang=lang.code)
    except SpecError as error:
        st.error(str(error))
        return None


def _changed(value: str, ours: str) -> str | None:
    """None (ours, which follows the data) unless the editor changed the words."""
    return None if value == ours else value


def _preview_and_downloads(chart: Chart, spec: ExportSpec, facts: ExportFacts, key: str) -> None:
    lang = current_language()
    chromium = render.chromium_available()
    size = pixel_size(spec)
    if chromium:
        png = studio_file(chart, spec, facts, "png")
        width, height = _png_size(png)
        alt_text = chart.alt_text if spec.alt_text is None else spec.alt_text
        # A data: URL reaches the browser as these very bytes; given bytes, st.image would
        # shrink a PNG wider than its column to a re-encoded copy.
        st.image("data:image/png;base64," + base64.b64encode(png).decode("ascii"), width="stretch",
                 alt=lang._("Preview: {alt_text}", alt_text=alt_text),
                 caption=lang._("The PNG as it will be downloaded: {width} × {height} px at {dpi} dpi.",
                                width=str(width), height=str(height), dpi=f"{size.dpi:g}"))
    else:
        st.info(render.INSTALL_HINT.format(path=render.CHROMIUM))
    columns = st.columns(len(FILE_FORMATS))
    for column, fmt in zip(columns, FILE_FORMATS):
        needs_chromium = fmt in render.KALEIDO_FORMATS and not chromium
        column.download_button(
            lang._(FILE_LABELS[fmt]), data=lambda fmt=fmt: studio_file(chart, spec, facts, fmt),
            file_name=export_file_name(spec, fmt), mime=MEDIA_TYPES[fmt], key=f"{key}-studio-download-{fmt}",
            on_click="ignore", disabled=needs_chromium, width="stretch", help=lang._(FILE_HELP[fmt]))


def studio_file(chart: Chart, spec: ExportSpec, facts: ExportFacts, fmt: str) -> bytes:
    """One file of the studio: the spec as TOML, or the figure rendered as the spec asks. The
    CLI's `--spec` makes its files with the same compose and render, so they are the same bytes."""
    if fmt == "toml":
        return to_toml(spec, our_words(chart, language(spec.lang))).encode("utf-8")
    return _rendered(_ChartKey(chart), spec, facts, fmt)


class _ChartKey:
    """A chart as a cache key: its registry name and words, or its whole figure for one built
    elsewhere. The chart rides along uncompared."""

    def __init__(self, chart: Chart):
        self.chart = chart
        self.key = (chart.name, chart.title, chart.subtitle, chart.notes, chart.source,
                    chart.alt_text, "" if is_figure(chart.name) else chart.figure.to_json())

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, _ChartKey) and self.key == other.key


@lru_cache(maxsize=32)
def _rendered(chart: _ChartKey, spec: ExportSpec, facts: ExportFacts, fmt: str) -> bytes:
    return render.export_bytes(compose(chart.chart, spec, facts), fmt)


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _embed(chart: Chart, spec: ExportSpec) -> None:
    st.markdown(current_language()._("**Embed.** A page with the chart alone, for an `<iframe>` on your site:"))
    st.code(iframe_snippet(chart, app_address(), spec.theme, spec.lang), language="html",
            wrap_lines=True)


def app_address() -> str:
    """The app's address: AMNESTY_SITE_URL where set, else where this browser reached it."""
    configured = site_url()
    if configured:
        return configured
    url = urlsplit(st.context.url or "")
    return f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else ""


def embed_url(base: str, name: str, theme: str = "light", lang: str = "en") -> str:
    """/embed?figure=NAME; `embed=true` is Streamlit's own switch that hides its header, toolbar
    and padding (and the navigation with them), and its dark_theme option darkens the page. A
    chart in Azerbaijani or Russian says so (&lang=)."""
    params = {"figure": name, "embed": "true"} | ({} if lang == "en" else {"lang": lang})
    if theme == "dark":
        params.update(theme="dark", embed_options="dark_theme")
    return f"{base}/{EMBED_PATH}?{urlencode(params)}"


def iframe_snippet(chart: Chart, base: str, theme: str = "light", lang: str = "en") -> str:
    from html import escape

    height = int(chart.figure.layout.height or 600) + 40  # the page's own small margins
    return (f'<iframe src="{escape(embed_url(base, chart.name, theme, lang))}" '
            f'title="{escape(chart.title)}" width="100%" height="{height}" '
            f'style="border:0" loading="lazy"></iframe>')
