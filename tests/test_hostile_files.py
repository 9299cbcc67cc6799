"""Hostile files and paths do no harm: names from the schema never run as SQL, a database path never
replaces a file we did not build, and exports never overwrite what they did not write.

Each test first sets up the attack as the old code let it through, then checks the bytes on disk.
"""
from __future__ import annotations

import csv
import json

import pytest

from amnesty.build import build
from amnesty.validate import DataError, validate
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
    monkeypatch.setattr(amnesty.build, "validate", lambda data_dir: [])
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
