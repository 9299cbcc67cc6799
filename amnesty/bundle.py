"""A filtered download that carries its provenance: file names, the README, and the zip.

The zip holds the filtered CSV, its datapackage.json and a README that says what the columns mean,
how to cite, and which sources to treat with care. Everything here is pure: the caller runs the
queries (all_figures, sources, qualifier_readings) and passes the frames in.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import pandas as pd

from amnesty.citation import LICENSE, Citation, source_lines
from amnesty.data_dictionary import column_dictionary, figures_package, package_json
from amnesty.export_data import LIST_SEPARATOR, figures_bytes
from amnesty.filters import Filters
from amnesty.neutralise import FORMULA_STARTS_TEXT
from components.text import markdown_code, readme_literal as literal

STEM = "azerbaijan-amnesties"


def export_file_name(filters: Filters, version: str, fmt: str) -> str:
    """azerbaijan-amnesties_act-amnesty-2021_v1a2b3c4d5e6f.csv: the filters and the data version."""
    return f"{STEM}_{filters.slug()}_v{version}.{fmt}"


def used_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The sources the rows rest on: each figure's sources (the first, and the further ones in
    source_ids, '; '-joined as in the files), the one it is attributed to, and the copy each was
    read in."""
    ids = set(frame["source_id"].dropna()) | set(frame["attributed_to"].dropna())
    if "source_ids" in frame:
        ids |= {one for listed in frame["source_ids"].dropna()
                for one in str(listed).split(LIST_SEPARATOR) if one}
    used = sources[sources["source_id"].isin(ids)]
    via = sources["short_name"].isin(used["reported_in_name"].dropna())
    return sources[sources["source_id"].isin(ids) | via]


# What a reader must know before quoting a number: (headline, body), for the README and the XLSX.
CAVEATS = (
    ("Quote value_text, not value.",
     "Many numbers are bounds: 'more than 20,000' is stored as low = 20,000 with no high. low and "
     "high are what the wording allows; an empty cell is a bound the source does not set, never zero."),
    ("Derived rows (derived = true) are computed by this project from published figures;",
     "no source printed them. derivation shows the arithmetic, derived_from the inputs."),
    ("A number that no source gives is absent,", "not zero and not estimated."),
    ("Spreadsheet safety:",
     f"in the CSV, a text cell that starts with {FORMULA_STARTS_TEXT} is prefixed with ' so that no "
     "spreadsheet runs it as a formula (the XLSX keeps such a cell as text without the '). The CSV "
     "is UTF-8 with a byte-order mark, which Excel needs to show ə, ş and – correctly."),
)


def readme_text(frame: pd.DataFrame, filters: Filters, cite: Citation, sources: pd.DataFrame,
                qualifier_readings: pd.DataFrame, data_file: str) -> str:
    used = used_sources(frame, sources)
    cite = replace(cite, sources=source_lines(used))  # cite what these rows rest on
    derived = int(frame["derived"].sum()) if len(frame) else 0
    # Every value from the data (titles, notes, names, descriptions, filter ids) goes through the
    # text door: the README is Markdown, and a note must not become a link or an image in it.
    lines = [
        f"# {literal(cite.title)}",
        "",
        f"{markdown_code(data_file, limit=None)} holds {len(frame)} rows ({len(frame) - derived} "
        f"published, {derived} derived): {literal(filters.text())}. Dataset version "
        f"{markdown_code(cite.version, limit=None)}, exported "
        f"{cite.accessed.isoformat()}. `datapackage.json` describes every column (Frictionless "
        "Table Schema; check it with `frictionless validate datapackage.json`).",
        "",
        cite.markdown(),
        "## Read before you quote a number",
        "",
    ]
    lines += [f"- **{literal(headline)}** {literal(body)}" for headline, body in CAVEATS]
    lines += ["", "### Qualifiers", "", "| qualifier | in words | reading |", "|---|---|---|"]
    lines += [f"| {literal(row.qualifier)} | {literal(row.qualifier_text)} | {literal(row.reading)} |"
              for row in qualifier_readings.itertuples()]
    lines += ["", "### Sources and how far to trust them", ""]
    careful = used[used["secondary"] | used["ai_written"]]
    if len(careful):
        lines += ["Treat these with care: " + "; ".join(
            f"**{literal(row.short_name)}** ({_flags(row)})" for row in careful.itertuples()) + ".", ""]
    for row in used.itertuples():
        lines.append(f"- **{literal(row.credit_text)}**: {literal(row.reliability_note)}")
    lines += ["", "## Columns", "",
              "The file keeps the machine names; the app's tables show the reader labels.", "",
              "| column | label in the app | meaning |", "|---|---|---|"]
    lines += [f"| {markdown_code(column, limit=None)} | {literal(label)} | {literal(text)} |"
              for column, label, text in column_dictionary(list(frame.columns))]
    return "\n".join(lines) + "\n"


def about_rows(frame: pd.DataFrame, filters: Filters, cite: Citation, sources: pd.DataFrame,
               qualifier_readings: pd.DataFrame) -> list[tuple[str, ...]]:
    """The XLSX's "About" sheet, row by row: what the README says, as cells. A row of one cell is
    a section heading."""
    used = used_sources(frame, sources)
    rows: list[tuple[str, ...]] = [
        (cite.title,),
        ("Rows", f"{len(frame)}: {filters.text()}"),
        ("Dataset version", cite.version),
        ("Accessed", cite.accessed.isoformat()),
        ("URL of these rows", cite.url or ""),
        ("Licence", LICENSE),
        ("How to cite (APA)", cite.text()),
        ("BibTeX", cite.bibtex()),
        ("",),
        ("Read before you quote a number",),
        *CAVEATS,
        ("",),
        ("Qualifiers",),
        *[(row.qualifier, row.reading) for row in qualifier_readings.itertuples()],
        ("",),
        ("Sources of these rows",),
        *[(row.credit_text, row.reliability_note) for row in used.itertuples()],
        ("",),
        ("Columns",),
        ("column", "label in the app", "meaning"),
        *column_dictionary(list(frame.columns)),
    ]
    return [tuple("" if cell is None else str(cell) for cell in row) for row in rows]


def _flags(row) -> str:
    flags = (["AI-written"] if row.ai_written else []) + (["secondary"] if row.secondary else [])
    return ", ".join(flags)


def bundle_bytes(frame: pd.DataFrame, filters: Filters, cite: Citation, sources: pd.DataFrame,
                 qualifier_readings: pd.DataFrame) -> bytes:
    """A zip of one folder: the filtered CSV, datapackage.json and README.md."""
    folder = export_file_name(filters, cite.version, "zip")[:-len(".zip")]
    data_file = folder + ".csv"
    descriptor = figures_package(
        frame, data_file, version=cite.version, filters_text=filters.text(),
        sources=used_sources(frame, sources), qualifiers=list(qualifier_readings["qualifier"]),
        created=cite.accessed)
    members = {
        data_file: figures_bytes(frame, "csv"),
        "datapackage.json": package_json(descriptor),
        "README.md": readme_text(frame, filters, cite, sources, qualifier_readings,
                                 data_file).encode("utf-8"),
    }
    buffer = io.BytesIO()
    stamp = _zip_time(cite.accessed)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _zip_time(day: date) -> tuple[int, int, int, int, int, int]:
    # A fixed time of day: the same rows on the same day give the same bytes.
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)
