"""`make bench`: how the dashboard feels to a reader, an editor and a researcher, as ratios in one run.

    python bench/run.py [--quick] [--repeats N] [--page-repeats N] [--acts N --figures N] [--skip SECTION ...]

Writes bench/results.json (every number) and bench/RESULTS.md (the table, with machine facts and
date). Parts whose code has not landed yet (the app, figure export, the load test) are reported as
"not available yet" instead of failing the run. --quick is for building the harness: one repeat
and a small synthetic set; only a full run belongs in RESULTS.md.

Sections: build, queries, export, figures, pages, rerun, scale, load.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(1, str(ROOT))

import measure  # noqa: E402
import report  # noqa: E402
import synthetic  # noqa: E402

SECTIONS = ("build", "queries", "export", "figures", "pages", "rerun", "scale", "load")
# Page files (or navigation labels) that the scale test renders against the synthetic set.
SCALE_PAGES = ("overview", "data")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine_facts() -> dict:
    def version(module):
        try:
            from importlib.metadata import version as v
            return v(module)
        except Exception:
            return None

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), None)
    try:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip())
    return {
        "date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cpu": cpu, "cores": os.cpu_count(), "memory_mb": memory,
        "os": platform.platform(), "python": platform.python_version(),
        "chromium": chromium, "commit": commit + ("+uncommitted changes" if dirty else ""),
        "load_average_at_start": os.getloadavg(),
        "packages": {m: version(m) for m in ("streamlit", "duckdb", "plotly", "kaleido", "pandas",
                                              "pyarrow", "frictionless", "playwright")},
    }


class Run:
    """Collects results section by section; a section that raises is recorded, not fatal."""

    def __init__(self, args):
        self.args = args
        self.results: dict = {"sections": {}}
        self.tmp = Path(tempfile.mkdtemp(prefix="amnesty-bench-"))
        self.real_db = self.tmp / "real.duckdb"
        self.synthetic_dir = self.tmp / "synthetic"
        self.synthetic_db = self.tmp / "synthetic.duckdb"

    def section(self, name: str, function) -> None:
        if name in self.args.skip:
            self.results["sections"][name] = {"skipped": True}
            return
        log(f"{name} ...")
        started = time.perf_counter()
        try:
            self.results["sections"][name] = function()
        except Exception as error:
            self.results["sections"][name] = {"error": f"{type(error).__name__}: {error}",
                                              "traceback": traceback.format_exc()[-3000:]}
            log(f"{name} failed: {type(error).__name__}: {error}")
        self.results["sections"].setdefault(name, {})
        if isinstance(self.results["sections"][name], dict):
            self.results["sections"][name]["section_s"] = time.perf_counter() - started
        log(f"{name} done in {time.perf_counter() - started:.1f} s")

    # --- sections ----------------------------------------------------------------------------

    def build(self) -> dict:
        return measure.build_times(ROOT / "data", self.args.repeats)

    def queries(self) -> dict:
        return {"real": measure.query_times(self.real_db, self.args.repeats)}

    def export(self) -> dict:
        return {"real": measure.data_export_times(self.real_db, self.args.repeats)}

    def figures(self) -> dict:
        env_db = os.environ.get("AMNESTY_DB")
        os.environ["AMNESTY_DB"] = str(self.real_db)
        try:
            # Each measure starts from an empty render cache, so a first export is really drawn.
            with tempfile.TemporaryDirectory() as cache:
                os.environ["AMNESTY_RENDER_CACHE"] = cache
                warm = measure.warm_render_times(self.real_db, repeats=min(self.args.repeats, 3))
            with tempfile.TemporaryDirectory() as cache:
                os.environ["AMNESTY_RENDER_CACHE"] = cache
                batch = measure.figure_export_times(derive_warm=not warm.get("available"))
            return {**batch, "in_process": warm}
        finally:
            os.environ.pop("AMNESTY_RENDER_CACHE", None)
            if env_db is None:
                os.environ.pop("AMNESTY_DB", None)
            else:
                os.environ["AMNESTY_DB"] = env_db

    def scale(self) -> dict:
        from amnesty.build import build
        from amnesty.validate import validate

        out: dict = {"acts": self.args.acts, "figures": self.args.figures}
        info = synthetic.write(self.synthetic_dir, self.args.acts, self.args.figures)
        out["generate_s"], out["csv_bytes"] = info["seconds"], info["bytes"]
        log(f"  synthetic set written in {info['seconds']:.1f} s; validating through Frictionless ...")
        started = time.perf_counter()
        problems = validate(self.synthetic_dir)
        out["validate_s"] = time.perf_counter() - started
        out["validate_problems"] = [str(p) for p in problems[:10]]
        log(f"  validated in {out['validate_s']:.1f} s ({len(problems)} problems); building ...")
        started = time.perf_counter()
        build(self.synthetic_dir, self.synthetic_db)  # the same path as `amnesty build`: validates again
        out["build_s"] = time.perf_counter() - started
        import duckdb
        with duckdb.connect(str(self.synthetic_db), read_only=True) as con:
            out["all_figures_rows"] = con.execute("select count(*) from all_figures").fetchone()[0]
            out["db_bytes"] = self.synthetic_db.stat().st_size
        log(f"  built in {out['build_s']:.1f} s; timing queries ...")
        out["queries"] = measure.query_times(self.synthetic_db, min(self.args.repeats, 3))
        log("  timing the tidy export at scale ...")
        out["export"] = measure.data_export_times(self.synthetic_db, 1, formats=("csv", "parquet"))
        # XLSX and JSON are written cell by cell in Python; a hundred acts show the rate.
        some_acts = [f"syn-act-{i:05d}" for i in range(min(100, self.args.acts))]
        out["export_100_acts"] = measure.data_export_times(self.synthetic_db, 1, act_ids=some_acts)
        log("  rows fetched against rows shown, per page (AppTest) ...")
        out["server_side"] = self._server_side(self.synthetic_db, repeats=1)
        out["synthetic_db_intact"] = self._synthetic_intact()
        return out

    def _synthetic_intact(self) -> bool:
        """The app rebuilds a database it thinks stale from data/: check that ours was left alone."""
        import duckdb
        with duckdb.connect(str(self.synthetic_db), read_only=True) as con:
            return con.execute("select count(*) from acts").fetchone()[0] > self.args.acts

    def _server_side(self, db: Path, repeats: int, only=(), profile: bool = False) -> dict:
        path = self.tmp / f"server-side-{db.stem}.json"
        profiling = ["--profile", "--profile-dir", str(BENCH / "profiles")] if profile else []
        done = subprocess.run([sys.executable, str(BENCH / "server_side.py"), "--db", str(db),
                               "--repeats", str(repeats), "--json", str(path), *(["--only", *only] if only else []),
                               *profiling],
                              cwd=ROOT, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0 or not path.exists():
            return {"error": done.stderr[-2000:]}
        return json.loads(path.read_text())

    def rerun(self) -> dict:
        # With a pyinstrument profile of each page's warm reruns: its top costs go into RESULTS.md,
        # the whole profile into bench/profiles/.
        return self._server_side(self.real_db, self.args.repeats, profile=True)

    def pages(self) -> dict:
        """First text, first chart and full render of every page through nginx (the production
        shape, `make serve`), against bare pages served the same way in the same rounds; then the
        bytes of one first visit of each page, direct from Streamlit and through nginx."""
        if not (ROOT / "app.py").exists():
            return {"available": False, "why": "app.py has not landed yet"}
        from browser import Browser, first_visit_bytes, time_pages
        from serve import BARE_APP, BARE_CHART_APP, NODELAY_LINES, serve, serve_proxy

        bare_text, bare_chart = self.tmp / "bare_text_app.py", self.tmp / "bare_chart_app.py"
        bare_text.write_text(BARE_APP)
        bare_chart.write_text(BARE_CHART_APP)
        nodelay_text, nodelay_chart = self.tmp / "bare_text_nodelay.py", self.tmp / "bare_chart_nodelay.py"
        nodelay_text.write_text(NODELAY_LINES + BARE_APP)
        nodelay_chart.write_text(NODELAY_LINES + BARE_CHART_APP)
        scale = self.synthetic_db.exists()
        # One replica each: a visit's timing does not depend on how many there are, and with one
        # every counted visit meets caches its warm-up visit filled.
        with Browser() as browser, \
                serve_proxy(ROOT / "app.py", self.tmp / "serve-app", db=self.real_db) as app, \
                serve_proxy(bare_text, self.tmp / "serve-bare-text") as text, \
                serve_proxy(bare_chart, self.tmp / "serve-bare-chart") as chart, \
                serve_proxy(nodelay_text, self.tmp / "serve-nodelay-text") as text_nodelay, \
                serve_proxy(nodelay_chart, self.tmp / "serve-nodelay-chart") as chart_nodelay:
            pages = browser.nav_links(app.url)
            targets = list(pages)
            bares = [("bare text page", text.url + "/"), ("bare chart page", chart.url + "/"),
                     (report.NODELAY_TEXT, text_nodelay.url + "/"), (report.NODELAY_CHART, chart_nodelay.url + "/")]
            if scale:
                # The app on the synthetic database, behind its own nginx, timed in the same rounds.
                with serve_proxy(ROOT / "app.py", self.tmp / "serve-synthetic", db=self.synthetic_db) as synthetic:
                    scale_targets = [(f"{label} (synthetic)", url.replace(app.url, synthetic.url))
                                     for label, url in pages
                                     if any(word in (label + url).lower() for word in SCALE_PAGES)]
                    bare, timed = time_pages(browser, bares, targets + scale_targets, self.args.page_repeats)
            else:
                scale_targets = []
                bare, timed = time_pages(browser, bares, targets, self.args.page_repeats)
            log("  bytes per first visit, direct and through nginx ...")
            with serve(ROOT / "app.py", env={"AMNESTY_DB": str(self.real_db)}) as (direct_url, _):
                visits = first_visit_bytes(browser, [(f"{label}|direct", url.replace(app.url, direct_url))
                                                     for label, url in pages] + [(f"{label}|proxied", url)
                                                                                 for label, url in pages])
        transfer = {}
        for visit in visits:
            label, how = visit["label"].rsplit("|", 1)
            transfer.setdefault(label, {})[how] = visit
        return {"available": True, "served": "nginx in front of one replica each (deploy/serve.py)",
                "bare": [b.as_dict() for b in bare], "pages": [t.as_dict() for t in timed],
                "scale_labels": [label for label, _ in scale_targets],
                "first_visit_bytes": transfer,
                "synthetic_db_intact": self._synthetic_intact() if scale else None}

    def load(self) -> dict:
        """20 sessions against one process (both clients, for comparison), then 20 websocket
        sessions through nginx in front of two replicas (make serve's shape, the target)."""
        script = BENCH / "load.py"
        runs = {"results": (BENCH / "load_results.json", ["--client", "both"]),
                "proxy_results": (BENCH / "load_results_proxy.json", ["--client", "websocket", "--via", "proxy"])}
        out: dict = {}
        if not script.exists():
            return {"available": False, "why": "bench/load.py has not landed yet"}
        for key, (results, options) in runs.items():
            if "load" not in self.args.reuse:
                started = time.perf_counter()
                # The browser client's chromium shares this machine's cores with the server; the
                # websocket runs are the server's own share of the time.
                done = subprocess.run([sys.executable, str(script), *options, "--out", str(results)],
                                      cwd=ROOT, capture_output=True, text=True, timeout=900,
                                      env={**os.environ, "AMNESTY_DB": str(self.real_db)})
                out["run_s"] = out.get("run_s", 0) + time.perf_counter() - started
                out["returncode"] = out.get("returncode") or done.returncode
                if done.returncode:
                    out.setdefault("stderr", "")
                    out["stderr"] += done.stderr[-2000:]
            if results.exists():
                out["available"] = True
                out[key] = json.loads(results.read_text())
                out[f"{key}_written"] = datetime.fromtimestamp(results.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
        out["results_written"] = out.get("results_written")
        return out

    def go(self) -> dict:
        self.results["machine"] = machine_facts()
        self.results["args"] = {"repeats": self.args.repeats, "page_repeats": self.args.page_repeats,
                                "acts": self.args.acts, "figures": self.args.figures,
                                "quick": self.args.quick, "skip": self.args.skip}
        from amnesty.build import build
        build(ROOT / "data", self.real_db)
        self.section("build", self.build)
        self.section("queries", self.queries)
        self.section("export", self.export)
        self.section("scale", self.scale)
        self.section("rerun", self.rerun)
        self.section("pages", self.pages)
        self.section("figures", self.figures)
        self.section("load", self.load)
        self.results["machine"]["load_average_at_end"] = os.getloadavg()
        return self.results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, a small synthetic set")
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--page-repeats", type=int,
                        help="visits of each page and bare page (default 9): single first-text visits "
                             "range over 0.3 s here, so five did not settle a 1.2x target")
    parser.add_argument("--acts", type=int)
    parser.add_argument("--figures", type=int)
    parser.add_argument("--skip", nargs="*", default=[], choices=SECTIONS)
    parser.add_argument("--reuse", nargs="*", default=[], choices=("load",),
                        help="report bench/load_results.json as it is instead of running the load test")
    parser.add_argument("--out", type=Path, default=BENCH, help="folder for RESULTS.md and results.json")
    args = parser.parse_args(argv)
    args.repeats = args.repeats or (1 if args.quick else 5)
    args.page_repeats = args.page_repeats or (1 if args.quick else 9)
    args.acts = args.acts or (200 if args.quick else 10_000)
    args.figures = args.figures or (20_000 if args.quick else 1_000_000)
    started = time.perf_counter()
    results = Run(args).go()
    results["total_s"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    (args.out / "RESULTS.md").write_text(report.markdown(results))
    log(f"wrote {args.out / 'RESULTS.md'} and results.json in {results['total_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
