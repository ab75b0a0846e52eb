"""Review stage, the web app: pages and the JSON API over a :class:`~bilingual.review.session.Session`.

Starlette (ASGI), served by uvicorn from :mod:`bilingual.cli.review_cmd`.
Every request passes :class:`Guard` first: the Host header must name this
server (``127.0.0.1:PORT``, ``localhost:PORT`` or the ``--host`` value: a page
on another site that resolves its own name to 127.0.0.1, DNS rebinding, gets
403), and the session token must come with it (the ``X-Bilingual-Token`` header,
or the cookie that opening the printed ``/?token=…`` URL sets: 401 otherwise).
Edits are POSTs of JSON (a cross-site form cannot send that) and the cookie is
``SameSite=Strict``. Pages are Jinja2 templates (autoescape on, undefined
names are errors); the script is one small file, no build step.

API (also in the README): ``GET /api/documents``, ``GET /api/documents/NAME``,
``POST /api/documents/NAME/edits`` with ``{"version", "op", "bead", ...}``:
200 and the new document; 409 on a stale version; 422 for an edit that cannot
be made (nothing written); 404 for an unknown document.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from bilingual.formats.html import en_date, zh_date
from bilingual.review import views
from bilingual.review.edits import EditError
from bilingual.review.session import Conflict, Session

HEADER = "x-bilingual-token"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def cookie_name(port: int) -> str:
    """Cookies ignore the port: two servers on one machine each need their own name."""
    return f"bilingual_review_{port}"


def allowed_hosts(host: str, port: int) -> set[str]:
    return {f"127.0.0.1:{port}", f"localhost:{port}", f"{host}:{port}", f"[::1]:{port}"}


class Guard:
    """ASGI middleware: 403 for a foreign Host header, 401 without the session token."""

    def __init__(self, app: ASGIApp, token: str, hosts: Iterable[str], cookie: str) -> None:
        self.app, self.token, self.hosts, self.cookie = app, token, set(hosts), cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response: Response | None = None
        if request.headers.get("host", "").lower() not in self.hosts:
            response = PlainTextResponse("403: this server answers only to its own address", 403)
        elif secrets.compare_digest(request.query_params.get("token", ""), self.token):
            # The printed URL: keep the token in a cookie, drop it from the address bar.
            response = RedirectResponse(request.url.remove_query_params("token").path, 303)
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict")
        else:
            given = request.headers.get(HEADER) or SimpleCookie(request.headers.get("cookie", "")).get(
                self.cookie, None
            )
            value = given if isinstance(given, str) else (given.value if given is not None else "")
            if not secrets.compare_digest(value, self.token):
                response = PlainTextResponse(
                    "401: open the URL bilingual review printed (it holds the session token)", 401
                )
        if response is not None:
            await response(scope, receive, send)
            return

        async def secured(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, secured)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bilingual.review", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["zh_date"] = zh_date
    env.filters["en_date"] = en_date
    env.globals["label"] = views.label
    return env


def create_app(session: Session, token: str, hosts: Iterable[str], port: int) -> Starlette:
    """The app for one session; ``hosts`` are the Host header values it answers to."""
    env = environment()
    low = session.settings.low_confidence

    def page(template: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = env.get_template(template).render(low=low, **values)
        return HTMLResponse(html, status)

    def named(request: Request) -> str:
        name = str(request.path_params["name"])
        if name not in session.pairs:
            raise KeyError(name)
        return name

    async def index(request: Request) -> Response:
        documents = await run_in_threadpool(lambda: {n: session.get(n) for n in session.pairs})
        entries = [(n, d, views.counts(d, low)) for n, d in documents.items()]
        return page("index.html", entries=entries, root=str(session.root))

    async def document_page(request: Request) -> Response:
        try:
            name = named(request)
        except KeyError:
            return page("missing.html", 404, name=request.path_params["name"])
        state = await run_in_threadpool(session.get, name)
        return page("document.html", name=name, doc=state, rows=views.rows(state, low))

    async def rows_fragment(request: Request) -> Response:
        try:
            name = named(request)
        except KeyError:
            return PlainTextResponse("no such document", 404)
        state = await run_in_threadpool(session.get, name)
        return page("rows.html", name=name, doc=state, rows=views.rows(state, low))

    async def api_documents(request: Request) -> Response:
        documents = await run_in_threadpool(lambda: {n: session.get(n) for n in session.pairs})
        return JSONResponse([views.summary(n, d, low) for n, d in documents.items()])

    async def api_document(request: Request) -> Response:
        try:
            name = named(request)
        except KeyError:
            return JSONResponse({"error": f"no document {request.path_params['name']!r}"}, 404)
        state = await run_in_threadpool(session.get, name)
        return JSONResponse(views.document(name, state, low))

    async def api_edit(request: Request) -> Response:
        try:
            name = named(request)
        except KeyError:
            return JSONResponse({"error": f"no document {request.path_params['name']!r}"}, 404)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"error": "send the edit as application/json"}, 415)
        try:
            body = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"error": "the body is not JSON"}, 400)
        if not isinstance(body, dict):
            return JSONResponse(
                {"error": 'expected an object such as {"version": 1, "op": "merge", "bead": 0}'}, 400
            )
        try:
            state = await run_in_threadpool(session.edit, name, body)
        except Conflict as exc:
            current = await run_in_threadpool(session.get, name)
            return JSONResponse({**views.document(name, current, low), "error": exc.message}, 409)
        except EditError as exc:
            return JSONResponse({"error": exc.message}, 422)
        return JSONResponse(views.document(name, state, low))

    routes = [
        Route("/", index),
        Route("/documents/{name}", document_page),
        Route("/documents/{name}/rows", rows_fragment),
        Route("/api/documents", api_documents),
        Route("/api/documents/{name}", api_document),
        Route("/api/documents/{name}/edits", api_edit, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("bilingual.review", "static")]), name="static"),
    ]
    guard = Middleware(Guard, token=token, hosts=hosts, cookie=cookie_name(port))
    return Starlette(routes=routes, middleware=[guard])
