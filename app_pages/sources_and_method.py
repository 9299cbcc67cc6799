"""Sources & method: who said what, how many sources give each figure, where they disagree, how
qualifiers are read, what is derived, which claims the figures carry, and what is unknown."""
from functools import partial

import streamlit as st

from amnesty import method_words, webapp
from amnesty.page_language import current_language
from amnesty.ui import page_of_rows, show_chart, show_table
from components.text import NAME_MARK, one_line, source_list_html
from components.text import markdown_literal as literal

lang = current_language()
credits = webapp.credits_in(lang.code)
rows = partial(webapp.rows, lang)  # a query's rows with our words in the page's language

st.title(lang._("Sources & method"))

st.header(lang._("Sources"))
st.markdown(lang._("Every source, with its kind: an official body, a state agency, an independent "
                   "agency, a monitor or the press, and whether it is AI-written. Numbers are cited by "
                   "the source's address and a locator in our words; only the two seed articles are "
                   "quoted."))
listed = []  # (heading, name, details, note, url): plain text, escaped where the list is made
for source in rows("sources").itertuples():
    kind = source.kind_text
    heading = (lang._("**{name}** — {kind}, as reported by {via}", name=NAME_MARK, kind=kind,
                      via=lang._(source.reported_in_name))
               if isinstance(source.reported_in_name, str) else
               lang._("**{name}** — {kind}", name=NAME_MARK, kind=kind))
    published = None
    if isinstance(source.published, str):
        published = (lang._("published {date} (inferred)", date=lang.date(source.published))
                     if source.published_inferred else
                     lang._("published {date}", date=lang.date(source.published)))
    details = [d for d in (source.title, source.publisher, published,
                           lang._("read {date}", date=lang.date(source.accessed))
                           if isinstance(source.accessed, str) else None,
                           lang._("language: {language}", language=lang.language_name(source.language)))
               if isinstance(d, str) and d]
    listed.append((heading, lang._(source.short_name), " · ".join(map(one_line, details)),
                   source.reliability_note if isinstance(source.reliability_note, str) else None, source.url))
# One element for the whole list; each address a link labelled with its host, never built from data.
st.html(source_list_html(listed))
show_chart(webapp.chart("figures-by-source", lang=lang.code), key="sources")

st.header(lang._("How many sources give each figure"))
st.markdown(lang._("One figure, every source behind it. A number repeated by an AI-written article "
                   "is not the same evidence as one a ministry gave to a news agency: the sources are "
                   "named."))
corroboration = page_of_rows("figure_corroboration", key="corroboration")
show_table(corroboration.assign(sources_text=corroboration["credits"].map("; ".join)), {
    "act_title": lang._("Act"), "measure_label": lang._("What was counted"), "value_text": lang._("Figure"),
    "as_of": lang._("As of"), "source_count": lang._("Sources"), "sources_text": lang._("Who gives it")})

st.header(lang._("Where the sources disagree"))
st.markdown(lang._("Each figure below is kept once, with every source's reading beside it: the "
                   "dashboard does not pick one silently."))
sides = rows("disagreements")
for _, figure in sides.groupby("figure_id", sort=False):
    first = figure.iloc[0]
    st.subheader(lang._("{act}: {measure}, {number}", act=literal(first.act_title),
                        measure=literal(first.measure_label.lower()), number=literal(first.value_text)))
    st.markdown(literal(first.disagreement))
    show_table(figure.assign(source_credit=[credits.get(c, c) for c in figure["source_credit"]],
                             reading=[lang._(r) for r in figure["reading"]]),
               {"source_credit": lang._("Source"), "reading": lang._("Its reading"),
                "qualifier_words": lang._("Its words"), "locator": lang._("Where")})

st.header(lang._("How qualifiers are read"))
show_table(method_words.qualifier_readings(lang, rows("qualifier_readings")), {
    "qualifier_text": lang._("Qualifier"), "reading": lang._("How it is read"),
    "figures_in_use": lang._("Figures"), "example_text": lang._("Example")})

st.header(lang._("What is derived, and how"))
st.markdown(lang._("These numbers are not published anywhere: the build computes them from published "
                   "figures in SQL, carrying the bounds (and any 'approximately') through, so a derived "
                   "number is never more exact than its inputs."))
show_table(page_of_rows("derived_figures_by_act", key="derived"), {
    "act_title": lang._("Act"), "measure_label": lang._("Derived figure"), "value_text": lang._("Value"),
    "derivation": lang._("Computed as"), "stage": lang._("Stage")})

st.header(lang._("A claim checked against the figures"))
st.markdown(lang._("The AI-written article says the latest act “more than doubles the largest previous "
                   "total”, without saying which total. Each reading, checked with bounds:"))
show_table(method_words.claim_check(lang, rows("largest_previous_claim_check")), {
    "reading": lang._("Reading"), "latest_text": lang._("Latest act"),
    "previous_act_title": lang._("Largest earlier act"), "previous_text": lang._("Its figure"),
    "twice_previous_text": lang._("Twice that"), "verdict": lang._("Verdict")})

st.header(lang._("What is unknown"))
show_table(method_words.unknowns(lang, page_of_rows("unknown_figures", key="unknown")), {
    "subject": lang._("Act or group"), "what_is_unknown": lang._("Not given"), "why": lang._("Why")})
