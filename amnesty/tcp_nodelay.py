"""Streamlit's server sends each message the moment it is ready: TCP_NODELAY on its connections.

Streamlit 1.67 binds its listening socket itself and leaves the socket's protocol number at 0.
asyncio turns Nagle's algorithm off only on a connection whose socket says IPPROTO_TCP, so every
connection the server accepts keeps it on. A script run's messages then leave in bursts: after the
first frame, the next small frames wait for the peer's delayed ACK (up to 40 ms on Linux), and a
page pays that again after each pause in its script. A page's first messages, ready 4 ms after the
rerun was asked for, reached the client at 44 ms (bench/RESULTS.md, issue 16). uvicorn's own socket
binding has the same cause: Kludex/uvicorn issue 3149.

The cure is the option on the listening socket, which Linux copies to each socket it accepts.
`streamlit run` binds before it imports app.py for the ASGI app, and app.py calls
`send_without_delay`: the socket is there to be found, and no connection has been accepted yet.
"""
from __future__ import annotations

import os
import socket

FD_DIR = "/proc/self/fd"  # Linux; elsewhere there is nothing to find and nothing is changed


def send_without_delay() -> int:
    """Set TCP_NODELAY on every listening TCP socket of this process; return how many."""
    changed = 0
    names = os.listdir(FD_DIR) if os.path.isdir(FD_DIR) else []
    for name in names:
        try:
            # A duplicate of the descriptor shares the socket; closing it leaves the server's open.
            duplicate = os.dup(int(name))
        except OSError:  # closed since it was listed (the listing's own descriptor)
            continue
        try:
            sock = socket.socket(fileno=duplicate)
        except OSError:  # not a socket
            os.close(duplicate)
            continue
        with sock:
            if (sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM
                    and sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                changed += 1
    return changed
