"""Sources & method: who said what, how many sources give each figure, where they disagree, how
qualifiers are read, what is derived, which claims the figures carry, and what is unknown."""
import streamlit as st

from amnesty import webapp
from amnesty.page_language import current_language
from amnesty.ui import show_chart, show_table
from components.rows import date_text
from components.text import link_host
from components.text import markdown_literal as literal

st.title("Sources & method")

st.header("Sources")
st.markdown("Every source, with its kind: an official body, a state agency, an independent agency, a "
            "monitor or the press, and whether it is AI-written. Numbers are cited by the source's "
            "address and a locator in our words; only the two seed articles are quoted.")
for source in webapp.query("sources").itertuples():
    via = (f", as reported by {literal(source.reported_in_name)}"
           if isinstance(source.reported_in_name, str) else "")
    st.markdown(f"**{literal(source.short_name)}** — {literal(source.kind_text)}{via}")
    published = (f"published {date_text(source.published)}"
                 + (" (inferred)" if source.published_inferred else "")) if isinstance(source.published, str) else None
    details = [d for d in (source.title, source.publisher, published,
                           f"read {date_text(source.accessed)}" if isinstance(source.accessed, str) else None,
                           f"language: {source.language}") if isinstance(d, str) and d]
    st.caption(" · ".join(map(literal, details)))
    st.markdown(literal(source.reliability_note))
    # The address is a link labelled with its host, never Markdown built from data.
    if host := link_host(source.url):
        st.page_link(source.url, label=literal(host), icon=":material/open_in_new:")
show_chart(webapp.chart("figures-by-source", lang=current_language().code), key="sources")

st.header("How many sources give each figure")
st.markdown("One figure, every source behind it. A number repeated by an AI-written article is not "
            "the same evidence as one a ministry gave to a news agency: the sources are named.")
show_table(webapp.query("figure_corroboration"), {
    "act_title": "Act", "measure_label": "What was counted", "value_text": "Figure",
    "as_of": "As of", "source_count": "Sources", "sources_text": "Who gives it"}, key="corroboration")

st.header("Where the sources disagree")
st.markdown("Each figure below is kept once, with every source's reading beside it: the dashboard "
            "does not pick one silently.")
sides = webapp.query("disagreements")
for number, (_, figure) in enumerate(sides.groupby("figure_id", sort=False)):
    first = figure.iloc[0]
    st.subheader(f"{literal(first.act_title)}: {literal(first.measure_label.lower())}, "
                 f"{literal(first.value_text)}")
    st.markdown(literal(first.disagreement))
    show_table(figure, {"source_credit": "Source", "reading": "Its reading",
                        "qualifier_words": "Its words", "locator": "Where"}, key=f"disagreement-{number}")

st.header("How qualifiers are read")
show_table(webapp.query("qualifier_readings"), {
    "qualifier_text": "Qualifier", "reading": "How it is read", "figures_in_use": "Figures",
    "example_text": "Example"}, key="qualifiers")

st.header("What is derived, and how")
st.markdown("These numbers are not published anywhere: the build computes them from published "
            "figures in SQL, carrying the bounds (and any 'approximately') through, so a derived "
            "number is never more exact than its inputs.")
show_table(webapp.query("derived_figures_by_act"), {
    "act_title": "Act", "measure_label": "Derived figure", "value_text": "Value",
    "derivation": "Computed as", "stage": "Stage"}, key="derived")

st.header("A claim checked against the figures")
st.markdown("The AI-written article says the latest act “more than doubles the largest previous "
            "total”, without saying which total. Each reading, checked with bounds:")
show_table(webapp.query("largest_previous_claim_check"), {
    "reading": "Reading", "latest_text": "Latest act", "previous_act_title": "Largest earlier act",
    "previous_text": "Its figure", "twice_previous_text": "Twice that", "verdict": "Verdict"},
           key="claim-check")

st.header("What is unknown")
show_table(webapp.query("unknown_figures"), {
    "subject": "Act or group", "what_is_unknown": "Not given", "why": "Why"}, key="unknown")
