"""Who may open a served Supple: anyone on this computer, and beyond it only with the token."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from tests.web.serving import Served, serve
from tui.commands.serve import lan_address


def outside_address() -> str:
    """An address of this machine that is not loopback, if it has one it can listen on;
    else 0.0.0.0, reached through 127.0.0.1 (the token rule holds for any such host)."""
    address = lan_address()
    if address.startswith("127."):
        return "0.0.0.0"
    with socket.socket() as probe:
        try:
            probe.bind((address, 0))
        except OSError:
            return "0.0.0.0"
    return address


@pytest.fixture(scope="module")
def exposed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str, str]]:
    """The server on a non-loopback host; the base URL to reach it, and its token."""
    host = outside_address()
    served = serve(tmp_path_factory.mktemp("exposed") / "supple.json", "--host", host)
    parts = urlsplit(served.url)
    token = parse_qs(parts.query)["token"][0]
    reach = "127.0.0.1" if host == "0.0.0.0" else host
    yield served, f"http://{reach}:{parts.port}", token
    served.stop()


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = serve(tmp_path_factory.mktemp("local") / "supple.json")
    yield served
    served.stop()


async def status(url: str, **options: object) -> int:
    async with aiohttp.ClientSession() as session, session.get(url, **options) as response:
        return response.status


async def websocket_status(url: str, **options: object) -> int:
    """101 once the websocket is open (then closed again), else the refusal's status."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, **options):
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def test_beyond_localhost_it_says_so_and_shows_a_qr_code(exposed: tuple[Served, str, str]) -> None:
    served, _, token = exposed
    said = "".join(served.lines)
    assert "This exposes Supple to the local network" in said
    assert f"?token={token}" in served.url
    assert "http://0.0.0.0" not in served.url  # a phone needs an address it can reach
    qr_rows = [line for line in served.lines if len(line) > 20 and set(line.strip()) <= set("█▀▄ ")]
    assert len(qr_rows) > 10


def test_beyond_localhost_every_request_without_the_token_is_refused(
    exposed: tuple[Served, str, str],
) -> None:
    _, base, token = exposed
    assert asyncio.run(status(f"{base}/")) == 403
    assert asyncio.run(status(f"{base}/?token=not-{token}")) == 403
    assert asyncio.run(status(f"{base}/static/js/textual.js")) == 403
    assert asyncio.run(status(f"{base}/download/anything")) == 403
    ws = base.replace("http", "ws", 1) + "/ws"
    assert asyncio.run(websocket_status(ws)) == 403
    assert asyncio.run(websocket_status(ws, headers={"Cookie": "supple-token-1=wrong"})) == 403


def test_the_token_opens_the_page_and_its_cookie_lets_the_page_s_requests_in(
    exposed: tuple[Served, str, str],
) -> None:
    _, base, token = exposed

    async def visit() -> tuple[int, int, int]:
        # Like a browser, keep the cookie a server on a bare IP address sets.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            async with session.get(f"{base}/?token={token}") as page:
                page_status = page.status
            async with session.get(f"{base}/static/js/textual.js") as script:
                script_status = script.status
            ws = base.replace("http", "ws", 1) + "/ws?width=40&height=20"
            async with session.ws_connect(ws, headers={"Origin": base}):
                ws_status = 101
        return page_status, script_status, ws_status

    assert asyncio.run(visit()) == (200, 200, 101)


def test_on_localhost_no_token_is_needed_but_other_sites_are_refused(local: Served) -> None:
    assert "token" not in local.url
    assert "exposed" not in "".join(local.lines)
    assert asyncio.run(status(local.url)) == 200
    assert asyncio.run(status(f"{local.url}static/js/textual.js")) == 200
    # A page elsewhere whose name was pointed at 127.0.0.1 (DNS rebinding) is refused.
    port = urlsplit(local.url).port
    assert asyncio.run(status(local.url, headers={"Host": f"elsewhere.example:{port}"})) == 403
    # A page elsewhere opening the websocket would drive the app: refused.
    ws = local.url.replace("http", "ws", 1) + "ws"
    assert asyncio.run(websocket_status(ws, headers={"Origin": "http://elsewhere.example"})) == 403
