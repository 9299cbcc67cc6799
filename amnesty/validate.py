"""Check data/ before anything is built from it.

The Frictionless package schema does the type, constraint and foreign-key work; this module adds
what a schema cannot say (bounds that agree with their qualifier, low <= high, a derived measure
typed in by hand) and what Frictionless forgives (a byte-order mark, a non-UTF-8 file, an empty
file). Every problem is reported at once, naming file, row and column. Rows are counted as a
spreadsheet counts them: the header is row 1.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from frictionless import Package

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class DataError(Exception):
    """The data did not validate; .problems lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def validate(data_dir: Path) -> list[Problem]:
    """Every problem in data_dir, or an empty list."""
    data_dir = Path(data_dir)
    descriptor = data_dir / "datapackage.json"
    if not descriptor.is_file():
        return [Problem("datapackage.json", None, None, "missing: the data package descriptor is required")]
    package = Package(str(descriptor))
    problems = [p for r in package.resources for p in _file_problems(data_dir / r.path)]
    if problems:  # a file Frictionless cannot read safely would only produce noise below
        return problems
    problems += _header_problems(package, data_dir) or _schema_problems(package)
    if problems:
        return problems
    return _cross_row_problems(data_dir)


def _file_problems(path: Path) -> list[Problem]:
    if not path.is_file():
        return [Problem(path.name, None, None, "missing: the file named in datapackage.json does not exist")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Problem(path.name, None, None, "empty file: expected a header row and data rows")]
    if raw.startswith(BOM):
        return [Problem(path.name, 1, None, "starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        return [Problem(path.name, row, None, f"not UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]
    return []


def _header_problems(package: Package, data_dir: Path) -> list[Problem]:
    # Frictionless matches columns by position, so one missing column would make every later
    # cell look wrong. Check the header by name first and stop there if it is off.
    problems = []
    for resource in package.resources:
        with open(data_dir / resource.path, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f), [])
        expected = resource.schema.field_names
        problems += [Problem(resource.path, 1, c, "missing column") for c in expected if c not in header]
        problems += [Problem(resource.path, 1, c, "unknown column (not described in datapackage.json)")
                     for c in header if c not in expected]
        if not problems and header != expected:
            problems.append(Problem(resource.path, 1, None, f"columns out of order; expected {', '.join(expected)}"))
    return problems


def _schema_problems(package: Package) -> list[Problem]:
    report = package.validate(limit_errors=10_000)
    problems = []
    for task in report.tasks:
        file = Path(task.place).name if task.place else f"{task.name}.csv"
        fields = {f.name: f for f in package.get_resource(task.name).schema.fields}
        for error in task.errors:
            if error.type == "primary-key":  # every primary key is also declared unique: said once
                continue
            row = getattr(error, "row_number", None)
            if error.type == "foreign-key":
                column = ", ".join(error.field_names)
                values = ", ".join(map(repr, error.field_cells))
                target = f"{error.reference_name or task.name}.{', '.join(error.reference_field_names)}"
                problems.append(Problem(file, row, column, f"{values} is not a known {target}"))
                continue
            column = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            problems.append(Problem(file, row, column, _cell_message(error, cell, fields.get(column))))
    return problems


def _cell_message(error, cell, field) -> str:
    if error.type == "type-error":
        return f"{cell!r} is not a {field.type}"
    if error.type == "unique-error":
        return f"duplicate {cell!r}: {error.note}"
    if error.type == "constraint-error" and field is not None:
        constraint = error.note.split('"')[1]
        limit = field.constraints.get(constraint)
        return {
            "required": "required, but empty",
            "minimum": f"{cell!r} is below the minimum {limit}",
            "enum": f"{cell!r} is not one of: {', '.join(map(str, limit or []))}",
            "pattern": f"{cell!r} does not match the pattern {limit}",
        }.get(constraint, f"{cell!r}: {error.note}")
    return error.note


def _rows(data_dir: Path, name: str) -> list[dict]:
    with open(data_dir / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _number(text: str) -> float | None:
    return float(text) if text != "" else None


# How each qualifier bounds the printed value. "More than 5,000" gives a lower bound of 5,000
# (the bound is exclusive; the build treats it as inclusive, which is weaker and still true).
EXPECTED_BOUNDS = {
    "exact": ("value", "value"),
    "at_least": ("value", None),
    "more_than": ("value", None),
    "nearly": (None, "value"),
    "about": (None, None),
    "range": ("given", "given"),
}


def _cross_row_problems(data_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    derived = {m["measure_id"] for m in _rows(data_dir, "measures") if m["derived"] == "true"}
    roles = {m["measure_id"]: m["role"] for m in _rows(data_dir, "measures")}
    scopes: dict[tuple[str, str], int] = {}
    for row_number, fig in enumerate(_rows(data_dir, "figures"), start=2):
        def problem(column, message):
            problems.append(Problem("figures.csv", row_number, column, message))

        value, low, high = (_number(fig[k]) for k in ("value", "low", "high"))
        if fig["measure_id"] in derived:
            problem("measure_id", f"{fig['measure_id']!r} is derived by the build; it must not be typed in")
        if low is not None and high is not None and low > high:
            problem("low", f"low {fig['low']} is greater than high {fig['high']}")
        want_low, want_high = EXPECTED_BOUNDS[fig["qualifier"]]
        if want_low == "given":
            if low is None or high is None:
                problem("low" if low is None else "high", "a range needs both low and high")
            if value is not None:
                problem("value", "a range has no single value; leave value empty")
        else:
            if value is None:
                problem("value", f"required for qualifier {fig['qualifier']!r}")
            for column, want, got in (("low", want_low, low), ("high", want_high, high)):
                expected = value if want == "value" else None
                if value is not None and got != expected:
                    shown = "empty" if expected is None else f"{fig['value']}"
                    problem(column, f"should be {shown} for qualifier {fig['qualifier']!r} and value {fig['value']}")
        if roles.get(fig["measure_id"]) == "scope":
            key = (fig["act_id"], fig["stage"])
            if key in scopes:
                problem("measure_id", f"a second scope figure for {key[0]} ({key[1]}); row {scopes[key]} already gives one")
            scopes[key] = row_number
    return problems
