"""Safety: the app cannot write to the database, filter values arrive as data and never as SQL,
data text is never rendered as raw HTML, and concurrent builds never leave a torn file."""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from amnesty.dataset import figures_frame
from amnesty.db import connect, run_query
from amnesty.paths import QUERIES_DIR, ROOT

HOSTILE = [
    "'; drop table figures; --",
    "amnesty-2021' or '1'='1",
    "\") or 1=1; delete from acts; --",
    "$act_ids",
    "?",
    "x'::varchar[]; attach '/tmp/evil.duckdb' as evil; --",
    "əğşçöüı İƏĞŞ — عفو אמנסטיה",
    "\u202eevil\u202c",
    "%' union select * from sources --",
    "a" * 100_000,
]
TABLES = ["acts", "figures", "measures", "prisoner_groups", "sources"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_counts(con) -> dict[str, int]:
    return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in TABLES}


# ------------------------------------------------------------------ read-only

WRITES = [
    "create table intruder (x integer)",
    "insert into figures (figure_id) values ('intruder')",
    "update figures set value = 0",
    "delete from sources",
    "drop table figures",
    "drop view all_figures",
    "create or replace view all_figures as select 1 as x",
    "alter table acts add column intruder integer",
    "insert into sources select * from sources",
]


@pytest.fixture
def app_connection(app_db):
    """The very connection the app uses: amnesty.webapp.connection() (st.cache_resource)."""
    from amnesty import webapp

    webapp.connection.clear()
    con = webapp.connection()
    yield con
    webapp.connection.clear()


@pytest.mark.parametrize("statement", WRITES)
def test_the_apps_connection_cannot_write(app_connection, app_db, statement):
    before_bytes, before_counts = sha256(app_db), table_counts(app_connection)
    with pytest.raises(duckdb.Error, match="read-only"):
        with app_connection.cursor() as cursor:
            cursor.execute(statement)
    assert table_counts(app_connection) == before_counts
    assert sha256(app_db) == before_bytes


def test_a_second_writer_cannot_open_the_database_the_app_has_open(app_connection, app_db):
    """The read-only handle does not hand out write access to anyone else in the process either."""
    with pytest.raises(duckdb.Error):
        duckdb.connect(str(app_db)).execute("create table intruder (x integer)")


# ------------------------------------------------------------------ bound parameters only

def query_parameters(name: str) -> dict[str, str]:
    """$name -> 'list' | 'bool' | 'int' | 'text', read from the SQL so a new query is covered
    automatically."""
    sql = (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r"\$([a-z_]+)(::varchar\[\]|::bigint)?", sql):
        param, cast = match.group(1), match.group(2)
        kind = ("list" if cast == "::varchar[]" else "int" if cast == "::bigint"
                else "bool" if param.startswith("include_") else "text")
        found[param] = "list" if found.get(param) == "list" else kind
    return found


QUERIES = sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))
# Queries a text value can reach (a number-only parameter, like a row limit, cannot carry one).
PARAMETERISED = [q for q in QUERIES if {"list", "text"} & set(query_parameters(q).values())]


def test_queries_take_only_bound_parameters():
    """No query file is a template: no Python or Jinja placeholders that could be filled by splicing."""
    for name in QUERIES:
        sql = (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
        assert not re.search(r"\{[a-z_]*\}|\{\{|%\(|%s", sql), name
    assert PARAMETERISED, "expected at least one query with parameters"


def test_run_query_is_the_only_way_sql_text_is_built():
    """Python code never formats a value into SQL: every execute() outside build.py takes a constant
    or a query file's text, with parameters passed separately."""
    suspects = []
    for path in [*ROOT.glob("amnesty/*.py"), *ROOT.glob("components/*.py"), *ROOT.glob("app_pages/*.py"),
                 ROOT / "app.py"]:
        # These build tables and checks from datapackage.json names, which validation has already
        # checked as plain identifiers (and which they quote); their only values are bound.
        if path.name in ("build.py", "csv_files.py", "data_rules.py", "schema_checks.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\.(execute|sql|query)\(\s*f[\"']", line) or re.search(r"\.(execute|sql)\([^)]*%\s", line):
                suspects.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not suspects, "\n".join(suspects)


@pytest.fixture(scope="module")
def con(built_db):
    con = connect(built_db)
    yield con
    con.close()


@pytest.mark.parametrize("name", PARAMETERISED)
@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: repr(h[:30]))
def test_a_hostile_value_is_data_not_sql(con, built_db, name, hostile):
    before_bytes, before_counts = sha256(built_db), table_counts(con)
    params = hostile_params(name, hostile)
    rows = run_query(con, name, **params)
    # No act, measure, qualifier or source has such an id, so a value read as data matches nothing.
    assert matched(rows) == 0, rows.head()
    assert table_counts(con) == before_counts
    assert sha256(built_db) == before_bytes
    # ...and the same value is found when it really is in the data: the comparison is literal.
    if name.startswith("all_figures") or name == "filter_options":
        no_filter = {p: [] for p, kind in query_parameters(name).items() if kind == "list"}
        assert matched(run_query(con, name, **{**params, **no_filter})) > 0


def hostile_params(name: str, hostile: str) -> dict:
    """Every parameter of the query set to `hostile` (in a list where it takes one); row limits are
    numbers, so they get a plain page."""
    return {p: {"list": [hostile], "bool": True, "int": 0 if "offset" in p else 10}.get(kind, hostile)
            for p, kind in query_parameters(name).items()}


def matched(rows) -> int:
    """Rows a query matched: its row_count where it counts in SQL, else the rows it returned."""
    return int(rows.iloc[0]["row_count"]) if "row_count" in rows else len(rows)


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: repr(h[:30]))
def test_a_hostile_filter_through_the_export_is_refused_by_name(built_db, hostile):
    """figures_frame (the CLI export and the Data page) names unknown ids rather than running them."""
    with pytest.raises(ValueError, match="unknown act id"):
        figures_frame(built_db, act_ids=[hostile])
    with pytest.raises(ValueError, match="unknown qualifier"):
        figures_frame(built_db, qualifiers=[hostile])
    with pytest.raises(ValueError, match="unknown source id"):
        figures_frame(built_db, source_ids=[hostile])


def test_app_queries_take_hostile_values_as_data(app_db):
    """Through amnesty.webapp, the cached functions every page uses."""
    from amnesty import webapp

    before = sha256(app_db)
    for name in PARAMETERISED:
        for hostile in HOSTILE[:3]:
            assert matched(webapp.query(name, **hostile_params(name, hostile))) == 0
    with pytest.raises(KeyError):
        webapp.chart("'; drop table figures; --")
    assert sha256(app_db) == before


# ------------------------------------------------------------------ no raw HTML from data

RAW_HTML = re.compile(r"unsafe_allow_html\s*=\s*True|\bst\.html\(|components\.v1\.html|\.html\(\s*f[\"']")
# The one st.html call allowed: app.py's constant stylesheet (a Path to a .css file in the repository,
# checked below), which Streamlit wraps in <style> and nothing from data can reach.
STYLESHEET_CALL = "st.html(STYLESHEET)"
# And the script that sets <html lang> after a language switch: a constant per language.
LANG_SCRIPT_CALL = 'st.html(LANG_SCRIPTS[lang.code], unsafe_allow_javascript=True, width="content")'
# And text with a quote marked with its language: components.text.marked_html escapes every part.
MARKED_CALLS = ("st.html(marked_html(parts))", "st.html(marked_html(parts, caption=True))",
                "st.html(source_list_html(listed))",
                "st.html(table_html(list(labels.values()), list(zip(*cells)), numeric))")


def test_no_raw_html_is_rendered():
    """Streamlit escapes HTML unless told otherwise; nothing in the app tells it otherwise."""
    hits = []
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("components/*.py"),
                 *ROOT.glob("amnesty/*.py")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if RAW_HTML.search(line) and line.strip() not in (STYLESHEET_CALL, LANG_SCRIPT_CALL,
                                                              *MARKED_CALLS):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not hits, "raw HTML rendering found:\n" + "\n".join(hits)


def test_the_one_stylesheet_is_a_constant_css_file():
    """app.py's STYLESHEET is a .css file of the repository: CSS only, loading nothing from outside."""
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert app.count(STYLESHEET_CALL) == 1
    assert 'STYLESHEET = Path(__file__).parent / "amnesty" / "accessibility.css"' in app
    css = (ROOT / "amnesty" / "accessibility.css").read_text(encoding="utf-8")
    assert not re.search(r"<|url\(|@import|expression\(", css, re.IGNORECASE)


def test_the_one_script_is_a_constant_per_language():
    from amnesty.page_language import LANG_SCRIPTS

    assert LANG_SCRIPTS == {"en": '<script>document.documentElement.lang = "en";</script>',
                            "az": '<script>document.documentElement.lang = "az";</script>',
                            "ru": '<script>document.documentElement.lang = "ru";</script>'}
    assert (ROOT / "amnesty" / "page_language.py").read_text(encoding="utf-8").count(LANG_SCRIPT_CALL) == 1


def test_marked_text_is_escaped_and_its_language_tag_checked():
    """What st.html(marked_html(...)) renders: the data's markup, Markdown and maths as typed, and
    a language tag only when it is one. Put in an f-string, the same data was live HTML."""
    from components.text import marked_html

    hostile = '<img src=x onerror="alert(1)"> [x](https://example.invalid) $x$ &amp;'
    assert "<img" in f"<p>{hostile}</p>"  # the attack, on raw HTML
    html = marked_html(["Source: ", (hostile, "en"), " after"])
    assert html == ('<p>Source: <span lang="en">&lt;img src=x onerror="alert(1)"&gt; '
                    '[x](https://example.invalid) &#36;x&#36; &amp;amp;</span> after</p>')
    forged = marked_html([("quote", 'en" onmouseover="alert(1)')])
    assert forged == "<p>quote</p>"  # a tag that is not a language tag is left off


def test_the_source_list_is_escaped_and_links_only_web_addresses():
    """What st.html(source_list_html(...)) renders: every text as typed, the name in bold where
    our heading puts it, and a link only to a plain http(s) address, labelled with its host."""
    from components.text import NAME_MARK, source_list_html

    hostile = '<img src=x onerror="alert(1)"> [x](https://example.invalid) $x$'
    assert "<img" in f"<li>{hostile}</li>"  # the attack, on raw HTML
    html = source_list_html([
        (f"**{NAME_MARK}** — press, as reported by {hostile}", f"Press {hostile}", f"Title {hostile}",
         hostile, 'https://example.org/a"onmouseover="alert(1)'),
        (f"**{NAME_MARK}** — monitor", "Monitor", "", None, "javascript:alert(1)"),
    ])
    escaped = '&lt;img src=x onerror="alert(1)"&gt; [x](https://example.invalid) &#36;x&#36;'
    assert html == (
        '<ul class="source-list" role="list"><li>'
        f'<p><strong>Press {escaped}</strong> — press, as reported by {escaped}</p>'
        f'<p class="marked-caption">Title {escaped}</p><p>{escaped}</p>'
        '<p><a href="https://example.org/a%22onmouseover=%22alert%281%29" target="_blank" '
        'rel="noopener noreferrer">example.org</a></p></li>'
        '<li><p><strong>Monitor</strong> — monitor</p></li></ul>')


def test_a_reference_table_is_escaped_in_its_cells_and_its_cards():
    """What st.html(table_html(...)) renders: every label and cell as typed, in the table and in
    the phone's cards, and an empty cell left off its card."""
    from components.text import table_html

    hostile = '<img src=x onerror="alert(1)"> [x](https://example.invalid) $x$'
    assert "<img" in f"<td>{hostile}</td>"  # the attack, on raw HTML
    html = table_html([f"Act {hostile}", "Sources"], [(hostile, "2"), ("", "1,234")], numeric={1})
    escaped = '&lt;img src=x onerror="alert(1)"&gt; [x](https://example.invalid) &#36;x&#36;'
    assert html == (
        '<div class="reference-table"><table><thead><tr>'
        f'<th scope="col">Act {escaped}</th><th scope="col" class="number">Sources</th></tr></thead>'
        f'<tbody><tr><td>{escaped}</td><td class="number">2</td></tr>'
        '<tr><td></td><td class="number">1,234</td></tr></tbody></table><div class="cards">'
        f'<dl><div><dt>Act {escaped}:</dt> <dd>{escaped}</dd></div><div><dt>Sources:</dt> <dd>2</dd></div></dl>'
        '<dl><div><dt>Sources:</dt> <dd>1,234</dd></div></dl></div></div>')


def test_the_raw_html_check_would_catch_it():
    assert RAW_HTML.search('st.markdown(quote, unsafe_allow_html=True)')
    assert RAW_HTML.search("st.html(f'<b>{quote}</b>')")
    assert not RAW_HTML.search('st.markdown(quote)')


# ------------------------------------------------------------------ concurrent builds

def test_concurrent_builds_leave_one_valid_database(tmp_path, built_db):
    """Two `amnesty build` processes at once, several rounds: the file is always whole and valid."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    db = tmp_path / "db" / "amnesty.duckdb"
    amnesty = str(Path(sys.executable).with_name("amnesty"))
    with duckdb.connect(str(built_db), read_only=True) as reference:
        expected = run_query(reference, "all_figures", act_ids=[], measure_ids=[], stages=[], qualifiers=[],
                             source_ids=[], include_derived=True)
    for _ in range(4):
        builds = [subprocess.Popen([amnesty, "build", "--data-dir", str(data), "--db", str(db)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                  for _ in range(2)]
        for build in builds:
            _, err = build.communicate(timeout=180)
            assert build.returncode == 0, err
        assert sorted(p.name for p in db.parent.iterdir()) == [db.name], "temporary files left behind"
        with duckdb.connect(str(db), read_only=True) as con:
            assert table_counts(con) == table_counts(duckdb.connect(str(built_db), read_only=True))
            got = run_query(con, "all_figures", act_ids=[], measure_ids=[], stages=[], qualifiers=[], source_ids=[],
                            include_derived=True)
        assert got.equals(expected)
