"""Stopping `supple serve` ends every tab's app process with it, however it is stopped."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import aiohttp
import pytest

from tests.web.serving import Served, ends_within, is_alive, serve

TABS = 2


async def with_open_tabs(served: Served, then: object) -> set[int]:
    """Open TABS tabs' websockets, wait for each app's first output, note their processes,
    then call `then()` (which stops the server) while the tabs are still open."""
    ws_url = served.url.replace("http", "ws", 1) + "ws?width=60&height=20"
    async with aiohttp.ClientSession() as session:
        sockets = [await session.ws_connect(ws_url) for _ in range(TABS)]
        for socket in sockets:
            await socket.receive(timeout=20)  # the app is up: it has drawn something
        pids = served.app_pids()
        assert len(pids) == TABS
        await asyncio.to_thread(then)  # type: ignore[arg-type]
        for socket in sockets:
            await socket.close()
    return pids


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_the_server_stops_every_app(tmp_path: Path, sig: signal.Signals) -> None:
    served = serve(tmp_path / "supple.json")
    codes: list[int] = []
    pids = asyncio.run(with_open_tabs(served, lambda: codes.append(served.stop(sig))))
    assert codes == [0]
    assert "Stopped." in "".join(served.lines)
    assert not [pid for pid in pids if is_alive(pid)]


def test_ctrl_c_in_a_terminal_stops_everything_cleanly(tmp_path: Path) -> None:
    """A terminal's Ctrl+C reaches the whole foreground process group: server and apps."""
    served = serve(tmp_path / "supple.json", own_group=True)

    def ctrl_c() -> None:
        os.killpg(served.process.pid, signal.SIGINT)
        served.process.wait(timeout=20)

    pids = asyncio.run(with_open_tabs(served, ctrl_c))
    assert served.process.returncode == 0
    assert "Traceback" not in "".join(served.lines)
    assert not [pid for pid in pids if is_alive(pid)]


def test_even_a_killed_server_leaves_no_app_behind(tmp_path: Path) -> None:
    served = serve(tmp_path / "supple.json")
    pids = asyncio.run(with_open_tabs(served, lambda: served.stop(signal.SIGKILL)))
    try:
        assert all(ends_within(pid, 10) for pid in pids)
    finally:
        for pid in pids:
            if is_alive(pid):
                os.kill(pid, signal.SIGKILL)
