"""Every page names its own browser tab (its st.Page title), and a few words of each that a reader
relies on: the Act detail heading is the act's name; Political prisoners opens with what the
numbers say and explains the Union list where it first names it."""
import pytest

from amnesty.db import run_query
from components.rows import date_text
from streamlit_page import main_text, nav_pages, open_page

PAGES = nav_pages()


@pytest.mark.parametrize("nav", PAGES, ids=lambda p: p.url_path)
def test_each_page_has_its_own_title(page, server, nav):
    open_page(page, f"{server.url}/{nav.public_path}")
    page.wait_for_function("title => document.title === title", arg=nav.title)
    assert len({p.title for p in PAGES}) == len(PAGES)


def test_the_act_pages_heading_is_the_acts_name(page, server, db):
    act = run_query(db, "acts").iloc[0]
    open_page(page, f"{server.url}/act?act={act.act_id}")
    assert page.locator("[data-testid=stMain] h1").first.inner_text().strip() == act.act_title


def test_political_prisoners_opens_with_what_the_numbers_say(page, server, db):
    coverage = run_query(db, "political_prisoner_coverage").set_index("measure_id")
    released = coverage.loc["political_prisoners_released"]
    listed = coverage.loc["political_prisoners_listed"]
    open_page(page, f"{server.url}/political-prisoners")
    first = " ".join(page.locator("[data-testid=stMarkdown]").first.inner_text().split())
    assert first.startswith(f"By {date_text(released.as_of)}, the {released.act_title} had freed "
                            f"{released.value_text} of the {listed.value_text} political prisoners")
    text = main_text(page)
    # "Union list" is explained right where it is first named, before any number box.
    assert text.index("The Union list is") < text.index(listed.measure_label)
    assert text.index("Union list") < text.index("The Union list is")
