"""The build: validated, atomic, and stamped with the dataset version."""
import shutil
import subprocess
import sys

import duckdb
import pytest

from amnesty.build import build
from amnesty.paths import DATA_DIR
from amnesty.validate import DataError
from amnesty.version import dataset_version


def test_the_build_records_the_dataset_version(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        assert con.execute("select dataset_version from dataset_info").fetchone()[0] == dataset_version(DATA_DIR)


def test_a_failed_build_leaves_the_previous_database_untouched(tmp_path):
    db = build(DATA_DIR, tmp_path / "amnesty.duckdb")
    before = db.read_bytes()
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    (broken / "figures.csv").write_text("figure_id\n", encoding="utf-8")

    with pytest.raises(DataError):
        build(broken, db)

    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["amnesty.duckdb", "data"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from figures").fetchone()[0] > 0


def test_the_version_changes_when_any_data_file_changes(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = dataset_version(copy)
    with open(copy / "sources.csv", "a", encoding="utf-8") as f:
        f.write("\n")
    assert dataset_version(copy) != before


def test_the_app_rebuilds_a_database_built_from_older_data(tmp_path, monkeypatch):
    import amnesty.db as db_module

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    monkeypatch.setattr(db_module, "DATA_DIR", data)
    monkeypatch.setattr("amnesty.version.VIEWS_DIR", db_module.QUERIES_DIR / "views")
    db = build(data, tmp_path / "amnesty.duckdb")
    figures = (data / "figures.csv").read_text(encoding="utf-8")
    (data / "figures.csv").write_text(figures.replace(",148,exact,false,148,148,", ",149,exact,false,149,149,"), encoding="utf-8")

    with db_module.connect(db, build_if_missing=True) as con:
        assert con.execute("select value from figures where figure_id = 'pardon-2016.released'").fetchone() == (149,)


def test_a_database_built_from_another_folder_is_left_alone(tmp_path, monkeypatch):
    import amnesty.db as db_module

    other = tmp_path / "other"
    shutil.copytree(DATA_DIR, other)
    db = build(other, tmp_path / "amnesty.duckdb")
    (other / "sources.csv").write_text((other / "sources.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = db.read_bytes()

    db_module.connect(db, build_if_missing=True).close()

    assert db.read_bytes() == before


def test_the_cli_build_does_not_load_pandas_or_pyarrow(tmp_path):
    # Importing them was 0.4 s of a 1.3 s cold `amnesty build` that needs neither: DuckDB reads
    # the CSVs and runs the checks. Rows DuckDB cannot take (a blank one skipped, a misshapen one
    # refused and checked apart) go the same way.
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    bad = tmp_path / "bad"
    shutil.copytree(DATA_DIR, bad)
    text = (bad / "figures.csv").read_text(encoding="utf-8").split("\n")
    (bad / "figures.csv").write_text("\n".join(text[:2] + ["", text[2] + ",one cell too many"] + text[3:]),
                                     encoding="utf-8")
    script = (
        "import sys\n"
        "from amnesty.cli import app\n"
        "for args in (['build', '--data-dir', sys.argv[1], '--db', sys.argv[2]],\n"
        "             ['validate', '--data-dir', sys.argv[3]]):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit as done:\n"
        "        print(done.code)\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'plotly') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(data), str(tmp_path / "a.duckdb"), str(bad)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "1", "[]"], done.stderr
    assert "figures.csv row 3: blank row; delete it" in done.stderr
    assert "figures.csv row 4: the row has" in done.stderr
    assert (tmp_path / "a.duckdb").is_file()
