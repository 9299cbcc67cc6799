"""ASGI middleware: the page's `<html lang>` names the reader's language, not always "en".

Streamlit serves one index.html, with `<html lang="en">` written in, for every page. A screen
reader picks its voice from that attribute, so a Russian page read with an English voice is
gibberish. The language comes from the link's ?lang=, else the browser's Accept-Language, as
amnesty.page_language chooses it in the session; switching language inside the page sets the
attribute there too.
"""
from __future__ import annotations

from urllib.parse import parse_qs

from amnesty.i18n import DEFAULT, LANGUAGES, best_match

STREAMLIT_HTML_TAG = b'<html lang="en">'
# Everything Streamlit serves that is not a page: scripts, styles, the websocket, health, media,
# and our own data URLs.
NOT_PAGES = ("/_stcore/", "/static/", "/media/", "/component/", "/data/", "/app/static/")


def page_language(query_string: bytes, accept_language: str | None) -> str:
    asked = parse_qs(query_string.decode("latin-1")).get("lang", [])
    if asked and asked[-1] in LANGUAGES:
        return asked[-1]
    return best_match(accept_language) if not asked and best_match(accept_language) else DEFAULT


def _is_page(scope) -> bool:
    path = scope.get("path", "")
    last = path.rsplit("/", 1)[-1]
    return (scope["type"] == "http" and scope.get("method") == "GET" and "." not in last
            and not any(part in path for part in NOT_PAGES))


class HtmlLangMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if not _is_page(scope):
            return await self.app(scope, receive, send)
        headers = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        accept = next((v.decode("latin-1") for k, v in headers if k == b"accept-language"), None)
        lang = page_language(scope.get("query_string", b""), accept).encode()
        # Ask for the page uncompressed (it is 2 kB; a proxy compresses it) so its bytes can be
        # edited, and hold the start of the response until its body is seen.
        scope = {**scope, "headers": headers}
        start = {}

        async def send_with_lang(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] == "http.response.body" and start:
                body = message.get("body", b"")
                is_html = any(k == b"content-type" and v.startswith(b"text/html")
                              for k, v in start.get("headers", []))
                if is_html and not message.get("more_body") and STREAMLIT_HTML_TAG in body:
                    body = body.replace(STREAMLIT_HTML_TAG, b'<html lang="' + lang + b'">', 1)
                    start["headers"] = [(k, str(len(body)).encode() if k == b"content-length" else v)
                                        for k, v in start["headers"]]
                    message = {**message, "body": body}
                await send(dict(start))
                start.clear()
            await send(message)

        await self.app(scope, receive, send_with_lang)
