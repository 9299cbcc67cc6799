"""The tidy export, read back in every format, equals the query; formulas are neutralised."""
import io
import json
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from amnesty.build import build
from amnesty.cli import app
from amnesty.dataset import figures_frame
from amnesty.export_data import figures_bytes
from amnesty.neutralise import FORMULA_STARTS, neutralise_text
from amnesty.paths import DATA_DIR

COMPARED = ["figure_id", "act_id", "measure_id", "stage", "value", "qualifier", "low", "high", "unit",
            "as_of", "source_id", "quote", "derived"]


@pytest.fixture(scope="module")
def frame(built_db):
    return figures_frame(built_db)


def read_back(data: bytes, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    if fmt == "xlsx":
        return pd.read_excel(io.BytesIO(data))
    if fmt == "parquet":
        return pd.read_parquet(io.BytesIO(data))
    return pd.DataFrame(json.loads(data))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "json"])
def test_every_format_reads_back_as_the_query(frame, fmt):
    back = read_back(figures_bytes(frame, fmt), fmt)
    assert list(back.columns) == list(frame.columns)
    for column in COMPARED:
        expected, actual = frame[column].tolist(), back[column].tolist()
        if column == "derived" and fmt == "csv":
            actual = [v if isinstance(v, bool) else v == "true" for v in actual]
        if fmt == "xlsx" and column in ("value", "low", "high"):
            expected = [v if pd.isna(v) else pytest.approx(v, rel=1e-14) for v in expected]  # Excel keeps 15 digits
        assert [None if pd.isna(v) else v for v in actual] == [None if pd.isna(v) else v for v in expected], column


def test_the_csv_is_utf8_with_a_byte_order_mark_for_excel(frame):
    data = figures_bytes(frame, "csv")
    assert data.startswith(b"\xef\xbb\xbffigure_id,")
    assert "–".encode() in data  # the en dash of "25–30" survives as UTF-8


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_starts_are_escaped(start):
    assert neutralise_text(start + "SUM(A1)") == "'" + start + "SUM(A1)"
    assert neutralise_text("SUM" + start) == "SUM" + start


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_in_a_quote_is_neutralised_in_spreadsheet_exports(tmp_path, fmt):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    figures = (data / "figures.csv").read_text(encoding="utf-8")
    figures = figures.replace("A 2016 decree resulted", '=HYPERLINK(""http://x"")&A 2016 decree resulted', 1)
    (data / "figures.csv").write_text(figures, encoding="utf-8")
    db = build(data, tmp_path / "db.duckdb")

    back = read_back(figures_bytes(figures_frame(db), fmt), fmt)
    quote = back.set_index("figure_id").loc["pardon-2016.released", "quote"]
    # CSV has no cell types: an apostrophe marks text. XLSX keeps the words as typed in a text cell
    # (tests/test_hostile_files.py checks its quote-prefix style).
    assert quote.startswith("'=HYPERLINK(" if fmt == "csv" else '=HYPERLINK(""http://x"")&A 2016')


def test_cli_export_filters_by_act_and_measure(built_db, tmp_path):
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(app, ["export", "data", "--db", str(built_db), "--act", "amnesty-2021",
                                      "--measure", "affected", "--measure", "release_rate", "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = pd.read_csv(out, encoding="utf-8-sig")
    expected = con_rows(built_db, "select figure_id from all_figures where act_id = 'amnesty-2021' "
                                  "and measure_id in ('affected', 'release_rate')")
    assert sorted(back.figure_id) == sorted(expected) and len(expected) >= 4
    derived = back.set_index("figure_id")["derived"]
    assert all(derived[f] == f.startswith("amnesty-2021.release_rate") for f in back.figure_id)


def con_rows(db, sql):
    import duckdb
    with duckdb.connect(str(db), read_only=True) as con:
        return [row[0] for row in con.execute(sql).fetchall()]


def test_cli_export_refuses_an_unknown_act(built_db, tmp_path):
    result = CliRunner().invoke(app, ["export", "data", "--db", str(built_db), "--act", "amnesty-1999",
                                      "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 1
    assert "unknown act id(s): amnesty-1999" in result.output
    assert not (tmp_path / "x.csv").exists()
