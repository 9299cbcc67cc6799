"""Check data/ before anything is built from it.

The Frictionless package schema does the type, constraint and foreign-key work; this module adds
what a schema cannot say (bounds that agree with their qualifier, low <= high, a derived measure
typed in by hand) and what Frictionless forgives (a byte-order mark, a non-UTF-8 file, an empty
file). Every problem is reported at once, naming file, row and column. Rows are counted as a
spreadsheet counts them: the header is row 1.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from frictionless import Package

BOM = b"\xef\xbb\xbf"
# Numbers are typed as the source prints them: digits with an optional decimal point. Frictionless
# (and Python's float) would also take "inf", "NaN", "1e400", "1_000", " 148" and full-width digits,
# and the build would store inf or NaN as if a source had printed it.
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
# Units that count whole things: 148.5 persons is a typing slip, not a figure.
COUNT_UNITS = ("persons", "groups")
# C0 and C1 control characters other than tab and newline: XLSX cannot hold them (openpyxl raises
# IllegalCharacterError; a carriage return comes back from the XML as a newline), and in a verbatim
# quote they are always a paste accident or text decoded in the wrong encoding.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible format characters: bidirectional overrides and isolates reverse how a caption reads
# (U+202E turns "txt.exe" around), and zero-width ones make two different source names look the
# same. No source text needs them in a cell; a byte-order mark inside a cell is a paste accident.
INVISIBLE_CHARACTER = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# A carriage return that does not end a line (a Windows line ending is CR LF).
BARE_CR = re.compile(r"\r(?!\n)")
CR_STAND_IN = "\U0010fffd"  # a private-use character no data file holds
# Resource and field names become SQL identifiers in the build (tables and columns), so they are
# held to the plainest form: a crafted name could otherwise carry any SQL, `COPY ... TO` a file
# among it. The build quotes them as well; this keeps a name from ever needing it.
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,62}")
# A resource's file sits in the data folder itself: no folder part, no absolute path, no "..".
RESOURCE_FILE = re.compile(r"[a-z0-9][a-z0-9_.-]*\.csv")


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
    problems = _name_problems(descriptor)
    if problems:  # names are checked before anything reads a path or builds SQL from them
        return problems
    package = Package(str(descriptor))
    problems = [p for r in package.resources for p in _file_problems(data_dir / r.path, r.schema.field_names)]
    if problems:  # a file Frictionless cannot read safely would only produce noise below
        return problems
    problems = _header_problems(package, data_dir)
    if problems:  # with a column missing, every later cell would look wrong
        return problems
    problems = _cell_problems(package, data_dir)
    said = {(p.file, p.row, p.column) for p in problems}  # one message per cell is enough
    problems += [p for p in _schema_problems(package) if (p.file, p.row, p.column) not in said]
    if problems:
        return problems
    return _cross_row_problems(data_dir)


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


def _file_problems(path: Path, columns: list[str]) -> list[Problem]:
    if not path.is_file():
        return [Problem(path.name, None, None, "missing: the file named in datapackage.json does not exist")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Problem(path.name, 1, None, f"empty file: expected a header row ({', '.join(columns)}) and data rows")]
    if raw.startswith(BOM):
        # The mark sticks to the first column's name, so a reader would see that column go missing.
        first = columns[0] if columns else None
        return [Problem(path.name, 1, first, "starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # surrogateescape keeps every bad byte as a lone surrogate, so the CSV still parses and each
        # bad cell can be named; the first bad byte of each is shown.
        return _cells_holding(path.name, raw.decode("utf-8", errors="surrogateescape"), _bad_byte)
    if BARE_CR.search(text):
        # A CSV reader (Frictionless's too) ends the row at a lone carriage return, so every cell
        # after it would be reported in the wrong column. A stand-in keeps the rows whole.
        return _cells_holding(path.name, BARE_CR.sub(CR_STAND_IN, text), _bare_cr)
    return []


def _bad_byte(cell: str) -> str | None:
    bad = next((ord(c) - 0xDC00 for c in cell if 0xDC80 <= ord(c) <= 0xDCFF), None)
    return None if bad is None else f"not UTF-8 (byte 0x{bad:02x}); save the file as UTF-8"


def _bare_cr(cell: str) -> str | None:
    return _control_message("\r") if CR_STAND_IN in cell else None


def _cells_holding(file: str, text: str, problem_in) -> list[Problem]:
    """A problem for each cell where problem_in(cell) gives a message, by row and column."""
    records = list(csv.reader(io.StringIO(text, newline="")))
    header = records[0] if records else []
    problems = []
    for row_number, record in enumerate(records, start=1):
        for index, cell in enumerate(record):
            message = problem_in(cell)
            if message:
                column = header[index] if row_number > 1 and index < len(header) else None
                problems.append(Problem(file, row_number, column, message))
    return problems


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


def _cell_problems(package: Package, data_dir: Path) -> list[Problem]:
    """Cells the schema would let through: numbers that are not plain decimals, control characters,
    and invisible bidirectional or zero-width characters."""
    problems = []
    for resource in package.resources:
        numeric = {f.name for f in resource.schema.fields if f.type in ("number", "integer")}
        for row_number, row in enumerate(_rows(data_dir, resource.path), start=2):
            for column, text in row.items():
                if column is None:  # cells beyond the header: the schema check reports the row
                    continue
                text = text or ""
                control = CONTROL_CHARACTER.search(text)
                invisible = INVISIBLE_CHARACTER.search(text)
                if control:
                    problems.append(Problem(resource.path, row_number, column, _control_message(control.group())))
                elif invisible:
                    problems.append(Problem(resource.path, row_number, column,
                                            _invisible_message(invisible.group())))
                elif column in numeric and text != "" and not PLAIN_NUMBER.fullmatch(text):
                    problems.append(Problem(resource.path, row_number, column, _number_message(text)))
    return problems


def _control_message(char: str) -> str:
    if char == "\r":
        return "contains a carriage return (U+000D), which XLSX cannot keep; use a plain line break"
    return (f"contains the invisible control character U+{ord(char):04X}, which no spreadsheet can hold "
            "(often a sign of text pasted from another program or decoded in the wrong encoding); delete it")


def _invisible_message(char: str) -> str:
    return (f"contains the invisible character U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')}), "
            "which can reverse how the text reads or make two different values look alike; delete it")


def _number_message(text: str) -> str:
    try:
        finite = math.isfinite(float(text))
    except ValueError:
        return f"{text!r} is not a number"
    if not finite:
        return f"{text!r} is not a finite number"
    return f"{text!r} is not a plain number; write digits only, like 1234 or 12.5"


def _schema_problems(package: Package) -> list[Problem]:
    report = package.validate(limit_errors=10_000)
    problems = []
    for task in report.tasks:
        file = Path(task.place).name if task.place else f"{task.name}.csv"
        schema = package.get_resource(task.name).schema
        fields = {f.name: f for f in schema.fields}
        # A row with too few or too many cells (an unquoted comma or line break in a text) makes
        # every other cell of it look wrong: say that once and nothing else about the row.
        misshapen = {}
        for error in task.errors:
            if error.type in ("missing-cell", "extra-cell"):
                misshapen.setdefault(error.row_number, error)
        for row, error in misshapen.items():
            problems.append(Problem(file, row, getattr(error, "field_name", None) or None,
                                    _shape_message(error, len(schema.fields))))
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if error.type == "primary-key" or row in misshapen:  # primary keys are also declared unique
                continue
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


def _shape_message(error, width: int) -> str:
    cells = len(getattr(error, "cells", None) or [])
    if error.type == "extra-cell":
        return (f"the row has {cells} cells but the header has {width}; put double quotes around any "
                "text that contains a comma")
    return (f"the row has {cells} cells but the header has {width}; a comma or line break in an unquoted "
            "text, or a stray carriage return, can split a row")


def _cell_message(error, cell, field) -> str:
    if error.type == "type-error" and field is not None:
        return f"{cell!r} is not a {field.type}"
    if error.type == "unique-error":
        return f"duplicate {cell!r}: {error.note}"
    if error.type == "constraint-error" and field is not None:
        # Frictionless words the note as: constraint "minimum" is "0".
        constraint = error.note.split('"')[1] if '"' in error.note else ""
        limit = field.constraints.get(constraint)
        if constraint == "required":
            return "required, but empty"
        if constraint == "minimum":
            return f"{cell!r} is below the minimum {limit}"
        if constraint == "enum":
            return f"{cell!r} is not one of: {', '.join(map(str, limit))}"
        if constraint == "pattern":
            return f"{cell!r} does not match the pattern {limit}"
        return f"{cell!r}: {error.note}"
    if error.type == "blank-row":
        return "blank row; delete it"
    return error.note or error.message


def _rows(data_dir: Path, name: str) -> list[dict]:
    file = name if name.endswith(".csv") else f"{name}.csv"
    with open(data_dir / file, encoding="utf-8", newline="") as f:
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
    units = {m["measure_id"]: m["unit"] for m in _rows(data_dir, "measures")}
    scopes: dict[tuple[str, str], int] = {}
    for row_number, fig in enumerate(_rows(data_dir, "figures"), start=2):
        def problem(column, message):
            problems.append(Problem("figures.csv", row_number, column, message))

        value, low, high = (_number(fig[k]) for k in ("value", "low", "high"))
        if fig["measure_id"] in derived:
            problem("measure_id", f"{fig['measure_id']!r} is derived by the build; it must not be typed in")
        if units.get(fig["measure_id"]) in COUNT_UNITS:
            for column, number in (("value", value), ("low", low), ("high", high)):
                if number is not None and not number.is_integer():
                    problem(column, f"{fig[column]} is not a whole number; {fig['measure_id']!r} counts "
                                    f"{units[fig['measure_id']]}")
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
            key = (fig["act_id"], fig["stage"], fig["as_of"])
            if key in scopes:
                problem("measure_id", f"a second scope figure for {key[0]} ({key[1]}, as of {key[2]}); "
                                      f"row {scopes[key]} already gives one")
            scopes[key] = row_number
    return problems + _provenance_problems(data_dir) + _stage_problems(data_dir)


# Every row that cites a source says where in it the fact stands. A seed source (one whose text we
# hold in data/snapshots/) is cited by a verbatim quote, checked against the snapshot by the tests;
# any other source by its URL and a locator in our own words, never by its text.
CITING_FILES = ("figures", "figure_sources", "act_events", "statements")


def _provenance_problems(data_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    sources = {s["source_id"]: s for s in _rows(data_dir, "sources")}
    for row_number, source in enumerate(sources.values(), start=2):
        def problem(column, message):
            problems.append(Problem("sources.csv", row_number, column, message))

        read_elsewhere = source["reported_in"] != ""
        if not source["url"] and not source["snapshot"] and not read_elsewhere:
            problem("url", "required: a source we read ourselves needs its address")
        if source["url"] and not source["url"].startswith("https://") and not source["url"].startswith("http://"):
            problem("url", f"{source['url']!r} is not a web address (http:// or https://)")
        if source["url"] and not source["accessed"]:
            problem("accessed", "required with a url: the date we read the page")
        if not source["published"] and not read_elsewhere:
            problem("published", "required: the date the source was published")
    for name in CITING_FILES:
        for row_number, row in enumerate(_rows(data_dir, name), start=2):
            source = sources.get(row["source_id"])
            if source is None:  # the foreign-key check has said so
                continue
            file = f"{name}.csv"
            if source["snapshot"]:
                if not row["quote"]:
                    problems.append(Problem(file, row_number, "quote", "required: the verbatim words of "
                                            f"{row['source_id']!r}, whose text is in {source['snapshot']}"))
            else:
                if row["quote"]:
                    problems.append(Problem(file, row_number, "quote", "must be empty: we hold no copy of "
                                            f"{row['source_id']!r} and never copy its text; use locator"))
                if not row["locator"]:
                    problems.append(Problem(file, row_number, "locator", "required: where in "
                                            f"{row['source_id']!r} this stands, in our own words"))
    figure_sources: dict[str, int] = {}
    for row in _rows(data_dir, "figure_sources"):
        figure_sources[row["figure_id"]] = figure_sources.get(row["figure_id"], 0) + 1
    for row_number, fig in enumerate(_rows(data_dir, "figures"), start=2):
        if fig["disagreement"] and not figure_sources.get(fig["figure_id"]):
            problems.append(Problem("figures.csv", row_number, "disagreement", "a disagreement needs a "
                                    "second source: add the other side to figure_sources.csv"))
    return problems


def _before(date: str, other: str) -> bool:
    """date is wholly before other, at the precision both give ('2026-01' is not before '2026-01-20')."""
    n = min(len(date), len(other))
    return date[:n] < other[:n]


# Events that make an act law: an implementation count cannot be dated before the first of them.
ENACTING_EVENTS = ("adopted", "signed", "decree", "in_force")
OUTCOME_STAGES = ("interim", "final")


def _stage_problems(data_dir: Path) -> list[Problem]:
    """A count of what an act delivered dated before the act was law, or a final count dated
    before an interim one, is a typing slip or a misread source."""
    enacted: dict[str, str] = {}
    for act in _rows(data_dir, "acts"):
        if act["act_date_event"] in ENACTING_EVENTS:
            enacted[act["act_id"]] = act["act_date"]
    for event in _rows(data_dir, "act_events"):
        if event["event"] in ENACTING_EVENTS:
            first = enacted.get(event["act_id"])
            enacted[event["act_id"]] = event["date"] if first is None or event["date"] < first else first
    problems: list[Problem] = []
    figures = list(enumerate(_rows(data_dir, "figures"), start=2))
    latest_interim: dict[tuple[str, str], str] = {}
    for _, fig in figures:
        if fig["stage"] == "interim":
            key = (fig["act_id"], fig["measure_id"])
            latest_interim[key] = max(latest_interim.get(key, ""), fig["as_of"])
    for row_number, fig in figures:
        if fig["stage"] not in OUTCOME_STAGES:
            continue
        start = enacted.get(fig["act_id"])
        if start and _before(fig["as_of"], start):
            problems.append(Problem("figures.csv", row_number, "as_of", f"{'an' if fig['stage'] == 'interim' else 'a'} {fig['stage']} count dated "
                                    f"{fig['as_of']}, before {fig['act_id']} became law ({start})"))
        interim = latest_interim.get((fig["act_id"], fig["measure_id"]))
        if fig["stage"] == "final" and interim and _before(fig["as_of"], interim):
            problems.append(Problem("figures.csv", row_number, "stage", f"a final count dated {fig['as_of']}, "
                                    f"before an interim count of the same measure ({interim})"))
    return problems
