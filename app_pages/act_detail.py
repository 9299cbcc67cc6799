"""Act detail: one act's timeline, its breakdown by category, its claims and caveats, and its
sources. The act is in the URL."""
import streamlit as st

from amnesty import webapp
from amnesty.filters import ACT_CHOICES
from amnesty.page_language import current_language
from amnesty.wording import ACT_KIND_WORDS, STATUS_WORDS
from amnesty.ui import show_chart
from components.text import NAME_MARK, marked_html, one_line, source_list_html
from components.text import markdown_literal as literal

lang = current_language()
# The heading is the act's name; it is drawn above the box that picks the act, so it is filled in
# once the box has given this run's choice.
heading = st.empty()
# The box offers the newest ACT_CHOICES acts, and the one in the link; past that many acts a
# search finds the rest, so the page never carries every act to the browser (issue 16).
act_count = int(webapp.query("act_count").iloc[0]["act_count"])
search = st.text_input(lang._("Search the acts"), max_chars=100, key="act_search",
                       placeholder=lang._("Words of an act's name")) if act_count > ACT_CHOICES else ""
acts = webapp.rows(lang, "act_choices", search=search.strip(), chosen=st.query_params.get("act", ""),
                   titles=lang.ids_containing(search), limit=ACT_CHOICES)
act_ids = list(acts["act_id"])  # newest first
titles = dict(zip(acts["act_id"], acts["act_title"]))
chosen = webapp.choice_param("act", act_ids, default=act_ids[0], what=lang._("Act"), lang=lang)
act_id = st.selectbox(lang._("Choose an act"), act_ids, index=act_ids.index(chosen), format_func=titles.get,
                      key="act_select")
st.query_params["act"] = act_id
act = acts.set_index("act_id").loc[act_id]
heading.title(literal(act.act_title))  # st.title renders Markdown, so the data's title is made literal
status = lang._("{status} as of {date}", status=lang._(STATUS_WORDS.get(act.status, act.status)),
                date=lang.date(act.status_as_of))
st.caption(literal(" · ".join(v for v in (lang._(ACT_KIND_WORDS.get(act.act_kind, act.act_kind)),
                                          act.occasion, status) if isinstance(v, str))))

st.header(lang._("Timeline"))
show_chart(webapp.chart(f"act-timeline-{act_id}", lang=lang.code), key=f"timeline-{act_id}")

st.header(lang._("Breakdown by category"))
show_chart(webapp.chart(f"act-breakdown-{act_id}", lang=lang.code), key=f"breakdown-{act_id}")
credits = webapp.credits_in(lang.code)

# The bold labels are ours; every value from the data is made literal.
# A statement is in the reader's language; a quote stays in its source's.
QUOTE_MARK = "\x00"  # where the quote goes in the translated sentence (never in a message)
statements = webapp.rows(lang, "statements_by_act", act_id=act_id)
if len(statements):
    st.header(lang._("Claims and caveats"))
    for item in statements.itertuples():
        said = literal(item.statement)
        st.markdown(lang._("**Claim:** {statement}", statement=said) if item.kind == "claim"
                    else lang._("**Caveat:** {statement}", statement=said))
        who = dict(source=credits.get(item.source_credit, item.source_credit))
        if isinstance(item.attributed_credit, str):
            who["attributed"] = credits.get(item.attributed_credit, item.attributed_credit)
        line = (lang._("Source: {source}, attributing it to {attributed}", **who) if "attributed" in who
                else lang._("Source: {source}", **who))
        parts = [line]
        if isinstance(item.quote, str):  # the quote, in its source's language, marked as such
            before, after = lang._("{source_line}. Its words: “{quote}”", source_line=line,
                                   quote=QUOTE_MARK).split(QUOTE_MARK)
            parts = [before, (item.quote, item.quote_language), after]
        st.html(marked_html(parts, caption=True))

st.header(lang._("Sources"))
listed = []  # (heading, name, details, note, url): plain text, escaped where the list is made
for source in webapp.rows(lang, "sources_by_act", act_id=act_id).itertuples():
    heading = lang._("**{name}** ({kind}; language: {language})", name=NAME_MARK, kind=source.kind_text,
                     language=lang.language_name(source.language))
    published = (lang._("published {date}", date=lang.date(source.published))
                 if isinstance(source.published, str) else None)
    about = " · ".join(one_line(d) for d in (source.title, published) if isinstance(d, str))
    note = source.reliability_note if isinstance(source.reliability_note, str) else ""
    listed.append((heading, lang._(source.short_name), about + (" — " if about and note else "") + note,
                   None, source.url))
# One element for the whole list; each address a link labelled with its host, never built from data.
st.html(source_list_html(listed))
