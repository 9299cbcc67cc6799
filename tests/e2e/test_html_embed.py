"""The exported HTML embed (`amnesty export figures NAME --format html`) draws its chart from a
file:// URL with every network request refused: plotly.js is inlined, nothing is fetched."""
import subprocess
import sys
from pathlib import Path

AMNESTY = Path(sys.executable).parent / "amnesty"


def test_the_html_embed_draws_offline(browser, built_db, tmp_path):
    subprocess.run([str(AMNESTY), "export", "figures", "release-rate", "--format", "html",
                    "--db", str(built_db), "--out-dir", str(tmp_path)], check=True, timeout=120)
    context = browser.new_context(offline=True)
    fetched = []

    def refuse(route):
        fetched.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("file:"), refuse)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((tmp_path / "release-rate.html").as_uri())
        page.wait_for_selector(".js-plotly-plot svg.main-svg", timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == 1
        assert fetched == [] and errors == []
    finally:
        context.close()
