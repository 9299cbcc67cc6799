"""Every page in the navigation, in real chromium: no exception, charts drawn, the DB's headline
numbers on screen, and a full-page screenshot in test-artifacts/e2e/."""
import pytest

from amnesty.db import run_query
from streamlit_page import (drawn_charts, full_screenshot, has_word, main_text, nav_pages,
                            open_page, problems)

PAGES = nav_pages()


def count_text(value: float) -> str:
    """A count as the pages print it: 20000.0 -> '20,000'."""
    return f"{value:,.0f}"


def overview_numbers(db) -> list[str]:
    lede = run_query(db, "latest_act_vs_earlier").iloc[0]
    return [lede.announced_reach_text, lede.delivered_reach_text, lede.earlier_release_text]


def act_numbers(db) -> list[str]:
    # With no ?act= the page shows the last act in `acts` order.
    act = run_query(db, "acts").iloc[-1]
    breakdown = run_query(db, "release_breakdown_by_act", act_id=act.act_id)
    return [act.act_title, *breakdown["value_text"].head(2)]


def political_prisoner_numbers(db) -> list[str]:
    coverage = run_query(db, "political_prisoner_coverage").set_index("measure_id")
    return [count_text(coverage.loc["political_prisoners_listed", "value"]),
            count_text(coverage.loc["political_prisoners_released", "value"]),
            coverage.loc["political_prisoners_released", "share_of_list_text"]]


def data_numbers(db) -> list[str]:
    # The page opens unfiltered, derived figures included: the caption counts every row.
    rows = run_query(db, "all_figures", act_ids=[], measure_ids=[], stages=[], qualifiers=[], source_ids=[],
                     include_derived=True)
    return [count_text(len(rows))]


def sources_numbers(db) -> list[str]:
    claim = run_query(db, "largest_previous_claim_check").iloc[0]
    return [claim.previous_text, claim.twice_previous_text, claim.verdict]


HEADLINE_NUMBERS = {"overview": overview_numbers, "act": act_numbers,
                    "political-prisoners": political_prisoner_numbers, "data": data_numbers,
                    "sources": sources_numbers}


def test_the_navigation_lists_the_pages_of_app_py(page, server):
    open_page(page, server.url)
    links = page.locator("[data-testid=stTopNavLink]")
    paths = links.evaluate_all("els => els.map(e => new URL(e.href).pathname.replace(/^\\//, ''))")
    assert paths == [p.public_path for p in PAGES]
    assert links.all_inner_texts() == [p.title for p in PAGES]


@pytest.mark.parametrize("nav", PAGES, ids=[p.url_path for p in PAGES])
def test_page_loads_draws_and_shows_the_db_numbers(page, server, db, nav):
    open_page(page, f"{server.url}/{nav.public_path}")
    assert problems(page) == []
    assert drawn_charts(page) >= 1
    assert nav.url_path in HEADLINE_NUMBERS, f"add the headline numbers of {nav.url_path} to this test"
    text = main_text(page)
    missing = [n for n in HEADLINE_NUMBERS[nav.url_path](db) if not has_word(text, n)]
    assert missing == [], f"{nav.url_path} lacks {missing}"
    assert full_screenshot(page, f"desktop-{nav.url_path}").stat().st_size > 10_000
