"""`make serve`: nginx on one port in front of N Streamlit replicas on loopback ports.

    python deploy/serve.py [--port 8501] [--replicas 2] [--host 0.0.0.0] [--run-dir build/serve]
                           [--script app.py] [--restart-delay 1] [--config-only]

The supervisor of the production shape (docs/deploy.md), small enough to read in one sitting:

- It fills deploy/nginx.conf (ports, the run folder, Streamlit's static folder) into the run
  folder. nginx serves Streamlit's hashed bundles from a copy in build/static-gz/ with a gzip file
  beside each (gzip_static), made once per Streamlit version.
- It starts the replicas (`streamlit run app.py` on free 127.0.0.1 ports), waits until each
  answers /_stcore/health, runs every page once on each (over the websocket, so that no reader pays
  the imports or a page's first queries), then starts nginx and waits until the proxy answers too.
  Once ready it writes <run-dir>/serve.json (ports and pids) for tests and the bench.
- A replica that dies is started again on its port after --restart-delay seconds; nginx sends its
  readers to the others meanwhile. If nginx dies, everything stops: it is the front door.
- SIGINT (one Ctrl-C), SIGTERM or SIGHUP stops everything: nginx and every replica's process group
  get SIGTERM, anything still alive after 10 s gets SIGKILL, and so does any descendant that left
  its group. Each child also gets SIGTERM from the kernel if this process dies without cleaning up
  (PR_SET_PDEATHSIG), so not even `kill -9` of the supervisor leaves orphans serving.

Everything runs as the current user; nginx writes only under the run folder.
"""
from __future__ import annotations

import argparse
import ctypes
import grp
import gzip
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
TEMPLATE = DEPLOY / "nginx.conf"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
# Compressed once for gzip_static; fonts (woff2) and images are compressed already.
COMPRESSIBLE = {".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt", ".html", ".ttf"}
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_GRACE_S = 10


def log(message: str) -> None:
    print(f"[serve {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def streamlit_static_dir() -> Path:
    """Streamlit's built frontend (index.html and static/js, static/css, static/media)."""
    import streamlit

    return Path(streamlit.__file__).parent / "static"


def prepare_static(cache_dir: Path) -> Path:
    """A copy of Streamlit's static folder with a level-9 .gz beside each compressible file, made
    once per Streamlit version under cache_dir and shared by every run folder. Returns nginx's root
    for /static/.
    """
    import streamlit

    root = cache_dir / f"streamlit-{streamlit.__version__}"
    if root.exists():
        return root
    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".static-", dir=cache_dir))
    shutil.copytree(streamlit_static_dir() / "static", building / "static")
    for path in (building / "static").rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            # mtime=0: the same bundle gives the same bytes.
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
    building.chmod(0o755)
    try:
        building.rename(root)  # atomic: two supervisors starting at once never see half a copy
    except OSError:  # the other one finished first
        shutil.rmtree(building, ignore_errors=True)
    log(f"compressed Streamlit {streamlit.__version__}'s static files in {time.perf_counter() - started:.1f} s")
    return root


def preload_links(static_root: Path) -> str:
    """<link rel=modulepreload> for Streamlit's plotly chunk, as index.html links its own modules
    (relative, crossorigin), so the browser reuses the fetched module when a chart asks for it."""
    chunks = sorted((static_root / "static" / "js").glob("PlotlyChart.*.js"))
    return "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{c.name}">' for c in chunks)


# Streamlit's frontend looks for its server by asking the page's own path first
# (/act/_stcore/health), and only after a fixed 100 ms the path one level up: on every deep link
# that is a 404 and a wait before the websocket opens. This app is served at the root, so each page
# says so before the bundle runs, in the frontend's own embedding config (window.__streamlit):
# BACKEND_BASE_URL for the server, MAIN_PAGE_BASE_URL for the page paths it reads and writes.
BASE_URL_SCRIPT = ('<script>window.__streamlit={BACKEND_BASE_URL:location.origin+"/",'
                   'MAIN_PAGE_BASE_URL:location.origin+"/"};</script>')


def nginx_config(port: int, host: str, replica_ports: list[int], run_dir: Path, static_root: Path,
                 preload: bool = True) -> str:
    """deploy/nginx.conf with every @…@ placeholder filled."""
    user = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in replica_ports)
    values = {"RUN_DIR": str(run_dir), "USER": user, "GROUP": group, "LISTEN": f"{host}:{port}",
              "STATIC_ROOT": str(static_root), "UPSTREAM_SERVERS": servers,
              "HEAD_ADDITIONS": BASE_URL_SCRIPT + (preload_links(static_root) if preload else "")}
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if left:
        raise ValueError(f"deploy/nginx.conf has placeholders no value was given for: {left}")
    return text


def _die_with_parent() -> None:
    """In the child before exec: the kernel sends SIGTERM when the supervisor dies."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from /proc/<pid>/task/*/children."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                kids = [int(k) for k in children.read_text().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def _start_time(pid: int) -> str | None:
    """A process's start time (field 22 of /proc/<pid>/stat): tells a pid from a reused one."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: str | None) -> bool:
    state = None
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z" and _start_time(pid) == started


@dataclass
class Child:
    name: str
    command: list[str]
    log_path: Path
    env: dict = field(default_factory=dict)
    port: int | None = None
    process: subprocess.Popen | None = None
    # Every process seen below this child (pid -> start time), so that one which left the process
    # group is still found at shutdown.
    seen: dict = field(default_factory=dict)

    def start(self) -> None:
        with open(self.log_path, "a") as out:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env={**os.environ, **self.env}, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)
        self.seen = {self.process.pid: _start_time(self.process.pid)}

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def note_descendants(self) -> None:
        if self.running():
            for pid in descendants(self.process.pid):
                self.seen.setdefault(pid, _start_time(pid))

    def signal_group(self, sig: int) -> None:
        if self.running():
            try:
                os.killpg(self.process.pid, sig)  # its own session: the process and its children
            except ProcessLookupError:
                pass

    def leftovers(self) -> list[int]:
        return [pid for pid, started in self.seen.items() if _alive(pid, started)]


def warm(port: int, timeout_s: float = 120) -> tuple[float, int]:
    """Run every page of the app once on a replica, over Streamlit's websocket as a browser would,
    so that no reader pays the imports of pandas, plotly and DuckDB or a page's first queries and
    charts (st.cache_data is per process). Returns (seconds, pages run)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    started = time.perf_counter()
    deadline = time.monotonic() + timeout_s
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                 open_timeout=timeout_s) as ws:

        def run(page_name: str) -> list[str]:
            """One script run; the url paths of the app's pages, as its navigation message lists them."""
            request = BackMsg()
            request.rerun_script.query_string = ""
            request.rerun_script.page_name = page_name
            ws.send(request.SerializeToString())
            pages = []
            while True:
                message = ForwardMsg()
                message.ParseFromString(ws.recv(timeout=max(deadline - time.monotonic(), 0.1)))
                kind = message.WhichOneof("type")
                if kind == "navigation":
                    pages = [p.url_pathname for p in message.navigation.app_pages if not p.is_default]
                elif kind == "script_finished":
                    return pages

        others = run("")
        for page_name in others:
            run(page_name)
    return time.perf_counter() - started, 1 + len(others)


class Supervisor:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.run_dir: Path = args.run_dir.resolve()
        self.stop_requested = threading.Event()
        self.stop_signal: int | None = None
        self.replicas: list[Child] = []
        self.nginx: Child | None = None
        self.restart_at: dict[str, float] = {}

    # --- signals -------------------------------------------------------------------------------

    def _on_signal(self, signum, _frame) -> None:
        if self.stop_signal is None:
            self.stop_signal = signum
            # A message from a signal handler: print may be mid-write on the main thread, so os.write.
            os.write(2, f"[serve] {signal.Signals(signum).name}: stopping nginx and the replicas\n".encode())
        self.stop_requested.set()

    def _wait(self, seconds: float) -> bool:
        """Sleep, but wake at once on a stop signal; True if stopping."""
        return self.stop_requested.wait(seconds)

    # --- start ---------------------------------------------------------------------------------

    def _replica(self, index: int, port: int) -> Child:
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / self.args.script),
                   "--server.port", str(port), "--server.address", "127.0.0.1",
                   "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
        return Child(f"replica {index + 1}", command, self.run_dir / f"replica-{index + 1}.log", port=port)

    def _healthy(self, url: str) -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def _wait_healthy(self, child: Child, url: str, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not self._healthy(url):
            if not child.running():
                raise RuntimeError(f"{child.name} exited with {child.process.returncode}; see {child.log_path}:\n"
                                   + child.log_path.read_text(errors="replace")[-2000:])
            if time.monotonic() > deadline:
                raise RuntimeError(f"{child.name} did not answer {url} within {timeout_s:.0f} s; see {child.log_path}")
            if self._wait(0.2):
                raise InterruptedError

    @staticmethod
    def _warm(replica: Child) -> str:
        try:
            seconds, pages = warm(replica.port)
            return f"warmed (each of its {pages} pages ran once) in {seconds:.1f} s"
        except Exception as error:  # a cold replica still serves; its first readers wait longer
            return f"warm-up failed ({type(error).__name__}: {error}); it serves cold"

    def start(self) -> None:
        args = self.args
        for sub in ("temp",):
            (self.run_dir / sub).mkdir(parents=True, exist_ok=True)
        static_root = prepare_static(self.args.static_cache)
        ports = [free_port() for _ in range(args.replicas)]
        config = self.run_dir / "nginx.conf"
        config.write_text(nginx_config(args.port, args.host, ports, self.run_dir, static_root, args.preload))
        nginx = [NGINX, "-p", str(self.run_dir), "-c", str(config), "-e", str(self.run_dir / "error.log")]
        checked = subprocess.run([*nginx, "-t", "-q"], capture_output=True, text=True)
        if checked.returncode:
            raise RuntimeError(f"nginx -t rejected {config}:\n{checked.stderr}")

        self.replicas = [self._replica(i, port) for i, port in enumerate(ports)]
        for replica in self.replicas:
            replica.start()
            log(f"{replica.name}: pid {replica.pid}, http://127.0.0.1:{replica.port} (log {replica.log_path})")
        for replica in self.replicas:
            self._wait_healthy(replica, f"http://127.0.0.1:{replica.port}/_stcore/health", args.startup_timeout)
        if args.warm:
            # In parallel: each replica is a process of its own, so this takes one replica's time
            # on a machine with a core per replica.
            with ThreadPoolExecutor(len(self.replicas)) as pool:
                for replica, outcome in zip(self.replicas, pool.map(self._warm, self.replicas)):
                    log(f"{replica.name}: {outcome}")
            if self.stop_requested.is_set():
                raise InterruptedError

        self.nginx = Child("nginx", nginx, self.run_dir / "nginx.log")
        self.nginx.start()
        self._wait_healthy(self.nginx, f"http://127.0.0.1:{args.port}/_stcore/health", 30)
        self._write_state()
        shown = "localhost" if args.host in ("0.0.0.0", "::") else args.host
        log(f"nginx: pid {self.nginx.pid}, serving http://{shown}:{args.port} in front of "
            f"{len(self.replicas)} replica(s); Ctrl-C stops everything")

    def _write_state(self) -> None:
        state = {"url": f"http://127.0.0.1:{self.args.port}", "port": self.args.port, "supervisor_pid": os.getpid(),
                 "nginx_pid": self.nginx.pid if self.nginx else None,
                 "replicas": [{"name": r.name, "port": r.port, "pid": r.pid, "log": str(r.log_path)}
                              for r in self.replicas],
                 "access_log": str(self.run_dir / "access.log"), "error_log": str(self.run_dir / "error.log")}
        path = self.run_dir / "serve.json"
        path.with_suffix(".tmp").write_text(json.dumps(state, indent=1) + "\n")
        path.with_suffix(".tmp").replace(path)  # readers never see half a file

    # --- run -----------------------------------------------------------------------------------

    def watch(self) -> int:
        """Until a stop signal: restart replicas that die; stop everything if nginx dies."""
        while not self._wait(0.2):
            if not self.nginx.running():
                log(f"nginx exited with {self.nginx.process.returncode}; stopping (see {self.run_dir / 'error.log'})")
                return 1
            for replica in self.replicas:
                replica.note_descendants()
                if replica.running():
                    continue
                due = self.restart_at.get(replica.name)
                if due is None:
                    self.restart_at[replica.name] = time.monotonic() + self.args.restart_delay
                    log(f"{replica.name} (pid {replica.pid}) exited with {replica.process.returncode}; nginx "
                        f"sends its readers to the others; restarting it in {self.args.restart_delay:g} s")
                elif time.monotonic() >= due:
                    del self.restart_at[replica.name]
                    replica.start()
                    log(f"{replica.name}: restarted as pid {replica.pid} on port {replica.port}")
                    self._write_state()
        return 0

    # --- stop ----------------------------------------------------------------------------------

    def stop(self) -> None:
        children = [c for c in [self.nginx, *self.replicas] if c is not None and c.process is not None]
        for child in children:
            child.note_descendants()
        # nginx first, so no new reader reaches a replica that is going away.
        for child in children:
            child.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for child in children:
            try:
                child.process.wait(max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                log(f"{child.name} (pid {child.pid}) still running after {STOP_GRACE_S} s: SIGKILL")
                child.signal_group(signal.SIGKILL)
                child.process.wait()
        # Descendants that left their group (or outlived their parent) get the same end.
        time.sleep(0.1)
        for child in children:
            for pid in child.leftovers():
                log(f"{child.name}: descendant pid {pid} outlived it: SIGKILL")
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        (self.run_dir / "serve.json").unlink(missing_ok=True)
        log("stopped")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)), help="nginx's port")
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("REPLICAS", 2)))
    parser.add_argument("--host", default="0.0.0.0", help="nginx's address (default all; 127.0.0.1 for local only)")
    parser.add_argument("--run-dir", type=Path, default=ROOT / "build" / "serve",
                        help="nginx's config, pid, logs and temp files, and the replicas' logs")
    parser.add_argument("--static-cache", type=Path, default=ROOT / "build" / "static-gz",
                        help="where Streamlit's static files are kept compressed, per Streamlit version")
    parser.add_argument("--script", default="app.py", help="the Streamlit script, relative to the repository")
    parser.add_argument("--restart-delay", type=float, default=1.0, help="seconds before a dead replica restarts")
    parser.add_argument("--startup-timeout", type=float, default=120, help="seconds a replica may take to start")
    parser.add_argument("--no-warm", dest="warm", action="store_false",
                        help="do not run every page once on each replica before nginx starts")
    parser.add_argument("--no-preload", dest="preload", action="store_false",
                        help="do not have pages preload Streamlit's plotly chunk (deploy/nginx.conf, sub_filter)")
    parser.add_argument("--config-only", action="store_true", help="print the filled nginx.conf and exit")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    if args.config_only:
        ports = [8601 + i for i in range(args.replicas)]
        print(nginx_config(args.port, args.host, ports, args.run_dir.resolve(), prepare_static(args.static_cache.resolve()),
                           args.preload))
        return 0
    if not os.access(NGINX, os.X_OK):
        parser.error(f"{NGINX} not found: `make system-packages` installs Debian's nginx")

    supervisor = Supervisor(args)
    for sig in STOP_SIGNALS:
        signal.signal(sig, supervisor._on_signal)
    code = 0
    try:
        supervisor.start()
        code = supervisor.watch()
    except InterruptedError:
        pass
    except Exception as error:
        log(f"could not start: {error}")
        code = 1
    finally:
        # A second Ctrl-C during the shutdown must not cut it short and leave orphans.
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        supervisor.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
