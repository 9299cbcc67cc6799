"""Start and stop `deploy/serve.py` (nginx in front of Streamlit replicas) for the tests and the bench.

The supervisor writes <run_dir>/serve.json once nginx answers; the helpers here read its ports and
pids from there, and the processes under it from /proc.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from app_server import ROOT, free_port

SERVE = ROOT / "deploy" / "serve.py"
# One access-log line: deploy/nginx.conf's log_format "upstream".
ACCESS_LINE = re.compile(r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) (?P<bytes>\d+) '
                         r'upstream=(?P<upstream>.*?) upstream_status=(?P<upstream_status>.*?) '
                         r'replica_key=(?P<key>\S*) request_time=')


def descendants(pid: int) -> list[int]:
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


def start_time(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def alive(pid: int, started: str | None) -> bool:
    """The process `pid` that started at `started` still runs (not a zombie, not a reused pid)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z" and start_time(pid) == started


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Proxy:
    url: str
    port: int
    process: subprocess.Popen  # the supervisor, or `make serve` when started through make
    run_dir: Path
    log: Path

    @property
    def state(self) -> dict:
        return json.loads((self.run_dir / "serve.json").read_text())

    def replicas(self) -> list[dict]:
        return self.state["replicas"]

    def tree(self) -> dict[int, str | None]:
        """Every process of the deployment (pid -> start time): the supervisor and all below it."""
        pids = [self.process.pid, *descendants(self.process.pid)]
        return {pid: start_time(pid) for pid in pids}

    def replica_rss_mb(self) -> float:
        """Resident memory of every replica with its children, in MB."""
        return sum(rss_mb(pid) for r in self.replicas() for pid in [r["pid"], *descendants(r["pid"])])

    def access_log(self) -> list[dict]:
        path = self.run_dir / "access.log"
        lines = path.read_text(errors="replace").splitlines() if path.exists() else []
        return [m.groupdict() for line in lines if (m := ACCESS_LINE.search(line))]

    def log_text(self) -> str:
        """Every replica's log, one after the other (restarted replicas append to theirs)."""
        return "".join(log.read_text(errors="replace") for log in sorted(self.run_dir.glob("replica-*.log")))

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self, sig: int = signal.SIGTERM, group: bool = False, timeout: float = 30) -> int:
        """Send `sig` to the supervisor (or, with group, to its whole process group, as a terminal's
        Ctrl-C does) and wait for it to exit; return its exit code."""
        if self.process.poll() is None:
            if group:
                os.killpg(self.process.pid, sig)
            else:
                self.process.send_signal(sig)
        return self.process.wait(timeout)


def start(db_path: Path, run_dir: Path, replicas: int = 2, via_make: bool = False, restart_delay: float = 1.0,
          script: str = "app.py", warm: bool = True, preload: bool = True, startup_timeout: float = 180) -> Proxy:
    """`deploy/serve.py` (or `make serve`) on a free loopback port, serving db_path; returns once
    serve.json is written, which the supervisor does after nginx answers /_stcore/health."""
    port = free_port()
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "serve.json").unlink(missing_ok=True)
    if via_make:
        command = ["make", "--no-print-directory", "serve", f"PORT={port}", f"REPLICAS={replicas}",
                   f"SERVE_DIR={run_dir}",
                   f"SERVE_ARGS={' '.join([*([] if warm else ['--no-warm']), *([] if preload else ['--no-preload'])])}"]
    else:
        command = [sys.executable, str(SERVE), "--port", str(port), "--replicas", str(replicas), "--host",
                   "127.0.0.1", "--run-dir", str(run_dir), "--restart-delay", str(restart_delay), "--script", script,
                   *([] if warm else ["--no-warm"]), *([] if preload else ["--no-preload"])]
    log = run_dir / "supervisor.log"
    with open(log, "w") as out:
        # A session of its own: its process group is what a terminal's Ctrl-C would reach.
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "AMNESTY_DB": str(db_path)},
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    proxy = Proxy(f"http://127.0.0.1:{port}", port, process, run_dir, log)
    deadline = time.monotonic() + startup_timeout
    while not (run_dir / "serve.json").exists():
        if process.poll() is not None:
            raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}:\n{proxy.output()[-3000:]}")
        if time.monotonic() > deadline:
            proxy.stop(signal.SIGTERM)
            raise RuntimeError(f"the proxy did not start in {startup_timeout} s:\n{proxy.output()[-3000:]}")
        time.sleep(0.2)
    return proxy
