"""Property-based tests (hypothesis).

1. Any text an editor might paste into a figure's quote or note (formula starts, quotes, newlines,
   right-to-left script, Azerbaijani letters) survives data/ -> build -> export in every format
   exactly, apart from the one documented change: CSV and XLSX text that starts with = + - @ tab or
   CR gains a leading apostrophe (amnesty/neutralise.py).
2. Random URL query parameters against every page of the app (AppTest): no exception, and the page
   still renders a view (skipped until the app exists).
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from amnesty.build import build
from amnesty.dataset import figures_frame
from amnesty.export_data import FORMATS, figures_bytes
from amnesty.neutralise import FORMULA_STARTS, neutralise_text
from amnesty.paths import DATA_DIR, ROOT
from amnesty.filters import Filters
from amnesty.problems import INVISIBLE_CHARACTERS
from amnesty.validate import validate
from app_runner import run_app_page

# Modest by default (two cores, other suites running); PROPERTY_EXAMPLES=300 for a long hunt.
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "20"))

# ------------------------------------------------------------------ 1. text round trip

# Pieces a real quote is made of, weighted towards the awkward ones.
# A carriage return is not among them: the validator refuses it, because XLSX cannot keep it (the
# refusal is the property below). Tab, the other invisible formula start, stays.
PIECES = st.sampled_from([
    *(s for s in FORMULA_STARTS if s != "\r"), '"', "'", '""', ",", ";", "\n", "\n\n", "\t", " ", "  ",
    "ə", "Ə", "ğ", "Ğ", "ş", "Ş", "ç", "ö", "ü", "ı", "İ",          # Azerbaijani Latin
    "אמנסטיה", "عفو",                                              # Hebrew, Arabic (marks and overrides are refused)
    "–", "—", "’", "“", "”", "…", "≥", "€", "\u00a0",                # typography, NBSP
    "=SUM(A1:A9)", "+1", "-5", "@cmd", "=HYPERLINK(\"http://x\")",
    "NA", "null", "None", "NaN", "true", "0", "1e3", "<b>x</b>", "'; drop table figures; --",
    "👍🏽", "漢字",  # an emoji joined by U+200D (👩‍⚖️) is refused with the other zero-width marks
])
# Plus anything else Unicode has, apart from lone surrogates (not encodable as UTF-8 at all) and
# control characters, which the validator refuses (see the property below and test_bad_input.py).
# Nor the invisible characters it refuses (bidi overrides, zero-width ones): see test_hostile_text.
_INVISIBLE = "".join(chr(c) for low, high in INVISIBLE_CHARACTERS for c in range(low, high + 1))
ANY_CHAR = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=_INVISIBLE)
TEXT = st.lists(st.one_of(PIECES, st.text(ANY_CHAR, min_size=1, max_size=4)), min_size=1, max_size=8) \
    .map("".join)

# Four figures whose quote and note are replaced (one build checks eight texts); ids are read from
# the shipped data at import time.
with open(DATA_DIR / "figures.csv", encoding="utf-8", newline="") as _f:
    _FIGURES = list(csv.DictReader(_f))
# A seed figure's words are its quote; any other source's are our locator (it holds no quote).
TARGETS = [(row["figure_id"], column) for row in (_FIGURES[0], _FIGURES[1], _FIGURES[-2], _FIGURES[-1])
           for column in ("quote" if row["quote"] else "locator", "note")]


def with_texts(data_dir: Path, texts: list[str]) -> None:
    path = data_dir / "figures.csv"
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    by_id = {row["figure_id"]: row for row in rows}
    for (figure_id, column), text in zip(TARGETS, texts):
        by_id[figure_id][column] = text
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def texts_back(data: bytes, fmt: str) -> dict[tuple[str, str], str | None]:
    """(figure_id, column) -> text, read back as a researcher would for each format."""
    if fmt == "csv":
        # Python's csv module: the reference reader for RFC 4180 quoting of newlines and quotes.
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    elif fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(data), read_only=True).active
        values = list(sheet.iter_rows(values_only=True))
        rows = [dict(zip(values[0], row)) for row in values[1:]]
    elif fmt == "parquet":
        rows = pd.read_parquet(io.BytesIO(data)).to_dict(orient="records")
    else:
        rows = json.loads(data)
    found = {}
    for row in rows:
        for figure_id, column in TARGETS:
            if row["figure_id"] == figure_id:
                value = row[column]
                found[figure_id, column] = None if value is None or value == "" else value
    return found


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("roundtrip")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=len(TARGETS), max_size=len(TARGETS)))
def test_any_text_survives_build_and_every_export(workdir, texts):
    data = workdir / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(DATA_DIR, data)
    with_texts(data, texts)
    db = build(data, workdir / "amnesty.duckdb")
    frame = figures_frame(db)
    wanted = dict(zip(TARGETS, texts))

    # The database holds the text exactly as typed.
    stored = frame.set_index("figure_id")
    for (figure_id, column), text in wanted.items():
        assert stored.loc[figure_id, column] == text, (figure_id, column)

    for fmt in FORMATS:
        back = texts_back(figures_bytes(frame, fmt), fmt)
        for key, text in wanted.items():
            # CSV prefixes formula-like text with '; XLSX keeps it as a text cell, as typed
            expected = neutralise_text(text) if fmt == "csv" else text
            assert back[key] == expected, (fmt, key)


CONTROL = st.sampled_from([chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n"])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=TEXT, control=CONTROL, after=TEXT)
def test_a_control_character_is_refused_by_file_row_and_column(workdir, before, control, after):
    """XLSX cannot hold C0/C1 controls (openpyxl IllegalCharacterError), so they never reach a build."""
    data = workdir / "refused"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(DATA_DIR, data)
    with_texts(data, [before + control + after])
    row = 2 + [f["figure_id"] for f in _FIGURES].index(TARGETS[0][0])
    problems = [str(p) for p in validate(data)]
    where = f"figures.csv row {row}, column {TARGETS[0][1]}: "
    if control == "\r":
        assert problems == [where + "contains a carriage return (U+000D), which XLSX cannot keep; use a plain line break"]
    else:
        assert problems == [where + f"contains the invisible control character U+{ord(control):04X}, which no "
                            "spreadsheet can hold (often a sign of text pasted from another program or decoded in "
                            "the wrong encoding); delete it"]


# ------------------------------------------------------------------ 2. random URL query params

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py"))
with open(DATA_DIR / "acts.csv", encoding="utf-8", newline="") as _f:
    _ACT_IDS = [row["act_id"] for row in csv.DictReader(_f)]
PARAM_KEYS = st.one_of(st.sampled_from(["act", "measure", "qualifier", "source", "derived", "scale", "page",
                                        "embed", "embed_options"]),
                       st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12))
PARAM_VALUES = st.one_of(
    st.sampled_from(_ACT_IDS + ["exact", "more_than", "yes", "no", "maybe", "Linear", "", ",", ",,,",
                                "'; drop table figures; --", "<script>alert(1)</script>", "ə" * 5000]),
    st.lists(st.sampled_from(_ACT_IDS + ["bogus", " ", "ğ"]), min_size=1, max_size=4).map(",".join),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
)




@pytest.fixture(scope="module")
def facet_ids(app_db) -> dict[str, set[str]]:
    from amnesty.db import connect, run_query

    with connect(app_db) as con:
        options = run_query(con, "filter_options", **Filters().option_params())
    return {facet: set(rows["option_id"]) for facet, rows in options.groupby("facet")}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(PAGES), params=st.dictionaries(PARAM_KEYS, PARAM_VALUES, max_size=4))
def test_any_query_params_give_a_valid_view(app_db, facet_ids, page, params):
    app = run_app_page(page, params)
    assert not app.exception, [e.value for e in app.exception]
    # the embed page is the chart alone, framed on other sites: it has no title of its own
    assert app.title or page == "app_pages/embed.py", "the page did not render its title"
    assert app.get("plotly_chart"), "the page drew no chart"
    # Whatever the link said, the URL the reader is left with only names things that exist.
    if page == "app_pages/act_detail.py":
        assert app.selectbox(key="act_select").value in _ACT_IDS
        assert app.query_params["act"] in _ACT_IDS
    if page == "app_pages/data.py":
        for facet in ("act", "measure", "qualifier", "source"):
            widget = app.multiselect(key=f"filter-{facet}")
            assert set(widget.value) <= facet_ids[facet]
            if facet in app.query_params:
                assert app.query_params[facet].split(",") == widget.value
        assert app.query_params["derived"] in ("yes", "no")
