"""`amnesty export figures`: every figure in every format from the CLI, and its refusals.

The CLI runs in-process (typer's CliRunner) so the whole module shares one warm chromium.
"""
import html
import io
import unicodedata
import xml.etree.ElementTree as ET

import duckdb
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from amnesty import render
from amnesty.cli import app
from amnesty.figures import build_chart, figure_names

SVG = "{http://www.w3.org/2000/svg}"
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<svg", "html": b"<!DOCTYPE html>"}
runner = CliRunner()
MANIFEST = ".amnesty-exports.json"  # amnesty/outputs.py: what lets a later export replace these
needs_chromium = pytest.mark.skipif(not render.chromium_available(), reason="needs /usr/bin/chromium")


@pytest.fixture(scope="module")
def exported(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    result = runner.invoke(app, ["export", "figures", "--all", "--format", "png,svg,pdf,html",
                                 "--db", str(built_db), "--out-dir", str(out)])
    yield result, out
    render.stop_server()


@pytest.fixture(scope="module")
def charts(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        return {name: build_chart(name, con) for name in figure_names(con)}


def svg_texts(svg: bytes) -> list[str]:
    """The words of each <text> element, its drawn lines joined by spaces."""
    blocks = []
    for text in ET.fromstring(svg).iter(SVG + "text"):
        lines = [el for el in text if el.tag == SVG + "tspan" and "line" in el.get("class", "")]
        blocks.append(" ".join("".join(line.itertext()) for line in lines) if lines
                      else "".join(text.itertext()))
    return blocks


def test_list_prints_every_name_one_per_line(built_db, charts):
    result = runner.invoke(app, ["export", "figures", "--list", "--db", str(built_db)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == list(charts)


@needs_chromium
def test_every_figure_in_every_format(exported, charts):
    result, out = exported
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST) == sorted(
        f"{name}.{fmt}" for name in charts for fmt in render.FORMATS)
    for name, chart in charts.items():
        files = {fmt: (out / f"{name}.{fmt}").read_bytes() for fmt in render.FORMATS}
        for fmt, data in files.items():
            assert len(data) > 1000 and data.startswith(MAGIC[fmt]), f"{name}.{fmt}"

        # The title and the source line are in the SVG as text (wrapped, so joined back here).
        texts = svg_texts(files["svg"])
        assert chart.title in texts, name
        assert chart.source in " ".join(texts), name
        assert b"@import" not in files["svg"], name

        pdf = PdfReader(io.BytesIO(files["pdf"]))
        assert (pdf.metadata.title, pdf.metadata.subject) == (chart.title, chart.alt_text), name
        # NFKC: chromium sets "official" with the ﬃ ligature; lines joined back by spaces.
        assert chart.source in " ".join(unicodedata.normalize("NFKC", pdf.pages[0].extract_text()).split()), name

        page = files["html"].decode("utf-8")
        assert "Plotly.newPlot" in page and html.escape(chart.alt_text) in page, name


def test_unknown_name_lists_the_known_ones(built_db, charts):
    result = runner.invoke(app, ["export", "figures", "no-such-chart", "--format", "html",
                                 "--db", str(built_db)])
    assert result.exit_code == 1
    assert "unknown figure(s): no-such-chart" in result.output
    for name in charts:
        assert f"  {name}\n" in result.output


def test_bad_format_preset_and_no_names_are_refused_plainly():
    for args, message in [(["--all", "--format", "gif"], "unknown format(s): gif"),
                          (["--all", "--preset", "poster"], "unknown preset 'poster'"),
                          ([], "pass --all")]:
        result = runner.invoke(app, ["export", "figures", *args])
        assert result.exit_code == 1 and message in result.output, result.output
        assert "Traceback" not in result.output


def test_without_chromium_says_how_to_install_it(monkeypatch, built_db, tmp_path):
    monkeypatch.setattr(render, "CHROMIUM", tmp_path / "no-chromium")
    result = runner.invoke(app, ["export", "figures", "release-rate", "--format", "png",
                                 "--db", str(built_db), "--out-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "apt-get install chromium" in result.output and "Traceback" not in result.output
    # HTML needs no browser, so it still works.
    result = runner.invoke(app, ["export", "figures", "release-rate", "--format", "html",
                                 "--db", str(built_db), "--out-dir", str(tmp_path)])
    assert result.exit_code == 0 and (tmp_path / "release-rate.html").exists()
