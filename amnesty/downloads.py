"""Every researcher download of one filtered view, by format: what the Data page and the CLI share.

`filtered_download(con, filters, lang=...)` runs the queries once; `.data(fmt)` and `.file_name(fmt)`
give the bytes and the name for csv, xlsx, parquet, json, the datapackage.json, or the zip bundle.
In Azerbaijani or Russian, the rows keep their machine values and English column names, and our
words in them (act titles, measure labels, value_text, notes) are in that language, as are the
README, the About sheet, the data dictionary and the citation; the file names say the language.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

import pandas as pd

from amnesty.bundle import about_rows, bundle_bytes, export_file_name, used_sources
from amnesty.filters import Filters
from amnesty.citation import Citation, citation
from amnesty.data_dictionary import figures_package, package_json
from amnesty.dataset import figures_frame
from amnesty.db import run_query
from amnesty.export_data import FORMATS, MEDIA_TYPES, figures_bytes
from amnesty.i18n import DEFAULT, ENGLISH, Language
from amnesty.version import built_version
from amnesty.wording import data_words, derivations_in, in_language

DOWNLOAD_FORMATS = FORMATS + ("zip", "datapackage")
DOWNLOAD_MEDIA_TYPES = MEDIA_TYPES | {"zip": "application/zip", "datapackage": "application/json"}


def download_file_name(filters: Filters, version: str, fmt: str, lang: str = DEFAULT) -> str:
    if fmt == "datapackage":  # it names the CSV it describes, so its own name says which
        return export_file_name(filters, version, "csv", lang)[:-len(".csv")] + ".datapackage.json"
    return export_file_name(filters, version, fmt, lang)


@dataclass(frozen=True)
class FilteredDownload:
    frame: pd.DataFrame
    filters: Filters
    cite: Citation
    sources: pd.DataFrame
    qualifier_readings: pd.DataFrame

    def file_name(self, fmt: str) -> str:
        return download_file_name(self.filters, self.cite.version, fmt, self.cite.lang.code)

    def data(self, fmt: str) -> bytes:
        if fmt == "zip":
            return bundle_bytes(self.frame, self.filters, self.cite, self.sources,
                                self.qualifier_readings)
        if fmt == "datapackage":
            return package_json(self.package(self.file_name("csv")))
        if fmt == "xlsx":
            return figures_bytes(self.frame, fmt, about=about_rows(
                self.frame, self.filters, self.cite, self.sources, self.qualifier_readings))
        return figures_bytes(self.frame, fmt)

    def package(self, data_file: str) -> dict:
        return figures_package(self.frame, data_file, version=self.cite.version,
                               filters_text=self.filters.text(self.cite.lang),
                               sources=used_sources(self.frame, self.sources),
                               qualifiers=list(self.qualifier_readings["qualifier"]),
                               created=self.cite.accessed, lang=self.cite.lang)


def filtered_download(con, filters: Filters, accessed: date | None = None,
                      url: str | None = None, lang: Language = ENGLISH) -> FilteredDownload:
    """The rows of one view and everything that describes them. `url` is the view's stable data
    URL (amnesty.data_urls), for the citation; the version is the one the database holds."""
    fetch = partial(run_query, con)
    credits = data_words(lang, fetch)
    frame = figures_frame(None, con=con, **filters.query_params())
    frame = in_language(frame, lang, credits | derivations_in(lang, frame, fetch))
    sources = in_language(run_query(con, "sources"), lang, credits)
    cite = citation(built_version(con), used_sources(frame, sources), accessed, url=url, lang=lang)
    return FilteredDownload(frame=frame, filters=filters, cite=cite, sources=sources,
                            qualifier_readings=run_query(con, "qualifier_readings"))
