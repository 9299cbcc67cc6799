"""Server-side costs of each page, with Streamlit's AppTest (no browser): first run, rerun, a
widget change, a page switch, and how many rows each page fetches against how many it shows.

    python bench/server_side.py --db FILE [--repeats 5] [--json OUT]

Run it in its own process (run.py does): AMNESTY_DB must point at the database before the app's
modules are first imported, and st.cache_data is process-wide.

Rows fetched are counted by wrapping amnesty.db.run_query, the one door to the queries; a page
that reads the database another way is not counted (the report says which pages fetched nothing).
Rows shown are the rows of every dataframe and table, the points of every plotly trace, the
metrics, and the choices every select box and multiselect offers (each is sent to the browser and
listed when the reader opens the box).

With --profile, each page's warm reruns are also profiled with pyinstrument, started inside the
script thread (AppTest runs the script on a thread of its own): the top costs per rerun go into
the JSON, and the full profile into --profile-dir as text.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
TIMEOUT = 60

FETCHED: list[tuple[str, int]] = []
CITED = "Compiled from: "


def _instrument() -> None:
    import amnesty.db as db

    original = db.run_query

    def counted(con, name, **params):
        frame = original(con, name, **params)
        FETCHED.append((name, len(frame)))
        return frame

    db.run_query = counted


def _points(spec: str) -> int:
    total = 0
    for trace in json.loads(spec).get("data", []):
        lengths = [len(trace[k]) for k in ("x", "y", "values", "z", "lat", "r")
                   if isinstance(trace.get(k), list)]
        total += max(lengths, default=0)
    return total


def _shown(at) -> dict:
    # A reference table is an st.html element (components.text.table_html): a row per <tr> in its body.
    frames = sum(len(el.value) for el in at.dataframe) + sum(
        el.proto.body.partition("<tbody>")[2].count("<tr>") for el in at.get("html"))
    points = 0
    charts = 0
    for el in at.get("plotly_chart"):
        charts += 1
        try:
            points += _points(el.proto.spec)
        except (AttributeError, ValueError):
            pass
    choices = sum(len(box.options) for box in [*at.selectbox, *at.multiselect])
    # The Data page's citation names each source its rows rest on (amnesty.citation, in English here).
    cited = sum(len(el.value.partition(CITED)[2].split("; ")) for el in at.text if CITED in el.value)
    return {"table_rows": frames, "chart_points": points, "charts": charts, "metrics": len(at.metric),
            "choices": choices, "sources_cited": cited, "rows": frames + points + len(at.metric) + choices + cited}


def _timed(callable_) -> float:
    started = time.perf_counter()
    callable_()
    return time.perf_counter() - started


def _change_widget(at):
    """Change the first widget a reader would touch; return (label, a function that runs it)."""
    for widget in at.selectbox:
        if len(widget.options) > 1:
            # By index: with a format_func the options are labels, not the values set_value takes.
            def change(w=widget):
                w.select_index((w.index + 1) % len(w.options) if w.index is not None else 0).run(timeout=TIMEOUT)
            return f"selectbox {widget.label!r}", change
    for widget in at.get("button_group"):  # st.segmented_control and st.pills
        options = [o.content for o in widget.proto.options]
        if len(options) > 1:
            def change(w=widget, options=options):
                current = w.value if not isinstance(w.value, list) else (w.value or [None])[0]
                w.set_value(next(o for o in options if o != current)).run(timeout=TIMEOUT)
            return f"segmented control {widget.proto.label!r}", change
    for widget in at.radio:
        if len(widget.options) > 1:
            def change(w=widget):
                w.set_value(next(o for o in w.options if o != w.value)).run(timeout=TIMEOUT)
            return f"radio {widget.label!r}", change
    for kind in ("toggle", "checkbox"):
        for widget in getattr(at, kind):
            return f"{kind} {widget.label!r}", lambda w=widget: w.set_value(not w.value).run(timeout=TIMEOUT)
    for widget in at.multiselect:
        if widget.options:
            return f"multiselect {widget.label!r}", lambda w=widget: w.set_value(
                [] if w.value else [w.options[0]]).run(timeout=TIMEOUT)
    return None, None


APP_CODE = ("app.py", "app_pages/", "amnesty/", "components/")


def _in_app(path: str) -> bool:
    """The app's own code, not the bench's or a library's."""
    relative = path[len(str(ROOT)) + 1:] if path.startswith(str(ROOT) + "/") else ""
    return relative.startswith(APP_CODE)


def _share_one_script_cache() -> None:
    """AppTest makes a new ScriptCache for every run, so each run parses and compiles app.py and
    the page again (ast.parse and compile were a third of a profiled rerun). The server keeps one
    per process (Runtime._script_cache) and compiles a script once: so does this harness."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _top_costs(session, reruns: int, count: int = 8) -> dict:
    """The functions a rerun spends its time in: by self time (any code), and by inclusive time
    for the app's own functions (a page's module and app.py left out: they hold everything)."""
    self_time: dict[str, float] = {}
    app_time: dict[str, float] = {}

    def walk(frame, app_above: frozenset) -> None:
        if frame.is_synthetic:  # [root], [self], hidden-frame groups: only their children count
            for child in frame.children:
                walk(child, app_above)
            return
        key = f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
        self_time[key] = self_time.get(key, 0.0) + frame.total_self_time
        here = app_above
        if _in_app(frame.file_path or "") and frame.function != "<module>" and key not in app_above:
            app_time[key] = app_time.get(key, 0.0) + frame.time
            here = app_above | {key}
        for child in frame.children:
            walk(child, here)

    root = session.root_frame()
    if root is not None:
        walk(root, frozenset())
    per_rerun = lambda table: [(k, v / reruns) for k, v in sorted(table.items(), key=lambda kv: -kv[1])[:count]]  # noqa: E731
    return {"reruns": reruns, "seconds_per_rerun": session.duration / reruns,
            "self": per_rerun(self_time), "app_inclusive": per_rerun(app_time),
            "note": "times under the profiler, which slows calls: compare shares, not milliseconds"}


def _profiled_reruns(at, reruns: int, out: Path | None, page: str) -> dict:
    """Profile `reruns` plain reruns of the page `at` is on, in the script thread."""
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner import script_runner

    profiler = Profiler(interval=0.0005)
    original = script_runner.ScriptRunner._run_script

    def profiled(self, *args, **kwargs):
        profiler.start()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.stop()

    script_runner.ScriptRunner._run_script = profiled
    try:
        for _ in range(reruns):
            at.run()
    finally:
        script_runner.ScriptRunner._run_script = original
    session = profiler.last_session
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"rerun-{Path(page).stem}.txt").write_text(
            profiler.output_text(unicode=False, color=False, show_all=False))
    return _top_costs(session, reruns)


def page_files() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py") if p.name != "__init__.py")


def measure(repeats: int, only: list[str] | None = None, profile: bool = False,
            profile_dir: Path | None = None) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    bare = AppTest.from_string('import streamlit as st\nst.write("Hello")\n', default_timeout=TIMEOUT)
    bare.run()
    result = {"bare_rerun_s": statistics.median(_timed(bare.run) for _ in range(repeats)), "pages": []}
    pages = [p for p in page_files() if not only or any(word in p for word in only)]
    for page in pages:
        entry = {"page": page}
        try:
            at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
            # A switch needs a session to switch from: without this run AppTest stays on the default
            # page, and every page was measured as the Overview.
            at.run()
            # A reader's first visit to this page, with every cache cold.
            st.cache_data.clear()
            st.cache_resource.clear()
            FETCHED.clear()
            entry["cold_visit_s"] = _timed(lambda: at.switch_page(page).run())
            entry["exceptions"] = [str(e.value)[:300] for e in at.exception]
            entry["fetched"] = list(FETCHED)
            entry["rows_fetched"] = sum(n for _, n in FETCHED)
            entry["shown"] = _shown(at)
            entry["rerun_s"] = statistics.median(_timed(at.run) for _ in range(repeats))
            # A page switch with warm caches: from another page to this one, as a reader clicks.
            other = next((p for p in pages if p != page), None)
            if other:
                samples = []
                for _ in range(repeats):
                    at.switch_page(other).run()
                    samples.append(_timed(lambda: at.switch_page(page).run()))
                entry["warm_switch_s"] = statistics.median(samples)
            if profile:
                at.switch_page(page).run()
                entry["profile"] = _profiled_reruns(at, max(repeats, 10), profile_dir, page)
            label, change = _change_widget(at)
            entry["widget"] = label
            if change:
                try:
                    entry["widget_change_s"] = statistics.median(_timed(change) for _ in range(repeats))
                except Exception as error:  # AppTest cannot set every widget (see the note)
                    entry["widget_error"] = f"{type(error).__name__}: {error}"[:300]
        except Exception as error:  # one broken page must not hide the others' numbers
            entry["error"] = f"{type(error).__name__}: {error}"[:500]
        result["pages"].append(entry)
    # With every page run: what a full garbage collection walks and how long it holds the process
    # (app.py freezes what its heavy imports made).
    result["collector"] = {"walked": len(gc.get_objects()), "frozen": gc.get_freeze_count(),
                           "full_collection_s": statistics.median(_timed(gc.collect) for _ in range(repeats))}
    return result


def main(argv=None) -> int:
    global ROOT, APP
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="page files whose name holds one of these words")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--profile", action="store_true", help="profile each page's warm reruns with pyinstrument")
    parser.add_argument("--profile-dir", type=Path, help="write each page's full rerun profile here as text")
    parser.add_argument("--root", type=Path, default=ROOT, help="folder holding app.py and app_pages/ (for tests)")
    args = parser.parse_args(argv)
    ROOT, APP = args.root.resolve(), args.root.resolve() / "app.py"
    os.environ["AMNESTY_DB"] = str(args.db.resolve())
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
    _instrument()
    _share_one_script_cache()
    if not APP.exists():
        result = {"error": "app.py not available yet"}
    else:
        result = measure(args.repeats, args.only, args.profile, args.profile_dir)
    text = json.dumps(result, indent=1)
    if args.json:
        args.json.write_text(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
