"""The stable data URLs over HTTP, against the running app (`streamlit run app.py`): every format,
every filter, a pinned version, the 4xx answers a bad link gets, caching, and formula safety."""
from __future__ import annotations

import io
import json
import shutil
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass

import openpyxl
import pandas as pd
import pytest

import app_server
from amnesty.build import build
from amnesty.filters import FACETS, Filters
from amnesty.data_urls import FILES, data_url
from amnesty.db import run_query
from amnesty.downloads import download_file_name
from amnesty.i18n import language
from amnesty.paths import DATA_DIR
from amnesty.version import built_version
from test_export_data import read_back

ACT = "amnesty-2021"


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


def fetch(url: str, **headers) -> Answer:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()},
                          response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def rows(db, filters: Filters) -> pd.DataFrame:
    return run_query(db, "all_figures", **filters.query_params())


@pytest.fixture(scope="module")
def version(db):
    return built_version(db)


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_each_format_holds_exactly_the_filtered_rows(server, db, version, fmt):
    filters = Filters.of(act_ids=[ACT])
    answer = fetch(data_url(server.url, fmt, filters))
    assert answer.status == 200
    expected = rows(db, filters)
    back = read_back(answer.body, fmt)
    assert list(back["figure_id"]) == list(expected["figure_id"])
    assert list(back["value_text"]) == list(expected["value_text"])
    assert answer.headers["content-type"].split(";")[0] == {
        "csv": "text/csv", "json": "application/json", "parquet": "application/vnd.apache.parquet",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[fmt]
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="{download_file_name(filters, version, fmt)}"')


def test_the_datapackage_describes_every_column_of_the_view(server, db, version):
    filters = Filters.of(act_ids=[ACT])
    answer = fetch(data_url(server.url, "datapackage", filters))
    assert answer.status == 200 and answer.headers["content-type"].startswith("application/json")
    package = answer.json()
    assert package["version"] == version
    fields = package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == list(rows(db, filters).columns)
    assert package["resources"][0]["path"] == download_file_name(filters, version, "csv")


def test_the_zip_holds_the_csv_its_dictionary_and_a_readme_citing_the_url(server, db, version):
    filters = Filters.of(act_ids=[ACT])
    url = data_url(server.url, "zip", filters)
    answer = fetch(url)
    assert answer.status == 200 and answer.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.body)) as archive:
        members = {name.rsplit("/", 1)[-1]: archive.read(name) for name in archive.namelist()}
    csv_name = download_file_name(filters, version, "csv")
    assert set(members) == {csv_name, "datapackage.json", "README.md"}
    assert list(read_back(members[csv_name], "csv")["figure_id"]) == list(rows(db, filters)["figure_id"])
    readme = members["README.md"].decode("utf-8")
    # The citation names the view's own stable URL, pinned to the version it holds.
    assert data_url(server.url, "csv", filters, version) in readme


def test_lang_gives_the_files_words_in_that_language_and_an_unknown_one_is_refused(server, db, version):
    ru = language("ru")
    filters = Filters.of(act_ids=[ACT])
    answer = fetch(data_url(server.url, "zip", filters, version, "ru"))
    assert answer.status == 200 and "_ru.zip" in answer.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(answer.body)) as archive:
        members = {name.rsplit("/", 1)[-1]: archive.read(name) for name in archive.namelist()}
    readme = members["README.md"].decode("utf-8")
    assert ru._("Read before you quote a number") in readme
    assert data_url(server.url, "csv", filters, version, "ru") in readme  # the citation's own link
    csv = read_back(members[download_file_name(filters, version, "csv", "ru")], "csv")
    assert list(csv["figure_id"]) == list(rows(db, filters)["figure_id"])  # the same rows
    # The English and the Russian file of one view are two entities for a cache.
    english = fetch(data_url(server.url, "csv", filters, version))
    russian = fetch(data_url(server.url, "csv", filters, version, "ru"))
    assert english.headers["etag"] != russian.headers["etag"]
    refused = fetch(f"{server.url}/data/figures.csv?lang=xx")
    assert refused.status == 400 and refused.json()["known"] == ["en", "az", "ru"]


def values_in(frame: pd.DataFrame, facet) -> list[set[str]]:
    """Each row's ids in the facet's column (several where the column lists them)."""
    return [set(str(cell).split("; ")) - {""} if facet.listed else {cell} if isinstance(cell, str) else set()
            for cell in frame[facet.column]]


@pytest.mark.parametrize("facet", FACETS, ids=lambda f: f.key)
def test_each_filter_keeps_only_its_rows(server, db, facet):
    everything = rows(db, Filters())
    # The least common value of the column: a filter that visibly filters.
    value = pd.Series([v for ids in values_in(everything, facet) for v in ids]).value_counts().index[-1]
    filters = Filters.from_choices({facet.key: [value]})
    expected = rows(db, filters)
    assert 0 < len(expected) < len(everything)
    assert len(expected) == sum(value in ids for ids in values_in(everything, facet))
    back = read_back(fetch(data_url(server.url, "csv", filters)).body, "csv")
    assert list(back["figure_id"]) == list(expected["figure_id"])
    assert all(value in ids for ids in values_in(back, facet))


def test_repeated_and_comma_separated_values_are_one_filter(server, db):
    acts = list(rows(db, Filters())["act_id"].unique()[:2])
    repeated = fetch(f"{server.url}/data/figures.csv?act={acts[0]}&act={acts[1]}")
    commas = fetch(f"{server.url}/data/figures.csv?act={acts[0]},{acts[1]}")
    assert repeated.status == commas.status == 200
    assert repeated.body == commas.body
    expected = rows(db, Filters.of(act_ids=acts))
    assert list(read_back(commas.body, "csv")["figure_id"]) == list(expected["figure_id"])


def test_derived_no_leaves_out_the_derived_rows(server, db):
    back = read_back(fetch(f"{server.url}/data/figures.json?derived=no").body, "json")
    expected = rows(db, Filters.of(include_derived=False))
    assert list(back["figure_id"]) == list(expected["figure_id"])
    assert not back["derived"].any() and rows(db, Filters())["derived"].any()


def test_the_current_version_pins_the_url_for_caches(server, version):
    latest = fetch(f"{server.url}/data/figures.csv")
    pinned = fetch(f"{server.url}/data/figures.csv?v={version}")
    assert latest.status == pinned.status == 200 and latest.body == pinned.body
    assert "immutable" in pinned.headers["cache-control"]
    assert "immutable" not in latest.headers["cache-control"]
    assert version in pinned.headers["etag"] and f"_v{version}." in pinned.headers["content-disposition"]


def test_an_unknown_version_is_refused_naming_the_current_one(server, version):
    answer = fetch(f"{server.url}/data/figures.csv?v=000000000000")
    assert answer.status == 404
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["parameter"] == "v" and body["known"] == [version]
    assert body["unknown"] == ["000000000000"]


@pytest.mark.parametrize("query, parameter", [
    ("act=no-such-act", "act"),
    ("measure=released,no-such-measure", "measure"),
    ("stage=final-ish", "stage"),
    ("qualifier=roughly", "qualifier"),
    ("source=%3Cscript%3E", "source"),
    ("derived=perhaps", "derived"),
    ("acts=amnesty-2021", "acts"),
])
def test_a_bad_link_gets_a_4xx_listing_the_known_values(server, db, query, parameter):
    answer = fetch(f"{server.url}/data/figures.csv?{query}")
    assert answer.status == 400
    assert answer.headers["content-type"].startswith("application/json")
    assert b"<html" not in answer.body.lower()
    body = answer.json()
    assert body["parameter"] == parameter and body["known"]
    facet = next((f for f in FACETS if f.key == parameter), None)
    if facet:  # the known values are the column's own, read from the database
        assert set(body["known"]) == set().union(*values_in(rows(db, Filters()), facet))


def test_an_unknown_file_is_a_json_404_not_the_apps_page(server):
    answer = fetch(f"{server.url}/data/figures.txt")
    assert answer.status == 404 and answer.headers["content-type"].startswith("application/json")
    assert "/data/figures.csv" in answer.json()["known"]


def test_a_cache_that_holds_the_view_gets_304(server):
    url = f"{server.url}/data/figures.parquet?act={ACT}"
    first = fetch(url)
    again = fetch(url, **{"If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.body == b""
    other = fetch(f"{server.url}/data/figures.parquet?act=pardon-2016")
    assert other.headers["etag"] != first.headers["etag"]
    # The same view asked for with its values in another order is the same data.
    assert fetch(f"{server.url}/data/figures.csv?act=pardon-2016,{ACT}").headers["etag"] == \
        fetch(f"{server.url}/data/figures.csv?act={ACT},pardon-2016").headers["etag"]


# -- formula safety, against an app serving data with a formula in it -------------------------------
FORMULA = '=HYPERLINK("http://example.com/steal","Click")'


@pytest.fixture(scope="module")
def poisoned_server(tmp_path_factory, artifacts):
    """The app serving a database whose data carries a formula in a figure's note."""
    folder = tmp_path_factory.mktemp("poisoned")
    data = shutil.copytree(DATA_DIR, folder / "data")
    figures = pd.read_csv(data / "figures.csv", dtype=str, keep_default_na=False)
    figures.loc[0, "note"] = FORMULA
    figures.to_csv(data / "figures.csv", index=False)
    db = build(data, folder / "amnesty.duckdb")
    served = app_server.start(db, artifacts / "logs")
    yield served, figures.loc[0, "figure_id"]
    served.stop()


def test_a_formula_in_the_data_is_text_in_the_csv_and_the_xlsx(poisoned_server):
    served, figure_id = poisoned_server
    csv = fetch(f"{served.url}/data/figures.csv").body.decode("utf-8-sig")
    assert f"'{FORMULA}".replace('"', '""') in csv
    assert f",{FORMULA}" not in csv and f',"{FORMULA}'.replace('"', '""') not in csv

    sheet = openpyxl.load_workbook(io.BytesIO(fetch(f"{served.url}/data/figures.xlsx").body)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("figure_id")].value == figure_id)
    cell = row[header.index("note")]
    assert cell.data_type == "s"  # a string, not a formula ("f")
    assert cell.value == f"'{FORMULA}" or (cell.value == FORMULA and cell.quotePrefix)
