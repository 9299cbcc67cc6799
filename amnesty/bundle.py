"""A filtered download that carries its provenance: file names, the README, and the zip.

The zip holds the filtered CSV, its datapackage.json and a README that says what the columns mean,
how to cite, and which sources to treat with care. Everything here is pure: the caller runs the
queries (all_figures, sources, qualifier_readings) and passes the frames in.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from amnesty.citation import Citation, source_lines
from amnesty.data_dictionary import column_descriptions, figures_package, package_json
from amnesty.export_data import figures_bytes
from amnesty.neutralise import FORMULA_STARTS_TEXT
from components.text import markdown_code, readme_literal as literal

STEM = "azerbaijan-amnesties"
# More ids than this in one filter are counted in the file name, not listed; the README lists them.
MAX_IDS_IN_NAME = 3
FACETS = (("act", "act_ids"), ("measure", "measure_ids"), ("qualifier", "qualifiers"),
          ("source", "source_ids"))


@dataclass(frozen=True)
class Filters:
    act_ids: tuple[str, ...] = ()
    measure_ids: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    include_derived: bool = True

    @classmethod
    def of(cls, act_ids=(), measure_ids=(), qualifiers=(), source_ids=(), include_derived=True):
        return cls(tuple(act_ids or ()), tuple(measure_ids or ()), tuple(qualifiers or ()),
                   tuple(source_ids or ()), bool(include_derived))

    def query_params(self) -> dict:
        """Keyword arguments for amnesty.dataset.figures_frame / queries/all_figures.sql."""
        return {name: list(getattr(self, name)) for _, name in FACETS} | {
            "include_derived": self.include_derived}

    def slug(self) -> str:
        parts = []
        for facet, name in FACETS:
            ids = getattr(self, name)
            if ids:
                shown = "+".join(ids) if len(ids) <= MAX_IDS_IN_NAME else f"{len(ids)}-selected"
                parts.append(f"{facet}-{shown}")
        if not self.include_derived:
            parts.append("published-only")
        return _safe("_".join(parts) or "all")

    def text(self) -> str:
        parts = [f"{facet} in {', '.join(getattr(self, name))}"
                 for facet, name in FACETS if getattr(self, name)]
        rows = "rows with " + "; ".join(parts) if parts else "all rows"
        return rows + ("" if self.include_derived else ", published figures only (no derived rows)")


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._+-]+", "-", text)


def export_file_name(filters: Filters, version: str, fmt: str) -> str:
    """azerbaijan-amnesties_act-amnesty-2021_v1a2b3c4d5e6f.csv: the filters and the data version."""
    return f"{STEM}_{filters.slug()}_v{version}.{fmt}"


def used_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The sources the rows rest on: read there, attributed to, and the copy each was read in."""
    ids = set(frame["source_id"].dropna()) | set(frame["attributed_to"].dropna())
    used = sources[sources["source_id"].isin(ids)]
    via = sources["short_name"].isin(used["reported_in_name"].dropna())
    return sources[sources["source_id"].isin(ids) | via]


def readme_text(frame: pd.DataFrame, filters: Filters, cite: Citation, sources: pd.DataFrame,
                qualifier_readings: pd.DataFrame, data_file: str) -> str:
    used = used_sources(frame, sources)
    cite = replace(cite, sources=source_lines(used))  # cite what these rows rest on
    descriptions = column_descriptions(list(frame.columns))
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
        "- **Quote `value_text`, not `value`.** Many numbers are bounds: 'more than 20,000' is "
        "stored as low = 20,000 with no high. `low` and `high` are what the wording allows; an "
        "empty cell is a bound the source does not set, never zero.",
        "- **Derived rows** (`derived` = true) are computed by this project from published figures; "
        "no source printed them. `derivation` shows the arithmetic, `derived_from` the inputs.",
        "- **A number that no source gives is absent**, not zero and not estimated.",
        f"- **Spreadsheet safety:** in the CSV, a text cell that starts with {FORMULA_STARTS_TEXT} "
        "is prefixed with ' so that no spreadsheet runs it as a formula. The file is UTF-8 with a byte-order "
        "mark, which Excel needs to show ə, ş and – correctly.",
        "",
        "### Qualifiers",
        "",
        "| qualifier | reading |",
        "|---|---|",
    ]
    lines += [f"| {literal(row.qualifier)} | {literal(row.reading)} |"
              for row in qualifier_readings.itertuples()]
    lines += ["", "### Sources and how far to trust them", ""]
    careful = used[used["secondary"] | used["ai_written"]]
    if len(careful):
        lines += ["Treat these with care: " + "; ".join(
            f"**{literal(row.short_name)}** ({_flags(row)})" for row in careful.itertuples()) + ".", ""]
    for row in used.itertuples():
        lines.append(f"- **{literal(row.credit_text)}**: {literal(row.reliability_note)}")
    lines += ["", "## Columns", "", "| column | meaning |", "|---|---|"]
    lines += [f"| {markdown_code(column, limit=None)} | {literal(text)} |"
              for column, text in descriptions.items()]
    return "\n".join(lines) + "\n"


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
