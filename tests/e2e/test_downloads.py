"""Downloads as a reader gets them: the Data page's filtered CSV read back with pandas, and a
chart's PNG from its download menu."""
import re
import struct

import pandas as pd

from amnesty.export_spec import ExportSpec, pixel_size
from amnesty.filters import Filters
from amnesty.dataset import figures_frame
from amnesty.downloads import download_file_name
from amnesty.version import dataset_version
from streamlit_page import has_word, main_text, open_page, problems, settle

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
COMPARED = ["figure_id", "act_id", "measure_id", "stage", "value", "qualifier", "low", "high",
            "value_text", "as_of", "source_id", "quote"]


def nulls_as_none(values) -> list:
    return [None if pd.isna(v) else v for v in values]


def test_filter_the_data_page_by_act_and_download_the_csv(page, server, db, tmp_path):
    act = figures_frame(None, con=db).iloc[0]  # an act that has figures
    open_page(page, f"{server.url}/data")
    page.locator(".st-key-filter-act [role=combobox]").click()
    page.get_by_role("option", name=act.act_title, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(rf"[?&]act={re.escape(act.act_id)}(&|$)"))
    settle(page)
    assert problems(page) == []

    expected = figures_frame(None, con=db, act_ids=[act.act_id])
    assert 0 < len(expected) < len(figures_frame(None, con=db))  # the filter really filters
    assert has_word(main_text(page), f"{len(expected):,}")

    with page.expect_download() as download_info:
        page.locator(".st-key-data-download-csv button:visible").click()
    download = download_info.value
    assert download.suggested_filename == download_file_name(
        Filters.of(act_ids=[act.act_id]), dataset_version(), "csv")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for ə and –
    # Text stays text: one act's value_text "148" or as_of "2016" would otherwise read as numbers.
    text_columns = {c: str for c in expected.columns if pd.api.types.is_string_dtype(expected[c])}
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""],
                       dtype=text_columns)
    assert list(back.columns) == list(expected.columns)
    for column in COMPARED:
        assert nulls_as_none(back[column]) == nulls_as_none(expected[column]), column


def test_a_chart_png_download_is_a_png_at_the_article_size(page, server, tmp_path):
    open_page(page, server.url)
    page.locator("[data-testid=stPopover] button").first.click()
    button = page.locator(".st-key-overview-download-png button:visible")
    with page.expect_download(timeout=120_000) as download_info:  # chromium renders it on click
        button.click()
    data = download_info.value.path().read_bytes()
    assert data.startswith(PNG_MAGIC)
    size = pixel_size(ExportSpec(name="overview"))  # the article preset: 16:9
    assert struct.unpack(">II", data[16:24]) == (size.png_width, size.png_height)  # IHDR comes first
    assert problems(page) == []
