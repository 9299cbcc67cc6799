"""Data: the tidy dataset, filtered by act, measure, qualifier and source; filters live in the URL."""
import streamlit as st

from amnesty import webapp
from amnesty.bundle import Filters
from amnesty.data_dictionary import column_descriptions
from amnesty.dataset import TABLE_PAGE_ROWS as PAGE_ROWS
from amnesty.download_buttons import data_downloads, how_to_cite
from amnesty.ui import show_chart
from components.text import markdown_literal

st.title("Data")
st.markdown("Every published number and every derived one, one row each, with its qualifier, "
            "bounds, source and verbatim quote. Filters are kept in the page's link.")

options = webapp.query("filter_options")
facets = {facet: dict(zip(rows["option_id"], rows["option_label"]))
          for facet, rows in options.groupby("facet")}
FILTERS = [("act", "Act"), ("measure", "Measure"), ("qualifier", "Qualifier"), ("source", "Source")]

chosen = {}
cols = st.columns(2)
for i, (facet, label) in enumerate(FILTERS):
    known = list(facets.get(facet, {}))
    default = webapp.list_param(facet, known, what=label.lower())
    chosen[facet] = cols[i % 2].multiselect(label, known, default=default,
                                            format_func=facets[facet].get, key=f"filter-{facet}")
    webapp.set_list_param(facet, chosen[facet])
include_derived = st.toggle("Include derived figures", value=webapp.flag_param("derived", True),
                            key="filter-derived")
st.query_params["derived"] = "yes" if include_derived else "no"

filters = Filters.of(chosen["act"], chosen["measure"], chosen["qualifier"], chosen["source"],
                     include_derived)
# The table fetches one page at a time: a filter that matches a million rows must not pull them
# all into the browser. Downloads run the full filtered query when clicked.
total = int(webapp.query("all_figures_count", **filters.query_params()).iloc[0]["row_count"])
pages = max(1, -(-total // PAGE_ROWS))
page = st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1,
                       key="table-page") if pages > 1 else 1
rows = webapp.query("all_figures_page", **filters.query_params(), row_limit=PAGE_ROWS,
                    row_offset=(page - 1) * PAGE_ROWS)
first = (page - 1) * PAGE_ROWS + 1 if total else 0
st.caption(f"{total:,} rows" if pages == 1 else
           f"{total:,} rows; showing {first:,}–{first + len(rows) - 1:,}. Downloads hold all {total:,}.")
# Reader's columns first; the ids a researcher joins on come after.
READER_COLUMNS = ["act_title", "measure_label", "value_text", "qualifier", "low", "high", "unit",
                  "stage", "as_of", "source_name", "source_kind", "attributed_name", "quote",
                  "derived", "derivation", "note"]
# Headers keep the export's column names (what a researcher will see in the file); hovering one
# shows its data-dictionary description.
st.dataframe(rows, hide_index=True, width="stretch", key="data-table",
             column_order=READER_COLUMNS + [c for c in rows.columns if c not in READER_COLUMNS],
             column_config={column: st.column_config.Column(help=markdown_literal(text))
                            for column, text in column_descriptions(rows.columns).items()})

st.subheader("Download this view")
data_downloads(webapp.connection(), filters, row_count=total)
how_to_cite(webapp.query("sources"))

show_chart(webapp.chart("figures-by-qualifier"), key="qualifiers")
