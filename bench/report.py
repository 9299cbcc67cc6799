"""bench/results.json -> bench/RESULTS.md: one row per measure, each meeting its target or saying
what holds it back and what would fix it."""
from __future__ import annotations

import statistics

MEETS, MISSES, REPORTED, NOT_YET, FAILED = "meets", "**misses**", "reported", "not available yet", "failed"

FIRST_TEXT_RATIO = 1.2
FIRST_CHART_RATIO = 1.05
FIRST_VISIT_MB = 3.5
RERUN_S = 0.050
WARM_EXPORT_S = 0.3
BATCH_EXPORT_S = 10
BUILD_S = 0.5
QUERY_S = 0.100
VALIDATE_ROWS_S = 100_000  # issue 16: validation at a million figures
SCALE_PAGE_RATIO = 2.0
LOAD_P95_S, LOAD_RSS_MB = 3.0, 600
# Issue 16: a page may fetch a little more than it shows (a count, a lookup, a page of choices).
FETCH_SLACK_ROWS = 50
FETCH_TARGET = f"fetched ≤ shown + {FETCH_SLACK_ROWS}"

# Fixes made because this bench found them, with the numbers before and after (same machine).
HISTORY = [
    ("`amnesty build` table loader, 10,022 figures (synthetic)",
     "13.7 s in `_load_tables`: csv.DictReader + `executemany`, about 750 rows/s (pyinstrument, commit deebf5d); "
     "a million rows would have taken over 20 minutes",
     "1.8 s for the whole CLI build including validation: one `INSERT … SELECT FROM read_csv` per table "
     "(commit 2d19c54, identical tables checked with EXCEPT ALL)"),
    ("Overview page at 10,000 synthetic acts (bounded-bars chart)",
     "over 10 minutes: the pages section of the bench did not finish. pyinstrument: `fig.add_annotation` once "
     "per bar label, and plotly re-validates the whole annotation list on each call (quadratic)",
     "about 6 s for 20,000 labelled rows: every label built as a dict and set in one "
     "`update_layout(annotations=…)` (commit 8474dae)"),
    ("Queries at 10,000 acts and 1,000,000 figures",
     "views (published_figures → derived_figures → all_figures, figure_credits) re-derived on every query: "
     "political_prisoner_coverage 6.75 s, scale_vs_releases_by_act 4.81 s, release_rate_by_act 4.49 s, "
     "prisoner_groups_by_reach 4.18 s, release_breakdown_by_act 4.01 s (through run_query, median of 3)",
     "the build stores them as tables (the file is read-only and rebuilt when data/ or the SQL changes): "
     "149 ms, 343 ms, 315 ms, 165 ms, 27 ms; prisoner_groups_by_reach then 36 ms with an equality join in place "
     "of `figure_id in (…)`, which scanned every figure. The synthetic build takes 98 s instead of 87 s and the "
     "file is 193 MB instead of 75 MB"),
    ("Overview and release-rate charts at 10,000 acts",
     "the bench's AppTest pass sat over 10 minutes in the Overview (py-spy): a heading and two bars per act, "
     "30,016 annotations, and the footer's one `add_annotation` re-checks each element of that list against the "
     "others; building the chart took about a minute (release rate 27 s) even once that was mended",
     "the charts draw the 20 most recent acts (`CHART_ACTS`, `$act_limit` in SQL) and the notes say how many "
     "are left out; the footer joins the list in one assignment: 0.5 s and 0.2 s per chart"),
    ("Data and Sources pages: chart tables at a million figures",
     "the figures-by-qualifier and figures-by-source tables listed every figure id per bar: 21.5 MB over the "
     "websocket for the Data page (17.1 s first render, 5.0× the real-data page); figures_by_qualifier 1.02 s",
     "the counts stand alone (the Data page filtered by qualifier or source lists the figures): 0.5 MB, "
     "2.70 s = 0.88× the real-data page; figures_by_qualifier 736 ms, still over, now in its transfer of credit lists"),
    ("Political prisoners page, cold visit",
     "its coverage and groups queries ran twice (once for the metrics, once inside each chart), and the expected-"
     "release metric fetched that measure for every act",
     "charts fetch through the app's cached query, so a page and its chart share one run; the metric asks for the "
     "one act's figure"),
    ("Political prisoners page at 10,000 acts (found by the run below, fixed after it)",
     "an exception on the synthetic set (several acts carry a political-prisoner list, so a metric got a "
     "Series), hence 0 shown in its rows-fetched row",
     "coverage is read for the most recent act with a list (commit 3dd48cc); "
     "`python bench/server_side.py --db <synthetic.duckdb> --only political --repeats 1`: no exception, "
     "18 rows fetched, 46 shown, first visit 0.46 s"),
    ("Data page against the synthetic set",
     "every filtered row fetched into one dataframe (the whole million-row view on a first visit with no "
     "filter), though a reader sees a screenful",
     "one page of 500 rows (`all_figures_page.sql`, limit/offset bound in SQL) and a count query; downloads run "
     "the full filtered query only on click (commit f28a8f7); see *rows fetched vs shown*"),
    # Issue 16: the production shape and the second performance round.
    ("Bytes per first visit (issue 16)",
     "9.2 MB from Streamlit itself, which sends its bundle uncompressed on purpose (4.7 MB of it the plotly chunk)",
     "2.9 MB through nginx (`make serve`): the bundle compressed once at level 9 and served from disk "
     "(`gzip_static`), plotly 1.4 MB; the Data page 3.4-3.7 MB, of which 0.5 MB was Streamlit's syntax-highlighter "
     "chunk, loaded for the `st.code` block of the citation (see below)"),
    ("20 websocket sessions at once (issue 16)",
     "one process: p95 10.03 s, of which static files 9.83 s (9.1 MB each, served by Streamlit)",
     "nginx and two replicas (`bench/load.py --via proxy`): static files p95 2.05 s at load average 11 (nginx "
     "serves them); the script runs then held it back, p95 8.29 s, with 8.6 s of replica CPU for 20 sessions; "
     "after the two fixes below, 1.8 s of replica CPU and p95 4.13 s at load average 19.8 (other work on the machine)"),
    ("Server CPU per new session (issue 16)",
     "a bare one-line page 0.14 s, this app's pages 0.26-0.38 s (10 sessions in a row on one replica, "
     "/proc CPU time). cProfile across threads: Streamlit's `gc.collect()` after every script run "
     "(`runner.postScriptGC`, on by default), a full collection of a heap holding pandas, pyarrow and plotly",
     "`postScriptGC = false` in `.streamlit/config.toml`: 0.02 s and 0.06-0.13 s"),
    ("A chart on every run (issue 16)",
     "`st.cache_data` unpickled each cached Chart on every call, and unpickling a plotly Figure re-validates every "
     "property: 47-74 ms a chart, on every run of every page",
     "`st.cache_resource`: one shared Chart per name, no copy (`amnesty/webapp.py`); query results too (the Data "
     "page's page of rows took 22 ms to unpickle); `tests/test_shared_caches.py` checks that no page changes them"),
    ("Rerun measure (issue 16)",
     "AppTest makes a new ScriptCache for every run, so each measured rerun parsed and compiled app.py and the page "
     "(`ast.parse` and `compile`, a third of a profiled rerun); the server compiles a script once per process",
     "bench/server_side.py gives AppTest one ScriptCache, as the server has"),
    ("Page timings under load (issue 16)",
     "the render probe took a chart still loading plotly.js (a skeleton, no DOM change for 400 ms on a loaded "
     "machine) for the end: a quick run recorded the Data page with 0 charts",
     "it waits until no skeleton is left and, on a page with a chart, the first chart has drawn"),
    ("A figure downloaded again (issue 16)",
     "every PNG, SVG or PDF drawn by Kaleido, each time: PNG 329 ms, PDF 409 ms a file warm; the batch of 52 "
     "files 33.0 s",
     "the render cache (`amnesty/render_cache.py`) keeps Kaleido's bytes per laid-out figure and size: PNG 83 ms, "
     "SVG 14 ms, PDF 84 ms a file drawn before; the batch again 6.87 s (commit 063651e)"),
    ("Sources & method at a million figures (issue 16)",
     "all 1,000,059 corroboration rows sent to the browser: first visit 48.75 s",
     "a page of 100 rows at a time (`amnesty.db.run_query_page`, `ui.page_of_rows`): 4.1 s, 249 rows fetched "
     "for 565 shown (commit 16f8921)"),
    ("The corroboration table at a million figures (issue 16)",
     "`figure_corroboration` grouped every figure's sources on each call: 9.33 s through run_query (SQL alone "
     "1.02 s), and a page of it still paid the grouping and a sort to count its rows",
     "stored by the build (`queries/views/090_figure_corroboration.sql`), and the page count leaves out the final "
     "ORDER BY (`amnesty.db.unordered`): a page and its count 32 ms (commit bc716dc)"),
    ("The Data page's filter lists at 10,000 acts (issue 16)",
     "every act in use as an option: `filter_options` 183 ms for 10,146 rows; the page fetched 10,554 rows for "
     "212 shown",
     "the newest 30 acts and a search box, the reader's choices always offered (`Filters.option_params`): 171 "
     "options in about 95 ms, each distinct source list split once (commit bc716dc); the citation asks SQL for the "
     "sources it cites (`sources_in_view`, 96 rows) instead of every source and 198 id pairs (commit a4150ca): 375 "
     "rows fetched for 383 shown. The bench now counts a select box's choices as shown, since they are sent to "
     "the browser; counted so before, the 10,146 options would have been \"shown\" too, which is why the fix is "
     "the limit, not the count"),
    ("`filter_options` at 10,000 acts and a million figures (issue 16)",
     "85-86 ms as the Data page asks (the newest 30 acts), 91-103 ms for every option (medians of nine, two "
     "rounds, the same synthetic set built at the old and the new commit): each figure's sources were joined "
     "into a string by `filtered_figures` and split again (37 ms of it), and each measure's label carried "
     "through the distinct",
     "the filter over `all_figures`' own columns as a macro of its own (`filtered_rows`; `filtered_figures` "
     "builds on it), its sources' list unnested directly, and the measures' labels joined after the distinct, "
     "as the acts' titles were: 66-67 ms and 70-73 ms in the same rounds, the same rows"),
    ("Memory of two replicas under 20 sessions (issue 16)",
     "600.3 MB at the peak (target 600 MB; idle 580 MB): every replica imported Frictionless (about 25 MB) for "
     "the data dictionary, though only a download's datapackage.json needs it",
     "imported when a file is written (`amnesty/data_dictionary.py`): 560 MB at the peak in a run of "
     "`bench/load.py --via proxy --client websocket` beside 593 MB in a run before the change (commit "
     "d055d74); glibc's MALLOC_ARENA_MAX=2 was tried too and left out: 567 and 572 MB, within the noise"),
    ("Qualifier and source lists at a million figures (issue 16)",
     "`figures_by_qualifier` 431 ms: `list_distinct(list(…))` built a million-element list per qualifier, and its "
     "result was not in order; `source_ids_in_view` 121 ms, splitting each figure's source list",
     "`list(distinct … order by …)`: 29 ms, in order; the distinct lists split once: 29 ms (commit bc716dc)"),
    ("Derivations worded in Azerbaijani and Russian, at a million figures (issue 16)",
     "`derivation_words` read all 32,012 derivations with their inputs' bounds, 1.10 s (SQL alone 118 ms), "
     "once per process and language",
     "a view reads the words of the derivations it shows (`$derivations`, amnesty.wording.derivations_in): "
     "a page's 100 in 13-22 ms (commit da440a1)"),
    ("The Data page's rows at a million figures (issue 16)",
     "`all_figures_page` 212-225 ms: a join with acts and a sort of every row for the first 100",
     "the build numbers and stores all_figures in the dataset's order (`dataset_order`): 25 ms; the full "
     "download 7.1 s, was 10-12 s (commit 81af692)"),
    ("A figure's first draw, warm (issue 16)",
     "PNG 384 ms, PDF 396 ms a file (SVG 262 ms): Kaleido reloaded the tab after every figure, parsing "
     "plotly.js again (about 0.2 s); the PNG was decoded and encoded again to add its metadata (0.13 s); a zoomed "
     "figure's PDF was shrunk with pypdf's `scale_by`, which rewrites the whole drawing (0.34 s for a large one)",
     "a tab draws 25 figures between reloads, with the same bytes (commit 723dcaf); the PNG's metadata written "
     "as chunks beside chromium's image data (commit 9f628ad); the PDF printed at its nominal page size by "
     "chromium, scale 1/zoom (commit 3199ee4): PNG 129 ms, SVG 79 ms, PDF 175 ms in a run of "
     "`warm_render_times` on a quiet machine"),
    ("The figure batch from an empty render cache (issue 16)",
     "22.46 s for 52 files: chromium started only when the first figure was ready to draw, and every figure "
     "cost a tab reload",
     "chromium starts on a thread of its own as soon as the first figure needs drawing, while the rest are "
     "laid out (commit 118aebf), and words wrap by bisection, measured about a fifth as often (commit "
     "d922d5a): 9.1-9.4 s for 51 files in three runs on a quiet machine"),
    ("The Data page's first visit through nginx (issue 16)",
     "3.7 MB: Streamlit fetches its syntax highlighter (0.5 MB gzipped) for the first code block a page shows, "
     "and the page opened with eight",
     "the link and the citation shown as text; their copy buttons and the code in panels drawn when opened "
     "(commit 5072671)"),
    ("Sources & method's rerun (issue 16)",
     "148 ms in the bench run at commit 15ec8ff (89 ms on a quieter machine): each of the 53 sources was four "
     "elements (name, details, note, link), some 200 of the page's elements",
     "the sources as one escaped HTML list (`components.text.source_list_html`; Act detail's too): 54 ms in the "
     "same machine state as the 89 ms (commit 6130d9f); 61 ms in the bench run at commit 85f7d27"),
    ("Sources & method's rerun, again (issue 16)",
     "61 ms in the bench run at commit 85f7d27, 78-82 ms in two rounds on this machine just before the change: "
     "each of the seven reference tables was an st.table (Arrow, 2.6 ms a table) plus its phone cards as "
     "Markdown, every text cell made literal for that Markdown (9 ms in all)",
     "each reference table as one escaped HTML element, the table and its cards together "
     "(`components.text.table_html`; the Data page's reader table too), numbers in the reader's language: "
     "43-67 ms in the same two rounds (`bench/server_side.py --only app_pages/sources_and_method.py`), "
     "the same 148 rows shown"),
    ("Numbers and dates in the reader's language, on every rerun (issue 16)",
     "Babel parsed its locale and pattern on every call: Sources & method formats the same counts and 53 "
     "sources' dates on every rerun (`Language.number` 40 ms and `Language.date` 46 ms of ten profiled reruns)",
     "each count and date formatted once per process (`amnesty.i18n._number`, `_date`, lru_cache): the "
     "page's profiled reruns 0.76 -> 0.64 s in all, the same machine state "
     "(`bench/server_side.py --only app_pages/sources_and_method.py --profile`)"),
    ("A deep link's first health check through nginx (issue 16)",
     "Streamlit's frontend asked the page's own path first (`/act/_stcore/health`), got a 404 and asked the "
     "root 100 ms later: the websocket opened at 0.89-1.01 s on the four pages with a path (medians of five "
     "visits each), and at 0.78 s on the Overview, at the root",
     "each page says where the server is, in the frontend's own embedding config (`window.__streamlit`, "
     "`deploy/serve.py` `BASE_URL_SCRIPT`): one health check, the websocket open at 0.73-0.77 s on the same "
     "four pages, visited in the same rounds as the old configuration (commit dad3b2e). First text on Act detail 1.38 -> 1.13 s, "
     "Political prisoners 1.26 -> 1.05 s; the Data page and Sources & method unchanged within the noise"),
    ("Preloading the code of every element the pages draw (issue 16; tried, left out)",
     "the page asks at once for the plotly chunk only; the other element chunks (data grid, table, metric, "
     "page link...) come as their elements arrive",
     "asking at once for all 64 chunks the pages draw (a `map` per path in nginx) made nothing earlier: first "
     "text 1.51-1.80× the bare page over the five pages, against 1.41-1.82× with plotly alone in a run beside "
     "it, first chart no better; in the visits traced, the page's own bundle finished later, sharing the "
     "browser's six connections with them. What the text waits for is in the first-text rows: the frontend's "
     "health check, then the main thread's work on what arrived"),
    ("A chart's table of numbers, and the Data page's table of every column, on a first visit",
     "each closed panel's grid and the hover's quotes (13 HTML lines under the Overview's chart) went out with "
     "the page and were drawn in the browser's first batch, beside the chart's own element",
     "drawn once the panel opens (`amnesty.panels.lazy_panel`; the numbers panel reruns alone, as a fragment): "
     "first chart on the Overview 2.68 -> 2.33 s and on Act detail 2.85 -> 2.59 s, against the bare chart page's "
     "2.14 s in the same rounds; first text on the Overview 1.19 -> 1.07 s (5 visits each, through nginx)"),
    ("Each script run's messages on their way to the browser",
     "Streamlit binds its listening socket with protocol 0, so asyncio left Nagle's algorithm on: the "
     "Overview's first messages, ready 4 ms after a websocket client asked, reached it at 44 ms, with the rest "
     "of the run; on Act detail a second burst waited 43 ms more (`bench/ws_timeline.py`, direct)",
     "TCP_NODELAY on the listening socket, which each accepted connection inherits (`amnesty.tcp_nodelay`, set "
     "when app.py is read): the first messages at 3-18 ms, the Overview's whole run 46 -> 35 ms. The target's "
     "bare pages keep Streamlit's setting; the rows also give each page against bare pages with the option"),
    ("`amnesty build`, in process",
     "Frictionless read datapackage.json twice, once for the checks and once for the load, and the check of "
     "an existing database read its one row through pandas: medians of 15 builds 640, 652 and 664 ms",
     "the package is read once (`validate.validated_package`) and the row with a cursor: 611, 631 and 654 ms "
     "in the same interleaved rounds (a profile had shown 0.11 s, most of it the profiler's own weight on "
     "Python code). What remains is DuckDB: the checks' SQL and the derived tables"),
    ("Figure export, batch: how the figures reach Kaleido's two tabs",
     "in pairs, each pair waiting for its slower figure (a PDF can take three times a PNG): 21 figures of the "
     "English set, drawn with a warm chromium and no render cache, 5.58 s (median of five)",
     "eight at a time from the CLI (`render.BATCH_GROUP`), each tab taking the next as it finishes; the app "
     "keeps pairs, so a reader's download never waits for a batch: 5.13 s in the same interleaved rounds"),
    ("Figure export, batch: when Kaleido takes its first figure",
     "once every tab has loaded plotly.js, and Kaleido loads them one after the other (1.4-1.7 s of a core "
     "each): 3.9-4.2 s from start to the first two figures, the machine otherwise idle; the 52-file batch 10.7 s (median "
     "of five, no render cache)",
     "as soon as the first tab has, the second joining the queue when ready (`render._populate_targets`): "
     "2.9 s to the first two; the batch 10.0 s in the same interleaved rounds. Loading both tabs side by "
     "side gained nothing (the loads share two cores), nor did a third tab (10.3-13.4 s) or starting "
     "chromium before the figures are laid out (8.8 s against 8.5 s, interleaved: it takes the core the "
     "layout needs)"),
    ("Full garbage collections (issue 16)",
     "Python's collector walked every object pandas, pyarrow and plotly made at import: with every page run, "
     "155,000 objects and 76-92 ms a full collection, every session of the process held meanwhile; "
     "`bench/server_side.py` saw 5 such collections in its run, 0.33 s in all (65 ms each)",
     "app.py collects once and freezes them after its imports (`gc.freeze`): 17,000 objects walked, 2-3 ms; "
     "in the same bench run 9 collections, 0.14-0.16 s in all (16 ms each; gc callbacks timing each one)"),
    ("`amnesty build`, cold CLI (issue 16)",
     "1.23-1.45 s, median 1.37 s (seven interleaved rounds): `amnesty.db` imported pandas for its type hints "
     "(0.4 s with pyarrow), `csv_files` imported pyarrow for a table only a refused row needs, and "
     "Frictionless's `Package()` loaded every format plugin (0.1 s) to ask whether one reads a JSON file",
     "neither is imported on the build's path (the frames are DuckDB's; the refused rows go in with "
     "`executemany`), and the descriptor is read with `Package.from_descriptor`, which `Package()` falls back "
     "to: 0.88-1.09 s, median 0.98 s in the same rounds; `tests/test_build.py` checks that a build and a "
     "refusal load neither pandas nor pyarrow"),
]


def _s(seconds) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mb(n) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def _row(measure, how, result, target, status, note="") -> dict:
    return {"measure": measure, "how": how, "result": result, "target": target, "status": status, "note": note}


def _unavailable(section) -> str | None:
    if section is None or section.get("skipped"):
        return "skipped in this run"
    if "error" in section and len(section) <= 3:
        return f"failed: {section['error'][:200]}"
    if section.get("available") is False:
        return section.get("why", "")
    return None


# --- rows --------------------------------------------------------------------------------------

# The bare pages again, with the socket option the app's server sets (amnesty.tcp_nodelay, bench/serve.py).
NODELAY_TEXT, NODELAY_CHART = "bare text page, TCP_NODELAY", "bare chart page, TCP_NODELAY"


def page_rows(pages: dict | None) -> list[dict]:
    why = _unavailable(pages)
    if why:
        status = NOT_YET if "landed" in why else FAILED
        return [_row("First text of each page", "headless chromium through nginx, vs a bare text page", "–",
                     f"≤ {FIRST_TEXT_RATIO}× bare", status, why),
                _row("First chart of each page", "headless chromium through nginx, vs a bare chart page", "–",
                     f"≤ {FIRST_CHART_RATIO}× bare", status, why)]
    bare = {b["label"]: b for b in pages["bare"]}
    text_floor, chart_floor = bare["bare text page"], bare["bare chart page"]
    text_nodelay, chart_nodelay = bare.get(NODELAY_TEXT, {}), bare.get(NODELAY_CHART, {})
    scale = set(pages.get("scale_labels", []))
    text_rows, chart_rows = [], []
    for page in pages["pages"]:
        if page["label"] in scale:
            continue
        n = len(page["samples_s"])
        common = (f"script done at {_s(page['script_done_median_s'])}; everything drawn at {_s(page['median_s'])}; "
                  f"{page['charts']} chart(s); {_mb(page['ws_bytes'])} over the websocket")
        if page["exceptions"]:
            common += f"; {page['exceptions']} exception(s) on the page"
        text_rows.append(_ratio_row(f"First text: {page['label']}", n, page.get("first_text_median_s"),
                                    text_floor.get("first_text_median_s"), "bare text page", FIRST_TEXT_RATIO,
                                    common, _text_note(page, text_floor),
                                    _against_nodelay(page.get("first_text_median_s"),
                                                     text_nodelay.get("first_text_median_s"))))
        chart_rows.append(_ratio_row(f"First chart: {page['label']}", n, page.get("first_chart_median_s"),
                                     chart_floor.get("first_chart_median_s"), "bare chart page", FIRST_CHART_RATIO,
                                     common, _chart_note(page, chart_floor),
                                     _against_nodelay(page.get("first_chart_median_s"),
                                                      chart_nodelay.get("first_chart_median_s"))))
    return text_rows + chart_rows + bytes_rows(pages.get("first_visit_bytes"))


def _ratio_row(measure, n, value, floor, floor_label, target, common, held_back, also="") -> dict:
    how = f"median of {n}, fresh browser context each, through nginx; {floor_label} in the same rounds"
    if value is None or not floor:
        return _row(measure, how, "–", f"≤ {target}× {floor_label}", FAILED, "not seen on the page; " + common)
    ratio = value / floor
    ok = ratio <= target
    common += also
    return _row(measure, how, f"{_s(value)} = {ratio:.2f}× {floor_label} ({_s(floor)})", f"≤ {target}× {floor_label}",
                MEETS if ok else MISSES, common if ok else f"{common}. {held_back}")


def _against_nodelay(value, floor) -> str:
    """The same page against the bare page served with the app's socket option: the bare pages of
    the target are as Streamlit serves them, with Nagle's algorithm on (amnesty.tcp_nodelay)."""
    if value is None or not floor:
        return ""
    return (f"; {value / floor:.2f}× the same bare page with the app's TCP_NODELAY ({_s(floor)}), which "
            f"Streamlit alone does not set")


def _text_note(page, floor) -> str:
    """Where the first text's time went, against the bare page's, from the browser's timeline
    (bench/browser.py, TIMELINE); the script's own time is in the rerun rows and the profiles."""
    if page.get("ws_open_median_s") is None or floor.get("ws_open_median_s") is None:
        return (f"the bare page's script is done at {_s(floor['script_done_median_s'])}; see the rerun rows "
                f"and the profiles")
    probe = (f", after {page['health_checks']} health checks where the bare page (at the root) makes "
             f"{floor.get('health_checks', 0)}: Streamlit's frontend asks the page's own path first, gets a 404 "
             f"and tries the root 100 ms later"
             if page.get("health_checks", 0) > floor.get("health_checks", 0) else "")
    return (f"Held back by: the websocket opened at {_s(page['ws_open_median_s'])} (bare text page "
            f"{_s(floor['ws_open_median_s'])}){probe}; the script's messages up to the text had arrived by "
            f"{_s(page['messages_done_median_s'])} (bare {_s(floor['messages_done_median_s'])}); then the "
            f"browser's main thread spent {_s(page['busy_before_text_median_s'])} in long tasks (bare "
            f"{_s(floor['busy_before_text_median_s'])}) before the text was drawn. " + TEXT_PROFILE)


# From `python bench/first_text_profile.py "" data act` (chromium's sampling profiler, navigation to
# first text, three visits each; not run by the bench) and a copy of the app timed in the same rounds.
TEXT_PROFILE = (
    "A profile finds no single cost: up to the text the main thread was busy 1.05 s on the Overview, "
    "1.10 s on Data and 1.13 s on Act detail, against 0.71 s on the bare page, and the difference is "
    "spread over the browser's own work (parsing, style, layout: +40-100 ms), styled-components and "
    "emotion inserting CSS (+20-40 ms), React and DOM appends, i.e. drawing the elements that arrive "
    "with the text. The Overview cut after its first paragraph drew it at 1.04x the bare page, the "
    "whole Overview at 1.15x (seven visits each, same rounds). Act detail, the page that misses most "
    "often, drew its text at 1.13x as it is, 1.21x cut after that text and 1.13x without its claims and "
    "sources (seven visits each, same rounds, commit 24c6b07): what comes after the text costs nothing "
    "measurable; the title, the act's select box and the app's own frame before it are the margin, and "
    "the row moves with the machine's noise (1.13-1.26x over five runs)")


def _chart_note(page, floor) -> str:
    parts = []
    if page.get("plotly_loaded_median_s") and floor.get("plotly_loaded_median_s"):
        parts.append(f"the plotly chunk arrived at {_s(page['plotly_loaded_median_s'])} (bare chart page "
                     f"{_s(floor['plotly_loaded_median_s'])}); from there to the first chart drawn "
                     f"{_s(page['first_chart_median_s'] - page['plotly_loaded_median_s'])} (bare "
                     f"{_s(floor['first_chart_median_s'] - floor['plotly_loaded_median_s'])})")
    parts.append(f"script done at {_s(page['script_done_median_s'])} (bare chart page "
                 f"{_s(floor['script_done_median_s'])})")
    # From a chromium trace of Act detail's first visit (CDP Profiler, Tracing; not run by the bench).
    parts.append("a preloaded module is fetched, not run: Streamlit runs the plotly chunk (0.5-1.2 s of the "
                 "main thread in the visits traced) only once the chart's element is drawn, and that waits "
                 "for the page's other elements that arrived with it (one React render of 0.2-0.35 s). "
                 "Running the chunk as soon as the first text is drawn (a script nginx added to each page, "
                 "tried and dropped) did not move the first chart: Overview 2.32 -> 2.39 s, Act detail "
                 "2.56 -> 2.52 s, Data 2.72 -> 2.76 s (five visits each, same rounds); the main thread's "
                 "work between the text and the chart is the same in either order")
    # Overview variants served side by side through nginx, seven visits each, in four runs
    # (/tmp experiments at commit 24c6b07, not run by the bench).
    parts.append("what the chart waits for is the text above it. The Overview as it is drew its chart at "
                 "1.13-1.14x the bare chart page in three runs; our app drawing our chart alone 1.03-1.06x; "
                 "our app with the bare page's three bars 1.03x, a bare app with our chart 1.02x; the Overview "
                 "with nothing after its chart 1.15x, without its Scale control 1.12x, with the control sent "
                 "after the chart 1.12x; its lede and control sent after the chart (containers keep their place) "
                 "1.10x, its first text then 1.13x against 1.09x. So 1.05x leaves no room for a title and a lede "
                 "before the chart, and a page without them is not one a reader could use")
    return "Held back by: " + "; ".join(parts)


def bytes_rows(transfer: dict | None) -> list[dict]:
    if not transfer:
        return []
    rows = []
    for label, visits in transfer.items():
        proxied, direct = visits.get("proxied"), visits.get("direct")
        if not proxied:
            continue
        total = proxied["total_bytes"]
        kinds = ", ".join(f"{kind} {_mb(n)}" for kind, n in sorted(proxied["transfer_bytes"].items(), key=lambda kv: -kv[1]))
        note = f"through nginx: {kinds}; websocket {_mb(proxied['ws_bytes'])} (payload)"
        if direct:
            note += (f". Direct from Streamlit: {_mb(direct['total_bytes'])}, of which the plotly chunk "
                     f"{_mb(direct['transfer_bytes'].get('plotly chunk', 0))}")
        ok = total <= FIRST_VISIT_MB * 1e6
        rows.append(_row(f"Bytes per first visit: {label}",
                         "one fresh chromium context, every HTTP response (headers + body as sent) and websocket frame",
                         f"{_mb(total)} through nginx (gzip) vs {_mb(direct['total_bytes'])} direct" if direct
                         else f"{_mb(total)} through nginx (gzip)",
                         f"≤ {FIRST_VISIT_MB} MB", MEETS if ok else MISSES, note))
    return rows


def rerun_rows(rerun: dict | None) -> list[dict]:
    why = _unavailable(rerun) or (rerun.get("error") if rerun else None)
    if why:
        return [_row("Rerun / page switch, server side", "AppTest", "–", f"≤ {_s(RERUN_S)}",
                     NOT_YET if "not available" in why or "landed" in why else FAILED, why[:300])]
    rows = []
    for page in rerun["pages"]:
        if "error" in page:
            rows.append(_row(f"Rerun: {page['page']}", "AppTest", "–", f"≤ {_s(RERUN_S)}", FAILED, page["error"][:300]))
            continue
        parts = {"rerun": page.get("rerun_s"), "widget change": page.get("widget_change_s"),
                 "page switch (warm)": page.get("warm_switch_s")}
        worst = max(v for v in parts.values() if v is not None)
        result = ", ".join(f"{k} {_s(v)}" for k, v in parts.items() if v is not None)
        note = f"first visit (cold caches, connection included) {_s(page.get('cold_visit_s'))}; widget: {page.get('widget') or 'none'}"
        if page.get("widget_error"):
            note += f" (AppTest could not change it: {page['widget_error'][:80]}; a select box with a format_func trips AppTest's index lookup)"
        if page.get("exceptions"):
            note += f"; exception: {page['exceptions'][0][:120]}"
        if worst > RERUN_S:
            top = (page.get("profile") or {}).get("app_inclusive") or []
            note += ". Over target: " + (f"its largest cost is {top[0][0]}, {_share(top[0][1], page)} of a rerun; "
                                         if top else "") + "see *Where a rerun's time goes* below"
        rows.append(_row(f"Rerun: {page['page']}", f"AppTest, median of n (bare page rerun {_s(rerun['bare_rerun_s'])})",
                         result, f"≤ {_s(RERUN_S)}", MEETS if worst <= RERUN_S else MISSES, note))
    collector = rerun.get("collector")
    if collector:
        rows.append(_row("Full garbage collection, every page run", "`gc.collect()` in the AppTest process, median of n",
                         _s(collector["full_collection_s"]), "report", REPORTED,
                         f"walks {collector['walked']:,} objects; {collector['frozen']:,} frozen by app.py's import step "
                         "(here run again after each page's cold visit, which clears the caches; a server runs it "
                         "once). A full collection holds every session of the process while it runs"))
    return rows


def _share(seconds: float, page: dict) -> str:
    total = (page.get("profile") or {}).get("seconds_per_rerun")
    return f"{seconds / total:.0%}" if total else _s(seconds)


def profile_section(rerun: dict | None) -> list[str]:
    """The top costs of each page's warm rerun, from bench/server_side.py --profile (pyinstrument)."""
    pages = [p for p in (rerun or {}).get("pages", []) if p.get("profile")]
    if not pages:
        return []
    rows = []
    for page in pages:
        profile = page["profile"]
        rows.append({
            "page": f"`{page['page']}`",
            "reruns": f"{profile['reruns']} reruns, {_s(profile['seconds_per_rerun'])} each under the profiler "
                      f"({_s(page.get('rerun_s'))} without)",
            "app": "; ".join(f"{name} {_share(t, page)}" for name, t in profile["app_inclusive"][:5]),
            "self": "; ".join(f"{name} {_share(t, page)}" for name, t in profile["self"][:5]),
        })
    return ["## Where a rerun's time goes", "",
            "pyinstrument inside the script thread over each page's warm reruns (`python bench/server_side.py --db "
            "build/amnesty.duckdb --profile --profile-dir bench/profiles`; whole profiles in `bench/profiles/`). "
            "Shares of the profiled rerun: the profiler slows every call, so shares compare, milliseconds do not. "
            "*App code* is inclusive time in the app's own functions (a page module and app.py left out, they hold "
            "everything); *self* is time in the function itself, any code.", "",
            _table(rows, [("page", "Page"), ("reruns", "Profiled"), ("app", "App code (inclusive)"),
                          ("self", "Self time")]), ""]


def figure_rows(figures: dict | None) -> list[dict]:
    why = _unavailable(figures)
    if why:
        status = NOT_YET if ("No such command" in why or "landed" in why or "figures" in why) else FAILED
        return [_row("Figure export, warm (per file, per format)", "CLI", "–", f"≤ {WARM_EXPORT_S} s", status, why[:200]),
                _row("Figure export, batch (all × png,svg,pdf, cold CLI)", "CLI", "–", f"< {BATCH_EXPORT_S} s", status, why[:200])]
    rows = []
    warm = figures.get("in_process") or {}
    for fmt, m in (warm.get("per_format") or {}).items():
        ok = m["median_s"] <= WARM_EXPORT_S
        note = f"slowest {m['slowest']} {_s(m['max_s'])}; starting the Kaleido server (cold) took {_s(warm['server_start_s'])}"
        if not ok:
            note += ". Each call is a round trip to a headless chromium tab (Kaleido) that lays out and " \
                    "rasterises the figure, then our layout (amnesty.studio.compose) and the file's metadata"
        rows.append(_row(f"Figure export, warm: {fmt}", f"`render.chart_bytes`, one warm Kaleido server, "
                         f"median over {warm['figures']} figures, each drawn for the first time",
                         f"{_s(m['median_s'])} per file", f"≤ {WARM_EXPORT_S} s", MEETS if ok else MISSES, note))
        again = (warm.get("cached_per_format") or {}).get(fmt)
        if again:
            rows.append(_row(f"Figure export, warm: {fmt}, drawn before", "`render.chart_bytes` again: the render "
                             "cache (amnesty.render_cache) gives the bytes Kaleido drew for the same figure and size",
                             f"{_s(again['median_s'])} per file", f"≤ {WARM_EXPORT_S} s",
                             MEETS if again["median_s"] <= WARM_EXPORT_S else MISSES,
                             f"slowest {_s(again['max_s'])}; what a repeated download, or a figure drawn by another "
                             "replica or a CLI batch at this dataset version and day, pays"))
    for fmt, seconds in figures.get("warm_per_file_s", {}).items():
        if seconds is None:
            rows.append(_row(f"Figure export, warm: {fmt}", "CLI", "–", f"≤ {WARM_EXPORT_S} s", FAILED, "an export run failed"))
            continue
        rows.append(_row(f"Figure export, warm: {fmt}",
                         f"(T(all {figures['figures']}) − T(one)) ÷ {figures['figures'] - 1}, two cold CLI runs",
                         f"{_s(seconds)} per file", f"≤ {WARM_EXPORT_S} s",
                         MEETS if seconds <= WARM_EXPORT_S else MISSES,
                         f"a cold one-file run takes {_s(figures.get('cold_one_file_s', {}).get(fmt))}"))
    ok = figures.get("batch_ok") and figures["batch_s"] < BATCH_EXPORT_S
    rows.append(_row("Figure export, batch", f"`amnesty export figures --all --format png,svg,pdf`, cold CLI, "
                     "empty render cache", f"{_s(figures['batch_s'])} for {figures.get('batch_files', 0)} files",
                     f"< {BATCH_EXPORT_S} s", MEETS if ok else MISSES,
                     figures.get("batch_error", "")[:200] or "every figure drawn by Kaleido: two tabs of one "
                     "chromium on two cores, which starts while the figures are built and laid out; the first "
                     "tab takes figures once it has loaded plotly.js (1.4–1.7 s of a core), the second joins "
                     "when it has"))
    again = figures.get("batch_cached_s")
    if again is not None:
        rows.append(_row("Figure export, batch again", "the same command once more: the render cache holds "
                         "every figure", f"{_s(again)} for the same files", f"< {BATCH_EXPORT_S} s",
                         MEETS if again < BATCH_EXPORT_S else MISSES,
                         "chromium is not started; what is left is the CLI's imports, the queries and the layout"))
    return rows


def build_rows(build: dict | None) -> list[dict]:
    why = _unavailable(build)
    if why:
        return [_row("`amnesty build`", "", "–", f"≤ {BUILD_S} s", FAILED, why)]
    in_ok = build["in_process_s"] <= BUILD_S
    cli_ok = build["cli_s"] <= BUILD_S
    return [
        _row("`amnesty build`, in process", "`build(data/, db)` median (validation included)",
             _s(build["in_process_s"]), f"≤ {BUILD_S} s", MEETS if in_ok else MISSES,
             f"of which validation (Frictionless + cross-row rules) {_s(build['validate_s'])}"),
        _row("`amnesty build`, cold CLI", "subprocess wall time, median", _s(build["cli_s"]), f"≤ {BUILD_S} s",
             MEETS if cli_ok else MISSES,
             f"importing amnesty.build alone takes {_s(build['cli_import_s'])} (frictionless ≈ 0.1 s, duckdb ≈ 0.1 s; "
             "pandas and pyarrow are no longer loaded); the rest is interpreter start-up and the first build in a fresh "
             "process, whose DuckDB work (checks, derived tables) runs slower cold than the in-process median "
             "(pyinstrument: validation 0.24 s, derived tables 0.16 s). What would fix it: nothing worth doing for a "
             "batch job that runs once per data change; a long-lived process (the app's first start) pays this once"
             if not cli_ok else ""),
    ]


def export_rows(export: dict | None, scale: dict | None) -> list[dict]:
    why = _unavailable(export)
    if why:
        return [_row("Filtered export", "", "–", "report each", FAILED, why)]
    rows = [_row(f"Filtered export, whole dataset: {e['format']}", "`figures_frame` + `figures_bytes`, median",
                 f"{_s(e['total_s'])} ({e['rows']} rows, {_mb(e['bytes'])})", "report", REPORTED,
                 f"query {_s(e['query_s'])} + write {_s(e['write_s'])}") for e in export["real"]]
    if scale and not _unavailable(scale) and "export" in scale:
        for e in scale["export"] + scale.get("export_100_acts", []):
            rate = e["rows"] / e["total_s"] if e["total_s"] else 0
            rows.append(_row(f"Export at scale: {e['format']}", f"synthetic, {e['rows']:,} rows",
                             f"{_s(e['total_s'])} ({_mb(e['bytes'])}, {rate:,.0f} rows/s)", "report", REPORTED,
                             f"query {_s(e['query_s'])} + write {_s(e['write_s'])}"))
    return rows


def scale_rows(scale: dict | None, real_queries: list | None, pages: dict | None) -> list[dict]:
    why = _unavailable(scale)
    if why:
        return [_row("Scale", "", "–", "", FAILED, why)]
    rows = [
        _row("Scale: generate", f"{scale['acts']:,} acts, {scale['figures']:,} figures, DuckDB COPY",
             f"{_s(scale['generate_s'])} ({_mb(scale['csv_bytes'])} of CSV)", "report", REPORTED),
        _row("Scale: validate", "`amnesty.validate` (the descriptor's types, constraints and keys and the "
             "cross-row rules, checked in DuckDB SQL)",
             f"{scale['figures'] / scale['validate_s']:,.0f} rows/s ({scale['figures']:,} figures in {_s(scale['validate_s'])})",
             f"≥ {VALIDATE_ROWS_S:,} rows/s",
             MEETS if scale["figures"] / scale["validate_s"] >= VALIDATE_ROWS_S else MISSES,
             f"{len(scale['validate_problems'])} problems" + (f": {scale['validate_problems'][0]}" if scale["validate_problems"] else "")
             + "; Frictionless reads the descriptor only (about 7,000 rows/s when it checked each cell in Python)"),
        _row("Scale: `amnesty build`", "`build(synthetic/, db)`, validation included",
             _s(scale["build_s"]), "report", REPORTED,
             f"{scale['all_figures_rows']:,} rows in all_figures; {_mb(scale['db_bytes'])} DuckDB file; "
             "nearly all of it is validation"),
    ]
    queries = [q for q in scale["queries"] if "seconds" in q and not q.get("full_download")]
    slow = [q for q in queries if q["seconds"] > QUERY_S]
    worst = max(queries, key=lambda q: q["seconds"]) if queries else None
    note = ""
    if slow:
        note = "over: " + ", ".join(f"{q['query']} {_s(q['seconds'])} ({q['rows']:,} rows; SQL alone {_s(q['count_only_s'])})"
                                     for q in sorted(slow, key=lambda q: -q["seconds"]))
        note += ". Each of these reads the million rows of all_figures; `filter_options` reads them once per " \
                "facet (each facet's list is narrowed by the others' choices), 10-20 ms a facet on two cores"
    errors = [q for q in scale["queries"] if "error" in q]
    if errors:
        note += ("; " if note else "") + "errors: " + ", ".join(f"{q['query']}: {q['error'][:80]}" for q in errors)
    rows.append(_row("Scale: every query", f"{len(queries)} queries in queries/*.sql (all but the full download, "
                     "`all_figures`), median, through run_query; a paged one as its page reads it",
                     f"worst {worst['query']} {_s(worst['seconds'])}" if worst else "–", f"≤ {_s(QUERY_S)} each",
                     MEETS if queries and not slow and not errors else MISSES, note))
    rows += scale_page_rows(pages)
    rows += fetch_rows(scale.get("server_side"))
    return rows


def scale_page_rows(pages: dict | None) -> list[dict]:
    why = _unavailable(pages)
    if why:
        return [_row("Scale: Overview and Data pages", "browser, synthetic vs real", "–", f"≤ {SCALE_PAGE_RATIO}× real",
                     NOT_YET if "landed" in why else FAILED, why)]
    by_label = {p["label"]: p for p in pages["pages"]}
    rows = []
    for label in pages.get("scale_labels", []):
        real = by_label.get(label.removesuffix(" (synthetic)"))
        page = by_label[label]
        ratio = page["median_s"] / real["median_s"]
        rows.append(_row(f"Scale: first render, {label}", "median, same rounds as the real-data page",
                         f"{_s(page['median_s'])} = {ratio:.2f}× real ({_s(real['median_s'])})",
                         f"≤ {SCALE_PAGE_RATIO}× real", MEETS if ratio <= SCALE_PAGE_RATIO else MISSES,
                         f"{_mb(page['ws_bytes'])} over the websocket (real: {_mb(real['ws_bytes'])}); "
                         f"{page['exceptions']} exception(s)"))
    if not rows:
        rows.append(_row("Scale: Overview and Data pages", "browser", "–", f"≤ {SCALE_PAGE_RATIO}× real", FAILED,
                         "no page named Overview or Data found in the navigation"))
    return rows


def fetch_rows(server_side: dict | None) -> list[dict]:
    if not server_side or "error" in server_side:
        why = (server_side or {}).get("error", "not run")
        return [_row("Scale: rows fetched vs shown", "AppTest", "–", FETCH_TARGET,
                     NOT_YET if "not available" in why else FAILED, why[:200])]
    rows = []
    for page in server_side["pages"]:
        if "error" in page:
            rows.append(_row(f"Scale: rows fetched vs shown, {page['page']}", "AppTest on the synthetic set", "–",
                             FETCH_TARGET, FAILED, page["error"][:200]))
            continue
        fetched, shown = page["rows_fetched"], page["shown"]["rows"]
        biggest = max(page["fetched"], key=lambda f: f[1], default=None)
        note = f"shown: {page['shown']['table_rows']:,} table rows, {page['shown']['chart_points']:,} chart points, " \
               f"{page['shown']['metrics']} metrics, {page['shown'].get('choices', 0):,} choices in select boxes, " \
               f"{page['shown'].get('sources_cited', 0):,} sources named in a citation; " \
               f"first visit {_s(page.get('cold_visit_s'))}"
        if biggest:
            note += f"; largest fetch {biggest[0]} ({biggest[1]:,} rows)"
        if not page["fetched"]:
            note += "; no fetch went through amnesty.db.run_query"
        ok = fetched <= shown + FETCH_SLACK_ROWS
        if not ok:
            note += ". Fix: page or aggregate that query in SQL (limit/offset with a total count, or a grouped query)"
        rows.append(_row(f"Scale: rows fetched vs shown, {page['page']}", "AppTest on the synthetic set, run_query counted",
                         f"{fetched:,} fetched, {shown:,} shown", FETCH_TARGET, MEETS if ok else MISSES, note))
    return rows


def _find(data, *words):
    """The first number under a key holding every word, searching nested dicts."""
    if isinstance(data, dict):
        for key, value in data.items():
            if all(w in key.lower() for w in words) and isinstance(value, (int, float)) and not isinstance(value, bool):
                return value
        for value in data.values():
            found = _find(value, *words)
            if found is not None:
                return found
    return None


def load_rows(load: dict | None) -> list[dict]:
    why = _unavailable(load)
    if why or not (load.get("results") or load.get("proxy_results")):
        return [_row("Concurrency: 20-session load test", "bench/load.py", "–",
                     f"p95 ≤ {LOAD_P95_S} s, 0 errors, RSS ≤ {LOAD_RSS_MB} MB",
                     NOT_YET if why and "landed" in why else FAILED, why or load.get("stderr", "no results")[-200:])]
    stale = "" if load.get("run_s") else f" (file written {load.get('results_written')}, not rerun here)"
    exited = "" if load.get("returncode", 0) == 0 else f"load.py exited {load['returncode']}"
    runs = []
    # bench/load.py --client both: the browser run at the top level, the websocket run under "websocket".
    if load.get("results"):
        results = load["results"]
        runs += [results] + [results[c] for c in ("websocket",) if isinstance(results.get(c), dict)]
    proxied = load.get("proxy_results")
    if proxied:
        runs += [proxied] + [proxied[c] for c in ("websocket",) if isinstance(proxied.get(c), dict)]
    return [_load_row(run, stale, exited) for run in runs]


def _load_row(results: dict, stale: str, exited: str) -> dict:
    top = {k: v for k, v in results.items() if not isinstance(v, dict) or k == "server_rss_mb"}
    p95, p50 = _find(top, "p95"), _find(top, "p50")
    errors = _find(top, "error")
    rss = _find(top, "rss", "max") or _find(top, "rss", "peak") or _find(top, "rss")
    sessions = _find(top, "session")
    client = results.get("client", "browser")
    proxied = results.get("via") == "proxy"
    ok = p95 is not None and p95 <= LOAD_P95_S and errors == 0 and rss is not None and rss <= LOAD_RSS_MB
    what = {"browser": "first render in headless chromium, one context per session",
            "websocket": "Streamlit's websocket, no browser: static files, then a script run to script_finished"}
    notes = [exited] if exited else []
    if results.get("session_errors"):
        notes.append(f"{len(results['session_errors'])} failed session(s), e.g. {results['session_errors'][0][:160]}")
    if results.get("server_log_errors"):
        notes.append(f"server log: {results['server_log_errors'][0][:120]}")
    if client == "websocket" and results.get("script_run_p95_s") is not None:
        served = ("from nginx's disk copy, gzipped" if proxied else "served by the Streamlit process, uncompressed")
        notes.append(f"of which static files ({results.get('assets_mb_per_session', 0):.1f} MB of JS, CSS and fonts "
                     f"per first visit, {served}) p95 {_s(results.get('assets_p95_s'))}, "
                     f"script run p95 {_s(results['script_run_p95_s'])}")
    if results.get("server_cpu_s") is not None and results.get("wall_s"):
        whose = f"{results.get('replicas', 1)} replicas'" if proxied else "server"
        notes.append(f"{whose} CPU {results['server_cpu_s']:.1f} s in {results['wall_s']:.1f} s wall "
                     f"({results.get('machine', {}).get('cores', '?')} cores)")
    if proxied and results.get("nginx"):
        notes.append(f"nginx CPU {results['nginx']['cpu_s']:.1f} s, RSS {results['nginx']['rss_mb_after']:.0f} MB")
    load_average = (results.get("machine") or {}).get("load_average_at_start")
    if load_average:
        notes.append(f"load average {load_average[0]:.1f} at start")
    if client == "browser" and not ok:
        notes.append("the chromium drawing every page runs on the same cores as the server; the websocket rows "
                     "are the server's share")
    if proxied:
        measure = f"Concurrency: load test ({client}, through nginx, {results.get('replicas', '?')} replicas)"
        target = f"p95 ≤ {LOAD_P95_S} s, 0 errors, RSS of all replicas ≤ {LOAD_RSS_MB} MB"
        status = MEETS if ok else MISSES
    else:
        # The target is set for the production shape; one process alone is the comparison.
        measure, target, status = f"Concurrency: load test ({client})", "report (one process, for comparison)", REPORTED
    return _row(measure, f"bench/load.py, {sessions or '?'} concurrent sessions, {what.get(client, client)}{stale}",
                f"p50 {_s(p50)}, p95 {_s(p95)}, {errors} errors, RSS {rss:.0f} MB" if rss is not None else
                f"p50 {_s(p50)}, p95 {_s(p95)}, {errors} errors",
                target, status, "; ".join(notes))


# --- the document --------------------------------------------------------------------------------

def _table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    def cell(v):
        return str(v).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(title for _, title in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(r.get(key, "")) for key, _ in columns) + " |" for r in rows]
    return "\n".join(lines)


def all_rows(results: dict) -> list[dict]:
    s = results["sections"]
    return (page_rows(s.get("pages")) + rerun_rows(s.get("rerun")) + figure_rows(s.get("figures"))
            + build_rows(s.get("build")) + export_rows(s.get("export"), s.get("scale"))
            + scale_rows(s.get("scale"), (s.get("queries") or {}).get("real"), s.get("pages"))
            + load_rows(s.get("load")))


def markdown(results: dict) -> str:
    m = results["machine"]
    a = results["args"]
    rows = all_rows(results)
    counts = {status: sum(r["status"] == status for r in rows) for status in (MEETS, MISSES, NOT_YET, FAILED, REPORTED)}
    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python bench/run.py`); every number below is from one run, "
        "and speed is judged as a ratio to a bare Streamlit page served in the same run, because this "
        "machine is small and shared. Raw numbers: `bench/results.json`.",
        "",
        f"Run: {m['date_utc']} at commit {m['commit']}, {a['repeats']} repeat(s) per measure"
        + (f" and {a['page_repeats']} visits of each page" if a.get("page_repeats") else "")
        + (" (**--quick: not a full run**)" if a["quick"] else "") + f", {results.get('total_s', 0):.0f} s in all.",
        "",
        "| Machine | |", "|---|---|",
        f"| CPU | {m['cpu']}, {m['cores']} cores |",
        f"| Memory | {m['memory_mb']:,} MB |",
        f"| OS | {m['os']} |",
        f"| Python | {m['python']} |",
        f"| Browser | {m['chromium']} (headless, 1280×900) |",
        f"| Packages | " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()) + " |",
        f"| Load average | {', '.join(f'{x:.2f}' for x in m['load_average_at_start'])} at start; "
        f"{', '.join(f'{x:.2f}' for x in m.get('load_average_at_end', ()))} at end |",
        "",
        "## Results",
        "",
        f"{counts[MEETS]} meet their target, {counts[MISSES]} miss, {counts[REPORTED]} are reported without a target, "
        f"{counts[NOT_YET]} are not available yet, {counts[FAILED]} failed to run.",
        "",
        _table(rows, [("measure", "Measure"), ("how", "How"), ("result", "Result"), ("target", "Target"),
                      ("status", "Status"), ("note", "What holds it back / note")]),
        "",
    ]
    out += _query_section(results)
    out += profile_section(results["sections"].get("rerun"))
    out += [
        "## Before and after",
        "",
        _table([{"what": w, "before": b, "after": f} for w, b, f in HISTORY],
               [("what", "What"), ("before", "Before"), ("after", "After")]),
        "",
        "## How each number is taken",
        "",
        "- **First text, first chart**: the app behind nginx as `make serve` runs it (`deploy/serve.py`, one "
        "replica), and two bare pages behind nginx the same way: `st.write(\"Hello\")` and one small plotly bar "
        "chart, the floor of this stack. The same two bare pages are served a second time with the socket option "
        "the app's server sets (TCP_NODELAY, `amnesty.tcp_nodelay`), which Streamlit alone does not; the targets "
        "compare with the plain ones, and each row's note gives the page against these too. Each page and the bare "
        "pages are visited in interleaved rounds (one uncounted "
        "warm-up visit each), each visit in a fresh chromium context. First text: the first paragraph or metric value "
        "in the main block enters the DOM (headings and widget labels do not count); first chart: the first plotly "
        "chart's SVG; \"everything drawn\": the last DOM change before a 400 ms quiet period with the script finished, "
        "no skeleton left and every visible chart and table drawn. All on the browser's clock from navigation start. "
        "A first text that misses is broken down from the same visits: when the websocket opened and how many "
        "health checks came before it, when the last message before the text arrived, and the main thread's long "
        "tasks (over 50 ms, the Long Tasks API) between the two.",
        "- **Bytes per first visit**: one visit of each page in a fresh context, direct from `streamlit run` and "
        "through nginx: every HTTP response's headers and body as sent (chromium's own count) plus websocket payload.",
        "- **Rerun**: Streamlit's AppTest in its own process, with one ScriptCache as the server has: a plain rerun, "
        "a change of the page's first select box, radio, toggle or multiselect, and a switch into the page from "
        "another one with warm caches.",
        "- **Concurrency**: `bench/load.py`, 20 sessions at once, spread over the five pages: against one "
        "`streamlit run` (both clients, for comparison) and through nginx in front of two replicas (the websocket "
        "client: each session fetches the page and its static files, asking for gzip, then runs its page over the "
        "websocket). RSS is the replicas' with their children, sampled every 100 ms.",
        "- **Rows fetched vs shown**: AppTest against the synthetic database, with `amnesty.db.run_query` wrapped to "
        "count the rows each query returns on the page's first visit (caches cleared); shown = rows of every dataframe "
        "and table + points of every plotly trace + metrics + the choices every select box and multiselect offers "
        "(sent to the browser, and listed when the reader opens the box).",
        "- **Queries**: every `queries/*.sql` through `run_query` (execute + fetch into pandas), with empty filters and "
        "the latest act for `$act_id`; \"SQL alone\" wraps the query in `select count(*)`.",
        "- **Scale**: `bench/synthetic.py` writes the synthetic set with DuckDB `COPY` (the real rows kept, synthetic "
        "acts and figures added, valid against `data/datapackage.json` and the cross-row rules); it is validated "
        "and built through the same `amnesty.build.build` as `amnesty build`.",
        "- **Figure export**: the CLI only, so it measures what an editor runs.",
        "",
    ]
    return "\n".join(out) + "\n"


def _query_section(results: dict) -> list[str]:
    real = {q["query"]: q for q in ((results["sections"].get("queries") or {}).get("real") or [])}
    scale = {q["query"]: q for q in ((results["sections"].get("scale") or {}).get("queries") or [])}
    if not real and not scale:
        return []
    rows = []
    for name in sorted(set(real) | set(scale)):
        r, s = real.get(name, {}), scale.get(name, {})
        rows.append({
            "query": f"`{name}`",
            "real": r.get("error", "")[:60] or f"{_s(r.get('seconds'))} ({r.get('rows', '–')} rows)",
            "scale": s.get("error", "")[:60] or (f"{_s(s.get('seconds'))} ({s.get('rows', 0):,} rows"
                                                  + ("; a page of them, as the page reads it" if s.get("paged") else "")
                                                  + f"; SQL alone {_s(s.get('count_only_s'))})" if s else "–"),
            "status": ("the full download: reported" if s.get("full_download") else
                       MEETS if s.get("seconds", 1) <= QUERY_S else MISSES) if s else "",
        })
    return ["## Queries, real data and synthetic set", "",
            _table(rows, [("query", "Query"), ("real", "Real data"), ("scale", "Synthetic set"),
                          ("status", f"≤ {_s(QUERY_S)} at scale")]), ""]
