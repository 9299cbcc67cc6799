"""The in-process measures: `amnesty build`, every query, the tidy data export, figure export.

Each function returns plain dicts that run.py turns into table rows. Timings are medians of
`repeats` runs taken with time.perf_counter.
"""
from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AMNESTY = Path(sys.executable).with_name("amnesty")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)(::[a-z]+\[\])?", re.IGNORECASE)


def median_time(callable_, repeats: int) -> tuple[float, list[float]]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        callable_()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), samples


def run_cli(*args: str, timeout: float = 300) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run([str(AMNESTY), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - started, done


# --- amnesty build ---------------------------------------------------------------------------

def build_times(data_dir: Path, repeats: int) -> dict:
    """The build in-process (what a batch job that imports amnesty pays) and from a cold CLI."""
    from amnesty.build import build
    from amnesty.validate import validate

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "amnesty.duckdb"
        build(data_dir, db)  # first call pays imports and file-system warm-up
        in_process, _ = median_time(lambda: build(data_dir, db), repeats)
        validation, _ = median_time(lambda: validate(data_dir), repeats)
        cli_samples = []
        for _ in range(repeats):
            seconds, done = run_cli("build", "--data-dir", str(data_dir), "--db", str(db))
            if done.returncode != 0:
                raise RuntimeError(done.stderr)
            cli_samples.append(seconds)
        imports = _import_seconds("import amnesty.build")
    return {"in_process_s": in_process, "validate_s": validation, "cli_s": statistics.median(cli_samples),
            "cli_import_s": imports}


def _import_seconds(statement: str, repeats: int = 3) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    return statistics.median(
        float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout) for _ in range(repeats))


# --- queries ---------------------------------------------------------------------------------

def query_parameters(sql: str, con) -> dict:
    """Values for a query's $parameters: empty lists (no filter), derived figures included, for a
    single act the most recent act (the one with the most rows at the real scale), and the
    derivations to word as many as a page shows."""
    params = {}
    for name, list_cast in PARAMETER.findall(sql):
        if name == "derivations":  # the most one page of a reference table words
            from amnesty.ui import REFERENCE_PAGE_ROWS
            params[name] = [text for text, in con.execute(
                "select distinct derivation from all_figures where derived and derivation is not null "
                "order by derivation limit $n", {"n": REFERENCE_PAGE_ROWS}).fetchall()]
        elif list_cast:
            params[name] = []
        elif name.startswith("include_"):
            params[name] = True
        elif name == "row_limit":  # one page of the Data page's table, as a reader asks for it
            from amnesty.dataset import TABLE_PAGE_ROWS
            params[name] = TABLE_PAGE_ROWS
        elif name in ("option_limit", "limit"):  # the acts a page's list offers before a search
            from amnesty.filters import ACT_CHOICES
            params[name] = ACT_CHOICES
        elif name in ("option_search", "search"):  # no search typed
            params[name] = ""
        elif name == "act_limit":  # as the charts ask for it
            from amnesty.figures import CHART_ACTS
            params[name] = CHART_ACTS[name]
        elif name == "row_offset":
            params[name] = 0
        elif name == "act_id":
            params[name] = con.execute("select act_id from acts order by act_date desc, act_id limit 1").fetchone()[0]
        else:
            params[name] = None
    return params


# The queries whose every row is the point: the full filtered download (issue 16's target leaves it out).
FULL_DOWNLOADS = {"all_figures"}


def paged_queries() -> set[str]:
    """The queries a page reads a page at a time (amnesty.ui.page_of_rows), as the pages name them."""
    return {name for page in (ROOT / "app_pages").glob("*.py")
            for name in re.findall(r'page_of_rows\("([a-z_]+)"', page.read_text(encoding="utf-8"))}


def query_times(db_path: Path, repeats: int) -> list[dict]:
    """Every queries/*.sql against one database: median wall time through run_query (execute plus
    the fetch into pandas, as a page pays it) and the rows it returns; a query a page reads a page
    at a time, through run_query_page, as the page reads it (its first page and its row count)."""
    from amnesty.db import connect, query_text, run_query, run_query_page
    from amnesty.ui import REFERENCE_PAGE_ROWS

    paged = paged_queries()
    con = connect(db_path)
    rows = []
    try:
        for path in sorted((ROOT / "queries").glob("*.sql")):
            name = path.stem
            params = query_parameters(query_text(name), con)
            try:
                if name in paged:  # as the page runs it: its first page and the row count
                    fetch = lambda: run_query_page(con, name, REFERENCE_PAGE_ROWS, 0, **params)  # noqa: E731
                    _, count = fetch()  # warm: the first call plans and reads pages
                    seconds, _ = median_time(fetch, repeats)
                else:
                    count = len(run_query(con, name, **params))  # warm, as above
                    seconds, _ = median_time(lambda: run_query(con, name, **params), repeats)
                # The query alone, without building a DataFrame: what DuckDB itself takes.
                counted = f"select count(*) from (\n{query_text(name).strip().rstrip(';')}\n) as q"
                with con.cursor() as cursor:
                    sql_only, _ = median_time(lambda: cursor.execute(counted, params).fetchone(), repeats)
                rows.append({"query": name, "seconds": seconds, "count_only_s": sql_only, "rows": count,
                             "paged": name in paged, "full_download": name in FULL_DOWNLOADS,
                             "params": {k: v for k, v in params.items() if v not in ([], None, True)}})
            except Exception as error:
                rows.append({"query": name, "error": f"{type(error).__name__}: {error}"[:300]})
    finally:
        con.close()
    return rows


# --- tidy data export ------------------------------------------------------------------------

def data_export_times(db_path: Path, repeats: int, formats=("csv", "xlsx", "parquet", "json"),
                      act_ids=()) -> list[dict]:
    """figures_frame (the query) plus figures_bytes (the file) for each format."""
    from amnesty.dataset import figures_frame
    from amnesty.export_data import figures_bytes

    frame = figures_frame(db_path, act_ids=act_ids)
    query_s, _ = median_time(lambda: figures_frame(db_path, act_ids=act_ids), repeats)
    out = []
    for fmt in formats:
        size = len(figures_bytes(frame, fmt))
        seconds, _ = median_time(lambda: figures_bytes(frame, fmt), repeats)
        out.append({"format": fmt, "rows": len(frame), "query_s": query_s, "write_s": seconds,
                    "total_s": query_s + seconds, "bytes": size})
    return out


# --- figure export ---------------------------------------------------------------------------

def figure_export_times(formats=("png", "svg", "pdf"), derive_warm: bool = True) -> dict:
    """From the CLI only, so the measure holds whatever renderer issue 5 lands:
    - batch: every figure in every format from one cold `amnesty export figures --all` run;
    - warm, per file and format: (T(all figures) - T(one figure)) / (figures - 1), two cold runs
      whose difference is the files written after the first, i.e. with kaleido already warm."""
    seconds, listed = run_cli("export", "figures", "--list", timeout=120)
    names = [line.strip() for line in listed.stdout.splitlines() if line.strip()]
    if listed.returncode != 0 or not names:
        text = [re.sub(r"[^\w .,:'\"-]", "", line).strip() for line in (listed.stderr + listed.stdout).splitlines()]
        return {"available": False, "why": " ".join(line for line in text if line) or "no figures listed"}
    result = {"available": True, "figures": len(names), "names": names, "warm_per_file_s": {}}
    with tempfile.TemporaryDirectory() as tmp:
        batch_dir = Path(tmp) / "batch"
        seconds, done = run_cli("export", "figures", "--all", "--format", ",".join(formats), "--out-dir", str(batch_dir))
        result["batch_s"] = seconds
        result["batch_files"] = sum(1 for p in batch_dir.rglob("*") if p.is_file()) if batch_dir.exists() else 0
        result["batch_ok"] = done.returncode == 0
        if done.returncode != 0:
            result["batch_error"] = (done.stderr or done.stdout).strip()[-500:]
        # The same batch again: every figure now comes from the render cache the first one filled
        # (amnesty.render_cache), as a second export of unchanged data does.
        again_s, again = run_cli("export", "figures", "--all", "--format", ",".join(formats), "--out-dir",
                                 str(Path(tmp) / "batch-again"))
        result["batch_cached_s"] = again_s if again.returncode == 0 else None
        for fmt in formats if derive_warm else ():
            one_dir, all_dir = Path(tmp) / f"one-{fmt}", Path(tmp) / f"all-{fmt}"
            one_s, one = run_cli("export", "figures", names[0], "--format", fmt, "--out-dir", str(one_dir))
            all_s, every = run_cli("export", "figures", "--all", "--format", fmt, "--out-dir", str(all_dir))
            if one.returncode or every.returncode or len(names) < 2:
                result["warm_per_file_s"][fmt] = None
                continue
            result["warm_per_file_s"][fmt] = max(all_s - one_s, 0) / (len(names) - 1)
            result.setdefault("cold_one_file_s", {})[fmt] = one_s
            shutil.rmtree(one_dir, ignore_errors=True)
    return result


def warm_render_times(db_path: Path, formats=("png", "svg", "pdf"), repeats: int = 3) -> dict:
    """Per file and format with one warm Kaleido server, in process, through amnesty.render's
    chart_bytes (the call the app's download buttons make): the median over every figure of the
    median of `repeats` renders."""
    try:
        from amnesty.db import connect
        from amnesty.figures import build_chart, figure_names
        from amnesty.render import chart_bytes, stop_server
    except ImportError as error:
        return {"available": False, "why": f"amnesty.render not importable: {error}"}
    con = connect(db_path)
    try:
        charts = {name: build_chart(name, con) for name in figure_names(con)}
    finally:
        con.close()
    started = time.perf_counter()
    chart_bytes(next(iter(charts.values())), formats[0])  # starts the server: the cold cost
    cold = time.perf_counter() - started
    per_format, cached = {}, {}
    try:
        for fmt in formats:
            # The first call draws the figure (the caller points the render cache at an empty
            # folder); the next ones read it back from the cache, as a repeated download does.
            per_figure, again = {}, {}
            for name, chart in charts.items():
                per_figure[name] = median_time(lambda: chart_bytes(chart, fmt), 1)[0]
                again[name] = median_time(lambda: chart_bytes(chart, fmt), repeats)[0]
            slowest = max(per_figure, key=per_figure.get)
            per_format[fmt] = {"median_s": statistics.median(per_figure.values()), "max_s": per_figure[slowest],
                               "slowest": slowest}
            cached[fmt] = {"median_s": statistics.median(again.values()), "max_s": max(again.values())}
    finally:
        stop_server()
    return {"available": True, "figures": len(charts), "server_start_s": cold, "per_format": per_format,
            "cached_per_format": cached}
