"""Bad input in data/, as an editor would make it: each is refused by `amnesty validate` and by
`amnesty build`, with the file, row and column named, a non-zero exit, and the previous database
left byte-for-byte as it was and still answering queries.

Each case mutates a copy of data/ in tmp_path. Expected messages are computed from the copy (row
numbers found by id), never typed from the data. Rows count as a spreadsheet counts them: header = 1.
"""
from __future__ import annotations

import csv
import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amnesty.cli import app
from amnesty.db import connect, run_query
from amnesty.paths import DATA_DIR

runner = CliRunner()


# ---------------------------------------------------------------- helpers to make bad data

def read(data_dir: Path, file: str) -> tuple[list[str], list[dict]]:
    with open(data_dir / file, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def write(data_dir: Path, file: str, header: list[str], rows: list[dict]) -> None:
    with open(data_dir / file, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def edit(data_dir: Path, file: str, row_id: str, **changes) -> int:
    """Change one row, found by its id (first column); return its spreadsheet row number."""
    header, rows = read(data_dir, file)
    for row_number, row in enumerate(rows, start=2):
        if row[header[0]] == row_id:
            row.update(changes)
            write(data_dir, file, header, rows)
            return row_number
    raise LookupError(f"{row_id} not in {file}")


def first_row_where(data_dir: Path, file: str, **match) -> tuple[int, dict]:
    _, rows = read(data_dir, file)
    for row_number, row in enumerate(rows, start=2):
        if all(row[k] == v for k, v in match.items()):
            return row_number, row
    raise LookupError(f"no row in {file} with {match}")


# Each case: mutate the copy, return the exact problem lines the validator must print
# (a line ending in "…" is matched as a prefix: Frictionless words the rest).

def non_number_in_a_count(d):
    row = edit(d, "figures.csv", "amnesty-2021.released_from_correctional_institutions", value="12x4")
    return [f"figures.csv row {row}, column value: '12x4' is not a number"]


def missing_column(d):
    header, rows = read(d, "figures.csv")
    write(d, "figures.csv", [c for c in header if c != "as_of"], rows)
    return ["figures.csv row 1, column as_of: missing column"]


def duplicate_id(d):
    header, rows = read(d, "figures.csv")
    # A copy of a row, so no other file's reference to the row it replaced dangles.
    write(d, "figures.csv", header, rows + [dict(rows[1])])
    return [f"figures.csv row {len(rows) + 2}, column figure_id: duplicate {rows[1]['figure_id']!r}: …"]


def duplicate_act_id(d):
    header, rows = read(d, "acts.csv")
    copy = dict(rows[0], label=rows[0]["label"] + " (copy)", title=rows[0]["title"] + " (copy)")
    write(d, "acts.csv", header, rows + [copy])
    return [f"acts.csv row {len(rows) + 2}, column act_id: duplicate {rows[0]['act_id']!r}: …"]


def unknown_act(d):
    row = edit(d, "figures.csv", "pardon-2016.released", act_id="pardon-1999")
    return [f"figures.csv row {row}, column act_id: 'pardon-1999' is not a known acts.act_id"]


def unknown_source(d):
    row = edit(d, "figures.csv", "pardon-2016.released", source_id="nobody-said-it")
    return [f"figures.csv row {row}, column source_id: 'nobody-said-it' is not a known sources.source_id"]


def low_above_high(d):
    row, fig = first_row_where(d, "figures.csv", qualifier="range")
    edit(d, "figures.csv", fig["figure_id"], low=fig["high"], high=fig["low"])
    return [f"figures.csv row {row}, column low: low {fig['high']} is greater than high {fig['low']}"]


def negative_count(d):
    row, fig = first_row_where(d, "figures.csv", qualifier="exact")
    edit(d, "figures.csv", fig["figure_id"], value="-5", low="-5", high="-5")
    return [f"figures.csv row {row}, column {c}: '-5' is below the minimum 0" for c in ("value", "low", "high")]


def unknown_qualifier(d):
    row = edit(d, "figures.csv", "pardon-2016.released", qualifier="roughly")
    return [f"figures.csv row {row}, column qualifier: 'roughly' is not one of: "
            "exact, at_least, more_than, nearly, about, range"]


def _reencoded(d, file, codec, row_id, column, text):
    """Put text into one cell, then save the whole file in codec, as a spreadsheet might."""
    edit(d, file, row_id, **{column: text})
    header, rows = read(d, file)
    expected = []
    for row_number, row in enumerate(rows, start=2):
        for name in header:
            cell = row[name]
            encoded = cell.encode(codec, errors="replace")  # latin-1 has no en dash: "?" as a spreadsheet would
            bad = next((b for b in encoded if b >= 0x80), None)
            if bad is not None:  # a non-ASCII byte in a legacy codec is never valid UTF-8 here
                expected.append(f"{file} row {row_number}, column {name}: not UTF-8 (byte 0x{bad:02x}); "
                                "save the file as UTF-8")
    (d / file).write_bytes((d / file).read_text(encoding="utf-8").encode(codec, errors="replace"))
    return expected


def windows_1252_encoding(d):
    # Curly apostrophe and en dash: what Excel on Windows writes for "Aliyev’s" and "2025–26".
    return _reencoded(d, "figures.csv", "cp1252", "pardon-2023-05.covered_by_pardon", "note",
                      "Heydar Aliyev’s centenary – per the decree")


def latin_1_encoding(d):
    return _reencoded(d, "prisoner_groups.csv", "latin-1", "journalists", "note", "Söydlü; Zürich-style ü")


def byte_order_mark(d):
    (d / "figures.csv").write_bytes(b"\xef\xbb\xbf" + (d / "figures.csv").read_bytes())
    return ["figures.csv row 1, column figure_id: starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"]


def empty_file(d):
    header, _ = read(d, "acts.csv")
    (d / "acts.csv").write_bytes(b"")
    return [f"acts.csv row 1: empty file: expected a header row ({', '.join(header)}) and data rows"]


def blank_file(d):
    header, _ = read(d, "sources.csv")
    (d / "sources.csv").write_bytes(b"\r\n  \n")
    return [f"sources.csv row 1: empty file: expected a header row ({', '.join(header)}) and data rows"]


# Found while writing this suite: Frictionless takes these as numbers, and the build stored them.

def infinite_count(d):
    row, fig = first_row_where(d, "figures.csv", qualifier="more_than")
    edit(d, "figures.csv", fig["figure_id"], value="inf", low="inf")
    return [f"figures.csv row {row}, column {c}: 'inf' is not a finite number" for c in ("value", "low")]


def not_a_number_count(d):
    row = edit(d, "figures.csv", "pardon-2016.released", value="NaN")
    return [f"figures.csv row {row}, column value: 'NaN' is not a finite number"]


def spreadsheet_style_number(d):
    row = edit(d, "figures.csv", "amnesty-2021.affected", value="1.6E+04", low="16 000")
    return [f"figures.csv row {row}, column value: '1.6E+04' is not a plain number; write digits only, like 1234 or 12.5",
            f"figures.csv row {row}, column low: '16 000' is not a number"]


def fractional_count_of_persons(d):
    row, fig = first_row_where(d, "figures.csv", measure_id="released")
    edit(d, "figures.csv", fig["figure_id"], value="148.5", low="148.5", high="148.5")
    return [f"figures.csv row {row}, column {c}: 148.5 is not a whole number; 'released' counts persons"
            for c in ("value", "low", "high")]


def control_character_in_a_quote(d):
    # U+000B is how Word's manual line break arrives when pasted; XLSX cannot store it.
    row = edit(d, "figures.csv", "pardon-2016.released", quote="A 2016 decree\x0bresulted in the release")
    return [f"figures.csv row {row}, column quote: contains the invisible control character U+000B, which no "
            "spreadsheet can hold (often a sign of text pasted from another program or decoded in the wrong "
            "encoding); delete it"]


def carriage_return_in_a_quote(d):
    # XLSX turns a CR into a newline, so the export could not give the quote back verbatim.
    row = edit(d, "figures.csv", "pardon-2016.released", quote="A 2016 decree\r\nresulted in the release")
    return [f"figures.csv row {row}, column quote: contains a carriage return (U+000D), which XLSX cannot keep; "
            "use a plain line break"]


def lone_carriage_return_in_a_quote(d):
    # An old Mac line ending pasted into a cell, written unquoted: a CSV reader ends the row there, so
    # without care every later cell is reported in the wrong column. The cell itself is named.
    row = edit(d, "figures.csv", "pardon-2016.released", quote="A 2016 decree\rresulted in the release")
    assert b'"A 2016 decree' not in (d / "figures.csv").read_bytes(), "this case needs it unquoted"
    return [f"figures.csv row {row}, column quote: contains a carriage return (U+000D), which XLSX cannot keep; "
            "use a plain line break"]


def blank_row(d):
    row = _rewrite_line(d, "figures.csv", "pardon-2016.released", lambda line: "\n" + line)
    return [f"figures.csv row {row}: blank row; delete it"]


# Found while writing this suite: an empty required cell made `amnesty validate` crash with a
# TypeError traceback instead of naming the cell.

def required_cell_left_empty(d):
    row = edit(d, "figures.csv", "pardon-2016.released", source_id="")
    return [f"figures.csv row {row}, column source_id: required, but empty"]


def _csv_cells(line: str) -> list[str]:
    return next(csv.reader([line]))


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _rewrite_line(d, file, row_id, change):
    path = d / file
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(row_id + ","))
    lines[number] = change(lines[number])
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def unquoted_comma_in_a_quote(d):
    _, fig = first_row_where(d, "figures.csv", figure_id="pardon-2016.released")
    header, _ = read(d, "figures.csv")
    assert "," not in fig["quote"] and '"' not in fig["quote"], "this case needs an unquoted quote"
    row = _rewrite_line(d, "figures.csv", fig["figure_id"],
                        lambda line: line.replace(fig["quote"], fig["quote"].replace(" ", ", ", 1)))
    return [f"figures.csv row {row}: the row has {len(header) + 1} cells but the header has {len(header)}; "
            "put double quotes around any text that contains a comma"]


def row_with_a_cell_missing(d):
    header, _ = read(d, "figures.csv")
    # The last cell is dropped as CSV reads it: a note may hold a comma inside its quotes.
    row = _rewrite_line(d, "figures.csv", "pardon-2016.released", lambda line: _csv_line(_csv_cells(line)[:-1]))
    return [f"figures.csv row {row}, column {header[-1]}: the row has {len(header) - 1} cells but the header has "
            f"{len(header)}; a comma or line break in an unquoted text, or a stray carriage return, can split a row"]


CASES = [non_number_in_a_count, missing_column, duplicate_id, duplicate_act_id, unknown_act, unknown_source,
         low_above_high, negative_count, unknown_qualifier, windows_1252_encoding, latin_1_encoding,
         byte_order_mark, empty_file, blank_file, infinite_count, not_a_number_count, spreadsheet_style_number,
         fractional_count_of_persons, control_character_in_a_quote, carriage_return_in_a_quote,
         lone_carriage_return_in_a_quote, blank_row, required_cell_left_empty, unquoted_comma_in_a_quote, row_with_a_cell_missing]


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    """A database built from the shipped data/, copied per test as 'the previous build'."""
    path = tmp_path_factory.mktemp("good") / "amnesty.duckdb"
    result = runner.invoke(app, ["build", "--data-dir", str(DATA_DIR), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def workspace(tmp_path, good_db):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    db = tmp_path / "db" / "amnesty.duckdb"
    db.parent.mkdir()
    shutil.copyfile(good_db, db)
    return data, db


def snapshot(db: Path):
    """What a reader of the previous database sees: its bytes and every published row."""
    con = connect(db)
    try:
        rows = run_query(con, "all_figures", act_ids=[], measure_ids=[], stages=[], qualifiers=[], source_ids=[],
                         include_derived=True)
    finally:
        con.close()
    return hashlib.sha256(db.read_bytes()).hexdigest(), rows


def problem_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def assert_lines_match(found: list[str], expected: list[str]) -> None:
    assert len(found) == len(expected), "\n".join(found)
    for line, want in zip(sorted(found), sorted(expected)):
        if want.endswith("…"):
            assert line.startswith(want[:-1]), (line, want)
        else:
            assert line == want


# ---------------------------------------------------------------- the tests

def test_the_shipped_data_validates_and_builds(workspace):
    """The control: without a mutation both commands succeed, so a refusal below means something."""
    data, db = workspace
    assert runner.invoke(app, ["validate", "--data-dir", str(data)]).exit_code == 0
    result = runner.invoke(app, ["build", "--data-dir", str(data), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    assert snapshot(db)[1].shape[0] > 0


@pytest.mark.parametrize("make_bad", CASES, ids=lambda case: case.__name__)
def test_bad_input_is_refused_by_name_and_nothing_is_lost(workspace, make_bad):
    data, db = workspace
    before = snapshot(db)
    expected = make_bad(data)
    assert expected, "a case must expect at least one problem"

    checked = runner.invoke(app, ["validate", "--data-dir", str(data)])
    assert checked.exit_code == 1, checked.output
    assert checked.stderr.splitlines()[0] == f"{len(expected)} problem(s) in {data}:"
    assert_lines_match(problem_lines(checked.stderr), expected)

    built = runner.invoke(app, ["build", "--data-dir", str(data), "--db", str(db)])
    assert built.exit_code == 1, built.output
    assert built.stderr.splitlines()[0] == (
        f"build refused: {len(expected)} problem(s) in {data}; the previous {db} is unchanged")
    assert_lines_match(problem_lines(built.stderr), expected)

    after = snapshot(db)
    assert after[0] == before[0], "the previous database file changed"
    assert after[1].equals(before[1]), "the previous database answers differently"
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name], "a temporary file was left behind"


def test_a_refused_build_with_no_previous_database_writes_none(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    non_number_in_a_count(data)
    db = tmp_path / "db" / "amnesty.duckdb"
    result = runner.invoke(app, ["build", "--data-dir", str(data), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"build refused: 1 problem(s) in {data}"
    assert not db.exists()
    assert not db.parent.exists() or not any(db.parent.iterdir()), "a temporary file was left behind"


def test_every_problem_in_every_file_is_listed_at_once(workspace):
    data, db = workspace
    expected = unknown_qualifier(data) + duplicate_act_id(data)
    result = runner.invoke(app, ["validate", "--data-dir", str(data)])
    assert result.exit_code == 1
    assert_lines_match(problem_lines(result.stderr), expected)


def test_the_installed_command_exits_non_zero_on_bad_input(workspace):
    """Once through a real process, as an editor runs it: exit status and stderr, not a traceback."""
    data, db = workspace
    before = snapshot(db)
    expected = windows_1252_encoding(data)
    command = [str(Path(sys.executable).with_name("amnesty"))]
    for args in (["validate", "--data-dir", str(data)], ["build", "--data-dir", str(data), "--db", str(db)]):
        done = subprocess.run(command + args, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert_lines_match(problem_lines(done.stderr), expected)
    assert snapshot(db)[0] == before[0]
