"""The stable data URLs of a view: /data/figures.csv?act=amnesty-2021&v=8166b5bf4e08.

One module writes them (the Data page's link and code snippets, the citation) and reads them (the
app's HTTP routes, amnesty.data_routes), so a link the page shows is one the routes accept. The
query parameters are the Data page's own: one per facet of amnesty.bundle.FACETS, repeated or
comma-separated, `derived=no` for published figures only, `v=` for the dataset version, and
`lang=az` or `lang=ru` for a file whose README, dictionary, citation and words are in that language.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

from amnesty.filters import DERIVED_KEY, FACET_KEYS, Filters
from amnesty.i18n import DEFAULT, LANGUAGES

DATA_PATH = "/data"
# URL file name -> download format of amnesty.downloads.
FILES = {
    "figures.csv": "csv",
    "figures.json": "json",
    "figures.parquet": "parquet",
    "figures.xlsx": "xlsx",
    "datapackage.json": "datapackage",
    "figures.zip": "zip",
}
FILE_OF_FORMAT = {fmt: name for name, fmt in FILES.items()}
VERSION_KEY = "v"
LANG_KEY = "lang"
QUERY_KEYS = FACET_KEYS + (DERIVED_KEY, VERSION_KEY, LANG_KEY)
YES = ("1", "true", "yes", "on")
NO = ("0", "false", "no", "off")
# The public address of the app, for links that leave the browser (citations, code to paste).
SITE_URL_ENV = "AMNESTY_SITE_URL"


def site_url(request_url: str | None = None) -> str | None:
    """AMNESTY_SITE_URL if set; otherwise the scheme and host the request came in on."""
    configured = os.environ.get(SITE_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    if not request_url:
        return None
    parts = urlsplit(request_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def view_query(filters: Filters, version: str | None = None, lang: str = DEFAULT) -> str:
    """The query string of a view, facets in FACETS order; ids joined by commas (kept unescaped:
    they are legal in a query and keep the URL readable); English, the default, is not named."""
    pairs = [(key, ",".join(ids)) for key, ids in filters.choices().items()]
    if not filters.include_derived:
        pairs.append((DERIVED_KEY, "no"))
    if version:
        pairs.append((VERSION_KEY, version))
    if lang != DEFAULT:
        pairs.append((LANG_KEY, lang))
    return urlencode(pairs, safe=",", quote_via=quote)


def data_url(site: str, fmt: str, filters: Filters, version: str | None = None,
             lang: str = DEFAULT) -> str:
    """The stable URL of one view in one format, e.g. https://host/data/figures.csv?act=x&v=abc."""
    query = view_query(filters, version, lang)
    return f"{site.rstrip('/')}{DATA_PATH}/{FILE_OF_FORMAT[fmt]}" + (f"?{query}" if query else "")


def split_values(raw: list[str]) -> list[str]:
    """?k=a&k=b and ?k=a,b alike give [a, b]; blanks are dropped, repeats kept once, order kept."""
    return list(dict.fromkeys(v.strip() for text in raw for v in text.split(",") if v.strip()))


def read_flag(text: str) -> bool | None:
    """yes/no in the words a link may use; None for anything else."""
    word = text.strip().lower()
    return True if word in YES else False if word in NO else None


@dataclass
class BadView(ValueError):
    """A request the routes refuse: status 400 (a filter) or 404 (a version, a file), and a
    message that lists what is known, so a reader can fix the link."""
    status: int
    message: str
    parameter: str
    unknown: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message

    def body(self) -> dict:
        return {"error": self.message, "parameter": self.parameter, "unknown": self.unknown,
                "known": self.known}


def read_view(pairs: list[tuple[str, str]], known: dict[str, list[str]], version: str) -> Filters:
    """The Filters a URL's (key, value) pairs name, checked against the known ids of each facet
    and the version served; anything else raises BadView."""
    given: dict[str, list[str]] = {}
    for key, value in pairs:
        given.setdefault(key, []).append(value)
    strange = [key for key in given if key not in QUERY_KEYS]
    if strange:
        raise BadView(400, f"unknown query parameter(s): {', '.join(strange)}",
                      parameter=strange[0], unknown=strange, known=list(QUERY_KEYS))
    versions = split_values(given.get(VERSION_KEY, []))
    if any(v != version for v in versions):
        raise BadView(404, f"this server holds dataset version {version} only; drop v= for the "
                      "latest numbers, or use v=" + version, parameter=VERSION_KEY,
                      unknown=[v for v in versions if v != version], known=[version])
    chosen = {}
    for key in FACET_KEYS:
        values = split_values(given.get(key, []))
        unknown = [v for v in values if v not in known.get(key, [])]
        if unknown:
            raise BadView(400, f"unknown {key} value(s): {', '.join(unknown)}", parameter=key,
                          unknown=unknown, known=list(known.get(key, [])))
        chosen[key] = values
    flags = [read_flag(text) for text in given.get(DERIVED_KEY, [])]
    if None in flags:
        raise BadView(400, f"{DERIVED_KEY} takes yes or no", parameter=DERIVED_KEY,
                      unknown=[t for t, f in zip(given[DERIVED_KEY], flags) if f is None],
                      known=["yes", "no"])
    return Filters.from_choices(chosen, include_derived=flags[-1] if flags else True)


def read_language(pairs: list[tuple[str, str]]) -> str:
    """The file's language a URL names (lang=az), English without one; anything else raises
    BadView, listing the languages there are."""
    given = [value.strip() for key, value in pairs if key == LANG_KEY]
    unknown = [value for value in given if value not in LANGUAGES]
    if unknown:
        raise BadView(400, f"unknown {LANG_KEY} value(s): {', '.join(unknown)}", parameter=LANG_KEY,
                      unknown=unknown, known=list(LANGUAGES))
    return given[-1] if given else DEFAULT


# Code that fetches a view, one per tool a researcher may use: (tab label, highlight language, code).
# The CSV carries a byte-order mark for Excel; each reader below is told to expect it.
def fetch_code(csv_url: str) -> list[tuple[str, str | None, str]]:
    return [
        ("pandas", "python", f'import pandas as pd\n\nfigures = pd.read_csv("{csv_url}")\n'),
        ("R", "r", f'figures <- read.csv("{csv_url}", fileEncoding = "UTF-8-BOM")\n'),
        ("Stata", None, f'import delimited "{csv_url}", encoding("utf-8") bindquote(strict) clear\n'),
        ("Spreadsheet", None, f'=IMPORTDATA("{csv_url}")\n'),
    ]
