"""data/datapackage.json is the one description of the data: it must match the CSVs exactly."""
import csv
import json

from amnesty.paths import DATA_DIR
from amnesty.validate import validate

PACKAGE = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_the_shipped_data_is_valid():
    assert validate(DATA_DIR) == []


def test_every_documented_column_exists_and_every_column_is_documented():
    for resource in PACKAGE["resources"]:
        with open(DATA_DIR / resource["path"], encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        documented = [field["name"] for field in resource["schema"]["fields"]]
        assert header == documented, resource["path"]


def test_every_column_has_a_description_and_a_type():
    for resource in PACKAGE["resources"]:
        for field in resource["schema"]["fields"]:
            assert field.get("description", "").strip(), f"{resource['name']}.{field['name']}"
            assert field.get("type") in {"string", "integer", "number", "boolean"}


def test_numeric_columns_state_a_unit():
    for resource in PACKAGE["resources"]:
        for field in resource["schema"]["fields"]:
            if field["type"] in {"integer", "number"}:
                assert field.get("unit"), f"{resource['name']}.{field['name']}"


def test_every_data_file_is_described():
    described = {r["path"] for r in PACKAGE["resources"]}
    assert {p.name for p in DATA_DIR.glob("*.csv")} == described
