"""Stopping `supple serve` ends every tab's app (and its helpers) with it, however stopped."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import aiohttp
import pytest

from tests.web.serving import Served, ends_within, is_alive, serve
from tui.storage.store import Store

TABS = 2


async def with_open_tabs(served: Served, db: Path, then: object) -> set[int]:
    """Open TABS tabs' websockets, start the flow in the first (so its app has saved, and
    started its writer's helper processes), note every process under the server, then call
    `then()` (which stops the server) while the tabs are still open."""
    ws_url = served.url.replace("http", "ws", 1) + "ws?width=60&height=20"
    async with aiohttp.ClientSession() as session:
        sockets = [await session.ws_connect(ws_url) for _ in range(TABS)]
        for socket in sockets:
            await socket.receive(timeout=20)  # the app is up: it has drawn something
        assert len(served.app_pids()) == TABS
        await sockets[0].send_json(["stdin", "\r"])  # start; then how stiff: 5
        await sockets[0].send_json(["stdin", "5"])
        while not Store(db).sessions():
            await sockets[0].receive(timeout=20)  # the flow is drawing: wait for its save
        pids = served.all_pids()  # the apps, and any helper process an app has started
        await asyncio.to_thread(then)  # type: ignore[arg-type]
        for socket in sockets:
            await socket.close()
    return pids


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_the_server_stops_every_app(tmp_path: Path, sig: signal.Signals) -> None:
    db = tmp_path / "supple.json"
    served = serve(db)
    codes: list[int] = []
    pids = asyncio.run(with_open_tabs(served, db, lambda: codes.append(served.stop(sig))))
    assert codes == [0]
    assert "Stopped." in "".join(served.lines)
    assert not [pid for pid in pids if is_alive(pid)]


def test_ctrl_c_in_a_terminal_stops_everything_cleanly(tmp_path: Path) -> None:
    """A terminal's Ctrl+C reaches the whole foreground process group: server and apps."""
    db = tmp_path / "supple.json"
    served = serve(db, own_group=True)

    def ctrl_c() -> None:
        os.killpg(served.process.pid, signal.SIGINT)
        served.process.wait(timeout=20)

    pids = asyncio.run(with_open_tabs(served, db, ctrl_c))
    assert served.process.returncode == 0
    assert "Traceback" not in "".join(served.lines)
    assert not [pid for pid in pids if is_alive(pid)]


def test_even_a_killed_server_leaves_no_app_behind(tmp_path: Path) -> None:
    db = tmp_path / "supple.json"
    served = serve(db)
    pids = asyncio.run(with_open_tabs(served, db, lambda: served.stop(signal.SIGKILL)))
    try:
        assert all(ends_within(pid, 10) for pid in pids)
    finally:
        for pid in pids:
            if is_alive(pid):
                os.kill(pid, signal.SIGKILL)
