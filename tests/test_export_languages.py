"""Researcher downloads in Azerbaijani and Russian: the rows keep their machine values and English
column names, our words in them are in the language, and the README, the About sheet, the data
dictionary and the citation are written in it; the file names say which language."""
import io
import json
import zipfile
from datetime import date

import openpyxl
import pytest
from frictionless import validate
from typer.testing import CliRunner

from amnesty.cli import app
from amnesty.data_dictionary import EXPORT_DESCRIPTIONS, column_descriptions
from amnesty.db import connect
from amnesty.downloads import DOWNLOAD_FORMATS, filtered_download
from amnesty.filters import Filters
from amnesty.i18n import ENGLISH, language
from amnesty.wording import figure_text
from test_export_data import read_back

runner = CliRunner()
DAY = date(2026, 11, 23)
FILTERS = Filters.of(act_ids=["amnesty-2021"], include_derived=True)
MACHINE_COLUMNS = ["figure_id", "act_id", "measure_id", "stage", "value", "qualifier", "low", "high",
                   "unit", "as_of", "source_id", "quote", "derived"]


@pytest.fixture(scope="module")
def downloads(built_db):
    with connect(built_db) as con:
        return {code: filtered_download(con, FILTERS, accessed=DAY, lang=language(code),
                                        url="https://example.org/data/figures.csv?act=amnesty-2021")
                for code in ("en", "az", "ru")}


@pytest.mark.parametrize("code", ["az", "ru"])
def test_rows_keep_their_machine_values_and_put_our_words_in_the_language(downloads, code):
    lang = language(code)
    english, ours = (read_back(downloads[c].data("csv"), "csv") for c in ("en", code))
    assert list(ours.columns) == list(english.columns)
    assert ours[MACHINE_COLUMNS].equals(english[MACHINE_COLUMNS])
    # The act's title and the measures come from the catalog, and each differs from the English.
    assert set(ours["act_title"]) == {lang._(title) for title in english["act_title"]}
    assert set(ours["act_title"]) != set(english["act_title"])
    # value_text is worded from the bounds in the language: 'more than 16,000' becomes 'более 16 000'.
    row = english[english["qualifier"] == "more_than"].iloc[0]
    expected = figure_text(lang, "more_than", row["value"], row["low"], row["high"], row["unit"],
                           bool(row["approximate"]))
    assert ours.loc[ours["figure_id"] == row["figure_id"], "value_text"].item() == expected
    assert expected != row["value_text"]
    # Our locators are translated; a quote stays in its source's language.
    located = english["locator"].notna()
    assert list(ours.loc[located, "locator"]) == [lang._(text) for text in english.loc[located, "locator"]]
    assert ours["quote"].equals(english["quote"])


@pytest.mark.parametrize("code", ["az", "ru"])
def test_file_names_say_the_language(downloads, code):
    for fmt in DOWNLOAD_FORMATS:
        name, english = downloads[code].file_name(fmt), downloads["en"].file_name(fmt)
        assert f"_{code}." in name and name.replace(f"_{code}", "") == english


def test_the_russian_zip_has_its_readme_dictionary_and_citation_in_russian(downloads, tmp_path):
    ru = language("ru")
    download = downloads["ru"]
    with zipfile.ZipFile(io.BytesIO(download.data("zip"))) as archive:
        archive.extractall(tmp_path)
        names = archive.namelist()
    folder = tmp_path / names[0].split("/")[0]
    assert folder.name.endswith("_ru")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for english in ("Read before you quote a number", "Quote value_text, not value.",
                    "Sources and how far to trust them", "How to cite"):
        assert ru._(english) in readme and ru._(english) != english
        assert english not in readme
    # The citation: the English title with ours in brackets, the date in Russian, and the URL.
    cite = download.cite.text()
    assert "Дата обращения" in cite or ru.date(DAY.isoformat()) in cite
    assert ru.date(DAY.isoformat()) in cite and "https://example.org/data/figures.csv" in cite
    assert download.cite.title + " [" + ru._(download.cite.title) + "]" in cite
    # The dictionary: machine names, Russian titles and descriptions; frictionless still reads it.
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = {field["name"]: field for field in package["resources"][0]["schema"]["fields"]}
    assert fields["value_text"]["description"] == ru._(EXPORT_DESCRIPTIONS["value_text"])
    assert fields["value_text"]["title"] == ru._("Figure") != "Figure"
    assert package["title"] == ru._(download.cite.title)
    assert validate(folder / "datapackage.json").valid


@pytest.mark.parametrize("code", ["az", "ru"])
def test_every_column_is_described_in_the_language(downloads, code):
    lang = language(code)
    columns = list(downloads[code].frame.columns)
    english, ours = column_descriptions(columns, ENGLISH), column_descriptions(columns, lang)
    # Every description is translated (data/datapackage.json's as well as ours), placeholders filled.
    untranslated = [column for column in columns if ours[column] == english[column]]
    assert untranslated == []
    assert all("{" not in text for text in ours.values())


def test_the_azerbaijani_xlsx_about_sheet_is_in_azerbaijani(downloads):
    az = language("az")
    sheet = openpyxl.load_workbook(io.BytesIO(downloads["az"].data("xlsx")))["About"]
    labels = [row[0].value for row in sheet.iter_rows()]
    for english in ("How to cite (APA)", "Dataset version", "Read before you quote a number", "Columns"):
        assert az._(english) in labels and english not in labels
    assert labels[0] == az._(downloads["az"].cite.title)


def test_the_cli_writes_each_language_and_refuses_an_unknown_one(built_db, tmp_path):
    result = runner.invoke(app, ["export", "data", "--db", str(built_db), "--act", "amnesty-2021",
                                 "--format", "zip", "--lang", "az", "-o", str(tmp_path / "az.zip")])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "az.zip") as archive:
        readme = next(archive.read(name) for name in archive.namelist() if name.endswith("README.md"))
    assert language("az")._("Read before you quote a number").encode() in readme
    refused = runner.invoke(app, ["export", "data", "--db", str(built_db), "--lang", "xx",
                                  "-o", str(tmp_path / "xx.csv")])
    assert refused.exit_code != 0 and "unknown language 'xx'" in refused.output
    assert "en, az, ru" in refused.output and not (tmp_path / "xx.csv").exists()


def test_each_quote_says_its_language_which_is_its_sources(built_db, downloads):
    frame = downloads["ru"].frame
    with connect(built_db) as con:
        languages = dict(con.sql("select source_id, language from sources").fetchall())
    quoted = frame["quote"].notna()
    assert quoted.any()
    assert list(frame.loc[quoted, "quote_language"]) == [languages[s] for s in frame.loc[quoted, "source_id"]]
    assert frame.loc[~quoted, "quote_language"].isna().all()
