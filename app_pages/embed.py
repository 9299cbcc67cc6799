"""A chart and nothing else, for framing on another site: /embed?figure=NAME (&theme=dark).

The page is hidden from the navigation; the iframe snippet in each chart's "Customise and
download" panel adds Streamlit's `embed=true`, which drops the header, toolbar and navigation.
"""
import streamlit as st

from amnesty import webapp
from amnesty.page_language import current_language
from amnesty.figures import figure_names
from amnesty.ui import PLOTLY_CONFIG
from components.dark_theme import THEMES, dark_figure

lang = current_language()
name = webapp.choice_param("figure", figure_names(fetch=webapp.query, only=st.query_params.get_all("figure")),
                           "scale-vs-releases", lang._("Chart"), lang)
theme = webapp.choice_param("theme", list(THEMES), "light", lang._("Theme"), lang)
chart = webapp.chart(name, lang=lang.code)
st.set_page_config(page_title=chart.title)  # the browser tab and a screen reader's frame title
st.plotly_chart(chart.figure if theme == "light" else dark_figure(chart.figure), width="stretch",
                key="embed-figure", config=PLOTLY_CONFIG, theme=None,
                alt=chart.alt_text)  # the chart a figure named by its alt text, as on every page
st.text(chart.alt_text)  # plain text: the words come from the data
