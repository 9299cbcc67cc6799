"""Overview: what each act announced against what it delivered."""
import streamlit as st

from amnesty import webapp
from amnesty.ui import show_chart
from amnesty.page_language import current_language, language_param
from amnesty.wording import bounds_count, bounds_text
from components.rows import STAGE_WORDS
from components.text import markdown_literal as literal

lang = current_language()
st.title(lang._("Azerbaijan's amnesties and pardons since 2016"))
act_count = int(webapp.query("act_count").iloc[0]["act_count"])
st.caption(lang.n_("The {n} act in our sources, not every amnesty and pardon since 2016.",
                   "The {n} acts in our sources, not every amnesty and pardon since 2016.", act_count))


def words(bounds) -> str:
    return literal(bounds_text(lang, bounds))


def stage(code) -> str:
    return lang._(STAGE_WORDS[code])


# Whole sentences, one message each. The bold is ours; every value from the data is made literal,
# and the data's words (act titles, labels) are ours too, translated through the same catalog.
lede = webapp.query("latest_act_vs_earlier").iloc[0]
act_title = literal(lang._(lede.latest_act_title))
# "people" agrees with the reach's number (lang.n_): Russian writes "22 человека", "25 человек".
announced_reach = lede.announced_reach_bounds
if isinstance(lede.announced_released_bounds, dict):
    announced = lang.n_("The **{act}** announced **{reach}** person affected, **{released}** of them to "
                        "be released from prison ({date}).",
                        "The **{act}** announced **{reach}** people affected, **{released}** of them to "
                        "be released from prison ({date}).", bounds_count(announced_reach), act=act_title,
                        reach=words(announced_reach), released=words(lede.announced_released_bounds),
                        date=lang.date(lede.announced_reach_as_of))
else:
    announced = lang.n_("The **{act}** announced **{reach}** person affected ({date}).",
                        "The **{act}** announced **{reach}** people affected ({date}).",
                        bounds_count(announced_reach), act=act_title, reach=words(announced_reach),
                        date=lang.date(lede.announced_reach_as_of))
if isinstance(lede.delivered_reach_bounds, dict):
    reached = bounds_count(lede.delivered_reach_bounds)
    counted = dict(date=lang.date(lede.delivered_reach_as_of), stage=stage(lede.delivered_reach_stage),
                   by=literal(lang._(lede.delivered_reach_by)), reach=words(lede.delivered_reach_bounds))
    if isinstance(lede.delivered_released_bounds, dict):
        # The label is translated first: pybabel reads a lang._ inside the call as the call's keyword.
        label = literal(lang._(lede.delivered_released_label))
        delivered = lang.n_("By {date}, the latest count in our sources ({stage}, from the {by}), it had "
                            "been applied to **{reach}** person, and **{released}** had been "
                            "counted as “{label}”.",
                            "By {date}, the latest count in our sources ({stage}, from the {by}), it had "
                            "been applied to **{reach}** people, and **{released}** had been "
                            "counted as “{label}”.", reached, **counted,
                            released=words(lede.delivered_released_bounds), label=label)
    else:
        delivered = lang.n_("By {date}, the latest count in our sources ({stage}, from the {by}), it had "
                            "been applied to **{reach}** person.",
                            "By {date}, the latest count in our sources ({stage}, from the {by}), it had "
                            "been applied to **{reach}** people.", reached, **counted)
else:
    delivered = lang._("Our sources give no count of what it has delivered.")
earlier = lang._("The largest release any earlier act in our sources delivered is **{number}** "
                 "counted as “{label}” (the {act}, {stage}, {date}).",
                 number=words(lede.earlier_release_bounds),
                 label=literal(lang._(lede.earlier_release_label)),
                 act=literal(lang._(lede.earlier_release_act_title)),
                 stage=stage(lede.earlier_release_stage),
                 date=lang.date(lede.earlier_release_as_of)
                 ) if isinstance(lede.earlier_release_bounds, dict) else ""
st.markdown(" ".join(part for part in (announced, delivered, earlier) if part))

# The scale is part of the link, so a shared URL shows the same chart.
scale = webapp.choice_param("scale", ["log", "linear"], default="log", what=lang._("Scale"), lang=lang)
scale_names = {"log": lang._("Log"), "linear": lang._("Linear")}
# The help names the chart's own smallest and largest numbers, whatever the data holds.
drawn = webapp.chart("scale-vs-releases", lang=lang.code).data[["low", "high"]].stack()
drawn = drawn[drawn > 0]
choice = st.segmented_control(lang._("Scale"), list(scale_names), default=scale, key="scale",
                              format_func=scale_names.get,
                              help=lang._("{smallest} and {largest} share one axis: the log scale keeps "
                                          "both readable. On a log scale numbers are dots; bars, which "
                                          "claim a length from zero, are drawn on the linear scale only.",
                                          smallest=lang.number(drawn.min()), largest=lang.number(drawn.max()))
                              if len(drawn) else None)
scale = choice or scale
st.query_params["scale"] = scale
name = "scale-vs-releases-linear" if scale == "linear" else "scale-vs-releases"
chart = webapp.chart(name, lang=lang.code)
show_chart(chart, key="overview")

st.header(lang._("Each act: its timeline, breakdown and sources"))
# The acts the chart draws, newest last as drawn. Short labels: st.page_link cuts a long one off on a phone.
for act in chart.data.drop_duplicates("act_id").itertuples():
    st.page_link("app_pages/act_detail.py", label=literal(lang._(act.act_title)),
                 query_params={"act": act.act_id, **language_param(lang)}, icon=":material/arrow_forward:")
