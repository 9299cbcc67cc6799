"""Every page runs under AppTest without an exception and shows its key numbers, read from the DB."""
import duckdb
import pandas as pd
import pytest

from amnesty.db import run_query
from amnesty.filters import Filters
from amnesty.i18n import ENGLISH
from amnesty.version import built_version
from amnesty.figures import CHART_ACTS
from amnesty.build import build
from app_runner import app_serving, html_shown, html_tables, open_panels, shown
from hostile_data import copy_data, set_cell


@pytest.fixture(scope="module")
def db(app_db):
    con = duckdb.connect(str(app_db), read_only=True)
    yield con
    con.close()


def page_text(app) -> str:
    parts = [e.value for kind in ("markdown", "caption", "title", "header", "subheader")
             for e in getattr(app, kind)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    # Data text reaches Markdown escaped (components/text.py): compare what a reader sees. Each
    # chart's alt text is its accessible name, a plain attribute with nothing to unescape.
    alts = [chart.proto.alt for chart in app.get("plotly_chart")]
    # st.html elements hold escaped text (components/text.py): what a reader sees is the text.
    html = [html_shown(e.proto.body) for e in app.get("html")]
    return "\n".join([shown("\n".join(str(p) for p in parts)), *alts, *html])


def assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]


def test_overview_shows_lede_and_every_act(run_page, db):
    app = run_page("app_pages/overview.py")
    assert_clean(app)
    text = page_text(app)
    lede = run_query(db, "latest_act_vs_earlier").iloc[0]
    for value in (lede.announced_reach_text, lede.announced_released_text, lede.delivered_reach_text,
                  lede.delivered_released_text, lede.earlier_release_text):
        assert f"**{value}**" in text
    scale = run_query(db, "scale_vs_releases_by_act", **CHART_ACTS).dropna(subset=["figure_id"])
    for act_title, value_text in zip(scale["act_title"], scale["value_text"]):
        assert act_title in text and value_text in text
    assert len(app.get("plotly_chart")) == 1


def test_the_scales_help_names_the_charts_smallest_and_largest_numbers(tmp_path, monkeypatch):
    """The help said "148 and 20,000" as typed text: it takes them from the chart's rows, so other
    data (here the 2016 count as 150) gives other numbers."""
    data = copy_data(tmp_path / "data")
    for column in ("value", "low", "high"):
        set_cell(data, "figures.csv", "figure_id", "pardon-2016.released", column, "150")
    db = build(data, tmp_path / "other.duckdb")
    with duckdb.connect(str(db), read_only=True) as con:
        drawn = run_query(con, "scale_vs_releases_by_act", **CHART_ACTS)[["low", "high"]].stack()
    smallest, largest = ENGLISH.number(drawn[drawn > 0].min()), ENGLISH.number(drawn.max())
    assert smallest == "150"
    with app_serving(db, monkeypatch) as run:
        help_text = run("app_pages/overview.py").segmented_control(key="scale").help
    assert help_text.startswith(f"{smallest} and {largest} share one axis")


def test_overview_linear_switch(run_page):
    app = run_page("app_pages/overview.py")
    app.segmented_control(key="scale").set_value("linear").run()
    assert_clean(app)
    assert app.get("plotly_chart")[0].proto.spec  # the linear figure rendered


def test_act_detail_shows_breakdown_remainder_dates_and_sources(run_page, db):
    app = run_page("app_pages/act_detail.py", act="amnesty-2021")
    assert_clean(app)
    text = page_text(app)
    breakdown = run_query(db, "release_breakdown_by_act", act_id="amnesty-2021")
    remainder = breakdown[breakdown["measure_id"] == "not_broken_down"].iloc[-1]
    assert remainder["value_text"] in text and "derived" in text
    for value_text in breakdown["value_text"]:
        assert value_text in text
    for source in run_query(db, "sources_by_act", act_id="amnesty-2021").itertuples():
        assert source.short_name in text and source.kind_text in text
    act = run_query(db, "acts").set_index("act_id").loc["amnesty-2021"]
    assert f"# {act.act_title}" in app.title[0].value or act.act_title == app.title[0].value
    for label in run_query(db, "act_timeline", act_id="amnesty-2021")["label"]:
        assert label in text, label


def test_political_prisoners_key_numbers(run_page, db):
    app = run_page("app_pages/political_prisoners.py")
    assert_clean(app)
    text = page_text(app)
    # the latest count of each measure, as the page shows it
    figures = run_query(db, "all_figures", act_ids=["amnesty-2025-26"], measure_ids=[], stages=[],
                        qualifiers=[], source_ids=[], include_derived=True).sort_values("as_of").groupby(
                            "measure_id").last()["value_text"]
    for measure in ("political_prisoners_listed", "religious_believers_listed",
                    "political_prisoners_released", "political_prisoners_expected_release",
                    "coverage_share_of_list", "expected_coverage_share_of_list",
                    "political_prisoner_groups_reached", "political_prisoner_groups_listed"):
        assert figures[measure] in text, measure
    groups = run_query(db, "prisoner_groups_by_reach")
    for name, size_text in zip(groups["group_name"], groups["size_text"]):
        assert name in text and size_text in text
    assert len(app.get("plotly_chart")) == 2


def test_data_page_filters_from_url(run_page, db):
    app = run_page("app_pages/data.py", act="pardon-2016")
    assert_clean(app)
    expected = run_query(db, "all_figures", **Filters.of(act_ids=["pardon-2016"]).query_params())
    assert not app.dataframe  # the table of every column waits in its panel (amnesty.panels)
    assert len(html_tables(app)[0]) == len(open_panels(app).dataframe[0].value) == len(expected)
    assert f"{len(expected)} rows" in page_text(app)


def test_the_data_table_speaks_to_readers_and_the_files_keep_machine_names(run_page, db):
    app = run_page("app_pages/data.py", act="amnesty-2025-26")
    table = html_tables(app)[0]
    assert list(table.columns)[:3] == ["Act", "What was counted", "Figure"]
    assert {"Qualifier in words", "Source", "As of"} <= set(table.columns)
    expected = run_query(db, "all_figures", **Filters.of(act_ids=["amnesty-2025-26"]).query_params())
    assert list(table["Figure"]) == list(expected["value_text"])
    # Qualifiers read as words: more_than is "more than", and no code with an underscore is shown.
    assert list(table["Qualifier in words"]) == [q.replace("_", " ") for q in expected["qualifier"]]
    assert "more than" in set(table["Qualifier in words"])
    # Every value is there in full (the table wraps; nothing is cut to fit a cell).
    assert list(table["What was counted"]) == list(expected["measure_label"])


def test_data_filters_narrow_one_another_and_list_acts_by_date(run_page, db):
    app = run_page("app_pages/data.py")
    acts = run_query(db, "acts").sort_values(["act_date", "act_id"])
    assert app.multiselect(key="filter-act").options == list(acts["act_title"])
    act = "pardon-2016"
    app.multiselect(key="filter-act").set_value([act]).run()
    assert_clean(app)
    figures = run_query(db, "all_figures", **Filters.of(act_ids=[act]).query_params())
    labels = dict(zip(figures["measure_id"], figures["measure_label"]))
    # Only the chosen act's measures are offered; and the stages and sources its figures have.
    assert sorted(app.multiselect(key="filter-measure").options) == sorted(labels.values())
    assert set(app.multiselect(key="filter-stage").options) == set(figures["stage"])
    measure = figures["measure_id"].iloc[0]
    app.multiselect(key="filter-measure").set_value([measure]).run()
    # ...and the acts list narrows to the acts that have that measure, keeping the chosen one.
    having = run_query(db, "all_figures", **Filters.of(measure_ids=[measure]).query_params())
    assert set(app.multiselect(key="filter-act").options) == set(
        acts.set_index("act_id").loc[sorted(set(having["act_id"])), "act_title"])
    assert app.query_params["act"] == act and app.query_params["measure"] == measure


def test_the_data_pages_chart_follows_the_filters(run_page, db):
    everything = run_page("app_pages/data.py")
    one_act = run_page("app_pages/data.py", act="amnesty-2025-26", derived="no")
    published = run_query(db, "all_figures", **Filters.of(act_ids=["amnesty-2025-26"],
                                                          include_derived=False).query_params())
    counted = one_act.get("plotly_chart")[0].proto.spec
    assert f"{len(published)} published" in counted  # "N of M published numbers are bounds"
    assert counted != everything.get("plotly_chart")[0].proto.spec


def test_the_data_page_gives_the_views_stable_url_code_and_citation(run_page, db):
    app = run_page("app_pages/data.py", act="pardon-2016", stage="reported")
    version = built_version(db)
    url = f"/data/figures.csv?act=pardon-2016&stage=reported&v={version}"
    # Shown as text; the blocks with copy buttons wait in their panels, so a first visit does not
    # fetch Streamlit's syntax highlighter (issue 16).
    assert app.code.len == 0
    assert any(f"`{url}`" in m.value for m in app.markdown)  # a code span, never a link
    assert [t.value for t in app.text][0].startswith("Azerbaijan amnesty dashboard maintainers.")
    app.session_state["data-code"] = True  # the reader opens both panels
    app.session_state["citation-copy"] = True
    app.run()
    code = [c.value for c in app.code]
    assert code[0].endswith(url)  # AppTest has no browser address: the URL is relative
    for needle in ("pd.read_csv(", "read.csv(", "import delimited ", "=IMPORTDATA("):
        assert any(needle in c and url in c for c in code), needle
    apa = next(c for c in code if c.startswith("Azerbaijan amnesty dashboard maintainers."))
    assert url in apa and version in apa and [t.value for t in app.text] == [apa]
    sources = run_query(db, "sources")
    rows = run_query(db, "all_figures", **Filters.of(act_ids=["pardon-2016"],
                                                     stages=["reported"]).query_params())
    used = {s for listed in rows["source_ids"].dropna() for s in listed.split("; ")} | set(
        rows["attributed_to"].dropna())
    for source in sources.itertuples():
        assert (source.credit_text in apa) == (source.source_id in used), source.source_id


def test_sources_and_method_lists_every_source_and_checks_the_claim(run_page, db):
    app = run_page("app_pages/sources_and_method.py")
    assert_clean(app)
    text = page_text(app)
    for source in run_query(db, "sources").itertuples():
        assert source.short_name in text and source.kind_text in text
        assert source.reliability_note in text
    claims = html_tables(app)[-2]
    expected = run_query(db, "largest_previous_claim_check")
    assert list(claims["Verdict"]) == list(expected["verdict"])
    assert list(claims["Twice that"]) == list(expected["twice_previous_text"])
    for disputed in run_query(db, "disagreements").itertuples():
        assert disputed.disagreement in text


def test_sources_and_method_reference_tables_are_whole_and_labelled(run_page, db):
    app = run_page("app_pages/sources_and_method.py")
    tables = html_tables(app)
    # source counts are numbers, written in the reader's language
    counts = run_query(db, "figure_corroboration")["source_count"]
    assert list(tables[0]["Sources"]) == [ENGLISH.number(n) for n in counts]
    qualifiers, derived, claims, unknown = tables[-4:]
    assert list(qualifiers["Qualifier"]) == list(run_query(db, "qualifier_readings")["qualifier_text"])
    expected = run_query(db, "derived_figures_by_act")
    assert list(zip(derived["Derived figure"], derived["Value"])) == list(
        zip(expected["measure_label"], expected["value_text"]))
    assert list(unknown["Not given"]) == list(run_query(db, "unknown_figures")["what_is_unknown"])


def test_a_long_reference_table_is_shown_a_page_at_a_time(run_page, db, monkeypatch):
    """At a million figures the Sources & method tables would send every row to the browser; past
    REFERENCE_PAGE_ROWS they come a page at a time, in the query's order, with a page box."""
    import amnesty.ui

    monkeypatch.setattr(amnesty.ui, "REFERENCE_PAGE_ROWS", 20)
    whole = run_query(db, "figure_corroboration")
    assert len(whole) > 40
    app = run_page("app_pages/sources_and_method.py")
    assert not app.exception
    assert list(html_tables(app)[0]["Sources"]) == [str(n) for n in whole["source_count"][:20]]
    box = app.number_input(key="corroboration-page")
    assert box.max == -(-len(whole) // 20)
    box.set_value(2).run()
    assert list(html_tables(app)[0]["Sources"]) == [str(n) for n in whole["source_count"][20:40]]
    assert any(c.value == f"{len(whole)} rows; showing 21–40." for c in app.caption)


def test_a_query_page_is_its_rows_in_order_with_the_total(db):
    from amnesty.db import run_query_page

    whole = run_query(db, "derived_figures_by_act")
    page, total = run_query_page(db, "derived_figures_by_act", 5, 10)
    assert total == len(whole) and list(page["figure_id"]) == list(whole["figure_id"][10:15])


def test_the_data_table_pages_through_the_filtered_rows_in_sql(db):
    filters = dict(act_ids=[], measure_ids=[], stages=[], qualifiers=[], source_ids=[], include_derived=True)
    whole = run_query(db, "all_figures", **filters)
    assert run_query(db, "all_figures_count", **filters).iloc[0]["row_count"] == len(whole)
    pages = [run_query(db, "all_figures_page", **filters, row_limit=10, row_offset=offset)
             for offset in range(0, len(whole), 10)]
    assert [len(p) for p in pages] == [10] * (len(whole) // 10) + ([len(whole) % 10] if len(whole) % 10 else [])
    assert list(pd.concat(pages)["figure_id"]) == list(whole["figure_id"])


def test_chart_tables_show_reader_labels_and_qualifiers_in_words(run_page):
    app = open_panels(run_page("app_pages/political_prisoners.py"))
    assert len(app.dataframe) == 2  # a table in each chart's panel
    for table in app.dataframe:
        columns = list(table.value.columns)
        assert not [c for c in columns if "_" in c], columns  # no machine names
        if "Qualifier" in columns:
            assert not [q for q in table.value["Qualifier"].dropna() if "_" in q]


def test_a_page_count_leaves_out_only_the_final_order():
    """The count drops a query's last ORDER BY (DuckDB sorts an ordered subquery even to count it),
    never one inside the query, nor one followed by a LIMIT, which changes the count."""
    from amnesty.db import unordered

    assert unordered("select * from t\n-- a note\norder by a, b desc") == "select * from t\n-- a note\n"
    kept = ["select * from t order by a limit 5", "select * from (select * from t order by a)",
            "select * from t order by a offset 3", "select * from t order by lower(a)"]
    assert [unordered(sql) for sql in kept] == kept


@pytest.mark.parametrize("filters", [
    Filters(), Filters.of(act_ids=["pardon-2016"], stages=["reported"]), Filters.of(act_ids=["amnesty-2021"]),
    Filters.of(include_derived=False, qualifiers=["more_than"]), Filters.of(act_ids=["no-such-act"])],
    ids=["everything", "2016-reported", "2021", "more-than", "empty"])
def test_the_data_pages_cited_sources_are_the_downloads(db, filters):
    """The page asks SQL for the sources its view rests on (queries/sources_in_view.sql); a
    download picks them from its rows (amnesty.bundle.used_sources). Both cite the same."""
    from amnesty.bundle import used_sources

    rows = run_query(db, "all_figures", **filters.query_params())
    expected = used_sources(rows, run_query(db, "sources"))
    got = run_query(db, "sources_in_view", **filters.query_params())
    assert list(got["source_id"]) == list(expected["source_id"])
    # Cell by cell: a column empty in every row comes back as objects from a small result.
    def cells(frame):
        return frame.astype(object).where(frame.notna(), None).values.tolist()
    assert cells(got) == cells(expected)
