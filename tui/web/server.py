"""textual-serve's server, guarded: a token when others can reach it, no app process left over."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import secrets
import signal
import socket
import sys
from asyncio.subprocess import Process
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tui.i18n import _, language

log = logging.getLogger("supple.serve")

TEMPLATES = Path(__file__).parent / "templates"
# How long the apps get to close by themselves when the server stops, before they are killed.
QUIT_GRACE = 5.0
# The names a browser may use for a server that listens on loopback only. Any other Host is
# a page elsewhere that had its own name point here (DNS rebinding): it is refused.
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, made here so a busy port is one line and port 0 gets a number."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def _prepare_app_process() -> None:
    """In a tab's app process, before it starts. Its own process group, so the server can end
    it together with any child it starts (a speech or sound player for a cue), which would
    otherwise outlive a killed app and hold its output open. And on Linux: if the server
    dies, however it dies, the kernel asks the app to quit too."""
    os.setpgid(0, 0)
    if sys.platform == "linux":
        PR_SET_PDEATHSIG = 1
        with contextlib.suppress(Exception):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class SuppleAppService(AppService):
    """One tab's app process, known to the server so it can be stopped with it."""

    def __init__(self, running: set[SuppleAppService], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._running = running

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            preexec_fn=_prepare_app_process,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        self._running.add(self)
        return process

    async def shut(self) -> None:
        """Ask the app to quit as a closed tab does; whatever is left of its process group
        after QUIT_GRACE (the app, any cue player it started) is killed."""
        process = self._process
        # Whatever happened to it (a closed pipe, no answer in time), it must end.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.stop(), QUIT_GRACE)
        if process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            # asyncio's wait() also waits for the output pipes to close; they are, once the
            # whole group is gone, but the server must never hang on it.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
        self._running.discard(self)


class SuppleServer(Server):
    """textual-serve with Supple's page, the token rule and a clean stop."""

    def __init__(self, command: str, *, path: Path, token: str | None) -> None:
        super().__init__(command, title="Supple", templates_path=TEMPLATES)
        self.data_path = path
        self.token = token
        self.cookie = "supple-token"
        self.running: set[SuppleAppService] = set()

    def serve_on(self, sock: socket.socket) -> None:
        """Serve until Ctrl+C (SIGINT) or SIGTERM; every app process has ended on return."""
        logging.basicConfig(level=logging.WARNING, format="supple serve: %(message)s")
        # asyncio's note when an app's exit was collected twice says nothing to act on.
        logging.getLogger("asyncio").setLevel(logging.ERROR)
        self.cookie = f"supple-token-{sock.getsockname()[1]}"
        web.run_app(
            self._make_app(),
            sock=sock,
            print=None,
            shutdown_timeout=QUIT_GRACE + 2,
            handle_signals=True,
            access_log=None,
        )

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its banner here; Supple has said what it serves already."""

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(service.shut() for service in list(self.running)))

    # -- who may come in ---------------------------------------------------------------

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Every route (the page, its websocket, static files, downloads) passes here."""
        if self.token is None and _host_name(request.host) not in LOOPBACK_NAMES:
            raise web.HTTPForbidden(text=_("Supple answers only to localhost here.") + "\n")
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            # A page from elsewhere opening our websocket would drive the app: never.
            raise web.HTTPForbidden(text=_("Supple does not answer other sites' pages.") + "\n")
        from_query = request.query.get("token")
        if self.token is not None:
            given = from_query or request.cookies.get(self.cookie, "")
            if not secrets.compare_digest(given.encode(), self.token.encode()):
                raise web.HTTPForbidden(
                    # Translators: a browser shows this; `supple serve` is a command: keep it.
                    text=_("Open Supple with the link `supple serve` printed (it has the token).")
                    + "\n"
                )
        response: web.StreamResponse = await handler(request)
        if self.token is not None and from_query and not response.prepared:
            # The page's own requests (websocket, scripts, fonts) then carry the token too.
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict")
        return response

    # -- the page and the tabs -----------------------------------------------------------

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page: its websocket and files on whatever address the browser used."""
        base = f"{request.host}"
        return {
            "title": self.title,
            "app_websocket_url": f"ws://{base}/ws",
            "static_url": f"http://{base}/static/",
            "colors": page_colors(self.data_path),
            # The page's own words, in the language `supple serve` speaks.
            "lang": language().replace("_", "-"),
            # Translators: the button on the browser page that starts Supple.
            "start_word": _("Start"),
            "closed_words": _("Supple has closed."),
            # Translators: the button on the browser page once Supple has closed.
            "again_word": _("Open again"),
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """As textual-serve's, with each tab's app process kept in `running`."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: SuppleAppService | None = None
        try:
            await websocket.prepare(request)
            service = SuppleAppService(
                self.running,
                command=self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
            log.exception(error)
        finally:
            if service is not None:
                await service.shut()
        return websocket


def _host_name(host: str) -> str:
    """`localhost:8000` → `localhost`, `[::1]:8000` → `[::1]`."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def page_colors(path: Path) -> dict[str, str]:
    """The saved theme's background and text colours, for the page around the terminal."""
    from textual.theme import BUILTIN_THEMES

    from tui.storage.store import Store

    name = "textual-dark"
    with contextlib.suppress(Exception):
        saved = Store(path).settings().get("theme")
        if isinstance(saved, str) and saved in BUILTIN_THEMES:
            name = saved
    colors = BUILTIN_THEMES[name].to_color_system().generate()
    return {"background": colors["background"], "foreground": colors["foreground"]}
