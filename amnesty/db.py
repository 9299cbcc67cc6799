"""Read-only access to the built database, one named query file at a time."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from amnesty.paths import DATA_DIR, DEFAULT_DB, QUERIES_DIR

if TYPE_CHECKING:  # DuckDB makes the frames; importing pandas here would cost `amnesty build` 0.4 s
    import pandas as pd


# Written into dataset_info by amnesty build: the mark that a database file is ours to replace.
PRODUCER = "amnesty-dashboard"
# The first bytes of every DuckDB file hold this magic at offset 8.
DUCKDB_MAGIC = b"DUCK"
# dataset_info's columns before it had `producer`: a file with all of them was built by us too.
LEGACY_INFO_COLUMNS = {"dataset_version", "build_fingerprint", "data_dir", "built_at"}


class DatabaseMissing(FileNotFoundError):
    pass


class NotOurDatabase(Exception):
    """The path holds something amnesty build did not make: it is never read as ours or replaced."""


def connect(db_path: Path = DEFAULT_DB, build_if_missing: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection; the app and the exports never write to the database.

    With build_if_missing, a database that is missing, or was built from data/ with other data or
    views than today's, is (re)built first, so the app never serves numbers data/ no longer holds.
    A file our build did not make (a CSV, a folder, another program's DuckDB) raises NotOurDatabase
    and is left as it was: $AMNESTY_DB or --db pointing at the wrong file must not destroy it.
    """
    db_path = Path(db_path)
    info = build_info(db_path)
    if info is None and not build_if_missing:
        raise DatabaseMissing(f"no database at {db_path}: run `amnesty build --db {db_path}` first")
    if build_if_missing and (info is None or _stale(info)):
        from amnesty.build import build  # only a first start pays for the build's imports

        build(DATA_DIR, db_path)
    return duckdb.connect(str(db_path), read_only=True)


def build_info(db_path: Path) -> dict | None:
    """dataset_info of the database our build wrote at db_path, or None if nothing is there.

    Raises NotOurDatabase, naming the path in one line, for anything else that is there.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        if db_path.is_symlink():
            raise NotOurDatabase(f"{db_path} is a link to a missing file; remove it or choose another path")
        return None
    if not db_path.is_file():
        raise NotOurDatabase(f"{db_path} is a {'folder' if db_path.is_dir() else 'special file'}, "
                             "not a database file; choose a file path")
    with open(db_path, "rb") as handle:
        head = handle.read(12)
    if head[8:12] != DUCKDB_MAGIC:
        raise NotOurDatabase(f"{db_path} is not a DuckDB database (is it a CSV or another file?); "
                             "it was left as it is; choose another path")
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            # duckdb_columns(), not information_schema.columns: the same rows in 2 ms instead of 22
            # (this check opens every build and every server start).
            columns = {row[0] for row in con.execute(
                "select column_name from duckdb_columns() where table_name = 'dataset_info'"
            ).fetchall()}
            info = {}
            if columns:
                cursor = con.execute("select * from dataset_info")
                row = cursor.fetchone()
                if row is None:
                    raise IndexError("dataset_info has no row")
                info = dict(zip((column[0] for column in cursor.description), row))
    except (duckdb.Error, IndexError) as error:
        raise NotOurDatabase(f"{db_path} is a DuckDB file that cannot be read as ours "
                             f"({type(error).__name__}); it was left as it is") from None
    if info.get("producer") != PRODUCER and not LEGACY_INFO_COLUMNS <= columns:
        raise NotOurDatabase(f"{db_path} is a DuckDB database that amnesty build did not make; it "
                             "was left as it is; choose another path")
    return info


def _stale(info: dict) -> bool:
    from amnesty.version import build_fingerprint

    # A database built from another folder (a synthetic benchmark set, say) is not ours to replace.
    return info.get("data_dir") == str(DATA_DIR.resolve()) and \
        info.get("build_fingerprint") != build_fingerprint(DATA_DIR)


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


# A query file's text put whole in place of {query} (never a value: those stay bound parameters;
# str.replace, since a query may hold braces of its own). The newline keeps
# a last comment line from swallowing the closing parenthesis.
COUNT_ROWS = "select count(*) from ({query}\n) as query_rows"
PAGE_OF_ROWS = "select * from ({query}\n) as query_rows limit $row_limit offset $row_offset"


# A query's last clause when it is an ORDER BY and nothing after it (no LIMIT, which would change
# the count; no parenthesis or quote, so it is the outer query's own clause).
FINAL_ORDER = re.compile(r"\border\s+by\b(?:(?!\blimit\b|\boffset\b)[^()';])*$", re.IGNORECASE)


def unordered(body: str) -> str:
    """A query without its final ORDER BY, to count its rows: an order never changes how many rows
    there are, and DuckDB sorts the rows of an ordered subquery even to count them (0.5 s for the
    million rows of figure_corroboration)."""
    return FINAL_ORDER.sub("", body)


def run_query_page(con: duckdb.DuckDBPyConnection, name: str, row_limit: int, row_offset: int,
                   **params) -> tuple[pd.DataFrame, int]:
    """One page of queries/<name>.sql's rows, in the query's own order, and how many rows it has in
    all: a reference table at a million rows sends a page to the browser, not every row."""
    body = query_text(name).strip().rstrip(";")
    with con.cursor() as cursor:
        total = cursor.execute(COUNT_ROWS.replace("{query}", unordered(body)), params).fetchone()[0]
        page = cursor.execute(PAGE_OF_ROWS.replace("{query}", body),
                              params | {"row_limit": int(row_limit), "row_offset": int(row_offset)}).df()
    return page, int(total)
