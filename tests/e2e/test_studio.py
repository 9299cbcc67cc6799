"""The figure studio as an editor uses it: open "Customise and download" under the Overview chart,
put in a title of their own, choose the square size, apply, download the PNG (its size and its
metadata checked), then hand the downloaded spec to the CLI and get the downloaded SVG back byte
for byte. And the chart-only embed page the panel's iframe snippet points at."""
import base64
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

from PIL import Image

from amnesty.figures import build_chart
from streamlit_page import drawn_charts, open_page, problems, settle

AMNESTY = Path(sys.executable).parent / "amnesty"
TITLE = "Editors’ own <b>title</b> & $5"


def download(page, fmt: str, tmp_path: Path) -> Path:
    button = page.locator(f".st-key-overview-studio-download-{fmt} button:visible")
    with page.expect_download(timeout=120_000) as info:  # chromium renders it on click
        button.first.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_customise_the_title_choose_square_and_download_the_png_and_its_spec(page, server, db,
                                                                              built_db, tmp_path):
    chart = build_chart("scale-vs-releases", db)
    open_page(page, server.url)
    page.locator(".st-key-overview-studio summary").click()
    title = page.locator(".st-key-overview-studio-title textarea")
    title.wait_for()
    settle(page)  # the panel's first run (and its preview) is over before the editor types
    assert title.input_value() == chart.title  # the field starts from our wording
    title.fill(TITLE)
    # Typing into the box opens its list filtered (a first click can land while the text area
    # above is still giving up focus, and leave the list shut).
    size = page.locator(".st-key-overview-studio-preset [role=combobox]")
    size.click()
    size.fill("Square")
    page.get_by_role("option", name=re.compile(r"^Square")).click()
    page.get_by_role("button", name=re.compile("Apply")).click()
    page.get_by_text("1080 × 1080 px at 192 dpi").wait_for(timeout=120_000)
    settle(page)
    assert problems(page) == []

    png = download(page, "png", tmp_path)
    assert png.name == "scale-vs-releases.png"
    with Image.open(png) as image:
        assert image.size == (1080, 1080)
        assert [round(d) for d in image.info["dpi"]] == [192, 192]
        text = image.text
    assert text["Title"] == TITLE  # literal text, markup characters and all
    assert text["Description"] == chart.alt_text
    assert text["Source"] == chart.source
    assert "CC BY 4.0" in text["Copyright"]
    # The preview is that very file.
    preview = page.locator(".st-key-overview-studio [data-testid=stImage] img")
    assert preview.get_attribute("src").startswith("data:image/png;base64,")
    assert base64.b64decode(preview.get_attribute("src").split(",", 1)[1]) == png.read_bytes()

    svg = download(page, "svg", tmp_path)
    spec = download(page, "toml", tmp_path)
    assert 'title = "Editors’ own <b>title</b> & $5"' in spec.read_text(encoding="utf-8")
    out = tmp_path / "cli"
    subprocess.run([str(AMNESTY), "export", "figures", "--spec", str(spec), "--format", "svg",
                    "--db", str(built_db), "--out-dir", str(out)], check=True, timeout=300)
    assert (out / "scale-vs-releases.svg").read_bytes() == svg.read_bytes()

    # The iframe snippet points at the chart-only page, which draws the chart.
    snippet = page.locator(".st-key-overview-studio [data-testid=stCode]").inner_text()
    src = unescape(re.search(r'src="([^"]+)"', snippet).group(1))
    assert src.startswith(server.url + "/embed?figure=scale-vs-releases&embed=true")
    open_page(page, src)
    assert drawn_charts(page) == 1


def test_the_embed_page_shows_the_chart_alone(page, server, db):
    chart = build_chart("release-rate", db)
    open_page(page, f"{server.url}/embed?figure=release-rate&embed=true")
    assert problems(page) == []
    assert drawn_charts(page) == 1
    assert page.locator("[data-testid=stTopNavLink]").count() == 0  # no navigation
    assert page.locator("[data-testid=stToolbar]:visible").count() == 0
    drawn_title = " ".join(page.locator(".js-plotly-plot .gtitle tspan.line").all_text_contents())
    assert " ".join(drawn_title.split()) == chart.title
    assert page.title() == chart.title
