"""The registry of named figures: every chart the app shows and `amnesty export figures` renders.

A figure is a query (a file in queries/, with bound parameters) and a pure builder from
components/. `build_chart(name, con)` runs one and returns the finished `Chart`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable

import pandas as pd

from amnesty.filters import Filters
from amnesty.db import run_query
from amnesty.i18n import ENGLISH, Language
from amnesty.wording import data_words, derivations_in, in_language
from components.act_breakdown import release_breakdown_figure
from components.chart import Chart
from components.figure_counts import figures_by_qualifier_figure, figures_by_source_figure
from components.political_prisoners import political_prisoner_coverage_figure, prisoner_groups_figure
from components.release_rate import release_rate_figure
from components.scale_vs_releases import scale_vs_releases_figure
from components.timeline import act_timeline_figure


@dataclass(frozen=True)
class FigureSpec:
    name: str
    query: str
    builder: Callable[[pd.DataFrame], Chart]
    description: str
    params: dict = field(default_factory=dict)


# Charts with a row per act draw at most this many, the most recent; beyond it bars are unreadable
# (and the chart takes minutes to build). The Data page and the act pages hold every act.
CHART_ACTS = {"act_limit": 20}


def _specs() -> list[FigureSpec]:
    return [
        FigureSpec("scale-vs-releases", "scale_vs_releases_by_act",
                   partial(scale_vs_releases_figure, log_scale=True),
                   "What each act announced against what it delivered, log scale (dots).", CHART_ACTS),
        FigureSpec("scale-vs-releases-linear", "scale_vs_releases_by_act",
                   partial(scale_vs_releases_figure, log_scale=False),
                   "What each act announced against what it delivered, linear scale (bars).", CHART_ACTS),
        FigureSpec("release-rate", "release_rate_by_act", release_rate_figure,
                   "People released as a share of announced reach, per act.", CHART_ACTS),
        FigureSpec("political-prisoner-coverage", "political_prisoner_coverage",
                   political_prisoner_coverage_figure,
                   "The 2025–26 act against the political-prisoner list."),
        FigureSpec("political-prisoner-groups", "prisoner_groups_by_reach", prisoner_groups_figure,
                   "The named political-prisoner groups, their sizes where given, and reach."),
        FigureSpec("figures-by-source", "figures_by_source", figures_by_source_figure,
                   "How many published figures each source supplies."),
        FigureSpec("figures-by-qualifier", "figures_by_qualifier", figures_by_qualifier_figure,
                   "How the published figures are qualified.", Filters().facet_params()),
    ]


FIGURES: dict[str, FigureSpec] = {spec.name: spec for spec in _specs()}

# One figure per act and kind, named prefix + act id. The acts come from the database a chart is
# built from, not from data/acts.csv: a database built from other data has other acts.
PER_ACT = {
    "act-breakdown-": ("release_breakdown_by_act", release_breakdown_figure, "Breakdown of {} by category."),
    "act-timeline-": ("act_timeline", act_timeline_figure, "Timeline of {}: its dated steps and counts."),
}


def figure_names(con=None, fetch: Callable[..., pd.DataFrame] | None = None,
                 only: list[str] | None = None) -> list[str]:
    """The figures of the database behind `con` (or `fetch(query, **params)`): the fixed ones, then
    one per act of each per-act kind; with `only`, the per-act ones of those names alone (a link
    names one figure, and listing every act's would fetch every act)."""
    fetch = fetch or partial(run_query, con)
    if only is None:
        act_ids = list(fetch("acts")["act_id"])
    else:
        wanted = sorted({act_of(name) for name in only} - {None})
        act_ids = list(fetch("known_act_ids", act_ids=wanted)["act_id"]) if wanted else []
    return list(FIGURES) + [prefix + act_id for prefix in PER_ACT for act_id in act_ids]


def act_of(name: str) -> str | None:
    """The act id of a per-act figure's name; None for any other name."""
    for prefix in PER_ACT:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return None


def figure_spec(name: str) -> FigureSpec:
    if name in FIGURES:
        return FIGURES[name]
    if (act_id := act_of(name)) is not None:
        query, builder, about = PER_ACT[name[:-len(act_id)]]
        return FigureSpec(name, query, builder, about.format(act_id), {"act_id": act_id})
    raise KeyError(f"no figure named {name!r}; known figures: {', '.join(FIGURES)}, and "
                   f"{' or '.join(p + 'ACT' for p in PER_ACT)} for each act")


def is_figure(name: str) -> bool:
    """Whether `name` is a registry name (so the CLI and the embed page can make it again)."""
    try:
        figure_spec(name)
    except KeyError:
        return False
    return True


def build_chart(name: str, con=None, fetch: Callable[..., pd.DataFrame] | None = None,
                lang: Language = ENGLISH, words: dict[str, str] | None = None, **params) -> Chart:
    """Run the figure's query with its bound parameters, then its builder, in `lang`.
    `fetch(query, **params)` stands in for run_query on `con`: the app passes its cached query, so a
    page and its chart share one query run; and `words`, the data's words in `lang`
    (amnesty.wording.data_words), which it works out once per language; the chart words its own
    derivations (amnesty.wording.derivations_in). `params` override the spec's own (the Data page
    passes its filters)."""
    spec = figure_spec(name)
    fetch = fetch or partial(run_query, con)
    rows = fetch(spec.query, **(spec.params | params))
    if lang.code != "en":
        words = data_words(lang, fetch) if words is None else words
        rows = in_language(rows, lang, words | derivations_in(lang, rows, fetch))
    return replace(spec.builder(rows, lang=lang), name=name)
