"""Hostile files and paths do no harm: names from the schema never run as SQL, a database path never
replaces a file we did not build, and exports never overwrite what they did not write.

Each test first sets up the attack as the old code let it through, then checks the bytes on disk.
"""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from amnesty.build import build
from amnesty.cli import app
from amnesty.db import PRODUCER, NotOurDatabase, build_info, connect
from amnesty.paths import DATA_DIR
from amnesty.validate import DataError, validate
from app_runner import clear_app_caches, run_app_page
from hostile_data import copy_data


# ------------------------------------------------------------------ SQL from the schema

def rename_field(data_dir, resource: str, old: str, new: str) -> None:
    """Rename a field in datapackage.json and in its CSV's header, so the package stays consistent."""
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    (found,) = [r for r in package["resources"] if r["name"] == resource]
    (field,) = [f for f in found["schema"]["fields"] if f["name"] == old]
    field["name"] = new
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    with open(data_dir / found["path"], encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0] = [new if column == old else column for column in rows[0]]
    with open(data_dir / found["path"], "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def copy_to_file_name(target) -> str:
    """A field name that closes the build's CREATE TABLE, copies a row to `target`, and opens a
    harmless table for the rest of the statement."""
    return (f'note" VARCHAR, primary key ("figure_id")); COPY (SELECT \'pwned\' AS x) TO '
            f"'{target}'; CREATE TABLE ignored (\"figure_id")


@pytest.fixture
def crafted(tmp_path):
    data = copy_data(tmp_path / "data")
    target = tmp_path / "pwned.csv"
    rename_field(data, "figures", "note", copy_to_file_name(target))
    return data, target


def test_a_crafted_field_name_is_refused_by_validate_and_build(crafted, tmp_path):
    data, target = crafted
    problems = validate(data)
    assert len(problems) == 1
    assert problems[0].file == "datapackage.json"
    assert "resource 'figures': field name 'note\" VARCHAR" in problems[0].message
    assert "SQL name" in problems[0].message
    with pytest.raises(DataError):
        build(data, tmp_path / "amnesty.duckdb")
    assert not target.exists()
    assert not (tmp_path / "amnesty.duckdb").exists()


def test_the_build_quotes_names_even_when_validation_is_skipped(crafted, tmp_path, monkeypatch):
    """Quoting is the second lock: with the validator out of the way, the name is one odd column."""
    import amnesty.build

    data, target = crafted
    from frictionless import Package

    monkeypatch.setattr(amnesty.build, "validated_package",
                        lambda data_dir: Package(str(data_dir / "datapackage.json")))
    with pytest.raises(Exception):  # the views look for a column called note, which is gone
        build(data, tmp_path / "amnesty.duckdb")
    assert not target.exists()


@pytest.mark.parametrize("name", ["Figures", "figures; drop table acts", "1figures", "f" * 64, ""])
def test_resource_names_must_be_plain_identifiers(tmp_path, name):
    data = copy_data(tmp_path / "data")
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == "measures")["name"] = name
    path.write_text(json.dumps(package), encoding="utf-8")
    (message,) = [str(p) for p in validate(data)]
    assert message.startswith("datapackage.json: resource ")
    assert message.endswith(f": name {name!r} must be lower-case ASCII letters, digits and "
                            "underscores, starting with a letter, at most 63 characters (the build "
                            "uses it as a SQL name)")


@pytest.mark.parametrize("path", ["../acts.csv", "/etc/passwd", "sub/acts.csv", ".hidden.csv",
                                  "acts.txt"])
def test_a_resource_path_outside_the_data_folder_is_refused(tmp_path, path):
    data = copy_data(tmp_path / "data")
    descriptor = data / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == "acts")["path"] = path
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    messages = [str(p) for p in validate(data)]
    assert messages == [f"datapackage.json: resource 'acts': path {path!r} must name a .csv file in "
                        "the data folder itself (lower-case letters, digits, . _ -; no folder part)"]


# ------------------------------------------------------------------ a database path that is not ours

def snapshot(path: Path) -> object:
    """The bytes of a file, or the names and bytes inside a folder: what must not change."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return path.read_bytes()


def foreign_duckdb(path: Path) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create table invoices (id integer, total double)")
        con.execute("insert into invoices values (1, 9.5)")
    return path


def foreign_with_dataset_info(path: Path) -> Path:
    """Another program's DuckDB that happens to have a table called dataset_info."""
    with duckdb.connect(str(path)) as con:
        con.execute("create table dataset_info as select 'x' as owner")
    return path


def a_csv(path: Path) -> Path:
    shutil.copy(DATA_DIR / "acts.csv", path)
    return path


def a_folder(path: Path) -> Path:
    path.mkdir()
    (path / "notes.txt").write_text("keep me", encoding="utf-8")
    return path


def garbage(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 40)
    return path


FOREIGN = {"csv": a_csv, "folder": a_folder, "duckdb": foreign_duckdb,
           "duckdb-with-dataset-info": foreign_with_dataset_info, "garbage": garbage}


@pytest.fixture(params=list(FOREIGN))
def foreign(request, tmp_path):
    path = FOREIGN[request.param](tmp_path / "someone-elses.file")
    return path, snapshot(path)


def test_the_app_never_replaces_a_file_it_did_not_build(foreign):
    """AMNESTY_DB / the app's first start: connect(build_if_missing=True) used to treat an
    unreadable or foreign file as stale and build over it."""
    path, before = foreign
    with pytest.raises(NotOurDatabase, match="left as it is|not a database file"):
        connect(path, build_if_missing=True)
    assert snapshot(path) == before


def test_the_app_started_on_a_foreign_file_leaves_it_alone(foreign, monkeypatch):
    import amnesty.paths

    path, before = foreign
    monkeypatch.setattr(amnesty.paths, "DEFAULT_DB", path)
    # A fresh start: no connection, and no query result cached by an earlier test in this process.
    clear_app_caches()
    try:
        app = run_app_page("app_pages/overview.py", {})
    finally:
        clear_app_caches()
    assert app.exception
    assert snapshot(path) == before


@pytest.mark.parametrize("command", [["build"], ["export", "data"], ["export", "figures", "--all",
                                                                      "--format", "html"]],
                         ids=["build", "export-data", "export-figures"])
def test_the_cli_on_a_foreign_db_says_so_in_one_line(foreign, command, tmp_path, monkeypatch):
    path, before = foreign
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [*command, "--db", str(path)])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], result.output
    # An uncaught error would also exit 1 under CliRunner: only a deliberate exit is a SystemExit.
    assert isinstance(result.exception, SystemExit), result.exception
    assert snapshot(path) == before


def test_a_database_we_built_is_still_rebuilt_when_stale(tmp_path, built_db):
    """The marker lets our own file through: a build over our previous build succeeds."""
    db = tmp_path / "ours.duckdb"
    shutil.copy(built_db, db)
    assert build_info(db)["producer"] == PRODUCER
    build(DATA_DIR, db)
    assert build_info(db)["producer"] == PRODUCER


# ------------------------------------------------------------------ exports never overwrite what they did not write

def export_data(*args) -> object:
    return CliRunner().invoke(app, ["export", "data", *map(str, args)])


def export_html(db, out_dir, *args) -> object:
    # HTML needs no chromium; the overwrite rules are the same for every format.
    return CliRunner().invoke(app, ["export", "figures", "release-rate", "--format", "html",
                                    "--db", str(db), "--out-dir", str(out_dir), *args])


def test_export_data_refuses_to_overwrite_someone_elses_file(built_db, tmp_path):
    theirs = tmp_path / "thesis-table.csv"
    theirs.write_text("my own work\n", encoding="utf-8")
    result = export_data("--db", built_db, "-o", theirs)
    assert result.exit_code == 1
    assert "was not written by a previous export" in result.output and "--force" in result.output
    assert theirs.read_text(encoding="utf-8") == "my own work\n"
    result = export_data("--db", built_db, "-o", theirs, "--force")
    assert result.exit_code == 0, result.output
    assert theirs.read_bytes().startswith(b"\xef\xbb\xbffigure_id,")


def test_export_data_replaces_its_own_previous_export_but_not_an_edited_one(built_db, tmp_path):
    ours = tmp_path / "out.csv"
    assert export_data("--db", built_db, "-o", ours).exit_code == 0
    assert export_data("--db", built_db, "-o", ours, "--act", "pardon-2016").exit_code == 0
    assert b"amnesty-2021" not in ours.read_bytes()
    ours.write_bytes(ours.read_bytes() + b"my note\r\n")  # the researcher edits it
    result = export_data("--db", built_db, "-o", ours)
    assert result.exit_code == 1 and "has changed" in result.output
    assert ours.read_bytes().endswith(b"my note\r\n")


def test_export_data_never_writes_through_a_symlink(built_db, tmp_path):
    victim = tmp_path / "elsewhere" / "victim.txt"
    victim.parent.mkdir()
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    for force in ([], ["--force"]):
        result = export_data("--db", built_db, "-o", link, *force)
        assert result.exit_code == 1 and "symbolic link" in result.output, result.output
        assert victim.read_text(encoding="utf-8") == "keep me" and link.is_symlink()


def test_datapackage_beside_an_export_refuses_someone_elses_and_the_projects(built_db, tmp_path,
                                                                             monkeypatch):
    import amnesty.outputs

    # Someone's own datapackage.json in the output folder: neither file is written.
    (tmp_path / "datapackage.json").write_text("{}", encoding="utf-8")
    result = export_data("--db", built_db, "-o", tmp_path / "x.csv", "--datapackage")
    assert result.exit_code == 1
    assert (tmp_path / "datapackage.json").read_text(encoding="utf-8") == "{}"
    assert not (tmp_path / "x.csv").exists()
    # The project's data folder (a copy stands in for it here) is refused even with --force.
    data = copy_data(tmp_path / "data")
    monkeypatch.setattr(amnesty.outputs, "DATA_DIR", data)
    before = (data / "datapackage.json").read_bytes()
    result = export_data("--db", built_db, "-o", data / "x.csv", "--datapackage", "--force")
    assert result.exit_code == 1 and "data folder" in result.output
    assert (data / "datapackage.json").read_bytes() == before
    assert not (data / "x.csv").exists()


def test_the_real_data_folder_is_refused():
    from amnesty.outputs import refusals

    assert refusals([DATA_DIR / "datapackage.json"], force=True)
    assert refusals([DATA_DIR / "anything-new.csv"], force=True)


def test_export_figures_refuses_someone_elses_file_and_symlinks(built_db, tmp_path):
    out = tmp_path / "figures"
    out.mkdir()
    (out / "release-rate.html").write_text("my page", encoding="utf-8")
    result = export_html(built_db, out)
    assert result.exit_code == 1 and "release-rate.html" in result.output
    assert (out / "release-rate.html").read_text(encoding="utf-8") == "my page"
    assert export_html(built_db, out, "--force").exit_code == 0
    assert export_html(built_db, out).exit_code == 0  # now it is ours, unchanged: replaced freely
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (out / "release-rate.html").unlink()
    (out / "release-rate.html").symlink_to(victim)
    result = export_html(built_db, out, "--force")
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert victim.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("option, value, words", [("--qualifier", "roughly", "unknown qualifier(s): roughly"),
                                                  ("--source", "nowhere", "unknown source id(s): nowhere")])
def test_unknown_qualifier_or_source_is_refused_with_the_known_values(built_db, tmp_path, option,
                                                                        value, words):
    out = tmp_path / "x.csv"
    result = export_data("--db", built_db, option, value, "-o", out)
    assert result.exit_code == 1
    assert words in result.output and "known: " in result.output
    with duckdb.connect(str(built_db), read_only=True) as con:
        facet = "qualifier" if option == "--qualifier" else "source"
        known = con.execute("select distinct qualifier from all_figures" if facet == "qualifier" else
                            "select distinct source_id from all_figures where source_id is not null"
                            ).fetchall()
    assert all(k in result.output for (k,) in known)
    assert not out.exists()


# ------------------------------------------------------------------ formulas in XLSX

@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_xlsx_keeps_formula_like_text_as_text_without_an_apostrophe(tmp_path, start):
    """A quote that starts like a formula is a string cell in the quote-prefix style: a spreadsheet
    shows it as typed (no ') and never runs it, even after the cell is edited."""
    import io
    import zipfile

    import openpyxl

    from amnesty.dataset import figures_frame
    from amnesty.export_data import figures_bytes

    data = copy_data(tmp_path / "data")
    planted = f'{start}HYPERLINK("https://attacker.example/x","click")'
    from hostile_data import set_cell
    set_cell(data, "figures.csv", "figure_id", "pardon-2016.released", "quote", planted)
    db = build(data, tmp_path / "db.duckdb")
    xlsx = figures_bytes(figures_frame(db), "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["figures"]
    header = [c.value for c in sheet[1]]
    (cell,) = [row[header.index("quote")] for row in sheet.iter_rows(min_row=2)
               if row[0].value == "pardon-2016.released"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (planted, "s", True)
    # And in the file itself: no formula element anywhere in the sheet.
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
