"""The spec file round-trips: what the app's panel offers (its spec TOML and its files, made by the
panel's own function) and what `amnesty export figures --spec` writes from that TOML are the same
bytes. The browser journey in tests/e2e/test_studio.py does the same with real downloads."""
from __future__ import annotations

import io
from functools import partial

import duckdb
import pytest
from PIL import Image
from typer.testing import CliRunner

from amnesty import render
from amnesty.cli import app
from amnesty.db import run_query
from amnesty.export_spec import ExportSpec, from_toml
from amnesty.figures import build_chart
from amnesty.studio import SITE_URL_SETTING, export_facts
from amnesty.studio_panel import studio_file

pytestmark = pytest.mark.skipif(not render.chromium_available(), reason="needs /usr/bin/chromium")
runner = CliRunner()

SPECS = [
    ExportSpec("scale-vs-releases"),
    ExportSpec("release-rate", title="Editors' <b>own</b> title & $5", byline="Graphic: Ə. Editor",
               source_extra="Additional reporting: Reuters", preset="square", theme="dark"),
    ExportSpec("political-prisoner-groups", notes="", alt_text="Groups, in words.", preset="print"),
    ExportSpec("act-breakdown-amnesty-2021", preset="custom", width=520, scale=3,
               html_mode="small"),
]


@pytest.fixture(scope="module")
def site(request):
    """A deployment's address, so the footer's last part is in the round trip too."""
    patch = pytest.MonkeyPatch()
    patch.setenv(SITE_URL_SETTING, "https://amnesties.example.org")
    yield
    patch.undo()


@pytest.fixture(scope="module")
def app_files(built_db, site):
    """The panel's files for each spec: studio_file, the function its download buttons call."""
    with duckdb.connect(str(built_db), read_only=True) as con:
        facts = export_facts(partial(run_query, con))
        charts = {spec.name: build_chart(spec.name, con) for spec in SPECS}
    try:
        yield {spec.name: {fmt: studio_file(charts[spec.name], spec, facts, fmt)
                           for fmt in ("toml", "svg", "png", "html")} for spec in SPECS}
    finally:
        render.stop_server()


@pytest.mark.parametrize("spec", SPECS, ids=[spec.name for spec in SPECS])
def test_the_cli_makes_the_same_bytes_from_the_apps_spec_file(spec, app_files, built_db, tmp_path):
    files = app_files[spec.name]
    spec_file = tmp_path / f"{spec.name}.toml"
    spec_file.write_bytes(files["toml"])
    assert from_toml(spec_file.read_text(encoding="utf-8")) == spec
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "figures", "--spec", str(spec_file), "--format",
                                 "svg,png,html,toml", "--db", str(built_db), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    for fmt in ("svg", "png", "html", "toml"):
        assert (out / f"{spec.name}.{fmt}").read_bytes() == files[fmt], fmt
    with Image.open(io.BytesIO(files["png"])) as image:
        assert image.text["Title"] == (spec.title or image.text["Title"])


def test_flags_override_the_spec_file(app_files, built_db, tmp_path):
    """The spec says light; --theme dark on the command line wins, and the result is what the
    panel makes for the spec with dark chosen."""
    light = SPECS[0]
    spec_file = tmp_path / "light.toml"
    spec_file.write_bytes(app_files[light.name]["toml"])
    result = runner.invoke(app, ["export", "figures", "--spec", str(spec_file), "--theme", "dark",
                                 "--title", "Dark now", "--format", "toml", "--db", str(built_db),
                                 "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = from_toml((tmp_path / f"{light.name}.toml").read_text(encoding="utf-8"))
    assert written == ExportSpec(light.name, title="Dark now", theme="dark")


def test_the_cli_refuses_a_spec_for_another_figure_and_words_for_many(built_db, tmp_path):
    spec_file = tmp_path / "spec.toml"
    spec_file.write_bytes(b'name = "release-rate"\n')
    for args, message in [(["scale-vs-releases", "--spec", str(spec_file)], "is the spec of release-rate"),
                          (["--all", "--title", "One title"], "--title change one figure's words"),
                          (["release-rate", "--theme", "sepia"], "theme: unknown theme 'sepia'")]:
        result = runner.invoke(app, ["export", "figures", *args, "--format", "toml",
                                     "--db", str(built_db), "--out-dir", str(tmp_path)])
        assert result.exit_code == 1 and message in result.output, result.output
        assert "Traceback" not in result.output
    spec_file.write_bytes(b'name = "release-rate"\nwidth = "wide"\n')
    result = runner.invoke(app, ["export", "figures", "--spec", str(spec_file), "--format", "toml",
                                 "--db", str(built_db), "--out-dir", str(tmp_path)])
    assert result.exit_code == 1 and "width: a positive number expected" in result.output
