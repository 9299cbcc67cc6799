"""Overview: every act's announced reach against the people it released."""
import streamlit as st

from amnesty import webapp
from amnesty.ui import show_chart
from components.text import markdown_literal as literal

st.title("Azerbaijan's amnesties and pardons since 2016")

lede = webapp.query("latest_act_vs_earlier").iloc[0]
# The bold is ours; every value from the data is made literal.
st.markdown(
    f"The **{literal(lede.latest_act_title)}** announced **{literal(lede.latest_scope_text)}** people "
    f"{literal(lede.latest_scope_label.lower())}, with {literal(lede.latest_release_text)} to be "
    f"{literal(lede.latest_release_label.lower())}. Those are the act's own announced numbers, not "
    f"outcomes. The largest release any earlier act reports is "
    f"**{literal(lede.earlier_release_text)}** (the {literal(lede.earlier_release_act_title)}, which "
    f"is said to have affected {literal(lede.earlier_scope_text)})."
)

scale = st.segmented_control("Scale", ["Log", "Linear"], default="Log", key="scale",
                             help="148 and 20,000 share one axis: the log scale keeps both readable.")
name = "scale-vs-releases-linear" if scale == "Linear" else "scale-vs-releases"
chart = webapp.chart(name)
show_chart(chart, key="overview")

st.subheader("Each act: its breakdown, dates and sources")
# The acts the chart draws, newest last as drawn. Short labels: st.page_link cuts a long one off on a phone.
for act in chart.data.drop_duplicates("act_id").itertuples():
    st.page_link("app_pages/act_detail.py", label=literal(act.act_title), query_params={"act": act.act_id},
                 icon=":material/arrow_forward:")
