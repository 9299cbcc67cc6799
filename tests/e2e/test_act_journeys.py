"""Journeys to an act, clicked as a reader would: the Overview's scale switch and act links, the
Act detail select box, a reload that keeps the act (it lives in ?act=), and a bogus act in a link."""
import re

import pytest

from amnesty.db import run_query
from streamlit_page import axis_types, drawn_charts, main_text, open_page, problems, settle, wait_for_axis_change

OVERVIEW_CHART = ".st-key-overview-figure .js-plotly-plot"


@pytest.fixture(scope="module")
def acts(db):
    return run_query(db, "acts")


def assert_shows_act(page, db, act) -> None:
    """The page is Act detail for `act`: its URL, the select box, and its breakdown's numbers."""
    assert re.search(rf"[?&]act={re.escape(act.act_id)}(&|$)", page.url), page.url
    assert page.locator(".st-key-act_select [role=combobox]").input_value() == act.act_title
    assert problems(page) == [] and drawn_charts(page) >= 1
    text = main_text(page)
    breakdown = run_query(db, "release_breakdown_by_act", act_id=act.act_id)
    missing = [v for v in [act.act_title, *breakdown["value_text"]] if v not in text]
    assert missing == [], f"{act.act_id} page lacks {missing}"


def reload_keeps(page, db, act) -> None:
    page.reload(wait_until="domcontentloaded")
    settle(page)
    assert_shows_act(page, db, act)


def switch_scale(page) -> set[str]:
    """Click the scale option that is not selected; return the chart's new axis types."""
    before = axis_types(page, OVERVIEW_CHART)
    page.locator(".st-key-scale [role=radio][aria-checked=false]").click()
    after = wait_for_axis_change(page, OVERVIEW_CHART, before)
    assert problems(page) == []
    return after


def test_overview_scale_switch_then_an_act_link_then_reload(page, server, db, acts):
    open_page(page, server.url)
    assert "log" in axis_types(page, OVERVIEW_CHART)  # the default, so 148 and 20,000 both read
    assert "log" not in switch_scale(page)
    assert "log" in switch_scale(page)

    act = acts.iloc[1]  # not the default act, so the link's ?act= is what brings it up
    page.locator("[data-testid=stPageLink] a", has_text=act.act_title).click()
    page.wait_for_url(re.compile(rf"/act\?act={re.escape(act.act_id)}"))
    settle(page)
    assert_shows_act(page, db, act)
    reload_keeps(page, db, act)


def test_act_select_box_puts_the_act_in_the_url(page, server, db, acts):
    open_page(page, f"{server.url}/act")
    assert_shows_act(page, db, acts.iloc[-1])  # no ?act=: the latest act

    act = acts.iloc[0]
    page.locator(".st-key-act_select [role=combobox]").click()
    page.get_by_role("option", name=act.act_title, exact=True).click()
    page.wait_for_url(re.compile(rf"act={re.escape(act.act_id)}"))
    settle(page)
    assert_shows_act(page, db, act)
    reload_keeps(page, db, act)


def test_a_bogus_act_in_the_link_warns_and_shows_the_default(page, server, db, acts):
    open_page(page, f"{server.url}/act?act=bogus")
    alerts = page.locator("[data-testid=stAlert]")
    assert alerts.count() == 1 and "bogus" in alerts.inner_text()
    assert_shows_act(page, db, acts.iloc[-1])
