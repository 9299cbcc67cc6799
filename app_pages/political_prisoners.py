"""Political prisoners: how far the 2025–26 act reached the political-prisoner list."""
import streamlit as st

from amnesty import webapp
from amnesty.page_language import current_language
from amnesty.filters import Filters
from amnesty.ui import show_chart
from amnesty.wording import bounds_text
from components.text import markdown_literal as literal

lang = current_language()
st.title(lang._("Political prisoners and the 2025–26 act"))

# Our words in the page's language: figures worded from their bounds, labels translated.
coverage = webapp.rows(lang, "political_prisoner_coverage").set_index("measure_id")
groups = webapp.rows(lang, "prisoner_groups_by_reach")
listed = coverage.loc["political_prisoners_listed"]
released = coverage.loc["political_prisoners_released"]
expected_total = coverage.loc["political_prisoners_released_expected_total"]


def share(row) -> str:
    """A count's share of the list, in the page's language (SQL writes the English); the caller
    makes it literal where it meets Markdown."""
    return bounds_text(lang, row.share_of_list_bounds) or row.share_of_list_text


# What the numbers say, in one sentence read from the data; then what the list is, where the page
# first names it. The bold and the sentence are ours; every value from the data is made literal.
st.markdown(lang._(
    "By {date}, the {act} had freed **{released}** of the **{listed}** political prisoners on the "
    "Union list (**{share}**); with the releases still expected, it would reach {expected} of them "
    "({expected_share}).", date=lang.date(released.as_of), act=literal(released.act_title),
    released=literal(released.value_text), listed=literal(listed.value_text),
    share=literal(share(released)), expected=literal(expected_total.value_text),
    expected_share=literal(share(expected_total))))
when = lang.date(listed.as_of)
st.caption(literal(
    lang._("The Union list is the civil-society list of political prisoners kept by the {keeper}, dated "
           "{date}. The act's reach is measured against it.", keeper=lang._(listed.attributed_name),
           date=when) if isinstance(listed.attributed_name, str) else
    lang._("The Union list is the civil-society list of political prisoners kept by a civil-society "
           "group, dated {date}. The act's reach is measured against it.", date=when)))


def metric(column, label: str, value, help=None) -> None:
    """A metric whose words come from the data: label, value and tooltip are made literal."""
    column.metric(literal(label), literal(value), help=literal(help) if isinstance(help, str) else None)


cols = st.columns(2)
metric(cols[0], listed.measure_label, listed.value_text)
believers = coverage.loc["religious_believers_listed"]
metric(cols[1], believers.measure_label, believers.value_text)
cols = st.columns(2)
metric(cols[0], lang._("{measure} (by {date})", measure=released.measure_label,
                       date=lang.date(released.as_of)), released.value_text)
expected = webapp.rows(lang, "all_figures", **Filters.of(
    act_ids=[coverage["act_id"].iloc[0]], measure_ids=["political_prisoners_expected_release"],
    include_derived=False).query_params()).iloc[0]
# The note is our English from the data (not yet translated), kept as the tooltip.
metric(cols[1], expected.measure_label, expected.value_text, help=expected.note)
cols = st.columns(2)
metric(cols[0], lang._("Coverage of the list so far"), share(released))
metric(cols[1], lang._("Coverage with the expected releases"), share(expected_total))
first = groups.iloc[0]
reached = bounds_text(lang, first.groups_reached_bounds) or first.groups_reached_text
listed_groups = bounds_text(lang, first.groups_listed_bounds) or first.groups_listed_text
metric(st, lang._("Groups on the list reached by the act"),
       lang._("{reached} of {listed}", reached=reached, listed=listed_groups))

show_chart(webapp.chart("political-prisoner-coverage", lang=lang.code), key="coverage")
show_chart(webapp.chart("political-prisoner-groups", lang=lang.code), key="groups")
