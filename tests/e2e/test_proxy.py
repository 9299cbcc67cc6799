"""The production shape, in chromium: nginx (deploy/nginx.conf) in front of two replicas, started by
deploy/serve.py as `make serve` starts it.

Each test opens its own browser context, so its cookies (the sticky-replica cookie among them) are
its own. What the proxy did is read from its access log, which names the replica (or replicas,
when the first was down) each request was sent to.
"""
from __future__ import annotations

import gzip
import http.server
import os
import re
import signal
import threading
import time
import urllib.error
import urllib.request

import pytest

import proxy_server
from amnesty.db import run_query
from streamlit_page import TIMEOUT_MS, drawn_charts, open_page, problems, settle
from test_act_journeys import assert_shows_act

COOKIE = "amnesty_replica"
# The test kills a replica; the supervisor starts it again after this long, so the requests just
# after the kill meet a dead replica for certain.
RESTART_DELAY_S = 5


@pytest.fixture(scope="module")
def proxy(built_db, tmp_path_factory):
    served = proxy_server.start(built_db, tmp_path_factory.mktemp("serve"), replicas=2,
                                restart_delay=RESTART_DELAY_S)
    yield served
    served.stop(signal.SIGTERM)
    assert "Traceback" not in served.log_text(), served.log_text()[-4000:]


@pytest.fixture
def context(browser):
    """A fresh reader: empty cache, no cookies."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def replica_cookie(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == COOKIE)


def upstreams(proxy, key: str, path_prefix: str = "") -> list[str]:
    """The `upstream` field of each proxied request of the reader with sticky key `key`."""
    return [line["upstream"] for line in proxy.access_log()
            if line["key"] == key and line["path"].startswith(path_prefix) and line["upstream"] != "-"]


def wait_for_streams(proxy, key: str, count: int, timeout_s: float = 10) -> list[dict]:
    """The access-log lines of the reader's websockets, once `count` of them have closed."""
    deadline = time.monotonic() + timeout_s
    while True:
        lines = [line for line in proxy.access_log() if line["key"] == key and line["path"] == "/_stcore/stream"]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def healthy(url: str) -> bool:
    try:
        return get(url + "/_stcore/health")[0] == 200
    except OSError:  # refused: not listening yet
        return False


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_page_renders_with_charts_gzip_js_from_disk_and_security_headers(proxy, context):
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    open_page(page, proxy.url + "/")
    assert problems(page) == [] and drawn_charts(page) >= 1

    document = next(r for r in responses if r.url == proxy.url + "/")
    headers = document.all_headers()
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == "frame-ancestors 'none'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["content-encoding"] == "gzip"

    scripts = [r for r in responses if "/static/js/" in r.url and r.url.endswith(".js")]
    # The app's own bundle and the plotly chunk Streamlit lazy-loads for the first chart.
    assert any("/PlotlyChart." in r.url for r in scripts), [r.url for r in scripts]
    for response in scripts:
        headers = response.all_headers()
        assert headers.get("content-encoding") == "gzip", response.url
        assert headers["cache-control"] == "public, max-age=31536000, immutable", response.url

    # The bundle came from disk: nginx sent no /static/ request to a replica.
    static = [line for line in proxy.access_log() if line["path"].startswith("/static/")]
    assert static and all(line["upstream"] == "-" for line in static)
    # The session's websocket was upgraded and went to a replica (nginx logs it once it closes).
    key = replica_cookie(context)
    page.close()
    streams = wait_for_streams(proxy, key, 1)
    assert [line["status"] for line in streams] == ["101"] and streams[0]["upstream"] != "-"


def test_metrics_are_not_public_and_health_passes_through(proxy):
    status, _, body = get(proxy.url + "/_stcore/health")
    assert (status, body) == (200, b"ok")
    replica = proxy.replicas()[0]
    # A replica answers /_stcore/metrics on its loopback port; the proxy does not pass it on.
    assert get(f"http://127.0.0.1:{replica['port']}/_stcore/metrics")[0] == 200
    assert get(proxy.url + "/_stcore/metrics")[0] == 404
    assert get(proxy.url + "/_stcore/metrics?format=proto")[0] == 404
    # Streamlit would compress nothing of its bundle; the proxy does, and says so for caches.
    status, headers, body = get(proxy.url + "/", **{"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    # The page asks for the plotly chunk at once (the bundle's own file), not when a chart arrives.
    preload = re.search(r'<link rel="modulepreload" crossorigin href="\./(static/js/PlotlyChart\.[\w-]+\.js)">',
                        gzip.decompress(body).decode())
    assert preload and get(f"{proxy.url}/{preload[1]}")[0] == 200


def test_a_deep_link_finds_the_server_at_the_first_try_and_keeps_its_page(proxy, context, db):
    """Streamlit's frontend would first ask /act/_stcore/health, get a 404 and wait 100 ms before
    asking the root; the proxy's pages say where the server is (deploy/serve.py, BASE_URL_SCRIPT)."""
    act = run_query(db, "acts").iloc[0]  # not the default act: only the URL can bring it
    page = context.new_page()
    health = []
    page.on("request", lambda request: health.append(request.url) if "_stcore/health" in request.url else None)
    open_page(page, f"{proxy.url}/act?act={act.act_id}")
    assert_shows_act(page, db, act)
    assert health == [f"{proxy.url}/_stcore/health"]
    assert page.url == f"{proxy.url}/act?act={act.act_id}"

    # The page paths the frontend writes are still the app's own.
    page.get_by_role("link", name="Sources & method").first.click()
    page.wait_for_url(f"{proxy.url}/sources")
    page.get_by_role("heading", name="Sources & method", level=1).wait_for()
    page.go_back()
    page.wait_for_url(f"{proxy.url}/act?act={act.act_id}")
    settle(page)
    assert_shows_act(page, db, act)


@pytest.fixture
def other_site(proxy):
    """Another site on loopback (localhost, another port: another origin) whose page frames /act
    and /embed. A real server: chromium refuses a loopback frame in a page that Playwright made up
    (route.fulfill), whatever the headers say."""
    html = (f'<iframe id="app" src="{proxy.url}/act"></iframe>'
            f'<iframe id="embed" src="{proxy.url}/embed"></iframe>').encode()

    class Parent(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Parent)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/"
    server.shutdown()


def test_only_the_embed_page_may_be_framed(proxy, context, other_site):
    page = context.new_page()
    page.goto(other_site)
    page.frame_locator("#embed").locator("[data-testid=stApp]").wait_for(state="attached")
    app = page.locator("#app").element_handle().content_frame()
    # A refused frame is left on chromium's error page, without the app's document.
    app.wait_for_url("chrome-error://**")
    assert app.locator("[data-testid=stApp]").count() == 0

    _, headers, _ = get(proxy.url + "/embed")
    assert "x-frame-options" not in headers
    assert headers["content-security-policy"] == "frame-ancestors *"


def test_a_session_survives_a_reload_on_its_replica(proxy, context, db):
    acts = run_query(db, "acts")
    act = acts.iloc[0]  # not the default (the last act), so only the URL can bring it back
    page = context.new_page()
    open_page(page, f"{proxy.url}/act?act={act.act_id}")
    assert_shows_act(page, db, act)
    key = replica_cookie(context)

    page.reload(wait_until="domcontentloaded")
    open_page(page, page.url)
    assert_shows_act(page, db, act)
    assert replica_cookie(context) == key
    page.close()
    # Both visits, each with its page and its websocket, reached one replica.
    assert len(wait_for_streams(proxy, key, 2)) == 2
    sent_to = upstreams(proxy, key)
    assert len(set(sent_to)) == 1, sent_to


def test_a_dead_replica_is_skipped_and_started_again(proxy, browser, context):
    page = context.new_page()
    open_page(page, proxy.url + "/")
    key = replica_cookie(context)
    (address,) = set(upstreams(proxy, key))  # its page request (its websocket is logged on close)
    victim = next(r for r in proxy.replicas() if address.endswith(f":{r['port']}"))
    started = proxy_server.start_time(victim["pid"])

    os.kill(victim["pid"], signal.SIGKILL)
    deadline = time.monotonic() + 10
    while proxy_server.alive(victim["pid"], started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not proxy_server.alive(victim["pid"], started)

    # A returning reader whose replica it was (same sticky cookie), and a new reader.
    returning = browser.new_context(viewport={"width": 1280, "height": 900})
    returning.add_cookies([{"name": COOKIE, "value": key, "url": proxy.url}])
    readers = [returning, browser.new_context()]
    try:
        for reader in readers:
            reader.set_default_timeout(TIMEOUT_MS)
            tab = reader.new_page()
            open_page(tab, proxy.url + "/")
            assert problems(tab) == [] and drawn_charts(tab) >= 1
    finally:
        for reader in readers:
            reader.close()
    # nginx tried the dead replica first for the returning reader, then the next one: both are in
    # the log line of its page request.
    retried = [u for u in upstreams(proxy, key) if "," in u]
    assert retried and retried[0].split(", ")[0] == address, upstreams(proxy, key)

    # The supervisor starts the replica again on its port.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        now = next(r for r in proxy.replicas() if r["name"] == victim["name"])
        if now["pid"] != victim["pid"] and healthy(f"http://127.0.0.1:{victim['port']}"):
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"{victim['name']} was not started again:\n{proxy.output()[-2000:]}")
    assert f"{victim['name']}: restarted as pid {now['pid']}" in proxy.output()
