"""Data words we wrote ourselves, extracted for translation like the code's own messages.

Act titles, occasions and measure labels are our English, shown in every chart and table, so they
go into the same gettext catalogs as the code's messages; `babel.cfg` names the columns. So do our
longer words: reliability notes, locators, notes, readings, statements, and the descriptions of the
data dictionary. The names of official bodies, and of the AI-written article we named ourselves,
are too. Quotes, the sources' own titles and other publishers' names are not extracted: they stay
in their source's language.
"""
from __future__ import annotations

import csv
import io
import json


def extract_csv_columns(fileobj, keywords, comment_tags, options):
    """A Babel extraction method: every non-empty value of the `columns` option (comma-separated
    names) in a CSV file, with its line number; `where = column=value | column=value` keeps only
    the rows matching one of them. The `every_row` columns are extracted from every row."""
    columns = _names(options.get("columns", ""))
    every_row = _names(options.get("every_row", ""))
    wheres = [tuple(part.strip() for part in w.split("=", 1)) for w in options.get("where", "").split("|")
              if "=" in w]
    reader = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8", newline=""))
    for row_number, row in enumerate(reader, start=2):
        chosen = not wheres or any(row.get(column) == value for column, value in wheres)
        for column in (columns if chosen else []) + every_row:
            if (value := (row.get(column) or "").strip()):
                yield row_number, None, value, [f"data: {column}"]


def extract_package_descriptions(fileobj, keywords, comment_tags, options):
    """A Babel extraction method for data/datapackage.json: the package's title, and the package's,
    each resource's and each field's description (the researcher's data dictionary), with the line
    each sits on."""
    text = fileobj.read().decode("utf-8")
    package = json.loads(text)
    found = [package.get("title"), package.get("description")]
    for resource in package.get("resources", []):
        found.append(resource.get("description"))
        found += [field.get("description") for field in resource.get("schema", {}).get("fields", [])]
    for description in dict.fromkeys(d for d in found if d):
        line = text[:text.find(json.dumps(description, ensure_ascii=False)[1:-1])].count("\n") + 1
        yield line, None, description, ["data: description"]


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]
