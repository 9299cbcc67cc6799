"""Data: the tidy dataset, filtered by act, measure, stage, qualifier and source. The filters live in
the page's link; the view has a stable data URL, code to fetch it, and a citation of its own."""
import streamlit as st

from amnesty import webapp
from amnesty.page_language import current_language
from amnesty.panels import lazy_panel
from amnesty.citation import citation
from amnesty.data_dictionary import column_descriptions, reader_labels
from amnesty.data_urls import data_url, fetch_code, site_url, split_values
from amnesty.dataset import TABLE_PAGE_ROWS as PAGE_ROWS
from amnesty.download_buttons import DATA_FORMATS, DATA_LABELS, copy_panel, data_downloads, how_to_cite
from amnesty.filters import ACT_CHOICES, DERIVED_KEY, FACETS, Filters
from amnesty.ui import show_chart, show_table
from amnesty.wording import option_text
from components.text import markdown_code, markdown_literal

lang = current_language()
st.title(lang._("Data"))
st.markdown(lang._("Every published number and every derived one, one row each, with its qualifier, "
                   "bounds, source and verbatim quote. Filters are kept in the page's link."))

# -- filters ---------------------------------------------------------------------------------------
# Past ACT_CHOICES acts the act list offers the newest and a search finds the rest (issue 16: at
# 10,000 acts the lists carried every act to the browser). The reader's choices, from the link or
# the widgets, are always offered, whatever the search.
act_count = int(webapp.query("act_count").iloc[0]["act_count"])
search = st.text_input(lang._("Search the acts"), max_chars=100, key="filter-act-search",
                       placeholder=lang._("Words of an act's name")) if act_count > ACT_CHOICES else ""
asked = {facet.key: split_values(st.query_params.get_all(facet.key)) for facet in FACETS}
keep = [value for facet in FACETS
        for value in asked[facet.key] + list(st.session_state.get(f"filter-{facet.key}") or [])]
lists = dict(search=search, titles=lang.ids_containing(search), keep=keep, limit=ACT_CHOICES)
everything = webapp.query("filter_options", **Filters().option_params(**lists))
labels = {facet: {option: option_text(lang, facet, option, label)
                  for option, label in zip(rows["option_id"], rows["option_label"])}
          for facet, rows in everything.groupby("facet")}
# Each list offers what the other filters leave (only the chosen acts' measures, say), plus its own
# choices, so a choice never vanishes from under the reader. A widget's value is in session state
# once the reader has touched it; until then the link holds it.
from_link = {facet.key: webapp.list_param(facet.key, list(labels.get(facet.key, {})),
                                         what=lang._(facet.label), lang=lang) for facet in FACETS}
current = {facet.key: st.session_state.get(f"filter-{facet.key}", from_link[facet.key])
           for facet in FACETS}
derived_from_link = webapp.flag_param(DERIVED_KEY, True)
include_derived = st.session_state.get("filter-derived", derived_from_link)
left = webapp.query("filter_options", **Filters.from_choices(current, include_derived).option_params(**lists))

chosen = {}
for i, facet in enumerate(FACETS):
    if i % 2 == 0:  # two filters a row, so that on a phone they stack in FACETS order
        cols = st.columns(2)
    offered = list(left.loc[left["facet"] == facet.key, "option_id"])
    offered += [value for value in current[facet.key] if value not in offered]
    key = f"filter-{facet.key}"
    chosen[facet.key] = cols[i % 2].multiselect(
        lang._(facet.label), offered, default=None if key in st.session_state else from_link[facet.key],
        format_func=labels.get(facet.key, {}).get, key=key)
    webapp.set_list_param(facet.key, chosen[facet.key])
include_derived = st.toggle(lang._("Include derived figures"), value=derived_from_link, key="filter-derived")
st.query_params[DERIVED_KEY] = "yes" if include_derived else "no"
filters = Filters.from_choices(chosen, include_derived)

# -- the rows --------------------------------------------------------------------------------------
# The table fetches one page at a time: a filter that matches a million rows must not pull them
# all into the browser. Downloads run the full filtered query when clicked.
total = int(webapp.query("all_figures_count", **filters.query_params()).iloc[0]["row_count"])
pages = max(1, -(-total // PAGE_ROWS))
page = st.number_input(lang._("Page (of {pages})", pages=lang.number(pages)), min_value=1, max_value=pages, value=1,
                       key="table-page") if pages > 1 else 1
rows = webapp.rows(lang, "all_figures_page", **filters.query_params(), row_limit=PAGE_ROWS,
                   row_offset=(page - 1) * PAGE_ROWS)
first = (page - 1) * PAGE_ROWS + 1 if total else 0
st.caption(lang.n_("{n} row", "{n} rows", total) if pages == 1 else
           lang.n_("{n} row; showing {first}–{last}. Downloads hold all of them.",
                   "{n} rows; showing {first}–{last}. Downloads hold all of them.", total,
                   first=lang.number(first), last=lang.number(first + len(rows) - 1)))

# A reader's table: their words for the columns and for the qualifier, every value wrapped in full.
READER_COLUMNS = ["act_title", "measure_label", "value_text", "qualifier_text", "stage", "as_of",
                  "source_name"]
reader = rows[READER_COLUMNS].assign(
    qualifier_text=[option_text(lang, "qualifier", q, t) for q, t in zip(rows["qualifier"], rows["qualifier_text"])],
    stage=[option_text(lang, "stage", s, s) for s in rows["stage"]],
    source_name=[lang._(s) if isinstance(s, str) else s for s in rows["source_name"]],
).astype("string").fillna("")
reader.loc[rows["derived"].to_numpy(), "source_name"] = lang._("Derived here")
# A table on a wide screen, a card per row on a phone; its cells are escaped (components.text.table_html).
show_table(reader, reader_labels(READER_COLUMNS, lang))

# Drawn once opened (amnesty.panels): a closed panel's grid still delayed the page's first drawing.
if panel := lazy_panel(lang._("Every column, as in the downloads"), key="data-columns"):
    panel.caption(lang._("The files name each column as in brackets here; hover a heading for its meaning."))
    names = reader_labels(rows.columns, lang)
    panel.dataframe(rows, hide_index=True, width="stretch", key="data-table",
                    column_config={column: st.column_config.Column(
                        f"{names[column]} ({column})", help=markdown_literal(text))
                        for column, text in column_descriptions(rows.columns, lang).items()})

# -- stable links, code, downloads, citation ------------------------------------------------------
version = webapp.dataset_version()
site = site_url(st.context.url) or ""
csv_url = data_url(site, "csv", filters, version, lang.code)

st.header(lang._("This view as a stable link"))
st.markdown(lang._("The link always gives these rows at this version of the data. Leave out "
                   "`&v={version}` (or `?v=…`) to get the latest version instead.", version=version))
st.markdown(markdown_code(csv_url, limit=None))  # a code span: readable and selectable, never a link
if panel := copy_panel(lang._("Copy the link, or code that loads this view"), "data-code"):
    with panel:
        st.code(csv_url, language=None, wrap_lines=True)
        snippets = fetch_code(csv_url)
        for tab, (_, language, code) in zip(st.tabs([name for name, _, _ in snippets]), snippets):
            tab.code(code, language=language, wrap_lines=True)
        st.caption(lang._("A spreadsheet's IMPORTDATA fetches from its own servers, so it needs the app "
                          "on a public address."))

st.header(lang._("Download this view"))
data_downloads(webapp.connection(), filters, row_count=total, version=version, url=csv_url)
# Each file's stable address as copyable text, never a Markdown link: the host comes from the request.
st.caption(lang._("Each file's own stable link:"))
st.markdown("\n".join(f"- {markdown_literal(lang._(DATA_LABELS[fmt]))}: "
                       f"{markdown_code(data_url(site, fmt, filters, version, lang.code), limit=None)}"
                       for fmt in DATA_FORMATS))

how_to_cite(citation(version, webapp.rows(lang, "sources_in_view", **filters.query_params()), url=csv_url,
                     lang=lang))

# The chart counts the published figures of this view; derived rows and empty views have none.
if len(webapp.query("figures_by_qualifier", **filters.facet_params())):
    show_chart(webapp.chart("figures-by-qualifier", lang=lang.code, **filters.facet_params()),
               key="qualifiers")
else:
    st.caption(lang._("No published figures in this view, so there is no chart of their qualifiers."))
