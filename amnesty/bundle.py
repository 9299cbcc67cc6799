"""A filtered download that carries its provenance: file names, the README, and the zip.

The zip holds the filtered CSV, its datapackage.json and a README that says what the columns mean,
how to cite, and which sources to treat with care. Everything here is pure: the caller runs the
queries (all_figures, sources, qualifier_readings) and passes the frames in, with our words
already in the citation's language (amnesty.wording.in_language). The README and the XLSX's About
sheet are written in that language; the files keep English column names and machine values.
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
from amnesty.i18n import DEFAULT, N_, Language
from amnesty.method_words import qualifier_readings as readings_in
from amnesty.neutralise import FORMULA_STARTS_TEXT
from components.text import markdown_code, readme_literal as literal

STEM = "azerbaijan-amnesties"


def export_file_name(filters: Filters, version: str, fmt: str, lang: str = DEFAULT) -> str:
    """azerbaijan-amnesties_act-amnesty-2021_v1a2b3c4d5e6f.csv: the filters and the data version;
    a file in another language says which (…_v1a2b3c4d5e6f_az.csv)."""
    return f"{STEM}_{filters.slug()}_v{version}{'' if lang == DEFAULT else '_' + lang}.{fmt}"


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
# {formula_starts} is filled in after translation.
CAVEATS = (
    (N_("Quote value_text, not value."),
     N_("Many numbers are bounds: 'more than 20,000' is stored as low = 20,000 with no high. low and "
        "high are what the wording allows; an empty cell is a bound the source does not set, never zero.")),
    (N_("Derived rows (derived = true) are computed by this project from published figures;"),
     N_("no source printed them. derivation shows the arithmetic, derived_from the inputs.")),
    (N_("A number that no source gives is absent,"), N_("not zero and not estimated.")),
    (N_("Spreadsheet safety:"),
     N_("in the CSV, a text cell that starts with {formula_starts} is prefixed with ' so that no "
        "spreadsheet runs it as a formula (the XLSX keeps such a cell as text without the '). The CSV "
        "is UTF-8 with a byte-order mark, which Excel needs to show ə, ş and – correctly.")),
)
# Said in a file in Azerbaijani or Russian: what stays as the sources and the scripts have it.
AS_WRITTEN = N_("Quotes, the sources' own titles and the names of publishers stay in the language "
                "of their source. Column names, ids and codes stay in English, so that scripts read "
                "every language's file alike; the words of act_title, measure_label, value_text, "
                "qualifier_text and our notes are in this file's language.")


def caveats(lang: Language) -> list[tuple[str, str]]:
    return [(lang._(headline), lang._(body).format(formula_starts=lang._(FORMULA_STARTS_TEXT)))
            for headline, body in CAVEATS]


def readme_text(frame: pd.DataFrame, filters: Filters, cite: Citation, sources: pd.DataFrame,
                qualifier_readings: pd.DataFrame, data_file: str) -> str:
    lang = cite.lang
    _ = lang._
    used = used_sources(frame, sources)
    cite = replace(cite, sources=source_lines(used))  # cite what these rows rest on
    derived = int(frame["derived"].sum()) if len(frame) else 0
    # Every value from the data (titles, notes, names, descriptions, filter ids) goes through the
    # text door: the README is Markdown, and a note must not become a link or an image in it.
    lines = [
        f"# {literal(_(cite.title))}",
        "",
        lang.n_("{file} holds {n} row ({published} published, {derived} derived): {which}.",
                "{file} holds {n} rows ({published} published, {derived} derived): {which}.",
                len(frame), file=markdown_code(data_file, limit=None),
                published=lang.number(len(frame) - derived), derived=lang.number(derived),
                which=literal(filters.text(lang))) + " " +
        _("Dataset version {version}, exported {date}. `datapackage.json` describes every column "
          "(Frictionless Table Schema; check it with `frictionless validate datapackage.json`).",
          version=markdown_code(cite.version, limit=None), date=cite.accessed.isoformat()),
        "",
    ]
    if lang.code != DEFAULT:
        lines += [literal(_(AS_WRITTEN)), ""]
    lines += [cite.markdown(), "## " + _("Read before you quote a number"), ""]
    lines += [f"- **{literal(headline)}** {literal(body)}" for headline, body in caveats(lang)]
    readings = readings_in(lang, qualifier_readings)
    headers = (_("qualifier"), _("in words"), _("reading"))  # not in the f-string: extracted
    lines += ["", "### " + _("Qualifiers"), "", "| " + " | ".join(headers) + " |", "|---|---|---|"]
    lines += [f"| {literal(row.qualifier)} | {literal(row.qualifier_text)} | {literal(row.reading)} |"
              for row in readings.itertuples()]
    lines += ["", "### " + _("Sources and how far to trust them"), ""]
    careful = used[used["secondary"] | used["ai_written"]]
    if len(careful):
        lines += [_("Treat these with care: {sources}.", sources="; ".join(
            f"**{literal(_(row.short_name))}** ({_flags(row, lang)})" for row in careful.itertuples())), ""]
    for row in used.itertuples():
        lines.append(f"- **{literal(row.credit_text)}**: {literal(row.reliability_note)}")
    lines += ["", "## " + _("Columns"), "",
              _("The file keeps the machine names; the app's tables show the reader labels."), "",
              "| " + " | ".join((_("column"), _("label in the app"), _("meaning"))) + " |", "|---|---|---|"]
    lines += [f"| {markdown_code(column, limit=None)} | {literal(label)} | {literal(text)} |"
              for column, label, text in column_dictionary(list(frame.columns), lang)]
    return "\n".join(lines) + "\n"


def about_rows(frame: pd.DataFrame, filters: Filters, cite: Citation, sources: pd.DataFrame,
               qualifier_readings: pd.DataFrame) -> list[tuple[str, ...]]:
    """The XLSX's "About" sheet, row by row: what the README says, as cells. A row of one cell is
    a section heading."""
    lang = cite.lang
    _ = lang._
    used = used_sources(frame, sources)
    rows: list[tuple[str, ...]] = [
        (_(cite.title),),
        (_("Rows"), f"{lang.number(len(frame))}: {filters.text(lang)}"),
        (_("Dataset version"), cite.version),
        (_("Accessed"), cite.accessed.isoformat()),
        (_("URL of these rows"), cite.url or ""),
        (_("Licence"), LICENSE),
        (_("How to cite (APA)"), cite.text()),
        ("BibTeX", cite.bibtex()),
        *([("",), (_(AS_WRITTEN),)] if lang.code != DEFAULT else []),
        ("",),
        (_("Read before you quote a number"),),
        *caveats(lang),
        ("",),
        (_("Qualifiers"),),
        *[(row.qualifier, row.reading) for row in readings_in(lang, qualifier_readings).itertuples()],
        ("",),
        (_("Sources of these rows"),),
        *[(row.credit_text, row.reliability_note) for row in used.itertuples()],
        ("",),
        (_("Columns"),),
        (_("column"), _("label in the app"), _("meaning")),
        *column_dictionary(list(frame.columns), lang),
    ]
    return [tuple("" if cell is None else str(cell) for cell in row) for row in rows]


def _flags(row, lang: Language) -> str:
    flags = ([lang._("AI-written")] if row.ai_written else []) + ([lang._("secondary")] if row.secondary else [])
    return ", ".join(flags)


def bundle_bytes(frame: pd.DataFrame, filters: Filters, cite: Citation, sources: pd.DataFrame,
                 qualifier_readings: pd.DataFrame) -> bytes:
    """A zip of one folder: the filtered CSV, datapackage.json and README.md."""
    folder = export_file_name(filters, cite.version, "zip", cite.lang.code)[:-len(".zip")]
    data_file = folder + ".csv"
    descriptor = figures_package(
        frame, data_file, version=cite.version, filters_text=filters.text(cite.lang),
        sources=used_sources(frame, sources), qualifiers=list(qualifier_readings["qualifier"]),
        created=cite.accessed, lang=cite.lang)
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
