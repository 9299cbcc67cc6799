"""Check data/ before anything is built from it.

Every check is derived from data/datapackage.json, which Frictionless reads, and runs in DuckDB:
each CSV is read once as text and once as CSV with every cell as text (amnesty/csv_files.py); the
types, constraints and keys are checked in SQL written from the descriptor (amnesty/schema_checks.py),
and so are the rules a schema cannot say (amnesty/data_rules.py). Every problem is reported at once,
naming file, row and column, in file order. Rows are counted as a spreadsheet counts them: the
header is row 1, and a line break inside a quoted text stays in its row.

The checks run in stages, each only on what passed the one before: names in the descriptor (they
become SQL), then files (readable, UTF-8, no stray carriage return), then headers (a missing column
would make every later cell look wrong), then cells and keys, then the cross-row rules.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
from frictionless import Package

from amnesty import csv_files, data_rules, schema_checks
from amnesty.problems import DataError, Problem

__all__ = ["DataError", "Problem", "validate", "validated_package"]

# Resource and field names become SQL identifiers in the build (tables and columns), so they are
# held to the plainest form: a crafted name could otherwise carry any SQL, `COPY ... TO` a file
# among it. The build quotes them as well; this keeps a name from ever needing it.
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,62}")
# A resource's file sits in the data folder itself: no folder part, no absolute path, no "..".
RESOURCE_FILE = re.compile(r"[a-z0-9][a-z0-9_.-]*\.csv")


def validate(data_dir: Path) -> list[Problem]:
    """Every problem in data_dir, or an empty list."""
    return _checked(data_dir)[0]


def validated_package(data_dir: Path) -> Package:
    """The package in data_dir, read once for the checks and for the build that follows them;
    DataError with every problem if it has any."""
    problems, package = _checked(data_dir)
    if problems:
        raise DataError(problems)
    return package


def _checked(data_dir: Path) -> tuple[list[Problem], Package | None]:
    data_dir = Path(data_dir)
    descriptor = data_dir / "datapackage.json"
    if not descriptor.is_file():
        return [Problem("datapackage.json", None, None, "missing: the data package descriptor is required")], None
    problems = _name_problems(descriptor)
    if problems:  # names are checked before anything reads a path or builds SQL from them
        return problems, None
    # from_descriptor is what Package() falls back to for a JSON file, without first loading every
    # format plugin to ask whether one of them reads it (0.1 s of a cold `amnesty build`).
    package = Package.from_descriptor(str(descriptor))
    problems = schema_checks.descriptor_problems(package)
    if problems:
        return problems, package
    with duckdb.connect() as con:
        return _data_problems(con, package, data_dir), package


def _data_problems(con, package: Package, data_dir: Path) -> list[Problem]:
    resources = package.resources
    tables = [csv_files.Table(r.name, data_dir / r.path, r.schema.field_names, r.schema.missing_values)
              for r in resources]
    problems, facts = csv_files.file_problems(con, {t.name: t.path for t in tables},
                                              {t.name: t.columns for t in tables})
    if problems:  # a file that cannot be read safely would only produce noise below
        return problems
    problems = [p for t in tables for p in csv_files.header_problems(t.path, t.columns)]
    if problems:  # with a column missing, every later cell would look wrong
        return problems
    problems = csv_files.load(con, tables, facts)
    for resource in resources:
        problems += schema_checks.cell_problems(con, resource, facts[resource.name].marked)
        problems += schema_checks.key_problems(con, resource)
        problems += schema_checks.foreign_key_problems(con, resource)
    if problems:
        return _in_file_order(problems, package)
    data_rules.create_typed_views(con, package)
    return _in_file_order(data_rules.rule_problems(con, package), package)


def _in_file_order(problems: list[Problem], package: Package) -> list[Problem]:
    """By file (as the descriptor lists them), row and column, and one problem per cell: the first
    found, since each check sees what the checks before it passed over."""
    files = {r.path: (i, {name: j for j, name in enumerate(r.schema.field_names)})
             for i, r in enumerate(package.resources)}

    def place(problem: Problem):
        index, columns = files[problem.file]
        first = problem.column.split(", ")[0] if problem.column else None
        return index, problem.row or 0, -1 if first is None else columns.get(first, len(columns))

    said, kept = set(), []
    for problem in sorted(problems, key=place):
        where = (problem.file, problem.row, problem.column)
        if where not in said:
            said.add(where)
            kept.append(problem)
    return kept


def _name_problems(descriptor: Path) -> list[Problem]:
    """Resource names, field names and resource paths that could not safely become SQL or a path."""
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [Problem("datapackage.json", None, None, f"not valid JSON: {error}")]
    rule = ("must be lower-case ASCII letters, digits and underscores, starting with a letter, at most "
            "63 characters (the build uses it as a SQL name)")
    problems = []
    for number, resource in enumerate(package.get("resources") or [], start=1):
        name = resource.get("name")
        where = f"resource {number}"
        if not isinstance(name, str) or not IDENTIFIER.fullmatch(name):
            problems.append(Problem("datapackage.json", None, None, f"{where}: name {name!r} {rule}"))
        else:
            where = f"resource {name!r}"
        path = resource.get("path")
        if not isinstance(path, str) or not RESOURCE_FILE.fullmatch(path):
            problems.append(Problem("datapackage.json", None, None,
                                    f"{where}: path {path!r} must name a .csv file in the data folder "
                                    "itself (lower-case letters, digits, . _ -; no folder part)"))
        schema = resource.get("schema") or {}
        for field in schema.get("fields") or []:
            field_name = field.get("name") if isinstance(field, dict) else None
            if not isinstance(field_name, str) or not IDENTIFIER.fullmatch(field_name):
                problems.append(Problem("datapackage.json", None, None,
                                        f"{where}: field name {field_name!r} {rule}"))
    return problems
