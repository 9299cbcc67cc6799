"""The app's stable data URLs, served by Starlette beside the pages (app.py's `st.App(routes=...)`).

GET /data/figures.csv?act=amnesty-2021&v=8166b5bf4e08 runs the view's DuckDB query and answers with
the file the Data page's download button gives (amnesty.downloads), named for its filters and
version. Unlike Streamlit's /media links, the URL does not expire, so it can go in a script, a
spreadsheet or a citation. A bad link gets a 4xx JSON message listing the known values, never the
app's HTML page.

The endpoint is a plain `def`: Starlette runs it on its thread pool, so DuckDB's work never blocks
the event loop that carries every reader's websocket.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from amnesty.filters import FACET_KEYS, Filters
from amnesty.data_urls import (DATA_PATH, FILES, BadView, data_url, read_language, read_view,
                               site_url, view_query)
from amnesty.db import run_query
from amnesty.downloads import DOWNLOAD_MEDIA_TYPES, filtered_download
from amnesty.i18n import language
from amnesty.version import built_version

# Text formats say their charset, so a browser or curl shows ə and – as they are.
CHARSET = {"csv": "; charset=utf-8", "json": "; charset=utf-8", "datapackage": "; charset=utf-8"}
# A URL that names its version (v=) always gives the same rows: caches may keep it for a year. One
# without v= follows the data, so caches keep it briefly and then ask again with the ETag.
PINNED_CACHE = "public, max-age=31536000, immutable"
LATEST_CACHE = "public, max-age=300, must-revalidate"


def data_routes() -> list[Route]:
    """The routes for app.py's st.App."""
    return [Route(DATA_PATH + "/{file_name}", endpoint, methods=["GET", "HEAD"])]


def endpoint(request: Request) -> Response:
    # The pages' own read-only connection. Imported here, at the first request, because the
    # server imports this module before Streamlit's runtime exists, and amnesty.webapp's caches
    # want one.
    from amnesty.webapp import connection

    return serve_data_file(request, connection())


def serve_data_file(request: Request, con) -> Response:
    fmt = FILES.get(request.path_params["file_name"])
    if fmt is None:
        return problem(BadView(404, f"no data file called {request.path_params['file_name']!r}",
                               parameter="path", unknown=[request.path_params["file_name"]],
                               known=[f"{DATA_PATH}/{name}" for name in FILES]))
    version = built_version(con)
    try:
        filters = read_view(request.query_params.multi_items(), known_values(con, version), version)
        lang = read_language(request.query_params.multi_items())
    except BadView as bad:
        return problem(bad)
    pinned = "v" in request.query_params
    headers = {
        "ETag": entity_tag(version, filters, lang),
        "Cache-Control": PINNED_CACHE if pinned else LATEST_CACHE,
        "Vary": "Accept-Encoding",
        "X-Content-Type-Options": "nosniff",
        "X-Dataset-Version": version,
    }
    if headers["ETag"] in _tags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    site = site_url(str(request.base_url))
    download = filtered_download(con, filters, url=data_url(site, "csv", filters, version, lang),
                                 lang=language(lang))
    headers["Content-Disposition"] = f'attachment; filename="{download.file_name(fmt)}"'
    return Response(download.data(fmt), headers=headers,
                    media_type=DOWNLOAD_MEDIA_TYPES[fmt] + CHARSET.get(fmt, ""))


def entity_tag(version: str, filters: Filters, lang: str = "en") -> str:
    """One tag per (version, filters, language): the same view of the same version is the same data.

    Weak (W/), because the XLSX and the zip carry the day they were made in their citation, so
    two downloads of one view can differ in a byte while saying the same thing."""
    canonical = Filters.from_choices({key: sorted(ids) for key, ids in filters.choices().items()},
                                     filters.include_derived)
    digest = hashlib.sha256(view_query(canonical, lang=lang).encode()).hexdigest()[:16]
    return f'W/"{version}-{digest}"'


def _tags(header: str) -> set[str]:
    return {tag.strip() for tag in header.split(",") if tag.strip()}


@lru_cache(maxsize=8)
def known_values(con, version: str) -> dict[str, list[str]]:
    """Every id each facet may take in this version (cached: they change only with the data)."""
    options = run_query(con, "filter_options", **Filters().option_params())
    return {key: list(options.loc[options["facet"] == key, "option_id"]) for key in FACET_KEYS}


def problem(bad: BadView) -> Response:
    return Response(json.dumps(bad.body(), ensure_ascii=False, indent=1) + "\n",
                    status_code=bad.status, media_type="application/json; charset=utf-8",
                    headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
