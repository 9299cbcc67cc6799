"""The registry of named figures: every chart the app shows and `amnesty export figures` renders.

A figure is a query (a file in queries/, with bound parameters) and a pure builder from
components/. `build_chart(name, con)` runs one and returns the finished `Chart`.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable

import pandas as pd

from amnesty.filters import Filters
from amnesty.db import run_query
from amnesty.paths import DATA_DIR
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


def _act_ids() -> list[str]:
    # The registry must know its names without a database, so it reads the source of truth.
    with open(DATA_DIR / "acts.csv", newline="", encoding="utf-8") as handle:
        return [row["act_id"] for row in csv.DictReader(handle)]


# Charts with a row per act draw at most this many, the most recent; beyond it bars are unreadable
# (and the chart takes minutes to build). The Data page and the act pages hold every act.
CHART_ACTS = {"act_limit": 20}


def _specs() -> list[FigureSpec]:
    specs = [
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
    specs += [FigureSpec(f"act-breakdown-{act_id}", "release_breakdown_by_act",
                         release_breakdown_figure, f"Breakdown of {act_id} by category.",
                         {"act_id": act_id})
              for act_id in _act_ids()]
    specs += [FigureSpec(f"act-timeline-{act_id}", "act_timeline", act_timeline_figure,
                         f"Timeline of {act_id}: its dated steps and counts.", {"act_id": act_id})
              for act_id in _act_ids()]
    return specs


FIGURES: dict[str, FigureSpec] = {spec.name: spec for spec in _specs()}


def figure_names() -> list[str]:
    return list(FIGURES)


def figure_spec(name: str) -> FigureSpec:
    try:
        return FIGURES[name]
    except KeyError:
        raise KeyError(f"no figure named {name!r}; known figures: {', '.join(FIGURES)}") from None


def build_chart(name: str, con=None, fetch: Callable[..., pd.DataFrame] | None = None,
                **params) -> Chart:
    """Run the figure's query with its bound parameters, then its builder. `fetch(query, **params)`
    stands in for run_query on `con`: the app passes its cached query, so a page and its chart share
    one query run. `params` override the spec's own (the Data page passes its filters)."""
    spec = figure_spec(name)
    fetch = fetch or partial(run_query, con)
    return replace(spec.builder(fetch(spec.query, **(spec.params | params))), name=name)
