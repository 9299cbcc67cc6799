"""Figure builders: categorical axes, bounds drawn as bounds, hover with quote and qualifier."""
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from amnesty.db import run_query
from amnesty.figures import CHART_ACTS, build_chart, figure_names
from amnesty.i18n import ENGLISH
from amnesty.wording import STAGE_WORDS
from components.bounded_bars import bound_shape, bounded_bars_figure
from components.release_rate import release_rate_figure
from components.scale_vs_releases import scale_vs_releases_figure
from components.theme import ROLE_COLOURS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def con(built_db):
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def charts(con):
    return {name: build_chart(name, con) for name in figure_names(con)}


def traces(chart, name):
    return [t for t in chart.figure.data if t.name == name]


def test_registry_names_every_chart_and_one_breakdown_per_act(con):
    acts = run_query(con, "acts")["act_id"]
    names = figure_names(con)
    for expected in ("scale-vs-releases", "release-rate", "political-prisoner-coverage",
                     "political-prisoner-groups"):
        assert expected in names
    assert {f"act-breakdown-{a}" for a in acts} <= set(names)
    assert {f"act-timeline-{a}" for a in acts} <= set(names)


def test_unknown_figure_name_lists_known_ones(con):
    with pytest.raises(KeyError, match="scale-vs-releases"):
        build_chart("no-such-figure", con)


def test_every_chart_is_finished(charts):
    for name, chart in charts.items():
        layout = chart.figure.layout
        # rows on a categorical axis; the timeline lays its rows out in pixels
        assert layout.yaxis.type == "category" or name.startswith("act-timeline-"), name
        assert layout.font.family == "DejaVu Sans" or layout.template.layout.font.family == "DejaVu Sans"
        assert chart.title and chart.alt_text and chart.source.startswith("Source"), name
        footer = [a for a in layout.annotations if a.name == "footer"]
        assert footer and "Source" in footer[0].text, name
        assert chart.title.split()[0] in layout.title.text, name
        assert len(chart.data) > 0, name


def test_builders_do_not_import_streamlit():
    for path in (ROOT / "components").glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(), re.M), path


def overview_rows(con):
    """The overview's rows as drawn: an act with no announced number shows only what it delivered."""
    frame = run_query(con, "scale_vs_releases_by_act", **CHART_ACTS)
    announced = set(frame.loc[frame["promised"] & frame["figure_id"].notna(), "act_id"])
    return frame[~frame["promised"] | frame["act_id"].isin(announced)]


def test_lower_bounds_end_in_an_arrow_and_unknowns_get_no_bar(charts, con):
    chart = charts["scale-vs-releases-linear"]
    frame = overview_rows(con)
    bar = traces(chart, "values")[0]
    lower = frame[frame["low"].notna() & frame["high"].isna()]
    arrows = traces(chart, "lower bound")[0]
    keys = [f"{r.act_id}|{r.series_id}" for r in lower.itertuples()]
    assert list(arrows.y) == keys
    assert list(arrows.x) == list(lower["low"])
    assert arrows.marker.symbol == "triangle-right"
    unknown = frame[frame["low"].isna() & frame["high"].isna()]
    unknown_keys = {f"{r.act_id}|{r.series_id}" for r in unknown.itertuples()}
    assert unknown_keys and not unknown_keys & set(bar.y)
    assert set(traces(chart, "not given")[0].y) == unknown_keys


def test_upper_bound_and_range_are_drawn_as_such(charts, con):
    coverage = charts["political-prisoner-coverage"]
    nearly = run_query(con, "political_prisoner_coverage")
    nearly = nearly[nearly["qualifier"] == "nearly"]
    upper = traces(coverage, "upper bound")[0]
    assert list(upper.x) == list(nearly["high"]) and upper.marker.symbol == "triangle-left"

    expected = run_query(con, "political_prisoner_coverage")
    expected = expected[expected["qualifier"] == "range"].iloc[0]
    whisker = traces(coverage, "range")[0]
    assert list(whisker.x) == [expected["low"]]
    assert list(whisker.error_x.array) == [expected["high"] - expected["low"]]


def test_announced_bars_are_hatched_and_delivered_are_solid(charts, con):
    bar = traces(charts["scale-vs-releases-linear"], "values")[0]
    frame = overview_rows(con).dropna(subset=["low"])
    hatch = dict(zip(bar.y, bar.marker.pattern.shape))
    assert set(frame["stage"]) >= {"announced", "interim"}
    for row in frame.itertuples():
        assert hatch[f"{row.act_id}|{row.series_id}"] == ("/" if row.stage in ("announced", "adopted") else "")


def test_a_log_axis_draws_dots_not_bars(charts, con):
    """A bar claims a length from zero, which a log axis has not got: there each number is a dot,
    hollow for a promise, with its arrow just beyond it."""
    chart = charts["scale-vs-releases"]
    assert not [t for t in chart.figure.data if t.type == "bar"]
    dots = traces(chart, "values")[0]
    frame = overview_rows(con).dropna(subset=["low"])
    symbols = dict(zip(dots.y, dots.marker.symbol))
    for row in frame.itertuples():
        assert symbols[f"{row.act_id}|{row.series_id}"] == (
            "circle-open" if row.stage in ("announced", "adopted") else "circle")
    arrows = traces(chart, "lower bound")[0]
    ends = dict(zip(dots.y, dots.x))
    assert all(x > ends[key] for key, x in zip(arrows.y, arrows.x))


def test_hover_carries_quote_and_qualifier(charts, con):
    bar = traces(charts["scale-vs-releases"], "values")[0]
    hover = dict(zip(bar.y, bar.customdata))
    row = run_query(con, "scale_vs_releases_by_act", **CHART_ACTS).set_index(["act_id", "series_id"]).loc[
        ("amnesty-2025-26", "announced_reach")]
    text = hover["amnesty-2025-26|announced_reach"]
    assert "Qualifier: more than" in text and row["value_text"] in text
    assert row["quote"][:40] in text.replace("<br>", " ")


def test_group_sizes_not_given_are_not_zero(charts, con):
    groups = run_query(con, "prisoner_groups_by_reach")
    chart = charts["political-prisoner-groups"]
    bar = traces(chart, "values")[0]
    sized = groups.loc[groups["low"].notna(), "group_id"]
    releases = {f"{g.group_id}|{r['figure_id']}": r["low"]
                for g in groups.itertuples() for r in g.releases}
    assert set(bar.y) == set(sized) | set(releases)
    assert 0 not in list(bar.x)


def test_a_group_reached_in_part_draws_its_released_members_not_its_size_as_reached(charts, con):
    groups = run_query(con, "prisoner_groups_by_reach").set_index("group_id")
    releases = groups.loc["religious-believers", "releases"]
    assert [(r["value_text"], r["stage"]) for r in releases] == [("36", "interim"),
                                                                 ("approximately 25–30", "expected")]
    bar = traces(charts["political-prisoner-groups"], "values")[0]
    colours = dict(zip(bar.y, bar.marker.color))
    assert colours["religious-believers"] == ROLE_COLOURS["list"]
    assert colours[f"religious-believers|{releases[0]['figure_id']}"] == ROLE_COLOURS["reached"]
    assert dict(zip(bar.y, bar.x))[f"religious-believers|{releases[0]['figure_id']}"] == 36
    assert all(groups.loc[groups["reach"] == "not_reached", "releases"].map(len) == 0)


def test_log_and_linear_overview_axes(charts):
    assert charts["scale-vs-releases"].figure.layout.xaxis.type == "log"
    assert charts["scale-vs-releases-linear"].figure.layout.xaxis.type == "linear"


def test_bounded_bars_literal():
    rows = pd.DataFrame([
        {"row_key": "a", "row_label": "A: 10", "low": 10, "high": 10, "stage": "reported"},
        {"row_key": "b", "row_label": "B: more than 5", "low": 5, "high": None, "stage": "announced"},
        {"row_key": "c", "row_label": "C: nearly 8", "low": None, "high": 8, "stage": "announced"},
        {"row_key": "d", "row_label": "D: 2–4", "low": 2, "high": 4, "stage": "expected"},
        {"row_key": "e", "row_label": "E: not given", "low": None, "high": None, "stage": None},
    ]).assign(colour="#0072B2", hover="h", heading=False)
    figure, plot_height, marks = bounded_bars_figure(rows, axis_title="Persons")
    by_name = {t.name: t for t in figure.data}
    assert list(by_name["values"].y) == ["a", "b", "c", "d"]
    assert list(by_name["values"].x) == [10, 5, 8, 2]
    assert list(by_name["values"].marker.pattern.shape) == ["", "/", "/", "."]
    assert (list(by_name["lower bound"].y), list(by_name["lower bound"].x)) == (["b"], [5])
    assert (list(by_name["upper bound"].y), list(by_name["upper bound"].x)) == (["c"], [8])
    assert list(by_name["range"].error_x.array) == [2]
    assert list(by_name["not given"].y) == ["e"]
    assert list(figure.layout.yaxis.categoryarray) == ["a", "b", "c", "d", "e"]
    assert [a.text for a in figure.layout.annotations] == list(rows["row_label"])
    assert "lower bound" in marks and "upper bound" in marks and "Hatched" in marks


def test_each_release_rate_says_which_count_it_comes_from(con):
    """An act with several rates (one per count of its releases) gives each its stage and date, in
    date order; the title gives the act's latest, dated. Before, four bars read "2025–26 Amnesty
    Act: 34.0%", "…: 46.8%" and so on, in no order, and the title listed all four undated."""
    frame = run_query(con, "release_rate_by_act", **CHART_ACTS)
    chart = release_rate_figure(frame)
    several = frame[frame["act_id"].duplicated(keep=False) & frame["figure_id"].notna()]
    assert several["act_id"].nunique() >= 1 and len(several) >= 4
    for _, rates in several.groupby("act_id", sort=False):
        assert list(rates["as_of"]) == sorted(rates["as_of"])
        said = [f"{r.act_title}, {STAGE_WORDS[r.stage]}, {ENGLISH.date(r.as_of)}: {r.value_text}"
                for r in rates.itertuples()]
        at = [chart.alt_text.index(words) for words in said]  # ValueError if a bar is not said so
        assert at == sorted(at)
        latest = rates[rates["low"].notna() | rates["high"].notna()].iloc[-1]
        assert f"{latest.value_text} ({latest.act_label}, {ENGLISH.date(latest.as_of)})" in chart.title
        for earlier in rates[rates["low"].notna()].iloc[:-1].itertuples():
            assert f"{earlier.act_label}, {ENGLISH.date(earlier.as_of)}: {earlier.derivation}." in chart.notes


@pytest.mark.parametrize("low, high, shape", [
    (10, 10, "exact"), (10, None, "lower"), (None, 10, "upper"), (0, 10, "upper"),
    (2, 4, "range"), (0, None, "unknown"), (None, None, "unknown")])
def test_bound_shape(low, high, shape):
    assert bound_shape(low, high) == shape


def test_charts_per_act_draw_the_most_recent_acts_and_say_so(con):
    """Past the act limit a chart draws the newest acts only, and its notes say how many are left out."""
    acts = run_query(con, "acts")
    newest = acts.sort_values(["act_date", "act_id"]).tail(2)
    for query, builder in (("scale_vs_releases_by_act", scale_vs_releases_figure),
                           ("release_rate_by_act", release_rate_figure)):
        frame = run_query(con, query, act_limit=2)
        assert set(frame["act_id"]) == set(newest["act_id"])
        chart = builder(frame)
        assert f"Showing the 2 most recent of {len(acts)} acts" in chart.notes
        assert set(chart.data["act_title"]) == set(newest["act_title"])
        full = builder(run_query(con, query, **CHART_ACTS))
        assert "most recent of" not in full.notes


def test_wrapped_lines_keep_the_space_they_were_broken_at(charts):
    """Plotly draws each line as its own <tspan>: without the space, the title's text (in the page,
    a screen reader, a copied title, the SVG) reads "more than20,000"."""
    from components.chart import TITLE_WRAP, wrap_lines

    title = charts["act-breakdown-amnesty-2025-26"].title
    lines = wrap_lines(title, TITLE_WRAP)
    assert len(lines) > 1 and "".join(lines) == title
    assert all(line.endswith(" ") for line in lines[:-1]) and not lines[-1].endswith(" ")
    assert wrap_lines("one\ntwo", 10) == ["one", "two"]  # a paragraph break stays a break


def test_every_quote_derivation_and_source_of_a_chart_is_in_its_plain_lines(charts):
    """What the hover shows (it needs a mouse) is in the lines under the chart's table, row by row:
    its quote, its derivation and its sources, in full."""
    from components.rows import quotes_and_sources

    for name, chart in charts.items():
        lines = quotes_and_sources(chart.data)
        for row in chart.data.to_dict("records"):
            words = [row.get(c) for c in ("quote", "derivation", "credits")]
            words = [w for w in words if isinstance(w, str) and w.strip()]
            if not words:
                continue
            line = next((line for line in lines if words[0] in line), None)
            assert line is not None and all(w in line for w in words), (name, words, line)
    overview = quotes_and_sources(charts["scale-vs-releases"].data)
    assert overview
    data = charts["scale-vs-releases"].data
    first = data[data["credits"].map(lambda c: isinstance(c, str) and bool(c.strip()))].iloc[0]
    quote = f"“{first.quote}” " if isinstance(first.quote, str) and first.quote else ""
    derived = f"Derived: {first.derivation}. " if isinstance(first.derivation, str) and first.derivation else ""
    assert overview[0] == (f"{first.measure_label} ({first.act_title}): {first.value_text}. {quote}{derived}"
                           f"{'Sources' if ';' in first.credits else 'Source'}: {first.credits}.")


def bar_colours_by_figure(chart, figure_of_key) -> dict[str, str]:
    """figure_id -> the colour of the bar drawn for it (its outline: the fill of an announced or
    expected bar is a tint of it)."""
    (bars,) = traces(chart, "values")
    return {figure_of_key(key): colour for key, colour in zip(bars.y, bars.marker.line.color)
            if figure_of_key(key)}


def test_a_group_keeps_one_colour_across_the_political_prisoner_charts(charts, con):
    """A figure drawn in both charts (a group's size, its members released or expected) is drawn
    in one colour in both: the believers on the list are not purple in one and grey in the other."""
    groups = run_query(con, "prisoner_groups_by_reach").set_index("group_id")
    sizes = groups["size_figure_id"].dropna().to_dict()
    in_coverage = bar_colours_by_figure(charts["political-prisoner-coverage"], lambda key: key)
    in_groups = bar_colours_by_figure(
        charts["political-prisoner-groups"],
        lambda key: key.split("|", 1)[1] if "|" in key else sizes.get(key))
    shared = set(in_coverage) & set(in_groups)
    assert set(sizes.values()) & shared, "expected a group's size in both charts"
    assert {f: in_coverage[f] for f in shared} == {f: in_groups[f] for f in shared}
