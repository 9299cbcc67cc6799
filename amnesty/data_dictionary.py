"""The data dictionary of the tidy export: a Frictionless data package describing every column.

A column that also exists in data/datapackage.json keeps that description (one description of the
data, beside the data); the columns the build adds (titles, labels, derivations) are described once
here. A test checks that every column of queries/all_figures.sql is described.
"""
from __future__ import annotations

import json
from datetime import date

import pandas as pd

from amnesty.export_data import LIST_SEPARATOR
from amnesty.i18n import ENGLISH, N_, Language
from amnesty.wording import QUALIFIER_WORDS, STAGE_WORDS
from amnesty.neutralise import FORMULA_STARTS_TEXT
from amnesty.paths import DATA_DIR

# Where a column appears in several resources of data/datapackage.json, the first listed wins: the
# export is one row per figure, so the figures resource says best what its columns mean.
RESOURCE_ORDER = ("figures", "measures", "acts", "sources")

# Columns the build adds, or whose meaning changes once derived rows sit beside published ones.
# {separator} and {formula_starts} are filled in after translation (LIST_SEPARATOR, FORMULA_STARTS_TEXT).
EXPORT_DESCRIPTIONS = {
    "act_title": N_("Name of the act in plain words, e.g. '2021 Victory Day amnesty'."),
    "measure_label": N_("What the figure counts, in plain words."),
    "value_text": N_("The number as a reader should quote it, with its qualifier and unit "
                     "(e.g. 'more than 20,000', '15.6%–16.8%'); the safest column to cite."),
    "source_name": N_("Short name of the source in which the quote appears; empty for derived rows."),
    "source_publisher": N_("Organisation that published that source; empty where the copy we hold "
                           "does not name it."),
    "source_kind": N_("Kind of the figure's first source (see sources.kind in data/datapackage.json); "
                      "empty for derived rows."),
    "source_url": N_("Address of the figure's first source; empty for derived rows and where none is known."),
    "published": N_("Earliest publication date among the figure's sources; empty for derived rows."),
    "source_count": N_("How many sources give the figure (the first one and every further one); 0 for "
                       "derived rows."),
    "source_ids": N_("Every source that gives the figure, separated by '{separator}'."),
    "attributed_name": N_("Short name of the source to which the figure is attributed, where one is named."),
    "derived": N_("true where the build computed the number in SQL from published figures (see "
                  "derivation and derived_from); false where a source published it."),
    "derivation": N_("For a derived row, the arithmetic in words, with the published bounds it "
                     "starts from (e.g. '(1,023 + 368) ÷ at least 16,000')."),
    "derived_from": N_("For a derived row, the figure_id of each published figure it uses, "
                       "separated by '{separator}' (a list in JSON and Parquet)."),
    "value": N_("The number as the source prints it, or as the build computes it for a derived row; "
                "empty for a range and where only a bound is known."),
    "qualifier": N_("How the source words the number (exact, at_least, more_than, nearly, about, "
                    "range) or, for a derived row, how far its inputs pin it (at_most, unknown); "
                    "the README reads each."),
    "source_id": N_("The first source of the figure; empty for derived rows."),
    "qualifier_text": N_("The qualifier in words, as the app's tables show it ('more than' for "
                         "more_than)."),
    "quote": N_("Verbatim words of a seed source that state the figure; empty for other sources (see "
                "locator) and for derived rows. In CSV a cell starting with {formula_starts} is "
                "prefixed with ' so no spreadsheet runs it; in XLSX such a cell is a text cell in the "
                "quote-prefix style, shown as typed."),
    "quote_language": N_("Language of the quote (its source's, as an ISO 639-1 code such as en, az or "
                         "ru); empty where there is no quote. A quote is never translated."),
}
DESCRIPTION_VALUES = {"separator": LIST_SEPARATOR, "formula_starts": FORMULA_STARTS_TEXT}  # translated

# What a reader sees in the app's tables for each column; files keep the machine names. A column
# not listed (one a newer build adds) shows its name in words until it gets a label here.
READER_LABELS = {
    "figure_id": N_("Figure id"),
    "act_id": N_("Act id"),
    "act_title": N_("Act"),
    "year": N_("Year"),
    "measure_id": N_("Measure id"),
    "measure_label": N_("What was counted"),
    "stage": N_("Stage"),
    "value": N_("Number"),
    "qualifier": N_("Qualifier"),
    "qualifier_text": N_("Qualifier in words"),
    "low": N_("Lowest it can be"),
    "high": N_("Highest it can be"),
    "unit": N_("Unit"),
    "value_text": N_("Figure"),
    "as_of": N_("As of"),
    "source_id": N_("Source id"),
    "source_name": N_("Source"),
    "source_publisher": N_("Publisher"),
    "source_kind": N_("Kind of source"),
    "attributed_to": N_("Attributed to (id)"),
    "attributed_name": N_("Attributed to"),
    "quote": N_("Quote"),
    "quote_language": N_("Language of the quote"),
    "note": N_("Note"),
    "derived": N_("Derived"),
    "derivation": N_("How it was derived"),
    "derived_from": N_("Derived from"),
    "approximate": N_("Approximate"),
    "as_of_inferred": N_("Date partly inferred"),
    "published": N_("Published"),
    "source_count": N_("Number of sources"),
    "source_ids": N_("All its sources (ids)"),
    "source_url": N_("Source's address"),
    "qualifier_words": N_("Source's words for the qualifier"),
    "locator": N_("Where in the source"),
    "disagreement": N_("Where sources disagree"),
    # Columns of the charts' own tables ("The numbers in this chart").
    "role": N_("Kind of number"),
    "credits": N_("Sources"),
    "series_label": N_("Series"),
    "share_of_list_text": N_("Share of the list"),
    "group_name": N_("Group"),
    "parent_group_name": N_("Part of"),
    "reach_text": N_("Reached by the act"),
    "size_text": N_("Size"),
    "members_released": N_("Members released"),
    "has_reach": N_("Reach known"),
    "row_label": N_("Source"),
    "source_kind_text": N_("Kind of source"),
    "attributed_kind_text": N_("Cites"),
    "figure_count": N_("Figures"),
}

TYPES = {"year": "integer", "value": "number", "low": "number", "high": "number",
         "derived": "boolean", "approximate": "boolean", "as_of_inferred": "boolean",
         "source_count": "integer"}


def _enum(resource: str, field: str) -> list[str]:
    """The allowed values of one column, from data/datapackage.json: typed once, there."""
    with open(DATA_DIR / "datapackage.json", encoding="utf-8") as handle:
        package = json.load(handle)
    schema = next(r["schema"] for r in package["resources"] if r["name"] == resource)
    return next(f["constraints"]["enum"] for f in schema["fields"] if f["name"] == field)


# Constraints that hold for derived rows as well as published ones.
CONSTRAINTS = {
    "figure_id": {"required": True, "unique": True},
    "act_id": {"required": True},
    "measure_id": {"required": True},
    "qualifier": {"required": True},
    "unit": {"required": True, "enum": ["persons", "groups", "percent"]},
    "stage": {"required": True, "enum": _enum("figures", "stage")},
    "source_kind": {"enum": _enum("sources", "kind")},
    "derived": {"required": True},
}
QUALIFIERS = ["exact", "at_least", "more_than", "nearly", "about", "range"]
PACKAGE_DESCRIPTION = N_(
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


def column_descriptions(columns, lang: Language = ENGLISH) -> dict[str, str]:
    """A description for every column, in `lang`; a KeyError names any column nobody has described.
    (The descriptions in data/datapackage.json are in the catalogs too: babel.cfg extracts them.)"""
    known = {**source_descriptions(), **EXPORT_DESCRIPTIONS}
    missing = [column for column in columns if column not in known]
    if missing:
        raise KeyError(f"undocumented export column(s): {', '.join(missing)}; describe them in "
                       "data/datapackage.json or amnesty/data_dictionary.py")
    return {column: _described(lang, known[column]) for column in columns}


def _described(lang: Language, description: str) -> str:
    # A description from data/datapackage.json may hold braces of its own: only ours are filled.
    text = lang._(description)
    values = {name: lang._(value) for name, value in DESCRIPTION_VALUES.items()}
    return text.format(**values) if description in EXPORT_DESCRIPTIONS.values() else text


def reader_label(column: str, lang: Language = ENGLISH) -> str:
    if column in READER_LABELS:
        return lang._(READER_LABELS[column])
    return column.replace("_", " ").capitalize()


def reader_labels(columns, lang: Language = ENGLISH) -> dict[str, str]:
    """Column name -> the label a reader sees, for every column given."""
    return {column: reader_label(column, lang) for column in columns}


def reader_table(frame: pd.DataFrame, lang: Language = ENGLISH) -> pd.DataFrame:
    """A frame as a reader's table: columns under their labels, qualifiers and stages in words."""
    out = frame.copy()
    if "qualifier" in out:
        out["qualifier"] = out["qualifier"].map(
            lambda code: lang._(QUALIFIER_WORDS[code]) if code in QUALIFIER_WORDS and lang.code != "en"
            else code.replace("_", " ") if isinstance(code, str) else code)
    if "quote_language" in out:
        out["quote_language"] = out["quote_language"].map(
            lambda code: lang.language_name(code) if isinstance(code, str) else code)
    if "stage" in out and lang.code != "en":
        out["stage"] = out["stage"].map(lambda code: lang._(STAGE_WORDS.get(code, code))
                                        if isinstance(code, str) else code)
    return out.rename(columns=reader_labels(out.columns, lang))


def column_dictionary(columns, lang: Language = ENGLISH) -> list[tuple[str, str, str]]:
    """(machine name, reader label, description) for every column: the dictionary gives both."""
    return [(column, reader_label(column, lang), text)
            for column, text in column_descriptions(columns, lang).items()]


def figures_schema(columns, qualifiers=(), lang: Language = ENGLISH) -> "Schema":
    # Imported here, not at the top: the app's pages read this module's labels and descriptions,
    # and Frictionless (about 25 MB and 0.16 s per process) is needed only when a file is written.
    from frictionless import Schema

    descriptions = column_descriptions(columns, lang)
    fields = []
    for column in columns:
        field = {"name": column, "title": reader_label(column, lang), "type": TYPES.get(column, "string"),
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
                    sources: pd.DataFrame, qualifiers=(), created: date | None = None,
                    lang: Language = ENGLISH) -> dict:
    """The datapackage.json descriptor (a dict) for one exported CSV file named data_file. Names
    and values stay the machine's; titles and descriptions are in `lang` (its `language` says
    which), and `sources` come with their credit_text in it."""
    from frictionless import Package  # only when a file is written (see figures_schema)

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
        "title": lang._("Figures"),
        "description": lang._("One row per published or derived number; {rows}.", rows=filters_text),
        "schema": figures_schema(list(frame.columns), qualifiers, lang).to_descriptor(),
    }
    title = base["title"]  # in the catalog by babel.cfg's data_package extractor
    package = Package.from_descriptor({
        "name": base["name"],
        "title": lang._(title),
        "description": lang._(PACKAGE_DESCRIPTION),
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
