"""Hostile text stays text: data values and link parameters never reach Markdown, LaTeX or plotly's
HTML as markup (the one door is components/text.py).

The browser suite (tests/e2e/test_hostile_data.py, test_hostile_urls.py) checks what chromium
shows; here the same attacks are checked where they enter: the door itself against a real
CommonMark renderer, every Markdown string every page hands Streamlit, every chart's plotly text,
and the exported SVG and HTML bytes.
"""
from __future__ import annotations

from datetime import date

import csv
import html
import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from amnesty import render
from amnesty.export_spec import ExportSpec
from amnesty.studio import ExportFacts, compose
from amnesty.build import build
from amnesty.cli import app
from amnesty.db import connect
from amnesty.figures import build_chart, figure_names
from app_runner import app_serving, html_shown, open_panels
from components.text import (URL_ECHO_LIMIT, WORD_JOINER, cut, markdown_code, markdown_literal,
                             one_line, plotly_text, readme_literal)
from amnesty.validate import validate
from hostile_data import (ATTACKER, BARE_URL, HTML_LINK, HTML_SPAN, IMAGE, LATEST_ACT, LINK,
                          MONEY, MONITOR, copy_data, hostile_data, set_cell)

COMMONMARK = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Printable text, punctuation-heavy, with letters from the data's languages; no control characters
# (the validator refuses those) and no line breaks inside (one_line takes them out first).
TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                             include_characters="`*_[]()<>!#$&:|\\~-+=.@/'\""), max_size=80)


def rendered_text(markdown: str) -> str:
    """CommonMark's HTML for one paragraph, as the characters a reader sees."""
    out = COMMONMARK.render(markdown)
    assert out.startswith("<p>") and out.endswith("</p>\n"), out
    inner = out[len("<p>"):-len("</p>\n")]
    assert "<" not in inner.replace("<code>", "").replace("</code>", ""), out
    return html.unescape(inner)


# ------------------------------------------------------------------ the door itself

@settings(max_examples=300, deadline=None)
@given(TEXT.filter(lambda t: t.strip()))
def test_markdown_literal_renders_as_the_characters_given(text):
    out = COMMONMARK.render(markdown_literal(text))
    assert "<code>" not in out and "<a " not in out and "<img" not in out and "<em>" not in out
    assert rendered_text(markdown_literal(text)).replace(WORD_JOINER, "") == text.strip()


@settings(max_examples=300, deadline=None)
@given(TEXT.filter(lambda t: t.strip()))
def test_markdown_code_is_one_code_span_that_nothing_inside_can_close(text):
    out = COMMONMARK.render(markdown_code(text, limit=None))
    assert out.count("<code>") == 1 and out.startswith("<p><code>") and out.endswith("</code></p>\n")
    assert html.unescape(out[len("<p><code>"):-len("</code></p>\n")]) == text


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_plotly_text_has_no_tags_and_reads_back(text):
    out = plotly_text(text)
    assert "<" not in out and ">" not in out and "$" not in out
    assert html.unescape(out) == text


def test_the_door_on_the_planted_strings():
    assert rendered_text(markdown_literal(LINK)).replace(WORD_JOINER, "") == LINK
    assert rendered_text(markdown_literal(f"{MONEY} {HTML_SPAN}")) == f"{MONEY} {HTML_SPAN}"
    # A line break in data would start a heading, a list or a quote: it becomes a space.
    assert rendered_text(markdown_literal("a\n# b\n- c\r\n> d")) == "a # b - c > d"
    # A bare address gets a word joiner where an autolink would start (GFM links them after escapes).
    assert WORD_JOINER + "\\:" in markdown_literal(BARE_URL)
    assert markdown_literal("www.example.org x@example.org").count(WORD_JOINER) == 2
    assert markdown_code("`a``b`") == "``` `a``b` ```"
    assert markdown_code("x" * 500).startswith("`" + "x" * 10)
    assert markdown_code("plain") == "`plain`" and markdown_code(" both ") == "`  both  `"
    assert len(markdown_code("x" * 500)) < URL_ECHO_LIMIT + 10
    assert one_line("a\u2028b\u2029c") == "a b c"


# ------------------------------------------------------------------ every page, every Markdown string

# Markers the planted text carries; our own words use ** and `code`, never these.
UNESCAPED = re.compile(r"(?<!\\)[$<\[\]]")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    data = hostile_data(folder / "data")
    return data, build(data, folder / "hostile.duckdb")


@pytest.fixture
def hostile_app(hostile_db, monkeypatch):
    """The app served from the hostile database, with its data dictionary read from the same copy
    (column help comes from datapackage.json)."""
    import amnesty.data_dictionary

    data, db = hostile_db
    monkeypatch.setattr(amnesty.data_dictionary, "DATA_DIR", data)
    with app_serving(db, monkeypatch) as run:
        yield run


def markdown_strings(app) -> list[str]:
    """Every string the page hands Streamlit's Markdown renderer."""
    found = [e.value for kind in ("markdown", "caption", "warning", "info") for e in getattr(app, kind)]
    for metric in app.metric:
        found += [metric.proto.label, metric.proto.body, metric.proto.help]
    found += [link.value for link in app.get("page_link")]
    for frame in app.dataframe:
        columns = json.loads(frame.proto.columns or "{}")
        found += [c.get("help", "") for c in columns.values() if isinstance(c, dict)]
    return [s for s in found if s]


PAGES = [("app_pages/overview.py", {}), ("app_pages/act_detail.py", {"act": LATEST_ACT}),
         ("app_pages/political_prisoners.py", {}), ("app_pages/data.py", {}),
         ("app_pages/sources_and_method.py", {})]


@pytest.mark.parametrize("lang", ["en", "ru"])  # a translated sentence is ours; data inside it is not
@pytest.mark.parametrize("page, params", PAGES, ids=[p.split("/")[-1][:-3] for p, _ in PAGES])
def test_no_planted_text_reaches_markdown_as_markup(hostile_app, page, params, lang):
    app = open_panels(hostile_app(page, **params, lang=lang))  # the panels' tables and quotes too
    assert not app.exception, [e.value for e in app.exception]
    strings = markdown_strings(app)
    # Escaped, the host reads "attacker\.example": the raw host in Markdown is an unescaped value.
    raw = [s for s in strings if ATTACKER in s]
    assert raw == [], raw
    marked = [s for s in strings if UNESCAPED.search(s)]
    assert marked == [], marked


# Our own tags in st.html elements (components/text.py builds them); the stylesheet and the
# language script are constants (tests/test_safety.py).
OUR_TAGS = {"ul", "li", "p", "strong", "span", "a",
            "div", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd"}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page, params", [("app_pages/sources_and_method.py", {}),
                                          ("app_pages/act_detail.py", {"act": LATEST_ACT}),
                                          ("app_pages/data.py", {})],
                         ids=["sources_and_method", "act_detail", "data"])
def test_no_planted_text_reaches_html_as_markup(hostile_app, page, params, lang):
    """Sources & method and Act detail list their sources, and Sources & method and the Data page
    draw their reference tables, as st.html elements: the planted names, titles, notes and cells
    show as typed, and no tag or link comes from them."""
    app = open_panels(hostile_app(page, **params, lang=lang))
    assert not app.exception, [e.value for e in app.exception]
    bodies = [e.proto.body for e in app.get("html")
              if not e.proto.body.lstrip().startswith(("<style", "<script"))]
    assert any(ATTACKER in html_shown(body) for body in bodies)  # the planted text is there, as text
    for body in bodies:
        tags = re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)([^>]*)>", body)
        assert {name.lower() for name, _ in tags} <= OUR_TAGS, tags
        assert not [attributes for _, attributes in tags if ATTACKER in attributes or "style" in attributes]
    assert HTML_LINK in "\n".join(html_shown(body) for body in bodies)


def test_data_page_column_help_from_the_data_dictionary_is_literal(hostile_app):
    app = open_panels(hostile_app("app_pages/data.py"))
    help_texts = [c.get("help", "") for c in json.loads(app.dataframe[0].proto.columns).values()]
    note = [h for h in help_texts if "Official notice" in h]
    assert note and all(ATTACKER not in h for h in note), help_texts


# ------------------------------------------------------------------ link parameters

def warnings(app) -> list[str]:
    return [w.value for w in app.warning]


@pytest.mark.parametrize("value", [LINK, IMAGE, BARE_URL, MONEY, HTML_LINK, "`a` ``b``",
                                   LINK + "x" * 500])
def test_unknown_act_from_a_link_is_echoed_as_one_code_span(run_page, value):
    app = run_page("app_pages/act_detail.py", act=value)
    assert not app.exception
    (warning,) = warnings(app)
    assert markdown_code(value) in warning
    assert cut(value, URL_ECHO_LIMIT) in warning
    assert "x" * 100 not in warning
    # Everything outside the code span is our words and escaped act ids.
    outside = warning.replace(markdown_code(value), "")
    assert ATTACKER not in outside and not UNESCAPED.search(outside)


def test_data_filters_and_flag_from_a_link_are_echoed_as_code_spans(run_page):
    app = run_page("app_pages/data.py", act=LINK, source=IMAGE, measure=HTML_LINK,
                   qualifier=BARE_URL, derived=MONEY)
    assert not app.exception
    text = " ".join(warnings(app))
    for value in (LINK, IMAGE, HTML_LINK, BARE_URL, MONEY):
        assert markdown_code(value) in text
    outside = text
    for value in (LINK, IMAGE, HTML_LINK, BARE_URL, MONEY):
        outside = outside.replace(markdown_code(value), "")
    assert ATTACKER not in outside and "$" not in outside


def test_many_unknown_values_are_counted_not_echoed(run_page):
    app = run_page("app_pages/data.py", act=",".join(f"bogus-{i}" for i in range(200)))
    (warning,) = warnings(app)
    assert "bogus-199" not in warning and "188 more" in warning


# ------------------------------------------------------------------ charts and their exports

ALLOWED_TAGS = {"b", "br", "i"}  # what the builders add themselves
TAG = re.compile(r"<\s*/?\s*([a-zA-Z]+)")


def plotly_strings(figure) -> list[str]:
    layout = figure.layout
    found = [layout.title.text or "", layout.title.subtitle.text or "",
             layout.xaxis.title.text or ""]
    found += [a.text or "" for a in layout.annotations]
    for trace in figure.data:
        found += [str(c) for c in (trace.customdata if trace.customdata is not None else [])]
    return found


@pytest.fixture(scope="module")
def hostile_charts(hostile_db):
    _, db = hostile_db
    with connect(db) as con:
        return {name: build_chart(name, con) for name in figure_names(con)}


def test_every_chart_escapes_its_text(hostile_charts):
    tags, planted = set(), []
    for name, chart in hostile_charts.items():
        for text in plotly_strings(chart.figure):
            tags |= set(TAG.findall(text))
            planted += [f"{name}: {text[:80]}" for raw in (HTML_LINK, HTML_SPAN, MONEY) if raw in text]
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert planted == []
    # ...and the planted words are there, escaped, in the footer of the act's chart.
    footer = [a.text for a in hostile_charts[f"act-breakdown-{LATEST_ACT}"].figure.layout.annotations
              if a.name == "footer"][0]
    assert "&lt;a" in footer and "&lt;span" in footer and "&lt;/span&gt;" in footer
    assert "costs &#36;5 and &#36;10 each" in footer


def test_exported_html_has_no_live_planted_link(hostile_charts):
    page = render.export_bytes(compose(hostile_charts[f"act-breakdown-{LATEST_ACT}"], ExportSpec(name="hostile"),
                                       ExportFacts(version="test", made_on=date(2026, 1, 2), site_url=None)),
                               "html").decode("utf-8")
    # The figure's JSON in the page writes < > / as \\u003c...: read it as plotly.js will.
    decoded = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), page).replace('\\"', '"')
    assert '<a href="https://attacker.example' not in decoded
    assert "<span style" not in decoded
    assert '&lt;a href="https://attacker.example/html"&gt;click here' in decoded  # drawn as text


@pytest.mark.skipif(not render.chromium_available(), reason="needs /usr/bin/chromium")
def test_exported_svg_shows_planted_html_as_text(hostile_charts):
    chart = hostile_charts[f"act-breakdown-{LATEST_ACT}"]
    try:
        svg = render.chart_bytes(chart, "svg")
    finally:
        render.stop_server()
    root = ET.fromstring(svg)
    elements = list(root.iter())
    links = [e for e in elements if e.tag.endswith("}a") or e.tag == "a"]
    assert links == []
    styled = [e.get("style", "") for e in elements if "300px" in e.get("style", "")]
    assert styled == []
    words = "".join(e.text or "" for e in elements)
    assert HTML_LINK.split(">")[0] in words  # '<a href="https://attacker.example/html"' as text
    assert "costs $5 and $10 each" in words


# ------------------------------------------------------------------ invisible characters in the data

INVISIBLE = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
             "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff"]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_validate_refuses_bidi_and_zero_width_characters_by_file_row_and_column(tmp_path, char):
    """U+202E reverses a caption; U+200B makes 'IHR' and 'IH\\u200bR' two sources that look one."""
    data = copy_data(tmp_path / "data")
    set_cell(data, "sources.csv", "source_id", MONITOR, "short_name", f"IH{char}R")
    with open(data / "sources.csv", encoding="utf-8", newline="") as handle:
        row = 2 + [r["source_id"] for r in csv.DictReader(handle)].index(MONITOR)
    problems = validate(data)
    assert [(p.file, p.row, p.column) for p in problems] == [("sources.csv", row, "short_name")]
    assert f"U+{ord(char):04X}" in problems[0].message


def test_the_cli_names_the_invisible_character(tmp_path):
    data = copy_data(tmp_path / "data")
    set_cell(data, "figures.csv", "figure_id", "pardon-2016.released", "note", "see \u202eevil")
    result = CliRunner().invoke(app, ["validate", "--data-dir", str(data)])
    assert result.exit_code == 1
    assert "figures.csv row 2, column note: contains the invisible character U+202E " \
           "(RIGHT-TO-LEFT OVERRIDE)" in result.output


# ------------------------------------------------------------------ the zip's README

def test_the_zips_readme_shows_data_text_literally(hostile_db):
    import io
    import zipfile

    from amnesty.bundle import Filters
    from amnesty.downloads import filtered_download

    _, db = hostile_db
    with connect(db) as con:
        archive = zipfile.ZipFile(io.BytesIO(filtered_download(con, Filters.of()).data("zip")))
    (name,) = [n for n in archive.namelist() if n.endswith("README.md")]
    readme = archive.read(name).decode("utf-8")
    page = COMMONMARK.render(readme)
    assert "<a " not in page and "<img" not in page and "<span" not in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page)).replace(WORD_JOINER, "")
    for planted in (LINK, IMAGE, BARE_URL, MONEY, HTML_LINK, HTML_SPAN, f"Press {IMAGE}"):
        assert planted in text, planted


# Where the README puts a value: a paragraph, a list item, a table cell, a heading.
README_PLACES = {"paragraph": ("{}", "<p>", "</p>\n"), "list item": ("- {}", "<ul>\n<li>", "</li>\n</ul>\n"),
                 "heading": ("# {}", "<h1>", "</h1>\n"),
                 "table cell": ("| a |\n|---|\n| {} |", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n"
                                "</thead>\n<tbody>\n<tr>\n<td>", "</td>\n</tr>\n</tbody>\n</table>\n")}


@settings(max_examples=200, deadline=None)
@given(TEXT.filter(lambda t: t.strip()), st.sampled_from(sorted(README_PLACES)))
@example("a ##", "heading")
@example("1. a", "list item")
@example("---", "paragraph")
@example("x | y", "table cell")
def test_readme_literal_renders_as_typed_wherever_the_readme_puts_it(text, place):
    template, before, after = README_PLACES[place]
    out = COMMONMARK.render(template.format(readme_literal(text)))
    assert out.startswith(before) and out.endswith(after), out
    inner = out[len(before):-len(after)]
    assert "<" not in inner, out
    assert html.unescape(inner).replace(WORD_JOINER, "") == text.strip()


def test_readme_literal_leaves_ordinary_prose_alone():
    for prose in ("AI-written press article (E. Kowalski)", "the figure_id of each published figure",
                  "Azerbaijan's amnesties and pardons since 2016: scale, releases; 15.6%–16.8%"):
        assert readme_literal(prose) == prose
