"""The data dictionary of the tidy export: a Frictionless data package describing every column.

A column that also exists in data/datapackage.json keeps that description (one description of the
data, beside the data); the columns the build adds (titles, labels, derivations) are described once
here. A test checks that every column of queries/all_figures.sql is described.
"""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
from frictionless import Package, Schema

from amnesty.export_data import LIST_SEPARATOR
from amnesty.neutralise import FORMULA_STARTS_TEXT
from amnesty.paths import DATA_DIR

# Where a column appears in several resources of data/datapackage.json, the first listed wins: the
# export is one row per figure, so the figures resource says best what its columns mean.
RESOURCE_ORDER = ("figures", "measures", "acts", "sources")

# Columns the build adds, or whose meaning changes once derived rows sit beside published ones.
EXPORT_DESCRIPTIONS = {
    "act_title": "Name of the act in plain words, e.g. '2021 Victory Day amnesty'.",
    "measure_label": "What the figure counts, in plain words.",
    "value_text": "The number as a reader should quote it, with its qualifier and unit "
                  "(e.g. 'more than 20,000', '15.6%–16.8%'); the safest column to cite.",
    "source_name": "Short name of the source in which the quote appears; empty for derived rows.",
    "source_publisher": "Organisation that published that source; empty where the copy we hold "
                        "does not name it.",
    "source_kind": "official (state body or state media), monitor (human-rights organisation or "
                   "researcher) or press (news outlet); empty for derived rows.",
    "attributed_name": "Short name of the source to which the figure is attributed, where one is named.",
    "derived": "true where the build computed the number in SQL from published figures (see "
               "derivation and derived_from); false where a source published it.",
    "derivation": "For a derived row, the arithmetic in words, with the published bounds it "
                  "starts from (e.g. '(1,023 + 368) ÷ at least 16,000').",
    "derived_from": "For a derived row, the figure_id of each published figure it uses, "
                    f"separated by '{LIST_SEPARATOR}' (a list in JSON and Parquet).",
    "value": "The number as the source prints it, or as the build computes it for a derived row; "
             "empty for a range and where only a bound is known.",
    "qualifier": "How the source words the number (exact, at_least, more_than, nearly, about, "
                 "range) or, for a derived row, how far its inputs pin it (at_most, unknown); "
                 "the README reads each.",
    "source_id": "Source in which the verbatim quote appears; empty for derived rows.",
    "quote": "Verbatim words of the source that state the figure; empty for derived rows. In CSV "
             f"a cell starting with {FORMULA_STARTS_TEXT} is prefixed with ' so no spreadsheet "
             "runs it; in XLSX such a cell is a text cell in the quote-prefix style, shown as typed.",
}

TYPES = {"year": "integer", "value": "number", "low": "number", "high": "number",
         "derived": "boolean"}
# Constraints that hold for derived rows as well as published ones.
CONSTRAINTS = {
    "figure_id": {"required": True, "unique": True},
    "act_id": {"required": True},
    "measure_id": {"required": True},
    "qualifier": {"required": True},
    "unit": {"required": True, "enum": ["persons", "groups", "percent"]},
    "stage": {"required": True, "enum": ["announced", "reported", "expected"]},
    "source_kind": {"enum": ["official", "monitor", "press"]},
    "derived": {"required": True},
}
QUALIFIERS = ["exact", "at_least", "more_than", "nearly", "about", "range"]
PACKAGE_DESCRIPTION = (
    "The tidy export of the dataset: every number published about Azerbaijan's amnesty acts and "
    "pardon decrees since 2016 in the sources held, one row per number, with its qualifier, bounds, "
    "source and verbatim quote, beside the numbers the build derives from them (derived = true).")
# The data dictionary is checked by frictionless for the formats it reads without extra packages.
PACKAGE_FORMATS = ("csv", "xlsx")


def source_descriptions() -> dict[str, str]:
    """Column name -> description, from data/datapackage.json."""
    with open(DATA_DIR / "datapackage.json", encoding="utf-8") as handle:
        package = json.load(handle)
    resources = sorted(package["resources"], key=lambda r: _rank(r["name"]))
    found: dict[str, str] = {}
    for resource in resources:
        for field in resource["schema"]["fields"]:
            if field.get("description"):
                found.setdefault(field["name"], field["description"])
    return found


def _rank(name: str) -> int:
    return RESOURCE_ORDER.index(name) if name in RESOURCE_ORDER else len(RESOURCE_ORDER)


def column_descriptions(columns) -> dict[str, str]:
    """A description for every column; a KeyError names any column nobody has described."""
    known = {**source_descriptions(), **EXPORT_DESCRIPTIONS}
    missing = [column for column in columns if column not in known]
    if missing:
        raise KeyError(f"undocumented export column(s): {', '.join(missing)}; describe them in "
                       "data/datapackage.json or amnesty/data_dictionary.py")
    return {column: known[column] for column in columns}


def figures_schema(columns, qualifiers=()) -> Schema:
    descriptions = column_descriptions(columns)
    fields = []
    for column in columns:
        field = {"name": column, "type": TYPES.get(column, "string"),
                 "description": descriptions[column]}
        constraints = dict(CONSTRAINTS.get(column, {}))
        if column == "qualifier" and qualifiers:
            constraints["enum"] = list(dict.fromkeys(list(qualifiers) + QUALIFIERS))
        if column in ("value", "low", "high"):
            field["bareNumber"] = True
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return Schema.from_descriptor({"fields": fields, "primaryKey": ["figure_id"], "missingValues": [""]})


def figures_package(frame: pd.DataFrame, data_file: str, *, version: str, filters_text: str,
                    sources: pd.DataFrame, qualifiers=(), created: date | None = None) -> dict:
    """The datapackage.json descriptor (a dict) for one exported CSV file named data_file."""
    with open(DATA_DIR / "datapackage.json", encoding="utf-8") as handle:
        base = json.load(handle)
    fmt = data_file.rsplit(".", 1)[-1]
    resource = {
        "name": "figures",
        "path": data_file,
        "type": "table",
        "format": fmt,
        # utf-8-sig: the CSV starts with a byte-order mark so that Excel reads it as UTF-8.
        "encoding": "utf-8-sig" if fmt == "csv" else "utf-8",
        "title": "Figures",
        "description": f"One row per published or derived number; {filters_text}.",
        "schema": figures_schema(list(frame.columns), qualifiers).to_descriptor(),
    }
    package = Package.from_descriptor({
        "name": base["name"],
        "title": base["title"],
        "description": PACKAGE_DESCRIPTION,
        "version": version,
        "created": (created or date.today()).isoformat() + "T00:00:00Z",
        "licenses": base["licenses"],
        "sources": package_sources(sources),
        "resources": [resource],
    })
    return package.to_descriptor()


def package_sources(sources: pd.DataFrame) -> list[dict]:
    out = []
    for row in sources.itertuples(index=False):
        entry = {"title": row.credit_text + (f": {row.title}" if isinstance(row.title, str) else "")}
        url = getattr(row, "url", None)
        if isinstance(url, str) and url:
            entry["path"] = url
        out.append(entry)
    return out


def package_json(descriptor: dict) -> bytes:
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
