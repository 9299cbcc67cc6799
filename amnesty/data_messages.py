"""Data words we wrote ourselves, extracted for translation like the code's own messages.

Act titles, occasions and measure labels are our English, shown in every chart and table, so they
go into the same gettext catalogs as the code's messages; `babel.cfg` names the columns. The names of official bodies,
and of the AI-written article we named ourselves, are too. Quotes, other publishers' names and long notes are not extracted: a quote stays in its source's language.
"""
from __future__ import annotations

import csv
import io


def extract_csv_columns(fileobj, keywords, comment_tags, options):
    """A Babel extraction method: every non-empty value of the `columns` option (comma-separated
    names) in a CSV file, with its line number; `where = column=value | column=value` keeps only
    the rows matching one of them."""
    columns = [c.strip() for c in options.get("columns", "").split(",") if c.strip()]
    wheres = [tuple(part.strip() for part in w.split("=", 1)) for w in options.get("where", "").split("|")
              if "=" in w]
    reader = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8", newline=""))
    for row_number, row in enumerate(reader, start=2):
        if wheres and not any(row.get(column) == value for column, value in wheres):
            continue
        for column in columns:
            if (value := (row.get(column) or "").strip()):
                yield row_number, None, value, [f"data: {column}"]
