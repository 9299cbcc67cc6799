"""Overview: what each act announced against what it delivered."""
import streamlit as st

from amnesty import webapp
from amnesty.ui import show_chart
from components.rows import STAGE_WORDS, date_text
from components.text import markdown_literal as literal

st.title("Azerbaijan's amnesties and pardons since 2016")
act_count = int(webapp.query("act_count").iloc[0]["act_count"])
st.caption(f"The {act_count:,} acts in our sources, not every amnesty and pardon since 2016.")

lede = webapp.query("latest_act_vs_earlier").iloc[0]
# The bold is ours; every value from the data is made literal.
announced = (f"The **{literal(lede.latest_act_title)}** announced **{literal(lede.announced_reach_text)}** "
             f"people affected" + (f", **{literal(lede.announced_released_text)}** of them to be released "
                                   f"from prison" if isinstance(lede.announced_released_text, str) else "")
             + f" ({date_text(lede.announced_reach_as_of)}).")
if isinstance(lede.delivered_reach_text, str):
    delivered = (f" By {date_text(lede.delivered_reach_as_of)}, the latest count in our sources "
                 f"({STAGE_WORDS[lede.delivered_reach_stage]}, from the {literal(lede.delivered_reach_by)}), "
                 f"it had been applied to **{literal(lede.delivered_reach_text)}** people")
    delivered += (f", and **{literal(lede.delivered_released_text)}** had been "
                  f"{literal(lede.delivered_released_label.lower())}."
                  if isinstance(lede.delivered_released_text, str) else ".")
else:
    delivered = " Our sources give no count of what it has delivered."
earlier = (f" The largest release any earlier act in our sources delivered is "
           f"**{literal(lede.earlier_release_text)}** {literal(lede.earlier_release_label.lower())} (the "
           f"{literal(lede.earlier_release_act_title)}, {STAGE_WORDS[lede.earlier_release_stage]}, "
           f"{date_text(lede.earlier_release_as_of)})." if isinstance(lede.earlier_release_text, str) else "")
st.markdown(announced + delivered + earlier)

# The scale is part of the link, so a shared URL shows the same chart.
scale = webapp.choice_param("scale", ["log", "linear"], default="log", what="scale")
choice = st.segmented_control("Scale", ["Log", "Linear"], default=scale.title(), key="scale",
                              help="148 and 20,000 share one axis: the log scale keeps both readable. "
                                   "On a log scale numbers are dots; bars, which claim a length from "
                                   "zero, are drawn on the linear scale only.")
scale = (choice or scale.title()).lower()
st.query_params["scale"] = scale
name = "scale-vs-releases-linear" if scale == "linear" else "scale-vs-releases"
chart = webapp.chart(name)
show_chart(chart, key="overview")

st.header("Each act: its timeline, breakdown and sources")
# The acts the chart draws, newest last as drawn. Short labels: st.page_link cuts a long one off on a phone.
for act in chart.data.drop_duplicates("act_id").itertuples():
    st.page_link("app_pages/act_detail.py", label=literal(act.act_title), query_params={"act": act.act_id},
                 icon=":material/arrow_forward:")
