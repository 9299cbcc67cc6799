"""The one door for text that comes from data or from a URL: it leaves as text, never as markup.

Streamlit renders Markdown (with LaTeX between dollar signs, bare https:// auto-linked, and its
own :directives:) in st.markdown, st.caption, st.warning, metric labels and values, help
tooltips, page-link labels and st.table cells. Plotly renders a subset of HTML (<a href>,
<span style>, <br>) in titles, annotations and hovers, in the app and in exported SVG and HTML.
So a note holding `[Official notice](https://attacker.example)` would be a live link, and
"costs $5 and $10 each" would come out as maths. Every data or URL string goes through one of
these functions at the point where it meets markup; our own wording keeps its formatting.
"""
from __future__ import annotations

import html
import re
import string
from urllib.parse import urlsplit

# CommonMark lets a backslash escape any ASCII punctuation character, and an escaped character is
# always literal text: no emphasis, link, image, autolink, HTML, table cell, maths ($ in
# remark-math) or Streamlit directive (:red[...], :material/...:) can start at it.
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
# GitHub-flavoured Markdown links a bare https://..., www.... or name@host.tld, and Streamlit's
# renderer finds them in the text after escapes are undone (mdast-util-gfm-autolink-literal), so a
# backslash cannot stop it. A WORD JOINER (U+2060: no width, no glyph, no line break) inside the
# pattern does: "https://" and "www." no longer start a link, and an address is no longer one
# word before its "@". The text reads the same; only a copied address carries the joiner.
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"
# A value echoed from a link is cut to this many characters: enough to recognise, too short to
# carry a paragraph of someone else's text.
URL_ECHO_LIMIT = 60
ELLIPSIS = "…"


def one_line(text) -> str:
    """Line breaks become spaces: inline Markdown must not start a new block (a heading, a list,
    a quote or a code block) from data."""
    return _LINE_BREAKS.sub(" ", str(text))


def cut(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[:limit - 1] + ELLIPSIS


def markdown_literal(text, limit: int | None = None) -> str:
    """`text` as Markdown that renders as the characters given, on one line, and links nothing."""
    text = _AUTOLINK_STARTS.sub(WORD_JOINER, cut(one_line(text), limit))
    return _PUNCTUATION.sub(r"\\\1", text)


# For Markdown files people also read raw (the zip's README): only the characters that can start
# markup wherever they stand, so "AI-written press article (E. Kowalski)" stays as typed.
_MARKUP_ANYWHERE = re.compile(r"([\\`*~\[\]<>&|$])")
# "_" only opens or closes emphasis at a word's edge: figure_id is safe as it is.
_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# A line that starts with punctuation (# - + = > |) or "1." / "1)" would be a heading, list, quote
# or rule; the first such character is escaped.
_CLOSING_HASHES = re.compile(r"(?<=\s)(#)(?=#*$)")
_LINE_START = re.compile(r"^([0-9]{1,9}(?=[.)])|)([" + re.escape(string.punctuation) + "])")


def readme_literal(text, limit: int | None = None) -> str:
    """`text` for a Markdown file that renders it as typed and reads cleanly as plain text: one
    line, trimmed, with escapes only where markup could start (it may stand at a line's start, as
    a list item or a table cell)."""
    text = _AUTOLINK_STARTS.sub(WORD_JOINER, cut(one_line(text).strip(), limit))
    start = _LINE_START.match(text)
    lead = start.group(1) + "\\" + start.group(2) if start else ""
    rest = text[start.end():] if start else text
    rest = _EDGE_UNDERSCORE.sub(r"\\_", _MARKUP_ANYWHERE.sub(r"\\\1", rest))
    # In a heading, a closing run of # is dropped: escape where the run starts.
    return lead + _CLOSING_HASHES.sub(r"\\\1", rest)


def link_host(url) -> str | None:
    """The host an http(s) address points to, as the label of a link to it (a reader sees where a
    link goes before following it), or None for anything else (no javascript: or data: link)."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url)
    return parts.hostname if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def markdown_code(text, limit: int | None = URL_ECHO_LIMIT) -> str:
    """`text` as an inline code span that no character in it can close (for values echoed from a
    URL): the fence is one backtick longer than the longest run of backticks inside. CommonMark
    drops one space from each end of a span that has both, so the span is padded with one space
    each side where the text begins or ends with a backtick or is itself wrapped in spaces. Nothing
    within a code span is read as Markdown, maths or a directive."""
    text = cut(one_line(text), limit)
    if not text.strip():
        return "(empty)"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def plotly_text(text) -> str:
    """`text` for a plotly title, annotation or hover: HTML-escaped, so <a>, <span style> and <br>
    show as typed. `$` becomes its character reference, so a string that starts and ends with one
    is never typeset as LaTeX where MathJax is on the page (plotly tests the raw string for $...$
    and only then decodes references)."""
    return html.escape(str(text), quote=False).replace("$", "&#36;")


# A language tag as the data holds it (en, az, ru, uk, fr; validated against data/datapackage.json).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def html_text(text) -> str:
    """Plain text inside HTML for st.html: markup shows as typed, and so do Markdown (st.html reads
    none) and `$` (its character reference: never maths)."""
    return html.escape(str(text), quote=False).replace("$", "&#36;")


def marked_html(parts, caption: bool = False) -> str:
    """Plain text as one HTML paragraph, for st.html: each part is escaped (html_text), and a part
    given with a language tag, (text, "en"), is a <span lang="en">, so a screen reader reads a
    quote in its source's language. A tag that is not one is left off. `caption` sets it in the
    small print of a caption (amnesty/accessibility.css)."""
    out = []
    for part in parts:
        text, tag = part if isinstance(part, tuple) else (part, None)
        out.append(f'<span lang="{tag}">{html_text(text)}</span>' if isinstance(tag, str)
                   and LANGUAGE_TAG.fullmatch(tag) else html_text(text))
    return ('<p class="marked-caption">' if caption else "<p>") + "".join(out) + "</p>"


# Where a source's name goes in its worded heading ("**{name}** — {kind}"): set in bold there.
NAME_MARK = "\x00"


def source_list_html(sources) -> str:
    """A list of sources as one HTML list for st.html. Each source is (heading, name, details,
    note, url): `heading` is our worded line with NAME_MARK, in bold Markdown, where the name goes;
    then a line of small print, the source's reliability note, and a link to it labelled with its
    host (only for a plain http(s) address: link_host). Every text is escaped (html_text) and the
    address percent-encoded (amnesty.links.safe_url, with quotes made references), so nothing in
    the data is markup. One element for the whole list: an element per name, line, note and link
    made Sources & method send some 200 on every run (issue 16)."""
    from amnesty.links import safe_url

    items = []
    for heading, name, details, note, url in sources:
        before, _, after = heading.replace(f"**{NAME_MARK}**", NAME_MARK).partition(NAME_MARK)
        lines = [f"<p>{html_text(before)}<strong>{html_text(name)}</strong>{html_text(after)}</p>"]
        if details:
            lines.append(f'<p class="marked-caption">{html_text(details)}</p>')
        if note:
            lines.append(f"<p>{html_text(note)}</p>")
        if (host := link_host(url)) and (address := safe_url(url)):
            lines.append(f'<p><a href="{html.escape(address, quote=True)}" target="_blank" '
                         f'rel="noopener noreferrer">{html_text(host)}</a></p>')
        items.append(f"<li>{''.join(lines)}</li>")
    # role="list": Safari drops a list's semantics when its bullets are styled away.
    return f'<ul class="source-list" role="list">{"".join(items)}</ul>'


def table_html(labels, rows, numeric=()) -> str:
    """A reference table as one element for st.html, drawn twice: a <table> for a wide screen and
    a card per row for a phone, where four to seven columns of words, dates and long numbers do
    not fit 390 px even wrapped, and a table that scrolls sideways cannot be scrolled from the
    keyboard (WCAG 1.4.10 reflow, 2.1.1). The stylesheet (amnesty/accessibility.css) shows one by
    the screen's width; display:none hides the other from screen readers too.

    `labels` name the columns; each row holds one text per column, '' for none (an empty cell,
    and no line on the card). Columns at the positions in `numeric` are set flush right. Every text
    is escaped (html_text). One element per table: as an st.table each cost a rerun 2.6 ms, and
    making its cells literal for st.table's Markdown as much again (issue 16)."""
    right = lambda i: ' class="number"' if i in numeric else ""  # noqa: E731
    head = "".join(f'<th scope="col"{right(i)}>{html_text(label)}</th>' for i, label in enumerate(labels))
    body = "".join("<tr>" + "".join(f"<td{right(i)}>{html_text(cell)}</td>" for i, cell in enumerate(row))
                   + "</tr>" for row in rows)
    cards = "".join("<dl>" + "".join(f"<div><dt>{html_text(label)}:</dt> <dd>{html_text(cell)}</dd></div>"
                                     for label, cell in zip(labels, row) if cell) + "</dl>" for row in rows)
    return (f'<div class="reference-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            f'<div class="cards">{cards}</div></div>')
