"""Sources & method: who said what, how qualifiers are read, what is derived, what is unknown."""
import streamlit as st

from amnesty import webapp
from amnesty.ui import show_chart, show_table
from components.text import markdown_literal as literal

st.title("Sources & method")

st.header("Sources")
for source in webapp.query("sources").itertuples():
    via = (f", as reported by {literal(source.reported_in_name)}"
           if isinstance(source.reported_in_name, str) else "")
    st.markdown(f"**{literal(source.short_name)}** — {literal(source.kind_text)}{via}")
    details = [d for d in (source.title, source.publisher, source.published) if isinstance(d, str)]
    if details:
        st.caption(" · ".join(map(literal, details)))
    st.markdown(literal(source.reliability_note))
show_chart(webapp.chart("figures-by-source"), key="sources")

st.header("How qualifiers are read")
show_table(webapp.query("qualifier_readings"), {
    "qualifier_text": "Qualifier", "reading": "How it is read", "figures_in_use": "Figures",
    "example_text": "Example"})

st.header("What is derived, and how")
st.markdown("These numbers are not published anywhere: the build computes them from published "
            "figures in SQL, carrying the bounds through, so a derived number is never more exact "
            "than its inputs.")
show_table(webapp.query("derived_figures_by_act"), {
    "act_title": "Act", "measure_label": "Derived figure", "value_text": "Value",
    "derivation": "Computed as", "stage": "Stage"})

st.header("A claim the figures do not carry")
claim = webapp.query("largest_previous_claim_check").iloc[0]
claim = claim.map(lambda v: literal(v) if isinstance(v, str) else v)
st.markdown(
    f"The press article says the {claim.latest_act_title} “more than doubles the largest previous "
    f"total”. Its own figures are {claim.latest_scope_text} ({claim.latest_act_title}) against "
    f"{claim.previous_scope_text} ({claim.previous_act_title}). Doubling the earlier figure gives "
    f"{claim.twice_previous_text}; the stated numbers differ by a factor of "
    f"{claim.stated_ratio_text}. Both are bounds, so the true ratio is unknown: the claim is "
    f"**{claim.verdict}**.")

st.header("What is unknown")
show_table(webapp.query("unknown_figures"), {
    "subject": "Act or group", "what_is_unknown": "Not given", "why": "Why"})
