"""Links to a source's own page, safe to put in Markdown.

A URL comes from data (sources.csv), so it is checked before it reaches a page: only http(s) with a
host, and every character Markdown or HTML could read as syntax (spaces, brackets, quotes, angle
brackets) percent-encoded. Anything else gives no link, never a broken or active one.
"""
from __future__ import annotations

from urllib.parse import quote, urlsplit

# RFC 3986's reserved characters and %, minus ( ) and ', which would end a Markdown link early.
URL_SAFE = ":/?#[]@!$&*+,;=%~"


def safe_url(url) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=URL_SAFE).replace("[", "%5B").replace("]", "%5D")


def source_link(url, text: str = "Read the source") -> str | None:
    """A Markdown link with our own words as its text, or None where the source has no usable URL."""
    target = safe_url(url)
    return f"[{text}]({target})" if target else None
