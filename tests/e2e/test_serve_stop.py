"""`make serve` stops whole: one Ctrl-C (or a process manager's SIGTERM) leaves no process behind
and no port listening."""
from __future__ import annotations

import signal
import time
import urllib.request

import pytest

import proxy_server


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_one_signal_stops_nginx_and_every_replica(built_db, tmp_path, how):
    proxy = proxy_server.start(built_db, tmp_path / "serve", replicas=2, via_make=True, warm=False)
    try:
        state = proxy.state
        with urllib.request.urlopen(proxy.url + "/_stcore/health", timeout=10) as response:
            assert response.read() == b"ok"
        # Let the supervisor see the replicas' children too, as it would after a few seconds.
        time.sleep(0.5)
        tree = proxy.tree()
        ports = [proxy.port, *(r["port"] for r in state["replicas"])]
        # make, the supervisor, nginx's master and workers, two replicas.
        assert {state["supervisor_pid"], state["nginx_pid"], *(r["pid"] for r in state["replicas"])} <= set(tree)
        assert all(proxy_server.listening(port) for port in ports)
    except BaseException:
        proxy.stop(signal.SIGTERM, group=True)
        raise

    if how == "ctrl-c":
        # A terminal's Ctrl-C: SIGINT to the foreground process group (make and the supervisor).
        code = proxy.stop(signal.SIGINT, group=True)
    else:
        # A process manager: SIGTERM to make alone, which passes it on to its recipe.
        code = proxy.stop(signal.SIGTERM, group=False)

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(proxy_server.alive(pid, t) for pid, t in tree.items()):
        time.sleep(0.1)
    left = {pid for pid, started in tree.items() if proxy_server.alive(pid, started)}
    assert not left, f"still running after {how}: {left}\n{proxy.output()[-2000:]}"
    assert not [port for port in ports if proxy_server.listening(port)]
    assert "stopped" in proxy.output(), proxy.output()[-2000:]
    assert code is not None
