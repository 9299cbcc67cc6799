"""data/*.csv -> validated -> DuckDB, written atomically.

The database is built in a uniquely named temporary file beside the target and moved over it with
os.replace, which is atomic on one filesystem: a reader (or a second build running at the same
time) sees the old file or the new one, never a torn one, and a failed build leaves the old one.
"""
from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import duckdb
from frictionless import Package

from amnesty.db import PRODUCER, build_info
from amnesty.paths import DATA_DIR, DEFAULT_DB, VIEWS_DIR
from amnesty.schema_sql import DUCKDB_TYPES, identifier, string_literal, typed
from amnesty.validate import validated_package
from amnesty.version import build_fingerprint, dataset_version


def build(data_dir: Path = DATA_DIR, db_path: Path = DEFAULT_DB) -> Path:
    data_dir, db_path = Path(data_dir), Path(db_path)
    build_info(db_path)  # raises NotOurDatabase, before any work, if the path holds someone else's file
    package = validated_package(data_dir)  # DataError, listing every problem, before anything is written
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with duckdb.connect(str(tmp)) as con:
            _load_tables(con, package, data_dir)
            # The derived relations are created as tables, not views: the file is read-only once
            # built and rebuilt whenever data/ or these files change, so each reader's query reads
            # stored rows instead of re-deriving the whole stack (seconds per query at a million figures).
            for view in sorted(VIEWS_DIR.glob("*.sql")):
                con.execute(view.read_text(encoding="utf-8"))
            con.execute(
                "create table dataset_info as select ? as dataset_version, ? as build_fingerprint, "
                "? as data_dir, ? as built_at, ? as producer",
                [dataset_version(data_dir), build_fingerprint(data_dir), str(data_dir.resolve()),
                 datetime.now(timezone.utc).isoformat(timespec="seconds"), PRODUCER],
            )
        os.replace(tmp, db_path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return db_path


def _load_tables(con: duckdb.DuckDBPyConnection, package: Package, data_dir: Path) -> None:
    for resource in package.resources:
        fields = resource.schema.fields
        columns = ", ".join(f"{identifier(f.name)} {DUCKDB_TYPES[f.type]}" for f in fields)
        key = ", ".join(identifier(k) for k in resource.schema.primary_key)
        table = identifier(resource.name)
        con.execute(f"create table {table} ({columns}, primary key ({key}))")
        # Every cell is read as text and cast in SQL (the validator has already checked each one).
        # One INSERT ... SELECT loads a million rows in seconds; executemany took minutes.
        # Names and types come from datapackage.json: the validator holds names to plain
        # identifiers, and they are quoted here all the same. The one input value, the path, is bound.
        as_text = "{" + ", ".join(f"{string_literal(f.name)}: 'VARCHAR'" for f in fields) + "}"
        casts = ", ".join(typed(f) for f in fields)
        con.execute(
            f"insert into {table} select {casts} from read_csv($path, header = true, "
            f"columns = {as_text}, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            "strict_mode = true)",
            {"path": str(data_dir / resource.path)},
        )
