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
ForceOption = Annotated[bool, typer.Option("--force", help="Replace existing files that a previous export "
                                           "did not write (never a symbolic link, never inside data/).")]


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
    from amnesty.db import NotOurDatabase
    from amnesty.validate import DataError

    try:
        path = build_db(data_dir, db)
    except DataError as error:
        kept = f"; the previous {db} is unchanged" if Path(db).exists() else ""
        _fail([f"build refused: {len(error.problems)} problem(s) in {data_dir}{kept}"]
              + [f"  {p}" for p in error.problems])
    except NotOurDatabase as error:
        _fail([f"build refused: {error}"])
    except OSError as error:  # a folder in the way of the path, no permission, a full disk
        _fail([f"build failed: {error.strerror or error} ({error.filename or db})"])
    err.print(f"built {path}")


@export_app.command("data")
def export_data(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write; by default a name that "
                                                "carries the filters and the dataset version.",
                                                show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv, xlsx, parquet, json, or zip (the CSV with "
                                     "datapackage.json and a README: columns, how to cite, caveats).")] = "csv",
    act: Annotated[list[str] | None, typer.Option("--act", help="Keep only this act id (repeatable).")] = None,
    measure: Annotated[list[str] | None, typer.Option("--measure", help="Keep only this measure id (repeatable).")] = None,
    stage: Annotated[list[str] | None, typer.Option("--stage", help="Keep only this stage, e.g. announced (repeatable).")] = None,
    qualifier: Annotated[list[str] | None, typer.Option("--qualifier", help="Keep only this qualifier (repeatable).")] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Keep only this source id (repeatable).")] = None,
    published_only: Annotated[bool, typer.Option("--published-only", help="Leave out derived figures.")] = False,
    datapackage: Annotated[bool, typer.Option("--datapackage", help="Also write datapackage.json (the data "
                                              "dictionary) beside a csv or xlsx file.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="en, az or ru: the language of the README, the data "
                                      "dictionary, the citation and our words in the rows (titles, labels, "
                                      "value_text, notes); column names and codes stay English. Files in az "
                                      "or ru end in _az or _ru.")] = "en",
    db: DbOption = DEFAULT_DB,
    force: ForceOption = False,
) -> None:
    """Write the tidy file: one row per number, with qualifier, bounds, source and quote."""
    from amnesty.filters import Filters
    from amnesty.data_dictionary import PACKAGE_FORMATS, package_json
    from amnesty.db import DatabaseMissing, NotOurDatabase, connect
    from amnesty.downloads import filtered_download
    from amnesty.export_data import FORMATS
    from amnesty.i18n import LANGUAGES, language
    from amnesty.outputs import OverwriteRefused, check_writable, write_export

    if fmt not in FORMATS + ("zip",):
        _fail([f"unknown format {fmt!r}; choose one of {', '.join(FORMATS + ('zip',))}"])
    if datapackage and fmt not in PACKAGE_FORMATS:
        _fail([f"--datapackage describes a {' or '.join(PACKAGE_FORMATS)} file (frictionless reads "
               f"{fmt} only with extra packages); use --format csv, or --format zip, which holds one"])
    if lang not in LANGUAGES:
        _fail([f"unknown language {lang!r} for --lang; choose one of {', '.join(LANGUAGES)}"])
    filters = Filters.of(act, measure, qualifier, source, include_derived=not published_only,
                         stages=stage)
    try:
        with connect(db) as con:
            download = filtered_download(con, filters, lang=language(lang))
    except (DatabaseMissing, NotOurDatabase, ValueError) as error:
        _fail([str(error)])
    output = Path(output or download.file_name(fmt))
    described = output.parent / "datapackage.json"
    try:  # both paths are checked before either is written
        check_writable([output] + ([described] if datapackage else []), force)
        write_export(output, download.data(fmt), force)
        err.print(f"wrote {len(download.frame)} rows to {output}")
        if datapackage:
            write_export(described, package_json(download.package(output.name)), force)
            err.print(f"wrote the data dictionary to {described}")
    except OverwriteRefused as error:
        _fail(error.reasons)
    except OSError as error:
        _fail([f"could not write {error.filename or output}: {error.strerror or error}"])


PRESET_HELP = ("article (16:9, 1600 × 900 px), square (1:1, 1080 × 1080), portrait (4:5, 1080 × 1350), "
               "print (170 × 120 mm at 300 dpi) or custom (--width × --height; no height: the "
               "chart's own). A preset replaces the spec file's size. Default: article.")
WORD_OPTIONS = ("title", "subtitle", "notes", "byline", "source_extra", "alt_text")


@export_app.command("figures")
def export_figures(
    names: Annotated[list[str] | None, typer.Argument(help="Figure names; see --list.", show_default=False)] = None,
    all_figures: Annotated[bool, typer.Option("--all", help="Export every figure.")] = False,
    list_names: Annotated[bool, typer.Option("--list", help="Print the figure names, one per line, and exit.")] = False,
    formats: Annotated[str, typer.Option("--format", help="Comma-separated: png, svg, pdf, html, and toml (the "
                                         "spec file that re-makes the figure).")] = "png,svg,pdf,html",
    spec_file: Annotated[Path | None, typer.Option("--spec", help="A figure's spec (TOML, as the app's panel or "
                                                   "--format toml writes it); the options below override it.",
                                                   show_default=False)] = None,
    preset: Annotated[str | None, typer.Option("--preset", help=PRESET_HELP, show_default=False)] = None,
    width: Annotated[float | None, typer.Option("--width", help="Width in CSS pixels (words are set at this "
                                                "width); a preset keeps its shape.", show_default=False)] = None,
    height: Annotated[float | None, typer.Option("--height", help="Height in CSS pixels.", show_default=False)] = None,
    scale: Annotated[float | None, typer.Option("--scale", help="PNG pixels per CSS pixel (96 dpi × scale).",
                                                show_default=False)] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="light or dark. Default: light.",
                                              show_default=False)] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="en, az or ru: the language of our words, numbers "
                                             "and dates; files in az or ru are named NAME-az.FORMAT. "
                                             "Default: en.", show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help="The title, instead of ours (one figure only).",
                                              show_default=False)] = None,
    subtitle: Annotated[str | None, typer.Option("--subtitle", help="The subtitle, instead of ours.",
                                                 show_default=False)] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="The notes, instead of ours.", show_default=False)] = None,
    byline: Annotated[str | None, typer.Option("--byline", help='The credit, as "Graphic: …"; "" for none.',
                                               show_default=False)] = None,
    source_extra: Annotated[str | None, typer.Option("--source-extra", help="Words added after our source line "
                                                     "(which always stays).", show_default=False)] = None,
    alt_text: Annotated[str | None, typer.Option("--alt-text", help="The alt text (PNG Description, SVG <desc>, "
                                                 "PDF Subject), instead of ours.", show_default=False)] = None,
    html_mode: Annotated[str | None, typer.Option("--html-mode", help="self-contained (plotly.js inside, about "
                                                  "4.8 MB, works offline) or small (plotly.js from its pinned "
                                                  "copy on cdn.plot.ly). Default: self-contained.",
                                                  show_default=False)] = None,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder to write NAME.FORMAT files into.")] = Path("figures"),
    db: DbOption = DEFAULT_DB,
    force: ForceOption = False,
) -> None:
    """Write publication-ready figures (title, notes, source line and credits baked in) with one warm chromium."""
    from functools import partial

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from amnesty import render
    from amnesty.db import DatabaseMissing, NotOurDatabase, connect, run_query
    from amnesty.export_spec import (ExportSpec, SpecError, export_file_name, from_toml, to_toml,
                                     with_overrides)
    from amnesty.figures import build_chart, figure_names
    from amnesty.i18n import language
    from amnesty.outputs import OverwriteRefused, check_writable, write_export
    from amnesty.studio import compose, export_facts, our_words

    try:  # the per-act figures are named from the database's acts
        con = connect(db)
    except (DatabaseMissing, NotOurDatabase) as error:
        _fail([str(error)])
    known = figure_names(con)
    if list_names:
        typer.echo("\n".join(known))
        return
    base = None
    if spec_file is not None:
        try:
            base = from_toml(Path(spec_file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SpecError) as error:
            _fail([f"{spec_file}: {error}"])
    wanted = known if all_figures else list(dict.fromkeys(names or ([base.name] if base else [])))
    if not wanted:
        _fail(["name one or more figures, or pass --all; `amnesty export figures --list` shows the names"])
    unknown = [name for name in wanted if name not in known]
    if unknown:
        _fail([f"unknown figure(s): {', '.join(unknown)}", "known figures:"] + [f"  {name}" for name in known])
    if base is not None and wanted != [base.name]:
        _fail([f"{spec_file} is the spec of {base.name}; name that figure alone, or no figure"])
    words = dict(title=title, subtitle=subtitle, notes=notes, byline=byline, source_extra=source_extra,
                 alt_text=alt_text)
    given = [f"--{k.replace('_', '-')}" for k, v in words.items() if v is not None]
    if given and len(wanted) > 1:
        _fail([f"{', '.join(given)} change one figure's words; name one figure"])
    fmts = list(dict.fromkeys(f.strip().lower() for f in formats.split(",") if f.strip()))
    bad = [f for f in fmts if f not in (*render.FORMATS, "toml")]
    if bad or not fmts:
        _fail([f"unknown format(s): {', '.join(bad) or '(none given)'}; choose from "
               f"{', '.join((*render.FORMATS, 'toml'))}"])
    try:
        specs = {name: with_overrides(base if base is not None else ExportSpec(name=name), preset=preset,
                                      width=width, height=height, scale=scale, theme=theme,
                                      html_mode=html_mode, lang=lang, **words)
                 for name in wanted}
    except SpecError as error:
        _fail([str(error)])
    if any(f in render.KALEIDO_FORMATS for f in fmts) and not render.chromium_available():
        _fail([render.INSTALL_HINT.format(path=render.CHROMIUM)])
    jobs = [(name, fmt) for name in wanted for fmt in fmts if fmt != "toml"]
    targets = [out_dir / export_file_name(specs[name], fmt) for name in wanted for fmt in fmts]
    try:  # every target is checked before chromium starts or any file is written
        check_writable(targets, force)
    except OverwriteRefused as error:
        _fail(error.reasons)
    charts, exports = {}, {}
    with con:
        facts = export_facts(partial(run_query, con))
        for name in wanted:
            charts[name] = build_chart(name, con, lang=language(specs[name].lang))
            exports[name] = compose(charts[name], specs[name], facts)
            if len(exports) == 1:  # chromium starts (3-5 s) while the other figures are laid out
                render.start_if_needed([(exports[name], fmt) for fmt in fmts])
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        if "toml" in fmts:
            for name in wanted:
                write_export(out_dir / export_file_name(specs[name], "toml"),
                             to_toml(specs[name], our_words(charts[name], language(specs[name].lang)))
                             .encode("utf-8"), force)
        with Progress(*columns, console=err, transient=False) as progress:
            task = progress.add_task("starting chromium", total=len(jobs))
            rendered = render.render_exports([(exports[name], fmt) for name, fmt in jobs],
                                             group_size=render.BATCH_GROUP)
            for (name, fmt), data in zip(jobs, rendered):
                write_export(out_dir / export_file_name(specs[name], fmt), data, force)
                progress.update(task, advance=1, description=export_file_name(specs[name], fmt))
    except OverwriteRefused as error:  # a file that appeared while the batch ran
        _fail(error.reasons)
    except OSError as error:
        _fail([f"could not write {error.filename or out_dir}: {error.strerror or error}"])
    err.print(f"wrote {len(targets)} file(s) to {out_dir}")


if __name__ == "__main__":
    app()
