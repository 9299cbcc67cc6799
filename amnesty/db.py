"""Read-only access to the built database, one named query file at a time."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from amnesty.paths import DATA_DIR, DEFAULT_DB, QUERIES_DIR


class DatabaseMissing(FileNotFoundError):
    pass


def connect(db_path: Path = DEFAULT_DB, build_if_missing: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection; the app and the exports never write to the database.

    With build_if_missing, a database that is missing, or was built from data/ with other data or
    views than today's, is (re)built first, so the app never serves numbers data/ no longer holds.
    """
    db_path = Path(db_path)
    if not db_path.exists() and not build_if_missing:
        raise DatabaseMissing(f"no database at {db_path}: run `amnesty build --db {db_path}` first")
    if build_if_missing and _stale(db_path):
        from amnesty.build import build  # only a first start pays for the build's imports

        build(DATA_DIR, db_path)
    return duckdb.connect(str(db_path), read_only=True)


def _stale(db_path: Path) -> bool:
    if not db_path.exists():
        return True
    from amnesty.version import build_fingerprint

    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            fingerprint, data_dir = con.execute("select build_fingerprint, data_dir from dataset_info").fetchone()
    except duckdb.Error:  # built before dataset_info had these columns
        return True
    # A database built from another folder (a synthetic benchmark set, say) is not ours to replace.
    return data_dir == str(DATA_DIR.resolve()) and fingerprint != build_fingerprint(DATA_DIR)


@cache
def query_text(name: str) -> str:
    path = QUERIES_DIR / f"{name}.sql"
    if path.parent != QUERIES_DIR or not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with bound $parameters (never spliced into the SQL text).

    A cursor per call gives each thread its own handle on the shared read-only database, because
    a DuckDB connection must not be used by two threads at once.
    """
    with con.cursor() as cursor:
        return cursor.execute(query_text(name), params).df()
