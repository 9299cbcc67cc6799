"""When each message of a page's script run reaches a websocket client, in ms from the request.

    python bench/ws_timeline.py [PAGE ...] [--db FILE] [--script app.py]

Serves the script (`streamlit run`, direct, no proxy), runs each page once to warm the caches,
then prints one new session's messages: the time each arrived, its kind and its size. A burst that
arrives long after the script made it is a transport wait, not the script (amnesty.tcp_nodelay).
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import ROOT, serve  # noqa: E402


async def visit(base: str, page: str) -> list[tuple[float, str, int]]:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen = []
    async with websockets.connect("ws" + base.removeprefix("http") + "/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None) as ws:
        request = BackMsg()
        request.rerun_script.page_name = page
        asked = time.perf_counter()
        await ws.send(request.SerializeToString())
        while True:
            raw = await ws.recv()
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if kind == "delta":
                delta = message.delta
                inner = delta.WhichOneof("type")
                part = {"new_element": delta.new_element, "add_block": delta.add_block}.get(inner)
                kind = f"{inner}:{part.WhichOneof('type')}" if part is not None else inner
            seen.append(((time.perf_counter() - asked) * 1000, kind, len(raw)))
            if kind == "script_finished":
                return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=[""], help="url paths, '' for the main page")
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "amnesty.duckdb")
    parser.add_argument("--script", type=Path, default=ROOT / "app.py")
    args = parser.parse_args()
    with serve(args.script, env={"AMNESTY_DB": str(args.db)}) as (base, _):
        for page in args.pages:
            asyncio.run(visit(base, page))
        for page in args.pages:
            print(f"/{page}")
            for at, kind, size in asyncio.run(visit(base, page)):
                print(f"  {at:7.1f} ms  {kind:32} {size:7d} B")


if __name__ == "__main__":
    main()
