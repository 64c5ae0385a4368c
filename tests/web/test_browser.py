"""`supple serve` in a real headless browser: the home screen, a whole flow, the data file."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyte
import pytest
from playwright.sync_api import Browser, Page, WebSocket, sync_playwright

from tests.web.serving import is_alive, serve
from tui.cli import build_parser
from tui.domain.routine import Routine, default_routine
from tui.storage.store import Store

CHROMIUM = "/usr/bin/chromium"  # the system's, from its packages (.ci/run installs it)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
WAIT = 60.0  # only a failure waits this long; a shared, loaded machine is slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Terminal:
    """What the page's terminal shows, rebuilt from the bytes its websocket receives."""

    def __init__(self, page: Page) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.sockets: list[str] = []
        page.on("websocket", self._opened)

    def _opened(self, socket: WebSocket) -> None:
        self.sockets.append(socket.url)
        query = parse_qs(urlsplit(socket.url).query)
        self.screen.resize(int(query["height"][0]), int(query["width"][0]))
        socket.on("framereceived", self._received)
        socket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def _sent(self, payload: str | bytes) -> None:
        message = json.loads(payload)
        if message[0] == "resize":
            self.screen.resize(message[1]["height"], message[1]["width"])

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)


def words(text: str) -> str:
    """The words on screen, one space apart: a message wraps, and may sit in a box."""
    return " ".join(text.replace("│", " ").split())


def wait_until(page: Page, done: Callable[[], bool], what: str) -> None:
    """Let the page run until `done()` holds; fail after WAIT seconds with `what`."""
    deadline = time.monotonic() + WAIT
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")  # pytest shows the locals
        page.wait_for_timeout(50)


def bell_cues() -> tuple[str, ...]:
    """The bell as the cue, where Supple has other kinds of cues to choose from."""
    return ("--cues", "bell") if "--cues" in build_parser().format_help() else ()


def short_flow() -> Routine:
    """The default flow, every stretch in it, with doses short enough for a test at speed 20."""
    stretches = tuple(
        replace(s, hold_s=5, reps=1, inhale_s=2, exhale_s=2) for s in default_routine().stretches
    )
    return replace(default_routine(), stretches=stretches, ready_s=1, switch_s=1)


def test_a_whole_flow_in_the_browser_is_saved_to_the_file(browser: Browser, tmp_path: Path) -> None:
    db = tmp_path / "supple.json"
    store = Store.open(db)
    store.prepare()
    store.save_routine(short_flow())
    served = serve(db, "--speed", "20", before=bell_cues())
    try:
        page = browser.new_page(viewport=PHONE)
        terminal = Terminal(page)
        page.goto(served.url)
        assert page.title() == "Supple"
        wait_until(page, lambda: "Press enter to begin" in terminal.text, "the home screen")
        assert "Knee to chest" in terminal.text
        assert "Seated spinal twist" in terminal.text
        # A phone in portrait gets the 40 columns the app is laid out for.
        assert 40 <= terminal.screen.columns <= 45
        assert len(served.app_pids()) == 1

        page.focus(".xterm-helper-textarea")
        page.keyboard.press("Enter")
        wait_until(page, lambda: "Before you start" in terminal.text, "how stiff, before")
        page.keyboard.press("6")
        titles: set[str] = set()

        def asked_after() -> bool:
            titles.add(page.title())
            return "After the flow" in terminal.text

        wait_until(page, asked_after, "the end of the flow")
        page.keyboard.press("4")
        wait_until(page, lambda: "Flow complete" in terminal.text, "the summary")
        wait_until(page, lambda: "6 → 4" in terminal.text, "the summary's stiffness line")
        # The terminal title the app sets (the phase and the time left) is the page's title.
        assert any("left" in title for title in titles), titles

        def session_saved() -> bool:
            return any(s.get("completed") for s in Store(db).sessions())

        # The end-of-hold bell reached the page, which plays it (tests/web cannot hear it).
        assert page.evaluate("window.supplePage.bells") >= 1
        wait_until(page, session_saved, "the session in the data file")
        pids = served.all_pids()  # the tab's app and its writer's helpers
        (session,) = Store(db).sessions()
        assert session["speed"] == 20
        assert (session["stiffness_before"], session["stiffness_after"]) == (6, 4)
        assert session["ended_at"] is not None
        assert [step["status"] for step in session["steps"]] == ["done"] * len(session["steps"])
        page.close()
    finally:
        assert served.stop() == 0
    assert not [pid for pid in pids if is_alive(pid)]


def test_beyond_localhost_the_link_with_its_token_opens_the_app(
    browser: Browser, tmp_path: Path
) -> None:
    """The page's own requests (websocket, script, font) pass on the cookie the link set."""
    served = serve(tmp_path / "supple.json", "--host", "0.0.0.0")
    try:
        page = browser.new_page(viewport=PHONE)
        terminal = Terminal(page)
        url = served.url.replace(urlsplit(served.url).hostname or "", "127.0.0.1", 1)
        refused = page.goto(url.split("?")[0])
        assert refused is not None and refused.status == 403
        page.goto(url)
        wait_until(page, lambda: "Press enter to begin" in terminal.text, "the home screen")
        page.close()
    finally:
        served.stop()


def test_a_second_tab_during_a_run_is_told_a_run_is_in_progress(
    browser: Browser, tmp_path: Path
) -> None:
    served = serve(tmp_path / "supple.json")
    try:
        pages = [browser.new_page(viewport=PHONE) for _ in range(2)]
        terminals = [Terminal(page) for page in pages]
        for page, terminal in zip(pages, terminals, strict=True):
            page.goto(served.url)
            wait_until(page, lambda t=terminal: "Press enter to begin" in t.text, "home")
        assert len(served.app_pids()) == 2  # each tab its own app, on the same file
        first, second = pages
        first.focus(".xterm-helper-textarea")
        first.keyboard.press("Enter")
        wait_until(first, lambda: "Before you start" in terminals[0].text, "how stiff")
        first.keyboard.press("Escape")  # skips the question, and the flow begins
        wait_until(first, lambda: "Get ready" in terminals[0].text, "the flow in the first tab")
        second.focus(".xterm-helper-textarea")
        second.keyboard.press("Enter")
        wait_until(
            second,
            lambda: (
                "running in another window" in " ".join(terminals[1].text.replace("│", " ").split())
            ),
            "the second tab saying a run is in progress",
        )
        for page in pages:
            page.close()
    finally:
        served.stop()
