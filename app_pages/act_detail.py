"""Act detail: one act's timeline, its breakdown by category, its claims and caveats, and its
sources. The act is in the URL."""
import streamlit as st

from amnesty import webapp
from amnesty.page_language import current_language
from amnesty.ui import show_chart
from components.rows import date_text
from components.text import link_host
from components.text import markdown_literal as literal

# The box offers the newest ACT_CHOICES acts, and the one in the link; past that many acts a
# search finds the rest, so the page never carries every act to the browser (issue 16).
ACT_CHOICES = 30

# The heading is the act's name; it is drawn above the box that picks the act, so it is filled in
# once the box has given this run's choice.
heading = st.empty()
act_count = int(webapp.query("act_count").iloc[0]["act_count"])
search = st.text_input("Search the acts", max_chars=100, key="act_search",
                       placeholder="Words of an act's name") if act_count > ACT_CHOICES else ""
acts = webapp.query("act_choices", search=search.strip(), chosen=st.query_params.get("act", ""),
                    limit=ACT_CHOICES)
act_ids = list(acts["act_id"])  # newest first
titles = dict(zip(acts["act_id"], acts["act_title"]))
chosen = webapp.choice_param("act", act_ids, default=act_ids[0], what="act")
act_id = st.selectbox("Choose an act", act_ids, index=act_ids.index(chosen), format_func=titles.get,
                      key="act_select")
st.query_params["act"] = act_id
act = acts.set_index("act_id").loc[act_id]
heading.title(literal(act.act_title))  # st.title renders Markdown, so the data's title is made literal
st.caption(literal(" · ".join(str(v) for v in (act.act_kind, act.occasion, f"{act.status} as of "
                                               f"{date_text(act.status_as_of)}") if isinstance(v, str))))

st.header("Timeline")
show_chart(webapp.chart(f"act-timeline-{act_id}", lang=current_language().code), key=f"timeline-{act_id}")

st.header("Breakdown by category")
show_chart(webapp.chart(f"act-breakdown-{act_id}", lang=current_language().code), key=f"breakdown-{act_id}")

# The bold labels are ours; every value from the data is made literal.
statements = webapp.query("statements_by_act", act_id=act_id)
if len(statements):
    st.header("Claims and caveats")
    for item in statements.itertuples():
        who = item.source_credit + (f", attributing it to {item.attributed_credit}"
                                    if isinstance(item.attributed_credit, str) else "")
        st.markdown(f"**{'Claim' if item.kind == 'claim' else 'Caveat'}:** {literal(item.statement)}")
        st.caption(literal(f"Source: {who}" + (f". Its words: “{item.quote}”"
                                               if isinstance(item.quote, str) else "")))

st.header("Sources")
for source in webapp.query("sources_by_act", act_id=act_id).itertuples():
    st.markdown(f"**{literal(source.short_name)}** ({literal(source.kind_text)}; "
                f"language: {literal(source.language)})")
    st.caption(" · ".join(literal(d) for d in (source.title, f"published {date_text(source.published)}"
                                               if isinstance(source.published, str) else None) if isinstance(d, str))
               + (" — " if isinstance(source.title, str) or isinstance(source.published, str) else "")
               + literal(source.reliability_note))
    # The address is a link labelled with its host, never Markdown built from data.
    if host := link_host(source.url):
        st.page_link(source.url, label=literal(host), icon=":material/open_in_new:")
