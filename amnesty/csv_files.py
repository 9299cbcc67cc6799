"""data/*.csv into DuckDB as text, each row numbered as a spreadsheet numbers it.

The header is row 1, and a line break inside a quoted text stays in its row: rows are CSV records,
not lines. Python reads only the start of each file (is it empty? a byte-order mark? the header).
DuckDB reads the rest twice: once as one text, to ask what a CSV reader would hide (is it UTF-8?
does a carriage return stand alone? is there a control or invisible character, or an empty line,
anywhere?), and once as CSV, every cell as text. What the answers flag is then found cell by cell,
in Python for the rare file that needs it.

Tables, by schema: loaded.<resource> holds DuckDB's rows in file order; cells.<resource> adds the
row number and the rows DuckDB refused (too few or too many cells), parsed by Python's csv module
so their keys still count.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from amnesty.problems import (BLANK_ROW, CARRIAGE_RETURN, CONTROL_CHARACTERS, INVISIBLE_CHARACTERS, Problem,
                              character_class, control_message, shape_message)
from amnesty.schema_sql import identifier, string_literal

BOM = b"\xef\xbb\xbf"
CR_STAND_IN = "\U0010fffd"  # a private-use character no data file holds
# A carriage return that does not end a line (a Windows line ending is CR LF).
BARE_CR = re.compile(r"\r(?!\n)")
# Any character a cell may not hold. A carriage return is asked about on its own: in a file with
# Windows line endings every line ends with one.
MARKS = character_class(CONTROL_CHARACTERS + INVISIBLE_CHARACTERS, re2=True, without=(CARRIAGE_RETURN,))


@dataclass(frozen=True)
class TextFacts:
    """What one pass over a file's text found."""
    marked: bool  # a control or invisible character, or a carriage return, somewhere in the file
    empty_lines: bool  # an empty line: a blank row, or a line break inside a quoted text


def file_problems(con, paths: dict[str, Path], columns: dict[str, list[str]]) -> tuple[list[Problem], dict[str, TextFacts]]:
    """Problems that make a file unreadable as our CSV, and what the text of each readable one holds
    (by resource name)."""
    problems, readable = [], {}
    for name, path in paths.items():
        if not path.is_file():
            problems.append(Problem(path.name, None, None, "missing: the file named in datapackage.json does not exist"))
        elif _blank(path):
            problems.append(Problem(path.name, 1, None, f"empty file: expected a header row "
                                                        f"({', '.join(columns[name])}) and data rows"))
        elif _starts_with_bom(path):
            # The mark sticks to the first column's name, so a reader would see that column go missing.
            first = columns[name][0] if columns[name] else None
            problems.append(Problem(path.name, 1, first, "starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"))
        else:
            readable[name] = path
    facts = {}
    for name, (marked, carriage_return, bare_carriage_return, empty_lines) in _text_facts(con, readable).items():
        path = readable[name]
        if marked is None:  # not UTF-8
            # surrogateescape keeps every bad byte as a lone surrogate, so the CSV still parses and each
            # bad cell can be named; the first bad byte of each is shown.
            problems += _cells_holding(path.name, path.read_bytes().decode("utf-8", errors="surrogateescape"), _bad_byte)
        elif bare_carriage_return:
            # A CSV reader ends the row at a lone carriage return, so every cell after it would be
            # reported in the wrong column. A stand-in keeps the rows whole.
            text = BARE_CR.sub(CR_STAND_IN, path.read_bytes().decode("utf-8"))
            problems += _cells_holding(path.name, text, _bare_cr)
        else:
            facts[name] = TextFacts(marked or carriage_return, empty_lines)
    return problems, facts


NOT_UTF8 = (None, None, None, None)


def _text_facts(con, paths: dict[str, Path]) -> dict[str, tuple]:
    """Per file: (holds a mark, holds a carriage return, holds a bare one, holds an empty line), or
    NOT_UTF8. One query reads every file."""
    if not paths:
        return {}
    query = f"""select filename, regexp_matches(content, {string_literal(MARKS)}), contains(content, chr(13)),
                       case when contains(content, chr(13)) then regexp_matches(content, '\\r([^\\n]|$)') else false end,
                       regexp_matches(content, '\\n\\r?\\n')
                from read_text($paths)"""
    try:
        rows = con.execute(query, {"paths": [str(p) for p in paths.values()]}).fetchall()
    except duckdb.InvalidInputException as error:
        if "UTF-8" not in str(error):
            raise
        if len(paths) == 1:
            return {name: NOT_UTF8 for name in paths}
        # One file or more is not UTF-8: ask file by file which.
        return {name: _text_facts(con, {name: path})[name] for name, path in paths.items()}
    found = {row[0]: row[1:] for row in rows}
    return {name: found[str(path)] for name, path in paths.items()}


def _starts_with_bom(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(BOM)) == BOM


def _blank(path: Path) -> bool:
    """Nothing but white space (read until the first byte that is not)."""
    with open(path, "rb") as f:
        while chunk := f.read(1 << 16):
            if chunk.strip():
                return False
    return True


def _bad_byte(cell: str) -> str | None:
    bad = next((ord(c) - 0xDC00 for c in cell if 0xDC80 <= ord(c) <= 0xDCFF), None)
    return None if bad is None else f"not UTF-8 (byte 0x{bad:02x}); save the file as UTF-8"


def _bare_cr(cell: str) -> str | None:
    return control_message("\r") if CR_STAND_IN in cell else None


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


def header_problems(path: Path, expected: list[str]) -> list[Problem]:
    # Columns are matched by position, so one missing column would make every later cell look
    # wrong. Check the header by name first and stop there if it is off.
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), [])
    problems = [Problem(path.name, 1, c, "missing column") for c in expected if c not in header]
    problems += [Problem(path.name, 1, c, "unknown column (not described in datapackage.json)")
                 for c in header if c not in expected]
    if not problems and header != expected:
        problems.append(Problem(path.name, 1, None, f"columns out of order; expected {', '.join(expected)}"))
    return problems


@dataclass(frozen=True)
class Table:
    """A resource as csv_files reads it."""
    name: str
    path: Path
    columns: list[str]
    missing_values: list[str]


# DuckDB reads every table with one column more than the header names, padding a short record with
# NULLs: a cell that is there, even empty, is text, so NULL can only mean "not there". (Without the
# extra column DuckDB drops one empty cell after the last silently: "a,b,c," reads as three cells.)
EXTRA = "extra cell"
# No cell is read as NULL (read_csv insists on some string); empty cells become missing in cells.*.
NO_NULL_STRING = "\x00\U0010fffe"


def load(con, tables: list[Table], facts: dict[str, TextFacts]) -> list[Problem]:
    """Read each table into loaded.<name> and cells.<name> (see the module's docstring); return the
    records that are not rows of their table: empty lines, and ones with too few or too many cells."""
    con.execute("create schema loaded")
    con.execute("create schema cells")
    for table in tables:
        as_text = "{" + ", ".join(f"{string_literal(c)}: 'VARCHAR'" for c in table.columns + [EXTRA]) + "}"
        # A record with more cells than that, or a quote in the wrong place, is refused and lands in
        # DuckDB's reject_errors table with its record number, which counts quoted line breaks as
        # Python's csv module does. An empty line is skipped silently. Padding needs the serial
        # reader when a quoted text holds a line break; on a small shared machine it is the faster.
        con.execute(
            f"create table loaded.{identifier(table.name)} as select * from read_csv($path, header = true, "
            f"columns = {as_text}, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            "strict_mode = true, null_padding = true, parallel = false, nullstr = $no_null, "
            "ignore_errors = true, store_rejects = true)",
            {"path": str(table.path), "no_null": NO_NULL_STRING})
    refused: dict[str, dict[int, tuple[str, str]]] = {}
    for path, line, error_type, error_message in con.execute(
            "select s.file_path, e.line, min(e.error_type), min(e.error_message) "
            "from reject_errors as e join reject_scans as s using (scan_id, file_id) group by all").fetchall():
        refused.setdefault(path, {})[line] = (error_type, error_message)
    misshapen = {table.name: _misshapen(table) for table in tables}
    suspect = dict(con.execute(" union all ".join(
        f"select {string_literal(table.name)}, count(*) from loaded.{identifier(table.name)} "
        f"where {misshapen[table.name]}" for table in tables)).fetchall())
    problems = []
    for table in tables:
        refused_here = refused.get(str(table.path), {})
        if not (refused_here or suspect[table.name] or facts[table.name].empty_lines):
            _create_cells_view(con, table, misshapen[table.name], [], {})
            continue
        # Something is off in this file: Python's csv module reads it again to say exactly what.
        blank_lines, counts, cells = _records(table, set(refused_here))
        problems += [Problem(table.path.name, row, None, BLANK_ROW) for row in blank_lines]
        for row, count in counts.items():
            problems.append(_shape_problem(table, row, count, cells.get(row)))
        problems += [_unreadable(table, row, error_type, error_message)
                     for row, (error_type, error_message) in refused_here.items() if row not in counts]
        _create_cells_view(con, table, misshapen[table.name], sorted(set(blank_lines) | set(refused_here)),
                           {row: cells[row] for row in refused_here})
    return problems


def _misshapen(table: Table) -> str:
    """SQL: a loaded row whose record had too many cells, or too few (its last cell is padding)."""
    return f"{identifier(EXTRA)} is not null or {identifier(table.columns[-1])} is null"


def _records(table: Table, wanted: set[int]) -> tuple[list[int], dict[int, int], dict[int, list]]:
    """Record numbers of empty lines; the cell count of each record with the wrong number of cells;
    and the cells of the `wanted` records."""
    blank_lines, counts, cells = [], {}, {}
    with open(table.path, encoding="utf-8", newline="") as f:
        for number, record in enumerate(csv.reader(f), start=1):
            if number == 1:
                continue
            if not record:
                blank_lines.append(number)
            elif len(record) != len(table.columns):
                counts[number] = len(record)
            if number in wanted:
                cells[number] = [None if c in table.missing_values else c for c in record]
    return blank_lines, counts, cells


def _shape_problem(table: Table, row: int, count: int, cells: list | None) -> Problem:
    if cells is not None and all(c is None for c in cells):
        return Problem(table.path.name, row, None, BLANK_ROW)
    column = table.columns[count] if count < len(table.columns) else None
    return Problem(table.path.name, row, column, shape_message(count, len(table.columns)))


def _unreadable(table: Table, row: int, error_type: str, error_message: str) -> Problem:
    if error_type == "UNQUOTED VALUE":
        return Problem(table.path.name, row, None, "a quoted text is followed by more characters before the "
                       "next comma; put the whole cell in double quotes and double every quote mark inside it")
    return Problem(table.path.name, row, None, f"the row cannot be read as CSV ({error_message})")


def _create_cells_view(con, table: Table, misshapen: str, skipped: list[int], refused: dict[int, list]) -> None:
    """cells.<name>: the row number, every cell (missing values as NULL), and whether the row is
    misshapen (its cells are not checked, but its keys still count)."""
    name = identifier(table.name)
    missing = "(" + ", ".join(map(string_literal, table.missing_values)) + ")"
    columns = ", ".join(f"case when t.{identifier(c)} in {missing} then null else t.{identifier(c)} end "
                        f"as {identifier(c)}" for c in table.columns)
    if not skipped:  # the usual case: every record after the header is DuckDB's next row
        con.execute(f"create view cells.{name} as select t.rowid + 2 as row, {columns}, "
                    f"({misshapen}) as misshapen from loaded.{name} as t")
        return
    # A row's number is its index among DuckDB's rows, plus the header, plus the records skipped
    # before it: the j-th skipped record (0-based), numbered s, shifts every row from index s - 2 - j on.
    shifts = identifier(f"shifts_{table.name}")
    con.execute(f"create table loaded.{shifts} (from_index bigint, shift bigint)")
    con.executemany(f"insert into loaded.{shifts} values (?, ?)",
                    [(number - 2 - j, j + 1) for j, number in enumerate(skipped)])
    refused_table = identifier(f"refused_{table.name}")
    width = len(table.columns)
    padded = {row: ((cells or []) + [None] * width)[:width] for row, cells in refused.items()}
    con.execute(f"create table loaded.{refused_table} (row bigint, "
                + ", ".join(f"{identifier(c)} varchar" for c in table.columns) + ")")
    if padded:  # a blank row is skipped without being refused
        con.executemany(f"insert into loaded.{refused_table} values ({', '.join(['?'] * (width + 1))})",
                        [[row, *cells] for row, cells in padded.items()])
    con.execute(f"""create view cells.{name} as
        select t.rowid + 2 + coalesce(s.shift, 0) as row, {columns}, ({misshapen}) as misshapen
        from loaded.{name} as t
        asof left join (select from_index, max(shift) as shift from loaded.{shifts} group by from_index) as s
            on t.rowid >= s.from_index
        union all
        select t.row, {', '.join(f't.{identifier(c)}' for c in table.columns)}, true from loaded.{refused_table} as t""")
