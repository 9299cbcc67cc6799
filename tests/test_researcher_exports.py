"""Researcher downloads: the filtered view in every format, its data dictionary, the zip that
carries its provenance, file names that say what is inside, and the citation."""
import io
import json
import zipfile
from datetime import date

import openpyxl
import pytest
import yaml
from frictionless import validate
from typer.testing import CliRunner

from amnesty.filters import Filters
from amnesty.citation import AUTHOR, Citation
from amnesty.cli import app
from components.text import readme_literal
from amnesty.db import connect, run_query
from amnesty.downloads import DOWNLOAD_FORMATS, filtered_download
from amnesty.version import dataset_version
from test_export_data import read_back

runner = CliRunner()
DAY = date(2026, 11, 23)
FILTERS = Filters.of(act_ids=["amnesty-2021"], include_derived=True)


@pytest.fixture(scope="module")
def download(built_db):
    with connect(built_db) as con:
        return filtered_download(con, FILTERS, accessed=DAY)


@pytest.fixture(scope="module")
def expected(built_db):
    with connect(built_db) as con:
        return run_query(con, "all_figures", **FILTERS.query_params())


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "json"])
def test_each_format_holds_exactly_the_filtered_rows(download, expected, fmt):
    back = read_back(download.data(fmt), fmt)
    assert list(back["figure_id"]) == list(expected["figure_id"])
    assert set(back["act_id"]) == {"amnesty-2021"}
    assert list(back["value_text"]) == list(expected["value_text"])


def test_file_names_carry_the_filters_and_the_dataset_version(download):
    version = dataset_version()
    for fmt in DOWNLOAD_FORMATS:
        name = download.file_name(fmt)
        assert "act-amnesty-2021" in name and f"_v{version}" in name, name
    assert Filters.of(qualifiers=["more_than"], include_derived=False).slug() == (
        "qualifier-more_than_published-only")


def test_the_zip_carries_data_dictionary_readme_and_citation(download, expected, tmp_path):
    with zipfile.ZipFile(io.BytesIO(download.data("zip"))) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    folder = download.file_name("zip")[:-len(".zip")]
    assert sorted(names) == sorted(f"{folder}/{member}" for member in
                                   (f"{folder}.csv", "datapackage.json", "README.md"))
    root = tmp_path / folder
    csv = read_back((root / f"{folder}.csv").read_bytes(), "csv")
    assert list(csv["figure_id"]) == list(expected["figure_id"])

    readme = (root / "README.md").read_text(encoding="utf-8")
    # The citation's words come from the data: the README has them literal (components.text).
    assert readme_literal(download.cite.text()) in readme and download.cite.bibtex() in readme
    assert f"Dataset version: `{download.cite.version}`" in readme and DAY.isoformat() in readme
    assert f"holds {len(expected)} rows" in readme
    # The 2021 rows rest on the AI-written press article: the README says to treat it with care.
    flagged = download.sources[download.sources["source_id"].isin(expected["source_id"])
                               & download.sources["ai_written"]]
    assert len(flagged) == 1 and f"**{flagged.iloc[0].short_name}** (AI-written, secondary)" in readme
    for column in expected.columns:
        assert f"| `{column}` |" in readme, column

    report = validate(root / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_citation_lists_only_the_sources_behind_the_rows(download, expected):
    """The citation names the 2021 rows' sources (first, further, attributed to, and the copy each
    was read in) and no other."""
    given = {s for listed in expected["source_ids"].dropna() for s in listed.split("; ") if s}
    used = given | set(expected["source_id"].dropna()) | set(expected["attributed_to"].dropna())
    sources = download.sources.set_index("source_id")
    used |= set(sources.index[sources["short_name"].isin(sources.loc[sorted(used), "reported_in_name"])])
    assert given - set(expected["source_id"].dropna()), "expected a further source in the 2021 rows"
    assert used and len(sources) > len(used)
    for source_id, row in sources.iterrows():
        named = any(line.startswith(row.credit_text) for line in download.cite.sources)
        assert named == (source_id in used), source_id
    for text in (download.cite.text(), download.cite.bibtex()):
        assert all(sources.loc[s, "credit_text"] in text for s in used)


def test_bibtex_escapes_what_latex_reads_as_markup():
    cite = Citation(title="Rates_50% & more {x}", version="abc", accessed=DAY, sources=("A #1",),
                    url="https://example.org/data/figures.csv?act=a_b&v=abc")
    entry = cite.bibtex()
    assert r"Rates\_50\% \& more \{x\}" in entry and r"A \#1" in entry
    assert "url          = {https://example.org/data/figures.csv?act=a_b&v=abc}," in entry
    assert "urldate      = {2026-11-23}," in entry and "version      = {abc}," in entry
    assert cite.text().startswith(f"{AUTHOR}. (2026). Rates_50% & more {{x}} (Version abc) [Data set]. "
                                  "Retrieved November 23, 2026, from https://example.org/")


def test_the_xlsx_has_a_frozen_header_and_an_about_sheet(download, expected):
    book = openpyxl.load_workbook(io.BytesIO(download.data("xlsx")))
    figures, about = book.worksheets
    assert (figures.title, about.title) == ("figures", "About")
    assert figures.freeze_panes == "A2"
    assert [c.value for c in figures[1]] == list(expected.columns)
    cells = {row[0].value: row[1].value for row in about.iter_rows() if len(row) > 1 and row[0].value}
    assert cells["How to cite (APA)"] == download.cite.text()
    assert cells["BibTeX"] == download.cite.bibtex()  # starts with @: kept as text, unprefixed
    bibtex = next(row[1] for row in about.iter_rows() if row[0].value == "BibTeX")
    assert bibtex.data_type == "s" and bibtex.quotePrefix
    assert cells["Dataset version"] == download.cite.version
    # The column dictionary gives the machine name, the reader's label and the meaning.
    dictionary = {row[0].value: (row[1].value, row[2].value) for row in about.iter_rows()
                  if row[0].value in expected.columns}
    assert set(dictionary) == set(expected.columns)
    assert dictionary["measure_label"][0] == "What was counted"
    assert all(label and meaning for label, meaning in dictionary.values())


def test_data_dictionary_describes_every_column_with_its_type(download, expected):
    package = json.loads(download.data("datapackage"))
    fields = package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == list(expected.columns)
    assert all(f.get("description") for f in fields)
    types = {f["name"]: f["type"] for f in fields}
    assert (types["value"], types["low"], types["derived"]) == ("number", "number", "boolean")
    titles = {f["name"]: f["title"] for f in fields}  # the reader's label beside the machine name
    assert (titles["act_title"], titles["value_text"], titles["as_of"]) == ("Act", "Figure", "As of")
    assert package["version"] == download.cite.version


def test_a_formula_in_a_text_cell_is_neutralised_in_the_zip_too(download):
    hostile = download.frame.copy()
    hostile.loc[0, "quote"] = '=HYPERLINK("http://x","click")'
    poisoned = type(download)(frame=hostile, filters=download.filters, cite=download.cite,
                              sources=download.sources,
                              qualifier_readings=download.qualifier_readings)
    with zipfile.ZipFile(io.BytesIO(poisoned.data("zip"))) as archive:
        csv_name = next(n for n in archive.namelist() if n.endswith(".csv"))
        text = archive.read(csv_name).decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and ',=HYPERLINK(' not in text and '"=HYPERLINK(' not in text


def test_cli_writes_a_valid_data_dictionary_beside_the_csv(built_db, tmp_path):
    out = tmp_path / "figures.csv"
    result = runner.invoke(app, ["export", "data", "--format", "csv", "--qualifier", "more_than",
                                 "--datapackage", "--db", str(built_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"][0]["path"] == "figures.csv"
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert set(read_back(out.read_bytes(), "csv")["qualifier"]) == {"more_than"}


def test_cli_names_the_file_for_its_filters_when_no_output_is_given(built_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "data", "--format", "zip", "--act", "pardon-2016",
                                 "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    from amnesty.outputs import MANIFEST  # the record that lets a later export replace it
    assert [p.name for p in tmp_path.iterdir() if p.name != MANIFEST] == [
        f"azerbaijan-amnesties_act-pardon-2016_v{dataset_version()}.zip"]


def test_citation_file_names_the_dataset_as_the_app_does():
    from amnesty.citation import LICENSE, dataset_title
    from amnesty.paths import ROOT
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["cff-version"], cff["type"]) == ("1.2.0", "dataset")
    assert cff["title"] == dataset_title()
    assert cff["license"] == LICENSE.replace(" ", "-")


def test_every_export_column_has_a_reader_label(expected):
    """The data dictionary gives both names: a column the export gains gets a label written for
    readers, not its machine name in words."""
    from amnesty.data_dictionary import READER_LABELS

    assert [c for c in expected.columns if c not in READER_LABELS] == []
    labels = [READER_LABELS[c] for c in expected.columns]
    assert len(set(labels)) == len(labels)
