"""Political prisoners: how far the 2025–26 act reached the political-prisoner list."""
import streamlit as st

from amnesty import webapp
from amnesty.page_language import current_language
from amnesty.filters import Filters
from amnesty.ui import show_chart
from components.rows import date_text
from components.text import markdown_literal as literal

st.title("Political prisoners and the 2025–26 act")

coverage = webapp.query("political_prisoner_coverage").set_index("measure_id")
groups = webapp.query("prisoner_groups_by_reach")
listed = coverage.loc["political_prisoners_listed"]
released = coverage.loc["political_prisoners_released"]
expected_total = coverage.loc["political_prisoners_released_expected_total"]

# What the numbers say, in one sentence read from the data; then what the list is, where the page
# first names it.
# The bold and the sentence are ours; every value from the data is made literal.
st.markdown(
    f"By {date_text(released.as_of)}, the {literal(released.act_title)} had freed "
    f"**{literal(released.value_text)}** of the **{literal(listed.value_text)}** political prisoners "
    f"on the Union list (**{literal(released.share_of_list_text)}**); with the releases still "
    f"expected, it would reach {literal(expected_total.value_text)} of them "
    f"({literal(expected_total.share_of_list_text)}).")
keeper = (f"the {listed.attributed_name}" if isinstance(listed.attributed_name, str)
          else "a civil-society group")
st.caption(literal(f"The Union list is the civil-society list of political prisoners kept by {keeper}, "
                   f"dated {date_text(listed.as_of)}. The act's reach is measured against it."))


def metric(column, label: str, value, help=None) -> None:
    """A metric whose words come from the data: label, value and tooltip are made literal."""
    column.metric(literal(label), literal(value), help=literal(help) if isinstance(help, str) else None)


cols = st.columns(2)
metric(cols[0], coverage.loc["political_prisoners_listed", "measure_label"],
       coverage.loc["political_prisoners_listed", "value_text"])
metric(cols[1], coverage.loc["religious_believers_listed", "measure_label"],
       coverage.loc["religious_believers_listed", "value_text"])
cols = st.columns(2)
metric(cols[0], f"{coverage.loc['political_prisoners_released', 'measure_label']} "
       f"(by {date_text(coverage.loc['political_prisoners_released', 'as_of'])})",
       coverage.loc["political_prisoners_released", "value_text"])
expected = webapp.query("all_figures", **Filters.of(
    act_ids=[coverage["act_id"].iloc[0]], measure_ids=["political_prisoners_expected_release"],
    include_derived=False).query_params()).iloc[0]
metric(cols[1], expected.measure_label, expected.value_text, help=expected.note)
cols = st.columns(2)
metric(cols[0], "Coverage of the list so far",
       coverage.loc["political_prisoners_released", "share_of_list_text"])
metric(cols[1], "Coverage with the expected releases",
       coverage.loc["political_prisoners_released_expected_total", "share_of_list_text"])
metric(st, "Groups on the list reached by the act",
       f"{groups['groups_reached_text'].iloc[0]} of {groups['groups_listed_text'].iloc[0]}")

show_chart(webapp.chart("political-prisoner-coverage", lang=current_language().code), key="coverage")
show_chart(webapp.chart("political-prisoner-groups", lang=current_language().code), key="groups")
