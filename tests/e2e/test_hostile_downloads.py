"""Streamlit's own table toolbar offers "Download as CSV", which skips our formula escape (a quote
starting with = became a live HYPERLINK in LibreOffice). The app turns that export off
(client.disableDataExport in .streamlit/config.toml) and points to its own buttons instead."""
from __future__ import annotations

from streamlit_page import main_text, open_page


def toolbar_labels(page, table) -> list[str]:
    table.hover()
    toolbar = page.locator("[data-testid=stElementToolbar]").first
    toolbar.wait_for(state="visible")
    return [b.get_attribute("aria-label") or b.inner_text()
            for b in toolbar.locator("button").all()]


def test_the_data_table_toolbar_has_no_csv_download(page, server):
    open_page(page, f"{server.url}/data")
    # The full table sits in a closed expander under the reader's table.
    page.get_by_text("Every column, as in the downloads").click()
    labels = toolbar_labels(page, page.locator("[data-testid=stDataFrame]").first)
    assert any("Search" in label for label in labels), labels  # the toolbar is there...
    assert not any("Download" in label for label in labels), labels  # ...without its CSV export
    assert "Download this view" in main_text(page)
