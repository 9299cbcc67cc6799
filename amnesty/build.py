"""data/*.csv -> validated -> DuckDB, written atomically.

The database is built in a uniquely named temporary file beside the target and moved over it with
os.replace, which is atomic on one filesystem: a reader (or a second build running at the same
time) sees the old file or the new one, never a torn one, and a failed build leaves the old one.
"""
from __future__ import annotations

import csv
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import duckdb
from frictionless import Package

from amnesty.paths import DATA_DIR, DEFAULT_DB, VIEWS_DIR
from amnesty.validate import DataError, validate
from amnesty.version import dataset_version

DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}


def build(data_dir: Path = DATA_DIR, db_path: Path = DEFAULT_DB) -> Path:
    data_dir, db_path = Path(data_dir), Path(db_path)
    problems = validate(data_dir)
    if problems:
        raise DataError(problems)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with duckdb.connect(str(tmp)) as con:
            _load_tables(con, Package(str(data_dir / "datapackage.json")), data_dir)
            for view in sorted(VIEWS_DIR.glob("*.sql")):
                con.execute(view.read_text(encoding="utf-8"))
            con.execute(
                "create table dataset_info as select ? as dataset_version, ? as built_at",
                [dataset_version(data_dir), datetime.now(timezone.utc).isoformat(timespec="seconds")],
            )
        os.replace(tmp, db_path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return db_path


def _load_tables(con: duckdb.DuckDBPyConnection, package: Package, data_dir: Path) -> None:
    for resource in package.resources:
        fields = resource.schema.fields
        columns = ", ".join(f'"{f.name}" {DUCKDB_TYPES[f.type]}' for f in fields)
        key = ", ".join(f'"{k}"' for k in resource.schema.primary_key)
        con.execute(f'create table "{resource.name}" ({columns}, primary key ({key}))')
        with open(data_dir / resource.path, encoding="utf-8", newline="") as f:
            rows = [[_cell(row[f.name], f.type) for f in fields] for row in csv.DictReader(f)]
        marks = ", ".join("?" for _ in fields)
        con.executemany(f'insert into "{resource.name}" values ({marks})', rows)


def _cell(text: str, type_: str):
    # The validator has already checked every cell against its type; "" is the missing value.
    if text == "":
        return None
    return {"integer": int, "number": float, "boolean": lambda t: t.lower() in ("true", "1")}.get(type_, str)(text)
