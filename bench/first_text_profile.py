"""Where the browser's main thread goes before a page's first text, against the bare text page.

    python bench/first_text_profile.py [PAGE ...] [--visits N]

Serves the app and the bare text page behind nginx (as `make bench` does), visits each page in
interleaved rounds with chromium's sampling profiler running (CDP Profiler) from navigation until
the first text enters the DOM (bench/browser.py, TRACK_MUTATIONS), and prints the functions that
took the most time per visit. `(program)` is the browser's native work: parsing, style and layout.
"""
from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import TRACK_MUTATIONS, VIEWPORT, Browser  # noqa: E402
from serve import BARE_APP, ROOT, serve_proxy  # noqa: E402

SAMPLING_US = 200


def profile(browser: Browser, url: str) -> tuple[float, collections.Counter]:
    """(first text in ms from navigation start, µs of samples per function) for one fresh visit."""
    context = browser._browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(TRACK_MUTATIONS)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": SAMPLING_US})
        cdp.send("Profiler.start")
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__firstText !== null", polling=10, timeout=60_000)
        recorded = cdp.send("Profiler.stop")["profile"]
        first_text = page.evaluate("window.__firstText")
    finally:
        context.close()
    frames = {node["id"]: node["callFrame"] for node in recorded["nodes"]}
    spent = collections.Counter()
    # timeDeltas[i] is the time before sample i, so sample i lasted until timeDeltas[i + 1].
    for sample, lasted in zip(recorded["samples"], recorded["timeDeltas"][1:] + [0]):
        frame = frames[sample]
        spent[f'{frame["functionName"] or "(anonymous)"} {frame["url"].rsplit("/", 1)[-1]}'] += lasted
    return first_text, spent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=[""], help="paths, e.g. data act ('' is the Overview)")
    parser.add_argument("--visits", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare_text_app.py"
        bare_script.write_text(BARE_APP)
        with Browser() as browser, serve_proxy(ROOT / "app.py", Path(tmp) / "app") as app, \
                serve_proxy(bare_script, Path(tmp) / "bare") as bare:
            targets = [("bare text page", bare.url + "/")] + [(f"/{p}", f"{app.url}/{p}") for p in args.pages]
            for _, url in targets:  # uncounted: the server's first imports
                browser.visit(url)
            texts = {label: [] for label, _ in targets}
            totals = {label: collections.Counter() for label, _ in targets}
            for _ in range(args.visits):
                for label, url in targets:
                    first_text, spent = profile(browser, url)
                    texts[label].append(first_text)
                    totals[label].update(spent)
    for label, spent in totals.items():
        per_visit = sum(spent.values()) / args.visits / 1000
        print(f"{label}: first text {', '.join(f'{t:.0f}' for t in texts[label])} ms; "
              f"{per_visit:.0f} ms of samples per visit")
        for name, us in spent.most_common(args.top):
            print(f"  {us / args.visits / 1000:7.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
