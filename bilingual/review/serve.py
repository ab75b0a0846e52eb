"""Review stage, serving: bind a socket, print the tokenised URL, run uvicorn until Ctrl-C.

uvicorn handles SIGINT/SIGTERM itself: it stops accepting, lets the request in
progress finish and returns, so a pins file is never left half-written (each is
written by one atomic rename anyway). ``port=0`` binds a free port, which the
printed URL names. Binding to every interface is allowed only when asked
(``--host 0.0.0.0``), with a warning.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import secrets
import socket
import webbrowser
from collections.abc import Callable

import uvicorn

from bilingual.review.app import allowed_hosts, create_app
from bilingual.review.session import Session

log = logging.getLogger(__name__)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def browser_available() -> bool:
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def serve(
    session: Session,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    open_browser: bool = False,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve ``session`` until interrupted; ``echo`` receives the URL to open (with its token)."""
    if not _is_loopback(host):
        log.warning(
            "listening on %s: anyone who can reach this machine and has the URL (its token) can edit the "
            "pins of %s",
            host,
            session.root,
        )
    sock = bind(host, port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    app = create_app(session, token, allowed_hosts(host, port), port)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else (f"[{host}]" if ":" in host else host)
    url = f"http://{shown}:{port}/?token={token}"
    echo(f"bilingual review: {session.root} ({len(session.pairs)} documents)")
    echo(f"open {url}")
    echo("Ctrl-C stops the server; every edit is already saved.")
    if open_browser and browser_available():
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=5)
    # uvicorn shuts down gracefully on Ctrl-C, then re-raises the signal so that a caller may
    # stop too; Ctrl-C is how this server is meant to end, so that is a clean exit here.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
    echo("bilingual review stopped")
