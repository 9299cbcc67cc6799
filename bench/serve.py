"""Serve a Streamlit script on a free loopback port for as long as a `with` block lasts."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STREAMLIT = Path(sys.executable).with_name("streamlit")
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import proxy_server  # noqa: E402

# Bare pages: the floor of this stack that each page is compared with, served by the same
# Streamlit (and the same .streamlit/config.toml) in the same run. One line of text for a page's
# first text; one small plotly chart for its first chart (Streamlit lazy-loads plotly.js on the
# first chart of a session, so this page pays that too).
BARE_APP = 'import streamlit as st\nst.write("Hello")\n'
BARE_CHART_APP = ('import plotly.graph_objects as go\nimport streamlit as st\n'
                  'st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))\n')
# The app's server turns Nagle's algorithm off on its connections (amnesty.tcp_nodelay); Streamlit
# alone leaves it on. A bare page can only do it from its script, so from its second session on:
# every counted visit comes after the uncounted warm-up. Served beside the plain bare pages, it
# shows how much of a page's margin over them is that socket option.
NODELAY_LINES = (f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
                 "from amnesty.tcp_nodelay import send_without_delay\nsend_without_delay()\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of one process, in MB (from /proc, so no psutil is needed)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@contextmanager
def serve(script: Path, env: dict | None = None, cwd: Path = ROOT, timeout: float = 60):
    """Yield (base_url, process) for `streamlit run script` on 127.0.0.1; stop it afterwards."""
    port = free_port()
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-streamlit-{port}.log", "w")
    process = subprocess.Popen(
        [str(STREAMLIT), "run", str(script), "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", "--server.runOnSave", "false"],
        cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer within {timeout} s; see {log.name}")
            time.sleep(0.1)
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


@contextmanager
def serve_proxy(script: Path, run_dir: Path, db: Path | None = None, replicas: int = 1, preload: bool = True):
    """Yield the URL of nginx in front of `replicas` processes of `script` (deploy/serve.py, as
    `make serve` runs it, warmed); stop it all afterwards."""
    db = db or Path(os.environ.get("AMNESTY_DB", ROOT / "build" / "amnesty.duckdb"))
    proxy = proxy_server.start(db, run_dir, replicas=replicas, script=str(script), preload=preload)
    try:
        yield proxy
    finally:
        proxy.stop(signal.SIGTERM)
