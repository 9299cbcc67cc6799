"""The `amnesty` command: validate and build the data, and export data and figures."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from amnesty.paths import DATA_DIR, DEFAULT_DB

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
export_app = typer.Typer(help="Export the data or publication-ready figures.", no_args_is_help=True)
app.add_typer(export_app, name="export")
err = Console(stderr=True, soft_wrap=True)

# Defaults are shown as repository-relative text: the absolute path differs on every clone.
DataDirOption = Annotated[Path, typer.Option("--data-dir", help="Folder holding the CSVs and datapackage.json.",
                                             show_default="data/")]
DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file; $AMNESTY_DB overrides the default.",
                                        show_default="build/amnesty.duckdb")]


def _fail(lines: list[str]) -> None:
    for line in lines:
        err.print(line, markup=False, highlight=False)
    raise typer.Exit(1)


@app.command()
def validate(data_dir: DataDirOption = DATA_DIR) -> None:
    """Check the CSVs against datapackage.json and the cross-row rules; list every problem."""
    from amnesty.validate import validate as find_problems

    problems = find_problems(data_dir)
    if problems:
        _fail([f"{len(problems)} problem(s) in {data_dir}:"] + [f"  {p}" for p in problems])
    err.print(f"{data_dir}: valid")


@app.command()
def build(data_dir: DataDirOption = DATA_DIR, db: DbOption = DEFAULT_DB) -> None:
    """Validate, then write the DuckDB file atomically (a failed build keeps the old file)."""
    from amnesty.build import build as build_db
    from amnesty.validate import DataError

    try:
        path = build_db(data_dir, db)
    except DataError as error:
        kept = f"; the previous {db} is unchanged" if Path(db).exists() else ""
        _fail([f"build refused: {len(error.problems)} problem(s) in {data_dir}{kept}"]
              + [f"  {p}" for p in error.problems])
    err.print(f"built {path}")


@export_app.command("data")
def export_data(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, xlsx, parquet or json.")] = "csv",
    act: Annotated[list[str] | None, typer.Option("--act", help="Keep only this act id (repeatable).")] = None,
    measure: Annotated[list[str] | None, typer.Option("--measure", help="Keep only this measure id (repeatable).")] = None,
    published_only: Annotated[bool, typer.Option("--published-only", help="Leave out derived figures.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the tidy file: one row per number, with qualifier, bounds, source and quote."""
    from amnesty.dataset import figures_frame
    from amnesty.db import DatabaseMissing
    from amnesty.export_data import FORMATS, write_figures

    if fmt not in FORMATS:
        _fail([f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}"])
    try:
        frame = figures_frame(db, act_ids=act or [], measure_ids=measure or [], include_derived=not published_only)
    except (DatabaseMissing, ValueError) as error:
        _fail([str(error)])
    write_figures(frame, fmt, output)
    err.print(f"wrote {len(frame)} rows to {output}")


if __name__ == "__main__":
    app()
