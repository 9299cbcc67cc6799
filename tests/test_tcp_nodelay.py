"""The app's server sends each websocket message when it is ready (amnesty.tcp_nodelay).

Streamlit binds its listening socket itself, and asyncio then leaves Nagle's algorithm on for every
connection it accepts: a script run's small messages waited for the browser's delayed ACK, up to
40 ms at a time. First the fault, on Streamlit's own binding; then the order `streamlit run`
follows: the socket is bound, app.py is read for the ASGI app, and only then are readers accepted.
"""
import asyncio
import runpy
import socket

from streamlit.web.server.starlette import starlette_server

from amnesty.paths import ROOT


def accepted_nodelay(listener: socket.socket) -> int:
    """TCP_NODELAY on the connection that an asyncio server (as uvicorn is) accepts from `listener`."""
    async def accept_one() -> int:
        seen = asyncio.get_running_loop().create_future()

        def accepted(reader, writer):
            seen.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(accepted, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        try:
            return await asyncio.wait_for(seen, 10)
        finally:
            writer.close()
            server.close()

    return asyncio.run(accept_one())


def streamlit_listener() -> socket.socket:
    return starlette_server._bind_socket("127.0.0.1", 0, 8)


def test_streamlit_alone_leaves_nagle_on_for_the_connections_it_accepts():
    assert accepted_nodelay(streamlit_listener()) == 0


def test_once_app_py_is_read_every_connection_has_nodelay():
    listener = streamlit_listener()
    runpy.run_path(str(ROOT / "app.py"), run_name="app")  # as `streamlit run` imports it, for `app`
    assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    assert accepted_nodelay(listener) == 1
