"""Downloads as a reader gets them: the Data page filtered and its CSV downloaded with the keyboard
alone, read back with pandas. (A chart's PNG, from its download menu, is in test_keyboard.py.)"""
import re

import pandas as pd

from accessibility import press_tab_until
from amnesty.filters import Filters
from amnesty.dataset import figures_frame
from amnesty.downloads import download_file_name
from amnesty.version import dataset_version
from streamlit_page import has_word, main_text, open_page, problems, settle

COMPARED = ["figure_id", "act_id", "measure_id", "stage", "value", "qualifier", "low", "high",
            "value_text", "as_of", "source_id", "quote"]


def nulls_as_none(values) -> list:
    return [None if pd.isna(v) else v for v in values]


def test_filter_the_data_page_by_act_and_download_the_csv_with_the_keyboard(page, server, db, tmp_path):
    act = figures_frame(None, con=db).iloc[0]  # an act that has figures
    open_page(page, f"{server.url}/data")
    # Keyboard only: Tab to the Act filter, type the act's title, pick it, close the list.
    press_tab_until(page, ".st-key-filter-act [role=combobox]")
    page.keyboard.type(act.act_title)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(rf"[?&]act={re.escape(act.act_id)}(&|$)"))
    settle(page)
    assert problems(page) == []

    expected = figures_frame(None, con=db, act_ids=[act.act_id])
    assert 0 < len(expected) < len(figures_frame(None, con=db))  # the filter really filters
    assert has_word(main_text(page), f"{len(expected):,}")

    press_tab_until(page, ".st-key-data-download-csv button")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
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
