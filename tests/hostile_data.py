"""A copy of data/ with someone else's content planted in its text cells, for the hostile-input suite.

Every value here is valid data (the validator accepts it): the point is that the app, the charts and
the files show it as the characters typed, never as a link, an image, maths or styled HTML.
"""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from amnesty.paths import DATA_DIR

ATTACKER = "attacker.example"
LINK = "[Official notice: sign in](https://attacker.example/login)"
IMAGE = "![x](https://attacker.example/p.png)"
BARE_URL = "https://attacker.example/bare"
MONEY = "costs $5 and $10 each"
HTML_LINK = '<a href="https://attacker.example/html">click here</a>'
HTML_SPAN = '<span style="font-size:300px">BIG</span>'
DIRECTIVES = ":red[coloured] :material/home: :smile:"
EVERYTHING = f"{LINK} {IMAGE} {BARE_URL} {MONEY} {HTML_LINK} {HTML_SPAN} {DIRECTIVES}"

LATEST_ACT = "amnesty-2025-26"
PRESS = "press-kowalski-2025-12"
MONITOR = "ihr-2026-01-01"

# (file, key column, key, column, value): each a place the app, a chart or a file shows.
PLANTED = [
    ("acts.csv", "act_id", LATEST_ACT, "title", f"2025–26 Amnesty Act {LINK}"),
    ("acts.csv", "act_id", LATEST_ACT, "occasion", f"{IMAGE} {MONEY}"),
    ("acts.csv", "act_id", LATEST_ACT, "act_date_event", f"submitted {BARE_URL}"),
    ("sources.csv", "source_id", PRESS, "short_name", f"Press {IMAGE}"),
    ("sources.csv", "source_id", PRESS, "reliability_note", EVERYTHING),
    ("sources.csv", "source_id", PRESS, "title", f"{HTML_LINK} {MONEY}"),
    ("sources.csv", "source_id", MONITOR, "short_name", f"IHR {HTML_SPAN}"),
    ("measures.csv", "measure_id", "political_prisoners_listed", "label", f"Listed {LINK}"),
    ("measures.csv", "measure_id", "affected", "label", f"Affected {HTML_LINK}"),
    ("figures.csv", "figure_id", "amnesty-2025-26.political_prisoners_expected_release", "note",
     f"{LINK} {IMAGE} {MONEY}"),
    ("figures.csv", "figure_id", "amnesty-2025-26.sentence_reduced", "note",
     f"{HTML_LINK} {HTML_SPAN} {MONEY}"),
    ("prisoner_groups.csv", "group_id", "journalists", "name", f"Journalists {HTML_LINK}"),
    ("prisoner_groups.csv", "group_id", "journalists", "note", f"{LINK} {HTML_SPAN}"),
]


def copy_data(target: Path) -> Path:
    shutil.copytree(DATA_DIR, target)
    return target


def set_cell(data_dir: Path, file: str, key_column: str, key: str, column: str, value: str) -> None:
    path = Path(data_dir) / file
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    hits = [row for row in rows if row[key_column] == key]
    assert len(hits) == 1, f"no single row {key_column}={key} in {file}"
    hits[0][column] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_description(data_dir: Path, resource: str, field: str, text: str) -> None:
    path = Path(data_dir) / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    found = [f for r in package["resources"] if r["name"] == resource
             for f in r["schema"]["fields"] if f["name"] == field]
    assert len(found) == 1, f"no field {resource}.{field}"
    found[0]["description"] = text
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def hostile_data(target: Path) -> Path:
    """data/ copied to `target`, with PLANTED written into its cells and a column description."""
    copy_data(target)
    for file, key_column, key, column, value in PLANTED:
        set_cell(target, file, key_column, key, column, value)
    # The Data page's column help is read from datapackage.json.
    set_description(target, "figures", "note", EVERYTHING)
    return target
