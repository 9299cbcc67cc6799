"""Act detail: one act's breakdown by category, its dates and its sources. The act is in the URL."""
import streamlit as st

from amnesty import webapp
from amnesty.ui import show_chart
from components.text import markdown_literal as literal

acts = webapp.query("acts")
act_ids = list(acts["act_id"])
titles = dict(zip(acts["act_id"], acts["act_title"]))

st.title("Act detail")
chosen = webapp.choice_param("act", act_ids, default=act_ids[-1], what="act")
act_id = st.selectbox("Act", act_ids, index=act_ids.index(chosen), format_func=titles.get,
                      key="act_select")
st.query_params["act"] = act_id
act = acts.set_index("act_id").loc[act_id]

show_chart(webapp.chart(f"act-breakdown-{act_id}"), key=f"breakdown-{act_id}")

st.subheader("Dates and status")
facts = {
    "Kind": act.act_kind,
    "Occasion": act.occasion,
    f"Date ({act.act_date_event})": act.act_date,
    "Implementation until": act.implementation_until,
    f"Status (as of {act.status_as_of})": act.status,
}
for label, value in facts.items():
    st.markdown(f"**{literal(label)}:** {literal(value) if isinstance(value, str) else 'not given'}")
st.caption(f"“{literal(act.quote)}” — {literal(act.source_credit)}")

st.subheader("Sources")
for source in webapp.query("sources_by_act", act_id=act_id).itertuples():
    st.markdown(f"**{literal(source.short_name)}** ({literal(source.kind_text)})")
    st.caption(literal(source.reliability_note))
